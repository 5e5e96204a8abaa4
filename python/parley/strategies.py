# SPDX-License-Identifier: MIT
"""strategies.py — parley.strategies(): the two-party registry as a DataFrame (what
`parley strategies --json` lists), and the lookups the Axelrod face is built on."""
import pandas as pd

from . import _common as c
from ._parley import ffi, lib


def _param(p):
    d = {"key": c.text(p.key), "kind": ("real", "int", "actions")[p.kind], "help": c.text(p.help)}
    if p.kind == lib.PL_PARAM_ACTIONS:
        d["default"] = c.text(p.def_text)
    else:
        d["default"], d["lo"], d["hi"] = getattr(p, "def"), p.lo, p.hi
    return d


def registry():
    """Every strategy of the registry as a dict, in the registry's order."""
    out = []
    for i in range(lib.pl_strategy_count()):
        s = lib.pl_strategy_info_at(i)
        out.append({"id": c.text(s.id), "name": c.text(s.name), "axelrod_name": c.text(s.axelrod_name),
                    "class_name": c.text(s.class_name), "family": c.text(s.family),
                    "stochastic": bool(s.stochastic), "memory_depth": s.memory_depth,
                    "uses_length": bool(s.uses_length), "uses_game": bool(s.uses_game),
                    "long_run_time": bool(s.long_run_time), "reference": c.text(s.reference),
                    "params": [_param(s.params[k]) for k in range(s.n_params)]})
    return out


def strategies():
    """The registry as a DataFrame: id, name, axelrod_name, class_name, family, stochastic,
    memory_depth, uses_length, uses_game, long_run_time, reference, params (a list of dicts)."""
    return pd.DataFrame(registry())


def reference():
    """Axelrod-Python 4.13's strategies: (name, class name, parley's id or None), in its order."""
    out = []
    cls, ident = ffi.new("const char **"), ffi.new("const char **")
    for i in range(lib.pl_reference_count()):
        name = lib.pl_reference_at(i, cls, ident)
        out.append((c.text(name), c.text(cls[0]), c.text(ident[0])))
    return out
