#!/usr/bin/env python3
"""Consistency checks for the blind7 corpora (stdlib only).

Usage:  python3 check_labels.py            (from any directory)

Checks
  * every label's `text` occurs verbatim in its file, at the requested `occurrence`
    (raw occurrences in the file, 1-based); repeated texts must carry `occurrence`;
    a label may not start or end in the middle of a longer number;
  * every labelled occurrence lies in prose: not in YAML front matter, an HTML comment,
    a fenced code block, inline code, a link target or a bare URL;
  * sourcing/: every money figure found in prose is covered by a label, every label
    contains a money figure, no occurrence is labelled twice; counts per file;
  * claims/: every verdict is recomputed from the interval rule of
    ../corpora/README.md; pair and look-alike files differ and sit in the same cluster;
    no figure is both in a pair and in a look-alike with the same partner;
  * claims/: lists every number shared between documents of a cluster, with the
    label (pair / look-alike) that covers it, so unlabelled coincidences can be reviewed;
  * word counts of every document.
Exit status 1 on any error.
"""
import os
import re
import sys
import tomllib
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
ERRORS = []
WARNINGS = []

CLUSTERS = {
    "A (Brannock Farms poultry plant)": ["brannock-plant-wire.txt", "brannock-release.md", "ordway-ledger.md"],
    "B (Marlow Creek teachers' contract)": ["board-minutes.txt", "mcea-bulletin.md", "marlow-courier.txt"],
}
WORD_LIMITS = {"sourcing": (250, 320), "claims": (230, 300)}
FIGURES_PER_DOC = (10, 12)


def err(msg):
    ERRORS.append(msg)


def warn(msg):
    WARNINGS.append(msg)


# ----------------------------------------------------------------------------- non-prose spans

def nonprose_spans(path, text):
    """Character spans that are not prose: front matter, comments, code, link targets, URLs."""
    spans = []
    md = path.endswith(".md")
    if md:
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            spans.append((m.start(), m.end(), "front matter"))
        for m in re.finditer(r"<!--.*?-->", text, re.S):
            spans.append((m.start(), m.end(), "HTML comment"))
        # fenced code blocks
        for m in re.finditer(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", text, re.S | re.M):
            spans.append((m.start(), m.end(), "fenced code"))
        for m in re.finditer(r"`[^`\n]+`", text):
            spans.append((m.start(), m.end(), "inline code"))
        # link targets: the "(...)" after "]"
        for m in re.finditer(r"\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)", text):
            spans.append((m.start() + 1, m.end(), "link target"))
        # reference-style link definitions  [id]: http://...
        for m in re.finditer(r"^\s*\[[^\]^]+\]:\s*\S+.*$", text, re.M):
            spans.append((m.start(), m.end(), "link definition"))
        for m in re.finditer(r"<https?://[^>]+>", text):
            spans.append((m.start(), m.end(), "autolink"))
    for m in re.finditer(r"https?://[^\s)>\]]+", text):
        spans.append((m.start(), m.end(), "URL"))
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        spans.append((m.start(), m.end(), "email"))
    return spans


def in_nonprose(spans, start, end):
    for s, e, kind in spans:
        if start < e and end > s:
            return kind
    return None


# ----------------------------------------------------------------------------- locating labels

def find_occurrence(text, needle, occurrence):
    """Start index of the `occurrence`-th raw occurrence of needle (overlapping counted)."""
    idx = -1
    for _ in range(occurrence):
        idx = text.find(needle, idx + 1)
        if idx < 0:
            return -1
    return idx


def count_raw(text, needle):
    n, idx = 0, text.find(needle)
    while idx >= 0:
        n += 1
        idx = text.find(needle, idx + 1)
    return n


def locate(corpus, label, texts, spans, where):
    fname, needle = label.get("file"), label.get("text")
    if fname not in texts:
        err(f"{where}: file {fname!r} does not exist in {corpus}/")
        return None
    doc = texts[fname]
    occ = label.get("occurrence", 1)
    n = count_raw(doc, needle)
    if n == 0:
        err(f"{where}: {fname}: text {needle!r} not found")
        return None
    if n > 1 and "occurrence" not in label:
        err(f"{where}: {fname}: text {needle!r} occurs {n} times but has no occurrence")
    if occ > n:
        err(f"{where}: {fname}: occurrence {occ} of {needle!r} requested, only {n} in file")
        return None
    start = find_occurrence(doc, needle, occ)
    end = start + len(needle)
    # must not cut a longer number
    before = doc[start - 1] if start > 0 else " "
    after = doc[end] if end < len(doc) else " "
    after2 = doc[end + 1] if end + 1 < len(doc) else " "
    if (needle[0].isdigit() and (before.isdigit() or before in ",.")) or \
       (needle[-1].isdigit() and (after.isdigit() or (after in ",." and after2.isdigit()))):
        err(f"{where}: {fname}: occurrence {occ} of {needle!r} is part of a longer number "
            f"(...{doc[max(0, start - 5):end + 5]!r}...)")
    kind = in_nonprose(spans[fname], start, end)
    if kind:
        err(f"{where}: {fname}: occurrence {occ} of {needle!r} is inside {kind}, not prose")
    return (fname, start, end)


def load(corpus):
    d = os.path.join(HERE, corpus)
    texts = {}
    for name in sorted(os.listdir(d)):
        if name.endswith((".md", ".txt")):
            with open(os.path.join(d, name), encoding="utf-8") as fh:
                texts[name] = fh.read()
    with open(os.path.join(d, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    spans = {n: nonprose_spans(n, t) for n, t in texts.items()}
    return texts, labels, spans


def prose_words(name, text, spans):
    chars = list(text)
    for s, e, _ in spans:
        for i in range(s, e):
            chars[i] = " "
    return len("".join(chars).split())


def word_counts(corpus, texts, spans):
    lo, hi = WORD_LIMITS[corpus]
    for name, t in texts.items():
        total = len(t.split())
        prose = prose_words(name, t, spans[name])
        status = "ok" if lo <= total <= hi else "OUT OF RANGE"
        print(f"  {name:34s} {total:4d} words ({prose} in prose)  {status}")
        if not lo <= total <= hi:
            err(f"{corpus}/{name}: {total} words, outside {lo}-{hi}")


# ----------------------------------------------------------------------------- money finder

SPELLED = (r"(?:half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|an)")
MONEY_RES = [
    re.compile(r"(?:US\$|C\$|A\$|\$|€|£)\s?\d(?:\d|,(?=\d))*(?:\.\d+)?"
               r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|M|k|K|B)\b)?"),
    re.compile(r"\b\d(?:\d|,(?=\d))*(?:\.\d+)?\s?(?:million |billion |thousand )?(?:dollars|euros|pounds|cents)\b", re.I),
    re.compile(r"\b" + SPELLED + r"(?:[- ](?:a|one|two|three|four|five|six|seven|eight|nine))?"
               r"\s(?:hundred|thousand|million|billion)(?:\s(?:thousand|million))?\s(?:dollars|euros|pounds)\b", re.I),
    re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
               r"thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?\s(?:dollars|euros|pounds|cents)\b", re.I),
]


def money_in(text):
    found = []
    for rx in MONEY_RES:
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), m.group(0)))
    # drop matches contained in longer ones
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out = []
    for s, e, g in found:
        if out and s >= out[-1][0] and e <= out[-1][1]:
            continue
        out.append((s, e, g))
    return out


