# SPDX-License-Identifier: MIT
# play.sh — `parley play`, driven by scripted input and, in a real terminal, by tmux.
. "$(dirname "$0")/../tap.sh"

# A scripted game: c, d, an invalid line, c.  Tit for tat answers C, C, D.
out=$(printf 'c\nd\nx\nc\n' | "$PARLEY" play tft --turns 3 2>"$TMP/err"); rc=$?
check "scripted game exits 0" [ "$rc" -eq 0 ]
check "stderr stays empty" [ ! -s "$TMP/err" ]
check "turn 1 shows the outcome" grep -qF "you C, Tit For Tat C: you +3, Tit For Tat +3" <<<"$out"
check "turn 2 shows the outcome" grep -qF "you D, Tit For Tat C: you +5, Tit For Tat +0" <<<"$out"
check "invalid input re-prompts with a message" grep -qF "'x' is not a move: type c to cooperate or d to defect" <<<"$out"
check "the prompt comes back after invalid input" [ "$(grep -c 'your move (c/d' <<<"$out")" -eq 4 ]
check "turn 3 shows the retaliation" grep -qF "you C, Tit For Tat D: you +0, Tit For Tat +5" <<<"$out"
check "the board shows the running score" grep -qF "Turn 3 of 3    score: you 8, Tit For Tat 3" <<<"$out"
check "the board shows the compact history" grep -qE '^  you          CD$' <<<"$out"
check "the game ends after its turns" grep -qF "Game over after 3 turns." <<<"$out"
check "the summary has totals, per turn and cooperation" \
  grep -qE '^  you +8 +2\.67  2 of 3 \(67%\)$' <<<"$out"
check "the summary names the result" grep -qF "A draw, 8 each." <<<"$out"
check "the summary names the opponent" grep -qF "Your opponent was Tit For Tat (id tft): deterministic, looks 1 turn back." <<<"$out"
check "the summary gives the reference" grep -qF "  Axelrod (1980), Effective choice" <<<"$out"
check "the summary compares with fixed rules" grep -qF "always cooperating would have scored" <<<"$out"
check "no colour when stdout is not a terminal" bash -c '! grep -q $'"'"'\033'"'"' <<<"$1"' _ "$out"

# Words, case and spaces; a win.
out=$(printf ' Cooperate \nDEFECT\n' | "$PARLEY" play tft --turns 2)
check "words and upper case are accepted" grep -qF "You won, 8 to 3." <<<"$out"

# End of input before the end: a clean stop with a summary.
out=$(printf 'd\n' | "$PARLEY" play cooperator --turns 5); rc=$?
check "end of input exits 0" [ "$rc" -eq 0 ]
check "end of input says so" grep -qF "End of input: the game stops after 1 turn." <<<"$out"
check "end of input still gives the summary" grep -qE '^  Cooperator +0 +0\.00  1 of 1 \(100%\)$' <<<"$out"
out=$("$PARLEY" play tft --turns 2 </dev/null); rc=$?
check "no input at all exits 0" [ "$rc" -eq 0 ]
check "no input at all gives a summary" grep -qF "End of input: the game stops after 0 turns." <<<"$out"

# q quits; ? and h answer and re-prompt.
out=$(printf '?\nc\nh\nq\nc\n' | "$PARLEY" play tft --turns 5)
check "? shows the help" grep -qF "q, quit        end the game now" <<<"$out"
check "h shows the whole history" grep -qF "turns 1-1" <<<"$out"
check "q quits with a summary" grep -qF "You quit after 1 turn." <<<"$out"

# The human's moves go through the same engine as `parley match`: always defecting
# against a random opponent with noise gives exactly the defector's match.
moves=$(yes d | head -20)
out=$("$PARLEY" play gtft:p=0.3 --turns 20 --noise 0.1 --seed 4 <<<"$moves")
mine=$(awk '/^The whole game:/{f=1} f && /^  you /{print toupper($2); exit}' <<<"$out")
theirs=$(awk '/^The whole game:/{f=1} f && /^  gtft:p=0.3 /{print toupper($2); exit}' <<<"$out")
json=$("$PARLEY" match defector gtft:p=0.3 --turns 20 --noise 0.1 --seed 4 --json)
check "play's history equals parley match's for the same choices (A)" grep -qF "\"a_actions\":\"$mine\"" <<<"$json"
check "play's history equals parley match's for the same choices (B)" grep -qF "\"b_actions\":\"$theirs\"" <<<"$json"
check "noise flips show in lower case" grep -qE '^  you +[CDcd]*[cd]' <<<"$out"
a=$("$PARLEY" play random --turns 8 --seed 9 <<<"$moves"); b=$("$PARLEY" play random --turns 8 --seed 9 <<<"$moves")
check "same seed, same game" [ "$a" = "$b" ]

# Options.
out=$(printf 'c\nc\n' | "$PARLEY" play tft --turns 2 --hide-length)
check "--hide-length hides the length" bash -c '! grep -qE "Turn [0-9]+ of|, 2 turns" <<<"$1"' _ "$out"
check "--hide-length says the length is unannounced" grep -qF "a game of unannounced length" <<<"$out"
out=$(printf 'd\nd\n' | "$PARLEY" play cooperator --turns 2 --game 4,0,6,1)
check "--game changes the payoffs" grep -qF "You won, 12 to 0." <<<"$out"
out=$(yes c | head -1000 | "$PARLEY" play tft --prob-end 0.2 --seed 1)
check "--prob-end ends the game by chance" grep -qE "^Game over after [0-9]+ turns?\.$" <<<"$out"
check "--prob-end hides the length" bash -c '! grep -qE "Turn [0-9]+ of" <<<"$1"' _ "$out"

