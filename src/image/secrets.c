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
#include "ward/mem.h"
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

/* One file's result: its skip counts, and its findings under 'path'. */
static void
add_result(struct arena *a, struct layer_result *res, const char *path,
    int layer, const struct secret_result *sr)
{
	const char *copy = NULL;

	res->secrets.skipped_binary += sr->skipped_binary;
	res->secrets.skipped_size += sr->skipped_size;
	for (size_t i = 0; i < sr->n; i++) {
		if (!copy)
			copy = arena_strdup(a, path);
		secret_hits_add(a, &res->secrets, copy, layer, &sr->v[i]);
	}
}

/* A prefilter failure costs this file only, with a warning. */
static void
warn_failed(struct arena *a, struct layer_result *res, const char *path,
    int layer, const struct ward_err *err)
{
	struct analyze_ctx ctx = {
	    .a = a, .warnings = &res->warnings, .layer = layer};

	analyze_warn(&ctx, 0, "secrets: '%s': %s, skipping", path, err->msg);
}

void
layer_scan_secrets(struct arena *a, struct layer_result *res,
    const struct secret_engine *e, const char *path, struct str data, int layer)
{
	struct secret_result sr;
	struct ward_err err;

	if (!e)
		return;
	if (secret_scan(e, a, data, path, &sr, &err) < 0) {
		warn_failed(a, res, path, layer, &err);
		return;
	}
	add_result(a, res, path, layer, &sr);
}

/* Bytes read per call when a file is streamed. */
#define PIECE (1u << 20)

int
layer_stream_secrets(struct arena *a, struct layer_result *res,
    const struct secret_engine *e, const char *path, uint64_t size, int layer,
    ssize_t (*rd)(void *ctx, char *buf, size_t cap), void *ctx)
{
	struct secret_stream *ss;
	struct secret_result sr;
	struct ward_err err = {0};
	char *buf;
	ssize_t n = 0;
	uint64_t total = 0;
	bool failed = false;

	if (!e)
		return 0;
	(void)secret_stream_begin(e, a, path, size, &ss, &err);
	/* Over SECRET_FILE_MAX the stream only records the skip: not read. */
	if (size <= SECRET_FILE_MAX) {
		buf = xmalloc(PIECE);
		/*
		 * After a failure the rest is still read, for the caller;
		 * one byte past 'size' is asked for, to notice a file that
		 * grows while it is read (the engine refuses it).
		 */
		while (total <= size &&
		    (n = rd(ctx, buf,
			 size - total < PIECE ? (size_t)(size - total) + 1
					      : PIECE)) > 0) {
			total += (uint64_t)n;
			if (!failed &&
			    secret_stream_feed(
				ss, str_make(buf, (size_t)n), &err) < 0)
				failed = true;
		}
		free(buf);
	}
	if (n < 0) {
		secret_stream_free(ss);
		return -1;
	}
	if (failed) {
		secret_stream_free(ss);
		warn_failed(a, res, path, layer, &err);
	} else if (secret_stream_end(ss, &sr, &err) < 0) {
		warn_failed(a, res, path, layer, &err);
	} else {
		add_result(a, res, path, layer, &sr);
	}
	return 0;
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
