# SPDX-License-Identifier: MIT
# cli_tournament.sh — `parley tournament`: table, files, thread invariance, bad input.
. "$(dirname "$0")/../tap.sh"
out=$("$PARLEY" tournament --players tft,defector,cooperator --turns 20 --repetitions 3 2>/dev/null); rc=$?
check "a small tournament runs" [ "$rc" -eq 0 ]
check "the table is ranked with Defector first" grep -qE '^ +1  Defector' <<<"$out"
"$PARLEY" tournament --players tft,defector,cooperator,tft --turns 30 --repetitions 4 --noise 0.1 --seed 3 --threads 1 --out "$TMP/t1" >/dev/null 2>&1
"$PARLEY" tournament --players tft,defector,cooperator,tft --turns 30 --repetitions 4 --noise 0.1 --seed 3 --threads 2 --out "$TMP/t2" >/dev/null 2>&1
for f in summary.csv normalised_scores.csv wins.csv payoff_matrix.csv results.json; do
  check "$f written" [ -s "$TMP/t1/$f" ]
  check "$f byte-identical with 1 and 2 threads" cmp -s "$TMP/t1/$f" "$TMP/t2/$f"
done
check "no temporary files left" [ -z "$(ls "$TMP/t1" | grep tmp)" ]
check "results.json parses and names the players" python3 -c "import json,sys; d=json.load(open('$TMP/t1/results.json')); assert len(d['ranked'])==4; assert d['parameters']['seed']==3"
printf 'tft\n# a comment\n\nOmega TFT: 3, 8\ndefector\n' >"$TMP/players.txt"
out=$("$PARLEY" tournament --players "@$TMP/players.txt" --turns 10 --repetitions 1 2>&1)
check "@FILE lists are read, names with commas kept whole" grep -q 'Omega TFT: 3, 8' <<<"$out"
out=$("$PARLEY" tournament --players "tft,Omega TFT: 3, 8,defector" --turns 10 --repetitions 1 2>&1)
check "comma lists keep names that contain commas" grep -q 'Omega TFT: 3, 8' <<<"$out"
expect_exit 2 "unknown player" "$PARLEY" tournament --players tft,grudgr --turns 10
expect_err_has "closest known" "unknown player suggests names"
printf 'tft\nnot_a_strategy\n' >"$TMP/bad.txt"
expect_exit 2 "unknown player in a file" "$PARLEY" tournament --players "@$TMP/bad.txt"
expect_err_has "bad.txt:2:1:" "the file, line and column are named"
expect_exit 2 "missing player file" "$PARLEY" tournament --players "@$TMP/none.txt"
expect_exit 2 "one player" "$PARLEY" tournament --players tft
expect_exit 2 "zero repetitions" "$PARLEY" tournament --players tft,defector --repetitions 0
expect_err_has "--repetitions" "zero repetitions names the flag"
expect_exit 2 "negative turns" "$PARLEY" tournament --players tft,defector --turns -1
expect_err_has "--turns" "negative turns names the flag"
expect_exit 2 "noise outside [0,1]" "$PARLEY" tournament --players tft,defector --noise -0.1
expect_err_has "--noise" "bad noise names the flag"
expect_exit 2 "prob-end outside [0,1]" "$PARLEY" tournament --players tft,defector --prob-end 1.5
expect_err_has "--prob-end" "bad prob-end names the flag"
expect_exit 2 "bad game" "$PARLEY" tournament --players tft,defector --game 3,0,5
expect_err_has "--game" "bad game names the flag"
expect_exit 2 "bad threads" "$PARLEY" tournament --players tft,defector --threads x
expect_err_has "--threads" "bad threads names the flag"
expect_exit 2 "bad seed" "$PARLEY" tournament --players tft,defector --seed 1.5
expect_err_has "--seed" "bad seed names the flag"
expect_exit 2 "empty out" "$PARLEY" tournament --players tft,defector --out ""
expect_err_has "--out: expected a directory name" "empty out names the flag"
expect_exit 2 "out into a file path" "$PARLEY" tournament --players tft,defector --turns 5 --out /proc/version/x
expect_exit 0 "--help" "$PARLEY" tournament --help
check "report.html written with the results" [ -s "$TMP/t1/report.html" ]
check "report.html byte-identical with 1 and 2 threads" cmp -s "$TMP/t1/report.html" "$TMP/t2/report.html"
"$PARLEY" tournament --players 'tft,grudger,defector,First by Davis: 10,gtft,wsls,random' --turns 100 --repetitions 10 --seed 1 --out "$TMP/t3" >/dev/null 2>&1
"$PARLEY" tournament --players tft,defector,cooperator,grudger --turns 300 --prob-end 0.05 --repetitions 5 --seed 2 --out "$TMP/t4" >/dev/null 2>&1
. "$(dirname "$0")/../browser_check.sh"
browser_check "$TMP/t3/report.html" tournament_report 6
browser_check "$TMP/t4/report.html" tournament_report_prob_end 7
check "report.html shows the wins per repetition as boxes (the reference's winplot)" grep -q "Matches won per repetition" "$TMP/t4/report.html"
check "report.html shows score differences as the reference's pdplot and sdvplot" \
  bash -c "grep -q 'Mean score difference per turn' '$TMP/t4/report.html' && grep -q 'Score difference per turn against each opponent' '$TMP/t4/report.html'"
