/*
 * Unit tests for the text-database analyzers: os-release and the older
 * release files, the dpkg status database and the apk installed database.
 *
 * Expected values come from outside the parsers: hand-written fixtures
 * whose answers are worked out in the comments beside them, /bin/sh
 * sourcing the same os-release text (the format is defined as shell
 * assignments), dpkg-query run on this host's own database, and five
 * packages per Alpine minirootfs read by eye from lib/apk/db/installed.
 * Hostile inputs (every truncation, junk, long lines, NUL bytes, invalid
 * UTF-8, every limit at, under and over its value) must give warnings,
 * never crashes. Tests that need ../shared or dpkg-query skip without them.
 */

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

#define SHARED WARD_TEST_SRCDIR "/../../shared"
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* One analyzer call's world: an arena, the lists, the context. */
struct fx {
	struct arena *a;
	struct pkg_list pkgs;
	struct warn_list warns;
	struct analyze_ctx ctx;
	struct ward_err err;
};

static void
fx_init(struct fx *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->a = arena_new();
	f->ctx.a = f->a;
	f->ctx.pkgs = &f->pkgs;
	f->ctx.warnings = &f->warns;
	f->ctx.path = path;
	f->ctx.layer = 2;
}

static void
fx_fini(struct fx *f)
{
	arena_free(f->a);
}

static const struct pkg *
find_pkg(const struct fx *f, const char *name, const char *arch)
{
	for (size_t i = 0; i < f->pkgs.n; i++) {
		const struct pkg *p = &f->pkgs.v[i];

		if (strcmp(p->name, name) != 0)
			continue;
		if (!arch || (p->arch && strcmp(p->arch, arch) == 0))
			return p;
	}
	return NULL;
}

/* Whether some warning contains 'needle'. */
static bool
warned(const struct fx *f, const char *needle)
{
	for (size_t i = 0; i < f->warns.n; i++)
		if (strstr(f->warns.v[i], needle))
			return true;
	return false;
}

static void
dump_warnings(const struct fx *f)
{
	for (size_t i = 0; i < f->warns.n && i < 20; i++)
		T_NOTE("warning: %s", f->warns.v[i]);
}

/* Equal strings, where NULL (not known) equals only NULL. */
static void
eq_opt(const char *got, const char *want, const char *what, int line)
{
	int ok = got && want ? strcmp(got, want) == 0 : got == want;

	t_check(ok, what, __FILE__, line);
	if (!ok)
		printf("#   got '%s', want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
}
#define T_EQ_OPT(a, b) eq_opt((a), (b), #a " == " #b, __LINE__)

/* A copy of exactly n bytes on the heap, so ASan sees any over-read. */
static char *
exact_copy(const char *p, size_t n)
{
	char *c = malloc(n ? n : 1);

	if (!c)
		abort();
	if (n)
		memcpy(c, p, n);
	return c;
}

/* The same text with every "\n" turned into "\r\n". */
static char *
to_crlf(const char *s, size_t *len)
{
	size_t n = 0, o = 0;
	char *d;

	for (const char *q = s; *q; q++)
		n += *q == '\n' ? 2 : 1;
	d = malloc(n + 1);
	if (!d)
		abort();
	for (const char *q = s; *q; q++) {
		if (*q == '\n')
			d[o++] = '\r';
		d[o++] = *q;
	}
	d[o] = '\0';
	*len = n;
	return d;
}

/*
 * Run argv[0] (an absolute path) with a minimal environment and capture
 * its standard output, at most cap - 1 bytes, NUL-terminated. Returns the
 * length, or -1 when it could not run, failed, or wrote too much.
 */
static ssize_t
run_capture(char *const argv[], char *out, size_t cap)
{
	char *const envp[] = {"PATH=/usr/bin:/bin", "LC_ALL=C", NULL};
	int pfd[2], status;
	size_t n = 0;
	bool over = false;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		if (dup2(pfd[1], 1) == 1)
			execve(argv[0], argv, envp);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		char sink[4096];
		ssize_t r = over ? read(pfd[0], sink, sizeof(sink))
				 : read(pfd[0], out + n, cap - 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (!over)
			n += (size_t)r;
		over = over || n == cap - 1;
	}
	close(pfd[0]);
	out[n] = '\0';
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || over)
		return -1;
	return (ssize_t)n;
}

/* Read a host file whole (at most 'max' bytes). NULL if absent. */
static char *
read_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t n = 0;
	char *buf;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		abort();
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* One file out of a .tar.gz (entry "./path" or "path"). NULL if absent. */
static char *
tar_extract(const char *tarball, const char *path, size_t *len)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *e;
	char *buf = NULL;

	archive_read_support_filter_all(ar);
	archive_read_support_format_tar(ar);
	if (archive_read_open_filename(ar, tarball, 65536) != ARCHIVE_OK)
		goto out;
	while (archive_read_next_header(ar, &e) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);
		la_int64_t size = archive_entry_size(e);
		la_ssize_t got;

		if (strncmp(name, "./", 2) == 0)
			name += 2;
		if (strcmp(name, path) != 0 || size < 0 || size > PKG_DB_MAX)
			continue;
		buf = malloc((size_t)size + 1);
		if (!buf)
			abort();
		got = archive_read_data(ar, buf, (size_t)size);
		if (got != size) {
			free(buf);
			buf = NULL;
			break;
		}
		buf[size] = '\0';
		*len = (size_t)size;
		break;
	}
out:
	archive_read_free(ar);
	return buf;
}

/* os-release ------------------------------------------------------------ */

struct os_case {
	const char *name;
	const char *text;
	int ret;
	const char *id, *version_id, *codename, *pretty, *id_like;
	size_t nwarn;
	bool sh; /* well-formed: /bin/sh must read it the same way */
};

/*
 * Files in the form the distributions ship them (Debian 12 as on this
 * host, Alpine from the 3.20.3 minirootfs, Ubuntu 22.04, RHEL 9.3 and
 * distroless as their images have them), then hand-made ones. The
 * expected fields are the values with the shell's quoting removed.
 */
