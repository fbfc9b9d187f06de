//! The qualification framework as data (criteria, questions, answers with points and knockouts,
//! open questions), loaded and validated from RON; BANT is built in (docs/scoring.md), the
//! other templates are in `template.rs`.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::Text;

/// The id every criterion's first answer carries: not yet clarified, 0 points, an open question.
pub const UNKNOWN: &str = "unknown";

/// A qualification framework (BANT by default) as data: criteria, their questions, the answers
/// a rep can pick with their points, and the questions to ask while a criterion is unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub name: Text,
    /// One sentence on when a team would pick this framework (the templates have one; the
    /// first-run chooser and `leadq framework list` show it).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub name: Text,
    pub question: Text,
    pub options: Vec<AnswerOption>,
    /// Questions for the next conversation while this criterion is unknown.
    #[serde(default)]
    pub open_questions: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub id: String,
    pub label: Text,
    pub points: u32,
    /// A clarified negative answer that rules the lead out whatever else it scores.
    #[serde(default)]
    pub knockout: bool,
}

#[derive(Debug, Error, PartialEq)]
pub enum FrameworkError {
    #[error("the framework file is not valid RON: {0}")]
    Syntax(String),
    #[error("the framework has no criteria")]
    NoCriteria,
    #[error("criterion id \"{0}\" appears twice")]
    DuplicateCriterion(String),
    #[error("criterion \"{0}\" needs \"unknown\" (0 points, no knockout) as its first answer")]
    UnknownNotFirst(String),
    #[error("criterion \"{0}\" has no answer besides \"unknown\"")]
    TooFewOptions(String),
    #[error("answer id \"{answer}\" appears twice in criterion \"{criterion}\"")]
    DuplicateOption { criterion: String, answer: String },
    #[error("all answers together give 0 points, so no score can be computed")]
    NoPoints,
    /// The best points of a criterion are only on a knockout: the best answers everywhere could
    /// never reach 100.
    #[error(
        "in criterion \"{0}\" a knockout answer has the most points; give it fewer points than the best answer"
    )]
    KnockoutIsBest(String),
}

impl Framework {
    /// The BANT framework of `assets/frameworks/bant.ron` (docs/scoring.md), embedded in the
    /// binary: the default of every data folder.
    pub fn builtin() -> Result<Framework, FrameworkError> {
        let file: super::template::Template = ron::from_str(super::template::BANT_RON)
            .map_err(|e| FrameworkError::Syntax(e.to_string()))?;
        file.framework.validate()?;
        Ok(file.framework)
    }

    /// Parses and validates a framework written in RON.
    pub fn from_ron(text: &str) -> Result<Framework, FrameworkError> {
        let framework: Framework =
            ron::from_str(text).map_err(|e| FrameworkError::Syntax(e.to_string()))?;
        framework.validate()?;
        Ok(framework)
    }

    /// The first problem of [`Framework::problems`], if any.
    pub fn validate(&self) -> Result<(), FrameworkError> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Everything that keeps this framework from being used, in file order, so that
    /// `leadq framework check` can name every problem at once instead of one per run.
    pub fn problems(&self) -> Vec<FrameworkError> {
        let mut out = Vec::new();
        if self.criteria.is_empty() {
            out.push(FrameworkError::NoCriteria);
        }
        for (i, criterion) in self.criteria.iter().enumerate() {
            if self.criteria[..i].iter().any(|c| c.id == criterion.id) {
                out.push(FrameworkError::DuplicateCriterion(criterion.id.clone()));
            }
            out.extend(criterion.problems());
        }
        if !self.criteria.is_empty() && self.max_points() == 0 {
            out.push(FrameworkError::NoPoints);
        }
        out
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The most points a lead can reach; scores are normalised against it.
    pub fn max_points(&self) -> u32 {
        self.criteria.iter().map(Criterion::max_points).sum()
    }
}

impl Criterion {
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The answer a spreadsheet cell means: its id, or its label in either language, spelled
    /// with any case, accents, spaces and punctuation (see [`super::word_key`]).
    pub fn option_by_text(&self, text: &str) -> Option<&AnswerOption> {
        if let Some(exact) = self.option(text) {
            return Some(exact);
        }
        let key = super::word_key(text);
        if key.is_empty() {
            return None;
        }
        let mut matches = self.options.iter().filter(|o| {
            [&o.id, &o.label.de, &o.label.en]
                .into_iter()
                .any(|name| super::word_key(name) == key)
        });
        // Two answers that fold to one spelling (possible in a team's own framework) are never
        // guessed between.
        match (matches.next(), matches.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    pub fn max_points(&self) -> u32 {
        self.options.iter().map(|o| o.points).max().unwrap_or(0)
    }

    /// The answer that gives the most points without being a knockout: what a perfect lead has.
    pub fn best_option(&self) -> Option<&AnswerOption> {
        self.options
            .iter()
            .filter(|o| !o.knockout && o.id != UNKNOWN)
            .max_by_key(|o| o.points)
    }

    fn problems(&self) -> Vec<FrameworkError> {
        let mut out = Vec::new();
        match self.options.first() {
            Some(first) if first.id == UNKNOWN && first.points == 0 && !first.knockout => {}
            _ => out.push(FrameworkError::UnknownNotFirst(self.id.clone())),
        }
        if self.options.len() < 2 {
            out.push(FrameworkError::TooFewOptions(self.id.clone()));
        }
        for (j, option) in self.options.iter().enumerate() {
            if self.options[..j].iter().any(|o| o.id == option.id) {
                out.push(FrameworkError::DuplicateOption {
                    criterion: self.id.clone(),
                    answer: option.id.clone(),
                });
            }
        }
        let best_plain = self
            .options
            .iter()
            .filter(|o| !o.knockout)
            .map(|o| o.points)
            .max()
            .unwrap_or(0);
        if self.max_points() > best_plain {
            out.push(FrameworkError::KnockoutIsBest(self.id.clone()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_bant_matches_the_spec() {
        let fw = Framework::builtin().unwrap();
        let ids: Vec<_> = fw.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["budget", "authority", "need", "time"]);
        assert_eq!(fw.max_points(), 100);
        let time = fw.criterion("time").unwrap();
        assert_eq!(time.option("months_6_12").unwrap().points, 12);
        assert!(time.option("none").unwrap().knockout);
        assert!(
            !fw.criterion("authority")
                .unwrap()
                .option("no_influence")
                .unwrap()
                .knockout
        );
        for c in &fw.criteria {
            assert!((3..=4).contains(&c.open_questions.len()), "{}", c.id);
        }
    }

    #[test]
    fn broken_frameworks_are_rejected_with_a_reason() {
        assert!(matches!(
            Framework::from_ron("(id: "),
            Err(FrameworkError::Syntax(_))
        ));
        let no_unknown = r#"(id: "x", name: (de: "x", en: "x"), criteria: [
            (id: "a", name: (de: "a", en: "a"), question: (de: "", en: ""),
             options: [(id: "yes", label: (de: "ja", en: "yes"), points: 5)])])"#;
        assert_eq!(
            Framework::from_ron(no_unknown),
            Err(FrameworkError::UnknownNotFirst("a".into()))
        );
    }
}
