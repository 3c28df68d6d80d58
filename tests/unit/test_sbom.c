/*
 * The inventory and SBOM writers: Package URLs checked against strings
 * worked out by hand from the purl specification, the SPDX license
 * expression check, UUIDs and timestamps, the table's escaping of hostile
 * names, and the JSON inventory, CycloneDX and SPDX documents read back
 * with json_parse. The official schemas are applied by
 * tests/integration/test_sbom_schema.py.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/mem.h"
#include "ward/sbom.h"

struct purl_case {
	enum pkg_type type;
	const char *name, *version, *arch;
	int64_t epoch;
	const char *want;
};

static void
check_purls(const char *what, const struct inventory *inv,
    const struct purl_case *c, size_t n)
{
	struct arena *a = arena_new();

	T_NOTE("purls: %s", what);
	for (size_t i = 0; i < n; i++) {
		struct pkg p = {.type = c[i].type,
		    .name = c[i].name,
		    .version = c[i].version,
		    .arch = c[i].arch,
		    .epoch = c[i].epoch};

		const char *got = purl_for_pkg(a, inv, &p);

		if (c[i].want)
			T_EQ_STR(got, c[i].want);
		else
			T_OK(got == NULL);
	}
	arena_free(a);
}

static void
test_purl_deb(void)
{
	struct inventory inv = {
	    .have_os = true, .os = {.id = "debian", .version_id = "12"}};
	static const struct purl_case cases[] = {
	    /* '+' is outside the allowed set: %2B. */
	    {PKG_DEB, "libc6", "2.36-9+deb12u4", "amd64", -1,
		"pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64"
		"&distro=debian-12"},
	    /* The dpkg epoch stays in the version; ':' is never encoded
	     * (the deb type's own example is attr@1:2.4.47-2%2Bb1). */
	    {PKG_DEB, "login", "1:4.13+dfsg1-1+b1", "amd64", -1,
		"pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64"
		"&distro=debian-12"},
	    /* '~' is in the allowed set (".-_~"). */
	    {PKG_DEB, "libfoo~x", "1.0~rc1-1", "all", -1,
		"pkg:deb/debian/libfoo~x@1.0~rc1-1?arch=all&distro=debian-12"},
	    /* Names are lower-cased; space is %20, '@' %40, '/' %2F. */
	    {PKG_DEB, "Weird Name@x/y", "1 2", "amd64", -1,
		"pkg:deb/debian/weird%20name%40x%2Fy@1%202?arch=amd64"
		"&distro=debian-12"},
	    /* Every separator and '%' itself inside a name is encoded. */
	    {PKG_DEB, "a%b#c?d&e=f", "1", NULL, -1,
		"pkg:deb/debian/a%25b%23c%3Fd%26e%3Df@1?distro=debian-12"},
	    /* UTF-8 bytes, an invalid byte and a control byte: %XX each,
	     * upper-case hex; only ASCII letters are folded. */
	    {PKG_DEB, "caf\xc3\xa9\xff\n", "1", "", -1,
		"pkg:deb/debian/caf%C3%A9%FF%0A@1?distro=debian-12"},
	    /* No version: no '@'. */
	    {PKG_DEB, "foo", NULL, "arm64", -1,
		"pkg:deb/debian/foo?arch=arm64&distro=debian-12"},
	    {PKG_DEB, "", "1", "amd64", -1, NULL}, /* no name, no purl */
	    {(enum pkg_type)99, "x", "1", NULL, -1, NULL},
	};
	static const struct purl_case sid[] = {
	    /* No VERSION_ID (sid): the codename, as the deb type allows. */
	    {PKG_DEB, "bash", "5.2.21-2", "amd64", -1,
		"pkg:deb/debian/bash@5.2.21-2?arch=amd64&distro=trixie"},
	};
	static const struct purl_case ubuntu[] = {
	    /* The namespace is the OS ID, lower-cased. */
	    {PKG_DEB, "bash", "5.1-6ubuntu1", "amd64", -1,
		"pkg:deb/ubuntu/bash@5.1-6ubuntu1?arch=amd64"
		"&distro=ubuntu-22.04"},
	};
	static const struct purl_case none[] = {
	    {PKG_DEB, "bash", "5.2.15-2+b2", "amd64", -1,
		"pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64"},
	};

	check_purls("debian 12", &inv, cases, ARRAY_SIZE(cases));
	inv.os = (struct os_info){.id = "debian", .version_codename = "trixie"};
	check_purls("debian sid", &inv, sid, ARRAY_SIZE(sid));
	inv.os = (struct os_info){.id = "Ubuntu", .version_id = "22.04"};
	check_purls("ubuntu", &inv, ubuntu, ARRAY_SIZE(ubuntu));
	check_purls("no OS", NULL, none, ARRAY_SIZE(none));
	inv.have_os = false;
	check_purls("OS not found", &inv, none, ARRAY_SIZE(none));
}

