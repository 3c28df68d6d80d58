"""`ward config` as a user runs it: inputs (files, directories, stdin),
options and exit codes, the four output formats, suppression, and
hostile input under a memory limit.

Expected findings here come from ward's framework rules, whose answers
follow from the input alone and are worked out by hand next to each
fixture: WARD-CONFIG-DUPKEY (a key repeated in one mapping, reported at
the second occurrence), WARD-CONFIG-SYNTAX (where the YAML 1.2 grammar
fails) and WARD-CONFIG-LIMIT. The check families have their own tests;
here they are only required not to disturb these: where a test needs
the framework's findings alone it narrows the run with --checks ecs,
which leaves the Kubernetes and Compose fixtures with no family but the
framework's own WARD-CONFIG-* rules. SARIF goes through
Microsoft's SARIF multitool as in test_scan_formats.py; JUnit is read
with xml.etree.
"""
import json
import os
import pathlib
import re
import resource
import subprocess
import xml.etree.ElementTree as ET

import pytest

from conftest import TOP, ward_bin

MULTITOOL = TOP / ".cache" / "npm" / "node_modules" / ".bin" / "sarif-multitool"
MEM_LIMIT = 1 << 30  # address space for hostile inputs: 1 GiB

# A Pod whose spec repeats hostPID (line 7 repeats line 6, column 3).
DUP_POD = """apiVersion: v1
kind: Pod
metadata:
  name: dup
  namespace: test
spec:
  hostPID: false
  hostPID: true
  containers: []
"""
DUP_LINE, DUP_COL, DUP_FIRST = 8, 3, 7
ONLY_CORE = ("--checks", "ecs")  # no ECS file here: framework rules only


def config_ids(doc, rule=None):
    return [f for f in doc["findings"] if rule is None or f["id"] == rule]