# ----------------------------------------------------------------------------- sourcing

def check_sourcing():
    print("== sourcing/")
    texts, labels, spans = load("sourcing")
    word_counts("sourcing", texts, spans)
    located = {}
    per_file = {n: [0, 0] for n in texts}
    for i, lab in enumerate(labels.get("figure", []), 1):
        where = f"sourcing figure #{i}"
        if not isinstance(lab.get("sourced"), bool):
            err(f"{where}: missing boolean `sourced`")
        loc = locate("sourcing", lab, texts, spans, where)
        if not loc:
            continue
        if loc in located:
            err(f"{where}: same occurrence already labelled as figure #{located[loc]}")
        located[loc] = i
        fname, s, e = loc
        if not money_in(lab["text"]):
            err(f"{where}: {fname}: label text {lab['text']!r} contains no money figure")
        per_file[fname][0 if lab.get("sourced") else 1] += 1
    # every prose money figure must be covered by a label
    unlabelled = 0
    for fname, t in texts.items():
        covered = [(s, e) for (f, s, e) in located if f == fname]
        for s, e, g in money_in(t):
            kind = in_nonprose(spans[fname], s, e)
            if kind:
                print(f"  (not prose, not labelled) {fname}: {g!r} in {kind}")
                continue
            if not any(cs <= s and e <= ce for cs, ce in covered):
                err(f"sourcing/{fname}: unlabelled money in prose: {g!r} at offset {s} "
                    f"(...{t[max(0, s - 30):e + 10]!r}...)")
                unlabelled += 1
    tot_s = sum(v[0] for v in per_file.values())
    tot_u = sum(v[1] for v in per_file.values())
    for fname, (s, u) in per_file.items():
        n = s + u
        flag = "" if FIGURES_PER_DOC[0] <= n <= FIGURES_PER_DOC[1] else "  <-- outside 10-12"
        print(f"  {fname:34s} {n:3d} figures: {s} sourced, {u} unsourced{flag}")
        if flag:
            err(f"sourcing/{fname}: {n} figures, outside {FIGURES_PER_DOC}")
    print(f"  total {tot_s + tot_u} figures: {tot_s} sourced, {tot_u} unsourced; "
          f"{unlabelled} unlabelled prose money figures")


