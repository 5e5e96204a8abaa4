// SPDX-License-Identifier: MIT
/* player_list.c — parsing lists of strategy names (see player_list.h for the rules). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "io/files.h"
#include "parley/player_list.h"

static int push(pl_player_list *l, pl_strategy *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pl_strategy **items = pl_realloc(l->items, cap * sizeof *items);
        if (!items) return PL_ENOMEM;
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = s;
    return PL_OK;
}

void pl_player_list_free(pl_player_list *l)
{
    for (size_t i = 0; i < l->n; i++) pl_strategy_free(l->items[i]);
    pl_free(l->items);
    memset(l, 0, sizeof *l);
}

/* 1 when the registry's entry is one of the reference's short_run_time_strategies: a class of
 * its list of strategies (not one of parley's general classes, Cycler and MemoryOnePlayer,
 * which the list leaves out), that obeys the rules of a fair match (not Darwin) and is not
 * classified long_run_time (DBS, the Meta players but the three memory-one ones). */
static int short_run_time(const pl_strategy_info *in)
{
    if (!in->class_name || in->long_run_time || in->inspects_source || in->manipulates_source || in->manipulates_state)
        return 0;
    for (size_t r = 0; r < pl_reference_count(); r++) {
        const char *cls;
        pl_reference_at(r, &cls, NULL);
        if (!strcmp(cls, in->class_name)) return 1; /* one registry entry a class */
    }
    return 0;
}

static int add_keyword(pl_player_list *l, const char *word, int *matched, pl_error *err)
{
    int all = !strcmp(word, "all"), det = !strcmp(word, "deterministic"), short_ = !strcmp(word, "short");
    *matched = all || det || short_;
    if (!*matched) return PL_OK;
    for (size_t i = 0; i < pl_strategy_count(); i++) {
        const pl_strategy_info *in = pl_strategy_info_at(i);
        if (det && in->stochastic) continue;
        if (short_ && !short_run_time(in)) continue;
        pl_strategy *s;
        int rc = pl_strategy_create(&s, in->id, err);
        if (rc) return rc;
        if (push(l, s)) {
            pl_strategy_free(s);
            return pl_error_set(err, PL_ENOMEM, "out of memory");
        }
    }
    return PL_OK;
}

/* One line or one command-line list. `where` prefixes errors ("players.txt:3: "). */
static int add_list(pl_player_list *l, const char *text, const char *where, pl_error *err)
{
    char *copy = pl_strdup(text);
    if (!copy) return pl_error_set(err, PL_ENOMEM, "out of memory");
    size_t np = 1;
    for (char *p = copy; *p; p++) np += *p == ',';
    char **piece = pl_malloc(np * sizeof *piece);
    if (!piece) {
        pl_free(copy);
        return pl_error_set(err, PL_ENOMEM, "out of memory");
    }
    /* pieces end at commas outside parentheses: a transformed strategy, noisy(grudger, 0.1),
     * is one piece */
    np = 0;
    for (char *tok = copy, *next; tok; tok = next) {
        int depth = 0;
        for (next = tok; *next && !(*next == ',' && depth <= 0); next++) depth += (*next == '(') - (*next == ')');
        if (*next) *next++ = '\0';
        else next = NULL;
        piece[np++] = tok;
    }
    int rc = PL_OK;
    size_t buflen = strlen(text) + 1;
    char *cand = pl_malloc(buflen);
    if (!cand) rc = pl_error_set(err, PL_ENOMEM, "out of memory");
    for (size_t i = 0; i < np && !rc;) {
        int matched;
        char *w = piece[i];
        while (*w == ' ') w++;
        if ((rc = add_keyword(l, w, &matched, err))) break;
        if (matched) {
            i++;
            continue;
        }
        size_t took = 0;
        pl_strategy *s = NULL;
        size_t maxj = i + 8 < np ? i + 8 : np;
        for (size_t j = maxj; j > i && !took; j--) {
            cand[0] = '\0';
            for (size_t k = i; k < j; k++) {
                if (k > i) strcat(cand, ",");
                strcat(cand, piece[k]);
            }
            if (pl_strategy_create(&s, cand, NULL) == PL_OK) took = j - i;
        }
        if (!took) {
            pl_error e2;
            pl_strategy_create(&s, piece[i], &e2);
            rc = pl_error_set(err, e2.code ? e2.code : PL_EINVAL, "%s%s", where, e2.msg);
            break;
        }
        if (push(l, s)) {
            pl_strategy_free(s);
            rc = pl_error_set(err, PL_ENOMEM, "out of memory");
            break;
        }
        i += took;
    }
    pl_free(cand);
    pl_free(piece);
    pl_free(copy);
    return rc;
}

static int add_file(pl_player_list *l, const char *path, pl_error *err)
{
    FILE *f;
    int rc = pl_input_open(&f, path, "a list of players", err);
    if (rc) return rc;
    path = pl_infile_name(path); /* @- is standard input, named <stdin> in the messages */
    char *line = NULL;
    size_t cap = 0, len;
    long lineno = 0;
    int got = 0;
    while (!rc && (got = pl_read_line(f, path, "a list of players", lineno + 1, &line, &cap, &len, 4096, err)) == 1) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *s = line, *e = line + strlen(line);
        while (*s == ' ' || *s == '\t') s++;
        while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) *--e = '\0';
        if (!*s) continue;
        char where[512];
        snprintf(where, sizeof where, "%s:%ld:%ld: ", path, lineno, (long)(s - line) + 1);
        /* one name a line: the whole line is the name (it may contain commas) */
        pl_strategy *st;
        pl_error e2;
        int matched;
        if ((rc = add_keyword(l, s, &matched, err)) || matched) continue;
        if (pl_strategy_create(&st, s, &e2)) {
            rc = pl_error_set(err, e2.code, "%s%s", where, e2.msg);
            break;
        }
        if (push(l, st)) {
            pl_strategy_free(st);
            rc = pl_error_set(err, PL_ENOMEM, "out of memory");
        }
    }
    if (!rc && got) rc = got;
    pl_free(line);
    fclose(f);
    return rc;
}

int pl_player_list_add(pl_player_list *l, const char *spec, pl_error *err)
{
    if (spec[0] == '@') return add_file(l, spec + 1, err);
    return add_list(l, spec, "", err);
}
