// SPDX-License-Identifier: MIT
/* test_json_writer.c — the streaming JSON writer (io/json_writer.h): the same bytes as jansson's
 * json_dumps for thousands of random documents in every format parley uses (the results files
 * written before it must not change), numbers and strings at their edges, misuse reported and
 * never a crash, a write error seen, and no allocation at all while writing (constant memory,
 * the reason it exists: a 10,000-player tournament's matrices as a tree did not fit). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <float.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_writer.h"
#include "parley/testing.h"

/* ---- a small generator of random documents (xorshift, fixed seed: the same documents every run) */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double random_real(void)
{
    switch (next() % 8) {
    case 0: return (double)(int64_t)(next() % 2000001) - 1000000; /* whole numbers: ".0" */
    case 1: return ldexp((double)(next() >> 11), -(int)(next() % 1100)); /* tiny, to the subnormals */
    case 2: return ldexp((double)(next() >> 11), (int)(next() % 970)); /* huge, to DBL_MAX's order */
    case 3: return -0.0;
    case 4: return (double)(next() % 1000) / 1000; /* rates */
    case 5: {
        static const double edge[] = {DBL_MAX, -DBL_MAX, DBL_MIN, DBL_TRUE_MIN, 1e16, 1e17, 1e-4, 1e-5, 0.1, 1e15,
                                      123456789012.0, 1234567890123456789.0, 5e-324, 1e308};
        return edge[next() % (sizeof edge / sizeof *edge)];
    }
    default: {
        uint64_t bits;
        double x;
        do {
            bits = next();
            memcpy(&x, &bits, sizeof x);
        } while (!isfinite(x));
        return x;
    }
    }
}

/* Valid UTF-8 only: jansson refuses the rest (the writer's own answer to it is tested below). */
static char *random_string(size_t *len)
{
    static const char *pieces[] = {"a", "Tit For Tat", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\x01", "\x1f",
                                   "\x7f", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xe2\x80\xa8", " ",
                                   "GTFT: 0.1", "\xef\xbf\xbd", "\0"};
    size_t n = next() % 12, cap = 64, k = 0;
    char *s = malloc(cap);
    for (size_t i = 0; i < n; i++) {
        size_t p = next() % (sizeof pieces / sizeof *pieces);
        size_t l = p == sizeof pieces / sizeof *pieces - 1 ? 1 : strlen(pieces[p]); /* the last is a NUL byte */
        if (k + l + 1 > cap) s = realloc(s, cap *= 2);
        memcpy(s + k, pieces[p], l);
        k += l;
    }
    s[k] = '\0';
    *len = k;
    return s;
}

static json_t *random_value(int depth)
{
    int pick = (int)(next() % (depth > 6 ? 6 : 8));
    switch (pick) {
    case 0: return json_null();
    case 1: return json_boolean(next() % 2);
    case 2: {
        static const json_int_t edge[] = {0, 1, -1, LLONG_MAX, LLONG_MIN, 9007199254740993LL};
        return json_integer(next() % 3 ? (json_int_t)(next() % 100000) - 50000 : edge[next() % 6]);
    }
    case 3:
    case 4: return json_real(random_real());
    case 5: {
        size_t len;
        char *s = random_string(&len);
        json_t *v = json_stringn(s, len);
        free(s);
        return v;
    }
    case 6: {
        json_t *a = json_array();
        for (int n = (int)(next() % 5); n > 0; n--) json_array_append_new(a, random_value(depth + 1));
        return a;
    }
    default: {
        json_t *o = json_object();
        for (int n = (int)(next() % 5); n > 0; n--) {
            size_t len;
            char *key = random_string(&len);
            json_object_setn_new(o, key, len, random_value(depth + 1));
            free(key);
        }
        return o;
    }
    }
}

/* The writer's text for a tree, with jansson's flags read as pl_write_json_file reads them. */
static char *written(const json_t *j, int indent, int precision, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    assert_non_null(f);
    pl_jw w;
    pl_jw_init(&w, f, indent, precision);
    pl_jw_tree(&w, j);
    assert_int_equal(pl_jw_finish(&w), PL_JW_OK);
    fclose(f);
    return buf;
}

