# SPDX-License-Identifier: MIT
# fail_fast.sh — every command checks its flags, its input files and its --out directory before
# it computes anything (issue 15: "a bad --out is found only after all the computing is done").
# Each command is given a job that would take minutes or hours and a bad --out (a file; a
# directory the user cannot write): it must stop with the error and exit code at once, with
# nothing on standard output (no table, no summary: no work was done).  The time each took is
# printed as a TAP comment for information; nothing here asserts a time.
. "$(dirname "$0")/../tap.sh"
SIX=scenarios/korea/six-party-2007.yaml
: >"$TMP/afile"

# huge jobs: each would run for minutes at least on any machine
jobs=(
  "tournament|tournament --players all --turns 1000 --repetitions 1000000"
  "run|run $SIX --runs 1000000000"
  "moran|moran --players tft,defector,gtft,wsls --runs 1000000000000"
  "fit|fit $SIX --runs 1000000000"
  "design|design $SIX --runs 100000000 --confirm 100000000"
  "sensitivity|sensitivity $SIX --runs 1000000000 --sobol 100000"
)

# fast JOB_ARGS...: runs parley, records exit code, stdout and stderr, and prints the elapsed time
fast() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$TMP/out.txt" 2>"$TMP/err.txt"
  rc=$?
  t1=$(date +%s.%N)
  echo "# $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') s: ${*:2:2} ..."
}

for j in "${jobs[@]}"; do
  name=${j%%|*}; args=${j#*|}
  # shellcheck disable=SC2086
  fast "$PARLEY" $args --out "$TMP/afile"
  check "$name --out FILE: exit 2 before any work (got $rc)" [ "$rc" -eq 2 ]
  check "$name --out FILE: nothing on standard output" [ ! -s "$TMP/out.txt" ]
  check "$name --out FILE: the message names the directory and what is wrong" \
    grep -q "$TMP/afile.*not a directory" "$TMP/err.txt"
done

# a directory the user cannot write: the tests run as root, whom permissions do not stop, so the
# command runs as nobody (setpriv), as hostile_input.sh does
if [ "$(id -u)" -ne 0 ]; then as_user() { "$@"; }
elif command -v setpriv >/dev/null; then as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else as_user() { return 99; }; fi
PERM=$TMP/perm; mkdir "$PERM"; chmod 711 "$TMP" "$PERM"
mkdir "$PERM/ro"; chmod 555 "$PERM/ro"
cp "$SIX" "$PERM/six.yaml"; chmod 644 "$PERM/six.yaml"
if as_user true 2>/dev/null; then
  for j in "${jobs[@]}"; do
    name=${j%%|*}; args=${j#*|}
    args=${args//$SIX/$PERM/six.yaml}
    # shellcheck disable=SC2086
    fast as_user "$PARLEY" $args --out "$PERM/ro/res"
    # the system's refusal is the environment's failure: exit 3, as everywhere in parley
    check "$name --out in an unwritable directory: exit 3 before any work (got $rc)" [ "$rc" -eq 3 ]
    check "$name ... nothing on standard output, nothing left in the directory" \
      eval '[ ! -s "$TMP/out.txt" ] && [ -z "$(ls -A "$PERM/ro")" ]'
    check "$name ... the message names the directory and the cause" grep -q "$PERM/ro/res.*Permission denied" "$TMP/err.txt"
  done
else
  for k in $(seq 18); do ok "# SKIP the tests run as root and setpriv is absent: no user to be refused"; done
fi

# --json sets its own temporary results aside: a bad --out with --json is refused the same way
fast "$PARLEY" tournament --players all --turns 1000 --repetitions 1000000 --json --out "$TMP/afile"
check "tournament --json --out FILE: exit 2, nothing on standard output" eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ]'

# ---- input files and flags: checked before the work too ---------------------------------------
fast "$PARLEY" tournament --players tft,defector --turns 1000 --repetitions 1000000 --players "@$TMP/missing.txt"
check "tournament --players @MISSING after a huge job's flags: exit 2 at once, nothing printed" \
  eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ] && grep -q "missing.txt" "$TMP/err.txt"'
fast "$PARLEY" run "$TMP/missing.yaml" --runs 1000000000
check "run MISSING.yaml: exit 2 at once, the file named" eval '[ "$rc" -eq 2 ] && grep -q "missing.yaml" "$TMP/err.txt"'
fast "$PARLEY" moran --players tft,defector --runs 1000000000000 --counts 1,2,3
check "moran --counts that do not match --players: exit 2 at once" eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ]'
fast "$PARLEY" sensitivity "$SIX" --runs 1000000000 --range 'no.such.path=1:2'
check "sensitivity --range naming no value: exit 2 at once, nothing printed" \
  eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ] && grep -q "no.such.path" "$TMP/err.txt"'
fast "$PARLEY" design "$SIX" --runs 100000000 --threads nine
check "design --threads nine: exit 2 at once, the flag named" eval '[ "$rc" -eq 2 ] && grep -q -- "--threads" "$TMP/err.txt"'
fast "$PARLEY" match tft defector --turns 100000000 --noise 2
check "match --noise 2: exit 2 at once, nothing printed" eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ] && grep -q -- "--noise" "$TMP/err.txt"'
fast "$PARLEY" play tft --turns 0 </dev/null
check "play --turns 0: exit 2 before the game starts, nothing printed" eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ]'
# check-transcripts: a missing second file is found before the first is replayed (the first
# holds a mismatch, which a replay would print on standard output)
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CCC","b_actions":"DDD"}' >"$TMP/bad.jsonl"
fast "$PARLEY" check-transcripts "$TMP/bad.jsonl" "$TMP/missing.jsonl"
check "check-transcripts MISMATCHING MISSING: exit 2 before the first file is replayed, nothing printed" \
  eval '[ "$rc" -eq 2 ] && [ ! -s "$TMP/out.txt" ] && grep -q "missing.jsonl: cannot open" "$TMP/err.txt"'
"$PARLEY" check-transcripts "$TMP/bad.jsonl" >"$TMP/out.txt" 2>&1
check "... (the first file alone does print its mismatch)" grep -q "^MISMATCH" "$TMP/out.txt"
