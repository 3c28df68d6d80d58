/*
 * The Dockerfile parser: parser directives, instructions with their
 * flags, line continuations, comments, heredocs and the JSON (exec)
 * form, following https://docs.docker.com/reference/dockerfile/. Input
 * is untrusted: every count and length is checked against the
 * DOCKERFILE_* limits, each physical line is looked at a bounded number
 * of times, so the parse is linear in the size of the text, and all
 * memory is in the caller's arena (at most a few times the text).
 */

#include <errno.h>
#include <string.h>

#include "dockerfile.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/limits.h"

static const struct {
	const char *name;
	enum df_cmd cmd;
} cmds[] = {
    {"ADD", DF_ADD},
    {"ARG", DF_ARG},
    {"CMD", DF_CMD},
    {"COPY", DF_COPY},
    {"ENTRYPOINT", DF_ENTRYPOINT},
    {"ENV", DF_ENV},
    {"EXPOSE", DF_EXPOSE},
    {"FROM", DF_FROM},
    {"HEALTHCHECK", DF_HEALTHCHECK},
    {"LABEL", DF_LABEL},
    {"MAINTAINER", DF_MAINTAINER},
    {"ONBUILD", DF_ONBUILD},
    {"RUN", DF_RUN},
    {"SHELL", DF_SHELL},
    {"STOPSIGNAL", DF_STOPSIGNAL},
    {"USER", DF_USER},
    {"VOLUME", DF_VOLUME},
    {"WORKDIR", DF_WORKDIR},
};

const char *
df_cmd_name(enum df_cmd c)
{
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (cmds[i].cmd == c)
			return cmds[i].name;
	return "?";
}

static enum df_cmd
cmd_lookup(struct str w)
{
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (str_case_eq(w, str_from(cmds[i].name)))
			return cmds[i].cmd;
	return 0;
}

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	    ch == '\v' || ch == '\f';
}

static struct str
ltrim(struct str s)
{
	while (s.len > 0 && is_space(s.p[0])) {
		s.p++;
		s.len--;
	}
	return s;
}

