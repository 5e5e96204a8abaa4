/* test_strategies_neural.c — the neural-network strategies: every move of long
 * matches equals an independent evaluation of the network on features counted
 * from the recorded play, the openings Axelrod-Python's own tests pin, and
 * independence from the payoffs and the match length. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"
#include "strategies/neural_network.h"
#include "strategies/data/neural_weights.h"

static const struct {
    const char *id;
    const pl_ann *n;
} nets[] = {
    {"evolved_ann_2018", &ann_evolved_ann},
    {"evolved_ann_5", &ann_evolved_ann_5},
};
#define N_NETS (sizeof nets / sizeof *nets)

/* every match of these tests is played with this seed */
#define MATCH_SEED 5

static int count(const char *s, int n, char c)
{
    int k = 0;
    for (int i = 0; i < n; i++) k += s[i] == c;
    return k;
}

/* The network's move at turn t, from the strings of play (features as listed in
 * Axelrod-Python's ann.py: opening moves, last two moves of each side, totals, turn). */
static char reference_move(const pl_ann *n, const char *me, const char *op, int t)
{
    double x[PL_ANN_FEATURES] = {0};
    if (t >= 1) {
        x[0] = op[0] == 'C', x[1] = op[0] == 'D';
        x[4] = me[t - 1] == 'C', x[5] = me[t - 1] == 'D';
        x[8] = op[t - 1] == 'C', x[9] = op[t - 1] == 'D';
    }
    if (t >= 2) {
        x[2] = op[1] == 'C', x[3] = op[1] == 'D';
        x[6] = me[t - 2] == 'C', x[7] = me[t - 2] == 'D';
        x[10] = op[t - 2] == 'C', x[11] = op[t - 2] == 'D';
    }
    x[12] = count(op, t, 'C'), x[13] = count(op, t, 'D');
    x[14] = count(me, t, 'C'), x[15] = count(me, t, 'D');
    x[16] = t;
    const double *w = n->w;
    double out = 0;
    for (int j = 0; j < n->n_hidden; j++) {
        double s = 0;
        for (int k = 0; k < n->n_features; k++) s += w[j * n->n_features + k] * x[k];
        s += w[n->n_hidden * n->n_features + n->n_hidden + j];
        out += (s > 0 ? s : 0) * w[n->n_hidden * n->n_features + j];
    }
    return out > 0 ? 'C' : 'D';
}

static void long_matches_follow_the_networks(void **state)
{
    (void)state;
    static const char *opponents[] = {"cooperator", "defector", "tft", "pun1", "raider", "tf1", "predator",
                                      "winner21", "evolved_lookerup_2_2_2", "evolved_ann_2018", "evolved_ann_5"};
    enum { T = 1000 };
    char *sa = malloc(T + 1), *sb = malloc(T + 1);
    for (size_t i = 0; i < N_NETS; i++) {
        assert_int_equal(nets[i].n->n_features, PL_ANN_FEATURES);
        assert_true(nets[i].n->n_hidden <= PL_ANN_MAX_HIDDEN);
        for (size_t j = 0; j < sizeof opponents / sizeof *opponents; j++) {
            int n = st_play(nets[i].id, opponents[j], (st_match){.turns = T, .seed = MATCH_SEED}, sa, sb).turns;
            for (int t = 0; t < n; t++) {
                char want = reference_move(nets[i].n, sa, sb, t);
                if (sa[t] != want)
                    fail_msg("%s vs %s: turn %d played %c, network says %c", nets[i].id, opponents[j], t, sa[t], want);
            }
        }
    }
    free(sa), free(sb);
}

static void openings_pinned_by_axelrod_tests(void **state)
{
    (void)state;
    char sa[16];
    /* axelrod/tests/strategies/test_ann.py (Axelrod-Python 4.13) */
    st_play("evolved_ann_2018", "cooperator", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCC");
    st_play("evolved_ann_2018", "defector", (st_match){.turns = 6, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CDDDDD");
    st_play("evolved_ann_2018", "tft", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCC");
    st_play("evolved_ann_5", "cooperator", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCC");
    st_play("evolved_ann_5", "defector", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CDDDD");
}

static void payoffs_and_match_length_do_not_matter(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_NETS; i++) st_expect_blind_to_game_and_length(nets[i].id, "tf2", 400, MATCH_SEED);
}

static void registry_metadata(void **state)
{
    (void)state;
    static const char *names[] = {"Evolved ANN (2018 weights)", "Evolved ANN 5"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        pl_strategy *s;
        pl_error err;
        assert_int_equal(pl_strategy_create(&s, names[i], &err), 0);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "neural");
        assert_int_equal(in->memory_depth, -1);
        assert_false(in->stochastic || in->uses_length || in->uses_game);
        pl_strategy_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_matches_follow_the_networks),
        cmocka_unit_test(openings_pinned_by_axelrod_tests),
        cmocka_unit_test(payoffs_and_match_length_do_not_matter),
        cmocka_unit_test(registry_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
