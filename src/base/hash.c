/*
 * SHA-256 through libcrypto's EVP interface (which picks SHA-NI or AVX2
 * code paths at run time), and hex and base64 codecs written out here
 * because their exact acceptance rules matter: decoders reject anything
 * that is not strictly in the alphabet.
 */

#include <errno.h>
#include <openssl/evp.h>
#include <string.h>
#include <unistd.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/hash.h"
#include "ward/mem.h"

void
sha256_init(struct sha256 *h)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		die_oom(); /* only fails when allocation fails */
	h->ctx = ctx;
}

void
sha256_update(struct sha256 *h, const void *data, size_t n)
{
	if (n && EVP_DigestUpdate(h->ctx, data, n) != 1)
		die_oom();
}

void
sha256_final(struct sha256 *h, uint8_t out[SHA256_LEN])
{
	unsigned len = 0;

	if (EVP_DigestFinal_ex(h->ctx, out, &len) != 1 || len != SHA256_LEN)
		die_oom();
	sha256_fini(h);
}

void
sha256_fini(struct sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

void
sha256_buf(const void *data, size_t n, uint8_t out[SHA256_LEN])
{
	struct sha256 h;

	sha256_init(&h);
	sha256_update(&h, data, n);
	sha256_final(&h, out);
}

int64_t
sha256_fd(int fd, uint64_t max, uint8_t out[SHA256_LEN], struct ward_err *err)
{
	enum { BLOCK = 1 << 16 };
	_cleanup_free_ char *b = xmalloc(BLOCK);
	struct sha256 h;
	uint64_t total = 0;

	sha256_init(&h);
	for (;;) {
		ssize_t n = read(fd, b, BLOCK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			sha256_fini(&h);
			return err_set(err, errno, "read: %s", strerror(errno));
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (total > max) {
			sha256_fini(&h);
			return err_set(err, EFBIG, "more than %llu bytes",
			    (unsigned long long)max);
		}
		sha256_update(&h, b, (size_t)n);
	}
	sha256_final(&h, out);
	return (int64_t)total;
}

static const char hexdig[] = "0123456789abcdef";

void
hex_encode(const uint8_t *src, size_t n, char *dst)
{
	for (size_t i = 0; i < n; i++) {
		dst[2 * i] = hexdig[src[i] >> 4];
		dst[2 * i + 1] = hexdig[src[i] & 15];
	}
	dst[2 * n] = '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hex_decode(struct str s, uint8_t *dst, size_t n)
{
	if (s.len != 2 * n)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s.p[2 * i]), lo = hexval(s.p[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		dst[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
base64_encoded_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

void
base64_encode(const uint8_t *src, size_t n, char *dst)
{
	size_t o = 0, i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v =
		    (uint32_t)src[i] << 16 | src[i + 1] << 8 | src[i + 2];

		dst[o++] = b64[v >> 18];
		dst[o++] = b64[(v >> 12) & 63];
		dst[o++] = b64[(v >> 6) & 63];
		dst[o++] = b64[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)src[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)src[i + 1] << 8;
		dst[o++] = b64[v >> 18];
		dst[o++] = b64[(v >> 12) & 63];
		dst[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		dst[o++] = '=';
	}
	dst[o] = '\0';
}

static int
b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

int
base64_decode(struct arena *a, struct str s, struct str *out)
{
	size_t len = s.len, o = 0;
	uint32_t acc = 0;
	unsigned bits = 0;
	char *dst;

	/* Up to two '=' of padding, and only where padding belongs. */
	while (len > 0 && s.p[len - 1] == '=' && s.len - len < 2)
		len--;
	if (len != s.len && s.len % 4 != 0)
		return -EINVAL;
	if (len % 4 == 1)
		return -EINVAL;
	dst = arena_alloc(a, len / 4 * 3 + 3);
	for (size_t i = 0; i < len; i++) {
		int v = b64val(s.p[i]);

		if (v < 0)
			return -EINVAL;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			dst[o++] = (char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	dst[o] = '\0';
	*out = (struct str){dst, o};
	return 0;
}
