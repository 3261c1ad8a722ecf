//! The Fluent files stay complete and used: every key of bokmål exists in nynorsk and
//! English, every key a patient can meet (all but `staff.ftl` and the API's `api.ftl`) in
//! Ukrainian, no language
//! has a key bokmål lacks, and every key is used by the code or the templates.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The message keys of `lang`'s files (`file` alone when given).
fn keys(lang: &str, file: Option<&str>) -> BTreeSet<String> {
    let dir = root().join("crates/i18n/locales").join(lang);
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("the language's folder") {
        let path = entry.expect("a file").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if file.is_some_and(|f| f != name) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a Fluent file");
        for line in text.lines() {
            // A message starts a line with its identifier and `=`.
            let Some((name, _)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim_end();
            let starts = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                keys.insert(name.to_owned());
            }
        }
    }
    keys
}

#[test]
fn every_language_has_every_key_it_needs_and_none_bokmal_lacks() {
    let nb = keys("nb", None);
    assert!(nb.len() > 50, "bokmål has the keys: {}", nb.len());
    for lang in ["nn", "en"] {
        let other = keys(lang, None);
        let missing: Vec<_> = nb.difference(&other).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        let extra: Vec<_> = other.difference(&nb).collect();
        assert!(extra.is_empty(), "{lang} has keys bokmål lacks: {extra:?}");
    }
    let staff = keys("nb", Some("staff.ftl"));
    let api = keys("nb", Some("api.ftl"));
    let uk = keys("uk", None);
    let missing: Vec<_> = nb
        .difference(&staff)
        .filter(|k| !api.contains(*k) && !uk.contains(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "Ukrainian lacks the patient's {missing:?}"
    );
    let extra: Vec<_> = uk.difference(&nb).collect();
    assert!(extra.is_empty(), "uk has keys bokmål lacks: {extra:?}");
}

/// Every file under `dir` ending in one of `exts`.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with("node_modules") {
                files(&path, exts, out);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            out.push(path);
        }
    }
}

