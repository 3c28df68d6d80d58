/*
 * Unit tests for the YAML reader (src/base/yaml.c): node positions in a
 * Kubernetes manifest, streams, styles, anchors and merge keys, the typed
 * accessors, every limit of limits.h at, under and over its value, and
 * hostile inputs (alias bombs, deep nesting, broken text), which must be
 * rejected quickly with the right error code. Positions in expectations
 * were counted by hand from the documents, not taken from the parser.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/yaml.h"

static struct arena *A;

static int
parse_n(
    const char *text, size_t len, struct yaml_stream *out, struct ward_err *err)
{
	err_clear(err);
	return yaml_parse(A, str_make(text, len), out, err);
}

static int
parse(const char *text, struct yaml_stream *out, struct ward_err *err)
{
	return parse_n(text, strlen(text), out, err);
}

/* The root of a one-document text, or NULL when it does not parse. */
static const struct yaml_node *
root_of(const char *text)
{
	struct yaml_stream s;
	struct ward_err err;

	if (parse(text, &s, &err) < 0 || s.ndocs != 1) {
		T_NOTE("cannot parse '%s': %s", text, err.msg);
		return NULL;
	}
	return s.docs[0].root;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Append 's' 'times' times; test documents are built, not stored. */
static void
rep(struct buf *b, const char *s, size_t times)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < times; i++)
		if (buf_append(b, s, n) < 0)
			abort();
}

#define T_POS(n, l, c)                                                         \
	do {                                                                   \
		const struct yaml_node *t_n_ = (n);                            \
		T_OK(t_n_ != NULL);                                            \
		if (t_n_ != NULL) {                                            \
			T_EQ_INT(t_n_->line, (l));                             \
			T_EQ_INT(t_n_->col, (c));                              \
		}                                                              \
	} while (0)

static const char deployment[] =
    "apiVersion: apps/v1\n" /* 1 */
    "kind: Deployment\n" /* 2 */
    "metadata:\n" /* 3 */
    "  name: web\n" /* 4 */
    "  labels:\n" /* 5 */
    "    app: web\n" /* 6 */
    "spec:\n" /* 7 */
    "  replicas: 3\n" /* 8 */
    "  selector:\n" /* 9 */
    "    matchLabels:\n" /* 10 */
    "      app: web\n" /* 11 */
    "  template:\n" /* 12 */
    "    metadata:\n" /* 13 */
    "      labels:\n" /* 14 */
    "        app: web\n" /* 15 */
    "    spec:\n" /* 16 */
    "      containers:\n" /* 17 */
    "        - name: nginx\n" /* 18 */
    "          image: \"nginx:1.25\"\n" /* 19 */
    "          ports:\n" /* 20 */
    "            - containerPort: 80\n" /* 21 */
    "          securityContext:\n" /* 22 */
    "            privileged: true\n" /* 23 */
    "            runAsUser: 0\n" /* 24 */
    "          command: [\"sh\", \"-c\", 'echo hi']\n" /* 25 */
    "          args: |\n" /* 26 */
    "            line one\n" /* 27 */
    "            line two\n"; /* 28 */

