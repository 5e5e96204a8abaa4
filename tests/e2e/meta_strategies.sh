# SPDX-License-Identifier: MIT
# meta_strategies.sh — the Meta players, DBS and Darwin from the command: the reference's own
# matches replay move for move (Meta Winner Deterministic and DBS: transcripts made by
# tools/meta_reference.py from Axelrod-Python 4.13), every reference table name resolves
# (Go By Majority 10), and a tournament with Meta players is the same at 1 and 2 threads.
. "$(dirname "$0")/../tap.sh"
for f in meta_transcripts dbs_transcripts; do
  path="$RESOURCES/axelrod-4.13/$f.jsonl"
  lines=$(wc -l < "$path")
  out=$("$PARLEY" check-transcripts "$path"); rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  echo "# $f: $last"
  printf '%s\n' "$out" | grep '^MISMATCH' | head -10 | sed 's/^/# /'
  check "$f: every one of the reference's $lines matches replays move for move" \
    [ "$rc" -eq 0 -a "$last" = "$lines checked, 0 mismatched, 0 skipped" ]
  check "$f: the file has matches" [ "$lines" -ge 15 ]
done

# the reference's classifier-table names, which its players show differently
for n in "Go By Majority 10" "Hard Go By Majority 5" "Go By Majority" "Meta Winner" "NMWE Memory One" \
         "Nice Meta Winner Ensemble" DBS Darwin "Memory Decay" MetaWinnerDeterministic; do
  check "'$n' names a strategy" sh -c '"$0" match "$1" tft --turns 5 >/dev/null' "$PARLEY" "$n"
done
out=$("$PARLEY" match "Go By Majority 10" tft --turns 3)
case "$out" in *"Soft Go By Majority: 10"*) ok "'Go By Majority 10' is the reference's GoByMajority10";;
  *) not_ok "'Go By Majority 10' plays as: $out";; esac

# the teams' sizes as the reference shows them
"$PARLEY" strategies --json > "$TMP/s.json"
for want in "Meta Winner: 217 players" "Meta Majority Memory One: 37 players" "Meta Winner Deterministic: 149 players" \
            "NMWE Stochastic: 68 players" "Meta Winner Long Memory: 136 players" "NMWE Finite Memory: 81 players"; do
  check "strategies lists '$want'" grep -qF "\"axelrod_name\":\"$want\"" "$TMP/s.json"
done

# thread count: Meta players (random teams included), DBS and Darwin in one round robin
t="tournament -p meta_winner,meta_majority_memory_one,nmwe_stochastic,meta_mixer,memory_decay,dbs,darwin,tft,random -t 40 -r 2 -s 3"
"$PARLEY" $t -j 1 -o "$TMP/j1" > /dev/null 2>&1; rc1=$?
"$PARLEY" $t -j 2 -o "$TMP/j2" > /dev/null 2>&1; rc2=$?
check "the tournament runs at 1 and 2 threads" [ "$rc1" -eq 0 -a "$rc2" -eq 0 ]
for f in summary.csv payoff_matrix.csv normalised_scores.csv wins.csv; do
  check "$f is byte-identical at 1 and 2 threads" cmp -s "$TMP/j1/$f" "$TMP/j2/$f"
done
echo "1..$tap_n"
