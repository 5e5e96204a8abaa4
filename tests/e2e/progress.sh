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

# ---- one display over every phase of a long run (issue 15: the N-party run's bar covered its
# runs and left the key findings' sensitivity pass and the noise sweep silent) ----------------
if command -v script >/dev/null; then
  phases() { tr '\r' '\n' <"$1" | sed 's/\x1b\[K//g'; }
  script -qec "'$PARLEY' run scenarios/korea/drills-and-launches.yaml --runs 200 --threads 2 >/dev/null" /dev/null >"$TMP/run.tty" 2>&1
  phases "$TMP/run.tty" >"$TMP/run.lines"
  check "run: the key findings' sensitivity pass has its bar, named" grep -q '^run: key findings: baseline \[' "$TMP/run.lines"
  check "run: ... each of its parts named (one at a time)" grep -q '^run: key findings: one at a' "$TMP/run.lines"
  check "run: the runs have theirs" grep -q '^run: runs \[' "$TMP/run.lines"
  check "run: the noise sweep has its own, with rate and time left" grep -qE '^run: noise sweep \[.*/s .* left' "$TMP/run.lines"
  check "run: the timing line counts the runs alone (200 runs x 10 profiles), not the passes around them" grep -q "parley run: 2000 runs of a design or profile in" "$TMP/run.lines"
  "$PARLEY" run scenarios/korea/drills-and-launches.yaml --runs 200 --threads 2 >/dev/null 2>"$TMP/run.err"
  check "run: no bar when standard error is not a terminal" bash -c "! grep -q \$'\\r' '$TMP/run.err' && ! grep -q 'noise sweep' '$TMP/run.err'"
  script -qec "'$PARLEY' sensitivity scenarios/korea/six-party-2007.yaml --runs 100 --bisect 2 >/dev/null" /dev/null >"$TMP/sens.tty" 2>&1
  phases "$TMP/sens.tty" >"$TMP/sens.lines"
  check "sensitivity: a bar for each part (baseline, one at a time)" \
    bash -c "grep -q '^sensitivity: baseline \[' '$TMP/sens.lines' && grep -q '^sensitivity: one at a time \[' '$TMP/sens.lines'"
  script -qec "'$PARLEY' tournament --players tft,defector,gtft --turns 50 --repetitions 200 >/dev/null" /dev/null >"$TMP/t.tty" 2>&1
  check "tournament: its bar as before" grep -q '^tournament \[' <(phases "$TMP/t.tty")
  # moran (issue 15): the fixation runs have a bar (pl_moran_config's phase and progress)
  margs="--players wsls,tft --counts 1,9 --noise 0.05 --turns 20 --runs 20000 --threads 2 --seed 5"
  script -qec "'$PARLEY' moran $margs >'$TMP/moran.tty.out'" /dev/null >"$TMP/moran.tty" 2>&1
  check "moran: the fixation runs have their bar, named, with rate and time left" \
    grep -qE '^moran: fixation runs \[.*/s .* left' <(phases "$TMP/moran.tty")
  "$PARLEY" moran $margs >"$TMP/moran.out" 2>"$TMP/moran.err"
  check "moran: no bar when standard error is not a terminal" bash -c "! grep -q -e \$'\\r' -e 'fixation runs \\[' '$TMP/moran.err'"
  check "moran: the results are the same with the bar and without" \
    cmp -s <(grep -v ' in [0-9.]* s' "$TMP/moran.out") <(grep -v ' in [0-9.]* s' "$TMP/moran.tty.out" | tr -d '\r')
  # design (issue 15): the screen and the re-estimate each have a bar (pl_agreement_design_config's phase and progress)
  dargs="scenarios/korea/six-party-2007.yaml --runs 40 --confirm 200 --check-runs 40 --top 2 --threads 2"
  script -qec "'$PARLEY' design $dargs >/dev/null" /dev/null >"$TMP/design.tty" 2>&1
  phases "$TMP/design.tty" >"$TMP/design.lines"
  check "design: the screen has its bar, named" grep -qE '^design: (screen|local search) \[' "$TMP/design.lines"
  check "design: the re-estimate has its own" grep -q '^design: re-estimate \[' "$TMP/design.lines"
  "$PARLEY" design $dargs >/dev/null 2>"$TMP/design.err"
  check "design: no bar when standard error is not a terminal" bash -c "! grep -q -e \$'\\r' -e 'screen' '$TMP/design.err'"
  # fit (issue 15): the likelihood grid and the predictive check each have a bar
  script -qec "'$PARLEY' fit scenarios/korea/six-party-2007.yaml --runs 2000 --threads 2 >/dev/null" /dev/null >"$TMP/fit.tty" 2>&1
  phases "$TMP/fit.tty" >"$TMP/fit.lines"
  check "fit: the likelihood grid has its bar, named" grep -q '^fit: likelihood grid \[' "$TMP/fit.lines"
  check "fit: the predictive check has its own" grep -q '^fit: predictive check \[' "$TMP/fit.lines"
  "$PARLEY" fit scenarios/korea/six-party-2007.yaml --runs 2000 --threads 2 >/dev/null 2>"$TMP/fit.err"
  check "fit: no bar when standard error is not a terminal" bash -c "! grep -q -e \$'\\r' -e 'likelihood grid' '$TMP/fit.err'"
else
  ok "# SKIP script(1) not installed"
fi
