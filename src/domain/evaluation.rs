//! Scoring and classifying: points per criterion, the score normalised to 0–100, the class
//! with the rule that decided it, and provisional (docs/scoring.md); `Lead::set_answer` records
//! each change of an answer in the lead's history.

use compact_str::CompactString;
use jiff::Timestamp;

use super::framework::{Framework, UNKNOWN};
use super::lead::{Assessment, HistoryEntry, Lead};
use super::rules::{Class, ClassRule, Classification};

/// How far one criterion is clarified, which drives its colour in the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionState {
    Unknown,
    Knockout,
    /// Clarified, but below the criterion's best answer.
    Partial,
    Full,
}

/// One criterion's part of an [`Evaluation`]; its ids are stored inline ([`CompactString`]):
/// the window keeps an evaluation for every lead.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionResult {
    pub criterion: CompactString,
    /// The answer id that counted; an id the framework does not have counts as unknown (and is
    /// named by [`unknown_ids`]).
    pub answer: CompactString,
    pub points: u32,
    pub max_points: u32,
    pub state: CriterionState,
}

/// Why a better class was not reached.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    Score {
        class: Class,
        min_score: u8,
    },
    Answer {
        class: Class,
        criterion: CompactString,
        answer: CompactString,
        any_of: Vec<CompactString>,
    },
}

/// Which rule decided the class, structured so that every front end can say it in its language.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Knockout {
        criterion: CompactString,
        answer: CompactString,
    },
    /// `rule` is the index of the rule that held; `missed` explains the next better class.
    Rule {
        rule: usize,
        min_score: u8,
        missed: Vec<Miss>,
    },
    /// No rule held; `missed` explains the next better class.
    Fallback { missed: Vec<Miss> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// 0–100, normalised against the framework's maximum.
    pub score: u8,
    pub points: u32,
    pub max_points: u32,
    pub criteria: Vec<CriterionResult>,
    pub class: Class,
    pub reason: Reason,
    /// True while any criterion is unknown: the class may still change.
    pub provisional: bool,
    /// False while every criterion is unknown: a blank lead is not judged. Every front end
    /// then says "noch nicht bewertet" / "not rated yet" instead of a class, and the lead
    /// counts under no class ([`Evaluation::rated_class`]).
    pub rated: bool,
}

impl Evaluation {
    /// The criteria still to clarify in the next conversation.
    pub fn open_criteria(&self) -> impl Iterator<Item = &CriterionResult> {
        self.criteria
            .iter()
            .filter(|c| c.state == CriterionState::Unknown)
    }

    pub fn result(&self, criterion: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.criterion == criterion)
    }

    /// The class once at least one criterion is answered; `None` for a blank lead.
    pub fn rated_class(&self) -> Option<Class> {
        self.rated.then_some(self.class)
    }

    /// What a list and its counts need of this evaluation.
    pub fn brief(&self) -> Brief {
        Brief {
            score: self.score,
            class: self.class,
            provisional: self.provisional,
            rated: self.rated,
            states: self.criteria.iter().map(|c| c.state).collect(),
        }
    }
}

/// What the lead list, its filters and the overview's counts need of an [`Evaluation`]: a few
/// dozen bytes where the whole one holds every criterion's answer and the reason. The window
/// keeps one per lead (100,000 of them) and works out the whole evaluation of the lead it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub score: u8,
    pub class: Class,
    pub provisional: bool,
    /// See [`Evaluation::rated`].
    pub rated: bool,
    /// Each criterion's state, in the framework's order.
    states: Box<[CriterionState]>,
}

impl Brief {
    /// The class once at least one criterion is answered; `None` for a blank lead.
    pub fn rated_class(&self) -> Option<Class> {
        self.rated.then_some(self.class)
    }

    /// Whether the framework's criterion number `index` is still unknown.
    pub fn is_unknown(&self, index: usize) -> bool {
        self.states.get(index) == Some(&CriterionState::Unknown)
    }
}

