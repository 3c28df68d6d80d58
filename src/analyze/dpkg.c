/* Placeholder until the analyzer lands; see include/ward/analyze.h. */
#include <errno.h>

#include "ward/analyze.h"
#include "ward/err.h"

int
analyze_dpkg_status(struct analyze_ctx *ctx, struct str text, struct ward_err *err)
{
	return err_set(err, ENOTSUP, "not implemented");
}
