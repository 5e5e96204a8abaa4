// SPDX-License-Identifier: MIT
/* nparty_strategies.c — strategies written for N parties.
 *
 * Every two-party strategy of the registry can also play here, lifted against an
 * aggregate opponent (nparty_match.c does that); these are the rules that need
 * to see the parties one by one: how many cooperated, which ones, for how long.
 * Each rule's source is cited in the line above it.  A threshold k counts
 * watched units (parties or blocs); k = 0 means all of them. */
#include <math.h>
#include <stdio.h>

#include "core/stats.h"
#include "strategies/nparty_def.h"

/* k as given, or all units when 0, never more than there are. */
static int need_of(double k, const pl_nview *v)
{
    int need = (int)k;
    return need <= 0 || need > v->n_units ? v->n_units : need;
}

/* In a pairwise game the unit this action answers; -1 in one-action games. */
static int target_defected(const pl_nview *v)
{
    return v->target >= 0 && v->turn > 0 ? pl_hist_ago(v->units[v->target], 1) : 0;
}

/* Threshold tit for tat: cooperates first, then iff at least k watched cooperated last turn.
 * Boyd & Richerson (1988), The evolution of reciprocity in sizable groups, J. Theor. Biol. 132. */
static int ttft_move(void *s, const pl_params *p, const pl_nview *v)
{
    (void)s;
    if (v->turn == 0) return pl_nv_act(v, 0);
    return pl_nv_act(v, pl_nv_last_cooperating(v) < need_of(p->num[0], v));
}

/* Generous threshold tit for tat: as ttft, but forgives a shortfall with probability g.
 * Nowak & Sigmund (1992), Tit for tat in heterogeneous populations, Nature 355. */
static int gttft_move(void *s, const pl_params *p, const pl_nview *v)
{
    (void)s;
    if (v->turn == 0) return pl_nv_act(v, 0);
    if (pl_nv_last_cooperating(v) >= need_of(p->num[0], v)) return pl_nv_act(v, 0);
    return pl_nv_act(v, !pl_rng_bernoulli(v->rng, p->num[1]));
}

/* Contrite threshold tit for tat, by standing: a unit that defects when nobody else was in bad
 * standing loses its good standing; one that defects against a party in bad standing keeps it.
 * Cooperates iff at least k units are in good standing, and always while itself in bad standing
 * (it accepts the punishment its own mistake earned).  Sugden (1986), The Economics of Rights,
 * Co-operation and Welfare; Boyd (1989), Mistakes allow evolutionary stability, J. Theor. Biol. 136. */
typedef struct { uint32_t bad; int me_bad; } cttft_state;
static int cttft_move(void *st, const pl_params *p, const pl_nview *v)
{
    cttft_state *s = st;
    if (v->turn == 0) return pl_nv_act(v, 0);
    uint32_t bad = 0;
    for (int u = 0; u < v->n_units; u++)
        if (pl_hist_ago(v->units[u], 1) && !(s->me_bad || (s->bad & ~(1u << u)))) bad |= 1u << u;
    int me_bad = pl_hist_ago(v->me, 1) && !s->bad;
    s->bad = bad;
    s->me_bad = me_bad;
    if (me_bad) return pl_nv_act(v, 0);
    return pl_nv_act(v, v->n_units - __builtin_popcount(bad) < need_of(p->num[0], v));
}

/* Targeted reciprocity: in a pairwise game, tit for tat toward each party on what that party
 * did to it; in a one-action game, answers only the parties and blocs it watches (defects if
 * any of them defected), forgiving with probability g.  Trivers (1971), The evolution of
 * reciprocal altruism, Q. Rev. Biol. 46 (reciprocity directed at the partner). */
static int targeted_move(void *s, const pl_params *p, const pl_nview *v)
{
    (void)s;
    if (v->turn == 0) return pl_nv_act(v, 0);
    int d = v->target >= 0 ? target_defected(v) : v->last_defecting > 0;
    if (d && pl_rng_bernoulli(v->rng, p->num[0])) d = 0;
    return pl_nv_act(v, d);
}

/* Grim trigger: cooperates until, in some turn, at least k watched units defected; then defects
 * for ever.  Friedman (1971), A non-cooperative equilibrium for supergames, Rev. Econ. Stud. 38. */
