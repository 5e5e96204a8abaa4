// SPDX-License-Identifier: MIT
/* fuzz_strategy.c — libFuzzer target: strategy names with parameters ("gtft:p=0.3", "First by
 * Davis: 10"), transformed strategies ("noisy(dual(tft), 0.1)", "Dual Tit For Tat") and
 * comma-separated player lists, as --players and `parley match A B` take them; a strategy
 * that is made plays a short match against a copy of itself (the copy deep, for a chain of
 * transformers) so its parameters are used. */
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
    pl_strategy *s = NULL;
    if (pl_strategy_create(&s, text, &err) == 0) {
        pl_match_config cfg;
        pl_match_config_default(&cfg);
        cfg.turns = 20;
        cfg.noise = 0.1;
        pl_match_result *r = NULL;
        pl_strategy *c = pl_strategy_clone(s);
        if (pl_match_play(s, c ? c : s, &cfg, &r, &err) == 0) pl_match_result_free(r);
        pl_strategy_free(c);
        pl_strategy_free(s);
    }
    if (text[0] != '@') { /* '@file' would read a file named by the input */
        pl_player_list l = {0};
        pl_player_list_add(&l, text, &err);
        pl_player_list_free(&l);
    }
    free(text);
    return 0;
}
