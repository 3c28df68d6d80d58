"""Version ordering, differentially: 'ward compare-versions --batch' against
../shared/oracles/vercmp-oracle, which answers with each ecosystem's own
implementation (libapt via python3-apt, rpm's labelCompare, python
packaging, node-semver, Maven's ComparableVersion). Pairs come from seeded
generators aimed at the hard cases. Every answer must agree, except the
deliberate differences listed in docs/version-ordering.md, which are
encoded here exactly (and nowhere else)."""
import os
import random
import re
import subprocess

import pytest

from conftest import SHARED, run_ward

ORACLE = SHARED / "oracles" / "vercmp-oracle"
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME",
                                    os.path.expanduser("~/.cache")),
                     "vercmp-oracle")
PAIRS = 12000
MAX_SAFE = 2**53 - 1


def py_has(module):
    return subprocess.run(["/usr/bin/python3", "-c", "import " + module],
                          capture_output=True).returncode == 0


def oracle_ready(eco):
    """None when the oracle can answer for 'eco', else why not."""
    if not ORACLE.exists():
        return "../shared/oracles/vercmp-oracle is absent"
    need = {"deb": lambda: py_has("apt_pkg"), "rpm": lambda: py_has("rpm"),
            "pep440": lambda: py_has("packaging"),
            "semver": lambda: os.path.isdir(
                os.path.join(CACHE, "npm", "node_modules", "semver")),
            "maven": lambda: os.path.exists(
                "/usr/share/maven/lib/maven-artifact-3.x.jar")}
    key = "semver" if eco == "semver-range" else eco
    if not need[key]():
        return f"vercmp-oracle setup has not been run (no {key} oracle)"
    return None


def ask(eco, pairs, ward, ward_eco, extra=()):
    """Both programs' answers for 'pairs', one batch each."""
    why = oracle_ready(eco)
    if why:
        pytest.skip(why)
    data = "".join(f"{a}\t{b}\n" for a, b in pairs).encode()
    o = subprocess.run([str(ORACLE), eco], input=data, capture_output=True,
                       timeout=600)
    assert o.returncode == 0, o.stderr[-2000:]
    r = ward("compare-versions", "--ecosystem", ward_eco, "--batch", *extra,
             input=data, timeout=600)
    assert r.code == 0, r
    want, got = o.stdout.decode().split(), r.out.decode().split()
    assert len(want) == len(pairs) and len(got) == len(pairs)
    return want, got


def pick(rng, *choices):
    return rng.choice(choices)


def number(rng):
    """Numbers that break naive comparators: zeros, padding, > 2^64."""
    k = rng.random()
    if k < 0.5:
        return str(rng.randint(0, 12))
    if k < 0.65:
        return "0" * rng.randint(1, 3) + str(rng.randint(0, 12))
    if k < 0.8:
        return str(rng.randint(0, 10**6))
    if k < 0.9:
        return str(rng.randint(2**63, 2**66))
    return str(rng.randint(10**20, 10**25)) + rng.choice(["", "0", "00"])


def mutate(rng, v):
    """A near neighbour of v, so pairs are often equal or close."""
    k = rng.random()
    if k < 0.3 or not v:
        return v
    i = rng.randrange(len(v) + 1)
    if k < 0.55:
        return v[:i] + pick(rng, "0", "~", ".", "1", "a", "-", "+", "^",
                            "00") + v[i:]
    if k < 0.75:
        return v[:i] + v[i + 1:]
    if k < 0.9:
        return v.upper() if rng.random() < 0.3 else v + pick(rng, ".0", "0",
                                                              "-0", ".00")
    return v[:i] + number(rng) + v[i:]


def pairs_from(rng, gen, n=PAIRS):
    out = []
    while len(out) < n:
        a = gen(rng)
        b = mutate(rng, a) if rng.random() < 0.5 else gen(rng)
        if rng.random() < 0.5:
            a, b = b, a
        if "\t" in a + b or "\n" in a + b or "\r" in a + b:
            continue
        out.append((a, b))
    return out


# ---- Debian -----------------------------------------------------------

def deb_part(rng, alphabet):
    s = ""
    for _ in range(rng.randint(1, 5)):
        k = rng.random()
        if k < 0.45:
            s += number(rng)
        elif k < 0.7:
            s += rng.choice(alphabet)
        else:
            s += "".join(rng.choice("abcxyzAZ") for _ in range(rng.randint(1, 3)))
    return s


