// SPDX-License-Identifier: MIT
/* agreement_validate.c — whole-model checks and the compiled form of a variant.
 *
 * The loader checks each entry as it reads it (types, ranges, names); what
 * needs the whole model lives here: a `requires` cycle in any variant, a step
 * that can never become due before the horizon, a required step nobody can
 * ever verify.  Compilation then turns a variant into bit sets and flat arrays
 * for the simulator; it assumes a model that passed validation. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "agreement/agreement.h"
#include "agreement/agreement_behaviour.h"
#include "io/yaml_doc.h"

static pl_bits effective_req(const pl_agreement *a, int v, int s)
{
    if (v >= 0 && a->variant[v].has_req[s]) return a->variant[v].req[s];
    pl_bits b = 0;
    for (int i = 0; i < a->step[s].n_req; i++) b |= PL_BIT(a->step[s].req[i]);
    return b;
}

static pl_ag_pos req_pos(const pl_agreement *a, int v, int s)
{
    if (v >= 0 && a->variant[v].has_req[s]) return a->variant[v].req_pos[s];
    return a->step[s].req_pos.line ? a->step[s].req_pos : a->step[s].pos;
}

int pl_ag_err_at(const pl_ydoc *d, pl_ag_pos p, pl_error *err, const char *fmt, ...)
{
    char msg[PL_ERROR_MSG_MAX - 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return pl_yerr(d, pl_ydoc_at(d, p.line, p.col), err, "%s", msg); /* no place kept: line 1 */
}

/* Depth-first search for a cycle; on finding one writes its path into msg. */
static int find_cycle(const pl_agreement *a, const pl_bits *req, int s, int *color, int *stack, int depth, char *msg,
                      size_t n, int *at)
{
    color[s] = 1;
    stack[depth] = s;
    for (pl_bits b = req[s]; b; b &= b - 1) {
        int r = __builtin_ctzll(b);
        if (color[r] == 1) {
            int k = 0;
            while (stack[k] != r) k++;
            size_t off = (size_t)snprintf(msg, n, "'requires' makes a cycle: ");
            for (int i = k; i <= depth && off < n; i++)
                off += (size_t)snprintf(msg + off, n - off, "%s requires ", a->step[stack[i]].id);
            if (off < n) snprintf(msg + off, n - off, "%s", a->step[r].id);
            *at = s;
            return 1;
        }
        if (color[r] == 0 && find_cycle(a, req, r, color, stack, depth + 1, msg, n, at)) return 1;
    }
    color[s] = 2;
    return 0;
}

void pl_ag_variant_requires(const pl_agreement *a, int v, pl_bits *req)
{
    for (int s = 0; s < a->n_steps; s++) req[s] = effective_req(a, v, s);
}

int pl_ag_requires_problem(const pl_agreement *a, const pl_bits *req, const char *where, char *msg, size_t n, int *at)
{
    int color[PL_AG_MAX_STEPS] = {0}, stack[PL_AG_MAX_STEPS + 1];
    for (int s = 0; s < a->n_steps; s++)
        if (!color[s] && find_cycle(a, req, s, color, stack, 0, msg, n, at)) {
            if (where) {
                size_t l = strlen(msg);
                snprintf(msg + l, n - l, " (in variant '%s')", where);
            }
            return 1;
        }
    /* Earliest period each step can start, in topological order (no cycle now). */
    int es[PL_AG_MAX_STEPS], ec[PL_AG_MAX_STEPS], done[PL_AG_MAX_STEPS] = {0}, left = a->n_steps;
    while (left) {
        for (int s = 0; s < a->n_steps; s++) {
            if (done[s]) continue;
            int ready = 1, start = a->step[s].not_before;
            for (pl_bits b = req[s]; b; b &= b - 1) {
                int r = __builtin_ctzll(b);
                if (!done[r]) {
                    ready = 0;
                    break;
                }
                const pl_ag_step *rs = &a->step[r];
                if (rs->ver_kind != PL_AG_VER_NONE && rs->p_confirm <= 0) {
                    snprintf(msg, n,
                             "step '%s' can never become due: it requires '%s', whose verification never confirms "
                             "(p_confirm is 0)",
                             a->step[s].id, rs->id);
                    *at = s;
                    return 2;
                }
                int seen = ec[r] + rs->v_delay + 1;
                if (seen > start) start = seen;
            }
            if (!ready) continue;
            es[s] = start;
            ec[s] = start + (a->step[s].duration > 1 ? a->step[s].duration : 1) - 1;
            done[s] = 1;
            left--;
            if (es[s] >= a->horizon) {
                snprintf(msg, n,
                         "step '%s' can never become due: the earliest it can start is period %d, at or past the "
                         "horizon of %d periods%s%s%s",
                         a->step[s].id, es[s], a->horizon, where ? " (in variant '" : "", where ? where : "",
                         where ? "')" : "");
                *at = s;
                return 3;
            }
        }
    }
    return 0;
}

