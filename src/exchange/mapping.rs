//! Which column of a spreadsheet fills what: the rules of `assets/columns.ron` (column names,
//! CRM stage and source values) and the [`Target`] each column is given — found from its name,
//! or chosen by the rep (the preview's drop-downs, `leadq import --map`).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::domain::{Field, Framework, Source, Stage};

/// What one column of an imported file fills.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// Nothing: the column is ignored (and named, if it has a name).
    Ignore,
    /// LeadQ's own lead id (a LeadQ export): the row updates that lead.
    Id,
    Field(Field),
    /// The answer to the framework's criterion with this id.
    Criterion(String),
    /// A first name; joined with the last name into the contact.
    FirstName,
    LastName,
    /// Revenue in euros, as CRMs keep it; stored in million euros.
    RevenueEur,
    /// A column LeadQ's own export adds (score, class, provisional): computed, so not read back,
    /// and not named as ignored either.
    Derived,
}

/// The ids a target has in `columns.ron`, `--map` and remembered mappings besides the fields'
/// and criteria's own.
const ID: &str = "id";
const FIRST_NAME: &str = "first_name";
const LAST_NAME: &str = "last_name";
const REVENUE_EUR: &str = "revenue_eur";
const IGNORE: &str = "ignore";
const DERIVED: [&str; 3] = ["score", "class", "provisional"];

impl Target {
    /// The target's id: a field's or criterion's id, `first_name`, `last_name`, `revenue_eur`,
    /// `id`, or `ignore`.
    pub fn id(&self) -> &str {
        match self {
            Target::Ignore | Target::Derived => IGNORE,
            Target::Id => ID,
            Target::Field(f) => f.id(),
            Target::Criterion(c) => c,
            Target::FirstName => FIRST_NAME,
            Target::LastName => LAST_NAME,
            Target::RevenueEur => REVENUE_EUR,
        }
    }

    /// The target an id names for `framework`; `None` for an id nothing has.
    pub fn from_id(id: &str, framework: &Framework) -> Option<Target> {
        let id = id.trim();
        Some(match id {
            IGNORE | "" => Target::Ignore,
            ID => Target::Id,
            FIRST_NAME => Target::FirstName,
            LAST_NAME => Target::LastName,
            REVENUE_EUR => Target::RevenueEur,
            _ if DERIVED.contains(&id) => Target::Derived,
            _ => match Field::from_id(id) {
                Some(f) => Target::Field(f),
                None if framework.criteria.iter().any(|c| c.id == id) || foreign(id, framework) => {
                    Target::Criterion(id.to_owned())
                }
                None => return None,
            },
        })
    }

    /// Every target a rep can choose for a column, in the order a drop-down lists them.
    pub fn choices(framework: &Framework) -> Vec<Target> {
        let mut all = vec![Target::Ignore];
        for f in Field::ALL {
            all.push(Target::Field(f));
            match f {
                Field::Contact => all.extend([Target::FirstName, Target::LastName]),
                Field::Revenue => all.push(Target::RevenueEur),
                _ => {}
            }
        }
        all.extend(
            framework
                .criteria
                .iter()
                .map(|c| Target::Criterion(c.id.clone())),
        );
        all.push(Target::Id);
        all
    }

    /// Whether this column fills `field` (first and last name fill the contact, revenue in
    /// euros the revenue).
    pub fn fills(&self, field: Field) -> bool {
        match self {
            Target::Field(f) => *f == field,
            Target::FirstName | Target::LastName => field == Field::Contact,
            Target::RevenueEur => field == Field::Revenue,
            _ => false,
        }
    }

    /// Whether this column gives the lead a name (company or contact): a file needs one.
    pub fn names_the_lead(&self) -> bool {
        matches!(
            self,
            Target::Field(Field::Company | Field::Contact) | Target::FirstName | Target::LastName
        )
    }
}

/// A criterion the framework lacks but a shipped template has: answers to it are kept.
fn foreign(id: &str, framework: &Framework) -> bool {
    framework.criterion(id).is_none() && crate::domain::template_criterion(id).is_some()
}

/// `assets/columns.ron`, as read.
#[derive(Debug, Default, Deserialize)]
struct Rules {
    columns: BTreeMap<String, Vec<String>>,
    stages: BTreeMap<String, Vec<String>>,
    sources: BTreeMap<String, Vec<String>>,
}

/// The rules, embedded; a test checks they parse, so the empty fallback never ships.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES
        .get_or_init(|| ron::from_str(include_str!("../../assets/columns.ron")).unwrap_or_default())
}

