#!/usr/bin/env python3
"""Self-check for the blind21 evaluation set (python3 stdlib + tomllib only).

Checks, for sourcing/ and claims/:
  * every label's text occurs verbatim at its occurrence (1-based, counted over the raw file);
    a text that occurs more than once in the file must carry an explicit occurrence;
  * a label is not the head or tail of a longer number;
  * no two distinct labels share (overlap) a span; no label sits in masked (non-prose) text;
  * completeness: every money token in the prose is labelled (front matter, HTML comments,
    inline code, fenced code, link targets and URLs are masked first); in claims/ also every
    percentage and every other number that is not a year, date, time, vote tally or phone number;
  * claims: every pair's verdict recomputed from the interval rule; facts (connected components
    of the pair graph) never hold two figures of one document, and every cross-document pair
    inside a fact is labelled; a look-alike never joins two figures of one fact;
  * counts: documents per folder and per format, figures per sourcing document, sourced split,
    pairs, look-alikes, facts, word counts.
Exit status 0 when everything passes.
"""
import re
import sys
import tomllib
from fractions import Fraction
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
errors = []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- masking
def mask(text, suffix):
    """Replace non-prose regions with spaces, keeping offsets."""
    chars = list(text)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    spans = []
    if suffix == ".md":
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"```.*?```", text, re.S):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"`[^`\n]+`", text):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"\]\(([^)]*)\)", text):
            spans.append((m.start(1), m.end(1)))
    for m in re.finditer(r"<!--.*?-->", text, re.S):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"https?://\S+", text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        spans.append((m.start(), m.end()))
    for a, b in spans:
        blank(a, b)
    return "".join(chars), spans


# ---------------------------------------------------------------- money tokens
CUR = r"(?:US\$|C\$|A\$|\$|€|£)"
NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
SCALE = r"(?:\s?(?:million|billion|thousand|bn|m|M|k|K)\b|-(?:million|billion))"
MONEY_RES = [
    re.compile(CUR + r"\s?" + NUM + SCALE + "?"),
    re.compile(NUM + r"(?:\s(?:million|billion|thousand))?\s(?:dollars|euros|pounds|cents|pence)\b"),
    re.compile(
        r"\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|"
        r"forty|fifty|hundred|half|quarter)[\s-]+)+(?:hundred|thousand|million|billion)\s+"
        r"(?:dollars|euros|pounds)\b",
        re.I,
    ),
]
PCT_RE = re.compile(NUM + r"\s?(?:%|percent\b|per cent\b)")
NUMBER_RE = re.compile(NUM)
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)")
ALLOWED_RES = [
    re.compile(MONTHS + r"\s\d{1,2}(?:-\d{1,2})?\b"),   # dates, date ranges
    re.compile(r"\b(?:19|20)\d\d\b"),                      # years
    re.compile(r"\b\d{1,2}:\d\d\b"),                       # times
    re.compile(r"\b\d-\d\b"),                              # vote tallies
    re.compile(r"\b555-\d{4}\b"),                          # phone numbers
]


def money_tokens(masked):
    out = []
    for rx in MONEY_RES:
        for m in rx.finditer(masked):
            out.append((m.start(), m.end(), m.group()))
    return out


# ---------------------------------------------------------------- locating labels
_cache = {}


def load(folder, name):
    key = (folder, name)
    if key not in _cache:
        p = ROOT / folder / name
        if not p.exists():
            err(f"{folder}/{name}: file missing")
            _cache[key] = None
        else:
            raw = p.read_text(encoding="utf-8")
            masked, mspans = mask(raw, p.suffix)
            _cache[key] = (raw, masked, mspans)
    return _cache[key]


def find_all(raw, text):
    pos, out = 0, []
    while True:
        i = raw.find(text, pos)
        if i < 0:
            return out
        out.append(i)
        pos = i + 1


