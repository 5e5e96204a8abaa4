// SPDX-License-Identifier: MIT
/* cmd_strategies.c — `parley strategies`: the registry as a table, as JSON lines, or
 * as the Markdown of docs/strategies.md (generated so that the reference cannot
 * drift from the code: `make docs` rewrites it, a test compares it).  --nparty
 * lists the N-party strategies (parley/nparty.h) the same ways. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_flags.h"

static const char usage[] =
    "Usage: parley strategies [--json | --markdown] [--family NAME | --nparty]\n"
    "       parley strategies [--json] NAME...\n"
    "\n"
    "Lists every strategy parley can play: its id (what you type), its name, the\n"
    "Axelrod-Python name it matches, whether it draws random numbers, how many\n"
    "turns back it looks, and its parameters with their defaults.  Given names, it\n"
    "shows those strategies as named, parameters and transformers included: their\n"
    "label, the reference's name for them, whether they draw random numbers, their\n"
    "memory and whether they read the match length or the game.\n"
    "\n";
static const char after[] =
    "\n"
    "Name a strategy by id with parameters as id:key=value,key=value.  Every\n"
    "two-party strategy plays in N-party games too, lifted against an aggregate\n"
    "of the parties it watches (tft@any, tft@all, tft@majority, tft@2).\n"
    "\n"
    "Transformers wrap any strategy, as Axelrod-Python's strategy transformers do,\n"
    "and nest: KIND(STRATEGY[, ARGS]), e.g. dual(tft), flip(dual(tft)),\n"
    "noisy(grudger, 0.1), joss_ann(tft, 0.1, 0.2), initial(tft, DDC), final(tft, DD),\n"
    "apology(tft, D, C), grudge(tft, 2), retaliation(tft, 3), forgiver(grudger, 0.5),\n"
    "mixed(tft, 0.3, defector[, 0.2, cooperator]), nice(S), track_history(S),\n"
    "deadlock_breaking(S), retaliate_until_apology(S), identity(S).  The reference's\n"
    "names of transformed players are read too (\"Dual Tit For Tat\"); see\n"
    "docs/strategies.md.\n"
    "\n"
    "Examples:\n"
    "  parley strategies --family classic\n"
    "  parley strategies --json | grep '\"stochastic\":true'\n"
    "  parley strategies --nparty\n"
    "  parley strategies --markdown > strategies.md\n"
    "  parley strategies --json 'noisy(dual(tft), 0.1)'\n"
    "  parley match gtft:p=0.2 defector --turns 100\n";

/* What each family holds, for the headings of the reference; a family missing
 * here is shown by its name alone. */
static const struct {
    const char *family, *title;
} family_titles[] = {
    {"classic", "tit for tat and its kin, punishers, retaliators, win-stay lose-shift, random and memory-one players"},
    {"grudgers", "grudgers: players that do not forgive, or forgive slowly"},
    {"sequences", "fixed sequences and cycles"},
    {"memory", "memory-one and zero-determinant players"},
    {"axelrod_first", "the entries of Axelrod's first tournament (1980)"},
    {"axelrod_second", "the entries of Axelrod's second tournament (1980)"},
    {"finite_state", "finite-state machines"},
    {"lookup", "lookup-table players"},
    {"neural", "neural-network players"},
    {"hunters", "hunters: players that detect and exploit patterns"},
    {"misc", "other strategies"},
    {"learners", "players that learn from their payoffs during the match: Q-learners, Bush-Mosteller, Adaptors"},
    {"dbs", "DBS, the Derived Belief Strategy of Au & Nau (2006): it learns the opponent's rules, tells noise from a "
            "change of rule, and searches a tree of the learned policy; move for move as the reference"},
    {"darwin", "Darwin.  The reference keeps Darwin's genome (the move it should have made at each turn) on its "
               "class, carried from match to match for the life of the process, and classifies it as a cheat "
               "for it.  parley starts every match from the genome [C], as the reference's first match in a "
               "fresh process does, so that results do not depend on the order of matches or the number of "
               "threads; from that start Darwin plays as Tit For Tat"},
    {"meta", "the Meta players: each runs a team of the registry's strategies every turn and plays its "
             "majority, its minority, the move of its best scorer so far (Meta Winner: C if any of the best "
             "proposes C), the move of one of its best 8 % at random (the ensembles), or a random member's "
             "(Meta Mixer).  The team is every strategy of the reference that obeys the rules of a fair match "
             "and is not a Meta player, with its default parameters, filtered as the reference filters by "
             "memory depth (at most 1, finite, unbounded) or by randomness; the Axelrod names give the team "
             "sizes, equal to the reference's.  Each member sees the opponent's moves and, as its own history, "
             "the moves it proposed, as in the reference; its score is its proposal against the opponent's "
             "move.  The nice ones never defect before the opponent has.  Random members draw from the "
             "match's stream in team order, where the reference seeds each from its own generator, so a Meta "
             "player with a random team matches the reference in distribution; Meta Winner Deterministic "
             "replays it move for move.  Memory Decay plays Tit For Tat for 15 turns, then judges the "
             "opponent by a memory of its moves that decays at random"},
};

