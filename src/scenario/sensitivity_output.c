/* SPDX-License-Identifier: MIT */
/* sensitivity_output.c — the sensitivity analyses as text, CSV, JSON and one HTML page.
 *
 * The summary and the page open with the finding in words (which design wins at the baseline,
 * by how much on the same runs, what the ranking depends on most and where it flips), then the
 * tables and charts: the tornado of each output, the break-even points, the Sobol indices with
 * their bootstrap intervals, the two-way grid.  Files hold no timings. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "io/csv.h"
#include "io/files.h"
#include "io/html_report.h"
#include "io/svg_chart.h"
#include "scenario/sensitivity.h"

static double swing(const pl_sensitivity *s, int k, int o)
{
    const pl_sens_point *l = &s->at_lo[k], *h = &s->at_hi[k];
    return o < s->base.n ? fabs(h->rate[o] - l->rate[o]) : fabs(h->diff - l->diff);
}

/* Ranges in the order of their swing of output o (largest first; file order on a tie). */
static void order_by_swing(const pl_sensitivity *s, int o, int *ord)
{
    for (int k = 0; k < s->n_ranges; k++) ord[k] = k;
    for (int i = 1; i < s->n_ranges; i++)
        for (int j = i; j > 0 && swing(s, ord[j], o) > swing(s, ord[j - 1], o); j--) {
            int t = ord[j];
            ord[j] = ord[j - 1], ord[j - 1] = t;
        }
}

static void range_text(const pl_sens_range *r, char *buf, size_t n)
{
    if (r->scale)
        snprintf(buf, n, "x%g .. x%g", r->lo, r->hi);
    else
        snprintf(buf, n, "%g .. %g", r->lo, r->hi);
}

/* Who leads over a range whose two designs tie at one end: the leader at the other end. */
static const char *end_tie_leader(const pl_sensitivity *s, int k)
{
    double d = s->be[k].tie == PL_SENS_TIE_LOW_END ? s->at_hi[k].diff : s->at_lo[k].diff;
    return d > 0 ? s->base.name[s->a] : s->base.name[s->b];
}

static void breakeven_text(const pl_sensitivity *s, int k, char *buf, size_t n)
{
    const pl_sens_breakeven *be = &s->be[k];
    const char *A = s->base.name[s->a], *B = s->base.name[s->b];
    if (!be->flips) {
        const char *w = s->at_lo[k].diff >= 0 ? A : B;
        snprintf(buf, n, "no flip within the range (%s ahead throughout)", w);
        return;
    }
    const char *below = s->at_lo[k].diff > 0 ? A : B, *above = s->at_lo[k].diff > 0 ? B : A;
    const char *x = s->range[k].scale ? "x" : "";
    if (be->tie == PL_SENS_TIE_LOW_END || be->tie == PL_SENS_TIE_HIGH_END) /* nothing changes hands */
        snprintf(buf, n, "a tie at the %s end (%s%.4g) on these runs; %s ahead %s it",
                 be->tie == PL_SENS_TIE_LOW_END ? "low" : "high", x, be->at, end_tie_leader(s, k),
                 be->tie == PL_SENS_TIE_LOW_END ? "above" : "below");
    else if (be->tie == PL_SENS_TIE_INSIDE)
        snprintf(buf, n, "%s%.4g (a tie there on these runs): %s ahead below, %s above", x, be->at, below, above);
    else
        snprintf(buf, n, "%s%.4g (+-%.2g): %s ahead below, %s above", x, be->at, (be->bracket_hi - be->bracket_lo) / 2,
                 below, above);
}

/* The key finding in words (the summary's and the page's first paragraph). */
static void findings(const pl_sensitivity *s, char *buf, size_t n)
{
    size_t len = 0;
    if (s->a < 0) {
        snprintf(buf, n, "The scenario has one %s: the analyses show how its %s moves with each assumption.",
                 s->base.item, s->base.measure);
        return;
    }
    const pl_sens_point *b = &s->base_point;
    const char *A = s->base.name[s->a], *B = s->base.name[s->b];
    len += (size_t)snprintf(buf + len, n - len,
                            "Under the scenario's assumptions, %s has %s %.1f%% and %s %.1f%%: the difference on the same "
                            "runs is %+.1f points [%+.1f, %+.1f]%s. ",
                            A, s->base.measure, 100 * b->rate[s->a], B, 100 * b->rate[s->b], 100 * b->diff,
                            100 * b->diff_lo, 100 * b->diff_hi,
                            (b->diff_lo > 0 || b->diff_hi < 0) ? "" : ", within the noise");
    if (len < n) pl_sens_depends_text(s, buf + len, n - len);
}

