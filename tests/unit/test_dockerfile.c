/*
 * Unit tests for the Dockerfile parser, Docker's word expansion, the RUN
 * shell splitter, the WARD-DF checks, and the Compose and ECS checks.
 * Expected values come from the Dockerfile reference
 * (https://docs.docker.com/reference/dockerfile/), the Compose
 * specification and the ECS TaskDefinition API, worked out by hand in
 * the comments; never from ward's own output.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/config/dockerfile.h"
#include "../../src/config/internal.h"
#include "t.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/config.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"
#include "ward/yaml.h"

static struct arena *A;

/* ---- helpers ---- */

static int
parse(const char *text, struct df_file *f, uint32_t *line)
{
	struct ward_err err = {0};

	return df_parse(A, str_from(text), f, line, &err);
}

static char *
z(struct str s)
{
	return arena_strz(A, s);
}

static struct config_result
scan_named(const char *name, struct str text)
{
	struct config_opts opts = {0};
	struct config_result res = {0};
	struct ward_err err = {0};

	T_EQ_INT(config_scan_text(A, name, text, &opts, &res, &err), 0);
	return res;
}

static struct config_result
scan(const char *text)
{
	return scan_named("Dockerfile", str_from(text));
}

/* Lines of the findings of rule 'id', as "3,7" ("" when none). */
static const char *
lines_of(const struct config_result *r, const char *id)
{
	char *out = arena_strdup(A, "");

	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].rule->id, id) == 0)
			out = arena_printf(
			    A, "%s%s%u", out, *out ? "," : "", r->v[i].line);
	return out;
}

static bool
has(const struct config_result *r, const char *id)
{
	return *lines_of(r, id) != '\0';
}

/* ---- parser ---- */

static void
test_directives(void)
{
	struct df_file f;
	uint32_t line = 0;

	/* The escape directive switches to backtick; names are case-
	   insensitive and whitespace around '=' is allowed. */
	T_EQ_INT(parse("# syntax=docker/dockerfile:1\n#  ESCAPE = `\n"
		       "FROM alpine\nRUN echo a `\n  b\n",
		     &f, NULL),
	    0);
	T_EQ_INT(f.escape, '`');
	T_EQ_STR(z(f.syntax), "docker/dockerfile:1");
	T_EQ_INT(f.escape_line, 2);
	T_EQ_INT(f.n, 2);
	T_EQ_STR(z(f.v[1].rest), "echo a   b");
	T_EQ_INT(f.v[1].line, 4);
	T_EQ_INT(f.v[1].end_line, 5);

	/* After an ordinary comment (or a blank line) directives are
	   comments: the escape stays '\'. */
	T_EQ_INT(parse("# hello\n# escape=`\nFROM a\n", &f, NULL), 0);
	T_EQ_INT(f.escape, '\\');
	T_EQ_INT(parse("\n# escape=`\nFROM a\n", &f, NULL), 0);
	T_EQ_INT(f.escape, '\\');
	/* After an instruction, too. */
	T_EQ_INT(parse("FROM a\n# escape=`\n", &f, NULL), 0);
	T_EQ_INT(f.escape, '\\');
	/* An unknown directive is a comment and ends the directives. */
	T_EQ_INT(parse("# unknown=x\n# escape=`\nFROM a\n", &f, NULL), 0);
	T_EQ_INT(f.escape, '\\');
	/* A directive may not appear twice; only \ and ` are escapes. */
	T_EQ_INT(
	    parse("# escape=`\n# escape=\\\nFROM a\n", &f, &line), -EBADMSG);
	T_EQ_INT(line, 2);
	T_EQ_INT(parse("# escape=x\nFROM a\n", &f, &line), -EBADMSG);
	T_EQ_INT(line, 1);
	/* A byte order mark before the directives is ignored. */
	T_EQ_INT(parse("\xef\xbb\xbf# escape=`\nFROM a\n", &f, NULL), 0);
	T_EQ_INT(f.escape, '`');
}

static void
test_continuations(void)
{
	struct df_file f;
	uint32_t line = 0;

	/* Comment lines and empty lines inside a continuation are dropped;
	   the escape may be followed by blanks; the next line's leading
	   blanks are kept (joined without a newline). */
	T_EQ_INT(parse("FROM a\n"
		       "RUN apt-get update && \\  \n"
		       "# a comment\n"
		       "\n"
		       "    apt-get install -y curl \\\n"
		       "  # indented comment\n"
		       "    && echo done\n"
		       "run echo lower\n",
		     &f, NULL),
	    0);
	T_EQ_INT(f.n, 3);
	T_EQ_INT(f.v[1].cmd, DF_RUN);
	T_EQ_STR(z(f.v[1].rest),
	    "apt-get update &&     apt-get install -y curl     && echo done");
	T_EQ_INT(f.v[1].line, 2);
	T_EQ_INT(f.v[1].end_line, 7);
	/* Instruction names are case-insensitive; the keyword is kept. */
	T_EQ_INT(f.v[2].cmd, DF_RUN);
	T_EQ_STR(z(f.v[2].keyword), "run");
	T_EQ_INT(f.v[2].line, 8);
	/* Leading blanks: the column of the keyword. */
	T_EQ_INT(parse("FROM a\n\t  USER x\n", &f, NULL), 0);
	T_EQ_INT(f.v[1].col, 4);
	/* A continuation at the end of the file ends the instruction. */
	T_EQ_INT(parse("FROM a\nRUN true \\", &f, NULL), 0);
	T_EQ_STR(z(f.v[1].rest), "true");
	/* Unknown instructions are errors naming the line. */
	T_EQ_INT(parse("FROM a\nFOO bar\n", &f, &line), -EBADMSG);
	T_EQ_INT(line, 2);
	T_EQ_INT(parse("FROM a\nRUN2 x\n", &f, &line), -EBADMSG);
	/* A flag needs a name (found by fuzzing: "--=x" gave an empty
	   one). */
	T_EQ_INT(
	    parse("FROM a\nRUN --=ecurity=insecure x\n", &f, &line), -EBADMSG);
	T_EQ_INT(line, 2);
	/* An escaped escape at the end does not continue the line
	   (BuildKit's continuation expression needs a character other than
	   the escape before it); the escape alone on a line does. */
	T_EQ_INT(
	    parse("FROM a\nRUN echo \\\\\nUSER x\nRUN a \\\n\\\nb\n", &f, NULL),
	    0);
	T_EQ_INT(f.n, 4);
	T_EQ_INT(f.v[2].cmd, DF_USER);
	T_EQ_INT(f.v[3].end_line, 6);
	T_EQ_STR(z(f.v[3].rest), "a b");
	/* CRLF line ends. */
	T_EQ_INT(parse("FROM a\r\nRUN a \\\r\n b\r\n", &f, NULL), 0);
	T_EQ_STR(z(f.v[1].rest), "a  b");
}

static void
test_heredocs(void)
{
	struct df_file f;
	uint32_t line = 0;

	/* Two heredocs on one line, read in order; <<- strips tabs; a
	   quoted delimiter turns expansion off. */
	T_EQ_INT(parse("FROM a\n"
		       "COPY <<one <<-\"two\" /dst/\n"
		       "first $X\n"
		       "one\n"
		       "\tsecond\n"
		       "\ttwo\n"
		       "USER app\n",
		     &f, NULL),
	    0);
	T_EQ_INT(f.n, 3);
	T_EQ_INT(f.v[1].nheredocs, 2);
	T_EQ_STR(z(f.v[1].heredocs[0].name), "one");
	T_EQ_STR(z(f.v[1].heredocs[0].body), "first $X\n");
	T_OK(f.v[1].heredocs[0].expand);
	T_EQ_INT(f.v[1].heredocs[0].line, 3);
	T_EQ_STR(z(f.v[1].heredocs[1].name), "two");
	T_EQ_STR(z(f.v[1].heredocs[1].body), "second\n");
	T_OK(!f.v[1].heredocs[1].expand);
	T_OK(f.v[1].heredocs[1].strip_tabs);
	T_EQ_INT(f.v[1].end_line, 6);
	T_EQ_INT(f.v[2].cmd, DF_USER);
	T_EQ_INT(f.v[2].line, 7);
	/* A heredoc body is not parsed: "# x" and "FROM" lines stay. */
	T_EQ_INT(parse("FROM a\nRUN <<EOF\n# x\nFROM b\nEOF\n", &f, NULL), 0);
	T_EQ_INT(f.n, 2);
	T_EQ_STR(z(f.v[1].heredocs[0].body), "# x\nFROM b\n");
	/* Unterminated: an error naming the heredoc's line. */
	T_EQ_INT(parse("FROM a\nRUN <<EOF\necho hi\n", &f, &line), -EBADMSG);
	T_EQ_INT(line, 2);
	/* "<<" inside quotes, or not starting a word, is no heredoc. */
	T_EQ_INT(parse("FROM a\nRUN echo \"<<EOF\" x<<y\n", &f, NULL), 0);
	T_EQ_INT(f.v[1].nheredocs, 0);
	/* Partly quoted delimiters, a file descriptor before "<<", and
	   ONBUILD's trigger; the exec form has none. */
	T_EQ_INT(parse("FROM a\nRUN 3<<E\"O\"F cat\nx\nEOF\n"
		       "ONBUILD RUN <<A\ny\nA\nRUN [\"<<B\"]\n",
		     &f, NULL),
	    0);
	T_EQ_INT(f.n, 4);
	T_EQ_STR(z(f.v[1].heredocs[0].name), "EOF");
	T_OK(!f.v[1].heredocs[0].expand);
	T_EQ_INT(f.v[2].nheredocs, 1);
	T_EQ_STR(z(f.v[2].heredocs[0].body), "y\n");
	T_EQ_INT(f.v[3].nheredocs, 0);
	/* ENV has no heredocs. */
	T_EQ_INT(parse("FROM a\nENV A=<<EOF\n", &f, NULL), 0);
	T_EQ_INT(f.v[1].nheredocs, 0);
}

