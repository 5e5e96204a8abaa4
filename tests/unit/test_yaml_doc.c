// SPDX-License-Identifier: MIT
/* test_yaml_doc.c — positions, typed getters and refusals of the YAML layer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_doc.h"
#include "io/yaml_path.h"

static pl_ydoc *load(const char *text, pl_error *err)
{
    pl_ydoc *d = NULL;
    pl_ydoc_load_string(&d, "t.yaml", text, strlen(text), err);
    return d;
}

static void positions_and_typed_values(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load("kind: agreement\nruns: 500\nname: \"x\"\nparties:\n  - id: US\n    p: 0.5\nflag: yes\n", &err);
    assert_non_null(d);
    const pl_ynode *parties = pl_ymap_get(d->root, "parties");
    assert_non_null(parties);
    assert_int_equal(parties->kind, PL_Y_SEQ);
    assert_int_equal(parties->items[0]->line, 5);
    assert_int_equal(parties->items[0]->col, 5);
    long runs;
    assert_int_equal(pl_yget_int(d, d->root, "runs", 1, 1, 1000, &runs, &err), 0);
    assert_int_equal(runs, 500);
    assert_int_not_equal(pl_yget_int(d, d->root, "runs", 1, 1, 100, &runs, &err), 0);
    assert_non_null(strstr(err.msg, "t.yaml:2:7:"));
    double p;
    assert_int_equal(pl_yget_num(d, parties->items[0], "p", 1, 0, 1, &p, &err), 0);
    assert_true(p == 0.5);
    assert_int_not_equal(pl_yget_num(d, d->root, "name", 1, 0, 1, &p, &err), 0); /* quoted: not a number */
    assert_non_null(strstr(err.msg, "t.yaml:3:7:"));
    assert_int_not_equal(pl_yget_num(d, d->root, "missing", 1, 0, 1, &p, &err), 0);
    assert_non_null(strstr(err.msg, "missing required key 'missing'"));
    int flag = 0;
    assert_int_equal(pl_yget_bool(d, d->root, "flag", 1, &flag, &err), 0);
    assert_int_equal(flag, 1);
    static const char *const allowed[] = {"kind", "runs", "name", "parties", "flags", NULL};
    assert_int_not_equal(pl_ymap_check_keys(d, d->root, allowed, &err), 0);
    assert_non_null(strstr(err.msg, "t.yaml:7:1: unknown key 'flag' (did you mean 'flags'?)"));
    pl_ydoc_free(d);
}

static void refusals(void **state)
{
    (void)state;
    pl_error err;
    assert_null(load("a: 1\na: 2\n", &err));
    assert_non_null(strstr(err.msg, "t.yaml:2:1: duplicate key 'a'"));
    assert_null(load("a: &x 1\nb: *x\n", &err));
    assert_non_null(strstr(err.msg, "alias"));
    assert_null(load("a: [1, 2\n", &err));
    assert_non_null(strstr(err.msg, "YAML syntax error"));
    assert_null(load("a: 1\n---\nb: 2\n", &err));
    pl_ydoc *d = load("", &err);
    assert_non_null(d);
    assert_null(d->root);
    pl_ydoc_free(d);
}

/* A document nested ~35,000 levels deep (an 80 KB file) once overflowed the
 * stack of the recursive tree builder; now it is refused at the level where it
 * crosses the limit, in block and in flow style alike. */
