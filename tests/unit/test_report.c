/*
 * The report model and its writers: severity parsing, sorting, counts,
 * the JSON report read back by json-c, and the table's escaping of
 * hostile names.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/report.h"

static void
test_severity(void)
{
	struct ward_err err;
	enum severity s;
	unsigned mask = 0;

	T_EQ_INT(severity_parse("critical", &s), 0);
	T_EQ_INT(s, SEV_CRITICAL);
	T_EQ_INT(severity_parse("Medium", &s), 0);
	T_EQ_INT(s, SEV_MEDIUM);
	T_EQ_INT(severity_parse("severe", &s), -EINVAL);
	T_EQ_INT(severity_parse_list("HIGH,CRITICAL", &mask, &err), 0);
	T_EQ_INT(mask, (1u << SEV_HIGH) | (1u << SEV_CRITICAL));
	T_EQ_INT(severity_parse_list("HIGH,,LOW", &mask, &err), -EINVAL);
	T_EQ_INT(severity_parse_list("HIGH,BAD", &mask, &err), -EINVAL);
	T_OK(strstr(err.msg, "'BAD'") != NULL);
	T_EQ_INT(severity_parse_list("", &mask, &err), -EINVAL);
	T_EQ_STR(severity_name(SEV_LOW), "LOW");
	T_EQ_STR(severity_name((enum severity)99), "UNKNOWN");
}

static void
fill(struct report *r)
{
	struct report_target *t = report_add_target(r, "img\033[2J", "image");
	static const enum severity sev[] = {
	    SEV_LOW, SEV_CRITICAL, SEV_HIGH, SEV_CRITICAL, SEV_UNKNOWN};
	static const char *const ids[] = {"B", "Z", "X", "A", "Q"};

	for (size_t i = 0; i < 5; i++) {
		struct finding *f = report_add_finding(r, t);

		f->class = FINDING_VULN;
		f->severity = sev[i];
		f->id = ids[i];
		f->title = "title \xff\033[31m";
		f->path = "etc/\033]0;x\007";
		f->line = (uint32_t)i;
	}
	report_add_target(r, "empty", "filesystem");
}

static void
test_model(void)
{
	struct arena *a = arena_new();
	struct report r;
	const struct report_target *t;

	report_init(&r, a);
	fill(&r);
	T_EQ_INT(r.ntargets, 2);
	T_EQ_INT(report_count(&r, 0), 5);
	T_EQ_INT(report_count(&r, 1u << SEV_CRITICAL), 2);
	report_sort(&r);
	t = &r.targets[0];
	T_EQ_STR(t->findings[0].id, "A"); /* CRITICAL, by id */
	T_EQ_STR(t->findings[1].id, "Z");
	T_EQ_STR(t->findings[2].id, "X");
	T_EQ_STR(t->findings[3].id, "B");
	T_EQ_STR(t->findings[4].id, "Q");
	arena_free(a);
}

static void
test_json_report(void)
{
	struct arena *a = arena_new();
	struct json_object *o = NULL, *targets, *f0, *sum;
	struct ward_err err;
	struct report r;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct str s;
	uint64_t v;

	report_init(&r, a);
	r.tool_version = "9.9";
	fill(&r);
	report_sort(&r);
	T_EQ_INT(report_write_json(&r, f, &err), 0);
	fclose(f);
	T_EQ_INT(json_parse(str_make(out, len), &o, &err), 0);
	T_OK(json_get_u64(o, "schemaVersion", 10, &v) && v == 1);
	targets = json_get(o, "targets");
	T_EQ_INT(json_array_len(targets), 2);
	T_OK(json_get_str(json_array_at(targets, 0), "name", &s) &&
	    str_eq_cstr(s, "img\033[2J")); /* JSON keeps the real bytes */
	f0 = json_array_at(json_get(json_array_at(targets, 0), "findings"), 0);
	T_OK(json_get_str(f0, "severity", &s) && str_eq_cstr(s, "CRITICAL"));
	T_OK(json_get_str(f0, "title", &s) &&
	    str_eq_cstr(s, "title \xef\xbf\xbd\033[31m"));
	sum = json_get(o, "summary");
	T_OK(json_get_u64(sum, "CRITICAL", 10, &v) && v == 2);
	T_OK(json_get_u64(sum, "total", 10, &v) && v == 5);
	json_object_put(o);
	free(out);
	arena_free(a);
}

static void
test_table(void)
{
	struct arena *a = arena_new();
	struct ward_err err;
	struct report r;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	report_init(&r, a);
	fill(&r);
	report_sort(&r);
	T_EQ_INT(report_write_table(&r, f, false, &err), 0);
	fclose(f);
	T_OK(strchr(out, '\033') == NULL); /* no escape survives */
	T_OK(strstr(out, "img\\x1b[2J (image)") != NULL);
	T_OK(strstr(out, "etc/\\x1b]0;x\\x07") != NULL);
	T_OK(strstr(out, "empty (filesystem)\n  no findings") != NULL);
	T_OK(strstr(out, "Total: 5  CRITICAL: 2  HIGH: 1") != NULL);
	free(out);
	f = open_memstream(&out, &len);
	T_EQ_INT(report_write_table(&r, f, true, &err), 0);
	fclose(f);
	T_OK(strstr(out, "\033[1;31mCRITICAL") != NULL); /* our colour only */
	free(out);
	arena_free(a);
}

int
main(void)
{
	test_severity();
	test_model();
	test_json_report();
	test_table();
	return t_done();
}
