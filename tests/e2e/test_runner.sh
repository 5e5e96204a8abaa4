# SPDX-License-Identifier: MIT
# test_runner.sh — tests/run.sh itself, on a tree of made-up tests: tests run several at once and
# their lines come out in the order of the tree, whatever order they finish in; scripts marked
# `# test: serial` never overlap; a crash or a script that reports nothing counts as a failure; the
# closing line adds up every TAP line; each test's wall and CPU seconds, and the total, are shown;
# and one job at a time gives the same lines.
. "$(dirname "$0")/../tap.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
T=$TMP/tree
mkdir -p "$T/tests/e2e" "$T/tests/unit" "$T/build/asan/tests"
cp "$here/tests/run.sh" "$here/tests/tap.sh" "$T/tests/"
: >"$T/tests/unit/test_a.c"
printf '#!/bin/sh\necho "ok 1 - a"\nsleep 1\necho "ok 2 - a2"\n' >"$T/build/asan/tests/test_a"
chmod +x "$T/build/asan/tests/test_a"
# b finishes first though it starts last of the three
printf '. "$(dirname "$0")/../tap.sh"\nsleep 2\ncheck slow true\n' >"$T/tests/e2e/a_slow.sh"
printf '. "$(dirname "$0")/../tap.sh"\ncheck fast true\n' >"$T/tests/e2e/b_fast.sh"
for k in 1 2; do
  printf '# test: serial\n. "$(dirname "$0")/../tap.sh"\necho "start %s" >>"%s/order"\nsleep 1\necho "end %s" >>"%s/order"\ncheck s%s true\n' \
    "$k" "$TMP" "$k" "$TMP" "$k" >"$T/tests/e2e/s$k.sh"
done
printf 'exit 3\n' >"$T/tests/e2e/x_crash.sh"
printf 'echo nothing\n' >"$T/tests/e2e/y_silent.sh"
(cd "$T" && env -u TEST_LOGS -u UNIT_DIR -u SKIP_E2E TEST_JOBS=4 bash tests/run.sh) >"$TMP/out4.txt" 2>&1
rc4=$?
check "exit status 1 when a test fails ($rc4)" [ "$rc4" -eq 1 ]
order=$(awk '/passed .* failed  \(/ {print $1}' "$TMP/out4.txt" | tr '\n' ' ')
check "lines in the tree's order, not the order of finishing ($order)" \
  [ "$order" = "unit/test_a e2e/a_slow e2e/b_fast e2e/s1 e2e/s2 e2e/x_crash e2e/y_silent " ]
check "the closing line counts every TAP line and every crash" grep -qx "6 passed, 2 failed" "$TMP/out4.txt"
check "a crash is a failure, with its status" grep -q "not ok - e2e/x_crash exited with status 3" "$TMP/out4.txt"
check "a script that reports nothing is a failure" grep -q "not ok - e2e/y_silent reported no test" "$TMP/out4.txt"
check "each line gives the test's wall and CPU seconds" \
  bash -c "[ \$(grep -cE 'failed  \\([0-9]+s, cpu [0-9]+s\\)\$' '$TMP/out4.txt') -eq 7 ]"
check "the total: tests, seconds, jobs, CPU" grep -qE '^7 tests in [0-9]+ s, 4 at a time; [0-9]+ s of CPU in all$' "$TMP/out4.txt"
check "the serial scripts did not overlap" \
  bash -c "tr '\n' ' ' <'$TMP/order' | grep -qE '^start ([12]) end \1 start ([12]) end \2 $'"
(cd "$T" && env -u TEST_LOGS -u UNIT_DIR -u SKIP_E2E TEST_JOBS=1 bash tests/run.sh) >"$TMP/out1.txt" 2>&1
strip() { sed -E 's/\([0-9]+s, cpu [0-9]+s\)$//; /^[0-9]+ tests in /d' "$1"; }
check "one job at a time prints the same lines" diff <(strip "$TMP/out1.txt") <(strip "$TMP/out4.txt")
(cd "$T" && env -u TEST_LOGS -u UNIT_DIR -u SKIP_E2E TEST_JOBS=two bash tests/run.sh) >"$TMP/outx.txt" 2>"$TMP/errx.txt"
check "TEST_JOBS that is not a number is named on stderr" grep -q "TEST_JOBS='two' is not a whole number above 0" "$TMP/errx.txt"
check "... and the tests still run, one at a time, with the same lines" diff <(strip "$TMP/outx.txt") <(strip "$TMP/out1.txt")
echo "1..$tap_n"
