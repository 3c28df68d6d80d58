/*
 * YAML reader: libyaml's event parser drives a small loader that builds
 * the node tree of include/ward/yaml.h in the caller's arena, keeping the
 * 1-based line and column of every node. The input is untrusted (image
 * files, Kubernetes manifests, compose files): libyaml only tokenises it,
 * and every cap of limits.h is enforced here while events arrive, so a
 * hostile document is rejected as soon as it crosses one, before libyaml
 * has read the rest of it. Aliases are never copied; each node carries a
 * weight (its subtree with aliases expanded, saturating), and the weight
 * that aliases add to a document is capped, so a "billion laughs" document
 * fails after a few hundred bytes. Nesting is capped at YAML_DEPTH_MAX,
 * which also bounds libyaml's own stacks because we stop reading there.
 * The accessors assume a tree built by yaml_parse(): alias targets are
 * complete nodes and never aliases themselves.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <yaml.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/yaml.h"

#define TAG_NULL "tag:yaml.org,2002:null"
#define TAG_BOOL "tag:yaml.org,2002:bool"
#define TAG_INT "tag:yaml.org,2002:int"
#define TAG_MERGE "tag:yaml.org,2002:merge"

/* An open collection: the node and what is needed to append to it. */
struct frame {
	struct yaml_node *node;
	struct yaml_node *key; /* MAP: a key still waiting for its value */
	size_t cap; /* items or pairs allocated */
	uint32_t weight; /* sum of the children's weights */
};

struct loader {
	struct arena *a;
	struct str text;
	yaml_parser_t parser;
	struct yaml_stream out;
	size_t docs_cap;
	struct map *anchors; /* of the current document; NULL if none yet */
	uint64_t alias_total; /* weight added by aliases in this document */
	size_t depth; /* frames in use */
	struct frame stack[YAML_DEPTH_MAX];
};

static uint32_t
sat_add(uint32_t a, uint32_t b)
{
	uint32_t r;

	if (__builtin_add_overflow(a, b, &r))
		return UINT32_MAX;
	return r;
}