static const struct os_case os_cases[] = {
    {"debian 12",
	"PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
	"NAME=\"Debian GNU/Linux\"\n"
	"VERSION_ID=\"12\"\n"
	"VERSION=\"12 (bookworm)\"\n"
	"VERSION_CODENAME=bookworm\n"
	"ID=debian\n"
	"HOME_URL=\"https://www.debian.org/\"\n"
	"SUPPORT_URL=\"https://www.debian.org/support\"\n"
	"BUG_REPORT_URL=\"https://bugs.debian.org/\"\n",
	0, "debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", NULL,
	0, true},
    /* From alpine-minirootfs-3.20.3: no codename, unquoted VERSION_ID. */
    {"alpine 3.20",
	"NAME=\"Alpine Linux\"\n"
	"ID=alpine\n"
	"VERSION_ID=3.20.3\n"
	"PRETTY_NAME=\"Alpine Linux v3.20\"\n"
	"HOME_URL=\"https://alpinelinux.org/\"\n"
	"BUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/"
	"issues\"\n",
	0, "alpine", "3.20.3", NULL, "Alpine Linux v3.20", NULL, 0, true},
    {"ubuntu 22.04",
	"PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\n"
	"NAME=\"Ubuntu\"\n"
	"VERSION_ID=\"22.04\"\n"
	"VERSION=\"22.04.4 LTS (Jammy Jellyfish)\"\n"
	"VERSION_CODENAME=jammy\n"
	"ID=ubuntu\n"
	"ID_LIKE=debian\n"
	"HOME_URL=\"https://www.ubuntu.com/\"\n"
	"SUPPORT_URL=\"https://help.ubuntu.com/\"\n"
	"BUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\n"
	"PRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/"
	"privacy-policy\"\n"
	"UBUNTU_CODENAME=jammy\n",
	0, "ubuntu", "22.04", "jammy", "Ubuntu 22.04.4 LTS", "debian", 0, true},
    /* RHEL quotes ID, has a blank line, and no VERSION_CODENAME. */
    {"rhel 9",
	"NAME=\"Red Hat Enterprise Linux\"\n"
	"VERSION=\"9.3 (Plow)\"\n"
	"ID=\"rhel\"\n"
	"ID_LIKE=\"fedora\"\n"
	"VERSION_ID=\"9.3\"\n"
	"PLATFORM_ID=\"platform:el9\"\n"
	"PRETTY_NAME=\"Red Hat Enterprise Linux 9.3 (Plow)\"\n"
	"ANSI_COLOR=\"0;31\"\n"
	"LOGO=\"fedora-logo-icon\"\n"
	"CPE_NAME=\"cpe:/o:redhat:enterprise_linux:9::baseos\"\n"
	"HOME_URL=\"https://www.redhat.com/\"\n"
	"BUG_REPORT_URL=\"https://bugzilla.redhat.com/\"\n"
	"\n"
	"REDHAT_BUGZILLA_PRODUCT=\"Red Hat Enterprise Linux 9\"\n"
	"REDHAT_BUGZILLA_PRODUCT_VERSION=9.3\n"
	"REDHAT_SUPPORT_PRODUCT=\"Red Hat Enterprise Linux\"\n"
	"REDHAT_SUPPORT_PRODUCT_VERSION=\"9.3\"\n",
	0, "rhel", "9.3", NULL, "Red Hat Enterprise Linux 9.3 (Plow)", "fedora",
	0, true},
    /* gcr.io/distroless/base-debian12: Debian underneath, its own name. */
    {"distroless",
	"PRETTY_NAME=\"Distroless\"\n"
	"NAME=\"Debian GNU/Linux\"\n"
	"ID=\"debian\"\n"
	"VERSION_ID=\"12\"\n"
	"VERSION=\"Debian GNU/Linux 12 (bookworm)\"\n"
	"HOME_URL=\"https://github.com/GoogleContainerTools/distroless\"\n"
	"SUPPORT_URL=\"https://github.com/GoogleContainerTools/distroless/"
	"blob/master/README.md\"\n"
	"BUG_REPORT_URL=\"https://github.com/GoogleContainerTools/distroless/"
	"issues/new\"\n",
	0, "debian", "12", NULL, "Distroless", NULL, 0, true},
    /*
     * Quoting: the second ID wins (last assignment, as in the shell); in
     * single quotes '"' is literal; in double quotes \" \\ \$ \` lose the
     * backslash and "\n" keeps it; an unquoted backslash escapes the space;
     * a comment may follow the value; an empty value is "not known".
     */
    {"quoting",
	"# a comment\n"
	"ID=first\n"
	"  ID='my\"os'  \n"
	"VERSION_ID=\"1.0 \\\"beta\\\" \\\\ \\$HOME \\`x\\` \\n\"\n"
	"PRETTY_NAME=Plain\\ Word\n"
	"ID_LIKE=\"a b\"  # trailing comment\n"
	"VERSION_CODENAME=\n"
	"\n"
	"\t# indented comment\n",
	0, "my\"os", "1.0 \"beta\" \\ $HOME `x` \\n", NULL, "Plain Word", "a b",
	0, true},
    /* Each line after the first is malformed: one warning each. */
    {"malformed",
	"ID=debian\n" /* 1 */
	"NAME\n" /* 2: no '=' */
	"VERSION_ID=\"12\n" /* 3: unterminated */
	"PRETTY_NAME=\"a\"b\n" /* 4: text after the quote */
	"VERSION_CODENAME=two words\n" /* 5: a second word */
	"1ABC=x\n" /* 6: not a variable name */
	"ID_LIKE=$(reboot)\n" /* 7: command substitution */
	"KEY = value\n" /* 8: spaces around '=' */
	"X=\"unescaped $var\"\n" /* 9: expansion in double quotes */
	"Y=trailing\\\n", /* 10: backslash at the end */
	0, "debian", NULL, NULL, NULL, NULL, 9, false},
    {"crlf", "ID=debian\r\nVERSION_ID=\"12\"\r\n", 0, "debian", "12", NULL,
	NULL, NULL, 0, false},
    {"no ID", "NAME=foo\nVERSION_ID=1\n", -EBADMSG},
    {"empty ID", "ID=\"\"\n", -EBADMSG},
    {"empty file", "", -EBADMSG},
    {"only comments", "# ID=debian\n\n", -EBADMSG},
};

static void
check_os(const struct os_info *o, const struct os_case *c)
{
	T_EQ_OPT(o->id, c->id);
	T_EQ_OPT(o->version_id, c->version_id);
	T_EQ_OPT(o->version_codename, c->codename);
	T_EQ_OPT(o->pretty_name, c->pretty);
	T_EQ_OPT(o->id_like, c->id_like);
}

/*
 * The shell as oracle: eval the text in /bin/sh and print the five
 * variables, one a line. NULL (not known) is compared as "".
 */
static void
check_os_by_sh(const char *text, const struct os_info *o, const char *what)
{
	static char out[65536];
	char *argv[] = {"/bin/sh", "-c",
	    "eval \"$1\" && printf '%s\\n' \"$ID\" \"$VERSION_ID\" "
	    "\"$VERSION_CODENAME\" \"$PRETTY_NAME\" \"$ID_LIKE\"",
	    "sh", (char *)text, NULL};
	const char *mine[5] = {o->id, o->version_id, o->version_codename,
	    o->pretty_name, o->id_like};
	struct str s, line;
	int bad = 0;

	if (run_capture(argv, out, sizeof(out)) < 0) {
		T_OK(!"/bin/sh could not read the text");
		return;
	}
	s = str_from(out);
	for (int i = 0; i < 5; i++) {
		if (!str_next_line(&s, &line))
			line = STR("");
		if (!str_eq_cstr(line, mine[i] ? mine[i] : "")) {
			T_NOTE("%s: field %d: sh '%.*s', ward '%s'", what, i,
			    STR_FMT(line), mine[i] ? mine[i] : "");
			bad++;
		}
	}
	t_check(bad == 0, what, __FILE__, __LINE__);
}

static void
test_os_release(void)
{
	for (size_t i = 0; i < NELEM(os_cases); i++) {
		const struct os_case *c = &os_cases[i];
		struct os_info o = {0};
		struct fx f;
		int r;

		T_NOTE("os-release: %s", c->name);
		fx_init(&f, "etc/os-release");
		r = analyze_os_release(&f.ctx, str_from(c->text), &o, &f.err);
		T_EQ_INT(r, c->ret);
		/* err is filled exactly when the return is negative. */
		T_EQ_INT(f.err.code, r < 0 ? -r : 0);
		T_EQ_INT(f.warns.n, c->nwarn);
		if (r == 0) {
			check_os(&o, c);
			T_EQ_OPT(o.source, "etc/os-release");
		}
		if (c->sh)
			check_os_by_sh(c->text, &o, c->name);
		if (f.warns.n != c->nwarn)
			dump_warnings(&f);
		fx_fini(&f);
	}
}

/* The malformed case's warnings name their lines, 2 to 10. */
static void
test_os_release_lines(void)
{
	struct os_info o;
	struct fx f;
	char want[64];
	int missing = 0;

	fx_init(&f, "etc/os-release");
	T_EQ_INT(
	    analyze_os_release(&f.ctx, str_from(os_cases[6].text), &o, &f.err),
	    0);
	for (int line = 2; line <= 10; line++) {
		snprintf(want, sizeof(want), "etc/os-release: line %d: ", line);
		missing += !warned(&f, want);
	}
	T_EQ_INT(missing, 0);
	T_OK(warned(&f, "line 2: no '='"));
	T_OK(warned(&f, "line 3: unterminated quote"));
	fx_fini(&f);

	/* A NUL byte would cut the value short: the line is refused. */
	fx_init(&f, "etc/os-release");
	T_EQ_INT(analyze_os_release(&f.ctx, STR("ID=deb\0ian\n"), &o, &f.err),
	    -EBADMSG);
	T_OK(warned(&f, "line 1: NUL byte"));
	fx_fini(&f);
}

