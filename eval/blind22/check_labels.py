#!/usr/bin/env python3
"""Mechanical checks for the blind22 labels (python3 stdlib + tomllib only).

Run:  python3 check_labels.py        (from anywhere; paths are relative to this file)

Checks
  every label   text occurs verbatim; `occurrence` is given whenever the text occurs more than once
                in the raw file (overlapping occurrences, substrings of longer text included) and is in
                range; the located text is not glued to a longer number; it is not inside masked text
                (front matter, HTML comment, fenced or inline code, link target, bare URL, e-mail).
  sourcing      `sourced` is a boolean; no two figures share a span; every span holds a money token;
                every money token in unmasked text is covered by exactly one figure (completeness);
                twelve figures per document.
  claims        both ends of a pair/look-alike are in different documents; the two figures are of the
                same kind (money / percent / count); every verdict is recomputed from the interval rule
                with exact fractions; facts are the connected components of the pair graph: no two
                figures of one fact in one document, every cross-document pair inside a fact is labelled,
                no look-alike has both ends inside one fact; no duplicate pairs; every digit group and
                number word in unmasked claims text is inside a label or is an allow-listed non-figure
                (year, date, clock time, road number, phone number).
"""
import os
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations

ROOT = os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)


# ------------------------------------------------------------------ masking
def masked_spans(raw, is_md):
    spans = []
    if is_md:
        if raw.startswith("---\n"):
            end = raw.find("\n---\n", 4)
            if end != -1:
                spans.append((0, end + 5))
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            spans.append(m.span())
        for m in re.finditer(r"^```.*?^```[^\n]*$", raw, re.S | re.M):
            spans.append(m.span())
        for m in re.finditer(r"`[^`\n]+`", raw):
            if not inside(m.start(), m.end(), spans):
                spans.append(m.span())
        for m in re.finditer(r"\]\(([^)\s]*)\)", raw):
            spans.append(m.span(1))
    for m in re.finditer(r"(?:https?://|www\.)\S+", raw):
        spans.append(m.span())
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", raw):
        spans.append(m.span())
    return spans


def inside(s, e, spans):
    return any(a <= s and e <= b for a, b in spans)


def overlaps_any(s, e, spans):
    return any(s < b and a < e for a, b in spans)


# ------------------------------------------------------------------ locating labels
def find_all(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def locate(where, ref, raw, masks):
    text = ref.get("text")
    if not isinstance(text, str) or not text:
        err(f"{where}: missing text")
        return None
    hits = find_all(raw, text)
    if not hits:
        err(f"{where}: text {text!r} not found in {ref.get('file')}")
        return None
    occ = ref.get("occurrence")
    if len(hits) > 1 and occ is None:
        err(f"{where}: {text!r} occurs {len(hits)} times in {ref.get('file')}; occurrence required")
        return None
    occ = 1 if occ is None else occ
    if not (1 <= occ <= len(hits)):
        err(f"{where}: occurrence {occ} out of range (1..{len(hits)}) for {text!r}")
        return None
    s = hits[occ - 1]
    e = s + len(text)
    before = raw[s - 1] if s > 0 else " "
    after = raw[e] if e < len(raw) else " "
    if before.isdigit() or (before in ".," and s > 1 and raw[s - 2].isdigit()):
        err(f"{where}: {text!r} is glued to a preceding number")
    if after.isdigit() or (after in ".," and e + 1 < len(raw) and raw[e + 1].isdigit()):
        err(f"{where}: {text!r} is glued to a following number")
    if overlaps_any(s, e, masks):
        err(f"{where}: {text!r} lies inside masked text (front matter/comment/code/link target/URL)")
    return (s, e)


def load_docs(folder):
    docs = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith((".md", ".txt")):
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                raw = fh.read()
            docs[name] = (raw, masked_spans(raw, name.endswith(".md")))
    return docs


# ------------------------------------------------------------------ money tokens
NUMW = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a|half a|a quarter of a)"
MONEY_RES = [
    re.compile(r"(?:US\$|C\$|A\$|NZ\$|\$|€|£|¥|₹)\s?\d"),
    re.compile(r"\b(?:USD|EUR|GBP|CHF|INR|JPY)\s?\d"),
    re.compile(r"\d[\d,]*(?:\.\d+)?\s?(?:million|billion|thousand|bn|m|k)?\s?(?:dollars|euros|pounds|rupees|francs|yen|cents|pence)\b", re.I),
    re.compile(r"\b" + NUMW + r"(?:[ -]" + NUMW + r")*(?:\s+(?:hundred|thousand|million|billion))*\s+(?:dollars|euros|pounds|rupees|francs|yen|cents|pence)\b", re.I),
    re.compile(r"\d\s?¢"),
]