static void
test_deployment_positions(void)
{
	const struct yaml_node *root, *meta, *spec, *c, *sc, *cmd, *n;
	const struct yaml_pair *p;
	struct str s;
	bool b;
	int64_t v;

	root = root_of(deployment);
	T_POS(root, 1, 1);
	T_OK(yaml_scalar_eq(yaml_map_get(root, "apiVersion"), "apps/v1"));
	T_POS(yaml_map_get(root, "apiVersion"), 1, 13);
	T_POS(yaml_map_pair(root, "kind")->key, 2, 1);
	T_POS(yaml_map_get(root, "kind"), 2, 7);
	meta = yaml_map_get(root, "metadata");
	T_POS(meta, 4, 3);
	T_POS(yaml_map_pair(meta, "name")->key, 4, 3);
	T_POS(yaml_map_get(meta, "name"), 4, 9);
	spec = yaml_map_get(root, "spec");
	T_POS(yaml_map_get(spec, "replicas"), 8, 13);
	T_OK(yaml_int(yaml_map_get(spec, "replicas"), &v) && v == 3);
	spec = yaml_map_get(yaml_map_get(spec, "template"), "spec");
	T_POS(spec, 17, 7);
	T_POS(yaml_map_get(spec, "containers"), 18, 9);
	T_EQ_INT(yaml_seq_len(yaml_map_get(spec, "containers")), 1);
	c = yaml_seq_at(yaml_map_get(spec, "containers"), 0);
	T_POS(c, 18, 11);
	T_POS(yaml_map_get(c, "name"), 18, 17);
	n = yaml_map_get(c, "image");
	T_POS(n, 19, 18);
	T_OK(n && n->style == YAML_DOUBLE_QUOTED);
	T_OK(yaml_scalar_eq(n, "nginx:1.25"));
	n = yaml_seq_at(yaml_map_get(c, "ports"), 0);
	T_POS(n, 21, 15);
	T_POS(yaml_map_get(n, "containerPort"), 21, 30);
	sc = yaml_map_get(c, "securityContext");
	p = yaml_map_pair(sc, "privileged");
	T_OK(p != NULL);
	T_POS(p ? p->key : NULL, 23, 13);
	T_POS(p ? p->value : NULL, 23, 25);
	T_OK(yaml_bool(yaml_map_get(sc, "privileged"), &b) && b);
	T_OK(yaml_int(yaml_map_get(sc, "runAsUser"), &v) && v == 0);
	cmd = yaml_map_get(c, "command");
	T_POS(cmd, 25, 20);
	T_POS(yaml_seq_at(cmd, 0), 25, 21);
	T_POS(yaml_seq_at(cmd, 1), 25, 27);
	T_POS(yaml_seq_at(cmd, 2), 25, 33);
	T_OK(yaml_seq_at(cmd, 2)->style == YAML_SINGLE_QUOTED);
	n = yaml_map_get(c, "args");
	T_POS(n, 26, 17);
	T_OK(n && n->style == YAML_LITERAL);
	T_OK(yaml_scalar(n, &s) && str_eq_cstr(s, "line one\nline two\n"));
	T_OK(yaml_map_get(c, "missing") == NULL);
	T_OK(yaml_map_get(yaml_map_get(c, "name"), "x") == NULL);
}

static void
test_streams(void)
{
	struct yaml_stream s;
	struct ward_err err;

	T_EQ_INT(
	    parse("# comment\na: 1\n---\nb: 2\n...\n---\n- x\n...\n", &s, &err),
	    0);
	T_EQ_INT(err.code, 0);
	T_EQ_INT(s.ndocs, 3);
	T_EQ_INT(s.docs[0].line, 2);
	T_EQ_INT(s.docs[1].line, 3);
	T_EQ_INT(s.docs[2].line, 6);
	T_OK(yaml_scalar_eq(yaml_map_get(s.docs[0].root, "a"), "1"));
	T_OK(yaml_scalar_eq(yaml_map_get(s.docs[1].root, "b"), "2"));
	T_OK(yaml_scalar_eq(yaml_seq_at(s.docs[2].root, 0), "x"));
	T_OK(yaml_map_get(s.docs[1].root, "a") == NULL);
	T_EQ_INT(s.nodes, 3 + 3 + 2);

	/* Empty documents, and streams without any. */
	T_EQ_INT(parse("---\n---\n--- # c\n...\n", &s, &err), 0);
	T_EQ_INT(s.ndocs, 3);
	T_OK(!s.docs[0].root && !s.docs[1].root && !s.docs[2].root);
	T_EQ_INT(parse("", &s, &err), 0);
	T_EQ_INT(s.ndocs, 0);
	T_EQ_INT(parse_n(NULL, 0, &s, &err), 0);
	T_EQ_INT(s.ndocs, 0);
	T_EQ_INT(parse("# only a comment\n\n", &s, &err), 0);
	T_EQ_INT(s.ndocs, 0);
	T_EQ_INT(parse("--- ''\n--- ~\n", &s, &err), 0);
	T_EQ_INT(s.ndocs, 2);
	T_OK(
	    yaml_scalar_eq(s.docs[0].root, "") && yaml_is_null(s.docs[1].root));
	T_OK(!yaml_is_null(s.docs[0].root));
	T_EQ_INT(parse("%YAML 1.1\n--- a\n", &s, &err), 0);
	T_OK(s.ndocs == 1 && yaml_scalar_eq(s.docs[0].root, "a"));
}

