/* Placeholder: being written. */
#include "ward/err.h"
#include <errno.h>

#include "ward/cvss.h"

int
cvss_score(struct str vector, struct cvss *out, struct ward_err *err)
{
	(void)vector;
	(void)out;
	return err_set(err, ENOTSUP, "not implemented");
}
