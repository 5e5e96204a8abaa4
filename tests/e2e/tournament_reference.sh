# SPDX-License-Identifier: MIT
# tournament_reference.sh — `parley tournament`'s summary.csv and results.json against the
# reference library's (Axelrod-Python 4.13) for the same tournaments: every summary column and
# the result set to the bit for deterministic players (one tournament with exact ties), within a
# stated tolerance for stochastic ones.  The reference's files are in
# tests/resources/tournament-reference/, made by tools/reference_tournaments.py (see there);
# compare_tournament.py says how each column is defined.
. "$(dirname "$0")/../tap.sh"
REF=$RESOURCES/tournament-reference
CMP="python3 $(dirname "$0")/compare_tournament.py"
play() { # NAME [extra flags]: the tournament of NAME/spec.txt into $TMP/NAME
  local name=$1; shift
  mapfile -t flags <"$REF/$name/spec.txt"
  "$PARLEY" tournament "${flags[@]}" "$@" --out "$TMP/$name" >/dev/null 2>"$TMP/$name.err"
}
play deterministic --threads 2
check "12 deterministic players, 50 turns, 2 repetitions: every summary column and the result set as the reference's" \
  $CMP "$TMP/deterministic" "$REF/deterministic" exact
play ties
check "exact ties (two Defectors, two Grudgers, two Cooperators) ranked in player order as the reference ranks them" \
  $CMP "$TMP/ties" "$REF/ties" exact
check "players with equal medians stay in the order they were listed (three groups of ties)" \
  python3 -c "
import json; d=json.load(open('$TMP/ties/results.json')); rk=d['ranking']; m={r['index']: r['median_score'] for r in d['ranked']}
groups=sum(1 for a, b in zip(rk, rk[1:]) if m[a] == m[b])
assert groups >= 3 and all(a < b for a, b in zip(rk, rk[1:]) if m[a] == m[b]), rk"
# Stochastic players: the streams differ, so numbers agree in distribution.  Tolerance 0.05: the
# widest sampling error is Initial_C_rate of Random: 0.5, a share over 1,000 matches (standard
# error 0.016), so 0.05 is 3 standard errors; the scores are medians over 200 repetitions
# (standard errors below 0.01).  Wins, a median of whole counts, within 1.
for seed in 1 2; do
  play stochastic --seed $seed
  check "stochastic players (seed $seed, 200 repetitions): every summary column within 0.05 of the reference's" \
    $CMP "$TMP/stochastic" "$REF/stochastic" 0.05
done
# The comparison can fail: a summary with a changed number is caught.
awk -F, -v OFS=, 'NR == 2 { $14 = 0.123 } 1' "$TMP/deterministic/summary.csv" >"$TMP/changed.csv"
mkdir -p "$TMP/changed" && cp "$TMP/deterministic/results.json" "$TMP/changed/" && cp "$TMP/changed.csv" "$TMP/changed/summary.csv"
check "a changed DD_to_C_rate is caught" bash -c "! $CMP '$TMP/changed' '$REF/deterministic' exact >/dev/null"
# Spatial tournaments: only the listed pairs play (--edges), as the reference's Tournament(edges=...).
play spatial
check "a spatial tournament (6 players, 7 edges): every summary column and the result set as the reference's" \
  $CMP "$TMP/spatial" "$REF/spatial" exact
check "results.json records the edges" python3 -c "import json; assert json.load(open('$TMP/spatial/results.json'))['parameters']['edges'][6] == [0, 3]"
expect_exit 2 "an edge naming a player not listed" "$PARLEY" tournament --players tft,defector --edges 0-2
expect_err_has "--edges: pair 1 names player 2" "the bad edge is named"
expect_exit 2 "an edge without its dash" "$PARLEY" tournament --players tft,defector --edges 0-1,12
expect_err_has "at character 7 of '0-1,12': expected '-'" "the position in the flag's value is named"
expect_exit 2 "an empty edge list" "$PARLEY" tournament --players tft,defector --edges ''
expect_err_has "--edges" "the empty list names the flag"
expect_exit 2 "an edge index beyond any tournament's size" "$PARLEY" tournament --players tft,defector --edges 0-99999999999999999999
expect_err_has "at character 3 of '0-99999999999999999999': player index too large" "the too-large index is located"
expect_exit 2 "pairs separated by ';'" "$PARLEY" tournament --players tft,defector --edges '0-1;1-0'
expect_err_has "at character 4 of '0-1;1-0': expected ',' before the next pair" "the wrong separator is located"
expect_exit 2 "an edge starting with a name, not an index" "$PARLEY" tournament --players tft,defector --edges tft-1
expect_err_has "at character 1 of 'tft-1': expected a player index" "the non-index is located"
expect_exit 2 "a trailing comma in the edge list" "$PARLEY" tournament --players tft,defector --edges 0-1,
expect_err_has "at character 5 of '0-1,': expected a player index" "the missing pair after the comma is located"
expect_exit 2 "a pair listed twice" "$PARLEY" tournament --players tft,defector,cooperator --edges 0-1,2-0,1-0
expect_err_has "the pair 0-1 is listed twice" "the repeated pair is named"
"$PARLEY" tournament --players tft,defector,cooperator,grudger --edges 0-1,1-2,2-3 --noise 0.1 --seed 4 --threads 1 --out "$TMP/e1" >/dev/null 2>&1
"$PARLEY" tournament --players tft,defector,cooperator,grudger --edges 0-1,1-2,2-3 --noise 0.1 --seed 4 --threads 2 --out "$TMP/e2" >/dev/null 2>&1
check "a noisy spatial tournament is byte-identical with 1 and 2 threads" cmp -s "$TMP/e1/results.json" "$TMP/e2/results.json"
"$PARLEY" tournament --players tft,defector,cooperator,grudger,alternator --edges 0-1,1-2,2-3 --repetitions 3 --out "$TMP/e3" >/dev/null 2>&1
check "a player met by no edge is listed with normalised scores of 0 (the reference's), the others over the opponents met" python3 -c "
import json; d=json.load(open('$TMP/e3/results.json')); assert d['matches'] == 9, d['matches']
assert d['normalised_scores'][4] == [0.0, 0.0, 0.0], d['normalised_scores'][4]
assert d['normalised_scores'][0] == [d['payoff_matrix'][0][1]] * 3"
