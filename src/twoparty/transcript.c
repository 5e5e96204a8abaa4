/* transcript.c — replays reference transcripts and names every difference.
 *
 * zlib's gzread reads gzipped and plain files alike, so one path serves both.
 * Strategies are looked up once per distinct name (a conformance file names
 * the same 150 strategies eleven thousand times). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/alloc.h"
#include "io/files.h"
#include "parley/match.h"
#include "parley/transcript.h"
#include "twoparty/match_engine.h"

typedef struct name_cache {
    char **names;
    pl_strategy **strats; /* NULL: parley lacks it */
    size_t n, cap;
} name_cache;

static int cache_get(name_cache *c, const char *name, pl_strategy **out)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->names[i], name)) {
            *out = c->strats[i];
            return PL_OK;
        }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        char **nn = pl_realloc(c->names, cap * sizeof *nn);
        if (!nn) return PL_ENOMEM;
        c->names = nn;
        pl_strategy **ns = pl_realloc(c->strats, cap * sizeof *ns);
        if (!ns) return PL_ENOMEM;
        c->strats = ns;
        c->cap = cap;
    }
    pl_error e;
    pl_strategy *s = NULL;
    if (pl_strategy_create(&s, name, &e)) s = NULL;
    c->names[c->n] = pl_strdup(name);
    if (!c->names[c->n]) {
        pl_strategy_free(s);
        return PL_ENOMEM;
    }
    c->strats[c->n++] = s;
    *out = s;
    return PL_OK;
}

static void cache_free(name_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        pl_free(c->names[i]);
        pl_strategy_free(c->strats[i]);
    }
    pl_free(c->names);
    pl_free(c->strats);
}

/* Reads one line of any length; returns its length, -1 at end of file, -2 out of memory. */
static long read_line(gzFile f, char **buf, size_t *cap)
{
    size_t n = 0;
    if (!*buf) {
        *cap = 4096;
        *buf = pl_malloc(*cap);
        if (!*buf) return -2;
    }
    for (;;) {
        if (!gzgets(f, *buf + n, (int)(*cap - n))) return n ? (long)n : -1;
        n += strlen(*buf + n);
        if (n && (*buf)[n - 1] == '\n') {
            (*buf)[--n] = '\0';
            return (long)n;
        }
        if (gzeof(f)) return (long)n;
        *cap *= 2;
        char *nb = pl_realloc(*buf, *cap);
        if (!nb) return -2;
        *buf = nb;
    }
}

static int field_error(pl_error *err, const char *path, long line, const char *what)
{
    return pl_error_set(err, PL_EINVAL, "%s:%ld:1: %s", path, line, what);
}

