# SPDX-License-Identifier: MIT
# nparty_errors.sh — malformed N-party scenarios: each is refused with exit 2 and a message naming
# file:line:col and what was expected.  One TAP line for the exit code, one for the message.
. "$(dirname "$0")/../tap.sh"
cat >"$TMP/base.yaml" <<'YAML'
kind: nparty
name: three parties
runs: 20
periods: 10
noise: 0.01
parties:
  - {id: A, actions: [restrain, escalate]}
  - {id: B, actions: [restrain, escalate]}
  - {id: C, actions: [restrain, mild, escalate], cooperative: [restrain, mild]}
blocs:
  - {id: AB, members: [A, B], rule: any}
game:
  kind: additive
  values:
    A: {escalate: {self: 1, B: -2, C: -2}}
    B: {escalate: {self: 1, A: -2, C: -2}}
    C: {escalate: {self: 2, A: -3, B: -3}, mild: {self: 1, A: -1}}
record:
  - {period: one, A: escalate, C: {did: mild, source: "[X1]"}}
shock: {party: C, period: 3}
profiles:
  - id: p1
    policies:
      A: {strategy: ttft, watch: [C]}
      B: {strategy: tft, watch: [C, A], aggregate: all}
      C: {strategy: ttft, watch: [AB]}
sources: {X1: "a source of the test"}
YAML
# bad NAME LINE:COL TEXT PYTHON-EDIT: writes a variant of base.yaml, expects exit 2 and "NAME.yaml:LINE:COL: ...TEXT"
bad() {
  local name=$1 pos=$2 text=$3 edit=$4
  python3 - "$TMP/base.yaml" "$TMP/$name.yaml" "$edit" <<'PY'
import sys
src, dst, edit = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(src).read()
old, new = [x.replace("\\n", "\n") for x in edit.split(" => ")]
if old not in s: sys.exit("edit does not apply: " + old)
open(dst, "w").write(s.replace(old, new, 1))
PY
  expect_exit 2 "$name is refused" "$PARLEY" run "$TMP/$name.yaml"
  expect_err_has "$name.yaml:$pos: " "$name: the position is named"
  expect_err_has "$text" "$name: the message says what was expected"
}
expect_exit 0 "the base scenario runs" "$PARLEY" run "$TMP/base.yaml"
# The cases, one a line: NAME | LINE:COL | what the message must say | the edit of base.yaml
# (OLD => NEW, \n for a line break); the columns are split at " | ".
while IFS= read -r row; do
  IFS='|' read -r name pos text edit <<<"${row// | /|}"
  bad $name $pos "$text" "$edit" </dev/null
