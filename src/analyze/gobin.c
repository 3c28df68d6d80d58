/*
 * Go build information, read from an ELF executable's bytes without
 * running it, in the manner of Go's debug/buildinfo. The Go linker leaves a
 * blob that starts with the 14-byte magic "\xff Go buildinf:", aligned to
 * 16 bytes, in the ".go.buildinfo" section or, where the section headers
 * are gone, near the start of the first writable, non-executable PT_LOAD
 * segment. Byte 14 is the pointer size, byte 15 holds flags: with flag 2
 * set (Go >= 1.18) the toolchain version and the module information follow
 * the 32-byte header as varint-prefixed strings; without it, two pointers
 * (flag 1: big-endian) name Go string headers elsewhere in the image, whose
 * virtual addresses are translated through the PT_LOAD segments (or, when
 * there are none, the allocated sections).
 *
 * The module information is cmd/go's text between two 16-byte sentinels:
 * "path", "mod" (the main module), "dep", "=>" (a replacement of the module
 * on the line before) and "build" lines. Each module becomes a PKG_GO
 * package. A replacement by another module (it has a version) is reported
 * under the replacement's path and version, as Trivy and govulncheck match
 * it. A replacement by a local directory (its version is "(devel)", or
 * empty before Go 1.18) keeps the original module path, since the
 * directory names nothing outside the build tree, with the version
 * "(devel)": the code is local and its version unknown, so it must not be
 * matched against advisories for the original version (often a v0.0.0
 * placeholder). An empty version is likewise read as "(devel)", which is
 * how Go >= 1.18 writes it. The toolchain "go1.19.8 X:exp" becomes the
 * package "stdlib" at "1.19.8"; a development toolchain ("devel +abc")
 * has no release to match, so stdlib is skipped with a warning.
 *
 * Everything here is untrusted: every header, offset and length is checked
 * against the file before it is read, with overflow-checked arithmetic,
 * the blob is searched for in at most GOBIN_SEARCH_MAX bytes, and the two
 * strings are capped. The ELF tables have at most 65535 entries each (the
 * extended numbering of huge files is not read, as no Go linker writes
 * it). A malformed ELF or blob is -EBADMSG naming the field, a string
 * over its cap -EFBIG; nothing is added then. Module information without
 * its sentinels, or a bad line of it, is a warning: stdlib is still
 * reported, and the next line is read.
 */

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/str.h"

/* Caps on the build information; limits.h may define them instead. */
#ifndef GOBIN_SEARCH_MAX
#define GOBIN_SEARCH_MAX (64u << 10) /* bytes searched for the blob, as Go */
#endif
#ifndef GOBIN_VERSION_MAX
#define GOBIN_VERSION_MAX 1024u /* the toolchain version string */
#endif
#ifndef GOBIN_MODINFO_MAX
#define GOBIN_MODINFO_MAX (4u << 20) /* the module information */
#endif

#define GO_MAGIC "\xff Go buildinf:"
#define GO_MAGIC_LEN 14
#define GO_HDR_SIZE 32
#define GO_ALIGN 16
#define GO_FLAG_BE 1
#define GO_FLAG_INLINE 2
#define GO_SENTINEL_LEN 16
#define GO_DEVEL "(devel)"

/* cmd/go/internal/modload's infoStart and infoEnd. */
static const unsigned char info_start[GO_SENTINEL_LEN] = {0x30, 0x77, 0xaf,
    0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18,
    0xe6};
static const unsigned char info_end[GO_SENTINEL_LEN] = {0xf9, 0x32, 0x43, 0x31,
    0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2};

/* The ELF file header fields used here, host byte order. */
struct elf {
	const unsigned char *p;
	size_t len;
	bool is64, be;
	uint64_t phoff, shoff;
	uint16_t phentsize, phnum, shentsize, shnum, shstrndx;
};

/* A program or section header: only the fields used here. */
struct hdr {
	uint32_t type, name;
	uint64_t flags, addr, off, size; /* size: p_filesz or sh_size */
};

/* A byte range of the file. */
struct range {
	size_t off, len;
};

static uint64_t
rd(bool be, const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[be ? i : n - 1 - i] << (8 * (n - 1 - i));
	return v;
}

/* An address-sized field: 8 bytes in ELF64, 4 in ELF32. */
static uint64_t
rd_addr(const struct elf *e, const unsigned char *p)
{
	return rd(e->be, p, e->is64 ? 8 : 4);
}