static void
test_exec_form(void)
{
	struct df_file f;

	T_EQ_INT(
	    parse("FROM a\n"
		  "CMD [\"echo\", \"a b\", \"\\u00e9\\n\", \"\\\"q\\\"\"]\n"
		  "ENTRYPOINT echo [x]\n"
		  "RUN [\"a\", 1]\n"
		  "CMD []\n"
		  "RUN --mount=type=cache,target=/c --network=none "
		  "[\"make\"]\n",
		&f, NULL),
	    0);
	T_OK(f.v[1].json);
	T_EQ_INT(f.v[1].argc, 4);
	T_EQ_STR(z(f.v[1].argv[1]), "a b");
	T_EQ_STR(z(f.v[1].argv[2]), "\xc3\xa9\n");
	T_EQ_STR(z(f.v[1].argv[3]), "\"q\"");
	T_OK(!f.v[2].json && !f.v[2].json_bad);
	/* Not an array of strings: Docker falls back to the shell form. */
	T_OK(!f.v[3].json && f.v[3].json_bad);
	T_OK(f.v[4].json);
	T_EQ_INT(f.v[4].argc, 0);
	/* Flags come before the JSON. */
	T_OK(f.v[5].json);
	T_EQ_INT(f.v[5].nflags, 2);
	T_EQ_STR(z(f.v[5].flags[0].name), "mount");
	T_EQ_STR(z(f.v[5].flags[0].value), "type=cache,target=/c");
	T_EQ_STR(z(f.v[5].flags[1].value), "none");
	/* An unterminated array is shell form, flagged WARD-DF-038. */
	T_EQ_INT(parse("FROM a\nCMD [\"a\", \"b\"\n", &f, NULL), 0);
	T_OK(f.v[1].json_bad);
	/* A surrogate pair decodes to one code point (U+1F600). */
	T_EQ_INT(parse("FROM a\nCMD [\"\\ud83d\\ude00\"]\n", &f, NULL), 0);
	T_EQ_STR(z(f.v[1].argv[0]), "\xf0\x9f\x98\x80");
	/* ONBUILD keeps the trigger's instruction. */
	T_EQ_INT(parse("FROM a\nONBUILD RUN make\n", &f, NULL), 0);
	T_EQ_INT(f.v[1].sub, DF_RUN);
}

/* ---- expansion ---- */

static const char *
expand1(struct df_env *env, const char *in, char esc, bool *unres)
{
	struct df_lex lx = {.a = A,
	    .escape = esc,
	    .env = env,
	    .budget = DOCKERFILE_EXPAND_TOTAL_MAX};
	struct ward_err err = {0};
	struct str out;
	int r = df_word_expand(&lx, str_from(in), &out, &err);

	if (unres)
		*unres = lx.unresolved;
	if (r < 0)
		return arena_printf(A, "error %d", -r);
	return z(out);
}

static void
test_expand(void)
{
	struct df_env env;
	struct ward_err err = {0};
	static const struct {
		const char *in, *want;
	} cases[] = {
	    /* From "Environment replacement": ENV FOO=/bar */
	    {"${FOO}", "/bar"},
	    {"$FOO", "/bar"},
	    {"\\$FOO", "$FOO"},
	    {"\\${FOO}", "${FOO}"},
	    {"${FOO}_x", "/bar_x"},
	    {"$FOO_x", ""}, /* the name is FOO_x, unset */
	    /* :- and :+ (value set / unset / set but empty) */
	    {"${FOO:-w}", "/bar"},
	    {"${NOPE:-w}", "w"},
	    {"${EMPTY:-w}", "w"},
	    {"${EMPTY-w}", ""},
	    {"${NOPE-w}", "w"},
	    {"${FOO:+w}", "w"},
	    {"${NOPE:+w}", ""},
	    {"${EMPTY:+w}", ""},
	    {"${EMPTY+w}", "w"},
	    /* the word expands in turn */
	    {"${NOPE:-${FOO}/x}", "/bar/x"},
	    {"${NOPE:-a b}", "a b"},
	    /* quotes: single keep $, double expand; \ escapes " $ \ only */
	    {"'$FOO'", "$FOO"},
	    {"\"$FOO\"", "/bar"},
	    {"\"a\\\"b\"", "a\"b"},
	    {"\"a\\xb\"", "a\\xb"},
	    {"a\\ b", "a b"},
	    /* $ not followed by a name is literal */
	    {"a$", "a$"},
	    {"$-", ""},
	    {"100%", "100%"},
	    /* errors */
	    {"${FOO", "error 74"},
	    {"'abc", "error 74"},
	    {"\"abc", "error 74"},
	    {"${}", "error 74"},
	    {"${NOPE:?gone}", "error 74"},
	    {"${EMPTY:?}", "error 74"}, /* ':?' refuses empty values */
	    {"${EMPTY?}", ""},
	    {"${FOO:?gone}", "/bar"},
	    /* pattern removal and replacement, literal patterns */
	    {"${FOO#/}", "bar"},
	    {"${FOO##/b}", "ar"},
	    {"${FOO#x}", "/bar"},
	    {"${FOO%ar}", "/b"},
	    {"${FOO%%/bar}", ""},
	    {"${V/./-}", "1-2.3"},
	    {"${V//./-}", "1-2-3"},
	    {"${V//./}", "123"},
	    {"${V/.}", "12.3"},
	    {"${V//}", "1.2.3"},
	    {"${FOO#", "error 74"},
	    {"${V/./-", "error 74"},
	};

	df_env_init(&env);
	T_EQ_INT(
	    df_env_set(A, &env, STR("FOO"), STR("/bar"), true, true, &err), 0);
	T_EQ_INT(
	    df_env_set(A, &env, STR("EMPTY"), STR(""), true, true, &err), 0);
	T_EQ_INT(
	    df_env_set(A, &env, STR("V"), STR("1.2.3"), true, true, &err), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = expand1(&env, cases[i].in, '\\', NULL);

		if (strcmp(got, cases[i].want) != 0)
			T_NOTE("case %s", cases[i].in);
		T_EQ_STR(got, cases[i].want);
	}
	/* With the backtick escape, \ is an ordinary character. */
	T_EQ_STR(expand1(&env, "C:\\dir\\$FOO", '`', NULL), "C:\\dir\\/bar");
	T_EQ_STR(expand1(&env, "`$FOO", '`', NULL), "$FOO");
	/* Unset or unknown variables mark the result unresolved. */
	{
		bool u = false;

		(void)expand1(&env, "$FOO", '\\', &u);
		T_OK(!u);
		(void)expand1(&env, "$NOPE", '\\', &u);
		T_OK(u);
		/* Wildcard patterns are not evaluated: the value, unresolved. */
		T_EQ_STR(expand1(&env, "${V%.*}", '\\', &u), "1.2.3");
		T_OK(u);
	}
	/* Words: unquoted whitespace, expansions included, splits. */
	{
		struct df_lex lx = {
		    .a = A, .escape = '\\', .env = &env, .budget = 1000};
		struct str *w;
		size_t n = 0;

		T_EQ_INT(df_env_set(
			     A, &env, STR("TWO"), STR("x y"), true, true, &err),
		    0);
		T_EQ_INT(df_words_expand(&lx,
			     STR("a \"b c\" $TWO \"$TWO\" "
				 "d\\ e"),
			     &w, &n, &err),
		    0);
		T_EQ_INT(n, 6);
		if (n == 6) {
			T_EQ_STR(z(w[0]), "a");
			T_EQ_STR(z(w[1]), "b c");
			T_EQ_STR(z(w[2]), "x");
			T_EQ_STR(z(w[3]), "y");
			T_EQ_STR(z(w[4]), "x y");
			T_EQ_STR(z(w[5]), "d e");
		}
	}
	df_env_fini(&env);
}

