# SPDX-License-Identifier: MIT
# agreement_errors.sh — every malformed agreement scenario gets exit 2 and a message
# naming the file, line and column and what was expected; none crashes.
. "$(dirname "$0")/../tap.sh"

head='kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A}
  - {id: B}
verifiers:
  - {id: V, p_confirm: 0.5}'

# bad NAME LINE:COL TEXT BODY — writes HEAD+BODY (or BODY alone when it starts with "kind:") and runs it.
bad() {
  local name=$1 where=$2 text=$3 body=$4 f="$TMP/$1.yaml"
  case "$body" in kind:*) printf '%s\n' "$body" >"$f";; *) printf '%s\n%s\n' "$head" "$body" >"$f";; esac
  TAP_ERR=$("$PARLEY" run "$f" --runs 20 --threads 2 2>&1 >/dev/null </dev/null); local rc=$?
  if [ "$rc" -ne 2 ]; then not_ok "$name: exit $rc, expected 2; stderr: $TAP_ERR"; return; fi
  case "$TAP_ERR" in
    *"$f:$where"*"$text"*) ok "$name (exit 2, $where)";;
    *) not_ok "$name: stderr lacks '$f:$where' then '$text': $TAP_ERR";;
  esac
}

# The cases, one a block: a line "== NAME LINE:COL TEXT" (where the message must point, and what it
# must say), then the scenario's body, up to the next "==" line.
name=
while IFS= read -r line; do
  if [[ $line == '== '* ]]; then
    [ -z "$name" ] || bad "$name" "$where" "$text" "${body%$'\n'}"
    read -r _ name where text <<<"$line"
    body=
  else
    body+=$line$'\n'
  fi
done <<'CASES'
== unknown_party 10:20 unknown party 'C'
steps:
  - {id: x, actor: C}
== unknown_step 10:34 unknown step 'y'
steps:
  - {id: x, actor: A, requires: [y]}
== unknown_step_suggested 11:34 unknown step 'inspecton' (did you mean 'inspection'?)
steps:
  - {id: inspection, actor: A}
  - {id: y, actor: B, requires: [inspecton]}
== requires_cycle 11:33 makes a cycle
steps:
  - {id: x, actor: A, requires: [z]}
  - {id: y, actor: B, requires: [x]}
  - {id: z, actor: A, requires: [y]}
== self_requirement 10:33 requires itself
steps:
  - {id: x, actor: A, requires: [x]}
== never_due_not_before 10:5 can never become due
steps:
  - {id: x, actor: A, not_before: 30}
== never_due_chain 11:33 can never become due
steps:
  - {id: x, actor: A, duration: 30}
  - {id: y, actor: B, requires: [x]}
== never_due_unverifiable 11:33 never confirms
steps:
  - {id: x, actor: A, verification: {by: V, p_confirm: 0}}
  - {id: y, actor: B, requires: [x]}
== negative_quantity 10:33 'quantity' must be between 0
steps:
  - {id: x, actor: A, quantity: -50000}
== text_quantity 10:33 'quantity' must be a number
steps:
  - {id: x, actor: A, quantity: lots}
== negative_duration 10:33 'duration' must be between 0
steps:
  - {id: x, actor: A, duration: -2}
== fractional_duration 10:33 'duration' must be a whole number
steps:
  - {id: x, actor: A, duration: 1.5}
== probability_above_one 12:16 'p' must be between 0 and 1
steps:
  - {id: x, actor: A, reversible: true}
shocks:
  - {id: s, p: 1.5, reverse: [x]}
== negative_probability 10:56 'p_confirm' must be between 0 and 1
steps:
  - {id: x, actor: A, verification: {by: V, p_confirm: -0.1}}
== duplicate_step 11:10 duplicate step id 'x'
steps:
  - {id: x, actor: A}
  - {id: x, actor: B}
== duplicate_party 6:10 duplicate party id 'A'
kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A}
  - {id: A}
steps:
  - {id: x, actor: A}
== duplicate_variant 13:10 duplicate variant id 'v'
steps:
  - {id: x, actor: A}
variants:
  - {id: v}
  - {id: v}
== duplicate_key 12:5 duplicate key 'actor'
steps:
  - id: x
    actor: A
    actor: B
== undefined_verifier 10:37 verifier 'IAEA' is not defined
steps:
  - {id: x, actor: A, verification: IAEA}
== unknown_key_step 10:23 unknown key 'actr' (did you mean 'actor'?)
steps:
  - {id: x, actor: A, actr: B}
== unknown_key_top 9:1 unknown key 'stepz'
stepz:
  - {id: x, actor: A}
== unknown_policy 5:21 unknown policy 'titfortat'
kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A, policy: titfortat}
steps:
  - {id: x, actor: A}