# Usage.
expect_exit 0 "play --help" "$PARLEY" play --help
check "play --help ends with examples" bash -c '"$1" play --help | grep -q "^Examples:"' _ "$PARLEY"
expect_exit 2 "unknown opponent" "$PARLEY" play tit_for_tatt
expect_err_has "closest known: tft" "unknown opponent lists the closest names"
expect_exit 2 "no opponent" "$PARLEY" play
expect_exit 2 "two opponents" "$PARLEY" play tft grudger
expect_exit 2 "zero turns" "$PARLEY" play tft --turns 0
expect_err_has "--turns" "zero turns names the flag"
expect_exit 2 "noise above 1" "$PARLEY" play tft --noise 1.5
expect_err_has "--noise" "bad noise names the flag"
expect_exit 2 "bad game" "$PARLEY" play tft --game 1,2,3
expect_err_has "--game" "bad game names the flag"
expect_exit 2 "bad seed" "$PARLEY" play tft --seed x
expect_err_has "--seed" "bad seed names the flag"
expect_exit 2 "prob-end below 0" "$PARLEY" play tft --prob-end -0.5
expect_err_has "--prob-end" "a bad prob-end names the flag"
expect_exit 2 "unknown flag" "$PARLEY" play tft --bogus
expect_err_has "--bogus" "unknown flag is named"

# In a real terminal: tmux runs play in a pane, keys are typed, the screen is read.
if ! command -v tmux >/dev/null 2>&1; then
  ok "# SKIP tmux missing"
else
  tm() { tmux -S "$TMP/tmux.sock" -f /dev/null "$@"; } # a server of our own, its socket in $TMP
  trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT # our own server only, even on failure
  pane=play
  screen() { tm capture-pane -p -e -S -200 -t "$pane"; }
  wait_for() { # TEXT: polls the screen of $pane for up to 30 s
    for _ in $(seq 300); do screen 2>/dev/null | grep -qF -- "$1" && return 0; sleep 0.1; done
    return 1
  }
  tm new-session -d -s play -x 100 -y 60 \
    "env -u NO_COLOR TERM=xterm '$PARLEY' play tft --turns 2; echo EXITED:\$?; sleep 60"
  check "tmux: the first prompt appears" wait_for "your move (c/d"
  tm send-keys -t play c Enter
  check "tmux: turn 2 shows the score" wait_for "Turn 2 of 2    score: you 3, Tit For Tat 3"
  tm send-keys -t play d Enter
  check "tmux: the game ends, exit 0" wait_for "EXITED:0"
  check "tmux: the summary shows the win" bash -c 'grep -qF "You won, 8 to 3." <<<"$1"' _ "$(screen)"
  # tmux re-encodes attributes (bold, then green): look for a green C
  check "tmux: colour on a terminal" bash -c 'grep -qE $'"'"'\033\\[(1;)?32mC'"'"' <<<"$1"' _ "$(screen)"
  # a second session beside the first (killing the only session would stop the server)
  pane=nocolor
  tm new-session -d -s nocolor -x 100 -y 60 \
    "NO_COLOR=1 TERM=xterm '$PARLEY' play tft --turns 1; echo EXITED:\$?; sleep 60"
  check "tmux: NO_COLOR game prompts" wait_for "your move (c/d"
  tm send-keys -t nocolor d Enter
  check "tmux: NO_COLOR game ends" wait_for "EXITED:0"
  check "tmux: no colour with NO_COLOR" bash -c '! grep -qE $'"'"'\033\\[(1;)?3[12]m'"'"' <<<"$1"' _ "$(screen)"
  # line editing and history (libedit, issue 15: an arrow or End key once became part of the move,
  # "'' is not one of your steps"): the up arrow recalls the last move; Left, Backspace and End
  # edit the line before Enter
  pane=edit
  tm new-session -d -s edit -x 100 -y 60 \
    "NO_COLOR=1 TERM=xterm '$PARLEY' play tft --turns 4; echo EXITED:\$?; sleep 60"
  check "tmux: editing game prompts" wait_for "your move (c/d"
  tm send-keys -t edit c Enter
  wait_for "Turn 2 of 4" >/dev/null
  tm send-keys -t edit d Enter
  wait_for "Turn 3 of 4" >/dev/null
  tm send-keys -t edit Up Enter # the last move again: d
  wait_for "Turn 4 of 4" >/dev/null
  tm send-keys -t edit x c Left BSpace End Enter # "xc", the x deleted: c
  check "tmux: up arrow, Left, Backspace and End: the game ends, exit 0" wait_for "EXITED:0"
  check "tmux: the moves played are c, d, the recalled d, and the edited c (CDDC)" \
    bash -c 'grep -qE "^  you +CDDC\$" <<<"$1"' _ "$(screen)"
  check "tmux: no key became part of a move" bash -c '! grep -qF "is not one of" <<<"$1"' _ "$(screen)"
fi
