# SPDX-License-Identifier: MIT
# transformers.sh — strategy transformers (dual(tft), noisy(grudger, 0.1), ...) play as the
# reference's do: every match of tests/resources/transformers/matches.jsonl (Axelrod-Python
# 4.13's transformers on 13 deterministic strategies and 12 nested chains against 7
# opponents, 60 turns, made by tools/ref_transformers.py) replays move for move; every
# transformed player's classifier (stochastic, memory depth, uses length, uses game) and
# name are the reference's; bad arguments are refused with exit 2 naming the argument;
# lists and tournaments take the syntax.
. "$(dirname "$0")/../tap.sh"
dir="$RESOURCES/transformers"
n=$(wc -l <"$dir/matches.jsonl")
out=$("$PARLEY" check-transcripts --min-checked "$n" "$dir/matches.jsonl" 2>&1); rc=$?
check "the reference's $n transformed matches replay with no difference (exit $rc)" [ "$rc" -eq 0 ]
case "$out" in *"$n checked, 0 mismatched, 0 skipped"*) ok "all $n checked, none skipped";; *) not_ok "summary: $(printf '%s' "$out" | tail -n 3)";; esac

# a transcript altered by one action is caught (the comparison can fail)
head -n 1 "$dir/matches.jsonl" | python3 -c '
import json, sys
m = json.loads(sys.stdin.readline())
a = m["a_actions"]
m["a_actions"] = ("D" if a[0] == "C" else "C") + a[1:]
print(json.dumps(m))' >"$TMP/bad.jsonl"
expect_exit 1 "a transcript with one action changed mismatches" "$PARLEY" check-transcripts "$TMP/bad.jsonl"

# classifiers and names, one call for every row of the table
tail -n +2 "$dir/classifiers.tsv" | cut -f1 >"$TMP/names.txt"
rows=$(wc -l <"$TMP/names.txt")
mapfile -t names <"$TMP/names.txt"
"$PARLEY" strategies --json "${names[@]}" >"$TMP/cls.jsonl" 2>"$TMP/cls.err"; rc=$?
check "parley strategies --json takes the $rows transformed names (exit $rc)" [ "$rc" -eq 0 ]
check "one line a name" [ "$(wc -l <"$TMP/cls.jsonl")" -eq "$rows" ]
# the reference names a mixed player's strategies by their Python classes ("<class ...>"):
# there only the classifier is compared
differ=$(python3 - "$dir/classifiers.tsv" "$TMP/cls.jsonl" <<'PY'
import json, sys
ref = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if not l.startswith("#")]
got = [json.loads(l) for l in open(sys.argv[2])]
bad = 0
for r, g in zip(ref, got):
    depth = -1 if g["memory_depth"] is None else g["memory_depth"]
    mine = (int(g["stochastic"]), depth, int(g["uses_match_length"]), int(g["uses_game"]))
    want = (int(r[2]), int(r[3]), int(r[4]), int(r[5]))
    if mine != want or ("<class" not in r[1] and g.get("axelrod_name") != r[1]):
        bad += 1
        print("# %s: parley %s %r, reference %s %r" % (r[0], mine, g.get("axelrod_name"), want, r[1]))
print(bad if len(ref) == len(got) else -1)
PY
)
printf '%s\n' "$differ" | sed '$d'
check "classifiers and names of all $rows transformed players are the reference's" [ "$(printf '%s\n' "$differ" | tail -n 1)" = 0 ]

# the reference's display names are read as names
expect_exit 0 "\"Dual Tit For Tat\" is dual(tft)" "$PARLEY" match "Dual Tit For Tat" alternator --turns 5
a=$("$PARLEY" match "Dual Tit For Tat" alternator --turns 12 --json 2>/dev/null | grep -o '"a_actions":"[CD]*"')
b=$("$PARLEY" match "dual(tft)" alternator --turns 12 --json 2>/dev/null | grep -o '"a_actions":"[CD]*"')
check "\"Dual Tit For Tat\" plays as dual(tft)" [ -n "$a" ] && [ "$a" = "$b" ]
a=$("$PARLEY" match "Noisy Grudger: 0.3" tft --turns 50 --seed 3 --json 2>/dev/null | grep -o '"a_actions":"[CD]*"')
b=$("$PARLEY" match "noisy(grudger, 0.3)" tft --turns 50 --seed 3 --json 2>/dev/null | grep -o '"a_actions":"[CD]*"')
check "\"Noisy Grudger: 0.3\" plays as noisy(grudger, 0.3)" [ -n "$a" ] && [ "$a" = "$b" ]
expect_exit 0 "the reference's own \"Forgiving Tit For Tat\" stays that strategy" "$PARLEY" strategies "Forgiving Tit For Tat"
case $("$PARLEY" strategies --json "Forgiving Tit For Tat") in *'"family":"transformed"'*) not_ok "Forgiving Tit For Tat is not forgiver(tft)";; *) ok "Forgiving Tit For Tat is not forgiver(tft)";; esac

