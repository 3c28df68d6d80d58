/*
 * An index of the outer tar of an OCI or docker archive: entry names,
 * types, link targets, and the offset and size of each file's data, built
 * by reading only the 512-byte headers. The blobs inside are then read in
 * place with pread, so layers can be streamed in parallel and nothing is
 * unpacked to disk. The archive is untrusted: every header's checksum is
 * verified, sizes are checked against the file, pax and GNU long-name
 * records are capped, and names are normalised (a ".." component makes
 * the entry unreachable rather than resolved).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/mem.h"

#define BLOCK 512
#define LINK_HOPS_MAX 8

struct tar_index {
	struct map *byname; /* normalised name -> struct tar_entry */
	uint64_t file_size;
	int fd;
};

int
blob_pread(const struct blob *b, void *buf, size_t n, uint64_t off,
    struct ward_err *err)
{
	size_t got = 0;

	if (off > b->len || n > b->len - off)
		return err_set(err, EBADMSG, "%s: read past the end", b->name);
	while (got < n) {
		ssize_t r = pread(b->fd, (char *)buf + got, n - got,
		    (off_t)(b->off + off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return err_set(
			    err, errno, "%s: %s", b->name, strerror(errno));
		if (r == 0)
			return err_set(err, EBADMSG, "%s: truncated", b->name);
		got += (size_t)r;
	}
	return 0;
}

int
blob_read_all(struct arena *a, const struct blob *b, uint64_t max,
    struct str *out, struct ward_err *err)
{
	char *p;
	int r;

	if (b->len > max)
		return err_set(err, EFBIG, "%s: %llu bytes exceeds %llu",
		    b->name, (unsigned long long)b->len,
		    (unsigned long long)max);
	p = arena_alloc(a, (size_t)b->len + 1);
	r = blob_pread(b, p, (size_t)b->len, 0, err);
	if (r < 0)
		return r;
	p[b->len] = '\0';
	*out = (struct str){p, (size_t)b->len};
	return 0;
}

bool
tar_path_normalize(const char *src, char *dst)
{
	size_t o = 0;
	const char *p = src;

	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		if (n > 0 && !(n == 1 && p[0] == '.')) {
			if (o + (o > 0) + n > FS_PATH_MAX)
				return false;
			if (o > 0)
				dst[o++] = '/';
			memcpy(dst + o, p, n);
			o += n;
		}
		p += n;
		while (*p == '/')
			p++;
	}
	dst[o] = '\0';
	return true;
}

static uint64_t
octal_field(const unsigned char *f, size_t n, bool *ok)
{
	uint64_t v = 0;
	size_t i = 0;

	/* GNU base-256: the high bit of the first byte set. */
	if (f[0] & 0x80) {
		if (f[0] != 0x80)
			*ok = false; /* negative or too large */
		for (i = 1; i < n; i++) {
			if (v >> 56)
				*ok = false;
			v = v << 8 | f[i];
		}
		return v;
	}
	while (i < n && (f[i] == ' ' || f[i] == '\0'))
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 60)
			*ok = false;
		v = v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++)
		if (f[i] != ' ' && f[i] != '\0')
			*ok = false;
	return v;
}

bool
tar_header_looks_valid(const unsigned char *h)
{
	unsigned long sum = 0;
	long ssum = 0;
	bool ok = true;
	uint64_t want = octal_field(h + 148, 8, &ok);

	for (int i = 0; i < BLOCK; i++) {
		unsigned char c = (i >= 148 && i < 156) ? ' ' : h[i];

		sum += c;
		ssum += (signed char)c;
	}
	return ok && (want == sum || (int64_t)want == ssum) && h[0] != '\0';
}

static bool
zero_block(const unsigned char *h)
{
	for (int i = 0; i < BLOCK; i++)
		if (h[i])
			return false;
	return true;
}

/* Long names from pax 'path'/'linkpath' and GNU 'L'/'K' records. */
struct pending {
	char *name;
	char *link;
	bool have_size;
	uint64_t size;
};

static int
read_extension(struct arena *a, int fd, uint64_t off, uint64_t size, char **out,
    struct ward_err *err)
{
	struct blob b = {fd, off, size, "tar extension header"};
	struct str s;
	int r;

