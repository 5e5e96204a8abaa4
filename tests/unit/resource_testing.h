// SPDX-License-Identifier: MIT
/* resource_testing.h — where the unit tests find their data files: the reference's tables
 * and transcripts under tests/resources (or the folder $RESOURCES names, as tests/run.sh
 * sets it), so that a test can run from any directory.  Static inline: each test stays one
 * file and the Makefile one rule. */
#ifndef PL_RESOURCE_TESTING_H
#define PL_RESOURCE_TESTING_H

#include <stdio.h>
#include <stdlib.h>

/* Writes the path of RESOURCES/NAME into path (n bytes) and returns it. */
static inline const char *resource_path(const char *name, char *path, size_t n)
{
    const char *dir = getenv("RESOURCES") ? getenv("RESOURCES") : "tests/resources";
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

/* Opens RESOURCES/NAME for reading (NULL if it cannot be); its path is left in path for messages. */
static inline FILE *resource_open(const char *name, char *path, size_t n)
{
    return fopen(resource_path(name, path, n), "r");
}

#endif
