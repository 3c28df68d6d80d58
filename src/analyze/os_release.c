/* Placeholder until the analyzer lands; see include/ward/analyze.h. */
#include <errno.h>

#include "ward/analyze.h"
#include "ward/err.h"

int
analyze_os_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	return err_set(err, ENOTSUP, "not implemented");
}

int
analyze_os_alpine_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	return err_set(err, ENOTSUP, "not implemented");
}

int
analyze_os_debian_version(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	return err_set(err, ENOTSUP, "not implemented");
}

int
analyze_os_redhat_release(struct analyze_ctx *ctx, struct str text,
    struct os_info *out, struct ward_err *err)
{
	return err_set(err, ENOTSUP, "not implemented");
}
