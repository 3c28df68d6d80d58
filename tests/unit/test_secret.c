/*
 * Unit tests for the secret module: the rules parser (errors, limits),
 * entropy, and the engine on hand-made inputs (positions, redaction,
 * allowlists, ward:ignore, binary and oversized input, backtracking).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/secret.h"

static struct secret_engine *eng;

static void
test_parse_errors(void)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
	    {"ward-secret-rules 1\n", 0},
	    {"# c\nward-secret-rules 1\nversion = 1\n", 0},
	    {"", -EBADMSG}, /* no magic */
	    {"ward-secret-rules 2\n", -EBADMSG}, /* unknown format */
	    {"ward-secret-rules 1\n[rule a]\nregex = x\n", -EBADMSG},
	    {"ward-secret-rules 1\n[rule a]\nkeywords=a\nregex=a\nbogus=1\n",
		-EBADMSG},
	    {"ward-secret-rules 1\n[rule a]\nkeywords=a\nregex=a\n"
	     "severity=urgent\n",
		-EBADMSG},
	    {"ward-secret-rules 1\n[rule a]\nkeywords=a\nregex=a\n"
	     "entropy=3.25\n",
		0},
	    {"ward-secret-rules 1\n[nope]\n", -EBADMSG},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct secret_rules *r = NULL;
		struct ward_err err = {0};

		T_EQ_INT(
		    secret_rules_parse(str_from(cases[i].text), "t", &r, &err),
		    cases[i].want);
		secret_rules_free(r);
	}
}

static void
test_keyword_limit(void)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf),
	    "ward-secret-rules 1\n[rule a]\nregex = a\nkeywords = ");

	for (int i = 0; i <= SECRET_KEYWORDS_MAX && n > 0 && n < 900; i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "k%d,", i);
	struct secret_rules *r = NULL;
	struct ward_err err = {0};

	T_EQ_INT(secret_rules_parse(str_from(buf), "t", &r, &err), -EFBIG);
	secret_rules_free(r);
}

static void
test_entropy(void)
{
	T_OK(secret_entropy(STR("")) == 0);
	T_OK(secret_entropy(STR("aaaa")) == 0);
	T_OK(secret_entropy(STR("abcd")) == 2);
}

static struct secret_result
scan(struct arena *a, const char *text, const char *path)
{
	struct secret_result res;
	struct ward_err err;

	if (secret_scan(eng, a, str_from(text), path, &res, &err) < 0)
		memset(&res, 0, sizeof(res));
	return res;
}