static struct str
rtrim(struct str s)
{
	while (s.len > 0 && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

/* The physical lines of the text, one at a time, with their numbers. */
struct lines {
	struct str rest;
	uint32_t lineno; /* of the line last taken */
};

static bool
next_line(struct lines *l, struct str *line)
{
	if (l->rest.len == 0)
		return false;
	(void)str_next_line(&l->rest, line); /* strips "\n" or "\r\n" */
	l->lineno++;
	return true;
}

static int
line_check(
    struct str line, uint32_t lineno, uint32_t *errline, struct ward_err *err)
{
	if (line.len <= DOCKERFILE_LINE_MAX)
		return 0;
	*errline = lineno;
	return err_set(err, EFBIG, "line %u: longer than %u bytes", lineno,
	    DOCKERFILE_LINE_MAX);
}

/*
 * "# name = value" at the top of the file. Names are case-insensitive;
 * only syntax, escape and check are directives, anything else is a
 * comment and ends the directives.
 */
static bool
directive(struct str line, struct str *key, struct str *val)
{
	size_t i = 0, k0;

	line = ltrim(line);
	if (line.len == 0 || line.p[0] != '#')
		return false;
	for (i = 1; i < line.len && is_blank(line.p[i]); i++)
		;
	k0 = i;
	while (i < line.len &&
	    ((line.p[i] >= 'a' && line.p[i] <= 'z') ||
		(line.p[i] >= 'A' && line.p[i] <= 'Z') ||
		(i > k0 && line.p[i] >= '0' && line.p[i] <= '9')))
		i++;
	*key = str_make(line.p + k0, i - k0);
	while (i < line.len && is_blank(line.p[i]))
		i++;
	if (key->len == 0 || i >= line.len || line.p[i] != '=')
		return false;
	*val = str_trim(str_sub(line, i + 1, line.len));
	if (val->len == 0)
		return false;
	return str_case_eq(*key, STR("syntax")) ||
	    str_case_eq(*key, STR("escape")) || str_case_eq(*key, STR("check"));
}

static int
directives(
    struct lines *l, struct df_file *f, uint32_t *errline, struct ward_err *err)
{
	bool seen_syntax = false, seen_escape = false, seen_check = false;
	struct lines save = *l;
	struct str line, key, val;

	/* A UTF-8 byte order mark is ignored, as BuildKit does. */
	if (str_starts_with(l->rest, STR("\xef\xbb\xbf")))
		l->rest = str_sub(l->rest, 3, l->rest.len);
	save = *l;
	while (next_line(l, &line)) {
		bool *seen;

		if (line_check(line, l->lineno, errline, err) < 0)
			return -EFBIG;
		if (!directive(line, &key, &val))
			break;
		if (str_case_eq(key, STR("syntax")))
			seen = &seen_syntax;
		else if (str_case_eq(key, STR("escape")))
			seen = &seen_escape;
		else
			seen = &seen_check;
		if (*seen) {
			*errline = l->lineno;
			return err_set(err, EBADMSG,
			    "line %u: only one '%.*s' parser directive can be "
			    "used",
			    l->lineno, STR_FMT(key));
		}
		*seen = true;
		if (seen == &seen_escape) {
			if (!str_eq(val, STR("\\")) && !str_eq(val, STR("`"))) {
				*errline = l->lineno;
				return err_set(err, EBADMSG,
				    "line %u: escape directive must be '\\' "
				    "or '`'",
				    l->lineno);
			}
			f->escape = val.p[0];
			f->escape_line = l->lineno;
		} else if (seen == &seen_syntax) {
			f->syntax = val;
		}
		save = *l;
	}
	*l = save; /* the first non-directive line is read again */
	return 0;
}

/*
 * Does the line continue? As BuildKit's expression for it: the escape
 * character, then only blanks, and before it either nothing or a
 * character that is not the escape character ("echo \\" ends the line).
 */
static bool
continues(struct str *line, char escape)
{
	struct str t = *line;

	while (t.len > 0 &&
	    (t.p[t.len - 1] == ' ' || t.p[t.len - 1] == '\t' ||
		t.p[t.len - 1] == '\r'))
		t.len--;
	if (t.len == 0 || t.p[t.len - 1] != escape)
		return false;
	if (t.len >= 2 && t.p[t.len - 2] == escape)
		return false;
	line->len = t.len - 1;
	return true;
}

/* ---- JSON arrays of strings (the exec form) ---- */

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static bool
hex4(struct str s, size_t i, uint32_t *out)
{
	uint32_t v = 0;

	if (i + 4 > s.len)
		return false;
	for (size_t k = 0; k < 4; k++) {
		int h = hexval(s.p[i + k]);

		if (h < 0)
			return false;
		v = v << 4 | (uint32_t)h;
	}
	*out = v;
	return true;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One JSON string at s.p[*i] (the opening quote); decoded into o. */
static bool
json_string(struct str s, size_t *i, char *o, size_t *olen)
{
	size_t k = *i + 1, n = 0;

	while (k < s.len && s.p[k] != '"') {
		uint32_t cp, lo;
		unsigned char ch = (unsigned char)s.p[k];

		if (ch < 0x20)
			return false;
		if (ch != '\\') {
			o[n++] = (char)ch;
			k++;
			continue;
		}
		if (++k >= s.len)
			return false;
		switch (s.p[k]) {
		case '"':
		case '\\':
		case '/':
			o[n++] = s.p[k++];
			continue;
		case 'b':
			o[n++] = '\b';
			k++;
			continue;
		case 'f':
			o[n++] = '\f';
			k++;
			continue;
		case 'n':
			o[n++] = '\n';
			k++;
			continue;
		case 'r':
			o[n++] = '\r';
			k++;
			continue;
		case 't':
			o[n++] = '\t';
			k++;
			continue;
		case 'u':
			break;
		default:
			return false;
		}
		if (!hex4(s, k + 1, &cp))
			return false;
		k += 5;
		if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < s.len &&
		    s.p[k] == '\\' && s.p[k + 1] == 'u' &&
		    hex4(s, k + 2, &lo) && lo >= 0xdc00 && lo < 0xe000) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			k += 6;
		} else if (cp >= 0xd800 && cp < 0xe000) {
			cp = 0xfffd; /* a lone surrogate, as Go decodes it */
		}
		n += put_utf8(o + n, cp);
	}
	if (k >= s.len)
		return false;
	*i = k + 1;
	*olen = n;
	return true;
}

/* A JSON array of strings filling all of 's'. */
static bool
json_array(struct arena *a, struct str s, struct str **argv, size_t *argc)
{
	size_t i = 1, n = 0, cap = 0;
	struct str *v = NULL;
	char *o;

	s = str_trim(s);
	if (s.len < 2 || s.p[0] != '[' || s.p[s.len - 1] != ']')
		return false;
	/* A decoded string is never longer than its JSON text. */
	o = arena_alloc(a, s.len);
	for (;;) {
		size_t olen;

		while (i < s.len && is_space(s.p[i]))
			i++;
		if (i < s.len && s.p[i] == ']' && n == 0)
			break;
		if (i >= s.len || s.p[i] != '"')
			return false;
		if (!json_string(s, &i, o, &olen))
			return false;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 4;

			v = arena_realloc(a, v, cap, nc, sizeof(*v));
			cap = nc;
		}
		v[n++] = str_make(o, olen);
		o += olen;
		while (i < s.len && is_space(s.p[i]))
			i++;
		if (i < s.len && s.p[i] == ',') {
			i++;
			continue;
		}
		if (i < s.len && s.p[i] == ']')
			break;
		return false;
	}
	if (i != s.len - 1)
		return false;
	*argv = v;
	*argc = n;
	return true;
}

