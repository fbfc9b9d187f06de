//! Every error, warning and summary the command line (and the report writer) shows, in German
//! and English. The store and the importer hand out structured errors; these functions say them
//! in the house style: what LeadQ could not do, with which path, and why.

use std::io;
use std::path::Path;

use super::describe::revenue_error;
use super::ui::fill;
use crate::domain::LEAD_SCHEMA_VERSION;
use crate::domain::{Framework, Lang, Source, Stage, UnknownId};
use crate::exchange::{CsvError, RowError, RowProblem};
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
    pub warning: &'static str,
    pub note: &'static str,
    pub leads: Plural,
    pub follow_ups: Plural,
    pub rows: Plural,
    pub files: Plural,
    pub lead_files: Plural,
    pub pdfs: Plural,
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
    pub csv_not_utf8: &'static str,
    pub csv_no_company: &'static str,
    pub csv_duplicate_column: &'static str,
    pub csv_syntax: &'static str,
    pub csv_unclosed_quote: &'static str,
    pub csv_line_break: &'static str,
    pub csv_write: &'static str,
    pub row_unreadable: &'static str,
    pub row_unknown_column: &'static str,
    pub row_too_many_fields: &'static str,
    pub row_bad_id: &'static str,
    pub row_company_empty: &'static str,
    pub row_not_one_of: &'static str,
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
}

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
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
        (Lang::De, WriteSyncIgnore) => {
            "die Ausnahmedatei für Sync-Programme {} konnte nicht geschrieben werden"
        }
        (Lang::De, SaveSettings) => "deine Einstellungen konnten nicht in {} gespeichert werden",
    };
    fill(template, &[&path.display().to_string()])
}

/// Why an OS call failed, said plainly where the kind is clear ("the disk is full"); otherwise
/// the OS's own words.
pub fn io_reason(lang: Lang, e: &io::Error) -> String {
    use io::ErrorKind::*;
    let m = messages(lang);
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
        CsvError::NotUtf8 => m.csv_not_utf8.to_owned(),
        CsvError::NoCompanyColumn(example) => fill(m.csv_no_company, &[example]),
        CsvError::DuplicateColumn(column) => fill(m.csv_duplicate_column, &[column]),
        CsvError::Syntax { line, message } => fill(m.csv_syntax, &[&line.to_string(), message]),
        CsvError::UnclosedQuote { line } => fill(m.csv_unclosed_quote, &[&line.to_string()]),
        CsvError::LineBreakInName { line, column } => {
            fill(m.csv_line_break, &[&line.to_string(), column])
        }
        CsvError::Write(detail) => fill(m.csv_write, &[detail]),
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
        RowProblem::UnknownColumn { column, known } => {
            fill(m.row_unknown_column, &[column, &known.join(", ")])
        }
        RowProblem::TooManyFields { fields, header } => fill(
            m.row_too_many_fields,
            &[&line.to_string(), &fields.to_string(), &header.to_string()],
        ),
        RowProblem::BadId(id) => fill(m.row_bad_id, &[id]),
        RowProblem::CompanyEmpty => m.row_company_empty.to_owned(),
        RowProblem::Revenue(e) => match lang {
            Lang::En => format!("revenue_meur: {e}"),
            Lang::De => format!("revenue_meur – {}", revenue_error(lang, e)),
        },
        RowProblem::Source(value) => {
            let ids: Vec<&str> = Source::ALL.iter().map(|s| s.id()).collect();
            not_one_of("source", value, &ids)
        }
        RowProblem::Stage(value) => {
            let ids: Vec<&str> = Stage::ALL.iter().map(|s| s.id()).collect();
            not_one_of("stage", value, &ids)
        }
        RowProblem::Answer {
            criterion,
            answer,
            known,
        } => {
            let ids: Vec<&str> = known.iter().map(String::as_str).collect();
            not_one_of(criterion, answer, &ids)
        }
        RowProblem::FollowUp(value) => fill(m.row_follow_up, &[value]),
        RowProblem::DuplicateId(id) => fill(m.row_duplicate_id, &[&id.to_string()]),
    }
}

