/*
 * rpm's SQLite backend (var/lib/rpm/rpmdb.sqlite, rpm >= 4.16): the table
 * Packages(hnum INTEGER PRIMARY KEY, blob BLOB) holds one header blob per
 * package. The database comes from an untrusted image and is never a file
 * here: a private copy of its bytes is handed to sqlite3_deserialize() on
 * an in-memory connection, read-only, so SQLite cannot touch the
 * filesystem (no journal, no WAL, no temporary files, no ATTACH). SQLite
 * is the parser of the page format, and it is hardened for hostile files
 * before the schema is read: limits cap lengths and depths, the schema is
 * untrusted (no views, triggers or non-innocuous functions), and a
 * progress handler caps the work a statement may do. The SQL is fixed.
 * A WAL-mode database's uncheckpointed changes live in rpmdb.sqlite-wal,
 * which this reader never sees; rpm checkpoints when it closes the
 * database, so the main file is normally complete.
 */

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <sqlite3.h>

#include "ward/analyze.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/mem.h"
#include "ward/str.h"

#define SQLITE_HEADER_SIZE 100
/* Virtual machine steps between progress callbacks, and callbacks allowed:
 * about 10^9 steps, seconds of work, far more than a real rpmdb needs. */
#define SQL_PROGRESS_STEPS 10000
#define SQL_PROGRESS_MAX 100000

static int
progress(void *arg)
{
	unsigned *calls = arg;

	return ++*calls > SQL_PROGRESS_MAX;
}

static void
harden(sqlite3 *db, unsigned *calls)
{
	static const struct {
		int id, value;
	} lim[] = {
	    {SQLITE_LIMIT_LENGTH, (int)PKG_DB_MAX},
	    {SQLITE_LIMIT_SQL_LENGTH, 100000},
	    {SQLITE_LIMIT_COLUMN, 100},
	    {SQLITE_LIMIT_EXPR_DEPTH, 100},
	    {SQLITE_LIMIT_COMPOUND_SELECT, 4},
	    {SQLITE_LIMIT_VDBE_OP, 100000},
	    {SQLITE_LIMIT_FUNCTION_ARG, 8},
	    {SQLITE_LIMIT_ATTACHED, 0},
	    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100},
	    {SQLITE_LIMIT_VARIABLE_NUMBER, 8},
	    {SQLITE_LIMIT_TRIGGER_DEPTH, 1},
	    {SQLITE_LIMIT_WORKER_THREADS, 0},
	};
	static const int off[] = {
	    SQLITE_DBCONFIG_ENABLE_TRIGGER,
	    SQLITE_DBCONFIG_ENABLE_VIEW,
	    SQLITE_DBCONFIG_TRUSTED_SCHEMA,
	    SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
	};

	/* sqlite3_limit() returns the old value, of no interest here. */
	for (size_t i = 0; i < ARRAY_SIZE(lim); i++)
		(void)sqlite3_limit(db, lim[i].id, lim[i].value);
	/*
	 * These only fail for an unknown option, which this SQLite knows as
	 * it was compiled against it; the read-only copy is the real guard.
	 */
	(void)sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(off); i++)
		(void)sqlite3_db_config(db, off[i], 0, NULL);
	sqlite3_progress_handler(db, SQL_PROGRESS_STEPS, progress, calls);
}

static int
sql_fail(sqlite3 *db, const char *what, struct ward_err *err)
{
	return err_set(err, EBADMSG, "not an RPM SQLite database: %s: %s", what,
	    sqlite3_errmsg(db));
}

/*
 * Open a private copy of 'file' read-only in memory. The copy is needed
 * anyway: sqlite3_deserialize() wants writable memory, and a WAL-mode
 * database (header bytes 18 and 19 set to 2) must be presented as a
 * rollback-journal one, since WAL needs files a memory image cannot have.
 */
static int
sql_open(struct str file, sqlite3 *db, struct ward_err *err)
{
	unsigned char *copy;
	int rc;

	if (file.len < SQLITE_HEADER_SIZE ||
	    memcmp(file.p, "SQLite format 3", 16) != 0)
		return err_set(err, EBADMSG,
		    "not an RPM SQLite database: no SQLite header");
	copy = sqlite3_malloc64(file.len);
	if (!copy)
		die_oom();
	memcpy(copy, file.p, file.len);
	if (copy[18] == 2 && copy[19] == 2)
		copy[18] = copy[19] = 1;
	/* On failure sqlite3_deserialize() frees 'copy' itself. */
	rc = sqlite3_deserialize(db, "main", copy, (sqlite3_int64)file.len,
	    (sqlite3_int64)file.len,
	    SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE);
	if (rc != SQLITE_OK)
		return sql_fail(db, "deserialize", err);
	return 0;
}

/* One row: returns 1 when a header was decoded, or -errno. */
static int
row_read(struct analyze_ctx *ctx, sqlite3_stmt *st, struct ward_err *err)
{
	const void *p;
	int n, r;

	if (sqlite3_column_type(st, 1) != SQLITE_BLOB)
		return err_set(err, EBADMSG, "blob column is not a BLOB");
	p = sqlite3_column_blob(st, 1);
	n = sqlite3_column_bytes(st, 1);
	if (n < 0)
		return err_set(err, EBADMSG, "blob of negative size");
	r = analyze_rpm_header(ctx, str_make(p, (size_t)n), err);
	return r < 0 ? r : 1;
}

static int
sql_read(struct analyze_ctx *ctx, sqlite3 *db, struct ward_err *err)
{
	sqlite3_stmt *st = NULL;
	struct ward_err e;
	size_t rows = 0;
	int rc, r = 0;

	rc = sqlite3_prepare_v2(
	    db, "SELECT hnum, blob FROM Packages", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sql_fail(db, "Packages table", err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++rows > PKGS_MAX) {
			r = err_set(
			    err, EFBIG, "more than %u packages", PKGS_MAX);
			break;
		}
		if (row_read(ctx, st, &e) < 0)
			analyze_warn(ctx, 0, "package %lld: %s, skipping",
			    (long long)sqlite3_column_int64(st, 0), e.msg);
	}
	/* A database that breaks down midway still gave what it had. */
	if (r == 0 && rc != SQLITE_DONE && rows == 0)
		r = sql_fail(db, "Packages table", err);
	else if (r == 0 && rc != SQLITE_DONE)
		analyze_warn(ctx, 0, "stopped after %zu packages: %s", rows,
		    sqlite3_errmsg(db));
	/* finalize repeats the step's error, already handled above. */
	(void)sqlite3_finalize(st);
	return r;
}

int
analyze_rpm_sqlite(
    struct analyze_ctx *ctx, struct str file, struct ward_err *err)
{
	sqlite3 *db = NULL;
	unsigned calls = 0;
	size_t start = ctx->pkgs->n;
	int rc, r;

	rc = sqlite3_open_v2(":memory:", &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
		SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		/* Only out of memory can fail to open an in-memory database. */
		if (!db)
			die_oom();
		r = err_set(err, ENOMEM, "sqlite: %s", sqlite3_errmsg(db));
		(void)sqlite3_close(db); /* nothing is open on it */
		return r;
	}
	harden(db, &calls);
	r = sql_open(file, db, err);
	if (r == 0)
		r = sql_read(ctx, db, err);
	if (r < 0)
		ctx->pkgs->n = start; /* no partial list */
	(void)sqlite3_close(db); /* cannot be busy: the statement is gone */
	return r;
}
