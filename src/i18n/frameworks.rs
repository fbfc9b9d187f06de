//! The texts of `leadq framework` (list, show, use, check, export) in German and English, and
//! the problems of a framework file said with what to fix — for the CLI now and for the
//! window's framework editor later (`framework_problem`).

use super::messages::Plural;
use super::ui::fill;
use crate::domain::{Class, Classification, Framework, FrameworkError, Lang, RulesError};
use crate::domain::{TemplateError, UNKNOWN};

/// What `leadq framework` says. `{}` are filled in order by [`fill`].
pub struct FrameworkMessages {
    /// Under `framework list`: `{}` = the data folder.
    pub current_mark: &'static str,
    /// After a template the folder uses with changes of its own.
    pub changed_here: &'static str,
    /// After the folder's framework when it is no template.
    pub own: &'static str,
    /// `{}` = what was given, `{}` = the template ids.
    pub not_found: &'static str,
    /// `{}` = the framework's name, `{}` = the data folder.
    pub used: &'static str,
    /// `{}` = the framework's name.
    pub already: &'static str,
    /// `{}` = the leads, `{}` = per class "A 3 → 1".
    pub classes_moved: &'static str,
    /// `{}` = the framework's name.
    pub kept: &'static str,
    /// `{}` = file, name, criteria, class rules.
    pub check_fine: &'static str,
    /// After the file's name: how many problems it has.
    pub check_problems: Plural,
    pub criteria: Plural,
    pub rules: Plural,
    /// `{}` = the framework's name, `{}` = the file.
    pub exported: &'static str,
    pub question: &'static str,
    pub open_questions: &'static str,
    pub class_rules: &'static str,
    /// `leadq show`: the heading over answers the lead keeps from other frameworks.
    pub from_other: &'static str,
    /// `{}` = class, minimum score.
    pub rule_score: &'static str,
    /// `{}` = criterion, the answers it needs.
    pub rule_and: &'static str,
    /// `{}` = the knockout class.
    pub rule_knockout: &'static str,
    /// `{}` = the fallback class.
    pub rule_fallback: &'static str,
    pub or: &'static str,
    /// `{}` = the file, the parser's words.
    pub syntax: &'static str,
    pub no_criteria: &'static str,
    /// `{}` = criterion.
    pub duplicate_criterion: &'static str,
    /// `{}` = criterion.
    pub unknown_not_first: &'static str,
    /// `{}` = criterion.
    pub too_few_options: &'static str,
    /// `{}` = answer, criterion.
    pub duplicate_option: &'static str,
    pub no_points: &'static str,
    /// `{}` = criterion.
    pub knockout_is_best: &'static str,
    /// `{}` = class, minimum score.
    pub score_too_high: &'static str,
    /// `{}` = class, criterion, the criteria there are.
    pub rule_unknown_criterion: &'static str,
    /// `{}` = class, answer, criterion, its answers.
    pub rule_unknown_answer: &'static str,
    /// `{}` = class, criterion.
    pub rule_no_answers: &'static str,
    /// `{}` = class, answer, criterion.
    pub rule_requires_knockout: &'static str,
}

pub fn framework_messages(lang: Lang) -> &'static FrameworkMessages {
    match lang {
        Lang::De => &super::de::FRAMEWORKS,
        Lang::En => &super::en::FRAMEWORKS,
    }
}

/// One problem of a framework file, with what to fix, in the rep's language. `framework` is the
/// file's framework when it parsed (it names the ids a rule may use).
pub fn framework_problem(
    lang: Lang,
    problem: &TemplateError,
    framework: Option<&Framework>,
) -> String {
    let m = framework_messages(lang);
    match problem {
        TemplateError::Syntax(detail) => fill(m.syntax, &[detail]),
        TemplateError::Framework(e) => framework_error(m, e),
        TemplateError::Rules(e) => rules_error(m, e, framework),
    }
}

fn framework_error(m: &FrameworkMessages, e: &FrameworkError) -> String {
    match e {
        FrameworkError::Syntax(detail) => fill(m.syntax, &[detail]),
        FrameworkError::NoCriteria => m.no_criteria.to_owned(),
        FrameworkError::DuplicateCriterion(c) => fill(m.duplicate_criterion, &[c]),
        FrameworkError::UnknownNotFirst(c) => fill(m.unknown_not_first, &[c, UNKNOWN]),
        FrameworkError::TooFewOptions(c) => fill(m.too_few_options, &[c]),
        FrameworkError::DuplicateOption { criterion, answer } => {
            fill(m.duplicate_option, &[answer, criterion])
        }
        FrameworkError::NoPoints => m.no_points.to_owned(),
        FrameworkError::KnockoutIsBest(c) => fill(m.knockout_is_best, &[c]),
    }
}

