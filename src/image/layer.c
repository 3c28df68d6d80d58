/*
 * One layer, streamed once. The compressed blob is read in place (pread),
 * hashed, decompressed by ward itself (igzip from ISA-L when available,
 * else zlib; zstd; libarchive's xz, bzip2 and lz4 filters run as a stage;
 * or none, chosen by the content's magic bytes, never by a name), hashed
 * again, and fed to libarchive, which parses the tar. So
 * both the blob digest and the diff_id are checked in the same pass that
 * hands files to the analyzers. The layer is hostile: sizes, entry
 * counts and the decompression ratio are capped, entry names are
 * normalised and ".." names are skipped, and nothing is written to disk
 * or resolved on the host: links are only recorded.
 */

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "config.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"

#ifdef HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#define IN_CHUNK (256u << 10)
#define OUT_CHUNK (512u << 10)
#define ENTRY_WARN_MAX 20 /* warnings about odd entries per layer */

enum codec { CODEC_NONE, CODEC_GZIP, CODEC_ZSTD, CODEC_FILTER };

#define STAGES_MAX 3 /* a compressed layer whose tar is compressed again */

/*
 * One decompression stage. Stage 0 reads the blob; stage k reads stage
 * k-1's output. Each stage hashes what it produces, so the diff_id can be
 * checked against whichever level the image's tool called "uncompressed"
 * (umoci's 'raw add-layer' of a .tar.gz makes a gzip of a gzip, and
 * records the digest of the inner gzip as the diff_id).
 */
struct stage {
	enum codec codec;
	struct stage *src; /* NULL: the blob */
	const unsigned char *in;
	size_t in_len, in_off;
	bool in_eof, done;
	unsigned char *out; /* OUT_CHUNK bytes (stage 0 of NONE: unused) */
	size_t pending; /* output produced but not handed on yet */
#ifdef HAVE_ISAL
	struct inflate_state isal;
#else
	z_stream z;
	bool z_init;
#endif
	ZSTD_DStream *zs;
	size_t zs_last;
	struct archive *filter; /* CODEC_FILTER: libarchive's decoder */
	struct stream *st; /* CODEC_FILTER: for its read callback */
	struct sha256 h; /* of this stage's output */
};

struct stream {
	const struct blob *blob;
	uint64_t pos; /* compressed bytes read so far */
	unsigned char *blobbuf;
	struct stage stages[STAGES_MAX];
	int nstages;
	bool verify;
	struct sha256 h_blob;
	uint64_t raw_bytes, max;
	uint64_t *progress;
	const unsigned char *chunk; /* the top stage's last output */
	const struct secret_engine *secrets; /* NULL: no secret scan */
	int error;
	struct ward_err err;
};

static enum codec
sniff(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return CODEC_GZIP;
	if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f &&
	    p[3] == 0xfd)
		return CODEC_ZSTD;
	if ((n >= 6 &&
		memcmp(p,
		    "\xfd"
		    "7zXZ\0",
		    6) == 0) ||
	    (n >= 3 && memcmp(p, "BZh", 3) == 0) ||
	    (n >= 4 && memcmp(p, "\x04\x22\x4d\x18", 4) == 0))
		return CODEC_FILTER; /* xz, bzip2, lz4: see filter_step() */
	return CODEC_NONE;
}

static const char *
codec_name(enum codec c)
{
	static const char *const names[] = {
	    "uncompressed", "gzip", "zstd", "xz/bzip2/lz4"};

	return names[c];
}

static int fail(struct stream *st, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct stream *st, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(st->err.msg, sizeof(st->err.msg), fmt, ap) < 0)
		st->err.msg[0] = '\0';
	va_end(ap);
	st->err.code = code;
	st->error = -code;
	return -1;
}

