# SPDX-License-Identifier: MIT
# sensitivity.sh — assumptions in the open (issue 11): `parley run --set`, paired differences and the
# warning where variants differ in more than sequencing, results.json's inputs, and `parley
# sensitivity` (tornado, break-even, Sobol, grid; outputs, determinism, refusals).
. "$(dirname "$0")/../tap.sh"
six=scenarios/korea/six-party-2007.yaml
dl=scenarios/korea/drills-and-launches.yaml
fix="$RESOURCES/two_step_breakeven.yaml"

# ---- --set ----
"$PARLEY" run "$six" --runs 400 --threads 1 --out "$TMP/set" --set parties.DPRK.policy.opportunist.p=0.1 \
  --set steps.SP-DP-1.flow.DPRK=-0.31 --set verifiers.IAEA.p_confirm=0.6 >"$TMP/set.txt" 2>/dev/null
check "run --set with the three examples of the issue succeeds" [ $? -eq 0 ]
check "the summary opens with the overrides, headed for a run" bash -c 'head -1 "$1" | grep -qxF "Assumptions changed for this run (--set):"' _ "$TMP/set.txt"
check "the summary lists each override with the file's value" grep -q "steps.SP-DP-1.flow.DPRK = -0.31 (the file: -0.3)" "$TMP/set.txt"
check "the summary says how the other types were renormalised (0.5 x 0.9 / 0.8)" \
  grep -q "parties.DPRK.policy.reciprocal.p = 0.5625 (the file: 0.5; rescaled so that its list still adds up to 1)" "$TMP/set.txt"
check "results.json records the overrides" python3 -c "
import json,sys; j=json.load(open('$TMP/set/results.json'))
o={e['path']:e for e in j['overrides']}
sys.exit(0 if o['verifiers.IAEA.p_confirm']['value']=='0.6' and o['parties.DPRK.policy.grim.p']['renormalised'] else 1)"
check "results.json holds every input as run (after the overrides)" python3 -c "
import json,sys; j=json.load(open('$TMP/set/results.json'))['inputs']
v=[x for x in j['verifiers'] if x['id']=='IAEA'][0]; s=[x for x in j['steps'] if x['id']=='SP-DP-1'][0]
sys.exit(0 if v['p_confirm']==0.6 and s['flow']['DPRK']==-0.31 and j['horizon']==48 else 1)"
check "results.json's inputs hold the loader's defaults (SP-DP-1's verification delay and p_false, core, agreed)" python3 -c "
import json,sys; j=json.load(open('$TMP/set/results.json'))['inputs']
s=[x for x in j['steps'] if x['id']=='SP-DP-1'][0]
sys.exit(0 if s['verification']['delay']==0 and s['verification']['p_false']==0 and s['core'] is True and s['agreed'] is True else 1)"
check "... which the file leaves out (they are defaults)" bash -c "sed -n '/id: SP-DP-1/,/^  - id:/p' '$six' | grep -v 'id: SP-DP-1' | { ! grep -q 'p_false\\|core:\\|agreed:\\|delay:'; }"
# a behaviour block without patience or inertia: both defaults (1 period, 0) are inputs of the run too
sed -e '/^  patience:/d' -e '/^  inertia:/d' scenarios/korea/russia-china-roadmap.yaml >"$TMP/nopat.yaml"
"$PARLEY" run "$TMP/nopat.yaml" --runs 50 --threads 1 --out "$TMP/nopat" >/dev/null 2>&1
check "results.json's inputs hold the behaviour defaults the file leaves out (patience 1, inertia 0)" python3 -c "
import json,sys; b=json.load(open('$TMP/nopat/results.json'))['inputs']['behaviour']
sys.exit(0 if b.get('patience')==1 and b.get('inertia')==0 else 1)"
"$PARLEY" run "$six" --runs 400 --threads 1 --out "$TMP/noset" >/dev/null 2>&1
check "the override changes the results" bash -c "! cmp -s '$TMP/set/variants.csv' '$TMP/noset/variants.csv'"
"$PARLEY" run scenarios/games/public-goods.yaml --runs 50 --threads 1 --set noise=0.05 --out "$TMP/np" >"$TMP/np.txt" 2>/dev/null
check "--set works on an N-party scenario too" grep -q "noise = 0.05 (the file: 0.01)" "$TMP/np.txt"
check "an N-party results.json records the override" grep -q '"path": "noise"' "$TMP/np/results.json"
check "N-party inputs hold the defaults (observation delay omitted; pairwise: no observation block at all)" python3 -c "
import json,sys; j=json.load(open('$TMP/np/results.json'))['inputs']
sys.exit(0 if j['observation']['delay']==0 and j['seed']==1 and j['noise']==0.05 else 1)"
"$PARLEY" run scenarios/games/pairwise.yaml --runs 20 --threads 1 --out "$TMP/pw" >/dev/null 2>&1
check "... a block left out is written with the values used" python3 -c "
import json,sys; j=json.load(open('$TMP/pw/results.json'))['inputs']
sys.exit(0 if j['observation']=={'noise':0,'delay':0} else 1)"
# ---- --set reaches a number the file leaves out: a default, or one party's entry of a number for all ----
"$PARLEY" run "$six" --runs 400 --threads 1 --out "$TMP/byp" --set behaviour.inertia.DPRK=2 >"$TMP/byp.txt" 2>/dev/null
check "--set behaviour.inertia.DPRK on a file writing one inertia for all succeeds" [ $? -eq 0 ]
check "... the summary says the file wrote one number for every party" grep -q "behaviour.inertia.DPRK = 2 (the file: 1 for every party)" "$TMP/byp.txt"
check "... results.json's inputs hold the map by party, its override says so" python3 -c "
import json,sys; j=json.load(open('$TMP/byp/results.json')); o=j['overrides'][0]
sys.exit(0 if j['inputs']['behaviour']['inertia']=={'default':1,'DPRK':2} and o['by_party'] is True and o['file_value']=='1' and 'file_default' not in o else 1)"
check "... and the results change" bash -c "! cmp -s '$TMP/byp/variants.csv' '$TMP/noset/variants.csv'"
check "an override of a written value has neither file_default nor by_party (the shape as before)" python3 -c "
import json,sys; o=json.load(open('$TMP/set/results.json'))['overrides']
sys.exit(0 if all(set(e)=={'path','value','file_value','renormalised'} for e in o) else 1)"
"$PARLEY" run "$six" --runs 400 --threads 1 --out "$TMP/pf" --set steps.BDA-US.verification.p_false=0.3 >"$TMP/pf.txt" 2>/dev/null
check "--set of a step's verification.p_false the file leaves out succeeds" [ $? -eq 0 ]
check "... the summary gives the default it replaces" grep -q "steps.BDA-US.verification.p_false = 0.3 (the file: default 0)" "$TMP/pf.txt"
check "... results.json: file_default, and the inputs hold the value set" python3 -c "
import json,sys; j=json.load(open('$TMP/pf/results.json')); o=j['overrides'][0]
s=[x for x in j['inputs']['steps'] if x['id']=='BDA-US'][0]
sys.exit(0 if o['file_default'] is True and o['file_value']=='0' and s['verification']['p_false']==0.3 else 1)"
check "... and the results change" bash -c "! cmp -s '$TMP/pf/variants.csv' '$TMP/noset/variants.csv'"
sed -e '/^  lookahead:/d' "$TMP/nopat.yaml" >"$TMP/nolook.yaml"
"$PARLEY" run "$TMP/nolook.yaml" --runs 50 --threads 1 --set horizon=80 --set behaviour.patience=3 --out "$TMP/look" >/dev/null 2>&1
check "a key made by --set freezes no other default (lookahead follows a horizon set)" python3 -c "
import json,sys; b=json.load(open('$TMP/look/results.json'))['inputs']
sys.exit(0 if b['behaviour']['patience']==3 and b['behaviour']['lookahead']==80 and b['horizon']==80 else 1)"
expect_exit 2 "a default --set cannot check, the scenario failing first, is refused with the loader's reason" \
  "$PARLEY" run "$TMP/nopat.yaml" --set horizon=40 --set behaviour.patience=3
