/*
 * PEP 440 version specifiers ("~=1.4.2, !=1.4.5, <2") matched as
 * python-packaging's SpecifierSet.contains does: a pre-release matches
 * only when some specifier of the set names a pre-release itself;
 * "==X.*" is a prefix match on the normalised version; "<V" excludes
 * pre-releases of V's own release and ">V" its post-releases and local
 * versions unless V is one; "===" compares normalised text. The set and
 * the version are untrusted; each specifier is parsed by the grammar
 * packaging uses and an invalid one is an error naming it.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vercmp_internal.h"
#include "pep440.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/mem.h"
#include "ward/vercmp.h"

enum op { OP_COMPAT, OP_EQ, OP_NE, OP_LE, OP_GE, OP_LT, OP_GT, OP_ARB };

struct spec {
	enum op op;
	struct str text; /* the version text as written */
	struct pep440 v;
};

static const struct {
	const char *s;
	enum op op;
} ops[] = {
    {"===", OP_ARB},
    {"~=", OP_COMPAT},
    {"==", OP_EQ},
    {"!=", OP_NE},
    {"<=", OP_LE},
    {">=", OP_GE},
    {"<", OP_LT},
    {">", OP_GT},
};

static void
put_num(struct buf *b, struct str n, int *r)
{
	size_t i = 0;

	while (i < n.len && n.p[i] == '0')
		i++;
	if (i == n.len)
		*r |= buf_putc(b, '0');
	else
		*r |= buf_append(b, n.p + i, n.len - i);
}

static void
put_release(struct buf *b, struct str rel, bool strip_zeros, int *r)
{
	struct str seg;
	size_t mark = b->len, keep = 0;
	bool more = true, first = true;

	while (more) {
		more = str_cut(&rel, '.', &seg);
		if (!first)
			*r |= buf_putc(b, '.');
		put_num(b, seg, r);
		/* Remember where the release would end without its zeros. */
		if (first || numcmp(seg, STR("0")) != 0)
			keep = b->len;
		first = false;
	}
	(void)mark;
	if (strip_zeros && *r == 0) {
		b->len = keep;
		b->p[keep] = '\0';
	}
}

int
pep440_format(
    const struct pep440 *v, bool strip_zeros, bool public_only, struct buf *b)
{
	static const char *const pre[] = {"a", "b", "rc"};
	int r = 0;

	if (numcmp(v->epoch, STR("0")) != 0) {
		put_num(b, v->epoch, &r);
		r |= buf_putc(b, '!');
	}
	put_release(b, v->release, strip_zeros, &r);
	if (v->pre != PRE_NONE) {
		r |= buf_puts(b, pre[v->pre]);
		put_num(b, v->pre_n, &r);
	}
	if (v->post) {
		r |= buf_puts(b, ".post");
		put_num(b, v->post_n, &r);
	}
	if (v->dev) {
		r |= buf_puts(b, ".dev");
		put_num(b, v->dev_n, &r);
	}
	if (!public_only && v->local.len) {
		struct str s = v->local, seg;
		bool more = true;

		r |= buf_putc(b, '+');
		while (more) {
			size_t i = 0;

			while (i < s.len && s.p[i] != '.' && s.p[i] != '-' &&
			    s.p[i] != '_')
				i++;
			seg = str_sub(s, 0, i);
			more = i < s.len;
			s = str_sub(s, i + 1, s.len);
			if (seg.len && strspn(seg.p, "0123456789") >= seg.len)
				put_num(b, seg, &r);
			else
				for (size_t k = 0; k < seg.len; k++)
					r |= buf_putc(
					    b, (char)c_lower(seg.p[k]));
			if (more)
				r |= buf_putc(b, '.');
		}
	}
	return r ? -EFBIG : 0;
}

static bool
is_pre(const struct pep440 *v)
{
	return v->pre != PRE_NONE || v->dev;
}

/* Whether the base versions (epoch and release) are equal. */
static bool
same_base(const struct pep440 *a, const struct pep440 *b)
{
	return numcmp(a->epoch, b->epoch) == 0 &&
	    pep440_release_cmp(a->release, b->release) == 0;
}

static bool
digits_only(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!c_digit(s.p[i]))
			return false;
	return s.len > 0;
}

