/*
 * A small POSIX sh tokenizer for the commands of RUN instructions, so the
 * checks can look at "apt-get install" or "curl ... | sh" as words rather
 * than as substrings. It is not a shell: it splits a script into simple
 * commands at the control operators, removes quotes, drops redirections
 * and keeps $(...) and `...` substitutions inside their word. The script
 * is untrusted; one pass over it, output at most twice its size.
 */

#include <string.h>

#include "dockerfile.h"
#include "ward/arena.h"

struct sp {
	struct arena *a;
	struct str s;
	size_t i;
	char *o; /* unquoted bytes of every word, in order */
	size_t olen;
	struct str *w; /* words of the current command */
	size_t nw, capw;
	struct df_scmd *v;
	size_t n, cap;
	bool skip_next; /* the next word is a redirection target */
};

struct str
df_basename(struct str s)
{
	for (size_t k = s.len; k > 0; k--)
		if (s.p[k - 1] == '/')
			return str_sub(s, k, s.len);
	return s;
}

static bool
assignment(struct str w)
{
	size_t k = 0;

	if (w.len == 0 ||
	    !(w.p[0] == '_' || (w.p[0] >= 'a' && w.p[0] <= 'z') ||
		(w.p[0] >= 'A' && w.p[0] <= 'Z')))
		return false;
	while (k < w.len &&
	    (w.p[k] == '_' || (w.p[k] >= 'a' && w.p[k] <= 'z') ||
		(w.p[k] >= 'A' && w.p[k] <= 'Z') ||
		(w.p[k] >= '0' && w.p[k] <= '9')))
		k++;
	return k < w.len && w.p[k] == '=';
}

/* Options of sudo that take an argument. */
static bool
sudo_arg_opt(struct str w)
{
	static const char *const o[] = {"-u", "-g", "-C", "-D", "-h", "-p",
	    "-r", "-t", "-U", "-T", "-R", "--user", "--group", "--chdir",
	    "--host", "--prompt", "--role", "--type", "--other-user",
	    "--command-timeout", "--close-from", "--chroot"};

	for (size_t k = 0; k < sizeof(o) / sizeof(o[0]); k++)
		if (str_eq_cstr(w, o[k]))
			return true;
	return false;
}

/* Where the command proper begins: past VAR=x, sudo, env and friends. */
static void
find_cmd(struct df_scmd *c)
{
	size_t k = 0;

	for (;;) {
		struct str b;

		while (k < c->n && assignment(c->w[k]))
			k++;
		if (k >= c->n)
			break;
		b = df_basename(c->w[k]);
		if (str_eq_cstr(b, "sudo") || str_eq_cstr(b, "doas")) {
			c->sudo = true;
			for (k++;
			     k < c->n && c->w[k].len > 0 && c->w[k].p[0] == '-';
			     k++)
				if (sudo_arg_opt(c->w[k]))
					k++;
			continue;
		}
		if (str_eq_cstr(b, "env")) {
			for (k++;
			     k < c->n && c->w[k].len > 0 && c->w[k].p[0] == '-';
			     k++)
				;
			continue;
		}
		if (str_eq_cstr(b, "exec") || str_eq_cstr(b, "nohup") ||
		    str_eq_cstr(b, "time") || str_eq_cstr(b, "command") ||
		    str_eq_cstr(b, "!") || str_eq_cstr(b, "if") ||
		    str_eq_cstr(b, "then") || str_eq_cstr(b, "else") ||
		    str_eq_cstr(b, "elif") || str_eq_cstr(b, "do") ||
		    str_eq_cstr(b, "while") || str_eq_cstr(b, "until") ||
		    str_eq_cstr(b, "fi") || str_eq_cstr(b, "done") ||
		    str_eq_cstr(b, "esac")) {
			k++;
			continue;
		}
		break;
	}
	c->cmd = k;
}

void
df_scmd_init(struct df_scmd *c, struct str *w, size_t n)
{
	memset(c, 0, sizeof(*c));
	c->w = w;
	c->n = n;
	find_cmd(c);
}

static void
end_cmd(struct sp *p, bool pipe)
{
	struct df_scmd c = {0};

	if (p->nw == 0)
		return;
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 8;

		p->v = arena_realloc(p->a, p->v, p->cap, nc, sizeof(*p->v));
		p->cap = nc;
	}
	c.w = arena_memdup(p->a, p->w, p->nw * sizeof(*p->w));
	c.n = p->nw;
	c.pipe = pipe;
	find_cmd(&c);
	p->v[p->n++] = c;
	p->nw = 0;
}

static void
push_word(struct sp *p, size_t start)
{
	struct str w = str_make(p->o + start, p->olen - start);

	if (p->skip_next) {
		p->skip_next = false;
		return;
	}
	if (p->nw == p->capw) {
		size_t nc = p->capw ? p->capw * 2 : 16;

		p->w = arena_realloc(p->a, p->w, p->capw, nc, sizeof(*p->w));
		p->capw = nc;
	}
	p->w[p->nw++] = w;
}

