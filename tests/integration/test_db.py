"""'ward db build|update|info' on the real advisory data in ../shared and
on tests/integration/data/debian-tracker-sample.json.

The expected counts are computed here, independently of ward: the OSV
records are counted with Python's zipfile and json (every *.json entry,
minus the withdrawn ones), the Alpine secdb (package, fixed version, id)
triples with the id rule that docs/vulndb.md states, and KEV by its
distinct cveIDs. 'db update' runs against an HTTP server this test starts
on 127.0.0.1, serving the same files in the bucket layout; then the
failures a download can meet (the server dying mid-transfer, a truncated
zip, a corrupt record inside a zip, a 404, a refused connection) must each
give a clear message, and the previous database must still answer."""
import http.server
import io
import json
import os
import pathlib
import re
import shutil
import socket
import threading
import time
import zipfile

import pytest

from conftest import TOP

SAMPLE = TOP / "tests" / "integration" / "data" / "debian-tracker-sample.json"
ECOSYSTEMS = ("Go", "PyPI", "crates.io")
# No proxy for the local server, whatever the environment says.
NOPROXY = {"no_proxy": "*", "NO_PROXY": "*", "http_proxy": "",
           "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": ""}

ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9][A-Za-z0-9._:-]*\Z")
DEBIAN_RELEASES = {"jessie": 8, "stretch": 9, "buster": 10, "bullseye": 11,
                   "bookworm": 12, "trixie": 13, "forky": 14, "duke": 15}


def vulndb(shared):
    d = shared / "data" / "vulndb"
    if not (d / "osv").is_dir():
        pytest.skip("../shared/data/vulndb is absent")
    return d


# Independent expectations.

def osv_expect(zpath):
    """(records, withdrawn, ids, affected rows) of one all.zip."""
    records = withdrawn = rows = 0
    ids = set()
    with zipfile.ZipFile(zpath) as z:
        for name in z.namelist():
            if not name.endswith(".json"):
                continue
            rec = json.loads(z.read(name))
            if rec.get("withdrawn"):
                withdrawn += 1
                continue
            records += 1
            ids.add(rec["id"])
            for a in rec.get("affected", []):
                usable = [r for r in a.get("ranges", [])
                          if r["type"] in ("ECOSYSTEM", "SEMVER")]
                if "package" in a and (usable or a.get("versions")):
                    rows += 1
    return records, withdrawn, ids, rows


def secdb_ids(entry):
    """docs/vulndb.md: split on blanks, stop at a '(' remark, read
    'CVE_Y-N' and 'CVE Y-N' as CVE-Y-N, drop '.patch', keep id shapes."""
    toks, out, dropped, i = entry.split(), [], 0, 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("("):
            break
        if (t == "CVE" and i + 1 < len(toks)
                and re.fullmatch(r"\d{4}-\d+", toks[i + 1])):
            t = "CVE-" + toks[i + 1]
            i += 1
        elif t.startswith("CVE_"):
            t = "CVE-" + t[4:]
        if t.endswith(".patch"):
            t = t[:-6]
        if ID_RE.match(t) and len(t) <= 128:
            out.append(t)
        else:
            dropped += 1
        i += 1
    return out, dropped


def secdb_expect(root):
    triples, excluded, ignored, ids = set(), 0, 0, set()
    for f in sorted(root.glob("v*/*.json")):
        doc = json.loads(f.read_text())
        branch = doc["distroversion"]
        for p in doc["packages"] or []:
            name = p["pkg"]["name"]
            for fixed, entries in (p["pkg"].get("secfixes") or {}).items():
                for e in entries or []:
                    got, dropped = secdb_ids(e)
                    ignored += dropped
                    if fixed == "0":
                        excluded += len(got)
                        continue
                    for i in got:
                        triples.add((branch, f.name, name, fixed, i))
                        ids.add(i)
    return len(triples), excluded, ignored, ids


def kev_expect(path):
    doc = json.loads(path.read_text())
    return len({v["cveID"] for v in doc["vulnerabilities"]})


