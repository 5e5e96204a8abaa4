# SPDX-License-Identifier: MIT
# hostile_input.sh — input built to hurt (issue 9): each case is refused with exit 2 and a message
# that places it, never a crash and never a silent success.
. "$(dirname "$0")/../tap.sh"

# a YAML document nested 35,000 levels deep once overflowed the stack of the tree builder (SIGSEGV)
awk 'BEGIN { for (i = 0; i < 35000; i++) printf "- "; print "x" }' >"$TMP/deep-block.yaml"
awk 'BEGIN { for (i = 0; i < 35000; i++) printf "["; for (i = 0; i < 35000; i++) printf "]"; print "" }' >"$TMP/deep-flow.yaml"
for style in block flow; do
  expect_exit 2 "run: a $style document nested 35,000 deep is refused" "$PARLEY" run "$TMP/deep-$style.yaml"
  expect_err_has "$TMP/deep-$style.yaml:1:" "run: the $style refusal names file:line:col"
  expect_err_has "nested deeper than" "run: the $style refusal says what is wrong"
  expect_exit 2 "play: a $style document nested 35,000 deep is refused" "$PARLEY" play "$TMP/deep-$style.yaml" </dev/null
done

# ---- numbers: one reader for every flag and field ----------------------------------------------
expect_exit 2 "--turns 0x10 is refused (it was once read as 16)" "$PARLEY" match tft tft --turns 0x10
expect_err_has "--turns: expected a whole number from 1 to 100000000 in decimal, got '0x10'" "the hex refusal names the flag and says why"
expect_exit 2 "--noise 0x0 is refused" "$PARLEY" match tft tft --noise 0x0
expect_exit 2 "a strategy parameter in hex is refused" "$PARLEY" match gtft:p=0x1 tft
expect_err_has "'p': expected a number in decimal, got '0x1'" "the parameter's refusal names it"
expect_exit 2 "a payoff in hex is refused" "$PARLEY" match tft tft --game 3,0,5,0x1
expect_exit 2 "--noise 1e-400 is refused" "$PARLEY" match tft tft --noise 1e-400
expect_err_has "(too small" "an underflow is called too small, not 'not a number'"
expect_exit 2 "--turns ' 5' (a leading space) is refused" "$PARLEY" match tft tft --turns " 5"
expect_err_has "without spaces around it, got ' 5'" "the space refusal says so"
cat >"$TMP/hexruns.yaml" <<'Y'
kind: nparty
runs: 0x10
parties: [{id: A}, {id: B}]
game: {kind: pairwise, R: 3, S: 0, T: 5, P: 1}
profiles: [{id: p, default: tft}]
Y
expect_exit 2 "runs: 0x10 in a scenario is refused" "$PARLEY" run "$TMP/hexruns.yaml"
expect_err_has "hexruns.yaml:2:7: 'runs' must be a whole number in decimal, found '0x10'" "the file's refusal is placed and says why"
sed 's/^runs: 0x10$/noise: 1e-400/' "$TMP/hexruns.yaml" >"$TMP/tiny.yaml"
expect_exit 2 "noise: 1e-400 in a scenario is refused" "$PARLEY" run "$TMP/tiny.yaml"
expect_err_has "tiny.yaml:2:8: 'noise' is too small" "the underflow in a file is called too small"

# ---- scores that overflowed -------------------------------------------------------------------
expect_exit 2 "--game 1e308,... is refused (the scores once overflowed and the JSON lost them)" \
  "$PARLEY" match tft tft --game 1e308,0,1.5e308,1 --json
expect_err_has "--game: R (number 1 of R,S,T,P): expected a number from -1e+15 to 1e+15" "the payoff bound is named"
out=$("$PARLEY" match tft tft --game 1e15,0,1e15,1 --turns 1000 --json)
check "the largest payoffs still give both scores" grep -q '"a_score":1e18,"b_score":1e18' <<<"$out"

