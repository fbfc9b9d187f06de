//! What an export holds, before it becomes a CSV file or a workbook: the header and one row of
//! typed cells per lead. Both formats are made from this one table, so they always have the same
//! columns in the same order.
//!
//! An export names things in one of two ways ([`Naming`]): in words, for a rep who opens the
//! file in Excel (the window's column names, answers, sources and stages in the rep's language),
//! or by LeadQ's stable ids, for scripts (`leadq export --ids`). Either form imports back to the
//! same leads: the import understands the words of every language and the ids.

use jiff::civil::Date;

use super::{DERIVED, header};
use crate::domain::{Classification, Field, Framework, Lang, Lead, Value};

/// The id column's name in words, the same in every language (a LeadQ id is no word).
const LEADQ_ID: &str = "LeadQ-ID";

/// How an export names its columns and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The window's words in this language: for people.
    Words(Lang),
    /// LeadQ's ids (`company`, `approved`, `web_form`): stable, for scripts.
    Ids,
}

/// One cell of the export, typed: a workbook writes numbers, dates and booleans as such, a CSV
/// file as the language writes them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Million euros.
    Revenue(f64),
    Score(u8),
    Date(Date),
    Bool(bool),
    Empty,
}

/// The header and the rows of an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The export of `leads` in the given order. Answers to criteria the framework lacks (kept from
/// another framework) come last, by the criterion's id, in both namings: they are data the
/// current framework does not score, and their ids are what an import recognises them by.
pub fn sheet(
    leads: &[Lead],
    framework: &Framework,
    rules: &Classification,
    naming: Naming,
) -> Sheet {
    let foreign = crate::domain::foreign_criteria(framework, leads.iter().map(|l| &l.assessment));
    let mut head = match naming {
        Naming::Ids => {
            let mut head = header(framework);
            head.extend(DERIVED.iter().map(|s| s.to_string()));
            head
        }
        Naming::Words(lang) => words_header(framework, lang),
    };
    head.extend(foreign.iter().cloned());
    let rows = leads
        .iter()
        .map(|lead| lead_cells(lead, framework, rules, &foreign, naming))
        .collect();
    Sheet { header: head, rows }
}

/// The header in words: "LeadQ-ID", the fields' and criteria's names, and the derived columns,
/// as the window shows them. The import's column rules know every one of these names.
fn words_header(framework: &Framework, lang: Lang) -> Vec<String> {
    let words = crate::i18n::texts(lang);
    let fields = |after: bool| {
        Field::ALL
            .into_iter()
            .filter(move |f| f.after_criteria() == after)
            .map(move |f| crate::i18n::field_label(lang, f).to_owned())
    };
    std::iter::once(LEADQ_ID.to_owned())
        .chain(fields(false))
        .chain(
            framework
                .criteria
                .iter()
                .map(|c| c.name.get(lang).to_owned()),
        )
        .chain(fields(true))
        .chain([
            words.score.to_owned(),
            words.class.to_owned(),
            words.provisional.to_owned(),
        ])
        .collect()
}

/// A lead's cells in the order of the sheet's header.
fn lead_cells(
    lead: &Lead,
    framework: &Framework,
    rules: &Classification,
    foreign: &[String],
    naming: Naming,
) -> Vec<Cell> {
    let eval = lead.evaluate(framework, rules);
    let fields = |after: bool| {
        Field::ALL
            .into_iter()
            .filter(move |f| f.after_criteria() == after)
            .map(move |f| value_cell(lead.get(f), naming))
    };
    let mut cells = vec![Cell::Text(lead.id.to_string())];
    cells.extend(fields(false));
    cells.extend(framework.criteria.iter().map(|c| {
        let answer = lead.assessment.answer(&c.id);
        match (naming, c.option(answer)) {
            (Naming::Words(lang), Some(option)) => Cell::Text(option.label.get(lang).to_owned()),
            _ => Cell::Text(answer.to_owned()),
        }
    }));
    cells.extend(fields(true));
    cells.push(Cell::Score(eval.score));
    // Empty for a lead not rated yet: it has no class.
    cells.push(Cell::Text(
        eval.rated_class()
            .map_or_else(String::new, |c| c.letter().to_owned()),
    ));
    cells.push(Cell::Bool(eval.provisional));
    cells.extend(
        foreign
            .iter()
            .map(|c| Cell::Text(lead.assessment.answer(c).to_owned())),
    );
    cells
}

fn value_cell(value: Value, naming: Naming) -> Cell {
    match value {
        Value::Text(s) if s.is_empty() => Cell::Empty,
        Value::Text(s) => Cell::Text(s),
        Value::Revenue(Some(r)) => Cell::Revenue(r),
        Value::Revenue(None) | Value::Date(None) => Cell::Empty,
        Value::Source(s) => Cell::Text(match naming {
            Naming::Words(lang) => crate::i18n::source_label(lang, s).to_owned(),
            Naming::Ids => s.id().to_owned(),
        }),
        Value::Stage(s) => Cell::Text(match naming {
            Naming::Words(lang) => crate::i18n::stage_label(lang, s).to_owned(),
            Naming::Ids => s.id().to_owned(),
        }),
        Value::Date(Some(d)) => Cell::Date(d),
    }
}

/// How a CSV file writes a cell. Text is guarded against formulas (`formula.rs`); numbers
/// carry the decimal mark asked for; dates are ISO for scripts and English, `31.12.2026` in
/// German words; booleans `true`/`false` for scripts, the language's yes and no in words.
pub fn csv_cell(cell: &Cell, naming: Naming, decimal_comma: bool) -> String {
    match cell {
        Cell::Text(s) => super::formula::escape(s).into_owned(),
        Cell::Revenue(r) => crate::domain::exact_revenue(*r, decimal_comma),
        Cell::Score(s) => s.to_string(),
        // German `31.12.2026` for the years a German date writes with four digits; any other
        // (a hand-edited file's year 0 or 99999) ISO, which the import reads too.
        Cell::Date(d) => match naming {
            Naming::Words(Lang::De) if (1000..=9999).contains(&d.year()) => {
                crate::i18n::format_date(Lang::De, *d)
            }
            Naming::Words(_) | Naming::Ids => d.to_string(),
        },
        Cell::Bool(b) => match naming {
            Naming::Words(lang) => {
                let words = crate::i18n::texts(lang);
                (if *b { words.yes } else { words.no }).to_owned()
            }
            Naming::Ids => b.to_string(),
        },
        Cell::Empty => String::new(),
    }
}
