/*
 * Comparisons per second of each version comparator, in process, on a
 * realistic mix of versions per ecosystem (taken from real package
 * histories). Time is this thread's CPU time, so a busy machine does not
 * count against the comparators. Not a test: it prints one line per
 * ecosystem. Usage: vercmp_bench [cpu-seconds-per-ecosystem]
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ward/err.h"
#include "ward/str.h"
#include "ward/vercmp.h"

static const char *const mix[ECO_COUNT][8] = {
    [ECO_DEBIAN] = {"2.36-9+deb12u4", "1:2.38.1-5+deb12u3", "7.88.1-10+deb12u5",
	"3.0.11-1~deb12u2", "1.2.13.dfsg-1", "2:8.2.3995-1ubuntu2.15",
	"5.2.15-2+b2", "252.22-1~deb12u1"},
    [ECO_ALPINE] = {"1.36.1-r15", "3.1.4-r5", "1.2.4_git20230717-r4",
	"8.5.0-r0", "2.38.1_git20221208-r0", "9.4_p1-r0", "1.3.1-r0",
	"3.0.0_rc1-r0"},
    [ECO_RPM] = {"2.28-225.el8", "1:1.1.1k-12.el8_9", "4.18.0-513.5.1.el8",
	"3.6.8-56.el8_9.3", "1.0~rc1-1.fc39", "2:9.0.2120-1.fc39",
	"1.2.3^git20230101-2", "0:5.1.8-6.el8"},
    [ECO_NPM] = {"4.17.21", "1.0.0-alpha.1", "18.2.0", "0.0.0-experimental-3",
	"7.5.4", "2.0.0-rc.11", "1.2.3+build.5", "10.0.0-beta.0"},
    [ECO_PYPI] = {"2.31.0", "1.26.0rc1", "3.2.post1", "1!2.0", "0.24.dev0",
	"22.3.1", "1.0+ubuntu1", "4.0.0b2"},
    [ECO_MAVEN] = {"2.17.1", "5.3.31", "2.0.0.RELEASE", "1.0-SNAPSHOT",
	"3.12.0", "2.15.2", "6.0.0-M3", "1.2.3-rc-1"},
    [ECO_GO] = {"v1.9.1", "v0.17.0", "v0.0.0-20231006140011-7918f672742d",
	"v2.3.0+incompatible", "v1.62.0-rc.1", "v0.15.0", "v1.5.4", "v1.0.0"},
    [ECO_RUBYGEMS] = {"7.1.2", "1.15.4", "2.0.0.pre", "0.9.1", "13.0.6",
	"5.0.0.beta1", "1.0.0", "3.3.5"},
    [ECO_PACKAGIST] = {"6.4.1", "v5.4.0", "1.0-beta2", "2.x-dev", "3.0.0-RC1",
	"10.0.0", "1.5.0-patch1", "4.4.9"},
    [ECO_NUGET] = {"13.0.3", "6.0.0-preview.1", "4.5.0", "1.0.0.0", "8.0.1",
	"2.2.0-beta.11", "12.0.1+build", "3.1.32"},
    [ECO_CRATES] = {"1.0.188", "0.4.31", "1.35.1", "0.11.22", "2.0.0-rc.1",
	"0.2.150", "1.0.0-alpha.3", "0.3.28"},
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	double secs = argc > 1 ? strtod(argv[1], NULL) : 1.0;

	for (int e = 0; e < ECO_COUNT; e++) {
		struct str v[8];
		struct ward_err err;
		unsigned long n = 0;
		long sum = 0;
		double t0 = now(), t;

		for (int i = 0; i < 8; i++)
			v[i] = str_from(mix[e][i]);
		do {
			for (int k = 0; k < 4096; k++) {
				int out = 0;

				(void)vercmp((enum ecosystem)e, v[k & 7],
				    v[(k >> 3) & 7], &out, &err);
				sum += out;
			}
			n += 4096;
			t = now() - t0;
		} while (t < secs);
		printf("%-10s %12.0f comparisons/s (checksum %ld)\n",
		    vercmp_ecosystem_short((enum ecosystem)e), (double)n / t,
		    sum);
	}
	return 0;
}
