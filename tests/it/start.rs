//! The window's start (`ui::run`, `ui/renderer.rs`): a graphics interface that does not work
//! makes way for the next, and a start that cannot succeed says why in the rep's language, in a
//! desktop dialog (here a stand-in `zenity` that writes down what it was asked to show) and on
//! standard error, with a non-zero exit. The same on Windows under Wine: `.ci/wine-test.sh`.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Running, leadq_command, on_path, start_xvfb};

/// `leadq --lang LANG --data-dir DATA` with its own config, lock and home folders below `tmp`,
/// a stand-in `zenity` first on PATH, standard error into `tmp/stderr`.
fn window(tmp: &Path, lang: &str, data: &Path, display: Option<&str>) -> Command {
    let bin = tmp.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let zenity = bin.join("zenity");
    fs::write(
        &zenity,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n",
            tmp.join("dialog").display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&zenity, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = leadq_command();
    cmd.args(["--lang", lang, "--data-dir"])
        .arg(data)
        .env("PATH", path)
        .env("HOME", tmp.join("home"))
        .env("LEADQ_CONFIG_DIR", tmp.join("config"))
        .env("LEADQ_LOCK_DIR", tmp.join("locks"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WGPU_BACKEND")
        .env_remove("XDG_RUNTIME_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(tmp.join("stderr")).unwrap());
    match display {
        Some(d) => cmd.env("DISPLAY", d),
        None => cmd.env_remove("DISPLAY"),
    };
    cmd
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

/// Waits up to a minute for the process to end; its exit status.
fn wait_exit(child: &mut Running) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "leadq did not end"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn xvfb_or_skip() -> Option<(Running, String)> {
    if on_path("Xvfb").is_none() {
        eprintln!("note: skipped: Xvfb is not installed (`.ci/run` installs it)");
        return None;
    }
    Some(start_xvfb())
}

#[test]
fn a_graphics_interface_that_fails_makes_way_for_the_next() {
    let Some((_xvfb, display)) = xvfb_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let mut cmd = window(tmp.path(), "de", &data, Some(&display));
    cmd.env("LEADQ_TEST_FAIL_RENDERERS", "vulkan");
    let mut app = Running(cmd.spawn().unwrap());
    let stderr = tmp.path().join("stderr");
    let started = Instant::now();
    while !read(&stderr).contains("drawn with") {
        assert!(
            app.0.try_wait().unwrap().is_none(),
            "the window ended: {}",
            read(&stderr)
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no window: {}",
            read(&stderr)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let said = read(&stderr);
    assert!(said.contains("Vulkan did not work"), "{said}");
    assert!(said.contains("the window is drawn with OpenGL"), "{said}");
    // The window stays up and holds the folder, as with the first interface.
    std::thread::sleep(Duration::from_secs(1));
    assert!(app.0.try_wait().unwrap().is_none(), "{}", read(&stderr));
    assert!(data.join("leads").is_dir());
    assert!(!tmp.path().join("dialog").exists(), "no message box");
}

#[test]
fn when_no_graphics_interface_works_a_message_box_says_so_in_the_reps_language() {
    let Some((_xvfb, display)) = xvfb_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let mut cmd = window(tmp.path(), "de", &data, Some(&display));
    cmd.env("LEADQ_TEST_FAIL_RENDERERS", "all");
    let mut app = Running(cmd.spawn().unwrap());
    let status = wait_exit(&mut app);
    assert!(!status.success());
    let dialog = read(&tmp.path().join("dialog"));
    assert!(dialog.starts_with("--error\n"), "{dialog}");
    assert!(dialog.contains("LeadQ kann nicht starten"), "{dialog}");
    assert!(
        dialog.contains(
            "keine Grafikschnittstelle dieses Rechners hat funktioniert (versucht: Vulkan, OpenGL)"
        ),
        "{dialog}"
    );
    assert!(
        dialog.contains("Deine Leads wurden nicht verändert"),
        "{dialog}"
    );
    assert!(
        dialog.contains("Einzelheiten für den Support: Vulkan: "),
        "{dialog}"
    );
    let said = read(&tmp.path().join("stderr"));
    assert!(said.contains("LeadQ kann nicht starten"), "{said}");
    // Nothing was created: the window never got so far.
    assert_eq!(fs::read_dir(&data).unwrap().count(), 0);
}

#[test]
fn a_data_folder_that_cannot_be_opened_is_named_in_the_message_box() {
    let Some((_xvfb, display)) = xvfb_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // A file where the folder should be.
    let data = tmp.path().join("Leads.csv");
    fs::write(&data, "company\nA\n").unwrap();
    let mut app = Running(
        window(tmp.path(), "en", &data, Some(&display))
            .spawn()
            .unwrap(),
    );
    let status = wait_exit(&mut app);
    assert!(!status.success());
    let dialog = read(&tmp.path().join("dialog"));
    assert!(dialog.contains("LeadQ cannot start"), "{dialog}");
    assert!(dialog.contains("LeadQ could not start: "), "{dialog}");
    assert!(dialog.contains("Leads.csv"), "{dialog}");
    assert!(dialog.contains("Your leads were not changed."), "{dialog}");
    assert_eq!(read(&data), "company\nA\n");
}

#[test]
fn without_a_display_the_reason_goes_to_standard_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let mut app = Running(window(tmp.path(), "de", &data, None).spawn().unwrap());
    let status = wait_exit(&mut app);
    assert!(!status.success());
    let said = read(&tmp.path().join("stderr"));
    assert!(
        said.contains("LeadQ konnte kein Fenster öffnen: Es ist kein Bildschirm erreichbar"),
        "{said}"
    );
    // No display, no dialog: it would have nowhere to show.
    assert!(!tmp.path().join("dialog").exists());
}