static void
test_purl_apk(void)
{
	struct inventory inv = {
	    .have_os = true, .os = {.id = "alpine", .version_id = "3.20.3"}};
	static const struct purl_case cases[] = {
	    /* distro is VERSION_ID alone, as Trivy writes it. */
	    {PKG_APK, "musl", "1.2.5-r0", "x86_64", -1,
		"pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=3.20.3"},
	    /* apk names are case-insensitive: lower-cased. */
	    {PKG_APK, "py3-Jinja2", "3.1.4-r0", "noarch", -1,
		"pkg:apk/alpine/py3-jinja2@3.1.4-r0?arch=noarch&distro=3.20.3"},
	    {PKG_APK, "libstdc++", "13.2.1_git20240309-r0", "x86_64", -1,
		"pkg:apk/alpine/libstdc%2B%2B@13.2.1_git20240309-r0"
		"?arch=x86_64&distro=3.20.3"},
	};
	static const struct purl_case none[] = {
	    {PKG_APK, "busybox", "1.36.1-r29", "x86_64", -1,
		"pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64"},
	};
	static const struct purl_case wolfi[] = {
	    {PKG_APK, "glibc", "2.39-r5", "x86_64", -1,
		"pkg:apk/wolfi/glibc@2.39-r5?arch=x86_64&distro=20230201"},
	};

	check_purls("alpine 3.20.3", &inv, cases, ARRAY_SIZE(cases));
	check_purls("apk, no OS", NULL, none, ARRAY_SIZE(none));
	inv.os = (struct os_info){.id = "wolfi", .version_id = "20230201"};
	check_purls("wolfi", &inv, wolfi, ARRAY_SIZE(wolfi));
}

