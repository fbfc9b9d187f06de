#!/usr/bin/env bash
# Starts the real leadq binary under Xvfb on a temp data folder that does not exist yet, answers
# the window's question to create it (Return), presses Ctrl+N, types a company name and checks
# that a lead file with that name appears on disk; then closes the window cleanly.
# Usage: .ci/xvfb-smoke.sh path/to/leadq [screenshot.png]
set -euo pipefail
bin=$(realpath "$1")
shot=${2:-}
work=$(mktemp -d)
trap 'kill "${app:-0}" "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

source "$(dirname "$(realpath "$0")")/xvfb-lib.sh"
start_xvfb 1280x800x24 "$work/xvfb.log"

export LEADQ_CONFIG_DIR="$work/config"
mkdir -p "$LEADQ_CONFIG_DIR"
echo '(lang: Some(de), theme: light)' >"$LEADQ_CONFIG_DIR/settings.ron"
# XDG_DATA_HOME keeps eframe's window-state file out of the real home folder.
export XDG_DATA_HOME="$work/xdg"
"$bin" --data-dir "$work/data" >"$work/app.log" 2>&1 &
app=$!

wid=""
for _ in $(seq 100); do
  wid=$(xdotool search --pid "$app" 2>/dev/null | tail -1 || true)
  [ -n "$wid" ] && break
  sleep 0.2
done
if [ -z "$wid" ]; then echo "xvfb-smoke: no window appeared"; cat "$work/app.log"; exit 1; fi
sleep 1.5
# Xvfb has no window manager: focus the window ourselves, or keys go nowhere.
xdotool windowfocus --sync "$wid"
# The folder named with --data-dir does not exist: the window asks before creating it, and
# creates nothing until the rep answers (Return = "Ordner anlegen").
if [ -e "$work/data" ]; then echo "xvfb-smoke: the folder was created before the rep was asked"; exit 1; fi
xdotool key --window "$wid" Return
for _ in $(seq 50); do [ -d "$work/data/leads" ] && break; sleep 0.2; done
if [ ! -d "$work/data/leads" ]; then echo "xvfb-smoke: the folder was not created after the answer"; cat "$work/app.log"; exit 1; fi
sleep 1
xdotool key --window "$wid" ctrl+n
sleep 0.7
company="Xvfb Rauchtest GmbH"
xdotool type --delay 40 "$company"

found=""
for _ in $(seq 50); do
  if grep -rl "company: \"$company\"" "$work/data/leads" >/dev/null 2>&1; then found=yes; break; fi
  sleep 0.2
done
if [ -n "$shot" ]; then
  sleep 0.5
  import -window root "$shot" 2>/dev/null || xwd -root -silent | convert xwd:- "$shot" 2>/dev/null || true
fi
if [ -z "$found" ]; then
  echo "xvfb-smoke: no lead file with \"$company\" appeared in $work/data/leads"
  ls -la "$work/data/leads" || true
  cat "$work/app.log"
  exit 1
fi

# Idle means idle: no continuous repaint. Leave the text field (Esc) as a rep pausing would,
# then sample the CPU time the process uses over 4 s.
xdotool key --window "$wid" Escape
sleep 2
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
t0=$(ticks); sleep 4; t1=$(ticks)
hz=$(getconf CLK_TCK)
idle_pct=$(( (t1 - t0) * 100 / (4 * hz) ))
echo "xvfb-smoke: idle CPU ${idle_pct}% ($((t1 - t0)) ticks in 4 s)"
if [ "$idle_pct" -gt 5 ]; then echo "xvfb-smoke: the idle window keeps using CPU"; exit 1; fi

# Close like a user (Ctrl+Q) and expect a clean exit.
xdotool key --window "$wid" ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app" 2>/dev/null; then echo "xvfb-smoke: the window did not close"; exit 1; fi
wait "$app" && status=0 || status=$?
if [ "$status" -ne 0 ]; then echo "xvfb-smoke: leadq exited with $status"; cat "$work/app.log"; exit 1; fi
# The window's size and place are kept in the config folder (written atomically by LeadQ).
if ! grep -q "inner_size" "$LEADQ_CONFIG_DIR/window.ron" 2>/dev/null; then
  echo "xvfb-smoke: the window's state was not kept in $LEADQ_CONFIG_DIR/window.ron"; exit 1
fi
echo "xvfb-smoke: ok (lead file written, window closed cleanly)"
