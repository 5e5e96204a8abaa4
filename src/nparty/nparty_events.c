// SPDX-License-Identifier: MIT
/* nparty_events.c — the dated event file read and checked, and "who answered whom" estimated
 * from it (see nparty_events.h for the format and the measures).
 *
 * The reader is strict because the file is evidence: every line has seven fields, a real date,
 * a known kind, a number or nothing for the intensity, and a source tag; anything else is an
 * error naming the file, line and column.  The analysis is plain counting with Wilson intervals
 * (pl_stats_wilson), so each figure can be checked by hand against the file. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/date.h"
#include "core/stats.h"
#include "core/text.h"
#include "io/csv.h"
#include "io/files.h"
#include "nparty/nparty_events.h"

const char *const np_event_kind_names[NP_EV_KIND_COUNT] = {"drill", "suspension", "launch", "test",
                                                          "sanctions", "veto",       "relief", "note"};

static const char *const header[] = {"date", "actor", "kind", "event", "intensity", "unit", "source"};
enum { NCOL = 7 };

/* Splits one line into fields (double quotes for commas inside a field); col[] gets each
 * field's 1-based column.  Returns the number of fields, or -1 with *bad the column of an
 * unterminated quote. */
static int split(char *line, char **f, int *col, int max, int *bad)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max) return n + 1; /* too many */
        col[n] = (int)(p - line) + 1;
        if (*p == '"') {
            char *w = p, *r = p + 1;
            f[n] = w;
            for (;;) {
                if (!*r) {
                    *bad = col[n];
                    return -1;
                }
                if (*r == '"' && r[1] == '"') *w++ = '"', r += 2;
                else if (*r == '"') break;
                else *w++ = *r++;
            }
            *w = 0;
            p = r + 1;
            n++;
            if (*p == ',') {
                p++;
                continue;
            }
            if (*p) {
                *bad = (int)(p - line) + 1;
                return -1;
            }
            return n;
        }
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c) return n;
        *c = 0;
        p = c + 1;
    }
}

static int cmp_event(const void *a, const void *b)
{
    const np_event *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    return x->line - y->line;
}

static np_share share(long k, long n)
{
    np_share s = {k, n, NAN, NAN, NAN};
    if (n > 0) pl_stats_wilson((uint64_t)k, (uint64_t)n, PL_STATS_Z95, &s.p, &s.lo, &s.hi);
    return s;
}

static int is_launch(const np_event *e) { return e->kind == NP_EV_LAUNCH || e->kind == NP_EV_TEST; }

/* Within `w` days after an event of `from` (day 0 counts: a launch the day a drill starts). */
static int within_after(const np_events *E, long day, int (*from)(const np_event *), int w)
{
    for (int i = 0; i < E->n; i++) {
        const np_event *e = &E->ev[i];
        if (e->d && from(e) && day >= e->day && day < e->day + w) return 1;
    }
    return 0;
}
static int is_drill(const np_event *e) { return e->kind == NP_EV_DRILL; }

