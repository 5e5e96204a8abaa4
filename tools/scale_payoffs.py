#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""scale_payoffs.py — a copy of an agreement scenario with every payoff multiplied, or its discount changed.

    tools/scale_payoffs.py FILE.yaml OUT.yaml FACTOR [DISCOUNT]

Every number under a `cost`, `value`, `flow`, `flows`, `reverse_cost` or `payoff` key (steps,
variants and shocks alike) is multiplied by FACTOR; with DISCOUNT, `behaviour.discount` is set to
it.  The `sensitivity:` block is copied as it is (its ranges are not payoffs).  The copy loses the
file's comments: it is for runs, not for reading.  docs/agreements.md's table "Payoffs and time now
move the results" was made with it; a copy at FACTOR 1 gives the file's own results to the byte.
Bad input (a missing file, a file that is not YAML or not a map, a FACTOR that is not a number)
is refused with the file (line and column where YAML says) and exit code 2.
"""
import sys

import yaml

PAYOFF_KEYS = {"cost", "value", "flow", "flows", "reverse_cost", "payoff"}


def scaled(x, factor):
    if isinstance(x, bool):
        return x
    if isinstance(x, (int, float)):
        return x * factor
    if isinstance(x, dict):
        return {k: scaled(v, factor) for k, v in x.items()}
    if isinstance(x, list):
        return [scaled(v, factor) for v in x]
    return x


def walk(x, factor):
    if isinstance(x, dict):
        return {k: (scaled(v, factor) if k in PAYOFF_KEYS else walk(v, factor)) for k, v in x.items()}
    if isinstance(x, list):
        return [walk(v, factor) for v in x]
    return x


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write("usage: scale_payoffs.py FILE.yaml OUT.yaml FACTOR [DISCOUNT]\n")
        return 2
    try:
        factor = float(argv[3])
        discount = float(argv[4]) if len(argv) == 5 else None
    except ValueError as e:
        sys.stderr.write("scale_payoffs.py: FACTOR and DISCOUNT must be numbers (%s)\n" % e)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except OSError as e:
        sys.stderr.write("scale_payoffs.py: %s: %s\n" % (argv[1], e.strerror))
        return 2
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = "%s:%d:%d" % (argv[1], mark.line + 1, mark.column + 1) if mark else argv[1]
        sys.stderr.write("scale_payoffs.py: %s: not YAML (%s)\n" % (where, getattr(e, "problem", None) or e))
        return 2
    if not isinstance(doc, dict):
        sys.stderr.write("scale_payoffs.py: %s: expected a scenario, a map of keys (kind:, parties:, steps:, ...)\n"
                         % argv[1])
        return 2
    sensitivity = doc.pop("sensitivity", None)
    doc = walk(doc, factor)
    if sensitivity is not None:
        doc["sensitivity"] = sensitivity
    if discount is not None:
        doc.setdefault("behaviour", {})["discount"] = discount
    try:
        with open(argv[2], "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True)
    except OSError as e:
        sys.stderr.write("scale_payoffs.py: %s: %s\n" % (argv[2], e.strerror))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
