#ifndef WARD_STR_H
#define WARD_STR_H

/*
 * String views: a pointer and a length, never assumed NUL-terminated,
 * because file contents may hold NUL bytes. Views borrow the bytes they
 * point at. Also number parsing in the manner of OpenBSD's strtonum.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct str {
	const char *p;
	size_t len;
};

/* A view of a string literal. */
#define STR(lit) ((struct str){(lit), sizeof(lit) - 1})
#define STR_NULL ((struct str){NULL, 0})
/* printf("%.*s", STR_FMT(s)) */
#define STR_FMT(s) (int)((s).len > 0x7fffffff ? 0x7fffffff : (s).len), (s).p

struct str str_from(const char *cstr);
struct str str_make(const char *p, size_t len);
bool str_eq(struct str a, struct str b);
bool str_eq_cstr(struct str a, const char *b);
bool str_case_eq(struct str a, struct str b);
bool str_starts_with(struct str s, struct str prefix);
bool str_ends_with(struct str s, struct str suffix);
/* Index of the first 'c' in 's', or -1. */
ssize_t str_find_char(struct str s, char c);
/* Index of the first occurrence of 'needle', or -1. */
ssize_t str_find(struct str s, struct str needle);
/* The part of 's' from 'start', at most 'n' bytes (clamped). */
struct str str_sub(struct str s, size_t start, size_t n);
/* Strip ASCII spaces and tabs (and \r, \n) from both ends. */
struct str str_trim(struct str s);
/*
 * Split at the first 'sep': *head gets the part before it, 's' is advanced
 * past it. Returns false (and puts all of 's' in *head, leaving 's' empty)
 * when 'sep' does not occur.
 */
bool str_cut(struct str *s, char sep, struct str *head);
/*
 * Take the next line of 's' (without its "\n" or "\r\n"), advancing 's'.
 * Returns false at the end of input.
 */
bool str_next_line(struct str *s, struct str *line);

/*
 * Parse a decimal unsigned number that fills all of 's' (no sign, no
 * spaces, no empty string). Returns 0, -EINVAL (not a number) or -ERANGE
 * (greater than 'max').
 */
int parse_u64(struct str s, uint64_t max, uint64_t *out);

/* The same for a NUL-terminated string, for command-line arguments. */
int parse_u64_cstr(const char *s, uint64_t max, uint64_t *out);

/*
 * Write a printable, escaped form of untrusted bytes into 'dst' (always
 * NUL-terminated when dstlen > 0): valid UTF-8 printable text is kept,
 * control characters, C1 controls, DEL, backslash and invalid UTF-8 bytes
 * become \n, \t, \\ or \xHH. A cut is marked with "...". Returns 'dst'.
 * No terminal escape sequence survives.
 */
char *str_escape(char *dst, size_t dstlen, struct str s);

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid. */
size_t utf8_seq_len(const unsigned char *p, size_t avail);

#endif
