#!/usr/bin/env python3
"""Checks on Linux what can be checked of the packaging for every OS (run by .ci/run):
the macOS Info.plist parses, the Windows installer script (NSIS) is per user and complete, and names, ids, versions and icon paths
agree with Cargo.toml, the window's app id and the data folder's name in the code.

    python3 packaging/check-metadata.py
"""
import pathlib
import plistlib
import re
import struct
import sys
import tomllib
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
problems = []


def need(ok, what):
    if not ok:
        problems.append(what)


def png_size(path):
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


cargo = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
pkg = cargo["package"]
version = pkg["version"]
bin_name = cargo["bin"][0]["name"]
need(pkg.get("rust-version") == "1.95", "Cargo.toml: rust-version must be 1.95 (eframe 0.37)")
need(pkg.get("license") == "MIT" and (ROOT / "LICENSE").is_file(), "Cargo.toml says MIT: LICENSE")

# The ids the code uses.
ui = (ROOT / "src/ui/mod.rs").read_text(encoding="utf-8")
app_id = re.search(r'with_app_id\("([^"]+)"\)', ui)
need(app_id, "src/ui/mod.rs: with_app_id(\"…\") not found")
app_id = app_id.group(1) if app_id else "?"
paths = (ROOT / "src/store/paths.rs").read_text(encoding="utf-8")
dirs = re.search(r'ProjectDirs::from\("([^"]*)",\s*"([^"]*)",\s*"([^"]*)"\)', paths)
need(dirs, "src/store/paths.rs: ProjectDirs::from(…) not found")
# directories on macOS: qualifier.organization.application, spaces turned into dashes.
bundle_id = ".".join(p.replace(" ", "-") for p in dirs.groups()) if dirs else "?"

# Linux desktop entry: its name and StartupWMClass are the app id (Wayland/X11 match the window
# to it), and the icon is installed under that name.
desktop = ROOT / "packaging/linux" / f"{app_id}.desktop"
need(desktop.is_file(), f"packaging/linux/{app_id}.desktop (named after the app id) is missing")
if desktop.is_file():
    entry = dict(
        line.split("=", 1) for line in desktop.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    )
    need(entry.get("StartupWMClass") == app_id, f"{desktop.name}: StartupWMClass must be {app_id}")
    need(entry.get("Exec", "").split()[0] == bin_name, f"{desktop.name}: Exec must run {bin_name}")
    need(entry.get("Icon") == app_id, f"{desktop.name}: Icon must be {app_id}")
    for key in ("Name", "Name[de]", "Comment", "Comment[de]"):
        need(key in entry, f"{desktop.name}: {key} is missing")
    need(entry.get("Categories") == "Office;", f"{desktop.name}: Categories=Office;")
for s in (16, 32, 48, 64, 128, 256, 512):
    icon = ROOT / "assets/icons" / f"leadq-{s}.png"
    need(icon.is_file() and png_size(icon) == (s, s), f"{icon.relative_to(ROOT)}: {s}x{s} PNG")
deb = cargo["package"]["metadata"]["deb"]
for src, _dst, _mode in deb["assets"]:
    if not src.startswith("target/"):
        need((ROOT / src).is_file(), f"Cargo.toml deb asset {src} is missing")

# Windows: a multi-size .ico, embedded by build.rs; the WiX file.
ico = (ROOT / "assets/icon.ico").read_bytes()
count = struct.unpack("<HHH", ico[:6])[2]
sizes = sorted((ico[6 + 16 * i] or 256) for i in range(count))
need({16, 32, 48, 256} <= set(sizes), f"assets/icon.ico has {sizes}; needs 16, 32, 48 … 256")
need("assets/icon.ico" in (ROOT / "build.rs").read_text(encoding="utf-8"), "build.rs: icon.ico")
# The NSIS installer (packaging/windows/leadq.nsi, built by packaging/windows.sh): per user,
# the exe under its own name, the Start-menu entry, the Apps entry, and every file it packs.
nsi_path = ROOT / "packaging/windows/leadq.nsi"
nsi = nsi_path.read_text(encoding="utf-8")
need(re.search(r"^RequestExecutionLevel user$", nsi, re.M), "leadq.nsi: must install per user")
need(re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\LeadQ"$', nsi, re.M),
     "leadq.nsi: InstallDir must be $LOCALAPPDATA\\Programs\\LeadQ")
need(f'"/oname={bin_name}.exe"' in nsi, f"leadq.nsi installs no {bin_name}.exe")
need(f'CreateShortcut "$SMPROGRAMS\\LeadQ.lnk" "$INSTDIR\\{bin_name}.exe"' in nsi,
     "leadq.nsi: no Start-menu shortcut")
need("CurrentVersion\\Uninstall\\LeadQ" in nsi, "leadq.nsi: no entry in Settings > Apps")
for src in re.findall(r'"(\.\.\\\.\.\\[^"]+)"', nsi):
    need((nsi_path.parent / src.replace("\\", "/")).resolve().is_file(), f"leadq.nsi: {src} is missing")

# macOS: Info.plist.
try:
    with open(ROOT / "packaging/macos/Info.plist", "rb") as f:
        plist = plistlib.load(f)
    need(plist.get("CFBundleIdentifier") == bundle_id,
         f"Info.plist: CFBundleIdentifier {plist.get('CFBundleIdentifier')} is not the data "
         f"folder's name {bundle_id} (src/store/paths.rs)")
    need(plist.get("CFBundleShortVersionString") == version, f"Info.plist: version must be {version}")
    need(plist.get("CFBundleVersion") == version, f"Info.plist: CFBundleVersion must be {version}")
    need(plist.get("CFBundleExecutable") == bin_name, f"Info.plist: executable must be {bin_name}")
    need(plist.get("LSMinimumSystemVersion"), "Info.plist: LSMinimumSystemVersion")
    need(plist.get("CFBundleIconFile") == "LeadQ.icns", "Info.plist: CFBundleIconFile LeadQ.icns")
except (plistlib.InvalidFileException, ValueError) as e:
    problems.append(f"packaging/macos/Info.plist does not parse: {e}")
icns = (ROOT / "assets/icon.icns").read_bytes()
need(icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns),
     "assets/icon.icns is not an icns file")

if problems:
    print("packaging metadata:", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
print(f"packaging metadata: ok (version {version}, app id {app_id}, bundle id {bundle_id})")
