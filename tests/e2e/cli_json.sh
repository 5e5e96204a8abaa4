# SPDX-License-Identifier: MIT
# cli_json.sh — `--json` on every command that prints results (issue 15, docs/json.md): standard
# output holds one JSON document and nothing else (a real parser reads it whole: python3's json,
# jq), progress and timings stay on standard error, the document is the set's own JSON file (the
# same bytes --out writes), the same seed gives the same bytes whatever --threads, no temporary
# is left behind, and an error leaves standard output empty.
. "$(dirname "$0")/../tap.sh"
SIX=scenarios/korea/six-party-2007.yaml
export TMPDIR=$TMP/tmpdir
mkdir -p "$TMPDIR"

# parses FILE with python3's json module (the whole file: trailing text fails it)
parses() { python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; }
# jqt FILE EXPR: jq -e, the expression must hold
jqt() { jq -e "$2" "$1" >/dev/null 2>&1; }

"$PARLEY" tournament -p tft,grudger,defector -t 20 -r 2 -s 3 -j 1 --json >"$TMP/t.json" 2>"$TMP/t.err"
check "tournament --json: exit 0, standard output parses as one JSON document" eval '[ $? -eq 0 ] && parses "$TMP/t.json"'
check "... its players ranked, the parameters given" \
  jqt "$TMP/t.json" '(.ranked | length) == 3 and .parameters.turns == 20 and .parameters.repetitions == 2 and .parameters.seed == 3'
check "... the timing line went to standard error" grep -q "matches, .* turns in" "$TMP/t.err"
check "... no table on standard output" bash -c "! grep -q 'Tit For Tat  ' '$TMP/t.json'"
"$PARLEY" tournament -p tft,grudger,defector -t 20 -r 2 -s 3 -j 2 --out "$TMP/tset" >/dev/null 2>&1
check "tournament --json is the results.json --out writes (and the same at 1 and 2 threads)" cmp -s "$TMP/t.json" "$TMP/tset/results.json"
"$PARLEY" tournament -p tft,grudger,defector -t 20 -r 2 -s 3 --json --out "$TMP/tboth" >"$TMP/tboth.json" 2>/dev/null
check "--json with --out: the document on standard output and the set in DIR" \
  eval 'cmp -s "$TMP/tboth.json" "$TMP/t.json" && [ -f "$TMP/tboth/summary.csv" ]'

"$PARLEY" run "$SIX" -r 200 -s 5 --json >"$TMP/r.json" 2>"$TMP/r.err"
check "run AGREEMENT --json: one document" parses "$TMP/r.json"
check "... kind, runs and seed as asked, every variant" \
  jqt "$TMP/r.json" '.kind == "agreement" and .runs == 200 and .seed == 5 and (.variants | length) > 0'
check "... the runs' timing line on standard error, a run of each of the 4 designs counted" grep -q "parley run: 800 runs of a design or profile in" "$TMP/r.err"
"$PARLEY" run scenarios/korea/drills-and-launches.yaml -r 30 --json >"$TMP/n.json" 2>/dev/null
check "run NPARTY --json: one document of kind nparty" eval 'parses "$TMP/n.json" && jqt "$TMP/n.json" ".kind == \"nparty\" and .runs == 30"'
"$PARLEY" run scenarios/games/six-player-tournament.yaml --json >"$TMP/g.json" 2>/dev/null
check "run N-PLAYER TOURNAMENT scenario --json: one document with its ranking" eval 'parses "$TMP/g.json" && jqt "$TMP/g.json" "(.tournament.ranking | length) > 1"'

"$PARLEY" moran -p tft,defector --counts 2,3 -t 10 --runs 50 -s 2 --json >"$TMP/m.json" 2>/dev/null
check "moran --json: one document, its two types" eval 'parses "$TMP/m.json" && jqt "$TMP/m.json" "(.types | length) == 2"'
"$PARLEY" fit "$SIX" -r 100 --json >"$TMP/f.json" 2>/dev/null
check "fit --json: one document with the maximum likelihood and the types" \
  eval 'parses "$TMP/f.json" && jqt "$TMP/f.json" ".maximum_likelihood != null and .types != null"'
"$PARLEY" fit "$SIX" -r 100 --compare --json >"$TMP/f2.json" 2>"$TMP/f2.err"; rc=$?
check "fit --compare --json: refused (the comparison is a table), exit 2, standard output empty" \
  eval '[ $rc -eq 2 ] && [ ! -s "$TMP/f2.json" ] && grep -q -- "--compare" "$TMP/f2.err"'