static void
test_expand_limits(void)
{
	struct df_env env;
	struct ward_err err = {0};
	struct buf b;
	const char *got;

	df_env_init(&env);
	/* Nesting: at the limit works, one more level fails. */
	buf_init(&b, 1 << 20);
	for (int i = 0; i < DOCKERFILE_SUBST_DEPTH_MAX; i++)
		(void)buf_puts(&b, "${X:-");
	(void)buf_puts(&b, "deep");
	for (int i = 0; i < DOCKERFILE_SUBST_DEPTH_MAX; i++)
		(void)buf_putc(&b, '}');
	T_EQ_STR(expand1(&env, buf_cstr(&b), '\\', NULL), "deep");
	buf_reset(&b);
	for (int i = 0; i <= DOCKERFILE_SUBST_DEPTH_MAX; i++)
		(void)buf_puts(&b, "${X:-");
	(void)buf_puts(&b, "deep");
	for (int i = 0; i <= DOCKERFILE_SUBST_DEPTH_MAX; i++)
		(void)buf_putc(&b, '}');
	T_EQ_STR(expand1(&env, buf_cstr(&b), '\\', NULL), "error 27");
	/* One word: exactly DOCKERFILE_EXPAND_MAX bytes, then one more. */
	buf_reset(&b);
	buf_fini(&b);
	buf_init(&b, DOCKERFILE_EXPAND_MAX + 16);
	for (size_t i = 0; i < DOCKERFILE_EXPAND_MAX / 2; i++)
		(void)buf_putc(&b, 'a');
	T_EQ_INT(
	    df_env_set(A, &env, STR("H"), buf_str(&b), true, true, &err), 0);
	got = expand1(&env, "$H$H", '\\', NULL);
	T_EQ_INT(strlen(got), DOCKERFILE_EXPAND_MAX);
	got = expand1(&env, "${H}${H}x", '\\', NULL);
	T_OK(strcmp(got, "error 27") == 0); /* not printed: 1 MiB */
	/* The budget of a file: spent, the next byte fails. */
	{
		struct df_lex lx = {
		    .a = A, .escape = '\\', .env = &env, .budget = 3};
		struct str out;

		T_EQ_INT(df_word_expand(&lx, STR("abc"), &out, &err), 0);
		T_EQ_INT(df_word_expand(&lx, STR("d"), &out, &err), -EFBIG);
	}
	buf_fini(&b);
	/* Variables in one stage: DOCKERFILE_VARS_MAX names, not one more. */
	for (unsigned i = 0; env.n < DOCKERFILE_VARS_MAX; i++) {
		char *n = arena_printf(A, "V%u", i);

		if (df_env_set(
			A, &env, str_from(n), STR("1"), true, true, &err) < 0)
			break;
	}
	T_EQ_INT(env.n, DOCKERFILE_VARS_MAX);
	T_EQ_INT(
	    df_env_set(A, &env, STR("ONE_MORE"), STR("1"), true, true, &err),
	    -EFBIG);
	T_EQ_INT(df_env_set(A, &env, STR("V1"), STR("2"), true, true, &err),
	    0); /* replacing is always fine */
	df_env_fini(&env);
}

/* ---- the shell splitter ---- */

static void
test_shell(void)
{
	struct df_scmd *c;
	size_t n;

	n = df_shell_split(A,
	    STR("DEBIAN_FRONTEND=noninteractive sudo -u root apt-get "
		"install -y 'a b' && curl -fsSL \"$U\" | sh -s -- x; "
		"echo $(cat f | wc -l) > /dev/null 2>&1 # comment && x\n"
		"if true; then cd /x; fi"),
	    &c);
	T_EQ_INT(n, 7);
	if (n < 7)
		return;
	T_EQ_INT(c[0].cmd, 4); /* past the assignment, sudo, -u root */
	T_OK(c[0].sudo);
	T_EQ_STR(z(c[0].w[c[0].cmd]), "apt-get");
	T_EQ_STR(z(c[0].w[c[0].n - 1]), "a b");
	T_OK(c[1].pipe && !c[0].pipe);
	T_EQ_STR(z(c[2].w[0]), "sh");
	T_EQ_INT(c[3].n, 2); /* the redirection targets are dropped */
	T_EQ_STR(z(c[3].w[1]), "$(cat f | wc -l)");
	T_EQ_STR(z(c[4].w[c[4].cmd]), "true"); /* past "if" */
	T_EQ_STR(z(c[5].w[c[5].cmd]), "cd");
	T_EQ_INT(c[6].n - c[6].cmd, 0); /* "fi" */
	T_EQ_STR(z(df_basename(STR("/usr/bin/apt-get"))), "apt-get");
}

/* ---- rules: one bad and one good example each ---- */

