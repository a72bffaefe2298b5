#!/usr/bin/env python3
"""Consistency checks for the blind11 evaluation set (python3 stdlib + tomllib only).

Usage: python3 check_labels.py        (exit status 0 when every check passes)

Checks
  * every label's text occurs verbatim (case-sensitive) at its occurrence (1-based, counted over
    the raw file, front matter / comments / code included); a text that occurs more than once in
    its file must carry an explicit occurrence;
  * the labelled span is in prose (not in front matter, an HTML comment, code, a link target or a
    URL) and is not the head or tail of a longer number ("$24" inside "$24 million" or "$240");
  * no two different labels share characters;
  * completeness: every money token in the prose (currency symbol + digit, ISO code + digit,
    spelled amounts such as "three million dollars") is inside a label; in claims/ also every
    percentage and every counted quantity with a story noun;
  * claims: each pair's verdict is recomputed from the interval rule; facts (connected components
    of pairs) never hold two figures of one document, and every cross-document pair inside a fact
    is labelled; a look-alike never joins two figures of one fact; pairs and look-alikes stay
    inside one cluster (file-name prefix);
  * counts: documents, formats, word counts, figures, sourced/unsourced split, pairs, facts,
    look-alikes.
"""
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ERRORS = []


def err(msg):
    ERRORS.append(msg)


# --------------------------------------------------------------------------- masking

def mask(raw):
    """Return a copy of raw where non-prose regions are replaced by spaces (same length)."""
    chars = list(raw)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    m = re.match(r"---\n.*?\n---\n", raw, re.S)
    if m:
        blank(m.start(), m.end())
    for pat in (r"<!--.*?-->", r"```.*?```", r"`[^`\n]+`"):
        for m in re.finditer(pat, raw, re.S):
            blank(m.start(), m.end())
    for m in re.finditer(r"\]\(([^)\s]+)\)", raw):          # link targets
        blank(m.start(1), m.end(1))
    for m in re.finditer(r"https?://\S+", raw):             # bare URLs
        blank(m.start(), m.end())
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", raw):  # e-mail addresses
        blank(m.start(), m.end())
    for m in re.finditer(r"\b[\w-]+(?:\.[\w-]+)*\.example(?:/\S*)?", raw):  # .example hosts
        blank(m.start(), m.end())
    return "".join(chars)


# --------------------------------------------------------------------------- locating labels

def find_occurrence(raw, text, occ):
    pos = -1
    for _ in range(occ):
        pos = raw.find(text, pos + 1)
        if pos < 0:
            return -1
    return pos


def count_occurrences(raw, text):
    n, pos = 0, raw.find(text)
    while pos >= 0:
        n += 1
        pos = raw.find(text, pos + 1)
    return n


MULT_AFTER = re.compile(r"^[ -]?(?:million|billion|thousand|bn|mn|m|k|M|K)\b")


def boundary_problem(raw, start, end, text):
    before = raw[start - 1] if start > 0 else ""
    after = raw[end:end + 2]
    if before and (before.isalnum() or before in "$£€"):
        return f"preceded by {before!r}"
    if before in ".," and start >= 2 and raw[start - 2].isdigit():
        return "tail of a longer number"
    if after[:1].isalnum():
        return f"followed by {after[:1]!r}"
    if len(after) == 2 and after[0] in ".,-" and after[1].isdigit():
        return "head of a longer number"
    if text[-1].isdigit() and MULT_AFTER.match(raw[end:end + 10]):
        return "head of a figure with a multiplier after it"
    return None


def locate(raw, masked, fname, text, occ, explicit):
    if not explicit and count_occurrences(raw, text) > 1:
        err(f"{fname}: {text!r} occurs {count_occurrences(raw, text)} times but has no explicit occurrence")
    start = find_occurrence(raw, text, occ)
    if start < 0:
        err(f"{fname}: {text!r} occurrence {occ} not found")
        return None
    end = start + len(text)
    if masked[start:end] != raw[start:end]:
        err(f"{fname}: {text!r} occurrence {occ} lies in a masked (non-prose) region")
    prob = boundary_problem(raw, start, end, text)
    if prob:
        err(f"{fname}: {text!r} occurrence {occ}: {prob}")
    return (start, end)


# --------------------------------------------------------------------------- completeness

NUMWORD = (r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
           r"million|billion|half|quarter|quarters|dozen)")
