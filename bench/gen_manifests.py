#!/usr/bin/env python3
"""Write a realistic mix of Kubernetes manifests for bench/config.sh.

Usage: gen_manifests.py DIR [OBJECTS]   (default 10000 objects)

The mix is shaped like a mid-sized platform repository: per application a
Deployment (often with an init container), a Service, a ConfigMap and
sometimes an Ingress, a NetworkPolicy, a Role and RoleBinding, a
StatefulSet or a CronJob; one Namespace per team with Pod Security labels.
Objects are grouped into multi-document files (one per application) and
a few Lists and JSON manifests. Security settings vary so that every
tool has something to report: some pods are hardened, some privileged,
some run as root, some mount host paths. The output is deterministic
(a fixed seed), so runs are comparable.
"""
import json
import os
import random
import sys

rnd = random.Random(7)
IMAGES = ["nginx:1.25.3", "nginx", "redis:7.2@sha256:" + "ab" * 32,
          "ghcr.io/acme/api:2.14.0", "postgres:16", "busybox:latest",
          "registry.example/worker:1.0.0", "alpine:3.19"]


def sec_ctx(level):
    if level == "hardened":
        return {"runAsNonRoot": True, "runAsUser": 10001,
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": True,
                "capabilities": {"drop": ["ALL"]},
                "seccompProfile": {"type": "RuntimeDefault"}}
    if level == "privileged":
        return {"privileged": True, "capabilities": {"add": ["SYS_ADMIN"]}}
    if level == "root":
        return {"runAsUser": 0}
    return None


def container(name, level):
    c = {"name": name, "image": rnd.choice(IMAGES),
         "ports": [{"containerPort": 8080}],
         "env": [{"name": "LOG_LEVEL", "value": "info"}]}
    if rnd.random() < 0.6:
        c["resources"] = {"requests": {"cpu": "100m", "memory": "128Mi"},
                          "limits": {"cpu": "500m", "memory": "256Mi"}}
    if rnd.random() < 0.5:
        c["livenessProbe"] = {"httpGet": {"path": "/healthz",
                                          "port": 8080}}
        c["readinessProbe"] = {"httpGet": {"path": "/ready", "port": 8080}}
    if rnd.random() < 0.1:
        c["env"].append({"name": "DB_PASSWORD", "value": "hunter2"})
    s = sec_ctx(level)
    if s:
        c["securityContext"] = s
    return c


def pod_spec(app, level, init):
    spec = {"serviceAccountName": app if rnd.random() < 0.7 else "default",
            "containers": [container(app, level)]}
    if init:
        spec["initContainers"] = [container("init-" + app, level)]
        spec["initContainers"][0]["command"] = ["sh", "-c", "echo init"]
    if level == "hardened":
        spec["securityContext"] = {"runAsNonRoot": True,
                                   "seccompProfile":
                                   {"type": "RuntimeDefault"}}
        spec["automountServiceAccountToken"] = False
    if level == "privileged" and rnd.random() < 0.5:
        spec["hostNetwork"] = True
        spec["volumes"] = [{"name": "sock", "hostPath":
                            {"path": "/var/run/docker.sock"}}]
        spec["containers"][0]["volumeMounts"] = [
            {"name": "sock", "mountPath": "/var/run/docker.sock"}]
    return spec


def meta(name, ns, labels=None):
    m = {"name": name, "namespace": ns, "labels": {"app": name}}
    if labels:
        m["labels"].update(labels)
    return m


