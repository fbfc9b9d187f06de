//! A table's rows read as leads through a column mapping: each cell checked as its field's kind
//! (revenue, stage, source, date, criterion answer), first and last names joined into the
//! contact, CRM amounts in euros turned into million euros. Nothing is applied here.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use uuid::Uuid;

use super::mapping::{Target, source_of, stage_of};
use super::table::{Table, TableRow};
use super::{CsvError, ImportRow, RowError, RowProblem};
use crate::domain::{
    Field, FieldKind, Framework, Lang, Source, UNKNOWN, Value, parse_revenue, parse_revenue_eur,
};

/// The rows of a table as an import would take them.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub rows: Vec<ImportRow>,
    /// Rows that cannot be imported, with their problems (the table's unreadable rows too).
    pub errors: Vec<RowError>,
    /// Source values no rule knows, read as `other`, with how many rows had each.
    pub other_sources: BTreeMap<String, usize>,
}

/// Reads every row of `table` through `targets` (one per column). A company or contact that
/// spans lines refuses the whole file: it is almost always a quote closed too late, which
/// swallowed the rows in between.
pub fn read_rows(
    table: &Table,
    targets: &[Target],
    framework: &Framework,
) -> Result<Rows, CsvError> {
    let mut out = Rows {
        errors: table.errors.clone(),
        ..Rows::default()
    };
    let mut seen_ids = HashSet::new();
    for row in &table.rows {
        check_names(row, targets)?;
        match read_row(row, targets, framework, &mut out.other_sources) {
            Ok(r) => {
                if let Some(id) = r.id
                    && !seen_ids.insert(id)
                {
                    out.errors.push(RowError {
                        line: row.line,
                        problems: vec![RowProblem::DuplicateId(id)],
                    });
                    continue;
                }
                out.rows.push(r);
            }
            Err(problems) => out.errors.push(RowError {
                line: row.line,
                problems,
            }),
        }
    }
    out.errors.sort_by_key(|e| e.line);
    Ok(out)
}

fn check_names(row: &TableRow, targets: &[Target]) -> Result<(), CsvError> {
    for (i, target) in targets.iter().enumerate() {
        let column = match target {
            Target::Field(Field::Company) => "company",
            Target::Field(Field::Contact) => "contact",
            _ => continue,
        };
        if row.cell(i).contains(['\n', '\r']) {
            // The line the field starts on: the row's line plus the line breaks before it.
            let before: usize = row
                .cells
                .iter()
                .take(i)
                .map(|c| c.matches('\n').count())
                .sum();
            return Err(CsvError::LineBreakInName {
                line: row.line + before as u64,
                column,
            });
        }
    }
    Ok(())
}

/// The cell of the column mapped to `target`, if there is one.
fn cell<'a>(row: &'a TableRow, targets: &[Target], target: &Target) -> Option<&'a str> {
    targets
        .iter()
        .position(|t| t == target)
        .map(|i| row.cell(i))
}

fn read_row(
    row: &TableRow,
    targets: &[Target],
    framework: &Framework,
    other_sources: &mut BTreeMap<String, usize>,
) -> Result<ImportRow, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let id = match cell(row, targets, &Target::Id).unwrap_or("") {
        "" => None,
        s => Uuid::parse_str(s)
            .map_err(|_| problems.push(RowProblem::BadId(s.to_owned())))
            .ok(),
    };
    let (mut values, mut empty) = (Vec::new(), Vec::new());
    for field in Field::ALL {
        let Some(text) = field_cell(row, targets, field) else {
            continue;
        };
        match cell_value(field, &text) {
            Ok(value) => {
                if field == Field::Source
                    && !text.is_empty()
                    && value == Value::Source(Source::Other)
                    && source_of(&text, &source_labels).is_none()
                {
                    *other_sources.entry(text.clone()).or_default() += 1;
                }
                if text.is_empty() || text == EUR_MARK.to_string() {
                    empty.push(field);
                }
                values.push((field, value));
            }
            Err(problem) => problems.push(problem),
        }
    }
    // A row with an id is a lead LeadQ exported, which may still be unnamed (a new lead the rep
    // has not typed a name into yet); refusing it would make an export impossible to import.
    let named = |f| {
        values
            .iter()
            .any(|(g, v)| *g == f && *v != Value::Text(String::new()))
    };
    if id.is_none() && !named(Field::Company) && !named(Field::Contact) {
        problems.push(RowProblem::CompanyEmpty);
    }
    let answers = answers(row, targets, framework, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ImportRow {
        line: row.line,
        id,
        values,
        empty,
        answers,
    })
}

