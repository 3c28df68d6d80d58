/*
 * Unit tests for the RPM database readers (src/analyze/rpm_*.c). Header
 * blobs are built here byte by byte, so every check of the header decoder
 * is hit on purpose: counts and their caps (at, under and over), offsets,
 * alignment, types, strings without a NUL, region entries, and every
 * truncation of a real blob. The three real databases under
 * ../shared/data/rpmdb (SQLite, BerkeleyDB, NDB) must give exactly the
 * packages of their expected.tsv, which came from rpm -qa and go-rpmdb,
 * not from ward. Copies of them are then damaged in memory: overflow
 * cycles, pages and blocks past the end, wrong magics, bad checksums,
 * truncations, the BerkeleyDB file byte-swapped to big-endian. The real
 * files are read through fs_read_in_root, so this suite also runs the
 * resolver under tests/no_openat2. Without ../shared those parts skip.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zlib.h>

#include "t.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/limits.h"
#include "ward/mem.h"
#include "ward/str.h"

#define HDR_DATA_CAP (256u << 20)
#define HDR_INDEX_CAP 65536u

/* One analyzer run's context and results. */
struct fix {
	struct arena *a;
	struct pkg_list pkgs;
	struct warn_list warns;
	struct analyze_ctx ctx;
	struct ward_err err;
};

static void
fix_init(struct fix *f)
{
	memset(f, 0, sizeof(*f));
	f->a = arena_new();
	f->ctx.a = f->a;
	f->ctx.pkgs = &f->pkgs;
	f->ctx.warnings = &f->warns;
	f->ctx.path = "test";
}

static void
fix_fini(struct fix *f)
{
	arena_free(f->a);
}

static bool
warned(const struct fix *f, const char *needle)
{
	for (size_t i = 0; i < f->warns.n; i++)
		if (strstr(f->warns.v[i], needle))
			return true;
	return false;
}

static void
warns_note(const struct fix *f)
{
	for (size_t i = 0; i < f->warns.n && i < 5; i++)
		T_NOTE("warning: %s", f->warns.v[i]);
}