def debian_expect(path):
    rows = excluded = 0
    for pkg, issues in json.loads(path.read_text()).items():
        for cve, issue in issues.items():
            for rel, st in issue.get("releases", {}).items():
                fixed = st.get("fixed_version")
                if rel not in DEBIAN_RELEASES or fixed in ("0",
                                                           "<not-affected>"):
                    excluded += 1
                else:
                    rows += 1
    return rows, excluded


def expected(d, with_debian=False):
    """{source: (records, skipped, excluded)}, vulns, affected."""
    exp, ids, affected = {}, set(), 0
    for eco in ECOSYSTEMS:
        rec, wd, eco_ids, rows = osv_expect(d / "osv" / eco / "all.zip")
        exp[f"osv/{eco}"] = (rec, 0, wd)
        ids |= eco_ids
        affected += rows
    rows, excl, _, sids = secdb_expect(d / "alpine-secdb")
    exp["alpine-secdb"] = (rows, 0, excl)
    affected += rows
    ids |= sids
    if with_debian:
        rows, excl = debian_expect(SAMPLE)
        exp["debian"] = (rows, 0, excl)
        affected += rows
        ids |= {c for issues in json.loads(SAMPLE.read_text()).values()
                for c in issues}
    exp["kev"] = (kev_expect(d / "kev" /
                             "known_exploited_vulnerabilities.json"), 0, 0)
    return exp, len(ids), affected


def info(ward, db):
    r = ward("db", "info", "--db", db, "-f", "json")
    assert r.code == 0, r
    return json.loads(r.out)


def check_counts(doc, exp, vulns, affected):
    got = {s["name"]: (s["records"], s["skipped"], s["excluded"])
           for s in doc["sources"]}
    assert got == exp
    assert doc["vulns"] == vulns
    assert doc["affected"] == affected
    assert doc["schema_version"] == 1


# build

def test_build_from_shared_imports_every_record(ward, shared, tmp_path):
    d = vulndb(shared)
    db = tmp_path / "ward.db"
    t0 = time.monotonic()
    r = ward("db", "build", "--from", d, "-o", db, timeout=300)
    took = time.monotonic() - t0
    assert r.code == 0, r
    exp, vulns, affected = expected(d)
    check_counts(info(ward, db), exp, vulns, affected)
    # The counts are printed per source on stderr, too.
    for name, (records, skipped, excluded) in exp.items():
        assert (f"db: {name}: {records} records, {skipped} skipped, "
                f"{excluded} excluded").encode() in r.err, r
    size = db.stat().st_size
    print(f"build from ../shared: {took:.2f} s, {size / 1e6:.1f} MB")
    assert size < 50e6
    assert not [p for p in tmp_path.iterdir() if ".tmp." in p.name]


