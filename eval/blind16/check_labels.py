#!/usr/bin/env python3
"""Self-check for the blind16 evaluation set (python3 stdlib + tomllib only).

Run from anywhere:  python3 check_labels.py
Exits 0 when every check passes, 1 otherwise.
"""
import os
import re
import sys
import tomllib
from fractions import Fraction
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "sourcing")
CLM = os.path.join(HERE, "claims")

errors = []


def err(msg):
    errors.append(msg)


def read(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as fh:
        return fh.read()


# ---------------------------------------------------------------- masking
def mask(text, markdown):
    """Blank out (with spaces, keeping offsets) text that is not prose."""
    chars = list(text)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    if markdown:
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            blank(m.start(), m.end())
        for m in re.finditer(r"<!--.*?-->", text, re.S):
            blank(m.start(), m.end())
        for m in re.finditer(r"^```.*?^```", text, re.S | re.M):
            blank(m.start(), m.end())
        for m in re.finditer(r"`[^`\n]+`", text):
            blank(m.start(), m.end())
        for m in re.finditer(r"\]\(([^)\s]*)\)", text):
            blank(m.start(1), m.end(1))
    for m in re.finditer(r"(?:https?://|www\.)\S+", text):
        blank(m.start(), m.end())
    for m in re.finditer(r"\S+@\S+\.example\b", text):
        blank(m.start(), m.end())
    return "".join(chars)


# ---------------------------------------------------------------- locating labels
def occurrences(text, needle):
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def locate(where, folder, fname, text, occ, explicit, cache):
    if fname not in cache:
        try:
            cache[fname] = read(folder, fname)
        except FileNotFoundError:
            err(f"{where}: file {fname} missing")
            return None
    raw = cache[fname]
    hits = occurrences(raw, text)
    if not hits:
        err(f"{where}: {text!r} not found in {fname}")
        return None
    if len(hits) > 1 and not explicit:
        err(f"{where}: {text!r} occurs {len(hits)}x in {fname} but has no explicit occurrence")
    if occ < 1 or occ > len(hits):
        err(f"{where}: occurrence {occ} of {text!r} out of range (found {len(hits)}) in {fname}")
        return None
    s = hits[occ - 1]
    e = s + len(text)
    before = raw[s - 2:s] if s >= 2 else raw[:s]
    after = raw[e:e + 2]
    # head / tail of a longer number
    if (before[-1:].isdigit() or (before[-1:] in (".", ",") and before[:1].isdigit())
            or (text[0] == "$" and before[-1:].isalpha())):
        err(f"{where}: {text!r} (occ {occ}) in {fname} is the tail of a longer figure: {raw[s-6:e]!r}")
    if text[-1].isdigit() and (after[:1].isdigit() or (after[:1] in (".", ",") and after[1:2].isdigit())):
        err(f"{where}: {text!r} (occ {occ}) in {fname} is the head of a longer number: {raw[s:e+6]!r}")
    if text[-1].isalpha() and after[:1].isalpha():
        err(f"{where}: {text!r} (occ {occ}) in {fname} ends inside a word: {raw[s:e+6]!r}")
    return (s, e)


# ---------------------------------------------------------------- money tokens
MONEY_RES = [
    r"(?:US\$|C\$|A\$|\$|€|£)\s?\d",
    r"\b(?:dollars?|pounds|euros?|cents?|pence|bucks)\b",
    r"\d\s*¢",
]


def money_tokens(masked):
    out = []
    for rx in MONEY_RES:
        for m in re.finditer(rx, masked, re.I):
            out.append((m.start(), m.end()))
    return out


def covered(span, spans):
    return any(a <= span[0] and span[1] <= b for a, b in spans)


# ---------------------------------------------------------------- words
def words(raw):
    return len(raw.split())


# ================================================================ sourcing
def check_sourcing():
    labels = tomllib.load(open(os.path.join(SRC, "labels.toml"), "rb"))["figure"]
    docs = sorted(f for f in os.listdir(SRC) if f.endswith((".md", ".txt")))
    cache = {}
    spans = {d: [] for d in docs}
    per_doc = {d: [0, 0] for d in docs}
    for i, lab in enumerate(labels, 1):
        where = f"sourcing figure #{i}"
        for k in ("file", "text", "sourced"):
            if k not in lab:
                err(f"{where}: missing {k}")
        f = lab["file"]
        if f not in spans:
            err(f"{where}: unknown file {f}")
            continue
        sp = locate(where, SRC, f, lab["text"], lab.get("occurrence", 1), "occurrence" in lab, cache)
        if sp is None:
            continue
        masked = mask(cache[f], f.endswith(".md"))
        if masked[sp[0]:sp[1]] != cache[f][sp[0]:sp[1]]:
            err(f"{where}: {lab['text']!r} sits in masked (non-prose) text of {f}")
        for o in spans[f]:
            if sp[0] < o[1] and o[0] < sp[1]:
                err(f"{where}: {lab['text']!r} overlaps another label in {f}")
        spans[f].append(sp)
        per_doc[f][0 if lab["sourced"] else 1] += 1
    for d in docs:
        raw = cache.get(d) or read(SRC, d)
        masked = mask(raw, d.endswith(".md"))
        for tok in money_tokens(masked):
            if not covered(tok, spans[d]):
                a, b = tok
                err(f"sourcing {d}: unlabelled money token {raw[max(0,a-25):b+15]!r}")
        w = words(raw)
        if not 280 <= w <= 340:
            err(f"sourcing {d}: {w} words, want 280-340")
        s, u = per_doc[d]
        if s + u != 12:
            err(f"sourcing {d}: {s+u} figures, want 12")
        print(f"  sourcing/{d:24s} {w:4d} words  {s+u:2d} figures ({s} sourced, {u} unsourced)")
    md = sum(d.endswith(".md") for d in docs)
    if len(docs) != 6 or md != 3:
        err(f"sourcing: {len(docs)} documents ({md} .md), want 6 (3 .md)")
    s = sum(v[0] for v in per_doc.values())
    u = sum(v[1] for v in per_doc.values())
    print(f"  sourcing total: {len(labels)} figures, {s} sourced, {u} unsourced")
    if len(labels) != 72:
        err(f"sourcing: {len(labels)} labels, want 72")


# ================================================================ interval rule
QUALS = [
    ("more than", "more"), ("over", "more"), ("at least", "atleast"),
    ("nearly", "nearly"), ("up to", "upto"), ("less than", "less"),
    ("about", "about"), ("roughly", "about"), ("some", "about"),
]
SCALE = {"": 1, "k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6,
         "bn": 10**9, "billion": 10**9}
NUM = r"(?:us\$|c\$|\$|€|£)?\s*(\d[\d,]*(?:\.\d+)?)\s*(?:-\s*)?(k|thousand|million|m|billion|bn)?(?![a-z])"


def num_step(s, scale):
    s = s.replace(",", "")
    if "." in s:
        dec = len(s.split(".")[1])
        v = Fraction(s)
        step = Fraction(1, 10**dec)
    else:
        v = Fraction(int(s))
        t = len(s) - len(s.rstrip("0")) if int(s) != 0 else 0
        step = Fraction(10**t)
    return v * scale, step * scale


def kind(text):
    t = text.lower()
    if re.search(r"us\$|c\$|\$|€|£", t):
        return "money"
    if "%" in t or "percent" in t:
        return "percent"
    return "count"


def parse(text):
    """Return (stated, interval) with interval = (lo, lo_closed, hi, hi_closed)."""
    t = text.lower().strip()
    m = re.match(r"between\s+(.*?)\s+and\s+(.*)$", t)
    if m:
        a, b = parse(m.group(1))[0], parse(m.group(2))[0]
        return (a, b), (a, True, b, True)
    q = None
    for w, k in QUALS:
        if t.startswith(w + " "):
            q, t = k, t[len(w) + 1:]
            break
    m = re.match(NUM, t)
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    v, step = num_step(m.group(1), SCALE[(m.group(2) or "")])
    if q is None:
        iv = (v - step / 2, True, v + step / 2, False)
    elif q == "about":
        d = max(step / 2, v / 20)
        iv = (v - d, True, v + d, True)
    elif q == "more":
        iv = (v, False, v + step, True)
    elif q == "atleast":
        iv = (v, True, v + step, True)
    elif q == "nearly":
        iv = (v * Fraction(95, 100), True, v, False)
    elif q == "upto":
        iv = (Fraction(0), True, v, True)
    elif q == "less":
        iv = (Fraction(0), True, v, False)
    return v, iv


def overlap(x, y):
    lo = max(x[0], y[0])
    hi = min(x[2], y[2])
    if lo < hi:
        return True
    if lo > hi:
        return False
    lo_closed = all(iv[1] for iv in (x, y) if iv[0] == lo)
    hi_closed = all(iv[3] for iv in (x, y) if iv[2] == hi)
    return lo_closed and hi_closed


def verdict(ta, tb):
    va, ia = parse(ta)
    vb, ib = parse(tb)
    if not overlap(ia, ib):
        return "conflict"
    return "agree" if va == vb else "differ"


# ================================================================ claims
# Numbers in the claims prose that are not story quantities (checked by context).
CLAIMS_IGNORE = {
    "maternity-gazette.md": [r"70-minute", r"Highway 12", r"555-0128"],
    "maternity-newsletter.txt": [r"40 miles"],
    "maternity-wire.txt": [],
    "pool-council.md": [r"5-2", r"50-meter", r"10-visit", r"555-0171"],
    "pool-daily.md": [r"5-2"],
    "pool-blog.txt": [],
}
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"


def check_claims():
    data = tomllib.load(open(os.path.join(CLM, "labels.toml"), "rb"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    docs = sorted(f for f in os.listdir(CLM) if f.endswith((".md", ".txt")))
    cache = {}
    spans = {d: {} for d in docs}   # doc -> {(s,e): text}

    def node(where, ref):
        f = ref["file"]
        if f not in spans:
            err(f"{where}: unknown file {f}")
            return None
        sp = locate(where, CLM, f, ref["text"], ref.get("occurrence", 1), "occurrence" in ref, cache)
        if sp is None:
            return None
        masked = mask(cache[f], f.endswith(".md"))
        if masked[sp[0]:sp[1]] != cache[f][sp[0]:sp[1]]:
            err(f"{where}: {ref['text']!r} sits in masked text of {f}")
        for o in spans[f]:
            if o != sp and sp[0] < o[1] and o[0] < sp[1]:
                err(f"{where}: {ref['text']!r} overlaps label {spans[f][o]!r} in {f}")
        spans[f][sp] = ref["text"]
        return (f, sp)

    # union-find over pair edges
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = set()
    tally = {"conflict": 0, "differ": 0, "agree": 0}
    for i, p in enumerate(pairs, 1):
        where = f"claims pair #{i}"
        a, b = node(where, p["a"]), node(where, p["b"])
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in {a[0]}")
        if kind(p["a"]["text"]) != kind(p["b"]["text"]):
            err(f"{where}: different kinds of quantity")
        try:
            v = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as e:
            err(f"{where}: {e}")
            continue
        if v != p.get("verdict"):
            err(f"{where}: labelled {p.get('verdict')!r} but the interval rule gives {v!r} "
                f"({p['a']['text']!r} vs {p['b']['text']!r})")
        if not p.get("note"):
            err(f"{where}: missing note")
        tally[p.get("verdict", "?")] = tally.get(p.get("verdict", "?"), 0) + 1
        e = frozenset((a, b))
        if e in edges:
            err(f"{where}: duplicate pair")
        edges.add(e)
        parent[find(a)] = find(b)

    comps = {}
    for n in list(parent):
        comps.setdefault(find(n), []).append(n)
    for members in comps.values():
        files = [m[0] for m in members]
        if len(files) != len(set(files)):
            err(f"claims fact {[spans[m[0]][m[1]] for m in members]}: two figures in one document")
        for x, y in combinations(members, 2):
            if frozenset((x, y)) not in edges:
                err(f"claims fact: unlabelled pair {x[0]}:{spans[x[0]][x[1]]!r} / {y[0]}:{spans[y[0]][y[1]]!r}")

    for i, l in enumerate(looks, 1):
        where = f"claims lookalike #{i}"
        a, b = node(where, l["a"]), node(where, l["b"])
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in {a[0]}")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: joins two figures of one fact")
        if not l.get("note"):
            err(f"{where}: missing note")

    # completeness: money tokens and every other number in the prose
    for d in docs:
        raw = cache.get(d) or read(CLM, d)
        masked = mask(raw, d.endswith(".md"))
        labelled = list(spans[d].keys())
        for tok in money_tokens(masked):
            if not covered(tok, labelled):
                a, b = tok
                err(f"claims {d}: unlabelled money token {raw[max(0,a-25):b+15]!r}")
        ign = []
        for rx in CLAIMS_IGNORE.get(d, []):
            for m in re.finditer(re.escape(rx), masked):
                ign.append((m.start(), m.end()))
        for m in re.finditer(r"\d[\d,.]*\d|\d", masked):
            sp = (m.start(), m.end())
            tok = m.group()
            if covered(sp, labelled) or covered(sp, ign):
                continue
            if re.fullmatch(r"(19|20)\d\d", tok):
                continue  # a year
            if re.search(MONTHS + r"\s*$", masked[max(0, sp[0] - 12):sp[0]]):
                continue  # a day of the month
            if re.search(r"^\s*(?:a\.m\.|p\.m\.)", masked[sp[1]:sp[1] + 6]) or re.fullmatch(r"\d{1,2}:\d\d", tok):
                continue  # a time
            err(f"claims {d}: unlabelled number {raw[max(0,sp[0]-25):sp[1]+20]!r}")
        w = words(raw)
        if not 260 <= w <= 320:
            err(f"claims {d}: {w} words, want 260-320")
        print(f"  claims/{d:26s} {w:4d} words  {len(spans[d]):2d} labelled figures")

    md = sum(d.endswith(".md") for d in docs)
    if len(docs) != 6 or md != 3:
        err(f"claims: {len(docs)} documents ({md} .md), want 6 (3 .md)")
    prefixes = {d.split("-")[0] for d in docs}
    for pre in prefixes:
        n = sum(d.startswith(pre + "-") for d in docs)
        if n != 3:
            err(f"claims cluster {pre}: {n} documents, want 3")
    if len(prefixes) != 2:
        err(f"claims: {len(prefixes)} clusters, want 2")
    # a pair must stay inside its cluster
    for p in pairs:
        if p["a"]["file"].split("-")[0] != p["b"]["file"].split("-")[0]:
            err(f"claims pair across clusters: {p['a']} / {p['b']}")
    print(f"  claims total: {len(comps)} facts, {len(pairs)} pairs "
          f"({tally['conflict']} conflict, {tally['differ']} differ, {tally['agree']} agree), "
          f"{len(looks)} look-alikes")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs, want 25-30")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes, want 12-15")


def main():
    print("blind16 label check")
    check_sourcing()
    check_claims()
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print("\nPASS: all checks passed")


if __name__ == "__main__":
    main()
