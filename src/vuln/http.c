/*
 * Downloads for 'ward db update', and the update itself: every source is
 * fetched into a temporary mirror beside the database, built from there
 * exactly as 'ward db build --from' does, and the mirror removed. libcurl
 * is loaded at run time (dlopen), not linked: linking it costs every ward
 * start about 15 ms of dynamic linking, for a library only this verb
 * uses. <curl/curl.h> supplies types and constants only. libcurl honours
 * http_proxy, https_proxy and no_proxy itself; SSL_CERT_FILE,
 * CURL_CA_BUNDLE and SSL_CERT_DIR are passed on here. Only http and https
 * are allowed (also after redirects; an https download never follows a
 * redirect to http), transfers are capped in size and abandoned when they
 * stall, and a transfer that ends early is an error. What is downloaded
 * is untrusted: the importers bound and validate it.
 */

#include <curl/curl.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/vulndb.h"

/* Downloads slower than this many bytes a second for low_speed_time
 * seconds are abandoned. */
#define LOW_SPEED_BYTES 1024L
/* Temporary mirrors older than this are an interrupted update's. */
#define STALE_SECONDS (6 * 3600)
/* Items in a comma-separated list option. */
#define LIST_MAX 256

static struct {
	bool loaded;
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
} curl;

/* dlsym into a function pointer without a cast ISO C leaves undefined. */
static bool
sym(void *h, const char *name, void *fnptr)
{
	void *p = dlsym(h, name);

	memcpy(fnptr, &p, sizeof(p));
	return p != NULL;
}

static int
load_curl(struct ward_err *err)
{
	static const char *const libs[] = {
	    "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4"};
	void *h = NULL;

	if (curl.loaded)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(libs) && !h; i++)
		h = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return err_set(err, ENOTSUP,
		    "cannot load libcurl.so.4 (install libcurl4): %s",
		    dlerror() ? dlerror() : "not found");
	/* The library stays loaded: libcurl and its TLS library register
	 * exit handlers. */
	if (!sym(h, "curl_global_init", &curl.global_init) ||
	    !sym(h, "curl_easy_init", &curl.easy_init) ||
	    !sym(h, "curl_easy_setopt", &curl.easy_setopt) ||
	    !sym(h, "curl_easy_perform", &curl.easy_perform) ||
	    !sym(h, "curl_easy_getinfo", &curl.easy_getinfo) ||
	    !sym(h, "curl_easy_cleanup", &curl.easy_cleanup) ||
	    !sym(h, "curl_easy_strerror", &curl.easy_strerror))
		return err_set(err, ENOTSUP,
		    "libcurl lacks a function ward "
		    "needs");
	if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return err_set(err, EIO, "libcurl failed to initialise");
	curl.loaded = true;
	return 0;
}

struct sink {
	int fd;
	uint64_t bytes, max;
	bool over;
	int werr;
};

static size_t
on_data(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct sink *k = ctx;
	size_t n = size * nmemb, done = 0; /* size is 1 (libcurl's doc) */

	if (k->bytes + n > k->max) {
		k->over = true;
		return 0; /* not n: libcurl stops with CURLE_WRITE_ERROR */
	}
	while (done < n) {
		ssize_t w = write(k->fd, p + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			k->werr = errno;
			return 0;
		}
		done += (size_t)w;
	}
	k->bytes += n;
	return n;
}

/* The URL for messages, with any user:password@ hidden. */
static const char *
url_shown(struct arena *a, const char *url)
{
	const char *host = strstr(url, "://");
	const char *at, *slash;

	if (!host)
		return url;
	host += 3;
	at = strchr(host, '@');
	slash = strchr(host, '/');
	if (!at || (slash && slash < at))
		return url;
	return arena_printf(a, "%.*s***%s", (int)(host - url), url, at);
}

