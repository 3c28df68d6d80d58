#ifndef WARD_VULNDB_H
#define WARD_VULNDB_H

/*
 * The vulnerability database: one SQLite file in OSV's data model, built
 * from OSV records, Alpine secdb, the Debian security tracker and CISA
 * KEV (docs/vulndb.md documents the schema). Scans open it read-only and
 * look advisories up by (ecosystem, package).
 *
 * Ecosystem strings are OSV's: "Go", "PyPI", "crates.io", and for
 * distributions "<Name>:<release>" as OSV writes them: "Alpine:v3.20",
 * "Debian:12". Package names are stored normalised the way the matcher
 * looks them up: PEP 503 for PyPI (lower case, runs of -_. -> '-'),
 * source package names for distributions, module paths for Go.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct arena;
struct ward_err;

#define VULNDB_SCHEMA_VERSION 1

/*
 * Caps on the advisory feeds, which are untrusted input (docs/vulndb.md
 * lists them with what happens past each). A record over a cap is skipped
 * and counted, except free text (summary, details), which is cut.
 */
#define VULNDB_RECORD_MAX (8u << 20) /* one OSV record (file or zip entry) */
#define VULNDB_FEED_MAX (1ull << 30) /* a secdb, tracker or KEV file */
#define VULNDB_DEPTH_MAX 32 /* JSON nesting of one record */
#define VULNDB_ZIP_ENTRIES_MAX 2000000u /* entries in one zip */
#define VULNDB_ZIP_BYTES_MAX (32ull << 30) /* bytes inflated from one zip */
#define VULNDB_ID_MAX 128 /* an advisory id or alias */
#define VULNDB_NAME_MAX 512 /* an ecosystem or package name */
#define VULNDB_VERSION_MAX 256 /* a version in a range or list */
#define VULNDB_DATE_MAX 64 /* published, modified, KEV dates */
#define VULNDB_SUMMARY_MAX 256 /* bytes kept of a summary */
#define VULNDB_DETAILS_MAX 4096 /* bytes kept of details */
#define VULNDB_URL_MAX 2048 /* a reference URL (longer: dropped) */
#define VULNDB_REFS_MAX 32 /* references kept per advisory */
#define VULNDB_ALIASES_MAX 1024 /* aliases of one advisory */
#define VULNDB_AFFECTED_MAX 10000 /* affected[] entries of one record */
#define VULNDB_RANGES_MAX 256 /* ranges of one affected entry */
#define VULNDB_EVENTS_MAX 4096 /* events of one range */
#define VULNDB_VERSIONS_MAX 100000 /* versions[] of one affected entry */
#define VULNDB_SEVERITIES_MAX 64 /* severity[] entries of one record */
#define VULNDB_DOWNLOAD_MAX (4ull << 30) /* one downloaded file */

struct vulndb;

/* One advisory's entry for one package (a row of 'affected'). */
struct vuln_affected {
	const char *vuln_id;
	const char *ecosystem;
	const char *package;
	/* OSV "ranges" as JSON text: [{"type":"ECOSYSTEM"|"SEMVER",
	 * "events":[{"introduced":..},{"fixed":..},{"last_affected":..},
	 * {"limit":..}]}]; may be "[]". */
	const char *ranges_json;
	/* OSV "versions" as a JSON array of strings; may be "[]". */
	const char *versions_json;
	/* A per-package severity from the source (Debian urgency mapped to
	 * LOW/MEDIUM/HIGH, ...), or NULL. */
	const char *severity;
};

/* What a finding shows about an advisory. */
struct vuln_info {
	const char *id;
	const char **aliases;
	size_t naliases;
	const char *summary; /* a title; never NULL ("" if none) */
	const char *details; /* the first VULNDB_DETAILS_MAX bytes, or NULL */
	const char *published, *modified;
	const char *severity; /* CRITICAL HIGH MEDIUM LOW UNKNOWN */
	double cvss_score; /* < 0 when none */
	const char *cvss_vector; /* the vector the score came from */
	const char *cvss4_vector; /* stored even when not scored */
	const char **refs;
	size_t nrefs;
	bool kev; /* CISA Known Exploited (by id or alias) */
	const char *source; /* "osv", "alpine-secdb", "debian", ... */
};