def deb_version(rng):
    k = rng.random()
    epoch = "" if k < 0.6 else (
        pick(rng, "0:", "1:", "00:", "2:", "10:", number(rng) + ":")
        if k < 0.93 else
        pick(rng, "-1:", "-0:", "+1:", "a:", ":", " 1:", "1a:"))
    up = deb_part(rng, ".+~-~~.+" if rng.random() < 0.9 else ".+~-:")
    if rng.random() < 0.05:
        up = pick(rng, "", "-", "1 0", "~", "a", "+")
    rev = ""
    if rng.random() < 0.5:
        rev = "-" + deb_part(rng, ".+~~") if rng.random() < 0.95 else "-"
    v = epoch + up + rev
    if rng.random() < 0.03:
        v = pick(rng, " ", "  ", "") + v + pick(rng, " ", "")
    return v


def dpkg_hard_error(v):
    """dpkg's parseversion hard errors (its warnings are accepted): the
    inputs ward rejects although libapt, the oracle, compares them."""
    s = v.strip(" \t")
    if not s:
        return "empty"
    if re.search(r"[ \t]", s):
        return "embedded spaces"
    if ":" in s:
        e, s = s.split(":", 1)
        m = re.fullmatch(r"[ \t\n\v\f\r]*([+-]?)(\d+)", e)
        if not m:
            return "epoch"
        if m.group(1) == "-" and int(m.group(2)) != 0:
            return "negative epoch"
        if int(m.group(2)) > 2**31 - 1:
            return "epoch too big"
        if not s:
            return "nothing after colon"
    if "-" in s:
        up, rev = s.rsplit("-", 1)
        if not rev:
            return "empty revision"
        s = up
    if not s:
        return "empty upstream"
    return None


def dpkg_spelling(v):
    """Where dpkg and libapt read a valid version differently: dpkg trims
    blanks around it and reads the epoch with strtol ("+1", "-0", "\v1"
    are numbers), libapt compares those bytes as text."""
    s = v.strip(" \t")
    return s != v or (":" in s and
                      not re.fullmatch(r"\d+", s.split(":", 1)[0]))


def dpkg_says(a, b):
    for op, sym in (("lt", "-1"), ("gt", "1")):
        p = subprocess.run(["dpkg", "--compare-versions", a, op, b],
                           capture_output=True)
        assert p.returncode in (0, 1), (a, b, p.stderr)
        if p.returncode == 0:
            return sym
    return "0"


def test_deb_against_libapt(ward):
    rng = random.Random(4001)
    pairs = pairs_from(rng, deb_version)
    want, got = ask("deb", pairs, ward, "deb")
    agree = errors = 0
    spelled = []
    for (a, b), w, g in zip(pairs, want, got):
        hard = dpkg_hard_error(a) or dpkg_hard_error(b)
        if hard:
            # Deliberate: dpkg refuses these; libapt compares anything.
            assert g == "error", (a, b, hard, g)
            errors += 1
            continue
        assert w != "error", (a, b)
        if dpkg_spelling(a) or dpkg_spelling(b):
            # Deliberate: compared as dpkg does; dpkg itself checks it.
            spelled.append((a, b, g))
            continue
        assert g == w, (a, b, w, g)
        agree += 1
    assert agree > PAIRS // 2 and errors > 100, (agree, errors)
    # dpkg's command line cannot take an argument that starts with '-'.
    spelled = [t for t in spelled if not (t[0] + t[1]).startswith("-")
               and not t[1].startswith("-")]
    for a, b, g in spelled[:150]:
        assert g == dpkg_says(a, b), (a, b, g)


def test_deb_errors_and_epochs_match_dpkg(ward):
    """The deliberate differences, checked against dpkg itself."""
    if subprocess.run(["dpkg", "--version"], capture_output=True).returncode:
        pytest.skip("no dpkg")
    # (dpkg's command line takes no argument starting with '-'.)
    cases = ["1:", ":1", "a:1", "1.0-", "1:-1", "1 0",
             "99999999999:1", "+1:0", "1a:0", " 1:0", "1:2:3",
             "1.0-1-2", "~", "a", "1_0", "2147483647:1", "2147483648:1"]
    for a in cases:
        for b in ("1:0", "1.0"):
            p = subprocess.run(["dpkg", "--compare-versions", a, "lt", b],
                               capture_output=True)
            q = subprocess.run(["dpkg", "--compare-versions", a, "gt", b],
                               capture_output=True)
            r = ward("compare-versions", "-e", "deb", "--", a, b)
            if p.returncode > 1 or q.returncode > 1:
                assert r.code == 3, (a, b, r)
                assert r.err.startswith(b"ward: compare-versions: dpkg: ")
                continue
            dpkg = "<" if p.returncode == 0 else (">" if q.returncode == 0 else "=")
            assert r.code == 0 and r.out.decode().strip() == dpkg, (a, b, r)


