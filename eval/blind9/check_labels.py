#!/usr/bin/env python3
"""Check the blind9 label files against their documents.

    python3 check_labels.py          # from any directory

sourcing/labels.toml
  * every [[figure]] names an existing file and its `text` occurs there at least
    `occurrence` times (raw, case-sensitive substring count over the whole file);
  * a text that occurs more than once carries an explicit `occurrence`;
  * the labelled occurrence is a whole figure (no letter/digit glued to either side),
    lies outside front matter, HTML comments, code and URLs, and does not overlap
    another label in the same file;
  * no money token in the prose of a document is left unlabelled (completeness scan);
  * 6 documents (3 .md, 3 .txt), 12 figures each, 72 in all; sourced is a boolean.

claims/labels.toml
  * both ends of every [[pair]] / [[lookalike]] exist in their files (same locating rules),
    lie in two different documents of the same cluster (file-name prefix before '-');
  * each pair's verdict is recomputed from the interval rule of ../corpora/README.md;
  * pairs are transitively complete (a fact stated in three documents gives three
    pairs) and no fact is stated twice in one document;
  * a look-alike never joins two figures that the pairs put in the same fact;
  * 6 documents (3 .md, 3 .txt) in 2 clusters of 3, word counts, pair/look-alike counts.

Exit status 0 when everything passes, 1 otherwise.
"""
import re
import sys
import tomllib
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
ERRORS = []


def err(msg):
    ERRORS.append(msg)
    print("ERROR:", msg)


def words(text):
    return len(text.split())


# ----------------------------------------------------------------------------- locating

def occurrences(hay, needle):
    """Start offsets of every raw occurrence (overlapping allowed)."""
    out, i = [], hay.find(needle)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def excluded_regions(path, text):
    """Spans that are not prose: front matter, HTML comments, code, link targets, URLs."""
    spans = []
    if path.suffix == ".md":
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            spans.append((m.start(), m.end()))
        spans += [(m.start(), m.end()) for m in re.finditer(r"<!--.*?-->", text, re.S)]
        spans += [(m.start(), m.end()) for m in re.finditer(r"^```.*?^```", text, re.S | re.M)]
        spans += [(m.start(), m.end()) for m in re.finditer(r"`[^`\n]+`", text)]
        spans += [(m.start(), m.end()) for m in re.finditer(r"\]\([^)\s]+\)", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"https?://\S+", text)]
    return spans


def inside(pos, end, spans):
    return any(s <= pos and end <= e for s, e in spans)


def locate(folder, ref, texts, where):
    """Return (file, start, end) for a label reference, or None after reporting."""
    fname, t = ref.get("file"), ref.get("text")
    if not fname or not t:
        err(f"{where}: missing file or text")
        return None
    if fname not in texts:
        err(f"{where}: file {fname!r} not found in {folder.name}/")
        return None
    body = texts[fname]
    occ = ref.get("occurrence", 1)
    hits = occurrences(body, t)
    if len(hits) < occ:
        err(f"{where}: {t!r} occurs {len(hits)}x in {fname}, occurrence {occ} requested")
        return None
    if len(hits) > 1 and "occurrence" not in ref:
        err(f"{where}: {t!r} occurs {len(hits)}x in {fname} but no occurrence given")
    start = hits[occ - 1]
    end = start + len(t)
    before = body[start - 1] if start > 0 else " "
    after = body[end] if end < len(body) else " "
    if before.isalnum() or before in "$€£" or (after.isalnum() and not t[-1].isalpha()) \
            or (after.isdigit()):
        err(f"{where}: {t!r} (occurrence {occ}) in {fname} is part of a longer token "
            f"({before!r}...{after!r})")
    if inside(start, end, excluded_regions(folder / fname, body)):
        err(f"{where}: {t!r} (occurrence {occ}) in {fname} is inside front matter/comment/code/URL")
    return (fname, start, end)


