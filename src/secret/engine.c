/*
 * The secret engine. Compiling: every rule's keywords become one
 * case-insensitive multi-literal database (Vectorscan, compiled once per
 * engine; without Vectorscan, a first-byte table), and every expression
 * and allowlist a JIT-compiled PCRE2 program. Scanning: one prefilter pass
 * over the buffer reports keyword hits in order; each hit runs only its
 * rule's expression, over a bounded window around it (the rest of the
 * line, or SECRET_BLOCK_FWD bytes for multi-line rules), and a rule's
 * window never rescans bytes it already covered, so the work is linear in
 * the input. PCRE2 runs with a match limit, so a hostile line costs a
 * bounded amount. The buffer is untrusted; the rules are trusted to be
 * well-formed but not to be fast, hence the same limits.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/hash.h"
#include "ward/limits.h"
#include "ward/mem.h"

#if HAVE_VECTORSCAN
#include <hs/hs.h>
#include <pthread.h>
#endif

struct relist {
	pcre2_code **v;
	size_t n;
};

struct crule {
	const struct secret_rule *rule;
	pcre2_code *re;
	struct relist paths, allow_paths, allow_values;
};

struct keyword {
	const char *s;
	size_t len;
	unsigned rule;
};

struct secret_engine {
	const struct secret_rules *rules;
	struct crule *r;
	size_t nr;
	struct relist allow_paths, allow_values;
	struct keyword *kw;
	size_t nkw;
	pcre2_match_context *mc;
#if HAVE_VECTORSCAN
	hs_database_t *db;
#else
	uint32_t first[257]; /* kw[first[c]..first[c+1]) start with c */
#endif
};