static void same_bytes_as_jansson(void **state)
{
    (void)state;
    /* the formats parley writes (results files, match and strategies --json) and a few more */
    static const struct {
        int indent, precision;
        size_t flags;
    } fmt[] = {
        {1, 12, JSON_INDENT(1) | JSON_REAL_PRECISION(12)}, {1, 10, JSON_INDENT(1) | JSON_REAL_PRECISION(10)},
        {-1, 10, JSON_COMPACT | JSON_REAL_PRECISION(10)},  {-1, 15, JSON_COMPACT | JSON_REAL_PRECISION(15)},
        {0, 17, 0},                                        {4, 1, JSON_INDENT(4) | JSON_REAL_PRECISION(1)},
        {2, 31, JSON_INDENT(2) | JSON_REAL_PRECISION(31)},
    };
    int compared = 0;
    for (int doc = 0; doc < 3000; doc++) {
        json_t *j = random_value(0);
        assert_non_null(j);
        for (size_t k = 0; k < sizeof fmt / sizeof *fmt; k++) {
            char *expect = json_dumps(j, fmt[k].flags | JSON_ENCODE_ANY);
            assert_non_null(expect);
            size_t len;
            char *got = written(j, fmt[k].indent, fmt[k].precision, &len);
            if (strcmp(got, expect)) fail_msg("format %zu, document %d:\n jansson: %s\n writer:  %s", k, doc, expect, got);
            assert_int_equal(len, strlen(expect));
            free(got);
            free(expect);
            compared++;
        }
        json_decref(j);
    }
    assert_int_equal(compared, 3000 * 7);
}

/* Indentation longer than the writer's prepared run of spaces (64): every depth up to 40 at
 * jansson's widest indent, 31 spaces a level (1,240 spaces at the deepest), members in objects and
 * arrays, the same bytes as jansson. */
static void deep_indentation_as_jansson(void **state)
{
    (void)state;
    json_t *root = json_object(), *at = root;
    for (int d = 0; d < 40; d++) {
        json_t *inner = d % 2 ? json_object() : json_array();
        json_object_set_new(at, "n", json_integer(-d));
        if (json_is_array(inner)) {
            json_array_append_new(inner, json_real(0.5 * d));
            json_t *next = json_object();
            json_array_append_new(inner, next);
            json_object_set_new(at, "deeper", inner);
            at = next;
        } else {
            json_object_set_new(at, "deeper", inner);
            at = inner;
        }
    }
    for (int indent = 1; indent <= 31; indent += 15) {
        char *expect = json_dumps(root, JSON_INDENT(indent) | JSON_REAL_PRECISION(17));
        size_t len;
        char *got = written(root, indent, 17, &len);
        assert_string_equal(got, expect);
        assert_int_equal(len, strlen(expect));
        free(got);
        free(expect);
    }
    json_decref(root);
}

/* Keys of every length to past the writer's one-fwrite buffer (256 bytes with the indentation),
 * plain or with a byte to escape, at every indentation parley uses: the same bytes as jansson. */
static void keys_of_every_length_as_jansson(void **state)
{
    (void)state;
    char key[400];
    json_t *root = json_object(), *inner = json_object();
    for (int len = 0; len < 300; len += 7) {
        for (int i = 0; i < len; i++) key[i] = (char)('a' + i % 26);
        key[len] = '\0';
        json_object_set_new(root, key, json_integer(len));
        json_object_set_new(inner, key, json_real(len + 0.5));
        if (len > 0) {
            key[len / 2] = len % 2 ? '"' : '\n';
            json_object_set_new(inner, key, json_integer(-len));
        }
    }
    json_object_set_new(root, "inner", inner);
    static const struct {
        int indent;
        size_t flags;
    } fmt[] = {{1, JSON_INDENT(1)}, {4, JSON_INDENT(4)}, {0, 0}, {-1, JSON_COMPACT}};
    for (size_t k = 0; k < sizeof fmt / sizeof *fmt; k++) {
        char *expect = json_dumps(root, fmt[k].flags | JSON_REAL_PRECISION(17));
        size_t len;
        char *got = written(root, fmt[k].indent, 17, &len);
        assert_string_equal(got, expect);
        assert_int_equal(len, strlen(expect));
        free(got);
        free(expect);
    }
    json_decref(root);
}

