/*
 * The vulnerability report as JUnit XML, the format CI dashboards (GitLab,
 * Jenkins, Azure Pipelines) read: <testsuites> holding one <testsuite>
 * for the target, with one <testcase> per scanned package that fails
 * when the package has findings, listed in the <failure>, and one failing
 * <testcase> per secret (its redacted match, never the secret). Package names,
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
#include "ward/secret.h"
#include "ward/str.h"

struct junit {
	const struct scan_report *r;
	FILE *f;
	ssize_t *head; /* per package: its first listed finding, or -1 */
	ssize_t *next; /* per finding: the package's next one, or -1 */
	size_t tests, failures;
};

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
	report_xml_put(f, v->info.id, false);
	fprintf(f, " %s%s installed ", severity_name(report_match_severity(v)),
	    v->info.kev ? " [KEV]" : "");
	report_xml_put(f, v->installed, false);
	fputs(v->nfixed ? ", fixed in " : ", no fix available", f);
	for (size_t i = 0; i < v->nfixed; i++) {
		fputs(i ? ", " : "", f);
		report_xml_put(f, v->fixed[i], false);
	}
	if (v->info.summary) {
		fputs(": ", f);
		report_xml_put(f, v->info.summary, false);
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
	report_xml_put(j->f, name, true);
	fputs("\" name=\"", j->f);
	report_xml_put(j->f, name, true);
	fputc('@', j->f);
	report_xml_put(j->f, version, true);
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

/* Layers mean something only for an image (a directory is "layer 0"). */
static bool
is_image(const struct inventory *inv)
{
	const char *k = inv->source_kind;

	return !k ||
	    (strcmp(k, "directory") != 0 && strcmp(k, "rootfs-archive") != 0);
}

/*
 * A secret is a test case of its own that fails: classname "secret",
 * named by rule and place (two secrets of one rule on one line differ by
 * column), with the redacted match and the fingerprint in the failure,
 * never the secret.
 */
static void
secret_case(struct junit *j, const struct secret_hit *h, bool layers)
{
	static const char *const upper[] = {
	    "LOW", "MEDIUM", "HIGH", "CRITICAL"};
	const char *sev =
	    (unsigned)h->f.severity < 4 ? upper[h->f.severity] : "UNKNOWN";
	FILE *f = j->f;

	fputs("    <testcase classname=\"secret\" name=\"", f);
	report_xml_put(f, h->f.rule_id, true);
	fputs(" at ", f);
	report_xml_put(f, h->path, true);
	fprintf(
	    f, ":%u:%u\">\n      <failure message=\"", h->f.line, h->f.column);
	report_xml_put(f, h->f.title, true);
	fprintf(f, "\" type=\"%s\">\n", sev);
	report_xml_put(f, h->f.rule_id, false);
	fprintf(f, " %s in ", sev);
	report_xml_put(f, h->path, false);
	fprintf(f, " line %u, column %u", h->f.line, h->f.column);
	if (layers && h->layer >= 0)
		fprintf(
		    f, " (layer %d%s", h->layer, h->removed_by >= 0 ? "" : ")");
	if (layers && h->layer >= 0 && h->removed_by >= 0)
		fprintf(f, ", deleted in layer %d)", h->removed_by);
	fputs(": ", f);
	report_xml_put(f, h->f.excerpt, false);
	fprintf(
	    f, "\nfingerprint sha256:%s\n      </failure>\n", h->f.fingerprint);
	fputs("    </testcase>\n", f);
}

int
scanreport_write_junit(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	struct junit j = {.r = r, .f = f};

	bucket(a, &j);
	if (r->inv->secrets_scanned) {
		j.tests += r->inv->secrets.n;
		j.failures += r->inv->secrets.n;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
	    "<testsuites name=\"ward\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\">\n",
	    j.tests, j.failures);
	fputs("  <testsuite name=\"", f);
	report_xml_put(f, r->inv->target, true);
	fprintf(f,
	    "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"0\">\n",
	    j.tests, j.failures);
	write_cases(&j);
	for (size_t i = 0; r->inv->secrets_scanned && i < r->inv->secrets.n;
	     i++)
		secret_case(&j, &r->inv->secrets.v[i], is_image(r->inv));
	fputs("  </testsuite>\n</testsuites>\n", f);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, EIO, "writing the JUnit report failed");
	return 0;
}
