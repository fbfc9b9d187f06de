//! The window's state without egui: the leads with their cached evaluations, selection, banners
//! and undo; every change goes through here and is handed to the worker to be saved.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;

use uuid::Uuid;

use super::list_view::{Entry, ListView, Sorted, narrow, narrows, place, search_text, visible};

/// Up to how many leads changed in place the list places one by one (else filters them all).
const PLACE_AT_MOST: usize = 64;
use super::undo::{Step, UndoStack};
use super::worker::{Job, Outcome, Worker};
use crate::domain::{
    Classification, Due, Evaluation, Field, Framework, Lead, Merge, Pipeline, Source, Stage,
    UnknownId, Value, WhatIf, merge_leads, what_if,
};
use crate::store::{FileProblem, TeamSettings};

/// How a click on a list row picks leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Only this lead.
    Only,
    /// Add it to the picked leads, or take it out (Ctrl/Cmd+click).
    Toggle,
    /// All leads from the last plain click to this one (Shift+click, Shift+arrows).
    Range,
}

/// One change the rep makes to a lead.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// One general field (see [`Field`]).
    Set(Field, Value),
    Answer {
        criterion: String,
        answer: String,
    },
    CriterionNote {
        criterion: String,
        note: String,
    },
}

impl Edit {
    /// A free-text field, as typed.
    pub fn text(field: Field, text: String) -> Edit {
        Edit::Set(field, Value::Text(text))
    }

    /// Text edits of one field merge into one undo step; picks stay separate steps.
    fn merge_key(&self) -> Option<String> {
        match self {
            Edit::Set(field, _) if field.is_text() || *field == Field::Revenue => {
                Some(field.id().to_owned())
            }
            Edit::CriterionNote { criterion, .. } => Some(format!("note:{criterion}")),
            _ => None,
        }
    }
}

/// A problem the rep must see until it is solved or dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Banner {
    /// Files that could not be loaded.
    FileProblems(Vec<FileProblem>),
    /// A save, move or settings write that failed; the lead stays in memory.
    WriteFailed(crate::i18n::Localized),
    /// framework.ron / classification.ron that could not be used.
    TeamSettings(Vec<crate::store::TeamProblem>),
    /// Another LeadQ holds the folder: this window only reads.
    ReadOnly(String),
    /// Copies a sync tool made of conflicting edits, waiting for the rep to pick one.
    SyncConflicts(Vec<std::path::PathBuf>),
    /// A lead changed here and outside at once; the outside version is shown, ours kept here.
    Conflict {
        name: String,
        ours: std::path::PathBuf,
    },
    /// Leads deleted on another machine while edited here: live, with a copy in `trash/`.
    DeletedElsewhere {
        names: Vec<(Uuid, String)>,
        trash: std::path::PathBuf,
    },
    /// Leads naming answers or criteria the framework does not know (a typo in a hand edit):
    /// scored as unknown, kept in the file as written.
    UnknownAnswers(Vec<UnknownAnswer>),
}

/// One answer or criterion id of a lead that the framework does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownAnswer {
    pub lead: Uuid,
    pub name: String,
    pub id: UnknownId,
}

pub struct Model {
    framework: Framework,
    rules: Classification,
    entries: Vec<Entry>,
    index: HashMap<Uuid, usize>,
    selected: Option<Uuid>,
    undo: UndoStack,
    worker: Worker,
    view: ListView,
    visible: Vec<usize>,
    view_dirty: bool,
    /// The view `visible` was made for (`None`: not made yet).
    shown_view: Option<ListView>,
    /// Leads changed in place since `visible` was made: placed again one by one.
    touched: Vec<usize>,
    /// Every lead in the list's sort order, for the next search.
    sorted: Sorted,
    /// Some leads have no search text yet ([`Entry::haystack`]): made a slice per frame after
    /// the window's first ([`Model::index_search_step`]), all at once when a search starts.
    unindexed: bool,
    /// Where the next slice starts.
    index_from: usize,
    trash: Vec<Lead>,
    pub banners: Vec<Banner>,
    /// Bumped on every change from outside the form (undo, redo, selection), so the form can
    /// reset its text buffers.
    revision: u64,
    /// Bumped on every change of any lead or rule; keys the selected lead's cache.
    changes: u64,
    /// The selected lead's whole evaluation and what-if (the entries keep only briefs), worked
    /// out once per change, not every frame: (lead, `changes`, evaluation, what-if).
    selected_cache: Option<(Uuid, u64, Evaluation, Option<WhatIf>)>,
    /// The industry suggestions, counted as leads come, change and go.
    industries: super::industries::Industries,
    /// Another LeadQ holds the folder: nothing is written from this window.
    read_only: bool,
    /// Leads from a newer LeadQ: shown, never written.
    read_only_ids: HashSet<Uuid>,
    /// The criterion the rep last answered or annotated, and on which lead.
    working_on: Option<(Uuid, String)>,
    /// Several leads picked with Ctrl/Shift for a batch action (empty or at least two).
    marked: Vec<Uuid>,
    /// Where a Shift-click range starts: the last lead clicked alone.
    anchor: Option<Uuid>,
    /// The overview's numbers, with what they were counted for: (changes, view, whole folder).
    pipeline_cache: Option<((u64, ListView, bool), Pipeline)>,
    /// Leads with edits not yet confirmed on disk, each with the version on disk they started
    /// from (`None`: no file yet). A change from outside is merged against it.
    bases: HashMap<Uuid, Option<Lead>>,
    /// Where the trash is, for the banner about leads deleted elsewhere.
    trash_dir: std::path::PathBuf,
}

