// SPDX-License-Identifier: MIT
/* test_strbuf.c — the growable string buffer: growth, formatting, escaping, failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/strbuf.h"
#include "parley/error.h"

static void empty_buffer_reads_as_empty_string(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    assert_string_equal(pl_strbuf_cstr(&sb), "");
    assert_int_equal(sb.len, 0);
    char *p = pl_strbuf_release(&sb);
    assert_non_null(p);
    assert_string_equal(p, "");
    free(p);
    pl_strbuf_free(&sb);
    pl_strbuf_free(&sb); /* twice is safe */
}

static void appends_grow_past_initial_capacity(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    for (int i = 0; i < 10000; i++) assert_int_equal(pl_strbuf_append(&sb, "ab"), 0);
    assert_int_equal(sb.len, 20000);
    assert_int_equal(strlen(pl_strbuf_cstr(&sb)), 20000);
    assert_memory_equal(pl_strbuf_cstr(&sb) + 19996, "abab", 4);
    pl_strbuf_append_char(&sb, 'z');
    pl_strbuf_append_n(&sb, "xyz", 2);
    assert_string_equal(pl_strbuf_cstr(&sb) + 20000, "zxy");
    assert_int_equal(pl_strbuf_append(&sb, NULL), 0);
    pl_strbuf_reset(&sb);
    assert_string_equal(pl_strbuf_cstr(&sb), "");
    pl_strbuf_free(&sb);
}

