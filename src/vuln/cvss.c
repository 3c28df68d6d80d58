/*
 * CVSS vectors, parsed and scored by ward itself. A vector comes from a
 * vulnerability feed, so it is untrusted: it is checked against its
 * version's grammar (prefix, every base metric exactly once, no unknown
 * or repeated metric, the specification's values, and the fixed order
 * that v2.0 and v4.0 demand), and anything quoted back in an error is
 * escaped. The scores follow the FIRST specifications: v2.0 and v3.x by
 * their base equations (v3.0 and v3.1 differ only in Roundup), v4.0 by
 * the MacroVector lookup table and the severity-distance interpolation
 * of FIRST's reference calculator, step for step in IEEE doubles, so a
 * vector whose raw score lands on a rounding edge gets the calculator's
 * answer too. Nothing here allocates; no libm call is needed.
 */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ward/cvss.h"
#include "ward/err.h"

/*
 * The scores must come out of the same sequence of roundings as the
 * reference implementations, which never fuse a multiply and an add.
 * GCC contracts a*b+c into an FMA by default on targets that have one.
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#define METRICS_MAX 32 /* v4.0 has the most: 11 + 1 + 14 + 6 */
#define QUOTE_MAX 24 /* bytes of input quoted in a message */

/* One metric of a version's grammar. */
struct metric {
	const char *name;
	const char *const *values; /* the specification's, NULL-terminated */
	bool mandatory;
};

struct grammar {
	enum cvss_version version;
	const char *prefix; /* the version after "CVSS:", or NULL (v2.0) */
	const char *label; /* for messages */
	const struct metric *metrics;
	size_t n;
	bool ordered; /* the specification allows only its own order */
};

/* A checked vector: the canonical value of each metric, NULL if absent. */
struct parsed {
	const struct grammar *g;
	const char *val[METRICS_MAX];
};

/* clang-format off */
#define VALUES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define BASE(n, ...) {n, VALUES(__VA_ARGS__), true}
#define OPT(n, ...) {n, VALUES(__VA_ARGS__), false}
/* clang-format on */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* CVSS v2.0 guide, Table 13; the order is fixed (section 2.4). */
enum { V2_AV, V2_AC, V2_AU, V2_C, V2_I, V2_A };
static const struct metric v2_metrics[] = {
    BASE("AV", "L", "A", "N"),
    BASE("AC", "H", "M", "L"),
    BASE("Au", "M", "S", "N"),
    BASE("C", "N", "P", "C"),
    BASE("I", "N", "P", "C"),
    BASE("A", "N", "P", "C"),
    OPT("E", "U", "POC", "F", "H", "ND"),
    OPT("RL", "OF", "TF", "W", "U", "ND"),
    OPT("RC", "UC", "UR", "C", "ND"),
    OPT("CDP", "N", "L", "LM", "MH", "H", "ND"),
    OPT("TD", "N", "L", "M", "H", "ND"),
    OPT("CR", "L", "M", "H", "ND"),
    OPT("IR", "L", "M", "H", "ND"),
    OPT("AR", "L", "M", "H", "ND"),
};

/* CVSS v3.0 and v3.1 specifications, Table 15 (the same for both). */
enum { V3_AV, V3_AC, V3_PR, V3_UI, V3_S, V3_C, V3_I, V3_A };
static const struct metric v3_metrics[] = {
    BASE("AV", "N", "A", "L", "P"),
    BASE("AC", "L", "H"),
    BASE("PR", "N", "L", "H"),
    BASE("UI", "N", "R"),
    BASE("S", "U", "C"),
    BASE("C", "H", "L", "N"),
    BASE("I", "H", "L", "N"),
    BASE("A", "H", "L", "N"),
    OPT("E", "X", "H", "F", "P", "U"),
    OPT("RL", "X", "U", "W", "T", "O"),
    OPT("RC", "X", "C", "R", "U"),
    OPT("CR", "X", "H", "M", "L"),
    OPT("IR", "X", "H", "M", "L"),
    OPT("AR", "X", "H", "M", "L"),
    OPT("MAV", "X", "N", "A", "L", "P"),
    OPT("MAC", "X", "L", "H"),
    OPT("MPR", "X", "N", "L", "H"),
    OPT("MUI", "X", "N", "R"),
    OPT("MS", "X", "U", "C"),
    OPT("MC", "X", "N", "L", "H"),
    OPT("MI", "X", "N", "L", "H"),
    OPT("MA", "X", "N", "L", "H"),
};

