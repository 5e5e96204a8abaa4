// SPDX-License-Identifier: MIT
/* html_report.c — the report page: blocks in, one self-contained HTML file out.
 *
 * Blocks are kept as data until the page is written, because the table of
 * contents at the top needs every heading, and because a report must be the
 * same bytes for the same calls.  Charts are the exception: they are rendered
 * to SVG text when added, so the caller may free them at once.
 *
 * The file is written through files.h (pl_write_file_atomic): "path.tmp-PID", renamed over path only once every
 * byte is on disk (fsync): rename() is atomic on POSIX file systems, so a
 * reader (a browser, a test, a CI job uploading artifacts) sees the old report
 * or the whole new one, never half of one.  Any failure removes the temporary
 * file.  Section anchors are numbered (s1, s1-2), not derived from headings,
 * so hostile headings cannot shape ids. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "io/files.h"
#include "io/html_report.h"
#include "parley/parley.h"

typedef enum block_kind { B_SECTION, B_SUBSECTION, B_PARAGRAPH, B_NOTE, B_CODE, B_TABLE, B_CHART } block_kind;

typedef struct table {
    char *caption;
    size_t ncols, nrows;
    char **head;  /* ncols */
    char **cells; /* nrows * ncols */
    unsigned char *highlight;
    int anchors; /* a citation list: row r carries id "cite-TAG" for its first cell "[TAG]" */
} table;

typedef struct block {
    block_kind kind;
    char *text; /* heading, paragraph, note, code; the SVG of a chart */
    char *caption;
    table *t;
} block;

struct pl_report {
    char *title, *subtitle;
    char **param_names, **param_values;
    size_t n_params;
    char **assumptions;
    size_t n_assumptions;
    block *blocks;
    size_t n_blocks;
    table *open_table; /* between table_begin and table_end */
    char **cite;       /* registered citation tags (pl_report_citations) */
    size_t n_cite;
    pl_error err; /* the first failure of a call (pl_error_set_first), given back by pl_report_html */
};

#define fail(r, code, ...) pl_error_set_first((r) ? &(r)->err : NULL, (code), __VA_ARGS__)

static char *dup_str(const char *s) { return pl_strdup(s ? s : ""); }

static void table_free(table *t)
{
    if (!t) return;
    pl_free(t->caption);
    for (size_t i = 0; i < t->ncols; i++) pl_free(t->head[i]);
    pl_free(t->head);
    for (size_t i = 0; i < t->nrows * t->ncols; i++) pl_free(t->cells[i]);
    pl_free(t->cells);
    pl_free(t->highlight);
    pl_free(t);
}

pl_report *pl_report_create(const char *title)
{
    pl_report *r = pl_calloc(1, sizeof *r);
    if (!r) return NULL;
    if (!(r->title = dup_str(title ? title : "parley report"))) {
        pl_free(r);
        return NULL;
    }
    return r;
}

void pl_report_free(pl_report *r)
{
    if (r)
        for (size_t k = 0; k < r->n_cite; k++) pl_free(r->cite[k]);
    if (r) pl_free(r->cite);
    if (!r) return;
    pl_free(r->title);
    pl_free(r->subtitle);
    for (size_t i = 0; i < r->n_params; i++) {
        pl_free(r->param_names[i]);
        pl_free(r->param_values[i]);
    }
    pl_free(r->param_names);
    pl_free(r->param_values);
    for (size_t i = 0; i < r->n_assumptions; i++) pl_free(r->assumptions[i]);
    pl_free(r->assumptions);
    for (size_t i = 0; i < r->n_blocks; i++) {
        pl_free(r->blocks[i].text);
        pl_free(r->blocks[i].caption);
        table_free(r->blocks[i].t);
    }
    pl_free(r->blocks);
    table_free(r->open_table);
    pl_free(r);
}

int pl_report_set_subtitle(pl_report *r, const char *text)
{
    if (!r) return PL_EINVAL;
    char *p = dup_str(text);
    if (!p) return fail(r, PL_ENOMEM, "out of memory");
    pl_free(r->subtitle);
    r->subtitle = p;
    return PL_OK;
}