== policy_sum 7:7 add up to 1
kind: agreement
start: 2020-01
horizon: 24
parties:
  - id: A
    policy:
      - {policy: grim, p: 0.5}
      - {policy: hold, p: 0.4}
steps:
  - {id: x, actor: A}
== hold_foreign_step 5:43 not a step of 'A'
kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A, policy: {policy: hold, holds: [y]}}
  - {id: B}
steps:
  - {id: x, actor: A}
  - {id: y, actor: B}
== steps_not_list 9:8 'steps' must be a list
steps: {id: x}
== step_not_map 10:5 a step must be a map
steps:
  - x
== missing_actor 10:5 missing required key 'actor'
steps:
  - {id: x}
== missing_steps 1:1 missing required key 'steps'
kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A}
== missing_horizon 1:1 missing required key 'horizon'
kind: agreement
start: 2020-01
parties:
  - {id: A}
steps:
  - {id: x, actor: A}
== bad_start_date 2:8 'start' must be a date
kind: agreement
start: 2020-13
horizon: 24
parties:
  - {id: A}
steps:
  - {id: x, actor: A}
== deadline_before_start 10:33 before the agreement
steps:
  - {id: x, actor: A, deadline: 2019-05-01}
== deadline_text 10:33 a period number or a date
steps:
  - {id: x, actor: A, deadline: tomorrow}
== reversible_not_bool 10:35 'reversible' must be true or false
steps:
  - {id: x, actor: A, reversible: maybe}
== value_unknown_party 10:31 unknown party 'Z'
steps:
  - {id: x, actor: A, value: {Z: 3}}
== shock_irreversible 12:30 not reversible
steps:
  - {id: x, actor: A}
shocks:
  - {id: s, p: 0.1, reverse: [x]}
== variant_unknown_step 13:16 unknown step 'q'
steps:
  - {id: x, actor: A}
variants:
  - id: v
    requires: {q: [x]}
== variant_cycle 11:33 makes a cycle
steps:
  - {id: x, actor: A}
  - {id: y, actor: B, requires: [x]}
variants:
  - id: v
    requires: {x: [y]}
== claim_unknown_step 13:23 'owed': unknown step 'nope'
steps:
  - {id: x, actor: A}
record:
  claims:
    - {text: t, owed: nope}
  events:
    - {date: 2020-02-01, step: x, event: completed}
== claim_owed_requires_nothing 13:23 step x requires nothing
steps:
  - {id: x, actor: A}
record:
  claims:
    - {text: t, owed: x}
  events:
    - {date: 2020-02-01, step: x, event: completed}
== claim_without_text 14:7 missing required key 'text'
steps:
  - {id: x, actor: A}
  - {id: y, actor: B, requires: [x]}
record:
  claims:
    - {owed: y}
  events:
    - {date: 2020-02-01, step: x, event: completed}
== record_unknown_step 13:32 unknown step 'nope'
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02-01, step: nope, event: completed}
== record_bad_date 13:14 'date' must be YYYY-MM
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02-31, step: x, event: completed}
== record_unknown_event 13:42 unknown event 'finished'
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02-01, step: x, event: finished}
== record_reverses_irreversible 13:7 cannot be reversed
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02-01, step: x, event: reversed}
== record_over_delivery 14:63 more than the 100 promised
steps:
  - {id: x, actor: A, quantity: 100, unit: t, duration: 3}
record:
  events:
    - {date: 2020-02-01, step: x, event: delivered, quantity: 60}
    - {date: 2020-03-01, step: x, event: delivered, quantity: 60}
== wrong_kind_type 4:10 'parties' must be a list
kind: agreement
start: 2020-01
horizon: 24
parties: A
steps:
  - {id: x, actor: A}
== yaml_syntax 11:1 YAML syntax error
steps:
  - {id: x, actor: A
== not_a_map 2:1 YAML syntax error
kind: agreement
- x
== verifier_probability_text 9:22 'p_false' must be a number
kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A}
  - {id: B}
verifiers:
  - {id: V, p_confirm: 0.5}
  - {id: W, p_false: "0.1"}
steps:
  - {id: x, actor: A}
== policy_key_of_other_policy 13:34 'holds' belongs to the policy 'hold', not 'grit'
steps:
  - {id: x, actor: A}
variants:
  - id: v
    policies: {A: {policy: grit, holds: [x]}}
== waits_for_own_step 13:50 names 'x', a step of 'A' itself
steps:
  - {id: x, actor: A}
variants:
  - id: v
    policies: {A: {policy: all_first, waits_for: [x]}}
== empty_policy_list 13:19 a policy list needs at least one entry
steps:
  - {id: x, actor: A}
variants:
  - id: v
    policies: {A: []}
== policy_list_not_maps 13:20 each entry of a policy list must be a map
steps:
  - {id: x, actor: A}
