/*
 * The Alpine secdb importer: one v3.X/{main,community}.json file, in
 * which each package lists "secfixes": fixed version -> ids. Every
 * (package, fixed version, id) becomes an 'affected' row in the ecosystem
 * "Alpine:v3.X" with the range introduced 0, fixed F; F "0" means the
 * branch was never affected and gives no row (counted as excluded). The
 * file is untrusted and hand-maintained upstream, so the id strings are
 * free text: "CVE-2019-1234 XSA-123", "CVE-2018-14467 (BGP)",
 * "CVE_2019-2426". The rule (docs/vulndb.md) keeps each id-shaped token,
 * stops at a parenthesised remark and repairs the common slips; other
 * tokens are counted as ignored. A package entry of the wrong shape is
 * skipped whole and counted; only a file that is not secdb JSON fails.
 */

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/map.h"
#include "ward/mem.h"
#include "ward/str.h"

/* Tokens in one secfixes entry that are looked at. */
#define TOKENS_MAX 64

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* ^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*$, within ID_MAX. */
static bool
id_shaped(struct str t)
{
	size_t i = 1;

	if (!vid_valid(t) || !is_alpha(t.p[0]))
		return false;
	while (i < t.len && is_alnum(t.p[i]))
		i++;
	if (i + 1 >= t.len || t.p[i] != '-' || !is_alnum(t.p[i + 1]))
		return false;
	for (i += 2; i < t.len; i++)
		if (!is_alnum(t.p[i]) && !strchr("._:-", t.p[i]))
			return false;
	return true;
}

static bool
year_number(struct str t)
{
	ssize_t dash = str_find_char(t, '-');
	uint64_t v;

	return dash == 4 && parse_u64(str_sub(t, 0, 4), 9999, &v) == 0 &&
	    parse_u64(str_sub(t, 5, t.len), UINT64_MAX - 1, &v) == 0;
}

static bool
next_token(struct str *s, struct str *tok)
{
	size_t i = 0, j;

	while (i < s->len && (s->p[i] == ' ' || s->p[i] == '\t'))
		i++;
	j = i;
	while (j < s->len && s->p[j] != ' ' && s->p[j] != '\t')
		j++;
	*tok = str_sub(*s, i, j - i);
	*s = str_sub(*s, j, s->len);
	return tok->len > 0;
}

/*
 * The ids in one secfixes entry (docs/vulndb.md, "Alpine secdb"): split
 * on blanks; a token starting with '(' ends the entry; "CVE_Y-N" and
 * "CVE Y-N" are read as CVE-Y-N and a ".patch" suffix is dropped; the
 * id-shaped tokens are kept and the others counted in *dropped.
 */
static size_t
secdb_ids(struct arena *a, struct str entry, struct str *ids, size_t max,
    size_t *dropped)
{
	struct str tok, next;
	size_t n = 0;

	for (size_t k = 0; k < TOKENS_MAX && next_token(&entry, &tok); k++) {
		if (tok.p[0] == '(')
			break;
		if (str_eq_cstr(tok, "CVE")) {
			struct str rest = entry;

			if (next_token(&rest, &next) && year_number(next)) {
				tok = str_from(
				    arena_printf(a, "CVE-%.*s", STR_FMT(next)));
				entry = rest;
			}
		} else if (str_starts_with(tok, STR("CVE_"))) {
			tok = str_from(arena_printf(
			    a, "CVE-%.*s", STR_FMT(str_sub(tok, 4, tok.len))));
		}
		if (str_ends_with(tok, STR(".patch")))
			tok = str_sub(tok, 0, tok.len - 6);
		if (id_shaped(tok) && n < max)
			ids[n++] = tok;
		else
			(*dropped)++;
	}
	return n;
}

/* Alpine's generator writes an empty list as "". */
static bool
empty_list(struct json_object *v)
{
	struct str s;

	return json_str(v, &s) && s.len == 0;
}

/* Check a secfixes object's shape before anything is written. */
static int
check_secfixes(struct json_object *fixes, struct ward_err *err)
{
	if (!json_is_object(fixes))
		return err_set(err, EBADMSG, "secfixes: not an object");
	json_object_object_foreach(fixes, key, ids)
	{
		if (strlen(key) == 0 || strlen(key) > VULNDB_VERSION_MAX)
			return err_set(err, EBADMSG, "secfixes: bad version");
		if (!json_is_array(ids) && !empty_list(ids))
			return err_set(
			    err, EBADMSG, "secfixes['%s']: not an array", key);
		for (size_t i = 0; i < json_array_len(ids); i++) {
			struct str s;

			if (!json_str(json_array_at(ids, i), &s) ||
			    s.len > 4096)
				return err_set(err, EBADMSG,
				    "secfixes['%s'][%zu]: not a short string",
				    key, i);
		}
	}
	return 0;
}

