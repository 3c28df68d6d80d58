"""Layers, whiteouts and hostile images. Images are assembled by umoci
from layer tars written here; the expected inventories are worked out by
hand from what each layer does (see the comments), as an overlay mount
would show the top state."""
import gzip
import json
import os
import shutil
import subprocess
import tarfile
import time

import pytest

from imagekit import (blob_path, gz, manifest_of, need, oci_image,
                      skopeo_copy, tar_bytes)


def stanza(name, version, source=None):
    s = f"Package: {name}\nStatus: install ok installed\nVersion: {version}\nArchitecture: amd64\n"
    if source:
        s += f"Source: {source}\n"
    return s + "\n"


def apk(name, version):
    return f"P:{name}\nV:{version}\nA:x86_64\no:{name}\n\n"


OS_RELEASE = b'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'


def names(doc):
    return sorted((p["type"], p["name"], p["version"], p["layer"]["index"])
                  for p in doc["packages"])


def scan(ward, target, *extra):
    r = ward("image", "--no-cache", "-f", "json", target, *extra)
    assert r.code == 0, r
    return json.loads(r.out)


@pytest.fixture
def layered(tmp_path):
    """Four layers:
    0: os-release, dpkg status with a and b, apk db with x, a dpkg-era
       rpm directory var/lib/rpm holding nothing we read, and a distroless
       status.d with s1 and s2;
    1: deletes the apk database (whiteout), rewrites the dpkg status with
       a (unchanged) and c (new), deletes status.d/s1;
    2: makes var/lib/dpkg/status.d opaque and adds s3 there;
    3: unrelated file.
    Top state: a@1.0 (introduced in layer 0: unchanged), c@3.0 (layer 1),
    s2 hidden by the opaque directory, s3@1 (layer 2); no apk packages."""
    need("umoci")
    l0 = tar_bytes([
        ("etc", "dir", None),
        ("etc/os-release", "file", OS_RELEASE),
        ("var/lib/dpkg", "dir", None),
        ("var/lib/dpkg/status", "file",
         (stanza("a", "1.0") + stanza("b", "2.0", "bsrc (2.0-1)")).encode()),
        ("var/lib/dpkg/status.d", "dir", None),
        ("var/lib/dpkg/status.d/s1", "file", stanza("s1", "1").encode()),
        ("var/lib/dpkg/status.d/s2", "file", stanza("s2", "1").encode()),
        ("lib/apk/db", "dir", None),
        ("lib/apk/db/installed", "file", apk("x", "1.0-r0").encode()),
    ])
    l1 = tar_bytes([
        ("lib/apk/db/.wh.installed", "file", b""),
        ("var/lib/dpkg/status", "file",
         (stanza("a", "1.0") + stanza("c", "3.0")).encode()),
        ("var/lib/dpkg/status.d/.wh.s1", "file", b""),
    ])
    l2 = tar_bytes([
        ("var/lib/dpkg/status.d/.wh..wh..opq", "file", b""),
        ("var/lib/dpkg/status.d/s3", "file", stanza("s3", "1").encode()),
    ])
    l3 = tar_bytes([("srv/readme", "file", b"hello\n")])
    return oci_image(str(tmp_path), [l0, l1, l2, l3])


WANT_TOP = [("deb", "a", "1.0", 0), ("deb", "c", "3.0", 1), ("deb", "s3", "1", 2)]


def test_whiteouts_and_opaque_dirs(ward, layered):
    doc = scan(ward, layered)
    assert names(doc) == WANT_TOP
    assert doc["os"]["id"] == "debian"
    assert len(doc["layers"]) == 4


def test_same_result_as_docker_and_oci_archives(ward, layered, tmp_path):
    skopeo_copy(f"oci:{layered}:t", f"docker-archive:{tmp_path}/d.tar:img:t")
    skopeo_copy(f"oci:{layered}:t", f"oci-archive:{tmp_path}/o.tar:t")
    assert names(scan(ward, tmp_path / "d.tar")) == WANT_TOP
    assert names(scan(ward, tmp_path / "o.tar")) == WANT_TOP


