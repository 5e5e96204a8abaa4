// SPDX-License-Identifier: MIT
/* scenario.c — opens a scenario file, reads its kind, checks its source tags, applies the run's
 * overrides (`--set`), hands it to the runner for its kind, and records in results.json the
 * inputs the run used (every kind the same way).
 *
 * The one place a scenario file is opened: `parley run` and `parley play` (and any
 * program on the library) get the same checks and the same errors. */
#include <string.h>

#include <jansson.h>

#include "core/alloc.h"
#include "io/files.h"
#include "io/html_report.h"
#include "io/yaml_path.h"
#include "io/yaml_json.h"
#include "scenario/overrides.h"
#include "scenario/scenario.h"

#define PL_SCENARIO_KIND(k, fn, ev, sh, rd, play, text) int fn(const pl_ydoc *, const pl_run_options *, FILE *, pl_error *);
#include "parley/scenario_kinds.def"
#undef PL_SCENARIO_KIND

typedef struct scenario_kind {
    const char *kind;
    pl_scenario_runner run;
    pl_scenario_eval eval; /* NULL: no sensitivity analysis for the kind yet */
    pl_scenario_eval_shared shared; /* NULL: the kind's points are evaluated one by one */
    pl_scenario_reader read;
    const char *summary;
} scenario_kind;

static const scenario_kind kinds[] = {
#define PL_SCENARIO_KIND(k, fn, ev, sh, rd, play, text) {k, fn, ev, sh, rd, text},
#include "parley/scenario_kinds.def"
#undef PL_SCENARIO_KIND
};
#define N_KINDS (int)(sizeof kinds / sizeof kinds[0])

struct pl_scenario {
    pl_ydoc *doc;
    const scenario_kind *kind;
    /* what --set changed in doc (pl_scenario_set, or the run's options): the run, and a model loaded
     * from the scenario, record it; a pointer, as a run of a const scenario still applies its options */
    pl_overrides *log;
    /* the document as the file gave it, before --set (NULL without one), so that an error the
     * changes cause can be told from the file's own (pl_scenario_blame); a pointer, as log */
    pl_ydoc **file;
};

void pl_run_options_default(pl_run_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->threads = 1;
}

const char *pl_scenario_kind_name(int i, const char **summary)
{
    if (i < 0 || i >= N_KINDS) return NULL;
    if (summary) *summary = kinds[i].summary;
    return kinds[i].kind;
}

