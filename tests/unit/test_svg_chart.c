// SPDX-License-Identifier: MIT
/* test_svg_chart.c — every chart kind renders well-formed, deterministic, escaped SVG;
 * ticks are on 1-2-5 steps; degenerate data give an empty-state chart or a clear error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/svg_chart.h"
#include "io/svg_internal.h"
#include "parley/parley.h"

#define HOSTILE "<script>alert(1)</script>"

/* A small well-formedness check: tags nest and close, no raw '<' or '&' in text. */
static int well_formed(const char *s)
{
    const char *stack[256];
    size_t lens[256], depth = 0;
    int roots = 0;
    while (*s) {
        if (*s == '&') {
            const char *semi = strchr(s, ';');
            if (!semi || semi - s > 8) return 0;
            s = semi + 1;
            continue;
        }
        if (*s != '<') {
            s++;
            continue;
        }
        const char *end = strchr(s, '>');
        if (!end) return 0;
        for (const char *q = s + 1; q < end; q++)
            if (*q == '<') return 0; /* a '<' inside a tag: escaping failed */
        if (s[1] == '/') {
            size_t n = strcspn(s + 2, " >");
            if (!depth || lens[depth - 1] != n || strncmp(stack[depth - 1], s + 2, n)) return 0;
            depth--;
        } else if (end[-1] != '/') {
            if (depth == 256) return 0;
            if (!depth) roots++;
            stack[depth] = s + 1;
            lens[depth++] = strcspn(s + 1, " />");
        } else if (!depth) {
            roots++;
        }
        s = end + 1;
    }
    return depth == 0 && roots == 1;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* Renders c, checks the basics every chart must meet, returns the text (free it). */
static char *render_ok(pl_chart *c)
{
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_chart_svg(c, &sb, &err);
    if (rc) fail_msg("pl_chart_svg: %s", err.msg);
    char *s = pl_strbuf_release(&sb);
    assert_non_null(s);
    assert_true(!strncmp(s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39));
    assert_true(well_formed(s));
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, " id=")); /* no ids: many charts can share a page */
    assert_null(strstr(s, "nan"));
    assert_null(strstr(s, "inf"));
    /* a second rendering is byte-identical */
    pl_strbuf_init(&sb);
    assert_int_equal(pl_chart_svg(c, &sb, NULL), 0);
    assert_string_equal(pl_strbuf_cstr(&sb), s);
    pl_strbuf_free(&sb);
    return s;
}

static void ticks_are_nice(void **state)
{
    (void)state;
    double f, s;
    int n;
    assert_int_equal(pl_chart_nice_ticks(0, 1, 6, &f, &s, &n), 0);
    assert_true(f == 0 && fabs(s - 0.2) < 1e-12 && n == 6);
    assert_int_equal(pl_chart_nice_ticks(0, 97, 8, &f, &s, &n), 0);
    assert_true(f == 0 && s == 20 && n == 6);
    assert_int_equal(pl_chart_nice_ticks(-5, 12, 10, &f, &s, &n), 0);
    assert_true(f == -6 && s == 2 && n == 10);
    assert_int_equal(pl_chart_nice_ticks(3, 3, 5, &f, &s, &n), 0); /* one value: widened */
    assert_true(f <= 3 && f + (n - 1) * s >= 3 && n >= 2);
    assert_int_equal(pl_chart_nice_ticks(0, 0, 5, &f, &s, &n), 0);
    assert_true(f <= 0 && f + (n - 1) * s > 0);
    assert_int_equal(pl_chart_nice_ticks(0, NAN, 5, &f, &s, &n), PL_EINVAL);
    assert_int_equal(pl_chart_nice_ticks(-INFINITY, 1, 5, &f, &s, &n), PL_EINVAL);
    /* property: over many ranges, steps are 1, 2 or 5 times a power of ten, ticks cover the
     * range and there are at most max_ticks of them */
    pl_rng r;
    pl_rng_init(&r, 5, 0, 0);
    for (int i = 0; i < 20000; i++) {
        double a = (pl_rng_uniform(&r) - 0.5) * pow(10, (double)pl_rng_below(&r, 16) - 6);
        double b = a + pl_rng_uniform(&r) * pow(10, (double)pl_rng_below(&r, 16) - 6);
        int max = 2 + (int)pl_rng_below(&r, 12);
        assert_int_equal(pl_chart_nice_ticks(a, b, max, &f, &s, &n), 0);
        double m = s / pow(10, floor(log10(s) + 1e-9));
        assert_true(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6);
        assert_true(n >= 2 && n <= max);
        assert_true(f <= a + fabs(s) * 1e-6);
        assert_true(f + (n - 1) * s >= b - fabs(s) * 1e-6);
    }
}