def test_cache_gives_the_same_answer_and_is_rebuilt_when_damaged(ward, layered, tmp_path):
    cache = tmp_path / "cache"
    args = ["--cache-dir", cache, "image", "-f", "json", layered]
    cold = ward(*args)
    assert cold.code == 0, cold
    warm = ward(*args)
    assert warm.code == 0, warm
    c, w = json.loads(cold.out), json.loads(warm.out)
    assert all(not l["cached"] for l in c["layers"])
    assert all(l["cached"] for l in w["layers"])
    assert names(w) == names(c) == WANT_TOP
    # Damage every entry: ward must notice and analyse again.
    entries = list((cache / "layers").iterdir())
    assert len(entries) == 4
    for e in entries:
        data = bytearray(e.read_bytes())
        data[-5] ^= 0x20
        e.write_bytes(bytes(data))
    again = ward(*args)
    assert again.code == 0, again
    a = json.loads(again.out)
    assert all(not l["cached"] for l in a["layers"])
    assert names(a) == WANT_TOP
    # --no-cache neither reads nor writes.
    nc = tmp_path / "other-cache"
    r = ward("--cache-dir", nc, "image", "--no-cache", "-f", "json", layered)
    assert r.code == 0
    assert not nc.exists()
    # A blob edited in place after it was cached is caught: the file
    # changed, so the cached layer's blob is hashed again.
    m = manifest_of(str(layered))
    p = blob_path(str(layered), m["layers"][3]["digest"])
    os.chmod(p, 0o644)
    data = bytearray(open(p, "rb").read())
    data[-1] ^= 0xff
    open(p, "wb").write(bytes(data))
    r = ward(*args)
    assert r.code == 3, r
    assert m["layers"][3]["digest"].encode() in r.err


def corrupt_copy(layered, tmp_path, mutate):
    dst = tmp_path / "bad"
    shutil.copytree(layered, dst)
    m = manifest_of(str(dst))
    mutate(dst, m)
    return dst


def test_digest_mismatch_is_an_input_error(ward, layered, tmp_path):
    def flip(dst, m):
        p = blob_path(str(dst), m["layers"][1]["digest"])
        os.chmod(p, 0o644)
        data = bytearray(open(p, "rb").read())
        data[len(data) // 2] ^= 1
        open(p, "wb").write(bytes(data))
    bad = corrupt_copy(layered, tmp_path, flip)
    r = ward("image", "--no-cache", bad)
    assert r.code == 3, r
    digest = manifest_of(str(layered))["layers"][1]["digest"]
    assert digest.encode() in r.err
    assert r.out == b""


def test_missing_blob(ward, layered, tmp_path):
    bad = corrupt_copy(layered, tmp_path, lambda d, m: os.unlink(
        blob_path(str(d), m["layers"][2]["digest"])))
    r = ward("image", "--no-cache", bad)
    assert r.code == 3, r
    assert b"missing blob" in r.err


def test_truncated_layers(ward, layered, tmp_path):
    def cut(dst, m):
        p = blob_path(str(dst), m["layers"][0]["digest"])
        os.chmod(p, 0o644)
        data = open(p, "rb").read()
        open(p, "wb").write(data[: len(data) // 2])
    bad = corrupt_copy(layered, tmp_path, cut)
    r = ward("image", "--no-cache", bad)
    assert r.code == 3, r
    # The descriptor's size gives it away before any byte is inflated.
    assert manifest_of(str(layered))["layers"][0]["digest"].encode() in r.err
    assert b"its descriptor says" in r.err


def test_platform_selection_lists_what_exists(ward, layered):
    r = ward("image", "--no-cache", "--platform", "linux/s390x", layered)
    # umoci's index carries no platform: the single image is used.
    assert r.code == 0, r


def test_malformed_database_is_a_warning_with_the_line(ward, tmp_path):
    l0 = tar_bytes([("var/lib/dpkg/status", "file",
                     (stanza("ok", "1") + "Package: broken\nno colon here\n\n" +
                      stanza("ok2", "2")).encode())])
    layout = oci_image(str(tmp_path), [l0])
    r = ward("image", "--no-cache", "-f", "json", layout)
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert {p["name"] for p in doc["packages"]} >= {"ok", "ok2"}
    assert any("line" in w for w in doc["warnings"])
    assert b"var/lib/dpkg/status" in r.err


def test_empty_whiteout_name_hides_nothing(ward, tmp_path):
    # ".wh." names no file; read literally it would hide the directory.
    l0 = tar_bytes([("var/lib/dpkg/status", "file", stanza("a", "1.0").encode())])
    l1 = tar_bytes([("var/lib/dpkg/.wh.", "file", b"")])
    layout = oci_image(str(tmp_path), [l0, l1])
    doc = scan(ward, layout)
    assert [p["name"] for p in doc["packages"]] == ["a"]
    assert any("names no file" in w for w in doc["warnings"])