/// The text for `field`: its column's cell, or for the contact the joined first and last
/// names when its own cell is empty or missing, or for the revenue an amount in euros
/// converted; `None` when the file has nothing for the field.
fn field_cell(row: &TableRow, targets: &[Target], field: Field) -> Option<String> {
    let own = cell(row, targets, &Target::Field(field));
    match field {
        Field::Contact if own.is_none_or(str::is_empty) => {
            let first = cell(row, targets, &Target::FirstName);
            let last = cell(row, targets, &Target::LastName);
            if own.is_none() && first.is_none() && last.is_none() {
                return None;
            }
            let joined = [first.unwrap_or(""), last.unwrap_or("")]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            Some(joined)
        }
        Field::Revenue if own.is_none() => {
            let eur = cell(row, targets, &Target::RevenueEur)?;
            // Marked so that `cell_value` reads it in euros.
            Some(format!("{EUR_MARK}{eur}"))
        }
        _ => own.map(str::to_owned),
    }
}

/// Prefix of a revenue cell that comes from a column in euros (never typed by anyone: a
/// control character).
const EUR_MARK: char = '\u{1}';

fn answers(
    row: &TableRow,
    targets: &[Target],
    framework: &Framework,
    problems: &mut Vec<RowProblem>,
) -> Vec<(String, String)> {
    let mut answers = Vec::new();
    for criterion in &framework.criteria {
        let Some(value) = cell(row, targets, &Target::Criterion(criterion.id.clone())) else {
            continue;
        };
        let answer = if value.is_empty() { UNKNOWN } else { value };
        match criterion.option_by_text(answer) {
            Some(option) => answers.push((criterion.id.clone(), option.id.clone())),
            None => problems.push(answer_problem(criterion, answer)),
        }
    }
    // Another framework's criterion: kept if its template knows the answer, not scored.
    for target in targets {
        let Target::Criterion(id) = target else {
            continue;
        };
        let Some((_, criterion)) = crate::domain::template_criterion(id) else {
            continue;
        };
        match cell(row, targets, target) {
            Some(value) if framework.criterion(id).is_none() && !value.is_empty() => {
                match criterion.option_by_text(value) {
                    Some(option) => answers.push((id.clone(), option.id.clone())),
                    None => problems.push(answer_problem(criterion, value)),
                }
            }
            _ => {}
        }
    }
    answers
}

/// An answer no option of `criterion` has: named with the criterion's name and the answers it
/// takes, in both languages, so the message can list them in the rep's.
fn answer_problem(criterion: &crate::domain::Criterion, answer: &str) -> RowProblem {
    RowProblem::Answer {
        criterion: criterion.name.clone(),
        answer: answer.to_owned(),
        known: criterion.options.iter().map(|o| o.label.clone()).collect(),
    }
}

fn stage_labels(s: crate::domain::Stage) -> [&'static str; 2] {
    [
        (crate::i18n::texts(Lang::De).stage_label)(s),
        (crate::i18n::texts(Lang::En).stage_label)(s),
    ]
}

fn source_labels(s: Source) -> [&'static str; 2] {
    [
        (crate::i18n::texts(Lang::De).source_label)(s),
        (crate::i18n::texts(Lang::En).source_label)(s),
    ]
}

/// One (trimmed) cell read as the field's kind; an empty cell is the field's empty value. A
/// source no rule knows is `other` (CRMs have dozens; the import names them), a stage no rule
/// knows is a problem (a lead in the wrong stage would be worse).
fn cell_value(field: Field, cell: &str) -> Result<Value, RowProblem> {
    if cell.is_empty() || cell == EUR_MARK.to_string() {
        return Ok(field.empty());
    }
    Ok(match field.kind() {
        FieldKind::Line | FieldKind::Paragraph | FieldKind::Email | FieldKind::Url => {
            Value::Text(cell.to_owned())
        }
        FieldKind::Revenue => Value::Revenue(
            match cell.strip_prefix(EUR_MARK) {
                Some(eur) => parse_revenue_eur(eur),
                None => parse_revenue(cell),
            }
            .map_err(RowProblem::Revenue)?,
        ),
        FieldKind::Source => {
            Value::Source(source_of(cell, &source_labels).unwrap_or(Source::Other))
        }
        FieldKind::Stage => Value::Stage(
            stage_of(cell, &stage_labels).ok_or_else(|| RowProblem::Stage(cell.to_owned()))?,
        ),
        FieldKind::Date => Value::Date(Some(
            parse_date(cell).ok_or_else(|| RowProblem::FollowUp(cell.to_owned()))?,
        )),
    })
}

/// A day as spreadsheets and CRMs write it: ISO `2026-12-03`, with a time after it
/// (`2026-12-03 10:00`, `2026-12-03T10:00:00Z`: the day only), or German `3.12.2026`. Other
/// forms (`12/03/2026` is the 3rd of December in the US and the 12th of March elsewhere) are
/// refused, never guessed.
pub fn parse_date(cell: &str) -> Option<Date> {
    if let Ok(day) = cell.parse::<Date>() {
        return Some(day);
    }
    if let (Some(day), Some(rest)) = (cell.get(..10), cell.get(10..))
        && rest.starts_with([' ', 'T'])
    {
        return day.parse().ok();
    }
    let parts: Vec<&str> = cell.split('.').collect();
    match parts[..] {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
        }
        _ => None,
    }
}
