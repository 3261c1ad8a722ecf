//! National identity numbers from any text: parsing never panics, and a parsed number
//! prints back as itself with a birth date or a clear error.
#![no_main]

use carepath_domain::NationalIdNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = NationalIdNumber::parse(text) {
        assert_eq!(NationalIdNumber::parse(&n.expose()).ok(), Some(n.clone()));
        let _ = n.birth_date();
        let _ = n.kind();
    }
});