static void
test_purl_rpm(void)
{
	struct inventory inv = {
	    .have_os = true, .os = {.id = "rhel", .version_id = "9.2"}};
	static const struct purl_case rhel[] = {
	    /* rhel is "redhat"; qualifiers sorted: arch, distro, epoch. */
	    {PKG_RPM, "openssl-libs", "3.0.7-27.el9", "x86_64", 1,
		"pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64"
		"&distro=redhat-9.2&epoch=1"},
	    /* No epoch in the header: no qualifier. */
	    {PKG_RPM, "bash", "5.1.8-6.el9_1", "x86_64", -1,
		"pkg:rpm/redhat/bash@5.1.8-6.el9_1?arch=x86_64"
		"&distro=redhat-9.2"},
	    /* rpm names keep their case; an explicit epoch 0 is kept. */
	    {PKG_RPM, "NetworkManager", "1.42.2-1.el9", "x86_64", 0,
		"pkg:rpm/redhat/NetworkManager@1.42.2-1.el9?arch=x86_64"
		"&distro=redhat-9.2&epoch=0"},
	    {PKG_RPM, "libstdc++", "11.3.1-4.3.el9", "x86_64", -1,
		"pkg:rpm/redhat/libstdc%2B%2B@11.3.1-4.3.el9?arch=x86_64"
		"&distro=redhat-9.2"},
	    {PKG_RPM, "gpg-pubkey", "fd431d51-4ae0493b", NULL, -1,
		"pkg:rpm/redhat/gpg-pubkey@fd431d51-4ae0493b"
		"?distro=redhat-9.2"},
	};
	static const struct purl_case fedora[] = {
	    {PKG_RPM, "curl", "7.50.3-1.fc25", "i386", -1,
		"pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386"
		"&distro=fedora-25"},
	};
	static const struct purl_case mariner[] = {
	    {PKG_RPM, "bash", "5.1.8-1.cm2", "x86_64", -1,
		"pkg:rpm/mariner/bash@5.1.8-1.cm2?arch=x86_64"
		"&distro=mariner-2.0"},
	};
	static const struct purl_case none[] = {
	    /* No OS: no vendor namespace. */
	    {PKG_RPM, "bash", "5.2-1", "x86_64", 2,
		"pkg:rpm/bash@5.2-1?arch=x86_64&epoch=2"},
	};

	check_purls("rhel 9.2", &inv, rhel, ARRAY_SIZE(rhel));
	inv.os = (struct os_info){.id = "fedora", .version_id = "25"};
	check_purls("fedora 25", &inv, fedora, ARRAY_SIZE(fedora));
	inv.os = (struct os_info){.id = "mariner", .version_id = "2.0"};
	check_purls("mariner 2.0", &inv, mariner, ARRAY_SIZE(mariner));
	check_purls("rpm, no OS", NULL, none, ARRAY_SIZE(none));
}

/* rpm VERSION and RELEASE without the joined version. */
static void
test_purl_rpm_parts(void)
{
	struct arena *a = arena_new();
	struct inventory inv = {.have_os = true,
	    .os = {.id = "opensuse-leap", .version_id = "15.5"}};
	struct pkg p = {.type = PKG_RPM,
	    .name = "zypper",
	    .rpm_version = "1.14.64",
	    .rpm_release = "150500.1.1",
	    .arch = "x86_64",
	    .epoch = 3};

	T_EQ_STR(purl_for_pkg(a, &inv, &p),
	    "pkg:rpm/opensuse/zypper@1.14.64-150500.1.1?arch=x86_64"
	    "&distro=opensuse-15.5&epoch=3");
	T_EQ_STR(sbom_pkg_version(a, &p), "3:1.14.64-150500.1.1");
	p.epoch = 0;
	T_EQ_STR(sbom_pkg_version(a, &p), "1.14.64-150500.1.1");
	p.type = PKG_DEB;
	p.version = "1:2.4.47-2+b1";
	T_EQ_STR(sbom_pkg_version(a, &p), "1:2.4.47-2+b1");
	p.version = "";
	T_OK(sbom_pkg_version(a, &p) == NULL);
	T_EQ_STR(sbom_pkg_type(PKG_APK), "apk");
	T_EQ_STR(sbom_pkg_type((enum pkg_type)0), "unknown");
	arena_free(a);
}

/* "MIT OR MIT OR ... MIT" padded with spaces to exactly 'len' bytes. */
static const char *
long_expr(struct arena *a, size_t len)
{
	char *s = arena_alloc(a, len + 1);
	size_t n = 3;

	memcpy(s, "MIT", 3);
	while (n + 7 <= len) {
		memcpy(s + n, " OR MIT", 7);
		n += 7;
	}
	memset(s + n, ' ', len - n);
	s[len] = '\0';
	return s;
}

