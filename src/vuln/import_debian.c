/*
 * The Debian security tracker importer. The tracker serves one JSON
 * object, {source package: {issue id: {description, scope, debianbug,
 * releases: {codename: {status, repositories, fixed_version, urgency}}}}},
 * of tens of megabytes: too big for one json-c tree (several hundred
 * bytes per node), so a small scanner walks the two outer levels in the
 * text and each issue is parsed on its own, with the usual depth cap.
 * A malformed issue is skipped and counted without disturbing its
 * neighbours; only text whose outer levels do not scan (a truncated
 * download) fails the import. Each (package, issue, release) becomes an
 * 'affected' row in "Debian:<number>": "resolved" with a version is
 * introduced 0, fixed V; "open" and "undetermined" are introduced 0 with
 * no fix (the matcher reports them unfixed); "resolved" with version "0"
 * (or "<not-affected>") is not affected and gives no row. sid and
 * codenames without a number are left out (counted as excluded):
 * docs/vulndb.md explains why.
 */

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/mem.h"
#include "ward/str.h"

/* Releases of one issue that are looked at. */
#define RELEASES_MAX 64

/* The scanner over an object's members (see the file comment). */
struct jscan {
	struct str text;
	size_t pos;
	bool first, done, top;
};

static const struct {
	const char *codename, *eco;
} releases[] = {
    {"jessie", "Debian:8"},
    {"stretch", "Debian:9"},
    {"buster", "Debian:10"},
    {"bullseye", "Debian:11"},
    {"bookworm", "Debian:12"},
    {"trixie", "Debian:13"},
    {"forky", "Debian:14"},
    {"duke", "Debian:15"},
};

static size_t
skip_ws(struct str t, size_t i)
{
	while (i < t.len &&
	    (t.p[i] == ' ' || t.p[i] == '\t' || t.p[i] == '\n' ||
		t.p[i] == '\r'))
		i++;
	return i;
}

/* From an opening quote at i: the index past the closing one, 0 if none. */
static size_t
skip_string(struct str t, size_t i)
{
	for (i++; i < t.len; i++) {
		if (t.p[i] == '\\')
			i++;
		else if (t.p[i] == '"')
			return i + 1;
	}
	return 0;
}

