/*
 * Unit tests for src/base: errors, arena, string views, number parsing,
 * bounded buffers, the hash map and the log's sanitising. Expected values
 * are worked out by hand in the tables (or, for the map, checked against
 * a plain array kept beside it).
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/log.h"
#include "ward/map.h"
#include "ward/mem.h"
#include "ward/str.h"

static void
test_err(void)
{
	struct ward_err err = {0};
	char big[600];

	T_EQ_INT(err_set(&err, ENOENT, "open '%s'", "x"), -ENOENT);
	T_EQ_INT(err.code, ENOENT);
	T_EQ_STR(err.msg, "open 'x'");
	T_EQ_INT(err_wrap(&err, "layer %d", 3), -ENOENT);
	T_EQ_STR(err.msg, "layer 3: open 'x'");
	/* A message that does not fit is cut and marked. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	err_set(&err, EBADMSG, "%s", big);
	T_EQ_INT(strlen(err.msg), WARD_ERR_MSG_MAX - 1);
	T_OK(strcmp(err.msg + WARD_ERR_MSG_MAX - 4, "...") == 0);
	err_wrap(&err, "ctx");
	T_OK(strncmp(err.msg, "ctx: aaa", 8) == 0);
	T_OK(strcmp(err.msg + WARD_ERR_MSG_MAX - 4, "...") == 0);
	/* A zero code from a buggy caller still reads as a failure. */
	T_EQ_INT(err_set(&err, 0, "bug"), -EIO);
	err_clear(&err);
	T_EQ_INT(err.code, 0);
	T_EQ_STR(err.msg, "");
}

static void
test_arena(void)
{
	struct arena *a = arena_new();
	char *s, *big;
	int *arr;
	bool aligned = true, intact = true;

	for (int i = 0; i < 10000; i++) {
		char *p = arena_alloc(a, (size_t)(i % 37) + 1);

		aligned &= ((uintptr_t)p % 16) == 0;
		memset(p, 0x5a, (size_t)(i % 37) + 1);
	}
	T_OK(aligned);
	s = arena_strndup(a, "ab\0cd", 5);
	T_OK(memcmp(s, "ab\0cd", 6) == 0);
	T_EQ_STR(arena_printf(a, "%d-%s", 42, "x"), "42-x");
	T_EQ_STR(arena_strz(a, STR("view")), "view");
	big = arena_alloc(a, 10u << 20); /* gets its own chunk */
	memset(big, 1, 10u << 20);
	arr = arena_calloc(a, 4, sizeof(int));
	T_OK(arr[0] == 0 && arr[3] == 0);
	arr[0] = 7;
	arr = arena_realloc(a, arr, 4, 1000, sizeof(int));
	T_EQ_INT(arr[0], 7);
	for (size_t i = 0; i < 10u << 20; i += 4096)
		intact &= big[i] == 1;
	T_OK(intact);
	T_OK(arena_used(a) >= (10u << 20));
	T_OK(arena_alloc(a, 0) != NULL);
	arena_free(a);
	arena_free(NULL);
}

static void
test_str(void)
{
	struct str s = STR("key: value\r\nnext\n\nlast"), line, head;
	static const char *const want[] = {"key: value", "next", "", "last"};
	size_t n = 0;
	bool ok = true;

	while (str_next_line(&s, &line)) {
		ok &= n < 4 && str_eq_cstr(line, want[n]);
		n++;
	}
	T_OK(ok);
	T_EQ_INT(n, 4);
	s = STR("a=b=c");
	T_OK(str_cut(&s, '=', &head) && str_eq_cstr(head, "a") &&
	    str_eq_cstr(s, "b=c"));
	s = STR("abc");
	T_OK(
	    !str_cut(&s, '=', &head) && str_eq_cstr(head, "abc") && s.len == 0);
	T_OK(str_eq_cstr(str_trim(STR(" \t x y \r\n")), "x y"));
	T_OK(str_eq_cstr(str_trim(STR("   ")), ""));
	T_OK(str_starts_with(STR("var/lib"), STR("var/")));
	T_OK(!str_starts_with(STR("va"), STR("var/")));
	T_OK(str_ends_with(STR("a.wh..wh..opq"), STR(".wh..wh..opq")));
	T_EQ_INT(str_find(STR("hello world"), STR("wor")), 6);
	T_EQ_INT(str_find(STR("hello"), STR("xyz")), -1);
	T_EQ_INT(str_find_char(STR("a\0b"), 'b'), 2);
	T_OK(str_eq_cstr(str_sub(STR("abcdef"), 4, 10), "ef"));
	T_OK(str_eq_cstr(str_sub(STR("abc"), 9, 1), ""));
	T_OK(str_case_eq(STR("Debian"), STR("dEBIAN")));
	T_OK(!str_eq(STR("a"), STR("ab")));
}