static void
wr32be(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
wr32le(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t
rd32le(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint16_t
rd16le(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* ------------------------------------------------------------------ */
/* Header blobs built by hand. */

enum {
	TY_INT8 = 2,
	TY_INT32 = 4,
	TY_INT64 = 5,
	TY_STRING = 6,
	TY_BIN = 7,
	TY_STRING_ARRAY = 8,
};

#define HB_INDEX (64 * 16)
#define HB_DATA 4096

/* A header under construction, and its serialised form in 'out'. */
struct hb {
	unsigned char idx[HB_INDEX];
	unsigned char data[HB_DATA];
	uint32_t il, dl;
	unsigned char out[8 + HB_INDEX + HB_DATA];
};

static uint32_t
hb_entry(
    struct hb *b, uint32_t tag, uint32_t type, uint32_t off, uint32_t count)
{
	unsigned char *e = b->idx + 16 * b->il;

	wr32be(e, tag);
	wr32be(e + 4, type);
	wr32be(e + 8, off);
	wr32be(e + 12, count);
	return b->il++;
}

static uint32_t
hb_data(struct hb *b, const void *p, size_t n, uint32_t align)
{
	while (b->dl % align)
		b->data[b->dl++] = 0;
	memcpy(b->data + b->dl, p, n);
	b->dl += (uint32_t)n;
	return b->dl - (uint32_t)n;
}

static uint32_t
hb_str(struct hb *b, uint32_t tag, const char *s)
{
	return hb_entry(b, tag, TY_STRING, hb_data(b, s, strlen(s) + 1, 1), 1);
}

static uint32_t
hb_i32(struct hb *b, uint32_t tag, uint32_t v)
{
	unsigned char x[4];

	wr32be(x, v);
	return hb_entry(b, tag, TY_INT32, hb_data(b, x, 4, 4), 1);
}

static uint32_t
hb_i64(struct hb *b, uint32_t tag, uint64_t v)
{
	unsigned char x[8];

	wr32be(x, (uint32_t)(v >> 32));
	wr32be(x + 4, (uint32_t)v);
	return hb_entry(b, tag, TY_INT64, hb_data(b, x, 8, 8), 1);
}

/* Set field 0-3 (tag, type, offset, count) of entry i. */
static void
hb_set(struct hb *b, uint32_t i, int field, uint32_t v)
{
	wr32be(b->idx + 16 * i + 4 * field, v);
}

static struct str
hb_blob(struct hb *b)
{
	size_t n = 16 * (size_t)b->il;

	wr32be(b->out, b->il);
	wr32be(b->out + 4, b->dl);
	memcpy(b->out + 8, b->idx, n);
	memcpy(b->out + 8 + n, b->data, b->dl);
	return str_make((const char *)b->out, 8 + n + b->dl);
}

/* Entry numbers of std_header(). */
enum {
	E_REGION,
	E_NAME,
	E_VERSION,
	E_RELEASE,
	E_EPOCH,
	E_ARCH,
	E_SRPM,
	E_LICENSE,
	E_VENDOR,
	E_SIZE,
};

/* A header as rpm stores it: an immutable region first, then the tags. */
static void
std_header(struct hb *b, const char *name, const char *srpm)
{
	static const unsigned char trailer[16];
	uint32_t region;

	memset(b, 0, sizeof(*b));
	region = hb_entry(b, 63, TY_BIN, 0, 16);
	hb_str(b, 1000, name);
	hb_str(b, 1001, "1.0");
	hb_str(b, 1002, "1.el9");
	hb_i32(b, 1003, 2);
	hb_str(b, 1022, "x86_64");
	hb_str(b, 1044, srpm);
	hb_str(b, 1014, "MIT");
	hb_str(b, 1011, "Acme");
	hb_i32(b, 1009, 1234);
	hb_set(b, region, 2, hb_data(b, trailer, sizeof(trailer), 1));
}

static int
run_header(struct fix *f, struct str blob)
{
	return analyze_rpm_header(&f->ctx, blob, &f->err);
}

static void
test_header_fields(void)
{
	struct hb b;
	struct fix f;
	const struct pkg *p;

	std_header(&b, "foo", "foo-src-1.0-1.el9.src.rpm");
	fix_init(&f);
	T_EQ_INT(run_header(&f, hb_blob(&b)), 0);
	T_EQ_INT(f.pkgs.n, 1);
	p = &f.pkgs.v[0];
	T_EQ_INT(p->type, PKG_RPM);
	T_EQ_STR(p->name, "foo");
	T_EQ_STR(p->version, "1.0-1.el9");
	T_EQ_STR(p->rpm_version, "1.0");
	T_EQ_STR(p->rpm_release, "1.el9");
	T_EQ_INT(p->epoch, 2);
	T_EQ_STR(p->arch, "x86_64");
	T_EQ_STR(p->src_rpm, "foo-src-1.0-1.el9.src.rpm");
	T_EQ_STR(p->src_name, "foo-src");
	T_EQ_STR(p->src_version, "1.0-1.el9");
	T_EQ_STR(p->license, "MIT");
	T_EQ_STR(p->vendor, "Acme");
	T_EQ_INT(p->installed_size, 1234);
	T_EQ_STR(p->db_path, "test");
	fix_fini(&f);
}

static void
test_header_optional(void)
{
	struct hb b;
	struct fix f;

	/* No epoch, no source rpm, and LONGSIZE wins over SIZE. */
	memset(&b, 0, sizeof(b));
	hb_i32(&b, 1009, 7);
	hb_str(&b, 1000, "bar");
	hb_str(&b, 1001, "2");
	hb_str(&b, 1002, "3");
	hb_i64(&b, 5009, 5000000000ull);
	fix_init(&f);
	T_EQ_INT(run_header(&f, hb_blob(&b)), 0);
	T_EQ_INT(f.pkgs.n, 1);
	T_EQ_INT(f.pkgs.v[0].epoch, -1);
	T_OK(f.pkgs.v[0].arch == NULL && f.pkgs.v[0].src_rpm == NULL);
	T_OK(f.pkgs.v[0].src_name == NULL);
	T_OK(f.pkgs.v[0].installed_size == 5000000000ull);
	fix_fini(&f);

	/* gpg-pubkey entries are signing keys, not packages. */
	std_header(&b, "gpg-pubkey", "x-1-1.src.rpm");
	fix_init(&f);
	T_EQ_INT(run_header(&f, hb_blob(&b)), 0);
	T_EQ_INT(f.pkgs.n, 0);
	fix_fini(&f);
}

static void
test_srpm_split(void)
{
	static const struct {
		const char *srpm, *name, *version;
	} cases[] = {
	    {"bash-5.1.8-1.cm2.src.rpm", "bash", "5.1.8-1.cm2"},
	    {"gcc11-11.2.1+git610-1.3.9.src.rpm", "gcc11",
		"11.2.1+git610-1.3.9"},
	    {"a-b-c-1-2.nosrc.rpm", "a-b-c", "1-2"},
	    {"x-1-2.src.rpm", "x", "1-2"},
	    {"nodash.src.rpm", NULL, NULL},
	    {"one-dash.src.rpm", NULL, NULL},
	    {"-1-2.src.rpm", NULL, NULL},
	    {"a--2.src.rpm", NULL, NULL},
	    {"a-1-.src.rpm", NULL, NULL},
	    {"foo-1-2.rpm", NULL, NULL},
	    {".src.rpm", NULL, NULL},
	    {"", NULL, NULL},
	};
	struct hb b;
	struct fix f;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		std_header(&b, "p", cases[i].srpm);
		fix_init(&f);
		T_EQ_INT(run_header(&f, hb_blob(&b)), 0);
		if (f.pkgs.n == 1) {
			const struct pkg *p = &f.pkgs.v[0];

			T_EQ_STR(p->src_rpm, cases[i].srpm);
			if (cases[i].name) {
				T_EQ_STR(p->src_name, cases[i].name);
				T_EQ_STR(p->src_version, cases[i].version);
			} else {
				T_OK(p->src_name == NULL &&
				    p->src_version == NULL);
			}
		}
		fix_fini(&f);
	}
}

/* A way to break std_header(), and what the error must mention. */
struct breakage {
	const char *what;
	int entry, field; /* entry field to overwrite, or -1 */
	uint32_t value;
	int head; /* 1: overwrite il, 2: dl, 3: cut a byte, 4: add 'value' */
	const char *needle;
};

static const struct breakage breakages[] = {
    {"il all ones", -1, 0, 0, 1, "index entries"},
    {"dl all ones", -1, 0, 0xffffffffu, 2, "data bytes"},
    {"il over the cap", -1, 0, HDR_INDEX_CAP + 1, 1, "index entries"},
    {"dl over the cap", -1, 0, HDR_DATA_CAP + 1, 2, "data bytes"},
    {"il one too many", -1, 0, 11, 1, "say"},
    {"dl one too few", -1, 0, 0, 3, "say"},
    {"offset past the data", E_NAME, 2, 100000, 0, "past the"},
    {"offset far past", E_EPOCH, 2, 0xfffffffcu, 0, "past the"},
    {"unknown type", E_ARCH, 1, 10, 0, "unknown type"},
    {"huge type", E_ARCH, 1, 0x80000006u, 0, "unknown type"},
    {"misaligned int32", E_EPOCH, 2, 1, 4, "not aligned"},
    {"misaligned int32 by 2", E_SIZE, 2, 2, 4, "not aligned"},
    {"data overlap", E_VERSION, 2, 0, 0, "overlaps"},
    {"data out of order", E_ARCH, 2, 1, 0, "overlaps"},
    {"int32 count overflow", E_SIZE, 3, 0x40000001u, 0, "do not fit"},
    {"int32 count zero", E_SIZE, 3, 0, 0, "do not fit"},
    {"string count 2", E_NAME, 3, 2, 0, "count"},
    {"string array too long", E_LICENSE, 1, TY_STRING_ARRAY, 0,
	"strings do not fit"},
    {"region of wrong type", E_REGION, 1, TY_STRING, 0, "region"},
    {"region of wrong count", E_REGION, 3, 15, 0, "region"},
    {"NAME as int32", E_NAME, 1, TY_INT32, 0, "NAME"},
    {"EPOCH as string", E_EPOCH, 1, TY_STRING, 0, "EPOCH"},
    {"no NAME", E_NAME, 0, 4000, 0, "no NAME"},
    {"no RELEASE", E_RELEASE, 0, 4001, 0, "no RELEASE"},
};

static void
break_header(struct hb *b, const struct breakage *k)
{
	const unsigned char *e = b->idx + 16 * k->entry + 4 * k->field;
	uint32_t v = k->value;

	if (k->head == 4)
		v += (uint32_t)e[0] << 24 | (uint32_t)e[1] << 16 |
		    (uint32_t)e[2] << 8 | e[3];
	if (k->entry >= 0)
		hb_set(b, (uint32_t)k->entry, k->field, v);
	if (k->entry == E_LICENSE)
		hb_set(b, E_LICENSE, 3, 5000); /* more strings than bytes */
	hb_blob(b);
	if (k->head == 1)
		wr32be(b->out, k->value ? k->value : 0xffffffffu);
	if (k->head == 2)
		wr32be(b->out + 4, k->value);
}

static void
test_header_hostile(void)
{
	struct hb b;
	struct fix f;
	struct str blob;

	for (size_t i = 0; i < ARRAY_SIZE(breakages); i++) {
		const struct breakage *k = &breakages[i];

		std_header(&b, "foo", "foo-1-1.src.rpm");
		blob = hb_blob(&b);
		break_header(&b, k);
		if (k->head == 3)
			blob.len--;
		fix_init(&f);
		T_EQ_INT(run_header(&f, blob), -EBADMSG);
		T_EQ_INT(f.err.code, EBADMSG);
		T_EQ_INT(f.pkgs.n, 0);
		if (!strstr(f.err.msg, k->needle))
			T_NOTE(
			    "%s: unexpected message '%s'", k->what, f.err.msg);
		T_OK(strstr(f.err.msg, k->needle) != NULL);
		fix_fini(&f);
	}
}

static void
test_header_no_nul(void)
{
	struct hb b;
	struct fix f;
	uint32_t off;

	/* RELEASE is the last datum and has no NUL after it. */
	memset(&b, 0, sizeof(b));
	hb_str(&b, 1000, "foo");
	hb_str(&b, 1001, "1");
	off = hb_data(&b, "rel", 3, 1);
	hb_entry(&b, 1002, TY_STRING, off, 1);
	fix_init(&f);
	T_EQ_INT(run_header(&f, hb_blob(&b)), -EBADMSG);
	T_OK(strstr(f.err.msg, "not NUL-terminated") != NULL);
	fix_fini(&f);

	/* A string array whose last element runs off the end. */
	memset(&b, 0, sizeof(b));
	hb_str(&b, 1000, "foo");
	hb_str(&b, 1001, "1");
	hb_str(&b, 1002, "1");
	off = hb_data(&b, "a\0bc", 4, 1);
	hb_entry(&b, 1100, TY_STRING_ARRAY, off, 2);
	fix_init(&f);
	T_EQ_INT(run_header(&f, hb_blob(&b)), -EBADMSG);
	T_OK(strstr(f.err.msg, "string 2 not NUL-terminated") != NULL);
	fix_fini(&f);

	/* An empty blob and a bare preamble. */
	fix_init(&f);
	T_EQ_INT(run_header(&f, STR_NULL), -EBADMSG);
	T_EQ_INT(run_header(&f, STR("\0\0\0\0\0\0\0")), -EBADMSG);
	T_EQ_INT(run_header(&f, STR("\0\0\0\0\0\0\0\0")), -EBADMSG);
	T_OK(strstr(f.err.msg, "no NAME") != NULL);
	fix_fini(&f);
}

/* Every proper prefix of a good blob must fail cleanly. */
static void
truncations(struct str blob, const char *what)
{
	struct fix f;
	size_t bad = 0;

	fix_init(&f);
	for (size_t n = 0; n < blob.len; n++) {
		int r = run_header(&f, str_make(blob.p, n));

		if (r != -EBADMSG || f.err.code != EBADMSG || !f.err.msg[0])
			bad++;
	}
	T_EQ_INT(f.pkgs.n, 0);
	T_EQ_INT(bad, 0);
	T_EQ_INT(run_header(&f, blob), 0);
	T_NOTE("%s: %zu truncations rejected", what, blob.len);
	fix_fini(&f);
}

/* A header of 'il' entries: NAME, VERSION, RELEASE, then INT8 fillers. */
static unsigned char *
wide_header(uint32_t il, size_t *n)
{
	uint32_t dl = 8 + (il - 3);
	unsigned char *p, *e;

	*n = 8 + 16 * (size_t)il + dl;
	p = xcalloc(1, *n);
	wr32be(p, il);
	wr32be(p + 4, dl);
	for (uint32_t i = 0; i < il; i++) {
		e = p + 8 + 16 * (size_t)i;
		wr32be(e, i < 3 ? 1000 + i : 1100);
		wr32be(e + 4, i < 3 ? TY_STRING : TY_INT8);
		wr32be(e + 8, i == 0 ? 0 : i == 1 ? 4 : i == 2 ? 6 : 5 + i);
		wr32be(e + 12, 1);
	}
	memcpy(p + 8 + 16 * (size_t)il,
	    "foo\0"
	    "1\0"
	    "2\0",
	    8);
	return p;
}

static void
test_built_truncations(void)
{
	struct hb b;

	std_header(&b, "trunc", "trunc-1-1.src.rpm");
	truncations(hb_blob(&b), "built header");
}

static void
test_header_limits(void)
{
	static const struct {
		uint32_t il;
		int want;
	} cases[] = {
	    {HDR_INDEX_CAP - 1, 0},
	    {HDR_INDEX_CAP, 0},
	    {HDR_INDEX_CAP + 1, -EBADMSG},
	};
	struct fix f;
	unsigned char *p;
	size_t n;

	fix_init(&f);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		p = wide_header(cases[i].il, &n);
		T_EQ_INT(run_header(&f, str_make((const char *)p, n)),
		    cases[i].want);
		free(p);
	}
	T_EQ_INT(f.pkgs.n, 2);
	T_OK(strstr(f.err.msg, "index entries") != NULL);
	fix_fini(&f);
}

static void
test_header_data_limit(void)
{
	/* Three strings at the front of HDR_DATA_CAP zero bytes. */
	size_t n = 8 + 48 + (size_t)HDR_DATA_CAP;
	unsigned char *p = xcalloc(1, n);
	struct fix f;

	for (uint32_t i = 0; i < 3; i++) {
		wr32be(p + 8 + 16 * i, 1000 + i);
		wr32be(p + 12 + 16 * i, TY_STRING);
		wr32be(p + 16 + 16 * i, 4 * i);
		wr32be(p + 20 + 16 * i, 1);
		memcpy(p + 56 + 4 * i, "abc", 3);
	}
	wr32be(p, 3);
	wr32be(p + 4, HDR_DATA_CAP);
	fix_init(&f);
	T_EQ_INT(run_header(&f, str_make((const char *)p, n)), 0);
	wr32be(p + 4, HDR_DATA_CAP - 1);
	T_EQ_INT(run_header(&f, str_make((const char *)p, n - 1)), 0);
	T_EQ_INT(f.pkgs.n, 2);
	wr32be(p + 4, HDR_DATA_CAP + 1);
	T_EQ_INT(run_header(&f, str_make((const char *)p, n)), -EBADMSG);
	T_OK(strstr(f.err.msg, "data bytes") != NULL);
	fix_fini(&f);
	free(p);
}

/* ------------------------------------------------------------------ */
/* The real databases. */

static char data_dir[4096];

static bool
have_data(void)
{
	int n = snprintf(data_dir, sizeof(data_dir),
	    "%s/../../shared/data/rpmdb", WARD_TEST_SRCDIR);

	return n > 0 && (size_t)n < sizeof(data_dir) &&
	    access(data_dir, R_OK | X_OK) == 0;
}

static bool
load(struct arena *a, const char *sub, const char *name, struct str *out)
{
	struct ward_err err;
	char dir[4200];
	int fd, r;

	if (snprintf(dir, sizeof(dir), "%s/%s", data_dir, sub) < 0)
		return false;
	fd = fs_root_open(dir, &err);
	if (fd < 0) {
		T_NOTE("%s", err.msg);
		return false;
	}
	r = fs_read_in_root(a, fd, name, PKG_DB_MAX, out, &err);
	close(fd);
	if (r < 0)
		T_NOTE("%s", err.msg);
	return r >= 0;
}

typedef int (*analyzer)(struct analyze_ctx *, struct str, struct ward_err *);

static const struct db_kind {
	const char *sub, *file;
	analyzer fn;
	size_t want;
} kinds[] = {
    {"sqlite", "rpmdb.sqlite", analyze_rpm_sqlite, 129},
    {"bdb", "Packages", analyze_rpm_bdb, 1},
    {"ndb", "Packages.db", analyze_rpm_ndb, 35},
};

/*
 * Rows of expected.tsv that are known not to be in the database bytes.
 * The NDB list comes from go-rpmdb's tests, which carry a libgcc from
 * Fedora 35 that this Packages.db does not hold: neither "1.fc35" nor a
 * stale blob of it occurs anywhere in the file (checked below).
 */
static const struct {
	const char *sub, *row, *absent;
} errata[] = {
    {"ndb", "libgcc\t\t11.2.1\t1.fc35\tx86_64\tgcc-11.2.1-1.fc35.src.rpm",
	"1.fc35"},
};

static const char *
errata_for(const char *sub, const char *row)
{
	for (size_t i = 0; i < ARRAY_SIZE(errata); i++)
		if (strcmp(errata[i].sub, sub) == 0 &&
		    strcmp(errata[i].row, row) == 0)
			return errata[i].absent;
	return NULL;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The rows of expected.tsv, sorted. */
static char **
expected_rows(struct arena *a, struct str tsv, size_t *n)
{
	char **v = arena_calloc(a, tsv.len / 2 + 1, sizeof(*v));
	struct str line;

	*n = 0;
	while (str_next_line(&tsv, &line))
		if (line.len > 0)
			v[(*n)++] = arena_strz(a, line);
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

/* Our packages in the same form: name, epoch, version, release, arch,
 * source rpm. */
static char **
our_rows(struct arena *a, const struct pkg_list *l)
{
	char **v = arena_calloc(a, l->n + 1, sizeof(*v));

	for (size_t i = 0; i < l->n; i++) {
		const struct pkg *p = &l->v[i];
		char epoch[24] = "";

		if (p->epoch >= 0 &&
		    snprintf(
			epoch, sizeof(epoch), "%lld", (long long)p->epoch) < 0)
			epoch[0] = '\0';
		v[i] = arena_printf(a, "%s\t%s\t%s\t%s\t%s\t%s", p->name, epoch,
		    p->rpm_version, p->rpm_release, p->arch ? p->arch : "",
		    p->src_rpm ? p->src_rpm : "");
	}
	qsort(v, l->n, sizeof(*v), cmp_str);
	return v;
}

static bool
holds(struct str s, const char *needle)
{
	return str_find(s, str_from(needle)) >= 0;
}

/* Compare sorted row sets; differences become TAP comments. */
static size_t
diff_rows(const struct db_kind *k, struct str db, char **want, size_t nw,
    char **got, size_t ng)
{
	size_t i = 0, j = 0, bad = 0;

	while (i < nw || j < ng) {
		int c = i == nw ? 1 : j == ng ? -1 : strcmp(want[i], got[j]);
		const char *absent;

		if (c == 0) {
			i++, j++;
		} else if (c < 0) {
			absent = errata_for(k->sub, want[i]);
			if (absent && !holds(db, absent)) {
				T_NOTE("%s: expected.tsv row not in the file "
				       "(known): %s",
				    k->sub, want[i]);
			} else {
				T_NOTE("%s: missing: %s", k->sub, want[i]);
				bad++;
			}
			i++;
		} else {
			T_NOTE("%s: unexpected: %s", k->sub, got[j++]);
			bad++;
		}
	}
	return bad;
}

static void
test_real_db(const struct db_kind *k)
{
	struct fix f;
	struct str db, tsv;
	char **want, **got;
	size_t nw;

	fix_init(&f);
	if (!load(f.a, k->sub, k->file, &db) ||
	    !load(f.a, k->sub, "expected.tsv", &tsv)) {
		T_OK(!"rpmdb test data readable");
		fix_fini(&f);
		return;
	}
	T_EQ_INT(k->fn(&f.ctx, db, &f.err), 0);
	T_EQ_INT(f.pkgs.n, k->want);
	T_EQ_INT(f.warns.n, 0);
	warns_note(&f);
	want = expected_rows(f.a, tsv, &nw);
	got = our_rows(f.a, &f.pkgs);
	T_EQ_INT(diff_rows(k, db, want, nw, got, f.pkgs.n), 0);
	T_NOTE(
	    "%s: %zu packages read, %zu rows expected", k->sub, f.pkgs.n, nw);
	/* Every package of these has them (sizes may be 0: meta packages). */
	for (size_t i = 0; i < f.pkgs.n; i++) {
		const struct pkg *p = &f.pkgs.v[i];

		if (!p->src_name || !p->src_version || !p->license ||
		    !p->vendor || strcmp(p->db_path, "test") != 0)
			T_NOTE("%s: incomplete package %s", k->sub, p->name);
		T_OK(p->src_name && p->src_version && p->license && p->vendor &&
		    strcmp(p->db_path, "test") == 0);
	}
	fix_fini(&f);
}

static const struct pkg *
find_pkg(const struct fix *f, const char *name)
{
	for (size_t i = 0; i < f->pkgs.n; i++)
		if (strcmp(f->pkgs.v[i].name, name) == 0)
			return &f->pkgs.v[i];
	return NULL;
}

/* The first header of the NDB file (system-user-root), cut everywhere. */
static void
test_real_truncations(void)
{
	struct fix f;
	struct str db;

	fix_init(&f);
	if (load(f.a, "ndb", "Packages.db", &db) && db.len > 4096 + 4128)
		truncations(str_make(db.p + 4096 + 16, 4128),
		    "system-user-root header from the NDB");
	else
		T_OK(!"ndb data readable");
	fix_fini(&f);
}

/* Fields not in expected.tsv, checked against a separate decoder. */
static void
test_real_fields(void)
{
	struct fix f;
	struct str db;
	const struct pkg *p;

	fix_init(&f);
	if (load(f.a, "sqlite", "rpmdb.sqlite", &db) &&
	    analyze_rpm_sqlite(&f.ctx, db, &f.err) == 0 &&
	    (p = find_pkg(&f, "bash")) != NULL) {
		T_EQ_STR(p->version, "5.1.8-1.cm2");
		T_EQ_STR(p->license, "GPLv3");
		T_EQ_STR(p->vendor, "Microsoft Corporation");
		T_EQ_INT(p->installed_size, 3565139);
		T_EQ_STR(p->src_name, "bash");
		T_EQ_STR(p->src_version, "5.1.8-1.cm2");
	} else {
		T_OK(!"bash in the SQLite rpmdb");
	}
	if (load(f.a, "ndb", "Packages.db", &db) &&
	    analyze_rpm_ndb(&f.ctx, db, &f.err) == 0 &&
	    (p = find_pkg(&f, "libgcc_s1")) != NULL) {
		T_EQ_STR(p->src_name, "gcc11");
		T_EQ_STR(p->src_version, "11.2.1+git610-1.3.9");
		T_EQ_STR(p->vendor, "SUSE LLC <https://www.suse.com/>");
		T_EQ_INT(p->installed_size, 101024);
	} else {
		T_OK(!"libgcc_s1 in the NDB rpmdb");
	}
	fix_fini(&f);
}

/* ------------------------------------------------------------------ */
/* BerkeleyDB. */

static unsigned char *
dup_bytes(struct str s)
{
	unsigned char *p = xmalloc(s.len ? s.len : 1);

	memcpy(p, s.p, s.len);
	return p;
}

static int
run_db(struct fix *f, analyzer fn, const unsigned char *p, size_t n)
{
	return fn(&f->ctx, str_make((const char *)p, n), &f->err);
}

static void
swap16(unsigned char *p)
{
	unsigned char t = p[0];

	p[0] = p[1];
	p[1] = t;
}

static void
swap32(unsigned char *p)
{
	unsigned char t[4] = {p[3], p[2], p[1], p[0]};

	memcpy(p, t, 4);
}

/* Rewrite a little-endian hash database as a big-endian machine would. */
static void
bdb_swap(unsigned char *p, size_t len)
{
	static const int meta32[] = {8, 12, 16, 20, 28, 32, 36, 40, 44, 48};
	uint32_t ps = rd32le(p + 20);

	for (size_t i = 0; i < ARRAY_SIZE(meta32); i++)
		swap32(p + meta32[i]);
	for (size_t pg = 1; (pg + 1) * ps <= len; pg++) {
		unsigned char *q = p + pg * ps;
		uint16_t n = rd16le(q + 20);

		if (q[25] == 13 || q[25] == 2) {
			for (uint16_t i = 0; i < n; i++) {
				unsigned char *it = q + rd16le(q + 26 + 2 * i);

				if (it[0] == 3) {
					swap32(it + 4);
					swap32(it + 8);
				}
				swap16(q + 26 + 2 * i);
			}
		}
		swap32(q + 8);
		swap32(q + 12);
		swap32(q + 16);
		swap16(q + 20);
		swap16(q + 22);
	}
}

/*
 * A two-page database with 512-byte pages: the counter record under key 0
 * and one package whose header is stored inline (H_KEYDATA).
 */
static size_t
bdb_tiny(unsigned char *p, struct str blob)
{
	unsigned char *h = p + 512;
	uint16_t off = 512;
	static const unsigned char zero[4], one[4] = {1};
	const struct {
		const void *p;
		size_t n;
	} items[] = {{zero, 4}, {one, 4}, {one, 4}, {blob.p, blob.len}};

	memset(p, 0, 1024);
	wr32le(p + 12, 0x061561);
	wr32le(p + 16, 9);
	wr32le(p + 20, 512);
	p[25] = 8;
	wr32le(p + 32, 1);
	wr32le(h + 8, 1);
	h[25] = 13;
	h[20] = 4;
	for (size_t i = 0; i < 4; i++) {
		off = (uint16_t)(off - 1 - items[i].n);
		h[off] = 1;
		memcpy(h + off + 1, items[i].p, items[i].n);
		h[26 + 2 * i] = (unsigned char)off;
		h[27 + 2 * i] = (unsigned char)(off >> 8);
	}
	h[22] = (unsigned char)off;
	h[23] = (unsigned char)(off >> 8);
	return 1024;
}

static void
test_bdb_tiny(void)
{
	unsigned char p[1024];
	struct hb b;
	struct fix f;
	size_t n;

	std_header(&b, "tiny", "tiny-1-1.src.rpm");
	n = bdb_tiny(p, hb_blob(&b));
	fix_init(&f);
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, n), 0);
	T_EQ_INT(f.pkgs.n, 1);
	T_EQ_INT(f.warns.n, 0);
	bdb_swap(p, n);
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, n), 0);
	T_EQ_INT(f.pkgs.n, 2);
	T_EQ_INT(f.warns.n, 0);
	if (f.pkgs.n == 2)
		T_EQ_STR(f.pkgs.v[1].name, "tiny");
	fix_fini(&f);
}