expect_err_has "--set path 'behaviour.patience': no key 'patience' in behaviour" "... naming the path"
expect_err_has "; nor can its default be known, as the scenario does not load: $TMP/nopat.yaml:" "... and why the loader could not say"
"$PARLEY" run scenarios/games/pairwise.yaml --runs 20 --threads 1 --set observation.delay=2 --out "$TMP/pwd" >"$TMP/pwd.txt" 2>/dev/null
check "--set of an N-party value in a block the file leaves out (observation.delay)" python3 -c "
import json,sys; j=json.load(open('$TMP/pwd/results.json'))
sys.exit(0 if j['inputs']['observation']=={'delay':2,'noise':0} and j['overrides'][0]['file_default'] is True else 1)"
expect_exit 2 "a party that is not one is refused" "$PARLEY" run "$six" --set behaviour.inertia.DPRKK=2
expect_err_has "--set path 'behaviour.inertia.DPRKK': 'DPRKK' is not a party (did you mean 'DPRK'?)" "... naming the flag and the closest party"
expect_exit 2 "a key that is neither written nor a default is refused" "$PARLEY" run "$six" --set steps.BDA-US.verification.p_flase=0.1
expect_err_has "(did you mean 'p_false'?)" "... suggesting the closest, a default among them"
expect_exit 2 "a key made with a bad value is refused, blamed on the flag" "$PARLEY" run "$six" --set steps.BDA-US.verification.p_false=2
expect_err_has "--set steps.BDA-US.verification.p_false: 'p_false' must be between 0 and 1, found 2 (a key the file leaves to its default)" "... naming the flag"

sed -e '/^  patience:/d' scenarios/korea/russia-china-roadmap.yaml >"$TMP/rc-nopat.yaml"
expect_exit 2 "a range over a key the file leaves out, with a value the kind refuses" "$PARLEY" sensitivity "$TMP/rc-nopat.yaml" --runs 50 --threads 1 --range behaviour.patience=-5:2
expect_err_has "range behaviour.patience (a value the file leaves to its default): 'patience' (periods, or a map party: periods) must be between 0 and 2400, found -5 (at the point behaviour.patience=-5)" "... names the range, not line 0 of the file"
# results checked without the YAML: the inputs, run again, give the same results
for sc in "$six" scenarios/games/public-goods.yaml; do
  b=$(basename "$sc" .yaml)
  "$PARLEY" run "$sc" --runs 100 --threads 1 --out "$TMP/rt1-$b" >/dev/null 2>&1
  python3 -c "import json; json.dump(json.load(open('$TMP/rt1-$b/results.json'))['inputs'], open('$TMP/rt-$b.json','w'))"
  "$PARLEY" run "$TMP/rt-$b.json" --runs 100 --threads 1 --out "$TMP/rt2-$b" >/dev/null 2>&1
  check "$b: the inputs of results.json, run as a scenario, give the same CSV files" \
    bash -c "for f in '$TMP/rt1-$b'/*.csv; do cmp -s \"\$f\" '$TMP/rt2-$b/'\$(basename \"\$f\") || exit 1; done"
