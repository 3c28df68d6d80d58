/*
 * The layer cache: one file per analysed layer, named by the layer's blob
 * digest, diff_id and the analyzer version, so a second image sharing a
 * base layer skips it. A file is a header line "WARDCACHE 1 <sha256>
 * <length>" and a JSON body; the header's digest covers the body, so a
 * truncated or edited entry is detected and the layer is analysed again,
 * never trusted. Entries are written to a temporary file and renamed into
 * place, so a reader never sees half of one. The cache directory is the
 * user's and only ward writes it, but its content is still parsed as
 * untrusted input.
 *
 * An entry written by a secret scan also holds the layer's secret
 * findings as the reports show them (redacted excerpt, fingerprint,
 * rule, place), never a secret, under the name of the rule set that
 * found them (image_opts.secrets_key); scan.c reuses them only for a
 * secret scan with the same rules.
 */

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/json.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/secret.h"

#define MAGIC "WARDCACHE 1 "

static void
put_opt(struct jsonw *w, const char *key, const char *v)
{
	if (v)
		jsonw_kv_str(w, key, v);
}

static void
put_os(struct jsonw *w, const struct os_info *os)
{
	jsonw_key(w, "os");
	jsonw_obj_begin(w);
	put_opt(w, "id", os->id);
	put_opt(w, "version_id", os->version_id);
	put_opt(w, "codename", os->version_codename);
	put_opt(w, "pretty", os->pretty_name);
	put_opt(w, "id_like", os->id_like);
	put_opt(w, "source", os->source);
	jsonw_obj_end(w);
}

static void
put_pkg(struct jsonw *w, const struct pkg *p)
{
	jsonw_obj_begin(w);
	jsonw_kv_int(w, "type", p->type);
	put_opt(w, "name", p->name);
	put_opt(w, "version", p->version);
	put_opt(w, "rpm_version", p->rpm_version);
	put_opt(w, "rpm_release", p->rpm_release);
	jsonw_kv_int(w, "epoch", p->epoch);
	put_opt(w, "arch", p->arch);
	put_opt(w, "src_name", p->src_name);
	put_opt(w, "src_version", p->src_version);
	put_opt(w, "src_rpm", p->src_rpm);
	put_opt(w, "license", p->license);
	put_opt(w, "maintainer", p->maintainer);
	put_opt(w, "vendor", p->vendor);
	jsonw_kv_uint(w, "size", p->installed_size);
	put_opt(w, "db_path", p->db_path);
	jsonw_obj_end(w);
}

static void
put_strs(struct jsonw *w, const char *key, const char *const *v, size_t n)
{
	jsonw_key(w, key);
	jsonw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		jsonw_str(w, v[i]);
	jsonw_arr_end(w);
}

static void
put_file(struct jsonw *w, const struct layer_file *f)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "path", f->path);
	jsonw_kv_int(w, "claim", f->claim);
	if (f->is_link)
		jsonw_kv_str(w, "link", f->link ? f->link : "");
	if (f->have_os)
		put_os(w, &f->os);
	jsonw_key(w, "pkgs");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < f->pkgs.n; i++)
		put_pkg(w, &f->pkgs.v[i]);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
}

