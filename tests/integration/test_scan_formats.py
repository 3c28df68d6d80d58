"""ward's vulnerability reports against the standards that define them.

tests/scan_sample (built with ward) writes a hand-built scan of a Debian
12 image (OpenSSL and Go findings, one suppressed, one hidden by the
user's filters, hostile names and advisory text) in every format, plus a
clean scan and an inventory without a scan. Here:

- SARIF goes through Microsoft's SARIF multitool ("validate"), which
  scripts/deps installs under .cache/npm, and through the rules GitHub
  code scanning relies on; the fingerprints are recomputed from their
  definition in Python.
- CycloneDX is validated against the official 1.5 schema (from the npm
  package @cyclonedx/cyclonedx-library, as in test_sbom_schema.py).
- JUnit XML is parsed with xml.etree and checked for the structure CI
  tools read, with consistent counts.
- ward's JSON is validated against docs/scan-json.schema.json, as
  published and again with every object closed, so that no field goes
  undocumented; the real ward binary's JSON is checked the same way.

Expectations come from the sample's definition (tests/scan_sample.c),
written out again below, not from ward's output.
"""
import copy
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
import warnings
import xml.etree.ElementTree as ET

import pytest

import secretkit

jsonschema = pytest.importorskip("jsonschema")

TOP = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("WARD_BUILD", TOP / "build"))
NPM = TOP / ".cache" / "npm" / "node_modules"
MULTITOOL = NPM / ".bin" / "sarif-multitool"
CDX_DIR = NPM / "@cyclonedx" / "cyclonedx-library" / "res" / "schema"
SCHEMA = TOP / "docs" / "scan-json.schema.json"
SAMPLES = ("debian", "clean", "noscan")
SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN")

# The sample, as tests/scan_sample.c defines it (raw bytes).
TARGET = b"registry.example/app:1.4"
HOSTILE_DEB = b"evil]]></failure><x>\x01\x1b[31m"
HOSTILE_GO = b"example.com/\x1b]0;pwned\x07/mod"
PACKAGES = [  # name, version
    (b"libssl3", b"3.0.11-1~deb12u2"), (b"openssl", b"3.0.11-1~deb12u2"),
    (b"zlib1g", b"1:1.2.13.dfsg-1"), (b"libc6", b"2.36-9+deb12u4"),
    (HOSTILE_DEB, b"1.0\xff"), (b"example.com/app", b"(devel)"),
    (b"stdlib", b"v1.19.8"), (b"golang.org/x/net", b"v0.6.0"),
    (HOSTILE_GO, b"v1.0.0\xfe"),
]
# Findings the user sees: id, package, version compared, severity.
LISTED = [
    (b"CVE-2024-5535", b"libssl3", b"3.0.11-1~deb12u2", "CRITICAL"),
    (b"CVE-2024-5535", b"openssl", b"3.0.11-1~deb12u2", "CRITICAL"),
    (b"CVE-2099-0001", HOSTILE_DEB, b"1.0\xff", "HIGH"),
    (b"GO-2023-1571", b"golang.org/x/net", b"0.6.0", "HIGH"),
    (b"EVIL-\x1b[2J-1", HOSTILE_GO, b"1.0.0\xfe", "MEDIUM"),
    (b"CVE-2024-2511", b"libssl3", b"3.0.11-1~deb12u2", "LOW"),
    (b"GO-2023-1840", b"stdlib", b"1.19.8", "UNKNOWN"),
]
SUPPRESSED = [(b"CVE-2023-6129", b"libssl3")]
HIDDEN = "CVE-2023-45853"
KEV = {"CVE-2024-5535"}
UNFIXED = {"CVE-2024-2511"}


def text(b):
    """Bytes as ward's JSON writer shows them: each byte of an invalid
    UTF-8 sequence becomes U+FFFD (the sample has only lone bytes)."""
    return b.decode("utf-8", errors="replace")