/* Whether [off, off + n) lies inside the file. */
static bool
in_file(const struct elf *e, uint64_t off, uint64_t n)
{
	uint64_t end;

	return !__builtin_add_overflow(off, n, &end) && end <= e->len;
}

static int
table_check(const struct elf *e, const char *what, uint64_t off, uint16_t n,
    uint16_t entsize, uint16_t minsize, struct ward_err *err)
{
	if (n == 0)
		return 0;
	if (entsize < minsize)
		return err_set(err, EBADMSG, "ELF %s entry size %u is under %u",
		    what, entsize, minsize);
	/* n and entsize are 16-bit, so the product cannot overflow. */
	if (!in_file(e, off, (uint64_t)n * entsize))
		return err_set(err, EBADMSG,
		    "ELF %s: %u entries at offset %" PRIu64
		    " run past the end of the file (%zu bytes)",
		    what, n, off, e->len);
	return 0;
}

/* Returns 1 and fills 'e' for an ELF file, 0 when 'data' is not ELF. */
static int
elf_open(struct str data, struct elf *e, struct ward_err *err)
{
	const unsigned char *p = (const unsigned char *)data.p;
	size_t ehsize;
	int r;

	if (data.len < SELFMAG || memcmp(p, ELFMAG, SELFMAG) != 0)
		return 0;
	if (data.len < EI_NIDENT)
		return err_set(err, EBADMSG, "ELF identification truncated");
	if (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64)
		return err_set(err, EBADMSG, "ELF class %u is unknown", p[4]);
	if (p[EI_DATA] != ELFDATA2LSB && p[EI_DATA] != ELFDATA2MSB)
		return err_set(
		    err, EBADMSG, "ELF data encoding %u is unknown", p[5]);
	memset(e, 0, sizeof(*e));
	e->p = p;
	e->len = data.len;
	e->is64 = p[EI_CLASS] == ELFCLASS64;
	e->be = p[EI_DATA] == ELFDATA2MSB;
	ehsize = e->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (data.len < ehsize)
		return err_set(err, EBADMSG,
		    "ELF header truncated at %zu bytes", data.len);
		/* The fields from e_phoff to e_shstrndx, by the class's layout. */
#define EH(f) (e->is64 ? offsetof(Elf64_Ehdr, f) : offsetof(Elf32_Ehdr, f))
	e->phoff = rd_addr(e, p + EH(e_phoff));
	e->shoff = rd_addr(e, p + EH(e_shoff));
	e->phentsize = (uint16_t)rd(e->be, p + EH(e_phentsize), 2);
	e->phnum = (uint16_t)rd(e->be, p + EH(e_phnum), 2);
	e->shentsize = (uint16_t)rd(e->be, p + EH(e_shentsize), 2);
	e->shnum = (uint16_t)rd(e->be, p + EH(e_shnum), 2);
	e->shstrndx = (uint16_t)rd(e->be, p + EH(e_shstrndx), 2);
#undef EH
	r = table_check(e, "program headers", e->phoff, e->phnum, e->phentsize,
	    e->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr), err);
	if (r < 0)
		return r;
	r = table_check(e, "section headers", e->shoff, e->shnum, e->shentsize,
	    e->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr), err);
	return r < 0 ? r : 1;
}

/* A field of a program or section header, by the class's layout. */
#define FIELD(q, t32, t64, f)                                                  \
	(e->is64 ? rd(e->be, (q) + offsetof(t64, f), sizeof(((t64 *)0)->f))    \
		 : rd(e->be, (q) + offsetof(t32, f), sizeof(((t32 *)0)->f)))

static void
phdr_get(const struct elf *e, uint16_t i, struct hdr *h)
{
	const unsigned char *q = e->p + e->phoff + (size_t)i * e->phentsize;

	memset(h, 0, sizeof(*h));
	h->type = (uint32_t)FIELD(q, Elf32_Phdr, Elf64_Phdr, p_type);
	h->flags = FIELD(q, Elf32_Phdr, Elf64_Phdr, p_flags);
	h->off = FIELD(q, Elf32_Phdr, Elf64_Phdr, p_offset);
	h->addr = FIELD(q, Elf32_Phdr, Elf64_Phdr, p_vaddr);
	h->size = FIELD(q, Elf32_Phdr, Elf64_Phdr, p_filesz);
}