static void
test_styles(void)
{
	const struct yaml_node *f, *b, *n;
	struct str s;

	f = root_of("{a: [1, 2, {b: c}], d: e, 'q': \"x\\0y\"}");
	b = root_of("a:\n- 1\n- 2\n- b: c\nd: e\n'q': \"x\\0y\"\n");
	for (int i = 0; i < 2; i++) {
		n = i ? b : f;
		T_OK(n && n->type == YAML_MAP && n->len == 3);
		T_EQ_INT(yaml_seq_len(yaml_map_get(n, "a")), 3);
		T_OK(yaml_scalar_eq(yaml_seq_at(yaml_map_get(n, "a"), 1), "2"));
		T_OK(yaml_scalar_eq(
		    yaml_map_get(yaml_seq_at(yaml_map_get(n, "a"), 2), "b"),
		    "c"));
		T_OK(yaml_seq_at(yaml_map_get(n, "a"), 3) == NULL);
		T_OK(yaml_scalar(yaml_map_get(n, "q"), &s) && s.len == 3 &&
		    memcmp(s.p, "x\0y", 3) == 0);
		T_OK(yaml_scalar_eq(yaml_map_get(n, "d"), "e"));
	}
	n = root_of("- >\n  folded\n  text\n- !!str 5\n- !local x\n- 'a'\n");
	T_OK(yaml_seq_at(n, 0)->style == YAML_FOLDED);
	T_OK(yaml_scalar_eq(yaml_seq_at(n, 0), "folded text\n"));
	T_EQ_STR(yaml_seq_at(n, 1)->tag, "tag:yaml.org,2002:str");
	T_EQ_STR(yaml_seq_at(n, 2)->tag, "!local");
	T_OK(yaml_seq_at(n, 3)->tag == NULL);
	T_OK(yaml_seq_len(yaml_seq_at(n, 0)) == 0);
	T_OK(yaml_seq_len(NULL) == 0 && yaml_seq_at(NULL, 0) == NULL);
	T_OK(yaml_resolve(NULL) == NULL && !yaml_scalar(NULL, &s));
}

static const char merges[] = "base: &base\n"
			     "  image: nginx\n"
			     "  privileged: false\n"
			     "extra: &extra\n"
			     "  user: root\n"
			     "  privileged: maybe\n"
			     "svc:\n"
			     "  <<: [*extra, *base]\n"
			     "  name: svc\n"
			     "over:\n"
			     "  privileged: true\n"
			     "  <<: *base\n"
			     "quoted:\n"
			     "  \"<<\": *base\n"
			     "chain:\n"
			     "  <<: *extra\n"
			     "  <<: {user: nobody, <<: *base}\n"
			     "dup: 1\n"
			     "dup: 2\n";

