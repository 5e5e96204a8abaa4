#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""callgrind_moves.py — where a tournament's instructions go, strategy by strategy.

Reads a callgrind profile of `parley tournament` (valgrind --tool=callgrind) through
callgrind_annotate and prints, for every strategy's move function (`*_move`, and the Meta
players' `meta_move`), its inclusive instructions, its share of the program's, how many
moves it made (calls: in its own matches and as a member of the Meta players' teams) and
instructions a move.  A Meta player's inclusive count holds its members' moves, which are
listed under their own names too, so the shares do not add up to 100 %.

    valgrind --tool=callgrind --callgrind-out-file=OUT parley tournament --players all ...
    bench/callgrind_moves.py [--top N] OUT [OUT.1 ...]

Several files (a run dumped in parts with callgrind_control -d) are added up.
"""
import re
import subprocess
import sys


def profile(path):
    """{function: (inclusive instructions, calls)} and the program's total."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--tree=caller", "--threshold=100", path],
                          capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"^\s*([\d,]+) \([^)]*\)\s+PROGRAM TOTALS", text, re.M).group(1).replace(",", ""))
    out, calls = {}, 0
    for line in text.splitlines():
        m = re.match(r"^\s*[\d,]+ \([^)]*\)\s+<\s.*\(([\d,]+)x\)", line)
        if m:
            calls += int(m.group(1).replace(",", ""))
            continue
        m = re.match(r"^\s*([\d,]+) \([^)]*\)\s+\*\s+(\S+)", line)
        if m:
            # a function is listed once a source file its code comes from (history.h for what it
            # inlines, ...); the entry of its own file counts the rest in its inclusive cost
            name = m.group(2).split(":")[-1]
            ir = int(m.group(1).replace(",", ""))
            if ir > out.get(name, (0, 0))[0]:
                out[name] = (ir, calls)
        if not line.strip():
            calls = 0
    return out, total


def main():
    args = sys.argv[1:]
    top = 40
    if len(args) > 1 and args[0] == "--top":
        top = int(args[1])
        args = args[2:]
    funcs, total = {}, 0
    for path in args:
        part, part_total = profile(path)
        total += part_total
        for name, (ir, calls) in part.items():
            old = funcs.get(name, (0, 0))
            funcs[name] = (old[0] + ir, old[1] + calls)
    moves = sorted(((ir, calls, f) for f, (ir, calls) in funcs.items() if f.endswith("_move") and calls),
                   reverse=True)
    print("program total: {:,} instructions".format(total))
    print("| move function | instructions (inclusive) | share | moves | instructions a move |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for ir, calls, f in moves[:top]:
        print("| `{}` | {:,} | {:.1f} % | {:,} | {:,.0f} |".format(f, ir, 100.0 * ir / total, calls, ir / calls))


if __name__ == "__main__":
    main()
