/*
 * The dpkg database: var/lib/dpkg/status, and the one-file-per-package
 * var/lib/dpkg/status.d/ of distroless images, which use the same format.
 * Both are RFC 822-style stanzas separated by blank lines; a line that
 * starts with a space or a tab continues the field before it (Description
 * and Conffiles run to thousands of such lines, which are skipped without
 * being kept). Field names are case-insensitive.
 *
 * The text is untrusted image content. It is read only through bounded
 * views: the whole file is capped at PKG_DB_MAX, a line at PKGDB_LINE_MAX
 * (longer lines are warnings), and the packages of one file at PKGS_MAX.
 * A stanza that makes no sense is a warning and is skipped; the rest of
 * the file is still read.
 *
 * The source package and its version follow what dpkg-query prints for
 * ${source:Package} and ${source:Version}: the Source field up to its first
 * space (or the package name when there is none), and the version in
 * parentheses in Source (or the binary Version when there is none).
 * Versions are printed the way dpkg prints them, "non-ambiguously": the
 * epoch as a plain number, left out when it is zero and nothing else in
 * the version holds a ':'.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

enum field {
	F_PACKAGE,
	F_VERSION,
	F_ARCH,
	F_SOURCE,
	F_MAINTAINER,
	F_SIZE,
	F_STATUS,
	F_COUNT,
};

static const char *const field_names[F_COUNT] = {
    "Package",
    "Version",
    "Architecture",
    "Source",
    "Maintainer",
    "Installed-Size",
    "Status",
};

/* The fields kept from one stanza, as views into the text. */
struct stanza {
	struct str f[F_COUNT];
	bool seen[F_COUNT];
	size_t line; /* its first line, for messages; 0 while empty */
};