void pl_sens_depends_text(const pl_sensitivity *s, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    if (s->a < 0 || !s->n_ranges) return;
    const char *A = s->base.name[s->a], *B = s->base.name[s->b];
    int ord[PL_SENS_MAX_RANGES];
    order_by_swing(s, s->base.n, ord);
    int top = ord[0];
    if (s->quick) /* the intervals say whether the move is more than the noise at these runs */
        len += (size_t)snprintf(buf + len, n - len, "the difference depends most on %s (from %+.1f [%+.1f, %+.1f] to "
                                "%+.1f [%+.1f, %+.1f] points over %s%g..%s%g). ", s->range[top].name,
                                100 * s->at_lo[top].diff, 100 * s->at_lo[top].diff_lo, 100 * s->at_lo[top].diff_hi,
                                100 * s->at_hi[top].diff, 100 * s->at_hi[top].diff_lo, 100 * s->at_hi[top].diff_hi,
                                s->range[top].scale ? "x" : "", s->range[top].lo, s->range[top].scale ? "x" : "",
                                s->range[top].hi);
    else
        len += (size_t)snprintf(buf + len, n - len, "The difference depends most on %s (it moves from %+.1f to %+.1f "
                                "points over %s%g..%s%g). ", s->range[top].name, 100 * s->at_lo[top].diff,
                                100 * s->at_hi[top].diff, s->range[top].scale ? "x" : "", s->range[top].lo,
                                s->range[top].scale ? "x" : "", s->range[top].hi);
    int flips = 0;
    for (int i = 0; i < s->n_ranges && len < n; i++) {
        int k = ord[i];
        if (!s->be[k].flips) continue;
        const char *below = s->at_lo[k].diff > 0 ? A : B, *above = s->at_lo[k].diff > 0 ? B : A;
        const char *x = s->range[k].scale ? "x" : "";
        int tie = s->be[k].tie;
        if (tie == PL_SENS_TIE_LOW_END || tie == PL_SENS_TIE_HIGH_END) { /* a tie at an end, not a change of leader */
            const char *ahead = end_tie_leader(s, k);
            len += (size_t)snprintf(buf + len, n - len, "%s %s is ahead over the range of %s but ties with %s at its %s "
                                    "end (%s%.3g) on these runs. ", flips ? "And" : "The ranking comes to a tie:", ahead,
                                    s->range[k].name, ahead == A ? B : A, tie == PL_SENS_TIE_LOW_END ? "low" : "high", x,
                                    s->be[k].at);
        } else
            len += (size_t)snprintf(buf + len, n - len, "%s %s is ahead while %s < %s%.3g, %s above it. ",
                                    flips ? "And" : "The ranking flips:", below, s->range[k].name, x, s->be[k].at, above);
        flips++;
    }
    if (!flips && len < n)
        snprintf(buf + len, n - len, "%s", s->quick ? "No single assumption flips the ranking clearly (beyond the noise at "
                                                      "both ends of its range, the others at their values)."
                                                    : "No single assumption flips the ranking within its range (the "
                                                      "others at their values).");
}