MONEY_PATTERNS = [
    re.compile(r"(?:US|C|A|NZ|HK)?\$\s?\d"),
    re.compile(r"[€£¥]\s?\d"),
    re.compile(r"\b(?:USD|EUR|GBP|CAD|AUD)\s?\d"),
    re.compile(r"\d[\d,.]*\s?(?:USD|EUR|GBP|CAD|AUD)\b"),
    re.compile(NUMWORD + r"(?:\s+(?:of\s+a\s+)?" + NUMWORD + r")*\s+(?:dollars|euros|pounds|cents|pence|bucks|quid)\b", re.I),
]
PERCENT = re.compile(r"\d[\d,.]*\s?(?:%|percent\b|per cent\b)")
COUNT_NOUNS = (r"jobs|workers|positions|employees|staff|buses|vehicles|acre-feet|acres|growers|farmers|"
               r"farms|residents|people|homes|members|customers|passengers|plots|stores|shops|"
               r"teams|locations|sites|plants|routes|students|beds|units")
COUNTED = re.compile(r"(?<![\w$£€.,])\d[\d,]*(?:\.\d+)?\s+(?:[A-Za-z-]+\s+){0,2}?(?:" + COUNT_NOUNS + r")\b")


def money_tokens(masked):
    toks = []
    for pat in MONEY_PATTERNS:
        for m in pat.finditer(masked):
            toks.append((m.start(), m.group(0)))
    return toks


def covered(pos, spans):
    return any(a <= pos < b for a, b in spans)


# --------------------------------------------------------------------------- intervals

QUALIFIERS = [
    ("more than", "more"), ("over", "more"), ("at least", "atleast"), ("nearly", "nearly"),
    ("up to", "upto"), ("less than", "less"), ("about", "about"), ("roughly", "about"),
    ("some", "about"),
]
MULTS = {"": 1, "thousand": 10**3, "k": 10**3, "K": 10**3, "million": 10**6, "m": 10**6,
         "M": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9}
NUM = r"(?P<cur{i}>US\$|C\$|A\$|\$|€|£)?(?P<num{i}>\d[\d,]*(?:\.\d+)?)(?:[ -]?(?P<mult{i}>million|billion|thousand|bn|mn|m|M|k|K)\b)?"


def parse_figure(text):
    """Return (kind, currency, stated, (lo, lo_closed, hi, hi_closed))."""
    t = text.strip()
    qual = "exact"
    low = t.lower()
    for word, q in QUALIFIERS:
        if low.startswith(word + " "):
            qual = q
            t = t[len(word) + 1:]
            break
    rng = re.match(r"^(?:between\s+)?" + NUM.format(i=1) + r"\s*(?:-|–|to|and)\s*" + NUM.format(i=2) + r"(?P<rest>.*)$", t)
    one = re.match(r"^" + NUM.format(i=1) + r"(?P<rest>.*)$", t)
    if rng and qual == "exact":
        cur = rng.group("cur2") or rng.group("cur1") or ""
        m2 = MULTS[rng.group("mult2") or ""]
        m1 = MULTS[rng.group("mult1") or rng.group("mult2") or ""]
        a = F(rng.group("num1").replace(",", "")) * m1
        b = F(rng.group("num2").replace(",", "")) * m2
        kind = kind_of(cur, rng.group("rest"))
        return kind, cur, (a, b), (a, True, b, True)
    if not one:
        raise ValueError(f"cannot parse figure {text!r}")
    cur = one.group("cur1") or ""
    numtxt = one.group("num1").replace(",", "")
    mult = MULTS[one.group("mult1") or ""]
    kind = kind_of(cur, one.group("rest"))
    if "." in numtxt:
        step = F(1, 10 ** len(numtxt.split(".")[1]))
    else:
        z = len(numtxt) - len(numtxt.rstrip("0"))
        step = F(10) ** z if numtxt.strip("0") else F(1)
    v = F(numtxt) * mult
    s = step * mult
    if qual == "exact":
        iv = (v - s / 2, True, v + s / 2, False)
    elif qual == "about":
        d = max(s / 2, v / 20)
        iv = (v - d, True, v + d, True)
    elif qual == "more":
        iv = (v, False, v + s, True)
    elif qual == "atleast":
        iv = (v, True, v + s, True)
    elif qual == "nearly":
        iv = (v * F(95, 100), True, v, False)
    elif qual == "upto":
        iv = (F(0), True, v, True)
    elif qual == "less":
        iv = (F(0), True, v, False)
    return kind, cur, v, iv


def kind_of(cur, rest):
    if cur:
        return "money"
    rest = rest.strip().lower()
    if rest.startswith("%") or rest.startswith("percent") or rest.startswith("per cent"):
        return "percent"
    return "count"


