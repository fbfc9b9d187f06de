//! Saving a file the window made (the follow-up calendar, the leads as a workbook or CSV)
//! through the native Save-as dialog, on a background thread (dialogs block), written
//! atomically. Without a dialog (Linux without a portal or zenity) it goes into the documents
//! folder under a name no file has yet.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use crate::report::unique_path;
use crate::store::write_atomic;

#[derive(Debug)]
pub enum SaveOutcome {
    Saved(PathBuf),
    Cancelled,
    Failed(String),
}

/// Makes the file's bytes once the path is known, on the save thread: the rep may pick another
/// format by the name's extension (`leads.csv` instead of `leads.xlsx`), and only the picked
/// one is rendered. The error is said in the rep's language already.
pub type Render = Box<dyn FnOnce(&Path) -> Result<Vec<u8>, String> + Send>;

pub struct SaveRequest {
    pub render: Render,
    pub file_name: String,
    /// The dialog's filters: a name and the extension without the dot. The first one's
    /// extension is added to a name typed without one.
    pub filters: Vec<(&'static str, &'static str)>,
    pub last_dir: Option<PathBuf>,
    pub dialog_available: bool,
}

impl SaveRequest {
    /// Bytes made before the dialog opens, whatever the name picked (the calendar).
    pub fn bytes(bytes: Vec<u8>) -> Render {
        Box::new(move |_| Ok(bytes))
    }
}

/// Starts the save; the receiver gets exactly one outcome, after which `wake` is called.
pub fn start(request: SaveRequest, wake: Box<dyn Fn() + Send>) -> Receiver<SaveOutcome> {
    super::run_once(
        "leadq-save",
        move || save(request),
        wake,
        SaveOutcome::Failed,
    )
}

fn save(r: SaveRequest) -> SaveOutcome {
    let path = if r.dialog_available {
        let mut dialog = rfd::AsyncFileDialog::new().set_file_name(r.file_name.clone());
        for (name, extension) in &r.filters {
            dialog = dialog.add_filter(*name, &[*extension]);
        }
        if let Some(dir) = r.last_dir.as_ref().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        let Some(handle) = pollster::block_on(dialog.save_file()) else {
            return SaveOutcome::Cancelled;
        };
        let mut path = handle.path().to_path_buf();
        if path.extension().is_none()
            && let Some((_, extension)) = r.filters.first()
        {
            path.set_extension(extension);
        }
        path
    } else {
        let Some(dir) = crate::platform::documents_dir() else {
            return SaveOutcome::Failed("no documents folder".to_owned());
        };
        unique_path(&dir, &r.file_name)
    };
    let bytes = match (r.render)(&path) {
        Ok(bytes) => bytes,
        Err(e) => return SaveOutcome::Failed(format!("{}: {e}", path.display())),
    };
    match write_atomic(&path, &bytes) {
        Ok(()) => SaveOutcome::Saved(path),
        Err(e) => SaveOutcome::Failed(format!("{}: {e}", path.display())),
    }
}

/// The leads as the file the rep named (File → Export leads…): `.xlsx` a workbook, any other
/// name CSV with a byte-order mark, separated and with decimal marks as the rep's language's
/// Excel expects (`;` and `5,5` in German); columns and values in the rep's words.
pub fn leads_render(
    leads: Vec<crate::domain::Lead>,
    framework: crate::domain::Framework,
    rules: crate::domain::Classification,
    lang: crate::domain::Lang,
) -> Render {
    use crate::exchange::export::{ExportFormat, export_bytes};
    Box::new(move |path| {
        let semicolon = crate::i18n::texts(lang).decimal_comma;
        let format = ExportFormat::for_path(path, semicolon);
        export_bytes(
            format,
            &leads,
            &framework,
            &rules,
            crate::exchange::Naming::Words(lang),
        )
        .map_err(|e| crate::i18n::export_error(lang, &e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Classification, Framework, Lang, Lead};

    fn render(lang: Lang, name: &str) -> Vec<u8> {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        lead.company = "Müller AG".into();
        lead.revenue_meur = Some(5.5);
        leads_render(vec![lead], fw, rules, lang)(Path::new(name)).unwrap()
    }

    #[test]
    fn the_picked_name_decides_the_format_and_the_language_the_separator() {
        assert!(render(Lang::De, "leads.xlsx").starts_with(b"PK\x03\x04"));
        let german = String::from_utf8(render(Lang::De, "Leads.CSV")).unwrap();
        // In the rep's words (headers, values), as a person opening it in Excel reads it.
        assert!(german.starts_with("\u{feff}LeadQ-ID;Firma;"), "{german}");
        assert!(
            german.contains(";Müller AG;") && german.contains(";5,5;"),
            "{german}"
        );
        let english = String::from_utf8(render(Lang::En, "leads.csv")).unwrap();
        assert!(
            english.starts_with("\u{feff}LeadQ-ID,Company,"),
            "{english}"
        );
        assert!(english.contains(",5.5,"), "{english}");
    }
}