void pl_sens_write_summary(FILE *f, const pl_sensitivity *s)
{
    const pl_eval_result *e = &s->base;
    pl_overrides_print(f, s->log, "analysis"); /* the baseline's changes, as parley run's summary opens */
    fprintf(f, "Sensitivity of %s (%s)\n", s->scenario_name[0] ? s->scenario_name : s->path, s->path);
    fprintf(f, "%llu runs per point, seed %llu, the same random numbers at every point; %d evaluations\n",
            (unsigned long long)s->runs, (unsigned long long)s->seed, s->evaluations);
    char text[2048];
    findings(s, text, sizeof text);
    fprintf(f, "\n%s\n\n", text);
    fprintf(f, "Assumptions varied\n");
    int nw = 10;
    for (int k = 0; k < s->n_ranges; k++)
        if ((int)strlen(s->range[k].name) > nw) nw = (int)strlen(s->range[k].name);
    if (nw > 60) nw = 60;
    for (int k = 0; k < s->n_ranges; k++) {
        char rt[64];
        range_text(&s->range[k], rt, sizeof rt);
        fprintf(f, "  %2d  %-*.*s  %-16s  value %-8g %s%s\n", k + 1, nw, nw, s->range[k].name, rt, s->range[k].base,
                s->range[k].scale ? "(a factor on every value named)" : s->range[k].whole ? "(whole numbers)" : "",
                s->range[k].added ? " (the file: its default)" : "");
    }
    int ord[PL_SENS_MAX_RANGES];
    if (s->a >= 0) {
        fprintf(f, "\nOne at a time: %s - %s, %s in points (95%% interval, paired), largest swing first\n", e->name[s->a],
                e->name[s->b], e->measure);
        order_by_swing(s, e->n, ord);
        fprintf(f, "  %-*s  %-22s  %-22s  %6s  %s\n", nw, "assumption", "at the low end", "at the high end", "swing",
                "break-even");
        for (int i = 0; i < s->n_ranges; i++) {
            int k = ord[i];
            char lo[48], hi[48], be[256];
            snprintf(lo, sizeof lo, "%+.1f [%+.1f, %+.1f]", 100 * s->at_lo[k].diff, 100 * s->at_lo[k].diff_lo, 100 * s->at_lo[k].diff_hi);
            snprintf(hi, sizeof hi, "%+.1f [%+.1f, %+.1f]", 100 * s->at_hi[k].diff, 100 * s->at_hi[k].diff_lo, 100 * s->at_hi[k].diff_hi);
            breakeven_text(s, k, be, sizeof be);
            fprintf(f, "  %-*.*s  %-22s  %-22s  %6.1f  %s\n", nw, nw, s->range[k].name, lo, hi, 100 * swing(s, k, e->n), be);
        }
    }
    fprintf(f, "\nOne at a time: each %s's %s (%%) at the low and high end of each range\n", e->item, e->measure);
    int cw[PL_EVAL_MAX_DESIGNS]; /* each column as wide as its name or "100.0..100.0" */
    for (int d = 0; d < e->n; d++) cw[d] = (int)strlen(e->name[d]) > 12 ? (int)strlen(e->name[d]) : 12;
    fprintf(f, "  %-*s", nw, "assumption");
    for (int d = 0; d < e->n; d++) fprintf(f, "  %*s", cw[d], e->name[d]);
    fprintf(f, "\n  %-*s", nw, "(baseline)");
    for (int d = 0; d < e->n; d++) fprintf(f, "  %*.1f", cw[d], 100 * s->base_point.rate[d]);
    fprintf(f, "\n");
    for (int k = 0; k < s->n_ranges; k++) {
        fprintf(f, "  %-*.*s", nw, nw, s->range[k].name);
        for (int d = 0; d < e->n; d++) {
            char c[48];
            snprintf(c, sizeof c, "%.1f..%.1f", 100 * s->at_lo[k].rate[d], 100 * s->at_hi[k].rate[d]);
            fprintf(f, "  %*s", cw[d], c);
        }
        fprintf(f, "\n");
    }
    if (s->sobol_n) {
        fprintf(f, "\nSobol indices over all ranges together (%d Latin hypercube rows x %d points, %llu runs a point; "
                   "95%% bootstrap intervals, %d resamples)\n",
                s->sobol_n, s->n_ranges + 2, (unsigned long long)s->sobol_runs, s->bootstrap);
        int O = e->n + (s->a >= 0 ? 1 : 0);
        for (int o = 0; o < O; o++) {
            char oname[160];
            if (o < e->n)
                snprintf(oname, sizeof oname, "%s of %s", e->measure, e->name[o]);
            else
                snprintf(oname, sizeof oname, "%s - %s", e->name[s->a], e->name[s->b]);
            if (!(s->sobol_var[o] > 1e-12)) {
                fprintf(f, "  %s: constant over the ranges, no indices\n", oname);
                continue;
            }
            fprintf(f, "  %s (variance %.3g)\n", oname, s->sobol_var[o]);
            fprintf(f, "    %-*s  %-24s  %s\n", nw, "assumption", "first order", "total");
            for (int k = 0; k < s->n_ranges; k++) {
                const pl_sens_index *ix = &s->sobol[k][o];
                char a[64], b[64];
                snprintf(a, sizeof a, "%.3f [%.3f, %.3f]", ix->s1, ix->s1_lo, ix->s1_hi);
                snprintf(b, sizeof b, "%.3f [%.3f, %.3f]", ix->st, ix->st_lo, ix->st_hi);
                fprintf(f, "    %-*.*s  %-24s  %s\n", nw, nw, s->range[k].name, a, b);
            }
        }
    }
    if (s->grid_r >= 0) {
        fprintf(f, "\nTwo at a time: %s - %s (points); rows %s, columns %s\n", e->name[s->a], e->name[s->b],
                s->range[s->grid_r].name, s->range[s->grid_c].name);
        fprintf(f, "  %10s", "");
        for (int j = 0; j < s->grid_steps; j++) fprintf(f, "  %7.4g", s->grid_y[j]);
        fprintf(f, "\n");
        for (int i = 0; i < s->grid_steps; i++) {
            fprintf(f, "  %10.4g", s->grid_x[i]);
            for (int j = 0; j < s->grid_steps; j++) fprintf(f, "  %+7.1f", 100 * s->grid[i][j].diff);
            fprintf(f, "\n");
        }
        fprintf(f, "  positive: %s ahead; negative: %s ahead\n", e->name[s->a], e->name[s->b]);
    }
    fprintf(f, "\nResults hold only under the scenario's other assumptions; intervals are Monte Carlo noise only.\n");
}