/* ---- Flags and heredoc markers ---- */

/* Flags before the arguments; false for "--=value" (no name). */
static bool
parse_flags(struct arena *a, struct df_instr *in)
{
	struct str s = ltrim(in->args);
	size_t cap = 0;

	while (s.len >= 2 && s.p[0] == '-' && s.p[1] == '-') {
		size_t k = 0;
		struct df_flag fl = {0};
		struct str w;
		ssize_t eq;

		while (k < s.len && !is_space(s.p[k]))
			k++;
		w = str_make(s.p + 2, k - 2);
		if (w.len == 0) { /* "--" alone ends the flags */
			s = ltrim(str_sub(s, k, s.len));
			break;
		}
		eq = str_find_char(w, '=');
		if (eq >= 0) {
			fl.name = str_make(w.p, (size_t)eq);
			fl.value = str_sub(w, (size_t)eq + 1, w.len);
			fl.has_value = true;
			if (eq == 0)
				return false;
		} else {
			fl.name = w;
		}
		if (in->nflags == cap) {
			size_t nc = cap ? cap * 2 : 4;

			in->flags = arena_realloc(
			    a, in->flags, cap, nc, sizeof(*in->flags));
			cap = nc;
		}
		in->flags[in->nflags++] = fl;
		s = ltrim(str_sub(s, k, s.len));
	}
	in->rest = rtrim(s);
	return true;
}

/*
 * Heredoc markers among the words of a RUN, COPY or ADD line, as
 * BuildKit finds them: a word "[n]<<[-]name" whose name holds no '<'.
 * Quotes anywhere in the name ("EOF", 'EOF', E"O"F) are removed and turn
 * expansion off. Returns the count or -EFBIG.
 */
static int
heredoc_markers(struct arena *a, const struct df_file *f, struct df_instr *in,
    struct df_heredoc *out)
{
	size_t pos = 0;
	struct str d;
	int n = 0;

	if (str_find(in->rest, STR("<<")) < 0)
		return 0;
	while (df_raw_word_next(in->rest, &pos, f->escape, &d)) {
		struct df_heredoc h = {.expand = true};
		char *name;
		size_t k = 0, len = 0;

		while (k < d.len && d.p[k] >= '0' && d.p[k] <= '9')
			k++;
		d = str_sub(d, k, d.len);
		if (!str_starts_with(d, STR("<<")))
			continue;
		d = str_sub(d, 2, d.len);
		if (d.len > 0 && d.p[0] == '-') {
			h.strip_tabs = true;
			d = str_sub(d, 1, d.len);
		}
		if (d.len == 0 || str_find_char(d, '<') >= 0)
			continue;
		name = arena_alloc(a, d.len + 1);
		for (k = 0; k < d.len; k++) {
			if (d.p[k] == '"' || d.p[k] == '\'') {
				h.expand = false;
				continue;
			}
			if (d.p[k] == f->escape && k + 1 < d.len)
				k++;
			name[len++] = d.p[k];
		}
		if (len == 0)
			continue;
		if (n >= (int)DOCKERFILE_HEREDOCS_MAX)
			return -EFBIG;
		name[len] = '\0';
		h.name = str_make(name, len);
		out[n++] = h;
	}
	return n;
}

