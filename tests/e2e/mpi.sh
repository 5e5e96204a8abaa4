# SPDX-License-Identifier: MIT
# mpi.sh — parley-mpi (make mpi, docs/mpi.md): a tournament split among 2 and 3 MPI processes, with
# 1 and 2 threads each, writes the very bytes of a one-process run with the same seed; only rank 0
# prints; agreement runs, Moran fixation runs, N-party runs, parley fit (its grid and its predictive
# check), parley sensitivity (its points' simulations) and parley design split the same way give
# the same bytes (the agreements' runs include their incentive checks);
# bad input stops every process with exit code 2.
# Skipped, saying why, when Open MPI is not installed (tools/install-deps.sh --test installs it).
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
R=${PARLEY_RELEASE:-build/release/parley}
M=build/mpi/parley-mpi
if ! command -v mpirun >/dev/null; then
  ok "# SKIP mpirun is not installed (Debian's openmpi-bin: tools/install-deps.sh --test)"
  echo "1..$tap_n"; exit 0
fi
[ -x "$M" ] || { not_ok "$M is not built (make mpi)"; echo "1..$tap_n"; exit 0; }
# as root Open MPI wants its flag; more processes than cores need --oversubscribe
run() { local np=$1; shift; mpirun --allow-run-as-root --oversubscribe -np "$np" "$M" "$@"; }

P="tft,grudger,defector,gtft:p=0.1,First by Davis: 10,random,wsls,alternator,Omega TFT: 3, 8,prober"
"$R" tournament --players "$P" --turns 60 --repetitions 7 --noise 0.05 --prob-end 0.02 --seed 11 --out "$TMP/one" \
  >"$TMP/one.txt" 2>/dev/null
check "a one-process tournament to compare with" [ -f "$TMP/one/results.json" ]
for np in 2 3; do
  for th in 1 2; do
    run $np tournament --players "$P" --turns 60 --repetitions 7 --noise 0.05 --prob-end 0.02 --seed 11 \
      --threads $th --out "$TMP/np$np-t$th" >"$TMP/np$np-t$th.txt" 2>"$TMP/np$np-t$th.err"
    check "tournament on $np processes x $th threads: exit 0" [ $? -eq 0 ]
    check "tournament on $np processes x $th threads: the same bytes as one process" diff -r "$TMP/one" "$TMP/np$np-t$th"
    check "tournament on $np processes x $th threads: one table printed, rank 0's" \
      diff "$TMP/one.txt" "$TMP/np$np-t$th.txt"
  done
done
# every strategy, a tournament of 48620 pairs in more than one round of blocks
"$R" tournament --players all --turns 20 --repetitions 2 --seed 2 --out "$TMP/all1" >/dev/null 2>&1
run 3 tournament --players all --turns 20 --repetitions 2 --seed 2 --out "$TMP/all3" >/dev/null 2>&1
check "every strategy on 3 processes: the same bytes as one process" diff -r "$TMP/all1" "$TMP/all3"
# the batched play (the default): here only the last pair (Random against its copy) is batched, a
# block other processes than rank 0 play; results.json says so from every process's fold alike
"$R" tournament --players tft,grudger,defector,random --edges 0-1,0-2,1-2,2-2,0-0,3-3 --repetitions 70 --seed 4 \
  --out "$TMP/b1" >/dev/null 2>&1
run 3 tournament --players tft,grudger,defector,random --edges 0-1,0-2,1-2,2-2,0-0,3-3 --repetitions 70 --seed 4 \
  --out "$TMP/b3" >/dev/null 2>&1
check "batched on 3 processes: the same bytes as one process" diff -r "$TMP/b1" "$TMP/b3"
check "batched on 3 processes: results.json says batched" grep -q '"batched": *true' "$TMP/b3/results.json"
check "no temporary directory of another rank is left behind" [ -z "$(ls -d /tmp/parley-mpi-* 2>/dev/null)" ]

# agreements: runs in blocks of 2048, shared among the processes; the integer tallies of every
# process added to every one's: six-party, and the Agreed Framework with its 'behaviour:' block.
for S in scenarios/korea/six-party-2007.yaml scenarios/korea/agreed-framework-1994.yaml; do
  b=$(basename $S .yaml)
  "$R" run $S --runs 10000 --seed 5 --threads 1 --out "$TMP/$b-1" >/dev/null 2>&1
  run 3 run $S --runs 10000 --seed 5 --threads 2 --out "$TMP/$b-3" >/dev/null 2>&1
  check "agreement $b on 3 processes x 2 threads: the same bytes as one process" diff -r "$TMP/$b-1" "$TMP/$b-3"
