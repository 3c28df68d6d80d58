/*
 * The JSON report. Its shape is documented in docs/json-report.md and is
 * versioned by "schemaVersion": fields are only ever added within a
 * version. Every string goes through the writer's escaping.
 */

#include <errno.h>

#include "ward/err.h"
#include "ward/json.h"
#include "ward/report.h"

#define JSON_SCHEMA_VERSION 1

static const char *
class_name(enum finding_class c)
{
	switch (c) {
	case FINDING_VULN:
		return "vulnerability";
	case FINDING_SECRET:
		return "secret";
	case FINDING_MISCONFIG:
		return "misconfiguration";
	case FINDING_NOTE:
		return "note";
	}
	return "unknown";
}

static void
write_finding(struct jsonw *w, const struct finding *f)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "class", class_name(f->class));
	jsonw_kv_str(w, "id", f->id ? f->id : "");
	jsonw_kv_str(w, "severity", severity_name(f->severity));
	jsonw_kv_str(w, "title", f->title ? f->title : "");
	if (f->message)
		jsonw_kv_str(w, "message", f->message);
	if (f->path) {
		jsonw_key(w, "location");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "path", f->path);
		if (f->line)
			jsonw_kv_uint(w, "line", f->line);
		if (f->col)
			jsonw_kv_uint(w, "column", f->col);
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
}

static void
write_summary(struct jsonw *w, const struct report *r)
{
	jsonw_key(w, "summary");
	jsonw_obj_begin(w);
	for (int s = SEV_COUNT - 1; s >= 0; s--)
		jsonw_kv_uint(w, severity_name((enum severity)s),
		    report_count(r, 1u << s));
	jsonw_kv_uint(w, "total", report_count(r, 0));
	jsonw_obj_end(w);
}

int
report_write_json(const struct report *r, FILE *f, struct ward_err *err)
{
	struct jsonw *w = jsonw_new(f, true);
	int ret;

	jsonw_obj_begin(w);
	jsonw_kv_int(w, "schemaVersion", JSON_SCHEMA_VERSION);
	jsonw_key(w, "tool");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", "ward");
	jsonw_kv_str(w, "version", r->tool_version ? r->tool_version : "");
	jsonw_obj_end(w);
	jsonw_key(w, "targets");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < r->ntargets; i++) {
		const struct report_target *t = &r->targets[i];

		jsonw_obj_begin(w);
		jsonw_kv_str(w, "name", t->name);
		jsonw_kv_str(w, "type", t->type);
		jsonw_key(w, "findings");
		jsonw_arr_begin(w);
		for (size_t j = 0; j < t->nfindings; j++)
			write_finding(w, &t->findings[j]);
		jsonw_arr_end(w);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	write_summary(w, r);
	jsonw_obj_end(w);
	ret = jsonw_free(w);
	if (ret == -EIO)
		return err_set(err, EIO, "writing the JSON report failed");
	if (ret < 0)
		return err_set(err, EINVAL, "internal: unbalanced JSON report");
	return 0;
}