/* State of one parse. */
struct parse {
	struct analyze_ctx *ctx;
	struct stanza st;
	size_t start; /* ctx->pkgs->n before this file */
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *
strz_or_null(struct arena *a, struct str s)
{
	return s.len ? arena_strz(a, s) : NULL;
}

/* A version as dpkg-query prints it (see the top of the file). */
static const char *
dpkg_version(struct arena *a, struct str v)
{
	struct str rest = v, head;
	uint64_t epoch;

	if (!str_cut(&rest, ':', &head) ||
	    parse_u64(head, INT32_MAX, &epoch) < 0)
		return arena_strz(a, v);
	if (epoch == 0 && str_find_char(rest, ':') < 0)
		return arena_strz(a, rest);
	return arena_printf(a, "%" PRIu64 ":%.*s", epoch, STR_FMT(rest));
}

/*
 * "want flag status": only the third word decides. Returns 1 when it is
 * "installed", 0 for any other state, -1 (after a warning) when the field
 * is not three words. A stanza without Status counts as installed: the
 * distroless status.d files have none.
 */
static int
status_installed(struct parse *ps)
{
	struct str s = ps->st.f[F_STATUS], w[3];
	size_t n = 0;

	if (!ps->st.seen[F_STATUS])
		return 1;
	while (s.len && n < 4) {
		size_t i = 0;

		while (i < s.len && !is_blank(s.p[i]))
			i++;
		if (n < 3)
			w[n] = str_sub(s, 0, i);
		n++;
		s = str_trim(str_sub(s, i, s.len));
	}
	if (n != 3) {
		analyze_warn(ps->ctx, ps->st.line,
		    "Status is not 'want flag status', skipping");
		return -1;
	}
	return str_eq_cstr(w[2], "installed");
}

/* Installed-Size is in KiB; a bad value is a warning and counts as 0. */
static uint64_t
installed_size(struct parse *ps)
{
	uint64_t kib, bytes;

	if (!ps->st.seen[F_SIZE])
		return 0;
	if (parse_u64(ps->st.f[F_SIZE], UINT64_MAX, &kib) < 0 ||
	    __builtin_mul_overflow(kib, 1024, &bytes)) {
		analyze_warn(ps->ctx, ps->st.line,
		    "Installed-Size is not a size in KiB, ignoring it");
		return 0;
	}
	return bytes;
}

/* ${source:Package} and ${source:Version}, as dpkg-query derives them. */
static void
source_of(struct parse *ps, struct pkg *p)
{
	struct arena *a = ps->ctx->a;
	struct str src = ps->st.f[F_SOURCE], name = src, ver;
	ssize_t i;

	p->src_name = p->name;
	p->src_version = p->version;
	if (src.len == 0)
		return;
	i = str_find_char(src, ' ');
	if (i >= 0)
		name.len = (size_t)i;
	p->src_name = arena_strz(a, name);
	i = str_find_char(src, '(');
	if (i < 0)
		return;
	ver = str_sub(src, (size_t)i + 1, src.len);
	i = str_find_char(ver, ')');
	if (i >= 0)
		ver.len = (size_t)i;
	ver = str_trim(ver);
	if (ver.len == 0) {
		analyze_warn(ps->ctx, ps->st.line,
		    "empty version in Source, using Version");
		return;
	}
	p->src_version = dpkg_version(a, ver);
}

/* The stanza is over: add its package if it has one that is installed. */
static int
stanza_end(struct parse *ps, struct ward_err *err)
{
	struct stanza *st = &ps->st;
	struct arena *a = ps->ctx->a;
	struct pkg *p;

	if (st->line == 0)
		return 0;
	if (st->f[F_PACKAGE].len == 0) {
		analyze_warn(
		    ps->ctx, st->line, "stanza without Package, skipping");
		goto done;
	}
	/* Packages that are not installed may lack a Version: check first. */
	if (status_installed(ps) != 1)
		goto done;
	if (st->f[F_VERSION].len == 0) {
		char name[64];

		analyze_warn(ps->ctx, st->line,
		    "package '%s' has no Version, skipping",
		    str_escape(name, sizeof(name), st->f[F_PACKAGE]));
		goto done;
	}
	if (ps->ctx->pkgs->n - ps->start >= PKGS_MAX)
		return err_set(err, EFBIG, "line %zu: more than %u packages",
		    st->line, PKGS_MAX);
	p = analyze_pkg_add(ps->ctx);
	p->type = PKG_DEB;
	p->name = arena_strz(a, st->f[F_PACKAGE]);
	p->version = dpkg_version(a, st->f[F_VERSION]);
	p->arch = strz_or_null(a, st->f[F_ARCH]);
	p->maintainer = strz_or_null(a, st->f[F_MAINTAINER]);
	p->installed_size = installed_size(ps);
	source_of(ps, p);
done:
	memset(st, 0, sizeof(*st));
	return 0;
}

/* "Name: value". Keeps the fields we know; the first of a pair wins. */
static void
field_line(struct parse *ps, struct str line, size_t lineno)
{
	struct stanza *st = &ps->st;
	struct str name;

	if (!str_cut(&line, ':', &name)) {
		analyze_warn(ps->ctx, lineno, "no ':' in line, skipping");
		return;
	}
	if (name.len == 0 || str_find_char(name, ' ') >= 0 ||
	    str_find_char(name, '\t') >= 0) {
		analyze_warn(ps->ctx, lineno, "bad field name, skipping");
		return;
	}
	if (st->line == 0)
		st->line = lineno;
	for (int i = 0; i < F_COUNT; i++) {
		if (!str_case_eq(name, str_from(field_names[i])))
			continue;
		if (memchr(line.p, '\0', line.len)) {
			/* It would cut the C string the value becomes. */
			analyze_warn(ps->ctx, lineno,
			    "NUL byte in %s, skipping", field_names[i]);
			return;
		}
		if (st->seen[i]) {
			analyze_warn(ps->ctx, lineno,
			    "second %s field, ignoring it", field_names[i]);
			return;
		}
		st->seen[i] = true;
		st->f[i] = str_trim(line);
		return;
	}
}

static int
one_line(struct parse *ps, struct str line, size_t lineno, struct ward_err *err)
{
	if (line.len > PKGDB_LINE_MAX) {
		analyze_warn(ps->ctx, lineno,
		    "line longer than %u bytes, skipping", PKGDB_LINE_MAX);
		return 0;
	}
	if (str_trim(line).len == 0)
		return stanza_end(ps, err);
	if (is_blank(line.p[0])) {
		/* The value goes on; none of the fields we keep do that. */
		if (ps->st.line == 0)
			analyze_warn(ps->ctx, lineno,
			    "continuation line outside a field, skipping");
		return 0;
	}
	field_line(ps, line, lineno);
	return 0;
}

int
analyze_dpkg_status(
    struct analyze_ctx *ctx, struct str text, struct ward_err *err)
{
	struct parse ps = {.ctx = ctx, .start = ctx->pkgs->n};
	const char *path = ctx->path ? ctx->path : "dpkg status";
	struct str line;
	size_t lineno = 0;
	int r = 0;

	if (text.len > PKG_DB_MAX)
		return err_set(
		    err, EFBIG, "%s: larger than %u bytes", path, PKG_DB_MAX);
	while (r == 0 && str_next_line(&text, &line))
		r = one_line(&ps, line, ++lineno, err);
	if (r == 0)
		r = stanza_end(&ps, err);
	if (r < 0) {
		/* Out-params are written only on success. */
		ctx->pkgs->n = ps.start;
		return err_wrap(err, "%s", path);
	}
	return 0;
}
