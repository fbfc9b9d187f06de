//! What the integration tests share: the real `leadq` binary on a data folder, an import
//! through it, the window's model on a folder, and waiting for the worker.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use leadq::domain::Lang;
use leadq::ui::{LeadqApp, build_app};

/// The `leadq` binary Cargo built for these tests, with nothing inherited that would point it
/// at a rep's own data folder.
pub fn leadq_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leadq"));
    cmd.env_remove("LEADQ_DATA_DIR");
    cmd
}

/// Runs `leadq --data-dir DATA --lang LANG ARGS…` and waits for it.
pub fn leadq_in(lang: &str, data: &Path, args: &[&str]) -> Output {
    leadq_command()
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", lang])
        .args(args)
        .output()
        .unwrap()
}

/// Runs `leadq` in English on `data`.
pub fn bin(data: &Path, args: &[&str]) -> Output {
    leadq_in("en", data, args)
}

/// Imports `csv` into `data` through the real binary; the import must succeed.
pub fn import(data: &Path, csv: &str) {
    let file = data.parent().unwrap().join(format!("in-{}.csv", csv.len()));
    fs::write(&file, csv).unwrap();
    let out = bin(data, &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The window's model on `data`, in English, its settings in a `config` folder beside it.
pub fn app(data: &Path) -> LeadqApp {
    let config = data.parent().unwrap().join("config");
    build_app(Some(data), Some(config), Some(Lang::En), Box::new(|| {})).unwrap()
}

/// Polls the worker until `ok` holds; fails the test after ten seconds.
pub fn wait_for(app: &mut LeadqApp, what: &str, ok: impl Fn(&LeadqApp) -> bool) {
    let start = Instant::now();
    while !ok(app) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(30));
        app.model.poll();
    }
}

/// A temp folder with a data folder `data` in it (not yet created) and room beside it for the
/// files a test imports or exports.
pub struct Folder {
    pub tmp: tempfile::TempDir,
    pub data: PathBuf,
}

impl Folder {
    pub fn new() -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        Folder { tmp, data }
    }

    /// `name` beside the data folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Writes `bytes` to `name` beside the data folder.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// `leadq --lang LANG ARGS…` on the data folder.
    pub fn run(&self, lang: &str, args: &[&str]) -> Output {
        leadq_in(lang, &self.data, args)
    }

    /// `run` that must succeed; its standard output.
    pub fn ok(&self, lang: &str, args: &[&str]) -> String {
        let out = self.run(lang, args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Finds a program on PATH.
pub fn on_path(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|p| p.join(program))
        .find(|p| p.is_file())
}

/// Kills a child process when dropped, so a failing assertion leaves nothing running.
pub struct Running(pub std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts Xvfb on a display it picks itself (it prints the number once it accepts
/// connections): the running server and its `DISPLAY`. Callers check `on_path("Xvfb")` first.
pub fn start_xvfb() -> (Running, String) {
    let mut xvfb = Running(
        Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut number = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(xvfb.0.stdout.take().unwrap()),
        &mut number,
    )
    .unwrap();
    let display = format!(":{}", number.trim());
    assert_ne!(display, ":", "Xvfb did not start");
    (xvfb, display)
}
