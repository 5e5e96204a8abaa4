// SPDX-License-Identifier: MIT
/* cli_out.c — a command's `--out DIR`, the same way for every command: the signal handlers go in
 * before the temporary directory exists, the directory is checked before anything is computed,
 * the writers fill the temporary, and at the end the set is committed (or removed on an error)
 * and one line says where the results went.  parley/outdir.h does the filesystem work. */
#include <stdio.h>

#include "cli/cli.h"

int cli_out_begin(cli_out *o, const char *cmd, const char *dir, const char *files)
{
    *o = (cli_out){.cmd = cmd, .dir = dir, .files = files};
    cli_signals_install(); /* before the temporary exists, so no signal can leave it behind */
    if (!dir) return EXIT_OK;
    pl_error err;
    if (pl_outdir_open(&o->od, dir, &err)) return cli_lib_error(cmd, &err);
    return EXIT_OK;
}

const char *cli_out_path(const cli_out *o) { return o->od ? pl_outdir_path(o->od) : NULL; }

void cli_out_abort(cli_out *o)
{
    pl_outdir_abort(o->od);
    o->od = NULL;
}

int cli_out_end(cli_out *o, int status, pl_error *err)
{
    if (o->od) {
        if (status) pl_outdir_fix_error(o->od, err); /* name DIR, not the temporary beside it */
        else status = pl_outdir_commit(o->od, err);  /* frees it either way */
        if (status) pl_outdir_abort(o->od);
        o->od = NULL;
    }
    fflush(stdout); /* what the command printed comes before the error or the closing line */
    if (status) return cli_lib_error(o->cmd, err);
    if (o->dir) fprintf(stderr, "parley %s: results in %s/ (%s)\n", o->cmd, o->dir, o->files);
    return EXIT_OK;
}
