//! Integration tests of the FHIR crate: property tests of the form parser.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod external;
mod form_properties;
mod shipped_sdc;