"$PARLEY" design "$SIX" -r 40 --confirm 40 --check-runs 40 --max-designs 10 --top 2 --json >"$TMP/d.json" 2>/dev/null
check "design --json: one document with its candidates and the best design" \
  eval 'parses "$TMP/d.json" && jqt "$TMP/d.json" "(.candidates | length) > 0 and .best != null"'
"$PARLEY" sensitivity "$SIX" -r 100 --bisect 2 --json >"$TMP/s.json" 2>/dev/null
check "sensitivity --json: one document with its baseline and ranges" \
  eval 'parses "$TMP/s.json" && jqt "$TMP/s.json" ".baseline != null and (.ranges | length) > 0"'

PARLEY_DATA=$PWD "$PARLEY" scenarios --json >"$TMP/sc.json" 2>/dev/null
check "scenarios --json: one document listing six-party-2007 with its kind and title" \
  eval 'parses "$TMP/sc.json" && jqt "$TMP/sc.json" "any(.scenarios[]; .name == \"korea/six-party-2007\" and .kind == \"agreement\" and (.title | length) > 0)"'
n_files=$(find scenarios -name '*.yaml' | wc -l)
check "... every shipped scenario ($n_files)" jqt "$TMP/sc.json" "(.scenarios | length) == $n_files"

printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CCC","b_actions":"DDD"}' >"$TMP/bad.jsonl"
"$PARLEY" check-transcripts --json "$RESOURCES/conformance/matches-200-standard.jsonl.gz" >"$TMP/c.json" 2>/dev/null
check "check-transcripts --json: one document, every match checked, none mismatched" \
  eval 'parses "$TMP/c.json" && jqt "$TMP/c.json" ".checked > 10000 and .mismatched == 0 and (.mismatches | length) == 0"'
"$PARLEY" check-transcripts --json "$TMP/bad.jsonl" >"$TMP/c2.json" 2>/dev/null; rc=$?
check "... a mismatch: exit 1, the mismatch inside the document, not on a line of its own" \
  eval '[ $rc -eq 1 ] && parses "$TMP/c2.json" && jqt "$TMP/c2.json" ".mismatched == 1 and (.mismatches[0] | test(\"Tit For Tat\"))"'

"$PARLEY" match tft defector -t 5 --json >"$TMP/ma.json"
check "match --json (already there) parses" parses "$TMP/ma.json"
# every real in the listings is the shortest text that reads back exactly, as in the results files
# (python3's repr is that text): before, match wrote 15 digits and strategies 10 (GTFT's p was 0.3333333333)
shortest() { python3 -c '
import json, re, sys
for line in open(sys.argv[1]):
    for t in re.findall(r"(?<![\w.\x22])-?\d+\.\d+(?:e-?\d+)?", line):
        assert repr(float(t)) == t, t
' "$1"; }
"$PARLEY" match gtft zd_extort_2 --noise 0.05 --expected --json >"$TMP/mx.json"
check "match --expected --json: its reals written shortest and exact (a_score 376.85331124611065)" \
  eval 'parses "$TMP/mx.json" && shortest "$TMP/mx.json" && jqt "$TMP/mx.json" ".expected == true" && grep -q "376.85331124611065" "$TMP/mx.json"'
"$PARLEY" strategies --json >"$TMP/st.jsonl"
check "strategies --json: every parameter written shortest and exact (GTFT's p whole)" \
  eval 'shortest "$TMP/st.jsonl" && grep -q "\"p\":0.33333333333333337" "$TMP/st.jsonl"'

# errors: nothing on standard output
"$PARLEY" run "$TMP/missing.yaml" --json >"$TMP/e.json" 2>/dev/null; rc=$?
check "run MISSING --json: exit 2, standard output empty" eval '[ $rc -eq 2 ] && [ ! -s "$TMP/e.json" ]'
"$PARLEY" tournament -p tft,defector --json --theads 2 >"$TMP/e.json" 2>"$TMP/e.err"; rc=$?
check "tournament --json with a mistyped flag: exit 2, standard output empty, did you mean" \
  eval '[ $rc -eq 2 ] && [ ! -s "$TMP/e.json" ] && grep -q "did you mean" "$TMP/e.err"'
check "no temporary results are left in TMPDIR" [ -z "$(ls -A "$TMPDIR")" ]
for c in tournament run moran fit design sensitivity scenarios check-transcripts; do
  "$PARLEY" "$c" --help >"$TMP/h.txt"
  check "$c --help lists --json" grep -q -- "--json" "$TMP/h.txt"
done
