#!/usr/bin/env bash
# LeadQ on Windows, tested under Wine and Xvfb as a rep would use it (issue 26):
#  - the command line with Windows paths (drive letters, spaces, umlauts): a Windows-1252 CSV
#    from German Excel imported, list, show, a PDF to C:\Berichte Ä\Müller GmbH.pdf, export,
#    calendar, delete and restore, the folder lock;
#  - a file held open by another program (.ci/wine/hold.c, as Excel holds a workbook) and a file
#    marked read-only are named as such, in German;
#  - the window with default settings opens and draws (a screenshot that is not blank), and
#    with every graphics interface failing, the German message box appears and the exit is 1;
#  - the installer: installs silently per user (files, Start menu, PATH, "Open with", the entry
#    in Settings > Apps), the installed exe has its icon and version resource and works with the
#    default data folder, and the uninstaller removes the program and keeps the leads.
# Usage: .ci/wine-test.sh path/to/leadq-<version>-x86_64-setup.exe [shots-dir]
# (packaging/windows.sh makes the installer; every step runs the leadq.exe it installed.)
# Needs wine, mingw-w64, Xvfb, xdotool, imagemagick, poppler-utils (.ci/run installs them).
# Wine 8.0 lacks bcryptprimitives.dll's ProcessPrng, which Rust's standard library imports;
# a test-only shim (.ci/wine/bcryptprimitives.c) goes into this test's own Wine prefix.
set -euo pipefail
setup=$(realpath "$1")
shots=${2:-}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; kill "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
source "$here/xvfb-lib.sh"

fail() { echo "wine-test: FAILED: $*" >&2; exit 1; }
step() { echo "wine-test: $*"; }

export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko download prompts; the shim before Wine's (missing) own.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
start_xvfb 1366x768x24 "$work/xvfb.log"

step "Wine prefix and the test helpers (mingw-w64)"
wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log"; fail "wineboot"; }
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$here/wine/bcryptprimitives.c"
x86_64-w64-mingw32-gcc -municode -O2 -o "$work/hold.exe" "$here/wine/hold.c"
user=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -1)
C=$WINEPREFIX/drive_c
mkdir -p "$C/Import Ä" "$C/Berichte Ä" "$C/Leads Ä"

step "the installer: silent, per user"
wine "$setup" /S >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "setup.exe /S"; }
home=$C/users/$user
installed=$home/AppData/Local/Programs/LeadQ
[ -f "$installed/leadq.exe" ] || fail "no leadq.exe in $installed"
[ -f "$installed/THIRD-PARTY-LICENSES.txt" ] || fail "no licence notice installed"
python3 "$here/../packaging/pe-resources.py" "$installed/leadq.exe" \
  "$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/../Cargo.toml" | head -1)"
[ -f "$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/LeadQ.lnk" ] || fail "no Start-menu entry"
reg() { wine reg query "$@" 2>/dev/null | tr -d '\r'; }
reg 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\LeadQ' | grep -q 'uninstall.exe' || fail "no entry in Settings > Apps"
reg 'HKCU\Environment' /v Path | grep -q -F 'Programs\LeadQ' || fail "the folder is not on the PATH"
reg 'HKCU\Software\Classes\.csv\OpenWithProgids' | grep -q 'LeadQ.File' || fail "no Open with for .csv"
# From here on every run is of the installed leadq.exe: what a rep starts.
exe=$installed/leadq.exe

# leadq.exe with arguments; output into $work/out and $work/err; the exit status is returned.
lq() { wine "$exe" "$@" >"$work/out" 2>"$work/err"; }
ok() { lq "$@" || { cat "$work/out" "$work/err"; fail "leadq $*"; }; }
has() { grep -q -F -- "$2" "$work/$1" || { cat "$work/out" "$work/err"; fail "expected '$2' in $1"; }; }
D='C:\Leads Ä'