/* Stage 0's input: the next piece of the blob. */
static int
read_blob(struct stream *st, struct stage *sg)
{
	size_t want = IN_CHUNK;
	int r;

	if (st->blob->len - st->pos < want)
		want = (size_t)(st->blob->len - st->pos);
	if (want == 0) {
		sg->in_eof = true;
		sg->in_len = sg->in_off = 0;
		return 0;
	}
	r = blob_pread(st->blob, st->blobbuf, want, st->pos, &st->err);
	if (r < 0) {
		st->error = r;
		return -1;
	}
	if (st->verify)
		sha256_update(&st->h_blob, st->blobbuf, want);
	st->pos += want;
	sg->in = st->blobbuf;
	sg->in_len = want;
	sg->in_off = 0;
	if (st->progress)
		__atomic_add_fetch(st->progress, want, __ATOMIC_RELAXED);
	return 0;
}

static ssize_t produce(struct stream *st, struct stage *sg);

static int
refill(struct stream *st, struct stage *sg)
{
	ssize_t n;

	if (sg->in_off < sg->in_len || sg->in_eof)
		return 0;
	if (!sg->src)
		return read_blob(st, sg);
	n = produce(st, sg->src);
	if (n < 0)
		return -1;
	sg->in = sg->src->out;
	sg->in_len = (size_t)n;
	sg->in_off = 0;
	sg->in_eof = n == 0;
	return 0;
}

