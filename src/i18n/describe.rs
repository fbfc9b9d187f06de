//! Leads and results in words, in the rep's language: field values and the contact line, labels
//! of answers, sources and stages, the reason for a class and what-if.

use super::fill;
use crate::domain::{
    Class, Classification, Evaluation, Field, Framework, Lang, Lead, Miss, Reason, RevenueError,
    Source, Stage, Value, WhatIf, format_revenue,
};

/// "Max Mustermann – Geschäftsführer": a contact with their role, as a German business card
/// would show them.
pub fn contact_line(lead: &Lead) -> String {
    match (lead.contact.trim(), lead.role.trim()) {
        ("", role) => role.to_owned(),
        (c, "") => c.to_owned(),
        (c, r) => format!("{c} – {r}"),
    }
}

/// Revenue as the rep reads it, with its unit: "5,5 Mio. €" / "5.5 € million"… as the language
/// writes it.
pub fn revenue_text(lang: Lang, value: f64) -> String {
    let t = super::texts(lang);
    format!(
        "{} {}",
        format_revenue(value, t.decimal_comma),
        t.million_eur
    )
}

/// A field's value as the rep reads it (dates and revenue in the language's notation, sources
/// and stages by name); `None` when the field is empty.
pub fn field_text(lang: Lang, lead: &Lead, field: Field) -> Option<String> {
    value_text(lang, &lead.get(field))
}

/// A field's value as the rep reads it; `None` when it is empty.
pub fn value_text(lang: Lang, value: &Value) -> Option<String> {
    let text = match value {
        Value::Text(s) => s.trim().to_owned(),
        Value::Revenue(r) => r.map(|r| revenue_text(lang, r)).unwrap_or_default(),
        Value::Source(s) => source_label(lang, *s).to_owned(),
        Value::Stage(s) => stage_label(lang, *s).to_owned(),
        Value::Date(d) => d.map(|d| super::format_date(lang, d)).unwrap_or_default(),
    };
    (!text.is_empty()).then_some(text)
}

pub fn criterion_name<'a>(fw: &'a Framework, lang: Lang, criterion: &'a str) -> &'a str {
    fw.criterion(criterion)
        .map_or(criterion, |c| c.name.get(lang))
}

pub fn answer_label<'a>(
    fw: &'a Framework,
    lang: Lang,
    criterion: &str,
    answer: &'a str,
) -> &'a str {
    fw.criterion(criterion)
        .and_then(|c| c.option(answer))
        .map_or(answer, |o| o.label.get(lang))
}

pub fn source_label(lang: Lang, source: Source) -> &'static str {
    (super::texts(lang).source_label)(source)
}

pub fn stage_label(lang: Lang, stage: Stage) -> &'static str {
    (super::texts(lang).stage_label)(stage)
}

/// What the class means for the rep (docs/scoring.md, the class table).
pub fn class_meaning(lang: Lang, class: Class) -> &'static str {
    (super::texts(lang).class_meaning)(class)
}

/// `s` in the language's quotation marks: „…“ in German, “…” in English.
pub fn quoted(lang: Lang, s: &str) -> String {
    let (open, close) = super::texts(lang).reasons.quotes;
    format!("{open}{s}{close}")
}

fn describe_miss(fw: &Framework, lang: Lang, miss: &Miss) -> String {
    let r = &super::texts(lang).reasons;
    match miss {
        Miss::Score { class, min_score } => {
            fill(r.needs_score, &[class.letter(), &min_score.to_string()])
        }
        Miss::Answer {
            class,
            criterion,
            answer,
            any_of,
        } => {
            let name = criterion_name(fw, lang, criterion);
            let got = quoted(lang, answer_label(fw, lang, criterion, answer));
            let wanted: Vec<String> = any_of
                .iter()
                .map(|a| quoted(lang, answer_label(fw, lang, criterion, a)))
                .collect();
            fill(
                r.needs_answer,
                &[name, &got, class.letter(), &wanted.join(r.or)],
            )
        }
    }
}

