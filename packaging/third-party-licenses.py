#!/usr/bin/env python3
"""The licence notice shipped with LeadQ: our licence, the embedded fonts' licence and the
licence of every crate built into the binary on Linux, Windows and macOS.

    python3 packaging/third-party-licenses.py            # writes assets/THIRD-PARTY-LICENSES.txt
    python3 packaging/third-party-licenses.py --check    # CI: every crate in the binary is named

Writing needs the crates' sources in Cargo's registry (any `cargo build` or `cargo fetch` puts
them there); the check needs only Cargo.lock. Run the writer after every change of Cargo.lock
and commit the result; the check fails CI until you do. Which crates count: `cargo tree` with
normal edges (no build scripts, dev-dependencies or proc-macros, which never end up in the
binary) for each target we ship, so a crate that only Windows links is named too.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "THIRD-PARTY-LICENSES.txt"
TARGETS = [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-pc-windows-msvc",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
]
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|copyright|notice|unlicense|license-mit|license-apache)",
                          re.IGNORECASE)
HEADING = "Crates built into LeadQ"


def cargo(*args):
    return subprocess.run(["cargo", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout


def crates_in_binary():
    """{(name, version)} over all shipped targets, without leadq itself."""
    found = set()
    for target in TARGETS:
        out = cargo("tree", "--locked", "-e", "normal,no-proc-macro", "--prefix", "none",
                    "--format", "{p}", "--target", target, "-p", "leadq")
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1].startswith("v") and parts[0] != "leadq":
                found.add((parts[0], parts[1][1:]))
    return found


def licence_texts(pkg):
    """[(file name, text)] of the licence files a crate ships."""
    folder = pathlib.Path(pkg["manifest_path"]).parent
    files = sorted(p for p in folder.iterdir() if p.is_file() and LICENCE_FILE.match(p.name))
    # Bundled data with licences of its own (egui's default fonts keep theirs in fonts/*.txt).
    for sub in ("fonts", "licenses", "LICENSES"):
        if (folder / sub).is_dir():
            files += sorted(p for p in (folder / sub).iterdir() if p.suffix == ".txt")
    if pkg.get("license_file"):
        extra = folder / pkg["license_file"]
        if extra.is_file() and extra not in files:
            files.append(extra)
    texts = []
    for f in files:
        try:
            texts.append((str(f.relative_to(folder)), f.read_text(encoding="utf-8", errors="replace").strip()))
        except OSError:
            pass
    return texts


def write():
    meta = json.loads(cargo("metadata", "--format-version", "1", "--locked"))
    packages = {(p["name"], p["version"]): p for p in meta["packages"]}
    wanted = sorted(crates_in_binary())
    missing_sources = [c for c in wanted if c not in packages]
    if missing_sources:
        sys.exit(f"not in cargo metadata: {missing_sources}")

    # Texts keyed by their content, each with the crates that ship it.
    groups = {}
    order = []
    fileless = []
    # Standard texts for crates that ship none: the Apache text any crate ships is the same.
    by_kind = {}
    for key in wanted:
        pkg = packages[key]
        texts = licence_texts(pkg)
        if not texts:
            fileless.append(key)
            continue
        for name, text in texts:
            norm = re.sub(r"\s+", " ", text)
            if norm not in groups:
                groups[norm] = (text, [])
                order.append(norm)
            groups[norm][1].append(f"{key[0]} {key[1]}" + (f" ({name})" if "/" in name else ""))
            kind = name.upper()
            if "APACHE" in kind and "Apache License" in text and "Version 2.0" in text:
                by_kind.setdefault("Apache-2.0", text)

    lines = []
    add = lines.append
    add("LeadQ — licences")
    add("================")
    add("")
    add("LeadQ is free software under the MIT licence:")
    add("")
    add((ROOT / "LICENSE").read_text(encoding="utf-8").strip())
    add("")
    add("")
    add("Fonts: LeadQ embeds DejaVu Sans and DejaVu Sans Bold (window and PDF reports).")
    add("")
    add((ROOT / "assets" / "DejaVu-LICENSE.txt").read_text(encoding="utf-8").strip())
    add("")
    add("")
    add(f"{HEADING} ({len(wanted)}, for Linux, Windows and macOS)")
    add("-" * len(HEADING))
    add("")
    add("Each crate with the licence it declares; a crate offering a choice (\"MIT OR Apache-2.0\")")
    add("is used under any one of them. The licence texts follow, each with the crates that ship it.")
    add("")
    for name, version in wanted:
        pkg = packages[(name, version)]
        lic = pkg.get("license") or "see its licence file"
        repo = pkg.get("repository") or ""
        add(f"{name} {version} — {lic}" + (f" — {repo}" if repo else ""))
    add("")
    add("")
    add("Licence texts")
    add("-------------")
    for norm in order:
        text, crates = groups[norm]
        add("")
        add("=" * 78)
        add("Shipped by: " + ", ".join(crates))
        add("=" * 78)
        add("")
        add(text)
    if fileless:
        add("")
        add("=" * 78)
        add("Crates that ship no licence file; they are used under the licence they declare,")
        add("whose standard text is above (or, for MIT, the text below):")
        for name, version in fileless:
            pkg = packages[(name, version)]
            authors = ", ".join(pkg.get("authors") or []) or f"the {name} authors"
            add(f"  {name} {version} — {pkg.get('license') or 'unknown'} — Copyright (c) {authors}")
        add("=" * 78)
        add("")
        add(MIT_STANDARD)
        declared = " ".join(packages[key].get("license") or "" for key in fileless)
        for spdx in ("BSD-3-Clause", "BSL-1.0", "Zlib"):
            if spdx in declared:
                add("")
                add(f"{spdx} (standard text, packaging/licenses/{spdx}.txt):")
                add("")
                add((ROOT / "packaging" / "licenses" / f"{spdx}.txt").read_text(encoding="utf-8").strip())
        if "Apache-2.0" in declared and "Apache-2.0" not in by_kind:
            sys.exit("a crate without licence file declares Apache-2.0, but no crate ships its text")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(wanted)} crates, {len(order)} distinct texts, "
          f"{len(fileless)} crates without a licence file, {OUT.stat().st_size} bytes")


def check():
    if not OUT.is_file():
        sys.exit(f"{OUT.relative_to(ROOT)} is missing: run python3 packaging/third-party-licenses.py")
    text = OUT.read_text(encoding="utf-8")
    named = set()
    for line in text.split(HEADING, 1)[-1].splitlines():
        m = re.match(r"^(\S+) (\S+) — ", line)
        if m:
            named.add((m.group(1), m.group(2)))
    wanted = crates_in_binary()
    missing = sorted(wanted - named)
    if missing:
        print("crates built into LeadQ but not in the licence notice:", file=sys.stderr)
        for name, version in missing:
            print(f"  {name} {version}", file=sys.stderr)
        sys.exit("run python3 packaging/third-party-licenses.py and commit "
                 "assets/THIRD-PARTY-LICENSES.txt")
    print(f"licences: all {len(wanted)} crates built into LeadQ are named "
          f"({len(named - wanted)} named but no longer used)")


MIT_STANDARD = """MIT License (standard text)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    elif not sys.argv[1:]:
        write()
    else:
        sys.exit(__doc__)
