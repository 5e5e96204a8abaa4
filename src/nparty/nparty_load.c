// SPDX-License-Identifier: MIT
/* nparty_load.c — `parley run` for kind: nparty: the document becomes a model.
 *
 * Reads parties (with their action ladders), blocs, the stage game, a dated
 * record, policy profiles, a shock and an optional tournament; every problem is
 * reported at its file:line:col.  pl_run_nparty then hands each profile to the
 * runner (nparty_simulate.c), plays the tournament and calls the writers
 * (nparty_output.c, nparty_report.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nparty/nparty_engine.h"
#include "io/files.h"
#include "io/svg_chart.h"
#include "nparty/nparty_model.h"
#include "nparty/nparty_events.h"

/* ---- small helpers -------------------------------------------------------- */

int np_party_index(const np_model *m, const char *id)
{
    for (int i = 0; i < m->n; i++)
        if (!strcmp(m->party[i].id, id)) return i;
    return -1;
}

static int bloc_index(const np_model *m, const char *id)
{
    for (int b = 0; b < m->n_blocs; b++)
        if (!strcmp(m->bloc[b].id, id)) return b;
    return -1;
}

int np_action_index(const np_party *p, const char *name)
{
    for (int a = 0; a < p->n_actions; a++)
        if (!strcmp(p->action[a], name)) return a;
    return -1;
}

static void party_list_text(const np_model *m, char *buf, size_t len)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int i = 0; i < m->n && k < len; i++) k += (size_t)snprintf(buf + k, len - k, "%s%s", i ? ", " : "", m->party[i].id);
}

static void action_list_text(const np_party *p, char *buf, size_t len)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int a = 0; a < p->n_actions && k < len; a++) k += (size_t)snprintf(buf + k, len - k, "%s%s", a ? ", " : "", p->action[a]);
}

int np_need_party(const pl_ydoc *d, const np_model *m, const pl_ynode *at, const char *id, int *out, pl_error *err)
{
    *out = np_party_index(m, id);
    if (*out >= 0) return PL_OK;
    char list[256];
    party_list_text(m, list, sizeof list);
    return pl_yerr(d, at, err, "unknown party '%s'; the parties are: %s", id, list);
}

int np_need_action(const pl_ydoc *d, const np_party *p, const pl_ynode *at, const char *name, int *out, pl_error *err)
{
    *out = np_action_index(p, name);
    if (*out >= 0) return PL_OK;
    char list[256];
    action_list_text(p, list, sizeof list);
    return pl_yerr(d, at, err, "party %s has no action '%s'; its actions are: %s", p->id, name, list);
}

const char *np_model_keep(np_model *m, char *s)
{
    if (!s) return NULL;
    if (m->n_owned == m->cap_owned) {
        int nc = m->cap_owned ? 2 * m->cap_owned : 64;
        char **no = pl_realloc(m->owned, sizeof *no * (size_t)nc);
        if (!no) {
            pl_free(s);
            return NULL;
        }
        m->owned = no, m->cap_owned = nc;
    }
    return m->owned[m->n_owned++] = s;
}

int np_months_per_period(const np_model *m)
{
    static const struct { const char *name; int months; } units[] = {{"month", 1}, {"quarter", 3}, {"half-year", 6}, {"year", 12}};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (!strcmp(m->period_unit, units[k].name)) return units[k].months;
    return m->start_year && 12 % m->per_year == 0 ? 12 / m->per_year : 0;
}

/* "any" -> 1, "all" -> 0 (all members), "majority" -> -1, or a count. */
static int parse_rule(const pl_ydoc *d, const pl_ynode *n, int max, int *out, pl_error *err)
{
    if (n->kind == PL_Y_SCALAR && !n->quoted) {
        if (!strcmp(n->value, "any")) return *out = 1, PL_OK;
        if (!strcmp(n->value, "all")) return *out = 0, PL_OK;
        if (!strcmp(n->value, "majority")) return *out = -1, PL_OK;
        long k;
        pl_error tmp;
        if (!pl_ynode_int(d, n, "a rule", 1, max, &k, &tmp)) return *out = (int)k, PL_OK;
    }
    return pl_yerr(d, n, err, "expected any, all, majority or a count from 1 to %d", max);
}

/* ---- parties and blocs ---------------------------------------------------- */

/* `intensity: {unit: "thousand US troops", large_drill: 17.5}`: the amount of the unit each action
 * is (0 for the actions not named). */
static int load_intensity(const pl_ydoc *d, const pl_ynode *p, np_party *pa, pl_error *err)
{
    const pl_ynode *in = pl_ymap_get(p, "intensity");
    if (!in) return PL_OK;
    int rc;
    if ((rc = pl_yexpect(d, in, PL_Y_MAP, "'intensity' ({unit: TEXT, ACTION: amount, ...})", err)) ||
        (rc = pl_yget_str(d, in, "unit", 1, &pa->intensity_unit, err)))
        return rc;
    if (in->n < 2) return pl_yerr(d, in, err, "'intensity' needs the amount of at least one action besides its unit");
    for (size_t k = 0; k < in->n; k++) {
        if (!strcmp(in->keys[k]->value, "unit")) continue;
        int a;
        if ((rc = np_need_action(d, pa, in->keys[k], in->keys[k]->value, &a, err)) ||
            (rc = pl_ynode_num(d, in->items[k], "an amount of the unit", 0, 1e12, &pa->intensity[a], err)))
            return rc;
    }
    return PL_OK;
}

