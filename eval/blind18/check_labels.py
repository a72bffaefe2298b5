#!/usr/bin/env python3
"""Consistency checker for the blind18 evaluation set (python3 stdlib + tomllib only).

Checks, for sourcing/ and claims/:
  * every label's text occurs verbatim at its occurrence (1-based, counted over the raw file);
    a text that occurs more than once in its file must carry an explicit occurrence;
  * a label is never the head or tail of a longer number ("$1.5 million" inside "$11.5 million");
  * a label never sits inside front matter, an HTML comment, code, a link target or a URL;
  * no two distinct labels share (overlap) a span;
  * completeness: every money token in the prose (front matter, HTML comments, fenced and inline
    code, link targets, URLs and e-mail addresses masked first) is covered by a label; in claims/
    every counted quantity with a story noun and every percentage is covered too;
  * claims: each pair's verdict is recomputed from the interval rule; facts (connected components
    of pairs) never hold two figures of one document and have every cross-document pair
    labelled; a look-alike never joins two figures of one fact; pairs stay inside one cluster;
  * counts: documents per folder and per format, figures per document, sourced/unsourced
    balance, pair and look-alike totals, and word counts.
Exit status 0 when everything passes.
"""
import re
import sys
import tomllib
from fractions import Fraction
from pathlib import Path
from collections import defaultdict

ROOT = Path(__file__).resolve().parent
errors = []


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- masking
def mask(raw):
    """Blank out non-prose regions, keeping offsets (newlines kept)."""
    chars = list(raw)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    if raw.startswith("---\n"):
        end = raw.find("\n---", 4)
        if end != -1:
            blank(0, end + 4)
    for pat in (r"<!--.*?-->", r"```.*?```"):
        for m in re.finditer(pat, raw, re.S):
            blank(m.start(), m.end())
    text = "".join(chars)
    for m in re.finditer(r"`[^`\n]+`", text):
        blank(m.start(), m.end())
    text = "".join(chars)
    for m in re.finditer(r"\]\(([^)\s]*)\)", text):
        blank(m.start(1), m.end(1))
    text = "".join(chars)
    for pat in (r"https?://\S+", r"[\w.+-]+@[\w.-]+\.example\b", r"\b[\w-]+(?:\.[\w-]+)*\.example\b\S*"):
        for m in re.finditer(pat, text):
            blank(m.start(), m.end())
        text = "".join(chars)
    return "".join(chars)


MONEY = re.compile(
    r"""(?<![A-Za-z])(?:US|C|A|NZ)?[$€£]\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?-?(?:k|K|m|M|bn|million|billion|thousand)\b)?
      | \b\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:cents?|dollars|euros?|pounds)\b
      | \b(?:half\s+a|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand|million|billion)\s+(?:dollars|euros|pounds)\b
    """,
    re.X,
)
STORY_NOUNS = (
    "buses|bus|students|pupils|routes|districts|drivers|chargers|depots|mechanics|cars|vehicles|"
    "spaces|people|bays|levels|applicants|schools|jobs|homes|workers|households|residents|"
    "passengers|seniors|members|families|employees|staff|motorists|commuters|shoppers|traders|floors"
)
COUNT = re.compile(
    r"(?<![\w$€£.,])(\d[\d,]*(?:\.\d+)?)\s+(?:[A-Za-z][\w-]*\s+){0,3}?(?:%s)\b" % STORY_NOUNS
)
PERCENT = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b)")


def prose_words(raw):
    return sum(1 for tok in mask(raw).split() if re.search(r"[A-Za-z0-9]", tok))


# ---------------------------------------------------------------- spans
_cache = {}


def raw_of(folder, fname):
    key = (folder, fname)
    if key not in _cache:
        p = ROOT / folder / fname
        if not p.exists():
            err(f"{folder}/{fname}: file does not exist")
            _cache[key] = None
        else:
            _cache[key] = p.read_text(encoding="utf-8")
    return _cache[key]


