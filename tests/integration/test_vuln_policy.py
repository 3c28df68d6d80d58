"""Policy on real findings: severity filters, --ignore-unfixed, exit codes,
.wardignore (with expiry, package and path qualifiers, and strictness) and
OpenVEX; and ward sbom on ward's own SBOMs and on hand-written CycloneDX
and SPDX documents shaped like other tools' output. The findings come
from the Alpine 3.7.3 minirootfs and the v3.7 secdb: CVE-2019-14697 in
musl and musl-utils 1.1.18-r3, fixed in 1.1.18-r4."""
import json

import pytest

from conftest import SHARED
from test_vuln_match import db  # noqa: F401  (the session's database)

ALPINE = SHARED / "data" / "images" / "alpine-minirootfs-3.7.3-x86_64.tar.gz"
CVE = "CVE-2019-14697"


def scan(ward, db, *args, cwd=None):
    return ward("image", "--no-cache", "--db", db, *args, ALPINE, cwd=cwd)


def found(r):
    doc = json.loads(r.out)
    return sorted((v["id"], v["package"]["name"], bool(v.get("suppressed")))
                  for v in doc["vulnerabilities"])


def test_exit_code_and_severity_filter(ward, shared, db):
    r = scan(ward, db, "-f", "json", "--exit-code", "7")
    assert r.code == 7, r
    assert found(r) == [(CVE, "musl", False), (CVE, "musl-utils", False)]
    # The secdb gives no severity: UNKNOWN, so a HIGH,CRITICAL gate passes.
    r = scan(ward, db, "-f", "json", "--exit-code", "7", "--severity", "HIGH,CRITICAL")
    assert r.code == 0, r
    assert found(r) == []
    r = scan(ward, db, "-f", "json", "--exit-code", "7", "--severity", "UNKNOWN")
    assert r.code == 7
    # A fix exists, so --ignore-unfixed keeps it.
    r = scan(ward, db, "-f", "json", "--exit-code", "7", "--ignore-unfixed")
    assert r.code == 7


def test_ignore_file(ward, shared, db, tmp_path):
    ign = tmp_path / "ign"
    ign.write_text(f"# accepted until the base image moves\n{CVE} pkg:musl-utils  # only one\n")
    r = scan(ward, db, "-f", "json", "--exit-code", "5", "--ignorefile", ign)
    assert r.code == 5, r
    assert found(r) == [(CVE, "musl", False), (CVE, "musl-utils", True)]
    ign.write_text(f"{CVE}\n")
    r = scan(ward, db, "-f", "json", "--exit-code", "5", "--ignorefile", ign)
    assert r.code == 0, r
    # An expired entry no longer hides anything.
    ign.write_text(f"{CVE} exp:2020-01-01\n")
    r = scan(ward, db, "-f", "json", "--exit-code", "5", "--ignorefile", ign)
    assert r.code == 5
    # .wardignore in the working directory is read by default.
    (tmp_path / ".wardignore").write_text(f"{CVE} exp:2999-12-31\n")
    r = scan(ward, db, "-f", "json", "--exit-code", "5", cwd=tmp_path)
    assert r.code == 0, r


@pytest.mark.parametrize("line,needle", [
    (f"{CVE} until:2020-01-01", b"unknown qualifier 'until:2020-01-01'"),
    (f"{CVE} exp:2020-13-01", b"bad date"),
    ("vuln:CVE-1", b"not an advisory id"),
])
def test_ignore_file_is_strict(ward, shared, db, tmp_path, line, needle):
    ign = tmp_path / "ign"
    ign.write_text("# ok\n\n" + line + "\n")
    r = scan(ward, db, "--ignorefile", ign)
    assert r.code == 3, r
    assert needle in r.err and b"line 3" in r.err, r


