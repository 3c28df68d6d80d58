/* SKELETON: filled in by issue 7's work. */

#include "internal.h"

const struct config_rule cfg_pss_rules[] = {{0}};
const size_t cfg_pss_nrules = 0;

void
cfg_pss_check(
    struct cfg_ctx *c, const struct k8s_set *set, const struct k8s_object *o)
{
	(void)c;
	(void)set;
	(void)o;
}
