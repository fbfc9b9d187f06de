//! Build script: stamps the version and build date into the binary (shown in the about box and
//! the PDF footer), packs the licence notice, and, on Windows, embeds the icon and version
//! resource.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon.ico");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-changed=assets/THIRD-PARTY-LICENSES.txt");

    // Reproducible builds set SOURCE_DATE_EPOCH; otherwise the build date is today (UTC).
    let stamp = env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    let date = stamp.strftime("%Y-%m-%d").to_string();
    println!("cargo:rustc-env=LEADQ_BUILD_DATE={date}");

    pack_licences();

    let target = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target == "windows" {
        windows_resource();
    }
}

/// The licence notice (~750 KB of text) goes into the binary deflated (~110 KB); the About
/// window inflates it when opened (`leadq::licenses`).
fn pack_licences() {
    let out = env::var_os("OUT_DIR").map(|d| Path::new(&d).join("THIRD-PARTY-LICENSES.deflate"));
    let text = std::fs::read("assets/THIRD-PARTY-LICENSES.txt");
    match (out, text) {
        (Some(out), Ok(text)) => {
            let packed = miniz_oxide::deflate::compress_to_vec(&text, 9);
            if let Err(e) = std::fs::write(&out, packed) {
                println!("cargo::error=cannot write {}: {e}", out.display());
            }
        }
        (None, _) => println!("cargo::error=OUT_DIR is not set"),
        (_, Err(e)) => println!("cargo::error=assets/THIRD-PARTY-LICENSES.txt: {e}"),
    }
}

/// The icon and the version resource (FileVersion, ProductVersion from Cargo.toml) of the exe.
/// On Windows with rc.exe or windres; on Linux with mingw-w64's `x86_64-w64-mingw32-windres`
/// (`packaging/windows.sh` installs it), which winresource finds by the target's name.
fn windows_resource() {
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon.ico")
        .set("ProductName", "LeadQ")
        .set("FileDescription", "LeadQ – Leadqualifizierung nach BANT")
        .set("CompanyName", "LeadQ")
        .set("LegalCopyright", "© the LeadQ developers, MIT licence");
    if let Err(e) = res.compile() {
        // A missing resource compiler only costs the icon: say so loudly instead of failing a
        // developer's build; `packaging/windows.sh` checks that the resources are there.
        println!("cargo:warning=could not embed the Windows icon and version resource: {e}");
    }
}