/* This host's own os-release, read by ward and by the shell. */
static void
test_os_release_host(void)
{
	static const char *paths[] = {"/etc/os-release", "/usr/lib/os-release"};

	for (size_t i = 0; i < NELEM(paths); i++) {
		struct os_info o = {0};
		size_t len;
		char *text = read_file(paths[i], OS_RELEASE_MAX, &len);
		struct fx f;

		if (!text) {
			T_SKIP("no os-release on this host");
			continue;
		}
		fx_init(&f, paths[i]);
		T_EQ_INT(
		    analyze_os_release(&f.ctx, str_make(text, len), &o, &f.err),
		    0);
		T_OK(o.id != NULL);
		T_EQ_INT(f.warns.n, 0);
		if (o.id && memchr(text, '\0', len) == NULL)
			check_os_by_sh(text, &o, paths[i]);
		fx_fini(&f);
		free(text);
	}
}

struct rel_case {
	int which; /* 0 alpine-release, 1 debian_version, 2 redhat-release */
	const char *text;
	int ret;
	const char *id, *version_id, *codename;
	size_t len; /* 0: strlen(text) */
};

static const struct rel_case rel_cases[] = {
    {0, "3.20.3\n", 0, "alpine", "3.20.3", NULL},
    {0, "3.7.3", 0, "alpine", "3.7.3", NULL}, /* no newline */
    {0, "  3.21_alpha20240807 \nsecond line\n", 0, "alpine",
	"3.21_alpha20240807", NULL},
    {0, "", -EBADMSG},
    {0, "\n3.20.3\n", -EBADMSG}, /* the first line decides */
    {0, "3.20 3\n", -EBADMSG},
    {0, "3.20\0.3\n", -EBADMSG, NULL, NULL, NULL, 8},
    {1, "12.5\n", 0, "debian", "12.5", NULL},
    {1, "7.11\n", 0, "debian", "7.11", NULL},
    /* Testing and unstable: a codename and no version yet. */
    {1, "bookworm/sid\n", 0, "debian", NULL, "bookworm"},
    {1, "trixie/sid\n", 0, "debian", NULL, "trixie"},
    {1, "sid\n", 0, "debian", NULL, "sid"},
    {1, "/sid\n", -EBADMSG},
    {1, "Bookworm/sid\n", -EBADMSG},
    {1, "bookworm/s d\n", -EBADMSG},
    {1, "\n", -EBADMSG},
    {2, "Red Hat Enterprise Linux release 8.9 (Ootpa)\n", 0, "rhel", "8.9",
	"Ootpa"},
    {2, "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n", 0, "rhel",
	"7.9", "Maipo"},
    {2, "CentOS Linux release 7.9.2009 (Core)\n", 0, "centos", "7.9.2009",
	"Core"},
    {2, "CentOS Stream release 9\n", 0, "centos", "9", NULL},
    {2, "Red Hat Enterprise Linux release 9.0 Beta (Plow)\n", 0, "rhel", "9.0",
	"Plow"},
    {2, "Fedora release 40 ()\n", 0, "fedora", "40", NULL},
    {2, "Fedora release 39 (Thirty Nine)\n", 0, "fedora", "39", "Thirty Nine"},
    {2, "Rocky Linux release 9.3 (Blue Onyx)\n", 0, "rocky", "9.3",
	"Blue Onyx"},
    {2, "AlmaLinux release 9.3 (Shamrock Pampas Cat)\n", 0, "almalinux", "9.3",
	"Shamrock Pampas Cat"},
    {2, "Ubuntu release 22.04 (Jammy)\n", -EBADMSG}, /* not a Red Hat */
    {2, "Fedoraish release 1 (x)\n", -EBADMSG},
    {2, "Fedora\n", -EBADMSG},
    {2, "Fedora release  (x)\n", -EBADMSG},
    {2, "", -EBADMSG},
};

static void
test_release_files(void)
{
	for (size_t i = 0; i < NELEM(rel_cases); i++) {
		const struct rel_case *c = &rel_cases[i];
		struct str text =
		    str_make(c->text, c->len ? c->len : strlen(c->text));
		struct os_info o = {0};
		struct fx f;
		int r;

		fx_init(&f, "etc/x-release");
		if (c->which == 0)
			r = analyze_os_alpine_release(&f.ctx, text, &o, &f.err);
		else if (c->which == 1)
			r = analyze_os_debian_version(&f.ctx, text, &o, &f.err);
		else
			r = analyze_os_redhat_release(&f.ctx, text, &o, &f.err);
		T_EQ_INT(r, c->ret);
		T_EQ_INT(f.err.code, r < 0 ? -r : 0);
		if (r == 0) {
			T_EQ_OPT(o.id, c->id);
			T_EQ_OPT(o.version_id, c->version_id);
			T_EQ_OPT(o.version_codename, c->codename);
			T_EQ_OPT(o.source, "etc/x-release");
		} else {
			T_NOTE("case %zu: %s", i, f.err.msg);
		}
		if (r == 0 && c->which == 2)
			T_OK(o.pretty_name &&
			    str_eq_cstr(
				str_trim(str_from(c->text)), o.pretty_name));
		fx_fini(&f);
	}
}

/* The size cap of the OS files: at it, and one byte over. */
static void
test_os_limits(void)
{
	char *buf = malloc(OS_RELEASE_MAX + 1);
	struct os_info o;
	struct fx f;

	if (!buf)
		abort();
	/* "ID=x\n" and then comment lines up to the cap. */
	memset(buf, '#', OS_RELEASE_MAX + 1);
	memcpy(buf, "ID=x\n", 5);
	for (size_t i = 100; i < OS_RELEASE_MAX; i += 100)
		buf[i] = '\n';
	fx_init(&f, "etc/os-release");
	T_EQ_INT(analyze_os_release(
		     &f.ctx, str_make(buf, OS_RELEASE_MAX), &o, &f.err),
	    0);
	T_EQ_INT(analyze_os_release(
		     &f.ctx, str_make(buf, OS_RELEASE_MAX + 1), &o, &f.err),
	    -EFBIG);
	T_EQ_INT(f.err.code, EFBIG);
	memcpy(buf, "3.20.3\n", 7);
	T_EQ_INT(analyze_os_alpine_release(
		     &f.ctx, str_make(buf, OS_RELEASE_MAX), &o, &f.err),
	    0);
	T_EQ_INT(analyze_os_alpine_release(
		     &f.ctx, str_make(buf, OS_RELEASE_MAX + 1), &o, &f.err),
	    -EFBIG);
	T_EQ_INT(analyze_os_debian_version(
		     &f.ctx, str_make(buf, OS_RELEASE_MAX + 1), &o, &f.err),
	    -EFBIG);
	T_EQ_INT(analyze_os_redhat_release(
		     &f.ctx, str_make(buf, OS_RELEASE_MAX + 1), &o, &f.err),
	    -EFBIG);
	fx_fini(&f);
	free(buf);
}

/* dpkg ----------------------------------------------------------------- */

/*
 * A status file with one stanza per case. Line numbers are in the
 * comments, because warnings name them.
 */
