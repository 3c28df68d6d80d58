/*
 * Unit tests for the Go build information reader (src/analyze/gobin.c).
 * ELF files are built here byte by byte, in both classes and both byte
 * orders, with the Go >= 1.18 inline blob and the older pointer blob,
 * with and without section headers or program headers, so every check of
 * the reader is hit on purpose: varint lengths cut off or overflowing,
 * strings past their section, pointers outside the file, the caps (at,
 * under and over), module information without sentinels, replacements
 * with no module before them, and toolchain strings that are no release.
 *
 * Real binaries are checked against an oracle that is not ward: the
 * output of `go version -m` (Debian's golang-go), run here with fork and
 * exec, is parsed and the same reporting rules are applied to it; the
 * stdlib version, the main module and the exact set of modules after
 * replacements must agree. The binaries are Debian's skopeo, umoci and
 * runc, and a small program built here from a vendored module tree (no
 * network) that has a replacement by another module and one by a local
 * directory, for amd64 (plain, and with -ldflags=-s -w), 386, mips and
 * ppc64, so the 32-bit and big-endian layouts of real linkers are read
 * too. A copy with its section headers cut away must give the same
 * packages. Each part skips when its binaries or `go` are missing. A real
 * binary cut at every 64-byte step of its first and last MiB must never
 * crash; under ASan the bytes past the cut are poisoned, so any read of
 * them is caught. Real files are read through fs_read_in_root, so this
 * suite also runs the resolver under tests/no_openat2.
 *
 * go runs offline (GOPROXY=off, vendored modules) with an explicit
 * environment; its build cache is $GOCACHE or gobin-gocache next to this
 * program, shared by the plain and no-openat2 runs: a cold cache costs
 * some 10 s per target, a warm one nothing.
 *
 * `test_gobin FILE...` compares the given binaries with `go version -m`
 * instead; `test_gobin --seeds DIR` writes the synthetic ELF files used
 * as seeds of fuzz/corpus/gobin.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/limits.h"
#include "ward/str.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifdef HAVE_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* The reader's caps, as src/analyze/gobin.c defines them. */
#ifndef GOBIN_SEARCH_MAX
#define GOBIN_SEARCH_MAX (64u << 10)
#endif
#ifndef GOBIN_VERSION_MAX
#define GOBIN_VERSION_MAX 1024u
#endif
#ifndef GOBIN_MODINFO_MAX
#define GOBIN_MODINFO_MAX (4u << 20)
#endif

#define BIN_MAX (512u << 20) /* largest real binary read */
#define OUT_MAX (16u << 20) /* largest `go version -m` output */
#define BASE 0x400000u /* virtual address of the synthetic file */
#define DATA_OFF 0x1000u /* file offset of the data segment and blob */

static const char info_start[] = "\x30\x77\xaf\x0c\x92\x74\x08\x02"
				 "\x41\xe1\xc1\x07\xe6\xd6\x18\xe6";
static const char info_end[] = "\xf9\x32\x43\x31\x86\x18\x20\x72"
			       "\x00\x82\x42\x10\x41\x16\xd8\xf2";

/* Test-wide allocations, freed at the end. */
static struct arena *ta;

/* One analyzer run's context and results. */
struct fix {
	struct arena *a;
	struct pkg_list pkgs;
	struct warn_list warns;
	struct analyze_ctx ctx;
	struct ward_err err;
	int r;
};

static void
run_analyzer(struct fix *f, const void *data, size_t len)
{
	memset(f, 0, sizeof(*f));
	f->a = arena_new();
	f->ctx.a = f->a;
	f->ctx.pkgs = &f->pkgs;
	f->ctx.warnings = &f->warns;
	f->ctx.path = "bin";
	f->r = analyze_go_binary(&f->ctx, str_make(data, len), &f->err);
}

static void
fix_fini(struct fix *f)
{
	arena_free(f->a);
}