def listed(name):
    return LISTED if name == "debian" else []


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    exe = BUILD / "tests" / "scan_sample"
    if not exe.exists():
        pytest.skip(f"no scan_sample at {exe} (set WARD_BUILD)")
    d = tmp_path_factory.mktemp("scan")
    subprocess.run([str(exe), str(d)], check=True, timeout=60)
    return d


def load(d, name, ext):
    return json.loads((d / f"{name}.{ext}").read_text(encoding="utf-8"))


# SARIF


def multitool_errors(path, tmp_path):
    """Problems the SARIF multitool reports: it exits 0 either way and
    prints one line per problem; "error JSON..." and "error SARIF..."
    are failures, warnings are advice."""
    res = tmp_path / (path.name + ".result.sarif")
    p = subprocess.run([str(MULTITOOL), "validate", str(path), "-o",
                        str(res), "--log", "ForceOverwrite"],
                       capture_output=True, text=True, timeout=300)
    lines = (p.stdout + p.stderr).splitlines()
    assert p.returncode == 0 and res.exists(), lines
    errors = [ln for ln in lines if re.search(r"\berror (JSON|SARIF)", ln)]
    logged = json.loads(res.read_text(encoding="utf-8-sig"))
    for run in logged.get("runs", []):
        for r in run.get("results", []):
            if r.get("level") == "error":
                errors.append(f"{r.get('ruleId')}: "
                              f"{r.get('message', {}).get('text', '')}")
    return errors


def need_multitool():
    if not MULTITOOL.exists():
        pytest.skip(f"no SARIF multitool at {MULTITOOL}: run scripts/deps "
                    "test (npm install @microsoft/sarif-multitool)")


@pytest.mark.parametrize("name", SAMPLES)
def test_sarif_validates(out, name, tmp_path):
    need_multitool()
    assert multitool_errors(out / f"{name}.sarif", tmp_path) == []