/* Appends a copy of s to a growing array of strings. */
static int push_str(pl_report *r, char ***arr, size_t *n, const char *s)
{
    char **p = pl_realloc(*arr, (*n + 1) * sizeof *p);
    if (!p) return fail(r, PL_ENOMEM, "out of memory");
    *arr = p;
    if (!(p[*n] = dup_str(s))) return fail(r, PL_ENOMEM, "out of memory");
    (*n)++;
    return PL_OK;
}

int pl_report_param(pl_report *r, const char *name, const char *value)
{
    if (!r) return PL_EINVAL;
    size_t n = r->n_params;
    int rc = push_str(r, &r->param_names, &n, name);
    if (rc) return rc;
    size_t m = r->n_params;
    if ((rc = push_str(r, &r->param_values, &m, value))) {
        pl_free(r->param_names[r->n_params]);
        return rc;
    }
    r->n_params++;
    return PL_OK;
}

int pl_report_paramf(pl_report *r, const char *name, const char *fmt, ...)
{
    if (!r) return PL_EINVAL;
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    int rc;
    if (n >= 0 && (size_t)n < sizeof small) {
        rc = pl_report_param(r, name, small);
    } else if (n >= 0) {
        char *big = pl_malloc((size_t)n + 1);
        if (!big) return fail(r, PL_ENOMEM, "out of memory");
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        rc = pl_report_param(r, name, big);
        pl_free(big);
    } else {
        rc = fail(r, PL_EINVAL, "parameter '%s': bad format", name ? name : "");
    }
    return rc;
}

int pl_report_assumption(pl_report *r, const char *text)
{
    if (!r) return PL_EINVAL;
    return push_str(r, &r->assumptions, &r->n_assumptions, text);
}

static int push_block(pl_report *r, block_kind kind, const char *text)
{
    if (!r) return PL_EINVAL;
    if (r->open_table) return fail(r, PL_EINVAL, "a table is open: end it before adding anything else");
    block *p = pl_realloc(r->blocks, (r->n_blocks + 1) * sizeof *p);
    if (!p) return fail(r, PL_ENOMEM, "out of memory");
    r->blocks = p;
    block *b = &p[r->n_blocks];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    if (text && !(b->text = dup_str(text))) return fail(r, PL_ENOMEM, "out of memory");
    r->n_blocks++;
    return PL_OK;
}

int pl_report_section(pl_report *r, const char *heading) { return push_block(r, B_SECTION, heading ? heading : ""); }
int pl_report_subsection(pl_report *r, const char *heading) { return push_block(r, B_SUBSECTION, heading ? heading : ""); }
int pl_report_paragraph(pl_report *r, const char *text) { return push_block(r, B_PARAGRAPH, text ? text : ""); }
int pl_report_note(pl_report *r, const char *text) { return push_block(r, B_NOTE, text ? text : ""); }
int pl_report_code(pl_report *r, const char *text) { return push_block(r, B_CODE, text ? text : ""); }

int pl_report_table_begin(pl_report *r, const char *caption, size_t ncols, const char *const *headers)
{
    if (!r) return PL_EINVAL;
    if (r->open_table) return fail(r, PL_EINVAL, "table '%s': the previous table was not ended", caption ? caption : "");
    if (!ncols || ncols > 1000) return fail(r, PL_EINVAL, "table '%s': %zu columns (expected 1..1000)", caption ? caption : "", ncols);
    table *t = pl_calloc(1, sizeof *t);
    if (!t) return fail(r, PL_ENOMEM, "out of memory");
    t->caption = caption ? dup_str(caption) : NULL;
    t->head = pl_calloc(ncols, sizeof *t->head);
    if ((caption && !t->caption) || !t->head) {
        table_free(t);
        return fail(r, PL_ENOMEM, "out of memory");
    }
    t->ncols = ncols;
    for (size_t i = 0; i < ncols; i++)
        if (!(t->head[i] = dup_str(headers ? headers[i] : ""))) {
            table_free(t);
            return fail(r, PL_ENOMEM, "out of memory");
        }
    r->open_table = t;
    return PL_OK;
}