int pl_ag_validate(const pl_ydoc *d, const pl_agreement *a, pl_error *err)
{
    char msg[700];
    for (int v = -1; v < a->n_variants; v++) {
        if (v < 0 && a->n_variants > 0) continue; /* the base is variant 0's starting point; checked through it */
        pl_bits req[PL_AG_MAX_STEPS];
        pl_ag_variant_requires(a, v, req);
        int at = -1, rc = pl_ag_requires_problem(a, req, v >= 0 && a->n_variants > 1 ? a->variant[v].id : NULL, msg,
                                                 sizeof msg, &at);
        if (!rc) continue;
        pl_ag_pos p = rc == 3 && a->step[at].not_before >= a->horizon ? a->step[at].pos : req_pos(a, v, at);
        if (rc == 2) /* a p_confirm of 0 that no line of the file holds (--set made it): the error names what did */
            for (pl_bits b = req[at]; b; b &= b - 1) {
                const pl_ag_step *r = &a->step[__builtin_ctzll(b)];
                if (r->ver_kind != PL_AG_VER_NONE && r->p_confirm <= 0) { /* the one pl_ag_requires_problem met first */
                    if (!r->p_confirm_pos.line && r->p_confirm_pos.col) p = r->p_confirm_pos;
                    break;
                }
            }
        return pl_ag_err_at(d, p, err, "%s", msg);
    }
    return PL_OK;
}

static void resolve_dist(const pl_agreement *a, const pl_ag_policy_dist *d, int p, pl_ag_compiled *c)
{
    double cum = 0;
    c->n_opt[p] = d->n;
    for (int i = 0; i < d->n; i++) {
        const pl_ag_policy_opt *o = &d->opt[i];
        cum += o->p;
        c->opt_cum[p][i] = i == d->n - 1 ? 1.0 : cum;
        c->opt[p][i].kind = o->kind;
        pl_bits set = o->steps;
        if (!o->steps_given) {
            set = 0;
            switch (o->kind) {
            case PL_POL_ALL_FIRST: /* every counterpart step that does not wait on one of ours */
                for (int s = 0; s < c->n_steps; s++)
                    if (!(c->own[p] & PL_BIT(s)) && !(c->req_closure[s] & c->own[p])) set |= PL_BIT(s);
                break;
            case PL_POL_GRIT: { /* our steps of the earliest phase we have */
                int first = 1 << 30;
                for (int s = 0; s < c->n_steps; s++)
                    if (c->own[p] & PL_BIT(s) && a->step[s].phase_index < first) first = a->step[s].phase_index;
                for (int s = 0; s < c->n_steps; s++)
                    if (c->own[p] & PL_BIT(s) && a->step[s].phase_index == first) set |= PL_BIT(s);
                break;
            }
            case PL_POL_HOLD: set = c->own[p]; break;
            default: break;
            }
        }
        c->opt[p][i].steps = set;
        c->opt[p][i].exempt = o->kind == PL_POL_ALL_FIRST && o->gates_given ? c->own[p] & ~o->gates : 0;
    }
}

void pl_ag_compile(const pl_agreement *a, int v, pl_ag_compiled *c)
{
    pl_bits req[PL_AG_MAX_STEPS];
    pl_ag_variant_requires(a, v, req);
    pl_ag_compile_requires(a, v, req, c);
}

