//! The few things that differ per OS: opening a file, showing it in the file manager, and
//! whether a native file dialog can appear at all. Each has a counterpart for every platform.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Opens a file with the user's default program (the PDF viewer).
pub fn open(path: &Path) -> io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = Command::new("explorer");
        c.arg(path);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let mut c = Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = {
        let mut c = Command::new("xdg-open");
        c.arg(path);
        c
    };
    cmd.spawn().map(|_| ())
}

/// Shows the file in the file manager, selected where the platform can.
pub fn reveal(path: &Path) -> io::Result<()> {
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = Command::new("explorer");
        c.arg(format!("/select,{}", path.display()));
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let mut c = Command::new("open");
        c.arg("-R").arg(path);
        c
    };
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut cmd = {
        let mut c = Command::new("xdg-open");
        c.arg(path.parent().unwrap_or(path));
        c
    };
    cmd.spawn().map(|_| ())
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
