/*
 * libFuzzer target for the Go build information reader: the input is the
 * whole file, as the image pipeline passes it. Each input gets a fresh
 * arena, so nothing carries over between runs. Besides crashes and
 * sanitizer reports, the harness aborts when the error convention is
 * broken (err filled exactly when the return is negative, with a positive
 * code and a message, and no package left behind on failure) or when a
 * package lacks its type, name, version or source fields. The seeds in
 * corpus/gobin are synthetic ELF files written by `test_gobin --seeds DIR`
 * (tests/unit/test_gobin.c): both classes and byte orders, both blob
 * layouts, files without section or program headers, damaged module
 * information and cut files.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int r, const struct ward_err *err, const struct pkg_list *pkgs)
{
	if (r < 0 && (err->code != -r || err->msg[0] == '\0' || pkgs->n != 0))
		abort();
	if (r >= 0 && (r != 0 || err->code != 0))
		abort();
	for (size_t i = 0; i < pkgs->n; i++) {
		const struct pkg *p = &pkgs->v[i];

		if (p->type != PKG_GO || !p->name || !p->version ||
		    p->src_name != p->name || p->src_version != p->version ||
		    p->name[0] == '\0')
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pkg_list pkgs = {0};
	struct warn_list warns = {0};
	struct ward_err err = {0};
	struct analyze_ctx ctx = {
	    .pkgs = &pkgs,
	    .warnings = &warns,
	    .path = "fuzz",
	};
	int r;

	ctx.a = arena_new();
	r = analyze_go_binary(&ctx, str_make((const char *)data, size), &err);
	check(r, &err, &pkgs);
	arena_free(ctx.a);
	return 0;
}
