use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::Command;
use super::render::{lead_detail_json, lead_json, lead_table, lead_text};
use crate::domain::{Class, Lang, Lead, Stage};
use crate::exchange::{apply_row, parse_csv, write_csv};
use crate::report::{BatchControl, ReportOptions, batch_paths, write_reports};
use crate::store::{FolderLock, LoadReport, ProblemKind, Workspace, find_by_prefix};

pub fn run(data_dir: Option<&Path>, lang: Lang, command: Command) -> Result<ExitCode> {
    let ws = Workspace::open(data_dir)?;
    for problem in &ws.team.problems {
        eprintln!("leadq: warning: {problem}");
    }
    match command {
        Command::List { json, class, stage } => list(
            &ws,
            lang,
            json,
            class.map(Into::into),
            stage.map(Into::into),
        ),
        Command::Show { id, json } => show(&ws, lang, &id, json),
        Command::Import {
            file,
            skip_invalid,
            report_saved,
        } => import(&ws, &file, skip_invalid, report_saved),
        Command::Export { file, semicolon } => export(&ws, &file, semicolon),
        Command::Check => check(&ws),
        Command::Delete { id } => delete(&ws, &id),
        Command::Restore { id } => restore(&ws, &id),
        Command::Trash { json } => trash(&ws, lang, json),
        Command::Pdf {
            ids,
            all,
            class,
            output,
        } => pdf(&ws, lang, &ids, all, class.map(Into::into), &output),
        Command::GenerateCorpus { count, seed } => generate_corpus(&ws, count, seed),
        Command::PackagingFiles { dir } => {
            super::packaging::write_all(&dir).map(|()| ExitCode::SUCCESS)
        }
    }
}

/// Loads the leads and tells the user about files that could not be loaded.
/// Takes the folder for a command that writes, and tidies what a crash may have left.
fn lock_for_writing(ws: &Workspace) -> Result<FolderLock> {
    let lock = ws.lock()?;
    ws.store.remove_stale_temp_files();
    Ok(lock)
}

fn load(ws: &Workspace) -> Result<Vec<Lead>> {
    let report = ws.load()?;
    warn_problems(&report);
    Ok(report.leads)
}

/// `load` for a command that already holds the folder's lock.
fn load_held(ws: &Workspace, _lock: &FolderLock) -> Result<Vec<Lead>> {
    let report = ws.store.load_all()?;
    warn_problems(&report);
    Ok(report.leads)
}

fn warn_problems(report: &LoadReport) {
    for p in &report.problems {
        match &p.moved_to {
            Some(to) => eprintln!(
                "leadq: warning: {} could not be loaded ({}); moved to {} with its content intact",
                p.file.display(),
                p.reason,
                to.display()
            ),
            None => eprintln!(
                "leadq: warning: {} could not be loaded: {}",
                p.file.display(),
                p.reason
            ),
        }
    }
}

fn print(text: &str) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    // A closed pipe (`leadq list | head`) is not an error worth a message.
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn json_text(value: &serde_json::Value) -> Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(value)?))
}

fn list(
    ws: &Workspace,
    lang: Lang,
    json: bool,
    class: Option<Class>,
    stage: Option<Stage>,
) -> Result<ExitCode> {
    let leads = load(ws)?;
    let (fw, rules) = (&ws.team.framework, &ws.team.rules);
    let mut rows: Vec<(&Lead, _)> = leads
        .iter()
        .map(|l| (l, l.evaluate(fw, rules)))
        .filter(|(l, e)| class.is_none_or(|c| e.class == c) && stage.is_none_or(|s| l.stage == s))
        .collect();
    rows.sort_by(|(la, ea), (lb, eb)| {
        eb.score
            .cmp(&ea.score)
            .then_with(|| la.company.to_lowercase().cmp(&lb.company.to_lowercase()))
    });
    if json {
        let items: Vec<_> = rows.iter().map(|(l, e)| lead_json(l, e)).collect();
        print(&json_text(&serde_json::Value::Array(items))?)
    } else {
        print(&lead_table(&rows, lang))
    }
}

fn show(ws: &Workspace, lang: Lang, id: &str, json: bool) -> Result<ExitCode> {
    let leads = load(ws)?;
    let lead = find_by_prefix(&leads, id).map_err(anyhow::Error::msg)?;
    let (fw, rules) = (&ws.team.framework, &ws.team.rules);
    if json {
        print(&json_text(&lead_detail_json(fw, rules, lang, lead))?)
    } else {
        print(&lead_text(fw, rules, lang, lead))
    }
}

