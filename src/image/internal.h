#ifndef WARD_IMAGE_INTERNAL_H
#define WARD_IMAGE_INTERNAL_H

/* Shared between the files of src/image. */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ward/analyze.h"
#include "ward/hash.h"
#include "ward/inventory.h"
#include "ward/str.h"

struct arena;
struct map;
struct ward_err;

/* A byte range of an open file: a blob in a layout or inside a tar. */
struct blob {
	int fd; /* borrowed */
	uint64_t off, len;
	const char *name; /* for messages */
};

/* Read exactly 'n' bytes at 'off' within the blob; -EBADMSG if short. */
int blob_pread(const struct blob *b, void *buf, size_t n, uint64_t off,
    struct ward_err *err);
/* Read a whole (small) blob into the arena, capped at 'max'. */
int blob_read_all(struct arena *a, const struct blob *b, uint64_t max,
    struct str *out, struct ward_err *err);

/* --- tarindex.c: the outer tar of an OCI or docker archive --- */

struct tar_entry {
	const char *name; /* normalised: no leading "./" or "/" */
	char type; /* '0' file, '1' hard link, '2' symlink, '5' dir */
	const char *link; /* link target for '1' and '2' */
	uint64_t off; /* data offset in the file */
	uint64_t size;
};

struct tar_index;

/*
 * Index an uncompressed tar read from 'fd' ('name' for messages) without
 * reading file data. Returns 0, -EBADMSG (not a tar, bad checksum,
 * truncated) or -EFBIG (over ARCHIVE_ENTRIES_MAX or TAR_PAX_MAX).
 */
int tar_index_build(struct arena *a, int fd, const char *name,
    struct tar_index **out, struct ward_err *err);
/*
 * The regular file at 'path', following hard links and symlinks inside
 * the archive (at most 8). Returns 0 and the blob, or -ENOENT.
 */
int tar_index_find(const struct tar_index *t, const char *path,
    struct blob *out, struct ward_err *err);
bool tar_index_has(const struct tar_index *t, const char *path);
void tar_index_free(struct tar_index *t);

/* True when the first 512 bytes look like a tar header (checksum ok). */
bool tar_header_looks_valid(const unsigned char *h);

/* Normalise an entry path: strip "./" and "/" prefixes, drop "." and
 * empty components. Returns false for ".." components or over-long
 * paths. 'dst' has FS_PATH_MAX + 1 bytes. */
bool tar_path_normalize(const char *src, char *dst);

/* --- digest.c --- */

/* Parse "sha256:<64 hex>" into its hex part; -EBADMSG or -ENOTSUP. */
int digest_parse(struct str d, const char **hex, struct ward_err *err);
/* "sha256:" + hex of 'raw'. */
void digest_format(const uint8_t raw[SHA256_LEN], char out[72]);

/* --- layer.c: one layer, streamed once --- */

enum claim {
	CLAIM_NONE = 0,
	CLAIM_OS_RELEASE, /* etc/os-release */
	CLAIM_OS_RELEASE_USR, /* usr/lib/os-release */
	CLAIM_ALPINE_RELEASE,
	CLAIM_DEBIAN_VERSION,
	CLAIM_REDHAT_RELEASE,
	CLAIM_DPKG_STATUS,
	CLAIM_DPKG_STATUS_D,
	CLAIM_APK_INSTALLED,
	CLAIM_RPM_SQLITE,
	CLAIM_RPM_BDB,
	CLAIM_RPM_NDB,
	CLAIM_GO_BINARY, /* any executable ELF file: Go build information */
};

/* What one claimed file in one layer held. */
struct layer_file {
	const char *path;
	enum claim claim;
	bool is_link; /* a symlink stands at the path */
	const char *link; /* its target */
	bool have_os;
	struct os_info os;
	struct pkg_list pkgs;
};

/* Identity of the file a blob was verified in, for the layer cache. */
struct blob_fp {
	uint64_t dev, ino, size, off;
	int64_t mtime_ns, ctime_ns;
};

struct layer_result {
	struct blob_fp fp; /* where the blob was last verified */
	bool have_fp;
	struct layer_file *files;
	size_t nfiles, capfiles;
	const char **whiteouts; /* paths removed from lower layers */
	size_t nwhiteouts, capwhiteouts;
	const char **opaques; /* directories emptied of lower content */
	size_t nopaques, capopaques;
	struct warn_list warnings;
	char digest[72]; /* of the compressed blob, as read */
	char diff_id[72]; /* of the uncompressed tar */
	uint64_t entries;
	uint64_t bytes; /* uncompressed */
	bool cached;
	struct secret_hits secrets; /* found in this layer's files */
	/* The rule set 'secrets' was found with (image_opts.secrets_key);
	 * NULL: the layer was not scanned for secrets. */
	const char *secrets_key;
};

/* Which analyzer claims 'path' (normalised). */
enum claim layer_claim(const char *path);

/* True when a regular file of this mode and size is worth opening to
 * look for Go build information (executable, not tiny, under the cap). */
