/*
 * Judgements shared by the Dockerfile, Compose and ECS checks (see
 * docker_common.h). Inputs are untrusted strings; nothing is allocated.
 */

#include <string.h>

#include "docker_common.h"
#include "ward/yaml.h"

static bool
tok_in(struct str t, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (str_case_eq(t, str_from(list[i])))
			return true;
	return false;
}

/*
 * Does a variable name say it holds a secret? The name is cut into
 * tokens at '_', '-' and '.'; PASSWORD, SECRET, TOKEN and the like
 * count, KEY only with a qualifier (API_KEY, PRIVATE_KEY, ACCESS_KEY),
 * and names of where a secret is (..._FILE, ..._PATH) or of public
 * data (GPG_KEY, ..._KEY_ID) do not.
 */
bool
cfg_secret_name(struct str name)
{
	static const char *const strong[] = {"password", "passwd", "pwd",
	    "pword", "passphrase", "secret", "secrets", "token", "apikey",
	    "apitoken", "credential", "credentials", "privatekey", "accesskey",
	    "secretkey", "clientsecret", NULL};
	static const char *const keyq[] = {"api", "access", "private", "secret",
	    "signing", "encryption", "master", "client", "auth", "app",
	    "license", "session", "account", "service", "sas", NULL};
	static const char *const where[] = {"file", "path", "dir", "url", "uri",
	    "name", "id", "length", "size", "type", "ttl", "location", "header",
	    "env", "version", "expiry", "expires", "fingerprint", "param",
	    "parameter", "arn", "ref", "public", NULL};
	static const char *const pub[] = {"gpg", "pgp", "public", "pub", NULL};
	struct str tok[32];
	size_t nt = 0, s = 0;
	bool hit = false;

	for (size_t k = 0; k <= name.len && nt < 32; k++) {
		if (k == name.len || name.p[k] == '_' || name.p[k] == '-' ||
		    name.p[k] == '.') {
			if (k > s)
				tok[nt++] = str_make(name.p + s, k - s);
			s = k + 1;
		}
	}
	if (nt == 0 || tok_in(tok[nt - 1], where))
		return false;
	for (size_t i = 0; i < nt; i++) {
		if (tok_in(tok[i], pub))
			return false;
		if (tok_in(tok[i], strong))
			hit = true;
		else if (str_case_eq(tok[i], STR("key")) && i > 0 &&
		    tok_in(tok[i - 1], keyq))
			hit = true;
	}
	return hit;
}

/* A literal value: not empty and not only a reference to a variable. */
bool
cfg_literal_value(struct str raw)
{
	struct str v = str_trim(raw);

	if (v.len >= 2 && (v.p[0] == '"' || v.p[0] == '\'') &&
	    v.p[v.len - 1] == v.p[0])
		v = str_sub(v, 1, v.len - 2);
	if (v.len == 0)
		return false;
	if (v.p[0] == '$') {
		size_t k = 1;

		if (k < v.len && v.p[k] == '{') {
			ssize_t close = str_find_char(v, '}');

			return close < 0 || (size_t)close + 1 != v.len;
		}
		while (k < v.len &&
		    (v.p[k] == '_' || (v.p[k] >= 'A' && v.p[k] <= 'Z') ||
			(v.p[k] >= 'a' && v.p[k] <= 'z') ||
			(v.p[k] >= '0' && v.p[k] <= '9')))
			k++;
		return k != v.len;
	}
	/* The ARN of a Secrets Manager secret or SSM parameter names
	   where the secret is; it is not the secret. */
	if (str_starts_with(v, STR("arn:")))
		return false;
	return true;
}

enum cfg_image_tag
cfg_image_tag(struct str img)
{
	struct str last = img;
	ssize_t colon;

	for (size_t k = img.len; k > 0; k--)
		if (img.p[k - 1] == '/') {
			last = str_sub(img, k, img.len);
			break;
		}
	if (img.len == 0 || str_case_eq(img, STR("scratch")) ||
	    str_find_char(img, '@') >= 0)
		return IMAGE_PINNED;
	colon = str_find_char(last, ':');
	if (colon < 0)
		return IMAGE_UNTAGGED;
	if (str_eq(str_sub(last, (size_t)colon + 1, last.len), STR("latest")))
		return IMAGE_LATEST;
	return IMAGE_PINNED;
}

