/*
 * A streaming JSON writer for reports. Strings come from images and
 * manifests and may hold any bytes: valid UTF-8 is copied, control
 * characters are escaped, and every byte of an invalid sequence becomes
 * U+FFFD, so the output is always valid JSON in valid UTF-8. U+2028 and
 * U+2029 are escaped too, for consumers that embed JSON in JavaScript.
 */

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ward/json.h"
#include "ward/mem.h"

#define JSONW_DEPTH 64

struct jsonw {
	FILE *f;
	bool pretty;
	bool failed;
	bool unbalanced;
	bool after_key;
	int depth;
	bool first[JSONW_DEPTH]; /* no item written yet at this level */
	char close[JSONW_DEPTH];
};

struct jsonw *
jsonw_new(FILE *f, bool pretty)
{
	struct jsonw *w = xcalloc(1, sizeof(*w));

	w->f = f;
	w->pretty = pretty;
	return w;
}

static void
put(struct jsonw *w, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, w->f) != n)
		w->failed = true;
}

static void
puts_(struct jsonw *w, const char *s)
{
	put(w, s, strlen(s));
}

static void
newline(struct jsonw *w)
{
	if (!w->pretty)
		return;
	put(w, "\n", 1);
	for (int i = 0; i < w->depth; i++)
		put(w, "  ", 2);
}

/* Separator and indentation before a value or a key. */
static void
before_item(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth - 1])
		put(w, ",", 1);
	w->first[w->depth - 1] = false;
	newline(w);
}

int
jsonw_free(struct jsonw *w)
{
	int r = 0;

	if (!w)
		return 0;
	if (w->depth == 0 && w->pretty)
		put(w, "\n", 1);
	if (fflush(w->f) != 0)
		w->failed = true;
	if (w->failed)
		r = -EIO;
	else if (w->depth != 0 || w->unbalanced || w->after_key)
		r = -EINVAL;
	free(w);
	return r;
}

static void
open_(struct jsonw *w, char o, char c)
{
	before_item(w);
	put(w, &o, 1);
	if (w->depth >= JSONW_DEPTH) {
		w->unbalanced = true;
		return;
	}
	w->first[w->depth] = true;
	w->close[w->depth] = c;
	w->depth++;
}

static void
close_(struct jsonw *w, char c)
{
	bool empty;

	if (w->depth == 0 || w->close[w->depth - 1] != c || w->after_key) {
		w->unbalanced = true;
		return;
	}
	empty = w->first[w->depth - 1];
	w->depth--;
	if (!empty)
		newline(w);
	put(w, &c, 1);
}

void
jsonw_obj_begin(struct jsonw *w)
{
	open_(w, '{', '}');
}

void
jsonw_obj_end(struct jsonw *w)
{
	close_(w, '}');
}

void
jsonw_arr_begin(struct jsonw *w)
{
	open_(w, '[', ']');
}

void
jsonw_arr_end(struct jsonw *w)
{
	close_(w, ']');
}

bool
json_write_string(FILE *f, struct str s)
{
	const unsigned char *p = (const unsigned char *)s.p;
	bool ok = fputc('"', f) != EOF;
	size_t i = 0;

	while (ok && i < s.len) {
		size_t n, run = i;

		/* Copy the longest run that needs no escaping in one go. */
		while (run < s.len && p[run] >= 0x20 && p[run] < 0x80 &&
		    p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i) {
			ok = fwrite(p + i, 1, run - i, f) == run - i;
			i = run;
			continue;
		}
		n = utf8_seq_len(p + i, s.len - i);
		if (n == 0) {
			ok = fputs("\\ufffd", f) != EOF;
			i++;
		} else if (n == 1) {
			char esc[8];
			const char *e = esc;

			switch (p[i]) {
			case '"':
				e = "\\\"";
				break;
			case '\\':
				e = "\\\\";
				break;
			case '\n':
				e = "\\n";
				break;
			case '\r':
				e = "\\r";
				break;
			case '\t':
				e = "\\t";
				break;
			case '\b':
				e = "\\b";
				break;
			case '\f':
				e = "\\f";
				break;
			default:
				if (snprintf(
					esc, sizeof(esc), "\\u%04x", p[i]) != 6)
					return false;
			}
			ok = fputs(e, f) != EOF;
			i++;
		} else if (n == 3 && p[i] == 0xe2 && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9)) {
			ok = fputs(p[i + 2] == 0xa8 ? "\\u2028" : "\\u2029",
				 f) != EOF;
			i += 3;
		} else {
			ok = fwrite(p + i, 1, n, f) == n;
			i += n;
		}
	}
	return ok && fputc('"', f) != EOF;
}

void
jsonw_key(struct jsonw *w, const char *key)
{
	if (w->depth == 0 || w->close[w->depth - 1] != '}' || w->after_key) {
		w->unbalanced = true;
		return;
	}
	before_item(w);
	if (!json_write_string(w->f, str_from(key)))
		w->failed = true;
	put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
	w->after_key = true;
}

void
jsonw_strv(struct jsonw *w, struct str s)
{
	before_item(w);
	if (!s.p) {
		puts_(w, "null");
		return;
	}
	if (!json_write_string(w->f, s))
		w->failed = true;
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	jsonw_strv(w, str_from(s));
}

void
jsonw_int(struct jsonw *w, int64_t v)
{
	char num[32];

	before_item(w);
	if (snprintf(num, sizeof(num), "%" PRId64, v) > 0)
		puts_(w, num);
}

void
jsonw_uint(struct jsonw *w, uint64_t v)
{
	char num[32];

	before_item(w);
	if (snprintf(num, sizeof(num), "%" PRIu64, v) > 0)
		puts_(w, num);
}

void
jsonw_double(struct jsonw *w, double v)
{
	char num[40];

	before_item(w);
	if (!isfinite(v)) {
		puts_(w, "null");
		return;
	}
	/* The shortest of %.15g..%.17g that reads back exactly. */
	for (int prec = 15; prec <= 17; prec++) {
		if (snprintf(num, sizeof(num), "%.*g", prec, v) <= 0)
			return;
		if (strtod(num, NULL) == v)
			break;
	}
	puts_(w, num);
}

void
jsonw_bool(struct jsonw *w, bool v)
{
	before_item(w);
	puts_(w, v ? "true" : "false");
}

void
jsonw_null(struct jsonw *w)
{
	before_item(w);
	puts_(w, "null");
}

void
jsonw_kv_str(struct jsonw *w, const char *key, const char *s)
{
	jsonw_key(w, key);
	jsonw_str(w, s);
}

void
jsonw_kv_strv(struct jsonw *w, const char *key, struct str s)
{
	jsonw_key(w, key);
	jsonw_strv(w, s);
}

void
jsonw_kv_int(struct jsonw *w, const char *key, int64_t v)
{
	jsonw_key(w, key);
	jsonw_int(w, v);
}

void
jsonw_kv_uint(struct jsonw *w, const char *key, uint64_t v)
{
	jsonw_key(w, key);
	jsonw_uint(w, v);
}

void
jsonw_kv_bool(struct jsonw *w, const char *key, bool v)
{
	jsonw_key(w, key);
	jsonw_bool(w, v);
}
