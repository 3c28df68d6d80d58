"""Secrets in images and directories (issue 6). Images are assembled by
umoci from layer tars written here; the expected findings are worked out
by hand from what each layer plants, never taken from ward's output."""
import hashlib
import json
import os
import subprocess

import pytest

from conftest import SHARED, TOP
from imagekit import need, oci_image, tar_bytes

AWS_ID = "AKIAZ2V5QX7MPLN4RTWB"
AWS_SECRET = "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"
AWS_CREDS = (f"[default]\naws_access_key_id = {AWS_ID}\n"
             f"aws_secret_access_key = {AWS_SECRET}\n").encode()
SSH_BODY = ("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            "QyNTUxOQAAACBpbGx1c3RyYXRpdmUga2V5IGZvciB3YXJkIHRlc3RzAAAAkBL2Ys4S9m\n"
            "LOAAAAC3NzaC1lZDI1NTE5AAAAIGlsbHVzdHJhdGl2ZSBrZXkgZm9yIHdhcmQgdGVzdH\n")
SSH_KEY = ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + SSH_BODY +
           "-----END OPENSSH PRIVATE KEY-----\n").encode()
ENV_SECRET = "Zq4mN8vR2tK6wB1xC9sD3fG7hJ5lP0aE"
LABEL_TOKEN = "ghp_Lb3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9q"


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


def secrets_of(ward, *args):
    r = ward(*args)
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert "secrets" in doc
    return doc["secrets"]


@pytest.fixture
def planted(tmp_path):
    """0: /root/.aws/credentials and /root/.ssh/id_ed25519;
    1: deletes both (whiteouts) and adds an unrelated file;
    config: ENV AWS_SECRET_ACCESS_KEY=..., LABEL ci.token=ghp_..."""
    need("umoci")
    l0 = tar_bytes([("root", "dir", None), ("root/.aws", "dir", None),
                    ("root/.aws/credentials", "file", AWS_CREDS),
                    ("root/.ssh", "dir", None),
                    ("root/.ssh/id_ed25519", "file", SSH_KEY)])
    l1 = tar_bytes([("root/.aws/.wh.credentials", "file", b""),
                    ("root/.ssh/.wh.id_ed25519", "file", b""),
                    ("etc", "dir", None), ("etc/motd", "file", b"hi\n")])
    layout = oci_image(str(tmp_path), [l0, l1])
    subprocess.run(["umoci", "config", "--image", f"{layout}:t",
                    "--config.env", f"AWS_SECRET_ACCESS_KEY={ENV_SECRET}",
                    "--config.label", f"ci.token={LABEL_TOKEN}"],
                   check=True)
    return layout + ":t"


def test_deleted_layer_secrets(ward, planted):
    found = secrets_of(ward, "image", "--no-cache", "--scanners", "secret",
                       "-f", "json", planted)
    by_fp = {f["fingerprint"]: f for f in found}
    for secret, rule, path in [(AWS_ID, "aws-access-key-id", "root/.aws/credentials"),
                               (AWS_SECRET, "aws-secret-access-key", "root/.aws/credentials")]:
        f = by_fp[sha(secret)]
        assert (f["ruleId"], f["path"], f["layer"]) == (rule, path, 0)
        assert f["deleted"] and f["removedByLayer"] == 1
        assert secret not in f["match"]
    keys = [f for f in found if f["path"] == "root/.ssh/id_ed25519"]
    assert len(keys) == 1 and keys[0]["ruleId"] == "private-key"
    assert keys[0]["layer"] == 0 and keys[0]["removedByLayer"] == 1
    env = [f for f in found if f["path"].startswith("config:Env")]
    assert [f["fingerprint"] for f in env] == [sha(ENV_SECRET)]
    labels = [f for f in found if f["path"].startswith("config:Labels")]
    assert [f["fingerprint"] for f in labels] == [sha(LABEL_TOKEN)]
    for f in found:
        assert f["match"].count("*****") == 1
    assert all(len(f["fingerprint"]) == 64 for f in found)


def test_fs_dir_and_ignore(ward, tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / ".env").write_text(
        f"GITHUB_TOKEN=ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j\n"
        f"OTHER_TOKEN=ghp_Zb3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9k # ward:ignore\n")
    (tmp_path / "bin.dat").write_bytes(b"\0" * 100 + AWS_CREDS)
    r = ward("fs", "--scanners", "secret", "-f", "json", str(tmp_path))
    assert r.code == 0, r
    doc = json.loads(r.out)
    got = [(f["ruleId"], f["path"], f["line"]) for f in doc["secrets"]]
    assert got == [("github-token", "app/.env", 1)]
    assert doc["secretFilesSkipped"]["binary"] == 1
    # A directory has no layers: the table names no layer for it (an
    # image's table does, as test_deleted_layer_secrets' JSON shows).
    r = ward("fs", "--scanners", "secret", "-f", "table", str(tmp_path))
    assert r.code == 0, r
    assert b"app/.env:1  GITH" in r.out and b"(layer" not in r.out, r


