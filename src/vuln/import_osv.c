/*
 * The OSV importer: one JSON record, a directory of them, or a zip in the
 * OSV bucket's layout (<ecosystem>/all.zip), read in place with
 * libarchive's seekable zip reader, so a truncated archive (its central
 * directory missing) fails as a whole instead of looking shorter. Records
 * are untrusted: each is capped in size and depth, checked field by field
 * against the OSV schema's shapes, and only then written, so a malformed
 * record is skipped whole (counted, noted with its name and id) and
 * never aborts the import. Ranges keep only the parts ward matches on:
 * ECOSYSTEM and SEMVER ranges with their introduced, fixed,
 * last_affected and limit events (GIT ranges are counted as ignored).
 * Versions are stored as given; the matcher treats an unreadable one as
 * matching nothing. CVSS v3 vectors are scored through cvss_score(), the
 * highest kept; a v4 vector is stored and scored where cvss_score can.
 */

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/cvss.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/mem.h"
#include "ward/str.h"

/* Serialised ranges and versions of one entry: a record is at most
 * VULNDB_RECORD_MAX bytes and escaping grows a byte at most six-fold. */
#define SERIAL_MAX (6ull * VULNDB_RECORD_MAX)

struct osv {
	struct arena *a;
	struct vrow_vuln v;
	struct str *aliases;
	size_t naliases;
	struct vrow_affected *aff;
	size_t naff;
	uint64_t ignored;
	double best3, score4; /* scores kept; < 0: none */
};

