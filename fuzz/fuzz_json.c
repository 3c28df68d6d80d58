/*
 * Fuzz target for the JSON reader and writer: parse the input; if it
 * parses, walk the tree and write every string back out through the
 * writer, then parse the writer's output again, which must succeed.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

#include "ward/err.h"
#include "ward/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(struct json_object *o, struct jsonw *w, int depth)
{
	struct str s;

	if (depth > 300)
		abort(); /* the depth limit did not hold */
	if (json_is_object(o)) {
		jsonw_obj_begin(w);
		json_object_object_foreach(o, k, v)
		{
			jsonw_key(w, k);
			walk(v, w, depth + 1);
		}
		jsonw_obj_end(w);
	} else if (json_is_array(o)) {
		jsonw_arr_begin(w);
		for (size_t i = 0; i < json_array_len(o); i++)
			walk(json_array_at(o, i), w, depth + 1);
		jsonw_arr_end(w);
	} else if (json_str(o, &s)) {
		jsonw_strv(w, s);
	} else if (json_object_is_type(o, json_type_int)) {
		jsonw_int(w, json_object_get_int64(o));
	} else if (json_object_is_type(o, json_type_double)) {
		jsonw_double(w, json_object_get_double(o));
	} else if (json_object_is_type(o, json_type_boolean)) {
		jsonw_bool(w, json_object_get_boolean(o));
	} else {
		jsonw_null(w);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object *o = NULL, *o2 = NULL;
	struct ward_err err;
	char *out = NULL;
	size_t len = 0;
	struct jsonw *w;
	FILE *f;
	int r;

	if (json_parse(str_make((const char *)data, size), &o, &err) < 0)
		return 0;
	f = open_memstream(&out, &len);
	if (!f)
		abort();
	w = jsonw_new(f, size & 1);
	walk(o, w, 0);
	/* The writer nests at most 64 levels, the reader 256: deeper input
	 * makes the writer report -EINVAL, by design. A write error is a bug,
	 * and so is balanced output that does not parse again. */
	r = jsonw_free(w);
	if (r == -EIO)
		abort();
	fclose(f);
	if (r == 0 && json_parse(str_make(out, len), &o2, &err) < 0)
		abort();
	json_object_put(o2);
	json_object_put(o);
	free(out);
	return 0;
}
