/*
 * The scan of one target, end to end: decide what the target is (by its
 * content, never its name), build the plan, stream the layers in
 * parallel (each worker with its own arena, each layer's result cached
 * under its digests), merge bottom to top and fill the inventory. The
 * target path comes from the user and is trusted; everything read from
 * it is not.
 */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/image.h"
#include "ward/inventory.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"

struct pool {
	struct arena *a;
	const struct plan *plan;
	const struct image_opts *opts;
	struct layer_result *results;
	struct arena **arenas;
	int *rc;
	struct ward_err *errs;
	size_t next; /* next layer to take, under 'lock' */
	pthread_mutex_t lock;
	uint64_t done_bytes, total_bytes;
	size_t layers_done;
	bool finished;
};

static const char *
cache_key(struct arena *a, const struct plan_layer *l)
{
	const char *d = l->digest ? l->digest + 7 : "none";
	const char *id = l->diff_id ? l->diff_id + 7 : "none";

	return arena_printf(
	    a, "%.64s-%.64s-v%d", d, id, IMAGE_ANALYZER_VERSION);
}

static void
set_layer_index(struct layer_result *r, int index)
{
	for (size_t i = 0; i < r->nfiles; i++)
		for (size_t j = 0; j < r->files[i].pkgs.n; j++)
			r->files[i].pkgs.v[j].layer = index;
	for (size_t i = 0; i < r->secrets.n; i++)
		r->secrets.v[i].layer = index;
}

/*
 * Whether a loaded entry answers this scan: any entry does without
 * secret scanning; with it, only one written by a secret scan with the
 * same rules (a different rule set, user rules or engine finds other
 * things).
 */
static bool
cache_answers(const struct image_opts *o, const struct layer_result *res)
{
	if (!o->secrets)
		return true;
	return o->secrets_key && res->secrets_key &&
	    strcmp(o->secrets_key, res->secrets_key) == 0;
}

static void analyse_layer(struct pool *p, size_t i);

/*
 * A cached layer is trusted without reading its blob only when the file
 * holding the blob is the one it was verified in and has not changed
 * since (device, inode, size, offset, mtime and ctime). Otherwise the
 * compressed blob is hashed again, which costs a fraction of analysing
 * it, and the entry learns the new file.
 */
static int
verify_cached(struct pool *p, const struct plan_layer *l,
    struct layer_result *res, const char *key, struct ward_err *err)
{
	struct blob_fp fp;
	int r;

	if (!blob_fingerprint(&l->blob, &fp))
		return err_set(err, EIO, "cannot stat the layer blob");
	if (res->have_fp && memcmp(&fp, &res->fp, sizeof(fp)) == 0)
		return 0;
	r = blob_verify(&l->blob, l->digest, err);
	if (r < 0)
		return r;
	res->fp = fp;
	res->have_fp = true;
	cache_store(p->opts->cache_dir, key, res);
	return 0;
}

/*
 * A cache hit. An entry's secret findings stay in it (verify_cached may
 * store it again) but reach the merge only when this scan asked for
 * secrets.
 */
static void
use_cached(struct pool *p, size_t i, struct layer_result *res, const char *key)
{
	const struct plan_layer *l = &p->plan->layers[i];

	log_debug("layer cache: hit for layer %zu (%s)", i, key);
	__atomic_add_fetch(&p->done_bytes, l->blob.len, __ATOMIC_RELAXED);
	set_layer_index(res, (int)i);
	res->cached = true;
	if (verify_cached(p, l, res, key, &p->errs[i]) < 0) {
		p->rc[i] = -p->errs[i].code;
		err_wrap(&p->errs[i], "layer %zu (%s)", i, l->digest);
	}
	if (!p->opts->secrets)
		memset(&res->secrets, 0, sizeof(res->secrets));
}