step "import of a Windows-1252 CSV from German Excel, with Windows paths"
printf 'Firma;Ansprechpartner;Position;Telefon;Umsatz\r\nMüller GmbH;Jürgen Weiß;Einkaufsleiter;+49 89 1234;1.200.000\r\nÄpfel & Söhne KG;Anna Öz;Geschäftsführerin;+49 30 98;80.000\r\n' |
  iconv -f UTF-8 -t WINDOWS-1252 >"$C/Import Ä/kunden.csv"
ok --lang de --data-dir "$D" import 'C:\Import Ä\kunden.csv'
[ "$(ls "$C/Leads Ä/leads" | grep -c '\.ron$')" = 2 ] || fail "two lead files expected"
ok --lang de --data-dir "$D" list
has out "Müller GmbH"
has out "Äpfel & Söhne KG"
id=$(basename "$(grep -l 'Müller GmbH' "$C/Leads Ä/leads/"*.ron | head -1)" .ron)
ok --lang de --data-dir "$D" show "$id"
has out "Jürgen Weiß"

step "PDF, export and calendar to paths with spaces and umlauts"
ok --lang de --data-dir "$D" pdf "$id" -o 'C:\Berichte Ä\Müller GmbH.pdf'
pdftotext "$C/Berichte Ä/Müller GmbH.pdf" - | grep -q "Müller GmbH" || fail "the PDF does not name the lead"
ok --lang de --data-dir "$D" export 'C:\Berichte Ä\Leads.xlsx'
[ -s "$C/Berichte Ä/Leads.xlsx" ] || fail "no workbook"
ok --lang de --data-dir "$D" export 'C:\Berichte Ä\Leads.csv' --semicolon
iconv -f UTF-8 -t UTF-8 "$C/Berichte Ä/Leads.csv" | grep -q "Jürgen Weiß" || fail "the CSV lacks the contact"
ok --lang de --data-dir "$D" calendar -o 'C:\Berichte Ä\Wiedervorlagen.ics'
grep -q "BEGIN:VCALENDAR" "$C/Berichte Ä/Wiedervorlagen.ics" || fail "no calendar"

step "delete and restore"
ok --lang de --data-dir "$D" delete "$id"
[ ! -e "$C/Leads Ä/leads/$id.ron" ] || fail "the lead is still there after delete"
ok --lang de --data-dir "$D" restore "$id"
[ -e "$C/Leads Ä/leads/$id.ron" ] || fail "the lead did not come back"

step "a file held open by another program (as Excel does), and one marked read-only"
wine "$work/hold.exe" 'C:\Berichte Ä\Leads.xlsx' 60 >"$work/hold.out" 2>&1 &
holder=$!
for _ in $(seq 100); do grep -q held "$work/hold.out" 2>/dev/null && break; sleep 0.2; done
grep -q held "$work/hold.out" || { cat "$work/hold.out"; fail "the helper did not hold the file"; }
before=$(md5sum <"$C/Berichte Ä/Leads.xlsx")
if lq --lang de --data-dir "$D" export 'C:\Berichte Ä\Leads.xlsx'; then fail "export onto a held file succeeded"; fi
has err "in einem anderen Programm geöffnet (z. B. Excel). Schließe sie dort und versuche es noch einmal."
has err 'C:\Berichte Ä\Leads.xlsx'
[ "$before" = "$(md5sum <"$C/Berichte Ä/Leads.xlsx")" ] || fail "the held file was changed"
kill "$holder" 2>/dev/null || true
wine cmd /c attrib +r 'C:\Berichte Ä\Müller GmbH.pdf' >/dev/null 2>&1
if lq --lang de --data-dir "$D" pdf "$id" -o 'C:\Berichte Ä\Müller GmbH.pdf'; then fail "a read-only PDF was replaced"; fi
has err "die Datei ist schreibgeschützt"
wine cmd /c attrib -r 'C:\Berichte Ä\Müller GmbH.pdf' >/dev/null 2>&1
ls "$C/Berichte Ä" | grep -q '^\.leadq-tmp-' && fail "a temp file was left"