static int load_parties(const pl_ydoc *d, np_model *m, pl_error *err)
{
    const pl_ynode *ps;
    int rc = pl_yget_node(d, d->root, "parties", PL_Y_SEQ, 1, &ps, err);
    if (rc) return rc;
    if (ps->n < 2 || ps->n > NP_MAX) return pl_yerr(d, ps, err, "an N-party scenario needs 2 to %d parties, found %zu", NP_MAX, ps->n);
    m->n = (int)ps->n;
    static const char *const keys[] = {"id", "name", "actions", "cooperative", "intensity", NULL};
    for (int i = 0; i < m->n; i++) {
        const pl_ynode *p = ps->items[i];
        np_party *pa = &m->party[i];
        if ((rc = pl_yexpect(d, p, PL_Y_MAP, "a party", err)) || (rc = pl_ymap_check_keys(d, p, keys, err)) ||
            (rc = pl_yget_str(d, p, "id", 1, &pa->id, err)))
            return rc;
        pa->name = pa->id;
        if ((rc = pl_yget_str(d, p, "name", 0, &pa->name, err))) return rc;
        for (int j = 0; j < i; j++)
            if (!strcmp(m->party[j].id, pa->id)) return pl_yerr(d, pl_ymap_get(p, "id"), err, "party '%s' is listed twice", pa->id);
        const pl_ynode *acts = pl_ymap_get(p, "actions");
        if (!acts) {
            pa->n_actions = 2;
            pa->action[0] = "cooperate";
            pa->action[1] = "defect";
        } else {
            if ((rc = pl_yexpect(d, acts, PL_Y_SEQ, "'actions'", err))) return rc;
            if (acts->n < 2 || acts->n > PL_NPARTY_MAX_ACTIONS)
                return pl_yerr(d, acts, err, "a party needs 2 to %d actions, found %zu", PL_NPARTY_MAX_ACTIONS, acts->n);
            pa->n_actions = (int)acts->n;
            for (int a = 0; a < pa->n_actions; a++) {
                if ((rc = pl_ynode_str(d, acts->items[a], "an action", &pa->action[a], err))) return rc;
                for (int b = 0; b < a; b++)
                    if (!strcmp(pa->action[a], pa->action[b]))
                        return pl_yerr(d, acts->items[a], err, "action '%s' is listed twice", pa->action[a]);
            }
        }
        const pl_ynode *co = pl_ymap_get(p, "cooperative");
        if (!co)
            pa->coop[0] = 1;
        else {
            if ((rc = pl_yexpect(d, co, PL_Y_SEQ, "'cooperative'", err))) return rc;
            for (size_t k = 0; k < co->n; k++) {
                const char *s;
                int a;
                if ((rc = pl_ynode_str(d, co->items[k], "an action", &s, err)) ||
                    (rc = np_need_action(d, pa, co->items[k], s, &a, err)))
                    return rc;
                pa->coop[a] = 1;
            }
            if (pa->coop[pa->n_actions - 1])
                return pl_yerr(d, co, err, "the last action of %s (%s) is its most escalatory and cannot be cooperative; "
                                           "list actions from the most restrained to the most escalatory",
                               pa->id, pa->action[pa->n_actions - 1]);
            if (!pa->coop[0]) return pl_yerr(d, co, err, "the first action of %s (%s) must be cooperative", pa->id, pa->action[0]);
        }
        if ((rc = load_intensity(d, p, pa, err))) return rc;
    }
    return PL_OK;
}

static int load_blocs(const pl_ydoc *d, np_model *m, pl_error *err)
{
    const pl_ynode *bs;
    int rc = pl_yget_node(d, d->root, "blocs", PL_Y_SEQ, 0, &bs, err);
    if (rc || !bs) return rc;
    if (bs->n > NP_MAX_BLOCS) return pl_yerr(d, bs, err, "at most %d blocs", NP_MAX_BLOCS);
    static const char *const keys[] = {"id", "name", "members", "rule", NULL};
    for (size_t b = 0; b < bs->n; b++) {
        const pl_ynode *bn = bs->items[b];
        np_bloc *bl = &m->bloc[m->n_blocs];
        if ((rc = pl_yexpect(d, bn, PL_Y_MAP, "a bloc", err)) || (rc = pl_ymap_check_keys(d, bn, keys, err)) ||
            (rc = pl_yget_str(d, bn, "id", 1, &bl->id, err)))
            return rc;
        if (np_party_index(m, bl->id) >= 0 || bloc_index(m, bl->id) >= 0)
            return pl_yerr(d, pl_ymap_get(bn, "id"), err, "'%s' already names a party or a bloc", bl->id);
        bl->name = bl->id;
        if ((rc = pl_yget_str(d, bn, "name", 0, &bl->name, err))) return rc;
        const pl_ynode *mem;
        if ((rc = pl_yget_node(d, bn, "members", PL_Y_SEQ, 1, &mem, err))) return rc;
        if (mem->n < 1) return pl_yerr(d, mem, err, "a bloc needs at least one member");
        for (size_t k = 0; k < mem->n; k++) {
            const char *id;
            int pi;
            if ((rc = pl_ynode_str(d, mem->items[k], "a member", &id, err)) || (rc = np_need_party(d, m, mem->items[k], id, &pi, err)))
                return rc;
            bl->mask |= 1u << pi;
        }
        int size = __builtin_popcount(bl->mask);
        bl->k = 1;
        bl->rule = "any";
        const pl_ynode *rule = pl_ymap_get(bn, "rule");
        if (rule) {
            int k;
            if ((rc = parse_rule(d, rule, size, &k, err))) return rc;
            bl->rule = rule->value;
            bl->k = k == 0 ? size : k < 0 ? size / 2 + 1 : k;
        }
        m->n_blocs++;
    }
    return PL_OK;
}

/* ---- the stage game -------------------------------------------------------- */

static int all_two_actions(const pl_ydoc *d, const np_model *m, const pl_ynode *at, const char *kind, pl_error *err)
{
    for (int i = 0; i < m->n; i++)
        if (m->party[i].n_actions != 2)
            return pl_yerr(d, at, err, "a %s game gives every party two actions (C, D); %s has %d", kind, m->party[i].id,
                           m->party[i].n_actions);
    return PL_OK;
}

static int get_rstp(const pl_ydoc *d, const pl_ynode *g, double v[4], pl_error *err)
{
    static const char *names[4] = {"R", "S", "T", "P"};
    for (int k = 0; k < 4; k++) {
        int rc = pl_yget_num(d, g, names[k], 0, -1e12, 1e12, &v[k], err);
        if (rc) return rc;
    }
    return PL_OK;
}

