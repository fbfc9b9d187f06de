//! `leadq import FILE`: read a spreadsheet or CRM export, say how its columns were mapped and
//! what it ignored, find the rows that duplicate leads already here, and save the leads as one
//! batch (all or nothing) — or, with `--dry-run`, only say what would happen.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{Ctx, Outcome};
use crate::domain::Lead;
use crate::exchange::{
    ImportOptions, ImportPlan, LeadIndex, Match, MatchedBy, OnDuplicate, Parsed, TableFormat,
    Target, find_matches, parse, plan_import,
};
use crate::i18n::{
    csv_error, fill, io_failure, mapping_problem, row_error, store_error, target_label,
};
use crate::store::FileAction;

/// The options of `leadq import` besides the file.
pub struct ImportArgs {
    pub map: Vec<String>,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
    pub sheet: Option<String>,
    pub skip_invalid: bool,
    pub encoding: Option<String>,
    pub header_row: Option<u64>,
    pub report_saved: bool,
}

pub fn import(cx: &Ctx, file: &Path, args: &ImportArgs) -> Outcome {
    let (lang, m) = (cx.lang, cx.m());
    let options = options(cx, args)?;
    let lock = if args.dry_run {
        None
    } else {
        Some(cx.lock_for_writing()?)
    };
    let bytes = crate::store::read_user_file(file)
        .map_err(|e| io_failure(lang, FileAction::Read, file, &e))?;
    let shown = file.display().to_string();
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let parsed = parse(&bytes, &options, fw)
        .map_err(|e| fill(m.cannot_import, &[&shown, &csv_error(lang, &e)]))?;
    report_parsed(cx, &parsed, &shown);
    if let Some(problem) = parsed.problems.first() {
        return Err(fill(
            m.cannot_import,
            &[&shown, &mapping_problem(lang, problem, fw)],
        ));
    }
    if !parsed.errors.is_empty() && !args.skip_invalid {
        eprintln!(
            "leadq: {}",
            fill(
                m.nothing_imported_bad_rows,
                &[
                    &m.bad_rows.of(parsed.errors.len(), &[]),
                    &shown,
                    &m.valid_rows.of(parsed.rows.len(), &[]),
                ]
            )
        );
        return Ok(ExitCode::FAILURE);
    }
    note_short_lines(cx, &parsed, &shown);
    let leads = match &lock {
        Some(lock) => cx.load_held(lock)?,
        None => cx.load()?,
    };
    let index = LeadIndex::new(&leads);
    let matches = find_matches(&parsed.rows, &index);
    report_duplicates(cx, &matches, args.on_duplicate);
    let by_id: std::collections::HashMap<uuid::Uuid, &Lead> =
        leads.iter().map(|l| (l.id, l)).collect();
    let plan = plan_import(
        |id| by_id.get(&id).copied(),
        &parsed.rows,
        &matches,
        |_| args.on_duplicate,
        fw,
        rules,
        crate::clock::now(),
        crate::clock::new_id,
    );
    if args.dry_run {
        report_summary(cx, &parsed, &plan, &shown, m.dry_run);
        return Ok(ExitCode::SUCCESS);
    }
    save_import(cx, &plan)?;
    if args.report_saved {
        let mut out = io::stdout().lock();
        for lead in &plan.leads {
            // Ignore a closed pipe: the leads are saved either way.
            let _ = writeln!(out, "saved {}", lead.id);
        }
    }
    report_summary(cx, &parsed, &plan, &shown, m.imported);
    Ok(if parsed.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// `--encoding` and `--map` as import options; an unknown encoding or field is refused.
fn options(cx: &Ctx, args: &ImportArgs) -> Result<ImportOptions, String> {
    let m = cx.m();
    let encoding = args
        .encoding
        .as_deref()
        .map(|name| {
            encoding_rs::Encoding::for_label(name.trim().as_bytes())
                .ok_or_else(|| fill(m.unknown_encoding, &[name]))
        })
        .transpose()?;
    let fw = &cx.ws.team.framework;
    let map = args
        .map
        .iter()
        .map(|pair| {
            let (column, target) = pair
                .rsplit_once('=')
                .ok_or_else(|| fill(m.bad_map, &[pair]))?;
            let target = Target::from_id(target, fw).ok_or_else(|| {
                let ids: Vec<String> = Target::choices(fw)
                    .iter()
                    .map(|t| t.id().to_owned())
                    .collect();
                fill(m.unknown_target, &[target, &ids.join(", ")])
            })?;
            Ok((column.trim().to_owned(), target))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(ImportOptions {
        encoding,
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        map,
        ..ImportOptions::default()
    })
}

/// What reading the file found: a legacy encoding, how each column was mapped, the columns it
/// ignores, source values read as "other", and each bad row.
fn report_parsed(cx: &Ctx, parsed: &Parsed, shown: &str) {
    let (m, lang, fw) = (cx.m(), cx.lang, &cx.ws.team.framework);
    let note = |text: String| eprintln!("leadq: {}: {text}", m.note);
    match &parsed.table.format {
        TableFormat::Csv { encoding, .. } if *encoding != "UTF-8" => {
            note(fill(m.import_encoding, &[encoding]));
        }
        TableFormat::Workbook { sheet, sheets } if sheets.len() > 1 => {
            let names: Vec<String> = sheets.iter().map(|s| fill(m.quoted_name, &[s])).collect();
            note(fill(
                m.import_sheet,
                &[&fill(m.quoted_name, &[sheet]), &names.join(", ")],
            ));
        }
        _ => {}
    }
    let mapped: Vec<String> = parsed
        .table
        .header
        .iter()
        .zip(&parsed.targets)
        .filter(|(_, t)| !matches!(t, Target::Ignore | Target::Derived))
        .map(|(name, t)| {
            format!(
                "{} → {}",
                fill(m.quoted_name, &[name]),
                target_label(lang, t, fw)
            )
        })
        .collect();
    // Worth saying only when a name was translated: a file with LeadQ's own ids maps itself.
    let translated = parsed
        .table
        .header
        .iter()
        .zip(&parsed.targets)
        .any(|(name, t)| !matches!(t, Target::Ignore | Target::Derived) && name != t.id());
    if translated {
        note(fill(m.import_mapped, &[&mapped.join(", ")]));
    }
    let ignored = parsed.ignored();
    if !ignored.is_empty() {
        let names: Vec<String> = ignored.iter().map(|n| fill(m.quoted_name, &[n])).collect();
        note(fill(m.import_ignored, &[&names.join(", ")]));
    }
    if !parsed.other_sources.is_empty() {
        let values: Vec<String> = parsed
            .other_sources
            .iter()
            .map(|(value, n)| format!("{} ({n})", fill(m.quoted_name, &[value])))
            .collect();
        note(fill(m.import_other_sources, &[&values.join(", ")]));
    }
    for e in &parsed.errors {
        eprintln!("leadq: {shown}:{}: {}", e.line, row_error(lang, e));
    }
}

/// Rows with fewer fields than the header: imported, the missing fields empty, but said.
fn note_short_lines(cx: &Ctx, parsed: &Parsed, shown: &str) {
    let short = &parsed.table.short_lines;
    if short.is_empty() {
        return;
    }
    let m = cx.m();
    let lines: Vec<String> = short.iter().map(u64::to_string).collect();
    eprintln!(
        "leadq: {}: {}",
        m.note,
        fill(m.short_lines.pick(short.len()), &[shown, &lines.join(", ")])
    );
}

/// How many rows duplicate a lead, by what, and what happens to them.
fn report_duplicates(cx: &Ctx, matches: &[Option<Match>], choice: OnDuplicate) {
    let m = cx.m();
    let count = |by: MatchedBy| matches.iter().flatten().filter(|x| x.by == by).count();
    let parts: Vec<String> = [
        (MatchedBy::CrmId, m.matched_by_crm_id),
        (MatchedBy::Email, m.matched_by_email),
        (MatchedBy::Name, m.matched_by_name),
    ]
    .into_iter()
    .filter_map(|(by, label)| match count(by) {
        0 => None,
        n => Some(format!("{label}: {n}")),
    })
    .collect();
    if parts.is_empty() {
        return;
    }
    let total = matches
        .iter()
        .flatten()
        .filter(|x| x.by != MatchedBy::Id)
        .count();
    let what = match choice {
        OnDuplicate::Update => m.duplicates_updated,
        OnDuplicate::New => m.duplicates_new,
        OnDuplicate::Skip => m.duplicates_skipped,
    };
    eprintln!(
        "leadq: {}: {}",
        m.note,
        fill(
            m.import_duplicates.pick(total),
            &[&m.rows.of(total, &[]), &parts.join(", "), what]
        )
    );
}

/// Writes the planned leads as one batch; the error names the row whose lead could not be
/// written, and any file that could not be put back.
fn save_import(cx: &Ctx, plan: &ImportPlan) -> Result<(), String> {
    let batch: Vec<&Lead> = plan.leads.iter().collect();
    let Err(e) = cx.ws.store.save_batch(&batch) else {
        return Ok(());
    };
    let m = cx.m();
    let line = plan.lines.get(e.index).copied().unwrap_or_default();
    let mut text = fill(
        m.nothing_imported_write,
        &[&line.to_string(), &store_error(cx.lang, &e.error)],
    );
    if !e.not_restored.is_empty() {
        let files: Vec<String> = e
            .not_restored
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        text = format!("{text}; {}", fill(m.not_restored, &[&files.join(", ")]));
    }
    Err(text)
}

/// The summary line (`template`: imported, or what a dry run would import): rows read, leads
/// created and updated, rows skipped (bad, or duplicates left out).
fn report_summary(cx: &Ctx, parsed: &Parsed, plan: &ImportPlan, shown: &str, template: &str) {
    let m = cx.m();
    let mut skipped = String::new();
    if !parsed.errors.is_empty() {
        skipped += &fill(m.skipped, &[&m.bad_rows.of(parsed.errors.len(), &[])]);
    }
    if plan.skipped > 0 {
        skipped += &fill(m.skipped, &[&m.duplicate_rows.of(plan.skipped, &[])]);
    }
    eprintln!(
        "leadq: {}",
        fill(
            template,
            &[
                &m.rows.of(parsed.rows.len(), &[]),
                shown,
                &plan.created.to_string(),
                &plan.updated.to_string(),
                &skipped,
            ]
        )
    );
}