/* Line and column (1-based, in bytes) of a byte offset of 'text'. */
static void
offset_position(struct str text, size_t off, size_t *line, size_t *col)
{
	size_t i, start = 0;

	*line = 1;
	if (off > text.len)
		off = text.len;
	for (i = 0; i < off; i++) {
		if (text.p[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	*col = off - start + 1;
}

static int
syntax_error(const struct loader *ld, struct ward_err *err)
{
	const yaml_parser_t *p = &ld->parser;
	const char *problem = p->problem ? p->problem : "syntax error";
	size_t line, col;

	if (p->error == YAML_MEMORY_ERROR)
		die_oom();
	if (p->error == YAML_READER_ERROR) {
		/* libyaml gives the reader's byte offset, not a mark. */
		offset_position(ld->text, p->problem_offset, &line, &col);
		if (p->problem_value < 0)
			return err_set(err, EBADMSG, "line %zu column %zu: %s",
			    line, col, problem);
		return err_set(err, EBADMSG, "line %zu column %zu: %s (#x%X)",
		    line, col, problem, (unsigned)p->problem_value);
	}
	line = p->problem_mark.line + 1;
	col = p->problem_mark.column + 1;
	if (p->context == NULL)
		return err_set(err, EBADMSG, "line %zu column %zu: %s", line,
		    col, problem);
	return err_set(err, EBADMSG,
	    "line %zu column %zu: %s (%s at line %zu column %zu)", line, col,
	    problem, p->context, p->context_mark.line + 1,
	    p->context_mark.column + 1);
}

static uint32_t
mark_u32(size_t v)
{
	return v >= UINT32_MAX ? UINT32_MAX : (uint32_t)(v + 1);
}

/*
 * A new node at 'mark', counted against YAML_NODES_MAX. Its anchor is
 * registered at once, with weight 0 meaning "not complete yet", so that an
 * alias inside the node itself can be recognised.
 */
static int
node_new(struct loader *ld, enum yaml_type type, const yaml_mark_t *mark,
    const yaml_char_t *tag, const yaml_char_t *anchor, struct yaml_node **out,
    struct ward_err *err)
{
	struct yaml_node *n;

	if (ld->out.nodes >= YAML_NODES_MAX)
		return err_set(err, EFBIG, "line %zu: more than %u nodes",
		    mark->line + 1, YAML_NODES_MAX);
	ld->out.nodes++;
	n = arena_calloc(ld->a, 1, sizeof(*n));
	n->type = type;
	n->line = mark_u32(mark->line);
	n->col = mark_u32(mark->column);
	if (tag != NULL)
		n->tag = arena_strdup(ld->a, (const char *)tag);
	if (anchor != NULL) {
		n->anchor = arena_strdup(ld->a, (const char *)anchor);
		if (ld->anchors == NULL)
			ld->anchors = map_new();
		/* A later anchor of the same name replaces the earlier one. */
		(void)map_put(ld->anchors, str_from(n->anchor), n);
	}
	*out = n;
	return 0;
}

static void
seq_append(struct loader *ld, struct frame *f, struct yaml_node *n)
{
	struct yaml_node *seq = f->node;

	if (seq->len == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 4;
		seq->items = arena_realloc(
		    ld->a, seq->items, seq->len, f->cap, sizeof(*seq->items));
	}
	seq->items[seq->len++] = n;
}

static void
map_append(struct loader *ld, struct frame *f, struct yaml_node *n)
{
	struct yaml_node *map = f->node;

	if (f->key == NULL) {
		f->key = n;
		return;
	}
	if (map->len == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 4;
		map->pairs = arena_realloc(
		    ld->a, map->pairs, map->len, f->cap, sizeof(*map->pairs));
	}
	map->pairs[map->len].key = f->key;
	map->pairs[map->len].value = n;
	map->len++;
	f->key = NULL;
}

/* Hand a complete node to the open collection, or make it the root. */
static void
attach(struct loader *ld, struct yaml_node *n)
{
	struct frame *f;

	if (ld->depth == 0) {
		ld->out.docs[ld->out.ndocs - 1].root = n;
		return;
	}
	f = &ld->stack[ld->depth - 1];
	f->weight = sat_add(f->weight, n->weight);
	if (f->node->type == YAML_SEQ)
		seq_append(ld, f, n);
	else
		map_append(ld, f, n);
}

static int
on_scalar(struct loader *ld, const yaml_event_t *ev, struct ward_err *err)
{
	static const enum yaml_style styles[] = {
	    [YAML_PLAIN_SCALAR_STYLE] = YAML_PLAIN,
	    [YAML_SINGLE_QUOTED_SCALAR_STYLE] = YAML_SINGLE_QUOTED,
	    [YAML_DOUBLE_QUOTED_SCALAR_STYLE] = YAML_DOUBLE_QUOTED,
	    [YAML_LITERAL_SCALAR_STYLE] = YAML_LITERAL,
	    [YAML_FOLDED_SCALAR_STYLE] = YAML_FOLDED,
	};
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	unsigned style = ev->data.scalar.style;
	struct yaml_node *n;
	int r;

	r = node_new(ld, YAML_SCALAR, &ev->start_mark, ev->data.scalar.tag,
	    ev->data.scalar.anchor, &n, err);
	if (r < 0)
		return r;
	n->style = YAML_PLAIN;
	if (style < ARRAY_SIZE(styles) && styles[style] != 0)
		n->style = styles[style];
	n->scalar.p = arena_strndup(ld->a, value, len);
	n->scalar.len = len;
	n->weight = 1;
	attach(ld, n);
	return 0;
}

static int
on_alias(struct loader *ld, const yaml_event_t *ev, struct ward_err *err)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t line = ev->start_mark.line + 1, col = ev->start_mark.column + 1;
	struct yaml_node *target = NULL, *n;
	char esc[64];
	int r;

	if (ld->anchors != NULL)
		target = map_get(ld->anchors, str_from(name));
	if (target == NULL)
		return err_set(err, EBADMSG,
		    "line %zu column %zu: alias to unknown anchor '%s'", line,
		    col, str_escape(esc, sizeof(esc), str_from(name)));
	if (target->weight == 0)
		return err_set(err, ELOOP,
		    "line %zu column %zu: alias '%s' inside its own anchor",
		    line, col, str_escape(esc, sizeof(esc), str_from(name)));
	ld->alias_total += target->weight;
	if (ld->alias_total > YAML_ALIAS_EXPAND_MAX)
		return err_set(err, EFBIG,
		    "line %zu: aliases expand to more than %u nodes", line,
		    YAML_ALIAS_EXPAND_MAX);
	r = node_new(ld, YAML_ALIAS, &ev->start_mark, NULL, NULL, &n, err);
	if (r < 0)
		return r;
	n->target = target;
	n->weight = target->weight;
	attach(ld, n);
	return 0;
}

static int
on_start(struct loader *ld, const yaml_event_t *ev, struct ward_err *err)
{
	bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
	struct yaml_node *n;
	int r;

	if (ld->depth == YAML_DEPTH_MAX)
		return err_set(err, EFBIG, "line %zu: nesting deeper than %d",
		    ev->start_mark.line + 1, YAML_DEPTH_MAX);
	if (seq)
		r = node_new(ld, YAML_SEQ, &ev->start_mark,
		    ev->data.sequence_start.tag, ev->data.sequence_start.anchor,
		    &n, err);
	else
		r = node_new(ld, YAML_MAP, &ev->start_mark,
		    ev->data.mapping_start.tag, ev->data.mapping_start.anchor,
		    &n, err);
	if (r < 0)
		return r;
	ld->stack[ld->depth++] = (struct frame){.node = n};
	return 0;
}

static void
on_end(struct loader *ld)
{
	struct frame *f = &ld->stack[--ld->depth];

	/* A non-zero weight also marks the node complete for aliases. */
	f->node->weight = sat_add(f->weight, 1);
	attach(ld, f->node);
}

static int
on_doc_start(struct loader *ld, const yaml_event_t *ev, struct ward_err *err)
{
	struct yaml_stream *s = &ld->out;

	if (s->ndocs == YAML_DOCS_MAX)
		return err_set(err, EFBIG, "line %zu: more than %u documents",
		    ev->start_mark.line + 1, YAML_DOCS_MAX);
	if (s->ndocs == ld->docs_cap) {
		ld->docs_cap = ld->docs_cap ? 2 * ld->docs_cap : 4;
		s->docs = arena_realloc(
		    ld->a, s->docs, s->ndocs, ld->docs_cap, sizeof(*s->docs));
	}
	s->docs[s->ndocs++] = (struct yaml_doc){
	    .line = mark_u32(ev->start_mark.line),
	};
	/* Anchors and the alias budget are per document. */
	map_free(ld->anchors);
	ld->anchors = NULL;
	ld->alias_total = 0;
	return 0;
}

/* A document of nothing but "---" (an empty plain scalar) has no root. */
static void
on_doc_end(struct loader *ld)
{
	struct yaml_doc *d = &ld->out.docs[ld->out.ndocs - 1];
	const struct yaml_node *n = d->root;

	if (n != NULL && n->type == YAML_SCALAR && n->style == YAML_PLAIN &&
	    n->scalar.len == 0 && n->tag == NULL && n->anchor == NULL)
		d->root = NULL;
}

static int
on_event(struct loader *ld, const yaml_event_t *ev, struct ward_err *err)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		return on_doc_start(ld, ev, err);
	case YAML_DOCUMENT_END_EVENT:
		on_doc_end(ld);
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(ld, ev, err);
	case YAML_ALIAS_EVENT:
		return on_alias(ld, ev, err);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return on_start(ld, ev, err);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_end(ld);
		return 0;
	default:
		return 0;
	}
}

