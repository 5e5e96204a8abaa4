# SPDX-License-Identifier: MIT
# csv_files.sh — every CSV file parley writes, read with a real CSV parser (Python's csv module):
# a header, then rows with exactly as many fields as the header names (issue 11: variants.csv had
# a 13-column header over 16-column rows, so pandas read p_complete as the mean time).
. "$(dirname "$0")/../tap.sh"

"$PARLEY" run scenarios/korea/six-party-2007.yaml --runs 500 --threads 1 --out "$TMP/agreement" >/dev/null 2>&1
check "an agreement with a record writes its CSV files" [ -s "$TMP/agreement/variants.csv" ]
"$PARLEY" run scenarios/korea/singapore-2018.yaml --runs 300 --threads 1 --out "$TMP/singapore" >/dev/null 2>&1
check "a second agreement writes its CSV files" [ -s "$TMP/singapore/paired.csv" ]
"$PARLEY" run scenarios/korea/drills-and-launches.yaml --runs 100 --threads 1 --out "$TMP/nparty" >/dev/null 2>&1
check "an N-party scenario with a record and events writes its CSV files" [ -s "$TMP/nparty/summary.csv" ]
"$PARLEY" run scenarios/games/six-player-tournament.yaml --runs 1 --threads 1 --out "$TMP/ntournament" >/dev/null 2>&1
check "an N-party tournament writes its CSV files" [ -s "$TMP/ntournament/tournament.csv" ]
"$PARLEY" tournament --players tft,defector,cooperator,grudger --turns 20 --repetitions 2 --threads 1 --out "$TMP/tournament" >/dev/null 2>&1
check "a two-party tournament writes its CSV files" [ -s "$TMP/tournament/summary.csv" ]
"$PARLEY" sensitivity "$RESOURCES/two_step_breakeven.yaml" --runs 500 --threads 1 --sobol 8 --grid 1,2 --grid-steps 3 \
  --out "$TMP/sensitivity" >/dev/null 2>&1
check "parley sensitivity writes its CSV files" [ -s "$TMP/sensitivity/sobol.csv" ]
"$PARLEY" design "$RESOURCES/agreement/design_tiny.yaml" --confirm 500 --threads 1 --out "$TMP/design" >/dev/null 2>&1
check "parley design writes its CSV files" [ -s "$TMP/design/designs.csv" ] && [ -s "$TMP/design/screen.csv" ]

n=0
for f in $(find "$TMP" -name '*.csv' | sort); do
  n=$((n + 1))
  name=${f#"$TMP"/}
  out=$(python3 - "$f" <<'PY'
import csv, sys
with open(sys.argv[1], newline='') as fh:
    rows = list(csv.reader(fh))
if not rows:
    print("empty file"); sys.exit(1)
head = rows[0]
if len(set(head)) != len(head):
    print("duplicate column names: %s" % head); sys.exit(1)
for i, r in enumerate(rows[1:], 2):
    if len(r) != len(head):
        print("line %d has %d fields, the header %d" % (i, len(r), len(head))); sys.exit(1)
PY
)
  check "$name: every row has the header's $(head -1 "$f" | tr ',' '\n' | wc -l | tr -d ' ') columns${out:+ ($out)}" [ -z "$out" ]
done
check "at least 25 CSV files were read" [ "$n" -ge 25 ]
check "variants.csv: the column named p_holds holds the share that held (never above p_complete)" \
  python3 -c "import csv,sys; r=list(csv.DictReader(open('$TMP/agreement/variants.csv'))); sys.exit(0 if r and all(float(x['p_holds']) <= float(x['p_complete']) for x in r) else 1)"
