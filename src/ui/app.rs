//! The window's state and its one frame function. Panels draw the model and return what the
//! rep did; this file turns that into model changes.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Context, Ui};
use uuid::Uuid;

use super::action::{Action, Window};
use super::commands::Command;
use super::cx::Cx;
use super::form_panel::{FormState, form_panel};
use super::framework_editor::framework_editor;
use super::import_window::{import_window, reading_window};
use super::layout::{self, ResultPlace};
use super::windows::OpenWindows;
use super::{banners, list_panel, menu, overview, result_panel, welcome, windows};
use crate::app::{FrameworkDraft, ImportSession};
use std::sync::mpsc::Receiver;

use crate::app::Model;
use crate::app::pdf_batch::{self, BatchOutcome, BatchRequest, BatchRun, Destination};
use crate::app::pdf_save::{self, PdfOutcome, PdfRequest};
use crate::domain::Lang;
use crate::i18n::{UiTexts, fill, system_lang, ui_texts};
use crate::store::{PersonalSettings, ThemeChoice};

/// What the middle of the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Central {
    Form,
    Overview,
}

pub struct Toast {
    pub text: String,
    pub buttons: Vec<(&'static str, Action)>,
    pub until: Instant,
}

impl Toast {
    fn new(text: String, seconds: u64) -> Toast {
        Toast {
            text,
            buttons: Vec::new(),
            until: Instant::now() + Duration::from_secs(seconds),
        }
    }

    fn with(mut self, label: &'static str, action: Action) -> Toast {
        self.buttons.push((label, action));
        self
    }
}

mod framework;
mod print;

pub struct LeadqApp {
    pub model: Model,
    pub data_dir: PathBuf,
    config_dir: Option<PathBuf>,
    pub personal: PersonalSettings,
    /// A language forced on the command line wins over the settings for this run.
    lang_override: Option<Lang>,
    pub form: FormState,
    pub windows: OpenWindows,
    pub toast: Option<Toast>,
    pub focus_company: bool,
    pub focus_search: bool,
    /// The list's scroll and focus bookkeeping between frames.
    list: list_panel::ListState,
    /// The rep's own choice to show or hide the lead list (Ctrl+L); `None` follows the width.
    list_choice: Option<bool>,
    /// Whether this frame shows the list, so the toggle flips what the rep sees.
    list_shown: bool,
    /// The form or the overview in the middle (Ctrl+1 / Ctrl+2).
    pub central: Central,
    /// Whether the overview counts the whole folder (else what the list shows).
    overview_whole: bool,
    /// The number of the first frame (egui's count; `None` before it): the due follow-ups are
    /// mentioned in it, the search texts made after it.
    first_frame: Option<u64>,
    /// The widths of the list and the result column, as the rep dragged them.
    list_width: f32,
    result_width: f32,
    applied_theme: Option<ThemeChoice>,
    /// The PDF being saved; while `Some`, a second dialog is not opened.
    pdf: Option<Receiver<PdfOutcome>>,
    /// A rendered PDF waiting for the rep to accept the documents folder (no dialog available).
    pdf_waiting: Option<(Vec<u8>, String, Vec<char>)>,
    /// The follow-up calendar being saved, and how many events it holds.
    calendar: Option<Receiver<crate::app::file_save::SaveOutcome>>,
    calendar_count: usize,
    /// The leads being exported (File → Export leads…), and how many.
    leads_export: Option<Receiver<crate::app::file_save::SaveOutcome>>,
    leads_export_count: usize,
    /// A running batch export of PDFs (progress window while `Some`).
    pub batch: Option<BatchRun>,
    /// A file being read for an import (dialog, read and parse off the UI thread).
    import_reading: Option<Receiver<crate::app::file_open::OpenOutcome>>,
    /// A file read and parsed, shown as a preview until the rep imports or cancels.
    pub import_preview: Option<ImportSession>,
    /// The template picked in Settings → Framework, not yet used (its effect is shown first).
    framework_choice: Option<FrameworkDraft>,
    /// The framework editor's draft, while the editor is open.
    framework_draft: Option<FrameworkDraft>,
    /// A framework file being picked and read for the editor.
    framework_open: Option<Receiver<crate::app::framework_file::FrameworkOpen>>,
    /// The editor's draft being saved as a file, and the framework's name (for the note; the
    /// editor may be closed by the time the file is written).
    framework_export: Option<Receiver<crate::app::file_save::SaveOutcome>>,
    framework_export_name: String,
    /// Held for the window's lifetime; `None` when another LeadQ has the folder.
    /// The print dialog while it is open.
    print_dialog: Option<crate::app::print_job::PrintDialog>,
    /// Where printers come from and jobs go; tests put a stand-in here.
    pub print_system: crate::app::print_job::PrintSystem,
    /// The print dialog's document being saved as PDF instead.
    print_save: Option<Receiver<crate::app::file_save::SaveOutcome>>,
    _lock: Option<crate::store::FolderLock>,
}

impl LeadqApp {
    pub fn new(
        model: Model,
        data_dir: PathBuf,
        config_dir: Option<PathBuf>,
        personal: PersonalSettings,
        lang_override: Option<Lang>,
        lock: Option<crate::store::FolderLock>,
    ) -> LeadqApp {
        LeadqApp {
            model,
            data_dir,
            config_dir,
            personal,
            lang_override,
            form: FormState::default(),
            windows: OpenWindows::default(),
            toast: None,
            focus_company: false,
            focus_search: false,
            list: list_panel::ListState::default(),
            list_choice: None,
            list_shown: true,
            central: Central::Form,
            overview_whole: true,
            first_frame: None,
            list_width: layout::LIST_WIDTH,
            result_width: layout::RESULT_WIDTH,
            applied_theme: None,
            pdf: None,
            pdf_waiting: None,
            calendar: None,
            calendar_count: 0,
            leads_export: None,
            leads_export_count: 0,
            batch: None,
            import_reading: None,
            import_preview: None,
            framework_choice: None,
            framework_draft: None,
            framework_open: None,
            framework_export: None,
            framework_export_name: String::new(),
            print_dialog: None,
            print_system: crate::app::print_job::PrintSystem::native(),
            print_save: None,
            _lock: lock,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang_override
            .or(self.personal.lang)
            .unwrap_or_else(system_lang)
    }

    fn texts(&self) -> &'static UiTexts {
        ui_texts(self.lang())
    }

