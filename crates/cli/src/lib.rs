//! The `carepath` binary's library: configuration, opening the store, the demo data and
//! the commands, so tests can drive the same code the binary runs.

pub mod backup;
pub mod check;
pub mod config;
pub mod demo;
pub mod jobs;
pub mod private;
pub mod run;

pub use config::Config;

/// The version and the commit it is built from (see `build.rs`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("CAREPATH_COMMIT"),
    ")"
);
