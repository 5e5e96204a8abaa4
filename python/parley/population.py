# SPDX-License-Identifier: MIT
"""population.py — parley.moran(): the Moran process over a population of strategies, as
`parley moran` runs it: fixation probabilities with their intervals and the exact values, the
payoffs of the meetings, and one recorded run."""
import math
import os

import numpy as np
import pandas as pd

from . import _common as c
from ._parley import ffi, lib
from .scenario import _OutDir


class MoranResult:
    """A Moran process.

    names        the types (strategies)
    counts       the starting population
    fixation     DataFrame, one row a type: type, start, fixed, p, lo, hi (95% Wilson), exact
                 (None with mutation, when nothing fixes)
    payoffs      array n x n: mean payoff a turn of type i against type j
    shares       DataFrame: the counts of every type after each generation of run 0
    mean_generations, unfixed   of the fixation runs
    write(dir)   the command's files: fixation.csv, payoffs.csv, shares.csv, results.json,
                 report.html"""

    def __init__(self, m, cfg, mc, game, game_text, samples, counts, fix, traj, gens, keep):
        self._m, self._cfg, self._mc, self._game, self._game_text = m, cfg, mc, game, game_text
        self._samples, self._counts, self._fix, self._traj, self._gens, self._keep = \
            samples, counts, fix, traj, gens, keep
        n = lib.pl_moran_types(m)
        self.names = [c.text(lib.pl_moran_name(m, i)) for i in range(n)]
        self.counts = [counts[i] for i in range(n)]
        self.payoffs = np.array([[lib.pl_moran_payoff(m, i, j) for j in range(n)] for i in range(n)])
        if fix is not None:
            self.fixation = pd.DataFrame({
                "type": self.names, "start": self.counts, "fixed": [int(fix.fixed[i]) for i in range(n)],
                "p": [fix.p[i] for i in range(n)], "lo": [fix.lo[i] for i in range(n)],
                "hi": [fix.hi[i] for i in range(n)], "exact": [fix.exact[i] for i in range(n)]})
            self.mean_generations = fix.mean_generations
            self.unfixed = int(fix.unfixed)
            self.runs = int(fix.runs)
        else:
            self.fixation, self.mean_generations, self.unfixed, self.runs = None, math.nan, 0, 0
        arr = np.frombuffer(ffi.buffer(traj, (gens + 1) * n * ffi.sizeof("int")), dtype=np.intc).reshape(gens + 1, n)
        self.shares = pd.DataFrame(arr.copy(), columns=self.names)
        self.shares.index.name = "generation"

    def write(self, directory):
        """Writes the command's result files into directory, as a set (as --out does)."""
        od = _OutDir(directory)
        meta = ffi.new("pl_moran_meta *", {"match": self._mc, "game_text": self._game_text,
                                           "samples": self._samples, "counts": self._counts})
        err = c.new_error()
        rc = lib.pl_moran_write(self._m, self._cfg, meta, self._fix if self._fix is not None else ffi.NULL,
                                self._traj, self._gens, od.path(), err)
        if rc:
            od.fail(err, rc)
        return od.commit()

    def report_html(self):
        import tempfile
        with tempfile.TemporaryDirectory(prefix="parley-") as d:
            out = self.write(os.path.join(d, "moran"))
            with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
                return f.read()

    def _repr_html_(self):
        return c.iframe(self.report_html())

    def __repr__(self):
        if self.fixation is None:
            return "<parley moran: %s, one run of %d generations>" % (", ".join(self.names), self._gens)
        return "<parley moran: %s; fixation p = %s>" % (
            ", ".join(self.names), ", ".join("%.4f" % p for p in self.fixation["p"]))


def moran(players, counts=None, turns=None, noise=0.0, prob_end=0.0, game=None, mode="bd", selection=1.0,
          mutation=0.0, runs=1000, generations=None, samples=100, seed=0, threads=1):
    """A Moran process, as `parley moran --players ... --counts ...` with the same flags.

    counts: how many of each type start (default one each).  mode: "bd" (birth-death) or "db"
    (death-birth).  selection: w in (0, 1].  With mutation > 0 nothing fixes: one run of
    `generations` (default 1000) is recorded.  The same seed gives the same numbers whatever
    the threads."""
    plist = c.PlayerList(players)
    n = len(plist)
    if n < 1:
        raise c.BadInput("players: expected the strategies of the population, e.g. ['tft', 'defector']")
    if counts is None:
        counts = [1] * n
    counts = list(counts)
    if len(counts) != n:
        raise c.BadInput("counts: %d counts given for %d players; expected one count each" % (len(counts), n))
    counts = [c.whole("counts[%d]" % i, v, 0, 100000) for i, v in enumerate(counts)]
    mc = ffi.new("pl_match_config *")
    lib.pl_match_config_default(mc)
    cfg = ffi.new("pl_moran_config *")
    lib.pl_moran_config_default(cfg)
    cfg.threads = c.threads(threads)
    mc.noise = c.prob("noise", noise)
    mc.prob_end = c.prob("prob_end", prob_end)
    if turns is not None:
        mc.turns = c.whole("turns", turns, 1, 100000000)
    elif mc.prob_end > 0:
        mc.turns = 0
    if mode not in ("bd", "db"):
        raise c.BadInput("mode: expected bd (birth-death) or db (death-birth), got %r" % (mode,))
    cfg.mode = lib.PL_MORAN_DB if mode == "db" else lib.PL_MORAN_BD
    cfg.selection = c.real("selection", selection, 0.0, 1.0, "a number in (0, 1]")
    if not cfg.selection > 0:
        raise c.BadInput("selection: expected a number in (0, 1], got %r" % (selection,))
    cfg.mutation = c.prob("mutation", mutation)
    cfg.runs = c.whole("runs", runs, 1, 1000000000000)
    if generations is not None:
        cfg.max_generations = c.whole("generations", generations, 1, 1000000000000)
    elif cfg.mutation > 0:
        cfg.max_generations = 1000
    if cfg.mutation > 0 and cfg.max_generations > 100000000:
        raise c.BadInput("generations: with mutation one run is recorded; expected at most 100000000, got %d"
                         % cfg.max_generations)
    samples = c.whole("samples", samples, 1, 1000000)
    cfg.seed = mc.seed = c.seed("seed", seed)
    g, game_text = c.make_game(game)
    mc.game = g
    err = c.new_error()
    mp = ffi.new("pl_moran **")
    c.check(lib.pl_moran_create(mp, plist.items(), n, mc, samples, cfg.threads, err), err)
    m = ffi.gc(mp[0], lib.pl_moran_free)
    cc = ffi.new("int[]", counts)
    fix = None
    if cfg.mutation == 0:
        fp = ffi.new("pl_moran_fixation **")
        c.check(lib.pl_moran_fixation_run(m, cc, cfg, fp, err), err)
        fix = ffi.gc(fp[0], lib.pl_moran_fixation_free)
    tp, gp = ffi.new("int **"), ffi.new("uint64_t *")
    c.check(lib.pl_moran_trajectory(m, cc, cfg, tp, gp, err), err)
    traj = ffi.gc(tp[0], lib.free)
    text = ffi.new("char[]", game_text.encode())
    return MoranResult(m, cfg, mc, g, text, samples, cc, fix, traj, int(gp[0]), (plist, text))
