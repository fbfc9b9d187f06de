#!/usr/bin/env bash
# Inside the D-Bus session of atspi-check.sh: Xvfb, the AT-SPI bus switched on, LeadQ, pyatspi.
set -euo pipefail
bin=$1
work=$LEADQ_ATSPI_WORK
here=$(dirname "$(realpath "$0")")
source "$here/xvfb-lib.sh"
start_xvfb 1280x800x24 "$work/xvfb.log"
launcher=""
for l in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
  [ -x "$l" ] && launcher=$l && break
done
[ -n "$launcher" ] || { echo "atspi-check: no at-spi-bus-launcher"; exit 1; }
"$launcher" --launch-immediately >"$work/atspi.log" 2>&1 &
bus=$!
trap 'kill "${app:-0}" "$bus" "$xvfb" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method org.a11y.Bus.GetAddress >/dev/null 2>&1 && break
  sleep 0.1
done
# What a running screen reader does: tell applications that assistive technology listens.
gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
  --method org.freedesktop.DBus.Properties.Set org.a11y.Status IsEnabled '<true>' >/dev/null
gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
  --method org.freedesktop.DBus.Properties.Set org.a11y.Status ScreenReaderEnabled '<true>' >/dev/null
export LEADQ_CONFIG_DIR="$work/config" XDG_DATA_HOME="$work/xdg"
"$bin" --data-dir "$work/data" >"$work/app.log" 2>&1 &
app=$!
if ! timeout 90 /usr/bin/python3 "$here/atspi_check.py" "$work/data"; then
  echo "atspi-check: failed; the app said:"; cat "$work/app.log"
  exit 1
fi