    /// One frame: news from the background, keys, then panels (which only read the model and
    /// push actions), then the actions, performed in order.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        // The window's name on the accessibility tree, as its title bar says.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label("LeadQ"));
        self.model.poll();
        self.poll_pdf();
        self.poll_calendar();
        self.poll_leads_export();
        self.poll_batch(&ctx);
        self.poll_import();
        self.poll_framework_files();
        self.poll_print();
        self.take_dropped_file(&ctx);
        self.apply_theme(&ctx);
        let mut actions = self.shortcuts(&ctx);
        // The first frame shows the list; its search texts are made over the next frames (not
        // in the first frame's second layout pass either).
        let frame = ctx.cumulative_frame_nr();
        let first_frame = match self.first_frame {
            Some(first) => first,
            None => {
                self.mention_due_follow_ups();
                *self.first_frame.insert(frame)
            }
        };
        if frame > first_frame && self.model.index_search_step() {
            ctx.request_repaint();
        }
        self.prepare();
        let cx = Cx::new(self.lang(), crate::clock::today());
        self.panels(ui, &cx, &mut actions);
        let input = windows::WindowsInput {
            model: &self.model,
            open: &self.windows,
            personal: &self.personal,
            data_dir: &self.data_dir,
            batch: self.batch.as_ref().map(|run| (run.done(), run.total)),
            framework_choice: self.framework_choice.as_ref(),
        };
        windows::show_windows(&ctx, &cx, &input, &mut actions);
        if let Some(draft) = &self.framework_draft {
            let busy = self.framework_open.is_some() || self.framework_export.is_some();
            framework_editor(&ctx, &cx, &self.model, draft, busy, &mut actions);
        }
        if let Some(dialog) = &self.print_dialog {
            super::print_dialog::print_dialog(&ctx, &cx, dialog, &mut actions);
        }
        if let Some(preview) = &self.import_preview {
            import_window(&ctx, &cx, preview, &self.model, &mut actions);
        } else if self.import_reading.is_some() {
            reading_window(&ctx, &cx, &mut actions);
        }

        if !actions.is_empty() {
            for action in actions {
                self.perform(&ctx, action);
            }
            self.prepare();
            // What the actions changed is drawn in the next frame.
            ctx.request_repaint();
        }
    }

    /// Brings the model's derived data (list rows, what-if, the overview's numbers) up to date,
    /// so the panels draw from `&Model`.
    fn prepare(&mut self) {
        self.model.refresh();
        for draft in [&mut self.framework_choice, &mut self.framework_draft]
            .into_iter()
            .flatten()
        {
            draft.refresh(&self.model);
        }
        if self.central == Central::Overview {
            self.model.count_pipeline(self.overview_whole);
        }
    }