/* The error convention and the fields every package must have. */
static bool
fix_sane(const struct fix *f)
{
	if (f->r < 0)
		return f->err.code == -f->r && f->err.msg[0] != '\0' &&
		    f->pkgs.n == 0;
	if (f->r != 0 || f->err.code != 0)
		return false;
	for (size_t i = 0; i < f->pkgs.n; i++) {
		const struct pkg *p = &f->pkgs.v[i];

		if (p->type != PKG_GO || !p->name || !p->version ||
		    p->src_name != p->name || p->src_version != p->version ||
		    !p->db_path || strcmp(p->db_path, "bin") != 0)
			return false;
	}
	return true;
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort lines and join them with "\n": a canonical set. */
static char *
canon(char **v, size_t n)
{
	size_t len = 1;
	char *s, *q;

	qsort(v, n, sizeof(*v), cmp_cstr);
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	s = q = arena_alloc(ta, len);
	*q = '\0';
	for (size_t i = 0; i < n; i++)
		q += snprintf(
		    q, len - (size_t)(q - s), "%s%s", i ? "\n" : "", v[i]);
	return s;
}

/* The packages found, as sorted "name@version" lines. */
static char *
found(const struct fix *f)
{
	char **v = arena_calloc(ta, f->pkgs.n + 1, sizeof(*v));

	for (size_t i = 0; i < f->pkgs.n; i++)
		v[i] = arena_printf(
		    ta, "%s@%s", f->pkgs.v[i].name, f->pkgs.v[i].version);
	return canon(v, f->pkgs.n);
}

/* The same for a NULL-terminated list of expected lines. */
static char *
want(const char *const *w)
{
	size_t n = 0;
	char **v;

	while (w[n])
		n++;
	v = arena_calloc(ta, n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = arena_strdup(ta, w[i]);
	return canon(v, n);
}

static bool
warned(const struct fix *f, const char *needle)
{
	for (size_t i = 0; i < f->warns.n; i++) {
		if (strstr(f->warns.v[i], needle))
			return true;
	}
	return false;
}

/* ---- Synthetic ELF files ---- */

struct spec {
	bool is64, be;
	bool inline_fmt; /* Go >= 1.18: strings follow the blob */
	bool no_sections; /* no section headers, as after sstrip */
	bool no_phdrs; /* no program headers: sections map addresses */
	struct str vers; /* the toolchain version */
	struct str mod; /* the module information, sentinels included */
	size_t pad; /* bytes of zeros before the blob */
	uint8_t flags_or; /* extra bits in the blob's flags byte */
	uint8_t ptrsize; /* 0: the class's */
};

struct img {
	unsigned char *p;
	size_t len;
	size_t blob; /* file offset of the blob */
	size_t data_len; /* bytes of the data segment */
};

static void
put(unsigned char *p, bool be, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

static size_t
put_uvarint(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* The data segment: zeros, the blob, then its strings. */
static size_t
put_data(const struct spec *s, unsigned char *d)
{
	size_t ps = s->ptrsize ? s->ptrsize : (s->is64 ? 8 : 4);
	size_t o = s->pad, b = s->pad;
	uint64_t va = BASE + DATA_OFF;

	memcpy(d + b, "\xff Go buildinf:", 14);
	d[b + 14] = (unsigned char)ps;
	d[b + 15] = (unsigned char)((s->be ? 1 : 0) | (s->inline_fmt ? 2 : 0) |
	    s->flags_or);
	o += 32;
	if (s->inline_fmt) {
		o += put_uvarint(d + o, s->vers.len);
		memcpy(d + o, s->vers.p, s->vers.len);
		o += s->vers.len;
		o += put_uvarint(d + o, s->mod.len);
		memcpy(d + o, s->mod.p, s->mod.len);
		return o + s->mod.len;
	}
	if (ps != 4 && ps != 8)
		return o;
	/* Two Go string headers, then their bytes. */
	put(d + b + 16, s->be, ps, va + o);
	put(d + b + 16 + ps, s->be, ps, va + o + 2 * ps);
	put(d + o, s->be, ps, va + o + 4 * ps);
	put(d + o + ps, s->be, ps, s->vers.len);
	put(d + o + 2 * ps, s->be, ps, va + o + 4 * ps + s->vers.len);
	put(d + o + 3 * ps, s->be, ps, s->mod.len);
	o += 4 * ps;
	memcpy(d + o, s->vers.p, s->vers.len);
	o += s->vers.len;
	memcpy(d + o, s->mod.p, s->mod.len);
	return o + s->mod.len;
}

static void
put_ehdr(const struct spec *s, unsigned char *p, size_t shoff)
{
	bool be = s->be, w = s->is64;

	memcpy(p, "\177ELF", 4);
	p[4] = w ? 2 : 1;
	p[5] = be ? 2 : 1;
	p[6] = 1;
	put(p + 16, be, 2, 2); /* ET_EXEC */
	put(p + 18, be, 2, w ? 62 : 8); /* x86-64, MIPS */
	put(p + 20, be, 4, 1);
	put(p + 24, be, w ? 8 : 4, BASE); /* e_entry */
	put(p + (w ? 32 : 28), be, w ? 8 : 4, s->no_phdrs ? 0 : (w ? 64 : 52));
	put(p + (w ? 40 : 32), be, w ? 8 : 4, s->no_sections ? 0 : shoff);
	p += w ? 52 : 40;
	put(p, be, 2, w ? 64 : 52); /* e_ehsize */
	put(p + 2, be, 2, w ? 56 : 32); /* e_phentsize */
	put(p + 4, be, 2, s->no_phdrs ? 0 : 2); /* e_phnum */
	put(p + 6, be, 2, w ? 64 : 40); /* e_shentsize */
	put(p + 8, be, 2, s->no_sections ? 0 : 3); /* e_shnum */
	put(p + 10, be, 2, s->no_sections ? 0 : 2); /* e_shstrndx */
}

static void
put_phdr(const struct spec *s, unsigned char *p, uint32_t flags, uint64_t off,
    uint64_t size)
{
	bool be = s->be;

	put(p, be, 4, 1); /* PT_LOAD */
	if (s->is64) {
		put(p + 4, be, 4, flags);
		put(p + 8, be, 8, off);
		put(p + 16, be, 8, BASE + off);
		put(p + 24, be, 8, BASE + off);
		put(p + 32, be, 8, size);
		put(p + 40, be, 8, size);
		put(p + 48, be, 8, 0x1000);
	} else {
		put(p + 4, be, 4, off);
		put(p + 8, be, 4, BASE + off);
		put(p + 12, be, 4, BASE + off);
		put(p + 16, be, 4, size);
		put(p + 20, be, 4, size);
		put(p + 24, be, 4, flags);
		put(p + 28, be, 4, 0x1000);
	}
}

static void
put_shdr(const struct spec *s, unsigned char *p, uint32_t name, uint32_t type,
    uint64_t flags, uint64_t addr, uint64_t off, uint64_t size)
{
	bool be = s->be, w = s->is64;

	put(p, be, 4, name);
	put(p + 4, be, 4, type);
	put(p + 8, be, w ? 8 : 4, flags);
	put(p + (w ? 16 : 12), be, w ? 8 : 4, addr);
	put(p + (w ? 24 : 16), be, w ? 8 : 4, off);
	put(p + (w ? 32 : 20), be, w ? 8 : 4, size);
}

/* Section names: 1 ".go.buildinfo", 15 ".shstrtab". */
static const char shstrtab[] = "\0.go.buildinfo\0.shstrtab";

static struct img
build(const struct spec *s)
{
	size_t cap = DATA_OFF + s->pad + 64 + 20 + s->vers.len + s->mod.len +
	    sizeof(shstrtab) + 3 * 64 + 16;
	size_t shentsize = s->is64 ? 64 : 40, stroff, shoff;
	struct img im = {0};

	im.p = arena_calloc(ta, 1, cap);
	im.blob = DATA_OFF + s->pad;
	im.data_len = put_data(s, im.p + DATA_OFF);
	stroff = (DATA_OFF + im.data_len + 7) & ~(size_t)7;
	memcpy(im.p + stroff, shstrtab, sizeof(shstrtab));
	shoff = (stroff + sizeof(shstrtab) + 7) & ~(size_t)7;
	put_ehdr(s, im.p, shoff);
	if (!s->no_phdrs) {
		size_t phent = s->is64 ? 56 : 32, at = s->is64 ? 64 : 52;

		put_phdr(s, im.p + at, 5, 0, DATA_OFF);
		put_phdr(s, im.p + at + phent, 6, DATA_OFF, im.data_len);
	}
	im.len = shoff;
	if (s->no_sections)
		return im;
	/* Section 0 stays zero. */
	put_shdr(s, im.p + shoff + shentsize, 1, 1, 3, BASE + DATA_OFF,
	    DATA_OFF, im.data_len);
	put_shdr(s, im.p + shoff + 2 * shentsize, 15, 3, 0, 0, stroff,
	    sizeof(shstrtab));
	im.len = shoff + 3 * shentsize;
	return im;
}

/* Module information with its sentinels around 'body'. */
static struct str
modinfo(const char *body)
{
	size_t n = strlen(body);
	char *p = arena_alloc(ta, n + 32);

	memcpy(p, info_start, 16);
	memcpy(p + 16, body, n);
	memcpy(p + 16 + n, info_end, 16);
	return str_make(p, n + 32);
}

static const char mod_body[] = "path\texample.com/hello/cmd/hello\n"
			       "mod\texample.com/hello\t(devel)\t\n"
			       "dep\tgolang.org/x/sys\tv0.6.0\th1:abc=\n"
			       "dep\tgithub.com/a/b\tv1.0.0\n"
			       "=>\tgithub.com/fork/b\tv1.2.0\th1:def=\n"
			       "\n"
			       "dep\tk8s.io/api\tv0.0.0\n"
			       "=>\t./staging/src/k8s.io/api\t(devel)\t\n"
			       "\n"
			       "build\t-compiler=gc\n"
			       "build\tCGO_ENABLED=0\n";

static const char *const mod_want[] = {
    "stdlib@1.17.13",
    "example.com/hello@(devel)",
    "golang.org/x/sys@v0.6.0",
    "github.com/fork/b@v1.2.0",
    "k8s.io/api@(devel)",
    NULL,
};

/* ---- Synthetic tests ---- */

static void
test_not_go(void)
{
	static const char *const inputs[] = {"", "hello", "\177EL", "MZ\x90"};
	struct spec s = {.is64 = true,
	    .inline_fmt = true,
	    .vers = STR("go1.20"),
	    .mod = STR("")};
	struct img im;
	struct fix f;

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		run_analyzer(&f, inputs[i], strlen(inputs[i]));
		T_OK(f.r == 0 && f.pkgs.n == 0 && fix_sane(&f));
		fix_fini(&f);
	}
	run_analyzer(&f, NULL, 0);
	T_OK(f.r == 0 && f.pkgs.n == 0);
	fix_fini(&f);
	/* An ELF file whose data holds no blob, and a misaligned blob. */
	im = build(&s);
	memset(im.p + im.blob, 0, 16);
	run_analyzer(&f, im.p, im.len);
	T_OK(f.r == 0 && f.pkgs.n == 0 && fix_sane(&f));
	fix_fini(&f);
	s.pad = 8;
	im = build(&s);
	run_analyzer(&f, im.p, im.len);
	T_OK(f.r == 0 && f.pkgs.n == 0 && fix_sane(&f));
	fix_fini(&f);
}

/* Every class, byte order and blob layout, with and without sections. */
static void
test_layouts(void)
{
	char *w = want(mod_want);

	for (int i = 0; i < 32; i++) {
		struct spec s = {
		    .is64 = i & 1,
		    .be = i & 2,
		    .inline_fmt = i & 4,
		    .no_sections = i & 8,
		    .no_phdrs = i & 16,
		    .vers = STR("go1.17.13"),
		    .mod = modinfo(mod_body),
		};
		struct img im;
		struct fix f;

		if (s.no_sections && s.no_phdrs)
			continue; /* nothing would say where the data is */
		im = build(&s);
		run_analyzer(&f, im.p, im.len);
		T_EQ_INT(f.r, 0);
		if (f.r < 0)
			T_NOTE("layout %d: %s", i, f.err.msg);
		T_EQ_STR(found(&f), w);
		T_OK(fix_sane(&f) && f.warns.n == 0);
		fix_fini(&f);
	}
}

static void
test_toolchain(void)
{
	static const struct {
		const char *vers, *want;
	} cases[] = {
	    {"go1.19.8", "1.19.8"},
	    {"go1.20", "1.20"},
	    {"go1.21rc2", "1.21rc2"},
	    {"go1.23.1 X:nocoverageredesign", "1.23.1"},
	    {"go1.25-20250209-RC00 cl/724970549 +ff27d270c9 "
	     "X:fieldtrack,boringcrypto",
		"1.25-20250209-RC00"},
	    {"devel go1.22-4b4b2d3 Tue Jan 1 00:00:00 2024 +0000", NULL},
	    {"go", NULL},
	    {"gox1.2", NULL},
	    {"go1.2\x01", NULL},
	    {"go1.2\xff", NULL},
	    {"1.19.8", NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spec s = {.is64 = true,
		    .inline_fmt = true,
		    .vers = str_from(cases[i].vers),
		    .mod = STR("")};
		struct img im = build(&s);
		struct fix f;

		run_analyzer(&f, im.p, im.len);
		T_OK(fix_sane(&f) && f.r == 0);
		if (cases[i].want) {
			T_OK(f.pkgs.n == 1);
			T_EQ_STR(f.pkgs.n ? f.pkgs.v[0].name : NULL, "stdlib");
			T_EQ_STR(f.pkgs.n ? f.pkgs.v[0].version : NULL,
			    cases[i].want);
		} else {
			T_OK(f.pkgs.n == 0 &&
			    warned(&f, "is not a release, skipping stdlib"));
		}
		fix_fini(&f);
	}
}

/* Module information that is damaged but not fatal. */
#define NUL_BODY "dep\ta\0b\tv1\t\ndep\tc\tv2\t\n"

static void
test_modinfo_lines(void)
{
	static const struct {
		const char *body, *want, *warning;
		size_t len; /* 0: strlen(body) */
	} cases[] = {
	    /* A replacement with no module before it. */
	    {"path\tx\n=>\tgithub.com/a\tv1.0.0\t\nmod\tm\tv1.0.0\t\n",
		"m@v1.0.0\nstdlib@1.20", "with no module on the line before"},
	    /* Two replacements in a row: the second has none. */
	    {"dep\ta\tv1\n=>\tb\tv2\t\n=>\tc\tv3\t\n", "b@v2\nstdlib@1.20",
		"line 3: replacement with no module"},
	    /* As in Go, lines between a module and its "=>" are passed. */
	    {"dep\ta\tv1\nbuild\tx=y\n\n=>\tb\tv2\t\n", "b@v2\nstdlib@1.20",
		NULL},
	    /* A bad module line is skipped with its replacement. */
	    {"dep\ta\n=>\tb\tv2\t\ndep\tc\tv3\t\n", "c@v3\nstdlib@1.20",
		"dep line has 1 columns"},
	    {"dep\ta\tv1\th\textra\n", "stdlib@1.20", "dep line has 4"},
	    {"dep\ta\tv1\n=>\tb\tv2\n", "a@v1\nstdlib@1.20",
		"replacement line has 2 columns"},
	    {"dep\ta\tv1\n=>\t\tv2\t\n", "a@v1\nstdlib@1.20",
		"replacement without a path"},
	    /* Old Go listed the main module as a dep without a path. */
	    {"dep\t\t(devel)\t\n=>\tx\tv1\t\ndep\ta\tv1\t\n",
		"a@v1\nstdlib@1.20", NULL},
	    /* An empty version is read as Go >= 1.18 writes it. */
	    {"mod\tm\t\t\ndep\ta\tv1\n=>\t../a\t\t\n",
		"a@(devel)\nm@(devel)\nstdlib@1.20", NULL},
	    /* A replaced main module. */
	    {"mod\tm\tv1.0.0\n=>\tn\tv1.1.0\t\n", "n@v1.1.0\nstdlib@1.20",
		NULL},
	    {NUL_BODY, "c@v2\nstdlib@1.20", "holds a NUL byte",
		sizeof(NUL_BODY) - 1},
	    {"dep\ta\tv1\t\ndep\tb\tv2", "a@v1\nstdlib@1.20",
		"line 2: no newline at the end"},
	    {"unknown\tline\n\tdep\tx\tv1\n", "stdlib@1.20", NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = cases[i].len ? cases[i].len : strlen(cases[i].body);
		struct spec s = {
		    .is64 = true, .inline_fmt = true, .vers = STR("go1.20")};
		struct img im;
		struct fix f;
		char *body;

		body = arena_alloc(ta, n + 32);
		memcpy(body, info_start, 16);
		memcpy(body + 16, cases[i].body, n);
		memcpy(body + 16 + n, info_end, 16);
		s.mod = str_make(body, n + 32);
		im = build(&s);
		run_analyzer(&f, im.p, im.len);
		T_OK(fix_sane(&f) && f.r == 0);
		T_EQ_STR(found(&f), cases[i].want);
		if (cases[i].warning)
			T_OK(warned(&f, cases[i].warning));
		else
			T_EQ_INT(f.warns.n, 0);
		fix_fini(&f);
	}
}

static void
test_sentinels(void)
{
	static const char *const bodies[] = {
	    "mod\tm\tv1\t\n", /* no sentinels at all */
	    "0123456789abcdefmod\tm\tv1\t\n0123456789abcdef",
	    "short",
	};
	struct spec s = {
	    .is64 = true, .inline_fmt = true, .vers = STR("go1.20")};
	struct fix f;
	struct img im;
	struct str m = modinfo("mod\tm\tv1\t\n");
	char *bad;

	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		s.mod = str_from(bodies[i]);
		im = build(&s);
		run_analyzer(&f, im.p, im.len);
		T_OK(fix_sane(&f) && f.r == 0);
		T_EQ_STR(found(&f), "stdlib@1.20");
		T_OK(warned(&f, "lacks its sentinels"));
		fix_fini(&f);
	}
	/* One byte of either sentinel changed. */
	for (int end = 0; end < 2; end++) {
		bad = arena_memdup(ta, m.p, m.len);
		bad[end ? m.len - 1 : 0] ^= 1;
		s.mod = str_make(bad, m.len);
		im = build(&s);
		run_analyzer(&f, im.p, im.len);
		T_EQ_STR(found(&f), "stdlib@1.20");
		T_OK(warned(&f, "lacks its sentinels"));
		fix_fini(&f);
	}
	/* Built outside module mode: nothing but stdlib, no warning. */
	s.mod = STR("");
	im = build(&s);
	run_analyzer(&f, im.p, im.len);
	T_EQ_STR(found(&f), "stdlib@1.20");
	T_EQ_INT(f.warns.n, 0);
	fix_fini(&f);
}

/* Run on a damaged image; the error must be 'code' naming 'what'. */
static void
expect_err(const struct img *im, size_t len, int code, const char *what)
{
	struct fix f;

	run_analyzer(&f, im->p, len);
	T_EQ_INT(f.r, -code);
	T_OK(fix_sane(&f));
	T_OK(strstr(f.err.msg, what) != NULL);
	if (!strstr(f.err.msg, what))
		T_NOTE("message: %s (want '%s')", f.err.msg, what);
	fix_fini(&f);
}

static void
test_bad_varints(void)
{
	struct spec s = {.is64 = true,
	    .inline_fmt = true,
	    .vers = STR("go1.20"),
	    .mod = modinfo("mod\tm\tv1\t\n")};
	struct img im = build(&s);
	size_t at = im.blob + 32;

	/* 10 bytes that do not end: overflow. */
	memset(im.p + at, 0xff, 10);
	expect_err(&im, im.len, EBADMSG, "toolchain version length overflows");
	/* The 10th byte may only be 0 or 1. */
	memset(im.p + at, 0x80, 9);
	im.p[at + 9] = 2;
	expect_err(&im, im.len, EBADMSG, "overflows");
	/* A length past the section. */
	im = build(&s);
	im.p[at] = 0x7f;
	expect_err(&im, im.len, EBADMSG, "toolchain version of 127 bytes runs");
	/* The module information's length, past the section too. */
	im = build(&s);
	im.p[at + 1 + 6] = 0x7f;
	expect_err(&im, im.len, EBADMSG, "module information of 127 bytes");
	/* A varint cut off by the end of the section. */
	s.mod = STR("");
	s.vers = STR("go1.20");
	im = build(&s);
	im.p[at + 7] = 0x80;
	/* Shrink the .go.buildinfo section to end right after that byte. */
	put(im.p + im.len - 2 * 64 + 32, false, 8, 32 + 8);
	expect_err(&im, im.len, EBADMSG, "module information length cut off");
	/* A huge length: over the cap, whatever the file holds. */
	im = build(&s);
	im.p[at] = 0xff;
	im.p[at + 1] = 0xff;
	im.p[at + 2] = 0xff;
	im.p[at + 3] = 0x7f;
	expect_err(&im, im.len, EFBIG, "toolchain version of 268435455 bytes");
	/* An empty version. */
	s.vers = STR("");
	im = build(&s);
	expect_err(&im, im.len, EBADMSG, "toolchain version is empty");
}

static void
test_bad_pointers(void)
{
	struct spec s = {.is64 = false,
	    .be = true,
	    .vers = STR("go1.16.15"),
	    .mod = modinfo("mod\tm\tv1\t\n")};
	struct img im = build(&s);
	struct fix f;

	run_analyzer(&f, im.p, im.len);
	T_EQ_STR(found(&f), "m@v1\nstdlib@1.16.15");
	fix_fini(&f);
	/* The version's string header outside every segment. */
	put(im.p + im.blob + 16, true, 4, 0x10);
	expect_err(&im, im.len, EBADMSG,
	    "toolchain version string header at address 0x10");
	/* Its bytes running past the data segment. */
	im = build(&s);
	put(im.p + im.blob + 32 + 4, true, 4, 0x100000);
	expect_err(&im, im.len, EFBIG,
	    "toolchain version of 1048576 bytes is over 1024");
	im = build(&s);
	put(im.p + im.blob + 32 + 4, true, 4, 1000);
	expect_err(
	    &im, im.len, EBADMSG, "toolchain version (1000 bytes at address");
	/* The module information's header pointing at the blob's end. */
	im = build(&s);
	put(im.p + im.blob + 20, true, 4, BASE + DATA_OFF + im.data_len - 4);
	expect_err(&im, im.len, EBADMSG, "module information string header");
	/* Pointer sizes other than 4 and 8. */
	s.ptrsize = 3;
	im = build(&s);
	expect_err(&im, im.len, EBADMSG, "pointer size 3 is not 4 or 8");
	s.ptrsize = 0;
	/* An address that wraps around. */
	s.is64 = true;
	im = build(&s);
	put(im.p + im.blob + 16, true, 8, UINT64_MAX - 3);
	expect_err(&im, im.len, EBADMSG, "is not in the file");
}

static void
test_bad_elf(void)
{
	struct spec s = {.is64 = true,
	    .inline_fmt = true,
	    .vers = STR("go1.20"),
	    .mod = STR("")};
	struct img im = build(&s);
	unsigned char save;

	expect_err(&im, 10, EBADMSG, "ELF identification truncated");
	expect_err(&im, 63, EBADMSG, "ELF header truncated");
	save = im.p[4];
	im.p[4] = 3;
	expect_err(&im, im.len, EBADMSG, "ELF class 3");
	im.p[4] = save;
	im.p[5] = 0;
	expect_err(&im, im.len, EBADMSG, "ELF data encoding 0");
	im = build(&s);
	/* Section headers past the end, program headers too. */
	expect_err(&im, im.len - 1, EBADMSG, "ELF section headers: 3 entries");
	put(im.p + 56, false, 2, 1000);
	expect_err(&im, im.len, EBADMSG, "ELF program headers: 1000 entries");
	im = build(&s);
	put(im.p + 58, false, 2, 12);
	expect_err(&im, im.len, EBADMSG, "section headers entry size 12");
	im = build(&s);
	put(im.p + 32, false, 8, UINT64_MAX - 8);
	expect_err(&im, im.len, EBADMSG, "program headers");
	/* The name table and the section itself outside the file. */
	im = build(&s);
	put(im.p + im.len - 64 + 24, false, 8, 1u << 30);
	expect_err(&im, im.len, EBADMSG, "section name table");
	im = build(&s);
	put(im.p + im.len - 128 + 32, false, 8, UINT64_MAX);
	expect_err(&im, im.len, EBADMSG, "section .go.buildinfo");
	im = build(&s);
	put(im.p + im.len - 128 + 4, false, 4, 8); /* SHT_NOBITS */
	expect_err(&im, im.len, EBADMSG, "section .go.buildinfo");
	/* Without sections, the data segment outside the file. */
	s.no_sections = true;
	im = build(&s);
	put(im.p + 64 + 56 + 32, false, 8, 1u << 30);
	expect_err(&im, im.len, EBADMSG, "ELF data segment");
}

/* Caps: the strings at, under and over their limits; the search window. */
static const long deltas[] = {-1, 0, 1};

static void
test_limit_version(void)
{
	struct spec s = {.is64 = true, .mod = STR("")};
	char *v = arena_alloc(ta, GOBIN_VERSION_MAX + 2);
	struct img im;
	struct fix f;

	memset(v, '1', GOBIN_VERSION_MAX + 2);
	memcpy(v, "go", 2);
	for (int fmt = 0; fmt < 2; fmt++) {
		s.inline_fmt = fmt;
		for (size_t i = 0; i < 3; i++) {
			s.vers = str_make(v, GOBIN_VERSION_MAX + deltas[i]);
			im = build(&s);
			run_analyzer(&f, im.p, im.len);
			T_EQ_INT(f.r, deltas[i] > 0 ? -EFBIG : 0);
			T_OK(fix_sane(&f));
			fix_fini(&f);
		}
	}
}

static void
test_limit_modinfo(void)
{
	struct spec s = {.is64 = true, .vers = STR("go1.20")};
	size_t n = GOBIN_MODINFO_MAX + 1;
	char *m = arena_alloc(ta, n);
	struct img im;
	struct fix f;

	/* Sentinels around empty lines. */
	memset(m, '\n', n);
	memcpy(m, info_start, 16);
	for (int fmt = 0; fmt < 2; fmt++) {
		s.inline_fmt = fmt;
		for (size_t i = 0; i < 3; i++) {
			size_t len = GOBIN_MODINFO_MAX + deltas[i];

			memcpy(m + len - 16, info_end, 16);
			s.mod = str_make(m, len);
			im = build(&s);
			run_analyzer(&f, im.p, im.len);
			T_EQ_INT(f.r, deltas[i] > 0 ? -EFBIG : 0);
			T_EQ_INT(f.pkgs.n, deltas[i] > 0 ? 0 : 1);
			T_OK(fix_sane(&f) && f.warns.n == 0);
			fix_fini(&f);
			memset(m + len - 16, '\n', 16);
		}
	}
}

/* The blob is found in the first GOBIN_SEARCH_MAX bytes only. */
static void
test_limit_search(void)
{
	struct spec s = {.is64 = true,
	    .inline_fmt = true,
	    .no_sections = true,
	    .vers = STR("go1.20"),
	    .mod = STR("")};
	struct img im;
	struct fix f;

	for (size_t i = 0; i < 3; i++) {
		/* The blob's 32 bytes must end inside the window. */
		s.pad = (size_t)((long)GOBIN_SEARCH_MAX - 32 + deltas[i] * 16);
		im = build(&s);
		run_analyzer(&f, im.p, im.len);
		T_EQ_INT(f.pkgs.n, deltas[i] <= 0 ? 1 : 0);
		T_OK(fix_sane(&f));
		fix_fini(&f);
	}
}

/* ---- Real binaries against `go version -m` ---- */

static const char *const go_paths[] = {
    "/usr/bin/go",
    "/usr/lib/go/bin/go",
    "/usr/local/go/bin/go",
};

static const char *
go_find(void)
{
	for (size_t i = 0; i < sizeof(go_paths) / sizeof(go_paths[0]); i++) {
		if (access(go_paths[i], X_OK) == 0)
			return go_paths[i];
	}
	return NULL;
}

/* Environment for go: explicit, offline, no cgo, no toolchain switch. */
struct goenv {
	char *v[16];
	size_t n;
};

/*
 * Go's build cache: $GOCACHE, else one next to this test program, which
 * the plain and no-openat2 runs share (Go's cache is safe for that) and
 * later runs reuse, since a cold one costs seconds per architecture.
 */
static const char *
gocache(const char *tmp)
{
	const char *cache = secure_getenv("GOCACHE");
	char exe[4096];
	ssize_t n;
	char *slash;

	if (cache && *cache)
		return cache;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return arena_printf(ta, "%s/cache", tmp);
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	return arena_printf(ta, "%s/gobin-gocache", exe);
}

static void
goenv_init(struct goenv *e, const char *tmp, const char *goarch)
{
	memset(e, 0, sizeof(*e));
	e->v[e->n++] = "PATH=/usr/bin:/bin";
	e->v[e->n++] = "GOPROXY=off";
	e->v[e->n++] = "GOFLAGS=-mod=vendor";
	e->v[e->n++] = "GO111MODULE=on";
	e->v[e->n++] = "CGO_ENABLED=0";
	e->v[e->n++] = "GOTOOLCHAIN=local";
	e->v[e->n++] = "GOTELEMETRY=off";
	e->v[e->n++] = "GOENV=off";
	e->v[e->n++] = "GOOS=linux";
	e->v[e->n++] = arena_printf(ta, "GOPATH=%s/gopath", tmp);
	e->v[e->n++] = arena_printf(ta, "GOCACHE=%s", gocache(tmp));
	if (goarch)
		e->v[e->n++] = arena_printf(ta, "GOARCH=%s", goarch);
	e->v[e->n] = NULL;
}

/*
 * Run argv in 'dir' with 'envp'; its stdout goes to *out (NULL: ours).
 * Returns its exit status, or -1 when it could not run or was killed.
 */
static int
run(const char *dir, char *const argv[], char *const envp[], struct str *out)
{
	struct ward_err err = {0};
	int fds[2], status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (dup2(fds[1], 1) < 0 || (dir && chdir(dir) < 0))
			_exit(127);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(fds[1]);
	if (out && fs_read_fd(ta, fds[0], argv[0], OUT_MAX, out, &err) < 0)
		T_NOTE("%s", err.msg);
	if (!out) {
		char buf[4096];

		while (read(fds[0], buf, sizeof(buf)) > 0)
			;
	}
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* One module from `go version -m`: the last columns of a line. */
struct omod {
	char *path, *version;
};

/* ward's rules applied to Go's output: "mod", "dep" and "=>" lines. */
static size_t
oracle_lines(struct str rest, struct omod **mp, size_t n, size_t cap)
{
	struct omod *m = *mp;
	struct str line, col[4];
	size_t last = SIZE_MAX;

	while (str_next_line(&rest, &line)) {
		size_t k = 0;
		bool more = true;

		while (k < 4 && more)
			more = str_cut(&line, '\t', &col[k++]);
		if (k < 4 || col[0].len != 0)
			continue;
		if (n == cap) {
			m = arena_realloc(ta, m, n, cap * 2, sizeof(*m));
			cap *= 2;
		}
		if (str_eq_cstr(col[1], "mod") || str_eq_cstr(col[1], "dep")) {
			if (col[2].len == 0)
				continue;
			m[n] = (struct omod){arena_strz(ta, col[2]),
			    col[3].len ? arena_strz(ta, col[3]) : "(devel)"};
			last = n++;
		} else if (str_eq_cstr(col[1], "=>") && last != SIZE_MAX) {
			if (str_eq_cstr(col[3], "(devel)") || col[3].len == 0)
				m[last].version = "(devel)";
			else
				m[last] = (struct omod){arena_strz(ta, col[2]),
				    arena_strz(ta, col[3])};
			last = SIZE_MAX;
		}
	}
	*mp = m;
	return n;
}

/*
 * The oracle: `go version -m BIN` parsed, with ward's reporting rules
 * (see gobin.c) applied to what Go printed, as sorted "name@version".
 */
static char *
oracle(const char *go, const char *bin)
{
	char *argv[] = {(char *)go, "version", "-m", (char *)bin, NULL};
	struct goenv env;
	struct str out, line, tag;
	struct omod *m;
	char **v;
	size_t n = 0;

	goenv_init(&env, "/nonexistent", NULL);
	if (run(NULL, argv, env.v, &out) != 0)
		return NULL;
	m = arena_calloc(ta, 16, sizeof(*m));
	/* "BIN: go1.19.8 X:..." */
	if (!str_next_line(&out, &line) ||
	    !str_starts_with(line, str_from(bin)))
		return NULL;
	line = str_sub(line, strlen(bin) + 2, -1);
	str_cut(&line, ' ', &tag);
	if (tag.len > 2 && str_starts_with(tag, STR("go")) && tag.p[2] >= '0' &&
	    tag.p[2] <= '9')
		m[n++] = (struct omod){
		    "stdlib", arena_strz(ta, str_sub(tag, 2, -1))};
	n = oracle_lines(out, &m, n, 16);
	v = arena_calloc(ta, n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = arena_printf(ta, "%s@%s", m[i].path, m[i].version);
	return canon(v, n);
}

static bool
read_bin(const char *path, struct str *data)
{
	struct ward_err err = {0};
	int root = fs_root_open("/", &err);
	int r;

	if (root < 0)
		return false;
	r = fs_read_in_root(ta, root, path, BIN_MAX, data, &err);
	close(root);
	if (r < 0)
		T_NOTE("%s", err.msg);
	return r >= 0;
}

/* Our packages for 'path', compared with the oracle. */
static char *
compare(const char *go, const char *path, struct str data)
{
	char *ours, *theirs = oracle(go, path);
	struct fix f;

	run_analyzer(&f, data.p, data.len);
	T_OK(fix_sane(&f) && f.r == 0);
	if (f.r < 0)
		T_NOTE("%s: %s", path, f.err.msg);
	ours = found(&f);
	T_OK(theirs != NULL);
	T_EQ_STR(ours, theirs);
	T_NOTE("%s: %zu packages, %zu warnings, agrees with go version -m: "
	       "%s",
	    path, f.pkgs.n, f.warns.n,
	    theirs && strcmp(ours, theirs) == 0 ? "yes" : "NO");
	fix_fini(&f);
	return ours;
}

static const char *const debian_bins[] = {
    "/usr/bin/skopeo",
    "/usr/bin/umoci",
    "/usr/sbin/runc",
    "/usr/bin/runc",
    "/usr/bin/podman",
};

/* A real binary to cut: the first present, or NULL. */
static const char *cut_candidate;

static void
test_debian_binaries(const char *go)
{
	size_t seen = 0;
	struct str data;

	for (size_t i = 0; i < sizeof(debian_bins) / sizeof(debian_bins[0]);
	     i++) {
		const char *bin = debian_bins[i];

		struct stat st;

		/* Debian's /usr/bin/runc is a link to /usr/sbin/runc. */
		if (lstat(bin, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		seen++;
		if (!cut_candidate)
			cut_candidate = bin;
		if (!go) {
			T_SKIP("go is not installed: no oracle");
			continue;
		}
		if (read_bin(bin, &data))
			(void)compare(go, bin, data); /* checks inside */
		else
			T_OK(!"read the binary");
	}
	if (seen == 0)
		T_SKIP("none of skopeo, umoci, runc, podman is installed");
}

/* The program built here and its vendored module tree. */
static const struct {
	const char *path, *text;
} tree[] = {
    {"go.mod",
	"module example.com/hello\n\ngo 1.19\n\nrequire (\n"
	"\texample.com/dep v1.0.0\n\texample.com/local v0.0.0\n)\n\n"
	"replace example.com/dep => example.com/fork v1.2.0\n\n"
	"replace example.com/local => ./local\n"},
    {"main.go",
	"package main\n\nimport (\n\t\"example.com/dep\"\n"
	"\t\"example.com/local\"\n)\n\nfunc main() "
	"{ println(dep.Name() + local.Name()) }\n"},
    {"local/go.mod", "module example.com/local\n\ngo 1.19\n"},
    {"local/local.go",
	"package local\n\nfunc Name() string "
	"{ return \"local\" }\n"},
    {"vendor/example.com/local/local.go",
	"package local\n\nfunc Name() "
	"string { return \"local\" }\n"},
    {"vendor/example.com/dep/dep.go",
	"package dep\n\nfunc Name() string "
	"{ return \"dep\" }\n"},
    {"vendor/modules.txt",
	"# example.com/dep v1.0.0 => example.com/fork v1.2.0\n## explicit\n"
	"example.com/dep\n# example.com/local v0.0.0 => ./local\n"
	"## explicit\nexample.com/local\n"
	"# example.com/dep => example.com/fork v1.2.0\n"
	"# example.com/local => ./local\n"},
};

static bool
write_file(
    const char *dir, const char *rel, const void *p, size_t n, mode_t mode)
{
	char *path = arena_printf(ta, "%s/%s", dir, rel);
	int fd;
	bool ok;

	for (char *s = strchr(path + strlen(dir) + 1, '/'); s;
	     s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return false;
		*s = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return false;
	ok = write(fd, p, n) == (ssize_t)n;
	return close(fd) == 0 && ok;
}

/* Build the program for 'goarch' with extra go build flags; its path. */
static char *
go_build(const char *go, const char *tmp, const char *goarch, const char *flags,
    const char *name)
{
	char *out = arena_printf(ta, "%s/%s", tmp, name);
	char *argv[] = {(char *)go, "build", "-trimpath", (char *)flags, "-o",
	    out, ".", NULL};
	struct goenv env;

	if (!flags) {
		argv[3] = "-o";
		argv[4] = out;
		argv[5] = ".";
		argv[6] = NULL;
	}
	goenv_init(&env, tmp, goarch);
	if (run(arena_printf(ta, "%s/src", tmp), argv, env.v, NULL) != 0)
		return NULL;
	return out;
}

/* The copy of 'data' with its section headers gone, as a file. */
static char *
strip_sections(const char *tmp, struct str data)
{
	unsigned char *p = arena_memdup(ta, data.p, data.len);
	bool w = p[4] == 2, be = p[5] == 2;
	char *name = "hello-nosections";

	put(p + (w ? 40 : 32), be, w ? 8 : 4, 0); /* e_shoff */
	put(p + (w ? 60 : 48), be, 2, 0); /* e_shnum */
	put(p + (w ? 62 : 50), be, 2, 0); /* e_shstrndx */
	if (!write_file(tmp, name, p, data.len, 0700))
		return NULL;
	return arena_printf(ta, "%s/%s", tmp, name);
}

static void
rm_rf(const char *dir)
{
	char *argv[] = {"/bin/rm", "-rf", (char *)dir, NULL};
	char *envp[] = {NULL};

	if (run(NULL, argv, envp, NULL) != 0)
		T_NOTE("could not remove %s", dir);
}

static const char *const built_want[] = {
    "example.com/hello@(devel)",
    "example.com/fork@v1.2.0",
    "example.com/local@(devel)",
    NULL,
};

static void
check_built(const char *go, const char *bin, const char *label)
{
	struct str data;
	char *ours;

	if (!bin) {
		T_OK(!"go build");
		T_NOTE("go build for %s failed", label);
		return;
	}
	if (!read_bin(bin, &data)) {
		T_OK(!"read the built binary");
		return;
	}
	ours = compare(go, bin, data);
	for (size_t i = 0; built_want[i]; i++)
		T_OK(strstr(ours, built_want[i]) != NULL);
	T_OK(strstr(ours, "stdlib@1.") != NULL);
}

/* Build the program for several targets; returns the amd64 binary. */
static const char *
test_built_binaries(const char *go, const char *tmp)
{
	static const char *const arches[] = {"386", "mips", "ppc64"};
	const char *bin;
	char *stripped;
	struct str data;
	struct fix a, b;

	for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
		char *rel = arena_printf(ta, "src/%s", tree[i].path);

		if (!write_file(
			tmp, rel, tree[i].text, strlen(tree[i].text), 0600))
			T_OK(!"write the module tree");
	}
	bin = go_build(go, tmp, "amd64", NULL, "hello");
	check_built(go, bin, "amd64");
	check_built(go, go_build(go, tmp, "amd64", "-ldflags=-s -w", "hello-s"),
	    "amd64 -s -w");
	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		check_built(go,
		    go_build(go, tmp, arches[i], NULL,
			arena_printf(ta, "hello-%s", arches[i])),
		    arches[i]);
	if (!bin || !read_bin(bin, &data))
		return NULL;
	/* Without section headers: the segment search, same packages. */
	stripped = strip_sections(tmp, data);
	T_OK(stripped != NULL);
	if (stripped) {
		struct str sdata;

		check_built(go, stripped, "no sections");
		if (read_bin(stripped, &sdata)) {
			run_analyzer(&a, data.p, data.len);
			run_analyzer(&b, sdata.p, sdata.len);
			T_EQ_STR(found(&b), found(&a));
			fix_fini(&a);
			fix_fini(&b);
		}
	}
	return bin;
}

/*
 * Cut 'data' at every 64-byte step of its first and last MiB. Under ASan
 * the bytes past the cut are poisoned, so reading them aborts.
 */
static void
test_truncations(const char *path)
{
	size_t mib = 1u << 20, runs = 0, errors = 0, same = 0;
	struct str data;
	char *full;
	struct fix f;
	bool sane = true;

	if (!path || !read_bin(path, &data)) {
		T_SKIP("no real Go binary to cut");
		return;
	}
	run_analyzer(&f, data.p, data.len);
	full = found(&f);
	fix_fini(&f);
	for (int tail = 0; tail < 2; tail++) {
		size_t from = tail && data.len > mib ? data.len - mib : 0;
		size_t to = tail ? data.len : (data.len < mib ? data.len : mib);

		for (size_t k = from & ~(size_t)63; k <= to; k += 64) {
			POISON(data.p + k, data.len - k);
			run_analyzer(&f, data.p, k);
			UNPOISON(data.p + k, data.len - k);
			sane = sane && fix_sane(&f);
			runs++;
			errors += f.r < 0;
			same += f.r == 0 && strcmp(found(&f), full) == 0;
			fix_fini(&f);
		}
	}
	T_OK(sane);
	T_OK(runs > 0 && errors > 0);
	T_NOTE("%s cut %zu times: %zu errors, %zu full results", path, runs,
	    errors, same);
}

/* ---- Seeds for fuzz/corpus/gobin ---- */

static bool
write_seed(const char *dir, const char *name, const struct img *im, size_t len)
{
	return write_file(dir, name, im->p, len, 0644);
}

static int
write_seeds(const char *dir)
{
	static const struct {
		const char *name;
		struct spec s;
	} layouts[] = {
	    {"inline-64le", {.is64 = true, .inline_fmt = true}},
	    {"inline-32be", {.be = true, .inline_fmt = true}},
	    {"inline-64be-nosections",
		{.is64 = true,
		    .be = true,
		    .inline_fmt = true,
		    .no_sections = true}},
	    {"pointer-64le", {.is64 = true}},
	    {"pointer-32be", {.be = true}},
	    {"pointer-32le-nosections", {.no_sections = true}},
	    {"pointer-64be-nophdrs",
		{.is64 = true, .be = true, .no_phdrs = true}},
	};
	struct spec s = {
	    .is64 = true, .inline_fmt = true, .vers = STR("go1.21.0")};
	struct img im;
	bool ok = true;

	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		struct spec l = layouts[i].s;

		l.vers = STR("go1.17.13 X:boringcrypto");
		l.mod = modinfo(mod_body);
		im = build(&l);
		ok = ok && write_seed(dir, layouts[i].name, &im, im.len);
	}
	/* Damaged module information, a bad varint, a cut file. */
	s.mod = modinfo("dep\ta\tv1\n=>\tb\tv2\t\n=>\tc\tv3\t\ndep\tx\n");
	im = build(&s);
	ok = ok && write_seed(dir, "orphan-replacement", &im, im.len);
	s.mod = STR("mod\tm\tv1\t\n");
	im = build(&s);
	ok = ok && write_seed(dir, "no-sentinels", &im, im.len);
	memset(im.p + im.blob + 32, 0xff, 10);
	ok = ok && write_seed(dir, "varint-overflow", &im, im.len);
	s.mod = modinfo(mod_body);
	s.no_sections = true;
	im = build(&s);
	ok = ok && write_seed(dir, "inline-cut", &im, im.blob + 100);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const char *go, *bin;
	char tmp[] = "/tmp/ward-gobin-XXXXXX";

	ta = arena_new();
	if (argc == 3 && strcmp(argv[1], "--seeds") == 0)
		return write_seeds(argv[2]);
	go = go_find();
	if (argc > 1) {
		for (int i = 1; i < argc && go; i++) {
			struct str data;

			if (read_bin(argv[i], &data))
				(void)compare(go, argv[i], data);
		}
		return t_done();
	}
	test_not_go();
	test_layouts();
	test_toolchain();
	test_modinfo_lines();
	test_sentinels();
	test_bad_varints();
	test_bad_pointers();
	test_bad_elf();
	test_limit_version();
	test_limit_modinfo();
	test_limit_search();
	test_debian_binaries(go);
	bin = NULL;
	if (!go) {
		T_SKIP("go is not installed: no program built");
	} else if (!mkdtemp(tmp)) {
		T_OK(!"mkdtemp");
	} else {
		bin = test_built_binaries(go, tmp);
		test_truncations(bin ? bin : cut_candidate);
		rm_rf(tmp);
	}
	if (!go)
		test_truncations(cut_candidate);
	arena_free(ta);
	return t_done();
}