def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def locate(folder, lab, where):
    """Return (start, end) of a label, checking occurrence rules and number boundaries."""
    fname, text = lab.get("file"), lab.get("text")
    if not fname or not text:
        err(f"{where}: label needs file and text")
        return None
    raw = raw_of(folder, fname)
    if raw is None:
        return None
    occ = occurrences(raw, text)
    n = lab.get("occurrence", 1)
    if not occ:
        err(f"{where}: {fname}: text {text!r} not found")
        return None
    if len(occ) > 1 and "occurrence" not in lab:
        err(f"{where}: {fname}: {text!r} occurs {len(occ)} times but has no explicit occurrence")
    if not 1 <= n <= len(occ):
        err(f"{where}: {fname}: occurrence {n} of {text!r} does not exist ({len(occ)} found)")
        return None
    s = occ[n - 1]
    e = s + len(text)
    before = raw[s - 1] if s > 0 else ""
    after = raw[e] if e < len(raw) else ""
    after2 = raw[e + 1] if e + 1 < len(raw) else ""
    if text[0].isdigit() and before and (before.isalnum() or before in "$€£.,"):
        err(f"{where}: {fname}: {text!r} is the tail of a longer token ({before!r} before it)")
    if text[0] in "$€£" and before and before.isalnum() and raw[max(0, s - 2):s] not in ("US", "C", "A", "NZ") and before not in "CA":
        err(f"{where}: {fname}: {text!r} is preceded by {before!r}")
    if text[-1].isdigit() and (after.isdigit() or (after in ".," and after2.isdigit())):
        err(f"{where}: {fname}: {text!r} is the head of a longer number")
    if text[-1].isalpha() and after.isalpha():
        err(f"{where}: {fname}: {text!r} ends inside a word")
    masked = mask(raw)
    if masked[s:e] != raw[s:e]:
        err(f"{where}: {fname}: {text!r} (occurrence {n}) lies in front matter, a comment, code, a link target or a URL")
    return (s, e)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def check_overlaps_and_completeness(folder, spans_by_file, count_quantities):
    for fname, spans in spans_by_file.items():
        items = sorted(spans.items(), key=lambda kv: kv[1])
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                if overlaps(items[i][1], items[j][1]):
                    err(f"{folder}/{fname}: labels {items[i][0]} and {items[j][0]} share a span")
        raw = raw_of(folder, fname)
        if raw is None:
            continue
        masked = mask(raw)
        pats = [("money token", MONEY)]
        if count_quantities:
            pats += [("counted quantity", COUNT), ("percentage", PERCENT)]
        for kind, pat in pats:
            for m in pat.finditer(masked):
                if not any(overlaps((m.start(), m.end()), sp) for sp in spans.values()):
                    line = raw.count("\n", 0, m.start()) + 1
                    err(f"{folder}/{fname}:{line}: unlabelled {kind} {m.group(0)!r}")
        for key, sp in spans.items():
            if not any(overlaps((m.start(), m.end()), sp) for m in MONEY.finditer(masked)):
                if not count_quantities:
                    err(f"{folder}/{fname}: label {key} contains no money token")
                elif not (COUNT.search(raw[sp[0]:sp[1]]) or PERCENT.search(raw[sp[0]:sp[1]])):
                    err(f"{folder}/{fname}: label {key} is neither money nor a counted quantity")


def check_docs(folder, lo, hi, n_md, n_txt):
    files = sorted(p.name for p in (ROOT / folder).iterdir() if p.suffix in (".md", ".txt"))
    md = [f for f in files if f.endswith(".md")]
    txt = [f for f in files if f.endswith(".txt")]
    if len(md) != n_md or len(txt) != n_txt:
        err(f"{folder}: expected {n_md} .md and {n_txt} .txt documents, found {len(md)} and {len(txt)}")
    for f in files:
        raw = raw_of(folder, f)
        pw, rw = prose_words(raw), len(raw.split())
        print(f"  {folder}/{f}: {pw} prose words ({rw} raw)")
        if not lo <= pw <= hi:
            err(f"{folder}/{f}: {pw} prose words, outside {lo}-{hi}")
        if not lo <= rw <= hi:
            err(f"{folder}/{f}: {rw} raw words, outside {lo}-{hi}")
    return files


# ---------------------------------------------------------------- sourcing
def check_sourcing():
    folder = "sourcing"
    print("sourcing/")
    files = check_docs(folder, 280, 340, 3, 3)
    data = tomllib.loads((ROOT / folder / "labels.toml").read_text(encoding="utf-8"))
    figs = data.get("figure", [])
    spans = defaultdict(dict)
    per_file = defaultdict(lambda: [0, 0])
    for i, f in enumerate(figs):
        where = f"sourcing figure #{i + 1}"
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: sourced must be true or false")
        key = (f.get("text"), f.get("occurrence", 1))
        sp = locate(folder, f, where)
        if sp is None:
            continue
        if key in spans[f["file"]]:
            err(f"{where}: duplicate label {key} in {f['file']}")
        spans[f["file"]][key] = sp
        per_file[f["file"]][0 if f["sourced"] else 1] += 1
    for fname in files:
        spans.setdefault(fname, {})
    check_overlaps_and_completeness(folder, spans, count_quantities=False)
    tot_s = sum(v[0] for v in per_file.values())
    tot_u = sum(v[1] for v in per_file.values())
    for fname in files:
        s, u = per_file[fname]
        print(f"  {fname}: {s + u} figures ({s} sourced, {u} unsourced)")
        if s + u != 12:
            err(f"sourcing/{fname}: {s + u} figures, expected 12")
        if not 4 <= s <= 8:
            err(f"sourcing/{fname}: {s} sourced of {s + u}: not about half")
    print(f"  total: {tot_s + tot_u} figures, {tot_s} sourced, {tot_u} unsourced")
    if tot_s + tot_u != 72:
        err(f"sourcing: {tot_s + tot_u} figures, expected 72")
    if abs(tot_s - tot_u) > 8:
        err("sourcing: sourced/unsourced balance is off")


