/*
 * Unit tests for src/config/config.c and k8s.c: type detection, syntax
 * and limit findings, duplicate keys, comment suppression, directory
 * walks (symlinks, excludes, depth) and the rule table. Expected values
 * are worked out by hand from the Compose specification, the ECS API's
 * task definition shape, the YAML 1.2 specification and the
 * Dockerfile reference; each case says why.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/config/internal.h"
#include "t.h"
#include "ward/arena.h"
#include "ward/config.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/yaml.h"

static struct config_opts opts0 = {.pss_minor = PSS_VERSION_LATEST};

static size_t
count_rule(const struct config_result *r, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += strcmp(r->v[i].rule->id, id) == 0;
	return n;
}

static const struct config_finding *
first_rule(const struct config_result *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].rule->id, id) == 0)
			return &r->v[i];
	return NULL;
}

static void
scan1(struct arena *a, const char *name, const char *text,
    struct config_result *res)
{
	struct ward_err err = {0};

	memset(res, 0, sizeof(*res));
	T_EQ_INT(
	    config_scan_text(a, name, str_from(text), &opts0, res, &err), 0);
}

/*
 * Detection. A duplicate key ("x" twice) gives a WARD-CONFIG-DUPKEY
 * finding whose kind shows what the file was taken for; a file of no
 * known kind is skipped and gives nothing.
 */
static void
test_detect(void)
{
	static const struct {
		const char *name, *text;
		enum config_kind want; /* CONFIG_UNKNOWN: skipped */
	} cases[] = {
	    /* apiVersion + kind: a Kubernetes object. */
	    {"a.yaml", "apiVersion: v1\nkind: Pod\nx: 1\nx: 2\n",
		CONFIG_KUBERNETES},
	    /* JSON is YAML; the name says nothing. */
	    {"a.json",
		"{\"apiVersion\": \"v1\", \"kind\": \"Pod\", "
		"\"x\": 1, \"x\": 2}",
		CONFIG_KUBERNETES},
	    /* Second document of a stream is the object. */
	    {"a.yml", "x: 1\nx: 2\n---\napiVersion: v1\nkind: Service\n",
		CONFIG_KUBERNETES},
	    /* Compose: top-level services whose values are mappings
	       (compose-spec, "Services top-level element"). */
	    {"deploy.yaml",
		"services:\n  web:\n    image: a\n    x: 1\n"
		"    x: 2\n",
		CONFIG_COMPOSE},
	    /* The name alone makes it Compose even with an empty service. */
	    {"docker-compose.prod.yml", "services:\n  web:\nx: 1\nx: 2\n",
		CONFIG_COMPOSE},
	    /* ECS: containerDefinitions (RegisterTaskDefinition input). */
	    {"task.json",
		"{\"family\": \"a\", \"containerDefinitions\": [], "
		"\"x\": 1, \"x\": 2}",
		CONFIG_ECS},
	    /* describe-task-definition output wraps it in taskDefinition. */
	    {"out.json",
		"{\"taskDefinition\": {\"containerDefinitions\": "
		"[]}, \"x\": 1, \"x\": 2}",
		CONFIG_ECS},
	    /* A services list is not Compose; no apiVersion: not k8s. */
	    {"values.yaml", "services: [a, b]\nx: 1\nx: 2\n", CONFIG_UNKNOWN},
	    /* Helm values, a package.json: skipped. */
	    {"package.json", "{\"name\": \"a\", \"x\": 1, \"x\": 2}",
		CONFIG_UNKNOWN},
	    /* kind without apiVersion is not an object. */
	    {"k.yaml", "kind: Pod\nx: 1\nx: 2\n", CONFIG_UNKNOWN},
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config_result res;
		const struct config_finding *f;

		scan1(a, cases[i].name, cases[i].text, &res);
		f = first_rule(&res, "WARD-CONFIG-DUPKEY");
		if (cases[i].want == CONFIG_UNKNOWN) {
			T_EQ_INT(res.skipped, 1);
			T_OK(f == NULL);
		} else {
			T_EQ_INT(res.checked, 1);
			T_OK(f != NULL);
			T_EQ_STR(f ? config_kind_name(f->kind) : NULL,
			    config_kind_name(cases[i].want));
		}
	}
	arena_free(a);
}

/* Dockerfiles by name (Dockerfile, Dockerfile.*, *.Dockerfile,
 * Containerfile*) and by content (first instruction FROM or ARG, or a
 * parser directive first, per the Dockerfile reference). */
