/*
 * Writing a vulnerability database: the builder that the importers write
 * through, and 'ward db build --from DIR', which runs the importers over a
 * local mirror into a temporary file beside the target and renames it into
 * place only after reopening and checking it. The mirror's content is
 * untrusted (the importers bound and validate it); the paths given here
 * (the mirror, the output) come from the user and are trusted. The file is
 * written in one transaction with no journal and no syncs, because an
 * incomplete file is never renamed into place: it is fsynced once, whole,
 * before the rename. Rows of 'affected' and 'aliases' are staged in
 * in-memory tables and copied sorted at the end, so the file's pages hold
 * each package's rows together and the indexes are built in one pass.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/vulndb.h"

/* Temporary files of a build older than this are an interrupted build's
 * remains and are removed by the next build. */
#define STALE_SECONDS (6 * 3600)

static const char pragma_sql[] = "PRAGMA journal_mode=OFF;"
				 "PRAGMA synchronous=OFF;"
				 "PRAGMA locking_mode=EXCLUSIVE;"
				 "PRAGMA temp_store=MEMORY;"
				 "PRAGMA cache_size=-262144;"
				 "BEGIN;";

static const char schema_sql[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE sources(name TEXT PRIMARY KEY, origin TEXT NOT NULL,"
    " records INTEGER NOT NULL, skipped INTEGER NOT NULL,"
    " excluded INTEGER NOT NULL, ignored INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE vulns(id TEXT PRIMARY KEY NOT NULL, summary TEXT,"
    " details TEXT, published TEXT, modified TEXT, severity TEXT,"
    " cvss_score REAL, cvss_vector TEXT, cvss4_vector TEXT, refs TEXT,"
    " source TEXT NOT NULL);"
    "CREATE TABLE aliases(vuln_id TEXT NOT NULL, alias TEXT NOT NULL,"
    " PRIMARY KEY(vuln_id, alias)) WITHOUT ROWID;"
    "CREATE TABLE affected(vuln_id TEXT NOT NULL, ecosystem TEXT NOT NULL,"
    " package TEXT NOT NULL, ranges TEXT, versions TEXT, severity TEXT);"
    "CREATE TABLE kev(cve TEXT PRIMARY KEY, date_added TEXT, due_date TEXT,"
    " vendor TEXT, product TEXT, name TEXT, ransomware TEXT) WITHOUT ROWID;"
    "CREATE TEMP TABLE stage_affected(vuln_id, ecosystem, package, ranges,"
    " versions, severity);"
    "CREATE TEMP TABLE stage_aliases(vuln_id, alias);";

static const char finish_sql[] =
    "INSERT INTO affected SELECT * FROM temp.stage_affected"
    " ORDER BY ecosystem, package, vuln_id;"
    "INSERT OR IGNORE INTO aliases SELECT * FROM temp.stage_aliases"
    " ORDER BY vuln_id, alias;"
    "DROP TABLE temp.stage_affected;"
    "DROP TABLE temp.stage_aliases;"
    "CREATE INDEX affected_pkg ON affected(ecosystem, package);"
    "CREATE INDEX aliases_alias ON aliases(alias, vuln_id);";

static const char *const stmt_sql[ST_MAX] = {
    [ST_VULN] = "INSERT INTO vulns(id, summary, details, published,"
		" modified, severity, cvss_score, cvss_vector, cvss4_vector,"
		" refs, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		" ?10, ?11) ON CONFLICT(id) DO UPDATE SET"
		" summary = excluded.summary, details = excluded.details,"
		" published = excluded.published,"
		" modified = excluded.modified, severity = excluded.severity,"
		" cvss_score = excluded.cvss_score,"
		" cvss_vector = excluded.cvss_vector,"
		" cvss4_vector = excluded.cvss4_vector, refs = excluded.refs,"
		" source = excluded.source WHERE vulns.source <> 'osv'",
    [ST_VULN_MIN] = "INSERT INTO vulns(id, summary, source)"
		    " VALUES(?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET"
		    " summary = excluded.summary WHERE vulns.summary IS NULL"
		    " AND excluded.summary IS NOT NULL",
    [ST_ALIAS] = "INSERT INTO temp.stage_aliases VALUES(?1, ?2)",
    [ST_AFFECTED] = "INSERT INTO temp.stage_affected"
		    " VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_KEV] = "INSERT OR IGNORE INTO kev VALUES(?1, ?2, ?3, ?4, ?5, ?6,"
	       " ?7)",
};

/* Text helpers. */

bool
vid_valid(struct str id)
{
	if (id.len == 0 || id.len > VULNDB_ID_MAX)
		return false;
	for (size_t i = 0; i < id.len; i++) {
		unsigned char c = (unsigned char)id.p[i];
		bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');

		if (!alnum && (i == 0 || !strchr("._:+/-", c) || c == '\0'))
			return false;
	}
	return true;
}

bool
vname_valid(struct str s)
{
	if (s.len == 0 || s.len > VULNDB_NAME_MAX)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if ((unsigned char)s.p[i] < 0x20 || s.p[i] == 0x7f)
			return false;
	return true;
}

struct str
vtext_cut(struct arena *a, struct str s, size_t max)
{
	size_t n = max;
	char *p;

	if (s.len <= max)
		return s;
	while (n > 0 && ((unsigned char)s.p[n] & 0xc0) == 0x80)
		n--;
	p = arena_alloc(a, n + 4);
	memcpy(p, s.p, n);
	memcpy(p + n, "...", 4);
	return str_make(p, n + 3);
}

int
vjson_str(struct buf *b, struct str s)
{
	static const char hex[] = "0123456789abcdef";
	int r = buf_putc(b, '"');

	for (size_t i = 0; i < s.len && r == 0; i++) {
		unsigned char c = (unsigned char)s.p[i];
		char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};

		if (c == '"' || c == '\\') {
			r = buf_putc(b, '\\');
			if (r == 0)
				r = buf_putc(b, (char)c);
		} else if (c < 0x20) {
			r = buf_append(b, esc, sizeof(esc));
		} else {
			r = buf_putc(b, (char)c);
		}
	}
	return r < 0 ? r : buf_putc(b, '"');
}

struct str
vrange_simple(struct arena *a, struct str fixed)
{
	struct buf b;
	struct str out;

	/* Versions are at most VULNDB_VERSION_MAX bytes, so this fits. */
	buf_init(&b, 64 + 6 * VULNDB_VERSION_MAX);
	(void)buf_puts(&b,
	    "[{\"type\":\"ECOSYSTEM\",\"events\":"
	    "[{\"introduced\":\"0\"}");
	if (fixed.len > 0) {
		(void)buf_puts(&b, ",{\"fixed\":");
		(void)vjson_str(&b, fixed);
		(void)buf_putc(&b, '}');
	}
	(void)buf_puts(&b, "]}]");
	out.p = arena_strz(a, buf_str(&b));
	out.len = b.len;
	buf_fini(&b);
	return out;
}

const char *
vseverity_word(const char *rating)
{
	static const char *const words[] = {
	    "CRITICAL", "HIGH", "MEDIUM", "LOW"};

	if (!rating)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strcmp(rating, words[i]) == 0)
			return words[i];
	return strcmp(rating, "NONE") == 0 ? "LOW" : NULL;
}