static int
compile_re(const char *src, pcre2_code **out, struct ward_err *err)
{
	PCRE2_SIZE off;
	int ec;
	pcre2_code *re;

	re = pcre2_compile(
	    (PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, 0, &ec, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[128];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		return err_set(err, EINVAL, "regex '%s' at %zu: %s", src,
		    (size_t)off, (char *)msg);
	}
	/* Without JIT (some platforms), the interpreter is used instead. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	*out = re;
	return 0;
}

static int
compile_list(
    const struct secret_list *l, struct relist *out, struct ward_err *err)
{
	out->v = xcalloc(l->n + 1, sizeof(*out->v));
	out->n = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (compile_re(l->v[i], &out->v[i], err) < 0)
			return -err->code;
		out->n++;
	}
	return 0;
}

static void
free_list(struct relist *l)
{
	for (size_t i = 0; i < l->n; i++)
		pcre2_code_free(l->v[i]);
	free(l->v);
}

static int
compile_rule(
    const struct secret_rule *rule, struct crule *c, struct ward_err *err)
{
	c->rule = rule;
	if (compile_re(rule->regex, &c->re, err) < 0 ||
	    compile_list(&rule->paths, &c->paths, err) < 0 ||
	    compile_list(&rule->allow_paths, &c->allow_paths, err) < 0 ||
	    compile_list(&rule->allow_values, &c->allow_values, err) < 0)
		return err_wrap(err, "rule '%s'", rule->id);
	return 0;
}

static void
collect_keywords(struct secret_engine *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->nr; i++)
		n += e->r[i].rule->keywords.n;
	e->kw = xcalloc(n + 1, sizeof(*e->kw));
	for (size_t i = 0; i < e->nr; i++) {
		const struct secret_list *l = &e->r[i].rule->keywords;

		for (size_t j = 0; j < l->n; j++)
			e->kw[e->nkw++] = (struct keyword){
			    l->v[j], strlen(l->v[j]), (unsigned)i};
	}
}

#if HAVE_VECTORSCAN
static int
build_prefilter(struct secret_engine *e, struct ward_err *err)
{
	const char **exprs = xcalloc(e->nkw + 1, sizeof(*exprs));
	unsigned *flags = xcalloc(e->nkw + 1, sizeof(*flags));
	unsigned *ids = xcalloc(e->nkw + 1, sizeof(*ids));
	size_t *lens = xcalloc(e->nkw + 1, sizeof(*lens));
	hs_compile_error_t *ce = NULL;
	hs_error_t rc;

	for (size_t i = 0; i < e->nkw; i++) {
		exprs[i] = e->kw[i].s;
		lens[i] = e->kw[i].len;
		flags[i] = HS_FLAG_CASELESS;
		ids[i] = (unsigned)i;
	}
	rc = hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)e->nkw,
	    HS_MODE_BLOCK, NULL, &e->db, &ce);
	free(exprs), free(flags), free(ids), free(lens);
	if (rc != HS_SUCCESS) {
		int r = err_set(err, EINVAL, "vectorscan: %s",
		    ce && ce->message ? ce->message : "compile failed");

		hs_free_compile_error(ce);
		return r;
	}
	return 0;
}
#else
static int
kw_cmp(const void *a, const void *b)
{
	const struct keyword *x = a, *y = b;

	return (int)(unsigned char)x->s[0] - (int)(unsigned char)y->s[0];
}

static int
build_prefilter(struct secret_engine *e, struct ward_err *err)
{
	size_t i = 0;

	/* Keywords are lower-case; sorting groups them by first byte. */
	qsort(e->kw, e->nkw, sizeof(*e->kw), kw_cmp);
	for (unsigned c = 0; c < 256; c++) {
		e->first[c] = (uint32_t)i;
		while (i < e->nkw && (unsigned char)e->kw[i].s[0] == c)
			i++;
	}
	e->first[256] = (uint32_t)i;
	return 0;
}
#endif

const char *
secret_engine_prefilter(void)
{
	return HAVE_VECTORSCAN ? "vectorscan" : "fallback";
}

int
secret_engine_new(const struct secret_rules *rules, struct secret_engine **out,
    struct ward_err *err)
{
	struct secret_engine *e = xcalloc(1, sizeof(*e));

	e->rules = rules;
	e->r = xcalloc(rules->n + 1, sizeof(*e->r));
	for (size_t i = 0; i < rules->n; i++, e->nr++)
		if (compile_rule(&rules->v[i], &e->r[i], err) < 0) {
			secret_engine_free(e);
			return -err->code;
		}
	if (compile_list(&rules->global.allow_paths, &e->allow_paths, err) <
		0 ||
	    compile_list(&rules->global.allow_values, &e->allow_values, err) <
		0) {
		secret_engine_free(e);
		return err_wrap(err, "allow");
	}
	e->mc = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(e->mc, SECRET_MATCH_LIMIT);
	pcre2_set_depth_limit(e->mc, SECRET_MATCH_LIMIT);
	collect_keywords(e);
	if (build_prefilter(e, err) < 0) {
		secret_engine_free(e);
		return -err->code;
	}
	*out = e;
	return 0;
}

void
secret_engine_free(struct secret_engine *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nr; i++) {
		pcre2_code_free(e->r[i].re);
		free_list(&e->r[i].paths);
		free_list(&e->r[i].allow_paths);
		free_list(&e->r[i].allow_values);
	}
	free(e->r);
	free_list(&e->allow_paths);
	free_list(&e->allow_values);
	free(e->kw);
	pcre2_match_context_free(e->mc);
#if HAVE_VECTORSCAN
	hs_free_database(e->db);
#endif
	free(e);
}

/* One scan's state: borrowed engine and buffer, findings in the arena. */
struct scan {
	const struct secret_engine *e;
	struct arena *a;
	struct str data;
	bool *enabled; /* per rule, after path filtering */
	size_t *done; /* per rule: bytes already searched */
	size_t *last; /* per rule: end of the last secret reported */
	pcre2_match_data *md;
	struct secret_finding *v;
	size_t n, cap;
	bool truncated;
};

