/*
 * Region allocator. Memory comes in chunks that grow geometrically up to
 * 1 MiB; a request larger than a quarter of the current chunk size gets a
 * chunk of its own, so big blocks do not waste the tail of a shared one.
 * Nothing is freed before arena_free().
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ward/arena.h"
#include "ward/mem.h"
#include "ward/str.h"

#define ALIGN 16
#define CHUNK_MIN 4096
#define CHUNK_MAX (1u << 20)

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

struct arena {
	struct chunk *head; /* current chunk (shared small allocations) */
	struct chunk *big; /* chunks holding one large block each */
	size_t next_size;
	size_t used;
	struct arena *children; /* adopted arenas, freed with this one */
	struct arena *sibling;
};

struct arena *
arena_new(void)
{
	struct arena *a = xcalloc(1, sizeof(*a));

	a->next_size = CHUNK_MIN;
	return a;
}

static void
free_chain(struct chunk *c)
{
	while (c) {
		struct chunk *next = c->next;

		free(c);
		c = next;
	}
}

void
arena_free(struct arena *a)
{
	if (!a)
		return;
	while (a->children) {
		struct arena *c = a->children;

		a->children = c->sibling;
		arena_free(c);
	}
	free_chain(a->head);
	free_chain(a->big);
	free(a);
}

static struct chunk *
chunk_new(size_t size)
{
	struct chunk *c;
	size_t total;

	if (!size_add(sizeof(*c), size, &total))
		die_oom();
	c = xmalloc(total);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t need;

	if (!size_add(n, ALIGN - 1, &need))
		die_oom();
	need &= ~(size_t)(ALIGN - 1);
	a->used += need;
	if (need > a->next_size / 4) {
		c = chunk_new(need);
		c->next = a->big;
		a->big = c;
		c->used = need;
		return c->data;
	}
	if (!c || c->size - c->used < need) {
		c = chunk_new(a->next_size);
		c->next = a->head;
		a->head = c;
		if (a->next_size < CHUNK_MAX)
			a->next_size *= 2;
	}
	c->used += need;
	return c->data + c->used - need;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	size_t n;
	void *p;

	if (!size_mul(nmemb, size, &n))
		die_oom();
	p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

void *
arena_realloc(
    struct arena *a, void *p, size_t old_nmemb, size_t nmemb, size_t size)
{
	size_t n, old;
	void *q;

	if (!size_mul(nmemb, size, &n) || !size_mul(old_nmemb, size, &old))
		die_oom();
	q = arena_alloc(a, n);
	if (p && old)
		memcpy(q, p, old < n ? old : n);
	return q;
}

void *
arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (n)
		memcpy(q, p, n);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	size_t total;
	char *q;

	if (!size_add(n, 1, &total))
		die_oom();
	q = arena_alloc(a, total);
	if (n)
		memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_strz(struct arena *a, struct str s)
{
	return arena_strndup(a, s.p ? s.p : "", s.len);
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	char probe[1], *p;
	int n;

	/* Never NULL from a caller; saying so lets gcc's -O2 sanitizer build
	 * see that fmt is a format string (else -Wformat-truncation). */
	if (!fmt)
		return arena_strdup(a, "");
	va_copy(ap2, ap);
	n = vsnprintf(probe, sizeof(probe), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
		p[0] = '\0';
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_adopt(struct arena *parent, struct arena *child)
{
	child->sibling = parent->children;
	parent->children = child;
	parent->used += child->used;
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}