/// "65 Punkten" / "1 Punkt": points after "mit" / "with".
fn points(lang: Lang, n: u32, forms: (&str, &str)) -> String {
    let _ = lang;
    if n == 1 {
        forms.0.to_owned()
    } else {
        fill(forms.1, &[&n.to_string()])
    }
}

/// What a better class lacks, in words: "15 Punkte mehr", "Zeitrahmen klären („…“ oder „…“)",
/// "Bedarf „klarer Bedarf“ statt „latent“".
fn describe_lack(fw: &Framework, lang: Lang, eval: &Evaluation, miss: &Miss) -> String {
    let r = &super::texts(lang).reasons;
    match miss {
        Miss::Score { min_score, .. } => {
            let more = u32::from(min_score.saturating_sub(eval.score));
            points(lang, more, r.more_points)
        }
        Miss::Answer {
            criterion,
            answer,
            any_of,
            ..
        } => {
            let name = criterion_name(fw, lang, criterion);
            let wanted: Vec<String> = any_of
                .iter()
                .map(|a| quoted(lang, answer_label(fw, lang, criterion, a)))
                .collect();
            let wanted = wanted.join(r.or);
            let unknown = eval
                .result(criterion)
                .is_none_or(|c| c.state == crate::domain::CriterionState::Unknown);
            if unknown {
                fill(r.clarify, &[name, &wanted])
            } else {
                let got = quoted(lang, answer_label(fw, lang, criterion, answer));
                fill(r.instead, &[name, &wanted, &got])
            }
        }
    }
}

/// "87/100", or "–" for a lead not rated yet.
pub fn score_text(eval: &Evaluation) -> String {
    if eval.rated {
        format!("{}/100", eval.score)
    } else {
        "–".to_owned()
    }
}

/// "B", "B (vorläufig)", or "– (noch nicht bewertet)" for a lead not rated yet.
pub fn class_text(lang: Lang, eval: &Evaluation) -> String {
    let t = super::texts(lang);
    match eval.rated_class() {
        None => format!("– ({})", t.not_rated),
        Some(class) if eval.provisional => format!("{} ({})", class.letter(), t.provisional),
        Some(class) => class.letter().to_owned(),
    }
}

/// The class and why, in one or two plain sentences a rep and a manager read: "B-Lead mit 65
/// Punkten. Für einen A-Lead fehlt: Zeitrahmen klären („in unter 3 Monaten“ oder „in 3–6
/// Monaten“)." No signs, no ids: the exact rule is [`describe_rule`]'s. A lead not rated yet
/// gets what makes a class appear, so that no front end needs a case of its own.
pub fn describe_reason(
    fw: &Framework,
    rules: &Classification,
    lang: Lang,
    eval: &Evaluation,
) -> String {
    if !eval.rated {
        return super::texts(lang).not_rated_hint.to_owned();
    }
    let r = &super::texts(lang).reasons;
    let mut text = fill(
        r.class_with_points,
        &[
            eval.class.letter(),
            &points(lang, u32::from(eval.score), r.points),
        ],
    );
    let missed = match &eval.reason {
        Reason::Knockout { criterion, answer } => {
            let said = fill(
                r.knocked_out,
                &[
                    criterion_name(fw, lang, criterion),
                    &quoted(lang, answer_label(fw, lang, criterion, answer)),
                ],
            );
            return format!("{text}. {said}.");
        }
        Reason::Rule { rule, missed, .. } => {
            if missed.is_empty() {
                // The top class: what it asked for beyond the score, and got.
                let met: Vec<String> = rules
                    .rules
                    .get(*rule)
                    .map(|r| r.require.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|req| {
                        let answer = eval.result(&req.criterion)?.answer.as_str();
                        Some(format!(
                            "{} {}",
                            criterion_name(fw, lang, &req.criterion),
                            quoted(lang, answer_label(fw, lang, &req.criterion, answer))
                        ))
                    })
                    .collect();
                if !met.is_empty() {
                    text.push_str(&fill(r.with_answers, &[&met.join(", ")]));
                }
            }
            missed
        }
        Reason::Fallback { missed } => missed,
    };
    text.push('.');
    if let Some(first) = missed.first() {
        let class = match first {
            Miss::Score { class, .. } | Miss::Answer { class, .. } => *class,
        };
        let lacks: Vec<String> = missed
            .iter()
            .map(|m| describe_lack(fw, lang, eval, m))
            .collect();
        text.push(' ');
        text.push_str((r.for_class)(class));
        text.push_str(&lacks.join(", "));
        text.push('.');
    }
    text
}