/*
 * CVSS v4.0 specification, Table 23, in the order FIRST's calculator and
 * JSON schema enforce (base, threat, environmental, supplemental).
 */
enum {
	V4_AV,
	V4_AC,
	V4_AT,
	V4_PR,
	V4_UI,
	V4_VC,
	V4_VI,
	V4_VA,
	V4_SC,
	V4_SI,
	V4_SA,
	V4_E,
	V4_CR,
	V4_IR,
	V4_AR,
	V4_MAV,
	V4_MAC,
	V4_MAT,
	V4_MPR,
	V4_MUI,
	V4_MVC,
	V4_MVI,
	V4_MVA,
	V4_MSC,
	V4_MSI,
	V4_MSA,
	V4_S
};
static const struct metric v4_metrics[] = {
    BASE("AV", "N", "A", "L", "P"),
    BASE("AC", "L", "H"),
    BASE("AT", "N", "P"),
    BASE("PR", "N", "L", "H"),
    BASE("UI", "N", "P", "A"),
    BASE("VC", "H", "L", "N"),
    BASE("VI", "H", "L", "N"),
    BASE("VA", "H", "L", "N"),
    BASE("SC", "H", "L", "N"),
    BASE("SI", "H", "L", "N"),
    BASE("SA", "H", "L", "N"),
    OPT("E", "X", "A", "P", "U"),
    OPT("CR", "X", "H", "M", "L"),
    OPT("IR", "X", "H", "M", "L"),
    OPT("AR", "X", "H", "M", "L"),
    OPT("MAV", "X", "N", "A", "L", "P"),
    OPT("MAC", "X", "L", "H"),
    OPT("MAT", "X", "N", "P"),
    OPT("MPR", "X", "N", "L", "H"),
    OPT("MUI", "X", "N", "P", "A"),
    OPT("MVC", "X", "H", "L", "N"),
    OPT("MVI", "X", "H", "L", "N"),
    OPT("MVA", "X", "H", "L", "N"),
    OPT("MSC", "X", "H", "L", "N"),
    OPT("MSI", "X", "S", "H", "L", "N"),
    OPT("MSA", "X", "S", "H", "L", "N"),
    OPT("S", "X", "N", "P"),
    OPT("AU", "X", "N", "Y"),
    OPT("R", "X", "A", "U", "I"),
    OPT("V", "X", "D", "C"),
    OPT("RE", "X", "L", "M", "H"),
    OPT("U", "X", "Clear", "Green", "Amber", "Red"),
};

static const struct grammar grammars[] = {
    {CVSS_V20, NULL, "CVSS v2.0", v2_metrics, COUNT(v2_metrics), true},
    {CVSS_V30, "3.0", "CVSS v3.0", v3_metrics, COUNT(v3_metrics), false},
    {CVSS_V31, "3.1", "CVSS v3.1", v3_metrics, COUNT(v3_metrics), false},
    {CVSS_V40, "4.0", "CVSS v4.0", v4_metrics, COUNT(v4_metrics), true},
};

_Static_assert(COUNT(v4_metrics) <= METRICS_MAX, "METRICS_MAX too small");

/* Parsing */

/* 'd.d' and the like: a version number, known or not. */
static bool
is_version(struct str s)
{
	ssize_t dot = str_find_char(s, '.');

	if (dot <= 0 || (size_t)dot + 1 >= s.len)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if ((s.p[i] < '0' || s.p[i] > '9') && i != (size_t)dot)
			return false;
	return true;
}

/* Find the grammar from the prefix; 'body' gets the metrics after it. */
static int
find_grammar(struct str v, const struct grammar **g, struct str *body,
    struct ward_err *err)
{
	char q[QUOTE_MAX] = ""; /* str_escape() reads past what it wrote */
	struct str rest, ver;

