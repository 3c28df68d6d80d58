/*
 * The apk database, lib/apk/db/installed: one record per package, records
 * separated by blank lines, every line "K:value" with a one-letter key.
 * Kept: P name, V version, A arch, o origin (the source package), L
 * license, m maintainer, I installed size in bytes. Every other key is
 * passed over; most lines of a real database are the F, R, Z, a and M
 * lines that list each package's files, so the loop does no more for
 * them than look at two bytes.
 *
 * The text is untrusted image content, read only through bounded views:
 * the file is capped at PKG_DB_MAX, a line at PKGDB_LINE_MAX and the
 * packages at PKGS_MAX. A line that is not "K:value" and a record without
 * a name or version are warnings; the rest of the file is still read. As
 * in apk itself, a key given twice in one record keeps its last value
 * (with a warning for the keys we keep, since it usually means two
 * records ran together).
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

/* The keys kept, in the order of struct record's fields. */
static const char keys[] = "PVAoLmI";

enum {
	K_NAME,
	K_VERSION,
	K_ARCH,
	K_ORIGIN,
	K_LICENSE,
	K_MAINT,
	K_SIZE,
	K_COUNT,
};

struct record {
	struct str v[K_COUNT];
	bool seen[K_COUNT];
	size_t line; /* its first line, for messages; 0 while empty */
};

struct parse {
	struct analyze_ctx *ctx;
	struct record rec;
	size_t start; /* ctx->pkgs->n before this file */
};

static const char *
strz_or_null(struct arena *a, struct str s)
{
	return s.len ? arena_strz(a, s) : NULL;
}

/* I: is the installed size in bytes; a bad value is a warning and 0. */
static uint64_t
installed_size(struct parse *ps)
{
	uint64_t v;

	if (!ps->rec.seen[K_SIZE])
		return 0;
	if (parse_u64(ps->rec.v[K_SIZE], UINT64_MAX, &v) < 0) {
		analyze_warn(ps->ctx, ps->rec.line,
		    "I: is not a size in bytes, ignoring it");
		return 0;
	}
	return v;
}

/* The record is over: add its package, or warn why not. */
static int
record_end(struct parse *ps, struct ward_err *err)
{
	struct record *rec = &ps->rec;
	struct arena *a = ps->ctx->a;
	struct pkg *p;

	if (rec->line == 0)
		return 0;
	if (rec->v[K_NAME].len == 0 || rec->v[K_VERSION].len == 0) {
		analyze_warn(ps->ctx, rec->line, "record without %s, skipping",
		    rec->v[K_NAME].len ? "V: (version)" : "P: (name)");
		goto done;
	}
	if (ps->ctx->pkgs->n - ps->start >= PKGS_MAX)
		return err_set(err, EFBIG, "line %zu: more than %u packages",
		    rec->line, PKGS_MAX);
	p = analyze_pkg_add(ps->ctx);
	p->type = PKG_APK;
	p->name = arena_strz(a, rec->v[K_NAME]);
	p->version = arena_strz(a, rec->v[K_VERSION]);
	p->arch = strz_or_null(a, rec->v[K_ARCH]);
	p->license = strz_or_null(a, rec->v[K_LICENSE]);
	p->maintainer = strz_or_null(a, rec->v[K_MAINT]);
	p->installed_size = installed_size(ps);
	/* The origin is the source package; without one, the package is. */
	p->src_name =
	    rec->v[K_ORIGIN].len ? arena_strz(a, rec->v[K_ORIGIN]) : p->name;
	p->src_version = p->version;
done:
	memset(rec, 0, sizeof(*rec));
	return 0;
}

static int
one_line(struct parse *ps, struct str line, size_t lineno, struct ward_err *err)
{
	struct record *rec = &ps->rec;
	const char *k;
	size_t i;

	if (line.len == 0)
		return record_end(ps, err);
	if (line.len > PKGDB_LINE_MAX) {
		analyze_warn(ps->ctx, lineno,
		    "line longer than %u bytes, skipping", PKGDB_LINE_MAX);
		return 0;
	}
	if (line.len < 2 || line.p[1] != ':') {
		if (str_trim(line).len == 0)
			return record_end(ps, err);
		analyze_warn(ps->ctx, lineno, "not a 'K:value' line, skipping");
		return 0;
	}
	if (rec->line == 0)
		rec->line = lineno;
	k = line.p[0] ? memchr(keys, line.p[0], K_COUNT) : NULL;
	if (!k)
		return 0;
	i = (size_t)(k - keys);
	if (memchr(line.p, '\0', line.len)) {
		/* It would cut the C string the value becomes. */
		analyze_warn(ps->ctx, lineno, "NUL byte in value, skipping");
		return 0;
	}
	if (rec->seen[i])
		analyze_warn(ps->ctx, lineno,
		    "second %c: in one record, keeping the last", keys[i]);
	rec->seen[i] = true;
	rec->v[i] = str_sub(line, 2, line.len);
	return 0;
}

int
analyze_apk_installed(
    struct analyze_ctx *ctx, struct str text, struct ward_err *err)
{
	struct parse ps = {.ctx = ctx, .start = ctx->pkgs->n};
	const char *path = ctx->path ? ctx->path : "apk installed";
	struct str line;
	size_t lineno = 0;
	int r = 0;

	if (text.len > PKG_DB_MAX)
		return err_set(
		    err, EFBIG, "%s: larger than %u bytes", path, PKG_DB_MAX);
	while (r == 0 && str_next_line(&text, &line))
		r = one_line(&ps, line, ++lineno, err);
	if (r == 0)
		r = record_end(&ps, err);
	if (r < 0) {
		/* Out-params are written only on success. */
		ctx->pkgs->n = ps.start;
		return err_wrap(err, "%s", path);
	}
	return 0;
}