static void
test_findings(void)
{
	struct arena *a = arena_new();
	const char *tok = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j";
	char text[256];
	struct secret_result r;

	T_OK(snprintf(text, sizeof(text), "x\n  token: %s\n", tok) > 0);
	r = scan(a, text, "a.yml");
	T_EQ_INT(r.n, 1);
	if (r.n == 1) {
		T_EQ_STR(r.v[0].rule_id, "github-token");
		T_EQ_INT(r.v[0].line, 2);
		T_EQ_INT(r.v[0].column, 10);
		T_OK(strstr(r.v[0].excerpt, tok) == NULL);
		T_OK(strstr(r.v[0].excerpt, "*****") != NULL);
	}
	T_OK(
	    snprintf(text, sizeof(text), "token: %s # ward:ignore\n", tok) > 0);
	T_EQ_INT(scan(a, text, NULL).n, 0);
	T_EQ_INT(
	    scan(a, "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NULL).n, 0);
	arena_free(a);
}

static void
test_skips(void)
{
	struct arena *a = arena_new();
	char bin[] = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j\0";
	struct secret_result r;
	struct ward_err err;

	T_EQ_INT(
	    secret_scan(eng, a, str_make(bin, sizeof(bin)), NULL, &r, &err), 0);
	T_OK(r.skipped_binary && r.n == 0);
	T_EQ_INT(secret_scan(eng, a, str_make(bin, SECRET_FILE_MAX + 1ull),
		     NULL, &r, &err),
	    0);
	T_OK(r.skipped_size);
	arena_free(a);
}

/* Container-typical credential files, each with the rule that must fire. */
static void
test_container_files(void)
{
	static const struct {
		const char *path, *text, *rule;
	} cases[] = {
	    {"root/.docker/config.json",
		"{\"auths\":{\"r.io\":{\"auth\":\"dXNlcjpTM2NyM3RQYXNz\"}}}",
		"docker-config-auth"},
	    {"home/u/.npmrc",
		"//registry.npmjs.org/:_authToken=npm_"
		"Zx81kQ2vT9mP4rL7sN3bW6yH1cJ5dF0gA8eU\n",
		"npm-access-token"},
	    {"home/u/.npmrc", "//r.example.io/:_authToken=f3a9c1e7b2d84\n",
		"npmrc-auth"},
	    {"root/.pypirc", "[pypi]\nusername = bob\npassword = Hk7#qP2zLm\n",
		"pypirc-password"},
	    {"root/.git-credentials", "https://bob:Qz81mXv2rT@github.com\n",
		"git-credentials"},
	    {"root/.netrc", "machine h login bob password Qz81mXv2rT\n",
		"netrc-password"},
	    {"root/.aws/credentials",
		"[default]\naws_access_key_id = AKIAZ2V5QX7MPLN4RTWB\n",
		"aws-access-key-id"},
	    {"app/.env", "DB_PASSWORD=Hk7qP2zLmW\n", "env-file-secret"},
	    {"etc/app.conf", "url = postgres://app:Hk7qP2zLmW@db:5432/x\n",
		"url-password"},
	    {"root/.kube/config",
		"users:\n- name: a\n  user:\n    token: "
		"eyQ8fKz1pL0mR7vT2xW9sB4nH6cJ3dG5\n",
		"kubeconfig-token"},
	    {"k.json",
		"{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n"
		"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nBKcwggSjAgEAAoIBAQC7"
		"VJTUt9Us8cKj\\nMzEfYyjiWA4R4/M2bS1GB4t7NXp9\\n"
		"-----END PRIVATE KEY-----\\n\"}",
		"private-key-json"},
	    {"id_rsa",
		"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt"
		"djEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAAAAAEAAAAzAAAAC3NzaC1"
		"lZDI1NTE5\nAAAAIGxhYmVsbGVkIGtleSBmb3IgdGVzdHM\n"
		"-----END OPENSSH PRIVATE KEY-----\n",
		"private-key"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena *a = arena_new();
		struct secret_result r = scan(a, cases[i].text, cases[i].path);

		T_OK(r.n >= 1);
		if (r.n >= 1)
			T_EQ_STR(r.v[0].rule_id, cases[i].rule);
		arena_free(a);
	}
}

/* A long line of keyword hits must not take quadratic time. */
static void
test_hostile(void)
{
	size_t n = 8u << 20;
	char *big = malloc(n + 1);
	struct arena *a = arena_new();
	struct secret_result r;
	struct ward_err err;

	for (size_t i = 0; i < n; i++)
		big[i] = "token=aaaaaaaaa "[i % 16];
	big[n] = 0;
	T_EQ_INT(secret_scan(eng, a, str_make(big, n), NULL, &r, &err), 0);
	arena_free(a);
	free(big);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Inputs built to be slow: ten million short lines, five million lines
 * that each hold a keyword, and a user rule that backtracks
 * exponentially, run on a line made for it. Each must finish quickly
 * (the match limit stops the last) and find nothing.
 */
static void
test_pathological(void)
{
	size_t n = 20u << 20;
	char *buf = malloc(n);
	struct arena *a = arena_new();
	struct secret_result r;
	struct ward_err err;
	struct secret_rules *rules;
	struct secret_engine *bad;
	double t;

	for (size_t i = 0; i < n; i++)
		buf[i] = i % 2 ? '\n' : 'a';
	t = now_s();
	T_EQ_INT(secret_scan(eng, a, str_make(buf, n), NULL, &r, &err), 0);
	for (size_t i = 0; i < n; i++)
		buf[i] = "key\n"[i % 4];
	T_EQ_INT(secret_scan(eng, a, str_make(buf, n), NULL, &r, &err), 0);
	T_EQ_INT(r.n, 0);
	T_OK(now_s() - t < 20);
	T_EQ_INT(secret_rules_parse(STR("ward-secret-rules 1\n[rule bt]\n"
					"keywords = aaaa\nregex = (a+)+b\n"),
		     "t", &rules, &err),
	    0);
	T_EQ_INT(secret_engine_new(rules, &bad, &err), 0);
	memset(buf, 'a', SECRET_WINDOW_FWD);
	t = now_s();
	T_EQ_INT(secret_scan(
		     bad, a, str_make(buf, SECRET_WINDOW_FWD), NULL, &r, &err),
	    0);
	T_EQ_INT(r.n, 0);
	T_OK(now_s() - t < 10);
	secret_engine_free(bad);
	secret_rules_free(rules);
	arena_free(a);
	free(buf);
}

int
main(void)
{
	struct secret_rules *rules;
	struct ward_err err;

	if (secret_rules_parse(
		secret_rules_builtin(), "builtin", &rules, &err) < 0 ||
	    secret_engine_new(rules, &eng, &err) < 0) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	test_parse_errors();
	test_keyword_limit();
	test_entropy();
	test_findings();
	test_skips();
	test_container_files();
	test_pathological();
	test_hostile();
	secret_engine_free(eng);
	secret_rules_free(rules);
	return t_done();
}
