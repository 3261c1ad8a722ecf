//! carepath's domain: the rules of treatment programs, free of any web framework,
//! database driver or async runtime (a test in `tests/` enforces that).

pub mod activity;
pub mod appointment;
pub mod audit;
pub mod clock;
pub mod conversation;
pub mod course;
pub mod dissemination;
pub mod eligibility;
pub mod emergency;
pub mod enquiry;
pub mod enrollment;
pub mod id;
pub mod letter;
pub mod measurement;
pub mod message;
pub mod nin;
pub mod organization;
pub mod outcome;
pub mod patient;
pub mod procedure;
pub mod program;
pub mod referral;
pub mod region;
pub mod research;
pub mod schedule;
pub mod text;
pub mod threshold;
pub mod user;
pub mod worklist;

pub use id::Id;
pub use nin::NationalIdNumber;
pub use text::{Lang, LocalizedText};
