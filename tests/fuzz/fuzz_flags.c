// SPDX-License-Identifier: MIT
/* fuzz_flags.c — libFuzzer target: the values flags take, through the readers every command
 * uses (parley/text.h: whole numbers, real numbers in a range, 64-bit seeds; the R,S,T,P game),
 * and the sanitizer every echoed text goes through, which must leave no control character. */
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    pl_error err;
    long l;
    double d;
    uint64_t u;
    pl_game g;
    pl_parse_long(text, 1, 100000000, &l, &err);
    if (pl_parse_double(text, 0, 1, &d, &err) == 0 && !(d >= 0 && d <= 1)) abort();
    pl_parse_u64(text, &u, &err);
    if (pl_game_parse_rstp(&g, text, &err) == 0 && pl_game_check(&g, &err) != 0) abort();
    char clean[256];
    pl_text_sanitize(clean, sizeof clean, text);
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++)
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F) abort();
    for (size_t i = 0; i < sizeof err.msg && err.msg[i]; i++)
        if ((unsigned char)err.msg[i] == 0x1B) abort();
    free(text);
    return 0;
}
