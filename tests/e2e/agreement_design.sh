# SPDX-License-Identifier: MIT
# agreement_design.sh — `parley design`: the search over sequencing designs, printed and written,
# the same bytes on 1 and 2 threads, and bad declarations and flags refused (exit 2).
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/../browser_check.sh"
TINY=${RESOURCES:-tests/resources}/agreement/design_tiny.yaml
out=$("$PARLEY" design "$TINY" --confirm 20000 --out "$TMP/t1" 2>"$TMP/err"); rc=$?
check "design: exits 0" [ "$rc" -eq 0 ]
check "design: the time goes to stderr" grep -qE "^parley design: searched in [0-9.]+ s on [0-9]+ threads?" "$TMP/err"
check "design: every design of two free links, one a cycle" grep -qF "Searched: every design: 4 (2^2), 1 of which cannot run" <<<"$out"
# worked by hand (the file's header): D00 0.85, D10 = a_waits 0.70, D01 0.50
check "design: the best design is the one worked by hand, near 85%" grep -qE "^  D00 +8[4-6]\.[0-9]% " <<<"$out"
check "design: the shipped a_waits is the reference, near 70%" grep -qE "^  a_waits +(69|70)\.[0-9]% \[.*\(reference\)" <<<"$out"
check "design: the answer says no self-enforcing design beats the shipped ones" grep -qF "no design found by the search both beats the shipped ones on completion and is self-enforcing" <<<"$out"
check "design: what the best design changes from the base" grep -qE "^  D00 +-a_step<-b_step$" <<<"$out"
check "design: designs.csv, screen.csv, results.json, report.html" [ -s "$TMP/t1/designs.csv" ] && [ -s "$TMP/t1/screen.csv" ] && [ -s "$TMP/t1/results.json" ] && [ -s "$TMP/t1/report.html" ]
check "design: every CSV row has the header's columns" python3 -c "
import csv,sys
for f in ('designs.csv','screen.csv'):
    rows=list(csv.reader(open('$TMP/t1/'+f)))
    assert len(rows)>1 and all(len(r)==len(rows[0]) for r in rows), f
"
check "design: results.json names the best design and the answer" python3 -c "
import json; d=json.load(open('$TMP/t1/results.json'))
assert d['best']=='D00' and d['reference']=='a_waits' and d['best_beats_shipped'] and not d['self_enforcing_design_beats_shipped']
assert d['method']['search']=='exhaustive' and d['method']['designs_screened']==4 and d['method']['cannot_run']==1
"
check "design: the report draws the leading designs' sequencing" grep -qF "D00: the design found that completes most often" "$TMP/t1/report.html"
browser_check "$TMP/t1/report.html" design_report 2
"$PARLEY" design "$TINY" --confirm 20000 --threads 2 --out "$TMP/t2" >"$TMP/out2" 2>/dev/null
check "design: the same files on 2 threads" diff -r "$TMP/t1" "$TMP/t2"
check "design: the same summary on 2 threads" diff <(echo "$out") "$TMP/out2"
# the local search: every link free beyond --exhaustive-max
out=$("$PARLEY" design "$TINY" --exhaustive-max 1 --confirm 2000 2>/dev/null)
check "design: the local search when links are many, and it finds the same best" grep -qE "^Searched: steepest-ascent local search .* 4 designs screened of 2\^2" <<<"$out"
check "design: ... the same best design" grep -qE "^  D00 +8[3-7]\.[0-9]% " <<<"$out"
# six-party: the shipped block, a little of it on 1 and 2 threads
"$PARLEY" design scenarios/korea/six-party-2007.yaml --runs 40 --confirm 60 --check-runs 20 --top 2 --exhaustive-max 4 --out "$TMP/s1" >"$TMP/s1.txt" 2>/dev/null; rc=$?
check "design six-party: exits 0 with the posterior as a second set of types" [ "$rc" -eq 0 ] && grep -qF "the fit's posterior types with the fitted behaviour" "$TMP/s1.txt"
fitmax=$("$PARLEY" fit scenarios/korea/six-party-2007.yaml --runs 10 2>/dev/null | sed -n 's/^Maximum likelihood: \(.*\) (log likelihood .*/\1/p')
check "design six-party: the fitted behaviour written as parley fit writes its maximum ($fitmax)" \
  bash -c '[ -n "$1" ] && grep -qF "with the fitted behaviour ($1)" "$2"' _ "$fitmax" "$TMP/s1.txt"
