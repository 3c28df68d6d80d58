/*
 * Reading the vulnerability database: open read-only, check the schema
 * version, look up advisories by (ecosystem, package) through the index
 * and fetch what a finding shows. The file is normally ward's own, built
 * by 'ward db build' or 'update' into the user's cache, but it is opened
 * defensively all the same (read-only, no triggers, views or untrusted
 * schema functions), and values read back are checked for type: a file
 * that is not a ward database gives -EBADMSG, never a crash. All SQL is
 * fixed text with bound parameters.
 */

#include <errno.h>
#include <json-c/json.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/cvss.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/vulndb.h"

enum { Q_LOOKUP, Q_GET, Q_ALIASES, Q_KEV, Q_META, Q_SOURCES, Q_MAX };

static const char *const query_sql[Q_MAX] = {
    [Q_LOOKUP] = "SELECT vuln_id, ranges, versions, severity FROM affected"
		 " WHERE ecosystem = ?1 AND package = ?2 ORDER BY vuln_id",
    [Q_GET] = "SELECT summary, details, published, modified, severity,"
	      " cvss_score, cvss_vector, cvss4_vector, refs, source"
	      " FROM vulns WHERE id = ?1",
    [Q_ALIASES] = "SELECT alias FROM aliases WHERE vuln_id = ?1 UNION"
		  " SELECT vuln_id FROM aliases WHERE alias = ?1",
    [Q_KEV] = "SELECT 1 FROM kev WHERE cve = ?1 OR cve IN"
	      " (SELECT alias FROM aliases WHERE vuln_id = ?1) OR cve IN"
	      " (SELECT vuln_id FROM aliases WHERE alias = ?1) LIMIT 1",
    [Q_META] = "SELECT value FROM meta WHERE key = ?1",
    [Q_SOURCES] = "SELECT name, origin, records, skipped, excluded,"
		  " ignored FROM sources ORDER BY name",
};

struct vulndb {
	sqlite3 *db;
	sqlite3_stmt *q[Q_MAX];
	char *path;
};