/* Builds a game for n parties from a `game:` map; for the tournament `m` may have no parties (n given). */
static int load_game(const pl_ydoc *d, const pl_ynode *g, np_model *m, int n, pl_ngame **out, pl_error *err)
{
    int rc = pl_yexpect(d, g, PL_Y_MAP, "'game'", err);
    if (rc) return rc;
    const char *kind;
    if ((rc = pl_yget_str(d, g, "kind", 1, &kind, err))) return rc;
    const pl_ynode *kn = pl_ymap_get(g, "kind");
    pl_error e2;
    if (!strcmp(kind, "pd") || !strcmp(kind, "pairwise")) {
        static const char *const keys[] = {"kind", "R", "S", "T", "P", "parties", NULL};
        if ((m && (rc = all_two_actions(d, m, kn, kind, err))) || (rc = pl_ymap_check_keys(d, g, keys, err))) return rc;
        double v[4] = {3, 0, 5, 1};
        if ((rc = get_rstp(d, g, v, err))) return rc;
        if (!(v[2] > v[0] && v[0] > v[3] && v[3] > v[1]))
            return pl_yerr(d, g, err, "a prisoner's dilemma needs T > R > P > S, got R=%g S=%g T=%g P=%g", v[0], v[1], v[2], v[3]);
        if (!strcmp(kind, "pd")) rc = pl_ngame_create_pd(out, n, v[0], v[1], v[2], v[3], &e2);
        else {
            pl_game pd;
            pl_game_pd(&pd, v[0], v[1], v[2], v[3]);
            rc = pl_ngame_create_pairwise(out, n, &pd, &e2);
        }
        if (rc) return pl_yerr_code(d, g, err, e2.code, "%s", e2.msg);
        const pl_ynode *ov = pl_ymap_get(g, "parties");
        if (ov) {
            if (!m || !strcmp(kind, "pairwise"))
                return pl_yerr(d, ov, err, "per-party payoffs apply to the pd kind of a scenario's own game");
            if ((rc = pl_yexpect(d, ov, PL_Y_MAP, "'parties'", err))) return rc;
            for (size_t k = 0; k < ov->n; k++) {
                int pi;
                if ((rc = np_need_party(d, m, ov->keys[k], ov->keys[k]->value, &pi, err))) return rc;
                static const char *const pk[] = {"R", "S", "T", "P", NULL};
                double w[4] = {v[0], v[1], v[2], v[3]};
                if ((rc = pl_yexpect(d, ov->items[k], PL_Y_MAP, "a party's payoffs", err)) ||
                    (rc = pl_ymap_check_keys(d, ov->items[k], pk, err)) || (rc = get_rstp(d, ov->items[k], w, err)))
                    return rc;
                pl_ngame_set_party_pd(*out, pi, w[0], w[1], w[2], w[3], NULL);
            }
        }
        return PL_OK;
    }
    if (!strcmp(kind, "public_goods") || !strcmp(kind, "volunteer")) {
        static const char *const keys[] = {"kind", "cost", "benefit", "threshold", NULL};
        if ((m && (rc = all_two_actions(d, m, kn, kind, err))) || (rc = pl_ymap_check_keys(d, g, keys, err))) return rc;
        double cost = 1, benefit = 3;
        long thr = 1;
        if ((rc = pl_yget_num(d, g, "cost", 1, 0, 1e12, &cost, err)) || (rc = pl_yget_num(d, g, "benefit", 1, 0, 1e12, &benefit, err)))
            return rc;
        if (!strcmp(kind, "volunteer")) {
            if ((rc = pl_yget_int(d, g, "threshold", 0, 1, n, &thr, err))) return rc;
            rc = pl_ngame_create_volunteer(out, n, cost, benefit, (int)thr, &e2);
        } else {
            if (pl_ymap_get(g, "threshold")) return pl_yerr(d, pl_ymap_key(g, "threshold"), err, "'threshold' belongs to the volunteer kind");
            rc = pl_ngame_create_public_goods(out, n, cost, benefit, &e2);
        }
        if (rc) return pl_yerr_code(d, g, err, e2.code, "%s", e2.msg);
        return PL_OK;
    }
    if (m && (!strcmp(kind, "additive") || !strcmp(kind, "table"))) {
        int na[NP_MAX];
        long joint = 1;
        for (int i = 0; i < n; i++) {
            na[i] = m->party[i].n_actions;
            joint *= na[i];
        }
        if (joint > 1000000) return pl_yerr(d, kn, err, "%ld joint actions is too many for a table", joint);
        double *tab = pl_calloc((size_t)joint * (size_t)n, sizeof *tab);
        unsigned char *seen = pl_calloc((size_t)joint, 1);
        if (!tab || !seen) {
            pl_free(tab);
            pl_free(seen);
            return pl_error_set(err, PL_ENOMEM, "out of memory");
        }
        if (!strcmp(kind, "additive")) {
            /* payoff to i = sum over parties j of value(j's action, to i); "self" names the actor */
            static const char *const keys[] = {"kind", "values", NULL};
            const pl_ynode *vals;
            double val[NP_MAX][PL_NPARTY_MAX_ACTIONS][NP_MAX] = {{{0}}};
            if ((rc = pl_ymap_check_keys(d, g, keys, err)) || (rc = pl_yget_node(d, g, "values", PL_Y_MAP, 1, &vals, err)))
                goto table_done;
            for (size_t k = 0; k < vals->n; k++) {
                int j, a;
                if ((rc = np_need_party(d, m, vals->keys[k], vals->keys[k]->value, &j, err)) ||
                    (rc = pl_yexpect(d, vals->items[k], PL_Y_MAP, "a party's action values", err)))
                    goto table_done;
                const pl_ynode *pa = vals->items[k];
                for (size_t q = 0; q < pa->n; q++) {
                    if (!strcmp(pa->keys[q]->value, "per_unit")) {
                        /* per unit of the party's intensity: value(a, to) += per_unit(to) * intensity(a) */
                        const pl_ynode *pu = pa->items[q];
                        if (!m->party[j].intensity_unit) {
                            rc = pl_yerr(d, pa->keys[q], err, "'per_unit' values scale with %s's intensity, but %s declares "
                                                              "none (intensity: {unit: ..., ACTION: amount})",
                                         m->party[j].id, m->party[j].id);
                            goto table_done;
                        }
                        if ((rc = pl_yexpect(d, pu, PL_Y_MAP, "'per_unit' (self: x, PARTY: y, a value per unit)", err))) goto table_done;
                        for (size_t r = 0; r < pu->n; r++) {
                            int to = !strcmp(pu->keys[r]->value, "self") ? j : -1;
                            double x;
                            if ((to < 0 && (rc = np_need_party(d, m, pu->keys[r], pu->keys[r]->value, &to, err))) ||
                                (rc = pl_ynode_num(d, pu->items[r], "a value per unit", -1e12, 1e12, &x, err)))
                                goto table_done;
                            for (int b = 0; b < m->party[j].n_actions; b++) val[j][b][to] += x * m->party[j].intensity[b];
                        }
                        continue;
                    }
                    if ((rc = np_need_action(d, &m->party[j], pa->keys[q], pa->keys[q]->value, &a, err)) ||
                        (rc = pl_yexpect(d, pa->items[q], PL_Y_MAP, "an action's values (self: x, PARTY: y)", err)))
                        goto table_done;
                    const pl_ynode *ef = pa->items[q];
                    for (size_t r = 0; r < ef->n; r++) {
                        int to = !strcmp(ef->keys[r]->value, "self") ? j : -1;
                        if (to < 0 && (rc = np_need_party(d, m, ef->keys[r], ef->keys[r]->value, &to, err))) goto table_done;
                        double x;
                        if ((rc = pl_ynode_num(d, ef->items[r], "a value", -1e12, 1e12, &x, err))) goto table_done;
                        val[j][a][to] += x; /* after any per_unit term */
                    }
                }
            }
            for (long idx = 0; idx < joint; idx++) {
                long rest = idx;
                for (int j = 0; j < n; j++) {
                    int a = (int)(rest % na[j]);
                    rest /= na[j];
                    for (int i = 0; i < n; i++) tab[idx * n + i] += val[j][a][i];
                }
            }
        } else {
            static const char *const keys[] = {"kind", "payoffs", NULL};
            const pl_ynode *rows;
            if ((rc = pl_ymap_check_keys(d, g, keys, err)) || (rc = pl_yget_node(d, g, "payoffs", PL_Y_SEQ, 1, &rows, err)))
                goto table_done;
            static const char *const rk[] = {"actions", "payoffs", NULL};
            for (size_t k = 0; k < rows->n; k++) {
                const pl_ynode *row = rows->items[k];
                if ((rc = pl_yexpect(d, row, PL_Y_MAP, "a table row", err)) || (rc = pl_ymap_check_keys(d, row, rk, err)))
                    goto table_done;
                const pl_ynode *an, *pn;
                if ((rc = pl_yget_node(d, row, "actions", PL_Y_SEQ, 1, &an, err)) ||
                    (rc = pl_yget_node(d, row, "payoffs", PL_Y_SEQ, 1, &pn, err)))
                    goto table_done;
                if (an->n != (size_t)n || pn->n != (size_t)n) {
                    rc = pl_yerr(d, an->n != (size_t)n ? an : pn, err, "expected %d entries, one per party in order, found %zu",
                                 n, an->n != (size_t)n ? an->n : pn->n);
                    goto table_done;
                }
                long idx = 0, stride = 1;
                for (int i = 0; i < n; i++) {
                    const char *s;
                    int a;
                    if ((rc = pl_ynode_str(d, an->items[i], "an action", &s, err)) ||
                        (rc = np_need_action(d, &m->party[i], an->items[i], s, &a, err)))
                        goto table_done;
                    idx += a * stride;
                    stride *= na[i];
                }
                if (seen[idx]) {
                    rc = pl_yerr(d, an, err, "this joint action already has a row");
                    goto table_done;
                }
                seen[idx] = 1;
                for (int i = 0; i < n; i++)
                    if ((rc = pl_ynode_num(d, pn->items[i], "a payoff", -1e12, 1e12, &tab[idx * n + i], err))) goto table_done;
            }
            for (long idx = 0; idx < joint; idx++)
                if (!seen[idx]) {
                    char buf[256];
                    size_t k = 0;
                    long rest = idx;
                    for (int i = 0; i < n && k < sizeof buf; i++) {
                        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? ", " : "", m->party[i].action[rest % na[i]]);
                        rest /= na[i];
                    }
                    rc = pl_yerr(d, rows, err, "the table has no row for the joint action [%s] (%ld rows needed)", buf, joint);
                    goto table_done;
                }
        }
        rc = pl_ngame_create_table(out, n, na, tab, &e2);
        if (rc) rc = pl_yerr_code(d, g, err, e2.code, "%s", e2.msg);
        else
            for (int i = 0; i < n; i++)
                for (int a = 0; a < na[i]; a++) pl_ngame_set_cooperative(*out, i, a, m->party[i].coop[a], NULL);
    table_done:
        pl_free(tab);
        pl_free(seen);
        return rc;
    }
    return pl_yerr(d, kn, err, "unknown game kind '%s'; expected one of: pd, public_goods, volunteer, pairwise%s", kind,
                   m ? ", additive, table" : "");
}

