#!/usr/bin/env python3
"""Mechanical check of the blind27 labels (python3 stdlib + tomllib only).

Usage:  python3 check_labels.py          (run from anywhere; exits 1 on any error)

Checks
  both corpora
    * every label's text occurs verbatim in its file at the stated occurrence
      (occurrences counted over the raw file, overlapping, substrings included);
      a text that occurs more than once must carry an explicit `occurrence`
    * a qualifier word written just before the span (about, more than, an estimated ...)
      is part of the text
    * the located span is a whole figure: no letter/digit glued on either side
      (so "$3 million" cannot silently sit inside "$31 million")
    * no label lies inside masked text: YAML front matter, HTML comments, fenced
      code, inline code, Markdown link targets, bare URLs, e-mail addresses
    * no two labels of one corpus point at overlapping spans unless they are the
      same figure (the same figure may appear in several pairs / look-alikes)
  sourcing
    * every money token in unmasked text is covered by exactly one label, and every
      label covers at least one money token
    * `sourced` is a boolean
  claims
    * every number token (digits, percentages, money) and every spelled number word
      in unmasked text is covered by a labelled figure or is a declared non-figure
      (dates, years, times: NON_FIGURES below)
    * every verdict is recomputed from the interval rule with exact fractions
    * facts are the connected components of the pair graph: no two figures of one
      fact in one document, every cross-document pair inside a fact is labelled,
      pairs join different documents, no look-alike joins two figures of one fact,
      every labelled figure belongs to a pair or a look-alike (true by construction)
"""
from __future__ import annotations

import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ERRORS: list[str] = []


def err(msg: str) -> None:
    ERRORS.append(msg)


# ----------------------------------------------------------------------------- masking
def masked_spans(raw: str, is_md: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if is_md:
        m = re.match(r"---\n.*?\n---\n", raw, re.S)
        if m:
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"^```.*?^```[^\n]*$", raw, re.S | re.M):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"`[^`\n]+`", raw):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"\]\(([^)\s]+)\)", raw):
            spans.append((m.start(1), m.end(1)))
    for m in re.finditer(r"https?://[^\s)>\]]+", raw):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", raw):
        spans.append((m.start(), m.end()))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside_any(span, spans) -> bool:
    return any(overlaps(span, s) for s in spans)


# ----------------------------------------------------------------------------- locating
def all_occurrences(raw: str, text: str) -> list[int]:
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


QUALIFIERS = ("about", "roughly", "some", "more than", "over", "at least", "nearly",
              "up to", "less than", "between", "an estimated", "almost", "around")


def locate(corpus: Path, ref: dict, where: str):
    """Return (file, start, end) for a label reference or None."""
    fname, text = ref.get("file"), ref.get("text")
    if not fname or not text:
        err(f"{where}: file and text are required")
        return None
    path = corpus / fname
    if not path.is_file():
        err(f"{where}: no such file {fname}")
        return None
    raw = path.read_text(encoding="utf-8")
    occ = all_occurrences(raw, text)
    n = len(occ)
    if n == 0:
        err(f"{where}: {text!r} does not occur in {fname}")
        return None
    if n > 1 and "occurrence" not in ref:
        err(f"{where}: {text!r} occurs {n} times in {fname} but has no explicit occurrence")
        return None
    k = ref.get("occurrence", 1)
    if not isinstance(k, int) or not 1 <= k <= n:
        err(f"{where}: occurrence {k!r} out of range 1..{n} for {text!r} in {fname}")
        return None
    s = occ[k - 1]
    e = s + len(text)
    before = raw[s - 1] if s > 0 else " "
    after = raw[e] if e < len(raw) else " "
    after2 = raw[e + 1] if e + 1 < len(raw) else " "
    if before.isalnum() or (before in ".," and s > 1 and raw[s - 2].isdigit()):
        err(f"{where}: {text!r} in {fname} is glued to preceding text {raw[max(0, s-8):s]!r}")
    if after.isalnum() or (after in ".," and after2.isdigit()):
        err(f"{where}: {text!r} in {fname} is glued to following text {raw[e:e+8]!r}")
    head = raw[max(0, s - 20):s].lower()
    for q in QUALIFIERS:
        if head.endswith(q + " ") and not text.lower().startswith(q):
            err(f"{where}: {text!r} in {fname} leaves out the qualifier {q!r} before it")
    spans = masked_spans(raw, fname.endswith(".md"))
    if inside_any((s, e), spans):
        err(f"{where}: {text!r} (occurrence {k}) in {fname} lies inside masked text")
    return (fname, s, e)


