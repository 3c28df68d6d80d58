/*
 * A small TAP harness for the unit tests. Each T_* check prints one
 * "ok N" or "not ok N" line with the expression and where it is;
 * t_done() prints the plan and returns the exit status. Tests that cannot
 * run here call T_SKIP with the reason.
 */
#ifndef WARD_T_H
#define WARD_T_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_n, t_fail;

static inline void
t_check(int ok, const char *what, const char *file, int line)
{
	t_n++;
	if (!ok)
		t_fail++;
	printf(
	    "%sok %d - %s (%s:%d)\n", ok ? "" : "not ", t_n, what, file, line);
}

#define T_OK(e) t_check(!!(e), #e, __FILE__, __LINE__)
#define T_EQ_INT(a, b)                                                         \
	do {                                                                   \
		long long t_a_ = (long long)(a), t_b_ = (long long)(b);        \
		t_check(t_a_ == t_b_, #a " == " #b, __FILE__, __LINE__);       \
		if (t_a_ != t_b_)                                              \
			printf("#   got %lld, want %lld\n", t_a_, t_b_);       \
	} while (0)
#define T_EQ_STR(a, b)                                                         \
	do {                                                                   \
		const char *t_a_ = (a), *t_b_ = (b);                           \
		int t_ok_ = t_a_ && t_b_ && strcmp(t_a_, t_b_) == 0;           \
		t_check(t_ok_, #a " == " #b, __FILE__, __LINE__);              \
		if (!t_ok_)                                                    \
			printf("#   got '%s', want '%s'\n",                    \
			    t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)");   \
	} while (0)
#define T_SKIP(why)                                                            \
	do {                                                                   \
		t_n++;                                                         \
		printf("ok %d # SKIP %s\n", t_n, (why));                       \
	} while (0)
#define T_NOTE(...)                                                            \
	do {                                                                   \
		printf("# ");                                                  \
		printf(__VA_ARGS__);                                           \
		printf("\n");                                                  \
	} while (0)

static inline int
t_done(void)
{
	printf("1..%d\n", t_n);
	return t_fail ? 1 : 0;
}

#endif
