#ifndef WARD_MAP_H
#define WARD_MAP_H

/*
 * A hash map from byte-string keys to pointers, open addressing with
 * linear probing. Keys are borrowed (the caller keeps them alive, usually
 * in an arena); the map owns only its table. The hash is SipHash-1-3 with
 * a per-process random key, so hostile input cannot force collisions.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct map;

struct map *map_new(void);
/* Free the table (not the keys or values). Accepts NULL. */
void map_free(struct map *m);
size_t map_len(const struct map *m);

/* The value stored under 'key', or NULL if absent. */
void *map_get(const struct map *m, struct str key);
bool map_has(const struct map *m, struct str key);
/*
 * Store 'val' under 'key' (replacing any value). Returns the previous
 * value or NULL. 'val' may not be NULL.
 */
void *map_put(struct map *m, struct str key, void *val);
/* Remove 'key'; returns its value or NULL. */
void *map_del(struct map *m, struct str key);

/*
 * Iterate: set *iter = 0 first; each call returns true with the next entry
 * until the end. The order is unspecified. Do not modify during iteration.
 */
bool map_next(const struct map *m, size_t *iter, struct str *key, void **val);

/* SipHash-1-3 of 's' under the process key (for callers building their
 * own tables). */
uint64_t map_hash(struct str s);

#endif