fn rules_error(m: &FrameworkMessages, e: &RulesError, framework: Option<&Framework>) -> String {
    match e {
        RulesError::Syntax(detail) => fill(m.syntax, &[detail]),
        RulesError::ScoreTooHigh { class, min_score } => {
            fill(m.score_too_high, &[class, &min_score.to_string()])
        }
        RulesError::UnknownCriterion { class, criterion } => {
            let known: Vec<&str> = framework
                .map(|f| f.criteria.iter().map(|c| c.id.as_str()).collect())
                .unwrap_or_default();
            fill(
                m.rule_unknown_criterion,
                &[class, criterion, &known.join(", ")],
            )
        }
        RulesError::UnknownAnswer {
            class,
            criterion,
            answer,
        } => {
            let known: Vec<&str> = framework
                .and_then(|f| f.criterion(criterion))
                .map(|c| c.options.iter().map(|o| o.id.as_str()).collect())
                .unwrap_or_default();
            fill(
                m.rule_unknown_answer,
                &[class, answer, criterion, &known.join(", ")],
            )
        }
        RulesError::NoAnswers { class, criterion } => fill(m.rule_no_answers, &[class, criterion]),
        RulesError::RequiresKnockout {
            class,
            criterion,
            answer,
        } => fill(m.rule_requires_knockout, &[class, answer, criterion]),
    }
}

/// The class rules in words, one line each: the knockout class, every rule with its minimum
/// score and the answers it requires (by their labels), the fallback.
pub fn rules_text(lang: Lang, framework: &Framework, rules: &Classification) -> Vec<String> {
    let m = framework_messages(lang);
    let quote = |s: &str| super::quoted(lang, s);
    let mut lines = vec![fill(m.rule_knockout, &[rules.knockout_class.letter()])];
    for rule in &rules.rules {
        let mut line = fill(
            m.rule_score,
            &[rule.class.letter(), &rule.min_score.to_string()],
        );
        for req in &rule.require {
            let criterion = framework.criterion(&req.criterion);
            let name = criterion.map_or(req.criterion.as_str(), |c| c.name.get(lang));
            let answers: Vec<String> = req
                .any_of
                .iter()
                .map(|a| {
                    let label = criterion
                        .and_then(|c| c.option(a))
                        .map_or(a.as_str(), |o| o.label.get(lang));
                    quote(label)
                })
                .collect();
            line.push_str(&fill(m.rule_and, &[name, &answers.join(m.or)]));
        }
        lines.push(line);
    }
    lines.push(fill(m.rule_fallback, &[rules.fallback_class.letter()]));
    lines
}

/// "A 3 → 1, B 2 → 2, C 5 → 7": how many leads each class had before and has after a switch
/// (the pairs of [`crate::domain::class_changes`]), and the leads not rated, when there are any
/// ("noch nicht bewertet 0 → 4").
pub fn class_moves(lang: Lang, changes: &[(Option<Class>, Option<Class>)]) -> String {
    let count = |c: Option<Class>| {
        let before = changes.iter().filter(|(b, _)| *b == c).count();
        let after = changes.iter().filter(|(_, a)| *a == c).count();
        (before, after)
    };
    let mut parts: Vec<String> = Class::ALL
        .iter()
        .map(|&c| {
            let (before, after) = count(Some(c));
            format!("{} {before} → {after}", c.letter())
        })
        .collect();
    let (before, after) = count(None);
    if before + after > 0 {
        parts.push(format!(
            "{} {before} → {after}",
            super::texts(lang).not_rated
        ));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template;

    #[test]
    fn every_problem_says_what_to_fix_in_both_languages() {
        let mut t = template("meddic").unwrap().clone();
        t.framework.criteria[2].options[1].points = 50;
        t.rules.rules[0].require[0].any_of = vec!["champion_typo".into()];
        for lang in Lang::ALL {
            let fw_problems = t.problems();
            assert_eq!(fw_problems.len(), 1);
            let text = framework_problem(lang, &fw_problems[0], Some(&t.framework));
            assert!(text.contains("decision_criteria"), "{text}");
        }
        let mut t = template("meddic").unwrap().clone();
        t.rules.rules[0].require[0].any_of = vec!["champion_typo".into()];
        let p = &t.problems()[0];
        let en = framework_problem(Lang::En, p, Some(&t.framework));
        assert!(
            en.contains("champion_typo") && en.contains("confirmed"),
            "{en}"
        );
        let de = framework_problem(Lang::De, p, Some(&t.framework));
        assert_ne!(de, en);
    }

    #[test]
    fn rules_read_as_sentences() {
        let t = template("meddic").unwrap();
        let lines = rules_text(Lang::En, &t.framework, &t.rules);
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[1].starts_with("A: score ≥ 75"), "{}", lines[1]);
        assert!(lines[1].contains("Champion"), "{}", lines[1]);
    }
}