/* ---- policies and profiles -------------------------------------------------- */

/* `reaction: launch_after_drill` (or drill_after_launch): the policy plays the reaction function
 * estimated from the scenario's dated events, as the `estimated` strategy with the counts of the
 * estimate and the months of a period (each match draws the rates from their posterior). */
static int reaction_spec(const pl_ydoc *d, const np_model *m, const pl_ynode *pn, const pl_ynode *re, char *spec, size_t len,
                         pl_error *err)
{
    const char *name, *strat = NULL;
    int rc;
    if ((rc = pl_ynode_str(d, re, "a reaction", &name, err)) || (rc = pl_yget_str(d, pn, "strategy", 0, &strat, err))) return rc;
    if (strat && strcmp(strat, "estimated"))
        return pl_yerr(d, pl_ymap_get(pn, "strategy"), err, "'reaction' plays the estimated strategy; drop 'strategy: %s' "
                                                           "or write 'strategy: estimated'", strat);
    if (!m->events)
        return pl_yerr(d, re, err, "'reaction: %s' is estimated from the dated events: the scenario needs 'events: {file: ...}'",
                       name);
    int months = np_months_per_period(m);
    if (!months)
        return pl_yerr(d, re, err, "the reactions are estimated by month: the period must be a month, quarter, half-year or "
                                   "year (or a calendar with per_year dividing 12), not '%s'", m->period_unit);
    const np_events_analysis *a = &m->events->an;
    np_share s1, s0;
    if (!strcmp(name, "launch_after_drill")) s1 = a->launch_given_drill, s0 = a->launch_given_no_drill;
    else if (!strcmp(name, "drill_after_launch")) s1 = a->drill_given_launch, s0 = a->drill_given_no_launch;
    else return pl_yerr(d, re, err, "unknown reaction '%s'; expected launch_after_drill (launches answering drills) or "
                                    "drill_after_launch (drills answering launches)", name);
    snprintf(spec, len, "estimated:k1=%ld,n1=%ld,k0=%ld,n0=%ld,months=%d", s1.k, s1.n, s0.k, s0.n, months);
    return PL_OK;
}

/* A policy's strategy with its `params:` map ({g: 0.3}) written into it ("gttft" -> "gttft:g=0.3"), so that
 * each parameter is a value of the file that --set and the sensitivity ranges can name
 * (profiles.P.policies.US.params.g).  *at becomes the params map when there is one. */
static int policy_spec(const pl_ydoc *d, const pl_ynode *pn, const char *spec, char *buf, size_t len, const pl_ynode **at,
                       pl_error *err)
{
    const pl_ynode *pm = pn->kind == PL_Y_MAP ? pl_ymap_get(pn, "params") : NULL;
    size_t n = (size_t)snprintf(buf, len, "%s", spec);
    if (!pm) return n < len ? PL_OK : pl_yerr(d, *at, err, "the strategy is longer than %zu characters", len - 1);
    int rc = pl_yexpect(d, pm, PL_Y_MAP, "'params' (a map of parameter: value)", err);
    if (rc) return rc;
    if (strchr(spec, '@'))
        return pl_yerr(d, pm, err, "'params' with a strategy written with '@': give the aggregate as 'aggregate:'");
    int colon = strchr(spec, ':') != NULL;
    for (size_t k = 0; k < pm->n && n < len; k++) {
        const char *v;
        if ((rc = pl_ynode_str(d, pm->items[k], "a parameter's value", &v, err))) return rc;
        n += (size_t)snprintf(buf + n, len - n, "%s%s=%s", colon || k ? "," : ":", pm->keys[k]->value, v);
    }
    if (n >= len) return pl_yerr(d, pm, err, "the strategy with its params is longer than %zu characters", len - 1);
    *at = pm;
    return PL_OK;
}

