#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# include_graph.sh — the dependency graph of the sources, read from their #include "..." lines.
#
#   tools/include_graph.sh folders   one line "FROM TO" per folder that includes from another
#                                    (src/X/ is X, include/parley/ is parley)
#   tools/include_graph.sh modules   the same between modules: a module is a .c and its .h
#                                    (src/nparty/nparty_report.c and .h are nparty/nparty_report).
#                                    A header with no .c of its own (io/svg_internal.h, a .def's
#                                    declarations) is a list of declarations that other modules
#                                    implement: its own includes are not counted as its edges.
#   tools/include_graph.sh cycles    prints each circle in either graph and exits 1 if there is one
#
# tests/e2e/library_boundary.sh uses it to prove the house has no dependency circle.
set -u
cd "$(dirname "$0")/.."

# module name of a file: folder/basename without extension; include/parley/x.h is parley/x
name_of() { local f=${1#src/}; f=${f#include/}; echo "${f%.*}"; }

edges() { # level: folders | modules
  local f inc from to
  for f in src/*/*.c src/*/*.h include/parley/*.h; do
    [ -f "$f" ] || continue
    from=$(name_of "$f")
    if [ "$1" = modules ] && [ "${f%.h}" != "$f" ] && [ "${f#include/}" = "$f" ] && [ ! -f "${f%.h}.c" ]; then continue; fi
    while IFS= read -r inc; do
      to=${inc%.*}            # cli/cli.h -> cli/cli ; parley/nparty.h -> parley/nparty
      case $to in */*) ;; *) continue ;; esac
      if [ "$1" = folders ]; then [ "${from%%/*}" != "${to%%/*}" ] && echo "${from%%/*} ${to%%/*}"
      else [ "$from" != "$to" ] && echo "$from $to"; fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
  done | sort -u
}

case ${1:-} in
folders|modules) edges "$1" ;;
cycles)
  rc=0
  for level in folders modules; do
    out=$(edges $level | tsort 2>&1 >/dev/null)
    if [ -n "$out" ]; then echo "$level: $out" | sed 's/tsort: -: //'; rc=1; fi
  done
  exit $rc ;;
*) echo "usage: tools/include_graph.sh folders|modules|cycles" >&2; exit 2 ;;
esac
