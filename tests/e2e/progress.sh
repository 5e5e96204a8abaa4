# SPDX-License-Identifier: MIT
# progress.sh — the progress bar shows on a terminal, is erased at the end, and is silent in a pipe.
. "$(dirname "$0")/../tap.sh"
demo=build/asan/tools/progress_demo
if [ ! -x "$demo" ]; then not_ok "progress_demo is built ($demo)"; exit 0; fi
out=$("$demo" 200 1000 2>"$TMP/err")
check "finishes and reports on stdout" [ "$out" = "finished 200" ]
check "silent on stderr when it is not a terminal" [ ! -s "$TMP/err" ]
if command -v script >/dev/null; then
  # script(1) gives the program a pseudo-terminal; its output is what a user would see
  t0=$(date +%s%N)
  script -qec "$demo 400 3000" /dev/null >"$TMP/tty" 2>&1
  ms=$((($(date +%s%N) - t0) / 1000000))
  check "draws a bar with a percentage on a terminal" grep -q 'demo run \[.*%' "$TMP/tty"
  check "shows the rate and the time left" grep -q '/s .* elapsed .* left' "$TMP/tty"
  check "redraws in place with a carriage return" grep -q $'\r' "$TMP/tty"
  draws=$(grep -o 'demo run \[' "$TMP/tty" | wc -l)
  check "redraws at most 10 times a second ($draws draws in $ms ms)" [ "$draws" -ge 1 ] && [ "$draws" -le $((ms / 100 + 1)) ]
  check "erases its line at the end" grep -q $'\r\033\\[Kfinished 400' "$TMP/tty"
  PARLEY_PROGRESS=0 script -qec "$demo 100 1000" /dev/null >"$TMP/tty0" 2>&1
  check "PARLEY_PROGRESS=0 turns it off" bash -c "! grep -q 'demo run' '$TMP/tty0'"
else
  ok "# SKIP script(1) not installed"
fi
