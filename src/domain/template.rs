//! The framework templates LeadQ ships (BANT, ANUM, CHAMP, FAINT, MEDDIC, MEDDPICC, GPCTBA/C&I)
//! and the one file shape a framework travels in: a framework with its class rules
//! (`assets/frameworks/*.ron`, `leadq framework use FILE`, `leadq framework export FILE`).
//!
//! The templates are embedded with `include_str!` (no file is read at run time) and parsed once.
//! A criterion id names a *concept*, not a letter of an acronym: where two templates ask the
//! same thing (Budget in BANT, Money in ANUM and CHAMP; Time in BANT, Timing in FAINT, Timeline
//! in GPCTBA), they share the id and the answer ids, so a lead's answer counts in both and a
//! team that switches does not ask again. A test keeps shared ids' answers identical.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::framework::{Criterion, Framework, FrameworkError};
use super::lead::Assessment;
use super::rules::{ClassRule, Classification, RulesError};

/// The BANT template, LeadQ's default (also read by `Framework::builtin`).
pub(super) const BANT_RON: &str = include_str!("../../assets/frameworks/bant.ron");

/// Every shipped template's file, in the order the chooser lists them (BANT first: the default).
pub const TEMPLATE_FILES: [(&str, &str); 7] = [
    ("bant", BANT_RON),
    ("anum", include_str!("../../assets/frameworks/anum.ron")),
    ("champ", include_str!("../../assets/frameworks/champ.ron")),
    ("faint", include_str!("../../assets/frameworks/faint.ron")),
    ("meddic", include_str!("../../assets/frameworks/meddic.ron")),
    (
        "meddpicc",
        include_str!("../../assets/frameworks/meddpicc.ron"),
    ),
    ("gpctba", include_str!("../../assets/frameworks/gpctba.ron")),
];

/// A framework with its class rules: a shipped template, or a file a manager mails to the team.
/// The data folder keeps the two parts as `framework.ron` and `classification.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub framework: Framework,
    pub rules: Classification,
}

/// What keeps a framework file from being used; [`Template::problems_in`] lists them all.
#[derive(Debug, Error, PartialEq)]
pub enum TemplateError {
    #[error("the file is not a framework file (RON with `framework` and `rules`): {0}")]
    Syntax(String),
    #[error("{0}")]
    Framework(FrameworkError),
    #[error("{0}")]
    Rules(RulesError),
}

impl Template {
    /// Reads a framework file's text without judging it (a draft may have problems; see
    /// [`Template::problems`]). A byte-order mark, as Windows editors and mail programs put
    /// before UTF-8, is skipped.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        ron::from_str(text).map_err(|e| TemplateError::Syntax(e.to_string()))
    }

    /// Parses and validates a framework file; the first problem if it has any.
    pub fn from_ron(text: &str) -> Result<Template, TemplateError> {
        let template = Template::parse(text)?;
        match template.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(template),
        }
    }

    pub fn problems(&self) -> Vec<TemplateError> {
        let framework: Vec<TemplateError> = self
            .framework
            .problems()
            .into_iter()
            .map(TemplateError::Framework)
            .collect();
        if !framework.is_empty() {
            return framework;
        }
        self.rules
            .problems(&self.framework)
            .into_iter()
            .map(TemplateError::Rules)
            .collect()
    }

    /// The file text, in the shape of `assets/frameworks/*.ron` (what `framework export` writes).
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new().indentor("    ".to_owned());
        ron::ser::to_string_pretty(self, config)
    }
}

/// The shipped templates, parsed once, in the order of [`TEMPLATE_FILES`]. A template that does
/// not parse is left out (a test makes sure every one does, so none ever is).
pub fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        TEMPLATE_FILES
            .iter()
            .filter_map(|(_, text)| Template::from_ron(text).ok())
            .collect()
    })
}

/// The shipped template with this id (`bant`, `anum`, `champ`, `faint`, `meddic`, `meddpicc`,
/// `gpctba`).
pub fn template(id: &str) -> Option<&'static Template> {
    templates().iter().find(|t| t.framework.id == id)
}

/// The shipped template that `framework` is, unchanged; `None` for an edited or own framework.
pub fn template_of(framework: &Framework) -> Option<&'static Template> {
    templates().iter().find(|t| t.framework == *framework)
}

/// A criterion some shipped template has, with the first template that has it: how an answer
/// from another framework is named (its criterion's name, its answer's label) when the current
/// framework lacks the criterion.
pub fn template_criterion(id: &str) -> Option<(&'static Template, &'static Criterion)> {
    templates()
        .iter()
        .find_map(|t| t.framework.criterion(id).map(|c| (t, c)))
}

impl Classification {
    /// The class rules to use with `framework` when the data folder has none that fit: the
    /// rules of the template with the framework's id if they fit it, else BANT's if they fit,
    /// else BANT's thresholds without the answers they require (which the framework lacks).
    pub fn default_for(framework: &Framework) -> Classification {
        let fitting = |t: &Template| {
            t.rules
                .problems(framework)
                .is_empty()
                .then(|| t.rules.clone())
        };
        template(&framework.id)
            .and_then(fitting)
            .or_else(|| template("bant").and_then(fitting))
            .unwrap_or_else(|| thresholds_only(template("bant").map(|t| &t.rules)))
    }
}

