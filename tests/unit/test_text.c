// SPDX-License-Identifier: MIT
/* test_text.c — the one number reader (parley/text.h), control characters taken out of echoed
 * text, and results written as a set (parley/outdir.h): the fixes of issue 9, each with the input
 * that once went wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley/parley.h"

static void whole_numbers(void **state)
{
    (void)state;
    pl_error err;
    long x = 0;
    assert_int_equal(pl_parse_long("200", 1, 1000, &x, &err), 0);
    assert_int_equal(x, 200);
    assert_int_equal(pl_parse_long("-5", -10, 10, &x, &err), 0);
    assert_int_equal(x, -5);
    assert_int_not_equal(pl_parse_long("0x10", 1, 1000, &x, &err), 0); /* once read as 16 */
    assert_non_null(strstr(err.msg, "in decimal, got '0x10'"));
    assert_int_not_equal(pl_parse_long(" 5", 1, 1000, &x, &err), 0);
    assert_non_null(strstr(err.msg, "without spaces"));
    assert_int_not_equal(pl_parse_long("5 ", 1, 1000, &x, &err), 0);
    assert_int_not_equal(pl_parse_long("1.5", 1, 1000, &x, &err), 0);
    assert_non_null(strstr(err.msg, "not a whole number"));
    assert_int_not_equal(pl_parse_long("1001", 1, 1000, &x, &err), 0);
    assert_non_null(strstr(err.msg, "from 1 to 1000, got '1001'"));
    assert_int_not_equal(pl_parse_long("99999999999999999999", 1, 1000, &x, &err), 0);
    assert_non_null(strstr(err.msg, "too large"));
    assert_int_not_equal(pl_parse_long("", 1, 1000, &x, &err), 0);
    assert_int_not_equal(pl_parse_long(NULL, 1, 1000, &x, &err), 0);
    assert_int_not_equal(pl_parse_long("ten", 1, 1000, &x, &err), 0);
    assert_non_null(strstr(err.msg, "expected a whole number, got 'ten'"));
}

static void real_numbers(void **state)
{
    (void)state;
    pl_error err;
    double x = -1;
    assert_int_equal(pl_parse_double("0.05", 0, 1, &x, &err), 0);
    assert_true(x == 0.05);
    assert_int_equal(pl_parse_double("5e-2", 0, 1, &x, &err), 0);
    assert_true(x == 0.05);
    assert_int_equal(pl_parse_double("0", 0, 1, &x, &err), 0);
    assert_true(x == 0);
    assert_int_equal(pl_parse_double("0e-400", 0, 1, &x, &err), 0); /* zero written oddly is still zero */
    assert_int_not_equal(pl_parse_double("1e-400", 0, 1, &x, &err), 0); /* once "not a number" */
    assert_non_null(strstr(err.msg, "too small"));
    assert_int_equal(pl_parse_double("1e-310", 0, 1, &x, &err), 0);    /* subnormal: small but not lost */
    assert_int_not_equal(pl_parse_double("1e400", -1e300, 1e300, &x, &err), 0);
    assert_non_null(strstr(err.msg, "too large"));
    assert_int_not_equal(pl_parse_double("inf", 0, 1, &x, &err), 0);
    assert_int_not_equal(pl_parse_double("nan", 0, 1, &x, &err), 0);
    assert_int_not_equal(pl_parse_double("0x1p-2", 0, 1, &x, &err), 0);
    assert_int_not_equal(pl_parse_double(".", 0, 1, &x, &err), 0);
    assert_int_not_equal(pl_parse_double("1e", 0, 1, &x, &err), 0);
    assert_int_not_equal(pl_parse_double("1.5", 0, 1, &x, &err), 0);
    assert_non_null(strstr(err.msg, "from 0 to 1, got '1.5'"));
}

static void seeds_over_64_bits(void **state)
{
    (void)state;
    pl_error err;
    uint64_t u = 0;
    assert_int_equal(pl_parse_u64("18446744073709551615", &u, &err), 0);
    assert_true(u == UINT64_MAX);
    assert_int_equal(pl_parse_u64("9007199254740993", &u, &err), 0); /* 2^53 + 1, once rounded */
    assert_true(u == 9007199254740993ULL);
    assert_int_not_equal(pl_parse_u64("18446744073709551616", &u, &err), 0);
    assert_int_not_equal(pl_parse_u64("-1", &u, &err), 0);
    assert_int_not_equal(pl_parse_u64(" -1", &u, &err), 0); /* once taken as 2^64 - 1 */
    assert_int_not_equal(pl_parse_u64("1e3", &u, &err), 0);
}

static void games_are_bounded(void **state)
{
    (void)state;
    pl_error err;
    pl_game g;
    assert_int_equal(pl_game_parse_rstp(&g, "3, 0, 5, 1", &err), 0);
    assert_int_not_equal(pl_game_parse_rstp(&g, "1e308,0,1.5e308,1", &err), 0); /* scores overflowed */
    assert_non_null(strstr(err.msg, "R (number 1 of R,S,T,P)"));
    assert_int_not_equal(pl_game_parse_rstp(&g, "3,0,5,0x1", &err), 0);
    assert_int_not_equal(pl_game_parse_rstp(&g, "3,0,5", &err), 0);
    assert_int_not_equal(pl_game_parse_rstp(&g, "3,0,5,1,", &err), 0);
    pl_game_pd(&g, 3, 0, 5e300, 1);
    assert_int_not_equal(pl_game_check(&g, &err), 0);
}

