/* SKELETON: filled in by issue 7's work. */

#include "internal.h"

const struct config_rule cfg_network_rules[] = {{0}};
const size_t cfg_network_nrules = 0;

void
cfg_network_check(struct cfg_ctx *c, const struct k8s_object *o)
{
	(void)c;
	(void)o;
}

void
cfg_network_check_set(struct cfg_ctx *c, const struct k8s_set *set)
{
	(void)c;
	(void)set;
}
