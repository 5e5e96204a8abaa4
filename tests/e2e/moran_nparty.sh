# SPDX-License-Identifier: MIT
# moran_nparty.sh — `parley moran --game FILE.yaml`: N-party populations.  The public goods game's
# known results (neutral at b = k(N-1)/(N-k), contributors unable to invade below it), the exact
# value inside the simulated interval, the same bytes at any thread count, the result files, and
# bad input refused with the flag named (exit 2).
. "$(dirname "$0")/../tap.sh"
R=${PARLEY_RELEASE:-$PARLEY}
PG=$(dirname "$0")/../../scenarios/games/public-goods.yaml

# a public goods game of 4 parties, cost 1, benefit 6: neutral in a population of 10 (b = 4 x 9 / 6)
cat >"$TMP/pg4.yaml" <<'YAML'
kind: nparty
name: "Four parties, benefit at the finite-population threshold"
assumptions: ["A textbook game: every number assumed."]
periods: 10
parties:
  - {id: A, actions: [contribute, keep]}
  - {id: B, actions: [contribute, keep]}
  - {id: C, actions: [contribute, keep]}
  - {id: D, actions: [contribute, keep]}
game: {kind: public_goods, cost: 1, benefit: 6}
profiles:
  - {id: all, name: "everyone contributes", default: cooperator}
YAML

expect_exit 0 "moran --game FILE.yaml --help" "$PARLEY" moran --game "$PG" --help
out=$("$PARLEY" moran --game "$PG" --help)
check "the N-party help explains the groups" grep -q "groups\? of k" <<<"$out"
out=$("$PARLEY" moran --help)
check "the two-party help points at the N-party form" grep -q -- "--game FILE.yaml" <<<"$out"

# bad input: exit 2, the flag or the file named
expect_exit 2 "no players" "$PARLEY" moran --game "$PG"
expect_err_has "--players" "no players names the flag"
expect_exit 2 "an unknown N-party strategy" "$PARLEY" moran --game "$PG" --players ttft,defectr
expect_err_has "--players: strategy 2 ('defectr')" "an unknown strategy is named with its place"
expect_exit 2 "an empty strategy name" "$PARLEY" moran --game "$PG" --players ttft,,defector
expect_err_has "--players: strategy 2 is empty" "an empty name is named with its place"
expect_exit 2 "a bad strategy parameter" "$PARLEY" moran --game "$PG" --players ttft:k=99,defector
expect_err_has "--players: strategy 1" "a bad parameter names the strategy"
expect_exit 2 "a missing game file" "$PARLEY" moran --game "$TMP/none.yaml" --players ttft,defector
expect_err_has "none.yaml" "a missing game file is named"
expect_exit 2 "a scenario of another kind" "$PARLEY" moran --game "$(dirname "$0")/../../scenarios/korea/six-party-2007.yaml" --players ttft,defector
expect_err_has "not an N-party game (kind: nparty)" "a scenario of another kind is named"
expect_exit 2 "too few individuals for the groups" "$PARLEY" moran --game "$PG" --players ttft,defector --counts 2,2
expect_err_has "at least 5 individuals for an N-party game of 5 parties" "too small a population is explained"
expect_exit 2 "too few for death-birth" "$PARLEY" moran --game "$PG" --players ttft,defector --counts 2,3 --mode db
expect_err_has "at least 6 individuals" "death-birth needs one more"
expect_exit 2 "a graph" "$PARLEY" moran --game "$PG" --players ttft,defector --counts 5,5 --graph cycle
expect_err_has "--graph is refused with an N-party game" "a graph is refused by name"
expect_exit 2 "the replicator equation" "$PARLEY" moran --game "$PG" --players ttft,defector --replicator 5
expect_err_has "--replicator is refused" "the replicator equation is refused by name"
# a shipped game by name, from a directory that holds no such file (as `parley run` takes one); it
# once read --game as a path only, and the help's own example failed outside the source tree
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
(cd "$TMP" && PARLEY_DATA=$ROOT "$PARLEY" moran --game games/public-goods.yaml --players ttft,defector --counts 5,5 --selection 0.5 \
  --noise 0 --runs 50 >"$TMP/byname.txt" 2>"$TMP/byname.err"); rc=$?
check "--game games/public-goods.yaml: a shipped game by name from anywhere (exit $rc)" \
  eval '[ "$rc" -eq 0 ] && grep -q "ttft" "$TMP/byname.txt"'
