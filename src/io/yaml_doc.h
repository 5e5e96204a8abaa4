// SPDX-License-Identifier: MIT
/* yaml_doc.h — a YAML file as a tree whose every node knows its line and column.
 *
 * Scenario loaders read their schema from this tree and report each problem as
 * "file:line:col: what was expected".  libyaml does the parsing; this layer
 * adds the positions, duplicate-key detection and typed getters so that no
 * loader ever has to format a position by hand. Anchors and aliases are
 * refused with a clear message (scenarios are small; explicit is better). */
#ifndef PL_YAML_DOC_H
#define PL_YAML_DOC_H

#include <stddef.h>
#include <stdint.h>
#include "parley/error.h"

/* The largest file pl_ydoc_load reads (a scenario is a few kB; this guards against mistakes), and
 * the size it starts reading with. */
#define PL_YAML_MAX_BYTES (64 << 20)
#define PL_YAML_READ_CHUNK (1 << 16)
/* How deeply lists and maps may nest: the tree is built (and freed) by recursion. */
#define PL_YAML_MAX_DEPTH 64

typedef enum pl_ykind { PL_Y_SCALAR, PL_Y_MAP, PL_Y_SEQ } pl_ykind;

typedef struct pl_ynode pl_ynode;
struct pl_ynode {
    pl_ykind kind;
    int line, col;      /* 1-based position of the node's first character */
    char *value;        /* scalar text (PL_Y_SCALAR) */
    int quoted;         /* the scalar was quoted: never null/bool/number by accident */
    size_t n;           /* entries of a map or items of a sequence */
    pl_ynode **items;   /* values (map) or items (seq) */
    pl_ynode **keys;    /* map keys (scalars, with their own positions) */
    char *origin;       /* NULL, or for a node no line of the file holds (made by `--set` or a sensitivity
                         * range: scenario/overrides.h), what made it: pl_yerr writes it in place of
                         * "path:line:col" */
    char *origin_note;  /* NULL, or what pl_yerr writes after the message of such a node */
    pl_input origin_input; /* the input such an error is about (parley/error.h) */
};

typedef struct pl_ydefaults pl_ydefaults;
typedef struct pl_ydoc {
    char *path;
    pl_ynode *root;     /* NULL for an empty document */
    pl_ydefaults *defaults; /* NULL, or the defaults the getters used (pl_ydoc_record_defaults) */
} pl_ydoc;

/* Loads a file; on a syntax error returns PL_EINVAL with "path:line:col: ...". */
int pl_ydoc_load(pl_ydoc **out, const char *path, pl_error *err);
/* Loads from memory (tests, stdin); `name` stands for the path in messages. */
int pl_ydoc_load_string(pl_ydoc **out, const char *name, const char *text, size_t len, pl_error *err);
void pl_ydoc_free(pl_ydoc *d);
/* A deep copy of a document's tree, path and positions (not its recorded defaults), so that a
 * loaded document can be changed and evaluated many times without reading its file again. */
int pl_ydoc_copy(pl_ydoc **out, const pl_ydoc *src, pl_error *err);

/* The defaults a loader used, so that the inputs a results file records hold every number the run
 * used, written or not.  Once recording, each typed getter below that finds an optional key missing
 * notes the key and the value it leaves in *out (a number within its range, a text, a boolean);
 * pl_ydoc_fill_defaults then writes each noted default into its map (a key still missing gets an
 * unquoted scalar), so the tree reads as the loader saw it.  A loader notes a default the getters
 * cannot see (a whole block left out) with pl_ydoc_note_default, whose key may be a dotted path
 * of maps made where missing ("observation.noise").  PL_ENOMEM, or PL_OK. */
int pl_ydoc_record_defaults(pl_ydoc *d);
void pl_ydoc_note_default(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text);
int pl_ydoc_fill_defaults(pl_ydoc *d, pl_error *err);
/* While recording, a loader also says which keys accept, besides one number, a map by party
 * ({default: x, PARTY: y}): pl_ydoc_note_by_party with the party ids (written or not).  Before
 * pl_ydoc_fill_defaults, pl_ydoc_by_party gives how many keys such a map may have and, in *keys,
 * the keys ("default", then the ids; NULL and 0 for a key not noted), and pl_ydoc_default_of the
 * default noted for map[key] (NULL for none), so that `--set` can reach a value the file leaves
 * out (scenario/overrides.h). */
void pl_ydoc_note_by_party(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *const *ids, size_t n);
size_t pl_ydoc_by_party(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *const **keys);
const char *pl_ydoc_default_of(const pl_ydoc *d, const pl_ynode *map, const char *key);
/* A default a loader applies where no typed getter sees it (a key read by hand), that `--set` may reach
 * like the others (pl_ydoc_fill_reachable writes it, with them) but that the inputs do not gain
 * (pl_ydoc_fill_defaults leaves it out: the file reads the same without it). */
