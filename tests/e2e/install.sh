# install.sh — `make install` into a staging tree gives a working command, headers, library,
# pkg-config file and man page, and a C program builds and runs against what was installed;
# the shared library sits under its full version name with the soname and dev links; the
# install folders can be moved (LIBDIR, INCLUDEDIR, DATADIR, MANDIR); `make uninstall` removes
# exactly what install put, and nothing else.  The install is self-sufficient: the scenarios and
# docs go to DATADIR/parley, a scenario is found by name from any directory, and every example of
# --help (the general one and each command's) and of the man page's EXAMPLES runs from an empty
# directory against the staged install.
# test: serial (it runs make: tests/run.sh runs no two such scripts at once)
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
stage=$TMP/staging
usr=$stage/usr
make --no-print-directory -s -j"$(nproc 2>/dev/null || echo 2)" install DESTDIR="$stage" PREFIX=/usr >"$TMP/make.log" 2>&1
rc=$?
check "make install DESTDIR=... PREFIX=/usr succeeds" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || sed 's/^/# /' "$TMP/make.log" | tail -20

v=$("$usr/bin/parley" --version 2>&1)
check "the installed command runs ($v)" grep -qE '^parley [0-9]+\.[0-9]+\.[0-9]+' <<<"$v"
check "the installed command plays a match" bash -c "'$usr/bin/parley' match tft defector --turns 3 --json | grep -q CDD"
for h in parley error rng game strategy match; do
  check "header parley/$h.h is installed" test -f "$usr/include/parley/$h.h"
done
check "libparley.a is installed" test -f "$usr/lib/libparley.a"
version=$(sed -n 's/^#define PARLEY_VERSION "\(.*\)"/\1/p' include/parley/parley.h)
major=${version%%.*}
check "libparley.so.$version is installed as a file (the full version name)" \
  bash -c "[ -f '$usr/lib/libparley.so.$version' ] && [ ! -L '$usr/lib/libparley.so.$version' ]"
check "libparley.so.$major (the soname) links to libparley.so.$version" \
  [ "$(readlink "$usr/lib/libparley.so.$major")" = "libparley.so.$version" ]
