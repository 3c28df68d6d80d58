/* Placeholder until the tests land. */
#include "t.h"

int
main(void)
{
	T_SKIP("not written yet");
	return t_done();
}
