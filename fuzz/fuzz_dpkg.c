/*
 * Fuzz target for the dpkg status parser: parse the input as a status
 * file in a fresh arena, then walk every package and warning. The
 * contract is checked as well as memory safety: err is filled exactly
 * when the return is negative, a failed call leaves no packages behind,
 * and every package has a name, a version and a source.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reading each string makes ASan check it lies in live memory. */
static size_t
len_or_0(const char *s)
{
	return s ? strlen(s) : 0;
}

static void
walk(const struct pkg_list *pkgs, const struct warn_list *warns)
{
	volatile size_t sink = 0;

	for (size_t i = 0; i < pkgs->n; i++) {
		const struct pkg *p = &pkgs->v[i];

		if (p->type != PKG_DEB || !p->name || !p->version ||
		    !p->src_name || !p->src_version)
			abort();
		sink += strlen(p->name) + strlen(p->version) +
		    strlen(p->src_name) + strlen(p->src_version) +
		    len_or_0(p->arch) + len_or_0(p->maintainer);
	}
	for (size_t i = 0; i < warns->n; i++)
		sink += strlen(warns->v[i]);
	(void)sink;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct pkg_list pkgs = {0};
	struct warn_list warns = {0};
	struct analyze_ctx ctx = {
	    .a = a,
	    .pkgs = &pkgs,
	    .warnings = &warns,
	    .path = "var/lib/dpkg/status",
	};
	struct ward_err err = {0};
	int r;

	r = analyze_dpkg_status(&ctx, str_make((const char *)data, size), &err);
	if ((r < 0) != (err.code != 0) || (r < 0 && pkgs.n != 0))
		abort();
	walk(&pkgs, &warns);
	arena_free(a);
	return 0;
}
