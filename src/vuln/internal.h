#ifndef WARD_VULN_INTERNAL_H
#define WARD_VULN_INTERNAL_H

/*
 * Shared by the vulnerability database's files: the builder (build.c),
 * the importers (import_*.c), the reader (db.c) and the downloader
 * (http.c). Nothing here is part of the module's interface.
 */

#include <stdbool.h>
#include <stdint.h>

#include "ward/str.h"
#include "ward/vulndb.h"

struct arena;
struct buf;
struct sqlite3;
struct sqlite3_stmt;

/* The prepared statements of a builder. */
enum {
	ST_VULN, /* an OSV record (replaces a minimal one) */
	ST_VULN_MIN, /* a minimal record for an id from secdb or Debian */
	ST_ALIAS,
	ST_AFFECTED,
	ST_KEV,
	ST_MAX
};

struct vulndb_builder {
	struct sqlite3 *db;
	struct sqlite3_stmt *st[ST_MAX];
	struct vulndb_source_info *src; /* names and origins heap-owned */
	size_t nsrc;
	struct vulndb_note note;
	char *kev_catalog; /* KEV catalogVersion, for meta */
	bool failed, finished;
	uint64_t vulns, affected; /* rows, counted at finish */
};

/* One row of 'vulns'. Empty views are stored as NULL. */
struct vrow_vuln {
	struct str id, summary, details, published, modified;
	const char *severity; /* CRITICAL HIGH MEDIUM LOW, or NULL */
	double cvss_score; /* < 0: none */
	struct str cvss_vector, cvss4_vector, refs_json;
	const char *source;
};

/* One row of 'affected'. Empty ranges or versions are stored as NULL. */
struct vrow_affected {
	struct str vuln_id, ecosystem, package, ranges, versions;
	const char *severity;
};

/* One row of 'kev'. */
struct vrow_kev {
	struct str cve, date_added, due_date, vendor, product, name, ransomware;
};

/*
 * Writes (build.c). Each returns 0 or -errno with err set (a write error
 * fails the build). bld_vuln sets *fresh to false when an OSV record with
 * that id is already stored (the same advisory from another ecosystem's
 * zip); bld_kev likewise for a repeated CVE.
 */
int bld_vuln(struct vulndb_builder *b, const struct vrow_vuln *v, bool *fresh,
    struct ward_err *err);
int bld_vuln_min(struct vulndb_builder *b, struct str id, struct str summary,
    const char *source, struct ward_err *err);
int bld_alias(struct vulndb_builder *b, struct str id, struct str alias,
    struct ward_err *err);
int bld_affected(struct vulndb_builder *b, const struct vrow_affected *r,
    struct ward_err *err);
int bld_kev(struct vulndb_builder *b, const struct vrow_kev *k, bool *fresh,
    struct ward_err *err);

/* Count a skipped record in 's' and note "source: what, skipping". */
void bld_skip(struct vulndb_builder *b, struct vulndb_source_info *s,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A note at 'level' (enum log_level) to the builder's caller. */
void bld_note(struct vulndb_builder *b, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Text helpers (build.c). */

/* An advisory id: 1..VULNDB_ID_MAX of [A-Za-z0-9._:+/-], alnum first. */
bool vid_valid(struct str id);
/* A package or ecosystem name: 1..VULNDB_NAME_MAX bytes, no controls. */
bool vname_valid(struct str s);
/* At most 'max' bytes of 's', cut on a UTF-8 boundary with "..." added;
 * 's' itself when it fits. */
struct str vtext_cut(struct arena *a, struct str s, size_t max);
/* Append 's' as a JSON string literal. 0 or -EFBIG (the buf's ceiling). */
int vjson_str(struct buf *b, struct str s);
/* [{"type":"ECOSYSTEM","events":[{"introduced":"0"}(,{"fixed":F})]}],
 * without the fixed event when 'fixed' is empty; in 'a'. */
struct str vrange_simple(struct arena *a, struct str fixed);
/* The severity word of a CVSS rating ("NONE" -> "LOW"), static. */
const char *vseverity_word(const char *rating);
/* "base/seg" with 'seg' percent-encoded outside [A-Za-z0-9._~:+-]; in 'a'. */
char *vurl_join(struct arena *a, const char *base, const char *seg);

/* Reader checks for a new file (db.c): PRAGMA integrity_check. */
int vulndb_check(struct vulndb *db, struct ward_err *err);

/* Importers (import_*.c). 'where' names the input in notes. */
int import_osv(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, const char *where, struct ward_err *err);
/* Every *.json entry of a zip, in memory or in an open file (borrowed). */
int import_osv_zip_mem(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str data, struct ward_err *err);
int import_osv_zip_fd(struct vulndb_builder *b, struct vulndb_source_info *s,
    int fd, struct ward_err *err);
int import_secdb(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, const char *where, struct ward_err *err);
int import_debian(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, struct ward_err *err);
int import_kev(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, struct ward_err *err);

/* Downloads (http.c). */
struct http_opts {
	uint64_t max; /* bytes; more fails with -EFBIG */
	long connect_timeout; /* seconds */
	long low_speed_time; /* seconds under 1 KiB/s before giving up */
};
/*
 * GET 'url' (http or https only, redirects followed) into 'fd'. Returns 0
 * with *bytes set, or -errno with err naming the URL and the problem:
 * -ENOENT (HTTP 404), -EIO (other HTTP errors, truncated transfers),
 * -ECONNREFUSED, -ETIMEDOUT, -EFBIG, -ENOTSUP (no libcurl).
 */
int http_get(const char *url, int fd, const struct http_opts *o,
    uint64_t *bytes, struct ward_err *err);

#endif
