"""Vulnerability matching on real images and real advisory data. Each
expected set is computed here, independently of ward: the Alpine secdb is
read with Python and compared with an apk version ordering written in
this file from apk-tools' documented rules; the Go OSV records' stdlib
ranges are evaluated here with a semver ordering of our own."""
import json
import os
import re
import subprocess
import zipfile

import pytest

from conftest import SHARED, TOP
from imagekit import apk_db_from_rootfs_tar

VULNDB = SHARED / "data" / "vulndb"
IMAGES = SHARED / "data" / "images"


@pytest.fixture(scope="session")
def db(tmp_path_factory):
    if not VULNDB.is_dir():
        pytest.skip("../shared/data/vulndb is absent")
    from conftest import run_ward
    d = tmp_path_factory.mktemp("db")
    r = run_ward("--cache-dir", d, "db", "build", "--from", VULNDB, timeout=300)
    if r.code != 0:
        pytest.fail(f"db build failed: {r}")
    return d / "db" / "ward.db"


# --- apk ordering (apk-tools: digits, letters, _suffix, -rN) -------------
SUFFIX = {"alpha": -4, "beta": -3, "pre": -2, "rc": -1, "": 0,
          "cvs": 1, "svn": 2, "git": 3, "hg": 4, "p": 5}


def apk_key(v):
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)*)([a-z]?)((?:_[a-z]+[0-9]*)*)(?:-r([0-9]+))?", v)
    assert m, v
    nums = [int(x) for x in m.group(1).split(".")]
    letter = m.group(2)
    sufs = [(SUFFIX[s.rstrip("0123456789")], int(s.lstrip("abcdefghijklmnopqrstuvwxyz") or 0))
            for s in m.group(3).split("_")[1:]]
    rel = int(m.group(4) or 0)
    return nums, letter, sufs, rel


def apk_cmp(a, b):
    (na, la, sa, ra), (nb, lb, sb, rb) = apk_key(a), apk_key(b)
    for x, y in zip(na, nb):
        if x != y:
            return -1 if x < y else 1
    if len(na) != len(nb):
        return -1 if len(na) < len(nb) else 1
    if la != lb:
        return -1 if la < lb else 1
    sa = sa or [(0, 0)]
    sb = sb or [(0, 0)]
    for x, y in zip(sa, sb):
        if x != y:
            return -1 if x < y else 1
    if len(sa) != len(sb):
        # A further post-release suffix sorts after; a pre-release before.
        extra = (sa if len(sa) > len(sb) else sb)[min(len(sa), len(sb))]
        sign = 1 if extra[0] > 0 else -1
        return sign if len(sa) > len(sb) else -sign
    return (ra > rb) - (ra < rb)


def test_apk_cmp_sanity():
    assert apk_cmp("1.0_rc1", "1.0") < 0
    assert apk_cmp("1.0_p1", "1.0") > 0
    assert apk_cmp("1.0-r1", "1.0-r0") > 0
    assert apk_cmp("1.2.10", "1.2.9") > 0
    assert apk_cmp("1.0a", "1.0") > 0


def scan(ward, db, target, *extra):
    r = ward("image", "--no-cache", "--db", db, "-f", "json", target, *extra)
    assert r.code == 0, r
    return json.loads(r.out)


def test_alpine_373_matches_secdb_exactly(ward, shared, db):
    tarball = IMAGES / "alpine-minirootfs-3.7.3-x86_64.tar.gz"
    installed = {}  # origin -> (binary package, version) installed
    for name, ver, arch, origin in apk_db_from_rootfs_tar(str(tarball)):
        installed.setdefault(origin, set()).add((name, ver))
    want = set()
    for repo in ("main", "community"):
        data = json.load(open(VULNDB / "alpine-secdb" / "v3.7" / f"{repo}.json"))
        for p in data["packages"]:
            name = p["pkg"]["name"]
            for fixed, ids in (p["pkg"].get("secfixes") or {}).items():
                if fixed == "0" or name not in installed:
                    continue
                for binary, ver in installed[name]:
                    if apk_cmp(ver, fixed) < 0:
                        for i in ids:
                            for one in i.split():
                                want.add((one, binary, ver))
    doc = scan(ward, db, tarball)
    got = {(v["id"], v["package"]["name"], v["installed"]) for v in doc["vulnerabilities"]}
    assert got == want
    # ../shared/README.md: two matches (musl and musl-utils, one origin).
    assert len(want) == 2