/* A table cell: '|' escaped, line breaks as spaces. */
static void md_cell(FILE *out, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '|') fputs("\\|", out);
        else if (*p == '\n' || *p == '\r') fputc(' ', out);
        else fputc(*p, out);
    }
}

static void md_params(FILE *out, const pl_param_info *params, int n_params)
{
    if (n_params == 0) fputs("—", out);
    for (int j = 0; j < n_params; j++) {
        const pl_param_info *p = &params[j];
        if (j) fputs("<br>", out);
        if (p->kind == PL_PARAM_ACTIONS) fprintf(out, "`%s=%s`", p->key, p->def_text ? p->def_text : "");
        else fprintf(out, "`%s=%g`", p->key, p->def);
        if (p->help) {
            fputs(": ", out);
            md_cell(out, p->help);
        }
    }
}

/* The N-party strategies as the last section of the reference. */
static void print_markdown_nparty(void)
{
    size_t n = pl_nstrategy_count();
    printf("\n## N-party strategies (%zu)\n\n"
           "For games of three or more parties (`kind: nparty` scenarios, [nparty.md](nparty.md)); `k` counts\n"
           "the units a player watches (a party, or a bloc counted as one), 0 = all of them.  Every two-party\n"
           "strategy plays there too, lifted against an aggregate of the units it watches (`tft@any`).\n"
           "`parley strategies --nparty` lists these (`src/strategies/nparty_strategies.c`).\n\n"
           "| id | name | random | parameters | reference |\n"
           "| --- | --- | --- | --- | --- |\n",
           n);
    for (size_t i = 0; i < n; i++) {
        const pl_nstrategy_info *in = pl_nstrategy_info_at(i);
        printf("| `%s` | ", in->id);
        md_cell(stdout, in->name);
        printf(" | %s | ", in->stochastic ? "yes" : "no");
        md_params(stdout, in->params, in->n_params);
        fputs(" | ", stdout);
        md_cell(stdout, in->reference);
        fputs(" |\n", stdout);
    }
}

