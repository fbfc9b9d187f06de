//! A spreadsheet as rows of text cells, whatever file it came from: CSV in any encoding and
//! separator LeadQ detects, or a workbook (`workbook.rs`). What the cells mean is decided later
//! (`mapping.rs`, `rows.rs`), so the preview can change a column's meaning without reading the
//! file again.

use super::{CsvError, RowError, RowProblem};

/// Where a table came from and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub enum TableFormat {
    Csv {
        /// The encoding the file was read in (`UTF-8`, `windows-1252`, `UTF-16LE`, …).
        encoding: &'static str,
        /// The separator the header row uses: `,`, `;` or a tab.
        delimiter: char,
    },
    Workbook {
        /// The sheet read, and all the workbook has.
        sheet: String,
        sheets: Vec<String>,
    },
}

impl Default for TableFormat {
    fn default() -> Self {
        TableFormat::Csv {
            encoding: "UTF-8",
            delimiter: ',',
        }
    }
}

/// One row of cells, with the line (CSV) or row number (sheet) a spreadsheet shows for it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub line: u64,
    /// Trimmed cells; a short row has fewer than the header.
    pub cells: Vec<String>,
}

impl TableRow {
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub format: TableFormat,
    /// The header row's names, trimmed; `""` for a column without a name.
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
    /// Rows that could not be read as rows: broken CSV, or filled cells past the header.
    pub errors: Vec<RowError>,
    /// Lines with fewer fields than the header: they import, their missing columns empty.
    pub short_lines: Vec<u64>,
}

/// The separator the header row uses most: tab (Excel's "Unicode text"), `;` (German Excel) or
/// `,` (the default, also on a tie).
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let count = |c: char| first.matches(c).count();
    let (tabs, semicolons, commas) = (count('\t'), count(';'), count(','));
    if tabs > semicolons && tabs > commas {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// A file's bytes as text, and the encoding they were read in: `forced` when given; else the
/// byte-order mark's (UTF-8, UTF-16LE/BE, as Excel's "CSV UTF-8" and "Unicode text" write);
/// else UTF-8 when the bytes are valid UTF-8; else the legacy encoding `chardetng` (Firefox's
/// detector) finds most likely — Windows-1252 for German Excel's "CSV (Trennzeichen-getrennt)"
/// and Salesforce's ISO-8859-1. Bytes that do not decode cleanly are refused, never guessed
/// into replacement characters.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<(String, &'static str), CsvError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(CsvError::Workbook);
    }
    let (encoding, body) = match (forced, encoding_rs::Encoding::for_bom(bytes)) {
        (Some(e), Some((bom, len))) if bom == e => (e, &bytes[len..]),
        (Some(e), _) => (e, bytes),
        (None, Some((bom, len))) => (bom, &bytes[len..]),
        // NUL bytes without a byte-order mark: UTF-16 without one, or no text at all.
        (None, None) if bytes.contains(&0) => return Err(CsvError::NotText("UTF-8")),
        (None, None) if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        (None, None) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (detector.guess(None, chardetng::Utf8Detection::Deny), bytes)
        }
    };
    let (text, malformed) = encoding.decode_without_bom_handling(body);
    if malformed {
        return Err(CsvError::NotText(encoding.name()));
    }
    Ok((text.into_owned(), encoding.name()))
}

/// Reads CSV bytes into a table: the encoding as [`decode`] says, the separator detected, line
/// numbers as a spreadsheet shows them (CRLF or not). A quote never closed refuses the file (the
/// rest of it would become one cell).
pub fn read_csv(
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Table, CsvError> {
    let (text, encoding) = decode(bytes, encoding)?;
    // Windows line ends as plain ones: the CSV reader counts a CRLF file's lines one short.
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = detect_delimiter(&text);
    if let Some(line) = unclosed_quote(&text, delimiter) {
        return Err(CsvError::UnclosedQuote { line });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| CsvError::Syntax {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let mut table = Table {
        format: TableFormat::Csv {
            encoding,
            delimiter: char::from(delimiter),
        },
        header,
        ..Table::default()
    };
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                table.push(line, record.iter().map(str::to_owned).collect());
            }
            Err(e) => table.errors.push(RowError {
                line: e.position().map_or(0, |p| p.line()),
                problems: vec![RowProblem::Unreadable(e.to_string())],
            }),
        }
    }
    Ok(table)
}

impl Table {
    /// How many columns the header names: empty names after the last one
    /// (`company;contact;;`) are no columns, so a value under them would be lost.
    pub fn columns(&self) -> usize {
        self.header
            .iter()
            .rposition(|n| !n.is_empty())
            .map_or(0, |i| i + 1)
    }

    /// Adds a row read from the file: an empty row is skipped (spreadsheets often end with
    /// some), filled cells past the header's columns make it a bad row, a short one is noted.
    pub fn push(&mut self, line: u64, cells: Vec<String>) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let columns = self.columns();
        // Trailing empty fields (Excel's `;;;`) are no data; a filled field past the last
        // column would silently be lost.
        let filled = cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1);
        if filled > columns {
            self.errors.push(RowError {
                line,
                problems: vec![RowProblem::TooManyFields {
                    fields: filled,
                    header: columns,
                }],
            });
            return;
        }
        if cells.len() < columns {
            self.short_lines.push(line);
        }
        let cells = cells.into_iter().map(|c| c.trim().to_owned()).collect();
        self.rows.push(TableRow { line, cells });
    }
}

/// The line where a quote opens that is still open at the end of `text`, read as the CSV
/// reader reads it: a quote opens a field only at the field's start, `""` inside is a quote
/// character, and the next single quote closes it.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let delimiter = char::from(delimiter);
    let mut line: u64 = 1;
    let mut opened_at: Option<u64> = None;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if opened_at.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => opened_at = None,
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                opened_at = Some(line);
                at_field_start = false;
            }
            '\n' => {
                line += 1;
                at_field_start = true;
            }
            '\r' => at_field_start = true,
            c if c == delimiter => at_field_start = true,
            _ => at_field_start = false,
        }
    }
    opened_at
}