static int bad(struct ward_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
bad(struct ward_err *err, const char *fmt, ...)
{
	char msg[WARD_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	return err_set(err, EBADMSG, "%s", msg);
}

/*
 * Member 'key' as a string of at most 'max' bytes: 0 when absent (out
 * empty), 1 when present, -EBADMSG for another type or a longer string.
 */
static int
get_str(const struct json_object *o, const char *key, size_t max,
    struct str *out, struct ward_err *err)
{
	struct json_object *v = json_get(o, key);

	*out = STR_NULL;
	if (!v)
		return 0;
	if (!json_str(v, out))
		return bad(err, "%s: not a string", key);
	if (out->len > max)
		return bad(err, "%s: %zu bytes exceed %zu", key, out->len, max);
	return 1;
}

static int
parse_ids(struct osv *o, struct json_object *rec, struct ward_err *err)
{
	struct json_object *al = json_get(rec, "aliases");
	size_t n = json_array_len(al);

	if (al && !json_is_array(al))
		return bad(err, "aliases: not an array");
	if (n > VULNDB_ALIASES_MAX)
		return bad(err, "aliases: more than %u", VULNDB_ALIASES_MAX);
	o->aliases = arena_calloc(o->a, n ? n : 1, sizeof(*o->aliases));
	for (size_t i = 0; i < n; i++) {
		struct str s;

		/* Upstream typos ("GHSA-...,") lose the alias, not the
		 * record. */
		if (!json_str(json_array_at(al, i), &s) || !vid_valid(s))
			o->ignored++;
		else if (!str_eq(s, o->v.id))
			o->aliases[o->naliases++] = s;
	}
	return 0;
}

/* The first line of 'details', for records without a summary. */
static struct str
first_line(struct str details)
{
	struct str line;

	details = str_trim(details);
	if (!str_next_line(&details, &line))
		return STR_NULL;
	return str_trim(line);
}

static int
parse_text(struct osv *o, struct json_object *rec, struct ward_err *err)
{
	struct str sum, det;
	int r = get_str(rec, "summary", VULNDB_RECORD_MAX, &sum, err);

	if (r >= 0)
		r = get_str(rec, "details", VULNDB_RECORD_MAX, &det, err);
	if (r >= 0)
		r = get_str(
		    rec, "published", VULNDB_DATE_MAX, &o->v.published, err);
	if (r >= 0)
		r = get_str(
		    rec, "modified", VULNDB_DATE_MAX, &o->v.modified, err);
	if (r < 0)
		return r;
	sum = str_trim(sum);
	if (sum.len == 0)
		sum = first_line(det);
	o->v.summary = vtext_cut(o->a, sum, VULNDB_SUMMARY_MAX);
	o->v.details = vtext_cut(o->a, str_trim(det), VULNDB_DETAILS_MAX);
	return 0;
}

/* Does 'vec' look like a vector of 'prefix' (printable, no spaces)? */
static bool
vector_shape(struct str vec, const char *prefix)
{
	if (!str_starts_with(vec, str_from(prefix)) || vec.len > 256)
		return false;
	for (size_t i = 0; i < vec.len; i++)
		if (vec.p[i] <= ' ' || vec.p[i] >= 0x7f)
			return false;
	return true;
}

/*
 * One CVSS_V3 or CVSS_V4 vector. Scored ones compete on score; while
 * cvss_score() cannot score at all (-ENOTSUP), the first well-shaped
 * vector is kept unscored, to be scored when the database is read.
 * Vectors cvss_score() rejects are dropped.
 */
static void
take_vector(struct osv *o, struct str vec, bool v4, const char **sev)
{
	struct ward_err e;
	struct cvss c;
	int r;

	if (!vector_shape(vec, v4 ? "CVSS:4.0/" : "CVSS:3.")) {
		o->ignored++;
		return;
	}
	r = cvss_score(vec, &c, &e);
	if (r == -ENOTSUP) {
		if (v4 && o->v.cvss4_vector.len == 0)
			o->v.cvss4_vector = vec;
		else if (!v4 && o->v.cvss_vector.len == 0)
			o->v.cvss_vector = vec;
	} else if (r < 0 || (v4 != (c.version == CVSS_V40))) {
		o->ignored++;
	} else if (v4 && o->score4 < 0) {
		o->v.cvss4_vector = vec;
		o->score4 = c.base_score;
		if (o->best3 < 0)
			*sev = c.severity;
	} else if (!v4 && c.base_score > o->best3) {
		o->v.cvss_vector = vec;
		o->best3 = c.base_score;
		*sev = c.severity;
	}
}

/* GHSA's database_specific.severity, where no vector was scored. */
static const char *
db_specific_severity(struct json_object *rec)
{
	static const struct {
		const char *word, *sev;
	} map[] = {{"CRITICAL", "CRITICAL"}, {"HIGH", "HIGH"},
	    {"MODERATE", "MEDIUM"}, {"MEDIUM", "MEDIUM"}, {"LOW", "LOW"}};
	struct str s;

	if (!json_get_str(json_get(rec, "database_specific"), "severity", &s))
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (str_case_eq(s, str_from(map[i].word)))
			return map[i].sev;
	return NULL;
}

static int
parse_severity(struct osv *o, struct json_object *rec, struct ward_err *err)
{
	struct json_object *sv = json_get(rec, "severity");
	const char *sev = NULL;
	size_t n = json_array_len(sv);

	if (sv && !json_is_array(sv))
		return bad(err, "severity: not an array");
	if (n > VULNDB_SEVERITIES_MAX)
		return bad(err, "severity: more than %u entries",
		    VULNDB_SEVERITIES_MAX);
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_array_at(sv, i);
		struct str type, score;

		if (!json_get_str(e, "type", &type) ||
		    !json_get_str(e, "score", &score))
			return bad(err, "severity[%zu]: no type or score", i);
		if (str_eq_cstr(type, "CVSS_V3"))
			take_vector(o, score, false, &sev);
		else if (str_eq_cstr(type, "CVSS_V4"))
			take_vector(o, score, true, &sev);
		else
			o->ignored++; /* CVSS_V2, Ubuntu's words */
	}
	o->v.cvss_score = o->best3 >= 0 ? o->best3 : o->score4;
	o->v.severity = sev ? vseverity_word(sev) : db_specific_severity(rec);
	return 0;
}

static bool
seen(const struct str *v, size_t n, struct str s)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(v[i], s))
			return true;
	return false;
}

static int
parse_refs(struct osv *o, struct json_object *rec, struct ward_err *err)
{
	struct json_object *refs = json_get(rec, "references");
	size_t n = json_array_len(refs), kept = 0;
	struct str urls[VULNDB_REFS_MAX];
	struct buf b;
	int r = 0;

	if (refs && !json_is_array(refs))
		return bad(err, "references: not an array");
	buf_init(&b, VULNDB_REFS_MAX * (6 * VULNDB_URL_MAX + 4) + 4);
	(void)buf_putc(&b, '[');
	for (size_t i = 0; i < n && r == 0; i++) {
		struct str url;

		if (!json_get_str(json_array_at(refs, i), "url", &url)) {
			r = bad(err, "references[%zu]: no url", i);
		} else if (url.len > VULNDB_URL_MAX) {
			o->ignored++;
		} else if (kept < VULNDB_REFS_MAX && !seen(urls, kept, url)) {
			if (kept > 0)
				(void)buf_putc(&b, ',');
			(void)vjson_str(&b, url);
			urls[kept++] = url;
		}
	}
	(void)buf_putc(&b, ']');
	if (r == 0 && kept > 0)
		o->v.refs_json = str_make(arena_strz(o->a, buf_str(&b)), b.len);
	buf_fini(&b);
	return r;
}

