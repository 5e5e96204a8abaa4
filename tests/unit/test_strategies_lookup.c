// SPDX-License-Identifier: MIT
/* test_strategies_lookup.c — the lookup-table strategies: the engine plays
 * them as an independent reading of their tables says (keys enumerated the way
 * Axelrod-Python enumerates them), hand-derived openings, and independence
 * from the payoffs and the match length; the gamblers: their tables equal the
 * reference's file, and the share of C at a key is the table's probability. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"
#include "strategies/lookup_table.h"
#include "strategies/data/lookup_tables.h"
#include "strategies/data/gambler_tables.h"
#include "resource_testing.h"

static const struct {
    const char *id;
    const pl_lookup *L;
} tables[] = {
    {"evolved_lookerup_1_1_1", &lookup_evolved_1_1_1},
    {"evolved_lookerup_2_2_2", &lookup_evolved_2_2_2},
    {"winner12", &lookup_winner12},
    {"winner21", &lookup_winner21},
};
#define N_TABLES (sizeof tables / sizeof *tables)

/* every match of these tests is played with this seed */
#define MATCH_SEED 11

/* The i-th string of C/D of length n in lexicographic order with C < D (itertools.product). */
static void nth_word(int i, int n, char *out)
{
    for (int k = n - 1; k >= 0; k--, i /= 2) out[k] = (i % 2) ? 'D' : 'C';
    out[n] = 0;
}

/* The move a table gives for a key, found by enumerating the keys as Axelrod
 * does (own plays outermost, then the opponent's plays, then its openings) and
 * searching for the key's three strings. */
static char table_move(const pl_lookup *L, const char *mine, const char *theirs, const char *opening)
{
    int ns = 1 << L->self_depth, no = 1 << L->op_depth, nf = 1 << L->open_depth, pos = 0;
    char a[8], b[8], c[8];
    for (int i = 0; i < ns; i++)
        for (int j = 0; j < no; j++)
            for (int k = 0; k < nf; k++, pos++) {
                nth_word(i, L->self_depth, a);
                nth_word(j, L->op_depth, b);
                nth_word(k, L->open_depth, c);
                if (!strcmp(a, mine) && !strcmp(b, theirs) && !strcmp(c, opening)) return L->pattern[pos];
            }
    fail_msg("key not found");
    return 0;
}

static void long_matches_follow_the_tables(void **state)
{
    (void)state;
    static const char *opponents[] = {"cooperator", "defector", "tft", "pun1", "raider", "tf1", "predator",
                                      "evolved_fsm_16_noise_05", "winner21", "evolved_lookerup_2_2_2"};
    enum { T = 2000 };
    char *sa = malloc(T + 1), *sb = malloc(T + 1);
    for (size_t i = 0; i < N_TABLES; i++) {
        const pl_lookup *L = tables[i].L;
        assert_int_equal(strlen(L->pattern), 1u << (L->self_depth + L->op_depth + L->open_depth));
        int depth = L->self_depth > L->op_depth ? L->self_depth : L->op_depth;
        if (L->open_depth > depth) depth = L->open_depth;
        for (size_t j = 0; j < sizeof opponents / sizeof *opponents; j++) {
            int n = st_play(tables[i].id, opponents[j], (st_match){.turns = T, .seed = MATCH_SEED}, sa, sb).turns;
            for (int t = 0; t < n; t++) {
                char want;
                if (t < depth) {
                    want = t < (int)strlen(L->first) ? L->first[t] : 'C';
                } else {
                    char mine[8], theirs[8], opening[8];
                    memcpy(mine, sa + t - L->self_depth, (size_t)L->self_depth), mine[L->self_depth] = 0;
                    memcpy(theirs, sb + t - L->op_depth, (size_t)L->op_depth), theirs[L->op_depth] = 0;
                    memcpy(opening, sb, (size_t)L->open_depth), opening[L->open_depth] = 0;
                    want = table_move(L, mine, theirs, opening);
                }
                if (sa[t] != want) fail_msg("%s vs %s: turn %d played %c, table says %c", tables[i].id, opponents[j], t,
                                            sa[t], want);
            }
        }
    }
    free(sa), free(sb);
}

