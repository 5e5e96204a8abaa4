# SPDX-License-Identifier: MIT
# cli_transcripts.sh — check-transcripts on small files: mismatches, skips and malformed lines.
. "$(dirname "$0")/../tap.sh"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD","a_score":2,"b_score":7}' >"$TMP/good.jsonl"
out=$("$PARLEY" check-transcripts "$TMP/good.jsonl"); rc=$?
check "a matching transcript passes" [ "$rc" -eq 0 ]
check "summary line" [ "$(tail -n1 <<<"$out")" = "1 checked, 0 mismatched, 0 skipped" ]
gzip -c "$TMP/good.jsonl" >"$TMP/good.jsonl.gz"
out=$("$PARLEY" check-transcripts "$TMP/good.jsonl.gz")
check "gzipped input is read" [ "$(tail -n1 <<<"$out")" = "1 checked, 0 mismatched, 0 skipped" ]
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CCD","b_actions":"DDD"}' \
  '{"a":"No Such Strategy","b":"Defector","turns":1,"game_RPST":[3,1,0,5],"a_actions":"C","b_actions":"D"}' >"$TMP/bad.jsonl"
out=$("$PARLEY" check-transcripts "$TMP/bad.jsonl"); rc=$?
check "a mismatch exits 1" [ "$rc" -eq 1 ]
check "the mismatch is named with its turn" grep -q 'bad.jsonl:1: Tit For Tat vs Defector: first difference at turn 2' <<<"$out"
check "unknown strategies are skipped" [ "$(tail -n1 <<<"$out")" = "1 checked, 1 mismatched, 1 skipped" ]
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD"}' '{"a": "x",' >"$TMP/broken.jsonl"
expect_exit 2 "malformed JSON" "$PARLEY" check-transcripts "$TMP/broken.jsonl"
expect_err_has "broken.jsonl:2:" "malformed JSON names file and line"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0],"a_actions":"CDD","b_actions":"DDD"}' >"$TMP/short.jsonl"
expect_exit 2 "game with three numbers" "$PARLEY" check-transcripts "$TMP/short.jsonl"
expect_err_has "game_RPST" "the bad field is named"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CXD","b_actions":"DDD"}' >"$TMP/letters.jsonl"
expect_exit 2 "actions other than C and D" "$PARLEY" check-transcripts "$TMP/letters.jsonl"
expect_exit 2 "missing file" "$PARLEY" check-transcripts "$TMP/nope.jsonl"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CD","b_actions":"DDD"}' >"$TMP/length.jsonl"
expect_exit 2 "actions shorter than turns" "$PARLEY" check-transcripts "$TMP/length.jsonl"
expect_err_has "length.jsonl:1:1: \"a_actions\" and \"b_actions\" must each be \"turns\" characters long" "the length rule is named"
printf '%s\n' '[1, 2]' >"$TMP/array.jsonl"
expect_exit 2 "a line that is not an object" "$PARLEY" check-transcripts "$TMP/array.jsonl"
expect_err_has "expected a JSON object" "the object rule is named"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":-1,"game_RPST":[3,1,0,5],"a_actions":"","b_actions":""}' >"$TMP/negative.jsonl"
expect_exit 2 "negative turns" "$PARLEY" check-transcripts "$TMP/negative.jsonl"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD","a_score":"2"}' >"$TMP/score.jsonl"
expect_exit 2 "a score that is not a number" "$PARLEY" check-transcripts "$TMP/score.jsonl"
expect_err_has "\"a_score\" and \"b_score\" must be numbers" "the score rule is named"

