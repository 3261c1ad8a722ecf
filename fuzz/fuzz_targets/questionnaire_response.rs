//! A FHIR QuestionnaireResponse from untrusted bytes: reading never panics, answers can be
//! listed and shown, and a round trip changes nothing.
#![no_main]

use carepath_fhir::QuestionnaireResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