def sanitized():
    """AddressSanitizer reserves terabytes of address space for its
    shadow memory, so an address-space limit cannot apply to such a
    build; it checks memory errors instead."""
    try:
        with open(ward_bin(), "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def run(*args, input=None, cwd=None, limit=None, timeout=120):
    if limit and sanitized():
        limit = None

    def lim():
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    p = subprocess.run([ward_bin(), *map(str, args)], capture_output=True,
                       input=input, cwd=cwd, timeout=timeout,
                       preexec_fn=lim)
    return p


@pytest.fixture
def wardbin():
    if not os.path.exists(ward_bin()):
        pytest.skip(f"no ward binary at {ward_bin()}")


def jrun(*args, **kw):
    p = run("config", "-f", "json", *args, **kw)
    assert p.returncode in (0, 1), p
    return json.loads(p.stdout)


# ---- usage and exit codes ----

@pytest.mark.parametrize("args", [
    [],
    ["--pss-level", "strict", "."],
    ["--pss-version", "2.1", "."],
    ["--checks", "pss,nope", "."],
    ["--severity", "BAD", "."],
    ["--exit-code", "300", "."],
    ["--no-such-option", "."],
    ["-f", "cyclonedx", "."],
])
def test_usage_errors_exit_2(wardbin, args):
    p = run("config", *args)
    assert p.returncode == 2, p
    assert b"ward:" in p.stderr


def test_help(wardbin):
    p = run("config", "--help")
    assert p.returncode == 0
    for opt in (b"--pss-level", b"--pss-version", b"--checks",
                b"--exclude", b"--severity", b"--exit-code",
                b"--ignorefile", b"--list-checks"):
        assert opt in p.stdout
    assert b"config" in run("--help").stdout


def test_missing_input_exit_3(wardbin, tmp_path):
    p = run("config", tmp_path / "absent.yaml")
    assert p.returncode == 3
    assert b"absent.yaml" in p.stderr


def test_unreadable_input_exit_3(wardbin, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    f = tmp_path / "secret.yaml"
    f.write_text(DUP_POD)
    f.chmod(0)
    p = run("config", f)
    assert p.returncode == 3 and b"secret.yaml" in p.stderr


def test_list_checks(wardbin):
    p = run("config", "--list-checks")
    assert p.returncode == 0
    lines = p.stdout.decode().splitlines()
    ids = [ln.split()[0] for ln in lines]
    assert "WARD-CONFIG-SYNTAX" in ids and len(ids) == len(set(ids))
    for ln in lines:
        assert ln.split()[1] in ("CRITICAL", "HIGH", "MEDIUM", "LOW")
    js = json.loads(run("config", "--list-checks", "-f", "json").stdout)
    assert sorted(r["id"] for r in js) == sorted(ids)
    only = run("config", "--list-checks", "--checks", "ecs").stdout
    for ln in only.decode().splitlines():
        assert ln.startswith(("WARD-ECS-", "WARD-CONFIG-"))


def test_exit_code(wardbin, tmp_path):
    f = tmp_path / "pod.yaml"
    f.write_text(DUP_POD)
    c = ("config", "-f", "json", *ONLY_CORE)
    assert run(*c, f).returncode == 0
    assert run(*c, "--exit-code", f).returncode == 1
    assert run(*c, "--exit-code", "7", f).returncode == 7
    assert run(*c, "--exit-code=9", f).returncode == 9
    # Filtered out by --severity: nothing left, exit 0 (DUPKEY is MEDIUM).
    p = run(*c, "--exit-code", "--severity", "HIGH", f)
    assert p.returncode == 0
    assert json.loads(p.stdout)["findings"] == []
    # Every finding of the full run passes the filter it was given.
    p = run("config", "-f", "json", "--severity", "HIGH,CRITICAL", f)
    assert all(x["severity"] in ("HIGH", "CRITICAL")
               for x in json.loads(p.stdout)["findings"])


# ---- inputs ----

def test_stdin(wardbin):
    doc = jrun("-", input=DUP_POD.encode())
    f = config_ids(doc, "WARD-CONFIG-DUPKEY")
    assert len(f) == 1
    assert f[0]["file"] == "-" and f[0]["kind"] == "kubernetes"
    assert (f[0]["line"], f[0]["column"]) == (DUP_LINE, DUP_COL)
    assert f"line {DUP_FIRST}" in f[0]["message"]


def test_stdin_kinds(wardbin):
    # A Dockerfile on stdin is known by its first instruction (FROM),
    # Compose by its services mapping, ECS by containerDefinitions; Helm
    # values are nothing ward checks.
    cases = [(b"# build\nFROM alpine:3.20\nRUN true\n", "dockerfile"),
             (b"services:\n  web:\n    image: a\n    image: b\n",
              "compose"),
             (b'{"containerDefinitions": [], "a": 1, "a": 2}', "ecs"),
             (b"replicas: 3\n", None)]
    for text, kind in cases:
        doc = jrun("-", input=text)
        assert doc["summary"]["checked"] == (1 if kind else 0), text
        assert {f["kind"] for f in doc["findings"]} <= {kind}, text


def test_directory_walk(wardbin, tmp_path):
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "pod.yaml").write_text(DUP_POD)
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "pod.yaml").write_text(DUP_POD)
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "pod.yml").write_text(DUP_POD)
    (tmp_path / "notes.md").write_text(DUP_POD)
    outside = tmp_path.parent / (tmp_path.name + "-outside.yaml")
    outside.write_text(DUP_POD)
    (tmp_path / "link.yaml").symlink_to(outside)
    (tmp_path / "linkdir").symlink_to(tmp_path / "k8s")
    doc = jrun(tmp_path, "--exclude", "vendor")
    files = sorted(f["file"] for f in config_ids(doc, "WARD-CONFIG-DUPKEY"))
    assert files == [str(tmp_path / "k8s" / "pod.yaml")]
    # The symlinked file is not followed even when it holds a finding.
    outside.unlink()


def test_syntax_error_and_skip(wardbin, tmp_path):
    # Tab indentation (YAML 1.2, 6.1): fails at the tab, line 4 col 1.
    (tmp_path / "tab.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n")
    # Not configuration: a Helm values file is skipped silently.
    (tmp_path / "values.yaml").write_text("replicas: 3\nimage: nginx\n")
    doc = jrun(tmp_path)
    assert [(f["id"], f["line"], f["column"]) for f in doc["findings"]] == \
        [("WARD-CONFIG-SYNTAX", 4, 1)]
    assert doc["summary"]["files"] == 2


# ---- formats ----

@pytest.fixture
def two_files(tmp_path):
    (tmp_path / "a.yaml").write_text(DUP_POD)
    # Compose with a duplicate key: "image" at line 4 repeats line 3.
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: a\n    image: b\n")
    return tmp_path