static void analyse(np_events *E, int w)
{
    np_events_analysis *a = &E->an;
    memset(a, 0, sizeof *a);
    a->window_days = w;
    long lo = 0, hi = -1;
    for (int i = 0; i < E->n; i++) {
        const np_event *e = &E->ev[i];
        if (!e->d) continue;
        if (hi < lo) lo = hi = e->day, a->first = a->last = e->date;
        if (e->day < lo) lo = e->day, a->first = e->date;
        if (e->day > hi) hi = e->day, a->last = e->date;
        if (!isnan(e->intensity)) {
            if (is_drill(e)) a->drill_intensity_sum += e->intensity;
            if (is_launch(e)) a->launch_intensity_sum += e->intensity;
        }
    }
    a->span_days = hi >= lo ? hi - lo + 1 : 0;
    long kl = 0, nl = 0, kd = 0, nd = 0, cov_d = 0, cov_l = 0;
    for (int i = 0; i < E->n; i++) {
        const np_event *e = &E->ev[i];
        if (!e->d) continue;
        if (is_launch(e)) nl++, kl += within_after(E, e->day, is_drill, w);
        if (is_drill(e)) nd++, kd += within_after(E, e->day, is_launch, w);
    }
    for (long day = lo; day <= hi; day++) {
        cov_d += within_after(E, day, is_drill, w);
        cov_l += within_after(E, day, is_launch, w);
    }
    a->launch_after_drill = share(kl, nl);
    a->drill_after_launch = share(kd, nd);
    a->base_launch = a->span_days ? (double)cov_d / (double)a->span_days : NAN;
    a->base_drill = a->span_days ? (double)cov_l / (double)a->span_days : NAN;
    /* months from the first to the last event of any precision */
    if (!E->n) return;
    int m0 = E->ev[0].y * 12 + E->ev[0].m - 1, m1 = E->ev[E->n - 1].y * 12 + E->ev[E->n - 1].m - 1;
    int M = m1 - m0 + 1;
    unsigned char *drill = pl_calloc((size_t)M, 1), *launch = pl_calloc((size_t)M, 1);
    if (!drill || !launch) {
        pl_free(drill), pl_free(launch);
        return;
    }
    for (int i = 0; i < E->n; i++) {
        const np_event *e = &E->ev[i];
        int k = e->y * 12 + e->m - 1 - m0;
        if (is_drill(e)) drill[k] = 1;
        if (is_launch(e)) launch[k] = 1;
    }
    long ld_k = 0, ld_n = 0, ln_k = 0, ln_n = 0, dl_k = 0, dl_n = 0, dn_k = 0, dn_n = 0;
    for (int k = 1; k < M; k++) {
        int d_recent = drill[k] || drill[k - 1];
        if (d_recent) ld_n++, ld_k += launch[k];
        else ln_n++, ln_k += launch[k];
        if (launch[k - 1]) dl_n++, dl_k += drill[k];
        else dn_n++, dn_k += drill[k];
    }
    a->months = M;
    a->launch_given_drill = share(ld_k, ld_n);
    a->launch_given_no_drill = share(ln_k, ln_n);
    a->drill_given_launch = share(dl_k, dl_n);
    a->drill_given_no_launch = share(dn_k, dn_n);
    pl_free(drill), pl_free(launch);
}

void np_events_free(np_events *E)
{
    if (!E) return;
    for (int i = 0; i < E->n; i++) {
        np_event *e = &E->ev[i];
        pl_free(e->date), pl_free(e->actor), pl_free(e->what), pl_free(e->unit), pl_free(e->source);
    }
    pl_free(E->ev);
    pl_free(E->path);
    pl_free(E);
}

#define FAIL(line, col, ...)                                                                                          \
    do {                                                                                                               \
        char m_[400];                                                                                                  \
        snprintf(m_, sizeof m_, __VA_ARGS__);                                                                          \
        rc = pl_error_set(err, PL_EINVAL, "%s:%d:%d: %s", path, (line), (col), m_);                                    \
        goto done;                                                                                                     \
    } while (0)

