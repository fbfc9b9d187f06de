//! A framework that is not yet the folder's: a template picked in Settings → Framework, the
//! editor's draft, or a framework file a manager mailed. What it would do to the team's leads
//! (which class each lead moves to) and its problems are worked out when the draft or the leads
//! change, not in every frame: a folder of 100,000 leads takes a while to score.

use crate::domain::{Class, Lang, Template, TemplateError, evaluate};

use super::Model;

pub struct FrameworkDraft {
    template: Template,
    problems: Vec<TemplateError>,
    /// Per lead: its class now, and with this draft (`None`: not rated). Empty while the draft
    /// has problems.
    changes: Vec<(Option<Class>, Option<Class>)>,
    /// How many leads change class, and per class how many before and after ("A 3 → 1, …"):
    /// counted with `changes`, since the window shows them in every frame.
    moved: usize,
    /// "A 3 → 1, …" in each language of [`Lang::ALL`], in its order.
    moves: Vec<String>,
    /// The model's [`Model::changes`] the classes were counted at.
    counted_at: u64,
}

impl FrameworkDraft {
    pub fn new(template: Template, model: &Model) -> FrameworkDraft {
        let mut draft = FrameworkDraft {
            problems: template.problems(),
            template,
            changes: Vec::new(),
            moved: 0,
            moves: Vec::new(),
            counted_at: 0,
        };
        draft.count(model);
        draft
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    /// Takes an edit: problems are checked again, classes recounted only when what scores
    /// changed (a renamed label or a new open question moves no lead).
    pub fn edit(&mut self, template: Template, model: &Model) {
        let rescore = !same_scoring(&self.template, &template);
        self.problems = template.problems();
        self.template = template;
        if rescore {
            self.count(model);
        }
    }

    /// Recounts the classes when the leads or the folder's framework changed since (a teammate's
    /// edit arrived, an undo, a switch).
    pub fn refresh(&mut self, model: &Model) {
        if self.counted_at != model.changes() {
            self.count(model);
        }
    }

    fn count(&mut self, model: &Model) {
        self.counted_at = model.changes();
        self.changes = if self.problems.is_empty() {
            let (fw, rules) = (&self.template.framework, &self.template.rules);
            model
                .entries()
                .iter()
                .map(|e| {
                    let after = evaluate(fw, rules, &e.lead.assessment);
                    (e.brief.rated_class(), after.rated_class())
                })
                .collect()
        } else {
            Vec::new()
        };
        self.moved = self.changes.iter().filter(|(b, a)| b != a).count();
        self.moves = Lang::ALL
            .iter()
            .map(|&lang| crate::i18n::class_moves(lang, &self.changes))
            .collect();
    }

    pub fn problems(&self) -> &[TemplateError] {
        &self.problems
    }

    /// Per lead its class now and with this draft (for "A 3 → 1, …").
    pub fn changes(&self) -> &[(Option<Class>, Option<Class>)] {
        &self.changes
    }

    /// How many leads would change class.
    pub fn moved(&self) -> usize {
        self.moved
    }

    /// Per class how many leads it has now and would have: "A 3 → 1, B 2 → 4, C 5 → 5".
    pub fn moves(&self, lang: Lang) -> &str {
        Lang::ALL
            .iter()
            .position(|&l| l == lang)
            .and_then(|i| self.moves.get(i))
            .map_or("", String::as_str)
    }

    /// Whether it differs from the folder's framework and rules.
    pub fn is_change(&self, model: &Model) -> bool {
        self.template.framework != *model.framework() || self.template.rules != *model.rules()
    }

    /// Whether Save can make it the folder's framework.
    pub fn can_save(&self, model: &Model) -> bool {
        self.problems.is_empty() && self.is_change(model) && !model.is_read_only()
    }

    pub fn into_template(self) -> Template {
        self.template
    }
}

/// Whether two frameworks score every lead alike: the same criteria and answers by id, with
/// the same points and knockouts, and the same class rules. Labels, questions and open
/// questions do not count.
fn same_scoring(a: &Template, b: &Template) -> bool {
    a.rules == b.rules && scoring(a) == scoring(b)
}

/// An answer as it scores: its id, points and whether it is a knockout.
type Scored<'a> = (&'a str, u32, bool);

