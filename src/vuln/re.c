/*
 * Regular expressions for the version comparators, on PCRE2 (Perl and
 * JavaScript semantics: leftmost alternative first, backtracking). Used
 * where an ecosystem's own tool defines its syntax with regular
 * expressions, so that ward accepts and splits exactly what the tool
 * does. Subjects are untrusted: the match limit bounds the work per match.
 */

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "re.h"
#include "ward/mem.h"

#define MATCH_LIMIT 200000

struct re {
	pcre2_code *code;
	pcre2_match_context *mctx;
};

struct re *
re_compile(const char *pattern, int flags)
{
	struct re *re = xcalloc(1, sizeof(*re));
	uint32_t opts = 0;
	PCRE2_SIZE off;
	int code;

	if (flags & RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RE_DOLLAR_ENDONLY)
		opts |= PCRE2_DOLLAR_ENDONLY;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &code, &off, NULL);
	if (!re->code) {
		fprintf(stderr, "ward: bad built-in pattern at %zu: %s\n",
		    (size_t)off, pattern);
		abort();
	}
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->mctx)
		die_oom();
	pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	return re;
}

bool
re_match(const struct re *re, struct str s, size_t start, struct str *groups,
    size_t ngroups)
{
	const char *base = s.p ? s.p : "";
	pcre2_match_data *md;
	PCRE2_SIZE *ov;
	uint32_t n;
	int rc;

	md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!md)
		die_oom();
	rc = pcre2_match(
	    re->code, (PCRE2_SPTR)base, s.len, start, 0, md, re->mctx);
	if (rc < 0) {
		pcre2_match_data_free(md);
		return false;
	}
	ov = pcre2_get_ovector_pointer(md);
	n = pcre2_get_ovector_count(md);
	for (size_t i = 0; i < ngroups; i++) {
		if (i < n && ov[2 * i] != PCRE2_UNSET)
			groups[i] = (struct str){
			    base + ov[2 * i], ov[2 * i + 1] - ov[2 * i]};
		else
			groups[i] = STR_NULL;
	}
	pcre2_match_data_free(md);
	return true;
}
