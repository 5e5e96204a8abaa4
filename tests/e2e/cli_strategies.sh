# SPDX-License-Identifier: MIT
# cli_strategies.sh — `parley strategies --nparty` lists the N-party strategies: a table, and with
# --json one object a strategy (id, name, params with their defaults, reference); --help names it.
. "$(dirname "$0")/../tap.sh"
out=$("$PARLEY" strategies --nparty); rc=$?
check "strategies --nparty exits 0" [ "$rc" -eq 0 ]
check "the table has its header" grep -qE '^ID +NAME +RAND +PARAMETERS$' <<<"$out"
for id in ttft gttft cttft targeted ngrim nwsls majority proportional estimated; do
  check "the table has a row for $id" grep -qE "^$id " <<<"$out"
done
check "the table shows gttft's parameters with their defaults" grep -qE '^gttft +Generous Threshold Tit For Tat +yes +k=0,g=0.1$' <<<"$out"
check "the table ends with the count" grep -qE '^9 N-party strategies' <<<"$out"
check "no two-party strategy in the N-party table" bash -c '! grep -qE "^(tft|grudger|defector) " <<<"$1"' _ "$out"

"$PARLEY" strategies --nparty --json >"$TMP/np.jsonl"; rc=$?
check "strategies --nparty --json exits 0" [ "$rc" -eq 0 ]
check "one JSON line a row of the table" [ "$(wc -l <"$TMP/np.jsonl")" -eq "$(grep -cE '^[a-z_]+ +[A-Z]' <<<"$out")" ]
# each line: an object with exactly id, name, stochastic, params, reference
msg=$(python3 - "$TMP/np.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
want = {"id", "name", "stochastic", "params", "reference"}
for r in rows:
    if set(r) != want: sys.exit(f"{r.get('id')}: keys {sorted(r)}")
    if not isinstance(r["params"], dict): sys.exit(f"{r['id']}: params is not an object")
    if not r["reference"]: sys.exit(f"{r['id']}: no reference")
by_id = {r["id"]: r for r in rows}
if by_id["gttft"]["params"] != {"k": 0, "g": 0.1}: sys.exit(f"gttft params {by_id['gttft']['params']}")
if by_id["ngrim"]["params"] != {"k": 1}: sys.exit(f"ngrim params {by_id['ngrim']['params']}")
if by_id["majority"]["params"] != {}: sys.exit("majority has parameters")
if by_id["gttft"]["stochastic"] is not True or by_id["ttft"]["stochastic"] is not False: sys.exit("stochastic flags")
PY
); rc=$?
check "every JSON line has id, name, stochastic, params with defaults, reference${msg:+: $msg}" [ "$rc" -eq 0 ]

# the ids listed are the ones a scenario accepts
ids=$(python3 -c 'import json, sys; print(", ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$TMP/np.jsonl")
cat >"$TMP/all.yaml" <<YAML
kind: nparty
name: every N-party strategy
seed: 1
tournament:
  players: [$ids]
  group_size: 3
  turns: 20
  repetitions: 1
  game: {kind: pd, R: 3, S: 0, T: 5, P: 1}
YAML
expect_exit 0 "a tournament of every listed id runs" "$PARLEY" run "$TMP/all.yaml" --out "$TMP/all"

h=$("$PARLEY" strategies --help)
check "strategies --help names --nparty" grep -qE '^ +--nparty ' <<<"$h"
expect_exit 2 "--nparty with --family" "$PARLEY" strategies --nparty --family classic
expect_err_has "--nparty lists the N-party strategies" "the conflict is named"
expect_exit 2 "an unknown family" "$PARLEY" strategies --family nope
expect_err_has "--family: no family named 'nope'" "an unknown family is named"
expect_exit 2 "--json with --markdown" "$PARLEY" strategies --json --markdown
expect_err_has "--json and --markdown" "the two formats are named"
"$PARLEY" strategies --nparty --markdown >"$TMP/np.md"; rc=$?
check "strategies --nparty --markdown exits 0" [ "$rc" -eq 0 ]
check "--nparty --markdown is the reference's N-party section" grep -qE '^## N-party strategies \(9\)$' "$TMP/np.md"
check "the two-party listing is unchanged by the flag" bash -c '"$1" strategies | grep -qE "^tft "' _ "$PARLEY"
echo "1..$tap_n"
