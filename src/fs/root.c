/*
 * Opening files inside an untrusted root directory. Every path handed to
 * this file comes from image content and is hostile: it may climb with
 * "..", name absolute or looping symlinks, point at /proc magic links,
 * FIFOs or device nodes, or be arbitrarily long. The root fd itself is
 * trusted; nothing outside it may be reached. openat2() with
 * RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS does the resolution where the
 * kernel offers it. Where it does not (before Linux 5.6, or when a seccomp
 * filter refuses it) walk_in_root() resolves one component at a time over
 * a stack of directory fds, so the kernel is never asked for a parent and
 * never follows a symlink on our behalf. Both resolvers must give the same
 * answer; the unit tests and the path fuzzer compare them.
 */

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/limits.h"
#include "ward/mem.h"
#include "ward/str.h"

#define RETRY_MAX 32 /* openat2 attempts on EAGAIN or EINTR */
#define CREATE_MODE 0600 /* files created through O_CREAT or O_TMPFILE */
#define QUOTE_MAX 160 /* bytes of an escaped path kept in a message */
#define READ_CHUNK (64u << 10)
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

enum { OPENAT2_UNKNOWN = -1, OPENAT2_NO = 0, OPENAT2_YES = 1 };

/* Shared by all threads; relaxed atomics, since every value is safe. */
static int openat2_state = OPENAT2_UNKNOWN;
static bool force_walk;

/*
 * The state of one manual resolution. fds[0] is the caller's root and is
 * borrowed; fds[1..depth] are O_PATH directory fds owned by the walk.
 * What is left to resolve is the string at 'rest', inside 'path'.
 */
struct walk {
	int depth;
	int fds[FS_DEPTH_MAX + 1];
	int links;
	char *path;
	const char *rest;
	const char *why; /* a detail for the message, or NULL */
	char name[FS_PATH_MAX];
	char link[FS_PATH_MAX];
};

static const char *
quote(char *buf, size_t len, const char *path)
{
	return str_escape(buf, len, str_from(path));
}

static int
open_fail(struct ward_err *err, int code, const char *path, const char *why)
{
	char q[QUOTE_MAX];

	return err_set(err, code, "open '%s': %s", quote(q, sizeof(q), path),
	    why ? why : strerror(code));
}

/*
 * As open(2) does, and unlike openat2(2), O_PATH ignores the flags that
 * make no sense with it (openat2 would fail with EINVAL on O_NOCTTY).
 */
static int
norm_flags(int flags)
{
	if (flags & O_PATH)
		return (flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW)) |
		    O_CLOEXEC;
	return flags | O_CLOEXEC | O_NOCTTY;
}

