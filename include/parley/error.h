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

/* Which input of a call an error is about, where the library knows it: one of the flags a scenario
 * command takes beside its file (what a binding names as that argument), else not said
 * (PL_INPUT_UNSAID: the call's main input, a scenario command's file). */
typedef enum pl_input {
    PL_INPUT_UNSAID = 0,
    PL_INPUT_SET = 1,        /* an override (--set): its text, its path, or a value it put in the file */
    PL_INPUT_RANGE = 2,      /* a sensitivity range (--range), or a value it made that the file refuses */
    PL_INPUT_COMPARE = 3,    /* --compare */
    PL_INPUT_GRID = 4,       /* --grid */
    PL_INPUT_GRID_STEPS = 5  /* --grid-steps */
} pl_input;

typedef struct pl_error {
    pl_status code;
    char msg[PL_ERROR_MSG_MAX];
    pl_input input; /* what the error is about: pl_error_set leaves it unsaid, pl_error_about says it */
} pl_error;

/* Sets err (if non-NULL) and returns code, so a caller can `return pl_error_set(...)`. */
PL_EXTERN int pl_error_set(pl_error *err, pl_status code, const char *fmt, ...)
              __attribute__((format(printf, 3, 4)));
/* The same, but only while err holds no error yet: an object that is filled by many calls (a chart,
 * a report) keeps its first failure and gives it back when it is written. */
PL_EXTERN int pl_error_set_first(pl_error *err, pl_status code, const char *fmt, ...)
              __attribute__((format(printf, 3, 4)));
PL_EXTERN void pl_error_clear(pl_error *err);
/* Says which input err (set before) is about; nothing for a NULL err. */
PL_EXTERN void pl_error_about(pl_error *err, pl_input input);

#ifdef __cplusplus
}
#endif
#endif
