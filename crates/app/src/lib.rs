//! carepath's application layer: each use case is one function here, and every caller
//! (patient and clinician pages, the FHIR API, the command line, the demo, background
//! jobs) calls that same function. A use case orders the work: it asks the domain for
//! the rules, the store for the data and the transaction, and returns what happened.
//! Callers decide who may ask (the access policy) and how to show the answer.

pub mod access;
pub mod activity;
pub mod appointment;
pub mod backup;
pub mod course;
pub mod dissemination;
pub mod enrollment;
pub mod letter;
pub mod measurement;
pub mod message;
pub mod organization;
pub mod outcome;
pub mod ownership;
pub mod patient;
pub mod procedure;
pub mod public;
pub mod referral;
pub mod research;
pub mod response;
pub mod staff;
pub mod worklist;

pub use carepath_store::StoreError;
