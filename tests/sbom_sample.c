/*
 * sbom_sample DIR: builds three realistic inventories by hand (a Debian 12
 * image with epochs and Source versions, an Alpine 3.20 directory, a RHEL
 * 9 image with rpm epochs), each with a few hostile packages (control
 * bytes, quotes, invalid UTF-8, separators in names), and writes for each
 * NAME.cdx.json, NAME.spdx.json, NAME.inventory.json and NAME.table.txt
 * into DIR. tests/integration/test_sbom_schema.py validates the files
 * against the official CycloneDX and SPDX schemas. Not installed.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/mem.h"
#include "ward/sbom.h"

struct row {
	const char *name, *version, *arch;
	int64_t epoch;
	const char *src_name, *src_version, *license, *maintainer;
	int layer;
};

static const struct row debian[] = {
    {"base-files", "12.4+deb12u5", "amd64", -1, NULL, NULL, NULL,
	"Santiago Vila <sanvila@debian.org>", 0},
    {"libc6", "2.36-9+deb12u4", "amd64", -1, "glibc", NULL, NULL,
	"GNU Libc Maintainers <debian-glibc@lists.debian.org>", 0},
    {"login", "1:4.13+dfsg1-1+b1", "amd64", -1, "shadow", "1:4.13+dfsg1-1",
	NULL, "Shadow package maintainers <pkg-shadow-devel@lists.alioth>", 0},
    {"libgcc-s1", "12.2.0-14", "amd64", -1, "gcc-12", "12.2.0-14", NULL,
	"Debian GCC Maintainers <debian-gcc@lists.debian.org>", 0},
    {"tzdata", "2024a-0+deb12u1", "all", -1, NULL, NULL, NULL,
	"GNU Libc Maintainers <debian-glibc@lists.debian.org>", 0},
    {"zlib1g", "1:1.2.13.dfsg-1", "amd64", -1, "zlib", NULL, NULL,
	"Mark Brown <broonie@debian.org>", 0},
    {"libstdc++6", "12.2.0-14", "amd64", -1, "gcc-12", NULL, NULL, NULL, 1},
    {"curl", "7.88.1-10+deb12u5", "amd64", -1, NULL, NULL, NULL, NULL, 1},
    {"curl", "7.88.1-10+deb12u5", "amd64", -1, NULL, NULL, NULL, NULL, 1},
    {"evil\033[2J\033]0;pwned\007", "1.0\xff\xfe", "amd64", -1, "src\"quote'",
	"0~\x01", "GPL-2.0+\033[31m", "\"Mallory\" <m@x>", 1},
    {"odd name@1/2?x=y&z#w%", "2:1 2", "amd64", -1, NULL, NULL, NULL, NULL, 1},
};

static const struct row alpine[] = {
    {"musl", "1.2.5-r0", "x86_64", -1, "musl", NULL, "MIT",
	"Timo Ter\xc3\xa4s <timo.teras@iki.fi>", 0},
    {"busybox", "1.36.1-r29", "x86_64", -1, "busybox", NULL, "GPL-2.0-only",
	"S\xc3\xb6ren Tempel <soeren+alpine@soeren-tempel.net>", 0},
    {"libcrypto3", "3.3.2-r0", "x86_64", -1, "openssl", NULL, "Apache-2.0",
	"Ariadne Conill <ariadne@dereferenced.org>", 0},
    {"ca-certificates-bundle", "20240705-r0", "x86_64", -1, "ca-certificates",
	NULL, "MPL-2.0 AND MIT", NULL, 0},
    {"scanelf", "1.3.7-r2", "x86_64", -1, "pax-utils", NULL, "GPL-2.0-only",
	NULL, 0},
    {"ssl_client", "1.36.1-r29", "x86_64", -1, "busybox", NULL, "GPL-2.0-only",
	NULL, 0},
    {"apk-tools", "2.14.4-r1", "x86_64", -1, "apk-tools", NULL, "GPL-2.0-only",
	NULL, 0},
    {"libstdc++", "13.2.1_git20240309-r0", "x86_64", -1, "gcc", NULL,
	"GPL-2.0-or-later AND LGPL-2.1-or-later WITH GCC-exception-3.1", NULL,
	0},
    {"Mixed-Case", "1-r0", "noarch", -1, NULL, NULL, "custom", NULL, 0},
    {"nul\x7f\x1b[0m", "1-r0\xc3", "x86_64", -1, NULL, NULL, "BSD \xff licence",
	NULL, 0},
};

static const struct row rhel[] = {
    {"bash", "5.1.8-6.el9_1", "x86_64", -1, "bash", "5.1.8-6.el9_1", "GPLv3+",
	"Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>", 0},
    {"openssl-libs", "3.0.7-27.el9", "x86_64", 1, "openssl", "1:3.0.7-27.el9",
	"ASL 2.0", "Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>", 0},
    {"NetworkManager", "1.42.2-1.el9", "x86_64", 1, "NetworkManager", NULL,
	"GPLv2+ and LGPLv2+", NULL, 0},
    {"glibc", "2.34-60.el9", "x86_64", 0, "glibc", NULL,
	"LGPLv2+ and LGPLv2+ with exceptions and GPLv2+", NULL, 0},
    {"tzdata", "2023c-1.el9", "noarch", -1, "tzdata", NULL, "Public Domain",
	NULL, 0},
    {"libgcc", "11.3.1-4.3.el9", "x86_64", -1, "gcc", NULL,
	"GPL-3.0-or-later WITH GCC-exception-3.1", NULL, 0},
    {"gpg-pubkey", "fd431d51-4ae0493b", NULL, -1, NULL, NULL, "pubkey", NULL,
	0},
    {"ev\"il\\x", "1-1\x80", "x86_64", 7, "ev\x1b[1mil", NULL, "MIT OR (", NULL,
	0},
};

static struct layer_info debian_layers[] = {
    {.digest =
	    "sha256:"
	    "4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1",
	.diff_id =
	    "sha256:"
	    "5498e8c22f6996f25ef193ee58617d5b37e2a96decf22e72de13c3b34e147591",
	.media_type = "application/vnd.oci.image.layer.v1.tar+gzip",
	.size = 29150000,
	.created_by = "/bin/sh -c #(nop) ADD file:9deb26e1dbc258df in / "},
    {.digest =
	    "sha256:"
	    "1b2a72455d5e5a8d3ee3d5b8ad2a3dbec1c8e76c2a1b0b6b0ed9c6a4fa6b6c3d",
	.diff_id =
	    "sha256:"
	    "8e1b0b6c9a2e54ad7b5f1d3d0f06c6e0ab7a04b8a3f1e1d0c0b5e4a2f9c8d7e6",
	.media_type = "application/vnd.oci.image.layer.v1.tar+gzip",
	.size = 4200000,
	.created_by = "RUN apt-get install -y curl \033[31m# hostile",
	.cached = true},
};

static struct layer_info rhel_layers[] = {
    {.digest =
	    "sha256:"
	    "9a0c1c7a2e6f7a2b7c7d5e3f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b",
	.diff_id =
	    "sha256:"
	    "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c",
	.size = 79000000},
};

static const char *debian_tags[] = {"debian:12", "registry.example/x\033[0m:1"};

static void
add_rows(struct arena *a, struct inventory *inv, enum pkg_type type,
    const struct row *r, size_t n, const char *db)
{
	for (size_t i = 0; i < n; i++) {
		struct analyze_ctx ctx = {.a = a,
		    .pkgs = &inv->pkgs,
		    .warnings = &inv->warnings,
		    .path = db,
		    .layer = r[i].layer};
		struct pkg *p = analyze_pkg_add(&ctx);
		const char *dash;

		p->type = type;
		p->name = r[i].name;
		p->version = r[i].version;
		p->arch = r[i].arch;
		p->epoch = r[i].epoch;
		p->src_name = r[i].src_name;
		p->src_version = r[i].src_version;
		p->license = r[i].license;
		p->maintainer = r[i].maintainer;
		p->installed_size = (uint64_t)(i + 1) * 1024;
		if (type != PKG_RPM || !(dash = strrchr(r[i].version, '-')))
			continue;
		p->rpm_version = arena_strndup(
		    a, r[i].version, (size_t)(dash - r[i].version));
		p->rpm_release = dash + 1;
		p->vendor = r[i].maintainer ? "Red Hat, Inc." : NULL;
		if (r[i].src_name)
			p->src_rpm = arena_printf(
			    a, "%s-%s.src.rpm", r[i].src_name, r[i].version);
	}
}

static void
make_debian(struct arena *a, struct inventory *inv)
{
	struct analyze_ctx ctx = {.a = a,
	    .pkgs = &inv->pkgs,
	    .warnings = &inv->warnings,
	    .path = "var/lib/dpkg/status"};

	*inv = (struct inventory){.target = "debian-12.tar",
	    .source_kind = "docker-archive",
	    .manifest_digest = "sha256:"
			       "f3a5b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e"
			       "9f0a1b2c3d4e5f6a7",
	    .config_digest = "sha256:"
			     "a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"
			     "3b2c1d0e9f8a7b6",
	    .architecture = "amd64",
	    .os_name = "linux",
	    .repo_tags = debian_tags,
	    .nrepo_tags = ARRAY_SIZE(debian_tags),
	    .have_os = true,
	    .os = {.id = "debian",
		.version_id = "12",
		.version_codename = "bookworm",
		.pretty_name = "Debian GNU/Linux 12 (bookworm)",
		.source = "etc/os-release"},
	    .layers = debian_layers,
	    .nlayers = ARRAY_SIZE(debian_layers)};
	add_rows(
	    a, inv, PKG_DEB, debian, ARRAY_SIZE(debian), "var/lib/dpkg/status");
	analyze_warn(&ctx, 812, "missing Package field, skipping");
}

static void
make_alpine(struct arena *a, struct inventory *inv)
{
	*inv = (struct inventory){.target = "/srv/rootfs \"alpine\"",
	    .source_kind = "directory",
	    .have_os = true,
	    .os = {.id = "alpine",
		.version_id = "3.20.3",
		.pretty_name = "Alpine Linux v3.20",
		.source = "etc/os-release"}};
	add_rows(a, inv, PKG_APK, alpine, ARRAY_SIZE(alpine),
	    "lib/apk/db/installed");
}

static void
make_rhel(struct arena *a, struct inventory *inv)
{
	*inv = (struct inventory){.target = "ubi9.oci.tar",
	    .source_kind = "oci-archive",
	    .manifest_digest = "sha256:"
			       "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a0908"
			       "07060504030201000",
	    .config_digest = "sha256:"
			     "1f1e1d1c1b1a19181716151413121110f1e1d1c1b1a191817"
			     "161514131211100",
	    .architecture = "amd64",
	    .os_name = "linux",
	    .have_os = true,
	    .os = {.id = "rhel",
		.version_id = "9.2",
		.pretty_name = "Red Hat Enterprise Linux 9.2 (Plow)",
		.id_like = "fedora",
		.source = "etc/os-release"},
	    .layers = rhel_layers,
	    .nlayers = ARRAY_SIZE(rhel_layers)};
	add_rows(a, inv, PKG_RPM, rhel, ARRAY_SIZE(rhel),
	    "var/lib/rpm/rpmdb.sqlite");
	inv->warnings.dropped = 3;
}

static int
table(
    struct arena *a, const struct inventory *inv, FILE *f, struct ward_err *err)
{
	(void)a; /* the table needs no scratch strings */
	return inventory_write_table(inv, f, false, err);
}