static void
test_anchors_merges(void)
{
	const struct yaml_node *r, *svc, *ch, *n;
	const struct yaml_pair *p;

	r = root_of(merges);
	n = yaml_map_pair(r, "svc")->value;
	svc = yaml_map_get(r, "svc");
	T_OK(n == svc);
	n = yaml_map_get(svc, "<<");
	T_OK(n == NULL); /* a merge key is not an ordinary key */
	n = yaml_map_pair(r, "svc")->value->pairs[0].value;
	T_OK(n->type == YAML_SEQ && n->items[0]->type == YAML_ALIAS);
	T_OK(n->items[0]->target == yaml_map_get(r, "extra"));
	T_POS(n->items[0], 8, 8);
	T_EQ_STR(yaml_map_get(r, "base")->anchor, "base");
	/* Earlier maps in a merge sequence win; direct keys win over all. */
	T_OK(yaml_scalar_eq(yaml_map_get(svc, "privileged"), "maybe"));
	T_OK(yaml_scalar_eq(yaml_map_get(svc, "image"), "nginx"));
	T_OK(yaml_scalar_eq(yaml_map_get(svc, "name"), "svc"));
	p = yaml_map_pair(svc, "image");
	T_POS(p ? p->key : NULL, 2, 3); /* the key's place in the anchor */
	T_OK(yaml_scalar_eq(
	    yaml_map_get(yaml_map_get(r, "over"), "privileged"), "true"));
	T_OK(yaml_map_get(yaml_map_get(r, "over"), "image") != NULL);
	T_OK(yaml_map_get(yaml_map_get(r, "quoted"), "image") == NULL);
	T_OK(yaml_map_get(yaml_map_get(r, "quoted"), "<<") ==
	    yaml_map_get(r, "base"));
	/* A later "<<" overrides an earlier one; merges nest. */
	ch = yaml_map_get(r, "chain");
	T_OK(yaml_scalar_eq(yaml_map_get(ch, "user"), "nobody"));
	T_OK(yaml_scalar_eq(yaml_map_get(ch, "privileged"), "false"));
	T_OK(yaml_scalar_eq(yaml_map_get(ch, "image"), "nginx"));
	T_OK(yaml_scalar_eq(yaml_map_get(r, "dup"), "2"));

	/* Weights: nodes with aliases expanded. */
	r = root_of("a: &x [1, 2]\nb: *x\n");
	T_EQ_INT(yaml_map_get(r, "a")->weight, 3);
	T_EQ_INT(r->pairs[1].value->weight, 3);
	T_EQ_INT(r->weight, 9);
	/* An anchor may be redefined; aliases see the latest. */
	r = root_of("- &a 1\n- *a\n- &a 2\n- *a\n");
	T_OK(yaml_scalar_eq(yaml_seq_at(r, 1), "1"));
	T_OK(yaml_scalar_eq(yaml_seq_at(r, 3), "2"));
	/* Aliases as keys resolve. */
	r = root_of("- &k name\n- {*k : v}\n");
	T_OK(yaml_scalar_eq(yaml_map_get(yaml_seq_at(r, 1), "name"), "v"));
}

/* A long chain of merged anchors: searched without deep recursion. */
static void
test_merge_chain(void)
{
	struct yaml_stream s;
	struct ward_err err;
	struct buf b;
	char line[96];
	int i, n = 700;

	buf_init(&b, SIZE_MAX);
	rep(&b, "m0: &m0 {k: v}\n", 1);
	for (i = 1; i < n; i++) {
		T_OK(snprintf(line, sizeof(line), "m%d: &m%d {<<: *m%d}\n", i,
			 i, i - 1) > 0);
		rep(&b, line, 1);
	}
	T_EQ_INT(parse(buf_cstr(&b), &s, &err), 0);
	T_OK(s.ndocs == 1 &&
	    yaml_scalar_eq(
		yaml_map_get(yaml_map_get(s.docs[0].root, "m699"), "k"), "v"));
	buf_fini(&b);
}

