// SPDX-License-Identifier: MIT
/* cli_flags.c — the one flag parser every command uses (cli_flags.h): a table per command, read
 * here into the command's variables, and printed here as the flags part of its --help.
 *
 * Why not getopt_long: each command wrote the same switch cases over again (--runs, --seed,
 * --threads, --out, --players, --turns, --noise, --game), each with its own wording; an unknown
 * flag got getopt's "unrecognized option" and the whole help; there was no "did you mean".  With
 * one table the behaviour and the messages are the same in every command. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_flags.h"
#include "parley/player_list.h"
#include "parley/text.h"

void cli_game_default(cli_game *g)
{
    pl_game_default(&g->game);
    g->text = "3,0,5,1";
}

/* The index of word in the '|'-separated list words, or -1. */
static int choice_index(const char *words, const char *word)
{
    size_t n = strlen(word);
    int i = 0;
    for (const char *p = words; p; i++) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncmp(p, word, n)) return i;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

/* "'bd' or 'db'", "'a', 'b' or 'c'" from "a|b|c". */
static void choice_words(const char *words, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = '\0';
    for (const char *p = words; p && k < size;) {
        const char *bar = strchr(p, '|');
        int len = bar ? (int)(bar - p) : (int)strlen(p);
        const char *sep = p == words ? "" : bar ? ", " : " or ";
        k += (size_t)snprintf(buf + k, size - k, "%s'%.*s'", sep, len, p);
        p = bar ? bar + 1 : NULL;
    }
}

/* Puts value into the flag's target; prints an error naming the flag and returns -1 if it is not
 * what the flag takes, or the exit code of a failure that is not the value's (a player list file
 * the system would not read: EXIT_ENV). */
static int apply(const char *cmd, const cli_flag *f, const char *value)
{
    char flag[64];
    snprintf(flag, sizeof flag, "--%s", f->name);
    long v;
    switch (f->kind) {
    case CLI_FLAG_BOOL: *(int *)f->target = 1; break;
    case CLI_FLAG_TEXT: *(const char **)f->target = value; break;
    case CLI_FLAG_DIR:
        if (!*value) return cli_usage_error(cmd, "%s: expected a directory name", flag), -1;
        *(const char **)f->target = value;
        break;
    case CLI_FLAG_INT:
        if (cli_parse_int(cmd, flag, value, (long)f->lo, (long)f->hi, &v)) return -1;
        *(int *)f->target = (int)v;
        break;
    case CLI_FLAG_COUNT:
        if (cli_parse_int(cmd, flag, value, (long)f->lo, (long)f->hi, &v)) return -1;
        *(uint64_t *)f->target = (uint64_t)v;
        break;
    case CLI_FLAG_REAL:
        if (cli_parse_double(cmd, flag, value, f->lo, f->hi, f->target)) return -1;
        break;
    case CLI_FLAG_PROB:
        if (cli_parse_prob(cmd, flag, value, f->target)) return -1;
        break;
    case CLI_FLAG_SEED:
        if (cli_parse_seed(cmd, flag, value, f->target)) return -1;
        break;
    case CLI_FLAG_THREADS:
        if (cli_parse_threads(cmd, flag, value, f->target)) return -1;
        break;
    case CLI_FLAG_GAME: {
        cli_game *g = f->target;
        if (cli_parse_game(cmd, flag, value, &g->game)) return -1;
        g->text = value;
        break;
    }
    case CLI_FLAG_CHOICE: {
        int i = choice_index(f->meta, value);
        if (i < 0) {
            char words[160];
            choice_words(f->meta, words, sizeof words);
            return cli_usage_error(cmd, "%s: expected %s, got '%s'", flag, words, value), -1;
        }
        *(int *)f->target = i;
        break;
    }
    case CLI_FLAG_LIST: {
        cli_list *l = f->target;
        if (l->n == CLI_MAX_SETS) return cli_usage_error(cmd, "%s: at most %d of them", flag, CLI_MAX_SETS), -1;
        l->items[l->n++] = value;
        break;
    }
    case CLI_FLAG_PLAYERS: {
        pl_error err;
        /* a list file the system would not read (permission) is the environment's failure, exit 3 */
        if (pl_player_list_add(f->target, value, &err)) return cli_usage_error(cmd, "%s: %s", flag, err.msg), cli_exit_code(err.code);
        break;
    }
    case CLI_FLAG_REFUSE: return cli_usage_error(cmd, "%s %s", flag, f->help), -1;
    }
    if (f->given) *f->given = 1;
    return 0;
}

const cli_flag *cli_flags_closest(const cli_flag *flags, const char *name)
{
    const cli_flag *best = NULL;
    size_t best_d = (size_t)-1;
    for (const cli_flag *f = flags; f->name; f++) {
        size_t d = pl_edit_distance(name, f->name, 1);
        if (d < best_d) best_d = d, best = f;
    }
    /* close enough to be the same word mistyped: two edits at most, and fewer than half its letters */
    if (!best || best_d > 2 || 2 * best_d > strlen(best->name)) return NULL;
    return best;
}

static int unknown(const cli_command *cmd, const char *arg, const char *name)
{
    const cli_flag *near = name ? cli_flags_closest(cmd->flags, name) : NULL;
    if (near)
        return cli_usage_error(cmd->name, "unknown flag '%s'; did you mean '--%s'? (see parley %s --help)", arg,
                               near->name, cmd->name);
    return cli_usage_error(cmd->name, "unknown flag '%s' (see parley %s --help)", arg, cmd->name);
}