/* Copy a $(...) or `...` substitution verbatim, nesting counted. */
static void
substitution(struct sp *p)
{
	int depth = 0;
	char close = p->s.p[p->i] == '`' ? '`' : ')';

	if (close == '`') {
		p->o[p->olen++] = p->s.p[p->i++];
		while (p->i < p->s.len && p->s.p[p->i] != '`')
			p->o[p->olen++] = p->s.p[p->i++];
		if (p->i < p->s.len)
			p->o[p->olen++] = p->s.p[p->i++];
		return;
	}
	while (p->i < p->s.len) {
		char ch = p->s.p[p->i];

		p->o[p->olen++] = ch;
		p->i++;
		if (ch == '(')
			depth++;
		else if (ch == ')' && --depth == 0)
			return;
	}
}

/* One word starting at p->i (not a blank or an operator). */
static void
word(struct sp *p)
{
	size_t start = p->olen;

	while (p->i < p->s.len) {
		char ch = p->s.p[p->i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == ';' ||
		    ch == '&' || ch == '|' || ch == '(' || ch == ')' ||
		    ch == '<' || ch == '>')
			break;
		if (ch == '\\') {
			p->i++;
			if (p->i < p->s.len && p->s.p[p->i] != '\n')
				p->o[p->olen++] = p->s.p[p->i];
			p->i++;
		} else if (ch == '\'') {
			p->i++;
			while (p->i < p->s.len && p->s.p[p->i] != '\'')
				p->o[p->olen++] = p->s.p[p->i++];
			p->i++;
		} else if (ch == '"') {
			p->i++;
			while (p->i < p->s.len && p->s.p[p->i] != '"') {
				if (p->s.p[p->i] == '\\' &&
				    p->i + 1 < p->s.len &&
				    strchr("\"\\$`", p->s.p[p->i + 1]))
					p->i++;
				p->o[p->olen++] = p->s.p[p->i++];
			}
			p->i++;
		} else if ((ch == '$' && p->i + 1 < p->s.len &&
			       p->s.p[p->i + 1] == '(') ||
		    ch == '`') {
			if (ch == '$')
				p->o[p->olen++] = p->s.p[p->i++];
			substitution(p);
		} else {
			p->o[p->olen++] = ch;
			p->i++;
		}
	}
	push_word(p, start);
}

/* An operator at p->i; returns false when there is none. */
static bool
operator(struct sp *p)
{
	char ch = p->s.p[p->i], nx = p->i + 1 < p->s.len ? p->s.p[p->i + 1] : 0;

	if (ch == '|' && nx == '|') {
		p->i += 2;
		end_cmd(p, false);
	} else if (ch == '|') {
		p->i += 1 + (nx == '&');
		end_cmd(p, true);
	} else if (ch == '&' && nx == '&') {
		p->i += 2;
		end_cmd(p, false);
	} else if (ch == ';' || ch == '&' || ch == '\n' || ch == '(' ||
	    ch == ')') {
		p->i++;
		end_cmd(p, false);
	} else if (ch == '<' || ch == '>') {
		while (p->i < p->s.len &&
		    (p->s.p[p->i] == '<' || p->s.p[p->i] == '>' ||
			p->s.p[p->i] == '&' || p->s.p[p->i] == '|' ||
			p->s.p[p->i] == '-'))
			p->i++;
		p->skip_next = true;
	} else {
		return false;
	}
	return true;
}

/* A run of digits directly before '<' or '>' is a file descriptor. */
static bool
fd_redirect(struct sp *p)
{
	size_t k = p->i;

	while (k < p->s.len && p->s.p[k] >= '0' && p->s.p[k] <= '9')
		k++;
	if (k == p->i || k >= p->s.len ||
	    (p->s.p[k] != '<' && p->s.p[k] != '>'))
		return false;
	p->i = k;
	return true;
}

size_t
df_shell_split(struct arena *a, struct str script, struct df_scmd **out)
{
	struct sp p = {.a = a, .s = script};

	p.o = arena_alloc(a, script.len + 1);
	while (p.i < p.s.len) {
		char ch = p.s.p[p.i];

		if (ch == ' ' || ch == '\t' || ch == '\r') {
			p.i++;
			continue;
		}
		if (ch == '\\' && p.i + 1 < p.s.len && p.s.p[p.i + 1] == '\n') {
			p.i += 2;
			continue;
		}
		if (ch == '#') {
			while (p.i < p.s.len && p.s.p[p.i] != '\n')
				p.i++;
			continue;
		}
		if (fd_redirect(&p) || operator(&p))
			continue;
		/* Reserved words that group commands carry no command. */
		if ((ch == '{' || ch == '}' || ch == '!') &&
		    (p.i + 1 >= p.s.len || p.s.p[p.i + 1] == ' ' ||
			p.s.p[p.i + 1] == '\t' || p.s.p[p.i + 1] == '\n' ||
			p.s.p[p.i + 1] == ';')) {
			p.i++;
			if (ch != '!')
				end_cmd(&p, false);
			continue;
		}
		word(&p);
	}
	end_cmd(&p, false);
	*out = p.v;
	return p.n;
}