/* Each text is the value of 'v' in "v: <text>". */
static const struct {
	const char *text;
	int b; /* -1 not a bool, else its value */
	int null;
} bool_null_cases[] = {
    {"y", 1, 0},
    {"Y", 1, 0},
    {"yes", 1, 0},
    {"Yes", 1, 0},
    {"YES", 1, 0},
    {"true", 1, 0},
    {"True", 1, 0},
    {"TRUE", 1, 0},
    {"on", 1, 0},
    {"On", 1, 0},
    {"ON", 1, 0},
    {"n", 0, 0},
    {"N", 0, 0},
    {"no", 0, 0},
    {"No", 0, 0},
    {"NO", 0, 0},
    {"false", 0, 0},
    {"False", 0, 0},
    {"FALSE", 0, 0},
    {"off", 0, 0},
    {"Off", 0, 0},
    {"OFF", 0, 0},
    {"tRUE", -1, 0},
    {"yEs", -1, 0},
    {"'true'", -1, 0},
    {"\"yes\"", -1, 0},
    {"!!str true", -1, 0},
    {"!!bool \"on\"", 1, 0},
    {"1", -1, 0},
    {"", -1, 1},
    {"~", -1, 1},
    {"null", -1, 1},
    {"Null", -1, 1},
    {"NULL", -1, 1},
    {"nULL", -1, 0},
    {"'null'", -1, 0},
    {"\"\"", -1, 0},
    {"'~'", -1, 0},
    {"!!null ''", -1, 1},
    {"!!str null", -1, 0},
    {"[]", -1, 0},
    {"{}", -1, 0},
};
static const struct {
	const char *text;
	bool ok;
	int64_t v;
} int_cases[] = {
    {"0", true, 0},
    {"42", true, 42},
    {"-17", true, -17},
    {"+5", true, 5},
    {"-0", true, 0},
    {"9223372036854775807", true, INT64_MAX},
    {"-9223372036854775808", true, INT64_MIN},
    {"9223372036854775808", false, 0},
    {"-9223372036854775809", false, 0},
    {"0644", false, 0}, /* octal in YAML 1.1 */
    {"00", false, 0},
    {"0x1F", false, 0},
    {"1_000", false, 0},
    {"1.5", false, 0},
    {"-a", false, 0},
    {"+", false, 0},
    {"", false, 0},
    {"'42'", false, 0},
    {"\"42\"", false, 0},
    {"!!int 42", true, 42},
    {"!!str 42", false, 0},
    {" 42 # c", true, 42},
    {"[42]", false, 0},
};

static void
test_bool_null_int(void)
{
	char text[64];
	bool b;
	int64_t v;

	for (size_t i = 0; i < ARRAY_SIZE(bool_null_cases); i++) {
		const struct yaml_node *n;

		T_OK(snprintf(text, sizeof(text), "v: %s\n",
			 bool_null_cases[i].text) > 0);
		n = yaml_map_get(root_of(text), "v");
		T_OK(n != NULL);
		b = !bool_null_cases[i].b;
		T_EQ_INT(yaml_bool(n, &b), bool_null_cases[i].b >= 0);
		if (bool_null_cases[i].b >= 0)
			T_EQ_INT(b, bool_null_cases[i].b);
		T_EQ_INT(yaml_is_null(n), bool_null_cases[i].null);
		if ((bool_null_cases[i].b >= 0) != (yaml_bool(n, &b)) ||
		    bool_null_cases[i].null != yaml_is_null(n))
			T_NOTE("case '%s'", bool_null_cases[i].text);
	}
	T_OK(yaml_is_null(NULL));
	T_OK(!yaml_bool(NULL, &b));
	for (size_t i = 0; i < ARRAY_SIZE(int_cases); i++) {
		T_OK(snprintf(
			 text, sizeof(text), "v: %s\n", int_cases[i].text) > 0);
		v = 12345;
		T_EQ_INT(yaml_int(yaml_map_get(root_of(text), "v"), &v),
		    int_cases[i].ok);
		T_OK(v == (int_cases[i].ok ? int_cases[i].v : 12345));
		if (v != (int_cases[i].ok ? int_cases[i].v : 12345))
			T_NOTE("case '%s'", int_cases[i].text);
	}
	/* Through an alias. */
	T_OK(yaml_int(yaml_seq_at(root_of("[&a 7, *a]"), 1), &v) && v == 7);
}

