#ifndef WARD_YAML_H
#define WARD_YAML_H

/*
 * YAML streams parsed with libyaml into a tree that keeps the line and
 * column of every node, so findings can point at a line of a Kubernetes
 * manifest. All nodes live in the caller's arena. Aliases are not copied:
 * an alias node points at its anchored node, and the total number of
 * nodes reachable through aliases is capped (YAML_ALIAS_EXPAND_MAX), which
 * defeats "billion laughs" documents before any expansion happens.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct arena;
struct ward_err;

enum yaml_type {
	YAML_SCALAR = 1,
	YAML_SEQ,
	YAML_MAP,
	YAML_ALIAS, /* 'target' is the anchored node */
};

/* How a scalar was written, which decides its implicit type. */
enum yaml_style {
	YAML_PLAIN = 1,
	YAML_SINGLE_QUOTED,
	YAML_DOUBLE_QUOTED,
	YAML_LITERAL,
	YAML_FOLDED,
};

struct yaml_node;

struct yaml_pair {
	struct yaml_node *key;
	struct yaml_node *value;
};

struct yaml_node {
	enum yaml_type type;
	enum yaml_style style; /* scalars only */
	uint32_t line; /* 1-based, of the node's first character */
	uint32_t col; /* 1-based, in characters */
	const char *tag; /* explicit tag, resolved ("!!str" gives
				  "tag:yaml.org,2002:str"), or NULL */
	const char *anchor; /* anchor name or NULL */
	struct str scalar; /* scalars: the value (may contain NUL; is
				  also NUL-terminated) */
	size_t len; /* SEQ: items; MAP: pairs */
	union {
		struct yaml_node **items; /* SEQ */
		struct yaml_pair *pairs; /* MAP */
		struct yaml_node *target; /* ALIAS */
	};
	uint32_t weight; /* nodes in this subtree, aliases expanded (an alias
			    weighs what its target does); saturating */
};

struct yaml_doc {
	struct yaml_node *root; /* NULL for an empty document: "---" alone,
				   an untagged empty plain scalar */
	uint32_t line; /* where the document starts */
};

struct yaml_stream {
	struct yaml_doc *docs;
	size_t ndocs;
	size_t nodes; /* nodes built, empty documents' too (YAML_NODES_MAX) */
};

/*
 * Parse every document of 'text' (untrusted). Returns 0, -EBADMSG (syntax
 * error, invalid UTF-8, control characters, or an alias to an anchor not
 * defined earlier in the same document: err has "line L column C:
 * problem"), -EFBIG (over YAML_FILE_MAX, YAML_DEPTH_MAX, YAML_NODES_MAX,
 * YAML_DOCS_MAX or YAML_ALIAS_EXPAND_MAX, which counts per document the
 * weight that aliases add: err names the line and the limit) or -ELOOP
 * (an alias inside the node it refers to). Reading stops at the first
 * limit crossed. On error nothing is written to *out; arena memory already
 * used is released with the arena.
 */
int yaml_parse(struct arena *a, struct str text, struct yaml_stream *out,
    struct ward_err *err);

/* Follow alias nodes to the node they stand for (NULL stays NULL). */
const struct yaml_node *yaml_resolve(const struct yaml_node *n);

/*
 * The value of 'key' in mapping 'map' (aliases resolved, merge keys "<<"
 * honoured, the last of duplicate keys wins as in Kubernetes' decoder).
 * Keys are compared as scalars of any style. A merge key is a plain "<<"
 * (or one tagged !!merge) whose value is a mapping or a sequence of
 * mappings; the mapping's own keys win over merged ones wherever they
 * stand, a later "<<" over an earlier one, and in "<<: [*a, *b]" 'a' over
 * 'b'. A merge key is not itself found as "<<"; a quoted "<<" is an
 * ordinary key. NULL when 'map' is not a mapping or has no such key.
 */
const struct yaml_node *
yaml_map_get(const struct yaml_node *map, const char *key);

/*
 * The pair whose key is 'key' (for the key's position), found as
 * yaml_map_get() does, so it may belong to a merged mapping; or NULL.
 */
const struct yaml_pair *
yaml_map_pair(const struct yaml_node *map, const char *key);

/* The key node of that pair (where a finding about the key points), or
   NULL. */
const struct yaml_node *
yaml_map_key(const struct yaml_node *map, const char *key);

/* True when 'n' (resolved) is a scalar; its text in *out. */
bool yaml_scalar(const struct yaml_node *n, struct str *out);
/* True when 'n' (resolved) is a scalar equal to 's'. */
bool yaml_scalar_eq(const struct yaml_node *n, const char *s);
/*
 * A scalar that means null (~, null, Null, NULL or empty, written plain
 * without a tag, or anything tagged !!null), or absent (NULL).
 */
bool yaml_is_null(const struct yaml_node *n);
/*
 * A plain untagged (or !!bool) scalar's boolean value as Kubernetes' YAML
 * decoder reads it (YAML 1.1: true/false/yes/no/on/off/y/n, all lower,
 * Capitalised or UPPER). Returns false when the node is not a boolean
 * (quoted "true" is a string), else true with *out set.
 */
bool yaml_bool(const struct yaml_node *n, bool *out);
/*
 * A plain untagged (or !!int) integer scalar: decimal with an optional
 * sign, within int64_t. Returns false, leaving *out alone, for anything
 * else, including hexadecimal, underscores and leading zeros ("0644" is
 * octal in YAML 1.1, so it is refused rather than misread).
 */
bool yaml_int(const struct yaml_node *n, int64_t *out);

/* Items of a sequence: count and element (resolved). */
size_t yaml_seq_len(const struct yaml_node *n);
const struct yaml_node *yaml_seq_at(const struct yaml_node *n, size_t i);

#endif
