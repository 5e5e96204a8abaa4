# SPDX-License-Identifier: MIT
# build_deps.sh — the Makefile's promises about the build: touching a header rebuilds exactly the
# objects that include it (no more, no fewer: -MMD -MP), and the user's CPPFLAGS, CFLAGS and
# LDFLAGS reach every compile and every link.  Dry runs only (make -n; -W pretends a file was
# touched), so the test changes nothing in the tree beyond building the release build if `make check`
# has not.
# test: serial (it runs make: tests/run.sh runs no two such scripts at once)
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
mk() { make --no-print-directory "$@" 2>/dev/null; }
mk -s -j2 all >/dev/null # normally nothing to do: `make check` built it

objs=$(mk -n -p all | sed -n 's/^LIB_SRC := //p; s/^CLI_SRC := //p' | tr ' ' '\n' | grep '\.c$' | sort -u)
n_src=$(grep -c . <<<"$objs")
missing=0
for c in $objs; do [ -f "build/release/obj/${c%.c}.d" ] || missing=$((missing + 1)); done
check "every one of the $n_src release objects has its dependency file (.d)" [ "$n_src" -gt 0 -a "$missing" -eq 0 ]
check "a second make has nothing to do (make -q all: no object rebuilds every time)" mk -q all

# for each header: the objects make would rebuild = the objects whose .d names the header
wrong=()
n_h=0
for h in include/parley/*.h src/*/*.h src/*/*/*.h src/*/*.def; do
  [ -f "$h" ] || continue
  n_h=$((n_h + 1))
  got=$(mk -n -W "$h" all | grep -o ' -c [^ ]*\.c' | sed 's/^ -c //' | sort)
  want=$(grep -l -E "(^| )$h( |$)" build/release/obj/src/*/*.d 2>/dev/null | sed 's|^build/release/obj/||; s|\.d$|.c|' | sort)
  [ "$got" = "$want" ] || wrong+=("$h (rebuilds $(grep -c . <<<"$got"), included by $(grep -c . <<<"$want"))")
done
check "touching any of $n_h headers rebuilds exactly the objects that include it${wrong:+: ${wrong[*]}}" [ ${#wrong[@]} -eq 0 ]
some=$(mk -n -W src/io/svg_internal.h all | grep -c ' -c ')
check "touching src/io/svg_internal.h rebuilds only the chart files ($some objects)" [ "$some" -ge 1 -a "$some" -le 12 ]
check "touching a source file rebuilds that object alone" [ "$(mk -n -W src/core/rng.c all | grep -c ' -c ')" -eq 1 ]

# the user's flags: a dry run of everything with a marker in each
# (CC is a name no compiler has, so every line that calls the compiler is easy to find)
cp build/release/flags "$TMP/rel.flags"; cp build/asan/flags "$TMP/san.flags"
mk -n -B all test-build CC=pl-seen-cc CPPFLAGS=-DPL_SEEN_CPPFLAGS CFLAGS=-DPL_SEEN_CFLAGS LDFLAGS=-L/pl-seen-ldflags \
  >"$TMP/all.txt"
grep '^pl-seen-cc ' "$TMP/all.txt" >"$TMP/cc.txt"
n_cc=$(grep -c . "$TMP/cc.txt")
compiles=$(grep -c -- ' -c ' "$TMP/cc.txt")
links=$(grep -v -c -- ' -c ' "$TMP/cc.txt")
check "the dry run shows compiles ($compiles) and links ($links)" [ "$compiles" -gt 50 -a "$links" -gt 5 ]
check "CFLAGS reaches every compile and link" [ "$(grep -c -- -DPL_SEEN_CFLAGS "$TMP/cc.txt")" -eq "$n_cc" ]
check "CPPFLAGS reaches every compile" [ "$(grep -- ' -c \|\.c -o ' "$TMP/cc.txt" | grep -v -c -- -DPL_SEEN_CPPFLAGS)" -eq 0 ]
check "LDFLAGS reaches every link" [ "$(grep -v -- ' -c ' "$TMP/cc.txt" | grep -v -c -- -L/pl-seen-ldflags)" -eq 0 ]
check "CFLAGS comes after the project's flags (so CFLAGS=-O2 wins over -O3)" \
  bash -c "grep -- ' -c ' '$TMP/cc.txt' | head -1 | grep -q -- '-O[0-9].* -DPL_SEEN_CFLAGS'"
# A dry run writes nothing: the dry run with other flags above shows every object rebuilt without
# recording those flags, so the next real build has nothing to do (it once rewrote each tree's `flags`
# file, and the next make, install.sh's, rebuilt both trees in the middle of make check)
check "the dry run with other flags left each tree's flags file as it was" \
  bash -c "cmp -s '$TMP/rel.flags' build/release/flags && cmp -s '$TMP/san.flags' build/asan/flags"
check "... so the next build has nothing to do (make -q all)" mk -q all
check "a dry run with another DATADIR shows shipped.o rebuilt" bash -c "make -n all DATADIR=/pl-seen 2>/dev/null | grep -q 'shipped.o'"
check "... and leaves the build as it was" mk -q all

# The command and the libraries are written beside their names and then renamed over them, so a
# test that runs the command while another (install.sh: a new DATADIR relinks it) rebuilds it
# finds the old file or the new one, never a half-written one ("Permission denied", exit 126:
# CI failed so once).
for t in build/release/parley build/release/libparley.a build/release/libparley.so build/release/parley-shared \
  build/asan/parley build/asan/libparley.a; do
  rule=$(mk -n -W src/core/rng.c "$t" | grep -F -- "$t.tmp")
  check "$t is written as $t.tmp and renamed over $t" grep -qF -- "mv -f $t.tmp $t" <<<"$rule"
done