done

expect_exit 2 "an unknown id is refused" "$PARLEY" run "$six" --set parties.DPRK.policy.oportunist.p=0.1
expect_err_has "no item 'oportunist' in parties.DPRK.policy (did you mean 'opportunist'?)" "... naming the closest"
expect_exit 2 "an unknown key is refused" "$PARLEY" run "$six" --set verifiers.IAEA.p_confirn=0.6
expect_err_has "did you mean 'p_confirm'?" "... naming the closest key"
expect_exit 2 "probabilities set above 1 are refused" "$PARLEY" run "$six" --set parties.DPRK.policy.opportunist.p=1.2
expect_err_has "add up to 1.2, more than 1" "... saying so"
expect_exit 2 "a path to a map is refused" "$PARLEY" run "$six" --set steps.SP-DP-1.flow=1
expect_err_has "names a map, not a value" "... saying what it names"
expect_exit 2 "a value the scenario refuses is refused at its place, blamed on --set" "$PARLEY" run "$six" --set verifiers.IAEA.p_confirm=abc
expect_err_has "six-party-2007.yaml:71:16: 'p_confirm' must be a number, found 'abc' (the value set by --set verifiers.IAEA.p_confirm=abc)" "... with file:line:col, the flag and its value"
# a check of the whole model that an override fails, wherever it points, blames the override (one rule for every check)
expect_exit 2 "run: a p_confirm of 0 set by --set, which a step requires, is refused" "$PARLEY" run "$six" --set verifiers.IAEA.p_confirm=0
expect_err_has "six-party-2007.yaml:178:15: step 'SP-DP-1' can never become due: it requires 'IA-DP-1', whose verification never confirms (p_confirm is 0) (this follows from --set verifiers.IAEA.p_confirm=0: without it, the file does not fail here)" "... at the step, blaming the flag and its value"
expect_exit 2 "fit: the same" "$PARLEY" fit "$six" --runs 50 --set verifiers.IAEA.p_confirm=0
expect_err_has "(this follows from --set verifiers.IAEA.p_confirm=0: without it, the file does not fail here)" "... blames the flag"
expect_exit 2 "design: the same" "$PARLEY" design "$six" --runs 50 --set verifiers.IAEA.p_confirm=0
expect_err_has "(this follows from --set verifiers.IAEA.p_confirm=0: without it, the file does not fail here)" "... blames the flag"
expect_exit 2 "a horizon set too short for a dated event" "$PARLEY" run "$six" --set horizon=5 --set verifiers.VM.p_confirm=0.5
expect_err_has "raise 'horizon' (this follows from --set horizon=5: without it, the file does not fail here)" "... blames that --set alone, not the other"
expect_exit 2 "N-party: a payoff set that breaks T > R > P > S" "$PARLEY" run scenarios/games/six-player-tournament.yaml --set tournament.game.T=2
expect_err_has "six-player-tournament.yaml:19:9: a prisoner's dilemma needs T > R > P > S, got R=3 S=0 T=2 P=1 (this follows from --set tournament.game.T=2: without it, the file does not fail here)" "... blames the flag"
expect_exit 2 "two overrides that fail a check only together" "$PARLEY" run "$fix" --runs 10 --set horizon=3 --set steps.a_step.not_before=4 --set seed=5
expect_err_has "(this follows from --set horizon=3 and --set steps.a_step.not_before=4: without any one of them, the file does not fail here)" "... name both, and not the third"
sed -e 's/p_confirm: 0.8  /p_confirm: 0    /' "$six" >"$TMP/six-p0.yaml"
expect_exit 2 "the file's own error is not blamed on an unrelated --set" "$PARLEY" run "$TMP/six-p0.yaml" --set verifiers.VM.p_confirm=0.5
expect_err_has "six-p0.yaml:178:15: step 'SP-DP-1' can never become due: it requires 'IA-DP-1', whose verification never confirms (p_confirm is 0)" "... its own error at its place"
check "... the message names no --set" bash -c "! grep -q -- '--set' <<<\"\$1\"" _ "$TAP_ERR"
# numbers a loader reads by hand: a step's not_before and a shock's from default to the start and can be set;
# a deadline or an 'until' the file leaves out cannot be made, and the error says why
"$PARLEY" run "$six" --runs 50 --threads 1 --set steps.IA-DP-1.not_before=2007-05-01 --set shocks.launch.from=3 --out "$TMP/nb" >"$TMP/nb.txt" 2>/dev/null
check "--set of a not_before the file leaves out: the listing says its default (the start)" grep -qF "steps.IA-DP-1.not_before = 2007-05-01 (the file: default 2007-02-13)" "$TMP/nb.txt"
check "--set of a shock's from the file leaves out: the same" grep -qF "shocks.launch.from = 3 (the file: default 2007-02-13)" "$TMP/nb.txt"
check "... results.json records them as file defaults, and the inputs hold the values set" python3 -c "
import json,sys; j=json.load(open('$TMP/nb/results.json'))
o={x['path']:x for x in j['overrides']}; s=[x for x in j['inputs']['steps'] if x['id']=='IA-DP-1'][0]
sys.exit(0 if o['steps.IA-DP-1.not_before']['file_default'] and s['not_before']=='2007-05-01' and j['inputs']['shocks'][0]['from']==3 else 1)"
check "... and the inputs do not gain the defaults of the steps not set (the file reads the same without them)" python3 -c "
import json,sys; ids=lambda f: [x['id'] for x in json.load(open(f))['inputs']['steps'] if 'not_before' in x]
a=ids('$TMP/nb/results.json'); b=ids('$TMP/set/results.json')
sys.exit(0 if 'IA-DP-1' not in b and sorted(a)==sorted(b+['IA-DP-1']) else 1)"
check "... the step waits for it: IA-DP-1 (the shutdown, due in 60 days) now runs late in every run" bash -c "! cmp -s '$TMP/nb/variants.csv' '$TMP/set/variants.csv'"
expect_exit 2 "a deadline the file leaves out cannot be made" "$PARLEY" run "$fix" --runs 10 --set steps.a_step.deadline=3
expect_err_has "--set path 'steps.a_step.deadline': the file writes no 'deadline' here, and one cannot be made by an override: a step without a deadline is never late" "... the error says why"
expect_exit 2 "a shock's until the file leaves out cannot be made" "$PARLEY" run "$six" --runs 10 --set shocks.launch.until=10
expect_err_has "one cannot be made by an override: a shock without 'until' runs to the horizon" "... the error says why"
expect_exit 2 "--set without '=' is refused" "$PARLEY" run "$six" --set steps.SP-DP-1.cost
expect_err_has "expected PATH=VALUE" "... saying what was expected"