static bool
only_zeros(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

#ifdef HAVE_ISAL
static void
gz_reset(struct stage *sg)
{
	isal_inflate_init(&sg->isal);
	sg->isal.crc_flag = ISAL_GZIP;
}

static ssize_t
gz_step(struct stream *st, struct stage *sg)
{
	int r;

	sg->isal.next_in = (uint8_t *)(sg->in + sg->in_off);
	sg->isal.avail_in = (uint32_t)(sg->in_len - sg->in_off);
	sg->isal.next_out = sg->out;
	sg->isal.avail_out = OUT_CHUNK;
	r = isal_inflate(&sg->isal);
	sg->in_off = sg->in_len - sg->isal.avail_in;
	if (r != ISAL_DECOMP_OK)
		return fail(st, EBADMSG, "corrupt %s stream", "gzip");
	if (sg->isal.block_state == ISAL_BLOCK_FINISH)
		sg->done = true;
	return (ssize_t)(OUT_CHUNK - sg->isal.avail_out);
}
#else
static void
gz_reset(struct stage *sg)
{
	if (sg->z_init)
		inflateEnd(&sg->z);
	memset(&sg->z, 0, sizeof(sg->z));
	if (inflateInit2(&sg->z, 16 + MAX_WBITS) != Z_OK)
		die_oom();
	sg->z_init = true;
}

static ssize_t
gz_step(struct stream *st, struct stage *sg)
{
	int r;

	sg->z.next_in = (Bytef *)(sg->in + sg->in_off);
	sg->z.avail_in = (uInt)(sg->in_len - sg->in_off);
	sg->z.next_out = sg->out;
	sg->z.avail_out = OUT_CHUNK;
	r = inflate(&sg->z, Z_NO_FLUSH);
	sg->in_off = sg->in_len - sg->z.avail_in;
	if (r == Z_STREAM_END)
		sg->done = true;
	else if (r != Z_OK && r != Z_BUF_ERROR)
		return fail(st, EBADMSG, "corrupt %s stream", "gzip");
	return (ssize_t)(OUT_CHUNK - sg->z.avail_out);
}
#endif

static ssize_t
zstd_step(struct stream *st, struct stage *sg)
{
	ZSTD_inBuffer in = {sg->in + sg->in_off, sg->in_len - sg->in_off, 0};
	ZSTD_outBuffer out = {sg->out, OUT_CHUNK, 0};
	size_t r = ZSTD_decompressStream(sg->zs, &out, &in);

	sg->in_off += in.pos;
	if (ZSTD_isError(r))
		return fail(st, EBADMSG, "corrupt zstd stream: %s",
		    ZSTD_getErrorName(r));
	sg->zs_last = r;
	return (ssize_t)out.pos;
}

/* After a gzip member ends: another member, zero padding, or garbage. */
static int
gz_next_member(struct stream *st, struct stage *sg)
{
	if (refill(st, sg) < 0)
		return -1;
	if (sg->in_off == sg->in_len)
		return 0; /* clean end */
	if (sg->in_len - sg->in_off >= 2 && sg->in[sg->in_off] == 0x1f &&
	    sg->in[sg->in_off + 1] == 0x8b) {
		sg->done = false;
		gz_reset(sg);
		return 0;
	}
	if (only_zeros(sg->in + sg->in_off, sg->in_len - sg->in_off)) {
		sg->in_off = sg->in_len;
		return 0;
	}
	return fail(st, EBADMSG, "trailing data after the %s stream", "gzip");
}

/*
 * xz, bzip2 and lz4 are decoded by libarchive's filters, but as a stage of
 * ward's own: a second libarchive reader with only those filters and the
 * "raw" format hands over the decompressed bytes OUT_CHUNK at a time, and
 * they reach the tar reader through on_read(), so account() counts them
 * against the size and ratio caps as it does gzip's and zstd's. Its input
 * is this stage's, handed over whole: libarchive may keep pointing into
 * it until it asks again, so produce() never refills a filter stage.
 */
static la_ssize_t
filter_in(struct archive *fa, void *ctx, const void **buf)
{
	struct stage *sg = ctx;
	size_t n;

	if (refill(sg->st, sg) < 0) {
		archive_set_error(fa, EIO, "%s", sg->st->err.msg);
		return -1;
	}
	n = sg->in_len - sg->in_off;
	*buf = sg->in + sg->in_off;
	sg->in_off = sg->in_len;
	return (la_ssize_t)n;
}

static ssize_t
filter_fail(struct stream *st, struct stage *sg)
{
	const char *why = archive_error_string(sg->filter);

	if (st->error)
		return -1; /* the blob could not be read: already said */
	return fail(st, EBADMSG, "corrupt or truncated %s stream: %s",
	    codec_name(CODEC_FILTER), why ? why : "unreadable");
}

static ssize_t
filter_step(struct stream *st, struct stage *sg)
{
	la_ssize_t n;

	if (!sg->filter) {
		struct archive_entry *e;

		sg->filter = archive_read_new();
		if (!sg->filter)
			die_oom();
		archive_read_support_filter_xz(sg->filter);
		archive_read_support_filter_bzip2(sg->filter);
		archive_read_support_filter_lz4(sg->filter);
		archive_read_support_format_raw(sg->filter);
		if (archive_read_open(sg->filter, sg, NULL, filter_in, NULL) !=
			ARCHIVE_OK ||
		    archive_read_next_header(sg->filter, &e) != ARCHIVE_OK)
			return filter_fail(st, sg);
	}
	n = archive_read_data(sg->filter, sg->out, OUT_CHUNK);
	if (n < 0)
		return filter_fail(st, sg);
	if (n == 0)
		sg->done = true;
	return (ssize_t)n;
}

static ssize_t
step(struct stream *st, struct stage *sg)
{
	ssize_t n;

	if (sg->codec == CODEC_FILTER)
		return filter_step(st, sg);
	if (sg->codec == CODEC_NONE) {
		n = (ssize_t)(sg->in_len - sg->in_off);
		if (n == 0)
			return 0;
		memcpy(sg->out, sg->in + sg->in_off, (size_t)n);
		sg->in_off = sg->in_len;
		return n;
	}
	if (sg->codec == CODEC_GZIP && sg->done) {
		if (gz_next_member(st, sg) < 0)
			return -1;
		return 0;
	}
	if (sg->in_eof && sg->in_off == sg->in_len) {
		if (sg->codec == CODEC_ZSTD && sg->zs_last == 0)
			return 0;
		return fail(
		    st, EBADMSG, "truncated %s stream", codec_name(sg->codec));
	}
	return sg->codec == CODEC_GZIP ? gz_step(st, sg) : zstd_step(st, sg);
}

static bool
stage_finished(const struct stage *sg)
{
	if (sg->codec == CODEC_FILTER)
		return sg->done;
	if (!(sg->in_eof && sg->in_off == sg->in_len))
		return false;
	if (sg->codec == CODEC_GZIP)
		return sg->done;
	if (sg->codec == CODEC_ZSTD)
		return sg->zs_last == 0;
	return true;
}

/* The stage's next output chunk: >0 bytes, 0 at the end, -1. */
static ssize_t
produce(struct stream *st, struct stage *sg)
{
	if (sg->pending) {
		ssize_t n = (ssize_t)sg->pending;

		sg->pending = 0;
		return n;
	}
	for (;;) {
		ssize_t n;

		if (sg->codec != CODEC_FILTER && refill(st, sg) < 0)
			return -1;
		if (stage_finished(sg))
			return 0;
		n = step(st, sg);
		if (n < 0)
			return -1;
		if (n > 0) {
			if (st->verify && sg->codec != CODEC_NONE)
				sha256_update(&sg->h, sg->out, (size_t)n);
			return n;
		}
	}
}

static ssize_t
produce_top(struct stream *st)
{
	struct stage *top = &st->stages[st->nstages - 1];
	ssize_t n = produce(st, top);

	if (n > 0)
		st->chunk = top->out;
	return n;
}

/* Count decompressed bytes against the size and ratio caps. */
static int
account(struct stream *st, ssize_t n)
{
	st->raw_bytes += (uint64_t)n;
	if (st->raw_bytes > st->max)
		return fail(st, EFBIG,
		    "layer expands past %llu bytes (the size cap)",
		    (unsigned long long)st->max);
	if (st->raw_bytes > LAYER_RATIO_FLOOR &&
	    st->raw_bytes / (st->pos ? st->pos : 1) > LAYER_RATIO_MAX)
		return fail(st, EFBIG,
		    "decompression ratio above %d:1 (a bomb?)",
		    LAYER_RATIO_MAX);
	return 0;
}

static la_ssize_t
on_read(struct archive *ar, void *ctx, const void **buf)
{
	struct stream *st = ctx;
	ssize_t n = produce_top(st);

	if (n < 0) {
		archive_set_error(ar, EIO, "%s", st->err.msg);
		return -1;
	}
	if (account(st, n) < 0) {
		archive_set_error(ar, EFBIG, "%s", st->err.msg);
		return -1;
	}
	*buf = st->chunk;
	return (la_ssize_t)n;
}

static void
stage_start(struct stage *sg, enum codec c, struct stage *src)
{
	memset(sg, 0, sizeof(*sg));
	sg->codec = c;
	sg->src = src;
	sg->out = xmalloc(OUT_CHUNK);
	sha256_init(&sg->h);
	if (c == CODEC_GZIP)
		gz_reset(sg);
	if (c == CODEC_ZSTD) {
		sg->zs = ZSTD_createDStream();
		if (!sg->zs)
			die_oom();
		ZSTD_initDStream(sg->zs);
		sg->zs_last = 1;
	}
}

/*
 * Build the stage chain: peek at each level's first output and add a
 * stage while it is compressed again. The peeked chunk stays pending.
 */
static int
stream_init(struct stream *st, const struct blob *b, bool verify, uint64_t max,
    uint64_t *progress)
{
	struct stage *sg;
	ssize_t n;

	memset(st, 0, sizeof(*st));
	st->blob = b;
	st->blobbuf = xmalloc(IN_CHUNK);
	st->verify = verify;
	st->max = max ? max : LAYER_BYTES_MAX;
	st->progress = progress;
	sha256_init(&st->h_blob);
	sg = &st->stages[0];
	sg->out = NULL;
	if (read_blob(st, sg) < 0)
		return st->error;
	stage_start(sg, sniff(st->blobbuf, (size_t)st->pos), NULL);
	sg->st = st;
	st->nstages = 1;
	sg->in = st->blobbuf;
	sg->in_len = (size_t)st->pos;
	sg->in_eof = st->pos == 0;
	while (sg->codec == CODEC_GZIP || sg->codec == CODEC_ZSTD) {
		enum codec next;

		n = produce(st, sg);
		if (n < 0)
			return st->error;
		sg->pending = (size_t)n;
		next = sniff(sg->out, (size_t)n);
		if ((next != CODEC_GZIP && next != CODEC_ZSTD) ||
		    st->nstages == STAGES_MAX)
			break;
		stage_start(&st->stages[st->nstages], next, sg);
		sg = &st->stages[st->nstages++];
		sg->st = st;
	}
	return 0;
}

static void
stream_fini(struct stream *st)
{
	free(st->blobbuf);
	for (int i = 0; i < st->nstages; i++) {
		struct stage *sg = &st->stages[i];

		free(sg->out);
#ifndef HAVE_ISAL
		if (sg->z_init)
			inflateEnd(&sg->z);
#endif
		ZSTD_freeDStream(sg->zs);
		if (sg->filter)
			archive_read_free(sg->filter);
		sha256_fini(&sg->h);
	}
	sha256_fini(&st->h_blob);
}

static void
push_str(
    struct arena *a, const char ***v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;

		*v = arena_realloc(a, *v, *n, c, sizeof(**v));
		*cap = c;
	}
	(*v)[(*n)++] = arena_strdup(a, s);
}

