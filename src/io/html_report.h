// SPDX-License-Identifier: MIT
/* html_report.h — one self-contained report.html per run.
 *
 * A report is a list of blocks (sections, paragraphs, notes, tables, charts)
 * under a title, a parameters block and, where given, a note that the results
 * hold under the stated assumptions.  The page needs nothing but itself: CSS is
 * inline, charts are inline SVG (svg_chart.h), there are no fonts, scripts or
 * links to fetch, and a Content-Security-Policy forbids them anyway.  It opens
 * from disk in any browser and prints well.
 *
 *     pl_report *r = pl_report_create("Six-party talks, February 2007");
 *     pl_report_param(r, "runs", "20000");
 *     pl_report_paramf(r, "seed", "%llu", seed);
 *     pl_report_assumption(r, "payoffs are assumptions, not measurements");
 *     pl_report_section(r, "Completion");
 *     pl_report_paragraph(r, "How often each step was completed.");
 *     pl_report_chart(r, chart, "Probability that each step completes");
 *     const char *head[] = {"step", "P(complete)"};
 *     pl_report_table_begin(r, "Steps", 2, head);
 *     pl_report_table_row(r, (const char *[]){"shutdown", "0.93"}, 0);
 *     pl_report_table_end(r);
 *     if (pl_report_write(r, "out/report.html", &err)) ...;
 *     pl_report_free(r);
 *
 * Every text given is escaped: reports show what scenario files say, and a
 * scenario file is input.  Errors in building (a row with the wrong number of
 * cells, a chart that fails) are sticky, like svg_chart's: each call returns
 * its status, and pl_report_html / pl_report_write return the first error.
 * The same calls give a byte-identical page: no date, no clock, no random id. */
#ifndef PL_IO_HTML_REPORT_H
#define PL_IO_HTML_REPORT_H

#include <stddef.h>

#include "io/strbuf.h"
#include "io/svg_chart.h"
#include "parley/error.h"

typedef struct pl_report pl_report;

/* A new report with that title (the page's <title> and <h1>).  NULL if out of memory. */
pl_report *pl_report_create(const char *title);
void pl_report_free(pl_report *r);

/* A line under the title (e.g. the scenario file). */
int pl_report_set_subtitle(pl_report *r, const char *text);
/* A row of the parameters block (name: value), in the order given.  The parley
 * version (pl_version()) is always added as the last row. */
int pl_report_param(pl_report *r, const char *name, const char *value);
int pl_report_paramf(pl_report *r, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* One stated assumption.  If any is given, the page opens with a note: "Results
 * hold under the stated assumptions:" and the list. */
int pl_report_assumption(pl_report *r, const char *text);

/* A section heading (h2) or subsection heading (h3); both go in the table of
 * contents, which is shown when the report has three sections or more. */
int pl_report_section(pl_report *r, const char *heading);
int pl_report_subsection(pl_report *r, const char *heading);
/* A paragraph of plain text.  A blank line ("\n\n") starts a new paragraph. */
int pl_report_paragraph(pl_report *r, const char *text);
/* A highlighted note (a caution, a reading guide). */
int pl_report_note(pl_report *r, const char *text);
/* Preformatted text in a monospace face, e.g. the command line that reproduces the run. */
int pl_report_code(pl_report *r, const char *text);

/* A table: begin with its caption (may be NULL) and column headers, add rows of
 * exactly ncols cells (NULL cells are empty), end.  A column whose every cell is a
 * number ("2.5", "-3", "12%", "0.93 [0.91, 0.95]") is right-aligned with tabular
 * figures.  highlight != 0 marks the row (e.g. the strategy a reader asked about). */
int pl_report_table_begin(pl_report *r, const char *caption, size_t ncols, const char *const *headers);
int pl_report_table_row(pl_report *r, const char *const *cells, int highlight);
int pl_report_table_end(pl_report *r);

/* Citations: once tags are registered ("C4"), every "[C4]" in a table cell becomes a link to the
 * row of the citation list that carries the tag (id "cite-C4"); pl_report_citation_list adds that
 * list, a table of "[tag]" and text, one row per tag.  Tags are letters and digits. */
int pl_report_citations(pl_report *r, const char *const *tags, size_t n);
int pl_report_citation_list(pl_report *r, const char *caption, size_t n, const char *const *tags,
                            const char *const *texts);

/* A chart, rendered now (the chart may be freed after), in a figure with a caption
 * (may be NULL).  A chart that fails to render is the report's error. */
int pl_report_chart(pl_report *r, const pl_chart *chart, const char *caption);

/* Appends the whole page to out. */
int pl_report_html(const pl_report *r, pl_strbuf *out, pl_error *err);
/* Writes the page to path atomically: to "path.tmp-PID" first, then rename(), so a
 * reader never sees a partial report and a failed write leaves no file behind.
 * Errors (PL_EIO) name the path and the reason. */
int pl_report_write(const pl_report *r, const char *path, pl_error *err);

#endif
