//! What a team shares in the data folder: `framework.ron` and `classification.ron`, each falling
//! back to the built-in default when missing or broken.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::lead_store::StoreError;
use crate::domain::{Classification, Framework};

pub const FRAMEWORK_FILE: &str = "framework.ron";
pub const CLASSIFICATION_FILE: &str = "classification.ron";

/// What a team shares through the data folder, so everyone on a synced folder scores alike.
#[derive(Debug, Clone)]
pub struct TeamSettings {
    pub framework: Framework,
    pub rules: Classification,
    /// Files that were present but unusable; the built-in defaults are used instead.
    pub problems: Vec<TeamProblem>,
}

/// A team file that was present but could not be used, so the built-in default applies.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamProblem {
    pub file: PathBuf,
    /// What the parser or the OS said (technical, not translated).
    pub detail: String,
    /// Which default stands in: the framework (`framework.ron`) or the rules.
    pub framework: bool,
}

impl std::fmt::Display for TeamProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let default = if self.framework {
            "the built-in BANT framework"
        } else {
            "the default rules"
        };
        write!(
            f,
            "{}: {}; using {default}",
            self.file.display(),
            self.detail
        )
    }
}

/// Loads `framework.ron` and `classification.ron` from the data folder, falling back to the
/// built-in BANT defaults file by file, with a message for each file that could not be used.
pub fn load_team_settings(data_dir: &Path) -> Result<TeamSettings, String> {
    let builtin = Framework::builtin().map_err(|e| format!("built-in framework is broken: {e}"))?;
    let mut problems = Vec::new();

    let framework_path = data_dir.join(FRAMEWORK_FILE);
    let framework = match fs::read_to_string(&framework_path) {
        Ok(text) => Framework::from_ron(&text).unwrap_or_else(|e| {
            problems.push(TeamProblem {
                file: framework_path.clone(),
                detail: e.to_string(),
                framework: true,
            });
            builtin.clone()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.clone(),
        Err(e) => {
            problems.push(TeamProblem {
                file: framework_path.clone(),
                detail: e.to_string(),
                framework: true,
            });
            builtin.clone()
        }
    };

    let builtin_rules = |fw: &Framework| {
        Classification::builtin(fw)
            .or_else(|_| Classification::builtin(&builtin))
            .map_err(|e| format!("built-in classification rules are broken: {e}"))
    };
    let rules_path = data_dir.join(CLASSIFICATION_FILE);
    let rules = match fs::read_to_string(&rules_path) {
        Ok(text) => match Classification::from_ron(&text, &framework) {
            Ok(rules) => rules,
            Err(e) => {
                problems.push(TeamProblem {
                    file: rules_path.clone(),
                    detail: e.to_string(),
                    framework: false,
                });
                builtin_rules(&framework)?
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin_rules(&framework)?,
        Err(e) => {
            problems.push(TeamProblem {
                file: rules_path.clone(),
                detail: e.to_string(),
                framework: false,
            });
            builtin_rules(&framework)?
        }
    };
    Ok(TeamSettings {
        framework,
        rules,
        problems,
    })
}

/// Writes the classification rules to the data folder (the settings window edits them).
pub fn save_classification(data_dir: &Path, rules: &Classification) -> Result<(), StoreError> {
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_owned());
    let text = ron::ser::to_string_pretty(rules, config)?;
    let path = data_dir.join(CLASSIFICATION_FILE);
    write_atomic(&path, text.as_bytes()).map_err(|source| StoreError::Io {
        action: super::lead_store::FileAction::SaveRules,
        path,
        source,
    })
}