/* The reference's strategies parley does not have yet, the section before the N-party one. */
static void print_markdown_missing(void)
{
    size_t n = pl_reference_count(), missing = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id;
        pl_reference_at(i, NULL, &id);
        missing += id == NULL;
    }
    printf("\n## Axelrod-Python strategies not in parley (%zu of %zu)\n\n"
           "The strategies of Axelrod-Python 4.13 (its `axelrod.all_strategies`) that no registry entry\n"
           "reproduces, by name and class; every other one is in the tables above, under its Axelrod\n"
           "name and class.  `tests/unit/test_reference_classifiers.c` compares the classifier of every\n"
           "one parley has with the reference's table and prints this list.\n\n"
           "The reference's classifier table also names nine players outside that list, which inspect or\n"
           "rewrite their opponent: Geller, Geller Cooperator, Geller Defector, Mind Reader, Protected Mind\n"
           "Reader, Mirror Mind Reader, Mind Bender, Mind Controller and Mind Warper.  Axelrod-Python 4.13\n"
           "does not ship them (no source, so nothing to reproduce), and they are not in parley: a parley\n"
           "strategy sees the match's histories, never its opponent's rule or state.  The classifier test\n"
           "names each and checks that the table marks it as a cheat.\n%s",
           missing, n, missing ? "\n" : "");
    for (size_t i = 0; i < n; i++) {
        const char *cls, *id;
        const char *name = pl_reference_at(i, &cls, &id);
        if (id) continue;
        fputs("- ", stdout);
        md_cell(stdout, name);
        printf(" (`%s`)\n", cls);
    }
}