static void bar_chart_with_errors_and_hostile_labels(void **state)
{
    (void)state;
    const char *cats[] = {"Tit For Tat", HOSTILE, "Defector"};
    double v[] = {2.5, 1.25, -0.5}, lo[] = {2.4, 1.1, -0.7}, hi[] = {2.6, 1.4, -0.3}, w[] = {1, 2, 3};
    pl_chart *c = pl_chart_create(PL_CHART_BAR, "Scores of " HOSTILE);
    pl_chart_set_subtitle(c, "sub & title");
    pl_chart_set_axis_titles(c, "strategy", "score \"per\" turn");
    assert_int_equal(pl_chart_set_categories(c, 3, cats), 0);
    assert_int_equal(pl_chart_add_series(c, "mean", v, 3), 0);
    assert_int_equal(pl_chart_add_series(c, "other <b>", w, 3), 0);
    assert_int_equal(pl_chart_set_errors(c, 0, lo, hi), 0);
    char *s = render_ok(c);
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(s, "Scores of &lt;script&gt;"));
    assert_non_null(strstr(s, "sub &amp; title"));
    assert_non_null(strstr(s, "score &quot;per&quot; turn"));
    assert_non_null(strstr(s, "other &lt;b&gt;"));
    assert_non_null(strstr(s, "Tit For Tat \xE2\x80\x94 mean: 2.50 [2.40, 2.60]</title>"));
    assert_int_equal(count(s, "</rect>"), 6); /* 6 bars, each with a tooltip */
    assert_non_null(strstr(s, "data-kind=\"bar\""));
    assert_non_null(strstr(s, "#0072B2"));
    assert_non_null(strstr(s, "#E69F00"));
    free(s);
    /* horizontal, and a chart rebuilt from the same calls gives the same bytes */
    pl_chart_set_horizontal(c, 1);
    s = render_ok(c);
    pl_chart *d = pl_chart_create(PL_CHART_BAR, "Scores of " HOSTILE);
    pl_chart_set_subtitle(d, "sub & title");
    pl_chart_set_axis_titles(d, "strategy", "score \"per\" turn");
    pl_chart_set_categories(d, 3, cats);
    pl_chart_add_series(d, "mean", v, 3);
    pl_chart_add_series(d, "other <b>", w, 3);
    pl_chart_set_errors(d, 0, lo, hi);
    pl_chart_set_horizontal(d, 1);
    char *t = render_ok(d);
    assert_string_equal(s, t);
    free(s);
    free(t);
    pl_chart_free(c);
    pl_chart_free(d);
}

static void long_labels_are_cut_rotated_and_thinned(void **state)
{
    (void)state;
    enum { N = 150 };
    char *labels[N];
    double v[N];
    for (int i = 0; i < N; i++) {
        labels[i] = malloc(80);
        snprintf(labels[i], 80, "A very long strategy name number %d with parameters (D, C, D)", i);
        v[i] = i % 7;
    }
    pl_chart *c = pl_chart_create(PL_CHART_BAR, "Many");
    pl_chart_set_categories(c, N, (const char *const *)labels);
    pl_chart_add_series(c, NULL, v, N);
    char *s = render_ok(c);
    assert_non_null(strstr(s, "rotate(-45"));
    assert_non_null(strstr(s, "\xE2\x80\xA6<title>A very long strategy name number 0 with parameters (D, C, D)</title>"));
    assert_true(count(s, "rotate(-45") < N); /* thinned */
    free(s);
    pl_chart_free(c);
    for (int i = 0; i < N; i++) free(labels[i]);
}

/* A few long names of several words: whole, on up to three lines each, not rotated and cut (six-party's
 * variants were cut to "Action for action as pr..."); a word too wide for its slot still rotates. */
static void long_names_of_a_few_categories_wrap_whole(void **state)
{
    (void)state;
    const char *cats[] = {"Action for action (as written)",
                          "Action for action as practised: the shutdown waits for the BDA funds",
                          "Denuclearisation first", "Front-loaded relief"};
    double v[] = {0.11, 0.2, 0.27, 0};
    pl_chart *c = pl_chart_create(PL_CHART_BAR, "Completion");
    pl_chart_set_categories(c, 4, cats);
    pl_chart_add_series(c, "completes", v, 4);
    char *s = render_ok(c);
    assert_null(strstr(s, "rotate(-45"));
    assert_null(strstr(s, "\xE2\x80\xA6")); /* nothing cut */
    assert_non_null(strstr(s, ">Denuclearisation first</text>"));
    assert_non_null(strstr(s, "BDA funds</text>"));
    size_t st[CAT_WRAP_LINES], ln[CAT_WRAP_LINES];
    int k = pl_svg_wrap_label(cats[1], 200, 12, st, ln);
    assert_true(k >= 2 && k <= CAT_WRAP_LINES);
    char joined[200] = "";
    for (int j = 0; j < k; j++) { /* the lines are the words in order, each within the width */
        char line[200];
        memcpy(line, cats[1] + st[j], ln[j]);
        line[ln[j]] = 0;
        assert_true(pl_svg_text_w(line, 12) <= 200);
        strcat(joined, j ? " " : ""), strcat(joined, line);
    }
    assert_string_equal(joined, cats[1]);
    char longest[700]; /* a name of 699 bytes wraps like any other (no copy of it is made to measure it) */
    for (size_t i = 0; i < sizeof longest - 1; i++) longest[i] = i % 10 == 9 ? ' ' : 'w';
    longest[sizeof longest - 1] = 0;
    int kl = pl_svg_wrap_label(longest, 3000, 12, st, ln);
    assert_true(kl >= 2 && kl <= CAT_WRAP_LINES);
    assert_int_equal(st[kl - 1] + ln[kl - 1], sizeof longest - 1); /* to its last byte */
    assert_int_equal(pl_svg_wrap_label("Supercalifragilisticexpialidocious-and-more", 100, 12, st, ln), 0);
    assert_int_equal(pl_svg_wrap_label("one two three four five six seven eight nine ten", 40, 12, st, ln), 0);
    free(s);
    pl_chart_free(c);
    const char *wide[] = {"Tit-For-Tat-With-A-Very-Long-Hyphenated-Name-Indeed", "b", "c", "d"};
    c = pl_chart_create(PL_CHART_BAR, "Wide");
    pl_chart_set_categories(c, 4, wide);
    pl_chart_add_series(c, NULL, v, 4);
    s = render_ok(c);
    assert_non_null(strstr(s, "rotate(-45"));
    free(s);
    pl_chart_free(c);
}

