#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# moran_reference.sh — parley's Moran process agrees with Axelrod-Python's: for each population of
# tests/resources/moran_reference.csv (fixation counts of the reference library, made by
# tools/moran_reference.py), parley runs the same population and every type's fixation frequency
# must agree with the reference's by a two-proportion z-test (|z| < 3.89, two-sided 1e-4 a type,
# so that a dozen comparisons of a correct process fail together less than once in 800 runs).
# The test also shows the comparison has power: a different fitness rule is rejected.
. "$(dirname "$0")/../tap.sh"
R=${PARLEY_RELEASE:-$PARLEY}
ref=${RESOURCES:-$(dirname "$0")/../resources}/moran_reference.csv
RUNS=${MORAN_REF_RUNS:-50000}

check "the reference counts are there" [ -s "$ref" ]

# z-test of each type: reference fixed/runs against parley's fixation.csv; prints "type z" lines
ztest() { # $1 population name, $2 parley's fixation.csv, $3 parley's runs
  awk -F, -v pop="$1" -v runs="$3" '
    FILENAME == ARGV[1] { if ($1 == pop) { fixed[$9] = $10; n[$9] = $8 }; next }
    FNR > 1 && ($1 in fixed) {
      p1 = fixed[$1] / n[$1]; p2 = $3 / runs
      p = (fixed[$1] + $3) / (n[$1] + runs)
      se = sqrt(p * (1 - p) * (1 / n[$1] + 1 / runs))
      z = se > 0 ? (p1 - p2) / se : (p1 == p2 ? 0 : 99)
      printf "%s %.3f %.4f %.4f\n", $1, z, p1, p2; seen++
    }
    END { if (seen != length(fixed)) print "missing-type 99" }' "$ref" "$2"
}

pops=$(grep -v '^#' "$ref" | awk -F, 'NR > 1 { print $1 }' | sort -u)
check "the reference covers three populations" [ "$(wc -w <<<"$pops")" -eq 3 ]
for pop in $pops; do
  row=$(grep "^$pop," "$ref" | head -1)
  IFS=, read -r _ _ players counts turns noise samples _ <<<"$row"
  args=(--players "${players//:/,}" --counts "${counts//:/,}" --turns "$turns" --noise "$noise" --samples "$samples")
  if ! "$R" moran "${args[@]}" --runs "$RUNS" --seed 5 --out "$TMP/$pop" >/dev/null 2>&1; then
    not_ok "$pop: parley moran failed"; continue
  fi
  res=$(ztest "$pop" "$TMP/$pop/fixation.csv" "$RUNS")
  check "$pop: every type's fixation frequency agrees with the reference's (type z p_ref p_parley: $(tr '\n' ';' <<<"$res"))" \
    awk '{ z = $(NF - 2); if (z > 3.89 || z < -3.89) bad = 1 } END { exit bad || NR == 0 }' <<<"$res"
done

# power: the same comparison must reject a different rule, here fitness under weaker selection
# (w = 0.2: fitness 0.8 + 0.2 x payoff, where the reference's is the payoff itself), which lets the
# cooperators fix about twice as often among tit for tat and defectors
"$R" moran --players tft,defector,cooperator --counts 3,3,4 --turns 10 --selection 0.2 --runs "$RUNS" --seed 5 \
  --out "$TMP/weak" >/dev/null 2>&1
res=$(ztest tft-alld-coop "$TMP/weak/fixation.csv" "$RUNS")
check "the comparison rejects a different rule (selection 0.2 against the reference's payoff-proportional fitness: $(tr '\n' ';' <<<"$res"))" \
  awk '{ z = $(NF - 2); if (z > 3.89 || z < -3.89) bad = 1 } END { exit !bad }' <<<"$res"
echo "1..$tap_n"
