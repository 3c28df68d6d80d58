/*
 * The secret engine. Compiling: every rule's keywords (and the
 * "ward:ignore" marker) become one case-insensitive multi-literal
 * database (Vectorscan, compiled once per engine; without Vectorscan, a
 * first-byte table), and every expression and allowlist a JIT-compiled
 * PCRE2 program. Scanning: the data is prefiltered in steps of up to 1
 * MiB, in order; each keyword hit runs only its rule's expression, over a
 * bounded window around it (the rest of the line and the next, or
 * SECRET_BLOCK_FWD bytes for multi-line rules, grown while a match runs
 * into its edge up to SECRET_MATCH_MAX), and a rule's window never
 * rescans bytes it already covered, so the work is linear in the input.
 * Because a window never reaches further than SECRET_MATCH_MAX past the
 * step's end, nor further back than a few hundred bytes before it, a
 * stream (secret_stream_*) keeps only about a step and two windows of the
 * data in memory, whatever the file's size; a whole buffer (secret_scan)
 * is walked by the same steps without copying. PCRE2 runs with a match
 * limit, so a hostile line costs a bounded amount. The data is untrusted;
 * the rules are trusted to be well-formed but not to be fast, hence the
 * same limits.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <inttypes.h>
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

#ifdef __SSE2__
#include <emmintrin.h>
#endif
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
	pcre2_code *re_partial; /* the same, for partial matches */
	pcre2_code *file; /* a file rule's path expression (re is NULL) */
	struct relist paths, allow_paths, allow_values;
};

/* A keyword of rule 'rule', or the ignore marker (rule MARK_RULE). */
struct keyword {
	const char *s;
	size_t len;
	unsigned rule;
};

#define MARK "ward:ignore"
#define MARK_LEN (sizeof(MARK) - 1)
#define MARK_RULE UINT32_MAX

struct secret_engine {
	const struct secret_rules *rules;
	struct crule *r;
	size_t nr;
	struct relist allow_paths, allow_values;
	struct keyword *kw;
	size_t nkw;
	size_t maxkw; /* the longest keyword's length */
	pcre2_match_context *mc;
#if HAVE_VECTORSCAN
	hs_database_t *db;
#else
	uint32_t first[257]; /* kw[first[c]..first[c+1]) start with c */
#endif
};

/*
 * 'partial': the program serves PCRE2_PARTIAL_HARD matches with an
 * offset limit, which tell a window whether a match taking in its
 * keyword runs into its edge (JIT-compiled for that mode; the complete
 * matches use a separate program without the offset-limit code).
 */
