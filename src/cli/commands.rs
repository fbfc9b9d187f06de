//! One function per CLI subcommand: open the data folder, do the work, and print the result or
//! one line of error in the rep's language.

use std::cmp::Reverse;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Command;
use super::render::{LeadJson, lead_detail_json, lead_json, lead_table, lead_text};
use crate::domain::{Brief, Class, Lang, Lead, Stage};
use crate::exchange::export::{ExportFormat, export_bytes};
use crate::exchange::{Naming, write_csv};

mod framework;
mod import;
mod print;
use crate::i18n::{
    Messages, csv_error, export_error, fill, find_error, io_failure, lock_error, messages,
    problem_reason, store_error, unknown_id, workspace_error, write_failure,
};
use crate::report::{BatchControl, ReportOptions, batch_paths, is_unjoined_letter, write_reports};
use crate::store::{
    Detail, FileAction, FolderLock, LoadReport, Open, ProblemKind, StoreError, Workspace,
    find_by_prefix,
};
use import::{ImportArgs, import};

use framework::framework;

/// A command's outcome; the error is the one line the rep reads, already in their language.
type Outcome = Result<ExitCode, String>;

/// What every command needs: the opened folder and the language to speak.
struct Ctx {
    ws: Workspace,
    lang: Lang,
}

impl Ctx {
    fn m(&self) -> &'static Messages {
        messages(self.lang)
    }

    fn store_err(&self) -> impl Fn(StoreError) -> String + '_ {
        move |e| store_error(self.lang, &e)
    }

    fn warn(&self, text: &str) {
        eprintln!("leadq: {}: {text}", self.m().warning);
    }

    /// Takes the folder for a command that writes, and tidies what a crash may have left.
    fn lock_for_writing(&self) -> Result<FolderLock, String> {
        let lock = self.ws.lock().map_err(|e| lock_error(self.lang, &e))?;
        self.ws.store.remove_stale_temp_files();
        Ok(lock)
    }

    /// Loads the leads for a command that only reads, and tells the user about files that could
    /// not be loaded; nothing is moved (see [`Workspace::load`]).
    fn load(&self) -> Result<Vec<Lead>, String> {
        self.load_with(Detail::Whole)
    }

    /// `load` with only as much of each lead as `detail` says: `Detail::NoHistory` for the
    /// commands that print the list or its counts.
    fn load_with(&self, detail: Detail) -> Result<Vec<Lead>, String> {
        let report = self.ws.load_with(detail).map_err(self.store_err())?;
        self.warn_problems(&report);
        Ok(report.leads)
    }

    /// The lead `id` (or the start of one) names: from its own file when the name says which
    /// (one file read, see `LeadStore::find_one`), else from the whole folder, which also
    /// explains a prefix that matches none or several.
    fn find(&self, id: &str) -> Result<Lead, String> {
        if let Some(lead) = self.ws.store.find_one(id) {
            return Ok(lead);
        }
        let leads = self.load()?;
        find_by_prefix(&leads, id)
            .cloned()
            .map_err(|e| find_error(self.lang, &e))
    }

    /// `load` for a command that holds the folder's lock: unlike `load`, it also moves broken
    /// and duplicate files to `quarantine/`, which only the lock's holder may do.
    fn load_held(&self, _lock: &FolderLock) -> Result<Vec<Lead>, String> {
        let report = self.ws.store.load_all().map_err(self.store_err())?;
        self.warn_problems(&report);
        Ok(report.leads)
    }

    fn warn_problems(&self, report: &LoadReport) {
        let m = self.m();
        for p in &report.problems {
            let file = p.file.display().to_string();
            match &p.moved_to {
                Some(to) => self.warn(&fill(
                    m.not_loaded_moved,
                    &[
                        &file,
                        &problem_reason(self.lang, p),
                        &to.display().to_string(),
                    ],
                )),
                None => self.warn(&fill(m.not_loaded, &[&file, &problem_reason(self.lang, p)])),
            }
        }
    }
}

