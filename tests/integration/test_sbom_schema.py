"""ward's SBOMs against the real standards.

tests/sbom_sample (built with ward) writes a Debian, an Alpine and a RHEL
inventory, hostile package names included, as CycloneDX 1.5, SPDX 2.3 and
ward's JSON inventory. Here they are checked with the official schemas
(the CycloneDX ones from the npm package @cyclonedx/cyclonedx-library,
which scripts/deps installs under .cache/npm; SPDX's from
../shared/data/schemas) and with rules the schemas cannot express, each
derived from the specifications rather than from ward's own output: purls
parsed by the purl spec's algorithm, SPDX identifiers and license
expressions checked against the SPDX License List as CycloneDX ships it,
references that resolve, and the inventory's fields against
docs/inventory-json.md.
"""
import json
import os
import pathlib
import re
import subprocess
import urllib.parse
import warnings

import pytest

jsonschema = pytest.importorskip("jsonschema")

TOP = pathlib.Path(__file__).resolve().parents[2]
SHARED = TOP.parent / "shared"
BUILD = pathlib.Path(os.environ.get("WARD_BUILD", TOP / "build"))
CDX_DIR = (TOP / ".cache" / "npm" / "node_modules" / "@cyclonedx"
           / "cyclonedx-library" / "res" / "schema")
SPDX_SCHEMA = SHARED / "data" / "schemas" / "spdx-2.3.schema.json"
SAMPLES = ("debian", "alpine", "rhel")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
UUID4 = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# The purl spec's permitted characters in a canonical purl.
PURL_CHARS = re.compile(r"^[A-Za-z0-9.\-_~%:/@?=&#]+$")
SPDX_ID = re.compile(r"^SPDXRef-[A-Za-z0-9.\-]+$")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    exe = BUILD / "tests" / "sbom_sample"
    if not exe.exists():
        pytest.skip(f"no sbom_sample at {exe} (set WARD_BUILD)")
    d = tmp_path_factory.mktemp("sbom")
    subprocess.run([str(exe), str(d)], check=True, timeout=60)
    return d


def load(d, name, ext):
    return json.loads((d / f"{name}.{ext}").read_text(encoding="utf-8"))


def cdx_schemas():
    if not (CDX_DIR / "bom-1.5.SNAPSHOT.schema.json").exists():
        pytest.skip(f"no CycloneDX schemas under {CDX_DIR}: run "
                    "scripts/deps test (npm install "
                    "@cyclonedx/cyclonedx-library)")
    return {n: json.loads((CDX_DIR / n).read_text()) for n in (
        "bom-1.5.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json",
        "jsf-0.82.SNAPSHOT.schema.json")}


def no_fetch(uri):
    raise AssertionError(f"the schema wanted {uri}, which is not local")


