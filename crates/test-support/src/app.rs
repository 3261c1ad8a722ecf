//! The in-process TestApp (filled in with the web layer).
