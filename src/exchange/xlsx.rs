//! Leads out as an Excel workbook (`.xlsx`): the CSV export's columns in its order (both are
//! made from `sheet.rs`), but with typed cells, so Excel neither needs an import wizard nor
//! guesses: revenue and score are numbers, the follow-up a real date, `provisional` a boolean,
//! everything else text (an id or a phone number stays text, never a number that loses its
//! leading zero, and a text starting with `=` is never a formula). rust_xlsxwriter stays behind
//! this module.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use thiserror::Error;

use super::sheet::{Cell, Naming, Sheet, sheet};
use crate::domain::{Classification, Framework, Lead};

/// The sheet's name; the same word in German and English.
const SHEET: &str = "Leads";
/// ISO dates, as the CSV export for scripts and in English writes them: unambiguous in every
/// language's Excel. An export in German words shows `31.12.2026` (the cell is a date all the
/// same).
const DATE_FORMAT: &str = "yyyy-mm-dd";
/// Column widths in characters: wide enough for a short header, narrow enough that a long note
/// does not push every other column off the screen.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 50;

/// The workbook could not be made (a text longer than Excel's 32,767 characters, a file too
/// large for a sheet); the caller names the path.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("could not write the workbook: {0}")]
pub struct XlsxWriteError(pub String);

impl From<XlsxError> for XlsxWriteError {
    fn from(e: XlsxError) -> Self {
        XlsxWriteError(e.to_string())
    }
}

/// How many characters a cell shows, for the column's width.
fn width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        Cell::Revenue(n) => super::workbook::number_text(*n).len(),
        Cell::Score(n) => n.to_string().len(),
        Cell::Date(_) => DATE_FORMAT.len(),
        Cell::Bool(_) => "FALSE".len(),
        Cell::Empty => 0,
    }
}

/// The leads as an `.xlsx` file: the header of [`super::write_csv`] (bold, frozen, with an
/// autofilter), then one row per lead in the given order.
pub fn write_xlsx(
    leads: &[Lead],
    framework: &Framework,
    rules: &Classification,
    naming: Naming,
) -> Result<Vec<u8>, XlsxWriteError> {
    let Sheet { header: head, rows } = sheet(leads, framework, rules, naming);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    write_header(sheet, &head)?;
    let date = Format::new().set_num_format(match naming {
        Naming::Words(crate::domain::Lang::De) => "dd.mm.yyyy",
        Naming::Words(crate::domain::Lang::En) | Naming::Ids => DATE_FORMAT,
    });
    for (r, row) in rows.iter().enumerate() {
        let r = row_number(r + 1)?;
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, r, column_number(c)?, cell, &date)?;
        }
    }
    let last_col = column_number(head.len().saturating_sub(1))?;
    sheet.autofilter(0, 0, row_number(rows.len())?, last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    for (c, name) in head.iter().enumerate() {
        let widest = rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(width)
            .chain(std::iter::once(name.chars().count() + 2)) // room for the filter button
            .max()
            .unwrap_or(0);
        let width = widest.clamp(MIN_WIDTH, MAX_WIDTH) + 1;
        sheet.set_column_width(column_number(c)?, width as f64)?;
    }
    Ok(book.save_to_buffer()?)
}

fn write_header(sheet: &mut Worksheet, head: &[String]) -> Result<(), XlsxWriteError> {
    let bold = Format::new().set_bold();
    for (c, name) in head.iter().enumerate() {
        sheet.write_string_with_format(0, column_number(c)?, name, &bold)?;
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    date: &Format,
) -> Result<(), XlsxWriteError> {
    match cell {
        Cell::Text(s) => {
            sheet.write_string(row, col, s)?;
        }
        // `-0` (a hand-edited file) would show as a negative revenue.
        Cell::Revenue(n) => {
            sheet.write_number(row, col, if *n == 0.0 { 0.0 } else { *n })?;
        }
        Cell::Score(n) => {
            sheet.write_number(row, col, f64::from(*n))?;
        }
        Cell::Bool(b) => {
            sheet.write_boolean(row, col, *b)?;
        }
        Cell::Date(d) => {
            let (y, m, day) = (d.year(), d.month(), d.day());
            let excel = u16::try_from(y)
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, m as u8, day as u8).ok());
            match excel {
                Some(excel) => {
                    sheet.write_datetime_with_format(row, col, &excel, date)?;
                }
                // Before 1900 or after 9999: no Excel date; the ISO text says the same.
                None => {
                    sheet.write_string(row, col, d.to_string())?;
                }
            }
        }
        Cell::Empty => {}
    }
    Ok(())
}

/// A row index as Excel's (at most 1,048,576 rows; more leads are an error, not a cut).
fn row_number(index: usize) -> Result<u32, XlsxWriteError> {
    u32::try_from(index)
        .ok()
        .filter(|&r| r < 1_048_576)
        .ok_or_else(|| XlsxWriteError(format!("{index} rows do not fit on one sheet")))
}

fn column_number(index: usize) -> Result<u16, XlsxWriteError> {
    u16::try_from(index)
        .ok()
        .filter(|&c| c < 16_384)
        .ok_or_else(|| XlsxWriteError(format!("{index} columns do not fit on one sheet")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::workbook::read_workbook;

    #[test]
    fn an_empty_export_has_the_header_only() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let bytes = write_xlsx(&[], &fw, &rules, Naming::Ids).unwrap();
        let book = read_workbook(&bytes, None).unwrap();
        assert_eq!(book.sheet, "Leads");
        assert_eq!(book.rows.len(), 1);
        let mut head = crate::exchange::header(&fw);
        head.extend(crate::exchange::DERIVED.iter().map(|s| s.to_string()));
        assert_eq!(book.rows[0].cells, head);
    }
}
