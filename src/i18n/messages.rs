//! Every error, warning and summary the command line (and the report writer) shows, in German
//! and English. The store and the importer hand out structured errors; these functions say them
//! in the house style: what LeadQ could not do, with which path, and why.

use std::io;
use std::path::Path;

use super::describe::revenue_error;
use super::ui::fill;
use crate::domain::LEAD_SCHEMA_VERSION;
use crate::domain::{Framework, Lang, Stage, UnknownId};
use crate::exchange::export::ExportError;
use crate::exchange::workbook::WorkbookError;
use crate::exchange::xlsx::XlsxWriteError;
use crate::exchange::{CsvError, MappingProblem, RowError, RowProblem, Target};
use crate::report::ReportError;
use crate::store::{
    FileAction, FileProblem, FindError, LeadFileError, LockError, ProblemCause, StoreError,
    TeamProblem, WorkspaceError,
};

/// A message said in both languages, for one made where the rep's language is not known (the
/// window's background worker) and shown where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    pub de: String,
    pub en: String,
}

impl Localized {
    pub fn new(say: impl Fn(Lang) -> String) -> Localized {
        Localized {
            de: say(Lang::De),
            en: say(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// A text with a count in it, in its singular and plural form. `{}` is the count, then any
/// further values in order.
pub struct Plural {
    pub one: &'static str,
    pub many: &'static str,
}

impl Plural {
    /// The template for `n`, for texts whose count is not itself shown.
    pub fn pick(&self, n: usize) -> &'static str {
        if n == 1 { self.one } else { self.many }
    }

    pub fn of(&self, n: usize, rest: &[&str]) -> String {
        let template = if n == 1 { self.one } else { self.many };
        let count = n.to_string();
        let mut values = vec![count.as_str()];
        values.extend_from_slice(rest);
        fill(template, &values)
    }
}

/// The command line's texts in one language. `{}` are filled in order by [`fill`].
pub struct Messages {
    /// Under `leadq list`: what the `?` after a class means.
    pub provisional_mark: &'static str,
    pub warning: &'static str,
    pub note: &'static str,
    pub leads: Plural,
    pub follow_ups: Plural,
    pub rows: Plural,
    pub files: Plural,
    pub lead_files: Plural,
    pub pdfs: Plural,
    /// After "wrote N PDFs to DIR": how many of them replaced the same lead's report.
    pub pdfs_replaced: Plural,
    pub bad_rows: Plural,
    pub valid_rows: Plural,
    pub files_wait: Plural,
    pub short_lines: Plural,
    pub not_loaded_moved: &'static str,
    pub not_loaded: &'static str,
    pub find_empty: &'static str,
    pub find_none: &'static str,
    pub find_many: &'static str,
    pub trash_none: &'static str,
    pub write_file: &'static str,
    pub cannot_import: &'static str,
    pub nothing_imported_bad_rows: &'static str,
    pub imported: &'static str,
    pub skipped: &'static str,
    pub nothing_imported_write: &'static str,
    pub not_restored: &'static str,
    pub exported: &'static str,
    pub check_all_fine: &'static str,
    pub check_with_problems: &'static str,
    pub kind_broken: &'static str,
    pub kind_newer: &'static str,
    pub kind_unreadable: &'static str,
    pub kind_duplicate: &'static str,
    pub kind_sync_conflict: &'static str,
    pub unknown_answer: &'static str,
    pub unknown_criterion: &'static str,
    pub moved_to_trash: &'static str,
    pub check_live_and_trashed: &'static str,
    pub trash_not_restorable: &'static str,
    pub restored: &'static str,
    pub pdf_one_file_all: &'static str,
    pub pdf_one_file_ids: &'static str,
    pub pdf_wrote: &'static str,
    pub pdf_wrote_n: &'static str,
    pub pdf_missing_glyphs: &'static str,
    pub pdf_unjoined: &'static str,
    pub pdf_font: &'static str,
    pub pdf_failed: &'static str,
    pub serialize: &'static str,
    pub not_found: &'static str,
    pub already_exists: &'static str,
    pub conflict: &'static str,
    pub changed_outside: &'static str,
    pub reload_failed: &'static str,
    pub file_empty: &'static str,
    pub team_framework_default: &'static str,
    pub personal_default: &'static str,
    pub team_rules_default: &'static str,
    pub file_not_text: &'static str,
    pub file_syntax: &'static str,
    pub file_newer: &'static str,
    pub file_bad_version: &'static str,
    pub file_unreadable: &'static str,
    pub file_sync_conflict: &'static str,
    pub file_duplicate: &'static str,
    pub lock_held: &'static str,
    pub lock_io: &'static str,
    pub no_data_dir: &'static str,
    pub csv_empty: &'static str,
    /// `{}` = the encoding the file was read in.
    pub csv_not_text: &'static str,
    pub csv_workbook: &'static str,
    /// After an import: `{}` = the encoding (when not UTF-8).
    pub import_encoding: &'static str,
    /// After an import: `{}` = the columns no field matched.
    pub import_ignored: &'static str,
    /// `{}`: `"Column" → Field`, joined.
    pub import_mapped: &'static str,
    /// `{}` = the sheet read, `{}` = all sheets.
    pub import_sheet: &'static str,
    /// `{}`: `"Value" (n)`, joined.
    pub import_other_sources: &'static str,
    /// `{}` rows, `{}` by what, `{}` what happens to them (one row, or several).
    pub import_duplicates: Plural,
    pub matched_by_crm_id: &'static str,
    pub matched_by_email: &'static str,
    pub matched_by_name: &'static str,
    pub duplicates_updated: &'static str,
    pub duplicates_new: &'static str,
    pub duplicates_skipped: &'static str,
    /// Like `imported`, for `--dry-run`.
    pub dry_run: &'static str,
    /// `{}`: the `--map` argument without `=`.
    pub bad_map: &'static str,
    /// `{}`: the field id given, `{}`: the ones there are.
    pub unknown_target: &'static str,
    pub duplicate_rows: Plural,
    /// A name in the language's quotation marks (a column, in a list of them).
    pub quoted_name: &'static str,
    /// `{}` = the name given to `--encoding`.
    pub unknown_encoding: &'static str,
    /// `{}`: an example header.
    pub csv_no_company: &'static str,
    /// `{}`: the columns, `{}`: what they fill.
    pub csv_duplicate_column: &'static str,
    pub csv_unknown_column: &'static str,
    /// The names of the import's own column targets.
    pub target_first_name: &'static str,
    pub target_last_name: &'static str,
    pub target_revenue_eur: &'static str,
    pub target_id: &'static str,
    pub target_ignore: &'static str,
    pub csv_syntax: &'static str,
    pub csv_unclosed_quote: &'static str,
    pub csv_line_break: &'static str,
    pub csv_write: &'static str,
    pub row_unreadable: &'static str,
    pub row_too_many_fields: &'static str,
    pub row_bad_id: &'static str,
    pub row_company_empty: &'static str,
    pub row_not_one_of: &'static str,
    /// An interrupted batch: what it was (an import, a framework switch), and what became of it
    /// (`{}` = the batch), or what will (`{}` = the batch).
    pub batch_import: &'static str,
    pub batch_framework: &'static str,
    pub batch_change: &'static str,
    pub batch_delete: &'static str,
    pub batch_completed: &'static str,
    pub batch_undone: &'static str,
    pub batch_will_complete: &'static str,
    pub batch_will_undo: &'static str,
    /// `{}` = the path a command was given (or the default) where no folder is.
    pub no_folder: &'static str,
    /// `{}` = the path, which is a file.
    pub not_a_folder: &'static str,
    /// `{}` = the data folder an import or a framework switch just created.
    pub folder_created: &'static str,
    /// `{}` = the row read as the header, the row that looks like it, that row again.
    pub csv_header_below: &'static str,
    /// `{}` = the column (its number and name), the character's code.
    pub row_control_character: &'static str,
    pub row_follow_up: &'static str,
    pub row_duplicate_id: &'static str,
    pub io_full: &'static str,
    pub io_permission: &'static str,
    pub io_not_found: &'static str,
    pub io_read_only: &'static str,
    pub io_quota: &'static str,
    pub io_is_folder: &'static str,
    pub io_not_folder: &'static str,
    pub io_exists: &'static str,
    /// `{}` = what calamine says is wrong.
    pub workbook_unreadable: &'static str,
    pub workbook_no_sheets: &'static str,
    /// `{}` = the sheet asked for, then the sheets there are.
    pub workbook_unknown_sheet: &'static str,
    /// `{}` = the sheet.
    pub workbook_empty_sheet: &'static str,
    /// `{}` = what rust_xlsxwriter says is wrong.
    pub xlsx_write: &'static str,
    /// The title of the message box when LeadQ cannot start (no window yet).
    pub cannot_start_title: &'static str,
    /// `{}` = why (a folder that cannot be read, …).
    pub cannot_start: &'static str,
    /// `{}` = the graphics interfaces tried ("DirectX 12, Vulkan, OpenGL"), `{}` = what each
    /// answered (for support).
    pub no_window: &'static str,
    /// `{}` = what the system said when no display could be reached.
    pub no_display: &'static str,
    /// The same in a file-in-use and a read-only file's words (`io_reason`).
    pub io_in_use: &'static str,
    pub io_read_only_file: &'static str,
}

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::De => &super::de::MESSAGES,
        Lang::En => &super::en::MESSAGES,
    }
}

/// "could not save the lead to /x/leads/1.ron" — the action with its path, no reason yet.
pub fn file_action(lang: Lang, action: FileAction, path: &Path) -> String {
    use FileAction::*;
    let template = match (lang, action) {
        (Lang::En, a) => return format!("could not {} {}", a.english(), path.display()),
        (Lang::De, CreateFolder) => "der Ordner {} konnte nicht angelegt werden",
        (Lang::De, SaveYourVersion) => "deine Version konnte nicht in {} gespeichert werden",
        (Lang::De, SaveLead) => "der Lead konnte nicht in {} gespeichert werden",
        (Lang::De, Read) => "{} konnte nicht gelesen werden",
        (Lang::De, ReadFolder) => "der Ordner {} konnte nicht gelesen werden",
        (Lang::De, MoveCopy) => "die Kopie konnte nicht nach {} verschoben werden",
        (Lang::De, UseCopy) => "{} konnte nicht übernommen werden",
        (Lang::De, KeepReplaced) => "die ersetzte Version konnte nicht in {} aufbewahrt werden",
        (Lang::De, RemoveSettledCopy) => "die erledigte Kopie {} konnte nicht entfernt werden",
        (Lang::De, MoveToTrash) => "der Lead konnte nicht in den Papierkorb ({}) verschoben werden",
        (Lang::De, Restore) => "{} konnte nicht wiederhergestellt werden",
        (Lang::De, RestoreLead) => "der Lead konnte nicht nach {} wiederhergestellt werden",
        (Lang::De, MoveBroken) => "die defekte Datei konnte nicht nach {} verschoben werden",
        (Lang::De, SaveRules) => {
            "die Klassifizierungsregeln konnten nicht in {} gespeichert werden"
        }
        (Lang::De, SaveFramework) => "das Bewertungsschema konnte nicht in {} gespeichert werden",
        (Lang::De, WriteSyncIgnore) => {
            "die Ausnahmedatei für Sync-Programme {} konnte nicht geschrieben werden"
        }
        (Lang::De, SaveSettings) => "deine Einstellungen konnten nicht in {} gespeichert werden",
        (Lang::De, Recover) => "der unterbrochene Vorgang in {} konnte nicht abgeschlossen werden",
    };
    fill(template, &[&path.display().to_string()])
}

/// Why an OS call failed, said plainly where the kind is clear ("the disk is full"); otherwise
/// the OS's own words.
pub fn io_reason(lang: Lang, e: &io::Error) -> String {
    use io::ErrorKind::*;
    let m = messages(lang);
    if e.get_ref()
        .is_some_and(|cause| cause.is::<crate::store::ReadOnlyFile>())
    {
        return m.io_read_only_file.to_owned();
    }
    if crate::store::is_in_use(e) {
        return m.io_in_use.to_owned();
    }
    let text = match e.kind() {
        StorageFull => m.io_full,
        QuotaExceeded => m.io_quota,
        PermissionDenied => m.io_permission,
        NotFound => m.io_not_found,
        ReadOnlyFilesystem => m.io_read_only,
        IsADirectory => m.io_is_folder,
        NotADirectory => m.io_not_folder,
        AlreadyExists => m.io_exists,
        _ => return e.to_string(),
    };
    text.to_owned()
}

/// `could not {action} {path}: {reason}` in the rep's language.
pub fn io_failure(lang: Lang, action: FileAction, path: &Path, e: &io::Error) -> String {
    format!(
        "{}: {}",
        file_action(lang, action, path),
        io_reason(lang, e)
    )
}

/// "could not write {path}: {reason}" for files the rep named (export, PDFs).
pub fn write_failure(lang: Lang, path: &Path, e: &io::Error) -> String {
    format!(
        "{}: {}",
        fill(messages(lang).write_file, &[&path.display().to_string()]),
        io_reason(lang, e)
    )
}

pub fn store_error(lang: Lang, e: &StoreError) -> String {
    let m = messages(lang);
    match e {
        StoreError::Io {
            action,
            path,
            source,
        } => io_failure(lang, *action, path, source),
        StoreError::Serialize(e) => fill(m.serialize, &[&e.to_string()]),
        StoreError::ChangedOutside(path) => fill(m.changed_outside, &[&path.display().to_string()]),
        StoreError::NotFound(id, dir) => {
            fill(m.not_found, &[&id.to_string(), &dir.display().to_string()])
        }
        StoreError::AlreadyExists(id, dir) => fill(
            m.already_exists,
            &[&id.to_string(), &dir.display().to_string()],
        ),
        StoreError::Conflict { path, ours, .. } => fill(
            m.conflict,
            &[&path.display().to_string(), &ours.display().to_string()],
        ),
    }
}

/// "unknown answer: criterion "budget" has no answer "aproved" (known: …)" for `leadq check` and
/// the window's banner.
pub fn unknown_id(lang: Lang, fw: &Framework, id: &UnknownId) -> String {
    let m = messages(lang);
    match id {
        UnknownId::Answer { criterion, answer } => {
            let known: Vec<&str> = fw
                .criterion(criterion)
                .map(|c| c.options.iter().map(|o| o.id.as_str()).collect())
                .unwrap_or_default();
            fill(m.unknown_answer, &[criterion, answer, &known.join(", ")])
        }
        UnknownId::Criterion { criterion, answer } => {
            let known: Vec<&str> = fw.criteria.iter().map(|c| c.id.as_str()).collect();
            fill(m.unknown_criterion, &[criterion, answer, &known.join(", ")])
        }
    }
}

/// The personal settings file that could not be read, so the defaults apply.
pub fn personal_problem(lang: Lang, file: &Path, detail: &str) -> String {
    fill(
        messages(lang).personal_default,
        &[&file.display().to_string(), detail],
    )
}

/// A team file that could not be used, and which default applies instead.
pub fn team_problem(lang: Lang, p: &TeamProblem) -> String {
    let m = messages(lang);
    let template = if p.framework {
        m.team_framework_default
    } else {
        m.team_rules_default
    };
    fill(template, &[&p.file.display().to_string(), &p.detail])
}

/// Why a lead file did not load, in the rep's language.
pub fn problem_reason(lang: Lang, p: &FileProblem) -> String {
    let m = messages(lang);
    match &p.cause {
        ProblemCause::File(LeadFileError::Empty) => m.file_empty.to_owned(),
        ProblemCause::File(LeadFileError::NotText) => m.file_not_text.to_owned(),
        ProblemCause::File(LeadFileError::Syntax(detail)) => fill(m.file_syntax, &[detail]),
        ProblemCause::File(LeadFileError::NewerVersion(v)) => fill(
            m.file_newer,
            &[&v.to_string(), &LEAD_SCHEMA_VERSION.to_string()],
        ),
        ProblemCause::File(LeadFileError::BadVersion) => m.file_bad_version.to_owned(),
        ProblemCause::Unreadable(kind, words) => fill(
            m.file_unreadable,
            &[&io_reason(lang, &io::Error::new(*kind, words.clone()))],
        ),
        ProblemCause::SyncConflict => m.file_sync_conflict.to_owned(),
        ProblemCause::Duplicate(id) => fill(m.file_duplicate, &[&id.to_string()]),
    }
}

pub fn report_error(lang: Lang, e: &ReportError) -> String {
    let m = messages(lang);
    match e {
        ReportError::Font(detail) => fill(m.pdf_font, &[detail]),
        ReportError::Pdf(detail) => fill(m.pdf_failed, &[detail]),
    }
}

pub fn lock_error(lang: Lang, e: &LockError) -> String {
    let m = messages(lang);
    match e {
        LockError::Held(folder) => fill(m.lock_held, &[&folder.display().to_string()]),
        LockError::Io(path, e) => fill(
            m.lock_io,
            &[&path.display().to_string(), &io_reason(lang, e)],
        ),
    }
}

pub fn workspace_error(lang: Lang, e: &WorkspaceError) -> String {
    match e {
        WorkspaceError::NoDataDir => messages(lang).no_data_dir.to_owned(),
        WorkspaceError::NoFolder(path) => {
            fill(messages(lang).no_folder, &[&path.display().to_string()])
        }
        WorkspaceError::NotAFolder(path) => {
            fill(messages(lang).not_a_folder, &[&path.display().to_string()])
        }
        WorkspaceError::Store(e) => store_error(lang, e),
        WorkspaceError::Team(message) => message.clone(),
    }
}

pub fn find_error(lang: Lang, e: &FindError) -> String {
    let m = messages(lang);
    match e {
        FindError::Empty => m.find_empty.to_owned(),
        FindError::NoMatch(prefix) => fill(m.find_none, &[prefix]),
        FindError::Ambiguous {
            prefix,
            count,
            examples,
        } => fill(
            m.find_many,
            &[prefix, &m.leads.of(*count, &[]), &examples.join(", ")],
        ),
    }
}

pub fn csv_error(lang: Lang, e: &CsvError) -> String {
    let m = messages(lang);
    match e {
        CsvError::Empty => m.csv_empty.to_owned(),
        CsvError::NotText(encoding) => fill(m.csv_not_text, &[encoding]),
        CsvError::Workbook => m.csv_workbook.to_owned(),
        CsvError::Book(e) => workbook_error(lang, e),
        CsvError::UnknownColumn(column) => fill(m.csv_unknown_column, &[column]),
        CsvError::Syntax { line, message } => fill(m.csv_syntax, &[&line.to_string(), message]),
        CsvError::UnclosedQuote { line } => fill(m.csv_unclosed_quote, &[&line.to_string()]),
        CsvError::LineBreakInName { line, column } => {
            fill(m.csv_line_break, &[&line.to_string(), column])
        }
        CsvError::Write(detail) => fill(m.csv_write, &[detail]),
    }
}

/// What a column fills, as the preview's drop-down and `leadq import` name it.
pub fn target_label(lang: Lang, target: &Target, framework: &Framework) -> String {
    let m = messages(lang);
    match target {
        Target::Ignore | Target::Derived => m.target_ignore.to_owned(),
        Target::Id => m.target_id.to_owned(),
        Target::Field(f) => super::field_label(lang, *f).to_owned(),
        Target::Criterion(id) => framework
            .criteria
            .iter()
            .find(|c| &c.id == id)
            .map_or_else(|| id.clone(), |c| c.name.get(lang).to_owned()),
        Target::FirstName => m.target_first_name.to_owned(),
        Target::LastName => m.target_last_name.to_owned(),
        Target::RevenueEur => m.target_revenue_eur.to_owned(),
    }
}

/// What the next writer did with an interrupted batch (`leadq import`, the window's start).
pub fn recovered(lang: Lang, r: crate::store::Recovered) -> String {
    use crate::store::Recovered;
    let m = messages(lang);
    let (template, kind) = match r {
        Recovered::Completed(kind) => (m.batch_completed, kind),
        Recovered::Undone(kind) => (m.batch_undone, kind),
    };
    fill(template, &[batch_name(lang, kind)])
}

/// What the next writer will do with an interrupted batch (`leadq check`).
pub fn pending_batch(lang: Lang, r: crate::store::Recovered) -> String {
    use crate::store::Recovered;
    let m = messages(lang);
    let (template, kind) = match r {
        Recovered::Completed(kind) => (m.batch_will_complete, kind),
        Recovered::Undone(kind) => (m.batch_will_undo, kind),
    };
    fill(template, &[batch_name(lang, kind)])
}

fn batch_name(lang: Lang, kind: crate::store::BatchKind) -> &'static str {
    let m = messages(lang);
    match kind {
        crate::store::BatchKind::Import => m.batch_import,
        crate::store::BatchKind::FrameworkSwitch => m.batch_framework,
        crate::store::BatchKind::Change => m.batch_change,
        crate::store::BatchKind::Delete => m.batch_delete,
    }
}

