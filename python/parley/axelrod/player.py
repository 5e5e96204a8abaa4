# SPDX-License-Identifier: MIT
"""player.py — Axelrod-Python's strategy classes, each standing for a strategy of parley's
registry: axl.TitForTat(), axl.GTFT(p=0.1), axl.FirstByDavis(rounds_to_cooperate=5).

A class is made for every one of the reference's 241 strategies (parley/strategy.h:
pl_reference_at), by its class name.  An instance only names a strategy: its parameters are
checked by parley when it is made, and parley plays it.  A strategy parley does not have yet is
still a class, whose instances cannot be made: NotImplementedError names it.  str(player) is the
reference's: its name, then its parameter values ("GTFT: 0.1")."""
import math

from .. import _common as c
from .._parley import ffi, lib
from ..strategies import reference, registry
from .action import Action


def _value_text(v):
    if isinstance(v, Action):
        return v.name
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return repr(v)
    return str(v)


class Player:
    """A strategy, by its Axelrod-Python class.  name, classifier and str() as the reference's;
    parley_spec is the name parley is given ("GTFT: 0.1", "FirstByDavis:rounds_to_cooperate=5")."""

    name = "Player"
    parley_id = None
    classifier = {}
    _params = ()

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if cls.parley_id is None:
            raise NotImplementedError("axl.%s (%s): parley does not have this strategy yet (see "
                                      "parley.axelrod.missing_strategies)" % (cls.__name__, cls.name))
        keys = [p["key"] for p in cls._params]
        if len(args) > len(keys):
            raise TypeError("%s() takes %d parameter%s (%s), %d given" % (
                cls.__name__, len(keys), "" if len(keys) == 1 else "s", ", ".join(keys) or "none", len(args)))
        given = dict(zip(keys, args))
        for k, v in kwargs.items():
            if k not in keys:
                raise TypeError("%s() has no parameter %r (it has: %s)" % (cls.__name__, k, ", ".join(keys) or "none"))
            if k in given:
                raise TypeError("%s() got two values for %r" % (cls.__name__, k))
            given[k] = v
        given = {k: v for k, v in given.items() if v is not None}  # None: the default, as the reference
        self.init_kwargs = given
        if given:
            spec = "%s:%s" % (cls.__name__, ",".join("%s=%s" % (k, _value_text(v)) for k, v in given.items()))
        else:
            spec = cls.__name__
        err = c.new_error()
        out = ffi.new("pl_strategy **")
        c.check(lib.pl_strategy_create(out, spec.encode(), err), err, "%s: " % cls.__name__)
        s = ffi.gc(out[0], lib.pl_strategy_free)
        self.parley_spec = spec
        if given:
            vals = []
            for p in cls._params:
                if p["kind"] == "actions":
                    vals.append(_value_text(given.get(p["key"], p["default"])))
                else:
                    x = lib.pl_strategy_param(s, p["key"].encode())
                    v = given.get(p["key"])
                    vals.append(_value_text(v) if v is not None else
                                (str(int(x)) if p["kind"] == "int" else repr(x)))
            self._str = "%s: %s" % (cls.name, ", ".join(vals))
        else:
            self._str = cls.default_label
        depth = lib.pl_strategy_memory_depth(s)
        self.classifier = dict(cls.classifier, stochastic=bool(lib.pl_strategy_is_stochastic(s)),
                               memory_depth=math.inf if depth < 0 else depth)

    def __repr__(self):
        return self._str

    def __str__(self):
        return self._str

    def __eq__(self, other):
        return type(self) is type(other) and self.parley_spec == other.parley_spec

    def __hash__(self):
        return hash(self.parley_spec)

    def clone(self):
        return type(self)(**self.init_kwargs)

    def reset(self):
        pass

    def strategy(self, opponent):
        raise NotImplementedError("%s.strategy(): parley plays its strategies in C; a player cannot be "
                                  "stepped from Python (play it in a Match)" % type(self).__name__)


def _make_classes():
    reg = {r["id"]: r for r in registry()}
    classes = []
    for name, class_name, pid in reference():
        attrs = {"name": name, "parley_id": pid, "__module__": "parley.axelrod"}
        if pid is not None:
            r = reg[pid]
            attrs["_params"] = tuple(r["params"])
            attrs["default_label"] = r["axelrod_name"] or r["name"]
            makes = set()
            if r["uses_length"]:
                makes.add("length")
            if r["uses_game"]:
                makes.add("game")
            attrs["classifier"] = {
                "stochastic": r["stochastic"],
                "memory_depth": math.inf if r["memory_depth"] < 0 else r["memory_depth"],
                "long_run_time": r["long_run_time"], "makes_use_of": makes,
                "inspects_source": False, "manipulates_source": False, "manipulates_state": False}
            attrs["__doc__"] = "%s (parley: %s). %s" % (name, pid, r["reference"] or "")
        else:
            attrs["__doc__"] = "%s: not in parley yet; making one raises NotImplementedError." % name
        classes.append(type(class_name, (Player,), attrs))
    return classes


all_classes = _make_classes()