static const struct {
	const char *id;
	const char *bad;
	const char *lines; /* expected lines in 'bad' */
	const char *good;
} rules[] = {
    /* DF-001: the last USER of the final stage is root or 0; a builder
       stage's USER root does not matter. */
    {"WARD-DF-001", "FROM alpine:3\nUSER app\nUSER 0:0\n", "3",
	"FROM alpine:3 AS b\nUSER root\nFROM alpine:3\nUSER root\nUSER app\n"},
    {"WARD-DF-001", "FROM alpine:3\nARG U=root\nUSER $U\n", "3",
	"FROM alpine:3\nUSER 1000:1000\n"},
    /* Scopes, from the reference's ARG section: a global ARG is seen
       in a stage only when declared again there (bad: redeclared; good:
       not, so $U is unset and nothing is judged). */
    {"WARD-DF-001", "ARG U=root\nFROM a:1\nARG U\nUSER $U\n", "4",
	"ARG U=root\nFROM a:1\nUSER $U\n"},
    /* ENV always overrides an ARG of the same name. */
    {"WARD-DF-001", "FROM a:1\nARG U=app\nENV U=root\nUSER $U\n", "4",
	"FROM a:1\nENV U=app\nARG U=root\nUSER $U\n"},
    /* Values in one ENV see the variables from before it: after
       ENV abc=bye def=$abc, def is the old abc. */
    {"WARD-DF-001", "FROM a:1\nENV U=root\nENV U=app V=$U\nUSER $V\n", "4",
	"FROM a:1\nENV U=root\nENV U=app\nENV V=$U\nUSER $V\n"},
    /* A stage built on another keeps its ENV, not its ARGs. */
    {"WARD-DF-001", "FROM a:1 AS b\nENV U=root\nFROM b\nUSER $U\n", "4",
	"FROM a:1 AS b\nARG U=root\nFROM b\nUSER $U\n"},
    /* DF-002: no USER in the final stage (nor in a stage it builds on) */
    {"WARD-DF-002", "FROM alpine:3 AS b\nUSER app\nFROM alpine:3\nRUN x\n", "3",
	"FROM alpine:3 AS b\nUSER app\nFROM b\nRUN x\n"},
    /* distroless :nonroot images set USER 65532 themselves */
    {"WARD-DF-002", "FROM gcr.io/distroless/static:latest\n", "1",
	"FROM gcr.io/distroless/static:nonroot AS r\nFROM r\n"},
    /* Windows: ContainerAdministrator is the administrator */
    {"WARD-DF-001",
	"FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"
	"USER ContainerAdministrator\n",
	"2",
	"FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n"
	"USER ContainerUser\n"},
    /* DF-003/004: tags; ARGs before FROM resolve; scratch, digests and
       stage names pass. */
    {"WARD-DF-003", "ARG V=latest\nFROM alpine:${V}\nUSER a\n", "2",
	"ARG V=3.20\nFROM alpine:${V}\nFROM scratch\nUSER a\n"},
    {"WARD-DF-003", "FROM alpine:3 AS b\nCOPY --from=nginx:latest /a /b\n", "2",
	"FROM alpine:3 AS b\nFROM b\nCOPY --from=b /a /b\n"},
    {"WARD-DF-004", "FROM localhost:5000/team/img\n", "1",
	"FROM localhost:5000/team/img@sha256:"
	"0123456789012345678901234567890123456789012345678901234567890123\n"},
    {"WARD-DF-004", "FROM ubuntu\n", "1",
	"FROM alpine:3 AS base\nFROM BASE\n"}, /* names: any case */
    /* DF-005/006 */
    {"WARD-DF-005", "FROM a:1\nADD https://x.example/f.tgz /f\n", "2",
	"FROM a:1\nADD --checksum=sha256:abc https://x.example/f.tgz /f\n"},
    {"WARD-DF-006", "FROM a:1\nADD conf.yaml /etc/\n", "2",
	"FROM a:1\nADD rootfs.tar.xz /\nCOPY conf.yaml /etc/\n"},
    /* DF-007: piping a download into a shell, directly or via sh -c */
    {"WARD-DF-007",
	"FROM a:1\nRUN curl -fsSL https://x.example/i.sh | "
	"sudo bash -\n",
	"2",
	"FROM a:1\nRUN curl -fsSLo i.sh https://x.example/i.sh && "
	"sha256sum -c s && sh i.sh\n"},
    {"WARD-DF-007", "FROM a:1\nRUN sh -c \"$(wget -qO- https://x/i)\"\n", "2",
	"FROM a:1\nRUN wget -qO- https://x/f.tgz | tar xz\n"},
    /* DF-008/009: secret names with literal values (not references,
       not names of files holding them, not public GPG keys) */
    {"WARD-DF-008", "FROM a:1\nENV DB_PASSWORD=hunter2 X=1\n", "2",
	"FROM a:1\nENV DB_PASSWORD=$DB_PASSWORD PASSWORD_FILE=/run/s "
	"GPG_KEY=0D96DF4D\n"},
    /* ENV copying a declared build argument bakes its value into the
       image; a reference to nothing declared expands to nothing. */
    {"WARD-DF-008", "FROM a:1\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n",
	"3", "FROM a:1\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm x\n"},
    /* the 70th pair of one ENV is read like the first */
    {"WARD-DF-008",
	"FROM a:1\nENV A1=1 A2=1 A3=1 A4=1 A5=1 A6=1 A7=1 A8=1 "
	"A9=1 A10=1 A11=1 A12=1 A13=1 A14=1 A15=1 A16=1 A17=1 "
	"A18=1 A19=1 A20=1 A21=1 A22=1 A23=1 A24=1 A25=1 A26=1 "
	"A27=1 A28=1 A29=1 A30=1 A31=1 A32=1 A33=1 A34=1 A35=1 "
	"A36=1 A37=1 A38=1 A39=1 A40=1 A41=1 A42=1 A43=1 A44=1 "
	"A45=1 A46=1 A47=1 A48=1 A49=1 A50=1 A51=1 A52=1 A53=1 "
	"A54=1 A55=1 A56=1 A57=1 A58=1 A59=1 A60=1 A61=1 A62=1 "
	"A63=1 A64=1 A65=1 A66=1 A67=1 A68=1 A69=1 TOKEN=x\n",
	"2", "FROM a:1\nENV TOKEN=\n"},
    {"WARD-DF-008", "FROM a:1\nENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI\n", "2",
	"FROM a:1\nENV KEYBOARD=us\n"},
    {"WARD-DF-009", "ARG GITHUB_TOKEN=ghp_abc\nFROM a:1\n", "1",
	"ARG GITHUB_TOKEN\nFROM a:1\nARG API_KEY=\n"},
    /* DF-010 */
    {"WARD-DF-010", "FROM a:1\nRUN sudo apt-get update\n", "2",
	"FROM a:1\nRUN echo sudo\n"},
    /* DF-011/012 */
    {"WARD-DF-011", "FROM a:1\nRUN --security=insecure make\n", "2",
	"FROM a:1\nRUN --security=sandbox make\n"},
    {"WARD-DF-012", "FROM a:1\nRUN --network=host make\n", "2",
	"FROM a:1\nRUN --network=none make\n"},
    /* DF-013: at the final FROM; inherited from a parent stage counts */
    {"WARD-DF-013", "FROM a:1\nHEALTHCHECK CMD x\nFROM b:1\n", "3",
	"FROM a:1 AS b\nHEALTHCHECK CMD x\nFROM b\n"},
    {"WARD-DF-013", "FROM a:1\nHEALTHCHECK NONE\n", "1",
	"FROM a:1\nHEALTHCHECK --interval=5s CMD curl -f http://l/\n"},
    /* DF-014: 22 alone, with a protocol, or inside a range */
    {"WARD-DF-014", "FROM a:1\nEXPOSE 80 22/tcp\nEXPOSE 20-30\n", "2,3",
	"FROM a:1\nEXPOSE 2222 80/udp 220\n"},
    /* DF-015/016/017/018: apt */
    {"WARD-DF-015",
	"FROM a:1\nRUN apt-get install -y -o X=1 curl=7.1 "
	"vim\n",
	"2", "FROM a:1\nRUN apt-get install -y curl=7.1 ./local.deb $PKGS\n"},
    {"WARD-DF-016", "FROM a:1\nRUN apt-get -y install x=1\n", "2",
	"FROM a:1\nRUN apt-get -y install --no-install-recommends x=1\n"},
    {"WARD-DF-017", "FROM a:1\nRUN apt-get update && apt-get install -y x=1\n",
	"2",
	"FROM a:1 AS build\nRUN apt-get update && apt-get install -y x=1\n"
	"FROM a:1\nRUN apt-get update && apt-get install -y x=1 && "
	"rm -rf /var/lib/apt/lists/*\n"},
    {"WARD-DF-018", "FROM a:1\nRUN apt-get update\nRUN apk update\n", "2,3",
	"FROM a:1\nRUN apt-get update && apt-get install -y x\n"},
    /* DF-019/020: apk; --virtual's name is not a package */
    {"WARD-DF-019", "FROM a:1\nRUN apk add curl=8.0-r0\n", "2",
	"FROM a:1\nRUN apk add --no-cache curl=8.0-r0\n"},
    /* a cache mount keeps the cache out of the image */
    {"WARD-DF-019",
	"FROM a:1\nRUN --mount=type=cache,target=/tmp apk add "
	"x=1\n",
	"2",
	"FROM a:1\nRUN --mount=type=cache,target=/var/cache/apk/ apk add "
	"x=1\n"},
    {"WARD-DF-017",
	"FROM a:1\nRUN --mount=type=bind,target=/var/lib/apt/lists"
	" apt-get install -y x=1\n",
	"2",
	"FROM a:1\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing="
	"locked apt-get install -y x=1\n"},
    {"WARD-DF-021", "FROM a:1\nRUN pip install x==1\n", "2",
	"FROM a:1\nRUN --mount=type=cache,dst=/root/.cache/pip pip install "
	"x==1\n"},
    {"WARD-DF-020", "FROM a:1\nRUN apk add --no-cache curl\n", "2",
	"FROM a:1\nRUN apk add --no-cache --virtual .deps curl~8 'g>1'\n"},
    /* DF-021/022: pip */
    {"WARD-DF-021", "FROM a:1\nRUN pip3 install flask==3.0\n", "2",
	"FROM a:1\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0\n"
	"RUN python3 -m pip install --no-cache-dir -r req.txt\n"},
    {"WARD-DF-022",
	"FROM a:1\nRUN python -m pip install --no-cache-dir "
	"-i https://p/simple flask\n",
	"2",
	"FROM a:1\nRUN pip install --no-cache-dir -r r.txt ./pkg "
	"x==1 'y @ git+https://h/y'\n"},
    /* DF-023: npm */
    {"WARD-DF-023", "FROM a:1\nRUN npm install -g @angular/cli\n", "2",
	"FROM a:1\nRUN npm install -g @angular/cli@17.1.0 && npm ci && "
	"npm install\n"},
    /* DF-024/036: modes */
    {"WARD-DF-024",
	"FROM a:1\nRUN chmod -R 777 /app\n"
	"COPY --chmod=0666 a /a\nRUN chmod a+w x\n",
	"2,3,4",
	"FROM a:1\nRUN chmod 755 /app && chmod +x run && "
	"chmod u+w,go-w f\nCOPY --chmod=644 a /a\n"},
    {"WARD-DF-036", "FROM a:1\nRUN chmod 4755 /bin/x\nRUN chmod u+s y\n", "2,3",
	"FROM a:1\nRUN chmod 0755 /bin/x && chmod u-s y\n"},
    /* DF-025: relative WORKDIR unless an absolute one came before */
    {"WARD-DF-025", "FROM a:1\nWORKDIR app\n", "2",
	"FROM a:1\nWORKDIR /srv\nWORKDIR app\nFROM b:1\n"
	"WORKDIR C:\\\\app\n"},
    /* DF-026: the second CMD in a stage */
    {"WARD-DF-026", "FROM a:1\nCMD [\"a\"]\nCMD [\"b\"]\n", "3",
	"FROM a:1\nCMD [\"a\"]\nFROM b:1\nCMD [\"b\"]\n"},
    /* DF-027 */
    {"WARD-DF-027", "FROM a:1\nENTRYPOINT exec app\n", "2",
	"FROM a:1\nENTRYPOINT [\"app\"]\nCMD [\"--help\"]\n"},
    /* DF-028 */
    {"WARD-DF-028", "FROM a:1\nRUN cd /src && make\n", "2",
	"FROM a:1\nWORKDIR /src\nRUN make\n"},
    /* DF-029: credential files by path component */
    {"WARD-DF-029",
	"FROM a:1\nCOPY .ssh/id_rsa /root/.ssh/\n"
	"ADD [\"home/.aws\", \"/root/\"]\nCOPY .env /app/\n",
	"2,3,4", "FROM a:1\nCOPY id_rsa.pub .env.example /app/\n"},
    /* DF-030: user:password in a URL */
    {"WARD-DF-030",
	"FROM a:1\nRUN git clone https://bob:s3cret@git.example"
	"/r.git\n",
	"2",
	"FROM a:1\nRUN git clone https://git.example/r.git && "
	"echo a@b:c\n"},
    /* DF-031: TLS off */
    {"WARD-DF-031",
	"FROM a:1\nRUN curl -fsSLk https://x/f -o f\n"
	"RUN wget --no-check-certificate https://x\n"
	"ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n"
	"RUN pip install --no-cache-dir --trusted-host p x==1\n",
	"2,3,4,5", "FROM a:1\nRUN curl -fsSLo k https://x/f\n"},
    /* DF-032 */
    {"WARD-DF-032", "FROM a:1\nMAINTAINER me@example.com\n", "2",
	"FROM a:1\nLABEL org.opencontainers.image.authors=me\n"},
    /* DF-033: final stage only */
    {"WARD-DF-033", "FROM a:1\nRUN dnf install -y x\n", "2",
	"FROM a:1\nRUN yum install -y x && yum clean all\n"},
    /* DF-033 for zypper: install leaves repository metadata in
     * /var/cache/zypp (zypper(8), "clean"; hadolint DL3036). Found
     * against Trivy's DS020 in docs/config-comparison.md. */
    {"WARD-DF-033", "FROM a:1\nRUN zypper -n install git\n", "2",
	"FROM a:1\nRUN zypper -n in git && zypper clean -a\n"
	"RUN zypper install -y x && zypper cc\n"
	"RUN zypper in y; rm -rf /var/cache/zypp\n"},
    /* DF-034 */
    {"WARD-DF-034",
	"FROM a:1\nRUN apt-get install --allow-unauthenticated "
	"-y x\nRUN apk add --allow-untrusted y.apk\n",
	"2,3", "FROM a:1\nRUN apk add --no-cache y=1\n"},
    /* DF-035 */
    {"WARD-DF-035", "FROM a:1\nRUN apt-get install -y openssh-server\n", "2",
	"FROM a:1\nRUN apt-get install -y openssh-client\n"},
    /* DF-037: plain http downloads, localhost excepted */
    {"WARD-DF-037", "FROM a:1\nRUN wget http://x.example/f\n", "2",
	"FROM a:1\nRUN curl http://localhost:8080/health\n"},
    /* DF-038 */
    {"WARD-DF-038", "FROM a:1\nCMD ['app']\n", "2",
	"FROM a:1\nCMD [\"app\"]\n"},
};

