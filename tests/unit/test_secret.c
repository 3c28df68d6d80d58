/*
 * Unit tests for the secret module: the rules parser (errors, limits),
 * entropy, and the engine on hand-made inputs (positions, redaction,
 * allowlists, ward:ignore, binary and oversized input, backtracking),
 * streaming in steps against the whole-buffer scan, secrets longer than
 * a window, and columns in code points.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/hash.h"
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

/* Scan 'data' as a stream fed in 'piece'-byte pieces, 'step' bytes a step. */
static int
scan_stream(const struct secret_engine *e, struct arena *a, struct str data,
    size_t piece, size_t step, struct secret_result *out)
{
	struct secret_stream *ss;
	struct ward_err err;
	int rc = secret_stream_begin(e, a, "s.txt", data.len, &ss, &err);

	if (rc < 0)
		return rc;
	secret_stream_set_step(ss, step);
	for (size_t off = 0; off < data.len; off += piece) {
		size_t n = data.len - off < piece ? data.len - off : piece;

		rc = secret_stream_feed(ss, str_make(data.p + off, n), &err);
		if (rc < 0) {
			secret_stream_free(ss);
			return rc;
		}
	}
	return secret_stream_end(ss, out, &err);
}

static bool
same_findings(const struct secret_result *x, const struct secret_result *y)
{
	if (x->n != y->n || x->truncated != y->truncated ||
	    x->skipped_binary != y->skipped_binary)
		return false;
	for (size_t i = 0; i < x->n; i++) {
		const struct secret_finding *f = &x->v[i], *g = &y->v[i];

		if (strcmp(f->rule_id, g->rule_id) != 0 ||
		    f->offset != g->offset || f->line != g->line ||
		    f->column != g->column ||
		    strcmp(f->fingerprint, g->fingerprint) != 0 ||
		    strcmp(f->excerpt, g->excerpt) != 0)
			return false;
	}
	return true;
}

static void
hex_sha256(const char *p, size_t n, char out[SHA256_HEX_LEN + 1])
{
	uint8_t d[SHA256_LEN];

	sha256_buf(p, n, d);
	hex_encode(d, SHA256_LEN, out);
}

/*
 * A 300 KiB text with secrets every few KiB, ignored lines, multibyte
 * characters, long lines and a keyword at every offset modulo 7: a
 * stream fed in odd pieces with small steps (so step boundaries fall
 * inside keywords, secrets, lines and UTF-8 sequences) must find exactly
 * what the whole-buffer scan finds, and the planted secrets must be
 * there with the lines and columns they were written at.
 */
static void
test_stream_matches_whole(void)
{
	size_t cap = 300u << 10, n = 0, planted = 0, line = 1;
	char *buf = malloc(cap + 512);
	struct arena *a = arena_new();
	struct secret_result whole, st;
	struct ward_err err;
	static const size_t pieces[] = {7, 4096, 1u << 20};
	static const size_t steps[] = {1, 13, 1000, 70000, 1u << 20};
	size_t want_line[64], want_col[64];

	while (n < cap) {
		int k = snprintf(buf + n, 512,
		    "x%zu \xc3\xa9\xe2\x82\xac token = "
		    "ghp_Ab3dEf5hIj7lMn9pQr1tUv3"
		    "xYz5bCd7fGh%02zu%s\n",
		    planted, planted % 100,
		    planted % 5 == 4 ? " # ward:ignore" : "");

		if (planted % 5 != 4 && planted < 64) {
			/* "x<i> é€ token = ": the secret's column, in code
			 * points, is the prefix's length plus one. */
			char pre[32];
			int m = snprintf(pre, sizeof(pre), "x%zu", planted);

			want_line[planted] = line;
			want_col[planted] = (size_t)m + 12 + 1;
		}
		n += (size_t)k;
		line++;
		planted++;
		/* Filler: a long line with keywords that find nothing. */
		for (int j = 0; j < 600; j++)
			buf[n + (size_t)j] =
			    "key=1; pwd "[(n + (size_t)j) % 11];
		n += 600;
		buf[n++] = '\n';
		line++;
	}
	T_EQ_INT(
	    secret_scan(eng, a, str_make(buf, n), "s.txt", &whole, &err), 0);
	T_OK(whole.n > 40);
	for (size_t i = 0, j = 0; i < 64 && j < whole.n; i++) {
		if (i % 5 == 4)
			continue;
		T_EQ_INT(whole.v[j].line, want_line[i]);
		T_EQ_INT(whole.v[j].column, want_col[i]);
		j++;
	}
	for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++)
		for (size_t j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
			if (pieces[i] < 100 && steps[j] < 100)
				continue; /* slow, and nothing new */
			T_EQ_INT(scan_stream(eng, a, str_make(buf, n),
				     pieces[i], steps[j], &st),
			    0);
			T_OK(same_findings(&whole, &st));
		}
	arena_free(a);
	free(buf);
}

