#ifndef WARD_IMAGE_H
#define WARD_IMAGE_H

/*
 * Image sources and the one-pass layer pipeline. A target is an OCI
 * image layout directory, an OCI archive, a 'docker save' archive, a root
 * filesystem tarball or a root filesystem directory. Every blob is
 * checked against its digest before it is trusted, each layer is streamed
 * once (never extracted), the analyzers see the files they claim, and the
 * layers' results are merged bottom to top with whiteouts applied.
 */

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct inventory;
struct secret_engine;
struct ward_err;

struct image_opts {
	const char *platform;	/* "os/arch[/variant]"; NULL: linux/amd64 */
	const char *cache_dir;	/* layer cache; NULL: no cache */
	int threads;		/* layer workers; 0: one per CPU */
	bool progress;		/* draw a progress bar on stderr */
	uint64_t layer_bytes_max; /* 0: LAYER_BYTES_MAX (tests lower it) */
	/* Scan every regular file (and the configuration) for secrets;
	 * NULL: no secret scanning. Borrowed; shared by the layer workers. */
	const struct secret_engine *secrets;
	/* Names the rule set 'secrets' was compiled from (its version, a
	 * hash of the effective rules text and SECRET_ENGINE_VERSION). A
	 * layer's cached secret findings are reused only under the same
	 * name; NULL: secret findings are never taken from the cache. */
	const char *secrets_key;
};

/*
 * Scan 'target' (a file or directory). Fills *out with strings in 'a'.
 * Returns 0, or -errno with err naming the blob or file: -EBADMSG
 * (malformed or digest mismatch), -ENOENT (missing blob), -EFBIG (over a
 * limit), -ELOOP (manifest cycle), -ENOTSUP (unknown format).
 */
int image_scan(struct arena *a, const char *target,
    const struct image_opts *opts, struct inventory *out,
    struct ward_err *err);

/* Scan a root filesystem directory in place (ward fs DIR). */
int image_scan_dir(struct arena *a, const char *dir,
    const struct image_opts *opts, struct inventory *out,
    struct ward_err *err);

/*
 * The layer-analysis version, part of every cache key. A cache entry
 * written by a secret scan also holds the layer's secret findings
 * (redacted excerpts and fingerprints, never a secret) under the
 * scan's secrets_key; they are reused only by a secret scan with the
 * same key, and an entry without them is never used by a secret scan.
 */
#define IMAGE_ANALYZER_VERSION 2

#endif
