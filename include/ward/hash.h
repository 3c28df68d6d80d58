#ifndef WARD_HASH_H
#define WARD_HASH_H

/*
 * SHA-256 over streams (libcrypto, which uses SHA-NI where the CPU has
 * it), and hex and base64 encoding.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct arena;
struct ward_err;

#define SHA256_LEN 32
#define SHA256_HEX_LEN 64

struct sha256 {
	void *ctx; /* EVP_MD_CTX */
};

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t n);
/* Write the digest and release the context; 'h' may be initialised again. */
void sha256_final(struct sha256 *h, uint8_t out[SHA256_LEN]);
/* Release without a digest (on an error path). Safe after final. */
void sha256_fini(struct sha256 *h);

/* One-shot digest of a buffer. */
void sha256_buf(const void *data, size_t n, uint8_t out[SHA256_LEN]);

/*
 * Digest everything readable from 'fd' (at most 'max' bytes, else
 * -EFBIG). Returns the byte count, or -errno with 'err' set.
 */
int64_t
sha256_fd(int fd, uint64_t max, uint8_t out[SHA256_LEN], struct ward_err *err);

/* Lower-case hex of n bytes into dst (2n+1 bytes, NUL-terminated). */
void hex_encode(const uint8_t *src, size_t n, char *dst);
/*
 * Decode hex (either case) of exactly 2*n digits into n bytes. Returns 0 or
 * -EINVAL.
 */
int hex_decode(struct str s, uint8_t *dst, size_t n);

/* Length of the base64 text for n bytes (with padding, without NUL). */
size_t base64_encoded_len(size_t n);
/* Standard alphabet with padding; dst holds base64_encoded_len(n)+1. */
void base64_encode(const uint8_t *src, size_t n, char *dst);
/*
 * Decode base64 in the standard or the URL-safe alphabet, with or without
 * padding (as found in docker auths and JWTs). Whitespace is not allowed.
 * Writes into an arena block (NUL-terminated for convenience). Returns 0
 * or -EINVAL.
 */
int base64_decode(struct arena *a, struct str s, struct str *out);

#endif
