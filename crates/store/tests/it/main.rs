//! The storage conformance suite: every test runs on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod audit;
mod consultation;
mod course;
mod enrollment;
mod migrations;
mod oidc;
mod patient;
mod program;
mod responses;
mod retention;
mod tasks;
mod worklist;