static void
do_layer(struct pool *p, size_t i)
{
	analyse_layer(p, i);
	__atomic_add_fetch(&p->layers_done, 1, __ATOMIC_RELAXED);
}

static void
analyse_layer(struct pool *p, size_t i)
{
	const struct plan_layer *l = &p->plan->layers[i];
	struct layer_job job = {.blob = l->blob,
	    .index = (int)i,
	    .expect_digest = l->digest,
	    .expect_diff_id = l->diff_id,
	    .bytes_max = p->opts->layer_bytes_max,
	    .secrets = p->opts->secrets,
	    .progress = &p->done_bytes};
	struct arena *la = p->arenas[i];
	const char *key = cache_key(la, l);
	struct layer_result *res = &p->results[i];
	/* A secret scan without a name for its rules could not tell its
	 * findings from another rule set's, so it leaves the cache alone. */
	bool use_cache = p->opts->cache_dir && l->digest && l->diff_id &&
	    (!p->opts->secrets || p->opts->secrets_key);
	struct blob_fp fp;

	if (use_cache && cache_load(la, p->opts->cache_dir, key, res)) {
		if (cache_answers(p->opts, res)) {
			use_cached(p, i, res, key);
			return;
		}
		log_debug("layer cache: %s holds no secret findings for these "
			  "rules, reading layer %zu",
		    key, i);
		memset(res, 0, sizeof(*res));
	}
	p->rc[i] = layer_process(la, &job, res, &p->errs[i]);
	if (p->rc[i] < 0) {
		err_wrap(&p->errs[i], "layer %zu (%s)", i,
		    l->digest ? l->digest : l->blob.name);
		return;
	}
	if (p->opts->secrets)
		res->secrets_key = p->opts->secrets_key;
	res->have_fp = blob_fingerprint(&l->blob, &fp);
	res->fp = fp;
	if (use_cache)
		cache_store(p->opts->cache_dir, key, res);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->plan->nlayers)
			return NULL;
		do_layer(p, i);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A bar on stderr, shown only when the scan takes more than a moment. */
static void *
progress(void *arg)
{
	struct pool *p = arg;
	double start = now();
	bool shown = false;

	while (!__atomic_load_n(&p->finished, __ATOMIC_ACQUIRE)) {
		uint64_t done =
		    __atomic_load_n(&p->done_bytes, __ATOMIC_RELAXED);
		int pct =
		    p->total_bytes ? (int)(done * 100 / p->total_bytes) : 100;
		char bar[41];

		usleep(100000);
		if (now() - start < 0.5)
			continue;
		memset(bar, '#', (size_t)(pct * 40 / 100));
		memset(
		    bar + pct * 40 / 100, '.', 40 - (size_t)(pct * 40 / 100));
		bar[40] = '\0';
		fprintf(stderr, "\r[%s] %3d%%  %zu/%zu layers  %.1f/%.1f MB",
		    bar, pct,
		    __atomic_load_n(&p->layers_done, __ATOMIC_RELAXED),
		    p->plan->nlayers, (double)done / 1e6,
		    (double)p->total_bytes / 1e6);
		shown = true;
	}
	if (shown)
		fprintf(stderr, "\r\033[K");
	return NULL;
}

static int
threads_for(const struct image_opts *o, size_t nlayers)
{
	long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if ((size_t)n > nlayers)
		n = (long)nlayers;
	return (int)(n < 1 ? 1 : n);
}

static int
run_layers(struct arena *a, const struct plan *plan,
    const struct image_opts *opts, struct layer_result *results,
    struct ward_err *err)
{
	size_t n = plan->nlayers;
	struct pool p = {
	    .a = a, .plan = plan, .opts = opts, .results = results};
	pthread_t tids[64], prog;
	int nt = threads_for(opts, n), r = 0;
	bool have_prog = false;