def load_docs(folder):
    docs = {p.name: p.read_text(encoding="utf-8")
            for p in sorted(folder.iterdir()) if p.suffix in (".md", ".txt")}
    return docs


# ----------------------------------------------------------------------------- sourcing

MONEY_RE = re.compile(
    r"(?:US\$|C\$|A\$|\$|€|£)\s?\d+(?:,\d{3})*(?:\.\d+)?"
    r"|\b\d+(?:,\d{3})*(?:\.\d+)?\s+cents\b"
    r"|\bdollars\b|\beuros\b"
)


def check_sourcing():
    folder = HERE / "sourcing"
    docs = load_docs(folder)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    figs = labels.get("figure", [])
    print(f"\n== sourcing: {len(docs)} documents, {len(figs)} figures")

    spans = defaultdict(list)
    per_doc = Counter()
    sourced = Counter()
    seen = set()
    for i, f in enumerate(figs, 1):
        where = f"sourcing figure #{i} ({f.get('file')}: {f.get('text')!r})"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: sourced must be true or false")
        key = (f.get("file"), f.get("text"), f.get("occurrence", 1))
        if key in seen:
            err(f"{where}: labelled twice")
        seen.add(key)
        loc = locate(folder, f, docs, where)
        if loc is None:
            continue
        fname, s, e = loc
        for (s2, e2, w2) in spans[fname]:
            if s < e2 and s2 < e:
                err(f"{where}: overlaps {w2}")
        spans[fname].append((s, e, where))
        per_doc[fname] += 1
        sourced[fname] += bool(f.get("sourced"))

    # completeness: every money token in prose is covered by a label
    for fname, body in docs.items():
        excl = excluded_regions(folder / fname, body)
        for m in MONEY_RE.finditer(body):
            if inside(m.start(), m.end(), excl):
                continue
            if not any(s <= m.start() and m.end() <= e for s, e, _ in spans[fname]):
                line = body.count("\n", 0, m.start()) + 1
                err(f"sourcing: unlabelled money token {m.group()!r} in {fname} line {line}")

    md = [n for n in docs if n.endswith(".md")]
    txt = [n for n in docs if n.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"sourcing: expected 3 .md and 3 .txt documents, found {len(md)} and {len(txt)}")
    print(f"{'document':32} {'words':>5} {'figs':>4} {'src':>4} {'unsrc':>5}")
    for fname, body in docs.items():
        n, w = per_doc[fname], words(body)
        print(f"{fname:32} {w:5} {n:4} {sourced[fname]:4} {n - sourced[fname]:5}")
        if n != 12:
            err(f"sourcing: {fname} has {n} figures, expected 12")
        if not 280 <= w <= 340:
            err(f"sourcing: {fname} has {w} words, expected 280-340")
    for fname in per_doc:
        if fname not in docs:
            err(f"sourcing: labels name unknown file {fname}")
    total, ns = sum(per_doc.values()), sum(sourced.values())
    print(f"total figures {total}: sourced {ns}, unsourced {total - ns}")
    if total != 72:
        err(f"sourcing: {total} figures, expected 72")


# ----------------------------------------------------------------------------- claims

QUALIFIERS = [
    ("approximately ", "about"), ("about ", "about"), ("roughly ", "about"),
    ("around ", "about"), ("some ", "about"),
    ("more than ", "more"), ("over ", "more"), ("at least ", "atleast"),
    ("nearly ", "nearly"), ("almost ", "nearly"), ("up to ", "upto"),
    ("less than ", "less"), ("under ", "less"),
]
MAGNITUDE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6,
             "billion": 10**9, "bn": 10**9}
NUM_RE = re.compile(r"(US\$|C\$|\$|€|£)?(\d[\d,]*(?:\.\d+)?)(?:[ -]?(thousand|million|billion|bn|k|m)\b)?\s*(.*)")


