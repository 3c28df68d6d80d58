/*
 * libFuzzer target for the RPM database readers. The first byte picks the
 * reader (0: one header blob, 1: SQLite, 2: BerkeleyDB hash, 3: NDB, by
 * its low two bits); the rest of the input is the file. Each input gets a
 * fresh arena, so nothing carries over between runs. Besides crashes and
 * sanitizer reports, the harness aborts when the error convention is
 * broken: err filled exactly when the return is negative, with a positive
 * code and a message, and every package read has a name and a version.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*analyzer)(struct analyze_ctx *, struct str, struct ward_err *);

static void
check(int r, const struct ward_err *err, const struct pkg_list *pkgs)
{
	if (r < 0 && (err->code != -r || err->msg[0] == '\0'))
		abort();
	if (r >= 0 && err->code != 0)
		abort();
	for (size_t i = 0; i < pkgs->n; i++) {
		const struct pkg *p = &pkgs->v[i];

		if (p->type != PKG_RPM || !p->name || !p->version ||
		    !p->rpm_version || !p->rpm_release)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const analyzer fn[] = {
	    analyze_rpm_header,
	    analyze_rpm_sqlite,
	    analyze_rpm_bdb,
	    analyze_rpm_ndb,
	};
	struct pkg_list pkgs = {0};
	struct warn_list warns = {0};
	struct ward_err err = {0};
	struct analyze_ctx ctx = {
	    .pkgs = &pkgs,
	    .warnings = &warns,
	    .path = "fuzz",
	};
	int r;

	if (size < 1)
		return 0;
	ctx.a = arena_new();
	r = fn[data[0] & 3](
	    &ctx, str_make((const char *)data + 1, size - 1), &err);
	check(r, &err, &pkgs);
	arena_free(ctx.a);
	return 0;
}
