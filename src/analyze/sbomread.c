/*
 * Reading an SBOM back into an inventory, for 'ward sbom FILE'. The file
 * is untrusted JSON from any producer: it goes through the capped JSON
 * reader, every string is copied into the scan's arena, and anything
 * ward cannot identify (a component without a usable package URL) is
 * counted and reported rather than guessed at.
 */

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/hash.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/limits.h"

/* Percent-decode n bytes into the arena; NULL on a bad escape. */
static const char *
decode(struct arena *a, const char *s, size_t n)
{
	char *o = arena_alloc(a, n + 1), *d = o;

	for (size_t i = 0; i < n; i++) {
		uint8_t byte;

		if (s[i] != '%') {
			*d++ = s[i];
			continue;
		}
		if (i + 2 >= n ||
		    hex_decode(str_make(s + i + 1, 2), &byte, 1) < 0)
			return NULL;
		*d++ = (char)byte;
		i += 2;
	}
	*d = '\0';
	return o;
}

static void
parse_quals(struct arena *a, const char *q, const char *const *keys,
    const char **vals, size_t nkeys)
{
	while (q && *q) {
		size_t n = strcspn(q, "&"), kl = strcspn(q, "=");

		for (size_t k = 0; kl < n && k < nkeys; k++)
			if (strlen(keys[k]) == kl &&
			    strncmp(q, keys[k], kl) == 0)
				vals[k] = decode(a, q + kl + 1, n - kl - 1);
		q += n + (q[n] == '&');
	}
}

int
purl_parse(struct arena *a, const char *purl, struct purl_parts *out,
    const char *const *keys, const char **vals, size_t nkeys,
    struct ward_err *err)
{
	const char *p, *q, *at, *slash, *end;
	char *path;

	for (size_t k = 0; k < nkeys; k++)
		vals[k] = NULL;
	memset(out, 0, sizeof(*out));
	if (strncmp(purl, "pkg:", 4) != 0)
		return err_set(err, EINVAL, "not a package URL");
	p = purl + 4;
	while (*p == '/')
		p++;
	end = p + strcspn(p, "#");
	q = memchr(p, '?', (size_t)(end - p));
	if (q)
		parse_quals(a, arena_strndup(a, q + 1, (size_t)(end - q - 1)),
		    keys, vals, nkeys);
	else
		q = end;
	slash = memchr(p, '/', (size_t)(q - p));
	if (!slash || slash == p)
		return err_set(err, EINVAL, "package URL without a type");
	out->type = arena_strndup(a, p, (size_t)(slash - p));
	path = arena_strndup(a, slash + 1, (size_t)(q - slash - 1));
	at = strrchr(path, '@');
	if (at) {
		out->version = decode(a, at + 1, strlen(at + 1));
		path[at - path] = '\0';
	}
	slash = strrchr(path, '/');
	out->name = decode(
	    a, slash ? slash + 1 : path, strlen(slash ? slash + 1 : path));
	if (slash)
		out->ns = decode(a, path, (size_t)(slash - path));
	if (!out->name || !*out->name || (at && !out->version))
		return err_set(err, EINVAL, "malformed package URL");
	return 0;
}

/* Properties producers use for the source package. */
static const char *const src_name_props[] = {
    "ward:srcName", "aquasecurity:trivy:SrcName", "syft:metadata:source"};
static const char *const src_ver_props[] = {"ward:srcVersion",
    "aquasecurity:trivy:SrcVersion", "syft:metadata:sourceVersion"};

static const char *
prop(struct arena *a, const struct json_object *c, const char *const *names,
    size_t n)
{
	const struct json_object *props = json_get(c, "properties");

	for (size_t i = 0; i < json_array_len(props); i++) {
		const struct json_object *p = json_array_at(props, i);
		struct str name, value;

		if (!json_get_str(p, "name", &name) ||
		    !json_get_str(p, "value", &value))
			continue;
		for (size_t k = 0; k < n; k++)
			if (str_eq_cstr(name, names[k]))
				return arena_strz(a, value);
	}
	return NULL;
}

/* "debian-12.5" -> os id and version; apk's distro is a bare version. */
static void
os_from_distro(struct arena *a, struct inventory *inv, const char *type,
    const char *ns, const char *distro)
{
	const char *dash;

	if (inv->have_os || !distro)
		return;
	inv->have_os = true;
	if (strcmp(type, "apk") == 0) {
		inv->os.id = "alpine";
		inv->os.version_id = distro;
		return;
	}
	dash = strrchr(distro, '-');
	inv->os.id = dash ? arena_strndup(a, distro, (size_t)(dash - distro))
			  : (ns ? ns : distro);
	inv->os.version_id = dash ? dash + 1 : NULL;
}

static enum pkg_type
type_of(const char *t)
{
	if (strcmp(t, "deb") == 0)
		return PKG_DEB;
	if (strcmp(t, "apk") == 0)
		return PKG_APK;
	if (strcmp(t, "rpm") == 0)
		return PKG_RPM;
	if (strcmp(t, "golang") == 0)
		return PKG_GO;
	return 0;
}