done <<'CASES'
unknown_key             | 4:1   | did you mean 'periods' | periods: 10 => period_s: 10
runs_zero               | 3:7   | 'runs' must be between 1 | runs: 20 => runs: 0
noise_above_one         | 5:8   | 'noise' must be between 0 and 1 | noise: 0.01 => noise: 1.5
yaml_syntax             | 7:41  | YAML syntax error | actions: [restrain, escalate]} => actions: [restrain, escalate}
party_no_id             | 7:5   | missing required key 'id' | {id: A, actions => {name: A, actions
party_twice             | 8:10  | party 'A' is listed twice | {id: B, actions => {id: A, actions
one_action              | 7:22  | 2 to 16 actions | {id: A, actions: [restrain, escalate]} => {id: A, actions: [restrain]}
last_action_cooperative | 9:63  | cannot be cooperative | cooperative: [restrain, mild] => cooperative: [restrain, escalate]
bloc_unknown_member     | 11:27 | unknown party 'D'; the parties are: A, B, C | members: [A, B] => members: [A, D]
bloc_rule               | 11:37 | expected any, all, majority or a count | rule: any => rule: most
bloc_named_like_party   | 11:10 | already names a party | {id: AB, => {id: A,
game_kind               | 13:9  | unknown game kind 'addditive' | kind: additive => kind: addditive
pd_three_actions        | 13:9  | two actions (C, D); C has 3 | kind: additive => kind: pd
additive_action         | 15:9  | party A has no action 'escalat'; its actions are: restrain, escalate | A: {escalate: {self: 1, B => A: {escalat: {self: 1, B
additive_value          | 15:26 | must be a number | {self: 1, B: -2 => {self: high, B: -2
record_party            | 19:32 | expected period, note or a party | C: {did: mild => D: {did: mild
record_action           | 19:22 | party A has no action 'esc' | A: escalate, C => A: esc, C
record_no_source        | 19:35 | missing required key 'source' | {did: mild, source: "[X1]"} => {did: mild}
source_tag_unresolved   | 19:55 | source tag [X2] is not in the scenario's 'sources:' (did you mean [X1]?) | source: "[X1]"} => source: "[X2]"}
shock_period            | 20:27 | 'period' must be between 1 and 9 | period: 3} => period: 30}
shock_party             | 20:16 | unknown party 'Z' | {party: C => {party: Z
profile_missing_party   | 24:7  | gives no policy to C |       C: {strategy: ttft, watch: [AB]}\n => \n
unknown_strategy        | 24:21 | closest known | strategy: ttft, watch: [C]} => strategy: tfft, watch: [C]}
strategy_param          | 24:21 | 'k' must be a whole number | strategy: ttft, watch: [C]} => strategy: "ttft:k=x", watch: [C]}
watch_unknown           | 24:35 | 'Q' is neither a party nor a bloc | watch: [C]} => watch: [Q]}
watch_self              | 24:35 | A cannot watch itself | watch: [C]} => watch: [A]}
aggregate_native        | 26:51 | 'aggregate' applies to a two-party strategy | C: {strategy: ttft, watch: [AB]} => C: {strategy: ttft, watch: [AB], aggregate: all}
aggregate_value         | 25:52 | expected any, all, majority or a count | aggregate: all => aggregate: lots
profile_twice           | 23:9  | profile 'p1' is listed twice | profiles:\n => profiles:\n  - {id: p1, default: cooperator}\n
opening_action          | 24:18 | party A has no action 'calm' |   - id: p1\n => \n  - id: p1\n    opening: {A: calm}\n
tournament_group        | 21:43 | 'group_size' must be between 2 and 16 | profiles:\n => tournament: {players: [ttft], group_size: 40}\nprofiles:\n
tournament_player       | 21:24 | unknown strategy 'nonesuch' | profiles:\n => tournament: {players: [nonesuch], group_size: 3}\nprofiles:\n
table_missing_row       | 15:5  | no row for the joint action [escalate, restrain, restrain] (12 rows needed) | additive\n  values:\n    A: {escalate: {self: 1, B: -2, C: -2}}\n    B: {escalate: {self: 1, A: -2, C: -2}}\n    C: {escalate: {self: 2, A: -3, B: -3}, mild: {self: 1, A: -1}} => table\n  payoffs:\n    - {actions: [restrain, restrain, restrain], payoffs: [0, 0, 0]}
bloc_no_members         | 11:5  | missing required key 'members' | {id: AB, members: [A, B], rule: any} => {id: AB, rule: any}
tournament_no_players   | 21:13 | missing required key 'players' | profiles:\n => tournament: {group_size: 3}\nprofiles:\n
bloc_empty              | 11:23 | a bloc needs at least one member | members: [A, B] => members: []
watch_bloc_of_self      | 26:35 | bloc AB holds only C itself | members: [A, B] => members: [C]
table_row_width         | 15:17 | expected 3 entries, one per party in order, found 2 | additive\n  values:\n    A: {escalate: {self: 1, B: -2, C: -2}}\n    B: {escalate: {self: 1, A: -2, C: -2}}\n    C: {escalate: {self: 2, A: -3, B: -3}, mild: {self: 1, A: -1}} => table\n  payoffs:\n    - {actions: [restrain, restrain], payoffs: [0, 0, 0]}
no_profiles             | 21:11 | expected 1 to 32 profiles, found 0 | profiles:\n  - id: p1\n    policies:\n      A: {strategy: ttft, watch: [C]}\n      B: {strategy: tft, watch: [C, A], aggregate: all}\n      C: {strategy: ttft, watch: [AB]}\n => profiles: []\n
tournament_no_player    | 21:23 | a tournament needs at least one player | profiles:\n => tournament: {players: [], group_size: 3}\nprofiles:\n
restraint_no_party      | 21:22 | 'parties' needs at least one party | profiles:\n => restraint: {parties: []}\nprofiles:\n
sensitivity_no_value    | 21:41 | expected 1 to 16 values, found 0 | profiles:\n => sensitivity: {parameter: noise, values: []}\nprofiles:\n
sensitivity_param       | 21:26 | expected noise or observation_noise | profiles:\n => sensitivity: {parameter: delay, values: [1]}\nprofiles:\n
sensitivity_value       | 21:45 | a probability must be between 0 and 1 | profiles:\n => sensitivity: {parameter: noise, values: [0, 1.5]}\nprofiles:\n
intensity_action        | 7:70  | party A has no action 'escalat' | {id: A, actions: [restrain, escalate]} => {id: A, actions: [restrain, escalate], intensity: {unit: troops, escalat: 5}}
intensity_no_unit       | 7:55  | missing required key 'unit' | {id: A, actions: [restrain, escalate]} => {id: A, actions: [restrain, escalate], intensity: {escalate: 5}}
per_unit_no_intensity   | 15:9  | 'per_unit' values scale with A's intensity, but A declares none | A: {escalate: {self: 1, B: -2, C: -2}} => A: {per_unit: {B: -1}, escalate: {self: 1}}
reaction_without_events | 24:21 | is estimated from the dated events: the scenario needs 'events: {file: ...}' | A: {strategy: ttft, watch: [C]} => A: {reaction: launch_after_drill, watch: [C]}
calendar_span_mismatch  | 6:40  | a month period makes 12 periods a year, but the calendar says per_year: 2 | periods: 10\n => periods: 10\nperiod: month\ncalendar: {start_year: 2020, per_year: 2}\n
record_label_calendar   | 20:14 | record period 1 is 'one', expected '2020H1' | periods: 10\n => periods: 10\ncalendar: {start_year: 2020, per_year: 2}\n
CASES
bad too_many_assumptions 3:14 "at most 32 assumptions" "name: three parties\n => name: three parties\nassumptions: [$(for i in $(seq 1 33); do printf 'a%d, ' "$i"; done)]\n"
