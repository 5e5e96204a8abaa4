/* SPDX-License-Identifier: MIT */
/* test_strategies_learners.c — the learning players (src/strategies/learners.c): the
 * Q-learners, Bush–Mosteller and the Adaptors, against scripted opponents, with the
 * probabilities of their first moves derived by hand from the reference's rules
 * (axelrod/strategies/qlearner.py, bush_mosteller.py, adaptor.py) and checked as shares
 * of C over many seeds; and what they learn against a defector. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy_testing.h"

static const char *const qlearners[] = {"risky_qlearner", "arrogant_qlearner", "hesitant_qlearner",
                                        "cautious_qlearner"};

static void metadata(void **state)
{
    (void)state;
    static const char *const names[] = {"Risky QLearner", "Arrogant QLearner", "Hesitant QLearner", "Cautious QLearner",
                                        "Bush Mosteller: 0.5, 0.5, 3.0, 0.5", "AdaptorBrief", "AdaptorLong"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        pl_strategy *s = st_make(names[i]);
        const pl_strategy_info *in = pl_strategy_get_info(s);
        assert_string_equal(in->family, "learners");
        assert_string_equal(pl_strategy_label(s), names[i]);
        assert_true(pl_strategy_is_stochastic(s));
        assert_int_equal(in->memory_depth, -1);
        assert_int_equal(in->uses_game, i < 5); /* the Adaptors' steps do not read the payoffs */
        pl_strategy_free(s);
    }
    /* c_prob = d_prob = 0 leaves no probability: refused, as the reference's division by 0 */
    pl_strategy *s = NULL;
    pl_error err;
    assert_int_equal(pl_strategy_create(&s, "Bush Mosteller: 0, 0, 3, 0.5", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "c_prob and d_prob"));
}

/* Q values start at 0: in a state never seen the larger Q is a tie, taken as C, with
 * probability 0.9, else a coin: C with 0.95.  Against all C every state is new (the
 * other's count of cooperations grows every move), so every move is C with 0.95. */
static void qlearners_in_new_states(void **state)
{
    (void)state;
    char o[64];
    st_script(o, "", 'C', 31);
    for (size_t i = 0; i < sizeof qlearners / sizeof *qlearners; i++) {
        st_expect_share(qlearners[i], "C", 0, 0.95);
        st_expect_share(qlearners[i], o, 30, 0.95);
    }
}

/* Against all D the other's count stays 0 and after 12 moves the state repeats: D pays
 * P = 1 and C pays S = 0, so once it has tried D there (a 5% chance a move) the larger Q
 * is D's for good (Q(C) tends to discount x V < V = Q(D)).  By move 150 it has almost
 * surely tried: C with about 0.05 (0.95^137 of never trying is negligible). */
static void qlearners_learn_to_defect_against_a_defector(void **state)
{
    (void)state;
    char o[160];
    st_script(o, "", 'D', 151);
    for (size_t i = 0; i < sizeof qlearners / sizeof *qlearners; i++) st_expect_share(qlearners[i], o, 150, 0.05);
}

/* Bush–Mosteller against all C: a coin first; after C (payoff 3, aspiration 5/3,
 * stimulus (3 - 5/3) / (5 - 5/3) = 0.4) c = 0.5 + 0.5 x 0.4 x 0.5 = 0.6: C with 0.6/1.1;
 * after D (payoff 5, stimulus 1) d = 0.75: C with 0.5/1.25 = 0.4. */
static void bush_mosteller_first_moves(void **state)
{
    (void)state;
    st_expect_share("bush_mosteller", "CC", 0, 0.5);
    st_expect_share("bush_mosteller", "CC", 1, 0.5 * (0.6 / 1.1) + 0.5 * 0.4);
    /* against D: after C (payoff 0, stimulus -0.5) c = 0.5 - 0.5 x 0.5 x 0.5 = 0.375:
     * 0.375/0.875; after D (payoff 1, stimulus -0.2) d = 0.5 - 0.5 x 0.2 x 0.5 = 0.45: 0.5/0.95 */
    st_expect_share("bush_mosteller", "DD", 1, 0.5 * (0.375 / 0.875) + 0.5 * (0.5 / 0.95));
    /* learning rate 0: the coin for ever */
    st_expect_share("bush_mosteller:learning_rate=0", "DDDDD", 4, 0.5);
}

/* The Adaptors: C with 0.99 while -1 <= s < 1.  AdaptorLong against D: after its C
 * (s = 1.888) 0.01, after its D (s = -0.996) 0.99; AdaptorBrief against D: after C
 * (s = -1.0015) 0.01, after D (s = -0.639) 0.99. */
static void adaptors(void **state)
{
    (void)state;
    st_expect_share("adaptor_long", "D", 0, 0.99);
    st_expect_share("adaptor_long", "DD", 1, 0.99 * 0.01 + 0.01 * 0.99);
    st_expect_share("adaptor_brief", "DD", 1, 0.99 * 0.01 + 0.01 * 0.99);
    /* against C nothing moves after CC (0); after DC AdaptorBrief's s = 0.992 < 1: 0.99 */
    st_expect_share("adaptor_brief", "CC", 1, 0.99);
    /* AdaptorLong after DC: s = 1.859 >= 1: 0.01 */
    st_expect_share("adaptor_long", "CC", 1, 0.99 * 0.99 + 0.01 * 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(metadata),
        cmocka_unit_test(qlearners_in_new_states),
        cmocka_unit_test(qlearners_learn_to_defect_against_a_defector),
        cmocka_unit_test(bush_mosteller_first_moves),
        cmocka_unit_test(adaptors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