/* "3a1", "3b2", "3rc0": a release number with a pre-release glued on. */
static size_t
glued_pre(struct str seg)
{
	size_t d = 0, l;

	while (d < seg.len && c_digit(seg.p[d]))
		d++;
	if (d == 0 || d == seg.len)
		return 0;
	l = seg.p[d] == 'r' && d + 1 < seg.len && seg.p[d + 1] == 'c' ? 2
	    : (seg.p[d] == 'a' || seg.p[d] == 'b' || seg.p[d] == 'c') ? 1
								      : 0;
	if (l == 0 || !digits_only(str_sub(seg, d + l, seg.len)))
		return 0;
	return d;
}

/* Split a canonical version as packaging's _version_split does. */
static size_t
vsplit(struct str rest, struct str *tok)
{
	struct str seg;
	size_t n = 0, d;
	bool more = true;

	while (more) {
		more = str_cut(&rest, '.', &seg);
		if ((d = glued_pre(seg)) > 0) {
			tok[n++] = str_sub(seg, 0, d);
			seg = str_sub(seg, d, seg.len);
		}
		tok[n++] = seg;
	}
	return n;
}

static size_t
release_len(const struct str *tok, size_t n)
{
	size_t k = 0;

	while (k < n && digits_only(tok[k]))
		k++;
	return k;
}

/*
 * "==spec.*": split both canonical forms into tokens, pad the version's
 * release with zeros to the spec's length and compare the first tokens.
 */
static bool
prefix_match(const struct pep440 *v, const struct pep440 *spec)
{
	struct buf bv, bs;
	struct str *tv, *ts;
	size_t nv, ns, rv, rs, k, pad;
	bool ok = true;

	buf_init(&bv, 4 * VERCMP_VERSION_MAX);
	buf_init(&bs, 4 * VERCMP_VERSION_MAX);
	if (pep440_format(v, true, true, &bv) < 0 ||
	    pep440_format(spec, false, true, &bs) < 0)
		ok = false;
	tv = xcalloc(bv.len + 2, sizeof(*tv));
	ts = xcalloc(bs.len + 2, sizeof(*ts));
	nv = vsplit(buf_str(&bv), tv);
	ns = vsplit(buf_str(&bs), ts);
	rv = release_len(tv, nv);
	rs = release_len(ts, ns);
	pad = rs > rv ? rs - rv : 0;
	for (k = 0; ok && k < ns; k++) {
		struct str x;

		if (k < rv)
			x = tv[k];
		else if (k < rv + pad)
			x = STR("0");
		else if (k - pad < nv)
			x = tv[k - pad];
		else {
			ok = false;
			break;
		}
		ok = str_eq(x, ts[k]);
	}
	free(tv);
	free(ts);
	buf_fini(&bv);
	buf_fini(&bs);
	return ok;
}

static bool
op_lt(const struct pep440 *v, const struct pep440 *s)
{
	if (pep440_cmp(v, s, false) >= 0)
		return false;
	return !(!is_pre(s) && is_pre(v) && same_base(v, s));
}

static bool
op_gt(const struct pep440 *v, const struct pep440 *s)
{
	if (pep440_cmp(v, s, false) <= 0)
		return false;
	if (!s->post && v->post && same_base(v, s))
		return false;
	return !(v->local.len && same_base(v, s));
}

static bool
arbitrary(const struct pep440 *v, struct str text)
{
	struct buf b;
	bool ok;

	buf_init(&b, 4 * VERCMP_VERSION_MAX);
	ok = pep440_format(v, false, false, &b) == 0 &&
	    bytecasecmp(buf_str(&b), text) == 0;
	buf_fini(&b);
	return ok;
}

static bool
spec_contains(const struct spec *sp, const struct pep440 *v)
{
	struct pep440 prefix;

	switch (sp->op) {
	case OP_EQ:
	case OP_NE:
		if (sp->v.wildcard)
			return prefix_match(v, &sp->v) == (sp->op == OP_EQ);
		return (pep440_cmp(v, &sp->v, sp->v.local.len == 0) == 0) ==
		    (sp->op == OP_EQ);
	case OP_COMPAT:
		prefix = sp->v;
		prefix.pre = PRE_NONE;
		prefix.post = prefix.dev = false;
		prefix.local = STR_NULL;
		/* Drop the last release number: ~=1.4.2 is >=1.4.2, ==1.4.* */
		while (prefix.release.len &&
		    prefix.release.p[prefix.release.len - 1] != '.')
			prefix.release.len--;
		prefix.release.len--;
		return pep440_cmp(v, &sp->v, true) >= 0 &&
		    prefix_match(v, &prefix);
	case OP_LE:
		return pep440_cmp(v, &sp->v, true) <= 0;
	case OP_GE:
		return pep440_cmp(v, &sp->v, true) >= 0;
	case OP_LT:
		return op_lt(v, &sp->v);
	case OP_GT:
		return op_gt(v, &sp->v);
	case OP_ARB:
		return arbitrary(v, sp->text);
	}
	return false;
}