static void
shdr_get(const struct elf *e, uint16_t i, struct hdr *h)
{
	const unsigned char *q = e->p + e->shoff + (size_t)i * e->shentsize;

	memset(h, 0, sizeof(*h));
	h->name = (uint32_t)FIELD(q, Elf32_Shdr, Elf64_Shdr, sh_name);
	h->type = (uint32_t)FIELD(q, Elf32_Shdr, Elf64_Shdr, sh_type);
	h->flags = FIELD(q, Elf32_Shdr, Elf64_Shdr, sh_flags);
	h->addr = FIELD(q, Elf32_Shdr, Elf64_Shdr, sh_addr);
	h->off = FIELD(q, Elf32_Shdr, Elf64_Shdr, sh_offset);
	h->size = FIELD(q, Elf32_Shdr, Elf64_Shdr, sh_size);
}

#undef FIELD

/* Whether section 'h' is named 'name' in the section name table 'tab'. */
static bool
name_is(const struct elf *e, struct range tab, const struct hdr *h,
    const char *name)
{
	size_t n = strlen(name) + 1; /* the NUL too */

	if (h->name >= tab.len || tab.len - h->name < n)
		return false;
	return memcmp(e->p + tab.off + h->name, name, n) == 0;
}

/*
 * The file range of the ".go.buildinfo" section: 1 when found, 0 when the
 * file has no section headers, no name table or no such section.
 */
static int
section_find(const struct elf *e, struct range *out, struct ward_err *err)
{
	struct range tab;
	struct hdr h;

	if (e->shnum == 0 || e->shstrndx == 0 || e->shstrndx >= e->shnum)
		return 0;
	shdr_get(e, e->shstrndx, &h);
	if (h.type == SHT_NOBITS || !in_file(e, h.off, h.size))
		return err_set(err, EBADMSG,
		    "ELF section name table (offset %" PRIu64 ", %" PRIu64
		    " bytes) is not in the file",
		    h.off, h.size);
	tab = (struct range){(size_t)h.off, (size_t)h.size};
	for (uint16_t i = 1; i < e->shnum; i++) {
		shdr_get(e, i, &h);
		if (!name_is(e, tab, &h, ".go.buildinfo"))
			continue;
		if (h.type == SHT_NOBITS || !in_file(e, h.off, h.size))
			return err_set(err, EBADMSG,
			    "ELF section .go.buildinfo (offset %" PRIu64
			    ", %" PRIu64 " bytes) is not in the file",
			    h.off, h.size);
		*out = (struct range){(size_t)h.off, (size_t)h.size};
		return 1;
	}
	return 0;
}

/* The first writable, non-executable PT_LOAD segment, as Go looks for. */
static int
segment_find(const struct elf *e, struct range *out, struct ward_err *err)
{
	struct hdr h;

	for (uint16_t i = 0; i < e->phnum; i++) {
		phdr_get(e, i, &h);
		if (h.type != PT_LOAD || (h.flags & (PF_X | PF_W)) != PF_W)
			continue;
		if (!in_file(e, h.off, h.size))
			return err_set(err, EBADMSG,
			    "ELF data segment (offset %" PRIu64 ", %" PRIu64
			    " bytes) is not in the file",
			    h.off, h.size);
		*out = (struct range){(size_t)h.off, (size_t)h.size};
		return 1;
	}
	return 0;
}

/* Whether [addr, addr + n) lies in the file part of 'h'; sets *off. */
static bool
hdr_maps(const struct elf *e, const struct hdr *h, uint64_t addr, uint64_t n,
    size_t *off)
{
	uint64_t rel = addr - h->addr;

	if (addr < h->addr || rel >= h->size || n > h->size - rel ||
	    !in_file(e, h->off, h->size))
		return false;
	*off = (size_t)(h->off + rel);
	return true;
}

/*
 * Translate the virtual address range [addr, addr + n) into a file offset
 * through the PT_LOAD segments or, failing that, the allocated sections.
 */
static bool
vaddr_map(const struct elf *e, uint64_t addr, uint64_t n, size_t *off)
{
	struct hdr h;

	for (uint16_t i = 0; i < e->phnum; i++) {
		phdr_get(e, i, &h);
		if (h.type == PT_LOAD && hdr_maps(e, &h, addr, n, off))
			return true;
	}
	for (uint16_t i = 1; i < e->shnum; i++) {
		shdr_get(e, i, &h);
		if ((h.flags & SHF_ALLOC) && h.type != SHT_NOBITS &&
		    hdr_maps(e, &h, addr, n, off))
			return true;
	}
	return false;
}

