# SPDX-License-Identifier: MIT
# play_scenario.sh — `parley play SCENARIO.yaml --as PARTY`, both kinds, driven by scripted input.
. "$(dirname "$0")/../tap.sh"
DRILLS=scenarios/korea/drills-and-launches.yaml
SIX=scenarios/korea/six-party-2007.yaml

# ---- an N-party game: the DPRK in the action-reaction profile ----------------------------
out=$(printf 'refrain\n2\nx\n\nrefrain\n?\nh\nq\n' | "$PARLEY" play $DRILLS --as DPRK 2>"$TMP/err"); rc=$?
check "nparty: scripted game exits 0" [ "$rc" -eq 0 ]
check "nparty: stderr stays empty" [ ! -s "$TMP/err" ]
check "nparty: names the party and the profile" grep -qF "You play DPRK (Democratic People's Republic of Korea). The others follow the profile 'action_reaction'" <<<"$out"
check "nparty: lists the actions, most restrained first" grep -qF "Your actions, most restrained first: 1 refrain, 2 launch, 3 nuclear_test." <<<"$out"
check "nparty: shows the record first" grep -qF "The record (the prelude of every run" <<<"$out"
check "nparty: the board names the period" grep -qF "2023-01 (month 1 of 72)" <<<"$out"
check "nparty: the board has a row per party and bloc" bash -c 'grep -qE "^  DPRK \(you\) " <<<"$1" && grep -qE "^  \[allies\] " <<<"$1" && grep -qE "^  \[council\] " <<<"$1"' _ "$out"
check "nparty: the board has payoffs, the column headed by its period" grep -qE " 2023-01 +2023-01 +total$" <<<"$out"
check "nparty: a line under the board says what the payoff columns are (issue 15)" \
  grep -qF "  the 2023-01 column: each party's payoff that month; total: since 2023-01, the first after the record" <<<"$out"
check "nparty: the header no longer says 'last and total' unexplained" bash -c '! grep -qF "(last and total" <<<"$1"' _ "$out"
check "nparty: an action by name is played" grep -qF "  you: refrain, -5.25 this month" <<<"$out"
check "nparty: an action by number is played" grep -qF "  you: launch, +2 this month" <<<"$out"
check "nparty: escalations show in capitals" grep -qE "^  DPRK \(you\) .*LAUNCH" <<<"$out"
check "nparty: an invalid move re-prompts" grep -qF "'x' is not an action of DPRK: type one of 1 refrain, 2 launch, 3 nuclear_test" <<<"$out"
check "nparty: an empty line re-prompts" grep -qF "  type one of your actions (1 refrain" <<<"$out"
check "nparty: ? gives the help" grep -qF "came out other than chosen (noise) ends in '~'" <<<"$out"
check "nparty: q quits with a summary" grep -qF "You quit after 3 months." <<<"$out"
check "nparty: the summary has the payoffs and restraint" grep -qE "^  DPRK \(you\) +-?[0-9.]+ +-?[0-9.]+ +2 of 3 " <<<"$out"
check "nparty: the summary compares with the party's policy" grep -qF "Your party's own policy in 'action_reaction' (Tit For Tat), on the same random stream (seed 1), would have scored" <<<"$out"
check "nparty: the summary gives escalation" grep -qF "You played: first escalation in 2023-01" <<<"$out"
check "nparty: ... and whose it was, with the action (issue 15)" \
  grep -qE "^You played: first escalation in 2023-01 \(month 1\), by US \(large_drill\)" <<<"$out"
check "nparty: the policy's line names the party's policy where it escalated" \
  grep -qE "^With your policy: first escalation in 2023-01 \(month 1\), by .*your policy \(nuclear_test\)" <<<"$out"
check "nparty: the prompt came back after each invalid line" [ "$(grep -c '^your move, DPRK' <<<"$out")" -eq 8 ]

# End of input before the end: a clean stop with the summary; no input at all too.
out=$(printf '1\n' | "$PARLEY" play $DRILLS --as US --profile double_suspension); rc=$?
check "nparty: end of input exits 0" [ "$rc" -eq 0 ]
check "nparty: end of input says so" grep -qF "End of input: the game stops after 1 month." <<<"$out"
check "nparty: the profile's opening is shown, yours left to you" grep -qF "for you it suggests suspend (your choice)" <<<"$out"
out=$("$PARLEY" play $DRILLS --as Japan </dev/null); rc=$?
check "nparty: no input at all exits 0 with a summary" bash -c '[ "$1" -eq 0 ] && grep -qF "End of input: the game stops after 0 months." <<<"$2"' _ "$rc" "$out"

