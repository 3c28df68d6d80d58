#ifndef WARD_BUF_H
#define WARD_BUF_H

/*
 * A growable byte buffer with a hard ceiling, like curl's dynbuf: appends
 * past 'max' fail with -EFBIG instead of growing without bound. The
 * contents are always NUL-terminated (the NUL is not counted in len).
 */

#include <stdarg.h>
#include <stddef.h>

#include "ward/str.h"

struct buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max;
};

/* Initialise an empty buffer that may hold at most 'max' bytes. */
void buf_init(struct buf *b, size_t max);
/* Release the memory; 'b' can be initialised again. */
void buf_fini(struct buf *b);
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);

/* Append; 0 or -EFBIG (nothing appended) when over the ceiling. */
int buf_append(struct buf *b, const void *data, size_t n);
int buf_append_str(struct buf *b, struct str s);
int buf_putc(struct buf *b, char c);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* A view of the contents, valid until the next change. */
struct str buf_str(const struct buf *b);
/* The contents as a C string ("" for an empty buffer). */
const char *buf_cstr(const struct buf *b);
/* Take the heap block (caller owns, NUL-terminated); 'b' becomes empty. */
char *buf_steal(struct buf *b, size_t *len);

#endif
