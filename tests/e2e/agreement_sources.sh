  for t in $tags; do grep -q "$t " docs/korea-facts.md || known="$known $t"; done
  check "$(basename "$f"): every tag resolves in docs/korea-facts.md${known:+ (unknown:$known)}" [ -z "$known" ]# agreement_sources.sh — every fact in the shipped Korea scenarios is cited beside it, or marked
# as an assumption: dates, deadlines, quantities, durations and probabilities on their line, and
# every event of a record with its source tag.
. "$(dirname "$0")/../tap.sh"
for f in scenarios/korea/*.yaml; do
  bad=$(grep -nE '^\s*-?\s*(deadline|quantity|not_before|start|p|p_confirm|p_false|duration|delay|horizon):' "$f" |
        grep -vE '\[[A-J][0-9]+\]|assumed|derived|ASSUMED|ASSUMPTION')
  check "$(basename "$f"): every number cited or marked assumed${bad:+ (uncited: $bad)}" [ -z "$bad" ]
  bad=$(grep -n '{date:' "$f" | grep -v 'source: "\[[A-J][0-9]')
  check "$(basename "$f"): every recorded event has a source tag${bad:+ ($bad)}" [ -z "$bad" ]
  check "$(basename "$f"): states its assumptions" grep -q '^assumptions:' "$f"
  tags=$(grep -oE '\[[A-J][0-9]+\]' "$f" | sort -u | tr -d '[]')
  known=""
  # the fact sheet lives in the repository, so this check can never drop itself
  for t in $tags; do grep -q "$t " docs/korea-facts.md || known="$known $t"; done
  check "$(basename "$f"): every tag resolves in docs/korea-facts.md${known:+ (unknown:$known)}" [ -z "$known" ]
done
echo "1..$tap_n"
