#ifndef WARD_SECRET_INTERNAL_H
#define WARD_SECRET_INTERNAL_H
/* Shared between the secret module's files: the parsed rule set. */
#include <stdbool.h>
#include <stddef.h>

#include "ward/limits.h"
#include "ward/secret.h"

/* A list of NUL-terminated strings in the rules' arena. */
struct secret_list {
	char **v;
	size_t n;
};

/* Leading bytes a file rule's file must start with. */
struct secret_magic {
	unsigned char b[SECRET_MAGIC_MAX];
	unsigned len;
};

struct secret_rule {
	char *id;
	char *title;
	enum secret_severity severity;
	struct secret_list keywords; /* lower-case literals */
	char *regex; /* PCRE2 source */
	unsigned group; /* capture group holding the secret */
	double entropy; /* minimum bits per byte; 0 = none */
	bool multiline; /* the secret may span lines */
	struct secret_list paths; /* rule applies only to these */
	struct secret_list allow_paths;
	struct secret_list allow_values;
	struct secret_list stopwords; /* lower-case substrings */
	/* A file rule: the whole file is the finding (no regex, keywords). */
	char *file; /* PCRE2 source matched against the path */
	struct secret_magic *magic; /* any of these; none = any content */
	size_t nmagic;
};

struct secret_rules {
	struct arena *a;
	char *version;
	struct secret_rule *v;
	size_t n, cap;
	struct secret_rule global; /* only its allow and stopword lists */
	struct secret_list disabled;
};

#endif
