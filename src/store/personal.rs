//! Personal settings (language, theme, last PDF folder) in the user's config folder, which no
//! sync tool shares with the team.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{create_private_dir, write_atomic};
use super::lead_store::{FileAction, StoreError};
use crate::domain::Lang;

const FILE: &str = "settings.ron";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// What is personal to one rep: kept in the user's config folder, not the shared data folder
/// (which a sync tool carries to the team). A missing field takes its default, so a file from an
/// older LeadQ still loads; a value that does not parse makes the whole file fall back to the
/// defaults, and [`PersonalSettings::load`] says which file and why.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonalSettings {
    /// `None` follows the system language.
    pub lang: Option<Lang>,
    pub theme: ThemeChoice,
    pub last_pdf_dir: Option<PathBuf>,
    /// The folder the last import came from, where the Open dialog starts.
    pub last_import_dir: Option<PathBuf>,
    /// Column mappings the rep chose in the import preview, by the file's header
    /// (`exchange::header_key` → a target id per column), so the same export maps itself next
    /// time. At most [`MAX_MAPPINGS`]; beyond that another one is forgotten.
    pub import_mappings: BTreeMap<String, Vec<String>>,
}

/// How many import mappings are remembered.
pub const MAX_MAPPINGS: usize = 32;

impl PersonalSettings {
    /// Remembers a mapping for a header, forgetting another one when there are too many.
    pub fn remember_mapping(&mut self, header: String, targets: Vec<String>) {
        self.import_mappings.insert(header.clone(), targets);
        while self.import_mappings.len() > MAX_MAPPINGS {
            let Some(other) = self.import_mappings.keys().find(|k| **k != header).cloned() else {
                break;
            };
            self.import_mappings.remove(&other);
        }
    }

    /// Reads the settings; a missing or broken file gives the defaults and, if broken, which
    /// file and what the parser said (`crate::i18n::personal_problem` says it to the rep).
    pub fn load(config_dir: &Path) -> (PersonalSettings, Option<(PathBuf, String)>) {
        let path = config_dir.join(FILE);
        match fs::read_to_string(&path) {
            Ok(text) => match ron::from_str(&text) {
                Ok(s) => (s, None),
                Err(e) => (PersonalSettings::default(), Some((path, e.to_string()))),
            },
            Err(_) => (PersonalSettings::default(), None),
        }
    }

    pub fn save(&self, config_dir: &Path) -> Result<(), StoreError> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())?;
        create_private_dir(config_dir).map_err(|source| StoreError::Io {
            action: FileAction::CreateFolder,
            path: config_dir.to_path_buf(),
            source,
        })?;
        let path = config_dir.join(FILE);
        write_atomic(&path, text.as_bytes()).map_err(|source| StoreError::Io {
            action: FileAction::SaveSettings,
            path,
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_field_takes_its_default_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(FILE), "(theme: dark)").unwrap();
        let (s, problem) = PersonalSettings::load(dir.path());
        assert_eq!((s.theme, s.lang, problem), (ThemeChoice::Dark, None, None));
        let saved = PersonalSettings {
            lang: Some(Lang::En),
            ..s
        };
        saved.save(dir.path()).unwrap();
        assert_eq!(PersonalSettings::load(dir.path()).0, saved);
    }
}
