// SPDX-License-Identifier: MIT
/* test_html_report.c — the report page: structure, escaping of every text, tables,
 * determinism, and the atomic write that leaves no partial or stray file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/html_report.h"
#include "parley/parley.h"

#define HOSTILE "<script>alert(1)</script>"
#define ESCAPED "&lt;script&gt;alert(1)&lt;/script&gt;"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* A report that uses every kind of block, each with hostile text. */
static pl_report *hostile_report(int sections)
{
    pl_report *r = pl_report_create("Report on " HOSTILE);
    pl_report_set_subtitle(r, "sub " HOSTILE);
    pl_report_param(r, "party " HOSTILE, "value " HOSTILE);
    pl_report_paramf(r, "seed", "%d", 42);
    pl_report_assumption(r, "assume " HOSTILE);
    for (int i = 0; i < sections; i++) {
        pl_report_section(r, i == 0 ? "Section " HOSTILE : "Another section");
        pl_report_subsection(r, "Sub " HOSTILE);
    }
    pl_report_paragraph(r, "para " HOSTILE "\n\nsecond paragraph\nwith a line break");
    pl_report_note(r, "note " HOSTILE);
    pl_report_code(r, "code " HOSTILE);
    const char *head[] = {"name " HOSTILE, "score", "ci", "mixed"};
    pl_report_table_begin(r, "caption " HOSTILE, 4, head);
    pl_report_table_row(r, (const char *[]){HOSTILE, "2.5", "0.93 [0.91, 0.95]", "12"}, 0);
    pl_report_table_row(r, (const char *[]){"Tit For Tat", "-3", "12%", "n/a"}, 1);
    pl_report_table_row(r, (const char *[]){"Defector", "\xE2\x80\x94", "1e-3", NULL}, 0);
    pl_report_table_row(r, (const char *[]){"Alternator", "1,234", "\xE2\x88\x92" "2", "7"}, 0);
    pl_report_table_end(r);
    pl_chart *c = pl_chart_create(PL_CHART_BAR, "chart " HOSTILE);
    const char *cats[] = {HOSTILE};
    double v[] = {1};
    pl_chart_set_categories(c, 1, cats);
    pl_chart_add_series(c, HOSTILE, v, 1);
    pl_report_chart(r, c, "figure " HOSTILE);
    pl_chart_free(c);
    return r;
}

static char *html_of(const pl_report *r)
{
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_error err;
    if (pl_report_html(r, &sb, &err)) fail_msg("pl_report_html: %s", err.msg);
    return pl_strbuf_release(&sb);
}

static void page_has_structure_and_escapes_every_text(void **state)
{
    (void)state;
    pl_report *r = hostile_report(3);
    char *h = html_of(r);
    assert_true(!strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 31));
    assert_non_null(strstr(h, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(h, "Content-Security-Policy\" content=\"default-src 'none'"));
    assert_null(strstr(h, "<script")); /* not one, anywhere */
    /* nothing to fetch: the only URL is the SVG namespace */
    assert_int_equal(count(h, "http://"), count(h, "xmlns=\"http://www.w3.org/2000/svg\""));
    assert_int_equal(count(h, "https://"), 0);
    assert_non_null(strstr(h, "<title>Report on " ESCAPED "</title>"));
    assert_non_null(strstr(h, "<h1>Report on " ESCAPED "</h1>"));
    assert_non_null(strstr(h, "<p class=\"subtitle\">sub " ESCAPED "</p>"));
    assert_non_null(strstr(h, "<dt>party " ESCAPED "</dt><dd>value " ESCAPED "</dd>"));
    assert_non_null(strstr(h, "<dt>seed</dt><dd>42</dd>"));
    char ver[64];
    snprintf(ver, sizeof ver, "<dt>parley version</dt><dd>%s</dd>", pl_version());
    assert_non_null(strstr(h, ver));
    assert_non_null(strstr(h, "Results hold under the stated assumptions:"));
    assert_non_null(strstr(h, "<li>assume " ESCAPED "</li>"));
    assert_non_null(strstr(h, "<h2 id=\"s1\">Section " ESCAPED "</h2>"));
    assert_non_null(strstr(h, "<h3 id=\"s1-1\">Sub " ESCAPED "</h3>"));
    assert_non_null(strstr(h, "<h2 id=\"s3\">Another section</h2>"));
    assert_non_null(strstr(h, "<nav class=\"toc\""));
    assert_non_null(strstr(h, "<a href=\"#s1\">Section " ESCAPED "</a>"));
    assert_non_null(strstr(h, "<a href=\"#s2-1\">Sub " ESCAPED "</a>"));
    assert_non_null(strstr(h, "<p>para " ESCAPED "</p>\n<p>second paragraph<br>with a line break</p>"));
    assert_non_null(strstr(h, "<div class=\"note\" role=\"note\"><p>note " ESCAPED "</p></div>"));
    assert_non_null(strstr(h, "<pre>code " ESCAPED "</pre>"));
    assert_non_null(strstr(h, "<caption>caption " ESCAPED "</caption>"));
    assert_non_null(strstr(h, "<th scope=\"col\">name " ESCAPED "</th>"));
    assert_non_null(strstr(h, "<td>" ESCAPED "</td>"));
    assert_non_null(strstr(h, "<figcaption>figure " ESCAPED "</figcaption>"));
    assert_non_null(strstr(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pl-chart\""));
    assert_non_null(strstr(h, "chart " ESCAPED));
    assert_non_null(strstr(h, "</html>\n"));
    free(h);
    pl_report_free(r);
}