/* ---- files ------------------------------------------------------------------------ */

static int csv_open(const char *dir, const char *name, pl_outfile *f, pl_error *err)
{
    char *path = pl_path_join(dir, name);
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    int rc = pl_outfile_open(f, path, err);
    pl_free(path);
    return rc;
}

static int write_csvs(const char *dir, const pl_sensitivity *s, pl_error *err)
{
    const pl_eval_result *e = &s->base;
    pl_outfile f;
    int rc;
    if ((rc = csv_open(dir, "sensitivity.csv", &f, err))) return rc;
    fprintf(f.f, "assumption,scale,base,end,value,output,estimate,lo,hi\n");
    for (int k = 0; k < s->n_ranges; k++)
        for (int end = 0; end < 2; end++) {
            const pl_sens_point *p = end ? &s->at_hi[k] : &s->at_lo[k];
            for (int o = 0; o <= e->n; o++) {
                if (o == e->n && s->a < 0) break;
                char out[2 * PL_EVAL_NAME_MAX + 8];
                if (o < e->n) snprintf(out, sizeof out, "%s", e->name[o]);
                else snprintf(out, sizeof out, "%s - %s", e->name[s->a], e->name[s->b]);
                pl_csv_text(f.f, s->range[k].name);
                fprintf(f.f, ",%d,%.10g,%s,%.10g,", s->range[k].scale, s->range[k].base, end ? "high" : "low",
                        end ? s->range[k].hi : s->range[k].lo);
                pl_csv_text(f.f, out);
                if (o < e->n) fprintf(f.f, ",%.6f,,\n", p->rate[o]);
                else fprintf(f.f, ",%.6f,%.6f,%.6f\n", p->diff, p->diff_lo, p->diff_hi);
            }
        }
    if ((rc = pl_outfile_commit(&f, err))) return rc;
    if (s->a >= 0) {
        if ((rc = csv_open(dir, "breakeven.csv", &f, err))) return rc;
        fprintf(f.f, "assumption,design,other,flips,break_even,bracket_lo,bracket_hi,diff_at_low,diff_at_high\n");
        for (int k = 0; k < s->n_ranges; k++) {
            const pl_sens_breakeven *be = &s->be[k];
            pl_csv_text(f.f, s->range[k].name), fputc(',', f.f);
            pl_csv_text(f.f, e->name[s->a]), fputc(',', f.f), pl_csv_text(f.f, e->name[s->b]);
            fprintf(f.f, ",%d,", be->flips);
            pl_csv_num(f.f, be->at), fputc(',', f.f), pl_csv_num(f.f, be->bracket_lo), fputc(',', f.f);
            pl_csv_num(f.f, be->bracket_hi);
            fprintf(f.f, ",%.6f,%.6f\n", s->at_lo[k].diff, s->at_hi[k].diff);
        }
        if ((rc = pl_outfile_commit(&f, err))) return rc;
    }
    if (s->sobol_n) {
        if ((rc = csv_open(dir, "sobol.csv", &f, err))) return rc;
        fprintf(f.f, "output,assumption,first_order,first_order_lo,first_order_hi,total,total_lo,total_hi\n");
        for (int o = 0; o <= e->n; o++) {
            if (o == e->n && s->a < 0) break;
            for (int k = 0; k < s->n_ranges; k++) {
                const pl_sens_index *ix = &s->sobol[k][o];
                char out[2 * PL_EVAL_NAME_MAX + 8];
                if (o < e->n) snprintf(out, sizeof out, "%s", e->name[o]);
                else snprintf(out, sizeof out, "%s - %s", e->name[s->a], e->name[s->b]);
                pl_csv_text(f.f, out), fputc(',', f.f), pl_csv_text(f.f, s->range[k].name);
                double v[6] = {ix->s1, ix->s1_lo, ix->s1_hi, ix->st, ix->st_lo, ix->st_hi};
                for (int i = 0; i < 6; i++) fputc(',', f.f), pl_csv_num(f.f, v[i]);
                fputc('\n', f.f);
            }
        }
        if ((rc = pl_outfile_commit(&f, err))) return rc;
    }
    if (s->grid_r >= 0) {
        if ((rc = csv_open(dir, "grid.csv", &f, err))) return rc;
        fprintf(f.f, "row_value,column_value,diff,diff_lo,diff_hi,ahead\n");
        for (int i = 0; i < s->grid_steps; i++)
            for (int j = 0; j < s->grid_steps; j++) {
                const pl_sens_point *p = &s->grid[i][j];
                fprintf(f.f, "%.10g,%.10g,%.6f,%.6f,%.6f,", s->grid_x[i], s->grid_y[j], p->diff, p->diff_lo, p->diff_hi);
                pl_csv_text(f.f, p->diff > 0 ? e->name[s->a] : p->diff < 0 ? e->name[s->b] : "tie");
                fputc('\n', f.f);
            }
        if ((rc = pl_outfile_commit(&f, err))) return rc;
    }
    return PL_OK;
}