/// Per criterion its id and its answers as they score.
fn scoring(t: &Template) -> Vec<(&str, Vec<Scored<'_>>)> {
    t.framework
        .criteria
        .iter()
        .map(|c| {
            let options = c
                .options
                .iter()
                .map(|o| (o.id.as_str(), o.points, o.knockout))
                .collect();
            (c.id.as_str(), options)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lead, template};

    fn lead(answers: &[(&str, &str)]) -> Lead {
        let mut lead = Lead::new(uuid::Uuid::new_v4(), jiff::Timestamp::UNIX_EPOCH);
        lead.company = "Müller AG".into();
        for (criterion, answer) in answers {
            lead.assessment.set_answer(criterion, answer);
        }
        lead
    }

    fn model_with(leads: Vec<Lead>) -> (Model, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::LeadStore::open(dir.path()).unwrap();
        let team = crate::store::load_team_settings(dir.path()).unwrap();
        let worker = super::super::Worker::start(store, Box::new(|| {}));
        (Model::new(team, leads, Vec::new(), worker), dir)
    }

    #[test]
    fn counts_on_scoring_edits_and_lead_changes_not_on_label_edits() {
        let (model, _dir) = model_with(vec![lead(&[
            ("budget", "planned"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "under_3_months"),
        ])]);
        let bant = template("bant").unwrap().clone();
        let mut draft = FrameworkDraft::new(bant.clone(), &model);
        assert_eq!(draft.changes(), [(Some(Class::A), Some(Class::A))]);
        assert_eq!(draft.moved(), 0);
        assert!(!draft.is_change(&model) && !draft.can_save(&model));

        // An A needs 101 points: every lead would be B at most, and that is a problem.
        let mut impossible = bant.clone();
        impossible.rules.rule_for_mut(Class::A).unwrap().min_score = 101;
        draft.edit(impossible, &model);
        assert!(!draft.problems().is_empty());
        assert!(draft.changes().is_empty() && !draft.can_save(&model));

        // 90 points: an A today, a B when an A needs 95.
        let mut stricter = bant.clone();
        stricter.rules.rule_for_mut(Class::A).unwrap().min_score = 95;
        draft.edit(stricter.clone(), &model);
        assert!(draft.problems().is_empty());
        assert_eq!(draft.changes(), [(Some(Class::A), Some(Class::B))]);
        assert_eq!(draft.moved(), 1);
        assert_eq!(draft.moves(Lang::De), "A 1 → 0, B 0 → 1, C 0 → 0");
        assert!(draft.can_save(&model));

        // A new label is no reason to score 1 lead (or 100,000) again.
        let mut renamed = stricter;
        renamed.framework.criteria[0].name.de = "Geld".into();
        draft.changes.clear();
        draft.edit(renamed, &model);
        assert!(draft.changes().is_empty(), "counted again for a label");
        assert!(draft.can_save(&model));
    }

    #[test]
    fn a_lead_added_after_the_draft_is_counted_on_refresh() {
        let (mut model, _dir) = model_with(vec![lead(&[("budget", "approved")])]);
        let draft_template = template("meddic").unwrap().clone();
        let mut draft = FrameworkDraft::new(draft_template, &model);
        assert_eq!(draft.changes().len(), 1);
        let id = model.new_lead();
        model.edit(
            id,
            crate::app::Edit::text(crate::domain::Field::Company, "Zweite GmbH".into()),
        );
        draft.refresh(&model);
        assert_eq!(draft.changes().len(), 2);
    }
}
