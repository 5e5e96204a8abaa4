/* text.h — small text utilities every layer shares (so none writes its own).
 *
 * pl_edit_distance is public (parley/text.h): the command suggests its subcommands with it. */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>

#include "parley/text.h"

#endif
