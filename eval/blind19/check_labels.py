#!/usr/bin/env python3
"""Consistency checker for the blind19 evaluation set (python3 stdlib + tomllib only).

Checks
  * every label's text occurs verbatim at its occurrence (1-based, counted over the raw file);
    a text that occurs more than once always carries an explicit occurrence;
  * no label match is the head or tail of a longer number, and no occurrence of a label
    text anywhere in its file is part of a longer number (so occurrence counting is unambiguous);
  * no two labels share a span; no label sits inside non-prose (front matter, HTML comment,
    code, link target, URL);
  * completeness: every money token in the prose (after masking non-prose) is inside a label;
    in claims/, every other number token is a year, date, time, phone number or ordinal-free
    non-figure that is explicitly allowed;
  * every pair's verdict is recomputed from the interval rule;
  * facts (connected components of pairs) never hold two figures of one document, every
    cross-document pair inside a fact is labelled, and a look-alike never joins two figures of
    one fact;
  * counts (documents, figures, sourced/unsourced, pairs, look-alikes, facts) and word counts.

Usage: python3 check_labels.py   (exit status 0 when everything passes)
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


# ---------------------------------------------------------------------------- locating
def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def clean_boundary(raw, start, end):
    """False when raw[start:end] is the head or tail of a longer number/amount."""
    before = raw[start - 1] if start > 0 else ""
    before2 = raw[start - 2] if start > 1 else ""
    after = raw[end] if end < len(raw) else ""
    after2 = raw[end + 1] if end + 1 < len(raw) else ""
    if before.isdigit() or before in "$€£":
        return False
    if before.isalpha() and raw[start] in "$€£":  # e.g. "$5" inside "US$5" / "C$5"
        return False
    if before in ".,-–" and before2.isdigit():
        return False
    if after.isdigit() or after.isalpha():
        return False
    if after in ".," and after2.isdigit():
        return False
    if after in "-–" and (after2.isdigit() or after2 in "$€£"):
        return False
    return True


def locate(files, label, where):
    fname, text = label["file"], label["text"]
    if fname not in files:
        err(f"{where}: unknown file {fname}")
        return None
    raw = files[fname]["raw"]
    occ = occurrences(raw, text)
    if not occ:
        err(f"{where}: text {text!r} not found in {fname}")
        return None
    if len(occ) > 1 and "occurrence" not in label:
        err(f"{where}: text {text!r} occurs {len(occ)} times in {fname} but has no explicit occurrence")
    for pos in occ:
        if not clean_boundary(raw, pos, pos + len(text)):
            err(f"{where}: an occurrence of {text!r} in {fname} at offset {pos} is part of a longer number")
    n = label.get("occurrence", 1)
    if not 1 <= n <= len(occ):
        err(f"{where}: occurrence {n} of {text!r} out of range (found {len(occ)}) in {fname}")
        return None
    start = occ[n - 1]
    end = start + len(text)
    mask = files[fname]["mask"]
    if any(mask[start:end]):
        err(f"{where}: {text!r} (occurrence {n}) in {fname} lies in non-prose (front matter/comment/code/link target/URL)")
    return (fname, start, end)


# ---------------------------------------------------------------------------- masking
def build_mask(raw, markdown):
    mask = [False] * len(raw)

    def cover(a, b):
        for i in range(a, b):
            mask[i] = True

    if markdown:
        m = re.match(r"---\n.*?\n---\n", raw, re.S)
        if m:
            cover(m.start(), m.end())
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            cover(m.start(), m.end())
        for m in re.finditer(r"^```.*?^```", raw, re.S | re.M):
            cover(m.start(), m.end())
        for m in re.finditer(r"`[^`\n]+`", raw):
            cover(m.start(), m.end())
        for m in re.finditer(r"\]\(([^)\s]*)\)", raw):
            cover(m.start(1), m.end(1))
    for m in re.finditer(r"https?://\S+", raw):
        cover(m.start(), m.end())
    for m in re.finditer(r"[\w.@/-]*\.example[\w./?=&$%-]*", raw):
        cover(m.start(), m.end())
    return mask


MONEY_RE = re.compile(
    r"(?:US|C|A)?[$€£]\s?\d"
    r"|\b\d+(?:\.\d+)?p\b(?!\.)"
    r"|\b(?:dollars?|euros?|pounds|cents?|pence|quid|bucks)\b"
)


def money_tokens(raw, mask):
    out = []
    for m in MONEY_RE.finditer(raw):
        if any(mask[m.start():m.end()]):
            continue
        out.append((m.start(), m.end(), m.group(0)))
    return out


def load_docs(folder):
    files = {}
    for p in sorted(folder.iterdir()):
        if p.suffix not in (".md", ".txt"):
            continue
        raw = p.read_text(encoding="utf-8")
        files[p.name] = {"raw": raw, "mask": build_mask(raw, p.suffix == ".md")}
    return files


def word_count(raw):
    return len(raw.split())


# ---------------------------------------------------------------------------- intervals
QUALS = [
    ("more than", "more"), ("over", "more"), ("at least", "atleast"), ("nearly", "nearly"),
    ("almost", "nearly"), ("up to", "upto"), ("less than", "less"), ("under", "less"),
    ("about", "about"), ("roughly", "about"), ("some", "about"), ("approximately", "about"),
    ("around", "about"),
]
UNITS = {"million": 10**6, "m": 10**6, "M": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9,
         "thousand": 10**3, "k": 10**3, "K": 10**3}
CUR = r"(?:US|C|A)?[$€£]?"
NUM = r"(\d[\d,]*(?:\.\d+)?)"
UNIT = r"(?:[\s-]?(million|billion|thousand|mn|bn|m|M|k|K)\b)?"


def parse_number(num, unit):
    s = num.replace(",", "")
    mult = UNITS.get(unit, 1) if unit else 1
    if "." in s:
        d = len(s.split(".")[1])
        step = Fraction(1, 10**d)
    else:
        t = len(s) - len(s.rstrip("0"))
        if t == len(s):
            t = 0
        step = Fraction(10**t)
    return Fraction(s) * mult, step * mult


def parse_figure(text):
    """Return (kind, value(s), interval) where interval = (lo, lo_closed, hi, hi_closed)."""
    t = text.strip()
    low = t.lower()
    qual = "exact"
    for word, q in QUALS:
        if low.startswith(word + " "):
            qual = q
            t = t[len(word) + 1:]
            low = t.lower()
            break
    rng = re.match(rf"(?:between\s+)?{CUR}{NUM}{UNIT}\s*(?:-|–|to|and)\s*{CUR}{NUM}{UNIT}", t)
    if rng and qual == "exact" and (low.startswith("between") or re.match(rf"{CUR}\d[\d,.]*{UNIT}\s*(?:-|–|to)", t)):
        u1, u2 = rng.group(2), rng.group(4)
        a, _ = parse_number(rng.group(1), u1 or u2)
        b, _ = parse_number(rng.group(3), u2)
        return ("range", (a, b), (a, True, b, True))
    m = re.match(rf"{CUR}{NUM}{UNIT}", t)
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    v, step = parse_number(m.group(1), m.group(2))
    if qual == "exact":
        iv = (v - step / 2, True, v + step / 2, False)
    elif qual == "about":
        half = max(step / 2, v / 20)
        iv = (v - half, True, v + half, True)
    elif qual == "more":
        iv = (v, False, v + step, True)
    elif qual == "atleast":
        iv = (v, True, v + step, True)
    elif qual == "nearly":
        iv = (v * Fraction(95, 100), True, v, False)
    elif qual == "upto":
        iv = (Fraction(0), True, v, True)
    elif qual == "less":
        iv = (Fraction(0), True, v, False)
    return ("point", (v,), iv)


def disjoint(a, b):
    def left_of(x, y):  # x entirely below y
        return x[2] < y[0] or (x[2] == y[0] and not (x[3] and y[1]))
    return left_of(a, b) or left_of(b, a)


def verdict(ta, tb):
    ka, va, ia = parse_figure(ta)
    kb, vb, ib = parse_figure(tb)
    if disjoint(ia, ib):
        return "conflict"
    if va == vb:
        return "agree"
    return "differ"


def fmt_iv(iv):
    lo, lc, hi, hc = iv
    f = lambda x: f"{float(x):,.6g}"
    return f"{'[' if lc else '('}{f(lo)}, {f(hi)}{']' if hc else ')'}"


# ---------------------------------------------------------------------------- sourcing
def check_sourcing():
    folder = ROOT / "sourcing"
    files = load_docs(folder)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))["figure"]
    md = [f for f in files if f.endswith(".md")]
    txt = [f for f in files if f.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"sourcing: expected 3 .md + 3 .txt, got {len(md)} + {len(txt)}")
    spans = {}
    per_file = {f: [0, 0] for f in files}
    for i, lab in enumerate(labels):
        where = f"sourcing figure #{i + 1} ({lab.get('file')}, {lab.get('text')!r})"
        if not isinstance(lab.get("sourced"), bool):
            err(f"{where}: 'sourced' must be true/false")
        span = locate(files, lab, where)
        if span is None:
            continue
        for other, owhere in spans.items():
            if other[0] == span[0] and other[1] < span[2] and span[1] < other[2]:
                err(f"{where}: span overlaps {owhere}")
        spans[span] = where
        raw = files[span[0]]["raw"]
        if not MONEY_RE.search(raw[span[1]:span[2]]):
            err(f"{where}: label contains no money token")
        per_file[span[0]][0 if lab["sourced"] else 1] += 1
    # completeness
    for fname, d in files.items():
        for s, e, tok in money_tokens(d["raw"], d["mask"]):
            if not any(sp[0] == fname and sp[1] <= s and e <= sp[2] for sp in spans):
                line = d["raw"].count("\n", 0, s) + 1
                err(f"sourcing: unlabelled money token {tok!r} in {fname} line {line}")
    total_s = total_u = 0
    print("sourcing/")
    for fname in files:
        s, u = per_file[fname]
        total_s += s
        total_u += u
        wc = word_count(files[fname]["raw"])
        print(f"  {fname:24s} words={wc:3d} figures={s + u:2d} sourced={s:2d} unsourced={u:2d}")
        if not 280 <= wc <= 340:
            err(f"sourcing: {fname} has {wc} words (want 280-340)")
        if s + u != 12:
            err(f"sourcing: {fname} has {s + u} figures (want 12)")
        if abs(s - u) > 2:
            err(f"sourcing: {fname} is unbalanced ({s} sourced / {u} unsourced)")
    print(f"  total figures={total_s + total_u} sourced={total_s} unsourced={total_u}")
    if total_s + total_u != 72:
        err(f"sourcing: {total_s + total_u} figures in all (want 72)")


# ---------------------------------------------------------------------------- claims
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def allowed_number(raw, s, e):
    tok = raw[s:e]
    after = raw[e:e + 12]
    before = raw[max(0, s - 12):s]
    if re.fullmatch(r"(1[89]|20)\d\d", tok) or (re.fullmatch(r"(1[89]|20)\d\d", tok[:4]) and after.startswith("s")):
        return True  # year / decade
    if re.search(MONTHS + r"\s$", before) or re.match(r"\s" + MONTHS, after):
        return True  # date
    if re.search(r"555-$", before) or after.startswith("-0") and tok == "555":
        return True  # phone number
    return False


def check_claims():
    folder = ROOT / "claims"
    files = load_docs(folder)
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    md = [f for f in files if f.endswith(".md")]
    txt = [f for f in files if f.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"claims: expected 3 .md + 3 .txt, got {len(md)} + {len(txt)}")
    clusters = {}
    for f in files:
        clusters.setdefault(f.split("-")[0], []).append(f)
    if len(clusters) != 2 or any(len(v) != 3 for v in clusters.values()):
        err(f"claims: expected 2 clusters of 3 documents, got {clusters}")

    figs = {}  # span -> text

    def endpoint(lab, where):
        span = locate(files, lab, where)
        if span is not None:
            figs[span] = lab["text"]
        return span

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = set()
    tally = {"conflict": 0, "differ": 0, "agree": 0}
    print("claims/ pairs")
    for i, p in enumerate(pairs):
        where = f"pair #{i + 1} ({p['a']['text']!r} / {p['b']['text']!r})"
        a, b = endpoint(p["a"], where + " a"), endpoint(p["b"], where + " b")
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in one document")
        if a[0].split("-")[0] != b[0].split("-")[0]:
            err(f"{where}: figures in different clusters")
        key = frozenset((a, b))
        if key in edges:
            err(f"{where}: duplicate pair")
        edges.add(key)
        parent[find(a)] = find(b)
        try:
            v = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as ex:
            err(f"{where}: {ex}")
            continue
        ia, ib = parse_figure(p["a"]["text"])[2], parse_figure(p["b"]["text"])[2]
        print(f"  {v:8s} {p['a']['text']!r:28s} {fmt_iv(ia):28s} {p['b']['text']!r:28s} {fmt_iv(ib)}")
        if v != p.get("verdict"):
            err(f"{where}: labelled {p.get('verdict')!r} but interval rule gives {v!r}")
        if v in tally:
            tally[v] += 1
        if not p.get("note"):
            err(f"{where}: missing note")
    # facts
    comps = {}
    for f in list(parent):
        comps.setdefault(find(f), []).append(f)
    print(f"claims/ facts: {len(comps)}")
    for members in comps.values():
        docs = [m[0] for m in members]
        if len(set(docs)) != len(docs):
            err(f"claims: a fact has two figures in one document: {[figs[m] for m in members]}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in edges:
                err(f"claims: unlabelled cross-document pair inside a fact: {figs[x]!r} ({x[0]}) / {figs[y]!r} ({y[0]})")
        print("  " + " | ".join(f"{m[0]}: {figs[m]}" for m in sorted(members)))
    # look-alikes
    lk = set()
    for i, l in enumerate(looks):
        where = f"lookalike #{i + 1} ({l['a']['text']!r} / {l['b']['text']!r})"
        a, b = endpoint(l["a"], where + " a"), endpoint(l["b"], where + " b")
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in one document")
        if frozenset((a, b)) in edges:
            err(f"{where}: also labelled as a pair")
        if find(a) == find(b):
            err(f"{where}: joins two figures of one fact")
        if frozenset((a, b)) in lk:
            err(f"{where}: duplicate look-alike")
        lk.add(frozenset((a, b)))
        if not l.get("note"):
            err(f"{where}: missing note")
    # overlapping distinct figures
    spans = sorted(figs)
    for x, y in combinations(spans, 2):
        if x[0] == y[0] and x != y and x[1] < y[2] and y[1] < x[2]:
            err(f"claims: figures {figs[x]!r} and {figs[y]!r} in {x[0]} overlap")
    # completeness: money tokens and other numbers
    for fname, d in files.items():
        raw, mask = d["raw"], d["mask"]
        inside = lambda s, e: any(sp[0] == fname and sp[1] <= s and e <= sp[2] for sp in spans)
        for s, e, tok in money_tokens(raw, mask):
            if not inside(s, e):
                err(f"claims: unlabelled money token {tok!r} in {fname} line {raw.count(chr(10), 0, s) + 1}")
        for m in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?", raw):
            s, e = m.start(), m.end()
            if any(mask[s:e]) or inside(s, e) or allowed_number(raw, s, e):
                continue
            err(f"claims: number {m.group(0)!r} in {fname} line {raw.count(chr(10), 0, s) + 1} is in no pair or look-alike")
    # counts
    print("claims/ documents")
    for fname, d in files.items():
        wc = word_count(d["raw"])
        nfig = sum(1 for sp in spans if sp[0] == fname)
        print(f"  {fname:24s} words={wc:3d} labelled figures={nfig}")
        if not 260 <= wc <= 320:
            err(f"claims: {fname} has {wc} words (want 260-320)")
    print(f"claims/ pairs={len(pairs)} ({tally}) lookalikes={len(looks)} facts={len(comps)} figures={len(spans)}")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs (want 25-30)")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes (want 12-15)")
    if not 10 <= len(comps) <= 12:
        err(f"claims: {len(comps)} facts (want 10-12)")
    if min(tally.values()) == 0:
        err(f"claims: verdict mix lacks a kind: {tally}")


def self_test():
    # the two worked examples from the corpora README
    assert verdict("nearly $220 million", "more than $220 million") == "conflict"
    assert verdict("$310 million", "$315 million") == "differ"
    assert parse_figure("$300 million")[2][0] == 250 * 10**6
    assert parse_figure("$1.5-2 million")[0] == "range"
    assert parse_figure("between 35 and 52 cents")[0] == "range"


if __name__ == "__main__":
    self_test()
    check_sourcing()
    check_claims()
    if ERRORS:
        print(f"\nFAIL: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  - " + e)
        sys.exit(1)
    print("\nOK: all checks passed")