/* Expect failure 'code' with 'what' in the message, *out untouched. */
static void
expect_fail(const char *text, size_t len, int code, const char *what)
{
	struct yaml_stream s = {.ndocs = 999};
	struct ward_err err;
	int r;

	r = parse_n(text, len, &s, &err);
	T_EQ_INT(r, -code);
	T_EQ_INT(err.code, code);
	T_OK(strstr(err.msg, what) != NULL);
	if (strstr(err.msg, what) == NULL)
		T_NOTE("message '%s' lacks '%s'", err.msg, what);
	T_EQ_INT(s.ndocs, 999);
}

static void
expect_ok(const char *text, size_t len, size_t ndocs)
{
	struct yaml_stream s;
	struct ward_err err;

	T_EQ_INT(parse_n(text, len, &s, &err), 0);
	T_EQ_INT(err.code, 0);
	if (err.code != 0)
		T_NOTE("%s", err.msg);
	T_EQ_INT(s.ndocs, ndocs);
}

static void
test_broken(void)
{
	static const char nul[] = "a: b\0c\n";

	expect_fail("a: &a [1, *a]\n", 14, ELOOP, "line 1 column 11: alias");
	expect_fail("a: &a {k: [*a]}\n", 16, ELOOP, "inside its own anchor");
	expect_fail("a: *nope\n", 9, EBADMSG,
	    "line 1 column 4: alias to unknown anchor 'nope'");
	expect_fail("a: &x 1\n---\nb: *x\n", 18, EBADMSG, "unknown anchor");
	expect_fail("a: b: c\n", 8, EBADMSG,
	    "line 1 column 5: mapping values are not allowed");
	expect_fail("a: [1, 2\nb: 3\n", 14, EBADMSG, "line ");
	expect_fail("a: [1, 2\nb: 3\n", 14, EBADMSG, " column ");
	expect_fail("a: 1\nb: \"abc\ndef", 16, EBADMSG,
	    "found unexpected end of stream (while scanning a quoted scalar "
	    "at line 2 column 4)");
	expect_fail("a: 1\nb: \xff\n", 10, EBADMSG,
	    "line 2 column 4: invalid leading UTF-8 octet");
	expect_fail("a: \xc3\n", 5, EBADMSG, "UTF-8");
	expect_fail(nul, sizeof(nul) - 1, EBADMSG,
	    "line 1 column 5: control characters are not allowed (#x0)");
	expect_fail("a:\n\tb: 1\n", 9, EBADMSG,
	    "line 2 column 1: found character that cannot start any token");
	expect_fail("- a\nb: c\n", 9, EBADMSG, "line 2 column 1");
	expect_fail("%YAML 2.0\n--- a\n", 16, EBADMSG, "incompatible");
}

/* "[[[ x ]]]" or "- - - x" nested 'depth' deep. */
static void
nested(struct buf *b, size_t depth, bool flow)
{
	buf_reset(b);
	rep(b, flow ? "[" : "- ", depth);
	rep(b, "x", 1);
	if (flow)
		rep(b, "]", depth);
	rep(b, "\n", 1);
}

static void
test_depth_limit(void)
{
	struct buf b;

	buf_init(&b, SIZE_MAX);
	for (int flow = 0; flow < 2; flow++) {
		nested(&b, YAML_DEPTH_MAX - 1, flow);
		expect_ok(b.p, b.len, 1);
		nested(&b, YAML_DEPTH_MAX, flow);
		expect_ok(b.p, b.len, 1);
		nested(&b, YAML_DEPTH_MAX + 1, flow);
		expect_fail(
		    b.p, b.len, EFBIG, "line 1: nesting deeper than 256");
	}
	/* Block mappings, one level per line. */
	buf_reset(&b);
	for (int i = 0; i <= YAML_DEPTH_MAX; i++) {
		rep(&b, " ", (size_t)i);
		rep(&b, i < YAML_DEPTH_MAX ? "a:\n" : "a: x\n", 1);
	}
	expect_fail(b.p, b.len, EFBIG, "line 257: nesting deeper than 256");
	buf_fini(&b);
}