bool
blob_fingerprint(const struct blob *b, struct blob_fp *out)
{
	struct stat st;

	if (fstat(b->fd, &st) < 0)
		return false;
	out->dev = st.st_dev;
	out->ino = st.st_ino;
	out->size = (uint64_t)st.st_size;
	out->off = b->off;
	out->mtime_ns =
	    (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	out->ctime_ns =
	    (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
	return true;
}

int
blob_verify(const struct blob *b, const char *digest, struct ward_err *err)
{
	enum { CHUNK = 1 << 20 };
	_cleanup_free_ char *buf = xmalloc(CHUNK);
	uint8_t d[SHA256_LEN];
	char got[72];
	struct sha256 h;

	sha256_init(&h);
	for (uint64_t off = 0; off < b->len;) {
		size_t n =
		    b->len - off < CHUNK ? (size_t)(b->len - off) : CHUNK;
		int r = blob_pread(b, buf, n, off, err);

		if (r < 0) {
			sha256_fini(&h);
			return r;
		}
		sha256_update(&h, buf, n);
		off += n;
	}
	sha256_final(&h, d);
	digest_format(d, got);
	if (strcmp(got, digest) != 0)
		return err_set(err, EBADMSG,
		    "blob digest mismatch: expected %s, got %s", digest, got);
	return 0;
}

static void
put_fp(struct jsonw *w, const struct blob_fp *fp)
{
	jsonw_key(w, "fp");
	jsonw_obj_begin(w);
	jsonw_kv_uint(w, "dev", fp->dev);
	jsonw_kv_uint(w, "ino", fp->ino);
	jsonw_kv_uint(w, "size", fp->size);
	jsonw_kv_uint(w, "off", fp->off);
	jsonw_kv_int(w, "mtime", fp->mtime_ns);
	jsonw_kv_int(w, "ctime", fp->ctime_ns);
	jsonw_obj_end(w);
}

static bool
load_fp(const struct json_object *o, struct blob_fp *fp)
{
	const struct json_object *f = json_get(o, "fp");

	if (!json_is_object(f))
		return false;
	if (!json_get_u64(f, "dev", UINT64_MAX, &fp->dev) ||
	    !json_get_u64(f, "ino", UINT64_MAX, &fp->ino) ||
	    !json_get_u64(f, "size", UINT64_MAX, &fp->size) ||
	    !json_get_u64(f, "off", UINT64_MAX, &fp->off))
		return false;
	fp->mtime_ns = json_object_get_int64(json_get(f, "mtime"));
	fp->ctime_ns = json_object_get_int64(json_get(f, "ctime"));
	return true;
}

/*
 * A layer's secret findings, under the name of the rules that found
 * them. Each holds what the report shows (rule, title, severity, place,
 * the redacted excerpt, the fingerprint), never the secret: the excerpt
 * is redacted by the engine before it reaches the layer result.
 */
static void
put_secrets(struct jsonw *w, const struct layer_result *r)
{
	jsonw_key(w, "secrets");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "rules", r->secrets_key);
	jsonw_kv_uint(w, "skipped_binary", r->secrets.skipped_binary);
	jsonw_kv_uint(w, "skipped_size", r->secrets.skipped_size);
	jsonw_key(w, "hits");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < r->secrets.n; i++) {
		const struct secret_hit *h = &r->secrets.v[i];

		jsonw_obj_begin(w);
		jsonw_kv_str(w, "path", h->path);
		jsonw_kv_str(w, "rule", h->f.rule_id);
		jsonw_kv_str(w, "title", h->f.title);
		jsonw_kv_int(w, "severity", h->f.severity);
		jsonw_kv_uint(w, "line", h->f.line);
		jsonw_kv_uint(w, "column", h->f.column);
		jsonw_kv_uint(w, "offset", h->f.offset);
		jsonw_kv_str(w, "excerpt", h->f.excerpt);
		jsonw_kv_str(w, "fingerprint", h->f.fingerprint);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	jsonw_obj_end(w);
}

static int
serialize(const struct layer_result *r, char **out, size_t *len)
{
	FILE *f = open_memstream(out, len);
	struct jsonw *w;

	if (!f)
		return -ENOMEM;
	w = jsonw_new(f, false);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "digest", r->digest);
	jsonw_kv_str(w, "diff_id", r->diff_id);
	jsonw_kv_uint(w, "entries", r->entries);
	jsonw_kv_uint(w, "bytes", r->bytes);
	if (r->have_fp)
		put_fp(w, &r->fp);
	jsonw_key(w, "files");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < r->nfiles; i++)
		put_file(w, &r->files[i]);
	jsonw_arr_end(w);
	put_strs(w, "whiteouts", r->whiteouts, r->nwhiteouts);
	put_strs(w, "opaques", r->opaques, r->nopaques);
	put_strs(w, "warnings", r->warnings.v, r->warnings.n);
	if (r->secrets_key)
		put_secrets(w, r);
	jsonw_obj_end(w);
	if (jsonw_free(w) < 0) {
		fclose(f);
		free(*out);
		return -EIO;
	}
	fclose(f);
	return 0;
}