static const char dpkg_fixture[] =
    /* 1-20: libc6 for amd64, Source without a version, so the source
     * version is the binary Version. Installed-Size 12985 KiB =
     * 13296640 bytes. Conffiles and Description continue over lines. */
    "Package: libc6\n"
    "Status: install ok installed\n"
    "Priority: optional\n"
    "Section: libs\n"
    "Installed-Size: 12985\n"
    "Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n"
    "Architecture: amd64\n"
    "Multi-Arch: same\n"
    "Source: glibc\n"
    "Version: 2.36-9+deb12u4\n"
    "Depends: libgcc-s1\n"
    "Conffiles:\n"
    " /etc/ld.so.conf.d/x86_64-linux-gnu.conf d4e7a7b88a71b5ffd9e2644e71\n"
    "Description: GNU C Library: Shared libraries\n"
    " Contains the standard libraries that are used by nearly all programs\n"
    " on the system.\n"
    " .\n"
    "\tPackage: not-a-field (a continuation line that looks like one)\n"
    "Homepage: https://www.gnu.org/software/libc/libc.html\n"
    "\n"
    /* 21-28: the same package for i386 (multi-arch): a second entry. */
    "Package: libc6\n"
    "Status: install ok installed\n"
    "Architecture: i386\n"
    "Multi-Arch: same\n"
    "Source: glibc\n"
    "Version: 2.36-9+deb12u4\n"
    "Installed-Size: 11000\n"
    "\n"
    /* 29-35: a binNMU: "Source: openssl (3.0.11-1~deb12u2)" gives the
     * source version, which differs from the binary's "+b1". */
    "Package: libssl3\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Source: openssl (3.0.11-1~deb12u2)\n"
    "Version: 3.0.11-1~deb12u2+b1\n"
    "Installed-Size: 6148\n"
    "\n"
    /* 36-42: removed, its conffiles kept: config-files, not counted. */
    "Package: oldpkg\n"
    "Status: deinstall ok config-files\n"
    "Architecture: amd64\n"
    "Version: 1.0-1\n"
    "Conffiles:\n"
    " /etc/oldpkg.conf 0123456789abcdef0123456789abcdef\n"
    "\n"
    /* 43-47: half-installed: not counted. */
    "Package: halfpkg\n"
    "Status: install reinstreq half-installed\n"
    "Architecture: amd64\n"
    "Version: 2.0-1\n"
    "\n"
    /* 48-51: purged, kept for its selection, no Version: not counted, and
     * no warning, since a package that is not installed has none. */
    "Package: gone\n"
    "Status: purge ok not-installed\n"
    "Architecture: amd64\n"
    "\n"
    /* 52-57: field names in any case; "hold" is still installed. */
    "package: bash\n"
    "STATUS: hold ok installed\n"
    "version: 5.2.15-2+b2\n"
    "ARCHITECTURE: amd64\n"
    "installed-size: 7164\n"
    "\n"
    /* 58-61: no Version: a warning naming line 58, and skipped. */
    "Package: noversion\n"
    "Status: install ok installed\n"
    "Architecture: all\n"
    "\n"
    /* 62-67: dpkg prints "0:1.2-3" as "1.2-3" and the Source version
     * "01:0.5" as "1:0.5" (the epoch is a number). */
    "Package: zeroepoch\n"
    "Status: install ok installed\n"
    "Architecture: all\n"
    "Version: 0:1.2-3\n"
    "Source: zsrc (01:0.5)\n"
    "\n"
    /* 68-73: an epoch kept; line 70 has no colon (a warning). */
    "Package: vim-common\n"
    "Version: 2:9.0.1378-2\n"
    "this line has no colon\n"
    "Status: install ok installed\n"
    "Architecture: all\n"
    "\n"
    /* 74-79: 2^54 KiB is 2^64 bytes, one too many: a warning and 0; the
     * second Installed-Size is a warning too (line 78). */
    "Package: huge\n"
    "Status: install ok installed\n"
    "Version: 1\n"
    "Installed-Size: 18014398509481984\n"
    "Installed-Size: 5\n"
    "\n"
    /* 80-82: "Status: installed" is not three words: a warning. */
    "Package: shortstatus\n"
    "Version: 1\n"
    "Status: installed\n"
    /* 83-84: a continuation line with no field before it (line 84). */
    "\n"
    " orphan continuation\n"
    /* 85-88: the last stanza, no blank line or newline after it. */
    "\n"
    "Package: tail\n"
    "Version: 3\n"
    "Status: install ok installed";

struct dpkg_want {
	const char *name, *arch, *version, *src_name, *src_version, *maint;
	uint64_t size;
};

static const struct dpkg_want dpkg_wants[] = {
    {"libc6", "amd64", "2.36-9+deb12u4", "glibc", "2.36-9+deb12u4",
	"GNU Libc Maintainers <debian-glibc@lists.debian.org>",
	12985ull * 1024},
    {"libc6", "i386", "2.36-9+deb12u4", "glibc", "2.36-9+deb12u4", NULL,
	11000ull * 1024},
    {"libssl3", "amd64", "3.0.11-1~deb12u2+b1", "openssl", "3.0.11-1~deb12u2",
	NULL, 6148ull * 1024},
    {"bash", "amd64", "5.2.15-2+b2", "bash", "5.2.15-2+b2", NULL,
	7164ull * 1024},
    {"zeroepoch", "all", "1.2-3", "zsrc", "1:0.5", NULL, 0},
    {"vim-common", "all", "2:9.0.1378-2", "vim-common", "2:9.0.1378-2", NULL,
	0},
    {"huge", NULL, "1", "huge", "1", NULL, 0},
    {"tail", NULL, "3", "tail", "3", NULL, 0},
};

static const char *const dpkg_warns[] = {
    "status: line 58: package 'noversion' has no Version, skipping",
    "status: line 70: no ':' in line, skipping",
    "status: line 74: Installed-Size is not a size in KiB",
    "status: line 78: second Installed-Size field",
    "status: line 80: Status is not 'want flag status', skipping",
    "status: line 84: continuation line outside a field",
};

static void
check_dpkg_fixture(const char *text, size_t len, const char *what)
{
	struct fx f;
	int missing = 0;

	T_NOTE("dpkg fixture: %s", what);
	fx_init(&f, "var/lib/dpkg/status");
	T_EQ_INT(analyze_dpkg_status(&f.ctx, str_make(text, len), &f.err), 0);
	T_EQ_INT(f.err.code, 0);
	T_EQ_INT(f.pkgs.n, NELEM(dpkg_wants));
	for (size_t i = 0; i < NELEM(dpkg_wants); i++) {
		const struct dpkg_want *w = &dpkg_wants[i];
		const struct pkg *p = find_pkg(&f, w->name, w->arch);

		if (!p) {
			T_OK(!"package missing");
			T_NOTE("missing %s:%s", w->name, w->arch);
			continue;
		}
		T_EQ_INT(p->type, PKG_DEB);
		T_EQ_OPT(p->version, w->version);
		T_EQ_OPT(p->src_name, w->src_name);
		T_EQ_OPT(p->src_version, w->src_version);
		T_EQ_OPT(p->maintainer, w->maint);
		T_EQ_INT(p->installed_size, w->size);
		T_EQ_INT(p->layer, 2);
		T_EQ_OPT(p->db_path, "var/lib/dpkg/status");
		T_EQ_INT(p->epoch, -1);
	}
	/* Not installed, or skipped with a warning. */
	T_OK(!find_pkg(&f, "oldpkg", NULL) && !find_pkg(&f, "halfpkg", NULL));
	T_OK(!find_pkg(&f, "gone", NULL) && !find_pkg(&f, "noversion", NULL));
	T_OK(!find_pkg(&f, "shortstatus", NULL));
	T_EQ_INT(f.warns.n, NELEM(dpkg_warns));
	for (size_t i = 0; i < NELEM(dpkg_warns); i++) {
		if (!warned(&f, dpkg_warns[i])) {
			T_NOTE("missing warning: %s", dpkg_warns[i]);
			missing++;
		}
	}
	T_EQ_INT(missing, 0);
	if (missing || f.warns.n != NELEM(dpkg_warns))
		dump_warnings(&f);
	fx_fini(&f);
}

