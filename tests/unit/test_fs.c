/*
 * Unit tests for src/fs: resolution inside an untrusted root. A fixture
 * tree is built under a fresh mkdtemp() directory: "root" is the root and
 * "outside" beside it holds a secret that no case may reach. Each case of
 * the table runs twice, through openat2 and through the forced component
 * walk, and both must give the expected result (so they agree). Every fd
 * a case opens is checked through /proc/self/fd to lie under the root's
 * real path. Under tests/no_openat2 both runs use the walk.
 */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/limits.h"
#include "ward/mem.h"
#include "ward/str.h"

enum { ROOT_TMP, ROOT_SLASH };
enum { API_OPEN, API_REGULAR };
enum { NEED_DEV = 1 };

struct fcase {
	const char *name;
	int root;
	const char *path;
	int api;
	int flags;
	int want; /* 0 or -errno */
	const char *content; /* what the opened file holds, or NULL */
	mode_t type; /* S_IFMT of the opened file, or 0 */
	int need;
	const char *created; /* a file the case creates in the root */
};

#define DEEP_LEVELS (FS_DEPTH_MAX + 1)
#define PIPE_BYTES 200000

static struct {
	char dir[64];
	char root[96];
	char outside[96];
	char real[PATH_MAX];
	char created[64]; /* "ward-created-XXXXXX", in the root */
	char created_host[80]; /* the same name at the host's "/" */
	char fdlink[64]; /* "proc/self/fd/N" */
	int rootfd, slashfd, wfd;
	bool have_dev;
	char over[FS_PATH_MAX + 2];
	char at[FS_PATH_MAX + 1];
	char under[FS_PATH_MAX];
	char under_missing[FS_PATH_MAX];
	char dotdot[FS_PATH_MAX];
	char dots[FS_PATH_MAX];
	char viabig[FS_PATH_MAX];
	char name256[300];
	char name255[300];
	char deep_ok[FS_PATH_MAX];
	char deep_over[FS_PATH_MAX];
} fx;

/* ---- fixture ---------------------------------------------------------- */

