//! A report's table as a file to download: CSV or an XLSX workbook, the same cells in
//! both (numbers as numbers), named `{stem}.csv` or `{stem}.xlsx`.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use carepath_document::spreadsheet::{Cell, xlsx};

use crate::Error;
use crate::i18n::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Xlsx,
}

/// `rows` under `header` as a download (`sheet` names the workbook's sheet).
pub(crate) fn table(
    format: Format,
    sheet: &str,
    header: &[String],
    rows: &[Vec<Cell>],
    stem: &str,
) -> Result<Response, Error> {
    let (bytes, content_type, ext) = match format {
        Format::Csv => (csv(header, rows)?, "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (
            xlsx(sheet, header, rows).map_err(|e| {
                tracing::error!(error = %e, "a report's workbook could not be written");
                Error::BadRequest(tr("error-form-unreadable"))
            })?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn csv(header: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let written = out.write_record(header).and_then(|()| {
        rows.iter().try_for_each(|row| {
            out.write_record(row.iter().map(|c| match c {
                Cell::Text(t) => t.clone(),
                Cell::Number(n) => n.to_string(),
            }))
        })
    });
    written
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
        .map_err(|_| Error::BadRequest(tr("error-form-unreadable")))
}

/// `document` set as a PDF, downloaded as `name` and never cached.
pub(crate) async fn pdf(
    document: carepath_document::pdf::Document,
    name: &str,
) -> Result<Response, Error> {
    // A fault in the layout (the words cannot cause one): the error page with an incident.
    let fault =
        |e: String| Error::Store(carepath_store::StoreError::System(std::io::Error::other(e)));
    let bytes = tokio::task::spawn_blocking(move || carepath_document::pdf::render(&document))
        .await
        .map_err(|e| fault(e.to_string()))?
        .map_err(|e| fault(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