	if (!str_starts_with(v, STR("CVSS:"))) {
		if (v.len >= 5 && str_case_eq(str_sub(v, 0, 5), STR("CVSS:")))
			return err_set(err, EINVAL,
			    "CVSS prefix must be 'CVSS:' in capitals");
		*g = &grammars[0]; /* v2.0 vectors have no prefix */
		*body = v;
		return 0;
	}
	rest = str_sub(v, 5, v.len);
	if (!str_cut(&rest, '/', &ver))
		return err_set(err, EINVAL, "CVSS vector '%s' has no metrics",
		    str_escape(q, sizeof(q), v));
	for (size_t i = 1; i < COUNT(grammars); i++) {
		if (str_eq_cstr(ver, grammars[i].prefix)) {
			*g = &grammars[i];
			*body = rest;
			return 0;
		}
	}
	str_escape(q, sizeof(q), ver);
	if (is_version(ver))
		return err_set(
		    err, ENOTSUP, "CVSS version '%s' not supported", q);
	return err_set(err, EINVAL, "malformed CVSS version '%s'", q);
}

static const char *
match_value(const struct metric *m, struct str value)
{
	for (const char *const *v = m->values; *v; v++)
		if (str_eq_cstr(value, *v))
			return *v;
	return NULL;
}

/* One "NAME:VALUE" component; '*next' is where the order allows to go on. */
static int
component(struct parsed *p, struct str comp, size_t *next, struct ward_err *err)
{
	const struct grammar *g = p->g;
	char q[QUOTE_MAX] = "", qv[QUOTE_MAX] = ""; /* as in find_grammar() */
	struct str name;
	size_t i;

	if (comp.len == 0)
		return err_set(err, EINVAL,
		    "%s vector has an empty metric (a '/' too many)", g->label);
	if (!str_cut(&comp, ':', &name))
		return err_set(err, EINVAL,
		    "%s vector: '%s' is not METRIC:VALUE", g->label,
		    str_escape(q, sizeof(q), name));
	for (i = 0; i < g->n; i++)
		if (str_eq_cstr(name, g->metrics[i].name))
			break;
	str_escape(q, sizeof(q), name);
	if (i == g->n)
		return err_set(
		    err, EINVAL, "%s vector: unknown metric '%s'", g->label, q);
	if (p->val[i])
		return err_set(err, EINVAL,
		    "%s vector: metric '%s' given twice", g->label, q);
	if (g->ordered && i < *next)
		return err_set(err, EINVAL,
		    "%s vector: metric '%s' out of the specification's order",
		    g->label, q);
	p->val[i] = match_value(&g->metrics[i], comp);
	if (!p->val[i])
		return err_set(err, EINVAL,
		    "%s vector: invalid value '%s' for metric '%s'", g->label,
		    str_escape(qv, sizeof(qv), comp), q);
	*next = i + 1;
	return 0;
}

static int
parse(struct str vector, struct parsed *p, struct ward_err *err)
{
	struct str body, comp;
	size_t next = 0;
	bool more;
	int r;

	memset(p, 0, sizeof(*p));
	if (vector.len == 0)
		return err_set(err, EINVAL, "empty CVSS vector");
	if (vector.len > CVSS_VECTOR_MAX)
		return err_set(err, EINVAL,
		    "CVSS vector of %zu bytes is longer than any valid one",
		    vector.len);
	r = find_grammar(vector, &p->g, &body, err);
	if (r < 0)
		return r;
	do {
		more = str_cut(&body, '/', &comp);
		r = component(p, comp, &next, err);
		if (r < 0)
			return r;
	} while (more);
	for (size_t i = 0; i < p->g->n; i++)
		if (p->g->metrics[i].mandatory && !p->val[i])
			return err_set(err, EINVAL,
			    "%s vector: missing base metric '%s'", p->g->label,
			    p->g->metrics[i].name);
	return 0;
}

/* Arithmetic */

/* Math.round() of a non-negative double: nearest integer, halves up. */
static long
round_half_up(double x)
{
	long i = (long)x;

	return i + (x - (double)i >= 0.5);
}