/* Notes. */

void
bld_note(struct vulndb_builder *b, int level, const char *fmt, ...)
{
	char msg[LOG_LINE_MAX];
	va_list ap;

	if (!b->note.fn)
		return;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	b->note.fn(b->note.ctx, level, msg);
}

void
bld_skip(struct vulndb_builder *b, struct vulndb_source_info *s,
    const char *fmt, ...)
{
	char msg[LOG_LINE_MAX];
	va_list ap;

	s->skipped++;
	if (!b->note.fn)
		return;
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	bld_note(b, LOG_WARN, "%s: %s, skipping", s->name, msg);
}

/* Writes. */

static int
sql_fail(struct vulndb_builder *b, const char *what, struct ward_err *err)
{
	int rc = sqlite3_errcode(b->db);

	b->failed = true;
	return err_set(err, rc == SQLITE_FULL ? ENOSPC : EIO, "%s: %s", what,
	    sqlite3_errmsg(b->db));
}

static void
bind_str(sqlite3_stmt *st, int i, struct str s)
{
	/* Every bound value is capped far below INT_MAX by the importers,
	 * and binding only fails for an index this file gets right. */
	if (s.len == 0)
		(void)sqlite3_bind_null(st, i);
	else
		(void)sqlite3_bind_text(st, i, s.p, (int)s.len, SQLITE_STATIC);
}

static void
bind_cstr(sqlite3_stmt *st, int i, const char *s)
{
	bind_str(st, i, s ? str_from(s) : STR_NULL);
}

