/*
 * Secret scanner throughput on one core: reads one file (a text corpus,
 * e.g. every header under /usr/include concatenated), scans it in 1 MiB
 * pieces with the built-in rules and prints MB/s and the findings. MB/s
 * is given over wall time and over the process's CPU time: on a shared
 * machine the second is the one-core figure (the first includes time
 * spent waiting for the core).
 * Not installed; bench/secret.sh builds the corpus and runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/secret.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rbe");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0)
		return NULL;
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return NULL;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int
main(int argc, char **argv)
{
	struct secret_rules *r;
	struct secret_engine *e;
	struct ward_err err;
	struct timespec t0, t1, c0, c1;
	size_t n, found = 0, chunk = 1u << 20;
	char *buf = argc > 1 ? slurp(argv[1], &n) : NULL;
	double s, cpu;

	if (!buf) {
		fprintf(stderr, "usage: secret_bench FILE\n");
		return 2;
	}
	if (secret_rules_parse(secret_rules_builtin(), "builtin", &r, &err) <
		0 ||
	    secret_engine_new(r, &e, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (size_t off = 0; off < n; off += chunk) {
		struct arena *a = arena_new();
		struct secret_result res;
		size_t len = n - off < chunk ? n - off : chunk;

		if (secret_scan(e, a, str_make(buf + off, len), "corpus", &res,
			&err) == 0)
			for (size_t i = 0; i < res.n; i++, found++)
				printf("%s line %u: %s\n", res.v[i].rule_id,
				    res.v[i].line, res.v[i].excerpt);
		arena_free(a);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	s = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cpu = (double)(c1.tv_sec - c0.tv_sec) +
	    (double)(c1.tv_nsec - c0.tv_nsec) / 1e9;
	printf("%s, %zu rules: %.1f MB in %.3f s = %.0f MB/s (cpu %.3f s = "
	       "%.0f MB/s), %zu findings\n",
	    secret_engine_prefilter(), secret_rules_count(r), (double)n / 1e6,
	    s, (double)n / 1e6 / s, cpu, (double)n / 1e6 / cpu, found);
	secret_engine_free(e);
	secret_rules_free(r);
	free(buf);
	return 0;
}