/// How a name or value is compared: folded (lower case, no accents) and without spaces and
/// `-_./()`, so "Nächster Kontakt", "naechster_kontakt" … all meet.
pub fn column_key(name: &str) -> String {
    crate::domain::fold_spelled(name)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '/' | '(' | ')'))
        .collect()
}

/// Every column name an import understands, by its key: the target id and its rank (lower
/// wins when two columns mean the same target: the ids themselves, then the order of
/// `columns.ron`'s lists).
fn known_columns(framework: &Framework) -> HashMap<String, (String, usize)> {
    let mut known = HashMap::new();
    for (id, names) in &rules().columns {
        for (rank, name) in names.iter().enumerate() {
            known.insert(column_key(name), (id.clone(), rank + 1));
        }
    }
    // The window's words, as an export for people writes them (`sheet.rs`), in every language.
    for lang in crate::domain::Lang::ALL {
        let words = crate::i18n::texts(lang);
        let labels = Field::ALL
            .into_iter()
            .map(|f| (crate::i18n::field_label(lang, f), f.id()))
            .chain([
                (words.score, DERIVED[0]),
                (words.class, DERIVED[1]),
                (words.provisional, DERIVED[2]),
            ]);
        for (label, id) in labels {
            known
                .entry(column_key(label))
                .or_insert_with(|| (id.to_owned(), 1));
        }
    }
    for c in &framework.criteria {
        for name in [&c.name.de, &c.name.en] {
            known.insert(column_key(name), (c.id.clone(), 1));
        }
    }
    for id in super::header(framework)
        .into_iter()
        .chain(DERIVED.iter().map(|s| s.to_string()))
    {
        known.insert(column_key(&id), (id, 0));
    }
    known
}

/// The target of each column, found from the header's names. When two columns mean the same
/// target, the better-ranked name keeps it and the other is ignored (so it is named).
pub fn auto_map(header: &[String], framework: &Framework) -> Vec<Target> {
    let known = known_columns(framework);
    let found: Vec<Option<(Target, usize)>> = header
        .iter()
        .map(|name| match known.get(&column_key(name)) {
            Some((id, rank)) => Some((Target::from_id(id, framework)?, *rank)),
            // Another framework's criterion, only by its exact id (a LeadQ export's extra
            // column), so that a CRM's "Timeline" column is not taken for one.
            None => foreign(name, framework).then(|| (Target::Criterion(name.clone()), 0)),
        })
        .collect();
    found
        .iter()
        .enumerate()
        .map(|(i, this)| match this {
            None => Target::Ignore,
            Some((target, rank)) => {
                let beaten = found.iter().enumerate().any(|(j, other)| {
                    other.as_ref().is_some_and(|(t, r)| {
                        t == target && *target != Target::Derived && (r, j) < (rank, i)
                    })
                });
                if beaten {
                    Target::Ignore
                } else {
                    target.clone()
                }
            }
        })
        .collect()
}

/// What keeps a mapping from being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    /// No column names the lead (company, contact, first or last name).
    NoName,
    /// No column names the lead, but a row below the one read as the header (a title above
    /// the table) would: `read` is the row taken as the header, `found` that one.
    HeaderBelow { read: u64, found: u64 },
    /// Two or more columns fill the same target: which one should win is the rep's call.
    Twice {
        target: Target,
        columns: Vec<String>,
    },
}

/// The problems of `targets` for a file with `header`; empty when it can be imported.
pub fn problems(header: &[String], targets: &[Target]) -> Vec<MappingProblem> {
    let mut out = Vec::new();
    if !targets.iter().any(Target::names_the_lead) {
        out.push(MappingProblem::NoName);
    }
    let mut seen: Vec<&Target> = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        if matches!(t, Target::Ignore | Target::Derived) || seen.contains(&t) {
            continue;
        }
        seen.push(t);
        let columns: Vec<String> = targets
            .iter()
            .enumerate()
            .filter(|(j, u)| *j >= i && *u == t)
            .map(|(j, _)| header.get(j).cloned().unwrap_or_default())
            .collect();
        if columns.len() > 1 {
            out.push(MappingProblem::Twice {
                target: t.clone(),
                columns,
            });
        }
    }
    out
}

