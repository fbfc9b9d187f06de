//! Spreadsheet workbooks in: the rows of one sheet of an `.xlsx`, `.ods` or legacy `.xls` file,
//! every cell as the text a rep would have typed into a CSV file. Reps keep leads in Excel and
//! LibreOffice and CRMs export `.xlsx`; asking them to "save as CSV UTF-8" first lost umlauts and
//! turned revenues into `4.85E+07`. Reading the workbook itself avoids both. Works on bytes only
//! (calamine behind this module); the caller does the file handling and maps the columns.

use std::io::Cursor;

use calamine::{Data, Reader};
use jiff::civil::Date;
use thiserror::Error;

use super::{Table, TableFormat};

/// One sheet of a workbook as text: `rows[0]` is the header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// The sheet read.
    pub sheet: String,
    /// Every sheet of the workbook, in its order (for a "which sheet?" choice).
    pub sheets: Vec<String>,
    /// The non-empty rows from the header (the sheet's first non-empty row) on. Empty rows are
    /// left out; `line` keeps the number the spreadsheet shows, so errors still point at the
    /// right row.
    pub rows: Vec<SheetRow>,
}

impl Workbook {
    /// The sheet as the importer's [`Table`]: the header row's names, then every row through
    /// [`Table::push`] (filled cells past the header make a bad row, short rows are noted), the
    /// format naming the sheet. So an import reads a workbook exactly as it reads a CSV file.
    ///
    /// `header_row` is the row (as the spreadsheet numbers it) that names the columns, for a
    /// sheet with a title above its table; rows above it are no part of the table. Without it,
    /// the first non-empty row is the header.
    pub fn into_table(self, header_row: Option<u64>) -> Table {
        let mut rows = self
            .rows
            .into_iter()
            .skip_while(|r| header_row.is_some_and(|h| r.line < h));
        let first = rows.next();
        let header_line = first.as_ref().map_or(1, |r| r.line);
        let header = first.map(|r| r.cells).unwrap_or_default();
        let mut table = Table {
            format: TableFormat::Workbook {
                sheet: self.sheet,
                sheets: self.sheets,
            },
            header_line,
            header,
            ..Table::default()
        };
        for row in rows {
            table.push(row.line, row.cells);
        }
        table
    }
}

/// One row of a sheet, its cells as text.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The row number the spreadsheet shows, 1-based.
    pub line: u64,
    /// From the sheet's first used column on; every row of a sheet has the same number of cells.
    pub cells: Vec<String>,
}

/// Why a workbook could not be read; `crate::i18n::workbook_error` says it in the rep's language.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WorkbookError {
    /// Not an `.xlsx`, `.ods` or `.xls` file, or one that is damaged (a cut-off download).
    #[error("the file is no Excel or OpenDocument workbook, or it is damaged: {0}")]
    Unreadable(String),
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("there is no sheet \"{name}\"; the workbook has: {}", sheets.join(", "))]
    UnknownSheet { name: String, sheets: Vec<String> },
    #[error("sheet \"{0}\" is empty")]
    EmptySheet(String),
}

/// The start of a ZIP file (`.xlsx` and `.ods` are ZIP files).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The start of an OLE compound file: the legacy `.xls` of Excel 97–2003.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether `bytes` look like a workbook, by content, never by file name: a ZIP file (`.xlsx`,
/// `.ods`) or an OLE compound file (`.xls`). Reps rename files, and CRMs send `.xlsx` named
/// `.csv`; the content decides which reader gets them.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Reads `sheet` (matched ignoring case), or the first sheet, of the workbook in `bytes`. The
/// format is found from the content (calamine tries `.xls`, `.xlsx`, `.xlsb`, then `.ods`).
pub fn read_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Workbook, WorkbookError> {
    // calamine parses three binary and XML formats and is not ours to audit: should it ever
    // panic on a damaged file, the rep gets "damaged" for this file instead of losing the
    // window (release builds unwind, as for printpdf in report/).
    std::panic::catch_unwind(|| read_sheet(bytes, sheet)).unwrap_or_else(|_| {
        Err(WorkbookError::Unreadable(
            "the spreadsheet reader failed on this file".to_owned(),
        ))
    })
}

fn read_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<Workbook, WorkbookError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(wanted) => {
            let key = wanted.trim().to_lowercase();
            sheets
                .iter()
                .find(|s| s.to_lowercase() == key)
                .cloned()
                .ok_or_else(|| WorkbookError::UnknownSheet {
                    name: wanted.to_owned(),
                    sheets: sheets.clone(),
                })?
        }
        None => sheets.first().cloned().ok_or(WorkbookError::NoSheets)?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let rows: Vec<SheetRow> = range
        .rows()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !cell_text(c).is_empty()))
        .map(|(i, cells)| SheetRow {
            line: first_row + i as u64 + 1,
            cells: cells.iter().map(cell_text).collect(),
        })
        .collect();
    if rows.is_empty() {
        return Err(WorkbookError::EmptySheet(name));
    }
    Ok(Workbook {
        sheet: name,
        sheets,
        rows,
    })
}

