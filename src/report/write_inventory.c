/*
 * The inventory as ward's own JSON (docs/inventory-json.md, versioned by
 * "schemaVersion") and as a table for people. Both take the inventory as
 * the image pipeline left it and change nothing. Every string in it came
 * from the image: the JSON writer escapes it, and each table cell goes
 * through str_escape() before it is measured or printed, so a package
 * name cannot carry a terminal escape sequence or break the columns.
 * The JSON members, a package object and the table heading are shared
 * with the vulnerability report (write_scan.c), which extends them.
 */

#include <errno.h>
#include <string.h>

#include "config.h"
#include "internal.h"
#include "ward/analyze.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/mem.h"
#include "ward/sbom.h"
#include "ward/str.h"

#define INVENTORY_SCHEMA_VERSION 1
#define CELL_MAX 128 /* bytes of one escaped table cell, "..." marks a cut */

static void
kv_opt(struct jsonw *w, const char *key, const char *s)
{
	if (s)
		jsonw_kv_str(w, key, s);
}

static void
write_source(struct jsonw *w, const struct inventory *inv)
{
	jsonw_key(w, "source");
	jsonw_obj_begin(w);
	kv_opt(w, "kind", inv->source_kind);
	kv_opt(w, "manifestDigest", inv->manifest_digest);
	kv_opt(w, "configDigest", inv->config_digest);
	jsonw_key(w, "repoTags");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < inv->nrepo_tags; i++)
		jsonw_str(w, inv->repo_tags[i]);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_key(w, "platform");
	jsonw_obj_begin(w);
	kv_opt(w, "os", inv->os_name);
	kv_opt(w, "architecture", inv->architecture);
	jsonw_obj_end(w);
}

static void
write_os(struct jsonw *w, const struct inventory *inv)
{
	const struct os_info *os = &inv->os;

	jsonw_key(w, "os");
	if (!inv->have_os) {
		jsonw_null(w);
		return;
	}
	jsonw_obj_begin(w);
	kv_opt(w, "id", os->id);
	kv_opt(w, "versionId", os->version_id);
	kv_opt(w, "versionCodename", os->version_codename);
	kv_opt(w, "prettyName", os->pretty_name);
	kv_opt(w, "idLike", os->id_like);
	kv_opt(w, "source", os->source);
	jsonw_obj_end(w);
}

static void
write_layers(struct jsonw *w, const struct inventory *inv)
{
	jsonw_key(w, "layers");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < inv->nlayers; i++) {
		const struct layer_info *l = &inv->layers[i];

		jsonw_obj_begin(w);
		jsonw_kv_uint(w, "index", i);
		kv_opt(w, "digest", l->digest);
		kv_opt(w, "diffId", l->diff_id);
		kv_opt(w, "mediaType", l->media_type);
		jsonw_kv_uint(w, "size", l->size);
		kv_opt(w, "createdBy", l->created_by);
		jsonw_kv_bool(w, "cached", l->cached);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
}

static void
write_pkg_source(struct jsonw *w, const struct pkg *p)
{
	if (!p->src_name && !p->src_version && !p->src_rpm)
		return;
	jsonw_key(w, "source");
	jsonw_obj_begin(w);
	kv_opt(w, "name", p->src_name);
	kv_opt(w, "version", p->src_version);
	kv_opt(w, "rpm", p->src_rpm);
	jsonw_obj_end(w);
}