int pl_report_table_row(pl_report *r, const char *const *cells, int highlight)
{
    if (!r) return PL_EINVAL;
    table *t = r->open_table;
    if (!t) return fail(r, PL_EINVAL, "a table row outside a table (call pl_report_table_begin first)");
    size_t nr = t->nrows + 1;
    char **c = pl_realloc(t->cells, nr * t->ncols * sizeof *c);
    if (!c) return fail(r, PL_ENOMEM, "out of memory");
    t->cells = c;
    unsigned char *h = pl_realloc(t->highlight, nr);
    if (!h) return fail(r, PL_ENOMEM, "out of memory");
    t->highlight = h;
    char **row = c + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        if (!(row[i] = dup_str(cells ? cells[i] : ""))) {
            for (size_t j = 0; j < i; j++) pl_free(row[j]);
            return fail(r, PL_ENOMEM, "out of memory");
        }
    }
    h[t->nrows] = highlight != 0;
    t->nrows = nr;
    return PL_OK;
}

int pl_report_citations(pl_report *r, const char *const *tags, size_t n)
{
    if (!r) return PL_EINVAL;
    char **c = pl_realloc(r->cite, (r->n_cite + n + 1) * sizeof *c);
    if (!c) return fail(r, PL_ENOMEM, "out of memory");
    r->cite = c;
    for (size_t i = 0; i < n; i++) {
        for (const char *p = tags[i]; *p; p++)
            if (!isalnum((unsigned char)*p)) return fail(r, PL_EINVAL, "citation tag '%s': letters and digits only", tags[i]);
        if (!(r->cite[r->n_cite] = dup_str(tags[i]))) return fail(r, PL_ENOMEM, "out of memory");
        r->n_cite++;
    }
    return PL_OK;
}

int pl_report_citation_list(pl_report *r, const char *caption, size_t n, const char *const *tags,
                            const char *const *texts)
{
    static const char *const head[] = {"tag", "source"};
    int rc = pl_report_table_begin(r, caption, 2, head);
    if (rc) return rc;
    r->open_table->anchors = 1;
    for (size_t i = 0; i < n && !rc; i++) {
        char tag[80];
        snprintf(tag, sizeof tag, "[%.70s]", tags[i]);
        const char *row[] = {tag, texts[i]};
        rc = pl_report_table_row(r, row, 0);
    }
    return rc ? rc : pl_report_table_end(r);
}

/* A registered tag of n characters at s, or 0. */
static int is_cited(const pl_report *r, const char *s, size_t n)
{
    for (size_t k = 0; k < r->n_cite; k++)
        if (strlen(r->cite[k]) == n && !memcmp(r->cite[k], s, n)) return 1;
    return 0;
}

/* A cell's text, escaped, with each registered "[TAG]" a link to its citation. */
static void cell_text(pl_strbuf *sb, const pl_report *r, const char *s)
{
    const char *from = s;
    for (const char *p = s; r->n_cite && (p = strchr(p, '[')); p++) {
        size_t n = 0;
        while (isalnum((unsigned char)p[1 + n])) n++;
        if (!n || p[1 + n] != ']' || !is_cited(r, p + 1, n)) continue;
        char *piece = pl_strndup(from, (size_t)(p - from));
        if (!piece) {
            sb->failed = 1;
            return;
        }
        pl_strbuf_append_html_escaped(sb, piece);
        pl_free(piece);
        pl_strbuf_appendf(sb, "<a href=\"#cite-%.*s\">[%.*s]</a>", (int)n, p + 1, (int)n, p + 1);
        from = p + 2 + n;
        p = from - 1;
    }
    pl_strbuf_append_html_escaped(sb, from);
}

int pl_report_table_end(pl_report *r)
{
    if (!r) return PL_EINVAL;
    table *t = r->open_table;
    if (!t) return fail(r, PL_EINVAL, "pl_report_table_end without pl_report_table_begin");
    r->open_table = NULL;
    int rc = push_block(r, B_TABLE, NULL);
    if (rc) {
        table_free(t);
        return rc;
    }
    r->blocks[r->n_blocks - 1].t = t;
    return PL_OK;
}

