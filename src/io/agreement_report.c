/* agreement_report.c — report.html for an agreement: the one place it is assembled.
 *
 * Until the shared chart module (src/io/html_report.h) lands, the page is a
 * self-contained HTML file of tables with simple inline bars; the sections are
 * the ones the charts will fill: completion per variant, time to completion,
 * where runs broke down and who reversed first, payoffs with intervals, and the
 * replay ledger with each party's fulfilment over time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/agreement_output.h"
#include "io/files.h"

static void esc(FILE *f, const char *s)
{
    for (; s && *s; s++) switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

static void bar(FILE *f, double p)
{
    if (isnan(p)) p = 0;
    fprintf(f, "<span class=bar style=\"width:%.1fpx\"></span> %.1f%%", 200 * p, 100 * p);
}

int pl_ag_write_report(const char *path, const pl_agreement *a, const pl_agreement_result *r,
                       const pl_agreement_ledger *l, pl_error *err)
{
    pl_outfile o;
    int rc = pl_outfile_open(&o, path, err);
    if (rc) return rc;
    FILE *f = o.f;
    fputs("<!doctype html><html><head><meta charset=utf-8><title>", f);
    esc(f, a->name);
    fputs("</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}"
          "table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd;"
          "text-align:left}.bar{display:inline-block;height:10px;background:#3b6ea5}.note{color:#555}</style>"
          "</head><body><h1>",
          f);
    esc(f, a->name);
    fprintf(f, "</h1><p>%llu runs per variant, seed %llu; every variant on the same random streams.</p>",
            (unsigned long long)r->runs, (unsigned long long)r->seed);
    if (a->assumptions) {
        fputs("<p class=note><b>Assumptions.</b> ", f);
        esc(f, a->assumptions);
        fputs("</p>", f);
    }
    fputs("<h2>Completion by variant</h2><table><tr><th>variant</th><th>completes</th><th>95% interval</th>"
          "<th>mean time</th></tr>",
          f);
    for (int v = 0; v < r->n_variants; v++) {
        const pl_ag_stats *s = &r->stats[v];
        pl_interval c = pl_ag_wilson(s->completed, s->runs);
        fputs("<tr><td>", f);
        esc(f, a->variant[v].name);
        fputs("</td><td>", f);
        bar(f, c.est);
        fprintf(f, "</td><td>%.1f–%.1f%%</td><td>", 100 * c.lo, 100 * c.hi);
        if (s->completed) fprintf(f, "%.1f", (double)s->time_sum / (double)s->completed);
        fputs("</td></tr>", f);
    }
    fputs("</table><h2>Steps: probability of completion</h2><table><tr><th>step</th><th>actor</th>", f);
    for (int v = 0; v < r->n_variants; v++) {
        fputs("<th>", f);
        esc(f, a->variant[v].id);
        fputs("</th>", f);
    }
    fputs("</tr>", f);
    for (int s = 0; s < a->n_steps; s++) {
        fputs("<tr><td>", f);
        esc(f, a->step[s].id);
        fputs(" — ", f);
        esc(f, a->step[s].name);
        fputs("</td><td>", f);
        esc(f, a->party[a->step[s].actor].id);
        fputs("</td>", f);
        for (int v = 0; v < r->n_variants; v++) {
            fputs("<td>", f);
            bar(f, (double)r->stats[v].step_done[s] / (double)r->stats[v].runs);
            fputs("</td>", f);
        }
        fputs("</tr>", f);
    }
    fputs("</table><h2>Payoffs (mean, 95% interval)</h2><table><tr><th>party</th>", f);
    for (int v = 0; v < r->n_variants; v++) {
        fputs("<th>", f);
        esc(f, a->variant[v].id);
        fputs("</th>", f);
    }
    fputs("</tr>", f);
    for (int p = 0; p < a->n_parties; p++) {
        fputs("<tr><td>", f);
        esc(f, a->party[p].name);
        fputs("</td>", f);
        for (int v = 0; v < r->n_variants; v++) {
            const pl_ag_stats *s = &r->stats[v];
            pl_interval m = pl_ag_mean_interval(s->pay_sum[p], s->pay_sq[p], s->runs);
            fprintf(f, "<td>%.1f [%.1f, %.1f]</td>", m.est, m.lo, m.hi);
        }
        fputs("</tr>", f);
    }
    fputs("</table>", f);
    if (l) {
        fputs("<h2>Replay: each step due against done</h2><table><tr><th>step</th><th>actor</th><th>due</th>"
              "<th>completed</th><th>verified</th><th>reversed</th><th>late (periods)</th></tr>",
              f);
        for (int s = 0; s < a->n_steps; s++) {
            const pl_ag_step_ledger *sl = &l->step[s];
            char due[16] = "";
            if (sl->due >= 0) pl_ag_period_label(a, sl->due, due, sizeof due);
            fputs("<tr><td>", f);
            esc(f, a->step[s].id);
            fprintf(f, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", a->party[a->step[s].actor].id,
                    due, sl->completed_date ? sl->completed_date : "", sl->verified_date ? sl->verified_date : "",
                    sl->reversed_date ? sl->reversed_date : "");
            if (sl->late_by >= 0) fprintf(f, "%d", sl->late_by);
            fputs("</td></tr>", f);
        }
        fputs("</table>", f);
    }
    fputs("<p class=note>These results hold only under the scenario's stated assumptions; they are not forecasts.</p>"
          "</body></html>\n",
          f);
    return pl_outfile_commit(&o, err);
}