variants:
  - id: v
    policies: {A: [grim]}
== no_parties 4:10 'parties' needs at least one party
kind: agreement
start: 2020-01
horizon: 24
parties: []
steps:
  - {id: x, actor: A}
== no_steps 9:8 'steps' needs at least one step
steps: []
== horizon_zero 3:10 'horizon' must be at least 1 period
kind: agreement
start: 2020-01
horizon: 0
parties:
  - {id: A}
steps:
  - {id: x, actor: A}
== until_before_from 12:37 'until' is before 'from'
steps:
  - {id: x, actor: A}
shocks:
  - {id: s, p: 0.1, from: 5, until: 2}
== record_shock_unnamed 13:7 a 'shock' event names its shock with 'shock:'
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02, event: shock}
== record_unknown_shock 13:44 'shock': unknown shock 'nope'
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02, event: shock, shock: nope}
== record_step_unnamed 13:7 a 'completed' event names its step with 'step:'
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-02, event: completed}
== record_before_start 13:14 date 2019-12 is before the agreement's start (2020-01)
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2019-12, step: x, event: completed}
== record_past_horizon 13:14 past the agreement's horizon (24 periods from 2020-01)
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2023-01, step: x, event: completed}
== record_verifies_before_completing 14:7 verifies step 'x' on 2020-02-01 before it is completed
steps:
  - {id: x, actor: A, verification: V}
record:
  events:
    - {date: 2020-03-01, step: x, event: completed}
    - {date: 2020-02-01, step: x, event: verified}
== record_verifies_never_completed 13:7 verifies step 'x' on 2020-02-01 before it is completed
steps:
  - {id: x, actor: A, verification: V}
record:
  events:
    - {date: 2020-02-01, step: x, event: verified}
== record_restores_never_reversed 14:7 restores step 'x' on 2020-03-01, which it never reversed
steps:
  - {id: x, actor: A, reversible: true}
record:
  events:
    - {date: 2020-02-01, step: x, event: completed}
    - {date: 2020-03-01, step: x, event: restored}
== record_restores_before_reversal 13:7 restores step 'x' on 2020-02-01, which it never reversed
steps:
  - {id: x, actor: A, reversible: true}
record:
  events:
    - {date: 2020-02-01, step: x, event: restored}
    - {date: 2020-01-15, step: x, event: completed}
    - {date: 2020-03-01, step: x, event: reversed}
== record_reverses_never_started 13:7 reverses step 'x' on 2020-02-01, which it never started
steps:
  - {id: x, actor: A, reversible: true}
record:
  events:
    - {date: 2020-02-01, step: x, event: reversed}
== record_reverses_twice 15:7 already reversed on 2020-03-01 (line 14)
steps:
  - {id: x, actor: A, reversible: true}
record:
  events:
    - {date: 2020-02-01, step: x, event: completed}
    - {date: 2020-03-01, step: x, event: reversed}
    - {date: 2020-04-01, step: x, event: reversed}
== record_reverses_irreversible_done 14:7 cannot be reversed
steps:
  - {id: x, actor: A}
record:
  events:
    - {date: 2020-01-15, step: x, event: completed}
    - {date: 2020-02-01, step: x, event: reversed}
== step_per_without_rate 10:23 'per' belongs to a 'rate'
steps:
  - {id: x, actor: A, per: year}
== step_rate_zero 10:29 'rate' must be above 0
steps:
  - {id: x, actor: A, rate: 0}
== step_rate_bad_per 10:37 'per' must be one of month, day, week, quarter, year
steps:
  - {id: x, actor: A, rate: 5, per: fortnight}
== step_until_unknown 10:50 'until' (a step id or a date) must be a period number or a date
steps:
  - {id: x, actor: A, rate: 5, per: year, until: LWR}
== step_start_by_after_deadline 10:52 'start_by' is after its 'deadline'
steps:
  - {id: x, actor: A, deadline: 2020-03, start_by: 2020-05}
== step_agreed_not_bool 10:31 'agreed'
steps:
  - {id: x, actor: A, agreed: maybe}
== yaml_anchor 9:8 YAML anchors (&name) are not supported
steps: &s
  - {id: x, actor: A}
== yaml_complex_key 9:3 a key must be a plain name
? [a, b]
: 1
== yaml_two_documents 11:1 only one YAML document per file is read
steps:
  - {id: x, actor: A}
---
kind: agreement
== name_not_text 9:7 'name' must be a text value, found a list
name: [a]
steps:
  - {id: x, actor: A}
== covert_not_reversible 10:48 is 'covert' but not reversible
steps:
  - {id: x, actor: A, verification: V, covert: {p_detect: 0.1}}
