/*
 * Reading image metadata: the OCI image layout (index.json, nested
 * indexes, manifests, configs) and the 'docker save' archive
 * (manifest.json). Every blob is hashed and compared with the digest and
 * size its descriptor gives before a byte of it is parsed, nested indexes
 * are followed with a depth cap and a cycle check, and all JSON goes
 * through the depth- and size-limited reader. The result is a plan: the
 * layers to stream with the digests each must match.
 */

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/json.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/mem.h"

#define MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_DOCKER_LIST                                                         \
	"application/vnd.docker.distribution.manifest.list.v2+json"
#define MT_DOCKER_MANIFEST                                                     \
	"application/vnd.docker.distribution.manifest.v2+json"

void
store_fini(struct store *s)
{
	for (size_t i = 0; i < s->nfds; i++)
		close(s->fds[i]);
	free(s->fds);
	tar_index_free(s->idx);
	s->fds = NULL;
	s->idx = NULL;
	s->nfds = 0;
}

static int
store_path(
    struct store *s, const char *path, struct blob *out, struct ward_err *err)
{
	uint64_t size;
	int fd;

	if (s->idx)
		return tar_index_find(s->idx, path, out, err);
	fd = fs_open_regular_in_root(s->rootfd, path, &size, err);
	if (fd < 0)
		return fd;
	if (s->nfds == s->capfds) {
		s->capfds = s->capfds ? s->capfds * 2 : 8;
		s->fds = xreallocarray(s->fds, s->capfds, sizeof(*s->fds));
	}
	s->fds[s->nfds++] = fd;
	*out = (struct blob){fd, 0, size, path};
	return 0;
}

static int
store_digest(struct arena *a, struct store *s, struct str digest,
    struct blob *out, struct ward_err *err)
{
	const char *hex;
	int r = digest_parse(digest, &hex, err);

	if (r < 0)
		return r;
	r = store_path(s, arena_printf(a, "blobs/sha256/%.64s", hex), out, err);
	if (r == -ENOENT)
		return err_set(err, ENOENT, "missing blob sha256:%.64s", hex);
	return r;
}

/* Read a small blob named by 'desc' and check its size and digest. */
static int
read_verified(struct arena *a, struct store *s, const struct json_object *desc,
    struct str *text, const char **digest_out, struct ward_err *err)
{
	struct str digest;
	struct blob b;
	uint64_t size;
	uint8_t d[SHA256_LEN];
	char got[72];
	int r;

	if (!json_get_str(desc, "digest", &digest))
		return err_set(err, EBADMSG, "descriptor without a digest");
	if (!json_get_u64(desc, "size", IMAGE_JSON_MAX, &size))
		return err_set(err, EBADMSG,
		    "descriptor of '%.*s' without a valid size (at most %u)",
		    STR_FMT(str_sub(digest, 0, 80)), IMAGE_JSON_MAX);
	r = store_digest(a, s, digest, &b, err);
	if (r < 0)
		return r;
	if (b.len != size)
		return err_set(err, EBADMSG,
		    "blob %.*s is %llu bytes, its descriptor says %llu",
		    STR_FMT(digest), (unsigned long long)b.len,
		    (unsigned long long)size);
	r = blob_read_all(a, &b, IMAGE_JSON_MAX, text, err);
	if (r < 0)
		return r;
	sha256_buf(text->p, text->len, d);
	digest_format(d, got);
	if (!str_eq_cstr(digest, got))
		return err_set(err, EBADMSG,
		    "blob %.*s does not match its digest (content is %s)",
		    STR_FMT(digest), got);
	*digest_out = arena_strz(a, digest);
	return 0;
}

static int
parse_json(struct str text, const char *what, struct json_object **out,
    struct ward_err *err)
{
	int r = json_parse(text, out, err);

	if (r < 0)
		return err_wrap(err, "%s", what);
	return 0;
}

static const char *
dup_str(struct arena *a, const struct json_object *o, const char *key)
{
	struct str s;

	return json_get_str(o, key, &s) ? arena_strz(a, s) : NULL;
}

/* --- platform selection --- */

struct platform {
	char os[32], arch[32], variant[32];
};