static json_t *jpoint(const pl_sensitivity *s, const pl_sens_point *p)
{
    json_t *j = json_object(), *r = json_object();
    for (int d = 0; d < s->base.n; d++) json_object_set_new(r, s->base.name[d], pl_json_num(p->rate[d]));
    json_object_set_new(j, "rate", r);
    if (s->a >= 0) {
        json_t *d = json_object();
        json_object_set_new(d, "est", pl_json_num(p->diff));
        json_object_set_new(d, "lo", pl_json_num(p->diff_lo));
        json_object_set_new(d, "hi", pl_json_num(p->diff_hi));
        json_object_set_new(j, "difference", d);
    }
    return j;
}

static json_t *results_json(const pl_sensitivity *s)
{
    const pl_eval_result *e = &s->base;
    json_t *root = json_object();
    json_object_set_new(root, "scenario", json_string(s->path));
    json_object_set_new(root, "kind", json_string(s->kind));
    json_object_set_new(root, "runs", json_integer((json_int_t)s->runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)s->seed));
    json_object_set_new(root, "measure", json_string(e->measure));
    json_object_set_new(root, "overrides", pl_overrides_json(s->log)); /* as parley run's results.json */
    if (s->a >= 0) {
        json_t *c = json_array();
        json_array_append_new(c, json_string(e->name[s->a]));
        json_array_append_new(c, json_string(e->name[s->b]));
        json_object_set_new(root, "compared", c);
    }
    char text[2048];
    findings(s, text, sizeof text);
    json_object_set_new(root, "finding", json_string(text));
    json_object_set_new(root, "baseline", jpoint(s, &s->base_point));
    json_t *rs = json_array();
    for (int k = 0; k < s->n_ranges; k++) {
        const pl_sens_range *r = &s->range[k];
        json_t *j = json_object(), *paths = json_array();
        json_object_set_new(j, "name", json_string(r->name));
        for (int i = 0; i < r->n_paths; i++) json_array_append_new(paths, json_string(r->path[i]));
        json_object_set_new(j, "paths", paths);
        json_object_set_new(j, "scale", json_boolean(r->scale));
        json_object_set_new(j, "whole", json_boolean(r->whole));
        json_object_set_new(j, "values_moved", json_integer(r->n_values));
        json_object_set_new(j, "base", pl_json_num(r->base));
        if (r->added) json_object_set_new(j, "file_default", json_true()); /* the file leaves it out */
        json_object_set_new(j, "low", pl_json_num(r->lo));
        json_object_set_new(j, "high", pl_json_num(r->hi));
        json_object_set_new(j, "at_low", jpoint(s, &s->at_lo[k]));
        json_object_set_new(j, "at_high", jpoint(s, &s->at_hi[k]));
        if (s->a >= 0) {
            json_t *be = json_object();
            json_object_set_new(be, "flips", json_boolean(s->be[k].flips));
            json_object_set_new(be, "at", pl_json_num(s->be[k].at));
            json_object_set_new(be, "bracket_lo", pl_json_num(s->be[k].bracket_lo));
            json_object_set_new(be, "bracket_hi", pl_json_num(s->be[k].bracket_hi));
            json_object_set_new(j, "break_even", be);
        }
        if (s->sobol_n) {
            json_t *so = json_object();
            for (int o = 0; o <= e->n; o++) {
                if (o == e->n && s->a < 0) break;
                const pl_sens_index *ix = &s->sobol[k][o];
                json_t *x = json_object();
                json_object_set_new(x, "first_order", pl_json_num(ix->s1));
                json_object_set_new(x, "first_order_lo", pl_json_num(ix->s1_lo));
                json_object_set_new(x, "first_order_hi", pl_json_num(ix->s1_hi));
                json_object_set_new(x, "total", pl_json_num(ix->st));
                json_object_set_new(x, "total_lo", pl_json_num(ix->st_lo));
                json_object_set_new(x, "total_hi", pl_json_num(ix->st_hi));
                json_object_set_new(so, o < e->n ? e->name[o] : "difference", x);
            }
            json_object_set_new(j, "sobol", so);
        }
        json_array_append_new(rs, j);
    }
    json_object_set_new(root, "ranges", rs);
    if (s->sobol_n) {
        json_object_set_new(root, "sobol_rows", json_integer(s->sobol_n));
        json_object_set_new(root, "sobol_runs", json_integer((json_int_t)s->sobol_runs));
        json_object_set_new(root, "bootstrap", json_integer(s->bootstrap));
    }
    if (s->grid_r >= 0) {
        json_t *g = json_object(), *cells = json_array();
        json_object_set_new(g, "rows", json_string(s->range[s->grid_r].name));
        json_object_set_new(g, "columns", json_string(s->range[s->grid_c].name));
        for (int i = 0; i < s->grid_steps; i++)
            for (int j = 0; j < s->grid_steps; j++) {
                json_t *c = jpoint(s, &s->grid[i][j]);
                json_object_set_new(c, "row_value", pl_json_num(s->grid_x[i]));
                json_object_set_new(c, "column_value", pl_json_num(s->grid_y[j]));
                json_array_append_new(cells, c);
            }
        json_object_set_new(g, "cells", cells);
        json_object_set_new(root, "grid", g);
    }
    return root;
}

