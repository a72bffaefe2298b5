#!/usr/bin/env python3
"""Consistency checker for the blind13 evaluation set (python3 stdlib + tomllib only).

Checks
  * every label's text occurs verbatim at its occurrence (1-based over the raw file); a text that
    occurs more than once must carry an explicit occurrence;
  * a label is not the head or tail of a longer number/figure, and lies in prose (not in front
    matter, an HTML comment, code, a link target or a URL);
  * no two distinct labels share characters;
  * completeness: every money token in the masked prose lies inside a label (both corpora); in
    claims, every counted quantity with a story noun and every percentage lies inside a label;
  * every [[pair]] verdict is recomputed from the interval rule and compared;
  * facts (connected components of pairs) never hold two figures of one document, every
    cross-document pair inside a fact is labelled, a look-alike never joins two figures of a fact;
  * document, figure, pair and look-alike counts, and word counts.

Usage: python3 check_labels.py   (exit status 0 when everything passes)
"""
import os
import re
import sys
import tomllib
from fractions import Fraction
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCING = os.path.join(HERE, "sourcing")
CLAIMS = os.path.join(HERE, "claims")

errors = []


def err(msg):
    errors.append(msg)


# ----------------------------------------------------------------------------------------------
# masking: replace non-prose regions by spaces (offsets are kept)
# ----------------------------------------------------------------------------------------------
def _blank(text, start, end):
    return text[:start] + "".join("\n" if c == "\n" else " " for c in text[start:end]) + text[end:]


def mask(raw, is_md):
    t = raw
    regions = []
    if is_md:
        m = re.match(r"---\n.*?\n---\n", t, re.S)
        if m:
            regions.append((m.start(), m.end()))
        regions += [(m.start(), m.end()) for m in re.finditer(r"<!--.*?-->", t, re.S)]
        regions += [(m.start(), m.end()) for m in re.finditer(r"```.*?```", t, re.S)]
        regions += [(m.start(), m.end()) for m in re.finditer(r"`[^`\n]+`", t)]
        regions += [(m.start(1), m.end(1)) for m in re.finditer(r"\]\(([^)\s]*)\)", t)]
    regions += [(m.start(), m.end()) for m in re.finditer(r"https?://\S+", t)]
    regions += [(m.start(), m.end()) for m in re.finditer(r"[\w.+-]+@[\w.-]+\.example\b", t)]
    regions += [(m.start(), m.end()) for m in re.finditer(r"\b[\w.-]+\.example(?:/\S*)?", t)]
    for s, e in regions:
        t = _blank(t, s, e)
    return t


# ----------------------------------------------------------------------------------------------
# token finders
# ----------------------------------------------------------------------------------------------
NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
MAG = r"(?:[-\s]?(?:million|billion|thousand|bn|m|M|k|K)\b)"
CUR = r"(?:US|C|A|NZ)?[$€£]"
MONEY_PATTERNS = [
    # $1.2 million, C$6.2-million, €52k, $30-35 million, US$8.3 million
    re.compile(CUR + r"\s?" + NUM + r"(?:\s?[-–]\s?" + NUM + r")?" + MAG + r"?"),
    # 75 cents, 40 dollars, 3 million dollars
    re.compile(r"\b" + NUM + r"\s*(?:(?:million|billion|thousand)\s+)?(?:cents|dollars|euros|pounds)\b"),
    # spelled amounts: half a million dollars, two and three million dollars
    re.compile(
        r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|a|an|and|quarter)[\s-]+)+"
        r"(?:thousand|million|billion)\s+(?:dollars|euros|pounds)\b",
        re.I,
    ),
]
PERCENT = re.compile(r"\b" + NUM + r"\s?(?:%|percent\b|per cent\b)")
STORY_NOUNS = {
    "dam": ["jobs", "miles", "homes", "houses", "homeowners", "owners", "workers", "cubic yards",
            "salmon", "fish", "projects"],
    "mall": ["homes", "units", "apartments", "townhouses", "jobs", "storefronts", "stores",
             "workers", "households", "tenants", "shoppers"],
}


