# SPDX-License-Identifier: MIT
# agreement_sources.sh — every fact in the shipped Korea scenarios is cited beside it, or marked
# as an assumption: dates, deadlines, quantities, rates, durations and probabilities on their line,
# every event of a record with its source tag, every row of a dated event file with its tag; and
# every tag resolves in docs/korea-facts.md (tags are a section letter and a number: A1 ... K20, and
# any section the fact sheet adds).
. "$(dirname "$0")/../tap.sh"
tag='\[[A-Z][0-9]+\]'
for f in scenarios/korea/*.yaml; do
  bad=$(grep -nE '^\s*-?\s*(deadline|start_by|quantity|rate|not_before|start|p|p_confirm|p_false|duration|delay|horizon):' "$f" |
        grep -vE "$tag|assumed|derived|ASSUMED|ASSUMPTION")
  check "$(basename "$f"): every number cited or marked assumed${bad:+ (uncited: $bad)}" [ -z "$bad" ]
  bad=$(grep -n '{date:' "$f" | grep -vE "source: \"$tag")
  check "$(basename "$f"): every recorded event has a source tag${bad:+ ($bad)}" [ -z "$bad" ]
  check "$(basename "$f"): states its assumptions" grep -q '^assumptions:' "$f"
done
for f in scenarios/korea/*.yaml scenarios/korea/*.csv; do
  [ -e "$f" ] || continue
  tags=$(grep -oE "$tag" "$f" | sort -u | tr -d '[]')
  known=""
  # the fact sheet lives in the repository, so this check can never drop itself
  for t in $tags; do grep -qE "(^|[ ·])$t " docs/korea-facts.md || known="$known $t"; done
  check "$(basename "$f"): every tag resolves in docs/korea-facts.md${known:+ (unknown:$known)}" [ -z "$known" ]
done
for f in scenarios/korea/*.csv; do
  [ -e "$f" ] || continue
  bad=$(awk -F, '$0 !~ /^#/ && $0 !~ /^date,/ && NF && $NF !~ /\[[A-Z][0-9]+\]/ { print FILENAME ":" NR }' "$f")
  check "$(basename "$f"): every dated event has a source tag${bad:+ ($bad)}" [ -z "$bad" ]
done
echo "1..$tap_n"