/// A cell as a rep would type it into a CSV file, so the CSV importer's parsers (revenue, date,
/// answer ids) read workbook cells exactly as CSV fields.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_duration() => duration_text(dt.as_f64()),
        Data::DateTime(dt) => excel_date_text(dt),
        Data::DateTimeIso(s) => iso_date_text(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as plain decimal text with `.`: the shortest text that reads back as the same
/// number (Rust's `Display` for `f64`), which never uses exponent notation, so 48500000 stays
/// `48500000`, not `4.85e7`, and a whole number has no `.0`.
pub fn number_text(value: f64) -> String {
    if value == 0.0 {
        // `-0` would read back as a negative number.
        return "0".to_owned();
    }
    value.to_string()
}

/// An Excel date cell as ISO `YYYY-MM-DD`, the format the importer reads. A date with a time of
/// day (CRMs export "Next Activity Date" as 2026-12-03 14:00) gives the date alone: a lead's
/// follow-up is a day, and the time would make the cell no date the importer accepts. A time
/// alone (a serial below 1, no day) is `HH:MM` or `HH:MM:SS`.
///
/// The day comes from calamine's own calendar arithmetic (`to_ymd_hms_milli`), not from adding
/// the serial to 1899-12-30 here: only calamine knows whether the workbook counts from 1904
/// (old Mac Excel), and it handles Excel's fictitious 1900-02-29. jiff checks the result; a day
/// that does not exist is written as its serial number.
fn excel_date_text(dt: &calamine::ExcelDateTime) -> String {
    let serial = dt.as_f64();
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    if (0.0..1.0).contains(&serial) {
        return time_text(hour, minute, second);
    }
    let date = i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, month as i8, day as i8).ok());
    match date {
        Some(date) => date.to_string(),
        None => number_text(serial),
    }
}

fn time_text(hour: u8, minute: u8, second: u8) -> String {
    if second == 0 {
        format!("{hour:02}:{minute:02}")
    } else {
        format!("{hour:02}:{minute:02}:{second:02}")
    }
}

/// An OpenDocument date (`2026-12-03` or `2026-12-03T14:30:00`) as its date, for the same
/// reason as [`excel_date_text`]; anything else as it is.
fn iso_date_text(text: &str) -> String {
    let day = text.split('T').next().unwrap_or(text);
    match day.parse::<Date>() {
        Ok(date) => date.to_string(),
        Err(_) => text.trim().to_owned(),
    }
}

/// A duration (Excel `[h]:mm:ss`, a fraction of days) as hours, minutes and seconds:
/// `36:30:00`, as Excel shows it.
fn duration_text(days: f64) -> String {
    let seconds = (days * 86_400.0).round();
    if !seconds.is_finite() {
        return number_text(days);
    }
    let sign = if seconds < 0.0 { "-" } else { "" };
    let total = seconds.abs() as u64;
    format!(
        "{sign}{}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn cells_read_as_a_rep_types_them() {
        assert_eq!(cell_text(&Data::Float(48_500_000.0)), "48500000");
        assert_eq!(cell_text(&Data::Float(1e21)), "1000000000000000000000");
        assert_eq!(cell_text(&Data::Float(5.5)), "5.5");
        assert_eq!(cell_text(&Data::Float(-0.0)), "0");
        assert_eq!(cell_text(&Data::Float(0.000_001)), "0.000001");
        assert_eq!(cell_text(&Data::Int(-12)), "-12");
        assert_eq!(cell_text(&Data::Bool(true)), "true");
        assert_eq!(cell_text(&Data::String("  Müller AG ".into())), "Müller AG");
        assert_eq!(cell_text(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(cell_text(&Data::DurationIso("PT36H".into())), "PT36H");
    }

    #[test]
    fn excel_serials_become_iso_dates() {
        // 2026-12-03 is day 46359 counted from 1899-12-30.
        let serial = (Date::constant(2026, 12, 3) - Date::constant(1899, 12, 30)).get_days() as f64;
        assert_eq!(cell_text(&date(serial)), "2026-12-03");
        // With a time of day: the date alone.
        assert_eq!(cell_text(&date(serial + 0.6)), "2026-12-03");
        assert_eq!(cell_text(&date(serial + 0.999_999)), "2026-12-03");
        // A workbook counting from 1904 (old Mac Excel): the same day has a smaller serial.
        let mac = ExcelDateTime::new(serial - 1462.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell_text(&Data::DateTime(mac)), "2026-12-03");
        // A time without a day.
        assert_eq!(cell_text(&date(0.5)), "12:00");
        let duration = ExcelDateTime::new(1.5208333, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&Data::DateTime(duration)), "36:30:00");
    }

    #[test]
    fn opendocument_dates_keep_their_day() {
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-12-03".into())),
            "2026-12-03"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-12-03T14:30:00".into())),
            "2026-12-03"
        );
        assert_eq!(cell_text(&Data::DateTimeIso("14:30".into())), "14:30");
    }

    #[test]
    fn workbooks_are_known_by_their_first_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(OLE_MAGIC));
        assert!(!is_workbook(b"company,contact\n"));
        assert!(!is_workbook(b"PK"));
    }

    #[test]
    fn a_damaged_workbook_is_an_error_not_a_panic() {
        assert!(matches!(
            read_workbook(b"PK\x03\x04\x14\x00\x00\x00garbage", None),
            Err(WorkbookError::Unreadable(_))
        ));
        assert!(matches!(
            read_workbook(b"", None),
            Err(WorkbookError::Unreadable(_))
        ));
    }
}
