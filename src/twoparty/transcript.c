// SPDX-License-Identifier: MIT
/* transcript.c — replays reference transcripts and names every difference.
 *
 * zlib's gzread reads gzipped and plain files alike, so one path serves both.
 * Strategies are looked up once per distinct name (a conformance file names
 * the same 150 strategies eleven thousand times). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

/* Lines are read through gzread into a buffer, not with gzgets: gzgets stops
 * at a NUL byte without saying so, and a reader built on strlen() then doubled
 * its buffer until an int length went negative and took the rest of the file
 * for its end.  Here every length is a size_t counted byte by byte, a NUL byte
 * is refused with its line and column, and a line may be as long as memory
 * allows up to PL_TRANSCRIPT_MAX_LINE. */
#define PL_TRANSCRIPT_MAX_LINE ((size_t)1 << 30)

typedef struct line_reader {
    gzFile f;
    const char *path;
    unsigned char in[1 << 16];
    size_t pos, len; /* unread bytes of `in` */
    int eof;
    char *line;
    size_t cap;
    size_t lineno;
} line_reader;

/* The next line (without its newline) in r->line, its length in *len.
 * Returns 1 for a line, 0 at the end of the file, or a pl_status. */
static int next_line(line_reader *r, size_t *len, pl_error *err)
{
    size_t n = 0;
    int any = 0;
    for (;;) {
        if (r->pos == r->len) {
            if (r->eof) break;
            int got = gzread(r->f, r->in, sizeof r->in);
            if (got < 0) { /* the system's read error (exit 3), or compressed data that is not gzip (bad input) */
                int zerr;
                const char *zmsg = gzerror(r->f, &zerr);
                if (zerr == Z_ERRNO)
                    return pl_error_set(err, PL_EIO, "%s:%zu: cannot read: %s", r->path, r->lineno + 1, strerror(errno));
                return pl_error_set(err, PL_EINVAL, "%s:%zu: the compressed data is damaged (%s)", r->path,
                                    r->lineno + 1, zmsg);
            }
            if (got == 0) {
                r->eof = 1;
                break;
            }
            r->pos = 0;
            r->len = (size_t)got;
        }
        any = 1;
        const unsigned char *start = r->in + r->pos;
        const unsigned char *nl = memchr(start, '\n', r->len - r->pos);
        size_t take = nl ? (size_t)(nl - start) : r->len - r->pos;
        if (take > PL_TRANSCRIPT_MAX_LINE - n)
            return pl_error_set(err, PL_EINVAL, "%s:%zu: line longer than %zu bytes; one match per line is expected",
                                r->path, r->lineno + 1, PL_TRANSCRIPT_MAX_LINE);
        if (n + take + 1 > r->cap) {
            size_t cap = r->cap ? r->cap : 4096;
            while (cap < n + take + 1) cap *= 2;
            char *nb = pl_realloc(r->line, cap);
            if (!nb)
                return pl_error_set(err, PL_ENOMEM, "%s:%zu: out of memory holding a line of %zu bytes", r->path,
                                    r->lineno + 1, n + take);
            r->line = nb;
            r->cap = cap;
        }
        memcpy(r->line + n, start, take);
        n += take;
        r->pos += take + (nl != NULL);
        if (nl) break;
    }
    if (!any && n == 0) return 0;
    r->lineno++;
    r->line[n] = '\0';
    int rc;
    if (r->lineno == 1 && (rc = pl_input_check_start(r->path, r->line, n, err))) return rc;
    const char *nul = memchr(r->line, '\0', n);
    if (nul)
        return pl_error_set(err, PL_EINVAL, "%s:%zu:%zu: a NUL byte; a transcript is JSON lines text, one match a line",
                            r->path, r->lineno, (size_t)(nul - r->line) + 1);
    if (n && r->line[n - 1] == '\r') r->line[--n] = '\0';
    *len = n;
    return 1;
}

static int field_error(pl_error *err, const char *path, size_t line, const char *what)
{
    return pl_error_set(err, PL_EINVAL, "%s:%zu:1: %s", path, line, what);
}

static int check_one(const char *path, size_t lineno, json_t *o, name_cache *cache, pl_match_buf *buf,
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
    if (strlen(sa) != (size_t)turns || strlen(sb) != (size_t)turns)
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
            snprintf(msg, sizeof msg, "%s:%zu: %s vs %s: first difference at turn %d: expected %c%c, parley played %c%c",
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
            snprintf(msg, sizeof msg, "%s:%zu: %s vs %s: actions agree but %s's score is %.10g, expected %.10g", path,
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
    line_reader *r = pl_calloc(1, sizeof *r);
    if (!r) return pl_error_set(err, PL_ENOMEM, "%s: out of memory", path);
    r->path = pl_infile_name(path); /* "-" is standard input (gzipped or plain), named <stdin> */
    int fd, orc = pl_input_open_fd(&fd, path, "a transcripts file", err);
    if (orc) {
        pl_free(r);
        return orc;
    }
    r->f = gzdopen(fd, "rb");
    if (!r->f) {
        close(fd);
        pl_free(r);
        return pl_error_set(err, PL_ENOMEM, "%s: out of memory opening the file", path);
    }
    path = r->path;
    name_cache cache = {0};
    pl_match_buf buf;
    int rc = PL_OK;
    if (pl_match_buf_init(&buf, PL_MATCH_BUF_TURNS)) {
        gzclose(r->f);
        pl_free(r);
        return pl_error_set(err, PL_ENOMEM, "%s: out of memory", path);
    }
    size_t len = 0;
    int got;
    while ((got = next_line(r, &len, err)) == 1) {
        if (len == 0) continue;
        json_error_t je;
        pl_json_begin();
        json_t *o = json_loadb(r->line, len, 0, &je);
        if (!o && pl_json_failed()) {
            rc = pl_error_set(err, PL_ENOMEM, "%s:%zu: out of memory reading the line", path, r->lineno);
            break;
        }
        if (!o) {
            rc = pl_error_set(err, PL_EINVAL, "%s:%zu:%d: not valid JSON: %s", path, r->lineno, je.column, je.text);
            break;
        }
        if (!json_is_object(o)) {
            json_decref(o);
            rc = field_error(err, path, r->lineno, "expected a JSON object describing one match");
            break;
        }
        rc = check_one(path, r->lineno, o, &cache, &buf, st, report, user, err);
        json_decref(o);
        if (rc) break;
    }
    if (!rc && got < 0) rc = got;
    int zrc = gzclose(r->f);
    if (!rc && zrc != Z_OK)
        rc = zrc == Z_BUF_ERROR /* a file cut short is bad input (exit 2), as a damaged one is, not the system's failure */
                 ? pl_error_set(err, PL_EINVAL, "%s: the compressed stream ends early (a truncated .gz file)", path)
                 : pl_error_set(err, PL_EIO, "%s: cannot read: %s", path, zrc == Z_ERRNO ? strerror(errno) : "read error");
    pl_free(r->line);
    pl_free(r);
    pl_match_buf_free(&buf);
    cache_free(&cache);
    return rc;
}