/* pl_jw_key_int and pl_jw_key_num write a member as one call when they can: the same bytes and
 * the same misuse codes as pl_jw_key then pl_jw_int or pl_jw_num, for plain keys, keys to escape
 * and keys too long for the one call, at every indentation and depth, reals of every precision,
 * NaN (null), and keys where no key may go. */
static void key_then_value(pl_jw *w, int together, const char *key, int is_int, long long i, double x)
{
    if (together) {
        if (is_int) pl_jw_key_int(w, key, i);
        else pl_jw_key_num(w, key, x);
    } else {
        pl_jw_key(w, key);
        if (is_int) pl_jw_int(w, i);
        else pl_jw_num(w, x);
    }
}

static char *members_text(int together, int indent, int precision, int misuse, int *status)
{
    char *buf = NULL, longkey[300];
    size_t len;
    memset(longkey, 'k', sizeof longkey - 1);
    longkey[sizeof longkey - 1] = '\0';
    const char *keys[] = {"a", "mean_score", "", "with \"quotes\"", "caf\xC3\xA9", "tab\there", longkey};
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    pl_jw w;
    pl_jw_init(&w, f, indent, precision);
    if (misuse == 1) key_then_value(&w, together, "root", 1, 1, 0); /* a key at the root */
    pl_jw_object(&w);
    for (int d = 0; d < 3; d++) {
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            key_then_value(&w, together, keys[k], 1, (long long)k * 1000003 - 7, 0);
            key_then_value(&w, together, keys[k], 0, 0, (double)k / 7.0 + d);
            key_then_value(&w, together, keys[k], 0, 0, k == 2 ? NAN : 1e20 * (double)k);
        }
        pl_jw_key(&w, "in");
        if (misuse == 2) key_then_value(&w, together, "after a key", 0, 0, 0.5);
        pl_jw_array(&w);
        if (misuse == 3) key_then_value(&w, together, "in an array", 1, 3, 0);
        pl_jw_object(&w);
    }
    for (int d = 0; d < 3; d++) {
        pl_jw_end(&w);
        pl_jw_end(&w);
    }
    pl_jw_end(&w);
    *status = pl_jw_finish(&w);
    fclose(f);
    return buf;
}

static void members_in_one_call_as_in_two(void **state)
{
    (void)state;
    int indents[] = {1, 4, 0, -1}, precisions[] = {PL_JW_SHORTEST, 17, 10};
    for (size_t i = 0; i < sizeof indents / sizeof *indents; i++)
        for (size_t p = 0; p < sizeof precisions / sizeof *precisions; p++)
            for (int misuse = 0; misuse < 4; misuse++) {
                int s1, s2;
                char *one = members_text(1, indents[i], precisions[p], misuse, &s1);
                char *two = members_text(0, indents[i], precisions[p], misuse, &s2);
                assert_string_equal(one, two);
                assert_int_equal(s1, s2);
                assert_int_equal(s1 == PL_JW_OK, misuse == 0);
                free(one);
                free(two);
            }
}

static char *stream_text(void (*build)(pl_jw *), int indent, int precision, int *status)
{
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    pl_jw w;
    pl_jw_init(&w, f, indent, precision);
    build(&w);
    *status = pl_jw_finish(&w);
    fclose(f);
    return buf;
}

static void numbers_doc(pl_jw *w)
{
    pl_jw_array(w);
    pl_jw_num(w, 3);
    pl_jw_num(w, -0.0);
    pl_jw_num(w, 1e20);
    pl_jw_num(w, 1e-5);
    pl_jw_num(w, 1e-300);
    pl_jw_num(w, 0.1);
    pl_jw_num(w, NAN);
    pl_jw_num(w, INFINITY);
    pl_jw_num(w, -INFINITY);
    pl_jw_u64(w, UINT64_C(9007199254740992));
    pl_jw_u64(w, UINT64_C(9007199254740993));
    pl_jw_u64(w, UINT64_MAX);
    pl_jw_int(w, LLONG_MIN);
    pl_jw_end(w);
}