def test_secret_config(ward, tmp_path):
    (tmp_path / "x.txt").write_text("acme_0123456789abcdefABCDEF0123456789\n"
                                    "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j\n")
    cfg = tmp_path / "rules"
    cfg.write_text("ward-secret-rules 1\n[allow]\ndisable = github-token\n"
                   "[rule acme]\nkeywords = acme_\n"
                   "regex = \\b(acme_[A-Za-z0-9]{32})\\b\ngroup = 1\n")
    found = secrets_of(ward, "fs", "--scanners", "secret", "--secret-config",
                       str(cfg), "-f", "json", str(tmp_path))
    assert [(f["ruleId"], f["line"]) for f in found] == [("acme", 1)]


def test_wardignore_fingerprint_and_exit_code(ward, tmp_path):
    tok1 = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j"
    tok2 = "ghp_Qb3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9m"
    (tmp_path / "a.txt").write_text(f"t1 = {tok1}\nt2 = {tok2}\n")
    ign = tmp_path / "ignore"
    ign.write_text(f"sha256:{sha(tok1)}  # a known test token\n")
    r = ward("fs", "--scanners", "secret", "--ignorefile", str(ign),
             "--exit-code", "3", "-f", "json", str(tmp_path))
    assert r.code == 3, r
    doc = json.loads(r.out)
    assert [f["fingerprint"] for f in doc["secrets"]] == [sha(tok2)]
    ign.write_text(f"sha256:{sha(tok1)}\ngithub-token path:a.txt\n")
    r = ward("fs", "--scanners", "secret", "--ignorefile", str(ign),
             "--exit-code", "3", "-f", "json", str(tmp_path))
    assert r.code == 0, r
    assert json.loads(r.out)["secrets"] == []


@pytest.mark.parametrize("name", [
    "alpine-minirootfs-3.7.3-x86_64.tar.gz",
    "alpine-minirootfs-3.10.9-x86_64.tar.gz",
    "alpine-minirootfs-3.18.9-x86_64.tar.gz",
    "alpine-minirootfs-3.20.3-x86_64.tar.gz",
    "alpine-3.20.3.oci.tar",
])
def test_stock_images_have_no_secrets(ward, shared, name):
    """Stock distribution images hold no credentials (public certificates
    are not secrets): any finding here is a false alarm."""
    path = shared / "data" / "images" / name
    if not path.exists():
        pytest.skip(f"{name} is absent")
    found = secrets_of(ward, "image", "--no-cache", "--scanners", "secret",
                       "-f", "json", str(path))
    assert found == []


@pytest.fixture(scope="session", params=["", "python3,openssl"])
def debian_stock(request):
    """Debian 12 minbase, bare and with python3 and openssl, built once with
    ../shared/tools/mkimage-debian (the bare one is shared with
    test_image.py)."""
    tool = SHARED / "tools" / "mkimage-debian"
    if not tool.exists() or os.geteuid() != 0:
        pytest.skip("needs ../shared/tools/mkimage-debian and root")
    name = "debian-bookworm" + ("-" + request.param.replace(",", "-")
                                if request.param else "")
    out = TOP / ".cache" / "images" / name
    if not (out / "oci").is_dir():
        args = [str(tool), str(out), "bookworm"]
        if request.param:
            args.append(request.param)
        p = subprocess.run(args, capture_output=True, text=True, timeout=1200)
        if p.returncode != 0:
            pytest.skip("mkimage-debian failed (no Debian mirror?): "
                        + p.stderr[-500:])
    return out


def test_stock_debian_has_no_secrets(ward, debian_stock):
    """Debian's own packages ship no credentials; the test private keys
    some packages carry would be findings, but minbase and python3 with
    openssl have none, and certificates are public."""
    r = ward("image", "--no-cache", "--scanners", "secret", "-f", "json",
             str(debian_stock / "oci"))
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert doc["secrets"] == []
    # The scanner did read the layer: it probed (and skipped) binaries.
    assert doc["secretFilesSkipped"]["binary"] > 1000