typedef struct { int triggered; } grim_state;
static int ngrim_move(void *st, const pl_params *p, const pl_nview *v)
{
    grim_state *s = st;
    if (v->turn > 0 && v->last_defecting >= (p->num[0] <= 0 ? v->n_units : (int)p->num[0])) s->triggered = 1;
    if (v->target >= 0 && target_defected(v)) s->triggered = 1;
    return pl_nv_act(v, s->triggered);
}

/* Win-stay, lose-shift for N parties: repeats its last action when at least k watched units
 * cooperated (a win), else switches.  Kraines & Kraines (1989), Pavlov and the prisoner's
 * dilemma, Theory and Decision 26; Nowak & Sigmund (1993), Nature 364. */
static int nwsls_move(void *s, const pl_params *p, const pl_nview *v)
{
    (void)s;
    if (v->turn == 0) return pl_nv_act(v, 0);
    int last = pl_hist_ago(v->me, 1);
    int win = v->target >= 0 ? !target_defected(v) : pl_nv_last_cooperating(v) >= need_of(p->num[0], v);
    return pl_nv_act(v, win ? last : !last);
}

/* Soft majority over the group: cooperates while the watched units, all turns together, have
 * cooperated at least as often as they defected.  Axelrod (1984), The Evolution of Cooperation
 * (Soft Majority), counted over every watched unit. */
static int majority_move(void *s, const pl_params *p, const pl_nview *v)
{
    (void)s, (void)p;
    long coop = 0, def = 0;
    for (int u = 0; u < v->n_units; u++) {
        def += v->units[u]->n_defect;
        coop += pl_hist_coops(v->units[u]);
    }
    return pl_nv_act(v, def > coop);
}

/* Proportional (graded) response: escalates to the rung of its action ladder matching the share
 * of watched units that defected last turn.  Kahn (1965), On Escalation: Metaphors and Scenarios. */
static int proportional_move(void *s, const pl_params *p, const pl_nview *v)
{
    (void)s, (void)p;
    if (v->turn == 0 || v->n_units == 0) return 0;
    double share = (double)v->last_defecting / v->n_units;
    int level = (int)(share * v->defect_action + 0.5);
    return level > v->defect_action ? v->defect_action : level;
}

/* A reaction function estimated from dated events (nparty_events.c): after a period in which a
 * watched unit escalated, escalates with probability p1; otherwise with p0.  Each rate is known
 * as k successes in n monthly cases; every match draws it afresh from its posterior under a
 * uniform prior, Beta(k + 1, n - k + 1) (Bayes 1763; Laplace 1774), so the runs carry the
 * estimate's uncertainty, and turns it into a period's chance, 1 - (1 - p)^months (months taken
 * as independent).  draw = 0 plays the point estimates k / n instead. */
typedef struct { int drawn; double p1, p0; } estimated_state;
static double period_chance(double p, double months) { return 1 - pow(1 - p, months); }
static int estimated_move(void *st, const pl_params *p, const pl_nview *v)
{
    estimated_state *s = st;
    if (!s->drawn) {
        long k1 = (long)p->num[0], n1 = (long)p->num[1], k0 = (long)p->num[2], n0 = (long)p->num[3];
        double q1 = p->num[5] ? pl_stats_beta_int(v->rng, k1 + 1, n1 - k1 + 1) : (double)k1 / (double)n1;
        double q0 = p->num[5] ? pl_stats_beta_int(v->rng, k0 + 1, n0 - k0 + 1) : (double)k0 / (double)n0;
        s->p1 = period_chance(q1, p->num[4]);
        s->p0 = period_chance(q0, p->num[4]);
        s->drawn = 1;
    }
    int answered = v->turn > 0 && (v->target >= 0 ? target_defected(v) : v->last_defecting > 0);
    return pl_nv_act(v, pl_rng_bernoulli(v->rng, answered ? s->p1 : s->p0));
}
static int estimated_check(const pl_params *p, char *why, size_t len)
{
    if (p->num[0] > p->num[1] || p->num[2] > p->num[3]) {
        snprintf(why, len, "a rate's successes cannot exceed its cases (k1 <= n1 and k0 <= n0; got k1=%g n1=%g k0=%g n0=%g)",
                 p->num[0], p->num[1], p->num[2], p->num[3]);
        return 1;
    }
    if (!p->num[5] && (!p->num[1] || !p->num[3])) {
        snprintf(why, len, "draw=0 plays k/n, which needs cases (n1 and n0 at least 1)");
        return 1;
    }
    return 0;
}