int pl_report_chart(pl_report *r, const pl_chart *chart, const char *caption)
{
    if (!r) return PL_EINVAL;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_error err;
    if (pl_chart_svg(chart, &sb, &err)) {
        pl_strbuf_free(&sb);
        return fail(r, err.code, "%s", err.msg);
    }
    int rc = push_block(r, B_CHART, NULL);
    if (rc) {
        pl_strbuf_free(&sb);
        return rc;
    }
    block *b = &r->blocks[r->n_blocks - 1];
    b->text = pl_strbuf_release(&sb);
    b->caption = caption ? dup_str(caption) : NULL;
    if (!b->text || (caption && !b->caption)) return fail(r, PL_ENOMEM, "out of memory");
    return PL_OK;
}

/* ------------------------------------------------------------------ render */

/* Is a table cell a number, for alignment?  A number first ("-2.5", ".3", "1e6"),
 * then nothing that is a letter ("12%", "2.53 [2.41, 2.65]", "1,234"). */
static int looks_numeric(const char *s)
{
    while (*s == ' ') s++;
    const char *p = s;
    if (!strncmp(p, "\xE2\x88\x92", 3)) p += 3; /* U+2212 minus */
    else if (*p == '-' || *p == '+') p++;
    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1]))) return 0;
    for (; *p; p++) {
        if (isalpha((unsigned char)*p) && !((*p == 'e' || *p == 'E') && (isdigit((unsigned char)p[1]) || p[1] == '-' || p[1] == '+')))
            return 0;
        if ((unsigned char)*p >= 0x80) { /* allow a few symbols: ± – − × */
            if (!strncmp(p, "\xC2\xB1", 2) || !strncmp(p, "\xC3\x97", 2)) p += 1;
            else if (!strncmp(p, "\xE2\x80\x93", 3) || !strncmp(p, "\xE2\x88\x92", 3)) p += 2;
            else return 0;
        }
    }
    return 1;
}

/* A cell that holds no value ("", "-", an em or en dash, "n/a", "NA") does not decide alignment. */
static int is_blank_cell(const char *s)
{
    while (*s == ' ') s++;
    return !*s || !strcmp(s, "-") || !strcmp(s, "\xE2\x80\x94") || !strcmp(s, "\xE2\x80\x93") || !strcmp(s, "n/a") ||
           !strcmp(s, "NA");
}

static void esc(pl_strbuf *sb, const char *s) { pl_strbuf_append_html_escaped(sb, s); }

/* Text with paragraphs split on blank lines; single newlines become <br>. */
static void paragraphs(pl_strbuf *sb, const char *text, const char *open, const char *close)
{
    const char *p = text;
    int first = 1;
    while (1) {
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n || first) {
            pl_strbuf_append(sb, open);
            const char *q = p, *stop = p + n;
            while (q < stop) {
                const char *nl = memchr(q, '\n', (size_t)(stop - q));
                size_t k = nl ? (size_t)(nl - q) : (size_t)(stop - q);
                char *piece = pl_strndup(q, k);
                if (piece) {
                    esc(sb, piece);
                    pl_free(piece);
                } else {
                    sb->failed = 1;
                }
                if (!nl) break;
                pl_strbuf_append(sb, "<br>");
                q = nl + 1;
            }
            pl_strbuf_append(sb, close);
            first = 0;
        }
        if (!end) break;
        p = end + 2;
        while (*p == '\n') p++;
    }
}