void
report_pkg_json(struct arena *a, struct jsonw *w, const struct inventory *inv,
    const struct pkg *p, bool brief)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "type", sbom_pkg_type(p->type));
	jsonw_kv_str(w, "name", p->name ? p->name : "");
	kv_opt(w, "version", p->version);
	if (p->epoch >= 0)
		jsonw_kv_int(w, "epoch", p->epoch);
	kv_opt(w, "release", p->rpm_release);
	kv_opt(w, "arch", p->arch);
	write_pkg_source(w, p);
	if (!brief) {
		kv_opt(w, "license", p->license);
		kv_opt(w, "maintainer", p->maintainer);
		kv_opt(w, "vendor", p->vendor);
		if (p->installed_size)
			jsonw_kv_uint(w, "installedSize", p->installed_size);
	}
	kv_opt(w, "purl", purl_for_pkg(a, inv, p));
	if (p->layer >= 0) {
		jsonw_key(w, "layer");
		jsonw_obj_begin(w);
		jsonw_kv_int(w, "index", p->layer);
		if ((size_t)p->layer < inv->nlayers)
			kv_opt(w, "diffId", inv->layers[p->layer].diff_id);
		jsonw_obj_end(w);
	}
	kv_opt(w, "dbPath", p->db_path);
	jsonw_obj_end(w);
}

void
report_inventory_members(
    struct arena *a, struct jsonw *w, const struct inventory *inv)
{
	jsonw_kv_int(w, "schemaVersion", INVENTORY_SCHEMA_VERSION);
	jsonw_key(w, "tool");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", "ward");
	jsonw_kv_str(w, "version", WARD_VERSION);
	jsonw_obj_end(w);
	jsonw_kv_str(w, "target", inv->target ? inv->target : "");
	write_source(w, inv);
	write_os(w, inv);
	write_layers(w, inv);
	jsonw_key(w, "packages");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < inv->pkgs.n; i++)
		report_pkg_json(a, w, inv, &inv->pkgs.v[i], false);
	jsonw_arr_end(w);
	jsonw_key(w, "warnings");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < inv->warnings.n; i++)
		jsonw_str(w, inv->warnings.v[i]);
	jsonw_arr_end(w);
	jsonw_kv_uint(w, "warningsDropped", inv->warnings.dropped);
}

int
inventory_write_json(
    struct arena *a, const struct inventory *inv, FILE *f, struct ward_err *err)
{
	struct jsonw *w = jsonw_new(f, true);
	int r;

	jsonw_obj_begin(w);
	report_inventory_members(a, w, inv);
	jsonw_obj_end(w);
	r = jsonw_free(w);
	if (r == -EIO)
		return err_set(err, EIO, "writing the JSON inventory failed");
	if (r < 0)
		return err_set(
		    err, EINVAL, "internal: unbalanced JSON inventory");
	return 0;
}

/* The table. */

enum { COL_NAME, COL_VERSION, COL_SOURCE, COL_ARCH, COL_LAYER, NCOLS };

static const char *const headings[NCOLS] = {
    "NAME", "VERSION", "SOURCE", "ARCH", "LAYER"};

size_t
report_text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int
by_name(const void *va, const void *vb)
{
	const struct pkg *a = *(const struct pkg *const *)va;
	const struct pkg *b = *(const struct pkg *const *)vb;
	int c;

	if ((c = cmp_str(a->name, b->name)) != 0 ||
	    (c = cmp_str(a->version, b->version)) != 0 ||
	    (c = cmp_str(a->arch, b->arch)) != 0)
		return c;
	return (a->layer > b->layer) - (a->layer < b->layer);
}

/* The escaped cells of one row. The version shows an rpm epoch as rpm
 * does ("1:3.0.7-27.el9"); the source shows its version when it differs
 * from the package's. */
static void
cells(const struct pkg *p, char c[NCOLS][CELL_MAX])
{
	char raw[CELL_MAX * 2];
	const char *ver = p->version ? p->version : "";
	int n;

	str_escape(c[COL_NAME], CELL_MAX, str_from(p->name ? p->name : ""));
	if (p->type == PKG_RPM && p->epoch > 0)
		n = snprintf(
		    raw, sizeof(raw), "%lld:%s", (long long)p->epoch, ver);
	else
		n = snprintf(raw, sizeof(raw), "%s", ver);
	str_escape(c[COL_VERSION], CELL_MAX, str_from(n < 0 ? "" : raw));
	if (!p->src_name)
		n = snprintf(raw, sizeof(raw), "-");
	else if (p->src_version && strcmp(p->src_version, ver) != 0)
		n = snprintf(
		    raw, sizeof(raw), "%s (%s)", p->src_name, p->src_version);
	else
		n = snprintf(raw, sizeof(raw), "%s", p->src_name);
	str_escape(c[COL_SOURCE], CELL_MAX, str_from(n < 0 ? "" : raw));
	str_escape(c[COL_ARCH], CELL_MAX,
	    str_from(p->arch && *p->arch ? p->arch : "-"));
	if (p->layer < 0 ||
	    snprintf(c[COL_LAYER], CELL_MAX, "%d", p->layer) < 0)
		str_escape(c[COL_LAYER], CELL_MAX, STR("-"));
}