const char *
vulndb_package_name(struct arena *a, const char *ecosystem, struct str name)
{
	char *out;
	size_t n = 0;

	if (strcmp(ecosystem, "PyPI") != 0)
		return arena_strz(a, name);
	out = arena_alloc(a, name.len + 1);
	for (size_t i = 0; i < name.len; i++) {
		char c = name.p[i];

		if (c == '-' || c == '_' || c == '.') {
			if (n == 0 || out[n - 1] != '-')
				out[n++] = '-';
			continue;
		}
		out[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return out;
}

static int
sql_err(struct vulndb *db, const char *what, struct ward_err *err)
{
	int rc = sqlite3_errcode(db->db);

	return err_set(err,
	    rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || rc == SQLITE_ERROR
		? EBADMSG
		: EIO,
	    "%s: %s: %s", db->path, what, sqlite3_errmsg(db->db));
}

static void
harden(sqlite3 *h)
{
	static const int off[] = {
	    SQLITE_DBCONFIG_ENABLE_TRIGGER,
	    SQLITE_DBCONFIG_ENABLE_VIEW,
	    SQLITE_DBCONFIG_TRUSTED_SCHEMA,
	    SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
	};

	/* These fail only for an option this SQLite does not know, and it
	 * knows them all: it was compiled against this header. */
	(void)sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(off); i++)
		(void)sqlite3_db_config(h, off[i], 0, NULL);
	(void)sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
}

/* A column as a string in 'a', or NULL when it is not text. */
static const char *
col_str(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *p;

	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return NULL;
	p = sqlite3_column_text(st, i);
	return p ? arena_strndup(
		       a, (const char *)p, (size_t)sqlite3_column_bytes(st, i))
		 : NULL;
}

static void
reset(sqlite3_stmt *st)
{
	/* reset returns the last step's error, already handled. */
	(void)sqlite3_reset(st);
	(void)sqlite3_clear_bindings(st);
}

static void
bind(sqlite3_stmt *st, int i, const char *s)
{
	/* Only a wrong index fails, and the indexes are fixed here. */
	(void)sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* meta[key] in 'a'; -ENOENT when absent. */
static int
meta_get(struct vulndb *db, struct arena *a, const char *key, const char **out,
    struct ward_err *err)
{
	sqlite3_stmt *st = db->q[Q_META];
	int rc;

	bind(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = col_str(a, st, 0);
	reset(st);
	if (rc == SQLITE_DONE || (rc == SQLITE_ROW && !*out))
		return err_set(
		    err, ENOENT, "%s: no '%s' in meta", db->path, key);
	if (rc != SQLITE_ROW)
		return sql_err(db, "reading meta", err);
	return 0;
}

static int
check_schema(struct vulndb *db, struct ward_err *err)
{
	struct arena *a = arena_new();
	const char *v = NULL;
	uint64_t ver = 0;
	int r = meta_get(db, a, "schema_version", &v, err);

	if (r == 0 && parse_u64_cstr(v, 1000000, &ver) < 0)
		r = err_set(err, EBADMSG, "%s: bad schema_version", db->path);
	else if (r == 0 && ver != VULNDB_SCHEMA_VERSION)
		r = err_set(err, ENOTSUP,
		    "%s: schema version %llu, this ward reads %d: rebuild it "
		    "('ward db update' or 'ward db build')",
		    db->path, (unsigned long long)ver, VULNDB_SCHEMA_VERSION);
	else if (r == -ENOENT)
		r = err_set(err, EBADMSG, "%s: not a ward database", db->path);
	arena_free(a);
	return r;
}

int
vulndb_open(const char *path, struct vulndb **out, struct ward_err *err)
{
	struct vulndb *db;
	struct stat st;
	int r = 0;

	if (stat(path, &st) < 0)
		return err_set(err, errno, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(err, EINVAL, "%s: not a regular file", path);
	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	if (sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		r = sql_err(db, "cannot open", err);
	if (r == 0)
		harden(db->db);
	for (int i = 0; i < Q_MAX && r == 0; i++)
		if (sqlite3_prepare_v3(db->db, query_sql[i], -1,
			SQLITE_PREPARE_PERSISTENT, &db->q[i],
			NULL) != SQLITE_OK)
			r = err_set(err, EBADMSG,
			    "%s: not a ward database (%s)", path,
			    sqlite3_errmsg(db->db));
	if (r == 0)
		r = check_schema(db, err);
	if (r < 0) {
		vulndb_close(db);
		return r;
	}
	*out = db;
	return 0;
}

void
vulndb_close(struct vulndb *db)
{
	if (!db)
		return;
	for (int i = 0; i < Q_MAX; i++)
		sqlite3_finalize(db->q[i]);
	(void)sqlite3_close_v2(db->db); /* nothing to do on failure */
	free(db->path);
	free(db);
}

int
vulndb_lookup(struct vulndb *db, struct arena *a, const char *ecosystem,
    const char *package, struct vuln_affected **out, size_t *n,
    struct ward_err *err)
{
	sqlite3_stmt *st = db->q[Q_LOOKUP];
	const char *name = vulndb_package_name(a, ecosystem, str_from(package));
	struct vuln_affected *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	bind(st, 1, ecosystem);
	bind(st, 2, name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct vuln_affected *x;
		const char *id = col_str(a, st, 0);

		if (!id)
			continue;
		if (len == cap) {
			v = arena_realloc(
			    a, v, cap, cap ? 2 * cap : 8, sizeof(*v));
			cap = cap ? 2 * cap : 8;
		}
		x = &v[len++];
		x->vuln_id = id;
		x->ecosystem = ecosystem;
		x->package = name;
		x->ranges_json = col_str(a, st, 1);
		x->versions_json = col_str(a, st, 2);
		x->severity = col_str(a, st, 3);
		if (!x->ranges_json)
			x->ranges_json = "[]";
		if (!x->versions_json)
			x->versions_json = "[]";
	}
	reset(st);
	if (rc != SQLITE_DONE)
		return sql_err(db, "lookup", err);
	*out = v;
	*n = len;
	return 0;
}

/* The URLs of a refs column (a JSON array of strings). */
static void
parse_refs(struct arena *a, const char *json, struct vuln_info *out)
{
	struct json_object *o = NULL;
	struct ward_err e;
	size_t n;

	out->refs = NULL;
	out->nrefs = 0;
	if (!json || json_parse_depth(str_from(json), 2, &o, &e) < 0)
		return;
	n = json_array_len(o);
	out->refs = arena_calloc(a, n ? n : 1, sizeof(*out->refs));
	for (size_t i = 0; i < n; i++) {
		struct str s;

		if (json_str(json_array_at(o, i), &s))
			out->refs[out->nrefs++] = arena_strz(a, s);
	}
	json_object_put(o);
}

static int
get_aliases(struct vulndb *db, struct arena *a, const char *id,
    struct vuln_info *out, struct ward_err *err)
{
	sqlite3_stmt *st = db->q[Q_ALIASES];
	size_t cap = 0;
	int rc;

	out->aliases = NULL;
	out->naliases = 0;
	bind(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = col_str(a, st, 0);

		if (!s)
			continue;
		if (out->naliases == cap) {
			out->aliases = arena_realloc(a, out->aliases, cap,
			    cap ? 2 * cap : 4, sizeof(*out->aliases));
			cap = cap ? 2 * cap : 4;
		}
		out->aliases[out->naliases++] = s;
	}
	reset(st);
	if (rc != SQLITE_DONE)
		return sql_err(db, "aliases", err);
	bind(db->q[Q_KEV], 1, id);
	rc = sqlite3_step(db->q[Q_KEV]);
	reset(db->q[Q_KEV]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_err(db, "kev", err);
	out->kev = rc == SQLITE_ROW;
	return 0;
}

/*
 * Score a vector stored unscored (a database built before ward could
 * score it). The v3 vector wins over v4, as at build time.
 */
static void
late_score(struct vuln_info *out)
{
	const char *vec =
	    out->cvss_vector ? out->cvss_vector : out->cvss4_vector;
	struct ward_err e;
	struct cvss c;

	if (!vec || cvss_score(str_from(vec), &c, &e) < 0)
		return;
	out->cvss_score = c.base_score;
	out->cvss_vector = vec;
	if (vseverity_word(c.severity))
		out->severity = vseverity_word(c.severity);
}

static void
fill_info(struct arena *a, sqlite3_stmt *st, struct vuln_info *out)
{
	out->summary = col_str(a, st, 0);
	out->details = col_str(a, st, 1);
	out->published = col_str(a, st, 2);
	out->modified = col_str(a, st, 3);
	out->severity = col_str(a, st, 4);
	out->cvss_score = sqlite3_column_type(st, 5) == SQLITE_FLOAT ||
		sqlite3_column_type(st, 5) == SQLITE_INTEGER
	    ? sqlite3_column_double(st, 5)
	    : -1;
	out->cvss_vector = col_str(a, st, 6);
	out->cvss4_vector = col_str(a, st, 7);
	parse_refs(a, col_str(a, st, 8), out);
	out->source = col_str(a, st, 9);
	if (out->cvss_score < 0)
		late_score(out);
	else if (!out->cvss_vector)
		out->cvss_vector = out->cvss4_vector; /* scored from v4 */
	if (!out->summary)
		out->summary = "";
	if (!out->severity)
		out->severity = "UNKNOWN";
	if (!out->source)
		out->source = "unknown";
}

int
vulndb_get(struct vulndb *db, struct arena *a, const char *id,
    struct vuln_info *out, struct ward_err *err)
{
	sqlite3_stmt *st = db->q[Q_GET];
	struct vuln_info v = {0};
	int rc;

	bind(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fill_info(a, st, &v);
	reset(st);
	if (rc == SQLITE_DONE)
		return err_set(err, ENOENT, "no advisory '%s'", id);
	if (rc != SQLITE_ROW)
		return sql_err(db, "reading an advisory", err);
	v.id = arena_strdup(a, id);
	if (get_aliases(db, a, id, &v, err) < 0)
		return -err->code;
	*out = v;
	return 0;
}

static int
meta_u64(struct vulndb *db, struct arena *a, const char *key, uint64_t *out,
    struct ward_err *err)
{
	const char *v = NULL;
	int r = meta_get(db, a, key, &v, err);

	if (r == 0 && parse_u64_cstr(v, UINT64_MAX - 1, out) < 0)
		r = err_set(
		    err, EBADMSG, "%s: bad '%s' in meta", db->path, key);
	return r;
}

static int
read_sources(struct vulndb *db, struct arena *a, struct vulndb_meta *out,
    struct ward_err *err)
{
	sqlite3_stmt *st = db->q[Q_SOURCES];
	size_t cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct vulndb_source_info *s;

		if (out->nsources == cap) {
			out->sources = arena_realloc(a, out->sources, cap,
			    cap ? 2 * cap : 8, sizeof(*out->sources));
			cap = cap ? 2 * cap : 8;
		}
		s = &out->sources[out->nsources++];
		s->name = col_str(a, st, 0);
		s->origin = col_str(a, st, 1);
		s->records = (uint64_t)sqlite3_column_int64(st, 2);
		s->skipped = (uint64_t)sqlite3_column_int64(st, 3);
		s->excluded = (uint64_t)sqlite3_column_int64(st, 4);
		s->ignored = (uint64_t)sqlite3_column_int64(st, 5);
		if (!s->name)
			s->name = "?";
		if (!s->origin)
			s->origin = "";
	}
	reset(st);
	if (rc != SQLITE_DONE)
		return sql_err(db, "reading sources", err);
	return 0;
}

int
vulndb_meta(struct vulndb *db, struct arena *a, struct vulndb_meta *out,
    struct ward_err *err)
{
	struct vulndb_meta m = {.schema_version = VULNDB_SCHEMA_VERSION};
	int r = meta_get(db, a, "built_at", &m.built_at, err);

	if (r == 0)
		r = meta_u64(db, a, "vulns", &m.vulns, err);
	if (r == 0)
		r = meta_u64(db, a, "affected", &m.affected, err);
	if (r == 0)
		r = read_sources(db, a, &m, err);
	if (r < 0)
		return r;
	*out = m;
	return 0;
}

static int
count_is(
    struct vulndb *db, const char *sql, uint64_t want, struct ward_err *err)
{
	sqlite3_stmt *st;
	int rc;
	bool ok;

	if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_err(db, "checking", err);
	rc = sqlite3_step(st);
	ok = rc == SQLITE_ROW && (uint64_t)sqlite3_column_int64(st, 0) == want;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sql_err(db, "checking", err);
	if (!ok)
		return err_set(
		    err, EBADMSG, "%s: row counts differ from meta", db->path);
	return 0;
}

int
vulndb_check(struct vulndb *db, struct ward_err *err)
{
	struct arena *a = arena_new();
	sqlite3_stmt *st;
	uint64_t nv = 0, na = 0;
	const char *res;
	int r = meta_u64(db, a, "vulns", &nv, err);

	if (r == 0)
		r = meta_u64(db, a, "affected", &na, err);
	if (r == 0)
		r = count_is(db, "SELECT count(*) FROM vulns", nv, err);
	if (r == 0)
		r = count_is(db, "SELECT count(*) FROM affected", na, err);
	if (r == 0 &&
	    sqlite3_prepare_v2(
		db->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		r = sql_err(db, "integrity_check", err);
	if (r == 0) {
		res = sqlite3_step(st) == SQLITE_ROW ? col_str(a, st, 0) : NULL;
		if (!res || strcmp(res, "ok") != 0)
			r = err_set(err, EBADMSG, "%s: integrity_check: %s",
			    db->path, res ? res : sqlite3_errmsg(db->db));
		sqlite3_finalize(st);
	}
	arena_free(a);
	return r;
}