/* Copy 'path' with repeated and trailing slashes and "/." removed. */
static size_t
clean(struct str path, char *out, size_t cap)
{
	size_t n = 0;

	for (size_t k = 0; k < path.len && n + 1 < cap; k++) {
		char ch = path.p[k];

		if (ch == '/' && n > 0 && out[n - 1] == '/')
			continue;
		if (ch == '.' && n > 0 && out[n - 1] == '/' &&
		    (k + 1 == path.len || path.p[k + 1] == '/'))
			continue;
		out[n++] = ch;
	}
	while (n > 1 && out[n - 1] == '/')
		n--;
	out[n] = '\0';
	return n;
}

enum cfg_host_path
cfg_host_path(struct str path)
{
	/* CIS Docker Benchmark 5.5 names /, /boot, /dev, /etc, /lib,
	   /proc, /sys and /usr; the runtime's state and sockets, the
	   kubelet's and root's home are as sensitive. */
	static const char *const dirs[] = {"/boot", "/dev", "/etc", "/lib",
	    "/lib64", "/proc", "/sys", "/usr", "/bin", "/sbin", "/root",
	    "/var/run", "/run", "/var/lib/docker", "/var/lib/containerd",
	    "/var/lib/kubelet", "/var/log", "/home", NULL};
	static const char *const socks[] = {"docker.sock", "containerd.sock",
	    "crio.sock", "podman.sock", "dockershim.sock", "cri-dockerd.sock",
	    NULL};
	static const char *const sockdirs[] = {"/run", "/var/run",
	    "/run/containerd", "/var/run/containerd", "/run/crio",
	    "/var/run/crio", "/run/podman", "/var/run/podman", "/run/docker",
	    "/var/run/docker", NULL};
	char buf[4096];
	size_t n = clean(path, buf, sizeof(buf));
	struct str p = str_make(buf, n), base = p;

	if (n == 0 || buf[0] != '/')
		return HOST_PATH_OTHER;
	for (size_t k = n; k > 0; k--)
		if (buf[k - 1] == '/') {
			base = str_sub(p, k, n);
			break;
		}
	for (size_t i = 0; socks[i]; i++)
		if (str_eq_cstr(base, socks[i]))
			return HOST_PATH_SOCKET;
	/* Directories that hold those sockets give the same access. */
	for (size_t i = 0; sockdirs[i]; i++)
		if (str_eq_cstr(p, sockdirs[i]))
			return HOST_PATH_SOCKET;
	if (str_eq_cstr(p, "/"))
		return HOST_PATH_SENSITIVE;
	for (size_t i = 0; dirs[i]; i++) {
		size_t dl = strlen(dirs[i]);

		if (n >= dl && memcmp(buf, dirs[i], dl) == 0 &&
		    (n == dl || buf[dl] == '/'))
			return HOST_PATH_SENSITIVE;
	}
	return HOST_PATH_OTHER;
}

int
cfg_cap_danger(struct str cap)
{
	/* Docker's default set (moby oci/caps/defaults.go). */
	static const char *const dflt[] = {"CHOWN", "DAC_OVERRIDE", "FSETID",
	    "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP",
	    "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
	    NULL};
	static const char *const bad[] = {"ALL", "SYS_ADMIN", "SYS_MODULE",
	    "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "BPF", "PERFMON",
	    "SYS_BOOT", "MAC_ADMIN", "MAC_OVERRIDE", "NET_ADMIN", "SYSLOG",
	    "SYS_TIME", "LINUX_IMMUTABLE", NULL};

	if (cap.len > 4 && str_case_eq(str_sub(cap, 0, 4), STR("CAP_")))
		cap = str_sub(cap, 4, cap.len);
	if (tok_in(cap, dflt))
		return 0;
	if (tok_in(cap, bad))
		return 2;
	return 1;
}

bool
cfg_sensitive_port(uint64_t port)
{
	static const uint64_t ports[] = {22, 23, 2375, 2376, 2379, 2380, 10250,
	    10255, 3306, 5432, 6379, 27017, 9200, 9300, 11211, 5984, 9042, 1433,
	    1521, 5672, 15672};

	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (ports[i] == port)
			return true;
	return false;
}

bool
cfg_truthy(const struct yaml_node *n)
{
	bool b;

	return yaml_bool(n, &b) ? b : yaml_scalar_eq(n, "true");
}
