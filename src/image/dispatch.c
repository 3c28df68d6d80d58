/*
 * Which analyzer wants which file, and running it. Paths are already
 * normalised (no leading "/", no "." or ".."). The table mirrors where
 * distributions keep their databases: dpkg under var/lib/dpkg (and the
 * distroless status.d directory), apk under lib/apk/db, rpm under
 * var/lib/rpm or usr/lib/sysimage/rpm in any of its three formats.
 */

#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"

static const struct {
	const char *path;
	enum claim claim;
} exact[] = {
    {"etc/os-release", CLAIM_OS_RELEASE},
    {"usr/lib/os-release", CLAIM_OS_RELEASE_USR},
    {"etc/alpine-release", CLAIM_ALPINE_RELEASE},
    {"etc/debian_version", CLAIM_DEBIAN_VERSION},
    {"etc/redhat-release", CLAIM_REDHAT_RELEASE},
    {"etc/centos-release", CLAIM_REDHAT_RELEASE},
    {"etc/fedora-release", CLAIM_REDHAT_RELEASE},
    {"var/lib/dpkg/status", CLAIM_DPKG_STATUS},
    {"lib/apk/db/installed", CLAIM_APK_INSTALLED},
    {"var/lib/rpm/rpmdb.sqlite", CLAIM_RPM_SQLITE},
    {"var/lib/rpm/Packages", CLAIM_RPM_BDB},
    {"var/lib/rpm/Packages.db", CLAIM_RPM_NDB},
    {"usr/lib/sysimage/rpm/rpmdb.sqlite", CLAIM_RPM_SQLITE},
    {"usr/lib/sysimage/rpm/Packages", CLAIM_RPM_BDB},
    {"usr/lib/sysimage/rpm/Packages.db", CLAIM_RPM_NDB},
};

enum claim
layer_claim(const char *path)
{
	static const char statusd[] = "var/lib/dpkg/status.d/";
	const char *base;
	size_t n;

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(path, exact[i].path) == 0)
			return exact[i].claim;
	if (strncmp(path, statusd, sizeof(statusd) - 1) != 0)
		return CLAIM_NONE;
	/* Distroless keeps one stanza file per package, beside .md5sums
	 * files; nested directories are not part of the format. */
	base = path + sizeof(statusd) - 1;
	n = strlen(base);
	if (n == 0 || strchr(base, '/') || base[0] == '.' ||
	    (n > 8 && strcmp(base + n - 8, ".md5sums") == 0))
		return CLAIM_NONE;
	return CLAIM_DPKG_STATUS_D;
}

bool
layer_wants_executable(unsigned mode, uint64_t size)
{
	return (mode & 0111) && size >= 64 && size <= GOBIN_MAX;
}

struct layer_file *
layer_file_new(struct arena *a, struct layer_result *res, const char *path,
    enum claim claim)
{
	struct layer_file *f;

	if (res->nfiles == res->capfiles) {
		size_t c = res->capfiles ? res->capfiles * 2 : 8;

		res->files = arena_realloc(
		    a, res->files, res->nfiles, c, sizeof(*res->files));
		res->capfiles = c;
	}
	f = &res->files[res->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = arena_strdup(a, path);
	f->claim = claim;
	return f;
}

static int
run_os(struct analyze_ctx *ctx, enum claim claim, struct str data,
    struct os_info *os, struct ward_err *err)
{
	switch (claim) {
	case CLAIM_OS_RELEASE:
	case CLAIM_OS_RELEASE_USR:
		return analyze_os_release(ctx, data, os, err);
	case CLAIM_ALPINE_RELEASE:
		return analyze_os_alpine_release(ctx, data, os, err);
	case CLAIM_DEBIAN_VERSION:
		return analyze_os_debian_version(ctx, data, os, err);
	default:
		return analyze_os_redhat_release(ctx, data, os, err);
	}
}

static int
run_pkgs(struct analyze_ctx *ctx, enum claim claim, struct str data,
    struct ward_err *err)
{
	switch (claim) {
	case CLAIM_DPKG_STATUS:
	case CLAIM_DPKG_STATUS_D:
		return analyze_dpkg_status(ctx, data, err);
	case CLAIM_APK_INSTALLED:
		return analyze_apk_installed(ctx, data, err);
	case CLAIM_RPM_SQLITE:
		return analyze_rpm_sqlite(ctx, data, err);
	case CLAIM_RPM_BDB:
		return analyze_rpm_bdb(ctx, data, err);
	case CLAIM_GO_BINARY:
		return analyze_go_binary(ctx, data, err);
	default:
		return analyze_rpm_ndb(ctx, data, err);
	}
}

static bool
is_os_claim(enum claim c)
{
	return c >= CLAIM_OS_RELEASE && c <= CLAIM_REDHAT_RELEASE;
}

void
layer_analyze_file(struct arena *a, struct layer_result *res, const char *path,
    enum claim claim, struct str data, int layer)
{
	struct layer_file *f = layer_file_new(a, res, path, claim);
	struct analyze_ctx ctx = {.a = a,
	    .pkgs = &f->pkgs,
	    .warnings = &res->warnings,
	    .path = f->path,
	    .layer = layer};
	struct ward_err err = {0};
	int r;

	if (is_os_claim(claim)) {
		r = run_os(&ctx, claim, data, &f->os, &err);
		f->have_os = r >= 0;
		if (f->have_os && !f->os.source)
			f->os.source = f->path;
	} else {
		r = run_pkgs(&ctx, claim, data, &err);
	}
	if (r < 0)
		analyze_warn(&ctx, 0, "%s, skipping", err.msg);
	/* An executable with no Go build information is kept as an empty
	 * record all the same: it replaces whatever stood at its path in a
	 * lower layer, Go binary or not. */
}
