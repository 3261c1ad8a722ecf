//! A table as an XLSX workbook (rust_xlsxwriter): one sheet, a bold header row, numbers
//! as numbers, so a report opens in a spreadsheet ready to sum and filter.

use rust_xlsxwriter::{Format, Workbook};

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

/// The workbook could not be written (names no content).
#[derive(Debug, thiserror::Error)]
#[error("the spreadsheet could not be written: {0}")]
pub struct SpreadsheetError(String);

/// `rows` under `header` on a sheet named `sheet` (at most 31 characters are kept).
pub fn xlsx(
    sheet: &str,
    header: &[String],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, SpreadsheetError> {
    let fail = |e: rust_xlsxwriter::XlsxError| SpreadsheetError(e.to_string());
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(if name.is_empty() { "Rapport" } else { &name })
        .map_err(fail)?;
    let bold = Format::new().set_bold();
    for (col, h) in header.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| SpreadsheetError("too many columns".into()))?;
        ws.write_string_with_format(0, col, h, &bold)
            .map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| SpreadsheetError("too many rows".into()))?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| SpreadsheetError("too many columns".into()))?;
            match cell {
                Cell::Text(t) => ws.write_string(r, c, t).map_err(fail)?,
                Cell::Number(n) => ws.write_number(r, c, *n).map_err(fail)?,
            };
        }
    }
    ws.autofit();
    book.save_to_buffer().map_err(fail)
}
