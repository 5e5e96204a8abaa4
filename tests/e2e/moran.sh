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
check "the exact value of the neutral mutant is 1/N (to rounding)" awk -F, '$1 == "Tit For Tat" { found = 1; d = $7 - 0.1; if (d < 0) d = -d; exit !($2 == 1 && d < 1e-12) } END { if (!found) exit 1 }' "$TMP/neutral/fixation.csv"
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
# the replicator-mutator equation with per-type rates or a matrix: tit for tat and cooperators are
# neutral without noise (3 a turn each), so with one-way rates u = 0.1, v = 0.05 the shares settle
# where v (1 - x) = u x, at x = v / (u + v) = 1/3 whatever the start
out=$("$PARLEY" moran --players tft,cooperator --counts 9,1 --turns 10 --runs 10 --mutation-rates 0.1,0.05 --replicator 200 2>/dev/null)
check "--replicator with --mutation-rates: neutral types settle at v / (u + v) = 1/3" grep -q "^Tit For Tat  0.900000 -> 0.333333$" <<<"$out"
check "... and says it integrates with mutation" grep -q "^replicator dynamics with mutation" <<<"$out"
printf '0.9 0.1\n0.05 0.95\n' >"$TMP/repq.txt"
out=$("$PARLEY" moran --players tft,cooperator --counts 1,9 --turns 10 --runs 10 --mutation-matrix "$TMP/repq.txt" --replicator 200 2>/dev/null)
check "--replicator with --mutation-matrix: the same equilibrium from the other side" grep -q "^Cooperator   0.900000 -> 0.666667$" <<<"$out"
# the one-third law (Nowak, Sasaki, Taylor & Fudenberg 2004) by simulation, not only by the formula:
# under weak selection one tit for tat among 49 defectors fixes more often than 1/N = 0.02 when the
# unstable mix x* of the game lies below 1/3 (4 turns of the usual game: x* = 1/5) and less often
# when it lies above (2 turns of 3,0,4,1: a = 3, b = 0.5, c = 2.5, d = 1, x* = 1/2)
"$R" moran --players tft,defector --counts 1,49 --turns 4 --selection 0.02 --runs 300000 --seed 3 --out "$TMP/third1" >/dev/null 2>&1
check "x* = 1/5 < 1/3: the simulated interval lies above 1/N" awk -F, 'NR == 2 { exit !($5 > 0.02) }' "$TMP/third1/fixation.csv"
"$R" moran --players tft,defector --counts 1,49 --turns 2 --game 3,0,4,1 --selection 0.02 --runs 300000 --seed 3 --out "$TMP/third2" >/dev/null 2>&1
check "x* = 1/2 > 1/3: the simulated interval lies below 1/N" awk -F, 'NR == 2 { exit !($6 < 0.02) }' "$TMP/third2/fixation.csv"

