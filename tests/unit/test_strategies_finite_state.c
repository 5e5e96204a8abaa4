// SPDX-License-Identifier: MIT
/* test_strategies_finite_state.c — the finite-state strategies: their tables are
 * well formed, the engine plays them as their tables say over long matches, and
 * they ignore the payoffs and the match length. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"
#include "strategies/finite_state_machine.h"
#include "strategies/data/finite_state_machines.h"

static const struct {
    const char *id;
    const pl_fsm *m;
} machines[] = {
    {"fortress3", &fsm_fortress3}, {"fortress4", &fsm_fortress4}, {"predator", &fsm_predator},
    {"pun1", &fsm_pun1}, {"raider", &fsm_raider}, {"ripoff", &fsm_ripoff},
    {"solution_b1", &fsm_solution_b1}, {"solution_b5", &fsm_solution_b5}, {"thumper", &fsm_thumper},
    {"evolved_fsm_4", &fsm_evolved_fsm_4}, {"evolved_fsm_6", &fsm_evolved_fsm_6},
    {"evolved_fsm_16", &fsm_evolved_fsm_16}, {"evolved_fsm_16_noise_05", &fsm_evolved_fsm_16_noise_05},
    {"tf1", &fsm_tf1}, {"tf2", &fsm_tf2}, {"tf3", &fsm_tf3},
};
#define N_MACHINES (sizeof machines / sizeof *machines)

/* every match of these tests is played with this seed */
#define MATCH_SEED 7

static void tables_are_closed_from_the_start_state(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_MACHINES; i++) {
        const pl_fsm *m = machines[i].m;
        assert_true(m->first == PL_C || m->first == PL_D);
        assert_true(m->start >= 0 && m->start < m->n_states);
        /* every state reachable from the start is defined, and its edges stay in the table */
        int seen[64] = {0}, stack[64], top = 0;
        assert_true(m->n_states <= 64);
        seen[m->start] = 1;
        stack[top++] = m->start;
        while (top) {
            int s = stack[--top];
            if (!m->row[s].used) fail_msg("%s: state %d is reachable but undefined", machines[i].id, s);
            for (int a = 0; a < 2; a++) {
                const pl_fsm_edge *e = &m->row[s].on[a];
                assert_true(e->act == PL_C || e->act == PL_D);
                assert_true(e->next < m->n_states);
                if (!seen[e->next]) seen[e->next] = 1, stack[top++] = e->next;
            }
        }
    }
}

/* Replays a machine over the opponent's recorded actions: what it must have played. */
static void replay(const pl_fsm *m, const char *opp, int turns, char *out)
{
    int s = m->start;
    out[0] = m->first == PL_D ? 'D' : 'C';
    for (int t = 1; t < turns; t++) {
        const pl_fsm_edge *e = &m->row[s].on[opp[t - 1] == 'D'];
        s = e->next;
        out[t] = e->act == PL_D ? 'D' : 'C';
    }
    out[turns] = 0;
}

static void long_matches_follow_the_tables(void **state)
{
    (void)state;
    /* 3000 turns (15 times the reference length) against varied opponents */
    static const char *opponents[] = {"cooperator", "defector", "tft", "pun1", "raider", "tf1",
                                      "evolved_fsm_16_noise_05", "solution_b5", "predator"};
    enum { T = 3000 };
    char *sa = malloc(T + 1), *sb = malloc(T + 1), *want = malloc(T + 1);
    for (size_t i = 0; i < N_MACHINES; i++)
        for (size_t j = 0; j < sizeof opponents / sizeof *opponents; j++) {
            int n = st_play(machines[i].id, opponents[j], (st_match){.turns = T, .seed = MATCH_SEED}, sa, sb).turns;
            assert_int_equal(n, T);
            replay(machines[i].m, sb, T, want);
            if (strcmp(sa, want)) fail_msg("%s vs %s departs from its table", machines[i].id, opponents[j]);
        }
    free(sa), free(sb), free(want);
}

static void hand_derived_openings(void **state)
{
    (void)state;
    char sa[41];
    /* Pun1 opens D; against constant defection it alternates C, D from then on. */
    st_play("pun1", "defector", (st_match){.turns = 8, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "DCDCDCDC");
    /* Predator: C, then D for as long as the opponent cooperates. */
    st_play("predator", "cooperator", (st_match){.turns = 6, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CDDDDD");
    /* Evolved FSM 6 against a defector: a cycle of five moves, CDDDD. */
    st_play("evolved_fsm_6", "defector", (st_match){.turns = 15, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CDDDDCDDDDCDDDD");
    st_play("evolved_fsm_6", "cooperator", (st_match){.turns = 10, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CCCCCCCCCC");
    /* Fortress3 opens D and keeps defecting against an unconditional cooperator. */
    st_play("fortress3", "cooperator", (st_match){.turns = 6, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "DDDDDD");
    /* Thumper: C first, then D forever against a defector. */
    st_play("thumper", "defector", (st_match){.turns = 5, .seed = MATCH_SEED}, sa, NULL);
    assert_string_equal(sa, "CDDDD");
}

static void payoffs_and_match_length_do_not_matter(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_MACHINES; i++) st_expect_blind_to_game_and_length(machines[i].id, "tf2", 400, MATCH_SEED);
}

static void registry_metadata(void **state)
{
    (void)state;
    pl_strategy *s;
    pl_error err;
    static const struct { const char *axl; int depth; } expect[] = {
        {"Fortress3", 2}, {"Fortress4", 3}, {"Ripoff", 3}, {"SolutionB1", 2}, {"Predator", -1},
        {"Evolved FSM 16 Noise 05", -1}, {"Evolved FSM 6", -1}, {"TF3", -1},
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        assert_int_equal(pl_strategy_create(&s, expect[i].axl, &err), 0);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "finite_state");
        assert_int_equal(in->memory_depth, expect[i].depth);
        assert_false(in->stochastic);
        assert_false(in->uses_length);
        assert_false(in->uses_game);
        assert_int_equal(in->n_params, 0);
        pl_strategy_free(s);
    }
    assert_int_equal(pl_strategy_create(&s, "fortress3:x=1", &err), PL_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tables_are_closed_from_the_start_state),
        cmocka_unit_test(long_matches_follow_the_tables),
        cmocka_unit_test(hand_derived_openings),
        cmocka_unit_test(payoffs_and_match_length_do_not_matter),
        cmocka_unit_test(registry_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