static void
test_deep_fast(void)
{
	struct buf b;
	double t;
	size_t depth;

	buf_init(&b, SIZE_MAX);
	nested(&b, 100000, true);
	t = now_ms();
	expect_fail(b.p, b.len, EFBIG, "nesting deeper than 256");
	t = now_ms() - t;
	T_NOTE("100000-deep flow sequences rejected in %.3f ms", t);
	T_OK(t < 1000);

	buf_reset(&b);
	rep(&b, "{a: ", 100000);
	rep(&b, "x", 1);
	rep(&b, "}", 100000);
	t = now_ms();
	expect_fail(b.p, b.len, EFBIG, "nesting deeper than 256");
	t = now_ms() - t;
	T_NOTE("100000-deep flow mappings rejected in %.3f ms", t);
	T_OK(t < 1000);

	nested(&b, 100000, false);
	t = now_ms();
	expect_fail(b.p, b.len, EFBIG, "nesting deeper than 256");
	t = now_ms() - t;
	T_NOTE("100000-deep block sequences rejected in %.3f ms", t);
	T_OK(t < 1000);

	/*
	 * Block mappings indented one space per level: 100,000 levels would
	 * take 5 GB, so take the deepest that fits under YAML_FILE_MAX.
	 */
	buf_reset(&b);
	for (depth = 0; b.len + depth + 4 < YAML_FILE_MAX; depth++) {
		rep(&b, " ", depth);
		rep(&b, "a:\n", 1);
	}
	t = now_ms();
	expect_fail(b.p, b.len, EFBIG, "nesting deeper than 256");
	t = now_ms() - t;
	T_NOTE("%zu-deep block mappings (%zu bytes) rejected in %.3f ms", depth,
	    b.len, t);
	T_OK(t < 1000);
	buf_fini(&b);
}

/*
 * Anchor 'a' is a sequence of 999 scalars (weight 1000), 's' a scalar
 * (weight 1); 'na' aliases of the first and 'ns' of the second add
 * 1000 * na + ns to the document's alias total.
 */
static void
alias_doc(struct buf *b, size_t na, size_t ns)
{
	buf_reset(b);
	rep(b, "a: &a [0", 1);
	rep(b, ",0", 998);
	rep(b, "]\ns: &s x\nl:\n", 1);
	rep(b, "- *a\n", na);
	rep(b, "- *s\n", ns);
}

static void
test_alias_limit(void)
{
	struct yaml_stream s;
	struct ward_err err;
	struct buf b;
	char *doc;

	buf_init(&b, SIZE_MAX);
	alias_doc(&b, 999, 999);
	expect_ok(b.p, b.len, 1);
	alias_doc(&b, 1000, 0);
	T_EQ_INT(parse_n(b.p, b.len, &s, &err), 0);
	T_EQ_INT(yaml_map_get(s.docs[0].root, "l")->weight, 1000000 + 1);
	alias_doc(&b, 1000, 1);
	expect_fail(b.p, b.len, EFBIG,
	    "line 1004: aliases expand to more than 1000000 nodes");
	/* The budget is per document. */
	alias_doc(&b, 1000, 0);
	doc = xstrdup(b.p);
	rep(&b, "---\n", 1);
	rep(&b, doc, 1);
	free(doc);
	expect_ok(b.p, b.len, 2);
	buf_fini(&b);
}

