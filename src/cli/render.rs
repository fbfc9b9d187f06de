//! The CLI's output of leads: the aligned table, the text of `show`, and the JSON views.

use serde_json::{Value, json};

use crate::domain::{
    Brief, Classification, Evaluation, Field, Framework, Lang, Lead, ellipsize, what_if,
};
use crate::i18n::{
    answer_label, contact_line, criterion_name, describe_reason, describe_rule, describe_what_if,
    field_label, field_text, texts,
};

/// The fields every JSON view of a lead has ([`LeadJson`] as a value, for the views that add
/// to it).
pub fn lead_json(lead: &Lead, eval: &Evaluation) -> Value {
    let brief = eval.brief();
    // Only a map with keys other than strings could fail to become a value.
    serde_json::to_value(LeadJson {
        lead,
        brief: &brief,
    })
    .unwrap_or_default()
}

/// An answer given under another framework, named by the template that has its criterion (or
/// by its ids): (criterion, answer, framework) for `show`.
fn foreign_names(lang: Lang, criterion: &str, answer: &str) -> (String, String, String) {
    match crate::domain::template_criterion(criterion) {
        Some((template, c)) => (
            c.name.get(lang).to_owned(),
            c.option(answer)
                .map_or(answer, |o| o.label.get(lang))
                .to_owned(),
            template.framework.name.get(lang).to_owned(),
        ),
        None => (criterion.to_owned(), answer.to_owned(), String::new()),
    }
}

/// One key of [`lead_json`]'s object.
#[derive(Clone, Copy)]
enum JsonKey {
    Id,
    Score,
    Class,
    Provisional,
    Created,
    Updated,
    Field(Field),
    Answers,
}

/// [`lead_json`]'s keys in the order its object has them (a `serde_json::Map` sorts its keys),
/// each once: worked out once per process.
fn json_keys() -> &'static [(&'static str, JsonKey)] {
    static KEYS: std::sync::OnceLock<Vec<(&'static str, JsonKey)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = vec![
            ("id", JsonKey::Id),
            ("score", JsonKey::Score),
            ("class", JsonKey::Class),
            ("provisional", JsonKey::Provisional),
            ("created", JsonKey::Created),
            ("updated", JsonKey::Updated),
        ];
        keys.extend(Field::ALL.map(|f| (f.id(), JsonKey::Field(f))));
        keys.push(("answers", JsonKey::Answers));
        // As inserting into the map does: a key given again replaces the earlier one.
        let mut sorted: Vec<(&'static str, JsonKey)> = Vec::with_capacity(keys.len());
        for (name, key) in keys.into_iter().rev() {
            if !sorted.iter().any(|(n, _)| *n == name) {
                sorted.push((name, key));
            }
        }
        sorted.sort_by_key(|(name, _)| *name);
        sorted
    })
}

/// A lead in JSON: its list fields (text as a string, revenue as a number, source and stage by
/// id, dates as ISO; empty numbers and dates `null`), score, class and every answer the file
/// holds by criterion id (also those of other frameworks, kept for when the folder switches
/// back). Written straight, without building a `Value` first: `leadq list --json` writes
/// 100,000 of them (a third of its time went into building and dropping the values).
pub struct LeadJson<'a> {
    pub lead: &'a Lead,
    /// The brief of the lead's evaluation: all the list shows of it.
    pub brief: &'a Brief,
}

impl serde::Serialize for LeadJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (lead, brief) = (self.lead, self.brief);
        let keys = json_keys();
        let mut map = serializer.serialize_map(Some(keys.len()))?;
        for &(name, key) in keys {
            match key {
                JsonKey::Id => map.serialize_entry(name, &lead.id)?,
                JsonKey::Score => map.serialize_entry(name, &brief.score)?,
                // `null` for a lead not rated yet (every criterion unknown).
                JsonKey::Class => map.serialize_entry(
                    name,
                    &brief.rated_class().map(crate::domain::Class::letter),
                )?,
                JsonKey::Provisional => map.serialize_entry(name, &brief.provisional)?,
                JsonKey::Created => map.serialize_entry(name, &AsText(&lead.created))?,
                JsonKey::Updated => map.serialize_entry(name, &AsText(&lead.updated))?,
                JsonKey::Field(field) => map.serialize_entry(name, &FieldJson(lead, field))?,
                JsonKey::Answers => map.serialize_entry(
                    name,
                    &AsMap(lead.assessment.0.iter().map(|(c, a)| (c, &a.answer))),
                )?,
            }
        }
        map.end()
    }
}