static void
test_detect_dockerfile(void)
{
	static const struct {
		const char *name, *text;
		int checked;
	} cases[] = {
	    {"Dockerfile", "RUN x\n", 1},
	    {"dir/Dockerfile.prod", "RUN x\n", 1},
	    {"api.Dockerfile", "RUN x\n", 1},
	    {"Containerfile", "RUN x\n", 1},
	    {"build.txt", "# comment\n\nFROM alpine:3.20\n", 1},
	    {"build.txt", "ARG BASE=alpine\nFROM $BASE\n", 1},
	    {"build.txt", "# syntax=docker/dockerfile:1\nRUN x\n", 1},
	    {"-", "from alpine\n", 1}, /* instructions are case-insensitive */
	    /* Plain text: a YAML scalar, of no known kind. */
	    {"notes.txt", "RUN x\nFROM y\n", 0},
	    /* A .yaml name wins over content. */
	    {"a.yaml", "FROM alpine\n", 0},
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config_result res;

		scan1(a, cases[i].name, cases[i].text, &res);
		T_EQ_INT(res.checked, cases[i].checked);
		/* Whatever the Dockerfile checks find, it is about a
		 * Dockerfile; nothing else is reported when none is seen. */
		for (size_t k = 0; k < res.n; k++)
			T_EQ_INT(res.v[k].kind, CONFIG_DOCKERFILE);
		if (!cases[i].checked)
			T_EQ_INT(res.n, 0);
	}
	arena_free(a);
}

/*
 * Syntax errors: a finding at the line and column libyaml reports. The
 * positions are where the YAML 1.2 grammar fails: a tab may not indent
 * (spec 6.1), so the tab at the start of line 4 is the error; an
 * unclosed flow sequence fails where the stream ends (line 2, column 1);
 * 0xFF is not UTF-8 (spec 5.2), at line 1 column 4.
 */
static void
test_syntax(void)
{
	static const struct {
		const char *name, *text;
		unsigned line, col;
	} cases[] = {
	    {"a.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n", 4,
		1},
	    {"a.yaml", "a: [1\n", 2, 1},
	    {"a.json", "a: \xff\n", 1, 4},
	};
	struct arena *a = arena_new();
	struct config_result res;
	const struct config_finding *f;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		scan1(a, cases[i].name, cases[i].text, &res);
		f = first_rule(&res, "WARD-CONFIG-SYNTAX");
		T_OK(f != NULL);
		T_EQ_INT(f ? f->line : 0, cases[i].line);
		T_EQ_INT(f ? f->col : 0, cases[i].col);
		T_EQ_STR(f ? f->path : NULL, cases[i].name);
		/* The message does not repeat the position. */
		T_OK(f && strncmp(f->message, "line ", 5) != 0);
	}
	/* A name that does not claim YAML, met in a walk, is not a
	 * finding; named on the command line (scan_text) it still is not
	 * YAML to complain about unless it says so: notes.txt is skipped. */
	scan1(a, "notes.txt", "a: [1\n", &res);
	T_EQ_INT(res.n, 0);
	/* Alias bomb: ten levels of ten aliases is 10^10 nodes, far over
	 * YAML_ALIAS_EXPAND_MAX: a limit finding, nothing expanded. */
	{
		char bomb[2048];
		size_t n = 0;
		char prev = 'a';

		n += (size_t)snprintf(bomb + n, sizeof(bomb) - n,
		    "a: &a [x,x,x,x,x,x,x,x,x,x]\n");
		for (char k = 'b'; k <= 'k'; k++, prev++)
			n += (size_t)snprintf(bomb + n, sizeof(bomb) - n,
			    "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]"
			    "\n",
			    k, k, prev, prev, prev, prev, prev, prev, prev,
			    prev, prev, prev);
		scan1(a, "bomb.yaml", bomb, &res);
		T_EQ_INT(count_rule(&res, "WARD-CONFIG-LIMIT"), 1);
	}
	arena_free(a);
}

/* Lists nested CONFIG_LIST_DEPTH_MAX deep are read; one more is a limit
 * finding (k8s_collect). */
