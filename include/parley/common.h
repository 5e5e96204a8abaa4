/* SPDX-License-Identifier: MIT */
/* parley/common.h — what every public header shares: the export macro.
 *
 * The library is compiled with -fvisibility=hidden, so a function is part of
 * the shared library's interface only when its declaration carries PL_EXTERN.
 * Everything else (the domains' internals, io/, core/) stays private to the
 * library and cannot be reached from a program linked against libparley.so. */
#ifndef PARLEY_COMMON_H
#define PARLEY_COMMON_H

#if defined(__GNUC__) || defined(__clang__)
#define PL_EXTERN __attribute__((visibility("default")))
#else
#define PL_EXTERN
#endif

#endif
