//! Form bodies as ordered name/value pairs, so repeated and dynamic fields (questionnaire
//! items) work and a malformed body gets a clear 400 page instead of a framework text.
//! The CSRF token (`_csrf`) is checked by `auth::csrf_guard` and removed here.

use axum::Form;
use axum::extract::{FromRequest, Request};

use crate::Error;

/// A submitted `application/x-www-form-urlencoded` form.
#[derive(Debug, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of `name`, trimmed; `None` when missing or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let Form(mut pairs) = Form::<Vec<(String, String)>>::from_request(req, state)
            .await
            .map_err(|_| Error::BadRequest(crate::i18n::tr("error-form-unreadable")))?;
        // Checked by the CSRF guard before any handler runs; not part of the form.
        pairs.retain(|(k, _)| k != crate::auth::CSRF_FIELD);
        Ok(Self(pairs))
    }
}
