/*
 * Content digests as OCI writes them: "algorithm:encoded". Only sha256 is
 * accepted for now (the registries' default); anything else is reported
 * as unsupported rather than skipped, since an unchecked blob must never
 * be trusted.
 */

#include <errno.h>
#include <string.h>

#include "internal.h"
#include "ward/err.h"

int
digest_parse(struct str d, const char **hex, struct ward_err *err)
{
	static const struct str prefix = STR("sha256:");

	if (!str_starts_with(d, prefix)) {
		if (str_find_char(d, ':') > 0)
			return err_set(err, ENOTSUP,
			    "unsupported digest algorithm in '%.*s'",
			    STR_FMT(str_sub(d, 0, 80)));
		return err_set(err, EBADMSG, "malformed digest '%.*s'",
		    STR_FMT(str_sub(d, 0, 80)));
	}
	if (d.len != prefix.len + SHA256_HEX_LEN)
		return err_set(err, EBADMSG, "malformed digest '%.*s'",
		    STR_FMT(str_sub(d, 0, 80)));
	for (size_t i = prefix.len; i < d.len; i++) {
		char c = d.p[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return err_set(err, EBADMSG, "malformed digest '%.*s'",
			    STR_FMT(str_sub(d, 0, 80)));
	}
	*hex = d.p + prefix.len;
	return 0;
}

void
digest_format(const uint8_t raw[SHA256_LEN], char out[72])
{
	memcpy(out, "sha256:", 7);
	hex_encode(raw, SHA256_LEN, out + 7);
}