/// A value written as its `Display` text.
struct AsText<'a, T: std::fmt::Display>(&'a T);

impl<T: std::fmt::Display> serde::Serialize for AsText<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// Pairs written as a JSON object, in their order.
struct AsMap<I>(I);

impl<I, K, V> serde::Serialize for AsMap<I>
where
    I: Iterator<Item = (K, V)> + Clone,
    K: serde::Serialize,
    V: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.clone())
    }
}

/// One field of a lead in JSON.
struct FieldJson<'a>(&'a Lead, Field);

impl serde::Serialize for FieldJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let FieldJson(lead, field) = *self;
        match field {
            Field::Revenue => lead.revenue_meur.serialize(serializer),
            Field::Source => serializer.serialize_str(lead.source.id()),
            Field::Stage => serializer.serialize_str(lead.stage.id()),
            Field::FollowUp => match &lead.follow_up {
                Some(d) => serializer.collect_str(d),
                None => serializer.serialize_none(),
            },
            _ => serializer.serialize_str(lead.text(field)),
        }
    }
}

/// `show --json`: the list fields plus answers, reason, open questions and what-if.
pub fn lead_detail_json(fw: &Framework, rules: &Classification, lang: Lang, lead: &Lead) -> Value {
    let eval = lead.evaluate(fw, rules);
    let mut value = lead_json(lead, &eval);
    let criteria: Vec<Value> = eval
        .criteria
        .iter()
        .map(|c| {
            json!({
                "criterion": c.criterion,
                "answer": c.answer,
                "answer_label": answer_label(fw, lang, &c.criterion, &c.answer),
                "points": c.points,
                "max_points": c.max_points,
                "note": lead.assessment.note(&c.criterion),
            })
        })
        .collect();
    let open: Vec<Value> = eval
        .open_criteria()
        .filter_map(|c| fw.criterion(&c.criterion))
        .map(|c| json!({"criterion": c.id, "questions": c.open_questions.iter().map(|q| q.get(lang)).collect::<Vec<_>>()}))
        .collect();
    let hint = what_if(fw, rules, &lead.assessment).map(|w| {
        json!({"criterion": w.criterion, "from": w.from, "to": w.to, "class": w.class.letter(), "score": w.score, "text": describe_what_if(fw, lang, &w)})
    });
    if let Value::Object(map) = &mut value {
        map.insert(
            "reason".into(),
            json!(describe_reason(fw, rules, lang, &eval)),
        );
        // The exact rule behind the sentence, for scripts and whoever set the rules; a lead
        // not rated yet (`class` null) has none.
        let rule = eval.rated.then(|| describe_rule(fw, rules, lang, &eval));
        map.insert("rule".into(), json!(rule));
        map.insert("criteria".into(), json!(criteria));
        map.insert("open_questions".into(), json!(open));
        map.insert("what_if".into(), hint.unwrap_or(Value::Null));
        let other: Vec<Value> = crate::domain::foreign_answers(fw, &lead.assessment)
            .iter()
            .map(|a| {
                let (name, label, framework) = foreign_names(lang, &a.criterion, &a.answer);
                json!({"criterion": a.criterion, "criterion_name": name, "answer": a.answer,
                       "answer_label": label, "framework": framework, "note": a.note})
            })
            .collect();
        map.insert("other_frameworks".into(), json!(other));
    }
    value
}

