# SPDX-License-Identifier: MIT
"""population.py — populations of strategies as the commands evolve them: parley.moran(), the
Moran process as `parley moran` runs it (two-party strategies, or N-party ones in the groups of a
game file, as `parley moran --game FILE.yaml`): fixation probabilities with their intervals and the
exact values, the payoffs of the meetings, and one recorded run; and parley.ecology(), the shares
of an infinite population over a tournament's payoffs, as `parley ecology`."""
import math
import os

import numpy as np
import pandas as pd

from . import _common as c
from ._parley import ffi, lib
from .scenario import _OutDir, _path, _set_array


class MoranResult:
    """A Moran process.

    names        the types (strategies)
    parties      k, the size of a group, for an N-party population (None for a two-party one)
    counts       the starting population
    fixation     DataFrame, one row a type: type, start, fixed, p, lo, hi (95% Wilson), exact
                 (None with mutation, when nothing fixes)
    payoffs      array n x n: mean payoff a turn of type i against type j
    shares       DataFrame: the counts of every type after each generation of run 0
    mean_generations, unfixed   of the fixation runs
    write(dir)   the command's files: fixation.csv, payoffs.csv, shares.csv, results.json,
                 report.html"""

    def __init__(self, m, cfg, meta, counts, fix, traj, gens, keep):
        self._m, self._cfg, self._meta, self._fix, self._traj, self._gens, self._keep = \
            m, cfg, meta, fix, traj, gens, keep
        n = lib.pl_moran_types(m)
        self.names = [c.text(lib.pl_moran_name(m, i)) for i in range(n)]
        self.counts = [counts[i] for i in range(n)]
        self.parties = meta.parties if meta.nmatch != ffi.NULL else None
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
        err = c.new_error()
        rc = lib.pl_moran_write(self._m, self._cfg, self._meta, self._fix if self._fix is not None else ffi.NULL,
                                self._traj, self._gens, od.path(), err)
        if rc:
            od.fail(err, rc)
        return od.commit()

    def report_html(self):
        return c.report_of(self.write, "moran")

    def _repr_html_(self):
        return c.iframe(self.report_html())

    def __repr__(self):
        if self.fixation is None:
            return "<parley moran: %s, one run of %d generations>" % (", ".join(self.names), self._gens)
        return "<parley moran: %s; fixation p = %s>" % (
            ", ".join(self.names), ", ".join("%.4f" % p for p in self.fixation["p"]))


def _is_game_file(game):
    """A game given as a scenario file (kind nparty) rather than R,S,T,P: a path object, or a text
    ending in .yaml or .yml, as `parley moran --game` tells them apart."""
    if isinstance(game, os.PathLike):
        return True
    return isinstance(game, str) and (game.endswith(".yaml") or game.endswith(".yml"))


def _counts(counts, n):
    """The starting population, one count a type (default one each), checked as --counts is."""
    if counts is None:
        return [1] * n
    try:
        counts = list(counts)
    except TypeError:
        raise c.BadInput("counts: expected one whole number a player, got %r" % (counts,)) from None
    if len(counts) != n:
        raise c.BadInput("counts: %d counts given for %d players; expected one count each" % (len(counts), n))
    counts = [c.whole("counts[%d]" % i, v, 0, lib.PL_MORAN_MAX_POPULATION) for i, v in enumerate(counts)]
    if sum(counts) > lib.PL_MORAN_MAX_POPULATION:
        raise c.BadInput("counts: a population of %d individuals is more than a Moran process takes (at most %d)"
                         % (sum(counts), lib.PL_MORAN_MAX_POPULATION))
    return counts