/* Columns count code points; ill-formed bytes count one each. */
static void
test_columns(void)
{
	struct arena *a = arena_new();
	const char *tok = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j";
	char text[256];
	struct secret_result r;

	/*
	 * "ключ" (4), U+1F511 (1), "é" (1), a stray 0xff (1), a cut
	 * sequence E2 82 (2) and " token: " (8): the secret is in column
	 * 18, as len(prefix.decode("utf-8", "surrogateescape")) + 1 says.
	 */
	T_OK(snprintf(text, sizeof(text),
		 "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\xf0\x9f\x94\x91\xc3\xa9"
		 "\xff\xe2\x82 token: %s\n",
		 tok) > 0);
	r = scan(a, text, NULL);
	T_EQ_INT(r.n, 1);
	if (r.n == 1)
		T_EQ_INT(r.v[0].column, 18);
	/*
	 * A surrogate (ED A0 80: 3), "x" (1), past U+10FFFF (F4 90 80 80:
	 * 4) and an overlong "/" (C0 AF: 2), then " token: " (8): 19, again
	 * as Python counts.
	 */
	T_OK(snprintf(text, sizeof(text),
		 "\xed\xa0\x80x\xf4\x90\x80\x80\xc0\xaf token: %s\n", tok) > 0);
	r = scan(a, text, NULL);
	T_EQ_INT(r.n, 1);
	if (r.n == 1)
		T_EQ_INT(r.v[0].column, 19);
	arena_free(a);
}

/* Deterministic base64 text: 'n' characters from a linear generator. */
static void
fill_base64(char *p, size_t n, uint32_t seed)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = b64[(seed >> 16) & 63];
	}
}

/* The finding at 'off', or NULL. */
static const struct secret_finding *
finding_at(const struct secret_result *r, size_t off)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].offset == off)
			return &r->v[i];
	return NULL;
}

/*
 * A 4 KiB JWT (a header, a 4000-byte payload and a signature) on one
 * line: longer than the 1 KiB window after its keyword, it must be
 * reported whole, as one secret, whole-buffer and streamed.
 */
static void
test_long_jwt(void)
{
	struct arena *a = arena_new();
	char *buf = malloc(8192), want[SHA256_HEX_LEN + 1];
	struct secret_result r, st;
	const struct secret_finding *f;
	size_t n = 0, start, len;
	struct ward_err err;

	n += (size_t)snprintf(buf, 64, "{\"access_token\": \"");
	start = n;
	n += (size_t)snprintf(
	    buf + n, 64, "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ");
	fill_base64(buf + n, 4000, 7);
	for (size_t i = n; i < n + 4000; i++)
		if (buf[i] == '+' || buf[i] == '/')
			buf[i] = '_'; /* base64url */
	n += 4000;
	buf[n++] = '.';
	fill_base64(buf + n, 86, 9);
	for (size_t i = n; i < n + 86; i++)
		if (buf[i] == '+' || buf[i] == '/')
			buf[i] = '-';
	n += 86;
	len = n - start;
	n += (size_t)snprintf(buf + n, 64, "\"}\n");
	T_OK(len > 4096);
	hex_sha256(buf + start, len, want);
	T_EQ_INT(secret_scan(eng, a, str_make(buf, n), "t.json", &r, &err), 0);
	f = finding_at(&r, start);
	T_OK(f != NULL);
	if (f) {
		T_EQ_STR(f->rule_id, "jwt");
		T_EQ_STR(f->fingerprint, want);
	}
	T_EQ_INT(scan_stream(eng, a, str_make(buf, n), 100, 64, &st), 0);
	T_OK(same_findings(&r, &st));
	arena_free(a);
	free(buf);
}

/*
 * RSA private keys in PEM armour with synthetic bodies of 8 KiB (inside
 * the 16 KiB multi-line window) and 40 KiB (past it, so the window must
 * grow): the body, lines and final newline included, is the secret.
 */
static void
test_long_pem(void)
{
	static const size_t sizes[] = {8u << 10, 40u << 10};

	for (size_t k = 0; k < 2; k++) {
		struct arena *a = arena_new();
		size_t body = sizes[k], n = 0, start;
		char *buf = malloc(body + body / 64 + 256),
		     want[SHA256_HEX_LEN + 1];
		struct secret_result r;
		const struct secret_finding *f;
		struct ward_err err;

		n += (size_t)snprintf(
		    buf, 64, "-----BEGIN RSA PRIVATE KEY-----\n");
		start = n;
		for (size_t i = 0; i < body; i += 64) {
			size_t m = body - i < 64 ? body - i : 64;

			fill_base64(buf + n, m, (uint32_t)i);
			n += m;
			buf[n++] = '\n';
		}
		hex_sha256(buf + start, n - start, want);
		n += (size_t)snprintf(
		    buf + n, 64, "-----END RSA PRIVATE KEY-----\n");
		T_EQ_INT(
		    secret_scan(eng, a, str_make(buf, n), "id_rsa", &r, &err),
		    0);
		f = finding_at(&r, start);
		T_OK(f != NULL);
		if (f) {
			T_EQ_STR(f->rule_id, "private-key");
			T_EQ_STR(f->fingerprint, want);
			T_EQ_INT(f->line, 2);
		}
		arena_free(a);
		free(buf);
	}
}

