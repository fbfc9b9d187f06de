#!/usr/bin/env bash
# Takes the README's screenshot the way a rep sees LeadQ on the most common business laptop:
# 1366×768 at 125 % scaling, a partly qualified lead selected. Needs Xvfb and ImageMagick.
# Usage: tools/laptop-screenshot.sh path/to/leadq out.png [scale] [width] [height]
# LEADQ_SHOT_KEYS="ctrl+2" presses keys before the shot (ctrl+2: the overview);
# LEADQ_SHOT_CORPUS=120 adds that many generated leads (a folder after some weeks of work); that
# needs a binary built with `cargo build --release --features corpus`.
# LEADQ_SHOT_CLICKS="x,y …" then clicks at those points of the window (after the keys).
# LEADQ_SHOT_OPEN=file.csv starts LeadQ with that file, as "Open with LeadQ" does: the shot shows
# its import preview (tools/samples/hubspot-contacts.csv is the README's), or for a framework
# file (.ron) the framework editor with it.
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
scale=${3:-1.25}
width=${4:-1366}
height=${5:-768}
work=$(mktemp -d)
trap 'kill "${app:-0}" "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cat >"$work/leads.csv" <<'CSV'
company,contact,role,email,phone,website,industry,revenue_meur,source,stage,budget,authority,need,time,notes,follow_up
Schneider Logistik GmbH,Jana Schneider,Leiterin Einkauf,j.schneider@schneider-logistik.example,+49 511 123456,schneider-logistik.example,Logistik,"48,5",event,sal,planned,co_decider,strong_fit,,Auf der Messe in Hannover getroffen; Entscheidung liegt beim Vorstand.,2026-12-03
Bäckerei Brotzeit KG,Tobias Brotzeit,Inhaber,,,,Lebensmittel,"3,2",referral,mql,insufficient,decision_maker,latent,over_12_months,,2026-12-15
Öztürk Anlagenbau AG,Elif Öztürk,CTO,,,,Maschinenbau,120,web_form,sql,planned,influencer,partial_fit,months_6_12,,2026-11-27
Nordlicht Solar GmbH,Lars Peters,Projektleiter,,,,Energie,"12,8",content_download,mql,,,latent,,Whitepaper heruntergeladen.,
Kanzlei Weber & Partner,Dr. Anna Weber,Partnerin,,,,Recht,"6,1",cold_outreach,disqualified,none,decision_maker,no_fit,none,,
CSV
"$bin" --data-dir "$work/data" import "$work/leads.csv" >/dev/null
if [ -n "${LEADQ_SHOT_CORPUS:-}" ]; then
  # A binary built with `--features corpus`; a release package does not have the command.
  "$bin" --data-dir "$work/data" generate-corpus "$LEADQ_SHOT_CORPUS" >/dev/null \
    || { echo "laptop-screenshot: LEADQ_SHOT_CORPUS needs leadq built with --features corpus"; exit 1; }
fi

source "$(dirname "$(realpath "$0")")/../.ci/xvfb-lib.sh"
start_xvfb "${width}x${height}x24" "$work/xvfb.log"
export LEADQ_CONFIG_DIR="$work/config" XDG_DATA_HOME="$work/xdg" WINIT_X11_SCALE_FACTOR="$scale"
mkdir -p "$LEADQ_CONFIG_DIR"
echo '(lang: Some(de), theme: light)' >"$LEADQ_CONFIG_DIR/settings.ron"
open=()
[ -n "${LEADQ_SHOT_OPEN:-}" ] && open=("$(realpath "$LEADQ_SHOT_OPEN")")
"$bin" --data-dir "$work/data" "${open[@]}" >"$work/app.log" 2>&1 &
app=$!
wid=""
for _ in $(seq 100); do
  wid=$(xdotool search --pid "$app" 2>/dev/null | tail -1 || true)
  [ -n "$wid" ] && break
  sleep 0.2
done
[ -n "$wid" ] || { echo "laptop-screenshot: no window appeared"; cat "$work/app.log"; exit 1; }
# The first frame fits the window to the screen (less room for a taskbar); let it settle.
sleep 3
if [ -n "${LEADQ_SHOT_KEYS:-}" ]; then
  xdotool windowfocus --sync "$wid"
  for key in $LEADQ_SHOT_KEYS; do xdotool key --window "$wid" "$key"; sleep 0.5; done
  sleep 1
fi
for point in ${LEADQ_SHOT_CLICKS:-}; do
  xdotool mousemove --window "$wid" "${point%,*}" "${point#*,}" click 1
  sleep 1
done
/usr/bin/import -window "$wid" "$out"
echo "laptop-screenshot: $out (${width}x${height} at ${scale})"
