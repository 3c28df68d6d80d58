"""The command line: help on every level, version, exit codes, output
files, colour rules and the escaping of hostile strings on stderr.
Expectations come from DESIGN.md's exit-code table and from the library
versions reported by the system's own tools (dpkg-query)."""
import json
import os
import pty
import re
import subprocess

import pytest

from conftest import TOP, ward_bin


def test_help_lists_working_verbs(ward):
    r = ward("--help")
    assert r.code == 0, r
    out = r.out.decode()
    assert out.startswith("Usage: ward")
    for verb in ("image", "fs", "config", "version"):
        assert re.search(rf"^  {verb} ", out, re.M), verb
    # Verbs that do not work yet are not advertised.
    for verb in ("host", "run", "oci"):
        assert not re.search(rf"^  {verb} ", out, re.M), verb


@pytest.mark.parametrize("args", [
    ["version", "--help"], ["help", "version"], ["version", "-h"],
    ["-v", "version", "--help"],
])
def test_help_on_every_level(ward, args):
    r = ward(*args)
    assert r.code == 0, r
    assert b"Usage: ward version" in r.out
    assert b"--format" in r.out


def test_no_verb_is_usage_error(ward):
    r = ward()
    assert r.code == 2, r
    assert b"Usage: ward" in r.err


@pytest.mark.parametrize("args,needle", [
    (["frobnicate"], b"unknown verb 'frobnicate'"),
    (["--bogus"], b"unknown option '--bogus'"),
    (["version", "--bogus"], b"bad option '--bogus'"),
    (["version", "extra"], b"unexpected argument 'extra'"),
    (["--format", "xml", "version"], b"unknown format 'xml'"),
    (["version", "--output"], b"version"),
    (["help", "nope"], b"unknown verb 'nope'"),
])
def test_usage_errors_exit_2(ward, args, needle):
    r = ward(*args)
    assert r.code == 2, r
    assert needle in r.err, r
    assert r.out == b""


def dpkg_version(pkg):
    p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                       capture_output=True, text=True)
    return p.stdout if p.returncode == 0 else None


def test_version_reports_linked_libraries(ward):
    r = ward("version", "--format", "json")
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert re.fullmatch(r"\d+\.\d+\.\d+", doc["version"])
    libs = doc["libraries"]
    for name in ("libarchive", "json-c", "libyaml", "sqlite", "openssl",
                 "libseccomp", "libcap", "zlib", "libzstd"):
        assert libs.get(name), name
    # Cross-check a few against what Debian says is installed.
    checks = {"sqlite": "libsqlite3-0", "libyaml": "libyaml-0-2",
              "json-c": "libjson-c5", "libseccomp": "libseccomp2"}
    for name, pkg in checks.items():
        v = dpkg_version(pkg)
        if v:
            upstream = v.split(":")[-1].split("-")[0].split("+")[0]
            assert libs[name].startswith(upstream) or upstream.startswith(libs[name]), (name, libs[name], v)


def test_version_text(ward):
    r = ward("version")
    assert r.code == 0, r
    assert r.out.startswith(b"ward ")
    r2 = ward("--version")
    assert r2.out == r.out


def test_output_file_written_whole(ward, tmp_path):
    out = tmp_path / "v.json"
    r = ward("version", "-f", "json", "-o", out)
    assert r.code == 0, r
    assert r.out == b""
    json.loads(out.read_text())
    assert [p.name for p in tmp_path.iterdir()] == ["v.json"]


def test_output_to_fifo_writes_in_place(ward, tmp_path):
    """-o naming a FIFO (or a device such as /dev/null) writes into it:
    renaming a temporary file over it would replace the node itself, and
    as root that turned /dev/null into a regular file."""
    import stat
    import threading
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(
        target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    r = ward("version", "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert r.code == 0, r
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["version"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_output_to_directory_is_refused(ward, tmp_path):
    r = ward("version", "-o", tmp_path)
    assert r.code != 0, r
    assert b"is a directory" in r.err
    assert list(tmp_path.iterdir()) == []


def test_output_into_missing_dir_leaves_nothing(ward, tmp_path):
    out = tmp_path / "missing" / "v.json"
    r = ward("version", "-o", out)
    assert r.code != 0, r
    assert b"cannot create" in r.err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_hostile_argument_is_escaped(ward):
    evil = "\x1b]0;owned\x07\x1b[2J\u009b31m"
    r = ward(evil)
    assert r.code == 2
    assert b"\x1b" not in r.err
    assert b"\xc2\x9b" not in r.err
    assert b"\\x1b]0;owned\\x07" in r.err


def run_on_tty(args, env_extra=None):
    """Run ward with stdout and stderr on a pseudo-terminal."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.update(env_extra or {})
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(ward_bin(), [ward_bin(), *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out


def test_colour_only_on_tty_and_never_with_no_color(ward):
    code, out = run_on_tty(["frobnicate"])
    assert code == 2
    assert b"\x1b[" in out  # coloured error prefix on a terminal
    code, out = run_on_tty(["frobnicate"], {"NO_COLOR": "1"})
    assert b"\x1b[" not in out
    code, out = run_on_tty(["--no-color", "frobnicate"])
    assert b"\x1b[" not in out
    r = ward("frobnicate")  # a pipe: no colour
    assert b"\x1b[" not in r.err


def test_quiet_silences_errors_but_not_exit_code(ward):
    r = ward("-q", "-q", "frobnicate")
    assert r.code == 2
    assert b"unknown verb" not in r.err


def test_banned_call_checker_catches_a_banned_call(tmp_path):
    # The checker itself must be able to fail: plant a banned call.
    (tmp_path / "src").mkdir()
    (tmp_path / "include").mkdir()
    (tmp_path / "src" / "bad.c").write_text(
        "int f(char *d, const char *s)\n{\n\tstrcpy(d, s);\n\treturn atoi(s);\n}\n")
    p = subprocess.run([str(TOP / "scripts" / "check-banned"), str(tmp_path)],
                       capture_output=True, text=True)
    assert p.returncode == 1
    assert "strcpy" in p.stdout and "atoi" in p.stdout
    p = subprocess.run([str(TOP / "scripts" / "check-banned"), str(TOP)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout


def test_bundled_short_option_names_the_bad_letter(ward):
    # getopt leaves "-xv" whole in argv; the message must name "-x".
    r = ward("image", "-xv", "target")
    assert r.code == 2, r
    assert b"bad option '-x'" in r.err
