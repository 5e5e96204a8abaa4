# SPDX-License-Identifier: MIT
# tutorial.sh — docs/tutorial.md shows real commands with their real output.
# Runs every command of its ```console blocks in order, in one scratch directory,
# and checks that each output line the tutorial shows appears in the real output
# in the same order (lines may be left out: "..." marks a cut; a line ending in
# "..." is cut short and matches any line it begins).  Skipped: `make`,
# and `parley run` of the shipped agreement scenarios (another engine's tutorial,
# docs/agreements.md, covers them).  The tutorial names the shipped scenarios by name
# (korea/six-party-2007), as an installed parley finds them from any directory: PARLEY_DATA
# points at the source's scenarios/ (install.sh runs the same commands against an install).  A command whose shown output starts with an
# error ("parley CMD: ...") must exit 2; any other must exit 0.
. "$(dirname "$0")/../tap.sh"
doc="$(cd "$(dirname "$0")/../.." && pwd)/docs/tutorial.md"
[ -f "$doc" ] || { not_ok "docs/tutorial.md is missing"; exit 0; }
cd "$TMP" || exit 1
PARLEY_DATA=$(cd "$(dirname "$doc")/.." && pwd); export PARLEY_DATA # `parley play korea/...` finds the shipped ones
n=0
in_block=0
cmds=() outs=()
while IFS= read -r line || [ -n "$line" ]; do
  if [ $in_block -eq 0 ]; then
    [ "$line" = '```console' ] && in_block=1
    continue
  fi
  if [ "$line" = '```' ]; then in_block=0; continue; fi
  case "$line" in
    '$ '*) cmds+=("${line#\$ }"); outs+=(""); n=${#cmds[@]} ;;
    *) [ "$n" -gt 0 ] && outs[n-1]+="$line"$'\n' ;;
  esac
done <"$doc"
check "the tutorial has commands (${#cmds[@]})" [ "${#cmds[@]}" -ge 15 ]

for i in "${!cmds[@]}"; do
  cmd=${cmds[i]}
  case "$cmd" in
    make*) continue ;;
    "parley run korea/"*) ok "# SKIP agreement scenario: $cmd"; continue ;;
  esac
  printf '%s' "${outs[i]}" >"$TMP/want"
  bash -c 'parley() { "$PARLEY" "$@"; }; '"$cmd" >"$TMP/got" 2>&1 </dev/null; rc=$?
  want_rc=0
  head -1 "$TMP/want" | grep -qE '^parley [a-z-]+: ' && want_rc=2
  if [ "$rc" -ne "$want_rc" ]; then
    not_ok "tutorial: '$cmd' exits $rc, expected $want_rc"; sed 's/^/# /' "$TMP/got" | head -5; continue
  fi
  # every shown line (but cuts, blank lines and timings) appears, in order
  missing=$(awk '
    function rstrip(s) { sub(/[ \t]+$/, "", s); return s }
    FILENAME == ARGV[1] { s = rstrip($0); if (s != "" && s !~ /^[ \t]*\.\.\.$/ && s !~ /turns in [0-9.]+ s \(/) want[++nw] = s; next }
    function matches(got, w) {
      if (w ~ /\.\.\.$/) return index(got, substr(w, 1, length(w) - 3)) == 1
      return got == w
    }
    { if (k < nw && matches(rstrip($0), want[k + 1])) k++ }
    END { if (k < nw) print want[k + 1] }' "$TMP/want" "$TMP/got")
  if [ -z "$missing" ]; then ok "tutorial: $cmd"
  else not_ok "tutorial: '$cmd': the output lacks (in order) the line: $missing"; fi
done
