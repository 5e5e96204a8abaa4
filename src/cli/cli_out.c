// SPDX-License-Identifier: MIT
/* cli_out.c — a command's `--out DIR` and `--json`, the same way for every command: the signal
 * handlers go in before the temporary directory exists, the directory is checked before anything
 * is computed, the writers fill the temporary, and at the end the set is committed (or removed on
 * an error) and one line says where the results went.  With --json the set's JSON file is copied
 * to standard output, so the document is the one the results writers write (no second
 * serialiser); without --out the set is written to a temporary that is never committed.
 * parley/outdir.h does the filesystem work. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_out_begin(cli_out *o, const char *cmd, const char *dir, const char *files, const char *json)
{
    *o = (cli_out){.cmd = cmd, .dir = dir, .files = files, .json = json};
    cli_signals_install(); /* before the temporary exists, so no signal can leave it behind */
    pl_error err;
    if (json) { /* the text summary goes nowhere: standard output is for the document alone */
        fflush(stdout);
        int nul = open("/dev/null", O_WRONLY);
        o->stdout_fd = nul < 0 ? -1 : dup(STDOUT_FILENO);
        if (o->stdout_fd < 0 || dup2(nul, STDOUT_FILENO) < 0) {
            fprintf(stderr, "parley %s: --json: cannot set standard output aside: %s\n", cmd, strerror(errno));
            if (nul >= 0) close(nul);
            if (o->stdout_fd >= 0) close(o->stdout_fd);
            return EXIT_ENV;
        }
        close(nul);
        o->redirected = 1;
    }
    if (!dir && !json) return EXIT_OK;
    char path[4096];
    if (!dir) {
        /* --json alone: a set that is never committed, so only its temporary (beside this name) is ever made */
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/parley-json-%ld-%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid(),
                 (long)time(NULL));
        dir = path;
    }
    if (pl_outdir_open(&o->od, dir, &err)) {
        cli_out_abort(o);
        return cli_lib_error(cmd, &err);
    }
    return EXIT_OK;
}

const char *cli_out_path(const cli_out *o) { return o->od ? pl_outdir_path(o->od) : NULL; }

/* Points standard output back where it was (after --json set it aside). */
static void restore_stdout(cli_out *o)
{
    if (!o->redirected) return;
    fflush(stdout);
    dup2(o->stdout_fd, STDOUT_FILENO);
    close(o->stdout_fd);
    o->redirected = 0;
}

void cli_out_abort(cli_out *o)
{
    pl_outdir_abort(o->od);
    o->od = NULL;
    restore_stdout(o);
}

/* Copies DIR/NAME to standard output: the --json document. */
static int print_json(const cli_out *o, const char *dir, pl_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, o->json);
    FILE *f = fopen(path, "rb");
    if (!f) return pl_error_set(err, PL_EIO, "%s: cannot read the results' JSON: %s", path, strerror(errno));
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
    int bad = ferror(f);
    fclose(f);
    if (bad) return pl_error_set(err, PL_EIO, "%s: read failed", path);
    return PL_OK;
}

int cli_out_end(cli_out *o, int status, pl_error *err)
{
    restore_stdout(o);
    if (o->od) {
        if (status) {
            pl_outdir_fix_error(o->od, err); /* name DIR, not the temporary beside it */
            pl_outdir_abort(o->od);
        } else if (!o->dir) { /* --json alone: the set is read, never committed */
            status = print_json(o, pl_outdir_path(o->od), err);
            pl_outdir_abort(o->od);
        } else {
            status = pl_outdir_commit(o->od, err); /* frees it, and removes the temporary on a failure */
        }
        o->od = NULL;
    }
    if (!status && o->dir && o->json) status = print_json(o, o->dir, err);
    fflush(stdout); /* what the command printed comes before the error or the closing line */
    if (status) return cli_lib_error(o->cmd, err);
    if (o->dir) fprintf(stderr, "parley %s: results in %s/ (%s)\n", o->cmd, o->dir, o->files);
    return EXIT_OK;
}