static int load_policy(const pl_ydoc *d, np_model *m, int self, const pl_ynode *pn, pl_nplayer **out, pl_error *err)
{
    static const char *const keys[] = {"strategy", "params", "watch", "aggregate", "reaction", NULL};
    const char *spec;
    char built[200];
    pl_error e2;
    int rc;
    const pl_ynode *re = pn->kind == PL_Y_MAP ? pl_ymap_get(pn, "reaction") : NULL;
    if (pn->kind == PL_Y_SCALAR) spec = pn->value;
    else if ((rc = pl_yexpect(d, pn, PL_Y_MAP, "a policy", err)) || (rc = pl_ymap_check_keys(d, pn, keys, err)) ||
             (rc = pl_yget_str(d, pn, "strategy", !re, &spec, err)))
        return rc;
    const pl_ynode *at = pn->kind == PL_Y_MAP ? pl_ymap_get(pn, "strategy") : pn;
    if (re && (rc = reaction_spec(d, m, pn, re, built, sizeof built, err))) return rc;
    if (re) spec = built, at = re;
    char full[512];
    if ((rc = policy_spec(d, pn, spec, full, sizeof full, &at, err))) return rc;
    if ((rc = pl_nplayer_create(out, full, &e2))) return pl_yerr_code(d, at, err, e2.code, "%s", e2.msg);
    if (pn->kind == PL_Y_SCALAR) return PL_OK;
    const pl_ynode *w = pl_ymap_get(pn, "watch");
    if (w) {
        if (w->kind == PL_Y_SCALAR) {
            /* one party or bloc */
        } else if ((rc = pl_yexpect(d, w, PL_Y_SEQ, "'watch'", err)))
            goto fail;
        size_t count = w->kind == PL_Y_SCALAR ? 1 : w->n;
        for (size_t k = 0; k < count; k++) {
            const pl_ynode *it = w->kind == PL_Y_SCALAR ? w : w->items[k];
            const char *id;
            if ((rc = pl_ynode_str(d, it, "a party or bloc", &id, err))) goto fail;
            int pi = np_party_index(m, id), bi = bloc_index(m, id);
            if (pi == self) {
                rc = pl_yerr(d, it, err, "%s cannot watch itself", id);
                goto fail;
            }
            if (pi >= 0) rc = pl_nplayer_watch(*out, 1u << pi, 1, &e2);
            else if (bi >= 0) {
                uint32_t mask = m->bloc[bi].mask & ~(1u << self);
                if (!mask) {
                    rc = pl_yerr(d, it, err, "bloc %s holds only %s itself", id, m->party[self].id);
                    goto fail;
                }
                int need = m->bloc[bi].k > __builtin_popcount(mask) ? __builtin_popcount(mask) : m->bloc[bi].k;
                rc = pl_nplayer_watch(*out, mask, need, &e2);
            } else {
                char list[256];
                party_list_text(m, list, sizeof list);
                rc = pl_yerr(d, it, err, "'%s' is neither a party nor a bloc; parties: %s", id, list);
                goto fail;
            }
            if (rc) {
                rc = pl_yerr_code(d, it, err, e2.code, "%s", e2.msg);
                goto fail;
            }
        }
    }
    const pl_ynode *ag = pl_ymap_get(pn, "aggregate");
    if (ag) {
        int k;
        if (!pl_nplayer_is_lifted(*out)) {
            rc = pl_yerr(d, ag, err, "'aggregate' applies to a two-party strategy lifted against a group; '%s' is an N-party "
                                     "strategy (its own k parameter counts the watched)", spec);
            goto fail;
        }
        if ((rc = parse_rule(d, ag, NP_MAX, &k, err))) goto fail;
        pl_nplayer_set_aggregate(*out, k);
    }
    return PL_OK;
fail:
    pl_nplayer_free(*out);
    *out = NULL;
    return rc;
}

static int load_profiles(const pl_ydoc *d, np_model *m, pl_error *err)
{
    const pl_ynode *ps;
    int rc = pl_yget_node(d, d->root, "profiles", PL_Y_SEQ, 1, &ps, err);
    if (rc) return rc;
    if (ps->n < 1 || ps->n > NP_MAX_PROFILES) return pl_yerr(d, ps, err, "expected 1 to %d profiles, found %zu", NP_MAX_PROFILES, ps->n);
    static const char *const keys[] = {"id", "name", "description", "policies", "default", "opening", NULL};
    for (size_t k = 0; k < ps->n; k++) {
        const pl_ynode *pn = ps->items[k];
        np_profile *pr = &m->profile[m->n_profiles];
        for (int i = 0; i < NP_MAX; i++) pr->opening[i] = -1;
        m->n_profiles++;
        if ((rc = pl_yexpect(d, pn, PL_Y_MAP, "a profile", err)) || (rc = pl_ymap_check_keys(d, pn, keys, err)) ||
            (rc = pl_yget_str(d, pn, "id", 1, &pr->id, err)))
            return rc;
        for (size_t j = 0; j < k; j++)
            if (!strcmp(m->profile[j].id, pr->id)) return pl_yerr(d, pl_ymap_get(pn, "id"), err, "profile '%s' is listed twice", pr->id);
        pr->name = pr->id;
        pr->description = "";
        if ((rc = pl_yget_str(d, pn, "name", 0, &pr->name, err)) || (rc = pl_yget_str(d, pn, "description", 0, &pr->description, err)))
            return rc;
        const pl_ynode *pol = pl_ymap_get(pn, "policies");
        if (pol && (rc = pl_yexpect(d, pol, PL_Y_MAP, "'policies'", err))) return rc;
        if (pol)
            for (size_t q = 0; q < pol->n; q++) {
                int pi;
                if ((rc = np_need_party(d, m, pol->keys[q], pol->keys[q]->value, &pi, err))) return rc;
                if ((rc = load_policy(d, m, pi, pol->items[q], &pr->players[pi], err))) return rc;
            }
        const pl_ynode *def = pl_ymap_get(pn, "default");
        for (int i = 0; i < m->n; i++) {
            if (pr->players[i]) continue;
            if (!def)
                return pl_yerr(d, pol ? pol : pn, err, "profile '%s' gives no policy to %s (add it under 'policies', or a 'default')",
                               pr->id, m->party[i].id);
            if ((rc = load_policy(d, m, i, def, &pr->players[i], err))) return rc;
        }
        const pl_ynode *op = pl_ymap_get(pn, "opening");
        if (op) {
            if ((rc = pl_yexpect(d, op, PL_Y_MAP, "'opening'", err))) return rc;
            for (size_t q = 0; q < op->n; q++) {
                int pi, a;
                const char *s;
                if ((rc = np_need_party(d, m, op->keys[q], op->keys[q]->value, &pi, err)) ||
                    (rc = pl_ynode_str(d, op->items[q], "an action", &s, err)) ||
                    (rc = np_need_action(d, &m->party[pi], op->items[q], s, &a, err)))
                    return rc;
                pr->opening[pi] = a;
                pr->has_opening = 1;
            }
        }
    }
    return PL_OK;
}

/* ---- record, shock, tournament --------------------------------------------- */

