/*
 * Bounded growable buffers. The ceiling is fixed at init, so a buffer fed
 * from untrusted input fails with -EFBIG instead of eating memory.
 */

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "ward/buf.h"
#include "ward/mem.h"

void
buf_init(struct buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_fini(struct buf *b)
{
	free(b->p);
	buf_init(b, b->max);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* Make room for 'n' more bytes plus the NUL. */
static int
reserve(struct buf *b, size_t n)
{
	size_t need, cap;

	if (!size_add(b->len, n, &need) || need > b->max || need == SIZE_MAX)
		return -EFBIG;
	need++; /* the NUL */
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		if (!size_mul(cap, 2, &cap))
			cap = need;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
	return 0;
}

int
buf_append(struct buf *b, const void *data, size_t n)
{
	int r = reserve(b, n);

	if (r < 0)
		return r;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int
buf_append_str(struct buf *b, struct str s)
{
	return buf_append(b, s.p, s.len);
}

int
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	char probe[1];
	int n, r;

	va_copy(ap2, ap);
	n = vsnprintf(probe, sizeof(probe), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return -EINVAL;
	r = reserve(b, (size_t)n);
	if (r < 0)
		return r;
	if (vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap) != n)
		return -EINVAL;
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

struct str
buf_str(const struct buf *b)
{
	return (struct str){b->p ? b->p : "", b->len};
}

const char *
buf_cstr(const struct buf *b)
{
	return b->p ? b->p : "";
}

char *
buf_steal(struct buf *b, size_t *len)
{
	char *p = b->p ? b->p : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}