impl Model {
    pub fn new(
        team: TeamSettings,
        leads: Vec<Lead>,
        problems: Vec<FileProblem>,
        worker: Worker,
    ) -> Model {
        let TeamSettings {
            framework,
            rules,
            problems: team_problems,
        } = team;
        let entries = Entry::many(leads, &framework, &rules);
        let trash_dir = worker.trash_dir().to_path_buf();
        let mut banners = Vec::new();
        let (sync, problems): (Vec<FileProblem>, Vec<FileProblem>) = problems
            .into_iter()
            .partition(|p| p.kind == crate::store::ProblemKind::SyncConflict);
        if !problems.is_empty() {
            banners.push(Banner::FileProblems(problems));
        }
        if !sync.is_empty() {
            banners.push(Banner::SyncConflicts(
                sync.into_iter().map(|p| p.file).collect(),
            ));
        }
        if !team_problems.is_empty() {
            banners.push(Banner::TeamSettings(team_problems));
        }
        // On all cores (100,000 leads); a lead whose check panicked is checked again here, alone.
        let unknown: Vec<UnknownAnswer> =
            crate::parallel::map(&entries, 4096, |e| unknown_answers(&e.lead, &framework))
                .into_iter()
                .zip(&entries)
                .flat_map(|(found, e)| {
                    found.unwrap_or_else(|_| unknown_answers(&e.lead, &framework))
                })
                .collect();
        if !unknown.is_empty() {
            banners.push(Banner::UnknownAnswers(unknown));
        }
        let mut model = Model {
            framework,
            rules,
            entries,
            index: HashMap::new(),
            selected: None,
            undo: UndoStack::default(),
            worker,
            view: ListView::default(),
            visible: Vec::new(),
            view_dirty: true,
            shown_view: None,
            touched: Vec::new(),
            sorted: Sorted::default(),
            unindexed: true,
            index_from: 0,
            trash: Vec::new(),
            banners,
            revision: 0,
            changes: 0,
            selected_cache: None,
            industries: super::industries::Industries::default(),
            read_only: false,
            read_only_ids: HashSet::new(),
            working_on: None,
            marked: Vec::new(),
            anchor: None,
            pipeline_cache: None,
            bases: HashMap::new(),
            trash_dir,
        };
        model.reindex();
        for e in &model.entries {
            model.industries.add(&e.lead.industry);
        }
        model.industries.refresh();
        model.refresh_view();
        let first = model.visible().first().copied();
        model.selected = first.and_then(|i| model.entries.get(i)).map(|e| e.lead.id);
        model
    }

