/* SKELETON: filled in by issue 7's work. */

#include "internal.h"

const struct config_rule cfg_compose_rules[] = {{0}};
const size_t cfg_compose_nrules = 0;

void
cfg_compose_check(struct cfg_ctx *c, const struct yaml_node *root)
{
	(void)c;
	(void)root;
}
