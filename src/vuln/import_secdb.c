/* Placeholder: being written. */
#include "ward/err.h"
