/*
 * The error record behind every fallible call. Messages are formatted into
 * a fixed buffer, so an error can never leak memory or fail to allocate;
 * a message that does not fit is cut and ends in "...".
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ward/err.h"

static void
mark_cut(struct ward_err *err, int n)
{
	if (n >= (int)sizeof(err->msg))
		memcpy(err->msg + sizeof(err->msg) - 4, "...", 4);
}

int
err_set(struct ward_err *err, int code, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (code <= 0)
		code = EIO; /* a caller bug must still read as a failure */
	err->code = code;
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		err->msg[0] = '\0';
	mark_cut(err, n);
	return -code;
}

int
err_wrap(struct ward_err *err, const char *fmt, ...)
{
	char old[sizeof(err->msg)];
	char ctx[sizeof(err->msg)];
	va_list ap;
	int n;

	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(ctx, sizeof(ctx), fmt, ap);
	va_end(ap);
	if (n < 0)
		ctx[0] = '\0';
	n = snprintf(err->msg, sizeof(err->msg), "%s: %s", ctx, old);
	if (n < 0)
		err->msg[0] = '\0';
	mark_cut(err, n);
	if (err->code <= 0)
		err->code = EIO;
	return -err->code;
}

void
err_clear(struct ward_err *err)
{
	err->code = 0;
	err->msg[0] = '\0';
}
