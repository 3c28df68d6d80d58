#ifndef WARD_ANALYZE_H
#define WARD_ANALYZE_H

/*
 * Analyzers: each turns the bytes of one file from an image (a package
 * database, os-release) into inventory entries. They never touch the
 * filesystem: the image pipeline hands them the file's contents, already
 * size-capped, so the same code serves layers streamed from a tar and
 * directories on disk. All strings live in the caller's arena.
 *
 * A malformed record is not fatal: the analyzer adds a warning naming the
 * file and line and goes on with the next record. Only a database that
 * cannot be read at all gives an error.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct arena;
struct ward_err;

enum pkg_type {
	PKG_DEB = 1,
	PKG_APK,
	PKG_RPM,
	PKG_GO,	 /* a Go module (or "stdlib") from a binary's build info */
};

struct pkg {
	enum pkg_type type;
	const char *name;
	/*
	 * The version as the ecosystem writes it: dpkg "[epoch:]upstream
	 * [-revision]", apk "1.2.3-r4", rpm "VERSION-RELEASE" with the epoch
	 * kept apart in 'epoch'.
	 */
	const char *version;
	const char *rpm_version; /* rpm: VERSION alone */
	const char *rpm_release; /* rpm: RELEASE alone */
	int64_t epoch;		 /* rpm: -1 when the header has none */
	const char *arch;
	const char *src_name;	 /* dpkg Source, apk origin, rpm source rpm name */
	const char *src_version; /* dpkg Source "(ver)" or Version; rpm src EVR */
	const char *src_rpm;	 /* rpm: the SOURCERPM file name */
	const char *license;
	const char *maintainer;
	const char *vendor;
	uint64_t installed_size; /* bytes; 0 when unknown */
	const char *db_path;	 /* database file it was read from */
	int layer;		 /* index of the layer that introduced it */
};

struct pkg_list {
	struct pkg *v;
	size_t n, cap;
};

/* Warnings kept per scan; past WARNINGS_MAX only 'dropped' counts. */
struct warn_list {
	const char **v;
	size_t n, cap;
	size_t dropped;
};

/* Per-call context: where results and warnings go. */
struct analyze_ctx {
	struct arena *a;
	struct pkg_list *pkgs;
	struct warn_list *warnings;
	const char *path; /* the file being analyzed, for messages */
	int layer;	  /* copied into each package */
};

/* Append a zeroed package (epoch -1, layer from ctx, db_path ctx->path). */
struct pkg *analyze_pkg_add(struct analyze_ctx *ctx);
/* Append a warning "PATH: line N: message" (line 0: no line part). */
void analyze_warn(struct analyze_ctx *ctx, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* What the OS files say. Fields are NULL when not known. */
struct os_info {
	const char *id;		/* "debian", "alpine", "rhel", ... */
	const char *version_id; /* "12", "3.20.3" */
	const char *version_codename;
	const char *pretty_name;
	const char *id_like;
	const char *source; /* the file it came from */
};

/*
 * os-release (/etc/os-release, /usr/lib/os-release): KEY=value lines with
 * shell-style quoting. Fills the fields it finds; a line it cannot read is
 * a warning. Returns 0, -EBADMSG when nothing usable was found (no ID) or
 * -EFBIG (over OS_RELEASE_MAX bytes); 'out' is written only on success.
 */
int analyze_os_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err);

/* Fallbacks when there is no os-release: /etc/alpine-release ("3.20.3"),
 * /etc/debian_version ("12.5"), /etc/redhat-release ("... release 8.9
 * (Ootpa)"). Same contract as analyze_os_release. */
int analyze_os_alpine_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err);
int analyze_os_debian_version(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err);
int analyze_os_redhat_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err);

/*
 * A dpkg status file (var/lib/dpkg/status) or one distroless file under
 * var/lib/dpkg/status.d/: RFC 822-style stanzas. Only packages whose
 * Status says "installed" count (a stanza without Status, as in status.d,
 * does). src_name and src_version are what dpkg-query prints for
 * ${source:Package} and ${source:Version}. Malformed stanzas are warnings.
 * Returns 0, or -EFBIG (over PKG_DB_MAX bytes or PKGS_MAX packages), in
 * which case no package of this file is left in ctx->pkgs.
 */
int analyze_dpkg_status(struct analyze_ctx *ctx, struct str text,
    struct ward_err *err);

/* The apk database (lib/apk/db/installed): "K:value" lines, blank-line
 * separated records; src_name is the origin. Same contract as
 * analyze_dpkg_status. */
int analyze_apk_installed(struct analyze_ctx *ctx, struct str text,
    struct ward_err *err);

/*
 * RPM databases, read without librpm from their bytes: SQLite
 * (rpmdb.sqlite), BerkeleyDB hash (Packages) and NDB (Packages.db). Each
 * yields header blobs that analyze_rpm_header() decodes.
 */
int analyze_rpm_sqlite(struct analyze_ctx *ctx, struct str db,
    struct ward_err *err);
int analyze_rpm_bdb(struct analyze_ctx *ctx, struct str db,
    struct ward_err *err);
int analyze_rpm_ndb(struct analyze_ctx *ctx, struct str db,
    struct ward_err *err);
/* One RPM header blob (as stored in the databases: index count, data
 * length, index entries, data). Adds one package (gpg-pubkey skipped). */
int analyze_rpm_header(struct analyze_ctx *ctx, struct str blob,
    struct ward_err *err);

/*
 * Go build information from an ELF executable's bytes, without running
 * it: the main module (type PKG_GO, name = module path), every
 * dependency with its version (a replacement's path and version when
 * replaced), and the toolchain as the package "stdlib" with the version
 * "v1.19.8"-style of Go's own tags ("go1.19.8" -> "1.19.8"). 'ctx->path'
 * is the binary's path. Returns 0 (no packages when it is not a Go
 * binary), -EBADMSG for a malformed ELF or build-info blob.
 */
int analyze_go_binary(struct analyze_ctx *ctx, struct str data,
    struct ward_err *err);

struct inventory;

/*
 * A CycloneDX (1.4-1.6) or SPDX 2.x JSON SBOM, as written by ward, Trivy,
 * Syft and others, read back into an inventory: packages from their
 * package URLs (deb, apk, rpm, golang), the source package from the
 * producers' properties where present, the OS from the operating-system
 * component or the purls' distro qualifier. Components without a purl
 * ward can match are counted in the warnings. Returns 0, -EBADMSG (not
 * JSON, or neither format), -EFBIG (over limits).
 */
int analyze_sbom(struct arena *a, struct str text, struct inventory *out,
    struct ward_err *err);

/*
 * Parse a package URL into type, namespace, name, version and the
 * qualifiers asked for ('quals' keys in, values out, NULL when absent);
 * components are percent-decoded. Returns 0 or -EINVAL.
 */
struct purl_parts {
	const char *type, *ns, *name, *version;
};
int purl_parse(struct arena *a, const char *purl, struct purl_parts *out,
    const char *const *keys, const char **vals, size_t nkeys,
    struct ward_err *err);

#endif