static void
test_list_depth(void)
{
	struct arena *a = arena_new();

	for (int depth = CONFIG_LIST_DEPTH_MAX - 1;
	     depth <= CONFIG_LIST_DEPTH_MAX + 1; depth++) {
		char *doc = arena_strdup(a,
		    "{apiVersion: v1, kind: Pod, "
		    "metadata: {name: p}, x: 1, x: 2}");
		struct config_result res;

		for (int i = 0; i < depth; i++)
			doc = arena_printf(a,
			    "{apiVersion: v1, kind: List, items: [%s]}", doc);
		scan1(a, "l.yaml", doc, &res);
		T_EQ_INT(count_rule(&res, "WARD-CONFIG-LIMIT"),
		    depth > CONFIG_LIST_DEPTH_MAX);
	}
	arena_free(a);
}

/*
 * Duplicate keys: reported at the second key, naming the first one's
 * line; merge keys ("<<") may repeat; large mappings (the hashed path)
 * too.
 */
static void
test_dupkey(void)
{
	struct arena *a = arena_new();
	struct config_result res;
	const struct config_finding *f;
	char *big = arena_strdup(a, "apiVersion: v1\nkind: ConfigMap\ndata:\n");

	scan1(a, "a.yaml",
	    "apiVersion: v1\nkind: Pod\nspec:\n  hostPID: false\n"
	    "  hostPID: true\n",
	    &res);
	f = first_rule(&res, "WARD-CONFIG-DUPKEY");
	T_OK(f && f->line == 5 && f->col == 3);
	T_OK(f && strstr(f->message, "line 4") != NULL);
	scan1(a, "a.yaml",
	    "apiVersion: v1\nkind: Pod\nb: &b {x: 1}\nc: &c {y: 1}\n"
	    "d:\n  <<: *b\n  <<: *c\n",
	    &res);
	T_EQ_INT(count_rule(&res, "WARD-CONFIG-DUPKEY"), 0);
	for (int i = 0; i < 100; i++)
		big = arena_printf(a, "%s  k%d: v\n", big, i);
	big = arena_printf(a, "%s  k42: again\n", big);
	scan1(a, "a.yaml", big, &res);
	f = first_rule(&res, "WARD-CONFIG-DUPKEY");
	T_OK(f && f->line == 104 && strstr(f->message, "line 46"));
	arena_free(a);
}

/* "# ward:ignore" on the finding's line or the line above, in
 * Dockerfiles and Compose files only. */
static void
test_comment_suppression(void)
{
	static const struct {
		enum config_kind kind;
		const char *text;
		unsigned line;
		bool want;
	} cases[] = {
	    {CONFIG_DOCKERFILE, "# ward:ignore WARD-CONFIG-LIMIT\nRUN x\n", 2,
		true},
	    {CONFIG_DOCKERFILE, "RUN x # ward:ignore WARD-CONFIG-LIMIT\n", 1,
		true},
	    /* A list, and a reason after it. */
	    {CONFIG_COMPOSE,
		"# ward:ignore WARD-DF-001, WARD-CONFIG-LIMIT reviewed\nx: 1\n",
		2, true},
	    /* No id: every rule. */
	    {CONFIG_COMPOSE, "x: 1 # ward:ignore\n", 1, true},
	    /* Another rule only. */
	    {CONFIG_DOCKERFILE, "# ward:ignore WARD-DF-001\nRUN x\n", 2, false},
	    /* Two lines above is too far. */
	    {CONFIG_DOCKERFILE, "# ward:ignore\n\nRUN x\n", 3, false},
	    /* Not in a comment. */
	    {CONFIG_DOCKERFILE, "RUN echo ward:ignore\n", 1, false},
	    /* Not the directive. */
	    {CONFIG_DOCKERFILE, "# ward:ignored\nRUN x\n", 2, false},
	    /* CRLF line ends. */
	    {CONFIG_COMPOSE, "# ward:ignore WARD-CONFIG-LIMIT\r\nx: 1\r\n", 2,
		true},
	    /* Kubernetes uses the annotation, not comments. */
	    {CONFIG_KUBERNETES, "# ward:ignore\nx: 1\n", 2, false},
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config_result res = {0};
		struct cfg_ctx c = {.a = a,
		    .opts = &opts0,
		    .res = &res,
		    .path = "f",
		    .kind = cases[i].kind,
		    .text = str_from(cases[i].text)};
		const struct config_finding *f = cfg_emit(
		    &c, &cfg_core_rules[1], NULL, NULL, cases[i].line, 1, "m");

		T_OK(f != NULL);
		T_EQ_INT(f && f->suppressed != NULL, cases[i].want);
	}
	arena_free(a);
}