# The same engine as `parley run`: playing every period what the party's own policy
# plays (the DPRK's tit for tat, unconditional restraint's cooperators) gives its payoff.
out=$(yes suspend | head -72 | "$PARLEY" play $DRILLS --as US --profile unconditional_restraint)
check "nparty: a full game ends after its periods" grep -qF "Game over after 72 months." <<<"$out"
check "nparty: playing as the policy plays scores what the policy scores" \
  grep -qE "^  US \(you\) +(-?[0-9.]+) +-?[0-9.]+ +([0-9]+) of 72 +\1 \(restraint \2\)$" <<<"$out"
check "nparty: a full game as the policy is run 0 of parley run" grep -qF "this is run 0 of 'parley run' for this profile" <<<"$out"
a=$(yes 2 | head -24 | "$PARLEY" play $DRILLS --as DPRK --seed 5); b=$(yes 2 | head -24 | "$PARLEY" play $DRILLS --as DPRK --seed 5)
check "nparty: same seed, same game" [ "$a" = "$b" ]
c=$(yes 2 | head -24 | "$PARLEY" play $DRILLS --as DPRK --seed 6)
check "nparty: another seed, another game" [ "$a" != "$c" ]

# ---- an agreement: the DPRK in the six-party talks ----------------------------------------
# the scripted game reads a run of the first edition's rules (no `behaviour:` block): what it shows
# at each period is then the rules' own, not a tremble's or a logit draw's
sed '/^# How the parties choose/,$d' $SIX > "$TMP/six-rules.yaml"
out=$(printf '1\nw\nfoo\nIA-US-1\nr 2\nr 1\n?\nl\nw 3\nend\n' | "$PARLEY" play "$TMP/six-rules.yaml" --as DPRK 2>"$TMP/err"); rc=$?
check "agreement: scripted game exits 0" [ "$rc" -eq 0 ]
check "agreement: stderr stays empty" [ ! -s "$TMP/err" ]
check "agreement: names the party and the sequencing" grep -qF "You play DPRK (Democratic People's Republic of Korea) under the sequencing 'action_for_action': 48 periods, 2007-02 to 2011-01." <<<"$out"
check "agreement: lists the party's steps" grep -qE "^ +1  IA-DP-1 +Shut down and seal the Yongbyon facility" <<<"$out"
check "agreement: the board names the period" grep -qF "2007-03 (period 2 of 48)" <<<"$out"
check "agreement: the board shows what is verified" grep -qE "^  verified +IA-US-1, IA-JP-1, IA-WG$" <<<"$out"
check "agreement: the board shows what is due" grep -qE "^  due +BDA-US, IA-5P-1, IA-US-1, IA-JP-1, IA-WG$" <<<"$out"
check "agreement: the board shows what is under way" grep -qE "^  under way +IA-5P-1" <<<"$out"
check "agreement: the board shows your steps and what you may do" grep -qE "^ +1  IA-DP-1 +verified +you may reverse it$" <<<"$out"
# a step held back by its not_before date is waiting, not due, and the board says until when
# (it once showed SP-DP-1 "due" from 2007-03 with nothing the player could do about it)
check "agreement: a second-phase step waits for its date (not_before 2007-10-03)" grep -qE "^ +3  SP-DP-1 +waiting +not before 2007-10$" <<<"$out"
check "agreement: no step is shown due before its date" bash -c '! grep -qE "^ +[34]  SP-DP-[12] +due" <<<"$1"' _ "$out"
check "agreement: the board shows the payoffs" grep -qF "  payoffs so far: DPRK (you) 1.7, US 2.2" <<<"$out"
check "agreement: your start is logged" grep -qF "IA-DP-1 started (you)" <<<"$out"
check "agreement: verification is logged" grep -qF "2007-03: IA-DP-1 verified" <<<"$out"
check "agreement: an unknown step re-prompts" grep -qF "'foo' is not one of your steps: type their numbers (1-4) or ids" <<<"$out"
check "agreement: another party's step is refused" grep -qF "IA-US-1 is a step of US, not yours" <<<"$out"
check "agreement: a step not in force cannot be reversed" grep -qF "IA-DP-2 cannot be reversed now (it is due)" <<<"$out"
check "agreement: your reversal is logged" grep -qF "IA-DP-1 reversed (you)" <<<"$out"
check "agreement: ? gives the help" grep -qF "r 2            reverse your step 2" <<<"$out"
# the second phase may start only from 2007-10-03 [E1]: what hung on the shutdown is waiting again, nothing was under way
check "agreement: the answers to your reversal show" grep -qE "^  waiting +SP-US-TWEA, SP-US-SST, HFO-US, HFO-RU, AID-ROK, AID-CN, AID-JP$" <<<"$out"
check "agreement: end waits to the horizon" grep -qF "The horizon is reached: 48 periods, 2007-02 to 2011-01." <<<"$out"
check "agreement: the summary names who reversed first" grep -qF "You played: never complete; does not hold at the end; first to reverse: DPRK (IA-DP-1, 2007-04)." <<<"$out"
check "agreement: the summary compares with the reciprocal policy" grep -qE "^With the reference policy: every core step in force in 2009-06 \(period 29\); holds at the end" <<<"$out"
check "agreement: the summary has the payoffs, both ways" grep -qE "^  DPRK \(you\) +2\.4 +-0\.35   you$" <<<"$out"
check "agreement: the summary reveals the others' policies" grep -qE "^  US +[-0-9.]+ +[-0-9.]+   all_first$" <<<"$out"

