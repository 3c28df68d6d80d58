#ifndef WARD_FS_H
#define WARD_FS_H

/*
 * Safe access inside an untrusted root directory (STYLE.md section 5).
 * A root is an O_PATH directory fd. Paths are resolved as if the root were
 * "/": absolute symlinks restart at the root and ".." never climbs above
 * it, so no path string from the image can reach a host file. /proc magic
 * links are refused. openat2(RESOLVE_IN_ROOT) does the work where the
 * kernel has it; a component-by-component walk does it otherwise.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/str.h"

struct arena;
struct ward_err;

/*
 * Open 'dir' on the host as a root: O_PATH|O_DIRECTORY|O_CLOEXEC. Returns
 * the fd (caller owns) or -errno.
 */
int fs_root_open(const char *dir, struct ward_err *err);

/*
 * Open 'path' (absolute or relative, both taken inside the root) with
 * 'flags' (O_CLOEXEC and O_NOCTTY are added; with O_PATH, flags other
 * than O_DIRECTORY and O_NOFOLLOW are ignored, as open(2) does). Symlinks
 * are followed inside the root unless 'flags' has O_NOFOLLOW (or
 * O_CREAT|O_EXCL), at most FS_SYMLINKS_MAX of them (else -ELOOP). A final
 * symlink with O_NOFOLLOW gives -ELOOP, or the link itself with O_PATH.
 * Magic links give -ELOOP; paths of FS_PATH_MAX bytes or more (the NUL
 * counted, as PATH_MAX) give -ENAMETOOLONG. Files created by O_CREAT or
 * O_TMPFILE get mode 0600 (less the umask). The fallback walk also gives
 * -ENAMETOOLONG past FS_DEPTH_MAX nested directories, which openat2 does
 * not. Returns the fd (caller owns) or -errno; err names the path.
 */
int
fs_open_in_root(int rootfd, const char *path, int flags, struct ward_err *err);

/*
 * Open a regular file for reading without side effects: the file is
 * first opened O_PATH and checked with fstat, so a FIFO cannot hang and a
 * device node is never opened (-EINVAL, "not a regular file (fifo)").
 * It is then reopened O_RDONLY|O_NONBLOCK through /proc/self/fd or, with
 * no /proc, resolved again; a different inode the second time gives
 * -EXDEV. *st_size (if not NULL) gets the size. Returns the fd (caller
 * owns) or -errno.
 */
int fs_open_regular_in_root(
    int rootfd, const char *path, uint64_t *st_size, struct ward_err *err);

/*
 * Read a whole regular file (opened as fs_open_regular_in_root does) into
 * the arena. out->p is NUL-terminated for convenience, but the view may
 * still contain NULs. Over 'max' bytes gives -EFBIG; err names the path.
 */
int fs_read_in_root(struct arena *a, int rootfd, const char *path, uint64_t max,
    struct str *out, struct ward_err *err);

/*
 * Read everything from an open fd (a file, pipe or socket) until EOF into
 * the arena, NUL-terminated, at most 'max' bytes (else -EFBIG). 'name'
 * is used in messages. A non-blocking fd with no data gives -EAGAIN.
 */
int fs_read_fd(struct arena *a, int fd, const char *name, uint64_t max,
    struct str *out, struct ward_err *err);

/*
 * Which resolver is in use: false when forced to walk, or after openat2
 * proved unavailable (ENOSYS, or EPERM from a seccomp filter). The first
 * call probes the kernel.
 */
bool fs_have_openat2(void);

/*
 * Tests: force the component walk (true) or allow openat2 again (false,
 * which also forgets an earlier verdict, so the kernel is probed anew).
 */
void fs_force_walk(bool on);

#endif