static int print_markdown(const char *family)
{
    size_t n = pl_strategy_count(), total = 0, families = 0;
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (family && strcmp(in->family, family)) continue;
        total++;
        families += i == 0 || strcmp(pl_strategy_info_at(i - 1)->family, in->family);
    }
    printf("# Strategy reference\n"
           "\n"
           "<!-- Generated from the registry by `parley strategies --markdown`: do not edit by hand,\n"
           "     run `make docs`.  tests/e2e/docs_strategies.sh fails when this file is stale. -->\n"
           "\n"
           "parley has %zu strateg%s in %zu famil%s.  Name one on the command line by its id, with\n"
           "parameters as `id:key=value,key=value` (`gtft:p=0.1`), by its Axelrod-Python name\n"
           "(`\"Tit For Tat\"`), with the reference's own parameter values if you like (`\"GTFT: 0.1\"`,\n"
           "`\"First by Davis: 5\"`: values in the order of the parameters column), or by its\n"
           "Axelrod-Python class name (`TitForTat`).  `parley strategies --json` gives the same facts to\n"
           "programs.\n",
           total, total == 1 ? "y" : "ies", families, families == 1 ? "y" : "ies");
    if (!family)
        printf("\nThe last section lists the %zu N-party strategies, for games of three or more parties\n"
               "(`parley strategies --nparty`).\n",
               pl_nstrategy_count());
    printf("\n"
           "**How parley follows Axelrod-Python 4.13.**  A deterministic strategy plays move for move as\n"
           "the reference's does: `parley check-transcripts` replays the reference's 11325 recorded\n"
           "matches with no difference (the neural networks included: they reproduce the reference's\n"
           "integer truncation of the hidden layer, which `np.vectorize` causes when the first hidden\n"
           "value is negative).  A random one follows the reference's rule with draws from the match's\n"
           "own seeded stream, so it matches in distribution, not draw for draw.  Where the reference\n"
           "fixes something when a player is made, so does parley: GTFT's forgiveness 1/3 and\n"
           "Bush-Mosteller's aspiration 5/3 come from the standard game whatever the match's game.\n"
           "Zero-determinant parameters that no probabilities can enforce (in the standard game when\n"
           "the player is made, in the match's game when it starts) are refused with the reason, as the\n"
           "reference refuses them.  Random, Memory One, Cycler, Go By Majority and the other players\n"
           "whose classification depends on their parameters say so for the parameters given.\n");
    printf("\n"
           "## Transformers\n"
           "\n"
           "Any strategy, with its parameters, can be wrapped in a transformer, and transformers nest:\n"
           "`KIND(STRATEGY[, ARGUMENTS])`, e.g. `dual(tft)`, `noisy(grudger, 0.1)`, `flip(dual(tft))`,\n"
           "`joss_ann(\"First by Davis: 10\", 0.1, 0.2)`, up to 8 on one strategy.  They are\n"
           "Axelrod-Python 4.13's strategy transformers: the wrapped strategy always chooses first\n"
           "(its state moves on as in the reference), then the transformer may replace the action.\n"
           "A comma inside the parentheses does not separate players in a list\n"
           "(`--players \"tft,noisy(grudger, 0.1)\"`).  `parley strategies NAME...` shows a transformed\n"
           "player's label, the reference's name for it, and its classification.\n"
           "\n"
           "| transformer | form | arguments | what it does | reference's name |\n"
           "| --- | --- | --- | --- | --- |\n"
           "| flip | `flip(S)` | — | plays the opposite of S's action | Flipped S |\n"
           "| dual | `dual(S)` | — | asks S with its own history flipped and plays the opposite: the dual of S | Dual S |\n"
           "| noisy | `noisy(S[, noise])` | noise in [0, 1], default 0.05 | flips S's action with probability noise | Noisy S: noise |\n"
           "| forgiver | `forgiver(S, p)` | p in [0, 1] | when S defects, cooperates instead with probability p | Forgiving S: p |\n"
           "| nice | `nice(S)` | — | cooperates while the opponent has never defected | Nice S |\n"
           "| initial | `initial(S, SEQ)` | C/D string | plays SEQ first, then S | Initial S: [...] |\n"
           "| final | `final(S, SEQ)` | C/D string | plays SEQ on the last turns when the length is known | Final S: [...] |\n"
           "| track-history | `track_history(S)` | — | plays S (the reference records its actions) | HistoryTracking S |\n"
           "| deadlock-breaking | `deadlock_breaking(S)` | — | cooperates after the alternation (C,D),(D,C) or (D,C),(C,D) | DeadlockBreaking S |\n"
           "| grudge | `grudge(S, n)` | n >= 0 whole | defects for ever once the opponent has defected more than n times | Grudging S: n |\n"
           "| apology | `apology(S, MINE, THEIRS)` | C/D strings of one length | cooperates when the last turns were MINE and THEIRS | Apologizing S: [...], [...] |\n"
           "| mixed | `mixed(S, p, O[, p2, O2...])` | p in [0, 1], up to 4 pairs, sum <= 1 | with probability p plays a fresh O's move instead (O chosen by the p's) | Mutated S: ... |\n"
           "| joss-ann | `joss_ann(S, pc, pd)` | pc, pd in [0, 1] (scaled to add up to 1 when they exceed it) | cooperates with probability pc, defects with pd, else plays S | Joss-Ann S: (pc, pd) |\n"
           "| retaliation | `retaliation(S, n)` | n >= 1 whole | after each opponent defection defects, and n - 1 more times in all | Retaliating S: n |\n"
           "| retaliate-until-apology | `retaliate_until_apology(S)` (`rua`) | — | defects while the opponent's last action was D | RUA S |\n"
           "| identity | `identity(S)` | — | plays S | S |\n"
           "\n"
           "The reference's names are read too when they are simple: the prefixes without arguments\n"
           "(`\"Dual Tit For Tat\"`, `\"Flipped Grudger\"`) and with one number (`\"Noisy Grudger: 0.1\"`);\n"
           "a name the reference gives to one of its own strategies (`\"Forgiving Tit For Tat\"`,\n"
           "`\"Nice Average Copier\"`) stays that strategy.  The classification follows the reference's\n"
           "rules: noisy and forgiver make a player random unless their probability is 0 or 1; initial\n"
           "and final raise the memory to their sequence's length and final reads the match length;\n"
           "retaliation raises it to n and retaliate-until-apology to 1; Joss-Ann at (1, 0) or (0, 1)\n"
           "is a fixed player of memory 0 (its strategy is not asked), otherwise random; mixed is random\n"
           "unless its probabilities are 0 or one of them is 1.  Three differences from the reference,\n"
           "where its behaviour is an accident: its retaliation counter is one object shared by every\n"
           "player of every retaliating class (parley's is each player's own); its mixed transformer\n"
           "at probability 1 calls the mixed-in class's strategy without an instance, which works only\n"
           "for strategies like Cooperator and Defector (parley plays any); and its dual copies the\n"
           "whole history every turn, as parley's flips it in place: a dual costs time proportional to\n"
           "the turns played each turn, so it is slow in matches of a million turns.\n"
           "`tests/e2e/transformers.sh` replays 2098 of the reference's matches of transformed players\n"
           "move for move and compares 309 classifications (`tools/ref_transformers.py` makes them).\n");
    printf("\n"
           "Columns: **Axelrod name** is the name in the Axelrod-Python library (with its default\n"
           "parameters) whose behaviour the strategy reproduces, and under it the library's class name;\n"
           "**random** says whether it draws random numbers (from the match's own seeded stream) and\n"
           "**memory** how many past turns it looks at (∞: its whole history), both with the default\n"
           "parameters (as the reference, a strategy made with others says its own: `Random: 1` does not\n"
           "draw); **uses** says whether it reads the match length or the game's payoffs;\n"
           "**parameters** gives each key with its default.\n");
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (family && strcmp(in->family, family)) continue;
        if (i == 0 || strcmp(pl_strategy_info_at(i - 1)->family, in->family)) {
            size_t count = 0;
            for (size_t k = i; k < n && !strcmp(pl_strategy_info_at(k)->family, in->family); k++) count++;
            const char *title = NULL;
            for (size_t k = 0; k < sizeof family_titles / sizeof *family_titles; k++)
                if (!strcmp(family_titles[k].family, in->family)) title = family_titles[k].title;
            printf("\n## %s (%zu)\n\n", in->family, count);
            if (title) printf("The family `%s`: %s (`src/strategies/%s.c`).\n\n", in->family, title, in->family);
            printf("| id | name | Axelrod name | random | memory | uses | parameters | reference |\n"
                   "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        }
        printf("| `%s` | ", in->id);
        md_cell(stdout, in->name);
        fputs(" | ", stdout);
        if (in->axelrod_name) md_cell(stdout, in->axelrod_name);
        else fputs("—", stdout);
        if (in->class_name) printf("<br>`%s`", in->class_name);
        printf(" | %s | ", in->stochastic ? "yes" : "no");
        if (in->memory_depth < 0) fputs("∞", stdout);
        else printf("%d", in->memory_depth);
        printf(" | %s | ", in->uses_length && in->uses_game ? "length, game"
                           : in->uses_length              ? "length"
                           : in->uses_game                ? "game"
                                                          : "—");
        md_params(stdout, in->params, in->n_params);
        fputs(" | ", stdout);
        md_cell(stdout, in->reference);
        fputs(" |\n", stdout);
    }
    if (!family) {
        print_markdown_missing();
        print_markdown_nparty();
    }
    return EXIT_OK;
}