def money_tokens(masked):
    out = []
    for pat in MONEY_PATTERNS:
        for m in pat.finditer(masked):
            out.append((m.start(), m.end(), m.group(0)))
    return out


def count_tokens(masked, cluster):
    nouns = "|".join(re.escape(n) for n in STORY_NOUNS.get(cluster, []))
    if not nouns:
        return []
    pat = re.compile(
        r"\b" + NUM + r"(?:\s+(?:million|billion|thousand))?\s+(?:[A-Za-z-]+\s+){0,2}?(?:" + nouns + r")\b"
    )
    return [(m.start(), m.end(), m.group(0)) for m in pat.finditer(masked)]


# ----------------------------------------------------------------------------------------------
# locating labels
# ----------------------------------------------------------------------------------------------
_cache = {}


def load(folder, name):
    key = (folder, name)
    if key not in _cache:
        path = os.path.join(folder, name)
        raw = open(path, encoding="utf-8").read()
        _cache[key] = (raw, mask(raw, name.endswith(".md")))
    return _cache[key]


def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def locate(folder, ref, where):
    """Return (file, start, end) or None; report problems."""
    name, text = ref.get("file"), ref.get("text")
    if not name or not text:
        err(f"{where}: label needs file and text: {ref}")
        return None
    if not os.path.exists(os.path.join(folder, name)):
        err(f"{where}: no such file {name}")
        return None
    raw, masked = load(folder, name)
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
    # in prose?
    if masked[s:e] != raw[s:e]:
        err(f"{where}: {name}: {text!r} (occurrence {n}) lies in masked non-prose text")
    # head / tail of a longer number
    before, after = raw[max(0, s - 12):s], raw[e:e + 12]
    if before and (before[-1].isalnum() or before[-1] in "$€£.,"):
        err(f"{where}: {name}: {text!r} is preceded by {before[-1]!r} (tail of a longer figure?)")
    if len(before) >= 2 and before[-1] in "-–" and (before[-2].isalnum() or before[-2] in "$€£"):
        err(f"{where}: {name}: {text!r} is the tail of a range")
    if re.search(r"(?:\d|[$€£]\S*)(?:\s+(?:million|billion|thousand))?\s+(?:to|and)\s+$", raw[max(0, s - 30):s]) and not text[0].isalpha():
        err(f"{where}: {name}: {text!r} looks like the upper end of a range")
    if after and after[0].isalnum():
        err(f"{where}: {name}: {text!r} is followed by {after[0]!r} (head of a longer figure?)")
    if re.match(r"[.,]\d", after):
        err(f"{where}: {name}: {text!r} is followed by more digits")
    if re.match(r"[-–]?\s?(?:\d|million\b|billion\b|thousand\b|bn\b|m\b|k\b)", after, re.I) and re.search(r"\d$", text):
        err(f"{where}: {name}: {text!r} is the head of a longer figure ({after!r})")
    if re.match(r"[ \t]?[-–][ \t]?[$€£]?\d", after):
        err(f"{where}: {name}: {text!r} is the head of a range")
    if re.match(r"\s+(?:to|and)\s+[$€£]?\d", after) and re.search(r"\d[\s\w]*$", text) and not text.lower().startswith("between"):
        err(f"{where}: {name}: {text!r} looks like the lower end of a range")
    return (name, s, e)


def check_overlaps(spans, what):
    by_file = {}
    for sp in set(spans):
        by_file.setdefault(sp[0], []).append(sp)
    for name, lst in by_file.items():
        lst.sort(key=lambda x: (x[1], x[2]))
        for x, y in zip(lst, lst[1:]):
            if y[1] < x[2]:
                err(f"{what}: {name}: labels overlap at {x[1]}-{x[2]} and {y[1]}-{y[2]}")