# graphs: on a cycle (isothermal, Lieberman, Hauert & Nowak 2005) constant fitness fixes with the
# well-mixed value; a neutral pair (tit for tat, cooperator) gives fitness 1 to both, so 1/N
"$R" moran --players tft,cooperator --counts 1,11 --turns 10 --graph cycle --runs 20000 --seed 4 --out "$TMP/cyc" >/dev/null 2>&1
check "a neutral mutant on a cycle fixes with 1/N (within the interval)" awk -F, 'NR == 2 { exit !($5 <= 1/12 && 1/12 <= $6) }' "$TMP/cyc/fixation.csv"
check "results.json names the graphs" grep -q '"interaction_graph": "cycle"' "$TMP/cyc/results.json"
printf '# a path of 4\n0 1\n1,2\n2 3\n' >"$TMP/path.txt"
expect_exit 0 "an edge list as the graph" "$PARLEY" moran --players tft,defector --counts 2,2 --turns 5 --graph "$TMP/path.txt" --runs 50
printf '0 1\n1 7\n' >"$TMP/bad.txt"
expect_exit 2 "an edge list naming an individual beyond N" "$PARLEY" moran --players tft,defector --counts 2,2 --graph "$TMP/bad.txt"
expect_err_has "--graph: $TMP/bad.txt:2:3: expected a whole number from 0 to 3, got '7'" "the bad vertex is named with file, line and column"
# directed graphs (--directed): on the directed path 0 -> 1 -> ... -> 9 only the root's offspring
# replace the root, so its type fixes in every run, even all-defect's among tit for tats, and a
# mutant at the end never (one-rooted graphs, Lieberman, Hauert & Nowak 2005); undirected, the same
# path fixes a tit for tat at the end sometimes
printf '0 1\n1 2\n2 3\n3 4\n4 5\n5 6\n6 7\n7 8\n8 9\n' >"$TMP/dpath.txt"
"$PARLEY" moran --players defector,tft --counts 1,9 --turns 10 --graph "$TMP/dpath.txt" --directed --runs 300 --seed 2 --out "$TMP/droot" >/dev/null 2>&1
check "a directed path: the root's type (all-defect) fixes in every run" awk -F, 'NR == 2 { exit !($1 == "Defector" && $3 == 300) }' "$TMP/droot/fixation.csv"
check "results.json says the graphs are directed" grep -q '"directed": true' "$TMP/droot/results.json"
"$PARLEY" moran --players defector,tft --counts 9,1 --turns 10 --graph "$TMP/dpath.txt" --directed --runs 300 --seed 2 --out "$TMP/dsink" >/dev/null 2>&1
check "a directed path: a tit for tat at the end never fixes" awk -F, 'NR == 3 { exit !($1 == "Tit For Tat" && $3 == 0) }' "$TMP/dsink/fixation.csv"
"$PARLEY" moran --players defector,tft --counts 9,1 --turns 10 --graph "$TMP/dpath.txt" --runs 300 --seed 2 --out "$TMP/usink" >/dev/null 2>&1
check "the same path undirected: it fixes sometimes" awk -F, 'NR == 3 { exit !($1 == "Tit For Tat" && $3 > 0 && $3 < 300) }' "$TMP/usink/fixation.csv"
check "results.json of an undirected graph says so" grep -q '"directed": false' "$TMP/usink/results.json"
# a directed cycle (with the loops, isothermal): constant fitness r = 2 (the game 2,2,1,1: a cooperator
# scores 2 against anyone, a defector 1) fixes one cooperator among 9 with (1 - 1/2)/(1 - 1/2^10)
"$R" moran --players cooperator,defector --counts 1,9 --turns 10 --game 2,2,1,1 --graph cycle --directed --runs 20000 --seed 2 --out "$TMP/dcyc" >/dev/null 2>&1
check "a directed cycle fixes constant fitness r = 2 with the well-mixed 0.50049 (within the interval)" \
  awk -F, 'NR == 2 { x = 0.5 / (1 - 1 / 1024); exit !($5 <= x && x <= $6) }' "$TMP/dcyc/fixation.csv"
expect_exit 2 "--directed without a graph" "$PARLEY" moran --players tft,defector --directed
expect_err_has "--directed: expected --graph or --reproduction-graph" "--directed alone is refused, naming the flag"
expect_exit 2 "a directed cycle of 2" "$PARLEY" moran --players tft,defector --counts 1,1 --graph cycle --directed
expect_err_has "a directed cycle needs at least 3 individuals" "a directed cycle of two is refused"
expect_exit 2 "a missing graph file" "$PARLEY" moran --players tft,defector --graph "$TMP/none.txt"
expect_err_has "--graph" "a missing graph names the flag"
# a reproduction graph alone: the run builds the complete interaction graph (and frees it: the
# sanitizer build fails on a leak)
expect_exit 0 "--reproduction-graph without --graph" "$PARLEY" moran --players tft,defector --counts 2,2 --turns 5 --reproduction-graph cycle --runs 50
printf '0 1 2\n' >"$TMP/three.txt"
expect_exit 2 "an edge list with three numbers on a line" "$PARLEY" moran --players tft,defector --counts 2,2 --reproduction-graph "$TMP/three.txt"
expect_err_has "--reproduction-graph: $TMP/three.txt:1:5: more numbers on the line than the 2 expected (an edge list)" "the extra number is named with flag, file, line and column"
printf '# nothing\n\n' >"$TMP/noedges.txt"
expect_exit 2 "an edge list without edges" "$PARLEY" moran --players tft,defector --counts 2,2 --graph "$TMP/noedges.txt"
expect_err_has "--graph: $TMP/noedges.txt: no edges" "an empty edge list is explained"
printf '1 0\n0.5\n' >"$TMP/shortm.txt"
expect_exit 2 "a mutation matrix with a short row" "$PARLEY" moran --players tft,defector --mutation-matrix "$TMP/shortm.txt"
expect_err_has "--mutation-matrix: $TMP/shortm.txt:2:4: 1 numbers on the line; expected 2" "the short row is named with file, line and column"
# the same bytes at any thread count, on a graph with random outcomes
"$PARLEY" moran --players wsls,tft --counts 3,6 --noise 0.05 --turns 20 --samples 10 --graph star --mode db --runs 200 --seed 8 --threads 1 --out "$TMP/g1" >"$TMP/g1.txt" 2>/dev/null
"$PARLEY" moran --players wsls,tft --counts 3,6 --noise 0.05 --turns 20 --samples 10 --graph star --mode db --runs 200 --seed 8 --threads 2 --out "$TMP/g2" >"$TMP/g2.txt" 2>/dev/null
check "a graph's results are the same at 1 and 2 threads" diff -r "$TMP/g1" "$TMP/g2"

