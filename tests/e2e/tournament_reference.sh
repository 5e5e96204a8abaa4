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
