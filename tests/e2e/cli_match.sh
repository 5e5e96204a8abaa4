# SPDX-License-Identifier: MIT
# cli_match.sh — `parley match` and the rules for bad input on its flags.
. "$(dirname "$0")/../tap.sh"
out=$("$PARLEY" match tft defector --turns 5 --json)
check "match --json gives both action strings" grep -q '"a_actions":"CDDDD","b_actions":"DDDDD"' <<<"$out"
check "match --json gives the scores" grep -q '"a_score":4' <<<"$out"
out=$("$PARLEY" match "Tit For Tat" Cooperator --turns 3 --game 4,0,6,1 --json)
check "Axelrod names and --game are accepted" grep -q '"a_score":12' <<<"$out"
expect_exit 2 "unknown strategy" "$PARLEY" match tit_for_tatt defector
expect_err_has "closest known: tft" "unknown strategy lists the closest names"
expect_exit 2 "negative turns" "$PARLEY" match tft defector --turns -3
expect_err_has "--turns" "negative turns names the flag"
expect_exit 2 "noise above 1" "$PARLEY" match tft defector --noise 1.5
expect_err_has "--noise" "bad noise names the flag"
expect_exit 2 "game with three numbers" "$PARLEY" match tft defector --game 1,2,3
expect_err_has "--game" "bad game names the flag"
expect_exit 2 "game with text" "$PARLEY" match tft defector --game a,b,c,d
expect_exit 2 "seed that is negative" "$PARLEY" match tft defector --seed -1
expect_err_has "--seed" "a negative seed names the flag"
expect_exit 2 "prob-end above 1" "$PARLEY" match tft defector --prob-end 2
expect_err_has "--prob-end" "a bad prob-end names the flag"
expect_exit 2 "turns that are not a number" "$PARLEY" match tft defector --turns ten
expect_err_has "--turns: expected a whole number, got 'ten'" "text turns names the flag and the value"
expect_exit 2 "one strategy only" "$PARLEY" match tft
expect_exit 0 "match --help" "$PARLEY" match --help
expect_exit 2 "unknown command" "$PARLEY" frobnicate
a=$("$PARLEY" match tft defector --noise 0.2 --seed 9 --json); b=$("$PARLEY" match tft defector --noise 0.2 --seed 9 --json)
check "same seed, same noisy match" [ "$a" = "$b" ]
# the reference's display names with parameters, and its class names
a=$("$PARLEY" match "GTFT: 0.1" defector --turns 50 --seed 4 --json); b=$("$PARLEY" match gtft:p=0.1 defector --turns 50 --seed 4 --json)
check "\"GTFT: 0.1\" is gtft:p=0.1" [ -n "$a" -a "$a" = "$b" ]
a=$("$PARLEY" match "First by Davis: 5" alternator --turns 20 --json); b=$("$PARLEY" match first_davis:rounds_to_cooperate=5 alternator --turns 20 --json)
check "\"First by Davis: 5\" is first_davis:rounds_to_cooperate=5" [ -n "$a" -a "$a" = "$b" ]
a=$("$PARLEY" match TitForTat WinStayLoseShift --turns 10 --json); b=$("$PARLEY" match tft wsls --turns 10 --json)
check "class names TitForTat and WinStayLoseShift are tft and wsls" [ -n "$a" -a "$a" = "$b" ]
expect_exit 2 "a reference name with too many values" "$PARLEY" match "GTFT: 0.1, 0.2" tft
expect_err_has "2 parameter values given, it has 1" "the count of values is named"
# zero-determinant parameters that no probabilities enforce are refused, as the reference refuses them
expect_exit 2 "an impossible ZD slope" "$PARLEY" match "zd_extortion:phi=0.1,s=-0.3" tft
expect_err_has "slope s = -0.3 must lie between -0.25 and 1" "the slope and its bound are named"
expect_exit 2 "ZD-Extort-4 in a game where its relation is impossible" "$PARLEY" match zd_extort_4 tft --game 3,0,10,1
expect_err_has "cannot play this game" "the game is named as the cause"
expect_exit 0 "ZD-Extort-4 in the standard game" "$PARLEY" match zd_extort_4 tft
# GTFT's p is a probability or exactly -1 (each game's own); -0.5 once ran as -1 under its own label
expect_exit 2 "gtft:p=-0.5 is refused" "$PARLEY" match gtft:p=-0.5 tft
expect_err_has "p must be a probability in [0, 1], or -1" "the accepted values are named"
expect_exit 0 "gtft:p=-1 follows the game" "$PARLEY" match gtft:p=-1 tft --game 4,0,6,1
# --expected: two memory-one players as a Markov chain (issue 17), exact, no match played
out=$("$PARLEY" match tft defector --turns 100 --expected --json)
check "--expected: TFT against a defector is S once then P: 99 and 104" \
  grep -q '"expected":true,"turns":100.0,"a_score":99.0,"b_score":104.0' <<<"$out"
out=$("$PARLEY" match random random --turns 100 --expected --json)
check "--expected: two fair coins score (3+0+5+1)/4 a turn each" grep -q '"a_score":225.0,"b_score":225.0' <<<"$out"
a=$("$PARLEY" match gtft zd_extort_2 --noise 0.05 --expected --seed 1); b=$("$PARLEY" match gtft zd_extort_2 --noise 0.05 --expected --seed 2)
check "--expected does not depend on the seed" [ -n "$a" -a "$a" = "$b" ]
check "--expected says what it shows" grep -q "expected values over every random draw (noise 0.05), 200 turns" <<<"$a"
expect_exit 2 "--expected with a player that is not memory-one" "$PARLEY" match tft grudger --expected
expect_err_has "--expected: expected values need two memory-one players" "the flag is named"
expect_err_has "'Grudger' is not one" "the player is named"