	if (size > TAR_PAX_MAX)
		return err_set(err, EFBIG, "extension header of %llu bytes",
		    (unsigned long long)size);
	r = blob_read_all(a, &b, TAR_PAX_MAX, &s, err);
	if (r < 0)
		return r;
	*out = (char *)s.p;
	return 0;
}

/* Parse pax records "LEN key=value\n" for the keys we use. */
static int
parse_pax(struct arena *a, const char *rec, struct pending *pend,
    struct ward_err *err)
{
	struct str s = str_from(rec);

	while (s.len > 0) {
		ssize_t sp = str_find_char(s, ' ');
		uint64_t len;
		struct str kv, key;

		if (sp <= 0 ||
		    parse_u64(str_make(s.p, (size_t)sp), s.len, &len) < 0 ||
		    len <= (uint64_t)sp + 1 || s.p[len - 1] != '\n')
			return err_set(err, EBADMSG, "malformed pax record");
		kv = str_make(s.p + sp + 1, (size_t)len - (size_t)sp - 2);
		s = str_sub(s, (size_t)len, s.len);
		if (!str_cut(&kv, '=', &key))
			return err_set(err, EBADMSG, "pax record without '='");
		if (str_eq_cstr(key, "path"))
			pend->name = arena_strz(a, kv);
		else if (str_eq_cstr(key, "linkpath"))
			pend->link = arena_strz(a, kv);
		else if (str_eq_cstr(key, "size")) {
			if (parse_u64(kv, UINT64_MAX / 2, &pend->size) < 0)
				return err_set(err, EBADMSG, "bad pax size");
			pend->have_size = true;
		}
	}
	return 0;
}

static const char *
header_name(struct arena *a, const unsigned char *h)
{
	char name[101], prefix[156];

	memcpy(name, h, 100);
	name[100] = '\0';
	/* POSIX ustar keeps a prefix; GNU ("ustar  ") does not. */
	if (memcmp(h + 257, "ustar\0", 6) == 0 && h[345]) {
		memcpy(prefix, h + 345, 155);
		prefix[155] = '\0';
		return arena_printf(a, "%s/%s", prefix, name);
	}
	return arena_strdup(a, name);
}

static int
add_entry(struct arena *a, struct tar_index *t, const unsigned char *h,
    struct pending *pend, uint64_t off, uint64_t size, struct ward_err *err)
{
	char norm[FS_PATH_MAX + 1], link[101];
	struct tar_entry *e;
	const char *raw = pend->name ? pend->name : header_name(a, h);

	if (!tar_path_normalize(raw, norm))
		return 0; /* ".." or over-long: unreachable by design */
	e = arena_calloc(a, 1, sizeof(*e));
	e->name = arena_strdup(a, norm);
	e->type = h[156] == '\0' || h[156] == '7' ? '0' : (char)h[156];
	if (pend->link) {
		e->link = pend->link;
	} else {
		memcpy(link, h + 157, 100);
		link[100] = '\0';
		e->link = arena_strdup(a, link);
	}
	e->off = off;
	e->size = size;
	if (map_len(t->byname) >= ARCHIVE_ENTRIES_MAX)
		return err_set(
		    err, EFBIG, "more than %u entries", ARCHIVE_ENTRIES_MAX);
	map_put(t->byname, str_from(e->name), e);
	return 0;
}

/* One header at 'off'; advances *off past its data. 1 at the end. */
static int
step(struct arena *a, struct tar_index *t, uint64_t *off, struct pending *pend,
    struct ward_err *err)
{
	unsigned char h[BLOCK];
	struct blob whole = {t->fd, 0, t->file_size, "archive"};
	uint64_t size, data, next;
	bool ok = true;
	char *ext;
	int r;