/// How a command opens its data folder: only an import and a framework switch create one (the
/// rep is putting something into it); commands that read leads need it to exist, so a mistyped
/// `--data-dir` is named instead of becoming an empty folder; `framework list|show|check` need
/// no leads and read a missing folder as a new one.
fn open_mode(command: &Command) -> Open {
    use super::FrameworkCommand as F;
    match command {
        Command::Import { .. } | Command::Framework(F::Use { .. }) => Open::Create,
        #[cfg(feature = "corpus")]
        Command::GenerateCorpus { .. } => Open::Create,
        Command::Framework(F::List | F::Show { .. } | F::Check { .. }) => Open::IfThere,
        Command::List { .. }
        | Command::Show { .. }
        | Command::Export { .. }
        | Command::Check { .. }
        | Command::Delete { .. }
        | Command::Restore { .. }
        | Command::Trash { .. }
        | Command::Pdf { .. }
        | Command::Print { .. }
        | Command::CallSheet { .. }
        | Command::Summary { .. }
        | Command::Calendar { .. }
        | Command::Framework(F::Export { .. })
        | Command::PackagingFiles { .. } => Open::Existing,
    }
}

/// Whether a command writes into the data folder (and so first completes or undoes a batch a
/// kill interrupted there).
fn writes(command: &Command) -> bool {
    match command {
        Command::Import { dry_run, .. } => !dry_run,
        Command::Delete { .. } | Command::Restore { .. } => true,
        Command::Framework(super::FrameworkCommand::Use { .. }) => true,
        Command::Check { repair } => *repair,
        #[cfg(feature = "corpus")]
        Command::GenerateCorpus { .. } => true,
        _ => false,
    }
}

/// Completes or undoes a batch a kill or a power cut interrupted (`store::recover`), under the
/// folder's lock, before a command writes anything, and says so once. A window that holds the
/// lock did this at its start. Returns whether anything was done (the team files may have
/// changed).
fn recover_batches(ws: &Workspace, lang: Lang) -> Result<bool, String> {
    let root = ws.store.root();
    if crate::store::pending(root).is_empty() {
        return Ok(false);
    }
    let Ok(_lock) = ws.lock() else {
        return Ok(false);
    };
    let done =
        crate::store::recover(root).map_err(|e| io_failure(lang, FileAction::Recover, root, &e))?;
    let note = messages(lang).note;
    for r in &done {
        eprintln!("leadq: {note}: {}", crate::i18n::recovered(lang, *r));
    }
    Ok(!done.is_empty())
}

