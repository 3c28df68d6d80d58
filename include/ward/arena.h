#ifndef WARD_ARENA_H
#define WARD_ARENA_H

/*
 * A region allocator: everything derived from one scan's input lives in
 * one arena and is released at once by arena_free(). Allocation aborts on
 * out-of-memory; callers bound their inputs (limits.h) instead.
 */

#include <stdarg.h>
#include <stddef.h>

struct arena;
struct str;

/* Create an empty arena. Caller owns; release with arena_free(). */
struct arena *arena_new(void);

/* Release every allocation made from 'a'. Accepts NULL. */
void arena_free(struct arena *a);

/* n bytes, 16-byte aligned, uninitialised. n == 0 gives a valid pointer. */
void *arena_alloc(struct arena *a, size_t n);

/* nmemb*size zeroed bytes; aborts if the product overflows. */
void *arena_calloc(struct arena *a, size_t nmemb, size_t size);

/* Grow an array allocated from 'a' to nmemb*size bytes (old_nmemb
 * elements are copied). The old block is not reused. */
void *arena_realloc(
    struct arena *a, void *p, size_t old_nmemb, size_t nmemb, size_t size);

void *arena_memdup(struct arena *a, const void *p, size_t n);

/* A NUL-terminated copy of n bytes (which may contain NUL). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

/* A NUL-terminated copy of a string view. */
char *arena_strz(struct arena *a, struct str s);

char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * Make 'child' part of 'parent': it is freed by arena_free(parent). Lets
 * worker threads fill private arenas whose results outlive them.
 */
void arena_adopt(struct arena *parent, struct arena *child);

/* Bytes handed out so far (for memory accounting in tests and limits). */
size_t arena_used(const struct arena *a);

#endif