check "libparley.so (the dev link) links to libparley.so.$major" [ "$(readlink "$usr/lib/libparley.so")" = "libparley.so.$major" ]
soname=$(readelf -d "$usr/lib/libparley.so.$version" 2>/dev/null | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
check "the library's soname is libparley.so.$major ($soname)" [ "$soname" = "libparley.so.$major" ]
for h in include/parley/*.h; do
  check "installed $(basename "$h") opens with its SPDX licence line" \
    [ "$(head -1 "$usr/include/parley/$(basename "$h")")" = "/* SPDX-License-Identifier: MIT */" ]
done
check "the licence is installed" cmp -s LICENSE "$usr/share/doc/parley/LICENSE"
check "the Axelrod-Python notice is installed" grep -q "Axelrod-Python project team" "$usr/share/doc/parley/NOTICE.axelrod-python"
check "parley.pc states the licence" grep -q "MIT" "$usr/lib/pkgconfig/parley.pc"
check "parley.pc is installed" test -f "$usr/lib/pkgconfig/parley.pc"
check "parley.pc names the prefix /usr" grep -qx 'prefix=/usr' "$usr/lib/pkgconfig/parley.pc"

man1=$usr/share/man/man1/parley.1
check "the man page is installed" test -f "$man1"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 MANPAGER=cat man -l "$man1" >"$TMP/man.txt" 2>"$TMP/man.err"
  check "man -l renders the page" grep -q 'PARLEY(1)' "$TMP/man.txt"
  for cmd in strategies match tournament run check-transcripts; do
    check "the man page documents 'parley $cmd'" grep -q "parley $cmd" "$TMP/man.txt"
  done
  check "the man page gives the exit codes" grep -q 'EXIT STATUS' "$TMP/man.txt"
elif command -v groff >/dev/null 2>&1; then
  check "groff renders the page" groff -man -Tutf8 -z "$man1"
fi
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww -z "$man1" 2>"$TMP/groff.err"
  check "groff finds nothing to warn about in the page" [ ! -s "$TMP/groff.err" ]
fi

# a program against the installed library, found through pkg-config in the staging tree
cat >"$TMP/hello.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <parley/parley.h>

int main(void)
{
    pl_error err;
    pl_strategy *a, *b;
    if (pl_strategy_create(&a, "tft", &err) || pl_strategy_create(&b, "defector", &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = 5;
    pl_match_result *r;
    if (pl_match_play(a, b, &cfg, &r, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    char sa[8], sb[8];
    pl_match_result_actions(r, 0, sa);
    pl_match_result_actions(r, 1, sb);
    printf("parley %s %s %s\n", pl_version(), sa, sb);
    pl_match_result_free(r);
    pl_strategy_free(a);
    pl_strategy_free(b);
    return strcmp(pl_version(), PARLEY_VERSION) != 0;
}
C
export PKG_CONFIG_PATH=$usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_LIBDIR=$usr/lib/pkgconfig
cflags=$(pkg-config --cflags parley) && libs=$(pkg-config --libs parley) && static_libs=$(pkg-config --static --libs parley)
check "pkg-config finds parley in the staging tree" [ -n "$libs" ]
check "pkg-config points into the staging tree" grep -q -- "-I$usr/include" <<<"$cflags"
header_version=$(sed -n 's/^#define PARLEY_VERSION "\(.*\)"/\1/p' include/parley/parley.h)
check "pkg-config's version is the header's ($header_version)" [ "$(pkg-config --modversion parley)" = "$header_version" ]
echo "# cflags: $cflags"
echo "# static libs: $static_libs"

# shared: the program runs with the staged library on the loader's path
if cc $cflags "$TMP/hello.c" -o "$TMP/hello_shared" $libs 2>"$TMP/cc1.err"; then
  ok "a program compiles and links against libparley.so"
  out=$(LD_LIBRARY_PATH=$usr/lib "$TMP/hello_shared")
  check "it runs against the installed shared library ($out)" grep -q "CDDDD DDDDD" <<<"$out"
  check "it loads the staged libparley.so.0" bash -c "LD_LIBRARY_PATH='$usr/lib' ldd '$TMP/hello_shared' | grep -q '$usr/lib/libparley.so.0'"
else
  not_ok "a program compiles and links against libparley.so"; sed 's/^/# /' "$TMP/cc1.err"
fi
# static: libparley.a with the private dependencies pkg-config lists
static_libs=${static_libs/-lparley/-l:libparley.a}
if cc $cflags "$TMP/hello.c" -o "$TMP/hello_static" $static_libs 2>"$TMP/cc2.err"; then
  ok "a program links statically against libparley.a with Libs.private"
  out=$("$TMP/hello_static")
  check "it runs without the shared library ($out)" grep -q "CDDDD DDDDD" <<<"$out"
  check "it does not need libparley.so" bash -c "! ldd '$TMP/hello_static' | grep -q libparley"
else
  not_ok "a program links statically against libparley.a with Libs.private"; sed 's/^/# /' "$TMP/cc2.err"
fi

# self-sufficient: the scenarios (with the files they read) and the docs are installed
share=$usr/share/parley
check "the shipped scenarios are installed under DATADIR/parley/scenarios" test -f "$share/scenarios/korea/six-party-2007.yaml"
check "a scenario's data file is installed beside it" test -f "$share/scenarios/korea/drills-and-launches-events.csv"
n_src=$(ls scenarios/*/*.yaml | wc -l); n_inst=$(ls "$share"/scenarios/*/*.yaml | wc -l)
check "every shipped scenario is installed ($n_inst of $n_src)" [ "$n_src" -eq "$n_inst" ]
check "the docs are installed under DATADIR/parley/docs" test -f "$share/docs/tutorial.md"
# shell completion, where bash-completion and zsh look under PREFIX
check "the bash completion is installed (DATADIR/bash-completion/completions/parley)" test -s "$usr/share/bash-completion/completions/parley"
check "the zsh completion is installed (DATADIR/zsh/site-functions/_parley)" test -s "$usr/share/zsh/site-functions/_parley"
compl=$(PATH="$usr/bin:$PATH" PARLEY_DATA="$share" bash -c '. "$1"; COMP_WORDS=(parley match grudger_al); COMP_CWORD=2; _parley; printf "%s\n" "${COMPREPLY[@]}"' _ "$usr/share/bash-completion/completions/parley")
check "the installed bash completion loads and completes a strategy id" grep -qx grudger_alternator <<<"$compl"
compl=$(PATH="$usr/bin:$PATH" PARLEY_DATA="$share" bash -c '. "$1"; COMP_WORDS=(parley run korea/six); COMP_CWORD=2; _parley; printf "%s\n" "${COMPREPLY[@]}"' _ "$usr/share/bash-completion/completions/parley")
check "... and an installed scenario's name" grep -qx korea/six-party-2007 <<<"$compl"
if command -v zsh >/dev/null 2>&1; then
  check "the installed zsh completion parses (zsh -n)" zsh -n "$usr/share/zsh/site-functions/_parley"
else
  ok "# SKIP zsh is missing"
fi
help=$("$usr/bin/parley" --help)
check "--help points at the installed docs (/usr/share/parley/docs/tutorial.md)" grep -q "/usr/share/parley/docs/tutorial.md" <<<"$help"
for d in $(grep -oE '[a-z]+\.md' <<<"$help" | sort -u); do
  check "the doc --help names, $d, is installed" test -f "$share/docs/$d"
done
# the compiled-in DATADIR is /usr/share/parley, which a staged install does not fill: PARLEY_DATA
# points the command at the staging tree, as it would at any other folder
empty=$TMP/empty
mkdir -p "$empty"
inst() { (cd "$empty" && PARLEY_DATA=$share PATH="$usr/bin:$PATH" "$@"); }
TAP_ERR=$(inst parley scenarios 2>&1 >"$TMP/scn.txt"); rc=$?
check "parley scenarios lists the installed scenarios (exit $rc)" [ "$rc" -eq 0 ]
check "parley scenarios gives a line for each ($(grep -c '^  ' "$TMP/scn.txt") of $n_src)" [ "$(grep -c '^  ' "$TMP/scn.txt")" -eq "$n_src" ]
check "its line names the scenario, its kind and its title" grep -qE '^  korea/six-party-2007 +agreement +Six-party talks 2007' "$TMP/scn.txt"
expect_exit 3 "parley scenarios with nothing installed where it looks" bash -c "cd '$empty' && PARLEY_DATA='$TMP/nothing' '$usr/bin/parley' scenarios"
expect_err_has "no shipped scenarios found" "parley scenarios says it found none and where it looked"
inst parley run korea/six-party-2007.yaml --runs 50 >"$TMP/run1.txt" 2>/dev/null
inst parley run korea/six-party-2007 --runs 50 >"$TMP/run2.txt" 2>/dev/null
check "a shipped scenario runs by name from an empty directory, with or without .yaml" \
  bash -c "[ -s '$TMP/run1.txt' ] && cmp -s '$TMP/run1.txt' '$TMP/run2.txt'"
inst parley run "$share/scenarios/korea/six-party-2007.yaml" --runs 50 >"$TMP/run3.txt" 2>/dev/null
check "by name it is the same scenario as by path" cmp -s "$TMP/run1.txt" "$TMP/run3.txt"
mkdir -p "$empty/korea" && printf 'kind: nosuchkind\n' >"$empty/korea/six-party-2007.yaml"
expect_exit 2 "a file of that name in the directory comes first (the path as given)" inst parley run korea/six-party-2007.yaml
expect_err_has "korea/six-party-2007.yaml:1:" "the error is the local file's"
rm -rf "$empty/korea"
expect_exit 2 "a name that is nowhere" inst parley run korea/six-party-207
expect_err_has "looked in $share/scenarios (\$PARLEY_DATA), then /usr/share/parley/scenarios" "the miss says where it looked"
expect_err_has "did you mean 'korea/six-party-2007'?" "the miss suggests the closest shipped name"
# before make install: the command in its build folder finds its own checkout's scenarios by name
(cd "$empty" && env -u PARLEY_DATA "$PARLEY" run korea/six-party-2007 --runs 50 >"$TMP/run4.txt" 2>/dev/null)
check "the command in the build folder (not installed) runs a shipped name from an empty directory" \
  cmp -s "$TMP/run1.txt" "$TMP/run4.txt"
expect_exit 2 "its miss" bash -c "cd '$empty' && env -u PARLEY_DATA '$PARLEY' run korea/six-party-207"
expect_err_has "looked in $(pwd -P)/scenarios (the checkout this command was built in), then " "says it looked in the checkout first"
expect_exit 2 "a shipped name without its group" inst parley fit six-party-2007
expect_err_has "did you mean 'korea/six-party-2007'?" "it is suggested with its group"

# every example, run from the empty directory.  The counts of runs, repetitions, Sobol rows and
# generations are cut (the check is that every name, file and flag an example uses works from
# anywhere, not how long it takes); play reads an empty standard input and stops; the one example
# that names a file of the source (check-transcripts) finds it there in the empty directory.
examples=$TMP/examples.txt
: >"$examples"
sed -n 's/^  \(parley [^ ].*\)$/\1/p' <<<"$help" | sed -E 's/  +[a-z(].*$//' >>"$examples"
for c in $(sed -n 's/^  \([a-z-]*\)  .*/\1/p' <<<"$help"); do
  "$usr/bin/parley" help "$c" | awk '/^Examples?:/{f=1;next} f' | sed -n 's/^  \(\(parley\|printf\) .*\)$/\1/p' |
    sed -E 's/  +\(.*\)$//' >>"$examples"
done
if command -v man >/dev/null 2>&1; then
  LC_ALL=C MANWIDTH=200 MANPAGER=cat man -l "$usr/share/man/man1/parley.1" 2>/dev/null |
    awk '/^EXAMPLES/{f=1;next} /^[A-Z]/{f=0} f' | sed -n 's/^ *\(parley .*\)$/\1/p' >>"$examples"
fi
check "the examples were found ($(wc -l <"$examples") of them)" [ "$(wc -l <"$examples")" -ge 25 ]
mkdir -p "$empty/tests/resources/conformance"
cp tests/resources/conformance/matches-200-standard.jsonl.gz "$empty/tests/resources/conformance/"
cp tests/resources/conformance/matches-200-standard.jsonl.gz "$empty/"
sort -u "$examples" | while IFS= read -r ex; do
  run=$(sed -E 's/--runs [0-9]+/--runs 200/g; s/ -r [0-9]{3,}/ -r 200/g; s/--repetitions [0-9]+/--repetitions 1/g;
                s/--sobol [0-9]+/--sobol 4/g; s/--generations [0-9]+/--generations 200/g; s/--confirm [0-9]+/--confirm 200/g' <<<"$ex")
  # an example that takes the scenario's own count of runs is given a small one too (it took a minute)
  if [[ $run =~ ^parley\ (run|sensitivity|design)\  && $run != *"|"* ]]; then
    [[ $run =~ (--runs|-r)\  ]] || run+=" --runs 200"
    if [[ $run == "parley design "* ]]; then
      [[ $run == *--confirm* ]] || run+=" --confirm 200"
      [[ $run == *--check-runs* ]] || run+=" --check-runs 200"
    fi
  fi
  (cd "$empty" && PARLEY_DATA=$share PATH="$usr/bin:$PATH" bash -c "$run" </dev/null >/dev/null 2>"$TMP/ex.err")
  rc=$?
  if [ "$rc" -eq 0 ]; then ok "from an empty directory: $ex"
  else not_ok "from an empty directory: $ex (exit $rc)"; sed 's/^/# /' "$TMP/ex.err" | tail -5; fi
done

# the tutorial, as installed: every command of its console blocks, in order, in one directory that
# started empty (it names the shipped scenarios by name), against the install; a command whose
# shown output starts with an error ("parley CMD: ...") must exit 2, any other 0.  Counts are cut
# as above.
tut=$share/docs/tutorial.md
awk 'function flush() { if (cmd != "") print (err ? 2 : 0) "\t" cmd; cmd = "" }
     /^```console[[:space:]]*$/ { f = 1; next }
     f && /^```[[:space:]]*$/   { flush(); f = 0; next }
     f && /^\$ /                { flush(); cmd = substr($0, 3); err = 0; first = 1; next }
     f && first                 { err = ($0 ~ /^parley [a-z-]+: /); first = 0 }' "$tut" | grep -v $'\tmake' >"$TMP/tutorial.txt"
check "the installed tutorial's commands were found ($(wc -l <"$TMP/tutorial.txt"))" [ "$(wc -l <"$TMP/tutorial.txt")" -ge 15 ]
tdir=$TMP/tutorial-dir; mkdir -p "$tdir"
while IFS=$'\t' read -r want ex; do
  run=$(sed -E 's/--runs [0-9]+/--runs 200/g; s/--repetitions [0-9]+/--repetitions 1/g' <<<"$ex")
  (cd "$tdir" && PARLEY_DATA=$share PATH="$usr/bin:$PATH" bash -c "$run" </dev/null >/dev/null 2>"$TMP/ex.err")
  rc=$?
  if [ "$rc" -eq "$want" ]; then ok "tutorial, from an empty directory: $ex (exit $rc)"
  else not_ok "tutorial, from an empty directory: $ex (exit $rc, expected $want)"; sed 's/^/# /' "$TMP/ex.err" | tail -5; fi
done <"$TMP/tutorial.txt"

# uninstall: removes every file and link install put, leaves a file it did not put
echo "not parley's" >"$usr/lib/someone-else.txt"
make --no-print-directory -s uninstall DESTDIR="$stage" PREFIX=/usr >"$TMP/uninstall.log" 2>&1
check "make uninstall DESTDIR=... PREFIX=/usr succeeds" [ $? -eq 0 ]
left=$(cd "$stage" && find . ! -type d ! -path ./usr/lib/someone-else.txt | sort)
check "after uninstall no file or link of parley is left${left:+: $(echo $left)}" [ -z "$left" ]
check "uninstall removed parley's own folders (include/parley, share/doc/parley, share/parley)" \
  bash -c "[ ! -e '$usr/include/parley' ] && [ ! -e '$usr/share/doc/parley' ] && [ ! -e '$usr/share/parley' ]"
check "uninstall left a file it did not install" test -f "$usr/lib/someone-else.txt"

# the folders can be moved: LIBDIR, INCLUDEDIR, MANDIR; pkg-config follows them
stage2=$TMP/staging2
make --no-print-directory -s install DESTDIR="$stage2" PREFIX=/opt/parley LIBDIR=/opt/parley/lib64 \
  INCLUDEDIR=/opt/parley/inc MANDIR=/opt/parley/man DATADIR=/opt/parley/data >"$TMP/make2.log" 2>&1
check "make install with LIBDIR, INCLUDEDIR, DATADIR and MANDIR succeeds" [ $? -eq 0 ]
check "the scenarios go to DATADIR/parley" test -f "$stage2/opt/parley/data/parley/scenarios/korea/six-party-2007.yaml"
check "the command looks for them there (its --help names DATADIR/parley/docs)" \
  bash -c "'$stage2/opt/parley/bin/parley' --help | grep -q /opt/parley/data/parley/docs/tutorial.md"
check "the library goes to LIBDIR" test -f "$stage2/opt/parley/lib64/libparley.so.$version"
check "the headers go to INCLUDEDIR" test -f "$stage2/opt/parley/inc/parley/parley.h"
check "the man page goes to MANDIR" test -f "$stage2/opt/parley/man/man1/parley.1"
check "parley.pc lives in LIBDIR/pkgconfig" test -f "$stage2/opt/parley/lib64/pkgconfig/parley.pc"
pc2=$(PKG_CONFIG_SYSROOT_DIR= PKG_CONFIG_LIBDIR="$stage2/opt/parley/lib64/pkgconfig" pkg-config --cflags --libs parley)
check "parley.pc names LIBDIR and INCLUDEDIR ($pc2)" grep -q -- "-I/opt/parley/inc .*-L/opt/parley/lib64" <<<"$pc2"
make --no-print-directory -s uninstall DESTDIR="$stage2" PREFIX=/opt/parley LIBDIR=/opt/parley/lib64 \
  INCLUDEDIR=/opt/parley/inc MANDIR=/opt/parley/man DATADIR=/opt/parley/data >"$TMP/uninstall2.log" 2>&1
left=$(cd "$stage2" && find . ! -type d | sort)
check "uninstall with the same folders leaves no file${left:+: $(echo $left)}" [ -z "$left" ]