def locate(folder, fig, where):
    """Return (start, end) of a label, checking occurrence rules and number boundaries."""
    name, text = fig["file"], fig["text"]
    occ = fig.get("occurrence", 1)
    loaded = load(folder, name)
    if loaded is None:
        return None
    raw, masked, _ = loaded
    hits = find_all(raw, text)
    if not hits:
        err(f"{where}: {name}: text {text!r} not found")
        return None
    if len(hits) > 1 and "occurrence" not in fig:
        err(f"{where}: {name}: {text!r} occurs {len(hits)} times but has no explicit occurrence")
    if occ < 1 or occ > len(hits):
        err(f"{where}: {name}: {text!r} occurrence {occ} but only {len(hits)} found")
        return None
    s = hits[occ - 1]
    e = s + len(text)
    before, after = raw[max(0, s - 3):s], raw[e:e + 12]
    if text[0].isdigit() and before and (before[-1].isdigit() or before[-1] in "$€£" or
                                         (before[-1] in ".," and len(before) > 1 and before[-2].isdigit())):
        err(f"{where}: {name}: {text!r} is the tail of a longer number ({before!r}|{text})")
    if text[0] in "$" and before and before[-1].isalpha():
        err(f"{where}: {name}: {text!r} is the tail of a currency code ({before!r}|{text})")
    if after and (after[0].isdigit() or (after[0] in ".," and len(after) > 1 and after[1].isdigit())):
        err(f"{where}: {name}: {text!r} is the head of a longer number ({text}|{after!r})")
    if text[-1].isdigit() and re.match(r"(?:\s?(?:million|billion|thousand|bn|m|M|k|K)\b|-(?:million|billion)|%| percent)", after):
        err(f"{where}: {name}: {text!r} stops before its scale word ({text}|{after!r})")
    if masked[s:e].strip() == "":
        err(f"{where}: {name}: {text!r} (occurrence {occ}) lies in masked, non-prose text")
    return (s, e)


def words(raw):
    return len(raw.split())


# ---------------------------------------------------------------- intervals
SPELLED = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
QUALS = [("more than ", "gt"), ("over ", "gt"), ("upwards of ", "gt"), ("at least ", "ge"),
         ("nearly ", "nearly"), ("almost ", "nearly"), ("up to ", "upto"), ("less than ", "lt"),
         ("under ", "lt"), ("about ", "about"), ("roughly ", "about"), ("some ", "about"),
         ("around ", "about"), ("approximately ", "about"), ("an estimated ", "exact")]
SCALES = {"million": 10**6, "m": 10**6, "M": 10**6, "billion": 10**9, "bn": 10**9,
          "thousand": 10**3, "k": 10**3, "K": 10**3}


def parse_number(s):
    """'$18,375,000' -> (value, step); scale words applied."""
    m = re.match(r"\s*(?:US\$|C\$|A\$|\$|€|£)?\s?(\d+(?:,\d{3})*(?:\.\d+)?|[a-z]+)"
                 r"(?:[\s-]?(million|billion|thousand|bn|m|M|k|K)\b)?", s)
    if not m:
        raise ValueError(f"cannot parse number in {s!r}")
    digits, scale = m.group(1), m.group(2)
    if digits in SPELLED:
        v, step = Fraction(SPELLED[digits]), Fraction(1)
    else:
        d = digits.replace(",", "")
        if "." in d:
            v = Fraction(d)
            step = Fraction(1, 10 ** len(d.split(".")[1]))
        else:
            v = Fraction(int(d))
            z = len(d) - len(d.rstrip("0")) if int(d) else 0
            step = Fraction(10 ** z)
    mult = SCALES.get(scale, 1) if scale else 1
    return v * mult, step * mult


def interval(text):
    """Return (lo, lo_closed, hi, hi_closed, stated) for a label text."""
    t = text.strip()
    low = t.lower()
    kind = "exact"
    for q, k in QUALS:
        if low.startswith(q):
            kind, t = k, t[len(q):]
            break
    rng = re.match(r"(?:between\s+)?(.+?)\s*(?:\band\b|\bto\b|–|-)\s*((?:US\$|C\$|\$|€|£)?\d.*)$", t)
    if rng and re.search(r"\d", rng.group(1)):
        left, right = rng.group(1), rng.group(2)
        b, _ = parse_number(right)
        # '$21-24 million': the left end borrows the right end's scale
        if not re.search(r"million|billion|bn|\bm\b|M|k|K", left):
            sc = re.search(r"(million|billion|thousand|bn|m|M|k|K)\b", right)
            if sc:
                left = left + " " + sc.group(1)
        a, _ = parse_number(left)
        return (a, True, b, True, (a, b))
    v, step = parse_number(t)
    half = step / 2
    if kind == "exact":
        return (v - half, True, v + half, False, v)
    if kind == "about":
        d = max(half, v / 20)
        return (v - d, True, v + d, True, v)
    if kind == "gt":
        return (v, False, v + step, True, v)
    if kind == "ge":
        return (v, True, v + step, True, v)
    if kind == "nearly":
        return (v * Fraction(95, 100), True, v, False, v)
    if kind == "upto":
        return (Fraction(0), True, v, True, v)
    if kind == "lt":
        return (Fraction(0), True, v, False, v)
    raise ValueError(kind)