def vex(statements):
    return json.dumps({"@context": "https://openvex.dev/ns/v0.2.0",
                       "@id": "https://example.com/vex/1", "author": "test",
                       "timestamp": "2026-01-01T00:00:00Z", "version": 1,
                       "statements": statements})


def test_openvex(ward, shared, db, tmp_path):
    f = tmp_path / "a.vex.json"
    f.write_text(vex([{"vulnerability": {"name": CVE},
                       "products": [{"@id": "pkg:apk/alpine/musl@1.1.18-r3"}],
                       "status": "not_affected",
                       "justification": "vulnerable_code_not_in_execute_path"}]))
    r = scan(ward, db, "-f", "json", "--vex", f)
    assert r.code == 0, r
    assert found(r) == [(CVE, "musl", True), (CVE, "musl-utils", False)]
    doc = json.loads(r.out)
    s = [v for v in doc["vulnerabilities"] if v.get("suppressed")][0]
    assert "not_affected" in json.dumps(s["suppressed"])
    # 'affected' and 'under_investigation' hide nothing; bad status: error.
    f.write_text(vex([{"vulnerability": {"name": CVE}, "status": "affected"}]))
    assert all(not x[2] for x in found(scan(ward, db, "-f", "json", "--vex", f)))
    f.write_text(vex([{"vulnerability": {"name": CVE}, "status": "fine"}]))
    r = scan(ward, db, "--vex", f)
    assert r.code == 3 and b"unknown status 'fine'" in r.err


def test_sbom_roundtrip(ward, shared, db, tmp_path):
    for fmt in ("cyclonedx", "spdx-json"):
        out = tmp_path / f"bom.{fmt}"
        r = ward("image", "--no-cache", "--scanners", "none", "-f", fmt, "-o", out, ALPINE)
        assert r.code == 0, r
        r = ward("sbom", "--db", db, "-f", "json", out)
        assert r.code == 0, r
        assert found(r) == [(CVE, "musl", False), (CVE, "musl-utils", False)], fmt


def test_sbom_from_other_tools(ward, shared, db, tmp_path):
    # Shaped like Trivy's CycloneDX (source name in a property) and a
    # minimal SPDX 2.3 document (purl in externalRefs).
    cdx = {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
           "components": [
               {"type": "operating-system", "name": "alpine", "version": "3.7.3"},
               {"type": "library", "name": "musl", "version": "1.1.18-r3",
                "purl": "pkg:apk/alpine/musl@1.1.18-r3?arch=x86_64&distro=3.7.3",
                "properties": [{"name": "aquasecurity:trivy:SrcName", "value": "musl"}]},
               {"type": "library", "name": "left-pad", "version": "1.0.0",
                "purl": "pkg:npm/left-pad@1.0.0"}]}
    p = tmp_path / "trivy.cdx.json"
    p.write_text(json.dumps(cdx))
    r = ward("sbom", "--db", db, "-f", "json", p)
    assert r.code == 0, r
    assert found(r) == [(CVE, "musl", False)]
    spdx = {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "x",
            "dataLicense": "CC0-1.0", "documentNamespace": "https://example.com/x",
            "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: x"]},
            "packages": [{"SPDXID": "SPDXRef-1", "name": "musl-utils",
                          "downloadLocation": "NOASSERTION",
                          "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER",
                                            "referenceType": "purl",
                                            "referenceLocator": "pkg:apk/alpine/musl-utils@1.1.18-r3?distro=3.7.3"}]}]}
    p = tmp_path / "x.spdx.json"
    p.write_text(json.dumps(spdx))
    r = ward("sbom", "--db", db, "-f", "json", p)
    assert r.code == 0, r
    # No source package in SPDX: the binary name stands in, and the secdb
    # lists the fix under the origin 'musl', so nothing matches here.
    assert found(r) == []
    p.write_text('{"not": "an sbom"}')
    r = ward("sbom", "--db", db, p)
    assert r.code == 3 and b"neither a CycloneDX nor an SPDX" in r.err