static bool
creates(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

static int
openat2_call(int dirfd, const char *path, int flags)
{
	struct open_how how;
	int fd, tries = 0;

	memset(&how, 0, sizeof(how)); /* the kernel refuses unknown bits */
	how.flags = (uint64_t)(unsigned)flags;
	how.mode = creates(flags) ? CREATE_MODE : 0;
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;

	/* EAGAIN: a rename or mount raced with "..", which the kernel
	 * refuses to trust; EINTR: a signal. Both are worth retrying. */
	do
		fd = (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
	while (fd < 0 && (errno == EAGAIN || errno == EINTR) &&
	    ++tries < RETRY_MAX);
	return fd < 0 ? -errno : fd;
}

static bool
openat2_probe(void)
{
	int fd = openat2_call(AT_FDCWD, "/", O_PATH | O_CLOEXEC);

	if (fd >= 0) {
		(void)close(fd); /* a probe only */
		return true;
	}
	return fd != -ENOSYS && fd != -EPERM;
}

/*
 * Decide whether an openat2 failure means the call itself is unavailable.
 * EPERM is ambiguous: seccomp filters answer it (Docker's older default
 * profile does), but so does an immutable file opened for writing, so a
 * probe tells them apart. The answer is kept for the whole process.
 */
static bool
openat2_gone(int code)
{
	if (code != ENOSYS && (code != EPERM || openat2_probe()))
		return false;
	__atomic_store_n(&openat2_state, OPENAT2_NO, __ATOMIC_RELAXED);
	return true;
}

bool
fs_have_openat2(void)
{
	int s;

	if (__atomic_load_n(&force_walk, __ATOMIC_RELAXED))
		return false;
	s = __atomic_load_n(&openat2_state, __ATOMIC_RELAXED);
	if (s == OPENAT2_UNKNOWN) {
		s = openat2_probe() ? OPENAT2_YES : OPENAT2_NO;
		__atomic_store_n(&openat2_state, s, __ATOMIC_RELAXED);
	}
	return s == OPENAT2_YES;
}

void
fs_force_walk(bool on)
{
	__atomic_store_n(&force_walk, on, __ATOMIC_RELAXED);
	if (!on)
		__atomic_store_n(
		    &openat2_state, OPENAT2_UNKNOWN, __ATOMIC_RELAXED);
}

int
fs_root_open(const char *dir, struct ward_err *err)
{
	char q[QUOTE_MAX];
	int fd, e;

	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		return err_set(err, e, "open root '%s': %s",
		    quote(q, sizeof(q), dir), strerror(e));
	}
	return fd;
}

static int
walk_top(const struct walk *w)
{
	return w->fds[w->depth];
}

static void
walk_pop(struct walk *w)
{
	/* At the root, ".." stays at the root, as RESOLVE_IN_ROOT does. */
	if (w->depth > 0)
		(void)close(w->fds[w->depth--]); /* O_PATH: nothing to flush */
}

static void
walk_reset(struct walk *w)
{
	while (w->depth > 0)
		walk_pop(w);
}

static int
walk_push(struct walk *w, int fd)
{
	if (w->depth == FS_DEPTH_MAX) {
		(void)close(fd); /* O_PATH: nothing to flush */
		w->why = "deeper than " STRINGIFY(FS_DEPTH_MAX) " directories";
		return -ENAMETOOLONG;
	}
	w->fds[++w->depth] = fd;
	return 0;
}

static void
walk_free(struct walk *w)
{
	walk_reset(w);
	free(w->path);
	free(w);
}

/*
 * Copy the next component of w->rest into w->name and advance past it.
 * Returns 1, or 0 when only slashes are left. *last is set when no other
 * component follows, *trailing when slashes do.
 */
static int
next_component(struct walk *w, bool *last, bool *trailing)
{
	const char *p = w->rest, *end;
	size_t len;

	while (*p == '/')
		p++;
	if (*p == '\0') {
		w->rest = p;
		return 0;
	}
	end = strchrnul(p, '/');
	len = (size_t)(end - p);
	/* A component comes from the caller's path or from one link body,
	 * both shorter than FS_PATH_MAX; this is a guard, not a limit. */
	if (len >= sizeof(w->name))
		return -ENAMETOOLONG;
	memcpy(w->name, p, len);
	w->name[len] = '\0';
	w->rest = end;
	while (*end == '/')
		end++;
	*last = *end == '\0';
	*trailing = *last && *w->rest == '/';
	return 1;
}

/*
 * A procfs symlink whose body is absolute or names an object ("pipe:[9]",
 * "anon_inode:[eventfd]", "net:[4026531840]") is a magic link: the kernel
 * jumps to the object instead of reading the body, which would leave the
 * root. Ordinary procfs links ("self", "thread-self", "mounts") are short
 * relative paths.
 */
static int
check_magic(struct walk *w, int lfd, size_t len)
{
	struct statfs sfs;

	if (fstatfs(lfd, &sfs) < 0)
		return -errno;
	if (sfs.f_type != PROC_SUPER_MAGIC)
		return 0;
	if (w->link[0] == '/' || memchr(w->link, ':', len)) {
		w->why = "refusing a /proc magic link";
		return -ELOOP;
	}
	return 0;
}

/*
 * Follow the symlink 'lfd' (an O_PATH|O_NOFOLLOW fd) just taken from
 * w->name: splice its body in front of what is left of the path. An
 * absolute body starts again at the root.
 */
static int
follow_link(struct walk *w, int lfd)
{
	size_t len, restlen;
	ssize_t n;
	char *p;
	int r;

	if (++w->links > FS_SYMLINKS_MAX) {
		w->why = "more than " STRINGIFY(FS_SYMLINKS_MAX) " symlinks";
		return -ELOOP;
	}
	n = readlinkat(lfd, "", w->link, sizeof(w->link));
	if (n < 0)
		return -errno;
	len = (size_t)n;
	if (len == sizeof(w->link))
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT; /* as the kernel treats an empty body */
	w->link[len] = '\0';
	r = check_magic(w, lfd, len);
	if (r < 0)
		return r;
	if (w->link[0] == '/')
		walk_reset(w);
	restlen = strlen(w->rest);
	/* Bounded: at most FS_SYMLINKS_MAX bodies of < FS_PATH_MAX each. */
	p = xmalloc(len + restlen + 1);
	memcpy(p, w->link, len);
	memcpy(p + len, w->rest, restlen + 1);
	free(w->path);
	w->path = p;
	w->rest = p;
	return 0;
}

static bool
is_dots(const char *name, int n)
{
	return name[0] == '.' && (n == 1 || name[1] == '.') && name[n] == '\0';
}

/* Resolve w->name, which must be a directory or a link to one. */
static int
walk_step(struct walk *w)
{
	_cleanup_close_ int fd = -1;
	struct stat st;

	if (is_dots(w->name, 1))
		return 0;
	if (is_dots(w->name, 2)) {
		walk_pop(w);
		return 0;
	}
	fd = openat(walk_top(w), w->name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISLNK(st.st_mode))
		return follow_link(w, fd);
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	return walk_push(w, TAKE_FD(fd));
}

static int
open_here(struct walk *w, int flags, int *out)
{
	int fd = openat(walk_top(w), ".", flags, CREATE_MODE);

	if (fd < 0)
		return -errno;
	*out = fd;
	return 0;
}

/*
 * Open the last component with the caller's flags under its pinned
 * parent, always O_NOFOLLOW. A symlink there is followed by hand first,
 * except with O_NOFOLLOW or O_CREAT|O_EXCL, as the kernel does. Returns 0
 * with *out set, 1 when a link was spliced and the walk goes on, or
 * -errno.
 */
static int
walk_last(struct walk *w, int flags, int *out)
{
	_cleanup_close_ int lfd = -1;
	struct stat st;
	int r;

	if (is_dots(w->name, 2))
		walk_pop(w);
	if (is_dots(w->name, 1) || is_dots(w->name, 2))
		return open_here(w, flags, out);
	if (!(flags & O_NOFOLLOW) &&
	    (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL)) {
		lfd = openat(
		    walk_top(w), w->name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (lfd < 0 && (errno != ENOENT || !(flags & O_CREAT)))
			return -errno;
	}
	if (lfd >= 0) {
		if (fstat(lfd, &st) < 0)
			return -errno;
		if (S_ISLNK(st.st_mode)) {
			r = follow_link(w, lfd);
			return r < 0 ? r : 1;
		}
		if ((flags & O_PATH) && (flags & O_DIRECTORY) &&
		    !S_ISDIR(st.st_mode))
			return -ENOTDIR;
		if (flags & O_PATH) {
			*out = TAKE_FD(lfd); /* already what was asked for */
			return 0;
		}
	}
	r = openat(walk_top(w), w->name, flags | O_NOFOLLOW, CREATE_MODE);
	if (r < 0)
		return -errno;
	*out = r;
	return 0;
}

static int
walk_run(struct walk *w, int flags, int *out)
{
	bool last = false, trailing = false;
	int r;

	if (*w->rest == '\0')
		return -ENOENT; /* as openat2 without AT_EMPTY_PATH */
	for (;;) {
		r = next_component(w, &last, &trailing);
		if (r < 0)
			return r;
		if (r == 0)
			return open_here(w, flags, out);
		/* "name/" must be a directory; the kernel follows a link
		 * there even with O_NOFOLLOW, and O_CREAT gives EISDIR
		 * ("./" and "../" reach open_here like any directory). */
		if (last && trailing && (flags & O_CREAT) &&
		    !is_dots(w->name, 1) && !is_dots(w->name, 2))
			return -EISDIR;
		if (last && !trailing) {
			r = walk_last(w, flags, out);
			if (r <= 0)
				return r;
			continue;
		}
		r = walk_step(w);
		if (r < 0)
			return r;
	}
}

static int
walk_in_root(int rootfd, const char *path, int flags, struct ward_err *err)
{
	struct walk *w = xcalloc(1, sizeof(*w));
	int fd = -1, r;

	w->fds[0] = rootfd;
	w->path = xstrdup(path);
	w->rest = w->path;
	r = walk_run(w, flags, &fd);
	if (r < 0)
		r = open_fail(err, -r, path, w->why);
	walk_free(w);
	return r < 0 ? r : fd;
}

int
fs_open_in_root(int rootfd, const char *path, int flags, struct ward_err *err)
{
	int fd;

	/* PATH_MAX counts the NUL, so the kernel refuses 4096 bytes. */
	if (strnlen(path, FS_PATH_MAX) == FS_PATH_MAX)
		return open_fail(err, ENAMETOOLONG, path, NULL);
	flags = norm_flags(flags);
	if (fs_have_openat2()) {
		fd = openat2_call(rootfd, path, flags);
		if (fd >= 0)
			return fd;
		/* Retries used up on EAGAIN (renames racing with ".."):
		 * the walk, which never trusts "..", can answer instead. */
		if (fd != -EAGAIN && !openat2_gone(-fd))
			return open_fail(err, -fd, path, NULL);
	}
	return walk_in_root(rootfd, path, flags, err);
}

static const char *
type_name(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFIFO:
		return "fifo";
	case S_IFDIR:
		return "directory";
	case S_IFCHR:
		return "character device";
	case S_IFBLK:
		return "block device";
	case S_IFSOCK:
		return "socket";
	case S_IFLNK:
		return "symlink";
	default:
		return "unknown type";
	}
}

/*
 * Turn the checked O_PATH fd into a readable one. /proc/self/fd reopens
 * the very inode; without /proc the path is resolved a second time, and
 * the caller's inode comparison catches a swap in between.
 */
static int
reopen(int rootfd, int pfd, const char *path, struct ward_err *err)
{
	char proc[32];
	int fd, n;

	n = snprintf(proc, sizeof(proc), "/proc/self/fd/%d", pfd);
	if (n < 0 || (size_t)n >= sizeof(proc))
		return open_fail(err, EOVERFLOW, path, NULL);
	fd = open(proc, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd >= 0)
		return fd;
	if (errno != ENOENT)
		return open_fail(err, errno, path, NULL);
	return fs_open_in_root(rootfd, path, O_RDONLY | O_NONBLOCK, err);
}

int
fs_open_regular_in_root(
    int rootfd, const char *path, uint64_t *st_size, struct ward_err *err)
{
	_cleanup_close_ int pfd = -1, fd = -1;
	struct stat st, st2;
	char q[QUOTE_MAX];

	pfd = fs_open_in_root(rootfd, path, O_PATH, err);
	if (pfd < 0)
		return pfd;
	if (fstat(pfd, &st) < 0)
		return open_fail(err, errno, path, NULL);
	if (!S_ISREG(st.st_mode))
		return err_set(err, EINVAL, "'%s': not a regular file (%s)",
		    quote(q, sizeof(q), path), type_name(st.st_mode));
	fd = reopen(rootfd, pfd, path, err);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st2) < 0)
		return open_fail(err, errno, path, NULL);
	if (st2.st_dev != st.st_dev || st2.st_ino != st.st_ino)
		return err_set(err, EXDEV, "'%s': file changed during open",
		    quote(q, sizeof(q), path));
	if (st_size)
		*st_size = (uint64_t)st2.st_size;
	return TAKE_FD(fd);
}

