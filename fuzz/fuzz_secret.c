/*
 * Fuzz target for the secret module, three ways at once: the input is
 * parsed as a rules file (the parser's contract: err filled exactly on
 * failure); it is scanned with the built-in rules (compiled once),
 * checking that every finding lies inside the input and never carries the
 * whole secret; and it is repeated past the stream's look-ahead (about
 * 64 KiB) and scanned both whole and as a stream fed in small pieces with
 * small steps (both taken from the input), which must agree finding for
 * finding, so step boundaries fall inside keywords, secrets, lines and
 * UTF-8 sequences.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/secret.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct secret_engine *engine;

static void
parse(struct str in)
{
	struct secret_rules *r = NULL;
	struct ward_err err = {0};
	int rc = secret_rules_parse(in, "fuzz", &r, &err);

	if ((rc < 0) != (err.code != 0))
		abort();
	secret_rules_free(r);
}

static void
scan(struct str in)
{
	struct arena *a = arena_new();
	struct secret_result res;
	struct ward_err err = {0};

	if (secret_scan(engine, a, in, "fuzz", &res, &err) == 0)
		for (size_t i = 0; i < res.n; i++)
			if (res.v[i].offset >= in.len ||
			    strlen(res.v[i].excerpt) == 0 ||
			    strlen(res.v[i].fingerprint) != SHA256_HEX_LEN)
				abort();
	arena_free(a);
}

static bool
same(const struct secret_result *x, const struct secret_result *y)
{
	if (x->n != y->n || x->truncated != y->truncated ||
	    x->skipped_binary != y->skipped_binary)
		return false;
	for (size_t i = 0; i < x->n; i++) {
		const struct secret_finding *f = &x->v[i], *g = &y->v[i];

		if (strcmp(f->rule_id, g->rule_id) != 0 ||
		    f->offset != g->offset || f->line != g->line ||
		    f->column != g->column ||
		    strcmp(f->fingerprint, g->fingerprint) != 0 ||
		    strcmp(f->excerpt, g->excerpt) != 0)
			return false;
	}
	return true;
}

static void
stream(struct str in)
{
	/* Past the look-ahead, so that the stream takes real steps. */
	size_t reps = in.len ? (SECRET_MATCH_MAX * 2) / in.len + 1 : 0;
	size_t n = reps * in.len, piece, step;
	struct arena *a;
	struct secret_result whole, st;
	struct secret_stream *ss;
	struct ward_err err = {0};
	char *buf;

	if (in.len < 2 || n > (8u << 20))
		return;
	piece = 1 + (unsigned char)in.p[0] % 61;
	step = 64 + (unsigned char)in.p[1] * 16u;
	buf = malloc(n);
	if (!buf)
		abort();
	for (size_t i = 0; i < reps; i++)
		memcpy(buf + i * in.len, in.p, in.len);
	a = arena_new();
	if (secret_scan(engine, a, str_make(buf, n), "fuzz", &whole, &err) <
		0 ||
	    secret_stream_begin(engine, a, "fuzz", n, &ss, &err) < 0)
		abort();
	secret_stream_set_step(ss, step);
	for (size_t off = 0; off < n; off += piece) {
		size_t k = n - off < piece ? n - off : piece;

		if (secret_stream_feed(ss, str_make(buf + off, k), &err) < 0)
			abort();
	}
	if (secret_stream_end(ss, &st, &err) < 0 || !same(&whole, &st))
		abort();
	arena_free(a);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str in = str_make((const char *)data, size);

	if (!engine) {
		struct secret_rules *r;
		struct ward_err err;

		if (secret_rules_parse(
			secret_rules_builtin(), "builtin", &r, &err) < 0 ||
		    secret_engine_new(r, &engine, &err) < 0)
			abort();
	}
	parse(in);
	scan(in);
	stream(in);
	return 0;
}