# mutation by per-type rates and by matrix
expect_exit 0 "per-type mutation rates" "$PARLEY" moran --players tft,defector,cooperator --counts 4,4,4 --mutation-rates 0.01,0,0.05 --generations 300 --turns 10 --out "$TMP/rates"
check "rates: shares.csv has the start and 300 generations" [ "$(wc -l <"$TMP/rates/shares.csv")" -eq 302 ]
printf '0 1\n0 1\n' >"$TMP/oneway.txt"
expect_exit 0 "a one-way mutation matrix" "$PARLEY" moran --players tft,defector --counts 6,2 --mutation-matrix "$TMP/oneway.txt" --generations 400 --turns 10 --out "$TMP/oneway"
check "a one-way matrix only ever lowers the first type" awk -F, 'NR > 2 && $2 > prev { bad = 1 } NR > 1 { prev = $2 } END { exit bad || prev != 0 }' "$TMP/oneway/shares.csv"
printf '0.9 0.2\n0 1\n' >"$TMP/badm.txt"
expect_exit 2 "a matrix row that does not sum to 1" "$PARLEY" moran --players tft,defector --mutation-matrix "$TMP/badm.txt"
expect_err_has "--mutation-matrix: $TMP/badm.txt: row 1 sums to 1.1" "the row is named"
expect_exit 2 "--mutation with --mutation-rates" "$PARLEY" moran --players tft,defector --mutation 0.1 --mutation-rates 0.1,0.1
expect_err_has "give one way of mutation" "two ways of mutation are refused"
expect_exit 2 "too few rates" "$PARLEY" moran --players tft,defector --mutation-rates 0.1
expect_err_has "--mutation-rates: expected 2 rates" "too few rates are explained"
# exponential fitness: the exact column follows the mapping
out=$("$R" moran --players tft,defector --counts 1,9 --turns 10 --fitness exp --selection 0.5 --runs 20000 --seed 2 --out "$TMP/exp" 2>/dev/null)
exact=$(awk 'BEGIN { a = 3; b = 0.9; c = 1.4; d = 1; N = 10; w = 0.5; s = 1; p = 1
  for (i = 1; i < N; i++) { f = exp(w * (a * (i - 1) + b * (N - i)) / (N - 1)); g = exp(w * (c * i + d * (N - i - 1)) / (N - 1)); p *= g / f; s += p }
  printf "%.6f", 1 / s }')
check "exponential fitness: the exact column is the chain under exp(w x payoff) ($exact)" grep -q "Tit For Tat .* $exact\$" <<<"$out"
check "exponential fitness: the exact value lies in the simulated interval" awk -F, -v x="$exact" 'NR == 2 { exit !($5 <= x && x <= $6) }' "$TMP/exp/fixation.csv"
expect_exit 2 "an unknown fitness mapping" "$PARLEY" moran --players tft,defector --fitness square
expect_err_has "--fitness: expected 'linear' or 'exp'" "a bad mapping names the flag and the choices"
# invasion analysis: who invades whom from the payoffs (10 turns), and the finite-population chance
expect_exit 0 "--invasion" "$R" moran --players tft,defector,cooperator --counts 5,5,5 --turns 10 --runs 10 --invasion --out "$TMP/inv"
check "a defector invades cooperators" grep -q '^Cooperator,Defector,5,3,1,' "$TMP/inv/invasion.csv"
check "a defector does not invade tit for tat (1.4 < 3)" grep -q '^Tit For Tat,Defector,1.4,3,0,' "$TMP/inv/invasion.csv"
check "tit for tat does not invade defectors in an infinite population, yet one of 15 is favoured (N rho > 1)" \
  awk -F, '$1 == "Defector" && $2 == "Tit For Tat" { found = 1; exit !($5 == 0 && $7 > 1) } END { if (!found) exit 1 }' "$TMP/inv/invasion.csv"
