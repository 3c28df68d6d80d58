#ifndef WARD_JSON_H
#define WARD_JSON_H

/*
 * Reading JSON through json-c with a depth limit and a size cap, accessors
 * that return string views, and a streaming writer for reports that emits
 * valid JSON for any bytes (invalid UTF-8 becomes U+FFFD).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ward/str.h"

struct json_object;
struct ward_err;

/*
 * Parse one JSON document that fills 'text' (trailing whitespace allowed).
 * Rejects documents over JSON_FILE_MAX (-EFBIG), nested deeper than
 * JSON_DEPTH_MAX (-EFBIG, "nesting deeper than 256"), and malformed or
 * truncated text (-EBADMSG, err names the byte offset). On success the
 * caller owns *out (json_object_put).
 */
int json_parse(struct str text, struct json_object **out, struct ward_err *err);

/* The same with a caller-chosen depth cap (<= JSON_DEPTH_MAX). */
int json_parse_depth(
    struct str text, int depth, struct json_object **out, struct ward_err *err);

/* Member 'key' of an object, or NULL when 'o' is not an object or the
 * key is absent. */
struct json_object *json_get(const struct json_object *o, const char *key);
/* Member 'key' as a string view; false when absent or not a string. */
bool
json_get_str(const struct json_object *o, const char *key, struct str *out);
/* A string node as a view; false when 'o' is not a string. */
bool json_str(const struct json_object *o, struct str *out);
/* Member 'key' as a non-negative integer no greater than 'max'. */
bool json_get_u64(
    const struct json_object *o, const char *key, uint64_t max, uint64_t *out);
bool json_is_object(const struct json_object *o);
bool json_is_array(const struct json_object *o);
size_t json_array_len(const struct json_object *o);
struct json_object *json_array_at(const struct json_object *o, size_t i);

/* The streaming writer. */
struct jsonw;

/*
 * A writer on 'f' (borrowed). 'pretty' indents with two spaces. Errors
 * from 'f' are collected and reported by jsonw_free().
 */
struct jsonw *jsonw_new(FILE *f, bool pretty);
/* Finish; returns 0, -EIO when a write failed, or -EINVAL when the
 * containers were not balanced. Accepts NULL. */
int jsonw_free(struct jsonw *w);

void jsonw_obj_begin(struct jsonw *w);
void jsonw_obj_end(struct jsonw *w);
void jsonw_arr_begin(struct jsonw *w);
void jsonw_arr_end(struct jsonw *w);
/* An object key; the next value call writes its value. */
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_str(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_strv(struct jsonw *w, struct str s);
void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_uint(struct jsonw *w, uint64_t v);
/* A finite double ("%.17g"-exact); NaN and infinities write null. */
void jsonw_double(struct jsonw *w, double v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);

/* key + value in one call. */
void jsonw_kv_str(struct jsonw *w, const char *key, const char *s);
void jsonw_kv_strv(struct jsonw *w, const char *key, struct str s);
void jsonw_kv_int(struct jsonw *w, const char *key, int64_t v);
void jsonw_kv_uint(struct jsonw *w, const char *key, uint64_t v);
void jsonw_kv_bool(struct jsonw *w, const char *key, bool v);

/*
 * Append the JSON string literal for 's' (quotes included) to 'f'. Valid
 * UTF-8 is copied; control characters are escaped; each byte of an
 * invalid sequence becomes \ufffd. Returns false on a write error.
 */
bool json_write_string(FILE *f, struct str s);

#endif