/* Record ".wh." entries; true when 'path' was one. */
static bool
whiteout(struct arena *a, struct layer_result *res, const char *path,
    struct analyze_ctx *ctx)
{
	const char *base = strrchr(path, '/');
	size_t dirlen = base ? (size_t)(base - path) : 0;
	char *target;

	base = base ? base + 1 : path;
	if (strncmp(base, ".wh.", 4) != 0)
		return false;
	if (res->nwhiteouts + res->nopaques >= LAYER_WHITEOUTS_MAX) {
		analyze_warn(ctx, 0,
		    "more than %u whiteouts, ignoring the rest",
		    LAYER_WHITEOUTS_MAX);
		return true;
	}
	if (strcmp(base, ".wh..wh..opq") == 0) {
		push_str(a, &res->opaques, &res->nopaques, &res->capopaques,
		    arena_strndup(a, path, dirlen));
		return true;
	}
	if (strncmp(base, ".wh..wh.", 8) == 0)
		return true; /* aufs bookkeeping (.wh..wh.plnk and such) */
	if (base[4] == '\0') {
		/* ".wh." names nothing; taken literally it would hide the
		 * whole directory, so it is ignored. */
		analyze_warn(
		    ctx, 0, "whiteout '%s' names no file, ignoring", path);
		return true;
	}
	target = dirlen
	    ? arena_printf(a, "%.*s/%s", (int)dirlen, path, base + 4)
	    : arena_strdup(a, base + 4);
	push_str(
	    a, &res->whiteouts, &res->nwhiteouts, &res->capwhiteouts, target);
	return true;
}

