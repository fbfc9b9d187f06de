//! The A/B/C classes and the classification rules as data (knockout class, ordered rules with a
//! minimum score and required answers, fallback), validated against the framework.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::framework::Framework;

/// The A/B/C class of a lead. A is the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Class {
    A,
    B,
    C,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::A, Class::B, Class::C];

    /// Higher is better, so classes compare the way a rep thinks of them.
    pub fn rank(self) -> u8 {
        match self {
            Class::A => 3,
            Class::B => 2,
            Class::C => 1,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Class::A => "A",
            Class::B => "B",
            Class::C => "C",
        }
    }

    pub fn from_letter(s: &str) -> Option<Class> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => Some(Class::A),
            "B" => Some(Class::B),
            "C" => Some(Class::C),
            _ => None,
        }
    }
}

/// Company-specific classification rules (docs/scoring.md): data, not code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The class of any lead with a knockout answer.
    pub knockout_class: Class,
    /// Tried in order; the first rule that holds gives the class.
    pub rules: Vec<ClassRule>,
    /// The class when no rule holds.
    pub fallback_class: Class,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassRule {
    pub class: Class,
    pub min_score: u8,
    /// Answers that must be given as well, e.g. Time decided within 6 months for A.
    #[serde(default)]
    pub require: Vec<AnswerRequirement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRequirement {
    pub criterion: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Error, PartialEq)]
pub enum RulesError {
    #[error("the classification file is not valid RON: {0}")]
    Syntax(String),
    #[error("a rule for class {class} needs a score of {min_score}, but scores only go to 100")]
    ScoreTooHigh { class: &'static str, min_score: u8 },
    #[error(
        "a rule for class {class} names criterion \"{criterion}\", which the framework does not have"
    )]
    UnknownCriterion {
        class: &'static str,
        criterion: String,
    },
    #[error(
        "a rule for class {class} names answer \"{answer}\", which criterion \"{criterion}\" does not have"
    )]
    UnknownAnswer {
        class: &'static str,
        criterion: String,
        answer: String,
    },
    #[error(
        "a rule for class {class} requires criterion \"{criterion}\" without naming an answer, so it never holds"
    )]
    NoAnswers {
        class: &'static str,
        criterion: String,
    },
    /// A knockout decides the class before any rule is tried, so such a rule never holds.
    #[error(
        "a rule for class {class} requires answer \"{answer}\" of criterion \"{criterion}\", which is a knockout, so the rule never holds"
    )]
    RequiresKnockout {
        class: &'static str,
        criterion: String,
        answer: String,
    },
}

impl Classification {
    /// The BANT rules of `assets/frameworks/bant.ron` (docs/scoring.md), embedded in the binary,
    /// checked against `framework`. For the rules that suit any framework, see
    /// [`Classification::default_for`].
    pub fn builtin(framework: &Framework) -> Result<Classification, RulesError> {
        let file: super::template::Template = ron::from_str(super::template::BANT_RON)
            .map_err(|e| RulesError::Syntax(e.to_string()))?;
        file.rules.validate(framework)?;
        Ok(file.rules)
    }

    pub fn from_ron(text: &str, framework: &Framework) -> Result<Classification, RulesError> {
        let rules: Classification =
            ron::from_str(text).map_err(|e| RulesError::Syntax(e.to_string()))?;
        rules.validate(framework)?;
        Ok(rules)
    }

    /// The first problem of [`Classification::problems`], if any.
    pub fn validate(&self, framework: &Framework) -> Result<(), RulesError> {
        match self.problems(framework).into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Everything that keeps these rules from working with `framework`, rule by rule: a score
    /// above 100, a criterion or answer the framework does not have, a requirement that can
    /// never hold. `leadq framework check` names them all.
    pub fn problems(&self, framework: &Framework) -> Vec<RulesError> {
        let mut out = Vec::new();
        for rule in &self.rules {
            let class = rule.class.letter();
            if rule.min_score > 100 {
                out.push(RulesError::ScoreTooHigh {
                    class,
                    min_score: rule.min_score,
                });
            }
            for req in &rule.require {
                let Some(criterion) = framework.criterion(&req.criterion) else {
                    out.push(RulesError::UnknownCriterion {
                        class,
                        criterion: req.criterion.clone(),
                    });
                    continue;
                };
                if req.any_of.is_empty() {
                    out.push(RulesError::NoAnswers {
                        class,
                        criterion: req.criterion.clone(),
                    });
                }
                for answer in &req.any_of {
                    let named = |answer: &String| (class, req.criterion.clone(), answer.clone());
                    match criterion.option(answer) {
                        None => {
                            let (class, criterion, answer) = named(answer);
                            out.push(RulesError::UnknownAnswer {
                                class,
                                criterion,
                                answer,
                            });
                        }
                        Some(o) if o.knockout => {
                            let (class, criterion, answer) = named(answer);
                            out.push(RulesError::RequiresKnockout {
                                class,
                                criterion,
                                answer,
                            });
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        out
    }

    /// The first rule giving `class`, the one the settings window edits.
    pub fn rule_for(&self, class: Class) -> Option<&ClassRule> {
        self.rules.iter().find(|r| r.class == class)
    }

    pub fn rule_for_mut(&mut self, class: Class) -> Option<&mut ClassRule> {
        self.rules.iter_mut().find(|r| r.class == class)
    }
}
