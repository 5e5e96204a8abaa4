// SPDX-License-Identifier: MIT
/* progress.c — the progress bar: an atomic counter, a rate-limited redraw, a pure formatter.
 *
 * Why built this way: the engines report progress from worker threads through a
 * callback, possibly millions of times a second.  So an update is one atomic
 * add and one clock read; drawing happens at most every 100 ms, and only by a
 * thread that wins a try-lock (the others carry on instead of queueing behind
 * the terminal).  The line is formatted by a pure function so tests can check
 * it without a terminal.  The bar uses plain ASCII: it must look right in any
 * terminal and any locale. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/progress.h"

#define REDRAW_NS 100000000ull /* 10 redraws a second at most */

struct cli_progress {
    FILE *stream;
    char *label;
    uint64_t total;
    _Atomic uint64_t done;
    _Atomic uint64_t last_draw_ns;
    uint64_t start_ns;
    pthread_mutex_t draw_lock;
    int drawn; /* something is on the line (under draw_lock) */
};

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* "0:07", "12:34", "1:02:03"; "--:--" when unknown. */
static void fmt_duration(char *buf, size_t n, double s)
{
    if (!(s >= 0) || s > 359999999) {
        snprintf(buf, n, "--:--");
        return;
    }
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600) snprintf(buf, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else snprintf(buf, n, "%lu:%02lu", t / 60, t % 60);
}

/* "950/s", "12.3k/s", "4.5M/s". */
static void fmt_rate(char *buf, size_t n, double r)
{
    if (!(r >= 0)) r = 0;
    if (r >= 1e9) snprintf(buf, n, "%.1fG/s", r / 1e9);
    else if (r >= 1e6) snprintf(buf, n, "%.1fM/s", r / 1e6);
    else if (r >= 1e4) snprintf(buf, n, "%.1fk/s", r / 1e3);
    else if (r >= 100) snprintf(buf, n, "%.0f/s", r);
    else snprintf(buf, n, "%.1f/s", r);
}

size_t cli_progress_format(char *buf, size_t size, const char *label, uint64_t done, uint64_t total,
                           double elapsed_s, int width)
{
    if (!size) return 0;
    if (width < 20) width = 20;
    if ((size_t)width >= size) width = (int)size - 1;
    if (total && done > total) done = total;
    char rate[32], el[32], left[32], tail[160];
    double r = elapsed_s > 0 ? (double)done / elapsed_s : 0;
    fmt_rate(rate, sizeof rate, r);
    fmt_duration(el, sizeof el, elapsed_s);
    if (total) {
        double eta = done && r > 0 ? (double)(total - done) / r : -1;
        fmt_duration(left, sizeof left, eta);
        snprintf(tail, sizeof tail, " %3d%%  %s  %s elapsed  %s left", (int)(100.0 * (double)done / (double)total),
                 rate, el, left);
    } else {
        snprintf(tail, sizeof tail, " %llu done  %s  %s elapsed", (unsigned long long)done, rate, el);
    }
    const char *lab = label ? label : "";
    size_t lab_len = strlen(lab), tail_len = strlen(tail);
    /* label, then the bar takes what is left (at least 10 columns), then the tail */
    int room = width - (int)tail_len - 1;
    if (room < 12) { /* narrow terminal: drop the bar, keep the numbers */
        int n = snprintf(buf, size, "%.*s%s", (int)(width > (int)tail_len ? width - (int)tail_len : 0), lab, tail);
        if (n < 0) n = 0;
        if ((size_t)n >= size) n = (int)size - 1;
        buf[(size_t)n > (size_t)width ? (size_t)width : (size_t)n] = '\0';
        return strlen(buf);
    }
    int bar = room - (int)lab_len - 3;
    if (bar > 40) bar = 40;
    if (bar < 10) {
        bar = 10;
        lab_len = (size_t)(room - bar - 3 > 0 ? room - bar - 3 : 0);
    }
    size_t pos = 0;
    pos += (size_t)snprintf(buf + pos, size - pos, "%.*s [", (int)lab_len, lab);
    if (total) {
        int fill = (int)((double)bar * (double)done / (double)total);
        for (int i = 0; i < bar && pos + 1 < size; i++) buf[pos++] = i < fill ? '=' : i == fill ? '>' : ' ';
    } else { /* unknown total: a block moves along with the count */
        int at = (int)(done % (uint64_t)bar);
        for (int i = 0; i < bar && pos + 1 < size; i++) buf[pos++] = i == at ? '#' : ' ';
    }
    if (pos + 1 < size) buf[pos++] = ']';
    buf[pos] = '\0';
    snprintf(buf + pos, size - pos, "%s", tail);
    return strlen(buf);
}

