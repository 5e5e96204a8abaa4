# SPDX-License-Identifier: MIT
# events.sh — the dated event file of drills-and-launches: read at its own resolution, checked line by
# line (file:line:col, exit 2), and the "who answered whom" analysis in the summary, the results
# (events_analysis.csv, results.json) and the report.
. "$(dirname "$0")/../tap.sh"
dl=scenarios/korea/drills-and-launches.yaml
"$PARLEY" run "$dl" --runs 50 --threads 1 --out "$TMP/a" >"$TMP/s.txt" 2>"$TMP/e.txt"
check "drills-and-launches runs with its event file" [ -s "$TMP/a/events_analysis.csv" ]
check "the summary has who answered whom" grep -q "Who answered whom" "$TMP/s.txt"
check "the summary gives the share of launches after drills against the base rate" grep -q "base rate (launches at random" "$TMP/s.txt"
check "the summary says the events are a selection" grep -q "a selection, not a catalogue\|selection, not a catalogue" "$TMP/s.txt"
# the 2019-08-05 drill and the 2019-08-06 launch [K9]; the 2022-10-17 Hoguk and the 10-28 launches [K21]: 2 launches follow a drill
check "events_analysis.csv: 2 of 11 launches within 14 days after a drill starts" grep -q "^launch_within_window_after_drill,2,11," "$TMP/a/events_analysis.csv"
check "results.json carries the events analysis with intervals" python3 -c "
import json; e=json.load(open('$TMP/a/results.json'))['events']
s=e['launch_within_window_after_drill']; assert s['k']==2 and s['n']==11 and s['lo']<s['share']<s['hi'] and 0<s['base_rate']<1
assert e['launch_given_drill_this_or_last_month']['n']>0"
check "the report has the events section" grep -q "Who answered whom: the dated events" "$TMP/a/report.html"
"$PARLEY" run "$dl" --runs 50 --threads 2 --out "$TMP/b" >/dev/null 2>&1
check "events_analysis.csv is byte-identical whatever --threads is" cmp -s "$TMP/a/events_analysis.csv" "$TMP/b/events_analysis.csv"

# the estimated reactions: the summary prints the counts and posterior means a `reaction:` policy plays,
# and the estimated_reactions profile plays the estimated strategy with exactly the counts of this run's estimates
check "the summary has the reactions a reaction: policy plays, a month a period" grep -q "Reactions a .reaction:. policy plays, a 1-month period" "$TMP/s.txt"
check "the estimated_reactions profile plays the counts the events give (DPRK: launches after drills; US, ROK: drills after launches)" python3 -c "
import json,csv; d=json.load(open('$TMP/a/results.json')); e=d['events']
pol={i:x['strategy'] for i,x in {p['id']:p for p in d['profiles']}['estimated_reactions']['parties'].items()}
def spec(a,b):
    s1,s0=e[a],e[b]; v=dict(k1=s1['k'],n1=s1['n'],k0=s0['k'],n0=s0['n'])
    return 'estimated:'+','.join('%s=%d'%(k,x) for k,x in v.items() if x)
want_d=spec('launch_given_drill_this_or_last_month','launch_given_no_drill')
want_a=spec('drill_given_launch_last_month','drill_given_no_launch_last_month')
assert pol['DPRK']==want_d, (pol['DPRK'], want_d)
assert pol['US']==want_a and pol['ROK']==want_a, (pol['US'], want_a)
assert e['launch_given_drill_this_or_last_month']['n']>0"
check "the summary has the estimated_reactions profile" grep -q "estimated_reactions" "$TMP/s.txt"
# the policy draws its rates per run: another events file (the DPRK never launching) makes the DPRK refrain
# under estimated_reactions far more often than the shipped file does
mkdir -p "$TMP/quiet"
grep -v ',DPRK,launch,\|,DPRK,test,' scenarios/korea/drills-and-launches-events.csv >"$TMP/quiet/drills-and-launches-events.csv"
cp "$dl" "$TMP/quiet/drills-and-launches.yaml"
"$PARLEY" run "$TMP/quiet/drills-and-launches.yaml" --runs 50 --threads 1 --out "$TMP/q" >"$TMP/q.txt" 2>"$TMP/q.err"
check "the estimated policy follows the events: without launches in the file, the DPRK refrains more" python3 -c "
import json
def dprk(f):
    d=json.load(open(f)); return {p['id']:p for p in d['profiles']}['estimated_reactions']['parties']['DPRK']['cooperation']
a,q=dprk('$TMP/a/results.json'),dprk('$TMP/q/results.json')
assert q>a+0.03, (a,q)"

# bad NAME LINE:COL TEXT CSV-BODY: the scenario with its event file replaced; exit 2, file:line:col, the text
mkdir -p "$TMP/bad"
bad() {
  local name=$1 where=$2 text=$3 body=$4
  sed 's/file: drills-and-launches-events.csv/file: ev.csv/' "$dl" >"$TMP/bad/$name.yaml"
  printf '%s\n' "$body" >"$TMP/bad/ev.csv"
  TAP_ERR=$("$PARLEY" run "$TMP/bad/$name.yaml" --runs 5 2>&1 >/dev/null); local rc=$?
  if [ "$rc" -ne 2 ]; then not_ok "$name: exit $rc, expected 2; stderr: $TAP_ERR"; return; fi
  case "$TAP_ERR" in
    *"$TMP/bad/ev.csv:$where"*"$text"*) ok "$name (exit 2, $where)";;
    *) not_ok "$name: stderr lacks 'ev.csv:$where' then '$text': $TAP_ERR";;
  esac
}
H='date,actor,kind,event,intensity,unit,source'
bad bad_header 1:6 "the header must be" "date,who,kind,event,intensity,unit,source"
bad bad_date 2:1 "'date' must be a real date" "$H
2019-02-30,DPRK,launch,x,,,[K1]"
bad bad_kind 2:17 "unknown kind 'missile'" "$H
2019-05-04,DPRK,missile,x,,,[K1]"
bad bad_intensity 2:26 "'intensity' must be a number" "$H
2019-05-04,DPRK,launch,x,two,missiles,[K1]"
bad negative_intensity 2:26 "'intensity' must be a number" "$H
2019-05-04,DPRK,launch,x,-2,missiles,[K1]"
bad intensity_without_unit 2:28 "needs its 'unit'" "$H
2019-05-04,DPRK,launch,x,2,,[K1]"
bad untagged 2:28 "'source' needs a fact-sheet tag" "$H
2019-05-04,DPRK,launch,x,,,LA Times"
bad too_few_fields 2:1 "expected 7 fields" "$H
2019-05-04,DPRK,launch,x"
bad unclosed_quote 2:24 "a quoted field is not closed" "$H
2019-05-04,DPRK,launch,\"x,,,[K1]"
bad empty_actor 2:12 "'actor' is empty" "$H
2019-05-04,,launch,x,,,[K1]"
bad no_events 1:1 "no events after the header" "$H"
sed 's/file: drills-and-launches-events.csv/file: absent.csv/' "$dl" >"$TMP/bad/absent.yaml"
expect_exit 2 "a missing event file is refused" "$PARLEY" run "$TMP/bad/absent.yaml" --runs 5
expect_err_has "absent.csv: cannot open" "the message names the missing file"
echo "1..$tap_n"