static void box_stats_follow_the_usual_definition(void **state)
{
    (void)state;
    double v[] = {9, 1, 2, 3, 4, 5, 6, 7, 8, 100, NAN};
    pl_chart_box_stats st;
    assert_int_equal(pl_chart_box_stats_of(v, 11, &st), 0);
    assert_int_equal(st.n, 10);
    assert_true(fabs(st.q1 - 3.25) < 1e-12);
    assert_true(fabs(st.median - 5.5) < 1e-12);
    assert_true(fabs(st.q3 - 7.75) < 1e-12);
    assert_true(st.whisker_lo == 1 && st.whisker_hi == 9);
    assert_int_equal(st.n_outliers, 1);
    assert_true(st.min == 1 && st.max == 100);
    double one = 4;
    assert_int_equal(pl_chart_box_stats_of(&one, 1, &st), 0);
    assert_true(st.q1 == 4 && st.median == 4 && st.q3 == 4 && st.whisker_lo == 4 && st.whisker_hi == 4);
    double none[] = {NAN, INFINITY};
    assert_int_equal(pl_chart_box_stats_of(none, 2, &st), PL_EINVAL);
    assert_int_equal(pl_chart_box_stats_of(NULL, 0, &st), PL_EINVAL);
}

static void box_chart_renders_outliers_and_degenerate_boxes(void **state)
{
    (void)state;
    double a[] = {9, 1, 2, 3, 4, 5, 6, 7, 8, 100}, same[] = {2, 2, 2, 2}, one[] = {3}, nan[] = {NAN};
    pl_chart *c = pl_chart_create(PL_CHART_BOX, "Ranked scores");
    pl_chart_add_box(c, "TFT", a, 10);
    pl_chart_add_box(c, HOSTILE, same, 4);
    pl_chart_add_box(c, "one", one, 1);
    pl_chart_add_box(c, "missing", nan, 1);
    pl_chart_add_box(c, "none", NULL, 0);
    char *s = render_ok(c);
    assert_non_null(strstr(s, "TFT: outlier 100</title>"));
    assert_non_null(strstr(s, "TFT: n=10, median 5.50, quartiles 3.25\xE2\x80\x93" "7.75"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;: n=4"));
    assert_non_null(strstr(s, ">missing<")); /* label drawn even with no box */
    free(s);
    pl_chart_free(c);
    /* all boxes empty: the empty state */
    c = pl_chart_create(PL_CHART_BOX, "Nothing");
    pl_chart_add_box(c, "x", nan, 1);
    s = render_ok(c);
    assert_non_null(strstr(s, "No data to show"));
    free(s);
    pl_chart_free(c);
}

static void heatmap_shows_values_scale_and_missing_cells(void **state)
{
    (void)state;
    double m[] = {3, 0, 5, NAN, 1, 2.5};
    const char *rows[] = {"Cooperator", HOSTILE}, *cols[] = {"C", "D", "E"};
    pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, "Payoffs");
    assert_int_equal(pl_chart_set_matrix(c, 2, 3, m, rows, cols), 0);
    pl_chart_set_axis_titles(c, "column", "row");
    char *s = render_ok(c);
    assert_non_null(strstr(s, "Cooperator \xC3\x97 C: 3</title>"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; \xC3\x97 C: no value</title>"));
    assert_non_null(strstr(s, ">2.50</text>")); /* one precision for every cell */
    assert_non_null(strstr(s, ">3.00</text>"));
    assert_non_null(strstr(s, "#440154")); /* the lowest value is viridis' darkest */
    assert_non_null(strstr(s, "#fde725"));
    assert_true(count(s, "<rect") >= 6 + 48); /* cells and the colour scale */
    free(s);
    pl_chart_free(c);
    /* all equal, labels numbered when NULL, a fixed range */
    double e[] = {1, 1, 1, 1};
    c = pl_chart_create(PL_CHART_HEATMAP, NULL);
    pl_chart_set_matrix(c, 2, 2, e, NULL, NULL);
    s = render_ok(c);
    assert_non_null(strstr(s, "1 \xC3\x97 2: 1</title>"));
    free(s);
    pl_chart_set_value_range(c, 0, 4);
    pl_chart_set_decimals(c, 1);
    s = render_ok(c);
    assert_non_null(strstr(s, ">1.0</text>"));
    free(s);
    pl_chart_free(c);
}

/* Issue 15: 243 players' charts drawn readably.  A large heat map is compact (a path a colour a row,
 * the row named on hover, no tooltip per cell), wider than the page, with long names whole; a tall
 * horizontal chart repeats its value labels at the top; a hostile label length is still cut. */
static void large_charts_stay_readable_and_compact(void **state)
{
    (void)state;
    enum { N = 250 };
    char *labels[N];
    double *m = malloc(sizeof *m * N * N), v[N];
    for (int i = 0; i < N; i++) {
        labels[i] = malloc(96);
        snprintf(labels[i], 96, i == 7 ? "ZD-Extort3: 0.11538461538461539, 0.3333333333333333, %d" : "P%d", i);
        v[i] = i % 3;
        for (int j = 0; j < N; j++) m[i * N + j] = (i + j) % 5;
    }
    m[3 * N + 4] = NAN;
    snprintf(labels[9], 96, "%s", HOSTILE);
    pl_chart *c = pl_chart_create(PL_CHART_HEATMAP, "Payoffs");
    pl_chart_set_matrix(c, N, N, m, (const char *const *)labels, (const char *const *)labels);
    char *s = render_ok(c);
    assert_int_equal(count(s, "\xC3\x97"), 0);          /* no tooltip per cell */
    assert_int_equal(count(s, " (row)</title>"), N);    /* a group per row, named */
    assert_true(count(s, "<path") <= N * 6);            /* at most one path per colour (5 and missing) a row */
    assert_true(count(s, "<path") >= N * 5);
    assert_non_null(strstr(s, "#eeeeee"));               /* the missing cell */
    assert_non_null(strstr(s, "class=\"pl-chart wide\"")); /* 5-pixel cells: wider than a page */
    assert_null(strstr(s, "\xE2\x80\xA6<title>"));        /* no name cut */
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; (row)</title>"));
    free(s);
    pl_chart_free(c);

    /* a horizontal box chart: tall with N rows (axis labels at top too), short with 10 (not) */
    for (int n = N; n >= 10; n -= N - 10) {
        c = pl_chart_create(PL_CHART_BOX, "Scores");
        pl_chart_set_horizontal(c, 1);
        for (int i = 0; i < n; i++) pl_chart_add_box(c, labels[i], v, 3);
        s = render_ok(c);
        assert_int_equal(count(s, "class=\"axis x top\""), n == N ? 1 : 0);
        assert_null(strstr(s, "\xE2\x80\xA6<title>ZD-Extort3")); /* the long name whole */
        free(s);
        pl_chart_free(c);
    }
    /* a name longer than any chart grows for is cut, with its whole text on hover */
    char hostile[700];
    memset(hostile, 'W', sizeof hostile - 1);
    hostile[sizeof hostile - 1] = 0;
    const char *cats[] = {hostile, "B"};
    c = pl_chart_create(PL_CHART_BAR, "Long");
    pl_chart_set_horizontal(c, 1);
    pl_chart_set_categories(c, 2, cats);
    pl_chart_add_series(c, NULL, v, 2);
    s = render_ok(c);
    assert_non_null(strstr(s, "\xE2\x80\xA6<title>WWW"));
    free(s);
    pl_chart_free(c);
    for (int i = 0; i < N; i++) free(labels[i]);
    free(m);
}

static void line_chart_months_gaps_and_legend(void **state)
{
    (void)state;
    double x[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    double a[13], b[13];
    for (int i = 0; i < 13; i++) a[i] = i / 12.0, b[i] = 1 - i / 12.0;
    b[5] = NAN;
    b[7] = NAN; /* b[6] is isolated: drawn as a marker */
    pl_chart *c = pl_chart_create(PL_CHART_LINE, "Fulfilment");
    assert_int_equal(pl_chart_set_x(c, x, 13), 0);
    assert_int_equal(pl_chart_set_x_months(c, 2007, 2), 0);
    pl_chart_set_value_range(c, 0, 1);
    pl_chart_add_series(c, "DPRK", a, 13);
    pl_chart_add_series(c, HOSTILE, b, 13);
    char *s = render_ok(c);
    assert_non_null(strstr(s, ">2007-03<") ? strstr(s, ">2007-03<") : strstr(s, ">2007-04<"));
    assert_non_null(strstr(s, "DPRK \xE2\x80\x94 2007-02: 0</title>"));
    assert_non_null(strstr(s, "DPRK \xE2\x80\x94 2008-02: 1</title>"));
    assert_int_equal(count(s, "<path"), 2);
    assert_non_null(strstr(s, ">0.0<")); /* fixed 0..1 axis, one decimal */
    assert_non_null(strstr(s, ">1.0<"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;</text>")); /* legend */
    free(s);
    pl_chart_free(c);
    /* one point only, and all missing */
    double one = 5, nan3[] = {NAN, NAN, NAN}, x3[] = {1, 2, 3};
    c = pl_chart_create(PL_CHART_LINE, "one");
    pl_chart_set_x(c, x3, 1);
    pl_chart_add_series(c, NULL, &one, 1);
    s = render_ok(c);
    assert_int_equal(count(s, "<circle"), 1);
    free(s);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_LINE, "none");
    pl_chart_set_x(c, x3, 3);
    pl_chart_add_series(c, "s", nan3, 3);
    s = render_ok(c);
    assert_non_null(strstr(s, "every value is missing"));
    free(s);
    pl_chart_free(c);
}

static void bands_and_x_markers(void **state)
{
    (void)state;
    double x[] = {0, 1, 2, 3, 4}, y[] = {0.2, 0.4, 0.5, 0.6, 0.7}, lo[] = {0.1, 0.3, NAN, 0.5, 0.6},
           hi[] = {0.3, 0.5, NAN, 0.7, 0.95};
    pl_chart *c = pl_chart_create(PL_CHART_LINE, "with band");
    pl_chart_set_x(c, x, 5);
    pl_chart_add_series(c, "DPRK", y, 5);
    assert_int_equal(pl_chart_set_errors(c, 0, lo, hi), 0);
    assert_int_equal(pl_chart_add_x_marker(c, 2, "talks " HOSTILE), 0);
    assert_int_equal(pl_chart_add_x_marker(c, 99, "off the axis"), 0);
    char *s = render_ok(c);
    assert_int_equal(count(s, "DPRK: interval</title>"), 2); /* the band breaks where it is missing */
    assert_non_null(strstr(s, "talks &lt;script&gt;alert(1)&lt;/script&gt; (2)</title>"));
    assert_null(strstr(s, "off the axis"));
    assert_non_null(strstr(s, "stroke-dasharray=\"5 3\""));
    assert_non_null(strstr(s, ">1.0<")); /* the band's 0.95 widens the axis to 1.0 */
    free(s);
    pl_chart_free(c);
    /* a timeline widens to show its markers; a month axis names them by date */
    c = pl_chart_create(PL_CHART_TIMELINE, "tl");
    pl_chart_set_x_months(c, 2007, 2);
    pl_chart_timeline_add_row(c, "step");
    pl_chart_timeline_add_interval(c, 0, 0, 3, PL_TL_STARTED, NULL);
    pl_chart_add_x_marker(c, 10, "talks stall");
    s = render_ok(c);
    assert_non_null(strstr(s, "talks stall (2007-12)</title>"));
    free(s);
    pl_chart_free(c);
    double v[] = {10, 12, 30};
    c = pl_chart_create(PL_CHART_HISTOGRAM, "h");
    pl_chart_add_series(c, NULL, v, 3);
    pl_chart_add_x_marker(c, 24, "deadline");
    s = render_ok(c);
    assert_non_null(strstr(s, "deadline (24)</title>"));
    free(s);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_BAR, "b");
    assert_int_equal(pl_chart_add_x_marker(c, 1, "x"), PL_EINVAL);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_LINE, "l");
    assert_int_equal(pl_chart_add_x_marker(c, NAN, "x"), PL_EINVAL);
    pl_chart_free(c);
}

static void histogram_bins_and_degenerate_values(void **state)
{
    (void)state;
    double v[100];
    for (int i = 0; i < 100; i++) v[i] = i % 20;
    pl_chart *c = pl_chart_create(PL_CHART_HISTOGRAM, "Time to completion");
    pl_chart_add_series(c, NULL, v, 100);
    char *s = render_ok(c);
    assert_non_null(strstr(s, ">count<")); /* default y title */
    /* counts sum to 100 */
    size_t total = 0;
    for (const char *p = strstr(s, "): "); p; p = strstr(p + 1, "): ")) total += strtoul(p + 3, NULL, 10);
    for (const char *p = strstr(s, "]: "); p; p = strstr(p + 1, "]: ")) total += strtoul(p + 3, NULL, 10);
    assert_int_equal(total, 100);
    free(s);
    pl_chart_free(c);
    /* all equal; a single value; NaN among values; fixed bin count */
    double same[] = {7, 7, 7, NAN, INFINITY};
    c = pl_chart_create(PL_CHART_HISTOGRAM, "same");
    pl_chart_add_series(c, "a", same, 5);
    s = render_ok(c);
    assert_non_null(strstr(s, "a \xE2\x80\x94 7: 3</title>"));
    free(s);
    pl_chart_free(c);
    double w[] = {0.1, 0.2, 0.35, 0.9};
    c = pl_chart_create(PL_CHART_HISTOGRAM, "bins");
    pl_chart_set_bins(c, 4);
    pl_chart_add_series(c, "x", w, 4);
    pl_chart_add_series(c, "y", w, 2);
    s = render_ok(c);
    assert_int_equal(count(s, "</rect>"), 4); /* x: 3 non-empty bins of 4; y: both values in the first */
    free(s);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_HISTOGRAM, "empty");
    s = render_ok(c);
    assert_non_null(strstr(s, "No data to show"));
    free(s);
    pl_chart_free(c);
}

static void timeline_rows_intervals_points(void **state)
{
    (void)state;
    pl_chart *c = pl_chart_create(PL_CHART_TIMELINE, "Ledger");
    pl_chart_set_x_months(c, 2007, 2);
    int r0 = pl_chart_timeline_add_row(c, "Shut down Yongbyon");
    int r1 = pl_chart_timeline_add_row(c, HOSTILE);
    assert_int_equal(r0, 0);
    assert_int_equal(r1, 1);
    assert_int_equal(pl_chart_timeline_add_interval(c, 0, 0, 2, PL_TL_DUE, "60 days"), 0);
    assert_int_equal(pl_chart_timeline_add_interval(c, 0, 2, 5, PL_TL_STARTED, NULL), 0);
    assert_int_equal(pl_chart_timeline_add_interval(c, 0, 5, NAN, PL_TL_VERIFIED, "IAEA <team>"), 0);
    assert_int_equal(pl_chart_timeline_add_point(c, 1, 8, PL_TL_REVERSED, HOSTILE), 0);
    assert_int_equal(pl_chart_timeline_add_point(c, 1, 3, PL_TL_DUE, NULL), 0);
    assert_int_equal(pl_chart_timeline_add_point(c, 1, 4, PL_TL_COMPLETED, NULL), 0);
    char *s = render_ok(c);
    assert_non_null(strstr(s, "Shut down Yongbyon: due, 2007-02 \xE2\x86\x92 2007-04 \xE2\x80\x94 60 days</title>"));
    assert_non_null(strstr(s, "verified, in force, 2007-07 \xE2\x86\x92 still open \xE2\x80\x94 IAEA &lt;team&gt;"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;: reversed at 2007-10"));
    assert_non_null(strstr(s, ">deadline<")); /* legend names the kinds used */
    assert_null(strstr(s, ">started<"));
    free(s);
    /* errors: a row that does not exist, an interval that ends before it starts */
    assert_int_equal(pl_chart_timeline_add_point(c, 5, 1, PL_TL_DUE, NULL), PL_EINVAL);
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_strbuf_append(&sb, "before");
    pl_error err;
    assert_int_equal(pl_chart_svg(c, &sb, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "row 5 does not exist"));
    assert_string_equal(pl_strbuf_cstr(&sb), "before"); /* output untouched on error */
    pl_strbuf_free(&sb);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_TIMELINE, "bad");
    pl_chart_timeline_add_row(c, "x");
    assert_int_equal(pl_chart_timeline_add_interval(c, 0, 5, 2, PL_TL_STARTED, NULL), PL_EINVAL);
    assert_int_equal(pl_chart_svg(c, NULL, &err), PL_EINVAL);
    pl_strbuf_init(&sb);
    assert_int_equal(pl_chart_svg(c, &sb, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "ends (2) before it starts (5)"));
    pl_strbuf_free(&sb);
    pl_chart_free(c);
    /* rows with nothing on them, no rows */
    c = pl_chart_create(PL_CHART_TIMELINE, "quiet");
    pl_chart_timeline_add_row(c, "nothing yet");
    s = render_ok(c);
    free(s);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_TIMELINE, "none");
    s = render_ok(c);
    assert_non_null(strstr(s, "No data to show"));
    free(s);
    pl_chart_free(c);
}

static void misuse_is_a_clear_error(void **state)
{
    (void)state;
    pl_error err;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    const char *cats[] = {"a", "b"};
    double v[] = {1, 2, 3};
    pl_chart *c = pl_chart_create(PL_CHART_BAR, "T");
    pl_chart_set_categories(c, 2, cats);
    assert_int_equal(pl_chart_add_series(c, "s", v, 3), PL_EINVAL);
    assert_int_equal(pl_chart_add_series(c, "ok", v, 2), 0); /* later calls still work ... */
    assert_int_equal(pl_chart_svg(c, &sb, &err), PL_EINVAL); /* ... but the first error is reported */
    assert_string_equal(err.msg, "chart 'T': series 's' has 3 values for 2 categories");
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_LINE, "L");
    assert_int_equal(pl_chart_add_box(c, "x", v, 3), PL_EINVAL);
    assert_int_equal(pl_chart_svg(c, &sb, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "a box does not apply to a line chart"));
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_LINE, "L");
    double bad[] = {0, 2, 1};
    assert_int_equal(pl_chart_set_x(c, bad, 3), PL_EINVAL);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_HEATMAP, "H");
    assert_int_equal(pl_chart_set_value_range(c, 1, 1), PL_EINVAL);
    assert_int_equal(pl_chart_set_size(c, 10, 10), PL_EINVAL);
    pl_chart_free(c);
    c = pl_chart_create((pl_chart_kind)42, "?");
    assert_int_equal(pl_chart_svg(c, &sb, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "unknown chart kind 42"));
    pl_chart_free(c);
    pl_chart_free(NULL);
    assert_int_equal(pl_chart_add_series(NULL, "x", v, 1), PL_EINVAL);
    assert_string_equal(sb.data ? sb.data : "", "");
    pl_strbuf_free(&sb);
}