/* The ward.dev/ignore annotation (k8s.c): listed ids are suppressed. */
static void
test_annotation(void)
{
	struct arena *a = arena_new();
	struct config_result res = {0};
	struct cfg_ctx c = {.a = a, .opts = &opts0, .res = &res};
	struct k8s_set set = {0};
	struct yaml_stream ys;
	struct ward_err err = {0};
	const char *text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
			   "  annotations:\n    ward.dev/ignore: \"WARD-X, "
			   "WARD-CONFIG-LIMIT\"\n";
	const struct yaml_node *docs[1];
	const struct config_finding *f;

	T_EQ_INT(yaml_parse(a, str_from(text), &ys, &err), 0);
	docs[0] = ys.docs[0].root;
	T_EQ_INT(
	    k8s_collect(a, docs, 1, "p.yaml", str_from(text), &set, &err), 0);
	T_EQ_INT(set.n, 1);
	T_EQ_INT(set.v[0].nignore, 2);
	f = cfg_k8s_emit(&c, &set.v[0], &cfg_core_rules[1], NULL, NULL, "m");
	T_OK(f && f->suppressed != NULL);
	T_EQ_STR(f ? f->resource : NULL, "Pod/p");
	T_EQ_STR(f ? f->path : NULL, "p.yaml");
	f = cfg_k8s_emit(&c, &set.v[0], &cfg_core_rules[0], NULL, NULL, "m");
	T_OK(f && f->suppressed == NULL);
	arena_free(a);
}

/* k8s_namespace: the last Namespace of a name wins (as a later apply
 * would replace the earlier one), indexed or not; other kinds and other
 * groups with the same name are not namespaces. */
static void
test_namespace_index(void)
{
	struct arena *a = arena_new();
	const char *text =
	    "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n"
	    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n"
	    "apiVersion: example.com/v1\nkind: Namespace\n"
	    "metadata: {name: b}\n---\n"
	    "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, "
	    "labels: {second: 'yes'}}\n";
	struct yaml_stream ys;
	struct ward_err err = {0};
	struct k8s_set set = {0};
	const struct yaml_node *docs[4];

	T_EQ_INT(yaml_parse(a, str_from(text), &ys, &err), 0);
	for (size_t i = 0; i < 4; i++)
		docs[i] = ys.docs[i].root;
	T_EQ_INT(
	    k8s_collect(a, docs, 4, "n.yaml", str_from(text), &set, &err), 0);
	for (int indexed = 0; indexed <= 1; indexed++) {
		if (indexed)
			k8s_set_index(&set);
		T_OK(k8s_namespace(&set, "a") == &set.v[3]);
		T_OK(k8s_namespace(&set, "b") == NULL);
		T_OK(k8s_namespace(&set, "c") == NULL);
	}
	k8s_set_unindex(&set);
	T_OK(set.ns_index == NULL);
	arena_free(a);
}

/* --checks: a family not selected emits nothing; the core rules always
 * do. */
static void
test_family_filter(void)
{
	struct arena *a = arena_new();
	struct config_opts o = {.checks = CHECKS_ECS};
	struct config_result res = {0};
	struct cfg_ctx c = {.a = a, .opts = &o, .res = &res, .path = "f"};
	static const struct config_rule pss = {
	    "PSS-TEST", CHECKS_PSS, SEV_HIGH, "t", "r", ""};

	T_OK(cfg_emit(&c, &pss, NULL, NULL, 1, 1, "m") == NULL);
	T_OK(cfg_emit(&c, &cfg_core_rules[0], NULL, NULL, 1, 1, "m") != NULL);
	T_EQ_INT(res.n, 1);
	arena_free(a);
}

/* Every rule: a unique id with its family's prefix, a title, a
 * remediation, a known severity (the issue asks for all four). */
