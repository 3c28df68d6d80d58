#ifndef WARD_ERR_H
#define WARD_ERR_H

/*
 * The one error convention (STYLE.md section 3). A fallible function
 * returns >= 0 on success or -errno on failure, and on failure fills the
 * caller's struct ward_err, which is never NULL.
 */

#define WARD_ERR_MSG_MAX 256

struct ward_err {
	int code; /* positive errno value */
	char msg
	    [WARD_ERR_MSG_MAX]; /* always NUL-terminated; "..." marks a cut */
};

/*
 * Record an error: 'code' (a positive errno value) and a formatted
 * message. Returns -code so callers can write 'return err_set(...)'.
 */
int err_set(struct ward_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Prefix the message already in 'err' with "ctx: ". Returns -err->code.
 * Used on the way up instead of logging.
 */
int err_wrap(struct ward_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reset 'err' to no error (code 0, empty message). */
void err_clear(struct ward_err *err);

#endif
