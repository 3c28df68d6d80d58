/* SKELETON: filled in by issue 7's work. */

#include "internal.h"

const struct config_rule cfg_ecs_rules[] = {{0}};
const size_t cfg_ecs_nrules = 0;

void
cfg_ecs_check(struct cfg_ctx *c, const struct yaml_node *root)
{
	(void)c;
	(void)root;
}
