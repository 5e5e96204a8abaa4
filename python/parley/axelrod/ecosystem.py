# SPDX-License-Identifier: MIT
"""ecosystem.py — axl.Ecosystem over parley's ecosystem (pl_ecosystem_run, as parley.ecology): the
shares of an infinite population, step by step, over a tournament's payoffs a turn (each drawn
around its mean with its deviation over the repetitions), each share multiplied by its payoff
against the population as it is and the shares normalised again.

Ecosystem(results, population=None, seed=None): results is a ResultSet (its payoff_matrix and
payoff_stddevs), population the starting shares (normalised; default equal); population_sizes is
the list of shares, the first the start; reproduce(turns) adds `turns` steps.  The random numbers
are parley's: step s draws from stream (seed, s), so a seeded ecosystem gives the same shares as
`parley ecology` over the same tournament, and two reproduce() calls the same as one of their sum
(unseeded, a seed is drawn as for an unseeded match; axl.seed(n) makes it reproducible).  Not
mapped: a fitness function (parley's fitness is the payoff itself, the reference's default):
NotImplementedError."""
from .. import _common as c
from .._parley import ffi
from ..population import _ecosystem_shares
from .match import _seed_of


class Ecosystem:
    def __init__(self, results, fitness=None, population=None, seed=None):
        if fitness is not None:
            raise NotImplementedError("Ecosystem(fitness=...) is not in parley.axelrod; the fitness is the payoff "
                                      "itself (the reference's default)")
        self.results = results
        self.num_players = results.num_players
        self.payoff_matrix = results.payoff_matrix
        self.payoff_stddevs = results.payoff_stddevs
        n = self.num_players
        if population is not None:
            # the reference's own checks and exception type, so that scripts catching them behave alike
            if min(population) < 0:
                raise TypeError("Minimum value of population vector must be non-negative")
            if len(population) != n:
                raise TypeError("Population vector must be same size as number of players")
            self._x0 = [float(p) for p in population]  # as given: the library normalises, as the command's
        else:
            self._x0 = [1.0] * n
        total = sum(self._x0)
        if not total > 0:
            raise c.BadInput("population: every share is 0; expected at least one above 0")
        self.population_sizes = [[p / total for p in self._x0]]
        self.seed = _seed_of(seed)
        self._pay = ffi.new("double[]", [v for row in self.payoff_matrix for v in row])
        self._dev = ffi.new("double[]", [v for row in self.payoff_stddevs for v in row])

    def reproduce(self, turns):
        """Adds `turns` steps to population_sizes (all of them played afresh from the start with
        the same seed: the steps already there stay as they were)."""
        turns = c.whole("turns", turns, 0, 10000000)
        steps = len(self.population_sizes) - 1 + turns
        if turns == 0:
            return
        n = self.num_players
        shares = _ecosystem_shares(self._pay, self._dev, n, self._x0, steps, self.seed,
                                   "Ecosystem.reproduce: ")
        self.population_sizes = [[shares[s * n + i] for i in range(n)] for s in range(steps + 1)]
