#!/usr/bin/env python3
"""Self-check for the blind15 evaluation set (python3 stdlib + tomllib only).

Checks, for sourcing/ and claims/:
  * every label's text occurs verbatim at its occurrence (1-based over the raw file);
    a text that occurs more than once in its file must carry an explicit occurrence;
  * no label is the head or tail of a longer number / currency token;
  * no label lies in front matter, an HTML comment, code, a link target or a URL;
  * no two labels of one file share a span;
  * completeness: every money token of the (masked) prose lies inside a label; in claims,
    every counted quantity with a story noun does too;
  * claims: every pair's verdict is recomputed from the interval rule; facts (connected
    components of pairs) never hold two figures of one document and every cross-document
    pair inside a fact is labelled; a look-alike never joins two figures of one fact;
    pairs and look-alikes stay inside one cluster (file-name prefix);
  * counts and word counts.
Exit status 0 when everything passes.
"""
import os
import re
import sys
import tomllib
from collections import Counter, defaultdict
from fractions import Fraction
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)


def read(folder, name):
    with open(os.path.join(HERE, folder, name), encoding="utf-8") as fh:
        return fh.read()


# ----------------------------------------------------------------- masking
def mask(text):
    """Blank non-prose regions (keeping offsets): front matter, HTML comments, fenced
    and inline code, Markdown link targets, URLs and e-mail addresses."""
    chars = list(text)

    def blank(s, e):
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "

    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            blank(0, end + 4)
    cur = lambda: "".join(chars)
    for m in re.finditer(r"<!--.*?-->", cur(), re.S):
        blank(m.start(), m.end())
    for m in re.finditer(r"^```.*?^```", cur(), re.S | re.M):
        blank(m.start(), m.end())
    for m in re.finditer(r"`[^`\n]+`", cur()):
        blank(m.start(), m.end())
    for m in re.finditer(r"\]\(([^)\s]*)\)", cur()):
        blank(m.start(1), m.end(1))
    for m in re.finditer(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.example(?:/\S*)?", cur()):
        blank(m.start(), m.end())
    return cur()


MONEY_ANCHORS = [
    r"(?:US|C|A|NZ|HK)?\$\s?\d",
    r"[€£¥]\s?\d",
    r"\b(?:USD|EUR|GBP|CAD)\s?\d",
    r"\b(?:dollars|bucks|euros|pounds|cents|pence|quid)\b",
]
STORY_NOUNS = (
    r"acres|tons|tonnes|truck trips|trips|residents|jobs|seats|spectators|people|employees|"
    r"workers|signatures|homes|households|positions|riders|members|drivers|trucks"
)
COUNT_RE = re.compile(
    r"(?<![\w$€£.,])\d[\d,]*(?:\.\d+)?(?:\s+(?:million|thousand))?\s+"
    r"(?:(?!(?:that|its|the|a|an|of|and|to|on|in|for|with|by|from|at|was|is|were)\b)[A-Za-z-]+\s+){0,2}?"
    r"(?:%s)\b" % STORY_NOUNS
)
PERCENT_RE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b)")


def money_anchors(masked):
    out = []
    for pat in MONEY_ANCHORS:
        for m in re.finditer(pat, masked):
            out.append(m.start())
    return sorted(set(out))


# ----------------------------------------------------------------- locating
def locate(raw, text, occ):
    idx = -1
    positions = []
    while True:
        idx = raw.find(text, idx + 1)
        if idx == -1:
            break
        positions.append(idx)
    return positions


def check_boundaries(where, raw, s, e, text):
    before = raw[s - 1] if s > 0 else ""
    before2 = raw[s - 2] if s > 1 else ""
    after = raw[e] if e < len(raw) else ""
    after2 = raw[e + 1] if e + 1 < len(raw) else ""
    first, last = text[0], text[-1]
    if first.isdigit():
        if before.isdigit() or before in "$€£" or (before in ".," and before2.isdigit()):
            err(f"{where}: '{text}' is the tail of a longer number/currency token")
    if first in "$€£" and before.isalpha():
        err(f"{where}: '{text}' is the tail of a longer currency token ({before}{text})")
    if first.isalpha() and before.isalpha():
        err(f"{where}: '{text}' starts inside a word")
    if last.isdigit():
        if after.isdigit() or (after in ".,-–" and after2.isdigit()):
            err(f"{where}: '{text}' is the head of a longer number")
    if last.isalpha() and after.isalpha():
        err(f"{where}: '{text}' ends inside a word")
    if last.isdigit() and after in "-–" and after2 == "$":
        err(f"{where}: '{text}' is the head of a range")