def overlaps(i1, i2):
    lo1, lc1, hi1, hc1 = i1
    lo2, lc2, hi2, hc2 = i2
    if lo1 > lo2 or (lo1 == lo2 and not lc1):
        lo, lc = lo1, lc1
    else:
        lo, lc = lo2, lc2
    if hi1 < hi2 or (hi1 == hi2 and not hc1):
        hi, hc = hi1, hc1
    else:
        hi, hc = hi2, hc2
    if lo < hi:
        return True
    return lo == hi and lc and hc


def verdict(t1, t2):
    k1, c1, v1, i1 = parse_figure(t1)
    k2, c2, v2, i2 = parse_figure(t2)
    if k1 != k2 or (k1 == "money" and c1 != c2):
        raise ValueError(f"unit mismatch: {t1!r} vs {t2!r}")
    if not overlaps(i1, i2):
        return "conflict"
    return "agree" if v1 == v2 else "differ"


# --------------------------------------------------------------------------- corpus helpers

def load_docs(folder):
    docs = {}
    for p in sorted(folder.iterdir()):
        if p.suffix in (".md", ".txt"):
            raw = p.read_text(encoding="utf-8")
            docs[p.name] = (raw, mask(raw))
    return docs


def check_formats(docs, label, lo_words, hi_words):
    md = [n for n in docs if n.endswith(".md")]
    txt = [n for n in docs if n.endswith(".txt")]
    if len(docs) != 6 or len(md) != 3 or len(txt) != 3:
        err(f"{label}: expected 6 documents (3 .md, 3 .txt), found {len(md)} .md and {len(txt)} .txt")
    for n, (raw, _) in docs.items():
        w = len(raw.split())
        if not lo_words <= w <= hi_words:
            err(f"{label}/{n}: {w} words, outside {lo_words}-{hi_words}")


# --------------------------------------------------------------------------- sourcing

def check_sourcing():
    folder = ROOT / "sourcing"
    docs = load_docs(folder)
    check_formats(docs, "sourcing", 280, 340)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))["figure"]
    spans = {n: [] for n in docs}
    per_file = {n: [0, 0] for n in docs}
    for lab in labels:
        f, text = lab["file"], lab["text"]
        if f not in docs:
            err(f"sourcing: label names unknown file {f}")
            continue
        if not isinstance(lab.get("sourced"), bool):
            err(f"sourcing/{f}: {text!r} lacks a boolean 'sourced'")
        raw, masked = docs[f]
        occ = lab.get("occurrence", 1)
        sp = locate(raw, masked, f"sourcing/{f}", text, occ, "occurrence" in lab)
        if sp is None:
            continue
        if not any(p.search(text) for p in MONEY_PATTERNS):
            err(f"sourcing/{f}: {text!r} is not a money figure")
        for other in spans[f]:
            if sp[0] < other[1] and other[0] < sp[1]:
                err(f"sourcing/{f}: {text!r} overlaps another label")
        spans[f].append(sp)
        per_file[f][0 if lab.get("sourced") else 1] += 1
    for n, (raw, masked) in docs.items():
        for pos, tok in money_tokens(masked):
            if not covered(pos, spans[n]):
                line = raw.count("\n", 0, pos) + 1
                err(f"sourcing/{n}:{line}: money token {tok!r} is not labelled")
        s, u = per_file[n]
        if s + u != 12:
            err(f"sourcing/{n}: {s + u} labelled figures, expected 12")
    tot_s = sum(v[0] for v in per_file.values())
    tot_u = sum(v[1] for v in per_file.values())
    if tot_s + tot_u != 72:
        err(f"sourcing: {tot_s + tot_u} figures, expected 72")
    if not 30 <= tot_s <= 42:
        err(f"sourcing: {tot_s} sourced of {tot_s + tot_u}, not about half")
    return docs, per_file, tot_s, tot_u


# --------------------------------------------------------------------------- claims