/* Patch a 32-bit little-endian field of a copy and expect one warning. */
static void
bdb_patch(struct str db, size_t at, uint32_t v, const char *needle)
{
	unsigned char *p = dup_bytes(db);
	struct fix f;

	wr32le(p + at, v);
	fix_init(&f);
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, db.len), 0);
	T_EQ_INT(f.pkgs.n, 0);
	if (!warned(&f, needle))
		warns_note(&f);
	T_OK(warned(&f, needle));
	fix_fini(&f);
	free(p);
}

static void
bdb_meta_errors(struct str db)
{
	static const struct {
		size_t at;
		uint32_t v;
		int want;
	} cases[] = {
	    {12, 0x061562, -EBADMSG}, /* magic */
	    {16, 5, -ENOTSUP}, /* version */
	    {16, 11, -ENOTSUP}, {20, 1000, -EBADMSG}, /* page size */
	    {20, 256, -EBADMSG}, {20, 1u << 17, -EBADMSG},
	    {24, 1, -ENOTSUP}, /* encrypt_alg (one byte) */
	    {25, 9, -EBADMSG}, /* page type (one byte) */
	};
	unsigned char *p = dup_bytes(db);
	struct fix f;

	fix_init(&f);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		memcpy(p, db.p, 64);
		if (cases[i].at >= 24)
			p[cases[i].at] = (unsigned char)cases[i].v;
		else
			wr32le(p + cases[i].at, cases[i].v);
		T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, db.len), cases[i].want);
		T_EQ_INT(f.err.code, -cases[i].want);
	}
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, 0), -EBADMSG);
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, 511), -EBADMSG);
	T_EQ_INT(f.pkgs.n, 0);
	fix_fini(&f);
	free(p);
}