# Playing the reciprocal policy's moves by hand gives the reference run exactly.
out=$("$PARLEY" play $SIX --as US </dev/null)
check "agreement: end of input exits cleanly with a summary" grep -qF "End of input: the game stops after 0 periods." <<<"$out"
out=$(printf 's 1 2 3\n' | "$PARLEY" play $SIX --as CN --variant front_loaded_relief 2>&1)
check "agreement: --variant picks the sequencing" grep -qF "under the sequencing 'front_loaded_relief'" <<<"$out"
out=$(printf 'end\n' | "$PARLEY" play $SIX --as JP --reference unconditional)
check "agreement: --reference names the policy compared with" grep -qF "You are compared with the unconditional policy" <<<"$out"

# ---- bad input: exit 2, naming the flag or the file:line:col -----------------------------
expect_exit 2 "no --as lists the parties" "$PARLEY" play $SIX
expect_err_has "parties in $SIX: DPRK, US, ROK, CN, RU, JP" "no --as: the parties are listed"
expect_exit 2 "an unknown party" "$PARLEY" play $DRILLS --as Korea
expect_err_has "--as: no party 'Korea' in $DRILLS; parties: US, ROK, DPRK, China, Russia, Japan" "an unknown party: the parties are listed"
expect_exit 2 "an unknown profile" "$PARLEY" play $DRILLS --as US --profile nope
expect_err_has "--profile: no profile 'nope'" "an unknown profile is named"
expect_exit 2 "an unknown variant" "$PARLEY" play $SIX --as US --variant nope
expect_err_has "--variant: no variant 'nope'" "an unknown variant is named"
expect_exit 2 "--profile on an agreement" "$PARLEY" play $SIX --as US --profile x
expect_err_has "--profile is for N-party games" "--profile on an agreement says why"
expect_exit 2 "--variant on an N-party game" "$PARLEY" play $DRILLS --as US --variant x
expect_err_has "--variant is for agreements" "--variant on an N-party game says why"
expect_exit 2 "--turns on a scenario" "$PARLEY" play $DRILLS --as US --turns 5
expect_err_has "--turns is for a game against a strategy" "--turns on a scenario is named"
expect_exit 2 "a bad --seed" "$PARLEY" play $DRILLS --as US --seed x
expect_err_has "--seed:" "a bad --seed is named"
expect_exit 2 "a bad --reference" "$PARLEY" play $SIX --as US --reference hold
expect_err_has "--reference: reference policy 'hold'" "a bad --reference is named"
expect_exit 2 "a missing scenario file" "$PARLEY" play "$TMP/none.yaml" --as US
expect_err_has "none.yaml: cannot open" "a missing scenario file is named"
expect_exit 2 "--as without a scenario" "$PARLEY" play tft --as US
expect_err_has "'tft' is not a scenario file" "--as without a scenario says so"
printf 'kind: tournament\nname: x\n' >"$TMP/t.yaml"
expect_exit 2 "a scenario of another kind" "$PARLEY" play "$TMP/t.yaml" --as US
expect_err_has "t.yaml:1:7: unknown scenario kind 'tournament'; expected one of: agreement, nparty" "the wrong kind is named with line and column"
printf 'kind: nparty\nparties:\n  - {id: A, actions: [c, d]}\n  - {id: B, actions: [c, d], colour: red}\n' >"$TMP/bad.yaml"
expect_exit 2 "a broken scenario" "$PARLEY" play "$TMP/bad.yaml" --as A
expect_err_has "bad.yaml:4:" "a broken scenario names its line"
expect_exit 2 "a pairwise game" "$PARLEY" play scenarios/games/pairwise.yaml --as A
out=$("$PARLEY" play --help)
check "play --help shows the scenario form" grep -qF "parley play SCENARIO.yaml --as PARTY" <<<"$out"
out=$("$PARLEY" play $SIX --help)
check "play SCENARIO --help gives the scenario flags" grep -qF "  --as PARTY" <<<"$out"

