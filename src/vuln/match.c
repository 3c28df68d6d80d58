/*
 * The matcher: which advisories affect which packages. Advisory data and
 * package versions are both untrusted; a version that an ecosystem's
 * ordering cannot read makes that one comparison fail (counted, shown
 * with -v), never the scan. Range evaluation follows the OSV schema's
 * description: events are sorted by the range's ordering and walked up
 * to the installed version.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/log.h"
#include "ward/map.h"
#include "ward/match.h"
#include "ward/vercmp.h"

#define EVENTS_MAX 512 /* events in one range */

enum ev_kind { EV_INTRODUCED, EV_FIXED, EV_LAST_AFFECTED, EV_LIMIT };

struct event {
	enum ev_kind kind;
	struct str version;
	bool zero; /* introduced "0": before everything */
};

/* "Debian:12" -> the ordering for "Debian". */
static int
eco_of(const char *osv_eco, enum ecosystem *out)
{
	char base[32];
	size_t n = strcspn(osv_eco, ":");

	if (n == 0 || n >= sizeof(base))
		return -EINVAL;
	memcpy(base, osv_eco, n);
	base[n] = '\0';
	return vercmp_ecosystem_parse(base, out);
}

/* Major release of a dotted version: "12.5" -> "12". */
static const char *
major(struct arena *a, const char *v, int parts)
{
	const char *p = v;

	for (int i = 0; i < parts && p; i++) {
		p = strchr(p, '.');
		if (p && i + 1 < parts)
			p++;
	}
	return p ? arena_strndup(a, v, (size_t)(p - v)) : v;
}

bool
match_key(struct arena *a, const struct inventory *inv, const struct pkg *p,
    const char **eco, const char **name, const char **version)
{
	const char *id = inv->have_os ? inv->os.id : NULL;
	const char *vid = inv->have_os ? inv->os.version_id : NULL;

	*name = p->src_name ? p->src_name : p->name;
	*version = p->src_version ? p->src_version : p->version;
	switch (p->type) {
	case PKG_DEB:
		if (!id || strcmp(id, "debian") != 0 || !vid)
			return false;
		*eco = arena_printf(a, "Debian:%s", major(a, vid, 1));
		return true;
	case PKG_APK:
		if (!id || strcmp(id, "alpine") != 0 || !vid)
			return false;
		*eco = arena_printf(a, "Alpine:v%s", major(a, vid, 2));
		*version = p->version; /* origin shares the package's version */
		return true;
	case PKG_GO:
		*eco = "Go";
		*name = p->name;
		*version = p->version[0] == 'v' ? p->version + 1 : p->version;
		return true;
	default:
		return false;
	}
}

static int
cmp_versions(enum ecosystem eco, bool semver, struct str a, struct str b,
    int *out, struct ward_err *err)
{
	if (semver)
		return vercmp_semver(a, b, out, err);
	return vercmp(eco, a, b, out, err);
}

static int
read_events(const struct json_object *range, struct event *ev, size_t *n,
    struct ward_err *err)
{
	static const char *const keys[] = {
	    "introduced", "fixed", "last_affected", "limit"};
	const struct json_object *events = json_get(range, "events");

	*n = 0;
	for (size_t i = 0; i < json_array_len(events); i++) {
		const struct json_object *e = json_array_at(events, i);

		for (int k = 0; k < 4; k++) {
			struct str v;

			if (!json_get_str(e, keys[k], &v))
				continue;
			if (*n == EVENTS_MAX)
				return err_set(err, EFBIG, "too many events");
			ev[*n] = (struct event){(enum ev_kind)k, v,
			    k == EV_INTRODUCED && str_eq_cstr(v, "0")};
			(*n)++;
		}
	}
	return 0;
}

