/*
 * Maven version ordering, as maven-artifact's ComparableVersion in the
 * Maven that Debian ships (3.8.7). A version is parsed into items:
 * numbers, qualifiers, and nested lists that start at '-' and at each
 * change between letters and digits. Known qualifiers order as alpha <
 * beta < milestone < rc < snapshot < "" (release, ga, final) < sp, and
 * unknown ones come after them alphabetically; trailing zeros and
 * release qualifiers are dropped from each list. Maven accepts any string,
 * so the only errors are ward's own bounds (length, NUL). The nesting
 * only ever grows at the end of a list, so the tree is kept flat: one
 * array of items, each tagged with its list's depth.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/mem.h"
#include "ward/vercmp.h"

enum { IT_NUM, IT_STR };

enum { RANK_RELEASE = 5, RANK_UNKNOWN = 7 };

/* Versions this short need no heap. */
enum { SMALL = 48 };

struct item {
	uint8_t kind;
	uint8_t cls; /* numbers: 0 int, 1 long, 2 big (by digit count) */
	uint8_t rank; /* qualifiers: index in the known list, or 7 */
	bool null; /* 0 or a release qualifier: dropped at a list's end */
	uint32_t list;
	struct str text; /* digits without leading zeros, or the qualifier */
};

struct mvn {
	struct item *it;
	size_t n, cap;
	uint32_t cur; /* the list items go into */
	size_t cur_len; /* items in that list */
	uint32_t nlists; /* lists that survive normalisation */
	size_t *end; /* per list: one past its last kept item */
	size_t *start; /* per list: its first item */
	struct item small[SMALL];
	size_t small_ends[2][2 * SMALL];
};

