//! Property tests of the qualification engine over every possible answer combination.

// Helpers outside `#[test]` functions unwrap too: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use leadq::domain::{
    Assessment, Class, Classification, CriterionState, Framework, evaluate, what_if,
};
use proptest::prelude::*;

fn setup() -> (Framework, Classification) {
    let fw = Framework::builtin().unwrap();
    let rules = Classification::builtin(&fw).unwrap();
    (fw, rules)
}

/// Any assessment: one option index per criterion of the built-in framework.
fn assessment() -> impl Strategy<Value = Vec<usize>> {
    let (fw, _) = setup();
    fw.criteria
        .iter()
        .map(|c| 0..c.options.len())
        .collect::<Vec<_>>()
}

fn build(fw: &Framework, picks: &[usize]) -> Assessment {
    Assessment::from_pairs(
        fw.criteria
            .iter()
            .zip(picks)
            .map(|(c, &i)| (c.id.as_str(), c.options[i].id.as_str())),
    )
}

proptest! {
    #[test]
    fn score_is_within_0_and_100(picks in assessment()) {
        let (fw, rules) = setup();
        let e = evaluate(&fw, &rules, &build(&fw, &picks));
        prop_assert!(e.score <= 100);
    }

    #[test]
    fn more_points_on_one_answer_never_lower_the_score(picks in assessment(), which in 0usize..4, to in 0usize..6) {
        let (fw, rules) = setup();
        let criterion = &fw.criteria[which];
        let to = to % criterion.options.len();
        let before = evaluate(&fw, &rules, &build(&fw, &picks));
        let mut better = picks.clone();
        if criterion.options[to].points >= criterion.options[picks[which]].points {
            better[which] = to;
            let after = evaluate(&fw, &rules, &build(&fw, &better));
            prop_assert!(after.score >= before.score);
        }
    }

    #[test]
    fn a_knockout_always_gives_c_and_names_its_criterion(picks in assessment()) {
        let (fw, rules) = setup();
        let e = evaluate(&fw, &rules, &build(&fw, &picks));
        if let Some(ko) = e.criteria.iter().find(|c| c.state == CriterionState::Knockout) {
            prop_assert_eq!(e.class, Class::C);
            let reason = leadq::i18n::describe_reason(&fw, &rules, leadq::domain::Lang::De, &e);
            let name = fw.criterion(&ko.criterion).unwrap().name.de.clone();
            prop_assert!(reason.contains(&name), "{} lacks {}", reason, name);
        }
    }

    #[test]
    fn provisional_exactly_while_something_is_unknown(picks in assessment()) {
        let (fw, rules) = setup();
        let e = evaluate(&fw, &rules, &build(&fw, &picks));
        prop_assert_eq!(e.provisional, picks.contains(&0));
    }

    #[test]
    fn what_if_applied_really_raises_the_class(picks in assessment()) {
        let (fw, rules) = setup();
        let a = build(&fw, &picks);
        let before = evaluate(&fw, &rules, &a);
        match what_if(&fw, &rules, &a) {
            Some(w) => {
                let mut changed = a.clone();
                changed.set_answer(&w.criterion, &w.to);
                let after = evaluate(&fw, &rules, &changed);
                prop_assert!(after.class.rank() > before.class.rank());
                prop_assert_eq!(after.class, w.class);
                prop_assert_eq!(after.score, w.score);
            }
            None => {
                // Then truly no single change raises the class.
                for c in &fw.criteria {
                    for o in &c.options {
                        let mut changed = a.clone();
                        changed.set_answer(&c.id, &o.id);
                        prop_assert!(evaluate(&fw, &rules, &changed).class.rank() <= before.class.rank());
                    }
                }
            }
        }
    }

    #[test]
    fn revenue_parser_never_panics(s in "\\PC{0,40}") {
        let _ = leadq::domain::parse_revenue(&s);
    }

    #[test]
    fn revenue_round_trips_through_both_notations(cents in 0u64..1_000_000_000) {
        let value = cents as f64 / 100.0;
        let en = format!("{value:.2}");
        let de = en.replace('.', ",");
        prop_assert_eq!(leadq::domain::parse_revenue(&en), Ok(Some(value)));
        prop_assert_eq!(leadq::domain::parse_revenue(&de), Ok(Some(value)));
    }
}
