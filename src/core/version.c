// SPDX-License-Identifier: MIT
/* version.c — the library reports its own version, for bindings and reports. */
#include "parley/parley.h"

const char *pl_version(void) { return PARLEY_VERSION; }