static void
test_spdx_license(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"MIT", "MIT"},
	    {"mit", "MIT"}, /* identifiers match in any case */
	    {"GPL-2.0-or-later AND LGPL-2.1-or-later",
		"GPL-2.0-or-later AND LGPL-2.1-or-later"},
	    {"mit and (gpl-2.0+ or BSD-3-Clause)",
		"MIT AND (GPL-2.0+ OR BSD-3-Clause)"},
	    {"GPL-2.0-only WITH Linux-syscall-note",
		"GPL-2.0-only WITH Linux-syscall-note"},
	    {"Apache-2.0 with llvm-exception",
		"Apache-2.0 WITH LLVM-exception"},
	    {"  MIT \t OR\n  ISC ", "MIT OR ISC"},
	    {"(MIT)", "(MIT)"},
	    {"((MIT OR ISC))AND Zlib", "((MIT OR ISC)) AND Zlib"},
	    {"MIT+", "MIT+"}, /* "or later" on any identifier */
	    {"GPLv2+", NULL}, /* Fedora's old names are not SPDX */
	    {"MIT and BSD", NULL},
	    {"LicenseRef-foo", NULL}, /* not defined in our document */
	    {"", NULL},
	    {"   ", NULL},
	    {"MIT AND", NULL},
	    {"AND MIT", NULL},
	    {"MIT ISC", NULL},
	    {"(MIT", NULL},
	    {"MIT)", NULL},
	    {"()", NULL},
	    {"MIT WITH", NULL},
	    {"MIT WITH MIT", NULL},
	    {"Mit And ISC", NULL}, /* operators: upper or lower case only */
	    {"(MIT OR ISC) WITH LLVM-exception", NULL},
	    {"+", NULL},
	    {"MIT\033[31m", NULL},
	};
	struct arena *a = arena_new();
	char deep[200];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = sbom_spdx_license(a, cases[i].in);

		if (cases[i].want)
			T_EQ_STR(got, cases[i].want);
		else
			T_OK(got == NULL);
	}
	T_OK(sbom_spdx_license(a, NULL) == NULL);
	/* Nesting: 32 levels are read, 33 are refused. */
	for (int i = 0; i < 32; i++)
		deep[n++] = '(';
	memcpy(deep + n, "MIT", 3);
	n += 3;
	for (int i = 0; i < 32; i++)
		deep[n++] = ')';
	deep[n] = '\0';
	T_OK(sbom_spdx_license(a, deep) != NULL);
	memmove(deep + 1, deep, n + 1);
	deep[0] = '(';
	memcpy(deep + n + 1, ")", 2);
	T_OK(sbom_spdx_license(a, deep) == NULL);
	/* Length: 1024 bytes are read, 1025 are refused. */
	T_OK(sbom_spdx_license(a, long_expr(a, 1024)) != NULL);
	T_OK(sbom_spdx_license(a, long_expr(a, 1025)) == NULL);
	arena_free(a);
}

static void
test_uuid_time(void)
{
	char u1[SBOM_UUID_SIZE], u2[SBOM_UUID_SIZE], t[SBOM_TIME_SIZE];
	struct ward_err err;
	bool hex = true;

	T_EQ_INT(sbom_uuid(u1, &err), 0);
	T_EQ_INT(sbom_uuid(u2, &err), 0);
	T_EQ_INT(strlen(u1), 36);
	T_OK(strcmp(u1, u2) != 0);
	T_OK(u1[8] == '-' && u1[13] == '-' && u1[18] == '-' && u1[23] == '-');
	T_OK(u1[14] == '4'); /* version 4 */
	T_OK(strchr("89ab", u1[19]) != NULL); /* RFC 4122 variant */
	for (size_t i = 0; i < 36; i++)
		if (i != 8 && i != 13 && i != 18 && i != 23)
			hex = hex && strchr("0123456789abcdef", u1[i]);
	T_OK(hex);
	T_EQ_INT(sbom_timestamp(0, t, &err), 0);
	T_EQ_STR(t, "1970-01-01T00:00:00Z");
	T_EQ_INT(sbom_timestamp(1700000000, t, &err), 0);
	T_EQ_STR(t, "2023-11-14T22:13:20Z");
	T_EQ_INT(sbom_timestamp(253402300799, t, &err), 0); /* last second */
	T_EQ_STR(t, "9999-12-31T23:59:59Z");
	T_EQ_INT(sbom_timestamp(253402300800, t, &err), -EOVERFLOW);
}