def cdx_validator():
    s = cdx_schemas()
    bom = s["bom-1.5.SNAPSHOT.schema.json"]
    store = {}
    for name in ("spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"):
        # The BOM schema names its companions relative to its own $id.
        store[urllib.parse.urljoin(bom["$id"], name)] = s[name]
        store[s[name]["$id"]] = s[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver(bom["$id"], bom, store=store)
    resolver.resolve_remote = no_fetch
    cls = jsonschema.validators.validator_for(bom)
    cls.check_schema(bom)
    return cls(bom, resolver=resolver,
               format_checker=jsonschema.FormatChecker())


def spdx_known_ids():
    """License and exception identifiers on the SPDX License List."""
    return set(cdx_schemas()["spdx.SNAPSHOT.schema.json"]["enum"])


def spdx_known_ids_if_any():
    """The same, or None without the npm package (the identifier checks
    are then left to the runs that have it)."""
    try:
        return spdx_known_ids()
    except pytest.skip.Exception:
        return None


def known(ids, known_ids):
    return known_ids is None or set(ids) <= known_ids


def errors_of(validator, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in validator.iter_errors(doc)]


def parse_purl(s):
    """The purl spec's 'How to parse a purl string in its components'."""
    assert PURL_CHARS.match(s), s
    rest, _, subpath = s.partition("#")
    assert not subpath, s
    rest, sep, quals = rest.rpartition("?") if "?" in rest else (rest, "", "")
    qualifiers = []
    if sep:
        for pair in quals.split("&"):
            k, _, v = pair.partition("=")
            assert re.match(r"^[a-z][a-z0-9._-]*$", k), k
            qualifiers.append((k, urllib.parse.unquote_to_bytes(v)))
    scheme, _, rest = rest.partition(":")
    assert scheme == "pkg"
    typ, _, rest = rest.strip("/").partition("/")
    version = None
    if "@" in rest:
        rest, _, v = rest.rpartition("@")
        version = urllib.parse.unquote_to_bytes(v)
    ns, _, name = rest.rpartition("/")
    return {"type": typ,
            "namespace": [urllib.parse.unquote_to_bytes(x)
                          for x in ns.split("/") if x],
            "name": urllib.parse.unquote_to_bytes(name),
            "version": version, "qualifiers": qualifiers}


def as_json_text(b):
    """Bytes as ward's JSON writer shows them: each byte of an invalid
    UTF-8 sequence becomes U+FFFD (the samples have only lone bytes)."""
    return b.decode("utf-8", errors="replace")


def props(c):
    return {p["name"]: p["value"] for p in c.get("properties", [])}


def spdx_expr_ids(expr):
    """Identifiers in an SPDX license expression (Annex D), with the
    syntax checked on the way."""
    toks = re.findall(r"\(|\)|[^\s()]+", expr)
    ids, depth, want_operand = [], 0, True
    for i, t in enumerate(toks):
        if t == "(":
            assert want_operand, expr
            depth += 1
        elif t == ")":
            assert not want_operand and depth > 0, expr
            depth -= 1
        elif t in ("AND", "OR"):
            assert not want_operand, expr
            want_operand = True
        elif t == "WITH":
            assert not want_operand and toks[i - 1] not in "()", expr
            want_operand = True
        else:
            assert want_operand, expr
            ids.append(t[:-1] if t.endswith("+") and t[:-1] else t)
            want_operand = False
    assert depth == 0 and not want_operand, expr
    return ids


@pytest.mark.parametrize("name", SAMPLES)
def test_cyclonedx_schema(out, name):
    bom = load(out, name, "cdx.json")
    assert errors_of(cdx_validator(), bom) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_cyclonedx_references_and_purls(out, name):
    bom = load(out, name, "cdx.json")
    known_ids = spdx_known_ids_if_any()
    assert bom["specVersion"] == "1.5"
    assert UUID4.match(bom["serialNumber"].removeprefix("urn:uuid:"))
    assert TIMESTAMP.match(bom["metadata"]["timestamp"])
    refs = [bom["metadata"]["component"]["bom-ref"]]
    refs += [c["bom-ref"] for c in bom["components"]]
    assert len(refs) == len(set(refs)), "bom-refs must be unique"
    for dep in bom["dependencies"]:
        assert dep["ref"] in refs
        assert set(dep["dependsOn"]) <= set(refs)
    libs = [c for c in bom["components"] if c["type"] == "library"]
    assert len(libs) == len(load(out, name, "inventory.json")["packages"])
    for c in libs:
        p = parse_purl(c["purl"])
        pr = props(c)
        assert p["type"] == pr["ward:pkgType"]
        fold = p["type"] in ("deb", "apk")
        want = c["name"].lower() if fold else c["name"]
        assert as_json_text(p["name"]) == want
        version = c["version"]
        if p["type"] == "rpm" and int(pr.get("ward:epoch", "0")) > 0:
            version = version.split(":", 1)[1]
        assert as_json_text(p["version"]) == version
        keys = [k for k, _ in p["qualifiers"]]
        assert keys == sorted(keys), "qualifiers are sorted by key"
        if "ward:epoch" in pr:
            assert dict(p["qualifiers"])["epoch"] == pr["ward:epoch"].encode()
        for lic in c.get("licenses", []):
            if "expression" in lic:
                assert known(spdx_expr_ids(lic["expression"]), known_ids)


def test_known_purls(out):
    """purls worked out by hand from the purl spec and the deb, apk and
    rpm type definitions."""
    want = {
        # ':' stays, '+' is %2B (the deb type's own example).
        "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64"
        "&distro=debian-12",
        # Every separator in a name or version is percent-encoded.
        "pkg:deb/debian/odd%20name%401%2F2%3Fx%3Dy%26z%23w%25@2:1%202"
        "?arch=amd64&distro=debian-12",
        # Names are lower-cased for apk; '+' is %2B.
        "pkg:apk/alpine/mixed-case@1-r0?arch=noarch&distro=3.20.3",
        "pkg:apk/alpine/libstdc%2B%2B@13.2.1_git20240309-r0?arch=x86_64"
        "&distro=3.20.3",
        # rpm: rhel is "redhat", the epoch is a qualifier, keys sorted.
        "pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64"
        "&distro=redhat-9.2&epoch=1",
        "pkg:rpm/redhat/glibc@2.34-60.el9?arch=x86_64&distro=redhat-9.2"
        "&epoch=0",
        "pkg:rpm/redhat/NetworkManager@1.42.2-1.el9?arch=x86_64"
        "&distro=redhat-9.2&epoch=1",
        "pkg:rpm/redhat/gpg-pubkey@fd431d51-4ae0493b?distro=redhat-9.2",
    }
    got = set()
    for name in SAMPLES:
        got |= {c.get("purl") for c in load(out, name, "cdx.json")
                ["components"]}
    assert want <= got, want - got


@pytest.mark.parametrize("name", SAMPLES)
def test_spdx_schema(out, name):
    if not SPDX_SCHEMA.exists():
        pytest.skip("../shared is absent (a user's fresh clone)")
    schema = json.loads(SPDX_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    assert errors_of(v, load(out, name, "spdx.json")) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_spdx_identifiers_and_relationships(out, name):
    doc = load(out, name, "spdx.json")
    assert doc["spdxVersion"] == "SPDX-2.3"
    assert TIMESTAMP.match(doc["creationInfo"]["created"])
    assert doc["creationInfo"]["creators"][0].startswith("Tool: ward-")
    ns = urllib.parse.urlsplit(doc["documentNamespace"])
    assert ns.scheme == "https" and not ns.fragment
    assert UUID4.match(doc["documentNamespace"][-36:])
    ids = [p["SPDXID"] for p in doc["packages"]]
    assert all(SPDX_ID.match(i) for i in ids), ids
    assert len(ids) == len(set(ids))
    rels = doc["relationships"]
    described = [r["relatedSpdxElement"] for r in rels
                 if r["relationshipType"] == "DESCRIBES"]
    assert len(described) == 1
    root = described[0]
    contained = {r["relatedSpdxElement"] for r in rels
                 if r["relationshipType"] == "CONTAINS"
                 and r["spdxElementId"] == root}
    assert contained == set(ids) - {root}
    for r in rels:
        assert r["spdxElementId"] in ids + ["SPDXRef-DOCUMENT"]
        assert r["relatedSpdxElement"] in ids


@pytest.mark.parametrize("name", SAMPLES)
def test_spdx_licenses(out, name):
    doc = load(out, name, "spdx.json")
    known_ids = spdx_known_ids_if_any()
    refs = {e["licenseId"]: e["extractedText"]
            for e in doc.get("hasExtractedLicensingInfos", [])}
    for r in refs:
        assert re.match(r"^LicenseRef-[A-Za-z0-9.\-]+$", r), r
    used = set()
    for p in doc["packages"]:
        lic = p["licenseDeclared"]
        if lic in ("NOASSERTION", "NONE"):
            continue
        if lic.startswith("LicenseRef-"):
            assert lic in refs, lic
            used.add(lic)
            continue
        assert known(spdx_expr_ids(lic), known_ids), lic
    assert used == set(refs), "every LicenseRef is used and declared"


@pytest.mark.parametrize("name", SAMPLES)
def test_spdx_and_cyclonedx_agree(out, name):
    spdx = load(out, name, "spdx.json")
    bom = load(out, name, "cdx.json")
    spdx_purls = sorted(r["referenceLocator"] for p in spdx["packages"]
                        for r in p.get("externalRefs", []))
    cdx_purls = sorted(c["purl"] for c in bom["components"] if "purl" in c)
    assert spdx_purls == cdx_purls


def documented_fields():
    """The field names docs/inventory-json.md lists (in backticks)."""
    text = (TOP / "docs" / "inventory-json.md").read_text()
    return set(re.findall(r"`([A-Za-z]+)`", text))


def keys_of(o, acc):
    if isinstance(o, dict):
        for k, v in o.items():
            acc.add(k)
            keys_of(v, acc)
    elif isinstance(o, list):
        for v in o:
            keys_of(v, acc)
    return acc


@pytest.mark.parametrize("name", SAMPLES)
def test_inventory_json(out, name):
    inv = load(out, name, "inventory.json")
    bom = load(out, name, "cdx.json")
    assert inv["schemaVersion"] == 1
    undocumented = keys_of(inv, set()) - documented_fields()
    assert not undocumented, f"not in docs/inventory-json.md: {undocumented}"
    libs = [c for c in bom["components"] if c["type"] == "library"]
    assert [p.get("purl") for p in inv["packages"]] == \
        [c.get("purl") for c in libs]
    for p in inv["packages"]:
        if "layer" in p and p["layer"]["index"] < len(inv["layers"]):
            assert p["layer"].get("diffId") == \
                inv["layers"][p["layer"]["index"]].get("diffId")


def test_table_is_escaped(out):
    for name in SAMPLES:
        text = (out / f"{name}.table.txt").read_bytes()
        assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", text), name
        text.decode("utf-8")  # valid UTF-8: bad bytes are shown as \xHH
    assert b"evil\\x1b[2J\\x1b]0;pwned\\x07" in \
        (out / "debian.table.txt").read_bytes()


def test_spdx_license_table_is_on_the_list():
    """Every identifier ward treats as an SPDX license or exception is on
    the official SPDX License List."""
    known_ids = spdx_known_ids()
    src = (TOP / "src" / "report" / "write_spdx.c").read_text()
    for what in ("LICENSES", "EXCEPTIONS"):
        body = src.split(f"BEGIN SPDX {what} */")[1].split(
            f"/* END SPDX {what}")[0]
        ids = re.findall(r'"([^"]+)"', body)
        assert len(ids) > 10
        assert set(ids) <= known_ids, set(ids) - known_ids


@pytest.mark.parametrize("fmt", ("cyclonedx", "spdx-json"))
def test_sboms_of_a_secret_scan(tmp_path, fmt):
    """The real binary's SBOMs after a secret scan of a tree holding a
    dozen planted credentials (secretkit.py) still follow the official
    schemas, and hold no secret: CycloneDX lists the secrets as
    vulnerabilities (redacted), SPDX has no place for them."""
    import secretkit
    exe = pathlib.Path(os.environ.get("WARD_BIN", BUILD / "ward"))
    if not exe.exists():
        pytest.skip(f"no ward binary at {exe}")
    secretkit.plant(tmp_path / "tree")
    p = subprocess.run([str(exe), "fs", "--scanners", "secret", "-f", fmt,
                        str(tmp_path / "tree")], capture_output=True,
                       timeout=120,
                       env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert p.returncode == 0, p.stderr
    for s in secretkit.never_printed():
        assert s.encode() not in p.stdout
    doc = json.loads(p.stdout)
    if fmt == "cyclonedx":
        assert errors_of(cdx_validator(), doc) == []
        assert len(doc["vulnerabilities"]) >= 10
        return
    if not SPDX_SCHEMA.exists():
        pytest.skip("../shared is absent (a user's fresh clone)")
    schema = json.loads(SPDX_SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    assert errors_of(cls(schema, format_checker=jsonschema.FormatChecker()),
                     doc) == []