static void
bdb_truncations(struct str db)
{
	struct fix f;
	size_t ok = 0;

	fix_init(&f);
	for (size_t n = 0; n < db.len; n += n < 8192 ? 509 : 4096) {
		f.warns.n = 0;
		if (analyze_rpm_bdb(&f.ctx, str_make(db.p, n), &f.err) == 0)
			ok++;
	}
	T_EQ_INT(f.pkgs.n, 0);
	T_OK(ok > 0);
	fix_fini(&f);
}

/* The same file written big-endian gives the same package. */
static void
bdb_big_endian(struct str db)
{
	unsigned char *p = dup_bytes(db);
	struct fix f;

	fix_init(&f);
	bdb_swap(p, db.len);
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, db.len), 0);
	T_EQ_INT(f.pkgs.n, 1);
	T_EQ_INT(f.warns.n, 0);
	if (f.pkgs.n == 1)
		T_EQ_STR(f.pkgs.v[0].version, "2.32.1-42.el8_8");
	/* A metadata page that claims more pages than the file has. */
	wr32be(p + 32, 200);
	T_EQ_INT(run_db(&f, analyze_rpm_bdb, p, db.len), 0);
	T_EQ_INT(f.pkgs.n, 2);
	T_OK(warned(&f, "the file holds 23 pages"));
	free(p);
	fix_fini(&f);
}

