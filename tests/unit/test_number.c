// SPDX-License-Identifier: MIT
/* test_number.c — io/number.c: the shortest text that reads back to the same double, and the
 * CSV and JSON writers that use it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/rng.h"
#include "io/csv.h"
#include "io/json_writer.h"
#include "io/number.h"

static const char *shortest(double x)
{
    static char buf[PL_NUM_BUF];
    pl_num_shortest(buf, x);
    return buf;
}

/* The texts Python's repr gives (the reference library's CSV), in %g's spelling. */
static void known_values(void **state)
{
    (void)state;
    assert_string_equal(shortest(0.1), "0.1");
    assert_string_equal(shortest(2.0 / 3.0), "0.6666666666666666");
    assert_string_equal(shortest(0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(shortest(2.6), "2.6");
    assert_string_equal(shortest(3), "3");
    assert_string_equal(shortest(0), "0");
    assert_string_equal(shortest(-0.5), "-0.5");
    assert_string_equal(shortest(1e-5), "1e-05");
    assert_string_equal(shortest(DBL_MAX), "1.7976931348623157e+308");
    assert_string_equal(shortest(5e-324), "5e-324");
    assert_string_equal(shortest(0.001), "0.001");
}

/* Every text reads back to the same bits, and one digit fewer would not. */
static void random_doubles_round_trip_and_are_shortest(void **state)
{
    (void)state;
    pl_rng r;
    pl_rng_init(&r, 42, 0, 0);
    for (int k = 0; k < 20000; k++) {
        uint64_t bits = pl_rng_next(&r);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (!isfinite(x)) continue;
        char buf[PL_NUM_BUF], fewer[400];
        int len = pl_num_shortest(buf, x);
        assert_int_equal(len, (int)strlen(buf));
        assert_true(strtod(buf, NULL) == x);
        int digits = 0, seen = 0; /* significant digits: leading zeros do not count */
        for (const char *c = buf; *c && *c != 'e'; c++) {
            if (*c >= '1' && *c <= '9') seen = 1;
            digits += seen && *c >= '0' && *c <= '9';
        }
        if (digits > 1) {
            snprintf(fewer, sizeof fewer, "%.*g", digits - 1, x);
            assert_true(strtod(fewer, NULL) != x);
        }
    }
}

/* CSV cells and JSON reals both write it; NaN stays an empty cell and a JSON null. */
static void writers_use_it(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    pl_csv_row(f, "ggg\n", 2.0 / 3.0, NAN, 0.1);
    pl_jw w;
    pl_jw_init(&w, f, -1, PL_JW_SHORTEST);
    pl_jw_array(&w);
    pl_jw_num(&w, 2.0 / 3.0);
    pl_jw_num(&w, 3);
    pl_jw_num(&w, 1e-5);
    pl_jw_num(&w, NAN);
    pl_jw_end(&w);
    assert_int_equal(pl_jw_finish(&w), 0);
    fclose(f);
    assert_string_equal(text, "0.6666666666666666,,0.1\n[0.6666666666666666,3.0,1e-5,null]");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_values),
        cmocka_unit_test(random_doubles_round_trip_and_are_shortest),
        cmocka_unit_test(writers_use_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
