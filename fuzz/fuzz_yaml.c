/*
 * Fuzz target for the YAML reader: parse the input into a fresh arena;
 * on failure the error must be one of the documented codes with a
 * message; on success walk every document without following aliases,
 * check the tree's invariants (positions, depth, weights, node count,
 * alias targets) and exercise every accessor on every node.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"
#include "ward/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const keys[] = {
    "name", "image", "privileged", "<<", "a", ""};

static void
check(bool ok)
{
	if (!ok)
		abort();
}

static uint32_t
sat_add(uint32_t a, uint32_t b)
{
	uint32_t r;

	return __builtin_add_overflow(a, b, &r) ? UINT32_MAX : r;
}

static void
touch_scalar(const struct yaml_node *n)
{
	struct str s;
	int64_t v;
	bool b;

	check(yaml_scalar(n, &s));
	check(yaml_scalar_eq(n, "true") == str_eq_cstr(s, "true"));
	(void)yaml_bool(n, &b); /* the result varies; it must not crash */
	(void)yaml_int(n, &v);
	(void)yaml_is_null(n);
}

static void
touch_map(const struct yaml_node *n)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct yaml_pair *p = yaml_map_pair(n, keys[i]);
		const struct yaml_node *v = yaml_map_get(n, keys[i]);

		check(p == NULL ? v == NULL : v == yaml_resolve(p->value));
	}
}

/* Returns the weight the node should have; counts nodes in *count. */
static uint32_t
walk(const struct yaml_node *n, int depth, size_t *count)
{
	uint32_t w = 1;

	check(n != NULL && n->line >= 1 && n->col >= 1);
	check(depth <= YAML_DEPTH_MAX);
	(*count)++;
	switch (n->type) {
	case YAML_SCALAR:
		touch_scalar(n);
		break;
	case YAML_ALIAS:
		check(n->target != NULL && n->target->type != YAML_ALIAS);
		check(n->weight == n->target->weight && n->anchor == NULL);
		return n->weight;
	case YAML_SEQ:
		check(depth < YAML_DEPTH_MAX);
		for (size_t i = 0; i < yaml_seq_len(n); i++) {
			w = sat_add(w, walk(n->items[i], depth + 1, count));
			check(yaml_seq_at(n, i) == yaml_resolve(n->items[i]));
		}
		break;
	case YAML_MAP:
		check(depth < YAML_DEPTH_MAX);
		touch_map(n);
		for (size_t i = 0; i < n->len; i++) {
			w = sat_add(w, walk(n->pairs[i].key, depth + 1, count));
			w = sat_add(
			    w, walk(n->pairs[i].value, depth + 1, count));
		}
		break;
	default:
		abort();
	}
	check(n->weight == w);
	return w;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct yaml_stream s = {0};
	struct ward_err err = {0};
	size_t count = 0, empty = 0;
	int r;

	r = yaml_parse(a, str_make((const char *)data, size), &s, &err);
	if (r < 0) {
		check(r == -err.code && err.msg[0] != '\0');
		check(r == -EBADMSG || r == -EFBIG || r == -ELOOP);
	} else {
		check(r == 0 && err.code == 0 && s.ndocs <= YAML_DOCS_MAX);
		for (size_t i = 0; i < s.ndocs; i++) {
			check(s.docs[i].line >= 1);
			if (s.docs[i].root == NULL)
				empty++;
			else
				(void)walk(s.docs[i].root, 0, &count);
		}
		/* An empty document still produced its empty scalar. */
		check(count + empty == s.nodes && s.nodes <= YAML_NODES_MAX);
	}
	arena_free(a);
	return 0;
}
