//! `leadq packaging-files DIR` (hidden): writes the man pages and the shell completions from the
//! real command-line definition, so packages carry exactly the CLI of the binary they ship and
//! need no second build. `packaging/linux.sh` calls it on the release binary.
//!
//! Layout written under DIR (the paths packages install them to, below `share/`):
//! `man/man1/leadq.1` (+ one page per subcommand), `bash-completion/completions/leadq`,
//! `zsh/vendor-completions/_leadq`, `fish/vendor_completions.d/leadq.fish`.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Writes every man page and completion script below `dir` (created if missing).
pub fn write_all(dir: &Path) -> Result<()> {
    let man_dir = dir.join("man").join("man1");
    fs::create_dir_all(&man_dir).with_context(|| format!("cannot create {}", man_dir.display()))?;
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    write_man_pages(&cmd, &man_dir)?;

    for (shell, sub, file) in [
        (Shell::Bash, "bash-completion/completions", "leadq"),
        (Shell::Zsh, "zsh/vendor-completions", "_leadq"),
        (Shell::Fish, "fish/vendor_completions.d", "leadq.fish"),
    ] {
        let folder = dir.join(sub);
        fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd, "leadq", &mut script);
        write_file(&folder.join(file), &script)?;
    }
    Ok(())
}

/// One page for the command and one for each visible subcommand (`leadq-list.1`, …), which the
/// main page refers to.
fn write_man_pages(cmd: &clap::Command, dir: &Path) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub, dir)?;
    }
    let man = clap_mangen::Man::new(cmd.clone())
        .date(crate::BUILD_DATE)
        .source(format!("LeadQ {}", crate::VERSION))
        .manual("LeadQ");
    let mut page = Vec::new();
    man.render(&mut page)
        .context("cannot render the man page")?;
    write_file(&dir.join(man.get_filename()), &page)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file =
        fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_man_pages_and_completions_for_the_visible_commands() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path()).unwrap();
        let man = fs::read_to_string(dir.path().join("man/man1/leadq.1")).unwrap();
        assert!(man.contains("leadq\\-list(1)"), "{man}");
        assert!(
            !man.contains("generate"),
            "hidden commands stay out of the man page"
        );
        assert!(
            !man.contains("packaging"),
            "hidden commands stay out of the man page"
        );
        assert!(dir.path().join("man/man1/leadq-pdf.1").is_file());
        let bash =
            fs::read_to_string(dir.path().join("bash-completion/completions/leadq")).unwrap();
        assert!(bash.contains("import"));
        assert!(dir.path().join("zsh/vendor-completions/_leadq").is_file());
        assert!(
            dir.path()
                .join("fish/vendor_completions.d/leadq.fish")
                .is_file()
        );
    }
}