check "design six-party: results.json's fitted is fit.json's maximum (the same four numbers)" python3 -c "
import json,subprocess,sys
f=json.loads(subprocess.run(['$PARLEY','fit','scenarios/korea/six-party-2007.yaml','--runs','10','--json'],capture_output=True,text=True).stdout)['maximum_likelihood']
d=json.load(open('$TMP/s1/results.json'))['fitted']
sys.exit(0 if d=={k:f[k] for k in ('rationality','tremble','patience','discount')} else 1)"
"$PARLEY" design scenarios/korea/six-party-2007.yaml --runs 40 --confirm 60 --check-runs 20 --top 2 --exhaustive-max 4 --threads 2 --out "$TMP/s2" >"$TMP/s2.txt" 2>/dev/null
check "design six-party: the same files and summary on 2 threads" diff -r "$TMP/s1" "$TMP/s2"
check "design six-party: ... and summary" diff "$TMP/s1.txt" "$TMP/s2.txt"
# --set (issue 11): B waits for A's step with probability 0.6, not 0.3, so that by hand (the file's
# header) D00 completes 1 - 0.5 x 0.6 = 0.70 and a_waits 1 - 0.6 = 0.40
out=$("$PARLEY" design "$TINY" --confirm 20000 --set parties.B.policy.all_first.p=0.6 --out "$TMP/set" 2>/dev/null); rc=$?
check "design --set: exits 0" [ "$rc" -eq 0 ]
check "design --set: the summary opens with the change and the rescaled reciprocal" \
  bash -c 'head -3 <<<"$1" | tr "\n" "|" | grep -qF "Assumptions changed for this design search (--set):|  parties.B.policy.all_first.p = 0.6 (the file: 0.3)|  parties.B.policy.reciprocal.p = 0.4 (the file: 0.7; rescaled so that its list still adds up to 1)|"' _ "$out"
check "design --set: the best design completes near 70%, as worked by hand" grep -qE "^  D00 +(69|70|71)\.[0-9]% " <<<"$out"
check "design --set: a_waits near 40%" grep -qE "^  a_waits +(39|40|41)\.[0-9]% " <<<"$out"
check "design --set: results.json holds the overrides, the rescaled one marked" python3 -c "
import json; o=json.load(open('$TMP/set/results.json'))['overrides']
assert [(x['path'],x['value'],x['file_value'],x['renormalised']) for x in o]==[('parties.B.policy.all_first.p','0.6','0.3',False),('parties.B.policy.reciprocal.p','0.4','0.7',True)], o
"
check "design: results.json has no overrides key without --set" python3 -c "
import json,sys; sys.exit('overrides' in json.load(open('$TMP/t1/results.json')))"
check "design --set: the report lists the changes and gives them in its command line" \
  bash -c 'grep -qF "<dt>--set</dt><dd>parties.B.policy.reciprocal.p = 0.4 (the file: 0.7; rescaled" "$1" && grep -qE "<pre>parley design .* --set parties.B.policy.all_first.p=0.6</pre>" "$1"' _ "$TMP/set/report.html"
expect_exit 2 "design --set: an id that is not one" "$PARLEY" design "$TINY" --set parties.B.policy.all_frst.p=0.6 --out "$TMP/setbad"
expect_err_has "parley design: --set path 'parties.B.policy.all_frst.p': no item 'all_frst' in parties.B.policy" "design --set: a bad path names the flag"
expect_err_has "(did you mean 'all_first'?)" "design --set: ... and the closest id"
check "design --set: a bad path leaves no results folder" [ ! -e "$TMP/setbad" ]
# refused
expect_exit 2 "design: a scenario without design_search is refused" "$PARLEY" design ${RESOURCES:-tests/resources}/two_step_breakeven.yaml
expect_err_has "declares no 'design_search:' block" "... saying what is missing"
expect_exit 2 "design: --top 0 is refused" "$PARLEY" design "$TINY" --top 0
expect_err_has "--top" "... naming the flag"
expect_exit 2 "design: --exhaustive-max 17 is refused" "$PARLEY" design "$TINY" --exhaustive-max 17
expect_err_has "--exhaustive-max" "... naming the flag"
expect_exit 2 "design: no scenario" "$PARLEY" design
sed 's/- {step: b_step, requires: a_step}/- {step: b_step, requires: a_stp}/' "$TINY" >"$TMP/bad.yaml"
expect_exit 2 "design: an unknown step in a free link is refused" "$PARLEY" design "$TMP/bad.yaml"
expect_err_has "bad.yaml:43:32: 'free': unknown step 'a_stp' (did you mean 'a_step'?)" "... at its line and column, with the closest step"
expect_exit 2 "design: ... and by parley run too" "$PARLEY" run "$TMP/bad.yaml" --runs 10
echo "1..$tap_n"
