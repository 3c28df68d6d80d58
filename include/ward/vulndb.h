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

struct arena;
struct ward_err;

#define VULNDB_SCHEMA_VERSION 1

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
	const char *summary;
	const char *published, *modified;
	const char *severity;	   /* CRITICAL HIGH MEDIUM LOW UNKNOWN */
	double cvss_score;	   /* < 0 when none */
	const char *cvss_vector;   /* the vector the score came from */
	const char *cvss4_vector;  /* stored even when not scored */
	const char **refs;
	size_t nrefs;
	bool kev;		   /* CISA Known Exploited (by id or alias) */
	const char *source;	   /* "osv", "alpine-secdb", "debian", ... */
};

/* Open read-only; checks the schema version. Caller owns *out. */
int vulndb_open(const char *path, struct vulndb **out, struct ward_err *err);
void vulndb_close(struct vulndb *db);

/* All 'affected' rows for (ecosystem, package); strings in 'a'. */
int vulndb_lookup(struct vulndb *db, struct arena *a, const char *ecosystem,
    const char *package, struct vuln_affected **out, size_t *n,
    struct ward_err *err);

/* The advisory 'id'; -ENOENT when absent. Strings in 'a'. */
int vulndb_get(struct vulndb *db, struct arena *a, const char *id,
    struct vuln_info *out, struct ward_err *err);

/* Per-source counts and the build time, for 'ward db info'. */
struct vulndb_source_info {
	const char *name;
	uint64_t records, skipped;
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

#endif