/* Each parameter's key with its default; NULL if any part could not be made (out of memory), so
 * the object built around it fails whole instead of silently lacking a key. */
static json_t *params_json(const pl_param_info *params, int n_params)
{
    json_t *o = json_object();
    for (int i = 0; o && i < n_params; i++) {
        const pl_param_info *p = &params[i];
        json_t *v = p->kind == PL_PARAM_ACTIONS ? json_string(p->def_text ? p->def_text : "")
                    : p->kind == PL_PARAM_INT   ? json_integer((json_int_t)p->def)
                                                : json_real(p->def);
        if (json_object_set_new(o, p->key, v) != 0) {
            json_decref(o);
            o = NULL;
        }
    }
    return o;
}

/* "key=default,key=default" for the table. */
static void params_text(char *buf, size_t size, const pl_param_info *params, int n_params)
{
    size_t k = 0;
    buf[0] = 0;
    for (int j = 0; j < n_params && k < size; j++) {
        const pl_param_info *p = &params[j];
        if (p->kind == PL_PARAM_ACTIONS)
            k += (size_t)snprintf(buf + k, size - k, "%s%s=%s", j ? "," : "", p->key, p->def_text);
        else
            k += (size_t)snprintf(buf + k, size - k, "%s%s=%g", j ? "," : "", p->key, p->def);
    }
}