/// An id in an assessment that the framework does not know, typically a typo in a hand-edited
/// lead file. [`evaluate`] counts such an answer as unknown; this names it, so that a front end
/// can tell the rep instead of scoring it so in silence. The assessment itself keeps the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnknownId {
    /// The criterion exists but has no answer with this id.
    Answer { criterion: String, answer: String },
    /// The framework has no criterion with this id (its answer is never scored).
    Criterion { criterion: String, answer: String },
}

/// The answer and criterion ids of `assessment` that `framework` does not know, in the
/// assessment's (sorted) order. An empty answer means "unknown" and is fine. A criterion that a
/// shipped template has (`budget` in a folder that uses MEDDIC) is no typo but an answer from
/// another framework, kept for when the folder switches back: it is not named here (see
/// [`super::foreign_answers`]).
pub fn unknown_ids(framework: &Framework, assessment: &Assessment) -> Vec<UnknownId> {
    assessment
        .0
        .iter()
        .filter_map(|(criterion, given)| {
            let answer = given.answer.as_str();
            match framework.criterion(criterion) {
                None if super::template::template_criterion(criterion).is_some() => None,
                None => Some(UnknownId::Criterion {
                    criterion: criterion.to_string(),
                    answer: answer.to_owned(),
                }),
                Some(c) if !answer.is_empty() && c.option(answer).is_none() => {
                    Some(UnknownId::Answer {
                        criterion: criterion.to_string(),
                        answer: answer.to_owned(),
                    })
                }
                Some(_) => None,
            }
        })
        .collect()
}

/// Scores and classifies one assessment. Pure and cheap, but not free: the window keeps the
/// result with each lead and evaluates again only when the lead or the rules change.
pub fn evaluate(
    framework: &Framework,
    rules: &Classification,
    assessment: &Assessment,
) -> Evaluation {
    let criteria: Vec<CriterionResult> = framework
        .criteria
        .iter()
        .map(|criterion| {
            let max_points = criterion.max_points();
            let chosen = criterion.option(assessment.answer(&criterion.id));
            let (answer, points, state) = match chosen {
                Some(o) if o.id != UNKNOWN => {
                    let state = if o.knockout {
                        CriterionState::Knockout
                    } else if o.points >= max_points {
                        CriterionState::Full
                    } else {
                        CriterionState::Partial
                    };
                    (CompactString::from(&o.id), o.points, state)
                }
                _ => (
                    CompactString::const_new(UNKNOWN),
                    0,
                    CriterionState::Unknown,
                ),
            };
            CriterionResult {
                criterion: CompactString::from(&criterion.id),
                answer,
                points,
                max_points,
                state,
            }
        })
        .collect();

    let points: u32 = criteria.iter().map(|c| c.points).sum();
    let max_points = framework.max_points();
    let score = normalise(points, max_points);
    let provisional = criteria.iter().any(|c| c.state == CriterionState::Unknown);
    let rated = criteria.iter().any(|c| c.state != CriterionState::Unknown);

    let (class, reason) = classify(rules, &criteria, score);
    Evaluation {
        score,
        points,
        max_points,
        criteria,
        class,
        reason,
        provisional,
        rated,
    }
}

fn normalise(points: u32, max_points: u32) -> u8 {
    if max_points == 0 {
        return 0;
    }
    let points = u64::from(points.min(max_points));
    let max = u64::from(max_points);
    // Rounded half up; points ≤ max keeps the result within 0..=100.
    u8::try_from((points * 100 + max / 2) / max).unwrap_or(100)
}

fn classify(rules: &Classification, criteria: &[CriterionResult], score: u8) -> (Class, Reason) {
    if let Some(ko) = criteria
        .iter()
        .find(|c| c.state == CriterionState::Knockout)
    {
        let reason = Reason::Knockout {
            criterion: ko.criterion.clone(),
            answer: ko.answer.clone(),
        };
        return (rules.knockout_class, reason);
    }
    for (index, rule) in rules.rules.iter().enumerate() {
        if holds(rule, criteria, score) {
            let missed = next_better_miss(&rules.rules[..index], rule.class, criteria, score);
            let reason = Reason::Rule {
                rule: index,
                min_score: rule.min_score,
                missed,
            };
            return (rule.class, reason);
        }
    }
    let missed = next_better_miss(&rules.rules, rules.fallback_class, criteria, score);
    (rules.fallback_class, Reason::Fallback { missed })
}