/* Parse one specifier ("  >= 1.0 "); NULL or the rule broken. */
static const char *
spec_parse(struct str s, struct spec *out)
{
	size_t k, i = 0;
	int flags = 0;

	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		if (str_starts_with(s, str_from(ops[k].s)))
			break;
	if (k == sizeof(ops) / sizeof(ops[0]))
		return "does not start with an operator (~= == != <= >= < > "
		       "===)";
	out->op = ops[k].op;
	s = str_sub(s, strlen(ops[k].s), s.len);
	while (i < s.len && pep440_space(s.p[i]))
		i++;
	out->text = str_sub(s, i, s.len);
	while (out->text.len && pep440_space(out->text.p[out->text.len - 1]))
		out->text.len--;
	if (out->op == OP_ARB) {
		for (i = 0; i < out->text.len; i++)
			if (pep440_space(out->text.p[i]) ||
			    out->text.p[i] == ';' || out->text.p[i] == ')')
				return "has a space, ';' or ')' in an "
				       "arbitrary (===) version";
		/* packaging parses it anyway to ask about pre-releases. */
		return pep440_parse(out->text, PEP440_LOCAL, &out->v);
	}
	if (out->op == OP_EQ || out->op == OP_NE)
		flags = PEP440_LOCAL | PEP440_WILDCARD;
	if (pep440_parse(out->text, flags, &out->v) != NULL)
		return out->op == OP_EQ || out->op == OP_NE
		    ? "has an invalid version"
		    : "has an invalid version (no local part or wildcard "
		      "allowed with this operator)";
	if (out->op == OP_COMPAT && out->v.nrelease < 2)
		return "needs at least two release numbers after ~=";
	if (out->v.wildcard &&
	    (out->v.pre != PRE_NONE || out->v.post || out->v.dev ||
		out->v.local.len))
		return "mixes a wildcard with a pre, post, dev or local part";
	return NULL;
}

static bool
allows_pre(const struct spec *sp)
{
	if (sp->op == OP_NE || sp->op == OP_LT || sp->op == OP_GT)
		return false;
	return is_pre(&sp->v);
}

static int
parse_set(struct str set, struct spec **out, size_t *n, struct ward_err *err)
{
	struct str item;
	bool more = true;
	size_t cap = 1;

	for (size_t i = 0; i < set.len; i++)
		cap += set.p[i] == ',';
	*out = xcalloc(cap, sizeof(**out));
	*n = 0;
	while (more) {
		const char *why;

		more = str_cut(&set, ',', &item);
		while (item.len && pep440_space(item.p[0]))
			item = str_sub(item, 1, item.len);
		while (item.len && pep440_space(item.p[item.len - 1]))
			item.len--;
		if (item.len == 0)
			continue;
		if ((why = spec_parse(item, &(*out)[*n])) != NULL) {
			char shown[96];

			str_escape(shown, sizeof(shown), item);
			return err_set(
			    err, EINVAL, "pypi: specifier '%s' %s", shown, why);
		}
		(*n)++;
	}
	return 0;
}

int
vercmp_pep440_satisfies(
    struct str version, struct str set, bool *out, struct ward_err *err)
{
	struct pep440 v;
	struct spec *specs = NULL;
	size_t n = 0;
	bool pre = false, ok = true;
	int r;

	if ((r = pep440_parse_err(version, &v, err)) < 0)
		return r;
	if (set.len > VERCMP_RANGE_MAX)
		return err_set(err, EINVAL,
		    "pypi: specifier set is longer than %d bytes",
		    VERCMP_RANGE_MAX);
	if ((r = parse_set(set, &specs, &n, err)) < 0) {
		free(specs);
		return r;
	}
	for (size_t i = 0; i < n; i++)
		pre |= allows_pre(&specs[i]);
	if (!pre && is_pre(&v))
		ok = false;
	for (size_t i = 0; ok && i < n; i++)
		ok = spec_contains(&specs[i], &v);
	free(specs);
	*out = ok;
	return 0;
}