    fn reindex(&mut self) {
        self.index = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.lead.id, i))
            .collect();
        self.view_dirty = true;
    }

    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    pub fn rules(&self) -> &Classification {
        &self.rules
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, id: Uuid) -> Option<&Entry> {
        self.index.get(&id).and_then(|&i| self.entries.get(i))
    }

    pub fn selected(&self) -> Option<&Entry> {
        self.selected.and_then(|id| self.entry(id))
    }

    pub fn selected_id(&self) -> Option<Uuid> {
        self.selected
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Counts changes to leads and to the framework (not selection): what a count over all
    /// leads is cached by.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    pub fn select(&mut self, id: Option<Uuid>) {
        if self.selected != id {
            self.selected = id;
            self.undo.seal();
            self.revision += 1;
        }
        if id.is_none_or(|id| !self.marked.contains(&id)) {
            self.marked.clear();
        }
    }

    /// A click on a list row: alone, with Ctrl/Cmd (add or remove it from the selection) or with
    /// Shift (everything between the last plain click and it, in list order).
    pub fn pick(&mut self, id: Uuid, pick: Pick) {
        match pick {
            Pick::Only => {
                self.marked.clear();
                self.anchor = Some(id);
                self.select(Some(id));
            }
            Pick::Toggle => {
                if self.marked.is_empty()
                    && let Some(current) = self.selected
                {
                    self.marked.push(current);
                }
                if let Some(at) = self.marked.iter().position(|&m| m == id) {
                    self.marked.remove(at);
                    let next = self.marked.last().copied();
                    self.select(next);
                } else {
                    self.marked.push(id);
                    self.select(Some(id));
                }
                if self.marked.len() < 2 {
                    self.marked.clear();
                }
            }
            Pick::Range => {
                let anchor = self.anchor.or(self.selected).unwrap_or(id);
                self.refresh_view();
                let rows: Vec<Uuid> = self
                    .visible
                    .iter()
                    .filter_map(|&i| self.entries.get(i))
                    .map(|e| e.lead.id)
                    .collect();
                let (Some(a), Some(b)) = (
                    rows.iter().position(|&r| r == anchor),
                    rows.iter().position(|&r| r == id),
                ) else {
                    return self.pick(id, Pick::Only);
                };
                let range = &rows[a.min(b)..=a.max(b)];
                self.marked = if range.len() > 1 {
                    range.to_vec()
                } else {
                    Vec::new()
                };
                self.select(Some(id));
            }
        }
    }

    /// The leads a batch action applies to: the picked ones in list order, or the selected one.
    pub fn selection(&self) -> Vec<Uuid> {
        if self.marked.len() > 1 {
            let order: HashMap<Uuid, usize> = self
                .visible
                .iter()
                .enumerate()
                .filter_map(|(pos, &i)| self.entries.get(i).map(|e| (e.lead.id, pos)))
                .collect();
            let mut ids: Vec<Uuid> = self
                .marked
                .iter()
                .copied()
                .filter(|id| self.index.contains_key(id))
                .collect();
            ids.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
            ids
        } else {
            self.selected.into_iter().collect()
        }
    }

    /// Whether `id` is one of several picked leads (drawn as selected in the list).
    pub fn is_picked(&self, id: Uuid) -> bool {
        self.marked.len() > 1 && self.marked.contains(&id)
    }

    /// Moves the selection `step` rows down (negative: up) the list as shown; returns whether it
    /// moved. With nothing selected, the first row is selected.
    pub fn select_step(&mut self, step: isize) -> bool {
        let target = self.step_target(step);
        if target.is_none() || target == self.selected {
            return false;
        }
        self.marked.clear();
        self.anchor = target;
        self.select(target);
        true
    }

    /// The lead `step` rows below (negative: above) the selected one in the list as shown,
    /// stopping at the ends; the first row when nothing is selected.
    pub fn step_target(&mut self, step: isize) -> Option<Uuid> {
        let selected = self.selected;
        self.refresh_view();
        let visible = &self.visible;
        let here = selected.and_then(|id| {
            visible
                .iter()
                .position(|&i| self.entries.get(i).is_some_and(|e| e.lead.id == id))
        });
        let target = match here {
            Some(i) => i
                .saturating_add_signed(step)
                .min(visible.len().saturating_sub(1)),
            None => 0,
        };
        visible
            .get(target)
            .and_then(|&i| self.entries.get(i))
            .map(|e| e.lead.id)
    }

    /// The open criterion of the selected lead whose questions the result panel unfolds: the
    /// one the rep is working on, or else the next unknown one after it in the framework's
    /// order (so answering Budget unfolds Authority), or else the first unknown one.
    pub fn focus_criterion(&self) -> Option<&str> {
        let entry = self.selected()?;
        let criteria = &self.framework.criteria;
        let start = self
            .working_on
            .as_ref()
            .filter(|(id, _)| *id == entry.lead.id)
            .and_then(|(_, c)| criteria.iter().position(|k| k.id == *c))
            .unwrap_or(0);
        let n = criteria.len();
        (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| entry.brief.is_unknown(i))
            .map(|i| criteria[i].id.as_str())
    }

    /// Industries already used, for suggestions in the form (most used first).
    pub fn industries(&self) -> &[String] {
        self.industries.sorted()
    }

    /// Counts the overview's numbers for the whole folder (`whole`) or for what the list shows,
    /// once per change of the leads or the list's filters; [`Model::pipeline`] then reads them.
    /// The window calls it before drawing while the overview is shown.
    pub fn count_pipeline(&mut self, whole: bool) {
        let key = (self.changes, self.view.clone(), whole);
        if self.pipeline_cache.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        self.refresh_view();
        let criteria: Vec<&str> = self
            .framework
            .criteria
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let today = crate::clock::today();
        let pipeline = if whole {
            Pipeline::count(
                self.entries.iter().map(|e| (&e.lead, &e.brief)),
                &criteria,
                today,
            )
        } else {
            Pipeline::count(
                self.visible
                    .iter()
                    .filter_map(|&i| self.entries.get(i))
                    .map(|e| (&e.lead, &e.brief)),
                &criteria,
                today,
            )
        };
        self.pipeline_cache = Some((key, pipeline));
    }

    /// The overview's numbers as [`Model::count_pipeline`] last counted them, and whether they
    /// are for the whole folder.
    pub fn pipeline(&self) -> Option<(&Pipeline, bool)> {
        self.pipeline_cache
            .as_ref()
            .map(|((_, _, whole), p)| (p, *whole))
    }

    /// How many follow-ups in the whole folder are due today or overdue.
    pub fn due_follow_ups(&self) -> usize {
        let today = crate::clock::today();
        self.entries
            .iter()
            .filter(|e| Due::is_due(e.lead.follow_up, today))
            .count()
    }

    // ----- the list -----

    pub fn view(&self) -> &ListView {
        &self.view
    }

    /// Shows the list with other filters, search or order; the rows are filtered at once.
    pub fn set_view(&mut self, view: ListView) {
        self.view = view;
        self.refresh_view();
    }

    /// Brings what the window draws up to date after changes: the rows of the list and the
    /// selected lead's what-if. The window calls it after taking in the worker's news and after
    /// its actions, so that drawing needs no `&mut`.
    pub fn refresh(&mut self) {
        self.refresh_view();
        self.industries.refresh();
        let key = self.selected().map(|e| (e.lead.id, self.changes));
        let stale = match (&self.selected_cache, key) {
            (Some((id, at, ..)), Some(key)) => (*id, *at) != key,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if stale && let Some(entry) = self.selected() {
            let eval = entry.evaluate(&self.framework, &self.rules);
            let hint = what_if(&self.framework, &self.rules, &entry.lead.assessment);
            self.selected_cache = Some((entry.lead.id, self.changes, eval, hint));
        }
    }

    /// Brings the list's rows up to date: leads edited in place are placed again one by one
    /// (binary search), a search that only grew narrows the rows shown, anything else filters
    /// and sorts every lead again.
    fn refresh_view(&mut self) {
        if self.unindexed && !self.view.query.trim().is_empty() {
            self.index_search(0..self.entries.len());
        }
        let touched = std::mem::take(&mut self.touched);
        if self.view_dirty || touched.len() > PLACE_AT_MOST {
            self.sorted.clear();
        } else if !touched.is_empty() {
            self.sorted.place(&self.entries, &touched, &self.framework);
        }
        let shown = self.shown_view.as_ref().filter(|_| !self.view_dirty);
        match shown {
            // Many at once (an import): one full pass is cheaper than many insertions.
            Some(shown) if *shown == self.view && touched.len() <= PLACE_AT_MOST => {
                place(
                    &self.entries,
                    &mut self.visible,
                    &touched,
                    &self.view,
                    &self.framework,
                );
                return;
            }
            Some(shown) if touched.is_empty() && narrows(shown, &self.view) => {
                self.visible = narrow(&self.entries, &self.visible, shown, &self.view);
            }
            _ => {
                self.visible =
                    visible(&self.entries, &self.view, &self.framework, &mut self.sorted);
            }
        }
        self.shown_view = Some(self.view.clone());
        self.view_dirty = false;
    }

    /// The leads the list shows (indexes into [`Model::entries`]), filtered and sorted as of
    /// the last [`Model::refresh`].
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    // ----- changes -----

    fn now() -> Timestamp {
        crate::clock::now()
    }

    /// Has the worker check the folder now that the leads are here (see [`Job::Startup`]);
    /// `owner`: this window holds the folder's lock.
    pub fn check_folder(&self, owner: bool) {
        self.worker.send(Job::Startup { owner });
    }

    /// Makes the window read-only (another LeadQ writes to the folder) or marks single leads
    /// read-only (files from a newer LeadQ).
    pub fn set_read_only(
        &mut self,
        held_by_other: Option<String>,
        ids: impl IntoIterator<Item = Uuid>,
    ) {
        self.read_only_ids.extend(ids);
        if let Some(folder) = held_by_other {
            self.read_only = true;
            self.banners.push(Banner::ReadOnly(folder));
        }
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether edits to this lead may be made (and saved).
    pub fn can_edit(&self, id: Uuid) -> bool {
        !self.read_only && !self.read_only_ids.contains(&id)
    }

    /// Creates an empty lead, selects it and returns its id.
    pub fn new_lead(&mut self) -> Uuid {
        let lead = Lead::new(crate::clock::new_id(), Self::now());
        self.insert_new(lead)
    }

    pub fn add_example_lead(&mut self) -> Uuid {
        let lead = example_lead(
            &self.framework,
            &self.rules,
            crate::clock::new_id(),
            Self::now(),
        );
        self.insert_new(lead)
    }

    pub fn duplicate(&mut self, id: Uuid) -> Option<Uuid> {
        let source = self.entry(id)?.lead.clone();
        let now = Self::now();
        let mut copy = Lead {
            id: crate::clock::new_id(),
            created: now,
            updated: now,
            history: Vec::new(),
            ..source
        };
        copy.company = format!("{} (2)", copy.company.trim());
        Some(self.insert_new(copy))
    }

    fn insert_new(&mut self, lead: Lead) -> Uuid {
        let id = lead.id;
        if self.read_only {
            return id;
        }
        self.undo.push(Step {
            id,
            before: None,
            after: Some(lead.clone()),
            merge_key: None,
        });
        self.put(lead);
        self.select(Some(id));
        id
    }

    /// Applies one edit, re-evaluates the lead and schedules its save.
    pub fn edit(&mut self, id: Uuid, edit: Edit) {
        if let Some(step) = self.apply(id, edit) {
            self.undo.push(step);
        }
    }

    /// Applies one edit to each of `ids` as one undo step (a batch action on several leads).
    /// Saved as one batch, all or none on disk (`store/journal.rs`).
    pub fn edit_many(&mut self, ids: &[Uuid], edit: &Edit) {
        let mut batch = Vec::with_capacity(ids.len());
        let steps: Vec<Step> = ids
            .iter()
            .filter_map(|&id| {
                let (lead, mut step) = self.change(id, edit.clone())?;
                batch.push((lead.clone(), self.base_for(id)));
                self.put_without_save(lead);
                step.merge_key = None;
                Some(step)
            })
            .collect();
        if !batch.is_empty() {
            self.worker.send(Job::SaveBatch(batch));
        }
        self.undo.push_group(steps);
    }

    /// Changes one lead and schedules its save; returns the undo step, or `None` when nothing
    /// changed (or the lead may not be edited).
    fn apply(&mut self, id: Uuid, edit: Edit) -> Option<Step> {
        let (lead, step) = self.change(id, edit)?;
        self.put(lead);
        Some(step)
    }

    /// The lead `edit` makes of lead `id`, and the undo step, without keeping or saving it;
    /// `None` when nothing changes (or the lead may not be edited).
    fn change(&mut self, id: Uuid, edit: Edit) -> Option<(Lead, Step)> {
        if !self.can_edit(id) {
            return None;
        }
        let &i = self.index.get(&id)?;
        let before = self.entries[i].lead.clone();
        let mut lead = before.clone();
        let now = Self::now();
        let merge_key = edit.merge_key();
        if let Edit::Answer { criterion, .. } | Edit::CriterionNote { criterion, .. } = &edit {
            self.working_on = Some((id, criterion.clone()));
        }
        match edit {
            Edit::Set(field, value) => {
                lead.set(field, value);
            }
            Edit::Answer { criterion, answer } => {
                lead.set_answer(&self.framework, &self.rules, &criterion, &answer, now);
            }
            Edit::CriterionNote { criterion, note } => lead.assessment.set_note(&criterion, &note),
        }
        if lead == before {
            return None;
        }
        lead.updated = now;
        let step = Step {
            id,
            before: Some(before),
            after: Some(lead.clone()),
            merge_key,
        };
        Some((lead, step))
    }

    /// The leads here by the keys an import finds duplicates by (CRM id, e-mail, name).
    pub fn lead_index(&self) -> crate::exchange::LeadIndex {
        crate::exchange::LeadIndex::new(self.entries().iter().map(|e| &e.lead))
    }

    /// Imports a previewed file's rows as one undo step: a row with the id of a lead here
    /// updates it, a duplicate does what the rep chose for it, every other row is a new lead.
    /// Returns (created, updated, skipped); leads from a newer LeadQ are skipped, never
    /// overwritten. Nothing happens in a read-only window.
    pub fn import(&mut self, session: &super::ImportSession) -> (usize, usize, usize) {
        let rows = &session.parsed.rows;
        if self.read_only {
            return (0, 0, rows.len());
        }
        let plan = crate::exchange::plan_import(
            |id| self.entry(id).map(|e| &e.lead),
            rows,
            &session.matches,
            |row| session.choice(row),
            &self.framework,
            &self.rules,
            Self::now(),
            crate::clock::new_id,
        );
        let mut steps = Vec::with_capacity(plan.leads.len());
        let mut batch = Vec::with_capacity(plan.leads.len());
        let (mut created, mut updated, mut skipped) = (0, 0, 0);
        for lead in plan.leads {
            let before = self.entry(lead.id).map(|e| e.lead.clone());
            if before.is_some() && !self.can_edit(lead.id) {
                skipped += 1;
                continue;
            }
            if before.is_some() {
                updated += 1;
            } else {
                created += 1;
            }
            steps.push(Step {
                id: lead.id,
                before,
                after: Some(lead.clone()),
                merge_key: None,
            });
            let base = self.base_for(lead.id);
            batch.push((lead.clone(), base));
            self.put_without_save(lead);
        }
        // All or nothing on disk, as `leadq import` (`store/journal.rs`).
        self.worker.send(Job::SaveBatch(batch));
        self.undo.push_group(steps);
        self.revision += 1;
        (created, updated, skipped)
    }

    /// Moves several leads to the trash as one undo step; returns how many.
    pub fn delete_many(&mut self, ids: &[Uuid]) -> usize {
        let steps: Vec<Step> = ids
            .iter()
            .filter_map(|&id| {
                if !self.can_edit(id) {
                    return None;
                }
                let lead = self.entry(id)?.lead.clone();
                self.detach(id);
                Some(Step {
                    id,
                    before: Some(lead),
                    after: None,
                    merge_key: None,
                })
            })
            .collect();
        // All or none on disk (`store/journal.rs`).
        self.worker
            .send(Job::TrashMany(steps.iter().map(|s| s.id).collect()));
        let n = steps.len();
        self.undo.push_group(steps);
        self.marked.clear();
        n
    }

    /// Moves a lead to the trash (undoable).
    pub fn delete(&mut self, id: Uuid) -> Option<String> {
        if !self.can_edit(id) {
            return None;
        }
        let lead = self.entry(id)?.lead.clone();
        let name = lead.display_name().to_owned();
        self.undo.push(Step {
            id,
            before: Some(lead),
            after: None,
            merge_key: None,
        });
        self.remove(id);
        Some(name)
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    pub fn undo(&mut self) -> bool {
        if self.read_only {
            return false;
        }
        let Some(steps) = self.undo.take_undo() else {
            return false;
        };
        for step in steps.iter().rev() {
            self.set_state(step.id, step.before.clone(), step.after.is_none());
        }
        self.undo.undone(steps);
        true
    }

    pub fn redo(&mut self) -> bool {
        if self.read_only {
            return false;
        }
        let Some(steps) = self.undo.take_redo() else {
            return false;
        };
        for step in &steps {
            self.set_state(step.id, step.after.clone(), step.before.is_none());
        }
        self.undo.redone(steps);
        true
    }

    /// Brings a lead back from the trash view.
    pub fn restore(&mut self, lead: Lead) {
        if self.read_only {
            return;
        }
        let id = lead.id;
        if self.index.contains_key(&id) {
            // Live again (deleted on another machine, edited here): restoring the trash copy
            // would overwrite the edit. The banner says what happened instead.
            self.deleted_elsewhere(id);
            return;
        }
        self.trash.retain(|l| l.id != id);
        self.undo.push(Step {
            id,
            before: None,
            after: Some(lead.clone()),
            merge_key: None,
        });
        self.worker.send(Job::Restore(Box::new(lead.clone())));
        self.bases.remove(&id);
        self.put_without_save(lead);
        self.select(Some(id));
    }

    fn set_state(&mut self, id: Uuid, state: Option<Lead>, was_absent: bool) {
        match state {
            Some(lead) if was_absent => {
                // It was deleted (or never existed): bring it back from the trash.
                self.worker.send(Job::Restore(Box::new(lead.clone())));
                self.bases.remove(&id);
                self.put_without_save(lead);
                self.select(Some(id));
            }
            Some(lead) => {
                self.put(lead);
                self.select(Some(id));
            }
            None => self.remove(id),
        }
        self.revision += 1;
    }

    fn put(&mut self, lead: Lead) {
        let base = self.base_for(lead.id).map(Box::new);
        self.worker.send(Job::Save {
            lead: Box::new(lead.clone()),
            base,
        });
        self.put_without_save(lead);
    }

    /// The version on disk a change of lead `id` starts from (`None`: a new lead): remembered
    /// at its first change until the save is confirmed.
    fn base_for(&mut self, id: Uuid) -> Option<Lead> {
        if !self.bases.contains_key(&id) {
            let on_disk = self.entry(id).map(|e| e.lead.clone());
            self.bases.insert(id, on_disk);
        }
        self.bases.get(&id).cloned().flatten()
    }

    fn put_without_save(&mut self, lead: Lead) {
        let before = self
            .index
            .get(&lead.id)
            .and_then(|&i| self.entries.get(i))
            .map(|e| e.lead.unknown_ids(&self.framework));
        let notes = unknown_answers(&lead, &self.framework);
        let changed = before.is_none_or(|ids| !notes.iter().map(|n| &n.id).eq(ids.iter()));
        self.note_unknown_answers(lead.id, notes, changed);
        let entry = Entry::new(lead, &self.framework, &self.rules);
        match self.index.get(&entry.lead.id) {
            Some(&i) => {
                let before = &self.entries[i].lead.industry;
                self.industries.change(before, &entry.lead.industry);
                self.entries[i] = entry;
                self.touched.push(i);
            }
            None => {
                self.industries.add(&entry.lead.industry);
                self.index.insert(entry.lead.id, self.entries.len());
                self.entries.push(entry);
                self.view_dirty = true;
            }
        }
        self.changes += 1;
    }

    fn remove(&mut self, id: Uuid) {
        if self.detach(id) {
            self.worker.send(Job::Trash(id));
        }
    }

    /// Takes a lead off the list (its file is the caller's to move); whether it was there.
    fn detach(&mut self, id: Uuid) -> bool {
        let Some(&i) = self.index.get(&id) else {
            return false;
        };
        // Select the neighbour in the list, as a file manager does.
        let next = {
            self.refresh_view();
            let vis = self.visible.clone();
            let pos = vis.iter().position(|&v| v == i);
            pos.and_then(|p| {
                vis.get(p + 1)
                    .or_else(|| p.checked_sub(1).and_then(|q| vis.get(q)))
                    .copied()
            })
            .and_then(|v| self.entries.get(v))
            .map(|e| e.lead.id)
        };
        let gone = self.entries.remove(i);
        self.industries.remove(&gone.lead.industry);
        self.changes += 1;
        self.reindex();
        self.bases.remove(&id);
        self.note_unknown_answers(id, Vec::new(), true);
        if self.selected == Some(id) {
            self.select(next);
        }
        true
    }

    /// Keeps the unknown-answers banner in step with one lead: its notes replace the lead's old
    /// ones; the banner goes when no lead has any left. A dismissed banner comes back only when
    /// a lead's unknown ids `changed` (a new typo), not on every edit of a lead that has one.
    fn note_unknown_answers(&mut self, id: Uuid, notes: Vec<UnknownAnswer>, changed: bool) {
        let banner = self.banners.iter_mut().find_map(|b| match b {
            Banner::UnknownAnswers(list) => Some(list),
            _ => None,
        });
        match banner {
            Some(list) => {
                list.retain(|n| n.lead != id);
                list.extend(notes);
            }
            None if changed && !notes.is_empty() => {
                self.banners.push(Banner::UnknownAnswers(notes));
            }
            None => {}
        }
        self.banners
            .retain(|b| !matches!(b, Banner::UnknownAnswers(list) if list.is_empty()));
    }

    /// Switches the team's framework and class rules (Settings → Framework): every lead is
    /// scored again at once, the worker writes `framework.ron` and `classification.ron` into
    /// the data folder (the team's synced folder carries it to everyone). Answers to criteria
    /// the new framework lacks stay in the leads and count again after a switch back.
    pub fn set_framework(&mut self, template: crate::domain::Template) {
        if self.read_only || (template.framework == self.framework && template.rules == self.rules)
        {
            return;
        }
        self.framework = template.framework.clone();
        self.rules = template.rules.clone();
        for entry in &mut self.entries {
            entry.brief = entry.lead.evaluate(&self.framework, &self.rules).brief();
        }
        self.changes += 1;
        self.revision += 1;
        self.view_dirty = true;
        self.worker.send(Job::SaveFramework(Box::new(template)));
    }

    /// Changes the classification rules (settings window): every lead is re-classified at once.
    pub fn set_rules(&mut self, rules: Classification) {
        if self.read_only {
            return;
        }
        if rules == self.rules || rules.validate(&self.framework).is_err() {
            return;
        }
        self.rules = rules.clone();
        for entry in &mut self.entries {
            entry.brief = entry.lead.evaluate(&self.framework, &self.rules).brief();
        }
        self.changes += 1;
        self.view_dirty = true;
        self.worker.send(Job::SaveRules(rules));
    }

    /// The selected lead's whole evaluation, as of the last [`Model::refresh`].
    pub fn selected_evaluation(&self) -> Option<&Evaluation> {
        self.selected_cached().map(|(eval, _)| eval)
    }

    /// The what-if hint for the selected lead, as of the last [`Model::refresh`].
    pub fn selected_what_if(&self) -> Option<&WhatIf> {
        self.selected_cached().and_then(|(_, hint)| hint.as_ref())
    }

    fn selected_cached(&self) -> Option<(&Evaluation, &Option<WhatIf>)> {
        let entry = self.selected()?;
        match &self.selected_cache {
            Some((id, _, eval, hint)) if *id == entry.lead.id => Some((eval, hint)),
            _ => None,
        }
    }

    // ----- the trash -----

    pub fn request_trash(&self) {
        self.worker.send(Job::LoadTrash);
    }

    pub fn trash(&self) -> &[Lead] {
        &self.trash
    }

    pub fn send(&self, job: Job) {
        self.worker.send(job);
    }

    /// Whether every lead has its search text (see [`Model::index_search_step`]).
    pub fn search_ready(&self) -> bool {
        !self.unindexed
    }

    /// Makes the search texts the leads still lack, a slice at a time: call once per frame
    /// after the first, while it returns `true` (more to do). The list's first frame at 100,000
    /// leads does not wait for 100,000 search texts; a search started before they are all made
    /// makes the rest at once.
    pub fn index_search_step(&mut self) -> bool {
        /// Leads a frame: under 10 ms on two cores.
        const SLICE: usize = 8_192;
        if !self.unindexed {
            return false;
        }
        let len = self.entries.len();
        let from = self.index_from.min(len);
        let to = (from + SLICE).min(len);
        self.index_search(from..to);
        self.index_from = to;
        if to == len {
            // Leads removed meanwhile shift the rest: look again from the start.
            self.index_from = 0;
            self.unindexed = self.entries.iter().any(|e| e.haystack.is_none());
        }
        self.unindexed
    }

    /// Makes the missing search texts of the entries `range` on all cores; when that is all of
    /// them, none is missing any more.
    fn index_search(&mut self, range: std::ops::Range<usize>) {
        let whole = range == (0..self.entries.len());
        let Some(slice) = self.entries.get_mut(range) else {
            return;
        };
        let made = crate::parallel::map(slice, 2048, |e| {
            e.haystack.is_none().then(|| search_text(&e.lead))
        });
        for (entry, made) in slice.iter_mut().zip(made) {
            if entry.haystack.is_none() {
                // A lead whose text could not be made on another thread is made here, alone.
                entry.haystack = Some(
                    made.ok()
                        .flatten()
                        .unwrap_or_else(|| search_text(&entry.lead)),
                );
            }
        }
        if whole {
            self.unindexed = false;
        }
    }

    /// Takes in what the worker finished; call once per frame.
    pub fn poll(&mut self) {
        for outcome in self.worker.poll() {
            self.take(outcome);
        }
    }

    fn take(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved(lead) => {
                self.banners
                    .retain(|b| !matches!(b, Banner::WriteFailed(_)));
                self.saved(*lead);
            }
            Outcome::SyncCopyAppeared(path) => self.add_sync_copy(path),
            Outcome::SyncCopyGone(path) => self.drop_sync_copy(&path),
            Outcome::LiveAndTrashed(id) => self.deleted_elsewhere(id),
            Outcome::Trashed(_) | Outcome::Restored(_) => {}
            Outcome::Trash(mut leads) => {
                leads.sort_by_key(|l| std::cmp::Reverse(l.updated));
                self.trash = leads;
            }
            Outcome::Failed(message) => {
                self.banners
                    .retain(|b| !matches!(b, Banner::WriteFailed(_)));
                self.banners.push(Banner::WriteFailed(message));
            }
            Outcome::Reloaded(lead) => self.outside_change(lead),
            Outcome::SyncConflictResolved(copy, lead) => {
                self.drop_sync_copy(&copy);
                if let Some(lead) = lead {
                    self.put_without_save(lead);
                    self.revision += 1;
                }
            }
            // Removed elsewhere while edited here: the waiting save brings it back (and the
            // trash check then names it); otherwise the list follows.
            Outcome::Removed(id) if self.bases.contains_key(&id) => {}
            Outcome::Removed(id) => {
                if let Some(&i) = self.index.get(&id) {
                    let gone = self.entries.remove(i);
                    self.industries.remove(&gone.lead.industry);
                    self.changes += 1;
                    self.reindex();
                    if self.selected == Some(id) {
                        self.selected = None;
                        self.revision += 1;
                    }
                }
            }
            Outcome::Conflict { id, disk, ours } => {
                let name = disk
                    .as_ref()
                    .or_else(|| self.entry(id).map(|e| &e.lead))
                    .map(|l| l.display_name().to_owned())
                    .unwrap_or_default();
                if let Some(lead) = disk {
                    self.put_without_save(lead);
                    self.revision += 1;
                }
                self.banners.push(Banner::Conflict { name, ours });
            }
        }
    }

    /// Waits until everything sent to the worker is on disk (tests, benchmarks, closing),
    /// including the saves of merges the answers lead to.
    pub fn flush(&mut self) {
        for _ in 0..5 {
            for outcome in self.worker.flush_blocking() {
                self.take(outcome);
            }
            if self.bases.is_empty() {
                break;
            }
        }
    }

    /// The worker wrote `lead`: that is the version on disk now.
    fn saved(&mut self, lead: Lead) {
        let id = lead.id;
        if !self.bases.contains_key(&id) {
            return;
        }
        if self.entry(id).is_some_and(|e| e.lead == lead) {
            self.bases.remove(&id);
        } else {
            self.bases.insert(id, Some(lead));
        }
    }

    /// The lead's file changed outside this window (a colleague through a sync tool, an
    /// editor). Without edits here the window shows the new version. With edits here, both are
    /// merged field by field against the version they started from; when both changed the same
    /// field, the disk version stays, ours goes to `conflicts/` and the banner says so.
    fn outside_change(&mut self, theirs: Lead) {
        let id = theirs.id;
        let current = self.entry(id).map(|e| e.lead.clone());
        if current.as_ref() == Some(&theirs) {
            self.bases.remove(&id);
            return;
        }
        self.undo.forget(id);
        let (Some(current), Some(base)) = (current, self.bases.remove(&id)) else {
            self.put_without_save(theirs);
            if self.selected == Some(id) {
                self.revision += 1;
            }
            return;
        };
        let merged = match &base {
            Some(base) => merge_leads(base, &current, &theirs),
            None => Merge::Conflict(Vec::new()),
        };
        match merged {
            Merge::Clean(merged) => {
                let merged = *merged;
                // The text fields show the lead itself, so typed text stays where it is; only
                // the buffered fields (revenue, follow-up) are refreshed, and only if changed.
                let refresh = merged.revenue_meur != current.revenue_meur
                    || merged.follow_up != current.follow_up;
                if merged != theirs {
                    self.bases.insert(id, Some(theirs.clone()));
                    self.worker.send(Job::Save {
                        lead: Box::new(merged.clone()),
                        base: Some(Box::new(theirs)),
                    });
                }
                self.put_without_save(merged);
                if refresh && self.selected == Some(id) {
                    self.revision += 1;
                }
            }
            Merge::Conflict(_) => {
                self.worker.send(Job::SetAside(Box::new(current)));
                self.put_without_save(theirs);
                if self.selected == Some(id) {
                    self.revision += 1;
                }
            }
        }
    }

    fn add_sync_copy(&mut self, path: std::path::PathBuf) {
        for banner in &mut self.banners {
            if let Banner::SyncConflicts(files) = banner {
                if !files.contains(&path) {
                    files.push(path);
                }
                return;
            }
        }
        self.banners.push(Banner::SyncConflicts(vec![path]));
    }

    fn drop_sync_copy(&mut self, path: &std::path::Path) {
        for banner in &mut self.banners {
            if let Banner::SyncConflicts(files) = banner {
                files.retain(|f| f != path);
            }
        }
        self.banners
            .retain(|b| !matches!(b, Banner::SyncConflicts(f) if f.is_empty()));
    }

    fn deleted_elsewhere(&mut self, id: Uuid) {
        let name = self
            .entry(id)
            .map(|e| e.lead.display_name().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string());
        for banner in &mut self.banners {
            if let Banner::DeletedElsewhere { names, .. } = banner {
                if !names.iter().any(|(i, _)| *i == id) {
                    names.push((id, name));
                }
                return;
            }
        }
        self.banners.push(Banner::DeletedElsewhere {
            names: vec![(id, name)],
            trash: self.trash_dir.clone(),
        });
    }

    pub fn shutdown(&mut self) {
        self.worker.shutdown();
    }
}

fn unknown_answers(lead: &Lead, framework: &Framework) -> Vec<UnknownAnswer> {
    lead.unknown_ids(framework)
        .into_iter()
        .map(|id| UnknownAnswer {
            lead: lead.id,
            name: lead.display_name().to_owned(),
            id,
        })
        .collect()
}

/// An example company, filled in as a B lead: a decision in about ten months keeps it from A
/// (docs/scoring.md, worked examples).
pub fn example_lead(
    framework: &Framework,
    rules: &Classification,
    id: Uuid,
    now: Timestamp,
) -> Lead {
    let mut lead = Lead::new(id, now);
    lead.company = "Max Mustermann GmbH".into();
    lead.contact = "Max Mustermann".into();
    lead.role = "Geschäftsführer".into();
    lead.industry = "Maschinenbau".into();
    lead.revenue_meur = Some(5.0);
    lead.source = Source::WebForm;
    lead.stage = Stage::Sal;
    for (criterion, answer) in [
        ("budget", "approved"),
        ("authority", "decision_maker"),
        ("need", "strong_fit"),
        ("time", "months_6_12"),
    ] {
        lead.set_answer(framework, rules, criterion, answer, now);
    }
    lead.assessment
        .set_note("time", "Entscheidung in etwa 10 Monaten");
    lead.notes = "Beispiel-Lead: fiktive Firma, zum Ausprobieren. Jederzeit löschbar.".into();
    lead
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LeadStore, load_team_settings};

    fn model(dir: &std::path::Path) -> Model {
        let store = LeadStore::open(dir).unwrap();
        let team = load_team_settings(dir).unwrap();
        Model::new(
            team,
            Vec::new(),
            Vec::new(),
            Worker::start(store, Box::new(|| {})),
        )
    }

    #[test]
    fn typing_a_word_is_one_undo_step_and_picks_are_separate() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = model(dir.path());
        let id = m.new_lead();
        for s in ["A", "AC", "ACM", "ACME"] {
            m.edit(id, Edit::text(Field::Company, s.into()));
        }
        m.edit(
            id,
            Edit::Answer {
                criterion: "budget".into(),
                answer: "approved".into(),
            },
        );
        assert_eq!(m.selected().unwrap().brief.score, 25);
        m.undo();
        assert_eq!(m.selected().unwrap().brief.score, 0);
        assert_eq!(m.selected().unwrap().lead.company, "ACME");
        m.undo();
        assert_eq!(m.selected().unwrap().lead.company, "");
        m.redo();
        assert_eq!(m.selected().unwrap().lead.company, "ACME");
        m.undo();
        m.undo(); // the creation itself
        assert!(m.entries().is_empty());
        m.flush();
        assert!(!dir.path().join("leads").join(format!("{id}.ron")).exists());
        m.redo();
        m.flush();
        assert!(dir.path().join("leads").join(format!("{id}.ron")).exists());
    }

    #[test]
    fn a_batch_change_and_a_batch_delete_reach_the_disk_whole_and_undo_as_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = model(dir.path());
        let ids: Vec<Uuid> = (0..4)
            .map(|i| {
                let id = m.new_lead();
                m.edit(id, Edit::text(Field::Company, format!("Firma {i}")));
                id
            })
            .collect();
        m.flush();
        let file = |id: Uuid| dir.path().join("leads").join(format!("{id}.ron"));
        m.edit_many(
            &ids[..3],
            &Edit::Set(Field::Stage, Value::Stage(Stage::Sql)),
        );
        m.flush();
        for id in &ids[..3] {
            let text = std::fs::read_to_string(file(*id)).unwrap();
            assert!(text.contains("stage: sql"), "{text}");
        }
        assert!(!dir.path().join(crate::store::JOURNAL_FILE).exists());
        assert_eq!(m.delete_many(&ids[1..]), 3);
        m.flush();
        assert!(file(ids[0]).exists());
        for id in &ids[1..] {
            assert!(!file(*id).exists());
            assert!(dir.path().join("trash").join(format!("{id}.ron")).exists());
        }
        m.undo();
        m.flush();
        assert_eq!(m.entries().len(), 4, "the batch delete is one undo step");
        assert!(ids.iter().all(|id| file(*id).exists()));
    }

    #[test]
    fn changing_the_rules_reclassifies_every_lead_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = model(dir.path());
        m.add_example_lead();
        assert_eq!(m.selected().unwrap().brief.class, crate::domain::Class::B);
        let mut rules = m.rules().clone();
        if let Some(a) = rules.rule_for_mut(crate::domain::Class::A) {
            a.require[0].any_of.push("months_6_12".into());
        }
        m.set_rules(rules);
        assert_eq!(m.selected().unwrap().brief.class, crate::domain::Class::A);
        m.flush();
        assert!(dir.path().join("classification.ron").exists());
    }

    #[test]
    fn search_filters_and_sorts() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = model(dir.path());
        for name in ["Zeta GmbH", "Alpha AG", "Müller KG"] {
            let id = m.new_lead();
            m.edit(id, Edit::text(Field::Company, name.into()));
        }
        m.set_view(ListView {
            sort: crate::app::SortKey::Company,
            ..ListView::default()
        });
        let names: Vec<String> = m
            .visible()
            .to_vec()
            .iter()
            .map(|&i| m.entries()[i].lead.company.clone())
            .collect();
        assert_eq!(names, ["Alpha AG", "Müller KG", "Zeta GmbH"]);
        m.set_view(ListView {
            query: "mull".into(),
            ..ListView::default()
        });
        assert_eq!(m.visible().len(), 1);
        // Letters in order are not enough: a word must begin with them.
        m.set_view(ListView {
            query: "mulr".into(),
            ..ListView::default()
        });
        assert_eq!(m.visible().len(), 0);
    }

    /// A model opened with many leads has no search texts yet: its frames make them a slice at
    /// a time, and a search before they are all made finds what it would find with them.
    #[test]
    fn search_texts_are_made_after_the_first_frame_or_when_a_search_starts() {
        let dir = tempfile::tempdir().unwrap();
        let store = LeadStore::open(dir.path()).unwrap();
        let team = load_team_settings(dir.path()).unwrap();
        let (fw, rules) = (team.framework.clone(), team.rules.clone());
        let leads: Vec<Lead> = (0..40_000)
            .map(|i| crate::corpus::corpus_lead(&fw, &rules, 3, i))
            .collect();
        let with_note = leads
            .iter()
            .filter(|l| l.notes.contains("Hannover"))
            .count();
        assert!(with_note > 0);
        let open = || {
            Model::new(
                team.clone(),
                leads.clone(),
                Vec::new(),
                Worker::start(store.clone(), Box::new(|| {})),
            )
        };
        let search = ListView {
            query: "hannover".into(),
            ..ListView::default()
        };

        // Searched at once: every search text is made first.
        let mut m = open();
        assert!(m.entries().iter().all(|e| e.haystack.is_none()));
        m.set_view(search.clone());
        let found = m.visible().len();
        assert!(found >= with_note, "{found} < {with_note}");
        assert!(m.entries().iter().all(|e| e.haystack.is_some()));
        assert!(!m.index_search_step());

        // Made frame by frame, with a lead removed and one added on the way.
        let mut m = open();
        assert!(m.index_search_step());
        let last = m.entries().last().unwrap().lead.id;
        m.delete(last);
        m.new_lead();
        let mut frames = 1;
        while m.index_search_step() {
            frames += 1;
            assert!(frames < 10);
        }
        assert!(frames >= 2);
        assert!(m.entries().iter().all(|e| e.haystack.is_some()));
        for e in m.entries() {
            assert_eq!(e.haystack, Some(search_text(&e.lead)));
        }
        // As a model opened with these leads and searched at once finds.
        let now: Vec<Lead> = m.entries().iter().map(|e| e.lead.clone()).collect();
        let mut fresh = Model::new(
            team.clone(),
            now,
            Vec::new(),
            Worker::start(store.clone(), Box::new(|| {})),
        );
        fresh.set_view(search.clone());
        m.set_view(search);
        assert_eq!(m.visible(), fresh.visible());
    }
}
