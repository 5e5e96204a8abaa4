// SPDX-License-Identifier: MIT
/* match_expected.c — the expected scores of a match between two memory-one players.
 *
 * Two memory-one players (pl_strategy_def.memory_one) make a Markov chain on the last turn's
 * outcome (CC, CD, DC, DD): each one's chance of choosing C is read from its table by that
 * outcome, noise turns a chosen action into its opposite with probability `noise`, and the
 * two choose independently given the outcome.  Carrying the distribution over the four
 * outcomes turn by turn, and adding each turn's expected payoffs weighted by the chance the
 * match lasts to that turn, gives the expected scores exactly (up to rounding) without
 * playing a match.  Turn t (from 0) is played when the length L >= t + 1; with a
 * probabilistic end L is geometric on 1, 2, ... (match.c, pl_match_length), so that chance is
 * (1 - prob_end)^t, up to the cap `turns` when there is one. */
#include <math.h>
#include <string.h>

#include "twoparty/match_engine.h"
#include "strategies/registry.h"

/* A party's table in game g, or an error naming it. */
static int table(const pl_strategy *s, const pl_game *g, int side, double prob[5], pl_error *err)
{
    if (!s->def->memory_one || !s->def->memory_one(&s->params, g, side, prob))
        return pl_error_set(err, PL_EINVAL,
                            "expected values need two memory-one players (a first move and an answer to the last "
                            "turn, as TFT, GTFT, WSLS or the zero-determinant players): '%s' is not one",
                            pl_strategy_label(s));
    for (int k = 0; k < 5; k++)
        if (!(prob[k] >= 0 && prob[k] <= 1))
            return pl_error_set(err, PL_EINVAL, "'%s' has a probability %g outside [0, 1] in this game",
                                pl_strategy_label(s), prob[k]);
    return PL_OK;
}

int pl_match_expected(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg,
                      pl_match_expectation *out, pl_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = pl_match_config_check(cfg, err);
    if (rc) return rc;
    if ((rc = pl_strategy_check_game(a, cfg->game, err)) || (rc = pl_strategy_check_game(b, cfg->game, err)))
        return rc;
    const pl_game *g = cfg->game ? cfg->game : pl_game_standard();
    double pa[5], pb[5];
    if ((rc = table(a, g, 0, pa, err)) || (rc = table(b, g, 1, pb, err))) return rc;
    double n = cfg->noise, q = cfg->prob_end;
    /* the turns to carry: the cap, or (no cap) until the chance of lasting is below 1e-17 of the start */
    long last = cfg->turns > 0 ? cfg->turns : 0;
    if (q >= 1) last = 1;
    else if (q > 0 && cfg->turns == 0) {
        last = (long)ceil(log(1e-17) / log1p(-q)) + 1;
        if (last > 1000000000L) last = 1000000000L;
    }
    double dist[4] = {0, 0, 0, 0}; /* outcome of the last turn, A's action first: CC, CD, DC, DD */
    double alive = 1;              /* the chance the match lasts to this turn */
    for (long t = 0; t < last; t++) {
        double next[4];
        if (t == 0) {
            double ca = pa[0] * (1 - n) + (1 - pa[0]) * n, cb = pb[0] * (1 - n) + (1 - pb[0]) * n;
            next[0] = ca * cb, next[1] = ca * (1 - cb), next[2] = (1 - ca) * cb, next[3] = (1 - ca) * (1 - cb);
        } else {
            memset(next, 0, sizeof next);
            for (int x = 0; x < 2; x++)
                for (int y = 0; y < 2; y++) {
                    double w = dist[2 * x + y];
                    if (w == 0) continue;
                    double ca = pa[1 + 2 * x + y], cb = pb[1 + 2 * y + x]; /* each from its own side */
                    ca = ca * (1 - n) + (1 - ca) * n;
                    cb = cb * (1 - n) + (1 - cb) * n;
                    next[0] += w * ca * cb;
                    next[1] += w * ca * (1 - cb);
                    next[2] += w * (1 - ca) * cb;
                    next[3] += w * (1 - ca) * (1 - cb);
                }
        }
        memcpy(dist, next, sizeof dist);
        out->turns += alive;
        for (int x = 0; x < 2; x++)
            for (int y = 0; y < 2; y++) {
                double w = alive * dist[2 * x + y];
                out->score[0] += w * g->payoff[x][y][0];
                out->score[1] += w * g->payoff[x][y][1];
                if (x == 0) out->cooperations[0] += w;
                if (y == 0) out->cooperations[1] += w;
            }
        if (q > 0) alive *= 1 - q;
    }
    return PL_OK;
}