static const char css[] =
    ":root{color-scheme:light;--ink:#1d2125;--muted:#5b636b;--line:#dfe3e8;--soft:#f5f7f9;--accent:#0072B2;"
    "--hl:#fff4d6;--hlline:#E69F00}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:#fff;color:var(--ink);font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,"
    "'Helvetica Neue',Arial,sans-serif}\n"
    ".page{max-width:62rem;margin:0 auto;padding:2.5rem 1.5rem 3rem}\n"
    "header{border-bottom:3px solid var(--accent);padding-bottom:1rem;margin-bottom:1.5rem}\n"
    "h1{font-size:2rem;line-height:1.2;margin:0 0 .35rem;letter-spacing:-.01em}\n"
    ".subtitle{color:var(--muted);margin:0;font-size:1.05rem}\n"
    "h2{font-size:1.45rem;line-height:1.25;margin:2.6rem 0 .8rem;padding-top:.4rem;border-top:1px solid var(--line)}\n"
    "h3{font-size:1.15rem;margin:1.8rem 0 .6rem}\n"
    "p{margin:.6rem 0;max-width:46rem}\n"
    "a{color:var(--accent)}\n"
    ".params{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.25rem;margin:0;padding:.9rem 1.1rem;"
    "background:var(--soft);border:1px solid var(--line);border-radius:8px;font-size:.92rem}\n"
    ".params dt{color:var(--muted);font-weight:600}\n"
    ".params dd{margin:0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}\n"
    ".assumptions{margin:1.2rem 0;padding:.85rem 1.1rem;border-left:5px solid var(--hlline);background:var(--hl);"
    "border-radius:0 8px 8px 0}\n"
    ".assumptions strong{display:block;margin-bottom:.2rem}\n"
    ".assumptions ul{margin:.2rem 0 0;padding-left:1.2rem}\n"
    ".note{margin:1rem 0;padding:.75rem 1rem;border-left:5px solid var(--accent);background:#eef5fb;"
    "border-radius:0 8px 8px 0}\n"
    ".note p{margin:.3rem 0}\n"
    "nav.toc{margin:1.4rem 0;padding:.8rem 1.1rem;border:1px solid var(--line);border-radius:8px}\n"
    "nav.toc h2{font-size:1rem;margin:0 0 .3rem;padding:0;border:0;text-transform:uppercase;letter-spacing:.06em;"
    "color:var(--muted)}\n"
    "nav.toc ol{margin:0;padding-left:1.4rem}\n"
    "nav.toc ol ol{list-style:lower-alpha}\n"
    "nav.toc li{margin:.1rem 0}\n"
    "pre{background:#f3f4f6;border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem;overflow-x:auto;"
    "font:13.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;white-space:pre-wrap;"
    "overflow-wrap:anywhere}\n"
    ".table-wrap{overflow-x:auto;margin:1rem 0 1.4rem}\n"
    "table{border-collapse:collapse;font-size:.92rem;min-width:50%}\n"
    "caption{caption-side:top;text-align:left;font-weight:600;padding:0 0 .45rem;color:var(--ink)}\n"
    "th,td{padding:.38rem .75rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
    "table.dense{font-size:.85rem}\n"
    "table.dense th,table.dense td{padding:.34rem .42rem}\n"
    "thead th{border-bottom:2px solid #b9c0c8;font-weight:600;background:#fff;vertical-align:bottom}\n"
    "tbody tr:nth-child(even){background:#fafbfc}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.num{white-space:nowrap}\n"
    "tr.hl,tr.hl:nth-child(even){background:var(--hl)}\n"
    "tr.hl td{font-weight:600}\n"
    "tr.hl td:first-child{box-shadow:inset 4px 0 0 var(--hlline)}\n"
    "figure{margin:1.4rem 0 1.8rem;overflow-x:auto}\n"
    "figure svg.pl-chart{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:8px}\n"
    "figure svg.pl-chart.wide{max-width:none}\n" /* wider than the page: scrolled, not shrunk */
    "figcaption{color:var(--muted);font-size:.9rem;margin-top:.45rem;max-width:46rem}\n"
    "footer{margin-top:3rem;padding-top:.8rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}\n"
    "@media (max-width:40rem){.page{padding:1.2rem 1rem 2rem}h1{font-size:1.6rem}.params{grid-template-columns:1fr}"
    ".params dd{margin-bottom:.35rem}}\n"
    "@media print{body{font-size:10.5pt}.page{max-width:none;padding:0}h2{break-after:avoid}"
    "figure,table,.assumptions,.note,.params{break-inside:avoid}nav.toc{break-after:page}a{color:inherit;"
    "text-decoration:none}figure svg.pl-chart{border:0}"
    "figure svg.pl-chart.wide{max-width:100%}}\n";