def test_sarif_validator_catches_errors(out, tmp_path):
    """The check above can fail: a log without a driver is reported."""
    need_multitool()
    log = load(out, "debian", "sarif")
    del log["runs"][0]["tool"]["driver"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    bad = tmp_path / "bad.sarif"
    bad.write_text(json.dumps(log))
    assert len(multitool_errors(bad, tmp_path)) >= 2


def fingerprint(vid, pkg, installed, target=TARGET):
    """'ward/v1' as scanreport.h defines it: SHA-256 over the advisory
    id, package name, installed version and target, each NUL-ended."""
    return hashlib.sha256(b"".join(
        x + b"\0" for x in (vid, pkg, installed, target))).hexdigest()


@pytest.mark.parametrize("name", SAMPLES)
def test_sarif_for_github(out, name):
    """What GitHub code scanning needs from a SARIF upload."""
    log = load(out, name, "sarif")
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ward" and driver["version"]
    rules, results = driver["rules"], run["results"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "one rule per advisory"
    assert set(ids) == {text(f[0]) for f in listed(name)}
    level = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning",
             "LOW": "note", "UNKNOWN": "note"}
    for rule in rules:
        sev = float(rule["properties"]["security-severity"])
        assert 0.0 <= sev <= 10.0
        tags = rule["properties"]["tags"]
        assert tags[:2] == ["vulnerability", "security"]
        assert rule["defaultConfiguration"]["level"] == level[tags[2]]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["shortDescription"]["text"]
        if "helpUri" in rule:
            u = urllib.parse.urlsplit(rule["helpUri"])
            assert u.scheme in ("http", "https") and u.netloc
    assert len(results) == len(listed(name))
    want = {fingerprint(i, p, v) for i, p, v, _ in listed(name)}
    got = set()
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not urllib.parse.urlsplit(uri).scheme, uri
        assert urllib.parse.quote(urllib.parse.unquote(uri), safe="/~") \
            == uri, "a percent-encoded relative reference"
        assert loc["region"]["startLine"] == 1
        assert res["message"]["text"].startswith("Package ")
        got.add(res["partialFingerprints"]["ward/v1"])
    assert got == want


def test_sarif_levels_and_messages(out):
    run = load(out, "debian", "sarif")["runs"][0]
    by = {(r["ruleId"], r["properties"].get("purl", "")): r
          for r in run["results"]}
    r = next(v for k, v in by.items()
             if k[0] == "CVE-2024-5535" and "/libssl3@" in k[1])
    assert r["level"] == "error"
    assert r["message"]["text"] == (
        "Package libssl3 version 3.0.11-1~deb12u2 is affected by "
        "CVE-2024-5535; fixed in 3.0.14-1~deb12u1")
    r = next(v for k, v in by.items() if k[0] == "CVE-2024-2511")
    assert r["level"] == "note"
    assert r["message"]["text"].endswith("; no fix is available")
    rule = next(x for x in run["tool"]["driver"]["rules"]
                if x["id"] == "CVE-2024-5535")
    assert rule["properties"]["security-severity"] == "9.1"
    # Hostile advisory text cannot open links, images or HTML.
    for x in run["tool"]["driver"]["rules"]:
        md = x["help"]["markdown"]
        assert not re.search(r"(?<!\\)[<\[]", re.sub(
            r"<https?://[^<>\s]+>", "", md)), md


def test_sarif_fingerprints_are_stable(out, tmp_path):
    exe = BUILD / "tests" / "scan_sample"
    subprocess.run([str(exe), str(tmp_path)], check=True, timeout=60)
    a = load(out, "debian", "sarif")["runs"][0]["results"]
    b = load(tmp_path, "debian", "sarif")["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in a] == \
        [r["partialFingerprints"] for r in b]


# CycloneDX


def cdx_validator():
    names = ("bom-1.5.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json",
             "jsf-0.82.SNAPSHOT.schema.json")
    if not (CDX_DIR / names[0]).exists():
        pytest.skip(f"no CycloneDX schemas under {CDX_DIR}: run "
                    "scripts/deps test (npm install "
                    "@cyclonedx/cyclonedx-library)")
    s = {n: json.loads((CDX_DIR / n).read_text()) for n in names}
    bom = s[names[0]]
    store = {}
    for n in names[1:]:
        store[urllib.parse.urljoin(bom["$id"], n)] = s[n]
        store[s[n]["$id"]] = s[n]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver(bom["$id"], bom, store=store)

    def no_fetch(uri):
        raise AssertionError(f"the schema wanted {uri}, which is not local")
    resolver.resolve_remote = no_fetch
    cls = jsonschema.validators.validator_for(bom)
    cls.check_schema(bom)
    return cls(bom, resolver=resolver,
               format_checker=jsonschema.FormatChecker())


def errors_of(validator, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in validator.iter_errors(doc)]


@pytest.mark.parametrize("name", SAMPLES)
def test_cyclonedx_schema(out, name):
    bom = load(out, name, "cdx.json")
    assert errors_of(cdx_validator(), bom) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_cyclonedx_vulnerabilities(out, name):
    bom = load(out, name, "cdx.json")
    if name == "noscan":
        assert "vulnerabilities" not in bom
        return
    comps = {c["bom-ref"]: c for c in bom["components"]}
    refs = list(comps) + [bom["metadata"]["component"]["bom-ref"]]
    vulns = bom["vulnerabilities"]
    refs += [v["bom-ref"] for v in vulns]
    assert len(refs) == len(set(refs)), "bom-refs are unique"
    got = []
    for v in vulns:
        [aff] = v["affects"]
        c = comps[aff["ref"]]
        got.append((v["id"], c["name"]))
        props = {p["name"]: p["value"] for p in v["properties"]}
        assert props["ward:kev"] == ("true" if v["id"] in KEV else "false")
        statuses = [x["status"] for x in aff["versions"]]
        assert statuses[0] == "affected"
        assert ("unaffected" in statuses) == (v["id"] not in UNFIXED)
        sev = v["ratings"][0]["severity"]
        assert sev == sev.lower()
        for a in v.get("advisories", []):
            assert urllib.parse.urlsplit(a["url"]).scheme in ("http",
                                                              "https")
    assert sorted(got) == sorted((text(i), text(p))
                                 for i, p, _, _ in listed(name))


# JUnit


def junit(out, name):
    return ET.parse(out / f"{name}.junit.xml").getroot()


@pytest.mark.parametrize("name", SAMPLES)
def test_junit_structure(out, name):
    """The shape Jenkins, GitLab and Azure read: <testsuites> of
    <testsuite> of <testcase classname name>, failing ones holding one
    <failure message type>, with counts that agree."""
    root = junit(out, name)
    assert root.tag == "testsuites" and root.get("name") == "ward"
    suites = list(root)
    assert [s.tag for s in suites] == ["testsuite"]
    total = failed = 0
    for s in suites:
        cases = list(s)
        assert all(c.tag == "testcase" for c in cases)
        fails = [c for c in cases if c.find("failure") is not None]
        assert int(s.get("tests")) == len(cases)
        assert int(s.get("failures")) == len(fails)
        assert int(s.get("errors")) == 0 and int(s.get("skipped")) == 0
        for c in cases:
            assert c.get("classname") and c.get("name")
            assert len(c.findall("failure")) <= 1
        for c in fails:
            f = c.find("failure")
            assert f.get("message") and f.get("type") in SEVERITIES
        total += len(cases)
        failed += len(fails)
    assert int(root.get("tests")) == total
    assert int(root.get("failures")) == failed


def xml_text(b):
    """What the JUnit writer makes of raw bytes: characters XML 1.0
    forbids, C1 controls, DEL and bytes that are not UTF-8 become
    U+FFFD."""
    s = b.decode("utf-8", errors="replace")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]",
                  "\ufffd", s)


