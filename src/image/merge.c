/*
 * Merging layer results bottom to top, as an overlay filesystem would
 * show them: a whiteout removes the named path (and everything under it)
 * from the layers below, an opaque directory hides the lower layers'
 * content of that directory, and a file replaces the file of the same
 * path below it. What survives is the inventory. A package carried over
 * unchanged from a replaced database keeps the layer that introduced it,
 * so a later "apt-get install" does not claim the whole base image.
 */

#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/inventory.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/mem.h"

struct live {
	struct layer_file **v;
	size_t n, cap;
	struct map *byname; /* path -> index + 1 into v */
};

/*
 * Hidden by this layer's whiteouts (the path or one of its parents) or
 * opaque directories (one of its parents, the root being ""). Each
 * prefix is one map lookup, so the cost is the path's depth, not the
 * number of whiteouts.
 */
static bool
hidden(const char *path, const struct map *wh, const struct map *opq)
{
	size_t n = strlen(path);

	if (map_has(opq, STR("")))
		return true;
	for (size_t i = 1; i <= n; i++) {
		if (i < n && path[i] != '/')
			continue;
		if (map_has(wh, str_make(path, i)))
			return true;
		if (i < n && map_has(opq, str_make(path, i)))
			return true;
	}
	return false;
}

static struct str
pkg_key(struct arena *a, const struct pkg *p)
{
	char *k = arena_printf(
	    a, "%s%c%s%c%s", p->name, 0, p->version, 0, p->arch ? p->arch : "");
	size_t n = strlen(p->name) + 1 + strlen(p->version) + 1 +
	    strlen(p->arch ? p->arch : "");

	return str_make(k, n);
}

/* Packages unchanged from the replaced file keep their older layer. */
static void
inherit_layers(
    struct arena *a, const struct layer_file *old, struct layer_file *new)
{
	struct map *m;

	if (old->pkgs.n == 0 || new->pkgs.n == 0)
		return;
	m = map_new();
	for (size_t i = 0; i < old->pkgs.n; i++)
		map_put(m, pkg_key(a, &old->pkgs.v[i]), &old->pkgs.v[i]);
	for (size_t i = 0; i < new->pkgs.n; i++) {
		const struct pkg *o = map_get(m, pkg_key(a, &new->pkgs.v[i]));

		if (o && o->layer < new->pkgs.v[i].layer)
			new->pkgs.v[i].layer = o->layer;
	}
	map_free(m);
}

static void
index_live(struct live *l)
{
	map_free(l->byname);
	l->byname = map_new();
	for (size_t i = 0; i < l->n; i++)
		map_put(l->byname, str_from(l->v[i]->path),
		    (void *)(uintptr_t)(i + 1));
}

static void
apply_whiteouts(struct live *l, const struct layer_result *r)
{
	struct map *wh = map_new(), *opq = map_new();
	size_t o = 0;

	for (size_t i = 0; i < r->nwhiteouts; i++)
		map_put(wh, str_from(r->whiteouts[i]), (void *)1);
	for (size_t i = 0; i < r->nopaques; i++)
		map_put(opq, str_from(r->opaques[i]), (void *)1);
	for (size_t i = 0; i < l->n; i++)
		if (!hidden(l->v[i]->path, wh, opq))
			l->v[o++] = l->v[i];
	l->n = o;
	map_free(wh);
	map_free(opq);
	index_live(l);
}

static void
apply_layer(struct arena *a, struct live *l, struct layer_result *r)
{
	if (r->nwhiteouts || r->nopaques)
		apply_whiteouts(l, r);
	for (size_t j = 0; j < r->nfiles; j++) {
		struct layer_file *f = &r->files[j];
		uintptr_t k = (uintptr_t)map_get(l->byname, str_from(f->path));

		if (k) {
			inherit_layers(a, l->v[k - 1], f);
			l->v[k - 1] = f;
			continue;
		}
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		}
		l->v[l->n++] = f;
		map_put(l->byname, str_from(f->path), (void *)(uintptr_t)l->n);
	}
}

