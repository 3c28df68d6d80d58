/*
 * Fuzz target for every version comparator and the two range matchers.
 * The first byte picks the ecosystem (and, with its high bit, a range
 * match instead of a comparison); the rest is split at the first TAB or
 * NUL into two strings. Besides crashes and undefined behaviour it checks
 * what must hold for any input: a comparison succeeds or fails the same
 * way both ways round, cmp(a, b) == -cmp(b, a), cmp(a, a) == 0 for a
 * valid a, and errors always carry a message. A violation aborts.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/err.h"
#include "ward/vercmp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_cmp(enum ecosystem eco, struct str a, struct str b)
{
	struct ward_err err = {0};
	int ab = 9, ba = 9, aa = 9;
	int r1 = vercmp(eco, a, b, &ab, &err);
	int r2 = vercmp(eco, b, a, &ba, &err);

	if ((r1 < 0) != (r2 < 0))
		abort(); /* an error must not depend on the order */
	if (r1 < 0) {
		if (err.msg[0] == '\0' || (ab != 9 || ba != 9))
			abort(); /* errors are named; out is left alone */
		return;
	}
	if (ab < -1 || ab > 1 || ab != -ba)
		abort(); /* antisymmetry */
	if (vercmp(eco, a, a, &aa, &err) < 0 || aa != 0)
		abort(); /* reflexivity */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum ecosystem eco;
	struct str a, b;
	size_t cut;
	bool sat;

	if (size < 1)
		return 0;
	eco = (enum ecosystem)((data[0] & 0x7f) % ECO_COUNT);
	for (cut = 1; cut < size && data[cut] != '\t' && data[cut] != '\0';
	     cut++)
		;
	a = (struct str){(const char *)data + 1, cut - 1};
	b = cut < size
	    ? (struct str){(const char *)data + cut + 1, size - cut - 1}
	    : STR("");
	if (data[0] & 0x80) {
		struct ward_err err = {0};

		if (vercmp_range_satisfies(eco, a, b, &sat, &err) < 0 &&
		    err.msg[0] == '\0')
			abort();
		return 0;
	}
	check_cmp(eco, a, b);
	return 0;
}
