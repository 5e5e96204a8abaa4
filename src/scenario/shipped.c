// SPDX-License-Identifier: MIT
/* shipped.c — the shipped scenarios, where `make install` puts them: DATADIR/parley/scenarios
 * (PL_DATADIR, compiled in by the Makefile), or under $PARLEY_DATA when that is set, or in the
 * checkout a command not yet installed was built in (build/release/parley finds ./scenarios).  The one
 * way a scenario argument becomes a file, for the command (`parley run korea/six-party-2007` from
 * any directory) and for the Python package (parley.run("korea/six-party-2007")): a name that is
 * nowhere gets an error saying where it was looked for and the closest shipped name. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley/scenario.h"
#include "parley/text.h"
#include "scenario/scenario.h"

#ifndef PL_DATADIR
#define PL_DATADIR "/usr/local/share/parley"
#endif

const char *pl_data_dir_builtin(void) { return PL_DATADIR; }

int pl_checkout_of(const char *exe, char *out, size_t size)
{
    char dir[4096];
    if (exe[0] != '/' || snprintf(dir, sizeof dir, "%s", exe) >= (int)sizeof dir) return -1;
    /* CHECKOUT/build/MODE/NAME: three parts off, the last of them "build" */
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) return -1;
        if (up == 2 && strcmp(slash + 1, "build")) return -1;
        *slash = '\0';
    }
    char probe[4200];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/scenarios", dir);
    if (stat(probe, &st) || !S_ISDIR(st.st_mode)) return -1;
    return snprintf(out, size, "%s", dir) < (int)size ? 0 : -1;
}

static char checkout[4096];
static pthread_once_t checkout_once = PTHREAD_ONCE_INIT;

static void find_checkout(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = '\0';
    if (pl_checkout_of(exe, checkout, sizeof checkout)) checkout[0] = '\0';
}

const char *pl_data_dir_checkout(void)
{
    pthread_once(&checkout_once, find_checkout);
    return checkout[0] ? checkout : NULL;
}

/* Whether folders a and b are one (the same device and inode; not when either cannot be read). */
static int same_folder(const char *a, const char *b)
{
    struct stat sa, sb;
    return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int pl_data_dirs(const char *dirs[PL_DATA_DIRS_MAX])
{
    int n = 0;
    const char *env = getenv("PARLEY_DATA"), *tree = pl_data_dir_checkout();
    if (env && *env) dirs[n++] = env;
    /* the checkout once: not again when $PARLEY_DATA names it (the tests do) */
    if (tree && !(n && same_folder(env, tree))) dirs[n++] = tree;
    dirs[n++] = PL_DATADIR;
    return n;
}

const char *pl_data_dir_label(const char *dir)
{
    const char *env = getenv("PARLEY_DATA");
    if (env && *env && dir == env) return " ($PARLEY_DATA)";
    if (dir && dir == pl_data_dir_checkout()) return " (the checkout this command was built in)";
    return "";
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && !strcmp(s + n - k, tail);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Appends the .yaml/.yml files of folder dir/sub (sub "" for dir itself) to out as "sub/file". */
static void add_files(pl_names *out, const char *dir, const char *sub)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", dir, *sub ? "/" : "", sub);
    DIR *d = opendir(path);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char rel[1024], full[4096];
        snprintf(rel, sizeof rel, "%s%s%s", sub, *sub ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", dir, rel);
        struct stat st;
        if (stat(full, &st)) continue;
        if (S_ISDIR(st.st_mode) && !*sub) add_files(out, dir, e->d_name); /* one level of groups: korea/, games/ */
        else if (S_ISREG(st.st_mode) && (ends_with(rel, ".yaml") || ends_with(rel, ".yml"))) {
            if (out->n == out->cap) {
                int cap = out->cap ? 2 * out->cap : 32;
                char **items = realloc(out->items, (size_t)cap * sizeof *items);
                if (!items) break;
                out->items = items, out->cap = cap;
            }
            char *copy = strdup(rel);
            if (copy) out->items[out->n++] = copy;
        }
    }
    closedir(d);
}

int pl_scenarios_shipped(const char *data_dir, pl_names *out)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/scenarios", data_dir);
    int before = out->n;
    add_files(out, dir, "");
    if (out->n > before) qsort(out->items + before, (size_t)(out->n - before), sizeof *out->items, by_name);
    return out->n - before;
}

void pl_names_free(pl_names *names)
{
    for (int i = 0; i < names->n; i++) free(names->items[i]);
    free(names->items);
    *names = (pl_names){0};
}

void pl_scenario_stem(const char *name, char *buf, size_t size)
{
    size_t n = strlen(name);
    if (ends_with(name, ".yaml")) n -= 5;
    else if (ends_with(name, ".yml")) n -= 4;
    snprintf(buf, size, "%.*s", (int)n, name);
}

int pl_scenario_find(const char *arg, char *path, size_t size, pl_error *err)
{
    /* "-" (standard input), an existing file, an absolute path: the library opens it as given */
    if (!strcmp(arg, "-") || access(arg, F_OK) == 0 || arg[0] == '/' || errno != ENOENT) {
        snprintf(path, size, "%s", arg);
        return 0;
    }
    /* a shipped name: korea/six-party-2007, with or without .yaml, or as the checkout spells it */
    const char *name = !strncmp(arg, "scenarios/", 10) ? arg + 10 : arg;
    const char *dirs[PL_DATA_DIRS_MAX];
    int nd = pl_data_dirs(dirs);
    for (int i = 0; i < nd; i++) {
        snprintf(path, size, "%s/scenarios/%s", dirs[i], name);
        if (is_file(path)) return 0;
        if (!ends_with(name, ".yaml") && !ends_with(name, ".yml")) {
            snprintf(path, size, "%s/scenarios/%s.yaml", dirs[i], name);
            if (is_file(path)) return 0;
        }
    }
    /* a miss: where it looked, and the closest shipped name */
    char looked[2048];
    size_t k = 0;
    looked[0] = '\0';
    for (int i = 0; i < nd && k < sizeof looked; i++)
        k += (size_t)snprintf(looked + k, sizeof looked - k, "%s%s/scenarios%s", i ? ", then " : "", dirs[i],
                              pl_data_dir_label(dirs[i]));
    pl_names shipped = {0};
    for (int i = 0; i < nd; i++) pl_scenarios_shipped(dirs[i], &shipped);
    char want[1024], best[1024] = "";
    pl_scenario_stem(name, want, sizeof want);
    size_t best_d = (size_t)-1;
    for (int i = 0; i < shipped.n; i++) {
        char s[1024];
        pl_scenario_stem(shipped.items[i], s, sizeof s);
        const char *slash = strrchr(s, '/'), *want_slash = strrchr(want, '/');
        size_t d = pl_edit_distance(want, s, 1);
        /* a name without its group (six-party-2007) is compared with the shipped name's last part */
        if (slash && !want_slash) {
            size_t d2 = pl_edit_distance(want, slash + 1, 1);
            if (d2 < d) d = d2;
        }
        if (d < best_d) best_d = d, snprintf(best, sizeof best, "%s", s);
    }
    pl_names_free(&shipped);
    char hint[1200] = "";
    if (best[0] && best_d <= 2 + strlen(want) / 4) snprintf(hint, sizeof hint, "; did you mean '%s'?", best);
    return pl_error_set(err, PL_EINVAL,
                        "%s: cannot open: %s; nor is it a shipped scenario (looked in %s)%s ('parley scenarios' "
                        "lists them)",
                        arg, strerror(ENOENT), looked, hint);
}
