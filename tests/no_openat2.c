/*
 * no_openat2 PROG ARGS...: run PROG with openat2(2) failing with ENOSYS,
 * as on kernels before 5.6, so the unit suites exercise the manual
 * resolver in src/fs on kernels that have openat2 (crun tests its
 * fallback the same way). Everything else is allowed. The filter is
 * inherited across execve and fork, which is why no_new_privs is set
 * first.
 */

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int
install_filter(void)
{
	scmp_filter_ctx ctx;
	int r;

	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -ENOMEM;
	r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
	if (r == 0)
		r = seccomp_load(ctx);
	seccomp_release(ctx);
	return r;
}

int
main(int argc, char **argv)
{
	int r;

	if (argc < 2) {
		fprintf(stderr, "usage: no_openat2 PROG [ARGS...]\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		fprintf(stderr, "no_openat2: PR_SET_NO_NEW_PRIVS: %s\n",
		    strerror(errno));
		return 1;
	}
	r = install_filter();
	if (r < 0) {
		fprintf(stderr, "no_openat2: seccomp: %s\n", strerror(-r));
		return 1;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "no_openat2: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