# ---- seeds over the full 64-bit range ---------------------------------------------------------
expect_exit 2 "--seed ' -1' is refused (it was once taken as 2^64 - 1)" "$PARLEY" match tft tft --seed " -1"
expect_exit 2 "--seed -1 is refused" "$PARLEY" match tft tft --seed -1
expect_exit 2 "--seed 2^64 is refused" "$PARLEY" match tft tft --seed 18446744073709551616
expect_err_has "(too large)" "2^64 is called too large"
"$PARLEY" tournament --players tft,gtft,random --turns 20 --repetitions 2 --seed 18446744073709551615 --out "$TMP/s1" >/dev/null 2>&1
seed=$(sed -n 's/.*"seed": *"\{0,1\}\([0-9-]*\)"\{0,1\}.*/\1/p' "$TMP/s1/results.json")
check "the seed 2^64 - 1 is written exactly (it was once -1)" [ "$seed" = 18446744073709551615 ]
check "it is written as a string, which JSON readers hold exactly" grep -q '"seed": "18446744073709551615"' "$TMP/s1/results.json"
"$PARLEY" tournament --players tft,gtft,random --turns 20 --repetitions 2 --seed "$seed" --out "$TMP/s2" >/dev/null 2>&1
check "the seed read back from results.json gives the same results" cmp -s "$TMP/s1/results.json" "$TMP/s2/results.json"
"$PARLEY" tournament --players tft,gtft,random --turns 20 --repetitions 2 --seed 18446744073709551614 --out "$TMP/s3" >/dev/null 2>&1
check "a neighbouring seed gives other results (the seed is really used)" eval '! cmp -s "$TMP/s1/summary.csv" "$TMP/s3/summary.csv"' 
mkdir -p "$TMP/plain" "$TMP/quoted"
sed 's/^runs: 0x10$/runs: 20\nseed: 9007199254740993/' "$TMP/hexruns.yaml" >"$TMP/plain/bigseed.yaml"
(cd "$TMP/plain" && "$PARLEY" run bigseed.yaml --out "$TMP/b1" >/dev/null 2>&1)
check "a scenario seed above 2^53 is kept exactly (it was once rounded)" grep -q '"seed": "9007199254740993"' "$TMP/b1/results.json"
sed 's/^runs: 0x10$/runs: 20\nseed: "9007199254740993"/' "$TMP/hexruns.yaml" >"$TMP/quoted/bigseed.yaml"
(cd "$TMP/quoted" && "$PARLEY" run bigseed.yaml --out "$TMP/b2" >/dev/null 2>&1)
# the results are the same; only the echo of the file as written ("inputs") keeps the quotes
check "the seed as results.json writes it (a string) reads back to the same run" python3 -c "
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
assert a['seed'] == b['seed'] == '9007199254740993', (a['seed'], b['seed'])
a.pop('inputs'), b.pop('inputs')
assert a == b" "$TMP/b1/results.json" "$TMP/b2/results.json"

# ---- limits of the writers checked when the input is validated ---------------------------------
sed 's/^runs: 0x10$/runs: 2\nperiods: 100001/' "$TMP/hexruns.yaml" >"$TMP/long.yaml"
expect_exit 2 "an N-party scenario of 100,001 periods is refused at validation" "$PARLEY" run "$TMP/long.yaml" --out "$TMP/long"
expect_err_has "long.yaml:3:10: 100001 periods are more than the report can draw (at most 100000)" "the refusal is placed"
check "it is refused before any data file is written (it once failed only at the report)" [ ! -e "$TMP/long" ]
sed 's/100001/100000/' "$TMP/long.yaml" >"$TMP/long2.yaml"
check "100,000 periods are accepted, report included" eval '"$PARLEY_RELEASE" run "$TMP/long2.yaml" --out "$TMP/long2" >/dev/null 2>&1 && [ -s "$TMP/long2/report.html" ]' 

sed 's/^runs: 0x10$/runs: 2\nperiods: 10\nobservation: {delay: 10}/' "$TMP/hexruns.yaml" >"$TMP/delay.yaml"
expect_exit 2 "an observation delay as long as the game is refused (it was once accepted)" "$PARLEY" run "$TMP/delay.yaml"
expect_err_has "delay.yaml:4:22: 'delay' of 10 periods is not shorter than the game (10 periods)" "the refusal is placed"