# ---- N-party: intervals and a ranking within the noise ----
"$PARLEY" run scenarios/games/public-goods.yaml --runs 500 --threads 1 >"$TMP/pg500.txt" 2>/dev/null
"$PARLEY" run scenarios/games/public-goods.yaml --runs 10 --threads 1 >"$TMP/pg10.txt" 2>/dev/null
check "N-party: the leading profiles' lasting restraint with 95% intervals" grep -q "^  95% intervals: lifted_tft_majority \[" "$TMP/pg500.txt"
check "N-party: 500 runs separate the two leaders (no warning)" bash -c "! grep -q 'within the noise' '$TMP/pg500.txt'"
check "N-party: 10 runs do not: a ranking within the noise is said to be none" grep -q "within the noise of each other, so no ranking between the two" "$TMP/pg10.txt"
check "N-party results.json gives the interval of every profile's lasting restraint" python3 -c "
import json,sys; j=json.load(open('$TMP/np/results.json'))
ps=j['profiles'] if isinstance(j['profiles'],list) else list(j['profiles'].values())
sys.exit(0 if all(p['lasting_restraint_interval']['lo']<=p['lasting_restraint']<=p['lasting_restraint_interval']['hi'] for p in ps) else 1)"

# ---- N-party reports an analyst can brief from: words, intervals, record and simulation apart ----
"$PARLEY" run scenarios/games/public-goods.yaml --runs 200 --threads 1 --out "$TMP/pgw" >"$TMP/pgw.txt" 2>/dev/null
check "a textbook game speaks of lasting cooperation (no record: the words of a game)" grep -q "Lasting cooperation is most frequent under" "$TMP/pgw.txt"
check "... and nowhere of restraint or escalation, in the summary" bash -c "! grep -qi 'restrain\|escalat' '$TMP/pgw.txt'"
check "... or in the report" bash -c "! grep -qi 'restrain\|escalat' '$TMP/pgw/report.html'"
check "the report gives every profile's lasting cooperation with its interval" \
  bash -c "[ \$(grep -oE '<td class=\"num\">[0-9.]+% \[[0-9.]+, [0-9.]+\]</td>' '$TMP/pgw/report.html' | wc -l) -eq 6 ]"
"$PARLEY" run scenarios/games/public-goods.yaml --runs 10 --threads 1 --out "$TMP/pg10r" >/dev/null 2>&1
check "the report warns when the ranking is within the noise" grep -q "within the noise of each other, so no ranking between the two" "$TMP/pg10r/report.html"
"$PARLEY" run "$dl" --runs 200 --threads 1 --out "$TMP/dlw" >"$TMP/dlw.txt" 2>/dev/null
check "a scenario with a record keeps the words of a crisis" grep -q "Lasting restraint is most frequent under" "$TMP/dlw.txt"
{ cat scenarios/games/public-goods.yaml; printf 'terms: {cooperation: contribution, defection: free riding, defects: free-rides, defected: free-rode}\n'; } >"$TMP/pgt.yaml"
"$PARLEY" run "$TMP/pgt.yaml" --runs 50 --threads 1 >"$TMP/pgt.txt" 2>/dev/null
check "a terms: block sets the words" grep -q "lasting contribution = none free-rides in the last 10 rounds" "$TMP/pgt.txt"
{ cat scenarios/games/public-goods.yaml; printf 'terms: {cooperatoin: contribution}\n'; } >"$TMP/pgbad.yaml"
expect_exit 2 "an unknown word in terms: is refused" "$PARLEY" run "$TMP/pgbad.yaml" --runs 10
expect_err_has "pgbad.yaml:" "... at its place"
expect_err_has "did you mean 'cooperation'" "... naming the closest"
out=$(yes refrain | head -2 | "$PARLEY" play "$dl" --as DPRK --profile action_reaction 2>&1)
check "play: the record's opening screen says which moves the policies made" grep -qF "a move marked * is not on record" <<<"$out"
check "play: recorded moves are unmarked and policy-made ones marked (the US: 2022-10 on record, 2022-09 silent)" python3 -c "
import sys
lines=sys.stdin.read().split('\n'); i=[k for k,l in enumerate(lines) if 'is not on record' in l][0]
head=lines[i+2]; us=[l for l in lines[i+2:i+10] if l.startswith('  US ')][0]
col=lambda lab: us[head.index(lab):head.index(lab)+14].strip()
sys.exit(0 if col('2022-10')=='LARGE_DRILL' and col('2022-09')=='LARGE_DRILL*' else 1)" <<<"$out"