static void
test_rules(void)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		struct config_result bad = scan(rules[i].bad);
		struct config_result good = scan(rules[i].good);
		const char *got = lines_of(&bad, rules[i].id);

		if (strcmp(got, rules[i].lines) != 0)
			T_NOTE("%s bad example %zu", rules[i].id, i);
		T_EQ_STR(got, rules[i].lines);
		if (has(&good, rules[i].id))
			T_NOTE("%s good example %zu: lines %s", rules[i].id, i,
			    lines_of(&good, rules[i].id));
		T_OK(!has(&good, rules[i].id));
	}
}

/* Every WARD-DF rule has a bad example above. */
static void
test_rules_covered(void)
{
	size_t n = cfg_dockerfile_nrules;

	T_OK(n >= 25);
	for (size_t r = 0; r < n; r++) {
		bool found = false;

		for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
			if (strcmp(rules[i].id, cfg_dockerfile_rules[r].id) ==
				0 &&
			    rules[i].lines[0])
				found = true;
		if (!found)
			T_NOTE("no example for %s", cfg_dockerfile_rules[r].id);
		T_OK(found);
		T_OK(cfg_dockerfile_rules[r].title[0] &&
		    cfg_dockerfile_rules[r].remediation[0] &&
		    cfg_dockerfile_rules[r].refs[0]);
	}
}

/* ---- dockerfile-ast as an oracle for instruction boundaries ---- */

#define DATA WARD_TEST_SRCDIR "/unit/data"

static struct str
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	buf_init(&b, 1u << 24);
	if (!fp)
		return STR_NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		(void)buf_append(&b, chunk, n);
	fclose(fp);
	{
		struct str s =
		    str_make(arena_memdup(A, b.p ? b.p : "", b.len), b.len);

		buf_fini(&b);
		return s;
	}
}

/* What ward's parser says, in dockerfile-ast-dump.js's format. */
static const char *
describe(struct str text)
{
	struct df_file f;
	struct ward_err err = {0};
	uint32_t line = 0;
	char *out;

	if (df_parse(A, text, &f, &line, &err) < 0)
		return arena_printf(A, "error %u\n", line);
	out =
	    arena_printf(A, "escape \"%s\"\n", f.escape == '`' ? "`" : "\\\\");
	for (size_t i = 0; i < f.n; i++)
		out = arena_printf(A, "%s%s %u %u\n", out,
		    df_cmd_name(f.v[i].cmd), f.v[i].line, f.v[i].end_line);
	return out;
}

static void
test_oracle(void)
{
	struct str exp = slurp(DATA "/dockerfile-ast.expected"), line;
	char *want = NULL, *name = NULL;
	int files = 0;

	if (exp.p == NULL) {
		T_SKIP("tests/unit/data/dockerfile-ast.expected not found");
		return;
	}
	/* A sentinel block flushes the last one. */
	exp = str_from(arena_printf(A, "%.*s== \n", STR_FMT(exp)));
	while (str_next_line(&exp, &line)) {
		if (str_starts_with(line, STR("#")))
			continue;
		if (!str_starts_with(line, STR("== "))) {
			if (want)
				want = arena_printf(
				    A, "%s%.*s\n", want, STR_FMT(line));
			continue;
		}
		if (name) {
			struct str text = slurp(
			    arena_printf(A, "%s/dockerfile/%s", DATA, name));
			const char *got = describe(text);

			if (strcmp(got, want) != 0)
				T_NOTE("%s", name);
			T_EQ_STR(got, want);
			files++;
		}
		name = arena_strz(A, str_sub(line, 3, line.len));
		want = arena_strdup(A, "");
	}
	T_OK(files >= 20);
}

/* ---- real-world-shaped files: exactly the expected findings ---- */

/* "line:ID" of every finding, in report order, separated by spaces. */
static const char *
all_findings(const char *file)
{
	struct str text = slurp(arena_printf(A, "%s/%s", DATA, file));
	struct config_result r = scan_named(file, text);
	char *out = arena_strdup(A, "");

	for (size_t i = 0; i < r.n; i++)
		out = arena_printf(A, "%s%s%u:%s", out, *out ? " " : "",
		    r.v[i].line, r.v[i].rule->id + 5);
	return out;
}