static void
set_tls_env(CURL *h)
{
	const char *ca = secure_getenv("SSL_CERT_FILE");
	const char *dir = secure_getenv("SSL_CERT_DIR");

	if (!ca || !*ca)
		ca = secure_getenv("CURL_CA_BUNDLE");
	/* setopt on a known option fails only on out-of-memory, which the
	 * transfer itself then reports. */
	if (ca && *ca)
		(void)curl.easy_setopt(h, CURLOPT_CAINFO, ca);
	if (dir && *dir)
		(void)curl.easy_setopt(h, CURLOPT_CAPATH, dir);
}

static void
set_options(CURL *h, const char *url, struct sink *k, const struct http_opts *o,
    char *errbuf)
{
	bool https = strncmp(url, "https://", 8) == 0;

	/* As in set_tls_env: only out-of-memory can fail these. */
	(void)curl.easy_setopt(h, CURLOPT_URL, url);
	(void)curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	(void)curl.easy_setopt(
	    h, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
	(void)curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	(void)curl.easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	(void)curl.easy_setopt(h, CURLOPT_FAILONERROR, 1L);
	(void)curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	(void)curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	(void)curl.easy_setopt(h, CURLOPT_WRITEDATA, k);
	(void)curl.easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	(void)curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	(void)curl.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_BYTES);
	(void)curl.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, o->low_speed_time);
	(void)curl.easy_setopt(
	    h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max);
	(void)curl.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	(void)curl.easy_setopt(h, CURLOPT_USERAGENT, "ward/" WARD_VERSION);
	set_tls_env(h);
}

/* A failed transfer as an errno and a message. */
static int
transfer_error(CURL *h, CURLcode rc, const struct sink *k, const char *url,
    const char *errbuf, struct ward_err *err)
{
	const char *why = errbuf[0] ? errbuf : curl.easy_strerror(rc);
	long status = 0;

	if (k->over || rc == CURLE_FILESIZE_EXCEEDED)
		return err_set(err, EFBIG, "%s: larger than %llu bytes", url,
		    (unsigned long long)k->max);
	if (k->werr)
		return err_set(err, k->werr, "%s: writing the download: %s",
		    url, strerror(k->werr));
	switch (rc) {
	case CURLE_HTTP_RETURNED_ERROR:
		(void)curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		return err_set(err, status == 404 ? ENOENT : EIO,
		    "%s: HTTP %ld%s", url, status,
		    status == 404 ? " (not found)" : "");
	case CURLE_PARTIAL_FILE:
		return err_set(err, EIO,
		    "%s: transfer ended early after %llu bytes (%s)", url,
		    (unsigned long long)k->bytes, why);
	case CURLE_COULDNT_CONNECT:
		return err_set(
		    err, ECONNREFUSED, "%s: cannot connect: %s", url, why);
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return err_set(err, EHOSTUNREACH, "%s: %s", url, why);
	case CURLE_OPERATION_TIMEDOUT:
		return err_set(err, ETIMEDOUT, "%s: timed out: %s", url, why);
	case CURLE_UNSUPPORTED_PROTOCOL:
		return err_set(err, EINVAL,
		    "%s: only http and https are "
		    "allowed (%s)",
		    url, why);
	default:
		return err_set(err, EIO, "%s: %s", url, why);
	}
}

int
http_get(const char *url, int fd, const struct http_opts *o, uint64_t *bytes,
    struct ward_err *err)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct sink k = {.fd = fd, .max = o->max};
	struct arena *a;
	CURL *h;
	CURLcode rc;
	int r = load_curl(err);

	if (r < 0)
		return r;
	h = curl.easy_init();
	if (!h)
		return err_set(err, ENOMEM, "libcurl: no handle");
	set_options(h, url, &k, o, errbuf);
	rc = curl.easy_perform(h);
	a = arena_new();
	if (rc != CURLE_OK)
		r = transfer_error(h, rc, &k, url_shown(a, url), errbuf, err);
	arena_free(a);
	curl.easy_cleanup(h);
	if (r == 0)
		*bytes = k.bytes;
	return r;
}

/* The update. */

struct dl {
	struct arena *a;
	const struct vulndb_update_opts *o;
	struct http_opts http;
	const char *dir; /* the temporary mirror */
};