/* Insertion sort by version; the event count is small. */
static int
sort_events(enum ecosystem eco, bool semver, struct event *ev, size_t n,
    struct ward_err *err)
{
	for (size_t i = 1; i < n; i++) {
		struct event cur = ev[i];
		size_t j = i;

		while (j > 0) {
			int c = -1, r = 0;

			if (!cur.zero && !ev[j - 1].zero)
				r = cmp_versions(eco, semver, ev[j - 1].version,
				    cur.version, &c, err);
			else if (ev[j - 1].zero)
				c = -1;
			else
				c = 1;
			if (r < 0)
				return r;
			if (c <= 0)
				break;
			ev[j] = ev[j - 1];
			j--;
		}
		ev[j] = cur;
	}
	return 0;
}

static void
add_fixed(struct arena *a, const char ***fixed, size_t *n, struct str v)
{
	for (size_t i = 0; i < *n; i++)
		if (str_eq_cstr(v, (*fixed)[i]))
			return;
	*fixed = arena_realloc(a, *fixed, *n, *n + 1, sizeof(**fixed));
	(*fixed)[(*n)++] = arena_strz(a, v);
}

/* Walk one range's sorted events up to the installed version. */
static int
eval_range(struct arena *a, enum ecosystem eco, const struct json_object *r,
    struct str installed, bool *hit, const char ***fixed, size_t *nfixed,
    struct ward_err *err)
{
	struct event ev[EVENTS_MAX]; /* 16 KiB; per call, not per arena */
	struct str type = STR_NULL;
	bool semver, affected = false;
	size_t n;
	int rc;

