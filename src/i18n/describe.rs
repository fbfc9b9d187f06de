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

/// "B: Zeitrahmen = „in 6–12 Monaten“, A braucht …" — the class and the rule that decided it.
pub fn describe_reason(
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

/// "Zeitrahmen → „in 3–6 Monaten“ macht daraus einen A-Lead (Score 93)".
pub fn describe_what_if(fw: &Framework, lang: Lang, w: &WhatIf) -> String {
    let name = criterion_name(fw, lang, &w.criterion);
    let to = quoted(lang, answer_label(fw, lang, &w.criterion, &w.to));
    fill(
        super::texts(lang).reasons.what_if,
        &[name, &to, w.class.letter(), &w.score.to_string()],
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
    fn reasons_name_the_deciding_criterion() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let a = Assessment::from_pairs([
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "months_6_12"),
        ]);
        let e = evaluate(&fw, &rules, &a);
        assert_eq!(
            describe_reason(&fw, &rules, Lang::De, &e),
            "B: Score 87 ≥ 50; Zeitrahmen = „in 6–12 Monaten“, A braucht „in unter 3 Monaten“ oder „in 3–6 Monaten“"
        );
        let w = what_if(&fw, &rules, &a).unwrap();
        assert_eq!(
            describe_what_if(&fw, Lang::En, &w),
            "Time → “in 3–6 months” would make it an A lead (score 93)"
        );
        let ko = Assessment::from_pairs([("budget", "none")]);
        let e = evaluate(&fw, &rules, &ko);
        assert_eq!(
            describe_reason(&fw, &rules, Lang::De, &e),
            "C: Budget = „kein Budget“ (K.-o.-Kriterium)"
        );
    }
}