static int
platform_parse(const char *spec, struct platform *p, struct ward_err *err)
{
	struct str s = str_from(spec ? spec : "linux/amd64"), part;
	char *fields[3] = {p->os, p->arch, p->variant};

	memset(p, 0, sizeof(*p));
	for (int i = 0; i < 3 && s.len; i++) {
		str_cut(&s, '/', &part);
		if (part.len == 0 || part.len >= sizeof(p->os))
			return err_set(err, EINVAL, "bad platform '%s'", spec);
		memcpy(fields[i], part.p, part.len);
	}
	if (s.len || !p->arch[0])
		return err_set(err, EINVAL,
		    "bad platform '%s' (want os/arch[/variant])", spec);
	return 0;
}

static bool
platform_match(const struct platform *want, const struct json_object *pl)
{
	struct str os, arch, variant;
	bool has_variant = json_get_str(pl, "variant", &variant);

	if (!json_get_str(pl, "os", &os) ||
	    !json_get_str(pl, "architecture", &arch))
		return false;
	if (!str_eq_cstr(os, want->os) || !str_eq_cstr(arch, want->arch))
		return false;
	if (!want->variant[0] || !has_variant)
		return true;
	return str_eq_cstr(variant, want->variant);
}

static const char *
platform_str(struct arena *a, const struct json_object *pl)
{
	struct str os = STR("?"), arch = STR("?"), variant;

	json_get_str(pl, "os", &os);
	json_get_str(pl, "architecture", &arch);
	if (json_get_str(pl, "variant", &variant))
		return arena_printf(a, "%.*s/%.*s/%.*s", STR_FMT(os),
		    STR_FMT(arch), STR_FMT(variant));
	return arena_printf(a, "%.*s/%.*s", STR_FMT(os), STR_FMT(arch));
}

/* --- indexes --- */

struct candidate {
	const char *digest;
	struct json_object *desc; /* a reference we own */
	const char *ref;
};

struct resolve {
	struct arena *a;
	struct store *s;
	struct platform want;
	const char *ref;
	const char *stack[INDEX_DEPTH_MAX + 1];
	int depth;
	struct candidate found;
	const char *seen; /* platforms available, for the error */
	size_t nseen;
	struct map *visited; /* index digests already descended */
};

static bool
is_index_type(struct str mt)
{
	return str_eq_cstr(mt, MT_OCI_INDEX) || str_eq_cstr(mt, MT_DOCKER_LIST);
}

static const char *
ref_name(struct arena *a, const struct json_object *desc)
{
	return dup_str(a, json_get(desc, "annotations"),
	    "org.opencontainers.image.ref.name");
}

static int
resolve_index(struct resolve *rs, struct str text, struct ward_err *err);

static int
descend(
    struct resolve *rs, const struct json_object *desc, struct ward_err *err)
{
	struct str digest, text;
	const char *d;
	int r;

	if (!json_get_str(desc, "digest", &digest))
		return err_set(
		    err, EBADMSG, "index descriptor without a digest");
	for (int i = 0; i < rs->depth; i++)
		if (str_eq_cstr(digest, rs->stack[i]))
			return err_set(err, ELOOP,
			    "manifest cycle: index %.*s includes itself",
			    STR_FMT(digest));
	/* An index listed again (at any depth) is read once: without this a
	 * small index naming one child many times fans out exponentially. */
	if (map_has(rs->visited, digest))
		return 0;
	map_put(rs->visited, str_make(arena_strz(rs->a, digest), digest.len),
	    (void *)1);
	if (rs->depth >= INDEX_DEPTH_MAX)
		return err_set(err, EFBIG, "indexes nested deeper than %d",
		    INDEX_DEPTH_MAX);
	r = read_verified(rs->a, rs->s, desc, &text, &d, err);
	if (r < 0)
		return r;
	rs->stack[rs->depth++] = d;
	r = resolve_index(rs, text, err);
	rs->depth--;
	return r;
}

static void
note_platform(struct resolve *rs, const struct json_object *pl)
{
	const char *p = platform_str(rs->a, pl);

	if ((rs->seen && strstr(rs->seen, p)) || rs->nseen >= 16)
		return; /* enough to tell the user what exists */
	rs->nseen++;
	rs->seen = rs->seen ? arena_printf(rs->a, "%s, %s", rs->seen, p) : p;
}