# ----------------------------------------------------------------------------- tokens
NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
SCALE = r"(?:[\s-]?(?:million|billion|thousand|bn|k|K|M|m)\b)?"
MONEY_RES = [
    re.compile(r"(?:US\$|A\$|C\$|NZ\$|\$|€|£)\s?" + NUM + SCALE),
    re.compile(r"\b(?:USD|EUR|GBP|CHF)\s?" + NUM + SCALE),
    re.compile(NUM + SCALE + r"\s?(?:USD|EUR|GBP|CHF)\b"),
    re.compile(r"\b" + NUM + r"\s?(?:cents|cent|pence|p|¢)(?![\w])"),
    re.compile(r"\b" + NUM + SCALE + r"\s(?:dollars|euros|pounds)\b"),
    # spelled amounts: a money noun preceded by number words ("half a million euros")
    re.compile(
        r"\b(?:(?:half|quarter|a|an|of|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
        r"hundred|thousand|million|billion)[\s-]+)+(?:dollars|euros|pounds|cents|pence)\b",
        re.I,
    ),
]
NUMBER_RE = re.compile(NUM)
NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen|dozens|half)\b",
    re.I,
)


def money_tokens(raw: str) -> list[tuple[int, int]]:
    toks = []
    for rx in MONEY_RES:
        for m in rx.finditer(raw):
            span = (m.start(), m.end())
            if not any(overlaps(span, t) for t in toks):
                toks.append(span)
    return sorted(toks)


# ----------------------------------------------------------------------------- intervals
WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "twenty": 20}
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "bn": 10**9,
          "billion": 10**9}


def parse_number(s: str):
    """'1,150' -> (Fraction(1150), step 10); '14.2' -> (14.2, 0.1)."""
    s = s.replace(",", "")
    if "." in s:
        whole, dec = s.split(".")
        return F(s), F(1, 10 ** len(dec))
    v = int(s)
    z = len(s) - len(s.rstrip("0")) if v else 0
    return F(v), F(10 ** z)


FIG_RE = re.compile(
    r"^(?P<q>about|roughly|some|more than|over|at least|nearly|up to|less than|between)?\s*"
    r"(?:US\$|\$|€|£)?(?P<a>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s*(?:-|to|and)\s*(?:US\$|\$|€|£)?(?P<b>\d[\d,]*(?:\.\d+)?))?"
    r"\s*(?P<scale>million|billion|thousand|bn|k|m)?\b"
    r"(?P<rest>.*)$",
    re.I,
)


def interval(text: str):
    """Return (stated, (lo, lo_closed, hi, hi_closed)) with exact fractions."""
    m = FIG_RE.match(text.strip())
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    q = (m["q"] or "").lower()
    scale = SCALES.get((m["scale"] or "").lower(), 1)
    v, step = parse_number(m["a"])
    v, step = v * scale, step * scale
    if m["b"]:
        b, _ = parse_number(m["b"])
        b *= scale
        return (v, b), (v, True, b, True)
    if q == "between":
        raise ValueError(f"'between' without a range in {text!r}")
    if q in ("about", "roughly", "some"):
        d = max(step / 2, v * F(5, 100))
        return v, (v - d, True, v + d, True)
    if q in ("more than", "over"):
        return v, (v, False, v + step, True)
    if q == "at least":
        return v, (v, True, v + step, True)
    if q == "nearly":
        return v, (v * F(95, 100), True, v, False)
    if q == "up to":
        return v, (F(0), True, v, True)
    if q == "less than":
        return v, (F(0), True, v, False)
    return v, (v - step / 2, True, v + step / 2, False)


def intersect(i1, i2) -> bool:
    lo1, lc1, hi1, hc1 = i1
    lo2, lc2, hi2, hc2 = i2
    # lower bound of the intersection
    if lo1 > lo2:
        lo, lc = lo1, lc1
    elif lo2 > lo1:
        lo, lc = lo2, lc2
    else:
        lo, lc = lo1, lc1 and lc2
    if hi1 < hi2:
        hi, hc = hi1, hc1
    elif hi2 < hi1:
        hi, hc = hi2, hc2
    else:
        hi, hc = hi1, hc1 and hc2
    return lo < hi or (lo == hi and lc and hc)