def test_sarif_secrets(ward, tmp_path):
    tok = "ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j"
    (tmp_path / "a.txt").write_text(f"x\n  t = {tok}\n")
    r = ward("fs", "--scanners", "secret", "-f", "sarif", str(tmp_path))
    assert r.code == 0, r
    run = json.loads(r.out)["runs"][0]
    rules = [x["id"] for x in run["tool"]["driver"]["rules"]]
    assert rules == ["github-token"]
    (res,) = run["results"]
    assert res["ruleIndex"] == 0 and res["level"] == "error"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.txt"
    assert loc["region"] == {"startLine": 2, "startColumn": 7}
    assert res["partialFingerprints"]["ward/secret/v1"] == sha(tok)
    out = r.out if isinstance(r.out, bytes) else r.out.encode()
    assert tok.encode() not in out


def cached_scan(ward, cache, image, *extra):
    r = ward("--cache-dir", cache, "-vv", "image", "--scanners", "secret",
             "-f", "json", *extra, image)
    assert r.code == 0, r
    doc = json.loads(r.out)
    err = r.err.decode(errors="replace")
    return doc, [l["cached"] for l in doc["layers"]], err


def without_cached(doc):
    """The report without what says where the layers came from."""
    d = json.loads(json.dumps(doc))
    for l in d["layers"]:
        l.pop("cached")
    return d


def test_secret_findings_are_cached(ward, planted, tmp_path):
    """A warm cache answers a second secret scan with the same findings
    and without reading a layer again (each layer 'cached' and logged as
    a cache hit); the findings are those the layers plant, worked out
    by hand in test_deleted_layer_secrets."""
    cache = tmp_path / "cache"
    cold, how, err = cached_scan(ward, cache, planted)
    assert how == [False, False]
    warm, how, err = cached_scan(ward, cache, planted)
    assert how == [True, True]
    assert err.count("layer cache: hit for layer") == 2, err
    assert without_cached(warm) == without_cached(cold)
    fps = {f["fingerprint"]: f for f in warm["secrets"]}
    for secret in (AWS_ID, AWS_SECRET):
        f = fps[sha(secret)]
        assert (f["layer"], f["removedByLayer"]) == (0, 1)
    # The cache holds redacted excerpts, never a secret.
    for entry in (cache / "layers").iterdir():
        body = entry.read_bytes()
        for secret in (AWS_ID, AWS_SECRET, SSH_BODY.split("\n")[1]):
            assert secret.encode() not in body, entry
    assert any(b'"secrets"' in e.read_bytes()
               for e in (cache / "layers").iterdir())


def test_secret_cache_follows_the_rules(ward, planted, tmp_path):
    """An entry written without secret scanning, or with other rules
    (--secret-config), does not answer a secret scan; the same rules
    again are answered from the cache."""
    cache = tmp_path / "cache"
    r = ward("--cache-dir", cache, "image", "--scanners", "none", "-f",
             "json", planted)
    assert r.code == 0, r
    assert "secrets" not in json.loads(r.out)
    base, how, _ = cached_scan(ward, cache, planted)
    assert how == [False, False], "an entry without secrets is not reused"
    rules = {f["ruleId"] for f in base["secrets"]}
    assert "aws-access-key-id" in rules
    cfg = tmp_path / "rules"
    cfg.write_text("ward-secret-rules 1\n[allow]\n"
                   "disable = aws-access-key-id\n")
    other, how, err = cached_scan(ward, cache, planted,
                                  "--secret-config", str(cfg))
    assert how == [False, False], "other rules read the layers again"
    assert "no secret findings for these rules" in err
    want = sorted(f["fingerprint"] for f in base["secrets"]
                  if f["ruleId"] != "aws-access-key-id")
    assert sorted(f["fingerprint"] for f in other["secrets"]) == want
    again, how, _ = cached_scan(ward, cache, planted,
                                "--secret-config", str(cfg))
    assert how == [True, True]
    assert without_cached(again) == without_cached(other)
    # A scan without secrets still uses the entry and shows none.
    r = ward("--cache-dir", cache, "image", "--scanners", "none", "-f",
             "json", planted)
    doc = json.loads(r.out)
    assert [l["cached"] for l in doc["layers"]] == [True, True]
    assert "secrets" not in doc


def test_damaged_secret_cache_is_rebuilt(ward, planted, tmp_path):
    """A cache entry whose secret part was edited is not trusted, whether
    its digest no longer matches or (re-signed, as only a hostile writer
    would) it holds a value no finding can have: the layer is read
    again. Layer 0 holds the files' secrets; layer 1 holds none."""
    cache = tmp_path / "cache"
    cold, _, _ = cached_scan(ward, cache, planted)
    for resign in (False, True):
        edited = 0
        for entry in (cache / "layers").iterdir():
            head, body = entry.read_bytes().split(b"\n", 1)
            bad = body.replace(b'"severity":3', b'"severity":9')
            if bad == body:
                continue
            edited += 1
            if resign:
                head = b"WARDCACHE 1 %s %d" % (
                    hashlib.sha256(bad).hexdigest().encode(), len(bad))
            entry.write_bytes(head + b"\n" + bad)
        assert edited == 1
        again, how, err = cached_scan(ward, cache, planted)
        assert how == [False, True], err
        assert without_cached(again) == without_cached(cold)


