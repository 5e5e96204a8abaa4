// SPDX-License-Identifier: MIT
/* finite_state.c — players driven by a finite-state machine.
 *
 * One general player (fsm_move) runs any machine of finite_state_machine.h;
 * each strategy below is only its table, kept in data/finite_state_machines.h.
 * Behaviour matches Axelrod-Python 4.13 (axelrod/strategies/finite_state_machines.py).
 * A hidden Markov model player (hmm_move) is the random kind of machine: its next
 * state is drawn from a row chosen by the other's last action, and its action is drawn
 * from the state's probability of cooperating (axelrod/strategies/hmm.py). */
#include "strategies/strategy_def.h"
#include "strategies/finite_state_machine.h"
#include "strategies/data/finite_state_machines.h"

typedef struct fsm_state {
    int s; /* current state of the machine */
} fsm_state;

/* A finite-state player: fixed first move, then one edge per turn chosen by the
 * opponent's last action (as seen after noise). */
static int fsm_move(const pl_fsm *m, fsm_state *st, const pl_view *v)
{
    if (v->turn == 0) {
        st->s = m->start;
        return m->first;
    }
    const pl_fsm_edge *e = &m->row[st->s].on[pl_hist_ago(v->opp, 1)];
    st->s = e->next;
    return e->act;
}

/* The machine as an automaton (strategies/automaton.h).  Its action at a turn hangs on the
 * edge taken, so a state of the automaton is a state of the machine with the other's last
 * action: 1 + 2 q + y plays the edge row[q].on[y]; 0 is the first turn. */
static int fsm_automaton(const pl_fsm *m, pl_automaton *a)
{
    if (1 + 2 * m->n_states > PL_AUTOMATON_MAX) return 0;
    a->n = 1 + 2 * m->n_states;
    a->cut[0] = m->first == PL_C ? UINT64_MAX : 0;
    for (int x = 0; x < 2; x++)
        for (int y = 0; y < 2; y++) a->next[0][2 * x + y] = (uint16_t)(1 + 2 * m->start + y);
    for (int q = 0; q < m->n_states; q++)
        for (int y = 0; y < 2; y++) {
            int s = 1 + 2 * q + y;
            const pl_fsm_edge *e = &m->row[q].on[y];
            a->cut[s] = e->act == PL_C ? UINT64_MAX : 0;
            for (int x = 0; x < 2; x++)
                for (int y2 = 0; y2 < 2; y2++) a->next[s][2 * x + y2] = (uint16_t)(1 + 2 * e->next + y2);
        }
    return 1;
}