static void numbers_at_their_edges(void **state)
{
    (void)state;
    int st;
    char *s = stream_text(numbers_doc, -1, 12, &st);
    assert_int_equal(st, PL_JW_OK);
    /* whole numbers keep ".0", exponents lose "+" and leading zeros, NaN and infinities are null
     * (JSON has none), seeds above 2^53 are strings */
    assert_string_equal(s, "[3.0,-0.0,1e20,1e-5,1e-300,0.1,null,null,null,9007199254740992,\"9007199254740993\","
                           "\"18446744073709551615\",-9223372036854775808]");
    free(s);
}

static void matrix_doc(pl_jw *w)
{
    static const double m[6] = {1, 0.5, 2, 3, NAN, 0.25};
    pl_jw_object(w);
    pl_jw_key_matrix(w, "m", m, 2, 3);
    pl_jw_key_matrix(w, "empty", m, 0, 3);
    pl_jw_end(w);
}

/* a matrix stored row after row comes out as an array of its rows */
static void matrix_as_rows(void **state)
{
    (void)state;
    int st;
    char *s = stream_text(matrix_doc, -1, 12, &st);
    assert_int_equal(st, PL_JW_OK);
    assert_string_equal(s, "{\"m\":[[1.0,0.5,2.0],[3.0,null,0.25]],\"empty\":[]}");
    free(s);
}

static void strings_doc(pl_jw *w)
{
    pl_jw_object(w);
    pl_jw_key_str(w, "bad", "a\xff" "b\xc0\xafz\xed\xa0\x80!"); /* a stray byte, an overlong '/', a surrogate */
    pl_jw_key(w, "nul");
    pl_jw_strn(w, "x\0y", 3);
    pl_jw_key_str(w, "ctl", "\x1b[2J\x7f");
    pl_jw_key_str(w, "cut", "\xe2\x80"); /* a sequence cut short at the end */
    pl_jw_key(w, "none");
    pl_jw_str(w, NULL);
    pl_jw_key(w, "empty");
    pl_jw_object(w);
    pl_jw_end(w);
    pl_jw_key(w, "list");
    pl_jw_array(w);
    pl_jw_end(w);
    pl_jw_end(w);
}

static void strings_never_fail(void **state)
{
    (void)state;
    int st;
    char *s = stream_text(strings_doc, 1, 12, &st);
    assert_int_equal(st, PL_JW_OK);
    /* what jansson would refuse (json_string of bytes that are not UTF-8: the key was once lost)
     * is written with U+FFFD for each bad byte; a NUL and an escape byte are escaped */
    assert_string_equal(s, "{\n \"bad\": \"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd!\",\n"
                           " \"nul\": \"x\\u0000y\",\n \"ctl\": \"\\u001B[2J\x7f\",\n"
                           " \"cut\": \"\xef\xbf\xbd\xef\xbf\xbd\",\n \"none\": null,\n \"empty\": {},\n \"list\": []\n}");
    free(s);
}

static void value_without_key(pl_jw *w)
{
    pl_jw_object(w);
    pl_jw_num(w, 1);
    pl_jw_end(w);
}
static void key_in_array(pl_jw *w)
{
    pl_jw_array(w);
    pl_jw_key(w, "k");
    pl_jw_end(w);
}
static void key_without_value(pl_jw *w)
{
    pl_jw_object(w);
    pl_jw_key(w, "a");
    pl_jw_key(w, "b");
}
static void end_too_many(pl_jw *w)
{
    pl_jw_array(w);
    pl_jw_end(w);
    pl_jw_end(w);
}
static void left_open(pl_jw *w) { pl_jw_array(w); }
static void nothing(pl_jw *w) { (void)w; }
static void two_roots(pl_jw *w)
{
    pl_jw_int(w, 1);
    pl_jw_int(w, 2);
}
static void too_deep(pl_jw *w)
{
    for (int d = 0; d <= PL_JW_MAX_DEPTH; d++) pl_jw_array(w);
    for (int d = 0; d <= PL_JW_MAX_DEPTH; d++) pl_jw_end(w);
}
static void deepest_allowed(pl_jw *w)
{
    for (int d = 0; d < PL_JW_MAX_DEPTH; d++) pl_jw_array(w);
    for (int d = 0; d < PL_JW_MAX_DEPTH; d++) pl_jw_end(w);
}