fn import(ws: &Workspace, file: &Path, skip_invalid: bool, report_saved: bool) -> Result<ExitCode> {
    let lock = lock_for_writing(ws)?;
    let bytes = fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let (fw, rules) = (&ws.team.framework, &ws.team.rules);
    let parsed =
        parse_csv(&bytes, fw).with_context(|| format!("{} cannot be imported", file.display()))?;
    for e in &parsed.errors {
        eprintln!("leadq: {}:{}: {}", file.display(), e.line, e.message);
    }
    if !parsed.errors.is_empty() && !skip_invalid {
        eprintln!(
            "leadq: nothing imported: {} bad row(s) in {}; fix them, or pass --skip-invalid to import the {} valid row(s)",
            parsed.errors.len(),
            file.display(),
            parsed.rows.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let mut leads = load_held(ws, &lock)?;
    let mut index: std::collections::HashMap<uuid::Uuid, usize> =
        leads.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let now = crate::clock::now();
    let (mut created, mut updated) = (0usize, 0usize);
    for row in &parsed.rows {
        let existing = row.id.and_then(|id| index.get(&id).copied());
        let lead = match existing {
            Some(i) => {
                updated += 1;
                &mut leads[i]
            }
            None => {
                created += 1;
                leads.push(Lead::new(row.id.unwrap_or_else(crate::clock::new_id), now));
                let last = leads.len() - 1;
                index.insert(leads[last].id, last);
                &mut leads[last]
            }
        };
        apply_row(row, lead, fw, rules, now);
        ws.store
            .save(lead)
            .with_context(|| format!("line {}: the lead was not saved", row.line))?;
        if report_saved {
            // Ignore a closed pipe: the lead is saved either way.
            let _ = writeln!(io::stdout(), "saved {}", lead.id);
        }
    }
    eprintln!(
        "leadq: imported {} row(s) from {}: {created} new, {updated} updated{}",
        parsed.rows.len(),
        file.display(),
        if parsed.errors.is_empty() {
            String::new()
        } else {
            format!(", {} bad row(s) skipped", parsed.errors.len())
        }
    );
    Ok(if parsed.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

fn export(ws: &Workspace, file: &Path, semicolon: bool) -> Result<ExitCode> {
    let mut leads = load(ws)?;
    leads.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    let (fw, rules) = (&ws.team.framework, &ws.team.rules);
    if file == Path::new("-") {
        write_csv(io::stdout().lock(), &leads, fw, rules, semicolon)?;
    } else {
        let mut bytes = Vec::new();
        write_csv(&mut bytes, &leads, fw, rules, semicolon)?;
        crate::store::write_atomic(file, &bytes)
            .with_context(|| format!("could not write {}", file.display()))?;
        eprintln!(
            "leadq: exported {} lead(s) to {}",
            leads.len(),
            file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn check(ws: &Workspace) -> Result<ExitCode> {
    let report = ws.store.check_all()?;
    for p in &report.problems {
        let what = match p.kind {
            ProblemKind::Broken => "broken",
            ProblemKind::Newer => "newer version",
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::Duplicate => "duplicate id",
            ProblemKind::SyncConflict => "sync conflict copy",
        };
        println!("{}: {what}: {}", p.file.display(), p.reason);
    }
    let quarantined = fs::read_dir(ws.store.quarantine_dir())
        .map(|d| d.count())
        .unwrap_or(0);
    if quarantined > 0 {
        eprintln!(
            "leadq: note: {quarantined} file(s) wait in {} for you to repair or delete",
            ws.store.quarantine_dir().display()
        );
    }
    if report.problems.is_empty() {
        println!(
            "{} lead file(s) in {}: all fine",
            report.leads.len(),
            ws.store.leads_dir().display()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{} file(s) fine, {} with problems",
            report.leads.len(),
            report.problems.len()
        );
        Ok(ExitCode::FAILURE)
    }
}

fn delete(ws: &Workspace, id: &str) -> Result<ExitCode> {
    let lock = lock_for_writing(ws)?;
    let leads = load_held(ws, &lock)?;
    let lead = find_by_prefix(&leads, id).map_err(anyhow::Error::msg)?;
    ws.store.trash(lead.id)?;
    eprintln!(
        "leadq: moved \"{}\" to the trash; `leadq restore {}` brings it back",
        lead.display_name(),
        lead.id
    );
    Ok(ExitCode::SUCCESS)
}

fn restore(ws: &Workspace, id: &str) -> Result<ExitCode> {
    let _lock = lock_for_writing(ws)?;
    let trashed = ws.store.load_trash()?.leads;
    let Ok(lead) = find_by_prefix(&trashed, id) else {
        bail!("no lead in the trash has an id starting with \"{id}\"; `leadq trash` lists them");
    };
    let restored = ws.store.restore(lead.id)?;
    eprintln!("leadq: restored \"{}\"", restored.display_name());
    Ok(ExitCode::SUCCESS)
}

fn trash(ws: &Workspace, lang: Lang, json: bool) -> Result<ExitCode> {
    let report = ws.store.load_trash()?;
    let (fw, rules) = (&ws.team.framework, &ws.team.rules);
    let rows: Vec<(&Lead, _)> = report
        .leads
        .iter()
        .map(|l| (l, l.evaluate(fw, rules)))
        .collect();
    if json {
        let items: Vec<_> = rows.iter().map(|(l, e)| lead_json(l, e)).collect();
        print(&json_text(&serde_json::Value::Array(items))?)
    } else {
        print(&lead_table(&rows, lang))
    }
}

/// `leadq pdf`: one lead into a file, or several leads into a folder, one file each.
fn pdf(
    ws: &Workspace,
    lang: Lang,
    ids: &[String],
    all: bool,
    class: Option<Class>,
    output: &Path,
) -> Result<ExitCode> {
    let leads = load(ws)?;
    let (fw, rules) = (&ws.team.framework, &ws.team.rules);
    let mut chosen: Vec<&Lead> = Vec::new();
    if all {
        let mut rows: Vec<(&Lead, u8)> = leads
            .iter()
            .map(|l| (l, l.evaluate(fw, rules)))
            .filter(|(_, e)| class.is_none_or(|c| e.class == c))
            .map(|(l, e)| (l, e.score))
            .collect();
        rows.sort_by(|(la, sa), (lb, sb)| {
            sb.cmp(sa)
                .then_with(|| la.company.to_lowercase().cmp(&lb.company.to_lowercase()))
        });
        chosen.extend(rows.into_iter().map(|(l, _)| l));
    } else {
        for id in ids {
            let lead = find_by_prefix(&leads, id).map_err(anyhow::Error::msg)?;
            if !chosen.iter().any(|l| l.id == lead.id) {
                chosen.push(lead);
            }
        }
    }

    let names_a_file = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        && !output.is_dir();
    let opts = ReportOptions {
        lang,
        today: crate::clock::today(),
        version: crate::VERSION,
    };
    let targets: Vec<PathBuf> = if names_a_file {
        if all || chosen.len() != 1 {
            bail!(
                "{} names one PDF file, but {} write one file per lead; give a folder with -o",
                output.display(),
                if all {
                    "--all would"
                } else {
                    "several ids would"
                }
            );
        }
        vec![with_folder(output)]
    } else {
        fs::create_dir_all(output)
            .with_context(|| format!("could not create the folder {}", output.display()))?;
        batch_paths(output, &chosen, opts.today)
    };
    if let Some(parent) = targets.first().and_then(|p| p.parent()) {
        fs::create_dir_all(parent)
            .with_context(|| format!("could not create the folder {}", parent.display()))?;
    }

    let jobs: Vec<(&Lead, PathBuf)> = chosen.iter().copied().zip(targets).collect();
    let results = write_reports(&jobs, fw, rules, &opts, &BatchControl::default());

    let mut failed = 0usize;
    for ((lead, _), result) in jobs.iter().zip(results) {
        let name = if lead.display_name().is_empty() {
            crate::i18n::texts(lang).unnamed_lead
        } else {
            lead.display_name()
        };
        match result {
            Ok(missing) if missing.is_empty() => {}
            Ok(missing) => {
                let chars: Vec<String> = missing.iter().map(char::to_string).collect();
                eprintln!(
                    "leadq: warning: {name}: the PDF font cannot show: {}",
                    chars.join(" ")
                );
            }
            Err(e) => {
                failed += 1;
                eprintln!("leadq: {name}: {e:#}");
            }
        }
    }
    let written = jobs.len() - failed;
    if names_a_file {
        if written == 1 {
            eprintln!("leadq: wrote {}", output.display());
        }
    } else {
        eprintln!("leadq: wrote {written} PDF(s) to {}", output.display());
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `path` with an explicit folder: `x.pdf` means `./x.pdf`, so atomic writes find their folder.
fn with_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => path.to_path_buf(),
        _ => Path::new(".").join(path),
    }
}

/// `leadq generate-corpus N [--seed S]` (hidden): writes N generated test leads.
fn generate_corpus(ws: &Workspace, count: usize, seed: u64) -> Result<ExitCode> {
    let dir = ws.store.leads_dir();
    let started = std::time::Instant::now();
    let bytes = crate::corpus::write_corpus(&dir, &ws.team.framework, &ws.team.rules, count, seed)
        .with_context(|| format!("could not write the corpus into {}", dir.display()))?;
    eprintln!(
        "leadq: wrote {count} leads ({:.1} MB) to {} in {:.1} s",
        bytes as f64 / 1e6,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
