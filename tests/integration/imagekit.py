"""Building real test images: layer tars written with Python's tarfile,
assembled into OCI layouts by umoci (which computes every digest, the
manifest and the config) and converted by skopeo. Expectations never come
from ward itself."""
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile

import pytest


def need(*tools):
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        pytest.skip("needs " + ", ".join(missing) + " (scripts/deps test installs them)")


def tar_bytes(entries, fmt=tarfile.PAX_FORMAT):
    """entries: (name, kind, payload) with kind 'file', 'dir', 'symlink',
    'hardlink'; payload is bytes for files and the target for links."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for name, kind, payload in entries:
            ti = tarfile.TarInfo(name)
            ti.mtime = 0
            if kind == "file":
                ti.size = len(payload)
                t.addfile(ti, io.BytesIO(payload))
                continue
            if kind == "dir":
                ti.type = tarfile.DIRTYPE
                ti.mode = 0o755
            elif kind == "symlink":
                ti.type = tarfile.SYMTYPE
                ti.linkname = payload
            elif kind == "hardlink":
                ti.type = tarfile.LNKTYPE
                ti.linkname = payload
            t.addfile(ti)
    return buf.getvalue()


def oci_image(workdir, layers, tag="t"):
    """An OCI layout made by umoci from uncompressed layer tars."""
    need("umoci")
    layout = os.path.join(workdir, "oci")
    subprocess.run(["umoci", "init", "--layout", layout], check=True)
    subprocess.run(["umoci", "new", "--image", f"{layout}:{tag}"], check=True)
    for i, data in enumerate(layers):
        p = os.path.join(workdir, f"layer{i}.tar")
        with open(p, "wb") as f:
            f.write(data)
        subprocess.run(["umoci", "raw", "add-layer", "--image",
                        f"{layout}:{tag}", p], check=True)
    subprocess.run(["umoci", "config", "--image", f"{layout}:{tag}",
                    "--architecture", "amd64", "--os", "linux"], check=True)
    return layout


def skopeo_copy(src, dst):
    need("skopeo")
    subprocess.run(["skopeo", "copy", "-q", src, dst], check=True)


def blob_path(layout, digest):
    return os.path.join(layout, "blobs", "sha256", digest.split(":", 1)[1])


def manifest_of(layout):
    with open(os.path.join(layout, "index.json")) as f:
        idx = json.load(f)
    with open(blob_path(layout, idx["manifests"][0]["digest"])) as f:
        return json.load(f)


def apk_db(text):
    """lib/apk/db/installed read here, independently of ward."""
    pkgs = []
    cur = {}
    for line in text.splitlines() + [""]:
        if not line:
            if "P" in cur:
                pkgs.append(cur)
            cur = {}
            continue
        if len(line) > 2 and line[1] == ":":
            cur.setdefault(line[0], line[2:])
    return {(p["P"], p["V"], p.get("A", ""), p.get("o", p["P"])) for p in pkgs}


def apk_db_from_rootfs_tar(path):
    with tarfile.open(path) as t:
        for m in t.getmembers():
            if m.name.lstrip("./") == "lib/apk/db/installed":
                return apk_db(t.extractfile(m).read().decode())
    raise AssertionError("no apk database in " + path)


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def gz(data):
    return gzip.compress(data, compresslevel=1, mtime=0)
