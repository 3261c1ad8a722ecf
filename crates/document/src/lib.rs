//! Documents carepath sends and keeps, rendered away from the request path (in a job):
//! a PDF laid out by typst from a [`pdf::Document`] (words come from the caller, already
//! in the reader's language), and the Dialogmelding 1.1 message inside a Hodemelding that
//! carries a PDF to a GP ([`dialogmelding`]). Its own crate, so the typesetter's long
//! compile stays out of the rest of the build (decision 0034).

pub mod dialogmelding;
pub mod pdf;
pub mod spreadsheet;
