"""Hostile input for the secret scanner (issue 6): a 1 GB file of one
line, ten million short lines, minified JavaScript, and text built to
make rules backtrack or grow their windows, each with one secret planted
at its very end. ward must finish, find exactly that secret where it was
written (line and column worked out by hostile.py from what it wrote),
and stay within bounded memory: the address space is capped with
setrlimit (not under AddressSanitizer, which reserves terabytes), and
the peak resident size is checked. No timing is asserted; the figures
are bench/secret-hostile.sh's. Under AddressSanitizer the 1 GB line
stays 1 GB, but the other sizes shrink eightfold (the instrumented build
is several times slower on dense keyword hits); the shapes stay the
same.

The big files go to /dev/shm when it exists (a tmpfs: writing 1 GB to
this machine's disk takes longer than scanning it)."""
import json
import os
import pathlib
import resource
import subprocess
import tarfile
import tempfile

import pytest

import hostile
from conftest import peak_rss_read, peak_rss_wrapped, ward_bin

MiB = 1 << 20
AS_LIMIT = 512 * MiB  # far less than any of the files


def asan():
    with open(ward_bin(), "rb") as f:
        return b"__asan_init" in f.read()


def scale(n):
    return n // 8 if asan() else n


@pytest.fixture
def bigdir():
    if not os.path.exists(ward_bin()):
        pytest.skip(f"no ward binary at {ward_bin()}")
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=base, prefix="ward-hostile-") as d:
        yield pathlib.Path(d)


def run_bounded(*args):
    """Run ward; return (exit code, stdout, stderr, peak RSS in bytes)."""
    def limit():
        if not asan():
            resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))

    with tempfile.TemporaryFile() as errf, \
            tempfile.NamedTemporaryFile() as rssf:
        p = subprocess.Popen(
            peak_rss_wrapped([ward_bin(), *args], rssf.name),
            stdout=subprocess.PIPE, stderr=errf, preexec_fn=limit)
        out = p.stdout.read()
        p.stdout.close()
        p.wait()
        errf.seek(0)
        err = errf.read().decode(errors="replace")
        rss = peak_rss_read(rssf.name)
    return p.returncode, out, err, rss


def check(code, out, err, rss, line, col, path):
    assert code == 0, err[-2000:]
    doc = json.loads(out)
    got = [(f["ruleId"], f["path"], f["line"], f["column"])
           for f in doc["secrets"]]
    # The secret follows " token = " on its line.
    assert got == [("github-token", path, line, col + len(" token = ") + 1)]
    assert doc["secretFilesSkipped"] == {"binary": 0, "tooLarge": 0}
    # A few MiB of buffers plus the rules; under ASan, shadow memory and
    # the allocator's quarantine on top.
    assert rss < (400 if asan() else 64) * MiB, rss


def scan_dir(d, name, size, shape):
    d.mkdir()
    newlines, col = hostile.write(shape, size, d / name)
    r = run_bounded("fs", "--scanners", "secret", "-f", "json", d)
    check(*r, newlines + 1, col, name)
    return newlines, col


def test_one_gigabyte_line(bigdir):
    """One line of 1 GB (base64-like noise, a keyword hit every few KiB),
    scanned as a directory and then as a layer (a rootfs tar)."""
    size = 1000 * 1000 * 1000  # the full size under ASan too
    newlines, col = scan_dir(bigdir / "d", "big.txt", size, "oneline")
    assert newlines == 0
    tar = bigdir / "rootfs.tar"
    with tarfile.open(tar, "w", format=tarfile.PAX_FORMAT) as t:
        t.add(bigdir / "d" / "big.txt", arcname="srv/big.txt")
    (bigdir / "d" / "big.txt").unlink()
    r = run_bounded("image", "--no-cache", "--scanners", "secret",
                    "-f", "json", tar)
    check(*r, 1, col, "srv/big.txt")


def test_ten_million_lines(bigdir):
    size = scale(110 * 1000 * 1000)
    newlines, _ = scan_dir(bigdir / "d", "lines.txt", size, "lines")
    assert newlines >= (10_000_000 if not asan() else 1_000_000)


def test_minified_javascript(bigdir):
    scan_dir(bigdir / "d", "app.min.js", scale(100 * MiB), "minjs")


def test_backtracking(bigdir):
    scan_dir(bigdir / "d", "bt.txt", scale(40 * MiB), "backtrack")


@pytest.mark.parametrize("delta", [-1, 0, 1])
def test_read_whole_limit(bigdir, delta):
    """SECRET_READ_WHOLE_MAX (32 MiB): a file one byte under it and one at
    it is read whole, one byte over it streamed; all three find the
    secret at its end, in a directory and in a layer."""
    body = 32 * MiB + delta - len(hostile.TAIL)
    d = bigdir / "d"
    d.mkdir()
    with open(d / "f.txt", "wb") as f:
        line = b"abcdefghij" * 99 + b"\n"  # 1000 bytes, no keyword
        for _ in range(body // len(line)):
            f.write(line)
        f.write(b"x" * (body % len(line)))
        f.write(hostile.TAIL.encode())
    assert (d / "f.txt").stat().st_size == 32 * MiB + delta
    want_line = body // len(line) + 1
    r = run_bounded("fs", "--scanners", "secret", "-f", "json", d)
    check(*r, want_line, body % len(line), "f.txt")
    tar = bigdir / "rootfs.tar"
    with tarfile.open(tar, "w") as t:
        t.add(d / "f.txt", arcname="f.txt")
    r = run_bounded("image", "--no-cache", "--scanners", "secret",
                    "-f", "json", tar)
    check(*r, want_line, body % len(line), "f.txt")
