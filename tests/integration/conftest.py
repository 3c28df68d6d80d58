"""Shared fixtures for the integration tests: they run the real ward
binary (WARD_BIN, default build/ward) as a user would, and check its
output against expectations derived independently of ward."""
import os
import pathlib
import subprocess

import pytest

TOP = pathlib.Path(__file__).resolve().parents[2]
SHARED = TOP.parent / "shared"


def ward_bin():
    return os.environ.get("WARD_BIN", str(TOP / "build" / "ward"))


def peak_rss_wrapped(cmd, rss_path):
    """'cmd' run under GNU time, which writes the command's own peak RSS
    (KiB) to 'rss_path'. wait4() on a child forked from pytest reports
    pytest's RSS as well: Linux keeps the forked image's high-water mark
    across exec, and a long pytest run holds tens of MB."""
    return ["/usr/bin/time", "-f", "%M", "-o", str(rss_path),
            *map(str, cmd)]


def peak_rss_read(rss_path):
    """Bytes, from the last word GNU time wrote (it may first write
    "Command exited with non-zero status N")."""
    return int(pathlib.Path(rss_path).read_text().split()[-1]) * 1024


class Result:
    def __init__(self, p):
        self.code = p.returncode
        self.out = p.stdout
        self.err = p.stderr

    def __repr__(self):
        return f"<exit {self.code}\nstdout: {self.out[:2000]!r}\nstderr: {self.err[:2000]!r}>"


def run_ward(*args, env=None, input=None, timeout=120, cwd=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    p = subprocess.run([ward_bin(), *map(str, args)], capture_output=True,
                       env=e, input=input, timeout=timeout, cwd=cwd)
    return Result(p)


@pytest.fixture
def ward():
    if not os.path.exists(ward_bin()):
        pytest.skip(f"no ward binary at {ward_bin()}")
    return run_ward


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's fresh clone)")
    return SHARED