static void deep_nesting_refused_with_position(void **state)
{
    (void)state;
    enum { DEPTH = 35000 };
    char *text = malloc(4 * DEPTH + 8);
    assert_non_null(text);
    size_t n = 0;
    for (int i = 0; i < DEPTH; i++) text[n++] = '-', text[n++] = ' ';
    text[n++] = 'x';
    text[n] = '\0';
    pl_error err;
    assert_null(load(text, &err));
    assert_non_null(strstr(err.msg, "t.yaml:1:"));
    assert_non_null(strstr(err.msg, "nested deeper than"));
    n = 0;
    for (int i = 0; i < DEPTH; i++) text[n++] = '[';
    for (int i = 0; i < DEPTH; i++) text[n++] = ']';
    text[n] = '\0';
    assert_null(load(text, &err));
    assert_non_null(strstr(err.msg, "nested deeper than"));
    /* maps in flow style, {a: {a: ...}} */
    n = 0;
    for (int i = 0; i < DEPTH / 4; i++) memcpy(text + n, "{a: ", 4), n += 4;
    text[n++] = '1';
    for (int i = 0; i < DEPTH / 4; i++) text[n++] = '}';
    text[n] = '\0';
    assert_null(load(text, &err));
    assert_non_null(strstr(err.msg, "nested deeper than"));
    free(text);
    /* a document at the limit still loads */
    char ok[2 * PL_YAML_MAX_DEPTH + 2];
    n = 0;
    for (int i = 0; i < PL_YAML_MAX_DEPTH; i++) ok[n++] = '[';
    for (int i = 0; i < PL_YAML_MAX_DEPTH; i++) ok[n++] = ']';
    ok[n] = '\0';
    pl_ydoc *d = load(ok, &err);
    assert_non_null(d);
    pl_ydoc_free(d);
}

/* The defaults a loader used join the tree (the inputs results.json records): an optional key
 * missing gets the value the getter left, numbers as numbers and texts quoted; a sentinel outside
 * the key's range, a value written, and a document not recording are left alone. */
static void defaults_used_join_the_tree(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load("a: {x: 2}\nb: {}\n", &err);
    assert_non_null(d);
    const pl_ynode *a = pl_ymap_get(d->root, "a"), *b = pl_ymap_get(d->root, "b");
    double x = 9, y = 0.25, z = -1;
    long k = 3;
    const char *t = "12", *none = NULL;
    int on = 1;
    assert_int_equal(pl_yget_num(d, a, "y", 0, 0, 1, &y, &err), PL_OK); /* not recording yet: nothing noted */
    assert_int_equal(pl_ydoc_record_defaults(d), PL_OK);
    assert_int_equal(pl_yget_num(d, a, "x", 0, 0, 10, &x, &err), PL_OK);  /* written: stays as written */
    assert_int_equal(pl_yget_num(d, a, "z", 0, 0, 1, &z, &err), PL_OK);   /* -1 is a sentinel outside [0, 1] */
    assert_int_equal(pl_yget_int(d, b, "k", 0, 1, 5, &k, &err), PL_OK);
    assert_int_equal(pl_yget_str(d, b, "t", 0, &t, &err), PL_OK);
    assert_int_equal(pl_yget_str(d, b, "u", 0, &none, &err), PL_OK);
    assert_int_equal(pl_yget_bool(d, b, "on", 0, &on, &err), PL_OK);
    pl_ydoc_note_default(d, d->root, "c.d.e", "0.5"); /* a block left out: made */
    pl_ydoc_note_default(d, d->root, "a.w", "7");       /* into a map that is there */
    k = 4; /* read again with another default: the first value noted stands */
    assert_int_equal(pl_yget_int(d, b, "k", 0, 1, 5, &k, &err), PL_OK);
    assert_int_equal(pl_ydoc_fill_defaults(d, &err), PL_OK);
    assert_int_equal(a->n, 2);
    assert_string_equal(pl_ymap_get(a, "w")->value, "7");
    assert_string_equal(pl_ymap_get(pl_ymap_get(pl_ymap_get(d->root, "c"), "d"), "e")->value, "0.5");
    assert_null(pl_ymap_get(a, "y"));
    assert_null(pl_ymap_get(a, "z"));
    assert_int_equal(b->n, 3);
    assert_string_equal(pl_ymap_get(b, "k")->value, "3");
    assert_false(pl_ymap_get(b, "k")->quoted);
    assert_string_equal(pl_ymap_get(b, "t")->value, "12");
    assert_true(pl_ymap_get(b, "t")->quoted);
    assert_string_equal(pl_ymap_get(b, "on")->value, "true");
    assert_null(d->defaults);
    pl_ydoc_free(d);
}

