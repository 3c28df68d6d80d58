"""The summary bench/secret-peers.sh prints: mean times and ratios from
hyperfine's JSON, and for each tool which planted secrets it found and
how many other findings it made (by rule, with a few paths; never the
matched text).

A planted secret counts as found when the tool reports a finding in its
file on its lines: the line holding the value, or, for private keys and
the service-account file (multi-line credentials), anywhere in the file.

Usage: secret_peers_report.py SECRETKIT_DIR WORK TREE "NAMES" [ONE_CORE_JSON]
"""
import collections
import json
import os
import sys

kit_dir, work, tree, names = sys.argv[1:5]
one_core = sys.argv[5] if len(sys.argv) > 5 else ""
names = names.split()
sys.path.insert(0, kit_dir)
import secretkit  # noqa: E402

PREFIX = "planted/"


def planted_ranges():
    """kind -> (path in the tree, first line, last line)."""
    files = {p: c for _, p, c, _, _ in secretkit.PLANTED if c is not None}
    out = []
    for kind, path, _, _, value in secretkit.PLANTED:
        lines = files[path].split("\n")
        if value is None:
            lo, hi = 1, len(lines)
        else:
            lo = hi = next(i for i, ln in enumerate(lines, 1) if value in ln)
        out.append((kind, PREFIX + path, lo, hi))
    return out


def rel(p):
    p = os.path.relpath(p, tree) if os.path.isabs(p) else p
    return p[2:] if p.startswith("./") else p


def findings(name):
    """(path, first line, last line, rule) per finding."""
    path = os.path.join(work, f"{name}.json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    out = []
    if name == "ward":
        for s in doc.get("secrets", []):
            out.append((rel(s["path"]), s["line"], s["line"], s["ruleId"]))
    elif name == "trivy":
        for r in doc.get("Results") or []:
            for s in r.get("Secrets") or []:
                out.append((rel(r["Target"]), s["StartLine"], s["EndLine"],
                            s["RuleID"]))
    elif name == "secretlint":
        for f in doc:
            for m in f.get("messages", []):
                loc = m.get("loc", {})
                out.append((rel(f["filePath"]), loc["start"]["line"],
                            loc["end"]["line"],
                            m["ruleId"].replace("@secretlint/secretlint-rule-",
                                                "")))
    return out


def times(path):
    if not path or not os.path.exists(path):
        return []
    with open(path) as f:
        return [(r["command"], r["mean"], r["stddev"] or 0.0,
                 r["user"] + r["system"]) for r in json.load(f)["results"]]


def print_times(title, rows, labels):
    """Wall time, and CPU time (user + system), which other jobs on a
    shared machine disturb less."""
    print(f"\n{title}")
    if not rows:
        return
    base, cbase = rows[0][1], rows[0][3]
    for (cmd, mean, sd, cpu), label in zip(rows, labels):
        print(f"  {label:<11} wall {mean:8.2f} s ± {sd:5.2f} "
              f"({mean / base:6.1f}x ward)   CPU {cpu:8.2f} s "
              f"({cpu / cbase:6.1f}x ward)")


def main():
    size = sum(os.lstat(os.path.join(d, f)).st_size
               for d, _, fs in os.walk(tree) for f in fs)
    rows = times(os.path.join(work, "times.json")) + \
        times(os.path.join(work, "times-secretlint.json"))
    print_times(f"Mean wall time over {size / 1e6:.0f} MB "
                "(2 shared cores; others' jobs running):", rows, names)
    print_times("Pinned to one core (taskset -c 0):", times(one_core),
                [n for n in names if n != "secretlint"])
    planted = planted_ranges()
    found = {n: findings(n) for n in names}
    print("\nPlanted secrets found (a finding in the file, on the lines):")
    print(f"  {'kind':<25}" + "".join(f"{n:>12}" for n in names))
    hit = collections.Counter()
    for kind, path, lo, hi in planted:
        row = f"  {kind:<25}"
        for n in names:
            fs = found[n] or []
            ok = any(p == path and a <= hi and b >= lo for p, a, b, _ in fs)
            hit[n] += ok
            row += f"{'yes' if ok else '-':>12}"
        print(row)
    print(f"  {'total':<25}" +
          "".join(f"{f'{hit[n]}/{len(planted)}':>12}" for n in names))
    print("\nOther findings (outside the planted lines):")
    for n in names:
        fs = found[n]
        if fs is None:
            print(f"  {n}: no output")
            continue
        other = [f for f in fs if not any(
            f[0] == path and f[1] <= hi and f[2] >= lo
            for _, path, lo, hi in planted)]
        print(f"  {n}: {len(other)} (of {len(fs)} findings)")
        by_rule = collections.Counter(f[3] for f in other)
        for rule, c in by_rule.most_common(8):
            paths = sorted({f[0] for f in other if f[3] == rule})
            print(f"    {c:5d} {rule}: {', '.join(paths[:3])}"
                  f"{' ...' if len(paths) > 3 else ''}")


main()