static int
step(struct vulndb_builder *b, int which, struct ward_err *err)
{
	sqlite3_stmt *st = b->st[which];
	int rc = sqlite3_step(st);

	(void)sqlite3_reset(st); /* the error is in rc already */
	(void)sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return sql_fail(b, "writing the database", err);
	return 0;
}

int
bld_vuln(struct vulndb_builder *b, const struct vrow_vuln *v, bool *fresh,
    struct ward_err *err)
{
	sqlite3_stmt *st = b->st[ST_VULN];
	int r;

	bind_str(st, 1, v->id);
	bind_str(st, 2, v->summary);
	bind_str(st, 3, v->details);
	bind_str(st, 4, v->published);
	bind_str(st, 5, v->modified);
	bind_cstr(st, 6, v->severity);
	if (v->cvss_score >= 0)
		(void)sqlite3_bind_double(st, 7, v->cvss_score);
	bind_str(st, 8, v->cvss_vector);
	bind_str(st, 9, v->cvss4_vector);
	bind_str(st, 10, v->refs_json);
	bind_cstr(st, 11, v->source);
	r = step(b, ST_VULN, err);
	if (r == 0)
		*fresh = sqlite3_changes(b->db) > 0;
	return r;
}

int
bld_vuln_min(struct vulndb_builder *b, struct str id, struct str summary,
    const char *source, struct ward_err *err)
{
	sqlite3_stmt *st = b->st[ST_VULN_MIN];

	bind_str(st, 1, id);
	bind_str(st, 2, summary);
	bind_cstr(st, 3, source);
	return step(b, ST_VULN_MIN, err);
}

int
bld_alias(struct vulndb_builder *b, struct str id, struct str alias,
    struct ward_err *err)
{
	sqlite3_stmt *st = b->st[ST_ALIAS];

	bind_str(st, 1, id);
	bind_str(st, 2, alias);
	return step(b, ST_ALIAS, err);
}

int
bld_affected(struct vulndb_builder *b, const struct vrow_affected *r,
    struct ward_err *err)
{
	sqlite3_stmt *st = b->st[ST_AFFECTED];

	bind_str(st, 1, r->vuln_id);
	bind_str(st, 2, r->ecosystem);
	bind_str(st, 3, r->package);
	bind_str(st, 4, r->ranges);
	bind_str(st, 5, r->versions);
	bind_cstr(st, 6, r->severity);
	return step(b, ST_AFFECTED, err);
}

int
bld_kev(struct vulndb_builder *b, const struct vrow_kev *k, bool *fresh,
    struct ward_err *err)
{
	sqlite3_stmt *st = b->st[ST_KEV];
	int r;

	bind_str(st, 1, k->cve);
	bind_str(st, 2, k->date_added);
	bind_str(st, 3, k->due_date);
	bind_str(st, 4, k->vendor);
	bind_str(st, 5, k->product);
	bind_str(st, 6, k->name);
	bind_str(st, 7, k->ransomware);
	r = step(b, ST_KEV, err);
	if (r == 0)
		*fresh = sqlite3_changes(b->db) > 0;
	return r;
}

/* The builder. */

static int
exec(struct vulndb_builder *b, const char *sql, struct ward_err *err)
{
	if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sql_fail(b, "creating the database", err);
	return 0;
}

int
vulndb_builder_new(const char *path, const struct vulndb_note *note,
    struct vulndb_builder **out, struct ward_err *err)
{
	struct vulndb_builder *b = xcalloc(1, sizeof(*b));
	int r;

	if (note)
		b->note = *note;
	if (sqlite3_open_v2(path ? path : ":memory:", &b->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		    SQLITE_OPEN_NOFOLLOW,
		NULL) != SQLITE_OK) {
		r = err_set(err, EIO, "cannot create '%s': %s",
		    path ? path : ":memory:",
		    b->db ? sqlite3_errmsg(b->db) : "out of memory");
		vulndb_builder_free(b);
		return r;
	}
	r = exec(b, pragma_sql, err);
	if (r == 0)
		r = exec(b, schema_sql, err);
	for (int i = 0; i < ST_MAX && r == 0; i++)
		if (sqlite3_prepare_v3(b->db, stmt_sql[i], -1,
			SQLITE_PREPARE_PERSISTENT, &b->st[i],
			NULL) != SQLITE_OK)
			r = sql_fail(b, "preparing a statement", err);
	if (r < 0) {
		vulndb_builder_free(b);
		return r;
	}
	*out = b;
	return 0;
}