# ---- RPM --------------------------------------------------------------

def rpm_version(rng):
    epoch = pick(rng, "", "", "", "0:", "1:", "01:", ":", "a:", number(rng) + ":")
    s = ""
    for _ in range(rng.randint(1, 6)):
        k = rng.random()
        if k < 0.4:
            s += number(rng)
        elif k < 0.65:
            s += rng.choice(".~^_+-.~^")
        else:
            s += "".join(rng.choice("abzABZ") for _ in range(rng.randint(1, 3)))
    rel = "-" + deb_part(rng, ".~^_") if rng.random() < 0.4 else ""
    return epoch + s + rel


def test_rpm_against_labelcompare(ward):
    rng = random.Random(4002)
    pairs = pairs_from(rng, rpm_version)
    want, got = ask("rpm", pairs, ward, "rpm")
    bad = [(a, b, w, g) for (a, b), w, g in zip(pairs, want, got) if w != g]
    assert not bad, bad[:20]


# ---- PEP 440 ----------------------------------------------------------

def pep440_version(rng):
    sep = lambda: pick(rng, "", "", ".", "-", "_")
    v = pick(rng, "", "", "", "v", "V", " ")
    if rng.random() < 0.15:
        v += number(rng) + "!"
    v += ".".join(number(rng) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.4:
        v += sep() + pick(rng, "a", "b", "c", "rc", "alpha", "beta", "pre",
                          "preview", "RC", "Alpha") + sep() + pick(rng, "", number(rng))
    if rng.random() < 0.3:
        v += pick(rng, "-" + number(rng), sep() + pick(rng, "post", "rev", "r", "POST")
                  + sep() + pick(rng, "", number(rng)))
    if rng.random() < 0.3:
        v += sep() + pick(rng, "dev", "DEV") + sep() + pick(rng, "", number(rng))
    if rng.random() < 0.25:
        v += "+" + pick(rng, ".", "-", "_").join(
            pick(rng, number(rng), "abc", "Ubuntu", "x1", "0")
            for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.05:
        v += pick(rng, " ", "+", ".", "-", "..", "+a..b", "junk", "\x0b")
    return v


def test_pep440_against_packaging(ward):
    rng = random.Random(4003)
    pairs = pairs_from(rng, pep440_version)
    want, got = ask("pep440", pairs, ward, "pypi")
    bad = [(a, b, w, g) for (a, b), w, g in zip(pairs, want, got) if w != g]
    assert not bad, bad[:20]
    assert want.count("error") > 100


# ---- npm semver -------------------------------------------------------

def semver_ident(rng):
    k = rng.random()
    if k < 0.4:
        return str(rng.randint(0, 20))
    if k < 0.5:
        return str(rng.randint(2**53 - 3, 2**53 + 3))
    if k < 0.6:
        return str(rng.randint(10**20, 10**22))
    if k < 0.63:
        return pick(rng, "01", "00", "-", "--", "0a", "")
    return pick(rng, "alpha", "beta", "rc", "a-b", "x1", "Z", "pre-1", "1a")


def semver_version(rng):
    nums = [pick(rng, str(rng.randint(0, 999)), "0", "01", str(MAX_SAFE),
                 str(MAX_SAFE + 1), number(rng))
            if rng.random() < 0.06 else str(rng.randint(0, 3)) for _ in range(3)]
    prefix = pick(rng, "v", "=", " ", "V") if rng.random() < 0.1 else ""
    v = prefix + ".".join(nums[:2 if rng.random() < 0.04 else 3])
    if rng.random() < 0.5:
        v += "-" + ".".join(semver_ident(rng) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.2:
        v += "+" + ".".join(pick(rng, "build", "001", "sha-1", "")
                            for _ in range(rng.randint(1, 2)))
    if rng.random() < 0.03:
        v += pick(rng, " ", ".", "x", "-")
    if rng.random() < 0.01:
        v = "1.0.0-" + "a" * 260
    return v


def node_identifier_key(x, exact):
    if re.fullmatch(r"[0-9]+", x):
        return (0, int(x) if exact else float(int(x)), "")
    return (1, 0, x)


def semver_ref(a, b, exact):
    """node-semver's compare for valid versions; with exact=False big
    prerelease numbers are doubles, as in JavaScript."""
    def parse(v):
        v = v.strip()
        m = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?(?:\+.*)?", v)
        return tuple(int(x) for x in m.group(1, 2, 3)), m.group(4)
    (ma, pa), (mb, pb) = parse(a), parse(b)
    if ma != mb:
        return -1 if ma < mb else 1
    if pa is None or pb is None:
        return 0 if pa == pb else (1 if pa is None else -1)
    ia, ib = pa.split("."), pb.split(".")
    for x, y in zip(ia, ib):
        # node-semver stops at the first identifiers that differ as text,
        # even when they are equal as doubles.
        if x != y:
            kx, ky = node_identifier_key(x, exact), node_identifier_key(y, exact)
            return (kx > ky) - (kx < ky)
    return (len(ia) > len(ib)) - (len(ia) < len(ib))


def test_semver_against_node_semver(ward):
    rng = random.Random(4004)
    pairs = pairs_from(rng, semver_version)
    pairs += [("1.0.0-9007199254740993", "1.0.0-9007199254740992"),
              ("1.0.0-a.99999999999999999999.b", "1.0.0-a.99999999999999999998.c")]
    want, got = ask("semver", pairs, ward, "npm")
    floats = 0
    for (a, b), w, g in zip(pairs, want, got):
        if w != g and w != "error" and g != "error" \
                and str(semver_ref(a, b, False)) == w:
            # Deliberate: node-semver compares prerelease numbers above
            # 2^53 as doubles; ward compares them exactly.
            assert g == str(semver_ref(a, b, True)), (a, b, w, g)
            floats += 1
            continue
        assert w == g, (a, b, w, g)
    assert 1000 < want.count("error") < PAIRS // 2
    assert floats >= 2


# ---- npm ranges -------------------------------------------------------

def range_atom(rng):
    v = ".".join(pick(rng, str(rng.randint(0, 3)), "x", "X", "*", "0", "01")
                 for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.25:
        v += "-" + pick(rng, "alpha", "0", "beta.1", "rc.1", "pre-1")
    if rng.random() < 0.08:
        v += "+build"
    op = pick(rng, "", "", "^", "^", "~", "~", "~>", ">", ">=", ">=", "<",
              "<=", "=", "v", "=v")
    space = pick(rng, "", "", "", " ")
    return op + space + v


def range_text(rng):
    alts = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.15:
            alts.append(range_atom(rng).lstrip("^~<>=v") + pick(rng, " - ", " -  ", "-")
                        + range_atom(rng).lstrip("^~<>=v"))
        else:
            alts.append(pick(rng, " ", "  ", "\t").join(
                range_atom(rng) for _ in range(pick(rng, 1, 1, 1, 2, 3))))
    r = pick(rng, "||", " || ", "|| ", " |").join(alts)
    if rng.random() < 0.05:
        r = pick(rng, "", "*", "x", "foo", ">= 1.2.3 <", "^", "1.2.3 - ", "||")
    return r


def range_version(rng):
    v = ".".join(str(rng.randint(0, 3)) for _ in range(3))
    if rng.random() < 0.35:
        v += "-" + pick(rng, "alpha", "0", "beta.1", "rc.1", "alpha.0", "pre-1")
    if rng.random() < 0.02:
        v = pick(rng, "1.2", "v1.2.3", " 1.2.3", "foo")
    return v


def test_semver_ranges_against_node_semver(ward):
    rng = random.Random(4005)
    pairs = []
    while len(pairs) < PAIRS:
        v, r = range_version(rng), range_text(rng)
        if "\t" in v or "\t" in r or not r.strip() and rng.random() < 0.9:
            r = r.replace("\t", " ")
        if "\t" in r:
            continue
        pairs.append((v, r))
    want, got = ask("semver-range", pairs, ward, "npm", ("--range",))
    bad = [(a, b, w, g) for (a, b), w, g in zip(pairs, want, got) if w != g]
    assert not bad, bad[:20]
    assert want.count("1") > 500 and want.count("0") > 500


# ---- Maven ------------------------------------------------------------

def maven_version(rng):
    s = ""
    for _ in range(rng.randint(1, 6)):
        k = rng.random()
        if k < 0.4:
            s += number(rng) if rng.random() < 0.3 else str(rng.randint(0, 5))
        elif k < 0.7:
            s += rng.choice(".-..-")
        else:
            s += pick(rng, "alpha", "a", "b", "m", "beta", "milestone", "rc",
                      "cr", "snapshot", "SNAPSHOT", "ga", "final", "release",
                      "sp", "RC", "Final", "foo", "x", "pre", "")
    return s


def test_maven_against_comparable_version(ward):
    rng = random.Random(4006)
    pairs = pairs_from(rng, maven_version)
    pairs = [(a, b) for a, b in pairs if a.strip() and b.strip()
             and " " not in a + b]
    want, got = ask("maven", pairs, ward, "maven")
    bad = [(a, b, w, g) for (a, b), w, g in zip(pairs, want, got) if w != g]
    assert not bad, bad[:20]
    assert len(pairs) >= 10000


def test_batch_shapes(ward):
    """Empty lines are skipped (as the oracle does); malformed lines and
    invalid versions answer 'error' without stopping the batch."""
    r = ward("compare-versions", "-e", "deb", "--batch",
             input=b"1.0\t1.1\n\n1:\t1\nonly-one\n2 1\n1\t2\t3\n1.0\t1.0\r\n3\t2")
    assert r.code == 0, r
    assert r.out == b"-1\nerror\nerror\n1\nerror\n0\n1\n"


def test_single_pair_and_errors(ward):
    r = ward("compare-versions", "--ecosystem", "Debian", "1.0~rc1", "1.0")
    assert (r.code, r.out) == (0, b"<\n"), r
    r = ward("compare-versions", "--ecosystem", "DEBIAN", "1:", "1.0")
    assert r.code == 3, r
    assert r.err.startswith(b"ward: compare-versions: dpkg: version '1:' ")
    r = ward("compare-versions", "--ecosystem", "nope", "1", "2")
    assert r.code == 2 and b"unknown ecosystem 'nope'" in r.err, r
    r = ward("compare-versions", "1", "2")
    assert r.code == 2 and b"--ecosystem is required" in r.err, r
    r = ward("compare-versions", "-e", "maven", "1")
    assert r.code == 2, r
    r = ward("compare-versions", "--help")
    assert r.code == 0 and b"Usage: ward compare-versions" in r.out


@pytest.mark.parametrize("name,a,b,want", [
    ("Debian", "1:1.0", "2.0", ">"), ("deb", "1.0+b1", "1.0", ">"),
    ("Alpine", "1.0_rc1", "1.0", "<"), ("apk", "1.0-r1", "1.0", ">"),
    ("Red Hat", "1.0~rc1", "1.0", "<"), ("rpm", "1.0^git1", "1.0", ">"),
    ("npm", "1.0.0-alpha", "1.0.0", "<"), ("semver", "1.0.0+b", "1.0.0", "="),
    ("PyPI", "1.0.dev1", "1.0a1", "<"), ("pypi", "1.0.post1", "1.0", ">"),
    ("Maven", "1.0-SNAPSHOT", "1.0", "<"), ("maven", "1-sp", "1", ">"),
    ("Go", "v1.2.3-0.20191109021931-daa7c04131f5", "v1.2.3", "<"),
    ("go", "v2.0.0+incompatible", "v2.0.0", "="),
    ("RubyGems", "1.0.a", "1.0", "<"), ("gem", "1.0.0", "1", "="),
    ("Packagist", "1.0-beta2", "1.0-RC1", "<"),
    ("composer", "1.0-patch1", "1.0", ">"),
    ("NuGet", "1.0.0-Beta", "1.0.0-beta", "="), ("nuget", "1.0", "1.0.0.0", "="),
    ("crates.io", "1.0.0-alpha.1", "1.0.0-alpha.beta", "<"),
    ("cargo", "18446744073709551615.0.0", "1.0.0", ">"),
])
def test_every_ecosystem_name(ward, name, a, b, want):
    r = ward("compare-versions", "--ecosystem", name, a, b)
    assert (r.code, r.out.decode().strip()) == (0, want), r
    r = ward("compare-versions", "--ecosystem", name.upper(), b, a)
    rev = {"<": ">", ">": "<", "=": "="}[want]
    assert (r.code, r.out.decode().strip()) == (0, rev), r
