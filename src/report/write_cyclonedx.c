/*
 * The CycloneDX 1.5 JSON BOM. The image or directory is the BOM's
 * metadata.component, the operating system and each package are
 * components, and what CycloneDX has no field for (source package, layer,
 * database path) goes into properties named "ward:...". Every bom-ref is
 * unique, as the standard requires: a package's purl, or a "ward:"
 * reference when two packages share a purl or one has none. All strings
 * go through the JSON writer, which escapes hostile bytes; a licence is
 * an SPDX expression only when sbom_spdx_license() vouches for it, and
 * otherwise a license name, which the schema accepts for any text.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/map.h"
#include "ward/sbom.h"

#define ROOT_REF "ward:target"
#define OS_REF "ward:os"

struct cdx {
	struct arena *a;
	const struct inventory *inv;
	struct jsonw *w;
	const char **purls; /* per package, NULL when it has none */
	const char **refs; /* per package bom-ref */
};

static void
prop(struct jsonw *w, const char *name, const char *value)
{
	if (!value)
		return;
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", name);
	jsonw_kv_str(w, "value", value);
	jsonw_obj_end(w);
}

static void
prop_u64(struct cdx *x, const char *name, uint64_t v)
{
	prop(x->w, name, arena_printf(x->a, "%" PRIu64, v));
}

/* A purl for the first package that has it, a "ward:" reference (which
 * no purl can equal, since purls start "pkg:") for the others. */
static void
make_refs(struct cdx *x)
{
	const struct pkg_list *l = &x->inv->pkgs;
	struct map *seen = map_new();
	size_t n = l->n ? l->n : 1;

	x->purls = arena_calloc(x->a, n, sizeof(*x->purls));
	x->refs = arena_calloc(x->a, n, sizeof(*x->refs));
	for (size_t i = 0; i < l->n; i++) {
		const char *purl = purl_for_pkg(x->a, x->inv, &l->v[i]);

		x->purls[i] = purl;
		if (!purl)
			x->refs[i] = arena_printf(x->a, "ward:pkg:%zu", i);
		else if (map_has(seen, str_from(purl)))
			x->refs[i] =
			    arena_printf(x->a, "ward:dup:%zu:%s", i, purl);
		else
			x->refs[i] = purl;
		if (purl)
			map_put(seen, str_from(purl), (void *)purl);
	}
	map_free(seen);
}

static void
write_licenses(struct cdx *x, const char *license)
{
	struct jsonw *w = x->w;
	const char *expr;

	if (!license || !*license)
		return;
	expr = sbom_spdx_license(x->a, license);
	jsonw_key(w, "licenses");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	if (expr) {
		jsonw_kv_str(w, "expression", expr);
	} else {
		jsonw_key(w, "license");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "name", license);
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

static void
pkg_props(struct cdx *x, const struct pkg *p)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:pkgType", sbom_pkg_type(p->type));
	prop(w, "ward:arch", p->arch);
	if (p->epoch >= 0)
		prop(w, "ward:epoch", arena_printf(x->a, "%" PRId64, p->epoch));
	prop(w, "ward:release", p->rpm_release);
	prop(w, "ward:srcName", p->src_name);
	prop(w, "ward:srcVersion", p->src_version);
	prop(w, "ward:srcRpm", p->src_rpm);
	prop(w, "ward:maintainer", p->maintainer);
	if (p->installed_size)
		prop_u64(x, "ward:installedSize", p->installed_size);
	prop(w, "ward:dbPath", p->db_path);
	if (p->layer >= 0) {
		prop_u64(x, "ward:layerIndex", (uint64_t)p->layer);
		if ((size_t)p->layer < inv->nlayers) {
			prop(w, "ward:layerDigest",
			    inv->layers[p->layer].digest);
			prop(w, "ward:layerDiffID",
			    inv->layers[p->layer].diff_id);
		}
	}
	jsonw_arr_end(w);
}

static void
write_pkg(struct cdx *x, size_t i)
{
	const struct pkg *p = &x->inv->pkgs.v[i];
	const char *ver = sbom_pkg_version(x->a, p);
	const char *sup = p->vendor && *p->vendor ? p->vendor : p->maintainer;
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref", x->refs[i]);
	jsonw_kv_str(w, "type", "library");
	if (sup && *sup) {
		jsonw_key(w, "supplier");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "name", sup);
		jsonw_obj_end(w);
	}
	jsonw_kv_str(w, "name", p->name ? p->name : "");
	if (ver)
		jsonw_kv_str(w, "version", ver);
	write_licenses(x, p->license);
	if (x->purls[i])
		jsonw_kv_str(w, "purl", x->purls[i]);
	pkg_props(x, p);
	jsonw_obj_end(w);
}