static int
too_big(struct ward_err *err, const char *name, uint64_t max)
{
	char q[QUOTE_MAX];

	return err_set(err, EFBIG, "'%s': more than %llu bytes",
	    quote(q, sizeof(q), name), (unsigned long long)max);
}

/* The first buffer: the whole file when its size is known, plus one byte
 * to see the end (or growth) without another allocation. */
static size_t
first_cap(int fd, size_t lim)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uint64_t)st.st_size <= lim)
		return (size_t)st.st_size + 1;
	return lim < READ_CHUNK ? lim + 1 : READ_CHUNK;
}

int
fs_read_fd(struct arena *a, int fd, const char *name, uint64_t max,
    struct str *out, struct ward_err *err)
{
	size_t lim = max > SIZE_MAX / 4 ? SIZE_MAX / 4 : (size_t)max;
	size_t cap = first_cap(fd, lim), len = 0;
	char *buf = arena_alloc(a, cap + 1);
	char q[QUOTE_MAX];
	ssize_t n;
	int e;

	for (;;) {
		if (len == cap) {
			if (len > lim)
				return too_big(err, name, max);
			cap = cap > lim / 2 ? lim + 1 : cap * 2;
			buf = arena_realloc(a, buf, len, cap + 1, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			return err_set(err, e, "read '%s': %s",
			    quote(q, sizeof(q), name), strerror(e));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	out->p = buf;
	out->len = len;
	return 0;
}

int
fs_read_in_root(struct arena *a, int rootfd, const char *path, uint64_t max,
    struct str *out, struct ward_err *err)
{
	_cleanup_close_ int fd = -1;
	uint64_t size = 0;

	fd = fs_open_regular_in_root(rootfd, path, &size, err);
	if (fd < 0)
		return fd;
	if (size > max)
		return too_big(err, path, max);
	return fs_read_fd(a, fd, path, max, out, err);
}