/*
 * Open read-only; checks the schema version. Caller owns *out. Returns 0,
 * -ENOENT (no file), -EBADMSG (not a ward database) or -ENOTSUP (another
 * schema version: rebuild it). A handle is used by one thread at a time.
 */
int vulndb_open(const char *path, struct vulndb **out, struct ward_err *err);
/* Accepts NULL. */
void vulndb_close(struct vulndb *db);

/*
 * The name a package is stored and looked up under in 'ecosystem': PEP 503
 * for PyPI (lower case, each run of '-', '_' and '.' becomes one '-'),
 * unchanged elsewhere. The result is in 'a'.
 */
const char *
vulndb_package_name(struct arena *a, const char *ecosystem, struct str name);

/*
 * All 'affected' rows for (ecosystem, package); strings in 'a'. The name
 * goes through vulndb_package_name() first. No rows: *n = 0, returns 0.
 */
int vulndb_lookup(struct vulndb *db, struct arena *a, const char *ecosystem,
    const char *package, struct vuln_affected **out, size_t *n,
    struct ward_err *err);

/*
 * The advisory 'id'; -ENOENT when absent. Strings in 'a'. Aliases are
 * both ways: the ids the record names and the records that name 'id'.
 * A stored vector that was not scored when the database was built (CVSS
 * support arriving later) is scored here.
 */
int vulndb_get(struct vulndb *db, struct arena *a, const char *id,
    struct vuln_info *out, struct ward_err *err);

/* Per-source counts and the build time, for 'ward db info'. */
struct vulndb_source_info {
	const char *name; /* "osv/Go", "alpine-secdb", "debian", "kev" */
	uint64_t records; /* stored: advisories (osv), rows (secdb,
				 debian), entries (kev); docs/vulndb.md */
	uint64_t skipped; /* malformed records, skipped with a warning */
	uint64_t excluded; /* left out by rule: withdrawn, not affected */
	uint64_t ignored; /* parts not used: GIT ranges, non-id tokens */
	const char *origin; /* directory or URL it came from */
};
struct vulndb_meta {
	const char *built_at; /* RFC 3339 UTC */
	int schema_version;
	struct vulndb_source_info *sources;
	size_t nsources;
	uint64_t vulns, affected;
};
int vulndb_meta(struct vulndb *db, struct arena *a, struct vulndb_meta *out,
    struct ward_err *err);

/*
 * Building. Diagnostics reach the caller through 'note' (modules do not
 * print): LOG_WARN for each skipped record ("osv/PyPI: X.json: PYSEC-1:
 * ...: not a string, skipping"), LOG_INFO for progress. 'note' may be
 * NULL.
 */
struct vulndb_note {
	void (*fn)(void *ctx, int level, const char *msg);
	void *ctx;
};

/* The input formats a builder reads. */
enum vulndb_format {
	VULNDB_OSV, /* one OSV record (JSON) */
	VULNDB_OSV_ZIP, /* a zip of OSV records, as the bucket's all.zip */
	VULNDB_SECDB, /* one Alpine secdb file (v3.X/main.json) */
	VULNDB_DEBIAN, /* the Debian security tracker's JSON */
	VULNDB_KEV, /* CISA's known_exploited_vulnerabilities.json */
};

struct vulndb_builder;

/*
 * A new database at 'path' (created; must not exist), or in memory when
 * 'path' is NULL (fuzz targets). Everything is written in one transaction
 * that vulndb_builder_finish() commits. Caller owns *out.
 */
int vulndb_builder_new(const char *path, const struct vulndb_note *note,
    struct vulndb_builder **out, struct ward_err *err);

/*
 * Import 'data' (borrowed for the call) into 'source' (created on first
 * use; 'origin' names where it came from, for messages and 'ward db
 * info'). Malformed records are skipped, counted and noted; only a
 * broken container fails: a zip that cannot be read (-EBADMSG), a secdb,
 * tracker or KEV file that is not JSON of the expected shape (-EBADMSG),
 * input over a cap (-EFBIG), or a write error. After a failure the builder
 * can only be freed. Import OSV data before the other formats: their
 * advisories only add minimal records for ids OSV does not have.
 */