/* The weight of a value: the one at the position of its letter. */
static double
weight(const char *value, const char *letters, const double *weights)
{
	const char *at = value[0] ? strchr(letters, value[0]) : NULL;

	return at ? weights[at - letters] : 0.0;
}

int
cvss_roundup10(enum cvss_version version, double x)
{
	double t;
	long i;

	if (!(x > 0.0))
		return 0;
	if (version == CVSS_V31) {
		/* Appendix A: to 1/100000 first, then only integers. */
		i = round_half_up(x * 100000.0);
		return (int)(i % 10000 == 0 ? i / 10000 : i / 10000 + 1);
	}
	t = x * 10.0; /* v3.0: Math.ceil(d * 10) / 10 */
	i = (long)t;
	return (int)(i + ((double)i < t));
}

const char *
cvss_severity(enum cvss_version version, int score10)
{
	if (version == CVSS_V20)
		return score10 < 40 ? "LOW" : score10 < 70 ? "MEDIUM" : "HIGH";
	if (score10 <= 0)
		return "NONE";
	if (score10 < 40)
		return "LOW";
	if (score10 < 70)
		return "MEDIUM";
	return score10 < 90 ? "HIGH" : "CRITICAL";
}

/* v2.0 and v3.x */

/* CVSS v2.0 guide, section 3.2.1, with its round_to_1_decimal. */
static int
score_v2(const struct parsed *p)
{
	static const double cia[] = {0.0, 0.275, 0.660};
	const char *const *v = p->val;
	double impact, expl, f;

	impact = 10.41 *
	    (1 -
		(1 - weight(v[V2_C], "NPC", cia)) *
		    (1 - weight(v[V2_I], "NPC", cia)) *
		    (1 - weight(v[V2_A], "NPC", cia)));
	expl = 20 *
	    weight(v[V2_AV], "LAN", (const double[]){0.395, 0.646, 1.0}) *
	    weight(v[V2_AC], "HML", (const double[]){0.35, 0.61, 0.71}) *
	    weight(v[V2_AU], "MSN", (const double[]){0.45, 0.56, 0.704});
	f = impact == 0 ? 0 : 1.176;
	return (int)round_half_up((0.6 * impact + 0.4 * expl - 1.5) * f * 10);
}

/* x^15 by squaring: pow() would need libm for one constant exponent. */
static double
pow15(double x)
{
	double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;

	return x8 * x4 * x2 * x;
}

/* CVSS v3.1 specification, section 7.1 (v3.0 differs only in Roundup). */
static int
score_v3(const struct parsed *p)
{
	static const double cia[] = {0.56, 0.22, 0.0};
	const char *const *v = p->val;
	bool changed = v[V3_S][0] == 'C';
	double iss, impact, expl, x;

	iss = 1 -
	    (1 - weight(v[V3_C], "HLN", cia)) *
		(1 - weight(v[V3_I], "HLN", cia)) *
		(1 - weight(v[V3_A], "HLN", cia));
	if (changed)
		impact = 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02);
	else
		impact = 6.42 * iss;
	expl = 8.22 *
	    weight(v[V3_AV], "NALP", (const double[]){0.85, 0.62, 0.55, 0.2}) *
	    weight(v[V3_AC], "LH", (const double[]){0.77, 0.44}) *
	    weight(v[V3_PR], "NLH",
		changed ? (const double[]){0.85, 0.68, 0.5}
			: (const double[]){0.85, 0.62, 0.27}) *
	    weight(v[V3_UI], "NR", (const double[]){0.85, 0.62});
	if (impact <= 0)
		return 0;
	x = changed ? 1.08 * (impact + expl) : impact + expl;
	return cvss_roundup10(p->g->version, x < 10 ? x : 10);
}

/* v4.0 */

/*
 * Scores of the 270 MacroVectors, in tenths, indexed by EQ1 (0-2), EQ2
 * (0-1), EQ3 (0-2), EQ4 (0-2), EQ5 (0-2), EQ6 (0-1); -1 where EQ3 = 2
 * and EQ6 = 0, which cannot occur. Data of the v4.0 specification's
 * lookup table as published in FIRST's calculator (cvss_lookup.js).
 */
