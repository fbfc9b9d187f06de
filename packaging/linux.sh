#!/usr/bin/env bash
# Builds LeadQ's Linux packages from one build with the distribution profile (`--profile dist`:
# fat LTO, size levels; see Cargo.toml), into target/dist/:
#   target/packages/leadq_<version>-1_amd64.deb          (cargo-deb; metadata in Cargo.toml)
#   target/packages/leadq-<version>-linux-x86_64.tar.gz  (portable: ./install.sh into ~/.local)
# Usage: bash packaging/linux.sh            (needs cargo-deb: cargo install cargo-deb --locked)
#        LEADQ_NO_DEB=1 bash packaging/linux.sh   (only the .tar.gz)
# The man pages and completions come from the built binary itself (`leadq packaging-files`),
# so they always match its command line. The packages are written below ./target/packages even
# when CARGO_TARGET_DIR points elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
arch=$(uname -m)
out=target/packages
gen=$target_dir/dist/packaging-files

echo "linux.sh: distribution build (--profile dist)"
cargo build --profile dist --locked
bin=$target_dir/dist/leadq
echo "linux.sh: $bin is $(stat -c %s "$bin") bytes"

echo "linux.sh: man pages and completions from the binary"
rm -rf "$gen"
"$bin" packaging-files "$gen"
gzip -9n "$gen"/man/man1/*.1

mkdir -p "$out"
rm -f "$out"/leadq_*.deb "$out"/leadq-*.tar.gz

# The portable archive: the same files the .deb installs, below bin/ and share/.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/leadq-$version-linux-$arch
mkdir -p "$root/bin" "$root/share/applications" "$root/share/doc/leadq"
install -m 755 "$bin" "$root/bin/leadq"
cp -r "$gen"/man "$gen"/bash-completion "$gen"/zsh "$gen"/fish "$root/share/"
install -m 644 packaging/linux/leadq.desktop "$root/share/applications/leadq.desktop"
for s in 16 32 48 64 128 256 512; do
  install -D -m 644 "assets/icons/leadq-$s.png" "$root/share/icons/hicolor/${s}x${s}/apps/leadq.png"
done
install -m 644 LICENSE assets/THIRD-PARTY-LICENSES.txt README.md CHANGELOG.md "$root/share/doc/leadq/"
install -m 755 packaging/linux/install.sh "$root/install.sh"
tar -C "$stage" --owner=0 --group=0 --sort=name -czf "$out/leadq-$version-linux-$arch.tar.gz" \
  "leadq-$version-linux-$arch"
echo "linux.sh: wrote $out/leadq-$version-linux-$arch.tar.gz"

if [ -z "${LEADQ_NO_DEB:-}" ]; then
  if ! cargo deb --version >/dev/null 2>&1; then
    echo "linux.sh: cargo-deb is missing: cargo install cargo-deb --locked" >&2
    exit 1
  fi
  # --no-build: package the binary built above; the dist profile already stripped it. Its
  # asset paths say target/release/, which cargo-deb maps to the profile's folder.
  cargo deb --no-build --no-strip --profile dist --locked --output "$out/"
fi
ls -l "$out"