bool layer_wants_executable(unsigned mode, uint64_t size);

/* Append an empty record for 'path' to 'res'. */
struct layer_file *layer_file_new(struct arena *a, struct layer_result *res,
    const char *path, enum claim claim);

/* Run the analyzer for 'claim' on 'data' and record it in 'res'. */
void layer_analyze_file(struct arena *a, struct layer_result *res,
    const char *path, enum claim claim, struct str data, int layer);

struct layer_job {
	struct blob blob;
	int index;
	const char *expect_digest; /* "sha256:..." or NULL */
	const char *expect_diff_id; /* "sha256:..." or NULL */
	uint64_t bytes_max;
	const struct secret_engine *secrets; /* NULL: no secret scan */
	/* Progress: bytes of the blob consumed, updated atomically. */
	uint64_t *progress;
};

/*
 * Stream one layer: verify its digests, walk its tar, hand claimed files
 * to the analyzers, record whiteouts. Strings go into 'a' (which must not
 * be shared with another thread during the call).
 */
int layer_process(struct arena *a, const struct layer_job *job,
    struct layer_result *out, struct ward_err *err);

/*
 * A root filesystem tarball compressed with gzip, zstd, xz, bzip2, lz4 or
 * nothing, as one layer without digest checks, under the same caps.
 */
int layer_process_rootfs(struct arena *a, const struct blob *b, int index,
    uint64_t bytes_max, uint64_t *progress, const struct secret_engine *secrets,
    struct layer_result *out, struct ward_err *err);

/*
 * Scan one file's bytes for secrets into res->secrets (a NULL engine does
 * nothing). Used by the layer walk and the directory scan.
 */
void secrets_scan_config(
    struct arena *a, const struct secret_engine *e, struct inventory *inv);

void layer_scan_secrets(struct arena *a, struct layer_result *res,
    const struct secret_engine *e, const char *path, struct str data,
    int layer);
/*
 * The same for a file too large to read whole (up to SECRET_FILE_MAX; a
 * larger one is only counted): its 'size' bytes are read with 'rd' (> 0
 * bytes read, 0 at the end, < 0 a read error) a piece at a time and
 * streamed through the engine, in bounded memory. Every byte is read
 * even when the engine gives up early, so 'rd' may keep a copy. Returns
 * 0, or -1 when 'rd' failed (the caller reports it).
 */
int layer_stream_secrets(struct arena *a, struct layer_result *res,
    const struct secret_engine *e, const char *path, uint64_t size, int layer,
    ssize_t (*rd)(void *ctx, char *buf, size_t cap), void *ctx);

/* --- oci.c: OCI layouts and archives, docker archives --- */

/* Where blobs come from: a layout directory or an indexed tar. */
struct store {
	int rootfd; /* layout directory (O_PATH), or -1 */
	struct tar_index *idx; /* archive index, or NULL */
	int *fds; /* blob fds opened from the directory */
	size_t nfds, capfds;
	const char *name; /* the target, for messages */
};

void store_fini(struct store *s);

struct plan_layer {
	struct blob blob;
	const char *digest; /* expected blob digest, or NULL */
	const char *diff_id; /* expected diff_id, or NULL */
	const char *media_type;
	const char *created_by;
};

/* What to scan, once the manifests and config have been checked. */
struct plan {
	const char *kind;
	const char *manifest_digest;
	const char *config_digest;
	const char *architecture, *os;
	const char **tags;
	size_t ntags;
	struct plan_layer *layers;
	size_t nlayers;
	const char *user;
	const char **env;
	size_t nenv;
	const char **labels; /* "KEY=VALUE" from the config's Labels */
	size_t nlabels;
};

/*
 * Read an OCI layout (directory or archive) or a docker archive from
 * 'store', choose the manifest for 'platform' ("os/arch[/variant]") and
 * 'ref' (an org.opencontainers.image.ref.name, or NULL), verify the
 * manifest and config against their digests, and describe the layers.
 */
int oci_plan(struct arena *a, struct store *s, const char *platform,
    const char *ref, struct plan *out, struct ward_err *err);
int docker_plan(
    struct arena *a, struct store *s, struct plan *out, struct ward_err *err);

/* --- merge.c --- */

struct inventory;
/* Apply the layers bottom to top into 'inv' (pkgs, os, warnings). */
void layers_merge(struct arena *a, struct layer_result *layers, size_t n,
    struct inventory *inv);

/* --- cache.c --- */

/* The identity of the file holding 'b' (false if fstat fails). */
bool blob_fingerprint(const struct blob *b, struct blob_fp *out);
/* Hash the blob's bytes and compare with 'digest' ("sha256:..."). */
int blob_verify(const struct blob *b, const char *digest, struct ward_err *err);

/* Load a cached result for 'key'; false when absent or not valid. */
bool cache_load(struct arena *a, const char *cache_dir, const char *key,
    struct layer_result *out);
/* Store a result; failures are logged at debug level and ignored. */
void cache_store(
    const char *cache_dir, const char *key, const struct layer_result *res);

#endif
