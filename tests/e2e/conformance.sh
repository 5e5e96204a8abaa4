# conformance.sh — every reference transcript of Axelrod-Python 4.13 replays identically.
. "$(dirname "$0")/../tap.sh"
f="$SHARED/conformance/matches-200-standard.jsonl.gz"
out=$("$PARLEY" check-transcripts "$f"); rc=$?
last=$(printf '%s\n' "$out" | tail -n 1)
echo "# $last"
printf '%s\n' "$out" | grep '^MISMATCH' | head -40 | sed 's/^/# /'
check "check-transcripts exits 0 on the reference file" [ "$rc" -eq 0 ]
check "all 11325 reference matches checked, none mismatched or skipped" [ "$last" = "11325 checked, 0 mismatched, 0 skipped" ]