/// "B: Score 87 ≥ 50; Zeitrahmen = „in 6–12 Monaten“, A braucht …" — the class and the exact
/// rule that decided it, for whoever sets the rules (the window's tooltip on the reason).
pub fn describe_rule(
    fw: &Framework,
    rules: &Classification,
    lang: Lang,
    eval: &Evaluation,
) -> String {
    let class = eval.class.letter();
    let misses = |missed: &[Miss]| -> Vec<String> {
        missed.iter().map(|m| describe_miss(fw, lang, m)).collect()
    };
    match &eval.reason {
        Reason::Knockout { criterion, answer } => {
            let ko = super::texts(lang).reasons.knockout;
            format!(
                "{class}: {} = {} ({ko})",
                criterion_name(fw, lang, criterion),
                quoted(lang, answer_label(fw, lang, criterion, answer))
            )
        }
        Reason::Rule {
            rule,
            min_score,
            missed,
        } => {
            let mut parts = vec![format!("Score {} ≥ {min_score}", eval.score)];
            if missed.is_empty() {
                // The top class: name what it required as well.
                for req in rules
                    .rules
                    .get(*rule)
                    .map(|r| r.require.as_slice())
                    .unwrap_or_default()
                {
                    let answer = eval
                        .result(&req.criterion)
                        .map_or("unknown", |r| r.answer.as_str());
                    parts.push(format!(
                        "{} = {}",
                        criterion_name(fw, lang, &req.criterion),
                        quoted(lang, answer_label(fw, lang, &req.criterion, answer))
                    ));
                }
            } else {
                parts.extend(misses(missed));
            }
            format!("{class}: {}", parts.join("; "))
        }
        Reason::Fallback { missed } => {
            let mut parts = vec![format!("Score {}", eval.score)];
            parts.extend(misses(missed));
            format!("{class}: {}", parts.join("; "))
        }
    }
}

/// "Mit Zeitrahmen „in 3–6 Monaten“ wäre es ein A-Lead mit 93 Punkten."
pub fn describe_what_if(fw: &Framework, lang: Lang, w: &WhatIf) -> String {
    let r = &super::texts(lang).reasons;
    let name = criterion_name(fw, lang, &w.criterion);
    let to = quoted(lang, answer_label(fw, lang, &w.criterion, &w.to));
    fill(
        r.what_if,
        &[
            name,
            &to,
            (r.a_lead)(w.class),
            &points(lang, u32::from(w.score), r.points),
        ],
    )
}