static void
test_rules(void)
{
	static const struct {
		enum config_family fam;
		const char *prefix;
	} prefix[] = {
	    {0, "WARD-CONFIG-"},
	    {CHECKS_PSS, "PSS-"},
	    {CHECKS_K8S, "WARD-K8S-"},
	    {CHECKS_RBAC, "WARD-RBAC-"},
	    {CHECKS_NETWORK, "WARD-NET-"},
	    {CHECKS_DOCKERFILE, "WARD-DF-"},
	    {CHECKS_COMPOSE, "WARD-COMPOSE-"},
	    {CHECKS_ECS, "WARD-ECS-"},
	};
	size_t n;
	const struct config_rule *const *all = config_rules(&n);
	int bad = 0, dup = 0;

	T_OK(n >= cfg_core_nrules);
	for (size_t i = 0; i < n; i++) {
		const struct config_rule *r = all[i];
		bool ok = false;

		for (size_t k = 0; k < sizeof(prefix) / sizeof(prefix[0]); k++)
			if (prefix[k].fam == r->family &&
			    strncmp(r->id, prefix[k].prefix,
				strlen(prefix[k].prefix)) == 0)
				ok = true;
		if (!ok || !r->title || !*r->title || !r->remediation ||
		    !*r->remediation || r->severity > SEV_CRITICAL ||
		    !r->refs) {
			T_NOTE("rule %s is incomplete", r->id);
			bad++;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(all[j]->id, r->id) == 0) {
				T_NOTE("rule %s twice", r->id);
				dup++;
			}
	}
	T_EQ_INT(bad, 0);
	T_EQ_INT(dup, 0);
}

/* ---- Walks ---- */

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	(void)remove(p); /* best effort: a leftover only wastes /tmp */
	return 0;
}

static void
rm_tree(const char *dir)
{
	(void)nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char tmp[256];

static void
put(const char *rel, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tmp, rel);
	f = fopen(p, "we");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void
mk(const char *rel)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", tmp, rel);
	(void)mkdir(p, 0700); /* checked by the files put inside */
}

static bool
has_path(const struct config_result *r, const char *suffix)
{
	for (size_t i = 0; i < r->n; i++) {
		size_t n = strlen(r->v[i].path), m = strlen(suffix);

		if (n >= m && strcmp(r->v[i].path + n - m, suffix) == 0)
			return true;
	}
	return false;
}

#define DUP "apiVersion: v1\nkind: Pod\nx: 1\nx: 2\n"

static void
test_walk(void)
{
	struct arena *a = arena_new();
	struct config_result res = {0};
	struct ward_err err = {0};
	const char *excl[] = {"skip*", "deep/*.yml"};
	struct config_opts o = {
	    .pss_minor = PSS_VERSION_LATEST, .exclude = excl, .nexclude = 2};
	const char *paths[1] = {tmp};
	char outside[300], link[300];
	int r;

	snprintf(tmp, sizeof(tmp), "/tmp/ward-test-config-XXXXXX");
	if (!mkdtemp(tmp)) {
		T_SKIP("no temporary directory");
		arena_free(a);
		return;
	}
	put("a.yaml", DUP);
	mk("sub");
	put("sub/b.yml", DUP);
	mk("node_modules");
	put("node_modules/c.yaml", DUP);
	mk(".git");
	put(".git/d.yaml", DUP);
	put("skipme.yaml", DUP);
	mk("deep");
	put("deep/e.yml", DUP);
	put("deep/f.yaml", DUP);
	put("readme.md", DUP); /* not a candidate name */
	/* A symlink pointing outside the tree, at a file that would give
	 * a finding: not followed. */
	snprintf(outside, sizeof(outside), "%s.outside.yaml", tmp);
	{
		FILE *f = fopen(outside, "we");

		if (f) {
			fputs(DUP, f);
			fclose(f);
		}
	}
	snprintf(link, sizeof(link), "%s/link.yaml", tmp);
	T_EQ_INT(symlink(outside, link), 0);
	snprintf(link, sizeof(link), "%s/linkdir", tmp);
	T_EQ_INT(symlink("/etc", link), 0);
	/* A FIFO with a YAML name must not hang the walk. */
	snprintf(link, sizeof(link), "%s/fifo.yaml", tmp);
	T_EQ_INT(mkfifo(link, 0600), 0);

	r = config_scan(a, paths, 1, &o, &res, &err);
	T_EQ_INT(r, 0);
	T_OK(has_path(&res, "/a.yaml"));
	T_OK(has_path(&res, "/sub/b.yml"));
	T_OK(has_path(&res, "/deep/f.yaml"));
	T_OK(!has_path(&res, "c.yaml"));
	T_OK(!has_path(&res, "d.yaml"));
	T_OK(!has_path(&res, "skipme.yaml"));
	T_OK(!has_path(&res, "e.yml"));
	T_OK(!has_path(&res, "link.yaml"));
	T_OK(!has_path(&res, "outside.yaml"));
	T_EQ_INT(res.n, 3);
	T_EQ_INT(res.files, 3);
	T_OK(res.nnotes >= 2); /* the two symlinks */

	/* A path that does not exist: an error naming it. */
	memset(&res, 0, sizeof(res));
	paths[0] = "/nonexistent/ward-config-test";
	r = config_scan(a, paths, 1, &o, &res, &err);
	T_EQ_INT(r, -ENOENT);
	T_OK(strstr(err.msg, "/nonexistent/ward-config-test") != NULL);
	unlink(outside);
	rm_tree(tmp);
	arena_free(a);
}