static void
die(const char *what)
{
	printf("Bail out! fixture: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
put(int dfd, const char *path, const char *text)
{
	int fd =
	    openat(dfd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	size_t len = strlen(text);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		die(path);
	close(fd);
}

static void
link_at(const char *target, const char *path)
{
	if (symlinkat(target, fx.wfd, path) < 0)
		die(path);
}

static void
mkdir_at(const char *path)
{
	if (mkdirat(fx.wfd, path, 0755) < 0)
		die(path);
}

/* snprintf that stops the test on a cut. */
static void __attribute__((format(printf, 3, 4)))
fmt(char *buf, size_t len, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, len, f, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		die("path too long");
}

/* Repeat 'unit' 'n' times, then append 'tail'. */
static void
repeat(char *buf, size_t cap, const char *unit, int n, const char *tail)
{
	size_t ul = strlen(unit), o = 0;

	for (int i = 0; i < n; i++, o += ul) {
		if (o + ul >= cap)
			die("repeat: buffer too small");
		memcpy(buf + o, unit, ul);
	}
	if (o + strlen(tail) >= cap)
		die("repeat: buffer too small");
	memcpy(buf + o, tail, strlen(tail) + 1);
}

/* A path of exactly 'len' bytes: "./" steps, a '/' if odd, then 'tail'. */
static void
sized_path(char *buf, size_t len, const char *tail)
{
	size_t fill = len - strlen(tail), o = 0;

	for (; o + 2 <= fill; o += 2)
		memcpy(buf + o, "./", 2);
	if (o < fill)
		buf[o++] = '/';
	memcpy(buf + o, tail, strlen(tail) + 1);
}

/* FS_DEPTH_MAX + 1 nested "d" directories, with a file "f" in the last
 * two levels. */
static void
make_deep(void)
{
	int fd = openat(fx.wfd, ".", O_DIRECTORY | O_CLOEXEC), next;

	for (int i = 1; i <= DEEP_LEVELS; i++) {
		if (fd < 0 || mkdirat(fd, "d", 0755) < 0)
			die("deep tree");
		next = openat(fd, "d", O_DIRECTORY | O_CLOEXEC);
		close(fd);
		fd = next;
		if (fd >= 0 && i >= DEEP_LEVELS - 1)
			put(fd, "f", i == DEEP_LEVELS ? "over\n" : "at\n");
	}
	close(fd);
	repeat(fx.deep_ok, sizeof(fx.deep_ok), "d/", FS_DEPTH_MAX, "f");
	repeat(fx.deep_over, sizeof(fx.deep_over), "d/", DEEP_LEVELS, "f");
}

static void
make_special(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int s;

	if (mkfifoat(fx.wfd, "fifo", 0644) < 0)
		die("fifo");
	fx.have_dev =
	    mknodat(fx.wfd, "null", S_IFCHR | 0666, makedev(1, 3)) == 0;
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	fmt(sa.sun_path, sizeof(sa.sun_path), "%s/sock", fx.root);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("socket");
	close(s);
}

static void
make_links(void)
{
	char name[16], target[16], body[FS_PATH_MAX];

	link_at("/etc/passwd", "abs_passwd");
	link_at("../../outside/secret", "dir/rel_escape");
	link_at("/etc/passwd", "dir/sub/abs_passwd");
	link_at("../../../nothere", "rel_gone");
	link_at("loop_b", "loop_a");
	link_at("loop_a", "loop_b");
	link_at("self", "self");
	link_at("dir", "ldir");
	link_at("/dir", "ladir");
	link_at("/etc", "etclink");
	link_at(fx.outside, "hostout");
	link_at(fx.root, "hostroot");
	link_at("file", "lfile");
	link_at("../../..", "up");
	link_at("/proc/self/root", "procroot");
	link_at("/nonexist", "dangle");
	link_at(fx.created_host, "dangle_create");
	link_at("file", "c1");
	for (int i = 2; i <= FS_SYMLINKS_MAX + 1; i++) {
		fmt(name, sizeof(name), "c%d", i);
		fmt(target, sizeof(target), "c%d", i - 1);
		link_at(target, name);
	}
	/* Two link bodies near FS_PATH_MAX, so the walk splices paths far
	 * longer than any one string the caller may pass. */
	repeat(body, sizeof(body), "a/../", 817, "biglink2");
	link_at(body, "biglink");
	repeat(body, sizeof(body), "a/../", 818, "file");
	link_at(body, "biglink2");
}

static void
make_paths(void)
{
	fmt(fx.fdlink, sizeof(fx.fdlink), "proc/self/fd/%d", fx.rootfd);
	memset(fx.over, 'a', FS_PATH_MAX + 1);
	fx.over[FS_PATH_MAX + 1] = '\0';
	sized_path(fx.at, FS_PATH_MAX, "file");
	sized_path(fx.under, FS_PATH_MAX - 1, "file");
	sized_path(fx.under_missing, FS_PATH_MAX - 1, "nothere");
	repeat(fx.dotdot, sizeof(fx.dotdot), "a/../", 800, "file");
	repeat(fx.dots, sizeof(fx.dots), "./", 2000, "file");
	repeat(fx.viabig, sizeof(fx.viabig), "a/../", 800, "biglink");
	memset(fx.name256, 'n', 256);
	fx.name256[256] = '\0';
	memset(fx.name255, 'n', 255);
	fx.name255[255] = '\0';
}

static void
fixture_setup(void)
{
	struct ward_err err;
	int ofd;

	fmt(fx.dir, sizeof(fx.dir), "/tmp/ward-fs-XXXXXX");
	if (!mkdtemp(fx.dir))
		die("mkdtemp");
	fmt(fx.root, sizeof(fx.root), "%s/root", fx.dir);
	fmt(fx.outside, sizeof(fx.outside), "%s/outside", fx.dir);
	fmt(fx.created, sizeof(fx.created), "ward-created-%s",
	    fx.dir + strlen("/tmp/ward-fs-"));
	fmt(fx.created_host, sizeof(fx.created_host), "/%s", fx.created);
	if (mkdir(fx.root, 0755) < 0 || mkdir(fx.outside, 0755) < 0)
		die("mkdir");
	ofd = open(fx.outside, O_DIRECTORY | O_CLOEXEC);
	put(ofd, "secret", "HOST SECRET\n");
	close(ofd);
	fx.wfd = open(fx.root, O_DIRECTORY | O_CLOEXEC);
	if (fx.wfd < 0 || !realpath(fx.root, fx.real))
		die("root");
	put(fx.wfd, "file", "plain\n");
	put(fx.wfd, "empty", "");
	mkdir_at("dir");
	mkdir_at("dir/sub");
	put(fx.wfd, "dir/sub/deep.txt", "deep\n");
	mkdir_at("etc");
	put(fx.wfd, "etc/passwd", "root-passwd\n");
	mkdir_at("outside");
	put(fx.wfd, "outside/secret", "inside-secret\n");
	mkdir_at("a");
	make_special();
	make_deep();
	fx.rootfd = fs_root_open(fx.root, &err);
	fx.slashfd = fs_root_open("/", &err);
	if (fx.rootfd < 0 || fx.slashfd < 0)
		die(err.msg);
	make_links();
	make_paths();
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)remove(path); /* best effort: a leftover temp dir is harmless */
	return 0;
}

static void
fixture_teardown(void)
{
	close(fx.rootfd);
	close(fx.slashfd);
	close(fx.wfd);
	(void)nftw(fx.dir, rm_entry, 32, FTW_DEPTH | FTW_PHYS);
}

/* ---- checks ----------------------------------------------------------- */

/* Where the fd points, by /proc/self/fd. */
static bool
fd_path(int fd, char *buf, size_t len)
{
	char proc[64];
	ssize_t n;

	fmt(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, buf, len - 1);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

static bool
fd_under(int fd, const char *real)
{
	char got[PATH_MAX];
	size_t rl = strlen(real);

	if (!fd_path(fd, got, sizeof(got)))
		return false;
	if (strcmp(real, "/") == 0)
		return got[0] == '/';
	if (strncmp(got, real, rl) == 0 && (got[rl] == '\0' || got[rl] == '/'))
		return true;
	T_NOTE("fd %d is '%s', outside '%s'", fd, got, real);
	return false;
}

static bool
fd_holds(int fd, const char *want)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		return false;
	buf[n] = '\0';
	if (strcmp(buf, want) == 0)
		return true;
	T_NOTE("read '%s', want '%s'", buf, want);
	return false;
}

static int
count_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 4096; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static void
check_created(const struct fcase *c)
{
	struct stat st;

	T_OK(fstatat(fx.wfd, c->created, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode));
	T_OK(access(fx.created_host, F_OK) < 0 && errno == ENOENT);
	(void)unlinkat(fx.wfd, c->created, 0); /* the next run creates it */
}

static void
check_opened(const struct fcase *c, int fd)
{
	struct stat st;

	T_OK(fd_under(fd, c->root == ROOT_SLASH ? "/" : fx.real));
	T_OK(fstat(fd, &st) == 0);
	if (c->type)
		T_EQ_INT(st.st_mode & S_IFMT, c->type);
	if (c->content)
		T_OK(fd_holds(fd, c->content));
	if (c->created)
		check_created(c);
}

static int
run_case(const struct fcase *c, bool walk)
{
	int rootfd = c->root == ROOT_SLASH ? fx.slashfd : fx.rootfd;
	struct ward_err err = {0};
	uint64_t size = UINT64_MAX;
	int fd;

	fs_force_walk(walk);
	if (c->api == API_REGULAR)
		fd = fs_open_regular_in_root(rootfd, c->path, &size, &err);
	else
		fd = fs_open_in_root(rootfd, c->path, c->flags, &err);
	fs_force_walk(false);
	T_NOTE("%s (%s): %s", c->name,
	    walk		    ? "walk"
		: fs_have_openat2() ? "openat2"
				    : "walk by default",
	    fd >= 0 ? "opened" : err.msg);
	T_EQ_INT(fd < 0 ? fd : 0, c->want);
	if (fd < 0) {
		T_EQ_INT(err.code, -fd);
		return fd;
	}
	if (c->api == API_REGULAR)
		T_OK(size != UINT64_MAX);
	check_opened(c, fd);
	close(fd);
	return 0;
}

/* ---- the table -------------------------------------------------------- */

/*
 * Abbreviations in the table: flags R (read), D (directory), NF and ND
 * (no-follow), P, PD and PNF (O_PATH), CR (create), EX (create
 * exclusive), NB (non-blocking), TMP (O_TMPFILE); roots T (the temporary
 * root) and S ("/"); calls O (fs_open_in_root) and G
 * (fs_open_regular_in_root); contents PW, IS and DP.
 */
static void
test_table(void)
{
	const int R = O_RDONLY, D = O_RDONLY | O_DIRECTORY;
	const int NF = O_RDONLY | O_NOFOLLOW, W = O_WRONLY, P = O_PATH;
	const int ND = NF | O_DIRECTORY, PD = O_PATH | O_DIRECTORY;
	const int TMP = O_TMPFILE | O_RDWR, NB = O_NONBLOCK;
	const int PNF = O_PATH | O_NOFOLLOW, CR = O_WRONLY | O_CREAT;
	const int EX = O_WRONLY | O_CREAT | O_EXCL;
	const mode_t F = S_IFREG, DR = S_IFDIR, L = S_IFLNK;
	const int T = ROOT_TMP, S = ROOT_SLASH, O = API_OPEN, G = API_REGULAR;
	const char *const PW = "root-passwd\n", *const IS = "inside-secret\n";
	const char *const DP = "deep\n";
	char newfile[] = "dir/newfile";
	/* clang-format off */
	const struct fcase cases[] = {
	{ "plain file", T, "file", O, R, 0, "plain\n", F },
	{ "nested file", T, "dir/sub/deep.txt", O, R, 0, "deep\n", F },
	{ "abs link to /etc/passwd", T, "abs_passwd", O, R, 0, PW, F },
	{ "abs link in a subdir", T, "dir/sub/abs_passwd", O, R, 0, PW, F },
	{ "../../outside/secret link", T, "dir/rel_escape", O, R, 0, IS, F },
	{ "../../../nothere link", T, "rel_gone", O, R, -ENOENT },
	{ "../ beyond the root", T, "../../../etc/passwd", O, R, 0, PW, F },
	{ "../ beyond, from a subdir", T,
	    "dir/sub/../../../../etc/passwd", O, R, 0, PW, F },
	{ "../ then the root's name", T, "../root/file", O, R, -ENOENT },
	{ "absolute path", T, "/etc/passwd", O, R, 0, PW, F },
	{ "the root itself", T, "/", O, D, 0, NULL, DR },
	{ ".. alone", T, "..", O, D, 0, NULL, DR },
	{ "link loop a->b->a", T, "loop_a", O, R, -ELOOP },
	{ "self loop", T, "self", O, R, -ELOOP },
	{ "40 links", T, "c40", O, R, 0, "plain\n", F },
	{ "41 links", T, "c41", O, R, -ELOOP },
	{ "via a dir link", T, "ldir/sub/deep.txt", O, R, 0, DP, F },
	{ "via an abs dir link", T, "ladir/sub/deep.txt", O, R, 0, DP, F },
	{ "dangling link", T, "dangle", O, R, -ENOENT },
	{ "dangling abs link, EX", T, "dangle_create", O, EX, -EEXIST },
	{ "dangling abs link, CR", T, "dangle_create", O, CR, 0, NULL, F, 0,
	    fx.created },
	{ "EX under an abs link", T, "ladir/newfile", O, EX, 0, NULL, F, 0,
	    newfile },
	{ "abs link in the middle", T, "etclink/passwd", O, R, 0, PW, F },
	{ "host path link, middle", T, "hostout/secret", O, R, -ENOENT },
	{ "host path of the root", T, "hostroot/file", O, R, -ENOENT },
	{ "../../.. link, middle", T, "up/outside/secret", O, R, 0, IS, F },
	{ "link to /proc/self/root", T, "procroot/etc/passwd", O, R, -ENOENT },
	{ "magic proc/self/fd/N", S, fx.fdlink, O, R, -ELOOP },
	{ "magic self/root/etc", S, "proc/self/root/etc", O, D, -ELOOP },
	{ "magic proc/self/cwd", S, "proc/self/cwd", O, D, -ELOOP },
	{ "magic proc/self/exe", S, "proc/self/exe", O, R, -ELOOP },
	{ "magic proc/self/ns/net", S, "proc/self/ns/net", O, R, -ELOOP },
	{ "magic link itself, PNF", S, fx.fdlink, O, PNF, 0, NULL, L },
	{ "ordinary proc/self", S, "proc/self", O, D, 0, NULL, DR },
	{ "ordinary thread-self", S, "/proc/thread-self", O, P, 0, NULL, DR },
	{ "ordinary proc/mounts", S, "proc/mounts", G, 0, 0, NULL, F },
	{ "fifo, regular", T, "fifo", G, 0, -EINVAL },
	{ "fifo, O_NONBLOCK", T, "fifo", O, R | NB, 0, NULL, S_IFIFO },
	{ "char device, regular", T, "null", G, 0, -EINVAL, NULL, 0, NEED_DEV },
	{ "directory, regular", T, "dir", G, 0, -EINVAL },
	{ "socket, regular", T, "sock", G, 0, -EINVAL },
	{ "regular through a link", T, "lfile", G, 0, 0, "plain\n", F },
	{ "regular through an abs link", T, "abs_passwd", G, 0, 0, PW, F },
	{ "regular, dangling", T, "dangle", G, 0, -ENOENT },
	{ "path of FS_PATH_MAX+1", T, fx.over, O, R, -ENAMETOOLONG },
	{ "path of FS_PATH_MAX", T, fx.at, O, R, -ENAMETOOLONG },
	{ "path of FS_PATH_MAX-1", T, fx.under, O, R, 0, "plain\n", F },
	{ "FS_PATH_MAX-1, absent", T, fx.under_missing, O, R, -ENOENT },
	{ "component of 256", T, fx.name256, O, R, -ENAMETOOLONG },
	{ "component of 255, absent", T, fx.name255, O, R, -ENOENT },
	{ "800 x a/../ then file", T, fx.dotdot, O, R, 0, "plain\n", F },
	{ "2000 x ./ then file", T, fx.dots, O, R, 0, "plain\n", F },
	{ "5000+ components via 2 links", T, fx.viabig, O, R, 0, "plain\n", F },
	{ "FS_DEPTH_MAX directories", T, fx.deep_ok, O, R, 0, "at\n", F },
	{ "trailing / on a file", T, "file/", O, R, -ENOTDIR },
	{ "trailing / on a file link", T, "lfile/", O, P, -ENOTDIR },
	{ "trailing / follows despite NF", T, "ldir/", O, ND, 0, NULL, DR },
	{ "trailing / with O_CREAT", T, "newdir/", O, CR, -EISDIR },
	{ "./ with O_CREAT|O_EXCL", T, "./", O, EX, -EEXIST },
	{ "/ with O_CREAT|O_EXCL", T, "/", O, EX, -EEXIST },
	{ "dir/.. with O_CREAT", T, "dir/..", O, CR, -EISDIR },
	{ "file/.. ", T, "file/..", O, R, -ENOTDIR },
	{ "absent/..", T, "nothere/..", O, R, -ENOENT },
	{ "O_NOFOLLOW on a final link", T, "lfile", O, NF, -ELOOP },
	{ "O_PATH|O_NOFOLLOW on a final link", T, "lfile", O, PNF, 0, NULL, L },
	{ "ND on a dir link", T, "ldir", O, ND, -ENOTDIR },
	{ "O_PATH|O_DIRECTORY on a file", T, "lfile", O, PD, -ENOTDIR },
	{ "O_PATH ignores NONBLOCK", T, "lfile", O, P | NB, 0, NULL, F },
	{ "O_WRONLY on a directory", T, "dir", O, W, -EISDIR },
	{ "O_TMPFILE, linked dir", T, "ladir", O, TMP, 0, NULL, F },
	{ "empty path", T, "", O, R, -ENOENT },
	{ "empty file", T, "empty", G, 0, 0, "", F },
	};
	/* clang-format on */
	int before = count_fds(), ra, rb;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct fcase *c = &cases[i];

		if ((c->need & NEED_DEV) && !fx.have_dev) {
			T_SKIP("mknod refused (not root?): no device node");
			continue;
		}
		ra = run_case(c, false);
		rb = run_case(c, true);
		T_EQ_INT(ra, rb); /* the two resolvers agree */
	}
	T_EQ_INT(count_fds(), before); /* no fd leaked by either resolver */
}

/*
 * FS_DEPTH_MAX bounds the walk's stack of directory fds; openat2 has no
 * such bound, so here, and only here, the resolvers differ by design.
 */
static void
test_depth(void)
{
	struct ward_err err;
	int fd;

	fs_force_walk(true);
	fd = fs_open_in_root(fx.rootfd, fx.deep_over, O_RDONLY, &err);
	T_EQ_INT(fd, -ENAMETOOLONG);
	T_OK(strstr(err.msg, "deeper than 1024 directories") != NULL);
	fs_force_walk(false);
	if (!fs_have_openat2()) {
		T_SKIP("no openat2 here: the walk's depth limit applies");
		return;
	}
	fd = fs_open_in_root(fx.rootfd, fx.deep_over, O_RDONLY, &err);
	T_OK(fd >= 0 && fd_under(fd, fx.real) && fd_holds(fd, "over\n"));
	if (fd >= 0)
		close(fd);
}

/* ---- reading ---------------------------------------------------------- */

static void
test_read_caps_mode(bool walk)
{
	struct arena *a = arena_new();
	char big[1001];
	struct ward_err err = {0};
	struct str s = STR_NULL;

	memset(big, 'x', 1000);
	big[1000] = '\0';
	if (faccessat(fx.wfd, "dir/k1000", F_OK, 0) < 0)
		put(fx.wfd, "dir/k1000", big);
	fs_force_walk(walk);
	T_EQ_INT(fs_read_in_root(a, fx.rootfd, "dir/k1000", 1000, &s, &err), 0);
	T_OK(s.len == 1000 && s.p[1000] == '\0' && s.p[999] == 'x');
	T_EQ_INT(fs_read_in_root(a, fx.rootfd, "dir/k1000", 1001, &s, &err), 0);
	T_EQ_INT(s.len, 1000);
	T_EQ_INT(
	    fs_read_in_root(a, fx.rootfd, "dir/k1000", 999, &s, &err), -EFBIG);
	T_EQ_INT(err.code, EFBIG);
	T_OK(strstr(err.msg, "'dir/k1000'") != NULL);
	T_EQ_INT(fs_read_in_root(a, fx.rootfd, "empty", 0, &s, &err), 0);
	T_OK(s.len == 0 && s.p && s.p[0] == '\0');
	T_EQ_INT(fs_read_in_root(a, fx.rootfd, "file", 0, &s, &err), -EFBIG);
	T_EQ_INT(fs_read_in_root(a, fx.rootfd, "abs_passwd", 100, &s, &err), 0);
	T_OK(str_eq_cstr(s, "root-passwd\n"));
	T_EQ_INT(fs_read_in_root(a, fx.rootfd, "fifo", 100, &s, &err), -EINVAL);
	T_OK(strstr(err.msg, "'fifo'") && strstr(err.msg, "(fifo)"));
	T_EQ_INT(
	    fs_read_in_root(a, fx.rootfd, "nothere", 100, &s, &err), -ENOENT);
	T_OK(strstr(err.msg, "'nothere'") != NULL);
	fs_force_walk(false);
	arena_free(a);
}

static void
read_pipe(size_t max, int want)
{
	struct arena *a = arena_new();
	struct ward_err err = {0};
	struct str s = STR_NULL;
	char chunk[4096];
	int p[2], r, status;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		die("pipe");
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (size_t o = 0; o < PIPE_BYTES; o += sizeof(chunk)) {
			size_t n = PIPE_BYTES - o;

			memset(chunk, 'a' + (int)(o / sizeof(chunk) % 26),
			    sizeof(chunk));
			if (write(p[1], chunk, n < 4096 ? n : 4096) < 0)
				_exit(1);
		}
		_exit(0);
	}
	close(p[1]);
	r = fs_read_fd(a, p[0], "a pipe", max, &s, &err);
	close(p[0]);
	waitpid(pid, &status, 0);
	T_EQ_INT(r, want);
	if (r == 0)
		T_OK(s.len == PIPE_BYTES && s.p[0] == 'a' &&
		    s.p[PIPE_BYTES - 1] == 'a' + (PIPE_BYTES - 1) / 4096 % 26);
	else
		T_OK(strstr(err.msg, "'a pipe'") != NULL);
	arena_free(a);
}

