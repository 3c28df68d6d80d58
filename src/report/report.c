/*
 * The report model: targets and their findings, with all strings in the
 * scan's arena. Arrays grow in the arena, so a report is released with
 * the arena and never owns heap memory of its own.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/report.h"

static const char *const sev_names[SEV_COUNT] = {
    "UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

const char *
severity_name(enum severity s)
{
	return (unsigned)s < SEV_COUNT ? sev_names[s] : "UNKNOWN";
}

int
severity_parse(const char *name, enum severity *out)
{
	for (int i = 0; i < SEV_COUNT; i++) {
		if (strcasecmp(name, sev_names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -EINVAL;
}

int
severity_parse_list(const char *list, unsigned *mask, struct ward_err *err)
{
	char word[32];
	unsigned m = 0;
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		enum severity s;

		if (n == 0 || n >= sizeof(word))
			return err_set(
			    err, EINVAL, "bad severity list '%s'", list);
		memcpy(word, p, n);
		word[n] = '\0';
		if (severity_parse(word, &s) < 0)
			return err_set(err, EINVAL,
			    "unknown severity '%s' (use UNKNOWN, LOW, MEDIUM, "
			    "HIGH, CRITICAL)",
			    word);
		m |= 1u << s;
		p += n;
		if (*p == ',')
			p++;
	}
	if (m == 0)
		return err_set(err, EINVAL, "empty severity list");
	*mask = m;
	return 0;
}

void
report_init(struct report *r, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
}

struct report_target *
report_add_target(struct report *r, const char *name, const char *type)
{
	struct report_target *t;

	if (r->ntargets == r->captargets) {
		size_t cap = r->captargets ? r->captargets * 2 : 4;

		r->targets = arena_realloc(r->arena, r->targets, r->ntargets,
		    cap, sizeof(*r->targets));
		r->captargets = cap;
	}
	t = &r->targets[r->ntargets++];
	memset(t, 0, sizeof(*t));
	t->name = arena_strdup(r->arena, name);
	t->type = arena_strdup(r->arena, type);
	return t;
}

struct finding *
report_add_finding(struct report *r, struct report_target *t)
{
	struct finding *f;

	if (t->nfindings == t->capfindings) {
		size_t cap = t->capfindings ? t->capfindings * 2 : 8;

		t->findings = arena_realloc(r->arena, t->findings, t->nfindings,
		    cap, sizeof(*t->findings));
		t->capfindings = cap;
	}
	f = &t->findings[t->nfindings++];
	memset(f, 0, sizeof(*f));
	return f;
}

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((c = cmp_str(a->id, b->id)) != 0)
		return c;
	if ((c = cmp_str(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return 0;
}

void
report_sort(struct report *r)
{
	for (size_t i = 0; i < r->ntargets; i++)
		if (r->targets[i].nfindings > 1)
			qsort(r->targets[i].findings, r->targets[i].nfindings,
			    sizeof(struct finding), cmp_finding);
}

size_t
report_count(const struct report *r, unsigned mask)
{
	size_t n = 0;

	for (size_t i = 0; i < r->ntargets; i++)
		for (size_t j = 0; j < r->targets[i].nfindings; j++)
			if (!mask ||
			    (mask & (1u << r->targets[i].findings[j].severity)))
				n++;
	return n;
}
