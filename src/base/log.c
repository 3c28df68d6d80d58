/*
 * Diagnostics on stderr. Messages routinely carry names and text taken
 * from images, so every line is sanitised on output: control bytes, C1
 * controls, bidirectional overrides and invalid UTF-8 are written as
 * visible escapes. A file named "\e]0;pwned\a" shows up as text.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ward/limits.h"
#include "ward/log.h"
#include "ward/str.h"

static enum log_level cur_level = LOG_WARN;
static bool use_color;
static int log_fd = STDERR_FILENO;
static const char *prog = "ward";

void
log_set_level(enum log_level level)
{
	cur_level = level;
}

enum log_level
log_get_level(void)
{
	return cur_level;
}

bool
log_enabled(enum log_level level)
{
	return level <= cur_level;
}

void
log_set_color(bool on)
{
	use_color = on;
}

void
log_set_fd(int fd)
{
	log_fd = fd;
}

void
log_set_prog(const char *p)
{
	prog = p;
}

static void
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* stderr is gone; nowhere left to report */
		s += w;
		n -= (size_t)w;
	}
}

void
log_write_sanitized(int fd, const char *s, size_t len, bool keep_nl)
{
	char out[LOG_LINE_MAX * 4 + 8];
	size_t start = 0;

	/* Escape line by line so kept newlines stay real newlines. */
	while (start < len) {
		size_t end = start;

		while (end < len && !(keep_nl && s[end] == '\n'))
			end++;
		str_escape(out, sizeof(out), str_make(s + start, end - start));
		write_all(fd, out, strlen(out));
		if (end < len) {
			write_all(fd, "\n", 1);
			end++;
		}
		start = end;
	}
}

static const char *const level_word[] = {
    "", "warning: ", "info: ", "debug: ", "trace: "};
static const char *const level_color[] = {
    "\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[2m", "\033[2m"};

void
log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	char head[64];
	int n;

	if (!log_enabled(level) || level < LOG_ERROR)
		return;
	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	if (level == LOG_ERROR)
		n = snprintf(head, sizeof(head), "%s%s:%s ",
		    use_color ? level_color[level] : "", prog,
		    use_color ? "\033[0m" : "");
	else
		n = snprintf(head, sizeof(head), "%s: %s%s%s", prog,
		    use_color ? level_color[level] : "", level_word[level],
		    use_color ? "\033[0m" : "");
	if (n > 0 && (size_t)n < sizeof(head))
		write_all(log_fd, head, (size_t)n);
	log_write_sanitized(log_fd, line, strlen(line), false);
	write_all(log_fd, "\n", 1);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