static struct str
strip_tabs(struct str s)
{
	while (s.len > 0 && s.p[0] == '\t') {
		s.p++;
		s.len--;
	}
	return s;
}

static int
read_heredocs(struct arena *a, struct lines *l, struct df_file *f,
    struct df_instr *in, uint32_t *errline, struct ward_err *err)
{
	struct df_heredoc hd[DOCKERFILE_HEREDOCS_MAX];
	struct buf body;
	int n = heredoc_markers(a, f, in, hd);

	if (n < 0) {
		*errline = in->line;
		return err_set(err, EFBIG, "line %u: more than %u heredocs",
		    in->line, DOCKERFILE_HEREDOCS_MAX);
	}
	if (n == 0)
		return 0;
	buf_init(&body, CONFIG_FILE_MAX);
	for (int i = 0; i < n; i++) {
		struct str line;
		bool done = false;

		hd[i].line = l->lineno + 1;
		buf_reset(&body);
		while (next_line(l, &line)) {
			if (line_check(line, l->lineno, errline, err) < 0) {
				buf_fini(&body);
				return -EFBIG;
			}
			if (hd[i].strip_tabs)
				line = strip_tabs(line);
			if (str_eq(line, hd[i].name)) {
				done = true;
				break;
			}
			/* The text is at most CONFIG_FILE_MAX, so this fits. */
			(void)buf_append_str(&body, line);
			(void)buf_putc(&body, '\n');
		}
		if (!done) {
			buf_fini(&body);
			*errline = hd[i].line - 1;
			return err_set(err, EBADMSG,
			    "line %u: heredoc '%.*s' is not terminated",
			    in->line, STR_FMT(hd[i].name));
		}
		hd[i].body = str_make(
		    arena_memdup(a, body.p ? body.p : "", body.len), body.len);
	}
	buf_fini(&body);
	in->heredocs = arena_memdup(a, hd, (size_t)n * sizeof(hd[0]));
	in->nheredocs = (size_t)n;
	in->end_line = l->lineno;
	return 0;
}

/* ---- Instructions ---- */

static bool
json_cmd(enum df_cmd c)
{
	return c == DF_RUN || c == DF_CMD || c == DF_ENTRYPOINT ||
	    c == DF_SHELL || c == DF_COPY || c == DF_ADD || c == DF_VOLUME;
}

/* The keyword at the start of 's' (letters), and what follows it. */
static struct str
keyword(struct str s, struct str *after)
{
	size_t k = 0;

	while (k < s.len &&
	    ((s.p[k] >= 'a' && s.p[k] <= 'z') ||
		(s.p[k] >= 'A' && s.p[k] <= 'Z')))
		k++;
	*after = str_sub(s, k, s.len);
	return str_make(s.p, k);
}

static bool
finish_args(struct arena *a, struct df_instr *in)
{
	if (!parse_flags(a, in))
		return false;
	if (in->cmd == DF_ONBUILD) {
		struct str after, kw = keyword(in->rest, &after);

		if (after.len == 0 || is_space(after.p[0]))
			in->sub = cmd_lookup(kw);
	}
	if (json_cmd(in->cmd) && in->rest.len > 0 && in->rest.p[0] == '[') {
		in->json = json_array(a, in->rest, &in->argv, &in->argc);
		in->json_bad = !in->json;
	}
	return true;
}

/*
 * One instruction starting at 'line' (already checked and known not to
 * be blank or a comment): its continuation lines, then its heredocs.
 */
static int
instruction(struct arena *a, struct lines *l, struct df_file *f,
    struct str line, struct buf *join, struct df_instr *in, uint32_t *errline,
    struct ward_err *err)
{
	struct str t = ltrim(line), after;
	uint32_t nlines = 1;
	bool more;

