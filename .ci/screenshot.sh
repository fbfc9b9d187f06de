#!/usr/bin/env bash
# Takes a screenshot of the real window under Xvfb with a few sample leads, for the README.
# Usage: .ci/screenshot.sh path/to/leadq out.png [WIDTHxHEIGHT] [light|dark] [de|en]
set -euo pipefail
bin=$(realpath "$1"); out=$(realpath -m "$2"); size=${3:-1600x1000}; theme=${4:-light}; lang=${5:-de}
work=$(mktemp -d)
trap 'kill "${app:-0}" "${xvfb:-0}" 2>/dev/null || true; cp "$work/app.log" /tmp/screenshot-app.log 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$(realpath "$0")")/xvfb-lib.sh"
start_xvfb "${size}x24" "$work/xvfb.log"
export XDG_DATA_HOME="$work/xdg" LEADQ_CONFIG_DIR="$work/config"
mkdir -p "$LEADQ_CONFIG_DIR"
echo "(lang: Some($lang), theme: $theme)" >"$LEADQ_CONFIG_DIR/settings.ron"
cat >"$work/leads.csv" <<'CSV'
company,contact,role,industry,revenue_meur,source,stage,budget,authority,need,time,notes,follow_up
Max Mustermann GmbH,Max Mustermann,Geschäftsführer,Maschinenbau,5,web_form,sal,approved,decision_maker,strong_fit,months_6_12,Entscheidung in etwa 10 Monaten,2026-12-03
Nordlicht Logistik AG,Jana Petersen,Leiterin Einkauf,Logistik,48.5,event,sql,approved,co_decider,strong_fit,under_3_months,Messe Hannover,2026-12-10
Bäckerei Sonnenschein,Ali Yılmaz,Inhaber,Lebensmittel,1.2,referral,mql,planned,decision_maker,partial_fit,,,
Stahlwerk Ruhr KG,Dr. Petra Kowalski,CTO,Metall,320,cold_outreach,sal,none,influencer,strong_fit,months_3_6,Kein Budget vor 2028,2026-11-20
Grünwerk Energie eG,Tobias Brandt,Projektleiter,Energie,12,content_download,mql,,influencer,latent,over_12_months,,
CSV
"$bin" --data-dir "$work/data" import "$work/leads.csv" >/dev/null 2>&1
"$bin" --data-dir "$work/data" >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 100); do wid=$(xdotool search --pid "$app" 2>/dev/null | tail -1 || true); [ -n "${wid:-}" ] && break; sleep 0.2; done
xdotool windowsize --sync "$wid" "${size%x*}" "${size#*x}" 2>/dev/null || true
xdotool windowmove "$wid" 0 0 2>/dev/null || true
sleep 2
# Select the seed's example (sorted first by score is Nordlicht; click the second row).
xdotool windowfocus --sync "$wid"
xdotool mousemove --window "$wid" 120 175 click 1
sleep 1
import -window root "$out"
echo "screenshot: $out"
