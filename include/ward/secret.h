#ifndef WARD_SECRET_H
#define WARD_SECRET_H
/*
 * Secret detection: a rule set (ward's own text format, docs/secret-rules.md)
 * and an engine that finds every rule's keywords in one multi-literal pass
 * (Vectorscan, or a byte-table fallback) and confirms each hit with the
 * rule's PCRE2 expression in a bounded window around it. Data is scanned
 * whole (secret_scan) or streamed in pieces in bounded memory
 * (secret_stream_*); both give the same findings. Findings carry a
 * redacted excerpt and a SHA-256 fingerprint, never the secret itself.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/hash.h"
#include "ward/str.h"

struct arena;
struct ward_err;
struct secret_rules;
struct secret_engine;

enum secret_severity {
	SECRET_LOW,
	SECRET_MEDIUM,
	SECRET_HIGH,
	SECRET_CRITICAL,
};

/*
 * Bumped whenever the engine's findings for the same rules text change
 * (what it scans, how it counts lines and columns, how it redacts): the
 * layer cache keeps secret findings under it.
 */
#define SECRET_ENGINE_VERSION 2

/* The built-in rules file, compiled into the binary. */
struct str secret_rules_builtin(void);

/*
 * Parse a rules file. 'text' is borrowed only for the call; the rules own
 * copies. 'name' names the file in messages. Returns 0 with *out set
 * (caller owns; secret_rules_free), -EBADMSG (err names the line) or
 * -EFBIG (over SECRET_RULES_MAX or SECRET_RULES_FILE_MAX).
 */
int secret_rules_parse(struct str text, const char *name,
    struct secret_rules **out, struct ward_err *err);
/*
 * Add the rules and allowlists of 'extra' to 'base' (a rule with an id
 * already present replaces it; "disable = id" lines remove rules).
 * 'extra' is consumed. Returns 0 or -EFBIG.
 */
int secret_rules_merge(struct secret_rules *base, struct secret_rules *extra,
    struct ward_err *err);
void secret_rules_free(struct secret_rules *r);
size_t secret_rules_count(const struct secret_rules *r);
/* The rules file's declared version string ("" when absent). Borrowed. */
const char *secret_rules_version(const struct secret_rules *r);

/*
 * Compile an engine for 'rules' (borrowed; must outlive the engine).
 * Compiling is costly; do it once per process and share the engine, which
 * is read-only afterwards (each scan uses its own scratch). Returns 0,
 * -EINVAL (a rule's expression does not compile; err names it).
 */
int secret_engine_new(const struct secret_rules *rules,
    struct secret_engine **out, struct ward_err *err);
void secret_engine_free(struct secret_engine *e);
/* "vectorscan" or "fallback": which prefilter this build uses. */
const char *secret_engine_prefilter(void);

struct secret_finding {
	const char *rule_id; /* borrowed from the rules */
	const char *title; /* borrowed from the rules */
	enum secret_severity severity;
	/*
	 * Where the secret starts. 'line' is 1-based ('\n' ends a line).
	 * 'column' is 1-based and counts Unicode code points from the line's
	 * start (SARIF's "unicodeCodePoints" column kind): a well-formed
	 * UTF-8 sequence is one column, and each byte that is not part of
	 * one is a column of its own (as Python counts a line decoded with
	 * errors="surrogateescape"). Both stop at UINT32_MAX. 'offset' is in
	 * bytes from the start of the data.
	 */
	uint32_t line;
	uint32_t column;
	uint64_t offset;
	char *excerpt; /* redacted, escaped; in the arena */
	char fingerprint[SHA256_HEX_LEN + 1]; /* hex SHA-256 of the secret */
};

struct secret_result {
	struct secret_finding *v; /* in the arena */
	size_t n;
	bool skipped_binary; /* NUL in the first 8 KiB */
	bool skipped_size; /* over SECRET_FILE_MAX */
	bool truncated; /* more than SECRET_FINDINGS_MAX findings */
};

/*
 * Scan one buffer. 'path' (may be NULL) is matched against path
 * allowlists. Findings go into 'a'. Binary data and data over
 * SECRET_FILE_MAX are skipped (flagged in *out, not an error). Returns 0,
 * or -ENOMEM-class failures from the prefilter library (err set).
 */
int secret_scan(const struct secret_engine *e, struct arena *a, struct str data,
    const char *path, struct secret_result *out, struct ward_err *err);

/*
 * Scan a file in pieces, in memory bounded by about 1 MiB plus twice
 * SECRET_MATCH_MAX whatever its size, with the same findings as
 * secret_scan() on the whole. 'size' is the file's declared size (a tar
 * header's, or st_size): over SECRET_FILE_MAX the file is skipped
 * (*out flags it at the end; feeding it costs nothing), and feeding more
 * than 'size' bytes is refused (-EFBIG). 'path' is borrowed for the
 * call; findings go into 'a'. secret_stream_end() fills *out and frees
 * the stream; after a failed feed, or to give up, call
 * secret_stream_free() instead. Feed returns 0, -EFBIG, or a prefilter
 * failure as secret_scan().
 */
struct secret_stream;
int secret_stream_begin(const struct secret_engine *e, struct arena *a,
    const char *path, uint64_t size, struct secret_stream **out,
    struct ward_err *err);
int secret_stream_feed(
    struct secret_stream *s, struct str data, struct ward_err *err);
int secret_stream_end(
    struct secret_stream *s, struct secret_result *out, struct ward_err *err);
void secret_stream_free(struct secret_stream *s);
/*
 * For tests and fuzzing: prefilter at most 'step' bytes (1 .. 1 MiB) per
 * internal step, so that step boundaries fall inside small inputs.
 */
void secret_stream_set_step(struct secret_stream *s, size_t step);

/* Shannon entropy of 's' in bits per byte (0 for an empty string). */
double secret_entropy(struct str s);
const char *secret_severity_name(enum secret_severity s);

#endif
