#!/usr/bin/env python3
"""Check the blind10 label files.

  python3 check_labels.py            # from anywhere; paths are relative to this file

sourcing/labels.toml
  * every [[figure]] names an existing document, its `text` occurs verbatim at the given
    `occurrence` (1-based, counting every raw occurrence in the file), and a text that occurs
    more than once carries an explicit `occurrence`;
  * the match is not the tail or head of a longer number ("$26 million" inside "$126 million");
  * no two labels share a span; 12 figures per document, 6 documents (3 .md, 3 .txt), 72 in all,
    35 sourced / 37 unsourced;
  * completeness: every money token in the prose (currency symbol before a digit, or the words
    dollars / pounds / euros / cents) lies inside a labelled span; front matter, HTML comments,
    code, link targets and URLs are masked first;
  * word counts 280-340.

claims/labels.toml
  * every endpoint found as above; the two sides of a pair or look-alike are in different
    documents of the same cluster (file-name prefix before the first '-');
  * each pair's verdict is recomputed from the README's interval rule and must match;
  * pairs group into facts (connected components): a fact never has two figures in one document,
    and every cross-document pair inside a fact is labelled (a fact in three documents = 3 pairs);
  * a look-alike never joins two figures of the same fact;
  * completeness: every money token and every counted quantity with one of the story nouns
    (nurses, beds, shifts, firefighters, homes, workers, employees, jobs) is used by some pair or
    look-alike;
  * totals: 6 documents (3 .md, 3 .txt), 27 pairs (11 conflict, 10 differ, 6 agree),
    13 look-alikes, word counts 260-320.

Exit status 0 when everything passes, 1 otherwise.
"""
from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter, defaultdict
from fractions import Fraction
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ERRORS: list[str] = []


def err(msg: str) -> None:
    ERRORS.append(msg)


# ----------------------------------------------------------------------------- locating text

_cache: dict[Path, str] = {}


def raw(path: Path) -> str:
    if path not in _cache:
        _cache[path] = path.read_text(encoding="utf-8")
    return _cache[path]