static bool
re_any(const struct relist *l, const char *s, size_t len, pcre2_match_data *md,
    pcre2_match_context *mc)
{
	for (size_t i = 0; i < l->n; i++)
		if (pcre2_match(l->v[i], (PCRE2_SPTR)s, len, 0, 0, md, mc) >= 0)
			return true;
	return false;
}

static bool
has_stopword(const struct secret_list *l, struct str lower)
{
	for (size_t i = 0; i < l->n; i++)
		if (str_find(lower, str_from(l->v[i])) >= 0)
			return true;
	return false;
}

double
secret_entropy(struct str s)
{
	size_t count[256] = {0};
	double h = 0;

	for (size_t i = 0; i < s.len; i++)
		count[(unsigned char)s.p[i]]++;
	for (size_t c = 0; c < 256; c++) {
		double p;

		if (!count[c])
			continue;
		p = (double)count[c] / (double)s.len;
		h -= p * log2(p);
	}
	return h;
}

static bool
allowed(struct scan *s, const struct crule *c, struct str secret)
{
	const struct secret_engine *e = s->e;
	char *lower;
	bool hit;

	if (c->rule->entropy > 0 && secret_entropy(secret) < c->rule->entropy)
		return true;
	if (re_any(&c->allow_values, secret.p, secret.len, s->md, e->mc) ||
	    re_any(&e->allow_values, secret.p, secret.len, s->md, e->mc))
		return true;
	lower = xmalloc(secret.len);
	for (size_t i = 0; i < secret.len; i++) {
		char ch = secret.p[i];

		lower[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	hit = has_stopword(&c->rule->stopwords, str_make(lower, secret.len)) ||
	    has_stopword(
		&e->rules->global.stopwords, str_make(lower, secret.len));
	free(lower);
	return hit;
}

static void
add_finding(struct scan *s, unsigned ri, size_t off, size_t len)
{
	const struct secret_rule *rule = s->e->r[ri].rule;
	struct secret_finding *f;
	uint8_t digest[SHA256_LEN];

	if (s->n >= SECRET_FINDINGS_MAX) {
		s->truncated = true;
		return;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		s->v = arena_realloc(s->a, s->v, s->n, cap, sizeof(*s->v));
		s->cap = cap;
	}
	f = &s->v[s->n++];
	memset(f, 0, sizeof(*f));
	f->rule_id = rule->id;
	f->title = rule->title;
	f->severity = rule->severity;
	f->offset = off;
	/* The length rides in 'line' until finish() computes positions. */
	f->line = (uint32_t)len;
	f->column = ri; /* the rule's index, for ordering */
	sha256_buf(s->data.p + off, len, digest);
	hex_encode(digest, SHA256_LEN, f->fingerprint);
}

static void
run_rule(struct scan *s, unsigned ri, size_t from, size_t to)
{
	const struct crule *c = &s->e->r[ri];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	unsigned g = c->rule->group;
	size_t off = from;

	while (off < to) {
		struct str secret;
		int rc = pcre2_match(
		    c->re, (PCRE2_SPTR)s->data.p, to, off, 0, s->md, s->e->mc);

		/* No match, or the match limit: either way, give up here. */
		if (rc < 0)
			break;
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		if (rc <= (int)g || ov[2 * g] == PCRE2_UNSET ||
		    ov[2 * g + 1] <= ov[2 * g] || ov[2 * g] < s->last[ri])
			continue;
		secret =
		    str_make(s->data.p + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
		if (allowed(s, c, secret))
			continue;
		s->last[ri] = ov[2 * g + 1];
		add_finding(s, ri, ov[2 * g], secret.len);
	}
}

/* A keyword of rule 'ri' ends at 'end': search the window around it. */
static void
hit(struct scan *s, unsigned ri, size_t kwlen, size_t end)
{
	const char *p = s->data.p;
	size_t len = s->data.len, from, to, lim;

	if (!s->enabled[ri] || end <= s->done[ri])
		return;
	from = end - kwlen;
	lim = from > SECRET_WINDOW_BACK ? from - SECRET_WINDOW_BACK : 0;
	if (lim < s->done[ri])
		lim = s->done[ri];
	if (s->e->r[ri].rule->multiline) {
		to =
		    len - end > SECRET_BLOCK_FWD ? end + SECRET_BLOCK_FWD : len;
	} else {
		const char *nl;

		while (from > lim && p[from - 1] != '\n')
			from--;
		to = len - end > SECRET_WINDOW_FWD ? end + SECRET_WINDOW_FWD
						   : len;
		/*
		 * The hit's line and the next one, so that a value on the
		 * line after its key (XML, YAML blocks) is still found.
		 */
		nl = memchr(p + end, '\n', to - end);
		if (nl)
			nl = memchr(nl + 1, '\n', (size_t)(p + to - nl - 1));
		if (nl)
			to = (size_t)(nl - p);
	}
	run_rule(s, ri, from, to);
	s->done[ri] = to;
}

#if HAVE_VECTORSCAN
static int
on_hs_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
	struct scan *s = ctx;
	const struct keyword *k = &s->e->kw[id];

	(void)from, (void)flags;
	hit(s, k->rule, k->len, (size_t)to);
	return 0;
}

/*
 * Scratch space is per thread (the layer workers share one engine) and
 * grown for whichever database it meets; a thread-specific key frees it
 * when the thread ends.
 */
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void
free_scratch(void *p)
{
	hs_free_scratch(p);
}

static void
make_scratch_key(void)
{
	if (pthread_key_create(&scratch_key, free_scratch) != 0)
		die_oom();
}

static int
prefilter(struct scan *s, struct ward_err *err)
{
	hs_scratch_t *scratch;
	hs_error_t rc;

	(void)pthread_once(&scratch_once, make_scratch_key);
	scratch = pthread_getspecific(scratch_key);
	if (hs_alloc_scratch(s->e->db, &scratch) != HS_SUCCESS)
		return err_set(err, ENOMEM, "vectorscan: scratch");
	if (pthread_setspecific(scratch_key, scratch) != 0)
		die_oom();
	rc = hs_scan(s->e->db, s->data.p, (unsigned)s->data.len, 0, scratch,
	    on_hs_match, s);
	if (rc != HS_SUCCESS)
		return err_set(err, EIO, "vectorscan: scan failed (%d)", rc);
	return 0;
}
#else
static bool
caseless_at(const char *p, const char *kw, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)kw[i])
			return false;
	}
	return true;
}

