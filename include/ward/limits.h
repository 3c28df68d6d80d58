#ifndef WARD_LIMITS_H
#define WARD_LIMITS_H

/*
 * Every cap on untrusted input lives here, so a reviewer can see in one
 * place how much of anything hostile input can make ward do. Each limit is
 * tested at, just under and just over its value.
 */

/* JSON documents: size of one document and nesting depth. */
#define JSON_FILE_MAX (256u << 20)
#define JSON_DEPTH_MAX 256

/* YAML streams. */
#define YAML_FILE_MAX (64u << 20)
#define YAML_DEPTH_MAX 256
/* Nodes in one stream. A node costs about 110 bytes of arena with its
   share of the parent's item or pair array, so this caps one stream's
   tree near 230 MB; a realistic 10 MB manifest has about 1.5M nodes. */
#define YAML_NODES_MAX 2000000u
#define YAML_ALIAS_EXPAND_MAX 1000000u /* nodes reachable through aliases */
#define YAML_DOCS_MAX 100000u /* documents in one stream */

/* Configuration checks (ward config). */
#define CONFIG_FILE_MAX (16u << 20) /* one manifest, Dockerfile, ... */
#define CONFIG_OBJECTS_MAX 200000u /* Kubernetes objects in one run */
#define CONFIG_LIST_DEPTH_MAX 8 /* Lists nested in Lists */
#define CONFIG_FINDINGS_MAX 1000000u /* findings in one run */
/* Label comparisons spent matching NetworkPolicy selectors to workloads
   in one run; past it, policies left unmatched are not reported. */
#define CONFIG_SELECTOR_WORK_MAX 20000000u
#define CONFIG_WALK_DEPTH_MAX 128 /* directories nested in a walk */

/* Dockerfiles (the file itself is capped by CONFIG_FILE_MAX). */
#define DOCKERFILE_LINE_MAX (1u << 20) /* bytes in one physical line */
#define DOCKERFILE_INSTRS_MAX 100000u /* instructions in one file */
#define DOCKERFILE_CONT_LINES_MAX 1000000u /* physical lines, one instr. */
#define DOCKERFILE_HEREDOCS_MAX 64u /* heredocs in one instruction */
#define DOCKERFILE_STAGES_MAX 1000u /* FROM instructions */
#define DOCKERFILE_VARS_MAX 10000u /* ARG and ENV names in one stage */
#define DOCKERFILE_SUBST_DEPTH_MAX 16 /* ${a:-${b:-...}} nesting */
#define DOCKERFILE_EXPAND_MAX (1u << 20) /* bytes of one expanded word */
#define DOCKERFILE_EXPAND_TOTAL_MAX (64u << 20) /* expanded, whole file */
#define DOCKERFILE_SHELL_DEPTH_MAX 4 /* sh -c "sh -c '...'" analysed */

/* Paths inside an untrusted root. */
#define FS_PATH_MAX 4096 /* bytes in one path, as PATH_MAX */
#define FS_SYMLINKS_MAX 40 /* links followed in one resolution */
#define FS_DEPTH_MAX 1024 /* directories open in one walk */
#define FS_TEXT_FILE_MAX (64u << 20) /* a text file read whole */

/* Analyzers. */
#define WARNINGS_MAX 1000		/* warnings kept per scan */
#define PKG_DB_MAX (256u << 20)		/* one package database file */
#define PKGS_MAX 1000000u		/* packages in one database */
#define OS_RELEASE_MAX (64u << 10)	/* os-release and similar files */
#define PKGDB_LINE_MAX (64u << 10)	/* one line of a dpkg or apk database */

/* Image archives and layers. */
#define ARCHIVE_ENTRIES_MAX 100000u	/* entries in an outer image tar */
#define TAR_PAX_MAX (1u << 20)		/* one pax extended header */
#define IMAGE_JSON_MAX (16u << 20)	/* index, manifest or config */
#define INDEX_DEPTH_MAX 8		/* nested image indexes */
#define LAYERS_MAX 1000u		/* layers in one manifest */
#define LAYER_ENTRIES_MAX 5000000u	/* entries in one layer */
#define LAYER_BYTES_MAX (64ull << 30)	/* uncompressed bytes in one layer */
#define LAYER_RATIO_MAX 1100		/* uncompressed / compressed bytes */
#define LAYER_RATIO_FLOOR (64u << 20)	/* ratio checked past this size */
#define LAYER_WHITEOUTS_MAX 1000000u	/* whiteouts in one layer */
#define CACHE_ENTRY_MAX (64u << 20)	/* one layer cache file */
#define GOBIN_MAX (256u << 20)		/* an executable read for build info */

/* Secret scanning: rules files, rules, scanned files and findings. */
#define SECRET_RULES_FILE_MAX (4u << 20) /* one rules file */
#define SECRET_RULES_MAX 2000u		/* rules after merging */
#define SECRET_RULE_LINE_MAX 4096	/* one line of a rules file */
#define SECRET_KEYWORDS_MAX 32		/* keywords of one rule */
#define SECRET_ALLOW_MAX 256		/* allowlist entries of one kind */
#define SECRET_FILE_MAX (4ull << 30)	/* a file scanned for secrets */
#define SECRET_READ_WHOLE_MAX (32u << 20) /* read whole; larger: streamed */
#define SECRET_BINARY_PROBE (8u << 10)	/* bytes probed for NUL */
#define SECRET_WINDOW_BACK 512		/* bytes searched before a hit */
#define SECRET_WINDOW_FWD 1024		/* bytes searched after a hit */
#define SECRET_BLOCK_FWD (16u << 10)	/* after a hit, for multi-line rules */
#define SECRET_MATCH_MAX (64u << 10)	/* a window grows to this past its hit */
#define SECRET_FINDINGS_MAX 1000u	/* findings kept per file */
#define SECRET_MAGIC_MAX 16		/* bytes of one file rule's magic */
#define SECRET_MAGICS_MAX 8		/* magic values of one file rule */
#define SECRET_MATCH_LIMIT 100000u	/* PCRE2 match limit per attempt */

/* Buffered output and messages. */
#define LOG_LINE_MAX 4096
#define REPORT_OUTPUT_MAX (1u << 30)

#endif