/*
 * A distroless var/lib/dpkg/status.d/ file: one package, no Status field
 * (so installed), Source without a version.
 */
static const char distroless_libssl3[] =
    "Package: libssl3\n"
    "Version: 3.0.15-1~deb12u1\n"
    "Architecture: amd64\n"
    "Maintainer: Debian OpenSSL Team "
    "<pkg-openssl-devel@alioth-lists.debian.net>\n"
    "Installed-Size: 6203\n"
    "Depends: libc6 (>= 2.34)\n"
    "Section: libs\n"
    "Priority: optional\n"
    "Multi-Arch: same\n"
    "Homepage: https://www.openssl.org/\n"
    "Source: openssl\n"
    "Description: Secure Sockets Layer toolkit - shared libraries\n"
    " This package is part of the OpenSSL project's implementation of the\n"
    " SSL and TLS cryptographic protocols for secure communication over the\n"
    " Internet.\n"
    " .\n"
    " It provides the libssl and libcrypto shared libraries.\n";

static void
test_dpkg(void)
{
	size_t len;
	char *crlf = to_crlf(dpkg_fixture, &len);
	const struct pkg *p;
	struct fx f;

	check_dpkg_fixture(dpkg_fixture, sizeof(dpkg_fixture) - 1, "LF");
	check_dpkg_fixture(crlf, len, "CRLF");
	free(crlf);

	fx_init(&f, "var/lib/dpkg/status.d/libssl3");
	T_EQ_INT(
	    analyze_dpkg_status(&f.ctx, STR(distroless_libssl3), &f.err), 0);
	T_EQ_INT(f.pkgs.n, 1);
	T_EQ_INT(f.warns.n, 0);
	p = find_pkg(&f, "libssl3", "amd64");
	T_OK(p != NULL);
	if (p) {
		T_EQ_OPT(p->version, "3.0.15-1~deb12u1");
		T_EQ_OPT(p->src_name, "openssl");
		T_EQ_OPT(p->src_version, "3.0.15-1~deb12u1");
		T_EQ_INT(p->installed_size, 6203ull * 1024);
		T_EQ_OPT(p->db_path, "var/lib/dpkg/status.d/libssl3");
	}
	fx_fini(&f);

	/* "Source: s ()": dpkg-query would fail; ward warns, uses Version. */
	fx_init(&f, "s");
	T_EQ_INT(analyze_dpkg_status(&f.ctx,
		     STR("Package: e\nVersion: 1\nSource: s ()\n"), &f.err),
	    0);
	T_EQ_INT(f.pkgs.n, 1);
	if (f.pkgs.n) {
		T_EQ_OPT(f.pkgs.v[0].src_name, "s");
		T_EQ_OPT(f.pkgs.v[0].src_version, "1");
	}
	T_OK(warned(&f, "s: line 1: empty version in Source"));
	fx_fini(&f);

	/* An empty file and a file of blank lines hold no packages. */
	fx_init(&f, "s");
	T_EQ_INT(analyze_dpkg_status(&f.ctx, STR(""), &f.err), 0);
	T_EQ_INT(analyze_dpkg_status(&f.ctx, STR("\n \n\t\n\r\n"), &f.err), 0);
	T_EQ_INT(f.pkgs.n, 0);
	T_EQ_INT(f.warns.n, 0);
	fx_fini(&f);
}

/* One line of dpkg-query's output: the fields in the -f format below. */
enum {
	Q_STATUS,
	Q_PACKAGE,
	Q_VERSION,
	Q_SRC,
	Q_SRCVER,
	Q_ARCH,
	Q_SIZE,
	Q_MAINT,
	Q_COUNT
};

static int
compare_dpkg_line(const struct fx *f, struct str line)
{
	struct str q[Q_COUNT];
	const struct pkg *p = NULL;
	uint64_t kib = 0;
	int bad = 0;

	for (int i = 0; i < Q_COUNT; i++)
		str_cut(&line, '\t', &q[i]);
	if (!str_eq_cstr(q[Q_STATUS], "installed"))
		return -1;
	for (size_t i = 0; i < f->pkgs.n && !p; i++)
		if (str_eq_cstr(q[Q_PACKAGE], f->pkgs.v[i].name) &&
		    str_eq_cstr(
			q[Q_ARCH], f->pkgs.v[i].arch ? f->pkgs.v[i].arch : ""))
			p = &f->pkgs.v[i];
	if (!p) {
		T_NOTE("dpkg-query has %.*s:%.*s, ward does not",
		    STR_FMT(q[Q_PACKAGE]), STR_FMT(q[Q_ARCH]));
		return 1;
	}
	if (q[Q_SIZE].len)
		(void)parse_u64(q[Q_SIZE], UINT64_MAX / 1024, &kib);
	bad |= !str_eq_cstr(q[Q_VERSION], p->version);
	bad |= !str_eq_cstr(q[Q_SRC], p->src_name);
	bad |= !str_eq_cstr(q[Q_SRCVER], p->src_version);
	bad |= !str_eq_cstr(q[Q_MAINT], p->maintainer ? p->maintainer : "");
	bad |= kib * 1024 != p->installed_size;
	if (bad)
		T_NOTE("differs: %s: dpkg-query %.*s %.*s %.*s, ward %s %s %s",
		    p->name, STR_FMT(q[Q_VERSION]), STR_FMT(q[Q_SRC]),
		    STR_FMT(q[Q_SRCVER]), p->version, p->src_name,
		    p->src_version);
	return bad;
}

/*
 * dpkg-query's listing of this host's database. Returns a heap string, or
 * NULL when dpkg-query is not here or fails.
 */