def disjoint(A, B):
    def before(X, Y):  # X entirely below Y
        return X[2] < Y[0] or (X[2] == Y[0] and not (X[3] and Y[1]))
    return before(A, B) or before(B, A)


def verdict(ta, tb):
    A, B = interval(ta), interval(tb)
    if disjoint(A, B):
        return "conflict"
    return "agree" if A[4] == B[4] else "differ"


# ---------------------------------------------------------------- sourcing
def check_sourcing():
    folder = "sourcing"
    data = tomllib.loads((ROOT / folder / "labels.toml").read_text(encoding="utf-8"))
    figs = data.get("figure", [])
    docs = sorted(p.name for p in (ROOT / folder).iterdir() if p.suffix in (".md", ".txt"))
    md = [d for d in docs if d.endswith(".md")]
    txt = [d for d in docs if d.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"sourcing: expected 3 .md and 3 .txt documents, found {md} {txt}")
    spans = {}
    per_doc = {d: [0, 0] for d in docs}
    for i, f in enumerate(figs):
        where = f"sourcing figure #{i + 1}"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: sourced must be true/false")
        sp = locate(folder, f, where)
        if sp is None:
            continue
        spans.setdefault(f["file"], []).append((sp, f["text"]))
        if f["file"] in per_doc:
            per_doc[f["file"]][0 if f["sourced"] else 1] += 1
        raw, masked, _ = load(folder, f["file"])
        if not any(a >= sp[0] and b <= sp[1] for a, b, _ in money_tokens(masked)):
            err(f"{where}: {f['file']}: {f['text']!r} contains no money token")
    for name, lst in spans.items():
        lst.sort()
        for (s1, t1), (s2, t2) in zip(lst, lst[1:]):
            if s2[0] < s1[1]:
                err(f"sourcing: {name}: labels {t1!r} and {t2!r} share a span")
    for d in docs:
        raw, masked, _ = load(folder, d)
        lab = [sp for sp, _ in spans.get(d, [])]
        for a, b, tok in money_tokens(masked):
            if not any(s <= a and b <= e for s, e in lab):
                err(f"sourcing: {d}: money token {tok!r} at {a} is not labelled")
        w = words(raw)
        if not 280 <= w <= 340:
            err(f"sourcing: {d}: {w} words (want 280-340)")
        s, u = per_doc[d]
        if s + u != 12:
            err(f"sourcing: {d}: {s + u} figures (want 12)")
        print(f"  sourcing/{d:26s} {w:4d} words  {s + u:2d} figures  {s:2d} sourced  {u:2d} unsourced")
    ns = sum(v[0] for v in per_doc.values())
    nu = sum(v[1] for v in per_doc.values())
    print(f"  sourcing total: {ns + nu} figures, {ns} sourced, {nu} unsourced")
    if ns + nu != 72 or not 30 <= ns <= 42:
        err(f"sourcing: totals {ns} sourced / {nu} unsourced (want 72, about half sourced)")


