#!/usr/bin/env python3
"""Consistency checker for the blind20 evaluation set (python3 stdlib + tomllib only).

Run from anywhere:  python3 eval/blind20/check_labels.py
Exit status 0 when every check passes, 1 otherwise.

Checks
  sourcing/  every label's text occurs at its occurrence; repeated texts carry an explicit
             occurrence; no label is the head/tail of a longer number; no two labels share a
             span; every money token in the prose (front matter, HTML comments, code, link
             targets and URLs masked) is covered by a label; 12 figures per document, 72 in
             all; word counts 280-340; 3 .md + 3 .txt.
  claims/    the same location checks for every pair / look-alike endpoint; every money token,
             percentage and counted story quantity is covered; verdicts recomputed from the
             interval rule; facts (connected components of pairs) have at most one figure per
             document and every cross-document pair inside a fact is labelled; a look-alike
             never joins two figures of one fact; 25-30 pairs, 12-15 look-alikes; word counts
             260-320; file names start with the cluster prefix; 3 .md + 3 .txt.
"""
import re
import sys
import tomllib
from fractions import Fraction
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ERRORS = []


def err(msg):
    ERRORS.append(msg)


def read(folder, name):
    return (ROOT / folder / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- locating labels
def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def locate(folder, ref, where):
    """Return (start, end) of ref in its file, recording errors."""
    name, text = ref["file"], ref["text"]
    path = ROOT / folder / name
    if not path.exists():
        err(f"{where}: file {folder}/{name} does not exist")
        return None
    raw = read(folder, name)
    occ = occurrences(raw, text)
    n = ref.get("occurrence", 1)
    if not occ:
        err(f"{where}: {name}: text {text!r} not found")
        return None
    if len(occ) > 1 and "occurrence" not in ref:
        err(f"{where}: {name}: {text!r} occurs {len(occ)} times but has no explicit occurrence")
    if n < 1 or n > len(occ):
        err(f"{where}: {name}: {text!r} occurrence {n} out of range (found {len(occ)})")
        return None
    s = occ[n - 1]
    e = s + len(text)
    before = raw[s - 1] if s > 0 else " "
    after = raw[e] if e < len(raw) else " "
    after2 = raw[e + 1] if e + 1 < len(raw) else " "
    if before.isalnum() or before in "$€£.,":
        err(f"{where}: {name}: {text!r} is the tail of a longer token ({raw[max(0, s - 6):e]!r})")
    if after.isalnum() or (after in ".,-–" and (after2.isdigit() or after2 in "$€£")):
        err(f"{where}: {name}: {text!r} is the head of a longer token ({raw[s:e + 6]!r})")
    return (s, e)


# ---------------------------------------------------------------- masking non-prose
def mask(raw, is_md):
    chars = list(raw)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    pats = [r"<!--.*?-->", r"https?://[^\s)>\]]+", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"]
    if is_md:
        m = re.match(r"---\n.*?\n---\n", raw, re.S)
        if m:
            blank(m.start(), m.end())
        pats += [r"```.*?```", r"`[^`\n]*`", r"\]\([^)]*\)"]
    for p in pats:
        for m in re.finditer(p, raw, re.S):
            blank(m.start(), m.end())
    return "".join(chars)


NUMWORD = (r"(?:half|a|an|and|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
           r"million|billion)")
MONEY_RES = [
    re.compile(r"(?:US|C|A|NZ|HK)?[$€£]\s?\d[\d,]*(?:\.\d+)?"),
    re.compile(r"\b(?:EUR|USD|GBP|CAD)\s?\d[\d,]*(?:\.\d+)?"),
    re.compile(r"\b\d+(?:\.\d+)?p\b"),
    re.compile(r"\b\d[\d,]*(?:\.\d+)?\s(?:cents|pence|dollars|euros|pounds)\b", re.I),
    re.compile(rf"\b{NUMWORD}(?:[ -]{NUMWORD})*\s(?:cents|pence|dollars|euros|pounds)\b", re.I),
]
PERCENT_RE = re.compile(r"\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b)")
STORY_NOUNS = ("rooms|people|residents|cabins|riders|jobs|beds|staff|workers|families|"
               "stations|towers|vehicles|homes|units|passengers|buses|guards|sites|employees")
COUNT_RE = re.compile(rf"\b\d[\d,]*(?:\s+[A-Za-z-]+){{0,2}}?\s+(?:{STORY_NOUNS})\b")


def tokens(masked, regexes):
    out = []
    for rx in regexes:
        for m in rx.finditer(masked):
            out.append((m.start(), m.end(), m.group(0)))
    return out


def check_coverage(folder, name, spans, regexes, kind):
    raw = read(folder, name)
    masked = mask(raw, name.endswith(".md"))
    for s, e, t in tokens(masked, regexes):
        if not any(s < b and a < e for a, b in spans):
            line = raw.count("\n", 0, s) + 1
            err(f"{folder}/{name}:{line}: unlabelled {kind} {t!r}")
    # labels must be in prose, not in masked regions
    for a, b in spans:
        if masked[a:b] != raw[a:b]:
            err(f"{folder}/{name}: label {raw[a:b]!r} sits in masked (non-prose) text")


def check_overlaps(folder, name, spans):
    ss = sorted(set(spans))
    for (a1, b1), (a2, b2) in zip(ss, ss[1:]):
        if a2 < b1:
            raw = read(folder, name)
            err(f"{folder}/{name}: labels {raw[a1:b1]!r} and {raw[a2:b2]!r} share a span")


def words(raw):
    return len(raw.split())


# ---------------------------------------------------------------- interval rule
QUALS = [
    ("more than", "over"), ("just over", "over"), ("over", "over"),
    ("at least", "atleast"), ("nearly", "nearly"), ("almost", "nearly"),
    ("up to", "upto"), ("as many as", "upto"), ("less than", "less"), ("fewer than", "less"),
    ("under", "less"), ("about", "about"), ("roughly", "about"), ("around", "about"),
    ("approximately", "about"), ("some", "about"), ("an estimated", "exact"),
]
SCALES = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9, "k": 10**3,
          "thousand": 10**3, "": 1}
NUM = r"(\d[\d,]*(?:\.\d+)?)"
CUR = r"(?:US|C|A)?[$€£]?"
SCALE = r"(?:[ -]?((?i:million|billion|bn|m|k|thousand))\b)?"


def value_step(numstr, scale):
    s = numstr.replace(",", "")
    if "." in s:
        step = Fraction(1, 10 ** len(s.split(".")[1]))
    else:
        tz = len(s) - len(s.rstrip("0")) if s.strip("0") else 0
        step = Fraction(10 ** tz)
    mult = SCALES[(scale or "").lower()]
    return Fraction(s) * mult, step * mult


def interval(text):
    """(lo, lo_closed, hi, hi_closed, stated_value) for a label text."""
    t = text.strip()
    low = t.lower()
    kind = "exact"
    for q, k in QUALS:
        if low.startswith(q + " "):
            kind = k
            t = t[len(q) + 1:]
            break
    rng = re.match(rf"(?:between\s+)?{CUR}{NUM}{SCALE}\s*(?:-|–|to|and)\s*{CUR}{NUM}{SCALE}", t)
    if rng:
        a, sa, b, sb = rng.groups()
        sa = sa or sb
        va, _ = value_step(a, sa)
        vb, _ = value_step(b, sb)
        return (va, True, vb, True, (va, vb))
    m = re.match(rf"{CUR}{NUM}{SCALE}", t)
    if not m:
        raise ValueError(f"cannot parse {text!r}")
    v, step = value_step(m.group(1), m.group(2))
    if kind == "exact":
        return (v - step / 2, True, v + step / 2, False, v)
    if kind == "about":
        d = max(step / 2, v * Fraction(5, 100))
        return (v - d, True, v + d, True, v)
    if kind == "over":
        return (v, False, v + step, True, v)
    if kind == "atleast":
        return (v, True, v + step, True, v)
    if kind == "nearly":
        return (v * Fraction(95, 100), True, v, False, v)
    if kind == "upto":
        return (Fraction(0), True, v, True, v)
    if kind == "less":
        return (Fraction(0), True, v, False, v)
    raise ValueError(kind)


def overlap(i, j):
    """True when intervals (lo, lo_closed, hi, hi_closed, ...) share at least one point."""
    if i[0] != j[0]:
        lo, lo_c = max((i[0], i[1]), (j[0], j[1]), key=lambda x: x[0])
    else:
        lo, lo_c = i[0], i[1] and j[1]
    if i[2] != j[2]:
        hi, hi_c = min((i[2], i[3]), (j[2], j[3]), key=lambda x: x[0])
    else:
        hi, hi_c = i[2], i[3] and j[3]
    return lo < hi or (lo == hi and lo_c and hi_c)


def verdict(ta, tb):
    ia, ib = interval(ta), interval(tb)
    if not overlap(ia, ib):
        return "conflict"
    return "agree" if ia[4] == ib[4] else "differ"


# ---------------------------------------------------------------- sourcing
def check_sourcing():
    folder = "sourcing"
    lab = tomllib.loads(read(folder, "labels.toml"))
    figs = lab.get("figure", [])
    docs = sorted(p.name for p in (ROOT / folder).iterdir() if p.suffix in (".md", ".txt"))
    md = [d for d in docs if d.endswith(".md")]
    if len(docs) != 6 or len(md) != 3:
        err(f"sourcing: expected 6 documents (3 .md, 3 .txt), found {docs}")
    spans = {d: [] for d in docs}
    per_doc = {d: [0, 0] for d in docs}
    for k, f in enumerate(figs, 1):
        where = f"sourcing figure #{k}"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: sourced must be true/false")
        sp = locate(folder, f, where)
        if sp and f["file"] in spans:
            spans[f["file"]].append(sp)
            per_doc[f["file"]][0 if f["sourced"] else 1] += 1
    for d in docs:
        check_overlaps(folder, d, spans[d])
        check_coverage(folder, d, spans[d], MONEY_RES, "money figure")
        n = sum(per_doc[d])
        if n != 12:
            err(f"sourcing/{d}: {n} figures labelled, expected 12")
        w = words(read(folder, d))
        if not 280 <= w <= 340:
            err(f"sourcing/{d}: {w} words, expected 280-340")
    s = sum(v[0] for v in per_doc.values())
    u = sum(v[1] for v in per_doc.values())
    if s + u != 72:
        err(f"sourcing: {s + u} figures, expected 72")
    if abs(s - u) > 8:
        err(f"sourcing: {s} sourced vs {u} unsourced is not about half")
    print(f"sourcing: {len(docs)} documents, {s + u} figures ({s} sourced, {u} unsourced)")
    for d in docs:
        print(f"  {d:24s} {words(read(folder, d)):4d} words  {per_doc[d][0]:2d} sourced {per_doc[d][1]:2d} unsourced")


# ---------------------------------------------------------------- claims
def check_claims():
    folder = "claims"
    lab = tomllib.loads(read(folder, "labels.toml"))
    pairs, looks = lab.get("pair", []), lab.get("lookalike", [])
    docs = sorted(p.name for p in (ROOT / folder).iterdir() if p.suffix in (".md", ".txt"))
    md = [d for d in docs if d.endswith(".md")]
    if len(docs) != 6 or len(md) != 3:
        err(f"claims: expected 6 documents (3 .md, 3 .txt), found {docs}")
    prefixes = {}
    for d in docs:
        prefixes.setdefault(d.split("-")[0], []).append(d)
    if len(prefixes) != 2 or any(len(v) != 3 for v in prefixes.values()):
        err(f"claims: expected 2 clusters of 3 documents, found {prefixes}")

    spans = {d: set() for d in docs}
    node_of = {}

    def node(ref, where):
        sp = locate(folder, ref, where)
        if sp is None:
            return None
        key = (ref["file"], sp[0], sp[1])
        spans.setdefault(ref["file"], set()).add(sp)
        node_of[key] = ref["text"]
        return key

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labelled = set()
    counts = {"conflict": 0, "differ": 0, "agree": 0}
    for k, p in enumerate(pairs, 1):
        where = f"claims pair #{k}"
        a, b = node(p["a"], where), node(p["b"], where)
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        if a[0].split("-")[0] != b[0].split("-")[0]:
            err(f"{where}: pair crosses clusters")
        try:
            v = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as e:
            err(f"{where}: {e}")
            continue
        if v != p.get("verdict"):
            err(f"{where}: {p['a']['text']!r} vs {p['b']['text']!r}: labelled {p.get('verdict')}, rule gives {v}")
        counts[v] = counts.get(v, 0) + 1
        if frozenset((a, b)) in labelled:
            err(f"{where}: duplicate pair")
        labelled.add(frozenset((a, b)))
        parent[find(a)] = find(b)
    look_nodes = []
    for k, p in enumerate(looks, 1):
        where = f"claims lookalike #{k}"
        a, b = node(p["a"], where), node(p["b"], where)
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        look_nodes.append((where, a, b))
        interval(p["a"]["text"]), interval(p["b"]["text"])  # must parse
    # facts
    comps = {}
    for x in list(parent):
        comps.setdefault(find(x), []).append(x)
    for members in comps.values():
        files = [m[0] for m in members]
        if len(files) != len(set(files)):
            err(f"claims: a fact has two figures in one document: {[node_of[m] + ' @' + m[0] for m in members]}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled:
                err(f"claims: same fact but pair not labelled: {node_of[x]!r} @{x[0]} / {node_of[y]!r} @{y[0]}")
    for where, a, b in look_nodes:
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: look-alike joins two figures of one fact")
    # completeness and words
    for d in docs:
        sp = sorted(spans[d])
        check_overlaps(folder, d, sp)
        check_coverage(folder, d, sp, MONEY_RES, "money figure")
        check_coverage(folder, d, sp, [PERCENT_RE], "percentage")
        check_coverage(folder, d, sp, [COUNT_RE], "counted quantity")
        w = words(read(folder, d))
        if not 260 <= w <= 320:
            err(f"claims/{d}: {w} words, expected 260-320")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs, expected 25-30")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes, expected 12-15")
    print(f"claims: {len(docs)} documents, {len(comps)} facts, {len(pairs)} pairs "
          f"({counts['conflict']} conflict, {counts['differ']} differ, {counts['agree']} agree), "
          f"{len(looks)} look-alikes")
    for d in docs:
        print(f"  {d:24s} {words(read(folder, d)):4d} words  {len(spans[d]):2d} labelled figures")


def main():
    check_sourcing()
    check_claims()
    if ERRORS:
        print(f"\nFAILED: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  - " + e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