static void
test_real_world(void)
{
	/* python: the official image's shape. apt installs without
	   versions (13, 25), cd in the build RUN (25), and the final stage
	   (FROM at 4) has neither USER nor HEALTHCHECK. --no-install-
	   recommends and the lists cleanup are there; GPG_KEY is public. */
	T_EQ_STR(all_findings("dockerfile/python.Dockerfile"),
	    "13:DF-015 25:DF-015 25:DF-028 4:DF-002 4:DF-013");
	/* node: pinned bases, npm ci, USER app, HEALTHCHECK on 127.0.0.1,
	   exec-form CMD: nothing to report. */
	T_EQ_STR(all_findings("dockerfile/node.Dockerfile"), "");
	/* Docker's Go sample: apk add under a cache mount needs no
	   --no-cache but its packages are unpinned (14); no HEALTHCHECK in
	   the final stage (13). golang:${GO_VERSION}-alpine resolves to a
	   tag. */
	T_EQ_STR(
	    all_findings("dockerfile/go.Dockerfile"), "14:DF-020 13:DF-013");
	/* compose: proxy mounts docker.sock (14) and is writable (6); db
	   has an untagged image (17), a literal password (20), 5432 on every
	   interface (23) and is writable (16); cadvisor uses :latest (27),
	   is privileged (28), has a device (29), mounts / (32), /var/run,
	   which holds the socket (33), /sys (34) and /var/lib/docker (35),
	   and is writable (26); app is clean (its secrets are
	   interpolated). */
	T_EQ_STR(all_findings("compose-shop.yaml"),
	    "14:COMPOSE-006 6:COMPOSE-013 "
	    "20:COMPOSE-014 23:COMPOSE-018 16:COMPOSE-013 17:COMPOSE-019 "
	    "28:COMPOSE-001 32:COMPOSE-007 33:COMPOSE-006 34:COMPOSE-007 "
	    "35:COMPOSE-007 26:COMPOSE-013 29:COMPOSE-015 27:COMPOSE-019");
	/* ECS: the docker.sock host volume (21); container web (mapping at
	   4) has a writable root and no user; STRIPE_SECRET_KEY is a literal
	   (13) while DB_PASSWORD_PARAM names a parameter. */
	T_EQ_STR(all_findings("ecs-webserver.json"),
	    "21:ECS-010 4:ECS-002 4:ECS-003 13:ECS-004");
}

/* ---- hostile input and limits ---- */

/* A text built of 'n' copies of 'unit' between 'head' and 'tail'. */
static struct str
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *p = arena_alloc(A, hl + ul * n + tl + 1);
	size_t o = hl;

	memcpy(p, head, hl);
	for (size_t i = 0; i < n; i++, o += ul)
		memcpy(p + o, unit, ul);
	memcpy(p + o, tail, tl + 1);
	return str_make(p, o + tl);
}

static int
parse_s(struct str text, struct df_file *f, uint32_t *line)
{
	struct ward_err err = {0};
	int r = df_parse(A, text, f, line, &err);

	if (r < 0)
		T_OK(err.msg[0] != '\0');
	return r;
}

/* The one WARD-CONFIG-SYNTAX finding's line, or 0. */
static uint32_t
syntax_line(struct str text)
{
	struct config_result r = scan_named("Dockerfile", text);

	for (size_t i = 0; i < r.n; i++)
		if (strcmp(r.v[i].rule->id, "WARD-CONFIG-SYNTAX") == 0)
			return r.v[i].line;
	return 0;
}

static void
test_hostile(void)
{
	struct df_file f;
	uint32_t line = 0;
	struct str t;
	size_t before;

	/* 100,000 continuation lines: parses, in memory proportional to
	   the text, and the checks still see the RUN (line 2). */
	t = repeat(
	    "FROM a:1\nRUN apt-get install \\\n", "  x \\\n", 100000, "  y\n");
	before = arena_used(A);
	T_EQ_INT(parse_s(t, &f, NULL), 0);
	T_EQ_INT(f.n, 2);
	T_EQ_INT(f.v[1].end_line, 100003);
	T_OK(arena_used(A) - before < 4 * t.len + 65536);
	{
		struct config_result r = scan_named("Dockerfile", t);

		T_EQ_STR(lines_of(&r, "WARD-DF-016"), "2");
	}
	/* Continuation lines of one instruction: at the limit and over. */
	t = repeat(
	    "FROM a\nRUN \\\n", "\\\n", DOCKERFILE_CONT_LINES_MAX - 2, "x\n");
	T_EQ_INT(parse_s(t, &f, NULL), 0);
	t = repeat(
	    "FROM a\nRUN \\\n", "\\\n", DOCKERFILE_CONT_LINES_MAX - 1, "x\n");
	T_EQ_INT(parse_s(t, &f, &line), -EFBIG);
	T_EQ_INT(line, 2);
	/* A 10 MB line is over DOCKERFILE_LINE_MAX: a finding, line 2. */
	t = repeat("FROM a\nRUN echo ", "a", 10u << 20, "\n");
	T_EQ_INT(parse_s(t, &f, &line), -EFBIG);
	T_EQ_INT(line, 2);
	T_EQ_INT(syntax_line(t), 2);
	/* Exactly DOCKERFILE_LINE_MAX bytes is fine, one more is not. */
	t = repeat("RUN ", "a", DOCKERFILE_LINE_MAX - 4, "\n");
	T_EQ_INT(parse_s(t, &f, NULL), 0);
	t = repeat("RUN ", "a", DOCKERFILE_LINE_MAX - 3, "\n");
	T_EQ_INT(parse_s(t, &f, NULL), -EFBIG);
	/* The file: CONFIG_FILE_MAX bytes parse, one more does not. */
	t = repeat("FROM a\n", "#", CONFIG_FILE_MAX - 8, "\n");
	T_EQ_INT(t.len, CONFIG_FILE_MAX);
	T_EQ_INT(parse_s(t, &f, NULL), -EFBIG); /* the comment line */
	t = repeat("", "#234567\n", CONFIG_FILE_MAX / 8, "");
	T_EQ_INT(parse_s(t, &f, NULL), 0);
	t = repeat("", "#234567\n", CONFIG_FILE_MAX / 8, "\n");
	T_EQ_INT(parse_s(t, &f, NULL), -EFBIG);
	/* Instructions: at the limit and one more. */
	t = repeat("", "USER a\n", DOCKERFILE_INSTRS_MAX, "");
	T_EQ_INT(parse_s(t, &f, NULL), 0);
	T_EQ_INT(f.n, DOCKERFILE_INSTRS_MAX);
	t = repeat("", "USER a\n", DOCKERFILE_INSTRS_MAX + 1, "");
	T_EQ_INT(parse_s(t, &f, &line), -EFBIG);
	T_EQ_INT(line, DOCKERFILE_INSTRS_MAX + 1);
	/* Heredocs of one instruction: at the limit and one more. */
	{
		struct str marks =
		    repeat("RUN", " <<E", DOCKERFILE_HEREDOCS_MAX, "\n");
		struct str bodies =
		    repeat("", "E\n", DOCKERFILE_HEREDOCS_MAX, "");

		t = str_from(arena_printf(
		    A, "FROM a\n%.*s%.*s", STR_FMT(marks), STR_FMT(bodies)));
		T_EQ_INT(parse_s(t, &f, NULL), 0);
		T_EQ_INT(f.v[1].nheredocs, DOCKERFILE_HEREDOCS_MAX);
		t = str_from(arena_printf(A, "FROM a\n%.*s <<E\n%.*sE\n",
		    (int)marks.len - 1, marks.p, STR_FMT(bodies)));
		T_EQ_INT(parse_s(t, &f, &line), -EFBIG);
		T_EQ_INT(line, 2);
	}
	/* Stages: DOCKERFILE_STAGES_MAX FROMs are checked, one more is a
	   finding. */
	t = repeat("", "FROM a:1\n", DOCKERFILE_STAGES_MAX, "USER x\n");
	T_EQ_INT(syntax_line(t), 0);
	t = repeat("", "FROM a:1\n", DOCKERFILE_STAGES_MAX + 1, "");
	T_EQ_INT(syntax_line(t), 1);
	/* Unterminated heredoc and JSON, NUL bytes, invalid UTF-8. */
	T_EQ_INT(syntax_line(STR("FROM a\nUSER x\nCOPY <<EOF /x\nabc\n")), 3);
	{
		struct config_result r =
		    scan("FROM a:1\nUSER x\nENTRYPOINT [\"/app\", \n");

		T_EQ_STR(lines_of(&r, "WARD-DF-038"), "3");
	}
	{
		static const char nul[] = "FROM a:1\nUSER \0root\nRUN x\0y\n"
					  "\0FROM\n";
		struct config_result r =
		    scan_named("Dockerfile", str_make(nul, sizeof(nul) - 1));

		/* The NUL-led line is no instruction: a finding, line 4. */
		T_EQ_STR(lines_of(&r, "WARD-CONFIG-SYNTAX"), "4");
		/* The message shows the NUL escaped. */
		for (size_t i = 0; i < r.n; i++)
			if (strcmp(r.v[i].rule->id, "WARD-CONFIG-SYNTAX") == 0)
				T_OK(strstr(r.v[i].message, "'\\x00FROM'") !=
				    NULL);
	}
	{
		struct config_result r =
		    scan("FROM a:1\nENV \xff\xfeX_SECRET=x\xc3"
			 "\nUSER \xff\n");

		T_OK(!has(&r, "WARD-CONFIG-SYNTAX"));
		T_EQ_STR(lines_of(&r, "WARD-DF-008"), "2");
	}
	/* sh -c "sh -c \"...\"": curl|sh is found DOCKERFILE_SHELL_DEPTH_MAX
	   levels down, not one deeper. */
	for (int extra = 0; extra <= 1; extra++) {
		char *script = arena_strdup(A, "curl -s https://x/i | sh");
		struct config_result r;

		for (int k = 0; k < DOCKERFILE_SHELL_DEPTH_MAX + extra; k++) {
			char *q = arena_alloc(A, 2 * strlen(script) + 16);
			size_t o = 0;

			o += (size_t)snprintf(q, 16, "sh -c \"");
			for (const char *c = script; *c; c++) {
				if (*c == '"' || *c == '\\')
					q[o++] = '\\';
				q[o++] = *c;
			}
			q[o++] = '"';
			q[o] = '\0';
			script = q;
		}
		r = scan(arena_printf(A, "FROM a:1\nRUN %s\n", script));
		T_EQ_STR(lines_of(&r, "WARD-DF-007"), extra ? "" : "2");
	}
	/* Expansion bombs: each ENV doubles the value; the budget of the
	   file ends it with a finding rather than memory. */
	{
		struct buf b;
		struct config_result r;

		buf_init(&b, 1 << 20);
		(void)buf_puts(&b, "FROM a:1\nENV A0=aaaaaaaaaaaaaaaa\n");
		for (int i = 1; i < 64; i++)
			(void)buf_printf(
			    &b, "ENV A%d=$A%d$A%d\n", i, i - 1, i - 1);
		r = scan_named("Dockerfile", buf_str(&b));
		T_OK(has(&r, "WARD-CONFIG-SYNTAX"));
		buf_fini(&b);
	}
}

