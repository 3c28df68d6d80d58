/*
 * The vulnerability report as JUnit XML, the format CI dashboards (GitLab,
 * Jenkins, Azure Pipelines) read: <testsuites> holding one <testsuite>
 * for the target, with one <testcase> per scanned package that fails
 * when the package has findings, listed in the <failure>. Package names,
 * versions and advisory text are untrusted, and XML 1.0 cannot carry
 * every byte: markup characters become entities, characters XML 1.0
 * forbids (C0 controls but tab and line breaks, U+FFFE, U+FFFF) and
 * bytes that are not UTF-8 become U+FFFD, and C1 controls and DEL do too,
 * since a CI log would pass them to a terminal. Nothing is put in CDATA,
 * so "]]>" in data is just text.
 */

#include <errno.h>
#include <string.h>
#include <sys/types.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/match.h"
#include "ward/scanreport.h"
#include "ward/str.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

struct junit {
	const struct scan_report *r;
	FILE *f;
	ssize_t *head; /* per package: its first listed finding, or -1 */
	ssize_t *next; /* per finding: the package's next one, or -1 */
	size_t tests, failures;
};

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
static void
xml_put(FILE *f, const char *s, bool attr)
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

/* Bucket the listed findings by package, keeping their order. */
static void
bucket(struct arena *a, struct junit *j)
{
	const struct match_result *m = j->r->vulns;
	const struct inventory *inv = j->r->inv;
	size_t np = inv->pkgs.n, nv = m ? m->n : 0;
	ssize_t *tail = arena_alloc(a, (np ? np : 1) * sizeof(*tail));

	j->head = arena_alloc(a, (np ? np : 1) * sizeof(*j->head));
	j->next = arena_alloc(a, (nv ? nv : 1) * sizeof(*j->next));
	for (size_t i = 0; i < np; i++)
		j->head[i] = tail[i] = -1;
	j->tests = np;
	for (size_t i = 0; i < nv; i++) {
		ssize_t p = report_pkg_index(inv, m->v[i].pkg);

		j->next[i] = -1;
		if (!report_finding_listed(j->r, i))
			continue;
		if (p < 0) {
			/* Not an inventory package: a test case of its own. */
			j->tests++;
			j->failures++;
			continue;
		}
		if (j->head[p] < 0) {
			j->head[p] = (ssize_t)i;
			j->failures++;
		} else {
			j->next[tail[p]] = (ssize_t)i;
		}
		tail[p] = (ssize_t)i;
	}
}

static void
failure_line(FILE *f, const struct vuln_match *v)
{
	fputs("\n", f);
	xml_put(f, v->info.id, false);
	fprintf(f, " %s%s installed ", severity_name(report_match_severity(v)),
	    v->info.kev ? " [KEV]" : "");
	xml_put(f, v->installed, false);
	fputs(v->nfixed ? ", fixed in " : ", no fix available", f);
	for (size_t i = 0; i < v->nfixed; i++) {
		fputs(i ? ", " : "", f);
		xml_put(f, v->fixed[i], false);
	}
	if (v->info.summary) {
		fputs(": ", f);
		xml_put(f, v->info.summary, false);
	}
}

/* The <failure> for findings first, first + ... (chained by 'next'). */
static void
write_failure(struct junit *j, ssize_t first)
{
	const struct vuln_match *v = j->r->vulns->v;
	size_t by[SEV_COUNT] = {0}, n = 0;
	enum severity top = SEV_UNKNOWN;
	const char *sep = " (";

	for (ssize_t i = first; i >= 0; i = j->next[i]) {
		enum severity s = report_match_severity(&v[i]);

		by[s]++;
		n++;
		top = s > top ? s : top;
	}
	fprintf(j->f, "      <failure message=\"%zu %s", n,
	    n == 1 ? "vulnerability" : "vulnerabilities");
	for (int s = SEV_COUNT - 1; s >= 0; s--) {
		if (!by[s])
			continue;
		fprintf(j->f, "%s%s: %zu", sep, severity_name((enum severity)s),
		    by[s]);
		sep = ", ";
	}
	fprintf(j->f, ")\" type=\"%s\">", severity_name(top));
	for (ssize_t i = first; i >= 0; i = j->next[i])
		failure_line(j->f, &v[i]);
	fputs("\n      </failure>\n", j->f);
}

static void
testcase(struct junit *j, const char *name, const char *version, ssize_t first)
{
	fputs("    <testcase classname=\"", j->f);
	xml_put(j->f, name, true);
	fputs("\" name=\"", j->f);
	xml_put(j->f, name, true);
	fputc('@', j->f);
	xml_put(j->f, version, true);
	if (first < 0) {
		fputs("\"/>\n", j->f);
		return;
	}
	fputs("\">\n", j->f);
	write_failure(j, first);
	fputs("    </testcase>\n", j->f);
}

static void
write_cases(struct junit *j)
{
	const struct inventory *inv = j->r->inv;
	const struct match_result *m = j->r->vulns;

	for (size_t i = 0; i < inv->pkgs.n; i++)
		testcase(
		    j, inv->pkgs.v[i].name, inv->pkgs.v[i].version, j->head[i]);
	for (size_t i = 0; m && i < m->n; i++)
		if (report_finding_listed(j->r, i) &&
		    report_pkg_index(inv, m->v[i].pkg) < 0)
			testcase(
			    j, m->v[i].package, m->v[i].installed, (ssize_t)i);
}

int
scanreport_write_junit(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	struct junit j = {.r = r, .f = f};

	bucket(a, &j);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
	    "<testsuites name=\"ward\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\">\n",
	    j.tests, j.failures);
	fputs("  <testsuite name=\"", f);
	xml_put(f, r->inv->target, true);
	fprintf(f,
	    "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"0\">\n",
	    j.tests, j.failures);
	write_cases(&j);
	fputs("  </testsuite>\n</testsuites>\n", f);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, EIO, "writing the JUnit report failed");
	return 0;
}