fn thresholds_only(rules: Option<&Classification>) -> Classification {
    match rules {
        Some(rules) => Classification {
            rules: rules
                .rules
                .iter()
                .map(|r| ClassRule {
                    class: r.class,
                    min_score: r.min_score,
                    require: Vec::new(),
                })
                .collect(),
            ..rules.clone()
        },
        None => Classification {
            knockout_class: super::rules::Class::C,
            rules: Vec::new(),
            fallback_class: super::rules::Class::C,
        },
    }
}

/// An answer a lead keeps for a criterion the current framework does not have: given under
/// another framework, kept in the file, counted again when the folder switches back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignAnswer {
    pub criterion: String,
    pub answer: String,
    pub note: String,
}

/// The answers of `assessment` for criteria `framework` does not have, in id order (the form's
/// read-only "from another framework" section, the CSV export's extra columns). Empty answers
/// without a note are left out: they say nothing.
pub fn foreign_answers(framework: &Framework, assessment: &Assessment) -> Vec<ForeignAnswer> {
    assessment
        .0
        .iter()
        .filter(|(id, given)| {
            framework.criterion(id).is_none() && !(given.answer.is_empty() && given.note.is_empty())
        })
        .map(|(id, given)| ForeignAnswer {
            criterion: id.to_string(),
            answer: given.answer.to_string(),
            note: given.note.clone(),
        })
        .collect()
}

/// The criterion ids, sorted and each once, that any of `assessments` answers but `framework`
/// does not have: the extra columns a CSV export writes so that nothing is lost.
pub fn foreign_criteria<'a>(
    framework: &Framework,
    assessments: impl IntoIterator<Item = &'a Assessment>,
) -> Vec<String> {
    let mut ids = std::collections::BTreeSet::new();
    for assessment in assessments {
        for answer in foreign_answers(framework, assessment) {
            ids.insert(answer.criterion);
        }
    }
    ids.into_iter().collect()
}