/* A tornado: each range's change of output o from the baseline at its two ends, largest swing on top. */
static void tornado(pl_report *rep, const pl_sensitivity *s, int o, const char *title)
{
    int ord[PL_SENS_MAX_RANGES];
    order_by_swing(s, o, ord);
    const char *labels[PL_SENS_MAX_RANGES];
    double lo[PL_SENS_MAX_RANGES], hi[PL_SENS_MAX_RANGES];
    double base = o < s->base.n ? s->base_point.rate[o] : s->base_point.diff;
    for (int i = 0; i < s->n_ranges; i++) {
        int k = ord[i];
        labels[i] = s->range[k].name;
        lo[i] = 100 * ((o < s->base.n ? s->at_lo[k].rate[o] : s->at_lo[k].diff) - base);
        hi[i] = 100 * ((o < s->base.n ? s->at_hi[k].rate[o] : s->at_hi[k].diff) - base);
    }
    int moves = 0;
    for (int i = 0; i < s->n_ranges; i++) moves |= lo[i] != 0 || hi[i] != 0;
    if (!moves) { /* an empty chart would look broken: say what it would show */
        char text[600];
        snprintf(text, sizeof text, "%s: no bar to draw. At both ends of every range it is what it is at the "
                 "baseline, on these runs: none of these assumptions moves it.", title);
        pl_report_note(rep, text);
        return;
    }
    pl_chart *c = pl_chart_create(PL_CHART_BAR, title);
    pl_chart_set_horizontal(c, 1);
    pl_chart_set_categories(c, (size_t)s->n_ranges, labels);
    pl_chart_add_series(c, "at the low end of the range", lo, (size_t)s->n_ranges);
    pl_chart_add_series(c, "at the high end of the range", hi, (size_t)s->n_ranges);
    pl_chart_set_axis_titles(c, "assumption", "change from the baseline (points)");
    pl_report_chart(rep, c, NULL);
    pl_chart_free(c);
}