static void
test_read(void)
{
	test_read_caps_mode(false);
	test_read_caps_mode(true);
	read_pipe(PIPE_BYTES, 0);
	read_pipe(PIPE_BYTES - 1, -EFBIG);
	read_pipe(UINT64_MAX, 0);
}

/* ---- without /proc ---------------------------------------------------- */

/* In the child: 0 when every check passes, else the failing check. */
static int
noproc_checks(void)
{
	struct ward_err err;
	char buf[64];
	int fd, n;

	if (access("/proc/self/fd", F_OK) == 0)
		return 77;
	for (int walk = 0; walk < 2; walk++) {
		fs_force_walk(walk);
		fd = fs_open_regular_in_root(fx.rootfd, "lfile", NULL, &err);
		n = fd < 0 ? -1 : (int)read(fd, buf, sizeof(buf));
		if (n != 6 || memcmp(buf, "plain\n", 6) != 0)
			return 1 + walk * 10;
		close(fd);
		fd = fs_open_regular_in_root(
		    fx.rootfd, "abs_passwd", NULL, &err);
		n = fd < 0 ? -1 : (int)read(fd, buf, sizeof(buf));
		if (n != 12 || memcmp(buf, "root-passwd\n", 12) != 0)
			return 2 + walk * 10;
		close(fd);
		if (fs_open_regular_in_root(fx.rootfd, "fifo", NULL, &err) !=
		    -EINVAL)
			return 3 + walk * 10;
	}
	return 0;
}