/// The answer `criteria` give `criterion` (unknown when the framework lacks it).
fn answer_of<'a>(criteria: &'a [CriterionResult], criterion: &str) -> &'a str {
    criteria
        .iter()
        .find(|c| c.criterion == criterion)
        .map_or(UNKNOWN, |c| c.answer.as_str())
}

/// Whether `rule` holds: [`misses`] would be empty. Without building the misses, which cost a
/// few allocations for each rule a lead fails (100,000 leads are evaluated at start).
fn holds(rule: &ClassRule, criteria: &[CriterionResult], score: u8) -> bool {
    score >= rule.min_score
        && rule.require.iter().all(|req| {
            let answer = answer_of(criteria, &req.criterion);
            req.any_of.iter().any(|a| a == answer)
        })
}

fn misses(rule: &ClassRule, criteria: &[CriterionResult], score: u8) -> Vec<Miss> {
    let mut out = Vec::new();
    if score < rule.min_score {
        out.push(Miss::Score {
            class: rule.class,
            min_score: rule.min_score,
        });
    }
    for req in &rule.require {
        let answer = answer_of(criteria, &req.criterion);
        if !req.any_of.iter().any(|a| a == answer) {
            out.push(Miss::Answer {
                class: rule.class,
                criterion: CompactString::from(&req.criterion),
                answer: answer.into(),
                any_of: req.any_of.iter().map(CompactString::from).collect(),
            });
        }
    }
    out
}

/// Explains the failed rule of the class just above `got`: that is the step the rep can take next.
fn next_better_miss(
    failed: &[ClassRule],
    got: Class,
    criteria: &[CriterionResult],
    score: u8,
) -> Vec<Miss> {
    failed
        .iter()
        .filter(|r| r.class.rank() > got.rank())
        .min_by_key(|r| r.class.rank())
        .map(|r| misses(r, criteria, score))
        .unwrap_or_default()
}

/// Scoring a lead lives here, beside [`evaluate`], so that `lead.rs` (the data) needs nothing
/// from the scoring.
impl Lead {
    pub fn evaluate(&self, framework: &Framework, rules: &Classification) -> Evaluation {
        evaluate(framework, rules, &self.assessment)
    }

    /// Answer and criterion ids of this lead the framework does not know (see [`unknown_ids`]).
    pub fn unknown_ids(&self, framework: &Framework) -> Vec<UnknownId> {
        unknown_ids(framework, &self.assessment)
    }