/* The blob's offset in the file: 1 when found, 0 when absent. */
static int
blob_find(const struct elf *e, struct range r, size_t *out)
{
	size_t lim = r.len < GOBIN_SEARCH_MAX ? r.len : GOBIN_SEARCH_MAX;

	for (size_t o = 0; lim >= GO_HDR_SIZE && o <= lim - GO_HDR_SIZE;
	     o += GO_ALIGN) {
		if (memcmp(e->p + r.off + o, GO_MAGIC, GO_MAGIC_LEN) == 0) {
			*out = r.off + o;
			return 1;
		}
	}
	return 0;
}

/* Go's binary.Uvarint: 0 and *used on success, -1 when cut, -2 overflow. */
static int
uvarint(const unsigned char *p, size_t n, uint64_t *v, size_t *used)
{
	uint64_t x = 0;

	for (size_t i = 0; i < n && i < 10; i++) {
		if (i == 9 && p[i] > 1)
			return -2;
		x |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (p[i] < 0x80) {
			*v = x;
			*used = i + 1;
			return 0;
		}
	}
	return n < 10 ? -1 : -2;
}

/* One varint-prefixed string at *pos, which must end by 'end'. */
static int
inline_string(const struct elf *e, size_t *pos, size_t end, uint64_t max,
    const char *what, struct str *out, struct ward_err *err)
{
	uint64_t n;
	size_t used;
	int r;

	r = uvarint(e->p + *pos, end - *pos, &n, &used);
	if (r == -1)
		return err_set(err, EBADMSG,
		    "Go build info: %s length cut off at offset %zu", what,
		    *pos);
	if (r < 0)
		return err_set(err, EBADMSG,
		    "Go build info: %s length overflows at offset %zu", what,
		    *pos);
	if (n > max)
		return err_set(err, EFBIG,
		    "Go build info: %s of %" PRIu64 " bytes is over %" PRIu64,
		    what, n, max);
	*pos += used;
	if (n > end - *pos)
		return err_set(err, EBADMSG,
		    "Go build info: %s of %" PRIu64
		    " bytes runs past its section at offset %zu",
		    what, n, *pos);
	*out = str_make((const char *)e->p + *pos, (size_t)n);
	*pos += (size_t)n;
	return 0;
}

/* The Go string header at virtual address 'addr', and its bytes. */
static int
pointed_string(const struct elf *e, bool be, size_t ptrsize, uint64_t addr,
    uint64_t max, const char *what, struct str *out, struct ward_err *err)
{
	uint64_t data, n;
	size_t off;

	if (!vaddr_map(e, addr, 2 * ptrsize, &off))
		return err_set(err, EBADMSG,
		    "Go build info: %s string header at address 0x%" PRIx64
		    " is not in the file",
		    what, addr);
	data = rd(be, e->p + off, ptrsize);
	n = rd(be, e->p + off + ptrsize, ptrsize);
	if (n > max)
		return err_set(err, EFBIG,
		    "Go build info: %s of %" PRIu64 " bytes is over %" PRIu64,
		    what, n, max);
	if (n == 0) {
		*out = STR("");
		return 0;
	}
	if (!vaddr_map(e, data, n, &off))
		return err_set(err, EBADMSG,
		    "Go build info: %s (%" PRIu64 " bytes at address 0x%" PRIx64
		    ") is not in the file",
		    what, n, data);
	*out = str_make((const char *)e->p + off, (size_t)n);
	return 0;
}

/* Decode the blob at 'blob' (32 bytes known to be in 'r'). */
static int
blob_decode(const struct elf *e, struct range r, size_t blob, struct str *vers,
    struct str *mod, struct ward_err *err)
{
	const unsigned char *b = e->p + blob;
	size_t ptrsize = b[14], pos = blob + GO_HDR_SIZE, end = r.off + r.len;
	bool be = b[15] & GO_FLAG_BE;
	int rc;