def test_json_shape(wardbin, two_files):
    doc = jrun(two_files)
    assert doc["schemaVersion"] == 1 and doc["tool"]["name"] == "ward"
    keys = {"id", "severity", "title", "message", "remediation",
            "references", "kind", "file", "line", "column", "resource",
            "container", "suppressed"}
    dups = config_ids(doc, "WARD-CONFIG-DUPKEY")
    assert len(dups) == 2
    for f in doc["findings"]:
        assert set(f) == keys
        assert isinstance(f["references"], list)
    byfile = {pathlib.Path(f["file"]).name: f for f in dups}
    assert (byfile["a.yaml"]["line"], byfile["a.yaml"]["column"]) == (8, 3)
    assert byfile["compose.yaml"]["kind"] == "compose"
    assert (byfile["compose.yaml"]["line"],
            byfile["compose.yaml"]["column"]) == (4, 5)
    s = doc["summary"]
    assert s["findings"] == len([f for f in doc["findings"]
                                 if f["suppressed"] is None])


def multitool_errors(path, tmp_path):
    res = tmp_path / (path.name + ".result.sarif")
    p = subprocess.run([str(MULTITOOL), "validate", str(path), "-o",
                        str(res), "--log", "ForceOverwrite"],
                       capture_output=True, text=True, timeout=300)
    lines = (p.stdout + p.stderr).splitlines()
    assert p.returncode == 0 and res.exists(), lines
    errors = [ln for ln in lines if re.search(r"\berror (JSON|SARIF)", ln)]
    logged = json.loads(res.read_text(encoding="utf-8-sig"))
    for run_ in logged.get("runs", []):
        for r in run_.get("results", []):
            if r.get("level") == "error":
                errors.append(f"{r.get('ruleId')}: "
                              f"{r.get('message', {}).get('text', '')}")
    return errors


