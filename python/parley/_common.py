# SPDX-License-Identifier: MIT
"""_common.py — what every operation of the package shares: the exceptions that carry parley's
messages, the checks of Python arguments (worded as the command words its flags), the stage
game, lists of strategies, and reading a results directory into pandas and numpy."""
import html
import json
import os
import tempfile

import pandas as pd

from ._parley import ffi, lib


class ParleyError(Exception):
    """An error from the parley library; str() is parley's own message, .status its kind."""

    status = "error"


class BadInput(ParleyError, ValueError):
    """Bad input: a value, a name or a file's content (the command's exit code 2)."""

    status = "invalid"


class NotFound(ParleyError, LookupError):
    """A named thing (a strategy, a party, a step) that does not exist."""

    status = "not found"


class EnvironmentFailure(ParleyError, OSError):
    """The system refused: a file that cannot be read or written, no memory (exit code 3)."""

    status = "environment"


_BY_CODE = {lib.PL_EINVAL: BadInput, lib.PL_ENOTFOUND: NotFound, lib.PL_EIO: EnvironmentFailure,
            lib.PL_ENOMEM: EnvironmentFailure}


def new_error():
    return ffi.new("pl_error *")


def raise_error(err, rc, prefix=""):
    """Raises the exception for status rc with the message in err (a pl_error *)."""
    msg = ffi.string(err.msg).decode("utf-8", "replace") if err is not None else ""
    if not msg:
        msg = "parley failed with status %d" % rc
    raise _BY_CODE.get(rc, ParleyError)(prefix + msg)


def check(rc, err, prefix=""):
    if rc != 0:
        raise_error(err, rc, prefix)


# The Python arguments of the inputs the library says an error is about (pl_error's input).
_ARGUMENT_OF_INPUT = {lib.PL_INPUT_SET: "set", lib.PL_INPUT_RANGE: "ranges", lib.PL_INPUT_COMPARE: "compare",
                      lib.PL_INPUT_GRID: "grid", lib.PL_INPUT_GRID_STEPS: "grid_steps"}


def argument_prefix(err, rc, default="scenario"):
    """The "ARGUMENT: " a message of a scenario command is prefixed with: the argument the library
    says the error is about (a --set, a range, ...; also a value one of them put into the file), else
    default, the scenario file, for bad input; "" for what the system refused."""
    if rc not in (lib.PL_EINVAL, lib.PL_ENOTFOUND):
        return ""
    name = _ARGUMENT_OF_INPUT.get(err.input, default)
    return name + ": " if name else ""


def check_scenario(rc, err):
    """check() for a call that read a scenario file (and the flags of its command)."""
    if rc != 0:
        raise_error(err, rc, argument_prefix(err, rc))


def text(cstr):
    return ffi.string(cstr).decode("utf-8", "replace") if cstr != ffi.NULL else None


# ---- arguments, checked as the command checks its flags --------------------------------------

