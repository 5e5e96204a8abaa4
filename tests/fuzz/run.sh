#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh SECONDS [TARGET...] — runs each libFuzzer target (build/fuzz/fuzz_*) for SECONDS, as
# `make fuzz` (long) and tests/e2e/fuzz.sh (short, inside make check) do, and prints TAP lines.
#
# Each target first replays its regression inputs (tests/fuzz/regressions/TARGET/: every input
# that ever failed), then fuzzes from a corpus seeded with the shipped files of its kind, with
# the dictionary tests/fuzz/parley.dict.  Inputs that add coverage are kept in
# build/fuzz/corpus/TARGET/ between runs; a crash is saved to build/fuzz/crashes/TARGET/.
# A summary line per target gives executions, coverage (edges) and crashes.
set -u
cd "$(dirname "$0")/../.."
secs=${1:-600}; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scenario events transcript strategy flags set)
F=build/fuzz
n=0 total=0
for t in "${targets[@]}"; do
  bin=$F/fuzz_$t
  if [ ! -x "$bin" ]; then n=$((n + 1)); echo "not ok $n - fuzz_$t: $bin is not built (make fuzz-build)"; continue; fi
  seeds=$F/seeds/$t corpus=$F/corpus/$t crashes=$F/crashes/$t reg=tests/fuzz/regressions/$t
  rm -rf "$seeds"; mkdir -p "$seeds" "$corpus" "$crashes"
  # the seed corpus: the shipped files each parser reads
  case $t in
    scenario) cp scenarios/*/*.yaml tests/resources/agreement/*.yaml "$seeds"/ ;;
    events) cp scenarios/*/*.csv "$seeds"/ ;;
    transcript) gzip -dc tests/resources/conformance/matches-200-standard.jsonl.gz | head -n 200 | split -l 20 - "$seeds/t" ;;
    strategy) "${PARLEY_RELEASE:-build/release/parley}" strategies 2>/dev/null | awk 'NR > 1 && $1 != "" { print $1 }' | head -n 200 |
                while read -r id; do printf '%s' "$id" >"$seeds/$id"; done
              printf '%s' 'gtft:p=0.3' >"$seeds/gtft-p"; printf '%s' 'First by Davis: 10' >"$seeds/davis"
              printf '%s' 'noisy(dual(tft), 0.1)' >"$seeds/tf-nested"; printf '%s' 'mixed(tft, 0.3, defector),joss_ann(grudger, 0.1, 0.2)' >"$seeds/tf-list"
              printf '%s' 'Dual Tit For Tat' >"$seeds/tf-ref"
              printf '%s' 'tft,gtft:p=0.1,grudger' >"$seeds/list" ;;
    set) printf '@six-party-2007\nparties.DPRK.policy.opportunist.p=0.1\nsteps.SP-DP-1.flow.DPRK=-0.31\nverifiers.IAEA.p_confirm=0.6' >"$seeds/issue"
         printf '@six-party-2007\nbehaviour.rationality=8\nsteps.IA-DP-1.not_before=2007-05-01\nshocks.launch.p=0.05' >"$seeds/behaviour"
         printf '@agreed-framework-1994\nsteps.AF-US-2.paid=as_delivered\nhorizon=60' >"$seeds/af"
         printf '@public-goods\nnoise=0.05' >"$seeds/np"; printf '@two_step_breakeven\nparties.B.policy.all_first.p=0' >"$seeds/two"
         printf '@drills-and-launches\nnoise=0.2\nseed=7' >"$seeds/dl"
         printf '@two_step_breakeven\nparties.B.policy.all_first.p=0.1\n~steps.a_step.cost=0:3\n=b_first,a_first' >"$seeds/range"
         printf '@russia-china-roadmap\n~steps.*.cost,steps.*.value.*=x0.5:2' >"$seeds/scale" ;;
    flags) printf '%s' 3,0,5,1 >"$seeds/game"; printf '%s' 0.05 >"$seeds/p"; printf '%s' 200 >"$seeds/n"
           printf '%s' 18446744073709551615 >"$seeds/seed" ;;
  esac
  n=$((n + 1))
  regs=()
  [ -d "$reg" ] && mapfile -t regs < <(find "$reg" -type f | sort)
  if [ ${#regs[@]} -gt 0 ]; then
    if "$bin" "${regs[@]}" >"$F/$t.regress.log" 2>&1; then echo "ok $n - fuzz_$t: ${#regs[@]} regression inputs pass"
    else echo "not ok $n - fuzz_$t: a regression input fails (see $F/$t.regress.log)"; grep -m5 -E "ERROR|runtime error" "$F/$t.regress.log" | sed 's/^/# /'; fi
    n=$((n + 1))
  fi
  log=$F/$t.log
  "$bin" "$corpus" "$seeds" -dict=tests/fuzz/parley.dict -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+')
  ncrash=$(find "$crashes" -type f | wc -l)
  total=$((total + ${execs:-0}))
  if [ "$rc" -eq 0 ] && [ "$ncrash" -eq 0 ]; then
    echo "ok $n - fuzz_$t: ${execs:-?} executions in ${secs} s, coverage ${cov:-?} edges, 0 crashes"
  else
    echo "not ok $n - fuzz_$t: exit $rc, $ncrash crash inputs in $crashes (see $log)"
    grep -m5 -E "ERROR|runtime error|SUMMARY" "$log" | sed 's/^/# /'
  fi
done
echo "# fuzzing: $total executions in all"
echo "1..$n"