int pl_scenario_open(pl_scenario **out, const char *path, pl_error *err)
{
    *out = NULL;
    pl_ydoc *doc;
    int rc = pl_ydoc_load(&doc, path, err);
    if (rc) return rc;
    if (!doc->root || doc->root->kind != PL_Y_MAP) {
        rc = pl_yerr(doc, doc->root, err, "a scenario must be a map of keys, starting with 'kind:'");
        pl_ydoc_free(doc);
        return rc;
    }
    const char *kind;
    if ((rc = pl_yget_str(doc, doc->root, "kind", 1, &kind, err))) {
        pl_ydoc_free(doc);
        return rc;
    }
    for (int i = 0; i < N_KINDS; i++)
        if (!strcmp(kinds[i].kind, kind)) {
            pl_scenario *s = pl_calloc(1, sizeof *s);
            if (s && (!(s->log = pl_calloc(1, sizeof *s->log)) || !(s->file = pl_calloc(1, sizeof *s->file))))
                pl_free(s->log), pl_free(s), s = NULL;
            if (!s) {
                pl_ydoc_free(doc);
                return pl_error_set(err, PL_ENOMEM, "out of memory opening %s", path);
            }
            s->doc = doc;
            s->kind = &kinds[i];
            *out = s;
            return PL_OK;
        }
    char list[256] = "";
    size_t n = 0;
    for (int i = 0; i < N_KINDS && n < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", kinds[i].kind);
    rc = pl_yerr(doc, pl_ymap_get(doc->root, "kind"), err, "unknown scenario kind '%s'; expected one of: %s", kind,
                 n ? list : "(none built)");
    pl_ydoc_free(doc);
    return rc;
}

void pl_scenario_free(pl_scenario *s)
{
    if (!s) return;
    pl_ydoc_free(s->doc);
    pl_overrides_clear(s->log);
    pl_free(s->log);
    if (s->file) pl_ydoc_free(*s->file);
    pl_free(s->file);
    pl_free(s);
}

const char *pl_scenario_kind(const pl_scenario *s) { return s->kind->kind; }
const char *pl_scenario_path(const pl_scenario *s) { return s->doc->path; }
const char *pl_scenario_name(const pl_scenario *s)
{
    const pl_ynode *n = pl_ymap_get(s->doc->root, "name");
    return n && n->kind == PL_Y_SCALAR && n->value ? n->value : "";
}
const pl_ydoc *pl_scenario_doc(const pl_scenario *s) { return s->doc; }

pl_scenario_eval pl_scenario_evaluator(const char *kind)
{
    for (int i = 0; i < N_KINDS; i++)
        if (!strcmp(kinds[i].kind, kind)) return kinds[i].eval;
    return NULL;
}

pl_scenario_eval_shared pl_scenario_shared_evaluator(const char *kind)
{
    for (int i = 0; i < N_KINDS; i++)
        if (!strcmp(kinds[i].kind, kind)) return kinds[i].shared;
    return NULL;
}

pl_scenario_reader pl_scenario_reader_of(const pl_ydoc *doc)
{
    const pl_ynode *k = doc && doc->root ? pl_ymap_get(doc->root, "kind") : NULL;
    for (int i = 0; k && k->kind == PL_Y_SCALAR && i < N_KINDS; i++)
        if (!strcmp(kinds[i].kind, k->value)) return kinds[i].read;
    return NULL;
}

/* The overrides applied to the scenario's document, logged in s->log (every --set logs its value):
 * once per scenario, as each list of `p` is rescaled over all the values set in it together. */
static int apply_sets(const pl_scenario *s, const char *const *sets, int n, pl_error *err)
{
    if (n <= 0) return PL_OK;
    if (s->log->n)
        return pl_error_set(err, PL_EINVAL, "--set %s: the scenario's values were already changed once; give every "
                            "--set together", sets[0]);
    pl_ydoc_free(*s->file);
    int rc = pl_ydoc_copy(s->file, s->doc, err); /* the file's own values, for pl_scenario_blame */
    return rc ? rc : pl_overrides_apply(s->doc, pl_scenario_reader_of(s->doc), sets, n, s->log, err);
}

int pl_scenario_set(pl_scenario *s, const char *const *sets, int n, pl_error *err) { return apply_sets(s, sets, n, err); }

const pl_overrides *pl_scenario_overrides(const pl_scenario *s) { return s->log; }

void pl_scenario_print_overrides(FILE *f, const pl_scenario *s) { pl_overrides_print(f, s->log, NULL); }

int pl_scenario_blame(const pl_scenario *s, int rc, pl_error *err)
{
    if (rc != PL_EINVAL || !s->log->n || !err || !*s->file) return rc;
    /* the --set texts again, in order (the rescaled values follow from them) */
    const char **sets = pl_calloc((size_t)s->log->n, sizeof *sets);
    char **texts = pl_calloc((size_t)s->log->n, sizeof *texts);
    int n = 0, ok = sets && texts;
    for (int i = 0; ok && i < s->log->n; i++) {
        const pl_override *o = &s->log->e[i];
        if (o->renormalised) continue;
        size_t len = strlen(o->path) + strlen(o->now) + 2;
        if (!(texts[n] = pl_malloc(len))) ok = 0;
        else snprintf(texts[n], len, "%s=%s", o->path, o->now), sets[n] = texts[n], n++;
    }
    if (ok) pl_overrides_explain(*s->file, pl_scenario_reader_of(*s->file), sets, n, NULL, NULL, err);
    for (int i = 0; texts && i < n; i++) pl_free(texts[i]);
    pl_free(texts), pl_free(sets);
    return rc;
}

/* One change in words, as the summary and a report give it: "PATH = NOW (the file: WAS...)". */
static void override_text(const pl_override *o, char *buf, size_t len)
{
    snprintf(buf, len, "%s = %s (the file: %s%s%s)", o->path, o->now, o->added == PL_OVERRIDE_ADDED ? "default " : "",
             o->was,
             o->renormalised                       ? "; rescaled so that its list still adds up to 1"
             : o->added == PL_OVERRIDE_BY_PARTY ? " for every party" : "");
}

void pl_overrides_print(FILE *f, const pl_overrides *log, const char *what)
{
    if (!f || !log || !log->n) return;
    if (what)
        fprintf(f, "Assumptions changed for this %s (--set):\n", what);
    else
        fprintf(f, "Assumptions changed from the file (--set):\n");
    for (int i = 0; i < log->n; i++) {
        char text[2 * PL_YPATH_MAX + 1024];
        override_text(&log->e[i], text, sizeof text);
        fprintf(f, "  %s\n", text);
    }
    fprintf(f, "\n");
}

void pl_overrides_report(pl_report *rep, const pl_overrides *log, char *cmd, size_t len)
{
    for (int i = 0; log && i < log->n; i++) {
        char text[2 * PL_YPATH_MAX + 1024];
        override_text(&log->e[i], text, sizeof text);
        pl_report_param(rep, "--set", text);
        size_t n = strlen(cmd);
        if (!log->e[i].renormalised && n < len) /* the rescaled follow from the rest */
            snprintf(cmd + n, len - n, " --set %s=%s", log->e[i].path, log->e[i].now);
    }
}

json_t *pl_overrides_json(const pl_overrides *log)
{
    json_t *a = json_array();
    for (int i = 0; a && log && i < log->n; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "path", json_string(log->e[i].path));
        json_object_set_new(e, "value", json_string(log->e[i].now));
        json_object_set_new(e, "file_value", json_string(log->e[i].was));
        json_object_set_new(e, "renormalised", json_boolean(log->e[i].renormalised));
        if (log->e[i].added == PL_OVERRIDE_ADDED) /* the file left it out: file_value is the loader's default */
            json_object_set_new(e, "file_default", json_true());
        if (log->e[i].added == PL_OVERRIDE_BY_PARTY) /* file_value was every party's; now a map by party */
            json_object_set_new(e, "by_party", json_true());
        json_array_append_new(a, e);
    }
    return a;
}