struct pkg_ctx {
	struct vulndb_builder *b;
	struct vulndb_source_info *s;
	struct arena *a;
	struct str eco, name;
	struct map *seen; /* "fixed\0id" of this package */
};

static int
put_fix(struct pkg_ctx *p, const char *fixed, struct str entry,
    struct ward_err *err)
{
	struct str ids[TOKENS_MAX];
	size_t dropped = 0;
	size_t n = secdb_ids(p->a, entry, ids, TOKENS_MAX, &dropped);
	int r = 0;

	p->s->ignored += dropped;
	if (strcmp(fixed, "0") == 0) {
		p->s->excluded += n; /* never affected in this branch */
		return 0;
	}
	for (size_t i = 0; i < n && r == 0; i++) {
		char *key =
		    arena_printf(p->a, "%s%c%.*s", fixed, 0, STR_FMT(ids[i]));
		struct str k = str_make(key, strlen(fixed) + 1 + ids[i].len);
		struct vrow_affected row = {.vuln_id = ids[i],
		    .ecosystem = p->eco,
		    .package = p->name,
		    .ranges = vrange_simple(p->a, str_from(fixed))};

		if (map_has(p->seen, k))
			continue; /* listed twice for the same fix */
		map_put(p->seen, k, key);
		r = bld_vuln_min(p->b, ids[i], STR_NULL, "alpine-secdb", err);
		if (r == 0)
			r = bld_affected(p->b, &row, err);
		if (r == 0)
			p->s->records++;
	}
	return r;
}

static int
import_pkg(struct pkg_ctx *p, struct json_object *el, size_t index,
    struct ward_err *err)
{
	struct json_object *pkg = json_get(el, "pkg");
	struct json_object *fixes = json_get(pkg, "secfixes");
	struct ward_err e;
	int r = 0;

	if (!json_get_str(pkg, "name", &p->name) || !vname_valid(p->name) ||
	    str_find_char(p->name, ' ') >= 0) {
		bld_skip(p->b, p->s, "packages[%zu]: no valid pkg.name", index);
		return 0;
	}
	if (!fixes)
		return 0;
	if (check_secfixes(fixes, &e) < 0) {
		bld_skip(p->b, p->s, "%s: %.*s: %s", p->eco.p, STR_FMT(p->name),
		    e.msg);
		return 0;
	}
	p->seen = map_new();
	json_object_object_foreach(fixes, fixed, ids)
	{
		for (size_t i = 0; i < json_array_len(ids) && r == 0; i++) {
			struct str entry;

			(void)json_str(json_array_at(ids, i), &entry);
			r = put_fix(p, fixed, entry, err);
		}
		if (r < 0)
			break;
	}
	map_free(p->seen);
	return r;
}

/* "v3.20" or "edge". */
static bool
branch_valid(struct str v)
{
	struct str major, minor = v;
	uint64_t n;

	if (str_eq_cstr(v, "edge"))
		return true;
	if (v.len < 4 || v.len > 16 || v.p[0] != 'v')
		return false;
	minor = str_sub(v, 1, v.len);
	return str_cut(&minor, '.', &major) && parse_u64(major, 999, &n) == 0 &&
	    parse_u64(minor, 999, &n) == 0;
}

int
import_secdb(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, const char *where, struct ward_err *err)
{
	struct json_object *root = NULL, *pkgs;
	struct pkg_ctx p = {.b = b, .s = s};
	struct str dv;
	bool shape = true;
	int r = 0;

	(void)where; /* the caller names the file in errors */
	if (json_parse_depth(text, VULNDB_DEPTH_MAX, &root, err) < 0)
		return err_wrap(err, "not secdb JSON");
	pkgs = json_get(root, "packages");
	/* v3.3/community.json has "packages": "". */
	if (empty_list(pkgs))
		pkgs = NULL;
	else if (!json_is_array(pkgs))
		shape = false;
	if (!shape || !json_get_str(root, "distroversion", &dv) ||
	    !branch_valid(dv)) {
		json_object_put(root);
		return err_set(err, EBADMSG,
		    "not a secdb file (no distroversion like \"v3.20\" or no "
		    "packages array)");
	}
	p.a = arena_new();
	p.eco = str_from(arena_printf(p.a, "Alpine:%.*s", STR_FMT(dv)));
	for (size_t i = 0; i < json_array_len(pkgs) && r == 0; i++)
		r = import_pkg(&p, json_array_at(pkgs, i), i, err);
	arena_free(p.a);
	json_object_put(root);
	return r;
}