/* A copy holds the same tree with its positions, and changing it leaves the original as it was. */
static void copy_is_deep(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load("kind: agreement\nparties:\n  - id: US\n    p: \"0.5\"\nlist: [1, 2]\n", &err);
    assert_non_null(d);
    pl_ydoc *c = NULL;
    assert_int_equal(pl_ydoc_copy(&c, d, &err), PL_OK);
    assert_non_null(c);
    assert_string_equal(c->path, "t.yaml");
    const pl_ynode *pd = pl_ymap_get(d->root, "parties")->items[0], *pc = pl_ymap_get(c->root, "parties")->items[0];
    assert_ptr_not_equal(pd, pc);
    const pl_ynode *vd = pl_ymap_get(pd, "p"), *vc = pl_ymap_get(pc, "p");
    assert_string_equal(vc->value, "0.5");
    assert_int_equal(vc->line, 4), assert_int_equal(vc->col, 8), assert_int_equal(vc->quoted, 1);
    assert_int_equal(pl_ymap_key(pc, "p")->line, 4);
    assert_int_equal(pl_ymap_get(c->root, "list")->n, 2);
    assert_int_equal(pl_ymap_get(c->root, "list")->kind, PL_Y_SEQ);
    assert_int_equal(pl_ynode_set_text((pl_ynode *)vc, "0.25", &err), PL_OK);
    assert_string_equal(vd->value, "0.5");
    pl_ydoc_free(d); /* the copy outlives its original */
    assert_string_equal(pl_ymap_get(pl_ymap_get(c->root, "parties")->items[0], "id")->value, "US");
    pl_ydoc_free(c);
    pl_ydoc *e = NULL;
    pl_ydoc_load_string(&e, "empty.yaml", "", 0, &err);
    if (e) { /* an empty document, if the layer accepts one, copies as empty */
        pl_ydoc *ce = NULL;
        assert_int_equal(pl_ydoc_copy(&ce, e, &err), PL_OK);
        assert_null(ce->root);
        pl_ydoc_free(ce), pl_ydoc_free(e);
    }
}

/* A node made by an override has no place in the file: an error at it names its origin (and its
 * note after the message), in a copy too; a node of the file keeps its file:line:col. */
static void a_made_node_is_blamed_on_its_origin(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load("behaviour:\n  horizon: 40\n", &err);
    assert_non_null(d);
    pl_ynode *b = (pl_ynode *)pl_ymap_get(d->root, "behaviour");
    pl_ynode *v = pl_ymap_add(b, "patience", "-5", 0, 3);
    assert_non_null(v);
    assert_int_equal(pl_ynode_set_origin(v, "--set behaviour.patience", "(a key the file leaves to its default)", PL_INPUT_SET), PL_OK);
    long x = 0;
    assert_int_equal(pl_yget_int(d, b, "patience", 1, 0, 10, &x, &err), PL_EINVAL);
    assert_string_equal(err.msg, "--set behaviour.patience: 'patience' must be between 0 and 10, found -5 "
                                 "(a key the file leaves to its default)");
    assert_int_equal(err.input, PL_INPUT_SET); /* what a binding names as the argument at fault */
    assert_int_equal(pl_yget_int(d, b, "horizon", 1, 0, 10, &x, &err), PL_EINVAL);
    assert_string_equal(err.msg, "t.yaml:2:12: 'horizon' must be between 0 and 10, found 40");
    assert_int_equal(err.input, PL_INPUT_UNSAID);
    pl_ydoc *c = NULL;
    assert_int_equal(pl_ydoc_copy(&c, d, &err), PL_OK);
    pl_ydoc_free(d);
    pl_ynode *cv = (pl_ynode *)pl_ymap_get(pl_ymap_get(c->root, "behaviour"), "patience");
    assert_int_equal(pl_ynode_set_origin(cv, "range behaviour.patience (a value the file leaves to its default)", NULL, PL_INPUT_RANGE), PL_OK);
    assert_int_equal(pl_yerr(c, cv, &err, "refused"), PL_EINVAL);
    assert_string_equal(err.msg, "range behaviour.patience (a value the file leaves to its default): refused");
    pl_ydoc *c2 = NULL;
    assert_int_equal(pl_ydoc_copy(&c2, c, &err), PL_OK);
    pl_ydoc_free(c);
    assert_int_equal(pl_yerr(c2, pl_ymap_get(pl_ymap_get(c2->root, "behaviour"), "patience"), &err, "kept"), PL_EINVAL);
    assert_string_equal(err.msg, "range behaviour.patience (a value the file leaves to its default): kept");
    assert_int_equal(err.input, PL_INPUT_RANGE);
    pl_ydoc_free(c2);
}