/* ---- Compose ---- */

#define SVC "services:\n  web:\n    image: a:1\n    read_only: true\n"

static const struct {
	const char *id;
	const char *bad;
	const char *lines;
	const char *good;
} compose[] = {
    /* Compose spec, service attributes; lines are the offending key's. */
    {"WARD-COMPOSE-001", SVC "    privileged: true\n", "5",
	SVC "    privileged: false\n"},
    {"WARD-COMPOSE-002", SVC "    network_mode: host\n", "5",
	SVC "    network_mode: bridge\n"},
    {"WARD-COMPOSE-003", SVC "    pid: host\n", "5",
	SVC "    pid: \"service:db\"\n"},
    {"WARD-COMPOSE-004", SVC "    ipc: host\n", "5",
	SVC "    ipc: shareable\n"},
    /* Docker grants NET_BIND_SERVICE and CHOWN by default. */
    {"WARD-COMPOSE-005",
	SVC "    cap_add:\n      - CHOWN\n      - SYS_ADMIN\n"
	    "      - cap_sys_nice\n",
	"7,8", SVC "    cap_add: [NET_BIND_SERVICE, CHOWN]\n"},
    /* short syntax, long syntax, and a named volume bound by
       driver_opts to the socket */
    {"WARD-COMPOSE-006",
	SVC "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n"
	    "      - type: bind\n        source: /run/containerd/"
	    "containerd.sock\n        target: /c.sock\n"
	    "      - sock:/s\nvolumes:\n  sock:\n    driver_opts:\n"
	    "      type: none\n      o: bind\n      device: /var/run/docker"
	    ".sock\n",
	"6,8,10",
	SVC "    volumes:\n      - ./data:/data\n      - dbdata:/var/lib/x\n"},
    /* the directory holding the socket is as good as the socket */
    {"WARD-COMPOSE-006", SVC "    volumes:\n      - /var/run/:/var/run:ro\n",
	"6", SVC "    volumes:\n      - /var/run/app:/var/run/app\n"},
    {"WARD-COMPOSE-007",
	SVC "    volumes:\n      - /etc:/host/etc:ro\n"
	    "      - /:/rootfs\n",
	"6,7",
	SVC "    volumes:\n      - /srv/app:/app\n      - /etcetera:/e\n"},
    {"WARD-COMPOSE-008", SVC "    security_opt:\n      - seccomp:unconfined\n",
	"6", SVC "    security_opt:\n      - seccomp:./profile.json\n"},
    {"WARD-COMPOSE-009", SVC "    security_opt: [\"apparmor=unconfined\"]\n",
	"5", SVC "    security_opt: [\"apparmor:docker-default\"]\n"},
    {"WARD-COMPOSE-010", SVC "    security_opt: [\"label:disable\"]\n", "5",
	SVC "    security_opt: [\"label:type:svirt_apache_t\"]\n"},
    {"WARD-COMPOSE-011", SVC "    security_opt: [no-new-privileges:false]\n",
	"5", SVC "    security_opt: [no-new-privileges:true]\n"},
    {"WARD-COMPOSE-012", SVC "    user: \"0:0\"\n", "5",
	SVC "    user: \"1000:1000\"\n"},
    {"WARD-COMPOSE-012", SVC "    user: root\n", "5", SVC "    user: app\n"},
    /* missing read_only points at the service's name */
    {"WARD-COMPOSE-013", "services:\n  web:\n    image: a:1\n", "2", SVC},
    {"WARD-COMPOSE-013", "services:\n  web:\n    read_only: false\n", "3", SVC},
    {"WARD-COMPOSE-014",
	SVC "    environment:\n      DB_PASSWORD: hunter2\n"
	    "      X: 1\n",
	"6",
	SVC "    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n"
	    "      DB_PASSWORD_FILE: /run/secrets/db\n      API_KEY:\n"},
    {"WARD-COMPOSE-014", SVC "    environment:\n      - API_KEY=abc123\n", "6",
	SVC "    environment:\n      - API_KEY\n      - TOKEN=\n"},
    {"WARD-COMPOSE-015", SVC "    devices:\n      - /dev/kvm:/dev/kvm\n", "5",
	SVC "    devices: []\n"},
    {"WARD-COMPOSE-016", SVC "    userns_mode: host\n", "5", SVC},
    {"WARD-COMPOSE-017", SVC "    uts: host\n", "5", SVC},
    /* 5432 on every interface; 2375 on 0.0.0.0; not 127.0.0.1, not 80 */
    {"WARD-COMPOSE-018",
	SVC "    ports:\n      - \"5432:5432\"\n"
	    "      - 0.0.0.0:2375:2375\n      - target: 22\n"
	    "        published: 2222\n",
	"6,7,8",
	SVC "    ports:\n      - \"127.0.0.1:5432:5432\"\n      - "
	    "\"8080:80\"\n      - target: 22\n        published: 2222\n"
	    "        host_ip: 127.0.0.1\n      - \"[::1]:6379:6379\"\n"},
    /* "22" alone publishes on a random host port on every interface; a
       range covering 2375 counts; "expose" publishes nothing. */
    {"WARD-COMPOSE-018",
	SVC "    ports:\n      - \"22\"\n"
	    "      - \"6000-6010:2370-2380\"\n",
	"6,7", SVC "    expose: [\"22\"]\n    ports: [\"10.0.0.5:22:22\"]\n"},
    {"WARD-COMPOSE-019",
	"services:\n  a:\n    image: nginx\n    read_only: "
	"true\n  b:\n    image: nginx:latest\n",
	"3,6",
	"services:\n  a:\n    image: nginx:1.27\n  b:\n    build: .\n"
	"    image: myapp\n  c:\n    image: ${IMG}\n"},
    {"WARD-COMPOSE-020", SVC "    security_opt: [systempaths=unconfined]\n",
	"5", SVC},
    {"WARD-COMPOSE-021", SVC "    cgroup: host\n", "5",
	SVC "    cgroup: private\n"},
    {"WARD-COMPOSE-022",
	SVC "    volumes:\n      - /srv/x:/x:rshared\n"
	    "      - type: bind\n        source: /srv/y\n"
	    "        target: /y\n        bind:\n"
	    "          propagation: shared\n",
	"6,11", SVC "    volumes:\n      - /srv/x:/x:ro,rprivate\n"},
};