static char *
dpkg_query(void)
{
	static const size_t out_max = 64u << 20;
	char *argv[] = {"/usr/bin/dpkg-query", "-W", "-f",
	    "${db:Status-Status}\t${Package}\t${Version}\t${source:Package}\t"
	    "${source:Version}\t${Architecture}\t${Installed-Size}\t"
	    "${Maintainer}\n",
	    NULL};
	char *out;

	if (access(argv[0], X_OK) != 0)
		return NULL;
	out = malloc(out_max);
	if (!out)
		abort();
	if (run_capture(argv, out, out_max) < 0) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * This host's dpkg database, read by ward and by dpkg-query: the same set
 * of installed packages, with the same versions, source names and
 * versions, architectures, sizes and maintainers. dpkg-query runs before
 * and after the file is read, so a package installed meanwhile skips the
 * test instead of failing it.
 */
static void
test_dpkg_host(void)
{
	char *text = NULL, *out = dpkg_query(), *again = NULL;
	size_t len, installed = 0, bad = 0;
	struct str s, line;
	struct fx f;

	if (out)
		text = read_file("/var/lib/dpkg/status", PKG_DB_MAX, &len);
	if (text)
		again = dpkg_query();
	if (!again || strcmp(out, again) != 0) {
		T_SKIP(again ? "the dpkg database changed during the test"
			     : "no dpkg database or dpkg-query on this host");
		goto done;
	}
	fx_init(&f, "/var/lib/dpkg/status");
	T_EQ_INT(analyze_dpkg_status(&f.ctx, str_make(text, len), &f.err), 0);
	T_EQ_INT(f.warns.n, 0);
	dump_warnings(&f);
	s = str_from(out);
	while (str_next_line(&s, &line)) {
		int r = compare_dpkg_line(&f, line);

		installed += r >= 0;
		bad += r > 0;
	}
	T_NOTE("host: dpkg-query lists %zu installed packages, ward %zu",
	    installed, f.pkgs.n);
	T_OK(installed > 0);
	T_EQ_INT(bad, 0);
	/* Every dpkg-query entry matched a distinct package (name and arch
	 * are unique in a dpkg database): equal counts mean equal sets. */
	T_EQ_INT(f.pkgs.n, installed);
	fx_fini(&f);
done:
	free(again);
	free(text);
	free(out);
}

/* apk ------------------------------------------------------------------ */

static const char apk_fixture[] =
    /* 1-22: musl with every field we keep, and file lines around them. */
    "C:Q1jX1v8DZxl0QDqGnNEMFo7z2Mqmc=\n"
    "P:musl\n"
    "V:1.2.5-r0\n"
    "A:x86_64\n"
    "S:411323\n"
    "I:667648\n"
    "T:the musl c library (libc) implementation\n"
    "U:https://musl.libc.org/\n"
    "L:MIT\n"
    "o:musl\n"
    "m:Natanael Copa <ncopa@alpinelinux.org>\n"
    "t:1712054233\n"
    "c:6d3b47c4e6d1a2f8d0d4d2b0d4e1bfcd7b18c7a0\n"
    "p:so:libc.musl-x86_64.so.1=1\n"
    "F:lib\n"
    "R:ld-musl-x86_64.so.1\n"
    "a:0:0:755\n"
    "Z:Q1ofXg33+Y4UfXbYcKflDrSaxhU4E=\n"
    "R:libc.musl-x86_64.so.1\n"
    "a:0:0:777\n"
    "Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=\n"
    "\n"
    /* 23-28: no o: line, so the origin is the package itself. */
    "P:busybox-binsh\n"
    "V:1.36.1-r29\n"
    "A:x86_64\n"
    "I:8192\n"
    "L:GPL-2.0-only\n"
    "\n"
    /* 29-31: no V: a warning naming line 29, and skipped. */
    "P:noversion\n"
    "A:x86_64\n"
    "\n"
    /* 32: not a K:value line. */
    "this is junk\n"
    /* 33-36: the last record, no blank line or newline after it; its I:
     * is not a number (a warning at the record's line, 33). */
    "P:last\n"
    "V:1-r0\n"
    "o:lastsrc\n"
    "I:12ab";

struct apk_want {
	const char *name, *version, *arch, *origin, *license, *maint;
	uint64_t size;
};

static void
check_apk(const struct fx *f, const struct apk_want *w)
{
	const struct pkg *p = find_pkg(f, w->name, NULL);

	if (!p) {
		T_OK(!"package missing");
		T_NOTE("missing %s", w->name);
		return;
	}
	T_EQ_INT(p->type, PKG_APK);
	T_EQ_OPT(p->version, w->version);
	T_EQ_OPT(p->arch, w->arch);
	T_EQ_OPT(p->src_name, w->origin);
	T_EQ_OPT(p->src_version, w->version);
	T_EQ_OPT(p->license, w->license);
	T_EQ_OPT(p->maintainer, w->maint);
	T_EQ_INT(p->installed_size, w->size);
}

static void
check_apk_fixture(const char *text, size_t len, const char *what)
{
	static const struct apk_want wants[] = {
	    {"musl", "1.2.5-r0", "x86_64", "musl", "MIT",
		"Natanael Copa <ncopa@alpinelinux.org>", 667648},
	    {"busybox-binsh", "1.36.1-r29", "x86_64", "busybox-binsh",
		"GPL-2.0-only", NULL, 8192},
	    {"last", "1-r0", NULL, "lastsrc", NULL, NULL, 0},
	};
	struct fx f;

	T_NOTE("apk fixture: %s", what);
	fx_init(&f, "lib/apk/db/installed");
	T_EQ_INT(analyze_apk_installed(&f.ctx, str_make(text, len), &f.err), 0);
	T_EQ_INT(f.pkgs.n, NELEM(wants));
	for (size_t i = 0; i < NELEM(wants); i++)
		check_apk(&f, &wants[i]);
	T_OK(!find_pkg(&f, "noversion", NULL));
	T_EQ_INT(f.warns.n, 3);
	T_OK(warned(&f, "installed: line 29: record without V: (version)"));
	T_OK(warned(&f, "installed: line 32: not a 'K:value' line"));
	T_OK(warned(&f, "installed: line 33: I: is not a size in bytes"));
	dump_warnings(&f);
	fx_fini(&f);
}

static void
test_apk(void)
{
	size_t len;
	char *crlf = to_crlf(apk_fixture, &len);
	struct fx f;

	check_apk_fixture(apk_fixture, sizeof(apk_fixture) - 1, "LF");
	check_apk_fixture(crlf, len, "CRLF");
	free(crlf);

	/* Two records run together: the second P: wins, as in apk. */
	fx_init(&f, "installed");
	T_EQ_INT(
	    analyze_apk_installed(&f.ctx, STR("P:a\nV:1\nP:b\nV:2\n"), &f.err),
	    0);
	T_EQ_INT(f.pkgs.n, 1);
	T_OK(find_pkg(&f, "b", NULL) != NULL);
	T_OK(warned(&f, "line 3: second P: in one record"));
	T_OK(warned(&f, "line 4: second V: in one record"));
	fx_fini(&f);
}

/*
 * The Alpine minirootfs tarballs. Their package count is the number of
 * lines that start with "P:" (counted here, and with grep -c '^P:'), and
 * five packages of each were read by eye from lib/apk/db/installed.
 */
struct alpine_case {
	const char *version;
	size_t npkgs;
	struct apk_want spot[5];
};

static const struct alpine_case alpine_cases[] = {
    {"3.7.3", 13,
	{
	    {"musl", "1.1.18-r3", "x86_64", "musl", "MIT",
		"Timo Ter\xc3\xa4s <timo.teras@iki.fi>", 581632},
	    {"libressl2.6-libcrypto", "2.6.5-r0", "x86_64", "libressl",
		"custom", "Orion <systmkor@gmail.com>", 1953792},
	    {"ssl_client", "1.27.2-r11", "x86_64", "busybox", "GPL2",
		"Natanael Copa <ncopa@alpinelinux.org>", 24576},
	    {"scanelf", "1.2.2-r1", "x86_64", "pax-utils", "GPL2",
		"Natanael Copa <ncopa@alpinelinux.org>", 90112},
	    {"musl-utils", "1.1.18-r3", "x86_64", "musl", "MIT BSD GPL2+",
		"Timo Ter\xc3\xa4s <timo.teras@iki.fi>", 122880},
	}},
    {"3.10.9", 14,
	{
	    {"busybox", "1.30.1-r5", "x86_64", "busybox", "GPL-2.0",
		"Natanael Copa <ncopa@alpinelinux.org>", 942080},
	    {"libcrypto1.1", "1.1.1k-r0", "x86_64", "openssl", "OpenSSL",
		"Timo Teras <timo.teras@iki.fi>", 2756608},
	    {"ca-certificates-cacert", "20191127-r2", "x86_64",
		"ca-certificates", "MPL-2.0 GPL-2.0-or-later",
		"Natanael Copa <ncopa@alpinelinux.org>", 245760},
	    /* The one package in these four with no m: line. */
	    {"libtls-standalone", "2.9.1-r0", "x86_64", "libtls-standalone",
		"ISC", NULL, 110592},
	    {"libc-utils", "0.7.1-r0", "x86_64", "libc-dev", "BSD",
		"Natanael Copa <ncopa@alpinelinux.org>", 4096},
	}},
    {"3.18.9", 15,
	{
	    {"alpine-baselayout-data", "3.4.3-r1", "x86_64",
		"alpine-baselayout", "GPL-2.0-only",
		"Natanael Copa <ncopa@alpinelinux.org>", 77824},
	    {"busybox-binsh", "1.36.1-r7", "x86_64", "busybox", "GPL-2.0-only",
		"S\xc3\xb6ren Tempel <soeren+alpine@soeren-tempel.net>", 8192},
	    {"libcrypto3", "3.1.7-r0", "x86_64", "openssl", "Apache-2.0",
		"Ariadne Conill <ariadne@dereferenced.org>", 4587520},
	    {"musl-utils", "1.2.4-r2", "x86_64", "musl",
		"MIT AND BSD-2-Clause AND GPL-2.0-or-later",
		"Timo Ter\xc3\xa4s <timo.teras@iki.fi>", 135168},
	    {"zlib", "1.2.13-r1", "x86_64", "zlib", "Zlib",
		"Natanael Copa <ncopa@alpinelinux.org>", 110592},
	}},
    {"3.20.3", 14,
	{
	    {"apk-tools", "2.14.4-r0", "x86_64", "apk-tools", "GPL-2.0-only",
		"Natanael Copa <ncopa@alpinelinux.org>", 303104},
	    {"ca-certificates-bundle", "20240705-r0", "x86_64",
		"ca-certificates", "MPL-2.0 AND MIT",
		"Natanael Copa <ncopa@alpinelinux.org>", 241664},
	    {"libssl3", "3.3.2-r0", "x86_64", "openssl", "Apache-2.0",
		"Natanael Copa <ncopa@alpinelinux.org>", 815104},
	    {"scanelf", "1.3.7-r2", "x86_64", "pax-utils", "GPL-2.0-only",
		"Natanael Copa <ncopa@alpinelinux.org>", 81920},
	    {"ssl_client", "1.36.1-r29", "x86_64", "busybox", "GPL-2.0-only",
		"S\xc3\xb6ren Tempel <soeren+alpine@soeren-tempel.net>", 28672},
	}},
};

/* Lines that start with "P:", counted without the parser. */
static size_t
count_p_lines(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i + 1 < len; i++)
		if ((i == 0 || text[i - 1] == '\n') && text[i] == 'P' &&
		    text[i + 1] == ':')
			n++;
	return n;
}