#define FSM_PLAYER(ID)                                                        \
    static int ID##_move(void *s, const pl_params *p, const pl_view *v)       \
    {                                                                         \
        (void)p;                                                              \
        return fsm_move(&fsm_##ID, (fsm_state *)s, v);                        \
    }                                                                         \
    static int ID##_automaton(const pl_params *p, pl_automaton *a)            \
    {                                                                         \
        (void)p;                                                              \
        return fsm_automaton(&fsm_##ID, a);                                   \
    }

/* Fortress 3: W. Ashlock & D. Ashlock (2006), IEEE CEC, doi:10.1109/CEC.2006.1688322. */
FSM_PLAYER(fortress3)
/* Fortress 4: W. Ashlock & D. Ashlock (2006), IEEE CEC, doi:10.1109/CEC.2006.1688322. */
FSM_PLAYER(fortress4)
/* Predator: W. Ashlock & D. Ashlock (2006), IEEE CEC, doi:10.1109/CEC.2006.1688322. */
FSM_PLAYER(predator)
/* Pun1: Ashlock, Kim & Leahy (2006), Understanding representational sensitivity in the IPD with fingerprints. */
FSM_PLAYER(pun1)
/* Raider: Ashlock et al. (2014), IEEE FOCI, doi:10.1109/FOCI.2014.7007818. */
FSM_PLAYER(raider)
/* Ripoff: Ashlock & Kim (2008), Fingerprinting, IEEE Trans. Evol. Comput., doi:10.1109/TEVC.2008.920675. */
FSM_PLAYER(ripoff)
/* Solution B1: Ashlock et al. (2015), IEEE Trans. CIAIG, doi:10.1109/TCIAIG.2014.2326012. */
FSM_PLAYER(solution_b1)
/* Solution B5: Ashlock et al. (2015), IEEE Trans. CIAIG, doi:10.1109/TCIAIG.2014.2326012. */
FSM_PLAYER(solution_b5)
/* Thumper: Ashlock & Kim (2008), Fingerprinting, IEEE Trans. Evol. Comput., doi:10.1109/TEVC.2008.920675. */
FSM_PLAYER(thumper)
/* Evolved FSM 4: Harper et al. (2017), PLOS ONE (trained by evolution). */
FSM_PLAYER(evolved_fsm_4)
/* Evolved FSM 6: Harper et al. (2017), PLOS ONE (trained by evolution). */
FSM_PLAYER(evolved_fsm_6)
/* Evolved FSM 16: Harper et al. (2017), PLOS ONE (trained by evolution). */
FSM_PLAYER(evolved_fsm_16)
/* Evolved FSM 16 Noise 05: Harper et al. (2017), PLOS ONE (trained by evolution with 5% noise). */
FSM_PLAYER(evolved_fsm_16_noise_05)
/* TF1: trained by M. Harper to maximise Moran-process fixation (Axelrod-Python). */
FSM_PLAYER(tf1)
/* TF2: trained by M. Harper to maximise Moran-process fixation (Axelrod-Python). */
FSM_PLAYER(tf2)
/* TF3: trained by M. Harper to maximise Moran-process fixation (Axelrod-Python). */
FSM_PLAYER(tf3)

#define FSM_DEF(ID, NAME, AXL, REF, DEPTH)                                          \
    {.id = #ID, .name = NAME, .axelrod_name = AXL, .reference = REF, .memory_depth = DEPTH, \
     .state_size = sizeof(fsm_state), .move = ID##_move, .automaton = ID##_automaton}

#define ASHLOCK06B "W. Ashlock & D. Ashlock (2006), Changes in prisoner's dilemma strategies over evolutionary time, IEEE CEC"
#define ASHLOCK08 "Ashlock & Kim (2008), Fingerprinting: visualization and automatic analysis of prisoner's dilemma strategies, IEEE TEVC"
#define ASHLOCK15 "Ashlock et al. (2015), IEEE Trans. Comput. Intell. AI Games, doi:10.1109/TCIAIG.2014.2326012"
#define HARPER17 "Harper et al. (2017), Reinforcement learning produces dominant strategies for the IPD, PLOS ONE"
#define HARPER_MORAN "M. Harper, FSM trained for Moran-process fixation (Axelrod-Python; Harper et al. 2017, PLOS ONE)"

/* ---- hidden Markov model players ------------------------------------------ */

#define HMM_MAX_STATES 5
typedef struct pl_hmm {
    int n, start, first;                            /* states, initial state, first action */
    double on_c[HMM_MAX_STATES][HMM_MAX_STATES];   /* next-state probabilities after the other's C */
    double on_d[HMM_MAX_STATES][HMM_MAX_STATES];   /* ... after its D */
    double coop[HMM_MAX_STATES];                    /* probability of cooperating in each state */
} pl_hmm;

/* The next state from a row: the state with probability 1 without a draw (the reference
 * caches those rows), else one uniform draw against the running sum of the row (numpy's
 * choice). */
static int hmm_next(const double *row, int n, pl_rng *rng)
{
    for (int j = 0; j < n; j++)
        if (row[j] == 1) return j;
    double u = pl_rng_uniform(rng), sum = 0;
    for (int j = 0; j < n; j++) {
        sum += row[j];
        if (u < sum) return j;
    }
    return n - 1;
}

static int hmm_move(const pl_hmm *m, fsm_state *st, const pl_view *v)
{
    if (v->turn == 0) {
        st->s = m->start;
        return m->first;
    }
    st->s = hmm_next(pl_view_opp_last(v) == PL_C ? m->on_c[st->s] : m->on_d[st->s], m->n, v->rng);
    return pl_view_coop_with(v, m->coop[st->s]);
}

/* Evolved HMM 5: five hidden states trained by an evolutionary algorithm; Axelrod-Python,
 * original strategy by Marc Harper (axelrod/strategies/hmm.py, EvolvedHMM5). */
static const pl_hmm hmm_evolved_5 = {
    .n = 5, .start = 3, .first = PL_C,
    .on_c = {{1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}, {0, 1, 0, 0, 0}, {0.631, 0, 0, 0.369, 0}, {0.143, 0.018, 0.118, 0, 0.721}},
    .on_d = {{0, 1, 0, 0, 0}, {0, 0.487, 0.513, 0, 0}, {0, 0, 0, 0.590, 0.410}, {1, 0, 0, 0, 0}, {0, 0.287, 0.456, 0.146, 0.111}},
    .coop = {1, 0, 0, 1, 0.111},
};
static int evolved_hmm_5_move(void *s, const pl_params *p, const pl_view *v)
{
    (void)p;
    return hmm_move(&hmm_evolved_5, s, v);
}

const pl_strategy_def pl_family_finite_state[] = {
    FSM_DEF(fortress3, "Fortress3", "Fortress3", ASHLOCK06B, 2),
    FSM_DEF(fortress4, "Fortress4", "Fortress4", ASHLOCK06B, 3),
    FSM_DEF(predator, "Predator", "Predator", ASHLOCK06B, -1),
    FSM_DEF(pun1, "Pun1", "Pun1",
            "Ashlock, Kim & Leahy (2006), Understanding representational sensitivity in the IPD with fingerprints, IEEE SMC-C",
            -1),
    FSM_DEF(raider, "Raider", "Raider", "Ashlock et al. (2014), IEEE FOCI, doi:10.1109/FOCI.2014.7007818", -1),
    FSM_DEF(ripoff, "Ripoff", "Ripoff", ASHLOCK08, 3),
    FSM_DEF(solution_b1, "SolutionB1", "SolutionB1", ASHLOCK15, 2),
    FSM_DEF(solution_b5, "SolutionB5", "SolutionB5", ASHLOCK15, -1),
    FSM_DEF(thumper, "Thumper", "Thumper", ASHLOCK08, -1),
    FSM_DEF(evolved_fsm_4, "Evolved FSM 4", "Evolved FSM 4", HARPER17, -1),
    FSM_DEF(evolved_fsm_6, "Evolved FSM 6", "Evolved FSM 6", HARPER17, -1),
    FSM_DEF(evolved_fsm_16, "Evolved FSM 16", "Evolved FSM 16", HARPER17, -1),
    FSM_DEF(evolved_fsm_16_noise_05, "Evolved FSM 16 Noise 05", "Evolved FSM 16 Noise 05", HARPER17, -1),
    FSM_DEF(tf1, "TF1", "TF1", HARPER_MORAN, -1),
    FSM_DEF(tf2, "TF2", "TF2", HARPER_MORAN, -1),
    FSM_DEF(tf3, "TF3", "TF3", HARPER_MORAN, -1),
    {.id = "evolved_hmm_5", .name = "Evolved HMM 5", .axelrod_name = "Evolved HMM 5",
     .reference = "Axelrod-Python library, original strategy by Marc Harper (hidden Markov model trained by evolution)",
     .flags = PL_STOCHASTIC, .memory_depth = 5, .state_size = sizeof(fsm_state), .move = evolved_hmm_5_move},
    {0}
};

