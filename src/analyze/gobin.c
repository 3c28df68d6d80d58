/* Placeholder: being written. */
#include "ward/err.h"
#include <errno.h>

#include "ward/analyze.h"

int
analyze_go_binary(struct analyze_ctx *ctx, struct str data,
    struct ward_err *err)
{
	(void)ctx;
	(void)data;
	(void)err;
	return 0;
}