const DE: Messages = Messages {
    warning: "Warnung",
    note: "Hinweis",
    leads: Plural {
        one: "{} Lead",
        many: "{} Leads",
    },
    follow_ups: Plural {
        one: "{} Wiedervorlage",
        many: "{} Wiedervorlagen",
    },
    rows: Plural {
        one: "{} Zeile",
        many: "{} Zeilen",
    },
    files: Plural {
        one: "{} Datei",
        many: "{} Dateien",
    },
    lead_files: Plural {
        one: "{} Lead-Datei",
        many: "{} Lead-Dateien",
    },
    pdfs: Plural {
        one: "{} PDF",
        many: "{} PDFs",
    },
    bad_rows: Plural {
        one: "{} fehlerhafte Zeile",
        many: "{} fehlerhafte Zeilen",
    },
    valid_rows: Plural {
        one: "die {} gültige Zeile",
        many: "die {} gültigen Zeilen",
    },
    files_wait: Plural {
        one: "{} Datei wartet in {} darauf, dass du sie reparierst oder löschst",
        many: "{} Dateien warten in {} darauf, dass du sie reparierst oder löschst",
    },
    short_lines: Plural {
        one: "{}: Zeile {} hat weniger Felder als die Kopfzeile; ihre fehlenden Spalten bleiben leer",
        many: "{}: die Zeilen {} haben weniger Felder als die Kopfzeile; ihre fehlenden Spalten bleiben leer",
    },
    not_loaded_moved: "{} konnte nicht geladen werden ({}); unverändert verschoben nach {}",
    not_loaded: "{} konnte nicht geladen werden: {}",
    find_empty: "gib eine Lead-ID (oder ihren Anfang) an, wie `leadq list` sie zeigt",
    find_none: "kein Lead hat eine ID, die mit „{}“ beginnt",
    find_many: "„{}“ passt zu {}, z. B. {}; gib mehr Zeichen der ID an",
    trash_none: "kein Lead im Papierkorb hat eine ID, die mit „{}“ beginnt; `leadq trash` zeigt sie",
    write_file: "{} konnte nicht geschrieben werden",
    cannot_import: "{} kann nicht importiert werden: {}",
    nothing_imported_bad_rows: "nichts importiert: {} in {}; korrigiere sie oder importiere mit --skip-invalid {}",
    imported: "{} aus {} importiert: {} neu, {} aktualisiert{}",
    skipped: ", {} übersprungen",
    nothing_imported_write: "nichts importiert: Zeile {}: {}. Alle Lead-Dateien sind wie vorher; starte den Import noch einmal, sobald das behoben ist",
    not_restored: "diese Dateien konnten nicht zurückgesetzt werden und enthalten womöglich den Stand des Imports: {}",
    exported: "{} nach {} exportiert",
    check_all_fine: "{} in {}: alles in Ordnung",
    check_with_problems: "{} in Ordnung, {} mit Problemen",
    kind_broken: "defekt",
    kind_newer: "neuere Version",
    kind_unreadable: "nicht lesbar",
    kind_duplicate: "doppelte ID",
    kind_sync_conflict: "Konfliktkopie eines Sync-Programms",
    unknown_answer: "unbekannte Antwort: das Kriterium „{}“ hat keine Antwort „{}“ (bekannt: {}); sie zählt als ungeklärt, bis du sie korrigierst",
    unknown_criterion: "unbekanntes Kriterium „{}“ (Antwort „{}“); das Bewertungsschema kennt {}",
    moved_to_trash: "„{}“ liegt im Papierkorb; `leadq restore {}` holt den Lead zurück",
    check_live_and_trashed: "{}: auf einem anderen Rechner gelöscht und hier bearbeitet: der Lead ist aktiv, seine gelöschte Kopie liegt in {}",
    trash_not_restorable: "nicht wiederherstellbar: {} ({}) ist in {} wieder aktiv: auf einem anderen Rechner gelöscht, hier bearbeitet; `leadq delete {}`, falls er weg soll",
    restored: "„{}“ wiederhergestellt",
    pdf_one_file_all: "{} nennt eine PDF-Datei, aber --all schreibt eine Datei je Lead; gib mit -o einen Ordner an",
    pdf_one_file_ids: "{} nennt eine PDF-Datei, aber mehrere IDs ergeben eine Datei je Lead; gib mit -o einen Ordner an",
    pdf_wrote: "{} geschrieben",
    pdf_wrote_n: "{} nach {} geschrieben",
    pdf_missing_glyphs: "{}: diese Zeichen kann die PDF-Schrift nicht darstellen: {}",
    pdf_unjoined: "{}: arabische Buchstaben stehen im PDF einzeln statt verbunden (LeadQ kann sie nicht verbinden): {}",
    pdf_font: "die eingebettete PDF-Schrift konnte nicht gelesen werden: {}",
    pdf_failed: "das PDF konnte nicht erzeugt werden: {}",
    serialize: "der Lead konnte nicht als Text geschrieben werden: {}",
    not_found: "es gibt keinen Lead {} in {}",
    already_exists: "Lead {} gibt es in {} schon; lösche ihn zuerst oder behalte die Kopie im Papierkorb",
    conflict: "{} wurde außerhalb von LeadQ geändert; deine Version liegt in {}",
    changed_outside: "{} wurde inzwischen außerhalb von LeadQ geändert",
    reload_failed: "{} ist nicht mehr lesbar ({}); LeadQ zeigt weiter die letzte gute Fassung",
    file_empty: "die Datei ist leer",
    team_framework_default: "{}: {}; es gilt das eingebaute BANT-Bewertungsschema",
    personal_default: "{} konnte nicht gelesen werden ({}); es gelten die Standardeinstellungen",
    team_rules_default: "{}: {}; es gelten die Standardregeln",
    file_not_text: "die Datei ist kein gültiger UTF-8-Text",
    file_syntax: "die Datei ist kein lesbarer Lead: {}",
    file_newer: "die Datei stammt von einer neueren LeadQ (Formatversion {}, diese LeadQ liest bis {}); aktualisiere LeadQ, um sie zu öffnen",
    file_bad_version: "die Datei hat Formatversion 0, die keine LeadQ je geschrieben hat",
    file_unreadable: "die Datei konnte nicht gelesen werden: {}",
    file_sync_conflict: "die Kopie eines Sync-Programms von einer gleichzeitigen Änderung; vergleiche sie mit dem Lead und behalte, was stimmt",
    file_duplicate: "eine zweite Datei für Lead {} (die neuere wurde behalten)",
    lock_held: "LeadQ ist für diesen Ordner bereits geöffnet ({}); schließe zuerst das andere Fenster",
    lock_io: "die Sperrdatei {} konnte nicht angelegt werden: {}",
    no_data_dir: "für dieses System ist kein Datenordner bekannt; gib --data-dir ORDNER an oder setze LEADQ_DATA_DIR",
    csv_empty: "die Datei ist leer",
    csv_not_utf8: "die Datei ist kein UTF-8-Text; speichere sie in der Tabellenkalkulation als „CSV UTF-8“",
    csv_no_company: "die Kopfzeile hat keine Spalte „company“; die erste Zeile muss die Spalten nennen, z. B. {}",
    csv_duplicate_column: "die Spalte „{}“ steht zweimal in der Kopfzeile",
    csv_syntax: "Zeile {}: {}",
    csv_unclosed_quote: "Zeile {}: hier beginnt ein Anführungszeichen (\"), das nie geschlossen wird – der ganze Rest der Datei wäre ein einziges Feld; schließe oder entferne es",
    csv_line_break: "Zeile {}: das Feld „{}“ enthält einen Zeilenumbruch – fast immer ein Anführungszeichen (\"), das hier beginnt und zu spät geschlossen wird; prüfe die Anführungszeichen",
    csv_write: "die CSV-Datei konnte nicht geschrieben werden: {}",
    row_unreadable: "die Zeile ist nicht lesbar: {}",
    row_unknown_column: "unbekannte Spalte „{}“; bekannte Spalten sind {}",
    row_too_many_fields: "Zeile {} hat {} Felder, die Kopfzeile hat {}; das überzählige Feld gehört zu keiner Spalte",
    row_bad_id: "id „{}“ ist keine LeadQ-ID (für einen neuen Lead leer lassen)",
    row_company_empty: "company ist leer",
    row_not_one_of: "{} „{}“ ist keiner der Werte {}",
    row_follow_up: "follow_up „{}“ ist kein Datum wie 2026-12-31",
    row_duplicate_id: "die id {} steht auch in einer früheren Zeile",
    io_full: "der Datenträger ist voll",
    io_permission: "keine Berechtigung",
    io_not_found: "nicht vorhanden",
    io_read_only: "der Datenträger ist schreibgeschützt",
    io_quota: "dein Speicherkontingent ist aufgebraucht",
    io_is_folder: "das ist ein Ordner",
    io_not_folder: "ein Teil des Pfads ist kein Ordner",
    io_exists: "das gibt es schon",
};

