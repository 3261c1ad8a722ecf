//! The storage conformance suite: every test runs on SQLite and on PostgreSQL.

mod enrollment;
mod migrations;
mod patient;
mod program;
