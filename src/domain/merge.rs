//! Three-way merge of one lead edited in two places (two reps on one synced folder, or a rep and
//! a text editor): against the version both started from, each field takes the side that
//! changed it. Pure: no clock, no files.

use std::collections::{BTreeMap, BTreeSet};

use compact_str::CompactString;

use super::field::Field;
use super::framework::UNKNOWN;
use super::lead::{Assessment, CriterionAnswer, HistoryEntry, Lead};

/// What merging two edits of one lead gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Every field was changed on at most one side (or alike on both): the lead with both edits.
    Clean(Box<Lead>),
    /// Both sides changed these fields differently; nothing was merged.
    Conflict(Vec<String>),
}

/// Merges `ours` and `theirs`, both edits of `base` (the version LeadQ last read or wrote).
///
/// A field changed on one side only takes that side's value; changed alike on both, that value;
/// changed differently on both, it is a conflict. Each criterion's answer and note are fields
/// of their own, so one rep can rate Budget while the other writes the Need note. `updated` is
/// the later of the two; the history keeps every entry of both sides, in time order.
pub fn merge_leads(base: &Lead, ours: &Lead, theirs: &Lead) -> Merge {
    let mut conflicts: Vec<String> = Vec::new();
    let mut merged = theirs.clone();
    macro_rules! pick {
        ($name:literal, $f:ident) => {
            match pick3(&base.$f, &ours.$f, &theirs.$f) {
                Some(v) => merged.$f = v.clone(),
                None => conflicts.push($name.to_owned()),
            }
        };
    }
    pick!("version", version);
    pick!("created", created);
    for field in Field::ALL {
        let (b, o, t) = (base.get(field), ours.get(field), theirs.get(field));
        match pick3(&b, &o, &t) {
            Some(v) => {
                merged.set(field, v.clone());
            }
            None => conflicts.push(field.id().to_owned()),
        }
    }
    merged.assessment = merge_assessment(
        &base.assessment,
        &ours.assessment,
        &theirs.assessment,
        &mut conflicts,
    );
    merged.updated = ours.updated.max(theirs.updated);
    merged.history = merge_history(&base.history, &ours.history, &theirs.history);
    if ours.id != theirs.id {
        conflicts.push("id".to_owned());
    }
    if conflicts.is_empty() {
        Merge::Clean(Box::new(merged))
    } else {
        Merge::Conflict(conflicts)
    }
}

/// The merged value of one field, or `None` when both sides changed it differently.
fn pick3<'a, T: PartialEq>(base: &'a T, ours: &'a T, theirs: &'a T) -> Option<&'a T> {
    if ours == theirs || ours == base {
        Some(theirs)
    } else if theirs == base {
        Some(ours)
    } else {
        None
    }
}

fn merge_assessment(
    base: &Assessment,
    ours: &Assessment,
    theirs: &Assessment,
    conflicts: &mut Vec<String>,
) -> Assessment {
    let criteria: BTreeSet<&CompactString> = base
        .0
        .keys()
        .chain(ours.0.keys())
        .chain(theirs.0.keys())
        .collect();
    let mut merged = BTreeMap::new();
    for criterion in criteria {
        let get = |a: &Assessment| a.0.get(criterion.as_str()).cloned();
        let (b, o, t) = (get(base), get(ours), get(theirs));
        let part = |x: &Option<CriterionAnswer>, note: bool| {
            x.as_ref().map(|a| {
                if note {
                    a.note.clone()
                } else {
                    a.answer.to_string()
                }
            })
        };
        let answer = pick3(&part(&b, false), &part(&o, false), &part(&t, false)).cloned();
        let note = pick3(&part(&b, true), &part(&o, true), &part(&t, true)).cloned();
        match (answer, note) {
            (Some(answer), Some(note)) => {
                if answer.is_some() || note.is_some() {
                    merged.insert(
                        criterion.clone(),
                        CriterionAnswer {
                            answer: answer.map_or_else(|| UNKNOWN.into(), CompactString::from),
                            note: note.unwrap_or_default(),
                        },
                    );
                }
            }
            (answer, note) => {
                if answer.is_none() {
                    conflicts.push(format!("{criterion}.answer"));
                }
                if note.is_none() {
                    conflicts.push(format!("{criterion}.note"));
                }
            }
        }
    }
    Assessment(merged.into_iter().collect())
}

