#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""moran_reference.py -- Axelrod-Python's Moran process on the populations parley compares with.

Why: issue 14 asks that parley's Moran process agree with the reference library's (fixation
frequencies within their intervals) and that its speed be measured beside the reference's on the
same machine in the same run.  The tests must not need the reference, so this script runs it once
and stores what it found in tests/resources/moran_reference.csv (read by tests/e2e/moran_reference.sh);
bench/moran_vs_reference.sh uses its `bench` mode to time both side by side.

Needs Axelrod-Python (4.13.0 was used) on PYTHONPATH, e.g.
    PYTHONPATH=/tmp/axref /usr/bin/python3 tools/moran_reference.py resource tests/resources/moran_reference.csv
    PYTHONPATH=/tmp/axref /usr/bin/python3 tools/moran_reference.py bench build/release/parley [ROUNDS [RUNS]]

The stored counts (`resource`) come from axelrod.ApproximateMoranProcess over a Pdf of `samples`
match outcomes per pair of types (one for a deterministic pair), the reference's way to run a
population from cached outcomes, which is also what `parley moran --samples` does; on this shared
machine axelrod.MoranProcess (every match played) cost about 1.5 s a run of ten individuals, too
slow for a thousand runs.  The `bench` mode times axelrod.MoranProcess (with a shared
DeterministicCache, as the reference's documentation advises) for the `exact` populations and
ApproximateMoranProcess for the others.
Run r of a population uses seed SEED0 + r.  Birth-death only: ApproximateMoranProcess has no
death-birth mode.
"""
import re
import subprocess
import sys
import time
from collections import Counter

SEED0 = 1000

# name: parley short names with counts, reference class names, turns, noise, method, samples, runs
POPULATIONS = [
    dict(name="tft-alld", types=[("tft", "TitForTat", 1), ("defector", "Defector", 9)],
         turns=10, noise=0.0, method="exact", samples=1, runs=1000),
    dict(name="tft-alld-coop", types=[("tft", "TitForTat", 3), ("defector", "Defector", 3), ("cooperator", "Cooperator", 4)],
         turns=10, noise=0.0, method="approx", samples=1, runs=600),
    dict(name="wsls-tft-noise", types=[("wsls", "WinStayLoseShift", 1), ("tft", "TitForTat", 9)],
         turns=20, noise=0.05, method="approx", samples=1000, runs=600),
]


def population(axl, pop):
    players = []
    for _, cls, count in pop["types"]:
        players += [getattr(axl, cls)() for _ in range(count)]
    return players


def approx_outcomes(axl, pop):
    """The reference's cached outcomes: `samples` matches of every pair of types (noise: seeded)."""
    classes = [getattr(axl, cls) for _, cls, _ in pop["types"]]
    outcomes = {}
    for i, a in enumerate(classes):
        for b in classes[i:]:
            counter = Counter()
            for k in range(pop["samples"]):
                m = axl.Match((a(), b()), turns=pop["turns"], noise=pop["noise"], seed=SEED0 + k)
                m.play()
                counter[tuple(m.final_score_per_turn())] += 1
            outcomes[(str(a()), str(b()))] = axl.Pdf(counter, seed=SEED0 + i)
    return outcomes


def reference_runs(axl, pop, runs, outcomes=None, cache=None):
    """Counter of winning type names over `runs` runs of the population."""
    wins = Counter()
    for r in range(runs):
        players = population(axl, pop)
        if pop["method"] == "exact":
            mp = axl.MoranProcess(players, turns=pop["turns"], noise=pop["noise"], seed=SEED0 + r,
                                  deterministic_cache=cache)
        else:
            mp = axl.ApproximateMoranProcess(players, outcomes, seed=SEED0 + r)
        mp.play()
        wins[mp.winning_strategy_name] += 1
    return wins


def parley_args(pop, runs):
    return ["moran", "--players", ",".join(t[0] for t in pop["types"]),
            "--counts", ",".join(str(t[2]) for t in pop["types"]), "--turns", str(pop["turns"]),
            "--noise", repr(pop["noise"]), "--samples", str(pop["samples"]), "--runs", str(runs), "--seed", "1"]


def resource(axl, out):
    with open(out, "w") as f:
        f.write("# Axelrod-Python %s Moran fixation counts, made by tools/moran_reference.py (birth-death,\n"
                "# seed %d + run); `method` approx = ApproximateMoranProcess over `samples` matches a pair\n"
                "# (one for a deterministic pair).  Read by tests/e2e/moran_reference.sh.\n" % (axl.__version__, SEED0))
        f.write("population,method,players,counts,turns,noise,samples,runs,type,fixed,seconds\n")
        for pop in POPULATIONS:
            t0 = time.perf_counter()
            approx = dict(pop, method="approx")  # the resource: ApproximateMoranProcess throughout
            wins = reference_runs(axl, approx, pop["runs"], approx_outcomes(axl, approx))
            secs = time.perf_counter() - t0
            for short, cls, count in pop["types"]:
                name = str(getattr(axl, cls)())
                f.write("%s,%s,%s,%s,%d,%g,%d,%d,%s,%d,%.1f\n" % (
                    pop["name"], "approx", ":".join(t[0] for t in pop["types"]),
                    ":".join(str(t[2]) for t in pop["types"]), pop["turns"], pop["noise"], pop["samples"],
                    pop["runs"], name, wins[name], secs))
            f.flush()
            print("%s: %s in %.1f s" % (pop["name"], dict(wins), secs), file=sys.stderr)


def parley_fixation_seconds(parley, pop, runs):
    """parley's own timing of its fixation runs (one thread), from its stderr line."""
    p = subprocess.run([parley] + parley_args(pop, runs) + ["--threads", "1"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"fixation runs in ([0-9.]+) s", p.stderr)
    return float(m.group(1)) if m else float("nan")


def bench(axl, parley, rounds, runs_of, big):
    """Alternately: the reference's runs, then parley's same runs (one thread, the whole process
    timed), then parley's `big` runs (its own timing of the runs); seconds a run of each."""
    print("population,round,runs,reference_s,parley_process_s,parley_big_runs,parley_big_s,"
          "per_run_reference_s,per_run_parley_s,ratio_same_runs,ratio_per_run")
    for pop in POPULATIONS:
        runs = runs_of(pop)
        for rnd in range(rounds):
            t0 = time.perf_counter()
            outcomes = approx_outcomes(axl, pop) if pop["method"] == "approx" else None
            reference_runs(axl, pop, runs, outcomes, axl.DeterministicCache())
            ref = time.perf_counter() - t0
            t0 = time.perf_counter()
            subprocess.run([parley] + parley_args(pop, runs) + ["--threads", "1"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            par = time.perf_counter() - t0
            bigs = parley_fixation_seconds(parley, pop, big)
            print("%s,%d,%d,%.3f,%.4f,%d,%.3f,%.3e,%.3e,%.0f,%.0f" % (
                pop["name"], rnd, runs, ref, par, big, bigs, ref / runs, bigs / big, ref / par,
                (ref / runs) / (bigs / big)), flush=True)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("resource", "bench"):
        sys.exit("usage: moran_reference.py resource OUT.csv | bench PARLEY [ROUNDS [RUNS]]")
    t0 = time.perf_counter()
    import axelrod as axl
    print("import axelrod: %.1f s" % (time.perf_counter() - t0), file=sys.stderr)
    if sys.argv[1] == "resource":
        resource(axl, sys.argv[2])
    else:
        rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
        fixed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
        bench(axl, sys.argv[2], rounds, lambda pop: fixed or max(pop["runs"] // 20, 10), 100000)


if __name__ == "__main__":
    main()
