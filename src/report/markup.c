/*
 * Escaping shared by the writers that emit markup or URIs: XML character
 * data (JUnit) and relative URI references for paths (SARIF). Input is
 * untrusted text; nothing raw reaches the output.
 */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/str.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* Is the valid UTF-8 sequence p[0..n) (n >= 2) allowed? Not the C1
 * controls, nor U+FFFE and U+FFFF. */
static bool
xml_char_ok(const unsigned char *p, size_t n)
{
	if (n == 2)
		return !(p[0] == 0xc2 && p[1] < 0xa0);
	if (n == 3)
		return !(p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe);
	return true;
}

static void
xml_ascii(FILE *f, unsigned char c, bool attr)
{
	switch (c) {
	case '&':
		fputs("&amp;", f);
		break;
	case '<':
		fputs("&lt;", f);
		break;
	case '>':
		fputs("&gt;", f);
		break;
	case '"':
		fputs("&quot;", f);
		break;
	case '\'':
		fputs("&apos;", f);
		break;
	case '\t':
	case '\n':
		/* An attribute would turn a raw one into a space. */
		if (attr)
			fprintf(f, "&#%d;", c);
		else
			fputc(c, f);
		break;
	default:
		if (c < 0x20 || c == 0x7f)
			fputs(REPLACEMENT, f);
		else
			fputc(c, f);
	}
}

/* 's' as XML character data; 'attr': inside a quoted attribute. */
void
report_xml_put(FILE *f, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);

	while (n > 0) {
		size_t k = utf8_seq_len(p, n);

		if (k == 1)
			xml_ascii(f, *p, attr);
		else if (k == 0 || !xml_char_ok(p, k))
			fputs(REPLACEMENT, f);
		else
			fwrite(p, 1, k, f);
		k = k ? k : 1;
		p += k;
		n -= k;
	}
}

/* A relative URI reference for a path: every byte outside the
 * unreserved set and '/' percent-encoded. */
const char *
report_path_uri(struct arena *a, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *out = arena_alloc(a, n * 3 + 2), *o = out;

	if (n == 0)
		return ".";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}