static void render_table(pl_strbuf *sb, const pl_report *rep, const table *t)
{
    unsigned char *num = pl_calloc(t->ncols, 1);
    for (size_t c = 0; num && c < t->ncols; c++) {
        int any = 0, all = 1;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *s = t->cells[r * t->ncols + c];
            if (is_blank_cell(s)) continue;
            any = 1;
            if (!looks_numeric(s)) {
                all = 0;
                break;
            }
        }
        num[c] = any && all;
    }
    /* a table of many columns sets them closer, so that it fits the page's column */
    pl_strbuf_append(sb, t->ncols >= 9 ? "<div class=\"table-wrap\"><table class=\"dense\">\n"
                                       : "<div class=\"table-wrap\"><table>\n");
    if (t->caption) {
        pl_strbuf_append(sb, "<caption>");
        esc(sb, t->caption);
        pl_strbuf_append(sb, "</caption>\n");
    }
    pl_strbuf_append(sb, "<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        pl_strbuf_append(sb, num && num[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
        esc(sb, t->head[c]);
        pl_strbuf_append(sb, "</th>");
    }
    pl_strbuf_append(sb, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        const char *first = t->cells[r * t->ncols];
        size_t tl = strlen(first);
        if (t->anchors && tl > 2 && first[0] == '[' && first[tl - 1] == ']')
            pl_strbuf_appendf(sb, "<tr id=\"cite-%.*s\">", (int)(tl - 2), first + 1);
        else
            pl_strbuf_append(sb, t->highlight[r] ? "<tr class=\"hl\">" : "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            pl_strbuf_append(sb, num && num[c] ? "<td class=\"num\">" : "<td>");
            if (t->anchors && !c) esc(sb, t->cells[r * t->ncols + c]);
            else cell_text(sb, rep, t->cells[r * t->ncols + c]);
            pl_strbuf_append(sb, "</td>");
        }
        pl_strbuf_append(sb, "</tr>\n");
    }
    pl_strbuf_append(sb, "</tbody></table></div>\n");
    if (!num) sb->failed = 1;
    pl_free(num);
}