    /// Sets one answer and records the change in the history. Returns false when nothing changed.
    pub fn set_answer(
        &mut self,
        framework: &Framework,
        rules: &Classification,
        criterion: &str,
        answer: &str,
        now: Timestamp,
    ) -> bool {
        let from = CompactString::from(self.assessment.answer(criterion));
        if from == answer {
            return false;
        }
        self.assessment.set_answer(criterion, answer);
        let score_after = self.evaluate(framework, rules).score;
        self.history.push(HistoryEntry {
            at: now,
            criterion: criterion.into(),
            from,
            to: answer.into(),
            score_after,
        });
        self.updated = now;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead::Assessment;

    /// `holds` (the quick test `classify` uses) says exactly what an empty `misses` says, for
    /// every template's rules over many answers and scores.
    #[test]
    fn a_rule_holds_exactly_when_it_misses_nothing() {
        for t in crate::domain::templates() {
            let (fw, rules) = (&t.framework, &t.rules);
            let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
            for _ in 0..400 {
                let picks: Vec<(&str, &str)> = fw
                    .criteria
                    .iter()
                    .map(|c| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        let o = &c.options[(seed % c.options.len() as u64) as usize];
                        (c.id.as_str(), o.id.as_str())
                    })
                    .collect();
                let e = evaluate(fw, rules, &Assessment::from_pairs(picks));
                for score in [0, e.score, 50, 100] {
                    for rule in &rules.rules {
                        assert_eq!(
                            holds(rule, &e.criteria, score),
                            misses(rule, &e.criteria, score).is_empty(),
                            "{} {rule:?} {score}",
                            fw.name.en
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn misspelt_answers_and_criteria_are_named_not_only_scored_as_unknown() {
        let fw = Framework::builtin().unwrap();
        let a = Assessment::from_pairs([
            ("budget", "aproved"),
            ("authority", "decision_maker"),
            ("need", ""),
            ("tiem", "months_3_6"),
            ("time", "unknown"),
        ]);
        assert_eq!(
            unknown_ids(&fw, &a),
            vec![
                UnknownId::Answer {
                    criterion: "budget".into(),
                    answer: "aproved".into()
                },
                UnknownId::Criterion {
                    criterion: "tiem".into(),
                    answer: "months_3_6".into()
                },
            ]
        );
        let good = Assessment::from_pairs([("budget", "approved"), ("time", "unknown")]);
        assert!(unknown_ids(&fw, &good).is_empty());
    }

    fn setup() -> (Framework, Classification) {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        (fw, rules)
    }

    fn eval(b: &str, a: &str, n: &str, t: &str) -> Evaluation {
        let (fw, rules) = setup();
        let assessment =
            Assessment::from_pairs([("budget", b), ("authority", a), ("need", n), ("time", t)]);
        evaluate(&fw, &rules, &assessment)
    }

    #[test]
    fn spec_worked_examples() {
        let e = eval("approved", "decision_maker", "strong_fit", "under_3_months");
        assert_eq!((e.score, e.class, e.provisional), (100, Class::A, false));

        let e = eval("approved", "decision_maker", "strong_fit", "months_6_12");
        assert_eq!((e.score, e.class, e.provisional), (87, Class::B, false));
        let Reason::Rule { missed, .. } = &e.reason else {
            panic!("{:?}", e.reason)
        };
        assert!(
            matches!(&missed[..], [Miss::Answer { class: Class::A, criterion, answer, .. }]
            if criterion == "time" && answer == "months_6_12")
        );

        let e = eval("planned", "influencer", "partial_fit", "unknown");
        assert_eq!((e.score, e.class, e.provisional), (40, Class::C, true));
        assert_eq!(
            e.reason,
            Reason::Fallback {
                missed: vec![Miss::Score {
                    class: Class::B,
                    min_score: 50
                }]
            }
        );

        let e = eval("approved", "decision_maker", "no_fit", "under_3_months");
        assert_eq!((e.score, e.class), (75, Class::C));
        assert_eq!(
            e.reason,
            Reason::Knockout {
                criterion: "need".into(),
                answer: "no_fit".into()
            }
        );
    }

    #[test]
    fn all_unknown_is_zero_and_provisional() {
        let (fw, rules) = setup();
        let e = evaluate(&fw, &rules, &Assessment::default());
        assert_eq!((e.score, e.class, e.provisional), (0, Class::C, true));
        assert_eq!(e.open_criteria().count(), 4);
    }

    #[test]
    fn answers_the_framework_lacks_count_as_unknown() {
        let e = eval(
            "gold_plated",
            "decision_maker",
            "strong_fit",
            "under_3_months",
        );
        assert_eq!(e.result("budget").unwrap().state, CriterionState::Unknown);
        assert_eq!(e.score, 75);
    }

    #[test]
    fn normalises_edited_frameworks() {
        assert_eq!(normalise(50, 200), 25);
        assert_eq!(normalise(1, 3), 33);
        assert_eq!(normalise(2, 3), 67);
        assert_eq!(normalise(7, 0), 0);
    }
}