check "invasion.csv has every ordered pair" [ "$(wc -l <"$TMP/inv/invasion.csv")" -eq 7 ]
# a grid of fixation estimates over population size and noise in one command
expect_exit 0 "--grid-sizes with --grid-noise" "$R" moran --players tft,defector --grid-sizes 5,10,20 --grid-noise 0,0.05 --turns 10 \
  --runs 20000 --seed 6 --out "$TMP/grid"
check "grid.csv has every cell" [ "$(wc -l <"$TMP/grid/grid.csv")" -eq 7 ]
check "without noise every cell's exact value lies in its interval" \
  awk -F, 'NR > 1 && $2 == 0 { n++; if (!($4 <= $6 && $6 <= $5)) bad = 1 } END { exit bad || n != 3 }' "$TMP/grid/grid.csv"
check "with noise there is no exact value" awk -F, 'NR > 1 && $2 == 0.05 && $6 != "" { bad = 1 } END { exit bad }' "$TMP/grid/grid.csv"
check "the report draws the grid as a heat map" grep -q 'data-kind="heatmap"' "$TMP/grid/report.html"
for t in 1 2; do
  "$PARLEY" moran --players wsls,tft --grid-sizes 4,6 --grid-noise 0,0.1 --turns 10 --samples 10 --runs 200 --seed 2 --threads $t \
    --out "$TMP/gt$t" >"$TMP/gt$t.txt" 2>/dev/null
done
check "a grid's files are the same at 1 and 2 threads" diff -r "$TMP/gt1" "$TMP/gt2"
expect_exit 2 "a grid of three players" "$PARLEY" moran --players tft,defector,wsls --grid-sizes 5
expect_err_has "--grid-sizes: expected two players" "a grid needs two players"
expect_exit 2 "a bad grid size" "$PARLEY" moran --players tft,defector --grid-sizes 5,x
expect_err_has "--grid-sizes: value 2: expected a whole number, got 'x'" "the bad size is named with its place"
expect_exit 2 "a grid with --counts" "$PARLEY" moran --players tft,defector --grid-sizes 5 --counts 1,4
expect_err_has "takes no --counts" "a grid refuses --counts"
expect_exit 2 "--grid-noise alone" "$PARLEY" moran --players tft,defector --grid-noise 0.1
expect_err_has "--grid-noise needs --grid-sizes" "--grid-noise alone is explained"
expect_exit 2 "a noise level above 1 in the grid" "$PARLEY" moran --players tft,defector --grid-sizes 5 --grid-noise 0,2
expect_err_has "--grid-noise: value 2: expected a number from 0 to 1, got '2'" "the bad noise level is named with its place"
# the game as an axis (--grid-game, repeated): every cell of each game is that game's process — its
# exact value is the one a single population of that game gives, and lies in the cell's interval
expect_exit 0 "--grid-sizes over two games" "$R" moran --players tft,defector --grid-sizes 5,10 --grid-noise 0,0.05 \
  --grid-game 3,0,5,1 --grid-game 3,0,4,1 --turns 4 --runs 20000 --seed 6 --out "$TMP/ggrid"
check "grid.csv has a row for every game, size and noise level" [ "$(wc -l <"$TMP/ggrid/grid.csv")" -eq 9 ]
"$PARLEY" moran --players tft,defector --counts 1,9 --game 3,0,4,1 --turns 4 --runs 10 --out "$TMP/g341" >/dev/null 2>&1
x=$(awk -F, 'NR == 2 { print $7 }' "$TMP/g341/fixation.csv")
check "the game 3,0,4,1 at N = 10 has the exact value of that game's population ($x)" \
  awk -F, -v x="$x" '$1 == 10 && $2 == 0 && $0 ~ /"3,0,4,1"$/ { n++; if ($6 != x) bad = 1 } END { exit bad || n != 1 || x == "" }' "$TMP/ggrid/grid.csv"
check "without noise every game's exact value is within four standard errors of its estimate" \
  awk -F, 'NR > 1 && $2 == 0 { n++; d = $3 - $6; if (d < 0) d = -d; if (d > 4 * sqrt($6 * (1 - $6) / 20000)) bad = 1 }
    END { exit bad || n != 4 }' "$TMP/ggrid/grid.csv"
check "the games differ: 3,0,4,1 favours the tit for tat mutant more at N = 10" \
  awk -F, '$1 == 10 && $2 == 0 { e[$(NF - 1)] = $6 } END { exit !(e[4] > e[5] && e[5] > 0) }' "$TMP/ggrid/grid.csv"
