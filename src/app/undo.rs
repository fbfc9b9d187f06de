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

#[derive(Debug, Default)]
pub struct UndoStack {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

const LIMIT: usize = 500;

impl UndoStack {
    pub fn push(&mut self, step: Step) {
        self.redo.clear();
        if let Some(top) = self.undo.last_mut()
            && step.merge_key.is_some()
            && top.merge_key == step.merge_key
            && top.id == step.id
        {
            top.after = step.after;
            return;
        }
        self.undo.push(step);
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
    }

    /// Takes the step to undo; the caller applies `before` and hands it back via `undone`.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    pub fn redone(&mut self, mut step: Step) {
        // A redone step never merges with the next edit.
        step.merge_key = None;
        self.undo.push(step);
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
        self.undo.retain(|s| s.id != id);
        self.redo.retain(|s| s.id != id);
    }

    /// Ends merging, e.g. when the rep moves to another field or lead.
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.merge_key = None;
        }
    }
}