def _moran_config(mode, fitness, selection, mutation, runs, generations, seed, threads, n):
    """The process's pl_moran_config from the arguments, checked as the command checks its flags."""
    cfg = ffi.new("pl_moran_config *")
    lib.pl_moran_config_default(cfg)
    cfg.threads = c.threads(threads)
    if mode not in ("bd", "db"):
        raise c.BadInput("mode: expected bd (birth-death) or db (death-birth), got %r" % (mode,))
    cfg.mode = lib.PL_MORAN_DB if mode == "db" else lib.PL_MORAN_BD
    if fitness not in ("linear", "exp"):
        raise c.BadInput("fitness: expected linear (1 - w + w * payoff) or exp (exp(w * payoff)), got %r" % (fitness,))
    cfg.fitness = lib.PL_MORAN_FIT_EXP if fitness == "exp" else lib.PL_MORAN_FIT_LINEAR
    cfg.selection = c.real("selection", selection, 0.0, 1.0, "a number in (0, 1]")
    if not cfg.selection > 0:
        raise c.BadInput("selection: expected a number in (0, 1], got %r" % (selection,))
    cfg.mutation = c.prob("mutation", mutation)
    cfg.runs = c.whole("runs", runs, 1, 1000000000000)
    if generations is not None:
        cfg.max_generations = c.whole("generations", generations, 1, 1000000000000)
    elif lib.pl_moran_mutates(cfg, n):
        cfg.max_generations = 1000
    if lib.pl_moran_mutates(cfg, n) and cfg.max_generations > 100000000:
        raise c.BadInput("generations: with mutation one run is recorded; expected at most 100000000, got %d"
                         % cfg.max_generations)
    cfg.seed = c.seed("seed", seed)
    return cfg


def _evolve(m, cfg, meta, counts, keep):
    """The fixation runs (none with mutation) and run 0's course, as the command makes them."""
    err = c.new_error()
    cc = ffi.new("int[]", counts)
    meta.counts = cc
    fix = None
    if not lib.pl_moran_mutates(cfg, lib.pl_moran_types(m)):
        fp = ffi.new("pl_moran_fixation **")
        c.check(lib.pl_moran_fixation_run(m, cc, cfg, fp, err), err)
        fix = ffi.gc(fp[0], lib.pl_moran_fixation_free)
    tp, gp = ffi.new("int **"), ffi.new("uint64_t *")
    c.check(lib.pl_moran_trajectory(m, cc, cfg, tp, gp, err), err)
    traj = ffi.gc(tp[0], lib.free)
    return MoranResult(m, cfg, meta, cc, fix, traj, int(gp[0]), keep + (cc,))


def moran(players, counts=None, turns=None, noise=None, prob_end=0.0, game=None, mode="bd", selection=1.0,
          mutation=0.0, runs=1000, generations=None, samples=100, seed=0, threads=1, fitness="linear", set=None):
    """A Moran process, as `parley moran --players ... --counts ...` with the same flags.

    counts: how many of each type start (default one each).  mode: "bd" (birth-death) or "db"
    (death-birth).  selection: w in (0, 1]; fitness: "linear" (1 - w + w * payoff) or "exp".
    With mutation > 0 nothing fixes: one run of `generations` (default 1000) is recorded.  The
    same seed gives the same numbers whatever the threads.

    game: R,S,T,P (a text, a tuple or an axl.Game; default 3,0,5,1) for two-party strategies; or
    the path of a scenario file of kind nparty (a text ending in .yaml or .yml, or a path object),
    as `parley moran --game FILE.yaml`: then the players are N-party strategies ("ttft:k=3",
    "defector", ...) playing in groups of the game's k parties, turns and noise default to the
    file's periods and noise, and prob_end is refused (a group plays `turns` turns).  set: values of
    that file changed, as `--set` ({"game.benefit": 4}, or "PATH=VALUE" texts); results.json records
    them as `overrides`."""
    if _is_game_file(game):
        if prob_end != 0:
            raise c.BadInput("prob_end: is refused with an N-party game: a group plays `turns` turns")
        return _moran_nparty(players, counts, turns, noise, game, mode, selection, mutation, runs, generations,
                             samples, seed, threads, fitness, set)
    if set:
        raise c.BadInput("set: changes values of an N-party game's file (game=FILE.yaml); a two-party game has none")
    plist = c.PlayerList(players)
    n = len(plist)
    if n < 1:
        raise c.BadInput("players: expected the strategies of the population, e.g. ['tft', 'defector']")
    counts = _counts(counts, n)
    mc = ffi.new("pl_match_config *")
    lib.pl_match_config_default(mc)
    mc.noise = c.prob("noise", 0.0 if noise is None else noise)
    mc.prob_end = c.prob("prob_end", prob_end)
    if turns is not None:
        mc.turns = c.whole("turns", turns, 1, 100000000)
    elif mc.prob_end > 0:
        mc.turns = 0
    cfg = _moran_config(mode, fitness, selection, mutation, runs, generations, seed, threads, n)
    samples = c.whole("samples", samples, 1, 1000000)
    mc.seed = cfg.seed
    g, game_text = c.make_game(game)
    mc.game = g
    err = c.new_error()
    mp = ffi.new("pl_moran **")
    c.check(lib.pl_moran_create(mp, plist.items(), n, mc, samples, cfg.threads, err), err)
    m = ffi.gc(mp[0], lib.pl_moran_free)
    text = ffi.new("char[]", game_text.encode())
    meta = ffi.new("pl_moran_meta *", {"match": mc, "game_text": text, "samples": samples})
    return _evolve(m, cfg, meta, counts, (plist, g, text))