def check_claims():
    folder = ROOT / "claims"
    docs = load_docs(folder)
    check_formats(docs, "claims", 260, 320)
    clusters = {}
    for n in docs:
        clusters.setdefault(n.split("-", 1)[0], []).append(n)
    if len(clusters) != 2 or any(len(v) != 3 for v in clusters.values()):
        err(f"claims: expected 2 clusters of 3 documents, found {clusters}")
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])

    nodes = {}          # (file, start) -> (file, text, occ, span)
    spans = {n: [] for n in docs}

    def node(ref, where):
        f, text = ref["file"], ref["text"]
        if f not in docs:
            err(f"claims: {where} names unknown file {f}")
            return None
        occ = ref.get("occurrence", 1)
        raw, masked = docs[f]
        sp = locate(raw, masked, f"claims/{f}", text, occ, "occurrence" in ref)
        if sp is None:
            return None
        key = (f, sp[0])
        if key in nodes:
            if nodes[key][1] != text:
                err(f"claims/{f}: labels {nodes[key][1]!r} and {text!r} start at the same place")
        else:
            for other in spans[f]:
                if sp[0] < other[1] and other[0] < sp[1]:
                    err(f"claims/{f}: {text!r} overlaps another label")
            spans[f].append(sp)
            nodes[key] = (f, text, occ, sp)
        return key

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labelled_pairs = set()
    tally = {"conflict": 0, "differ": 0, "agree": 0}
    for i, p in enumerate(pairs, 1):
        a, b = node(p["a"], f"pair {i}"), node(p["b"], f"pair {i}")
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"claims: pair {i} joins two figures of one document ({a[0]})")
        if a[0].split("-", 1)[0] != b[0].split("-", 1)[0]:
            err(f"claims: pair {i} crosses clusters")
        if not p.get("note"):
            err(f"claims: pair {i} has no note")
        try:
            v = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as e:
            err(f"claims: pair {i}: {e}")
            continue
        if v != p.get("verdict"):
            err(f"claims: pair {i} {p['a']['text']!r} / {p['b']['text']!r}: labelled {p.get('verdict')}, interval rule gives {v}")
        tally[p.get("verdict", "?")] = tally.get(p.get("verdict", "?"), 0) + 1
        k = frozenset((a, b))
        if k in labelled_pairs:
            err(f"claims: pair {i} is labelled twice")
        labelled_pairs.add(k)
        parent[find(a)] = find(b)

    comps = {}
    for k in list(parent):
        comps.setdefault(find(k), []).append(k)
    for members in comps.values():
        files = [m[0] for m in members]
        if len(set(files)) != len(files):
            err(f"claims: a fact has two figures in one document: {[nodes[m][1] for m in members]} in {files}")
        for x, y in combinations(members, 2):
            if frozenset((x, y)) not in labelled_pairs:
                err(f"claims: fact pair not labelled: {nodes[x][:2]} / {nodes[y][:2]}")

    look_keys = set()
    for i, l in enumerate(looks, 1):
        a, b = node(l["a"], f"lookalike {i}"), node(l["b"], f"lookalike {i}")
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"claims: lookalike {i} is inside one document")
        if a[0].split("-", 1)[0] != b[0].split("-", 1)[0]:
            err(f"claims: lookalike {i} crosses clusters")
        if a in parent and b in parent and find(a) == find(b):
            err(f"claims: lookalike {i} joins two figures of one fact")
        if frozenset((a, b)) in labelled_pairs or frozenset((a, b)) in look_keys:
            err(f"claims: lookalike {i} repeats a labelled pair")
        look_keys.add(frozenset((a, b)))
        if not l.get("note"):
            err(f"claims: lookalike {i} has no note")

    for n, (raw, masked) in docs.items():
        toks = money_tokens(masked)
        toks += [(m.start(), m.group(0)) for m in PERCENT.finditer(masked)]
        toks += [(m.start(), m.group(0)) for m in COUNTED.finditer(masked)]
        for pos, tok in toks:
            if not covered(pos, spans[n]):
                line = raw.count("\n", 0, pos) + 1
                err(f"claims/{n}:{line}: figure {tok!r} is in no pair or look-alike")

    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs, expected 25-30")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes, expected 12-15")
    if not 10 <= len(comps) <= 12:
        err(f"claims: {len(comps)} facts, expected about 10-12")
    return docs, pairs, looks, comps, tally


def main():
    sdocs, per_file, tot_s, tot_u = check_sourcing()
    cdocs, pairs, looks, comps, tally = check_claims()
    print("sourcing:")
    for n, (raw, _) in sdocs.items():
        s, u = per_file[n]
        print(f"  {n:28s} {len(raw.split()):4d} words  {s:2d} sourced  {u:2d} unsourced")
    print(f"  total {tot_s + tot_u} figures: {tot_s} sourced, {tot_u} unsourced")
    print("claims:")
    for n, (raw, _) in cdocs.items():
        print(f"  {n:28s} {len(raw.split()):4d} words")
    print(f"  {len(pairs)} pairs ({tally.get('conflict', 0)} conflict, {tally.get('differ', 0)} differ, "
          f"{tally.get('agree', 0)} agree) in {len(comps)} facts; {len(looks)} look-alikes")
    if ERRORS:
        print(f"\n{len(ERRORS)} problem(s):")
        for e in ERRORS:
            print("  - " + e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
