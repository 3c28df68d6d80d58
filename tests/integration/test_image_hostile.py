"""Hostile images: each gives one clear error or warning, exit code 3
where the image is unusable, in bounded time, and writes nothing outside
the cache."""
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from conftest import peak_rss_read, peak_rss_wrapped, ward_bin
from imagekit import gz, need, tar_bytes


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def stanza(name, version):
    return f"Package: {name}\nStatus: install ok installed\nVersion: {version}\nArchitecture: amd64\n\n"


def run_scan(ward, target, tmp_path, verb="image"):
    """Scan with HOME and the cache inside tmp_path, and check that nothing
    else in tmp_path's parent changed."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    t0 = time.monotonic()
    r = ward(verb, "-f", "json", target, env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    r.elapsed = time.monotonic() - t0
    return r


def test_traversal_and_absolute_names(ward, tmp_path):
    evil = tmp_path / "evil-target"
    data = tar_bytes([
        ("../../../../../../" + str(evil).lstrip("/"), "file", b"pwned"),
        ("/etc/os-release", "file", b"ID=alpine\nVERSION_ID=3.99.0\n"),
        ("./lib/apk/db/installed", "file", b"P:x\nV:1-r0\nA:x86_64\n\n"),
    ], fmt=tarfile.GNU_FORMAT)
    tarball = write(tmp_path / "rootfs.tar.gz", gz(data))
    r = run_scan(ward, tarball, tmp_path)
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert not evil.exists()
    # An absolute name is a path inside the image, as tar extracts it.
    assert doc["os"]["versionId"] == "3.99.0"
    assert [p["name"] for p in doc["packages"]] == ["x"]
    assert any("'..'" in w for w in doc["warnings"])


def test_symlinks_out_of_the_root_are_not_followed(ward, tmp_path):
    host = tmp_path / "host-os-release"
    host.write_text("ID=pwned\nVERSION_ID=666\n")
    hostdb = tmp_path / "host-status"
    hostdb.write_text(stanza("host-only", "1"))
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "var/lib/dpkg").mkdir(parents=True)
    os.symlink(str(host), root / "etc/os-release")
    os.symlink("../../../../../../../../" + str(hostdb).lstrip("/"),
               root / "var/lib/dpkg/status")
    r = run_scan(ward, root, tmp_path, verb="fs")
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert b"pwned" not in r.out and b"host-only" not in r.out
    assert doc["packages"] == []
    # The same links inside a layer are recorded, never resolved on the host.
    data = tar_bytes([("etc/os-release", "symlink", str(host)),
                      ("var/lib/dpkg/status", "symlink", str(hostdb)),
                      ("lib/apk/db/installed", "hardlink", "../../../../../etc/passwd")])
    r = run_scan(ward, write(tmp_path / "l.tar", data), tmp_path)
    assert r.code == 0, r
    assert b"pwned" not in r.out and b"host-only" not in r.out


def test_fifo_and_device_in_a_root_do_not_hang(ward, tmp_path):
    root = tmp_path / "root"
    (root / "var/lib/dpkg").mkdir(parents=True)
    (root / "etc").mkdir()
    os.mkfifo(root / "var/lib/dpkg/status")
    if os.geteuid() == 0:
        os.mknod(root / "etc/os-release", 0o600 | 0o020000, os.makedev(1, 3))
    r = run_scan(ward, root, tmp_path, verb="fs")
    assert r.code == 0, r
    assert r.elapsed < 10
    assert b"not a regular file" in r.err


@pytest.mark.parametrize("kind", ["gzip", "zstd", "tar"])
def test_truncated_streams(ward, tmp_path, kind):
    data = tar_bytes([("lib/apk/db/installed", "file", b"P:x\nV:1-r0\n\n" * 2000),
                      ("big", "file", os.urandom(200000))])
    if kind == "gzip":
        blob = gz(data)
    elif kind == "zstd":
        need("zstd")
        blob = subprocess.run(["zstd", "-q", "-c"], input=data, capture_output=True, check=True).stdout
    else:
        blob = data
    cut = write(tmp_path / "cut", blob[: len(blob) * 2 // 3])
    r = run_scan(ward, cut, tmp_path)
    assert r.code == 3, r
    assert b"truncated" in r.err.lower(), r


def test_decompression_bomb(ward, tmp_path):
    need("zstd")
    # 300 MiB of zeros in one tar entry compress to a few KiB with zstd:
    # far past the 1100:1 ratio cap once the layer passes 64 MiB.
    n = 300 << 20
    hdr = tarfile.TarInfo("zeros")
    hdr.size = n
    head = hdr.tobuf(tarfile.GNU_FORMAT)
    p = subprocess.Popen(["zstd", "-q", "-19", "-c"], stdin=subprocess.PIPE,
                         stdout=open(tmp_path / "bomb.tar.zst", "wb"))
    p.stdin.write(head)
    chunk = bytes(1 << 20)
    for _ in range(n >> 20):
        p.stdin.write(chunk)
    p.stdin.write(bytes(1024))
    p.stdin.close()
    assert p.wait() == 0
    assert os.path.getsize(tmp_path / "bomb.tar.zst") < 200000
    r = run_scan(ward, tmp_path / "bomb.tar.zst", tmp_path)
    assert r.code == 3, r
    assert b"ratio" in r.err, r


def test_million_tiny_entries(ward, tmp_path):
    # Raw ustar headers, written directly for speed.
    template = tarfile.TarInfo("x")
    out = io.BytesIO()
    for i in range(1_000_000):
        template.name = f"d/{i}"
        out.write(template.tobuf(tarfile.USTAR_FORMAT))
    entry = tarfile.TarInfo("lib/apk/db/installed")
    payload = b"P:last\nV:1-r0\n\n"
    entry.size = len(payload)
    out.write(entry.tobuf(tarfile.USTAR_FORMAT) + payload + bytes(512 - len(payload)))
    out.write(bytes(1024))
    tarball = write(tmp_path / "many.tar.gz", gz(out.getvalue()))
    r = run_scan(ward, tarball, tmp_path)
    assert r.code == 0, r
    assert [p["name"] for p in json.loads(r.out)["packages"]] == ["last"]


def test_ten_thousand_component_path(ward, tmp_path):
    deep = "a/" * 10000 + "f"
    data = tar_bytes([(deep, "file", b"x"),
                      ("lib/apk/db/installed", "file", b"P:ok\nV:1-r0\n\n")])
    r = run_scan(ward, write(tmp_path / "deep.tar", data), tmp_path)
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert [p["name"] for p in doc["packages"]] == ["ok"]
    assert any("over-long" in w for w in doc["warnings"])


def oci_blob(layout, data):
    d = hashlib.sha256(data).hexdigest()
    write(layout / "blobs" / "sha256" / d, data)
    return {"digest": "sha256:" + d, "size": len(data)}


def test_manifest_cycle_and_deep_nesting(ward, tmp_path):
    layout = tmp_path / "cyc"
    (layout / "blobs" / "sha256").mkdir(parents=True)
    write(layout / "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
    # An index that names a digest whose blob is an index naming the same
    # digest: a cycle (no honest content can have it, so the digest check
    # or the cycle check must stop it).
    fake = "sha256:" + "ab" * 32
    inner = json.dumps({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "digest": fake, "size": 200}]}).encode()
    write(layout / "blobs" / "sha256" / ("ab" * 32), inner)
    write(layout / "index.json", json.dumps({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "digest": fake, "size": len(inner)}]}).encode())
    r = run_scan(ward, layout, tmp_path)
    assert r.code == 3, r
    assert b"digest" in r.err or b"cycle" in r.err
    # Honest nesting, 12 levels deep: over the cap of 8.
    layout2 = tmp_path / "deep"
    (layout2 / "blobs" / "sha256").mkdir(parents=True)
    desc = {"mediaType": "application/vnd.oci.image.manifest.v1+json",
            **oci_blob(layout2, b'{"schemaVersion":2}')}
    for _ in range(12):
        idx = json.dumps({"schemaVersion": 2, "manifests": [desc]}).encode()
        desc = {"mediaType": "application/vnd.oci.image.index.v1+json", **oci_blob(layout2, idx)}
    write(layout2 / "index.json", json.dumps({"schemaVersion": 2, "manifests": [desc]}).encode())
    r = run_scan(ward, layout2, tmp_path)
    assert r.code == 3, r
    assert b"nested deeper than 8" in r.err


def test_no_manifest_for_platform_lists_available(ward, tmp_path):
    layout = tmp_path / "plat"
    (layout / "blobs" / "sha256").mkdir(parents=True)
    m = oci_blob(layout, b'{"schemaVersion":2}')
    write(layout / "index.json", json.dumps({"schemaVersion": 2, "manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", **m,
         "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", **m,
         "platform": {"os": "linux", "architecture": "ppc64le"}}]}).encode())
    r = run_scan(ward, layout, tmp_path)
    assert r.code == 3, r
    assert b"no manifest for platform linux/amd64; available: linux/arm64/v8, linux/ppc64le" in r.err


def test_garbage_and_empty_targets(ward, tmp_path):
    for name, data in [("empty", b""), ("junk", os.urandom(5000)),
                       ("json", b'{"not": "an image"}')]:
        r = run_scan(ward, write(tmp_path / name, data), tmp_path)
        assert r.code == 3, (name, r)
        assert r.err.count(b"\n") <= 2, r
    r = run_scan(ward, tmp_path / "does-not-exist", tmp_path)
    assert r.code == 3


def test_archive_symlink_with_dot_dot_resolves_inside(ward, tmp_path):
    # An OCI archive whose index.json is a symlink through "./..": the
    # link resolves inside the archive, component by component.
    seed = Path(__file__).resolve().parents[2] / "fuzz" / "corpus" / "image" / "seed-oci-archive"
    src = tarfile.open(seed)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as dst:
        for m in src.getmembers():
            data = src.extractfile(m).read() if m.isfile() else None
            if m.name == "index.json":
                m.name = "blobs/real-index.json"
            dst.addfile(m, io.BytesIO(data) if data is not None else None)
        link = tarfile.TarInfo("index.json")
        link.type = tarfile.SYMTYPE
        link.linkname = "blobs/./../blobs/real-index.json"
        dst.addfile(link)
    target = write(tmp_path / "linked.tar", out.getvalue())
    r = run_scan(ward, target, tmp_path)
    assert r.code == 0, r
    assert json.loads(r.out)["source"]["kind"] == "oci-archive"


# xz, bzip2 and lz4 are decoded by libarchive's filters, run as one of
# ward's decompression stages so their output is counted like gzip's and
# zstd's. The answers below are worked out from the fixtures: the rootfs
# lists two apk packages by construction, and a bomb of N MiB of zeros
# compresses far past the 1100:1 ratio cap (include/ward/limits.h).

AS_LIMIT = 2 << 30


def asan():
    with open(ward_path(), "rb") as f:
        return b"__asan_init" in f.read()


def run_bounded(ward_bin, target, tmp_path):
    """Run ward under an address-space limit; (code, out, err, peak RSS)."""
    import resource

    def limit():
        if not asan():
            resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))

    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    rss_path = tmp_path / "rss"
    with open(tmp_path / "stderr", "w+b") as errf:
        p = subprocess.Popen(
            peak_rss_wrapped([ward_bin, "image", "-f", "json", target],
                             rss_path),
            stdout=subprocess.PIPE, stderr=errf, env=env, preexec_fn=limit)
        out = p.stdout.read()
        p.stdout.close()
        p.wait()
        errf.seek(0)
        err = errf.read()
    return p.returncode, out, err, peak_rss_read(rss_path)


COMPRESSORS = {"xz": ["xz", "-T1", "-q", "-c"], "bzip2": ["bzip2", "-q", "-c"],
               "lz4": ["lz4", "-q", "-c"]}


def compress_stream(kind, path, pieces):
    """Write the compressed concatenation of 'pieces' (an iterable of bytes)."""
    need(kind)
    with open(path, "wb") as out:
        p = subprocess.Popen(COMPRESSORS[kind], stdin=subprocess.PIPE, stdout=out)
        for piece in pieces:
            p.stdin.write(piece)
        p.stdin.close()
        assert p.wait() == 0
    return path


def zeros_tar(n, head=b""):
    """A tar of one entry of n zero bytes, after 'head' (a complete tar or
    nothing), streamed in 1 MiB pieces."""
    hdr = tarfile.TarInfo("zeros")
    hdr.size = n
    yield head + hdr.tobuf(tarfile.GNU_FORMAT)
    chunk = bytes(1 << 20)
    for _ in range(n >> 20):
        yield chunk
    yield bytes(1024)


def ward_path():
    p = ward_bin()
    if not os.path.exists(p):
        pytest.skip(f"no ward binary at {p}")
    return p


@pytest.mark.parametrize("kind", ["xz", "bzip2"])
def test_filter_bomb_as_rootfs(tmp_path, kind):
    bomb = compress_stream(kind, tmp_path / "bomb", zeros_tar(256 << 20))
    # 256 MiB in under 64 KiB: at least 4000:1 overall.
    assert os.path.getsize(bomb) < 65536
    code, out, err, rss = run_bounded(ward_path(), bomb, tmp_path)
    assert code == 3, err
    assert b"decompression ratio above 1100:1" in err, err
    assert out == b"", "no partial report"
    if not asan():
        assert rss < 256 << 20, rss


@pytest.mark.parametrize("kind", ["xz", "bzip2"])
def test_filter_bomb_after_a_tiny_tar(tmp_path, kind):
    # A complete, honest tar (its two zero end blocks included), then the
    # bomb: libarchive stops at the end blocks, and what follows is still
    # read (for the same caps) rather than skipped.
    honest = tar_bytes([("lib/apk/db/installed", "file", b"P:x\nV:1-r0\n\n")])
    bomb = compress_stream(kind, tmp_path / "bomb", zeros_tar(256 << 20, honest))
    code, out, err, rss = run_bounded(ward_path(), bomb, tmp_path)
    assert code == 3, err
    assert b"decompression ratio above 1100:1" in err, err
    assert out == b""


@pytest.mark.parametrize("kind", ["xz", "bzip2"])
def test_filter_bomb_as_oci_layer(tmp_path, kind):
    # OCI defines gzip, zstd and uncompressed layers only: an xz or bzip2
    # layer is refused before a byte of it is decompressed, whatever its
    # media type claims.
    layer = compress_stream(kind, tmp_path / "layer", zeros_tar(256 << 20)).read_bytes()
    layout = tmp_path / "oci"
    (layout / "blobs" / "sha256").mkdir(parents=True)
    write(layout / "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
    config = oci_blob(layout, json.dumps({
        "architecture": "amd64", "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + "00" * 32]}}).encode())
    manifest = oci_blob(layout, json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    **oci_blob(layout, layer)}]}).encode())
    write(layout / "index.json", json.dumps({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", **manifest,
        "platform": {"os": "linux", "architecture": "amd64"}}]}).encode())
    code, out, err, rss = run_bounded(ward_path(), layout, tmp_path)
    assert code == 3, err
    assert b"xz, bzip2 or lz4" in err, err
    assert out == b""
    if not asan():
        assert rss < 256 << 20, rss


@pytest.mark.parametrize("kind", ["xz", "bzip2", "lz4"])
def test_filter_compressed_rootfs_scans(ward, tmp_path, kind):
    data = tar_bytes([
        ("etc/os-release", "file", b"ID=alpine\nVERSION_ID=3.19.1\n"),
        ("lib/apk/db/installed", "file",
         b"P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36.1-r15\nA:x86_64\n\n"),
        ("filler", "file", os.urandom(3 << 20)),  # several filter blocks
    ])
    plain = run_scan(ward, write(tmp_path / "rootfs.tar", data), tmp_path)
    packed = compress_stream(kind, tmp_path / "rootfs.tar.c", [data])
    r = run_scan(ward, packed, tmp_path)
    assert plain.code == 0 and r.code == 0, (plain, r)
    want = [("musl", "1.2.4-r2"), ("busybox", "1.36.1-r15")]
    for doc in (json.loads(plain.out), json.loads(r.out)):
        assert [(p["name"], p["version"]) for p in doc["packages"]] == want
        assert doc["os"]["versionId"] == "3.19.1"


@pytest.mark.parametrize("kind", ["xz", "bzip2"])
def test_filter_truncated_and_corrupt(ward, tmp_path, kind):
    data = tar_bytes([("lib/apk/db/installed", "file", b"P:x\nV:1-r0\n\n" * 2000),
                      ("big", "file", os.urandom(200000))])
    blob = compress_stream(kind, tmp_path / "c", [data]).read_bytes()
    r = run_scan(ward, write(tmp_path / "cut", blob[: len(blob) * 2 // 3]), tmp_path)
    assert r.code == 3, r
    assert b"truncated" in r.err.lower(), r
    bad = bytearray(blob)
    bad[len(bad) // 2] ^= 0xFF
    r = run_scan(ward, write(tmp_path / "bad", bytes(bad)), tmp_path)
    assert r.code == 3, r
    assert r.err.count(b"\n") <= 3, r
