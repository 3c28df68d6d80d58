/*
 * The BerkeleyDB hash database rpm used up to 4.16 (var/lib/rpm/Packages),
 * read from its bytes without libdb. Page 0 is the hash metadata page; its
 * magic, read in either byte order, says how every other field is stored.
 * The walk visits each page once, in file order, and reads the key/data
 * pairs of hash pages: a key is a 4-byte package number (0 holds rpm's
 * counter, not a package), a value is a header blob, either inline or, as
 * usual, in a chain of overflow pages. Everything comes from an untrusted
 * image: page numbers are checked against the file, item offsets against
 * their page, and a chain must add up to the length its record states.
 * Each overflow page may serve one chain only, which stops cycles and
 * shared chains and keeps the whole walk linear in the file's size. A bad
 * record is a warning; only an unreadable metadata page is an error.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

#define BDB_HASH_MAGIC 0x061561u
#define BDB_META_SIZE 512 /* the smallest page, which holds the metadata */
#define BDB_PAGE_HDR 26 /* lsn, pgno, prev, next, entries, hf_offset... */
#define BDB_CHKSUM_SIZE 20 /* after the header when pages are checksummed */
#define BDB_HOFFPAGE_SIZE 12 /* type, 3 unused, pgno, tlen */

/* Page types and hash item types from libdb's db_page.h. */
enum {
	P_HASH_UNSORTED = 2,
	P_OVERFLOW = 7,
	P_HASHMETA = 8,
	P_HASH = 13,
	H_KEYDATA = 1,
	H_DUPLICATE = 2,
	H_OFFPAGE = 3,
	H_OFFDUP = 4,
};

struct bdb {
	const unsigned char *p;
	uint32_t pagesize;
	uint32_t npages; /* whole pages in the file */
	uint32_t overhead; /* page header, checksum included */
	bool swapped; /* big-endian fields */
	uint8_t *used; /* overflow pages already part of a chain */
	struct arena *a;
};

/* One item on a hash page: its type byte and what follows it. */
struct item {
	uint8_t type;
	const unsigned char *p;
	size_t len;
};

