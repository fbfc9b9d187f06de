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
}

const BUILTIN_RULES: &str = include_str!("../../assets/classification.ron");

impl Classification {
    /// The default rules of `assets/classification.ron` (docs/scoring.md), embedded in the binary.
    pub fn builtin(framework: &Framework) -> Result<Classification, RulesError> {
        Classification::from_ron(BUILTIN_RULES, framework)
    }

    pub fn from_ron(text: &str, framework: &Framework) -> Result<Classification, RulesError> {
        let rules: Classification =
            ron::from_str(text).map_err(|e| RulesError::Syntax(e.to_string()))?;
        rules.validate(framework)?;
        Ok(rules)
    }

    pub fn validate(&self, framework: &Framework) -> Result<(), RulesError> {
        for rule in &self.rules {
            let class = rule.class.letter();
            if rule.min_score > 100 {
                return Err(RulesError::ScoreTooHigh {
                    class,
                    min_score: rule.min_score,
                });
            }
            for req in &rule.require {
                let Some(criterion) = framework.criterion(&req.criterion) else {
                    return Err(RulesError::UnknownCriterion {
                        class,
                        criterion: req.criterion.clone(),
                    });
                };
                if let Some(answer) = req.any_of.iter().find(|a| criterion.option(a).is_none()) {
                    return Err(RulesError::UnknownAnswer {
                        class,
                        criterion: req.criterion.clone(),
                        answer: answer.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The first rule giving `class`, the one the settings window edits.
    pub fn rule_for(&self, class: Class) -> Option<&ClassRule> {
        self.rules.iter().find(|r| r.class == class)
    }

    pub fn rule_for_mut(&mut self, class: Class) -> Option<&mut ClassRule> {
        self.rules.iter_mut().find(|r| r.class == class)
    }
}
