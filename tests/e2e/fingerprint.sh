#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# fingerprint.sh — `parley fingerprint`: the known corners of tit for tat's fingerprint, agreement
# with the reference's AshlockFingerprint of tit for tat (tests/resources/fingerprint_reference.csv,
# made by tools/fingerprint_reference.py: 200 repetitions a point) within sampling error, the same
# bytes at any thread count, the result files, and the rules for bad input.  The transitive
# fingerprint (--transitive): agreement with the reference's TransitiveFingerprint
# (tests/resources/transitive_reference.csv, made by tools/transitive_reference.py), exactly for a
# deterministic case and within sampling error for a noisy one, the same bytes at any thread count,
# its files and its flags' errors.
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
# is the dual of tit for tat, the opposite of its move (tit for tat cycles 0, 1, 5, 3: 109/50).  The
# file holds the mean as computed, to the last bit (the shortest exact text): the mean of 4000
# repetitions, summed one at a time, is within rounding (about 1e-13) of the fraction, so the check
# allows 1e-9 and no more (a score a turn off by one turn in 50 is off by 0.02 or more)
expect_exit 0 "tit for tat's fingerprint" "$R" fingerprint tft --step 0.25 --repetitions 4000 --seed 2 --out "$TMP/fp"
check "the corners are exact" awk -F, 'function off(v, w) { return v - w > 1e-9 || w - v > 1e-9 }
  ($1 == 0 && $2 == 0 && off($3, 3)) || ($1 == 1 && $2 == 0 && off($3, 3)) ||
  ($1 == 1 && $2 == 1 && off($3, 2.18)) || ($1 == 0 && $2 == 1 && off($3, 0.98)) { bad = 1 } END { exit bad || NR != 26 }' "$TMP/fp/fingerprint.csv"
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

# ---- the transitive fingerprint ----
tref=${RESOURCES:-$(dirname "$0")/../resources}/transitive_reference.csv
check "the reference's transitive fingerprint is there" [ -s "$tref" ]
expect_exit 2 "--opponents without --transitive" "$PARLEY" fingerprint tft --opponents cooperator
expect_err_has "--opponents: only with --transitive" "--opponents alone is refused, naming the flag"
expect_exit 2 "--step with --transitive" "$PARLEY" fingerprint tft --transitive --step 0.1
expect_err_has "--step: only for Ashlock" "--step with --transitive is refused, naming the flag"
expect_exit 2 "an unknown opponent" "$PARLEY" fingerprint tft --transitive --opponents cooperator,tftx
expect_err_has "--opponents: unknown strategy 'tftx'" "an unknown opponent names the flag and the name"
expect_exit 2 "too many moves to keep" "$R" fingerprint tft --transitive --turns 10000000 --repetitions 1000000
expect_err_has "too large" "a fingerprint too large for memory is refused before it is played"

# the deterministic case: win-stay lose-shift against six deterministic opponents, the same rates
# as the reference's at every opponent and turn
expect_exit 0 "a deterministic transitive fingerprint" "$PARLEY" fingerprint wsls --transitive \
  --opponents cooperator,defector,alternator,suspicious_tft,grudger,tft --turns 20 --repetitions 3 --out "$TMP/td"
sametf() { # $1 the case, $2 parley's transitive.csv: how many (opponent, turn) differ from the reference's, or are missing
  awk -F, -v c="$1" 'FILENAME == ARGV[1] { if ($1 == c) r[$2, $3] = $4; next }
    FNR > 1 { n++; if (!(($1, $2) in r) || r[$1, $2] != $3) bad++; seen[$1, $2] = 1 }
    END { for (k in r) if (!(k in seen)) bad++; print (n ? bad + 0 : -1) }' "$tref" "$2"
}
d=$(sametf deterministic "$TMP/td/transitive.csv" 2>/dev/null)
check "every rate equals the reference's (cells that differ: ${d:-none read})" [ "${d:-x}" = 0 ]
check "transitive.csv holds 6 opponents x 20 turns" awk 'END { exit NR != 121 }' "$TMP/td/transitive.csv"
check "report.html draws the heat map" grep -q 'data-kind="heatmap"' "$TMP/td/report.html"
check "results.json says it is transitive" grep -q '"fingerprint": "transitive"' "$TMP/td/results.json"

# the noisy case: tit for tat against the default 50 Random players with 5% noise, 2000 repetitions
# on each side.  Each rate is a share of 2000 matches; a two-proportion z-test at every one of the
# 1000 cells must give |z| < 4.5 (a false alarm somewhere has a chance below 1%)
maxz() { # $1 parley's transitive.csv: the largest |z| against the reference's noisy case (99 if a cell is missing)
  awk -F, 'FILENAME == ARGV[1] { if ($1 == "noisy") { r[$2, $3] = $4; n1 = $5 } next }
    FNR > 1 && !(($1, $2) in r) { m = 99; next }
    FNR > 1 { a = r[$1, $2]; b = $3; p = (a + b) / 2
      if (p > 0 && p < 1) { z = (a - b) / sqrt(p * (1 - p) * (1 / n1 + 1 / 2000)); if (z < 0) z = -z } else z = (a == b ? 0 : 99)
      if (z > m) m = z; k++ }
    END { printf "%.2f", k == 1000 ? m + 0 : 99 }' "$tref" "$1"
}
"$R" fingerprint tft --transitive --turns 20 --repetitions 2000 --noise 0.05 --seed 3 --out "$TMP/tn" >/dev/null 2>&1
z=$(maxz "$TMP/tn/transitive.csv" 2>/dev/null); z=${z:-99}
check "every rate agrees with the reference's, |z| < 4.5 (largest $z)" awk -v z="$z" 'BEGIN { exit !(z < 4.5) }'
"$R" fingerprint wsls --transitive --turns 20 --repetitions 2000 --noise 0.05 --seed 3 --out "$TMP/tw" >/dev/null 2>&1
z=$(maxz "$TMP/tw/transitive.csv" 2>/dev/null); z=${z:-0}
check "the comparison tells another strategy apart (win-stay lose-shift: largest |z| $z)" awk -v z="$z" 'BEGIN { exit !(z > 10) }'

# the same bytes whatever the thread count
"$PARLEY" fingerprint gtft --transitive --opponents random:p=0.3,wsls,alternator --turns 70 --repetitions 40 --noise 0.02 \
  --seed 5 --threads 1 --out "$TMP/tt1" >"$TMP/tt1.txt" 2>/dev/null
"$PARLEY" fingerprint gtft --transitive --opponents random:p=0.3,wsls,alternator --turns 70 --repetitions 40 --noise 0.02 \
  --seed 5 --threads 2 --out "$TMP/tt2" >"$TMP/tt2.txt" 2>/dev/null
check "the transitive fingerprint's files are the same at 1 and 2 threads" diff -r "$TMP/tt1" "$TMP/tt2"
check "and its summary" cmp -s "$TMP/tt1.txt" "$TMP/tt2.txt"
"$PARLEY" fingerprint gtft --transitive --opponents random:p=0.3,wsls,alternator --turns 70 --repetitions 40 --noise 0.02 \
  --seed 5 --threads 2 --json >"$TMP/tt.json" 2>/dev/null
check "--transitive --json prints the results.json --out writes" cmp -s "$TMP/tt.json" "$TMP/tt1/results.json"
check "the summary has a line for each opponent" [ "$(grep -c '^Alternator \|^Win-Stay Lose-Shift \|^random:p=0.3 ' "$TMP/tt1.txt")" = 3 ]
echo "1..$tap_n"
