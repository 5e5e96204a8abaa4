#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ecology.sh — `parley ecology`: the reference's Ecosystem shares step by step for a deterministic
# tournament (tests/resources/ecosystem_reference.csv, made by tools/ecosystem_reference.py), the
# same bytes at any thread count with noise, the result files, and the rules for bad input.
. "$(dirname "$0")/../tap.sh"
R=${PARLEY_RELEASE:-$PARLEY}
ref=${RESOURCES:-$(dirname "$0")/../resources}/ecosystem_reference.csv

expect_exit 0 "ecology --help" "$PARLEY" ecology --help
check "parley help lists ecology" grep -q "^  ecology" <<<"$("$PARLEY" --help 2>&1)"

# bad input: exit 2, the flag named
expect_exit 2 "no players" "$PARLEY" ecology
expect_err_has "--players" "no players names the flag"
expect_exit 2 "one player" "$PARLEY" ecology --players tft
expect_err_has "--players: the payoffs come from a tournament, which needs at least two players" "one player is refused naming the flag"
expect_exit 2 "too few shares" "$PARLEY" ecology --players tft,defector --population 1
expect_err_has "--population: expected 2 numbers" "too few shares are explained"
expect_exit 2 "a share that is not a number" "$PARLEY" ecology --players tft,defector --population 1,x
expect_err_has "--population: number 2 of 2" "a bad share is named with its place"
expect_exit 2 "every share 0" "$PARLEY" ecology --players tft,defector --population 0,0
expect_err_has "every share is 0" "all-zero shares are explained"
expect_exit 2 "zero steps" "$PARLEY" ecology --players tft,defector --steps 0
expect_err_has "--steps" "zero steps names the flag"
expect_exit 2 "a stray argument" "$PARLEY" ecology --players tft,defector extra
expect_exit 2 "payoffs that cannot be normalised" "$PARLEY" ecology --players defector,defector --game 3,-4,5,-1 --turns 5
expect_err_has "payoffs >= 0" "negative payoffs are explained"

# agreement with the reference's Ecosystem: every step, every share, up to rounding
check "the reference shares are there" [ -s "$ref" ]
expect_exit 0 "the reference's tournament" "$R" ecology --players cooperator,defector,tft,grudger,alternator --population 1,2,3,4,5 \
  --turns 200 --repetitions 1 --steps 100 --out "$TMP/eco"
check "the same types in the same order" [ "$(grep -v '^#' "$ref" | head -1)" = "$(head -1 "$TMP/eco/shares.csv")" ]
check "shares.csv has the start and 100 steps" [ "$(wc -l <"$TMP/eco/shares.csv")" -eq 102 ]
diffmax=$(awk -F, 'FILENAME == ARGV[1] { if ($0 !~ /^#/ && $1 ~ /^[0-9]+$/) for (i = 2; i <= NF; i++) r[$1, i] = $i; next }
  FNR > 1 { for (i = 2; i <= NF; i++) { if (($1, i) in r) { d = $i - r[$1, i]; if (d < 0) d = -d } else d = 1; if (d > m) m = d; n++ } }
  END { printf "%.3g", n ? m + 0 : 1 }' <(grep -v '^#' "$ref") "$TMP/eco/shares.csv")
check "every share agrees with the reference's within 1e-9 (largest difference $diffmax)" awk -v d="$diffmax" 'BEGIN { exit !(d < 1e-9) }'
check "grudger and tit for tat take over, the defector dies out" awk -F, 'END { exit !($3 < 1e-6 && $5 > 0.5 && $4 > 0.3) }' "$TMP/eco/shares.csv"
check "report.html draws the stacked shares" grep -q 'data-kind="area"' "$TMP/eco/report.html"
check "results.json holds the payoffs" grep -q '"payoff_stddevs"' "$TMP/eco/results.json"
check "payoffs.csv holds tit for tat's payoff against the defector" grep -q '^Tit For Tat,3,0.995,' "$TMP/eco/payoffs.csv"

# noise: the payoffs are drawn around their means; the same seed, the same bytes at 1 and 2 threads
for t in 1 2; do
  "$PARLEY" ecology --players wsls,tft,defector,random --noise 0.05 --repetitions 5 --turns 50 --steps 50 --seed 3 --threads $t \
    --out "$TMP/n$t" >"$TMP/n$t.txt" 2>/dev/null
done
check "noisy ecology: the same files at 1 and 2 threads" diff -r "$TMP/n1" "$TMP/n2"
"$PARLEY" ecology --players wsls,tft,defector,random --noise 0.05 --repetitions 5 --turns 50 --steps 50 --seed 4 >"$TMP/n4.txt" 2>/dev/null
check "another seed, other shares" bash -c '! cmp -s "$1" "$2"' _ "$TMP/n1.txt" "$TMP/n4.txt"
# the tournament is parley tournament's: batched by default (since 2026-12-04), --no-batched match by match
"$PARLEY" ecology --players wsls,tft,defector,random --noise 0.05 --repetitions 5 --turns 50 --steps 50 --seed 3 \
  --no-batched --out "$TMP/nb" >/dev/null 2>&1
check "--no-batched: other draws, other payoffs" bash -c '! cmp -s "$1" "$2"' _ "$TMP/n1/payoffs.csv" "$TMP/nb/payoffs.csv"
"$PARLEY" tournament --players wsls,tft,defector,random --noise 0.05 --repetitions 5 --turns 50 --seed 3 --out "$TMP/nt" >/dev/null 2>&1
"$PARLEY" tournament --players wsls,tft,defector,random --noise 0.05 --repetitions 5 --turns 50 --seed 3 --no-batched \
  --out "$TMP/ntb" >/dev/null 2>&1
same_pay() { cmp -s <(tail -n +2 "$1") <(tail -n +2 "$2"); } # the payoffs, below the headers
check "the default's payoffs are parley tournament's" same_pay "$TMP/n1/payoffs.csv" "$TMP/nt/payoff_matrix.csv"
check "--no-batched's are parley tournament --no-batched's" same_pay "$TMP/nb/payoffs.csv" "$TMP/ntb/payoff_matrix.csv"
check "--help names --no-batched" bash -c '"$1" ecology --help 2>&1 | grep -q -- --no-batched' _ "$PARLEY"
echo "1..$tap_n"
