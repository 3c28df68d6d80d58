/*
 * Unit tests for the JSON reader (limits, truncation, hostile input) and
 * the streaming writer (escaping of every byte sequence). The writer's
 * output is checked against hand-written expected text and, for the
 * exhaustive byte tests, read back by json-c, an independent parser.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "t.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/limits.h"
#include "ward/mem.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
parse(const char *text, size_t len, struct ward_err *err)
{
	struct json_object *o = NULL;
	int r = json_parse(str_make(text, len), &o, err);

	if (r == 0)
		json_object_put(o);
	return r;
}

static char *
nested(size_t depth, size_t *len)
{
	char *s = xmalloc(2 * depth + 1);

	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * depth] = '\0';
	*len = 2 * depth;
	return s;
}

static void
test_reader(void)
{
	static const struct {
		const char *text;
		int want;
		const char *msg; /* substring of the error */
	} cases[] = {
	    {"{\"a\": [1, 2, {\"b\": null}]}", 0, NULL},
	    {"  \"s\"  \n", 0, NULL},
	    {"{\"a\": 1", -EBADMSG, "truncated"},
	    {"{\"a\": \"unterminated", -EBADMSG, "truncated"},
	    {"[1, 2] x", -EBADMSG, "line 1 column 8"},
	    {"[1, 2]]", -EBADMSG, "line 1 column 7"},
	    {"[1, 2]\n\n  }", -EBADMSG, "line 3 column 3"},
	    {"[1,]", -EBADMSG, "line 1"},
	    {"", -EBADMSG, "empty"},
	    {"   \n ", -EBADMSG, "empty"},
	    {"{\"a\":\n  tru}", -EBADMSG, "line 2"},
	    {"NaN", -EBADMSG, NULL},
	    {"-4", 0, NULL}, /* found by fuzzing: a bare top-level number */
	    {"12", 0, NULL},
	    {"1.5e3", 0, NULL},
	    {"true", 0, NULL},
	    {"\"s\"", 0, NULL},
	    {"-", -EBADMSG, NULL},
	    {"01", -EBADMSG, NULL},
	    {"1.", -EBADMSG, NULL},
	    {"[", -EBADMSG, "truncated"},
	    {" NaN ", -EBADMSG, "NaN"}, /* found by fuzzing: json-c takes it */
	    {"[1, Infinity]", -EBADMSG, NULL},
	    {"{\"a\": 1e999}", -EBADMSG, "out of range"},
	    {"null", -EBADMSG, "null"},
	    {"[null, 1.5]", 0, NULL},
	};
	struct ward_err err;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = parse(cases[i].text, strlen(cases[i].text), &err);

		T_EQ_INT(r, cases[i].want);
		if (r < 0 && cases[i].msg) {
			T_OK(strstr(err.msg, cases[i].msg) != NULL);
			if (!strstr(err.msg, cases[i].msg))
				T_NOTE("message: %s", err.msg);
		}
	}
	/* A NUL byte is an error, not an early end of the document. */
	T_EQ_INT(parse("[1]\0garbage", 11, &err), -EBADMSG);
	T_OK(strstr(err.msg, "NUL") != NULL);
	/* The size cap is checked before anything is read. */
	T_EQ_INT(parse("[]", (size_t)JSON_FILE_MAX + 1, &err), -EFBIG);
}

static void
test_depth(void)
{
	struct ward_err err;
	size_t len;
	char *s;
	double t0, t;

	s = nested(JSON_DEPTH_MAX, &len); /* at the limit */
	T_EQ_INT(parse(s, len, &err), 0);
	free(s);
	s = nested(JSON_DEPTH_MAX - 1, &len); /* just under */
	T_EQ_INT(parse(s, len, &err), 0);
	free(s);
	s = nested(JSON_DEPTH_MAX + 1, &len); /* just over */
	T_EQ_INT(parse(s, len, &err), -EFBIG);
	T_OK(strstr(err.msg, "nesting deeper than 256") != NULL);
	free(s);
	s = nested(100000, &len);
	t0 = now();
	T_EQ_INT(parse(s, len, &err), -EFBIG);
	t = now() - t0;
	T_NOTE("100,000-deep JSON rejected in %.6f s: %s", t, err.msg);
	T_OK(t < 1.0);
	free(s);
}

