//! The egui window. It draws the model and emits actions; it never computes scores or touches
//! files itself (that is `crate::app` and its worker).

mod action;
mod app;
mod ask_folder;
mod banners;
mod commands;
mod cx;
mod form_panel;
mod framework_editor;
mod import_window;
mod layout;
mod list_panel;
mod menu;
mod overview;
mod print_dialog;
mod result_panel;
mod theme;
mod welcome;
mod widgets;
mod window_state;
mod windows;

pub mod renderer;

pub use window_state::{WindowState, window_state_file};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use action::{Action, Window};
pub use app::{Central, LeadqApp};
pub use commands::Command;

use crate::app::{Model, Worker};
use crate::domain::Lang;
use crate::store::{PersonalSettings, Workspace, default_config_dir};

/// Opens the data folder and builds the app; `wake` lets the worker ask for a repaint.
pub fn build_app(
    data_dir: Option<&Path>,
    config_dir: Option<PathBuf>,
    lang: Option<Lang>,
    wake: Box<dyn Fn() + Send>,
) -> Result<LeadqApp, String> {
    let (personal, settings_problem) = config_dir
        .as_deref()
        .map(PersonalSettings::load)
        .unwrap_or_default();
    // What goes wrong here is said in the rep's language (a message box, `run`).
    let said = lang
        .or(personal.lang)
        .unwrap_or_else(crate::i18n::system_lang);
    let mut ws = Workspace::open(data_dir).map_err(|e| crate::i18n::workspace_error(said, &e))?;
    // The folder is ours to write only while we hold its lock; otherwise this window reads.
    let lock = ws.lock();
    // An import or a framework switch a kill or a power cut interrupted is completed or undone
    // before the leads are read (`store::recover`): the one write before the first frame,
    // rare and short, and it must come first. A framework switch changes the team's files.
    let mut recovered = Vec::new();
    if lock.is_ok() && !crate::store::pending(ws.store.root()).is_empty() {
        let root = ws.store.root().to_path_buf();
        recovered = crate::store::recover(&root).map_err(|e| {
            crate::i18n::io_failure(said, crate::store::FileAction::Recover, &root, &e)
        })?;
        ws = Workspace::open(data_dir).map_err(|e| crate::i18n::workspace_error(said, &e))?;
    }
    let report = match &lock {
        // Temp files a crash left are removed by the worker (`check_folder`), off this path.
        Ok(_) => ws.store.load_all(),
        Err(_) => ws.store.check_all(),
    }
    .map_err(|e| crate::i18n::store_error(said, &e))?;
    let worker = Worker::start(ws.store.clone(), wake);
    let mut model = Model::new(ws.team.clone(), report.leads, report.problems, worker);
    model.check_folder(lock.is_ok());
    let held = match &lock {
        Err(crate::store::LockError::Held(folder)) => Some(folder.display().to_string()),
        _ => None,
    };
    model.set_read_only(held, report.read_only);
    if let Err(e @ crate::store::LockError::Io(..)) = &lock {
        model.banners.push(crate::app::Banner::WriteFailed(
            crate::i18n::Localized::new(|lang| crate::i18n::lock_error(lang, e)),
        ));
    }
    if let Some((file, detail)) = settings_problem {
        model.banners.push(crate::app::Banner::WriteFailed(
            crate::i18n::Localized::new(|lang| crate::i18n::personal_problem(lang, &file, &detail)),
        ));
    }
    let mut app = LeadqApp::new(
        model,
        ws.store.root().to_path_buf(),
        config_dir,
        personal,
        lang,
        lock.ok(),
    );
    app.tell_recovered(&recovered);
    Ok(app)
}

/// What the window shows: the app, or first the question whether a named data folder that
/// does not exist should be created.
enum Screen {
    Ask {
        question: ask_folder::AskFolder,
        start: Start,
    },
    App(Box<LeadqApp>),
    /// The app could not be built after the folder was created: the reason, until closed.
    Failed(String),
}

