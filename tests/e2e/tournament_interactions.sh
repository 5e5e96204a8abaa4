# SPDX-License-Identifier: MIT
# tournament_interactions.sh — `parley tournament --out DIR --interactions NAME` writes every
# match (pair, repetition, both action strings, both scores) as gzip CSV inside DIR, from which
# tools/interactions_rebuild.py rebuilds each player's median and mean score, wins, cooperation
# and initial cooperation rates and the payoff matrix, and compares them with summary.csv and
# payoff_matrix.csv to 1e-9.  The file is the same bytes at 1 and 2 threads, its gzip header
# holds no time or name, and a bad NAME (or one without --out) exits 2 before any match is
# played, leaving no directory behind.  The batched play (the default since 2026-12-04, issue
# 17) writes the file from the actions its kernels keep: the matches whose scores the results
# hold, the same bytes at 1 and 2 threads, the results the same as without the file.
. "$(dirname "$0")/../tap.sh"
rebuild="$(dirname "$0")/../../tools/interactions_rebuild.py"
field=tft,grudger,random,wsls,defector,gtft,"Forgetful Fool Me Once: 0.05"

run() { # run DIR THREADS EXTRA...: the small tournament with noise and a probabilistic end
  local dir=$1 threads=$2; shift 2
  "$PARLEY" tournament --players "$field" --noise 0.05 --prob-end 0.05 --repetitions 6 --seed 7 \
    --threads "$threads" --out "$dir" --interactions interactions.csv.gz "$@" >/dev/null 2>"$TMP/err"
}

check "a tournament with noise and --prob-end writes DIR/interactions.csv.gz" run "$TMP/one" 1
check "the same run at 2 threads" run "$TMP/two" 2
check "the interactions file is the same bytes at 1 and 2 threads" cmp "$TMP/one/interactions.csv.gz" "$TMP/two/interactions.csv.gz"
check "the rest of the results are the same bytes at 1 and 2 threads" cmp "$TMP/one/summary.csv" "$TMP/two/summary.csv"

# gzip header (RFC 1952): ID1 ID2 CM FLG, then MTIME (4 bytes): no FNAME flag, time 0
hdr=$(od -A n -t x1 -N 8 "$TMP/one/interactions.csv.gz" | tr -d ' \n')
check "gzip header without a file name or a time ($hdr)" test "$hdr" = 1f8b080000000000

lines=$(gzip -dc "$TMP/one/interactions.csv.gz" | wc -l)
matches=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["matches"])' "$TMP/one/results.json")
check "one line a match plus the header ($lines lines, $matches matches)" test "$lines" -eq $((matches + 1))
check "header names the columns" test "$(gzip -dc "$TMP/one/interactions.csv.gz" | head -n 1)" = \
  "i,j,repetition,actions_i,actions_j,score_i,score_j"
lens=$(gzip -dc "$TMP/one/interactions.csv.gz" | tail -n +2 | cut -d, -f4 | awk '{print length($0)}' | sort -un | wc -l)
check "--prob-end gives matches of several lengths ($lens distinct)" test "$lens" -gt 3

out=$(python3 "$rebuild" "$TMP/one" interactions.csv.gz 2>&1); rc=$?
echo "$out" | grep '^#' | head -n 5
check "summary.csv and payoff_matrix.csv rebuilt from the interactions alone ($(echo "$out" | tail -n 1))" test "$rc" -eq 0

# the check can fail: one score changed in the file is found
gzip -dc "$TMP/one/interactions.csv.gz" | awk -F, 'BEGIN{OFS=","} NR==3{$6=$6+1} {print}' | gzip -n >"$TMP/one/tampered.csv.gz"
python3 "$rebuild" "$TMP/one" tampered.csv.gz >"$TMP/tampered.out" 2>&1; rc=$?
check "a changed score in the file is reported ($(tail -n 1 "$TMP/tampered.out"))" test "$rc" -eq 1

# a deterministic field (pairs played once and reused): every repetition is written
"$PARLEY" tournament --players tft,grudger,alternator,defector --turns 20 --repetitions 3 --out "$TMP/det" \
  --interactions m.gz >/dev/null 2>&1
check "a deterministic pair is written once a repetition ($(gzip -dc "$TMP/det/m.gz" | wc -l) lines)" \
  test "$(gzip -dc "$TMP/det/m.gz" | grep -c '^0,1,')" -eq 3
python3 "$rebuild" "$TMP/det" m.gz >"$TMP/det.out" 2>&1; rc=$?
check "a deterministic field rebuilds too ($(tail -n 1 "$TMP/det.out"))" test "$rc" -eq 0