static int
prefilter(struct scan *s, struct ward_err *err)
{
	const struct secret_engine *e = s->e;
	const char *p = s->data.p;
	size_t len = s->data.len;

	(void)err;
	for (size_t i = 0; i < len; i++) {
		unsigned c = (unsigned char)p[i];

		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		for (uint32_t k = e->first[c]; k < e->first[c + 1]; k++) {
			const struct keyword *kw = &e->kw[k];

			if (kw->len <= len - i &&
			    caseless_at(p + i, kw->s, kw->len))
				hit(s, kw->rule, kw->len, i + kw->len);
		}
	}
	return 0;
}
#endif

/* Which rules apply to 'path'; false when the whole file is allowed. */
static bool
filter_rules(struct scan *s, const char *path)
{
	const struct secret_engine *e = s->e;
	size_t plen = path ? strlen(path) : 0;

	if (path && re_any(&e->allow_paths, path, plen, s->md, e->mc))
		return false;
	for (size_t i = 0; i < e->nr; i++) {
		const struct crule *c = &e->r[i];

		s->enabled[i] = true;
		if (c->paths.n > 0)
			s->enabled[i] =
			    path && re_any(&c->paths, path, plen, s->md, e->mc);
		if (path && s->enabled[i] &&
		    re_any(&c->allow_paths, path, plen, s->md, e->mc))
			s->enabled[i] = false;
	}
	return true;
}

static int
by_offset(const void *a, const void *b)
{
	const struct secret_finding *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	/* Longer secrets first, then rules in file order. */
	if (x->line != y->line)
		return x->line > y->line ? -1 : 1;
	return x->column < y->column ? -1 : x->column > y->column;
}