#define K_PARAM(def_) {"k", PL_PARAM_INT, def_, NULL, 0, PL_NPARTY_MAX, "watched units needed (0 = all)"}

const pl_nstrategy_def pl_nstrategies[] = {
    {.id = "ttft", .name = "Threshold Tit For Tat",
     .reference = "Boyd & Richerson (1988), The evolution of reciprocity in sizable groups",
     .params = {K_PARAM(0)}, .move = ttft_move},
    {.id = "gttft", .name = "Generous Threshold Tit For Tat",
     .reference = "Nowak & Sigmund (1992), Tit for tat in heterogeneous populations", .flags = PL_STOCHASTIC,
     .params = {K_PARAM(0), {"g", PL_PARAM_REAL, 0.1, NULL, 0, 1, "probability of forgiving a shortfall"}},
     .move = gttft_move},
    {.id = "cttft", .name = "Contrite Threshold Tit For Tat",
     .reference = "Boyd (1989), Mistakes allow evolutionary stability in the repeated PD game",
     .params = {K_PARAM(0)}, .state_size = sizeof(cttft_state), .move = cttft_move},
    {.id = "targeted", .name = "Targeted Reciprocity",
     .reference = "Trivers (1971), The evolution of reciprocal altruism",
     .params = {{"g", PL_PARAM_REAL, 0, NULL, 0, 1, "probability of forgiving a defection"}}, .move = targeted_move},
    {.id = "ngrim", .name = "N-party Grim Trigger",
     .reference = "Friedman (1971), A non-cooperative equilibrium for supergames",
     .params = {{"k", PL_PARAM_INT, 1, NULL, 0, PL_NPARTY_MAX, "defecting units that trigger it (0 = all)"}},
     .state_size = sizeof(grim_state), .move = ngrim_move},
    {.id = "nwsls", .name = "N-party Win-Stay Lose-Shift",
     .reference = "Kraines & Kraines (1989), Pavlov and the prisoner's dilemma", .params = {K_PARAM(0)},
     .move = nwsls_move},
    {.id = "majority", .name = "Group Soft Majority", .reference = "Axelrod (1984), The Evolution of Cooperation",
     .move = majority_move},
    {.id = "proportional", .name = "Proportional Response", .reference = "Kahn (1965), On Escalation",
     .move = proportional_move},
    {.id = "estimated", .name = "Estimated Reaction",
     .reference = "a reaction function estimated from dated events, drawn from its Beta posterior (Laplace 1774)",
     .flags = PL_STOCHASTIC,
     .params = {{"k1", PL_PARAM_INT, 0, NULL, 0, 1000000, "escalations after a watched unit escalated (cases counted)"},
                {"n1", PL_PARAM_INT, 0, NULL, 0, 1000000, "cases after a watched unit escalated"},
                {"k0", PL_PARAM_INT, 0, NULL, 0, 1000000, "escalations otherwise"},
                {"n0", PL_PARAM_INT, 0, NULL, 0, 1000000, "cases otherwise"},
                {"months", PL_PARAM_REAL, 1, NULL, 0.001, 1200, "months in a period (the cases are months)"},
                {"draw", PL_PARAM_INT, 1, NULL, 0, 1, "1: draw each rate from its posterior every match; 0: k/n"}},
     .state_size = sizeof(estimated_state), .move = estimated_move, .check = estimated_check},
    {0}};

size_t pl_nstrategy_max_state(void)
{
    size_t m = 0;
    for (const pl_nstrategy_def *d = pl_nstrategies; d->id; d++)
        if (d->state_size > m) m = d->state_size;
    return m;
}

const pl_nstrategy_def *pl_nstrategy_find(const char *id, size_t len)
{
    for (const pl_nstrategy_def *d = pl_nstrategies; d->id; d++)
        if (strlen(d->id) == len && !strncmp(d->id, id, len)) return d;
    return NULL;
}