# ---- sources: every [tag] in a report's tables links to its entry of the source list ----
"$PARLEY" run "$six" --runs 100 --threads 1 --out "$TMP/spw" >"$TMP/spw.txt" 2>/dev/null
for r in "$TMP/dlw/report.html" "$TMP/spw/report.html"; do
  check "$(basename "$(dirname "$r")"): tags link to the source list, and every link has its target" python3 -c "
import re,sys; h=open('$r').read()
links=set(re.findall(r'href=\"#(cite-[A-Za-z0-9]+)\"',h)); ids=set(re.findall(r'id=\"(cite-[A-Za-z0-9]+)\"',h))
sys.exit(0 if len(links)>=10 and links<=ids else 1)"
done
check "the N-party report lists its sources" grep -q '<tr id="cite-G15"><td>\[G15\]</td><td>Hindustan Times' "$TMP/dlw/report.html"

# ---- parley run's key findings name what the ranking depends on ----
check "N-party: the run's summary names the top sensitivity" grep -q "What the ranking of unconditional_restraint and double_suspension_generous depends on (one at a time over the 4 declared assumptions, 200 runs a point" "$TMP/dlw.txt"
check "... the one the sensitivity analysis finds: forgiveness" grep -q "depends most on forgiveness" "$TMP/dlw.txt"
check "... and the report says it too" grep -q "depends most on forgiveness" "$TMP/dlw/report.html"
check "agreement: the key findings name the top sensitivity" grep -q "^Key findings: .*What the ranking of .* depends on (one at a time over the 11 declared assumptions, 100 runs a point" "$TMP/spw.txt"
"$PARLEY" run scenarios/korea/singapore-2018.yaml --runs 100 --threads 1 >"$TMP/sgk.txt" 2>/dev/null
check "... and without declared ranges say how to measure it" grep -q "What the ranking depends on is not measured here" "$TMP/sgk.txt"
printf 'sensitivity:\n  ranges:\n    - {path: noise, from: 0, to: 3}\n' >"$TMP/pgr.yaml"; sed '/^sensitivity:/,$d' scenarios/games/public-goods.yaml >"$TMP/pgr0.yaml"
cat "$TMP/pgr0.yaml" "$TMP/pgr.yaml" >"$TMP/pgrange.yaml"
expect_exit 2 "a declared range the scenario refuses fails parley run too" "$PARLEY" run "$TMP/pgrange.yaml" --runs 10
expect_err_has "'noise'" "... naming the value"

# ---- paired differences and fair comparisons ----
"$PARLEY" run scenarios/korea/singapore-2018.yaml --runs 500 --threads 1 --out "$TMP/sg" >"$TMP/sg.txt" 2>/dev/null
check "the summary gives paired differences with their intervals" grep -q "Paired differences in completion" "$TMP/sg.txt"
check "Singapore: a warning that us_hanoi_position gives the DPRK other types" \
  grep -q "^Warning: us_hanoi_position and dprk_hanoi_offer differ in more than sequencing: DPRK's policy types are reciprocal 0.5, all_first 0.5 under us_hanoi_position" "$TMP/sg.txt"
check "the report no longer says the difference is the sequencing there" bash -c "! grep -q 'their difference is the sequencing' '$TMP/sg/report.html'"
check "the report warns beside the comparison" grep -q "Warning: us_hanoi_position and dprk_hanoi_offer differ in more than sequencing" "$TMP/sg/report.html"
check "paired.csv names what differs" grep -q '^us_hanoi_position,dprk_hanoi_offer,.*differ in more than sequencing' "$TMP/sg/paired.csv"
check "six-party's variants differ only in sequencing: no warning" bash -c "! grep -q '^Warning:' '$TMP/set.txt'"
check "paired differences agree with the marginal rates" python3 -c "
import csv,sys; v={r['variant']:float(r['p_complete']) for r in csv.DictReader(open('$TMP/noset/variants.csv'))}
ok=all(abs(float(r['difference'])-(v[r['variant']]-v[r['other']]))<1e-6 for r in csv.DictReader(open('$TMP/noset/paired.csv')))
sys.exit(0 if ok else 1)"

# ---- parley sensitivity ----
"$PARLEY" sensitivity "$fix" --threads 1 --bisect 12 --sobol 16 --sobol-runs 1000 --bootstrap 100 --grid 1,2 --grid-steps 3 \
  --out "$TMP/s1" >"$TMP/s1.txt" 2>"$TMP/s1.err"
check "parley sensitivity runs on the closed-form fixture" [ $? -eq 0 ]
"$PARLEY" sensitivity "$fix" --threads 2 --bisect 12 --sobol 16 --sobol-runs 1000 --bootstrap 100 --grid 1,2 --grid-steps 3 \
  --out "$TMP/s2" >"$TMP/s2.txt" 2>/dev/null