# Waits for a top-level window whose name matches $1; prints its id.
window_named() {
  local wid=""
  for _ in $(seq 150); do
    wid=$(xdotool search --name "$1" 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && { echo "$wid"; return 0; }
    sleep 0.2
  done
  return 1
}
# Fails when a screenshot is (nearly) one colour: nothing was drawn.
not_blank() {
  local colours
  colours=$(/usr/bin/convert "$1" -format '%k' info:)
  [ "$colours" -gt 50 ] || fail "$2: the screenshot has only $colours colours"
}

step "the window with default settings (no WGPU_BACKEND)"
wine "$exe" --lang de --data-dir "$D" >"$work/win.out" 2>"$work/win.err" &
win=$!
wid=$(window_named '^LeadQ$') || { cat "$work/win.err"; fail "no window"; }
sleep 8
import -window root "$work/window.png"
not_blank "$work/window.png" "the window"
[ -n "$shots" ] && cp "$work/window.png" "$shots/wine-window.png"
echo "wine-test: $(grep -h 'did not work\|drawn with' "$work/win.err" | tr '\n' ' ')"
step "the folder lock: a command that writes is refused while the window holds the folder"
if lq --lang de --data-dir "$D" delete "$id"; then fail "delete while the window holds the folder"; fi
has err "bereits geöffnet"
[ -e "$C/Leads Ä/leads/$id.ron" ] || fail "the lead was deleted under the window"
kill "$win" 2>/dev/null || true
wineserver -k 2>/dev/null || true
sleep 1

step "no graphics interface works: the message box, in German, and exit status 1"
set +e
LEADQ_TEST_FAIL_RENDERERS=all wine "$exe" --lang de --data-dir "$D" >"$work/box.out" 2>"$work/box.err" &
boxed=$!
set -e
box=$(window_named 'LeadQ kann nicht starten') || { cat "$work/box.err"; fail "no message box"; }
sleep 2
import -window root "$work/box.png"
not_blank "$work/box.png" "the message box"
[ -n "$shots" ] && cp "$work/box.png" "$shots/wine-message-box.png"
xdotool windowactivate --sync "$box" key Return 2>/dev/null || xdotool key Return
status=0
wait "$boxed" || status=$?
[ "$status" = 1 ] || fail "exit status $status after the message box, expected 1"
grep -q "keine Grafikschnittstelle dieses Rechners hat funktioniert (versucht: DirectX 12, Vulkan, OpenGL)" "$work/box.err" ||
  { cat "$work/box.err"; fail "the reason is not on standard error"; }
wineserver -k 2>/dev/null || true

step "the platform's own data folder (no --data-dir)"
ok --lang de import 'C:\Import Ä\kunden.csv'
ok --lang de list
has out "Müller GmbH"
leads=$home/AppData/Roaming/LeadQ/LeadQ/data/leads
[ "$(ls "$leads" | grep -c '\.ron$')" = 2 ] || fail "the default data folder has no leads: $leads"
rm -f "$C/Berichte Ä/Müller GmbH.pdf"
mid=$(basename "$(grep -l 'Müller GmbH' "$leads/"*.ron | head -1)" .ron)
ok --lang de pdf "$mid" -o 'C:\Berichte Ä\Müller GmbH.pdf'
pdftotext "$C/Berichte Ä/Müller GmbH.pdf" - | grep -q "Jürgen Weiß" || fail "the PDF from the default folder"

step "the uninstaller removes the program and keeps the leads"
wine "$installed/uninstall.exe" /S >/dev/null 2>&1 || true
# NSIS's uninstaller copies itself to a temp folder and works from there.
for _ in $(seq 150); do [ ! -e "$installed/leadq.exe" ] && break; sleep 0.2; done
sleep 2
[ ! -e "$installed/leadq.exe" ] || fail "leadq.exe is still installed"
[ ! -e "$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/LeadQ.lnk" ] || fail "the Start-menu entry stayed"
reg 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\LeadQ' | grep -q 'uninstall.exe' && fail "the Apps entry stayed"
reg 'HKCU\Environment' /v Path | grep -q -F 'Programs\LeadQ' && fail "the PATH entry stayed"
[ "$(ls "$leads" | grep -c '\.ron$')" = 2 ] || fail "uninstalling touched the leads"
step "all passed"
