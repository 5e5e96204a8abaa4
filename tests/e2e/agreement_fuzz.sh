# SPDX-License-Identifier: MIT
# agreement_fuzz.sh — mutated agreement scenarios never crash `parley run`: each one either
# runs (exit 0) or is refused with exit 2 and a message naming the file, line and column.
. "$(dirname "$0")/../tap.sh"
src=scenarios/korea/six-party-2007.yaml
n=$(wc -l <"$src")
crashes=0 refused=0 ran=0 unplaced=0
for i in $(seq 1 60); do
  f="$TMP/m$i.yaml"
  # a deterministic mutation: drop a line, duplicate one, cut one short, or swap a value for junk
  awk -v seed="$i" -v n="$n" 'BEGIN { srand(seed); k = int(rand() * n) + 1; m = int(rand() * 4) }
    NR == k && m == 0 { next }
    NR == k && m == 1 { print; print; next }
    NR == k && m == 2 { print substr($0, 1, int(length($0) / 2)); next }
    NR == k && m == 3 { sub(/: [^ #]+/, ": -7e99x"); print; next }
    { print }' "$src" >"$f"
  err=$("$PARLEY" run "$f" --runs 200 --threads 2 2>&1 >/dev/null); rc=$?
  case $rc in
    0) ran=$((ran + 1));;
    2) refused=$((refused + 1))
       case "$err" in *"$f:"[0-9]*:[0-9]*": "*) ;; *) unplaced=$((unplaced + 1)); echo "# no position: $err";; esac;;
    *) crashes=$((crashes + 1)); echo "# exit $rc on mutation $i: $err";;
  esac
done
check "60 mutated scenarios: no crash ($ran ran, $refused refused)" [ "$crashes" -eq 0 ]
check "every refusal names file:line:col" [ "$unplaced" -eq 0 ]
check "some mutations are refused" [ "$refused" -gt 0 ]
echo "1..$tap_n"