# ---- a tournament of any size: results.json streamed, the size limit said before any play ------
# 10,000 players once built results.json as a jansson tree (2 x 10^8 numbers for the two payoff
# matrices) and, after 8 minutes of play, ended with "out of memory"
for i in $(seq 1 300); do echo "gtft:p=0.$(printf %03d "$i")"; done >"$TMP/p300.txt"
expect_exit 0 "a 300-player tournament writes its results" \
  "$PARLEY" tournament --players "@$TMP/p300.txt" --turns 2 --repetitions 2 --noise 0.1 --out "$TMP/t300"
check "its streamed results.json is whole: 300 ranked, 300 x 300 payoffs and deviations, the same as payoff_matrix.csv" \
  python3 -c '
import csv, json, math, sys
o = json.load(open(sys.argv[1] + "/results.json"))
rows = list(csv.reader(open(sys.argv[1] + "/payoff_matrix.csv")))
assert len(o["ranked"]) == 300 and o["players"] == rows[0][1:], "players"
for m in ("payoff_matrix", "payoff_stddevs"):
    assert len(o[m]) == 300 and all(len(r) == 300 for r in o[m]), m
for i, r in enumerate(rows[1:]):
    assert r[0] == o["players"][i]
    for j, x in enumerate(r[1:]):
        assert math.isclose(float(x), o["payoff_matrix"][i][j], rel_tol=1e-9), (i, j)
assert any(v > 0 for r in o["payoff_stddevs"] for v in r), "deviations"' "$TMP/t300"
for i in $(seq 0 10000); do echo "gtft:p=0.$(printf %05d "$i")"; done >"$TMP/p10001.txt"
expect_exit 2 "10,001 players are refused before any match is played" \
  "$PARLEY" tournament --players "@$TMP/p10001.txt" --turns 5 --repetitions 1 --out "$TMP/t10001"
expect_err_has "--players: 10001 players are more than a tournament takes (at most 10000" "the refusal names the flag and the limit"
check "nothing was written" [ ! -e "$TMP/t10001" ]
# memory: 1,500 players in an address space of 192 MB (the tree once needed several hundred; 80 MB
# held until the reference's per-pair result set came: 76 bytes a pair where 24-32 were kept, and
# a results.json of 600 MB at this size, which a later change should move out of results.json)
head -n 1500 "$TMP/p10001.txt" | tail -n 1499 >"$TMP/p1500.txt"; echo tft >>"$TMP/p1500.txt"
if command -v prlimit >/dev/null; then
  prlimit --as=$((192 * 1024 * 1024)) "$PARLEY_RELEASE" tournament --players "@$TMP/p1500.txt" --turns 2 --repetitions 1 \
    --out "$TMP/t1500" >/dev/null 2>"$TMP/t1500.err"; rc=$?
  check "1,500 players complete within 192 MB of address space (release build; exit $rc: $(tail -n 1 "$TMP/t1500.err"))" [ "$rc" -eq 0 ]
  check "and their results.json is whole: 1,500 ranked, ending as a whole document" \
    eval '[ "$(grep -c "\"rank\":" "$TMP/t1500/results.json")" -eq 1500 ] && [ "$(tail -c 8 "$TMP/t1500/results.json" | tr -d " \n")" = "]]}" ]'
else
  ok "# SKIP prlimit is absent"
  ok "# SKIP prlimit is absent"
fi

# ---- terminal escapes in user text -----------------------------------------------------------
esc=$(printf '\033')
printf 'kind: nparty\nname: "x\\e[2J\\e]0;owned\\a"\nparties: [{id: A}, {id: B}]\n' >"$TMP/escape.yaml"
expect_exit 2 "an escape sequence in a scenario's text is refused" "$PARLEY" run "$TMP/escape.yaml"
expect_err_has "escape.yaml:2:7: a control character (U+001B)" "the refusal is placed and names the character"
check "no escape byte reaches the terminal" eval '! grep -q "$esc" <<<"$TAP_ERR"'
expect_exit 2 "an escape in a strategy name typed on the command line" "$PARLEY" match "$(printf 'x\033[2Jy')" tft
check "the error echoes it without the escape byte" eval '! grep -q "$esc" <<<"$TAP_ERR"'
expect_err_has "x?[2Jy" "the escape is shown as ?"
printf 'x\033]0;title\007\n' >"$TMP/players.txt"
expect_exit 2 "an escape in a player list file" "$PARLEY" tournament --players "@$TMP/players.txt"
check "the error echoes it without the escape byte" eval '! grep -q "$esc" <<<"$TAP_ERR"'