/* The first tag ("[C4]": capitals then digits, "G2b" too) of `text` that is not a key of `sources`
 * (any tag when sources is NULL), copied into tag; 0 when every tag resolves. */
static int first_missing_tag(const char *text, const pl_ynode *sources, char *tag, size_t len)
{
    for (const char *p = text; p && (p = strchr(p, '[')); p++) {
        size_t n = 0;
        while (p[1 + n] && ((p[1 + n] >= 'A' && p[1 + n] <= 'Z') || (p[1 + n] >= '0' && p[1 + n] <= '9') ||
                            (p[1 + n] >= 'a' && p[1 + n] <= 'z')))
            n++;
        if (!n || p[1 + n] != ']' || p[1] < 'A' || p[1] > 'Z' || n > 16 || n + 1 > len) continue;
        int digits = 0;
        for (size_t i = 0; i < n; i++) digits |= p[1 + i] >= '0' && p[1 + i] <= '9';
        if (!digits) continue;
        memcpy(tag, p + 1, n);
        tag[n] = 0;
        if (!sources || !pl_ymap_get(sources, tag)) return 1;
    }
    return 0;
}

int pl_scenario_untagged_source(const pl_ydoc *doc, const char *text, char *tag, size_t len)
{
    const pl_ynode *sources = doc->root ? pl_ymap_get(doc->root, "sources") : NULL;
    if (!sources || sources->kind != PL_Y_MAP) return 0; /* no list to resolve against: nothing to say */
    return first_missing_tag(text, sources, tag, len);
}

/* The tags ("[C4]") of one `source:` text, each checked against the scenario's `sources:` keys. */
static int check_tags(const pl_ydoc *doc, const pl_ynode *at, const pl_ynode *sources, pl_error *err)
{
    char tag[20];
    if (!first_missing_tag(at->value, sources, tag, sizeof tag)) return PL_OK;
    if (!sources)
        return pl_yerr(doc, at, err, "source tag [%s] does not resolve: the scenario has no 'sources:' map "
                       "(tag: \"title: address\")", tag);
    const char *names[512];
    size_t nn = 0;
    for (size_t i = 0; i < sources->n && nn < 512; i++) names[nn++] = sources->keys[i]->value;
    const char *best = pl_yclosest(tag, names, nn);
    char hint[64] = "";
    if (best) snprintf(hint, sizeof hint, " (did you mean [%s]?)", best);
    return pl_yerr(doc, at, err, "source tag [%s] is not in the scenario's 'sources:'%s", tag, hint);
}