static void
test_billion_laughs(void)
{
	static const char bomb[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
	    "\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	double t = now_ms();

	expect_fail(bomb, sizeof(bomb) - 1, EFBIG,
	    "aliases expand to more than 1000000 nodes");
	t = now_ms() - t;
	T_NOTE("billion laughs rejected in %.3f ms", t);
	T_OK(t < 1000);
}

static void
test_docs_limit(void)
{
	struct buf b;

	buf_init(&b, SIZE_MAX);
	rep(&b, "---\n", YAML_DOCS_MAX - 1);
	expect_ok(b.p, b.len, YAML_DOCS_MAX - 1);
	rep(&b, "---\n", 1);
	expect_ok(b.p, b.len, YAML_DOCS_MAX);
	rep(&b, "--- x\n", 1);
	expect_fail(
	    b.p, b.len, EFBIG, "line 100001: more than 100000 documents");
	buf_fini(&b);
}

/*
 * Under AddressSanitizer each of libyaml's millions of small mallocs costs
 * a stack trace, and one 2M-node parse takes several seconds, so there
 * only the "just over" case runs.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SLOW_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW_MALLOC 1
#endif
#endif

/* One flow sequence of 'n' - 1 scalars: 'n' nodes in all. */
static void
test_nodes_limit(void)
{
	static const size_t ns[] = {
	    YAML_NODES_MAX + 1, YAML_NODES_MAX, YAML_NODES_MAX - 1};
	struct yaml_stream s;
	struct ward_err err;
	struct buf b;
	double t;

	buf_init(&b, SIZE_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(ns); i++) {
#ifdef SLOW_MALLOC
		if (i > 0) {
			T_SKIP("2M-node parses are too slow under ASan");
			continue;
		}
#endif
		buf_reset(&b);
		rep(&b, "[0", 1);
		rep(&b, ",0", ns[i] - 2);
		rep(&b, "]", 1);
		arena_free(A);
		A = arena_new();
		t = now_ms();
		if (ns[i] <= YAML_NODES_MAX) {
			T_EQ_INT(parse_n(b.p, b.len, &s, &err), 0);
			T_EQ_INT(s.nodes, ns[i]);
			T_EQ_INT(yaml_seq_len(s.docs[0].root), ns[i] - 1);
		} else {
			expect_fail(b.p, b.len, EFBIG,
			    "line 1: more than 2000000 nodes");
		}
		T_NOTE("%zu nodes: %.0f ms, arena %zu MB", ns[i], now_ms() - t,
		    arena_used(A) >> 20);
	}
	buf_fini(&b);
}

static void
test_file_limit(void)
{
	static const size_t sizes[] = {
	    YAML_FILE_MAX - 1, YAML_FILE_MAX, YAML_FILE_MAX + 1};
	struct buf b;

	buf_init(&b, SIZE_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		buf_reset(&b);
		rep(&b, "k: v\n#", 1);
		rep(&b, "x", sizes[i] - b.len - 1);
		rep(&b, "\n", 1);
		if (sizes[i] <= YAML_FILE_MAX)
			expect_ok(b.p, b.len, 1);
		else
			expect_fail(b.p, b.len, EFBIG, "more than 67108864");
	}
	buf_fini(&b);
}

static void
test_big_sequence(void)
{
	struct yaml_stream s;
	struct ward_err err;
	struct buf b;
	size_t n = 10u << 20;
	double t;

	buf_init(&b, SIZE_MAX);
	rep(&b, "items:\n", 1);
	rep(&b, "- item\n", n / 7);
	t = now_ms();
	T_EQ_INT(parse_n(b.p, b.len, &s, &err), 0);
	T_NOTE("%zu-byte sequence parsed in %.0f ms", b.len, now_ms() - t);
	T_EQ_INT(yaml_seq_len(yaml_map_get(s.docs[0].root, "items")), n / 7);
	T_POS(yaml_seq_at(yaml_map_get(s.docs[0].root, "items"), n / 7 - 1),
	    n / 7 + 1, 3);
	buf_fini(&b);
}

int
main(void)
{
	A = arena_new();
	test_deployment_positions();
	test_streams();
	test_styles();
	test_anchors_merges();
	test_merge_chain();
	test_bool_null_int();
	test_broken();
	test_depth_limit();
	test_deep_fast();
	test_alias_limit();
	test_billion_laughs();
	test_docs_limit();
	test_big_sequence();
	test_file_limit();
	test_nodes_limit();
	arena_free(A);
	return t_done();
}
