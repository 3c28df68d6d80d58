/*
 * What operating system an image holds, from the files that say so:
 * os-release(5) first, then the older one-line files alpine-release,
 * debian_version and redhat-release. All four are untrusted text from the
 * image, already capped by the caller; each function checks the cap again
 * (OS_RELEASE_MAX) and reads only within the view it is given.
 *
 * os-release is meant to be sourceable by a POSIX shell, so a line is read
 * as the shell would read one assignment: an unquoted word with backslash
 * escapes, a single-quoted string taken literally, or a double-quoted
 * string where only \" \\ \$ and \` are escapes. Anything the shell would
 * expand, run or split (an unescaped $, a second word, a quote left open)
 * makes the line a warning instead of a value, as does a NUL byte, which
 * would silently cut a C string. Values are copied, unescaped, into the
 * arena; the caller's text is not kept.
 */

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

/* The os-release keys kept, and where each goes. */
static const struct {
	const char *key;
	size_t off;
} keys[] = {
    {"ID", offsetof(struct os_info, id)},
    {"VERSION_ID", offsetof(struct os_info, version_id)},
    {"VERSION_CODENAME", offsetof(struct os_info, version_codename)},
    {"PRETTY_NAME", offsetof(struct os_info, pretty_name)},
    {"ID_LIKE", offsetof(struct os_info, id_like)},
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static struct str
skip_blanks(struct str s)
{
	while (s.len && is_blank(s.p[0]))
		s = str_sub(s, 1, s.len);
	return s;
}

/* Characters that mean something to the shell outside quotes. */
static bool
shell_special(char c)
{
	return c == '\0' || memchr("\"'$`;&|<>()", c, 11) != NULL;
}

/* A shell variable name: [A-Za-z_][A-Za-z0-9_]*. */
static bool
valid_name(struct str k)
{
	if (k.len == 0 || (k.p[0] >= '0' && k.p[0] <= '9'))
		return false;
	for (size_t i = 0; i < k.len; i++) {
		char c = k.p[i];

		if (!(c == '_' || (c >= '0' && c <= '9') ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	return true;
}

/*
 * After the word: nothing, or blanks and then nothing or a comment, as
 * "ID=debian # the distribution" reads in the shell.
 */
static bool
rest_ok(struct str rest)
{
	if (rest.len == 0)
		return true;
	if (!is_blank(rest.p[0]))
		return false;
	rest = str_trim(rest);
	return rest.len == 0 || rest.p[0] == '#';
}

/*
 * Unquote one shell word into 'buf' (at least v.len + 1 bytes). Returns
 * NULL, or why the word is not one the format allows.
 */
static const char *
unquote(struct str v, char *buf)
{
	size_t i = 0, o = 0;
	char q = 0;

	if (v.len && (v.p[0] == '"' || v.p[0] == '\''))
		q = v.p[i++];
	for (; i < v.len; i++) {
		char c = v.p[i];

		if (c == '\0')
			return "NUL byte in value";
		if (q == '\'' || (q == '"' && c != '\\')) {
			if (c == q)
				break;
			if (q == '"' && (c == '$' || c == '`'))
				return "unescaped '$' or '`' in value";
			buf[o++] = c;
			continue;
		}
		if (c == '\\') {
			if (++i == v.len)
				return "backslash at the end of the line";
			c = v.p[i];
			if (c == '\0')
				return "NUL byte in value";
			/* In double quotes other backslashes stay. */
			if (q == '"' && !memchr("\"\\$`", c, 4))
				buf[o++] = '\\';
			buf[o++] = c;
			continue;
		}
		if (is_blank(c))
			break;
		if (shell_special(c))
			return "shell special character in unquoted value";
		buf[o++] = c;
	}
	if (q && i == v.len)
		return "unterminated quote";
	buf[o] = '\0';
	if (!rest_ok(str_sub(v, i + (q != 0), v.len)))
		return "text after the value";
	return NULL;
}

/* One non-comment line: KEY=value. Stores the keys we keep in 'o'. */
static void
assignment(
    struct analyze_ctx *ctx, struct str line, size_t lineno, struct os_info *o)
{
	struct str key;
	const char *why;
	char *buf;

	if (!str_cut(&line, '=', &key)) {
		analyze_warn(ctx, lineno, "no '=' in line, skipping");
		return;
	}
	if (!valid_name(key)) {
		analyze_warn(ctx, lineno, "invalid variable name, skipping");
		return;
	}
	buf = arena_alloc(ctx->a, line.len + 1);
	why = unquote(line, buf);
	if (why) {
		analyze_warn(ctx, lineno, "%s, skipping", why);
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char **field = (const char **)((char *)o + keys[i].off);

		if (str_eq_cstr(key, keys[i].key))
			*field = buf[0] ? buf : NULL; /* the last one wins */
	}
}

int
analyze_os_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	struct os_info o = {.source = ctx->path};
	struct str line;
	size_t lineno = 0;

	if (text.len > OS_RELEASE_MAX)
		return err_set(err, EFBIG, "%s: larger than %u bytes",
		    ctx->path ? ctx->path : "os-release", OS_RELEASE_MAX);
	while (str_next_line(&text, &line)) {
		lineno++;
		line = skip_blanks(line);
		if (str_trim(line).len == 0 || line.p[0] == '#')
			continue;
		assignment(ctx, line, lineno, &o);
	}
	if (!o.id)
		return err_set(err, EBADMSG, "%s: no ID",
		    ctx->path ? ctx->path : "os-release");
	*out = o;
	return 0;
}

/* Version-like text: [A-Za-z0-9._+~-], at least one byte. */
static bool
valid_version(struct str v)
{
	if (v.len == 0)
		return false;
	for (size_t i = 0; i < v.len; i++) {
		char c = v.p[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			(c >= 'A' && c <= 'Z') || memchr("._+~-", c, 5)))
			return false;
	}
	return true;
}

/* The first line, trimmed, of a one-line OS file within the size cap. */
static int
first_line(struct analyze_ctx *ctx, struct str text, struct str *line,
    struct ward_err *err)
{
	const char *path = ctx->path ? ctx->path : "release file";

	if (text.len > OS_RELEASE_MAX)
		return err_set(err, EFBIG, "%s: larger than %u bytes", path,
		    OS_RELEASE_MAX);
	if (!str_next_line(&text, line) || str_trim(*line).len == 0)
		return err_set(err, EBADMSG, "%s: empty", path);
	*line = str_trim(*line);
	if (str_find_char(*line, '\0') >= 0)
		return err_set(err, EBADMSG, "%s: line 1: NUL byte", path);
	return 0;
}

int
analyze_os_alpine_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	struct str line;
	int r;

	r = first_line(ctx, text, &line, err);
	if (r < 0)
		return r;
	if (!valid_version(line))
		return err_set(err, EBADMSG, "%s: line 1: not a version",
		    ctx->path ? ctx->path : "alpine-release");
	*out = (struct os_info){
	    .id = "alpine",
	    .version_id = arena_strz(ctx->a, line),
	    .source = ctx->path,
	};
	return 0;
}

/* A codename: [a-z]+. */
static bool
lower_word(struct str w)
{
	if (w.len == 0)
		return false;
	for (size_t i = 0; i < w.len; i++)
		if (w.p[i] < 'a' || w.p[i] > 'z')
			return false;
	return true;
}

/*
 * "12.5" on a release, "bookworm/sid" on testing and unstable, where the
 * name before the slash is the codename and there is no version yet.
 */
int
analyze_os_debian_version(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	struct os_info o = {.id = "debian", .source = ctx->path};
	struct str line, codename;
	int r;

	r = first_line(ctx, text, &line, err);
	if (r < 0)
		return r;
	if (line.p[0] >= '0' && line.p[0] <= '9' && valid_version(line)) {
		o.version_id = arena_strz(ctx->a, line);
		*out = o;
		return 0;
	}
	str_cut(&line, '/', &codename);
	if (!lower_word(codename) || !valid_version(line.len ? line : codename))
		return err_set(err, EBADMSG,
		    "%s: line 1: neither a version nor a codename",
		    ctx->path ? ctx->path : "debian_version");
	o.version_codename = arena_strz(ctx->a, codename);
	*out = o;
	return 0;
}

/* Distributions that write redhat-release, by the name before "release". */
static const struct {
	const char *prefix;
	const char *id;
} rh_names[] = {
    {"Red Hat Enterprise Linux", "rhel"},
    {"CentOS", "centos"},
    {"Fedora", "fedora"},
    {"Rocky Linux", "rocky"},
    {"AlmaLinux", "almalinux"},
};

static const char *
rh_id(struct str name)
{
	for (size_t i = 0; i < sizeof(rh_names) / sizeof(rh_names[0]); i++) {
		struct str p = str_from(rh_names[i].prefix);

		if (str_starts_with(name, p) &&
		    (name.len == p.len || name.p[p.len] == ' '))
			return rh_names[i].id;
	}
	return NULL;
}

/* "NAME release VERSION (CODENAME)"; the codename part is optional. */
int
analyze_os_redhat_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	const char *path = ctx->path ? ctx->path : "redhat-release";
	struct os_info o = {.source = ctx->path};
	struct str line, rest, version;
	ssize_t at;
	int r;

	r = first_line(ctx, text, &line, err);
	if (r < 0)
		return r;
	at = str_find(line, STR(" release "));
	if (at < 0)
		return err_set(
		    err, EBADMSG, "%s: line 1: no ' release '", path);
	o.id = rh_id(str_sub(line, 0, (size_t)at));
	if (!o.id)
		return err_set(
		    err, EBADMSG, "%s: line 1: unknown distribution", path);
	rest = str_sub(line, (size_t)at + 9, line.len);
	str_cut(&rest, ' ', &version);
	if (!valid_version(version))
		return err_set(err, EBADMSG, "%s: line 1: no version", path);
	/* The codename is in the parentheses that end the line. */
	at = str_find_char(rest, '(');
	if (at >= 0 && rest.len > (size_t)at + 2 && rest.p[rest.len - 1] == ')')
		o.version_codename = arena_strz(ctx->a,
		    str_sub(rest, (size_t)at + 1, rest.len - (size_t)at - 2));
	o.version_id = arena_strz(ctx->a, version);
	o.pretty_name = arena_strz(ctx->a, line);
	*out = o;
	return 0;
}