/* A small Debian image with hostile names. */
static struct pkg *
add(struct analyze_ctx *ctx, const char *name, const char *version,
    const char *arch)
{
	struct pkg *p = analyze_pkg_add(ctx);

	p->type = PKG_DEB;
	p->name = name;
	p->version = version;
	p->arch = arch;
	return p;
}

static void
fill(struct arena *a, struct inventory *inv)
{
	static struct layer_info layers[2] = {
	    {.digest = "sha256:aaaa", .diff_id = "sha256:d1ff0", .size = 100},
	    {.digest = "sha256:bbbb",
		.diff_id = "sha256:d1ff1",
		.size = 7,
		.created_by = "RUN apt-get install \033[2Jx",
		.cached = true},
	};
	struct analyze_ctx ctx = {.a = a,
	    .pkgs = &inv->pkgs,
	    .warnings = &inv->warnings,
	    .path = "var/lib/dpkg/status"};
	struct pkg *p;

	memset(inv, 0, sizeof(*inv));
	inv->target = "img\033]0;x\007.tar";
	inv->source_kind = "docker-archive";
	inv->config_digest = "sha256:c0ff";
	inv->have_os = true;
	inv->os = (struct os_info){.id = "debian",
	    .version_id = "12",
	    .pretty_name = "Debian GNU/Linux 12 (bookworm)"};
	inv->layers = layers;
	inv->nlayers = 2;
	p = add(&ctx, "zlib1g", "1:1.2.13.dfsg-1", "amd64");
	p->src_name = "zlib";
	p->src_version = "1:1.2.13.dfsg-1";
	p->license = "Zlib";
	p->maintainer = "Mark Brown <broonie@debian.org>";
	ctx.layer = 1;
	p = add(&ctx, "evil\033[2J", "1.0\xff", "amd64");
	p->license = "GPLv2+ and \"custom\"";
	p->src_name = "evil-src\033[31m";
	p->src_version = "0.9";
	p = add(&ctx, "aaa", "2", "all");
	p->license = "GPLv2+ and 'custom'"; /* sanitises like the one above */
	add(&ctx, "aaa", "2", "all"); /* the same purl twice */
	analyze_warn(&ctx, 3, "bad \033[31m line");
}

static void
test_table(void)
{
	struct arena *a = arena_new();
	struct inventory inv;
	struct ward_err err;
	char *out = NULL, *aaa, *evil, *zlib;
	size_t len = 0;
	FILE *f;

	fill(a, &inv);
	f = open_memstream(&out, &len);
	T_EQ_INT(inventory_write_table(&inv, f, false, &err), 0);
	fclose(f);
	T_OK(strchr(out, '\033') == NULL); /* no escape survives */
	T_OK(strchr(out, '\007') == NULL);
	T_OK(strstr(out, "img\\x1b]0;x\\x07.tar (docker-archive)\n") != NULL);
	T_OK(strstr(out, "OS: Debian GNU/Linux 12 (bookworm)\n") != NULL);
	T_OK(strstr(out, "  NAME  ") != NULL);
	aaa = strstr(out, "  aaa ");
	evil = strstr(out, "  evil\\x1b[2J ");
	zlib = strstr(out, "  zlib1g ");
	T_OK(aaa && evil && zlib && aaa < evil && evil < zlib); /* by name */
	T_OK(strstr(out, "1.0\\xff") != NULL);
	T_OK(strstr(out, "evil-src\\x1b[31m (0.9)") != NULL);
	/* The source version is shown only when it differs. */
	T_OK(zlib && strstr(zlib, "zlib ") != NULL &&
	    strstr(out, "zlib (1:") == NULL);
	T_OK(strstr(out, "Packages: 4  Warnings: 1\n") != NULL);
	free(out);
	f = open_memstream(&out, &len);
	T_EQ_INT(inventory_write_table(&inv, f, true, &err), 0);
	fclose(f);
	T_OK(strncmp(out, "\033[1mimg\\x1b", 10) == 0); /* our bold only */
	free(out);
	arena_free(a);
}