void pl_ydoc_note_reachable(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *text);
int pl_ydoc_fill_reachable(pl_ydoc *d, pl_error *err);
/* A key that, where the file leaves it out, --set cannot make, and why (a text for the message:
 * "a step without one is never late"); pl_ydoc_fixed_why gives it back (NULL: none noted). */
void pl_ydoc_note_fixed(const pl_ydoc *d, const pl_ynode *map, const char *key, const char *why);
const char *pl_ydoc_fixed_why(const pl_ydoc *d, const pl_ynode *map, const char *key);

/* Marks a node as made, not read (see origin above), so that an error at it reads "ORIGIN: <message>"
 * or "ORIGIN: <message> NOTE", about the input given.  Copies (pl_ydoc_copy) keep it.  PL_ENOMEM, or PL_OK. */
int pl_ynode_set_origin(pl_ynode *node, const char *origin, const char *note, pl_input input);

/* Sets err to "path:line:col: <message>" for a node (its origin for a made node) and returns PL_EINVAL. */
int pl_yerr(const pl_ydoc *d, const pl_ynode *at, pl_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with the status of an inner error kept (PL_ENOMEM stays PL_ENOMEM; 0 is PL_EINVAL). */
int pl_yerr_code(const pl_ydoc *d, const pl_ynode *at, pl_error *err, pl_status code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The node at a place of the document (line and column, as a node's), or NULL: so that a model which
 * kept only where an entry was can report an error there through pl_yerr, which names what made a node
 * no line of the file holds (line 0: its origin).  The first in document order, a key before its value,
 * unless a later one at the place has an origin: then that one. */
const pl_ynode *pl_ydoc_at(const pl_ydoc *d, int line, int col);

/* The value under key in a map, or NULL (also NULL when map is not a map). */
const pl_ynode *pl_ymap_get(const pl_ynode *map, const char *key);
/* The key node of an entry (for positions of "unknown key" errors). */
const pl_ynode *pl_ymap_key(const pl_ynode *map, const char *key);
/* Adds key to a map (which lacks it), with an unquoted scalar `text`, or an empty map for NULL; the
 * nodes get the position given.  The new value, or NULL (not a map, out of memory). */
pl_ynode *pl_ymap_add(pl_ynode *map, const char *key, const char *text, int line, int col);
/* Fails on the first key not in `allowed` (NULL-terminated), suggesting the closest allowed one. */
int pl_ymap_check_keys(const pl_ydoc *d, const pl_ynode *map, const char *const *allowed, pl_error *err);
/* Of n names, the closest to a mistyped word (at most 3 edits away, the first on a tie), or NULL. */
const char *pl_yclosest(const char *word, const char *const *names, size_t n);
/* Fails unless node is of the kind; `what` names it in the message ("'parties'"). */
int pl_yexpect(const pl_ydoc *d, const pl_ynode *node, pl_ykind kind, const char *what, pl_error *err);

/* Typed reads of map[key].  A missing key is an error when required, else leaves *out unchanged
 * and returns 0.  Numbers must lie in [lo, hi]; the message names the key and the range. */
int pl_yget_str(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, const char **out, pl_error *err);
int pl_yget_num(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, double lo, double hi,
                double *out, pl_error *err);
int pl_yget_int(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, long lo, long hi, long *out,
                pl_error *err);
/* A whole number over the full 64-bit range (a seed), plain or quoted ("18446744073709551615" is
 * how a results.json writes a seed above 2^53, which a JSON number cannot hold exactly). */
int pl_yget_u64(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, uint64_t *out, pl_error *err);
int pl_yget_bool(const pl_ydoc *d, const pl_ynode *map, const char *key, int required, int *out, pl_error *err);
/* map[key] as a node of the given kind (a list or map to walk); *out is NULL when an optional key is missing. */
int pl_yget_node(const pl_ydoc *d, const pl_ynode *map, const char *key, pl_ykind kind, int required,
                 const pl_ynode **out, pl_error *err);

/* Scalar conversions of a node itself (for sequence items). */
int pl_ynode_num(const pl_ydoc *d, const pl_ynode *n, const char *what, double lo, double hi, double *out, pl_error *err);
int pl_ynode_int(const pl_ydoc *d, const pl_ynode *n, const char *what, long lo, long hi, long *out, pl_error *err);
int pl_ynode_str(const pl_ydoc *d, const pl_ynode *n, const char *what, const char **out, pl_error *err);
int pl_ynode_u64(const pl_ydoc *d, const pl_ynode *n, const char *what, uint64_t *out, pl_error *err);

#endif
