/*
 * Fuzz target for everything between a target file and the inventory:
 * the outer tar index, index/manifest/config parsing with digest checks,
 * docker archives, layer decompression and tar walking, whiteouts and
 * the analyzers. The input is written to a memfd and scanned through the
 * public entry point, as 'ward image /proc/self/fd/N' would be.
 */

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/image.h"
#include "ward/inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_opts o = {.threads = 1, .layer_bytes_max = 64u << 20};
	struct inventory inv;
	struct ward_err err;
	struct arena *a;
	char path[64];
	int fd = memfd_create("fuzz-image", MFD_CLOEXEC);

	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	if (snprintf(path, sizeof(path), "/proc/self/fd/%d", fd) < 0)
		abort();
	a = arena_new();
	if (image_scan(a, path, &o, &inv, &err) == 0) {
		for (size_t i = 0; i < inv.pkgs.n; i++)
			if (!inv.pkgs.v[i].name || !inv.pkgs.v[i].version)
				abort();
	}
	arena_free(a);
	close(fd);
	return 0;
}