	if (b[15] & GO_FLAG_INLINE) {
		rc = inline_string(e, &pos, end, GOBIN_VERSION_MAX,
		    "toolchain version", vers, err);
		if (rc == 0)
			rc = inline_string(e, &pos, end, GOBIN_MODINFO_MAX,
			    "module information", mod, err);
	} else {
		if (ptrsize != 4 && ptrsize != 8)
			return err_set(err, EBADMSG,
			    "Go build info: pointer size %zu is not 4 or 8",
			    ptrsize);
		rc = pointed_string(e, be, ptrsize, rd(be, b + 16, ptrsize),
		    GOBIN_VERSION_MAX, "toolchain version", vers, err);
		if (rc == 0)
			rc = pointed_string(e, be, ptrsize,
			    rd(be, b + 16 + ptrsize, ptrsize),
			    GOBIN_MODINFO_MAX, "module information", mod, err);
	}
	if (rc == 0 && vers->len == 0)
		return err_set(err, EBADMSG,
		    "Go build info: the toolchain version is empty");
	return rc;
}

/*
 * Find and decode the build information: 1 with 'vers' and 'mod' (views
 * into the file), 0 when this is not a Go ELF executable.
 */
static int
buildinfo_read(
    struct str data, struct str *vers, struct str *mod, struct ward_err *err)
{
	struct elf e;
	struct range r = {0, 0};
	size_t blob;
	int rc;

	rc = elf_open(data, &e, err);
	if (rc <= 0)
		return rc;
	rc = section_find(&e, &r, err);
	if (rc == 0)
		rc = segment_find(&e, &r, err);
	if (rc <= 0 || !blob_find(&e, r, &blob))
		return rc < 0 ? rc : 0;
	rc = blob_decode(&e, r, blob, vers, mod, err);
	return rc < 0 ? rc : 1;
}

/* A module, as read from a "mod", "dep" or "=>" line. */
struct gomod {
	struct str path, version;
};

static void
pkg_set(
    struct analyze_ctx *ctx, struct pkg *p, struct str name, struct str version)
{
	p->type = PKG_GO;
	p->name = arena_strz(ctx->a, name);
	p->version = arena_strz(ctx->a, version);
	p->src_name = p->name;
	p->src_version = p->version;
}

/* Whether 's' is printable ASCII without spaces. */
static bool
is_token(struct str s)
{
	for (size_t i = 0; i < s.len; i++) {
		if (s.p[i] <= ' ' || s.p[i] >= 0x7f)
			return false;
	}
	return true;
}

/* The toolchain "go1.19.8 X:exp" as the package "stdlib" "1.19.8". */
static void
stdlib_add(struct analyze_ctx *ctx, struct str vers)
{
	struct str v = vers, tag;
	char esc[128];

	(void)str_cut(&v, ' ', &tag); /* no space: all of it is the tag */
	if (tag.len < 3 || !str_starts_with(tag, STR("go")) || tag.p[2] < '0' ||
	    tag.p[2] > '9' || !is_token(tag)) {
		analyze_warn(ctx, 0,
		    "Go toolchain '%s' is not a release, skipping stdlib",
		    str_escape(esc, sizeof(esc), vers));
		return;
	}
	pkg_set(ctx, analyze_pkg_add(ctx), STR("stdlib"), str_sub(tag, 2, -1));
}

/* Split 's' at tabs into at most 'max' columns; more gives max + 1. */
static size_t
columns(struct str s, struct str *col, size_t max)
{
	size_t n = 0;
	struct str head;

	for (;;) {
		bool more = str_cut(&s, '\t', &head);

		if (n == max)
			return max + 1;
		col[n++] = head;
		if (!more)
			return n;
	}
}

/* Parse state: the package a following "=>" line replaces. */
struct modparse {
	struct analyze_ctx *ctx;
	size_t line;
	size_t last; /* index in ctx->pkgs of the module just read */
	bool have_last; /* a "=>" line may follow */
	bool drop_repl; /* the module before was skipped: drop its "=>" */
};

static bool
has_nul(struct str s)
{
	return str_find_char(s, '\0') >= 0;
}

/* Read the columns of a module line; false (and a warning) if bad. */
static bool
module_read(struct modparse *mp, const char *kind, struct str rest, bool repl,
    struct gomod *m)
{
	struct str col[4];
	size_t n = columns(rest, col, 3);
	char esc[128];

