/* Placeholder until the analyzer lands; see include/ward/analyze.h. */
#include <errno.h>

#include "ward/analyze.h"
#include "ward/err.h"

int
analyze_rpm_bdb(struct analyze_ctx *ctx, struct str db, struct ward_err *err)
{
	return err_set(err, ENOTSUP, "not implemented");
}
