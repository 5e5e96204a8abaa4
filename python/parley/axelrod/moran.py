# SPDX-License-Identifier: MIT
"""moran.py — axl.MoranProcess over parley's Moran engine (parley.moran): a population of
players, one individual reproducing in proportion to its fitness and one dying each round, until
one type has taken over.

How it maps: the population's distinct players (by str) are parley's types and their numbers the
starting counts; a round is a generation of parley's birth-death (mode="bd") or death-birth
(mode="db") process, fitness the mean payoff a turn against the others (the reference's total
score, which differs from it only by a factor common to everyone, so the same choices), the
outcomes of each pair of types cached as the reference's approximate process caches them.
Run 0 of the seed is the recorded process.  Beyond the reference, fixation_probabilities(runs)
estimates every type's fixation probability from many runs of the same seed (parley's fixation
runs, with their 95% intervals in .result.fixation), as a tutorial would by repeating the process
with different seeds.  Not mapped (NotImplementedError names each): interaction and reproduction
graphs, a fitness_transformation other than the common `lambda score: 1 - w + w * score` (give
it as selection=w), mutation methods other than "transition", iterating the process step by
step, score_history and populations_plot."""
from collections import Counter

from ..population import moran as _moran
from .game import DefaultGame
from .match import _seed_of


class MoranProcess:
    def __init__(self, players, turns=200, prob_end=None, noise=0, game=None, deterministic_cache=None,
                 mutation_rate=0.0, mode="bd", interaction_graph=None, reproduction_graph=None,
                 fitness_transformation=None, mutation_method="transition", stop_on_fixation=True, seed=None,
                 match_class=None, selection=1.0, max_generations=None):
        for what, value in (("interaction_graph", interaction_graph), ("reproduction_graph", reproduction_graph),
                            ("fitness_transformation", fitness_transformation), ("match_class", match_class)):
            if value is not None:
                raise NotImplementedError("MoranProcess(%s=...) is not in parley.axelrod%s" % (
                    what, "; for 1 - w + w * score give selection=w" if what == "fitness_transformation" else ""))
        if mutation_method != "transition":
            raise NotImplementedError("MoranProcess(mutation_method=%r): only 'transition' is in parley.axelrod"
                                      % (mutation_method,))
        if mutation_rate and not stop_on_fixation is False and max_generations is None:
            max_generations = 1000
        self.players = list(players)
        self.initial_players = list(players)
        self.stop_on_fixation = stop_on_fixation
        self.turns, self.prob_end, self.noise = turns, prob_end, noise
        self.game = game if game is not None else DefaultGame
        self.mutation_rate, self.mode, self.selection = mutation_rate, mode, selection
        self.max_generations = max_generations
        self.seed = _seed_of(seed)
        names = [str(p) for p in self.players]
        self._types, self._specs, self._counts = [], [], []
        for p, name in zip(self.players, names):
            if name in self._types:
                self._counts[self._types.index(name)] += 1
            else:
                self._types.append(name)
                self._specs.append(p.parley_spec)
                self._counts.append(1)
        self.populations = [Counter(names)]
        self.winning_strategy_name = None
        self.fixated = len(self._types) == 1
        self.result = None

    def play(self):
        """Runs the process to fixation (or max_generations with mutation); returns the list of
        populations, one Counter a round, the first the starting one."""
        r = _moran(self._specs, counts=self._counts, turns=self.turns, noise=self.noise,
                              prob_end=self.prob_end or 0.0, game=self.game.parley_game(), mode=self.mode,
                              selection=self.selection, mutation=self.mutation_rate, runs=1,
                              generations=self.max_generations, seed=self.seed)
        self.result = r
        pops = []
        for row in r.shares.to_numpy():
            pops.append(Counter({self._types[t]: int(k) for t, k in enumerate(row) if k > 0}))
        self.populations = pops
        last = pops[-1]
        self.winning_strategy_name = next(iter(last)) if len(last) == 1 else None
        self.fixated = self.winning_strategy_name is not None
        return self.populations

    def fixation_check(self):
        """True when the population (the last one played) is all of one type."""
        self.fixated = len(self.populations[-1]) == 1
        return self.fixated

    def reset(self):
        """Back to the starting population, as before play()."""
        self.players = list(self.initial_players)
        self.populations = [Counter(str(p) for p in self.players)]
        self.winning_strategy_name = None
        self.fixated = len(self._types) == 1
        self.result = None

    def fixation_probabilities(self, runs=1000, threads=0):
        """parley's addition: each type's probability of taking over, from `runs` runs of the process
        from the starting population (as `parley moran --runs`; the same seed, the same numbers, on
        any number of threads).  {type name: probability}; the counts and 95% intervals are in
        .result.fixation.  Not with mutation (nothing fixes)."""
        if self.mutation_rate:
            raise NotImplementedError("MoranProcess.fixation_probabilities with mutation: nothing fixes")
        r = _moran(self._specs, counts=self._counts, turns=self.turns, noise=self.noise,
                   prob_end=self.prob_end or 0.0, game=self.game.parley_game(), mode=self.mode,
                   selection=self.selection, runs=runs, seed=self.seed, threads=threads)
        self.result = r
        return {self._types[i]: float(p) for i, p in enumerate(r.fixation["p"])}

    def _repr_html_(self):
        return self.result._repr_html_() if self.result is not None else None

    def populations_plot(self, ax=None):
        raise NotImplementedError("MoranProcess.populations_plot is not in parley.axelrod; the report "
                                  "(self.result.write(dir), or the process shown in Jupyter) has the chart")

    def population_distribution(self):
        return self.populations[-1]

    def __len__(self):
        return len(self.populations)

    def __iter__(self):
        raise NotImplementedError("iterating a MoranProcess round by round is not in parley.axelrod; play() runs it "
                                  "(with mutation, for max_generations rounds)")

    @property
    def score_history(self):
        raise NotImplementedError("MoranProcess.score_history is not in parley.axelrod (parley.moran(...).payoffs "
                                  "gives the payoffs of every pair of types)")