static struct pkg *
add_from_purl(struct analyze_ctx *ctx, struct inventory *inv, const char *purl,
    const struct json_object *c)
{
	static const char *const keys[] = {"arch", "distro", "epoch"};
	const char *vals[3];
	struct purl_parts pp;
	struct ward_err err;
	enum pkg_type t;
	struct pkg *p;

	if (purl_parse(ctx->a, purl, &pp, keys, vals, 3, &err) < 0 ||
	    !(t = type_of(pp.type)) || !pp.version) {
		analyze_warn(ctx, 0,
		    "component '%.200s' has no usable package "
		    "URL, skipping",
		    purl);
		return NULL;
	}
	p = analyze_pkg_add(ctx);
	p->type = t;
	p->name = t == PKG_GO && pp.ns
	    ? arena_printf(ctx->a, "%s/%s", pp.ns, pp.name)
	    : pp.name;
	p->version = pp.version;
	p->arch = vals[0];
	p->src_name = c ? prop(ctx->a, c, src_name_props, 3) : NULL;
	p->src_version = c ? prop(ctx->a, c, src_ver_props, 3) : NULL;
	if (!p->src_name)
		p->src_name = p->name;
	if (!p->src_version)
		p->src_version = p->version;
	if (t != PKG_GO)
		os_from_distro(ctx->a, inv, pp.type, pp.ns, vals[1]);
	return p;
}

/* ward's SPDX says "built from source package NAME VERSION". */
static void
spdx_source(struct arena *a, const struct json_object *pkg, struct pkg *p)
{
	static const struct str mark = STR("built from source package ");
	struct str info, name;
	ssize_t at;

	if (!p || !json_get_str(pkg, "sourceInfo", &info) ||
	    (at = str_find(info, mark)) < 0)
		return;
	info = str_sub(info, (size_t)at + mark.len, info.len);
	if (!str_cut(&info, ' ', &name) || name.len == 0 || info.len == 0)
		return;
	p->src_name = arena_strz(a, name);
	p->src_version = arena_strz(a, str_trim(info));
}

/* CycloneDX: components (nested ones too, to a bounded depth). */
static void
cdx_components(struct analyze_ctx *ctx, struct inventory *inv,
    const struct json_object *list, int depth)
{
	for (size_t i = 0; i < json_array_len(list) && depth < 16; i++) {
		const struct json_object *c = json_array_at(list, i);
		struct str type, purl, name, version;

		if (json_get_str(c, "type", &type) &&
		    str_eq_cstr(type, "operating-system") &&
		    json_get_str(c, "name", &name)) {
			inv->have_os = true;
			inv->os.id = arena_strz(ctx->a, name);
			if (json_get_str(c, "version", &version))
				inv->os.version_id =
				    arena_strz(ctx->a, version);
		} else if (json_get_str(c, "purl", &purl)) {
			add_from_purl(ctx, inv, arena_strz(ctx->a, purl), c);
		}
		cdx_components(ctx, inv, json_get(c, "components"), depth + 1);
	}
}

/* SPDX: packages with a purl external reference. */
static void
spdx_packages(struct analyze_ctx *ctx, struct inventory *inv,
    const struct json_object *list)
{
	for (size_t i = 0; i < json_array_len(list); i++) {
		const struct json_object *refs =
		    json_get(json_array_at(list, i), "externalRefs");

		for (size_t j = 0; j < json_array_len(refs); j++) {
			const struct json_object *r = json_array_at(refs, j);
			struct str type, loc;

			if (json_get_str(r, "referenceType", &type) &&
			    str_eq_cstr(type, "purl") &&
			    json_get_str(r, "referenceLocator", &loc))
				spdx_source(ctx->a, json_array_at(list, i),
				    add_from_purl(ctx, inv,
					arena_strz(ctx->a, loc), NULL));
		}
	}
}

int
analyze_sbom(struct arena *a, struct str text, struct inventory *out,
    struct ward_err *err)
{
	struct json_object *doc;
	struct analyze_ctx ctx = {.a = a, .path = "sbom"};
	struct str fmt;
	int r = json_parse(text, &doc, err);

	if (r < 0)
		return r;
	memset(out, 0, sizeof(*out));
	ctx.pkgs = &out->pkgs;
	ctx.warnings = &out->warnings;
	if (json_get_str(doc, "bomFormat", &fmt) &&
	    str_eq_cstr(fmt, "CycloneDX")) {
		out->source_kind = "cyclonedx";
		cdx_components(&ctx, out, json_get(doc, "components"), 0);
	} else if (json_get_str(doc, "spdxVersion", &fmt)) {
		out->source_kind = "spdx";
		spdx_packages(&ctx, out, json_get(doc, "packages"));
	} else {
		r = err_set(err, EBADMSG,
		    "neither a CycloneDX nor an SPDX JSON document");
	}
	json_object_put(doc);
	return r;
}