/* One event: {"introduced"|"fixed"|"last_affected"|"limit": "V"}. */
static int
put_event(struct buf *b, struct json_object *ev, struct ward_err *err)
{
	static const char *const keys[] = {
	    "introduced", "fixed", "last_affected", "limit"};
	int found = 0, r = 0;

	if (!json_is_object(ev))
		return bad(err, "not an object");
	for (size_t k = 0; k < ARRAY_SIZE(keys) && r >= 0; k++) {
		struct str v;

		r = get_str(ev, keys[k], VULNDB_VERSION_MAX, &v, err);
		if (r <= 0)
			continue;
		if (found++ > 0)
			r = buf_putc(b, ',');
		if (r >= 0)
			r = buf_printf(b, "{\"%s\":", keys[k]);
		if (r >= 0)
			r = vjson_str(b, v);
		if (r >= 0)
			r = buf_putc(b, '}');
	}
	if (r == -EFBIG)
		return err_set(err, EFBIG, "ranges too big");
	if (r >= 0 && found == 0)
		return bad(err, "no introduced, fixed, last_affected or limit");
	return r < 0 ? r : 0;
}

static int
put_range(struct buf *b, struct str type, struct json_object *events,
    struct ward_err *err)
{
	size_t n = json_array_len(events);
	int r;

	if (!json_is_array(events) || n == 0)
		return bad(err, "events: not a non-empty array");
	if (n > VULNDB_EVENTS_MAX)
		return bad(err, "events: more than %u", VULNDB_EVENTS_MAX);
	r = buf_printf(b, "%s{\"type\":\"%.*s\",\"events\":[",
	    b->len > 1 ? "," : "", STR_FMT(type));
	for (size_t i = 0; i < n && r >= 0; i++) {
		if (i > 0)
			r = buf_putc(b, ',');
		if (r >= 0)
			r = put_event(b, json_array_at(events, i), err);
		if (r < 0 && r != -EFBIG)
			return err_wrap(err, "events[%zu]", i);
	}
	if (r >= 0)
		r = buf_puts(b, "]}");
	return r == -EFBIG ? err_set(err, EFBIG, "ranges too big") : r;
}

static int
parse_ranges(struct osv *o, struct json_object *ranges, struct str *out,
    struct ward_err *err)
{
	size_t n = json_array_len(ranges);
	struct buf b;
	int r = 0;

	*out = STR_NULL;
	if (ranges && !json_is_array(ranges))
		return bad(err, "ranges: not an array");
	if (n > VULNDB_RANGES_MAX)
		return bad(err, "ranges: more than %u", VULNDB_RANGES_MAX);
	buf_init(&b, SERIAL_MAX);
	(void)buf_putc(&b, '[');
	for (size_t i = 0; i < n && r == 0; i++) {
		struct json_object *rg = json_array_at(ranges, i);
		struct str type;

		if (!json_get_str(rg, "type", &type))
			r = bad(err, "no type");
		else if (str_eq_cstr(type, "ECOSYSTEM") ||
		    str_eq_cstr(type, "SEMVER"))
			r = put_range(&b, type, json_get(rg, "events"), err);
		else
			o->ignored++; /* GIT, and types OSV may add */
		if (r < 0)
			r = err_wrap(err, "ranges[%zu]", i);
	}
	if (r == 0 && b.len > 1 && buf_putc(&b, ']') == 0)
		*out = str_make(arena_strz(o->a, buf_str(&b)), b.len);
	else if (r == 0 && b.len > 1)
		r = err_set(err, EFBIG, "ranges too big");
	buf_fini(&b);
	return r;
}

static int
parse_versions(struct osv *o, struct json_object *vs, struct str *out,
    struct ward_err *err)
{
	size_t n = json_array_len(vs);
	struct buf b;
	int r = 0;