/* The keys a map by party may have are kept as given, however many and however long (once a comma
 * string of at most 4096 characters, read back as at most 64 names). */
/* pl_ydoc_at: the node at a place a model kept, a key before its value; a node made by an
 * override (line 0) found too, so that pl_yerr names its origin there. */
static void a_kept_place_finds_its_node(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load("steps:\n  - {id: x, p: 0.5}\n", &err);
    assert_non_null(d);
    const pl_ynode *item = pl_ydoc_at(d, 2, 5);
    assert_ptr_equal(item, pl_ymap_get(d->root, "steps")->items[0]);
    const pl_ynode *key = pl_ydoc_at(d, 2, 13);
    assert_ptr_equal(key, pl_ymap_key(item, "p"));
    assert_ptr_equal(pl_ydoc_at(d, 2, 16), pl_ymap_get(item, "p"));
    assert_null(pl_ydoc_at(d, 2, 7));
    assert_null(pl_ydoc_at(d, 0, 2));
    pl_ynode *v = pl_ymap_add((pl_ynode *)item, "delay", "-1", 0, 2);
    assert_int_equal(pl_ynode_set_origin(v, "--set steps.x.delay", NULL, PL_INPUT_SET), PL_OK);
    assert_int_equal(pl_yerr(d, pl_ydoc_at(d, 0, 2), &err, "refused"), PL_EINVAL);
    assert_string_equal(err.msg, "--set steps.x.delay: refused");
    assert_int_equal(pl_yerr(d, pl_ydoc_at(d, 2, 16), &err, "refused"), PL_EINVAL);
    assert_string_equal(err.msg, "t.yaml:2:16: refused");
    pl_ydoc_free(d);
}

static void by_party_keys_are_kept_whole(void **state)
{
    (void)state;
    pl_error err;
    pl_ydoc *d = load("behaviour:\n  patience: 2\n", &err);
    assert_non_null(d);
    const pl_ynode *b = pl_ymap_get(d->root, "behaviour");
    enum { N = 100 };
    static char names[N][80];
    const char *ids[N];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "party-%03d-with-a-name-long-enough-to-pass-a-fixed-buffer-soon", i);
        ids[i] = names[i];
    }
    const char *const *keys = NULL;
    pl_ydoc_note_by_party(d, b, "patience", ids, N); /* not recording: nothing noted */
    assert_int_equal(pl_ydoc_by_party(d, b, "patience", &keys), 0);
    assert_null(keys);
    assert_int_equal(pl_ydoc_record_defaults(d), PL_OK);
    pl_ydoc_note_by_party(d, b, "patience", ids, N);
    assert_int_equal(pl_ydoc_by_party(d, b, "patience", &keys), N + 1);
    assert_string_equal(keys[0], "default");
    assert_string_equal(keys[1], names[0]);
    assert_string_equal(keys[N], names[N - 1]);
    assert_int_equal(pl_ydoc_by_party(d, b, "inertia", &keys), 0);
    assert_int_equal(pl_ydoc_fill_defaults(d, &err), PL_OK); /* a form, not a value: nothing written */
    assert_int_equal(pl_ymap_get(b, "patience")->kind, PL_Y_SCALAR);
    pl_ydoc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(positions_and_typed_values),
        cmocka_unit_test(refusals),
        cmocka_unit_test(deep_nesting_refused_with_position),
        cmocka_unit_test(defaults_used_join_the_tree),
        cmocka_unit_test(copy_is_deep),
        cmocka_unit_test(a_made_node_is_blamed_on_its_origin),
        cmocka_unit_test(by_party_keys_are_kept_whole),
        cmocka_unit_test(a_kept_place_finds_its_node),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
