//! The few things that differ per OS: opening a file, showing it in the file manager (both
//! through the `opener` crate), and whether a native file dialog can appear at all. Each has a
//! counterpart for every platform.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Opens a file with the user's default program (the PDF viewer), or a `mailto:` or web address
/// given as a path (the mail program, the browser).
pub fn open(path: &Path) -> io::Result<()> {
    launch(path, |p| opener::open(p))
        .map_err(|e| in_context(e, format_args!("could not open {}", path.display())))
}

/// Shows the file in the file manager, selected: Explorer on Windows, the Finder on macOS, and
/// on Linux the desktop's file manager over D-Bus, or else its folder opened with `xdg-open`.
pub fn reveal(path: &Path) -> io::Result<()> {
    launch(path, |p| opener::reveal(p)).map_err(|e| {
        in_context(
            e,
            format_args!("could not show {} in the file manager", path.display()),
        )
    })
}

/// How long the window waits to hear whether a launch worked. `opener` may block while the
/// desktop starts the program (a D-Bus call, `ShellExecuteW`, `open -R`), and the UI thread
/// must not stall for that; most failures (no such file, no `xdg-open`, no file manager)
/// come back well within this time and are reported.
const LAUNCH_WAIT: Duration = Duration::from_millis(500);

/// Runs `how` on a thread of its own and returns its answer if it comes within
/// [`LAUNCH_WAIT`]; after that the launch is under way: `Ok`, and a late failure goes unreported.
/// `opener` reaps the processes it starts, so none is left a zombie.
fn launch(path: &Path, how: fn(&Path) -> Result<(), opener::OpenError>) -> io::Result<()> {
    let owned = path.to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("leadq-open".into())
        .spawn(move || {
            let _ = tx.send(how(&owned));
        })?;
    match rx.recv_timeout(LAUNCH_WAIT) {
        Ok(Ok(())) | Err(RecvTimeoutError::Timeout) => Ok(()),
        Ok(Err(opener::OpenError::Io(e))) => Err(e),
        Ok(Err(opener::OpenError::Spawn { cmds, source })) => Err(io::Error::new(
            source.kind(),
            format!("could not start {cmds}: {source}"),
        )),
        Ok(Err(other)) => Err(io::Error::other(other.to_string())),
        Err(RecvTimeoutError::Disconnected) => {
            Err(io::Error::other("the launch stopped unexpectedly"))
        }
    }
}

/// `could not {action} {path}: {reason}`, keeping the error's kind.
fn in_context(e: io::Error, action_and_path: std::fmt::Arguments<'_>) -> io::Error {
    io::Error::new(e.kind(), format!("{action_and_path}: {e}"))
}

/// Whether a native "Save as" dialog can appear. On Linux rfd needs the XDG desktop portal (on
/// the session D-Bus) or zenity; without both it returns `None` at once, just like a cancel.
pub fn file_dialog_available() -> bool {
    #[cfg(any(target_os = "windows", target_os = "macos"))]
    {
        true
    }
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    {
        let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
        let has_zenity = std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()));
        has_bus || has_zenity
    }
}

/// The user's documents folder (or home), where a PDF goes when no dialog can be shown.
pub fn documents_dir() -> Option<PathBuf> {
    directories::UserDirs::new().map(|u| u.document_dir().unwrap_or(u.home_dir()).to_path_buf())
}

/// Windows: the binary is a GUI program (no console window of its own), so when it is started
/// from a terminal, attach to that terminal's console; then `leadq list`, `--help` and error
/// messages print there. Started from the Start menu there is no parent console and nothing
/// happens. Output that a script redirects or pipes goes to its file or pipe as usual.
#[cfg(target_os = "windows")]
pub fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id by value and only changes this process's console;
    // failure (no parent console, or one is already attached) is reported by the return value,
    // which we may ignore: without a console the window works and CLI output has nowhere to go.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

/// Elsewhere a program always has its terminal's standard streams: nothing to do.
#[cfg(not(target_os = "windows"))]
pub fn attach_parent_console() {}

/// Says that LeadQ cannot start (no window could be opened, the data folder cannot be read)
/// where the rep sees it although there is no LeadQ window: the system's message box on
/// Windows, an alert on macOS, on Linux a desktop dialog (zenity, else kdialog) where there is
/// one. Also on standard error, for a terminal or a log. Returns when the rep has closed it.
pub fn fatal_message(title: &str, text: &str) {
    eprintln!("leadq: {title}\n{text}");
    show_fatal(title, text);
}

#[cfg(target_os = "windows")]
fn show_fatal(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        MB_ICONERROR, MB_OK, MB_SETFOREGROUND, MessageBoxW,
    };
    let wide = |s: &str| s.encode_utf16().chain(Some(0)).collect::<Vec<u16>>();
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both strings are NUL-terminated UTF-16 buffers that outlive the call; a null
    // owner window is allowed (the box stands alone). The answer (OK) needs no handling.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONERROR | MB_SETFOREGROUND,
        );
    }
}

/// macOS: AppleScript's alert, through `osascript` (on every Mac); the texts are passed as
/// arguments, so nothing in them is read as script.
#[cfg(target_os = "macos")]
fn show_fatal(title: &str, text: &str) {
    let _ = std::process::Command::new("osascript")
        .args([
            "-e",
            "on run argv",
            "-e",
            "display alert (item 1 of argv) message (item 2 of argv) as critical",
            "-e",
            "end run",
            title,
            text,
        ])
        .status();
}

/// Linux: a desktop dialog when a display is there and zenity (GNOME and most others) or
/// kdialog (KDE) is installed; otherwise standard error was all there is.
#[cfg(not(any(target_os = "windows", target_os = "macos")))]
fn show_fatal(title: &str, text: &str) {
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    if !has_display {
        return;
    }
    let run = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .status()
            .is_ok()
    };
    let _ = run(
        "zenity",
        &["--error", "--no-markup", "--title", title, "--text", text],
    ) || run("kdialog", &["--title", title, "--error", text]);
}

/// Linux: when standard output is a pipe (`leadq list --json | jq`, a script reading it), it is
/// widened from 64 KB to 1 MB, the most an unprivileged program may ask for by default. The
/// 95 MB of `list --json` at 100,000 leads then move in 1 MB steps instead of 64 KB ones, each
/// of which wakes the writer and the reader (measured: 0.69 → 0.59 s for the whole command).
/// Not a pipe, or refused (a lower system limit, the user's pipe quota): nothing changes.
#[cfg(target_os = "linux")]
pub fn widen_stdout_pipe() {
    const WIDTH: libc::c_int = 1 << 20;
    // SAFETY: fcntl on descriptor 1 with F_SETPIPE_SZ takes an int and touches no memory of
    // ours; on a descriptor that is no pipe, or one that is closed, it fails with an error
    // code, which is ignored: the output then goes as it would have.
    unsafe {
        libc::fcntl(libc::STDOUT_FILENO, libc::F_SETPIPE_SZ, WIDTH);
    }
}

/// Elsewhere a pipe's size is the system's own (macOS grows its pipes as they fill; Windows
/// sizes them when they are made): nothing to do.
#[cfg(not(target_os = "linux"))]
pub fn widen_stdout_pipe() {}