# bad arguments: exit 2, the argument named
expect_exit 2 "noise above 1" "$PARLEY" match "noisy(tft, 1.5)" tft
expect_err_has "'noise' must be between 0 and 1" "the message names 'noise' and its range"
expect_exit 2 "a sequence with a letter other than C and D" "$PARLEY" match "initial(tft, CXD)" tft
expect_err_has "'sequence' must be a string of C and D" "the message names 'sequence'"
expect_exit 2 "apology sequences of two lengths" "$PARLEY" match "apology(tft, DD, C)" tft
expect_err_has "must be of one length" "the message says the lengths differ"
expect_exit 2 "a negative grudge count" "$PARLEY" match "grudge(tft, -1)" tft
expect_err_has "'grudges' must be between 0" "the message names 'grudges'"
expect_exit 2 "retaliation 0" "$PARLEY" match "retaliation(tft, 0)" tft
expect_err_has "'retaliations' must be between 1" "the message names 'retaliations'"
expect_exit 2 "a fractional grudge count" "$PARLEY" match "grudge(tft, 1.5)" tft
expect_err_has "'grudges' must be a whole number" "the message says whole number"
expect_exit 2 "mixed probabilities above 1 in all" "$PARLEY" match "mixed(tft, 0.8, defector, 0.3, cooperator)" tft
expect_err_has "add up to 1.1" "the message gives the sum"
expect_exit 2 "joss_ann with one probability" "$PARLEY" match "joss_ann(tft, 0.1)" tft
expect_err_has "joss_ann(STRATEGY, p_cooperate, p_defect)" "the message gives the form"
expect_exit 2 "an unknown transformer" "$PARLEY" match "twist(tft)" tft
expect_err_has "unknown transformer 'twist'" "the message names it"
expect_exit 2 "an unknown inner strategy" "$PARLEY" match "dual(tfx)" tft
expect_err_has "transformer dual: unknown strategy 'tfx'" "the message names the inner strategy"
expect_exit 2 "an empty inner strategy" "$PARLEY" match "dual()" tft
expect_err_has "expected a strategy to transform" "the message says what is expected"
expect_exit 2 "nine transformers on one strategy" "$PARLEY" match "flip(flip(flip(flip(flip(flip(flip(flip(flip(tft)))))))))" tft
expect_err_has "at most 8 transformers" "the message gives the limit"

# lists split at commas outside parentheses; a tournament of transformed players is deterministic
players="tft,noisy(grudger, 0.1),joss_ann(tft, 0.1, 0.2),mixed(tft, 0.3, defector),dual(memory_one:p_cc=1,p_cd=0.2),Omega TFT: 3, 8"
"$PARLEY" tournament --players "$players" --turns 100 --repetitions 5 --seed 4 --threads 1 --out "$TMP/t1" >/dev/null 2>&1; rc1=$?
"$PARLEY" tournament --players "$players" --turns 100 --repetitions 5 --seed 4 --threads 2 --out "$TMP/t2" >/dev/null 2>&1; rc2=$?
check "a tournament of transformed players runs" [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ]
check "it has the 6 players" [ "$(tail -n +2 "$TMP/t1/summary.csv" | wc -l)" -eq 6 ]
check "its results are byte-identical with 1 and 2 threads" cmp -s "$TMP/t1/summary.csv" "$TMP/t2/summary.csv"
check "the labels are in parley's syntax" grep -q '"noisy(Grudger, 0.1)"\|noisy(Grudger, 0.1)' "$TMP/t1/summary.csv"