# ---------------------------------------------------------------- claims
def check_claims():
    folder = "claims"
    data = tomllib.loads((ROOT / folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    docs = sorted(p.name for p in (ROOT / folder).iterdir() if p.suffix in (".md", ".txt"))
    md = [d for d in docs if d.endswith(".md")]
    txt = [d for d in docs if d.endswith(".txt")]
    if len(md) != 3 or len(txt) != 3:
        err(f"claims: expected 3 .md and 3 .txt documents, found {md} {txt}")
    prefixes = {}
    for d in docs:
        prefixes.setdefault(d.split("-")[0], []).append(d)
    if sorted(len(v) for v in prefixes.values()) != [3, 3]:
        err(f"claims: expected 2 clusters of 3 documents, found {prefixes}")

    def key(fig):
        return (fig["file"], fig["text"], fig.get("occurrence", 1))

    figspan = {}
    for kind, items in (("pair", pairs), ("lookalike", looks)):
        for i, it in enumerate(items):
            where = f"claims {kind} #{i + 1}"
            for side in ("a", "b"):
                fig = it[side]
                sp = locate(folder, fig, f"{where}.{side}")
                if sp is not None:
                    figspan[key(fig)] = sp
            if it["a"]["file"] == it["b"]["file"]:
                err(f"{where}: both figures in {it['a']['file']}")
            if it["a"]["file"].split("-")[0] != it["b"]["file"].split("-")[0]:
                err(f"{where}: figures from different clusters")
            if kind == "pair":
                try:
                    v = verdict(it["a"]["text"], it["b"]["text"])
                except ValueError as e:
                    err(f"{where}: {e}")
                    continue
                if v != it.get("verdict"):
                    err(f"{where}: verdict {it.get('verdict')!r} but interval rule gives {v!r} "
                        f"({it['a']['text']!r} vs {it['b']['text']!r})")
                if not it.get("note"):
                    err(f"{where}: missing note")
    # overlapping spans between distinct figures
    byfile = {}
    for (f, t, o), sp in figspan.items():
        byfile.setdefault(f, []).append((sp, t))
    for f, lst in byfile.items():
        lst.sort()
        for (s1, t1), (s2, t2) in zip(lst, lst[1:]):
            if s2[0] < s1[1]:
                err(f"claims: {f}: labels {t1!r} and {t2!r} share a span")
    # completeness: money, percentages, other numbers
    for d in docs:
        raw, masked, _ = load(folder, d)
        lab = [sp for sp, _ in byfile.get(d, [])]
        covered = lambda a, b: any(s <= a and b <= e for s, e in lab)
        for a, b, tok in money_tokens(masked):
            if not covered(a, b):
                err(f"claims: {d}: money token {tok!r} at {a} is in no pair or look-alike")
        for m in PCT_RE.finditer(masked):
            if not covered(m.start(), m.end()):
                err(f"claims: {d}: percentage {m.group()!r} is in no pair or look-alike")
        allowed = [(m.start(), m.end()) for rx in ALLOWED_RES for m in rx.finditer(masked)]
        for m in NUMBER_RE.finditer(masked):
            a, b = m.start(), m.end()
            if covered(a, b) or any(s <= a and b <= e for s, e in allowed):
                continue
            err(f"claims: {d}: number {m.group()!r} at {a} ({masked[max(0, a - 25):b + 25]!r}) "
                f"is in no pair or look-alike and is not a date/year/time/vote/phone")
        w = words(raw)
        if not 260 <= w <= 320:
            err(f"claims: {d}: {w} words (want 260-320)")
        print(f"  claims/{d:24s} {w:4d} words  {len(lab):2d} labelled figures")
    # facts = connected components of the pair graph
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(key(p["a"]))] = find(key(p["b"]))
    comps = {}
    for k in list(parent):
        comps.setdefault(find(k), []).append(k)
    labelled = {frozenset((key(p["a"]), key(p["b"]))) for p in pairs}
    if len(labelled) != len(pairs):
        err("claims: a pair is labelled twice")
    for members in comps.values():
        files = [m[0] for m in members]
        if len(set(files)) != len(files):
            err(f"claims: fact {members} has two figures in one document")
        for x, y in combinations(members, 2):
            if frozenset((x, y)) not in labelled:
                err(f"claims: fact pair {x} / {y} is not labelled")
    for i, lk in enumerate(looks):
        if key(lk["a"]) in parent and key(lk["b"]) in parent and find(key(lk["a"])) == find(key(lk["b"])):
            err(f"claims lookalike #{i + 1}: joins two figures of one fact")
        if frozenset((key(lk["a"]), key(lk["b"]))) in labelled:
            err(f"claims lookalike #{i + 1}: also labelled as a pair")
    counts = {"conflict": 0, "differ": 0, "agree": 0}
    for p in pairs:
        counts[p.get("verdict")] = counts.get(p.get("verdict"), 0) + 1
    print(f"  claims: {len(comps)} facts, {len(pairs)} pairs "
          f"({counts['conflict']} conflict, {counts['differ']} differ, {counts['agree']} agree), "
          f"{len(looks)} look-alikes")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs (want 25-30)")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes (want 12-15)")
    if not 10 <= len(comps) <= 12:
        err(f"claims: {len(comps)} facts (want about 10-12)")
    if min(counts.values()) == 0:
        err("claims: every verdict kind should occur")


def self_test():
    """The two worked examples of the corpora README."""
    assert verdict("nearly $220 million", "more than $220 million") == "conflict"
    assert verdict("$310 million", "$315 million") == "differ"
    assert verdict("$300 million", "about $300 million") == "agree"


if __name__ == "__main__":
    self_test()
    print("blind21 label check")
    check_sourcing()
    check_claims()
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nPASS")
