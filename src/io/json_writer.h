// SPDX-License-Identifier: MIT
/* json_writer.h — JSON written as it is produced, in constant memory: the one way parley writes JSON.
 *
 * A results file used to be built as a whole jansson tree and dumped at the end; a 10,000-player
 * tournament's payoff matrices are 2 x 10^8 numbers, several gigabytes of tree nodes.  This writer
 * puts each value on the stream when it is given and keeps only the nesting (a few bytes a level),
 * so a document of any size costs the same memory.  A small tree (a scenario echoed as JSON) can
 * still be written into the stream whole (pl_jw_tree), and pl_write_json_file writes trees with it,
 * so every JSON parley writes is formatted by this one file.
 *
 * The text is byte for byte what jansson 2.14's json_dumpf gives with the same settings
 * (JSON_INDENT(n), JSON_COMPACT, JSON_REAL_PRECISION(p)): reals as "%.<p>g" with ".0" added to a
 * whole number and the exponent without "+" or leading zeros, strings with jansson's escapes,
 * members in the order given.  Results files written before it are therefore unchanged.  Unlike
 * jansson it never fails on content: NaN and the infinities are written as null (JSON has no such
 * numbers) and a byte that is not UTF-8 as U+FFFD.
 *
 * Misuse (a value without a key inside an object, a key inside an array, an end without a begin,
 * nesting deeper than PL_JW_MAX_DEPTH) is recorded and reported by pl_jw_finish, never a crash;
 * so is a write error of the stream.  Domain-free: it knows JSON, not what the numbers mean. */
#ifndef PL_IO_JSON_WRITER_H
#define PL_IO_JSON_WRITER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PL_JW_MAX_DEPTH 128
#define PL_JW_SHORTEST (-1)

typedef struct pl_jw {
    FILE *f;
    int indent;    /* spaces a level, a newline before each member; 0: one line with ", " and ": "; <0: compact */
    int precision; /* significant digits of a real (1..31; 0 means 17, as in jansson; PL_JW_SHORTEST:
                      the shortest text that reads back to the same double, io/number.h) */
    int depth;     /* containers open */
    int misuse;    /* the first misuse seen (a PL_JW_* code), or 0 */
    int want_value; /* a key was written, its value comes next */
    int done;       /* the root value is complete */
    unsigned char kind[PL_JW_MAX_DEPTH];  /* '{' or '[' for each open container */
    unsigned char count[PL_JW_MAX_DEPTH]; /* 1 once the container has a member */
} pl_jw;

enum { PL_JW_OK, PL_JW_UNBALANCED, PL_JW_NO_KEY, PL_JW_KEY_WITHOUT_VALUE, PL_JW_KEY_OUTSIDE_OBJECT, PL_JW_TOO_DEEP,
       PL_JW_TWO_ROOTS };

/* indent: as pl_jw.indent; precision: as pl_jw.precision. */
void pl_jw_init(pl_jw *w, FILE *f, int indent, int precision);

void pl_jw_object(pl_jw *w); /* { */
void pl_jw_array(pl_jw *w);  /* [ */
void pl_jw_end(pl_jw *w);    /* closes the innermost, } or ] */
void pl_jw_key(pl_jw *w, const char *key);

void pl_jw_str(pl_jw *w, const char *s);             /* NULL writes null */
void pl_jw_strn(pl_jw *w, const char *s, size_t len); /* may hold NUL bytes (written \u0000) */
void pl_jw_num(pl_jw *w, double x);                   /* a real; NaN and infinities: null */
void pl_jw_int(pl_jw *w, long long x);
/* A 64-bit unsigned whole number (a seed): an integer up to 2^53, which every JSON reader holds
 * exactly, above that a string of its digits, which --seed and a scenario's seed: read back. */
void pl_jw_u64(pl_jw *w, uint64_t x);
void pl_jw_bool(pl_jw *w, int b);
void pl_jw_null(pl_jw *w);

/* key: value in one call */
void pl_jw_key_str(pl_jw *w, const char *key, const char *s);
void pl_jw_key_num(pl_jw *w, const char *key, double x);
void pl_jw_key_int(pl_jw *w, const char *key, long long x);
void pl_jw_key_u64(pl_jw *w, const char *key, uint64_t x);
void pl_jw_key_bool(pl_jw *w, const char *key, int b);
/* key: a rows x cols matrix stored row after row, as an array of rows, each an array of reals. */
void pl_jw_key_matrix(pl_jw *w, const char *key, const double *m, size_t rows, size_t cols);

/* A jansson value (any depth up to the writer's limit, walked without recursion) as one value. */
struct json_t;
void pl_jw_tree(pl_jw *w, const struct json_t *j);

/* PL_JW_OK when the document is whole (every container closed, one root) and the stream took
 * every byte so far (no ferror; the caller still flushes and checks, as pl_outfile_commit does);
 * else the PL_JW_* code, or -1 for a write error. */
int pl_jw_finish(const pl_jw *w);
/* What a PL_JW_* code means, for a message. */
const char *pl_jw_strerror(int code);

#endif
