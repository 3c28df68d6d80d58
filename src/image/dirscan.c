/*
 * 'ward fs DIR': a root filesystem scanned in place. Only the files the
 * analyzers claim are opened, each through fs_read_in_root(), so a
 * symlink in the tree (etc/os-release -> ../usr/lib/os-release, or
 * something hostile pointing at /etc/shadow) resolves inside DIR and
 * never reaches a host file. FIFOs and devices are refused, not opened.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/image.h"
#include "ward/inventory.h"
#include "ward/limits.h"
#include "ward/mem.h"

static const char *const claimed[] = {
    "etc/os-release",
    "usr/lib/os-release",
    "etc/alpine-release",
    "etc/debian_version",
    "etc/redhat-release",
    "etc/centos-release",
    "etc/fedora-release",
    "var/lib/dpkg/status",
    "lib/apk/db/installed",
    "var/lib/rpm/rpmdb.sqlite",
    "var/lib/rpm/Packages",
    "var/lib/rpm/Packages.db",
    "usr/lib/sysimage/rpm/rpmdb.sqlite",
    "usr/lib/sysimage/rpm/Packages",
    "usr/lib/sysimage/rpm/Packages.db",
};

static void
read_claimed(
    struct arena *a, int rootfd, const char *path, struct layer_result *res)
{
	struct analyze_ctx ctx = {
	    .a = a, .warnings = &res->warnings, .path = path};
	struct ward_err err;
	struct str data;
	int r;

	r = fs_read_in_root(a, rootfd, path, PKG_DB_MAX, &data, &err);
	if (r == -ENOENT || r == -ENOTDIR)
		return;
	if (r < 0) {
		analyze_warn(&ctx, 0, "%s, skipping", err.msg);
		return;
	}
	layer_analyze_file(a, res, path, layer_claim(path), data, 0);
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Distroless: one stanza file per package in var/lib/dpkg/status.d. */
static void
read_status_d(struct arena *a, int rootfd, struct layer_result *res)
{
	static const char dir[] = "var/lib/dpkg/status.d";
	struct ward_err err;
	const char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d;
	int fd = fs_open_in_root(rootfd, dir, O_RDONLY | O_DIRECTORY, &err);

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL && n < PKGS_MAX) {
		const char *p = arena_printf(a, "%s/%s", dir, e->d_name);

		if (layer_claim(p) != CLAIM_DPKG_STATUS_D)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = p;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names); /* stable output */
	for (size_t i = 0; i < n; i++)
		read_claimed(a, rootfd, names[i], res);
	free(names);
}

#define WALK_ENTRIES_MAX 5000000u

struct walk {
	struct arena *a;
	struct layer_result *res;
	const struct secret_engine *se; /* NULL: no secret scan */
	uint64_t entries;
};

static void read_executable(struct walk *w, int dirfd, const char *name,
    const char *path, const struct stat *st);

static ssize_t
read_fd(void *ctx, char *buf, size_t cap)
{
	ssize_t n;

	do
		n = read(*(int *)ctx, buf, cap);
	while (n < 0 && errno == EINTR);
	return n;
}

/*
 * With secret scanning on, every regular file is read and scanned: up to
 * SECRET_READ_WHOLE_MAX whole (into a short-lived arena), and an
 * executable is then also checked for Go build information from the same
 * bytes; a larger one is streamed through the engine in bounded memory,
 * and an executable among them read again for Go.
 */
