#!/usr/bin/env bash
# What a screen reader gets on Linux: runs the real window under Xvfb in its own D-Bus session
# with the AT-SPI bus (the one Orca listens on) and walks the tree with pyatspi (.ci/atspi_check.py).
# Usage: .ci/atspi-check.sh path/to/leadq
set -euo pipefail
bin=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
export LEADQ_ATSPI_WORK=$work
trap 'rm -rf "$work"' EXIT
printf '%s\n' \
  'company,contact,budget,authority,need,time,source,follow_up' \
  'Alpha GmbH,Anna Alt,approved,decision_maker,strong_fit,under_3_months,event,' \
  'Beta KG,Bernd Bau,,,,,referral,2026-12-03' >"$work/leads.csv"
"$bin" --data-dir "$work/data" import "$work/leads.csv" >/dev/null
mkdir -p "$work/config"
echo '(lang: Some(de), theme: light)' >"$work/config/settings.ron"
exec dbus-run-session -- bash "$here/atspi-session.sh" "$bin"