	*out = STR_NULL;
	if (vs && !json_is_array(vs))
		return bad(err, "versions: not an array");
	if (n == 0)
		return 0;
	if (n > VULNDB_VERSIONS_MAX)
		return bad(err, "versions: more than %u", VULNDB_VERSIONS_MAX);
	buf_init(&b, SERIAL_MAX);
	(void)buf_putc(&b, '[');
	for (size_t i = 0; i < n && r == 0; i++) {
		struct str v;

		if (!json_str(json_array_at(vs, i), &v) ||
		    v.len > VULNDB_VERSION_MAX)
			r = bad(err, "versions[%zu]: not a version string", i);
		else if ((i > 0 && buf_putc(&b, ',') < 0) ||
		    vjson_str(&b, v) < 0)
			r = err_set(err, EFBIG, "versions too big");
	}
	if (r == 0 && buf_putc(&b, ']') == 0)
		*out = str_make(arena_strz(o->a, buf_str(&b)), b.len);
	else if (r == 0)
		r = err_set(err, EFBIG, "versions too big");
	buf_fini(&b);
	return r;
}

static int
parse_entry(struct osv *o, struct json_object *af, struct ward_err *err)
{
	struct json_object *pkg = json_get(af, "package");
	struct vrow_affected *row = &o->aff[o->naff];
	struct str eco, name;
	int r;

	if (!json_is_object(af))
		return bad(err, "not an object");
	if (!pkg) {
		o->ignored++; /* a repository-only entry (GIT ranges) */
		return 0;
	}
	if (!json_get_str(pkg, "ecosystem", &eco) || !vname_valid(eco) ||
	    !json_get_str(pkg, "name", &name) || !vname_valid(name))
		return bad(err, "package: no valid ecosystem and name");
	r = parse_ranges(o, json_get(af, "ranges"), &row->ranges, err);
	if (r == 0)
		r = parse_versions(
		    o, json_get(af, "versions"), &row->versions, err);
	if (r < 0)
		return r;
	if (row->ranges.len == 0 && row->versions.len == 0) {
		o->ignored++; /* nothing ward can match on */
		return 0;
	}
	row->vuln_id = o->v.id;
	row->ecosystem = eco;
	row->package =
	    str_from(vulndb_package_name(o->a, arena_strz(o->a, eco), name));
	o->naff++;
	return 0;
}

static int
parse_affected(struct osv *o, struct json_object *rec, struct ward_err *err)
{
	struct json_object *aff = json_get(rec, "affected");
	size_t n = json_array_len(aff);

	if (aff && !json_is_array(aff))
		return bad(err, "affected: not an array");
	if (n > VULNDB_AFFECTED_MAX)
		return bad(
		    err, "affected: more than %u entries", VULNDB_AFFECTED_MAX);
	o->aff = arena_calloc(o->a, n ? n : 1, sizeof(*o->aff));
	for (size_t i = 0; i < n; i++)
		if (parse_entry(o, json_array_at(aff, i), err) < 0)
			return err_wrap(err, "affected[%zu]", i);
	return 0;
}

static int
parse_record(struct osv *o, struct json_object *rec, struct ward_err *err)
{
	int r = parse_ids(o, rec, err);

	if (r == 0)
		r = parse_text(o, rec, err);
	if (r == 0)
		r = parse_severity(o, rec, err);
	if (r == 0)
		r = parse_refs(o, rec, err);
	if (r == 0)
		r = parse_affected(o, rec, err);
	return r;
}

static int
write_record(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct osv *o, struct ward_err *err)
{
	bool fresh;
	int r = bld_vuln(b, &o->v, &fresh, err);

	if (r < 0)
		return r;
	s->records++;
	s->ignored += o->ignored;
	if (!fresh)
		return 0; /* the same record from another ecosystem's zip */
	for (size_t i = 0; i < o->naliases && r == 0; i++)
		r = bld_alias(b, o->v.id, o->aliases[i], err);
	for (size_t i = 0; i < o->naff && r == 0; i++)
		r = bld_affected(b, &o->aff[i], err);
	return r;
}