static const int8_t macro_score[3][2][3][3][3][2] = {
    /* EQ1 = 0 */
    {{{{{100, 99}, {98, 95}, {95, 92}}, /* 000 */
	  {{100, 96}, {93, 87}, {91, 81}}, {{93, 90}, {89, 80}, {81, 68}}},
	 {{{98, 95}, {95, 92}, {90, 84}}, /* 001 */
	     {{93, 92}, {89, 81}, {81, 65}}, {{88, 80}, {78, 70}, {69, 48}}},
	 {{{-1, 92}, {-1, 82}, {-1, 72}}, /* 002 */
	     {{-1, 79}, {-1, 69}, {-1, 50}}, {{-1, 69}, {-1, 55}, {-1, 27}}}},
	{{{{99, 97}, {95, 92}, {92, 85}}, /* 010 */
	     {{95, 91}, {90, 83}, {84, 71}}, {{92, 81}, {82, 71}, {72, 53}}},
	    {{{95, 93}, {92, 85}, {85, 73}}, /* 011 */
		{{92, 82}, {80, 72}, {70, 59}}, {{84, 70}, {71, 52}, {50, 30}}},
	    {{{-1, 86}, {-1, 75}, {-1, 52}}, /* 012 */
		{{-1, 71}, {-1, 52}, {-1, 29}},
		{{-1, 63}, {-1, 29}, {-1, 17}}}}},
    /* EQ1 = 1 */
    {{{{{98, 95}, {94, 87}, {91, 81}}, /* 100 */
	  {{94, 89}, {86, 74}, {77, 64}}, {{87, 75}, {74, 63}, {63, 49}}},
	 {{{94, 89}, {88, 77}, {76, 67}}, /* 101 */
	     {{86, 76}, {74, 58}, {59, 50}}, {{72, 57}, {57, 52}, {52, 25}}},
	 {{{-1, 83}, {-1, 70}, {-1, 54}}, /* 102 */
	     {{-1, 65}, {-1, 58}, {-1, 26}}, {{-1, 53}, {-1, 21}, {-1, 13}}}},
	{{{{95, 90}, {88, 76}, {76, 70}}, /* 110 */
	     {{90, 77}, {75, 62}, {61, 53}}, {{77, 66}, {68, 59}, {52, 30}}},
	    {{{89, 78}, {76, 67}, {62, 58}}, /* 111 */
		{{74, 59}, {57, 57}, {47, 23}}, {{61, 52}, {57, 29}, {24, 16}}},
	    {{{-1, 71}, {-1, 59}, {-1, 30}}, /* 112 */
		{{-1, 58}, {-1, 26}, {-1, 15}},
		{{-1, 23}, {-1, 13}, {-1, 6}}}}},
    /* EQ1 = 2 */
    {{{{{93, 87}, {86, 72}, {75, 58}}, /* 200 */
	  {{86, 74}, {74, 61}, {56, 34}}, {{70, 54}, {52, 40}, {40, 22}}},
	 {{{85, 75}, {74, 55}, {62, 51}}, /* 201 */
	     {{72, 57}, {55, 41}, {46, 19}}, {{53, 36}, {34, 19}, {19, 8}}},
	 {{{-1, 64}, {-1, 51}, {-1, 20}}, /* 202 */
	     {{-1, 47}, {-1, 21}, {-1, 11}}, {{-1, 24}, {-1, 9}, {-1, 4}}}},
	{{{{88, 75}, {73, 53}, {60, 50}}, /* 210 */
	     {{73, 55}, {59, 40}, {41, 20}}, {{54, 43}, {45, 22}, {20, 11}}},
	    {{{75, 55}, {58, 45}, {40, 21}}, /* 211 */
		{{61, 51}, {48, 18}, {20, 9}}, {{46, 18}, {17, 7}, {8, 2}}},
	    {{{-1, 53}, {-1, 24}, {-1, 14}}, /* 212 */
		{{-1, 24}, {-1, 12}, {-1, 5}}, {{-1, 10}, {-1, 3}, {-1, 1}}}}},
};