@pytest.mark.parametrize("name", SAMPLES)
def test_junit_cases(out, name):
    [suite] = junit(out, name)
    assert suite.get("name") == xml_text(TARGET)
    cases = {c.get("name"): c for c in suite}
    assert set(cases) == {xml_text(n) + "@" + xml_text(v)
                          for n, v in PACKAGES}
    version = dict(PACKAGES)
    failing = {}
    for vid, pkg, _, sev in listed(name):
        failing.setdefault(xml_text(pkg) + "@" + xml_text(version[pkg]),
                           []).append((xml_text(vid), sev))
    for cname, c in cases.items():
        f = c.find("failure")
        assert (f is not None) == (cname in failing), cname
        if f is None:
            continue
        found = failing[cname]
        top = min(found, key=lambda x: SEVERITIES.index(x[1]))[1]
        assert f.get("type") == top
        assert f.get("message").startswith(f"{len(found)} vulnerabilit")
        for vid, _ in found:
            assert vid in f.text
    raw = (out / f"{name}.junit.xml").read_text(encoding="utf-8")
    for vid, _ in SUPPRESSED:
        assert text(vid) not in raw
    assert HIDDEN not in raw


# ward's JSON


def closed(schema):
    """The schema with every object type closed: a field the schema does
    not list becomes an error."""
    s = copy.deepcopy(schema)

    def walk(o):
        if isinstance(o, dict):
            if o.get("type") == "object" and "properties" in o:
                o.setdefault("additionalProperties", False)
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(s)
    return s


