//! The use cases, each on SQLite and PostgreSQL: what every caller (pages, the API, the
//! demo, jobs) gets when it calls them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod appointment;
mod enrollment;
mod letter;
mod measurement;
mod response;