int pl_sens_write_report(const char *path, const pl_sensitivity *s, pl_error *err)
{
    const pl_eval_result *e = &s->base;
    char title[400], text[2048];
    snprintf(title, sizeof title, "Sensitivity: %s", s->scenario_name[0] ? s->scenario_name : s->path);
    pl_report *rep = pl_report_create(title);
    if (!rep) return pl_error_set(err, PL_ENOMEM, "out of memory");
    pl_report_paramf(rep, "scenario", "%s", s->path);
    pl_report_paramf(rep, "runs per point", "%llu", (unsigned long long)s->runs);
    pl_report_paramf(rep, "seed", "%llu", (unsigned long long)s->seed);
    char cmd[8] = ""; /* (the report gives no command line to append the flags to) */
    pl_overrides_report(rep, s->log, cmd, sizeof cmd); /* one line each, as parley run's report */
    snprintf(text, sizeof text, "Every %s runs on the same random numbers at every point, so what moves between points "
             "is the assumption. Intervals are Monte Carlo noise only; results hold only under the scenario's other "
             "assumptions.", e->item);
    pl_report_assumption(rep, text);
    pl_report_section(rep, "Key finding");
    findings(s, text, sizeof text);
    pl_report_paragraph(rep, text);
    pl_report_section(rep, "Assumptions varied");
    {
        const char *head[] = {"#", "assumption", "paths", "value", "range", "values moved"};
        pl_report_table_begin(rep, "Each range; a factor scales every value its paths name", 6, head);
        for (int k = 0; k < s->n_ranges; k++) {
            char n[16], paths[PL_SENS_MAX_PATHS * PL_YPATH_MAX] = "", v[32], r[64], m[16];
            size_t len = 0;
            for (int i = 0; i < s->range[k].n_paths; i++)
                len += (size_t)snprintf(paths + len, sizeof paths - len, "%s%s", i ? ", " : "", s->range[k].path[i]);
            snprintf(n, sizeof n, "%d", k + 1);
            snprintf(v, sizeof v, "%s%g", s->range[k].scale ? "x" : "", s->range[k].base);
            range_text(&s->range[k], r, sizeof r);
            snprintf(m, sizeof m, "%d", s->range[k].n_values);
            const char *row[] = {n, s->range[k].name, paths, v, r, m};
            pl_report_table_row(rep, row, 0);
        }
        pl_report_table_end(rep);
    }
    pl_report_section(rep, "One at a time: tornado charts");
    if (s->a >= 0) {
        snprintf(title, sizeof title, "%s - %s: change of the paired difference", e->name[s->a], e->name[s->b]);
        tornado(rep, s, e->n, title);
    }
    for (int d = 0; d < e->n; d++) {
        snprintf(title, sizeof title, "%s: change of its %s", e->name[d], e->measure);
        tornado(rep, s, d, title);
    }
    if (s->a >= 0) {
        pl_report_section(rep, "Break-even values");
        const char *head[] = {"assumption", "difference at the low end", "at the high end", "break-even"};
        snprintf(title, sizeof title, "Where the ranking of the two %s flips (bisection; the others at their values)",
                 e->items);
        pl_report_table_begin(rep, title, 4, head);
        for (int k = 0; k < s->n_ranges; k++) {
            char lo[64], hi[64], be[256];
            snprintf(lo, sizeof lo, "%+.1f [%+.1f, %+.1f]", 100 * s->at_lo[k].diff, 100 * s->at_lo[k].diff_lo, 100 * s->at_lo[k].diff_hi);
            snprintf(hi, sizeof hi, "%+.1f [%+.1f, %+.1f]", 100 * s->at_hi[k].diff, 100 * s->at_hi[k].diff_lo, 100 * s->at_hi[k].diff_hi);
            breakeven_text(s, k, be, sizeof be);
            const char *row[] = {s->range[k].name, lo, hi, be};
            pl_report_table_row(rep, row, s->be[k].flips);
        }
        pl_report_table_end(rep);
    }
    if (s->sobol_n) {
        pl_report_section(rep, "Sobol indices (all ranges together)");
        snprintf(text, sizeof text, "%d Latin hypercube rows, %d points each, %llu runs a point; first-order indices by "
                 "Saltelli's estimator, total by Jansen's, 95%% intervals from %d bootstrap resamples of the rows.",
                 s->sobol_n, s->n_ranges + 2, (unsigned long long)s->sobol_runs, s->bootstrap);
        pl_report_paragraph(rep, text);
        int o = s->a >= 0 ? e->n : 0;
        const char *labels[PL_SENS_MAX_RANGES];
        double v1[PL_SENS_MAX_RANGES], l1[PL_SENS_MAX_RANGES], h1[PL_SENS_MAX_RANGES];
        double vt[PL_SENS_MAX_RANGES], lt[PL_SENS_MAX_RANGES], ht[PL_SENS_MAX_RANGES];
        for (int k = 0; k < s->n_ranges; k++) {
            const pl_sens_index *ix = &s->sobol[k][o];
            labels[k] = s->range[k].name;
            v1[k] = ix->s1, l1[k] = ix->s1_lo, h1[k] = ix->s1_hi, vt[k] = ix->st, lt[k] = ix->st_lo, ht[k] = ix->st_hi;
        }
        snprintf(title, sizeof title, "Sobol indices of %s", o < e->n ? e->name[o] : "the paired difference");
        pl_chart *c = pl_chart_create(PL_CHART_BAR, title);
        pl_chart_set_horizontal(c, 1);
        pl_chart_set_categories(c, (size_t)s->n_ranges, labels);
        pl_chart_add_series(c, "first order", v1, (size_t)s->n_ranges);
        pl_chart_set_errors(c, 0, l1, h1);
        pl_chart_add_series(c, "total", vt, (size_t)s->n_ranges);
        pl_chart_set_errors(c, 1, lt, ht);
        pl_chart_set_axis_titles(c, "assumption", "share of the variance");
        pl_report_chart(rep, c, NULL);
        pl_chart_free(c);
    }
    if (s->grid_r >= 0) {
        snprintf(title, sizeof title, "Two at a time: which %s is ahead", e->item);
        pl_report_section(rep, title);
        double *m = pl_malloc(sizeof(double) * (size_t)s->grid_steps * s->grid_steps);
        char *lab = pl_malloc((size_t)2 * s->grid_steps * 32);
        if (m && lab) {
            const char *rl[PL_SENS_MAX_GRID], *cl[PL_SENS_MAX_GRID];
            for (int i = 0; i < s->grid_steps; i++) {
                snprintf(lab + 32 * i, 32, "%.4g", s->grid_x[i]);
                snprintf(lab + 32 * (s->grid_steps + i), 32, "%.4g", s->grid_y[i]);
                rl[i] = lab + 32 * i, cl[i] = lab + 32 * (s->grid_steps + i);
                for (int j = 0; j < s->grid_steps; j++) m[i * s->grid_steps + j] = 100 * s->grid[i][j].diff;
            }
            snprintf(title, sizeof title, "%s - %s (points): positive, %s ahead", e->name[s->a], e->name[s->b], e->name[s->a]);
            pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, title);
            pl_chart_set_matrix(c, (size_t)s->grid_steps, (size_t)s->grid_steps, m, rl, cl);
            pl_chart_set_axis_titles(c, s->range[s->grid_c].name, s->range[s->grid_r].name);
            pl_chart_set_decimals(c, 1);
            pl_report_chart(rep, c, NULL);
            pl_chart_free(c);
        }
        pl_free(m), pl_free(lab);
    }
    int rc = pl_report_write(rep, path, err);
    pl_report_free(rep);
    return rc;
}

int pl_sens_write_results(const char *dir, const pl_sensitivity *s, pl_error *err)
{
    int rc = pl_mkdir_p(dir, err);
    if (rc) return rc;
    if ((rc = write_csvs(dir, s, err))) return rc;
    pl_json_begin();
    json_t *j = results_json(s);
    char *path = pl_path_join(dir, "sensitivity.json");
    if (!path || !j || pl_json_failed())
        rc = pl_error_set(err, PL_ENOMEM, "out of memory");
    else
        rc = pl_write_json_file(path, j, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10), 1, err);
    json_decref(j);
    pl_free(path);
    if (rc) return rc;
    path = pl_path_join(dir, "sensitivity.html");
    if (!path) return pl_error_set(err, PL_ENOMEM, "out of memory");
    rc = pl_sens_write_report(path, s, err);
    pl_free(path);
    return rc;
}
