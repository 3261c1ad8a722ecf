//! A FHIR Questionnaire from untrusted bytes (program packages, the API): reading and
//! checking never panic, and what reads writes back and reads again the same.
#![no_main]

use carepath_fhir::Questionnaire;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(q) = serde_json::from_slice::<Questionnaire>(data) else {
        return;
    };
    let _ = q.check();
    let _ = q.all_items();
    let written = serde_json::to_vec(&q).expect("a read questionnaire writes");
    let again: Questionnaire = serde_json::from_slice(&written).expect("and reads again");
    assert_eq!(q, again, "a round trip changes nothing");
});
