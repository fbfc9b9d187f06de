#!/bin/sh
# Installs LeadQ from this folder for the current user (no root): the program into
# ~/.local/bin, menu entry, icons, man pages and shell completions into ~/.local/share.
#   ./install.sh              install (again: replaces the old version)
#   ./install.sh --uninstall  remove everything this script installed (your leads stay)
# PREFIX=/some/where ./install.sh installs below another prefix instead of ~/.local.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
share=$prefix/share

files="bin/leadq share/applications/leadq.desktop"
for s in 16 32 48 64 128 256 512; do files="$files share/icons/hicolor/${s}x${s}/apps/leadq.png"; done
files="$files $(cd "$here" && find share/man share/bash-completion share/zsh share/fish -type f | sort | tr '\n' ' ')"

# Menus watch these folders; a newer mtime on hicolor makes icon themes look again. No caches are
# written here (a stale user icon cache would hide other programs' icons).
refresh() {
  touch "$share/applications" "$share/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  for f in $files; do rm -f "$prefix/$f"; done
  refresh
  echo "LeadQ removed from $prefix (your leads in ~/.local/share/leadq are kept)."
  exit 0
fi

for f in $files; do
  mkdir -p "$(dirname "$prefix/$f")"
  cp "$here/$f" "$prefix/$f"
done
chmod 755 "$prefix/bin/leadq"
refresh
echo "LeadQ installed in $prefix. Start it from the menu or run: leadq"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "Note: $prefix/bin is not on your PATH." ;; esac