/* Write with 'fn' and read the document back. */
static struct json_object *
render(int (*fn)(
	   struct arena *, const struct inventory *, FILE *, struct ward_err *),
    struct arena *a, const struct inventory *inv)
{
	struct json_object *o = NULL;
	struct ward_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	T_EQ_INT(fn(a, inv, f, &err), 0);
	fclose(f);
	T_EQ_INT(json_parse(str_make(out, len), &o, &err), 0);
	free(out);
	return o;
}

static bool
has_str(const struct json_object *o, const char *key, const char *want)
{
	struct str s;

	return json_get_str(o, key, &s) && str_eq_cstr(s, want);
}

static void
test_inventory_json(void)
{
	struct arena *a = arena_new();
	struct json_object *o, *pk, *p1;
	struct inventory inv;
	uint64_t v;

	fill(a, &inv);
	o = render(inventory_write_json, a, &inv);
	T_OK(json_get_u64(o, "schemaVersion", 10, &v) && v == 1);
	T_OK(has_str(o, "target", "img\033]0;x\007.tar")); /* the real bytes */
	T_OK(has_str(json_get(o, "source"), "configDigest", "sha256:c0ff"));
	T_OK(has_str(json_get(o, "os"), "versionId", "12"));
	T_EQ_INT(json_array_len(json_get(o, "layers")), 2);
	T_OK(json_get_u64(
		 json_array_at(json_get(o, "layers"), 1), "size", 100, &v) &&
	    v == 7);
	pk = json_get(o, "packages");
	T_EQ_INT(json_array_len(pk), 4);
	T_OK(has_str(json_array_at(pk, 0), "purl",
	    "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64"
	    "&distro=debian-12"));
	T_OK(has_str(json_get(json_array_at(pk, 0), "source"), "name", "zlib"));
	p1 = json_array_at(pk, 1);
	T_OK(has_str(p1, "version", "1.0\xef\xbf\xbd")); /* U+FFFD */
	T_OK(has_str(json_get(p1, "layer"), "diffId", "sha256:d1ff1"));
	T_OK(json_get(p1, "epoch") == NULL); /* dpkg: inside the version */
	T_EQ_INT(json_array_len(json_get(o, "warnings")), 1);
	T_OK(json_get_u64(o, "warningsDropped", 10, &v) && v == 0);
	json_object_put(o);
	inv.have_os = false;
	o = render(inventory_write_json, a, &inv);
	T_OK(json_object_is_type(json_get(o, "os"), json_type_null));
	json_object_put(o);
	arena_free(a);
}

static void
test_cyclonedx(void)
{
	struct arena *a = arena_new();
	struct json_object *o, *comps, *c;
	struct inventory inv;
	struct str s;

	fill(a, &inv);
	o = render(sbom_write_cyclonedx, a, &inv);
	T_OK(has_str(o, "bomFormat", "CycloneDX"));
	T_OK(has_str(o, "specVersion", "1.5"));
	T_OK(json_get_str(o, "serialNumber", &s) && s.len == 45 &&
	    str_starts_with(s, STR("urn:uuid:")));
	T_OK(has_str(json_get(json_get(o, "metadata"), "component"), "type",
	    "container"));
	comps = json_get(o, "components");
	T_EQ_INT(json_array_len(comps), 5); /* the OS and four packages */
	T_OK(has_str(json_array_at(comps, 0), "type", "operating-system"));
	c = json_array_at(comps, 1);
	T_OK(has_str(c, "bom-ref",
	    "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64"
	    "&distro=debian-12"));
	T_OK(has_str(
	    json_array_at(json_get(c, "licenses"), 0), "expression", "Zlib"));
	c = json_array_at(comps, 2);
	T_OK(has_str(
	    json_get(json_array_at(json_get(c, "licenses"), 0), "license"),
	    "name", "GPLv2+ and \"custom\""));
	/* The second "aaa" has the same purl: a ward: reference. */
	T_OK(json_get_str(json_array_at(comps, 4), "bom-ref", &s) &&
	    str_starts_with(s, STR("ward:dup:3:pkg:deb/debian/aaa@2")));
	T_EQ_INT(
	    json_array_len(json_get(
		json_array_at(json_get(o, "dependencies"), 0), "dependsOn")),
	    5);
	json_object_put(o);
	arena_free(a);
}