#[test]
fn every_key_is_used_by_the_code_or_a_template() {
    let mut sources = Vec::new();
    files(&root().join("crates"), &["rs", "html"], &mut sources);
    let text: String = sources
        .iter()
        .filter(|p| !p.starts_with(root().join("crates/i18n/tests")))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let unused: Vec<_> = keys("nb", None)
        .into_iter()
        .filter(|k| !text.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

#[test]
fn the_same_key_reads_in_each_language_and_falls_back_where_it_may() {
    use carepath_i18n::{Lang, t};
    assert_eq!(t(Lang::Nb, "sign-out"), "Logg ut");
    assert_eq!(t(Lang::En, "sign-out"), "Sign out");
    assert_eq!(t(Lang::Uk, "sign-out"), "Вийти");
    // Staff words are not in Ukrainian: English stands in.
    assert_eq!(
        t(Lang::Uk, "escalation-subject"),
        t(Lang::En, "escalation-subject")
    );
    assert_eq!(t(Lang::Nb, "no-such-key"), "no-such-key");
}

#[test]
fn numbers_and_dates_are_written_as_each_language_writes_them() {
    use carepath_i18n::{Lang, date, number};
    assert_eq!(number(Lang::Nb, 37.5), "37,5");
    assert_eq!(number(Lang::En, 37.5), "37.5");
    assert_eq!(number(Lang::Uk, 80.0), "80");
    assert_eq!(number(Lang::Nn, 0.126), "0,13");
    assert_eq!(number(Lang::Nb, -0.001), "0");
    let d = chrono::NaiveDate::from_ymd_opt(2027, 3, 5).expect("a date");
    assert_eq!(date(Lang::Nb, d), "5. mars 2027");
    assert_eq!(date(Lang::En, d), "5 March 2027");
    assert_eq!(date(Lang::Uk, d), "5 березня 2027");
}

#[test]
fn a_message_is_worded_in_the_recipients_language_and_names_no_health_matter() {
    use carepath_domain::message::{Channel, Content};
    use carepath_i18n::{Lang, message};
    let reminder = Content::reminder("https://pasient.example.no/");
    let patient_messages = [
        (
            reminder.clone(),
            "https://pasient.example.no/pasient/moduler",
        ),
        (
            Content::invitation("https://pasient.example.no/"),
            "https://pasient.example.no/logg-inn",
        ),
        (
            Content::news("https://pasient.example.no/"),
            "https://pasient.example.no/pasient",
        ),
        (
            Content::request_received("https://pasient.example.no/"),
            "https://pasient.example.no/pasient",
        ),
    ];
    for lang in Lang::ALL {
        for channel in [Channel::Email, Channel::Sms] {
            for (content, link) in &patient_messages {
                let (subject, body) = message(content, channel, lang);
                assert!(body.contains(link), "{lang}: {body}");
                assert!(
                    !subject.is_empty() && !subject.contains("-subject"),
                    "{lang}"
                );
                for health in ["IBS", "mage", "skjema", "PHQ", "symptom", "Mage-tarm"] {
                    assert!(
                        !body.contains(health) && !subject.contains(health),
                        "{health}"
                    );
                }
            }
            let (subject, body) = message(&reminder, channel, lang);
            assert!(
                !subject.is_empty() && !subject.contains("reminder-"),
                "{lang}"
            );
            for health in ["IBS", "mage", "skjema", "PHQ", "symptom", "Mage-tarm"] {
                assert!(
                    !body.contains(health) && !subject.contains(health),
                    "{health}"
                );
            }
        }
    }
    // Appointments: when (in Norwegian time), never what or with whom.
    use carepath_domain::message::AppointmentNotice as N;
    let start = "2027-03-05T09:00:00Z".parse().expect("a time");
    for notice in [N::Booked, N::Moved, N::Cancelled, N::Reminder] {
        let content = Content::appointment(notice, start, "https://pasient.example.no/");
        for lang in Lang::ALL {
            for channel in [Channel::Email, Channel::Sms] {
                let (subject, body) = message(&content, channel, lang);
                assert!(
                    !subject.is_empty() && !subject.contains("appointment-"),
                    "{lang}"
                );
                assert!(
                    body.contains("https://pasient.example.no/pasient/avtaler"),
                    "{body}"
                );
                assert!(body.contains("10:00"), "Oslo time: {body}");
                for health in ["video", "Video", "IBS", "gruppe", "Mage-tarm"] {
                    assert!(!body.contains(health), "{health}: {body}");
                }
            }
        }
    }
    let (_, sms) = message(
        &Content::appointment(N::Reminder, start, "https://p.example.no"),
        Channel::Sms,
        Lang::Nb,
    );
    assert_eq!(
        sms,
        "Påminnelse: du har en avtale 5. mars 2027 kl. 10:00. Logg inn for å se den: https://p.example.no/pasient/avtaler"
    );
    let (_, nn) = message(&reminder, Channel::Sms, Lang::Nn);
    assert!(nn.starts_with("Du har ei oppgåve som ventar"), "{nn}");
    let (_, uk) = message(&reminder, Channel::Sms, Lang::Uk);
    assert!(uk.starts_with("На вас чекає завдання"), "{uk}");

    let late = |colour: Option<&str>, minutes| Content::Escalation {
        colour: colour.map(str::to_owned),
        unit: "Enhet 2".into(),
        minutes,
        link: "L".into(),
    };
    let (subject, body) = message(&late(Some("red"), 119), Channel::Email, Lang::Nb);
    assert_eq!(subject, "Varsel venter: Enhet 2");
    assert_eq!(
        body,
        "Et rødt varsel i Enhet 2 har ventet i 119 minutter uten å bli kvittert ut. Se arbeidslisten: L"
    );
    let (_, body) = message(&late(Some("yellow"), 120), Channel::Sms, Lang::Nb);
    assert!(
        body.starts_with("Et gult varsel i Enhet 2 har ventet i 2 timer"),
        "{body}"
    );
    let (_, body) = message(&late(None, -5), Channel::Sms, Lang::En);
    assert!(
        body.starts_with("An alert in Enhet 2 has waited 0 minutes"),
        "{body}"
    );
    let (_, body) = message(&late(Some("red"), 1), Channel::Sms, Lang::En);
    assert!(
        body.starts_with("A red alert in Enhet 2 has waited 1 minute without"),
        "{body}"
    );
}

#[test]
fn an_api_problem_is_worded_in_the_language_asked_for_with_its_numbers() {
    use carepath_i18n::{Lang, Text};
    let range = carepath_i18n::measurement_problem(
        &carepath_domain::measurement::MeasurementError::OutOfRange {
            kind: carepath_domain::measurement::MeasurementKind::Temperature,
            min: 34.0,
            max: 43.5,
            unit: "°C",
        },
    );
    let item = Text::new("api-item-problem")
        .with("item", "q1")
        .with("problem", range);
    assert_eq!(
        item.words(Lang::Nb),
        "Spørsmål `q1`: Temperatur må være mellom 34 og 43,5 °C. Sjekk at tallet er skrevet riktig."
    );
    assert!(item.words(Lang::En).contains("between 34 and 43.5 °C"));
    assert!(item.words(Lang::Nn).starts_with("Spørsmål `q1`: "));
    // The API has no Ukrainian: English stands in, the patient's words stay Ukrainian.
    assert!(item.words(Lang::Uk).starts_with("Item `q1`: "));
}

#[test]
fn texts_inside_fhir_resources_count_in_bokmal() {
    use carepath_i18n::{Lang, Text};
    let every = Text::new("fhir-action-every")
        .with("at", Text::new("fhir-months").with("n", 3u32))
        .with("every", Text::new("fhir-weeks").with("n", 1u32));
    assert_eq!(
        every.words(Lang::Nb),
        "3 måneder etter start, deretter hver 1 uke"
    );
    assert_eq!(
        Text::new("fhir-days").with("n", 1u32).words(Lang::Nn),
        "1 dag"
    );
}