check "every sensitivity output is byte-identical at 1 and 2 threads" diff -r "$TMP/s1" "$TMP/s2"
check "the summary is identical at 1 and 2 threads" cmp -s "$TMP/s1.txt" "$TMP/s2.txt"
check "the break-even is the closed form's 0.3 (to Monte Carlo precision)" python3 -c "
import csv,sys; r=[x for x in csv.DictReader(open('$TMP/s1/breakeven.csv')) if x['assumption']=='parties.A.policy.all_first.p'][0]
sys.exit(0 if r['flips']=='1' and abs(float(r['break_even'])-0.3)<0.015 else 1)"
check "the finding is said in words" grep -q "The ranking flips: a_first is ahead while parties.A.policy.all_first.p < 0.3" "$TMP/s1.txt"
check "a range with no effect: no flip within the range" grep -q "no flip within the range (a_first ahead throughout)" "$TMP/s1.txt"
for f in sensitivity.csv breakeven.csv sobol.csv grid.csv sensitivity.json sensitivity.html; do
  check "--out writes $f" [ -s "$TMP/s1/$f" ]
done
# two tornados (the difference, a_first; b_first's has no bar and is said in words), the indices, the grid
check "sensitivity.html has the tornados, the indices and the grid" [ "$(grep -o '<svg' "$TMP/s1/sensitivity.html" | wc -l)" -ge 4 ]
check "a tornado with no bar (b_first's completion, 1 - b, moves with neither range) is said in words, not drawn empty" \
  bash -c "grep -q 'b_first: change of its completion: no bar to draw. At both ends of every range it is what it is at the baseline' '$TMP/s1/sensitivity.html' &&
           ! grep -q 'b_first: change of its completion</' '$TMP/s1/sensitivity.html'"
check "timings go to standard error only" bash -c "grep -q 'parley sensitivity: .* s' '$TMP/s1.err' && ! grep -rq ' s,\|runs/s' '$TMP/s1'"
"$PARLEY" sensitivity "$six" --runs 300 --threads 2 --bisect 3 >"$TMP/six.txt" 2>/dev/null
check "six-party: the eleven declared assumptions are analysed" [ "$(grep -c '^ *[0-9]*  [a-zA-Z]' "$TMP/six.txt")" -ge 11 ]
check "six-party: the tornado table names the behaviour's assumptions" grep -q "behaviour.tremble" "$TMP/six.txt"
check "six-party: ... and the inertia among them" grep -q "behaviour.inertia" "$TMP/six.txt"
# a range over a key the file leaves out: made at its default (the loader's), for the block and --range
sed -e '/^  patience:/d' "$six" >"$TMP/six-nopat.yaml"
"$PARLEY" sensitivity "$TMP/six-nopat.yaml" --runs 100 --threads 2 --bisect 2 --out "$TMP/snp" \
  --range 'steps.BDA-US.verification.p_false=0:0.2' --range 'behaviour.inertia.DPRK=0:2.5' >"$TMP/snp.txt" 2>/dev/null
check "a sensitivity block ranging over a key the file leaves out (patience) runs" [ $? -eq 0 ]
check "... the summary says the range starts at the file's default" grep -q "behaviour.patience .* value 1 .*(the file: its default)" "$TMP/snp.txt"
check "... sensitivity.json marks the ranges over defaults (patience, a step's p_false) and not the others" python3 -c "
import json,sys; r={x['name']:x for x in json.load(open('$TMP/snp/sensitivity.json'))['ranges']}
p=r['behaviour.patience']; f=r['steps.BDA-US.verification.p_false']
sys.exit(0 if p.get('file_default') is True and p['base']==1 and f.get('file_default') is True and f['base']==0 and 'file_default' not in r['behaviour.tremble'] else 1)"
check "... a --range over one party's entry of a number written for all starts at that number" python3 -c "
import json,sys; r={x['name']:x for x in json.load(open('$TMP/snp/sensitivity.json'))['ranges']}
sys.exit(0 if r['behaviour.inertia.DPRK']['base']==1 and r['behaviour.inertia']['base']==1 else 1)"
"$PARLEY" sensitivity "$fix" --runs 500 --threads 1 --range 'steps.a_step.cost=0:3' --compare b_first,a_first >"$TMP/r.txt" 2>/dev/null
check "--range adds a range and --compare chooses the pair" grep -q "b_first - a_first" "$TMP/r.txt"
# a tie at an end of a range is not a change of leader: with B never waiting, both designs always complete
# at a = 0 (the difference exactly 0 there) and b_first leads everywhere above it (it once read "b_first is
# ahead while ... < 0, a_first above it" and "0 (+-0)")
"$PARLEY" sensitivity "$fix" --runs 500 --threads 1 --bisect 4 --set parties.B.policy.all_first.p=0 >"$TMP/tie.txt" 2>/dev/null
check "a tie at the low end is said as one in the break-even table" \
  grep -qF "+0.0 [-0.6, +0.6]       +59.6 [+55.0, +63.7]      59.6  a tie at the low end (0) on these runs; b_first ahead above it" "$TMP/tie.txt"
check "... and in the key finding" grep -qF "The ranking comes to a tie: b_first is ahead over the range of parties.A.policy.all_first.p but ties with a_first at its low end (0) on these runs." "$TMP/tie.txt"
check "... and no interval of zero width is printed" bash -c "! grep -qF '(+-0)' '$TMP/tie.txt'"
"$PARLEY" sensitivity "$fix" --runs 500 --threads 1 --set parties.B.policy.all_first.p=0.1 --set steps.a_step.cost=1.5 \
  --out "$TMP/sset" >"$TMP/sset.txt" 2>/dev/null
