/*
 * Replays a fuzz target's corpus as an ordinary test: every file in the
 * directory given as argv[1] (or the files given as arguments) is passed
 * to LLVMFuzzerTestOneInput once. Built into every configuration, so the
 * corpora (seeds and past crashers) guard against regressions in normal
 * and sanitizer builds alike.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
run_file(int dirfd, const char *name)
{
	struct stat st;
	uint8_t *data;
	size_t got = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return fd < 0 ? -1 : 0;
	}
	data = malloc((size_t)st.st_size + 1);
	if (!data)
		abort();
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	LLVMFuzzerTestOneInput(data, got);
	free(data);
	return 1;
}

int
main(int argc, char **argv)
{
	int ran = 0, n = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		struct dirent *e;

		if (!d) {
			n = run_file(AT_FDCWD, argv[i]);
			ran += n > 0;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (run_file(dirfd(d), e->d_name) > 0) {
				ran++;
				printf("ok %d - %s\n", ran, e->d_name);
			}
		}
		closedir(d);
	}
	printf("# replayed %d inputs\n", ran);
	if (ran == 0) {
		printf("not ok 1 - no corpus inputs found\n1..1\n");
		return 1;
	}
	return 0;
}
