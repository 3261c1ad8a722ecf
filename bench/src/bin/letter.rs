//! Setting a letter to the GP as a PDF (typst, `crates/document`): a letter like the IBS
//! school's 3-month letter (five scores, an assessment of a few paragraphs with æøå, a
//! signature), `RUNS` of them (each its own patient) one after the other as the letters
//! job sets them. Reports the
//! time per letter and the process's peak resident memory, and the build profile it ran
//! in. Budget: well under a second per letter and under 150 MB peak, so the job never
//! holds up the server (it runs on a blocking thread). `--write` puts the table into
//! docs/performance.md. Not a test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;

use carepath_document::pdf::{Block, Document, render};

const RUNS: usize = 30;

fn letter() -> Document {
    let row = |title: &str, start: &str, now: &str, change: &str, yes: &str| {
        vec![
            title.to_owned(),
            start.to_owned(),
            now.to_owned(),
            change.to_owned(),
            yes.to_owned(),
        ]
    };
    Document {
        title: "Mage-tarmskolen: status etter tre måneder".into(),
        lang: "nb".into(),
        from: vec!["Mage-tarm-poliklinikken".into(), "Telefon 55 00 00 00".into()],
        date: "5. desember 2026".into(),
        to: vec!["Til fastlege".into(), "Dr. Dahle, Åsane legesenter".into(), "HER-id 999999103".into()],
        facts: vec![
            ["Pasient".into(), "Sofie Demo Lie".into()],
            ["Fødselsnummer".into(), "01019912345".into()],
            ["Program".into(), "Mage-tarmskolen".into()],
        ],
        blocks: vec![
            Block::Paragraph { text: "Pasienten har fulgt Mage-tarmskolen i tre måneder. Her er resultatene fra skjemaene ved start og nå.".into() },
            Block::Heading { text: "Resultater".into() },
            Block::Table {
                columns: ["Skår", "Ved start", "Nå", "Endring", "Klinisk respons"].map(str::to_owned).to_vec(),
                rows: vec![
                    row("IBS-symptomskår", "395 – alvorlig (4. sep. 2026)", "220 – moderat (4. des. 2026)", "-175", "Ja"),
                    row("Livskvalitet", "48 (4. sep. 2026)", "71 (4. des. 2026)", "+23", "Ja"),
                    row("Angst (GAD-7)", "9 – mild (4. sep. 2026)", "5 – mild (4. des. 2026)", "-4", ""),
                    row("Depresjon (PHQ-9)", "8 – mild (4. sep. 2026)", "4 – minimal (4. des. 2026)", "-4", ""),
                    row("Fornøydhet", "ikke spurt", "27 (4. des. 2026)", "", ""),
                ],
            },
            Block::Heading { text: "Vurdering".into() },
            Block::Paragraph { text: "Tydelig bedring etter tre måneder: symptomskåren har falt med 175 poeng, fra alvorlig til moderat, og livskvaliteten har økt.\n\nPasienten bør fortsette med måltidsrytmen og pusteøvelsene – særlig før måltider. Æ Ø Å æ ø å.".repeat(2) },
            Block::Signature { lines: vec!["Med vennlig hilsen".into(), "Kari Klinisk".into(), "HPR-nummer 1234567".into(), "Mage-tarm-poliklinikken".into()] },
        ],
        footer: "Mage-tarmskolen: status etter tre måneder".into(),
    }
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() -> anyhow::Result<()> {
    let before = peak_rss_mb();
    let mut times = Vec::with_capacity(RUNS);
    let mut size = 0;
    for i in 0..RUNS {
        // Each letter its own patient and words, as in the job (typst caches what repeats).
        let mut doc = letter();
        doc.facts[0][1] = format!("Pasient nummer {i}");
        if let Some(Block::Paragraph { text }) = doc.blocks.get_mut(4) {
            text.push_str(&format!(" Kontroll om {} uker.", i + 2));
        }
        let t = Instant::now();
        let pdf = render(&doc).map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        size = pdf.len();
    }
    let profile = if cfg!(debug_assertions) {
        "dev profile (typst unoptimised, as in the tests: an upper bound)"
    } else {
        "release profile (as shipped)"
    };
    let table = format!(
        "| build | letters | first (ms) | p50 (ms) | p95 (ms) | max (ms) | PDF (KB) | peak RSS before / after (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n| {profile} | {RUNS} | {:.0} | {:.0} | {:.0} | {:.0} | {} | {:.0} / {:.0} |\n",
        times[0],
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.iter().copied().fold(0.0, f64::max),
        size / 1024,
        before,
        peak_rss_mb(),
    );
    println!("{table}");
    if std::env::args().any(|a| a == "--write") {
        carepath_bench::write_section("letter", &table)?;
    }
    Ok(())
}
