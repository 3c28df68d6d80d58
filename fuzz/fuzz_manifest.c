/*
 * Fuzz the manifest models through config_scan_text(): type detection,
 * the YAML tree, the Kubernetes object model (Lists flattened, pod specs,
 * containers), every check family and the findings. The first byte picks
 * the file name, which steers detection (Kubernetes, JSON, Compose, ECS,
 * Dockerfile, stdin, an unknown name); the rest is the file. Beyond not
 * crashing, every finding must be well formed: a rule from the table, a
 * message, the file's name, and a line inside the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/arena.h"
#include "ward/config.h"
#include "ward/err.h"
#include "ward/str.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

/*
 * Line breaks as YAML 1.1 (libyaml) counts them: LF, CR alone, CRLF as
 * one, and NEL, LS and PS in UTF-8. A finding's line may not pass the
 * last line (+1 for an error at the end of input).
 */
static size_t
breaks(const uint8_t *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n' ||
		    (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n')))
			k++;
		else if (p[i] == 0xc2 && i + 1 < n && p[i + 1] == 0x85)
			k++;
		else if (p[i] == 0xe2 && i + 2 < n && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
			k++;
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"deploy.yaml", "list.json",
	    "compose.yaml", "task.json", "Dockerfile", "-", "notes.txt",
	    "docker-compose.override.yml"};
	struct config_opts o = {.pss_minor = PSS_VERSION_LATEST};
	struct config_result res = {0};
	struct ward_err err = {0};
	struct arena *a;
	const char *name;
	size_t lines = 1;

	if (size < 1)
		return 0;
	name = names[data[0] % (sizeof(names) / sizeof(names[0]))];
	/* Odd selectors also pin an old PSS version and the baseline
	 * level, so version-dependent paths are reached. */
	if (data[0] & 0x80) {
		o.pss_minor = data[0] & 0x3f;
		o.pss_level = PSS_BASELINE;
		o.pss_level_set = true;
	}
	data++;
	size--;
	lines += breaks(data, size);
	a = arena_new();
	check(config_scan_text(a, name, str_make((const char *)data, size), &o,
		  &res, &err) == 0);
	for (size_t i = 0; i < res.n; i++) {
		const struct config_finding *f = &res.v[i];

		check(f->rule && f->rule->id && f->message && f->path);
		check(strcmp(f->path, name) == 0);
		check(f->line <= lines + 1);
	}
	arena_free(a);
	return 0;
}
