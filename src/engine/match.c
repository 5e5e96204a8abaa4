/* match.c — the repeated two-party game.
 *
 * One loop serves every caller: the `match` command, the tournament and the
 * evolutionary engines.  Order of random draws each turn, fixed so that results
 * are reproducible: A's move, B's move (each may draw from the stream), then
 * A's noise flip, then B's.  With a probabilistic end the length is the first
 * draw of the stream, as the geometric law ceil(log(1-u)/log(1-p)). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/match_engine.h"
#include "strategies/registry.h"

struct pl_match_result {
    pl_match_buf buf;
};

void pl_match_config_default(pl_match_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->turns = 200;
}

int pl_match_config_check(const pl_match_config *cfg, pl_error *err)
{
    if (cfg->turns < 0) return pl_error_set(err, PL_EINVAL, "turns must be 0 or more, got %d", cfg->turns);
    if (!(cfg->prob_end >= 0 && cfg->prob_end <= 1))
        return pl_error_set(err, PL_EINVAL, "the probability of ending must be in [0, 1], got %g", cfg->prob_end);
    if (!(cfg->noise >= 0 && cfg->noise <= 1))
        return pl_error_set(err, PL_EINVAL, "noise must be in [0, 1], got %g", cfg->noise);
    if (cfg->turns == 0 && cfg->prob_end == 0)
        return pl_error_set(err, PL_EINVAL, "a match needs a number of turns or a probability of ending");
    if (cfg->game && (cfg->game->n_row != 2 || cfg->game->n_col != 2))
        return pl_error_set(err, PL_EINVAL,
                            "two-party strategies play 2x2 games (C/D); a %dx%d game needs the N-party engine",
                            cfg->game->n_row, cfg->game->n_col);
    return PL_OK;
}

int pl_match_buf_init(pl_match_buf *b, int turns_hint)
{
    memset(b, 0, sizeof *b);
    b->state_cap = pl_registry_max_state();
    if (b->state_cap < 16) b->state_cap = 16;
    if (pl_history_init(&b->h[0], turns_hint) || pl_history_init(&b->h[1], turns_hint)) goto fail;
    b->state[0] = aligned_alloc(64, (b->state_cap + 63) / 64 * 64);
    b->state[1] = aligned_alloc(64, (b->state_cap + 63) / 64 * 64);
    if (!b->state[0] || !b->state[1]) goto fail;
    return PL_OK;
fail:
    pl_match_buf_free(b);
    return PL_ENOMEM;
}

void pl_match_buf_free(pl_match_buf *b)
{
    pl_history_free(&b->h[0]);
    pl_history_free(&b->h[1]);
    free(b->state[0]);
    free(b->state[1]);
    memset(b, 0, sizeof *b);
}

static int sample_length(pl_rng *rng, double prob_end, int cap)
{
    if (prob_end >= 1) return 1;
    double u = pl_rng_uniform(rng);
    double len = ceil(log(1 - u) / log(1 - prob_end));
    if (len < 1) len = 1;
    if (cap > 0 && len > cap) return cap;
    if (len > 1e9) len = 1e9;
    return (int)len;
}

int pl_match_run(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_buf *buf,
                 pl_error *err)
{
    pl_game std;
    const pl_game *g = cfg->game;
    if (!g) {
        pl_game_default(&std);
        g = &std;
    }
    pl_rng rng;
    pl_rng_init(&rng, cfg->seed, cfg->stream_a, cfg->stream_b);
    int length = cfg->prob_end > 0 ? sample_length(&rng, cfg->prob_end, cfg->turns) : cfg->turns;

    pl_history *ha = &buf->h[0], *hb = &buf->h[1];
    pl_history_clear(ha);
    pl_history_clear(hb);
    const pl_strategy_def *da = a->def, *db = b->def;
    memset(buf->state[0], 0, da->state_size ? da->state_size : 1);
    memset(buf->state[1], 0, db->state_size ? db->state_size : 1);
    if (da->init) da->init(buf->state[0], &a->params);
    if (db->init) db->init(buf->state[1], &b->params);

    pl_view va = {.length = cfg->prob_end > 0 ? -1 : length, .me = ha, .opp = hb, .game = g, .side = 0, .rng = &rng};
    pl_view vb = {.length = va.length, .me = hb, .opp = ha, .game = g, .side = 1, .rng = &rng};
    if (pl_history_reserve(ha, length) || pl_history_reserve(hb, length))
        return pl_error_set(err, PL_ENOMEM, "out of memory for a match of %d turns", length);
    double noise = cfg->noise;
    int (*move_a)(void *, const pl_params *, const pl_view *) = da->move;
    int (*move_b)(void *, const pl_params *, const pl_view *) = db->move;
    void *sa = buf->state[0], *sb = buf->state[1];
    const pl_params *pa = &a->params, *pb = &b->params;
    for (int t = 0; t < length; t++) {
        va.turn = vb.turn = t;
        int x = move_a(sa, pa, &va) & 1;
        int y = move_b(sb, pb, &vb) & 1;
        if (noise > 0) {
            if (pl_rng_bernoulli(&rng, noise)) x ^= 1;
            if (pl_rng_bernoulli(&rng, noise)) y ^= 1;
        }
        pl_history_push_unchecked(ha, x, g->payoff[x][y][0]);
        pl_history_push_unchecked(hb, y, g->payoff[x][y][1]);
    }
    return PL_OK;
}

int pl_match_play(const pl_strategy *a, const pl_strategy *b, const pl_match_config *cfg, pl_match_result **out,
                  pl_error *err)
{
    *out = NULL;
    int rc = pl_match_config_check(cfg, err);
    if (rc) return rc;
    pl_match_result *r = calloc(1, sizeof *r);
    if (!r) return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (pl_match_buf_init(&r->buf, cfg->turns > 0 ? cfg->turns : 256)) {
        free(r);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    rc = pl_match_run(a, b, cfg, &r->buf, err);
    if (rc) {
        pl_match_result_free(r);
        return rc;
    }
    *out = r;
    return PL_OK;
}

void pl_match_result_free(pl_match_result *r)
{
    if (!r) return;
    pl_match_buf_free(&r->buf);
    free(r);
}

int pl_match_result_turns(const pl_match_result *r) { return r->buf.h[0].len; }
int pl_match_result_action(const pl_match_result *r, int party, int t) { return pl_hist_at(&r->buf.h[party & 1], t); }
double pl_match_result_score(const pl_match_result *r, int party) { return r->buf.h[party & 1].score; }

void pl_match_result_actions(const pl_match_result *r, int party, char *buf)
{
    const pl_history *h = &r->buf.h[party & 1];
    for (int t = 0; t < h->len; t++) buf[t] = pl_hist_at(h, t) ? 'D' : 'C';
    buf[h->len] = '\0';
}