done

# Moran fixation runs: blocks of runs, shared; their counts travel in the blocks
MO=(moran --players tft,defector,wsls --counts 3,4,3 --turns 20 --noise 0.05 --samples 20 --runs 20000 --seed 4)
"$R" "${MO[@]}" --out "$TMP/moran1" >/dev/null 2>&1
run 3 "${MO[@]}" --threads 2 --out "$TMP/moran3" >/dev/null 2>&1
check "Moran fixation runs on 3 processes x 2 threads: the same bytes as one process" diff -r "$TMP/moran1" "$TMP/moran3"

# N-party runs: blocks of 64 runs, their payoff sums and lasting restraint in the slots, the
# integer tallies of every process added to every one's (pairwise: a game of pairs; public goods)
for S in scenarios/games/public-goods.yaml scenarios/games/pairwise.yaml; do
  b=$(basename $S .yaml)
  "$R" run $S --runs 1500 --seed 5 --threads 1 --out "$TMP/$b-1" >/dev/null 2>&1
  run 3 run $S --runs 1500 --seed 5 --threads 2 --out "$TMP/$b-3" >/dev/null 2>&1
  check "N-party $b on 3 processes x 2 threads: the same bytes as one process" diff -r "$TMP/$b-1" "$TMP/$b-3"
done

# parley fit: the likelihood grid in blocks of points, the predictive check in blocks of runs
FIT=(fit scenarios/korea/six-party-2007.yaml --runs 3000 --seed 9)
"$R" "${FIT[@]}" --threads 1 --out "$TMP/fit1" >"$TMP/fit1.txt" 2>/dev/null
run 3 "${FIT[@]}" --threads 2 --out "$TMP/fit3" >"$TMP/fit3.txt" 2>/dev/null
check "parley fit on 3 processes x 2 threads: exit 0 and a fit.json" [ -s "$TMP/fit3/fit.json" ]
check "parley fit on 3 processes x 2 threads: the same fit.json as one process" diff -r "$TMP/fit1" "$TMP/fit3"
check "parley fit on 3 processes: the same summary, rank 0's" diff "$TMP/fit1.txt" "$TMP/fit3.txt"

# parley sensitivity: every point's simulation shared (an N-party scenario with a Sobol pass and a
# grid; an agreement)
SENS=(sensitivity scenarios/games/public-goods.yaml --runs 400 --seed 3 --sobol 4 --grid 1,2 --grid-steps 3)
"$R" "${SENS[@]}" --threads 1 --out "$TMP/sens1" >/dev/null 2>&1
run 3 "${SENS[@]}" --threads 2 --out "$TMP/sens3" >/dev/null 2>&1
check "parley sensitivity (N-party) on 3 processes x 2 threads: the same bytes as one process" \
  diff -r "$TMP/sens1" "$TMP/sens3"
SENS=(sensitivity scenarios/korea/six-party-2007.yaml --runs 600 --seed 3 --bisect 3)
"$R" "${SENS[@]}" --threads 1 --out "$TMP/sensag1" >/dev/null 2>&1
run 3 "${SENS[@]}" --threads 1 --out "$TMP/sensag3" >/dev/null 2>&1
check "parley sensitivity (agreement) on 3 processes: the same bytes as one process" diff -r "$TMP/sensag1" "$TMP/sensag3"
check "parley sensitivity wrote its files" [ -s "$TMP/sensag3/sensitivity.json" ]

# parley design: one design a block, its completion bits in the slot (the re-estimate's pairing)
DES=(design scenarios/korea/six-party-2007.yaml --runs 200 --confirm 400 --check-runs 100 --top 2 --max-designs 12 --seed 5)
"$R" "${DES[@]}" --threads 1 --out "$TMP/des1" >"$TMP/des1.txt" 2>/dev/null
run 3 "${DES[@]}" --threads 2 --out "$TMP/des3" >"$TMP/des3.txt" 2>/dev/null
check "parley design on 3 processes x 2 threads: the same bytes as one process" diff -r "$TMP/des1" "$TMP/des3"
check "parley design on 3 processes: the same summary, rank 0's" diff "$TMP/des1.txt" "$TMP/des3.txt"
check "parley design wrote its files" [ -s "$TMP/des3/designs.csv" ]

TAP_ERR=$(run 3 tournament --players tft,defectr 2>&1 >/dev/null); rc=$?
check "an unknown strategy on 3 processes: exit 2 (got $rc)" [ "$rc" -eq 2 ]
expect_err_has "defectr" "the error names the strategy"
echo "1..$tap_n"