class Spans:
    def __init__(self):
        self.by_file = defaultdict(dict)  # file -> {(s,e): label key}

    def add(self, f, s, e, key):
        self.by_file[f].setdefault((s, e), key)

    def overlaps(self):
        for f, d in self.by_file.items():
            spans = sorted(d)
            for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
                if s2 < e1:
                    err(f"{f}: labels share a span: {d[(s1, e1)]!r} and {d[(s2, e2)]!r}")

    def covers(self, f, i):
        return any(s <= i < e for (s, e) in self.by_file[f])


def resolve(folder, raw_cache, masked_cache, ref, spans, ctx):
    f = ref.get("file")
    text = ref.get("text")
    if not f or not text:
        err(f"{ctx}: missing file/text")
        return None
    if f not in raw_cache:
        try:
            raw_cache[f] = read(folder, f)
        except FileNotFoundError:
            err(f"{ctx}: no such file {f}")
            return None
        masked_cache[f] = mask(raw_cache[f])
    raw = raw_cache[f]
    positions = locate(raw, text, 1)
    occ = ref.get("occurrence", 1)
    if len(positions) > 1 and "occurrence" not in ref:
        err(f"{ctx}: '{text}' occurs {len(positions)}x in {f} but has no explicit occurrence")
    if occ < 1 or occ > len(positions):
        err(f"{ctx}: '{text}' occurrence {occ} not found in {f} (found {len(positions)})")
        return None
    s = positions[occ - 1]
    e = s + len(text)
    check_boundaries(f"{ctx} {f}", raw, s, e, text)
    if masked_cache[f][s:e] != raw[s:e]:
        err(f"{ctx}: '{text}' (occurrence {occ}) in {f} lies in a non-prose region")
    spans.add(f, s, e, text)
    return (f, s, e, text)


def word_count(raw):
    return len(raw.split())


