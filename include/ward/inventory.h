#ifndef WARD_INVENTORY_H
#define WARD_INVENTORY_H

/*
 * What a scan of an image or a directory found: where it came from, the
 * operating system, the layers and every package with the layer that
 * introduced it. Produced by the image pipeline, consumed by the report
 * writers (JSON inventory, table, CycloneDX, SPDX). All strings live in
 * the scan's arena.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/analyze.h"
#include "ward/secret.h"

struct layer_info {
	const char *digest;	/* the blob's digest, "sha256:..." (NULL: none) */
	const char *diff_id;	/* digest of the uncompressed tar */
	const char *media_type;
	uint64_t size;		/* compressed bytes */
	const char *created_by; /* from the config's history, may be NULL */
	bool cached;		/* the analysis came from the layer cache */
};

/*
 * A secret found in a layer's file or in the image configuration.
 * 'removed_by' is the first later layer that deleted the file (a
 * whiteout or an opaque directory) or replaced it, or -1 when the file
 * is still in the final image. Secrets in deleted files stay in the
 * image's layers and are reported all the same.
 */
struct secret_hit {
	const char *path; /* file in the image, or "config:Env" ... */
	int layer; /* that added the file; -1: configuration */
	int removed_by;
	struct secret_finding f;
};

struct secret_hits {
	struct secret_hit *v;
	size_t n, cap;
	uint64_t skipped_binary, skipped_size; /* files not scanned */
};

/* Append 'f' found in 'path' of 'layer' to 'h' (strings borrowed). */
void secret_hits_add(struct arena *a, struct secret_hits *h, const char *path,
    int layer, const struct secret_finding *f);

struct inventory {
	const char *target;	     /* what the user named */
	const char *source_kind;     /* "oci-layout", "oci-archive",
					"docker-archive", "rootfs-archive",
					"directory" */
	const char *manifest_digest; /* NULL for rootfs sources */
	const char *config_digest;   /* the image id */
	const char *architecture;    /* from the config */
	const char *os_name;	     /* "linux" */
	const char **repo_tags;	     /* docker archives and OCI ref names */
	size_t nrepo_tags;
	bool have_os;
	struct os_info os;
	struct layer_info *layers;
	size_t nlayers;
	struct pkg_list pkgs;
	struct warn_list warnings;
	/* Config fields later checks use (may be NULL / 0). */
	const char *config_user;
	const char **config_env;
	size_t nconfig_env;
	const char **config_labels; /* "KEY=VALUE" */
	size_t nconfig_labels;
	/* Secrets, when the image was scanned with a secret engine. */
	bool secrets_scanned;
	struct secret_hits secrets;
};

#endif