def test_sarif(wardbin, two_files, tmp_path):
    out = tmp_path / "out.sarif"
    p = run("config", "-f", "sarif", "-o", out, two_files)
    assert p.returncode == 0, p
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0"
    runs = log["runs"]
    rules = runs[0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert r["help"]["text"]
    results = runs[0]["results"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    regions = sorted(
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
         .rsplit("/", 1)[-1],
         r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in results if r["ruleId"] == "WARD-CONFIG-DUPKEY")
    assert regions == [("a.yaml", 8, 3), ("compose.yaml", 4, 5)]
    if not MULTITOOL.exists():
        pytest.skip(f"no SARIF multitool at {MULTITOOL}")
    assert multitool_errors(out, tmp_path) == []


def test_junit(wardbin, two_files):
    p = run("config", "-f", "junit", two_files)
    assert p.returncode == 0
    root = ET.fromstring(p.stdout)
    suites = root.findall("testsuite")
    names = sorted(pathlib.Path(s.get("name")).name for s in suites)
    assert names == ["a.yaml", "compose.yaml"]
    n = sum(len(s.findall("testcase")) for s in suites)
    assert int(root.get("tests")) == n == int(root.get("failures"))
    for s in suites:
        for c in s.findall("testcase"):
            assert c.find("failure") is not None


def test_table(wardbin, two_files):
    p = run("config", "-f", "table", *ONLY_CORE, two_files)
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "a.yaml (kubernetes)" in out
    assert re.search(r"^8:3\s+MEDIUM\s+WARD-CONFIG-DUPKEY", out, re.M)
    assert "Findings: 2" in out


def test_hostile_names_escaped(wardbin, tmp_path):
    bad = tmp_path / "evil\x1b[31m.yaml"
    bad.write_text(DUP_POD)
    for fmt in ("table", "json", "sarif", "junit"):
        p = run("config", "-f", fmt, tmp_path)
        assert p.returncode == 0
        assert b"\x1b" not in p.stdout, fmt
    ET.fromstring(run("config", "-f", "junit", tmp_path).stdout)


# ---- suppression ----

def test_wardignore(wardbin, two_files, tmp_path):
    ign = tmp_path / "ign"
    ign.write_text(f"WARD-CONFIG-DUPKEY path:{two_files / 'a.yaml'}\n")
    doc = jrun(two_files, "--ignorefile", ign)
    sup = {pathlib.Path(f["file"]).name: f["suppressed"]
           for f in config_ids(doc, "WARD-CONFIG-DUPKEY")}
    assert sup["a.yaml"] == {"reason": ".wardignore"}
    assert sup["compose.yaml"] is None
    # Default ./.wardignore in the working directory, by id alone.
    (tmp_path / ".wardignore").write_text("WARD-CONFIG-DUPKEY\n")
    p = run("config", "-f", "json", "--exit-code", *ONLY_CORE, two_files,
            cwd=tmp_path)
    assert p.returncode == 0
    assert all(f["suppressed"] for f in json.loads(p.stdout)["findings"])
    # A broken ignore file is an input error naming it.
    ign.write_text("CVE-1 bogus:qualifier\n")
    p = run("config", "--ignorefile", ign, two_files)
    assert p.returncode == 3 and b"ign" in p.stderr


def test_comment_and_annotation(wardbin, tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: a\n"
        "    # ward:ignore WARD-CONFIG-DUPKEY reviewed\n    image: b\n")
    (tmp_path / "pod.yaml").write_text(DUP_POD.replace(
        "  namespace: test\n",
        "  namespace: test\n  annotations:\n"
        "    ward.dev/ignore: WARD-CONFIG-DUPKEY\n"))
    doc = jrun(tmp_path)
    d = {pathlib.Path(f["file"]).name: f
         for f in config_ids(doc, "WARD-CONFIG-DUPKEY")}
    assert d["compose.yaml"]["suppressed"] == {"reason": "comment ward:ignore"}
    # The annotation applies to findings of the object's checks; the
    # duplicate key is found while reading the file, before any object
    # exists, so it is not covered by it.
    assert d["pod.yaml"]["suppressed"] is None


# ---- hostile input, under a 1 GiB address-space limit ----

def hostile(tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    p = run("config", "-f", "json", f, limit=MEM_LIMIT, timeout=120)
    assert p.returncode in (0, 1), p
    assert p.returncode >= 0  # no signal
    return json.loads(p.stdout)


def test_alias_bomb(wardbin, tmp_path):
    s = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
    prev = "a"
    for k in "bcdefghijk":
        s += f"{k}: &{k} [" + ",".join([f"*{prev}"] * 10) + "]\n"
        prev = k
    doc = hostile(tmp_path, "bomb.yaml", s.encode())
    assert [f["id"] for f in doc["findings"]] == ["WARD-CONFIG-LIMIT"]


def test_ten_megabyte_document(wardbin, tmp_path):
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:",
             "  name: big", "data:"]
    size, i = 0, 0
    while size < 10 << 20:
        ln = f"  key{i}: value-{i}-abcdefghij"
        lines.append(ln)
        size += len(ln) + 1
        i += 1
    doc = hostile(tmp_path, "big.yaml", ("\n".join(lines) + "\n").encode())
    assert doc["summary"]["checked"] == 1
    assert [f for f in doc["findings"]
            if f["id"].startswith("WARD-CONFIG")] == []


def test_node_limit(wardbin, tmp_path):
    # 5M one-character items in a flow sequence: over YAML_NODES_MAX.
    doc = hostile(tmp_path, "flow.yaml",
                  b"[" + b",".join([b"1"] * (5 << 20)) + b"]\n")
    assert [f["id"] for f in doc["findings"]] == ["WARD-CONFIG-LIMIT"]


def test_invalid_utf8(wardbin, tmp_path):
    # 0xFF cannot start a UTF-8 sequence: line 4, column 9.
    doc = hostile(tmp_path, "u.yaml",
                  b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: \xff\n")
    assert [(f["id"], f["line"], f["column"]) for f in doc["findings"]] == \
        [("WARD-CONFIG-SYNTAX", 4, 9)]


def test_nested_lists(wardbin, tmp_path):
    d = "{apiVersion: v1, kind: Pod, metadata: {name: p}}"
    for _ in range(50):
        d = "{apiVersion: v1, kind: List, items: [" + d + "]}"
    doc = hostile(tmp_path, "l.yaml", d.encode())
    assert [f["id"] for f in doc["findings"]] == ["WARD-CONFIG-LIMIT"]
    assert "nested" in doc["findings"][0]["message"]


def test_deep_nesting(wardbin, tmp_path):
    doc = hostile(tmp_path, "deep.yaml", b"[" * 100000 + b"]" * 100000)
    assert [f["id"] for f in doc["findings"]] == ["WARD-CONFIG-LIMIT"]


def test_dockerfile_continuations(wardbin, tmp_path):
    body = b"FROM alpine:3.20\nRUN true" + b" \\\n  && true" * 100000 + b"\n"
    doc = hostile(tmp_path, "Dockerfile", body)
    assert doc["summary"]["checked"] == 1


def test_binary_junk(wardbin, tmp_path):
    doc = hostile(tmp_path, "junk.json", bytes(range(256)) * 64)
    assert [f["id"] for f in doc["findings"]] == ["WARD-CONFIG-SYNTAX"]
