/*
 * Range evaluation in the matcher, on hand-written OSV 'affected' rows.
 * Each expectation is worked out from the OSV schema's rules (see
 * docs/matching.md): events sorted by the ecosystem's ordering,
 * introduced opens, fixed and limit close at their version, last_affected
 * closes just after it, explicit versions match exactly.
 */

#include <errno.h>
#include <string.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/match.h"

struct mcase {
	const char *why;
	const char *eco, *ranges, *versions, *installed;
	int rc;
	bool hit;
	const char *fixed; /* the fix reported, or NULL */
};

static const struct mcase cases[] = {
    {"simple, below the fix", "Debian:12",
	"[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.2-3\"}]}]",
	NULL, "1.2-2", 0, true, "1.2-3"},
    {"at the fix: not affected", "Debian:12",
	"[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.2-3\"}]}]",
	NULL, "1.2-3", 0, false, NULL},
    {"dpkg ordering: a tilde sorts before the release", "Debian:12",
	"[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.2\"}]}]",
	NULL, "1.2~rc1", 0, true, "1.2"},
    {"epoch wins over everything", "Debian:12",
	"[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"2.0\"}]}]",
	NULL, "1:1.0", 0, false, NULL},
    {"two intervals, in the second", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.19.9\"},{\"introduced\":\"1.20.0\"},"
	"{\"fixed\":\"1.20.4\"}]}]",
	NULL, "1.20.3", 0, true, "1.20.4"},
    {"two intervals, between them", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.19.9\"},{\"introduced\":\"1.20.0\"},"
	"{\"fixed\":\"1.20.4\"}]}]",
	NULL, "1.19.10", 0, false, NULL},
    {"events out of order are sorted first", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"1.20.4\"},"
	"{\"introduced\":\"1.20.0\"},{\"fixed\":\"1.19.9\"},"
	"{\"introduced\":\"0\"}]}]",
	NULL, "1.19.8", 0, true, "1.19.9"},
    {"a prerelease is before its release", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.2.0\"},"
	"{\"fixed\":\"1.2.5\"}]}]",
	NULL, "1.2.0-rc.1", 0, false, NULL},
    {"last_affected includes itself", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.0.0\"},"
	"{\"last_affected\":\"1.4.0\"}]}]",
	NULL, "1.4.0", 0, true, NULL},
    {"last_affected excludes what follows", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.0.0\"},"
	"{\"last_affected\":\"1.4.0\"}]}]",
	NULL, "1.4.1", 0, false, NULL},
    {"limit closes like a fix but is no fix", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
	"{\"limit\":\"2.0.0\"}]}]",
	NULL, "2.0.0", 0, false, NULL},
    {"below the introduction", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"1.5.0\"},"
	"{\"fixed\":\"1.6.0\"}]}]",
	NULL, "1.4.9", 0, false, NULL},
    {"open-ended: affected, no fix", "Debian:12",
	"[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]", NULL,
	"2.36-9+deb12u10", 0, true, NULL},
    {"explicit version list", "PyPI", "[]", "[\"1.0\",\"1.1\"]", "1.1", 0, true,
	NULL},
    {"not in the list", "PyPI", "[]", "[\"1.0\",\"1.1\"]", "1.2", 0, false,
	NULL},
    {"GIT ranges name commits: ignored", "Go",
	"[{\"type\":\"GIT\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"abc123\"}]}]",
	NULL, "1.0.0", 0, false, NULL},
    {"apk ordering: -r4 above -r3", "Alpine:v3.7",
	"[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.1.18-r4\"}]}]",
	NULL, "1.1.18-r3", 0, true, "1.1.18-r4"},
    {"an unreadable installed version is an error", "Go",
	"[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.0.0\"}]}]",
	NULL, "(devel)", -EINVAL, false, NULL},
    {"an unknown ecosystem is an error", "Hackage", "[]", NULL, "1.0", -EINVAL,
	false, NULL},
};

int
main(void)
{
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct mcase *c = &cases[i];
		struct vuln_affected row = {.vuln_id = "X",
		    .ecosystem = c->eco,
		    .package = "p",
		    .ranges_json = c->ranges,
		    .versions_json = c->versions};
		const char **fixed = NULL;
		size_t nfixed = 0;
		struct ward_err err;
		bool hit = false;
		int r = match_affected(
		    a, &row, c->installed, &hit, &fixed, &nfixed, &err);

		T_NOTE("%s", c->why);
		T_EQ_INT(r < 0 ? -EINVAL : 0, c->rc);
		if (r < 0)
			continue;
		T_EQ_INT(hit, c->hit);
		if (c->fixed) {
			T_EQ_INT(nfixed, 1);
			if (nfixed)
				T_EQ_STR(fixed[0], c->fixed);
		} else {
			T_EQ_INT(nfixed, 0);
		}
	}
	arena_free(a);
	return t_done();
}
