#ifndef WARD_CONFIG_H
#define WARD_CONFIG_H

/*
 * Configuration checks (`ward config`): Kubernetes manifests (Pod Security
 * Standards, workload hardening, RBAC, network policy, mesh mTLS),
 * Dockerfiles, Compose files and ECS task definitions. Inputs are
 * untrusted text; each file's type is detected from its name and
 * content, it is parsed into a positioned tree (the YAML tree serves JSON
 * as well) and every check that applies runs over it. Findings point at
 * the file, line and column of the offending field.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/severity.h"
#include "ward/str.h"

struct arena;
struct ward_err;

enum config_kind {
	CONFIG_UNKNOWN = 0, /* not a configuration ward checks: skipped */
	CONFIG_KUBERNETES,
	CONFIG_DOCKERFILE,
	CONFIG_COMPOSE,
	CONFIG_ECS,
};

/* "kubernetes", "dockerfile", "compose", "ecs" ("unknown"). */
const char *config_kind_name(enum config_kind k);

enum pss_level {
	PSS_PRIVILEGED = 0,
	PSS_BASELINE,
	PSS_RESTRICTED,
};

/* Kubernetes minor version standing for "latest" (--pss-version latest). */
#define PSS_VERSION_LATEST UINT32_MAX

/* Check families, for --checks (a bitmask; 0 means all). */
enum config_family {
	CHECKS_PSS = 1u << 0, /* PSS-* */
	CHECKS_K8S = 1u << 1, /* WARD-K8S-*: workload hardening */
	CHECKS_RBAC = 1u << 2, /* WARD-RBAC-* */
	CHECKS_NETWORK = 1u << 3, /* WARD-NET-*, mesh mTLS */
	CHECKS_DOCKERFILE = 1u << 4, /* WARD-DF-* */
	CHECKS_COMPOSE = 1u << 5, /* WARD-COMPOSE-* */
	CHECKS_ECS = 1u << 6, /* WARD-ECS-* */
};

struct config_opts {
	/* Pod Security: the level, or (pss_level_set false) the level each
	   namespace's pod-security.kubernetes.io/enforce label gives, else
	   restricted. */
	enum pss_level pss_level;
	bool pss_level_set;
	uint32_t pss_minor; /* 1.N; PSS_VERSION_LATEST for the newest */
	/* pss_minor was given (--pss-version): it wins over a namespace's
	   pod-security.kubernetes.io/enforce-version label. */
	bool pss_minor_set;
	unsigned checks; /* enum config_family bits; 0: all */
	/* Glob patterns (fnmatch, matched against the path relative to the
	   directory walked and against each path component) excluded from
	   directory walks. */
	const char *const *exclude;
	size_t nexclude;
};

/* One rule's fixed description, for findings and for SARIF's rule list. */
struct config_rule {
	const char *id; /* "PSS-RESTRICTED-RUNASNONROOT", "WARD-K8S-001" */
	enum config_family family;
	enum severity severity;
	const char *title; /* one line */
	const char *remediation; /* what to change */
	const char *refs; /* URLs separated by single spaces, or "" */
};

struct config_finding {
	const struct config_rule *rule; /* static */
	enum severity severity; /* usually rule->severity */
	const char *message; /* what was found: fields and values */
	const char *path; /* the file, as the user named it; "-" for stdin */
	uint32_t line, col; /* 1-based; 0 when unknown */
	enum config_kind kind;
	const char *resource; /* "Deployment/prod/web", "stage build",
				 "service web", "family api"; may be NULL */
	const char *container; /* container name, or NULL */
	const char *suppressed; /* NULL, or why it is suppressed
				   ("annotation ward.dev/ignore", "comment
				   ward:ignore", ".wardignore") */
};

struct config_result {
	struct config_finding *v; /* in the arena */
	size_t n, cap;
	size_t files; /* files read */
	size_t checked; /* files of a known kind */
	size_t skipped; /* files of no known kind, or excluded */
	size_t dropped; /* findings past CONFIG_FINDINGS_MAX */
	/* Problems met while reading inputs, for cmd to print: warnings
	   (a file that could not be read, "..., skipping") and notes (a
	   symbolic link not followed). In the arena. */
	const char **warnings;
	size_t nwarnings;
	const char **notes;
	size_t nnotes;
};

/*
 * Check 'npaths' files or directories ("-" reads stdin). Directories are
 * walked (symlinks are not followed; excluded patterns skipped). Files of
 * no known kind are skipped. A file that cannot be parsed gives a finding
 * (WARD-CONFIG-SYNTAX, with the line) rather than an error. Returns 0, or
 * -errno when a named path cannot be read at all (err names it).
 */
int config_scan(struct arena *a, const char *const *paths, size_t npaths,
    const struct config_opts *opts, struct config_result *out,
    struct ward_err *err);

/*
 * Check one file's text (stdin, tests, fuzzing). 'name' is used for type
 * detection and in findings. Cross-object checks (network policy
 * coverage, namespace labels) see only this text. Returns 0 or -ENOMEM.
 */
int config_scan_text(struct arena *a, const char *name, struct str text,
    const struct config_opts *opts, struct config_result *out,
    struct ward_err *err);

/* Every rule ward knows, for listings and SARIF. */
const struct config_rule *const *config_rules(size_t *n);

#endif
