# SPDX-License-Identifier: MIT
# cli_flags.sh — the flags every command shares, through the one parser (src/cli/cli_flags.c):
# short options give the same results as the long ones, "did you mean" for a mistyped flag in
# every command, and the errors name the flag and what was expected (exit 2).
. "$(dirname "$0")/../tap.sh"
SIX=scenarios/korea/six-party-2007.yaml

# ---- short options: the same results as the long ones (issue 15: -p -t -r -s -o -j) ----------
"$PARLEY" tournament --players tft,defector,gtft --turns 30 --repetitions 3 --noise 0.05 --seed 4 --threads 2 \
  --out "$TMP/long" >"$TMP/long.txt" 2>/dev/null
"$PARLEY" tournament -p tft,defector,gtft -t 30 -r 3 --noise 0.05 -s 4 -j 2 -o "$TMP/short" >"$TMP/short.txt" 2>/dev/null
check "tournament -p -t -r -s -j -o: the same table as the long flags" cmp -s "$TMP/long.txt" "$TMP/short.txt"
check "... and the same results.json" cmp -s "$TMP/long/results.json" "$TMP/short/results.json"
"$PARLEY" tournament -ptft,defector,gtft -t30 -r3 --noise=0.05 -s4 -j2 --out="$TMP/joined" >"$TMP/joined.txt" 2>/dev/null
check "-t30 and --noise=0.05 (value joined to the flag) too" cmp -s "$TMP/long/results.json" "$TMP/joined/results.json"
"$PARLEY" moran --players tft,defector --counts 1,4 --turns 10 --runs 300 --seed 2 >"$TMP/m-long.txt" 2>/dev/null
"$PARLEY" moran -p tft,defector --counts 1,4 -t 10 -r 300 -s 2 >"$TMP/m-short.txt" 2>/dev/null
check "moran -p -t -r -s: the same as the long flags" cmp -s "$TMP/m-long.txt" "$TMP/m-short.txt"
"$PARLEY" run "$SIX" --runs 200 --seed 5 --threads 1 >"$TMP/r-long.txt" 2>/dev/null
"$PARLEY" run "$SIX" -r 200 -s 5 -j 1 >"$TMP/r-short.txt" 2>/dev/null
check "run -r -s -j: the same summary as the long flags" cmp -s "$TMP/r-long.txt" "$TMP/r-short.txt"
"$PARLEY" match tft gtft --turns 12 --noise 0.1 --seed 3 --json >"$TMP/ma-long.txt"
"$PARLEY" match -t 12 --noise 0.1 -s 3 --json tft gtft >"$TMP/ma-short.txt"
check "match -t -s, flags before the strategies: the same match" cmp -s "$TMP/ma-long.txt" "$TMP/ma-short.txt"
check "a unique prefix is the flag (--rep for --repetitions, as before)" \
  bash -c "'$PARLEY' tournament --players tft,defector --turns 5 --rep 2 --seed 1 2>/dev/null | cmp -s - <('$PARLEY' tournament --players tft,defector --turns 5 --repetitions 2 --seed 1 2>/dev/null)"
h=$("$PARLEY" tournament --help)
check "--help shows the short forms beside the long ones" grep -qE '^  -j, --threads k +worker threads' <<<"$h"
check "--help lists a flag without a short form aligned" grep -qE '^      --noise p +each action' <<<"$h"

# ---- did you mean: every command, the closest flag -------------------------------------------
expect_exit 2 "tournament --theads" "$PARLEY" tournament --players tft,defector --theads 2
expect_err_has "unknown flag '--theads'; did you mean '--threads'?" "... did you mean --threads"
expect_exit 2 "run --sed" "$PARLEY" run "$SIX" --sed 3
expect_err_has "did you mean '--seed'?" "... did you mean --seed"
expect_exit 2 "moran --plyers" "$PARLEY" moran --plyers tft,defector
expect_err_has "did you mean '--players'?" "... did you mean --players"
expect_exit 2 "match --jsno" "$PARLEY" match tft tft --jsno
expect_err_has "did you mean '--json'?" "... did you mean --json"
expect_exit 2 "sensitivity --sobl" "$PARLEY" sensitivity "$SIX" --sobl 8
expect_err_has "did you mean '--sobol'?" "... did you mean --sobol"
expect_exit 2 "fit --widow" "$PARLEY" fit "$SIX" --widow 2
expect_err_has "did you mean '--window'?" "... did you mean --window"
expect_exit 2 "strategies --famly" "$PARLEY" strategies --famly classic
expect_err_has "did you mean '--family'?" "... did you mean --family"
expect_exit 2 "play --hide-lenght" "$PARLEY" play tft --hide-lenght
expect_err_has "did you mean '--hide-length'?" "... did you mean --hide-length"
expect_exit 2 "check-transcripts --min-chekced" "$PARLEY" check-transcripts --min-chekced 1 x.jsonl
expect_err_has "did you mean '--min-checked'?" "... did you mean --min-checked"
expect_exit 2 "a flag like nothing known" "$PARLEY" tournament --players tft,defector --frobnicate
expect_err_has "unknown flag '--frobnicate' (see parley tournament --help)" "... is named, with no guess"
case "$TAP_ERR" in *"did you mean"*) not_ok "... and no far-fetched guess";; *) ok "... and no far-fetched guess";; esac
check "an unknown flag does not print the whole help" [ "$(wc -l <<<"$TAP_ERR")" -eq 1 ]

# ---- errors name the flag and what was expected ----------------------------------------------
expect_exit 2 "an ambiguous prefix" "$PARLEY" tournament --players tft,defector --t 5
expect_err_has "'--t' is ambiguous: it could be --turns, --threads" "... names the flags it could be"
expect_exit 2 "a flag without its value" "$PARLEY" tournament --players tft,defector --turns
expect_err_has "--turns: expected a value after it (--turns N)" "... says what value"
expect_exit 2 "a switch given a value" "$PARLEY" tournament --players tft,defector --no-self-play=yes
expect_err_has "--no-self-play takes no value" "... says it takes none"
expect_exit 2 "an unknown short option" "$PARLEY" tournament --players tft,defector -q
expect_err_has "unknown flag '-q'" "... is named"
expect_exit 2 "a bad value through a short option" "$PARLEY" tournament -p tft,defector -t 0
expect_err_has "--turns: expected a whole number from 1 to 100000000" "... names the long flag and the range"
expect_exit 2 "--mode that is not a mode" "$PARLEY" moran --players tft,defector --mode bx
expect_err_has "--mode: expected 'bd' or 'db', got 'bx'" "... lists the choices"
expect_exit 2 "--types that is not a type" "$PARLEY" run "$SIX" --types poster
expect_err_has "--types: expected 'prior' or 'posterior', got 'poster'" "... lists the choices"
expect_exit 2 "--out with an empty name" "$PARLEY" run "$SIX" -o ""
expect_err_has "--out: expected a directory name" "... names the flag"
expect_exit 2 "a --seed of -1 is a value, refused as a seed" "$PARLEY" match tft tft -s -1
expect_err_has "--seed:" "... names the flag"
out=$("$PARLEY" match tft defector --turns 3 -- 2>&1); rc=$?
check "'--' ends the flags" [ "$rc" -eq 0 ]
