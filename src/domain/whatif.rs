//! What if: the single answer change that would raise a lead's class the most.

use super::evaluation::evaluate;
use super::framework::{Framework, UNKNOWN};
use super::lead::Assessment;
use super::rules::{Class, Classification};

/// The single answer change that would raise a lead's class the most.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub criterion: String,
    pub from: String,
    pub to: String,
    pub class: Class,
    pub score: u8,
}

/// Tries every other answer of every criterion and keeps the one that lifts the class highest;
/// among equals the smallest step (lowest resulting score) wins, since that is the realistic goal
/// for the next call. `None` when no single change raises the class.
pub fn what_if(
    framework: &Framework,
    rules: &Classification,
    assessment: &Assessment,
) -> Option<WhatIf> {
    let now = evaluate(framework, rules, assessment);
    // A blank lead is not judged, so nothing would "raise" it.
    if !now.rated {
        return None;
    }
    let current = now.class;
    let mut best: Option<WhatIf> = None;
    let mut trial = assessment.clone();
    for criterion in &framework.criteria {
        let from = assessment.answer(&criterion.id).to_owned();
        for option in criterion
            .options
            .iter()
            .filter(|o| o.id != from && o.id != UNKNOWN)
        {
            trial.set_answer(&criterion.id, &option.id);
            let e = evaluate(framework, rules, &trial);
            let better_than_best = match &best {
                None => e.class.rank() > current.rank(),
                Some(b) => {
                    (e.class.rank(), std::cmp::Reverse(e.score))
                        > (b.class.rank(), std::cmp::Reverse(b.score))
                }
            };
            if better_than_best {
                best = Some(WhatIf {
                    criterion: criterion.id.clone(),
                    from: from.clone(),
                    to: option.id.clone(),
                    class: e.class,
                    score: e.score,
                });
            }
        }
        trial.set_answer(&criterion.id, &from);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_month_example_needs_time_3_6_for_a() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let a = Assessment::from_pairs([
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "months_6_12"),
        ]);
        let w = what_if(&fw, &rules, &a).unwrap();
        assert_eq!(
            (w.criterion.as_str(), w.to.as_str(), w.class, w.score),
            ("time", "months_3_6", Class::A, 93)
        );
    }

    #[test]
    fn none_for_a_perfect_lead() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let a = Assessment::from_pairs([
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "under_3_months"),
        ]);
        assert_eq!(what_if(&fw, &rules, &a), None);
    }
}