static int
compile_re(
    const char *src, bool partial, pcre2_code **out, struct ward_err *err)
{
	PCRE2_SIZE off;
	int ec;
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
	    partial ? PCRE2_USE_OFFSET_LIMIT : 0, &ec, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[128];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		return err_set(err, EINVAL, "regex '%s' at %zu: %s", src,
		    (size_t)off, (char *)msg);
	}
	/* Without JIT (some platforms), the interpreter is used instead. */
	(void)pcre2_jit_compile(
	    re, partial ? PCRE2_JIT_PARTIAL_HARD : PCRE2_JIT_COMPLETE);
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
		if (compile_re(l->v[i], false, &out->v[i], err) < 0)
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
	if (rule->file) {
		if (compile_re(rule->file, false, &c->file, err) < 0)
			return err_wrap(err, "rule '%s'", rule->id);
	} else if (compile_re(rule->regex, false, &c->re, err) < 0 ||
	    compile_re(rule->regex, true, &c->re_partial, err) < 0)
		return err_wrap(err, "rule '%s'", rule->id);
	if (compile_list(&rule->paths, &c->paths, err) < 0 ||
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
	e->kw = xcalloc(n + 2, sizeof(*e->kw));
	for (size_t i = 0; i < e->nr; i++) {
		const struct secret_list *l = &e->r[i].rule->keywords;

		for (size_t j = 0; j < l->n; j++)
			e->kw[e->nkw++] = (struct keyword){
			    l->v[j], strlen(l->v[j]), (unsigned)i};
	}
	/* Lines holding the marker are found by the same pass. */
	e->kw[e->nkw++] = (struct keyword){MARK, MARK_LEN, MARK_RULE};
	for (size_t i = 0; i < e->nkw; i++)
		if (e->kw[i].len > e->maxkw)
			e->maxkw = e->kw[i].len;
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
		pcre2_code_free(e->r[i].re_partial);
		pcre2_code_free(e->r[i].file);
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

/*
 * Step geometry. A step prefilters up to 'step' bytes of keyword ends
 * (STEP_DEFAULT, or less in tests). A hit near the step's end may search
 * up to REACH bytes past it (its window grown to SECRET_MATCH_MAX, plus
 * the excerpt's context), so a step runs only once that much follows it.
 * The earliest finding a later step can make starts after its keyword's
 * back window, and the bytes BEHIND that are kept for look-behind and
 * excerpts; everything before can go.
 */
#define STEP_DEFAULT (1u << 20)
#define REACH (SECRET_MATCH_MAX + 64u)
#define BEHIND 256u

/* A finding made but not yet placed (line, column, overlap, ignore). */
struct pending {
	uint64_t off;
	size_t len;
	unsigned rule;
	char fingerprint[SHA256_HEX_LEN + 1];
};

/*
 * One scan's state. The data is seen through 'p': p[0] is the data's
 * byte 'base' and p[len - 1] its byte base + len - 1. Bytes before 'lo'
 * are no longer needed (a stream drops them); keyword ends up to
 * 'frontier' have been handled. The cursor ('pos', 'line', 'col', the
 * UTF-8 decoder state) counts lines and code points up to 'pos', and
 * places findings as it passes them.
 */
struct scan {
	const struct secret_engine *e;
	struct arena *a;
	const char *p;
	size_t len, step;
	uint64_t base, lo, frontier;
	bool probed, binary;
	bool active; /* false: path allowlisted, or binary data */
	bool *enabled; /* per rule, after path filtering */
	uint64_t *done; /* per rule: end of the bytes already searched */
	uint64_t *last; /* per rule: end of the last secret reported */
	pcre2_match_data *md;
	pcre2_match_context *mc_partial; /* with a per-call offset limit */
	size_t hs_from; /* where the prefilter's current range starts */
	struct pending *pend; /* in the heap */
	size_t npend, cappend, nadded;
	bool truncated;
	uint64_t *marks; /* "ward:ignore" offsets past the cursor */
	size_t nmarks, mhead, capmarks;
	uint64_t pos, line, line_start, col;
	unsigned u_need, u_pend; /* UTF-8: bytes to come, bytes seen */
	unsigned char u_lo, u_hi; /* the next byte's range */
	bool line_ignored; /* the cursor's line holds the marker */
	bool have_kept;
	uint64_t kept_end; /* end of the last placed finding */
	struct secret_finding *v; /* placed, in the arena */
	size_t n, cap;
	size_t line_first; /* v[line_first..n) are on the cursor's line */
	size_t nfile; /* file rules enabled[] still holds (files.c) */
	bool fhash; /* a stream hashes what it is fed, for file rules */
	struct sha256 fh;
};

static size_t
rel(const struct scan *s, uint64_t at)
{
	return at > s->base ? (size_t)(at - s->base) : 0;
}

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

/* A secret at p[off..off+len): fingerprint it now, place it later. */
static void
add_finding(struct scan *s, unsigned ri, size_t off, size_t len)
{
	struct pending *f;
	uint8_t digest[SHA256_LEN];

	if (s->nadded >= SECRET_FINDINGS_MAX) {
		s->truncated = true;
		return;
	}
	s->nadded++;
	if (s->npend == s->cappend) {
		s->cappend = s->cappend ? s->cappend * 2 : 16;
		s->pend = xreallocarray(s->pend, s->cappend, sizeof(*s->pend));
	}
	f = &s->pend[s->npend++];
	f->off = s->base + off;
	f->len = len;
	f->rule = ri;
	sha256_buf(s->p + off, len, digest);
	hex_encode(digest, SHA256_LEN, f->fingerprint);
}

/*
 * The end of a window 'fwd' bytes past a keyword ending at 'end': for a
 * single-line rule, no further than the end of the line after the hit's
 * (so that a value on the line after its key, as in XML or YAML blocks,
 * is still found). '*cut' says the window stops short of where a match
 * could go on: at its byte limit, not at a line end or the data's end.
 */
static size_t
window_end(
    const struct scan *s, bool multiline, size_t end, size_t fwd, bool *cut)
{
	size_t to = s->len - end > fwd ? end + fwd : s->len;
	const char *nl;

	*cut = to < s->len;
	if (multiline)
		return to;
	nl = memchr(s->p + end, '\n', to - end);
	if (nl)
		nl = memchr(nl + 1, '\n', (size_t)(s->p + to - nl - 1));
	if (nl) {
		*cut = false;
		return (size_t)(nl - s->p);
	}
	return to;
}

/*
 * Report rule 'ri''s secrets in matches that start in [off, to). With
 * 'edge', a match that reaches 'to' may be cut short by it: it is not
 * reported, and its start is returned; otherwise returns SIZE_MAX.
 */
static size_t
search(
    struct scan *s, unsigned ri, size_t from, size_t off, size_t to, bool edge)
{
	const struct crule *c = &s->e->r[ri];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	unsigned g = c->rule->group;

	while (off < to) {
		struct str secret;
		int rc = pcre2_match(
		    c->re, (PCRE2_SPTR)s->p, to, off, 0, s->md, s->e->mc);

		/* No match, or the match limit: either way, give up here. */
		if (rc < 0)
			break;
		if (edge && ov[1] == to)
			return ov[0];
		off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		if (rc <= (int)g || ov[2 * g] == PCRE2_UNSET ||
		    ov[2 * g + 1] <= ov[2 * g] || ov[2 * g] < from ||
		    s->base + ov[2 * g] < s->last[ri])
			continue;
		secret = str_make(s->p + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
		if (allowed(s, c, secret))
			continue;
		s->last[ri] = s->base + ov[2 * g + 1];
		add_finding(s, ri, ov[2 * g], secret.len);
	}
	return SIZE_MAX;
}

/*
 * Run rule 'ri' over the window from 'from' to past its keyword (which
 * ends at 'end'). A window that stops at its byte limit may cut a match
 * short: one that reaches the edge, or, found by a hard partial match
 * with an offset limit, one that needs bytes past it. If such a match
 * starts no later than the keyword, it is the keyword's: the window
 * doubles, up to SECRET_MATCH_MAX past the keyword, and the search
 * resumes where that match starts (the attempts before it ended short of
 * the edge, so more bytes cannot change them), so that a long token or
 * key is not cut short. If it starts later it belongs to a later keyword
 * of the rule (expressions hold their keywords): in the window's second
 * half, the window ends there, for that keyword's hit to take up; nearer,
 * it is left cut, so that a rule searches no byte more than twice.
 * Returns the window's final end.
 */
static size_t
run_rule(struct scan *s, unsigned ri, size_t from, size_t end)
{
	const struct crule *c = &s->e->r[ri];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	bool ml = c->rule->multiline, cut;
	size_t fwd = ml ? SECRET_BLOCK_FWD : SECRET_WINDOW_FWD;
	size_t off = from, to = window_end(s, ml, end, fwd, &cut), at;

	for (;;) {
		bool grow = cut && fwd < SECRET_MATCH_MAX;

		at = search(s, ri, from, off, to, grow);
		if (!grow)
			return to;
		if (at == SIZE_MAX) {
			pcre2_set_offset_limit(s->mc_partial, end);
			if (pcre2_match(c->re_partial, (PCRE2_SPTR)s->p, to,
				off, PCRE2_PARTIAL_HARD, s->md,
				s->mc_partial) != PCRE2_ERROR_PARTIAL)
				return to;
			at = ov[0];
		}
		if (at > end && at - end >= fwd / 2)
			return at;
		if (at > end) {
			/* Near the keyword: searched as it stands (so that
			 * no byte is searched more than twice by a rule). */
			(void)search(s, ri, from, at, to, false);
			return to;
		}
		if (at > off)
			off = at;
		fwd = fwd * 2 < SECRET_MATCH_MAX ? fwd * 2 : SECRET_MATCH_MAX;
		to = window_end(s, ml, end, fwd, &cut);
	}
}

/* A keyword of rule 'ri' ends at p[end]: search the window around it. */
static void
hit(struct scan *s, unsigned ri, size_t kwlen, size_t end)
{
	size_t done = rel(s, s->done[ri]), from, lim;

	if (!s->enabled[ri] || end <= done)
		return;
	from = end - kwlen;
	lim = from > SECRET_WINDOW_BACK ? from - SECRET_WINDOW_BACK : 0;
	if (lim < done)
		lim = done;
	if (!s->e->r[ri].rule->multiline)
		while (from > lim && s->p[from - 1] != '\n')
			from--;
	s->done[ri] = s->base + run_rule(s, ri, from, end);
}

/*
 * The marker starts at p[at]: remember it, once per line (a line of
 * markers costs one entry), for the cursor to find.
 */
static void
mark(struct scan *s, size_t at)
{
	uint64_t m = s->base + at;

	if (memcmp(s->p + at, MARK, MARK_LEN) != 0)
		return; /* the prefilter is caseless, the marker is not */
	if (s->nmarks > s->mhead) {
		uint64_t q = s->marks[s->nmarks - 1];

		if (q >= m || !memchr(s->p + rel(s, q), '\n', at - rel(s, q)))
			return;
	}
	if (s->nmarks == s->capmarks) {
		s->capmarks = s->capmarks ? s->capmarks * 2 : 16;
		s->marks =
		    xreallocarray(s->marks, s->capmarks, sizeof(*s->marks));
	}
	s->marks[s->nmarks++] = m;
}

/* Keyword 'k' ends at p[end]. Hits an earlier step saw are skipped. */
static void
on_keyword(struct scan *s, size_t k, size_t end)
{
	const struct keyword *kw = &s->e->kw[k];

	if (s->base + end <= s->frontier)
		return;
	if (kw->rule == MARK_RULE)
		mark(s, end - kw->len);
	else
		hit(s, kw->rule, kw->len, end);
}

#if HAVE_VECTORSCAN
static int
on_hs_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
	struct scan *s = ctx;

	(void)from, (void)flags;
	on_keyword(s, id, s->hs_from + (size_t)to);
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

/* Report the keywords that end in p(from..to]. */
static int
prefilter(struct scan *s, size_t from, size_t to, struct ward_err *err)
{
	hs_scratch_t *scratch;
	hs_error_t rc;

	(void)pthread_once(&scratch_once, make_scratch_key);
	scratch = pthread_getspecific(scratch_key);
	if (hs_alloc_scratch(s->e->db, &scratch) != HS_SUCCESS)
		return err_set(err, ENOMEM, "vectorscan: scratch");
	if (pthread_setspecific(scratch_key, scratch) != 0)
		die_oom();
	s->hs_from = from;
	rc = hs_scan(s->e->db, s->p + from, (unsigned)(to - from), 0, scratch,
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

/* Report the keywords that lie in p[from..to). */
static int
prefilter(struct scan *s, size_t from, size_t to, struct ward_err *err)
{
	const struct secret_engine *e = s->e;
	const char *p = s->p;

	(void)err;
	for (size_t i = from; i < to; i++) {
		unsigned c = (unsigned char)p[i];

		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		for (uint32_t k = e->first[c]; k < e->first[c + 1]; k++) {
			const struct keyword *kw = &e->kw[k];

			if (kw->len <= to - i &&
			    caseless_at(p + i, kw->s, kw->len))
				on_keyword(s, k, i + kw->len);
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

#ifdef __SSE2__
/*
 * Newlines in p[0..n), sixteen bytes at a time: each lane of 'acc' counts
 * the newlines in its column for at most 255 blocks (so it cannot
 * overflow), and _mm_sad_epu8 adds the lanes up.
 */
static size_t
count_newlines(const char *p, size_t n)
{
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	size_t k = 0, i = 0;

	while (n - i >= 16) {
		__m128i acc = zero, sum;

		for (unsigned j = 0; j < 255 && n - i >= 16; j++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));

			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
		}
		sum = _mm_sad_epu8(acc, zero);
		k += (size_t)_mm_cvtsi128_si64(sum) +
		    (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
	}
	for (; i < n; i++)
		k += p[i] == '\n';
	return k;
}
#else
static size_t
count_newlines(const char *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += p[i] == '\n';
	return k;
}
#endif

/*
 * Advance the column over p[0..n), in Unicode code points: a well-formed
 * UTF-8 sequence counts one, and so does each byte of an ill-formed one
 * (as Python's "surrogateescape" decoding would count them). A sequence
 * may straddle two calls; its bytes are counted when it completes or
 * breaks.
 */
static void
count_columns(struct scan *s, const unsigned char *p, size_t n)
{
	uint64_t col = s->col;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		uint64_t w;

		if (s->u_need > 0) {
			if (c >= s->u_lo && c <= s->u_hi) {
				i++, s->u_pend++;
				s->u_lo = 0x80, s->u_hi = 0xbf;
				if (--s->u_need == 0)
					col++, s->u_pend = 0;
				continue;
			}
			col += s->u_pend; /* ill-formed: a column per byte */
			s->u_need = 0, s->u_pend = 0;
			continue; /* and 'c' starts afresh */
		}
		i++;
		if (c < 0x80) {
			col++;
			/* Runs of ASCII, eight bytes at a time. */
			while (n - i >= 8 &&
			    (memcpy(&w, p + i, 8),
				!(w & 0x8080808080808080ull)))
				i += 8, col += 8;
			continue;
		}
		s->u_lo = 0x80, s->u_hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) {
			s->u_need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			s->u_need = 2;
			if (c == 0xe0)
				s->u_lo = 0xa0; /* not overlong */
			else if (c == 0xed)
				s->u_hi = 0x9f; /* not a surrogate */
		} else if (c >= 0xf0 && c <= 0xf4) {
			s->u_need = 3;
			if (c == 0xf0)
				s->u_lo = 0x90; /* not overlong */
			else if (c == 0xf4)
				s->u_hi = 0x8f; /* not past U+10FFFF */
		} else {
			col++; /* never valid in UTF-8 */
			continue;
		}
		s->u_pend = 1;
	}
	s->col = col;
}

/* The cursor leaves its line: drop the line's findings if it was marked. */
static void
end_line(struct scan *s)
{
	if (s->line_ignored)
		s->n = s->line_first;
	s->line_first = s->n;
	s->line_ignored = false;
}

/* Move the cursor to 'to', counting lines and columns, meeting markers. */
static void
walk(struct scan *s, uint64_t to)
{
	while (s->pos < to) {
		bool m = s->mhead < s->nmarks && s->marks[s->mhead] < to;
		uint64_t next = m ? s->marks[s->mhead] : to;
		const char *q, *e, *nl;
		size_t k;

		if (next < s->pos)
			next = s->pos;
		q = s->p + rel(s, s->pos);
		e = s->p + rel(s, next);
		k = count_newlines(q, (size_t)(e - q));
		if (k > 0) {
			nl = memrchr(q, '\n', (size_t)(e - q));
			end_line(s);
			s->line += k;
			s->line_start = s->base + (size_t)(nl + 1 - s->p);
			s->col = 0;
			s->u_need = 0, s->u_pend = 0;
			q = nl + 1;
		}
		count_columns(s, (const unsigned char *)q, (size_t)(e - q));
		s->pos = next;
		if (m) {
			s->line_ignored = true;
			s->mhead++;
		}
	}
	if (s->mhead == s->nmarks)
		s->mhead = s->nmarks = 0;
}

static int
by_offset(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	/* Longer secrets first, then rules in file order. */
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/*
 * The excerpt: up to 24 bytes of the line before the secret, the first
 * quarter of the secret (at most 4 bytes), "*****" and up to 8 bytes
 * after it, escaped. Never the whole secret.
 */
static char *
excerpt(struct scan *s, uint64_t at, size_t len)
{
	const char *p = s->p;
	size_t off = rel(s, at), ls = rel(s, s->line_start);
	size_t b = off - ls > 24 ? off - 24 : ls;
	size_t show = len / 4 < 4 ? len / 4 : 4, a = off + len, ae = a;
	char pre[128], mid[32], post[64];

	while (ae < s->len && ae - a < 8 && p[ae] != '\n')
		ae++;
	str_escape(pre, sizeof(pre), str_make(p + b, off - b));
	str_escape(mid, sizeof(mid), str_make(p + off, show));
	str_escape(post, sizeof(post), str_make(p + a, ae - a));
	return arena_printf(s->a, "%s%s*****%s", pre, mid, post);
}

static uint32_t
clamp32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/*
 * Place the pending findings that start before 'upto' (no later step can
 * make one that precedes them): in order, dropping those that overlap
 * one already placed, with their line, column and excerpt.
 */
static void
place(struct scan *s, uint64_t upto)
{
	size_t i;

	if (s->npend == 0)
		return;
	qsort(s->pend, s->npend, sizeof(*s->pend), by_offset);
	for (i = 0; i < s->npend && s->pend[i].off < upto; i++) {
		const struct pending *pf = &s->pend[i];
		const struct secret_rule *rule = s->e->r[pf->rule].rule;
		struct secret_finding *f;

		if (s->have_kept && pf->off < s->kept_end)
			continue;
		walk(s, pf->off);
		s->have_kept = true;
		s->kept_end = pf->off + pf->len;
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 16;

			s->v =
			    arena_realloc(s->a, s->v, s->n, cap, sizeof(*s->v));
			s->cap = cap;
		}
		f = &s->v[s->n++];
		memset(f, 0, sizeof(*f));
		f->rule_id = rule->id;
		f->title = rule->title;
		f->severity = rule->severity;
		f->offset = pf->off;
		f->line = clamp32(s->line);
		f->column = clamp32(s->col + s->u_pend + 1);
		f->excerpt = excerpt(s, pf->off, pf->len);
		memcpy(f->fingerprint, pf->fingerprint, sizeof(f->fingerprint));
	}
	memmove(s->pend, s->pend + i, (s->npend - i) * sizeof(*s->pend));
	s->npend -= i;
}

/*
 * File rules (a rule with "file"): the finding is the file itself, text
 * or binary, when its path matches and it starts with one of the rule's
 * magic values. They take no part in the keyword pass; the path is
 * checked when a scan starts, the magic at the binary probe (the first
 * step holds the start of the data), and the findings are made at the
 * end, when the whole file has been seen, for the fingerprint: the
 * SHA-256 of the whole file.
 */
static void
file_rules_path(struct scan *s, const char *path)
{
	const struct secret_engine *e = s->e;
	size_t plen = path ? strlen(path) : 0;

	for (size_t i = 0; i < e->nr; i++) {
		if (!e->r[i].file)
			continue;
		if (s->enabled[i] && path &&
		    pcre2_match(e->r[i].file, (PCRE2_SPTR)path, plen, 0, 0,
			s->md, e->mc) >= 0)
			s->nfile++;
		else
			s->enabled[i] = false;
	}
}

static bool
magic_at(const struct secret_rule *rule, const char *p, size_t len)
{
	if (rule->nmagic == 0)
		return true;
	for (size_t i = 0; i < rule->nmagic; i++)
		if (rule->magic[i].len <= len &&
		    memcmp(p, rule->magic[i].b, rule->magic[i].len) == 0)
			return true;
	return false;
}

static void
file_rules_magic(struct scan *s)
{
	const struct secret_engine *e = s->e;

	if (s->nfile == 0)
		return;
	for (size_t i = 0; i < e->nr; i++)
		if (e->r[i].file && s->enabled[i] &&
		    !magic_at(e->r[i].rule, s->p, s->len)) {
			s->enabled[i] = false;
			s->nfile--;
		}
	if (s->nfile == 0 && s->fhash) {
		sha256_fini(&s->fh);
		s->fhash = false;
	}
}

/*
 * Put the file rules' findings first (they are at offset 0): line 1,
 * column 1, an excerpt naming the kind of file and its size, never its
 * content. 'data' is the whole file, or empty for a stream (hashed as
 * it was fed); 'size' is the file's.
 */
static void
file_findings(struct scan *s, struct str data, uint64_t size)
{
	const struct secret_engine *e = s->e;
	uint8_t digest[SHA256_LEN];
	char fp[SHA256_HEX_LEN + 1], title[128];
	struct secret_finding *v;
	size_t k = 0;

	if (s->nfile == 0)
		return;
	if (s->fhash) {
		sha256_final(&s->fh, digest);
		s->fhash = false;
	} else {
		sha256_buf(data.p, data.len, digest);
	}
	hex_encode(digest, SHA256_LEN, fp);
	v = arena_realloc(s->a, NULL, 0, s->n + s->nfile, sizeof(*v));
	for (size_t i = 0; i < e->nr; i++) {
		const struct secret_rule *rule = e->r[i].rule;

		if (!e->r[i].file || !s->enabled[i])
			continue;
		memset(&v[k], 0, sizeof(v[k]));
		v[k].rule_id = rule->id;
		v[k].title = rule->title;
		v[k].severity = rule->severity;
		v[k].line = 1;
		v[k].column = 1;
		str_escape(title, sizeof(title), str_from(rule->title));
		v[k].excerpt = arena_printf(s->a,
		    "[%s: the whole file, %" PRIu64 " bytes]", title, size);
		memcpy(v[k].fingerprint, fp, sizeof(fp));
		k++;
	}
	if (s->n > 0)
		memcpy(v + k, s->v, s->n * sizeof(*v));
	s->v = v;
	s->n += k;
	s->cap = s->n;
}

/*
 * One step: probe for binary data (first step only), prefilter the
 * keyword ends in (frontier, limit], place the findings no later step can
 * precede, and move the cursor and 'lo' up behind them. With 'eof', the
 * data ends in the buffer and everything left is placed.
 */
static int
step(struct scan *s, bool eof, struct ward_err *err)
{
	uint64_t end = s->base + s->len, limit = end, early;
	int rc = 0;

	if (!eof)
		limit = s->frontier + s->step < end - REACH
		    ? s->frontier + s->step
		    : end - REACH;
	if (!s->probed) {
		size_t probe =
		    s->len < SECRET_BINARY_PROBE ? s->len : SECRET_BINARY_PROBE;

		s->probed = true;
		file_rules_magic(s);
		if (probe > 0 && memchr(s->p, '\0', probe)) {
			s->binary = true;
			s->active = false;
		}
	}
	if (s->active && limit > s->frontier) {
		size_t at = rel(s, s->frontier);

		/* Back by a keyword's length, for one that straddles. */
		rc = prefilter(s, at > s->e->maxkw ? at - s->e->maxkw : 0,
		    rel(s, limit), err);
	}
	s->frontier = limit;
	if (rc < 0)
		return rc;
	if (!s->active) {
		s->lo = limit;
		return 0;
	}
	if (eof) {
		place(s, UINT64_MAX);
		walk(s, end);
		end_line(s);
		return 0;
	}
	/* Later keywords end past 'limit', their windows start after this: */
	early = SECRET_WINDOW_BACK + s->e->maxkw;
	early = limit > early ? limit - early : 0;
	place(s, early);
	early = early > BEHIND ? early - BEHIND : 0;
	if (early > s->lo) {
		walk(s, early);
		s->lo = early;
	}
	return 0;
}

static void
scan_init(struct scan *s, const struct secret_engine *e, struct arena *a,
    const char *path)
{
	memset(s, 0, sizeof(*s));
	s->e = e;
	s->a = a;
	s->step = STEP_DEFAULT;
	s->line = 1;
	/* Per-rule state is on the heap: a layer scans many files into one
	 * arena, which should grow only by what is found. */
	s->enabled = xcalloc(e->nr + 1, sizeof(*s->enabled));
	s->done = xcalloc(e->nr + 1, sizeof(*s->done));
	s->last = xcalloc(e->nr + 1, sizeof(*s->last));
	s->md = pcre2_match_data_create(10, NULL);
	s->mc_partial = pcre2_match_context_copy(e->mc);
	s->active = filter_rules(s, path);
	file_rules_path(s, path);
}

static void
scan_fini(struct scan *s)
{
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mc_partial);
	free(s->enabled);
	free(s->done);
	free(s->last);
	free(s->pend);
	free(s->marks);
	sha256_fini(&s->fh);
}

static void
scan_result(const struct scan *s, struct secret_result *out)
{
	memset(out, 0, sizeof(*out));
	out->v = s->v;
	out->n = s->n;
	out->skipped_binary = s->binary;
	out->truncated = s->truncated;
}

int
secret_scan(const struct secret_engine *e, struct arena *a, struct str data,
    const char *path, struct secret_result *out, struct ward_err *err)
{
	struct scan s;
	int rc = 0;

	if (data.len > SECRET_FILE_MAX) {
		memset(out, 0, sizeof(*out));
		out->skipped_size = true;
		return 0;
	}
	scan_init(&s, e, a, path);
	s.p = data.p;
	s.len = data.len;
	/* The same steps as a stream's, over the caller's bytes. */
	while (rc == 0 && (!s.probed || s.active) &&
	    data.len - s.frontier >= (uint64_t)s.step + REACH)
		rc = step(&s, false, err);
	if (rc == 0)
		rc = step(&s, true, err);
	if (rc == 0) {
		file_findings(&s, data, data.len);
		scan_result(&s, out);
	}
	scan_fini(&s);
	return rc;
}

struct secret_stream {
	struct scan s;
	char *buf; /* s.p */
	size_t cap;
	uint64_t size, fed;
	bool skipped_size;
};

/*
 * The buffer holds at most a step, the REACH after it and the bytes
 * kept before its start; see step().
 */
static size_t
stream_cap(const struct secret_engine *e)
{
	return STEP_DEFAULT + REACH + SECRET_WINDOW_BACK + e->maxkw +
	    2 * BEHIND;
}

int
secret_stream_begin(const struct secret_engine *e, struct arena *a,
    const char *path, uint64_t size, struct secret_stream **out,
    struct ward_err *err)
{
	struct secret_stream *st = xcalloc(1, sizeof(*st));

	(void)err; /* nothing fails yet; the signature leaves room */
	scan_init(&st->s, e, a, path);
	/* A stream cannot look back: it hashes until the magic says no. */
	if (st->s.nfile > 0) {
		st->s.fhash = true;
		sha256_init(&st->s.fh);
	}
	st->size = size;
	if (size > SECRET_FILE_MAX) {
		st->skipped_size = true;
	} else {
		st->cap = stream_cap(e);
		st->buf = xmalloc(st->cap);
		st->s.p = st->buf;
	}
	*out = st;
	return 0;
}

void
secret_stream_set_step(struct secret_stream *st, size_t step)
{
	st->s.step = step < 1 ? 1 : step > STEP_DEFAULT ? STEP_DEFAULT : step;
}

/* Drop the bytes before 'lo'. */
static void
compact(struct secret_stream *st)
{
	struct scan *s = &st->s;
	size_t drop = rel(s, s->lo);

	memmove(st->buf, st->buf + drop, s->len - drop);
	s->len -= drop;
	s->base += drop;
}

int
secret_stream_feed(
    struct secret_stream *st, struct str data, struct ward_err *err)
{
	struct scan *s = &st->s;

	if (st->skipped_size)
		return 0;
	if (data.len > st->size - st->fed)
		return err_set(err, EFBIG,
		    "more than the declared %" PRIu64 " bytes", st->size);
	st->fed += data.len;
	if (s->fhash)
		sha256_update(&s->fh, data.p, data.len);
	while (data.len > 0) {
		size_t n;

		if (s->probed && !s->active)
			return 0; /* binary or allowlisted: nothing to see */
		if (s->len == st->cap)
			compact(st);
		n = st->cap - s->len < data.len ? st->cap - s->len : data.len;
		memcpy(st->buf + s->len, data.p, n);
		s->len += n;
		data.p += n;
		data.len -= n;
		while (s->base + s->len - s->frontier >=
		    (uint64_t)s->step + REACH) {
			int rc = step(s, false, err);

			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int
secret_stream_end(
    struct secret_stream *st, struct secret_result *out, struct ward_err *err)
{
	int rc = 0;

	if (st->skipped_size) {
		memset(out, 0, sizeof(*out));
		out->skipped_size = true;
	} else if ((rc = step(&st->s, true, err)) == 0) {
		file_findings(&st->s, (struct str){0}, st->fed);
		scan_result(&st->s, out);
	}
	secret_stream_free(st);
	return rc;
}

void
secret_stream_free(struct secret_stream *st)
{
	if (!st)
		return;
	scan_fini(&st->s);
	free(st->buf);
	free(st);
}

const char *
secret_severity_name(enum secret_severity s)
{
	static const char *names[] = {"low", "medium", "high", "critical"};

	return (unsigned)s < 4 ? names[s] : "unknown";
}