static void
check_alpine_os(const char *tarball, const char *version)
{
	struct os_info o = {0};
	size_t len;
	char *text;
	struct fx f;

	fx_init(&f, "etc/os-release");
	text = tar_extract(tarball, "etc/os-release", &len);
	T_OK(text != NULL);
	if (text) {
		T_EQ_INT(
		    analyze_os_release(&f.ctx, str_make(text, len), &o, &f.err),
		    0);
		T_EQ_OPT(o.id, "alpine");
		T_EQ_OPT(o.version_id, version);
		T_EQ_INT(f.warns.n, 0);
	}
	free(text);
	text = tar_extract(tarball, "etc/alpine-release", &len);
	T_OK(text != NULL);
	if (text) {
		T_EQ_INT(analyze_os_alpine_release(
			     &f.ctx, str_make(text, len), &o, &f.err),
		    0);
		T_EQ_OPT(o.version_id, version);
	}
	free(text);
	fx_fini(&f);
}

static void
test_apk_alpine(void)
{
	for (size_t i = 0; i < NELEM(alpine_cases); i++) {
		const struct alpine_case *c = &alpine_cases[i];
		char tarball[512];
		size_t len;
		char *text;
		struct fx f;
		bool arch_ok = true;

		snprintf(tarball, sizeof(tarball),
		    SHARED "/data/images/alpine-minirootfs-%s-x86_64.tar.gz",
		    c->version);
		if (access(tarball, R_OK) != 0) {
			T_SKIP("../shared/data/images is not here");
			continue;
		}
		T_NOTE("alpine %s", c->version);
		text = tar_extract(tarball, "lib/apk/db/installed", &len);
		T_OK(text != NULL);
		if (!text)
			continue;
		fx_init(&f, "lib/apk/db/installed");
		T_EQ_INT(
		    analyze_apk_installed(&f.ctx, str_make(text, len), &f.err),
		    0);
		T_EQ_INT(f.warns.n, 0);
		T_EQ_INT(count_p_lines(text, len), c->npkgs);
		T_EQ_INT(f.pkgs.n, c->npkgs);
		for (size_t j = 0; j < f.pkgs.n; j++)
			arch_ok &= f.pkgs.v[j].arch &&
			    strcmp(f.pkgs.v[j].arch, "x86_64") == 0;
		T_OK(arch_ok);
		for (size_t j = 0; j < NELEM(c->spot); j++)
			check_apk(&f, &c->spot[j]);
		fx_fini(&f);
		free(text);
		check_alpine_os(tarball, c->version);
	}
}

/* hostile input ---------------------------------------------------------- */

static int
os_release_db(struct analyze_ctx *ctx, struct str text, struct ward_err *err)
{
	struct os_info o;

	return analyze_os_release(ctx, text, &o, err);
}

/*
 * Every prefix of each fixture, in a heap block of exactly its length:
 * no crash, no read past the end, and only the errors the contract names.
 */
static void
test_truncation(void)
{
	static const struct {
		const char *name;
		const char *text;
		size_t len;
		int (*fn)(struct analyze_ctx *, struct str, struct ward_err *);
	} cases[] = {
	    {"os-release", NULL, 0, os_release_db},
	    {"dpkg", dpkg_fixture, sizeof(dpkg_fixture) - 1,
		analyze_dpkg_status},
	    {"apk", apk_fixture, sizeof(apk_fixture) - 1,
		analyze_apk_installed},
	};

	for (size_t i = 0; i < NELEM(cases); i++) {
		const char *text =
		    cases[i].text ? cases[i].text : os_cases[5].text;
		size_t len = cases[i].text ? cases[i].len : strlen(text);
		size_t bad = 0;

		for (size_t k = 0; k <= len; k++) {
			char *c = exact_copy(text, k);
			struct fx f;
			int r;

			fx_init(&f, "t");
			r = cases[i].fn(&f.ctx, str_make(c, k), &f.err);
			bad += r != 0 && r != -EBADMSG;
			bad += (r < 0) != (f.err.code != 0);
			for (size_t j = 0; j < f.pkgs.n; j++)
				bad += !f.pkgs.v[j].name ||
				    !f.pkgs.v[j].version ||
				    !f.pkgs.v[j].src_name;
			fx_fini(&f);
			free(c);
		}
		t_check(bad == 0, cases[i].name, __FILE__, __LINE__);
	}
}

/* A million lines of junk: fast, no packages, warnings capped. */
static void
test_apk_junk(void)
{
	const size_t lines = 1000000;
	static const char junk[] = "xx:y \xff\xfe junk\n";
	size_t one = sizeof(junk) - 1, len = lines * one;
	char *buf = malloc(len + 32);
	struct fx f;

	if (!buf)
		abort();
	for (size_t i = 0; i < lines; i++)
		memcpy(buf + i * one, junk, one);
	fx_init(&f, "installed");
	T_EQ_INT(analyze_apk_installed(&f.ctx, str_make(buf, len), &f.err), 0);
	T_EQ_INT(f.pkgs.n, 0);
	T_EQ_INT(f.warns.n, WARNINGS_MAX);
	T_EQ_INT(f.warns.dropped, lines - WARNINGS_MAX);
	fx_fini(&f);
	/* A real record after the junk is still found. */
	memcpy(buf + len, "\nP:ok\nV:1-r0\n", 13);
	fx_init(&f, "installed");
	T_EQ_INT(
	    analyze_apk_installed(&f.ctx, str_make(buf, len + 13), &f.err), 0);
	T_EQ_INT(f.pkgs.n, 1);
	T_OK(find_pkg(&f, "ok", NULL) != NULL);
	fx_fini(&f);
	free(buf);
}

/*
 * A line of exactly PKGDB_LINE_MAX bytes is read; one byte more is a
 * warning. The line is a name field, so the longer one also leaves its
 * record without a name.
 */
