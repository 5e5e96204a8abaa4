# SPDX-License-Identifier: MIT
# docs_examples.sh — every C program in the documentation builds and runs.
# Each ```c block of README.md and docs/*.md is one whole program: it is compiled against the
# repository's headers and the sanitizer build of the library (so an example that leaks or
# misuses memory fails too), with -Wall -Wextra -Werror, and run from the repository's top
# (examples name shipped scenarios by their path); it must exit 0.  When an output block (a plain
# ``` fence) follows a C block with only blank lines between, each line it shows must appear in
# the program's output, in order ("..." stands for lines left out).
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
root=$PWD
lib=build/asan/libparley.a
libs=$(sed -n 's/^Libs.private: //p' tools/parley.pc.in)
[ -f "$lib" ] || { not_ok "$lib is missing (make test-build)"; exit 0; }

# awk: writes DIR/N.c for each C block (N counts from 1), DIR/N.out for the output block that
# follows it, and DIR/N.where ("file:line")
extract() { # doc dir
  awk -v dir="$2" -v doc="$1" '
    state == 0 && /^```c[[:space:]]*$/ { n++; state = 1; f = dir "/" n ".c"; printf "" > f
                                         print doc ":" NR > (dir "/" n ".where"); next }
    state == 1 && /^```[[:space:]]*$/   { state = 0; close(f); after = n; next }
    state == 1                          { print > f; next }
    state == 0 && after && /^[[:space:]]*$/ { next }
    state == 0 && after && /^```[[:space:]]*$/ { state = 2; o = dir "/" after ".out"; printf "" > o; next }
    state == 0                          { after = 0; next }
    state == 2 && /^```[[:space:]]*$/   { state = 0; close(o); after = 0; next }
    state == 2                          { print > o; next }
  ' "$1"
}

# every shown line in order; "..." lines skip
shows() { # expected actual
  local want got=0 line
  mapfile -t have <"$2"
  while IFS= read -r want; do
    case "$want" in *...*) [ "${want//[. ]/}" = "" ] && continue ;; esac
    while [ "$got" -lt "${#have[@]}" ] && [ "${have[got]}" != "$want" ]; do got=$((got + 1)); done
    [ "$got" -lt "${#have[@]}" ] || { echo "# missing: $want"; return 1; }
    got=$((got + 1))
  done <"$1"
}

total=0
for doc in README.md docs/*.md; do
  d=$TMP/$(echo "$doc" | tr '/.' '__')
  mkdir -p "$d"
  extract "$doc" "$d"
  for src in "$d"/*.c; do
    [ -f "$src" ] || continue
    total=$((total + 1))
    n=$(basename "$src" .c)
    where=$(cat "$d/$n.where")
    if ! grep -q 'main *(' "$src"; then
      not_ok "$where: the C example is a whole program (it has no main)"
      continue
    fi
    if ! cc -std=c11 -Wall -Wextra -Werror -fsanitize=address,undefined -Iinclude "$src" -o "$d/$n" \
        "$lib" $libs 2>"$d/$n.cc"; then
      not_ok "$where: the C example compiles"; sed 's/^/# /' "$d/$n.cc" | head -20
      continue
    fi
    ok "$where: the C example compiles"
    (cd "$root" && ASAN_OPTIONS=detect_leaks=1 "$d/$n") >"$d/$n.stdout" 2>"$d/$n.stderr"
    rc=$?
    check "$where: the C example runs and exits 0 (exit $rc)" [ "$rc" -eq 0 ]
    [ "$rc" -eq 0 ] || sed 's/^/# /' "$d/$n.stderr" | head -20
    if [ -s "$d/$n.out" ]; then
      check "$where: the output shown below the example is what it prints" shows "$d/$n.out" "$d/$n.stdout"
    fi
  done
done
check "the documentation has C examples to test ($total)" [ "$total" -ge 4 ]
