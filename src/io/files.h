// SPDX-License-Identifier: MIT
/* files.h — writing result files so that none is ever left half-written.
 *
 * A pl_outfile writes to "<path>.tmp-<pid>" and renames onto the path only when
 * closed successfully; on any error the temporary is removed.  A reader either
 * sees the old file, the complete new one, or none.  Input files are opened here too
 * (pl_input_open), so that "-" is standard input wherever a file is read. */
#ifndef PL_FILES_H
#define PL_FILES_H

#include <stdint.h>
#include <stdio.h>
#include "parley/error.h"

typedef struct pl_outfile {
    FILE *f;
    char *path;
    char *tmp;
} pl_outfile;

int pl_outfile_open(pl_outfile *o, const char *path, pl_error *err);
/* Flushes, checks every write succeeded, renames into place.  Frees o. */
int pl_outfile_commit(pl_outfile *o, pl_error *err);
/* Drops the temporary file.  Frees o.  Safe after a failed commit or on a zeroed o. */
void pl_outfile_abort(pl_outfile *o);

/* Writes the file name in dir (dir NULL: name is the path) atomically: opens it, lets write fill
 * it, commits it; on an error nothing is left.  Every results writer goes through this. */
typedef void (*pl_write_fn)(FILE *f, const void *ctx);
int pl_outfile_write(const char *dir, const char *name, pl_write_fn write, const void *ctx, pl_error *err);

/* Writes a whole string to path atomically. */
int pl_write_file_atomic(const char *path, const char *data, size_t len, pl_error *err);
/* Writes a JSON value to path atomically, formatted by the one JSON writer (io/json_writer.h) as
 * jansson's json_dumpf lays it out with these flags (reals, whatever precision the flags name, as
 * the shortest text that reads back exactly: io/number.h), ending with a newline when
 * final_newline is set.  NULL j, or a JSON allocation refused since pl_json_begin
 * (a builder out of memory), is PL_ENOMEM. */
struct json_t;
int pl_write_json_file(const char *path, const struct json_t *j, size_t flags, int final_newline, pl_error *err);
/* Commits a file whose JSON was streamed into it by w (pl_jw_init on o->f): an incomplete document
 * (a writer's misuse) is an error and the file is dropped, as a write error is.  Frees o. */
struct pl_jw;
int pl_outfile_commit_json(pl_outfile *o, const struct pl_jw *w, pl_error *err);
/* jansson's allocations go through the library's seam (core/alloc.h), so a test can fail
 * them and a failure is seen.  pl_json_begin() routes them (once) and clears this thread's
 * count of refused JSON allocations; call it before building or parsing a JSON value.
 * pl_json_failed(): was one refused since?  A builder that lost a node to a refused
 * allocation is otherwise silently incomplete (json_object_set_new drops the key). */
void pl_json_begin(void);
int pl_json_failed(void);
/* A JSON number, or null for NaN and infinities (JSON has no such numbers; json_real refuses them). */
struct json_t *pl_json_num(double x);
/* A 64-bit unsigned whole number (a seed): a JSON integer up to 2^53, which every JSON reader
 * holds exactly, and above that a string of its decimal digits ("18446744073709551615"), which
 * --seed and a scenario's seed: both read back exactly. */
struct json_t *pl_json_u64(uint64_t x);
/* The status for an input file the system would not open (errno e): PL_ENOMEM, PL_EIO for what
 * the environment refused (permission, too many open files, an I/O error: exit 3 in the command),
 * PL_EINVAL for a wrong name (no such file, a directory, a path too long: bad input, exit 2). */
int pl_open_status(int e);
/* The name messages use for an input path: "<stdin>" for "-" (pl_input_open reads it), else path. */
#define PL_STDIN_NAME "<stdin>"
const char *pl_infile_name(const char *path);
/* Opens an input file to read, the one way every reader opens one ("-": standard input, named
 * "<stdin>" in messages, through a duplicate of its descriptor, so closing it never closes stdin) (what: "a scenario file", "a
 * list of players", ...): a directory is refused as "PATH: is a directory, not WHAT" (PL_EINVAL,
 * where the read that followed once said "read error"); a file the system would not open as
 * "PATH: cannot open: REASON" with pl_open_status's status.  0 and the descriptor in *fd, or the
 * status (err set). */
int pl_input_open_fd(int *fd, const char *path, const char *what, pl_error *err);
/* The same as a stream ("rb") in *f. */
int pl_input_open(FILE **f, const char *path, const char *what, pl_error *err);
/* Checks the first bytes of an input text file (as many as were read, any number): a UTF-16 or
 * UTF-32 file, known by its byte-order mark, is refused as "PATH:1:1: the file is UTF-16 ...;
 * save it as UTF-8" (PL_EINVAL), where a reader once called it "not a text file" or quoted its
 * header as '??d'.  0 when the start is fine. */
int pl_input_check_start(const char *path, const void *start, size_t len, pl_error *err);
/* Reads line `lineno` (1-based) of a text input file f into *buf (grown through the allocation
 * seam; *cap its size), without its newline or a CR before it, *len its length.  Returns 1 for a
 * line, 0 at the end, or a status with err set: PL_EINVAL for a first line that starts a UTF-16
 * or UTF-32 file (pl_input_check_start), a NUL byte ("PATH:LINE:COL: a NUL byte; WHAT is text";
 * fgets and strlen once took the line's end there and dropped the rest) or a line longer than
 * max bytes; PL_EIO for a read error (with the system's reason); PL_ENOMEM. */
int pl_read_line(FILE *f, const char *path, const char *what, long lineno, char **buf, size_t *cap, size_t *len,
                 size_t max, pl_error *err);
/* Creates a directory and its parents (like mkdir -p). */
int pl_mkdir_p(const char *dir, pl_error *err);
/* Joins dir and name into a new string (caller frees). */
char *pl_path_join(const char *dir, const char *name);

#endif
