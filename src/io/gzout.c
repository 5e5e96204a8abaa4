// SPDX-License-Identifier: MIT
/* gzout.c — gzip result files with a fixed header (see gzout.h).  deflateInit2 with window bits
 * 15 + 16 writes the gzip wrapper itself: without deflateSetHeader its header carries no name and
 * a modification time of 0, so the bytes depend on the text alone (gzopen would do the same, but
 * could not write through the atomic temporary every results file goes through).  Level 1: on
 * a tournament's interactions it compresses 62 MB of text 8.6 times in 0.55 s, where the default
 * level 6 compresses it 12.6 times but takes 2.9 s, longer than a cheap field's whole tournament
 * (docs/performance.md). */
#include <stdint.h>
#include <string.h>

#include "core/alloc.h"
#include "io/gzout.h"

/* zlib's allocations go through the library's seam (core/alloc.h), so a test can refuse them. */
static voidpf seam_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return size && items > SIZE_MAX / size ? NULL : pl_malloc((size_t)items * size);
}

static void seam_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    pl_free(p);
}

int pl_gzout_open(pl_gzout *g, const char *path, pl_error *err)
{
    memset(&g->file, 0, sizeof g->file);
    memset(&g->z, 0, sizeof g->z);
    g->z_open = 0;
    g->failed = 0;
    int rc = pl_outfile_open(&g->file, path, err);
    if (rc) return rc;
    g->z.zalloc = seam_alloc;
    g->z.zfree = seam_free;
    if (deflateInit2(&g->z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        pl_outfile_abort(&g->file);
        return pl_error_set(err, PL_ENOMEM, "%s: out of memory starting the compression", path);
    }
    g->z_open = 1;
    return PL_OK;
}

/* Runs deflate over the pending input with flush, writing what comes out.  0 or PL_EIO. */
static int pump(pl_gzout *g, int flush)
{
    int zrc;
    do {
        g->z.next_out = g->out;
        g->z.avail_out = sizeof g->out;
        zrc = deflate(&g->z, flush);
        if (zrc == Z_STREAM_ERROR) return g->failed = PL_EIO;
        size_t have = sizeof g->out - g->z.avail_out;
        if (have && fwrite(g->out, 1, have, g->file.f) != have) return g->failed = PL_EIO;
    } while (g->z.avail_out == 0 || (flush == Z_FINISH && zrc != Z_STREAM_END));
    return PL_OK;
}

int pl_gzout_write(pl_gzout *g, const void *text, size_t len)
{
    if (g->failed) return PL_EIO;
    const unsigned char *p = text;
    while (len > 0) { /* avail_in is an unsigned int: feed at most 1 GiB at a time */
        uInt chunk = len > (1u << 30) ? (1u << 30) : (uInt)len;
        g->z.next_in = (unsigned char *)p;
        g->z.avail_in = chunk;
        if (pump(g, Z_NO_FLUSH)) return PL_EIO;
        p += chunk;
        len -= chunk;
    }
    return PL_OK;
}

int pl_gzout_commit(pl_gzout *g, pl_error *err)
{
    if (!g->failed) {
        g->z.next_in = NULL;
        g->z.avail_in = 0;
        pump(g, Z_FINISH);
    }
    deflateEnd(&g->z);
    g->z_open = 0;
    if (g->failed) {
        pl_error_set(err, PL_EIO, "%s: write failed", g->file.path);
        pl_outfile_abort(&g->file);
        return PL_EIO;
    }
    return pl_outfile_commit(&g->file, err);
}

void pl_gzout_abort(pl_gzout *g)
{
    if (g->z_open) deflateEnd(&g->z);
    g->z_open = 0;
    pl_outfile_abort(&g->file);
}