int vulndb_builder_import(struct vulndb_builder *b, enum vulndb_format fmt,
    const char *source, const char *origin, struct str data,
    struct ward_err *err);

/* The same for a file (a zip is read in place, not loaded whole). */
int vulndb_builder_import_file(struct vulndb_builder *b, enum vulndb_format fmt,
    const char *source, const char *origin, const char *path,
    struct ward_err *err);

/* A source's counts so far; false when the builder has no such source. */
bool vulndb_builder_counts(const struct vulndb_builder *b, const char *source,
    struct vulndb_source_info *out);

/*
 * Finish: per-source counts and meta written, indexes built, committed.
 * The builder can then only be freed.
 */
int vulndb_builder_finish(struct vulndb_builder *b, struct ward_err *err);

/* Close. An unfinished file is left incomplete (it is written without a
 * journal); vulndb_build() removes it. Accepts NULL. */
void vulndb_builder_free(struct vulndb_builder *b);

/*
 * Build from a local mirror (docs/vulndb.md): FROM/osv/<Eco>/all.zip (or
 * *.json files), FROM/debian/tracker.json, FROM/alpine-secdb/v3.X/
 * *.json, FROM/kev/known_exploited_vulnerabilities.json; absent parts are
 * absent sources, but at least one must be there (else -ENOENT). The new
 * file is written beside 'output' and renamed over it only when complete
 * and verified (reopened, schema and counts checked, integrity_check), so
 * a failed or interrupted build never replaces the old database. The
 * parent directory must exist. *out (strings in 'a') gets the new meta.
 */
struct vulndb_build_opts {
	const char *from;
	const char *output;
	/* Origins recorded instead of paths under 'from' ('ward db update'
	 * passes URLs); NULL: the path. The OSV one is a base: the
	 * ecosystem's zip is origin_osv/<Eco>/all.zip. */
	const char *origin_osv, *origin_secdb, *origin_debian, *origin_kev;
	struct vulndb_note note;
};
int vulndb_build(struct arena *a, const struct vulndb_build_opts *o,
    struct vulndb_meta *out, struct ward_err *err);

/*
 * Download the sources over HTTP(S) (libcurl, loaded at run time) into a
 * temporary mirror beside 'output', build from it as vulndb_build() does,
 * and remove the mirror. Any failed download or unreadable container
 * fails the update (err names the URL) and leaves the old database in
 * place; malformed single records are skipped and counted as in a build.
 * NULL URLs and lists take the defaults (VULNDB_URL_*, and the lists
 * below).
 */
#define VULNDB_URL_OSV "https://osv-vulnerabilities.storage.googleapis.com"
#define VULNDB_URL_SECDB "https://secdb.alpinelinux.org"
#define VULNDB_URL_KEV                                                         \
	"https://www.cisa.gov/sites/default/files/feeds/"                      \
	"known_exploited_vulnerabilities.json"
#define VULNDB_URL_DEBIAN                                                      \
	"https://security-tracker.debian.org/tracker/data/json"
#define VULNDB_ECOSYSTEMS "Go,PyPI,npm,Maven,RubyGems,crates.io,NuGet,Packagist"
#define VULNDB_SECDB_BRANCHES "v3.17,v3.18,v3.19,v3.20,v3.21,v3.22"

struct vulndb_update_opts {
	const char *output;
	const char *url_osv; /* base: <base>/<Eco>/all.zip */
	const char *url_secdb; /* base: <base>/<branch>/{main,community}.json */
	const char *url_kev; /* the file */
	const char *url_debian; /* the file */
	const char *ecosystems; /* comma-separated OSV ecosystems */
	const char *secdb_branches; /* comma-separated, "v3.20" */
	bool no_osv, no_secdb, no_kev, no_debian; /* sources left out */
	uint64_t max_download; /* per file; 0: VULNDB_DOWNLOAD_MAX */
	long connect_timeout; /* seconds; 0: 30 */
	long low_speed_time; /* seconds below 1 KiB/s; 0: 60 */
	struct vulndb_note note;
};
int vulndb_update(struct arena *a, const struct vulndb_update_opts *o,
    struct vulndb_meta *out, struct ward_err *err);

#endif