# Hostile transcripts (issue 9).  The reference file with NUL-led lines injected and its last line made
# to mismatch: the old reader took the rest of the file for its end and printed "986 checked, 0
# mismatched" with exit 0.  Now the first NUL byte is refused with its file, line and column.
ref="$RESOURCES/conformance/matches-200-standard.jsonl.gz"
total=$(zcat "$ref" | wc -l)
{ zcat "$ref" | head -n $((total - 1)); zcat "$ref" | tail -n 1 | sed 's/"a_actions":"D/"a_actions":"C/'; } >"$TMP/lastbad.jsonl"
out=$("$PARLEY" check-transcripts "$TMP/lastbad.jsonl"); rc=$?
check "the reference file with a mismatching last line exits 1" [ "$rc" -eq 1 ]
check "the mismatch is named at the last line" grep -q "lastbad.jsonl:$total: Winner21 vs Winner21: first difference at turn 1" <<<"$out"
{ zcat "$ref" | head -n 1000; for i in $(seq 1 20); do printf '\0%s\n' "padding $i"; zcat "$ref" | sed -n "$((1000 + i))p"; done
  zcat "$ref" | sed -n "1021,\$p" | head -n $((total - 1021)); tail -n 1 "$TMP/lastbad.jsonl"; } >"$TMP/nul.jsonl"
expect_exit 2 "the reference file with 20 NUL-led lines is refused" "$PARLEY" check-transcripts "$TMP/nul.jsonl"
expect_err_has "nul.jsonl:1001:1: a NUL byte" "the first NUL byte is named with file, line and column"
printf '%s\n' '{"a":"Tit For Tat","b":"Defector","turns":1,"game_RPST":[3,1,0,5],"a_actions":"C","b_actions":"D"}' >"$TMP/midnul.jsonl"
printf 'xx\0yy\n' >>"$TMP/midnul.jsonl"
expect_exit 2 "a NUL byte inside a line is refused" "$PARLEY" check-transcripts "$TMP/midnul.jsonl"
expect_err_has "midnul.jsonl:2:3: a NUL byte" "the NUL byte's column is named"
head -c 4096 /dev/zero >"$TMP/zeros.jsonl"
expect_exit 2 "a zero-filled file is refused" "$PARLEY" check-transcripts "$TMP/zeros.jsonl"
# a match written over 5 MB of blanks on one line: lengths are sizes, not ints that overflow
{ printf '{"a":"Tit For Tat",'; head -c 5000000 /dev/zero | tr '\0' ' '
  printf '%s\n' '"b":"Defector","turns":3,"game_RPST":[3,1,0,5],"a_actions":"CDD","b_actions":"DDD"}'; } >"$TMP/long.jsonl"
out=$("$PARLEY" check-transcripts "$TMP/long.jsonl" 2>&1); rc=$?
check "a 5 MB line is read whole and checked" [ "$rc" -eq 0 ] && [ "$(tail -n1 <<<"$out")" = "1 checked, 0 mismatched, 0 skipped" ]
# A gate built on check-transcripts must fail when nothing was compared.
: >"$TMP/empty.jsonl"
expect_exit 1 "an empty file compares nothing: exit 1" "$PARLEY" check-transcripts "$TMP/empty.jsonl"
expect_err_has "nothing was compared" "the empty file's failure says why"
printf '%s\n' '{"a":"No Such Strategy","b":"Defector","turns":1,"game_RPST":[3,1,0,5],"a_actions":"C","b_actions":"D"}' >"$TMP/unknown.jsonl"
expect_exit 1 "a file naming only unknown strategies compares nothing: exit 1" "$PARLEY" check-transcripts "$TMP/unknown.jsonl"
expect_exit 1 "--min-checked above the number compared fails" "$PARLEY" check-transcripts --min-checked 2 "$TMP/good.jsonl"
expect_err_has "fewer than --min-checked 2" "the --min-checked failure names the flag"
expect_exit 0 "--min-checked met passes" "$PARLEY" check-transcripts --min-checked 1 "$TMP/good.jsonl"
expect_exit 2 "--min-checked takes a number" "$PARLEY" check-transcripts --min-checked many "$TMP/good.jsonl"
head -c 30000 "$ref" >"$TMP/truncated.jsonl.gz"
expect_exit 2 "a truncated .gz file is an error, not a short success" "$PARLEY" check-transcripts "$TMP/truncated.jsonl.gz"
echo "1..$tap_n"
