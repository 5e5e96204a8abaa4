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
