//! What the packages rely on: `--version` shows version and build date, the hidden
//! `packaging-files` writes man pages and completions without touching any data folder, and the
//! licence notice shown in the About window names our licence and the crates.

use std::process::Command;

fn leadq() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leadq"));
    // A data folder that must never be created by these commands.
    cmd.env("LEADQ_DATA_DIR", "/nonexistent/leadq-packaging-test");
    cmd
}

#[test]
fn version_shows_the_build_date() {
    let out = leadq().arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = format!("leadq {} (built {})\n", leadq::VERSION, leadq::BUILD_DATE);
    assert_eq!(text, expected);
    assert_eq!(
        leadq::BUILD_DATE.len(),
        "2026-11-30".len(),
        "{}",
        leadq::BUILD_DATE
    );
}

#[test]
fn packaging_files_are_written_from_the_real_cli() {
    let dir = tempfile::tempdir().unwrap();
    let out = leadq()
        .arg("packaging-files")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "man/man1/leadq.1",
        "man/man1/leadq-list.1",
        "man/man1/leadq-import.1",
        "bash-completion/completions/leadq",
        "zsh/vendor-completions/_leadq",
        "fish/vendor_completions.d/leadq.fish",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} was not written");
    }
    assert!(!std::path::Path::new("/nonexistent/leadq-packaging-test").exists());
}

#[test]
fn the_licence_notice_names_our_licence_fonts_and_crates() {
    let notice = leadq::licenses();
    assert!(notice.starts_with("LeadQ — licences"));
    assert!(notice.contains("Copyright (c) 2026 the LeadQ developers"));
    assert!(notice.contains("DejaVu"));
    for krate in ["eframe ", "egui ", "printpdf ", "serde ", "clap "] {
        assert!(
            notice.lines().any(|l| l.starts_with(krate)),
            "{krate}is not named"
        );
    }
}

#[test]
fn about_shows_the_licences_in_both_languages() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use leadq::ui::{LeadqApp, build_app, install_fonts};

    for (lang, heading) in [("de", "Lizenzen"), ("en", "Licences")] {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("settings.ron"),
            format!("(lang: Some({lang}), theme: light)"),
        )
        .unwrap();
        let mut app = build_app(
            Some(&dir.path().join("data")),
            Some(config),
            None,
            Box::new(|| {}),
        )
        .unwrap();
        app.windows.about = true;
        let mut h = Harness::builder()
            .with_size([1280.0, 800.0])
            .with_context_setup(install_fonts)
            .build_ui_state(|ui: &mut egui::Ui, app: &mut LeadqApp| app.show(ui), app);
        h.run();
        h.get_by_label(heading).click();
        h.run();
        // The notice starts with our own licence, shown line by line in a scroll area.
        h.get_by_label("LeadQ — licences");
        h.get_by_label("MIT License");
        if let Ok(path) = std::env::var("LEADQ_ABOUT_SHOT")
            && let Ok(image) = h.render()
        {
            image.save(format!("{path}-{lang}.png")).unwrap();
        }
    }
}