static void graph_columns_edges_and_highlights(void **state)
{
    (void)state;
    pl_chart *c = pl_chart_create(PL_CHART_GRAPH, "Sequencing");
    assert_int_equal(pl_chart_graph_add_node(c, "freeze", 0), 0);
    assert_int_equal(pl_chart_graph_add_node(c, "relief", 1), 1);
    assert_int_equal(pl_chart_graph_add_node(c, HOSTILE, 0), 2);
    assert_int_equal(pl_chart_graph_add_edge(c, 0, 1, PL_GE_ADDED), 0);
    assert_int_equal(pl_chart_graph_add_edge(c, 1, 2, PL_GE_SHARED), 0);
    assert_int_equal(pl_chart_graph_add_edge(c, 2, 0, PL_GE_REMOVED), 0); /* a removed edge may point back */
    char *s = render_ok(c);
    assert_non_null(strstr(s, "data-kind=\"graph\""));
    assert_non_null(strstr(s, "<title>relief requires freeze</title>"));
    assert_non_null(strstr(s, "<title>freeze no longer requires &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    assert_non_null(strstr(s, "relief (its requirements differ from the steps as written)"));
    assert_non_null(strstr(s, "stroke-dasharray=\"5 4\""));
    assert_non_null(strstr(s, ">requires (this variant only)<"));
    /* columns by depth: freeze, then relief, then the third */
    const char *f = strstr(s, ">freeze</text>"), *r = strstr(s, ">relief</text>");
    assert_non_null(f);
    assert_non_null(r);
    free(s);
    /* misuse: a self-edge, an unknown node, a graph setter on another kind */
    assert_int_equal(pl_chart_graph_add_edge(c, 1, 1, PL_GE_SHARED), PL_EINVAL);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_GRAPH, NULL);
    pl_chart_graph_add_node(c, "a", 0);
    assert_int_equal(pl_chart_graph_add_edge(c, 0, 5, PL_GE_SHARED), PL_EINVAL);
    pl_chart_free(c);
    c = pl_chart_create(PL_CHART_BAR, NULL);
    assert_true(pl_chart_graph_add_node(c, "a", 0) < 0);
    pl_chart_free(c);
}

static void every_kind_empty_and_sized(void **state)
{
    (void)state;
    for (int k = PL_CHART_BAR; k <= PL_CHART_AREA; k++) {
        pl_chart *c = pl_chart_create((pl_chart_kind)k, k == PL_CHART_BAR ? NULL : "");
        pl_chart_set_size(c, 400, 300);
        char *s = render_ok(c);
        assert_non_null(strstr(s, "No data to show"));
        assert_non_null(strstr(s, "width=\"400.0\""));
        free(s);
        pl_chart_free(c);
    }
    assert_string_equal(pl_chart_palette(0), "#0072B2");
    assert_string_equal(pl_chart_palette(8), "#0072B2");
}


/* The stacked area: each band sits on the ones before it; shares that sum to 1 fill the chart
 * to the top, a missing value counts as 0, a long series is thinned to ~1000 points. */
/* pl_chart_thin: every stride-th point and the last, about `most` at most. */
static void thin_keeps_the_last_point(void **state)
{
    (void)state;
    size_t count;
    assert_int_equal((int)pl_chart_thin(0, 400, &count), 1);
    assert_int_equal((int)count, 1);
    assert_int_equal((int)pl_chart_thin(399, 400, &count), 1); /* 400 points: all */
    assert_int_equal((int)count, 400);
    assert_int_equal((int)pl_chart_thin(400, 400, &count), 2); /* 401: 0, 2, ..., 400 */
    assert_int_equal((int)count, 201);
    assert_int_equal((int)pl_chart_thin(401, 400, &count), 2); /* 402: 0, 2, ..., 400 and 401 */
    assert_int_equal((int)count, 202);
    assert_int_equal((int)pl_chart_thin(4999, 1000, &count), 5); /* 5000: 0, 5, ..., 4995 and 4999 */
    assert_int_equal((int)count, 1001);
}

static void area_stacks_bands(void **state)
{
    (void)state;
    pl_chart *c = pl_chart_create(PL_CHART_AREA, "Shares <over> time");
    double x[3] = {0, 1, 2}, a[3] = {0.25, 0.5, 1}, b[3] = {0.75, 0.5, NAN};
    assert_int_equal(pl_chart_set_x(c, x, 3), 0);
    assert_int_equal(pl_chart_add_series(c, "first", a, 3), 0);
    assert_int_equal(pl_chart_add_series(c, "second & last", b, 3), 0);
    pl_chart_set_size(c, 400, 300);
    char *s = render_ok(c);
    assert_non_null(strstr(s, "data-kind=\"area\""));
    assert_int_equal(count(s, "fill-opacity=\"0.85\""), 2);
    assert_non_null(strstr(s, "second &amp; last"));
    assert_non_null(strstr(s, "Shares &lt;over&gt; time"));
    /* the second band's top edge is at the same height at every x: 0.25 + 0.75 = 0.5 + 0.5 = 1 + 0 */
    const char *p = strstr(s, "fill=\"#E69F00\" fill-opacity");
    assert_non_null(p);
    p = strstr(p, " d=\"M");
    double x0, y0, x1, y1, x2, y2;
    assert_int_equal(sscanf(p, " d=\"M%lf %lfL%lf %lfL%lf %lf", &x0, &y0, &x1, &y1, &x2, &y2), 6);
    assert_true(x0 < x1 && x1 < x2);
    assert_float_equal(y0, y1, 1e-9);
    assert_float_equal(y1, y2, 1e-9);
    free(s);
    pl_chart_free(c);
    /* a series of the wrong length is an error */
    c = pl_chart_create(PL_CHART_AREA, NULL);
    pl_chart_set_x(c, x, 3);
    assert_int_equal(pl_chart_add_series(c, "short", a, 2), PL_EINVAL);
    pl_chart_free(c);
    /* 5000 points: at most ~1000 a band */
    size_t n = 5000;
    double *xs = malloc(n * sizeof *xs), *v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) xs[i] = (double)i, v[i] = (double)(i % 7);
    c = pl_chart_create(PL_CHART_AREA, "long");
    pl_chart_set_x(c, xs, n);
    pl_chart_add_series(c, "v", v, n);
    s = render_ok(c);
    assert_true(count(s, "L") < 2 * 1002 + 50);
    free(s);
    pl_chart_free(c);
    free(xs);
    free(v);
}