def _nplayers(players):
    """N-party strategies from a list (one spec an entry) or a comma-separated text (the longest
    run of pieces that names a strategy first: a strategy's parameters may hold commas, as the
    command reads --players).  Returns the list of pl_nplayer * (freed when collected)."""
    err = c.new_error()

    def make(spec):
        pp = ffi.new("pl_nplayer **")
        rc = lib.pl_nplayer_create(pp, spec.encode(), err)
        return (ffi.gc(pp[0], lib.pl_nplayer_free), rc, None) if rc == 0 else (None, rc, c.text(err.msg))

    out = []
    if isinstance(players, str):
        pieces = players.split(",")
        i = 0
        while i < len(pieces):
            if pieces[i] == "":
                raise c.BadInput("players: strategy %d is empty (a comma at the start or two together)"
                                 % (len(out) + 1))
            first = None
            for j in range(len(pieces), i, -1):
                p, rc, msg = make(",".join(pieces[i:j]))
                if p is not None:
                    break
                first = first or (rc, msg)
            if p is None:
                raise c._BY_CODE.get(first[0], c.ParleyError)(
                    "players: strategy %d (%r): %s" % (len(out) + 1, pieces[i], first[1]))
            out.append(p)
            i = j
        return out
    try:
        entries = list(players)
    except TypeError:
        raise c.BadInput("players: expected a list of N-party strategy names or a comma-separated string, got %r"
                         % (players,)) from None
    for k, spec in enumerate(entries):
        if not isinstance(spec, str):
            raise c.BadInput("players[%d]: expected an N-party strategy name, got %r" % (k, spec))
        p, rc, msg = make(spec)
        if p is None:
            raise c._BY_CODE.get(rc, c.ParleyError)("players[%d]: %s" % (k, msg))
        out.append(p)
    return out


