#ifndef WARD_LOG_H
#define WARD_LOG_H

/*
 * Diagnostics to stderr with levels (STYLE.md section 7). Every message is
 * sanitised on its way out: control characters and invalid UTF-8 are
 * written as escapes, so nothing from a file name or file content can
 * drive the terminal.
 */

#include <stdarg.h>
#include <stdbool.h>

enum log_level {
	LOG_QUIET = -1, /* not even errors (-q -q) */
	LOG_ERROR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
	LOG_TRACE = 4,
};

void log_set_level(enum log_level level);
enum log_level log_get_level(void);
bool log_enabled(enum log_level level);

/* Colours on stderr (decided by cmd: a TTY and no NO_COLOR). */
void log_set_color(bool on);

/* Write to another fd than 2 (tests). */
void log_set_fd(int fd);

/* Program name prefix, "ward" by default. */
void log_set_prog(const char *prog);

void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)                                                         \
	do {                                                                   \
		if (log_enabled(LOG_DEBUG))                                    \
			log_msg(LOG_DEBUG, __VA_ARGS__);                       \
	} while (0)
#define log_trace(...)                                                         \
	do {                                                                   \
		if (log_enabled(LOG_TRACE))                                    \
			log_msg(LOG_TRACE, __VA_ARGS__);                       \
	} while (0)

/*
 * Write 'len' bytes of 's' to 'fd' with the same sanitising as the log
 * (used by cmd for error lines). Newlines are kept when 'keep_nl'.
 */
void log_write_sanitized(int fd, const char *s, size_t len, bool keep_nl);

#endif
