# SPDX-License-Identifier: MIT
"""parley — simulating reciprocity from Python: the parley C engine's operations, with tables
as pandas DataFrames and matrices as numpy arrays.

    import parley
    parley.match("tft", "gtft:p=0.1", turns=200, noise=0.05, seed=7)
    parley.tournament(["tft", "grudger", "defector"], repetitions=10, seed=1)
    parley.run("scenarios/korea/six-party-2007.yaml", set={"parties.DPRK.policy.opportunist.p": 0.1})
    parley.fit("scenarios/korea/six-party-2007.yaml")
    parley.sensitivity("scenarios/korea/six-party-2007.yaml", runs=2000)
    parley.design("scenarios/korea/six-party-2007.yaml", runs=500)
    parley.moran(["tft", "defector"], counts=[1, 9], turns=10, runs=1000)
    parley.moran(["ttft", "defector"], counts=[1, 9], game="scenarios/games/public-goods.yaml")
    parley.ecology(["tft", "defector", "cooperator"], population=[1, 1, 8], steps=300)
    parley.strategies()                        # the registry as a DataFrame

Each takes the command's flags as keyword arguments, and the same seed gives the same numbers as
the command.  Errors are exceptions carrying parley's message: BadInput (a ValueError), NotFound
(a LookupError), EnvironmentFailure (an OSError), all ParleyError.  In Jupyter a result shows its
report inline.  `import parley.axelrod as axl` runs Axelrod-Python scripts.  docs/python.md walks
through it all."""
from ._common import BadInput, EnvironmentFailure, NotFound, ParleyError
from ._parley import ffi as _ffi, lib as _lib
from .analysis import AnalysisResult, design, sensitivity
from .match import MatchResult, match
from .population import EcologyResult, MoranResult, ecology, moran
from .scenario import FitResult, RunResult, fit, run
from .strategies import strategies
from .tournament import TournamentResult, tournament

__version__ = _ffi.string(_lib.pl_version()).decode()

__all__ = ["match", "tournament", "run", "fit", "moran", "ecology", "sensitivity", "design", "strategies", "MatchResult",
           "TournamentResult", "RunResult", "FitResult", "MoranResult", "EcologyResult", "AnalysisResult", "ParleyError",
           "BadInput", "NotFound", "EnvironmentFailure"]