pub fn run(data_dir: Option<&Path>, lang: Lang, command: Command) -> Outcome {
    let mode = open_mode(&command);
    let (mut ws, created) =
        Workspace::open_with(data_dir, mode).map_err(|e| workspace_error(lang, &e))?;
    if writes(&command) {
        if recover_batches(&ws, lang)? {
            ws = Workspace::open_with(data_dir, mode)
                .map_err(|e| workspace_error(lang, &e))?
                .0;
        }
    } else if !matches!(command, Command::Check { .. }) {
        for p in crate::store::pending(ws.store.root()) {
            let warning = messages(lang).warning;
            eprintln!("leadq: {warning}: {}", crate::i18n::pending_batch(lang, p));
        }
    }
    let cx = Ctx { ws, lang };
    if created {
        let path = cx.ws.store.root().display().to_string();
        eprintln!(
            "leadq: {}: {}",
            cx.m().note,
            fill(cx.m().folder_created, &[&path])
        );
    }
    for problem in &cx.ws.team.problems {
        cx.warn(&crate::i18n::team_problem(lang, problem));
    }
    match command {
        Command::List { json, class, stage } => {
            list(&cx, json, class.map(Into::into), stage.map(Into::into))
        }
        Command::Show { id, json } => show(&cx, &id, json),
        Command::Import {
            file,
            map,
            on_duplicate,
            dry_run,
            sheet,
            skip_invalid,
            encoding,
            header_row,
            report_saved,
        } => import(
            &cx,
            &file,
            &ImportArgs {
                map,
                on_duplicate: on_duplicate.into(),
                dry_run,
                sheet,
                skip_invalid,
                encoding,
                header_row,
                report_saved,
            },
        ),
        Command::Export {
            file,
            semicolon,
            ids,
        } => export(&cx, &file, semicolon, ids),
        Command::Check { .. } => check(&cx),
        Command::Delete { id } => delete(&cx, &id),
        Command::Restore { id } => restore(&cx, &id),
        Command::Trash { json } => trash(&cx, json),
        Command::Pdf {
            ids,
            all,
            class,
            output,
        } => pdf(&cx, &ids, all, class.map(Into::into), &output),
        command @ (Command::Print { .. } | Command::CallSheet { .. }) => print::run(&cx, command),
        Command::Summary { json } => summary(&cx, json),
        Command::Calendar {
            output,
            class,
            stage,
        } => calendar(&cx, &output, class.map(Into::into), stage.map(Into::into)),
        Command::Framework(command) => framework(&cx, command),
        #[cfg(feature = "corpus")]
        Command::GenerateCorpus { count, seed } => generate_corpus(&cx, count, seed),
        // Dispatched before a data folder is opened (see `cli::run`); kept for completeness.
        Command::PackagingFiles { dir } => super::packaging::write_all(&dir)
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| format!("{e:#}")),
    }
}

fn print(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    printed(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// The outcome of writing to stdout: a closed pipe (`leadq list | head`) is not an error worth
/// a message.
fn printed(result: io::Result<()>) -> Outcome {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Prints a JSON array exactly as `serde_json::to_string_pretty` of the whole array would: the
/// items rendered on all cores a few thousand at a time and written in order, so 100,000 leads
/// never stand in memory as JSON at once. `json` gives an item's JSON.
fn print_json_array<T: Sync, J: serde::Serialize>(
    items: &[T],
    json: impl Fn(&T) -> J + Sync,
) -> Outcome {
    crate::platform::widen_stdout_pipe();
    printed(write_json_array(io::stdout(), items, json))
}

/// Items rendered per round of [`write_json_array`] (each round's text is held until written).
const JSON_ROUND: usize = 8192;

fn write_json_array<T: Sync, J: serde::Serialize>(
    mut out: impl Write + Send,
    items: &[T],
    json: impl Fn(&T) -> J + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]\n").and_then(|()| out.flush());
    }
    // A thread of its own writes each round while the next one is rendered: whoever reads a
    // pipe takes its time.
    std::thread::scope(|scope| {
        let (texts_tx, texts) = std::sync::mpsc::sync_channel::<Vec<u8>>(16);
        let writer = scope.spawn(move || -> io::Result<()> {
            for text in texts {
                out.write_all(&text)?;
            }
            out.flush()
        });
        let rendered = (|| -> io::Result<()> {
            let send = |text: Vec<u8>| texts_tx.send(text).is_ok();
            for chunk in items.chunks(JSON_ROUND) {
                let blocks: Vec<&[T]> = chunk.chunks(512).collect();
                let round = crate::parallel::map(&blocks, 1, |block| -> io::Result<Vec<u8>> {
                    // A block is laid out by `serde_json` as an array of its own ("[\n  a,\n
                    // b\n]"): its items, without the brackets, are the big array's lines.
                    let mut text = Vec::new();
                    serde_json::to_writer_pretty(&mut text, &Items(block, &json))
                        .map_err(io::Error::other)?;
                    text.truncate(text.len().saturating_sub(2));
                    // Its "[" opens the big array, or is the comma after the block before.
                    if let Some(open) = text.first_mut()
                        && !std::ptr::eq(block.as_ptr(), items.as_ptr())
                    {
                        *open = b',';
                    }
                    Ok(text)
                });
                for text in round {
                    let text = text.map_err(|p| io::Error::other(p.to_string()))??;
                    if !send(text) {
                        // The writer stopped on an error, which it returns.
                        return Ok(());
                    }
                }
            }
            // Closed only when every item is in: an error leaves the array open, never
            // complete-looking.
            send(b"\n]\n".to_vec());
            Ok(())
        })();
        drop(texts_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writing the output failed inside LeadQ")));
        // A failed render leaves the array unfinished: its error is the one to tell.
        rendered.and(written)
    })
}

/// Items written as a JSON array, each as `json` gives it.
struct Items<'a, T, F>(&'a [T], &'a F);

impl<T, J: serde::Serialize, F: Fn(&T) -> J> serde::Serialize for Items<'_, T, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(self.1))
    }
}

