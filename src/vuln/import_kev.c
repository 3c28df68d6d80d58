/*
 * The CISA Known Exploited Vulnerabilities importer: the catalog's
 * "vulnerabilities" array becomes the 'kev' table, which marks findings
 * whose id or any alias is listed. The file is untrusted like every feed:
 * it is parsed with a depth cap, each entry must carry a CVE id, and
 * free-text fields are cut to a bounded length. A malformed entry is
 * skipped and counted; a file without the array fails the import.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/mem.h"
#include "ward/str.h"

/* Free-text fields of an entry (vendor, product, name) are cut here. */
#define KEV_TEXT_MAX 256

static bool
cve_shaped(struct str id)
{
	return vid_valid(id) && str_starts_with(id, STR("CVE-"));
}

/* A member as a string: absent or not a string gives an empty view. */
static struct str
field(struct arena *a, struct json_object *o, const char *key, size_t max)
{
	struct str s;

	if (!json_get_str(o, key, &s))
		return STR_NULL;
	return vtext_cut(a, s, max);
}

static int
import_entry(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct arena *a, struct json_object *e, size_t i, struct ward_err *err)
{
	struct vrow_kev k;
	bool fresh;
	int r;

	if (!json_get_str(e, "cveID", &k.cve) || !cve_shaped(k.cve)) {
		bld_skip(b, s, "vulnerabilities[%zu]: no valid cveID", i);
		return 0;
	}
	k.date_added = field(a, e, "dateAdded", VULNDB_DATE_MAX);
	k.due_date = field(a, e, "dueDate", VULNDB_DATE_MAX);
	k.vendor = field(a, e, "vendorProject", KEV_TEXT_MAX);
	k.product = field(a, e, "product", KEV_TEXT_MAX);
	k.name = field(a, e, "vulnerabilityName", KEV_TEXT_MAX);
	k.ransomware = field(a, e, "knownRansomwareCampaignUse", 32);
	r = bld_kev(b, &k, &fresh, err);
	if (r == 0 && fresh)
		s->records++;
	else if (r == 0)
		s->ignored++; /* listed twice */
	return r;
}

int
import_kev(struct vulndb_builder *b, struct vulndb_source_info *s,
    struct str text, struct ward_err *err)
{
	struct json_object *root = NULL, *vulns;
	struct arena *a;
	struct str cat;
	int r = 0;

	if (json_parse_depth(text, VULNDB_DEPTH_MAX, &root, err) < 0)
		return err_wrap(err, "not KEV JSON");
	vulns = json_get(root, "vulnerabilities");
	if (!json_is_array(vulns)) {
		json_object_put(root);
		return err_set(err, EBADMSG,
		    "not a KEV catalog (no vulnerabilities array)");
	}
	if (json_get_str(root, "catalogVersion", &cat) && cat.len > 0 &&
	    cat.len <= VULNDB_DATE_MAX && vname_valid(cat)) {
		free(b->kev_catalog);
		b->kev_catalog = xstrndup(cat.p, cat.len);
	}
	a = arena_new();
	for (size_t i = 0; i < json_array_len(vulns) && r == 0; i++)
		r = import_entry(b, s, a, json_array_at(vulns, i), i, err);
	arena_free(a);
	json_object_put(root);
	return r;
}