static void
test_bdb_hostile(void)
{
	struct fix f;
	struct str db;
	size_t ps = 4096, item;

	fix_init(&f);
	if (!load(f.a, "bdb", "Packages", &db)) {
		T_OK(!"bdb data readable");
		fix_fini(&f);
		return;
	}
	/* The last overflow page (22) leads back to the first (3). */
	bdb_patch(db, 22 * ps + 16, 3, "reached twice");
	bdb_patch(db, 22 * ps + 16, 9999, "beyond the file");
	bdb_patch(db, 22 * ps + 16, 1, "not overflow");
	bdb_patch(db, 10 * ps + 16, 0, "of 80880 bytes");
	/* Page 2's off-page item: its first page and its length. */
	item = 2 * ps + rd16le((const unsigned char *)db.p + 2 * ps + 28);
	bdb_patch(db, item + 4, 0xfffffff0u, "beyond the file");
	bdb_patch(db, item + 8, 80881, "of 80881 bytes");
	bdb_patch(db, item, 2, "duplicate records");
	bdb_patch(db, item, 9, "item type 9");
	bdb_patch(db, 2 * ps + 26, 0xffff, "outside the page");
	bdb_meta_errors(db);
	bdb_truncations(db);
	bdb_big_endian(db);
	fix_fini(&f);
}

