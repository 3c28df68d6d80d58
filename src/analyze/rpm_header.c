/*
 * Decoding of one RPM header blob, the record every rpmdb backend stores:
 * a big-endian index count 'il' and data length 'dl', then 'il' index
 * entries of 16 bytes (tag, type, offset, count), then 'dl' bytes of data.
 * The blob comes straight from a database inside an untrusted image, so
 * this file is a trust boundary. Both counts are capped, the blob must be
 * exactly as long as they say, and every entry's type, alignment and
 * extent are checked against the data before anything is read, and
 * every string must end with a NUL inside the data. As rpm requires,
 * entries' data must follow their order without overlapping, which also
 * keeps the checks linear: a hostile header cannot make them walk the
 * same bytes twice. Region entries (HEADERIMMUTABLE and its kin) point at
 * a trailer instead; they are checked for their extent and skipped.
 * Signatures and digests are not verified: an inventory reports what the
 * database claims. Only the tags an inventory needs are extracted.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/mem.h"
#include "ward/str.h"

/* rpm's own limits (HEADER_TAGS_MAX and HEADER_DATA_MAX, rounded). */
#define RPM_HDR_INDEX_MAX 65536u
#define RPM_HDR_DATA_MAX (256u << 20)
#define RPM_ENTRY_SIZE 16
#define RPM_REGION_COUNT 16 /* a region entry points at a 16-byte trailer */

enum rpm_type {
	RPM_NULL,
	RPM_CHAR,
	RPM_INT8,
	RPM_INT16,
	RPM_INT32,
	RPM_INT64,
	RPM_STRING,
	RPM_BIN,
	RPM_STRING_ARRAY,
	RPM_I18NSTRING,
	RPM_TYPE_LAST = RPM_I18NSTRING,
};

/* Bytes per element of the fixed-size types; 0 for NULL and strings. */
static const uint8_t type_size[] = {0, 1, 1, 2, 4, 8, 0, 1, 0, 0};

/* The tags read, in the order of 'wanted' below. */
enum {
	W_NAME,
	W_VERSION,
	W_RELEASE,
	W_EPOCH,
	W_ARCH,
	W_SOURCERPM,
	W_LICENSE,
	W_VENDOR,
	W_SIZE,
	W_LONGSIZE,
	W_COUNT,
};

static const struct {
	uint32_t tag;
	uint32_t type; /* RPM_STRING also admits RPM_I18NSTRING */
	const char *name;
} wanted[W_COUNT] = {
    [W_NAME] = {1000, RPM_STRING, "NAME"},
    [W_VERSION] = {1001, RPM_STRING, "VERSION"},
    [W_RELEASE] = {1002, RPM_STRING, "RELEASE"},
    [W_EPOCH] = {1003, RPM_INT32, "EPOCH"},
    [W_ARCH] = {1022, RPM_STRING, "ARCH"},
    [W_SOURCERPM] = {1044, RPM_STRING, "SOURCERPM"},
    [W_LICENSE] = {1014, RPM_STRING, "LICENSE"},
    [W_VENDOR] = {1011, RPM_STRING, "VENDOR"},
    [W_SIZE] = {1009, RPM_INT32, "SIZE"},
    [W_LONGSIZE] = {5009, RPM_INT64, "LONGSIZE"},
};

struct hdr {
	const unsigned char *index; /* il entries */
	const unsigned char *data; /* dl bytes */
	uint32_t il, dl;
};

struct entry {
	uint32_t tag, type, off, count;
	bool present;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static bool
is_region(uint32_t tag)
{
	/* HEADERIMAGE, HEADERSIGNATURES, HEADERIMMUTABLE */
	return tag >= 61 && tag <= 63;
}

static int
hdr_open(struct str blob, struct hdr *h, struct ward_err *err)
{
	const unsigned char *p = (const unsigned char *)blob.p;
	uint64_t need;

	if (blob.len < 8)
		return err_set(err, EBADMSG,
		    "header of %zu bytes is shorter than its 8-byte preamble",
		    blob.len);
	h->il = be32(p);
	h->dl = be32(p + 4);
	if (h->il > RPM_HDR_INDEX_MAX)
		return err_set(err, EBADMSG,
		    "header has %" PRIu32 " index entries, more than %u", h->il,
		    RPM_HDR_INDEX_MAX);
	if (h->dl > RPM_HDR_DATA_MAX)
		return err_set(err, EBADMSG,
		    "header has %" PRIu32 " data bytes, more than %u", h->dl,
		    RPM_HDR_DATA_MAX);
	if (__builtin_mul_overflow((uint64_t)h->il, RPM_ENTRY_SIZE, &need) ||
	    __builtin_add_overflow(need, 8 + (uint64_t)h->dl, &need))
		return err_set(err, EBADMSG, "header size overflows");
	if (need != blob.len)
		return err_set(err, EBADMSG,
		    "header of %zu bytes, but its counts (il %" PRIu32
		    ", dl %" PRIu32 ") say %" PRIu64,
		    blob.len, h->il, h->dl, need);
	h->index = p + 8;
	h->data = h->index + (size_t)h->il * RPM_ENTRY_SIZE;
	return 0;
}

/*
 * The length of an entry's data, as rpm's dataLength() finds it: fixed
 * sizes times the count, or the strings walked to their NULs. The caller
 * makes entries' data disjoint, so the walks cost O(dl) for all entries.
 */
static int
entry_len(const struct hdr *h, const struct entry *e, uint32_t i, uint32_t *len,
    struct ward_err *err)
{
	const unsigned char *p = h->data + e->off, *nul;
	uint32_t avail = h->dl - e->off, n = type_size[e->type];
	uint64_t size;