/// A plain table for `leadq list`; widths follow the content, long names are cut with "…".
pub fn lead_table(rows: &[(&Lead, &Brief)], lang: Lang) -> String {
    let t = texts(lang);
    let header = [
        "ID",
        t.score,
        t.class,
        t.stage,
        t.follow_up,
        t.company,
        t.contact,
    ];
    let body: Vec<[String; 7]> = rows
        .iter()
        .map(|(lead, eval)| {
            [
                lead.id.to_string()[..8].to_owned(),
                eval.score.to_string(),
                match eval.rated_class() {
                    Some(class) => format!(
                        "{}{}",
                        class.letter(),
                        if eval.provisional { "?" } else { "" }
                    ),
                    None => "–".to_owned(),
                },
                lead.stage.id().to_uppercase(),
                lead.follow_up
                    .map(|d| crate::i18n::format_date(lang, d))
                    .unwrap_or_default(),
                ellipsize(&lead.company, 40),
                ellipsize(&lead.contact, 30),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut out = line(&header);
    out.push('\n');
    for row in &body {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        out.push_str(&line(&cells));
        out.push('\n');
    }
    let m = crate::i18n::messages(lang);
    out.push_str(&format!(
        "{}; {}\n",
        m.leads.of(rows.len(), &[]),
        m.provisional_mark
    ));
    out
}

/// `leadq show`: the lead as a rep reads it before a call.
pub fn lead_text(fw: &Framework, rules: &Classification, lang: Lang, lead: &Lead) -> String {
    let t = texts(lang);
    let eval = lead.evaluate(fw, rules);
    let mut out = general_text(lang, lead);
    out.push_str(&result_text(fw, rules, lang, lead, &eval));
    // A blank lead has no class to raise: no what-if.
    if eval.rated {
        let hint = what_if(fw, rules, &lead.assessment).map_or_else(
            || t.no_what_if.to_owned(),
            |w| describe_what_if(fw, lang, &w),
        );
        out.push_str(&format!("\n{}: {hint}\n", t.what_if));
    }
    if !lead.notes.trim().is_empty() {
        out.push_str(&format!("\n{}:\n{}\n", t.notes, lead.notes.trim_end()));
    }
    out
}

/// The name with the id, then one line per field (contact details only when the lead has them).
fn general_text(lang: Lang, lead: &Lead) -> String {
    let t = texts(lang);
    let name = if lead.display_name().is_empty() {
        t.unnamed_lead
    } else {
        lead.display_name()
    };
    let mut out = format!("{name}  ({})\n", lead.id);
    let today = crate::clock::today();
    for field in Field::ALL {
        let value = match field {
            // The name is the heading, the role is in the contact line, the notes come last.
            Field::Company | Field::Role | Field::Notes => continue,
            Field::Contact => Some(contact_line(lead)).filter(|c| !c.is_empty()),
            Field::FollowUp if lead.follow_up_overdue(today) => {
                field_text(lang, lead, field).map(|d| format!("{d} (!)"))
            }
            _ => field_text(lang, lead, field),
        };
        let optional = matches!(
            field,
            Field::Email | Field::Phone | Field::Website | Field::CrmId
        );
        if value.is_none() && optional {
            continue;
        }
        let value = value.unwrap_or_else(|| t.not_given.to_owned());
        out.push_str(&format!("{}: {value}\n", field_label(lang, field)));
    }
    out.push('\n');
    out
}

/// Score and class, the reason, the criteria, the open questions and the answers kept from other
/// frameworks.
fn result_text(
    fw: &Framework,
    rules: &Classification,
    lang: Lang,
    lead: &Lead,
    eval: &Evaluation,
) -> String {
    let t = texts(lang);
    let mut out = String::new();
    out.push_str(&format!(
        "{}: {}   {}: {}\n{}: {}\n\n",
        t.score,
        crate::i18n::score_text(eval),
        t.class,
        crate::i18n::class_text(lang, eval),
        t.reason,
        describe_reason(fw, rules, lang, eval)
    ));
    out.push_str(&format!(
        "{}:\n",
        crate::i18n::fill(t.overview_by, &[fw.name.get(lang)])
    ));
    for c in &eval.criteria {
        let note = lead.assessment.note(&c.criterion);
        out.push_str(&format!(
            "  {:<12} {:>2}/{:<3} {}{}\n",
            criterion_name(fw, lang, &c.criterion),
            c.points,
            c.max_points,
            answer_label(fw, lang, &c.criterion, &c.answer),
            if note.is_empty() {
                String::new()
            } else {
                format!(" — {note}")
            }
        ));
    }
    out.push_str(&format!("\n{}:\n", t.open_questions));
    let mut any = false;
    for c in eval
        .open_criteria()
        .filter_map(|c| fw.criterion(&c.criterion))
    {
        any = true;
        out.push_str(&format!("  {}:\n", c.name.get(lang)));
        for q in &c.open_questions {
            out.push_str(&format!("    - {}\n", q.get(lang)));
        }
    }
    if !any {
        out.push_str(&format!("  {}\n", t.no_open_questions));
    }
    other_frameworks_text(fw, lang, lead, &mut out);
    out
}

/// The answers the lead keeps from other frameworks, not scored (nothing when it has none).
fn other_frameworks_text(fw: &Framework, lang: Lang, lead: &Lead, out: &mut String) {
    let other = crate::domain::foreign_answers(fw, &lead.assessment);
    if other.is_empty() {
        return;
    }
    out.push_str(&format!(
        "\n{}:\n",
        crate::i18n::framework_messages(lang).from_other
    ));
    for a in &other {
        let (name, label, framework) = foreign_names(lang, &a.criterion, &a.answer);
        let framework = if framework.is_empty() {
            String::new()
        } else {
            format!(" ({framework})")
        };
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", a.note)
        };
        out.push_str(&format!("  {name}{framework}: {label}{note}\n"));
    }
}

/// `leadq summary --json`: the overview's numbers (shape documented in the README).
pub fn pipeline_json(p: &crate::domain::Pipeline) -> serde_json::Value {
    use crate::domain::{Class, Stage};
    use serde_json::{Map, Value, json};
    let by_stage = |f: &dyn Fn(Stage) -> usize| -> Value {
        Stage::ALL
            .iter()
            .map(|&s| (s.id().to_owned(), json!(f(s))))
            .collect::<Map<String, Value>>()
            .into()
    };
    let by_class: Map<String, Value> = Class::ALL
        .iter()
        .map(|&c| (c.letter().to_owned(), json!(p.class(c))))
        .collect();
    let class_stage: Map<String, Value> = Class::ALL
        .iter()
        .map(|&c| (c.letter().to_owned(), by_stage(&|s| p.cell(c, s))))
        .collect();
    let unknown: Map<String, Value> = p
        .unknown
        .iter()
        .map(|(id, n)| (id.clone(), json!(n)))
        .collect();
    json!({
        "total": p.total,
        "by_class": by_class,
        "by_stage": by_stage(&|s| p.stage(s)),
        "class_stage": class_stage,
        "provisional": p.provisional,
        "not_rated": p.not_rated(),
        "follow_ups": {
            "overdue": p.follow_ups.overdue,
            "today": p.follow_ups.today,
            "next_7_days": p.follow_ups.next_7_days,
        },
        "open": p.open,
        "unknown_by_criterion": unknown,
    })
}

#[cfg(test)]
mod json_tests {
    use super::*;
    use crate::domain::Value as FieldValue;

    /// A lead as LeadQ has always written it in JSON (built as a `Value`, whose map sorts its
    /// keys): the reference for [`LeadJson`].
    fn as_always(lead: &Lead, eval: &Evaluation) -> Value {
        let mut value = json!({
            "id": lead.id.to_string(),
            "score": eval.score,
            "class": eval.rated_class().map(crate::domain::Class::letter),
            "provisional": eval.provisional,
            "created": lead.created.to_string(),
            "updated": lead.updated.to_string(),
        });
        let map = value.as_object_mut().unwrap();
        for field in Field::ALL {
            let v = match lead.get(field) {
                FieldValue::Text(s) => json!(s),
                FieldValue::Revenue(r) => json!(r),
                FieldValue::Source(s) => json!(s.id()),
                FieldValue::Stage(s) => json!(s.id()),
                FieldValue::Date(d) => json!(d.map(|d| d.to_string())),
            };
            map.insert(field.id().into(), v);
        }
        let answers: serde_json::Map<String, Value> = lead
            .assessment
            .0
            .iter()
            .map(|(criterion, given)| (criterion.to_string(), json!(given.answer)))
            .collect();
        map.insert("answers".into(), Value::Object(answers));
        value
    }

    /// `list --json` writes [`LeadJson`] and `show --json` builds on [`lead_json`]: both must
    /// be the text LeadQ has always written, exactly.
    #[test]
    fn a_lead_written_straight_is_its_value_written() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let mut leads: Vec<Lead> = (0..300)
            .map(|i| crate::corpus::corpus_lead(&fw, &rules, 7, i))
            .collect();
        let now = "2026-11-27T09:00:00.123456789Z".parse().unwrap();
        let mut odd = Lead::new(uuid::Uuid::nil(), now);
        odd.company = "Müller \"&\" Söhne\nGmbH\t\u{1}\u{7f} 漢字 😀".into();
        odd.notes = "\\ back\\slash / and </script>".into();
        odd.revenue_meur = Some(5.0);
        odd.assessment.set_answer("champion", "strong");
        leads.push(odd);
        let mut bare = Lead::new(uuid::Uuid::from_u128(u128::MAX), now);
        bare.revenue_meur = Some(1e-7);
        leads.push(bare);
        for lead in &leads {
            let eval = lead.evaluate(&fw, &rules);
            let brief = eval.brief();
            let straight = serde_json::to_string_pretty(&LeadJson {
                lead,
                brief: &brief,
            })
            .unwrap();
            let value = serde_json::to_string_pretty(&as_always(lead, &eval)).unwrap();
            assert_eq!(straight, value);
            assert_eq!(lead_json(lead, &eval), as_always(lead, &eval));
        }
    }
}
