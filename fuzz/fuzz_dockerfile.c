/*
 * Fuzz target for the Dockerfile parser and its checks: parse the input;
 * on failure the error must be a documented code with a message and a
 * line; on success check the instructions' invariants (positions in
 * order and inside the text, limits, exec-form and heredoc fields),
 * run the shell splitter and word expansion over every instruction, and
 * finally run every WARD-DF check through config_scan_text, and the
 * Compose and ECS checks when the bytes are such a YAML or JSON file.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "../src/config/dockerfile.h"
#include "ward/arena.h"
#include "ward/config.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(bool ok)
{
	if (!ok)
		abort();
}

static uint32_t
count_lines(struct str t)
{
	uint32_t n = 1;

	for (size_t i = 0; i < t.len; i++)
		if (t.p[i] == '\n')
			n++;
	return n;
}

static void
walk(struct arena *a, const struct df_file *f, uint32_t nlines)
{
	uint32_t prev = 0;
	size_t budget = DOCKERFILE_EXPAND_TOTAL_MAX;
	struct df_env env;
	struct ward_err err = {0};

	check(f->escape == '\\' || f->escape == '`');
	check(f->n <= DOCKERFILE_INSTRS_MAX);
	df_env_init(&env);
	(void)df_env_set(a, &env, STR("A"), STR("x y"), true, true, &err);
	for (size_t i = 0; i < f->n; i++) {
		const struct df_instr *in = &f->v[i];
		struct df_lex lx = {
		    .a = a, .escape = f->escape, .env = &env, .budget = budget};
		struct df_scmd *cmds;
		struct str *w, out;
		size_t nw;

		check(in->cmd >= DF_ADD && in->cmd <= DF_WORKDIR);
		check(in->line > prev && in->line <= nlines && in->col >= 1);
		check(in->end_line >= in->line && in->end_line <= nlines);
		check(!(in->json && in->json_bad));
		check(in->json || in->argc == 0);
		check(in->nheredocs <= DOCKERFILE_HEREDOCS_MAX);
		for (size_t h = 0; h < in->nheredocs; h++)
			check(in->heredocs[h].name.len > 0 &&
			    in->heredocs[h].line > in->line);
		for (size_t k = 0; k < in->nflags; k++)
			check(in->flags[k].name.len > 0);
		prev = in->end_line;
		(void)df_shell_split(a, in->rest, &cmds);
		(void)df_raw_words(a, in->rest, f->escape, &w);
		if (df_words_expand(&lx, in->rest, &w, &nw, &err) < 0)
			check(err.code == EBADMSG || err.code == EFBIG);
		if (df_word_expand(&lx, in->rest, &out, &err) == 0)
			check(out.len <= DOCKERFILE_EXPAND_MAX);
		budget = lx.budget;
	}
	df_env_fini(&env);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct str text = str_make((const char *)data, size);
	struct df_file f;
	struct ward_err err = {0};
	struct config_opts opts = {0};
	struct config_result res = {0};
	uint32_t line = 0, nlines = count_lines(text);
	int r;

	r = df_parse(a, text, &f, &line, &err);
	if (r < 0) {
		check(r == -err.code && err.msg[0] != '\0');
		check(r == -EBADMSG || r == -EFBIG);
		check(line >= 1 && line <= nlines);
	} else {
		walk(a, &f, nlines);
	}
	err.code = 0;
	check(config_scan_text(a, "Dockerfile", text, &opts, &res, &err) == 0);
	/* The same bytes as a Compose file or ECS task definition (the
	   type is told by content), for compose.c and ecs.c. */
	check(
	    config_scan_text(a, "compose.yaml", text, &opts, &res, &err) == 0);
	for (size_t i = 0; i < res.n; i++)
		check(res.v[i].line <= nlines && res.v[i].rule != NULL &&
		    res.v[i].message != NULL);
	arena_free(a);
	return 0;
}
