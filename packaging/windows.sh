#!/usr/bin/env bash
# Builds LeadQ for Windows on Linux: cross-compiles leadq.exe for x86_64-pc-windows-gnu with
# mingw-w64 (icon and version resource embedded by build.rs through mingw's windres), checks the
# resources, and makes the per-user installer with NSIS (packaging/windows/leadq.nsi):
#   target/packages/leadq-<version>-x86_64-setup.exe
# Usage: bash packaging/windows.sh              (the distribution profile: what reps install)
#        bash packaging/windows.sh --profile dev   (a quick debug build; CI's Wine test)
# Needs the apt packages gcc-mingw-w64-x86-64, binutils-mingw-w64-x86-64 and nsis; as root it
# installs them, otherwise it names them. The rustup target is added when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=dist
if [ "${1:-}" = "--profile" ]; then profile=${2:?"--profile needs a name"}; fi
target=x86_64-pc-windows-gnu
target_dir=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
out=target/packages

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || need+=(binutils-mingw-w64-x86-64)
command -v makensis >/dev/null || need+=(nsis)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "windows.sh: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "windows.sh: please install ${need[*]} (sudo apt install ${need[*]})" >&2
    exit 1
  fi
fi
if command -v rustup >/dev/null; then rustup target add "$target" >/dev/null 2>&1 || true; fi

echo "windows.sh: building leadq.exe ($target, --profile $profile)"
cargo build --profile "$profile" --locked --target "$target" --bin leadq
case $profile in dev | test) folder=debug ;; *) folder=$profile ;; esac
exe=$target_dir/$target/$folder/leadq.exe
python3 packaging/pe-resources.py "$exe" "$version"

mkdir -p "$out"
rm -f "$out"/leadq-*-setup.exe
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
packed=$stage/leadq.exe
# The distribution profile strips already; a debug build loses its debug information here, so
# that the installer stays small (the exe in the target folder keeps it).
x86_64-w64-mingw32-strip -o "$packed" "$exe"
setup=$(realpath "$out")/leadq-$version-x86_64-setup.exe
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DEXE="$packed" -DOUT="$setup" \
  packaging/windows/leadq.nsi
echo "windows.sh: wrote $out/$(basename "$setup") ($(stat -c %s "$setup") bytes)"
