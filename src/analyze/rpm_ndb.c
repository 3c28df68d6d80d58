/*
 * rpm's NDB backend (var/lib/rpm/Packages.db, SUSE and rpm >= 4.16), read
 * from its bytes without librpm. All fields are little-endian. The file
 * opens with a 32-byte header ("RpmP", version, generation, number of slot
 * pages) that shares the first of the 4 KiB slot pages; the rest of those
 * pages are 16-byte slots ("Slot", package index, block offset, block
 * count), and index 0 marks a free slot. A used slot points at a run of
 * 16-byte blocks after the slot pages: a blob head ("BlbS", package index,
 * generation, length), the header blob, padding, and a 12-byte tail
 * (Adler-32 of all before it, length, "BlbE"). The file comes from an
 * untrusted image: every offset is checked against the file, magics,
 * index, length and checksum must agree, and no block may belong to two
 * slots, so hostile slots cannot make the checksums re-read the same
 * bytes over and over. A bad slot or blob is a warning; only an unreadable
 * file header is an error.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include <zlib.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

#define NDB_HEAD_SIZE 32
#define NDB_PAGE_SIZE 4096
#define NDB_SLOT_SIZE 16
#define NDB_BLK_SIZE 16
#define NDB_BLOB_HEAD 16
#define NDB_BLOB_TAIL 12
#define NDB_VERSION 0

struct ndb {
	const unsigned char *p;
	size_t len;
	size_t slot_end; /* bytes of slot pages; blobs start after them */
	uint8_t *used; /* one bit per block: taken by a slot */
};

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

static int
head_read(struct str file, struct ndb *db, struct ward_err *err)
{
	const unsigned char *p = (const unsigned char *)file.p;
	uint32_t version, npages;
	size_t end;

	if (file.len < NDB_HEAD_SIZE || memcmp(p, "RpmP", 4) != 0)
		return err_set(
		    err, EBADMSG, "not an RPM NDB database: no RpmP header");
	version = le32(p + 4);
	npages = le32(p + 12);
	if (version != NDB_VERSION)
		return err_set(err, ENOTSUP,
		    "RPM NDB version %" PRIu32 " not supported", version);
	if (npages == 0 ||
	    __builtin_mul_overflow((size_t)npages, NDB_PAGE_SIZE, &end) ||
	    end > file.len)
		return err_set(err, EBADMSG,
		    "RPM NDB database: %" PRIu32
		    " slot pages do not fit in %zu bytes",
		    npages, file.len);
	db->p = p;
	db->len = file.len;
	db->slot_end = end;
	return 0;
}

/*
 * Claim blocks [off, off + cnt) for one slot. Bits are set as they are
 * tested, so each block is looked at once over the whole file even when
 * slots overlap; a block already taken fails the slot.
 */
static int
blocks_claim(struct ndb *db, size_t off, size_t cnt, struct ward_err *err)
{
	for (size_t b = off; b < off + cnt; b++) {
		uint8_t bit = (uint8_t)(1u << (b % 8));

		if (db->used[b / 8] & bit)
			return err_set(err, EBADMSG,
			    "block %zu already belongs to another package", b);
		db->used[b / 8] |= bit;
	}
	return 0;
}

/* Check a blob's head and tail; 'start' and 'size' lie inside the file. */
static int
blob_check(const struct ndb *db, uint32_t pkgidx, size_t start, size_t size,
    struct str *out, struct ward_err *err)
{
	const unsigned char *b = db->p + start;
	const unsigned char *tail = b + size - NDB_BLOB_TAIL;
	uint32_t len;

	if (memcmp(b, "BlbS", 4) != 0)
		return err_set(err, EBADMSG, "no BlbS blob magic");
	if (le32(b + 4) != pkgidx)
		return err_set(err, EBADMSG, "blob belongs to package %" PRIu32,
		    le32(b + 4));
	len = le32(b + 12);
	if (len > size - NDB_BLOB_HEAD - NDB_BLOB_TAIL)
		return err_set(err, EBADMSG,
		    "blob of %" PRIu32 " bytes overruns its %zu-byte block run",
		    len, size);
	if (memcmp(tail + 8, "BlbE", 4) != 0 || le32(tail + 4) != len)
		return err_set(err, EBADMSG, "bad blob tail");
	if (adler32_z(1, b, size - NDB_BLOB_TAIL) != le32(tail))
		return err_set(err, EBADMSG, "blob checksum mismatch");
	*out = str_make((const char *)b + NDB_BLOB_HEAD, len);
	return 0;
}

/* Where a slot's blocks lie, in bytes; they must follow the slot pages. */
static int
slot_range(const struct ndb *db, uint32_t blkoff, uint32_t blkcnt,
    size_t *start, size_t *size, struct ward_err *err)
{
	size_t end;

	if (__builtin_mul_overflow((size_t)blkoff, NDB_BLK_SIZE, start) ||
	    __builtin_mul_overflow((size_t)blkcnt, NDB_BLK_SIZE, size) ||
	    __builtin_add_overflow(*start, *size, &end) || end > db->len ||
	    *start < db->slot_end)
		return err_set(err, EBADMSG,
		    "blocks %" PRIu32 "+%" PRIu32 " outside the blob area",
		    blkoff, blkcnt);
	if (*size < NDB_BLOB_HEAD + NDB_BLOB_TAIL)
		return err_set(
		    err, EBADMSG, "%" PRIu32 " blocks hold no blob", blkcnt);
	return 0;
}

/*
 * One slot: returns 1 when a header was decoded, 0 for a free slot, or
 * -errno (err says why).
 */
static int
slot_read(struct analyze_ctx *ctx, struct ndb *db, const unsigned char *s,
    struct ward_err *err)
{
	uint32_t pkgidx = le32(s + 4), blkoff = le32(s + 8);
	uint32_t blkcnt = le32(s + 12);
	size_t start, size;
	struct str blob;
	int r;

	if (memcmp(s, "Slot", 4) != 0)
		return err_set(err, EBADMSG, "bad slot magic");
	if (pkgidx == 0)
		return 0;
	r = slot_range(db, blkoff, blkcnt, &start, &size, err);
	if (r == 0)
		r = blocks_claim(db, blkoff, blkcnt, err);
	if (r == 0)
		r = blob_check(db, pkgidx, start, size, &blob, err);
	if (r == 0)
		r = analyze_rpm_header(ctx, blob, err);
	if (r < 0)
		return err_wrap(err, "package %" PRIu32, pkgidx);
	return 1;
}

int
analyze_rpm_ndb(struct analyze_ctx *ctx, struct str file, struct ward_err *err)
{
	struct ndb db = {0};
	struct ward_err e;
	size_t count = 0, start = ctx->pkgs->n;
	int r;

	r = head_read(file, &db, err);
	if (r < 0)
		return r;
	db.used = arena_calloc(ctx->a, file.len / NDB_BLK_SIZE / 8 + 1, 1);
	/* The header fills the first two slots' room. */
	for (size_t off = NDB_HEAD_SIZE; off < db.slot_end;
	     off += NDB_SLOT_SIZE) {
		r = slot_read(ctx, &db, db.p + off, &e);
		if (r < 0) {
			analyze_warn(ctx, 0, "slot %zu: %s, skipping",
			    off / NDB_SLOT_SIZE, e.msg);
			continue;
		}
		count += (size_t)r;
		if (count > PKGS_MAX) {
			ctx->pkgs->n = start; /* no partial list */
			return err_set(
			    err, EFBIG, "more than %u packages", PKGS_MAX);
		}
	}
	return 0;
}