def json_validators():
    schema = json.loads(SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft202012Validator
    cls.check_schema(schema)
    fc = jsonschema.FormatChecker()
    return cls(schema, format_checker=fc), cls(closed(schema),
                                               format_checker=fc)


def check_report(doc):
    loose, strict = json_validators()
    assert errors_of(loose, doc) == []
    assert errors_of(strict, doc) == [], \
        "fields missing from docs/scan-json.schema.json"


@pytest.mark.parametrize("name", SAMPLES)
def test_json_schema(out, name):
    check_report(load(out, name, "json"))


def test_json_schema_rejects(out):
    """The schema is not vacuous: broken reports fail it."""
    loose, _ = json_validators()
    doc = load(out, "debian", "json")
    for mutate in (
            lambda d: d["vulnerabilities"][0].update(severity="SEVERE"),
            lambda d: d["vulnerabilities"][0].update(status="affected"),
            lambda d: d["vulnerabilities"][0].pop("kev"),
            lambda d: d.pop("summary"),
            lambda d: d["summary"].update(total=-1),
            lambda d: d.update(schemaVersion=2)):
        d = copy.deepcopy(doc)
        mutate(d)
        assert errors_of(loose, d), mutate


@pytest.mark.parametrize("name", SAMPLES)
def test_json_findings(out, name):
    doc = load(out, name, "json")
    assert doc["schemaVersion"] == 1
    if name == "noscan":
        assert not {"vulnerabilities", "summary", "database"} & set(doc)
        return
    vulns = doc["vulnerabilities"]
    shown = [v for v in vulns if "suppressed" not in v]
    supp = [v for v in vulns if "suppressed" in v]
    assert sorted((v["id"], v["package"]["name"]) for v in shown) == \
        sorted((text(i), text(p)) for i, p, _, _ in listed(name))
    want_supp = SUPPRESSED if name == "debian" else []
    assert sorted((v["id"], v["package"]["name"]) for v in supp) == \
        sorted((text(i), text(p)) for i, p in want_supp)
    assert all(v["suppressed"]["reason"] for v in supp)
    assert HIDDEN not in json.dumps(doc)
    ranks = [SEVERITIES.index(v["severity"]) for v in vulns]
    assert ranks == sorted(ranks), "sorted by severity"
    for v in vulns:
        assert (v["status"] == "fixed") == bool(v["fixed"])
        assert v["kev"] == (v["id"] in KEV)
        p = v["package"]
        layer = doc["layers"][p["layer"]["index"]]
        assert p["layer"].get("diffId") == layer.get("diffId")
        assert p in [{k: x[k] for k in p} for x in doc["packages"]
                     if set(p) <= set(x)], "the package is in 'packages'"
    s = doc["summary"]
    assert s["total"] == len(shown)
    assert s["suppressed"] == len(supp)
    assert s["knownExploited"] == sum(v["kev"] for v in shown)
    for sev in SEVERITIES:
        assert s[sev.lower()] == sum(v["severity"] == sev for v in shown)
    assert sum(s[x.lower()] for x in SEVERITIES) == s["total"]


def test_json_schema_is_documented():
    """Every field the schema lists is described in docs/scan-json.md."""
    schema = json.loads(SCHEMA.read_text())
    doc = (TOP / "docs" / "scan-json.md").read_text()
    described = set(re.findall(r"`([A-Za-z0-9]+)`", doc))
    for part in ("vulnerability", "summary", "secret"):
        assert set(schema["$defs"][part]["properties"]) <= described, part
    for key in ("database", "vulnerabilities", "summary", "secrets",
                "secretFilesSkipped"):
        assert key in described


def ward_bin():
    if os.environ.get("WARD_BIN"):
        return pathlib.Path(os.environ["WARD_BIN"])
    return BUILD / "ward"


def test_ward_json_validates(tmp_path):
    """The real binary's JSON (an inventory of a small Debian tree)
    follows the same schema."""
    exe = ward_bin()
    if not exe.exists():
        pytest.skip(f"no ward binary at {exe}")
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "var/lib/dpkg").mkdir(parents=True)
    (root / "etc/os-release").write_text(
        'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12"\n')
    (root / "var/lib/dpkg/status").write_text(
        "Package: libssl3\nStatus: install ok installed\n"
        "Architecture: amd64\nSource: openssl\n"
        "Version: 3.0.11-1~deb12u2\n\n")
    p = subprocess.run([str(exe), "fs", "--no-cache", "-f", "json",
                        str(root)], capture_output=True, timeout=120,
                       env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    check_report(doc)
    assert [x["name"] for x in doc["packages"]] == ["libssl3"]


# The table


@pytest.mark.parametrize("name", SAMPLES)
def test_table_is_escaped(out, name):
    plain = (out / f"{name}.table.txt").read_bytes()
    assert not re.search(rb"[\x00-\x09\x0b-\x1f\x7f]", plain)
    plain.decode("utf-8")
    colour = (out / f"{name}.color.txt").read_bytes()
    # Every escape is one of the writer's own SGR sequences.
    assert not re.search(rb"\x1b(?!\[[0-9;]*m)", colour)
    assert not re.search(rb"[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f]", colour)
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", colour) == plain


def test_table_rows_and_totals(out):
    table = (out / "debian.table.txt").read_text()
    doc = load(out, "debian", "json")
    s = doc["summary"]
    assert ("Total: {total} (CRITICAL: {critical}, HIGH: {high}, "
            "MEDIUM: {medium}, LOW: {low}, UNKNOWN: {unknown})  "
            "Suppressed: {suppressed}\n").format(**s) in table
    groups = re.split(r"\n\n", table.strip())
    rows = 0
    for g in groups[1:-1]:
        lines = g.splitlines()
        assert lines[1].split() == ["SEVERITY", "ID", "PACKAGE",
                                    "INSTALLED", "FIXED", "TITLE"]
        sev = [SEVERITIES.index(ln.split()[0]) for ln in lines[2:]]
        assert sev == sorted(sev), g
        title = lines[1].index("TITLE")
        for ln in lines[2:]:
            assert len(ln) - title <= 60, "titles are cut to 60 columns"
        rows += len(lines) - 2
    assert rows == s["total"]
    assert "[KEV]" in table and HIDDEN not in table
    assert "CVE-2023-6129" not in table


# Secrets in every format. A tree with a dozen planted credentials
# (secretkit.py) is scanned by the real binary in each format. Where each
# secret sits (line, column, counted from 1 in bytes, as SARIF's default
# and ward's JSON count) and its fingerprint (SHA-256 of the value) are
# computed here from the planted text, not taken from ward.

FORMATS = ("json", "table", "sarif", "cyclonedx", "junit", "spdx-json")


def planted_places():
    """(path, line, column, sha256) of each single-value secret."""

    files = {path: content for _, path, content, _, _ in secretkit.PLANTED
             if content is not None}
    places = []
    for _, path, _, _, value in secretkit.PLANTED:
        if value is None:
            continue
        for n, ln in enumerate(files[path].split("\n"), 1):
            col = ln.find(value)
            if col >= 0:
                places.append((path, n, col + 1, hashlib.sha256(
                    value.encode()).hexdigest()))
                break
        else:
            raise AssertionError(f"{value} not in {path}")
    return places


@pytest.fixture(scope="module")
def secret_outputs(tmp_path_factory):

    exe = ward_bin()
    if not exe.exists():
        pytest.skip(f"no ward binary at {exe}")
    d = tmp_path_factory.mktemp("secrets")
    secretkit.plant(d / "tree")
    outs = {}
    for fmt in FORMATS:
        p = subprocess.run([str(exe), "fs", "--scanners", "secret", "-f",
                            fmt, str(d / "tree")], capture_output=True,
                           timeout=120,
                           env={**os.environ, "XDG_CACHE_HOME": str(d)})
        assert p.returncode == 0, (fmt, p.stderr)
        outs[fmt] = p.stdout
    (d / "secrets.sarif").write_bytes(outs["sarif"])
    outs["dir"] = d
    return outs


@pytest.mark.parametrize("fmt", FORMATS)
def test_secrets_never_printed(secret_outputs, fmt):
    """No format carries a planted secret whole (nor, for private keys,
    any full line of the key's body)."""

    out = secret_outputs[fmt]
    leaked = [s for s in secretkit.never_printed() if s.encode() in out]
    assert leaked == []
    # JSON-escaped forms too ('/' as '\/', '+' as '\u002b').
    for s in secretkit.never_printed():
        assert json.dumps(s)[1:-1].encode() not in out


@pytest.mark.parametrize("fmt", ("json", "sarif", "cyclonedx", "junit"))
def test_secrets_fingerprinted(secret_outputs, fmt):
    """Each planted value is reported by its SHA-256, computed here."""
    out = secret_outputs[fmt].decode()
    missing = [p for p in planted_places() if p[3] not in out]
    assert missing == []


def test_secrets_redacted_everywhere(secret_outputs):
    """The JSON's redacted excerpt (which ends in the redaction mark and
    shows at most a few characters of the value) is what the table, SARIF,
    CycloneDX and JUnit show."""
    import xml.sax.saxutils as su
    doc = json.loads(secret_outputs["json"])
    assert doc["secrets"], "the planted secrets are found"
    for f in doc["secrets"]:
        assert "*****" in f["match"]
        m = f["match"]
        assert m.encode() in secret_outputs["table"] or \
            m.strip().encode() in secret_outputs["table"]
        assert json.dumps(m)[1:-1].encode() in secret_outputs["sarif"]
        assert json.dumps(m)[1:-1].encode() in secret_outputs["cyclonedx"]
        assert su.escape(m, {'"': "&quot;", "'": "&apos;"}).encode() in \
            secret_outputs["junit"]
    assert b"*****" not in secret_outputs["spdx-json"]


def test_secrets_cyclonedx(secret_outputs):
    """Secrets are CycloneDX vulnerabilities of the target: the official
    1.5 schema accepts the BOM, and each entry names its place."""
    bom = json.loads(secret_outputs["cyclonedx"])
    assert errors_of(cdx_validator(), bom) == []
    root = bom["metadata"]["component"]["bom-ref"]
    refs = [v["bom-ref"] for v in bom["vulnerabilities"]]
    assert len(refs) == len(set(refs))
    got = set()
    for v in bom["vulnerabilities"]:
        props = {p["name"]: p["value"] for p in v["properties"]}
        assert props["ward:class"] == "secret"
        assert v["affects"] == [{"ref": root}]
        assert v["cwes"] == [798]
        assert v["ratings"][0]["severity"] in ("low", "medium", "high",
                                               "critical")
        assert props["ward:fingerprint"].startswith("sha256:")
        got.add((props["ward:path"], int(props["ward:line"]),
                 int(props["ward:column"]), props["ward:fingerprint"][7:]))
    assert set(planted_places()) <= got


def test_secrets_sarif(secret_outputs, tmp_path):
    """One rule per rule id, every result pointing at its rule, with a
    region at the secret's line and column; the multitool accepts it."""
    run = json.loads(secret_outputs["sarif"])["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules))
    assert set(rules) == {r["ruleId"] for r in run["results"]}
    got = set()
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        reg = loc["region"]
        assert reg["startLine"] >= 1 and reg["startColumn"] >= 1
        got.add((urllib.parse.unquote(loc["artifactLocation"]["uri"]),
                 reg["startLine"], reg["startColumn"],
                 r["partialFingerprints"]["ward/secret/v1"]))
    assert set(planted_places()) <= got
    if MULTITOOL.exists():
        assert multitool_errors(secret_outputs["dir"] / "secrets.sarif",
                                tmp_path) == []


def test_secrets_junit(secret_outputs):
    """One failing test case per secret, with counts that agree."""
    root = ET.fromstring(secret_outputs["junit"])
    [suite] = list(root)
    cases = [c for c in suite if c.get("classname") == "secret"]
    doc = json.loads(secret_outputs["json"])
    assert len(cases) == len(doc["secrets"])
    assert all(c.find("failure") is not None for c in cases)
    assert int(suite.get("failures")) == len(cases)
    assert int(root.get("tests")) == int(suite.get("tests")) == len(list(suite))
    for c in cases:
        assert c.find("failure").get("type") in SEVERITIES
    names = {c.get("name") for c in cases}
    for path, line, col, _ in planted_places():
        assert any(n.endswith(f" at {path}:{line}:{col}") for n in names)


def test_secrets_json_validates(secret_outputs):
    check_report(json.loads(secret_outputs["json"]))