def _moran_nparty(players, counts, turns, noise, game, mode, selection, mutation, runs, generations, samples, seed,
                  threads, fitness, set=None):
    """parley.moran over an N-party game (game: the file), as cmd_moran_nparty.c makes it."""
    game_text = os.fspath(game)
    if isinstance(game_text, bytes):
        game_text = os.fsdecode(game_text)
    plist = _nplayers(players)
    n = len(plist)
    if n < 1:
        raise c.BadInput("players: expected the N-party strategies of the population, e.g. ['ttft', 'defector']")
    counts = _counts(counts, n)
    cfg = _moran_config(mode, fitness, selection, mutation, runs, generations, seed, threads, n)
    samples = c.whole("samples", samples, 1, 1000000)
    if turns is not None:
        turns = c.whole("turns", turns, 1, 100000000)
    if noise is not None:
        noise = c.prob("noise", noise)
    err = c.new_error()
    sp = ffi.new("pl_scenario **")
    c.check(lib.pl_scenario_open(sp, _path(game_text, "game"), err), err, "game: ")
    scn = ffi.gc(sp[0], lib.pl_scenario_free)
    sets, sets_keep, n_sets = _set_array(set)
    for rc in (lib.pl_scenario_set(scn, sets, n_sets, err), None):  # then the game, read with the changes
        if rc is None:
            nsp = ffi.new("pl_nscenario **")
            rc = lib.pl_nscenario_load(nsp, scn, err)
        if rc != 0:  # about a --set (or a value one put in the file), else the game's file
            c.raise_error(err, rc, c.argument_prefix(err, rc, "game"))
    ns = ffi.gc(nsp[0], lib.pl_nscenario_free)
    info = ffi.new("pl_nscenario_info *")
    if not lib.pl_nscenario_population_info(ns, info):  # the file's game, or its tournament's
        raise c.BadInput("game: %s has no game (expected a `game:` block or a `tournament:` with one)" % game_text)
    mc = ffi.new("pl_nmatch_config *")
    lib.pl_nmatch_config_default(mc)
    mc.turns = turns if turns is not None else info.periods
    mc.noise = noise if noise is not None else info.noise
    mc.obs_noise = info.obs_noise
    mc.seed = cfg.seed
    arr = ffi.new("pl_nplayer *[]", plist)
    mp = ffi.new("pl_moran **")
    c.check(lib.pl_moran_create_nparty(mp, info.game, arr, n, mc, samples, cfg.threads, err), err)
    m = ffi.gc(mp[0], lib.pl_moran_free)
    k, need = lib.pl_ngame_parties(info.game), lib.pl_ngame_parties(info.game) + (cfg.mode == lib.PL_MORAN_DB)
    if sum(counts) < need:  # the library says it too, without naming the argument
        raise c.BadInput("counts: a %s population needs at least %d individuals for an N-party game of %d parties, "
                         "got %d" % ("death-birth" if cfg.mode == lib.PL_MORAN_DB else "birth-death", need, k,
                                     sum(counts)))
    text = ffi.new("char[]", game_text.encode())
    meta = ffi.new("pl_moran_meta *", {"samples": samples, "nmatch": mc, "nparty_game": text, "parties": k,
                                       "nparty_scenario": scn})
    return _evolve(m, cfg, meta, counts, (scn, ns, mc, text))


# ---- ecology ----------------------------------------------------------------------------------

class EcologyResult:
    """Ecological dynamics over a tournament (the reference library's Ecosystem).

    names        the strategies, as the tournament names them
    shares       DataFrame, one row a step (0 the start .. steps), one column a strategy: its share
    payoffs      array n x n: the tournament's mean payoff a turn of i against j
    stddev       array n x n: its standard deviation over the repetitions
    write(dir)   the command's files: shares.csv, payoffs.csv, results.json, report.html"""

    def __init__(self, r, keep):
        self._r, self._keep = r, keep
        n, steps = r.n, r.steps
        self.names = [c.text(r.names[i]) for i in range(n)]
        self.steps = int(steps)

        def matrix(p, rows):
            return np.frombuffer(ffi.buffer(p, rows * n * ffi.sizeof("double")), dtype=np.float64).reshape(rows, n).copy()
        self.payoffs = matrix(r.payoff, n)
        self.stddev = matrix(r.stddev, n)
        self.shares = pd.DataFrame(matrix(r.shares, self.steps + 1), columns=self.names)
        self.shares.index.name = "step"

    def write(self, directory):
        """Writes the command's result files into directory, as a set (as --out does)."""
        od = _OutDir(directory)
        err = c.new_error()
        rc = lib.pl_ecosystem_write(self._r, od.path(), err)
        if rc:
            od.fail(err, rc)
        return od.commit()

    def report_html(self):
        return c.report_of(self.write, "ecology")

    def _repr_html_(self):
        return c.iframe(self.report_html())

    def __repr__(self):
        end = self.shares.iloc[-1]
        return "<parley ecology: %d steps; shares at the end %s>" % (
            self.steps, ", ".join("%s %.4f" % (name, end[name]) for name in self.names))


def _ecosystem_shares(pay, dev, n, x0, steps, seed, prefix):
    """pl_ecosystem_run: the shares after each of `steps` steps from x0 (a double[(steps + 1) * n]).
    The one thing it refuses once the arguments are checked, payoffs that make the shares' total
    <= 0, is named with prefix (where the payoffs came from)."""
    err = c.new_error()
    shares = ffi.new("double[]", (steps + 1) * n)
    c.check(lib.pl_ecosystem_run(pay, dev, n, ffi.new("double[]", list(x0)), steps, seed, shares, err), err, prefix)
    return shares


