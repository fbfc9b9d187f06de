//! Undo and redo for the window: each step is one lead before and after, grouped so that one
//! undo takes back a whole batch action, and typing in one field merges into one step.

use uuid::Uuid;

use crate::domain::Lead;

/// One undoable change of one lead: its state before and after (`None` = not in the list).
#[derive(Debug, Clone)]
pub struct Step {
    pub id: Uuid,
    pub before: Option<Lead>,
    pub after: Option<Lead>,
    /// Edits of the same text field follow each other as one step, so undo removes a whole word
    /// typed, not a letter.
    pub merge_key: Option<String>,
}

/// What one undo takes back: one step, or the steps of one batch action (a stage set for
/// several leads, several leads deleted) together.
pub type Group = Vec<Step>;

#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Group>,
    redo: Vec<Group>,
}

const LIMIT: usize = 500;

impl UndoStack {
    pub fn push(&mut self, step: Step) {
        self.redo.clear();
        if let Some([top]) = self.undo.last_mut().map(Vec::as_mut_slice)
            && step.merge_key.is_some()
            && top.merge_key == step.merge_key
            && top.id == step.id
        {
            top.after = step.after;
            return;
        }
        self.push_group(vec![step]);
    }

    /// Several steps that one undo takes back together.
    pub fn push_group(&mut self, steps: Group) {
        if steps.is_empty() {
            return;
        }
        self.redo.clear();
        self.undo.push(steps);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// Takes the step to undo; the caller applies `before` and hands it back via `undone`.
    pub fn take_undo(&mut self) -> Option<Group> {
        self.undo.pop()
    }

    pub fn undone(&mut self, steps: Group) {
        self.redo.push(steps);
    }

    pub fn take_redo(&mut self) -> Option<Group> {
        self.redo.pop()
    }

    pub fn redone(&mut self, mut steps: Group) {
        // A redone step never merges with the next edit.
        for step in &mut steps {
            step.merge_key = None;
        }
        self.undo.push(steps);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Drops every step of one lead: after a change from outside (a colleague's edit merged
    /// in), its old snapshots would silently undo that change.
    pub fn forget(&mut self, id: Uuid) {
        for stack in [&mut self.undo, &mut self.redo] {
            for group in stack.iter_mut() {
                group.retain(|s| s.id != id);
            }
            stack.retain(|g| !g.is_empty());
        }
    }

    /// Ends merging, e.g. when the rep moves to another field or lead.
    pub fn seal(&mut self) {
        for step in self.undo.last_mut().into_iter().flatten() {
            step.merge_key = None;
        }
    }
}
