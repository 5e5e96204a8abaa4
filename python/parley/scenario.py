# SPDX-License-Identifier: MIT
"""scenario.py — parley.run() and parley.fit(): a scenario file of any kind run as `parley run`
runs it, and an agreement's behaviour fitted to its dated record as `parley fit` fits it.

A run writes its result files as the command does (into `out`, or a temporary directory), and
the result object reads them back: every CSV as a DataFrame, results.json as a dict, report.html
as text.  So the numbers are the command's numbers, byte for byte."""
import os
import shutil
import tempfile

from . import _common as c
from ._parley import ffi, lib


class RunResult(c.TablesResult):
    """A scenario run.

    kind      the scenario's kind ("agreement", "nparty", ...)
    summary   the text summary the command prints
    tables    {name: DataFrame}, one per CSV file the run wrote (result["variants"] is
              tables["variants"])
    results   results.json as a dict
    report    report.html as text (shown inline in Jupyter)
    path      the results directory when `out` was given, else None"""

    label = "run"

    def __init__(self, kind, summary, tables, docs, report, path):
        self.kind, self.summary, self.tables, self.report, self.path = kind, summary, tables, report, path
        self.documents = docs
        self.results = docs.get("results")

    def __repr__(self):
        return "<parley run (%s): tables %s>" % (self.kind, ", ".join(sorted(self.tables)))


def _set_text(key, value):
    if isinstance(value, bool):
        v = "true" if value else "false"
    elif isinstance(value, float):
        v = repr(value)
    else:
        v = str(value)
    return "%s=%s" % (key, v)


def _sets(set):
    if set is None:
        return []
    if isinstance(set, dict):
        return [_set_text(k, v) for k, v in set.items()]
    if isinstance(set, str):
        return [set]
    return list(set)


def _set_array(set):
    """`set` as the C array of "PATH=VALUE" texts the library takes, with what keeps its texts alive
    (hold both while the call runs), and how many."""
    sets = _sets(set)
    if len(sets) > 256:
        raise c.BadInput("set: at most 256 overrides")
    keep = [ffi.new("char[]", s.encode()) for s in sets]
    return ffi.new("const char *[]", keep + [ffi.NULL]), keep, len(sets)


def _load_agreement(scenario, set, err):
    """The agreement at `scenario` with `set`'s overrides applied (pl_agreement_load_set), freed with
    the object it returns; an error names the file or the override."""
    ap = ffi.new("pl_agreement **")
    arr, keep, n = _set_array(set)
    c.check_scenario(lib.pl_agreement_load_set(ap, _path(scenario), arr, n, err), err)
    return ffi.gc(ap[0], lib.pl_agreement_free)


class _OutDir:
    """The command's way with --out: a set written beside the directory and swapped in at the end;
    with no directory asked for, a temporary one, removed once read."""

    def __init__(self, out):
        self.out = out
        self.tmp = None if out else tempfile.mkdtemp(prefix="parley-")
        self.final = os.fsencode(out if out else os.path.join(self.tmp, "results"))
        self.od = ffi.new("pl_outdir **")
        err = c.new_error()
        try:
            c.check(lib.pl_outdir_open(self.od, self.final, err), err)
        except BaseException:
            self.cleanup()
            raise

    def path(self):
        return lib.pl_outdir_path(self.od[0])

    def fail(self, err, rc, scenario=False):
        """Raises the error of the call that wrote into the set; scenario: that call read a
        scenario file, and its message is prefixed with the argument it is about."""
        lib.pl_outdir_fix_error(self.od[0], err)
        lib.pl_outdir_abort(self.od[0])
        self.cleanup()
        c.raise_error(err, rc, c.argument_prefix(err, rc) if scenario else "")

    def commit(self):
        err = c.new_error()
        rc = lib.pl_outdir_commit(self.od[0], err)
        if rc:
            self.cleanup()
            c.raise_error(err, rc)
        return os.fsdecode(self.final)

    def cleanup(self):
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def read(self):
        """Commits the set and reads it back: (tables, documents, report); the temporary directory
        is removed."""
        final = self.commit()
        try:
            return c.read_dir(final)
        finally:
            self.cleanup()


def _summary_text(summary):
    """The text a pyl_* printer wrote into *summary (a char ** it allocated), freed."""
    text = c.text(summary[0]) if summary[0] != ffi.NULL else ""
    lib.free(summary[0])
    return text


def _path(scenario, what="scenario"):
    """The file a scenario argument names, as the command finds it (pl_scenario_find): the path
    as given when it exists, else a shipped scenario by name ("korea/six-party-2007", with or
    without .yaml) from any directory; a miss raises BadInput naming the argument `what`."""
    p = os.fspath(scenario) if not isinstance(scenario, str) else scenario
    buf = ffi.new("char[]", 4096)
    err = c.new_error()
    c.check(lib.pl_scenario_find(os.fsencode(p), buf, 4096, err), err, what + ": ")
    return ffi.string(buf)


