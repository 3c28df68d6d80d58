/*
 * The layer size cap holds for every codec, libarchive's filters too: a
 * tar of a known uncompressed size, compressed with xz and bzip2 here
 * (liblzma, libbz2), is read with the cap at, one under and one over that
 * size. The size is worked out from the tar format, not read from ward:
 * one 512-byte header, the data padded to 512, and two 512-byte end
 * blocks.
 */
#include <bzlib.h>
#include <errno.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/image/internal.h"
#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"

#define DATA_LEN (1u << 20)
#define TAR_LEN (512u + DATA_LEN + 1024u)

/* A ustar header for one regular file "zeros" of DATA_LEN bytes. */
static void
tar_make(unsigned char *t)
{
	unsigned sum = 0;

	memset(t, 0, TAR_LEN);
	memcpy(t, "zeros", 5);
	memcpy(t + 100, "0000644", 7);
	memcpy(t + 108, "0000000", 7);
	memcpy(t + 116, "0000000", 7);
	snprintf((char *)t + 124, 12, "%011o", DATA_LEN);
	memcpy(t + 136, "00000000000", 11);
	t[156] = '0';
	memcpy(t + 257, "ustar", 6);
	memcpy(t + 263, "00", 2);
	memset(t + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += t[i];
	snprintf((char *)t + 148, 8, "%06o", sum);
}

static size_t
xz_make(const unsigned char *in, unsigned char *out, size_t cap)
{
	size_t pos = 0;

	if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, TAR_LEN, out,
		&pos, cap) != LZMA_OK)
		return 0;
	return pos;
}

static size_t
bz_make(const unsigned char *in, unsigned char *out, size_t cap)
{
	unsigned n = (unsigned)cap;

	if (BZ2_bzBuffToBuffCompress(
		(char *)out, &n, (char *)in, TAR_LEN, 9, 0, 0) != BZ_OK)
		return 0;
	return n;
}

/* Read the compressed tar with the cap at 'max'. */
static int
read_capped(const unsigned char *c, size_t n, uint64_t max,
    struct layer_result *res, struct ward_err *err)
{
	FILE *f = tmpfile();
	struct arena *a = arena_new();
	struct blob b;
	int r;

	if (!f || fwrite(c, 1, n, f) != n || fflush(f) != 0)
		return -EIO;
	b = (struct blob){.fd = fileno(f), .off = 0, .len = n, .name = "t"};
	memset(err, 0, sizeof(*err));
	r = layer_process_rootfs(a, &b, 0, max, NULL, NULL, res, err);
	fclose(f);
	arena_free(a);
	return r;
}

static void
check_codec(const char *name, const unsigned char *c, size_t n)
{
	struct layer_result res;
	struct ward_err err;
	char want[96];

	T_NOTE("%s: %zu bytes compressed", name, n);
	T_OK(n > 0);
	T_EQ_INT(read_capped(c, n, TAR_LEN + 1, &res, &err), 0);
	T_EQ_INT(res.bytes, TAR_LEN);
	T_EQ_INT(res.entries, 1);
	T_EQ_INT(read_capped(c, n, TAR_LEN, &res, &err), 0);
	T_EQ_INT(res.bytes, TAR_LEN);
	T_EQ_INT(read_capped(c, n, TAR_LEN - 1, &res, &err), -EFBIG);
	snprintf(want, sizeof(want),
	    "layer expands past %u bytes (the size cap)", TAR_LEN - 1);
	T_EQ_STR(err.msg, want);
}

int
main(void)
{
	unsigned char *tar = malloc(TAR_LEN), *c = malloc(TAR_LEN);

	tar_make(tar);
	check_codec("xz", c, xz_make(tar, c, TAR_LEN));
	check_codec("bzip2", c, bz_make(tar, c, TAR_LEN));
	free(tar);
	free(c);
	return t_done();
}