static int print_nparty(int as_json)
{
    size_t n = pl_nstrategy_count();
    if (!as_json) printf("%-14s %-36s %-5s %s\n", "ID", "NAME", "RAND", "PARAMETERS");
    for (size_t i = 0; i < n; i++) {
        const pl_nstrategy_info *in = pl_nstrategy_info_at(i);
        if (as_json) {
            /* json_pack fails whole (NULL) if any member cannot be made */
            json_t *o = json_pack("{s:s,s:s,s:b,s:o,s:s?}", "id", in->id, "name", in->name, "stochastic",
                                  in->stochastic, "params", params_json(in->params, in->n_params), "reference",
                                  in->reference);
            if (cli_print_json_line("strategies", o)) return EXIT_ENV;
            continue;
        }
        char params[160];
        params_text(params, sizeof params, in->params, in->n_params);
        printf("%-14s %-36s %-5s %s\n", in->id, in->name, in->stochastic ? "yes" : "no", params);
    }
    if (!as_json)
        printf("\n%zu N-party strategies, for kind: nparty scenarios (docs/nparty.md). Every two-party\n"
               "strategy ('parley strategies') plays there too, lifted: tft@any, tft@all, tft@majority.\n",
               n);
    return EXIT_OK;
}

/* One strategy as JSON; NULL if any member could not be made (json_pack fails whole). */
static json_t *info_json(const pl_strategy_info *in)
{
    return json_pack("{s:s,s:s,s:s?,s:s?,s:s,s:b,s:o,s:b,s:b,s:o,s:s?}", "id", in->id, "name", in->name,
                     "axelrod_name", in->axelrod_name, "axelrod_class", in->class_name, "family", in->family,
                     "stochastic", in->stochastic, "memory_depth",
                     in->memory_depth < 0 ? json_null() : json_integer(in->memory_depth), "uses_match_length",
                     in->uses_length, "uses_game", in->uses_game, "params", params_json(in->params, in->n_params),
                     "reference", in->reference);
}

/* The strategies named on the command line, as made with their parameters and transformers. */
static int print_named(int n, char **names, int as_json)
{
    pl_strategy **made = calloc((size_t)n, sizeof *made);
    if (!made) {
        fputs("parley strategies: out of memory\n", stderr);
        return EXIT_ENV;
    }
    int rc = EXIT_OK;
    for (int i = 0; i < n && !rc; i++) { /* every name made before anything is printed */
        pl_error err;
        if (pl_strategy_create(&made[i], names[i], &err)) {
            fprintf(stderr, "parley strategies: %s\n", err.msg);
            rc = EXIT_USAGE;
        }
    }
    if (!rc && !as_json) printf("%-40s %-40s %-5s %-6s %s\n", "LABEL", "AXELROD NAME", "RAND", "MEMORY", "USES");
    for (int i = 0; i < n && !rc; i++) {
        const pl_strategy *s = made[i];
        const pl_strategy_info *in = pl_strategy_get_info(s);
        int depth = pl_strategy_memory_depth(s), stoch = pl_strategy_is_stochastic(s);
        const char *axl = pl_strategy_is_default(s) || in->family == NULL || !strcmp(in->family, "transformed")
                              ? in->axelrod_name
                              : NULL;
        if (as_json) {
            json_t *o = json_pack("{s:s,s:s?,s:s,s:b,s:o,s:b,s:b}", "label", pl_strategy_label(s), "axelrod_name", axl,
                                  "family", in->family, "stochastic", stoch, "memory_depth",
                                  depth < 0 ? json_null() : json_integer(depth), "uses_match_length", in->uses_length,
                                  "uses_game", in->uses_game);
            rc = cli_print_json_line("strategies", o);
        } else {
            char mem[16];
            if (depth < 0) strcpy(mem, "inf");
            else snprintf(mem, sizeof mem, "%d", depth);
            printf("%-40s %-40s %-5s %-6s %s\n", pl_strategy_label(s), axl ? axl : "-", stoch ? "yes" : "no", mem,
                   in->uses_length && in->uses_game ? "length, game"
                   : in->uses_length              ? "length"
                   : in->uses_game                ? "game"
                                                  : "-");
        }
    }
    for (int i = 0; i < n; i++) pl_strategy_free(made[i]);
    free(made);
    return rc;
}