fn json_text(value: &serde_json::Value) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|text| format!("{text}\n"))
        .map_err(|e| e.to_string())
}

fn list(cx: &Ctx, json: bool, class: Option<Class>, stage: Option<Stage>) -> Outcome {
    // The list shows no history, in JSON neither.
    let leads = cx.load_with(Detail::NoHistory)?;
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let briefs = brief_all(&leads, fw, rules)?;
    let mut rows: Vec<(&Lead, &Brief)> = leads
        .iter()
        .zip(&briefs)
        .filter(|(lead, brief)| {
            class.is_none_or(|c| brief.rated_class() == Some(c))
                && stage.is_none_or(|s| lead.stage == s)
        })
        .collect();
    // Best score first, then by company; each company lower-cased once, not per comparison.
    rows.sort_by_cached_key(|(l, e)| (Reverse(e.score), l.company.to_lowercase()));
    let outcome = if json {
        print_json_array(&rows, |&(lead, brief)| LeadJson { lead, brief })
    } else {
        print(&lead_table(&rows, cx.lang))
    };
    leave(rows);
    leave(briefs);
    leave(leads);
    outcome
}

/// The brief of every lead's evaluation, on all cores: what a list and its counts need, a few
/// dozen bytes a lead where whole evaluations of 100,000 leads take 40 MB.
fn brief_all(
    leads: &[Lead],
    fw: &crate::domain::Framework,
    rules: &crate::domain::Classification,
) -> Result<Vec<crate::domain::Brief>, String> {
    crate::parallel::map(leads, 4096, |l| l.evaluate(fw, rules).brief())
        .into_iter()
        .map(|e| e.map_err(|p| p.to_string()))
        .collect()
}

/// Every lead's evaluation, on all cores: at 100,000 leads the scores are a good part of a
/// command's time.
fn evaluate_all(
    leads: &[Lead],
    fw: &crate::domain::Framework,
    rules: &crate::domain::Classification,
) -> Result<Vec<crate::domain::Evaluation>, String> {
    crate::parallel::map(leads, 4096, |l| l.evaluate(fw, rules))
        .into_iter()
        .map(|e| e.map_err(|p| p.to_string()))
        .collect()
}

/// Leaves what a command loaded to the end of the process, which is near: the OS takes the
/// memory back at once, while freeing 100,000 leads one allocation at a time costs millions of
/// calls to the allocator.
fn leave<T>(loaded: T) {
    std::mem::forget(loaded);
}

fn summary(cx: &Ctx, json: bool) -> Outcome {
    let leads = cx.load_with(Detail::NoHistory)?;
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let briefs = brief_all(&leads, fw, rules)?;
    let criteria: Vec<&str> = fw.criteria.iter().map(|c| c.id.as_str()).collect();
    let p =
        crate::domain::Pipeline::count(leads.iter().zip(&briefs), &criteria, crate::clock::today());
    let outcome = if json {
        print(&json_text(&super::render::pipeline_json(&p))?)
    } else {
        print(&crate::i18n::pipeline_text(fw, cx.lang, &p))
    };
    leave(briefs);
    leave(leads);
    outcome
}