/// What a switch of framework (or rules) does to each lead: its class before and after, in the
/// order of `assessments`. The CLI's `framework use` counts them; the window's editor can show
/// them before the change is made. `None` is a lead not rated (every criterion unknown), which
/// is what every lead becomes under a framework whose criteria it has no answers for.
pub fn class_changes<'a>(
    assessments: impl IntoIterator<Item = &'a Assessment>,
    before: (&Framework, &Classification),
    after: (&Framework, &Classification),
) -> Vec<(Option<super::rules::Class>, Option<super::rules::Class>)> {
    assessments
        .into_iter()
        .map(|a| {
            (
                super::evaluation::evaluate(before.0, before.1, a).rated_class(),
                super::evaluation::evaluate(after.0, after.1, a).rated_class(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lang, UNKNOWN};

    #[test]
    fn every_answer_of_every_template_is_found_by_its_id_and_by_its_labels_alone() {
        // A spreadsheet may hold an answer as its id or as the window shows it in either
        // language, in any case and spacing: each must name that one answer, never another.
        for t in templates() {
            for c in &t.framework.criteria {
                for o in &c.options {
                    let spellings = [
                        o.id.clone(),
                        o.label.de.clone(),
                        o.label.en.clone(),
                        o.label.de.to_uppercase(),
                        o.label.en.replace(' ', "  "),
                    ];
                    for text in spellings {
                        let found = c.option_by_text(&text).map(|f| f.id.as_str());
                        assert_eq!(
                            found,
                            Some(o.id.as_str()),
                            "{} {}: {text}",
                            t.framework.id,
                            c.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_template_parses_validates_and_asks_in_both_languages() {
        assert_eq!(templates().len(), TEMPLATE_FILES.len());
        for (id, text) in TEMPLATE_FILES {
            let t = Template::from_ron(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(t.framework.id, id);
            let description = &t.framework.description;
            for lang in Lang::ALL {
                assert!(!t.framework.name.get(lang).is_empty(), "{id}");
                assert!(!description.get(lang).is_empty(), "{id}");
            }
            for c in &t.framework.criteria {
                assert!(
                    (3..=4).contains(&c.open_questions.len()),
                    "{id}/{}: {} open questions",
                    c.id,
                    c.open_questions.len()
                );
                assert!(!c.name.de.trim().is_empty() && !c.name.en.trim().is_empty());
                // Names may read alike ("Budget"); sentences and labels never do.
                let texts = std::iter::once(&c.question)
                    .chain(c.open_questions.iter())
                    .chain(c.options.iter().map(|o| &o.label));
                for text in texts {
                    assert!(!text.de.trim().is_empty() && !text.en.trim().is_empty());
                    assert_ne!(text.de, text.en, "{id}/{}: not translated", c.id);
                }
                assert!(c.options.iter().any(|o| o.points > 0), "{id}/{}", c.id);
                assert_eq!(c.options[0].id, UNKNOWN);
            }
            assert_eq!(t.rules.knockout_class, crate::domain::Class::C, "{id}");
        }
    }

    #[test]
    fn the_issue_s_templates_have_their_criteria() {
        let ids = |id: &str| -> Vec<String> {
            template(id)
                .unwrap()
                .framework
                .criteria
                .iter()
                .map(|c| c.id.clone())
                .collect()
        };
        assert_eq!(ids("bant"), ["budget", "authority", "need", "time"]);
        assert_eq!(ids("anum"), ["authority", "need", "urgency", "budget"]);
        assert_eq!(
            ids("champ"),
            ["challenges", "authority", "budget", "prioritization"]
        );
        assert_eq!(
            ids("faint"),
            ["funds", "authority", "interest", "need", "time"]
        );
        let meddic = [
            "metrics",
            "economic_buyer",
            "decision_criteria",
            "decision_process",
            "pain",
            "champion",
        ];
        assert_eq!(ids("meddic"), meddic);
        let meddpicc = ids("meddpicc");
        assert_eq!(meddpicc.len(), 8);
        for id in meddic.iter().chain(&["paper_process", "competition"]) {
            assert!(meddpicc.iter().any(|c| c == id), "{id}");
        }
        assert_eq!(ids("gpctba").len(), 8);
        assert_eq!(
            Framework::builtin().unwrap(),
            template("bant").unwrap().framework
        );
    }

    /// A criterion id is a concept: every template that has it offers the same answers, so an
    /// answer given under one counts under the other and is never an unknown answer there.
    #[test]
    fn shared_criteria_offer_the_same_answers() {
        for a in templates() {
            for b in templates() {
                for ca in &a.framework.criteria {
                    let Some(cb) = b.framework.criterion(&ca.id) else {
                        continue;
                    };
                    let ids = |c: &Criterion| -> Vec<String> {
                        c.options.iter().map(|o| o.id.clone()).collect()
                    };
                    assert_eq!(
                        ids(ca),
                        ids(cb),
                        "{} in {} and {}",
                        ca.id,
                        a.framework.id,
                        b.framework.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_template_file_round_trips_through_its_text() {
        for t in templates() {
            let text = t.to_ron().unwrap();
            assert_eq!(&Template::from_ron(&text).unwrap(), t);
        }
    }

    #[test]
    fn every_problem_of_a_file_is_named() {
        let mut t = template("meddic").unwrap().clone();
        t.framework.criteria[0].options[0].id = "first".into();
        t.framework.criteria[1].options[2].knockout = true;
        t.framework.criteria[1].options[2].points = 99;
        let problems = t.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        let mut t = template("meddic").unwrap().clone();
        t.rules.rules[0].require[0].criterion = "time".into();
        t.rules.rules[0].min_score = 120;
        assert_eq!(t.problems().len(), 2);
        assert!(matches!(
            Template::parse("(framework: "),
            Err(TemplateError::Syntax(_))
        ));
        // A byte-order mark before the file (Windows editors, mail programs) is no problem.
        let bant = template("bant").unwrap();
        let marked = format!("\u{feff}{}", bant.to_ron().unwrap());
        assert_eq!(Template::parse(&marked).as_ref(), Ok(bant));
    }

    #[test]
    fn rules_for_a_framework_without_its_own_fit_it() {
        for t in templates() {
            assert_eq!(Classification::default_for(&t.framework), t.rules);
        }
        let mut own = template("meddic").unwrap().framework.clone();
        own.id = "ours".into();
        let rules = Classification::default_for(&own);
        assert!(rules.problems(&own).is_empty());
        assert!(rules.rules.iter().all(|r| r.require.is_empty()));
    }

    #[test]
    fn answers_of_other_frameworks_are_listed_not_dropped() {
        let meddic = &template("meddic").unwrap().framework;
        let mut a = Assessment::from_pairs([("budget", "approved"), ("champion", "confirmed")]);
        a.set_note("time", "Q3");
        let foreign = foreign_answers(meddic, &a);
        let ids: Vec<&str> = foreign.iter().map(|f| f.criterion.as_str()).collect();
        assert_eq!(ids, ["budget", "time"]);
        assert_eq!(foreign_criteria(meddic, [&a, &a]), ["budget", "time"]);
        assert_eq!(template_criterion("budget").unwrap().0.framework.id, "bant");
    }

    #[test]
    fn a_switch_to_meddic_and_back_changes_no_class_for_good() {
        let (bant, meddic) = (template("bant").unwrap(), template("meddic").unwrap());
        let a = Assessment::from_pairs([
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "under_3_months"),
        ]);
        let pair = |t: &'static Template| (&t.framework, &t.rules);
        let there = class_changes([&a], pair(bant), pair(meddic));
        // Under MEDDIC, BANT's answers answer nothing: the lead is not rated there.
        assert_eq!(there, [(Some(crate::domain::Class::A), None)]);
        let back = class_changes([&a], pair(meddic), pair(bant));
        assert_eq!(back, [(None, Some(crate::domain::Class::A))]);
    }
}