static void appendf_formats_short_and_long(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_strbuf_appendf(&sb, "%d-%s", 42, "x");
    assert_string_equal(pl_strbuf_cstr(&sb), "42-x");
    char big[3000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    pl_strbuf_appendf(&sb, "[%s]", big); /* longer than the stack buffer */
    assert_int_equal(sb.len, 4 + 2 + 2999);
    assert_int_equal(pl_strbuf_cstr(&sb)[sb.len - 1], ']');
    pl_strbuf_free(&sb);
}

static void escapes_markup_and_quotes(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_strbuf_append_html_escaped(&sb, "<script>alert(\"x\" & 'y')</script>");
    assert_string_equal(pl_strbuf_cstr(&sb), "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    pl_strbuf_reset(&sb);
    pl_strbuf_append_html_escaped(&sb, "Cor\xC3\xA9" "e \xE2\x80\x94 \xF0\x9F\x98\x80 tab\tnl\n");
    assert_string_equal(pl_strbuf_cstr(&sb), "Cor\xC3\xA9" "e \xE2\x80\x94 \xF0\x9F\x98\x80 tab\tnl\n"); /* valid UTF-8 kept */
    pl_strbuf_free(&sb);
}

static void escaping_replaces_invalid_bytes(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    /* Latin-1 e-acute, a bell, an overlong '/', a lone continuation byte, a truncated sequence at the end */
    pl_strbuf_append_html_escaped(&sb, "caf\xE9|\x07|\xC0\xAF|\x80|\xE2\x82");
    const char *r = "caf\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD";
    assert_string_equal(pl_strbuf_cstr(&sb), r);
    pl_strbuf_reset(&sb);
    pl_strbuf_append_html_escaped(&sb, "\xED\xA0\x80"); /* a UTF-16 surrogate is not a character */
    assert_null(strstr(pl_strbuf_cstr(&sb), "\xED\xA0\x80"));
    assert_int_equal(pl_strbuf_append_html_escaped(&sb, NULL), 0);
    pl_strbuf_free(&sb);
}

static void fixed_numbers_ignore_locale_and_negative_zero(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_strbuf_append_fixed(&sb, 3.14159, 2);
    pl_strbuf_append(&sb, " ");
    pl_strbuf_append_fixed(&sb, -0.0001, 1);
    pl_strbuf_append(&sb, " ");
    pl_strbuf_append_fixed(&sb, -2.5, 0);
    pl_strbuf_append(&sb, " ");
    pl_strbuf_append_fixed(&sb, 0.0 / 0.0, 1);
    pl_strbuf_append(&sb, " ");
    pl_strbuf_append_fixed(&sb, 1e300, 1); /* too long for fixed notation: still a number */
    const char *s = pl_strbuf_cstr(&sb);
    assert_memory_equal(s, "3.14 0.0 -2 0.0 ", 16); /* -2.5 rounds to even: -2 */
    assert_non_null(strstr(s + 16, "e+300"));
    /* a comma locale, if the system has one, must not leak into SVG numbers */
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        pl_strbuf_reset(&sb);
        pl_strbuf_append_fixed(&sb, 1.5, 1);
        assert_string_equal(pl_strbuf_cstr(&sb), "1.5");
        setlocale(LC_NUMERIC, "C");
    }
    pl_strbuf_free(&sb);
}

/* "%.*f" as printf writes it, "-0.00" without its sign: what pl_strbuf_append_fixed wrote before it
 * formatted most numbers itself, the oracle of the next test */
static void printf_fixed(char *out, size_t size, double x, int decimals)
{
    int n = snprintf(out, size, "%.*f", decimals, x);
    int zero = out[0] == '-';
    for (int i = 1; zero && i < n; i++)
        if (out[i] >= '1' && out[i] <= '9') zero = 0;
    if (zero) memmove(out, out + 1, (size_t)n);
}

/* Byte for byte printf's text on every number of decimals: random values of every size up to
 * where printf takes over, halves and eighths (exact ties, rounded to even), values a hair from
 * a tie (0.05 is not one: the double is 0.05000000000000000277), both signs */
static void fixed_numbers_as_printf_writes_them(void **state)
{
    (void)state;
    uint64_t seed = 12345;
    long compared = 0;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    for (int i = 0; i < 300000; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        double u = (double)(seed >> 11) * 0x1p-53;
        int decimals = (int)((seed >> 7) % 13), kind = i % 6;
        double x = kind == 0 ? u * pow(10.0, (double)((seed >> 3) % 14) - 2)
                 : kind == 1 ? floor(u * 4096) / 8      /* eighths: exact ties at 1 and 2 decimals */
                 : kind == 2 ? floor(u * 100000) / 2    /* halves: ties at 0 decimals */
                 : kind == 3 ? nextafter(floor(u * 4096) / 8, (seed & 1) ? INFINITY : -INFINITY)
                 : kind == 4 ? floor(u * 1e6) / 1e3 + 0.0005 /* a hair from a tie at 3 decimals */
                             : u * 0x1p40 / pow(10.0, decimals) * 2; /* across the 2^40 limit */
        for (int sign = 0; sign < 2; sign++, x = -x) {
            char expect[400];
            printf_fixed(expect, sizeof expect, x, decimals);
            pl_strbuf_reset(&sb);
            pl_strbuf_append_fixed(&sb, x, decimals);
            if (strcmp(pl_strbuf_cstr(&sb), expect))
                fail_msg("%a to %d decimals: \"%s\", printf \"%s\"", x, decimals, pl_strbuf_cstr(&sb), expect);
            compared++;
        }
    }
    assert_int_equal(compared, 600000);
    pl_strbuf_free(&sb);
}

static void failure_is_sticky(void **state)
{
    (void)state;
    pl_strbuf sb;
    pl_strbuf_init(&sb);
    pl_strbuf_append(&sb, "kept");
    /* an impossible size fails without touching memory */
    assert_int_equal(pl_strbuf_append_n(&sb, "x", SIZE_MAX), PL_ENOMEM);
    assert_true(pl_strbuf_failed(&sb));
    assert_int_equal(pl_strbuf_append(&sb, "more"), PL_ENOMEM);
    assert_int_equal(pl_strbuf_appendf(&sb, "%d", 1), PL_ENOMEM);
    assert_int_equal(pl_strbuf_append_html_escaped(&sb, "<"), PL_ENOMEM);
    assert_string_equal(pl_strbuf_cstr(&sb), "kept");
    assert_null(pl_strbuf_release(&sb)); /* a failed buffer hands nothing over, and frees */
    assert_false(pl_strbuf_failed(&sb));
    pl_strbuf_append(&sb, "again");
    pl_strbuf_reset(&sb);
    assert_false(pl_strbuf_failed(&sb));
    pl_strbuf_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(empty_buffer_reads_as_empty_string),
        cmocka_unit_test(appends_grow_past_initial_capacity),
        cmocka_unit_test(appendf_formats_short_and_long),
        cmocka_unit_test(escapes_markup_and_quotes),
        cmocka_unit_test(escaping_replaces_invalid_bytes),
        cmocka_unit_test(fixed_numbers_ignore_locale_and_negative_zero),
        cmocka_unit_test(fixed_numbers_as_printf_writes_them),
        cmocka_unit_test(failure_is_sticky),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
