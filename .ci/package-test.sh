#!/usr/bin/env bash
# Proves the Linux packages as a rep gets them: installs the .deb with dpkg, checks what it
# put where, runs the installed leadq (CLI and the window under Xvfb), validates the desktop
# entry, checks the binary's size, removes the package and checks that nothing is left. Then
# the same for the portable .tar.gz and its install.sh in a temporary prefix.
# Usage: .ci/package-test.sh target/packages [screenshot.png]    (as root: it runs dpkg)
set -euo pipefail
packages=$(realpath "$1")
shot=${2:-}
max_bytes=$((25 * 1024 * 1024))
deb=$(ls "$packages"/leadq_*.deb)
tarball=$(ls "$packages"/leadq-*-linux-*.tar.gz)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

expected=(
  /usr/bin/leadq
  /usr/share/applications/leadq.desktop
  /usr/share/man/man1/leadq.1.gz
  /usr/share/man/man1/leadq-list.1.gz
  /usr/share/bash-completion/completions/leadq
  /usr/share/zsh/vendor-completions/_leadq
  /usr/share/fish/vendor_completions.d/leadq.fish
  /usr/share/doc/leadq/copyright
)
for s in 16 32 48 64 128 256 512; do expected+=("/usr/share/icons/hicolor/${s}x${s}/apps/leadq.png"); done

echo "package-test: $(basename "$deb") is $(stat -c %s "$deb") bytes"
dpkg-deb --field "$deb" Package Version Depends Recommends
if dpkg -s leadq >/dev/null 2>&1; then fail "leadq is already installed; remove it first (dpkg -P leadq)"; fi
# dpkg does not fetch dependencies; on a machine that lacks one, apt completes the install.
dpkg -i "$deb" || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq; }
dpkg -s leadq | grep -qx "Status: install ok installed" || fail "leadq is not installed"
dpkg -L leadq >"$work/files"
for f in "${expected[@]}"; do
  grep -qx "$f" "$work/files" || fail "the package does not list $f"
  [ -f "$f" ] || fail "$f is not on disk"
done

size=$(stat -c %s /usr/bin/leadq)
echo "package-test: /usr/bin/leadq is $size bytes (limit $max_bytes)"
[ "$size" -le "$max_bytes" ] || fail "the installed binary is larger than 25 MB"
if ldd /usr/bin/leadq | grep -q "not found"; then ldd /usr/bin/leadq; fail "a linked library is missing"; fi
desktop-file-validate /usr/share/applications/leadq.desktop || fail "the desktop entry is invalid"
grep -q "MIT License" /usr/share/doc/leadq/copyright || fail "copyright lacks our licence"
grep -q "^eframe " /usr/share/doc/leadq/copyright || fail "copyright lacks the crates' licences"
zcat /usr/share/man/man1/leadq.1.gz | grep -q "leadq\\\\-import" || fail "the man page lacks the subcommands"
bash -c 'source /usr/share/bash-completion/completions/leadq && complete -p leadq' >/dev/null \
  || fail "the bash completion does not load"

version=$(/usr/bin/leadq --version)
echo "package-test: $version"
[[ "$version" =~ ^leadq\ [0-9]+\.[0-9]+\.[0-9]+\ \(built\ [0-9]{4}-[0-9]{2}-[0-9]{2}\)$ ]] \
  || fail "--version does not show version and build date"
printf 'company,contact,budget\nPaket GmbH,Erika Muster,approved\n' >"$work/leads.csv"
/usr/bin/leadq --data-dir "$work/data" import "$work/leads.csv" >/dev/null
/usr/bin/leadq --data-dir "$work/data" --lang en list | tee "$work/list.txt"
grep -q "Paket GmbH" "$work/list.txt" || fail "leadq list does not show the imported lead"
(cd / && leadq --data-dir "$work/data" check) || fail "leadq is not on PATH"

bash .ci/xvfb-smoke.sh /usr/bin/leadq "$shot"

dpkg -P leadq
dpkg -s leadq >/dev/null 2>&1 && fail "leadq is still installed after dpkg -P"
while read -r f; do
  if [ -f "$f" ] || [ -L "$f" ]; then fail "$f is left after dpkg -P"; fi
done <"$work/files"
[ ! -e /usr/share/doc/leadq ] || fail "/usr/share/doc/leadq is left after dpkg -P"
echo "package-test: .deb installed, used and removed without a trace"

# The portable archive: install.sh into a prefix, run, uninstall.
tar -C "$work" -xzf "$tarball"
dir=$(ls -d "$work"/leadq-*-linux-*/)
PREFIX="$work/prefix" sh "$dir/install.sh" >/dev/null
"$work/prefix/bin/leadq" --version >/dev/null || fail "the tarball's leadq does not run"
for f in "${expected[@]}"; do
  case $f in /usr/share/doc/*) continue ;; esac
  g=${f#/usr/}; [ -f "$work/prefix/$g" ] || fail "install.sh did not install $g"
done
PREFIX="$work/prefix" sh "$dir/install.sh" --uninstall >/dev/null
left=$(find "$work/prefix" -type f | head -5)
[ -z "$left" ] || fail "install.sh --uninstall left: $left"
echo "package-test: .tar.gz installed into a prefix, ran and uninstalled"
