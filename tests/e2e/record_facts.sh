# SPDX-License-Identifier: MIT
# record_facts.sh — the 18 encoding errors of issue 12, one check (or a few) per error, each named
# "fix N": every one reads what the engine made of the scenario (the replay ledger, the fulfilment
# series, the loaded N-party record), so a scenario that slides back fails here.  The facts are in
# docs/korea-facts.md (tags beside each check).
. "$(dirname "$0")/../tap.sh"
K=scenarios/korea
for s in six-party-2007 agreed-framework-1994 singapore-2018 russia-china-roadmap; do
  "$PARLEY" run "$K/$s.yaml" --runs 200 --seed 1 --threads 1 --out "$TMP/$s" >"$TMP/$s.txt" 2>"$TMP/$s.err" ||
    echo "# $s failed: $(cat "$TMP/$s.err")"
done
# led SCEN STEP COLUMN: one cell of the step's row in ledger.csv (by header name).
led() {
  awk -F, -v step="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $1 == step { print (col in h) ? $(h[col]) : "no-such-column"; exit }' "$TMP/$1/ledger.csv" 2>/dev/null
}
# ful SCEN DATE PARTY COLUMN: one cell of fulfilment.csv.
ful() {
  awk -F, -v d="$2" -v p="$3" -v col="$4" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $2 == d && $3 == p { print (col in h) ? $(h[col]) : "no-such-column"; exit }' "$TMP/$1/fulfilment.csv" 2>/dev/null
}
# is WHAT GOT WANT
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: got '$2', expected '$3'"; fi; }
# never SCEN PARTY VALUE: the party's fulfilment is never VALUE in any period
never() { ! awk -F, -v p="$2" -v v="$3" 'NR > 1 && $3 == p && $4 == v { f = 1 } END { exit !f }' "$TMP/$1/fulfilment.csv"; }