static int term_width(FILE *stream)
{
    struct winsize ws;
    if (ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

cli_progress *cli_progress_start_on(FILE *stream, const char *label, uint64_t total, int force)
{
    const char *env = getenv("PARLEY_PROGRESS");
    if (!stream || (env && !strcmp(env, "0"))) return NULL;
    if (!force && !cli_is_tty(stream)) return NULL;
    cli_progress *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->label = strdup(label ? label : "");
    if (!p->label || pthread_mutex_init(&p->draw_lock, NULL)) {
        free(p->label);
        free(p);
        return NULL;
    }
    p->stream = stream;
    p->total = total;
    atomic_init(&p->done, 0);
    p->start_ns = now_ns();
    atomic_init(&p->last_draw_ns, 0);
    return p;
}

cli_progress *cli_progress_start(const char *label, uint64_t total)
{
    return cli_progress_start_on(stderr, label, total, 0);
}

static void draw(cli_progress *p, uint64_t now)
{
    char line[512];
    int w = term_width(p->stream) - 1; /* never write into the last column: some terminals wrap */
    if (w > (int)sizeof line - 1) w = (int)sizeof line - 1;
    cli_progress_format(line, sizeof line, p->label, atomic_load(&p->done), p->total,
                        (double)(now - p->start_ns) / 1e9, w);
    fprintf(p->stream, "\r%s\033[K", line);
    fflush(p->stream);
    p->drawn = 1;
}

static void maybe_draw(cli_progress *p)
{
    uint64_t now = now_ns(), last = atomic_load_explicit(&p->last_draw_ns, memory_order_relaxed);
    if (last && now - last < REDRAW_NS) return;
    if (pthread_mutex_trylock(&p->draw_lock)) return; /* another thread is drawing */
    last = atomic_load(&p->last_draw_ns);
    if (!last || now - last >= REDRAW_NS) {
        atomic_store(&p->last_draw_ns, now);
        draw(p, now);
    }
    pthread_mutex_unlock(&p->draw_lock);
}

void cli_progress_update(cli_progress *p, uint64_t done)
{
    if (!p) return;
    uint64_t cur = atomic_load(&p->done);
    while (done > cur && !atomic_compare_exchange_weak(&p->done, &cur, done)) {
    }
    maybe_draw(p);
}

void cli_progress_add(cli_progress *p, uint64_t n)
{
    if (!p) return;
    atomic_fetch_add(&p->done, n);
    maybe_draw(p);
}

void cli_progress_finish(cli_progress *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->draw_lock);
    if (p->drawn) {
        fputs("\r\033[K", p->stream);
        fflush(p->stream);
    }
    pthread_mutex_unlock(&p->draw_lock);
    pthread_mutex_destroy(&p->draw_lock);
    free(p->label);
    free(p);
}

/* ---- a run in phases ------------------------------------------------------ */

void cli_phases_init(cli_phases *p, const char *cmd, const char *timed)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    p->cmd = cmd, p->timed = timed;
    snprintf(p->label, sizeof p->label, "%s", cmd);
    p->in_timed = 1; /* the work before any phase is named counts as the timed phase */
    p->timed_t0 = cli_seconds();
}

void cli_phases_phase(void *user, const char *name)
{
    cli_phases *p = user;
    pthread_mutex_lock(&p->mu);
    cli_progress_finish(p->bar);
    p->bar = NULL, p->started = 0;
    snprintf(p->label, sizeof p->label, "%s: %s", p->cmd, name);
    p->in_timed = p->timed && !strcmp(name, p->timed);
    if (p->in_timed) p->timed_t0 = cli_seconds(), p->timed_t1 = 0, p->timed_total = 0;
    pthread_mutex_unlock(&p->mu);
}

void cli_phases_progress(void *user, uint64_t done, uint64_t total)
{
    cli_phases *p = user;
    pthread_mutex_lock(&p->mu); /* reports come once per chunk of work: a lock is cheap here */
    if (!p->started) p->started = 1, p->bar = cli_progress_start(p->label, total);
    if (p->in_timed) p->timed_total = total;
    cli_progress_update(p->bar, done);
    if (total && done >= total) { /* the phase is done: erase its bar before anything is printed */
        if (p->in_timed) p->timed_t1 = cli_seconds();
        cli_progress_finish(p->bar);
        p->bar = NULL;
    }
    pthread_mutex_unlock(&p->mu);
}

void cli_phases_finish(cli_phases *p)
{
    pthread_mutex_lock(&p->mu);
    cli_progress_finish(p->bar);
    p->bar = NULL;
    pthread_mutex_unlock(&p->mu);
    pthread_mutex_destroy(&p->mu);
}