	if (repl ? n != 3 : n < 2 || n > 3) {
		analyze_warn(mp->ctx, 0,
		    "Go module info line %zu: %s line has %zu columns, "
		    "skipping",
		    mp->line, kind, n);
		return false;
	}
	if (has_nul(col[0]) || has_nul(col[1])) {
		analyze_warn(mp->ctx, 0,
		    "Go module info line %zu: %s '%s' holds a NUL byte, "
		    "skipping",
		    mp->line, kind, str_escape(esc, sizeof(esc), col[0]));
		return false;
	}
	m->path = col[0];
	m->version = col[1].len ? col[1] : STR(GO_DEVEL);
	return true;
}

/* A "mod" or "dep" line: a new package a "=>" line may replace. */
static void
module_line(struct modparse *mp, const char *kind, struct str rest)
{
	struct gomod m;

	mp->have_last = false;
	mp->drop_repl = true;
	if (!module_read(mp, kind, rest, false, &m))
		return;
	/* Go before 1.18 could list the main module as a dep without a path. */
	if (m.path.len == 0)
		return;
	pkg_set(mp->ctx, analyze_pkg_add(mp->ctx), m.path, m.version);
	mp->last = mp->ctx->pkgs->n - 1;
	mp->have_last = true;
	mp->drop_repl = false;
}

/* A "=>" line: the replacement of the module on the line before. */
static void
replace_line(struct modparse *mp, struct str rest)
{
	struct pkg *p;
	struct gomod m;

	if (!mp->have_last) {
		if (!mp->drop_repl)
			analyze_warn(mp->ctx, 0,
			    "Go module info line %zu: replacement with no "
			    "module on the line before, skipping",
			    mp->line);
		mp->drop_repl = false;
		return;
	}
	mp->have_last = false;
	if (!module_read(mp, "replacement", rest, true, &m))
		return;
	p = &mp->ctx->pkgs->v[mp->last];
	if (str_eq(m.version, STR(GO_DEVEL))) {
		/* A local directory: the original path, version unknown. */
		p->version = GO_DEVEL;
		p->src_version = p->version;
	} else if (m.path.len > 0) {
		pkg_set(mp->ctx, p, m.path, m.version);
	} else {
		analyze_warn(mp->ctx, 0,
		    "Go module info line %zu: replacement without a path, "
		    "skipping",
		    mp->line);
	}
}

/*
 * One line. As in Go's debug.ParseBuildInfo, a "=>" line replaces the
 * last "mod" or "dep" line before it, whatever lies in between, and other
 * lines ("path", "build", blank ones, those of later Go versions) carry
 * nothing this inventory keeps.
 */
static void
modinfo_line(struct modparse *mp, struct str line)
{
	if (str_starts_with(line, STR("mod\t")))
		module_line(mp, "mod", str_sub(line, 4, -1));
	else if (str_starts_with(line, STR("dep\t")))
		module_line(mp, "dep", str_sub(line, 4, -1));
	else if (str_starts_with(line, STR("=>\t")))
		replace_line(mp, str_sub(line, 3, -1));
}

/* The module information between the sentinels, line by line. */
static void
modinfo_parse(struct analyze_ctx *ctx, struct str mod)
{
	struct modparse mp = {.ctx = ctx};
	struct str body, line;

	if (mod.len == 0)
		return; /* built outside module mode */
	if (mod.len < 2 * GO_SENTINEL_LEN ||
	    memcmp(mod.p, info_start, GO_SENTINEL_LEN) != 0 ||
	    memcmp(mod.p + mod.len - GO_SENTINEL_LEN, info_end,
		GO_SENTINEL_LEN) != 0) {
		analyze_warn(ctx, 0,
		    "Go module info lacks its sentinels, skipping modules");
		return;
	}
	body = str_sub(mod, GO_SENTINEL_LEN, mod.len - 2 * GO_SENTINEL_LEN);
	while (body.len > 0) {
		mp.line++;
		if (!str_cut(&body, '\n', &line)) {
			analyze_warn(ctx, 0,
			    "Go module info line %zu: no newline at the end, "
			    "skipping",
			    mp.line);
			break;
		}
		modinfo_line(&mp, line);
	}
}

int
analyze_go_binary(
    struct analyze_ctx *ctx, struct str data, struct ward_err *err)
{
	struct str vers, mod;
	int r;

	r = buildinfo_read(data, &vers, &mod, err);
	if (r <= 0)
		return r;
	stdlib_add(ctx, vers);
	modinfo_parse(ctx, mod);
	return 0;
}