def ecology(players, population=None, steps=100, turns=None, repetitions=10, noise=0.0, prob_end=0.0, game=None,
            seed=0, threads=0, batched=True):
    """Ecological dynamics after a tournament, as `parley ecology --players ...` with the same flags.

    population: the starting shares, one number >= 0 a player (normalised; default equal).
    steps: steps of the dynamics.  turns: the length of each match (default 200; with prob_end,
    the cap, default none).  game: R,S,T,P.  seed: the tournament's and the draws'.  threads:
    workers (0: every core); the numbers do not depend on it.  batched: False plays the
    tournament match by match, as `--no-batched` (the draws of parley before 2026-12-04)."""
    plist = c.PlayerList(players)
    n = len(plist)
    if n < 1:
        raise c.BadInput("players: expected the strategies, e.g. ['tft', 'defector', 'cooperator']")
    if n < 2:
        raise c.BadInput("players: the payoffs come from a tournament, which needs at least two players; got one")
    if population is None:
        x0 = [1.0] * n
    else:
        if isinstance(population, str):
            population = population.split(",")
        try:
            population = list(population)
        except TypeError:
            raise c.BadInput("population: expected %d numbers, one for each player, got %r" % (n, population)) from None
        if len(population) != n:
            raise c.BadInput("population: expected %d numbers, one for each player, got %d" % (n, len(population)))
        x0 = []
        for i, v in enumerate(population):
            if isinstance(v, str):
                try:
                    v = float(v)
                except ValueError:
                    raise c.BadInput("population[%d]: expected a number from 0 to 1e+12, got %r" % (i, v)) from None
            x0.append(c.real("population[%d]" % i, v, 0.0, 1e12))
        if not sum(x0) > 0:
            raise c.BadInput("population: every share is 0; expected at least one above 0")
    steps = c.whole("steps", steps, 1, 10000000)
    cfg = ffi.new("pl_tournament_config *")
    lib.pl_tournament_config_default(cfg)
    cfg.batched = 1 if batched else 0
    cfg.noise = c.prob("noise", noise)
    cfg.prob_end = c.prob("prob_end", prob_end)
    if turns is not None:
        cfg.turns = c.whole("turns", turns, 1, 100000000)
    elif cfg.prob_end > 0:
        cfg.turns = 0
    cfg.repetitions = c.whole("repetitions", repetitions, 1, 10000000)
    cfg.seed = c.seed("seed", seed)
    cfg.threads = c.threads(threads)
    g, game_text = c.make_game(game)
    cfg.game = g
    out = ffi.new("pl_tournament_result **")
    err = c.new_error()
    c.check(lib.pl_tournament_run(ffi.cast("const pl_strategy *const *", plist.items()), n, cfg, out, err), err)
    res = ffi.gc(out[0], lib.pl_tournament_result_free)
    pay, dev = ffi.new("double[]", n * n), ffi.new("double[]", n * n)
    names = [ffi.new("char[]", ffi.string(lib.pl_tournament_result_name(res, i))) for i in range(n)]
    for i in range(n):
        for j in range(n):
            pay[i * n + j] = lib.pl_tournament_result_payoff(res, i, j)
            dev[i * n + j] = lib.pl_tournament_result_payoff_stddev(res, i, j)
    shares = _ecosystem_shares(pay, dev, n, x0, steps, cfg.seed, "game: ")
    name_arr = ffi.new("const char *[]", names)
    text = ffi.new("char[]", game_text.encode())
    r = ffi.new("pl_ecosystem_result *", {"n": n, "names": name_arr, "payoff": pay, "stddev": dev, "shares": shares,
                                          "steps": steps, "seed": cfg.seed, "turns": cfg.turns,
                                          "repetitions": cfg.repetitions, "noise": cfg.noise, "game_text": text})
    return EcologyResult(r, (names, name_arr, pay, dev, shares, text))