# ----------------------------------------------------------------------------- claims intervals

WORDNUM = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6,
          "billion": 10**9, "bn": 10**9, "b": 10**9}
QUALIFIERS = [
    ("more than", "more"), ("over", "more"), ("at least", "atleast"), ("nearly", "nearly"),
    ("almost", "nearly"), ("up to", "upto"), ("less than", "less"), ("about", "about"),
    ("roughly", "about"), ("some", "about"), ("approximately", "about"), ("around", "about"),
]
NUM_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(thousand|million|billion|bn|mn|k|m|b)?\b", re.I)


def spelled_to_digits(s):
    def repl(m):
        w = m.group(0).lower()
        parts = re.split(r"[- ]", w)
        return str(sum(WORDNUM[p] for p in parts))
    words = "|".join(sorted(WORDNUM, key=len, reverse=True))
    return re.sub(r"\b(?:%s)(?:[- ](?:%s))?\b" % (words, words), repl, s, flags=re.I)


def parse_number(tok, scale):
    digits = tok.replace(",", "")
    mult = SCALES[scale.lower()] if scale else 1
    if "." in digits:
        whole, frac = digits.split(".")
        value = F(digits) * mult
        step = F(1, 10 ** len(frac)) * mult
    else:
        value = F(int(digits)) * mult
        tz = len(digits) - len(digits.rstrip("0")) if int(digits) else 0
        step = F(10 ** tz) * mult
    return value, step


def interval(label_text):
    """Return (stated, (lo, lo_closed, hi, hi_closed)) for a claims figure text."""
    t = spelled_to_digits(label_text).strip()
    low = t.lower()
    nums = NUM_RE.findall(t)
    if not nums:
        raise ValueError(f"no number in {label_text!r}")
    if re.match(r"between\b", low) or (len(nums) == 2 and re.search(r"\d\s*(?:to|-|–)\s*\D{0,2}\d", t)):
        (a, sa), (b, sb) = nums[0], nums[1]
        if not sa and sb:
            sa = sb
        va, _ = parse_number(a, sa)
        vb, _ = parse_number(b, sb)
        return (va, vb), (va, True, vb, True)
    qual = "exact"
    for word, q in QUALIFIERS:
        if low.startswith(word + " "):
            qual = q
            break
    v, step = parse_number(*nums[0])
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
        iv = (v * F(95, 100), True, v, False)
    elif qual == "upto":
        iv = (F(0), True, v, True)
    elif qual == "less":
        iv = (F(0), True, v, False)
    return v, iv


def overlaps(a, b):
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


def fmt_iv(iv):
    lo, lc, hi, hc = iv
    f = lambda x: f"{float(x):,.6g}"
    return f"{'[' if lc else '('}{f(lo)}, {f(hi)}{']' if hc else ')'}"


def verdict(ta, tb):
    sa, ia = interval(ta)
    sb, ib = interval(tb)
    if not overlaps(ia, ib):
        v = "conflict"
    elif sa == sb:
        v = "agree"
    else:
        v = "differ"
    return v, ia, ib


def cluster_of(fname):
    for c, files in CLUSTERS.items():
        if fname in files:
            return c
    return None


def numbers_in(text, spans):
    """(value, raw) of every number in prose; years and times flagged."""
    out = []
    t = text
    for m in re.finditer(r"(?<![\w.])(\d(?:\d|,(?=\d))*(?:\.\d+)?)(?:\s?(million|billion|bn|k)\b)?", t):
        if in_nonprose(spans, m.start(), m.end()):
            continue
        if re.search(r"\d{4}[-–]$", t[max(0, m.start() - 5):m.start()]):
            continue            # "2027-28": second half of a school or fiscal year
        tok = m.group(1).rstrip(",.")
        try:
            v, _ = parse_number(tok, m.group(2))
        except (ValueError, ZeroDivisionError):
            continue
        out.append((v, m.group(0).rstrip(",."), m.start()))
    for m in re.finditer(r"\b(twelve|eleven|ten|twenty|thirty|fifty|hundred)\b", t, re.I):
        if in_nonprose(spans, m.start(), m.end()):
            continue
        v = WORDNUM.get(m.group(1).lower())
        if v:
            out.append((F(v), m.group(0), m.start()))
    return out


