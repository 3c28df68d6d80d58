#ifndef WARD_CONFIG_DOCKER_COMMON_H
#define WARD_CONFIG_DOCKER_COMMON_H

/*
 * Judgements shared by the Dockerfile, Compose and ECS checks: secret-
 * looking variable names, image references, host paths, Linux
 * capabilities and ports. Pure functions over untrusted strings.
 */

#include <stdbool.h>
#include <stdint.h>

#include "ward/str.h"

struct yaml_node;

/*
 * Does a variable name say it holds a secret? The name is cut into
 * tokens at '_', '-' and '.'; PASSWORD, SECRET, TOKEN and the like
 * count, KEY only with a qualifier (API_KEY, PRIVATE_KEY, ACCESS_KEY),
 * and names of where a secret is (..._FILE, ..._PATH) or of public data
 * (GPG_KEY, ..._KEY_ID) do not.
 */
bool cfg_secret_name(struct str name);

/* A literal value: not empty and not only a ${VAR} / $VAR reference. */
bool cfg_literal_value(struct str v);

enum cfg_image_tag {
	IMAGE_PINNED = 0, /* a tag other than latest, or a digest */
	IMAGE_LATEST,
	IMAGE_UNTAGGED,
};
/* An image reference's tag ("scratch" and "" count as pinned). */
enum cfg_image_tag cfg_image_tag(struct str ref);

enum cfg_host_path {
	HOST_PATH_OTHER = 0,
	HOST_PATH_SENSITIVE, /* /, /etc, /proc, /sys, /dev, /boot, ... */
	HOST_PATH_SOCKET, /* a container runtime's API socket */
};
/* Classify a host path mounted into a container. */
enum cfg_host_path cfg_host_path(struct str path);

/*
 * A capability added to a container: 0 when Docker grants it anyway
 * (CHOWN, NET_BIND_SERVICE, ...), 2 for ALL and those that amount to
 * root on the host (SYS_ADMIN, SYS_MODULE, SYS_PTRACE, ...), else 1.
 * "CAP_" prefixes and case are ignored.
 */
int cfg_cap_danger(struct str cap);

/* Ports of services that should not face every interface (22, 2375,
   databases, etcd, the kubelet). */
bool cfg_sensitive_port(uint64_t port);

/* A boolean that is true: YAML 1.1 true/yes/on (as Kubernetes and Compose
   read them) or the string "true" (JSON task definitions, quoted YAML). */
bool cfg_truthy(const struct yaml_node *n);

#endif