def verdict(t1: str, t2: str) -> str:
    v1, i1 = interval(t1)
    v2, i2 = interval(t2)
    if not intersect(i1, i2):
        return "conflict"
    return "agree" if v1 == v2 else "differ"


def fmt(i) -> str:
    lo, lc, hi, hc = i
    f = lambda x: f"{float(x):,.6g}"
    return f"{'[' if lc else '('}{f(lo)}, {f(hi)}{']' if hc else ')'}"


# ----------------------------------------------------------------------------- sourcing
def check_sourcing() -> dict:
    corpus = ROOT / "sourcing"
    labels = tomllib.loads((corpus / "labels.toml").read_text(encoding="utf-8"))
    figs = labels.get("figure", [])
    per_file: dict[str, list[tuple[int, int]]] = {}
    stats = {"sourced": 0, "unsourced": 0, "files": {}}
    seen = set()
    for n, f in enumerate(figs, 1):
        where = f"sourcing figure #{n} ({f.get('file')}: {f.get('text')!r})"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: sourced must be true or false")
        loc = locate(corpus, f, where)
        if not loc:
            continue
        if loc in seen:
            err(f"{where}: duplicate label")
        seen.add(loc)
        per_file.setdefault(loc[0], []).append(loc[1:])
        stats["sourced" if f.get("sourced") else "unsourced"] += 1
        fs = stats["files"].setdefault(loc[0], [0, 0])
        fs[0 if f.get("sourced") else 1] += 1
    docs = sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt"))
    for p in docs:
        raw = p.read_text(encoding="utf-8")
        masks = masked_spans(raw, p.suffix == ".md")
        spans = sorted(per_file.get(p.name, []))
        for a, b in combinations(spans, 2):
            if overlaps(a, b):
                err(f"sourcing {p.name}: labels overlap: {raw[a[0]:a[1]]!r} / {raw[b[0]:b[1]]!r}")
        toks = money_tokens(raw)
        for t in toks:
            if inside_any(t, masks):
                continue
            cover = [s for s in spans if s[0] <= t[0] and t[1] <= s[1]]
            if len(cover) != 1:
                err(f"sourcing {p.name}: money token {raw[t[0]:t[1]]!r} at {t[0]} covered by {len(cover)} labels")
        for s in spans:
            if not any(s[0] <= t[0] and t[1] <= s[1] for t in toks):
                err(f"sourcing {p.name}: label {raw[s[0]:s[1]]!r} contains no money token")
        stats["files"].setdefault(p.name, [0, 0])
    for name in per_file:
        if not (corpus / name).exists():
            err(f"sourcing: labels name missing file {name}")
    return stats


# ----------------------------------------------------------------------------- claims
# Non-figures that may appear in claims documents: dates, years, times of day.
NON_FIGURES = {
    "corran-star-wire.md": ["May 6"],
    "tollerby-gazette-grounding.txt": ["May 8", "2019"],
    "corran-star-maritime-weekly.md": ["May 13", "2021", "2016"],
    "holloway-strike-ledger.md": ["October 2"],
    "holloway-strike-radio.txt": ["OCTOBER 3"],
    "holloway-strike-column.md": ["October 5", "2016"],
}