# every example of the N-party help runs from that directory (the two-party help's are run by install.sh);
# they once left out --selection and stopped on a negative fitness
"$PARLEY" moran --game "$PG" --help | awk '/^Examples?:/{f=1;next} f' | sed -n 's/^  \(parley .*\)$/\1/p' >"$TMP/ex.txt"
check "the N-party help has examples ($(wc -l <"$TMP/ex.txt"))" [ -s "$TMP/ex.txt" ]
while IFS= read -r ex; do
  run=$(sed -E "s/--runs [0-9]+/--runs 50/; s|^parley|'$PARLEY'|" <<<"$ex")
  (cd "$TMP" && PARLEY_DATA=$ROOT bash -c "$run" >/dev/null 2>"$TMP/ex.err"); rc=$?
  check "help example runs from anywhere: $ex (exit $rc)" [ "$rc" -eq 0 ]
done <"$TMP/ex.txt"
expect_exit 2 "a game name that is neither a file nor shipped" "$PARLEY" moran --game games/no-such-game.yaml --players ttft,defector
expect_err_has "no-such-game" "the missing game is named"
# the two-party population's newer flags (directed graphs, game and mutation grid axes) are refused too
expect_exit 2 "directed graphs" "$PARLEY" moran --game "$PG" --players ttft,defector --counts 5,5 --directed
expect_err_has "--directed is refused with an N-party game" "--directed is refused by name"
expect_exit 2 "a game grid" "$PARLEY" moran --game "$PG" --players ttft,defector --grid-game 3,0,5,1
expect_err_has "--grid-game is refused with an N-party game" "--grid-game is refused by name"
expect_exit 2 "a mutation grid" "$PARLEY" moran --game "$PG" --players ttft,defector --grid-mutation 0.01
expect_err_has "--grid-mutation is refused with an N-party game" "--grid-mutation is refused by name"
expect_exit 2 "a count that is not a number" "$PARLEY" moran --game "$PG" --players ttft,defector --counts 3,x
expect_err_has "--counts: count 2 of 2" "a bad count is named with its place"
expect_exit 2 "negative fitness" "$PARLEY" moran --game "$PG" --players cooperator,defector --counts 1,9 --noise 0
expect_err_has "negative fitness" "negative fitness is explained"
expect_exit 2 "a stray argument" "$PARLEY" moran --game "$PG" --players ttft,defector extra
expect_err_has "unexpected argument 'extra'" "a stray argument is named"
expect_exit 2 "selection 0" "$PARLEY" moran --game "$PG" --players ttft,defector --selection 0
expect_err_has "--selection" "a bad selection names the flag"

# neutral at the threshold: one contributor of 10 fixes with 1/N
expect_exit 0 "a neutral public goods population" "$R" moran --game "$TMP/pg4.yaml" --players cooperator,defector \
    --counts 1,9 --runs 20000 --seed 2 --out "$TMP/neutral"
check "the exact value is 1/N" awk -F, '$1 == "Cooperator" { f = 1; d = $7 - 0.1; if (d < 0) d = -d; exit !(d < 1e-9) } END { if (!f) exit 1 }' "$TMP/neutral/fixation.csv"
check "1/N lies in the simulated 95% interval" awk -F, '$1 == "Cooperator" { exit !($5 <= 0.1 && 0.1 <= $6) }' "$TMP/neutral/fixation.csv"
check "payoffs.csv: one contributor among three free riders gets 6/4 - 1" grep -q '^Cooperator,5,0.5$' "$TMP/neutral/payoffs.csv"
check "results.json names the N-party game" grep -q '"parties": 4' "$TMP/neutral/results.json"
check "report.html draws the fixation" grep -q "<svg" "$TMP/neutral/report.html"
check "report.html says the population plays in groups of 4" grep -q "N-party strategies, in groups of 4" "$TMP/neutral/report.html"

# public-goods.yaml (benefit 3 < 5 x 19 / 15): contributors cannot invade 19 free riders
out=$("$R" moran --game "$PG" --players cooperator,defector --counts 1,19 --noise 0 --selection 0.5 --runs 20000 --out "$TMP/pg" 2>/dev/null)
check "a contributor's exact fixation is below 1/N" awk -F, '$1 == "Cooperator" { exit !($7 < 0.05) }' "$TMP/pg/fixation.csv"
check "and its simulated interval lies below 1/N too" awk -F, '$1 == "Cooperator" { exit !($6 < 0.05) }' "$TMP/pg/fixation.csv"
check "the exact value lies in the simulated interval" awk -F, '$1 == "Cooperator" { exit !($5 <= $7 && $7 <= $6) }' "$TMP/pg/fixation.csv"