fn calendar(cx: &Ctx, file: &Path, class: Option<Class>, stage: Option<Stage>) -> Outcome {
    let leads = cx.load()?;
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let evals = evaluate_all(&leads, fw, rules)?;
    let mut chosen: Vec<(&Lead, &crate::domain::Evaluation)> = leads
        .iter()
        .zip(&evals)
        .filter(|(l, e)| {
            l.follow_up.is_some()
                && class.is_none_or(|c| e.rated_class() == Some(c))
                && stage.is_none_or(|s| l.stage == s)
        })
        .collect();
    chosen.sort_by_key(|(l, _)| (l.follow_up, l.id));
    let text = crate::calendar::follow_ups_ics(&chosen, fw, cx.lang, crate::clock::now());
    crate::store::write_atomic(file, text.as_bytes())
        .map_err(|e| write_failure(cx.lang, file, &e))?;
    eprintln!(
        "leadq: {}",
        fill(
            cx.m().exported,
            &[
                &cx.m().follow_ups.of(chosen.len(), &[]),
                &file.display().to_string()
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn show(cx: &Ctx, id: &str, json: bool) -> Outcome {
    let lead = &cx.find(id)?;
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    if json {
        print(&json_text(&lead_detail_json(fw, rules, cx.lang, lead))?)
    } else {
        print(&lead_text(fw, rules, cx.lang, lead))
    }
}

/// `leadq export FILE`: every lead, oldest first, in the rep's words or (`--ids`) by the ids
/// scripts rely on.
fn export(cx: &Ctx, file: &Path, semicolon: bool, ids: bool) -> Outcome {
    let lang = cx.lang;
    let naming = if ids {
        Naming::Ids
    } else {
        Naming::Words(lang)
    };
    let mut leads = cx.load()?;
    leads.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    if file == Path::new("-") {
        write_csv(io::stdout().lock(), &leads, fw, rules, semicolon, naming)
            .map_err(|e| csv_error(lang, &e))?;
    } else {
        // `.xlsx` a workbook, anything else CSV with a byte-order mark (for Excel's umlauts).
        let format = ExportFormat::for_path(file, semicolon);
        let bytes = export_bytes(format, &leads, fw, rules, naming)
            .map_err(|e| format!("{}: {}", file.display(), export_error(lang, &e)))?;
        crate::store::write_atomic(file, &bytes).map_err(|e| write_failure(lang, file, &e))?;
        eprintln!(
            "leadq: {}",
            fill(
                cx.m().exported,
                &[
                    &cx.m().leads.of(leads.len(), &[]),
                    &file.display().to_string()
                ]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn check(cx: &Ctx) -> Outcome {
    let m = cx.m();
    let report = cx.ws.store.check_all().map_err(cx.store_err())?;
    for p in &report.problems {
        let what = match p.kind {
            ProblemKind::Broken => m.kind_broken,
            ProblemKind::Newer => m.kind_newer,
            ProblemKind::Unreadable => m.kind_unreadable,
            ProblemKind::Duplicate => m.kind_duplicate,
            ProblemKind::SyncConflict => m.kind_sync_conflict,
        };
        println!(
            "{}: {what}: {}",
            p.file.display(),
            problem_reason(cx.lang, p)
        );
    }
    let live_and_trashed = report_live_and_trashed(cx);
    // A batch a kill interrupted (with --repair it was completed or undone before this).
    let interrupted = crate::store::pending(cx.ws.store.root());
    for p in &interrupted {
        println!("{}", crate::i18n::pending_batch(cx.lang, *p));
    }
    // Files that load, but name answers or criteria the framework does not know (a typo in a
    // hand edit): scored as unknown, so say so.
    let fw = &cx.ws.team.framework;
    let mut with_unknown = 0usize;
    for lead in &report.leads {
        let unknown = lead.unknown_ids(fw);
        if unknown.is_empty() {
            continue;
        }
        with_unknown += 1;
        let file = cx.ws.store.file_of(lead);
        for id in &unknown {
            println!("{}: {}", file.display(), unknown_id(cx.lang, fw, id));
        }
    }
    let quarantined = fs::read_dir(cx.ws.store.quarantine_dir())
        .map(|d| d.count())
        .unwrap_or(0);
    if quarantined > 0 {
        eprintln!(
            "leadq: {}: {}",
            m.note,
            m.files_wait.of(
                quarantined,
                &[&cx.ws.store.quarantine_dir().display().to_string()]
            )
        );
    }
    let bad = report.problems.len() + with_unknown + live_and_trashed + interrupted.len();
    if bad == 0 {
        println!(
            "{}",
            fill(
                m.check_all_fine,
                &[
                    &m.lead_files.of(report.leads.len(), &[]),
                    &cx.ws.store.leads_dir().display().to_string()
                ]
            )
        );
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{}",
            fill(
                m.check_with_problems,
                &[
                    &m.files.of(report.leads.len() - with_unknown, &[]),
                    &bad.to_string()
                ]
            )
        );
        Ok(ExitCode::FAILURE)
    }
}

fn delete(cx: &Ctx, id: &str) -> Outcome {
    let _lock = cx.lock_for_writing()?;
    let lead = cx.find(id)?;
    cx.ws.store.trash(lead.id).map_err(cx.store_err())?;
    eprintln!(
        "leadq: {}",
        fill(
            cx.m().moved_to_trash,
            &[lead.display_name(), &lead.id.to_string()]
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn restore(cx: &Ctx, id: &str) -> Outcome {
    let _lock = cx.lock_for_writing()?;
    let trashed = cx.ws.store.load_trash().map_err(cx.store_err())?.leads;
    let Ok(lead) = find_by_prefix(&trashed, id) else {
        return Err(fill(cx.m().trash_none, &[id]));
    };
    let restored = cx.ws.store.restore(lead.id).map_err(cx.store_err())?;
    eprintln!(
        "leadq: {}",
        fill(cx.m().restored, &[restored.display_name()])
    );
    Ok(ExitCode::SUCCESS)
}

fn trash(cx: &Ctx, json: bool) -> Outcome {
    let report = cx.ws.store.load_trash().map_err(cx.store_err())?;
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    // Live again (deleted on another machine, edited here): listed, but said not restorable.
    let live: std::collections::HashSet<uuid::Uuid> = cx
        .ws
        .store
        .live_and_trashed()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let rows: Vec<(&Lead, _)> = report
        .leads
        .iter()
        .map(|l| (l, l.evaluate(fw, rules)))
        .collect();
    if json {
        let items: Vec<_> = rows
            .iter()
            .map(|(l, e)| {
                let mut item = lead_json(l, e);
                if let Some(map) = item.as_object_mut() {
                    map.insert("live".into(), live.contains(&l.id).into());
                    map.insert("restorable".into(), (!live.contains(&l.id)).into());
                }
                item
            })
            .collect();
        print(&json_text(&serde_json::Value::Array(items))?)
    } else {
        let briefs: Vec<Brief> = rows.iter().map(|(_, e)| e.brief()).collect();
        let table: Vec<_> = rows.iter().map(|(l, _)| *l).zip(&briefs).collect();
        let mut text = lead_table(&table, cx.lang);
        for (lead, _) in rows.iter().filter(|(l, _)| live.contains(&l.id)) {
            let id = lead.id.to_string();
            text.push_str(&fill(
                cx.m().trash_not_restorable,
                &[
                    &id,
                    lead.display_name(),
                    &cx.ws.store.leads_dir().display().to_string(),
                    &id,
                ],
            ));
            text.push('\n');
        }
        print(&text)
    }
}

/// `leadq check`: names every lead that is live and in the trash at once (deleted on one
/// machine while edited on another; the sync tool kept the edit). Returns how many.
fn report_live_and_trashed(cx: &Ctx) -> usize {
    let live = cx.ws.store.live_and_trashed();
    for (id, copies) in &live {
        let copies: Vec<String> = copies.iter().map(|p| p.display().to_string()).collect();
        println!(
            "{}",
            fill(
                cx.m().check_live_and_trashed,
                &[
                    &cx.ws.store.lead_path(*id).display().to_string(),
                    &copies.join(", ")
                ]
            )
        );
    }
    live.len()
}

/// `leadq pdf`: one lead into a file, or several leads into a folder, one file each.
fn pdf(cx: &Ctx, ids: &[String], all: bool, class: Option<Class>, output: &Path) -> Outcome {
    let leads = if all {
        cx.load()?
    } else {
        // Each named lead from its own file: one report among 100,000 leads reads one file.
        let mut named: Vec<Lead> = Vec::new();
        for id in ids {
            let lead = cx.find(id)?;
            if !named.iter().any(|l| l.id == lead.id) {
                named.push(lead);
            }
        }
        named
    };
    let chosen = pdf_leads(cx, &leads, all, class);
    let opts = ReportOptions {
        lang: cx.lang,
        today: crate::clock::today(),
        version: crate::VERSION,
    };
    let names_a_file = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        && !output.is_dir();
    let targets = if names_a_file {
        crate::report::BatchPaths {
            paths: vec![pdf_file_target(cx, output, all, chosen.len())?],
            replaced: 0,
        }
    } else {
        create_folder(cx, output)?;
        batch_paths(output, &chosen, opts.today, opts.lang)
    };
    let replaced = targets.replaced;
    let jobs: Vec<(&Lead, PathBuf)> = chosen.iter().copied().zip(targets.paths).collect();
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let results = write_reports(&jobs, fw, rules, &opts, &BatchControl::default());
    let failed = report_pdf_results(cx, &jobs, results);
    let written = jobs.len() - failed;
    let m = cx.m();
    if !names_a_file {
        let mut wrote = fill(
            m.pdf_wrote_n,
            &[&m.pdfs.of(written, &[]), &output.display().to_string()],
        );
        if replaced > 0 {
            wrote.push_str(&m.pdfs_replaced.of(replaced, &[]));
        }
        eprintln!("leadq: {wrote}");
    } else if written == 1 {
        eprintln!(
            "leadq: {}",
            fill(m.pdf_wrote, &[&output.display().to_string()])
        );
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The leads `leadq pdf` writes: with `--all` every lead (of `class`), best score first; else
/// the named ones (`leads`), in the order given.
fn pdf_leads<'a>(cx: &Ctx, leads: &'a [Lead], all: bool, class: Option<Class>) -> Vec<&'a Lead> {
    if !all {
        return leads.iter().collect();
    }
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let mut rows: Vec<(&Lead, u8)> = leads
        .iter()
        .map(|l| (l, l.evaluate(fw, rules)))
        .filter(|(_, e)| class.is_none_or(|c| e.rated_class() == Some(c)))
        .map(|(l, e)| (l, e.score))
        .collect();
    rows.sort_by(|(la, sa), (lb, sb)| {
        sb.cmp(sa)
            .then_with(|| la.company.to_lowercase().cmp(&lb.company.to_lowercase()))
    });
    rows.into_iter().map(|(l, _)| l).collect()
}

/// `-o report.pdf` names one file: right for exactly one lead named by id, refused otherwise
/// (several reports would overwrite each other). Creates the file's folder.
fn pdf_file_target(cx: &Ctx, output: &Path, all: bool, count: usize) -> Result<PathBuf, String> {
    if all || count != 1 {
        let m = cx.m();
        let template = if all {
            m.pdf_one_file_all
        } else {
            m.pdf_one_file_ids
        };
        return Err(fill(template, &[&output.display().to_string()]));
    }
    if let Some(folder) = crate::store::folder_of(output) {
        create_folder(cx, folder)?;
    }
    Ok(output.to_path_buf())
}

fn create_folder(cx: &Ctx, dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| io_failure(cx.lang, FileAction::CreateFolder, dir, &e))
}

/// Tells the rep, per lead, what failed or what the PDF could not show as written; returns how
/// many reports failed.
fn report_pdf_results(
    cx: &Ctx,
    jobs: &[(&Lead, PathBuf)],
    results: Vec<Result<Vec<char>, String>>,
) -> usize {
    let m = cx.m();
    let mut failed = 0;
    for ((lead, _), result) in jobs.iter().zip(results) {
        let name = if lead.display_name().is_empty() {
            crate::i18n::texts(cx.lang).unnamed_lead
        } else {
            lead.display_name()
        };
        match result {
            Ok(chars) => {
                let (unjoined, missing): (Vec<char>, Vec<char>) =
                    chars.into_iter().partition(|c| is_unjoined_letter(*c));
                let list = |chars: &[char]| {
                    let shown: Vec<String> = chars.iter().map(char::to_string).collect();
                    shown.join(" ")
                };
                if !missing.is_empty() {
                    cx.warn(&fill(m.pdf_missing_glyphs, &[name, &list(&missing)]));
                }
                if !unjoined.is_empty() {
                    cx.warn(&fill(m.pdf_unjoined, &[name, &list(&unjoined)]));
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("leadq: {name}: {e}");
            }
        }
    }
    failed
}

/// `leadq generate-corpus N [--seed S]` (hidden; `--features corpus`): writes N generated test
/// leads.
#[cfg(feature = "corpus")]
fn generate_corpus(cx: &Ctx, count: usize, seed: u64) -> Outcome {
    let dir = cx.ws.store.leads_dir();
    let started = std::time::Instant::now();
    let bytes =
        crate::corpus::write_corpus(&dir, &cx.ws.team.framework, &cx.ws.team.rules, count, seed)
            .map_err(|e| io_failure(cx.lang, FileAction::SaveLead, &dir, &e))?;
    eprintln!(
        "leadq: wrote {count} leads ({:.1} MB) to {} in {:.1} s",
        bytes as f64 / 1e6,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// An item's JSON for `write_json_array` (a copy: the item's own JSON must not borrow it).
    fn pretty(v: &serde_json::Value) -> serde_json::Value {
        v.clone()
    }

    /// An item whose JSON cannot be written.
    struct Unwritable;

    impl serde::Serialize for Unwritable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot"))
        }
    }

    #[test]
    fn a_json_array_whose_item_fails_is_never_closed() {
        // Past the first round of items, so that some are written before the failing one.
        let items: Vec<usize> = (0..20_000).collect();
        let mut out = Vec::new();
        let written = super::write_json_array(&mut out, &items, |&i| {
            if i == 12_345 { Err(Unwritable) } else { Ok(i) }
        });
        assert!(written.is_err());
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with('['));
        assert!(
            !text.trim_end().ends_with(']'),
            "{}",
            &text[text.len() - 40..]
        );
    }

    #[test]
    fn json_array_item_by_item_is_the_whole_array_pretty() {
        let items = [
            json!({"id": "a", "answers": {"budget": "approved"}, "empty": [], "none": {}}),
            json!([[], {}, [{}], {"a": [[]]}, "x\ny"]),
            json!({"company": "Müller \"&\" Söhne\nGmbH", "score": 55, "list": [1, [2, 3]]}),
        ];
        // Across blocks of 512 and rounds of 8192 items.
        let many: Vec<_> = (0..9000)
            .map(|i| json!({"n": i, "list": [i, {"x": []}]}))
            .collect();
        let mut out = Vec::new();
        super::write_json_array(&mut out, &many, pretty).unwrap();
        let whole = serde_json::to_string_pretty(&serde_json::Value::Array(many.clone())).unwrap();
        assert!(String::from_utf8(out).unwrap() == format!("{whole}\n"));
        for n in 0..=items.len() {
            let mut out = Vec::new();
            super::write_json_array(&mut out, &items[..n], pretty).unwrap();
            let whole =
                serde_json::to_string_pretty(&serde_json::Value::Array(items[..n].to_vec()))
                    .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("{whole}\n"));
        }
    }
}
