# SPDX-License-Identifier: MIT
# cli_stdin.sh — "-" is standard input wherever the command reads a file: a scenario
# (`parley run -`, `parley fit -`), a player list (`--players @-`) and transcripts
# (`parley check-transcripts -`, gzipped or plain); what is read is the same as from the file, and
# an error in it is named <stdin> with its line and column.  `parley sensitivity -` and the key
# findings' sensitivity pass of `parley run -` work from the document read once (every point
# evaluates a copy of it), so they give what they give on the file.
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
scn=scenarios/korea/six-party-2007.yaml

# agreed-framework declares no sensitivity ranges: its key findings do not reread the file
plain=scenarios/korea/agreed-framework-1994.yaml
"$PARLEY" run "$plain" --runs 50 >"$TMP/file.txt" 2>/dev/null
"$PARLEY" run - --runs 50 <"$plain" >"$TMP/stdin.txt" 2>/dev/null
check "parley run - reads the scenario from standard input" test -s "$TMP/stdin.txt"
check "parley run - gives what parley run FILE gives" cmp -s "$TMP/file.txt" "$TMP/stdin.txt"
"$PARLEY" run - --runs 50 --out "$TMP/out" <"$scn" >"$TMP/ranges.txt" 2>&1
check "parley run - --out writes its results" test -s "$TMP/out/results.json"
# six-party declares ranges: the key findings' sensitivity pass works on copies of the document
# read once (it was skipped from standard input, and before that failed with "<stdin>: cannot open")
"$PARLEY" run "$scn" --runs 50 >"$TMP/ranges-file.txt" 2>&1
"$PARLEY" run - --runs 50 <"$scn" >"$TMP/ranges-stdin.txt" 2>&1
check "run - with sensitivity ranges computes what the ranking depends on" grep -q "What the ranking of .* depends on" "$TMP/ranges.txt"
check "... and says what run FILE says (names and timings aside)" python3 -c "
import re, sys
def norm(p):
    t = open(p).read().replace('$scn', 'X').replace('<stdin>', 'X')
    return [l for l in t.splitlines() if not re.search(r' in [0-9.]+ ?(ms|s)\\b|runs/s', l)]
sys.exit(0 if norm('$TMP/ranges-file.txt') == norm('$TMP/ranges-stdin.txt') else 1)"

expect_exit 2 "a YAML error on standard input" bash -c "printf 'kind: agreement\nparties: [\n' | '$PARLEY' run -"
expect_err_has "<stdin>:3:1: YAML syntax error" "the error names <stdin>, the line and the column"
expect_exit 2 "an unknown kind on standard input" bash -c "printf 'kind: nosuch\n' | '$PARLEY' run -"
expect_err_has "<stdin>:1:7: unknown scenario kind 'nosuch'" "the unknown kind is at <stdin>:1:7"
expect_exit 2 "empty standard input" bash -c "'$PARLEY' run - </dev/null"
expect_err_has "<stdin>" "the empty input is named <stdin>"

"$PARLEY" fit "$scn" --runs 100 >"$TMP/fit1.txt" 2>/dev/null
"$PARLEY" fit - --runs 100 <"$scn" >"$TMP/fit2.txt" 2>/dev/null
check "parley fit - gives what parley fit FILE gives" bash -c "[ -s '$TMP/fit1.txt' ] && cmp -s '$TMP/fit1.txt' '$TMP/fit2.txt'"

expect_exit 2 "parley sensitivity - on empty standard input" "$PARLEY" sensitivity - </dev/null
expect_err_has "<stdin>" "... names <stdin>"
"$PARLEY" sensitivity "$scn" --runs 200 --bisect 2 --threads 1 >"$TMP/sens1.txt" 2>/dev/null
"$PARLEY" sensitivity - --runs 200 --bisect 2 --threads 1 <"$scn" >"$TMP/sens2.txt" 2>/dev/null
check "parley sensitivity - gives what parley sensitivity FILE gives (the file read once)" \
  bash -c "[ -s '$TMP/sens2.txt' ] && diff <(sed 1d '$TMP/sens1.txt') <(sed 1d '$TMP/sens2.txt')"

printf 'tft\n# a comment\ngrudger\ndefector\n' >"$TMP/players.txt"
"$PARLEY" tournament --players "@$TMP/players.txt" --turns 20 --repetitions 2 --seed 3 >"$TMP/t1.txt" 2>/dev/null
"$PARLEY" tournament --players @- --turns 20 --repetitions 2 --seed 3 <"$TMP/players.txt" >"$TMP/t2.txt" 2>/dev/null
check "--players @- reads the list from standard input" grep -q "Grudger" "$TMP/t2.txt"
check "--players @- gives what --players @FILE gives" cmp -s "$TMP/t1.txt" "$TMP/t2.txt"
expect_exit 2 "an unknown strategy in a list on standard input" bash -c "printf 'tft\nnosuch\n' | '$PARLEY' tournament --players @-"
expect_err_has "--players: <stdin>:2:1: unknown strategy 'nosuch'" "the error names <stdin>:2:1"

tr=tests/resources/conformance/matches-200-standard.jsonl.gz
zcat "$tr" | head -40 >"$TMP/plain.jsonl"
"$PARLEY" check-transcripts "$TMP/plain.jsonl" >"$TMP/c1.txt" 2>&1
"$PARLEY" check-transcripts - <"$TMP/plain.jsonl" >"$TMP/c2.txt" 2>&1; rc=$?
check "check-transcripts - reads plain transcripts from standard input (exit $rc)" [ "$rc" -eq 0 ]
check "check-transcripts - checks them all (40)" grep -q "^40 checked, 0 mismatched" "$TMP/c2.txt"
check "check-transcripts - gives what check-transcripts FILE gives" cmp -s "$TMP/c1.txt" "$TMP/c2.txt"
gzip -c "$TMP/plain.jsonl" | "$PARLEY" check-transcripts - >"$TMP/c3.txt" 2>&1
check "check-transcripts - reads gzipped transcripts too" cmp -s "$TMP/c1.txt" "$TMP/c3.txt"
expect_exit 2 "a cut transcript on standard input" bash -c "head -c 300 '$TMP/plain.jsonl' | '$PARLEY' check-transcripts -"
expect_err_has "<stdin>:" "the error names <stdin>"