/* The effective value of each metric that scoring reads (one letter). */
enum { AV, PR, UI, AC, AT, VC, VI, VA, SC, SI, SA, CR, IR, AR, E, NLEVELS };
struct v4 {
	char m[NLEVELS];
	char msi, msa; /* as written, for EQ4 */
	int eq[6];
};

/*
 * Severity levels of each value (the reference's METRIC_LEVELS), in the
 * order of the enum above; letters absent from a list cannot occur.
 */
static const struct {
	const char *letters;
	double level[4];
} levels[NLEVELS] = {
    [AV] = {"NALP", {0.0, 0.1, 0.2, 0.3}},
    [PR] = {"NLH", {0.0, 0.1, 0.2}},
    [UI] = {"NPA", {0.0, 0.1, 0.2}},
    [AC] = {"LH", {0.0, 0.1}},
    [AT] = {"NP", {0.0, 0.1}},
    [VC] = {"HLN", {0.0, 0.1, 0.2}},
    [VI] = {"HLN", {0.0, 0.1, 0.2}},
    [VA] = {"HLN", {0.0, 0.1, 0.2}},
    [SC] = {"HLN", {0.1, 0.2, 0.3}},
    [SI] = {"SHLN", {0.0, 0.1, 0.2, 0.3}},
    [SA] = {"SHLN", {0.0, 0.1, 0.2, 0.3}},
    [CR] = {"HML", {0.0, 0.1, 0.2}},
    [IR] = {"HML", {0.0, 0.1, 0.2}},
    [AR] = {"HML", {0.0, 0.1, 0.2}},
    [E] = {"APU", {0.0, 0.1, 0.2}},
};

static double
level(int metric, char value)
{
	return weight((const char[]){value, 0}, levels[metric].letters,
	    levels[metric].level);
}

/* The value of a metric, or its default when absent or X. */
static char
value_or(const struct parsed *p, int i, char dflt)
{
	const char *v = p->val[i];

	return v && v[0] != 'X' ? v[0] : dflt;
}

/* Base values overridden by their Modified metrics; X means none. */
static void
effective(const struct parsed *p, struct v4 *s)
{
	static const struct {
		int to, base, mod;
	} map[] = {
	    {AV, V4_AV, V4_MAV},
	    {PR, V4_PR, V4_MPR},
	    {UI, V4_UI, V4_MUI},
	    {AC, V4_AC, V4_MAC},
	    {AT, V4_AT, V4_MAT},
	    {VC, V4_VC, V4_MVC},
	    {VI, V4_VI, V4_MVI},
	    {VA, V4_VA, V4_MVA},
	    {SC, V4_SC, V4_MSC},
	    {SI, V4_SI, V4_MSI},
	    {SA, V4_SA, V4_MSA},
	};

	for (size_t i = 0; i < COUNT(map); i++)
		s->m[map[i].to] =
		    value_or(p, map[i].mod, p->val[map[i].base][0]);
	/* Threat and requirements default to the worst case. */
	s->m[E] = value_or(p, V4_E, 'A');
	s->m[CR] = value_or(p, V4_CR, 'H');
	s->m[IR] = value_or(p, V4_IR, 'H');
	s->m[AR] = value_or(p, V4_AR, 'H');
	s->msi = value_or(p, V4_MSI, 'X');
	s->msa = value_or(p, V4_MSA, 'X');
}

/* The MacroVector: the specification's equivalence sets EQ1 - EQ6. */
static void
macro_vector(struct v4 *s)
{
	const char *m = s->m;

	if (m[AV] == 'N' && m[PR] == 'N' && m[UI] == 'N')
		s->eq[0] = 0;
	else if ((m[AV] == 'N' || m[PR] == 'N' || m[UI] == 'N') && m[AV] != 'P')
		s->eq[0] = 1;
	else
		s->eq[0] = 2;
	s->eq[1] = m[AC] == 'L' && m[AT] == 'N' ? 0 : 1;
	if (m[VC] == 'H' && m[VI] == 'H')
		s->eq[2] = 0;
	else
		s->eq[2] = m[VC] == 'H' || m[VI] == 'H' || m[VA] == 'H' ? 1 : 2;
	if (s->msi == 'S' || s->msa == 'S')
		s->eq[3] = 0;
	else
		s->eq[3] = m[SC] == 'H' || m[SI] == 'H' || m[SA] == 'H' ? 1 : 2;
	s->eq[4] = m[E] == 'A' ? 0 : m[E] == 'P' ? 1 : 2;
	s->eq[5] = (m[CR] == 'H' && m[VC] == 'H') ||
		(m[IR] == 'H' && m[VI] == 'H') || (m[AR] == 'H' && m[VA] == 'H')
	    ? 0
	    : 1;
}

