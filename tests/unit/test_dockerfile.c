/* Unit tests for src/config (dockerfile). SKELETON: filled in by issue 7's work. */
#include "t.h"

int
main(void)
{
	T_OK(1);
	return t_done();
}