/// What building the app needs once the folder question is answered.
struct Start {
    lang: Option<Lang>,
    open: Option<PathBuf>,
}

struct EframeApp {
    screen: Screen,
    /// Whether the window has been checked against the monitor it opened on.
    fitted: bool,
    /// The window's size and place as last written, and where (`window_state.rs`).
    window_state: WindowState,
    window_state_file: Option<PathBuf>,
    /// When the window's state was last looked at.
    window_state_at: std::time::Instant,
    /// The window's context, for the last look at its state when it closes.
    ctx: Option<egui::Context>,
    /// Set once a frame has been drawn (shown): from then on a failure is not the graphics
    /// interface's (`run` tries the next one only before).
    drawn: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Frames begun, up to 2: the second begins only after the first was painted.
    frames: u8,
}

/// How often the window's state is looked at and, when it changed, written (eframe's own
/// interval): a crash loses at most this much of a resized window.
const WINDOW_STATE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

impl EframeApp {
    fn new(
        screen: Screen,
        window_state: WindowState,
        file: Option<PathBuf>,
        drawn: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> EframeApp {
        EframeApp {
            screen,
            fitted: false,
            window_state,
            window_state_file: file,
            window_state_at: std::time::Instant::now(),
            ctx: None,
            drawn,
            frames: 0,
        }
    }

    /// Counts the frames until the first one has been painted; asks for the second at once.
    fn count_frame(&mut self, ctx: &egui::Context) {
        match self.frames {
            0 => ctx.request_repaint(),
            1 => self.drawn.store(true, std::sync::atomic::Ordering::SeqCst),
            _ => return,
        }
        self.frames += 1;
    }

    /// Writes the window's state through the app's worker when it changed.
    fn keep_window_state(&mut self, ctx: &egui::Context) {
        let (Screen::App(app), Some(file)) = (&mut self.screen, &self.window_state_file) else {
            return;
        };
        self.window_state_at = std::time::Instant::now();
        let now = self.window_state.capture(ctx);
        if now == self.window_state {
            return;
        }
        if let Some(text) = now.to_ron() {
            app.save_window_state(file.clone(), text);
        }
        self.window_state = now;
    }
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.count_frame(ui.ctx());
        if !self.fitted {
            self.fitted = fit_to_monitor(ui.ctx());
        }
        if self.ctx.is_none() {
            self.ctx = Some(ui.ctx().clone());
        }
        if self.window_state_at.elapsed() >= WINDOW_STATE_EVERY {
            self.keep_window_state(ui.ctx());
        }
        match &mut self.screen {
            Screen::App(app) => app.show(ui),
            Screen::Failed(reason) => {
                egui::CentralPanel::default_margins().show(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.add_space(40.0);
                        ui.label(egui::RichText::new(reason.as_str()).size(15.0));
                    });
                });
            }
            Screen::Ask { question, start } => {
                let lang = start.lang.unwrap_or_else(crate::i18n::system_lang);
                let texts = crate::i18n::ui_texts(lang);
                let answer = egui::CentralPanel::default_margins()
                    .show(ui, |ui| question.ui(ui, texts))
                    .inner;
                match answer {
                    Some(ask_folder::FolderAnswer::Quit) => {
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    Some(ask_folder::FolderAnswer::Create) => {
                        let (path, lang, open) =
                            (question.path.clone(), start.lang, start.open.take());
                        self.screen = start_app(ui.ctx(), &path, lang, open);
                    }
                    None => {}
                }
            }
        }
    }

    fn on_exit(&mut self) {
        // The last look at the window's state; the worker writes it as it shuts down.
        if let Some(ctx) = self.ctx.take() {
            self.keep_window_state(&ctx);
        }
        if let Screen::App(app) = &mut self.screen {
            app.shutdown();
        }
    }
}