static int load_record(const pl_ydoc *d, np_model *m, pl_error *err)
{
    const pl_ynode *rs;
    int rc = pl_yget_node(d, d->root, "record", PL_Y_SEQ, 0, &rs, err);
    if (rc || !rs) return rc;
    m->rec_turns = (int)rs->n;
    m->rec = pl_malloc((rs->n ? rs->n : 1) * (size_t)m->n * sizeof *m->rec);
    m->rec_label = pl_calloc(rs->n ? rs->n : 1, sizeof *m->rec_label);
    m->rec_source = pl_calloc((rs->n ? rs->n : 1) * (size_t)m->n, sizeof *m->rec_source);
    if (!m->rec || !m->rec_label || !m->rec_source) return pl_error_set(err, PL_ENOMEM, "out of memory");
    for (size_t t = 0; t < rs->n; t++) {
        const pl_ynode *row = rs->items[t];
        for (int i = 0; i < m->n; i++) m->rec[t * (size_t)m->n + (size_t)i] = -1;
        if ((rc = pl_yexpect(d, row, PL_Y_MAP, "a record period", err)) ||
            (rc = pl_yget_str(d, row, "period", 1, &m->rec_label[t], err)))
            return rc;
        if (m->start_year) {
            /* the record's periods are the calendar's, one after another from its start */
            char want[32];
            m->rec_turns = 0; /* np_period_label: the calendar's label, not the record's */
            np_period_label(m, (int)t, want, sizeof want);
            m->rec_turns = (int)rs->n;
            if (strcmp(want, m->rec_label[t]))
                return pl_yerr(d, pl_ymap_get(row, "period"), err,
                               "record period %zu is '%s', expected '%s': the record runs %s by %s from the calendar's "
                               "start, one period a row",
                               t + 1, m->rec_label[t], want, m->period_unit, m->period_unit);
        }
        for (size_t q = 0; q < row->n; q++) {
            const char *key = row->keys[q]->value;
            if (!strcmp(key, "period") || !strcmp(key, "note")) continue;
            int pi = np_party_index(m, key), a;
            if (pi < 0) {
                char list[256];
                party_list_text(m, list, sizeof list);
                return pl_yerr(d, row->keys[q], err, "unknown key '%s' in a record period; expected period, note or a party (%s)",
                               key, list);
            }
            const pl_ynode *en = row->items[q];
            const char *act, *src = NULL;
            if (en->kind == PL_Y_MAP) {
                static const char *const ek[] = {"did", "source", NULL};
                if ((rc = pl_ymap_check_keys(d, en, ek, err)) || (rc = pl_yget_str(d, en, "did", 1, &act, err)) ||
                    (rc = pl_yget_str(d, en, "source", 1, &src, err)))
                    return rc;
                en = pl_ymap_get(en, "did");
            } else if ((rc = pl_ynode_str(d, en, "an action", &act, err)))
                return rc;
            if ((rc = np_need_action(d, &m->party[pi], en, act, &a, err))) return rc;
            m->rec[t * (size_t)m->n + (size_t)pi] = a;
            m->rec_source[t * (size_t)m->n + (size_t)pi] = src;
        }
    }
    return PL_OK;
}

static int load_tournament(const pl_ydoc *d, np_model *m, pl_error *err)
{
    static const char *const keys[] = {"players", "group_size", "turns", "repetitions", "max_groups", "noise", "game", NULL};
    const pl_ynode *tn;
    int rc = pl_yget_node(d, d->root, "tournament", PL_Y_MAP, 0, &tn, err);
    if (rc || !tn) return rc;
    if ((rc = pl_ymap_check_keys(d, tn, keys, err))) return rc;
    long gs = 0, turns = 100, reps = 5, maxg = 0;
    double noise = 0;
    if ((rc = pl_yget_int(d, tn, "group_size", 1, 2, NP_MAX, &gs, err)) || (rc = pl_yget_int(d, tn, "turns", 0, 1, 1000000, &turns, err)) ||
        (rc = pl_yget_int(d, tn, "repetitions", 0, 1, 1000000, &reps, err)) ||
        (rc = pl_yget_int(d, tn, "max_groups", 0, 0, 100000000, &maxg, err)) ||
        (rc = pl_yget_num(d, tn, "noise", 0, 0, 1, &noise, err)))
        return rc;
    const pl_ynode *pl;
    if ((rc = pl_yget_node(d, tn, "players", PL_Y_SEQ, 1, &pl, err))) return rc;
    if (pl->n < 1) return pl_yerr(d, pl, err, "a tournament needs at least one player");
    m->tour_players = pl_calloc(pl->n, sizeof *m->tour_players);
    if (!m->tour_players) return pl_error_set(err, PL_ENOMEM, "out of memory");
    for (size_t k = 0; k < pl->n; k++) {
        const char *spec;
        pl_error e2;
        if ((rc = pl_ynode_str(d, pl->items[k], "a strategy", &spec, err))) return rc;
        if (pl_nplayer_create(&m->tour_players[k], spec, &e2)) return pl_yerr_code(d, pl->items[k], err, e2.code, "%s", e2.msg);
        m->tour_n_players++;
    }
    const pl_ynode *gn = pl_ymap_get(tn, "game");
    if (gn) {
        if ((rc = load_game(d, gn, NULL, (int)gs, &m->tour_game, err))) return rc;
    } else if ((rc = pl_ngame_create_pd(&m->tour_game, (int)gs, 3, 0, 5, 1, err)))
        return rc;
    m->tour = 1;
    pl_ntournament_config_default(&m->tour_cfg);
    m->tour_cfg.group_size = (int)gs;
    m->tour_cfg.repetitions = (int)reps;
    m->tour_cfg.max_groups = (uint64_t)maxg;
    m->tour_cfg.match.turns = (int)turns;
    m->tour_cfg.match.noise = noise;
    return PL_OK;
}

void np_model_free(np_model *m)
{
    np_events_free(m->events);
    m->events = NULL;
    for (int k = 0; k < m->n_profiles; k++)
        for (int i = 0; i < NP_MAX; i++) pl_nplayer_free(m->profile[k].players[i]);
    for (int k = 0; k < m->tour_n_players; k++) pl_nplayer_free(m->tour_players[k]);
    pl_free(m->tour_players);
    pl_ngame_free(m->tour_game);
    pl_ngame_free(m->game);
    pl_free(m->rec);
    pl_free(m->rec_label);
    pl_free(m->rec_source);
    pl_free(m->source_tag);
    pl_free(m->source_text);
    for (int k = 0; k < m->n_owned; k++) pl_free(m->owned[k]);
    pl_free(m->owned);
}

/* `events: {file: NAME.csv, window: DAYS}`: the dated event file, next to the scenario, read and
 * analysed (nparty_events.c). */
static int load_events(const pl_ydoc *d, np_model *m, pl_error *err)
{
    const pl_ynode *ev = pl_ymap_get(d->root, "events");
    if (!ev) return PL_OK;
    static const char *const ek[] = {"file", "window", "note", "record", NULL};
    const char *file;
    long window = 14;
    int rc;
    if ((rc = pl_yexpect(d, ev, PL_Y_MAP, "'events' (file: the event CSV, window: days)", err)) ||
        (rc = pl_ymap_check_keys(d, ev, ek, err)) || (rc = pl_yget_str(d, ev, "file", 1, &file, err)) ||
        (rc = pl_yget_int(d, ev, "window", 0, 1, 366, &window, err)))
        return rc;
    char *path = NULL;
    if (file[0] == '/') path = pl_strdup(file);
    else {
        const char *slash = strrchr(d->path, '/');
        size_t dl = slash ? (size_t)(slash - d->path) : 0;
        path = pl_malloc(dl + strlen(file) + 2);
        if (path) {
            memcpy(path, d->path, dl);
            if (dl) path[dl++] = '/';
            strcpy(path + dl, file);
        }
    }
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_error e2;
    rc = np_events_load(path, (int)window, &m->events, &e2);
    pl_free(path);
    if (rc == PL_ENOMEM) return pl_error_set(err, rc, "out of memory");
    if (rc) return pl_yerr(d, pl_ymap_get(ev, "file"), err, "in the event file: %s", e2.msg);
    const pl_ynode *rec = pl_ymap_get(ev, "record");
    if (!rec) return PL_OK;
    if (pl_ymap_get(d->root, "record"))
        return pl_yerr(d, pl_ymap_key(ev, "record"), err, "the record comes either from the events (events: record:) or "
                                                         "from the scenario's own 'record:' list, not both");
    return np_record_from_events(d, rec, m, err);
}