/* A MacroVector's score, or false for one that does not exist. */
static bool
lookup(const int *eq, double *score)
{
	int t;

	if (eq[0] > 2 || eq[1] > 1 || eq[2] > 2 || eq[3] > 2 || eq[4] > 2 ||
	    eq[5] > 1)
		return false;
	t = macro_score[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]];
	*score = t / 10.0;
	return t >= 0;
}

/*
 * The highest-severity vectors of each MacroVector (the reference's
 * max_composed), one letter per metric: EQ1 as AV PR UI, EQ2 as AC AT,
 * EQ3 with EQ6 as VC VI VA CR IR AR, EQ4 as SC SI SA.
 */
static const char *const max_eq1[3][4] = {
    {"NNN"}, {"ANN", "NLN", "NNP"}, {"PNN", "ALP"}};
static const char *const max_eq2[2][3] = {{"LN"}, {"HN", "LP"}};
static const char *const max_eq36[3][2][6] = {
    {{"HHHHHH"}, {"HHLMMH", "HHHMMM"}},
    {{"LHHHHH", "HLHHHH"}, {"LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM"}},
    {{NULL}, {"LLLHHH"}},
};
static const char *const max_eq4[3] = {"HSS", "HHH", "LLL"};
static const char max_eq5[3] = {'A', 'P', 'U'};

/* Distances of the vector from one highest vector; false if any < 0. */
static bool
distances(const struct v4 *s, const char *e1, const char *e2, const char *e36,
    const char *e4, double *d)
{
	const char max[NLEVELS] = {[AV] = e1[0],
	    [PR] = e1[1],
	    [UI] = e1[2],
	    [AC] = e2[0],
	    [AT] = e2[1],
	    [VC] = e36[0],
	    [VI] = e36[1],
	    [VA] = e36[2],
	    [CR] = e36[3],
	    [IR] = e36[4],
	    [AR] = e36[5],
	    [SC] = e4[0],
	    [SI] = e4[1],
	    [SA] = e4[2],
	    [E] = max_eq5[s->eq[4]]};
	bool ok = true;

	for (int i = 0; i < NLEVELS; i++) {
		d[i] = level(i, s->m[i]) - level(i, max[i]);
		ok = ok && d[i] >= 0;
	}
	return ok;
}

/*
 * The first highest vector, in the reference's order, that the vector
 * does not exceed in any metric (if none, the last one tried, as there).
 */
static void
max_distances(const struct v4 *s, double *d)
{
	const char *const *m1 = max_eq1[s->eq[0]],
			  *const *m2 = max_eq2[s->eq[1]];
	const char *const *m36 = max_eq36[s->eq[2]][s->eq[5]];

	for (int a = 0; a < 4 && m1[a]; a++)
		for (int b = 0; b < 3 && m2[b]; b++)
			for (int c = 0; c < 6 && m36[c]; c++)
				if (distances(s, m1[a], m2[b], m36[c],
					max_eq4[s->eq[3]], d))
					return;
}