static void
root_props(struct cdx *x)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:sourceKind", inv->source_kind);
	prop(w, "ward:manifestDigest", inv->manifest_digest);
	prop(w, "ward:configDigest", inv->config_digest);
	prop(w, "ward:os", inv->os_name);
	prop(w, "ward:architecture", inv->architecture);
	for (size_t i = 0; i < inv->nrepo_tags; i++)
		prop(w, "ward:repoTag", inv->repo_tags[i]);
	for (size_t i = 0; i < inv->nlayers; i++)
		prop(w, "ward:layerDiffID", inv->layers[i].diff_id);
	jsonw_arr_end(w);
}

static bool
is_image(const struct inventory *inv)
{
	const char *k = inv->source_kind;

	return !k ||
	    (strcmp(k, "directory") != 0 && strcmp(k, "rootfs-archive") != 0);
}

static void
write_metadata(struct cdx *x, const char *when)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "metadata");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "timestamp", when);
	/* CycloneDX 1.5 describes tools as components. */
	jsonw_key(w, "tools");
	jsonw_obj_begin(w);
	jsonw_key(w, "components");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "type", "application");
	jsonw_kv_str(w, "name", "ward");
	jsonw_kv_str(w, "version", WARD_VERSION);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_key(w, "component");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref", ROOT_REF);
	jsonw_kv_str(w, "type", is_image(inv) ? "container" : "file");
	jsonw_kv_str(w, "name", inv->target ? inv->target : "");
	if (inv->config_digest)
		jsonw_kv_str(w, "version", inv->config_digest);
	root_props(x);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

static void
write_os(struct cdx *x)
{
	const struct os_info *os = &x->inv->os;
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref", OS_REF);
	jsonw_kv_str(w, "type", "operating-system");
	jsonw_kv_str(w, "name", os->id ? os->id : "unknown");
	if (os->version_id)
		jsonw_kv_str(w, "version", os->version_id);
	if (os->pretty_name)
		jsonw_kv_str(w, "description", os->pretty_name);
	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:versionCodename", os->version_codename);
	prop(w, "ward:idLike", os->id_like);
	prop(w, "ward:source", os->source);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
}

/* The target holds the OS and every package; what each package depends
 * on is not known, so no package gets an entry of its own. */
static void
write_dependencies(struct cdx *x)
{
	struct jsonw *w = x->w;

	jsonw_key(w, "dependencies");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ref", ROOT_REF);
	jsonw_key(w, "dependsOn");
	jsonw_arr_begin(w);
	if (x->inv->have_os)
		jsonw_str(w, OS_REF);
	for (size_t i = 0; i < x->inv->pkgs.n; i++)
		jsonw_str(w, x->refs[i]);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

int
sbom_write_cyclonedx(
    struct arena *a, const struct inventory *inv, FILE *f, struct ward_err *err)
{
	char uuid[SBOM_UUID_SIZE], when[SBOM_TIME_SIZE];
	struct cdx x = {.a = a, .inv = inv};
	int r;

	if ((r = sbom_uuid(uuid, err)) < 0 ||
	    (r = sbom_timestamp(time(NULL), when, err)) < 0)
		return err_wrap(err, "CycloneDX BOM");
	make_refs(&x);
	x.w = jsonw_new(f, true);
	jsonw_obj_begin(x.w);
	jsonw_kv_str(
	    x.w, "$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
	jsonw_kv_str(x.w, "bomFormat", "CycloneDX");
	jsonw_kv_str(x.w, "specVersion", "1.5");
	jsonw_kv_str(x.w, "serialNumber", arena_printf(a, "urn:uuid:%s", uuid));
	jsonw_kv_int(x.w, "version", 1);
	write_metadata(&x, when);
	jsonw_key(x.w, "components");
	jsonw_arr_begin(x.w);
	if (inv->have_os)
		write_os(&x);
	for (size_t i = 0; i < inv->pkgs.n; i++)
		write_pkg(&x, i);
	jsonw_arr_end(x.w);
	write_dependencies(&x);
	jsonw_obj_end(x.w);
	r = jsonw_free(x.w);
	if (r == -EIO)
		return err_set(err, EIO, "writing the CycloneDX BOM failed");
	if (r < 0)
		return err_set(
		    err, EINVAL, "internal: unbalanced CycloneDX BOM");
	return 0;
}