def check_complete(folder, names, spans, what, cluster_of=None):
    by_file = {}
    for sp in set(spans):
        by_file.setdefault(sp[0], []).append((sp[1], sp[2]))
    for name in names:
        raw, masked = load(folder, name)
        toks = [("money", t) for t in money_tokens(masked)]
        if cluster_of:
            toks += [("percentage", (m.start(), m.end(), m.group(0))) for m in PERCENT.finditer(masked)]
            toks += [("counted quantity", t) for t in count_tokens(masked, cluster_of(name))]
        for kind, (s, e, tok) in toks:
            if not any(ls <= s and e <= le for ls, le in by_file.get(name, [])):
                line = raw.count("\n", 0, s) + 1
                err(f"{what}: {name}:{line}: unlabelled {kind} {tok!r}")


def words(text):
    return len(text.split())


# ----------------------------------------------------------------------------------------------
# interval rule
# ----------------------------------------------------------------------------------------------
MAGS = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}
QUALS = [
    ("approximately", "about"), ("around", "about"), ("roughly", "about"), ("about", "about"),
    ("some", "about"), ("more than", "more"), ("over", "more"), ("at least", "atleast"),
    ("nearly", "nearly"), ("almost", "nearly"), ("up to", "upto"), ("as much as", "upto"),
    ("no more than", "upto"), ("less than", "less"), ("under", "less"), ("between", "range"),
]


def num_step(s):
    s = s.replace(",", "")
    if "." in s:
        dec = len(s.split(".")[1])
        return Fraction(s), Fraction(1, 10**dec)
    v = int(s)
    t = len(s) - len(s.rstrip("0")) if v else 0
    return Fraction(v), Fraction(10**t)


def parse_figure(text):
    t = text.strip()
    low = t.lower()
    qual = "exact"
    for q, kind in sorted(QUALS, key=lambda x: -len(x[0])):
        if low.startswith(q + " "):
            qual = kind
            t = t[len(q) + 1:]
            break
    t = re.sub(r"(?:US|C|A|NZ)?[$€£]", "", t)
    num = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
    mag = r"(?:\s*-?\s*(million|billion|thousand|bn|m|k)\b)?"
    rng = re.match(num + mag + r"\s*(?:-|–|to|and)\s*" + num + mag, t, re.I)
    if rng and (qual in ("exact", "range")):
        a, am, b, bm = rng.groups()
        bmul = MAGS[bm.lower()] if bm else 1
        amul = MAGS[am.lower()] if am else bmul
        av, _ = num_step(a)
        bv, _ = num_step(b)
        lo, hi = av * amul, bv * bmul
        return {"stated": (lo, hi), "iv": (lo, True, hi, True)}
    m = re.match(num + mag + r"\s*(%|percent|per cent)?", t, re.I)
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    v, step = num_step(m.group(1))
    mul = MAGS[m.group(2).lower()] if m.group(2) else 1
    v, step = v * mul, step * mul
    if qual == "exact":
        iv = (v - step / 2, True, v + step / 2, False)
    elif qual == "about":
        d = max(step / 2, v / 20)
        iv = (v - d, True, v + d, True)
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
    else:
        raise ValueError(f"range qualifier without a range: {text!r}")
    return {"stated": (v,), "iv": iv}


def disjoint(a, b):
    alo, alc, ahi, ahc = a
    blo, blc, bhi, bhc = b
    if ahi < blo or (ahi == blo and not (ahc and blc)):
        return True
    if bhi < alo or (bhi == alo and not (bhc and alc)):
        return True
    return False


def verdict(ta, tb):
    fa, fb = parse_figure(ta), parse_figure(tb)
    if disjoint(fa["iv"], fb["iv"]):
        return "conflict"
    return "agree" if fa["stated"] == fb["stated"] else "differ"