# ---- drills-and-launches (N-party record, a month a period, built from the dated events) ----
dl=$K/drills-and-launches.yaml
"$PARLEY" run "$dl" --runs 20 --threads 1 --out "$TMP/dl" >"$TMP/dl.txt" 2>"$TMP/dl.err"
check "fix 1-2: drills-and-launches loads and runs with the corrected record" [ -s "$TMP/dl/results.json" ]
# rec MONTH PARTY: "action|source" of the record the run was fed (record.csv)
rec() { python3 -c "
import csv,sys
for r in csv.DictReader(open('$TMP/dl/record.csv')):
    if r['period']==sys.argv[1] and r['party']==sys.argv[2]: print(r['action']+'|'+r['source'])" "$1" "$2"; }
check "fix 1: 2019-05 codes the DPRK as launching (SRBMs 2019-05-04, 05-09) [K1-K4]" grep -qE '^launch\|.*\[K1\].*\[K4\]' <<<"$(rec 2019-05 DPRK)"
check "fix 1: 2019-07 and 2019-08 code the DPRK as launching (07-25, 07-31, 08-06) [K5-K9]" \
  bash -c "grep -qE '^launch\|.*\[K5\]' <<<'$(rec 2019-07 DPRK)' && grep -qE '^launch\|.*\[K9\]' <<<'$(rec 2019-08 DPRK)'"
check "fix 1: no month from 2019-05 on is coded 'refrain' for the DPRK (the moratorium covered tests and ICBMs only) [G2]" python3 -c "
import csv
bad=[r['period'] for r in csv.DictReader(open('$TMP/dl/record.csv')) if r['party']=='DPRK' and r['period']>='2019-05' and r['action']=='refrain']
assert not bad, bad"
check "fix 2: 2022-05 records the China-Russia veto of 2022-05-26 as relief, not enforcement [K10]" \
  bash -c "grep -qE '^relief\|.*\[K10\]' <<<'$(rec 2022-05 China)' && grep -qE '^relief\|.*\[K10\]' <<<'$(rec 2022-05 Russia)'"
check "fix 2: a profile where China and Russia do not answer launches with enforcement" grep -q 'id: council_split' "$dl"

# ---- russia-china-roadmap ----
is "fix 3: the roadmap's moratorium (nuclear and ballistic missile tests) is never complete" "$(led russia-china-roadmap MORATORIUM completed)" ""
is "fix 3: ...and the 2019-05-04 SRBM launches break it [K1-K3]" "$(led russia-china-roadmap MORATORIUM first_reversed)" "2019-05"
is "fix 4: the 2019 draft never voted is not relief started [H6]" "$(led russia-china-roadmap RELIEF-PART started)" ""
is "fix 4: ...so relief is not under way at the end" "$(led russia-china-roadmap RELIEF-PART state_at_end)" "not_due"
is "fix 5: the ROK's 2018 suspension of exercises is recorded [J1][J2]" "$(led russia-china-roadmap EXERCISES-ROK completed)" "2018-06"
is "fix 5: ROK fulfilment at 2018-12 is 1, not 0" "$(ful russia-china-roadmap 2018-12 ROK fulfilment)" "1"
is "fix 6: Singapore (a US-DPRK summit) is not the roadmap's talks" "$(led russia-china-roadmap TALKS started)" ""
check "fix 6: China is never shown at 0 % for the talks" never russia-china-roadmap CN 0

# ---- singapore-2018 ----
for s in YONGBYON TEST-PLEDGE RELIEF-5 ENRICH-2; do
  is "fix 7: the Hanoi offer's $s was never agreed: not charged" "$(led singapore-2018 $s state_at_end)" "not_agreed"
done
is "fix 7: the DPRK's fulfilment at 2019-12 counts only what it agreed (moratorium, remains, test site)" \
  "$(ful singapore-2018 2019-12 DPRK fulfilment)" "1"
is "fix 8: Singapore gives the UNSC relief to the Security Council" "$(led singapore-2018 RELIEF-5 actor)" "UNSC"
is "fix 8: ...as the roadmap does" "$(led russia-china-roadmap RELIEF-PART actor)" "UNSC"

# ---- six-party-2007 ----
is "fix 9: the first 50,000 t has a starting deadline ('commence within 60 days') [D3]" "$(led six-party-2007 IA-5P-1 start_by)" "2007-04"
is "fix 9: ...the first tanker 2007-07-14 is 3 months late, not 5 [D9]" "$(led six-party-2007 IA-5P-1 late_by)" "3"
is "fix 10: the working groups, confirmed implemented at the September 2007 session [E1]" "$(led six-party-2007 IA-WG state_at_end)" "done"
is "fix 11: as written, the shutdown does not wait for the BDA transfer [D1]" "$(led six-party-2007 IA-DP-1 eligible)" "2007-02"
check "fix 11: as practised (the BDA precondition the DPRK added [C11]) is its own variant" \
  grep -q '^as_practised,' "$TMP/six-party-2007/variants.csv"
is "fix 12: IAEA barred from Yongbyon 2008-10-09 [F22][F40]" "$(led six-party-2007 IA-DP-2 first_reversed)" "2008-10"
is "fix 12: ...and restored from 2008-10-12 [F24]" "$(led six-party-2007 IA-DP-2 last_restored)" "2008-10"
is "fix 12: seal removal requested 2008-09-22 [F21] reverses the shutdown" "$(led six-party-2007 IA-DP-1 first_reversed)" "2008-09"
is "fix 13: Japan's unpaid share is 'not done', not 'nothing due' [E5][F34]" "$(led six-party-2007 AID-JP state_at_end)" "not_done"
is "fix 13: Japan's fulfilment at the end is 0, known" "$(ful six-party-2007 2009-06 JP fulfilment)" "0"
is "fix 14: Russia's tranches in 2008 are not in the record: unknown, not 0 % (due from 2008-09: not before 2007-10-03 [E1], 12 months)" "$(ful six-party-2007 2008-10 RU fulfilment)" "unknown"
check "fix 14: Russia is never shown at 0 %" never six-party-2007 RU 0
is "fix 14: US HFO in 2008-09, under way with no dated tranche: unknown" "$(ful six-party-2007 2008-09 US unknown)" "2"

# ---- agreed-framework-1994 ----
check "fix 15: KEDO is never shown at 0 % before the fuel oil is suspended (construction is due only when its 60 months are up)" \
  bash -c "! awk -F, 'NR > 1 && \$3 == \"KEDO\" && \$4 == \"0\" && \$2 < \"2002-11\"' '$TMP/agreed-framework-1994/fulfilment.csv' | grep -q ."
is "fix 15: the LWR project is due 60 months after it became eligible" "$(led agreed-framework-1994 LWR-BUILD due_basis)" "duration"
is "fix 16: the supply contract was signed 1995-12-15 in New York [K13]" "$(led agreed-framework-1994 AF-US-1a completed)" "1995-12"
for s in AF-DP-CAN:DPRK AF-US-5:US AF-DP-5:DPRK AF-US-4:US AF-DP-4:DPRK; do
  is "fix 17: ${s%%:*} is encoded for ${s#*:}" "$(led agreed-framework-1994 ${s%%:*} actor)" "${s#*:}"
done
is "fix 18: heavy fuel oil is a rate, 500,000 t a year until the first LWR unit [A1][A4]" "$(led agreed-framework-1994 AF-US-2 due_basis)" "rate"
is "fix 18: ...deliveries after 1999-07 are not found: unknown, not zero" "$(ful agreed-framework-1994 2001-01 KEDO unknown)" "2"
# ---- unsc-resolutions: the claim of seed 002 tested against the record ----
u=$K/unsc-resolutions.yaml
"$PARLEY" run "$u" --runs 50 --threads 1 --out "$TMP/unsc" >"$TMP/unsc.txt" 2>&1
check "claim: the summary lists the DPRK's positive steps on the record [G2][G4][G13]" \
  grep -qF "The steps it counts, on the record: DP-MORATORIUM (DPRK) done 2018-04, reversed 2020-01; DP-TEST-SITE (DPRK) done 2018-05." "$TMP/unsc.txt"
check "claim: ...what they would have earned and when, on the seed's reading (not charged)" \
  grep -qF "What they would have earned: RELIEF-PARTIAL (UNSC), due 2018-07 on that reading; the agreement as agreed does not contain it" "$TMP/unsc.txt"
check "claim: ...that nothing came (the 2019 draft never put to a vote [H6])" \
  grep -qF "What came: nothing: RELIEF-PARTIAL is never done on the record (recorded missed 2019-12)." "$TMP/unsc.txt"
check "claim: ...what the review clause as paraphrased ties relief to (compliance, never on the record)" \
  grep -qF "RELIEF-COMPLY requires DP-COMPLY (DPRK) not done on the record (never earned on the record: nothing owed under it)" "$TMP/unsc.txt"
is "claim: verdict in results.json: 'never came' holds, 'owed' only under the seed's reading" \
  "$(python3 -c "import json; print(json.load(open('$TMP/unsc/results.json'))['replay']['claims'][0]['verdict'])")" "reading_only"
is "unsc: the demanded restraint is kept on the record until the 2009-04-05 launch, not 0 % from adoption [I1][F35]" \
  "$(awk -F, '$2 == "2007-06" && $3 == "DPRK" { print $4 }' "$TMP/unsc/fulfilment.csv")" "1"
is "unsc: ...and broken by it" "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next } $1 == "DP-NO-TEST" { print $(h["first_reversed"]) }' "$TMP/unsc/ledger.csv")" "2009-04"
check "claim: the report gives the test" grep -q "Verdict: &#39;never came&#39; holds on the record" "$TMP/unsc/report.html"
# the verdict follows the scenario: were partial lifting part of the resolutions as agreed, the record would support
# the claim; had it come, the record would contradict it; without the test-site closure it would not be earned
mkdir -p "$TMP/claim"
verdict() { "$PARLEY" run "$1" --runs 20 --threads 1 --out "$2" >/dev/null 2>&1; python3 -c "import json; print(json.load(open('$2/results.json'))['replay']['claims'][0]['verdict'])"; }
awk '/id: RELIEF-PARTIAL/ { on = 1 } on && /agreed: false/ { sub(/agreed: false/, "agreed: true"); on = 0 } { print }' "$u" >"$TMP/claim/agreed.yaml"
is "claim: owed under the steps as agreed -> supported" "$(verdict "$TMP/claim/agreed.yaml" "$TMP/claim/a")" "supported"
sed 's/step: RELIEF-PARTIAL, event: missed/step: RELIEF-PARTIAL, event: completed/' "$u" >"$TMP/claim/came.yaml"
is "claim: the lifting on the record -> came" "$(verdict "$TMP/claim/came.yaml" "$TMP/claim/c")" "came"
grep -v 'step: DP-TEST-SITE, event: completed' "$u" >"$TMP/claim/unearned.yaml"
is "claim: the test site not closed on the record -> unearned" "$(verdict "$TMP/claim/unearned.yaml" "$TMP/claim/u")" "unearned"

# ---- the example of docs/agreements.md: one step in each state ----
ex=$RESOURCES/agreement/replay_states.yaml
"$PARLEY" run "$ex" --runs 50 --threads 1 --out "$TMP/ex" >/dev/null 2>&1
is "docs example: A in 2025-06 is 0.5 of 2 known, 1 unknown (partial)" \
  "$(awk -F, '$2 == "2025-06" && $3 == "A" { print $4, $8, $9, $10, $11 }' "$TMP/ex/fulfilment.csv")" "0.5 3 2 1 partial"
is "docs example: B in 2025-05 is unknown" "$(awk -F, '$2 == "2025-05" && $3 == "B" { print $4 }' "$TMP/ex/fulfilment.csv")" "unknown"
is "docs example: B in 2025-09 is 40,000 of 60,000 t due" "$(awk -F, '$2 == "2025-09" && $3 == "B" { print $4 }' "$TMP/ex/fulfilment.csv")" "0.6666666666666666"
is "docs example: the offer is never charged" "$(awk -F, '$1 == "offer" { print $21 }' "$TMP/ex/ledger.csv")" "not_agreed"
is "docs example: liaison, refused, not done" "$(awk -F, '$1 == "liaison" { print $21 }' "$TMP/ex/ledger.csv")" "not_done"
echo "1..$tap_n"
