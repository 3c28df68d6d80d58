/*
 * Reading an SBOM back into an inventory, for 'ward sbom FILE'. The file
 * is untrusted JSON from any producer: it goes through the capped JSON
 * reader, every string is copied into the scan's arena, and anything
 * ward cannot identify (a component without a usable package URL) is
 * counted and reported rather than guessed at.
 */

#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/limits.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode n bytes into the arena; NULL on a bad escape. */
static const char *
decode(struct arena *a, const char *s, size_t n)
{
	char *o = arena_alloc(a, n + 1), *d = o;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			*d++ = s[i];
			continue;
		}
		if (i + 2 >= n + 0 && i + 2 > n - 1 + 1)
			return NULL;
		if (hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
			return NULL;
		*d++ = (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
		i += 2;
	}
	*d = '\0';
	return o;
}

static void
parse_quals(struct arena *a, const char *q, const char *const *keys,
    const char **vals, size_t nkeys)
{
	while (q && *q) {
		size_t n = strcspn(q, "&"), kl = strcspn(q, "=");

		for (size_t k = 0; kl < n && k < nkeys; k++)
			if (strlen(keys[k]) == kl &&
			    strncmp(q, keys[k], kl) == 0)
				vals[k] = decode(a, q + kl + 1, n - kl - 1);
		q += n + (q[n] == '&');
	}
}

int
purl_parse(struct arena *a, const char *purl, struct purl_parts *out,
    const char *const *keys, const char **vals, size_t nkeys,
    struct ward_err *err)
{
	const char *p, *q, *at, *slash, *end;
	char *path;

	for (size_t k = 0; k < nkeys; k++)
		vals[k] = NULL;
	memset(out, 0, sizeof(*out));
	if (strncmp(purl, "pkg:", 4) != 0)
		return err_set(err, EINVAL, "not a package URL");
	p = purl + 4;
	while (*p == '/')
		p++;
	end = p + strcspn(p, "#");
	q = memchr(p, '?', (size_t)(end - p));
	if (q)
		parse_quals(a, arena_strndup(a, q + 1, (size_t)(end - q - 1)),
		    keys, vals, nkeys);
	else
		q = end;
	slash = memchr(p, '/', (size_t)(q - p));
	if (!slash || slash == p)
		return err_set(err, EINVAL, "package URL without a type");
	out->type = arena_strndup(a, p, (size_t)(slash - p));
	path = arena_strndup(a, slash + 1, (size_t)(q - slash - 1));
	at = strrchr(path, '@');
	if (at) {
		out->version = decode(a, at + 1, strlen(at + 1));
		path[at - path] = '\0';
	}
	slash = strrchr(path, '/');
	out->name = decode(a, slash ? slash + 1 : path,
	    strlen(slash ? slash + 1 : path));
	if (slash)
		out->ns = decode(a, path, (size_t)(slash - path));
	if (!out->name || !*out->name || (at && !out->version))
		return err_set(err, EINVAL, "malformed package URL");
	return 0;
}
