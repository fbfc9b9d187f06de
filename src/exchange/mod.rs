//! CSV import and export: the way leads come from and go to spreadsheets and CRMs.
//! Works on bytes and writers only; the CLI does the file handling.

use std::collections::HashSet;
use std::io::Write;

use jiff::Timestamp;
use jiff::civil::Date;
use thiserror::Error;
use uuid::Uuid;

use crate::domain::{
    Classification, Field, FieldKind, Framework, Lead, RevenueError, Source, Stage, UNKNOWN, Value,
    exact_revenue, parse_revenue,
};
/// Derived columns an export adds; an import ignores them, so export → import round-trips.
const DERIVED: [&str; 3] = ["score", "class", "provisional"];

#[derive(Debug, Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    /// Bytes that are not text in any encoding LeadQ reads (or not in the one asked for).
    #[error("the file is not text in {0}; save it from your spreadsheet as \"CSV UTF-8\"")]
    NotText(&'static str),
    /// An Excel or OpenDocument workbook (a ZIP file), not a CSV file.
    #[error("the file is a spreadsheet workbook (.xlsx/.ods), not CSV; save it as \"CSV UTF-8\"")]
    Workbook,
    #[error(
        "the header row has no \"company\" column; the first row must name the columns, e.g. {0}"
    )]
    NoCompanyColumn(String),
    #[error("column \"{0}\" appears twice in the header row")]
    DuplicateColumn(String),
    #[error("line {line}: {message}")]
    Syntax { line: u64, message: String },
    /// A quote that is still open at the end of the file: the rest of the file after it would
    /// become one field (and usually one lead).
    #[error("line {line}: a quote (\") opens here and is never closed")]
    UnclosedQuote { line: u64 },
    /// A company or contact spanning lines: almost always a quote closed too late.
    #[error(
        "line {line}: the {column} has a line break; a quote (\") opened here is closed too late"
    )]
    LineBreakInName { line: u64, column: &'static str },
    #[error("could not write CSV: {0}")]
    Write(String),
}

/// One row that failed validation, with the line number a spreadsheet shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u64,
    pub problems: Vec<RowProblem>,
}

/// What is wrong with a row; `crate::i18n::row_problem` says it in the rep's language.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// The CSV reader could not read the row.
    Unreadable(String),
    /// More (non-empty) fields than the header has columns: the extra ones have no column.
    TooManyFields {
        fields: usize,
        header: usize,
    },
    BadId(String),
    CompanyEmpty,
    Revenue(RevenueError),
    Source(String),
    Stage(String),
    Answer {
        criterion: String,
        answer: String,
        known: Vec<String>,
    },
    FollowUp(String),
    DuplicateId(Uuid),
}

/// A validated row, ready to be applied to a new or existing lead.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: u64,
    pub id: Option<Uuid>,
    /// Every general field, in [`Field::ALL`] order (an empty cell gives the empty value).
    pub values: Vec<(Field, Value)>,
    /// (criterion id, answer id) in framework order.
    pub answers: Vec<(String, String)>,
}