static int
consider(struct resolve *rs, struct json_object *desc, struct ward_err *err)
{
	struct json_object *pl = json_get(desc, "platform");
	struct str mt = STR_NULL, os;
	const char *ref = ref_name(rs->a, desc);

	if (rs->ref && rs->depth == 0 && (!ref || strcmp(ref, rs->ref) != 0))
		return 0;
	json_get_str(desc, "mediaType", &mt);
	if (is_index_type(mt))
		return descend(rs, desc, err);
	if (pl && json_get_str(pl, "os", &os) && str_eq_cstr(os, "unknown"))
		return 0; /* build attestations, not an image */
	if (pl)
		note_platform(rs, pl);
	if (rs->found.desc || (pl && !platform_match(&rs->want, pl)))
		return 0;
	rs->found.desc = json_object_get(desc);
	rs->found.ref = ref;
	return 0;
}

static int
resolve_index(struct resolve *rs, struct str text, struct ward_err *err)
{
	struct json_object *idx, *m;
	int r = parse_json(text, "index", &idx, err);

	if (r < 0)
		return r;
	m = json_get(idx, "manifests");
	if (!json_is_array(m)) {
		json_object_put(idx);
		return err_set(err, EBADMSG, "index without a manifests list");
	}
	for (size_t i = 0; i < json_array_len(m) && r >= 0; i++)
		r = consider(rs, json_array_at(m, i), err);
	json_object_put(idx);
	return r;
}

/* --- manifests and configs --- */

static void
read_history(struct arena *a, const struct json_object *cfg, struct plan *p)
{
	const struct json_object *h = json_get(cfg, "history");
	size_t li = 0;

	for (size_t i = 0; i < json_array_len(h) && li < p->nlayers; i++) {
		const struct json_object *e = json_array_at(h, i);
		const struct json_object *empty = json_get(e, "empty_layer");

		if (empty && json_object_get_boolean(empty))
			continue;
		p->layers[li++].created_by = dup_str(a, e, "created_by");
	}
}

/* Labels as "KEY=VALUE" strings (for the secret scan); non-strings skipped. */
static void
read_labels(struct arena *a, const struct json_object *labels, struct plan *p)
{
	size_t n = 0;

	if (!labels || !json_object_is_type(labels, json_type_object))
		return;
	p->labels = arena_calloc(a,
	    (size_t)json_object_object_length(labels) + 1, sizeof(*p->labels));
	json_object_object_foreach((struct json_object *)labels, k, v)
	{
		struct str s;

		if (json_str(v, &s))
			p->labels[n++] =
			    arena_printf(a, "%s=%.*s", k, STR_FMT(s));
	}
	p->nlabels = n;
}

static void
read_runtime_config(
    struct arena *a, const struct json_object *cfg, struct plan *p)
{
	const struct json_object *c = json_get(cfg, "config");
	const struct json_object *env = json_get(c, "Env");
	size_t n = json_array_len(env);

	p->user = dup_str(a, c, "User");
	p->architecture = dup_str(a, cfg, "architecture");
	p->os = dup_str(a, cfg, "os");
	p->env = arena_calloc(a, n ? n : 1, sizeof(*p->env));
	for (size_t i = 0; i < n; i++) {
		struct str s;

		if (json_str(json_array_at(env, i), &s))
			p->env[p->nenv++] = arena_strz(a, s);
	}
	read_labels(a, json_get(c, "Labels"), p);
}

/* The config: diff_ids (one per layer), history, runtime settings. */
static int
read_config(
    struct arena *a, struct str text, struct plan *p, struct ward_err *err)
{
	struct json_object *cfg;
	const struct json_object *ids;
	int r = parse_json(text, "config", &cfg, err);

