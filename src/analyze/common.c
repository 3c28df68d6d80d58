/*
 * Helpers shared by the analyzers: growing the package and warning lists
 * in the scan's arena.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/limits.h"

struct pkg *
analyze_pkg_add(struct analyze_ctx *ctx)
{
	struct pkg_list *l = ctx->pkgs;
	struct pkg *p;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;

		l->v = arena_realloc(ctx->a, l->v, l->n, cap, sizeof(*l->v));
		l->cap = cap;
	}
	p = &l->v[l->n++];
	memset(p, 0, sizeof(*p));
	p->epoch = -1;
	p->layer = ctx->layer;
	p->db_path = ctx->path;
	return p;
}

void
analyze_warn(struct analyze_ctx *ctx, size_t line, const char *fmt, ...)
{
	struct warn_list *w = ctx->warnings;
	char msg[512];
	va_list ap;

	if (!w)
		return;
	if (w->n >= WARNINGS_MAX) {
		w->dropped++;
		return;
	}
	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;

		w->v = arena_realloc(ctx->a, w->v, w->n, cap, sizeof(*w->v));
		w->cap = cap;
	}
	if (line)
		w->v[w->n++] = arena_printf(ctx->a, "%s: line %zu: %s",
		    ctx->path ? ctx->path : "?", line, msg);
	else
		w->v[w->n++] = arena_printf(ctx->a, "%s: %s",
		    ctx->path ? ctx->path : "?", msg);
}