int
import_osv(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, const char *where, struct ward_err *err)
{
	struct json_object *rec = NULL;
	struct osv o = {.best3 = -1, .score4 = -1};
	struct ward_err e;
	int r;

	if (text.len > VULNDB_RECORD_MAX) {
		bld_skip(b, s, "%s: record of %zu bytes exceeds %u", where,
		    text.len, VULNDB_RECORD_MAX);
		return 0;
	}
	if (json_parse_depth(text, VULNDB_DEPTH_MAX, &rec, &e) < 0) {
		bld_skip(b, s, "%s: %s", where, e.msg);
		return 0;
	}
	if (!json_get_str(rec, "id", &o.v.id) || !vid_valid(o.v.id)) {
		json_object_put(rec);
		bld_skip(b, s, "%s: no valid id", where);
		return 0;
	}
	if (json_get(rec, "withdrawn")) {
		s->excluded++;
		json_object_put(rec);
		return 0;
	}
	o.a = arena_new();
	o.v.source = "osv";
	r = parse_record(&o, rec, &e);
	if (r < 0)
		bld_skip(b, s, "%s: %.*s: %s", where, STR_FMT(o.v.id), e.msg);
	else
		r = write_record(b, s, &o, err);
	arena_free(o.a);
	json_object_put(rec);
	return r < 0 && r != -EBADMSG && r != -EFBIG ? r : 0;
}

/* Read the current entry: *over when it holds more than the cap. */
static int
read_entry(struct archive *ar, struct buf *b, bool *over, uint64_t *total,
    struct ward_err *err)
{
	char chunk[65536];
	la_ssize_t n;

	buf_reset(b);
	*over = false;
	while ((n = archive_read_data(ar, chunk, sizeof(chunk))) > 0) {
		*total += (uint64_t)n;
		if (*total > VULNDB_ZIP_BYTES_MAX)
			return err_set(err, EFBIG,
			    "zip inflates to more than %llu bytes",
			    (unsigned long long)VULNDB_ZIP_BYTES_MAX);
		if (buf_append(b, chunk, (size_t)n) < 0) {
			*over = true; /* the rest is skipped unread */
			return 0;
		}
	}
	if (n < 0)
		return err_set(err, EBADMSG, "corrupt zip archive: %s",
		    archive_error_string(ar) ? archive_error_string(ar)
					     : "unreadable entry");
	return 0;
}

static int
walk_zip(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct archive *ar, struct ward_err *err)
{
	struct archive_entry *e;
	uint64_t entries = 0, total = 0;
	struct buf data;
	bool over;
	int ar_r, r = 0;

	buf_init(&data, VULNDB_RECORD_MAX);
	while (
	    r == 0 && (ar_r = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		const char *name = archive_entry_pathname(e);

		if (++entries > VULNDB_ZIP_ENTRIES_MAX)
			r = err_set(err, EFBIG, "more than %u zip entries",
			    VULNDB_ZIP_ENTRIES_MAX);
		else if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		else if (!name || !str_ends_with(str_from(name), STR(".json")))
			s->ignored++;
		else if ((r = read_entry(ar, &data, &over, &total, err)) < 0)
			break;
		else if (over)
			bld_skip(b, s, "%s: record over %u bytes", name,
			    VULNDB_RECORD_MAX);
		else
			r = import_osv(b, s, buf_str(&data), name, err);
	}
	buf_fini(&data);
	if (r == 0 && ar_r != ARCHIVE_EOF)
		r = err_set(err, EBADMSG, "corrupt zip archive: %s",
		    archive_error_string(ar) ? archive_error_string(ar)
					     : "unreadable");
	return r;
}

static struct archive *
zip_reader(void)
{
	struct archive *ar = archive_read_new();

	if (!ar)
		die_oom();
	/* Only the seekable reader: it starts from the central directory,
	 * so a truncated file is an error, never a shorter archive. */
	archive_read_support_format_zip_seekable(ar);
	return ar;
}

static int
zip_open_failed(struct archive *ar, struct ward_err *err)
{
	/* The seekable reader starts at the central directory at the end,
	 * so a truncated download fails here. */
	int r = err_set(err, EBADMSG, "corrupt or truncated zip archive: %s",
	    archive_error_string(ar) ? archive_error_string(ar) : "unreadable");

	archive_read_free(ar);
	return r;
}

int
import_osv_zip_mem(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str data, struct ward_err *err)
{
	struct archive *ar = zip_reader();
	int r;

	if (archive_read_open_memory(ar, data.p, data.len) != ARCHIVE_OK)
		return zip_open_failed(ar, err);
	r = walk_zip(b, s, ar, err);
	archive_read_free(ar);
	return r;
}

int
import_osv_zip_fd(struct vulndb_builder *b, struct vulndb_source_info *s,
    int fd, struct ward_err *err)
{
	struct archive *ar = zip_reader();
	int r;

	if (archive_read_open_fd(ar, fd, 65536) != ARCHIVE_OK)
		return zip_open_failed(ar, err);
	r = walk_zip(b, s, ar, err);
	archive_read_free(ar);
	return r;
}
