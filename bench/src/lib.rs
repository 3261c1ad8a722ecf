//! What the benchmarks share: writing a result into docs/performance.md between its
//! markers, the SQL that makes numbered rows for seeding, and running the release
//! `carepath` binary as its own process (a command, a server, its memory, a fresh
//! PostgreSQL database).

pub mod process;

use carepath_store::Backend;

/// Replaces what stands between `<!-- {section}:start -->` and `<!-- {section}:end -->` in
/// docs/performance.md with `text`.
pub fn write_section(section: &str, text: &str) -> anyhow::Result<()> {
    write_section_in("performance.md", section, text)
}

/// As [`write_section`], in `docs/{doc}`.
pub fn write_section_in(doc: &str, section: &str, text: &str) -> anyhow::Result<()> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs")
        .join(doc);
    let text_of = std::fs::read_to_string(&path)?;
    let (start, end) = (
        format!("<!-- {section}:start -->"),
        format!("<!-- {section}:end -->"),
    );
    let (Some(a), Some(b)) = (text_of.find(&start), text_of.find(&end)) else {
        anyhow::bail!("docs/{doc} lacks the {start} / {end} markers");
    };
    std::fs::write(
        &path,
        format!("{}{start}\n{text}{}", &text_of[..a], &text_of[b..]),
    )?;
    eprintln!("wrote docs/{doc}");
    Ok(())
}

/// Rows `0..n` as a table `n(i)` in each dialect, to seed with `INSERT ... SELECT`.
pub fn numbers(backend: Backend, n: u64) -> String {
    match backend {
        Backend::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {})",
            n - 1
        ),
        Backend::Postgres => format!("WITH n(i) AS (SELECT generate_series(0, {}))", n - 1),
    }
}