def test_build_with_debian_tracker_and_cache_dir(ward, shared, tmp_path):
    d = vulndb(shared)
    mirror = tmp_path / "mirror"
    shutil.copytree(d, mirror, symlinks=True)
    (mirror / "debian").mkdir()
    shutil.copy(SAMPLE, mirror / "debian" / "tracker.json")
    cache = tmp_path / "cache"
    r = ward("--cache-dir", cache, "db", "build", "--from", mirror)
    assert r.code == 0, r
    db = cache / "db" / "ward.db"
    exp, vulns, affected = expected(d, with_debian=True)
    check_counts(info(ward, db), exp, vulns, affected)
    # The default path: XDG_CACHE_HOME/ward/db/ward.db.
    r = ward("db", "info", "-f", "json",
             env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert r.code == 3 and b"no database at" in r.err, r
    (tmp_path / "xdg" / "ward" / "db").mkdir(parents=True)
    shutil.copy(db, tmp_path / "xdg" / "ward" / "db" / "ward.db")
    r = ward("db", "info", "-f", "json",
             env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert r.code == 0, r


def test_info_table_and_max_age(ward, shared, tmp_path):
    d = vulndb(shared)
    db = tmp_path / "ward.db"
    assert ward("db", "build", "--from", d, "-o", db).code == 0
    r = ward("db", "info", "--db", db, "-f", "table")
    assert r.code == 0, r
    out = r.out.decode()
    assert "osv/Go" in out and "alpine-secdb" in out and "kev" in out
    assert b"warning" not in r.err
    # Make it look 30 days old: built_at is the clock, not the mtime.
    import sqlite3
    c = sqlite3.connect(db)
    c.execute("UPDATE meta SET value = '2000-01-01T00:00:00Z' "
              "WHERE key = 'built_at'")
    c.commit()
    c.close()
    r = ward("db", "info", "--db", db, "-f", "json")
    assert r.code == 0, r
    assert b"run 'ward db update'" in r.err, r
    assert json.loads(r.out)["stale"] is True
    r = ward("db", "info", "--db", db, "-f", "json", "--max-age", "0")
    assert b"warning" not in r.err, r


def test_build_failures_keep_the_old_database(ward, shared, tmp_path):
    d = vulndb(shared)
    db = tmp_path / "ward.db"
    assert ward("db", "build", "--from", d, "-o", db).code == 0
    before = info(ward, db)
    mirror = tmp_path / "m"
    (mirror / "osv" / "Go").mkdir(parents=True)
    data = (d / "osv" / "Go" / "all.zip").read_bytes()
    (mirror / "osv" / "Go" / "all.zip").write_bytes(data[:len(data) // 2])
    r = ward("db", "build", "--from", mirror, "-o", db)
    assert r.code == 3, r
    assert b"osv/Go" in r.err and b"truncated zip" in r.err, r
    assert b"previous database" in r.err
    assert info(ward, db) == before
    r = ward("db", "build", "--from", tmp_path / "empty", "-o", db)
    assert r.code == 3 and b"empty" in r.err, r
    (tmp_path / "empty").mkdir()
    r = ward("db", "build", "--from", tmp_path / "empty", "-o", db)
    assert r.code == 3 and b"no sources" in r.err, r
    assert info(ward, db) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp." in p.name]


@pytest.mark.parametrize("args,needle", [
    (["db"], b"expected build, update or info"),
    (["db", "frob"], b"unknown subcommand 'frob'"),
    (["db", "build"], b"build needs --from DIR"),
    (["db", "info", "--from", "x"], b"--from is for 'db build'"),
    (["db", "info", "--url-osv", "x"], b"are for 'db update'"),
    (["db", "update", "--sources", "bogus"], b"unknown source 'bogus'"),
    (["db", "info", "--max-age", "soon"], b"--max-age wants"),
])
def test_usage_errors(ward, args, needle):
    r = ward(*args)
    assert r.code == 2, r
    assert needle in r.err, r


def test_help(ward):
    r = ward("db", "--help")
    assert r.code == 0, r
    for s in (b"debian/tracker.json", b"alpine-secdb/v3.X",
              b"osv/<Ecosystem>/all.zip", b"--url-osv", b"--max-age"):
        assert s in r.out, s


# update, against a local server

class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the bucket layout; 'mode' on the server injects faults."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        mode = self.server.mode
        if mode == "cut" and self.path.endswith("/Go/all.zip"):
            body = (pathlib.Path(self.directory) /
                    "osv/Go/all.zip").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if mode == "404" and self.path.endswith("/v3.7/community.json"):
            self.send_error(404)
            return
        super().do_GET()


@pytest.fixture
def server(shared, tmp_path):
    d = vulndb(shared)
    root = tmp_path / "www"
    for eco in ECOSYSTEMS:
        (root / "osv" / eco).mkdir(parents=True)
        shutil.copy(d / "osv" / eco / "all.zip", root / "osv" / eco)
    shutil.copytree(d / "alpine-secdb", root / "secdb")
    shutil.copy(d / "kev" / "known_exploited_vulnerabilities.json",
                root / "kev.json")
    shutil.copy(SAMPLE, root / "tracker.json")

    def handler(*a, **kw):
        return Handler(*a, directory=str(root), **kw)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.mode = None
    httpd.root = root
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def update(ward, server, db, *extra):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    branches = ",".join(sorted(p.name for p in
                               (server.root / "secdb").iterdir()))
    return ward("db", "update", "--db", db,
                "--url-osv", f"{base}/osv", "--ecosystems",
                ",".join(ECOSYSTEMS), "--url-secdb", f"{base}/secdb",
                "--secdb-branches", branches,
                "--url-kev", f"{base}/kev.json",
                "--url-debian", f"{base}/tracker.json", "--timeout", "10",
                *extra, env=NOPROXY, timeout=300)


def leftovers(db):
    return [p.name for p in db.parent.iterdir()
            if ".tmp." in p.name or ".update." in p.name]


def test_update_from_local_server(ward, shared, server, tmp_path):
    d = vulndb(shared)
    db = tmp_path / "db" / "ward.db"
    r = update(ward, server, db, "-v")
    assert r.code == 0, r
    assert b"downloading http://127.0.0.1" in r.err, r
    exp, vulns, affected = expected(d, with_debian=True)
    doc = info(ward, db)
    check_counts(doc, exp, vulns, affected)
    origins = {s["name"]: s["origin"] for s in doc["sources"]}
    port = server.server_address[1]
    assert origins["osv/Go"] == f"http://127.0.0.1:{port}/osv/Go/all.zip"
    assert origins["debian"] == f"http://127.0.0.1:{port}/tracker.json"
    assert leftovers(db) == []


def corrupt_one_record(path):
    """Replace one record of a zip with garbage; returns its name."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    victim = next(n for n, data in items if n.endswith(".json")
                  and not json.loads(data).get("withdrawn"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items:
            z.writestr(n, b"\x00{garbage" if n == victim else data)
    path.write_bytes(buf.getvalue())
    return victim


def test_update_failures_keep_the_old_database(ward, shared, server,
                                               tmp_path):
    d = vulndb(shared)
    db = tmp_path / "db" / "ward.db"
    assert update(ward, server, db).code == 0
    before = info(ward, db)
    time.sleep(1.1)  # a replacement would show a new built_at
    port = server.server_address[1]
    go_url = f"http://127.0.0.1:{port}/osv/Go/all.zip"

    # (a) The server dies mid-transfer (Content-Length, half the body).
    server.mode = "cut"
    r = update(ward, server, db)
    assert r.code == 3, r
    assert go_url.encode() in r.err and b"ended early" in r.err, r
    assert info(ward, db) == before
    server.mode = None

    # (b) A truncated zip, served whole: the download succeeds, the zip
    # does not.
    z = server.root / "osv" / "Go" / "all.zip"
    good = z.read_bytes()
    z.write_bytes(good[:len(good) - 1000])
    r = update(ward, server, db)
    assert r.code == 3, r
    assert go_url.encode() in r.err and b"truncated zip" in r.err, r
    assert info(ward, db) == before

    # (d) A 404 for one source.
    server.mode = "404"
    z.write_bytes(good)
    r = update(ward, server, db)
    assert r.code == 3, r
    assert (f"http://127.0.0.1:{port}/secdb/v3.7/community.json: HTTP 404"
            .encode()) in r.err, r
    assert info(ward, db) == before
    server.mode = None

    # Connection refused: a port nothing listens on.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    dead = s.getsockname()[1]
    s.close()
    r = update(ward, server, db, "--url-kev",
               f"http://127.0.0.1:{dead}/kev.json")
    assert r.code == 3, r
    assert b"cannot connect" in r.err, r
    assert info(ward, db) == before
    assert leftovers(db) == []

    # (c) One corrupt record in a zip: skipped with its name, counted;
    # the update succeeds and replaces the database.
    victim = corrupt_one_record(z)
    r = update(ward, server, db)
    assert r.code == 0, r
    assert victim.encode() in r.err and b"skipping" in r.err, r
    after = info(ward, db)
    assert after["built_at"] != before["built_at"]
    go = next(s for s in after["sources"] if s["name"] == "osv/Go")
    exp, _, _ = expected(d)
    assert (go["records"], go["skipped"]) == (exp["osv/Go"][0] - 1, 1)
    assert leftovers(db) == []