const EN: Messages = Messages {
    warning: "warning",
    note: "note",
    leads: Plural {
        one: "{} lead",
        many: "{} leads",
    },
    follow_ups: Plural {
        one: "{} follow-up",
        many: "{} follow-ups",
    },
    rows: Plural {
        one: "{} row",
        many: "{} rows",
    },
    files: Plural {
        one: "{} file",
        many: "{} files",
    },
    lead_files: Plural {
        one: "{} lead file",
        many: "{} lead files",
    },
    pdfs: Plural {
        one: "{} PDF",
        many: "{} PDFs",
    },
    bad_rows: Plural {
        one: "{} bad row",
        many: "{} bad rows",
    },
    valid_rows: Plural {
        one: "the {} valid row",
        many: "the {} valid rows",
    },
    files_wait: Plural {
        one: "{} file waits in {} for you to repair or delete",
        many: "{} files wait in {} for you to repair or delete",
    },
    short_lines: Plural {
        one: "{}: line {} has fewer fields than the header; its missing columns stay empty",
        many: "{}: lines {} have fewer fields than the header; their missing columns stay empty",
    },
    not_loaded_moved: "{} could not be loaded ({}); moved to {} with its content intact",
    not_loaded: "{} could not be loaded: {}",
    find_empty: "give a lead id (or the start of one) as shown by `leadq list`",
    find_none: "no lead has an id starting with \"{}\"",
    find_many: "\"{}\" matches {}, e.g. {}; give more characters of the id",
    trash_none: "no lead in the trash has an id starting with \"{}\"; `leadq trash` lists them",
    write_file: "could not write {}",
    cannot_import: "{} cannot be imported: {}",
    nothing_imported_bad_rows: "nothing imported: {} in {}; fix them, or pass --skip-invalid to import {}",
    imported: "imported {} from {}: {} new, {} updated{}",
    skipped: ", {} skipped",
    nothing_imported_write: "nothing was imported: line {}: {}. Every lead file is as it was; run the import again once that is solved",
    not_restored: "these files could not be put back and may hold the import's version: {}",
    exported: "exported {} to {}",
    check_all_fine: "{} in {}: all fine",
    check_with_problems: "{} fine, {} with problems",
    kind_broken: "broken",
    kind_newer: "newer version",
    kind_unreadable: "unreadable",
    kind_duplicate: "duplicate id",
    kind_sync_conflict: "sync conflict copy",
    unknown_answer: "unknown answer: criterion \"{}\" has no answer \"{}\" (known: {}); it counts as unknown until you correct it",
    unknown_criterion: "unknown criterion \"{}\" (answer \"{}\"); the framework has {}",
    moved_to_trash: "moved \"{}\" to the trash; `leadq restore {}` brings it back",
    check_live_and_trashed: "{}: deleted on another machine and edited here: the lead is live and its deleted copy is in {}",
    trash_not_restorable: "not restorable: {} ({}) is live in {} again: deleted on another machine, edited here; `leadq delete {}` if it should go",
    restored: "restored \"{}\"",
    pdf_one_file_all: "{} names one PDF file, but --all would write one file per lead; give a folder with -o",
    pdf_one_file_ids: "{} names one PDF file, but several ids would write one file per lead; give a folder with -o",
    pdf_wrote: "wrote {}",
    pdf_wrote_n: "wrote {} to {}",
    pdf_missing_glyphs: "{}: the PDF font cannot show: {}",
    pdf_unjoined: "{}: Arabic letters are printed one by one, not joined (LeadQ cannot join them): {}",
    pdf_font: "the embedded PDF font could not be read: {}",
    pdf_failed: "the PDF could not be made: {}",
    serialize: "could not write the lead as text: {}",
    not_found: "there is no lead {} in {}",
    already_exists: "lead {} already exists in {}; delete it first or keep the trashed copy",
    conflict: "{} was changed outside LeadQ; your version was kept as {}",
    changed_outside: "{} was changed outside LeadQ meanwhile",
    reload_failed: "{} cannot be read any more ({}); LeadQ keeps showing its last good version",
    file_empty: "the file is empty",
    team_framework_default: "{}: {}; using the built-in BANT framework",
    personal_default: "{} could not be read ({}); using default settings",
    team_rules_default: "{}: {}; using the default rules",
    file_not_text: "the file is not valid UTF-8 text",
    file_syntax: "the file is not a readable lead: {}",
    file_newer: "the file was written by a newer LeadQ (format version {}, this LeadQ reads up to {}); update LeadQ to open it",
    file_bad_version: "the file has format version 0, which no LeadQ ever wrote",
    file_unreadable: "could not read the file: {}",
    file_sync_conflict: "a sync tool's copy of a conflicting edit; compare it with the lead and keep what is right",
    file_duplicate: "a second file for lead {} (the newer one was kept)",
    lock_held: "LeadQ is already open on this folder ({}); close the other window first",
    lock_io: "could not create the lock file {}: {}",
    no_data_dir: "no data folder is known for this system; pass --data-dir DIR or set LEADQ_DATA_DIR",
    csv_empty: "the file is empty",
    csv_not_utf8: "the file is not UTF-8 text; save it from your spreadsheet as \"CSV UTF-8\"",
    csv_no_company: "the header row has no \"company\" column; the first row must name the columns, e.g. {}",
    csv_duplicate_column: "column \"{}\" appears twice in the header row",
    csv_syntax: "line {}: {}",
    csv_unclosed_quote: "line {}: a quote (\") opens here and is never closed, so the whole rest of the file would be one field; close it or remove it",
    csv_line_break: "line {}: the {} field has a line break, which almost always means a quote (\") opened here is closed too late; check the quotes",
    csv_write: "could not write the CSV: {}",
    row_unreadable: "unreadable row: {}",
    row_unknown_column: "unknown column \"{}\"; known columns are {}",
    row_too_many_fields: "line {} has {} fields, the header has {}; the extra field belongs to no column",
    row_bad_id: "id \"{}\" is not a LeadQ id (leave it empty for a new lead)",
    row_company_empty: "company is empty",
    row_not_one_of: "{} \"{}\" is not one of {}",
    row_follow_up: "follow_up \"{}\" is not a date like 2026-12-31",
    row_duplicate_id: "id {} appears in an earlier row too",
    io_full: "the disk is full",
    io_permission: "permission denied",
    io_not_found: "it does not exist",
    io_read_only: "the disk is read-only",
    io_quota: "your disk quota is used up",
    io_is_folder: "it is a folder",
    io_not_folder: "part of the path is not a folder",
    io_exists: "it already exists",
};

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