pub fn revenue_error(lang: Lang, err: &RevenueError) -> String {
    let r = &super::texts(lang).reasons;
    match err {
        RevenueError::InvalidCharacter(c) => fill(r.revenue_invalid, &[&c.to_string()]),
        RevenueError::Negative => r.revenue_negative.to_owned(),
        RevenueError::Malformed => r.revenue_malformed.to_owned(),
        RevenueError::TooLarge => r.revenue_too_large.to_owned(),
        RevenueError::OtherCurrency(c) => fill(r.revenue_currency, &[c]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Assessment, evaluate, what_if};

    #[test]
    fn reasons_are_plain_sentences_in_both_languages() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let reason = |lang, pairs: &[(&str, &str)]| {
            let e = evaluate(&fw, &rules, &Assessment::from_pairs(pairs.iter().copied()));
            describe_reason(&fw, &rules, lang, &e)
        };
        // B, held back by an answer given.
        let b = [
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "months_6_12"),
        ];
        assert_eq!(
            reason(Lang::De, &b),
            "B-Lead mit 87 Punkten. Für einen A-Lead fehlt: Zeitrahmen „in unter 3 Monaten“ \
             oder „in 3–6 Monaten“ statt „in 6–12 Monaten“."
        );
        assert_eq!(
            reason(Lang::En, &b),
            "B lead with 87 points. For an A lead: Time “in under 3 months” or “in 3–6 months” \
             instead of “in 6–12 months”."
        );
        // B, held back by an unknown criterion: find it out.
        let open = [
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
        ];
        assert_eq!(
            reason(Lang::De, &open),
            "B-Lead mit 75 Punkten. Für einen A-Lead fehlt: 5 Punkte mehr, Zeitrahmen klären \
             („in unter 3 Monaten“ oder „in 3–6 Monaten“)."
        );
        // The top class names what it asked for and got.
        let a = [
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "under_3_months"),
        ];
        assert_eq!(
            reason(Lang::En, &a),
            "A lead with 100 points and Time “in under 3 months”."
        );
        // C by the score alone.
        assert_eq!(
            reason(Lang::De, &[("budget", "planned")]),
            "C-Lead mit 15 Punkten. Für einen B-Lead fehlt: 35 Punkte mehr."
        );
        // A knockout.
        assert_eq!(
            reason(Lang::De, &[("budget", "none")]),
            "C-Lead mit 0 Punkten. Budget ist „kein Budget“ – das schließt den Lead aus."
        );
        assert_eq!(
            reason(Lang::En, &[("budget", "none")]),
            "C lead with 0 points. Budget is “no budget”, which rules the lead out."
        );
        // The exact rule stays available.
        let e = evaluate(&fw, &rules, &Assessment::from_pairs(b));
        assert_eq!(
            describe_rule(&fw, &rules, Lang::De, &e),
            "B: Score 87 ≥ 50; Zeitrahmen = „in 6–12 Monaten“, A braucht „in unter 3 Monaten“ \
             oder „in 3–6 Monaten“"
        );
        let w = what_if(&fw, &rules, &Assessment::from_pairs(b)).unwrap();
        assert_eq!(
            describe_what_if(&fw, Lang::En, &w),
            "With Time “in 3–6 months” it would be an A lead with 93 points."
        );
        assert_eq!(
            describe_what_if(&fw, Lang::De, &w),
            "Mit Zeitrahmen „in 3–6 Monaten“ wäre es ein A-Lead mit 93 Punkten."
        );
    }

    /// Every template, every answer of every criterion alone and all best answers: the
    /// sentence starts with the class, has no signs of a formula and no answer ids.
    #[test]
    fn every_template_gives_sentences_without_formulas_or_ids() {
        for t in crate::domain::templates() {
            let (fw, rules) = (&t.framework, &t.rules);
            let mut cases: Vec<Assessment> = vec![Assessment::default()];
            for c in &fw.criteria {
                for o in &c.options {
                    cases.push(Assessment::from_pairs([(c.id.as_str(), o.id.as_str())]));
                }
            }
            let best = fw.criteria.iter().filter_map(|c| {
                let o = c.options.iter().max_by_key(|o| o.points)?;
                Some((c.id.as_str(), o.id.as_str()))
            });
            cases.push(Assessment::from_pairs(best));
            for lang in [Lang::De, Lang::En] {
                for a in &cases {
                    let e = evaluate(fw, rules, a);
                    let text = describe_reason(fw, rules, lang, &e);
                    if e.rated {
                        assert!(text.starts_with(e.class.letter()), "{text}");
                    } else {
                        // A blank lead is not judged.
                        assert_eq!(text, crate::i18n::texts(lang).not_rated_hint);
                    }
                    assert!(text.ends_with('.'), "{text}");
                    for sign in ["≥", "=", "Score", "K.-o.", "→"] {
                        assert!(!text.contains(sign), "{}: {text}", fw.id);
                    }
                    for c in &fw.criteria {
                        for o in c.options.iter().filter(|o| o.id.contains('_')) {
                            assert!(!text.contains(&o.id), "{}: {text}", fw.id);
                        }
                    }
                }
            }
        }
    }
}