static struct vulndb_source_info *
source_get(struct vulndb_builder *b, const char *name, const char *origin)
{
	struct vulndb_source_info *s;

	for (size_t i = 0; i < b->nsrc; i++)
		if (strcmp(b->src[i].name, name) == 0)
			return &b->src[i];
	b->src = xreallocarray(b->src, b->nsrc + 1, sizeof(*b->src));
	s = &b->src[b->nsrc++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->origin = xstrdup(origin ? origin : name);
	return s;
}

int
vulndb_builder_import(struct vulndb_builder *b, enum vulndb_format fmt,
    const char *source, const char *origin, struct str data,
    struct ward_err *err)
{
	struct vulndb_source_info *s;
	int r;

	if (b->failed || b->finished)
		return err_set(err, EINVAL, "the builder is closed");
	s = source_get(b, source, origin);
	switch (fmt) {
	case VULNDB_OSV:
		r = import_osv(b, s, data, s->origin, err);
		break;
	case VULNDB_OSV_ZIP:
		r = import_osv_zip_mem(b, s, data, err);
		break;
	case VULNDB_SECDB:
		r = import_secdb(b, s, data, s->origin, err);
		break;
	case VULNDB_DEBIAN:
		r = import_debian(b, s, data, err);
		break;
	case VULNDB_KEV:
		r = import_kev(b, s, data, err);
		break;
	default:
		r = err_set(err, EINVAL, "unknown input format %d", (int)fmt);
	}
	if (r < 0) {
		b->failed = true;
		return err_wrap(err, "%s: %s", s->name, s->origin);
	}
	return 0;
}

/* Import the file at 'path'; 'where' names it in messages. */
static int
import_file(struct vulndb_builder *b, enum vulndb_format fmt,
    struct vulndb_source_info *s, const char *where, const char *path,
    struct ward_err *err)
{
	_cleanup_close_ int fd = -1;
	struct arena *a;
	struct str text;
	struct stat st;
	uint64_t max = fmt == VULNDB_OSV ? VULNDB_RECORD_MAX : VULNDB_FEED_MAX;
	int r;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0)
		return err_set(err, errno, "%s: %s", where, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(err, EINVAL, "%s: not a regular file", where);
	if (fmt == VULNDB_OSV_ZIP) {
		r = import_osv_zip_fd(b, s, fd, err);
		return r < 0 ? err_wrap(err, "%s: %s", s->name, where) : 0;
	}
	if (fmt == VULNDB_OSV && (uint64_t)st.st_size > max) {
		bld_skip(b, s, "%s: record of %lld bytes exceeds %u", where,
		    (long long)st.st_size, VULNDB_RECORD_MAX);
		return 0;
	}
	a = arena_new();
	r = fs_read_fd(a, fd, where, max, &text, err);
	if (r < 0) {
		arena_free(a); /* err names 'where' already */
		return err_wrap(err, "%s", s->name);
	}
	if (fmt == VULNDB_OSV)
		r = import_osv(b, s, text, where, err);
	else if (fmt == VULNDB_SECDB)
		r = import_secdb(b, s, text, where, err);
	else if (fmt == VULNDB_DEBIAN)
		r = import_debian(b, s, text, err);
	else
		r = import_kev(b, s, text, err);
	arena_free(a);
	return r < 0 ? err_wrap(err, "%s: %s", s->name, where) : 0;
}

int
vulndb_builder_import_file(struct vulndb_builder *b, enum vulndb_format fmt,
    const char *source, const char *origin, const char *path,
    struct ward_err *err)
{
	struct vulndb_source_info *s;
	int r;

	if (b->failed || b->finished)
		return err_set(err, EINVAL, "the builder is closed");
	s = source_get(b, source, origin ? origin : path);
	r = import_file(b, fmt, s, s->origin, path, err);
	if (r < 0)
		b->failed = true;
	return r;
}

bool
vulndb_builder_counts(const struct vulndb_builder *b, const char *source,
    struct vulndb_source_info *out)
{
	for (size_t i = 0; i < b->nsrc; i++) {
		if (strcmp(b->src[i].name, source) == 0) {
			*out = b->src[i];
			return true;
		}
	}
	return false;
}

static int
count_rows(struct vulndb_builder *b, const char *table, uint64_t *out,
    struct ward_err *err)
{
	char sql[64];
	sqlite3_stmt *st;
	int n = snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);

	if (n < 0 || (size_t)n >= sizeof(sql))
		return err_set(err, EINVAL, "table name too long");
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(b, "counting rows", err);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sql_fail(b, "counting rows", err);
	}
	*out = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int