def money_tokens(raw, masks):
    toks = []
    for rx in MONEY_RES:
        for m in rx.finditer(raw):
            if not overlaps_any(m.start(), m.end(), masks):
                toks.append(m.span())
    return toks


# ------------------------------------------------------------------ intervals
SCALE = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9, "thousand": 10**3, "k": 10**3}
NUM_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|bn|m|k)?(?![a-z])", re.I)
QUALS = [
    ("between", "range"), ("more than", "more"), ("over", "more"), ("at least", "atleast"),
    ("nearly", "nearly"), ("almost", "nearly"), ("up to", "upto"), ("less than", "less"),
    ("under", "less"), ("about", "about"), ("roughly", "about"), ("some", "about"),
    ("around", "about"), ("approximately", "about"),
]


def parse_number(tok, scale_word):
    digits = tok.replace(",", "")
    scale = SCALE[scale_word.lower()] if scale_word else 1
    if "." in digits:
        ip, fp = digits.split(".")
        step = F(1, 10 ** len(fp))
    else:
        z = len(digits) - len(digits.rstrip("0"))
        step = F(10 ** z) if digits.strip("0") else F(1)
    return F(digits) * scale, step * scale


def kind_of(text):
    if re.search(r"%|\bpercent\b|\bper cent\b", text):
        return "percent"
    if re.search(r"US\$|\$|€|£|¥|\bUSD\b|\bEUR\b|dollars|euros|pounds", text):
        return "money"
    return "count"


def interval(text):
    """Return (lo, lo_closed, hi, hi_closed, stated) for a labelled claim figure."""
    t = text.strip()
    low = t.lower()
    qual = "exact"
    for word, q in QUALS:
        if low.startswith(word + " "):
            qual = q
            break
    nums = NUM_RE.findall(t)
    if not nums:
        raise ValueError(f"no number in {text!r}")
    is_range = qual == "range" or (
        len(nums) == 2 and re.search(r"\d\s*[a-z]*\s*(?:-|–|to)\s*(?:US\$|\$|€|£)?\s*\d", t, re.I)
    )
    if is_range:
        (a_tok, a_sc), (b_tok, b_sc) = nums[0], nums[1]
        if not a_sc and b_sc:
            a_sc = b_sc
        a, _ = parse_number(a_tok, a_sc)
        b, _ = parse_number(b_tok, b_sc)
        return (a, True, b, True, (a, b))
    if len(nums) != 1:
        raise ValueError(f"cannot parse {text!r}")
    v, s = parse_number(*nums[0])
    if qual == "exact":
        return (v - s / 2, True, v + s / 2, False, v)
    if qual == "about":
        d = max(s / 2, v / 20)
        return (v - d, True, v + d, True, v)
    if qual == "more":
        return (v, False, v + s, True, v)
    if qual == "atleast":
        return (v, True, v + s, True, v)
    if qual == "nearly":
        return (v * F(95, 100), True, v, False, v)
    if qual == "upto":
        return (F(0), True, v, True, v)
    if qual == "less":
        return (F(0), True, v, False, v)
    raise ValueError(qual)


def intersect(a, b):
    if a[0] > b[0]:
        lo, loc = a[0], a[1]
    elif b[0] > a[0]:
        lo, loc = b[0], b[1]
    else:
        lo, loc = a[0], a[1] and b[1]
    if a[2] < b[2]:
        hi, hic = a[2], a[3]
    elif b[2] < a[2]:
        hi, hic = b[2], b[3]
    else:
        hi, hic = a[2], a[3] and b[3]
    return lo < hi or (lo == hi and loc and hic)