def check_claims() -> dict:
    corpus = ROOT / "claims"
    labels = tomllib.loads((corpus / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = labels.get("pair", []), labels.get("lookalike", [])
    nodes: dict[tuple, str] = {}  # (file, start, end) -> text
    edges = []
    stats = {"pairs": {"conflict": 0, "differ": 0, "agree": 0}, "lookalikes": len(looks)}

    def node(ref, where):
        loc = locate(corpus, ref, where)
        if loc:
            nodes[loc] = ref["text"]
            try:
                interval(ref["text"])
            except ValueError as e:
                err(f"{where}: {e}")
                return None
        return loc

    for n, p in enumerate(pairs, 1):
        where = f"pair #{n}"
        a, b = node(p.get("a", {}), where + ".a"), node(p.get("b", {}), where + ".b")
        if not (a and b):
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in {a[0]}")
        want = p.get("verdict")
        if want not in ("conflict", "differ", "agree"):
            err(f"{where}: bad verdict {want!r}")
        if not p.get("note"):
            err(f"{where}: note with the arithmetic is missing")
        got = verdict(nodes[a], nodes[b])
        if got != want:
            _, i1 = interval(nodes[a])
            _, i2 = interval(nodes[b])
            err(f"{where}: {nodes[a]!r} {fmt(i1)} vs {nodes[b]!r} {fmt(i2)}: labelled {want}, rule gives {got}")
        if want in stats["pairs"]:
            stats["pairs"][want] += 1
        edges.append((a, b))

    # connected components
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    comps: dict = {}
    for a, b in edges:
        for x in (a, b):
            comps.setdefault(find(x), set()).add(x)
    labelled = {frozenset(e) for e in edges}
    if len(labelled) != len(edges):
        err("claims: a pair is labelled twice")
    for comp in comps.values():
        files = [x[0] for x in comp]
        if len(files) != len(set(files)):
            err(f"claims: fact {sorted(nodes[x] for x in comp)} has two figures in one document")
        for x, y in combinations(comp, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled:
                err(f"claims: {x[0]} {nodes[x]!r} and {y[0]} {nodes[y]!r} are one fact but the pair is not labelled")
    stats["facts"] = len(comps)

    for n, l in enumerate(looks, 1):
        where = f"lookalike #{n}"
        a, b = node(l.get("a", {}), where + ".a"), node(l.get("b", {}), where + ".b")
        if not (a and b):
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in {a[0]}")
        if not l.get("note"):
            err(f"{where}: note missing")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: {nodes[a]!r} and {nodes[b]!r} belong to the same fact")

    # completeness: every number / number word must be inside a labelled figure or a non-figure
    by_file: dict[str, list[tuple[int, int]]] = {}
    for (f, s, e) in nodes:
        by_file.setdefault(f, []).append((s, e))
    docs = sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt"))
    stats["files"] = {}
    for p in docs:
        raw = p.read_text(encoding="utf-8")
        masks = masked_spans(raw, p.suffix == ".md")
        spans = sorted(set(by_file.get(p.name, [])))
        for a, b in combinations(spans, 2):
            if overlaps(a, b):
                err(f"claims {p.name}: two different labelled figures overlap: {raw[a[0]:a[1]]!r} / {raw[b[0]:b[1]]!r}")
        allowed = []
        for t in NON_FIGURES.get(p.name, []):
            occ = all_occurrences(raw, t)
            if not occ:
                err(f"claims {p.name}: declared non-figure {t!r} not found")
            allowed += [(i, i + len(t)) for i in occ]
        for rx in (NUMBER_RE, NUMBER_WORDS):
            for m in rx.finditer(raw):
                t = (m.start(), m.end())
                if inside_any(t, masks) or any(a[0] <= t[0] and t[1] <= a[1] for a in allowed):
                    continue
                if not any(s[0] <= t[0] and t[1] <= s[1] for s in spans):
                    err(f"claims {p.name}: {m.group()!r} at {t[0]} ({raw[max(0, t[0]-20):t[1]+20]!r}) is not in any label")
        for t in money_tokens(raw):
            if not inside_any(t, masks) and not any(s[0] <= t[0] and t[1] <= s[1] for s in spans):
                err(f"claims {p.name}: money {raw[t[0]:t[1]]!r} not labelled")
        stats["files"][p.name] = len(spans)
    for f in by_file:
        if not (corpus / f).exists():
            err(f"claims: labels name missing file {f}")
    return stats


def words(p: Path) -> int:
    return len(p.read_text(encoding="utf-8").split())


def main() -> int:
    s = check_sourcing()
    c = check_claims()
    print("sourcing:")
    for name, (so, un) in sorted(s["files"].items()):
        print(f"  {name:40s} {words(ROOT / 'sourcing' / name):4d} words  {so + un:3d} figures ({so} sourced, {un} unsourced)")
    print(f"  total: {s['sourced'] + s['unsourced']} figures, {s['sourced']} sourced, {s['unsourced']} unsourced")
    print("claims:")
    for name, n in sorted(c["files"].items()):
        print(f"  {name:40s} {words(ROOT / 'claims' / name):4d} words  {n:3d} labelled figures")
    pv = c["pairs"]
    print(f"  facts {c['facts']}, pairs {sum(pv.values())} (conflict {pv['conflict']}, differ {pv['differ']}, agree {pv['agree']}), look-alikes {c['lookalikes']}")
    if ERRORS:
        print(f"\nFAIL: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  -", e)
        return 1
    print("\nOK: all checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
