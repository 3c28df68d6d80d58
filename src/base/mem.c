/*
 * Allocation that never returns NULL. Running out of memory aborts the
 * process, as in crun and redis: inputs are bounded by limits.h, so an
 * allocation failure means the machine is out of memory, not that the
 * input was hostile.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ward/mem.h"

void
die_oom(void)
{
	static const char msg[] = "ward: out of memory\n";

	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1); /* about to abort */
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die_oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		die_oom();
	return q;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	size_t n;

	if (!size_mul(nmemb, size, &n))
		die_oom();
	return xrealloc(p, n);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = strnlen(s, n);

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