def verdict(ta, tb):
    ia, ib = interval(ta), interval(tb)
    if not intersect(ia, ib):
        return "conflict"
    return "agree" if ia[4] == ib[4] else "differ"


# ------------------------------------------------------------------ sourcing
def check_sourcing():
    folder = os.path.join(ROOT, "sourcing")
    docs = load_docs(folder)
    with open(os.path.join(folder, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    spans = {name: [] for name in docs}
    counts = {name: [0, 0] for name in docs}
    for i, fig in enumerate(labels.get("figure", []), 1):
        where = f"sourcing figure #{i}"
        name = fig.get("file")
        if name not in docs:
            err(f"{where}: unknown file {name!r}")
            continue
        if not isinstance(fig.get("sourced"), bool):
            err(f"{where}: sourced must be true/false")
        raw, masks = docs[name]
        sp = locate(where, fig, raw, masks)
        if sp is None:
            continue
        for other in spans[name]:
            if sp[0] < other[1] and other[0] < sp[1]:
                err(f"{where}: {fig['text']!r} overlaps another figure in {name}")
        spans[name].append(sp)
        counts[name][0 if fig.get("sourced") else 1] += 1
        if not any(sp[0] <= a and b <= sp[1] for a, b in money_tokens(raw, masks)):
            err(f"{where}: {fig['text']!r} contains no money token")
    for name, (raw, masks) in docs.items():
        for a, b in money_tokens(raw, masks):
            cover = [sp for sp in spans[name] if sp[0] <= a and b <= sp[1]]
            if len(cover) != 1:
                line = raw.count("\n", 0, a) + 1
                err(f"sourcing {name}:{line}: money token {raw[a:b]!r} covered by {len(cover)} figures")
        if sum(counts[name]) != 12:
            err(f"sourcing {name}: {sum(counts[name])} figures, expected 12")
    return docs, counts


# ------------------------------------------------------------------ claims
ALLOW_RES = [
    re.compile(r"\b(?:19|20)\d\d\b"),                                     # years
    re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}\b"),  # dates
    re.compile(r"\b\d{1,2}:\d\d\b"),                                       # clock times
    re.compile(r"\bRoute \d+\b"),                                          # road numbers
    re.compile(r"\b555-\d{4}\b"),                                          # phone numbers
]
NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion|dozen|dozens|half|quarter|third|double|triple|twice)\b", re.I)
# number words that are not counted quantities (file, exact phrase around the word)
WORD_ALLOW = {
    ("allosaurus-sale-wire.txt", "This one is mostly real animal"),
    ("allosaurus-sale-review.md", "stop the next one"),
    ("allosaurus-sale-review.md", "teaches no one anything"),
    ("stannard-tunnel-courier.md", "No one was hurt"),
}


