// SPDX-License-Identifier: MIT
/* test_progress.c — the progress line's text, and that the bar stays silent off a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/progress.h"

static void formats_percentage_rate_and_times(void **state)
{
    (void)state;
    char buf[256];
    size_t n = cli_progress_format(buf, sizeof buf, "tournament", 450, 1000, 10.0, 80);
    assert_int_equal(n, strlen(buf));
    assert_true(n <= 80);
    assert_non_null(strstr(buf, "tournament ["));
    assert_non_null(strstr(buf, "  45%"));
    assert_non_null(strstr(buf, "45.0/s"));
    assert_non_null(strstr(buf, "0:10 elapsed"));
    assert_non_null(strstr(buf, "0:12 left")); /* 550 left at 45/s */
    assert_non_null(strstr(buf, "=>"));
    /* large rates and long times */
    cli_progress_format(buf, sizeof buf, "run", 5000000, 10000000, 2.0, 100);
    assert_non_null(strstr(buf, "2.5M/s"));
    cli_progress_format(buf, sizeof buf, "run", 1, 10000, 3725.0, 100);
    assert_non_null(strstr(buf, "1:02:05 elapsed"));
    /* nothing done yet: the time left is unknown */
    cli_progress_format(buf, sizeof buf, "run", 0, 10, 0.5, 80);
    assert_non_null(strstr(buf, "   0%"));
    assert_non_null(strstr(buf, "--:-- left"));
    /* done: full bar, 100% */
    cli_progress_format(buf, sizeof buf, "run", 10, 10, 1.0, 80);
    assert_non_null(strstr(buf, "100%"));
    assert_non_null(strstr(buf, "==]"));
    /* more than the total is capped */
    cli_progress_format(buf, sizeof buf, "run", 12, 10, 1.0, 80);
    assert_non_null(strstr(buf, "100%"));
}

static void unknown_total_and_narrow_terminals(void **state)
{
    (void)state;
    char buf[256];
    cli_progress_format(buf, sizeof buf, "runs", 1234, 0, 2.0, 80);
    assert_non_null(strstr(buf, "1234 done"));
    assert_non_null(strstr(buf, "617/s"));
    assert_null(strstr(buf, "%"));
    for (int w = 1; w <= 120; w++) { /* never wider than asked (20 at least) */
        size_t n = cli_progress_format(buf, sizeof buf, "a rather long label for a progress bar", 3, 7, 1.0, w);
        assert_true(n <= (size_t)(w < 20 ? 20 : w));
    }
    char tiny[8];
    size_t n = cli_progress_format(tiny, sizeof tiny, "x", 1, 2, 1.0, 80);
    assert_true(n < sizeof tiny);
    assert_int_equal(cli_progress_format(tiny, 0, "x", 1, 2, 1.0, 80), 0);
}

static void *hammer(void *arg)
{
    for (int i = 0; i < 20000; i++) cli_progress_add(arg, 1);
    return NULL;
}

static void silent_off_a_terminal_and_safe_from_threads(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_null(cli_progress_start_on(f, "x", 10, 0)); /* a file is not a terminal */
    cli_progress_update(NULL, 5);                       /* NULL is a no-op */
    cli_progress_add(NULL, 5);
    cli_progress_finish(NULL);
    /* forced onto a file: four threads update at once, the end erases the line */
    cli_progress *p = cli_progress_start_on(f, "threads", 80000, 1);
    assert_non_null(p);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, hammer, p);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    cli_progress_update(p, 10); /* going backwards is ignored */
    cli_progress_finish(p);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    char *text = calloc(1, (size_t)size + 1);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    assert_non_null(strstr(text, "threads ["));
    assert_true(size >= 4 && !strcmp(text + size - 4, "\r\033[K")); /* erased at the end */
    free(text);
    fclose(f);
    /* PARLEY_PROGRESS=0 turns it off even when forced */
    setenv("PARLEY_PROGRESS", "0", 1);
    assert_null(cli_progress_start_on(stderr, "x", 1, 1));
    unsetenv("PARLEY_PROGRESS");
}

/* A run in phases (cli_phases): each phase is named as it begins; the timed one records its total
 * and when its last item came, the others do not touch it.  Off a terminal no bar is drawn, so
 * this checks the bookkeeping the timing line reads. */
static void phases_time_the_named_phase(void **state)
{
    (void)state;
    cli_phases p;
    cli_phases_init(&p, "run", "runs");
    assert_string_equal(p.label, "run");
    cli_phases_phase(&p, "key findings: baseline");
    assert_string_equal(p.label, "run: key findings: baseline");
    cli_phases_progress(&p, 1, 1);
    assert_int_equal(p.timed_total, 0); /* not the timed phase */
    cli_phases_phase(&p, "runs");
    assert_string_equal(p.label, "run: runs");
    cli_phases_progress(&p, 3, 7);
    assert_int_equal(p.timed_total, 7);
    assert_true(p.timed_t1 == 0); /* not done yet */
    cli_phases_progress(&p, 7, 7);
    assert_true(p.timed_t1 >= p.timed_t0 && p.timed_t1 > 0);
    double t1 = p.timed_t1;
    cli_phases_phase(&p, "noise sweep");
    cli_phases_progress(&p, 50, 50);
    assert_int_equal(p.timed_total, 7); /* the sweep leaves the runs' figures alone */
    assert_true(p.timed_t1 == t1);
    cli_phases_finish(&p);
    /* with no phase named, the whole is the timed phase (the tournament's one bar) */
    cli_phases_init(&p, "tournament", NULL);
    cli_phases_progress(&p, 2, 4);
    cli_phases_progress(&p, 4, 4);
    assert_int_equal(p.timed_total, 4);
    assert_true(p.timed_t1 > 0);
    cli_phases_finish(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_percentage_rate_and_times),
        cmocka_unit_test(unknown_total_and_narrow_terminals),
        cmocka_unit_test(silent_off_a_terminal_and_safe_from_threads),
        cmocka_unit_test(phases_time_the_named_phase),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
