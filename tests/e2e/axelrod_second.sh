# SPDX-License-Identifier: MIT
# axelrod_second.sh — Axelrod's second tournament can be re-run: the reference's 24
# "Second by ..." entries (Axelrod-Python 4.13, axelrod_second.py) and Tit For Tat, named
# by their reference names in a players file, play a round robin; the results do not
# depend on the number of threads; and every match between two of its deterministic
# entries scores what the reference's own transcript of that match scores
# (tests/resources/conformance/matches-200-standard.jsonl.gz, 200 turns, standard game).
. "$(dirname "$0")/../tap.sh"
f="$RESOURCES/conformance/matches-200-standard.jsonl.gz"
cat >"$TMP/second.txt" <<'EOF'
Second by Appold
Second by Black
Second by Borufsen
Second by Cave
Second by Champion
Second by Colbert
Second by Eatherley
Second by Getzler
Second by Gladstein
Second by GraaskampKatzen
Second by Grofman
Second by Harrington
Second by Kluepfel
Second by Leyvraz
Second by Mikkelson
Second by RichardHufford
Second by Rowsam
Second by Tester
Second by Tideman and Chieruzzi
Second by Tranquilizer
Second by Weiner
Second by White
Second by WmAdams
Second by Yamachi
Tit For Tat
EOF
"$PARLEY" tournament --players @"$TMP/second.txt" --turns 200 --repetitions 4 --seed 11 --threads 1 \
  --out "$TMP/a" >"$TMP/a.txt" 2>&1; rc1=$?
"$PARLEY" tournament --players @"$TMP/second.txt" --turns 200 --repetitions 4 --seed 11 --threads 2 \
  --out "$TMP/b" >/dev/null 2>&1; rc2=$?
check "the 25 entries play (1 thread)" [ "$rc1" -eq 0 ]
check "the 25 entries play (2 threads)" [ "$rc2" -eq 0 ]
check "summary.csv has the 25 entries" [ "$(tail -n +2 "$TMP/a/summary.csv" | wc -l)" -eq 25 ]
for name in Appold Black Cave Champion Eatherley Getzler Harrington Kluepfel Leyvraz Tranquilizer WmAdams; do
  check "Second by $name is ranked" grep -q "Second by $name" "$TMP/a/summary.csv"
done
check "results byte-identical with 1 and 2 threads" cmp -s "$TMP/a/summary.csv" "$TMP/b/summary.csv"
check "payoff matrices byte-identical with 1 and 2 threads" cmp -s "$TMP/a/payoff_matrix.csv" "$TMP/b/payoff_matrix.csv"

# The deterministic entries' matches against each other: the payoff matrix cell (score per
# turn, the same in every repetition) against the reference transcript's a_score / 200.
det="Borufsen Colbert Gladstein GraaskampKatzen Grofman Mikkelson RichardHufford Rowsam Tester White Yamachi Weiner"
header=$(head -n 1 "$TMP/a/payoff_matrix.csv")
col_of() { printf '%s\n' "$header" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
zcat "$f" | grep -F '"a":"Second by' >"$TMP/second.jsonl"
checked=0 differ=0
for a in $det; do
  row=$(grep "^Second by $a," "$TMP/a/payoff_matrix.csv")
  for b in $det; do
    line=$(grep -F "\"a\":\"Second by $a\",\"b\":\"Second by $b\"" "$TMP/second.jsonl" | head -n 1)
    [ -n "$line" ] || continue
    ref=$(printf '%s' "$line" | sed -n 's/.*"a_score":\([-0-9.e]*\).*/\1/p')
    got=$(printf '%s\n' "$row" | cut -d, -f"$(col_of "Second by $b")")
    checked=$((checked + 1))
    awk -v r="$ref" -v g="$got" 'BEGIN { d = r / 200 - g; exit !(d < 0.0005 && d > -0.0005) }' || {
      differ=$((differ + 1)); echo "# Second by $a vs Second by $b: reference $ref / 200, parley $got"; }
  done
done
echo "# deterministic pairs compared with the reference transcripts: $checked, differing: $differ"
# 12 entries: 66 pairs and 12 self-plays, each once in the reference's file
check "the 78 deterministic pairings found in the reference's transcripts" [ "$checked" -eq 78 ]
check "every deterministic pair scores as the reference's transcript" [ "$differ" -eq 0 ]
