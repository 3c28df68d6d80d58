#ifndef WARD_SBOM_H
#define WARD_SBOM_H

/*
 * Writers for what a scan of an image or a directory found (struct
 * inventory): Package URLs, the JSON inventory (docs/inventory-json.md), a
 * table for people, and the two SBOM standards, CycloneDX 1.5 JSON and
 * SPDX 2.3 JSON. Every string in an inventory comes from the image and
 * is untrusted: the JSON writers escape it (invalid UTF-8 becomes
 * U+FFFD), the table escapes it for the terminal with str_escape(), and a
 * purl percent-encodes it.
 */

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "ward/analyze.h"

struct arena;
struct inventory;
struct ward_err;

/* "deb", "apk" or "rpm" (the purl type), "unknown" for anything else. */
const char *sbom_pkg_type(enum pkg_type t);

/*
 * The version as the package manager shows it: dpkg and apk versions as
 * they are, rpm "VERSION-RELEASE" with "EPOCH:" in front when the epoch
 * is above 0. NULL when the package has no version. Lives in 'a' or in
 * the package.
 */
const char *sbom_pkg_version(struct arena *a, const struct pkg *p);

/*
 * The Package URL of 'p', built by the purl specification and its deb,
 * apk and rpm type definitions: pkg:deb/<os id>/<name>@<version>?arch=
 * &distro=<id>-<version_id>, pkg:apk/<os id>/<name>@<version>?arch=
 * &distro=<version_id>, pkg:rpm/<vendor>/<name>@<version>-<release>?arch=
 * &distro=<vendor>-<version_id>&epoch=<n> (epoch when the header has one;
 * a dpkg epoch stays in the version, as dpkg writes it). Each component
 * is percent-encoded (only alphanumerics, ".-_~" and ':' stay as they
 * are), deb and apk names are lower-cased, and qualifiers are sorted by
 * key. 'inv' supplies the OS and may be NULL. The string lives in 'a'.
 * Returns NULL when 'p' has no name or a type with no purl mapping.
 */
const char *
purl_for_pkg(struct arena *a, const struct inventory *inv, const struct pkg *p);

/*
 * The canonical form of 'raw' when it is an SPDX license expression made
 * only of license and exception identifiers ward knows to be on the SPDX
 * License List ("mit and (gpl-2.0+ or BSD-3-Clause)" gives "MIT AND
 * (GPL-2.0+ OR BSD-3-Clause)"). Returns NULL for anything else: unknown
 * identifiers ("GPLv2+"), LicenseRef- references, bad syntax, nesting
 * deeper than 32 or more than 1024 bytes. The string lives in 'a'.
 */
const char *sbom_spdx_license(struct arena *a, const char *raw);

/* "xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx" plus the NUL. */
#define SBOM_UUID_SIZE 37
/* "YYYY-MM-DDThh:mm:ssZ" plus the NUL. */
#define SBOM_TIME_SIZE 21

/* A random (version 4) UUID, lower-case, from getrandom(). Returns 0 or
 * -errno when the kernel gives no random bytes. */
int sbom_uuid(char out[SBOM_UUID_SIZE], struct ward_err *err);

/* 't' in UTC as "YYYY-MM-DDThh:mm:ssZ". Returns 0 or -EOVERFLOW. */
int sbom_timestamp(time_t t, char out[SBOM_TIME_SIZE], struct ward_err *err);

/*
 * The JSON inventory (docs/inventory-json.md, "schemaVersion": 1): the
 * target and its source, platform, OS, layers, packages with their purls
 * and layers, and warnings. Scratch strings go into 'a'. Returns 0 or
 * -EIO (err says the write failed).
 */
int inventory_write_json(struct arena *a, const struct inventory *inv, FILE *f,
    struct ward_err *err);

/*
 * The inventory for people: the target, the OS, then one row per package
 * sorted by name (NAME, VERSION, SOURCE, ARCH, LAYER) and a count. Every
 * cell is escaped with str_escape(); 'color' adds ANSI bold to headings
 * only. Returns 0 or -EIO.
 */
int inventory_write_table(
    const struct inventory *inv, FILE *f, bool color, struct ward_err *err);

/*
 * A CycloneDX 1.5 JSON BOM: a random serial number, the current time,
 * ward as the tool, the image or directory as metadata.component, an
 * operating-system component and one library component per package (with
 * its purl, licence, supplier and "ward:" properties), and a dependency
 * entry saying the target holds every component. Returns 0, -EIO, or
 * -errno when no random bytes are available.
 */
int sbom_write_cyclonedx(struct arena *a, const struct inventory *inv, FILE *f,
    struct ward_err *err);

/*
 * An SPDX 2.3 JSON document: a package for the image or directory, one
 * for the OS and one per package (purl as an external reference), the
 * relationships DOCUMENT DESCRIBES root and root CONTAINS each, and a
 * LicenseRef- with the original text for every licence that is not a
 * known SPDX expression. Returns 0, -EIO, or -errno (no random bytes).
 */
int sbom_write_spdx(struct arena *a, const struct inventory *inv, FILE *f,
    struct ward_err *err);

#endif
