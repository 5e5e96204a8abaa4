/* SPDX-License-Identifier: MIT */
/* parley/parley.h — the whole public API in one include.
 *
 * parley is a library first: the `parley` command is one consumer of it.
 * Objects have one create and one free function; errors come back as values
 * with a message (parley/error.h); nothing in the library prints or exits. */
#ifndef PARLEY_H
#define PARLEY_H

#include "parley/common.h"

#define PARLEY_VERSION "0.1.0"
/* The most worker threads any run may ask for (--threads); more is refused with a message. */
#define PL_MAX_THREADS 1024

#include "parley/error.h"
#include "parley/rng.h"
#include "parley/game.h"
#include "parley/strategy.h"
#include "parley/match.h"
#include "parley/agreement.h"
#include "parley/tournament.h"
#include "parley/transcript.h"
#include "parley/nparty.h"
#include "parley/scenario.h"
#include "parley/nscenario.h"
#include "parley/player_list.h"
#include "parley/text.h"
#include "parley/outdir.h"
#include "parley/sensitivity.h"
#include "parley/population.h"
#include "parley/distribute.h"

#ifdef __cplusplus
extern "C" {
#endif
/* The library's version string (may differ from the header's if linked against another build). */
PL_EXTERN const char *pl_version(void);
#ifdef __cplusplus
}
#endif

#endif
