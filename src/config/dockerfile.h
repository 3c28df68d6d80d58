#ifndef WARD_CONFIG_DOCKERFILE_H
#define WARD_CONFIG_DOCKERFILE_H

/*
 * The Dockerfile parser (dockerfile_parse.c), Docker's word expansion
 * (dockerfile_expand.c) and a small POSIX shell splitter for RUN
 * (dockerfile_shell.c), shared by the checks in dockerfile.c and by the
 * unit tests. Everything lives in the caller's arena; views point into
 * the text parsed or into the arena. The syntax followed is the one
 * documented at https://docs.docker.com/reference/dockerfile/ (see
 * docs/dockerfile.md for what is and is not covered).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct arena;
struct map;
struct ward_err;

enum df_cmd {
	DF_ADD = 1,
	DF_ARG,
	DF_CMD,
	DF_COPY,
	DF_ENTRYPOINT,
	DF_ENV,
	DF_EXPOSE,
	DF_FROM,
	DF_HEALTHCHECK,
	DF_LABEL,
	DF_MAINTAINER,
	DF_ONBUILD,
	DF_RUN,
	DF_SHELL,
	DF_STOPSIGNAL,
	DF_USER,
	DF_VOLUME,
	DF_WORKDIR,
};

/* "--name" or "--name=value" before an instruction's arguments. */
struct df_flag {
	struct str name; /* without the dashes */
	struct str value; /* raw (not expanded) */
	bool has_value;
};

struct df_heredoc {
	struct str name; /* the delimiter, quotes removed */
	struct str body; /* every line up to the delimiter, each ending "\n" */
	bool expand; /* delimiter not quoted: variables expand */
	bool strip_tabs; /* "<<-": leading tabs removed from each line */
	uint32_t line; /* of the first body line */
};

struct df_instr {
	enum df_cmd cmd;
	struct str keyword; /* as written ("run") */
	uint32_t line, col; /* of the keyword, 1-based */
	uint32_t end_line; /* last physical line (heredocs included) */
	struct str args; /* everything after the keyword, continuations
			    joined, comment lines dropped */
	struct df_flag *flags;
	size_t nflags;
	struct str rest; /* args after the flags */
	/* Exec (JSON) form for RUN, CMD, ENTRYPOINT, SHELL, COPY, ADD,
	   VOLUME: the decoded strings. */
	bool json;
	bool json_bad; /* 'rest' begins with '[' but is not a JSON array of
			  strings, so Docker runs it in shell form */
	struct str *argv;
	size_t argc;
	struct df_heredoc *heredocs; /* RUN, COPY, ADD */
	size_t nheredocs;
	enum df_cmd sub; /* ONBUILD: the trigger's instruction (0 if none) */
};

struct df_file {
	char escape; /* '\\' or '`' */
	struct str syntax; /* "# syntax=" value, or empty */
	uint32_t escape_line; /* line of "# escape=", 0 when absent */
	struct df_instr *v;
	size_t n;
};

/*
 * Parse a Dockerfile (untrusted). Returns 0; -EFBIG when the text, a
 * line, an instruction's continuation lines, the instruction count or
 * the heredocs of one instruction are over their DOCKERFILE_* limit;
 * -EBADMSG for an unknown instruction, a bad or repeated parser
 * directive or an unterminated heredoc. On failure *errline (when not
 * NULL) gets the line at fault and err names it; 'out' is untouched.
 */
int df_parse(struct arena *a, struct str text, struct df_file *out,
    uint32_t *errline, struct ward_err *err);

/* "RUN" for DF_RUN. */
const char *df_cmd_name(enum df_cmd c);

/* ---- Variables and expansion (dockerfile_expand.c) ---- */

struct df_var {
	struct str name;
	struct str value;
	bool known; /* false: declared without a value (ARG x), the value
		       comes from --build-arg */
	bool is_env; /* set by ENV (ENV wins over ARG of the same name) */
};

/* The variables in scope: a map from name to struct df_var (arena). */
struct df_env {
	struct map *m; /* heap: df_env_fini() */
	size_t n;
};

void df_env_init(struct df_env *e);
void df_env_fini(struct df_env *e);
/* Set or replace; -EFBIG past DOCKERFILE_VARS_MAX names. */
int df_env_set(struct arena *a, struct df_env *e, struct str name,
    struct str value, bool known, bool is_env, struct ward_err *err);
const struct df_var *df_env_get(const struct df_env *e, struct str name);
/* Copy the ENV variables of 'from' into 'to' (a stage built on another
   inherits its ENV; ARGs end with their stage). */
int df_env_copy(struct arena *a, struct df_env *to, const struct df_env *from,
    struct ward_err *err);

/* State of one expansion run: the budget is shared by a whole file. */
struct df_lex {
	struct arena *a;
	char escape;
	const struct df_env *env; /* may be NULL: nothing is set */
	size_t budget; /* bytes that may still be produced */
	bool unresolved; /* set when a variable used was unset or unknown */
};

/*
 * Docker's word processing: quotes removed, the escape character
 * honoured, $name, ${name} and ${name:-w} ${name-w} ${name:+w} ${name+w}
 * ${name:?w} ${name?w} expanded from lx->env ('w' expands in turn).
 * df_word_expand keeps whitespace (one word); df_words_expand splits at
 * unquoted whitespace, expansions included. Returns 0, -EBADMSG (quote
 * or brace not closed, bad substitution, ${x:?} of an unset variable)
 * or -EFBIG (a word over DOCKERFILE_EXPAND_MAX, the budget spent, or
 * nesting deeper than DOCKERFILE_SUBST_DEPTH_MAX).
 */
int df_word_expand(
    struct df_lex *lx, struct str in, struct str *out, struct ward_err *err);
int df_words_expand(struct df_lex *lx, struct str in, struct str **out,
    size_t *n, struct ward_err *err);

/*
 * Split at unquoted whitespace without expanding: quotes and escapes are
 * kept in the words ("key=value" pairs of ENV, ARG and LABEL). Never
 * fails; *out is in the arena.
 */
size_t
df_raw_words(struct arena *a, struct str in, char escape, struct str **out);
/* The same one word at a time from *pos; false at the end. */
bool df_raw_word_next(struct str in, size_t *pos, char escape, struct str *out);

/* ---- Shell commands of RUN (dockerfile_shell.c) ---- */

struct df_scmd {
	struct str *w; /* words, quotes removed; the command's own words
			  begin at w[cmd] */
	size_t n;
	size_t cmd; /* index past assignments and wrappers (sudo, env) */
	bool sudo; /* run through sudo */
	bool pipe; /* its output is piped into the next command */
};

/*
 * Split a shell script into simple commands, in order, the way sh would
 * tokenize it: quotes, backslashes, comments, operators (&& || ; & |
 * newline, parentheses, braces) and redirections (their targets are
 * dropped). Substitutions $(...) and `...` stay inside their word.
 * Best effort and linear; never fails. *out is in the arena.
 */
size_t df_shell_split(struct arena *a, struct str script, struct df_scmd **out);

/* A command from exec-form words (RUN ["apt-get", "install", "x"]). */
void df_scmd_init(struct df_scmd *c, struct str *w, size_t n);

/* The basename of a command word ("/usr/bin/apt-get" -> "apt-get"). */
struct str df_basename(struct str s);

#endif
