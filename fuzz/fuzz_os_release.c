/*
 * Fuzz target for the OS files: the input is read as os-release,
 * alpine-release, debian_version and redhat-release in turn, each in a
 * fresh arena, and every field found is walked. Besides memory safety
 * the contract is checked: err is filled exactly when the return is
 * negative, success always yields an ID, and the fields are short enough
 * to have come from the input.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A field's length; ASan checks it lies in live memory. */
static size_t
field(const char *s, size_t size)
{
	size_t n = s ? strlen(s) : 0;

	/* Unquoting only removes bytes; IDs like "rhel" are constants. */
	if (n > size && n > 16)
		abort();
	return n;
}

static void
one(int which, const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct pkg_list pkgs = {0};
	struct warn_list warns = {0};
	struct analyze_ctx ctx = {
	    .a = a, .pkgs = &pkgs, .warnings = &warns, .path = "etc/os"};
	struct str text = str_make((const char *)data, size);
	struct ward_err err = {0};
	struct os_info o = {0};
	volatile size_t sink = 0;
	int r;

	if (which == 0)
		r = analyze_os_release(&ctx, text, &o, &err);
	else if (which == 1)
		r = analyze_os_alpine_release(&ctx, text, &o, &err);
	else if (which == 2)
		r = analyze_os_debian_version(&ctx, text, &o, &err);
	else
		r = analyze_os_redhat_release(&ctx, text, &o, &err);
	if ((r < 0) != (err.code != 0) || (r == 0 && !o.id) || pkgs.n != 0)
		abort();
	sink += field(o.id, size) + field(o.version_id, size) +
	    field(o.version_codename, size) + field(o.pretty_name, size) +
	    field(o.id_like, size);
	for (size_t i = 0; i < warns.n; i++)
		sink += strlen(warns.v[i]);
	(void)sink;
	arena_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int which = 0; which < 4; which++)
		one(which, data, size);
	return 0;
}