# ---------------------------------------------------------------- intervals
QUALS = [
    ("an estimated", "exact"), ("approximately", "about"), ("more than", "more"), ("fewer than", "less"),
    ("less than", "less"), ("at least", "atleast"), ("roughly", "about"), ("around", "about"),
    ("nearly", "nearly"), ("almost", "nearly"), ("about", "about"), ("some", "about"),
    ("over", "more"), ("up to", "upto"), ("under", "less"),
]
MULT = {None: 1, "": 1, "k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6, "bn": 10**9, "billion": 10**9}
NUM = re.compile(
    r"^(?P<cur>(?:US|C|A|NZ)?[$€£])?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?-?(?P<mult>k|K|m|M|bn|million|billion|thousand)\b)?(?P<rest>.*)$"
)


def parse_num(s):
    m = NUM.match(s.strip())
    if not m:
        raise ValueError(f"cannot parse {s!r}")
    digits = m.group("num").replace(",", "")
    mult = MULT[(m.group("mult") or "").lower()]
    v = Fraction(digits) * mult
    if "." in digits:
        step = Fraction(1, 10 ** len(digits.split(".")[1])) * mult
    else:
        stripped = digits.rstrip("0") or "0"
        step = Fraction(10 ** (len(digits) - len(stripped))) * mult
    rest = m.group("rest").strip()
    cur = m.group("cur")
    unit = cur.replace("US", "").replace("C", "C").strip() if cur else ("%" if rest.startswith(("%", "percent")) else "count")
    return v, step, unit, rest


def interval(text):
    """Return (lo, lo_closed, hi, hi_closed, stated, unit) for a figure's text."""
    t = text.strip()
    kind = "exact"
    for q, k in QUALS:
        if t.lower().startswith(q + " "):
            kind, t = k, t[len(q) + 1:]
            break
    rng = re.fullmatch(r"(?:between\s+(.+?)\s+and\s+(.+)|from\s+(.+?)\s+to\s+(.+))", t)
    if not rng and re.search(r"\d[kKmM]?\s*[-–]\s*(?:US|C)?[$€£]?\d", t):
        a, b = re.split(r"\s*[-–]\s*(?=(?:US|C)?[$€£]?\d)", t, maxsplit=1)
        rng = (a, b)
    elif rng:
        g = [x for x in rng.groups() if x is not None]
        rng = (g[0], g[1])
    if rng:
        a = parse_num(rng[0])
        b = parse_num(rng[1])
        lo_v = a[0]
        # "$2-3 million": a low end written without a multiplier borrows the high end's
        if NUM.match(rng[0].strip()).group("mult") is None and NUM.match(rng[1].strip()).group("mult"):
            lo_v = a[0] * MULT[NUM.match(rng[1].strip()).group("mult").lower()]
        return (lo_v, True, b[0], True, (lo_v, b[0]), a[2] if a[2] != "count" else b[2])
    v, s, unit, _ = parse_num(t)
    if kind == "exact":
        return (v - s / 2, True, v + s / 2, False, v, unit)
    if kind == "about":
        d = max(s / 2, v / 20)
        return (v - d, True, v + d, True, v, unit)
    if kind == "more":
        return (v, False, v + s, True, v, unit)
    if kind == "atleast":
        return (v, True, v + s, True, v, unit)
    if kind == "nearly":
        return (v * Fraction(95, 100), True, v, False, v, unit)
    if kind == "upto":
        return (Fraction(0), True, v, True, v, unit)
    if kind == "less":
        return (Fraction(0), True, v, False, v, unit)
    raise ValueError(kind)


def intersects(i, j):
    if i[0] > j[0] or (i[0] == j[0] and not i[1]):
        lo, lo_c = i[0], i[1]
    else:
        lo, lo_c = j[0], j[1]
    if i[0] == j[0]:
        lo_c = i[1] and j[1]
    if i[2] < j[2] or (i[2] == j[2] and not i[3]):
        hi, hi_c = i[2], i[3]
    else:
        hi, hi_c = j[2], j[3]
    if i[2] == j[2]:
        hi_c = i[3] and j[3]
    return lo < hi or (lo == hi and lo_c and hi_c)


def verdict(ta, tb):
    ia, ib = interval(ta), interval(tb)
    if ia[5] != ib[5]:
        raise ValueError(f"unit mismatch: {ta!r} vs {tb!r}")
    if not intersects(ia, ib):
        return "conflict"
    return "agree" if ia[4] == ib[4] else "differ"


# ---------------------------------------------------------------- claims
def check_claims():
    folder = "claims"
    print("claims/")
    files = check_docs(folder, 260, 320, 3, 3)
    prefixes = defaultdict(list)
    for f in files:
        if "-" not in f:
            err(f"claims/{f}: file name has no cluster prefix")
        prefixes[f.split("-")[0]].append(f)
    if len(prefixes) != 2 or any(len(v) != 3 for v in prefixes.values()):
        err(f"claims: expected 2 clusters of 3 documents, found {dict(prefixes)}")
    data = tomllib.loads((ROOT / folder / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    spans = defaultdict(dict)
    parent = {}

    def node(lab, where):
        key = (lab.get("file"), lab.get("text"), lab.get("occurrence", 1))
        sp = locate(folder, lab, where)
        if sp is not None:
            spans[key[0]][key[1:]] = sp
        parent.setdefault(key, key) if where.startswith("pair") else None
        return key

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    seen_pairs = set()
    tally = defaultdict(int)
    for i, p in enumerate(pairs):
        where = f"pair #{i + 1}"
        a, b = node(p["a"], where), node(p["b"], where)
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        if a[0].split("-")[0] != b[0].split("-")[0]:
            err(f"{where}: pair crosses clusters ({a[0]}, {b[0]})")
        pk = frozenset((a, b))
        if pk in seen_pairs:
            err(f"{where}: duplicate pair")
        seen_pairs.add(pk)
        try:
            v = verdict(a[1], b[1])
        except ValueError as e:
            err(f"{where}: {e}")
            continue
        if v != p.get("verdict"):
            err(f"{where}: verdict {p.get('verdict')!r} but the interval rule gives {v!r} ({a[1]!r} vs {b[1]!r})")
        if not p.get("note"):
            err(f"{where}: missing note")
        tally[p.get("verdict")] += 1
        parent[find(a)] = find(b)
    comps = defaultdict(list)
    for k in parent:
        comps[find(k)].append(k)
    for members in comps.values():
        docs = [m[0] for m in members]
        if len(set(docs)) != len(docs):
            err(f"fact {sorted(members)} has two figures in one document")
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if members[x][0] != members[y][0] and frozenset((members[x], members[y])) not in seen_pairs:
                    err(f"fact: cross-document pair {members[x]} / {members[y]} is not labelled")
    for i, l in enumerate(looks):
        where = f"lookalike #{i + 1}"
        a, b = node(l["a"], where), node(l["b"], where)
        if a[0] == b[0]:
            err(f"{where}: both figures are in {a[0]}")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: joins two figures of one fact")
        if not l.get("note"):
            err(f"{where}: missing note")
    for fname in files:
        spans.setdefault(fname, {})
    check_overlaps_and_completeness(folder, spans, count_quantities=True)
    sizes = defaultdict(int)
    for members in comps.values():
        sizes[len(members)] += 1
    print(f"  {len(comps)} facts (by size: {dict(sorted(sizes.items()))}), {len(pairs)} pairs "
          f"({tally['conflict']} conflict, {tally['differ']} differ, {tally['agree']} agree), {len(looks)} look-alikes")
    if not 10 <= len(comps) <= 12:
        err(f"claims: {len(comps)} facts, expected about 10-12")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs, expected 25-30")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes, expected 12-15")
    if min(tally["conflict"], tally["differ"], tally["agree"]) == 0:
        err("claims: verdicts are not a mix of conflict / differ / agree")


def self_test():
    cases = [
        ("nearly $220 million", "more than $220 million", "conflict"),
        ("$310 million", "$315 million", "differ"),
        ("about $1.2 billion", "$1,200 million", "agree"),
        ("$2-3 million", "$2.5 million", "differ"),
        ("between $140 million and $160 million", "$170 million", "conflict"),
        ("up to $25", "$25", "agree"),
        ("less than $300,000", "$300,000", "agree"),
    ]
    for a, b, want in cases:
        try:
            got = verdict(a, b)
        except ValueError as e:
            got = str(e)
        if got != want:
            err(f"self-test: {a!r} vs {b!r} gave {got!r}, expected {want!r}")


if __name__ == "__main__":
    self_test()
    check_sourcing()
    check_claims()
    if errors:
        print(f"\nFAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK: all checks passed")