int cmd_strategies(int argc, char **argv)
{
    int as_json = 0, as_markdown = 0, nparty = 0, n_args;
    const char *family = NULL;
    const cli_flag flags[] = {
        {"json", 0, CLI_FLAG_BOOL, &as_json, NULL, "one JSON object a line: id, name, axelrod_name, axelrod_class, family,\n"
         "stochastic, memory_depth (null = unbounded), params, reference"},
        {"markdown", 0, CLI_FLAG_BOOL, &as_markdown, NULL, "the strategy reference, a table per family (docs/strategies.md;\n"
         "'make docs' regenerates that file)"},
        {"family", 0, CLI_FLAG_TEXT, &family, "NAME", "only that family (classic, axelrod_first, finite_state, ...)"},
        {"nparty", 0, CLI_FLAG_BOOL, &nparty, NULL, "the N-party strategies instead, for games of three or more\n"
         "parties (kind: nparty scenarios, docs/nparty.md); with --json:\n"
         "id, name, stochastic, params, reference"},
        {0}};
    const cli_command cmd = {"strategies", usage, after, flags};
    int rc = cli_flags_parse(&cmd, argc, argv, &n_args);
    if (rc != CLI_GO) return rc;
    if (n_args > 0) {
        if (as_markdown || nparty || family)
            return cli_usage_error("strategies", "names go with --json or alone, not with --markdown, --nparty or --family");
        return print_named(n_args, argv + 1, as_json);
    }
    if (as_json && as_markdown) return cli_usage_error("strategies", "--json and --markdown: choose one");
    if (nparty && family)
        return cli_usage_error("strategies", "--family names a two-party family; --nparty lists the N-party strategies");
    if (nparty && as_markdown) {
        print_markdown_nparty();
        return EXIT_OK;
    }
    if (nparty) return print_nparty(as_json);
    size_t n = pl_strategy_count(), shown = 0;
    if (family) {
        int found = 0;
        for (size_t i = 0; i < n; i++) found |= !strcmp(pl_strategy_info_at(i)->family, family);
        if (!found) return cli_usage_error("strategies", "--family: no family named '%s'", family);
    }
    if (as_markdown) return print_markdown(family);
    if (!as_json)
        printf("%-28s %-36s %-44s %-5s %-6s %s\n", "ID", "NAME", "AXELROD NAME (CLASS)", "RAND", "MEMORY", "PARAMETERS");
    for (size_t i = 0; i < n; i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (family && strcmp(in->family, family)) continue;
        shown++;
        if (as_json) {
            if (cli_print_json_line("strategies", info_json(in))) return EXIT_ENV;
            continue;
        }
        char mem[16], params[160];
        if (in->memory_depth < 0) strcpy(mem, "inf");
        else snprintf(mem, sizeof mem, "%d", in->memory_depth);
        params_text(params, sizeof params, in->params, in->n_params);
        char axl[128];
        if (in->axelrod_name && in->class_name) snprintf(axl, sizeof axl, "%s (%s)", in->axelrod_name, in->class_name);
        else if (in->class_name) snprintf(axl, sizeof axl, "(%s)", in->class_name);
        else snprintf(axl, sizeof axl, "%s", in->axelrod_name ? in->axelrod_name : "-");
        printf("%-28s %-36s %-44s %-5s %-6s %s\n", in->id, in->name, axl, in->stochastic ? "yes" : "no", mem, params);
    }
    if (!as_json) printf("\n%zu strategies. Name one by its id, e.g. 'parley match tft defector'.\n", shown);
    return EXIT_OK;
}