	switch (e->type) {
	case RPM_NULL:
		*len = 0;
		return 0;
	case RPM_STRING:
		/* rpm writes exactly one string under this type. */
		if (e->count != 1)
			return err_set(err, EBADMSG,
			    "entry %" PRIu32 ": string with count %" PRIu32, i,
			    e->count);
		/* fallthrough */
	case RPM_STRING_ARRAY:
	case RPM_I18NSTRING:
		/* Each string holds at least its NUL. */
		if (e->count == 0 || e->count > avail)
			return err_set(err, EBADMSG,
			    "entry %" PRIu32 ": %" PRIu32
			    " strings do not fit at offset %" PRIu32,
			    i, e->count, e->off);
		size = 0;
		for (uint32_t k = 0; k < e->count; k++) {
			nul = memchr(p + size, '\0', avail - size);
			if (!nul)
				return err_set(err, EBADMSG,
				    "entry %" PRIu32 ": string %" PRIu32
				    " not NUL-terminated",
				    i, k + 1);
			size = (uint64_t)(nul - p) + 1;
		}
		*len = (uint32_t)size;
		return 0;
	}
	if (e->count == 0 || __builtin_mul_overflow(e->count, n, &size) ||
	    size > avail)
		return err_set(err, EBADMSG,
		    "entry %" PRIu32 ": %" PRIu32 " items of %" PRIu32
		    " bytes do not fit at offset %" PRIu32,
		    i, e->count, n, e->off);
	if (e->off % n != 0)
		return err_set(err, EBADMSG,
		    "entry %" PRIu32 ": offset %" PRIu32
		    " not aligned for its type %" PRIu32,
		    i, e->off, e->type);
	*len = (uint32_t)size;
	return 0;
}

static int
entry_read(
    const struct hdr *h, uint32_t i, struct entry *e, struct ward_err *err)
{
	const unsigned char *p = h->index + (size_t)i * RPM_ENTRY_SIZE;

	e->tag = be32(p);
	e->type = be32(p + 4);
	e->off = be32(p + 8);
	e->count = be32(p + 12);
	e->present = true;
	if (e->type > RPM_TYPE_LAST)
		return err_set(err, EBADMSG,
		    "entry %" PRIu32 " (tag %" PRIu32
		    "): unknown type %" PRIu32,
		    i, e->tag, e->type);
	if (e->off > h->dl)
		return err_set(err, EBADMSG,
		    "entry %" PRIu32 " (tag %" PRIu32 "): offset %" PRIu32
		    " past the %" PRIu32 " data bytes",
		    i, e->tag, e->off, h->dl);
	if (is_region(e->tag) &&
	    (e->type != RPM_BIN || e->count != RPM_REGION_COUNT))
		return err_set(err, EBADMSG,
		    "entry %" PRIu32 ": region tag %" PRIu32
		    " with type %" PRIu32 " and count %" PRIu32,
		    i, e->tag, e->type, e->count);
	return 0;
}

static bool
type_fits(uint32_t want, uint32_t type)
{
	return type == want || (want == RPM_STRING && type == RPM_I18NSTRING);
}

/*
 * Check every entry and keep the first of each wanted tag in 'found'. As
 * in rpm's hdrblobVerifyInfo(), entries lie in the order of their data
 * and never share it; a region entry points at its trailer at the end of
 * the region instead, so it stands outside that order.
 */
static int
hdr_scan(const struct hdr *h, struct entry found[W_COUNT], struct ward_err *err)
{
	struct entry e;
	uint32_t end = 0, len = 0;
	int r;

	for (uint32_t i = 0; i < h->il; i++) {
		r = entry_read(h, i, &e, err);
		if (r < 0)
			return r;
		if (!is_region(e.tag) && e.off < end)
			return err_set(err, EBADMSG,
			    "entry %" PRIu32 " (tag %" PRIu32
			    "): data at %" PRIu32 " overlaps the entry before",
			    i, e.tag, e.off);
		r = entry_len(h, &e, i, &len, err);
		if (r < 0)
			return r;
		if (!is_region(e.tag))
			end = e.off + len;
		for (size_t k = 0; k < W_COUNT; k++) {
			if (e.tag != wanted[k].tag || found[k].present)
				continue;
			if (!type_fits(wanted[k].type, e.type))
				return err_set(err, EBADMSG,
				    "tag %s has type %" PRIu32
				    ", expected %" PRIu32,
				    wanted[k].name, e.type, wanted[k].type);
			found[k] = e;
		}
	}
	return 0;
}

/* The first string of a checked string entry (a NUL follows it). */
static struct str
entry_str(const struct hdr *h, const struct entry *e)
{
	const char *p = (const char *)h->data + e->off;
	const char *nul = memchr(p, '\0', h->dl - e->off);

	return str_make(p, nul ? (size_t)(nul - p) : 0);
}

static const char *
entry_strz(struct arena *a, const struct hdr *h, const struct entry *e)
{
	return e->present ? arena_strz(a, entry_str(h, e)) : NULL;
}

/* Index of the last 'c' in 's', or -1. */
static ssize_t
rfind(struct str s, char c)
{
	for (size_t i = s.len; i > 0; i--)
		if (s.p[i - 1] == c)
			return (ssize_t)(i - 1);
	return -1;
}

/*
 * Split a source rpm file name "NAME-VERSION-RELEASE.src.rpm" (or
 * .nosrc.rpm) from the right into the source name and "VERSION-RELEASE".
 * Names that do not have that shape leave both fields NULL.
 */
static void
srpm_split(struct arena *a, struct str s, struct pkg *p)
{
	static const struct str suffix[] = {STR(".src.rpm"), STR(".nosrc.rpm")};
	struct str head;
	ssize_t rel, ver;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(suffix); k++)
		if (str_ends_with(s, suffix[k]))
			break;
	if (k == ARRAY_SIZE(suffix))
		return;
	s.len -= suffix[k].len;
	rel = rfind(s, '-');
	if (rel <= 0 || (size_t)rel + 1 == s.len)
		return;
	ver = rfind(str_make(s.p, (size_t)rel), '-');
	if (ver <= 0 || ver + 1 == rel)
		return;
	head = str_make(s.p, (size_t)ver);
	p->src_name = arena_strz(a, head);
	p->src_version = arena_strz(a, str_sub(s, (size_t)ver + 1, s.len));
}

