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
    #[error("the file is not UTF-8 text; save it from your spreadsheet as \"CSV UTF-8\"")]
    NotUtf8,
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
    /// A header column LeadQ does not know (reported for line 1).
    UnknownColumn {
        column: String,
        known: Vec<String>,
    },
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

#[derive(Debug, Default)]
pub struct ParsedCsv {
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

/// `;` when the header row has more semicolons than commas (German Excel), else `,`.
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Parses and validates every row; nothing is applied here, so a caller can refuse the whole
/// file when any row is bad.
pub fn parse_csv(bytes: &[u8], framework: &Framework) -> Result<ParsedCsv, CsvError> {
    let text = std::str::from_utf8(bytes).map_err(|_| CsvError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    let mut parsed = ParsedCsv::default();
    let Some(headers) = read_header(&mut reader, framework, &mut parsed)? else {
        return Ok(parsed);
    };
    // The columns the header names; empty names after the last one (`company;contact;;`) are
    // no columns, so a value under them would be lost.
    let columns = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
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

/// The header row, lower case and trimmed; `None` (with the problem in `parsed`) when it names
/// a column LeadQ does not know.
fn read_header(
    reader: &mut csv::Reader<&[u8]>,
    framework: &Framework,
    parsed: &mut ParsedCsv,
) -> Result<Option<Vec<String>>, CsvError> {
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| CsvError::Syntax {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].contains(h) {
            return Err(CsvError::DuplicateColumn(h.clone()));
        }
    }
    if !headers.iter().any(|h| h == "company") {
        return Err(CsvError::NoCompanyColumn(header(framework).join(",")));
    }
    let known: Vec<String> = header(framework)
        .into_iter()
        .chain(DERIVED.iter().map(|s| s.to_string()))
        .collect();
    if let Some(unknown) = headers.iter().find(|h| !h.is_empty() && !known.contains(h)) {
        parsed.errors.push(RowError {
            line: 1,
            problems: vec![RowProblem::UnknownColumn {
                column: unknown.clone(),
                known,
            }],
        });
        return Ok(None);
    }
    Ok(Some(headers))
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
    mut new_id: impl FnMut() -> Uuid,
) -> ImportPlan {
    let by_id: std::collections::HashMap<Uuid, &Lead> =
        existing.iter().map(|l| (l.id, l)).collect();
    let mut plan = ImportPlan::default();
    for row in rows {
        let mut lead = match row.id.and_then(|id| by_id.get(&id)) {
            Some(lead) => {
                plan.updated += 1;
                (*lead).clone()
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
        assert!(matches!(
            parse_csv(&[0xff, 0xfe], &fw()),
            Err(CsvError::NotUtf8)
        ));
    }
}