/* ------------------------------------------------------------------ */
/* NDB. */

struct ndb_case {
	const char *what;
	size_t at; /* byte to patch */
	uint32_t v; /* 32-bit little-endian value */
	size_t pkgs; /* packages still read */
	const char *needle;
	bool resum; /* recompute package 1's checksum after the patch */
};

/* Package 1 of the real file: blocks 256 to 516. */
#define NDB_PKG1_START (256 * 16)
#define NDB_PKG1_END (516 * 16)

static void
ndb_resum(unsigned char *p)
{
	unsigned char *tail = p + NDB_PKG1_END - 12;

	wr32le(tail,
	    (uint32_t)adler32_z(
		1, p + NDB_PKG1_START, NDB_PKG1_END - 12 - NDB_PKG1_START));
}

static void
test_ndb_hostile(void)
{
	/* Slot 2 (at 32) is package 1 at block 256, 260 blocks long. */
	static const struct ndb_case cases[] = {
	    {"bad slot magic", 32, 0x746f6c73, 34, "bad slot magic"},
	    {"blocks past the end", 40, 0x7fffffff, 34, "outside the blob"},
	    {"blocks in the slot pages", 40, 1, 34, "outside the blob"},
	    {"blocks overflow", 44, 0xffffffff, 34, "outside the blob"},
	    {"no room for a blob", 44, 1, 34, "hold no blob"},
	    {"shared blocks", 56, 256, 34, "already belongs"},
	    {"blob magic", 4096, 0, 34, "BlbS"},
	    {"blob index", 4100, 7, 34, "belongs to package 7"},
	    {"blob length", 4108, 5000, 34, "overruns"},
	    {"blob tail length", 4096 + 260 * 16 - 8, 1, 34, "bad blob tail"},
	    {"checksum", 4096 + 100, 0x01020304, 34, "checksum mismatch"},
	    {"header inside", 4096 + 16, 0xffffffff, 34, "index entries", true},
	    {"header dl", 4096 + 20, 0, 34, "header of 4128 bytes", true},
	};
	struct fix f;
	struct str db;
	unsigned char *p;

	fix_init(&f);
	if (!load(f.a, "ndb", "Packages.db", &db)) {
		T_OK(!"ndb data readable");
		fix_fini(&f);
		return;
	}
	p = dup_bytes(db);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fix g;

		memcpy(p, db.p, db.len);
		wr32le(p + cases[i].at, cases[i].v);
		if (cases[i].resum)
			ndb_resum(p);
		fix_init(&g);
		T_EQ_INT(run_db(&g, analyze_rpm_ndb, p, db.len), 0);
		T_EQ_INT(g.pkgs.n, cases[i].pkgs);
		if (!warned(&g, cases[i].needle)) {
			T_NOTE("%s:", cases[i].what);
			warns_note(&g);
		}
		T_OK(warned(&g, cases[i].needle));
		fix_fini(&g);
	}
	free(p);
	fix_fini(&f);
}

