// SPDX-License-Identifier: MIT
/* test_fuzz_inputs.c — every input parser survives mangled input (SQLite's lesson).
 *
 * Seeded mutation fuzzing, run under the address and undefined-behaviour
 * sanitizers by `make check`: valid seeds are cut, spliced, bit-flipped and
 * salted with hostile bytes; each parser must return a value (success or an
 * error with a message), never crash, leak or read out of bounds.  The number
 * of rounds is modest so the suite stays fast; raise PARLEY_FUZZ_ROUNDS for a
 * longer hunt. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parley/parley.h"
#include "parley/player_list.h"
#include "io/yaml_doc.h"

static int rounds(void)
{
    const char *s = getenv("PARLEY_FUZZ_ROUNDS");
    return s && atoi(s) > 0 ? atoi(s) : 3000;
}

/* Writes a mutation of seed into out (NUL-terminated), returns its length. */
static size_t mutate(pl_rng *r, const char *seed, char *out, size_t cap)
{
    static const char *salt[] = {"\0", "\xff", ":", ",", "=", "{", "}", "[", "]", "\"", "'", "&a", "*a", "\n  - ",
                                 "\t", "-1", "1e400", "nan", "0x10", "%s%n", "\xc3\x28", "<script>", ": :", "---\n"};
    size_t n = strlen(seed);
    if (n >= cap) n = cap - 1;
    memcpy(out, seed, n);
    int ops = 1 + (int)pl_rng_below(r, 4);
    for (int k = 0; k < ops; k++) {
        switch (pl_rng_below(r, 5)) {
        case 0: /* cut */
            if (n) n = (size_t)pl_rng_below(r, n + 1);
            break;
        case 1: /* flip a byte */
            if (n) out[pl_rng_below(r, n)] ^= (char)(1 << pl_rng_below(r, 8));
            break;
        case 2: { /* insert salt */
            const char *s = salt[pl_rng_below(r, sizeof salt / sizeof *salt)];
            size_t l = strlen(s) ? strlen(s) : 1, at = n ? (size_t)pl_rng_below(r, n + 1) : 0;
            if (n + l < cap) {
                memmove(out + at + l, out + at, n - at);
                memcpy(out + at, s, l);
                n += l;
            }
            break;
        }
        case 3: /* duplicate a span */
            if (n && n * 2 < cap) {
                size_t a = (size_t)pl_rng_below(r, n), b = a + (size_t)pl_rng_below(r, n - a + 1);
                memmove(out + n, out + a, b - a);
                n += b - a;
            }
            break;
        default: /* delete a span */
            if (n) {
                size_t a = (size_t)pl_rng_below(r, n), b = a + (size_t)pl_rng_below(r, n - a + 1);
                memmove(out + a, out + b, n - b);
                n -= b - a;
            }
        }
    }
    out[n] = '\0';
    return n;
}

static void strategy_specs(void **state)
{
    (void)state;
    static const char *seeds[] = {"gtft:p=0.1", "First by Davis: 10", "cycler:cycle=CCD", "memory_one:p_cc=1,p_cd=0",
                                  "Omega TFT: 3, 8", "tft"};
    pl_rng r;
    pl_rng_init(&r, 7, 0, 0);
    char buf[512];
    for (int i = 0; i < rounds(); i++) {
        mutate(&r, seeds[i % 6], buf, sizeof buf);
        pl_strategy *s = NULL;
        pl_error err;
        int rc = pl_strategy_create(&s, buf, &err);
        if (rc == 0) {
            assert_non_null(s);
            pl_match_config cfg;
            pl_match_config_default(&cfg);
            cfg.turns = 20;
            pl_match_result *m;
            assert_int_equal(pl_match_play(s, s, &cfg, &m, &err), 0);
            pl_match_result_free(m);
            pl_strategy_free(s);
        } else
            assert_true(err.msg[0] != '\0');
    }
}

static void player_lists(void **state)
{
    (void)state;
    static const char *seeds[] = {"tft,defector,gtft:p=0.2", "Omega TFT: 3, 8,grudger", "all"};
    pl_rng r;
    pl_rng_init(&r, 8, 0, 0);
    char buf[512];
    for (int i = 0; i < rounds() / 4; i++) {
        mutate(&r, seeds[i % 3], buf, sizeof buf);
        pl_player_list l = {0};
        pl_error err;
        if (pl_player_list_add(&l, buf, &err)) assert_true(err.msg[0] != '\0');
        pl_player_list_free(&l);
    }
}

static void yaml_documents(void **state)
{
    (void)state;
    static const char *seed = "kind: agreement\nname: \"Six-party <talks>\"\nparties:\n  - id: US\n    name: United "
                              "States\n  - {id: DPRK, p: 0.5}\nsteps:\n  - id: s1\n    requires: [s0, s2]\n    "
                              "duration: 3\n    value: {US: 1.5}\n";
    pl_rng r;
    pl_rng_init(&r, 9, 0, 0);
    char buf[2048];
    for (int i = 0; i < rounds(); i++) {
        size_t n = mutate(&r, seed, buf, sizeof buf);
        pl_ydoc *d = NULL;
        pl_error err;
        int rc = pl_ydoc_load_string(&d, "fuzz.yaml", buf, n, &err);
        if (rc == 0) {
            /* a getter reads *out as the default it notes when the key is absent: start from none */
            double x = 0;
            const char *s = NULL;
            long k = 0;
            if (d->root) {
                pl_yget_num(d, d->root, "duration", 0, 0, 10, &x, &err);
                pl_yget_str(d, d->root, "name", 0, &s, &err);
                pl_yget_int(d, d->root, "kind", 0, 0, 10, &k, &err);
                static const char *const allowed[] = {"kind", "name", NULL};
                pl_ymap_check_keys(d, d->root, allowed, &err);
            }
            pl_ydoc_free(d);
        } else
            assert_non_null(strstr(err.msg, "fuzz.yaml"));
    }
}

static void transcripts(void **state)
{
    (void)state;
    static const char *seed = "{\"a\":\"Tit For Tat\",\"b\":\"Defector\",\"turns\":3,\"game_RPST\":[3,1,0,5],"
                              "\"a_actions\":\"CDD\",\"b_actions\":\"DDD\",\"a_score\":2,\"b_score\":7}\n";
    pl_rng r;
    pl_rng_init(&r, 10, 0, 0);
    char buf[1024], path[] = "/tmp/parley-fuzz-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (int i = 0; i < rounds() / 4; i++) {
        size_t n = mutate(&r, seed, buf, sizeof buf);
        FILE *f = fopen(path, "wb");
        fwrite(buf, 1, n, f);
        fclose(f);
        pl_transcript_stats st = {0};
        pl_error err;
        if (pl_transcript_check_file(path, &st, NULL, NULL, &err)) assert_true(err.msg[0] != '\0');
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strategy_specs),
        cmocka_unit_test(player_lists),
        cmocka_unit_test(yaml_documents),
        cmocka_unit_test(transcripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
