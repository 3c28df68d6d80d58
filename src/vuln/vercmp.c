/*
 * The front of the version comparators: ecosystem names (OSV's and the
 * short ones people type), dispatch to one comparator per ecosystem, and
 * the helpers they share. Versions and ranges arrive here straight from
 * untrusted input (package databases, advisories, the command line); each
 * comparator validates what it reads and never trusts a length or a NUL.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/vercmp.h"

typedef int (*cmp_fn)(struct str, struct str, int *, struct ward_err *);

static const struct {
	const char *osv, *short_name;
	cmp_fn cmp;
} ecos[ECO_COUNT] = {
    [ECO_DEBIAN] = {"Debian", "deb", vercmp_dpkg},
    [ECO_ALPINE] = {"Alpine", "apk", vercmp_apk},
    [ECO_RPM] = {"Red Hat", "rpm", vercmp_rpm},
    [ECO_NPM] = {"npm", "semver", vercmp_semver},
    [ECO_PYPI] = {"PyPI", "pypi", vercmp_pep440},
    [ECO_MAVEN] = {"Maven", "maven", vercmp_maven},
    [ECO_GO] = {"Go", "go", vercmp_go},
    [ECO_RUBYGEMS] = {"RubyGems", "gem", vercmp_gem},
    [ECO_PACKAGIST] = {"Packagist", "composer", vercmp_composer},
    [ECO_NUGET] = {"NuGet", "nuget", vercmp_nuget},
    [ECO_CRATES] = {"crates.io", "cargo", vercmp_cargo},
};

static const struct {
	const char *name;
	enum ecosystem eco;
} aliases[] = {
    {"dpkg", ECO_DEBIAN},
    {"debian", ECO_DEBIAN},
    {"ubuntu", ECO_DEBIAN},
    {"alpine", ECO_ALPINE},
    {"redhat", ECO_RPM},
    {"rhel", ECO_RPM},
    {"npm", ECO_NPM},
    {"node", ECO_NPM},
    {"pep440", ECO_PYPI},
    {"python", ECO_PYPI},
    {"golang", ECO_GO},
    {"rubygems", ECO_RUBYGEMS},
    {"ruby", ECO_RUBYGEMS},
    {"packagist", ECO_PACKAGIST},
    {"php", ECO_PACKAGIST},
    {"crates", ECO_CRATES},
    {"rust", ECO_CRATES},
};

int
vercmp_ecosystem_parse(const char *name, enum ecosystem *out)
{
	for (int i = 0; i < ECO_COUNT; i++) {
		if (strcasecmp(name, ecos[i].osv) == 0 ||
		    strcasecmp(name, ecos[i].short_name) == 0) {
			*out = (enum ecosystem)i;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcasecmp(name, aliases[i].name) == 0) {
			*out = aliases[i].eco;
			return 0;
		}
	}
	return -ENOENT;
}

const char *
vercmp_ecosystem_name(enum ecosystem eco)
{
	return (unsigned)eco < ECO_COUNT ? ecos[eco].osv : NULL;
}

const char *
vercmp_ecosystem_short(enum ecosystem eco)
{
	return (unsigned)eco < ECO_COUNT ? ecos[eco].short_name : NULL;
}

int
vercmp(enum ecosystem eco, struct str a, struct str b, int *out,
    struct ward_err *err)
{
	if ((unsigned)eco >= ECO_COUNT)
		return err_set(err, EINVAL, "unknown ecosystem %d", (int)eco);
	return ecos[eco].cmp(a, b, out, err);
}

int
vercmp_validate(enum ecosystem eco, struct str v, struct ward_err *err)
{
	int cmp;

	return vercmp(eco, v, v, &cmp, err);
}

int
vercmp_range_satisfies(enum ecosystem eco, struct str version, struct str range,
    bool *out, struct ward_err *err)
{
	switch (eco) {
	case ECO_NPM:
		return vercmp_npm_satisfies(version, range, out, err);
	case ECO_PYPI:
		return vercmp_pep440_satisfies(version, range, out, err);
	default:
		return err_set(err, ENOTSUP, "%s: ranges are not supported",
		    vercmp_ecosystem_short(eco) ? vercmp_ecosystem_short(eco)
						: "?");
	}
}

int
numcmp(struct str a, struct str b)
{
	size_t i = 0, j = 0;
	int r;

	while (i < a.len && a.p[i] == '0')
		i++;
	while (j < b.len && b.p[j] == '0')
		j++;
	if (a.len - i != b.len - j)
		return a.len - i < b.len - j ? -1 : 1;
	r = a.len - i ? memcmp(a.p + i, b.p + j, a.len - i) : 0;
	return sign(r);
}

int
bytecmp(struct str a, struct str b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int r = n ? memcmp(a.p, b.p, n) : 0;

	if (r)
		return sign(r);
	return a.len == b.len ? 0 : (a.len < b.len ? -1 : 1);
}

int
bytecasecmp(struct str a, struct str b)
{
	size_t n = a.len < b.len ? a.len : b.len;

	for (size_t i = 0; i < n; i++) {
		int x = c_lower((unsigned char)a.p[i]);
		int y = c_lower((unsigned char)b.p[i]);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return a.len == b.len ? 0 : (a.len < b.len ? -1 : 1);
}

bool
str_case_eq_lit(struct str s, const char *lit)
{
	size_t n = strlen(lit);

	return s.len == n && bytecasecmp(s, (struct str){lit, n}) == 0;
}

int
vc_invalid(struct ward_err *err, const char *eco, struct str v,
    const char *rule_fmt, ...)
{
	char shown[96], rule[160];
	va_list ap;
	int n;

	str_escape(shown, sizeof(shown), v);
	va_start(ap, rule_fmt);
	n = vsnprintf(rule, sizeof(rule), rule_fmt, ap);
	va_end(ap);
	if (n < 0)
		rule[0] = '\0';
	return err_set(err, EINVAL, "%s: version '%s' %s", eco, shown, rule);
}

int
vc_common(const char *eco, struct str v, struct ward_err *err)
{
	if (v.len > VERCMP_VERSION_MAX)
		return vc_invalid(
		    err, eco, v, "is longer than %d bytes", VERCMP_VERSION_MAX);
	if (v.len && memchr(v.p, '\0', v.len))
		return vc_invalid(err, eco, v, "contains a NUL byte");
	return 0;
}