static void
test_ndb_head(void)
{
	static const struct {
		size_t at;
		uint32_t v;
		int want;
	} cases[] = {
	    {0, 0x506d7053, -EBADMSG}, /* magic */
	    {4, 1, -ENOTSUP}, /* version */
	    {12, 0, -EBADMSG}, /* slot pages */
	    {12, 1000, -EBADMSG},
	    {12, 0xffffffff, -EBADMSG},
	};
	struct fix f;
	struct str db;
	unsigned char *p;
	size_t ok = 0;

	fix_init(&f);
	if (!load(f.a, "ndb", "Packages.db", &db)) {
		T_OK(!"ndb data readable");
		fix_fini(&f);
		return;
	}
	p = dup_bytes(db);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		memcpy(p, db.p, 32);
		wr32le(p + cases[i].at, cases[i].v);
		T_EQ_INT(run_db(&f, analyze_rpm_ndb, p, db.len), cases[i].want);
	}
	T_EQ_INT(run_db(&f, analyze_rpm_ndb, p, 0), -EBADMSG);
	T_EQ_INT(f.pkgs.n, 0);
	/* Truncated anywhere: never a crash, never a partial header. */
	for (size_t n = 0; n < db.len; n += n < 8192 ? 31 : 9973)
		ok += analyze_rpm_ndb(&f.ctx, str_make(db.p, n), &f.err) == 0;
	T_OK(ok > 0);
	T_OK(f.pkgs.n < 35 * ok);
	T_EQ_INT(analyze_rpm_ndb(&f.ctx, str_make(db.p, 4096), &f.err), 0);
	free(p);
	fix_fini(&f);
}