# ---- what is typed is echoed and quoted back sanitised: an escape sequence drives no terminal ----
for f in "$DRILLS --as DPRK" "$SIX --as US"; do
  out=$(printf '\033]0;owned\007x\033[2J\nq\n' | "$PARLEY" play $f 2>&1)
  check "$(basename ${f%% *}): an escape typed is not echoed raw (it once was, in both scenario front ends)" \
    bash -c '! grep -q $'"'"'\033'"'"' <<<"$1" && grep -qF "?]0;owned?x?[2J" <<<"$1"' _ "$out"
done

# a long list on the agreement board wraps with the comma at the end of the line, never at the
# start of the next (issue 15: lists wrapped with a leading comma)
out=$("$PARLEY" play $SIX --as ROK </dev/null 2>/dev/null)
check "agreement: a wrapped list goes on under its first item" grep -qE "^ {25}[A-Z]" <<<"$out"
check "agreement: no line of the board starts with a comma" bash -c '! grep -qE "^ +," <<<"$1"' _ "$out"
check "agreement: the line that wraps ends with its comma" grep -qE "^  waiting +.*,$" <<<"$out"

# --set (issue 11): the scenario changed for the game, the changes listed on the opening screen
out=$(printf 'end\n' | "$PARLEY" play $SIX --as US --set horizon=40 --set parties.DPRK.policy.opportunist.p=0.5 2>&1); rc=$?
check "agreement --set: exits 0" [ "$rc" -eq 0 ]
check "agreement --set: the opening screen lists the changes first, as parley run's summary" \
  bash -c 'head -3 <<<"$1" | tr "\n" "|" | grep -qF "Assumptions changed from the file (--set):|  horizon = 40 (the file: 48)|  parties.DPRK.policy.opportunist.p = 0.5 (the file: 0.2)|"' _ "$out"
check "agreement --set: ... and the rescaled DPRK types" \
  grep -qF "  parties.DPRK.policy.reciprocal.p = 0.3125 (the file: 0.5; rescaled so that its list still adds up to 1)" <<<"$out"
check "agreement --set: the game is the one set (40 periods, not 48)" \
  bash -c 'grep -qF "40 periods, 2007-02 to 2010-05." <<<"$1" && grep -qF "The horizon is reached: 40 periods" <<<"$1"' _ "$out"
out=$(printf 'q\n' | "$PARLEY" play $DRILLS --as DPRK --set periods=36 2>&1); rc=$?
check "nparty --set: exits 0" [ "$rc" -eq 0 ]
check "nparty --set: the opening screen lists the change" grep -qF "  periods = 36 (the file: 72)" <<<"$out"
check "nparty --set: the game is the one set (36 months)" grep -qF "36 months, 2023-01 to 2025-12, after the record of 72." <<<"$out"
expect_exit 2 "nparty --set: a key that is not one" "$PARLEY" play $DRILLS --as DPRK --set perods=36
expect_err_has "parley play: --set path 'perods': no key 'perods' in the top level (did you mean 'periods'?)" \
  "nparty --set: a bad path names the flag and the closest key"
expect_exit 2 "agreement --set: a party that is not one" "$PARLEY" play $SIX --as US --set parties.DPRQ.policy.grim.p=0.1
expect_err_has "(did you mean 'DPRK'?)" "agreement --set: ... with the closest id"
expect_exit 2 "--set on a game against a strategy is refused as a scenario flag" "$PARLEY" play tft --set horizon=3
expect_err_has "is not a scenario file (.yaml); --as, --profile, --variant, --reference and --set play one party" "... saying so"
