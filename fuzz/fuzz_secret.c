/*
 * Fuzz target for the secret module, two ways at once: the input is parsed
 * as a rules file (the parser's contract: err filled exactly on failure),
 * and it is scanned with the built-in rules (compiled once), checking that
 * every finding lies inside the input and never carries the whole secret.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/arena.h"
#include "ward/err.h"
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
	return 0;
}