/* ------------------------------------------------------------------ */
/* SQLite. */

/* Build a database in memory with 'sql' and return its bytes. */
static unsigned char *
sqlite_image(const char *sql, struct str blob, sqlite3_int64 *n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	unsigned char *p = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		return NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK && blob.p &&
	    sqlite3_prepare_v2(db, "INSERT INTO Packages VALUES (7, ?)", -1,
		&st, NULL) == SQLITE_OK) {
		sqlite3_bind_blob(st, 1, blob.p, (int)blob.len, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			T_NOTE("insert: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	p = sqlite3_serialize(db, "main", n, 0);
	sqlite3_close(db);
	return p;
}

static void
sqlite_case(
    const char *sql, struct str blob, int want, size_t pkgs, const char *needle)
{
	sqlite3_int64 n;
	unsigned char *p = sqlite_image(sql, blob, &n);
	struct fix f;
	int r;

	if (!p) {
		T_OK(!"sqlite image built");
		return;
	}
	fix_init(&f);
	r = run_db(&f, analyze_rpm_sqlite, p, (size_t)n);
	T_EQ_INT(r, want);
	T_EQ_INT(f.pkgs.n, pkgs);
	if (r < 0)
		T_OK(strstr(f.err.msg, needle) != NULL);
	else
		T_OK(!needle[0] || warned(&f, needle));
	if (r < 0 && !strstr(f.err.msg, needle))
		T_NOTE("error: %s", f.err.msg);
	fix_fini(&f);
	sqlite3_free(p);
}

static void
test_sqlite_hostile(void)
{
	static const char tbl[] =
	    "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB);";
	struct hb b;
	struct fix f;

	std_header(&b, "one", "one-1-1.src.rpm");
	sqlite_case(tbl, hb_blob(&b), 0, 1, "");
	sqlite_case(
	    "CREATE TABLE Other (x);", STR_NULL, -EBADMSG, 0, "no such table");
	sqlite_case(
	    "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB);"
	    "INSERT INTO Packages VALUES (1, 'text, not a blob');"
	    "INSERT INTO Packages VALUES (2, x'0000');",
	    hb_blob(&b), 0, 1, "package 2: header of 2 bytes");
	sqlite_case(
	    "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB);"
	    "INSERT INTO Packages VALUES (1, 'text, not a blob');",
	    STR_NULL, 0, 0, "not a BLOB");
	/* A view that never ends must not run at all. */
	sqlite_case("CREATE VIEW Packages AS WITH RECURSIVE c(x) AS "
		    "(SELECT 1 UNION ALL SELECT x + 1 FROM c) "
		    "SELECT x AS hnum, x AS blob FROM c;",
	    STR_NULL, -EBADMSG, 0, "not an RPM SQLite database");
	sqlite_case(
	    "CREATE TABLE t (x); CREATE TRIGGER g AFTER INSERT ON t BEGIN "
	    "SELECT 1; END;"
	    "CREATE TABLE Packages (hnum INTEGER PRIMARY "
	    "KEY, blob BLOB);",
	    hb_blob(&b), 0, 1, "");

	fix_init(&f);
	T_EQ_INT(analyze_rpm_sqlite(&f.ctx, STR_NULL, &f.err), -EBADMSG);
	T_EQ_INT(analyze_rpm_sqlite(&f.ctx, STR("SQLite format 3"), &f.err),
	    -EBADMSG);
	T_OK(strstr(f.err.msg, "not an RPM SQLite database") != NULL);
	fix_fini(&f);
}

static void
test_sqlite_truncated(void)
{
	struct fix f;
	struct str db;
	size_t errors = 0;

	fix_init(&f);
	if (!load(f.a, "sqlite", "rpmdb.sqlite", &db)) {
		T_OK(!"sqlite data readable");
		fix_fini(&f);
		return;
	}
	for (size_t n = 0; n < db.len; n += n < 65536 ? 4093 : 262147) {
		struct fix g;

		fix_init(&g);
		if (analyze_rpm_sqlite(&g.ctx, str_make(db.p, n), &g.err) < 0)
			errors += g.err.code == EBADMSG;
		T_OK(g.pkgs.n < 129);
		fix_fini(&g);
	}
	T_OK(errors > 0);
	fix_fini(&f);
}

int
main(void)
{
	test_header_fields();
	test_header_optional();
	test_srpm_split();
	test_header_hostile();
	test_header_no_nul();
	test_header_limits();
	test_header_data_limit();
	test_bdb_tiny();
	test_sqlite_hostile();
	test_built_truncations();
	if (!have_data()) {
		T_SKIP("no ../shared/data/rpmdb beside the checkout: real "
		       "databases not tested");
		return t_done();
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		test_real_db(&kinds[i]);
	test_real_fields();
	test_real_truncations();
	test_bdb_hostile();
	test_ndb_hostile();
	test_ndb_head();
	test_sqlite_truncated();
	return t_done();
}