printf 'x\033[2Jy\nc\n' >"$TMP/moves.txt"
"$PARLEY" play tft --turns 1 <"$TMP/moves.txt" >"$TMP/play.out" 2>&1
check "play: a typed escape is echoed without the escape byte" eval '! grep -q "$esc" "$TMP/play.out" && grep -q "x?\[2Jy" "$TMP/play.out"'

# ---- messages that named the wrong cause ------------------------------------------------------
expect_exit 2 "a directory given as the scenario" "$PARLEY" run "$TMP"
expect_err_has "is a directory, not a scenario file" "it is called a directory (it was once 'read error')"
printf '\377\376k\000i\000n\000d\000' >"$TMP/utf16.yaml"
expect_exit 2 "a UTF-16 scenario" "$PARLEY" run "$TMP/utf16.yaml"
expect_err_has "utf16.yaml:1:1: the file is UTF-16" "it is called UTF-16 (it was once 'not a text file')"
expect_exit 2 "a scenario that does not exist is bad input, not an environment failure" "$PARLEY" run "$TMP/nothere.yaml"
expect_err_has "nothere.yaml: cannot open: No such file or directory" "the message names the file"

# ---- the audit of the messages that misled (issue 9): each names its cause, its place and its flag
# a directory where a file is read: once "read error" (exit 3 for transcripts) or an empty list
sed 's/^  file: drills-and-launches-events.csv$/  file: ev.csv/' scenarios/korea/drills-and-launches.yaml >"$TMP/dl.yaml"
mkdir "$TMP/ev.csv"
expect_exit 2 "a directory as a scenario's event file" "$PARLEY" run "$TMP/dl.yaml" --runs 5
expect_err_has "ev.csv: is a directory, not an event file" "it is called a directory (it was once 'read error')"
expect_exit 2 "a directory as a transcripts file is bad input, not an environment failure" "$PARLEY" check-transcripts "$TMP"
expect_err_has "is a directory, not a transcripts file" "it is called a directory (it was once 'read error: Is a directory', exit 3)"
expect_exit 2 "a directory as a list of players" "$PARLEY" tournament --players "@$TMP"
expect_err_has "--players: $TMP: is a directory, not a list of players" "it is called a directory (it was once 'needs at least two players, got 0')"
# UTF-16 and NUL bytes in every text input, not only scenarios
rmdir "$TMP/ev.csv"
printf '\377\376d\000a\000' >"$TMP/ev.csv"
expect_exit 2 "a UTF-16 event file" "$PARLEY" run "$TMP/dl.yaml" --runs 5
expect_err_has "ev.csv:1:1: the file is UTF-16" "it is called UTF-16 (its header was once quoted as '??d')"
printf '\377\376t\000f\000t\000' >"$TMP/p16.txt"
expect_exit 2 "a UTF-16 list of players" "$PARLEY" tournament --players "@$TMP/p16.txt"
expect_err_has "p16.txt:1:1: the file is UTF-16" "it is called UTF-16"
printf 'tft\000junk\ndefector\n' >"$TMP/pnul.txt"
expect_exit 2 "a NUL byte in a list of players" "$PARLEY" tournament --players "@$TMP/pnul.txt"
expect_err_has "pnul.txt:1:4: a NUL byte" "it is placed (the rest of the line was once dropped unseen)"
printf 'date,actor,kind,event,intensity,unit,source\n2006-10-09,DPRK,test,x,0x10,troops,[K1]\n' >"$TMP/ev.csv"
expect_exit 2 "an event intensity in hex" "$PARLEY" run "$TMP/dl.yaml" --runs 5
expect_err_has "ev.csv:2:24: 'intensity' must be a number" "it is refused where it stands (it was once read as 16)"
# a truncated .gz transcript is bad input: it was exit 3, "the environment failed"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD"}' \
  | gzip -c >"$TMP/whole.jsonl.gz"