static void
read_regular(struct walk *w, int dirfd, const char *name, const char *path,
    const struct stat *st)
{
	_cleanup_close_ int fd = openat(dirfd, name,
	    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	struct ward_err err;
	struct stat st2;
	struct str data;
	struct arena *tmp;

	if (fd < 0 || fstat(fd, &st2) < 0 || st2.st_ino != st->st_ino ||
	    st2.st_dev != st->st_dev || !S_ISREG(st2.st_mode))
		return;
	if ((uint64_t)st2.st_size > SECRET_READ_WHOLE_MAX) {
		/* A read error ends the file's scan, as fs_read_fd's would. */
		(void)layer_stream_secrets(w->a, w->res, w->se, path,
		    (uint64_t)st2.st_size, 0, read_fd, &fd);
		if (layer_wants_executable(st2.st_mode, (uint64_t)st2.st_size))
			read_executable(w, dirfd, name, path, st);
		return;
	}
	tmp = arena_new();
	if (fs_read_fd(tmp, fd, path, SECRET_READ_WHOLE_MAX, &data, &err) >=
	    0) {
		layer_scan_secrets(w->a, w->res, w->se, path, data, 0);
		if (data.len >= 4 && memcmp(data.p, "\177ELF", 4) == 0 &&
		    layer_wants_executable(st2.st_mode, (uint64_t)st2.st_size))
			layer_analyze_file(
			    w->a, w->res, path, CLAIM_GO_BINARY, data, 0);
	}
	arena_free(tmp);
}

/* Read an executable found by the walk (an fd under its pinned parent). */
static void
read_executable(struct walk *w, int dirfd, const char *name, const char *path,
    const struct stat *st)
{
	_cleanup_close_ int fd = openat(dirfd, name,
	    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	struct ward_err err;
	struct stat st2;
	char magic[4];
	struct str data;
	struct arena *tmp;

	if (fd < 0 || fstat(fd, &st2) < 0 || st2.st_ino != st->st_ino ||
	    st2.st_dev != st->st_dev || !S_ISREG(st2.st_mode))
		return;
	if (pread(fd, magic, 4, 0) != 4 || memcmp(magic, "\177ELF", 4) != 0)
		return;
	/* The file's bytes live only while it is analysed (the packages are
	 * copied into the scan's arena): 'ward fs /' reads every binary. */
	tmp = arena_new();
	if (fs_read_fd(tmp, fd, path, GOBIN_MAX, &data, &err) >= 0)
		layer_analyze_file(w->a, w->res, path, CLAIM_GO_BINARY, data,
		    0);
	arena_free(tmp);
}

/*
 * Walk the tree below 'dirfd' without following symlinks, one directory
 * fd at a time; /proc, /sys and /dev at the top are skipped (a live
 * system's pseudo-filesystems, not files to inventory).
 */
static void
walk_dir(struct walk *w, int pfd, const char *prefix, int depth)
{
	DIR *d;
	struct dirent *e;
	int fd = openat(pfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || depth > FS_DEPTH_MAX || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL && ++w->entries < WALK_ENTRIES_MAX) {
		const char *path;
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (depth == 0 &&
		    (strcmp(e->d_name, "proc") == 0 ||
			strcmp(e->d_name, "sys") == 0 ||
			strcmp(e->d_name, "dev") == 0))
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		/* Only directories and candidate executables get a path. */
		if (!S_ISDIR(st.st_mode) && !(w->se && S_ISREG(st.st_mode)) &&
		    !(S_ISREG(st.st_mode) &&
			layer_wants_executable(st.st_mode,
			    (uint64_t)st.st_size)))
			continue;
		path = *prefix ? arena_printf(w->a, "%s/%s", prefix, e->d_name)
			       : arena_strdup(w->a, e->d_name);
		if (strlen(path) > FS_PATH_MAX)
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd(d), e->d_name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub >= 0) {
				walk_dir(w, sub, path, depth + 1);
				close(sub);
			}
		} else if (w->se && S_ISREG(st.st_mode)) {
			read_regular(w, dirfd(d), e->d_name, path, &st);
		} else if (S_ISREG(st.st_mode) &&
		    layer_wants_executable(st.st_mode, (uint64_t)st.st_size)) {
			read_executable(w, dirfd(d), e->d_name, path, &st);
		}
	}
	closedir(d);
}

int
image_scan_dir(struct arena *a, const char *dir, const struct image_opts *opts,
    struct inventory *out, struct ward_err *err)
{
	struct layer_result *res = arena_calloc(a, 1, sizeof(*res));
	_cleanup_close_ int rootfd = fs_root_open(dir, err);

	/* Nothing to cache or parallelise in one tree. */
	if (rootfd < 0)
		return rootfd;
	memset(out, 0, sizeof(*out));
	out->target = dir;
	out->source_kind = "directory";
	for (size_t i = 0; i < sizeof(claimed) / sizeof(claimed[0]); i++)
		read_claimed(a, rootfd, claimed[i], res);
	read_status_d(a, rootfd, res);
	{
		struct walk w = {.a = a, .res = res, .se = opts->secrets};
		int top =
		    openat(rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (top >= 0) {
			walk_dir(&w, top, "", 0);
			close(top);
		}
	}
	layers_merge(a, res, 1, out);
	out->secrets_scanned = opts->secrets != NULL;
	return 0;
}
