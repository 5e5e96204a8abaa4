# SPDX-License-Identifier: MIT
# moran.sh — `parley moran`: fixation frequencies beside the exact values (1/N, Nowak's formula),
# the same bytes at any thread count, the result files, and the rules for bad input on its flags.
. "$(dirname "$0")/../tap.sh"
R=${PARLEY_RELEASE:-$PARLEY}

expect_exit 0 "moran --help" "$PARLEY" moran --help
out=$("$PARLEY" moran --help)
check "the help teaches the flags and shows examples" grep -q -- "--counts C,...*Examples" <<<"$(tr '\n' ' ' <<<"$out")"

# bad input: exit 2, the flag named
expect_exit 2 "no players" "$PARLEY" moran
expect_err_has "--players" "no players names the flag"
expect_exit 2 "an unknown strategy" "$PARLEY" moran --players tft,defectr
expect_err_has "--players" "an unknown strategy names the flag"
expect_exit 2 "fewer counts than players" "$PARLEY" moran --players tft,defector --counts 3
expect_err_has "--counts: 1 counts given for 2 players" "too few counts are counted"
expect_exit 2 "more counts than players" "$PARLEY" moran --players tft,defector --counts 3,4,5
expect_err_has "--counts: more counts" "too many counts are named"
expect_exit 2 "a count that is not a number" "$PARLEY" moran --players tft,defector --counts 3,x
expect_err_has "--counts: count 2 of 2: expected a whole number, got 'x'" "a bad count is named with its place"
expect_exit 2 "a negative count" "$PARLEY" moran --players tft,defector --counts -1,4
expect_exit 2 "an unknown mode" "$PARLEY" moran --players tft,defector --mode bdx
expect_err_has "--mode: expected 'bd' or 'db', got 'bdx'" "a bad mode names the flag, the accepted values and the value"
expect_exit 2 "selection 0" "$PARLEY" moran --players tft,defector --selection 0
expect_err_has "--selection" "a bad selection names the flag"
expect_exit 2 "mutation above 1" "$PARLEY" moran --players tft,defector --mutation 1.5
expect_err_has "--mutation" "a bad mutation names the flag"
expect_exit 2 "zero runs" "$PARLEY" moran --players tft,defector --runs 0
expect_err_has "--runs" "zero runs names the flag"
expect_exit 2 "zero samples" "$PARLEY" moran --players tft,defector --samples 0
expect_err_has "--samples" "zero samples names the flag"
expect_exit 2 "a negative thread count" "$PARLEY" moran --players tft,defector --threads -1
expect_err_has "--threads" "a bad thread count names the flag"
expect_exit 2 "a stray argument" "$PARLEY" moran --players tft,defector extra
expect_err_has "unexpected argument 'extra'" "a stray argument is named"
expect_exit 2 "death-birth with two individuals" "$PARLEY" moran --players tft,defector --mode db
expect_err_has "at least 3 individuals" "a population too small for death-birth is explained"
expect_exit 2 "a game that makes fitness negative" "$PARLEY" moran --players tft,defector --game 3,-4,5,1 --turns 1
expect_err_has "negative fitness" "negative fitness is explained"
expect_exit 2 "--out onto a file" "$PARLEY" moran --players tft,defector --out /etc/passwd
expect_exit 0 "weak selection makes that game usable" "$PARLEY" moran --players tft,defector --game 3,-4,5,1 --turns 1 --selection 0.1 --runs 20

# neutral: tit for tat and the cooperator score alike without noise, so one mutant of N fixes with 1/N
expect_exit 0 "a neutral population" "$R" moran --players tft,cooperator --counts 1,9 --turns 20 --runs 20000 --seed 3 --out "$TMP/neutral"
# (the value comes through logarithms and exponentials: 0.10000000000000002, one bit off, now that
# files write every number exactly; 1e-12 is far below any error that matters and far above that)
check "the exact value of the neutral mutant is 1/N" python3 -c "
import csv, sys; r = {x['type']: x for x in csv.DictReader(open('$TMP/neutral/fixation.csv'))}
sys.exit(0 if r['Tit For Tat']['start'] == '1' and abs(float(r['Tit For Tat']['exact']) - 0.1) < 1e-12 else 1)"
check "1/N lies in the simulated 95% interval" awk -F, 'NR == 2 { exit !($5 <= 0.1 && 0.1 <= $6) }' "$TMP/neutral/fixation.csv"