	if (nt > 64)
		nt = 64;
	p.arenas = xcalloc(n ? n : 1, sizeof(*p.arenas));
	p.rc = xcalloc(n ? n : 1, sizeof(*p.rc));
	p.errs = xcalloc(n ? n : 1, sizeof(*p.errs));
	pthread_mutex_init(&p.lock, NULL);
	for (size_t i = 0; i < n; i++) {
		p.arenas[i] = arena_new();
		arena_adopt(a, p.arenas[i]);
		p.total_bytes += plan->layers[i].blob.len;
	}
	if (opts->progress)
		have_prog = pthread_create(&prog, NULL, progress, &p) == 0;
	for (int t = 1; t < nt; t++)
		if (pthread_create(&tids[t], NULL, worker, &p) != 0)
			nt = t;
	worker(&p);
	for (int t = 1; t < nt; t++)
		pthread_join(tids[t], NULL);
	__atomic_store_n(&p.finished, true, __ATOMIC_RELEASE);
	if (have_prog)
		pthread_join(prog, NULL);
	for (size_t i = 0; i < n && r == 0; i++) {
		if (p.rc[i] < 0) {
			*err = p.errs[i];
			r = p.rc[i];
		}
	}
	pthread_mutex_destroy(&p.lock);
	free(p.arenas);
	free(p.rc);
	free(p.errs);
	return r;
}

static void
fill_from_plan(struct arena *a, const struct plan *plan,
    const struct layer_result *res, struct inventory *inv)
{
	inv->source_kind = plan->kind;
	inv->manifest_digest = plan->manifest_digest;
	inv->config_digest = plan->config_digest;
	inv->architecture = plan->architecture;
	inv->os_name = plan->os;
	inv->repo_tags = plan->tags;
	inv->nrepo_tags = plan->ntags;
	inv->config_user = plan->user;
	inv->config_env = plan->env;
	inv->nconfig_env = plan->nenv;
	inv->config_labels = plan->labels;
	inv->nconfig_labels = plan->nlabels;
	inv->nlayers = plan->nlayers;
	inv->layers = arena_calloc(
	    a, plan->nlayers ? plan->nlayers : 1, sizeof(*inv->layers));
	for (size_t i = 0; i < plan->nlayers; i++) {
		const struct plan_layer *l = &plan->layers[i];
		struct layer_info *li = &inv->layers[i];

		li->digest = l->digest
		    ? l->digest
		    : (res[i].digest[0] ? arena_strdup(a, res[i].digest)
					: NULL);
		li->diff_id =
		    l->diff_id ? l->diff_id : arena_strdup(a, res[i].diff_id);
		li->media_type = l->media_type;
		li->size = l->blob.len;
		li->created_by = l->created_by;
		li->cached = res[i].cached;
	}
}

static int
scan_plan(struct arena *a, const struct plan *plan,
    const struct image_opts *opts, struct inventory *out, struct ward_err *err)
{
	struct layer_result *res =
	    arena_calloc(a, plan->nlayers ? plan->nlayers : 1, sizeof(*res));
	int r = run_layers(a, plan, opts, res, err);

	if (r < 0)
		return r;
	fill_from_plan(a, plan, res, out);
	layers_merge(a, res, plan->nlayers, out);
	out->secrets_scanned = opts->secrets != NULL;
	secrets_scan_config(a, opts->secrets, out);
	return 0;
}

/* A root filesystem tarball: one layer, any compression. */
static int
scan_rootfs_tar(struct arena *a, int fd, uint64_t size, const char *target,
    const struct image_opts *opts, struct inventory *out, struct ward_err *err)
{
	struct layer_result *res = arena_calloc(a, 1, sizeof(*res));
	struct blob b = {fd, 0, size, target};
	uint64_t done = 0;
	int r;

	r = layer_process_rootfs(
	    a, &b, 0, opts->layer_bytes_max, &done, opts->secrets, res, err);
	if (r < 0)
		return r;
	out->source_kind = "rootfs-archive";
	out->nlayers = 1;
	out->layers = arena_calloc(a, 1, sizeof(*out->layers));
	out->layers[0].size = size;
	layers_merge(a, res, 1, out);
	out->secrets_scanned = opts->secrets != NULL;
	return 0;
}