/* mkdir DIR/REL and its parents below DIR. */
static int
mkdirs(struct arena *a, const char *dir, const char *rel, struct ward_err *err)
{
	char *p = arena_printf(a, "%s/%s", dir, rel);
	size_t base = strlen(dir) + 1;

	for (char *c = p + base;; c++) {
		if (*c != '/' && *c != '\0')
			continue;
		char save = *c;

		*c = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return err_set(
			    err, errno, "mkdir '%s': %s", p, strerror(errno));
		*c = save;
		if (save == '\0')
			return 0;
	}
}

static int
fetch(struct dl *d, const char *url, const char *reldir, const char *file,
    struct ward_err *err)
{
	const char *path = arena_printf(d->a, "%s/%s/%s", d->dir, reldir, file);
	const char *shown = url_shown(d->a, url);
	struct timespec t0, t1;
	uint64_t bytes = 0;
	int fd, r = mkdirs(d->a, d->dir, reldir, err);

	if (r < 0)
		return r;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(err, errno, "cannot create '%s': %s", path,
		    strerror(errno));
	if (d->o->note.fn)
		d->o->note.fn(d->o->note.ctx, LOG_INFO,
		    arena_printf(d->a, "downloading %s", shown));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = http_get(url, fd, &d->http, &bytes, err);
	if (close(fd) < 0 && r == 0)
		r = err_set(
		    err, errno, "writing '%s': %s", path, strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (r == 0 && d->o->note.fn)
		d->o->note.fn(d->o->note.ctx, LOG_INFO,
		    arena_printf(d->a, "%s: %llu bytes in %.1f s", shown,
			(unsigned long long)bytes,
			(double)(t1.tv_sec - t0.tv_sec) +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9));
	return r;
}

/* Split a comma-separated list; items are checked by 'ok'. */
static int
split_list(struct arena *a, const char *list, const char *what,
    bool (*ok)(struct str), const char ***out, size_t *n, struct ward_err *err)
{
	struct str s = str_from(list), item;
	const char **v = arena_calloc(a, LIST_MAX, sizeof(*v));

	*n = 0;
	while (s.len > 0) {
		(void)str_cut(&s, ',', &item); /* no ',': all of 's' */
		item = str_trim(item);
		if (item.len == 0)
			continue;
		if (!ok(item))
			return err_set(err, EINVAL, "invalid %s '%.*s'", what,
			    STR_FMT(item));
		if (*n >= LIST_MAX)
			return err_set(
			    err, EINVAL, "more than %d %ss", LIST_MAX, what);
		v[(*n)++] = arena_strz(a, item);
	}
	*out = v;
	return 0;
}

/* An ecosystem name safe as a directory name: no '/', not dot-led. */
static bool
eco_ok(struct str e)
{
	return vname_valid(e) && e.len <= 64 && e.p[0] != '.' &&
	    str_find_char(e, '/') < 0 && str_find_char(e, '\\') < 0;
}

static bool
branch_ok(struct str b)
{
	if (b.len == 0 || b.len > 16 || b.p[0] == '.')
		return false;
	for (size_t i = 0; i < b.len; i++)
		if (!((b.p[i] >= 'a' && b.p[i] <= 'z') ||
			(b.p[i] >= '0' && b.p[i] <= '9') || b.p[i] == '.'))
			return false;
	return true;
}

static int
fetch_osv(struct dl *d, const char *base, struct ward_err *err)
{
	const char *list =
	    d->o->ecosystems ? d->o->ecosystems : VULNDB_ECOSYSTEMS;
	const char **ecos;
	size_t n;
	int r = split_list(d->a, list, "ecosystem", eco_ok, &ecos, &n, err);

	for (size_t i = 0; i < n && r == 0; i++) {
		const char *url = arena_printf(
		    d->a, "%s/all.zip", vurl_join(d->a, base, ecos[i]));

		r = fetch(d, url, arena_printf(d->a, "osv/%s", ecos[i]),
		    "all.zip", err);
	}
	return r;
}

static int
fetch_secdb(struct dl *d, const char *base, struct ward_err *err)
{
	static const char *const repos[] = {"main.json", "community.json"};
	const char *list =
	    d->o->secdb_branches ? d->o->secdb_branches : VULNDB_SECDB_BRANCHES;
	const char **br;
	size_t n;
	int r = split_list(d->a, list, "secdb branch", branch_ok, &br, &n, err);

	for (size_t i = 0; i < n && r == 0; i++) {
		for (size_t j = 0; j < ARRAY_SIZE(repos) && r == 0; j++) {
			const char *url = vurl_join(
			    d->a, vurl_join(d->a, base, br[i]), repos[j]);

			r = fetch(d, url,
			    arena_printf(d->a, "alpine-secdb/%s", br[i]),
			    repos[j], err);
		}
	}
	return r;
}

static int
fetch_all(struct dl *d, struct vulndb_build_opts *bo, struct ward_err *err)
{
	const struct vulndb_update_opts *o = d->o;
	int r = 0;

	if (!o->no_osv) {
		bo->origin_osv = o->url_osv ? o->url_osv : VULNDB_URL_OSV;
		r = fetch_osv(d, bo->origin_osv, err);
	}
	if (r == 0 && !o->no_debian) {
		bo->origin_debian =
		    o->url_debian ? o->url_debian : VULNDB_URL_DEBIAN;
		r = fetch(d, bo->origin_debian, "debian", "tracker.json", err);
	}
	if (r == 0 && !o->no_secdb) {
		bo->origin_secdb =
		    o->url_secdb ? o->url_secdb : VULNDB_URL_SECDB;
		r = fetch_secdb(d, bo->origin_secdb, err);
	}
	if (r == 0 && !o->no_kev) {
		bo->origin_kev = o->url_kev ? o->url_kev : VULNDB_URL_KEV;
		r = fetch(d, bo->origin_kev, "kev",
		    "known_exploited_vulnerabilities.json", err);
	}
	return r;
}

/* Remove a tree this file created (a few levels deep), best effort. */
static void
rm_tree_at(int dfd, const char *name, int depth)
{
	struct dirent *e;
	DIR *d;
	int fd;

	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT || depth > 6)
		return;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			rm_tree_at(dirfd(d), e->d_name, depth + 1);
	closedir(d);
	(void)unlinkat(dfd, name, AT_REMOVEDIR); /* best effort */
}

