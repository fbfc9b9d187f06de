//! A framework file a manager mailed (`.ron`, as `leadq framework export` and the editor's
//! Export… write it), picked in the framework editor, dropped on the window or given as
//! `leadq FILE.ron`: the Open dialog and the read run on a background thread. What comes back
//! becomes the editor's draft; nothing is used until the manager saves it there.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use super::file_open::Origin;
use crate::domain::{Template, TemplateError};

#[derive(Debug)]
pub enum FrameworkOpen {
    /// A framework file: problems it has are shown in the editor, as for a draft.
    Read(Box<Template>),
    /// The file is no framework file: what the parser says (a [`TemplateError::Syntax`]).
    NotAFramework {
        path: PathBuf,
        error: TemplateError,
    },
    Cancelled,
    /// The file could not be read (`{path}: {reason}`), or no dialog is available.
    Failed(String),
}

/// Whether the window takes this file for a framework file rather than a spreadsheet.
pub fn is_framework_file(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Starts the dialog (`filter` names its file type) and the read; the receiver gets exactly
/// one outcome, after which `wake` is called.
pub fn start(
    source: Origin,
    filter: &'static str,
    wake: Box<dyn Fn() + Send>,
) -> Receiver<FrameworkOpen> {
    super::run_once(
        "leadq-open-framework",
        move || match source {
            Origin::Path(path) => read(path),
            Origin::Dialog { last_dir } => {
                let mut dialog = rfd::AsyncFileDialog::new()
                    .add_filter(filter, &["ron"])
                    .add_filter("*", &["*"]);
                if let Some(dir) = last_dir.as_ref().filter(|d| d.is_dir()) {
                    dialog = dialog.set_directory(dir);
                }
                match pollster::block_on(dialog.pick_file()) {
                    Some(handle) => read(handle.path().to_path_buf()),
                    None => FrameworkOpen::Cancelled,
                }
            }
        },
        wake,
        FrameworkOpen::Failed,
    )
}

/// The file the editor's Export… writes: the draft in the templates' shape (what
/// [`Template::parse`] and `leadq framework use FILE` read back), problems and all.
pub fn render(template: Template) -> super::file_save::Render {
    Box::new(move |_| {
        template
            .to_ron()
            .map(String::into_bytes)
            .map_err(|e| e.to_string())
    })
}

/// Reads one framework file (UTF-8, as `leadq framework export` writes it; a file in another
/// encoding is named, never read with its umlauts replaced).
pub fn read(path: PathBuf) -> FrameworkOpen {
    let text = match crate::store::read_user_text(&path) {
        Ok(text) => text,
        Err(e) => return FrameworkOpen::Failed(format!("{}: {e}", path.display())),
    };
    match Template::parse(&text) {
        Ok(template) => FrameworkOpen::Read(Box::new(template)),
        Err(error) => FrameworkOpen::NotAFramework { path, error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template;

    #[test]
    fn what_export_writes_reads_back_even_with_problems() {
        let mut draft = template("champ").unwrap().clone();
        draft.framework.name.de = "CHAMP (Vertrieb Süd)".into();
        draft.framework.criteria[0].options.truncate(1);
        assert!(!draft.problems().is_empty());
        let bytes = render(draft.clone())(std::path::Path::new("x.ron")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("CHAMP (Vertrieb Süd).ron");
        std::fs::write(&file, bytes).unwrap();
        match read(file) {
            FrameworkOpen::Read(t) => assert_eq!(*t, draft),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_exported_framework_reads_back_and_anything_else_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let meddic = template("meddic").unwrap();
        let file = dir.path().join("meddic.ron");
        // Saved by a mail program or an editor on Windows: with a byte-order mark.
        let text = format!("\u{feff}{}", meddic.to_ron().unwrap());
        std::fs::write(&file, text).unwrap();
        match read(file) {
            FrameworkOpen::Read(t) => assert_eq!(*t, *meddic),
            other => panic!("{other:?}"),
        }

        let csv = dir.path().join("leads.ron");
        std::fs::write(&csv, "Firma;Ansprechpartner\nMüller AG;Anna\n").unwrap();
        match read(csv.clone()) {
            FrameworkOpen::NotAFramework { path, error } => {
                assert_eq!(path, csv);
                assert!(matches!(error, TemplateError::Syntax(_)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read(dir.path().join("missing.ron")),
            FrameworkOpen::Failed(e) if e.contains("missing.ron")
        ));

        // Saved as Windows-1252 by an old editor: named, not read with "ü" turned into "�".
        let latin = dir.path().join("latin.ron");
        let text = meddic.to_ron().unwrap();
        assert!(text.contains("Fürsprecher"));
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        std::fs::write(&latin, &bytes).unwrap();
        assert!(matches!(read(latin), FrameworkOpen::Failed(e) if e.contains("latin.ron")));
    }
}