@pytest.mark.parametrize("version", ["3.10.9", "3.18.9", "3.20.3"])
def test_other_alpine_have_none_and_say_why(ward, shared, db, version):
    tarball = IMAGES / f"alpine-minirootfs-{version}-x86_64.tar.gz"
    r = ward("-v", "image", "--no-cache", "--db", db, "-f", "json", tarball)
    assert r.code == 0, r
    assert json.loads(r.out)["vulnerabilities"] == []
    if version != "3.10.9":
        # The secdb snapshot stops at v3.11: nothing for this release.
        assert b"Alpine:v" + version.rsplit(".", 1)[0].encode() in r.err, r


# --- Go: semver ordering of OSV SEMVER events -------------------------------
def semver_key(v):
    m = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?", v)
    assert m, v
    pre = m.group(4)
    pre_key = (1,) if pre is None else (0, tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")))
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), pre_key)


def osv_affected(events, version):
    key = semver_key(version)
    evs = sorted(events, key=lambda e: (-1,) if list(e.values())[0] == "0"
                 else (0, semver_key(list(e.values())[0])))
    affected = False
    for e in evs:
        kind, v = list(e.items())[0]
        if v == "0":
            c = -1
        else:
            k = semver_key(v)
            c = (k > key) - (k < key)
        if kind == "introduced" and c <= 0:
            affected = True
        elif kind in ("fixed", "limit") and c <= 0:
            affected = False
        elif kind == "last_affected" and c < 0:
            affected = False
    return affected


def stdlib_expected(goversion):
    want = set()
    with zipfile.ZipFile(VULNDB / "osv" / "Go" / "all.zip") as z:
        for n in z.namelist():
            rec = json.loads(z.read(n))
            if rec.get("withdrawn"):
                continue
            for aff in rec.get("affected", []):
                if aff["package"]["name"] != "stdlib":
                    continue
                for rg in aff.get("ranges", []):
                    if rg["type"] == "SEMVER" and osv_affected(rg["events"], goversion):
                        want.add(rec["id"])
                if goversion in aff.get("versions", []):
                    want.add(rec["id"])
    return want


@pytest.fixture(scope="session", params=["skopeo", "runc"])
def go_image(request):
    """Debian 12 with a Go program from Debian (built with go1.19.8)."""
    tool = SHARED / "tools" / "mkimage-debian"
    if not tool.exists() or os.geteuid() != 0:
        pytest.skip("needs ../shared/tools/mkimage-debian and root")
    out = TOP / ".cache" / "images" / f"debian-bookworm-{request.param}"
    if not (out / "oci").is_dir():
        p = subprocess.run([str(tool), str(out), "bookworm", request.param],
                           capture_output=True, text=True, timeout=1200)
        if p.returncode != 0:
            pytest.skip("mkimage-debian failed: " + p.stderr[-500:])
    return out


def test_debian_go_programs_stdlib(ward, db, go_image):
    doc = scan(ward, db, go_image / "oci")
    stdlib = [p for p in doc["packages"] if p["type"] == "golang" and p["name"] == "stdlib"]
    assert stdlib, "no Go toolchain found in the image's binaries"
    versions = {p["version"] for p in stdlib}
    assert versions == {"1.19.8"}, versions
    want = stdlib_expected("1.19.8")
    got = {v["id"] for v in doc["vulnerabilities"] if v["package"]["name"] == "stdlib"}
    assert got == want, (sorted(got - want)[:10], sorted(want - got)[:10])
    assert len(want) > 20