static const struct layer_file *
find_live(const struct live *l, enum claim c)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]->claim == c && !l->v[i]->is_link &&
		    l->v[i]->have_os)
			return l->v[i];
	return NULL;
}

static void
pick_os(const struct live *l, struct inventory *inv)
{
	static const enum claim order[] = {CLAIM_OS_RELEASE,
	    CLAIM_OS_RELEASE_USR, CLAIM_ALPINE_RELEASE, CLAIM_DEBIAN_VERSION,
	    CLAIM_REDHAT_RELEASE};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const struct layer_file *f = find_live(l, order[i]);

		if (f) {
			inv->os = f->os;
			inv->have_os = true;
			return;
		}
	}
}

static void
add_pkgs(struct arena *a, struct pkg_list *dst, const struct pkg_list *src)
{
	size_t need = dst->n + src->n;

	if (src->n == 0)
		return;
	if (need > dst->cap) {
		size_t cap = dst->cap ? dst->cap : 64;

		while (cap < need)
			cap *= 2;
		dst->v = arena_realloc(a, dst->v, dst->n, cap, sizeof(*dst->v));
		dst->cap = cap;
	}
	memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
}

static void
add_warnings(
    struct arena *a, struct warn_list *dst, const struct warn_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (dst->n >= WARNINGS_MAX) {
			dst->dropped++;
			continue;
		}
		if (dst->n == dst->cap) {
			size_t cap = dst->cap ? dst->cap * 2 : 16;

			dst->v = arena_realloc(
			    a, dst->v, dst->n, cap, sizeof(*dst->v));
			dst->cap = cap;
		}
		dst->v[dst->n++] = src->v[i];
	}
	dst->dropped += src->dropped;
}

/*
 * Every layer's secrets go into the inventory; those whose file a later
 * layer deletes (whiteout, opaque directory) or replaces (the same path
 * found again) are marked with that layer. Deleted files remain in the
 * image's blobs, so they are reported all the same.
 */
static void
merge_secrets(struct arena *a, struct layer_result *layers, size_t n,
    struct inventory *inv)
{
	for (size_t j = 0; j < n; j++) {
		const struct layer_result *r = &layers[j];
		struct map *wh = map_new(), *opq = map_new(),
			   *paths = map_new();

		for (size_t i = 0; i < r->nwhiteouts; i++)
			map_put(wh, str_from(r->whiteouts[i]), (void *)1);
		for (size_t i = 0; i < r->nopaques; i++)
			map_put(opq, str_from(r->opaques[i]), (void *)1);
		for (size_t i = 0; i < r->secrets.n; i++)
			map_put(
			    paths, str_from(r->secrets.v[i].path), (void *)1);
		for (size_t i = 0; i < inv->secrets.n; i++) {
			struct secret_hit *h = &inv->secrets.v[i];

			if (h->removed_by < 0 && h->layer >= 0 &&
			    (hidden(h->path, wh, opq) ||
				map_has(paths, str_from(h->path))))
				h->removed_by = (int)j;
		}
		map_free(wh);
		map_free(opq);
		map_free(paths);
		for (size_t i = 0; i < r->secrets.n; i++)
			secret_hits_add(a, &inv->secrets, r->secrets.v[i].path,
			    r->secrets.v[i].layer, &r->secrets.v[i].f);
		inv->secrets.skipped_binary += r->secrets.skipped_binary;
		inv->secrets.skipped_size += r->secrets.skipped_size;
	}
}

void
layers_merge(struct arena *a, struct layer_result *layers, size_t n,
    struct inventory *inv)
{
	merge_secrets(a, layers, n, inv);
	struct live l = {.byname = map_new()};

	for (size_t i = 0; i < n; i++) {
		apply_layer(a, &l, &layers[i]);
		add_warnings(a, &inv->warnings, &layers[i].warnings);
	}
	pick_os(&l, inv);
	for (size_t i = 0; i < l.n; i++)
		if (!l.v[i]->is_link)
			add_pkgs(a, &inv->pkgs, &l.v[i]->pkgs);
	free(l.v);
	map_free(l.byname);
}
