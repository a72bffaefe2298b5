#!/usr/bin/env python3
"""Consistency checker for the blind17 evaluation set (python3 stdlib + tomllib only).

Checks, for sourcing/ and claims/:
  * every label's text occurs verbatim at its occurrence (1-based over the raw file),
    and a text that occurs more than once always carries an explicit occurrence;
  * no label is the head or tail of a longer number or money token;
  * no two distinct labels share a span; no label sits inside masked text;
  * completeness: every money token of the prose (front matter, HTML comments, fenced and
    inline code, link targets and URLs masked) lies inside a label; in claims/ every
    percentage and every other number (except years, dates and phone numbers) too;
  * claims: every verdict recomputed from the interval rule; facts (connected components of
    pairs) never hold two figures of one document and every cross-document pair inside a fact
    is labelled; a look-alike never joins two figures of one fact;
  * counts: documents, file types, word counts, figures per document, pairs, look-alikes.
Exit status 0 when everything passes.
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


# ----------------------------------------------------------------- masking / prose

def masked_spans(text, is_md):
    spans = []

    def add(pattern, flags=0, group=0):
        for m in re.finditer(pattern, text, flags):
            spans.append((m.start(group), m.end(group)))

    if is_md:
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            spans.append((m.start(), m.end()))
        add(r"```.*?```", re.S)
        add(r"(?<!`)`[^`\n]+`(?!`)")
        add(r"\]\(([^)]*)\)", group=1)          # link targets
    add(r"<!--.*?-->", re.S)
    add(r"https?://\S+")
    return spans


def mask(text, spans):
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def in_spans(a, b, spans):
    return any(a < y and x < b for x, y in spans)


def word_count(text, is_md):
    t = text
    if is_md:
        t = re.sub(r"\A---\n.*?\n---\n", "", t, flags=re.S)
        t = re.sub(r"```.*?```", "", t, flags=re.S)
    t = re.sub(r"<!--.*?-->", "", t, flags=re.S)
    return len([w for w in t.split() if re.search(r"\w", w)])


# ----------------------------------------------------------------- locating labels

def occurrences(text, needle):
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


SCALE_AFTER = re.compile(r"(?:-|\s)?(?:million|billion|bn|thousand)\b|[kKmM]\b|%|\s?percent\b")


def locate(docs, label, where):
    """Return (start, end) of the label in its file, or None after reporting errors."""
    f, t = label["file"], label["text"]
    if f not in docs:
        err(f"{where}: unknown file {f}")
        return None
    text = docs[f]["text"]
    occ = occurrences(text, t)
    n = label.get("occurrence", 1)
    if not occ:
        err(f"{where}: text {t!r} not found in {f}")
        return None
    if len(occ) > 1 and "occurrence" not in label:
        err(f"{where}: text {t!r} occurs {len(occ)} times in {f} but has no explicit occurrence")
    if n < 1 or n > len(occ):
        err(f"{where}: occurrence {n} of {t!r} does not exist in {f} ({len(occ)} found)")
        return None
    a = occ[n - 1]
    b = a + len(t)
    before = text[a - 1] if a > 0 else ""
    before2 = text[a - 2] if a > 1 else ""
    after = text[b] if b < len(text) else ""
    after2 = text[b + 1] if b + 1 < len(text) else ""
    if before.isdigit() or (before in ".," and before2.isdigit()):
        err(f"{where}: {t!r} is the tail of a longer number in {f}")
    if t[0] in "$€£" and before.isalpha():
        err(f"{where}: {t!r} is the tail of a longer currency token ({before}{t}) in {f}")
    if t[0].isdigit() and before in "$€£-–":
        err(f"{where}: {t!r} is the tail of a longer money token in {f}")
    if after.isdigit() or (after in ".," and after2.isdigit()):
        err(f"{where}: {t!r} is the head of a longer number in {f}")
    if t[-1].isdigit():
        if after in "-–" and (after2.isdigit() or after2 in "$€£"):
            err(f"{where}: {t!r} is the head of a range in {f}")
        if SCALE_AFTER.match(text, b):
            err(f"{where}: {t!r} cuts off a scale word or unit in {f}")
    if in_spans(a, b, docs[f]["masked"]):
        err(f"{where}: {t!r} (occurrence {n}) lies in masked text (front matter/comment/code/URL) in {f}")
    return (a, b)


# ----------------------------------------------------------------- tokens for completeness

MONEY_PATTERNS = [
    r"(?:US|C|A|NZ|HK)?\$\s?\d[\d,]*(?:\.\d+)?",
    r"[€£¥]\s?\d[\d,]*(?:\.\d+)?",
    r"\b(?:EUR|USD|GBP|CAD)\s?\d[\d,]*(?:\.\d+)?",
    r"\b\d[\d,]*(?:\.\d+)?(?:-|\s)?(?:million|billion|bn|trillion)\b",
    r"\b\d[\d,]*(?:\.\d+)?\s?(?:k|K|m|M|bn)\b",
    r"\b(?:\d[\d,.]*|half a|a|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozen|hundred|thousand|million|billion)\s+(?:dollars?|euros?|pounds?|cents?|quid|bucks)\b",
]
MONEY_RE = re.compile("|".join(f"(?:{p})" for p in MONEY_PATTERNS))
PERCENT_RE = re.compile(r"\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per cent\b)")
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)")
NON_FIGURE_RES = [
    re.compile(r"\b(?:19|20)\d\d(?:s|-\d\d)?\b"),             # years, decades, seasons
    re.compile(MONTHS + r"\s+\d{1,2}\b"),                      # March 12
    re.compile(r"\b\d{1,2}\s+" + MONTHS),                      # 14 March
    re.compile(r"\b555-\d{4}\b"),                              # phone numbers
]


def check_completeness(docs, spans_by_file, numbers_too):
    for f, d in docs.items():
        prose = mask(d["text"], d["masked"])
        labelled = spans_by_file.get(f, [])
        toks = list(MONEY_RE.finditer(prose))
        if numbers_too:
            toks += list(PERCENT_RE.finditer(prose))
        for m in toks:
            if not in_spans(m.start(), m.end(), labelled):
                line = d["text"].count("\n", 0, m.start()) + 1
                err(f"completeness: unlabelled money/percent token {m.group()!r} in {f}:{line}")
        if numbers_too:
            allowed = []
            for r in NON_FIGURE_RES:
                allowed += [(m.start(), m.end()) for m in r.finditer(prose)]
            for m in NUMBER_RE.finditer(prose):
                if in_spans(m.start(), m.end(), labelled) or in_spans(m.start(), m.end(), allowed):
                    continue
                line = d["text"].count("\n", 0, m.start()) + 1
                err(f"completeness: number {m.group()!r} in {f}:{line} is in no pair or look-alike")


# ----------------------------------------------------------------- intervals

QUAL = [
    ("about", r"(?:about|roughly|some|around|approximately)\s+"),
    ("more", r"(?:more than|over)\s+"),
    ("atleast", r"at least\s+"),
    ("nearly", r"(?:nearly|almost)\s+"),
    ("upto", r"up to\s+"),
    ("less", r"(?:less than|under|fewer than)\s+"),
]
NUM = r"(?:US\$|C\$|\$|€|£)?\s?(\d[\d,]*(?:\.\d+)?)(?:(?:-|\s)?(million|billion|bn|thousand)\b|(k|K|m|M)\b)?"
SCALES = {None: 1, "thousand": 10**3, "k": 10**3, "K": 10**3, "million": 10**6, "m": 10**6,
          "M": 10**6, "billion": 10**9, "bn": 10**9}


def parse_number(s):
    """Return (value, step, end, has_scale) for the number at the start of s."""
    m = re.match(NUM, s)
    if not m:
        raise ValueError(f"no number in {s!r}")
    scale_word = m.group(2) or m.group(3)
    digits, scale = m.group(1).replace(",", ""), SCALES[scale_word]
    value = Fraction(digits) * scale
    if "." in digits:
        step = Fraction(1, 10 ** len(digits.split(".")[1]))
    else:
        stripped = digits.rstrip("0")
        step = Fraction(10 ** (len(digits) - len(stripped))) if stripped else Fraction(1)
    return value, step * scale, m.end(), scale_word is not None


def interval(text):
    """Return ((lo, lo_closed, hi, hi_closed), stated) for a label text."""
    s = text.strip()
    low = s.lower()
    m = re.match(r"between\s+(.+?)\s+and\s+(.+)$", s, re.I)
    if m:
        a, _, _, a_sc = parse_number(m.group(1))
        b, _, _, b_sc = parse_number(m.group(2))
        if b_sc and not a_sc:                      # "between 9 and 11 million"
            a *= b / parse_number(re.match(NUM, m.group(2)).group(1))[0]
        return (a, True, b, True), ("range", a, b)
    kind = "exact"
    for k, pat in QUAL:
        mm = re.match(pat, low)
        if mm:
            kind, s = k, s[mm.end():]
            break
    v, step, end, v_sc = parse_number(s)
    mr = re.match(r"\s*(?:to|-|–)\s*(.+)$", s[end:])
    if mr and re.match(NUM, mr.group(1)):
        b, _, _, b_sc = parse_number(mr.group(1))
        if b_sc and not v_sc:                      # "$2-3 million": a takes the scale of b
            v *= b / Fraction(re.match(NUM, mr.group(1)).group(1).replace(",", ""))
        return (v, True, b, True), ("range", v, b)
    half = step / 2
    if kind == "exact":
        iv = (v - half, True, v + half, False)
    elif kind == "about":
        w = max(half, v * Fraction(5, 100))
        iv = (v - w, True, v + w, True)
    elif kind == "more":
        iv = (v, False, v + step, True)
    elif kind == "atleast":
        iv = (v, True, v + step, True)
    elif kind == "nearly":
        iv = (v * Fraction(95, 100), True, v, False)
    elif kind == "upto":
        iv = (Fraction(0), True, v, True)
    else:  # less
        iv = (Fraction(0), True, v, False)
    return iv, ("num", v)


def overlap(x, y):
    lo, lo_c = (x[0], x[1]) if (x[0] > y[0] or (x[0] == y[0] and not x[1])) else (y[0], y[1])
    hi, hi_c = (x[2], x[3]) if (x[2] < y[2] or (x[2] == y[2] and not x[3])) else (y[2], y[3])
    if lo < hi:
        return True
    return lo == hi and lo_c and hi_c


def verdict(ta, tb):
    ia, sa = interval(ta)
    ib, sb = interval(tb)
    if not overlap(ia, ib):
        return "conflict"
    return "agree" if sa == sb else "differ"


# ----------------------------------------------------------------- loading

def load_docs(folder):
    docs = {}
    for p in sorted(folder.iterdir()):
        if p.suffix in (".md", ".txt"):
            text = p.read_text(encoding="utf-8")
            is_md = p.suffix == ".md"
            docs[p.name] = {"text": text, "md": is_md, "masked": masked_spans(text, is_md),
                            "words": word_count(text, is_md)}
    return docs


def key(label):
    return (label["file"], label["text"], label.get("occurrence", 1))


def check_spans(docs, located, where):
    """located: dict key -> (a, b). Distinct labels must not share a span."""
    by_file = {}
    for k, sp in located.items():
        by_file.setdefault(k[0], []).append((sp, k))
    for f, items in by_file.items():
        for (s1, k1), (s2, k2) in combinations(items, 2):
            if s1[0] < s2[1] and s2[0] < s1[1]:
                err(f"{where}: labels {k1[1]!r} and {k2[1]!r} share a span in {f}")
    return {f: [s for s, _ in items] for f, items in by_file.items()}


# ----------------------------------------------------------------- sourcing

def check_sourcing():
    folder = ROOT / "sourcing"
    docs = load_docs(folder)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))["figure"]
    located, per_doc = {}, {}
    for i, lab in enumerate(labels, 1):
        where = f"sourcing figure #{i} ({lab.get('file')}: {lab.get('text')!r})"
        if not isinstance(lab.get("sourced"), bool):
            err(f"{where}: 'sourced' must be true or false")
        k = key(lab)
        if k in located:
            err(f"{where}: duplicate label")
            continue
        sp = locate(docs, lab, where)
        if sp:
            located[k] = sp
        per_doc.setdefault(lab["file"], []).append(lab)
    spans = check_spans(docs, located, "sourcing")
    check_completeness(docs, spans, numbers_too=False)

    md = sum(d["md"] for d in docs.values())
    if len(docs) != 6 or md != 3:
        err(f"sourcing: expected 6 documents (3 .md, 3 .txt), found {len(docs)} ({md} .md)")
    total_s = total_u = 0
    rows = []
    for f, d in docs.items():
        labs = per_doc.get(f, [])
        s = sum(1 for l in labs if l.get("sourced") is True)
        u = len(labs) - s
        total_s, total_u = total_s + s, total_u + u
        rows.append(f"  {f:24} {d['words']:4} words  {len(labs):2} figures ({s} sourced, {u} unsourced)")
        if not 280 <= d["words"] <= 340:
            err(f"sourcing: {f} has {d['words']} words (280-340 wanted)")
        if len(labs) != 12:
            err(f"sourcing: {f} has {len(labs)} figures (12 wanted)")
        if not 5 <= s <= 7:
            err(f"sourcing: {f} has {s} sourced of {len(labs)} (about half wanted)")
    print("sourcing/")
    print("\n".join(rows))
    print(f"  total {total_s + total_u} figures: {total_s} sourced, {total_u} unsourced")
    if total_s + total_u != 72:
        err(f"sourcing: {total_s + total_u} figures in all (72 wanted)")


# ----------------------------------------------------------------- claims

def check_claims():
    folder = ROOT / "claims"
    docs = load_docs(folder)
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    located = {}

    def loc(lab, where):
        k = key(lab)
        if k not in located:
            sp = locate(docs, lab, where)
            if sp:
                located[k] = sp
        return k

    prefix = lambda f: f.split("-", 1)[0]
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    counts = {"agree": 0, "differ": 0, "conflict": 0}
    labelled_pairs = set()
    for i, p in enumerate(pairs, 1):
        where = f"pair #{i} ({p['a']['text']!r} / {p['b']['text']!r})"
        ka, kb = loc(p["a"], where), loc(p["b"], where)
        if ka[0] == kb[0]:
            err(f"{where}: both figures are in {ka[0]}")
        if prefix(ka[0]) != prefix(kb[0]):
            err(f"{where}: figures from different clusters")
        if not p.get("note"):
            err(f"{where}: no note")
        try:
            v = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as e:
            err(f"{where}: cannot parse ({e})")
            continue
        if v != p.get("verdict"):
            err(f"{where}: labelled {p.get('verdict')!r}, interval rule gives {v!r}")
        counts[p.get("verdict")] = counts.get(p.get("verdict"), 0) + 1
        fs = frozenset((ka, kb))
        if fs in labelled_pairs:
            err(f"{where}: pair labelled twice")
        labelled_pairs.add(fs)
        parent[find(ka)] = find(kb)

    comps = {}
    for k in list(parent):
        comps.setdefault(find(k), set()).add(k)
    for members in comps.values():
        files = [k[0] for k in members]
        if len(files) != len(set(files)):
            err(f"fact {sorted(m[1] for m in members)}: two figures in one document")
        for x, y in combinations(sorted(members), 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled_pairs:
                err(f"fact: pair {x[0]}:{x[1]!r} / {y[0]}:{y[1]!r} not labelled")

    for i, l in enumerate(looks, 1):
        where = f"lookalike #{i} ({l['a']['text']!r} / {l['b']['text']!r})"
        ka, kb = loc(l["a"], where), loc(l["b"], where)
        if ka[0] == kb[0]:
            err(f"{where}: both figures are in {ka[0]}")
        if not l.get("note"):
            err(f"{where}: no note")
        if ka in parent and kb in parent and find(ka) == find(kb):
            err(f"{where}: joins two figures of one fact")
        if frozenset((ka, kb)) in labelled_pairs:
            err(f"{where}: also labelled as a pair")

    spans = check_spans(docs, located, "claims")
    check_completeness(docs, spans, numbers_too=True)

    md = sum(d["md"] for d in docs.values())
    if len(docs) != 6 or md != 3:
        err(f"claims: expected 6 documents (3 .md, 3 .txt), found {len(docs)} ({md} .md)")
    clusters = {}
    for f in docs:
        clusters.setdefault(prefix(f), []).append(f)
    if len(clusters) != 2 or any(len(v) != 3 for v in clusters.values()):
        err(f"claims: expected 2 clusters of 3 documents, found {clusters}")
    print("claims/")
    for f, d in docs.items():
        print(f"  {f:24} {d['words']:4} words")
        if not 260 <= d["words"] <= 320:
            err(f"claims: {f} has {d['words']} words (260-320 wanted)")
    facts = len(comps)
    print(f"  {len(pairs)} pairs ({counts['conflict']} conflict, {counts['differ']} differ, "
          f"{counts['agree']} agree) in {facts} facts; {len(looks)} look-alikes")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs (25-30 wanted)")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes (12-15 wanted)")
    if not 10 <= facts <= 20:
        err(f"claims: {facts} facts (about 10-12+ wanted)")
    for v in ("agree", "differ", "conflict"):
        if counts.get(v, 0) == 0:
            err(f"claims: no {v} pairs")


def self_test():
    cases = [
        ("nearly $220 million", "more than $220 million", "conflict"),
        ("$310 million", "$315 million", "differ"),
        ("$4.5 million", "$4.6 million", "conflict"),
        ("12 lawsuits", "at least 12 lawsuits", "agree"),
        ("about $30 million", "$31 million", "differ"),
        ("$4 million to $5 million", "$4.2 million", "differ"),
        ("between $9 million and $11 million", "$12 million", "conflict"),
        ("$2-3 million", "$3.5 million", "conflict"),
        ("£150,000-£200,000", "about £180,000", "differ"),
        ("between 9 and 11 million", "$10 million", "differ"),
    ]
    for a, b, want in cases:
        got = verdict(a, b)
        if got != want:
            err(f"self-test: {a!r} vs {b!r} gives {got}, expected {want}")


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