# ----------------------------------------------------------------- intervals
QUALIFIERS = [
    ("more than", "more"), ("over", "more"), ("at least", "atleast"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("up to", "upto"), ("less than", "less"), ("fewer than", "less"), ("under", "less"),
    ("about", "about"), ("roughly", "about"), ("some", "about"), ("approximately", "about"),
    ("around", "about"), ("an estimated", "exact"),
]
MULT = {None: 1, "": 1, "thousand": 10**3, "k": 10**3, "K": 10**3, "million": 10**6, "m": 10**6,
        "M": 10**6, "billion": 10**9, "bn": 10**9}
NUM_RE = re.compile(
    r"^(?P<cur>US\$|C\$|\$|€|£)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<mult>million|billion|thousand|bn|m|M|k|K)?(?![A-Za-z])\s*(?P<rest>.*)$"
)


def parse_number(s):
    m = NUM_RE.match(s.strip())
    if not m:
        return None
    num = m.group("num").replace(",", "")
    if "." in num:
        step = Fraction(1, 10 ** len(num.split(".")[1]))
    else:
        stripped = num.rstrip("0")
        z = len(num) - len(stripped) if stripped else 0
        step = Fraction(10 ** z)
    mult = MULT[m.group("mult")]
    rest = m.group("rest").strip()
    kind = "money" if m.group("cur") else ("percent" if rest.startswith(("%", "percent")) else "count")
    return {
        "v": Fraction(num) * mult,
        "step": step * mult,
        "cur": m.group("cur"),
        "kind": kind,
        "noun": rest,
    }


def interval(text):
    t = text.strip()
    qual = "exact"
    low = t.lower()
    for word, q in QUALIFIERS:
        if low.startswith(word + " "):
            qual = q
            t = t[len(word) + 1:]
            break
    rng = re.match(r"^between (.+) and (.+)$", t) or re.match(r"^(.+?) to (.+)$", t)
    if rng:
        a, b = parse_number(rng.group(1)), parse_number(rng.group(2))
        if not a or not b:
            return None
        if b["cur"] is None and a["cur"]:
            b["kind"] = "money"
        return {"lo": a["v"] * 1, "lc": True, "hi": b["v"], "hc": True, "stated": (a["v"], b["v"]),
                "kind": a["kind"], "qual": "range"}
    p = parse_number(t)
    if not p:
        return None
    v, s = p["v"], p["step"]
    if qual == "exact":
        lo, lc, hi, hc = v - s / 2, True, v + s / 2, False
    elif qual == "about":
        d = max(s / 2, v / 20)
        lo, lc, hi, hc = v - d, True, v + d, True
    elif qual == "more":
        lo, lc, hi, hc = v, False, v + s, True
    elif qual == "atleast":
        lo, lc, hi, hc = v, True, v + s, True
    elif qual == "nearly":
        lo, lc, hi, hc = v * Fraction(95, 100), True, v, False
    elif qual == "upto":
        lo, lc, hi, hc = Fraction(0), True, v, True
    elif qual == "less":
        lo, lc, hi, hc = Fraction(0), True, v, False
    return {"lo": lo, "lc": lc, "hi": hi, "hc": hc, "stated": (v,), "kind": p["kind"], "qual": qual,
            "noun": p["noun"]}


def disjoint(a, b):
    def before(x, y):
        return x["hi"] < y["lo"] or (x["hi"] == y["lo"] and not (x["hc"] and y["lc"]))
    return before(a, b) or before(b, a)


def verdict(a, b):
    if disjoint(a, b):
        return "conflict"
    return "agree" if a["stated"] == b["stated"] else "differ"


# ----------------------------------------------------------------- sourcing
def check_sourcing():
    folder = "sourcing"
    data = tomllib.loads(read(folder, "labels.toml"))
    figs = data.get("figure", [])
    raw_cache, masked_cache, spans = {}, {}, Spans()
    docs = sorted(f for f in os.listdir(os.path.join(HERE, folder)) if f.endswith((".md", ".txt")))
    for d in docs:
        raw_cache[d] = read(folder, d)
        masked_cache[d] = mask(raw_cache[d])
    per_doc = Counter()
    sourced = Counter()
    for i, fig in enumerate(figs):
        ctx = f"sourcing figure #{i + 1}"
        if not isinstance(fig.get("sourced"), bool):
            err(f"{ctx}: 'sourced' must be true/false")
        r = resolve(folder, raw_cache, masked_cache, fig, spans, ctx)
        if not r:
            continue
        f, s, e, text = r
        per_doc[f] += 1
        sourced[fig.get("sourced")] += 1
        if not any(s <= a < e for a in money_anchors(masked_cache[f])):
            err(f"{ctx}: '{text}' in {f} contains no money token")
    spans.overlaps()
    for d in docs:
        for a in money_anchors(masked_cache[d]):
            if not spans.covers(d, a):
                line = raw_cache[d].count("\n", 0, a) + 1
                err(f"sourcing/{d}:{line}: unlabelled money token near {raw_cache[d][a:a + 30]!r}")
    # counts
    md = [d for d in docs if d.endswith(".md") and d != "labels.toml"]
    txt = [d for d in docs if d.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"sourcing: expected 3 .md + 3 .txt documents, got {md} {txt}")
    for d in docs:
        wc = word_count(raw_cache[d])
        if not 280 <= wc <= 340:
            err(f"sourcing/{d}: {wc} words (want 280-340)")
        if per_doc[d] != 12:
            err(f"sourcing/{d}: {per_doc[d]} figures (want 12)")
    total = sum(per_doc.values())
    if total != 72:
        err(f"sourcing: {total} figures (want 72)")
    if not 30 <= sourced[True] <= 42:
        err(f"sourcing: {sourced[True]} sourced / {sourced[False]} unsourced (want about half)")
    return docs, per_doc, sourced, {d: word_count(raw_cache[d]) for d in docs}


# ----------------------------------------------------------------- claims
def check_claims():
    folder = "claims"
    data = tomllib.loads(read(folder, "labels.toml"))
    pairs = data.get("pair", [])
    looks = data.get("lookalike", [])
    raw_cache, masked_cache, spans = {}, {}, Spans()
    docs = sorted(f for f in os.listdir(os.path.join(HERE, folder)) if f.endswith((".md", ".txt")))
    for d in docs:
        raw_cache[d] = read(folder, d)
        masked_cache[d] = mask(raw_cache[d])

    def key(r):
        return (r[0], r[1], r[2])

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        parent[find(x)] = find(y)

    cluster = lambda f: f.split("-", 1)[0]
    labelled_pairs = set()
    verdicts = Counter()
    texts = {}
    for kind, items in (("pair", pairs), ("lookalike", looks)):
        for i, it in enumerate(items):
            ctx = f"claims {kind} #{i + 1}"
            if not it.get("note"):
                err(f"{ctx}: missing note")
            ra = resolve(folder, raw_cache, masked_cache, it.get("a", {}), spans, ctx + " a")
            rb = resolve(folder, raw_cache, masked_cache, it.get("b", {}), spans, ctx + " b")
            if not ra or not rb:
                continue
            texts[key(ra)] = ra[3]
            texts[key(rb)] = rb[3]
            if ra[0] == rb[0]:
                err(f"{ctx}: both figures in {ra[0]}")
            if cluster(ra[0]) != cluster(rb[0]):
                err(f"{ctx}: crosses clusters ({ra[0]}, {rb[0]})")
            ia, ib = interval(ra[3]), interval(rb[3])
            if kind == "pair":
                union(key(ra), key(rb))
                labelled_pairs.add(frozenset((key(ra), key(rb))))
                if ia is None or ib is None:
                    err(f"{ctx}: cannot parse '{ra[3]}' or '{rb[3]}'")
                    continue
                if ia["kind"] != ib["kind"]:
                    err(f"{ctx}: different kinds {ia['kind']} vs {ib['kind']}")
                v = verdict(ia, ib)
                verdicts[v] += 1
                if v != it.get("verdict"):
                    err(f"{ctx}: '{ra[3]}' vs '{rb[3]}': labelled {it.get('verdict')}, interval rule gives {v}")
            else:
                find(key(ra))
                find(key(rb))
    # look-alikes must not join two figures of one fact
    for i, it in enumerate(looks):
        ra = resolve(folder, raw_cache, masked_cache, it["a"], Spans(), "")
        rb = resolve(folder, raw_cache, masked_cache, it["b"], Spans(), "")
        if ra and rb and find(key(ra)) == find(key(rb)):
            err(f"claims lookalike #{i + 1}: joins two figures of one fact ({ra[3]} / {rb[3]})")
    # facts
    comps = defaultdict(list)
    for x in parent:
        comps[find(x)].append(x)
    facts = [sorted(m) for m in comps.values() if any(frozenset((m[0], y)) in labelled_pairs for y in m[1:]) or
             any(frozenset(p) in labelled_pairs for p in combinations(m, 2))]
    for members in facts:
        files = [m[0] for m in members]
        if len(files) != len(set(files)):
            err(f"claims fact {[texts[m] for m in members]}: two figures in one document")
        for x, y in combinations(members, 2):
            if frozenset((x, y)) not in labelled_pairs:
                err(f"claims fact: missing pair {x[0]}:{texts[x]!r} - {y[0]}:{texts[y]!r}")
    spans.overlaps()
    # completeness
    for d in docs:
        m = masked_cache[d]
        for a in money_anchors(m):
            if not spans.covers(d, a):
                line = raw_cache[d].count("\n", 0, a) + 1
                err(f"claims/{d}:{line}: unlabelled money token near {raw_cache[d][a:a + 30]!r}")
        for mm in list(COUNT_RE.finditer(m)) + list(PERCENT_RE.finditer(m)):
            if not spans.covers(d, mm.start()):
                line = raw_cache[d].count("\n", 0, mm.start()) + 1
                err(f"claims/{d}:{line}: unlabelled counted quantity {mm.group(0)!r}")
    # counts
    md = [d for d in docs if d.endswith(".md")]
    txt = [d for d in docs if d.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"claims: expected 3 .md + 3 .txt documents, got {md} {txt}")
    clusters = Counter(cluster(d) for d in docs)
    if sorted(clusters.values()) != [3, 3]:
        err(f"claims: expected 2 clusters of 3 documents, got {dict(clusters)}")
    for d in docs:
        wc = word_count(raw_cache[d])
        if not 260 <= wc <= 320:
            err(f"claims/{d}: {wc} words (want 260-320)")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs (want 25-30)")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes (want 12-15)")
    if not 10 <= len(facts) <= 13:
        err(f"claims: {len(facts)} facts (want about 10-12)")
    return docs, pairs, looks, facts, verdicts, {d: word_count(raw_cache[d]) for d in docs}


def main():
    sdocs, per_doc, sourced, swc = check_sourcing()
    cdocs, pairs, looks, facts, verdicts, cwc = check_claims()
    print("sourcing:", ", ".join(f"{d} ({per_doc[d]} figs, {swc[d]} words)" for d in sdocs))
    print(f"  figures: {sum(per_doc.values())}  sourced: {sourced[True]}  unsourced: {sourced[False]}")
    print("claims:", ", ".join(f"{d} ({cwc[d]} words)" for d in cdocs))
    print(f"  facts: {len(facts)}  pairs: {len(pairs)} ({dict(verdicts)})  look-alikes: {len(looks)}")
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
