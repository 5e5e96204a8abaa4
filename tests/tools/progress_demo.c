// SPDX-License-Identifier: MIT
/* progress_demo.c — drives the progress bar from four threads, for tests/e2e/progress.sh.
 *
 * Usage: progress_demo [TOTAL] [MICROSECONDS_PER_ITEM]
 * Four threads each add TOTAL/4 items, sleeping between items, then the bar is
 * finished and "finished N" is printed on stdout.  Run under a pseudo-terminal
 * the bar is drawn on stderr; otherwise stderr stays empty. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/progress.h"

static cli_progress *bar;
static long per_thread, sleep_us;

static void *work(void *arg)
{
    (void)arg;
    for (long i = 0; i < per_thread; i++) {
        struct timespec ts = {0, sleep_us * 1000};
        nanosleep(&ts, NULL);
        cli_progress_add(bar, 1);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    long total = argc > 1 ? atol(argv[1]) : 400;
    sleep_us = argc > 2 ? atol(argv[2]) : 2000;
    per_thread = total / 4;
    bar = cli_progress_start("demo run", (uint64_t)(per_thread * 4));
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    cli_progress_finish(bar);
    printf("finished %ld\n", per_thread * 4);
    return 0;
}