/*
 * fs_open_regular_in_root reopens through /proc/self/fd; with no /proc
 * (a new mount namespace with it unmounted) it must resolve again and
 * still give the right file.
 */
static void
test_no_proc(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
		    umount2("/proc", MNT_DETACH) < 0)
			_exit(77);
		_exit(noproc_checks());
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status)) {
		T_OK(!"child for the no-/proc test");
		return;
	}
	if (WEXITSTATUS(status) == 77) {
		T_SKIP("cannot unmount /proc in a mount namespace here");
		return;
	}
	T_EQ_INT(WEXITSTATUS(status), 0);
}

/* ---- the rest --------------------------------------------------------- */

static void
test_root_open(void)
{
	struct ward_err err = {0};
	char path[128];

	fmt(path, sizeof(path), "%s/nothere", fx.dir);
	T_EQ_INT(fs_root_open(path, &err), -ENOENT);
	T_OK(strstr(err.msg, path) != NULL);
	fmt(path, sizeof(path), "%s/file", fx.root);
	T_EQ_INT(fs_root_open(path, &err), -ENOTDIR);
}

static void
test_modes(void)
{
	fs_force_walk(true);
	T_OK(!fs_have_openat2());
	fs_force_walk(false);
	T_NOTE("openat2 %s",
	    fs_have_openat2() ? "available" : "unavailable: both runs walk");
}

int
main(void)
{
	/* A FIFO opened by mistake must fail the test, not hang it, and
	 * what was printed before must survive. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(100);
	fixture_setup();
	test_modes();
	test_root_open();
	test_table();
	test_depth();
	test_read();
	test_no_proc();
	fixture_teardown();
	return t_done();
}
