/*
 * Fuzz target for CVSS vectors: the input is validated and scored as one
 * vector. Besides memory safety the contract is checked: err is filled
 * exactly when the return is negative, and its message is printable
 * (input is quoted escaped); validation and scoring give the same verdict
 * and version; 'out' is written only on success; a score lies in [0, 10],
 * base_score is score10 / 10, and the severity is the one the version's
 * scale gives for it; only v4.0 names a nomenclature; and the same v3
 * metrics score alike under the 3.0 and 3.1 prefixes, whose base
 * equations differ only in a Roundup that no base vector can tell apart.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/cvss.h"
#include "ward/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The rating a score must carry, written out from the tables. */
static const char *
rating(enum cvss_version v, int s)
{
	if (v == CVSS_V20) /* NVD's ranges */
		return s >= 70 ? "HIGH" : s >= 40 ? "MEDIUM" : "LOW";
	if (s >= 90)
		return "CRITICAL";
	if (s >= 70)
		return "HIGH";
	if (s >= 40)
		return "MEDIUM";
	return s >= 1 ? "LOW" : "NONE";
}

static void
check_err(int r, const struct ward_err *err)
{
	size_t n = strnlen(err->msg, sizeof(err->msg));

	if ((r < 0) != (err->code != 0) || (r < 0 && r != -err->code))
		abort();
	if (n == sizeof(err->msg) || (r < 0 && n == 0))
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)err->msg[i] < 0x20 || err->msg[i] == 0x7f)
			abort();
}

static void
check_score(const struct cvss *c, enum cvss_version ver)
{
	if (c->version != ver || c->score10 < 0 || c->score10 > 100)
		abort();
	if (c->base_score != c->score10 / 10.0)
		abort();
	if (!c->severity || strcmp(c->severity, rating(ver, c->score10)) != 0)
		abort();
	if ((ver == CVSS_V40) != (c->nomenclature != NULL))
		abort();
}

/* v3.0 and v3.1 base scores of the same metrics are equal. */
static void
check_v3_twin(const uint8_t *data, size_t size, const struct cvss *c)
{
	char twin[CVSS_VECTOR_MAX];
	struct ward_err err = {0};
	struct cvss t;

	if (size > sizeof(twin))
		abort(); /* a longer vector cannot have scored */
	memcpy(twin, data, size);
	twin[7] = twin[7] == '0' ? '1' : '0'; /* "CVSS:3.x" */
	if (cvss_score(str_make(twin, size), &t, &err) < 0)
		abort();
	if (t.score10 != c->score10)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str v = str_make((const char *)data, size);
	struct ward_err e1 = {0}, e2 = {0};
	struct cvss c = {.score10 = -1};
	enum cvss_version ver = 0;
	int r1, r2;

	r1 = cvss_score(v, &c, &e1);
	r2 = cvss_validate(v, &ver, &e2);
	check_err(r1, &e1);
	check_err(r2, &e2);
	if (r1 != r2)
		abort();
	if (r1 < 0) {
		if (c.score10 != -1 || ver != 0 || strcmp(e1.msg, e2.msg) != 0)
			abort();
		return 0;
	}
	check_score(&c, ver);
	if (ver == CVSS_V30 || ver == CVSS_V31)
		check_v3_twin(data, size, &c);
	return 0;
}
