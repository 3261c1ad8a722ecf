//! What each fuzz target checks, one function per target, for any bytes. The targets in
//! `fuzz_targets/` call these under libFuzzer; `crates/package/tests/fuzz_corpus.rs`
//! replays the committed corpus (`fuzz/corpus/TARGET/`) through them in the normal test
//! run, so an input that once crashed stays a test.

use std::path::PathBuf;
use std::sync::LazyLock;

use carepath_domain::NationalIdNumber;
use carepath_fhir::{FormAnswers, Questionnaire, QuestionnaireResponse};
use carepath_package::PackageFiles;

/// What a target checks of one input.
pub type Check = fn(&[u8]);

/// Every target by name, as `cargo fuzz` knows it.
pub const TARGETS: [(&str, Check); 7] = [
    ("questionnaire", questionnaire),
    ("questionnaire_response", questionnaire_response),
    ("national_identity_number", national_identity_number),
    ("fhir_resource", fhir_resource),
    ("form", form),
    ("fhir_date", fhir_date),
    ("package", package),
];

/// The shipped IBS school, found from this crate's folder up.
fn ibs_school() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("content/ibs-school"))
        .find(|p| p.is_dir())
        .expect("the shipped IBS school in content/")
}

/// A FHIR Questionnaire (program packages, the API): reading and checking never panic,
/// and what reads writes back and reads again the same.
pub fn questionnaire(data: &[u8]) {
    let Ok(q) = serde_json::from_slice::<Questionnaire>(data) else {
        return;
    };
    let _ = q.check();
    let _ = q.all_items();
    let written = serde_json::to_vec(&q).expect("a read questionnaire writes");
    let again: Questionnaire = serde_json::from_slice(&written).expect("and reads again");
    assert_eq!(q, again, "a round trip changes nothing");
}

/// A FHIR QuestionnaireResponse: reading never panics, answers can be listed and shown,
/// and a round trip changes nothing.
pub fn questionnaire_response(data: &[u8]) {
    let Ok(r) = serde_json::from_slice::<QuestionnaireResponse>(data) else {
        return;
    };
    for answers in r.answers_by_link_id().values() {
        for a in answers {
            let _ = a.form_value();
        }
    }
    let written = serde_json::to_vec(&r).expect("a read response writes");
    let again: QuestionnaireResponse = serde_json::from_slice(&written).expect("and reads again");
    assert_eq!(r, again, "a round trip changes nothing");
}

/// National identity numbers from any text: parsing never panics, and a parsed number
/// prints back as itself with a birth date or a clear error.
pub fn national_identity_number(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = NationalIdNumber::parse(text) {
        assert_eq!(NationalIdNumber::parse(&n.expose()).ok(), Some(n.clone()));
        let _ = n.birth_date();
        let _ = n.kind();
    }
}

/// A Patient or an Observation as the API receives it: reading never panics.
pub fn fhir_resource(data: &[u8]) {
    let Ok(resource) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let _ = carepath_fhir::observation::read_measurement(&resource);
    let _ = carepath_fhir::patient::patient_fields(&resource);
}

static FORMS: LazyLock<Vec<Questionnaire>> = LazyLock::new(|| {
    let mut forms: Vec<Questionnaire> = std::fs::read_dir(ibs_school().join("questionnaires"))
        .expect("the shipped questionnaires")
        .filter_map(|f| std::fs::read(f.ok()?.path()).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    forms.sort_by(|a, b| a.url.cmp(&b.url));
    assert!(!forms.is_empty(), "no shipped questionnaire reads");
    forms
});

/// A questionnaire page's form as a browser posts it (`x-www-form-urlencoded`), on each
/// questionnaire the IBS school ships (the first byte picks which): a response or
/// problems, never a panic, and an accepted response reads back as itself.
pub fn form(data: &[u8]) {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let q = &FORMS[usize::from(which) % FORMS.len()];
    let mut answers = FormAnswers::new();
    for (name, value) in form_urlencoded::parse(body) {
        answers
            .entry(name.into_owned())
            .or_default()
            .push(value.into_owned());
    }
    if let Ok(response) = QuestionnaireResponse::from_form(q, &answers, "2026-11-23T08:00:00Z") {
        let written = serde_json::to_vec(&response).expect("a response writes");
        let again: QuestionnaireResponse =
            serde_json::from_slice(&written).expect("and reads again");
        assert_eq!(response, again, "a round trip changes nothing");
    }
}

/// FHIR `date` and `dateTime` values (search parameters, resources): reading never
/// panics or overflows, a range never ends before it starts, and a day prints as itself.
pub fn fhir_date(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((start, end)) = carepath_fhir::date::bounds(text) {
        assert!(start <= end, "{text}: a range ends before it starts");
    }
    if let Some(day) = carepath_fhir::date::day(text) {
        assert_eq!(
            day.format("%Y-%m-%d").to_string(),
            text,
            "a day prints as itself"
        );
    }
}

static SHIPPED: LazyLock<PackageFiles> =
    LazyLock::new(|| PackageFiles::read(&ibs_school()).expect("the shipped IBS school reads"));

/// A program package, two ways: one text file of the shipped IBS school replaced by the
/// input (the first byte picks which), and the input as an uploaded `.zip`. Reading and
/// checking give a package or problems, never a panic.
pub fn package(data: &[u8]) {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let names: Vec<String> = SHIPPED
        .iter()
        .map(|(path, _)| path.to_owned())
        .filter(|p| [".toml", ".md", ".json"].iter().any(|e| p.ends_with(e)))
        .collect();
    let mut files = SHIPPED.clone();
    files.insert(
        names[usize::from(which) % names.len()].clone(),
        bytes.to_vec(),
    );
    let _ = carepath_package::load(&files);

    let zip = std::env::temp_dir().join(format!(
        "carepath-fuzz-{}-{:?}.zip",
        std::process::id(),
        std::thread::current().id()
    ));
    if std::fs::write(&zip, data).is_ok() {
        if let Ok(files) = PackageFiles::read(&zip) {
            let _ = carepath_package::load(&files);
            let _ = carepath_package::load_course(&files);
        }
        let _ = std::fs::remove_file(&zip);
    }
}