static const char *const qualifiers[] = {
    "alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};

static void
push(struct mvn *m, struct item x)
{
	x.list = m->cur;
	m->it[m->n++] = x;
	m->cur_len++;
}

static void
down(struct mvn *m)
{
	m->cur++;
	m->cur_len = 0;
}

static struct item
num_item(struct str d)
{
	struct item x = {.kind = IT_NUM};
	size_t i = 0, len;

	while (i < d.len && d.p[i] == '0')
		i++;
	/* Maven keeps an all-zero string whole, so its length decides. */
	len = i == d.len ? d.len : d.len - i;
	x.cls = len <= 9 ? 0 : (len <= 18 ? 1 : 2);
	x.text = str_sub(d, i, d.len);
	x.null = i == d.len;
	return x;
}

static struct item
str_item(struct str s, bool followed_by_digit)
{
	struct item x = {.kind = IT_STR, .rank = RANK_UNKNOWN, .text = s};

	if (followed_by_digit && s.len == 1) {
		int c = c_lower((unsigned char)s.p[0]);

		if (c == 'a')
			x.text = STR("alpha");
		else if (c == 'b')
			x.text = STR("beta");
		else if (c == 'm')
			x.text = STR("milestone");
	}
	if (str_case_eq_lit(x.text, "ga") || str_case_eq_lit(x.text, "final") ||
	    str_case_eq_lit(x.text, "release"))
		x.text = STR("");
	else if (str_case_eq_lit(x.text, "cr"))
		x.text = STR("rc");
	for (uint8_t k = 0; k < sizeof(qualifiers) / sizeof(qualifiers[0]); k++)
		if (str_case_eq_lit(x.text, qualifiers[k]))
			x.rank = k;
	x.null = x.rank == RANK_RELEASE;
	return x;
}

static struct item
any_item(bool digit, struct str s)
{
	return digit ? num_item(s) : str_item(s, false);
}

/* Add the item that ends at a '.' or '-' at i. */
static void
end_item(struct mvn *m, struct str v, size_t start, size_t i, bool digit)
{
	if (i == start)
		push(m, num_item(STR("0")));
	else
		push(m, any_item(digit, str_sub(v, start, i - start)));
}

static void
tokenize(struct mvn *m, struct str v)
{
	size_t start = 0;
	bool digit = false;

	for (size_t i = 0; i < v.len; i++) {
		int c = (unsigned char)v.p[i];

		if (c == '.' || c == '-') {
			end_item(m, v, start, i, digit);
			start = i + 1;
			if (c == '-')
				down(m);
		} else if (c_digit(c)) {
			if (!digit && i > start) {
				if (m->cur_len)
					down(m);
				push(m,
				    str_item(
					str_sub(v, start, i - start), true));
				start = i;
				down(m);
			}
			digit = true;
		} else {
			if (digit && i > start) {
				push(m, num_item(str_sub(v, start, i - start)));
				start = i;
				down(m);
			}
			digit = false;
		}
	}
	if (v.len > start) {
		if (!digit && m->cur_len)
			down(m);
		push(m, any_item(digit, str_sub(v, start, v.len - start)));
	}
}

/* Drop trailing null items of every list and the empty lists at the end. */
static void
normalize(struct mvn *m)
{
	uint32_t lists = m->cur + 1;
	size_t k = 0;

	for (uint32_t l = 0; l < lists; l++) {
		m->start[l] = k;
		while (k < m->n && m->it[k].list == l)
			k++;
		m->end[l] = k;
		while (m->end[l] > m->start[l] && m->it[m->end[l] - 1].null)
			m->end[l]--;
	}
	m->nlists = 1;
	for (uint32_t l = lists; l-- > 1;) {
		if (m->end[l] > m->start[l]) {
			m->nlists = l + 1;
			break;
		}
	}
}

static void
mvn_init(struct mvn *m, struct str v)
{
	m->n = 0;
	m->cur = 0;
	m->cur_len = 0;
	/* Each byte adds at most one item and opens at most two lists. */
	m->cap = v.len + 2;
	if (m->cap <= SMALL) {
		m->it = m->small;
		m->start = m->small_ends[0];
		m->end = m->small_ends[1];
	} else {
		m->it = xcalloc(m->cap, sizeof(*m->it));
		m->start = xcalloc(2 * m->cap, sizeof(size_t));
		m->end = xcalloc(2 * m->cap, sizeof(size_t));
	}
	tokenize(m, v);
	normalize(m);
}

static void
mvn_fini(struct mvn *m)
{
	if (m->it != m->small) {
		free(m->it);
		free(m->start);
		free(m->end);
	}
}

static int
item_cmp(const struct item *a, const struct item *b)
{
	int r;

	if (a->kind != b->kind)
		return a->kind == IT_NUM ? 1 : -1;
	if (a->kind == IT_NUM) {
		if (a->cls != b->cls)
			return a->cls < b->cls ? -1 : 1;
		return numcmp(a->text, b->text);
	}
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	r = a->rank == RANK_UNKNOWN ? bytecasecmp(a->text, b->text) : 0;
	return r;
}

/* An item compared with nothing: 1.1 > 1, 1-rc < 1, 1-sp > 1. */
static int
item_vs_null(const struct item *a)
{
	if (a->kind == IT_NUM)
		return a->null ? 0 : 1;
	return a->rank < RANK_RELEASE ? -1 : (a->rank == RANK_RELEASE ? 0 : 1);
}

/* The lists from 'l' on, compared with nothing. */
static int
lists_vs_null(const struct mvn *m, uint32_t l)
{
	for (; l < m->nlists; l++)
		for (size_t k = m->start[l]; k < m->end[l]; k++) {
			int r = item_vs_null(&m->it[k]);

			if (r)
				return r;
		}
	return 0;
}

/*
 * Element k of list l: an item, the child list (returns 1), or nothing
 * (returns 0).
 */
static int
element(const struct mvn *m, uint32_t l, size_t k, const struct item **out)
{
	size_t own = m->end[l] - m->start[l];

	if (k < own) {
		*out = &m->it[m->start[l] + k];
		return 2;
	}
	return k == own && l + 1 < m->nlists ? 1 : 0;
}

static int
mvn_cmp(const struct mvn *a, const struct mvn *b)
{
	uint32_t la = 0, lb = 0;
	const struct item *x = NULL, *y = NULL;

	for (size_t k = 0;; k++) {
		int ea = element(a, la, k, &x), eb = element(b, lb, k, &y);

		if (ea == 0 && eb == 0)
			return 0;
		if (ea == 0 || eb == 0) {
			/* One list ended: the other's rest against nothing. */
			int r = ea == 0 ? (eb == 1 ? -lists_vs_null(b, lb + 1)
						   : -item_vs_null(y))
					: (ea == 1 ? lists_vs_null(a, la + 1)
						   : item_vs_null(x));

			if (r || ea == 1 || eb == 1)
				return r;
			continue;
		}
		if (ea == 1 && eb == 1) {
			la++, lb++;
			k = (size_t)-1; /* both continue in their child lists */
			continue;
		}
		if (ea == 1) /* a list against an item */
			return y->kind == IT_NUM ? -1 : 1;
		if (eb == 1)
			return x->kind == IT_NUM ? 1 : -1;
		int r = item_cmp(x, y);

		if (r)
			return r;
	}
}

int
vercmp_maven(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct mvn x, y;
	int r;

	if ((r = vc_common("maven", a, err)) < 0 ||
	    (r = vc_common("maven", b, err)) < 0)
		return r;
	mvn_init(&x, a);
	mvn_init(&y, b);
	*out = mvn_cmp(&x, &y);
	mvn_fini(&x);
	mvn_fini(&y);
	return 0;
}