static void
row(FILE *f, char c[NCOLS][CELL_MAX], const size_t wid[NCOLS])
{
	for (int i = 0; i < NCOLS; i++) {
		size_t w = report_text_width(c[i]);

		fprintf(f, "  %s", c[i]);
		if (i + 1 < NCOLS)
			for (; w < wid[i]; w++)
				fputc(' ', f);
	}
	fputc('\n', f);
}

static void
write_rows(FILE *f, const struct pkg **v, size_t n, bool color)
{
	char c[NCOLS][CELL_MAX];
	size_t wid[NCOLS];

	for (int i = 0; i < NCOLS; i++)
		wid[i] = strlen(headings[i]);
	for (size_t i = 0; i < n; i++) {
		cells(v[i], c);
		for (int j = 0; j < NCOLS; j++)
			if (report_text_width(c[j]) > wid[j])
				wid[j] = report_text_width(c[j]);
	}
	for (int i = 0; i < NCOLS; i++)
		str_escape(c[i], CELL_MAX, str_from(headings[i]));
	fputs(color ? "\033[1m" : "", f);
	row(f, c, wid);
	fputs(color ? "\033[0m" : "", f);
	for (size_t i = 0; i < n; i++) {
		cells(v[i], c);
		row(f, c, wid);
	}
}

static void
write_os_line(FILE *f, const struct inventory *inv)
{
	char text[CELL_MAX], raw[CELL_MAX * 2];
	const struct os_info *os = &inv->os;
	int n;

	if (!inv->have_os) {
		fputs("OS: unknown\n", f);
		return;
	}
	if (os->pretty_name)
		n = snprintf(raw, sizeof(raw), "%s", os->pretty_name);
	else
		n = snprintf(raw, sizeof(raw), "%s %s",
		    os->id ? os->id : "unknown",
		    os->version_id ? os->version_id : "");
	str_escape(text, sizeof(text), str_trim(str_from(n < 0 ? "" : raw)));
	fprintf(f, "OS: %s\n", text);
}

void
report_table_heading(const struct inventory *inv, FILE *f, bool color)
{
	char name[CELL_MAX];

	str_escape(
	    name, sizeof(name), str_from(inv->target ? inv->target : ""));
	fprintf(f, "%s%s%s (%s)\n", color ? "\033[1m" : "", name,
	    color ? "\033[0m" : "",
	    inv->source_kind ? inv->source_kind : "unknown");
	write_os_line(f, inv);
}

int
inventory_write_table(
    const struct inventory *inv, FILE *f, bool color, struct ward_err *err)
{
	size_t n = inv->pkgs.n;
	_cleanup_free_ const struct pkg **v = xcalloc(n ? n : 1, sizeof(*v));

	report_table_heading(inv, f, color);
	for (size_t i = 0; i < n; i++)
		v[i] = &inv->pkgs.v[i];
	qsort(v, n, sizeof(*v), by_name);
	if (n > 0)
		write_rows(f, v, n, color);
	fprintf(f, "Packages: %zu  Warnings: %zu", n, inv->warnings.n);
	if (inv->warnings.dropped)
		fprintf(f, " (and %zu more not kept)", inv->warnings.dropped);
	fputc('\n', f);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, EIO, "writing the inventory table failed");
	return 0;
}

bool
report_inventory_is_image(const struct inventory *inv)
{
	const char *k = inv->source_kind;

	return !k ||
	    (strcmp(k, "directory") != 0 && strcmp(k, "rootfs-archive") != 0);
}