/*
 * The excerpt: up to 24 bytes of the line before the secret, the first
 * quarter of the secret (at most 4 bytes), "*****" and up to 8 bytes
 * after it, escaped. Never the whole secret.
 */
static char *
excerpt(struct scan *s, size_t line_start, size_t off, size_t len)
{
	const char *p = s->data.p;
	size_t b = off - line_start > 24 ? off - 24 : line_start;
	size_t show = len / 4 < 4 ? len / 4 : 4, a = off + len, ae = a;
	char pre[128], mid[32], post[64];

	while (ae < s->data.len && ae - a < 8 && p[ae] != '\n')
		ae++;
	str_escape(pre, sizeof(pre), str_make(p + b, off - b));
	str_escape(mid, sizeof(mid), str_make(p + off, show));
	str_escape(post, sizeof(post), str_make(p + a, ae - a));
	return arena_printf(s->a, "%s%s*****%s", pre, mid, post);
}

static bool
ignored_line(struct str data, size_t start)
{
	const char *nl = memchr(data.p + start, '\n', data.len - start);
	size_t end = nl ? (size_t)(nl - data.p) : data.len;

	return str_find(str_make(data.p + start, end - start),
		   STR("ward:ignore")) >= 0;
}

/* Sort, drop overlapping findings, and fill in positions and excerpts. */
static void
finish(struct scan *s)
{
	size_t kept = 0, line = 1, line_start = 0, pos = 0, end = 0;

	if (s->n == 0)
		return; /* and s->v may be NULL, which qsort must not see */
	qsort(s->v, s->n, sizeof(*s->v), by_offset);
	for (size_t i = 0; i < s->n; i++) {
		struct secret_finding f = s->v[i];
		size_t len = f.line;

		if (kept > 0 && f.offset < end)
			continue;
		for (; pos < f.offset; pos++)
			if (s->data.p[pos] == '\n')
				line++, line_start = pos + 1;
		if (ignored_line(s->data, line_start))
			continue;
		end = f.offset + len;
		f.line = (uint32_t)(line > UINT32_MAX ? UINT32_MAX : line);
		f.column = (uint32_t)(f.offset - line_start + 1);
		f.excerpt = excerpt(s, line_start, f.offset, len);
		s->v[kept++] = f;
	}
	s->n = kept;
}

int
secret_scan(const struct secret_engine *e, struct arena *a, struct str data,
    const char *path, struct secret_result *out, struct ward_err *err)
{
	struct scan s = {.e = e, .a = a, .data = data};
	size_t probe =
	    data.len < SECRET_BINARY_PROBE ? data.len : SECRET_BINARY_PROBE;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (data.len > SECRET_FILE_MAX) {
		out->skipped_size = true;
		return 0;
	}
	if (probe > 0 && memchr(data.p, '\0', probe)) {
		out->skipped_binary = true;
		return 0;
	}
	/* Per-rule state is on the heap: a layer scans many files into one
	 * arena, which should grow only by what is found. */
	s.enabled = xcalloc(e->nr + 1, sizeof(*s.enabled));
	s.done = xcalloc(e->nr + 1, sizeof(*s.done));
	s.last = xcalloc(e->nr + 1, sizeof(*s.last));
	s.md = pcre2_match_data_create(10, NULL);
	if (filter_rules(&s, path) && data.len > 0)
		rc = prefilter(&s, err);
	pcre2_match_data_free(s.md);
	free(s.enabled);
	free(s.done);
	free(s.last);
	if (rc < 0)
		return rc;
	finish(&s);
	out->v = s.v;
	out->n = s.n;
	out->truncated = s.truncated;
	return 0;
}

const char *
secret_severity_name(enum secret_severity s)
{
	static const char *names[] = {"low", "medium", "high", "critical"};

	return (unsigned)s < 4 ? names[s] : "unknown";
}