static int
load(struct loader *ld, struct ward_err *err)
{
	yaml_event_t ev;
	bool done;
	int r;

	do {
		if (!yaml_parser_parse(&ld->parser, &ev))
			return syntax_error(ld, err);
		r = on_event(ld, &ev, err);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (r < 0)
			return r;
	} while (!done);
	return 0;
}

int
yaml_parse(struct arena *a, struct str text, struct yaml_stream *out,
    struct ward_err *err)
{
	struct loader *ld;
	int r;

	if (text.len > YAML_FILE_MAX)
		return err_set(err, EFBIG, "%zu bytes, more than %u", text.len,
		    YAML_FILE_MAX);
	ld = xcalloc(1, sizeof(*ld));
	ld->a = a;
	ld->text = text;
	if (!yaml_parser_initialize(&ld->parser))
		die_oom();
	yaml_parser_set_input_string(&ld->parser,
	    (const unsigned char *)(text.p ? text.p : ""), text.len);
	r = load(ld, err);
	if (r == 0)
		*out = ld->out;
	yaml_parser_delete(&ld->parser);
	map_free(ld->anchors);
	free(ld);
	return r;
}

const struct yaml_node *
yaml_resolve(const struct yaml_node *n)
{
	while (n != NULL && n->type == YAML_ALIAS)
		n = n->target;
	return n;
}