/* `sensitivity:`: `parameter` and `values` run every profile again at each value (parley run);
 * `ranges` are the assumptions `parley sensitivity` varies (read and checked there,
 * src/scenario/sensitivity.c); either or both. */
static int load_sensitivity(const pl_ydoc *d, np_model *m, const pl_ynode *se, pl_error *err)
{
    if (!se) return PL_OK;
    static const char *const sk[] = {"parameter", "values", "ranges", NULL};
    const char *param;
    const pl_ynode *rg = NULL;
    int rc;
    if ((rc = pl_yexpect(d, se, PL_Y_MAP, "'sensitivity'", err)) || (rc = pl_ymap_check_keys(d, se, sk, err)) ||
        (rc = pl_yget_node(d, se, "ranges", PL_Y_SEQ, 0, &rg, err)))
        return rc;
    m->n_ranges = rg ? (int)rg->n : 0;
    if (rg && !pl_ymap_get(se, "parameter") && !pl_ymap_get(se, "values")) return PL_OK;
    if ((rc = pl_yget_str(d, se, "parameter", 1, &param, err))) return rc;
    if (strcmp(param, "noise") && strcmp(param, "observation_noise"))
        return pl_yerr(d, pl_ymap_get(se, "parameter"), err, "expected noise or observation_noise, found '%s'", param);
    m->sens_param = param;
    const pl_ynode *vs;
    if ((rc = pl_yget_node(d, se, "values", PL_Y_SEQ, 1, &vs, err))) return rc;
    if (vs->n < 1 || vs->n > NP_MAX_SENS_VALUES)
        return pl_yerr(d, vs, err, "expected 1 to %d values, found %zu", NP_MAX_SENS_VALUES, vs->n);
    for (size_t k = 0; k < vs->n; k++)
        if ((rc = pl_ynode_num(d, vs->items[k], "a probability", 0, 1, &m->sens_value[m->n_sens++], err))) return rc;
    return PL_OK;
}

/* `terms:` (np_terms): each word optional, the rest from the kind of scenario (a record: a crisis). */
static int load_terms(const pl_ydoc *d, np_model *m, const pl_ynode *tn, pl_error *err)
{
    static const np_terms crisis = {"restraint", "escalation", "restrains", "escalates", "escalate", "escalated"};
    static const np_terms game = {"cooperation", "defection", "cooperates", "defects", "defect", "defected"};
    m->terms = m->rec_turns ? crisis : game;
    if (!tn) return PL_OK;
    static const char *const keys[] = {"cooperation", "defection", "cooperates", "defects", "defect", "defected", NULL};
    int rc;
    if ((rc = pl_yexpect(d, tn, PL_Y_MAP, "'terms' (a map of word: replacement)", err)) ||
        (rc = pl_ymap_check_keys(d, tn, keys, err)) || (rc = pl_yget_str(d, tn, "cooperation", 0, &m->terms.coop, err)) ||
        (rc = pl_yget_str(d, tn, "defection", 0, &m->terms.defect, err)) ||
        (rc = pl_yget_str(d, tn, "cooperates", 0, &m->terms.coops, err)) ||
        (rc = pl_yget_str(d, tn, "defects", 0, &m->terms.defects, err)) ||
        (rc = pl_yget_str(d, tn, "defect", 0, &m->terms.defect_verb, err)) ||
        (rc = pl_yget_str(d, tn, "defected", 0, &m->terms.defected, err)))
        return rc;
    return PL_OK;
}