static void
test_compose(void)
{
	for (size_t i = 0; i < sizeof(compose) / sizeof(compose[0]); i++) {
		struct config_result bad =
		    scan_named("compose.yaml", str_from(compose[i].bad));
		struct config_result good =
		    scan_named("compose.yaml", str_from(compose[i].good));
		const char *got = lines_of(&bad, compose[i].id);

		if (strcmp(got, compose[i].lines) != 0)
			T_NOTE("%s bad example %zu", compose[i].id, i);
		T_EQ_STR(got, compose[i].lines);
		if (has(&good, compose[i].id))
			T_NOTE("%s good example %zu", compose[i].id, i);
		T_OK(!has(&good, compose[i].id));
	}
	/* Every rule has an example; SYS_ADMIN is high, SYS_NICE medium. */
	for (size_t r = 0; r < cfg_compose_nrules; r++) {
		bool found = false;

		for (size_t i = 0; i < sizeof(compose) / sizeof(compose[0]);
		     i++)
			found |=
			    strcmp(compose[i].id, cfg_compose_rules[r].id) == 0;
		T_OK(found);
	}
	{
		struct config_result r = scan_named(
		    "c.yml", STR(SVC "    cap_add: [SYS_ADMIN, SYS_NICE]\n"));

		T_EQ_INT(r.n, 2);
		T_EQ_INT(r.v[0].severity, SEV_HIGH);
		T_EQ_INT(r.v[1].severity, SEV_MEDIUM);
		T_EQ_STR(r.v[0].resource, "service web");
	}
	/* YAML anchors and merge keys: the merged privileged counts. */
	{
		struct config_result r = scan_named("c.yml",
		    STR("x-base: &base\n  privileged: true\n  read_only: true\n"
			"services:\n  web:\n    <<: *base\n    image: a:1\n"));

		T_EQ_STR(lines_of(&r, "WARD-COMPOSE-001"), "2");
		T_EQ_INT(r.n, 1);
	}
}

/* ---- ECS ---- */

static const char ecs_bad[] =
    "{\n"
    "  \"family\": \"api\",\n"
    "  \"networkMode\": \"host\",\n" /* 3 */
    "  \"pidMode\": \"host\",\n" /* 4 */
    "  \"ipcMode\": \"host\",\n" /* 5 */
    "  \"volumes\": [\n"
    "    {\"name\": \"sock\", \"host\": {\"sourcePath\": "
    "\"/var/run/docker.sock\"}},\n" /* 7 */
    "    {\"name\": \"etc\", \"host\": {\"sourcePath\": \"/etc\"}}\n" /* 8 */
    "  ],\n"
    "  \"containerDefinitions\": [\n"
    "    {\n" /* 11 */
    "      \"name\": \"app\",\n"
    "      \"image\": \"repo/app:latest\",\n" /* 13 */
    "      \"privileged\": true,\n" /* 14 */
    "      \"readonlyRootFilesystem\": false,\n" /* 15 */
    "      \"user\": \"0\",\n" /* 16 */
    "      \"environment\": [\n"
    "        {\"name\": \"DB_PASSWORD\", \"value\": \"hunter2\"},\n" /* 18 */
    "        {\"name\": \"MODE\", \"value\": \"prod\"}\n"
    "      ],\n"
    "      \"linuxParameters\": {\n"
    "        \"capabilities\": {\"add\": [\"SYS_PTRACE\", \"CHOWN\"]},\n" /* 22 */
    "        \"devices\": [{\"hostPath\": \"/dev/fuse\"}]\n" /* 23 */
    "      },\n"
    "      \"dockerSecurityOptions\": [\"apparmor:unconfined\"]\n" /* 25 */
    "    },\n"
    "    {\"name\": \"side\", \"image\": \"busybox\"}\n" /* 27 */
    "  ]\n"
    "}\n";

static const char ecs_good[] =
    "{\"family\": \"api\", \"networkMode\": \"awsvpc\",\n"
    " \"volumes\": [{\"name\": \"d\", \"host\": {\"sourcePath\": "
    "\"/srv/data\"}}],\n"
    " \"containerDefinitions\": [{\"name\": \"app\",\n"
    "  \"image\": \"repo/app:1.2@sha256:abc\", \"privileged\": false,\n"
    "  \"readonlyRootFilesystem\": true, \"user\": \"1000:1000\",\n"
    "  \"environment\": [{\"name\": \"DB_PASSWORD_FILE\", \"value\": "
    "\"/run/s\"}, {\"name\": \"DB_PASSWORD_PARAM\", \"value\": "
    "\"/prod/db\"}, {\"name\": \"API_TOKEN\", \"value\": "
    "\"arn:aws:secretsmanager:us-east-1:1:secret:t\"}],\n"
    "  \"secrets\": [{\"name\": \"DB_PASSWORD\", \"valueFrom\": "
    "\"arn:aws:secretsmanager:x\"}],\n"
    "  \"linuxParameters\": {\"capabilities\": {\"add\": "
    "[\"NET_BIND_SERVICE\"], \"drop\": [\"ALL\"]}},\n"
    "  \"dockerSecurityOptions\": [\"no-new-privileges\"],\n"
    "  \"logConfiguration\": {\"logDriver\": \"awslogs\"}}]}\n";

static void
test_ecs(void)
{
	/* Expected from the TaskDefinition API: each field's line above. */
	static const struct {
		const char *id, *lines;
	} want[] = {
	    {"WARD-ECS-001", "14"},
	    {"WARD-ECS-002", "15,27"},
	    {"WARD-ECS-003", "16,27"},
	    {"WARD-ECS-004", "18"},
	    {"WARD-ECS-005", "3"},
	    {"WARD-ECS-006", "22"},
	    {"WARD-ECS-007", "11,27"},
	    {"WARD-ECS-008", "4"},
	    {"WARD-ECS-009", "5"},
	    {"WARD-ECS-010", "7"},
	    {"WARD-ECS-011", "8"},
	    {"WARD-ECS-012", "23"},
	    {"WARD-ECS-013", "25"},
	    {"WARD-ECS-014", "13,27"},
	};
	struct config_result bad = scan_named("task.json", STR(ecs_bad));
	struct config_result good = scan_named("task.json", STR(ecs_good));

	T_EQ_INT(cfg_ecs_nrules, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *got = lines_of(&bad, want[i].id);

		if (strcmp(got, want[i].lines) != 0)
			T_NOTE("%s", want[i].id);
		T_EQ_STR(got, want[i].lines);
		T_OK(!has(&good, want[i].id));
	}
	for (size_t i = 0; i < bad.n; i++)
		if (strcmp(bad.v[i].rule->id, "WARD-ECS-004") == 0) {
			T_EQ_STR(bad.v[i].resource, "family api");
			T_EQ_STR(bad.v[i].container, "app");
		}
	/* The describe-task-definition shape: {"taskDefinition": {...}}. */
	{
		struct config_opts opts = {0};
		struct config_result res = {0};
		struct cfg_ctx c = {.a = A,
		    .opts = &opts,
		    .res = &res,
		    .path = "d.json",
		    .kind = CONFIG_ECS};
		struct yaml_stream ys;
		struct ward_err err = {0};
		const char *text = "{\"taskDefinition\": {\"family\": \"f\",\n"
				   "\"containerDefinitions\": [{\"name\": "
				   "\"a\",\n\"privileged\": true}]}}\n";

		c.text = str_from(text);
		T_EQ_INT(yaml_parse(A, c.text, &ys, &err), 0);
		cfg_ecs_check(&c, yaml_resolve(ys.docs[0].root));
		T_EQ_STR(lines_of(&res, "WARD-ECS-001"), "3");
	}
}

int
main(void)
{
	A = arena_new();
	test_directives();
	test_continuations();
	test_heredocs();
	test_exec_form();
	test_expand();
	test_expand_limits();
	test_shell();
	test_oracle();
	test_real_world();
	test_rules();
	test_rules_covered();
	test_hostile();
	test_compose();
	test_ecs();
	arena_free(A);
	return t_done();
}