/* The flag named by the long name (n characters of name): an exact name, else the one name it
 * is a prefix of.  NULL with *ambiguous set when it is a prefix of several. */
static const cli_flag *find_long(const cli_flag *flags, const char *name, size_t n, int *ambiguous)
{
    const cli_flag *hit = NULL;
    int hits = 0;
    *ambiguous = 0;
    for (const cli_flag *f = flags; f->name; f++) {
        if (strncmp(f->name, name, n)) continue;
        if (f->name[n] == '\0') return f;
        hit = f, hits++;
    }
    if (hits > 1) *ambiguous = 1;
    return hits == 1 ? hit : NULL;
}

static int is_help(const char *name, size_t n) { return n > 0 && n <= 4 && !strncmp("help", name, n); }

FILE *cli_flags_dump;

static void dump_table(const cli_command *cmd, FILE *out)
{
    for (const cli_flag *f = cmd->flags; f->name; f++) {
        if (f->kind == CLI_FLAG_REFUSE) continue;
        const char *kind = f->kind == CLI_FLAG_BOOL      ? "bool"
                           : f->kind == CLI_FLAG_DIR     ? "dir"
                           : f->kind == CLI_FLAG_CHOICE  ? "choice"
                           : f->kind == CLI_FLAG_PLAYERS ? "players"
                                                         : "value";
        char short_form[3] = {'-', f->short_name, '\0'};
        fprintf(out, "%s\t%s\t%s\t%s\n", f->name, f->short_name ? short_form : "-", kind, f->meta ? f->meta : "-");
    }
}

int cli_flags_parse(const cli_command *cmd, int argc, char **argv, int *n_args)
{
    if (cli_flags_dump) {
        dump_table(cmd, cli_flags_dump);
        return EXIT_OK;
    }
    int n = 0, only_args = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_args || a[0] != '-' || a[1] == '\0') { /* an argument; "-" is one too */
            argv[++n] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_args = 1;
            continue;
        }
        const cli_flag *f = NULL;
        const char *value = NULL;
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            int ambiguous = 0;
            if (len > 0) f = find_long(cmd->flags, name, len, &ambiguous);
            if (!f && !ambiguous && is_help(name, len)) {
                cli_flags_help(cmd, stdout);
                return EXIT_OK;
            }
            if (ambiguous) {
                char names[512];
                size_t k = 0;
                names[0] = '\0';
                for (const cli_flag *g = cmd->flags; g->name && k < sizeof names; g++)
                    if (!strncmp(g->name, name, len))
                        k += (size_t)snprintf(names + k, sizeof names - k, "%s--%s", k ? ", " : "", g->name);
                return cli_usage_error(cmd->name, "'%.*s' is ambiguous: it could be %s", (int)len + 2, a, names);
            }
            if (!f) {
                char word[96];
                snprintf(word, sizeof word, "%.*s", (int)len, name);
                return unknown(cmd, a, word);
            }
            if (eq) value = eq + 1;
            if (eq && f->kind == CLI_FLAG_BOOL)
                return cli_usage_error(cmd->name, "--%s takes no value, got '%s'", f->name, value);
        } else {
            if (a[1] == 'h' && a[2] == '\0') {
                cli_flags_help(cmd, stdout);
                return EXIT_OK;
            }
            for (const cli_flag *g = cmd->flags; g->name; g++)
                if (g->short_name && g->short_name == a[1]) f = g;
            if (!f || (f->kind == CLI_FLAG_BOOL && a[2])) return unknown(cmd, a, NULL);
            if (a[2]) value = a + 2; /* -t5 */
        }
        if (f->kind == CLI_FLAG_REFUSE) return apply(cmd->name, f, ""), EXIT_USAGE;
        if (f->kind != CLI_FLAG_BOOL && !value) {
            if (i + 1 == argc)
                return cli_usage_error(cmd->name, "--%s: expected a value after it (--%s %s)", f->name, f->name,
                                       f->meta ? f->meta : "VALUE");
            value = argv[++i];
        }
        int bad = apply(cmd->name, f, value);
        if (bad) return bad > 0 ? bad : EXIT_USAGE;
    }
    *n_args = n;
    return CLI_GO;
}

void cli_flags_help(const cli_command *cmd, FILE *out)
{
    fputs(cmd->usage, out);
    size_t w = 0;
    for (const cli_flag *f = cmd->flags; f->name; f++) {
        if (!f->help || f->kind == CLI_FLAG_REFUSE) continue;
        size_t l = strlen(f->name) + 2 + (f->meta ? strlen(f->meta) + 1 : 0);
        if (l > w) w = l;
    }
    for (const cli_flag *f = cmd->flags; f->name; f++) {
        if (!f->help || f->kind == CLI_FLAG_REFUSE) continue;
        char head[128];
        snprintf(head, sizeof head, "--%s%s%s", f->name, f->meta ? " " : "", f->meta ? f->meta : "");
        if (f->short_name) fprintf(out, "  -%c, %-*s  ", f->short_name, (int)w, head);
        else fprintf(out, "      %-*s  ", (int)w, head);
        /* continuation lines start under the first */
        for (const char *p = f->help; *p;) {
            const char *nl = strchr(p, '\n');
            int len = nl ? (int)(nl - p) : (int)strlen(p);
            fprintf(out, "%.*s\n", len, p);
            if (!nl) break;
            p = nl + 1;
            fprintf(out, "%*s", (int)w + 8, "");
        }
    }
    if (cmd->after) fputs(cmd->after, out);
}