static int
write_entry(int dirfd, const char *tmp, const char *body, size_t len)
{
	uint8_t d[SHA256_LEN];
	char hex[SHA256_HEX_LEN + 1], head[128];
	int fd, n;
	bool ok;

	sha256_buf(body, len, d);
	hex_encode(d, SHA256_LEN, hex);
	n = snprintf(head, sizeof(head), MAGIC "%s %zu\n", hex, len);
	if (n < 0 || (size_t)n >= sizeof(head))
		return -EINVAL;
	fd = openat(dirfd, tmp,
	    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	ok = write(fd, head, (size_t)n) == n &&
	    write(fd, body, len) == (ssize_t)len;
	if (close(fd) < 0)
		ok = false;
	return ok ? 0 : -EIO;
}

void
cache_store(
    const char *cache_dir, const char *key, const struct layer_result *res)
{
	_cleanup_close_ int dirfd =
	    open(cache_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	char tmp[256], name[256];
	char *body = NULL;
	size_t len = 0;

	if (dirfd < 0 || serialize(res, &body, &len) < 0)
		return;
	if (snprintf(name, sizeof(name), "%s.json", key) >= (int)sizeof(name) ||
	    snprintf(tmp, sizeof(tmp), ".%s.%d.tmp", key, (int)gettid()) >=
		(int)sizeof(tmp)) {
		free(body);
		return;
	}
	if (write_entry(dirfd, tmp, body, len) < 0 ||
	    renameat(dirfd, tmp, dirfd, name) < 0) {
		log_debug("layer cache: cannot store %s", name);
		(void)unlinkat(dirfd, tmp, 0); /* may not exist; harmless */
	}
	free(body);
}

/* Split and check the header; the body digest must match. */
static bool
verify(struct str text, struct str *body)
{
	struct str rest = text, line, hex, lenstr;
	uint8_t want[SHA256_LEN], got[SHA256_LEN];
	uint64_t len;

	if (!str_starts_with(text, STR(MAGIC)) || !str_cut(&rest, '\n', &line))
		return false;
	line = str_sub(line, sizeof(MAGIC) - 1, line.len);
	if (!str_cut(&line, ' ', &hex) || hex_decode(hex, want, SHA256_LEN) < 0)
		return false;
	lenstr = line;
	if (parse_u64(lenstr, CACHE_ENTRY_MAX, &len) < 0 || len != rest.len)
		return false;
	sha256_buf(rest.p, rest.len, got);
	if (memcmp(want, got, SHA256_LEN) != 0)
		return false;
	*body = rest;
	return true;
}

static const char *
get(struct arena *a, const struct json_object *o, const char *key)
{
	struct str s;

	return json_get_str(o, key, &s) ? arena_strz(a, s) : NULL;
}

static bool
load_pkg(struct arena *a, const struct json_object *o, struct pkg *p)
{
	int64_t type = json_object_get_int64(json_get(o, "type"));
	uint64_t size = 0;

	memset(p, 0, sizeof(*p));
	if (type < PKG_DEB || type > PKG_GO)
		return false;
	p->type = (enum pkg_type)type;
	p->name = get(a, o, "name");
	p->version = get(a, o, "version");
	if (!p->name || !p->version)
		return false;
	p->rpm_version = get(a, o, "rpm_version");
	p->rpm_release = get(a, o, "rpm_release");
	p->epoch = json_object_get_int64(json_get(o, "epoch"));
	p->arch = get(a, o, "arch");
	p->src_name = get(a, o, "src_name");
	p->src_version = get(a, o, "src_version");
	p->src_rpm = get(a, o, "src_rpm");
	p->license = get(a, o, "license");
	p->maintainer = get(a, o, "maintainer");
	p->vendor = get(a, o, "vendor");
	json_get_u64(o, "size", UINT64_MAX, &size);
	p->installed_size = size;
	p->db_path = get(a, o, "db_path");
	return true;
}

static bool
load_file(struct arena *a, const struct json_object *o, struct layer_file *f)
{
	const struct json_object *pk = json_get(o, "pkgs"), *os;
	int64_t claim = json_object_get_int64(json_get(o, "claim"));

	memset(f, 0, sizeof(*f));
	f->path = get(a, o, "path");
	if (!f->path || claim <= CLAIM_NONE || claim > CLAIM_GO_BINARY)
		return false;
	f->claim = (enum claim)claim;
	f->link = get(a, o, "link");
	f->is_link = f->link != NULL;
	if ((os = json_get(o, "os")) != NULL) {
		f->have_os = true;
		f->os.id = get(a, os, "id");
		f->os.version_id = get(a, os, "version_id");
		f->os.version_codename = get(a, os, "codename");
		f->os.pretty_name = get(a, os, "pretty");
		f->os.id_like = get(a, os, "id_like");
		f->os.source = get(a, os, "source");
	}
	f->pkgs.n = f->pkgs.cap = json_array_len(pk);
	f->pkgs.v =
	    arena_calloc(a, f->pkgs.n ? f->pkgs.n : 1, sizeof(*f->pkgs.v));
	for (size_t i = 0; i < f->pkgs.n; i++)
		if (!load_pkg(a, json_array_at(pk, i), &f->pkgs.v[i]))
			return false;
	return true;
}

static const char **
load_strs(struct arena *a, const struct json_object *arr, size_t *n)
{
	const char **v;

	*n = json_array_len(arr);
	v = arena_calloc(a, *n ? *n : 1, sizeof(*v));
	for (size_t i = 0; i < *n; i++) {
		struct str s;

		if (!json_str(json_array_at(arr, i), &s))
			return NULL;
		v[i] = arena_strz(a, s);
	}
	return v;
}

static bool
is_hex64(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') ||
			(s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == SHA256_HEX_LEN;
}

static bool
load_hit(struct arena *a, const struct json_object *o, struct secret_hit *h)
{
	int64_t sev = json_object_get_int64(json_get(o, "severity"));
	uint64_t line = 0, col = 0, off = 0;
	const char *fp = get(a, o, "fingerprint");

	memset(h, 0, sizeof(*h));
	h->removed_by = -1;
	h->path = get(a, o, "path");
	h->f.rule_id = get(a, o, "rule");
	h->f.title = get(a, o, "title");
	h->f.excerpt = (char *)get(a, o, "excerpt");
	if (!h->path || !h->f.rule_id || !*h->f.rule_id || !h->f.title ||
	    !h->f.excerpt || !fp || !is_hex64(fp) || sev < SECRET_LOW ||
	    sev > SECRET_CRITICAL ||
	    !json_get_u64(o, "line", UINT32_MAX, &line) ||
	    !json_get_u64(o, "column", UINT32_MAX, &col) ||
	    !json_get_u64(o, "offset", UINT64_MAX, &off))
		return false;
	h->f.severity = (enum secret_severity)sev;
	h->f.line = (uint32_t)line;
	h->f.column = (uint32_t)col;
	h->f.offset = off;
	memcpy(h->f.fingerprint, fp, SHA256_HEX_LEN + 1);
	return true;
}

/* No "secrets" member: the layer was not scanned for secrets (true). */
static bool
load_secrets(
    struct arena *a, const struct json_object *o, struct layer_result *r)
{
	const struct json_object *s = json_get(o, "secrets"), *hits;
	struct secret_hits *h = &r->secrets;

	if (!s)
		return true;
	hits = json_get(s, "hits");
	r->secrets_key = get(a, s, "rules");
	if (!json_is_object(s) || !r->secrets_key || !json_is_array(hits) ||
	    !json_get_u64(
		s, "skipped_binary", UINT64_MAX, &h->skipped_binary) ||
	    !json_get_u64(s, "skipped_size", UINT64_MAX, &h->skipped_size))
		return false;
	h->n = h->cap = json_array_len(hits);
	h->v = arena_calloc(a, h->n ? h->n : 1, sizeof(*h->v));
	for (size_t i = 0; i < h->n; i++)
		if (!load_hit(a, json_array_at(hits, i), &h->v[i]))
			return false;
	return true;
}

static bool
load_result(
    struct arena *a, const struct json_object *o, struct layer_result *r)
{
	const struct json_object *files = json_get(o, "files");
	struct str d, id;

	memset(r, 0, sizeof(*r));
	if (!json_get_str(o, "digest", &d) || d.len >= sizeof(r->digest) ||
	    !json_get_str(o, "diff_id", &id) || id.len >= sizeof(r->diff_id))
		return false;
	memcpy(r->digest, d.p, d.len);
	memcpy(r->diff_id, id.p, id.len);
	json_get_u64(o, "entries", UINT64_MAX, &r->entries);
	json_get_u64(o, "bytes", UINT64_MAX, &r->bytes);
	r->have_fp = load_fp(o, &r->fp);
	r->nfiles = r->capfiles = json_array_len(files);
	r->files =
	    arena_calloc(a, r->nfiles ? r->nfiles : 1, sizeof(*r->files));
	for (size_t i = 0; i < r->nfiles; i++)
		if (!load_file(a, json_array_at(files, i), &r->files[i]))
			return false;
	r->whiteouts = load_strs(a, json_get(o, "whiteouts"), &r->nwhiteouts);
	r->opaques = load_strs(a, json_get(o, "opaques"), &r->nopaques);
	r->warnings.v = load_strs(a, json_get(o, "warnings"), &r->warnings.n);
	r->capwhiteouts = r->nwhiteouts;
	r->capopaques = r->nopaques;
	r->warnings.cap = r->warnings.n;
	return r->whiteouts && r->opaques && r->warnings.v &&
	    load_secrets(a, o, r);
}

bool
cache_load(struct arena *a, const char *cache_dir, const char *key,
    struct layer_result *out)
{
	_cleanup_close_ int rootfd =
	    open(cache_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	struct json_object *o = NULL;
	struct ward_err err;
	struct str text, body;
	bool ok;

	if (rootfd < 0)
		return false;
	if (fs_read_in_root(a, rootfd, arena_printf(a, "%s.json", key),
		CACHE_ENTRY_MAX, &text, &err) < 0)
		return false;
	if (!verify(text, &body) || json_parse(body, &o, &err) < 0) {
		log_debug("layer cache: entry %s is damaged, rebuilding", key);
		return false;
	}
	ok = load_result(a, o, out);
	json_object_put(o);
	if (!ok)
		log_debug(
		    "layer cache: entry %s is not usable, rebuilding", key);
	return ok;
}