static void misuse_is_reported(void **state)
{
    (void)state;
    static const struct {
        void (*build)(pl_jw *);
        int status;
    } cases[] = {{value_without_key, PL_JW_NO_KEY},      {key_in_array, PL_JW_KEY_OUTSIDE_OBJECT},
                 {key_without_value, PL_JW_KEY_WITHOUT_VALUE}, {end_too_many, PL_JW_UNBALANCED},
                 {left_open, PL_JW_UNBALANCED},          {nothing, PL_JW_UNBALANCED},
                 {two_roots, PL_JW_TWO_ROOTS},           {too_deep, PL_JW_TOO_DEEP},
                 {deepest_allowed, PL_JW_OK}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        int st;
        free(stream_text(cases[k].build, 1, 12, &st));
        assert_int_equal(st, cases[k].status);
        assert_non_null(pl_jw_strerror(st));
    }
    assert_string_equal(pl_jw_strerror(PL_JW_TOO_DEEP), "nested deeper than the writer allows");
}

static void deep_trees_are_refused_without_recursion(void **state)
{
    (void)state;
    /* a tree 100,000 deep: the walk keeps its own stack, so it stops at the limit with a status */
    json_t *root = json_array(), *at = root;
    for (int d = 0; d < 100000; d++) {
        json_t *inner = json_array();
        json_array_append_new(at, inner);
        at = inner;
    }
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    pl_jw w;
    pl_jw_init(&w, f, 1, 12);
    pl_jw_tree(&w, root);
    assert_int_equal(pl_jw_finish(&w), PL_JW_TOO_DEEP);
    fclose(f);
    free(buf);
    /* jansson itself frees it by recursion: keep that shallow by cutting the chain first */
    while (json_array_size(root)) {
        json_t *inner = json_incref(json_array_get(root, 0));
        json_decref(root);
        root = inner;
    }
    json_decref(root);
}

static void write_errors_are_seen(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f) skip();
    setvbuf(f, NULL, _IONBF, 0);
    pl_jw w;
    pl_jw_init(&w, f, 1, 12);
    pl_jw_array(&w);
    pl_jw_num(&w, 1);
    pl_jw_end(&w);
    assert_int_equal(pl_jw_finish(&w), -1);
    fclose(f);
}

/* Every allocation of the library refused, a 1,000 x 1,000 matrix still streams out whole:
 * the writer itself takes no memory, whatever the document's size. */
static void no_allocation_while_writing(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/null", "w");
    assert_non_null(f);
    pl_alloc_fail_at(1);
    pl_jw w;
    pl_jw_init(&w, f, 1, 12);
    pl_jw_object(&w);
    pl_jw_key(&w, "payoff_matrix");
    pl_jw_array(&w);
    for (int i = 0; i < 1000; i++) {
        pl_jw_array(&w);
        for (int j = 0; j < 1000; j++) pl_jw_num(&w, (i * 1000 + j) / 7.0);
        pl_jw_end(&w);
    }
    pl_jw_end(&w);
    pl_jw_end(&w);
    long asked = pl_alloc_count();
    pl_alloc_fail_at(0);
    assert_int_equal(pl_jw_finish(&w), PL_JW_OK);
    assert_int_equal(asked, 0);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_as_jansson),
        cmocka_unit_test(matrix_as_rows),
        cmocka_unit_test(deep_indentation_as_jansson),
        cmocka_unit_test(keys_of_every_length_as_jansson),
        cmocka_unit_test(members_in_one_call_as_in_two),
        cmocka_unit_test(numbers_at_their_edges),
        cmocka_unit_test(strings_never_fail),
        cmocka_unit_test(misuse_is_reported),
        cmocka_unit_test(deep_trees_are_refused_without_recursion),
        cmocka_unit_test(write_errors_are_seen),
        cmocka_unit_test(no_allocation_while_writing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