static void
test_parse_u64(void)
{
	static const struct {
		const char *in;
		uint64_t max;
		int want;
		uint64_t val;
	} cases[] = {
	    {"0", 10, 0, 0},
	    {"10", 10, 0, 10}, /* at the limit */
	    {"9", 10, 0, 9}, /* just under */
	    {"11", 10, -ERANGE, 0}, /* just over */
	    {"18446744073709551615", UINT64_MAX, 0, UINT64_MAX},
	    {"18446744073709551616", UINT64_MAX, -ERANGE, 0},
	    {"99999999999999999999999", UINT64_MAX, -ERANGE, 0},
	    {"007", 10, 0, 7},
	    {"", 10, -EINVAL, 0},
	    {"-1", 10, -EINVAL, 0},
	    {"+1", 10, -EINVAL, 0},
	    {" 1", 10, -EINVAL, 0},
	    {"1 ", 10, -EINVAL, 0},
	    {"0x10", 100, -EINVAL, 0},
	    {"1e3", 10000, -EINVAL, 0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t v = 12345;
		int r = parse_u64_cstr(cases[i].in, cases[i].max, &v);

		T_EQ_INT(r, cases[i].want);
		if (r == 0)
			T_OK(v == cases[i].val);
		else
			T_OK(v == 12345); /* out untouched on failure */
	}
	/* A view is not read past its length, even with digits beyond. */
	{
		uint64_t v;

		T_EQ_INT(parse_u64(str_make("123456", 3), 1000, &v), 0);
		T_EQ_INT(v, 123);
	}
}

static void
test_escape(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
	    {"plain", 5, "plain"}, {"\033[31mred", 8, "\\x1b[31mred"},
	    {"a\nb\tc", 5, "a\\nb\\tc"}, {"back\\slash", 10, "back\\\\slash"},
	    {"nul\0x", 5, "nul\\x00x"}, {"del\x7f", 4, "del\\x7f"},
	    {"caf\xc3\xa9", 5, "caf\xc3\xa9"}, /* valid UTF-8 */
	    {"\xc2\x9b"
	     "31m",
		5, "\\u009b31m"}, /* C1 CSI */
	    {"\xff\xfe", 2, "\\xff\\xfe"}, /* invalid */
	    {"\xc0\xaf", 2, "\\xc0\\xaf"}, /* overlong '/' */
	    {"\xed\xa0\x80", 3, "\\xed\\xa0\\x80"}, /* surrogate */
	    {"\xe2\x80\xae"
	     "evil",
		7, "\\u202eevil"}, /* bidi override */
	    {"\xf0\x9f\x90\xb3", 4, "\xf0\x9f\x90\xb3"}, /* emoji */
	};
	char out[64], small[8];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		T_EQ_STR(str_escape(out, sizeof(out),
			     str_make(cases[i].in, cases[i].len)),
		    cases[i].want);
	T_EQ_STR(
	    str_escape(small, sizeof(small), STR("abcdefghijkl")), "abcd...");
	/* The cut looks only at bytes it wrote: stale buffer contents that
	 * look like UTF-8 continuation bytes must not change the result. */
	{
		char a[8], b[8];

		memset(a, 0x80, sizeof(a));
		memset(b, 0, sizeof(b));
		/* "\x1b" (4 bytes) does not fit after "abcd": the cut
		 * happens at 4, where nothing was written. */
		T_EQ_STR(str_escape(a, sizeof(a), STR("abcd\033xyz")),
		    str_escape(b, sizeof(b), STR("abcd\033xyz")));
		T_EQ_STR(b, "abcd...");
	}
	/* A cut never splits a UTF-8 sequence. */
	str_escape(small, sizeof(small), STR("abc\xc3\xa9\xc3\xa9xyz"));
	T_OK(utf8_seq_len((const unsigned char *)small, strlen(small)) > 0);
	T_OK(strstr(small, "...") != NULL);
}