/* "<<" written plain (or tagged !!merge), as go-yaml recognises it. */
static bool
is_merge_key(const struct yaml_node *k)
{
	if (k->type != YAML_SCALAR || !str_eq_cstr(k->scalar, "<<"))
		return false;
	if (k->tag != NULL)
		return strcmp(k->tag, TAG_MERGE) == 0;
	return k->style == YAML_PLAIN;
}

/* The last pair of 'map' itself whose key is 'key', merges aside. */
static const struct yaml_pair *
direct_pair(const struct yaml_node *map, const char *key)
{
	const struct yaml_pair *found = NULL;
	size_t i;

	for (i = 0; i < map->len; i++) {
		const struct yaml_pair *p = &map->pairs[i];
		const struct yaml_node *k = yaml_resolve(p->key);

		if (k->type == YAML_SCALAR && !is_merge_key(p->key) &&
		    str_eq_cstr(k->scalar, key))
			found = p;
	}
	return found;
}

/* A stack of mappings still to search, on the heap past its first slots. */
struct todo {
	const struct yaml_node **v;
	size_t len, cap;
	const struct yaml_node *small[32];
};

static void
todo_push(struct todo *t, const struct yaml_node *n)
{
	n = yaml_resolve(n);
	if (n == NULL || n->type != YAML_MAP)
		return;
	if (t->len == t->cap) {
		t->cap *= 2;
		if (t->v == t->small) {
			t->v = xreallocarray(NULL, t->cap, sizeof(*t->v));
			memcpy(t->v, t->small, sizeof(t->small));
		} else {
			t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
		}
	}
	t->v[t->len++] = n;
}

/*
 * Push the sources merged into 'map' so that the one that takes
 * precedence is popped first: a later "<<" overrides an earlier one, and
 * in "<<: [*a, *b]" 'a' overrides 'b'.
 */
static void
todo_push_merges(struct todo *t, const struct yaml_node *map)
{
	size_t i, j;

	for (i = 0; i < map->len; i++) {
		const struct yaml_node *v = yaml_resolve(map->pairs[i].value);

		if (!is_merge_key(map->pairs[i].key))
			continue;
		if (v->type == YAML_MAP)
			todo_push(t, v);
		else if (v->type == YAML_SEQ)
			for (j = v->len; j-- > 0;)
				todo_push(t, v->items[j]);
	}
}

/*
 * A depth-first search in the order of precedence: a mapping's own keys,
 * then what it merges. An explicit stack rather than recursion, because
 * chains of merged anchors can be long; their total size is bounded by
 * the weight of 'map', which the alias cap bounds.
 */
const struct yaml_pair *
yaml_map_pair(const struct yaml_node *map, const char *key)
{
	struct todo t = {.cap = ARRAY_SIZE(t.small)};
	const struct yaml_pair *found = NULL;

	t.v = t.small;
	todo_push(&t, map);
	while (found == NULL && t.len > 0) {
		const struct yaml_node *m = t.v[--t.len];

		found = direct_pair(m, key);
		if (found == NULL)
			todo_push_merges(&t, m);
	}
	if (t.v != t.small)
		free(t.v);
	return found;
}

