// SPDX-License-Identifier: MIT
/* automaton_store.h — what a worker has already made of a player, kept for its next pair.
 *
 * A tournament's worker meets each player of the field once a pair, and making a player's
 * automaton (Tullock's 2,048 states, a length automaton, the probed ones) and what a kernel
 * prepares from it costs far more than copying it back.  The match loops (match.c: the automaton
 * as its hook made it) and the batched kernel (automaton_batch.c: the automaton and its prepared
 * records, which hang on the noise too) keep theirs here, each as bytes of its own layout, under
 * the player's definition and parameters, the match length it was made for and a salt the caller
 * chooses (the noise's cut, or 0).  Bounded: past PL_AUTO_STORE_MAX entries nothing more is kept
 * and the caller makes it again, as without the store. */
#ifndef PL_TWOPARTY_AUTOMATON_STORE_H
#define PL_TWOPARTY_AUTOMATON_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "parley/strategy.h"

enum { PL_AUTO_STORE_MAX = 512 };

typedef struct pl_auto_store pl_auto_store;

pl_auto_store *pl_auto_store_new(void); /* NULL when out of memory */
void pl_auto_store_free(pl_auto_store *st);

/* The bytes kept for (s's definition and parameters, length, salt), their size in *bytes; NULL when
 * none are. */
const void *pl_auto_store_find(const pl_auto_store *st, const pl_strategy *s, int length, uint64_t salt,
                               size_t *bytes);

/* Room for `bytes` bytes under that key (not already kept), for the caller to fill; NULL when the
 * store is full or memory runs out. */
void *pl_auto_store_add(pl_auto_store *st, const pl_strategy *s, int length, uint64_t salt, size_t bytes);

#endif
