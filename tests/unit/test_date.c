// SPDX-License-Identifier: MIT
/* test_date.c — core/date: the one date reader (agreement scenarios and event files both use it)
 * and the day count, against dates worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"

static void reads_days_and_months(void **state)
{
    (void)state;
    int y = 0, m = 0, d = -1;
    assert_int_equal(pl_date_parse("2007-02-13", &y, &m, &d), 0);
    assert_int_equal(y, 2007), assert_int_equal(m, 2), assert_int_equal(d, 13);
    assert_int_equal(pl_date_parse("1994-10", &y, &m, &d), 0);
    assert_int_equal(y, 1994), assert_int_equal(m, 10), assert_int_equal(d, 0); /* no day: 0 */
    assert_int_equal(pl_date_parse("2024-02-29", &y, &m, &d), 0);               /* a leap day */
    assert_int_equal(pl_date_parse("2000-02-29", &y, &m, &d), 0);               /* divisible by 400 */
}

static void refuses_what_is_not_a_date(void **state)
{
    (void)state;
    const char *bad[] = {"",           "2007",        "2007-7",     "2007-07-1",  " 2007-07",  "2007-07 ",
                         "2007/07/01", "2007-13",     "2007-00",    "2007-02-30", "2023-02-29", "1900-02-29",
                         "2007-07-32", "2007-07-00",  "+007-07",    "2007-0x",    "2007-07-01x", "20070701"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int y = -7, m = -7, d = -7;
        if (pl_date_parse(bad[i], &y, &m, &d) != -1) fail_msg("'%s' was read as a date", bad[i]);
        assert_int_equal(y, -7); /* nothing written on failure */
    }
}

static void counts_days_both_ways(void **state)
{
    (void)state;
    assert_int_equal(pl_date_to_days(1970, 1, 1), 0);
    assert_int_equal(pl_date_to_days(1970, 1, 2), 1);
    assert_int_equal(pl_date_to_days(1969, 12, 31), -1);
    assert_int_equal(pl_date_to_days(2000, 3, 1) - pl_date_to_days(2000, 2, 28), 2); /* 2000 is a leap year */
    assert_int_equal(pl_date_to_days(1900, 3, 1) - pl_date_to_days(1900, 2, 28), 1); /* 1900 is not */
    assert_int_equal(pl_date_to_days(2008, 8, 14) - pl_date_to_days(2007, 2, 13), 548);
    for (long z = -800000; z <= 800000; z += 997) {
        int y, m, d;
        pl_date_from_days(z, &y, &m, &d);
        assert_true(m >= 1 && m <= 12 && d >= 1 && d <= pl_date_days_in_month(y, m));
        assert_int_equal(pl_date_to_days(y, m, d), z);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_days_and_months),
        cmocka_unit_test(refuses_what_is_not_a_date),
        cmocka_unit_test(counts_days_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
