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

/// The largest body of a form that carries files: a message with its attachments
/// (`carepath_domain::conversation`), and room for the text around them.
pub(crate) const UPLOAD_LIMIT: usize = carepath_domain::conversation::MAX_ATTACHMENTS
    * carepath_domain::conversation::MAX_ATTACHMENT_BYTES
    + 256 * 1024;

/// Whether a request may carry files, and so the larger body limit: sending a message
/// (a page's form or the API's `Communication`).
pub(crate) fn takes_files(method: &axum::http::Method, path: &str) -> bool {
    *method == axum::http::Method::POST
        && (path == "/pasient/meldinger"
            || (path.starts_with("/klinikk/pasient/") && path.contains("/meldinger/"))
            || path == "/fhir/Communication")
}

/// A submitted `multipart/form-data` form: its text fields and its files (name, bytes;
/// a file input left empty is not listed).
#[derive(Debug, Default)]
pub struct UploadForm {
    pub fields: FormData,
    pub files: Vec<(String, Vec<u8>)>,
}

impl<S: Send + Sync> FromRequest<S> for UploadForm {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        let unreadable = || Error::BadRequest(crate::i18n::tr("error-form-unreadable"));
        let mut multipart = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|_| unreadable())?;
        let mut out = UploadForm::default();
        while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(|_| unreadable())?;
                    if !(file_name.is_empty() && bytes.is_empty()) {
                        out.files.push((file_name, bytes.to_vec()));
                    }
                }
                None => {
                    let text = field.text().await.map_err(|_| unreadable())?;
                    if name != crate::auth::CSRF_FIELD {
                        out.fields.0.push((name, text));
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The CSRF token of a `multipart/form-data` body with `boundary`, if it has one.
pub(crate) async fn multipart_csrf(body: axum::body::Bytes, boundary: String) -> Option<String> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(crate::auth::CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}