void pl_ag_compile_requires(const pl_agreement *a, int v, const pl_bits *req, pl_ag_compiled *c)
{
    memset(c, 0, sizeof *c);
    c->n_steps = a->n_steps;
    c->n_parties = a->n_parties;
    c->n_shocks = a->n_shocks;
    c->horizon = a->horizon;
    for (int s = 0; s < a->n_steps; s++) {
        const pl_ag_step *st = &a->step[s];
        pl_bits b = PL_BIT(s);
        c->all |= b;
        if (st->core) c->core |= b;
        if (st->reversible) c->reversible |= b;
        if (st->paid_as_delivered) c->as_delivered |= b;
        c->req[s] = req[s];
        c->actor[s] = st->actor;
        c->own[st->actor] |= b;
        c->duration[s] = st->duration > 1 ? st->duration : 1;
        c->not_before[s] = st->not_before;
        c->quantity[s] = st->quantity;
        c->cost[s] = st->cost;
        c->reverse_cost[s] = st->reverse_cost;
        int any_flow = 0;
        for (int p = 0; p < a->n_parties; p++) {
            c->value_to[s][p] = st->value_to[p];
            c->flow_to[s][p] = st->flow_to[p];
            if (st->flow_to[p] != 0) any_flow = 1;
        }
        if (any_flow) c->has_flow |= b;
        if (st->flow_to[st->actor] < 0) c->neg_self_flow |= b;
        if (st->ver_kind == PL_AG_VER_NONE) {
            c->v_delay[s] = 0;
            c->p_confirm[s] = 1;
            c->p_false[s] = 0;
        } else {
            c->v_delay[s] = st->v_delay;
            c->p_confirm[s] = st->p_confirm;
            c->p_false[s] = st->p_false;
        }
        c->log_q_confirm[s] = c->p_confirm[s] < 1 ? log1p(-c->p_confirm[s]) : 0;
        c->log_q_false[s] = c->p_false[s] > 0 && c->p_false[s] < 1 ? log1p(-c->p_false[s]) : 0;
        if (c->p_false[s] > 0) c->has_false |= b;
        pl_ag_geo_make(&c->confirm_geo[s], c->p_confirm[s], c->log_q_confirm[s], c->horizon);
        pl_ag_geo_make(&c->false_geo[s], c->p_false[s], c->log_q_false[s], c->horizon);
    }
    /* Transitive closures: iterate to a fixed point (at most 64 rounds). */
    for (int s = 0; s < c->n_steps; s++) c->req_closure[s] = c->req[s];
    for (int changed = 1; changed;) {
        changed = 0;
        for (int s = 0; s < c->n_steps; s++) {
            pl_bits cl = c->req_closure[s];
            for (pl_bits b = c->req_closure[s]; b; b &= b - 1) cl |= c->req_closure[__builtin_ctzll(b)];
            if (cl != c->req_closure[s]) c->req_closure[s] = cl, changed = 1;
        }
    }
    for (int s = 0; s < c->n_steps; s++)
        for (int d = 0; d < c->n_steps; d++)
            if (c->req_closure[d] & PL_BIT(s)) c->dep_closure[s] |= PL_BIT(d);
    for (int s = 0; s < c->n_steps; s++) c->link[s] = (c->req_closure[s] | c->dep_closure[s]) & ~c->own[c->actor[s]];
    for (int p = 0; p < a->n_parties; p++) {
        const pl_ag_policy_dist *d = v >= 0 && a->variant[v].has_policy[p] ? &a->variant[v].policy[p] : &a->party[p].policy;
        resolve_dist(a, d, p, c);
    }
    for (int k = 0; k < a->n_shocks; k++) {
        const pl_ag_shock *sh = &a->shock[k];
        c->shock_p[k] = sh->p;
        c->shock_log_q[k] = sh->p < 1 ? log1p(-sh->p) : 0;
        c->shock_from[k] = sh->from;
        c->shock_until[k] = sh->until < 0 || sh->until >= a->horizon ? a->horizon - 1 : sh->until;
        c->shock_once[k] = sh->once;
        c->shock_reverse[k] = sh->reverse;
        for (int i = 0; i < sh->n_payoff; i++) c->shock_payoff[k][sh->payoff_party[i]] += sh->payoff[i];
        c->shock_n_flow[k] = sh->n_flow;
        for (int i = 0; i < sh->n_flow; i++) {
            c->shock_flow_step[k][i] = (signed char)sh->flow_step[i];
            c->shock_flow_party[k][i] = (signed char)sh->flow_party[i];
            c->shock_flow[k][i] = sh->flow[i];
            c->shock_flow_steps[k] |= PL_BIT(sh->flow_step[i]);
            c->flow_shocks[sh->flow_step[i]] |= 1u << k;
        }
        for (int p = 0; p < a->n_parties; p++) {
            c->shock_read_breach[k][p] = sh->read_breach[p];
            if (sh->read_breach[p]) c->ambiguous = 1;
        }
    }
    for (int s = 0; s < a->n_steps; s++)
        if (a->step[s].p_detect > 0) {
            c->covert |= PL_BIT(s);
            c->p_detect[s] = a->step[s].p_detect;
            c->log_q_detect[s] = a->step[s].p_detect < 1 ? log1p(-a->step[s].p_detect) : 0;
        }
    pl_ag_compile_behaviour(a, c);
}