impl ImportRow {
    pub fn value(&self, field: Field) -> Option<&Value> {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v)
    }

    /// The text of a free-text field; `""` for the others.
    pub fn text(&self, field: Field) -> &str {
        match self.value(field) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct ParsedCsv {
    /// The encoding the file was read in (`UTF-8`, `windows-1252`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// The separator the header row uses: `,`, `;` or a tab.
    pub delimiter: char,
    /// Header columns no field matches, as the file names them: ignored, and named to the rep.
    pub ignored: Vec<String>,
    /// The fields the header has columns for, in the file's order.
    pub fields: Vec<Field>,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    /// Lines with fewer fields than the header: they import, their missing columns empty.
    pub short_lines: Vec<u64>,
}

/// The header an export writes and an import understands, for `framework`.
pub fn header(framework: &Framework) -> Vec<String> {
    let fields = |after: bool| {
        Field::ALL
            .into_iter()
            .filter(move |f| f.after_criteria() == after)
            .map(|f| f.id().to_owned())
    };
    std::iter::once("id".to_owned())
        .chain(fields(false))
        .chain(framework.criteria.iter().map(|c| c.id.clone()))
        .chain(fields(true))
        .collect()
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

/// Parses and validates every row; nothing is applied here, so a caller can refuse the whole
/// file when any row is bad. The encoding is found as [`decode`] says.
pub fn parse_csv(bytes: &[u8], framework: &Framework) -> Result<ParsedCsv, CsvError> {
    parse_csv_in(bytes, None, framework)
}

/// [`parse_csv`] with the encoding given (`leadq import --encoding`).
pub fn parse_csv_in(
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
    framework: &Framework,
) -> Result<ParsedCsv, CsvError> {
    let (text, encoding) = decode(bytes, encoding)?;
    // Windows line ends as plain ones: the CSV reader counts a CRLF file's lines one short.
    let text = text.replace("\r\n", "\n");
    let text = text.as_str();
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = detect_delimiter(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(CsvError::UnclosedQuote { line });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut parsed = ParsedCsv {
        encoding,
        delimiter: char::from(delimiter),
        ..ParsedCsv::default()
    };
    let (headers, columns) = read_header(&mut reader, framework, &mut parsed)?;
    parsed.fields = headers.iter().filter_map(|h| Field::from_id(h)).collect();
    let mut seen_ids = HashSet::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                parsed.errors.push(RowError {
                    line,
                    problems: vec![RowProblem::Unreadable(e.to_string())],
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // Spreadsheets often end with empty rows.
        }
        if let Some(problem) = check_record(&record, line, &headers, columns, &mut parsed)? {
            parsed.errors.push(RowError {
                line,
                problems: vec![problem],
            });
            continue;
        }
        let fields = Fields {
            headers: &headers,
            record: &record,
        };
        match parse_row(line, &fields, framework) {
            Ok(row) => {
                if let Some(id) = row.id
                    && !seen_ids.insert(id)
                {
                    parsed.errors.push(RowError {
                        line,
                        problems: vec![RowProblem::DuplicateId(id)],
                    });
                    continue;
                }
                parsed.rows.push(row);
            }
            Err(problems) => {
                parsed.errors.push(RowError { line, problems });
            }
        }
    }
    Ok(parsed)
}

/// The header row as LeadQ's column ids: each name matched (ignoring case, accents and spaces)
/// against the ids, the names in `assets/columns.ron` and the framework's criterion names. A
/// column nothing matches becomes `""` (no column) and is listed in `parsed.ignored`. Also
/// returns how many columns the header names: empty names after the last one
/// (`company;contact;;`) are no columns, so a value under them would be lost.
fn read_header(
    reader: &mut csv::Reader<&[u8]>,
    framework: &Framework,
    parsed: &mut ParsedCsv,
) -> Result<(Vec<String>, usize), CsvError> {
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| CsvError::Syntax {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let known = known_columns(framework);
    let mut headers = Vec::with_capacity(names.len());
    for name in &names {
        let id = known.get(&column_key(name)).cloned().unwrap_or_default();
        if id.is_empty() && !name.is_empty() {
            parsed.ignored.push(name.clone());
        }
        if !id.is_empty() && headers.contains(&id) {
            return Err(CsvError::DuplicateColumn(name.clone()));
        }
        headers.push(id);
    }
    if !headers.iter().any(|h| h == "company") {
        return Err(CsvError::NoCompanyColumn(header(framework).join(",")));
    }
    let columns = names
        .iter()
        .rposition(|n| !n.is_empty())
        .map_or(0, |i| i + 1);
    Ok((headers, columns))
}

/// How a column name is compared: folded (lower case, no accents) and without spaces, `-`, `_`,
/// `.` or `/`, so "Nächster Kontakt", "naechster_kontakt" … all meet.
fn column_key(name: &str) -> String {
    crate::domain::fold(name)
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("ue", "u")
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '/' | '(' | ')'))
        .collect()
}

/// Every column name an import understands, by its key ([`column_key`]), with the column id.
fn known_columns(framework: &Framework) -> std::collections::HashMap<String, String> {
    let mut known = std::collections::HashMap::new();
    for (id, aliases) in column_aliases() {
        for alias in aliases {
            known.insert(column_key(alias), id.clone());
        }
    }
    for c in &framework.criteria {
        for name in [&c.name.de, &c.name.en] {
            known.insert(column_key(name), c.id.clone());
        }
    }
    // The ids themselves win over any alias.
    for id in header(framework)
        .into_iter()
        .chain(DERIVED.iter().map(|s| s.to_string()))
    {
        known.insert(column_key(&id), id);
    }
    known
}

/// `assets/columns.ron`: column id → other names for it. Embedded and checked by a test, so
/// the fallback (ids only) never shows in a release.
fn column_aliases() -> &'static std::collections::BTreeMap<String, Vec<String>> {
    static ALIASES: std::sync::OnceLock<std::collections::BTreeMap<String, Vec<String>>> =
        std::sync::OnceLock::new();
    ALIASES.get_or_init(|| ron::from_str(include_str!("../../assets/columns.ron")).unwrap_or_default())
}

/// What makes a record unusable before its values are read: a company or contact spanning lines
/// (the whole file is refused), or filled fields past the header's columns (a bad row). Notes a
/// short row in `parsed`.
fn check_record(
    record: &csv::StringRecord,
    line: u64,
    headers: &[String],
    columns: usize,
    parsed: &mut ParsedCsv,
) -> Result<Option<RowProblem>, CsvError> {
    for column in ["company", "contact"] {
        if let Some(i) = headers.iter().position(|h| h == column)
            && record.get(i).is_some_and(|f| f.contains(['\n', '\r']))
        {
            // The line the field starts on: the record's line plus the line breaks of the
            // fields before it.
            let before: usize = record.iter().take(i).map(|f| f.matches('\n').count()).sum();
            return Err(CsvError::LineBreakInName {
                line: line + before as u64,
                column,
            });
        }
    }
    // Trailing empty fields (Excel's `;;;`) are no data; a filled field past the last
    // column would silently be lost.
    let filled = (0..record.len())
        .rev()
        .find(|&i| record.get(i).is_some_and(|f| !f.trim().is_empty()))
        .map_or(0, |i| i + 1);
    if filled > columns {
        return Ok(Some(RowProblem::TooManyFields {
            fields: filled,
            header: columns,
        }));
    }
    if record.len() < columns {
        parsed.short_lines.push(line);
    }
    Ok(None)
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

/// One record, looked up by column name.
struct Fields<'a> {
    headers: &'a [String],
    record: &'a csv::StringRecord,
}

impl Fields<'_> {
    fn get(&self, name: &str) -> &str {
        self.headers
            .iter()
            .position(|h| h == name)
            .and_then(|i| self.record.get(i))
            .map_or("", str::trim)
    }
}