/* Random data, labels and sizes for every kind: never a crash, a sanitizer report, a
 * malformed document or a non-number in a coordinate (SQLite's lesson: fuzz every input). */
static double wild(pl_rng *r)
{
    switch (pl_rng_below(r, 12)) {
    case 0: return NAN;
    case 1: return pl_rng_below(r, 2) ? INFINITY : -INFINITY;
    case 2: return (pl_rng_uniform(r) - 0.5) * 1e300;
    case 3: return (pl_rng_uniform(r) - 0.5) * 1e-300;
    case 4: return 0;
    case 5: return 7;
    default: return (pl_rng_uniform(r) - 0.3) * pow(10, (double)pl_rng_below(r, 12) - 4);
    }
}

static char *wild_label(pl_rng *r)
{
    static const char *const bits[] = {"<", ">", "&", "\"", "'", "\xE2\x80\x94", "\xFF", "\x01", "\xC3",
                                       "abc", " ", "Tit For Tat", "<script>", "\xF0\x9F\x98\x80", "\n"};
    size_t n = pl_rng_below(r, 12);
    char *s = calloc(1, 12 * 16 + 1);
    for (size_t i = 0; i < n; i++) strcat(s, bits[pl_rng_below(r, sizeof bits / sizeof *bits)]);
    return s;
}