/*
 * SECRET_MATCH_MAX: a rule's secret that runs on from its keyword is
 * found whole up to the cap (one byte under it, and at it) and cut at
 * the cap beyond (one byte over).
 */
static void
test_match_max(void)
{
	struct secret_rules *rules;
	struct secret_engine *e;
	struct ward_err err;
	static const long delta[] = {-1, 0, 1};

	T_EQ_INT(secret_rules_parse(STR("ward-secret-rules 1\n[rule long]\n"
					"keywords = lk_\nregex = lk_([a-z]+)\n"
					"group = 1\n"),
		     "t", &rules, &err),
	    0);
	T_EQ_INT(secret_engine_new(rules, &e, &err), 0);
	for (size_t i = 0; i < 3; i++) {
		struct arena *a = arena_new();
		size_t len = (size_t)((long)SECRET_MATCH_MAX + delta[i]);
		size_t want = len < SECRET_MATCH_MAX ? len : SECRET_MATCH_MAX;
		char *buf = malloc(len + 16), fp[SHA256_HEX_LEN + 1];
		struct secret_result r;

		memcpy(buf, "x lk_", 5);
		memset(buf + 5, 'q', len);
		memcpy(buf + 5 + len, " y\n", 3);
		hex_sha256(buf + 5, want, fp);
		T_EQ_INT(
		    secret_scan(e, a, str_make(buf, len + 8), NULL, &r, &err),
		    0);
		T_EQ_INT(r.n, 1);
		if (r.n == 1) {
			T_EQ_INT(r.v[0].offset, 5);
			T_EQ_STR(r.v[0].fingerprint, fp);
		}
		arena_free(a);
		free(buf);
	}
	secret_engine_free(e);
	secret_rules_free(rules);
}

/*
 * SECRET_FILE_MAX on a stream's declared size: at and just under it the
 * file is scanned, just over it skipped (flagged, nothing read); and a
 * stream refuses more bytes than it declared.
 */
