/*
 * The table report for people at a terminal. Each cell is escaped with
 * str_escape() before it is measured and printed, so names from hostile
 * images cannot inject terminal control sequences or break the layout.
 */

#include <errno.h>
#include <string.h>

#include "ward/err.h"
#include "ward/report.h"
#include "ward/str.h"

#define CELL_MAX 512
#define TITLE_WIDTH 60

static const char *const sev_color[SEV_COUNT] = {
    "\033[2m", "\033[34m", "\033[33m", "\033[31m", "\033[1;31m"};

/* Display width of UTF-8 text (one column per code point). */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void
pad(FILE *f, size_t n)
{
	while (n-- > 0)
		fputc(' ', f);
}

static void
location(const struct finding *fi, char *dst, size_t len)
{
	char esc[CELL_MAX];
	int n;

	if (!fi->path) {
		snprintf(dst, len, "-");
		return;
	}
	str_escape(esc, sizeof(esc), str_from(fi->path));
	if (fi->line)
		n = snprintf(dst, len, "%s:%u", esc, fi->line);
	else
		n = snprintf(dst, len, "%s", esc);
	if (n < 0)
		dst[0] = '\0';
}

static void
write_target(FILE *f, const struct report_target *t, bool color)
{
	char name[CELL_MAX], id[CELL_MAX], loc[CELL_MAX], title[CELL_MAX];
	size_t wid = 2, wloc = 8;

	str_escape(name, sizeof(name), str_from(t->name));
	fprintf(f, "%s%s%s (%s)\n", color ? "\033[1m" : "", name,
	    color ? "\033[0m" : "", t->type);
	if (t->nfindings == 0) {
		fprintf(f, "  no findings\n\n");
		return;
	}
	for (size_t i = 0; i < t->nfindings; i++) {
		const struct finding *fi = &t->findings[i];
		size_t w;

		str_escape(id, sizeof(id), str_from(fi->id ? fi->id : ""));
		location(fi, loc, sizeof(loc));
		if ((w = width(id)) > wid)
			wid = w;
		if ((w = width(loc)) > wloc)
			wloc = w;
	}
	fprintf(f, "  %-8s  ID", "SEVERITY");
	pad(f, wid - 2);
	fprintf(f, "  LOCATION");
	pad(f, wloc - 8);
	fprintf(f, "  TITLE\n");
	for (size_t i = 0; i < t->nfindings; i++) {
		const struct finding *fi = &t->findings[i];

		str_escape(id, sizeof(id), str_from(fi->id ? fi->id : ""));
		str_escape(title, TITLE_WIDTH + 4,
		    str_from(fi->title ? fi->title : ""));
		location(fi, loc, sizeof(loc));
		fprintf(f, "  %s%-8s%s  %s",
		    color ? sev_color[fi->severity] : "",
		    severity_name(fi->severity), color ? "\033[0m" : "", id);
		pad(f, wid - width(id));
		fprintf(f, "  %s", loc);
		pad(f, wloc - width(loc));
		fprintf(f, "  %s\n", title);
	}
	fputc('\n', f);
}

int
report_write_table(
    const struct report *r, FILE *f, bool color, struct ward_err *err)
{
	for (size_t i = 0; i < r->ntargets; i++)
		write_target(f, &r->targets[i], color);
	fprintf(f, "Total: %zu", report_count(r, 0));
	for (int s = SEV_COUNT - 1; s >= 0; s--)
		fprintf(f, "  %s: %zu", severity_name((enum severity)s),
		    report_count(r, 1u << s));
	fputc('\n', f);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, EIO, "writing the table failed");
	return 0;
}