check "--set moves the baseline of the analysis, listed resolved as parley run's summary lists them" \
  bash -c 'head -5 "$1" | tr "\n" "|" | grep -qxF "Assumptions changed for this analysis (--set):|  parties.B.policy.all_first.p = 0.1 (the file: 0.3)|  steps.a_step.cost = 1.5 (the file: 1)|  parties.B.policy.reciprocal.p = 0.9 (the file: 0.7; rescaled so that its list still adds up to 1)||"' _ "$TMP/sset.txt"
check "... sensitivity.json's overrides are parley run's objects (path, value, the file's value)" python3 -c "
import json,sys; o=json.load(open('$TMP/sset/sensitivity.json'))['overrides']
sys.exit(0 if [(x['path'],x['value'],x['file_value'],x['renormalised'],x.get('by_party',False)) for x in o]==[('parties.B.policy.all_first.p','0.1','0.3',False,False),('steps.a_step.cost','1.5','1',False,False),('parties.B.policy.reciprocal.p','0.9','0.7',True,False)] else 1)"
check "... the report lists them the same way" grep -qF "steps.a_step.cost = 1.5 (the file: 1)" "$TMP/sset/sensitivity.html"
# a probability set before a value the file leaves to its default: the loader, asked about the default, reads
# the probabilities rescaled (it once saw them add up to 0.9 and refused the file)
for order in "p first" "inertia first"; do
  if [ "$order" = "p first" ]; then a=parties.DPRK.policy.opportunist.p=0.1 b=behaviour.inertia.DPRK=2; else a=behaviour.inertia.DPRK=2 b=parties.DPRK.policy.opportunist.p=0.1; fi
  "$PARLEY" run "$six" --runs 50 --threads 1 --set "$a" --set "$b" >"$TMP/ord.txt" 2>"$TMP/ord.err"
  check "--set of a probability and of a default, $order: accepted" grep -qF "behaviour.inertia.DPRK = 2 (the file: 1 for every party)" "$TMP/ord.txt"
done

# ---- N-party sensitivity: the same engine, the profiles' lasting restraint as the designs' success ----
"$PARLEY" sensitivity "$dl" --runs 300 --threads 1 --bisect 4 --sobol 4 --sobol-runs 100 --bootstrap 50 --grid 1,2 \
  --grid-steps 3 --out "$TMP/dl1" >"$TMP/dl1.txt" 2>/dev/null
check "drills-and-launches: parley sensitivity analyses its declared N-party ranges" [ $? -eq 0 ]
"$PARLEY" sensitivity "$dl" --runs 300 --threads 2 --bisect 4 --sobol 4 --sobol-runs 100 --bootstrap 50 --grid 1,2 \
  --grid-steps 3 --out "$TMP/dl2" >"$TMP/dl2.txt" 2>/dev/null
check "N-party: every sensitivity output is byte-identical at 1 and 2 threads" diff -r "$TMP/dl1" "$TMP/dl2"
check "N-party: the summary too" cmp -s "$TMP/dl1.txt" "$TMP/dl2.txt"
check "N-party: the four ranges (noise, misreading, forgiveness, payoff scale) are analysed" \
  bash -c "grep -q '^   1  noise ' '$TMP/dl1.txt' && grep -q '^   3  forgiveness ' '$TMP/dl1.txt' && grep -q '^   4  payoff scale ' '$TMP/dl1.txt'"
check "N-party: the measure is the profiles' lasting restraint" grep -q "each profile's lasting restraint" "$TMP/dl1.txt"
check "N-party: the summary and the page speak of profiles, not designs (the kind's words)" \
  bash -c "! grep -qiw 'designs\?' '$TMP/dl1.txt' && ! grep -qiw 'designs\?' '$TMP/dl1/sensitivity.html' && grep -q 'which profile is ahead' '$TMP/dl1/sensitivity.html'"
check "N-party: a range over a policy's parameter moves that profile only (forgiveness: double_suspension_generous)" python3 -c "
import csv,sys; r=[x for x in csv.DictReader(open('$TMP/dl1/sensitivity.csv')) if x['assumption']=='forgiveness']
v={}
for x in r: v.setdefault(x['output'],set()).add(x['estimate'])
moved=[o for o in v if len(v[o])>1 and ' - ' not in o]
sys.exit(0 if moved==['double_suspension_generous'] else 1)"
check "N-party: with no forgiveness the generous profile is double suspension exactly (g = 0 is tit for tat)" python3 -c "
import csv,sys; r={x['output']:x['estimate'] for x in csv.DictReader(open('$TMP/dl1/sensitivity.csv')) if x['assumption']=='forgiveness' and x['end']=='low'}
sys.exit(0 if r['double_suspension_generous']==r['double_suspension'] else 1)"
check "N-party: the payoffs do not move lasting restraint (the policies do not read them)" python3 -c "
import json,sys; j=json.load(open('$TMP/dl1/sensitivity.json'))
r=[x for x in j['ranges'] if x['name']=='payoff scale'][0]
sys.exit(0 if r['at_low']['rate']==r['at_high']['rate'] else 1)"
check "N-party: sensitivity.html draws the tornado and the grid" \
  bash -c "grep -q 'data-kind=\"bar\"' '$TMP/dl1/sensitivity.html' && grep -q 'data-kind=\"heatmap\"' '$TMP/dl1/sensitivity.html'"