static int load_model(const pl_ydoc *d, np_model *m, pl_error *err)
{
    static const char *const keys[] = {"kind", "name", "description", "assumptions", "sources", "seed", "runs", "periods",
                                       "period", "calendar", "noise", "observation", "restraint", "parties", "blocs", "game",
                                       "record", "shock", "profiles", "sensitivity", "tournament", "events", "terms", NULL};
    const pl_ynode *root = d->root;
    int rc;
    if ((rc = pl_ymap_check_keys(d, root, keys, err))) return rc;
    load_terms(d, m, NULL, err); /* the words of a game until the record and `terms:` are read */
    m->path = d->path;
    m->name = "N-party scenario";
    m->description = "";
    m->period_unit = "period";
    if ((rc = pl_yget_str(d, root, "name", 0, &m->name, err)) || (rc = pl_yget_str(d, root, "description", 0, &m->description, err)) ||
        (rc = pl_yget_str(d, root, "period", 0, &m->period_unit, err)))
        return rc;
    const pl_ynode *src = pl_ymap_get(root, "sources"); /* checked by scenario.c: a map of texts */
    if (src && src->kind == PL_Y_MAP && src->n) {
        m->source_tag = pl_calloc(src->n, sizeof *m->source_tag);
        m->source_text = pl_calloc(src->n, sizeof *m->source_text);
        if (!m->source_tag || !m->source_text) return pl_error_set(err, PL_ENOMEM, "out of memory");
        for (size_t k = 0; k < src->n; k++)
            if (src->items[k]->kind == PL_Y_SCALAR)
                m->source_tag[m->n_sources] = src->keys[k]->value, m->source_text[m->n_sources++] = src->items[k]->value;
    }
    const pl_ynode *as = pl_ymap_get(root, "assumptions");
    if (as) {
        if ((rc = pl_yexpect(d, as, PL_Y_SEQ, "'assumptions'", err))) return rc;
        if (as->n > NP_MAX_ASSUMPTIONS) return pl_yerr(d, as, err, "at most %d assumptions", NP_MAX_ASSUMPTIONS);
        for (size_t k = 0; k < as->n; k++)
            if ((rc = pl_ynode_str(d, as->items[k], "an assumption", &m->assumption[m->n_assumptions++], err))) return rc;
    }
    long runs = 1000, periods = 40, delay = 0, window = 4;
    uint64_t seed = 1;
    if ((rc = pl_yget_u64(d, root, "seed", 0, &seed, err)) ||
        (rc = pl_yget_int(d, root, "runs", 0, 1, 100000000, &runs, err)) ||
        (rc = pl_yget_int(d, root, "periods", 0, 1, 1000000, &periods, err)) ||
        (rc = pl_yget_num(d, root, "noise", 0, 0, 1, &m->noise, err)))
        return rc;
    const pl_ynode *ob = pl_ymap_get(root, "observation");
    if (ob) {
        static const char *const ok[] = {"noise", "delay", NULL};
        if ((rc = pl_yexpect(d, ob, PL_Y_MAP, "'observation'", err)) || (rc = pl_ymap_check_keys(d, ob, ok, err)) ||
            (rc = pl_yget_num(d, ob, "noise", 0, 0, 1, &m->obs_noise, err)) ||
            (rc = pl_yget_int(d, ob, "delay", 0, 0, 1000, &delay, err)))
            return rc;
        if (delay >= periods)
            return pl_yerr(d, pl_ymap_get(ob, "delay"), err,
                           "'delay' of %ld periods is not shorter than the game (%ld periods): no move would ever be seen",
                           delay, periods);
    }
    if (!ob) { /* the inputs of results.json say what the run used */
        pl_ydoc_note_default(d, root, "observation.noise", "0");
        pl_ydoc_note_default(d, root, "observation.delay", "0");
    }
    const pl_ynode *cal = pl_ymap_get(root, "calendar");
    if (cal) {
        static const char *const ck[] = {"start_year", "per_year", NULL};
        long sy = 0, py = 1;
        if ((rc = pl_yexpect(d, cal, PL_Y_MAP, "'calendar'", err)) || (rc = pl_ymap_check_keys(d, cal, ck, err)) ||
            (rc = pl_yget_int(d, cal, "start_year", 1, 1, 9999, &sy, err)) ||
            (rc = pl_yget_int(d, cal, "per_year", 0, 1, 12, &py, err)))
            return rc;
        m->start_year = (int)sy;
        m->per_year = (int)py;
        /* a calendar span as the period (month, quarter, half-year, year) fixes the periods a year */
        int mo = np_months_per_period(m);
        if (mo && mo * py != 12)
            return pl_yerr(d, pl_ymap_get(cal, "per_year") ? pl_ymap_get(cal, "per_year") : cal, err,
                           "a %s period makes %d periods a year, but the calendar says per_year: %ld", m->period_unit,
                           12 / mo, py);
    }
    m->seed = seed;
    m->runs = runs;
    m->periods = (int)periods;
    m->obs_delay = (int)delay;
    m->shock_party = -1;
    if (!pl_ymap_get(root, "parties") && pl_ymap_get(root, "tournament")) {
        /* a tournament on its own: no parties, game, record or profiles */
        static const char *const parts[] = {"blocs", "game", "record", "shock", "profiles", "restraint", NULL};
        for (const char *const *k = parts; *k; k++)
            if (pl_ymap_get(root, *k))
                return pl_yerr(d, pl_ymap_key(root, *k), err, "'%s' needs 'parties' (a scenario with only a tournament "
                                                             "has none)", *k);
        return load_tournament(d, m, err);
    }
    if ((rc = load_parties(d, m, err)) || (rc = load_blocs(d, m, err))) return rc;
    m->measured = (m->n >= NP_MASK_BITS ? 0 : (1u << m->n)) - 1;
    const pl_ynode *re = pl_ymap_get(root, "restraint");
    if (re) {
        static const char *const rk[] = {"window", "parties", NULL};
        if ((rc = pl_yexpect(d, re, PL_Y_MAP, "'restraint'", err)) || (rc = pl_ymap_check_keys(d, re, rk, err)) ||
            (rc = pl_yget_int(d, re, "window", 0, 1, periods, &window, err)))
            return rc;
        const pl_ynode *rp = pl_ymap_get(re, "parties");
        if (rp) {
            if ((rc = pl_yexpect(d, rp, PL_Y_SEQ, "'parties'", err))) return rc;
            m->measured = 0;
            for (size_t k = 0; k < rp->n; k++) {
                const char *id;
                int pi;
                if ((rc = pl_ynode_str(d, rp->items[k], "a party", &id, err)) || (rc = np_need_party(d, m, rp->items[k], id, &pi, err)))
                    return rc;
                m->measured |= 1u << pi;
            }
            if (!m->measured) return pl_yerr(d, rp, err, "'parties' needs at least one party");
        }
    } else if (window > periods)
        window = periods;
    m->window = (int)window;
    if (!re) {
        char w[24];
        snprintf(w, sizeof w, "%ld", window);
        pl_ydoc_note_default(d, root, "restraint.window", w);
    }
    const pl_ynode *gn;
    if ((rc = pl_yget_node(d, root, "game", PL_Y_MAP, 1, &gn, err)) || (rc = load_game(d, gn, m, m->n, &m->game, err))) return rc;
    /* the words follow whether the scenario has a record, which the events may build */
    if ((rc = load_record(d, m, err)) || (rc = load_events(d, m, err)) ||
        (rc = load_terms(d, m, pl_ymap_get(root, "terms"), err)) || (rc = load_profiles(d, m, err)))
        return rc;
    /* the report draws one run, record included, a column per period: refused here, not after
     * the whole run has been simulated and its data files written */
    if ((long)m->rec_turns + periods > PL_CHART_MAX_SIDE)
        return pl_yerr(d, pl_ymap_get(root, "periods") ? pl_ymap_get(root, "periods") : root, err,
                       "%ld periods%s are more than the report can draw (at most %d%s)", periods,
                       m->rec_turns ? " after the record" : "", PL_CHART_MAX_SIDE - m->rec_turns,
                       m->rec_turns ? " after the record's periods" : "");
    if (pl_ngame_get_kind(m->game) == PL_NGAME_PAIRWISE)
        for (int k = 0; k < m->n_profiles; k++) {
            pl_nmatch_config c;
            pl_nmatch_config_default(&c);
            pl_error e2;
            if (pl_nmatch_check(m->game, m->profile[k].players, &c, &e2))
                return pl_yerr_code(d, pl_ymap_get(root, "profiles"), err, e2.code, "profile '%s': %s", m->profile[k].id, e2.msg);
        }
    const pl_ynode *sh = pl_ymap_get(root, "shock");
    if (sh) {
        static const char *const sk[] = {"party", "period", "horizon", NULL};
        const char *id;
        long per = 0, hz = NP_SHOCK_HORIZON;
        if ((rc = pl_yexpect(d, sh, PL_Y_MAP, "'shock'", err)) || (rc = pl_ymap_check_keys(d, sh, sk, err)) ||
            (rc = pl_yget_str(d, sh, "party", 1, &id, err)) ||
            (rc = np_need_party(d, m, pl_ymap_get(sh, "party"), id, &m->shock_party, err)) ||
            (rc = pl_yget_int(d, sh, "period", 1, 1, periods - 1, &per, err)) ||
            (rc = pl_yget_int(d, sh, "horizon", 0, 1, NP_SHOCK_HORIZON, &hz, err)))
            return rc;
        m->shock_period = (int)per;
        m->shock_horizon = (int)hz;
    }
    if ((rc = load_sensitivity(d, m, pl_ymap_get(root, "sensitivity"), err))) return rc;
    return load_tournament(d, m, err);
}

int np_model_load(const pl_ydoc *doc, np_model *m, pl_error *err)
{
    memset(m, 0, sizeof *m);
    int rc = load_model(doc, m, err);
    if (rc) np_model_free(m);
    return rc;
}