def parse_figure(text):
    """-> (unit, value, step, qualifier) with exact Fractions."""
    t = text.strip()
    qual = "exact"
    low = t.lower()
    for word, q in QUALIFIERS:
        if low.startswith(word):
            qual, t = q, t[len(word):]
            break
    m = NUM_RE.match(t)
    if not m:
        raise ValueError(f"cannot parse figure {text!r}")
    cur, num, mag, rest = m.groups()
    digits = num.replace(",", "")
    if "." in digits:
        step = Fraction(1, 10 ** len(digits.split(".")[1]))
    else:
        tz = len(digits) - len(digits.rstrip("0"))
        step = Fraction(10 ** tz) if digits.strip("0") else Fraction(1)
    scale = MAGNITUDE[mag] if mag else 1
    value = Fraction(digits) * scale
    step *= scale
    unit = cur.replace("US$", "$") if cur else (rest.split()[0].lower() if rest else "")
    return unit, value, step, qual


def interval(value, step, qual):
    """(lo, lo_closed, hi, hi_closed) per the interval rule."""
    v, s = value, step
    if qual == "exact":
        return (v - s / 2, True, v + s / 2, False)
    if qual == "about":
        d = max(s / 2, v * Fraction(5, 100))
        return (v - d, True, v + d, True)
    if qual == "more":
        return (v, False, v + s, True)
    if qual == "atleast":
        return (v, True, v + s, True)
    if qual == "nearly":
        return (v * Fraction(95, 100), True, v, False)
    if qual == "upto":
        return (Fraction(0), True, v, True)
    if qual == "less":
        return (Fraction(0), True, v, False)
    raise ValueError(qual)


def overlap(a, b):
    alo, alc, ahi, ahc = a
    blo, blc, bhi, bhc = b
    if alo > blo:
        lo, loc = alo, alc
    elif blo > alo:
        lo, loc = blo, blc
    else:
        lo, loc = alo, alc and blc
    if ahi < bhi:
        hi, hic = ahi, ahc
    elif bhi < ahi:
        hi, hic = bhi, bhc
    else:
        hi, hic = ahi, ahc and bhc
    return lo < hi or (lo == hi and loc and hic)


COUNT_SYNONYMS = {"farmers": "farm", "growers": "farm", "farms": "farm",
                  "scientists": "sci", "researchers": "sci"}


def verdict(ta, tb):
    ua, va, sa, qa = parse_figure(ta)
    ub, vb, sb, qb = parse_figure(tb)
    ua, ub = COUNT_SYNONYMS.get(ua, ua), COUNT_SYNONYMS.get(ub, ub)
    if ua != ub:
        return None, f"units differ ({ua!r} vs {ub!r})"
    ia, ib = interval(va, sa, qa), interval(vb, sb, qb)
    if not overlap(ia, ib):
        v = "conflict"
    elif va == vb:
        v = "agree"
    else:
        v = "differ"
    fmt = lambda i: f"{'[' if i[1] else '('}{float(i[0]):g}, {float(i[2]):g}{']' if i[3] else ')'}"
    return v, f"{fmt(ia)} vs {fmt(ib)}"