/// The stage a CRM's value means: LeadQ's id or label (either language), or a value listed in
/// `columns.ron`; `None` if nothing says.
pub fn stage_of(value: &str, labels: &dyn Fn(Stage) -> [&'static str; 2]) -> Option<Stage> {
    let key = column_key(value);
    Stage::ALL
        .into_iter()
        .find(|&s| column_key(s.id()) == key || labels(s).iter().any(|l| column_key(l) == key))
        .or_else(|| listed(&rules().stages, &key).and_then(Stage::from_id))
}

/// The source a CRM's value means, like [`stage_of`]; `None` if nothing says (the import then
/// takes `other` and names the value).
pub fn source_of(value: &str, labels: &dyn Fn(Source) -> [&'static str; 2]) -> Option<Source> {
    let key = column_key(value);
    Source::ALL
        .into_iter()
        .find(|&s| column_key(s.id()) == key || labels(s).iter().any(|l| column_key(l) == key))
        .or_else(|| listed(&rules().sources, &key).and_then(Source::from_id))
}

fn listed<'a>(lists: &'a BTreeMap<String, Vec<String>>, key: &str) -> Option<&'a str> {
    lists
        .iter()
        .find(|(_, values)| values.iter().any(|v| column_key(v) == key))
        .map(|(id, _)| id.as_str())
}

/// How a set of column names is remembered (personal settings): their keys in order, so the
/// same export with the same header finds the mapping the rep chose last time.
pub fn header_key(header: &[String]) -> String {
    header
        .iter()
        .map(|h| column_key(h))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw() -> Framework {
        Framework::builtin().unwrap()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_rules_parse_and_name_only_known_ids() {
        let r = rules();
        assert!(!r.columns.is_empty(), "assets/columns.ron does not parse");
        for id in r.columns.keys() {
            assert!(Target::from_id(id, &fw()).is_some(), "{id}");
        }
        for id in r.stages.keys() {
            assert!(Stage::from_id(id).is_some(), "{id}");
        }
        for id in r.sources.keys() {
            assert!(Source::from_id(id).is_some(), "{id}");
        }
    }

    #[test]
    fn every_label_the_window_shows_is_understood_as_a_column() {
        for lang in crate::domain::Lang::ALL {
            for field in Field::ALL {
                let label = crate::i18n::field_label(lang, field);
                assert_eq!(
                    auto_map(&names(&[label]), &fw()),
                    [Target::Field(field)],
                    "{label}"
                );
            }
        }
    }

    #[test]
    fn hubspot_columns_and_the_better_name_wins() {
        let header = names(&[
            "Record ID",
            "First Name",
            "Last Name",
            "Company Name",
            "Lead Status",
            "Lifecycle Stage",
            "Annual Revenue",
            "Mobile Phone Number",
            "Phone Number",
            "Contact owner",
        ]);
        let targets = auto_map(&header, &fw());
        assert_eq!(
            targets,
            [
                Target::Field(Field::CrmId),
                Target::FirstName,
                Target::LastName,
                Target::Field(Field::Company),
                Target::Ignore,
                Target::Field(Field::Stage),
                Target::RevenueEur,
                Target::Ignore,
                Target::Field(Field::Phone),
                Target::Ignore,
            ]
        );
        assert!(problems(&header, &targets).is_empty());
    }

    #[test]
    fn a_hand_made_mapping_can_be_refused() {
        let header = names(&["Firma", "Notiz", "Info"]);
        let mut targets = auto_map(&header, &fw());
        targets[2] = Target::Field(Field::Notes);
        assert_eq!(
            problems(&header, &targets),
            [MappingProblem::Twice {
                target: Target::Field(Field::Notes),
                columns: names(&["Notiz", "Info"])
            }]
        );
        targets[0] = Target::Ignore;
        assert_eq!(problems(&header, &targets)[0], MappingProblem::NoName);
    }

    #[test]
    fn crm_values_map_to_stages_and_sources() {
        let no_labels = |_| ["", ""];
        assert_eq!(
            stage_of("Marketing Qualified Lead", &no_labels),
            Some(Stage::Mql)
        );
        assert_eq!(stage_of("salesqualifiedlead", &no_labels), Some(Stage::Sql));
        assert_eq!(
            stage_of("Closed - Not Converted", &no_labels),
            Some(Stage::Disqualified)
        );
        assert_eq!(stage_of("SQL", &no_labels), Some(Stage::Sql));
        assert_eq!(stage_of("Whatever", &no_labels), None);
        let no_labels = |_| ["", ""];
        assert_eq!(source_of("Trade Show", &no_labels), Some(Source::Event));
        assert_eq!(source_of("web_form", &no_labels), Some(Source::WebForm));
        assert_eq!(source_of("Paid Social", &no_labels), None);
    }
}