KEYSTORES = TOP / "tests" / "unit" / "data" / "secret"


def keystore_bytes():
    """The openssl and keytool keystores of tests/unit/data/secret (its
    README says how they were made) and a JKS truststore's header."""
    p12 = (KEYSTORES / "keystore.p12").read_bytes()
    jks = (KEYSTORES / "keystore.jks").read_bytes()
    return p12, jks


def test_keystores_in_layers(ward, tmp_path):
    """A .p12 and a .jks in layer 0; layer 1 deletes the .jks. Both are
    reported once as files (line 1, column 1) with hashlib's SHA-256 of
    the file as fingerprint; the JDK's cacerts (JKS magic too) is not."""
    need("umoci")
    p12, jks = keystore_bytes()
    cacerts = "usr/lib/jvm/java-17-openjdk-amd64/lib/security/cacerts"
    dirs = ["app", "usr", "usr/lib", "usr/lib/jvm",
            "usr/lib/jvm/java-17-openjdk-amd64",
            "usr/lib/jvm/java-17-openjdk-amd64/lib",
            "usr/lib/jvm/java-17-openjdk-amd64/lib/security"]
    l0 = tar_bytes([(d, "dir", None) for d in dirs] +
                   [("app/server.p12", "file", p12),
                    ("app/keystore.jks", "file", jks),
                    (cacerts, "file", jks)])
    l1 = tar_bytes([("app/.wh.keystore.jks", "file", b"")])
    layout = oci_image(str(tmp_path), [l0, l1])
    found = secrets_of(ward, "image", "--no-cache", "--scanners", "secret",
                       "-f", "json", layout + ":t")
    got = sorted((f["ruleId"], f["path"], f["layer"], f["line"],
                  f["column"], f["fingerprint"], f["deleted"])
                 for f in found)
    assert got == [
        ("java-keystore", "app/keystore.jks", 0, 1, 1,
         hashlib.sha256(jks).hexdigest(), True),
        ("pkcs12-file", "app/server.p12", 0, 1, 1,
         hashlib.sha256(p12).hexdigest(), False),
    ]
    for f in found:
        assert f["severity"] == "high"
        assert "whole file" in f["match"]


def test_keystores_in_fs_and_ignore(ward, tmp_path):
    """ward fs on a directory: a .pfx made here by openssl (when present)
    and a .jks; a .wardignore entry with the file's SHA-256 accepts one."""
    p12, jks = keystore_bytes()
    root = tmp_path / "root"
    (root / "etc" / "ssl" / "certs" / "java").mkdir(parents=True)
    (root / "etc" / "ssl" / "certs" / "java" / "cacerts").write_bytes(jks)
    (root / "srv").mkdir()
    (root / "srv" / "a.jks").write_bytes(jks)
    pfx = p12
    if subprocess.run(["which", "openssl"], capture_output=True).returncode == 0:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                        "-nodes", "-keyout", str(tmp_path / "k.pem"),
                        "-out", str(tmp_path / "c.pem"), "-subj", "/CN=t",
                        "-days", "1"], check=True, capture_output=True)
        subprocess.run(["openssl", "pkcs12", "-export", "-in",
                        str(tmp_path / "c.pem"), "-inkey",
                        str(tmp_path / "k.pem"), "-out",
                        str(tmp_path / "x.pfx"), "-passout", "pass:t"],
                       check=True, capture_output=True)
        pfx = (tmp_path / "x.pfx").read_bytes()
    (root / "srv" / "b.PFX").write_bytes(pfx)
    found = secrets_of(ward, "fs", "--scanners", "secret", "-f", "json",
                       str(root))
    assert sorted((f["ruleId"], f["path"], f["fingerprint"])
                  for f in found) == [
        ("java-keystore", "srv/a.jks", hashlib.sha256(jks).hexdigest()),
        ("pkcs12-file", "srv/b.PFX", hashlib.sha256(pfx).hexdigest()),
    ]
    ign = tmp_path / "ignore"
    ign.write_text(f"sha256:{hashlib.sha256(pfx).hexdigest()}\n")
    found = secrets_of(ward, "fs", "--scanners", "secret", "--ignorefile",
                       str(ign), "-f", "json", str(root))
    assert [f["path"] for f in found] == ["srv/a.jks"]