head -c $(($(stat -c %s "$TMP/whole.jsonl.gz") - 4)) "$TMP/whole.jsonl.gz" >"$TMP/cut.jsonl.gz" # its last line whole, the trailer cut
expect_exit 2 "a truncated .gz transcript is bad input" "$PARLEY" check-transcripts "$TMP/cut.jsonl.gz"
expect_err_has "cut.jsonl.gz: the compressed stream ends early" "it says the file is cut short"
# moran: the flag, the count and its value, and the population limit
expect_exit 2 "moran: a count too large" "$PARLEY" moran --players tft,defector --counts 1000000,5
expect_err_has "--counts: count 1 of 2: expected a whole number from 0 to 100000, got '1000000'" \
  "the count and its value are named (the rest of the list was once quoted as the count)"
expect_exit 2 "moran: a population above the limit" "$PARLEY" moran --players tft,defector --counts 60000,60000
expect_err_has "--counts: a population of 120000 individuals is more than a Moran process takes (at most 100000)" \
  "the flag and the limit are named (once 'not supported' with no flag)"
expect_exit 2 "moran: a count with a space" "$PARLEY" moran --players tft,defector --counts " 5,5"
# the rate of a tournament counts the turns simulated, not the repeated ones
"$PARLEY" tournament --players tft,defector --turns 100 --repetitions 1000 >/dev/null 2>"$TMP/rate.err"
check "a tournament's rate is of the turns simulated (7 of 300,000, 293 copied from cycles; it once claimed 2e14 turns/s)" \
  grep -q "300000 turns in .* (7 of them simulated, at .* simulated turns/s; 293 copied from the cycles of deterministic matches; the others repeat deterministic matches" "$TMP/rate.err"
# out of memory names the flags that set the size (release build: the sanitizers reserve too much address space)
if command -v prlimit >/dev/null; then
  TAP_ERR=$(prlimit --as=$((60 * 1024 * 1024)) "$PARLEY_RELEASE" tournament --players tft,defector --repetitions 10000000 \
    --turns 5 2>&1 >/dev/null); rc=$?
  check "tournament out of memory: exit 3 naming --players and --repetitions (exit $rc; once a bare 'out of memory')" \
    eval '[ "$rc" -eq 3 ] && grep -q "out of memory (the size set by --players 2, --repetitions 10000000" <<<"$TAP_ERR"'
  TAP_ERR=$(prlimit --as=$((60 * 1024 * 1024)) "$PARLEY_RELEASE" match tft tft --turns 100000000 2>&1 >/dev/null); rc=$?
  check "match out of memory: exit 3 naming --turns (exit $rc; once 'out of memory for 100000000 turns')" \
    eval '[ "$rc" -eq 3 ] && grep -q "(the size set by --turns 100000000)" <<<"$TAP_ERR"'
else
  ok "# SKIP prlimit is absent"
  ok "# SKIP prlimit is absent"
fi

# ---- permission: the system's refusal is the environment's failure (exit 3), named, nothing left
# Tests run as root, whom permissions do not stop: the commands run as nobody (setpriv), or as the
# user running the tests when that is not root.
if [ "$(id -u)" -ne 0 ]; then as_user() { "$@"; }
elif command -v setpriv >/dev/null; then as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else as_user() { return 99; }; fi
PERM=$TMP/perm; mkdir "$PERM"; chmod 711 "$TMP" "$PERM"
mkdir "$PERM/ro"; chmod 555 "$PERM/ro"
cp scenarios/games/pairwise.yaml "$PERM/secret.yaml"; chmod 600 "$PERM/secret.yaml"
cp scenarios/games/pairwise.yaml "$PERM/open.yaml"; chmod 644 "$PERM/open.yaml"
printf 'tft\ndefector\n' >"$PERM/players.txt"; chmod 600 "$PERM/players.txt"
cp "$TMP/t.jsonl" "$PERM/t.jsonl" 2>/dev/null || printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD"}' >"$PERM/t.jsonl"
chmod 600 "$PERM/t.jsonl"
if as_user true 2>/dev/null; then
  expect_exit 3 "an unreadable scenario is the environment's failure" as_user "$PARLEY" run "$PERM/secret.yaml" --runs 2
  expect_err_has "secret.yaml: cannot open: Permission denied" "the message names the file and the cause"
  expect_exit 3 "an unreadable list of players" as_user "$PARLEY" tournament --players "@$PERM/players.txt"
  expect_err_has "--players: $PERM/players.txt: cannot open: Permission denied" "the message names the flag, the file and the cause (it was once exit 2)"
  expect_exit 3 "an unreadable transcripts file" as_user "$PARLEY" check-transcripts "$PERM/t.jsonl"
  expect_err_has "t.jsonl: cannot open: Permission denied" "the message names the file and the cause"
  expect_exit 3 "--out in a directory the user cannot write (run)" as_user "$PARLEY" run "$PERM/open.yaml" --runs 2 --out "$PERM/ro/res"
  expect_err_has "$PERM/ro/res: cannot create the results directory beside it: Permission denied" "the message names the directory and the cause"
  expect_exit 3 "--out in a directory the user cannot write (tournament)" as_user "$PARLEY" tournament --players tft,defector --turns 2 --out "$PERM/ro/t"
  check "nothing was left in it" [ -z "$(ls -A "$PERM/ro")" ]