put_row(struct vulndb_builder *b, const char *sql, const char *const *text,
    size_t ntext, const uint64_t *num, size_t nnum, struct ward_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		return sql_fail(b, "writing meta", err);
	for (size_t i = 0; i < ntext; i++)
		bind_cstr(st, (int)i + 1, text[i]);
	for (size_t i = 0; i < nnum; i++)
		(void)sqlite3_bind_int64(
		    st, (int)(ntext + i) + 1, (sqlite3_int64)num[i]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sql_fail(b, "writing meta", err);
}

static int
put_meta(struct vulndb_builder *b, const char *key, const char *value,
    struct ward_err *err)
{
	const char *kv[] = {key, value};

	return put_row(
	    b, "INSERT INTO meta VALUES(?1, ?2)", kv, 2, NULL, 0, err);
}

static int
write_sources(struct vulndb_builder *b, struct ward_err *err)
{
	struct buf names;
	int r = 0;

	buf_init(&names, 1u << 20);
	(void)buf_putc(&names, '[');
	for (size_t i = 0; i < b->nsrc && r == 0; i++) {
		const struct vulndb_source_info *s = &b->src[i];
		const char *text[] = {s->name, s->origin};
		uint64_t num[] = {
		    s->records, s->skipped, s->excluded, s->ignored};

		r = put_row(b,
		    "INSERT INTO sources VALUES(?1, ?2, ?3, ?4, ?5, ?6)", text,
		    2, num, 4, err);
		if (i > 0)
			(void)buf_putc(&names, ',');
		(void)vjson_str(&names, str_from(s->name));
	}
	(void)buf_putc(&names, ']');
	if (r == 0)
		r = put_meta(b, "sources", buf_cstr(&names), err);
	buf_fini(&names);
	return r;
}

static void
now_rfc3339(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

static int
write_meta(struct vulndb_builder *b, struct ward_err *err)
{
	char ver[16], now[32], nv[24], na[24];
	int r;

	if (snprintf(ver, sizeof(ver), "%d", VULNDB_SCHEMA_VERSION) < 0 ||
	    snprintf(nv, sizeof(nv), "%llu", (unsigned long long)b->vulns) <
		0 ||
	    snprintf(na, sizeof(na), "%llu", (unsigned long long)b->affected) <
		0)
		return err_set(err, EINVAL, "formatting meta");
	now_rfc3339(now);
	r = put_meta(b, "schema_version", ver, err);
	if (r == 0)
		r = put_meta(b, "built_at", now, err);
	if (r == 0)
		r = put_meta(b, "ward_version", WARD_VERSION, err);
	if (r == 0)
		r = put_meta(b, "vulns", nv, err);
	if (r == 0)
		r = put_meta(b, "affected", na, err);
	if (r == 0 && b->kev_catalog)
		r = put_meta(b, "kev_catalog_version", b->kev_catalog, err);
	if (r == 0)
		r = write_sources(b, err);
	return r;
}

int
vulndb_builder_finish(struct vulndb_builder *b, struct ward_err *err)
{
	int r;

	if (b->failed || b->finished)
		return err_set(err, EINVAL, "the builder is closed");
	/* Prepared statements on the staging tables must go before the
	 * tables are dropped. */
	for (int i = 0; i < ST_MAX; i++) {
		sqlite3_finalize(b->st[i]);
		b->st[i] = NULL;
	}
	b->finished = true;
	r = exec(b, finish_sql, err);
	if (r == 0)
		r = count_rows(b, "vulns", &b->vulns, err);
	if (r == 0)
		r = count_rows(b, "affected", &b->affected, err);
	if (r == 0)
		r = write_meta(b, err);
	if (r == 0)
		r = exec(b, "COMMIT", err);
	if (r < 0)
		return err_wrap(err, "finishing the database");
	return 0;
}

void
vulndb_builder_free(struct vulndb_builder *b)
{
	if (!b)
		return;
	for (int i = 0; i < ST_MAX; i++)
		sqlite3_finalize(b->st[i]);
	/* close_v2 defers while statements live; none do by now. An
	 * unfinished file is incomplete (no journal); its caller removes
	 * it. */
	(void)sqlite3_close_v2(b->db);
	for (size_t i = 0; i < b->nsrc; i++) {
		free((char *)b->src[i].name);
		free((char *)b->src[i].origin);
	}
	free(b->src);
	free(b->kev_catalog);
	free(b);
}

char *
vurl_join(struct arena *a, const char *base, const char *seg)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(seg), k = 0;
	char *enc = arena_alloc(a, 3 * n + 1);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)seg[i];

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || strchr("._~:+-", c)) {
			enc[k++] = (char)c;
		} else {
			enc[k++] = '%';
			enc[k++] = hex[c >> 4];
			enc[k++] = hex[c & 15];
		}
	}
	enc[k] = '\0';
	return arena_printf(a, "%s/%s", base, enc);
}

