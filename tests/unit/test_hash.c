/*
 * SHA-256 against the FIPS 180-2 example vectors, and hex and base64
 * against RFC 4648 section 10's test vectors.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/hash.h"
#include "ward/mem.h"

static const char *
hex_of(const uint8_t d[SHA256_LEN])
{
	static char hex[SHA256_HEX_LEN + 1];

	hex_encode(d, SHA256_LEN, hex);
	return hex;
}

static void
test_sha256(void)
{
	uint8_t d[SHA256_LEN];
	struct sha256 h;
	char *million = xmalloc(1000000);

	sha256_buf("abc", 3, d);
	T_EQ_STR(hex_of(d),
	    "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_buf("", 0, d);
	T_EQ_STR(hex_of(d),
	    "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_buf(
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, d);
	T_EQ_STR(hex_of(d),
	    "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	/* One million 'a', fed in uneven pieces. */
	memset(million, 'a', 1000000);
	sha256_init(&h);
	for (size_t off = 0, step = 1; off < 1000000; step = step * 3 % 9973) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;

		sha256_update(&h, million + off, n);
		off += n;
	}
	sha256_final(&h, d);
	T_EQ_STR(hex_of(d),
	    "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
test_sha256_fd(void)
{
	char path[] = "/tmp/ward-hash-XXXXXX";
	int fd = mkstemp(path);
	struct ward_err err;
	uint8_t d[SHA256_LEN];

	T_OK(fd >= 0);
	unlink(path);
	T_OK(write(fd, "abc", 3) == 3);
	lseek(fd, 0, SEEK_SET);
	T_EQ_INT(sha256_fd(fd, 3, d, &err), 3); /* at the cap */
	T_EQ_STR(hex_of(d),
	    "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	lseek(fd, 0, SEEK_SET);
	T_EQ_INT(sha256_fd(fd, 2, d, &err), -EFBIG); /* over */
	close(fd);
	T_EQ_INT(sha256_fd(-1, 10, d, &err), -EBADF);
}

static void
test_hex(void)
{
	uint8_t b[4];
	char out[9];

	hex_encode((const uint8_t *)"\x00\xff\x10\xab", 4, out);
	T_EQ_STR(out, "00ff10ab");
	T_EQ_INT(hex_decode(STR("00FF10ab"), b, 4), 0);
	T_OK(memcmp(b, "\x00\xff\x10\xab", 4) == 0);
	T_EQ_INT(hex_decode(STR("00ff10a"), b, 4), -EINVAL);
	T_EQ_INT(hex_decode(STR("00ff10ag"), b, 4), -EINVAL);
}

static void
test_base64(void)
{
	/* RFC 4648, section 10. */
	static const struct {
		const char *raw, *enc;
	} v[] = {
	    {"", ""},
	    {"f", "Zg=="},
	    {"fo", "Zm8="},
	    {"foo", "Zm9v"},
	    {"foob", "Zm9vYg=="},
	    {"fooba", "Zm9vYmE="},
	    {"foobar", "Zm9vYmFy"},
	};
	static const struct {
		const char *in;
		int want;
		const char *raw;
	} dec[] = {
	    {"Zm9vYg", 0, "foob"}, /* unpadded, as in JWTs */
	    {"Zm9vYmE", 0, "fooba"},
	    {"-_8", 0, "\xfb\xff"}, /* URL-safe alphabet */
	    {"+/8=", 0, "\xfb\xff"},
	    {"Zm9vY", -EINVAL, NULL}, /* impossible length */
	    {"Zm9v YmFy", -EINVAL, NULL},
	    {"Zg=", -EINVAL, NULL}, /* padding without a full quad */
	    {"Zg===", -EINVAL, NULL},
	    {"Z=g=", -EINVAL, NULL},
	    {"Zm9v\n", -EINVAL, NULL},
	};
	struct arena *a = arena_new();
	char out[16];
	struct str s;

	for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
		size_t n = strlen(v[i].raw);

		base64_encode((const uint8_t *)v[i].raw, n, out);
		T_EQ_STR(out, v[i].enc);
		T_EQ_INT(base64_encoded_len(n), strlen(v[i].enc));
		T_EQ_INT(base64_decode(a, str_from(v[i].enc), &s), 0);
		T_OK(str_eq_cstr(s, v[i].raw));
	}
	for (size_t i = 0; i < ARRAY_SIZE(dec); i++) {
		int r = base64_decode(a, str_from(dec[i].in), &s);

		T_EQ_INT(r, dec[i].want);
		if (r == 0)
			T_OK(str_eq_cstr(s, dec[i].raw));
	}
	arena_free(a);
}

int
main(void)
{
	test_sha256();
	test_sha256_fd();
	test_hex();
	test_base64();
	return t_done();
}
