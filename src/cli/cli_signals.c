// SPDX-License-Identifier: MIT
/* cli_signals.c — what the command does when a signal arrives mid-run: an interrupted run
 * (SIGINT, SIGTERM, SIGHUP) leaves no temporary results directory behind, and a file size limit
 * (SIGXFSZ, ulimit -f) becomes an ordinary write error with a message instead of a silent kill. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static void on_terminate(int sig)
{
    pl_outdir_cleanup_signal();
    /* end as the signal asks, so the parent sees "killed by SIGTERM" (exit status 128 + sig) */
    signal(sig, SIG_DFL);
    raise(sig);
    _exit(128 + sig);
}

void cli_signals_install(void)
{
    static int installed;
    if (installed) return;
    installed = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_terminate;
    sigemptyset(&sa.sa_mask);
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* a signal ignored by whoever started us (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sigs[i], &sa, NULL);
    }
    signal(SIGXFSZ, SIG_IGN);
}
