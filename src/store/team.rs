//! What a team shares in the data folder: `framework.ron` and `classification.ron`, each falling
//! back to the built-in default when missing or broken, and the switch to another framework
//! (`leadq framework use`), which writes both.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::journal::{Batch, BatchKind};
use super::lead_store::{FileAction, StoreError};
use crate::domain::{Classification, Framework, Template};

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

    // Without usable rules of its own, a framework gets its template's rules (or thresholds
    // that fit it), never rules that name criteria it lacks.
    let builtin_rules =
        |fw: &Framework| -> Result<Classification, String> { Ok(Classification::default_for(fw)) };
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
        action: FileAction::SaveRules,
        path,
        source,
    })
}

/// Makes `template` the data folder's framework: `framework.ron` and `classification.ron`
/// change together or not at all, as one batch (`journal.rs`): killed between the two, the
/// next writer completes the switch (or, killed before its commit, leaves both as they were),
/// and `leadq check` names the interrupted switch until then. Lead files are not touched:
/// answers are kept by criterion id, so those of the old framework count again when the folder
/// switches back. The caller holds the folder's lock.
pub fn save_team_framework(data_dir: &Path, template: &Template) -> Result<(), StoreError> {
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_owned());
    let framework = ron::ser::to_string_pretty(&template.framework, config.clone())?;
    let rules = ron::ser::to_string_pretty(&template.rules, config)?;
    let mut batch = Batch::new(data_dir, BatchKind::FrameworkSwitch);
    let files = [
        (FRAMEWORK_FILE, framework, FileAction::SaveFramework),
        (CLASSIFICATION_FILE, rules, FileAction::SaveRules),
    ];
    let write = |file: &mut fs::File, bytes: &[u8]| std::io::Write::write_all(file, bytes);
    for (name, text, action) in &files {
        let path = data_dir.join(name);
        let previous = fs::read(&path).ok();
        batch
            .stage(&path, text.as_bytes(), previous, &write)
            .map_err(|source| StoreError::Io {
                action: *action,
                path: path.clone(),
                source,
            })?;
    }
    batch.commit().map_err(|e| {
        let (name, _, action) = &files[e.index.min(files.len() - 1)];
        StoreError::Io {
            action: *action,
            path: data_dir.join(name),
            source: e.error,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template;

    #[test]
    fn a_switch_writes_both_files_and_loads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        for id in ["meddic", "gpctba", "bant"] {
            let t = template(id).unwrap();
            save_team_framework(dir.path(), t).unwrap();
            let team = load_team_settings(dir.path()).unwrap();
            assert!(team.problems.is_empty(), "{:?}", team.problems);
            assert_eq!(team.framework, t.framework);
            assert_eq!(team.rules, t.rules);
        }
    }

    #[test]
    fn a_framework_without_rules_gets_its_own_not_bant_s() {
        let dir = tempfile::tempdir().unwrap();
        save_team_framework(dir.path(), template("meddic").unwrap()).unwrap();
        fs::remove_file(dir.path().join(CLASSIFICATION_FILE)).unwrap();
        let team = load_team_settings(dir.path()).unwrap();
        assert_eq!(team.rules, template("meddic").unwrap().rules);
        // Old BANT rules next to a new MEDDIC framework: named, and MEDDIC's rules apply.
        save_classification(dir.path(), &template("bant").unwrap().rules).unwrap();
        let team = load_team_settings(dir.path()).unwrap();
        assert_eq!(team.problems.len(), 1);
        assert_eq!(team.rules, template("meddic").unwrap().rules);
    }
}
