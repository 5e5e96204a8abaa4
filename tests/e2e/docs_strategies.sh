# SPDX-License-Identifier: MIT
# docs_strategies.sh — docs/strategies.md is what `parley strategies --markdown` prints
# from the registry, so the reference cannot drift from the code.
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
"$PARLEY" strategies --markdown >"$TMP/strategies.md"; rc=$?
check "strategies --markdown exits 0" [ "$rc" -eq 0 ]
n_two=$("$PARLEY" strategies --json | wc -l)
n_np=$("$PARLEY" strategies --nparty --json | wc -l)
n_reg=$((n_two + n_np))
n_md=$(grep -c '^| `' "$TMP/strategies.md")
check "the reference has a row for every strategy ($n_two two-party, $n_np N-party)" [ "$n_reg" -eq "$n_md" ]
check "the reference has a table per family" [ "$(grep -c '^## ' "$TMP/strategies.md")" -ge 1 ]
check "the reference ends with the N-party strategies ($n_np)" \
  [ "$(grep '^## ' "$TMP/strategies.md" | tail -1)" = "## N-party strategies ($n_np)" ]
if [ ! -f docs/strategies.md ]; then
  not_ok "docs/strategies.md is missing: run make docs"
elif diff -u docs/strategies.md "$TMP/strategies.md" >"$TMP/diff"; then
  ok "docs/strategies.md matches the registry"
else
  not_ok "docs/strategies.md is stale (differs from 'parley strategies --markdown'): run make docs"
  head -20 "$TMP/diff" | sed 's/^/# /'
fi
expect_exit 2 "--json and --markdown together" "$PARLEY" strategies --json --markdown
expect_err_has "choose one" "the conflict is named"
expect_exit 0 "strategies --markdown --family classic" "$PARLEY" strategies --markdown --family classic