check "under --prob-end report.html shows the match lengths" grep -q "Matches by length" "$TMP/t4/report.html"
check "without --prob-end it does not" bash -c "! grep -q 'Matches by length' '$TMP/t3/report.html'"
# the report at scale (issue 15): every strategy of the library, charts and heat maps drawn and readable
"${PARLEY_RELEASE:-$PARLEY}" tournament --players all --turns 10 --repetitions 2 --seed 4 --out "$TMP/all" >/dev/null 2>&1
all=$TMP/all/report.html
n_all=$(($(wc -l <"$TMP/all/summary.csv") - 1))
check "--players all: $n_all players (more than the 200 the charts once stopped at)" [ "$n_all" -gt 200 ]
check "--players all: no chart gives way to a note" bash -c "! grep -q 'Too many players' '$all'"
check "--players all: both heat maps drawn" [ "$(grep -c 'data-kind="heatmap"' "$all")" -eq 2 ]
check "--players all: the score chart has a row for every player" \
  [ "$(awk '/<title>Normalised score per repetition/,/<\/svg>/' "$all" | grep -c '<g><title>')" -eq "$n_all" ]
check "--players all: the heat map has a row for every player, named on hover" \
  [ "$(grep -c ' (row)</title>' "$all")" -eq $((2 * n_all)) ]
check "--players all: no label is cut short (a cut label carries its whole text as a tooltip)" \
  bash -c "! grep -q '</title></text>' '$all'"
check "--players all: the tall charts repeat their value labels at the top" [ "$(grep -c 'class="axis x top"' "$all")" -ge 4 ]
check "--players all: the heat map is wider than the page and scrolls rather than shrinks" grep -q 'class="pl-chart wide" role="img" data-kind="heatmap"' "$all"
size=$(stat -c %s "$all")
check "--players all: report.html stays under 8 MB ($size bytes)" [ "$size" -lt 8000000 ]
browser_check "$all" tournament_report_all 6
browser_labels_inside "$all" tournament_report_all
browser_tables_fit "$all" tournament_report_all
if [ -n "${CHROMIUM:-}" ]; then # the payoff heat map alone, whole, for a look
  { echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>heat map</title></head><body style="margin:0">'
    awk '/^<svg /{buf=$0; keep=0; next} buf!=""{buf=buf "\n" $0; if ($0 ~ /<title>Mean payoff per turn/) keep=1;
         if ($0 ~ /^<\/svg>/) {if (keep) print buf; buf=""}}' "$all"
    echo '</body></html>'; } >"$TMP/heat.html"
  rm -f build/screenshots/tournament_all_heatmap.png
  browser_run --screenshot="$PWD/build/screenshots/tournament_all_heatmap.png" --window-size=1700,1500 "file://$TMP/heat.html" >/dev/null 2>&1
  check "--players all: screenshot of the payoff heat map" test -s build/screenshots/tournament_all_heatmap.png
fi
# --players short (issue 17): the reference's short_run_time_strategies, every player but the slow ones
"${PARLEY_RELEASE:-$PARLEY}" tournament --players short --turns 5 --repetitions 1 --seed 4 --out "$TMP/short" >/dev/null 2>&1
n_short=$(($(wc -l <"$TMP/short/summary.csv") - 1))
check "--players short: 222 players, as the reference's short_run_time_strategies ($n_short)" [ "$n_short" -eq 222 ]
check "--players short: no DBS, no long-run Meta player, no Darwin, no general Cycler or Memory One" \
  bash -c "! grep -qE '(^|,)\"?(DBS|Meta Winner|Meta Majority|Meta Mixer|NMWE Deterministic|Darwin|Cycler|Memory One)[:,\"]' '$TMP/short/summary.csv'"
check "--players all: has them (the pattern above finds them)" \
  [ "$(grep -cE '(^|,)\"?(DBS|Meta Winner|Meta Majority|Meta Mixer|NMWE Deterministic|Darwin|Cycler|Memory One)[:,\"]' "$TMP/all/summary.csv")" -eq 8 ]