/// Why a column mapping cannot be imported.
pub fn mapping_problem(lang: Lang, p: &MappingProblem, framework: &Framework) -> String {
    let m = messages(lang);
    match p {
        MappingProblem::NoName => fill(
            m.csv_no_company,
            &[&crate::exchange::header(framework).join(",")],
        ),
        MappingProblem::HeaderBelow { read, found } => fill(
            m.csv_header_below,
            &[&read.to_string(), &found.to_string(), &found.to_string()],
        ),
        MappingProblem::Twice { target, columns } => {
            let names: Vec<String> = columns.iter().map(|c| fill(m.quoted_name, &[c])).collect();
            fill(
                m.csv_duplicate_column,
                &[&names.join(", "), &target_label(lang, target, framework)],
            )
        }
    }
}

/// Why a workbook (.xlsx, .ods, .xls) could not be read.
pub fn workbook_error(lang: Lang, e: &WorkbookError) -> String {
    let m = messages(lang);
    match e {
        WorkbookError::Unreadable(detail) => fill(m.workbook_unreadable, &[detail]),
        WorkbookError::NoSheets => m.workbook_no_sheets.to_owned(),
        WorkbookError::UnknownSheet { name, sheets } => {
            let names: Vec<String> = sheets.iter().map(|s| fill(m.quoted_name, &[s])).collect();
            fill(m.workbook_unknown_sheet, &[name, &names.join(", ")])
        }
        WorkbookError::EmptySheet(sheet) => fill(m.workbook_empty_sheet, &[sheet]),
    }
}