	if (r < 0)
		return r;
	ids = json_get(json_get(cfg, "rootfs"), "diff_ids");
	if (json_array_len(ids) != p->nlayers) {
		json_object_put(cfg);
		return err_set(err, EBADMSG,
		    "config lists %zu diff_ids for %zu layers",
		    json_array_len(ids), p->nlayers);
	}
	for (size_t i = 0; i < p->nlayers && r >= 0; i++) {
		struct str d;
		const char *hex;

		if (!json_str(json_array_at(ids, i), &d))
			r = err_set(
			    err, EBADMSG, "diff_id %zu is not a string", i);
		else if ((r = digest_parse(d, &hex, err)) >= 0)
			p->layers[i].diff_id = arena_strz(a, d);
	}
	if (r >= 0) {
		read_history(a, cfg, p);
		read_runtime_config(a, cfg, p);
	}
	json_object_put(cfg);
	return r;
}

static int
plan_layer(struct arena *a, struct store *s, const struct json_object *d,
    struct plan_layer *out, struct ward_err *err)
{
	struct str digest;
	uint64_t size;
	int r;

	if (!json_get_str(d, "digest", &digest) ||
	    !json_get_u64(d, "size", UINT64_MAX / 2, &size))
		return err_set(err, EBADMSG,
		    "layer descriptor without a "
		    "digest or size");
	r = store_digest(a, s, digest, &out->blob, err);
	if (r < 0)
		return r;
	if (out->blob.len != size)
		return err_set(err, EBADMSG,
		    "layer %.*s is %llu bytes, its descriptor says %llu",
		    STR_FMT(digest), (unsigned long long)out->blob.len,
		    (unsigned long long)size);
	out->digest = arena_strz(a, digest);
	out->blob.name = out->digest;
	out->media_type = dup_str(a, d, "mediaType");
	return 0;
}

static int
read_manifest(struct arena *a, struct store *s, struct str text, struct plan *p,
    struct ward_err *err)
{
	struct json_object *m;
	const struct json_object *layers;
	struct str cfgtext, mt;
	int r = parse_json(text, "manifest", &m, err);

	if (r < 0)
		return r;
	layers = json_get(m, "layers");
	if ((json_get_str(m, "mediaType", &mt) &&
		!str_eq_cstr(mt, MT_OCI_MANIFEST) &&
		!str_eq_cstr(mt, MT_DOCKER_MANIFEST)) ||
	    !json_is_array(layers) || !json_get(m, "config"))
		r = err_set(err, EBADMSG, "not an image manifest");
	else if (json_array_len(layers) > LAYERS_MAX)
		r = err_set(err, EFBIG, "more than %u layers", LAYERS_MAX);
	if (r >= 0) {
		p->nlayers = json_array_len(layers);
		p->layers = arena_calloc(
		    a, p->nlayers ? p->nlayers : 1, sizeof(*p->layers));
	}
	for (size_t i = 0; r >= 0 && i < p->nlayers; i++)
		r = plan_layer(
		    a, s, json_array_at(layers, i), &p->layers[i], err);
	if (r >= 0)
		r = read_verified(a, s, json_get(m, "config"), &cfgtext,
		    &p->config_digest, err);
	if (r >= 0)
		r = read_config(a, cfgtext, p, err);
	json_object_put(m);
	return r;
}

int
oci_plan(struct arena *a, struct store *s, const char *platform,
    const char *ref, struct plan *out, struct ward_err *err)
{
	struct resolve rs = {.a = a, .s = s, .ref = ref, .visited = map_new()};
	struct blob b;
	struct str text;
	int r;

	r = platform_parse(platform, &rs.want, err);
	if (r < 0)
		return r;
	r = store_path(s, "index.json", &b, err);
	if (r >= 0)
		r = blob_read_all(a, &b, IMAGE_JSON_MAX, &text, err);
	if (r >= 0)
		r = resolve_index(&rs, text, err);
	if (r >= 0 && !rs.found.desc)
		r = ref ? err_set(err, ENOENT, "no image named '%s'", ref)
			: err_set(err, ENOENT,
			      "no manifest for platform %s/%s%s%s; available: "
			      "%s",
			      rs.want.os, rs.want.arch,
			      rs.want.variant[0] ? "/" : "", rs.want.variant,
			      rs.seen ? rs.seen : "none");
	if (r >= 0)
		r = read_verified(
		    a, s, rs.found.desc, &text, &out->manifest_digest, err);
	if (r >= 0)
		r = read_manifest(a, s, text, out, err);
	if (r >= 0 && rs.found.ref) {
		out->tags = arena_calloc(a, 1, sizeof(*out->tags));
		out->tags[out->ntags++] = rs.found.ref;
	}
	json_object_put(rs.found.desc);
	map_free(rs.visited);
	return r;
}

