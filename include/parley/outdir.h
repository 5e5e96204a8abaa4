/* SPDX-License-Identifier: MIT */
/* parley/outdir.h — a directory of results written as a set.
 *
 * A run's files (CSV, results.json, report.html) belong together: a reader must never find the
 * new CSVs beside an older results.json.  pl_outdir_open checks the directory before anything is
 * computed and makes a temporary directory beside it; the writers write there; pl_outdir_commit
 * marks the set complete (a `.parley-results` file) and swaps it into place in one rename, so
 * the directory holds the old run or the new one, never a mixture.  A directory that exists is
 * replaced only if it is empty or parley's (it holds `.parley-results` and plain files only);
 * one holding anything else is refused, so no one's files are lost to --out.
 *
 * pl_outdir_abort and pl_outdir_cleanup_signal remove the temporary directory: the first after
 * an error, the second from a signal handler (it only uses async-signal-safe calls). */
#ifndef PARLEY_OUTDIR_H
#define PARLEY_OUTDIR_H

#include "parley/common.h"
#include "parley/error.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_outdir pl_outdir;

/* The marker a complete set of results holds. */
#define PL_OUTDIR_MARKER ".parley-results"

/* Checks dir (PL_EINVAL if it is a file, or a directory with files parley did not write; PL_EIO
 * if the system refuses: permission, a full disk), creates its parents and the temporary
 * directory beside it. */
PL_EXTERN int pl_outdir_open(pl_outdir **out, const char *dir, pl_error *err);
/* Where the writers write: the temporary directory (a path beside dir). */
PL_EXTERN const char *pl_outdir_path(const pl_outdir *od);
/* The directory the results go to, as given. */
PL_EXTERN const char *pl_outdir_final(const pl_outdir *od);
/* Writes the marker and puts the set in place; on failure the old results stay and the temporary
 * is removed.  Frees od either way. */
PL_EXTERN int pl_outdir_commit(pl_outdir *od, pl_error *err);
/* Removes the temporary directory and what was written in it; frees od.  NULL is allowed. */
PL_EXTERN void pl_outdir_abort(pl_outdir *od);
/* Rewrites an error message that names the temporary directory to name the directory given
 * (a writer's "<tmp>/report.html: write failed" reads "<dir>/report.html: write failed"). */
PL_EXTERN void pl_outdir_fix_error(const pl_outdir *od, pl_error *err);
/* Removes every open pl_outdir's temporary directory; for a SIGINT/SIGTERM handler. */
PL_EXTERN void pl_outdir_cleanup_signal(void);

/* Writes a jansson value to the stream f (a small document the command prints: a listing, a
 * match) the way every results file writes JSON: indent spaces a level, or one compact line when
 * indent is negative; members in their order; reals as the shortest text that reads back to the
 * same double; NaN and infinities as null.  PL_ENOMEM for a NULL value (a builder out of memory),
 * PL_EIO when the stream refused a byte. */
struct json_t;
PL_EXTERN int pl_json_print(FILE *f, const struct json_t *j, int indent, pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
