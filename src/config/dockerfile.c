/* SKELETON: filled in by issue 7's work. */

#include "internal.h"

const struct config_rule cfg_dockerfile_rules[] = {{0}};
const size_t cfg_dockerfile_nrules = 0;

void
cfg_dockerfile_check(struct cfg_ctx *c)
{
	(void)c;
}