static uint32_t
rd32(const struct bdb *db, const unsigned char *p)
{
	if (db->swapped)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

static uint16_t
rd16(const struct bdb *db, const unsigned char *p)
{
	return db->swapped ? (uint16_t)(p[0] << 8 | p[1])
			   : (uint16_t)(p[1] << 8 | p[0]);
}

static const unsigned char *
page_at(const struct bdb *db, uint32_t pg)
{
	return db->p + (size_t)pg * db->pagesize;
}

static int
meta_read(struct str file, struct bdb *db, uint32_t *last, struct ward_err *err)
{
	const unsigned char *p = (const unsigned char *)file.p;
	uint32_t version, ps;

	if (file.len < BDB_META_SIZE)
		return err_set(err, EBADMSG,
		    "not a BerkeleyDB database: %zu bytes", file.len);
	db->p = p;
	db->swapped = false;
	if (rd32(db, p + 12) != BDB_HASH_MAGIC) {
		db->swapped = true;
		if (rd32(db, p + 12) != BDB_HASH_MAGIC)
			return err_set(err, EBADMSG,
			    "not a BerkeleyDB hash database: bad magic");
	}
	version = rd32(db, p + 16);
	ps = rd32(db, p + 20);
	if (version < 7 || version > 10)
		return err_set(err, ENOTSUP,
		    "BerkeleyDB hash version %" PRIu32 " not supported",
		    version);
	if (ps < 512 || ps > 65536 || (ps & (ps - 1)) != 0)
		return err_set(err, EBADMSG,
		    "BerkeleyDB page size %" PRIu32 " is invalid", ps);
	if (p[24] != 0)
		return err_set(err, ENOTSUP, "encrypted BerkeleyDB database");
	if (p[25] != P_HASHMETA)
		return err_set(err, EBADMSG,
		    "BerkeleyDB page 0 has type %u, not hash metadata", p[25]);
	if (file.len / ps == 0)
		return err_set(err, EBADMSG,
		    "BerkeleyDB file of %zu bytes holds no whole page of "
		    "%" PRIu32,
		    file.len, ps);
	db->pagesize = ps;
	db->npages =
	    (uint32_t)(file.len / ps > UINT32_MAX ? UINT32_MAX : file.len / ps);
	db->overhead = BDB_PAGE_HDR + ((p[26] & 1) ? BDB_CHKSUM_SIZE : 0);
	*last = rd32(db, p + 32);
	return 0;
}

/*
 * Walk an overflow chain without copying: every page must be a fresh
 * overflow page inside the file, and the bytes must add up to 'tlen'.
 */
static int
chain_check(struct bdb *db, uint32_t pg, uint32_t tlen, struct ward_err *err)
{
	uint32_t got = 0, n;
	const unsigned char *page;

	while (pg != 0) {
		if (pg >= db->npages)
			return err_set(err, EBADMSG,
			    "overflow page %" PRIu32
			    " beyond the file (%" PRIu32 " pages)",
			    pg, db->npages);
		if (db->used[pg])
			return err_set(err, EBADMSG,
			    "overflow page %" PRIu32
			    " reached twice (a cycle or a shared chain)",
			    pg);
		db->used[pg] = 1;
		page = page_at(db, pg);
		if (page[25] != P_OVERFLOW)
			return err_set(err, EBADMSG,
			    "page %" PRIu32 " has type %u, not overflow", pg,
			    page[25]);
		n = rd16(db, page + 22);
		if (n > db->pagesize - db->overhead || n > tlen - got)
			return err_set(err, EBADMSG,
			    "overflow page %" PRIu32 " holds %" PRIu32
			    " bytes, more than fit",
			    pg, n);
		got += n;
		pg = rd32(db, page + 16);
	}
	if (got != tlen)
		return err_set(err, EBADMSG,
		    "overflow chain holds %" PRIu32 " of %" PRIu32 " bytes",
		    got, tlen);
	return 0;
}

/* Copy a checked chain: the same walk, known to end after 'tlen' bytes. */
static struct str
chain_copy(const struct bdb *db, uint32_t pg, uint32_t tlen)
{
	unsigned char *buf = arena_alloc(db->a, tlen);
	const unsigned char *page;
	uint32_t got = 0, n;

	while (got < tlen) {
		page = page_at(db, pg);
		n = rd16(db, page + 22);
		memcpy(buf + got, page + db->overhead, n);
		got += n;
		pg = rd32(db, page + 16);
	}
	return str_make((const char *)buf, tlen);
}

static int
value_blob(struct bdb *db, const struct item *it, struct str *out,
    struct ward_err *err)
{
	uint32_t pg, tlen;
	int r;

	switch (it->type) {
	case H_KEYDATA:
		*out = str_make((const char *)it->p, it->len);
		return 0;
	case H_OFFPAGE:
		break;
	case H_DUPLICATE:
	case H_OFFDUP:
		return err_set(err, ENOTSUP, "duplicate records");
	default:
		return err_set(err, EBADMSG, "item type %u", it->type);
	}
	if (it->len < BDB_HOFFPAGE_SIZE - 1)
		return err_set(err, EBADMSG, "short off-page item");
	pg = rd32(db, it->p + 3);
	tlen = rd32(db, it->p + 7);
	r = chain_check(db, pg, tlen, err);
	if (r < 0)
		return r;
	*out = chain_copy(db, pg, tlen);
	return 0;
}

/*
 * Item 'i' of a hash page. Items are stored from the end of the page
 * down, so an item ends where the one before it starts (libdb's
 * LEN_HITEM).
 */
static int
item_get(const struct bdb *db, const unsigned char *page, uint32_t n,
    uint32_t i, struct item *it, struct ward_err *err)
{
	const unsigned char *inp = page + db->overhead;
	uint32_t lo = db->overhead + 2 * n, off, end;

	off = rd16(db, inp + 2 * i);
	end = i == 0 ? db->pagesize : rd16(db, inp + 2 * (i - 1));
	if (off < lo || off >= end || end > db->pagesize)
		return err_set(err, EBADMSG,
		    "item %" PRIu32 " at offset %" PRIu32 " outside the page",
		    i, off);
	it->type = page[off];
	it->p = page + off + 1;
	it->len = end - off - 1;
	return 0;
}

/* rpm keeps a counter under package number 0; it is not a package. */
static bool
is_counter_key(const struct item *key)
{
	static const unsigned char zero[4];

	return key->type == H_KEYDATA && key->len == 4 &&
	    memcmp(key->p, zero, 4) == 0;
}

/*
 * One key/data pair: returns 1 when a header was decoded, 0 when the pair
 * is not a package, or -errno (err says why).
 */
static int
pair_read(struct analyze_ctx *ctx, struct bdb *db, const unsigned char *page,
    uint32_t n, uint32_t i, struct ward_err *err)
{
	struct item key, val;
	struct str blob;
	int r;

	r = item_get(db, page, n, i, &key, err);
	if (r < 0)
		return r;
	r = item_get(db, page, n, i + 1, &val, err);
	if (r < 0)
		return r;
	if (is_counter_key(&key))
		return 0;
	r = value_blob(db, &val, &blob, err);
	if (r < 0)
		return r;
	r = analyze_rpm_header(ctx, blob, err);
	return r < 0 ? r : 1;
}

static int
hash_page(struct analyze_ctx *ctx, struct bdb *db, uint32_t pg, size_t *count,
    struct ward_err *err)
{
	const unsigned char *page = page_at(db, pg);
	uint32_t n = rd16(db, page + 20);
	struct ward_err e;
	int r;

	if (rd32(db, page + 8) != pg || db->overhead + 2 * n > db->pagesize) {
		analyze_warn(
		    ctx, 0, "page %" PRIu32 ": bad header, skipping", pg);
		return 0;
	}
	if (n % 2 != 0)
		analyze_warn(ctx, 0,
		    "page %" PRIu32 ": odd item count %" PRIu32
		    ", ignoring the last",
		    pg, n);
	for (uint32_t i = 0; i + 1 < n; i += 2) {
		r = pair_read(ctx, db, page, n, i, &e);
		if (r < 0) {
			analyze_warn(ctx, 0,
			    "page %" PRIu32 " item %" PRIu32 ": %s, skipping",
			    pg, i, e.msg);
			continue;
		}
		*count += (size_t)r;
		if (*count > PKGS_MAX)
			return err_set(
			    err, EFBIG, "more than %u packages", PKGS_MAX);
	}
	return 0;
}

int
analyze_rpm_bdb(struct analyze_ctx *ctx, struct str file, struct ward_err *err)
{
	struct bdb db = {.a = ctx->a};
	uint32_t last = 0, type;
	size_t count = 0, start = ctx->pkgs->n;
	int r;

	r = meta_read(file, &db, &last, err);
	if (r < 0)
		return r;
	if (last >= db.npages) {
		analyze_warn(ctx, 0,
		    "metadata names page %" PRIu32
		    ", but the file holds %" PRIu32 " pages",
		    last, db.npages);
		last = db.npages - 1;
	}
	db.used = arena_calloc(ctx->a, db.npages, 1);
	for (uint32_t pg = 1; pg <= last; pg++) {
		type = page_at(&db, pg)[25];
		if (type != P_HASH && type != P_HASH_UNSORTED)
			continue;
		r = hash_page(ctx, &db, pg, &count, err);
		if (r < 0) {
			ctx->pkgs->n = start; /* no partial list */
			return r;
		}
	}
	return 0;
}