const struct yaml_node *
yaml_map_get(const struct yaml_node *map, const char *key)
{
	const struct yaml_pair *p = yaml_map_pair(map, key);

	return p ? yaml_resolve(p->value) : NULL;
}

const struct yaml_node *
yaml_map_key(const struct yaml_node *map, const char *key)
{
	const struct yaml_pair *p = yaml_map_pair(map, key);

	return p ? p->key : NULL;
}

bool
yaml_scalar(const struct yaml_node *n, struct str *out)
{
	n = yaml_resolve(n);
	if (n == NULL || n->type != YAML_SCALAR)
		return false;
	*out = n->scalar;
	return true;
}

bool
yaml_scalar_eq(const struct yaml_node *n, const char *s)
{
	struct str v;

	return yaml_scalar(n, &v) && str_eq_cstr(v, s);
}

/*
 * A scalar whose implicit type comes from its text: plain and untagged,
 * or any style with the explicit tag 'tag'. The resolved node or NULL.
 */
static const struct yaml_node *
typed_scalar(const struct yaml_node *n, const char *tag)
{
	n = yaml_resolve(n);
	if (n == NULL || n->type != YAML_SCALAR)
		return NULL;
	if (n->tag != NULL)
		return strcmp(n->tag, tag) == 0 ? n : NULL;
	return n->style == YAML_PLAIN ? n : NULL;
}

static bool
in_list(struct str s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (str_eq_cstr(s, list[i]))
			return true;
	return false;
}

bool
yaml_is_null(const struct yaml_node *n)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};

	if (n == NULL)
		return true;
	n = typed_scalar(n, TAG_NULL);
	if (n == NULL)
		return false;
	if (n->tag != NULL)
		return true;
	return in_list(n->scalar, nulls, ARRAY_SIZE(nulls));
}

bool
yaml_bool(const struct yaml_node *n, bool *out)
{
	static const char *const yes[] = {"y", "Y", "yes", "Yes", "YES", "true",
	    "True", "TRUE", "on", "On", "ON"};
	static const char *const no[] = {"n", "N", "no", "No", "NO", "false",
	    "False", "FALSE", "off", "Off", "OFF"};

	n = typed_scalar(n, TAG_BOOL);
	if (n == NULL)
		return false;
	if (in_list(n->scalar, yes, ARRAY_SIZE(yes))) {
		*out = true;
		return true;
	}
	if (in_list(n->scalar, no, ARRAY_SIZE(no))) {
		*out = false;
		return true;
	}
	return false;
}

bool
yaml_int(const struct yaml_node *n, int64_t *out)
{
	struct str s;
	bool neg = false;
	uint64_t v;

	n = typed_scalar(n, TAG_INT);
	if (n == NULL)
		return false;
	s = n->scalar;
	if (s.len > 0 && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		s = str_sub(s, 1, s.len - 1);
	}
	/* YAML 1.1 reads a leading zero as octal (0644); refuse to guess. */
	if (s.len > 1 && s.p[0] == '0')
		return false;
	if (parse_u64(s, neg ? (uint64_t)INT64_MAX + 1 : INT64_MAX, &v) < 0)
		return false;
	/* -(v - 1) - 1 reaches INT64_MIN without overflowing. */
	*out = neg && v > 0 ? -(int64_t)(v - 1) - 1 : (int64_t)v;
	return true;
}

size_t
yaml_seq_len(const struct yaml_node *n)
{
	n = yaml_resolve(n);
	return n != NULL && n->type == YAML_SEQ ? n->len : 0;
}

const struct yaml_node *
yaml_seq_at(const struct yaml_node *n, size_t i)
{
	n = yaml_resolve(n);
	if (n == NULL || n->type != YAML_SEQ || i >= n->len)
		return NULL;
	return yaml_resolve(n->items[i]);
}