def check_claims():
    folder = os.path.join(ROOT, "claims")
    docs = load_docs(folder)
    with open(os.path.join(folder, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    nodes = {}          # (file, start) -> text
    covered = {n: [] for n in docs}

    def node(where, ref):
        name = ref.get("file")
        if name not in docs:
            err(f"{where}: unknown file {name!r}")
            return None
        raw, masks = docs[name]
        sp = locate(where, ref, raw, masks)
        if sp is None:
            return None
        covered[name].append(sp)
        key = (name, sp[0])
        nodes[key] = ref["text"]
        return key

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pair_set, verdicts = set(), {"conflict": 0, "differ": 0, "agree": 0}
    for i, p in enumerate(labels.get("pair", []), 1):
        where = f"claims pair #{i}"
        a, b = node(where + ".a", p.get("a", {})), node(where + ".b", p.get("b", {}))
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"{where}: both ends in {a[0]}")
        if kind_of(nodes[a]) != kind_of(nodes[b]):
            err(f"{where}: kinds differ ({nodes[a]!r} vs {nodes[b]!r})")
        key = frozenset((a, b))
        if key in pair_set:
            err(f"{where}: duplicate pair")
        pair_set.add(key)
        try:
            v = verdict(nodes[a], nodes[b])
        except ValueError as ex:
            err(f"{where}: {ex}")
            continue
        if p.get("verdict") != v:
            err(f"{where}: verdict {p.get('verdict')!r} but the interval rule gives {v!r} "
                f"({nodes[a]!r} {interval(nodes[a])[:4]} vs {nodes[b]!r} {interval(nodes[b])[:4]})")
        if not p.get("note"):
            err(f"{where}: note with the arithmetic is missing")
        verdicts[p.get("verdict")] = verdicts.get(p.get("verdict"), 0) + 1
        parent[find(a)] = find(b)

    comps = {}
    for n in list(parent):
        comps.setdefault(find(n), set()).add(n)
    facts = [c for c in comps.values() if len(c) > 1]
    for c in facts:
        files = [n[0] for n in c]
        if len(files) != len(set(files)):
            err(f"fact {sorted(nodes[n] for n in c)}: two figures in one document")
        for x, y in combinations(sorted(c), 2):
            if frozenset((x, y)) not in pair_set:
                err(f"fact: cross-document pair {x} {nodes[x]!r} / {y} {nodes[y]!r} not labelled")

    look_set = set()
    for i, l in enumerate(labels.get("lookalike", []), 1):
        where = f"claims lookalike #{i}"
        a, b = node(where + ".a", l.get("a", {})), node(where + ".b", l.get("b", {}))
        if a is None or b is None:
            continue
        if a[0] == b[0]:
            err(f"{where}: both ends in {a[0]}")
        if find(a) == find(b):
            err(f"{where}: {nodes[a]!r} and {nodes[b]!r} are in the same fact")
        key = frozenset((a, b))
        if key in pair_set or key in look_set:
            err(f"{where}: duplicate of a pair or look-alike")
        look_set.add(key)
        if not l.get("note"):
            err(f"{where}: note missing")

    # completeness: every digit group / number word is labelled or an allow-listed non-figure
    for name, (raw, masks) in docs.items():
        allowed = [m.span() for rx in ALLOW_RES for m in rx.finditer(raw)]
        spans = covered[name] + masks + allowed
        for m in re.finditer(r"\d[\d,.]*\d|\d", raw):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                line = raw.count("\n", 0, m.start()) + 1
                err(f"claims {name}:{line}: number {m.group()!r} is in no pair or look-alike")
        for m in NUMBER_WORDS.finditer(raw):
            if any(a <= m.start() and m.end() <= b for a, b in covered[name] + masks):
                continue
            if any(fn == name and phrase in raw and
                   raw.find(phrase) <= m.start() < raw.find(phrase) + len(phrase)
                   for fn, phrase in WORD_ALLOW):
                continue
            line = raw.count("\n", 0, m.start()) + 1
            err(f"claims {name}:{line}: number word {m.group()!r} is in no pair or look-alike")
        for a, b in money_tokens(raw, masks):
            if not any(x <= a and b <= y for x, y in covered[name]):
                err(f"claims {name}: money token {raw[a:b]!r} unlabelled")
    return docs, facts, verdicts, len(look_set), nodes


def main():
    sdocs, counts = check_sourcing()
    cdocs, facts, verdicts, nlook, nodes = check_claims()
    src = sum(c[0] for c in counts.values())
    uns = sum(c[1] for c in counts.values())
    print(f"sourcing: {len(sdocs)} documents, {src + uns} money figures ({src} sourced, {uns} unsourced)")
    for name, (s, u) in counts.items():
        print(f"  {name:32s} words={len(sdocs[name][0].split()):4d} sourced={s:2d} unsourced={u:2d}")
    npairs = sum(verdicts.values())
    print(f"claims: {len(cdocs)} documents, {len(facts)} facts, {npairs} pairs "
          f"({verdicts['conflict']} conflict, {verdicts['differ']} differ, {verdicts['agree']} agree), "
          f"{nlook} look-alikes")
    for name, (raw, _) in cdocs.items():
        print(f"  {name:32s} words={len(raw.split()):4d} labelled figures={sum(1 for n in nodes if n[0] == name):2d}")
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
