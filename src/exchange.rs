//! CSV import and export: the way leads come from and go to spreadsheets and CRMs.
//! Works on bytes and writers only; the CLI does the file handling.

use std::collections::HashSet;
use std::io::Write;

use jiff::Timestamp;
use jiff::civil::Date;
use thiserror::Error;
use uuid::Uuid;

use crate::domain::{
    Classification, Framework, Lead, RevenueError, Source, Stage, UNKNOWN, parse_revenue,
};

/// The general columns; the framework's criteria (budget, authority, need, time) follow
/// `revenue_meur`…`stage`, then `notes` and `follow_up`.
const GENERAL_BEFORE: [&str; 8] = [
    "id",
    "company",
    "contact",
    "role",
    "industry",
    "revenue_meur",
    "source",
    "stage",
];
const GENERAL_AFTER: [&str; 2] = ["notes", "follow_up"];
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
    pub company: String,
    pub contact: String,
    pub role: String,
    pub industry: String,
    pub revenue_meur: Option<f64>,
    pub source: Source,
    pub stage: Stage,
    /// (criterion id, answer id) in framework order.
    pub answers: Vec<(String, String)>,
    pub notes: String,
    pub follow_up: Option<Date>,
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
    GENERAL_BEFORE
        .iter()
        .map(|s| s.to_string())
        .chain(framework.criteria.iter().map(|c| c.id.clone()))
        .chain(GENERAL_AFTER.iter().map(|s| s.to_string()))
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
    let column_of = |name: &str| headers.iter().position(|h| h == name);
    if column_of("company").is_none() {
        return Err(CsvError::NoCompanyColumn(header(framework).join(",")));
    }
    let known: Vec<String> = header(framework)
        .into_iter()
        .chain(DERIVED.iter().map(|s| s.to_string()))
        .collect();
    let mut parsed = ParsedCsv::default();
    if let Some(unknown) = headers.iter().find(|h| !h.is_empty() && !known.contains(h)) {
        parsed.errors.push(RowError {
            line: 1,
            problems: vec![RowProblem::UnknownColumn {
                column: unknown.clone(),
                known,
            }],
        });
        return Ok(parsed);
    }

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
        for column in ["company", "contact"] {
            if let Some(i) = column_of(column)
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
            parsed.errors.push(RowError {
                line,
                problems: vec![RowProblem::TooManyFields {
                    fields: filled,
                    header: columns,
                }],
            });
            continue;
        }
        if record.len() < columns {
            parsed.short_lines.push(line);
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
    let company = get("company").to_owned();
    let contact = get("contact").to_owned();
    // A row with an id is a lead LeadQ exported, which may still be unnamed (a new lead the rep
    // has not typed a name into yet); refusing it would make an export impossible to import.
    if company.is_empty() && contact.is_empty() && get("id").is_empty() {
        problems.push(RowProblem::CompanyEmpty);
    }
    let revenue_meur = parse_revenue(get("revenue_meur"))
        .map_err(|e| problems.push(RowProblem::Revenue(e)))
        .ok()
        .flatten();
    let source = match get("source") {
        "" => Source::Other,
        s => Source::from_id(s).unwrap_or_else(|| {
            problems.push(RowProblem::Source(s.to_owned()));
            Source::Other
        }),
    };
    let stage = match get("stage") {
        "" => Stage::Mql,
        s => Stage::from_id(&s.to_ascii_lowercase()).unwrap_or_else(|| {
            problems.push(RowProblem::Stage(s.to_owned()));
            Stage::Mql
        }),
    };
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
    let follow_up = match get("follow_up") {
        "" => None,
        s => s
            .parse::<Date>()
            .map_err(|_| problems.push(RowProblem::FollowUp(s.to_owned())))
            .ok(),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ImportRow {
        line,
        id,
        company,
        contact,
        role: get("role").to_owned(),
        industry: get("industry").to_owned(),
        revenue_meur,
        source,
        stage,
        answers,
        notes: get("notes").to_owned(),
        follow_up,
    })
}

/// Writes a row's values into `lead`; answer changes go into the lead's history.
pub fn apply_row(
    row: &ImportRow,
    lead: &mut Lead,
    framework: &Framework,
    rules: &Classification,
    now: Timestamp,
) {
    lead.company = row.company.clone();
    lead.contact = row.contact.clone();
    lead.role = row.role.clone();
    lead.industry = row.industry.clone();
    lead.revenue_meur = row.revenue_meur;
    lead.source = row.source;
    lead.stage = row.stage;
    lead.notes = row.notes.clone();
    lead.follow_up = row.follow_up;
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
        let mut record: Vec<String> = vec![
            lead.id.to_string(),
            lead.company.clone(),
            lead.contact.clone(),
            lead.role.clone(),
            lead.industry.clone(),
            lead.revenue_meur
                .map(|r| exact_revenue(r, semicolon))
                .unwrap_or_default(),
            lead.source.id().to_owned(),
            lead.stage.id().to_owned(),
        ];
        record.extend(
            framework
                .criteria
                .iter()
                .map(|c| lead.assessment.answer(&c.id).to_owned()),
        );
        record.push(lead.notes.clone());
        record.push(lead.follow_up.map(|d| d.to_string()).unwrap_or_default());
        record.push(eval.score.to_string());
        record.push(eval.class.letter().to_owned());
        record.push(eval.provisional.to_string());
        writer.write_record(&record).map_err(werr)?;
    }
    writer.flush().map_err(|e| CsvError::Write(e.to_string()))
}

/// Revenue exactly as stored (not rounded like on screen), so a round trip loses nothing.
fn exact_revenue(value: f64, decimal_comma: bool) -> String {
    // `-0` (a hand-edited `Some(-0.0)`) would be read back as a negative revenue.
    let value = if value == 0.0 { 0.0 } else { value };
    let text = value.to_string();
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
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
        assert_eq!(parsed.rows[0].revenue_meur, Some(5.5));
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
        assert_eq!(parsed.rows[0].company, "A \"Q\" GmbH");
        assert_eq!(parsed.rows[0].notes, "two\nlines");
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
        let companies: Vec<&str> = parsed.rows.iter().map(|r| r.company.as_str()).collect();
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