    /// The menu, banners and toast, then the welcome or list, result and form (or overview).
    fn panels(&mut self, ui: &mut Ui, cx: &Cx, actions: &mut Vec<Action>) {
        self.menu_and_banners(ui, cx, actions);
        // Toasts take a strip of their own at the bottom edge, so they never cover an input.
        self.show_toast(ui, actions);
        if self.model.entries().is_empty() {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                welcome::welcome(ui, cx, self.model.framework(), actions)
            });
        } else {
            let arrangement =
                layout::arrange(ui.available_width(), self.list_choice, self.list_width);
            self.list_shown = arrangement.list;
            if arrangement.list {
                self.list_column(ui, cx, actions);
            }
            self.result_place(ui, cx, arrangement.result, actions);
            self.central_view(ui, cx, actions);
        }
    }

    /// The menu bar (with the list's toggle in plain sight) and the banners under it.
    fn menu_and_banners(&mut self, ui: &mut Ui, cx: &Cx, actions: &mut Vec<Action>) {
        let t = cx.t;
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                menu::menu_bar(ui, cx, &self.model, actions);
                if !self.model.entries().is_empty() {
                    // On a narrow window the list is folded away: its toggle stays in sight.
                    ui.separator();
                    let toggle = Command::ToggleList;
                    let button = egui::Button::selectable(self.list_shown, toggle.label(t));
                    let mut r = ui.add(button);
                    if let Some(s) = toggle.shortcut() {
                        r = r.on_hover_text(ui.ctx().format_shortcut(&s));
                    }
                    if r.clicked() {
                        actions.push(Action::Run(toggle));
                    }
                }
            });
        });
        banners::banner_panel(ui, cx.t, &self.model, actions);
    }

    /// The lead list on the left, with an edge the rep can drag.
    fn list_column(&mut self, ui: &mut Ui, cx: &Cx, actions: &mut Vec<Action>) {
        let panel = egui::Panel::left("leads")
            .resizable(false)
            .exact_size(self.list_width)
            .show(ui, |ui| {
                list_panel::list_panel(
                    ui,
                    cx,
                    &self.model,
                    &mut self.focus_search,
                    &mut self.list,
                    actions,
                )
            });
        let rect = panel.response.rect;
        layout::drag_edge(
            ui,
            "list-edge",
            rect.right(),
            rect.y_range(),
            &mut self.list_width,
            1.0,
            layout::LIST_WIDTHS,
        );
    }

    /// The result beside the form (with a draggable edge) or as a band above it.
    fn result_place(
        &mut self,
        ui: &mut Ui,
        cx: &Cx,
        place: ResultPlace,
        actions: &mut Vec<Action>,
    ) {
        match place {
            ResultPlace::Side => {
                let panel = egui::Panel::right("result")
                    .resizable(false)
                    .exact_size(self.result_width)
                    .show(ui, |ui| {
                        result_panel::result_panel(ui, cx, &self.model, place, actions)
                    });
                let rect = panel.response.rect;
                layout::drag_edge(
                    ui,
                    "result-edge",
                    rect.left(),
                    rect.y_range(),
                    &mut self.result_width,
                    -1.0,
                    layout::RESULT_WIDTHS,
                );
            }
            ResultPlace::Top => {
                egui::Panel::top("result-top").show(ui, |ui| {
                    result_panel::result_panel(ui, cx, &self.model, place, actions)
                });
            }
        }
    }

    /// The form of the selected lead or the overview, in the middle.
    fn central_view(&mut self, ui: &mut Ui, cx: &Cx, actions: &mut Vec<Action>) {
        match self.central {
            Central::Form => {
                egui::CentralPanel::default_margins().show(ui, |ui| {
                    form_panel(
                        ui,
                        cx,
                        &self.model,
                        &mut self.form,
                        &mut self.focus_company,
                        actions,
                    )
                });
            }
            Central::Overview => {
                // Counted in `prepare` before the panels ran.
                let Some((pipeline, whole)) = self.model.pipeline() else {
                    return;
                };
                let input = overview::OverviewInput {
                    pipeline,
                    view: self.model.view(),
                    framework: self.model.framework(),
                    rules: self.model.rules(),
                    whole,
                };
                egui::CentralPanel::default_margins()
                    .show(ui, |ui| overview::overview(ui, cx, &input, actions));
            }
        }
    }

    fn shortcuts(&mut self, ctx: &Context) -> Vec<Action> {
        // Keys belong to where the focus is. The list's keys (arrows, Home/End, Page Up/Down,
        // Delete) act on the list while one of its rows has the focus; the moving ones also
        // while nothing has it. Never from an answer, a button, a field or a drop-down: Delete on
        // an answer must not trash the lead, an arrow there must not switch to another lead.
        let typing = ctx.text_edit_focused() || egui::Popup::is_any_open(ctx);
        let list = self.list.row_focused && !typing;
        let nowhere = ctx.memory(|m| m.focused().is_none()) && !typing;
        let mut actions = Vec::new();
        for cmd in Command::ALL {
            let allowed = if cmd.is_destructive_key() {
                list
            } else if cmd.is_list_key() {
                list || nowhere
            } else {
                true
            };
            if let Some(shortcut) = cmd.shortcut()
                && allowed
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                actions.push(Action::Run(cmd));
            }
        }
        actions
    }

    fn apply_theme(&mut self, ctx: &Context) {
        if self.applied_theme != Some(self.personal.theme) {
            ctx.set_theme(super::theme::preference(self.personal.theme));
            self.applied_theme = Some(self.personal.theme);
        }
    }

    pub fn perform(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::Run(cmd) => self.run(ctx, cmd),
            Action::Select(id) => self.model.select(Some(id)),
            Action::Edit(id, edit) => self.model.edit(id, edit),
            Action::Restore(id) => {
                if let Some(lead) = self.model.trash().iter().find(|l| l.id == id).cloned() {
                    self.model.restore(lead);
                }
            }
            Action::ChooseFramework(_)
            | Action::EditFramework(_)
            | Action::CloseFrameworkEditor
            | Action::SaveFramework
            | Action::ExportFramework
            | Action::ImportFramework
            | Action::UseFramework(_) => self.perform_framework(ctx, action),
            Action::SetPersonal(settings) => {
                if settings.lang != self.personal.lang {
                    // A language picked in the window beats the one given on the command line.
                    self.lang_override = None;
                }
                self.set_personal(settings);
            }
            Action::SetRules(rules) => self.model.set_rules(rules),
            Action::DismissBanner(i) => {
                if i < self.model.banners.len() {
                    self.model.banners.remove(i);
                }
            }
            Action::ResolveSyncConflict(file, take) => {
                if !self.model.is_read_only() {
                    self.model
                        .send(crate::app::Job::ResolveSyncConflict(file, take));
                }
            }
            Action::OpenPath(path) => self.report_io(crate::platform::open(&path)),
            Action::RevealPath(path) => self.report_io(crate::platform::reveal(&path)),
            Action::OpenUrl(url) => {
                self.report_io(crate::platform::open(std::path::Path::new(&url)))
            }
            Action::FocusForm => {
                self.central = Central::Form;
                self.focus_company = true;
            }
            Action::Pick(id, pick) => self.model.pick(id, pick),
            Action::BatchEdit(edit) => {
                let ids = self.model.selection();
                self.model.edit_many(&ids, &edit);
            }
            Action::FilterList(view) => {
                self.model.set_view(view);
                if !self.list_shown {
                    self.list_choice = Some(true);
                }
            }
            Action::OverviewWhole(whole) => self.overview_whole = whole,
            Action::ShowWindow(window, open) => {
                if window == Window::Trash && open {
                    self.model.request_trash();
                }
                *self.windows.flag(window) = open;
            }
            Action::ImportConfirm
            | Action::ImportCancel
            | Action::ImportHeaderRow(_)
            | Action::ImportMap { .. }
            | Action::ImportChoose { .. } => self.perform_import(ctx, action),
            Action::PrintChoose(_)
            | Action::PrintCopies(_)
            | Action::PrintSend
            | Action::PrintSavePdf
            | Action::PrintSheetDay(_)
            | Action::PrintClose => self.perform_print(ctx, action),
            Action::CancelBatch => {
                if let Some(run) = &self.batch {
                    run.cancel();
                }
            }
            Action::SavePdfToDocuments => {
                if let (Some((bytes, name, missing)), Some(dir)) =
                    (self.pdf_waiting.take(), crate::platform::documents_dir())
                {
                    let outcome = pdf_save::save_into(&dir, &name, &bytes, missing);
                    self.take_pdf(outcome);
                }
            }
        }
    }

    /// The import preview's actions.
    fn perform_import(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::ImportConfirm => self.import_previewed(),
            Action::ImportCancel => {
                self.import_preview = None;
                // A file still being read: its outcome is dropped with the receiver.
                self.import_reading = None;
            }
            Action::ImportHeaderRow(row) => {
                if let Some(session) = self.import_preview.take() {
                    let source = crate::app::file_open::Origin::Path(session.path);
                    self.read_for_import(ctx, source, Some(row));
                }
            }
            Action::ImportMap { column, target } => {
                let index = self.model.lead_index();
                if let Some(session) = &mut self.import_preview {
                    session.remap(column, target, self.model.framework(), &index);
                }
            }
            Action::ImportChoose { row, choice } => {
                if let Some(session) = &mut self.import_preview {
                    session.choose(row, choice);
                }
            }
            _ => {}
        }
    }

    fn report_io(&mut self, result: std::io::Result<()>) {
        if let Err(e) = result {
            self.toast = Some(Toast::new(e.to_string(), 8));
        }
    }

    fn start_pdf(&mut self, ctx: &Context) {
        let t = self.texts();
        if self.pdf.is_some() {
            self.toast = Some(Toast::new(t.dialog_open.to_owned(), 4));
            return;
        }
        let Some(entry) = self.model.selected() else {
            return;
        };
        if entry.lead.company.trim().is_empty() {
            self.toast = Some(Toast::new(t.company_required.to_owned(), 6));
            self.focus_company = true;
            return;
        }
        let request = PdfRequest {
            lead: entry.lead.clone(),
            framework: self.model.framework().clone(),
            rules: self.model.rules().clone(),
            lang: self.lang(),
            last_dir: self.personal.last_pdf_dir.clone(),
            dialog_available: crate::platform::file_dialog_available(),
        };
        let ctx = ctx.clone();
        self.pdf = Some(pdf_save::start(
            request,
            Box::new(move || ctx.request_repaint()),
        ));
    }

    /// Exports the leads the list shows (search and filters applied), in list order, into
    /// `destination` (the folder dialog for the menu command).
    pub fn export_shown(&mut self, ctx: &Context, destination: Destination) {
        let ids: Vec<Uuid> = self
            .model
            .visible()
            .iter()
            .filter_map(|&i| self.model.entries().get(i))
            .map(|e| e.lead.id)
            .collect();
        self.export_leads(ctx, &ids, destination);
    }

    /// Exports these leads (in this order) as one PDF each into `destination`.
    pub fn export_leads(&mut self, ctx: &Context, ids: &[Uuid], destination: Destination) {
        if self.batch.is_some() {
            return;
        }
        let leads: Vec<crate::domain::Lead> = ids
            .iter()
            .filter_map(|&id| self.model.entry(id))
            .map(|e| e.lead.clone())
            .collect();
        if leads.is_empty() {
            return;
        }
        let request = BatchRequest {
            leads,
            framework: self.model.framework().clone(),
            rules: self.model.rules().clone(),
            lang: self.lang(),
            destination,
        };
        let ctx = ctx.clone();
        self.batch = Some(pdf_batch::start(
            request,
            Box::new(move || ctx.request_repaint()),
        ));
    }

    fn poll_batch(&mut self, ctx: &Context) {
        let Some(run) = &self.batch else { return };
        let Some(outcome) = run.poll() else {
            // Progress moves on other threads: look again soon, only while a batch runs.
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        };
        self.batch = None;
        let t = self.texts();
        self.toast = match outcome {
            BatchOutcome::Done {
                dir,
                written,
                replaced,
                failed,
                missing_glyphs,
            } => {
                let mut text = fill(
                    t.batch_done,
                    &[&written.to_string(), &dir.display().to_string()],
                );
                if replaced > 0 {
                    let m = crate::i18n::messages(self.lang());
                    text.push_str(&m.pdfs_replaced.of(replaced, &[]));
                }
                if let Some(first) = failed.first() {
                    text = format!(
                        "{text}\n{}",
                        fill(t.batch_failed, &[&failed.len().to_string(), first])
                    );
                }
                if missing_glyphs > 0 {
                    text = format!(
                        "{text}\n{}",
                        fill(t.batch_missing_glyphs, &[&missing_glyphs.to_string()])
                    );
                }
                let mut personal = self.personal.clone();
                personal.last_pdf_dir = Some(dir.clone());
                self.set_personal(personal);
                Some(Toast::new(text, 15).with(t.open_folder, Action::OpenPath(dir)))
            }
            BatchOutcome::Cancelled { dir, written } => Some(
                Toast::new(
                    fill(
                        t.batch_cancelled,
                        &[&written.to_string(), &dir.display().to_string()],
                    ),
                    10,
                )
                .with(t.open_folder, Action::OpenPath(dir)),
            ),
            BatchOutcome::NoFolderChosen => None,
            BatchOutcome::Failed(e) => Some(Toast::new(fill(t.pdf_failed, &[&e]), 15)),
        };
    }

    fn poll_pdf(&mut self) {
        if let Some(outcome) = take_outcome(&mut self.pdf, PdfOutcome::Cancelled) {
            self.take_pdf(outcome);
        }
    }

    fn take_pdf(&mut self, outcome: PdfOutcome) {
        let t = self.texts();
        let glyph_note = |missing: &[char]| {
            if missing.is_empty() {
                String::new()
            } else {
                let list: String = missing.iter().flat_map(|c| [*c, ' ']).collect();
                format!("\n{}", fill(t.missing_glyphs, &[list.trim_end()]))
            }
        };
        self.toast = match outcome {
            PdfOutcome::Saved {
                path,
                missing_glyphs,
            } => {
                if let Some(dir) = path.parent() {
                    let mut personal = self.personal.clone();
                    personal.last_pdf_dir = Some(dir.to_path_buf());
                    self.set_personal(personal);
                }
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = format!(
                    "{}{}",
                    fill(t.pdf_saved, &[&name]),
                    glyph_note(&missing_glyphs)
                );
                Some(
                    Toast::new(text, 12)
                        .with(t.open, Action::OpenPath(path.clone()))
                        .with(t.show_in_folder, Action::RevealPath(path)),
                )
            }
            PdfOutcome::Cancelled => None,
            PdfOutcome::NoDialog {
                bytes,
                file_name,
                missing_glyphs,
            } => {
                let dir = crate::platform::documents_dir()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default();
                self.pdf_waiting = Some((bytes, file_name, missing_glyphs));
                Some(
                    Toast::new(fill(t.no_dialog, &[&dir]), 30)
                        .with(t.save_there, Action::SavePdfToDocuments),
                )
            }
            PdfOutcome::Failed(e) => Some(Toast::new(fill(t.pdf_failed, &[&e]), 15)),
        };
    }

    /// The rep's personal settings, kept and saved (by the worker) into the config folder.
    /// Keeps the window's size and place (`window_state.rs`), written by the worker.
    pub fn save_window_state(&mut self, path: PathBuf, text: String) {
        self.model
            .send(crate::app::Job::SaveWindowState(path, text));
    }

    fn set_personal(&mut self, settings: PersonalSettings) {
        self.personal = settings;
        if let Some(dir) = &self.config_dir {
            self.model.send(crate::app::Job::SavePersonal(
                self.personal.clone(),
                dir.clone(),
            ));
        }
    }

    pub fn run(&mut self, ctx: &Context, cmd: Command) {
        let selected = self.model.selected_id();
        if cmd.needs_lead() && selected.is_none() {
            return;
        }
        match cmd {
            Command::NewLead => {
                self.model.new_lead();
                self.focus_company = true;
            }
            Command::ExampleLead => {
                self.model.add_example_lead();
            }
            Command::Duplicate => {
                if let Some(id) = selected {
                    self.model.duplicate(id);
                    self.focus_company = true;
                }
            }
            Command::SavePdf => self.start_pdf(ctx),
            Command::Print => self.open_print(ctx),
            Command::CallSheet => self.open_call_sheet(ctx),
            Command::ExportPdfs => {
                let destination = self.ask_for_folder();
                self.export_shown(ctx, destination);
            }
            Command::Delete => self.delete_selection(),
            Command::Undo => {
                self.model.undo();
                self.toast = None;
            }
            Command::Redo => {
                self.model.redo();
            }
            Command::Find => {
                // Searching needs the list: show it if the window had folded it away.
                if !self.list_shown {
                    self.list_choice = Some(true);
                }
                self.focus_search = true;
            }
            Command::ToggleList => self.list_choice = Some(!self.list_shown),
            Command::ShowForm => self.central = Central::Form,
            Command::ShowOverview => self.central = Central::Overview,
            Command::CopySummary => self.copy_summary(ctx),
            Command::ExportCalendar => self.export_calendar(ctx),
            Command::ExportLeads => self.export_all_leads(ctx),
            Command::Import => self.start_import(ctx, None),
            Command::ExportSelectedPdfs => {
                let destination = self.ask_for_folder();
                let ids = self.model.selection();
                self.export_leads(ctx, &ids, destination);
            }
            Command::ExtendDown | Command::ExtendUp => {
                let step = if cmd == Command::ExtendDown { 1 } else { -1 };
                if self.list_shown
                    && let Some(id) = self.model.step_target(step)
                {
                    self.model.pick(id, crate::app::Pick::Range);
                    self.list.reveal_selected = true;
                }
            }
            Command::NextLead
            | Command::PreviousLead
            | Command::PageDown
            | Command::PageUp
            | Command::FirstLead
            | Command::LastLead => {
                let page = self.list.rows_per_page();
                let step = match cmd {
                    Command::NextLead => 1,
                    Command::PreviousLead => -1,
                    Command::PageDown => page,
                    Command::PageUp => -page,
                    Command::FirstLead => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                if self.list_shown && self.model.select_step(step) {
                    self.list.reveal_selected = true;
                }
            }
            Command::FocusList => {
                // Escape from a field (egui has already taken the cursor out of it): the
                // selected lead's row takes the focus, so the arrows walk the list again.
                if self.list_shown && self.central == Central::Form {
                    self.list.reveal_selected = true;
                }
            }
            Command::Trash => self.perform(ctx, Action::ShowWindow(Window::Trash, true)),
            Command::History => self.windows.history = true,
            Command::Settings => self.windows.settings = true,
            Command::About => self.windows.about = true,
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// The folder dialog for a batch of PDFs, starting in the last folder used.
    fn ask_for_folder(&self) -> Destination {
        Destination::Ask {
            last_dir: self.personal.last_pdf_dir.clone(),
            dialog_available: crate::platform::file_dialog_available(),
        }
    }

    /// Del: the picked leads (one undo step) or the selected one, with an undo toast.
    fn delete_selection(&mut self) {
        let ids = self.model.selection();
        let t = self.texts();
        let text = if ids.len() > 1 {
            let n = self.model.delete_many(&ids);
            fill(t.deleted_many_toast, &[&n.to_string()])
        } else {
            let Some(name) = ids.first().and_then(|&id| self.model.delete(id)) else {
                return;
            };
            let name = if name.is_empty() {
                crate::i18n::texts(self.lang()).unnamed_lead.to_owned()
            } else {
                name
            };
            fill(t.deleted_toast, &[&name])
        };
        self.toast =
            Some(Toast::new(text, 8).with(Command::Undo.label(t), Action::Run(Command::Undo)));
    }

    /// Edit → Copy summary: the selected lead as plain text on the clipboard.
    fn copy_summary(&mut self, ctx: &Context) {
        if let (Some(entry), Some(eval)) = (self.model.selected(), self.model.selected_evaluation())
        {
            let text = crate::i18n::lead_summary(
                self.model.framework(),
                self.model.rules(),
                self.lang(),
                &entry.lead,
                eval,
            );
            ctx.copy_text(text);
            self.toast = Some(Toast::new(self.texts().summary_copied.to_owned(), 4));
        }
    }

    fn show_toast(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(toast) = &self.toast else { return };
        let now = Instant::now();
        if now >= toast.until {
            self.toast = None;
            return;
        }
        // Wake up once more to take the toast away; no continuous repaint.
        ui.ctx().request_repaint_after(toast.until - now);
        let frame = egui::Frame::side_top_panel(ui.style())
            .fill(ui.visuals().extreme_bg_color)
            .inner_margin(egui::Margin::symmetric(12, 8));
        egui::Panel::bottom("toast").frame(frame).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let text = ui.label(&toast.text);
                // A polite live region: a screen reader says what happened and how to undo it
                // ("„Delta Ltd“ liegt im Papierkorb. Rückgängig (Ctrl+Z)").
                let mut spoken = toast.text.clone();
                for (label, action) in &toast.buttons {
                    let shortcut = match action {
                        Action::Run(cmd) => cmd.shortcut().map(|s| ui.ctx().format_shortcut(&s)),
                        _ => None,
                    };
                    let mut button = ui.button(*label);
                    match shortcut {
                        Some(keys) => {
                            spoken = format!("{spoken} {label} ({keys})");
                            button = button.on_hover_text(keys);
                        }
                        None => spoken = format!("{spoken} {label}"),
                    }
                    if button.clicked() {
                        actions.push(action.clone());
                    }
                }
                ui.ctx().accesskit_node_builder(text.id, |node| {
                    node.set_role(egui::accesskit::Role::Status);
                    node.set_live(egui::accesskit::Live::Polite);
                    node.set_label(spoken);
                });
            });
        });
    }

    /// Writes the follow-ups of the leads the list shows as an .ics file (Save-as dialog).
    fn export_calendar(&mut self, ctx: &Context) {
        if self.calendar.is_some() {
            return;
        }
        let lang = self.lang();
        let t = self.texts();
        let (fw, rules) = (self.model.framework(), self.model.rules());
        let evaluated: Vec<(&crate::domain::Lead, crate::domain::Evaluation)> = self
            .model
            .visible()
            .iter()
            .filter_map(|&i| self.model.entries().get(i))
            .filter(|e| e.lead.follow_up.is_some())
            .map(|e| (&e.lead, e.evaluate(fw, rules)))
            .collect();
        let leads: Vec<(&crate::domain::Lead, &crate::domain::Evaluation)> =
            evaluated.iter().map(|(l, e)| (*l, e)).collect();
        if leads.is_empty() {
            self.toast = Some(Toast::new(t.calendar_none.to_owned(), 6));
            return;
        }
        let text = crate::calendar::follow_ups_ics(
            &leads,
            self.model.framework(),
            lang,
            crate::clock::now(),
        );
        self.calendar_count = leads.len();
        self.calendar = Some(self.save_as(
            ctx,
            crate::app::file_save::SaveRequest::bytes(text.into_bytes()),
            format!("{}.ics", t.calendar_file_name),
            vec![("iCalendar", "ics")],
        ));
    }

    /// Starts saving a file the window made through the Save-as dialog, starting in the folder
    /// the rep last saved to.
    fn save_as(
        &self,
        ctx: &Context,
        render: crate::app::file_save::Render,
        file_name: String,
        filters: Vec<(&'static str, &'static str)>,
    ) -> Receiver<crate::app::file_save::SaveOutcome> {
        let request = crate::app::file_save::SaveRequest {
            render,
            file_name,
            filters,
            last_dir: self.personal.last_pdf_dir.clone(),
            dialog_available: crate::platform::file_dialog_available(),
        };
        let ctx = ctx.clone();
        crate::app::file_save::start(request, Box::new(move || ctx.request_repaint()))
    }

    fn poll_calendar(&mut self) {
        use crate::app::file_save::SaveOutcome;
        if let Some(outcome) = take_outcome(&mut self.calendar, SaveOutcome::Cancelled) {
            let count = self.calendar_count.to_string();
            self.toast = self.saved_toast(outcome, self.texts().calendar_saved, &count);
        }
    }

    /// File → Export leads…: every lead (not only those the list shows: an export is a
    /// backup and a hand-over), oldest first as `leadq export` writes them. The rep picks the
    /// format by the name: `leads.xlsx` (the default) or a `.csv` name; only that one is made,
    /// on the save thread.
    fn export_all_leads(&mut self, ctx: &Context) {
        if self.leads_export.is_some() {
            return;
        }
        let mut leads: Vec<crate::domain::Lead> = self
            .model
            .entries()
            .iter()
            .map(|e| e.lead.clone())
            .collect();
        if leads.is_empty() {
            return;
        }
        leads.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        self.leads_export_count = leads.len();
        let t = self.texts();
        let render = crate::app::file_save::leads_render(
            leads,
            self.model.framework().clone(),
            self.model.rules().clone(),
            self.lang(),
        );
        let filters = vec![(t.filter_excel, "xlsx"), (t.filter_csv, "csv")];
        self.leads_export = Some(self.save_as(ctx, render, "leads.xlsx".to_owned(), filters));
    }

    fn poll_leads_export(&mut self) {
        use crate::app::file_save::SaveOutcome;
        if let Some(outcome) = take_outcome(&mut self.leads_export, SaveOutcome::Cancelled) {
            let count = crate::i18n::messages(self.lang())
                .leads
                .of(self.leads_export_count, &[]);
            self.toast = self.saved_toast(outcome, self.texts().leads_exported, &count);
        }
    }

    /// The note after a Save-as: `saved` filled with the count and the path, with a button to
    /// show the file; the reason when it failed; nothing when the rep cancelled.
    fn saved_toast(
        &self,
        outcome: crate::app::file_save::SaveOutcome,
        saved: &str,
        count: &str,
    ) -> Option<Toast> {
        use crate::app::file_save::SaveOutcome;
        let t = self.texts();
        match outcome {
            SaveOutcome::Saved(path) => Some(
                Toast::new(fill(saved, &[count, &path.display().to_string()]), 12)
                    .with(t.show_in_folder, Action::RevealPath(path)),
            ),
            SaveOutcome::Cancelled => None,
            SaveOutcome::Failed(e) => Some(Toast::new(fill(t.save_failed, &[&e]), 15)),
        }
    }

    /// A quiet note at start when follow-ups are due (today or overdue), with a button that
    /// filters the list to them.
    fn mention_due_follow_ups(&mut self) {
        let due = self.model.due_follow_ups();
        if due == 0 {
            return;
        }
        let t = self.texts();
        let text = if due == 1 {
            t.follow_ups_due_one.to_owned()
        } else {
            fill(t.follow_ups_due_many, &[&due.to_string()])
        };
        let view = crate::app::ListView {
            due: Some(crate::app::DueFilter::Due),
            sort: crate::app::SortKey::FollowUp,
            ..Default::default()
        };
        self.toast = Some(Toast::new(text, 12).with(t.show, Action::FilterList(view)));
    }

    /// File → Import… (`path` = `None`: the Open dialog) or a file dropped on the window: read
    /// and parsed in the background, then shown as a preview.
    pub fn start_import(&mut self, ctx: &Context, path: Option<PathBuf>) {
        if self.import_reading.is_some() || self.model.is_read_only() {
            return;
        }
        let source = match path {
            Some(path) => crate::app::file_open::Origin::Path(path),
            None if crate::platform::file_dialog_available() => {
                crate::app::file_open::Origin::Dialog {
                    last_dir: self.personal.last_import_dir.clone(),
                }
            }
            None => {
                self.toast = Some(Toast::new(self.texts().import_no_dialog.to_owned(), 12));
                return;
            }
        };
        self.read_for_import(ctx, source, None);
    }

    /// Reads and parses `source` in the background for the preview, with this header row.
    fn read_for_import(
        &mut self,
        ctx: &Context,
        source: crate::app::file_open::Origin,
        header_row: Option<u64>,
    ) {
        let ctx = ctx.clone();
        let options = crate::exchange::ImportOptions {
            remembered: self.personal.import_mappings.clone(),
            header_row,
            ..Default::default()
        };
        self.import_reading = Some(crate::app::file_open::start(
            source,
            options,
            self.model.framework().clone(),
            Box::new(move || ctx.request_repaint()),
        ));
    }

    /// Says once, quietly, what the start did with a batch a kill interrupted.
    pub fn tell_recovered(&mut self, recovered: &[crate::store::Recovered]) {
        let lang = self.lang();
        let text: Vec<String> = recovered
            .iter()
            .map(|r| crate::i18n::recovered(lang, *r))
            .collect();
        if !text.is_empty() {
            self.toast = Some(Toast::new(text.join(" "), 12));
        }
    }

    /// Whether a file is being read for an import (tests wait for it).
    pub fn import_pending(&self) -> bool {
        self.import_reading.is_some()
    }

    fn take_dropped_file(&mut self, ctx: &Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .first()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.open_file(ctx, path);
        }
    }

    /// A file given to the window (dropped on it, `leadq FILE`, "Open with"): a framework file
    /// (`.ron`) opens in the framework editor, anything else in the import preview.
    pub fn open_file(&mut self, ctx: &Context, path: PathBuf) {
        if crate::app::framework_file::is_framework_file(&path) {
            self.open_framework(ctx, crate::app::file_open::Origin::Path(path));
        } else {
            self.start_import(ctx, Some(path));
        }
    }

    fn poll_import(&mut self) {
        use crate::app::file_open::OpenOutcome;
        let Some(outcome) = take_outcome(&mut self.import_reading, OpenOutcome::Cancelled) else {
            return;
        };
        let t = self.texts();
        match outcome {
            OpenOutcome::Read { path, parsed } => match *parsed {
                Ok(parsed) => self.show_preview(path, parsed),
                Err(e) => {
                    let reason = crate::i18n::csv_error(self.lang(), &e);
                    let text = fill(t.import_failed, &[&path.display().to_string(), &reason]);
                    self.toast = Some(Toast::new(text, 15));
                }
            },
            OpenOutcome::Cancelled => {}
            OpenOutcome::Unreadable { path, error } => {
                let text = crate::i18n::io_failure(
                    self.lang(),
                    crate::store::FileAction::Read,
                    &path,
                    &error,
                );
                self.toast = Some(Toast::new(text, 15));
            }
            OpenOutcome::Failed(e) => self.toast = Some(Toast::new(e, 15)),
        }
    }

    /// A file read for an import, shown as a preview; its folder is where the next Open
    /// dialog starts.
    fn show_preview(&mut self, path: PathBuf, parsed: crate::exchange::Parsed) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let mut personal = self.personal.clone();
            personal.last_import_dir = Some(dir.to_path_buf());
            self.set_personal(personal);
        }
        let index = self.model.lead_index();
        self.import_preview = Some(ImportSession::new(path, parsed, &index));
    }

    /// Imports the previewed rows as one undo step and says what happened, with Undo at hand.
    fn import_previewed(&mut self) {
        let Some(preview) = self.import_preview.take() else {
            return;
        };
        let (created, updated, skipped) = self.model.import(&preview);
        if let Some((header, targets)) = preview.mapping_to_remember() {
            let mut personal = self.personal.clone();
            personal.remember_mapping(header, targets);
            self.set_personal(personal);
        }
        let t = self.texts();
        let mut text = fill(t.import_done, &[&created.to_string(), &updated.to_string()]);
        if skipped > 0 {
            text = format!(
                "{text} {}",
                fill(t.import_skipped_newer, &[&skipped.to_string()])
            );
        }
        self.central = Central::Form;
        self.toast =
            Some(Toast::new(text, 12).with(Command::Undo.label(t), Action::Run(Command::Undo)));
    }

    /// Writes what is pending before the window closes.
    pub fn shutdown(&mut self) {
        self.model.shutdown();
    }
}

/// The outcome of a background job once it is there (`gone` if its thread ended without one);
/// the job is then done and `job` empty again.
fn take_outcome<T>(job: &mut Option<Receiver<T>>, gone: T) -> Option<T> {
    let outcome = match job.as_ref()?.try_recv() {
        Ok(outcome) => outcome,
        Err(std::sync::mpsc::TryRecvError::Empty) => return None,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => gone,
    };
    *job = None;
    Some(outcome)
}