else
  for k in 1 2 3 4 5 6 7 8 9 10; do ok "# SKIP the tests run as root and setpriv is absent: no user to be refused"; done
fi

# ---- standard output that cannot be written ----------------------------------------------------
R=$RESOURCES
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD"}' >"$TMP/t.jsonl"
while IFS='|' read -r what cmd; do
  TAP_ERR=$(eval "\"\$PARLEY\" $cmd" 2>&1 >/dev/full </dev/null); rc=$?
  if [ "$rc" -eq 3 ] && grep -q "cannot write to standard output" <<<"$TAP_ERR"; then ok "/dev/full: $what exits 3 with a message"
  else not_ok "/dev/full: $what: exit $rc, stderr: $TAP_ERR"; fi
done <<'CMDS'
--help|--help
--version|--version
strategies|strategies
strategies --json|strategies --json
match|match tft defector --turns 5
match --json|match tft defector --turns 5 --json
play (a scripted game)|play tft --turns 2
tournament|tournament --players tft,defector --turns 5 --repetitions 1
run (agreement)|run scenarios/korea/six-party-2007.yaml --runs 20
run (nparty)|run scenarios/games/pairwise.yaml --runs 5
fit|fit scenarios/korea/six-party-2007.yaml --runs 20
check-transcripts|check-transcripts "$TMP/t.jsonl"
CMDS

# ---- match --json starved of memory (release build: the sanitizers reserve too much address space)
if command -v prlimit >/dev/null; then
  bad=""
  for mb in 30 40 50 60 70 80 90 100; do
    prlimit --as=$((mb * 1024 * 1024)) "$PARLEY_RELEASE" match tft tft --turns 10000000 --json >"$TMP/m.json" 2>"$TMP/m.err"; rc=$?
    if [ "$rc" -eq 0 ]; then
      python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); sys.exit(not (len(o["a_actions"]) == len(o["b_actions"]) == 10000000 and o["a_score"] == 30000000))' "$TMP/m.json" || bad="$bad ${mb}MB:incomplete"
    elif [ "$rc" -ne 3 ] || ! grep -q "out of memory" "$TMP/m.err"; then
      bad="$bad ${mb}MB:exit$rc"
    fi
  done
  check "match --json under prlimit --as 30..100 MB: complete JSON or exit 3 'out of memory', never a crash or a short object${bad:+ (got$bad)}" [ -z "$bad" ]
else
  ok "# SKIP prlimit is absent"
fi

# ---- --set making a key the file leaves out: a bad value is the flag's, never a crash --------------
six=scenarios/korea/six-party-2007.yaml
expect_exit 2 "--set making an absent key with a value out of range is refused" "$PARLEY" run "$six" --set steps.BDA-US.verification.p_false=1e999
expect_err_has "--set steps.BDA-US.verification.p_false: " "... the message names the flag, not a line of the file"
expect_exit 2 "--set making a party's entry with text is refused" "$PARLEY" run "$six" --set "behaviour.patience.DPRK=two weeks"
expect_err_has "--set behaviour.patience.DPRK: " "... the message names the flag"
expect_exit 2 "--set below a by-party key with a name no party has (control bytes) is refused" "$PARLEY" run "$six" --set "$(printf 'behaviour.inertia.D\001=1')"
expect_err_has "is not a party" "... saying so"
expect_exit 2 "--set two levels below a by-party key is refused" "$PARLEY" run "$six" --set behaviour.inertia.DPRK.x=1

echo "1..$tap_n"