static void
test_buf(void)
{
	struct buf b;
	char *p;
	size_t len;

	buf_init(&b, 10);
	T_EQ_INT(buf_puts(&b, "0123456789"), 0); /* exactly at the ceiling */
	T_EQ_INT(buf_putc(&b, 'x'), -EFBIG); /* one over */
	T_EQ_INT(b.len, 10);
	T_EQ_STR(buf_cstr(&b), "0123456789");
	buf_reset(&b);
	T_EQ_INT(buf_printf(&b, "%d", 123456789), 0); /* 9: just under */
	T_EQ_INT(buf_printf(&b, "%s", "ab"), -EFBIG);
	T_EQ_STR(buf_cstr(&b), "123456789");
	T_EQ_INT(buf_append(&b, "\0", 1), 0);
	T_EQ_INT(buf_str(&b).len, 10);
	p = buf_steal(&b, &len);
	T_EQ_INT(len, 10);
	free(p);
	T_EQ_STR(buf_cstr(&b), "");
	buf_init(&b, SIZE_MAX);
	T_EQ_INT(buf_append(&b, "x", SIZE_MAX), -EFBIG); /* overflow */
	buf_fini(&b);
}

static void
test_map(void)
{
	enum { N = 20000 };
	struct map *m = map_new();
	static char keys[N][16];
	static int vals[N];
	bool ok = true;
	size_t iter = 0, seen = 0;
	struct str k;
	void *v;

	for (int i = 0; i < N; i++) {
		int n = snprintf(keys[i], sizeof(keys[i]), "key%d", i);

		vals[i] = i;
		ok &= n > 0 &&
		    map_put(m, str_make(keys[i], (size_t)n), &vals[i]) == NULL;
	}
	T_OK(ok);
	T_EQ_INT(map_len(m), N);
	/* Delete every third key, then check all against the array. */
	for (int i = 0; i < N; i += 3)
		ok &= map_del(m, str_from(keys[i])) == &vals[i];
	T_OK(ok);
	for (int i = 0; i < N; i++) {
		void *got = map_get(m, str_from(keys[i]));

		ok &= i % 3 == 0 ? got == NULL : got == &vals[i];
	}
	T_OK(ok);
	T_EQ_INT(map_len(m), N - (N + 2) / 3);
	while (map_next(m, &iter, &k, &v))
		seen++;
	T_EQ_INT(seen, map_len(m));
	T_OK(map_put(m, STR("key1"), &vals[0]) == &vals[1]); /* replace */
	T_OK(map_get(m, STR("")) == NULL);
	T_OK(map_put(m, STR(""), &vals[2]) == NULL); /* empty key is a key */
	T_OK(map_get(m, STR("")) == &vals[2]);
	T_OK(map_hash(STR("abc")) == map_hash(STR("abc")));
	T_OK(map_hash(STR("abc")) != map_hash(STR("abd")));
	map_free(m);
	map_free(NULL);
}

static void
test_log(void)
{
	char tmpl[] = "/tmp/ward-log-XXXXXX", got[512];
	int fd = mkstemp(tmpl);
	ssize_t n;

	T_OK(fd >= 0);
	unlink(tmpl);
	log_set_fd(fd);
	log_set_color(false);
	log_set_level(LOG_WARN);
	log_warn("file '%s', skipping",
	    "\033]0;owned\007\xc2\x9b"
	    "2J");
	log_info("not shown at the default level");
	log_debug("nor this");
	log_set_level(LOG_DEBUG);
	log_debug("shown %d", 1);
	log_set_level(LOG_QUIET);
	log_error("silenced");
	log_set_level(LOG_WARN);
	log_set_fd(2);
	n = pread(fd, got, sizeof(got) - 1, 0);
	close(fd);
	T_OK(n > 0);
	got[n > 0 ? n : 0] = '\0';
	T_EQ_STR(got,
	    "ward: warning: file '\\x1b]0;owned\\x07\\u009b2J', "
	    "skipping\nward: debug: shown 1\n");
	T_OK(strchr(got, '\033') == NULL);
}

int
main(void)
{
	test_err();
	test_arena();
	test_str();
	test_parse_u64();
	test_escape();
	test_buf();
	test_map();
	test_log();
	return t_done();
}