static int
read_entry_data(
    struct arena *a, struct archive *ar, uint64_t size, struct str *out)
{
	char *p = arena_alloc(a, (size_t)size + 1);
	size_t got = 0;

	while (got < size) {
		la_ssize_t n =
		    archive_read_data(ar, p + got, (size_t)size - got);

		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	p[got] = '\0';
	*out = (struct str){p, got};
	return 0;
}

static void
add_link(struct arena *a, struct layer_result *res, const char *path,
    enum claim claim, const char *target)
{
	struct layer_file *f = layer_file_new(a, res, path, claim);

	f->is_link = true;
	f->link = arena_strdup(a, target ? target : "");
}

/*
 * An executable regular file: if it is ELF, read it (into the heap, freed
 * at once, so a layer of large binaries does not grow the arena) and look
 * for Go build information.
 */
static int
executable(struct arena *a, struct archive *ar, struct archive_entry *e,
    struct layer_result *res, const char *path, int index)
{
	int64_t size = archive_entry_size(e);
	char *buf;
	size_t got = 0;

	if (archive_entry_filetype(e) != AE_IFREG ||
	    archive_entry_hardlink(e) || size < 0 ||
	    !layer_wants_executable(archive_entry_perm(e), (uint64_t)size))
		return 0;
	buf = xmalloc((size_t)size);
	while (got < (size_t)size) {
		la_ssize_t n = archive_read_data(
		    ar, buf + got, got == 0 ? 4 : (size_t)size - got);

		if (n < 0) {
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got >= 4 && memcmp(buf, "\177ELF", 4) != 0)
			break; /* not ELF: skip the rest unread */
	}
	if (got == (size_t)size)
		layer_analyze_file(
		    a, res, path, CLAIM_GO_BINARY, str_make(buf, got), index);
	free(buf);
	return 0;
}

/* A claimed entry: read it into the arena for its analyzer. */
static int
claimed(struct arena *a, struct archive *ar, struct archive_entry *e,
    struct layer_result *res, struct analyze_ctx *ctx, const char *path,
    enum claim claim, int index)
{
	struct str data;
	int64_t size;

