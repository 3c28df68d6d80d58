/*
 * Fuzz target for path resolution inside an untrusted root (src/fs). The
 * first input byte picks the open flags (and, by its top bit, which
 * resolver runs first); the rest, up to NUL or 8192 bytes, is the path.
 * It is opened with fs_open_in_root and fs_open_regular_in_root, through
 * openat2 and through the forced walk. Every fd returned must point,
 * by /proc/self/fd, under the root's real path, and the two resolvers
 * must give the same result. The root is built once, in a temporary
 * directory beside an "outside" directory, with links that point out,
 * loop and climb, a FIFO, and, where a private mount namespace can be
 * made, a procfs mounted at root/proc so that magic links are in reach.
 */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ward/err.h"
#include "ward/fs.h"
#include "ward/mem.h"

#define PATH_CAP 8192

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int variants[] = {
    O_RDONLY | O_NONBLOCK,
    O_PATH,
    O_PATH | O_NOFOLLOW,
    O_RDONLY | O_NONBLOCK | O_NOFOLLOW,
    O_RDONLY | O_NONBLOCK | O_DIRECTORY,
    O_PATH | O_DIRECTORY,
    O_WRONLY | O_CREAT | O_EXCL,
    O_RDWR | O_TMPFILE,
};

static struct {
	bool ready;
	bool have_proc;
	char dir[64];
	char root[96];
	char proc[128];
	char real[PATH_MAX];
	int rootfd;
} fz;

static void
bail(const char *what)
{
	fprintf(stderr, "fuzz_path: fixture: %s: %s\n", what, strerror(errno));
	abort();
}

/* "dir/name" into buf, or abort. */
static void
join(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s%s", dir, name);

	if (n < 0 || (size_t)n >= len)
		bail("path too long");
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)remove(path); /* best effort: a leftover temp dir is harmless */
	return 0;
}