static void
test_stream_limits(void)
{
	static const struct {
		uint64_t size;
		bool skipped;
	} cases[] = {
	    {SECRET_FILE_MAX - 1, false},
	    {SECRET_FILE_MAX, false},
	    {SECRET_FILE_MAX + 1, true},
	};
	const char *text = "token = ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j\n";
	struct secret_stream *ss;
	struct secret_result r;
	struct ward_err err;

	for (size_t i = 0; i < 3; i++) {
		struct arena *a = arena_new();

		T_EQ_INT(
		    secret_stream_begin(eng, a, "f", cases[i].size, &ss, &err),
		    0);
		T_EQ_INT(secret_stream_feed(ss, str_from(text), &err), 0);
		T_EQ_INT(secret_stream_end(ss, &r, &err), 0);
		T_EQ_INT(r.skipped_size, cases[i].skipped);
		T_EQ_INT(r.n, cases[i].skipped ? 0 : 1);
		arena_free(a);
	}
	{
		struct arena *a = arena_new();

		T_EQ_INT(secret_stream_begin(eng, a, "f", 10, &ss, &err), 0);
		T_EQ_INT(secret_stream_feed(ss, STR("0123456789"), &err), 0);
		T_EQ_INT(secret_stream_feed(ss, STR("x"), &err), -EFBIG);
		secret_stream_free(ss);
		arena_free(a);
	}
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

/*
 * More container credentials, written by hand for these tests (none is
 * a real key): each must be reported by the named rule at the named
 * severity, and the secret itself must not appear in the excerpt.
 * Encrypted keys are reported at medium, plain ones at critical.
 */
static void
test_container_credentials(void)
{
	static const struct {
		const char *path, *text, *rule, *secret;
		enum secret_severity sev;
	} cases[] = {
	    /* Docker config.json: an identity token (OAuth registries). */
	    {"root/.docker/config.json",
		"{\"auths\":{\"r.io\":{\"identitytoken\":"
		"\"Zk9xN2pRbVp2VDNoWWtMcA8sR2dWbA\"}}}",
		"docker-config-auth", "Zk9xN2pRbVp2VDNoWWtMcA8sR2dWbA",
		SECRET_CRITICAL},
	    /* .npmrc: _auth is base64("bob:S3cr3tPass"); _password too. */
	    {"home/u/.npmrc", "_auth=Ym9iOlMzY3IzdFBhc3M=\n", "npmrc-auth",
		"Ym9iOlMzY3IzdFBhc3M=", SECRET_CRITICAL},
	    {"home/u/.npmrc",
		"//npm.corp.io/:username=bob\n"
		"//npm.corp.io/:_password=UzNjcjN0UGFzczk=\n",
		"npmrc-auth", "UzNjcjN0UGFzczk=", SECRET_CRITICAL},
	    {"root/.aws/credentials",
		"[default]\naws_secret_access_key = "
		"q8Vh3kLm9TzR2wXy5NbC7dFg1JpQ4sUe6AiO0rKt\n",
		"aws-secret-access-key",
		"q8Vh3kLm9TzR2wXy5NbC7dFg1JpQ4sUe6AiO0rKt", SECRET_CRITICAL},
	    {"root/.netrc",
		"machine git.corp.io\n  login bob\n  password Wq7rT2pLx9\n",
		"netrc-password", "Wq7rT2pLx9", SECRET_HIGH},
	    {"app/.env", "export API_TOKEN=\"tK4mQ8zR2vX6wB1n\"\n",
		"env-file-secret", "tK4mQ8zR2vX6wB1n", SECRET_MEDIUM},
	    /* Redis URLs have an empty user name. */
	    {"etc/app.conf", "cache = redis://:Pw8kZq3Lr7@cache:6379/0\n",
		"url-password", "Pw8kZq3Lr7", SECRET_HIGH},
	    {"srv/a.py",
		"t = \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3YXJkLXRlc3QifQ."
		"c2lnbmF0dXJlLW5vdC1yZWFs\"\n",
		"jwt",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3YXJkLXRlc3QifQ."
		"c2lnbmF0dXJlLW5vdC1yZWFs",
		SECRET_MEDIUM},
	    {"build.sh",
		"curl -fsS -u deploy:Tg5wR8nZ2qKs https://repo.test/\n",
		"curl-user", "deploy:Tg5wR8nZ2qKs", SECRET_HIGH},
	    {"run.sh",
		"curl -s https://api.test/v2/jobs \\\n"
		"  -H \"X-Api-Key: 4bb2f6ee0427b6f4\"\n",
		"curl-header-credential", "4bb2f6ee0427b6f4", SECRET_HIGH},
	    /* The option on the fourth line of one continued command. */
	    {"build.sh",
		"curl -sS https://repo.test/upload \\\n  -F file=@a.tgz \\\n"
		"  -F name=a \\\n  -u ci-bot:Vb7kQ2xN9pLm\n",
		"cli-user-option", "ci-bot:Vb7kQ2xN9pLm", SECRET_MEDIUM},
	    /* base64 of a made-up PEM EC key, as kubectl writes it. */
	    {"root/.kube/config",
		"users:\n- name: a\n  user:\n    client-key-data: "
		"LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUhhbmRX"
		"cml0dGVuTm90QVJlYWxLZXlGb3JXYXJkVGVzdHMwMTIzNDU2Nzg5b0FvR0ND"
		"cUdTTTQ5CkF3RUhvVVFEUWdBRXdhcmR0ZXN0\n",
		"kubeconfig-client-key", "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0t",
		SECRET_CRITICAL},
	    {"deploy/secret.yaml",
		"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
		"type: Opaque\ndata:\n  username: Ym9i\n"
		"  password: UzNjcjN0UGFzczk5Mg==\n",
		"kubernetes-secret", "UzNjcjN0UGFzczk5Mg==", SECRET_HIGH},
	    {"deploy/secret.yaml",
		"kind: Secret\napiVersion: v1\nstringData:\n"
		"  DB_PASSWORD: Hk7qP2zLmW4\n",
		"kubernetes-secret", "Hk7qP2zLmW4", SECRET_HIGH},
	    /* PKCS#1 RSA, PKCS#8, SEC 1 EC: plain, so critical. */
	    {"etc/ssl/private/a.key",
		"-----BEGIN RSA PRIVATE KEY-----\n"
		"MIIEowIBAAKCAQEAwardTestKeyNotRealAtAllJustShapedLikeOne0123\n"
		"q7ZpR2mK9vT4xW1nB8cJ3dF6gH0sL5aE7uY2iO4pQ9wX3zC8vB1nM6kJ4\n"
		"TUVWrq81zLm0Pk+/Hx3Nv7Gt2Yw9Sd4Fb6Jc1Qe5Ra8Ku0Io2Mz==\n"
		"-----END RSA PRIVATE KEY-----\n",
		"private-key", "MIIEowIBAAKCAQEAwardTestKeyNotRealAtAll",
		SECRET_CRITICAL},
	    {"k.pem",
		"-----BEGIN PRIVATE KEY-----\n"
		"MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwardtestwardtestwardtest\n"
		"d2FyZHRlc3R3YXJkdGVzdHdhcmR0ZXN0d2FyZHRlc3R3YXJkdGVzdA12\n"
		"bm90IGEgcmVhbCBrZXk=\n-----END PRIVATE KEY-----\n",
		"private-key", "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKg",
		SECRET_CRITICAL},
	    {"ec.pem",
		"-----BEGIN EC PRIVATE KEY-----\n"
		"MHcCAQEEIHandWrittenNotARealKeyForWardTests0123456789oAoGCC\n"
		"qGSM49AwEHoUQDQgAEwardtestwardtestwardtestwardtestwardtest\n"
		"wardtestwardtestQ==\n-----END EC PRIVATE KEY-----\n",
		"private-key", "MHcCAQEEIHandWrittenNotARealKey",
		SECRET_CRITICAL},
	    /* Encrypted: PKCS#8, PKCS#1 with Proc-Type, OpenSSH aes256-ctr. */
	    {"enc.pem",
		"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
		"MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIwardtest12\n"
		"AgIIADAMBggqhkiG9w0CCQUAMBQGCCqGSIb3DQMHBAhandwrittenAAAA\n"
		"d2FyZCB0ZXN0IG9ubHk=\n-----END ENCRYPTED PRIVATE KEY-----\n",
		"private-key-encrypted", "MIIFHDBOBgkqhkiG9w0BBQ0wQTAp",
		SECRET_MEDIUM},
	    {"old.key",
		"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
		"DEK-Info: AES-128-CBC,3F2A1B0C9D8E7F6A5B4C3D2E1F0A9B8C\n\n"
		"wardTestEncryptedBodyNotARealKeyAAAABBBBCCCCDDDDEEEEFFFF\n"
		"GGGGHHHHIIIIJJJJKKKKLLLLMMMMNNNNOOOOPPPPQQQQRRRRSSSSTTTT\n"
		"UUUUVVVVWWWWXXXXYYYYZZZZ0000\n-----END RSA PRIVATE KEY-----\n",
		"private-key-encrypted", "wardTestEncryptedBodyNotARealKey",
		SECRET_MEDIUM},
	    {"root/.ssh/id_ed25519",
		"-----BEGIN OPENSSH PRIVATE KEY-----\n"
		"b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAA\n"
		"ABDwardtestwardtestwardtestAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1\n"
		"NTE5AAAAIHdhcmQgdGVzdCBrZXkgbm90IHJlYWw=\n"
		"-----END OPENSSH PRIVATE KEY-----\n",
		"private-key-encrypted", "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1",
		SECRET_MEDIUM},
	    /* PuTTY: format 3 in clear, format 2 encrypted with CRLF. */
	    {"a.ppk",
		"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n"
		"Comment: ward-test-key\nPublic-Lines: 2\n"
		"AAAAC3NzaC1lZDI1NTE5AAAAIHdhcmQgdGVzdCBrZXkgbm90IHJlYWwg\n"
		"Zm9yIHRlc3Rz\nPrivate-Lines: 1\n"
		"AAAAIHdhcmQgdGVzdCBwcml2YXRlIHBhcnQgaGFuZCB3cml0dGVu\n"
		"Private-MAC: 0f8c6f1a3b2d4e5f60718293a4b5c6d7e8f90123\n",
		"putty-private-key",
		"AAAAIHdhcmQgdGVzdCBwcml2YXRlIHBhcnQgaGFuZCB3cml0dGVu",
		SECRET_CRITICAL},
	    {"b.ppk",
		"PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: aes256-cbc\r\n"
		"Comment: rsa-key\r\nPublic-Lines: 1\r\n"
		"AAAAB3NzaC1yc2EAAAABJQAAAIEAwardtest\r\nPrivate-Lines: 1\r\n"
		"AAAAgHdhcmR0ZXN0d2FyZHRlc3R3YXJkdGVzdA==\r\n"
		"Private-MAC: ab12cd34\r\n",
		"putty-private-key-encrypted",
		"AAAAgHdhcmR0ZXN0d2FyZHRlc3R3YXJkdGVzdA==", SECRET_MEDIUM},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena *a = arena_new();
		struct secret_result r = scan(a, cases[i].text, cases[i].path);

		T_EQ_INT(r.n, 1);
		if (r.n != 1)
			printf("# case %zu (%s)\n", i, cases[i].rule);
		if (r.n >= 1) {
			T_EQ_STR(r.v[0].rule_id, cases[i].rule);
			T_EQ_INT(r.v[0].severity, cases[i].sev);
			T_OK(strstr(r.v[0].excerpt, cases[i].secret) == NULL);
			T_OK(strstr(cases[i].text + r.v[0].offset,
				 cases[i].secret) ==
			    cases[i].text + r.v[0].offset);
		}
		arena_free(a);
	}
}

/*
 * Placeholders, references and look-alikes of the same files: nothing
 * may be reported.
 */
static void
test_container_placeholders(void)
{
	static const struct {
		const char *path, *text;
	} cases[] = {
	    {"app/.env",
		"DB_PASSWORD=changeme\nAPI_TOKEN=${API_TOKEN}\n"
		"SECRET_KEY=<secret-key>\nAPI_KEY=xxxxxxxxxxxx\n"},
	    {"app/.env", "DB_PASSWORD=\"$DB_PASSWORD\"\n"},
	    {"etc/app.conf",
		"url = postgres://user:password@db:5432/x\n"
		"url = postgres://app:${DB_PASS}@db/x\n"},
	    {"etc/app.yaml",
		"password: <password>\ntoken: \"{{ .Token }}\"\n"
		"api_key: your-api-key-here\n"},
	    {"root/.netrc", "machine example.com login bob password example\n"},
	    {"root/.docker/config.json",
		"{\"auths\":{\"r.io\":{\"auth\":\"\"}},"
		"\"credsStore\":\"desktop\"}"},
	    {"deploy/secret.yaml",
		"apiVersion: v1\nkind: Secret\ndata:\n"
		"  password: {{ .Values.password }}\n"},
	    /* An identifier after a name ending in "key", found in LLVM's
	       IntrinsicsAArch64.td by bench/secret-peers.sh. */
	    {"llvm/IR/IntrinsicsAArch64.td",
		"def int_aarch64_crypto_sm4ekey   : "
		"Crypto_SM4_2Vector_Intrinsic;\n"},
	    /* A public key and a certificate are not secrets. */
	    {"id.pub",
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHdhcmQgdGVzdCBr"
		"ZXkgbm90IHJlYWwg bob@host\n"},
	    {"ca.pem",
		"-----BEGIN CERTIFICATE-----\n"
		"MIIBszCCAVmgAwIBAgIUWardTestCertificateNotRealAAAAAAAAAAAA\n"
		"BBBBCCCCDDDDEEEEFFFFGGGGHHHHIIIIJJJJKKKKLLLLMMMMNNNNOOOO\n"
		"-----END CERTIFICATE-----\n"},
	    /* Look-alikes seen in /usr/share/doc (bench/secret.sh). */
	    {"doc/a.txt", "  check:12: ecdsa key: openssl_x509_check_host2\n"},
	    {"doc/b.txt",
		"  tpmkey:uuid=0b1c2d3e-4f50-11ee-8a9b-0c1d2e3f4a5b;"
		"storage=system\n"},
	    {"doc/c.txt",
		"fixed: https://fuzz.test/case?key=8216739405172638\n"},
	    {"doc/d.txt",
		"see https://docs.google.com/spreadsheet/ccc?key="
		"0AqZ7tWm3PxKQdHJ4Zk9Rb2VwN1FsY2xpR3c&usp=sharing\n"},
	    {"doc/curl.txt",
		"curl https://api.test/v1 \\\n"
		"     --header 'Accept: text/plain' \\\n"
		"     -u USERNAME:API_TOKEN\n"},
	    {"Dockerfile",
		"RUN curl -u \"$USER:$PASS\" https://x.io/a\n"
		"RUN curl -u user:password https://x.io/b\n"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena *a = arena_new();
		struct secret_result r = scan(a, cases[i].text, cases[i].path);

		T_EQ_INT(r.n, 0);
		for (size_t j = 0; j < r.n; j++)
			printf("# unexpected %s: %s\n", r.v[j].rule_id,
			    r.v[j].excerpt);
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

/* "file" and "magic": good values and the limits on them. */
static void
test_parse_file_rules(void)
{
	static const struct {
		const char *body;
		int want;
	} cases[] = {
	    {"file = \\.p12$\n", 0},
	    {"file = \\.p12$\nmagic = 3082\nmagic = FEEDfeed\n", 0},
	    {"file = x\nmagic = 000102030405060708090a0b0c0d0e0f\n", 0},
	    /* 17 bytes: over SECRET_MAGIC_MAX */
	    {"file = x\nmagic = 000102030405060708090a0b0c0d0e0f10\n",
		-EBADMSG},
	    {"file = x\nmagic = 308\n", -EBADMSG}, /* odd digits */
	    {"file = x\nmagic = 30 82\n", -EBADMSG},
	    {"file = x\nmagic = 0x30\n", -EBADMSG},
	    {"file = x\nmagic = zz\n", -EBADMSG},
	    {"file = x\nmagic =\n", -EBADMSG},
	    {"file =\n", -EBADMSG},
	    {"magic = 3082\nkeywords = a\nregex = a\n", -EBADMSG},
	    {"file = x\nregex = a\n", -EBADMSG},
	    {"file = x\nkeywords = a\n", -EBADMSG},
	    {"file = x\nentropy = 3\n", -EBADMSG},
	    {"file = x\nmultiline = true\n", -EBADMSG},
	    {"file = x\nmagic = 01\nmagic = 02\nmagic = 03\nmagic = 04\n"
	     "magic = 05\nmagic = 06\nmagic = 07\nmagic = 08\n",
		0},
	    {"file = x\nmagic = 01\nmagic = 02\nmagic = 03\nmagic = 04\n"
	     "magic = 05\nmagic = 06\nmagic = 07\nmagic = 08\nmagic = 09\n",
		-EFBIG},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct secret_rules *r = NULL;
		struct ward_err err = {0};
		char text[512];

		snprintf(text, sizeof(text),
		    "ward-secret-rules 1\n[rule f]\n%s", cases[i].body);
		T_EQ_INT(secret_rules_parse(str_from(text), "t", &r, &err),
		    cases[i].want);
		secret_rules_free(r);
	}
	/* A bad path expression is the engine's to refuse. */
	{
		struct secret_rules *r = NULL;
		struct secret_engine *e = NULL;
		struct ward_err err = {0};

		T_EQ_INT(secret_rules_parse(
			     STR("ward-secret-rules 1\n[rule f]\nfile = (\n"),
			     "t", &r, &err),
		    0);
		T_EQ_INT(secret_engine_new(r, &e, &err), -EINVAL);
		secret_engine_free(e);
		secret_rules_free(r);
	}
}

static char *
read_data(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf = malloc(1 << 16);

	snprintf(path, sizeof(path), "%s/unit/data/secret/%s", WARD_TEST_SRCDIR,
	    name);
	f = fopen(path, "rb");
	*len = f ? fread(buf, 1, 1 << 16, f) : 0;
	if (f)
		fclose(f);
	return buf;
}

static int
stream_path(struct arena *a, struct str data, const char *path, size_t piece,
    struct secret_result *out)
{
	struct secret_stream *ss;
	struct ward_err err;
	int rc = secret_stream_begin(eng, a, path, data.len, &ss, &err);

	if (rc < 0)
		return rc;
	secret_stream_set_step(ss, 1);
	for (size_t off = 0; off < data.len; off += piece) {
		size_t n = data.len - off < piece ? data.len - off : piece;

		rc = secret_stream_feed(ss, str_make(data.p + off, n), &err);
		if (rc < 0) {
			secret_stream_free(ss);
			return rc;
		}
	}
	return secret_stream_end(ss, out, &err);
}

/*
 * The built-in file rules on keystores made by openssl and keytool
 * (tests/unit/data/secret/README.md): one finding each, at 1:1, whose
 * fingerprint is sha256sum's of the whole file, whole or streamed.
 */
static void
test_keystores(void)
{
	static const struct {
		const char *file, *path, *rule, *fp;
	} cases[] = {
	    {"keystore.p12", "app/tls/server.p12", "pkcs12-file",
		"d977cd34121c0e317ff5976191142c105874b77ffd000f400c1dab8972489b"
		"ea"},
	    {"keystore.p12", "C:/certs/SERVER.PFX", "pkcs12-file",
		"d977cd34121c0e317ff5976191142c105874b77ffd000f400c1dab8972489b"
		"ea"},
	    {"keystore.jks", "opt/app/conf/keystore", "java-keystore",
		"2e68434c69542a2ab054ea7f2192010723ea25979595383c7e2f0a14255eb9"
		"98"},
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		char *buf = read_data(cases[i].file, &len);
		struct secret_result r, st;
		struct ward_err err;

		T_OK(len > 100);
		T_EQ_INT(secret_scan(eng, a, str_make(buf, len), cases[i].path,
			     &r, &err),
		    0);
		T_EQ_INT(r.n, 1);
		T_OK(r.skipped_binary);
		if (r.n == 1) {
			T_EQ_STR(r.v[0].rule_id, cases[i].rule);
			T_EQ_STR(r.v[0].fingerprint, cases[i].fp);
			T_EQ_INT(r.v[0].line, 1);
			T_EQ_INT(r.v[0].column, 1);
			T_EQ_INT(r.v[0].offset, 0);
			T_EQ_INT(r.v[0].severity, SECRET_HIGH);
			T_OK(strstr(r.v[0].excerpt, "whole file") != NULL);
		}
		for (size_t piece = 1; piece <= 7; piece += 3) {
			T_EQ_INT(stream_path(a, str_make(buf, len),
				     cases[i].path, piece, &st),
			    0);
			T_EQ_INT(st.n, 1);
			if (st.n == 1)
				T_EQ_STR(st.v[0].fingerprint, cases[i].fp);
		}
		/* The same bytes under another name: not a .p12. */
		if (strcmp(cases[i].rule, "pkcs12-file") == 0)
			T_EQ_INT(secret_scan(eng, a, str_make(buf, len),
				     "notes.txt", &r, &err) == 0 &&
				r.n,
			    0);
		free(buf);
	}
	arena_free(a);
}

/*
 * Magic decides: JKS and JCEKS by content whatever the name, PKCS#12
 * only when it starts like a DER SEQUENCE; well-known truststores and a
 * placeholder are not reported; a text file under a file rule's name is
 * reported once, beside what its content gives.
 */
static void
test_file_rule_magic(void)
{
	static const unsigned char jks[] = {
	    0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 0};
	static const unsigned char jceks[] = {
	    0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2, 0, 0, 0, 0};
	static const unsigned char macho[] = {
	    0xfe, 0xed, 0xfa, 0xcf, 0, 0, 0, 2, 0, 0, 0, 0};
	static const struct {
		const unsigned char *p;
		size_t len;
		const char *path, *rule;
	} cases[] = {
	    {jks, sizeof(jks), "a/b.jks", "java-keystore"},
	    {jks, sizeof(jks), "a/b.truststore", "java-keystore"},
	    {jceks, sizeof(jceks), "x.jceks", "java-keystore"},
	    {macho, sizeof(macho), "x.jks", NULL},
	    {jks, 3, "x.jks", NULL}, /* shorter than the magic */
	    {jks, sizeof(jks), "usr/lib/jvm/java-17/lib/security/cacerts",
		NULL},
	    {jks, sizeof(jks), "etc/ssl/certs/java/cacerts", NULL},
	    {jks, sizeof(jks), "etc/pki/ca-trust/extracted/java/cacerts", NULL},
	    {(const unsigned char *)"", 0, "empty.p12", NULL},
	    {(const unsigned char *)"placeholder\n", 12, "x.p12", NULL},
	    {(const unsigned char *)"\x30\x80\x02\x01\x03", 5, "x.pfx",
		"pkcs12-file"},
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct secret_result r;
		struct ward_err err;

		T_EQ_INT(secret_scan(eng, a,
			     str_make((const char *)cases[i].p, cases[i].len),
			     cases[i].path, &r, &err),
		    0);
		T_EQ_INT(r.n, cases[i].rule ? 1 : 0);
		if (cases[i].rule && r.n == 1)
			T_EQ_STR(r.v[0].rule_id, cases[i].rule);
	}
	arena_free(a);
}

/* A user's file rule on text: the file first, then its content's. */
static void
test_file_rule_text(void)
{
	struct secret_rules *r = NULL;
	struct secret_engine *e = NULL;
	struct ward_err err = {0};
	struct arena *a = arena_new();
	struct secret_result res;
	const char *text =
	    "x\n  token: ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j\n";
	/* sha256sum of the text above, as printf '%s' ... | sha256sum. */
	uint8_t d[SHA256_LEN];
	char want[SHA256_HEX_LEN + 1];

	T_EQ_INT(secret_rules_parse(
		     STR("ward-secret-rules 1\n[rule env]\nfile = \\.env$\n"
			 "severity = low\n[rule gh]\nkeywords = ghp_\n"
			 "regex = ghp_\\w{36}\n"),
		     "t", &r, &err),
	    0);
	T_EQ_INT(secret_engine_new(r, &e, &err), 0);
	T_EQ_INT(secret_scan(e, a, str_from(text), "app/.env", &res, &err), 0);
	T_EQ_INT(res.n, 2);
	if (res.n == 2) {
		T_EQ_STR(res.v[0].rule_id, "env");
		T_EQ_INT(res.v[0].severity, SECRET_LOW);
		T_EQ_STR(res.v[1].rule_id, "gh");
		T_EQ_INT(res.v[1].line, 2);
	}
	sha256_buf(text, strlen(text), d);
	hex_encode(d, SHA256_LEN, want);
	if (res.n == 2)
		T_EQ_STR(res.v[0].fingerprint, want);
	T_EQ_INT(secret_scan(e, a, str_from(text), "app/x", &res, &err), 0);
	T_EQ_INT(res.n, 1);
	T_EQ_INT(secret_scan(e, a, str_from(text), NULL, &res, &err), 0);
	T_EQ_INT(res.n, 1);
	secret_engine_free(e);
	secret_rules_free(r);
	arena_free(a);
}

/*
 * A keystore bigger than a stream's first step (which is where the magic
 * is checked) is hashed whole, from its first byte; one whose magic
 * does not match is not reported. The expected digest is of the buffer,
 * by the hash module (tested against FIPS 180-4 vectors in test_hash).
 */
static void
test_keystore_stream_large(void)
{
	size_t n = (3u << 20) + 12345;
	char *buf = malloc(n);
	struct arena *a = arena_new();
	struct secret_result r;
	struct secret_stream *ss;
	struct ward_err err;
	uint8_t d[SHA256_LEN];
	char want[SHA256_HEX_LEN + 1];
	uint32_t x = 1;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (char)(x >> 16);
	}
	memcpy(buf, "\xfe\xed\xfe\xed\0\0\0\2", 8);
	sha256_buf(buf, n, d);
	hex_encode(d, SHA256_LEN, want);
	for (int pass = 0; pass < 2; pass++) {
		T_EQ_INT(
		    secret_stream_begin(eng, a, "big.jks", n, &ss, &err), 0);
		for (size_t off = 0; off < n; off += 65536)
			T_EQ_INT(secret_stream_feed(ss,
				     str_make(buf + off,
					 n - off < 65536 ? n - off : 65536),
				     &err),
			    0);
		T_EQ_INT(secret_stream_end(ss, &r, &err), 0);
		T_EQ_INT(r.n, pass == 0 ? 1 : 0);
		if (pass == 0 && r.n == 1) {
			T_EQ_STR(r.v[0].fingerprint, want);
			T_OK(strstr(r.v[0].excerpt, "3158073 bytes") != NULL);
		}
		buf[0] = 'x'; /* the magic gone */
	}
	free(buf);
	arena_free(a);
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
	test_stream_matches_whole();
	test_columns();
	test_long_jwt();
	test_long_pem();
	test_match_max();
	test_stream_limits();
	test_container_credentials();
	test_container_placeholders();
	test_pathological();
	test_hostile();
	test_parse_file_rules();
	test_keystores();
	test_file_rule_magic();
	test_file_rule_text();
	test_keystore_stream_large();
	secret_engine_free(eng);
	secret_rules_free(rules);
	return t_done();
}