def whole(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            import numpy as np
            if isinstance(value, np.integer):
                value = int(value)
            else:
                raise TypeError
        except TypeError:
            raise BadInput("%s: expected a whole number from %d to %d, got %r" % (name, lo, hi, value)) from None
    if not lo <= value <= hi:
        raise BadInput("%s: expected a whole number from %d to %d, got %d" % (name, lo, hi, value))
    return value


def real(name, value, lo, hi, what=None):
    try:
        if isinstance(value, (str, bytes, bool)):
            raise TypeError
        v = float(value)
    except (TypeError, ValueError):
        raise BadInput("%s: expected %s, got %r" % (name, what or "a number from %g to %g" % (lo, hi), value)) from None
    if not lo <= v <= hi:  # NaN fails too
        raise BadInput("%s: expected %s, got %r" % (name, what or "a number from %g to %g" % (lo, hi), value))
    return v


def prob(name, value):
    return real(name, value, 0.0, 1.0, "a probability from 0 to 1")


def seed(name, value):
    return whole(name, value, 0, 2**64 - 1)


def threads(value):
    if value == 0:
        return os.cpu_count() or 1
    return whole("threads", value, 1, 1024)


def _num_text(x):
    return repr(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def make_game(game):
    """A prisoner's dilemma from (R, S, T, P), "R,S,T,P" or an object with .RPST() (axl.Game):
    returns (the pl_game, its text as the command's --game gives it)."""
    if game is None:
        game = (3, 0, 5, 1)
    if isinstance(game, str):
        parts = game.split(",")
        try:
            vals = [float(p) for p in parts]
        except ValueError:
            raise BadInput("game: expected four numbers R,S,T,P, got %r" % game) from None
        label = game
    else:
        if hasattr(game, "RPST"):
            r, p, s, t = game.RPST()
            game = (r, s, t, p)
        try:
            vals = [float(v) for v in game]
        except (TypeError, ValueError):
            raise BadInput("game: expected four numbers (R, S, T, P), got %r" % (game,)) from None
        label = ",".join(_num_text(v) for v in vals)
    if len(vals) != 4:
        raise BadInput("game: expected four numbers R,S,T,P, got %d" % len(vals))
    g = ffi.new("pl_game *")
    lib.pl_game_pd(g, *vals)
    err = new_error()
    check(lib.pl_game_check(g, err), err, "game: ")
    return g, label


class PlayerList:
    """Strategies named as the command names them (ids with parameters, Axelrod names, class
    names, 'all', @FILE); a str is one comma-separated list, a list holds one entry a player."""

    def __init__(self, players, what="players"):
        self.ptr = ffi.new("pl_player_list *")
        self._gc = ffi.gc(self.ptr, lib.pl_player_list_free)
        if isinstance(players, str):
            entries = [(what, players)]
        else:
            try:
                entries = [("%s[%d]" % (what, i), p) for i, p in enumerate(players)]
            except TypeError:
                raise BadInput("%s: expected a list of strategy names or a comma-separated string, got %r"
                               % (what, players)) from None
        err = new_error()
        for label, p in entries:
            spec = getattr(p, "parley_spec", p)
            if not isinstance(spec, str):
                raise BadInput("%s: expected a strategy name, got %r" % (label, p))
            check(lib.pl_player_list_add(self.ptr, spec.encode(), err), err, label + ": ")

    def __len__(self):
        return self.ptr.n

    def items(self):
        return self.ptr.items

    def labels(self):
        return [text(lib.pl_strategy_label(self.ptr.items[i])) for i in range(self.ptr.n)]


# ---- results directories ----------------------------------------------------------------------

def read_dir(path):
    """Every CSV of a results directory as a DataFrame (by file name without .csv), every JSON
    file parsed (by name), and report.html's text (or None)."""
    tables, docs, report = {}, {}, None
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if name.endswith(".csv"):
            tables[name[:-4]] = pd.read_csv(full, keep_default_na=True)
        elif name.endswith(".json"):
            with open(full, encoding="utf-8") as f:
                docs[name[:-5]] = json.load(f)
        elif name.endswith(".html") and report is None:
            with open(full, encoding="utf-8") as f:
                report = f.read()
    return tables, docs, report


def report_of(write, name):
    """The report.html that write(dir) puts into a fresh directory called name, as text."""
    with tempfile.TemporaryDirectory(prefix="parley-") as d:
        out = write(os.path.join(d, name))
        with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
            return f.read()


def iframe(page, height=640):
    """A whole report page shown inside a notebook cell: an iframe keeps its styles to itself."""
    if not page:
        return None
    return ('<iframe srcdoc="%s" style="width:100%%;height:%dpx;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>' % (html.escape(page, quote=True), height))


class TablesResult:
    """What a command that writes a results directory gives back: its CSV files as DataFrames
    (result["name"] is tables["name"]), its JSON documents, its report shown inline in Jupyter.
    A subclass sets `label` (how messages name it: "run", "sensitivity", ...)."""

    label = "result"

    def __getitem__(self, name):
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError("%r: this %s wrote the tables %s" % (name, self.label, ", ".join(sorted(self.tables)))) \
                from None

    def keys(self):
        return self.tables.keys()

    def _repr_html_(self):
        return iframe(self.report)

