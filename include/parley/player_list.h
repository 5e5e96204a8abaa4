/* SPDX-License-Identifier: MIT */
/* parley/player_list.h — a list of strategies from the command line or a file.
 *
 * "tft,grudger,gtft:p=0.1" — names separated by commas, where a name may
 * itself contain commas (Axelrod names like "Omega TFT: 3, 8", parameters like
 * "memory_one:p_cc=1,p_cd=0"): the longest run of comma-separated pieces that
 * names a strategy wins; a comma inside parentheses does not separate names (the
 * transformers: "noisy(grudger, 0.1),dual(tft)").  "@FILE" reads one name a line ('#' starts a comment).
 * "all" stands for every registered strategy, "deterministic" for every one that
 * draws no random numbers, "short" for Axelrod-Python's short_run_time_strategies (every
 * strategy of its list that obeys the rules and is not classified long_run_time: all but
 * DBS, 18 of the Meta players, Darwin and the general classes Cycler and Memory One). */
#ifndef PARLEY_PLAYER_LIST_H
#define PARLEY_PLAYER_LIST_H

#include "parley/common.h"

#include <stddef.h>
#include "parley/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pl_player_list {
    pl_strategy **items;
    size_t n, cap;
} pl_player_list;

/* Appends the strategies named by spec (a list or @FILE).  On error names the piece, or
 * the file and line, and what was expected. */
PL_EXTERN int pl_player_list_add(pl_player_list *l, const char *spec, pl_error *err);
PL_EXTERN void pl_player_list_free(pl_player_list *l);

#ifdef __cplusplus
}
#endif
#endif