int pl_report_html(const pl_report *r, pl_strbuf *out, pl_error *err)
{
    if (!r || !out) return pl_error_set(err, PL_EINVAL, "report: no report or no output buffer");
    if (r->err.code) return pl_error_set(err, r->err.code, "report '%s': %s", r->title, r->err.msg);
    if (r->open_table) return pl_error_set(err, PL_EINVAL, "report '%s': a table was begun and not ended", r->title);
    pl_strbuf *sb = out;
    pl_strbuf_append(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                         "style-src 'unsafe-inline'; img-src data:\">\n");
    pl_strbuf_appendf(sb, "<meta name=\"generator\" content=\"parley %s\">\n<title>", pl_version());
    esc(sb, r->title);
    pl_strbuf_appendf(sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<div class=\"page\">\n<header>\n<h1>", css);
    esc(sb, r->title);
    pl_strbuf_append(sb, "</h1>\n");
    if (r->subtitle && *r->subtitle) {
        pl_strbuf_append(sb, "<p class=\"subtitle\">");
        esc(sb, r->subtitle);
        pl_strbuf_append(sb, "</p>\n");
    }
    pl_strbuf_append(sb, "</header>\n");

    /* parameters, always with the version */
    pl_strbuf_append(sb, "<section aria-label=\"Parameters\">\n<dl class=\"params\">\n");
    for (size_t i = 0; i < r->n_params; i++) {
        pl_strbuf_append(sb, "<dt>");
        esc(sb, r->param_names[i]);
        pl_strbuf_append(sb, "</dt><dd>");
        esc(sb, r->param_values[i]);
        pl_strbuf_append(sb, "</dd>\n");
    }
    pl_strbuf_append(sb, "<dt>parley version</dt><dd>");
    esc(sb, pl_version());
    pl_strbuf_append(sb, "</dd>\n</dl>\n</section>\n");

    if (r->n_assumptions) {
        pl_strbuf_append(sb, "<aside class=\"assumptions\" role=\"note\">\n"
                             "<strong>Results hold under the stated assumptions:</strong>\n<ul>\n");
        for (size_t i = 0; i < r->n_assumptions; i++) {
            pl_strbuf_append(sb, "<li>");
            esc(sb, r->assumptions[i]);
            pl_strbuf_append(sb, "</li>\n");
        }
        pl_strbuf_append(sb, "</ul>\n</aside>\n");
    }

    /* table of contents, when there is enough to navigate */
    size_t n_sections = 0;
    for (size_t i = 0; i < r->n_blocks; i++) n_sections += r->blocks[i].kind == B_SECTION;
    if (n_sections >= 3) {
        pl_strbuf_append(sb, "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        size_t s = 0, sub = 0;
        int in_sec = 0, in_sub = 0;
        for (size_t i = 0; i < r->n_blocks; i++) {
            const block *b = &r->blocks[i];
            if (b->kind == B_SECTION) {
                if (in_sub) pl_strbuf_append(sb, "</ol>"), in_sub = 0;
                if (in_sec) pl_strbuf_append(sb, "</li>\n");
                s++, sub = 0, in_sec = 1;
                pl_strbuf_appendf(sb, "<li><a href=\"#s%zu\">", s);
                esc(sb, b->text);
                pl_strbuf_append(sb, "</a>");
            } else if (b->kind == B_SUBSECTION) {
                sub++;
                if (!in_sub) pl_strbuf_append(sb, "\n<ol>"), in_sub = 1;
                pl_strbuf_appendf(sb, "<li><a href=\"#s%zu-%zu\">", s, sub);
                esc(sb, b->text);
                pl_strbuf_append(sb, "</a></li>");
            }
        }
        if (in_sub) pl_strbuf_append(sb, "</ol>");
        if (in_sec) pl_strbuf_append(sb, "</li>\n");
        pl_strbuf_append(sb, "</ol>\n</nav>\n");
    }

    pl_strbuf_append(sb, "<main>\n");
    size_t s = 0, sub = 0;
    for (size_t i = 0; i < r->n_blocks; i++) {
        const block *b = &r->blocks[i];
        switch (b->kind) {
        case B_SECTION:
            s++, sub = 0;
            pl_strbuf_appendf(sb, "<h2 id=\"s%zu\">", s);
            esc(sb, b->text);
            pl_strbuf_append(sb, "</h2>\n");
            break;
        case B_SUBSECTION:
            sub++;
            pl_strbuf_appendf(sb, "<h3 id=\"s%zu-%zu\">", s, sub);
            esc(sb, b->text);
            pl_strbuf_append(sb, "</h3>\n");
            break;
        case B_PARAGRAPH: paragraphs(sb, b->text, "<p>", "</p>\n"); break;
        case B_NOTE:
            pl_strbuf_append(sb, "<div class=\"note\" role=\"note\">");
            paragraphs(sb, b->text, "<p>", "</p>");
            pl_strbuf_append(sb, "</div>\n");
            break;
        case B_CODE:
            pl_strbuf_append(sb, "<pre>");
            esc(sb, b->text);
            pl_strbuf_append(sb, "</pre>\n");
            break;
        case B_TABLE: render_table(sb, r, b->t); break;
        case B_CHART:
            pl_strbuf_append(sb, "<figure>\n");
            pl_strbuf_append(sb, b->text); /* SVG made by svg_chart.c, escaped there */
            if (b->caption) {
                pl_strbuf_append(sb, "<figcaption>");
                esc(sb, b->caption);
                pl_strbuf_append(sb, "</figcaption>\n");
            }
            pl_strbuf_append(sb, "</figure>\n");
            break;
        }
    }
    pl_strbuf_append(sb, "</main>\n<footer>Made with parley ");
    esc(sb, pl_version());
    pl_strbuf_append(sb, ". The same inputs and seed give the same report, byte for byte.</footer>\n"
                         "</div>\n</body>\n</html>\n");
    if (pl_strbuf_failed(sb)) {
        return pl_error_set(err, PL_ENOMEM, "report '%s': out of memory", r->title);
    }
    return PL_OK;
}

int pl_report_write(const pl_report *r, const char *path, pl_error *err)
{
    if (!path || !*path) return pl_error_set(err, PL_EINVAL, "report: no path to write to");
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    int rc = pl_report_html(r, &sb, err);
    if (rc) {
        pl_strbuf_free(&sb);
        return rc;
    }
    rc = pl_write_file_atomic(path, pl_strbuf_cstr(&sb), sb.len, err);
    pl_strbuf_free(&sb);
    return rc;
}
