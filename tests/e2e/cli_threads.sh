# SPDX-License-Identifier: MIT
# cli_threads.sh — one default thread count for every command that uses threads (every core, fit too), said
# in each --help and in the general one; the results are the same with the default, one thread
# and two; the timing line reads right ("1 thread", "2 threads").
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
SIX=scenarios/korea/six-party-2007.yaml
check "--help says which default and why" grep -q "^Threads: every command that uses them runs on every core" <<<"$("$PARLEY" --help)"
for c in tournament moran run design sensitivity fit; do
  check "$c --help gives the one default (every core)" \
    bash -c "'$PARLEY' $c --help | grep -A1 -- '--threads k' | grep -q 'default: every core; 0 = every core'"
done
# the same results whatever the number of threads, the default included
t="tournament -p tft,grudger,defector,random -t 50 -r 3 -s 5"
"$PARLEY" $t >"$TMP/t0.txt" 2>"$TMP/t0.err"
"$PARLEY" $t -j 1 >"$TMP/t1.txt" 2>"$TMP/t1.err"
"$PARLEY" $t -j 2 >"$TMP/t2.txt" 2>"$TMP/t2.err"
check "tournament: the default gives what -j 1 and -j 2 give" bash -c "cmp -s '$TMP/t0.txt' '$TMP/t1.txt' && cmp -s '$TMP/t1.txt' '$TMP/t2.txt'"
cores=$(nproc)
check "tournament: the default is every core ($cores)" grep -qE "turns/s[^)]*[,;] $cores threads?\)" "$TMP/t0.err"
check "tournament: the timing line says '1 thread'" grep -qE 'turns/s[^)]*[,;] 1 thread\)$' "$TMP/t1.err"
check "tournament: the timing line says '2 threads'" grep -qE 'turns/s[^)]*[,;] 2 threads\)$' "$TMP/t2.err"
m="moran --players tft,defector --counts 1,3 --turns 5 --runs 200 --seed 3"
"$PARLEY" $m -j 1 >"$TMP/m1.txt" 2>"$TMP/m1.err"
"$PARLEY" $m -j 2 >"$TMP/m2.txt" 2>"$TMP/m2.err"
check "moran: the same results with 1 and 2 threads" cmp -s "$TMP/m1.txt" "$TMP/m2.txt"
check "moran: the timing line says '1 thread'" grep -qE '\(1 thread\)$' "$TMP/m1.err"
check "moran: the timing line says '2 threads'" grep -qE '\(2 threads\)$' "$TMP/m2.err"
"$PARLEY" run "$SIX" -r 100 -j 1 >"$TMP/r1.txt" 2>"$TMP/r1.err"
"$PARLEY" run "$SIX" -r 100 -j 2 >"$TMP/r2.txt" 2>"$TMP/r2.err"
check "run: the same results with 1 and 2 threads" cmp -s "$TMP/r1.txt" "$TMP/r2.txt"
check "run: the timing line says '1 thread'" grep -qE 'runs/s, 1 thread\)' "$TMP/r1.err"
check "run: the timing line says '2 threads'" grep -qE 'runs/s, 2 threads\)' "$TMP/r2.err"
"$PARLEY" sensitivity "$SIX" --runs 100 -j 1 >/dev/null 2>"$TMP/s1.err"
check "sensitivity: the timing line says '1 thread'" grep -qE '\(1 thread\)$' "$TMP/s1.err"
"$PARLEY" fit "$SIX" --runs 300 -j 1 >"$TMP/f1.txt" 2>"$TMP/f1.err"
"$PARLEY" fit "$SIX" --runs 300 -j 2 >"$TMP/f2.txt" 2>"$TMP/f2.err"
check "fit: the same results with 1 and 2 threads" cmp -s "$TMP/f1.txt" "$TMP/f2.txt"
check "fit: the timing line says '1 thread'" grep -qE 'predictive check, 1 thread\)$' "$TMP/f1.err"
check "fit: the timing line says '2 threads'" grep -qE 'predictive check, 2 threads\)$' "$TMP/f2.err"