== covert_without_verifier 10:49 is 'covert' but has no verifier to find out
steps:
  - {id: x, actor: A, reversible: true, covert: {p_detect: 0.1}}
== covert_p_detect_zero 10:77 'p_detect' must be above 0
steps:
  - {id: x, actor: A, reversible: true, verification: V, covert: {p_detect: 0}}
== record_detects_not_covert 13:7 finds out a secret withdrawal of step 'x', which has no 'covert:'
steps:
  - {id: x, actor: A, reversible: true, verification: V}
record:
  events:
    - {date: 2020-02-01, step: x, event: detected}
== record_detects_after_reversed 15:7 withdrawn in secret on 2020-04-01, already reversed on 2020-03-01 (line 14)
steps:
  - {id: x, actor: A, reversible: true, verification: V, covert: {p_detect: 0.1}}
record:
  events:
    - {date: 2020-02-01, step: x, event: completed}
    - {date: 2020-03-01, step: x, event: reversed}
    - {date: 2020-04-01, step: x, event: detected}
== read_as_breach_own_step 12:41 reads its own step 'x' as breached
steps:
  - {id: x, actor: A}
shocks:
  - {id: s, p: 0.1, read_as_breach: {A: [x]}}
== shock_flows_unknown_step 12:29 'flows': unknown step 'y'
steps:
  - {id: x, actor: A}
shocks:
  - {id: s, p: 0.1, flows: {y: {A: 1}}}
CASES
bad "$name" "$where" "$text" "${body%$'\n'}"
bad too_many_steps 9:8 "at most 64 steps" "steps: [$(for i in $(seq 1 65); do printf '{id: s%d, actor: A}, ' "$i"; done)]"
ids() { for i in $(seq 1 "$2"); do printf "{id: $1%d$3}, " "$i"; done; }
bad too_many_parties 4:10 "at most 16 parties" "kind: agreement
start: 2020-01
horizon: 24
parties: [$(ids p 17)]
steps:
  - {id: x, actor: p1}"
bad too_many_verifiers 8:12 "at most 16 verifiers" "kind: agreement
start: 2020-01
horizon: 24
parties:
  - {id: A}
steps:
  - {id: x, actor: A}
verifiers: [$(ids v 17)]"
bad too_many_policies 13:19 "at most 8 policies per party" "steps:
  - {id: x, actor: A}
variants:
  - id: v
    policies: {A: [$(for i in $(seq 1 9); do printf '{policy: grim, p: 0.1}, '; done)]}"
bad too_many_variants 11:11 "at most 16 variants" "steps:
  - {id: x, actor: A}
variants: [$(ids v 17)]"
bad too_many_shocks 11:9 "at most 16 shocks" "steps:
  - {id: x, actor: A}
shocks: [$(ids s 17 ', p: 0.1')]"
# an error the validator reports at a place it kept, reached through a key --set made (a p_confirm the
# file leaves to its default): it names the flag, where it once named the file's line of 'requires'
printf '%s\n' "${head%%$'\n'verifiers:*}" 'verifiers:' '  - {id: V}' 'steps:' '  - {id: x, actor: A, verification: {by: V}}' \
  '  - {id: y, actor: B, requires: [x]}' >"$TMP/set_unverifiable.yaml"
for cmd in run fit; do
  expect_exit 2 "$cmd --set a p_confirm of 0 the file leaves out: refused" "$PARLEY" $cmd "$TMP/set_unverifiable.yaml" \
    --runs 20 --set steps.x.verification.p_confirm=0
  expect_err_has "parley $cmd: --set steps.x.verification.p_confirm: step 'y' can never become due: it requires 'x', whose verification never confirms (p_confirm is 0) (a key the file leaves to its default)" \
    "$cmd --set: the error names the flag, not a line of the file"
done
expect_exit 2 "... the verifier's p_confirm made by --set too" "$PARLEY" run "$TMP/set_unverifiable.yaml" --runs 20 --set verifiers.V.p_confirm=0
expect_err_has "parley run: --set verifiers.V.p_confirm: step 'y' can never become due" "... names that flag"
check "... and without --set the file runs" bash -c "'$PARLEY' run '$TMP/set_unverifiable.yaml' --runs 20 >/dev/null 2>&1"
# a file that is not text, and one that is not there
printf 'kind: agreement\n\0\n' >"$TMP/nul.yaml"
expect_exit 2 "a file with a NUL byte is refused" "$PARLEY" run "$TMP/nul.yaml"
expect_err_has "$TMP/nul.yaml:1:1: not a text file" "nul: the message says it is not text"
expect_exit 2 "a missing file is refused" "$PARLEY" run "$TMP/absent.yaml"
expect_err_has "$TMP/absent.yaml: cannot open" "absent: the message says it cannot be opened"
echo "1..$tap_n"
