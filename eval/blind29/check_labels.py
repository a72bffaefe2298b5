#!/usr/bin/env python3
"""Mechanical checker for blind set 29 (sourcing/ and claims/ labels).

Usage: python3 check_labels.py [ROOT]     (ROOT defaults to this file's folder)

Python 3.11+ standard library only.  Exit status 0 when every check passes, 1 otherwise.
What is checked is listed in README.md ("What check_labels.py checks").
"""
import pathlib
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent)
ERRORS = []


def err(msg):
    ERRORS.append(msg)


# ------------------------------------------------------------------ masking
def masked_spans(text, name):
    """Spans that are not prose: front matter, HTML comments, fenced and inline code,
    link targets (Markdown only); bare URLs and e-mail addresses (all files)."""
    spans = []
    if name.endswith(".md"):
        m = re.match(r"---\n.*?\n---\n", text, re.S)
        if m:
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", text, re.S | re.M):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"<!--.*?-->", text, re.S):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"(?<!`)`([^`\n]+)`(?!`)", text):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r"\]\(([^)\s]*)\)", text):
            spans.append((m.start(1), m.end(1)))
    for m in re.finditer(r"(?:https?://|www\.)[^\s)>\]]+", text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        spans.append((m.start(), m.end()))
    return spans


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def inside(inner, outer):
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def is_masked(span, masks):
    return any(overlaps(span, m) for m in masks)


# ------------------------------------------------------------------ money tokens
NUM = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
CUR = r"(?:US\$|C\$|A\$|\$|€|£|¥|(?:CHF|EUR|USD|GBP|CLP|JPY|SEK|NOK)\s?)"
SCALE = r"(?:\s?(?:k|K|M|m|bn|mn)\b|[\s-](?:million|billion|thousand|trillion)\b)"
WORDS = (r"(?:half|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
         r"fifty|sixty|seventy|eighty|ninety|hundred)")
CURWORD = r"(?:dollars|euros|pounds|francs|pesos|cents|pence)"
MONEY_RE = re.compile(
    "|".join([
        CUR + NUM + r"(?:\s?-\s?" + NUM + r")?" + SCALE + "?",
        r"\b" + NUM + r"(?:[\s-](?:million|billion|thousand))?\s" + CURWORD + r"\b",
        r"\b(?:" + WORDS + r"[\s-]+)+(?:(?:million|billion|thousand|hundred)\s+)?" + CURWORD + r"\b",
    ]),
    re.I,
)
# the spelled alternative above accepts "a pounds"-like noise; require a real number word
SPELLED_OK = re.compile(r"\b(?:half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                        r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|million|billion|"
                        r"thousand)\b", re.I)


def money_tokens(text):
    out = []
    for m in MONEY_RE.finditer(text):
        s = m.group(0)
        if not re.search(r"\d", s) and not SPELLED_OK.search(s):
            continue
        out.append((m.start(), m.end()))
    return out


# ------------------------------------------------------------------ locating labels
def occurrences(text, needle):
    pos, out = 0, []
    while True:
        i = text.find(needle, pos)
        if i < 0:
            return out
        out.append(i)
        pos = i + 1


QUAL1 = {"about", "roughly", "some", "around", "approximately", "nearly", "almost", "over",
         "under", "between", "estimated"}
QUAL2 = {"more than", "less than", "fewer than", "up to", "at least", "at most"}


def whole_figure_problem(text, s, e, label):
    """Return a reason string when text[s:e] is not a whole figure, else None."""
    if not re.search(r"\d", label) and not SPELLED_OK.search(label):
        return "label contains no number"
    b = text[s - 1] if s > 0 else ""
    if b and (b.isalnum() or b in "$€£¥"):
        return f"starts inside a word or figure (preceded by {b!r})"
    if b in ".,-" and s >= 2 and text[s - 2].isdigit():
        return f"starts inside a number (preceded by {text[s-2:s]!r})"
    a = text[e] if e < len(text) else ""
    if a and a.isalnum():
        return f"ends inside a word or figure (followed by {a!r})"
    a2 = text[e + 1] if e + 1 < len(text) else ""
    if a in ".," and a2.isdigit():
        return f"ends inside a number (followed by {text[e:e+2]!r})"
    if a == "-" and a2.isalnum():
        return f"ends inside a compound/range (followed by {text[e:e+2]!r})"
    before = re.findall(r"[A-Za-z]+", text[max(0, s - 40):s])
    if re.search(r"[A-Za-z]\s+$", text[max(0, s - 40):s]) or re.search(r"[A-Za-z]$", text[max(0, s - 40):s]):
        last1 = before[-1].lower() if before else ""
        last2 = " ".join(w.lower() for w in before[-2:]) if len(before) >= 2 else ""
        if last1 in QUAL1 or last2 in QUAL2:
            return f"qualifier left out of the label (preceded by {last2 or last1!r})"
    if re.search(r"\bbetween\s+\S+(?:\s+\S+)?\s+and\s*$", text[max(0, s - 60):s], re.I):
        return "upper end of a 'between X and Y' range labelled on its own"
    return None


class Doc:
    def __init__(self, path):
        self.name = path.name
        self.text = path.read_text(encoding="utf-8")
        self.masks = masked_spans(self.text, self.name)
        self.money = money_tokens(self.text)


def resolve(docs, where, file, text, occ, explicit_occ):
    """Check one label and return its span (or None)."""
    if file not in docs:
        err(f"{where}: file {file!r} not found")
        return None
    d = docs[file]
    occs = occurrences(d.text, text)
    if not occs:
        err(f"{where}: text {text!r} does not occur in {file}")
        return None
    if len(occs) > 1 and not explicit_occ:
        err(f"{where}: {text!r} occurs {len(occs)} times in {file} but the label has no occurrence")
    if not isinstance(occ, int) or occ < 1 or occ > len(occs):
        err(f"{where}: occurrence {occ!r} out of range (text occurs {len(occs)} times)")
        return None
    s = occs[occ - 1]
    span = (s, s + len(text))
    if is_masked(span, d.masks):
        err(f"{where}: {text!r} (occurrence {occ}) lies in a masked region (front matter, comment, code, link target, URL, e-mail)")
    why = whole_figure_problem(d.text, span[0], span[1], text)
    if why:
        err(f"{where}: {text!r} (occurrence {occ}) is not a whole figure: {why}")
    for m in d.money:
        if overlaps(m, span) and not inside(m, span):
            err(f"{where}: {text!r} cuts the money token {d.text[m[0]:m[1]]!r}")
    return span


def load(folder):
    docs = {}
    for p in sorted(folder.iterdir()):
        if p.suffix in (".md", ".txt") and p.is_file():
            docs[p.name] = Doc(p)
    try:
        with open(folder / "labels.toml", "rb") as fh:
            labels = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        err(f"{folder.name}/labels.toml cannot be read: {exc}")
        labels = {}
    return docs, labels


# ------------------------------------------------------------------ sourcing
def check_sourcing():
    folder = ROOT / "sourcing"
    docs, labels = load(folder)
    figs = labels.get("figure", [])
    extra = set(labels) - {"figure"}
    if extra:
        err(f"sourcing: unexpected tables {sorted(extra)}")
    spans = {name: [] for name in docs}
    counts = {name: [0, 0] for name in docs}
    for i, f in enumerate(figs, 1):
        where = f"sourcing figure #{i} ({f.get('file')} {f.get('text')!r})"
        unknown = set(f) - {"file", "text", "occurrence", "sourced", "note"}
        if unknown:
            err(f"{where}: unknown keys {sorted(unknown)}")
        if not isinstance(f.get("sourced"), bool):
            err(f"{where}: 'sourced' must be true or false")
        if not isinstance(f.get("text"), str) or not f.get("text"):
            err(f"{where}: missing text")
            continue
        span = resolve(docs, where, f.get("file"), f["text"], f.get("occurrence", 1), "occurrence" in f)
        if span is None:
            continue
        d = docs[f["file"]]
        if not any(inside(m, span) for m in d.money):
            err(f"{where}: label holds no money token")
        for other_span, other_where in spans[f["file"]]:
            if overlaps(span, other_span):
                err(f"{where}: overlaps another label ({other_where})")
        spans[f["file"]].append((span, where))
        counts[f["file"]][0 if f.get("sourced") else 1] += 1
    # completeness: every money token in prose lies inside a label
    for name, d in docs.items():
        for m in d.money:
            if is_masked(m, d.masks):
                continue
            if not any(inside(m, sp) for sp, _ in spans[name]):
                line = d.text.count("\n", 0, m[0]) + 1
                err(f"sourcing: unlabelled money figure {d.text[m[0]:m[1]]!r} in {name} line {line}")
        if name not in {f.get("file") for f in figs}:
            err(f"sourcing: document {name} has no labels")
    return docs, counts


# ------------------------------------------------------------------ claims: intervals
QUALS = [("more than", "more"), ("over", "more"), ("at least", "atleast"), ("nearly", "nearly"),
         ("up to", "upto"), ("less than", "less"), ("about", "about"), ("roughly", "about"),
         ("some", "about")]
SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6,
          "bn": 10**9, "billion": 10**9}
CURRENCY = {"us$": "USD", "$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
            "chf": "CHF", "clp": "CLP"}


def parse_number(s):
    """Parse '<currency?><number><scale?><% | noun>' -> (unit, value, step, rest)."""
    m = re.match(r"(US\$|\$|€|£|(?:CHF|EUR|GBP|CLP)\s?)?(" + NUM + r")", s)
    if not m:
        raise ValueError(f"no number in {s!r}")
    cur = CURRENCY[m.group(1).strip().lower()] if m.group(1) else None
    digits = m.group(2).replace(",", "")
    rest = s[m.end():]
    if "." in digits:
        step = F(1, 10 ** len(digits.split(".")[1]))
    else:
        z = len(digits) - len(digits.rstrip("0"))
        step = F(10 ** z)
    value = F(digits)
    sm = re.match(r"(?:\s?(k|K|M|m|bn|mn)\b|[\s-](million|billion|thousand)\b)", rest)
    if sm:
        mult = SCALES[(sm.group(1) or sm.group(2)).lower()]
        value, step = value * mult, step * mult
        rest = rest[sm.end():]
    pm = re.match(r"\s?(%|percent\b|per cent\b)", rest)
    if cur:
        unit = cur
    elif pm:
        unit, rest = "%", rest[pm.end():]
    else:
        unit = "count"
        if not rest.strip():
            raise ValueError(f"counted quantity without its noun: {s!r}")
    return unit, value, step, rest.strip()


def interval(label):
    """-> (unit, stated, (lo, lo_closed, hi, hi_closed))"""
    t = label.strip()
    low = t.lower()
    qual = "exact"
    for q, kind in sorted(QUALS, key=lambda x: -len(x[0])):
        if low.startswith(q + " "):
            qual, t = kind, t[len(q) + 1:]
            break
    if re.match(r"(?i)between\s", t):
        m = re.match(r"(?i)between\s+(.+?)\s+and\s+(.+)$", t)
        ua, va, _, _ = parse_number(m.group(1))
        ub, vb, _, _ = parse_number(m.group(2))
        if ua != ub:
            raise ValueError(f"range with two units: {label!r}")
        return ua, (va, vb), (va, True, vb, True)
    unit, v, step, _ = parse_number(t)
    if qual == "exact":
        iv = (v - step / 2, True, v + step / 2, False)
    elif qual == "about":
        d = max(step / 2, v * F(5, 100))
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
    return unit, v, iv


def intersect(a, b):
    lo, loc = (a[0], a[1]) if a[0] > b[0] else (b[0], b[1]) if b[0] > a[0] else (a[0], a[1] and b[1])
    hi, hic = (a[2], a[3]) if a[2] < b[2] else (b[2], b[3]) if b[2] < a[2] else (a[2], a[3] and b[3])
    return lo < hi or (lo == hi and loc and hic)


def verdict(ta, tb):
    ua, sa, ia = interval(ta)
    ub, sb, ib = interval(tb)
    if ua != ub:
        raise ValueError(f"different units: {ta!r} ({ua}) vs {tb!r} ({ub})")
    if not intersect(ia, ib):
        return "conflict"
    return "agree" if sa == sb else "differ"


# ------------------------------------------------------------------ claims
NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen|half|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|twice|double|triple|quarter)s?\b", re.I)
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")


def claims_numbers(d):
    """Numeric tokens in prose that must be labelled: all but years and days of the month."""
    out = []
    for m in re.finditer(NUM, d.text):
        s, e = m.span()
        if s > 0 and (d.text[s - 1].isalnum()):
            continue  # part of a word such as CO2
        if is_masked((s, e), d.masks):
            continue
        tok = m.group(0)
        if re.fullmatch(r"(?:19|20)\d\d", tok):
            continue
        if re.fullmatch(r"\d{1,2}", tok) and 1 <= int(tok) <= 31 and (
                re.search(MONTHS + r"\s+$", d.text[max(0, s - 12):s])
                or re.match(r"\s+" + MONTHS + r"\b", d.text[e:e + 12])):
            continue
        out.append((s, e))
    return out


def check_claims():
    folder = ROOT / "claims"
    docs, labels = load(folder)
    extra = set(labels) - {"pair", "lookalike"}
    if extra:
        err(f"claims: unexpected tables {sorted(extra)}")
    spans = {name: [] for name in docs}
    nodes = {}

    def node(where, end):
        if not isinstance(end, dict) or not isinstance(end.get("text"), str):
            err(f"{where}: malformed end")
            return None
        unknown = set(end) - {"file", "text", "occurrence"}
        if unknown:
            err(f"{where}: unknown keys {sorted(unknown)}")
        occ = end.get("occurrence", 1)
        span = resolve(docs, where, end.get("file"), end["text"], occ, "occurrence" in end)
        if span is None:
            return None
        key = (end["file"], span[0], span[1])
        nodes[key] = end["text"]
        spans[end["file"]].append(span)
        return key

    pairs, tally = [], {"conflict": 0, "differ": 0, "agree": 0}
    seen = set()
    for i, p in enumerate(labels.get("pair", []), 1):
        where = f"claims pair #{i}"
        a, b = node(where + " a", p.get("a")), node(where + " b", p.get("b"))
        if a is None or b is None:
            continue
        where += f" ({p['a']['text']!r} / {p['b']['text']!r})"
        if a[0] == b[0]:
            err(f"{where}: both ends in the same file")
        if frozenset((a, b)) in seen:
            err(f"{where}: duplicate pair")
        seen.add(frozenset((a, b)))
        v = p.get("verdict")
        if v not in tally:
            err(f"{where}: verdict {v!r} not one of conflict/differ/agree")
            continue
        try:
            want = verdict(p["a"]["text"], p["b"]["text"])
        except (ValueError, KeyError, AttributeError) as exc:
            err(f"{where}: cannot compute the interval verdict: {exc}")
            continue
        if want != v:
            err(f"{where}: labelled {v!r} but the interval rule gives {want!r}")
        if not p.get("note"):
            err(f"{where}: no note with the arithmetic")
        tally[v] += 1
        pairs.append((a, b))

    # facts = connected components of the pair graph
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    facts = {}
    for x in list(parent):
        facts.setdefault(find(x), []).append(x)
    labelled = {frozenset(p) for p in pairs}
    for members in facts.values():
        files = [m[0] for m in members]
        desc = ", ".join(f"{m[0]}:{nodes[m]!r}" for m in sorted(members))
        if len(set(files)) != len(files):
            err(f"claims: one fact has two figures in the same document: {desc}")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled:
                err(f"claims: fact {{{desc}}} is missing the pair {nodes[x]!r} ({x[0]}) / {nodes[y]!r} ({y[0]})")

    looks = 0
    seen_l = set()
    for i, l in enumerate(labels.get("lookalike", []), 1):
        where = f"claims lookalike #{i}"
        a, b = node(where + " a", l.get("a")), node(where + " b", l.get("b"))
        if a is None or b is None:
            continue
        where += f" ({l['a']['text']!r} / {l['b']['text']!r})"
        if a[0] == b[0]:
            err(f"{where}: both ends in the same file")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: both ends belong to one fact")
        if frozenset((a, b)) in seen_l:
            err(f"{where}: duplicate look-alike")
        seen_l.add(frozenset((a, b)))
        if not l.get("note"):
            err(f"{where}: no note saying why the facts differ")
        looks += 1

    # completeness: every number in claims prose belongs to a label; no spelled numbers
    for name, d in docs.items():
        for s, e in claims_numbers(d):
            if not any(inside((s, e), sp) for sp in spans[name]):
                line = d.text.count("\n", 0, s) + 1
                err(f"claims: unlabelled number {d.text[s:e]!r} in {name} line {line}")
        for m in NUMBER_WORDS.finditer(d.text):
            if re.search(r"\d[\d,.]*\s*$", d.text[max(0, m.start() - 12):m.start()]) and \
                    m.group(0).lower() in ("million", "billion", "thousand"):
                continue
            if is_masked(m.span(), d.masks):
                continue
            line = d.text.count("\n", 0, m.start()) + 1
            err(f"claims: spelled number {m.group(0)!r} in {name} line {line}")
    return docs, facts, tally, looks


def main():
    sdocs, counts = check_sourcing()
    cdocs, facts, tally, looks = check_claims()
    print("sourcing:")
    for name, (s, u) in counts.items():
        print(f"  {name:32s} {len(sdocs[name].text.split()):4d} words  sourced {s:2d}  unsourced {u:2d}")
    print(f"  total: {sum(c[0] for c in counts.values())} sourced, {sum(c[1] for c in counts.values())} unsourced")
    print("claims:")
    for name, d in cdocs.items():
        print(f"  {name:32s} {len(d.text.split()):4d} words")
    print(f"  facts {len(facts)}, pairs {sum(tally.values())} ({tally['conflict']} conflict, "
          f"{tally['differ']} differ, {tally['agree']} agree), look-alikes {looks}")
    if ERRORS:
        print(f"\nFAIL: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  - " + e)
        return 1
    print("\nOK: all checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
