//! An import the rep is looking at before it happens (File → Import…, a dropped file): the
//! file as read, what each column fills (changed by the preview's drop-downs), the rows that
//! duplicate leads already here and what each of them does. The window draws it; nothing is
//! imported until the rep confirms (then `Model::import` makes it one undo step).

use std::collections::HashMap;
use std::path::PathBuf;

use crate::domain::Framework;
use crate::exchange::{
    CsvError, LeadIndex, Match, OnDuplicate, Parsed, Target, find_matches, header_key,
};

#[derive(Debug)]
pub struct ImportSession {
    pub path: PathBuf,
    pub parsed: Parsed,
    /// For each row of `parsed.rows`, the lead it duplicates.
    pub matches: Vec<Option<Match>>,
    /// What a duplicate does unless the rep chose otherwise for its row.
    pub default_choice: OnDuplicate,
    /// The rep's choice for single rows, by index in `parsed.rows`.
    choices: HashMap<usize, OnDuplicate>,
    /// Whether the rep changed a column's target: the mapping is then remembered for files
    /// with the same header.
    pub remapped: bool,
    /// Why the rows cannot be read with the current mapping (a company spanning lines).
    pub error: Option<CsvError>,
}

impl ImportSession {
    pub fn new(path: PathBuf, parsed: Parsed, leads: &LeadIndex) -> ImportSession {
        let matches = find_matches(&parsed.rows, leads);
        ImportSession {
            path,
            parsed,
            matches,
            default_choice: OnDuplicate::Update,
            choices: HashMap::new(),
            remapped: false,
            error: None,
        }
    }

    /// Gives `column` a new target, reads the rows again and finds their duplicates again (a
    /// per-row choice is forgotten: the rows may be others now).
    pub fn remap(
        &mut self,
        column: usize,
        target: Target,
        framework: &Framework,
        leads: &LeadIndex,
    ) {
        if self.parsed.targets.get(column) == Some(&target) {
            return;
        }
        self.remapped = true;
        self.error = self.parsed.remap(column, target, framework).err();
        if self.error.is_some() {
            self.parsed.rows.clear();
        }
        self.matches = find_matches(&self.parsed.rows, leads);
        self.choices.clear();
    }

    /// Sets what the duplicate in `row` does, or (`None`) what every duplicate does.
    pub fn choose(&mut self, row: Option<usize>, choice: OnDuplicate) {
        match row {
            Some(row) => {
                self.choices.insert(row, choice);
            }
            None => {
                self.default_choice = choice;
                self.choices.clear();
            }
        }
    }

    /// What the duplicate in `row` does.
    pub fn choice(&self, row: usize) -> OnDuplicate {
        self.choices
            .get(&row)
            .copied()
            .unwrap_or(self.default_choice)
    }

    /// The rows that duplicate a lead (LeadQ's own id is no duplicate: it is the lead), by
    /// index in `parsed.rows`.
    pub fn duplicates(&self) -> impl Iterator<Item = (usize, Match)> + '_ {
        self.matches.iter().enumerate().filter_map(|(i, m)| {
            m.filter(|m| m.by != crate::exchange::MatchedBy::Id)
                .map(|m| (i, m))
        })
    }

    /// How many rows would be taken (imported or updating a lead).
    pub fn taken(&self) -> usize {
        let skipped = self
            .duplicates()
            .filter(|(i, _)| self.choice(*i) == OnDuplicate::Skip)
            .count();
        self.parsed.rows.len() - skipped
    }

    /// Whether the import button can do anything.
    pub fn importable(&self) -> bool {
        self.error.is_none() && self.parsed.problems.is_empty() && self.taken() > 0
    }

    /// The mapping to remember for this file's header, when the rep made one: (header key,
    /// target ids).
    pub fn mapping_to_remember(&self) -> Option<(String, Vec<String>)> {
        self.remapped.then(|| {
            (
                header_key(&self.parsed.table.header),
                self.parsed
                    .targets
                    .iter()
                    .map(|t| t.id().to_owned())
                    .collect(),
            )
        })
    }
}
