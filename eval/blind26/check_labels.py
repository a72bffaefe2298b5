#!/usr/bin/env python3
"""Mechanical checks for blind set 26 (python3 >= 3.11, stdlib only).

    python3 check_labels.py          # exit 0 = all checks pass

sourcing/labels.toml
  * every label's text occurs verbatim in its file; `occurrence` is explicit whenever the text
    occurs more than once in the raw file (also as a substring of a longer figure) and is in range;
  * the located occurrence is a whole token (not the head or tail of a longer number);
  * no label lies inside masked text (YAML front matter, HTML comment, fenced or inline code,
    Markdown link target, bare URL, e-mail address);
  * completeness: every money token in the unmasked text of a document is covered by a label,
    and every label covers a money token; no two labels locate the same span.
claims/labels.toml
  * the same location checks for every figure of every pair and look-alike;
  * every verdict is recomputed from the interval rule with exact fractions;
  * facts = connected components of the pair graph: no two figures of one fact in one document,
    every cross-document pair inside a fact is labelled, one unit kind per fact;
  * no look-alike joins two figures of the same fact, no look-alike repeats a pair;
  * completeness: every digit, currency sign, percent word and spelled count word in the
    unmasked text is inside a labelled figure, except years and days of dates (listed below).
"""
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
errors = []


def err(msg):
    errors.append(msg)