static void numbers_align_right_and_rows_highlight(void **state)
{
    (void)state;
    pl_report *r = hostile_report(1);
    char *h = html_of(r);
    assert_non_null(strstr(h, "<th scope=\"col\" class=\"num\">score</th><th scope=\"col\" class=\"num\">ci</th>"
                              "<th scope=\"col\" class=\"num\">mixed</th>")); /* "n/a" does not count */
    assert_non_null(strstr(h, "<td class=\"num\">2.5</td><td class=\"num\">0.93 [0.91, 0.95]</td><td class=\"num\">12</td>"));
    assert_non_null(strstr(h, "<tr class=\"hl\"><td>Tit For Tat</td><td class=\"num\">-3</td><td class=\"num\">12%</td>"));
    assert_non_null(strstr(h, "<td class=\"num\">\xE2\x80\x94</td><td class=\"num\">1e-3</td><td class=\"num\"></td>"));
    assert_non_null(strstr(h, "<td class=\"num\">1,234</td><td class=\"num\">\xE2\x88\x92" "2</td>"));
    assert_int_equal(count(h, "<tr class=\"hl\">"), 1);
    assert_null(strstr(h, "<nav class=\"toc\"")); /* one section: no table of contents */
    free(h);
    pl_report_free(r);
}

/* A table of nine columns or more is set closer (class "dense": the six-party ledger's 11 columns once
 * needed a sideways scroll); fewer columns keep the usual spacing. */