/// Builds the app on `data_dir` (created if missing) and opens `open` in it.
fn start_app(
    ctx: &egui::Context,
    data_dir: &Path,
    lang: Option<Lang>,
    open: Option<PathBuf>,
) -> Screen {
    let wake = ctx.clone();
    match build_app(
        Some(data_dir),
        default_config_dir(),
        lang,
        Box::new(move || wake.request_repaint()),
    ) {
        Ok(mut app) => {
            if let Some(file) = open {
                app.open_file(ctx, file);
            }
            Screen::App(Box::new(app))
        }
        Err(reason) => Screen::Failed(reason),
    }
}

/// A window larger than its monitor hides its bottom edge (and the PDF button) on a laptop:
/// the default size, or one remembered from a larger screen, shrinks to fit. Returns whether
/// the check could be made (the monitor's size is known).
fn fit_to_monitor(ctx: &egui::Context) -> bool {
    let (monitor, outer, inner) = ctx.input(|i| {
        let v = i.viewport();
        (v.monitor_size, v.outer_rect, v.inner_rect)
    });
    let Some(monitor) = monitor else {
        return false;
    };
    // Wayland tells no window position: then the content is the inner size, and a title bar
    // of ordinary height is assumed.
    let inner_size = inner.map_or(ctx.content_rect().size(), |r| r.size());
    let decorations = match (outer, inner) {
        (Some(o), Some(i)) => o.size() - i.size(),
        _ => egui::vec2(0.0, 32.0),
    };
    // Leave room for a taskbar or dock.
    let room = monitor - decorations - egui::vec2(0.0, 48.0);
    let fitted = inner_size
        .min(room)
        .max(egui::Vec2::from(layout::MIN_WINDOW));
    if fitted != inner_size {
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(fitted));
        if let Some(o) = outer
            && (o.left() + fitted.x > monitor.x || o.top() + fitted.y > monitor.y)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
        }
    }
    true
}

/// Adds DejaVu Sans behind egui's own font, so names in Greek, Cyrillic, Turkish or Polish and
/// signs like → ≥ „“ render instead of boxes.
pub fn install_fonts(ctx: &egui::Context) {
    let data = egui::FontData::from_static(include_bytes!("../../assets/DejaVuSans.ttf"));
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| egui::epaint::text::InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "DejaVuSans",
        data,
        families,
    ));
}

fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