def check_claims():
    print("== claims/")
    texts, labels, spans = load("claims")
    word_counts("claims", texts, spans)
    for c, files in CLUSTERS.items():
        for f in files:
            if f not in texts:
                err(f"claims: cluster {c} lists missing file {f}")
    counts = {"agree": 0, "differ": 0, "conflict": 0}
    labelled_locs = {}      # loc -> list of (kind, partner loc)
    pair_keys = set()
    for kind in ("pair", "lookalike"):
        for i, lab in enumerate(labels.get(kind, []), 1):
            where = f"claims {kind} #{i}"
            la = locate("claims", lab["a"], texts, spans, where + " a")
            lb = locate("claims", lab["b"], texts, spans, where + " b")
            if not (la and lb):
                continue
            if la[0] == lb[0]:
                err(f"{where}: both figures in the same document {la[0]}")
            if cluster_of(la[0]) != cluster_of(lb[0]):
                err(f"{where}: {la[0]} and {lb[0]} are in different clusters")
            key = frozenset([la, lb])
            if key in pair_keys:
                err(f"{where}: this pair of figures is labelled twice (pair and/or look-alike)")
            pair_keys.add(key)
            labelled_locs.setdefault(la, []).append((kind, lb))
            labelled_locs.setdefault(lb, []).append((kind, la))
            if not lab.get("note"):
                err(f"{where}: missing note")
            if kind == "pair":
                want = lab.get("verdict")
                try:
                    got, ia, ib = verdict(lab["a"]["text"], lab["b"]["text"])
                except ValueError as e:
                    err(f"{where}: {e}")
                    continue
                print(f"  pair {i:2d}: {lab['a']['text']!r:32s} {fmt_iv(ia):26s} vs "
                      f"{lab['b']['text']!r:28s} {fmt_iv(ib):26s} -> {got}")
                if got != want:
                    err(f"{where}: verdict {want!r} but the interval rule gives {got!r}")
                if want in counts:
                    counts[want] += 1
                else:
                    err(f"{where}: unknown verdict {want!r}")
    # same-fact consistency: a figure pairs with at most one figure per other document
    for loc, partners in labelled_locs.items():
        per_doc = {}
        for kind, p in partners:
            if kind == "pair":
                per_doc.setdefault(p[0], []).append(p)
        for doc, ps in per_doc.items():
            if len(ps) > 1:
                err(f"claims: {loc[0]} figure at {loc[1]} pairs with {len(ps)} figures in {doc}")
    # transitivity: if a~b and a~c (pairs) then b~c must be labelled as a pair
    adj = {}
    for i, lab in enumerate(labels.get("pair", []), 1):
        try:
            la = (lab["a"]["file"], find_occurrence(texts[lab["a"]["file"]], lab["a"]["text"], lab["a"].get("occurrence", 1)))
            lb = (lab["b"]["file"], find_occurrence(texts[lab["b"]["file"]], lab["b"]["text"], lab["b"].get("occurrence", 1)))
        except KeyError:
            continue
        adj.setdefault(la, set()).add(lb)
        adj.setdefault(lb, set()).add(la)
    for a, nb in adj.items():
        for b in nb:
            for c in nb:
                if b < c and c not in adj.get(b, set()):
                    err(f"claims: {b} and {c} are both paired with {a} but not with each other")
    total = sum(counts.values())
    print(f"  {total} pairs: {counts['conflict']} conflict, {counts['differ']} differ, "
          f"{counts['agree']} agree; {len(labels.get('lookalike', []))} look-alikes")

    # numbers shared between documents of a cluster
    print("  numbers shared between documents of a cluster (review for unlabelled same facts):")
    label_cover = {}
    for (f, s, e), partners in labelled_locs.items():
        label_cover.setdefault(f, []).append((s, e, sorted({k for k, _ in partners})))
    for c, files in CLUSTERS.items():
        seen = {}
        for f in files:
            for v, raw, pos in numbers_in(texts[f], spans[f]):
                seen.setdefault(v, []).append((f, raw, pos))
        for v in sorted(seen):
            docs = {f for f, _, _ in seen[v]}
            if len(docs) < 2:
                continue
            desc = []
            for f, raw, pos in seen[v]:
                cov = [k for s, e, k in label_cover.get(f, []) if s <= pos < e]
                tag = "/".join(cov[0]) if cov else "unlabelled"
                desc.append(f"{f}:{raw!r}[{tag}]")
            year = 1900 <= v <= 2100 and v.denominator == 1
            print(f"    {c[0]} {float(v):>12,.6g}{' (year?)' if year else ''}: " + "; ".join(desc))


def main():
    check_sourcing()
    check_claims()
    for w in WARNINGS:
        print("WARNING:", w)
    if ERRORS:
        print(f"\nFAILED: {len(ERRORS)} error(s)")
        for e in ERRORS:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