/* CONFIG_WALK_DEPTH_MAX: a file at the deepest level walked is read,
 * one level deeper is a warning. */
static void
test_walk_depth(void)
{
	struct arena *a = arena_new();
	char base[256], path[8192];
	size_t len;

	snprintf(base, sizeof(base), "/tmp/ward-test-depth-XXXXXX");
	if (!mkdtemp(base)) {
		T_SKIP("no temporary directory");
		arena_free(a);
		return;
	}
	len = (size_t)snprintf(path, sizeof(path), "%s", base);
	/* Directories d/d/d/...: a file at depth k lies inside k nested
	 * directories below the root walked (depth 0). */
	for (int k = 1; k <= CONFIG_WALK_DEPTH_MAX + 1; k++) {
		char file[8300];
		FILE *f;

		len += (size_t)snprintf(path + len, sizeof(path) - len, "/d");
		if (mkdir(path, 0700) < 0)
			break;
		if (k < CONFIG_WALK_DEPTH_MAX - 1)
			continue;
		snprintf(file, sizeof(file), "%s/f%d.yaml", path, k);
		f = fopen(file, "we");
		if (f) {
			fputs(DUP, f);
			fclose(f);
		}
	}
	{
		struct config_result res = {0};
		struct ward_err err = {0};
		const char *paths[1] = {base};
		char want[32];

		T_EQ_INT(config_scan(a, paths, 1, &opts0, &res, &err), 0);
		snprintf(
		    want, sizeof(want), "/f%d.yaml", CONFIG_WALK_DEPTH_MAX - 1);
		T_OK(has_path(&res, want));
		snprintf(
		    want, sizeof(want), "/f%d.yaml", CONFIG_WALK_DEPTH_MAX);
		T_OK(!has_path(&res, want));
		T_EQ_INT(res.nwarnings, 1);
	}
	rm_tree(base);
	arena_free(a);
}

/* CONFIG_FILE_MAX: a walked file of exactly the limit is read, one byte
 * more is a limit finding; a named file over it is an error. */
static void
test_file_max(void)
{
	struct arena *a = arena_new();
	char dir[256], p[300];
	const char *paths[1] = {dir};

	snprintf(dir, sizeof(dir), "/tmp/ward-test-max-XXXXXX");
	if (!mkdtemp(dir)) {
		T_SKIP("no temporary directory");
		arena_free(a);
		return;
	}
	for (int over = 0; over <= 1; over++) {
		struct config_result res = {0};
		struct ward_err err = {0};
		int fd;

		snprintf(p, sizeof(p), "%s/big.yaml", dir);
		fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		/* "a: b" and then spaces: valid YAML of any length. */
		T_OK(fd >= 0 && write(fd, "a: b", 4) == 4 &&
		    ftruncate(fd, (off_t)CONFIG_FILE_MAX + over) == 0);
		if (fd >= 0)
			close(fd);
		/* ftruncate pads with NULs, which YAML refuses: the file at
		 * the limit is read and gives a syntax finding, over it a
		 * limit finding; either way it was considered. */
		T_EQ_INT(config_scan(a, paths, 1, &opts0, &res, &err), 0);
		T_EQ_INT(count_rule(&res, "WARD-CONFIG-LIMIT"), over);
		T_EQ_INT(count_rule(&res, "WARD-CONFIG-SYNTAX"), !over);
		paths[0] = p;
		memset(&res, 0, sizeof(res));
		T_EQ_INT(config_scan(a, paths, 1, &opts0, &res, &err),
		    over ? -EFBIG : 0);
		paths[0] = dir;
		unlink(p);
	}
	rmdir(dir);
	arena_free(a);
}

int
main(void)
{
	test_detect();
	test_detect_dockerfile();
	test_syntax();
	test_list_depth();
	test_dupkey();
	test_comment_suppression();
	test_annotation();
	test_namespace_index();
	test_family_filter();
	test_rules();
	test_walk();
	test_walk_depth();
	test_file_max();
	return t_done();
}
