//! The window on a synced folder, driven through its accessibility labels: a colleague's change
//! arriving while the rep types never takes the typed text away.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use leadq::domain::Lang;
use leadq::ui::{LeadqApp, build_app, install_fonts};

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn harness(&self, lang: Lang) -> Harness<'static, LeadqApp> {
        let config = self.dir.path().join("config");
        fs::create_dir_all(&config).unwrap();
        fs::write(
            config.join("settings.ron"),
            format!("(lang: Some({}), theme: light)", lang.code()),
        )
        .unwrap();
        let app = build_app(Some(&self.data()), Some(config), None, Box::new(|| {})).unwrap();
        let mut h = Harness::builder()
            .with_size([1280.0, 800.0])
            .with_render_cursor(false)
            .with_context_setup(install_fonts)
            .build_ui_state(|ui: &mut egui::Ui, app: &mut LeadqApp| app.show(ui), app);
        h.run();
        h
    }

    fn import(&self, csv: &str) {
        let file = self.dir.path().join("in.csv");
        fs::write(&file, csv).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(self.data())
            .arg("import")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn lead_file(&self) -> PathBuf {
        fs::read_dir(self.data().join("leads"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "ron"))
            .unwrap()
    }
}

/// Replaces a file the way Syncthing does: a temp file beside it, renamed over it.
fn replace_like_a_sync_tool(file: &Path, text: &str) {
    let tmp = file.with_file_name(format!(
        ".syncthing.{}.tmp",
        file.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, file).unwrap();
}

fn run_until(h: &mut Harness<'_, LeadqApp>, what: &str, ok: impl Fn(&LeadqApp) -> bool) {
    let start = Instant::now();
    while !ok(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(30));
        h.run();
    }
}

fn field_value(h: &Harness<'_, LeadqApp>, label: &str) -> String {
    h.get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

#[test]
fn a_colleagues_change_arriving_while_typing_keeps_the_typed_text() {
    let s = Setup::new();
    s.import("company\nAlt GmbH\n");
    let mut h = s.harness(Lang::De);
    assert_eq!(h.state().model.selected().unwrap().lead.company, "Alt GmbH");
    let file = s.lead_file();
    let before = fs::read_to_string(&file).unwrap();

    h.get_by_label("Notizen").focus();
    h.run();
    h.get_by_label("Notizen").type_text("Rückruf Dienstag");
    h.run();
    // The colleague renamed the company; the sync tool brings it in before the save is due.
    replace_like_a_sync_tool(&file, &before.replace("Alt GmbH", "Neu AG"));
    run_until(&mut h, "the colleague's change", |app| {
        app.model
            .selected()
            .is_some_and(|e| e.lead.company == "Neu AG")
    });
    // Typing goes on after the change came in.
    h.get_by_label("Notizen").type_text(", 10 Uhr");
    h.run();

    assert_eq!(field_value(&h, "Notizen"), "Rückruf Dienstag, 10 Uhr");
    assert_eq!(field_value(&h, "Firma"), "Neu AG");
    h.state_mut().model.flush();
    let on_disk = fs::read_to_string(&file).unwrap();
    assert!(
        on_disk.contains("Neu AG") && on_disk.contains("Rückruf Dienstag, 10 Uhr"),
        "{on_disk}"
    );
    assert!(!s.data().join("conflicts").exists(), "nothing to set aside");
    assert!(
        h.state().model.banners.is_empty(),
        "{:?}",
        h.state().model.banners
    );
}

#[test]
fn the_same_field_changed_there_keeps_the_disk_version_and_ours_in_conflicts_with_a_banner() {
    let s = Setup::new();
    s.import("company\nAlt GmbH\n");
    let mut h = s.harness(Lang::De);
    assert_eq!(h.state().model.selected().unwrap().lead.company, "Alt GmbH");
    let file = s.lead_file();
    let before = fs::read_to_string(&file).unwrap();

    h.get_by_label("Firma").focus();
    h.run();
    h.get_by_label("Firma").type_text(" & Co. KG");
    h.run();
    replace_like_a_sync_tool(&file, &before.replace("Alt GmbH", "Neu AG"));
    run_until(&mut h, "the conflict banner", |app| {
        app.model
            .banners
            .iter()
            .any(|b| matches!(b, leadq::app::Banner::Conflict { .. }))
    });
    h.run();
    assert_eq!(
        field_value(&h, "Firma"),
        "Neu AG",
        "the disk version is shown"
    );
    assert!(
        h.query_by_label_contains("wurde hier und gleichzeitig außerhalb von LeadQ geändert")
            .is_some(),
        "the banner is on screen"
    );
    let kept: Vec<String> = fs::read_dir(s.data().join("conflicts"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(kept.iter().any(|t| t.contains("& Co. KG")), "{kept:?}");
    h.state_mut().model.flush();
    assert!(fs::read_to_string(&file).unwrap().contains("Neu AG"));
}

#[test]
fn a_conflict_copy_arriving_while_the_window_is_open_shows_the_banner_at_once() {
    let s = Setup::new();
    s.import("company\nAlt GmbH\n");
    let mut h = s.harness(Lang::De);
    assert!(h.state().model.banners.is_empty());
    let file = s.lead_file();
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let copy = file.with_file_name(format!("{stem}.sync-conflict-20261130-101010-ABCDEFG.ron"));
    fs::copy(&file, &copy).unwrap();
    run_until(&mut h, "the sync conflict banner", |app| {
        format!("{:?}", app.model.banners).contains("sync-conflict-20261130")
    });
    h.run();
    assert!(
        h.query_by_label_contains("Konfliktkopie").is_some(),
        "the banner is on screen"
    );
}

#[test]
fn a_lead_deleted_elsewhere_and_edited_here_is_named_in_a_banner() {
    let s = Setup::new();
    s.import("company\nAlt GmbH\n");
    let file = s.lead_file();
    fs::copy(
        &file,
        s.data().join("trash").join(file.file_name().unwrap()),
    )
    .unwrap();
    let mut h = s.harness(Lang::De);
    run_until(&mut h, "the banner", |app| !app.model.banners.is_empty());
    h.run();
    assert!(
        h.query_by_label_contains("Auf einem anderen Rechner gelöscht, hier bearbeitet: Alt GmbH")
            .is_some()
    );
}