static int
scan_store(struct arena *a, struct store *s, bool oci, const char *ref,
    const struct image_opts *opts, struct inventory *out, struct ward_err *err)
{
	struct plan plan = {0};
	int r;

	if (oci)
		r = oci_plan(a, s, opts->platform, ref, &plan, err);
	else
		r = docker_plan(a, s, &plan, err);
	if (r < 0)
		return r;
	plan.kind =
	    s->idx ? (oci ? "oci-archive" : "docker-archive") : "oci-layout";
	return scan_plan(a, &plan, opts, out, err);
}

static int
scan_file(struct arena *a, int fd, const char *target, const char *ref,
    const struct image_opts *opts, struct inventory *out, struct ward_err *err)
{
	unsigned char h[512];
	struct store s = {.rootfd = -1, .name = target};
	struct stat st;
	ssize_t n;
	int r;

	if (fstat(fd, &st) < 0)
		return err_set(err, errno, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(err, EINVAL, "not a regular file or directory");
	if (st.st_size == 0)
		return err_set(err, EBADMSG, "empty file, not an image");
	n = pread(fd, h, sizeof(h), 0);
	if (n == (ssize_t)sizeof(h) && tar_header_looks_valid(h)) {
		r = tar_index_build(a, fd, "archive", &s.idx, err);
		/* Not an image archive we can index (a rootfs tar of more
		 * entries than an image archive ever has, say): stream it. */
		if (r == -EFBIG)
			return scan_rootfs_tar(a, fd, (uint64_t)st.st_size,
			    target, opts, out, err);
		if (r < 0)
			return r;
		if (tar_index_has(s.idx, "index.json"))
			r = scan_store(a, &s, true, ref, opts, out, err);
		else if (tar_index_has(s.idx, "manifest.json"))
			r = scan_store(a, &s, false, ref, opts, out, err);
		else
			r = scan_rootfs_tar(a, fd, (uint64_t)st.st_size, target,
			    opts, out, err);
		store_fini(&s);
		return r;
	}
	return scan_rootfs_tar(
	    a, fd, (uint64_t)st.st_size, target, opts, out, err);
}

static bool
in_root(int rootfd, const char *name)
{
	struct ward_err e;
	int fd = fs_open_in_root(rootfd, name, O_PATH, &e);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* "layout:ref" names one image of a layout holding several. */
static const char *
split_ref(struct arena *a, const char *target, const char **path)
{
	const char *colon = strrchr(target, ':');
	struct stat st;

	*path = target;
	if (!colon || stat(target, &st) == 0 || colon == target ||
	    strchr(colon, '/'))
		return NULL;
	*path = arena_strndup(a, target, (size_t)(colon - target));
	return colon + 1;
}

int
image_scan(struct arena *a, const char *target, const struct image_opts *opts,
    struct inventory *out, struct ward_err *err)
{
	_cleanup_close_ int fd = -1;
	const char *path, *ref = split_ref(a, target, &path);
	struct stat st;
	int r;

	memset(out, 0, sizeof(*out));
	out->target = target;
	if (stat(path, &st) < 0)
		return err_set(err, errno, "'%s': %s", target, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		struct store s = {.rootfd = -1, .name = target};

		fd = fs_root_open(path, err);
		if (fd < 0)
			return fd;
		if (!in_root(fd, "index.json"))
			return image_scan_dir(a, path, opts, out, err);
		s.rootfd = fd;
		r = scan_store(a, &s, true, ref, opts, out, err);
		store_fini(&s);
		return r;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return err_set(err, errno, "'%s': %s", target, strerror(errno));
	return scan_file(a, fd, target, ref, opts, out, err);
}
