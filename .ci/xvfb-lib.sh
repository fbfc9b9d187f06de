# shellcheck shell=bash
# Sourced by the scripts that run the real window: starts Xvfb on a display number it picks itself
# (-displayfd), so no script guesses a free number and none trips over a stale lock or socket left
# by an Xvfb that was killed hard. Sets DISPLAY and xvfb (the pid); fails loudly if Xvfb does not
# come up.
# Usage: start_xvfb WIDTHxHEIGHTxDEPTH LOGFILE
start_xvfb() {
  local screen=$1 log=$2 numfile n=""
  numfile=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$numfile" >"$log" 2>&1 &
  xvfb=$!
  # Xvfb writes the number (and a newline) once it accepts connections.
  for _ in $(seq 100); do
    n=$(head -n1 "$numfile" 2>/dev/null || true)
    [ -n "$n" ] && [ "$(wc -l <"$numfile")" -ge 1 ] && break
    n=""
    if ! kill -0 "$xvfb" 2>/dev/null; then break; fi
    sleep 0.1
  done
  rm -f "$numfile"
  if [ -z "$n" ]; then
    echo "Xvfb did not start:" >&2
    cat "$log" >&2
    return 1
  fi
  export DISPLAY=":$n"
}