/* --- docker save archives --- */

/* A file name that is itself a digest: "<64 hex>[.tar|.json]" or
 * "blobs/sha256/<64 hex>". */
static const char *
digest_of_name(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strspn(base, "0123456789abcdef");
	if (n != SHA256_HEX_LEN)
		return NULL;
	if (base[n] && strcmp(base + n, ".tar") != 0 &&
	    strcmp(base + n, ".json") != 0)
		return NULL;
	if (!base[n] && strncmp(path, "blobs/sha256/", 13) != 0)
		return NULL;
	return arena_printf(a, "sha256:%.64s", base);
}

static int
docker_config(struct arena *a, struct store *s, const char *path,
    struct plan *p, struct ward_err *err)
{
	const char *want = digest_of_name(a, path);
	uint8_t d[SHA256_LEN];
	char got[72];
	struct blob b;
	struct str text;
	int r = store_path(s, path, &b, err);

	if (r >= 0)
		r = blob_read_all(a, &b, IMAGE_JSON_MAX, &text, err);
	if (r < 0)
		return err_wrap(err, "config '%s'", path);
	sha256_buf(text.p, text.len, d);
	digest_format(d, got);
	if (want && strcmp(want, got) != 0)
		return err_set(err, EBADMSG,
		    "config '%s' does not match its digest (content is %s)",
		    path, got);
	p->config_digest = arena_strdup(a, got);
	return read_config(a, text, p, err);
}

static int
docker_layers(struct arena *a, struct store *s, const struct json_object *ls,
    struct plan *p, struct ward_err *err)
{
	p->nlayers = json_array_len(ls);
	if (p->nlayers > LAYERS_MAX)
		return err_set(err, EFBIG, "more than %u layers", LAYERS_MAX);
	p->layers =
	    arena_calloc(a, p->nlayers ? p->nlayers : 1, sizeof(*p->layers));
	for (size_t i = 0; i < p->nlayers; i++) {
		struct str path;
		const char *cpath;
		int r;

		if (!json_str(json_array_at(ls, i), &path))
			return err_set(
			    err, EBADMSG, "layer %zu is not a path", i);
		cpath = arena_strz(a, path);
		r = store_path(s, cpath, &p->layers[i].blob, err);
		if (r < 0)
			return err_wrap(err, "layer '%s'", cpath);
		p->layers[i].blob.name = cpath;
		p->layers[i].digest = digest_of_name(a, cpath);
	}
	return 0;
}

int
docker_plan(
    struct arena *a, struct store *s, struct plan *out, struct ward_err *err)
{
	struct json_object *m, *img, *tags;
	struct blob b;
	struct str text, cfg;
	int r = store_path(s, "manifest.json", &b, err);

	if (r >= 0)
		r = blob_read_all(a, &b, IMAGE_JSON_MAX, &text, err);
	if (r >= 0)
		r = parse_json(text, "manifest.json", &m, err);
	if (r < 0)
		return r;
	img = json_array_at(m, 0);
	if (!json_is_object(img) || !json_get_str(img, "Config", &cfg)) {
		json_object_put(m);
		return err_set(err, EBADMSG, "manifest.json lists no image");
	}
	r = docker_layers(a, s, json_get(img, "Layers"), out, err);
	if (r >= 0)
		r = docker_config(a, s, arena_strz(a, cfg), out, err);
	tags = json_get(img, "RepoTags");
	out->tags =
	    arena_calloc(a, json_array_len(tags) + 1, sizeof(*out->tags));
	for (size_t i = 0; r >= 0 && i < json_array_len(tags); i++) {
		struct str t;

		if (json_str(json_array_at(tags, i), &t))
			out->tags[out->ntags++] = arena_strz(a, t);
	}
	json_object_put(m);
	return r;
}
