/* SPDX-License-Identifier: MIT */
/* parley/transcript.h — checking parley against reference match transcripts.
 *
 * A transcript file holds JSON lines (gzipped or not), one match each:
 *   {"a": NAME, "b": NAME, "turns": N, "game_RPST": [R, P, S, T],
 *    "a_actions": "CD...", "b_actions": "DC...", "a_score": x, "b_score": y}
 * The two scores are optional.  Each match whose strategies parley has is
 * replayed and compared action by action. */
#ifndef PARLEY_TRANSCRIPT_H
#define PARLEY_TRANSCRIPT_H

#include "parley/common.h"

#include <stddef.h>
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_transcript_stats {
    size_t checked;    /* matches replayed */
    size_t mismatched; /* of which differed in an action or a score */
    size_t skipped;    /* lines naming a strategy parley lacks */
} pl_transcript_stats;

/* Called for each mismatch with a one-line description ("file:12: A vs B: turn 7 ..."). */
typedef void (*pl_transcript_report_fn)(const char *line, void *user);

/* Checks one file, adding to stats.  A malformed line is an error (PL_EINVAL, with
 * file, line and column in the message); a mismatch is not. */
PL_EXTERN int pl_transcript_check_file(const char *path, pl_transcript_stats *stats, pl_transcript_report_fn report,
                                       void *user, pl_error *err);

#ifdef __cplusplus
}
#endif
#endif
