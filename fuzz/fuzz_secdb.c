/*
 * Fuzz target for the Alpine secdb importer: the input is one secdb file
 * (v3.X/main.json), imported into an in-memory database. Beyond memory
 * safety: err is filled exactly when the import fails, a failed import
 * is a file-level problem (-EBADMSG or -EFBIG, never a write error), and
 * a clean import can be finished.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "ward/err.h"
#include "ward/vulndb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vulndb_builder *b = NULL;
	struct ward_err err = {0};
	int r;

	if (vulndb_builder_new(NULL, NULL, &b, &err) < 0)
		abort();
	r = vulndb_builder_import(b, VULNDB_SECDB, "alpine-secdb", "fuzz",
	    str_make((const char *)data, size), &err);
	if ((r < 0) != (err.code != 0) ||
	    (r < 0 && r != -EBADMSG && r != -EFBIG))
		abort();
	if (r == 0 && vulndb_builder_finish(b, &err) < 0)
		abort();
	vulndb_builder_free(b);
	return 0;
}
