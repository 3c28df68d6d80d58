/*
 * JSON input through json-c. The text is untrusted: its size is capped
 * before parsing, json-c's tokener is created with a depth limit (it
 * stops at the first level too deep, so a 100,000-deep document costs
 * nothing), strict mode rejects the extensions json-c would otherwise
 * accept, and a NUL byte anywhere is an error rather than an early end.
 */

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <string.h>

#include "ward/err.h"
#include "ward/json.h"
#include "ward/limits.h"

/* Line and column (1-based) of byte 'off' in 'text'. */
static void
position(struct str text, size_t off, size_t *line, size_t *col)
{
	size_t l = 1, c = 1;

	for (size_t i = 0; i < off && i < text.len; i++) {
		if (text.p[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static int
fail_at(struct str text, size_t off, int code, const char *what,
    struct ward_err *err)
{
	size_t line, col;

	position(text, off, &line, &col);
	return err_set(err, code, "line %zu column %zu: %s", line, col, what);
}

static bool
only_space(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (s.p[i] != ' ' && s.p[i] != '\t' && s.p[i] != '\n' &&
		    s.p[i] != '\r')
			return false;
	return true;
}

static size_t
digits(struct str s, size_t i)
{
	while (i < s.len && s.p[i] >= '0' && s.p[i] <= '9')
		i++;
	return i;
}

/* RFC 8259's number grammar; json-c alone also takes "-" and "01". */
static bool
valid_number(struct str s)
{
	size_t i = 0, j;

	if (i < s.len && s.p[i] == '-')
		i++;
	if (i < s.len && s.p[i] == '0')
		i++;
	else if ((j = digits(s, i)) > i)
		i = j;
	else
		return false;
	if (i < s.len && s.p[i] == '.') {
		if ((j = digits(s, i + 1)) == i + 1)
			return false;
		i = j;
	}
	if (i < s.len && (s.p[i] == 'e' || s.p[i] == 'E')) {
		i++;
		if (i < s.len && (s.p[i] == '+' || s.p[i] == '-'))
			i++;
		if ((j = digits(s, i)) == i)
			return false;
		i = j;
	}
	return i == s.len;
}

static bool
is_number(struct json_object *o)
{
	return json_object_is_type(o, json_type_int) ||
	    json_object_is_type(o, json_type_double);
}

/*
 * json-c accepts NaN and Infinity even in strict mode, and reads 1e999 as
 * infinity; none of them is JSON. The tree is at most JSON_DEPTH_MAX deep.
 */
static bool
all_finite(struct json_object *o, int depth)
{
	if (json_object_is_type(o, json_type_double))
		return isfinite(json_object_get_double(o));
	if (depth > JSON_DEPTH_MAX)
		return false;
	if (json_object_is_type(o, json_type_array)) {
		size_t n = json_object_array_length(o);

		for (size_t i = 0; i < n; i++)
			if (!all_finite(json_object_array_get_idx(o, i),
				depth + 1))
				return false;
	} else if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v)
		{
			(void)k;
			if (v && !all_finite(v, depth + 1))
				return false;
		}
	}
	return true;
}

int
json_parse_depth(
    struct str text, int depth, struct json_object **out, struct ward_err *err)
{
	struct json_tokener *tok;
	struct json_object *o;
	enum json_tokener_error jerr;
	const char *nul;
	size_t end;

	if (text.len > JSON_FILE_MAX)
		return err_set(err, EFBIG, "document of %zu bytes exceeds %u",
		    text.len, JSON_FILE_MAX);
	if (depth < 1 || depth > JSON_DEPTH_MAX)
		depth = JSON_DEPTH_MAX;
	nul = text.len ? memchr(text.p, '\0', text.len) : NULL;
	if (nul)
		return fail_at(text, (size_t)(nul - text.p), EBADMSG,
		    "NUL byte in JSON text", err);
	if (only_space(text))
		return err_set(err, EBADMSG, "empty JSON document");
	tok = json_tokener_new_ex(depth);
	if (!tok)
		return err_set(err, ENOMEM, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, text.p, (int)text.len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (!o && jerr == json_tokener_continue) {
		/* A top-level number ("-4") only ends at the end of input;
		 * json-c learns of that from a NUL, which text cannot hold. */
		o = json_tokener_parse_ex(tok, "", 1);
		jerr = json_tokener_get_error(tok);
		if (jerr == json_tokener_success)
			end = text.len;
		else if (jerr != json_tokener_error_depth)
			jerr = json_tokener_continue; /* reported as truncated */
		if (o && jerr == json_tokener_success && is_number(o) &&
		    !valid_number(str_trim(text))) {
			json_object_put(o);
			o = NULL;
			jerr = json_tokener_error_parse_number;
		}
	}
	json_tokener_free(tok);
	if (jerr == json_tokener_error_depth)
		return fail_at(text, end, EFBIG,
		    depth == JSON_DEPTH_MAX
			? "nesting deeper than 256 levels (JSON_DEPTH_MAX)"
			: "nesting deeper than the limit",
		    err);
	if (jerr == json_tokener_continue)
		return fail_at(text, text.len, EBADMSG,
		    "unexpected end of input (truncated JSON)", err);
	if (jerr != json_tokener_success) {
		json_object_put(o);
		return fail_at(
		    text, end, EBADMSG, json_tokener_error_desc(jerr), err);
	}
	if (!o)
		return err_set(err, EBADMSG, "the document is null");
	if (!all_finite(o, 0)) {
		json_object_put(o);
		return err_set(err, EBADMSG,
		    "NaN, Infinity or a number out of range (not JSON)");
	}
	if (!only_space(str_sub(text, end, text.len))) {
		json_object_put(o);
		return fail_at(text, end, EBADMSG,
		    "trailing data after the JSON document", err);
	}
	*out = o;
	return 0;
}

int
json_parse(struct str text, struct json_object **out, struct ward_err *err)
{
	return json_parse_depth(text, JSON_DEPTH_MAX, out, err);
}

struct json_object *
json_get(const struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!o || !json_object_is_type(o, json_type_object))
		return NULL;
	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

bool
json_str(const struct json_object *o, struct str *out)
{
	if (!o || !json_object_is_type(o, json_type_string))
		return false;
	out->p = json_object_get_string((struct json_object *)o);
	out->len = (size_t)json_object_get_string_len(o);
	return true;
}

bool
json_get_str(const struct json_object *o, const char *key, struct str *out)
{
	return json_str(json_get(o, key), out);
}

bool
json_get_u64(
    const struct json_object *o, const char *key, uint64_t max, uint64_t *out)
{
	struct json_object *v = json_get(o, key);
	uint64_t u;

	if (!v || !json_object_is_type(v, json_type_int))
		return false;
	if (json_object_get_int64(v) < 0)
		return false;
	/* json-c clamps numbers beyond 64 bits to UINT64_MAX without an
	 * error, so that value is taken as an overflow. */
	u = json_object_get_uint64(v);
	if (u == UINT64_MAX || u > max)
		return false;
	*out = u;
	return true;
}

bool
json_is_object(const struct json_object *o)
{
	return o && json_object_is_type(o, json_type_object);
}

bool
json_is_array(const struct json_object *o)
{
	return o && json_object_is_type(o, json_type_array);
}

size_t
json_array_len(const struct json_object *o)
{
	return json_is_array(o) ? json_object_array_length(o) : 0;
}

struct json_object *
json_array_at(const struct json_object *o, size_t i)
{
	if (!json_is_array(o) || i >= json_object_array_length(o))
		return NULL;
	return json_object_array_get_idx(o, i);
}