# TFT against ALLD over 10 turns: Nowak's formula, computed here from the payoffs a turn
out=$("$R" moran --players tft,defector --counts 1,9 --turns 10 --runs 50000 --seed 1 --out "$TMP/tft" 2>/dev/null)
nowak=$(awk 'BEGIN { a = 3; b = 0.9; c = 1.4; d = 1; N = 10; s = 1; p = 1
  for (i = 1; i < N; i++) { f = (a * (i - 1) + b * (N - i)) / (N - 1); g = (c * i + d * (N - i - 1)) / (N - 1); p *= g / f; s += p }
  printf "%.6f", 1 / s }')
check "the exact column is Nowak's formula ($nowak)" grep -q "Tit For Tat .* $nowak\$" <<<"$out"
check "Nowak's value lies in the simulated interval" awk -F, -v x="$nowak" 'NR == 2 { exit !($5 <= x && x <= $6) }' "$TMP/tft/fixation.csv"
check "payoffs.csv holds the payoffs a turn" grep -q '^Tit For Tat,3,0.9$' "$TMP/tft/payoffs.csv"
check "shares.csv starts from the counts" grep -q '^0,1,9$' "$TMP/tft/shares.csv"
check "report.html draws the fixation bars and the shares over time" [ "$(grep -o "<svg" "$TMP/tft/report.html" | wc -l)" -eq 2 ]
check "results.json holds the exact value" grep -q '"exact": 0.1695' "$TMP/tft/results.json"

# the same bytes whatever the thread count (random outcomes: noise)
"$PARLEY" moran --players wsls,tft,grudger --counts 2,3,2 --noise 0.05 --turns 30 --samples 20 --runs 300 --seed 8 --threads 1 --out "$TMP/t1" >"$TMP/t1.txt" 2>/dev/null
"$PARLEY" moran --players wsls,tft,grudger --counts 2,3,2 --noise 0.05 --turns 30 --samples 20 --runs 300 --seed 8 --threads 2 --out "$TMP/t2" >"$TMP/t2.txt" 2>/dev/null
check "the summary is the same at 1 and 2 threads" cmp -s "$TMP/t1.txt" "$TMP/t2.txt"
check "the result files are the same at 1 and 2 threads" diff -r "$TMP/t1" "$TMP/t2"
check "a noisy population has no exact value" grep -q '^Win-Stay Lose-Shift,2,[0-9]*,[0-9.e-]*,[0-9.e-]*,[0-9.e-]*,$' "$TMP/t1/fixation.csv"
"$PARLEY" moran --players wsls,tft,grudger --counts 2,3,2 --noise 0.05 --turns 30 --samples 20 --runs 300 --seed 9 >"$TMP/t3.txt" 2>/dev/null
check "another seed, other runs" bash -c '! cmp -s "$1" "$2"' _ "$TMP/t1.txt" "$TMP/t3.txt"

# with mutation nothing fixes: one run of --generations is recorded
expect_exit 0 "a run with mutation" "$PARLEY" moran --players tft,defector,cooperator --counts 4,4,4 --mutation 0.05 --generations 200 --turns 10 --out "$TMP/mut"
check "shares.csv has the start and 200 generations" [ "$(wc -l <"$TMP/mut/shares.csv")" -eq 202 ]
check "every generation counts 12 individuals" awk -F, 'NR > 1 && $2 + $3 + $4 != 12 { bad = 1 } END { exit bad }' "$TMP/mut/shares.csv"
check "no fixation.csv with mutation" [ ! -e "$TMP/mut/fixation.csv" ]
# replicator dynamics: TFT against ALLD over 10 turns is bistable with the unstable mix at 0.1/1.7
out=$("$PARLEY" moran --players tft,defector --counts 1,1 --turns 10 --runs 10 --replicator 50 2>/dev/null)
check "from half and half the replicator equation goes to all tit for tat" grep -q "^Tit For Tat  0.500000 -> 1.000000$" <<<"$out"
out=$("$PARLEY" moran --players tft,defector --counts 1,99 --turns 10 --runs 10 --replicator 300 2>/dev/null)
check "from 1 in 100 (below the unstable mix) it goes to all defectors" grep -q "^Defector     0.990000 -> 1.000000$" <<<"$out"
expect_exit 2 "a replicator time of 0" "$PARLEY" moran --players tft,defector --replicator 0
expect_err_has "--replicator" "a bad replicator time names the flag"
echo "1..$tap_n"
