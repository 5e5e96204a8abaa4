# SPDX-License-Identifier: MIT
# tap.sh — a few helpers for end-to-end tests that print TAP lines (sourced, not run).
# Source it; each check prints "ok N - what" or "not ok N - what".
tap_n=0
ok()     { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
not_ok() { tap_n=$((tap_n + 1)); echo "not ok $tap_n - $*"; }
check()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
# expect_exit CODE WHAT CMD...: runs CMD, checks its exit code; its stderr is in $TAP_ERR.
expect_exit() {
  local code=$1 what=$2; shift 2
  TAP_ERR=$("$@" 2>&1 >/dev/null); local rc=$?
  if [ "$rc" -eq "$code" ]; then ok "$what (exit $rc)"; else not_ok "$what: exit $rc, expected $code; stderr: $TAP_ERR"; fi
}
# expect_err_has TEXT WHAT: the last expect_exit's stderr contains TEXT.
expect_err_has() { case "$TAP_ERR" in *"$1"*) ok "$2";; *) not_ok "$2: stderr lacks '$1': $TAP_ERR";; esac; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