static void random_data_never_breaks_a_chart(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 77, 0, 0);
    for (int iter = 0; iter < 600; iter++) {
        pl_chart_kind kind = (pl_chart_kind)(iter % 7);
        if (iter % 7 == 6) kind = PL_CHART_AREA;
        char *title = wild_label(&r);
        pl_chart *c = pl_chart_create(kind, title);
        free(title);
        if (pl_rng_below(&r, 3) == 0) pl_chart_set_size(c, 200 + (int)pl_rng_below(&r, 800), 120 + (int)pl_rng_below(&r, 600));
        if (pl_rng_below(&r, 2)) {
            char *a = wild_label(&r), *b = wild_label(&r);
            pl_chart_set_axis_titles(c, a, b);
            pl_chart_set_subtitle(c, a);
            free(a);
            free(b);
        }
        if (pl_rng_below(&r, 4) == 0) pl_chart_set_value_range(c, wild(&r), wild(&r)); /* may be refused */
        size_t n = pl_rng_below(&r, 40), m = 1 + pl_rng_below(&r, 4);
        double *v = malloc((n + 4) * 40 * sizeof *v), *lo = malloc((n + 1) * sizeof *lo), *hi = malloc((n + 1) * sizeof *hi);
        for (size_t i = 0; i < (n + 4) * 40; i++) v[i] = wild(&r);
        for (size_t i = 0; i < n; i++) lo[i] = wild(&r), hi[i] = wild(&r);
        char **labels = calloc(n + 1, sizeof *labels);
        for (size_t i = 0; i < n; i++) labels[i] = wild_label(&r);
        switch (kind) {
        case PL_CHART_BAR:
            pl_chart_set_horizontal(c, (int)pl_rng_below(&r, 2));
            pl_chart_set_categories(c, n, (const char *const *)labels);
            for (size_t s = 0; s < m; s++) pl_chart_add_series(c, labels[0], v + s * n, n);
            if (n) pl_chart_set_errors(c, 0, lo, hi);
            break;
        case PL_CHART_BOX:
            pl_chart_set_horizontal(c, (int)pl_rng_below(&r, 2));
            for (size_t i = 0; i < n; i++) pl_chart_add_box(c, labels[i], v + i * 40, pl_rng_below(&r, 40));
            break;
        case PL_CHART_HEATMAP:
            pl_chart_set_matrix(c, n / 4, m, v, (const char *const *)labels, NULL);
            break;
        case PL_CHART_LINE: {
            double *x = malloc((n + 1) * sizeof *x);
            for (size_t i = 0; i < n; i++) x[i] = (double)i * 0.5 - 3;
            pl_chart_set_x(c, x, n);
            if (pl_rng_below(&r, 2)) pl_chart_set_x_months(c, 1990 + (int)pl_rng_below(&r, 40), 1 + (int)pl_rng_below(&r, 12));
            for (size_t s = 0; s < m; s++) pl_chart_add_series(c, labels[0], v + s * n, n);
            if (n && pl_rng_below(&r, 2)) pl_chart_set_errors(c, 0, lo, hi);
            for (size_t k = pl_rng_below(&r, 4); k > 0; k--) pl_chart_add_x_marker(c, wild(&r), labels[0]);
            free(x);
            break;
        }
        case PL_CHART_AREA: {
            double *x = malloc((n + 1) * sizeof *x);
            for (size_t i = 0; i < n; i++) x[i] = (double)i * 0.5 - 3;
            pl_chart_set_x(c, x, n);
            for (size_t s = 0; s < m; s++) pl_chart_add_series(c, labels[0], v + s * n, n);
            free(x);
            break;
        }
        case PL_CHART_HISTOGRAM:
            if (pl_rng_below(&r, 2)) pl_chart_set_bins(c, (int)pl_rng_below(&r, 30));
            for (size_t s = 0; s < m; s++) pl_chart_add_series(c, labels[0], v + s * 40, n * 10 < 40 ? n * 10 : 40);
            break;
        default:
            if (pl_rng_below(&r, 2)) pl_chart_set_x_months(c, 2000, 1 + (int)pl_rng_below(&r, 12));
            for (size_t k = pl_rng_below(&r, 3); k > 0; k--) pl_chart_add_x_marker(c, wild(&r), labels[0]);
            for (size_t i = 0; i < n; i++) pl_chart_timeline_add_row(c, labels[i]);
            for (size_t i = 0; i < 3 * n; i++) {
                double a = wild(&r), b = wild(&r);
                if (pl_rng_below(&r, 2)) pl_chart_timeline_add_point(c, pl_rng_below(&r, n + 1), a,
                                                                      (pl_timeline_kind)pl_rng_below(&r, 5), labels[0]);
                else pl_chart_timeline_add_interval(c, pl_rng_below(&r, n + 1), a, b,
                                                    (pl_timeline_kind)pl_rng_below(&r, 5), NULL);
            }
            break;
        }
        pl_strbuf sb;
        pl_strbuf_init(&sb);
        pl_error err;
        if (pl_chart_svg(c, &sb, &err) == 0) {
            const char *s = pl_strbuf_cstr(&sb);
            assert_true(well_formed(s));
            assert_null(strstr(s, "<script"));
            assert_null(strstr(s, "nan"));
            assert_null(strstr(s, "inf"));
            assert_null(strstr(s, "=\"-nan"));
        } else {
            assert_true(err.msg[0] != '\0');
            assert_int_equal(sb.len, 0);
        }
        pl_strbuf_free(&sb);
        pl_chart_free(c);
        for (size_t i = 0; i < n; i++) free(labels[i]);
        free(labels);
        free(v);
        free(lo);
        free(hi);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ticks_are_nice),
        cmocka_unit_test(bar_chart_with_errors_and_hostile_labels),
        cmocka_unit_test(long_labels_are_cut_rotated_and_thinned),
        cmocka_unit_test(long_names_of_a_few_categories_wrap_whole),
        cmocka_unit_test(box_stats_follow_the_usual_definition),
        cmocka_unit_test(box_chart_renders_outliers_and_degenerate_boxes),
        cmocka_unit_test(heatmap_shows_values_scale_and_missing_cells),
        cmocka_unit_test(large_charts_stay_readable_and_compact),
        cmocka_unit_test(line_chart_months_gaps_and_legend),
        cmocka_unit_test(bands_and_x_markers),
        cmocka_unit_test(histogram_bins_and_degenerate_values),
        cmocka_unit_test(timeline_rows_intervals_points),
        cmocka_unit_test(misuse_is_a_clear_error),
        cmocka_unit_test(graph_columns_edges_and_highlights),
        cmocka_unit_test(every_kind_empty_and_sized),
        cmocka_unit_test(thin_keeps_the_last_point),
        cmocka_unit_test(area_stacks_bands),
        cmocka_unit_test(random_data_never_breaks_a_chart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