/* The end of the value starting at i, or 0 when it does not end. */
static size_t
skip_value(struct str t, size_t i)
{
	size_t depth = 0, j;

	if (i >= t.len)
		return 0;
	if (t.p[i] == '"')
		return skip_string(t, i);
	if (t.p[i] != '{' && t.p[i] != '[') {
		for (j = i; j < t.len && t.p[j] != ',' && t.p[j] != '}' &&
		     t.p[j] != ']' && t.p[j] != ' ' && t.p[j] != '\n' &&
		     t.p[j] != '\r' && t.p[j] != '\t';
		     j++)
			;
		return j > i ? j : 0;
	}
	for (; i < t.len; i++) {
		if (t.p[i] == '"') {
			if ((j = skip_string(t, i)) == 0)
				return 0;
			i = j - 1;
		} else if (t.p[i] == '{' || t.p[i] == '[') {
			depth++;
		} else if ((t.p[i] == '}' || t.p[i] == ']') && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

static int
jscan_begin(struct jscan *j, struct str text, bool top, struct ward_err *err)
{
	size_t i = skip_ws(text, 0);

	if (i >= text.len || text.p[i] != '{')
		return err_set(err, EBADMSG, "byte %zu: expected an object", i);
	*j = (struct jscan){
	    .text = text, .pos = i + 1, .first = true, .top = top};
	return 0;
}

static int
jscan_end(struct jscan *j, size_t i, struct ward_err *err)
{
	j->done = true;
	j->pos = i + 1;
	if (j->top && skip_ws(j->text, j->pos) != j->text.len)
		return err_set(err, EBADMSG,
		    "byte %zu: trailing data after the object", j->pos);
	return 0;
}

/* 1: a member; 0: the end of the object; -EBADMSG (err: the offset). */
static int
jscan_next(
    struct jscan *j, struct str *key, struct str *value, struct ward_err *err)
{
	struct str t = j->text;
	size_t i = skip_ws(t, j->pos), k;

	if (j->done)
		return 0;
	if (i < t.len && t.p[i] == '}' && j->first)
		return jscan_end(j, i, err);
	if (!j->first) {
		if (i < t.len && t.p[i] == '}')
			return jscan_end(j, i, err);
		if (i >= t.len || t.p[i] != ',')
			return err_set(err, EBADMSG,
			    "byte %zu: expected ',' "
			    "or '}'",
			    i);
		i = skip_ws(t, i + 1);
	}
	if (i >= t.len || t.p[i] != '"' || (k = skip_string(t, i)) == 0)
		return err_set(err, EBADMSG, "byte %zu: expected a key", i);
	*key = str_sub(t, i + 1, k - i - 2);
	i = skip_ws(t, k);
	if (i >= t.len || t.p[i] != ':')
		return err_set(err, EBADMSG, "byte %zu: expected ':'", i);
	i = skip_ws(t, i + 1);
	if ((k = skip_value(t, i)) == 0)
		return err_set(err, EBADMSG, "byte %zu: unterminated value", i);
	*value = str_sub(t, i, k - i);
	j->pos = k;
	j->first = false;
	return 1;
}

static const char *
eco_of(const char *codename)
{
	for (size_t i = 0; i < ARRAY_SIZE(releases); i++)
		if (strcmp(codename, releases[i].codename) == 0)
			return releases[i].eco;
	return NULL;
}

/* Tracker urgency -> severity ("low**" counts as low). */
static const char *
urgency_severity(struct str u)
{
	while (u.len > 0 && u.p[u.len - 1] == '*')
		u.len--;
	if (str_eq_cstr(u, "unimportant") || str_eq_cstr(u, "low"))
		return "LOW";
	if (str_eq_cstr(u, "medium"))
		return "MEDIUM";
	if (str_eq_cstr(u, "high"))
		return "HIGH";
	return NULL; /* "not yet assigned", "end-of-life", "" */
}

struct issue {
	struct arena *a;
	struct str pkg, id;
	struct vrow_affected rows[RELEASES_MAX];
	size_t nrows;
	uint64_t excluded;
};

/* One release's status; -EBADMSG for a shape the tracker does not use. */
static int
take_release(struct issue *is, const char *codename, struct json_object *rel,
    struct ward_err *err)
{
	const char *eco = eco_of(codename);
	struct str status, fixed = STR_NULL, urgency = STR_NULL;
	struct vrow_affected *row = &is->rows[is->nrows];

	if (!json_get_str(rel, "status", &status))
		return err_set(err, EBADMSG, "%s: no status", codename);
	if (json_get(rel, "fixed_version") &&
	    (!json_get_str(rel, "fixed_version", &fixed) ||
		fixed.len > VULNDB_VERSION_MAX))
		return err_set(err, EBADMSG, "%s: bad fixed_version", codename);
	(void)json_get_str(rel, "urgency", &urgency); /* optional */
	if (str_eq_cstr(status, "resolved")) {
		if (fixed.len == 0)
			return err_set(err, EBADMSG,
			    "%s: resolved without fixed_version", codename);
	} else if (str_eq_cstr(status, "open") ||
	    str_eq_cstr(status, "undetermined")) {
		fixed = STR_NULL;
	} else {
		return err_set(err, EBADMSG, "%s: unknown status", codename);
	}
	if (!eco || str_eq_cstr(fixed, "0") ||
	    str_eq_cstr(fixed, "<not-affected>")) {
		is->excluded++; /* sid, unknown releases, not affected */
		return 0;
	}
	row->vuln_id = is->id;
	row->ecosystem = str_from(eco);
	row->package = is->pkg;
	row->ranges = vrange_simple(is->a, fixed);
	row->severity = urgency_severity(urgency);
	is->nrows++;
	return 0;
}

static int
parse_issue(struct issue *is, struct json_object *o, struct str *summary,
    struct ward_err *err)
{
	struct json_object *rels = json_get(o, "releases");
	struct str desc = STR_NULL, line;

	if (!json_is_object(o))
		return err_set(err, EBADMSG, "not an object");
	if (json_get(o, "description") &&
	    !json_get_str(o, "description", &desc))
		return err_set(err, EBADMSG, "description: not a string");
	desc = str_trim(desc);
	*summary = str_next_line(&desc, &line)
	    ? vtext_cut(is->a, str_trim(line), VULNDB_SUMMARY_MAX)
	    : STR_NULL;
	if (!rels)
		return 0;
	if (!json_is_object(rels))
		return err_set(err, EBADMSG, "releases: not an object");
	if (json_object_object_length(rels) > RELEASES_MAX)
		return err_set(
		    err, EBADMSG, "releases: more than %d", RELEASES_MAX);
	json_object_object_foreach(rels, codename, rel)
	{
		if (take_release(is, codename, rel, err) < 0)
			return err_wrap(err, "releases");
	}
	return 0;
}

static int
import_issue(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str pkg, struct str id, struct str text, struct ward_err *err)
{
	struct json_object *o = NULL;
	struct issue is = {.pkg = pkg, .id = id};
	struct str summary;
	struct ward_err e;
	int r = 0;

	if (!vid_valid(id)) {
		bld_skip(
		    b, s, "%.*s: an issue without a valid id", STR_FMT(pkg));
		return 0;
	}
	if (json_parse_depth(text, VULNDB_DEPTH_MAX, &o, &e) < 0) {
		bld_skip(
		    b, s, "%.*s: %.*s: %s", STR_FMT(pkg), STR_FMT(id), e.msg);
		return 0;
	}
	is.a = arena_new();
	if (parse_issue(&is, o, &summary, &e) < 0) {
		bld_skip(
		    b, s, "%.*s: %.*s: %s", STR_FMT(pkg), STR_FMT(id), e.msg);
	} else {
		s->excluded += is.excluded;
		if (is.nrows > 0)
			r = bld_vuln_min(b, id, summary, "debian", err);
		for (size_t i = 0; i < is.nrows && r == 0; i++) {
			r = bld_affected(b, &is.rows[i], err);
			s->records += r == 0;
		}
	}
	arena_free(is.a);
	json_object_put(o);
	return r;
}

/* A source package name: as dpkg allows, [a-z0-9][a-z0-9+.-]+. */
static bool
srcname_valid(struct str n)
{
	if (n.len < 1 || n.len > VULNDB_NAME_MAX)
		return false;
	for (size_t i = 0; i < n.len; i++) {
		char c = n.p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			(i > 0 && (c == '+' || c == '.' || c == '-'))))
			return false;
	}
	return true;
}

static int
import_package(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str pkg, struct str text, struct ward_err *err)
{
	struct str id, value;
	struct jscan j;
	struct ward_err e;
	int r;

	if (!srcname_valid(pkg)) {
		bld_skip(b, s, "a package with an invalid name");
		return 0;
	}
	if (jscan_begin(&j, text, false, &e) < 0) {
		bld_skip(b, s, "%.*s: %s", STR_FMT(pkg), e.msg);
		return 0;
	}
	while ((r = jscan_next(&j, &id, &value, &e)) == 1)
		if ((r = import_issue(b, s, pkg, id, value, err)) < 0)
			return r;
	if (r < 0)
		bld_skip(b, s, "%.*s: %s", STR_FMT(pkg), e.msg);
	return 0;
}

int
import_debian(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, struct ward_err *err)
{
	struct str pkg, value;
	struct jscan j;
	int r = jscan_begin(&j, text, true, err);

	if (r < 0)
		return err_wrap(err, "not tracker JSON");
	while ((r = jscan_next(&j, &pkg, &value, err)) == 1)
		if ((r = import_package(b, s, pkg, value, err)) < 0)
			return r;
	return r < 0 ? err_wrap(err, "malformed tracker JSON") : 0;
}
