#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# fingerprint.sh — `parley fingerprint`: the known corners of tit for tat's fingerprint, agreement
# with the reference's AshlockFingerprint of tit for tat (tests/resources/fingerprint_reference.csv,
# made by tools/fingerprint_reference.py: 200 repetitions a point) within sampling error, the same
# bytes at any thread count, the result files, and the rules for bad input.
. "$(dirname "$0")/../tap.sh"
R=${PARLEY_RELEASE:-$PARLEY}
ref=${RESOURCES:-$(dirname "$0")/../resources}/fingerprint_reference.csv

expect_exit 0 "fingerprint --help" "$PARLEY" fingerprint --help
check "parley help lists fingerprint" grep -q "^  fingerprint" <<<"$("$PARLEY" --help 2>&1)"
expect_exit 2 "no strategy" "$PARLEY" fingerprint
expect_err_has "expected a strategy" "a missing strategy is explained"
expect_exit 2 "an unknown strategy" "$PARLEY" fingerprint tftx
expect_exit 2 "two strategies" "$PARLEY" fingerprint tft wsls
expect_err_has "expected one strategy" "two strategies are refused"
expect_exit 2 "a step of 0" "$PARLEY" fingerprint tft --step 0
expect_err_has "--step" "a bad step names the flag"
expect_exit 2 "zero repetitions" "$PARLEY" fingerprint tft --repetitions 0
expect_err_has "--repetitions" "zero repetitions names the flag"

# what is known without sampling: at (0, 0) the probe is tit for tat itself (3 a turn), at (1, 0) it
# always cooperates (3), at (0, 1) it always defects (tit for tat: 49 of 50 turns at 1), at (1, 1) it
# is the dual of tit for tat, the opposite of its move (tit for tat cycles 0, 1, 5, 3: 109/50)
expect_exit 0 "tit for tat's fingerprint" "$R" fingerprint tft --step 0.25 --repetitions 4000 --seed 2 --out "$TMP/fp"
check "the corners are exact" awk -F, '($1 == 0 && $2 == 0 && $3 != 3) || ($1 == 1 && $2 == 0 && $3 != 3) ||
  ($1 == 1 && $2 == 1 && $3 != 2.18) || ($1 == 0 && $2 == 1 && $3 != 0.98) { bad = 1 } END { exit bad || NR != 26 }' "$TMP/fp/fingerprint.csv"
check "report.html draws the heat map" grep -q 'data-kind="heatmap"' "$TMP/fp/report.html"
check "results.json holds 5 rows of scores" grep -q '"side": 5' "$TMP/fp/results.json"

# agreement with the reference: the reference's 200 repetitions a point against parley's 4000; two
# parley runs of 200 repetitions differ by at most 0.034 over these 25 points, so 0.06 is about
# five standard errors of the reference's mean
maxdiff() { # $1 parley's fingerprint.csv: the largest |difference| over the reference's points (1 if one is missing)
  awk -F, 'FILENAME == ARGV[1] { if ($0 !~ /^#/ && $1 ~ /^[0-9.]+$/) r[$1 + 0, $2 + 0] = $3; next }
    FNR > 1 { k = 0; if (($1 + 0, $2 + 0) in r) { d = $3 - r[$1 + 0, $2 + 0]; if (d < 0) d = -d } else d = 1; if (d > m) m = d; n++ }
    END { printf "%.4f", n == 25 ? m + 0 : 1 }' "$ref" "$1"
}
check "the reference's fingerprint is there" [ -s "$ref" ]
d=$(maxdiff "$TMP/fp/fingerprint.csv" 2>/dev/null); d=${d:-1}
check "every point agrees with the reference's within 0.06 (largest difference $d)" awk -v d="$d" 'BEGIN { exit !(d < 0.06) }'
"$R" fingerprint wsls --step 0.25 --repetitions 4000 --seed 2 --out "$TMP/wsls" >/dev/null 2>&1
d=$(maxdiff "$TMP/wsls/fingerprint.csv" 2>/dev/null); d=${d:-0}
check "the comparison tells another strategy apart (win-stay lose-shift: largest difference $d)" awk -v d="$d" 'BEGIN { exit !(d > 0.3) }'

# the same bytes whatever the thread count
"$PARLEY" fingerprint gtft --step 0.2 --repetitions 30 --seed 5 --threads 1 --out "$TMP/t1" >"$TMP/t1.txt" 2>/dev/null
"$PARLEY" fingerprint gtft --step 0.2 --repetitions 30 --seed 5 --threads 2 --out "$TMP/t2" >"$TMP/t2.txt" 2>/dev/null
check "the same files at 1 and 2 threads" diff -r "$TMP/t1" "$TMP/t2"
check "the same summary at 1 and 2 threads" cmp -s "$TMP/t1.txt" "$TMP/t2.txt"
echo "1..$tap_n"