static void
teardown(void)
{
	if (fz.have_proc)
		(void)umount2(fz.proc, MNT_DETACH); /* the namespace dies too */
	(void)nftw(fz.dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/*
 * Mount a procfs inside the root, in a private mount namespace so that
 * nothing propagates to the host. Needs root and a single thread; the
 * fuzzer runs without it otherwise.
 */
static void
mount_proc(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return;
	if (mount("proc", fz.proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		NULL) < 0)
		return;
	fz.have_proc = true;
}

static void
put(int dfd, const char *path, const char *text)
{
	int fd =
	    openat(dfd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		bail(path);
	close(fd);
}

static void
populate(int wfd, const char *outside)
{
	static const char *const links[][2] = {
	    {"/etc", "abs"},
	    {"../../..", "up"},
	    {"../outside/secret", "rout"},
	    {"loop2", "loop1"},
	    {"loop1", "loop2"},
	    {"self", "self"},
	    {"file", "lf"},
	    {"dir", "ld"},
	    {"/nothere", "dang"},
	    {".", "dot"},
	    {"..", "dd"},
	    {"lf", "c1"},
	    {"c1", "c2"},
	    {"/proc/self", "pself"},
	    {"proc/self/root", "pr"},
	    {"../../..", "dir/sub/back"},
	    {"/dir/sub", "dir/abs_sub"},
	};

	put(wfd, "file", "file\n");
	put(wfd, "empty", "");
	if (mkdirat(wfd, "dir", 0755) < 0 ||
	    mkdirat(wfd, "dir/sub", 0755) < 0 ||
	    mkdirat(wfd, "etc", 0755) < 0 || mkdirat(wfd, "a", 0755) < 0 ||
	    mkdirat(wfd, "proc", 0755) < 0)
		bail("mkdir");
	put(wfd, "dir/sub/f", "f\n");
	put(wfd, "etc/passwd", "inside\n");
	if (mkfifoat(wfd, "fifo", 0644) < 0)
		bail("fifo");
	for (size_t i = 0; i < ARRAY_SIZE(links); i++)
		if (symlinkat(links[i][0], wfd, links[i][1]) < 0)
			bail(links[i][1]);
	if (symlinkat(outside, wfd, "out") < 0)
		bail("out");
}

static void
setup(void)
{
	char outside[128];
	struct ward_err err;
	int wfd, ofd;

	join(fz.dir, sizeof(fz.dir), "/tmp/", "ward-fuzz-XXXXXX");
	if (!mkdtemp(fz.dir))
		bail("mkdtemp");
	join(fz.root, sizeof(fz.root), fz.dir, "/root");
	join(outside, sizeof(outside), fz.dir, "/outside");
	join(fz.proc, sizeof(fz.proc), fz.root, "/proc");
	if (mkdir(fz.root, 0755) < 0 || mkdir(outside, 0755) < 0)
		bail("mkdir");
	ofd = open(outside, O_DIRECTORY | O_CLOEXEC);
	wfd = open(fz.root, O_DIRECTORY | O_CLOEXEC);
	if (ofd < 0 || wfd < 0 || !realpath(fz.root, fz.real))
		bail("open");
	put(ofd, "secret", "outside\n");
	populate(wfd, outside);
	close(ofd);
	close(wfd);
	mount_proc();
	fprintf(stderr, "fuzz_path: root '%s', %s\n", fz.root,
	    fz.have_proc ? "procfs inside" : "no procfs inside");
	fz.rootfd = fs_root_open(fz.root, &err);
	if (fz.rootfd < 0)
		bail(err.msg);
	atexit(teardown);
	fz.ready = true;
}

/* Abort unless 'fd' lies under the root; returns where it points. */
static void
check_fd(int fd, char *got, size_t len)
{
	size_t rl = strlen(fz.real);
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, got, len - 1);
	if (n < 0)
		bail("readlink");
	got[n] = '\0';
	if (strncmp(got, fz.real, rl) == 0 &&
	    (got[rl] == '\0' || got[rl] == '/'))
		return;
	fprintf(stderr, "fuzz_path: escape: fd points at '%s'\n", got);
	abort();
}

/* One open by one resolver: 0 (after the checks) or -errno. */
static int
try_open(const char *path, int flags, bool regular, bool walk)
{
	char got[PATH_MAX];
	struct ward_err err;
	struct stat st;
	int fd;

	fs_force_walk(walk);
	if (regular)
		fd = fs_open_regular_in_root(fz.rootfd, path, NULL, &err);
	else
		fd = fs_open_in_root(fz.rootfd, path, flags, &err);
	fs_force_walk(false);
	if (fd < 0) {
		if (err.code != -fd)
			abort(); /* err must match the code */
		return fd;
	}
	check_fd(fd, got, sizeof(got));
	if (regular && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)))
		abort();
	/* A new file (O_EXCL) goes, so the other resolver can create it. */
	if ((flags & O_EXCL) && unlink(got) < 0)
		bail("unlink");
	close(fd);
	return 0;
}

/*
 * Entries of /proc/self/fd and fdinfo differ between the resolvers (the
 * walk's own directory fds are visible there), so such paths are checked
 * for containment only. Other procfs entries can change between two runs
 * (processes come and go), so a difference is tried once more.
 */
static void
compare(const char *path, int flags, bool regular, bool walk_first)
{
	int a, b;

	for (int round = 0; round < 2; round++) {
		a = try_open(path, flags, regular, walk_first);
		b = try_open(path, flags, regular, !walk_first);
		if (a == b || strstr(path, "fd") || strstr(path, "map_files"))
			return;
	}
	fprintf(stderr,
	    "fuzz_path: resolvers differ on '%s' (flags %#o): "
	    "%d (%s) and %d\n",
	    path, (unsigned)flags, a, walk_first ? "walk" : "openat2", b);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[PATH_CAP + 1];
	size_t len;
	int flags;

	if (size == 0)
		return 0;
	if (!fz.ready)
		setup();
	flags = variants[data[0] % ARRAY_SIZE(variants)];
	len = size - 1 > PATH_CAP ? PATH_CAP : size - 1;
	memcpy(path, data + 1, len);
	path[len] = '\0';
	compare(path, flags, false, data[0] & 0x80);
	compare(path, 0, true, data[0] & 0x80);
	return 0;
}