static int check_sources_in(const pl_ydoc *doc, const pl_ynode *n, const pl_ynode *sources, pl_error *err)
{
    if (!n || n->kind == PL_Y_SCALAR) return PL_OK;
    for (size_t i = 0; i < n->n; i++) {
        const pl_ynode *v = n->items[i];
        int rc = n->kind == PL_Y_MAP && !strcmp(n->keys[i]->value, "source") && v->kind == PL_Y_SCALAR
                     ? check_tags(doc, v, sources, err)
                     : check_sources_in(doc, v, sources, err);
        if (rc) return rc;
    }
    return PL_OK;
}

int pl_scenario_check_sources(const pl_ydoc *doc, pl_error *err)
{
    const pl_ynode *sources = doc->root ? pl_ymap_get(doc->root, "sources") : NULL;
    if (sources && sources->kind != PL_Y_MAP) sources = NULL;
    if (sources)
        for (size_t i = 0; i < sources->n; i++)
            if (sources->items[i]->kind != PL_Y_SCALAR)
                return pl_yerr(doc, sources->items[i], err, "a source is a text (\"title: address\"), found a %s",
                               sources->items[i]->kind == PL_Y_MAP ? "map" : "list");
    return check_sources_in(doc, doc->root, sources, err);
}

/* results.json gains "inputs" (the document as run, with every default the loader used: yaml_doc.h)
 * and "overrides" (what --set changed). */
static int record_inputs(const char *dir, const pl_ydoc *doc, const pl_overrides *log, pl_error *err)
{
    char path[4096]; /* no allocation, so that a failure can still remove the file */
    if ((size_t)snprintf(path, sizeof path, "%s/results.json", dir) >= sizeof path)
        return pl_error_set(err, PL_EINVAL, "%s: the path is too long", dir);
    pl_json_begin();
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    int rc = PL_OK;
    if (!j || !json_is_object(j))
        rc = pl_json_failed() ? pl_error_set(err, PL_ENOMEM, "out of memory reading back %s", path)
                              : pl_error_set(err, PL_EIO, "%s: cannot read back the results to add the inputs: %s", path,
                                             je.text);
    if (!rc) {
        json_object_set_new(j, "overrides", pl_overrides_json(log));
        json_object_set_new(j, "inputs", pl_ynode_to_json(doc->root));
        rc = pl_json_failed() ? pl_error_set(err, PL_ENOMEM, "out of memory for %s", path)
                              : pl_write_json_file(path, j, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10),
                                                   1, err);
    }
    json_decref(j);
    if (rc) remove(path); /* a results.json without its inputs is not the run's: none rather than a wrong one */
    return rc;
}

/* The run itself (pl_scenario_run, in sensitivity.c, adds the key findings' sensitivity pass first). */
int pl_scenario_run_plain(const pl_scenario *s, const pl_run_options *opt, FILE *summary, pl_error *err)
{
    pl_ydoc *doc = s->doc;
    int rc = pl_scenario_check_sources(doc, err);
    if (rc) return rc;
    rc = apply_sets(s, opt->sets, opt->n_sets, err);
    if (!rc && opt->out_dir && pl_ydoc_record_defaults(doc)) rc = pl_error_set(err, PL_ENOMEM, "out of memory");
    if (!rc) {
        if (summary) pl_overrides_print(summary, s->log, "run");
        rc = pl_scenario_blame(s, s->kind->run(doc, opt, summary, err), err);
        if (!rc && opt->out_dir && !(rc = pl_ydoc_fill_defaults(doc, err))) /* the loader's defaults join the inputs */
            rc = record_inputs(opt->out_dir, doc, s->log, err);
        else if (rc && opt->out_dir) { /* the runner's results.json lacks the inputs: leave none */
            char path[4096]; /* no allocation: memory may be what failed */
            if ((size_t)snprintf(path, sizeof path, "%s/results.json", opt->out_dir) < sizeof path) remove(path);
        }
    }
    return rc;
}