	json_get_str(r, "type", &type);
	if (!str_eq_cstr(type, "ECOSYSTEM") && !str_eq_cstr(type, "SEMVER"))
		return 0; /* GIT ranges name commits, not versions */
	semver = str_eq_cstr(type, "SEMVER");
	if ((rc = read_events(r, ev, &n, err)) < 0 ||
	    (rc = sort_events(eco, semver, ev, n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int c = -1;

		if (!ev[i].zero &&
		    (rc = cmp_versions(
			 eco, semver, ev[i].version, installed, &c, err)) < 0)
			return rc;
		if (ev[i].kind == EV_INTRODUCED && c <= 0)
			affected = true;
		else if ((ev[i].kind == EV_FIXED || ev[i].kind == EV_LIMIT) &&
		    c <= 0)
			affected = false;
		else if (ev[i].kind == EV_LAST_AFFECTED && c < 0)
			affected = false;
		else if (affected && ev[i].kind == EV_FIXED && c > 0) {
			/* The fix that closes the interval holding us. */
			add_fixed(a, fixed, nfixed, ev[i].version);
			break;
		} else if (c > 0 && ev[i].kind != EV_FIXED) {
			break;
		}
	}
	*hit = *hit || affected;
	return 0;
}

static bool
listed(const char *versions_json, const char *installed)
{
	struct json_object *o = NULL;
	struct ward_err err;
	bool found = false;

	if (!versions_json || strcmp(versions_json, "[]") == 0 ||
	    json_parse(str_from(versions_json), &o, &err) < 0)
		return false;
	for (size_t i = 0; i < json_array_len(o) && !found; i++) {
		struct str v;

		found = json_str(json_array_at(o, i), &v) &&
		    str_eq_cstr(v, installed);
	}
	json_object_put(o);
	return found;
}

int
match_affected(struct arena *a, const struct vuln_affected *row,
    const char *version, bool *hit, const char ***fixed, size_t *nfixed,
    struct ward_err *err)
{
	struct json_object *ranges = NULL;
	enum ecosystem eco;
	int r = eco_of(row->ecosystem, &eco);

	*hit = false;
	if (r < 0)
		return err_set(err, EINVAL, "no version ordering for '%s'",
		    row->ecosystem);
	if (listed(row->versions_json, version)) {
		*hit = true;
		return 0;
	}
	r = json_parse(
	    str_from(row->ranges_json ? row->ranges_json : "[]"), &ranges, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < json_array_len(ranges) && r >= 0; i++)
		r = eval_range(a, eco, json_array_at(ranges, i),
		    str_from(version), hit, fixed, nfixed, err);
	json_object_put(ranges);
	return r;
}

struct eco_count {
	const char *eco;
	size_t looked, with_rows;
};

struct matcher {
	struct eco_count ecos[32];
	size_t necos;
	struct arena *a;
	struct vulndb *db;
	struct match_result *out;
	struct map *rows; /* "eco\0name" -> struct rowset */
	struct map *infos; /* id -> struct vuln_info */
	struct map *seen; /* "id\0pkg pointer" -> struct vuln_match */
};

struct rowset {
	struct vuln_affected *v;
	size_t n;
};

static const struct rowset *
rows_for(
    struct matcher *m, const char *eco, const char *name, struct ward_err *err)
{
	size_t el = strlen(eco), nl = strlen(name);
	char *key = arena_alloc(m->a, el + nl + 2);
	struct rowset *rs;

	memcpy(key, eco, el + 1);
	memcpy(key + el + 1, name, nl + 1);
	rs = map_get(m->rows, str_make(key, el + nl + 1));
	if (rs)
		return rs;
	rs = arena_calloc(m->a, 1, sizeof(*rs));
	if (vulndb_lookup(m->db, m->a, eco, name, &rs->v, &rs->n, err) < 0)
		return NULL;
	map_put(m->rows, str_make(key, el + nl + 1), rs);
	return rs;
}

static const struct vuln_info *
info_for(struct matcher *m, const char *id)
{
	struct vuln_info *vi = map_get(m->infos, str_from(id));
	struct ward_err err;

	if (vi)
		return vi;
	vi = arena_calloc(m->a, 1, sizeof(*vi));
	if (vulndb_get(m->db, m->a, id, vi, &err) < 0) {
		vi->id = arena_strdup(m->a, id);
		vi->severity = "UNKNOWN";
		vi->cvss_score = -1;
	}
	map_put(m->infos, str_from(vi->id), vi);
	return vi;
}

/* The finding for (advisory, package), created on first use. The map
 * holds index + 1, since the array moves when it grows. */
static struct vuln_match *
finding_for(
    struct matcher *m, const struct pkg *p, const char *id, bool *created)
{
	char *key = arena_printf(m->a, "%s %p", id, (const void *)p);
	uintptr_t idx = (uintptr_t)map_get(m->seen, str_from(key));
	struct match_result *o = m->out;
	struct vuln_match *v;

	*created = idx == 0;
	if (idx)
		return &o->v[idx - 1];
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;

		o->v = arena_realloc(m->a, o->v, o->n, cap, sizeof(*o->v));
		o->cap = cap;
	}
	v = &o->v[o->n++];
	memset(v, 0, sizeof(*v));
	map_put(m->seen, str_from(key), (void *)(uintptr_t)o->n);
	return v;
}

static void
note(struct matcher *m, const char *s)
{
	struct match_result *o = m->out;

	for (size_t i = 0; i < o->nnotes; i++)
		if (strcmp(o->notes[i], s) == 0)
			return;
	o->notes = arena_realloc(
	    m->a, o->notes, o->nnotes, o->nnotes + 1, sizeof(*o->notes));
	o->notes[o->nnotes++] = s;
}

static void
record(struct matcher *m, const struct pkg *p, const char *eco,
    const char *name, const char *version, const struct vuln_affected *row,
    const char **fixed, size_t nfixed)
{
	bool created;
	struct vuln_match *v = finding_for(m, p, row->vuln_id, &created);

	if (created) {
		v->pkg = p;
		v->ecosystem = eco;
		v->package = name;
		v->installed = version;
		v->info = *info_for(m, row->vuln_id);
		v->severity = v->info.severity;
		if ((!v->severity || strcmp(v->severity, "UNKNOWN") == 0) &&
		    row->severity)
			v->severity = row->severity;
		if (!v->severity)
			v->severity = "UNKNOWN";
	}
	for (size_t i = 0; i < nfixed; i++)
		add_fixed(m->a, &v->fixed, &v->nfixed, str_from(fixed[i]));
	v->fix_available = v->nfixed > 0;
}

static void
count_eco(struct matcher *m, const char *eco, bool rows)
{
	size_t i;

	for (i = 0; i < m->necos; i++)
		if (strcmp(m->ecos[i].eco, eco) == 0)
			break;
	if (i == m->necos) {
		if (i == sizeof(m->ecos) / sizeof(m->ecos[0]))
			return;
		m->ecos[m->necos++] = (struct eco_count){eco, 0, 0};
	}
	m->ecos[i].looked++;
	m->ecos[i].with_rows += rows;
}

/* Explain an empty result: which releases the database has nothing for. */
static void
eco_notes(struct matcher *m)
{
	for (size_t i = 0; i < m->necos; i++)
		note(m,
		    arena_printf(m->a,
			"%s: %zu packages looked up, %zu with advisories "
			"in the database%s",
			m->ecos[i].eco, m->ecos[i].looked, m->ecos[i].with_rows,
			m->ecos[i].with_rows ? ""
					     : " (it holds no data for "
					       "this release)"));
}

static int
match_pkg(struct matcher *m, const struct inventory *inv, const struct pkg *p,
    struct ward_err *err)
{
	const char *eco, *name, *version;
	const struct rowset *rs;

