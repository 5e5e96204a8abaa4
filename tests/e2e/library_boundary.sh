# SPDX-License-Identifier: MIT
# library_boundary.sh — the house's walls: libparley.so exports only pl_ symbols, the command
# reaches the library only through include/parley/*.h (and links against the shared library),
# src/io and src/core know no domain, and no two folders or modules include each other in a circle.
. "$(dirname "$0")/../tap.sh"
REL=${PARLEY_RELEASE%/parley}
so=$REL/libparley.so

check "libparley.so is built" [ -f "$so" ]
nm -D --defined-only "$so" | awk 'NF == 3 {print $3}' >"$TMP/exported"
check "libparley.so exports the public API (pl_version, pl_scenario_open, pl_nscenario_load)" \
  bash -c "grep -qx pl_version '$TMP/exported' && grep -qx pl_scenario_open '$TMP/exported' && grep -qx pl_nscenario_load '$TMP/exported'"
check "libparley.so exports only pl_ symbols" bash -c "! grep -v '^pl_' '$TMP/exported'"
# every exported symbol is declared in a public header, and every PL_EXTERN function is exported
missing=$(for s in $(cat "$TMP/exported"); do grep -qw "$s" include/parley/*.h || echo "$s"; done)
check "every exported symbol is declared in include/parley/ (${missing:-none missing})" [ -z "$missing" ]
declared=$(sed -n 's/^PL_EXTERN [^(]*[ *]\(pl_[a-z0-9_]*\)(.*/\1/p' include/parley/*.h | sort -u)
unexported=$(for s in $declared; do grep -qx "$s" "$TMP/exported" || echo "$s"; done)
check "every PL_EXTERN function is exported (${unexported:-all are})" [ -z "$unexported" ]
check "the headers declare functions only with PL_EXTERN" \
  bash -c "! grep -nE '^(int|void|double|long|size_t|uint64_t|const char|char) +\*?pl_[a-z0-9_]+\(' include/parley/*.h"

# the command: only parley/ headers and its own
bad=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' src/cli/*.c src/cli/*.h | grep -vE '"(parley|cli)/[a-z_]+\.(h|def)"')
check "src/cli includes only \"parley/...\" (and its own cli/ headers) ${bad:+: $bad}" [ -z "$bad" ]
shared=$REL/parley-shared
check "the command links against the shared library alone (parley-shared)" \
  bash -c "[ -x '$shared' ] && ldd '$shared' | grep -q 'libparley.so'"
"$shared" run scenarios/korea/drills-and-launches.yaml --runs 50 --threads 1 >"$TMP/shared.txt" 2>/dev/null
"$PARLEY_RELEASE" run scenarios/korea/drills-and-launches.yaml --runs 50 --threads 1 >"$TMP/static.txt" 2>/dev/null
check "parley-shared runs a scenario and prints what the static command prints" cmp -s "$TMP/shared.txt" "$TMP/static.txt"
printf 'q\n' | "$shared" play scenarios/korea/drills-and-launches.yaml --as DPRK >"$TMP/play.txt" 2>&1
check "parley-shared plays an N-party scenario through the public handle" grep -q "You play DPRK" "$TMP/play.txt"

# a reach past the public headers does not link against libparley.so
cat >"$TMP/reach.c" <<'C'
#include <stddef.h>
void np_model_free(void *m); /* defined in the library (nparty_load.c) but not in include/parley */
int main(void) { np_model_free(NULL); return 0; }
C
${CC:-cc} -o "$TMP/reach" "$TMP/reach.c" "$so" 2>"$TMP/reach.txt"
check "a program calling an internal function fails to link against libparley.so" \
  grep -q "undefined reference to .np_model_free" "$TMP/reach.txt"
cat >"$TMP/public.c" <<'C'
#include <stdio.h>
#include "parley/parley.h"
int main(void)
{
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_open(&s, "scenarios/korea/drills-and-launches.yaml", &err)) return 1;
    printf("%s %s\n", pl_version(), pl_scenario_kind(s));
    pl_scenario_free(s);
    return 0;
}
C
${CC:-cc} -std=c11 -Iinclude -o "$TMP/public" "$TMP/public.c" "$so" -Wl,-rpath,"$(cd "$REL" && pwd)" 2>"$TMP/cc.txt"
check "a program using only the public API links against libparley.so and runs" \
  bash -c "'$TMP/public' | grep -q ' nparty$'"

# the ground knows no domain
bad=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(strategies|twoparty|nparty|agreement|scenario|cli)/' \
  src/io/* src/core/*)
check "src/io and src/core include nothing from a domain folder ${bad:+: $bad}" [ -z "$bad" ]
check "the folder graph has the layers in order (io uses core, core uses neither io nor a domain)" \
  bash -c "tools/include_graph.sh folders | grep -qx 'io core' && ! tools/include_graph.sh folders | grep -qE '^core (io|strategies|twoparty|nparty|agreement|scenario|cli)$'"
cycles=$(tools/include_graph.sh cycles 2>&1)
check "no include circle between folders or modules ${cycles:+: $cycles}" [ -z "$cycles" ]
# the checker finds a circle when there is one (so the check above can fail)
mkdir -p "$TMP/house/src/a" "$TMP/house/src/b" "$TMP/house/tools" "$TMP/house/include/parley"
cp tools/include_graph.sh "$TMP/house/tools/"
printf '#include "b/y.h"\n' >"$TMP/house/src/a/x.c"; printf '#include "a/x.h"\n' >"$TMP/house/src/b/y.c"
: >"$TMP/house/src/a/x.h"; : >"$TMP/house/src/b/y.h"
check "the circle checker reports a circle a -> b -> a" bash -c "! '$TMP/house/tools/include_graph.sh' cycles >/dev/null"
