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

#[derive(Debug, Clone)]
pub struct Table {
    pub format: TableFormat,
    /// The line (CSV) or row (sheet) the header was read from: 1 unless the file names another
    /// (Excel's `sep=` line) or the rep does (`--header-row`, the preview's choice).
    pub header_line: u64,
    /// The header row's names, trimmed; `""` for a column without a name.
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
    /// Rows that could not be read as rows: broken CSV, or filled cells past the header.
    pub errors: Vec<RowError>,
    /// Lines with fewer fields than the header: they import, their missing columns empty.
    pub short_lines: Vec<u64>,
    /// The first rows after the header as the file has them, good or bad: where an import
    /// looks for the real header when a title above the table was read as one.
    pub first_rows: Vec<TableRow>,
}

/// How many rows [`Table::first_rows`] keeps.
pub const FIRST_ROWS: usize = 20;

impl Default for Table {
    fn default() -> Self {
        Table {
            format: TableFormat::default(),
            header_line: 1,
            header: Vec::new(),
            rows: Vec::new(),
            errors: Vec::new(),
            short_lines: Vec::new(),
            first_rows: Vec::new(),
        }
    }
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

/// Excel's separator line: a first line `sep=;` (also `sep=,`, `sep=` and a tab, `sep=|`, in any
/// case, possibly in quotes as some tools write it) gives the separator; the rest of the text
/// after that line is the table.
fn separator_line(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r');
    let first = first
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(first);
    let sep = first.get(..4)?;
    if !sep.eq_ignore_ascii_case("sep=") {
        return None;
    }
    // A spreadsheet that saved the line again may have padded it with separators (`sep=;;;`).
    let mut chars = first[4..].chars();
    match chars.next() {
        Some(c) if c.is_ascii() && c != '"' && chars.all(|other| other == c) => {
            Some((c as u8, rest))
        }
        _ => None,
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
        // Many NUL bytes without a byte-order mark: UTF-16 without one, or no text at all. A
        // stray one in a text file is named with its row and column later (`Table::push`).
        (None, None) if mostly_nul(bytes) => return Err(CsvError::NotText("UTF-8")),
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

/// Whether a NUL is every second byte or more often in one of the two halves: text in UTF-16
/// (every ASCII letter has a NUL beside it) or no text at all, rather than a text file with a
/// stray NUL in a cell.
fn mostly_nul(bytes: &[u8]) -> bool {
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let half = bytes.len() / 2;
    half > 0 && (even.max(odd) * 4 >= half)
}

/// Reads CSV bytes into a table: the encoding as [`decode`] says, the separator detected, line
/// numbers as a spreadsheet shows them (CRLF or not). A quote never closed refuses the file (the
/// rest of it would become one cell).
///
/// `header_row` is the line that names the columns when it is not the first (a title above the
/// table); the lines above it are no part of the table.
pub fn read_csv(
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
    header_row: Option<u64>,
) -> Result<Table, CsvError> {
    let (text, encoding) = decode(bytes, encoding)?;
    // Windows line ends as plain ones: the CSV reader counts a CRLF file's lines one short.
    let text = text.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    // Excel's own first line `sep=;` names the separator and is no part of the table; the
    // lines after it keep the numbers a text editor shows.
    let (separator, mut text, mut skipped) = match separator_line(&text) {
        Some((delimiter, rest)) => (Some(delimiter), rest, 1),
        None => (None, text.as_str(), 0),
    };
    while let Some(h) = header_row
        && skipped + 1 < h
        && let Some((_, rest)) = text.split_once('\n')
    {
        text = rest;
        skipped += 1;
    }
    let delimiter = separator.unwrap_or_else(|| detect_delimiter(text));
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(CsvError::UnclosedQuote {
            line: line + skipped,
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| CsvError::Syntax {
            line: 1 + skipped,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| super::formula::unescape(h.trim()).to_owned())
        .collect();
    let mut table = Table {
        format: TableFormat::Csv {
            encoding,
            delimiter: char::from(delimiter),
        },
        header_line: 1 + skipped,
        header,
        ..Table::default()
    };
    // Line numbers as an editor shows them, counted from each record's byte offset: the CSV
    // reader's own count leaves out empty lines.
    let mut lines = LineCounter::new(text, 1 + skipped);
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = lines.at(record.position().map_or(0, |p| p.byte()));
                table.push(line, record.iter().map(str::to_owned).collect());
            }
            Err(e) => table.errors.push(RowError {
                line: lines.at(e.position().map_or(0, |p| p.byte())),
                problems: vec![RowProblem::Unreadable(e.to_string())],
            }),
        }
    }
    Ok(table)
}

/// The line of a byte offset in a text, for offsets that only grow (a reader's records).
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, first_line: u64) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted_to: 0,
            line: first_line,
        }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // A record's offset is where reading it began: before the empty lines the reader
        // skipped on its way to the record.
        let mut byte = byte;
        while self.text.get(byte) == Some(&b'\n') {
            byte += 1;
        }
        if byte > self.counted_to {
            let newlines = memchr::memchr_iter(b'\n', &self.text[self.counted_to..byte]).count();
            self.line += newlines as u64;
            self.counted_to = byte;
        }
        self.line
    }
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
        if self.first_rows.len() < FIRST_ROWS {
            let cells = cells.iter().map(|c| c.trim().to_owned()).collect();
            self.first_rows.push(TableRow { line, cells });
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
        // A control character (a NUL, a vertical tab) is never typed by a rep: something went
        // wrong with the file. Named with its column, never dropped or kept in silence.
        let controls: Vec<RowProblem> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, cell)| {
                let character = cell
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
                Some(RowProblem::ControlCharacter {
                    column: i + 1,
                    name: self.header.get(i).cloned().unwrap_or_default(),
                    character,
                })
            })
            .collect();
        if !controls.is_empty() {
            self.errors.push(RowError {
                line,
                problems: controls,
            });
            return;
        }
        if cells.len() < columns {
            self.short_lines.push(line);
        }
        let cells = cells
            .into_iter()
            .map(|c| super::formula::unescape(c.trim()).to_owned())
            .collect();
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