	if (!match_key(m->a, inv, p, &eco, &name, &version)) {
		note(m,
		    arena_printf(m->a,
			"%s packages: no advisory data model for %s %s",
			p->type == PKG_RPM ? "rpm" : "OS",
			inv->have_os && inv->os.id ? inv->os.id : "this",
			inv->have_os && inv->os.id ? "images" : "image"));
		return 0;
	}
	rs = rows_for(m, eco, name, err);
	if (!rs)
		return -err->code;
	count_eco(m, eco, rs->n > 0);
	for (size_t i = 0; i < rs->n; i++) {
		const char **fixed = NULL;
		size_t nfixed = 0;
		bool hit;
		struct ward_err e;

		if (match_affected(m->a, &rs->v[i], version, &hit, &fixed,
			&nfixed, &e) < 0) {
			m->out->invalid_versions++;
			log_debug("%s %s: %s: %s", name, version,
			    rs->v[i].vuln_id, e.msg);
			continue;
		}
		if (hit)
			record(
			    m, p, eco, name, version, &rs->v[i], fixed, nfixed);
	}
	return 0;
}

static int
sev_rank(const char *s)
{
	static const char *const order[] = {
	    "CRITICAL", "HIGH", "MEDIUM", "LOW"};

	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, order[i]) == 0)
			return i;
	return 4;
}

static int
cmp_match(const void *x, const void *y)
{
	const struct vuln_match *a = x, *b = y;
	int c = sev_rank(a->severity) - sev_rank(b->severity);

	if (c)
		return c;
	if ((c = strcmp(a->info.id, b->info.id)) != 0)
		return c;
	return strcmp(a->pkg->name, b->pkg->name);
}

int
match_inventory(struct arena *a, struct vulndb *db, const struct inventory *inv,
    struct match_result *out, struct ward_err *err)
{
	struct matcher m = {.a = a,
	    .db = db,
	    .out = out,
	    .rows = map_new(),
	    .infos = map_new(),
	    .seen = map_new()};
	int r = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < inv->pkgs.n && r >= 0; i++)
		r = match_pkg(&m, inv, &inv->pkgs.v[i], err);
	eco_notes(&m);
	map_free(m.rows);
	map_free(m.infos);
	map_free(m.seen);
	if (r < 0)
		return r;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_match);
	return 0;
}