static void
test_accessors(void)
{
	const char *text =
	    "{\"s\": \"a\\u0000b\", \"n\": 42, \"neg\": -1, "
	    "\"big\": 99999999999999999999, \"arr\": [1, \"x\"]}";
	struct json_object *o = NULL, *arr;
	struct ward_err err;
	struct str s;
	uint64_t v;

	T_EQ_INT(json_parse(str_from(text), &o, &err), 0);
	T_OK(json_get_str(o, "s", &s) && s.len == 3 && s.p[1] == '\0');
	T_OK(json_get_u64(o, "n", 100, &v) && v == 42);
	T_OK(!json_get_u64(o, "n", 41, &v)); /* over max */
	T_OK(!json_get_u64(o, "neg", 100, &v));
	T_OK(!json_get_u64(o, "big", UINT64_MAX, &v)); /* saturated: refused */
	T_OK(!json_get_str(o, "n", &s));
	T_OK(json_get(o, "missing") == NULL);
	arr = json_get(o, "arr");
	T_OK(json_is_array(arr) && json_array_len(arr) == 2);
	T_OK(json_array_at(arr, 2) == NULL);
	T_OK(json_str(json_array_at(arr, 1), &s) && str_eq_cstr(s, "x"));
	T_OK(json_get(arr, "x") == NULL); /* not an object */
	json_object_put(o);
}

static char *
write_str(const char *s, size_t len)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);

	if (!json_write_string(f, str_make(s, len)))
		T_OK(0);
	fclose(f);
	return out;
}

static void
test_escaping(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
	    {"plain", 5, "\"plain\""},
	    {"q\"b\\", 4, "\"q\\\"b\\\\\""},
	    {"\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\""},
	    {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\""},
	    {"\0", 1, "\"\\u0000\""},
	    {"caf\xc3\xa9", 5, "\"caf\xc3\xa9\""},
	    {"\xff", 1, "\"\\ufffd\""},
	    {"a\xc3", 2, "\"a\\ufffd\""}, /* truncated */
	    {"\xc0\x80", 2, "\"\\ufffd\\ufffd\""}, /* overlong NUL */
	    {"\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* surrogate */
	    {"\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""},
	    {"\xe2\x80\xa8", 3, "\"\\u2028\""},
	    {"\xf0\x9f\x90\xb3", 4, "\"\xf0\x9f\x90\xb3\""},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = write_str(cases[i].in, cases[i].len);

		T_EQ_STR(got, cases[i].want);
		free(got);
	}
}

/* Every 1- and 2-byte sequence must come out as JSON that json-c reads. */
static void
test_all_bytes(void)
{
	struct ward_err err;
	bool ok = true;

	for (unsigned a = 0; a < 256; a++) {
		for (unsigned b = 0; b < 256; b++) {
			char in[2] = {(char)a, (char)b};
			char *got = write_str(in, 2);
			struct json_object *o = NULL;

			if (json_parse(str_from(got), &o, &err) < 0) {
				ok = false;
				T_NOTE("bytes %02x %02x: %s", a, b, err.msg);
			}
			json_object_put(o);
			free(got);
		}
	}
	T_OK(ok);
}

static void
test_writer(void)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct jsonw *w = jsonw_new(f, false);

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "a", "x");
	jsonw_key(w, "b");
	jsonw_arr_begin(w);
	jsonw_int(w, -3);
	jsonw_uint(w, UINT64_MAX);
	jsonw_double(w, 0.1);
	jsonw_double(w, 1.0 / 0.0);
	jsonw_bool(w, true);
	jsonw_null(w);
	jsonw_str(w, NULL);
	jsonw_arr_end(w);
	jsonw_key(w, "e");
	jsonw_obj_begin(w);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	T_EQ_INT(jsonw_free(w), 0);
	fclose(f);
	T_EQ_STR(out,
	    "{\"a\":\"x\",\"b\":[-3,18446744073709551615,0.1,null,"
	    "true,null,null],\"e\":{}}");
	free(out);

	f = open_memstream(&out, &len);
	w = jsonw_new(f, true);
	jsonw_obj_begin(w);
	jsonw_kv_int(w, "n", 1);
	jsonw_key(w, "l");
	jsonw_arr_begin(w);
	jsonw_str(w, "x");
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	T_EQ_INT(jsonw_free(w), 0);
	fclose(f);
	T_EQ_STR(out, "{\n  \"n\": 1,\n  \"l\": [\n    \"x\"\n  ]\n}\n");
	free(out);

	/* Unbalanced use is reported, not silently written. */
	f = open_memstream(&out, &len);
	w = jsonw_new(f, false);
	jsonw_obj_begin(w);
	T_EQ_INT(jsonw_free(w), -EINVAL);
	fclose(f);
	free(out);
	f = open_memstream(&out, &len);
	w = jsonw_new(f, false);
	jsonw_arr_begin(w);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	T_EQ_INT(jsonw_free(w), -EINVAL);
	fclose(f);
	free(out);
}

int
main(void)
{
	test_reader();
	test_depth();
	test_accessors();
	test_escaping();
	test_all_bytes();
	test_writer();
	return t_done();
}
