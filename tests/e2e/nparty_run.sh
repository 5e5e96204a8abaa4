# SPDX-License-Identifier: MIT
# nparty_run.sh — `parley run` of the shipped six-party scenario: summary, files, thread invariance.
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/../browser_check.sh"
S=scenarios/korea/drills-and-launches.yaml
out=$("$PARLEY" run "$S" --runs 200 --threads 1 --out "$TMP/a" 2>"$TMP/err"); rc=$?
check "drills-and-launches runs" [ "$rc" -eq 0 ]
check "summary names the six parties" grep -q '6 parties (US, ROK, DPRK, China, Russia, Japan)' <<<"$out"
check "summary reports the stage-game equilibrium" grep -q '1 pure equilibrium: US large_drill, ROK large_drill, DPRK nuclear_test' <<<"$out"
for p in action_reaction double_suspension bloc_sanctions unconditional_restraint grim; do
  check "summary has a row for $p" grep -qE "^  $p +[0-9.]+%" <<<"$out"
done
check "summary has the tournament table" grep -qE '^ +1  [a-zA-Z]' <<<"$out"
check "summary says results hold under the stated assumptions" grep -q 'hold under the payoff and noise assumptions' <<<"$out"
check "standard error holds the timing and where the results went, nothing else" \
  bash -c "grep -q '^parley run: [0-9]* runs of a design or profile in [0-9.]* s ([0-9]* runs/s, 1 thread); [0-9.]* s in all, [0-9.]* s before the runs and [0-9.]* s after them$' '$TMP/err' &&
           grep -qx 'parley run: results in $TMP/a/ (CSV, results.json, report.html)' '$TMP/err' && [ \$(wc -l <'$TMP/err') -eq 2 ]"
"$PARLEY" run "$S" --runs 200 --threads 2 --out "$TMP/b" >/dev/null 2>&1
for f in summary.csv parties.csv cooperation_over_time.csv record.csv tournament.csv results.json report.html sensitivity.csv; do
  check "$f written" [ -s "$TMP/a/$f" ]
  check "$f byte-identical with 1 and 2 threads" cmp -s "$TMP/a/$f" "$TMP/b/$f"
done
check "no temporary files left" [ -z "$(ls "$TMP/a" | grep tmp)" ]
check "results.json parses, with ten profiles (council_split for the 2022 veto, estimated_reactions from the events) and six parties" python3 -c "
import json; d=json.load(open('$TMP/a/results.json'))
assert d['kind']=='nparty' and len(d['profiles'])==10 and len(d['parties'])==6 and d['runs']==200
p=d['profiles'][0]; assert len(p['cooperation_over_time']['US'])==d['periods']
assert 'bloc:allies' in p['cooperation_over_time']"
check "the record keeps its citations (from the dated events)" grep -q '^2017-09,DPRK,nuclear_test,0,2017-09-03 nuclear test (UN text: Sept 2) \[I13\]$' "$TMP/a/record.csv"
check "the record runs a month a period, 2017-01 to 2022-12, and the game 72 months after it" python3 -c "
import json; d=json.load(open('$TMP/a/results.json'))
assert d['period_unit']=='month' and d['record_periods']==72 and d['periods']==72, (d['period_unit'], d['record_periods'], d['periods'])"
check "the summary names the record's months" grep -q 'after the record 2017-01 to 2022-12 (72 months)' <<<"$out"
check "the summary gives the intensities that enter the payoffs" grep -q "intensity of US's actions (thousand US troops): suspend 0, scaled_down 8.75, large_drill 17.5" <<<"$out"
check "the sensitivity at the scenario's own observation noise repeats the main result" python3 -c "
import csv; s={r['profile']:r for r in csv.DictReader(open('$TMP/a/summary.csv'))}
for r in csv.DictReader(open('$TMP/a/sensitivity.csv')):
    if float(r['value'])==0.0085: assert abs(float(r['lasting_restraint'])-float(s[r['profile']]['lasting_restraint']))<1e-12, r"