static void control_characters_never_echoed(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(pl_text_sanitize(buf, sizeof buf, "a\033[2Jb"), "a?[2Jb");
    assert_string_equal(pl_text_sanitize(buf, sizeof buf, "t\033]0;x\007"), "t?]0;x?");
    assert_string_equal(pl_text_sanitize(buf, sizeof buf, "c1 \xc2\x9b" "31m"), "c1 ?31m"); /* C1 CSI in UTF-8 */
    assert_string_equal(pl_text_sanitize(buf, sizeof buf, "raw \x9b"), "raw ?");            /* not UTF-8 */
    assert_string_equal(pl_text_sanitize(buf, sizeof buf, "caf\xc3\xa9\tline\n"), "caf\xc3\xa9\tline\n");
    assert_string_equal(pl_text_sanitize(buf, 5, "abc\xc3\xa9"), "abc"); /* a character is never cut */
    char in[] = "x\r\by\177";
    pl_text_sanitize_inplace(in);
    assert_string_equal(in, "x??y?");
    pl_error err;
    pl_error_set(&err, PL_EINVAL, "unknown strategy '%s'", "\033[2J");
    assert_null(strchr(err.msg, '\033'));
}

/* pl_error_set_first keeps the first failure (a chart or report filled by many calls), sanitised too */
static void first_error_kept(void **state)
{
    (void)state;
    pl_error err;
    pl_error_clear(&err);
    assert_int_equal(pl_error_set_first(&err, PL_EINVAL, "bad %s", "\033[1mrange"), PL_EINVAL);
    assert_int_equal(pl_error_set_first(&err, PL_ENOMEM, "out of memory"), PL_ENOMEM); /* returns its code */
    assert_int_equal(err.code, PL_EINVAL);
    assert_string_equal(err.msg, "bad ?[1mrange");
    assert_int_equal(pl_error_set_first(NULL, PL_EIO, "nowhere"), PL_EIO);
    pl_error_clear(&err);
    pl_error_set_first(&err, PL_EIO, "second life");
    assert_string_equal(err.msg, "second life");
}

/* ---- results as a set ---- */

static char base[128];

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int exists(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

static void outdir_replaces_whole_sets(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "/tmp/parley-test-text-%ld", (long)getpid());
    char out[256];
    snprintf(out, sizeof out, "%s/deep/out", base);
    pl_error err;
    pl_outdir *od;
    assert_int_equal(pl_outdir_open(&od, out, &err), 0);
    assert_true(strstr(pl_outdir_path(od), "parley-tmp") != NULL);
    assert_string_equal(pl_outdir_final(od), out);
    write_text(pl_outdir_path(od), "a.csv", "first\n");
    assert_false(exists(out, "a.csv")); /* nothing in place before the commit */
    assert_int_equal(pl_outdir_commit(od, &err), 0);
    assert_true(exists(out, "a.csv") && exists(out, PL_OUTDIR_MARKER));

    /* a second set replaces the first whole: no a.csv beside b.csv */
    assert_int_equal(pl_outdir_open(&od, out, &err), 0);
    write_text(pl_outdir_path(od), "b.csv", "second\n");
    assert_int_equal(pl_outdir_commit(od, &err), 0);
    assert_true(exists(out, "b.csv"));
    assert_false(exists(out, "a.csv"));

    /* an abandoned set leaves the old one and no temporary */
    assert_int_equal(pl_outdir_open(&od, out, &err), 0);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", pl_outdir_path(od));
    write_text(tmp, "c.csv", "third\n");
    pl_error e2;
    pl_error_set(&e2, PL_EIO, "%s/c.csv: write failed", tmp);
    pl_outdir_fix_error(od, &e2);
    char want[512];
    snprintf(want, sizeof want, "%s/c.csv: write failed", out);
    assert_string_equal(e2.msg, want);
    pl_outdir_abort(od);
    assert_int_not_equal(access(tmp, F_OK), 0);
    assert_true(exists(out, "b.csv"));
    assert_false(exists(out, "c.csv"));
}

static void outdir_refuses_foreign_directories(void **state)
{
    (void)state;
    char mine[256], file[256];
    snprintf(mine, sizeof mine, "%s/mine", base);
    snprintf(file, sizeof file, "%s/afile", base);
    mkdir(mine, 0777);
    write_text(mine, "notes.txt", "keep\n");
    write_text(base, "afile", "x\n");
    pl_error err;
    pl_outdir *od = NULL;
    assert_int_equal(pl_outdir_open(&od, mine, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "notes.txt"));
    assert_null(od);
    assert_int_equal(pl_outdir_open(&od, file, &err), PL_EINVAL);
    assert_non_null(strstr(err.msg, "not a directory"));
    assert_int_equal(pl_outdir_open(&od, "", &err), PL_EINVAL);
    pl_outdir_abort(NULL);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_numbers),
        cmocka_unit_test(real_numbers),
        cmocka_unit_test(seeds_over_64_bits),
        cmocka_unit_test(games_are_bounded),
        cmocka_unit_test(control_characters_never_echoed),
        cmocka_unit_test(first_error_kept),
        cmocka_unit_test(outdir_replaces_whole_sets),
        cmocka_unit_test(outdir_refuses_foreign_directories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
