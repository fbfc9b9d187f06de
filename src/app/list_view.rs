use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::model::Entry;
use crate::domain::{Class, Stage};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Score,
    Company,
    FollowUp,
    Updated,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Score,
        SortKey::Company,
        SortKey::FollowUp,
        SortKey::Updated,
    ];
}

/// What the lead list shows: a fuzzy search, filters and a sort order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListView {
    pub query: String,
    pub class: Option<Class>,
    pub stage: Option<Stage>,
    pub sort: SortKey,
}

/// The text a search looks through: company, contact, industry and notes.
pub fn haystack(entry_text: [&str; 4]) -> Utf32String {
    Utf32String::from(entry_text.join("\u{1f}").as_str())
}

/// Indices of `entries` to show, in display order.
pub fn visible(entries: &[Entry], view: &ListView, matcher: &mut Matcher) -> Vec<usize> {
    let query = view.query.trim();
    let pattern = (!query.is_empty())
        .then(|| Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart));
    let mut out: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| view.class.is_none_or(|c| e.eval.class == c))
        .filter(|(_, e)| view.stage.is_none_or(|s| e.lead.stage == s))
        .filter(|(_, e)| {
            pattern
                .as_ref()
                .is_none_or(|p| p.score(e.haystack.slice(..), matcher).is_some())
        })
        .map(|(i, _)| i)
        .collect();
    match view.sort {
        SortKey::Score => out.sort_by(|&a, &b| {
            entries[b]
                .eval
                .score
                .cmp(&entries[a].eval.score)
                .then_with(|| entries[a].sort_name.cmp(&entries[b].sort_name))
        }),
        SortKey::Company => out.sort_by(|&a, &b| entries[a].sort_name.cmp(&entries[b].sort_name)),
        // Leads with a date first, earliest (most urgent) on top.
        SortKey::FollowUp => out.sort_by_key(|&i| {
            (
                entries[i].lead.follow_up.is_none(),
                entries[i].lead.follow_up,
            )
        }),
        SortKey::Updated => {
            out.sort_by(|&a, &b| entries[b].lead.updated.cmp(&entries[a].lead.updated))
        }
    }
    out
}

pub fn new_matcher() -> Matcher {
    Matcher::new(Config::DEFAULT)
}
