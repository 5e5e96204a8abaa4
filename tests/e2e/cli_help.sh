# SPDX-License-Identifier: MIT
# cli_help.sh — `parley --help` teaches: every command, first steps, where the docs are;
# every subcommand's --help ends with examples; `parley help COMMAND` is that command's --help,
# `parley help` the general one, and an unknown command gets "did you mean"; --version gives the
# library's version.
. "$(dirname "$0")/../tap.sh"
out=$("$PARLEY" --help); rc=$?
check "--help exits 0" [ "$rc" -eq 0 ]
for c in strategies match play tournament moran ecology fingerprint scenarios run fit design sensitivity check-transcripts; do
  check "--help lists '$c' with a line of its own" grep -qE "^  $c +[a-z]" <<<"$out"
  h=$("$PARLEY" "$c" --help); rc=$?
  check "$c --help exits 0" [ "$rc" -eq 0 ]
  check "$c --help ends with examples" bash -c 'tail -n +2 <<<"$1" | grep -qE "^Examples?:" && tail -1 <<<"$1" | grep -q "parley"' _ "$h"
  h2=$("$PARLEY" help "$c"); rc=$?
  check "parley help $c exits 0" [ "$rc" -eq 0 ]
  check "parley help $c is what parley $c --help prints" [ "$h" = "$h2" ]
done
check "parley help is the general help" [ "$("$PARLEY" help)" = "$out" ]
expect_exit 2 "parley help with an unknown command" "$PARLEY" help tournamnet
expect_err_has "unknown command 'tournamnet'; did you mean 'tournament'?" "parley help gets did-you-mean for a command"
expect_exit 2 "parley help with a word that is no command" "$PARLEY" help frobnicate
expect_err_has "unknown command 'frobnicate'" "it names the word"
check "--help says how to get a command's help" grep -q "parley help COMMAND" <<<"$out"
check "--help's examples use shipped scenario names, not paths of the source" \
  bash -c '! grep -q "parley .*scenarios/" <<<"$1"' _ "$out"
check "--help has a first-steps block" grep -q "^First steps:" <<<"$out"
check "--help's first steps include play" grep -qE "^  parley play " <<<"$out"
check "--help says where the docs are" grep -q "docs/tutorial.md" <<<"$out"
check "--help names the exit codes" grep -q "^Exit codes: 0 success, 1 a check failed, 2 bad usage" <<<"$out"
out=$("$PARLEY" --version); rc=$?
check "--version exits 0" [ "$rc" -eq 0 ]
check "--version gives the library version" grep -qE '^parley [0-9]+\.[0-9]+\.[0-9]+ \(libparley [0-9]+\.[0-9]+\.[0-9]+\)$' <<<"$out"
expect_exit 2 "no command" "$PARLEY"
expect_err_has "Usage: parley COMMAND" "no command shows the usage"
expect_exit 2 "unknown command" "$PARLEY" frobnicate
expect_err_has "unknown command 'frobnicate'" "unknown command is named"
expect_exit 2 "a typo'd command" "$PARLEY" tournamnet
expect_err_has "did you mean 'tournament'?" "a typo'd command gets the closest"
# the man page has a section for every command --help lists (it once lacked 'parley fit')
missing=$("$PARLEY" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR>1 && NF {print $1}' | while read -r c; do
  grep -q "^\.SS parley $(printf '%s' "$c" | sed 's/-/\\\\-/g')\b" docs/parley.1 || echo "$c"; done)
check "docs/parley.1 has a section for every command (missing: ${missing:-none})" [ -z "$missing" ]