/* The score of the next lower MacroVector of EQ3 and EQ6 together. */
static bool
lower_eq36(const struct v4 *s, double *score)
{
	int e[6], f[6];
	double left, right;

	memcpy(e, s->eq, sizeof(e));
	memcpy(f, s->eq, sizeof(f));
	if (s->eq[2] == 0 && s->eq[5] == 0) {
		/* Two ways down: the higher score, NaN (none) if one lacks. */
		e[5]++;
		f[2]++;
		if (!lookup(e, &left) || !lookup(f, &right))
			return false;
		*score = left > right ? left : right;
		return true;
	}
	if (s->eq[2] == 1 && s->eq[5] == 0)
		e[5]++; /* 10 -> 11 */
	else if (s->eq[2] == 2) {
		e[2]++; /* 21 -> 32, which does not exist */
		e[5]++;
	} else
		e[2]++; /* 01 -> 11, 11 -> 21 */
	return lookup(e, score);
}

/* The score of the next lower MacroVector along one EQ. */
static bool
lower(const struct v4 *s, int which, double *score)
{
	int e[6];

	if (which == 2)
		return lower_eq36(s, score);
	memcpy(e, s->eq, sizeof(e));
	e[which]++;
	return lookup(e, score);
}

/*
 * CVSS v4.0 specification, section 8.2 ("Scoring"), as the reference
 * calculator computes it: the MacroVector's score less the mean, over
 * the EQs with a lower MacroVector, of the distance to that MacroVector
 * scaled by how far the vector lies below the MacroVector's highest.
 */
static int
score_v4(const struct parsed *p)
{
	static const int depth[5][3][2] = {{{1}, {4}, {5}}, {{1}, {2}},
	    {{7, 6}, {8, 8}, {0, 10}}, {{6}, {5}, {4}}, {{1}, {1}, {1}}};
	struct v4 s;
	double d[NLEVELS], cur[5], value, lowscore, sum = 0, mean = 0;
	int n = 0;

	effective(p, &s);
	if (s.m[VC] == 'N' && s.m[VI] == 'N' && s.m[VA] == 'N' &&
	    s.m[SC] == 'N' && s.m[SI] == 'N' && s.m[SA] == 'N')
		return 0;
	macro_vector(&s);
	(void)lookup(s.eq, &value); /* every MacroVector that occurs exists */
	max_distances(&s, d);
	cur[0] = d[AV] + d[PR] + d[UI];
	cur[1] = d[AC] + d[AT];
	cur[2] = d[VC] + d[VI] + d[VA] + d[CR] + d[IR] + d[AR];
	cur[3] = d[SC] + d[SI] + d[SA];
	cur[4] = 0; /* EQ5 has one value per MacroVector */
	for (int i = 0; i < 5; i++) {
		const int *dep = depth[i][s.eq[i]];
		int maxdepth = i == 2 ? dep[s.eq[5]] : dep[0];

		if (!lower(&s, i, &lowscore))
			continue;
		n++;
		sum += (value - lowscore) * (cur[i] / (maxdepth * 0.1));
	}
	if (n > 0)
		mean = sum / n;
	value -= mean;
	value = value < 0 ? 0 : value > 10 ? 10 : value;
	return (int)round_half_up(value * 10);
}

static const char *
nomenclature(const struct parsed *p)
{
	static const char *const names[] = {
	    "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE"};
	bool threat = value_or(p, V4_E, 'X') != 'X', env = false;

	for (int i = V4_CR; i <= V4_MSA; i++)
		env = env || value_or(p, i, 'X') != 'X';
	return names[threat + 2 * env];
}

/* Entry points */

int
cvss_validate(
    struct str vector, enum cvss_version *version, struct ward_err *err)
{
	struct parsed p;
	int r;

	r = parse(vector, &p, err);
	if (r < 0)
		return r;
	*version = p.g->version;
	return 0;
}

int
cvss_score(struct str vector, struct cvss *out, struct ward_err *err)
{
	struct parsed p;
	int r, s;

	r = parse(vector, &p, err);
	if (r < 0)
		return r;
	switch (p.g->version) {
	case CVSS_V20:
		s = score_v2(&p);
		break;
	case CVSS_V40:
		s = score_v4(&p);
		break;
	default:
		s = score_v3(&p);
		break;
	}
	out->version = p.g->version;
	out->score10 = s;
	out->base_score = s / 10.0;
	out->severity = cvss_severity(p.g->version, s);
	out->nomenclature = p.g->version == CVSS_V40 ? nomenclature(&p) : NULL;
	return 0;
}