static int
write_one(const char *dir, const char *name, const char *ext,
    int (*fn)(
	struct arena *, const struct inventory *, FILE *, struct ward_err *),
    struct arena *a, const struct inventory *inv)
{
	struct ward_err err;
	char path[4096];
	FILE *f;
	int r, n;

	n = snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "sbom_sample: path too long\n");
		return -ENAMETOOLONG;
	}
	f = fopen(path, "we");
	if (!f) {
		r = -errno;
		fprintf(stderr, "sbom_sample: %s: %s\n", path, strerror(-r));
		return r;
	}
	r = fn(a, inv, f, &err);
	if (fclose(f) != 0 && r == 0)
		r = err_set(&err, EIO, "close");
	if (r < 0)
		fprintf(stderr, "sbom_sample: %s: %s\n", path, err.msg);
	return r;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*make)(struct arena *, struct inventory *);
	} samples[] = {
	    {"debian", make_debian},
	    {"alpine", make_alpine},
	    {"rhel", make_rhel},
	};
	struct arena *a = arena_new();
	int r = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: sbom_sample DIR\n");
		arena_free(a);
		return 2;
	}
	for (size_t i = 0; i < ARRAY_SIZE(samples) && r == 0; i++) {
		const char *nm = samples[i].name;
		struct inventory inv;

		samples[i].make(a, &inv);
		if ((r = write_one(argv[1], nm, "cdx.json",
			 sbom_write_cyclonedx, a, &inv)) < 0 ||
		    (r = write_one(argv[1], nm, "spdx.json", sbom_write_spdx, a,
			 &inv)) < 0 ||
		    (r = write_one(argv[1], nm, "inventory.json",
			 inventory_write_json, a, &inv)) < 0)
			break;
		r = write_one(argv[1], nm, "table.txt", table, a, &inv);
	}
	arena_free(a);
	return r < 0 ? 1 : 0;
}