fn parse_row(
    line: u64,
    fields: &Fields,
    framework: &Framework,
) -> Result<ImportRow, Vec<RowProblem>> {
    let get = |name: &str| fields.get(name);
    let mut problems = Vec::new();
    let id = match get("id") {
        "" => None,
        s => Uuid::parse_str(s)
            .map_err(|_| problems.push(RowProblem::BadId(s.to_owned())))
            .ok(),
    };
    // A row with an id is a lead LeadQ exported, which may still be unnamed (a new lead the rep
    // has not typed a name into yet); refusing it would make an export impossible to import.
    if get("company").is_empty() && get("contact").is_empty() && get("id").is_empty() {
        problems.push(RowProblem::CompanyEmpty);
    }
    let values = Field::ALL
        .into_iter()
        .filter_map(|field| match cell_value(field, get(field.id())) {
            Ok(value) => Some((field, value)),
            Err(problem) => {
                problems.push(problem);
                None
            }
        })
        .collect();
    let mut answers = Vec::new();
    for criterion in &framework.criteria {
        let value = get(&criterion.id);
        let answer = if value.is_empty() { UNKNOWN } else { value };
        if criterion.option(answer).is_some() {
            answers.push((criterion.id.clone(), answer.to_owned()));
        } else {
            problems.push(RowProblem::Answer {
                criterion: criterion.id.clone(),
                answer: answer.to_owned(),
                known: criterion.options.iter().map(|o| o.id.clone()).collect(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ImportRow {
        line,
        id,
        values,
        answers,
    })
}

/// One (trimmed) cell read as the field's kind; an empty cell is the field's empty value.
fn cell_value(field: Field, cell: &str) -> Result<Value, RowProblem> {
    if cell.is_empty() {
        return Ok(field.empty());
    }
    Ok(match field.kind() {
        FieldKind::Line | FieldKind::Paragraph | FieldKind::Email | FieldKind::Url => {
            Value::Text(cell.to_owned())
        }
        FieldKind::Revenue => Value::Revenue(parse_revenue(cell).map_err(RowProblem::Revenue)?),
        FieldKind::Source => {
            Value::Source(Source::from_id(cell).ok_or_else(|| RowProblem::Source(cell.to_owned()))?)
        }
        FieldKind::Stage => Value::Stage(
            Stage::from_id(&cell.to_ascii_lowercase())
                .ok_or_else(|| RowProblem::Stage(cell.to_owned()))?,
        ),
        FieldKind::Date => Value::Date(Some(
            cell.parse::<Date>()
                .map_err(|_| RowProblem::FollowUp(cell.to_owned()))?,
        )),
    })
}

/// A field's value as a CSV cell: text as is, revenue exact, ids for source and stage, ISO
/// dates. `decimal_comma` writes `5,5` as German Excel expects.
fn cell_text(value: &Value, decimal_comma: bool) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Revenue(r) => r
            .map(|r| exact_revenue(r, decimal_comma))
            .unwrap_or_default(),
        Value::Source(s) => s.id().to_owned(),
        Value::Stage(s) => s.id().to_owned(),
        Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
    }
}

/// Writes a row's values into `lead`; answer changes go into the lead's history.
pub fn apply_row(
    row: &ImportRow,
    lead: &mut Lead,
    framework: &Framework,
    rules: &Classification,
    now: Timestamp,
) {
    for (field, value) in &row.values {
        lead.set(*field, value.clone());
    }
    for (criterion, answer) in &row.answers {
        lead.set_answer(framework, rules, criterion, answer, now);
    }
    lead.updated = now;
}

/// What an import would write: one lead per row (new, or an existing one updated), in row order.
#[derive(Debug, Default)]
pub struct ImportPlan {
    pub leads: Vec<Lead>,
    /// The CSV line of each lead's row.
    pub lines: Vec<u64>,
    pub created: usize,
    pub updated: usize,
}

/// Applies `rows` to copies of `existing` (by id) or to new leads with ids from `new_id`. Nothing
/// is written here: the caller saves `leads` as one batch, so an import is all or nothing.
pub fn plan_import(
    existing: &[Lead],
    rows: &[ImportRow],
    framework: &Framework,
    rules: &Classification,
    now: Timestamp,
    new_id: impl FnMut() -> Uuid,
) -> ImportPlan {
    let by_id: std::collections::HashMap<Uuid, &Lead> =
        existing.iter().map(|l| (l.id, l)).collect();
    plan_import_by(
        |id| by_id.get(&id).copied(),
        rows,
        framework,
        rules,
        now,
        new_id,
    )
}

/// [`plan_import`] with the existing leads found by id through `existing` (the window's model
/// has them indexed already).
pub fn plan_import_by<'a>(
    existing: impl Fn(Uuid) -> Option<&'a Lead>,
    rows: &[ImportRow],
    framework: &Framework,
    rules: &Classification,
    now: Timestamp,
    mut new_id: impl FnMut() -> Uuid,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    for row in rows {
        let mut lead = match row.id.and_then(&existing) {
            Some(lead) => {
                plan.updated += 1;
                lead.clone()
            }
            None => {
                plan.created += 1;
                Lead::new(row.id.unwrap_or_else(&mut new_id), now)
            }
        };
        apply_row(row, &mut lead, framework, rules, now);
        plan.leads.push(lead);
        plan.lines.push(row.line);
    }
    plan
}

/// Writes leads as CSV with the import header plus score, class and provisional.
/// `semicolon` writes `;` and decimal commas, as German Excel expects.
pub fn write_csv<W: Write>(
    out: W,
    leads: &[Lead],
    framework: &Framework,
    rules: &Classification,
    semicolon: bool,
) -> Result<(), CsvError> {
    let werr = |e: csv::Error| CsvError::Write(e.to_string());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .from_writer(out);
    let mut head = header(framework);
    head.extend(DERIVED.iter().map(|s| s.to_string()));
    writer.write_record(&head).map_err(werr)?;
    for lead in leads {
        let eval = lead.evaluate(framework, rules);
        let fields = |after: bool| {
            Field::ALL
                .into_iter()
                .filter(move |f| f.after_criteria() == after)
                .map(|f| cell_text(&lead.get(f), semicolon))
        };
        let mut record: Vec<String> = vec![lead.id.to_string()];
        record.extend(fields(false));
        record.extend(
            framework
                .criteria
                .iter()
                .map(|c| lead.assessment.answer(&c.id).to_owned()),
        );
        record.extend(fields(true));
        record.push(eval.score.to_string());
        record.push(eval.class.letter().to_owned());
        record.push(eval.provisional.to_string());
        writer.write_record(&record).map_err(werr)?;
    }
    writer.flush().map_err(|e| CsvError::Write(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Field, Value};

    fn fw() -> Framework {
        Framework::builtin().unwrap()
    }

    #[test]
    fn semicolon_csv_with_decimal_comma() {
        let csv = "company;contact;revenue_meur;budget;time\nMax Mustermann GmbH;Max Mustermann;5,5;approved;months_6_12\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(
            parsed.rows[0].value(Field::Revenue),
            Some(&Value::Revenue(Some(5.5)))
        );
        assert_eq!(
            parsed.rows[0].answers[0],
            ("budget".to_owned(), "approved".to_owned())
        );
        assert_eq!(
            parsed.rows[0].answers[1],
            ("authority".to_owned(), "unknown".to_owned())
        );
    }

    #[test]
    fn bad_rows_are_listed_with_line_numbers() {
        let csv = "company,revenue_meur,budget,stage,follow_up\nGood,5,,,\nBad,abc,rich,xyz,31.12.2026\n,,,,\nAlso good,1.250.000,none,sql,2026-12-31\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.errors.len(), 1);
        let e = &parsed.errors[0];
        assert_eq!(e.line, 3);
        let message = crate::i18n::row_error(crate::domain::Lang::En, e);
        for part in [
            "revenue_meur",
            "budget \"rich\"",
            "stage \"xyz\"",
            "follow_up",
        ] {
            assert!(message.contains(part), "{part} in {message}");
        }
    }

    #[test]
    fn a_quote_never_closed_refuses_the_file_naming_its_line() {
        // The quote opens in line 3 and never closes: the csv reader would make the rest of the
        // file one field, i.e. one lead with the following rows inside its notes.
        let csv = "company,contact,notes\nA GmbH,Anna,ok\nB GmbH,\"Bernd,notes\nC GmbH,Carla,\nD GmbH,Dora,\n";
        match parse_csv(csv.as_bytes(), &fw()) {
            Err(CsvError::UnclosedQuote { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        // Quoted fields that close, with "" inside and a line break in the notes, are fine.
        let csv = "company,contact,notes\n\"A \"\"Q\"\" GmbH\",Anna,\"two\nlines\"\nB,Bob,x\"y\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.rows.len(), 2, "{:?}", parsed.errors);
        assert_eq!(parsed.rows[0].text(Field::Company), "A \"Q\" GmbH");
        assert_eq!(parsed.rows[0].text(Field::Notes), "two\nlines");
        assert_eq!(parsed.rows[1].line, 4);
    }

    #[test]
    fn a_company_or_contact_spanning_lines_refuses_the_file() {
        // The quote in line 2 closes only in line 4: the company swallowed line 3.
        let csv = "company;contact\n\"A GmbH;Anna\nB GmbH;Bernd\nC GmbH\";Carla\n";
        match parse_csv(csv.as_bytes(), &fw()) {
            Err(CsvError::LineBreakInName { line, column }) => {
                assert_eq!((line, column), (2, "company"));
            }
            other => panic!("{other:?}"),
        }
        let csv = "notes,contact,company\n\"x\ny\",\"Anna\nB\",C\n";
        match parse_csv(csv.as_bytes(), &fw()) {
            Err(CsvError::LineBreakInName { line, column }) => {
                assert_eq!((line, column), (3, "contact"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extra_fields_are_a_bad_row_and_short_rows_are_named() {
        let csv = "company,contact,role,industry,notes\nA,Anna,CEO,IT,n,lost\nB,Bob,,,,,,\nC,Carla\nD,Dora,,,\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(parsed.errors[0].line, 2);
        assert_eq!(
            crate::i18n::row_error(crate::domain::Lang::En, &parsed.errors[0]),
            "line 2 has 6 fields, the header has 5; the extra field belongs to no column"
        );
        // Trailing empty fields (Excel's `,,,`) are fine; a short row imports and is named.
        let companies: Vec<&str> = parsed.rows.iter().map(|r| r.text(Field::Company)).collect();
        assert_eq!(companies, ["B", "C", "D"]);
        assert_eq!(parsed.short_lines, vec![4]);
    }

    #[test]
    fn file_level_problems() {
        assert!(matches!(parse_csv(b"", &fw()), Err(CsvError::Empty)));
        assert!(matches!(
            parse_csv(b"name,x\na,b\n", &fw()),
            Err(CsvError::NoCompanyColumn(_))
        ));
        // A UTF-16 byte-order mark and nothing after it.
        assert!(matches!(
            parse_csv(&[0xff, 0xfe], &fw()),
            Err(CsvError::Empty)
        ));
        // An .xlsx saved under a .csv name, and UTF-16 without a byte-order mark.
        assert!(matches!(
            parse_csv(b"PK\x03\x04\x14\x00", &fw()),
            Err(CsvError::Workbook)
        ));
        assert!(matches!(
            parse_csv(b"c\0o\0m\0p\0a\0n\0y\0\n\0", &fw()),
            Err(CsvError::NotText("UTF-8"))
        ));
    }

    fn windows_1252(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn german_excel_csv_in_windows_1252_with_its_own_column_names() {
        // What German Excel writes for "CSV (Trennzeichen-getrennt)": Windows-1252, `;`, CRLF,
        // the window's German labels as the header.
        let text = "Firma;Ansprechpartner;E-Mail;Umsatz in Mio. €;Nächster Kontakt;Budget;Zeitrahmen\r\nMüller & Söhne GmbH;Jörg Müller;jm@mueller.de;5,5;2026-12-03;approved;months_6_12\r\nGroß AG;Zoë Weiß;;;;;\r\n";
        let parsed = parse_csv(&windows_1252(text), &fw()).unwrap();
        // Lines as the spreadsheet numbers them, CRLF or not.
        let lines: Vec<u64> = parsed.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
        assert_eq!(
            parsed.fields,
            [
                Field::Company,
                Field::Contact,
                Field::Email,
                Field::Revenue,
                Field::FollowUp
            ]
        );
        assert_eq!(parsed.encoding, "windows-1252");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert!(parsed.ignored.is_empty(), "{:?}", parsed.ignored);
        let first = &parsed.rows[0];
        assert_eq!(first.text(Field::Company), "Müller & Söhne GmbH");
        assert_eq!(first.text(Field::Contact), "Jörg Müller");
        assert_eq!(first.text(Field::Email), "jm@mueller.de");
        assert_eq!(
            first.value(Field::Revenue),
            Some(&Value::Revenue(Some(5.5)))
        );
        assert_eq!(
            first.value(Field::FollowUp),
            Some(&Value::Date(Some(Date::constant(2026, 12, 3))))
        );
        assert_eq!(first.answers[0], ("budget".into(), "approved".into()));
        assert_eq!(first.answers[3], ("time".into(), "months_6_12".into()));
        assert_eq!(parsed.rows[1].text(Field::Contact), "Zoë Weiß");
    }

    #[test]
    fn excel_unicode_text_is_utf16_with_tabs() {
        let text = "\u{feff}company\tcontact\tphone\r\nΩμέγα Α.Ε.\tΕλένη Παπαδοπούλου\t+30 210 1234567\r\n";
        let mut bytes = Vec::new();
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let parsed = parse_csv(&bytes, &fw()).unwrap();
        assert_eq!(parsed.encoding, "UTF-16LE");
        let row = &parsed.rows[0];
        assert_eq!(row.text(Field::Company), "Ωμέγα Α.Ε.");
        assert_eq!(row.text(Field::Contact), "Ελένη Παπαδοπούλου");
        assert_eq!(row.text(Field::Phone), "+30 210 1234567");
    }

    #[test]
    fn an_encoding_given_wins_and_bytes_that_do_not_fit_it_are_refused() {
        let bytes = windows_1252("company\nCafé Zoë\n");
        let latin = encoding_rs::Encoding::for_label(b"iso-8859-1");
        let parsed = parse_csv_in(&bytes, latin, &fw()).unwrap();
        assert_eq!(parsed.rows[0].text(Field::Company), "Café Zoë");
        // The same bytes read as UTF-8 are not text: refused, not turned into �.
        assert!(matches!(
            parse_csv_in(&bytes, Some(encoding_rs::UTF_8), &fw()),
            Err(CsvError::NotText("UTF-8"))
        ));
    }

    #[test]
    fn unknown_columns_are_ignored_and_named_and_a_field_twice_is_refused() {
        let csv = "Company Name,Job Title,Email,Contact owner,Create Date\nNordlicht AG,CTO,a@b.de,Lisa,2026-01-01\n";
        let parsed = parse_csv(csv.as_bytes(), &fw()).unwrap();
        assert_eq!(parsed.ignored, ["Contact owner", "Create Date"]);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let row = &parsed.rows[0];
        assert_eq!(row.text(Field::Company), "Nordlicht AG");
        assert_eq!(row.text(Field::Role), "CTO");
        assert_eq!(row.text(Field::Email), "a@b.de");
        match parse_csv(b"Firma,company\nA,B\n", &fw()) {
            Err(CsvError::DuplicateColumn(name)) => assert_eq!(name, "company"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_label_the_window_shows_is_understood_as_a_column() {
        assert!(
            !column_aliases().is_empty(),
            "assets/columns.ron does not parse"
        );
        let known = known_columns(&fw());
        for lang in crate::domain::Lang::ALL {
            for field in Field::ALL {
                let label = crate::i18n::field_label(lang, field);
                assert_eq!(
                    known.get(&column_key(label)).map(String::as_str),
                    Some(field.id()),
                    "{label}"
                );
            }
        }
        // Every alias names a column an export writes.
        let ids = header(&fw());
        for id in column_aliases().keys() {
            assert!(ids.contains(id) || DERIVED.contains(&id.as_str()), "{id}");
        }
    }
}