/* The mirror. */

struct mirror {
	struct arena *a;
	struct vulndb_builder *b;
	const struct vulndb_build_opts *o;
	int found; /* sources present */
};

static int
cmp_names(const void *x, const void *y)
{
	return strverscmp(*(const char *const *)x, *(const char *const *)y);
}

/*
 * The entries of 'dir' that are directories ('dirs') or regular files
 * ending in 'suffix', sorted in version order. A missing directory has
 * none.
 */
static int
list_dir(struct arena *a, const char *dir, bool dirs, const char *suffix,
    const char ***out, size_t *n, struct ward_err *err)
{
	const char **v = NULL;
	size_t len = 0, cap = 0;
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	*n = 0;
	if (!d && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	if (!d)
		return err_set(err, errno, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    fstatat(dirfd(d), e->d_name, &st, 0) < 0 ||
		    (dirs ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) ||
		    (suffix &&
			!str_ends_with(str_from(e->d_name), str_from(suffix))))
			continue;
		if (len >= VULNDB_ZIP_ENTRIES_MAX) {
			closedir(d);
			return err_set(err, EFBIG, "%s: more than %u entries",
			    dir, VULNDB_ZIP_ENTRIES_MAX);
		}
		if (len == cap) {
			v = arena_realloc(
			    a, v, cap, cap ? 2 * cap : 16, sizeof(*v));
			cap = cap ? 2 * cap : 16;
		}
		v[len++] = arena_strdup(a, e->d_name);
	}
	closedir(d);
	if (len > 0)
		qsort(v, len, sizeof(*v), cmp_names);
	*out = v;
	*n = len;
	return 0;
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
mirror_osv_eco(struct mirror *m, const char *eco, struct ward_err *err)
{
	const char *dir = arena_printf(m->a, "%s/osv/%s", m->o->from, eco);
	const char *zip = arena_printf(m->a, "%s/all.zip", dir);
	const char *name = arena_printf(m->a, "osv/%s", eco);
	const char *base = m->o->origin_osv;
	struct vulndb_source_info *s;
	const char **files;
	size_t n;
	int r;

	if (is_file(zip)) {
		const char *origin = base ? arena_printf(m->a, "%s/all.zip",
						vurl_join(m->a, base, eco))
					  : zip;

		s = source_get(m->b, name, origin);
		bld_note(m->b, LOG_INFO, "%s: reading %s", name, origin);
		return import_file(m->b, VULNDB_OSV_ZIP, s, origin, zip, err);
	}
	r = list_dir(m->a, dir, false, ".json", &files, &n, err);
	if (r < 0 || n == 0)
		return r;
	s = source_get(m->b, name, base ? vurl_join(m->a, base, eco) : dir);
	bld_note(m->b, LOG_INFO, "%s: reading %zu files in %s", name, n, dir);
	for (size_t i = 0; i < n && r == 0; i++) {
		const char *path = arena_printf(m->a, "%s/%s", dir, files[i]);

		r = import_file(m->b, VULNDB_OSV, s, path, path, err);
	}
	return r;
}

static int
mirror_osv(struct mirror *m, struct ward_err *err)
{
	const char *dir = arena_printf(m->a, "%s/osv", m->o->from);
	const char **ecos;
	size_t n;
	int r = list_dir(m->a, dir, true, NULL, &ecos, &n, err);

	for (size_t i = 0; i < n && r == 0; i++) {
		size_t before = m->b->nsrc;

		if (!vname_valid(str_from(ecos[i])))
			continue;
		r = mirror_osv_eco(m, ecos[i], err);
		if (m->b->nsrc > before)
			m->found++;
	}
	return r;
}

static int
mirror_secdb(struct mirror *m, struct ward_err *err)
{
	const char *dir = arena_printf(m->a, "%s/alpine-secdb", m->o->from);
	const char *base = m->o->origin_secdb;
	struct vulndb_source_info *s = NULL;
	const char **branches, **files;
	size_t nb, nf;
	int r = list_dir(m->a, dir, true, NULL, &branches, &nb, err);

	for (size_t i = 0; i < nb && r == 0; i++) {
		const char *bdir =
		    arena_printf(m->a, "%s/%s", dir, branches[i]);

		r = list_dir(m->a, bdir, false, ".json", &files, &nf, err);
		for (size_t j = 0; j < nf && r == 0; j++) {
			const char *path =
			    arena_printf(m->a, "%s/%s", bdir, files[j]);
			const char *where = base
			    ? vurl_join(m->a,
				  vurl_join(m->a, base, branches[i]), files[j])
			    : path;

			if (!s) {
				s = source_get(
				    m->b, "alpine-secdb", base ? base : dir);
				m->found++;
			}
			bld_note(
			    m->b, LOG_INFO, "alpine-secdb: reading %s", where);
			r = import_file(
			    m->b, VULNDB_SECDB, s, where, path, err);
		}
	}
	return r;
}

/* A single-file source: debian/tracker.json, kev/...json. */
static int
mirror_file(struct mirror *m, enum vulndb_format fmt, const char *name,
    const char *rel, const char *origin, struct ward_err *err)
{
	const char *path = arena_printf(m->a, "%s/%s", m->o->from, rel);
	struct vulndb_source_info *s;

	if (!is_file(path))
		return 0;
	s = source_get(m->b, name, origin ? origin : path);
	m->found++;
	bld_note(m->b, LOG_INFO, "%s: reading %s", name, s->origin);
	return import_file(m->b, fmt, s, s->origin, path, err);
}

static int
import_mirror(struct mirror *m, struct ward_err *err)
{
	int r;

	/* OSV first: the other sources only add minimal records for ids
	 * it does not have. Debian before secdb, so that CVEs both know
	 * get the tracker's description. */
	r = mirror_osv(m, err);
	if (r == 0)
		r = mirror_file(m, VULNDB_DEBIAN, "debian",
		    "debian/tracker.json", m->o->origin_debian, err);
	if (r == 0)
		r = mirror_secdb(m, err);
	if (r == 0)
		r = mirror_file(m, VULNDB_KEV, "kev",
		    "kev/known_exploited_vulnerabilities.json",
		    m->o->origin_kev, err);
	if (r < 0)
		return r;
	if (m->found == 0)
		return err_set(err, ENOENT,
		    "no sources in '%s' (expected osv/<ecosystem>/all.zip, "
		    "alpine-secdb/v3.X/*.json, debian/tracker.json or "
		    "kev/known_exploited_vulnerabilities.json)",
		    m->o->from);
	return 0;
}

/* Copy the builder's counts into 'out' (strings in 'a'). */
static void
take_counts(
    struct arena *a, const struct vulndb_builder *b, struct vulndb_meta *out)
{
	memset(out, 0, sizeof(*out));
	out->schema_version = VULNDB_SCHEMA_VERSION;
	out->vulns = b->vulns;
	out->affected = b->affected;
	out->nsources = b->nsrc;
	out->sources = arena_calloc(a, b->nsrc, sizeof(*out->sources));
	for (size_t i = 0; i < b->nsrc; i++) {
		out->sources[i] = b->src[i];
		out->sources[i].name = arena_strdup(a, b->src[i].name);
		out->sources[i].origin = arena_strdup(a, b->src[i].origin);
	}
}

static int
build_into(struct arena *a, const struct vulndb_build_opts *o, const char *tmp,
    struct vulndb_meta *counts, struct ward_err *err)
{
	struct mirror m = {.a = a, .o = o};
	int r = vulndb_builder_new(tmp, &o->note, &m.b, err);

	if (r < 0)
		return r;
	r = import_mirror(&m, err);
	if (r == 0)
		r = vulndb_builder_finish(m.b, err);
	if (r == 0)
		take_counts(a, m.b, counts);
	vulndb_builder_free(m.b);
	return r;
}

static bool
same_counts(const struct vulndb_meta *x, const struct vulndb_meta *y)
{
	if (x->vulns != y->vulns || x->affected != y->affected ||
	    x->nsources != y->nsources)
		return false;
	for (size_t i = 0; i < x->nsources; i++) {
		const struct vulndb_source_info *s = &x->sources[i];
		bool seen = false;

		for (size_t j = 0; j < y->nsources && !seen; j++)
			seen = strcmp(s->name, y->sources[j].name) == 0 &&
			    s->records == y->sources[j].records &&
			    s->skipped == y->sources[j].skipped;
		if (!seen)
			return false;
	}
	return true;
}

/* Reopen the new file as a scan would and check it. */
static int
verify(struct arena *a, const char *tmp, const struct vulndb_meta *want,
    struct vulndb_meta *out, struct ward_err *err)
{
	struct vulndb *db = NULL;
	int r = vulndb_open(tmp, &db, err);

	if (r == 0)
		r = vulndb_meta(db, a, out, err);
	if (r == 0 && !same_counts(want, out))
		r = err_set(err, EIO,
		    "counts read back differ from those "
		    "written");
	if (r == 0)
		r = vulndb_check(db, err);
	vulndb_close(db);
	return r < 0 ? err_wrap(err, "checking the new database") : 0;
}

static int
fsync_path(const char *path, int flags, struct ward_err *err)
{
	_cleanup_close_ int fd = open(path, flags | O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fsync(fd) < 0)
		return err_set(
		    err, errno, "syncing '%s': %s", path, strerror(errno));
	return 0;
}

static int
install(
    struct arena *a, const char *tmp, const char *output, struct ward_err *err)
{
	char *dir = arena_strdup(a, output);
	char *slash = strrchr(dir, '/');
	struct ward_err ignored;
	int r = fsync_path(tmp, 0, err);

	if (r < 0)
		return r;
	if (rename(tmp, output) < 0)
		return err_set(err, errno, "cannot rename '%s' to '%s': %s",
		    tmp, output, strerror(errno));
	if (slash == dir)
		dir = "/";
	else if (slash)
		*slash = '\0';
	else
		dir = ".";
	/* The rename is done; a failed directory sync only weakens its
	 * durability across a crash, which the next update repairs. */
	(void)fsync_path(dir, O_DIRECTORY, &ignored);
	return 0;
}

/* Remove temporary files that interrupted builds left beside 'output'. */
static void
remove_stale(struct arena *a, const char *output)
{
	const char *slash = strrchr(output, '/');
	const char *dir = slash
	    ? arena_strndup(
		  a, output, slash == output ? 1 : (size_t)(slash - output))
	    : ".";
	const char *prefix =
	    arena_printf(a, "%s.tmp.", slash ? slash + 1 : output);
	time_t now = time(NULL);
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) <
			0 ||
		    !S_ISREG(st.st_mode) || now - st.st_mtime < STALE_SECONDS)
			continue;
		/* Best effort: another build may have removed it. */
		(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

static int
make_tmp(struct arena *a, const char *output, char **out, struct ward_err *err)
{
	char *tmp = arena_printf(a, "%s.tmp.XXXXXX", output);
	mode_t mask;
	int fd = mkostemp(tmp, O_CLOEXEC);

	if (fd < 0)
		return err_set(
		    err, errno, "cannot create '%s': %s", tmp, strerror(errno));
	/* mkostemp gives 0600; a database gets the usual 0644 & ~umask. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0644 & ~mask); /* best effort: 0600 is safe too */
	close(fd);
	*out = tmp;
	return 0;
}

int
vulndb_build(struct arena *a, const struct vulndb_build_opts *o,
    struct vulndb_meta *out, struct ward_err *err)
{
	struct vulndb_meta counts, got;
	struct stat st;
	char *tmp = NULL;
	int r;

	if (stat(o->from, &st) < 0)
		return err_set(
		    err, errno, "'%s': %s", o->from, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(
		    err, ENOTDIR, "'%s' is not a directory", o->from);
	remove_stale(a, o->output);
	r = make_tmp(a, o->output, &tmp, err);
	if (r < 0)
		return r;
	r = build_into(a, o, tmp, &counts, err);
	if (r == 0)
		r = verify(a, tmp, &counts, &got, err);
	if (r == 0)
		r = install(a, tmp, o->output, err);
	if (r < 0) {
		(void)unlink(tmp); /* it may be gone already; nothing to do */
		return r;
	}
	*out = got;
	return 0;
}
