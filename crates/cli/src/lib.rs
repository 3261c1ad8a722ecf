//! carepath library
