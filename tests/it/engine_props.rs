//! Property tests of the qualification engine over every possible answer combination: of the
//! built-in BANT, of every shipped template, and of random valid frameworks with random rules.

use leadq::domain::{
    AnswerOption, AnswerRequirement, Assessment, Class, ClassRule, Classification, Criterion,
    CriterionState, Framework, Text, evaluate, templates, what_if,
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

// ---- Every shipped template, and random valid frameworks with random rules ----

/// A shipped template by index, and one option index per criterion of it.
fn template_and_picks() -> impl Strategy<Value = (usize, Vec<usize>)> {
    (0..templates().len()).prop_flat_map(|t| {
        let picks: Vec<_> = templates()[t]
            .framework
            .criteria
            .iter()
            .map(|c| 0..c.options.len())
            .collect();
        (Just(t), picks)
    })
}

fn class() -> impl Strategy<Value = Class> {
    prop_oneof![Just(Class::A), Just(Class::B), Just(Class::C)]
}

/// A criterion's answers besides `unknown`: (points, knockout), the first never a knockout and
/// worth something, knockouts always worth less than the best answer (what validation asks).
fn answers() -> impl Strategy<Value = Vec<(u32, bool)>> {
    prop::collection::vec((0u32..=30, prop::bool::weighted(0.3)), 1..=5).prop_map(|mut v| {
        v[0] = (v[0].0.max(1), false);
        let best = v.iter().filter(|(_, k)| !k).map(|(p, _)| *p).max().unwrap();
        for (p, k) in &mut v {
            if *k {
                *p %= best;
            }
        }
        v
    })
}

fn random_framework() -> impl Strategy<Value = Framework> {
    prop::collection::vec(answers(), 1..=6).prop_map(|criteria| Framework {
        id: "random".into(),
        name: Text::new("Zufall", "Random"),
        description: Text::default(),
        criteria: criteria
            .into_iter()
            .enumerate()
            .map(|(i, answers)| Criterion {
                id: format!("c{i}"),
                name: Text::new(&format!("K{i}"), &format!("C{i}")),
                question: Text::default(),
                options: std::iter::once(AnswerOption {
                    id: "unknown".into(),
                    label: Text::default(),
                    points: 0,
                    knockout: false,
                })
                .chain(
                    answers
                        .into_iter()
                        .enumerate()
                        .map(|(j, (points, knockout))| AnswerOption {
                            id: format!("a{j}"),
                            label: Text::default(),
                            points,
                            knockout,
                        }),
                )
                .collect(),
                open_questions: Vec::new(),
            })
            .collect(),
    })
}

/// Rules for `fw`: random classes and thresholds, each requiring answers (never knockouts) of
/// random criteria, or none.
fn random_rules(fw: Framework) -> impl Strategy<Value = (Framework, Classification)> {
    let rule = (
        class(),
        0u8..=100,
        prop::collection::vec((any::<prop::sample::Index>(), any::<u64>()), 0..=2),
    );
    (class(), class(), prop::collection::vec(rule, 0..=3)).prop_map(
        move |(knockout_class, fallback_class, rules)| {
            let rules = rules
                .into_iter()
                .map(|(class, min_score, reqs)| ClassRule {
                    class,
                    min_score,
                    require: reqs
                        .into_iter()
                        .map(|(which, mask)| {
                            let c = which.get(&fw.criteria);
                            let allowed: Vec<&AnswerOption> =
                                c.options[1..].iter().filter(|o| !o.knockout).collect();
                            let mut any_of: Vec<String> = allowed
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| mask & (1 << i) != 0)
                                .map(|(_, o)| o.id.clone())
                                .collect();
                            if any_of.is_empty() {
                                any_of.push(allowed[0].id.clone());
                            }
                            AnswerRequirement {
                                criterion: c.id.clone(),
                                any_of,
                            }
                        })
                        .collect(),
                })
                .collect();
            let rules = Classification {
                knockout_class,
                rules,
                fallback_class,
            };
            (fw.clone(), rules)
        },
    )
}

/// A random valid framework with random rules, and one option index per criterion.
fn random_case() -> impl Strategy<Value = (Framework, Classification, Vec<usize>)> {
    random_framework()
        .prop_flat_map(random_rules)
        .prop_flat_map(|(fw, rules)| {
            let picks: Vec<_> = fw.criteria.iter().map(|c| 0..c.options.len()).collect();
            (Just(fw), Just(rules), picks)
        })
}

/// The invariants every framework keeps: checked on the templates and on random ones.
fn invariants(
    fw: &Framework,
    rules: &Classification,
    picks: &[usize],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(fw.problems(), vec![]);
    prop_assert_eq!(rules.problems(fw), vec![]);
    let a = build(fw, picks);
    let e = evaluate(fw, rules, &a);
    prop_assert!(e.score <= 100);
    let knockout = fw
        .criteria
        .iter()
        .zip(picks)
        .any(|(c, &i)| c.options[i].knockout);
    if knockout {
        prop_assert_eq!(e.class, rules.knockout_class);
    }
    let best = Assessment::from_pairs(
        fw.criteria
            .iter()
            .map(|c| (c.id.as_str(), c.best_option().unwrap().id.as_str())),
    );
    let perfect = evaluate(fw, rules, &best);
    prop_assert_eq!(perfect.score, 100);
    prop_assert!(!perfect.provisional);
    if let Some(w) = what_if(fw, rules, &a) {
        let mut changed = a.clone();
        changed.set_answer(&w.criterion, &w.to);
        let after = evaluate(fw, rules, &changed);
        prop_assert!(after.class.rank() > e.class.rank());
        prop_assert_eq!((after.class, after.score), (w.class, w.score));
    } else if e.rated {
        // Then truly no single answer raises the class (forgetting one, back to "unknown", is
        // no step a rep can take, so what-if does not offer it). A blank lead is not judged,
        // so it has no what-if at all.
        for c in &fw.criteria {
            for o in c.options.iter().filter(|o| o.id != "unknown") {
                let mut changed = a.clone();
                changed.set_answer(&c.id, &o.id);
                prop_assert!(evaluate(fw, rules, &changed).class.rank() <= e.class.rank());
            }
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn every_template_keeps_the_invariants((t, picks) in template_and_picks()) {
        let t = &templates()[t];
        invariants(&t.framework, &t.rules, &picks)?;
        // Every template sends a knockout to C.
        prop_assert_eq!(t.rules.knockout_class, Class::C);
    }

    #[test]
    fn random_frameworks_keep_the_invariants((fw, rules, picks) in random_case()) {
        invariants(&fw, &rules, &picks)?;
    }
}