	if (*off + BLOCK > t->file_size)
		return 1; /* no end marker: tolerated, like GNU tar */
	r = blob_pread(&whole, h, BLOCK, *off, err);
	if (r < 0)
		return r;
	if (zero_block(h))
		return 1;
	if (!tar_header_looks_valid(h))
		return err_set(err, EBADMSG, "bad tar header at offset %llu",
		    (unsigned long long)*off);
	size = octal_field(h + 124, 12, &ok);
	if (pend->have_size)
		size = pend->size;
	data = *off + BLOCK;
	if (!ok || size > t->file_size || data + size > t->file_size)
		return err_set(err, EBADMSG,
		    "entry at offset %llu runs past the end (truncated)",
		    (unsigned long long)*off);
	next = data + ((size + BLOCK - 1) & ~(uint64_t)(BLOCK - 1));
	switch (h[156]) {
	case 'x':
		r = read_extension(a, t->fd, data, size, &ext, err);
		if (r >= 0)
			r = parse_pax(a, ext, pend, err);
		break;
	case 'g':
		r = 0; /* global pax header: nothing we use */
		break;
	case 'L':
	case 'K':
		r = read_extension(a, t->fd, data, size, &ext, err);
		if (r >= 0)
			*(h[156] == 'L' ? &pend->name : &pend->link) = ext;
		break;
	default:
		r = add_entry(a, t, h, pend, data, size, err);
		memset(pend, 0, sizeof(*pend));
	}
	*off = next;
	return r < 0 ? r : 0;
}

int
tar_index_build(struct arena *a, int fd, const char *name,
    struct tar_index **out, struct ward_err *err)
{
	struct tar_index *t;
	struct pending pend = {0};
	struct stat st;
	uint64_t off = 0;
	int r;

	if (fstat(fd, &st) < 0)
		return err_set(err, errno, "%s: %s", name, strerror(errno));
	t = xcalloc(1, sizeof(*t));
	t->byname = map_new();
	t->fd = fd;
	t->file_size = (uint64_t)st.st_size;
	while ((r = step(a, t, &off, &pend, err)) == 0)
		;
	if (r < 0) {
		tar_index_free(t);
		return err_wrap(err, "%s", name);
	}
	*out = t;
	return 0;
}

void
tar_index_free(struct tar_index *t)
{
	if (!t)
		return;
	map_free(t->byname);
	free(t);
}

bool
tar_index_has(const struct tar_index *t, const char *path)
{
	return map_get(t->byname, str_from(path)) != NULL;
}

/*
 * Resolve a symlink's target relative to the link's directory, component
 * by component: "." is dropped and ".." removes the component before it,
 * never climbing above the archive's root (as RESOLVE_IN_ROOT would).
 */
static bool
link_target(const char *linkname, const char *target, char *dst)
{
	char joined[2 * FS_PATH_MAX + 2];
	const char *slash = strrchr(linkname, '/');
	size_t o = 0;
	int n;

	n = target[0] == '/' || !slash
	    ? snprintf(joined, sizeof(joined), "%s", target)
	    : snprintf(joined, sizeof(joined), "%.*s/%s",
		  (int)(slash - linkname), linkname, target);
	if (n < 0 || (size_t)n >= sizeof(joined))
		return false;
	for (const char *p = joined; *p;) {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && dst[o - 1] != '/')
				o--;
			if (o > 0)
				o--; /* the slash before the dropped name */
		} else if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (o + (o > 0) + len > FS_PATH_MAX)
				return false;
			if (o > 0)
				dst[o++] = '/';
			memcpy(dst + o, p, len);
			o += len;
		}
		p += len;
		while (*p == '/')
			p++;
	}
	dst[o] = '\0';
	return true;
}

int
tar_index_find(const struct tar_index *t, const char *path, struct blob *out,
    struct ward_err *err)
{
	char cur[FS_PATH_MAX + 1], next[FS_PATH_MAX + 1];
	const struct tar_entry *e;

	if (!tar_path_normalize(path, cur))
		return err_set(err, ENOENT, "'%s' not in the archive", path);
	for (int hops = 0; hops <= LINK_HOPS_MAX; hops++) {
		e = map_get(t->byname, str_from(cur));
		if (!e)
			return err_set(
			    err, ENOENT, "'%s' not in the archive", path);
		if (e->type == '0') {
			*out = (struct blob){t->fd, e->off, e->size, e->name};
			return 0;
		}
		if (e->type == '1' && tar_path_normalize(e->link, next))
			memcpy(cur, next, sizeof(cur));
		else if (e->type == '2' && link_target(e->name, e->link, next))
			memcpy(cur, next, sizeof(cur));
		else
			return err_set(err, ENOENT,
			    "'%s' is not a regular file in the archive", path);
	}
	return err_set(err, ELOOP, "'%s': too many links in the archive", path);
}