def run(scenario, set=None, runs=None, seed=None, threads=0, types="prior", out=None):
    """Runs a scenario file, as `parley run SCENARIO [--set P=V]... [--runs N] [--seed s]`.

    set: {path: value} (or a list of "PATH=VALUE"), the command's --set: {"parties.DPRK.policy.
    opportunist.p": 0.1}.  runs, seed: default the scenario's own.  threads: 0 for every core (the
    numbers do not depend on it).  types: "prior" or "posterior" (fit the record first).
    out: a directory to keep the result files in (as --out); by default they are read and removed."""
    opt = ffi.new("pl_run_options *")
    lib.pl_run_options_default(opt)
    if runs is not None:
        opt.runs = c.whole("runs", runs, 1, 1000000000)
    if seed is not None:
        opt.seed = c.seed("seed", seed)
        opt.seed_given = 1
    opt.threads = c.threads(threads)
    if types not in ("prior", "posterior"):
        raise c.BadInput("types: expected 'prior' or 'posterior', found %r" % (types,))
    opt.types_posterior = 1 if types == "posterior" else 0
    arr, keep, opt.n_sets = _set_array(set)
    opt.sets = arr
    err = c.new_error()
    scn = ffi.new("pl_scenario **")
    c.check_scenario(lib.pl_scenario_open(scn, _path(scenario), err), err)
    s = ffi.gc(scn[0], lib.pl_scenario_free)
    kind = c.text(lib.pl_scenario_kind(s))
    od = _OutDir(out)
    opt.out_dir = od.path()
    summary = ffi.new("char **")
    rc = lib.pyl_scenario_run(s, opt, summary, err)
    text = _summary_text(summary)
    if rc:
        od.fail(err, rc, scenario=True)
    tables, docs, report = od.read()
    return RunResult(kind, text, tables, docs, report, out)


class FitResult:
    """An agreement's behaviour fitted to its record (parley fit).

    summary      the text the command prints
    best         the maximum-likelihood parameters: rationality, tremble, patience, discount
    loglik       the log-likelihood there
    fit          fit.json as a dict (posteriors, profiles, the predictive check)"""

    def __init__(self, summary, best, loglik, fit):
        self.summary, self.best, self.loglik, self.fit = summary, best, loglik, fit

    def _repr_html_(self):
        import html
        return "<pre>%s</pre>" % html.escape(self.summary)

    def __repr__(self):
        return "<parley fit: best %s, log-likelihood %.4f>" % (self.best, self.loglik)


def fit(scenario, set=None, runs=None, seed=None, window=None, threads=0, out=None):
    """Fits behaviour to an agreement's dated record, as `parley fit SCENARIO [--set P=V]... [--runs N]
    [--seed s] [--window W] [--threads k]`.  set: as run's ({"steps.AF-US-2.paid": "as_delivered"});
    the summary and fit.json record it.  threads: 0 for every core (the numbers do not depend on it).
    out: a directory to keep fit.json in (as --out)."""
    cfg = ffi.new("pl_agreement_fit_config *")
    lib.pl_agreement_fit_config_default(cfg)
    if runs is not None:
        cfg.runs = c.whole("runs", runs, 1, 1000000000)
    if seed is not None:
        cfg.seed = c.seed("seed", seed)
        cfg.seed_given = 1
    if window is not None:
        cfg.window = c.whole("window", window, 0, 1000)
    cfg.threads = c.threads(threads)
    err = c.new_error()
    path = _path(scenario)  # found once: the load and the message name the same file
    a = _load_agreement(path, set, err)
    if not lib.pl_agreement_has_record(a):
        raise c.BadInput("scenario: %s: the scenario has no 'record:' to fit" % os.fsdecode(path))
    fp = ffi.new("pl_agreement_fit **")
    c.check(lib.pl_agreement_fit_record(a, cfg, fp, err), err)
    f = ffi.gc(fp[0], lib.pl_agreement_fit_free)
    summary = ffi.new("char **")
    lib.pyl_fit_print(a, f, summary)
    text = _summary_text(summary)
    od = _OutDir(out)
    rc = lib.pl_agreement_fit_write_json(od.path(), a, f, err)
    if rc:
        od.fail(err, rc)
    _, docs, _ = od.read()
    b = lib.pl_agreement_fit_best(f)
    best = {"rationality": b.rationality, "tremble": b.tremble, "patience": b.patience, "discount": b.discount}
    return FitResult(text, best, lib.pl_agreement_fit_loglik(f), docs.get("fit"))