static bool
spdx_id_ok(struct str s)
{
	if (!str_starts_with(s, STR("SPDXRef-")) || s.len == 8)
		return false;
	for (size_t i = 8; i < s.len; i++)
		if (!strchr(
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789.-",
			s.p[i]))
			return false;
	return true;
}

static void
test_spdx(void)
{
	struct arena *a = arena_new();
	struct json_object *o, *pk, *refs;
	struct inventory inv;
	struct str s;
	bool ids = true;

	fill(a, &inv);
	o = render(sbom_write_spdx, a, &inv);
	T_OK(has_str(o, "spdxVersion", "SPDX-2.3"));
	T_OK(has_str(o, "dataLicense", "CC0-1.0"));
	T_OK(json_get_str(o, "documentNamespace", &s) &&
	    str_starts_with(s, STR("https://spdx.org/spdxdocs/ward-img-")));
	T_OK(has_str(json_get(o, "creationInfo"), "created", "") == false);
	pk = json_get(o, "packages");
	T_EQ_INT(json_array_len(pk), 6); /* root, OS, four packages */
	for (size_t i = 0; i < json_array_len(pk); i++)
		ids = ids && json_get_str(json_array_at(pk, i), "SPDXID", &s) &&
		    spdx_id_ok(s);
	T_OK(ids);
	T_OK(has_str(
	    json_array_at(pk, 3), "SPDXID", "SPDXRef-Package-evil--2J-1"));
	T_OK(has_str(json_array_at(pk, 2), "licenseDeclared", "Zlib"));
	T_OK(has_str(json_array_at(pk, 2), "supplier",
	    "Organization: Mark Brown (broonie@debian.org)"));
	/* Two texts that sanitise alike get two LicenseRefs. */
	T_OK(has_str(json_array_at(pk, 3), "licenseDeclared",
	    "LicenseRef-GPLv2--and--custom-"));
	T_OK(has_str(json_array_at(pk, 4), "licenseDeclared",
	    "LicenseRef-GPLv2--and--custom--2"));
	T_OK(has_str(json_array_at(pk, 5), "licenseDeclared", "NOASSERTION"));
	refs = json_get(o, "hasExtractedLicensingInfos");
	T_EQ_INT(json_array_len(refs), 2);
	T_OK(has_str(
	    json_array_at(refs, 1), "extractedText", "GPLv2+ and 'custom'"));
	T_EQ_INT(json_array_len(json_get(o, "relationships")), 6);
	json_object_put(o);
	arena_free(a);
}

/* A full disk is an error, not a short document. */
static void
test_write_error(void)
{
	struct arena *a = arena_new();
	struct inventory inv;
	struct ward_err err;
	FILE *f = fopen("/dev/full", "we");

	if (!f) {
		T_SKIP("no /dev/full");
		arena_free(a);
		return;
	}
	fill(a, &inv);
	T_EQ_INT(inventory_write_json(a, &inv, f, &err), -EIO);
	T_EQ_INT(sbom_write_cyclonedx(a, &inv, f, &err), -EIO);
	T_EQ_INT(sbom_write_spdx(a, &inv, f, &err), -EIO);
	T_EQ_INT(inventory_write_table(&inv, f, false, &err), -EIO);
	T_OK(strstr(err.msg, "table") != NULL);
	fclose(f);
	arena_free(a);
}

int
main(void)
{
	test_purl_deb();
	test_purl_apk();
	test_purl_rpm();
	test_purl_rpm_parts();
	test_spdx_license();
	test_uuid_time();
	test_table();
	test_inventory_json();
	test_cyclonedx();
	test_spdx();
	test_write_error();
	return t_done();
}