	if (archive_entry_filetype(e) == AE_IFLNK) {
		add_link(a, res, path, claim, archive_entry_symlink(e));
		return 0;
	}
	if (archive_entry_hardlink(e)) {
		analyze_warn(ctx, 0, "'%s' is a hard link, skipping", path);
		return 0;
	}
	if (archive_entry_filetype(e) != AE_IFREG)
		return 0;
	size = archive_entry_size(e);
	if (size < 0 || (uint64_t)size > PKG_DB_MAX) {
		analyze_warn(ctx, 0, "'%s' is larger than %u bytes, skipping",
		    path, PKG_DB_MAX);
		return 0;
	}
	if (read_entry_data(a, ar, (uint64_t)size, &data) < 0)
		return -1;
	layer_analyze_file(a, res, path, claim, data, index);
	return 0;
}

/* A large entry read for the secret stream, and kept if it is ELF. */
struct entry_reader {
	struct archive *ar;
	char *whole; /* an executable's bytes, for Go build information */
	uint64_t size, got;
	bool exe;
};

static ssize_t
read_piece(void *ctx, char *buf, size_t cap)
{
	struct entry_reader *r = ctx;
	la_ssize_t n = archive_read_data(r->ar, buf, cap);

	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (r->exe && r->got == 0 && n >= 4 && memcmp(buf, "\177ELF", 4) == 0)
		r->whole = xmalloc((size_t)r->size);
	if (r->whole && (uint64_t)n <= r->size - r->got)
		memcpy(r->whole + r->got, buf, (size_t)n);
	r->got += (uint64_t)n;
	return n;
}

/*
 * With secret scanning on, an unclaimed regular file over
 * SECRET_READ_WHOLE_MAX is streamed through the secret engine a piece at
 * a time, so memory stays bounded whatever its size. An executable that
 * turns out to be ELF is also collected whole (it is under GOBIN_MAX)
 * for Go build information, as executable() would.
 */
static int
stream_file(struct arena *a, struct archive *ar, struct archive_entry *e,
    struct layer_result *res, const struct secret_engine *se, const char *path,
    int index)
{
	uint64_t size = (uint64_t)archive_entry_size(e);
	struct entry_reader r = {.ar = ar,
	    .size = size,
	    .exe = layer_wants_executable(archive_entry_perm(e), size)};
	int rc =
	    layer_stream_secrets(a, res, se, path, size, index, read_piece, &r);

	if (rc == 0 && r.whole && r.got == size)
		layer_analyze_file(a, res, path, CLAIM_GO_BINARY,
		    str_make(r.whole, (size_t)size), index);
	free(r.whole);
	return rc;
}

/*
 * With secret scanning on, a regular file under SECRET_READ_WHOLE_MAX is
 * read once, whole, into the heap (so the arena grows only by what is found),
 * scanned for secrets, and then handed to the analyzer that claims it or
 * checked for Go build information, as the other paths would have.
 */
static int
whole_file(struct arena *a, struct archive *ar, struct archive_entry *e,
    struct layer_result *res, struct analyze_ctx *ctx,
    const struct secret_engine *se, const char *path, enum claim claim,
    int index)
{
	size_t size = (size_t)archive_entry_size(e), got = 0;
	char *buf = xmalloc(size + 1);

	while (got < size) {
		la_ssize_t n = archive_read_data(ar, buf + got, size - got);

		if (n < 0) {
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	layer_scan_secrets(a, res, se, path, str_make(buf, got), index);
	if (claim != CLAIM_NONE && got <= PKG_DB_MAX)
		layer_analyze_file(a, res, path, claim,
		    str_make(arena_strndup(a, buf, got), got), index);
	else if (claim != CLAIM_NONE)
		analyze_warn(ctx, 0, "'%s' is larger than %u bytes, skipping",
		    path, PKG_DB_MAX);
	else if (got == size && got >= 4 && memcmp(buf, "\177ELF", 4) == 0 &&
	    layer_wants_executable(archive_entry_perm(e), size))
		layer_analyze_file(
		    a, res, path, CLAIM_GO_BINARY, str_make(buf, got), index);
	free(buf);
	return 0;
}

/* Hand one entry to whoever claims it. -1 on a fatal archive error. */
static int
dispatch(struct arena *a, struct archive *ar, struct archive_entry *e,
    struct layer_result *res, struct analyze_ctx *ctx,
    const struct secret_engine *se, int index)
{
	const char *raw = archive_entry_pathname(e);
	char path[FS_PATH_MAX + 1];
	enum claim claim;
	bool reg =
	    archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e);

	if (!raw)
		raw = archive_entry_pathname_utf8(e);
	if (!raw || !tar_path_normalize(raw, path)) {
		if (res->warnings.n < ENTRY_WARN_MAX)
			analyze_warn(ctx, 0, "entry with %s name, skipping",
			    raw ? "a '..' or over-long" : "an unreadable");
		return 0;
	}
	if (path[0] == '\0' || whiteout(a, res, path, ctx))
		return 0;
	claim = layer_claim(path);
	if (se && reg && archive_entry_size(e) >= 0 &&
	    (uint64_t)archive_entry_size(e) <= SECRET_READ_WHOLE_MAX)
		return whole_file(a, ar, e, res, ctx, se, path, claim, index);
	if (se && reg && archive_entry_size(e) >= 0 && claim == CLAIM_NONE)
		return stream_file(a, ar, e, res, se, path, index);
	if (se && reg)
		res->secrets.skipped_size++; /* a large package database */
	if (claim == CLAIM_NONE)
		return executable(a, ar, e, res, path, index);
	return claimed(a, ar, e, res, ctx, path, claim, index);
}

static int
walk_archive(struct arena *a, struct archive *ar, struct stream *st,
    struct layer_result *res, int index, struct ward_err *err)
{
	struct analyze_ctx ctx = {.a = a,
	    .warnings = &res->warnings,
	    .path = arena_printf(a, "layer %d", index),
	    .layer = index};
	struct archive_entry *e;
	int r;

	while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK ||
	    r == ARCHIVE_WARN) {
		if (++res->entries > LAYER_ENTRIES_MAX)
			return err_set(err, EFBIG, "more than %u entries",
			    LAYER_ENTRIES_MAX);
		if (dispatch(a, ar, e, res, &ctx, st->secrets, index) < 0) {
			r = ARCHIVE_FATAL;
			break;
		}
	}
	if (st->error)
		return err_set(err, -st->error, "%s", st->err.msg);
	if (r != ARCHIVE_EOF && r != ARCHIVE_OK && r != ARCHIVE_WARN)
		return err_set(err, EBADMSG, "%s",
		    archive_error_string(ar) ? archive_error_string(ar)
					     : "unreadable tar stream");
	return 0;
}

static struct archive *
open_archive(struct stream *st)
{
	struct archive *ar = archive_read_new();

	if (!ar)
		die_oom();
	/* Only tar, and no filters: every decompressor is a stage of ours,
	 * whose output on_read() counts. */
	archive_read_support_format_tar(ar);
	archive_read_support_format_empty(ar);
	return ar;
}

/* Read what libarchive left (the end-of-archive padding) for the hash. */
static int
drain(struct stream *st, struct ward_err *err)
{
	ssize_t n;

	/* Whatever follows the end-of-archive blocks is hashed too, under
	 * the same caps: a bomb may hide after a tiny tar. */
	while ((n = produce_top(st)) > 0)
		if (account(st, n) < 0)
			return err_set(err, -st->error, "%s", st->err.msg);
	if (n < 0)
		return err_set(err, -st->error, "%s", st->err.msg);
	return 0;
}

static int
run(struct arena *a, struct stream *st, struct layer_result *out, int index,
    struct ward_err *err)
{
	struct archive *ar = open_archive(st);
	int r;