check "--players short: the memory-one Meta players stay (not long_run_time in the reference)" \
  grep -q 'Meta Winner Memory One' "$TMP/short/summary.csv"
check "--players short: the rest of the field as --players all has it (Tit For Tat, Evolved ANN)" \
  bash -c "grep -q 'Tit For Tat' '$TMP/short/summary.csv' && grep -q 'Evolved ANN' '$TMP/short/summary.csv'"
out=$("$PARLEY" tournament --help 2>&1)
check "--help names 'short'" grep -q "'short'" <<<"$out"
# batched (issue 17; the default since 2026-12-04, --batched accepted and the same): memory-one pairs
# 64 repetitions at once; other draws, same bytes on any thread count; --no-batched match by match
for t in 1 2; do
  "$PARLEY" tournament --players tft,gtft,wsls,zd_extort_2,grudger --turns 50 --repetitions 100 --noise 0.05 \
    --seed 3 --threads $t --batched --out "$TMP/b$t" >"$TMP/b$t.txt" 2>/dev/null
done
"$PARLEY" tournament --players tft,gtft,wsls,zd_extort_2,grudger --turns 50 --repetitions 100 --noise 0.05 \
  --seed 3 --threads 1 --no-batched --out "$TMP/b0" >"$TMP/b0.txt" 2>/dev/null
"$PARLEY" tournament --players tft,gtft,wsls,zd_extort_2,grudger --turns 50 --repetitions 100 --noise 0.05 \
  --seed 3 --threads 1 --out "$TMP/bd" >"$TMP/bd.txt" 2>/dev/null
check "--batched: the same results on 1 and 2 threads" diff -r "$TMP/b1" "$TMP/b2"
check "the default is --batched" diff -r "$TMP/b1" "$TMP/bd"
check "batched: results.json says so" grep -q '"batched": *true' "$TMP/b1/results.json"
check "--no-batched: results.json has no such key (the files of parley before 2026-12-04)" \
  bash -c "! grep -q batched '$TMP/b0/results.json'"
check "batching changes the draws of memory-one pairs" bash -c "! cmp -s '$TMP/b0/payoff_matrix.csv' '$TMP/b1/payoff_matrix.csv'"
"$PARLEY" tournament --players tft,grudger,defector,alternator --turns 50 --repetitions 3 --out "$TMP/bdet" >/dev/null 2>&1
check "a deterministic field (no pair batched): results.json has no batched key" \
  bash -c "! grep -q batched '$TMP/bdet/results.json'"
expect_exit 2 "--batched with --no-batched" "$PARLEY" tournament -p tft,random --batched --no-batched
expect_err_has "choose one" "the message asks for one of the two"
"$PARLEY" tournament --help >"$TMP/help.txt" 2>&1
check "--help names --no-batched and that it reproduces older results" \
  bash -c "grep -q -- '--no-batched' '$TMP/help.txt' && grep -q 'reproduce' '$TMP/help.txt'"
# --batched plays pairs of automata that draw too (automaton_batch.c: gamblers, machines, Feld, a
# table against an automaton), without noise: the same bytes on 1 and 2 threads, other draws than
# the default's
for t in 1 2; do
  "$PARLEY" tournament --players pso_gambler_2_2_2,evolved_fsm_4,first_feld,gtft,tf2t,adaptive --turns 60 \
    --repetitions 70 --seed 5 --threads $t --batched --out "$TMP/a$t" >/dev/null 2>&1
done
"$PARLEY" tournament --players pso_gambler_2_2_2,evolved_fsm_4,first_feld,gtft,tf2t,adaptive --turns 60 \
  --repetitions 70 --seed 5 --threads 1 --no-batched --out "$TMP/a0" >/dev/null 2>&1
check "--batched with automata: the same results on 1 and 2 threads" diff -r "$TMP/a1" "$TMP/a2"
check "--batched changes the draws of automata pairs" bash -c "! cmp -s '$TMP/a0/payoff_matrix.csv' '$TMP/a1/payoff_matrix.csv'"
# the three ways --batched draws (issue 17): bit-serial actions as played, the noise's gaps for players
# whose tables draw nothing (noise <= 1/16: tft, wsls, cooperator, defector), both in one pair; and above
# 1/16 bit-serial only: the same bytes on 1 and 3 threads either way
for noise in 0.05 0.2; do
  for t in 1 3; do
    "$PARLEY" tournament --players tft,wsls,cooperator,defector,random,zd_gtft_2,first_joss --turns 70 \
      --repetitions 130 --noise $noise --seed 11 --threads $t --batched --out "$TMP/g$noise-$t" >/dev/null 2>&1
  done
  check "--batched, noise $noise: the same results on 1 and 3 threads" diff -r "$TMP/g$noise-1" "$TMP/g$noise-3"
done