# the same bytes at any thread count (noisy groups: sampled matches)
"$R" moran --game "$PG" --players ttft,defector,"gttft:k=3,g=0.2" --counts 4,4,4 --samples 10 --runs 2000 --seed 4 --fitness exp --threads 1 --out "$TMP/t1" >/dev/null 2>&1
"$R" moran --game "$PG" --players ttft,defector,"gttft:k=3,g=0.2" --counts 4,4,4 --samples 10 --runs 2000 --seed 4 --fitness exp --threads 2 --out "$TMP/t2" >/dev/null 2>&1
check "one thread and two write the same files" diff -r "$TMP/t1" "$TMP/t2"
check "a strategy whose parameters hold a comma is one type" [ "$(wc -l <"$TMP/t1/fixation.csv")" -eq 4 ]

# a file with only a tournament (it once crashed: no game at the top): the tournament's game of six
out=$("$R" moran --game "$(dirname "$0")/../../scenarios/games/six-player-tournament.yaml" --players ttft,defector --counts 5,5 --runs 50 --fitness exp 2>&1)
check "a tournament-only file plays its 6-player game" grep -q "groups of 6 (6-player prisoner's dilemma" <<<"$out"

# with mutation: one recorded run
out=$("$R" moran --game "$PG" --players ttft,defector --counts 5,5 --mutation 0.05 --generations 200 --samples 5 --selection 0.5 --json 2>/dev/null)
check "with --mutation, --json prints the recorded run's document" grep -q '"parties": 5' <<<"$out"
check "and the run lasts the generations asked" grep -q '"max_generations": 200' <<<"$out"

# --set (issue 11, as parley run): the game's file changed, the changes in the summary, results.json and report
"$R" moran --game "$PG" --players ttft,defector --counts 3,3 --runs 200 --seed 2 --out "$TMP/set0" >"$TMP/set0.txt" 2>/dev/null
"$R" moran --game "$PG" --players ttft,defector --counts 3,3 --runs 200 --seed 2 --set game.benefit=4 --set noise=0.02 \
  --out "$TMP/set" >"$TMP/set.txt" 2>/dev/null
check "--set: the summary opens with the changes" bash -c 'head -3 "$1" | tr "\n" "|" | grep -qxF "Assumptions changed from the file (--set):|  game.benefit = 4 (the file: 3)|  noise = 0.02 (the file: 0.01)|"' _ "$TMP/set.txt"
check "--set: the game played is the one set (benefit 4, noise 0.02)" bash -c 'grep -q "cost 1, benefit 4)" "$1" && grep -q "noise 0.02," "$1"' _ "$TMP/set.txt"
check "--set: ... and its numbers differ from the file's" bash -c '! cmp -s "$1/fixation.csv" "$2/fixation.csv"' _ "$TMP/set0" "$TMP/set"
check "--set: results.json records the overrides" python3 -c "
import json,sys; j=json.load(open('$TMP/set/results.json'))
sys.exit(0 if [(o['path'],o['value'],o['file_value']) for o in j['overrides']]==[('game.benefit','4','3'),('noise','0.02','0.01')] and j['parameters']['noise']==0.02 else 1)"
check "without --set: no overrides key (the file as before)" python3 -c "
import json,sys; sys.exit('overrides' in json.load(open('$TMP/set0/results.json')))"
check "--set: the report lists them" grep -qF "game.benefit = 4 (the file: 3)" "$TMP/set/report.html"
expect_exit 2 "--set: a path that is not one" "$PARLEY" moran --game "$PG" --players ttft,defector --set game.benefitt=4
expect_err_has "--set path 'game.benefitt': no key 'benefitt' in game (did you mean 'benefit'?)" "... names the flag and the closest key"
expect_exit 2 "--set: a value the game refuses" "$PARLEY" moran --game "$PG" --players ttft,defector --set game.cost=-1
expect_err_has "'cost' must be between 0 and 1e+12, found -1 (the value set by --set game.cost=-1)" "... at its place, naming the flag and value"
expect_exit 2 "--set: a prisoner's dilemma set out of order" "$PARLEY" moran --game "$(dirname "$0")/../../scenarios/games/six-player-tournament.yaml" --players ttft,defector --set tournament.game.T=2
expect_err_has "needs T > R > P > S, got R=3 S=0 T=2 P=1 (this follows from --set tournament.game.T=2" "... blamed on the flag"
out=$("$PARLEY" moran --game "$PG" --help)
check "the N-party help lists --set" grep -q -- "--set P=V" <<<"$out"
echo "1..$tap_n"
