/*
 * Fuzz target for the OSV importer: the input is one OSV record, or a zip
 * of records when it starts like one ("PK"), imported into an in-memory
 * database. Beyond memory safety the contract is checked: err is filled
 * exactly when the import fails, one record is counted exactly once
 * (stored, skipped or excluded), and a database that imported cleanly
 * can be finished.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ward/err.h"
#include "ward/vulndb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str in = str_make((const char *)data, size);
	bool zip = size >= 2 && data[0] == 'P' && data[1] == 'K';
	struct vulndb_builder *b = NULL;
	struct vulndb_source_info s;
	struct ward_err err = {0};
	int r;

	if (vulndb_builder_new(NULL, NULL, &b, &err) < 0)
		abort();
	r = vulndb_builder_import(
	    b, zip ? VULNDB_OSV_ZIP : VULNDB_OSV, "osv", "fuzz", in, &err);
	if ((r < 0) != (err.code != 0) || (r < 0 && !zip))
		abort(); /* one record never fails the import */
	if (!vulndb_builder_counts(b, "osv", &s))
		abort();
	if (!zip && s.records + s.skipped + s.excluded != 1)
		abort();
	if (r == 0 && vulndb_builder_finish(b, &err) < 0)
		abort();
	vulndb_builder_free(b);
	return 0;
}