static void many_columns_are_set_closer(void **state)
{
    (void)state;
    pl_report *r = pl_report_create("Wide");
    const char *nine[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"}, *row[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
    assert_int_equal(pl_report_table_begin(r, "eight", 8, nine), 0);
    assert_int_equal(pl_report_table_row(r, row, 0), 0);
    assert_int_equal(pl_report_table_end(r), 0);
    assert_int_equal(pl_report_table_begin(r, "nine", 9, nine), 0);
    assert_int_equal(pl_report_table_row(r, row, 0), 0);
    assert_int_equal(pl_report_table_end(r), 0);
    char *h = html_of(r);
    assert_int_equal(count(h, "<table class=\"dense\">\n<caption>nine</caption>"), 1);
    assert_int_equal(count(h, "<table>\n<caption>eight</caption>"), 1);
    assert_non_null(strstr(h, "table.dense th,table.dense td{padding:"));
    free(h);
    pl_report_free(r);
}

static void same_calls_same_bytes(void **state)
{
    (void)state;
    pl_report *a = hostile_report(4), *b = hostile_report(4);
    char *ha = html_of(a), *hb = html_of(b);
    assert_string_equal(ha, hb);
    free(ha);
    free(hb);
    pl_report_free(a);
    pl_report_free(b);
}

static void building_errors_are_reported(void **state)
{
    (void)state;
    pl_error err;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_report *r = pl_report_create("T");
    assert_int_equal(pl_report_table_row(r, NULL, 0), PL_EINVAL);
    assert_int_equal(pl_report_html(r, &sb, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "a table row outside a table"));
    pl_report_free(r);

    r = pl_report_create("T");
    const char *h[] = {"a"};
    pl_report_table_begin(r, NULL, 1, h);
    assert_int_equal(pl_report_html(r, &sb, &err), PL_EINVAL); /* never ended */
    assert_non_null(strstr(err.msg, "not ended"));
    assert_int_equal(pl_report_paragraph(r, "x"), PL_EINVAL);
    pl_report_free(r); /* frees the open table too */

    r = pl_report_create("T");
    pl_chart *c = pl_chart_create(PL_CHART_BAR, "broken");
    double v[] = {1, 2};
    pl_chart_add_series(c, "s", v, 2); /* no categories */
    assert_int_equal(pl_report_chart(r, c, NULL), PL_EINVAL);
    pl_chart_free(c);
    assert_int_equal(pl_report_write(r, "/tmp/should-not-exist-parley.html", &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "chart 'broken'"));
    assert_int_equal(access("/tmp/should-not-exist-parley.html", F_OK), -1);
    pl_report_free(r);
    assert_int_equal(pl_report_table_begin(NULL, NULL, 1, h), PL_EINVAL);
    pl_report_free(NULL);
    assert_string_equal(pl_strbuf_cstr(&sb), "");
    pl_strbuf_free(&sb);
}

/* Number of entries in dir other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

static void write_is_atomic_and_cleans_up(void **state)
{
    (void)state;
    char dir[] = "/tmp/parley-report-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], missing[512], sub[512];
    snprintf(path, sizeof path, "%s/report.html", dir);
    snprintf(missing, sizeof missing, "%s/no/such/dir/report.html", dir);
    snprintf(sub, sizeof sub, "%s/adir", dir);
    pl_report *r = hostile_report(2);
    pl_error err;

    /* success: the file and nothing else */
    assert_int_equal(pl_report_write(r, path, &err), 0);
    assert_int_equal(entries(dir), 1);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[16] = {0};
    assert_int_equal(fread(head, 1, 15, f), 15);
    fclose(f);
    assert_string_equal(head, "<!DOCTYPE html>");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    off_t first_size = st.st_size;

    /* overwrite: replaced whole */
    pl_report *small = pl_report_create("small");
    assert_int_equal(pl_report_write(small, path, &err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size < first_size);
    assert_int_equal(entries(dir), 1);

    /* a directory that does not exist: an error naming the path, no file anywhere */
    assert_int_equal(pl_report_write(r, missing, &err), PL_EIO);
    assert_non_null(strstr(err.msg, missing));
    assert_non_null(strstr(err.msg, "No such file or directory"));
    assert_int_equal(entries(dir), 1);

    /* the path is a directory: the temporary file is written, rename fails, it is removed */
    assert_int_equal(mkdir(sub, 0755), 0);
    assert_int_equal(pl_report_write(r, sub, &err), PL_EIO);
    assert_non_null(strstr(err.msg, sub));
    assert_int_equal(entries(dir), 2); /* report.html and adir, no report.tmp-* */
    assert_int_equal(entries(sub), 0);

    assert_int_equal(pl_report_write(r, "", &err), PL_EINVAL);
    assert_int_equal(pl_report_write(r, NULL, &err), PL_EINVAL);

    unlink(path);
    rmdir(sub);
    rmdir(dir);
    pl_report_free(r);
    pl_report_free(small);
}

/* Citations: a registered "[C4]" in a cell links to the citation list's row (id "cite-C4"); an
 * unregistered tag, brackets that are no tag, and the text around stay escaped text; a tag that is
 * not letters and digits is refused. */
static void citations_link_to_their_row(void **state)
{
    (void)state;
    pl_report *r = pl_report_create("t");
    const char *tags[] = {"C4", "G15"};
    assert_int_equal(pl_report_citations(r, tags, 2), PL_OK);
    pl_report_section(r, "s");
    const char *head[] = {"what", "source"};
    pl_report_table_begin(r, NULL, 2, head);
    const char *row[] = {"a <b>", "[C4][G15] seen; [X9] not; [C4 no]; [G15]"};
    pl_report_table_row(r, row, 0);
    pl_report_table_end(r);
    const char *texts[] = {"Title: a.org/x?a=1&b=2", "Other"};
    assert_int_equal(pl_report_citation_list(r, "Sources", 2, tags, texts), PL_OK);
    char *h = html_of(r);
    assert_non_null(strstr(h, "<td><a href=\"#cite-C4\">[C4]</a><a href=\"#cite-G15\">[G15]</a> seen; [X9] not; [C4 no]; "
                              "<a href=\"#cite-G15\">[G15]</a></td>"));
    assert_non_null(strstr(h, "<td>a &lt;b&gt;</td>"));
    assert_non_null(strstr(h, "<tr id=\"cite-C4\"><td>[C4]</td><td>Title: a.org/x?a=1&amp;b=2</td></tr>"));
    assert_non_null(strstr(h, "<tr id=\"cite-G15\"><td>[G15]</td>"));
    free(h);
    const char *bad[] = {"C 4"};
    assert_int_equal(pl_report_citations(r, bad, 1), PL_EINVAL);
    pl_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(page_has_structure_and_escapes_every_text),
        cmocka_unit_test(numbers_align_right_and_rows_highlight),
        cmocka_unit_test(many_columns_are_set_closer),
        cmocka_unit_test(same_calls_same_bytes),
        cmocka_unit_test(building_errors_are_reported),
        cmocka_unit_test(write_is_atomic_and_cleans_up),
        cmocka_unit_test(citations_link_to_their_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