/* Remove mirrors that interrupted updates left beside 'output'. */
static void
remove_stale(const char *dir, const char *prefix)
{
	time_t now = time(NULL);
	struct dirent *e;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
			0 &&
		    S_ISDIR(st.st_mode) && now - st.st_mtime >= STALE_SECONDS)
			rm_tree_at(dirfd(d), e->d_name, 0);
	closedir(d);
}

int
vulndb_update(struct arena *a, const struct vulndb_update_opts *o,
    struct vulndb_meta *out, struct ward_err *err)
{
	struct vulndb_build_opts bo = {.output = o->output, .note = o->note};
	struct dl d = {.a = a, .o = o};
	const char *slash = strrchr(o->output, '/');
	const char *dir = slash
	    ? arena_strndup(a, o->output,
		  slash == o->output ? 1 : (size_t)(slash - o->output))
	    : ".";
	char *tmp = arena_printf(a, "%s.update.XXXXXX", o->output);
	int r;

	if (o->no_osv && o->no_secdb && o->no_kev && o->no_debian)
		return err_set(err, EINVAL, "every source is left out");
	d.http.max = o->max_download ? o->max_download : VULNDB_DOWNLOAD_MAX;
	d.http.connect_timeout = o->connect_timeout ? o->connect_timeout : 30;
	d.http.low_speed_time = o->low_speed_time ? o->low_speed_time : 60;
	remove_stale(
	    dir, arena_printf(a, "%s.update.", slash ? slash + 1 : o->output));
	if (!mkdtemp(tmp))
		return err_set(
		    err, errno, "cannot create '%s': %s", tmp, strerror(errno));
	d.dir = tmp;
	bo.from = tmp;
	r = fetch_all(&d, &bo, err);
	if (r == 0)
		r = vulndb_build(a, &bo, out, err);
	rm_tree_at(AT_FDCWD, tmp, 0);
	return r;
}
