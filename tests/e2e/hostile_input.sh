# hostile_input.sh — input built to hurt (issue 9): each case is refused with exit 2 and a message
# that places it, never a crash and never a silent success.
. "$(dirname "$0")/../tap.sh"

# a YAML document nested 35,000 levels deep once overflowed the stack of the tree builder (SIGSEGV)
awk 'BEGIN { for (i = 0; i < 35000; i++) printf "- "; print "x" }' >"$TMP/deep-block.yaml"
awk 'BEGIN { for (i = 0; i < 35000; i++) printf "["; for (i = 0; i < 35000; i++) printf "]"; print "" }' >"$TMP/deep-flow.yaml"
for style in block flow; do
  expect_exit 2 "run: a $style document nested 35,000 deep is refused" "$PARLEY" run "$TMP/deep-$style.yaml"
  expect_err_has "$TMP/deep-$style.yaml:1:" "run: the $style refusal names file:line:col"
  expect_err_has "nested deeper than" "run: the $style refusal says what is wrong"
  expect_exit 2 "play: a $style document nested 35,000 deep is refused" "$PARLEY" play "$TMP/deep-$style.yaml" </dev/null
done

echo "1..$tap_n"