int np_events_load(const char *path, int window_days, np_events **out, pl_error *err)
{
    *out = NULL;
    int rc = PL_OK;
    FILE *f;
    if ((rc = pl_input_open(&f, path, "an event file", err))) return rc;
    np_events *E = pl_calloc(1, sizeof *E);
    char *buf = NULL;
    size_t bufcap = 0, len;
    int cap = 0, lineno = 0, seen_header = 0, got = 0;
    if (!E || !(E->path = pl_strdup(path))) {
        rc = pl_error_set(err, PL_ENOMEM, "out of memory");
        goto done;
    }
    while ((got = pl_read_line(f, path, "an event file", lineno + 1, &buf, &bufcap, &len, 4094, err)) == 1) {
        lineno++;
        if (!len || buf[0] == '#') continue; /* blank lines and comments */
        char *fld[NCOL + 1];
        int col[NCOL + 1], bad = 0;
        int n = split(buf, fld, col, NCOL, &bad);
        if (n < 0) FAIL(lineno, bad, "a quoted field is not closed (or text follows its closing quote)");
        if (!seen_header) {
            for (int k = 0; k < NCOL; k++)
                if (k >= n || strcmp(fld[k], header[k]))
                    FAIL(lineno, k < n ? col[k] : 1,
                         "the header must be: date,actor,kind,event,intensity,unit,source (column %d is '%s')", k + 1,
                         k < n ? fld[k] : "missing");
            if (n > NCOL) FAIL(lineno, 1, "the header has more than %d columns", NCOL);
            seen_header = 1;
            continue;
        }
        if (n != NCOL)
            FAIL(lineno, n > NCOL ? col[NCOL - 1] : 1, "expected %d fields (date,actor,kind,event,intensity,unit,source), found %d",
                 NCOL, n);
        if (E->n == cap) {
            int nc = cap ? cap * 2 : 64;
            np_event *ne = pl_realloc(E->ev, sizeof *ne * (size_t)nc);
            if (!ne) {
                rc = pl_error_set(err, PL_ENOMEM, "out of memory");
                goto done;
            }
            E->ev = ne, cap = nc;
        }
        np_event *e = &E->ev[E->n];
        memset(e, 0, sizeof *e);
        e->line = lineno;
        if (pl_date_parse(fld[0], &e->y, &e->m, &e->d))
            FAIL(lineno, col[0], "'date' must be a real date, YYYY-MM-DD (or YYYY-MM), found '%s'", fld[0]);
        e->day = pl_date_to_days(e->y, e->m, e->d ? e->d : 1);
        if (!*fld[1]) FAIL(lineno, col[1], "'actor' is empty");
        int k = -1;
        for (int j = 0; j < NP_EV_KIND_COUNT; j++)
            if (!strcmp(fld[2], np_event_kind_names[j])) k = j;
        if (k < 0)
            FAIL(lineno, col[2],
                 "unknown kind '%s'; expected one of: drill, suspension, launch, test, sanctions, veto, relief, note",
                 fld[2]);
        e->kind = (np_event_kind)k;
        e->intensity = NAN;
        if (*fld[4]) {
            pl_error perr; /* the one number reader: no hex, no spaces, an underflow called too small */
            double v;
            if (pl_parse_double(fld[4], 0, 1e15, &v, &perr))
                FAIL(lineno, col[4], "'intensity' must be a number of 0 or more (troops, aircraft, missiles) or empty: %.300s",
                     perr.msg);
            e->intensity = v;
            if (!*fld[5]) FAIL(lineno, col[5], "an intensity needs its 'unit' (troops, aircraft, missiles)");
        }
        const char *s = fld[6];
        int tagged = 0;
        for (const char *q = strchr(s, '['); q; q = strchr(q + 1, '['))
            if (isupper((unsigned char)q[1]) && isdigit((unsigned char)q[2])) tagged = 1;
        if (!tagged) FAIL(lineno, col[6], "'source' needs a fact-sheet tag such as [K9], found '%s'", s);
        if (!(e->date = pl_strdup(fld[0])) || !(e->actor = pl_strdup(fld[1])) || !(e->what = pl_strdup(fld[3])) ||
            !(e->unit = pl_strdup(fld[5])) || !(e->source = pl_strdup(fld[6]))) {
            E->n++;
            rc = pl_error_set(err, PL_ENOMEM, "out of memory");
            goto done;
        }
        E->n++;
    }
    if (got) {
        rc = got;
        goto done;
    }
    if (!seen_header) FAIL(1, 1, "empty event file: expected the header date,actor,kind,event,intensity,unit,source");
    if (!E->n) FAIL(lineno, 1, "no events after the header");
    qsort(E->ev, (size_t)E->n, sizeof *E->ev, cmp_event);
    analyse(E, window_days);
done:
    fclose(f);
    pl_free(buf);
    if (rc) {
        np_events_free(E);
        return rc;
    }
    *out = E;
    return PL_OK;
}

static void print_share(FILE *out, const char *what, np_share s)
{
    if (!s.n) {
        fprintf(out, "  %-58s  no cases\n", what);
        return;
    }
    fprintf(out, "  %-58s  %ld of %ld = %5.1f%% [%4.1f, %5.1f]\n", what, s.k, s.n, 100 * s.p, 100 * s.lo, 100 * s.hi);
}