static void
pkg_fill(struct arena *a, const struct hdr *h, const struct entry t[W_COUNT],
    struct pkg *p)
{
	p->type = PKG_RPM;
	p->name = entry_strz(a, h, &t[W_NAME]);
	p->rpm_version = entry_strz(a, h, &t[W_VERSION]);
	p->rpm_release = entry_strz(a, h, &t[W_RELEASE]);
	p->version = arena_printf(a, "%s-%s", p->rpm_version, p->rpm_release);
	if (t[W_EPOCH].present)
		p->epoch = be32(h->data + t[W_EPOCH].off);
	p->arch = entry_strz(a, h, &t[W_ARCH]);
	p->license = entry_strz(a, h, &t[W_LICENSE]);
	p->vendor = entry_strz(a, h, &t[W_VENDOR]);
	if (t[W_LONGSIZE].present)
		p->installed_size = be64(h->data + t[W_LONGSIZE].off);
	else if (t[W_SIZE].present)
		p->installed_size = be32(h->data + t[W_SIZE].off);
	if (t[W_SOURCERPM].present) {
		p->src_rpm = entry_strz(a, h, &t[W_SOURCERPM]);
		srpm_split(a, entry_str(h, &t[W_SOURCERPM]), p);
	}
}

int
analyze_rpm_header(
    struct analyze_ctx *ctx, struct str blob, struct ward_err *err)
{
	static const int required[] = {W_NAME, W_VERSION, W_RELEASE};
	struct entry t[W_COUNT] = {0};
	struct hdr h = {0};
	int r;

	r = hdr_open(blob, &h, err);
	if (r < 0)
		return r;
	r = hdr_scan(&h, t, err);
	if (r < 0)
		return r;
	for (size_t k = 0; k < ARRAY_SIZE(required); k++) {
		const struct entry *e = &t[required[k]];

		if (!e->present || entry_str(&h, e).len == 0)
			return err_set(err, EBADMSG, "header has no %s",
			    wanted[required[k]].name);
	}
	/* Imported signing keys pose as packages; they are not software. */
	if (str_eq_cstr(entry_str(&h, &t[W_NAME]), "gpg-pubkey"))
		return 0;
	pkg_fill(ctx->a, &h, t, analyze_pkg_add(ctx));
	return 0;
}