def fmt_iv(iv):
    lo, lc, hi, hc = iv
    return f"{'[' if lc else '('}{float(lo):g}, {float(hi):g}{']' if hc else ')'}"


# ----------------------------------------------------------------------------------------------
# sourcing corpus
# ----------------------------------------------------------------------------------------------
def check_sourcing():
    names = sorted(f for f in os.listdir(SOURCING) if f.endswith((".md", ".txt")))
    md = [n for n in names if n.endswith(".md")]
    txt = [n for n in names if n.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"sourcing: expected 3 .md and 3 .txt documents, found {len(md)} and {len(txt)}")
    with open(os.path.join(SOURCING, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    figs = labels.get("figure", [])
    spans, per_file = [], {}
    for i, f in enumerate(figs, 1):
        where = f"sourcing figure #{i}"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: 'sourced' must be true or false")
        sp = locate(SOURCING, f, where)
        if sp:
            if sp in spans:
                err(f"{where}: duplicate label {f['text']!r}")
            spans.append(sp)
            raw, masked = load(SOURCING, sp[0])
            if not any(s >= sp[1] and e <= sp[2] for s, e, _ in money_tokens(masked)):
                err(f"{where}: {f['text']!r} contains no money token")
        per_file.setdefault(f.get("file"), []).append(f)
    check_overlaps(spans, "sourcing")
    check_complete(SOURCING, names, spans, "sourcing")
    n_src = sum(1 for f in figs if f.get("sourced") is True)
    n_uns = sum(1 for f in figs if f.get("sourced") is False)
    print(f"sourcing: {len(names)} documents, {len(figs)} figures ({n_src} sourced, {n_uns} unsourced)")
    if len(figs) != 72:
        err(f"sourcing: expected 72 figures, found {len(figs)}")
    if not (30 <= n_src <= 42):
        err(f"sourcing: sourced share too far from half ({n_src}/{len(figs)})")
    for n in names:
        lst = per_file.get(n, [])
        s = sum(1 for f in lst if f.get("sourced"))
        raw, masked = load(SOURCING, n)
        w_raw, w_prose = words(raw), words(masked)
        print(f"  {n:24s} figures={len(lst):2d} sourced={s:2d} unsourced={len(lst) - s:2d} "
              f"words raw={w_raw} prose={w_prose}")
        if len(lst) != 12:
            err(f"sourcing: {n} has {len(lst)} figures, expected 12")
        if not (280 <= w_raw <= 340 and 280 <= w_prose <= 340):
            err(f"sourcing: {n} word count out of 280-340 (raw {w_raw}, prose {w_prose})")
    for n in per_file:
        if n not in names:
            err(f"sourcing: labels name unknown file {n}")


# ----------------------------------------------------------------------------------------------
# claims corpus
# ----------------------------------------------------------------------------------------------
def cluster_of(name):
    return name.split("-", 1)[0]


def check_claims():
    names = sorted(f for f in os.listdir(CLAIMS) if f.endswith((".md", ".txt")))
    md = [n for n in names if n.endswith(".md")]
    txt = [n for n in names if n.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"claims: expected 3 .md and 3 .txt documents, found {len(md)} and {len(txt)}")
    clusters = {}
    for n in names:
        clusters.setdefault(cluster_of(n), []).append(n)
    if len(clusters) != 2 or any(len(v) != 3 for v in clusters.values()):
        err(f"claims: expected 2 clusters of 3 documents, found {clusters}")
    with open(os.path.join(CLAIMS, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    pairs, looks = labels.get("pair", []), labels.get("lookalike", [])
    spans, text_of = [], {}
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent[find(a)] = find(b)

    labelled_pairs = set()
    tally = {"conflict": 0, "differ": 0, "agree": 0}
    for i, p in enumerate(pairs, 1):
        where = f"claims pair #{i}"
        a = locate(CLAIMS, p.get("a", {}), where + " a")
        b = locate(CLAIMS, p.get("b", {}), where + " b")
        if not (a and b):
            continue
        spans += [a, b]
        text_of[a], text_of[b] = p["a"]["text"], p["b"]["text"]
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        if cluster_of(a[0]) != cluster_of(b[0]):
            err(f"{where}: figures from different clusters")
        if not p.get("note"):
            err(f"{where}: missing note")
        key = frozenset((a, b))
        if key in labelled_pairs:
            err(f"{where}: duplicate pair")
        labelled_pairs.add(key)
        union(a, b)
        try:
            v = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as exc:
            err(f"{where}: {exc}")
            continue
        ia = fmt_iv(parse_figure(p["a"]["text"])["iv"])
        ib = fmt_iv(parse_figure(p["b"]["text"])["iv"])
        if v != p.get("verdict"):
            err(f"{where}: {p['a']['text']!r} {ia} vs {p['b']['text']!r} {ib}: labelled "
                f"{p.get('verdict')!r}, interval rule gives {v!r}")
        tally[v] = tally.get(v, 0) + 1
    # facts
    comps = {}
    for sp in list(text_of):
        comps.setdefault(find(sp), []).append(sp)
    for members in comps.values():
        files = [m[0] for m in members]
        if len(files) != len(set(files)):
            err(f"claims: one fact has two figures in one document: {[text_of[m] + ' @' + m[0] for m in members]}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled_pairs:
                err(f"claims: fact members {text_of[x]!r} ({x[0]}) and {text_of[y]!r} ({y[0]}) are not labelled as a pair")
    # look-alikes
    for i, l in enumerate(looks, 1):
        where = f"claims lookalike #{i}"
        a = locate(CLAIMS, l.get("a", {}), where + " a")
        b = locate(CLAIMS, l.get("b", {}), where + " b")
        if not (a and b):
            continue
        spans += [a, b]
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        if not l.get("note"):
            err(f"{where}: missing note")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: {l['a']['text']!r} and {l['b']['text']!r} belong to one fact")
        if frozenset((a, b)) in labelled_pairs:
            err(f"{where}: also labelled as a pair")
    check_overlaps(spans, "claims")
    check_complete(CLAIMS, names, spans, "claims", cluster_of=cluster_of)
    print(f"claims: {len(names)} documents, {len(comps)} facts, {len(pairs)} pairs "
          f"({tally['conflict']} conflict, {tally['differ']} differ, {tally['agree']} agree), "
          f"{len(looks)} look-alikes")
    if not (10 <= len(comps) <= 12):
        err(f"claims: {len(comps)} facts, expected about 10-12")
    if not (25 <= len(pairs) <= 30):
        err(f"claims: {len(pairs)} pairs, expected 25-30")
    if not (12 <= len(looks) <= 15):
        err(f"claims: {len(looks)} look-alikes, expected 12-15")
    for n in names:
        raw, masked = load(CLAIMS, n)
        w_raw, w_prose = words(raw), words(masked)
        print(f"  {n:20s} words raw={w_raw} prose={w_prose}")
        if not (260 <= w_raw <= 320 and 260 <= w_prose <= 320):
            err(f"claims: {n} word count out of 260-320 (raw {w_raw}, prose {w_prose})")


def self_test():
    cases = [
        ("nearly $220 million", "more than $220 million", "conflict"),
        ("$310 million", "$315 million", "differ"),
        ("$48.5 million", "$48 million", "differ"),
        ("about $10 million", "$9.5 million", "differ"),
        ("$2-3 million", "$2.5 million", "differ"),
        ("between $9 million and $11 million", "$12 million", "conflict"),
    ]
    for a, b, want in cases:
        got = verdict(a, b)
        if got != want:
            err(f"self-test: {a!r} vs {b!r} gives {got!r}, expected {want!r}")


if __name__ == "__main__":
    self_test()
    check_sourcing()
    check_claims()
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")