# ----------------------------------------------------------------------------- masking
def masked_spans(name, raw):
    spans = []
    if name.endswith(".md"):
        m = re.match(r"---\n.*?\n---\n", raw, re.S)
        if m:
            spans.append((m.start(), m.end(), "front matter"))
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            spans.append((m.start(), m.end(), "HTML comment"))
        for m in re.finditer(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", raw, re.S | re.M):
            spans.append((m.start(), m.end(), "fenced code"))
        for m in re.finditer(r"`[^`\n]+`", raw):
            spans.append((m.start(), m.end(), "inline code"))
        for m in re.finditer(r"\]\(([^)\s]*)\)", raw):
            spans.append((m.start(1), m.end(1), "link target"))
    for m in re.finditer(r"https?://[^\s)>\]]+", raw):
        spans.append((m.start(), m.end(), "URL"))
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", raw):
        spans.append((m.start(), m.end(), "e-mail"))
    return spans


def mask(raw, spans):
    chars = list(raw)
    for s, e, _ in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


_docs = {}


def doc(corpus, name):
    key = (corpus, name)
    if key not in _docs:
        path = ROOT / corpus / name
        if not path.is_file():
            err(f"{corpus}: file not found: {name}")
            _docs[key] = None
        else:
            raw = path.read_text(encoding="utf-8")
            spans = masked_spans(name, raw)
            _docs[key] = (raw, spans, mask(raw, spans))
    return _docs[key]


def find_all(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def locate(corpus, lab, where):
    """Return (file, start, end) of a label or None; records errors."""
    name, text = lab.get("file"), lab.get("text")
    if not name or not text:
        err(f"{where}: label needs file and text: {lab}")
        return None
    d = doc(corpus, name)
    if d is None:
        return None
    raw, spans, _ = d
    pos = find_all(raw, text)
    if not pos:
        err(f"{where}: {name}: text not found verbatim: {text!r}")
        return None
    if len(pos) > 1 and "occurrence" not in lab:
        err(f"{where}: {name}: {text!r} occurs {len(pos)} times; occurrence must be explicit")
        return None
    occ = lab.get("occurrence", 1)
    if not isinstance(occ, int) or not 1 <= occ <= len(pos):
        err(f"{where}: {name}: occurrence {occ} out of range 1..{len(pos)} for {text!r}")
        return None
    s = pos[occ - 1]
    e = s + len(text)
    before = raw[s - 1] if s else " "
    after = raw[e] if e < len(raw) else " "
    after2 = raw[e + 1] if e + 1 < len(raw) else " "
    if before.isalnum() or before in "$€£¥.," or after.isalnum() or (after in ".," and after2.isdigit()):
        err(f"{where}: {name}: occurrence {occ} of {text!r} is part of a longer token")
    for ms, me, kind in spans:
        if overlaps((s, e), (ms, me)):
            err(f"{where}: {name}: {text!r} (occurrence {occ}) lies inside masked text ({kind})")
    return (name, s, e)


# ----------------------------------------------------------------------------- sourcing
MONEY = re.compile(
    r"(?:US\$|C\$|A\$|NZ\$|\$|€|£|¥)\s?\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?:\s?(?:[kKmM]|bn|million|billion|thousand|MILLION|BILLION)\b)?"
    r"|\b(?:CHF|EUR|GBP|USD|CAD)\s?\d+(?:,\d{3})*(?:\.\d+)?"
    r"|\b\d+(?:,\d{3})*(?:\.\d+)?\s?(?:cents|pence|p)\b"
    r"|\b(?:dollars?|euros?|pounds?|cents|pence|francs?|quid)\b",
    re.I,
)


def check_sourcing():
    labels = tomllib.loads((ROOT / "sourcing" / "labels.toml").read_text(encoding="utf-8"))
    figs = labels.get("figure", [])
    by_file = {}
    for i, lab in enumerate(figs, 1):
        where = f"sourcing figure #{i}"
        if not isinstance(lab.get("sourced"), bool):
            err(f"{where}: sourced must be true/false")
        loc = locate("sourcing", lab, where)
        if loc:
            by_file.setdefault(loc[0], []).append((loc[1], loc[2], lab))
    docs = sorted(p.name for p in (ROOT / "sourcing").iterdir() if p.suffix in (".md", ".txt"))
    stats = []
    for name in docs:
        raw, spans, masked = doc("sourcing", name)
        labs = by_file.get(name, [])
        seen = set()
        for s, e, lab in labs:
            if (s, e) in seen:
                err(f"sourcing: {name}: two labels locate the same span {lab['text']!r}")
            seen.add((s, e))
        tokens = [(m.start(), m.end(), m.group()) for m in MONEY.finditer(masked)]
        for ts, te, tok in tokens:
            if not any(overlaps((ts, te), (s, e)) for s, e, _ in labs):
                line = raw.count("\n", 0, ts) + 1
                err(f"sourcing: {name}:{line}: money token {tok!r} is not covered by a label")
        for s, e, lab in labs:
            if not any(overlaps((ts, te), (s, e)) for ts, te, _ in tokens):
                err(f"sourcing: {name}: label {lab['text']!r} covers no money token")
        n_src = sum(1 for *_, lab in labs if lab.get("sourced") is True)
        stats.append((name, len(raw.split()), len(labs), n_src, len(labs) - n_src))
    for name in by_file:
        if name not in docs:
            err(f"sourcing: labels name a file that is not a document: {name}")
    return stats


# ----------------------------------------------------------------------------- claims
QUALS = ["more than", "at least", "less than", "up to", "nearly", "about", "roughly", "some", "over"]
SCALE = {None: 1, "k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6,
         "bn": 10**9, "billion": 10**9}
NUM = r"(US\$|\$|€|£)?(\d[\d,]*(?:\.\d+)?)\s?(million|billion|thousand|bn|[kKmM])?"


def numeral(cur, digits, scale):
    d = digits.replace(",", "")
    if "." in d:
        step = F(1, 10 ** len(d.split(".")[1]))
    else:
        stripped = d.rstrip("0")
        step = F(10 ** (len(d) - len(stripped))) if stripped else F(1)
    mult = SCALE[scale.lower() if scale else None]
    return F(d) * mult, step * mult


def parse(text):
    """-> (kind, qualifier, values tuple, interval (lo, lo_closed, hi, hi_closed))"""
    low = text.lower()
    qual, rest = "exact", text
    for q in QUALS:
        if low.startswith(q + " "):
            qual, rest = q, text[len(q) + 1:]
            break
    m = re.fullmatch(rf"between {NUM} and {NUM}(.*)", rest) or re.fullmatch(rf"{NUM}\s?[-–]\s?{NUM}(.*)", rest)
    if m:
        c1, d1, s1, c2, d2, s2, tail = m.groups()
        a, _ = numeral(c1 or c2, d1, s1 or s2)
        b, _ = numeral(c2 or c1, d2, s2)
        kind = unit_kind(c1 or c2, tail)
        return kind, "range", (a, b), (a, True, b, True)
    m = re.fullmatch(rf"{NUM}(.*)", rest)
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    cur, digits, scale, tail = m.groups()
    v, s = numeral(cur, digits, scale)
    kind = unit_kind(cur, tail)
    if qual == "exact":
        iv = (v - s / 2, True, v + s / 2, False)
    elif qual in ("about", "roughly", "some"):
        d = max(s / 2, v * F(5, 100))
        iv = (v - d, True, v + d, True)
    elif qual in ("more than", "over"):
        iv = (v, False, v + s, True)
    elif qual == "at least":
        iv = (v, True, v + s, True)
    elif qual == "nearly":
        iv = (v * F(95, 100), True, v, False)
    elif qual == "up to":
        iv = (F(0), True, v, True)
    elif qual == "less than":
        iv = (F(0), True, v, False)
    return kind, qual, (v,), iv


def unit_kind(cur, tail):
    tail = (tail or "").strip()
    if cur:
        if tail:
            raise ValueError(f"unexpected words after money figure: {tail!r}")
        return "money:" + cur
    if tail in ("%", "percent", "per cent"):
        return "percent"
    if not tail:
        raise ValueError("a counted quantity needs its noun")
    return "count"


def intersect(a, b):
    if a[0] > b[0]:
        lo, lo_c = a[0], a[1]
    elif b[0] > a[0]:
        lo, lo_c = b[0], b[1]
    else:
        lo, lo_c = a[0], a[1] and b[1]
    if a[2] < b[2]:
        hi, hi_c = a[2], a[3]
    elif b[2] < a[2]:
        hi, hi_c = b[2], b[3]
    else:
        hi, hi_c = a[2], a[3] and b[3]
    return lo < hi or (lo == hi and lo_c and hi_c)


def verdict(pa, pb):
    if not intersect(pa[3], pb[3]):
        return "conflict"
    return "agree" if pa[2] == pb[2] else "differ"


def show(iv):
    f = lambda x: f"{float(x):,.6g}"
    return f"{'[' if iv[1] else '('}{f(iv[0])}, {f(iv[2])}{']' if iv[3] else ')'}"


MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
COUNT_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?|millions?|billions?|half|quarter|"
    r"percent|per cent)\b", re.I)


def check_claims():
    labels = tomllib.loads((ROOT / "claims" / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = labels.get("pair", []), labels.get("lookalike", [])
    node_info = {}   # (file, start, end) -> parsed
    covered = {}     # file -> list of spans

    def node(lab, where):
        loc = locate("claims", lab, where)
        if not loc:
            return None
        try:
            p = parse(lab["text"])
        except ValueError as ex:
            err(f"{where}: {ex}")
            return None
        node_info[loc] = p
        covered.setdefault(loc[0], []).append((loc[1], loc[2]))
        return loc

    edges, results = {}, []
    for i, pr in enumerate(pairs, 1):
        where = f"claims pair #{i}"
        a, b = node(pr.get("a", {}), where + ".a"), node(pr.get("b", {}), where + ".b")
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        key = frozenset((a, b))
        if key in edges:
            err(f"{where}: duplicate pair")
        edges[key] = pr
        pa, pb = node_info[a], node_info[b]
        if pa[0] != pb[0]:
            err(f"{where}: unit kinds differ ({pa[0]} vs {pb[0]})")
        v = verdict(pa, pb)
        if v != pr.get("verdict"):
            err(f"{where}: verdict {pr.get('verdict')!r} but the interval rule gives {v!r} "
                f"({pr['a']['text']} {show(pa[3])} vs {pr['b']['text']} {show(pb[3])})")
        results.append((v, pr["a"]["text"], show(pa[3]), pr["b"]["text"], show(pb[3])))

    # facts = connected components
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for key in edges:
        a, b = tuple(key)
        parent[find(a)] = find(b)
    comps = {}
    for n in parent:
        comps.setdefault(find(n), []).append(n)
    facts = list(comps.values())
    for members in facts:
        files = [m[0] for m in members]
        if len(set(files)) != len(files):
            err(f"claims: one fact has two figures in one document: {sorted(members)}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in edges:
                err(f"claims: pair inside a fact not labelled: {x} / {y}")
        if len({node_info[m][0] for m in members}) > 1:
            err(f"claims: one fact mixes unit kinds: {sorted(members)}")

    look_keys = set()
    for i, lk in enumerate(looks, 1):
        where = f"claims lookalike #{i}"
        a, b = node(lk.get("a", {}), where + ".a"), node(lk.get("b", {}), where + ".b")
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        key = frozenset((a, b))
        if key in edges:
            err(f"{where}: is also labelled as a pair")
        if key in look_keys:
            err(f"{where}: duplicate look-alike")
        look_keys.add(key)
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: both figures belong to the same fact")
        if not lk.get("note"):
            err(f"{where}: look-alike needs a note")

    # completeness over the documents
    docs = sorted(p.name for p in (ROOT / "claims").iterdir() if p.suffix in (".md", ".txt"))
    stats = []
    for name in docs:
        raw, spans, masked = doc("claims", name)
        cov = covered.get(name, [])
        exempt = []
        for m in re.finditer(rf"\b{MONTHS}\s+\d{{1,2}}\b", masked):
            exempt.append((m.end() - len(m.group().split()[-1]), m.end()))
        for m in re.finditer(rf"\b\d{{1,2}}\s+{MONTHS}", masked):
            exempt.append((m.start(), m.start() + len(m.group().split()[0])))
        for m in re.finditer(r"(?<![\d$€£,.])\b(?:19|20)\d\d\b(?![,.]?\d)", masked):
            exempt.append((m.start(), m.end()))
        for m in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?|[$€£%]", masked):
            sp = (m.start(), m.end())
            if not any(s <= sp[0] and sp[1] <= e for s, e in cov) and not any(
                    s <= sp[0] and sp[1] <= e for s, e in exempt):
                line = raw.count("\n", 0, sp[0]) + 1
                err(f"claims: {name}:{line}: {m.group()!r} is not part of a labelled figure "
                    f"(nor a year or a day of a date)")
        for m in COUNT_WORDS.finditer(masked):
            if not any(s <= m.start() and m.end() <= e for s, e in cov):
                line = raw.count("\n", 0, m.start()) + 1
                err(f"claims: {name}:{line}: number word {m.group()!r} outside a labelled figure")
        nfig = len({c for c in cov})
        stats.append((name, len(raw.split()), nfig))
    for name in covered:
        if name not in docs:
            err(f"claims: labels name a file that is not a document: {name}")
    return stats, facts, results, len(looks)


def main():
    s_stats = check_sourcing()
    c_stats, facts, results, n_looks = check_claims()
    print("sourcing/")
    tot = [0, 0, 0]
    for name, words, n, src, uns in s_stats:
        print(f"  {name:42s} {words:4d} words  {n:3d} figures  {src:2d} sourced  {uns:2d} unsourced")
        tot[0] += n; tot[1] += src; tot[2] += uns
    print(f"  total: {len(s_stats)} documents, {tot[0]} figures, {tot[1]} sourced, {tot[2]} unsourced")
    print("claims/")
    for name, words, n in c_stats:
        print(f"  {name:42s} {words:4d} words  {n:3d} labelled figures")
    by = {}
    for r in results:
        by[r[0]] = by.get(r[0], 0) + 1
    print(f"  {len(facts)} facts, {len(results)} pairs "
          f"({', '.join(f'{k} {by.get(k, 0)}' for k in ('conflict', 'differ', 'agree'))}), "
          f"{n_looks} look-alikes")
    if "-v" in sys.argv:
        for v, ta, ia, tb, ib in results:
            print(f"    {v:8s} {ta!r} {ia}  vs  {tb!r} {ib}")
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print("\nOK: all checks pass")


if __name__ == "__main__":
    main()