static void
test_line_limit(void)
{
	size_t max = PKGDB_LINE_MAX, len;
	char *buf = malloc(max + 64);
	struct fx f;

	if (!buf)
		abort();
	for (size_t extra = 0; extra <= 1; extra++) {
		/* "Package: xxx...x" of max + extra bytes. */
		len = max + extra;
		memset(buf, 'x', len);
		memcpy(buf, "Package: ", 9);
		memcpy(buf + len, "\nVersion: 1\n", 12);
		fx_init(&f, "status");
		T_EQ_INT(analyze_dpkg_status(
			     &f.ctx, str_make(buf, len + 12), &f.err),
		    0);
		T_EQ_INT(f.pkgs.n, extra ? 0 : 1);
		if (f.pkgs.n)
			T_EQ_INT(strlen(f.pkgs.v[0].name), max - 9);
		T_EQ_INT(warned(&f, "line 1: line longer than"), extra);
		T_EQ_INT(warned(&f, "line 2: stanza without Package"), extra);
		fx_fini(&f);

		memset(buf, 'y', len);
		memcpy(buf, "P:", 2);
		memcpy(buf + len, "\nV:1\n", 5);
		fx_init(&f, "installed");
		T_EQ_INT(analyze_apk_installed(
			     &f.ctx, str_make(buf, len + 5), &f.err),
		    0);
		T_EQ_INT(f.pkgs.n, extra ? 0 : 1);
		T_EQ_INT(warned(&f, "line 1: line longer than"), extra);
		T_EQ_INT(warned(&f, "line 2: record without P:"), extra);
		fx_fini(&f);
	}
	free(buf);
}

/* A Description of 100,000 continuation lines is passed over. */
static void
test_dpkg_continuations(void)
{
	static const char head[] = "Package: big\nVersion: 1\n"
				   "Description: many lines\n";
	static const char cont[] = " more description text\n";
	const size_t n = 100000;
	size_t len = sizeof(head) - 1 + n * (sizeof(cont) - 1);
	char *buf = malloc(len + 64), *p = buf;
	struct fx f;

	if (!buf)
		abort();
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	for (size_t i = 0; i < n; i++, p += sizeof(cont) - 1)
		memcpy(p, cont, sizeof(cont) - 1);
	memcpy(p, "Architecture: all\n", 18);
	fx_init(&f, "status");
	T_EQ_INT(
	    analyze_dpkg_status(&f.ctx, str_make(buf, len + 18), &f.err), 0);
	T_EQ_INT(f.pkgs.n, 1);
	T_EQ_INT(f.warns.n, 0);
	/* The field after the long one is still read. */
	T_OK(find_pkg(&f, "big", "all") != NULL);
	fx_fini(&f);
	free(buf);
}

/* NUL bytes and invalid UTF-8. */
static void
test_bytes(void)
{
	struct fx f;

	/* A NUL in a kept value refuses the line: no name, so skipped. */
	fx_init(&f, "status");
	T_EQ_INT(analyze_dpkg_status(&f.ctx,
		     STR("Package: fo\0o\nVersion: 1\n\n"
			 "Package: ok\nVersion: 1\nDescription: a\0b\n"),
		     &f.err),
	    0);
	T_EQ_INT(f.pkgs.n, 1);
	T_OK(find_pkg(&f, "ok", NULL) != NULL);
	T_OK(warned(&f, "line 1: NUL byte in Package"));
	fx_fini(&f);

	fx_init(&f, "installed");
	T_EQ_INT(analyze_apk_installed(&f.ctx,
		     STR("P:a\0b\nV:1\n\nP:ok\nV:1\nT:x\0y\n\n\0\n"), &f.err),
	    0);
	T_EQ_INT(f.pkgs.n, 1);
	T_OK(warned(&f, "line 1: NUL byte in value"));
	T_OK(warned(&f, "line 8: not a 'K:value' line"));
	fx_fini(&f);

	/* Invalid UTF-8 is kept as bytes, and escaped in warnings. */
	fx_init(&f, "status");
	T_EQ_INT(analyze_dpkg_status(&f.ctx,
		     STR("Package: caf\xe9\xff\nVersion: 1\n\n"
			 "Package: bad\x1b[31m\n"),
		     &f.err),
	    0);
	T_EQ_INT(f.pkgs.n, 1);
	T_OK(find_pkg(&f, "caf\xe9\xff", NULL) != NULL);
	T_OK(warned(&f, "package 'bad\\x1b[31m' has no Version"));
	fx_fini(&f);
}

/* Records of "P:a\nV:1\n\n" or "Package: a\nVersion: 1\n\n", n times. */
static char *
many_records(bool dpkg, size_t n, size_t *len)
{
	const char *rec = dpkg ? "Package: a\nVersion: 1\n\n" : "P:a\nV:1\n\n";
	size_t one = strlen(rec);
	char *buf = malloc(n * one);

	if (!buf)
		abort();
	for (size_t i = 0; i < n; i++)
		memcpy(buf + i * one, rec, one);
	*len = n * one;
	return buf;
}

/*
 * PKGS_MAX packages in one file: just under and at the cap are read,
 * one over is -EFBIG, and the list is left as it was before the call.
 */
static void
test_pkgs_limit(void)
{
	for (int dpkg = 0; dpkg <= 1; dpkg++) {
		int (*fn)(struct analyze_ctx *, struct str, struct ward_err *) =
		    dpkg ? analyze_dpkg_status : analyze_apk_installed;
		size_t len, one;
		char *buf = many_records(dpkg, PKGS_MAX + 1, &len);

		one = len / (PKGS_MAX + 1);
		for (size_t n = PKGS_MAX - 1; n <= PKGS_MAX + 1; n++) {
			struct fx f;
			int r;

			fx_init(&f, dpkg ? "status" : "installed");
			analyze_pkg_add(&f.ctx)->name = "before";
			r = fn(&f.ctx, str_make(buf, n * one), &f.err);
			T_EQ_INT(r, n <= PKGS_MAX ? 0 : -EFBIG);
			T_EQ_INT(f.err.code, n <= PKGS_MAX ? 0 : EFBIG);
			T_EQ_INT(f.pkgs.n, n <= PKGS_MAX ? n + 1 : 1);
			if (r < 0)
				T_NOTE("%s", f.err.msg);
			fx_fini(&f);
		}
		free(buf);
	}
}

/*
 * PKG_DB_MAX: a file of that many bytes is read (here all NUL bytes, one
 * over-long line), one byte more is -EFBIG before any of it is read. The
 * bytes are an anonymous mapping, so they cost no memory.
 */
static void
test_db_size_limit(void)
{
	size_t len = (size_t)PKG_DB_MAX + 1;
	char *map = mmap(NULL, len, PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	int (*fns[])(struct analyze_ctx *, struct str, struct ward_err *) = {
	    analyze_dpkg_status, analyze_apk_installed};

	if (map == MAP_FAILED) {
		T_SKIP("cannot map PKG_DB_MAX bytes");
		return;
	}
	for (size_t i = 0; i < NELEM(fns); i++) {
		struct fx f;

		fx_init(&f, "db");
		T_EQ_INT(fns[i](&f.ctx, str_make(map, len - 1), &f.err), 0);
		T_EQ_INT(f.warns.n, 1);
		T_EQ_INT(fns[i](&f.ctx, str_make(map, len), &f.err), -EFBIG);
		T_EQ_INT(f.err.code, EFBIG);
		fx_fini(&f);
	}
	munmap(map, len);
}

int
main(void)
{
	test_os_release();
	test_os_release_lines();
	test_os_release_host();
	test_release_files();
	test_os_limits();
	test_dpkg();
	test_dpkg_host();
	test_apk();
	test_apk_alpine();
	test_truncation();
	test_apk_junk();
	test_line_limit();
	test_dpkg_continuations();
	test_bytes();
	test_pkgs_limit();
	test_db_size_limit();
	return t_done();
}