def app_objects(app, ns):
    level = rnd.choices(["hardened", "default", "root", "privileged"],
                        [5, 3, 1, 1])[0]
    tmpl = {"metadata": {"labels": {"app": app}},
            "spec": pod_spec(app, level, rnd.random() < 0.5)}
    kind = rnd.choices(["Deployment", "StatefulSet", "CronJob"],
                       [7, 2, 1])[0]
    if kind == "CronJob":
        tmpl["spec"]["restartPolicy"] = "OnFailure"
        w = {"apiVersion": "batch/v1", "kind": "CronJob",
             "metadata": meta(app, ns),
             "spec": {"schedule": "*/15 * * * *",
                      "jobTemplate": {"spec": {"template": tmpl}}}}
    else:
        w = {"apiVersion": "apps/v1", "kind": kind,
             "metadata": meta(app, ns),
             "spec": {"replicas": rnd.randint(1, 5),
                      "selector": {"matchLabels": {"app": app}},
                      "template": tmpl}}
        if kind == "StatefulSet":
            w["spec"]["serviceName"] = app
    objs = [w,
            {"apiVersion": "v1", "kind": "Service", "metadata": meta(app, ns),
             "spec": {"type": rnd.choices(["ClusterIP", "NodePort",
                                           "LoadBalancer"], [8, 1, 1])[0],
                      "selector": {"app": app},
                      "ports": [{"port": 80, "targetPort": 8080}]}},
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": meta(app + "-config", ns),
             "data": {"app.properties":
                      "\n".join(f"key{i}=value{i}" for i in range(8))}}]
    if rnd.random() < 0.4:
        ing = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
               "metadata": meta(app, ns),
               "spec": {"rules": [{"host": f"{app}.example.com", "http": {
                   "paths": [{"path": "/", "pathType": "Prefix",
                              "backend": {"service": {
                                  "name": app,
                                  "port": {"number": 80}}}}]}}]}}
        if rnd.random() < 0.6:
            ing["spec"]["tls"] = [{"hosts": [f"{app}.example.com"],
                                   "secretName": app + "-tls"}]
        objs.append(ing)
    if rnd.random() < 0.4:
        objs.append({"apiVersion": "networking.k8s.io/v1",
                     "kind": "NetworkPolicy", "metadata": meta(app, ns),
                     "spec": {"podSelector": {"matchLabels": {"app": app}},
                              "policyTypes": ["Ingress"],
                              "ingress": [{"from": [{"podSelector": {}}]}]}})
    if rnd.random() < 0.3:
        verbs = rnd.choice([["get", "list"], ["*"], ["create", "delete"]])
        objs.append({"apiVersion": "rbac.authorization.k8s.io/v1",
                     "kind": "Role", "metadata": meta(app, ns),
                     "rules": [{"apiGroups": [""],
                                "resources": rnd.choice([["configmaps"],
                                                         ["secrets"],
                                                         ["pods/exec"]]),
                                "verbs": verbs}]})
        objs.append({"apiVersion": "rbac.authorization.k8s.io/v1",
                     "kind": "RoleBinding", "metadata": meta(app, ns),
                     "roleRef": {"apiGroup": "rbac.authorization.k8s.io",
                                 "kind": "Role", "name": app},
                     "subjects": [{"kind": "ServiceAccount", "name": app,
                                   "namespace": ns}]})
    return objs


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    if s == "" or any(c in s for c in ":#{}[],&*!|>'\"%@`\n") or \
            s in ("true", "false", "yes", "no", "null", "on", "off") or \
            s[0] in "-? " or s.replace(".", "").isdigit():
        return json.dumps(s)
    return s


def to_yaml(v, ind=0):
    pad = " " * ind
    out = []
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(x, (dict, list)) and x:
                out.append(f"{pad}{k}:")
                out.append(to_yaml(x, ind + 2))
            else:
                out.append(f"{pad}{k}: " + (
                    "{}" if x == {} else "[]" if x == [] else yaml_scalar(x)))
    else:
        for x in v:
            if isinstance(x, dict) and x:
                inner = to_yaml(x, ind + 2).split("\n")
                inner[0] = pad + "- " + inner[0][ind + 2:]
                out.append("\n".join(inner))
            else:
                out.append(f"{pad}- {yaml_scalar(x)}")
    return "\n".join(out)


def main():
    root = sys.argv[1]
    want = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    n = 0
    team = 0
    app = 0
    while n < want:
        ns = f"team-{team}"
        d = os.path.join(root, ns)
        os.makedirs(d, exist_ok=True)
        level = rnd.choice(["baseline", "restricted", "privileged"])
        nsobj = {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": ns, "labels": {
                     "pod-security.kubernetes.io/enforce": level}}}
        with open(os.path.join(d, "namespace.yaml"), "w") as f:
            f.write(to_yaml(nsobj) + "\n")
        n += 1
        for _ in range(rnd.randint(5, 15)):
            if n >= want:
                break
            name = f"app{app}"
            app += 1
            objs = app_objects(name, ns)[:want - n]
            n += len(objs)
            form = rnd.choices(["multi", "list", "json"], [8, 1, 1])[0]
            if form == "json":
                with open(os.path.join(d, name + ".json"), "w") as f:
                    json.dump({"apiVersion": "v1", "kind": "List",
                               "items": objs}, f, indent=2)
            elif form == "list":
                with open(os.path.join(d, name + ".yaml"), "w") as f:
                    f.write(to_yaml({"apiVersion": "v1", "kind": "List",
                                     "items": objs}) + "\n")
            else:
                with open(os.path.join(d, name + ".yaml"), "w") as f:
                    f.write("\n---\n".join(to_yaml(o) for o in objs) + "\n")
        team += 1
    print(f"{n} objects, {app} applications, {team} namespaces",
          file=sys.stderr)


if __name__ == "__main__":
    main()
