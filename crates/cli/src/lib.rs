//! The `carepath` binary's library: configuration, opening the store, the demo data and
//! the commands, so tests can drive the same code the binary runs.

pub mod check;
pub mod config;
pub mod demo;
pub mod jobs;
pub mod private;
pub mod run;

pub use config::Config;
