# SPDX-License-Identifier: MIT
"""analysis.py — parley.sensitivity() and parley.design(): how a scenario's conclusions move with
its assumptions (`parley sensitivity`), and the search of an agreement's sequencing designs
(`parley design`).

Both write their result files as the command does (into `out`, or a temporary directory read
back and removed), so the tables are the command's CSV files as DataFrames, byte for byte the
command's numbers for the same seed, and the report is the command's HTML page."""

from . import _common as c
from ._parley import ffi, lib
from .scenario import _OutDir, _load_agreement, _path, _sets, _summary_text


class AnalysisResult(c.TablesResult):
    """A sensitivity analysis or a design search.

    what      "sensitivity" or "design"
    summary   the text summary the command prints
    tables    {name: DataFrame}, one per CSV file written (result["sensitivity"] is
              tables["sensitivity"]): sensitivity, breakeven, sobol, grid; or designs, screen
    results   the JSON document as a dict (sensitivity.json; results.json)
    report    the HTML report as text (shown inline in Jupyter)
    path      the results directory when `out` was given, else None"""

    def __init__(self, what, summary, tables, docs, report, path):
        self.what, self.summary, self.tables, self.report, self.path = what, summary, tables, report, path
        self.documents = docs
        self.results = docs.get("sensitivity" if what == "sensitivity" else "results")
        self.label = what

    def __repr__(self):
        return "<parley %s: tables %s>" % (self.what, ", ".join(sorted(self.tables)))


def _read(what, od, out, text):
    return AnalysisResult(what, text, *od.read(), out)


def sensitivity(scenario, ranges=None, set=None, compare=None, bisect=None, sobol=0, sobol_runs=None,
                bootstrap=None, grid=None, grid_steps=None, runs=None, seed=None, threads=0, out=None):
    """How the conclusions of a scenario move with its assumptions, as `parley sensitivity SCENARIO
    [--range P=LO:HI]... [--set P=V]... [--compare A,B] [--bisect N] [--sobol N] [--sobol-runs N]
    [--bootstrap N] [--grid R1,R2] [--grid-steps N] [--runs N] [--seed s] [--threads k]`.

    ranges: a list of "PATH=LO:HI" (or a dict {path: (lo, hi)}), added to the scenario's own
    `sensitivity: ranges:`.  set: as parley.run.  compare: "A,B" or (A, B).  grid: "R1,R2" or
    (R1, R2), ranges by name or 1-based number.  threads: 0 for every core."""
    cfg = ffi.new("pl_sensitivity_config *")
    lib.pl_sensitivity_config_default(cfg)
    if runs is not None:
        cfg.runs = c.whole("runs", runs, 1, 1000000000)
    if seed is not None:
        cfg.seed = c.seed("seed", seed)
        cfg.seed_given = 1
    cfg.threads = c.threads(threads)
    if bisect is not None:
        cfg.bisect_steps = c.whole("bisect", bisect, 1, 40)
    if sobol:
        cfg.sobol_n = c.whole("sobol", sobol, 4, 100000)
    if sobol_runs is not None:
        cfg.sobol_runs = c.whole("sobol_runs", sobol_runs, 1, 1000000000)
    if bootstrap is not None:
        cfg.bootstrap = c.whole("bootstrap", bootstrap, 10, 100000)
    if grid_steps is not None:
        cfg.grid_steps = c.whole("grid_steps", grid_steps, 2, 25)
    if isinstance(ranges, dict):
        ranges = ["%s=%s:%s" % (k, c._num_text(lo), c._num_text(hi)) for k, (lo, hi) in ranges.items()]
    elif isinstance(ranges, str):
        ranges = [ranges]
    ranges = list(ranges or [])
    sets = _sets(set)
    keep = []

    def strings(items):
        cs = [ffi.new("char[]", str(s).encode()) for s in items]
        keep.extend(cs)
        arr = ffi.new("const char *[]", cs + [ffi.NULL])
        keep.append(arr)
        return arr

    cfg.ranges, cfg.n_ranges = strings(ranges), len(ranges)
    cfg.sets, cfg.n_sets = strings(sets), len(sets)
    for name, value in (("compare", compare), ("grid", grid)):
        if value is None:
            continue
        if not isinstance(value, str):
            value = ",".join(str(v) for v in value)
        cs = ffi.new("char[]", value.encode())
        keep.append(cs)
        setattr(cfg, name, cs)
    od = _OutDir(out)
    cfg.out_dir = od.path()
    err = c.new_error()
    summary = ffi.new("char **")
    rc = lib.pyl_sensitivity_run(_path(scenario), cfg, summary, err)
    text = _summary_text(summary)
    if rc:
        od.fail(err, rc, scenario=True)
    return _read("sensitivity", od, out, text)


def design(scenario, set=None, runs=None, confirm=None, check_runs=None, top=None, exhaustive_max=None,
           max_designs=None, prior_only=False, seed=None, threads=0, out=None):
    """Searches an agreement's sequencing designs, as `parley design SCENARIO [--set P=V]... [--runs N]
    [--confirm N] [--check-runs N] [--top K] [--exhaustive-max L] [--max-designs N] [--prior-only]
    [--seed s] [--threads k]`.  set: as run's; the summary, results.json and the report record it.
    threads: 0 for every core (the numbers do not depend on it)."""
    cfg = ffi.new("pl_agreement_design_config *")
    lib.pl_agreement_design_config_default(cfg)
    for name, field, value, lo, hi in (("runs", "runs", runs, 1, 100000000),
                                       ("confirm", "confirm_runs", confirm, 1, 100000000),
                                       ("check_runs", "check_runs", check_runs, 1, 100000000),
                                       ("top", "top", top, 1, 1000),
                                       ("exhaustive_max", "exhaustive_max", exhaustive_max, 0, 16),
                                       ("max_designs", "max_designs", max_designs, 1, 1000000)):
        if value is not None:
            setattr(cfg, field, c.whole(name, value, lo, hi))
    if seed is not None:
        cfg.seed = c.seed("seed", seed)
        cfg.seed_given = 1
    cfg.threads = c.threads(threads)
    cfg.prior_only = 1 if prior_only else 0
    err = c.new_error()
    a = _load_agreement(scenario, set, err)
    rp = ffi.new("pl_agreement_design_result **")
    c.check(lib.pl_agreement_design_search(a, cfg, rp, err), err)
    r = ffi.gc(rp[0], lib.pl_agreement_design_free)
    summary = ffi.new("char **")
    lib.pyl_design_print(a, r, summary)
    text = _summary_text(summary)
    od = _OutDir(out)
    rc = lib.pl_agreement_design_write(od.path(), a, r, err)
    if rc:
        od.fail(err, rc)
    return _read("design", od, out, text)


__all__ = ["sensitivity", "design", "AnalysisResult"]