"$PARLEY" sensitivity scenarios/games/public-goods.yaml --runs 200 --threads 1 --range 'noise=0:0.05' --compare ttft_three,lifted_tft_majority \
  >"$TMP/pgs.txt" 2>/dev/null
check "public goods: --range and --compare on an N-party scenario" grep -q "ttft_three - lifted_tft_majority" "$TMP/pgs.txt"
"$PARLEY" sensitivity "$RESOURCES/nparty_breakeven.yaml" --threads 1 --bisect 10 --out "$TMP/nb" >"$TMP/nb.txt" 2>/dev/null
check "N-party break-even against the closed form (p^2 = 0.64 at p = 0.8)" python3 -c "
import csv,sys; r=[x for x in csv.DictReader(open('$TMP/nb/breakeven.csv')) if x['assumption']=='p'][0]
sys.exit(0 if r['flips']=='1' and abs(float(r['break_even'])-0.8)<0.015 else 1)"
printf 'kind: nparty\nparties: [{id: A}, {id: B}]\ngame: {kind: pd, R: 3, S: 0, T: 5, P: 1}\nprofiles: [{id: x, default: {strategy: gtft, params: {p: 0.1, q: 2}}}]\n' >"$TMP/badparam.yaml"
expect_exit 2 "a policy parameter the strategy lacks is refused at its place" "$PARLEY" run "$TMP/badparam.yaml"
expect_err_has "badparam.yaml:4:" "... with file:line"
expect_exit 2 "a range over values that differ is refused" "$PARLEY" sensitivity "$dl" --range 'profiles.*.policies.DPRK.params.p=0:1' --range 'game.values.US.*.self=0:1'
expect_err_has "values that differ" "... saying so"
expect_exit 2 "a scenario without ranges is refused" "$PARLEY" sensitivity scenarios/korea/singapore-2018.yaml
expect_err_has "no ranges to analyse" "... saying how to give them"
expect_exit 2 "a bad --range is refused" "$PARLEY" sensitivity "$fix" --range parties.A.policy.all_fist.p=0:1
expect_err_has "did you mean 'all_first'?" "... naming the closest"
expect_exit 2 "a reversed range is refused" "$PARLEY" sensitivity "$fix" --range parties.A.policy.all_first.p=0.6:0.1
expect_exit 2 "an unknown design in --compare is refused" "$PARLEY" sensitivity "$fix" --compare a_first,z_first
expect_err_has "expected two different designs A,B of: a_first, b_first" "... listing the designs"
expect_exit 2 "--sobol below 4 is refused" "$PARLEY" sensitivity "$fix" --sobol 2
printf 'kind: agreement\nsensitivity:\n  ranges:\n    - {path: x, from: 0}\n' >"$TMP/bad.yaml"
expect_exit 2 "a bad ranges block is refused at its place" "$PARLEY" sensitivity "$TMP/bad.yaml"

# ---- in a browser: the new charts and the source list ----
. "$(dirname "$0")/../browser_check.sh"
check "sensitivity.html holds the tornados (bar), the indices and the grid (heatmap)" \
  bash -c "grep -q 'data-kind=\"bar\"' '$TMP/s1/sensitivity.html' && grep -q 'data-kind=\"heatmap\"' '$TMP/s1/sensitivity.html' && grep -q 'Sobol indices of' '$TMP/s1/sensitivity.html'"
check "sensitivity.html opens with the finding" grep -q "Key finding" "$TMP/s1/sensitivity.html"
browser_check "$TMP/s1/sensitivity.html" sensitivity_report 4
browser_labels_inside "$TMP/s1/sensitivity.html" sensitivity_report
browser_tables_fit "$TMP/s1/sensitivity.html" sensitivity_report
browser_labels_inside "$TMP/dl1/sensitivity.html" nparty_sensitivity_report
"$PARLEY" run "$six" --runs 300 --threads 1 --out "$TMP/rep" >/dev/null 2>&1
check "the six-party report draws each variant's sequencing as a graph (4)" [ "$(grep -o 'data-kind="graph"' "$TMP/rep/report.html" | wc -l)" -eq 4 ]
check "the graph highlights what a variant adds (denuclearisation first: relief waits for disablement)" \
  grep -q "<title>HFO-US requires SP-DP-1</title>" "$TMP/rep/report.html"
check "the graph shows what a variant drops, dashed" grep -q "no longer requires" "$TMP/rep/report.html"
check "the report lists the sources, each tag resolved" grep -q '<td>\[C11\]</td><td>WNN 2007-07-16' "$TMP/rep/report.html"
check "the report has key findings and the paired differences" \
  bash -c "grep -q 'Key findings' '$TMP/rep/report.html' && grep -q 'Paired differences in completion' '$TMP/rep/report.html'"
browser_check "$TMP/rep/report.html" agreement_sequencing_and_sources 12
if [ -n "${CHROMIUM:-}" ]; then
  python3 - "$TMP/rep/report.html" "$TMP/graph.svg" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
g = re.findall(r'<svg[^>]*data-kind="graph".*?</svg>', h, re.S)
open(sys.argv[2], 'w').write(g[-1])
PY
  browser_run --screenshot="$PWD/build/screenshots/chart-graph-front-loaded-relief.png" --window-size=1000,560 "file://$TMP/graph.svg" >/dev/null 2>&1
  check "screenshot of a sequencing graph" test -s build/screenshots/chart-graph-front-loaded-relief.png
fi