# a spatial tournament: only the edges' pairs, in the edges' order, lower index first
"$PARLEY" tournament --players tft,wsls,random,cooperator --edges 2-1,0-1,3-3,3-0 --noise 0.1 --repetitions 2 \
  --out "$TMP/sp" --interactions e.gz >/dev/null 2>&1
pairs=$(gzip -dc "$TMP/sp/e.gz" | tail -n +2 | cut -d, -f1,2 | uniq | tr '\n' ' ')
check "--edges: the edges' pairs in their order ($pairs)" test "$pairs" = "1,2 0,1 3,3 0,3 "
python3 "$rebuild" "$TMP/sp" e.gz >"$TMP/sp.out" 2>&1; rc=$?
check "a spatial tournament rebuilds ($(tail -n 1 "$TMP/sp.out"))" test "$rc" -eq 0

# two players of the same name: told apart by their index
"$PARLEY" tournament --players tft,random,random,defector --noise 0.05 --repetitions 4 --out "$TMP/dup" \
  --interactions d.gz >/dev/null 2>&1
python3 "$rebuild" "$TMP/dup" d.gz >"$TMP/dup.out" 2>&1; rc=$?
check "two players of one name rebuild ($(tail -n 1 "$TMP/dup.out"))" test "$rc" -eq 0

# batched (the default): tables and automata that draw, a fixed length across a chunk of 64 turns,
# 70 repetitions (a batch of 64 and part of another), noise; and --no-batched, match by match
bfield=tft,gtft,random,wsls,pso_gambler_2_2_2,evolved_fsm_4,tf2t,adaptive
brun() { # brun DIR THREADS EXTRA...
  local dir=$1 threads=$2; shift 2
  "$PARLEY" tournament --players "$bfield" --turns 70 --repetitions 70 --noise 0.02 --seed 9 --threads "$threads" \
    --out "$dir" "$@" >/dev/null 2>&1
}
check "batched (the default) with --interactions" brun "$TMP/b1" 1 --interactions b.gz
check "the same at 2 threads" brun "$TMP/b2" 2 --interactions b.gz
check "batched: results.json says so" grep -q '"batched": *true' "$TMP/b1/results.json"
check "batched: the interactions file is the same bytes at 1 and 2 threads" cmp "$TMP/b1/b.gz" "$TMP/b2/b.gz"
check "batched: the results are the same bytes at 1 and 2 threads" cmp "$TMP/b1/payoff_matrix.csv" "$TMP/b2/payoff_matrix.csv"
out=$(python3 "$rebuild" "$TMP/b1" b.gz 2>&1); rc=$?
check "batched: summary.csv and payoff_matrix.csv rebuilt from the interactions ($(echo "$out" | tail -n 1))" test "$rc" -eq 0
check "batched: one line a match ($(gzip -dc "$TMP/b1/b.gz" | wc -l) lines)" \
  test "$(gzip -dc "$TMP/b1/b.gz" | wc -l)" -eq $((36 * 70 + 1))
brun "$TMP/b0" 1
check "batched: the results without --interactions are the same (keeping the actions changes no draw)" \
  bash -c "cmp '$TMP/b0/summary.csv' '$TMP/b1/summary.csv' && cmp '$TMP/b0/payoff_matrix.csv' '$TMP/b1/payoff_matrix.csv'"
check "--no-batched with --interactions" brun "$TMP/n1" 1 --no-batched --interactions n.gz
out=$(python3 "$rebuild" "$TMP/n1" n.gz 2>&1); rc=$?
check "--no-batched: rebuilt from its interactions ($(echo "$out" | tail -n 1))" test "$rc" -eq 0
check "--no-batched: other draws than the default's" bash -c "! cmp -s '$TMP/n1/n.gz' '$TMP/b1/b.gz'"

expect_exit 2 "--interactions without --out" "$PARLEY" tournament -p tft,grudger --interactions i.gz
expect_err_has "needs --out" "the message says --out is needed"
expect_exit 2 "--interactions with a '/' in NAME" "$PARLEY" tournament -p tft,grudger -o "$TMP/bad1" --interactions sub/i.gz
expect_err_has "--interactions: 'sub/i.gz' is not a file name" "the message names the flag and the value"
check "no results directory left for a refused NAME" test ! -e "$TMP/bad1"
expect_exit 2 "--interactions named as a result file" "$PARLEY" tournament -p tft,grudger -o "$TMP/bad2" --interactions summary.csv
expect_exit 2 "--interactions with an empty NAME" "$PARLEY" tournament -p tft,grudger -o "$TMP/bad4" --interactions ''
