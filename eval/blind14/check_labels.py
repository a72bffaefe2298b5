#!/usr/bin/env python3
"""Consistency checker for the blind14 evaluation set (python3 stdlib + tomllib only).

Usage: python3 check_labels.py        (run from anywhere; paths are relative to this file)

Checks
  * every label's text occurs verbatim at its occurrence (1-based over the raw file);
    a text that occurs more than once in its file must carry an explicit occurrence;
  * no label is the head or tail of a longer number (e.g. "$1.1" inside "$1.1-million");
  * no two distinct labels of one corpus share (overlap) a span;
  * completeness: every money token in the prose (front matter, HTML comments, code,
    link targets, URLs and e-mail addresses masked first) lies inside a label; in claims/
    also every counted quantity with a story noun and every percentage;
  * claims: each pair's verdict recomputed from the interval rule; facts (connected
    components of pairs) never hold two figures of one document; every cross-document
    pair inside a fact is labelled; a look-alike never joins two figures of one fact;
    pairs and look-alikes stay within one story cluster (file-name prefix);
  * counts: documents (3 .md + 3 .txt per corpus), figures per document, pairs,
    look-alikes, facts, and word counts.
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


# ---------------------------------------------------------------- masking
def mask(text):
    """Replace non-prose regions by spaces (offsets are preserved)."""
    chars = list(text)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    m = re.match(r"---\n.*?\n---\n", text, re.S)
    if m:
        blank(m.start(), m.end())
    for pat in (
        r"<!--.*?-->",                       # HTML comments
        r"```.*?```",                        # fenced code
        r"`[^`\n]+`",                        # inline code
        r"\]\([^)\s]*\)",                    # link targets
        r"https?://\S+",                     # bare URLs
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.example\b",  # e-mail
        r"\b[\w-]+(?:\.[\w-]+)*\.example(?:/\S*)?",  # bare .example hosts / paths
    ):
        for m in re.finditer(pat, text, re.S):
            a, b = m.start(), m.end()
            if pat.startswith(r"\]\("):
                a += 1  # keep the closing bracket of the link text
            blank(a, b)
    return "".join(chars)


def word_count(text):
    return sum(1 for t in mask(text).split() if re.search(r"[A-Za-z0-9]", t))


# ---------------------------------------------------------------- locating
def find_all(hay, needle):
    out, i = [], hay.find(needle)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def locate(files, ref, where):
    """Return (start, end) of the label in its file, or None (error recorded)."""
    fname, text = ref["file"], ref["text"]
    if fname not in files:
        err(f"{where}: unknown file {fname}")
        return None
    raw = files[fname]
    hits = find_all(raw, text)
    occ = ref.get("occurrence", 1)
    if len(hits) > 1 and "occurrence" not in ref:
        err(f"{where}: {fname}: {text!r} occurs {len(hits)} times but has no explicit occurrence")
    if occ < 1 or occ > len(hits):
        err(f"{where}: {fname}: {text!r} occurrence {occ} not found ({len(hits)} hits)")
        return None
    s = hits[occ - 1]
    e = s + len(text)
    # head / tail of a longer number
    before = raw[s - 1] if s > 0 else " "
    after = raw[e] if e < len(raw) else " "
    after2 = raw[e + 1] if e + 1 < len(raw) else " "
    if before.isalnum() or before in ".,$€£":
        err(f"{where}: {fname}: {text!r} is the tail of a longer token (preceded by {before!r})")
    if text[-1].isdigit():
        if after.isalnum():
            err(f"{where}: {fname}: {text!r} is the head of a longer number (followed by {after!r})")
        if after in ".," and after2.isdigit():
            err(f"{where}: {fname}: {text!r} is the head of a longer number")
        if after in "-–" and (after2.isalnum() or after2 in "$€£"):
            err(f"{where}: {fname}: {text!r} is the head of a longer number/range")
    elif after.isalnum():
        err(f"{where}: {fname}: {text!r} ends inside a word (followed by {after!r})")
    return (s, e)


def load_files(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
            if p.suffix in (".md", ".txt")}


# ---------------------------------------------------------------- completeness
MONEY_RE = re.compile(
    r"(?:US\$|C\$|A\$|NZ\$|\$|€|£)\s?\d"
    r"|\b\d[\d,.]*\s*(?:cents|pence)\b|\b\d+(?:\.\d+)?p\b"
    r"|\b(?:dollars|euros|cents|bucks)\b"
    r"|\d\s?(?:USD|EUR|GBP|CAD)\b"
)
COUNT_NOUNS = (r"visitors|workers|jobs|positions|vendors|people|residents|employees|students|staff|"
               r"homes|households|families|beds|buses|drivers|members|passengers|volunteers|"
               r"businesses|shops|bids|bidders|donors|telescopes|nights")
COUNT_RE = re.compile(
    r"\b\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion))?\s+(?:[A-Za-z-]+\s+){0,2}?(?:"
    + COUNT_NOUNS + r")\b")
PCT_RE = re.compile(r"\d(?:[\d.,]*)\s?(?:%|percent\b|per cent\b)")


def check_complete(files, spans_by_file, corpus, with_counts):
    for fname, raw in files.items():
        masked = mask(raw)
        spans = spans_by_file.get(fname, [])
        pats = [("money token", MONEY_RE)]
        if with_counts:
            pats += [("counted quantity", COUNT_RE), ("percentage", PCT_RE)]
        for kind, rx in pats:
            for m in rx.finditer(masked):
                pos = m.start()
                if not any(s <= pos < e for s, e in spans):
                    ctx = raw[max(0, pos - 30):m.end() + 20].replace("\n", " ")
                    err(f"{corpus}/{fname}: unlabelled {kind} {m.group(0)!r} in ...{ctx}...")
        # a label must not sit in a masked (non-prose) region
        for s, e in spans:
            if masked[s:e].strip() != raw[s:e].strip():
                err(f"{corpus}/{fname}: label at {s} ({raw[s:e]!r}) lies in masked non-prose text")


def check_overlaps(spans_by_file, corpus):
    for fname, spans in spans_by_file.items():
        uniq = sorted(set(spans))
        for (a1, b1), (a2, b2) in combinations(uniq, 2):
            if a1 < b2 and a2 < b1:
                err(f"{corpus}/{fname}: labels share a span: {(a1, b1)} and {(a2, b2)}")


# ---------------------------------------------------------------- intervals
SCALE = {"thousand": 10**3, "k": 10**3, "K": 10**3, "million": 10**6, "m": 10**6, "M": 10**6,
         "billion": 10**9, "bn": 10**9}
QUALS = [("more than", "more"), ("over", "more"), ("at least", "atleast"), ("nearly", "nearly"),
         ("almost", "nearly"), ("up to", "upto"), ("less than", "less"), ("under", "less"),
         ("about", "about"), ("roughly", "about"), ("some", "about"), ("around", "about"),
         ("approximately", "about")]
NUM_RE = re.compile(
    r"(?:US\$|C\$|\$|€|£)?\s*(?P<num>\d[\d,]*(?:\.\d+)?|an?\b)"
    r"(?:[\s-]*(?P<scale>thousand|million|billion|bn|k|K|m|M)\b)?")


def parse_value(s):
    m = NUM_RE.search(s)
    if not m:
        raise ValueError(f"no number in {s!r}")
    num, scale = m.group("num"), m.group("scale")
    mult = SCALE.get(scale, 1) if scale else 1
    if num in ("a", "an"):
        if not scale:
            raise ValueError(f"'a' without scale in {s!r}")
        return Fraction(mult), Fraction(mult)
    digits = num.replace(",", "")
    if "." in digits:
        ip, fp = digits.split(".")
        v = Fraction(int(ip + fp), 10 ** len(fp))
        step = Fraction(1, 10 ** len(fp))
    else:
        v = Fraction(int(digits))
        stripped = digits.rstrip("0")
        tz = len(digits) - len(stripped) if stripped else 0
        step = Fraction(10 ** tz)
    return v * mult, step * mult


def interval(text):
    """Return (stated, lo, lo_closed, hi, hi_closed)."""
    t = text.strip()
    low = t.lower()
    qual = "exact"
    for word, q in QUALS:
        if low.startswith(word + " "):
            qual = q
            t = t[len(word) + 1:]
            break
    m = re.match(r"between (.+?) and (.+)$", t)
    rng = None
    if m:
        rng = (m.group(1), m.group(2))
    else:
        m = re.match(r"(.+?\d)\s*(?:to|-|–)\s*((?:US\$|C\$|\$|€|£)?\d.*)$", t)
        if m:
            rng = (m.group(1), m.group(2))
    if rng:
        a_s, b_s = rng
        b_v, _ = parse_value(b_s)
        # "€15-20m": the scale of the upper end applies to the lower end
        if not re.search(r"thousand|million|billion|bn|[kKmM]\b", a_s):
            sm = re.search(r"(thousand|million|billion|bn|k|K|m|M)\b", b_s)
            if sm:
                a_s = a_s + " " + sm.group(1)
        a_v, _ = parse_value(a_s)
        return ((a_v, b_v), a_v, True, b_v, True)
    v, step = parse_value(t)
    if qual == "exact":
        return (v, v - step / 2, True, v + step / 2, False)
    if qual == "about":
        d = max(step / 2, v * Fraction(5, 100))
        return (v, v - d, True, v + d, True)
    if qual == "more":
        return (v, v, False, v + step, True)
    if qual == "atleast":
        return (v, v, True, v + step, True)
    if qual == "nearly":
        return (v, v * Fraction(95, 100), True, v, False)
    if qual == "upto":
        return (v, Fraction(0), True, v, True)
    if qual == "less":
        return (v, Fraction(0), True, v, False)
    raise ValueError(qual)


def disjoint(x, y):
    _, alo, alc, ahi, ahc = x
    _, blo, blc, bhi, bhc = y
    if ahi < blo or (ahi == blo and not (ahc and blc)):
        return True
    if bhi < alo or (bhi == alo and not (bhc and alc)):
        return True
    return False


def verdict(ta, tb):
    ia, ib = interval(ta), interval(tb)
    if disjoint(ia, ib):
        return "conflict"
    return "agree" if ia[0] == ib[0] else "differ"


def fmt(x):
    return f"{float(x):,.6g}"


# ---------------------------------------------------------------- corpora
def check_docs(files, corpus, wmin, wmax):
    md = [f for f in files if f.endswith(".md")]
    txt = [f for f in files if f.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"{corpus}: expected 3 .md and 3 .txt documents, found {len(md)} and {len(txt)}")
    wc = {}
    for f, raw in files.items():
        n = word_count(raw)
        wc[f] = n
        if not (wmin <= n <= wmax):
            err(f"{corpus}/{f}: {n} words, outside {wmin}-{wmax}")
    return wc


def check_sourcing():
    folder = ROOT / "sourcing"
    files = load_files(folder)
    wc = check_docs(files, "sourcing", 280, 340)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))["figure"]
    spans, per_file, n_src = {}, {}, 0
    seen = set()
    for i, lab in enumerate(labels):
        where = f"sourcing figure #{i + 1}"
        if not isinstance(lab.get("sourced"), bool):
            err(f"{where}: missing boolean 'sourced'")
        key = (lab["file"], lab["text"], lab.get("occurrence", 1))
        if key in seen:
            err(f"{where}: duplicate label {key}")
        seen.add(key)
        sp = locate(files, lab, where)
        if sp:
            spans.setdefault(lab["file"], []).append(sp)
        per_file.setdefault(lab["file"], [0, 0])
        per_file[lab["file"]][0 if lab.get("sourced") else 1] += 1
        n_src += bool(lab.get("sourced"))
    check_overlaps(spans, "sourcing")
    check_complete(files, spans, "sourcing", with_counts=False)
    total = len(labels)
    for f in files:
        s, u = per_file.get(f, [0, 0])
        if s + u != 12:
            err(f"sourcing/{f}: {s + u} figures, expected 12")
    if total != 72:
        err(f"sourcing: {total} figures, expected 72")
    if not (0.4 * total <= n_src <= 0.6 * total):
        err(f"sourcing: {n_src} sourced of {total}: not about half")
    print(f"sourcing: {len(files)} documents, {total} figures ({n_src} sourced, {total - n_src} unsourced)")
    for f in files:
        s, u = per_file.get(f, [0, 0])
        print(f"  {f:28s} {wc[f]:4d} words  {s:2d} sourced {u:2d} unsourced")


def check_claims():
    folder = ROOT / "claims"
    files = load_files(folder)
    wc = check_docs(files, "claims", 260, 320)
    data = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    clusters = {}
    for f in files:
        clusters.setdefault(f.split("-")[0], []).append(f)
    if len(clusters) != 2 or any(len(v) != 3 for v in clusters.values()):
        err(f"claims: expected 2 clusters of 3 documents, got {clusters}")

    spans = {}
    node_span = {}

    def node(ref, where):
        key = (ref["file"], ref["text"], ref.get("occurrence", 1))
        if key not in node_span:
            sp = locate(files, ref, where)
            node_span[key] = sp
            if sp:
                spans.setdefault(ref["file"], []).append(sp)
        return key

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent[find(a)] = find(b)

    labelled = set()
    counts = {"conflict": 0, "differ": 0, "agree": 0}
    for i, p in enumerate(pairs):
        where = f"claims pair #{i + 1}"
        a, b = node(p["a"], where), node(p["b"], where)
        if a[0] == b[0]:
            err(f"{where}: both figures in {a[0]}")
        if a[0].split("-")[0] != b[0].split("-")[0]:
            err(f"{where}: pair crosses story clusters")
        if not p.get("note"):
            err(f"{where}: missing note")
        v = p.get("verdict")
        if v not in counts:
            err(f"{where}: bad verdict {v!r}")
        else:
            counts[v] += 1
        try:
            got = verdict(p["a"]["text"], p["b"]["text"])
            ia, ib = interval(p["a"]["text"]), interval(p["b"]["text"])
            if got != v:
                err(f"{where}: labelled {v} but interval rule gives {got}: "
                    f"{p['a']['text']!r} [{fmt(ia[1])}, {fmt(ia[3])}] vs "
                    f"{p['b']['text']!r} [{fmt(ib[1])}, {fmt(ib[3])}]")
        except ValueError as e:
            err(f"{where}: cannot parse: {e}")
        fs = frozenset((a, b))
        if fs in labelled:
            err(f"{where}: duplicate pair")
        labelled.add(fs)
        union(a, b)

    comps = {}
    for n in list(parent):
        comps.setdefault(find(n), []).append(n)
    for members in comps.values():
        docs = [m[0] for m in members]
        if len(docs) != len(set(docs)):
            err(f"claims: a fact has two figures in one document: {sorted(members)}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled:
                err(f"claims: fact pair not labelled: {x} / {y}")

    for i, lk in enumerate(looks):
        where = f"claims lookalike #{i + 1}"
        a, b = node(lk["a"], where), node(lk["b"], where)
        if a[0] == b[0]:
            err(f"{where}: both figures in {a[0]}")
        if a[0].split("-")[0] != b[0].split("-")[0]:
            err(f"{where}: look-alike crosses story clusters")
        if not lk.get("note"):
            err(f"{where}: missing note")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: joins two figures of one fact")
        if frozenset((a, b)) in labelled:
            err(f"{where}: also labelled as a pair")

    check_overlaps(spans, "claims")
    check_complete(files, spans, "claims", with_counts=True)

    n_facts = len(comps)
    if not (25 <= len(pairs) <= 30):
        err(f"claims: {len(pairs)} pairs, expected 25-30")
    if not (12 <= len(looks) <= 15):
        err(f"claims: {len(looks)} look-alikes, expected 12-15")
    if not (10 <= n_facts <= 12):
        err(f"claims: {n_facts} facts, expected 10-12")
    if min(counts.values()) == 0:
        err(f"claims: verdict mix lacks a kind: {counts}")
    print(f"claims: {len(files)} documents, {n_facts} facts, {len(pairs)} pairs "
          f"({counts['conflict']} conflict, {counts['differ']} differ, {counts['agree']} agree), "
          f"{len(looks)} look-alikes, {len(node_span)} distinct figures")
    for f in files:
        nf = sum(1 for k in node_span if k[0] == f)
        print(f"  {f:28s} {wc[f]:4d} words  {nf:2d} labelled figures")


def main():
    check_sourcing()
    check_claims()
    if ERRORS:
        print(f"\nFAIL: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
