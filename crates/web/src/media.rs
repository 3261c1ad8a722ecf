//! Program media (images, video, captions), served from the database so every node can
//! serve them. URLs name the program version, so responses are cached as immutable.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::{AppState, Error};

pub(crate) async fn media(
    State(state): State<AppState>,
    Path((version, name)): Path<(String, String)>,
) -> Result<Response, Error> {
    let version = version.parse().map_err(|_| Error::NotFound)?;
    let media = state
        .store
        .media(version, &name)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, media.content_type),
            (
                header::CACHE_CONTROL,
                "public, max-age=31536000, immutable".to_owned(),
            ),
            (header::ETAG, format!("\"{}\"", media.sha256)),
            // An SVG opened directly must not run anything.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned(),
            ),
        ],
        media.bytes,
    )
        .into_response())
}