static void hand_derived_openings(void **state)
{
    (void)state;
    char sa[21];
    /* Winner12 opens C, C; then (mine C, theirs D D) is entry 3 of CDCDDCDD: D, and (D, DD) entry 7: D. */
    st_play("winner12", "defector", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCDDD");
    st_play("winner12", "cooperator", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCC");
    /* Winner21 opens D, C whatever the opponent does. */
    st_play("winner21", "cooperator", (st_match){.turns = 2, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "DC");
    st_play("winner21", "defector", (st_match){.turns = 2, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "DC");
    /* EvolvedLookerUp1_1_1: C, then (C, D, opened D) is entry 3 of CDDDDCDD: D, then (D, D, D) entry 7: D. */
    st_play("evolved_lookerup_1_1_1", "defector", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CDDDD");
    st_play("evolved_lookerup_1_1_1", "cooperator", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCC");
    /* EvolvedLookerUp2_2_2 against TFT: the all-C key is entry 0 of its pattern, C. */
    st_play("evolved_lookerup_2_2_2", "tft", (st_match){.turns = 10, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCCCCCCC");
}

static void payoffs_and_match_length_do_not_matter(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_TABLES; i++) st_expect_blind_to_game_and_length(tables[i].id, "tf1", 400, MATCH_SEED);
}

static void registry_metadata(void **state)
{
    (void)state;
    static const struct { const char *axl; int depth; } expect[] = {
        {"EvolvedLookerUp1_1_1", -1}, {"EvolvedLookerUp2_2_2", -1}, {"Winner12", 2}, {"Winner21", 2}};
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        pl_strategy *s;
        pl_error err;
        assert_int_equal(pl_strategy_create(&s, expect[i].axl, &err), 0);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "lookup");
        assert_int_equal(in->memory_depth, expect[i].depth);
        assert_false(in->stochastic || in->uses_length || in->uses_game);
        assert_int_equal(in->n_params, 0);
        pl_strategy_free(s);
    }
}

/* The PSO Gamblers' tables equal tests/resources/axelrod-4.13/pso_gambler.csv. */
static void gambler_tables_equal_the_reference_file(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const pl_gambler *G;
    } rows[] = {{"PSO Gambler Mem1", &gambler_pso_mem1},
                {"PSO Gambler 1_1_1", &gambler_pso_1_1_1},
                {"PSO Gambler 2_2_2", &gambler_pso_2_2_2},
                {"PSO Gambler 2_2_2 Noise 05", &gambler_pso_2_2_2_noise_05}};
    char path[1024], line[8192];
    FILE *f = resource_open("axelrod-4.13/pso_gambler.csv", path, sizeof path);
    if (!f) fail_msg("cannot open %s", path);
    int seen = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        char *comma = strchr(line, ',');
        if (!comma) continue;
        *comma = '\0';
        const pl_gambler *G = NULL;
        for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
            if (!strcmp(line, rows[i].name)) G = rows[i].G;
        if (!G) fail_msg("%s: a gambler parley does not have: %s", path, line);
        char *p = comma + 1, *end;
        long d[3];
        for (int k = 0; k < 3; k++) {
            d[k] = strtol(p, &end, 10);
            p = end + 1;
        }
        assert_int_equal(d[0], G->self_depth);
        assert_int_equal(d[1], G->op_depth);
        assert_int_equal(d[2], G->open_depth);
        int n = 1 << (d[0] + d[1] + d[2]), k = 0;
        for (; k < n; k++) {
            double x = strtod(p, &end);
            if (end == p) break;
            if (x != G->prob[k]) fail_msg("%s: probability %d is %.17g in the file, %.17g in parley", line, k, x, G->prob[k]);
            p = *end == ',' ? end + 1 : end;
        }
        assert_int_equal(k, n);
        seen++;
    }
    fclose(f);
    assert_int_equal(seen, 4);
}

/* Keys as lookup_table.h orders them (own moves, then the other's, oldest first, C = 0). */
static void gamblers_draw_with_the_table_probability(void **state)
{
    (void)state;
    /* Mem1 against all C: key (C, C) = 0 has probability 1: C for ever, no draw */
    st_expect_moves("pso_gambler_mem1", "CCCCCCCCCC", "CCCCCCCCCC");
    /* against all D: key (C, D) = 1 at move 1 */
    st_expect_share("pso_gambler_mem1", "DD", 1, gambler_pso_mem1.prob[1]);
    /* ZD-Mem2: C, C, then key (C, C, D, D) = 3 against all D: 1/10; (C, C, C, C) = 0: 11/12 */
    st_expect_moves("zd_mem2", "DDD", "CC?");
    st_expect_share("zd_mem2", "DDD", 2, 1.0 / 10);
    st_expect_share("zd_mem2", "CCC", 2, 11.0 / 12);
    /* 1_1_1 against C first: key (C, C, C) = 0 at move 1 */
    st_expect_share("pso_gambler_1_1_1", "CC", 1, gambler_pso_1_1_1.prob[0]);
    /* 2_2_2: two C, then key (C,C, D,D, D,D) = 15 against all D */
    st_expect_share("pso_gambler_2_2_2", "DDD", 2, gambler_pso_2_2_2.prob[15]);
    st_expect_share("pso_gambler_2_2_2_noise_05", "DDD", 2, gambler_pso_2_2_2_noise_05.prob[15]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_matches_follow_the_tables),
        cmocka_unit_test(hand_derived_openings),
        cmocka_unit_test(payoffs_and_match_length_do_not_matter),
        cmocka_unit_test(registry_metadata),
        cmocka_unit_test(gambler_tables_equal_the_reference_file),
        cmocka_unit_test(gamblers_draw_with_the_table_probability),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