static int check_one(const char *path, long lineno, json_t *o, name_cache *cache, pl_match_buf *buf,
                     pl_transcript_stats *st, pl_transcript_report_fn report, void *user, pl_error *err)
{
    json_t *ja = json_object_get(o, "a"), *jb = json_object_get(o, "b");
    json_t *jt = json_object_get(o, "turns"), *jg = json_object_get(o, "game_RPST");
    json_t *xa = json_object_get(o, "a_actions"), *xb = json_object_get(o, "b_actions");
    if (!json_is_string(ja) || !json_is_string(jb))
        return field_error(err, path, lineno, "expected string fields \"a\" and \"b\" naming the strategies");
    if (!json_is_integer(jt) || json_integer_value(jt) < 0 || json_integer_value(jt) > 100000000)
        return field_error(err, path, lineno, "expected \"turns\": a whole number from 0 to 100000000");
    if (!json_is_array(jg) || json_array_size(jg) != 4)
        return field_error(err, path, lineno, "expected \"game_RPST\": an array of four numbers [R, P, S, T]");
    double rpst[4];
    for (size_t i = 0; i < 4; i++) {
        json_t *x = json_array_get(jg, i);
        if (!json_is_number(x)) return field_error(err, path, lineno, "\"game_RPST\" must hold four numbers");
        rpst[i] = json_number_value(x);
    }
    if (!json_is_string(xa) || !json_is_string(xb))
        return field_error(err, path, lineno, "expected string fields \"a_actions\" and \"b_actions\" of C and D");
    int turns = (int)json_integer_value(jt);
    const char *sa = json_string_value(xa), *sb = json_string_value(xb);
    if ((int)strlen(sa) != turns || (int)strlen(sb) != turns)
        return field_error(err, path, lineno, "\"a_actions\" and \"b_actions\" must each be \"turns\" characters long");
    for (int t = 0; t < turns; t++)
        if ((sa[t] != 'C' && sa[t] != 'D') || (sb[t] != 'C' && sb[t] != 'D'))
            return field_error(err, path, lineno, "actions must be the letters C and D");
    json_t *jsa = json_object_get(o, "a_score"), *jsb = json_object_get(o, "b_score");
    if ((jsa && !json_is_number(jsa)) || (jsb && !json_is_number(jsb)))
        return field_error(err, path, lineno, "\"a_score\" and \"b_score\" must be numbers when present");

    pl_strategy *a, *b;
    if (cache_get(cache, json_string_value(ja), &a) || cache_get(cache, json_string_value(jb), &b))
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    if (!a || !b) {
        st->skipped++;
        return PL_OK;
    }
    pl_game g;
    pl_game_pd(&g, rpst[0], rpst[2], rpst[3], rpst[1]);
    pl_match_config cfg;
    pl_match_config_default(&cfg);
    cfg.turns = turns;
    cfg.game = &g;
    st->checked++;
    if (turns == 0) return PL_OK;
    int rc = pl_match_run(a, b, &cfg, buf, err);
    if (rc) return rc;
    char msg[600];
    for (int t = 0; t < turns; t++) {
        int ga = pl_hist_at(&buf->h[0], t), gb = pl_hist_at(&buf->h[1], t);
        if (ga != (sa[t] == 'D') || gb != (sb[t] == 'D')) {
            snprintf(msg, sizeof msg, "%s:%ld: %s vs %s: first difference at turn %d: expected %c%c, parley played %c%c",
                     path, lineno, json_string_value(ja), json_string_value(jb), t + 1, sa[t], sb[t], ga ? 'D' : 'C',
                     gb ? 'D' : 'C');
            st->mismatched++;
            if (report) report(msg, user);
            return PL_OK;
        }
    }
    double got[2] = {buf->h[0].score, buf->h[1].score};
    json_t *want[2] = {jsa, jsb};
    for (int k = 0; k < 2; k++)
        if (want[k] && fabs(json_number_value(want[k]) - got[k]) > 1e-9 * (1 + fabs(got[k]))) {
            snprintf(msg, sizeof msg, "%s:%ld: %s vs %s: actions agree but %s's score is %.10g, expected %.10g", path,
                     lineno, json_string_value(ja), json_string_value(jb), k ? "b" : "a", got[k],
                     json_number_value(want[k]));
            st->mismatched++;
            if (report) report(msg, user);
            return PL_OK;
        }
    return PL_OK;
}

int pl_transcript_check_file(const char *path, pl_transcript_stats *st, pl_transcript_report_fn report, void *user,
                             pl_error *err)
{
    gzFile f = gzopen(path, "rb");
    if (!f) return pl_error_set(err, PL_EIO, "%s: cannot open for reading", path);
    name_cache cache = {0};
    pl_match_buf buf;
    char *line = NULL;
    size_t cap = 0;
    int rc = PL_OK;
    if (pl_match_buf_init(&buf, PL_MATCH_BUF_TURNS)) {
        gzclose(f);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    long lineno = 0, len;
    while ((len = read_line(f, &line, &cap)) >= 0) {
        lineno++;
        if (len == 0) continue;
        json_error_t je;
        pl_json_begin();
        json_t *o = json_loadb(line, (size_t)len, 0, &je);
        if (!o && pl_json_failed()) {
            rc = pl_error_set(err, PL_ENOMEM, "%s:%ld: out of memory reading the line", path, lineno);
            break;
        }
        if (!o) {
            rc = pl_error_set(err, PL_EINVAL, "%s:%ld:%d: not valid JSON: %s", path, lineno, je.column, je.text);
            break;
        }
        if (!json_is_object(o)) {
            json_decref(o);
            rc = field_error(err, path, lineno, "expected a JSON object describing one match");
            break;
        }
        rc = check_one(path, lineno, o, &cache, &buf, st, report, user, err);
        json_decref(o);
        if (rc) break;
    }
    if (len == -2) rc = pl_error_set(err, PL_ENOMEM, "out of memory");
    int zerr;
    const char *zmsg = gzerror(f, &zerr);
    if (!rc && zerr != Z_OK && zerr != Z_STREAM_END)
        rc = pl_error_set(err, PL_EIO, "%s: read error: %s", path, zmsg);
    gzclose(f);
    pl_free(line);
    pl_match_buf_free(&buf);
    cache_free(&cache);
    return rc;
}