/// Why an export's bytes could not be made (the caller names the file).
pub fn export_error(lang: Lang, e: &ExportError) -> String {
    match e {
        ExportError::Csv(e) => csv_error(lang, e),
        ExportError::Xlsx(XlsxWriteError(detail)) => fill(messages(lang).xlsx_write, &[detail]),
    }
}

/// Everything wrong with one row, joined with "; ".
pub fn row_error(lang: Lang, e: &RowError) -> String {
    let parts: Vec<String> = e
        .problems
        .iter()
        .map(|p| row_problem(lang, e.line, p))
        .collect();
    parts.join("; ")
}

pub fn row_problem(lang: Lang, line: u64, p: &RowProblem) -> String {
    let m = messages(lang);
    let not_one_of = |column: &str, value: &str, known: &[&str]| {
        fill(m.row_not_one_of, &[column, value, &known.join(", ")])
    };
    match p {
        RowProblem::Unreadable(detail) => fill(m.row_unreadable, &[detail]),
        RowProblem::TooManyFields { fields, header } => fill(
            m.row_too_many_fields,
            &[&line.to_string(), &fields.to_string(), &header.to_string()],
        ),
        RowProblem::BadId(id) => fill(m.row_bad_id, &[id]),
        RowProblem::CompanyEmpty => m.row_company_empty.to_owned(),
        // Worded as the form words it ("Umsatz: …"), the column by the name the rep knows.
        RowProblem::Revenue(e) => revenue_error(lang, e),
        RowProblem::Stage(value) => {
            let labels: Vec<String> = Stage::ALL
                .iter()
                .map(|s| super::quoted(lang, super::stage_label(lang, *s)))
                .collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            not_one_of(
                super::field_label(lang, crate::domain::Field::Stage),
                value,
                &labels,
            )
        }
        RowProblem::Answer {
            criterion,
            answer,
            known,
        } => {
            let labels: Vec<String> = known
                .iter()
                .map(|label| super::quoted(lang, label.get(lang)))
                .collect();
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            not_one_of(criterion.get(lang), answer, &labels)
        }
        RowProblem::FollowUp(value) => fill(
            m.row_follow_up,
            &[
                super::field_label(lang, crate::domain::Field::FollowUp),
                value,
            ],
        ),
        RowProblem::DuplicateId(id) => fill(m.row_duplicate_id, &[&id.to_string()]),
        RowProblem::ControlCharacter {
            column,
            name,
            character,
        } => {
            let column = if name.is_empty() {
                column.to_string()
            } else {
                format!("{column} ({})", super::quoted(lang, name))
            };
            let code = format!("U+{:04X}", u32::from(*character));
            // The two a rep meets: a NUL from a broken export, a vertical tab that some
            // programs write for a line break inside a cell.
            let code = match *character {
                '\0' => format!("{code} (NUL)"),
                '\u{b}' => format!("{code} (VT)"),
                _ => code,
            };
            fill(m.row_control_character, &[&column, &code])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_singular_and_plural() {
        for lang in [Lang::De, Lang::En] {
            let m = messages(lang);
            assert!(!m.leads.of(0, &[]).contains("(s)"));
        }
        assert_eq!(messages(Lang::De).leads.of(0, &[]), "0 Leads");
        assert_eq!(messages(Lang::De).leads.of(1, &[]), "1 Lead");
        assert_eq!(messages(Lang::En).rows.of(1, &[]), "1 row");
        assert_eq!(messages(Lang::En).rows.of(2, &[]), "2 rows");
        assert_eq!(
            messages(Lang::De).files_wait.of(2, &["/q"]),
            "2 Dateien warten in /q darauf, dass du sie reparierst oder löschst"
        );
    }

    #[test]
    fn a_file_open_elsewhere_or_marked_read_only_is_named_so() {
        let busy = io::Error::new(
            io::ErrorKind::ResourceBusy,
            io::Error::from(io::ErrorKind::PermissionDenied),
        );
        let path = Path::new("C:\\Berichte Ä\\Leads.xlsx");
        assert_eq!(
            write_failure(Lang::De, path, &busy),
            "C:\\Berichte Ä\\Leads.xlsx konnte nicht geschrieben werden: die Datei ist in \
             einem anderen Programm geöffnet (z. B. Excel). Schließe sie dort und versuche es \
             noch einmal."
        );
        let read_only = io::Error::new(io::ErrorKind::PermissionDenied, crate::store::ReadOnlyFile);
        assert!(
            write_failure(Lang::En, path, &read_only)
                .ends_with(": the file is read-only (Properties → Read-only)")
        );
        // A plain "permission denied" stays that.
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert!(write_failure(Lang::De, path, &denied).ends_with(": keine Berechtigung"));
    }

    #[test]
    fn a_full_disk_is_said_plainly_once() {
        let e = io::Error::from(io::ErrorKind::StorageFull);
        let text = io_failure(Lang::En, FileAction::SaveLead, Path::new("/d/x.ron"), &e);
        assert_eq!(
            text,
            "could not save the lead to /d/x.ron: the disk is full"
        );
        let text = io_failure(Lang::De, FileAction::SaveLead, Path::new("/d/x.ron"), &e);
        assert_eq!(
            text,
            "der Lead konnte nicht in /d/x.ron gespeichert werden: der Datenträger ist voll"
        );
    }
}
