#ifndef WARD_MEM_H
#define WARD_MEM_H

/*
 * Heap allocation that aborts when memory runs out (so callers never check
 * for NULL), overflow-checked size arithmetic, and scope-based cleanup of
 * locals in the style of systemd and crun.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: realloc to nmemb*size, aborting on overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Print a message to stderr and abort; for out-of-memory and broken
 * invariants only, never for input. */
void die_oom(void) __attribute__((noreturn));

/* Overflow-checked arithmetic: true when the result fits in *out. */
static inline bool
size_add(size_t a, size_t b, size_t *out)
{
	return !__builtin_add_overflow(a, b, out);
}

static inline bool
size_mul(size_t a, size_t b, size_t *out)
{
	return !__builtin_mul_overflow(a, b, out);
}

static inline void
freep(void *p)
{
	free(*(void **)p);
}

static inline void
closep(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd); /* nothing useful to do on a close error */
}

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)

/* Hand ownership on: return the value and leave the variable empty. */
#define TAKE_PTR(p)                                                            \
	({                                                                     \
		__typeof__(p) take_tmp_ = (p);                                 \
		(p) = NULL;                                                    \
		take_tmp_;                                                     \
	})
#define TAKE_FD(fd)                                                            \
	({                                                                     \
		int take_fd_ = (fd);                                           \
		(fd) = -1;                                                     \
		take_fd_;                                                      \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