def occurrences(hay: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence."""
    out, i = [], hay.find(needle)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def locate(folder: Path, ref: dict, where: str) -> tuple[int, int] | None:
    """Return (start, end) of the labelled occurrence, recording errors."""
    f, text = ref.get("file"), ref.get("text")
    if not f or not text:
        err(f"{where}: missing file or text")
        return None
    path = folder / f
    if not path.is_file():
        err(f"{where}: no such document {f}")
        return None
    hay = raw(path)
    occ = ref.get("occurrence", 1)
    hits = occurrences(hay, text)
    if not hits:
        err(f"{where}: {text!r} not found in {f}")
        return None
    if len(hits) > 1 and "occurrence" not in ref:
        err(f"{where}: {text!r} occurs {len(hits)} times in {f} but has no explicit occurrence")
    if not (1 <= occ <= len(hits)):
        err(f"{where}: occurrence {occ} of {text!r} requested, {f} has {len(hits)}")
        return None
    s = hits[occ - 1]
    e = s + len(text)
    before = hay[s - 1] if s > 0 else ""
    after = hay[e] if e < len(hay) else ""
    after2 = hay[e : e + 2]
    if before.isdigit() or before in ".," and s > 1 and hay[s - 2].isdigit():
        err(f"{where}: {text!r} in {f} is the tail of a longer number")
    if after.isdigit() or (after in ".," and len(after2) == 2 and after2[1].isdigit()):
        err(f"{where}: {text!r} in {f} is the head of a longer number")
    return s, e


def words(path: Path) -> int:
    return len(raw(path).split())


# ----------------------------------------------------------------------------- masking (non-prose)


def mask(text: str, markdown: bool) -> str:
    """Blank out regions that are not prose, keeping offsets."""
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    pats = [r"https?://\S+", r"\S+@\S+\.\w+"]
    if markdown:
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            blank(m.start(), m.end())
        pats += [r"<!--.*?-->", r"```.*?```", r"`[^`\n]*`", r"\]\([^)]*\)"]
    for p in pats:
        for m in re.finditer(p, text, re.S):
            blank(m.start(), m.end())
    return "".join(chars)


MONEY_TOKEN = re.compile(r"(?:US\$|A\$|\$|€|£)\s?\d|\b(?:dollars?|pounds?|euros?|cents?)\b", re.I)
COUNT_TOKEN = re.compile(
    r"\b\d[\d,]*\s+(?:registered\s+)?(?:nurses|beds|shifts|firefighters|homes|workers|employees|jobs)\b",
    re.I,
)


def uncovered(path: Path, spans: list[tuple[int, int]], token: re.Pattern) -> list[str]:
    text = mask(raw(path), path.suffix == ".md")
    out = []
    for m in token.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            line = text.count("\n", 0, m.start()) + 1
            out.append(f"{path.name}:{line}: {raw(path)[m.start():m.start() + 40]!r}")
    return out


# ----------------------------------------------------------------------------- intervals

QUALIFIERS = [
    ("more than ", "more"),
    ("over ", "more"),
    ("at least ", "atleast"),
    ("nearly ", "nearly"),
    ("up to ", "upto"),
    ("less than ", "less"),
    ("about ", "about"),
    ("roughly ", "about"),
    ("some ", "about"),
]
MAGNITUDE = {
    "": 1,
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "million": 10**6,
    "bn": 10**9,
    "billion": 10**9,
}
CUR = r"(?:us\$|a\$|\$|€|£)?"
NUM = r"(\d[\d,]*(?:\.\d+)?)"
MAG = r"(?:[\s-]?(k|thousand|million|m|bn|billion)\b)?"
AMOUNT = re.compile(rf"^{CUR}{NUM}{MAG}(?:\s+[a-z][a-z\s-]*)?$")
RANGE_BETWEEN = re.compile(rf"^between {CUR}{NUM}{MAG} and {CUR}{NUM}{MAG}(?:\s+[a-z][a-z\s-]*)?$")
RANGE_DASH = re.compile(rf"^{CUR}{NUM}{MAG}\s?[-–]\s?{CUR}{NUM}{MAG}(?:\s+[a-z][a-z\s-]*)?$")


def value_step(num: str, mag: str | None) -> tuple[Fraction, Fraction]:
    num = num.replace(",", "")
    mult = MAGNITUDE[mag or ""]
    if "." in num:
        step = Fraction(1, 10 ** len(num.split(".")[1]))
    else:
        digits = num.lstrip("0") or "0"
        tz = len(digits) - len(digits.rstrip("0")) if digits != "0" else 0
        step = Fraction(10**tz)
    return Fraction(num) * mult, step * mult


class Interval:
    def __init__(self, lo, lo_closed, hi, hi_closed, stated):
        self.lo, self.lo_closed, self.hi, self.hi_closed, self.stated = lo, lo_closed, hi, hi_closed, stated

    def __repr__(self) -> str:
        return f"{'[' if self.lo_closed else '('}{float(self.lo):g}, {float(self.hi):g}{']' if self.hi_closed else ')'}"


def interval(text: str) -> Interval:
    t = " ".join(text.lower().split())
    m = RANGE_BETWEEN.match(t)
    if m:
        a, _ = value_step(m.group(1), m.group(2) or m.group(4))
        b, _ = value_step(m.group(3), m.group(4))
        return Interval(a, True, b, True, (a, b))
    kind = "exact"
    for prefix, k in QUALIFIERS:
        if t.startswith(prefix):
            kind, t = k, t[len(prefix):]
            break
    m = RANGE_DASH.match(t)
    if m and kind == "exact":
        a, _ = value_step(m.group(1), m.group(2) or m.group(4))
        b, _ = value_step(m.group(3), m.group(4))
        return Interval(a, True, b, True, (a, b))
    m = AMOUNT.match(t)
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    v, step = value_step(m.group(1), m.group(2))
    half = step / 2
    if kind == "exact":
        return Interval(v - half, True, v + half, False, v)
    if kind == "about":
        w = max(half, v * Fraction(5, 100))
        return Interval(v - w, True, v + w, True, v)
    if kind == "more":
        return Interval(v, False, v + step, True, v)
    if kind == "atleast":
        return Interval(v, True, v + step, True, v)
    if kind == "nearly":
        return Interval(v * Fraction(95, 100), True, v, False, v)
    if kind == "upto":
        return Interval(Fraction(0), True, v, True, v)
    if kind == "less":
        return Interval(Fraction(0), True, v, False, v)
    raise AssertionError(kind)


def overlaps(a: Interval, b: Interval) -> bool:
    if a.lo > b.lo:
        lo, lo_c = a.lo, a.lo_closed
    elif b.lo > a.lo:
        lo, lo_c = b.lo, b.lo_closed
    else:
        lo, lo_c = a.lo, a.lo_closed and b.lo_closed
    if a.hi < b.hi:
        hi, hi_c = a.hi, a.hi_closed
    elif b.hi < a.hi:
        hi, hi_c = b.hi, b.hi_closed
    else:
        hi, hi_c = a.hi, a.hi_closed and b.hi_closed
    return lo < hi or (lo == hi and lo_c and hi_c)


def verdict(ta: str, tb: str) -> tuple[str, Interval, Interval]:
    a, b = interval(ta), interval(tb)
    if not overlaps(a, b):
        return "conflict", a, b
    return ("agree" if a.stated == b.stated else "differ"), a, b


def self_test() -> None:
    """The two worked cases from the corpora README, plus rounding and step edge cases."""
    cases = [
        ("nearly $220 million", "more than $220 million", "conflict"),
        ("$310 million", "$315 million", "differ"),
        ("$300 million", "$310 million", "differ"),
        ("$48.5 million", "$48 million", "differ"),
        ("$750,000", "$0.75 million", "agree"),
        ("$2-3 million", "$4 million", "conflict"),
        ("between $9 million and $11 million", "$10 million", "differ"),
    ]
    for a, b, want in cases:
        got = verdict(a, b)[0]
        if got != want:
            err(f"self-test: {a!r} vs {b!r} gave {got}, expected {want}")


# ----------------------------------------------------------------------------- sourcing


def check_sourcing() -> dict:
    folder = HERE / "sourcing"
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    figs = data.get("figure", [])
    docs = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))
    per_doc: Counter = Counter()
    sourced: Counter = Counter()
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    seen = set()
    for i, f in enumerate(figs, 1):
        where = f"sourcing figure #{i} ({f.get('file')}: {f.get('text')!r})"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: 'sourced' must be true or false")
        extra = set(f) - {"file", "text", "occurrence", "sourced", "note"}
        if extra:
            err(f"{where}: unknown keys {sorted(extra)}")
        key = (f.get("file"), f.get("text"), f.get("occurrence", 1))
        if key in seen:
            err(f"{where}: duplicate label")
        seen.add(key)
        span = locate(folder, f, where)
        if span is None:
            continue
        for a, b in spans[f["file"]]:
            if span[0] < b and a < span[1]:
                err(f"{where}: overlaps another label's span")
        spans[f["file"]].append(span)
        if not MONEY_TOKEN.search(f["text"]):
            err(f"{where}: labelled text does not look like money")
        per_doc[f["file"]] += 1
        sourced[f.get("sourced")] += 1
    for d in docs:
        if per_doc[d.name] != 12:
            err(f"sourcing: {d.name} has {per_doc[d.name]} figures, expected 12")
        n = words(d)
        if not 280 <= n <= 340:
            err(f"sourcing: {d.name} has {n} words, expected 280-340")
        for u in uncovered(d, spans[d.name], MONEY_TOKEN):
            err(f"sourcing: money not labelled at {u}")
    for name in per_doc:
        if not (folder / name).is_file():
            err(f"sourcing: labels name missing document {name}")
    suffixes = Counter(d.suffix for d in docs)
    if suffixes != Counter({".md": 3, ".txt": 3}):
        err(f"sourcing: expected 3 .md and 3 .txt documents, found {dict(suffixes)}")
    if len(figs) != 72 or sourced[True] != 35 or sourced[False] != 37:
        err(f"sourcing: totals {len(figs)} figures, {sourced[True]} sourced, {sourced[False]} unsourced; expected 72/35/37")
    return {"documents": len(docs), "figures": len(figs), "sourced": sourced[True], "unsourced": sourced[False],
            "per_doc": dict(per_doc)}


# ----------------------------------------------------------------------------- claims


def cluster(name: str) -> str:
    return name.split("-", 1)[0]


def check_claims() -> dict:
    folder = HERE / "claims"
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    docs = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    node_of: dict[tuple, tuple] = {}  # (file, start) -> (file, text, occ)

    def endpoint(ref: dict, where: str):
        span = locate(folder, ref, where)
        if span is None:
            return None
        spans[ref["file"]].add(span)
        node = (ref["file"], span[0])
        node_of[node] = (ref["file"], ref["text"], ref.get("occurrence", 1))
        return node

    def both(item: dict, where: str):
        a, b = item.get("a", {}), item.get("b", {})
        na, nb = endpoint(a, where + " a"), endpoint(b, where + " b")
        if na and nb:
            if na[0] == nb[0]:
                err(f"{where}: both sides in the same document {na[0]}")
            elif cluster(na[0]) != cluster(nb[0]):
                err(f"{where}: sides in different clusters ({na[0]}, {nb[0]})")
        return na, nb

    # union-find over pair endpoints
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labelled_pairs = set()
    verdicts: Counter = Counter()
    for i, p in enumerate(pairs, 1):
        where = f"claims pair #{i} ({p.get('a', {}).get('text')!r} / {p.get('b', {}).get('text')!r})"
        na, nb = both(p, where)
        if not p.get("note"):
            err(f"{where}: missing note with the arithmetic")
        want = p.get("verdict")
        if want not in ("conflict", "differ", "agree"):
            err(f"{where}: bad verdict {want!r}")
        verdicts[want] += 1
        try:
            got, ia, ib = verdict(p["a"]["text"], p["b"]["text"])
            if got != want:
                err(f"{where}: labelled {want}, intervals {ia} vs {ib} give {got}")
        except (ValueError, KeyError) as e:
            err(f"{where}: {e}")
        if na and nb:
            key = frozenset((na, nb))
            if key in labelled_pairs:
                err(f"{where}: duplicate pair")
            labelled_pairs.add(key)
            parent[find(na)] = find(nb)

    facts: dict = defaultdict(list)
    for n in list(parent):
        facts[find(n)].append(n)
    for members in facts.values():
        files = Counter(n[0] for n in members)
        dup = [f for f, c in files.items() if c > 1]
        if dup:
            err(f"claims: one fact stated twice in {dup}: {[node_of[n][1] for n in members]}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled_pairs:
                err(f"claims: fact incomplete, missing pair {node_of[x]} / {node_of[y]}")

    look_keys = set()
    for i, l in enumerate(looks, 1):
        where = f"claims lookalike #{i} ({l.get('a', {}).get('text')!r} / {l.get('b', {}).get('text')!r})"
        na, nb = both(l, where)
        if not l.get("note"):
            err(f"{where}: missing note")
        if na and nb:
            key = frozenset((na, nb))
            if key in labelled_pairs:
                err(f"{where}: also labelled as a same-claim pair")
            if key in look_keys:
                err(f"{where}: duplicate look-alike")
            look_keys.add(key)
            if na in parent and nb in parent and find(na) == find(nb):
                err(f"{where}: both sides belong to one labelled fact")

    for d in docs:
        n = words(d)
        if not 260 <= n <= 320:
            err(f"claims: {d.name} has {n} words, expected 260-320")
        for token in (MONEY_TOKEN, COUNT_TOKEN):
            for u in uncovered(d, sorted(spans[d.name]), token):
                err(f"claims: figure used by no pair or look-alike at {u}")
    suffixes = Counter(d.suffix for d in docs)
    if suffixes != Counter({".md": 3, ".txt": 3}):
        err(f"claims: expected 3 .md and 3 .txt documents, found {dict(suffixes)}")
    clusters = Counter(cluster(d.name) for d in docs)
    if sorted(clusters.values()) != [3, 3]:
        err(f"claims: expected two clusters of three documents, found {dict(clusters)}")
    if len(pairs) != 27 or verdicts != Counter(conflict=11, differ=10, agree=6) or len(looks) != 13:
        err(f"claims: totals {len(pairs)} pairs {dict(verdicts)}, {len(looks)} look-alikes; "
            "expected 27 (11 conflict, 10 differ, 6 agree) and 13")
    return {"documents": len(docs), "pairs": len(pairs), "verdicts": dict(verdicts), "lookalikes": len(looks),
            "facts": len(facts)}


def main() -> int:
    self_test()
    s = check_sourcing()
    c = check_claims()
    print(f"sourcing: {s['documents']} documents, {s['figures']} figures "
          f"({s['sourced']} sourced, {s['unsourced']} unsourced); per document {s['per_doc']}")
    print(f"claims:   {c['documents']} documents, {c['facts']} facts, {c['pairs']} pairs {c['verdicts']}, "
          f"{c['lookalikes']} look-alikes")
    if ERRORS:
        print(f"\n{len(ERRORS)} problem(s):")
        for e in ERRORS:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