void np_events_print(const np_events *E, int months, FILE *out)
{
    const np_events_analysis *a = &E->an;
    fprintf(out, "\nWho answered whom: %d dated events in %s, %s to %s\n", E->n, E->path, a->first ? a->first : "-",
            a->last ? a->last : "-");
    char w[96];
    snprintf(w, sizeof w, "launches within %d days after a drill starts", a->window_days);
    print_share(out, w, a->launch_after_drill);
    fprintf(out, "  %-58s  %5.1f%% of the days\n", "  base rate (launches at random over the same span)", 100 * a->base_launch);
    snprintf(w, sizeof w, "drills starting within %d days after a launch", a->window_days);
    print_share(out, w, a->drill_after_launch);
    fprintf(out, "  %-58s  %5.1f%% of the days\n", "  base rate (drills at random over the same span)", 100 * a->base_drill);
    fprintf(out, "Reaction functions by month (%d months), 95%% Wilson intervals:\n", a->months);
    print_share(out, "P(launch in a month | a drill began that month or the last)", a->launch_given_drill);
    print_share(out, "P(launch in a month | no drill began then)", a->launch_given_no_drill);
    print_share(out, "P(drill begins in a month | a launch the month before)", a->drill_given_launch);
    print_share(out, "P(drill begins in a month | no launch the month before)", a->drill_given_no_launch);
    if (months > 0) {
        /* what a `reaction:` policy plays: the posterior mean of each monthly rate, Beta(k + 1, n - k + 1),
         * as a period's chance 1 - (1 - p)^months; each run draws the rate afresh from that posterior */
        fprintf(out, "Reactions a `reaction:` policy plays, a %d-month period (posterior means; each run draws its own):\n", months);
        const struct {
            const char *name, *after, *otherwise;
            np_share s1, s0;
        } r[] = {{"launch_after_drill", "after a drill", "otherwise", a->launch_given_drill, a->launch_given_no_drill},
                 {"drill_after_launch", "after a launch", "otherwise", a->drill_given_launch, a->drill_given_no_launch}};
        for (int k = 0; k < 2; k++) {
            double m1 = (double)(r[k].s1.k + 1) / (double)(r[k].s1.n + 2), m0 = (double)(r[k].s0.k + 1) / (double)(r[k].s0.n + 2);
            fprintf(out, "  %-20s %s %5.1f%%, %s %5.1f%% (Beta(%ld, %ld) and Beta(%ld, %ld) a month)\n", r[k].name,
                    r[k].after, 100 * (1 - pow(1 - m1, months)), r[k].otherwise, 100 * (1 - pow(1 - m0, months)),
                    r[k].s1.k + 1, r[k].s1.n - r[k].s1.k + 1, r[k].s0.k + 1, r[k].s0.n - r[k].s0.k + 1);
        }
    }
    fprintf(out, "These events are the fact sheet's selection, not a catalogue (the US counted 46 ballistic missiles\n"
                 "in 25 launch events in 2022 to 10-28 [K22]): the shares describe the recorded events only, and\n"
                 "a selection made because a launch was called an answer to a drill biases them upward.\n");
}

int np_events_write_csv(const np_events *E, const char *path, pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    const np_events_analysis *a = &E->an;
    fprintf(o.f, "measure,k,n,share,lo,hi,base_rate\n");
    struct {
        const char *name;
        np_share s;
        double base;
    } rows[] = {
        {"launch_within_window_after_drill", a->launch_after_drill, a->base_launch},
        {"drill_within_window_after_launch", a->drill_after_launch, a->base_drill},
        {"launch_given_drill_this_or_last_month", a->launch_given_drill, NAN},
        {"launch_given_no_drill", a->launch_given_no_drill, NAN},
        {"drill_given_launch_last_month", a->drill_given_launch, NAN},
        {"drill_given_no_launch_last_month", a->drill_given_no_launch, NAN},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fprintf(o.f, "%s,%ld,%ld,", rows[i].name, rows[i].s.k, rows[i].s.n);
        pl_csv_num(o.f, rows[i].s.p), fputc(',', o.f);
        pl_csv_num(o.f, rows[i].s.lo), fputc(',', o.f);
        pl_csv_num(o.f, rows[i].s.hi), fputc(',', o.f);
        pl_csv_num(o.f, rows[i].base), fputc('\n', o.f);
    }
    return pl_outfile_commit(&o, err);
}
