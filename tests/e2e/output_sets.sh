# SPDX-License-Identifier: MIT
# output_sets.sh — `--out DIR` written as a set (issue 9): the directory holds the old run or the
# new one, never a mixture; it is checked before anything is computed; an interrupted or failed
# run leaves the old results as they were and no temporary behind.
. "$(dirname "$0")/../tap.sh"
SIX=scenarios/korea/six-party-2007.yaml
PAIR=scenarios/games/pairwise.yaml
# no_temp DIR: nothing beside DIR is a parley temporary
no_temp() { ! ls -a "$(dirname "$1")" | grep -q "parley-tmp"; }

"$PARLEY" run $SIX --runs 50 --seed 1 --out "$TMP/out" >/dev/null 2>&1
check "a run writes its set with the .parley-results marker" [ -f "$TMP/out/.parley-results" ] && [ -f "$TMP/out/steps.csv" ]
check "no temporary is left beside it" no_temp "$TMP/out"
"$PARLEY" run $PAIR --runs 5 --out "$TMP/out" >/dev/null 2>&1
check "a second run of another kind replaces the whole set (no steps.csv of the first beside its files)" \
  eval '[ -f "$TMP/out/parties.csv" ] && [ ! -e "$TMP/out/steps.csv" ]'
"$PARLEY" tournament --players tft,defector --turns 5 --repetitions 1 --out "$TMP/out" >/dev/null 2>&1
check "a tournament into it replaces it too" eval '[ -f "$TMP/out/wins.csv" ] && [ ! -e "$TMP/out/parties.csv" ]'

mkdir -p "$TMP/mine"; echo keep >"$TMP/mine/notes.txt"
expect_exit 2 "a directory with files parley did not write is refused" "$PARLEY" run $SIX --runs 50 --out "$TMP/mine"
expect_err_has "holds files parley did not write (such as 'notes.txt')" "the refusal names a file in the way"
check "the refusal comes before computing (no timing line)" eval '! grep -q "runs/s" <<<"$TAP_ERR"'
check "the user's file is untouched" grep -qx keep "$TMP/mine/notes.txt"
check "no temporary is left" no_temp "$TMP/mine"
echo x >"$TMP/afile"
expect_exit 2 "--out naming a file is refused" "$PARLEY" tournament --players tft,defector --turns 5 --out "$TMP/afile"
expect_err_has "exists and is not a directory" "the refusal says why"
mkdir -p "$TMP/empty"
expect_exit 0 "an empty directory is accepted" "$PARLEY" fit $SIX --runs 20 --out "$TMP/empty"
check "fit writes fit.json there with the marker" eval '[ -f "$TMP/empty/fit.json" ] && [ -f "$TMP/empty/.parley-results" ]'

# an older run, kept aside to compare with after each failed run into the same directory
"$PARLEY" run $SIX --runs 50 --seed 2 --out "$TMP/old" >/dev/null 2>&1
cp -a "$TMP/old" "$TMP/old.copy"
# a file size limit (ulimit -f) makes a write fail half way, as a full disk does
( ulimit -f 100; "$PARLEY" run $SIX --runs 50 --seed 3 --out "$TMP/old" >/dev/null 2>"$TMP/fsz.err" ); rc=$?
check "a write refused half way (ulimit -f) exits 3 (was killed by SIGXFSZ with no message): exit $rc" [ "$rc" -eq 3 ]
check "it says which file and why" grep -q "File too large" "$TMP/fsz.err"
check "the message names the directory given, not the temporary" eval 'grep -q "$TMP/old/" "$TMP/fsz.err" && ! grep -q parley-tmp "$TMP/fsz.err"' 
check "the older run is intact (no new CSVs beside the old results.json)" diff -r "$TMP/old" "$TMP/old.copy"
check "no temporary is left" no_temp "$TMP/old"

# interrupted: SIGTERM and SIGINT once the temporary exists (the run is computing or writing)
set -m # background jobs in their own group, so SIGINT is not ignored in them
# a shell started in the background inherits SIGINT ignored, and the command keeps an ignored signal
# ignored (nohup): start it with SIGINT at its default, as a terminal would
for sig in TERM INT; do
  env --default-signal=INT "$PARLEY" run $SIX --runs 5000000 --seed 4 --threads 1 --out "$TMP/old" >/dev/null 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null && ! ls -a "$TMP" | grep -q "^\.old\.parley-tmp"; do sleep 0.05; done
  kill -$sig $pid 2>/dev/null
  wait $pid; rc=$?
  check "SIG$sig during the run ends it as the signal asks: exit $rc" [ "$rc" -gt 128 ]
  check "SIG$sig: the older run is intact" diff -r "$TMP/old" "$TMP/old.copy"
  check "SIG$sig: the temporary is removed" no_temp "$TMP/old"
done
set +m

# a report with a size budget: 1,000 players once made a 115 MB page (release build, for speed)
for i in $(seq 1 1000); do echo "gtft:p=0.$(printf %04d "$i")"; done >"$TMP/players.txt"
"$PARLEY_RELEASE" tournament --players "@$TMP/players.txt" --turns 3 --repetitions 1 --out "$TMP/big" >/dev/null 2>&1; rc=$?
check "a 1,000-player tournament completes: exit $rc" [ "$rc" -eq 0 ]
size=$(stat -c %s "$TMP/big/report.html" 2>/dev/null || echo 0)
check "its report stays under 1 MB: $size bytes" [ "$size" -gt 0 ] && [ "$size" -lt 1000000 ]
check "the report says the charts are too large to draw and where to look" \
  grep -q "Too many players to draw the payoff of every pair: 1000 players, more than 300; see payoff_matrix.csv" "$TMP/big/report.html"
check "the ranked table lists the first 500 and says so" grep -q "The first 500 of 1000 players; summary.csv ranks them all." "$TMP/big/report.html"
check "the CSV holds every player" [ "$(($(wc -l <"$TMP/big/summary.csv") - 1))" -eq 1000 ]

echo "1..$tap_n"