def check_claims():
    folder = HERE / "claims"
    docs = load_docs(folder)
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = labels.get("pair", []), labels.get("lookalike", [])
    print(f"\n== claims: {len(docs)} documents, {len(pairs)} pairs, {len(looks)} look-alikes")

    clusters = defaultdict(list)
    for n in docs:
        clusters[n.split("-")[0]].append(n)
    if len(clusters) != 2 or any(len(v) != 3 for v in clusters.values()):
        err(f"claims: expected 2 clusters of 3 documents, got {dict(clusters)}")
    md = [n for n in docs if n.endswith(".md")]
    if len(md) != 3 or len(docs) - len(md) != 3:
        err(f"claims: expected 3 .md and 3 .txt documents, found {len(md)} and {len(docs) - len(md)}")
    for n, body in docs.items():
        w = words(body)
        print(f"  {n:26} {w:4} words")
        if not 260 <= w <= 320:
            err(f"claims: {n} has {w} words, expected 260-320")

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def node(loc):
        return loc  # (file, start, end)

    labelled = set()
    verdicts = Counter()
    per_cluster = Counter()

    def ends(rec, kind, i):
        where = f"claims {kind} #{i}"
        a = locate(folder, rec.get("a", {}), docs, where + " a")
        b = locate(folder, rec.get("b", {}), docs, where + " b")
        if a and b:
            if a[0] == b[0]:
                err(f"{where}: both ends in the same document {a[0]}")
            if a[0].split("-")[0] != b[0].split("-")[0]:
                err(f"{where}: ends in different clusters ({a[0]}, {b[0]})")
        if not str(rec.get("note", "")).strip():
            err(f"{where}: missing note")
        return a, b

    for i, p in enumerate(pairs, 1):
        a, b = ends(p, "pair", i)
        v = p.get("verdict")
        if v not in ("conflict", "differ", "agree"):
            err(f"claims pair #{i}: bad verdict {v!r}")
        verdicts[v] += 1
        if not (a and b):
            continue
        key = frozenset((a, b))
        if key in labelled:
            err(f"claims pair #{i}: duplicate pair")
        labelled.add(key)
        per_cluster[a[0].split("-")[0]] += 1
        computed, why = verdict(p["a"]["text"], p["b"]["text"])
        if computed != v:
            err(f"claims pair #{i} ({p['a']['text']!r} / {p['b']['text']!r}): labelled {v}, "
                f"interval rule gives {computed}: {why}")
        parent[find(a)] = find(b)

    # transitive completeness and one-statement-per-document
    groups = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    for members in groups.values():
        files = [m[0] for m in members]
        if len(set(files)) != len(files):
            err(f"claims: one fact stated twice in one document: {sorted(members)}")
        for x in members:
            for y in members:
                if x < y and x[0] != y[0] and frozenset((x, y)) not in labelled:
                    tx = docs[x[0]][x[1]:x[2]]
                    ty = docs[y[0]][y[1]:y[2]]
                    err(f"claims: missing pair {x[0]}:{tx!r} / {y[0]}:{ty!r} (same fact by transitivity)")

    look_cluster = Counter()
    for i, l in enumerate(looks, 1):
        a, b = ends(l, "lookalike", i)
        if not (a and b):
            continue
        key = frozenset((a, b))
        if key in labelled:
            err(f"claims lookalike #{i}: also labelled as a same-claim pair")
        if a in parent and b in parent and find(a) == find(b):
            err(f"claims lookalike #{i}: both ends belong to the same fact via pairs")
        look_cluster[a[0].split("-")[0]] += 1
        ua = parse_figure(l["a"]["text"])[0]
        ub = parse_figure(l["b"]["text"])[0]
        ua, ub = COUNT_SYNONYMS.get(ua, ua), COUNT_SYNONYMS.get(ub, ub)
        if ua != ub:
            err(f"claims lookalike #{i}: units differ ({ua!r} vs {ub!r}); a look-alike should share the unit")

    print(f"pairs: {len(pairs)} ({', '.join(f'{k} {verdicts[k]}' for k in ('conflict', 'differ', 'agree'))}); "
          f"per cluster {dict(per_cluster)}")
    print(f"look-alikes: {len(looks)}; per cluster {dict(look_cluster)}")
    print(f"facts stated in 2+ documents: {len(groups)}")
    if not 22 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs, expected about 25")
    if not 10 <= len(looks) <= 16:
        err(f"claims: {len(looks)} look-alikes, expected about 12")


if __name__ == "__main__":
    check_sourcing()
    check_claims()
    if ERRORS:
        print(f"\nFAILED: {len(ERRORS)} error(s)")
        sys.exit(1)
    print("\nOK: all checks passed")