check "the report draws size x noise for each game and size x game for each noise level" \
  [ "$(grep -o 'data-kind="heatmap"' "$TMP/ggrid/report.html" | wc -l)" -eq 4 ]
for t in 1 2; do
  "$PARLEY" moran --players wsls,tft --grid-sizes 4,6 --grid-noise 0.1 --grid-game 3,0,5,1 --grid-game 4,0,5,1 --turns 10 \
    --samples 10 --runs 200 --seed 2 --threads $t --out "$TMP/gg$t" >"$TMP/gg$t.txt" 2>/dev/null
done
check "a grid over games: the same files at 1 and 2 threads" diff -r "$TMP/gg1" "$TMP/gg2"
check "... and the same table" cmp -s "$TMP/gg1.txt" "$TMP/gg2.txt"
expect_exit 2 "--grid-game alone" "$PARLEY" moran --players tft,defector --grid-game 3,0,5,1
expect_err_has "--grid-game needs --grid-sizes" "--grid-game alone is explained"
expect_exit 2 "a bad game in the grid" "$PARLEY" moran --players tft,defector --grid-sizes 5 --grid-game 3,0,5,1 --grid-game 3,0,5
expect_err_has "--grid-game (2): expected four numbers R,S,T,P" "the bad game is named with its place"
# mutation as an axis (--grid-mutation): every cell is the mutant type's mean share over runs of G
# generations.  Tit for tat and cooperators are neutral without noise, and with rate u the expected
# share moves as x' = x + u (1 - 2x) / N, so from 1/N its mean over generations 0 .. G is
# 1/2 + (1/N - 1/2) (1 - a^(G+1)) / ((1 - a)(G + 1)), a = 1 - 2u/N: every cell within four standard errors
expect_exit 0 "--grid-sizes over mutation rates" "$R" moran --players tft,cooperator --grid-sizes 10,20 \
  --grid-mutation 0.01,0.1 --turns 10 --runs 4000 --generations 100 --seed 4 --out "$TMP/gmut"
check "grid.csv of an abundance grid has its header and every cell" \
  eval '[ "$(head -1 "$TMP/gmut/grid.csv")" = "N,noise,mutation,share,lo95,hi95,generations,game" ] && [ "$(wc -l <"$TMP/gmut/grid.csv")" -eq 5 ]'
check "a neutral mutant's mean share is the closed form in every cell" \
  awk -F, 'NR > 1 { N = $1; u = $3; G = $7; a = 1 - 2 * u / N; x = 0.5 + (1 / N - 0.5) * (1 - a ^ (G + 1)) / ((1 - a) * (G + 1))
    se = ($6 - $5) / (2 * 1.96); d = $4 - x; if (d < 0) d = -d; n++; if (!(se > 0 && d < 4 * se)) bad = 1 } END { exit bad || n != 4 }' "$TMP/gmut/grid.csv"
check "the report draws size x noise and size x mutation" [ "$(grep -o 'data-kind="heatmap"' "$TMP/gmut/report.html" | wc -l)" -eq 3 ]
for t in 1 2; do
  "$PARLEY" moran --players wsls,tft --grid-sizes 4,6 --grid-noise 0.1 --grid-mutation 0.05 --turns 10 --samples 10 --runs 100 \
    --generations 50 --seed 2 --threads $t --out "$TMP/gm$t" >"$TMP/gm$t.txt" 2>/dev/null
done
check "an abundance grid: the same files at 1 and 2 threads" diff -r "$TMP/gm1" "$TMP/gm2"
check "... and the same table" cmp -s "$TMP/gm1.txt" "$TMP/gm2.txt"
expect_exit 2 "--grid-mutation alone" "$PARLEY" moran --players tft,defector --grid-mutation 0.1
expect_err_has "--grid-mutation needs --grid-sizes" "--grid-mutation alone is explained"
expect_exit 2 "a mutation rate of 0 in the grid" "$PARLEY" moran --players tft,defector --grid-sizes 5 --grid-mutation 0.1,0
expect_err_has "--grid-mutation: value 2: expected a rate above 0" "a rate of 0 is refused with its place"
expect_exit 2 "a mutation rate above 1 in the grid" "$PARLEY" moran --players tft,defector --grid-sizes 5 --grid-mutation 1.5
expect_err_has "--grid-mutation: value 1:" "a rate above 1 is named with its place"
echo "1..$tap_n"
