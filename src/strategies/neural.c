// SPDX-License-Identifier: MIT
/* neural.c — players driven by a small feed-forward neural network.
 *
 * One general player (ann_move) evaluates any network of neural_network.h on 17
 * features of the match so far; each strategy is only its weights, kept in
 * data/neural_weights.h.  Behaviour follows Axelrod-Python 4.13
 * (axelrod/strategies/ann.py): hidden = relu(W x + b), output = v . hidden,
 * cooperate exactly when output > 0, with the reference's integer truncation of
 * the hidden layer (see ann_output). */
#include "strategies/strategy_def.h"
#include "strategies/neural_network.h"
#include "strategies/data/neural_weights.h"

/* The 17 inputs, in order: opponent's first move is C, is D; its second move is C,
 * is D; my last move is C, is D; my move before is C, is D; opponent's last move
 * is C, is D; its move before is C, is D (each 0 until that move exists); then the
 * opponent's cooperations and defections, mine, and the number of turns played. */
static void ann_features(const pl_view *v, double x[PL_ANN_FEATURES])
{
    const pl_history *me = v->me, *op = v->opp;
    int t = v->turn;
    for (int i = 0; i < 12; i++) x[i] = 0;
    if (t >= 1) {
        int o0 = pl_hist_at(op, 0), m1 = pl_hist_ago(me, 1), o1 = pl_hist_ago(op, 1);
        x[0 + o0] = 1;
        x[4 + m1] = 1;
        x[8 + o1] = 1;
    }
    if (t >= 2) {
        int o2nd = pl_hist_at(op, 1), m2 = pl_hist_ago(me, 2), o2 = pl_hist_ago(op, 2);
        x[2 + o2nd] = 1;
        x[6 + m2] = 1;
        x[10 + o2] = 1;
    }
    x[12] = pl_hist_coops(op);
    x[13] = op->n_defect;
    x[14] = pl_hist_coops(me);
    x[15] = me->n_defect;
    x[16] = t;
}

/* Evaluates the network: each hidden unit sums its weighted inputs, then adds its
 * bias (in that order, as numpy's bias + dot(W, x)), and is clipped at 0; the
 * output is the weighted sum of the hidden units.
 *
 * One detail is the reference's, reproduced on purpose: Axelrod-Python 4.13 clips
 * with np.vectorize(lambda x: max(x, 0)) (axelrod/strategies/ann.py, `relu`).
 * np.vectorize fixes the type of its result from the first element's: when the
 * first hidden value is negative, max returns the integer 0, the result array is
 * an integer one, and every hidden value of that turn is truncated toward zero
 * (2.7 becomes 2).  When the first is 0 or more, all stay exact.  Without this the
 * reference's moves are not reproduced (3 of its 150 Evolved ANN matches differ). */
static double ann_output(const pl_ann *n, const double *x)
{
    const double *in = n->w;
    const double *out = n->w + n->n_hidden * n->n_features;
    const double *bias = out + n->n_hidden;
    double h[PL_ANN_MAX_HIDDEN];
    for (int j = 0; j < n->n_hidden; j++) {
        double s = 0;
        for (int k = 0; k < n->n_features; k++) s += in[j * n->n_features + k] * x[k];
        h[j] = bias[j] + s;
    }
    int as_integers = h[0] < 0; /* max(x, 0) returned the int 0 for the first element */
    double y = 0;
    for (int j = 0; j < n->n_hidden; j++) {
        double v = h[j] < 0 ? 0 : h[j];
        if (as_integers) v = trunc(v);
        y += v * out[j];
    }
    return y;
}

/* A neural-network player: cooperates when the network's output is positive. */
static int ann_move(const pl_ann *n, const pl_view *v)
{
    double x[PL_ANN_FEATURES];
    ann_features(v, x);
    return ann_output(n, x) > 0 ? PL_C : PL_D;
}

#define ANN_PLAYER(ID)                                                        \
    static int ID##_move(void *s, const pl_params *p, const pl_view *v)       \
    {                                                                         \
        (void)s, (void)p;                                                     \
        return ann_move(&ann_##ID, v);                                        \
    }

/* Evolved ANN: network by Martin Jones, retrained in Axelrod-Python (Harper et al. 2017, PLOS ONE). */
ANN_PLAYER(evolved_ann)
/* Evolved ANN 5: Harper et al. (2017), PLOS ONE (network trained by evolution). */
ANN_PLAYER(evolved_ann_5)
/* Evolved ANN 5 Noise 05: the same shape, trained under 5 % noise (Harper et al. 2017). */
ANN_PLAYER(evolved_ann_5_noise_05)

#define HARPER17 "Harper et al. (2017), Reinforcement learning produces dominant strategies for the IPD, PLOS ONE"

const pl_strategy_def pl_family_neural[] = {
    {.id = "evolved_ann", .name = "Evolved ANN", .axelrod_name = "Evolved ANN",
     .reference = "M. Jones's evolved neural network, retrained in Axelrod-Python (pull request #1182, 2018); " HARPER17,
     .memory_depth = -1, .move = evolved_ann_move},
    {.id = "evolved_ann_5", .name = "Evolved ANN 5", .axelrod_name = "Evolved ANN 5", .reference = HARPER17,
     .memory_depth = -1, .move = evolved_ann_5_move},
    {.id = "evolved_ann_5_noise_05", .name = "Evolved ANN 5 Noise 05", .axelrod_name = "Evolved ANN 5 Noise 05",
     .reference = HARPER17, .memory_depth = -1, .move = evolved_ann_5_noise_05_move},
    {0}
};