	memset(in, 0, sizeof(*in));
	in->line = l->lineno;
	in->col = (uint32_t)(t.p - line.p) + 1;
	in->keyword = keyword(t, &after);
	in->cmd = cmd_lookup(in->keyword);
	if (in->cmd == 0 || (after.len > 0 && !is_space(after.p[0]))) {
		struct str w = t;
		ssize_t sp = -1;
		char shown[80];

		for (size_t k = 0; k < w.len && sp < 0; k++)
			if (is_space(w.p[k]))
				sp = (ssize_t)k;
		if (sp >= 0)
			w.len = (size_t)sp;
		if (w.len > 64)
			w.len = 64;
		/* Shown escaped: it may hold NUL bytes or control
		   characters. */
		(void)str_escape(shown, sizeof(shown), w);
		*errline = l->lineno;
		return err_set(err, EBADMSG,
		    "line %u: unknown instruction '%s'", l->lineno, shown);
	}
	buf_reset(join);
	more = continues(&after, f->escape);
	(void)buf_append_str(join, after);
	while (more) {
		struct str next;

		if (!next_line(l, &next))
			break;
		if (line_check(next, l->lineno, errline, err) < 0)
			return -EFBIG;
		if (++nlines > DOCKERFILE_CONT_LINES_MAX) {
			*errline = in->line;
			return err_set(err, EFBIG,
			    "line %u: instruction spans more than %u lines",
			    in->line, DOCKERFILE_CONT_LINES_MAX);
		}
		t = ltrim(next);
		/* Comment and empty lines inside a continuation vanish. */
		if (t.len == 0 || t.p[0] == '#')
			continue;
		more = continues(&next, f->escape);
		(void)buf_append_str(join, next);
	}
	in->end_line = l->lineno;
	in->args = str_trim(buf_str(join));
	in->args =
	    str_make(arena_memdup(a, in->args.p, in->args.len), in->args.len);
	if (!finish_args(a, in)) {
		*errline = in->line;
		return err_set(
		    err, EBADMSG, "line %u: a flag has no name", in->line);
	}
	/* Heredocs: RUN, COPY and ADD in shell form, also as ONBUILD's
	   trigger (BuildKit's heredocDirectives and compound directives). */
	if (!in->json &&
	    (in->cmd == DF_RUN || in->cmd == DF_COPY || in->cmd == DF_ADD ||
		(in->cmd == DF_ONBUILD &&
		    (in->sub == DF_RUN || in->sub == DF_COPY ||
			in->sub == DF_ADD))))
		return read_heredocs(a, l, f, in, errline, err);
	return 0;
}

int
df_parse(struct arena *a, struct str text, struct df_file *out,
    uint32_t *errline, struct ward_err *err)
{
	struct df_file f = {.escape = '\\'};
	struct lines l = {.rest = text};
	struct buf join;
	struct str line;
	size_t cap = 0;
	uint32_t eline = 0;
	int r = 0;

	if (!errline)
		errline = &eline;
	if (text.len > CONFIG_FILE_MAX) {
		*errline = 1;
		return err_set(
		    err, EFBIG, "larger than %u bytes", CONFIG_FILE_MAX);
	}
	r = directives(&l, &f, errline, err);
	if (r < 0)
		return r;
	/* One instruction is at most the whole text. */
	buf_init(&join, CONFIG_FILE_MAX + 1);
	while (next_line(&l, &line)) {
		struct str t = ltrim(line);

		r = line_check(line, l.lineno, errline, err);
		if (r < 0)
			break;
		if (t.len == 0 || t.p[0] == '#')
			continue;
		if (f.n == DOCKERFILE_INSTRS_MAX) {
			*errline = l.lineno;
			r = err_set(err, EFBIG,
			    "line %u: more than %u "
			    "instructions",
			    l.lineno, DOCKERFILE_INSTRS_MAX);
			break;
		}
		if (f.n == cap) {
			size_t nc = cap ? cap * 2 : 32;

			f.v = arena_realloc(a, f.v, cap, nc, sizeof(*f.v));
			cap = nc;
		}
		r = instruction(
		    a, &l, &f, line, &join, &f.v[f.n], errline, err);
		if (r < 0)
			break;
		f.n++;
	}
	buf_fini(&join);
	if (r < 0)
		return r;
	*out = f;
	return 0;
}