check "summary.csv has a row per profile" [ "$(wc -l <"$TMP/a/summary.csv")" -eq 11 ]
"$PARLEY" run "$S" --runs 200 --seed 2 --out "$TMP/c" >/dev/null 2>&1
if cmp -s "$TMP/a/summary.csv" "$TMP/c/summary.csv"; then not_ok "another seed gives other results"; else ok "another seed gives other results"; fi
out=$("$PARLEY_RELEASE" run "$S" --runs 3000 --threads 2 2>/dev/null)
check "unconditional restraint lasts more often than action-reaction" python3 -c "
import re,sys; t=sys.stdin.read()
g=lambda p: float(re.search(r'^  '+p+r' +([0-9.]+)%', t, re.M).group(1))
assert g('unconditional_restraint') > g('action_reaction') + 20
assert g('double_suspension_generous') > g('action_reaction') + 10" <<<"$out"
check "report.html states that results hold under the assumptions" grep -q 'Results hold under the stated assumptions' "$TMP/a/report.html"
check "report.html cites the record's sources" grep -q '\[G15\]' "$TMP/a/report.html"
browser_check "$TMP/a/report.html" nparty_drills_and_launches 10
browser_labels_inside "$TMP/a/report.html" nparty_drills_and_launches
browser_tables_fit "$TMP/a/report.html" nparty_drills_and_launches
check "the profiles' paragraph: 'An escalation is counted', and its sentence on months opens with a capital" \
  bash -c "grep -q 'An escalation is counted for US, ROK, DPRK' '$TMP/a/report.html' && grep -q 'Months escalated: the share of month-by-party slots' '$TMP/a/report.html'"
for f in scenarios/games/public-goods.yaml scenarios/games/pairwise.yaml; do
  out=$("$PARLEY" run "$f" --runs 100 --out "$TMP/$(basename "$f" .yaml)" 2>&1); rc=$?
  check "$f runs" [ "$rc" -eq 0 ]
  check "$f writes its report" [ -s "$TMP/$(basename "$f" .yaml)/report.html" ]
done
check "the public goods game has all-keep as its only equilibrium" grep -q "1 pure equilibrium: P1 keep, P2 keep, P3 keep, P4 keep, P5 keep" <<<"$("$PARLEY" run scenarios/games/public-goods.yaml --runs 10)"
out=$("$PARLEY" run scenarios/games/six-player-tournament.yaml --threads 1 --out "$TMP/t1" 2>&1); rc=$?
check "a scenario with only a tournament runs" [ "$rc" -eq 0 ]
check "its table ranks all 19 strategies" [ "$(grep -cE '^ +[0-9]+  ' <<<"$out")" -eq 19 ]
"$PARLEY" run scenarios/games/six-player-tournament.yaml --threads 2 --out "$TMP/t2" >/dev/null 2>&1
for f in tournament.csv results.json report.html; do
  check "tournament-only $f byte-identical with 1 and 2 threads" cmp -s "$TMP/t1/$f" "$TMP/t2/$f"
done
printf 'kind: nparty\ngame: {kind: pd}\ntournament: {players: [tft], group_size: 3}\n' >"$TMP/tonly.yaml"
expect_exit 2 "a game without parties is refused" "$PARLEY" run "$TMP/tonly.yaml"
expect_err_has "tonly.yaml:2:1: 'game' needs 'parties'" "the message names the key and what it needs"
cat >"$TMP/volunteer.yaml" <<'YAML'
kind: nparty
runs: 50
periods: 20
parties: [{id: A}, {id: B}, {id: C}]
game: {kind: volunteer, cost: 1, benefit: 4, threshold: 1}
observation: {delay: 2}
profiles:
  - {id: all_volunteer, default: cooperator}
  - {id: majority, default: majority}
YAML
out=$("$PARLEY" run "$TMP/volunteer.yaml" 2>&1); rc=$?
check "a volunteer's dilemma with observation delay runs" [ "$rc" -eq 0 ]
check "its stage game has three pure equilibria (one volunteer each)" grep -q "3 pure equilibria" <<<"$out"
cat >"$TMP/asym.yaml" <<'YAML'
kind: nparty
runs: 50
periods: 20
parties: [{id: Big}, {id: Small1}, {id: Small2}]
game: {kind: pd, R: 3, S: 0, T: 5, P: 1, parties: {Big: {R: 6, S: 0, T: 10, P: 2}}}
profiles:
  - {id: coop, default: cooperator}
YAML
out=$("$PARLEY" run "$TMP/asym.yaml" 2>&1); rc=$?
check "an asymmetric N-player PD runs" [ "$rc" -eq 0 ]
check "the big party's payoff is its own R" grep -qE '^  coop +6\.00 +3\.00 +3\.00' <<<"$out"
