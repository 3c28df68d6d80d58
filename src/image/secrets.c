/*
 * Secrets in images: each layer's regular files are scanned as the layer
 * walk reads them (layer.c calls layer_scan_secrets), and the image
 * configuration's Env entries and history commands are scanned after
 * the merge. Paths and configuration strings come from the image and are
 * untrusted; they are only copied and handed to the engine, whose
 * findings hold redacted excerpts, never a whole secret.
 */
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/limits.h"
#include "ward/secret.h"

void
secret_hits_add(struct arena *a, struct secret_hits *h, const char *path,
    int layer, const struct secret_finding *f)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;

		h->v = arena_realloc(a, h->v, h->n, cap, sizeof(*h->v));
		h->cap = cap;
	}
	h->v[h->n++] = (struct secret_hit){
	    .path = path, .layer = layer, .removed_by = -1, .f = *f};
}

void
layer_scan_secrets(struct arena *a, struct layer_result *res,
    const struct secret_engine *e, const char *path, struct str data, int layer)
{
	struct secret_result sr;
	struct ward_err err;
	const char *copy = NULL;

	if (!e)
		return;
	/* A prefilter failure costs this file only, with a warning. */
	if (secret_scan(e, a, data, path, &sr, &err) < 0) {
		struct analyze_ctx ctx = {
		    .a = a, .warnings = &res->warnings, .layer = layer};

		analyze_warn(
		    &ctx, 0, "secrets: '%s': %s, skipping", path, err.msg);
		return;
	}
	res->secrets.skipped_binary += sr.skipped_binary;
	res->secrets.skipped_size += sr.skipped_size;
	for (size_t i = 0; i < sr.n; i++) {
		if (!copy)
			copy = arena_strdup(a, path);
		secret_hits_add(a, &res->secrets, copy, layer, &sr.v[i]);
	}
}

static void
scan_string(struct arena *a, const struct secret_engine *e,
    struct inventory *inv, const char *where, const char *s)
{
	struct secret_result sr;
	struct ward_err err;

	if (!s || secret_scan(e, a, str_from(s), NULL, &sr, &err) < 0)
		return;
	for (size_t i = 0; i < sr.n; i++)
		secret_hits_add(a, &inv->secrets, where, -1, &sr.v[i]);
}

/*
 * The configuration's Env entries and Labels ("NAME=value", as a
 * configuration file would have them) and each layer's history command.
 */
void
secrets_scan_config(
    struct arena *a, const struct secret_engine *e, struct inventory *inv)
{
	if (!e)
		return;
	for (size_t i = 0; i < inv->nconfig_env; i++)
		scan_string(a, e, inv, arena_printf(a, "config:Env[%zu]", i),
		    inv->config_env[i]);
	for (size_t i = 0; i < inv->nconfig_labels; i++)
		scan_string(a, e, inv, arena_printf(a, "config:Labels[%zu]", i),
		    inv->config_labels[i]);
	for (size_t i = 0; i < inv->nlayers; i++)
		scan_string(a, e, inv,
		    arena_printf(a, "config:history[%zu]", i),
		    inv->layers[i].created_by);
}