/// Every entry of either side once, in time order (entries of `base` come first as they were).
fn merge_history(
    base: &[HistoryEntry],
    ours: &[HistoryEntry],
    theirs: &[HistoryEntry],
) -> Vec<HistoryEntry> {
    let mut merged: Vec<HistoryEntry> = base.to_vec();
    let mut added: Vec<HistoryEntry> = Vec::new();
    for entry in ours.iter().chain(theirs) {
        if !base.contains(entry) && !added.contains(entry) {
            added.push(entry.clone());
        }
    }
    // Entries the other side removed from base (an edited file) stay: history only grows here.
    added.sort_by_key(|e| e.at);
    merged.extend(added);
    merged
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use proptest::prelude::*;
    use uuid::Uuid;

    use super::*;
    use crate::domain::{Source, Stage};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn base() -> Lead {
        let mut lead = Lead::new(Uuid::nil(), at("2026-11-01T10:00:00Z"));
        lead.company = "Alt GmbH".into();
        lead.notes = "erste Notiz".into();
        lead.assessment.set_answer("budget", "planned");
        lead
    }

    fn clean(m: Merge) -> Lead {
        match m {
            Merge::Clean(lead) => *lead,
            Merge::Conflict(f) => panic!("unexpected conflict on {f:?}"),
        }
    }

    #[test]
    fn notes_here_and_company_there_keep_both() {
        let b = base();
        let mut ours = b.clone();
        ours.notes = "Rückruf Dienstag".into();
        ours.updated = at("2026-11-02T10:00:00Z");
        let mut theirs = b.clone();
        theirs.company = "Neu AG".into();
        theirs.updated = at("2026-11-02T09:00:00Z");
        let m = clean(merge_leads(&b, &ours, &theirs));
        assert_eq!(m.company, "Neu AG");
        assert_eq!(m.notes, "Rückruf Dienstag");
        assert_eq!(m.updated, at("2026-11-02T10:00:00Z"));
        assert_eq!(m, clean(merge_leads(&b, &theirs, &ours)));
    }

    #[test]
    fn the_same_field_changed_differently_is_a_conflict() {
        let b = base();
        let mut ours = b.clone();
        ours.company = "Hier GmbH".into();
        let mut theirs = b.clone();
        theirs.company = "Dort GmbH".into();
        theirs.stage = Stage::Sql;
        assert_eq!(
            merge_leads(&b, &ours, &theirs),
            Merge::Conflict(vec!["company".into()])
        );
    }

    #[test]
    fn answer_and_note_of_one_criterion_merge_separately() {
        let b = base();
        let mut ours = b.clone();
        ours.assessment.set_note("budget", "Freigabe im Januar");
        let mut theirs = b.clone();
        theirs.assessment.set_answer("budget", "approved");
        theirs.assessment.set_answer("need", "strong_fit");
        let m = clean(merge_leads(&b, &ours, &theirs));
        assert_eq!(m.assessment.answer("budget"), "approved");
        assert_eq!(m.assessment.note("budget"), "Freigabe im Januar");
        assert_eq!(m.assessment.answer("need"), "strong_fit");

        let mut other = b.clone();
        other.assessment.set_answer("budget", "none");
        assert_eq!(
            merge_leads(&b, &other, &theirs),
            Merge::Conflict(vec!["budget.answer".into()])
        );
    }

    #[test]
    fn history_keeps_every_entry_of_both_sides_in_time_order() {
        let fw = crate::domain::Framework::builtin().unwrap();
        let rules = crate::domain::Classification::builtin(&fw).unwrap();
        let b = base();
        let mut ours = b.clone();
        ours.set_answer(
            &fw,
            &rules,
            "time",
            "months_3_6",
            at("2026-11-03T10:00:00Z"),
        );
        let mut theirs = b.clone();
        theirs.set_answer(&fw, &rules, "need", "latent", at("2026-11-02T10:00:00Z"));
        let m = clean(merge_leads(&b, &ours, &theirs));
        let order: Vec<&str> = m.history.iter().map(|h| h.criterion.as_str()).collect();
        assert_eq!(order, ["need", "time"]);
        assert_eq!(m.updated, at("2026-11-03T10:00:00Z"));
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "[a-zä ]{1,6}"]
    }

    /// A random edit of `base`: each field kept or replaced.
    fn edited(base: Lead) -> impl Strategy<Value = Lead> {
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(proptest::option::of(0.0f64..1000.0)),
            proptest::option::of(0usize..Source::ALL.len()),
            proptest::option::of(0usize..Stage::ALL.len()),
            proptest::option::of(prop_oneof![
                Just("unknown"),
                Just("planned"),
                Just("approved")
            ]),
            proptest::option::of(text()),
            0i64..100_000,
        )
            .prop_map(
                move |(company, notes, revenue, source, stage, budget, need_note, secs)| {
                    let mut l = base.clone();
                    if let Some(c) = company {
                        l.company = c;
                    }
                    if let Some(n) = notes {
                        l.notes = n;
                    }
                    if let Some(r) = revenue {
                        l.revenue_meur = r;
                    }
                    if let Some(s) = source {
                        l.source = Source::ALL[s];
                    }
                    if let Some(s) = stage {
                        l.stage = Stage::ALL[s];
                    }
                    if let Some(a) = budget {
                        l.assessment.set_answer("budget", a);
                    }
                    if let Some(n) = need_note {
                        l.assessment.set_note("need", &n);
                    }
                    l.updated = Timestamp::from_second(l.updated.as_second() + secs).unwrap();
                    l
                },
            )
    }

    fn fields(l: &Lead) -> Lead {
        Lead {
            updated: Timestamp::UNIX_EPOCH,
            history: Vec::new(),
            ..l.clone()
        }
    }

    proptest! {
        #[test]
        fn an_unchanged_side_takes_the_other(ours in edited(base())) {
            let b = base();
            prop_assert_eq!(fields(&clean(merge_leads(&b, &ours, &b))), fields(&ours));
            prop_assert_eq!(fields(&clean(merge_leads(&b, &b, &ours))), fields(&ours));
        }

        #[test]
        fn merging_is_symmetric(ours in edited(base()), theirs in edited(base())) {
            let b = base();
            let (x, y) = (merge_leads(&b, &ours, &theirs), merge_leads(&b, &theirs, &ours));
            match (x, y) {
                (Merge::Clean(x), Merge::Clean(y)) => prop_assert_eq!(x, y),
                (Merge::Conflict(x), Merge::Conflict(y)) => prop_assert_eq!(x, y),
                (x, y) => prop_assert!(false, "{:?} vs {:?}", x, y),
            }
        }

        /// Nothing either side changed is lost: every field of a clean merge is the value of the
        /// side that changed it, and a conflict names exactly the fields changed differently.
        #[test]
        fn no_edit_is_lost(ours in edited(base()), theirs in edited(base())) {
            let b = base();
            let changed_both = |f: fn(&Lead) -> String| {
                f(&ours) != f(&b) && f(&theirs) != f(&b) && f(&ours) != f(&theirs)
            };
            let company = changed_both(|l| l.company.clone());
            let notes = changed_both(|l| l.notes.clone());
            match merge_leads(&b, &ours, &theirs) {
                Merge::Clean(m) => {
                    prop_assert!(!company && !notes);
                    for side in [&ours, &theirs] {
                        if side.company != b.company { prop_assert_eq!(&m.company, &side.company); }
                        if side.notes != b.notes { prop_assert_eq!(&m.notes, &side.notes); }
                        if side.revenue_meur != b.revenue_meur {
                            prop_assert_eq!(m.revenue_meur, side.revenue_meur);
                        }
                        if side.stage != b.stage { prop_assert_eq!(m.stage, side.stage); }
                        if side.assessment.answer("budget") != b.assessment.answer("budget") {
                            prop_assert_eq!(m.assessment.answer("budget"), side.assessment.answer("budget"));
                        }
                        if side.assessment.note("need") != b.assessment.note("need") {
                            prop_assert_eq!(m.assessment.note("need"), side.assessment.note("need"));
                        }
                        prop_assert!(m.updated >= side.updated);
                    }
                }
                Merge::Conflict(names) => {
                    prop_assert_eq!(names.contains(&"company".to_owned()), company);
                    prop_assert_eq!(names.contains(&"notes".to_owned()), notes);
                    prop_assert!(!names.is_empty());
                }
            }
        }
    }
}
