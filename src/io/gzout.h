// SPDX-License-Identifier: MIT
/* gzout.h — a gzip-compressed result file, written atomically (io/files.h's pl_outfile) and
 * always the same bytes for the same text: zlib's deflate at its fastest level (1), with a gzip
 * wrapper whose header holds no file name and a time of 0, so two runs, on any number of
 * threads, give identical files.
 * Domain-free: the caller hands it text. */
#ifndef PL_IO_GZOUT_H
#define PL_IO_GZOUT_H

#include <stddef.h>
#include <zlib.h>

#include "io/files.h"
#include "parley/error.h"

typedef struct pl_gzout {
    pl_outfile file; /* the temporary the compressed bytes go to */
    z_stream z;
    int z_open;      /* deflateInit2 succeeded */
    int failed;      /* a write or deflate failed: commit refuses */
    unsigned char out[1 << 16];
} pl_gzout;

/* Opens path to write (through "<path>.tmp-<pid>").  0, or PL_EIO / PL_ENOMEM with err set. */
int pl_gzout_open(pl_gzout *g, const char *path, pl_error *err);
/* Compresses len bytes of text into the file.  0, or PL_EIO after a write failed (sticky). */
int pl_gzout_write(pl_gzout *g, const void *text, size_t len);
/* Finishes the stream and moves the file into place.  0 or an error; frees g's resources. */
int pl_gzout_commit(pl_gzout *g, pl_error *err);
/* Drops the temporary.  Safe on a zeroed or committed g. */
void pl_gzout_abort(pl_gzout *g);

#endif