	if (archive_read_open(ar, st, NULL, on_read, NULL) != ARCHIVE_OK) {
		r = st->error
		    ? err_set(err, -st->error, "%s", st->err.msg)
		    : err_set(err, EBADMSG, "%s", archive_error_string(ar));
		archive_read_free(ar);
		return r;
	}
	r = walk_archive(a, ar, st, out, index, err);
	archive_read_free(ar);
	if (r >= 0)
		r = drain(st, err);
	out->bytes = st->raw_bytes;
	return r;
}

/*
 * The blob digest is of the bytes as stored. The diff_id names the
 * "uncompressed" layer, which is whichever level of the decompression
 * chain the image's tool hashed: normally the tar itself, but the stored
 * bytes for docker archives that keep compressed layers under their
 * diff_id, or an inner gzip for layers compressed twice.
 */
static int
check_digests(struct stream *st, const struct layer_job *job,
    struct layer_result *out, struct ward_err *err)
{
	char levels[STAGES_MAX + 1][72];
	uint8_t d[SHA256_LEN];
	int n = 0;

	sha256_final(&st->h_blob, d);
	digest_format(d, levels[n++]);
	for (int i = 0; i < st->nstages; i++) {
		if (st->stages[i].codec == CODEC_NONE)
			break;
		sha256_final(&st->stages[i].h, d);
		digest_format(d, levels[n++]);
	}
	memcpy(out->digest, levels[0], sizeof(out->digest));
	memcpy(out->diff_id, levels[n - 1], sizeof(out->diff_id));
	if (job->expect_digest && strcmp(job->expect_digest, levels[0]) != 0)
		return err_set(err, EBADMSG,
		    "blob digest mismatch: expected %s, got %s",
		    job->expect_digest, levels[0]);
	if (!job->expect_diff_id)
		return 0;
	for (int i = n - 1; i >= 0; i--) {
		if (strcmp(job->expect_diff_id, levels[i]) == 0) {
			memcpy(out->diff_id, levels[i], sizeof(out->diff_id));
			return 0;
		}
	}
	return err_set(err, EBADMSG,
	    "diff_id mismatch: config says %s, uncompressed content is %s",
	    job->expect_diff_id, levels[n - 1]);
}

int
layer_process(struct arena *a, const struct layer_job *job,
    struct layer_result *out, struct ward_err *err)
{
	struct stream st;
	int r;

	memset(out, 0, sizeof(*out));
	r = stream_init(&st, &job->blob, true, job->bytes_max, job->progress);
	if (r < 0)
		err_set(err, -r, "%s", st.err.msg);
	else if (st.stages[0].codec == CODEC_FILTER)
		r = err_set(err, ENOTSUP,
		    "layer compressed with xz, bzip2 or lz4 (not an OCI "
		    "layer format)");
	st.secrets = job->secrets;
	if (r >= 0)
		r = run(a, &st, out, job->index, err);
	if (r >= 0)
		r = check_digests(&st, job, out, err);
	stream_fini(&st);
	return r;
}

int
layer_process_rootfs(struct arena *a, const struct blob *b, int index,
    uint64_t bytes_max, uint64_t *progress, const struct secret_engine *secrets,
    struct layer_result *out, struct ward_err *err)
{
	struct stream st;
	int r;

	memset(out, 0, sizeof(*out));
	r = stream_init(&st, b, false, bytes_max, progress);
	st.secrets = secrets;
	if (r < 0)
		err_set(err, -r, "%s", st.err.msg);
	else
		r = run(a, &st, out, index, err);
	stream_fini(&st);
	return r;
}
