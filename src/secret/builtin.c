/*
 * The built-in rules: src/secret/rules.txt, embedded at build time by
 * scripts/embed into secret_rules_text (generated, trusted).
 */
#include "ward/secret.h"

extern const char secret_rules_text[];
extern const size_t secret_rules_text_len;

struct str
secret_rules_builtin(void)
{
	return str_make(secret_rules_text, secret_rules_text_len);
}
