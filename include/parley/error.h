/* SPDX-License-Identifier: MIT */
/* parley/error.h — errors come back as values, never as exits or prints.
 *
 * Every fallible function takes a `pl_error *` (may be NULL) and returns a
 * status: 0 on success, a negative pl_status on failure.  The message says what
 * went wrong in words a user can act on ("file.yaml:12:7: expected a number for
 * 'duration'").  The command line decides how to show it and which exit code to
 * use; the library never prints. */
#ifndef PARLEY_ERROR_H
#define PARLEY_ERROR_H

#include "parley/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_status {
    PL_OK = 0,
    PL_EINVAL = -1,   /* bad input: a value, a name, a file's content */
    PL_ENOMEM = -2,   /* out of memory */
    PL_EIO = -3,      /* a file could not be read or written */
    PL_ENOTFOUND = -4 /* a named thing (strategy, party, step) does not exist */
} pl_status;

#define PL_ERROR_MSG_MAX 1024

typedef struct pl_error {
    pl_status code;
    char msg[PL_ERROR_MSG_MAX];
} pl_error;

/* Sets err (if non-NULL) and returns code, so a caller can `return pl_error_set(...)`. */
PL_EXTERN int pl_error_set(pl_error *err, pl_status code, const char *fmt, ...)
              __attribute__((format(printf, 3, 4)));
/* The same, but only while err holds no error yet: an object that is filled by many calls (a chart,
 * a report) keeps its first failure and gives it back when it is written. */
PL_EXTERN int pl_error_set_first(pl_error *err, pl_status code, const char *fmt, ...)
              __attribute__((format(printf, 3, 4)));
PL_EXTERN void pl_error_clear(pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
