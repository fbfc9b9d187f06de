//! The framework's actions: a template picked in the settings or used, the editor's draft, and
//! the framework file a manager exports from the editor and mails, or imports into it.

use egui::Context;

use super::{LeadqApp, Toast, take_outcome};
use crate::app::FrameworkDraft;
use crate::app::file_open::Origin;
use crate::app::file_save::SaveOutcome;
use crate::app::framework_file::{self, FrameworkOpen};
use crate::i18n::fill;
use crate::ui::action::Action;

impl LeadqApp {
    pub(super) fn perform_framework(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::ChooseFramework(id) => {
                self.framework_choice = crate::domain::template(&id)
                    .map(|t| FrameworkDraft::new(t.clone(), &self.model));
            }
            Action::EditFramework(template) => match &mut self.framework_draft {
                Some(draft) => draft.edit(*template, &self.model),
                None => self.framework_draft = Some(FrameworkDraft::new(*template, &self.model)),
            },
            Action::CloseFrameworkEditor => self.framework_draft = None,
            Action::SaveFramework => {
                if self
                    .framework_draft
                    .as_ref()
                    .is_some_and(|d| d.can_save(&self.model))
                    && let Some(draft) = self.framework_draft.take()
                {
                    self.model.set_framework(draft.into_template());
                }
            }
            Action::UseFramework(id) => {
                if let Some(template) = crate::domain::template(&id) {
                    self.model.set_framework(template.clone());
                }
                self.framework_choice = None;
            }
            Action::ExportFramework => self.export_framework(ctx),
            Action::ImportFramework => {
                if crate::platform::file_dialog_available() {
                    let last_dir = self.personal.last_pdf_dir.clone();
                    self.open_framework(ctx, Origin::Dialog { last_dir });
                } else {
                    self.toast = Some(Toast::new(self.texts().framework_no_dialog.to_owned(), 12));
                }
            }
            _ => {}
        }
    }

    /// Reads a framework file (picked in the dialog, dropped, `leadq FILE.ron`) into the
    /// editor, off the UI thread. A read-only window (another LeadQ has the folder) changes no
    /// framework, so it opens none.
    pub(super) fn open_framework(&mut self, ctx: &Context, source: Origin) {
        if self.framework_open.is_some() || self.model.is_read_only() {
            return;
        }
        let ctx = ctx.clone();
        self.framework_open = Some(framework_file::start(
            source,
            self.texts().filter_framework,
            Box::new(move || ctx.request_repaint()),
        ));
    }

    /// The editor's draft as one `.ron` file, named after the framework, through Save as.
    fn export_framework(&mut self, ctx: &Context) {
        let Some(draft) = &self.framework_draft else {
            return;
        };
        if self.framework_export.is_some() {
            return;
        }
        let t = self.texts();
        let template = draft.template().clone();
        let name = template.framework.name.get(self.lang()).to_owned();
        let file_name = format!("{}.ron", crate::report::sanitize_file_stem(&name));
        self.framework_export_name = name;
        let render = framework_file::render(template);
        let filters = vec![(t.filter_framework, "ron")];
        self.framework_export = Some(self.save_as(ctx, render, file_name, filters));
    }

    /// A framework file read (it becomes the editor's draft) or saved (a note says where).
    pub(super) fn poll_framework_files(&mut self) {
        if let Some(outcome) = take_outcome(&mut self.framework_export, SaveOutcome::Cancelled) {
            let name = &self.framework_export_name;
            self.toast = self.saved_toast(outcome, self.texts().framework_exported, name);
        }
        let Some(outcome) = take_outcome(&mut self.framework_open, FrameworkOpen::Cancelled) else {
            return;
        };
        let t = self.texts();
        match outcome {
            FrameworkOpen::Read(template) => {
                let draft = FrameworkDraft::new(*template, &self.model);
                self.framework_draft = Some(draft);
            }
            FrameworkOpen::NotAFramework { path, error } => {
                let text = crate::i18n::framework_problem(self.lang(), &error, None);
                let text = format!("{}: {text}", path.display());
                self.toast = Some(Toast::new(fill(t.framework_import_failed, &[&text]), 20));
            }
            FrameworkOpen::Cancelled => {}
            FrameworkOpen::Failed(e) => {
                self.toast = Some(Toast::new(fill(t.framework_import_failed, &[&e]), 15));
            }
        }
    }
}
