/*
 * String views and number parsing. Nothing here assumes NUL termination
 * of a view, and nothing trusts its input: parse_u64 rejects signs,
 * spaces and overflow, and str_escape turns any byte sequence into text
 * that is safe to show on a terminal.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ward/str.h"

struct str
str_from(const char *cstr)
{
	return (struct str){cstr, cstr ? strlen(cstr) : 0};
}

struct str
str_make(const char *p, size_t len)
{
	return (struct str){p, len};
}

bool
str_eq(struct str a, struct str b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

bool
str_eq_cstr(struct str a, const char *b)
{
	return str_eq(a, str_from(b));
}

bool
str_case_eq(struct str a, struct str b)
{
	return a.len == b.len &&
	    (a.len == 0 || strncasecmp(a.p, b.p, a.len) == 0);
}

bool
str_starts_with(struct str s, struct str prefix)
{
	return s.len >= prefix.len &&
	    (prefix.len == 0 || memcmp(s.p, prefix.p, prefix.len) == 0);
}

bool
str_ends_with(struct str s, struct str suffix)
{
	return s.len >= suffix.len &&
	    (suffix.len == 0 ||
		memcmp(s.p + s.len - suffix.len, suffix.p, suffix.len) == 0);
}

ssize_t
str_find_char(struct str s, char c)
{
	const char *q;

	if (s.len == 0)
		return -1;
	q = memchr(s.p, c, s.len);
	return q ? q - s.p : -1;
}

ssize_t
str_find(struct str s, struct str needle)
{
	const char *q;

	if (needle.len == 0)
		return 0;
	if (s.len < needle.len)
		return -1;
	q = memmem(s.p, s.len, needle.p, needle.len);
	return q ? q - s.p : -1;
}

struct str
str_sub(struct str s, size_t start, size_t n)
{
	if (start > s.len)
		start = s.len;
	if (n > s.len - start)
		n = s.len - start;
	return (struct str){s.p + start, n};
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct str
str_trim(struct str s)
{
	while (s.len && is_space(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

bool
str_cut(struct str *s, char sep, struct str *head)
{
	ssize_t i = str_find_char(*s, sep);

	if (i < 0) {
		*head = *s;
		s->p += s->len;
		s->len = 0;
		return false;
	}
	*head = (struct str){s->p, (size_t)i};
	s->p += i + 1;
	s->len -= (size_t)i + 1;
	return true;
}

bool
str_next_line(struct str *s, struct str *line)
{
	if (s->len == 0)
		return false;
	str_cut(s, '\n', line);
	if (line->len && line->p[line->len - 1] == '\r')
		line->len--;
	return true;
}

int
parse_u64(struct str s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (s.len == 0)
		return -EINVAL;
	for (size_t i = 0; i < s.len; i++) {
		unsigned d = (unsigned char)s.p[i] - '0';

		if (d > 9)
			return -EINVAL;
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, d, &v))
			return -ERANGE;
	}
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int
parse_u64_cstr(const char *s, uint64_t max, uint64_t *out)
{
	return parse_u64(str_from(s), max, out);
}

size_t
utf8_seq_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (avail < n)
		return 0;
	/* The second byte's range excludes overlongs and surrogates. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* Code point of a valid 2..4 byte sequence. */
static unsigned
utf8_decode(const unsigned char *p, size_t n)
{
	unsigned cp = p[0] & (0xff >> (n + 1));

	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	return cp;
}

/* Characters that could change what a terminal shows. */
static bool
unsafe_cp(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

static size_t
escape_one(char out[16], const unsigned char *p, size_t avail, size_t *used)
{
	size_t n = utf8_seq_len(p, avail);

	*used = n ? n : 1;
	if (n == 1 && p[0] == '\\')
		return (size_t)snprintf(out, 16, "\\\\");
	if (n == 1 && p[0] == '\n')
		return (size_t)snprintf(out, 16, "\\n");
	if (n == 1 && p[0] == '\t')
		return (size_t)snprintf(out, 16, "\\t");
	if (n == 0 || (n == 1 && unsafe_cp(p[0])))
		return (size_t)snprintf(out, 16, "\\x%02x", p[0]);
	if (n > 1 && unsafe_cp(utf8_decode(p, n)))
		return (size_t)snprintf(out, 16, "\\u%04x", utf8_decode(p, n));
	memcpy(out, p, n);
	return n;
}

char *
str_escape(char *dst, size_t dstlen, struct str s)
{
	const unsigned char *p = (const unsigned char *)s.p;
	size_t o = 0, i = 0;

	if (dstlen == 0)
		return dst;
	while (i < s.len) {
		char piece[16];
		size_t used, n = escape_one(piece, p + i, s.len - i, &used);

		if (o + n + 1 > dstlen) {
			size_t written = o;

			/* Cut here; leave room for "..." when possible. */
			while (o > 0 && o + 4 > dstlen)
				o--;
			/* Never end inside a multi-byte sequence; only bytes
			 * written here are looked at (found by fuzzing). */
			while (o > 0 && o < written &&
			    ((unsigned char)dst[o] & 0xc0) == 0x80)
				o--;
			if (o + 4 <= dstlen) {
				memcpy(dst + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(dst + o, piece, n);
		o += n;
		i += used;
	}
	dst[o] = '\0';
	return dst;
}