/// Opens the window; returns when it is closed. `open` is a file to show the import preview of
/// once it is up.
///
/// Each graphics interface of [`renderer::attempts`] is tried in turn until a window has drawn
/// its first frame; a failure before that (an error or a panic in the graphics driver's path)
/// moves on to the next. If none works, or the app cannot be built (the data folder cannot be
/// read), the rep gets a message box in their language, and the exit status is non-zero.
pub fn run(data_dir: Option<&Path>, lang: Option<Lang>, open: Option<PathBuf>) -> ExitCode {
    let data_dir = data_dir.map(Path::to_path_buf);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("LeadQ")
        .with_app_id("leadq")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size(layout::MIN_WINDOW);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    // The window's state is kept by LeadQ (`window_state.rs`), not by eframe's storage.
    let state_file = window_state_file(default_config_dir().as_deref());
    let state = WindowState::load(state_file.as_deref());
    let viewport = state.apply(viewport);
    // The language of a message before any window: as the app would choose it.
    let message_lang = lang
        .or_else(|| {
            default_config_dir()
                .as_deref()
                .and_then(|d| PersonalSettings::load(d).0.lang)
        })
        .unwrap_or_else(crate::i18n::system_lang);
    let m = crate::i18n::messages(message_lang);
    // What was tried, and what each answered.
    let mut tried: Vec<(&str, String)> = Vec::new();
    for attempt in renderer::attempts() {
        let drawn = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let options = eframe::NativeOptions {
            viewport: viewport.clone(),
            persist_window: false,
            persistence_path: None,
            wgpu_options: renderer::configuration(attempt),
            ..Default::default()
        };
        let start = Start {
            lang,
            open: open.clone(),
        };
        let creator = app_creator(
            data_dir.clone(),
            start,
            state.clone(),
            state_file.clone(),
            drawn.clone(),
            !tried.is_empty(),
        );
        // A graphics driver that fails panics inside wgpu ("wgpu error: Parent device is
        // lost"); caught here, so the next interface gets its turn. eframe keeps one event loop
        // per thread for exactly this: a window opened again after the last one closed.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            eframe::run_native("LeadQ", options, creator)
        }));
        let was_drawn = drawn.load(std::sync::atomic::Ordering::SeqCst);
        match outcome {
            Ok(Ok(())) => return ExitCode::SUCCESS,
            // The app itself could not be built: no other interface changes that.
            Ok(Err(eframe::Error::AppCreation(reason))) => {
                let text = crate::i18n::fill(m.cannot_start, &[&reason.to_string()]);
                crate::platform::fatal_message(m.cannot_start_title, &text);
                return ExitCode::FAILURE;
            }
            // No display, no event loop: no interface can help either.
            Ok(Err(e @ eframe::Error::WinitEventLoop(_))) => {
                let text = crate::i18n::fill(m.no_display, &[&e.to_string()]);
                crate::platform::fatal_message(m.cannot_start_title, &text);
                return ExitCode::FAILURE;
            }
            Ok(Err(e)) if !was_drawn => {
                eprintln!(
                    "leadq: {} did not work ({e}); trying the next",
                    attempt.name
                );
                tried.push((attempt.name, e.to_string()));
            }
            Err(panic) if !was_drawn => {
                let why = renderer::panic_text(panic.as_ref());
                eprintln!(
                    "leadq: {} did not work ({why}); trying the next",
                    attempt.name
                );
                tried.push((attempt.name, why));
            }
            // It broke after it had drawn: not a question of the interface.
            Ok(Err(e)) => {
                eprintln!("leadq: the window stopped: {e}");
                return ExitCode::FAILURE;
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    let names: Vec<&str> = tried.iter().map(|(name, _)| *name).collect();
    let details: Vec<String> = tried
        .iter()
        .map(|(name, why)| format!("{name}: {why}"))
        .collect();
    let text = crate::i18n::fill(m.no_window, &[&names.join(", "), &details.join("; ")]);
    crate::platform::fatal_message(m.cannot_start_title, &text);
    ExitCode::FAILURE
}

/// What eframe calls once a window and its graphics are up: the folder question, or the app.
fn app_creator(
    data_dir: Option<PathBuf>,
    start: Start,
    state: WindowState,
    state_file: Option<PathBuf>,
    drawn: std::sync::Arc<std::sync::atomic::AtomicBool>,
    after_failure: bool,
) -> eframe::AppCreator<'static> {
    Box::new(move |cc| {
        if let Some(render) = &cc.wgpu_render_state {
            renderer::set_running(&render.adapter.get_info());
        }
        if after_failure && let Some(running) = renderer::running() {
            eprintln!("leadq: the window is drawn with {running}");
        }
        install_fonts(&cc.egui_ctx);
        state.restore_memory(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        let Start { lang, open } = start;
        // A folder named on the command line that is not there is created only once the
        // rep says so (`ask_folder.rs`); the platform's own folder without a question.
        if let Some(path) = data_dir.as_ref().filter(|d| !d.exists()).cloned() {
            // In the rep's theme and language, as the app would be.
            let (personal, _) = default_config_dir()
                .as_deref()
                .map(PersonalSettings::load)
                .unwrap_or_default();
            ctx.set_theme(theme::preference(personal.theme));
            let lang = lang.or(personal.lang);
            let question = ask_folder::AskFolder { path };
            let start = Start { lang, open };
            let screen = Screen::Ask { question, start };
            return Ok(Box::new(EframeApp::new(screen, state, state_file, drawn)));
        }
        let wake = ctx.clone();
        let mut app = build_app(
            data_dir.as_deref(),
            default_config_dir(),
            lang,
            Box::new(move || wake.request_repaint()),
        )?;
        if let Some(file) = open {
            app.open_file(&ctx, file);
        }
        let screen = Screen::App(Box::new(app));
        Ok(Box::new(EframeApp::new(screen, state, state_file, drawn)))
    })
}
