#!/usr/bin/env python3
"""Mechanical checks for the blind32 labels (python3 standard library only).

Usage:  python3 check_labels.py [ROOT]
ROOT defaults to the directory of this script and must contain sourcing/ and claims/,
each with its documents and a labels.toml. Exit status 0 when every check passes.

Checks (see README.md, "What the checker checks"):
  both corpora
    - every label names an existing document; its text occurs verbatim in the raw file at
      least `occurrence` times (masked text counted too); a text that occurs more than once
      carries an explicit `occurrence`;
    - the chosen occurrence is a whole figure: it contains a figure, cuts no figure, does not
      start or end inside a word or number, and leaves out no qualifier word in front of it;
    - the chosen occurrence lies outside masked text (YAML front matter, HTML comments,
      fenced and inline code, link targets, URLs, e-mail addresses);
  sourcing/
    - every label has a boolean `sourced`; no figure is labelled twice;
    - every money figure outside masked text is labelled, and no currency sign or code
      is left outside a recognised money figure;
  claims/
    - both ends of a pair / look-alike are in different files;
    - every verdict is recomputed from the interval rule with exact fractions, and the
      two figures of a pair are in the same unit; the note names the verdict;
    - facts = connected components of the pair graph: no two figures of one fact in one
      document, every cross-document pair inside a fact is labelled, no pair twice;
    - a look-alike never joins two figures of one fact and never repeats a pair;
    - completeness: every number outside masked text (except years and days of the month)
      lies inside a labelled figure; there are no spelled-out numbers.
"""
import os
import re
import sys
import tomllib
from fractions import Fraction
from itertools import combinations

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
ERRORS = []


def err(msg):
    ERRORS.append(msg)


# ----------------------------------------------------------------------------- masking
def merge(spans):
    out = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def masked_spans(text, name):
    spans = []
    if name.endswith(".md"):
        m = re.match(r"\A---\n.*?\n---[ \t]*\n", text, re.S)
        if m:
            spans.append(m.span())
        for m in re.finditer(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", text, re.S | re.M):
            spans.append(m.span())
        for m in re.finditer(r"(?<!`)`([^`\n]+)`(?!`)", text):
            spans.append(m.span())
        for m in re.finditer(r"\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)", text):  # link targets
            spans.append((m.start(1), m.end(1)))
        for m in re.finditer(r"^[ \t]*\[[^\]^]+\]:[ \t]*(\S+)", text, re.M):  # reference definitions
            spans.append((m.start(1), m.end(1)))
    for m in re.finditer(r"<!--.*?-->", text, re.S):
        spans.append(m.span())
    for m in re.finditer(r"(?:https?://|www\.)[^\s<>()\]]+", text):
        spans.append(m.span())
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        spans.append(m.span())
    return merge(spans)


def overlaps(a, b, spans):
    return any(s < b and a < e for s, e in spans)


# ----------------------------------------------------------------------------- figures
CUR = r"(?:US\$|C\$|A\$|NZ\$|HK\$|\$|€|£|¥|(?:CHF|EUR|USD|GBP|NOK|SEK|DKK|JPY)\s?)"
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
SCALE = r"(?:\s?(?:k|K|m|M|mn|bn|tn)(?![A-Za-z0-9])|[\s-](?:thousand|million|billion|trillion)\b)"
CURWORD = r"(?:dollars?|euros?|pounds?|francs?|cents?|pence|kronor|kroner|yen|CHF|EUR|USD|GBP)"
NUMWORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
           r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
           r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|half|quarter|dozen)")

MONEY_PATTERNS = [
    # symbol or code first, optional scale, optional second end of a range
    re.compile(CUR + NUM + "(?:" + SCALE + ")?" +
               r"(?:\s?[-–]\s?(?:" + CUR + ")?" + NUM + "(?:" + SCALE + ")?)?"),
    # number first, currency word or code after
    re.compile(r"(?<![\w.,])" + NUM + "(?:" + SCALE + r")?\s" + CURWORD + r"\b"),
    # spelled amounts: "two million pounds", "half a million dollars"
    re.compile(r"(?i)\b(?:an?\s+)?" + NUMWORD + r"(?:[\s-]+(?:" + NUMWORD + r"|a|and))*\s+" + CURWORD + r"\b"),
]
NUMBER_TOKEN = re.compile(r"(?<![\w.,])" + NUM + r"(?![\w])")
QUALIFIERS = ["about", "roughly", "some", "around", "approximately", "nearly", "almost", "over",
              "more than", "less than", "at least", "up to", "under", "an estimated", "between",
              "just over", "just under", "as much as", "as little as"]
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
SPELLED_NUMBER = re.compile(
    r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|dozens?|half|twice|thrice|double|triple|first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth|million|billion|trillion)\b")


def money_spans(text):
    spans = []
    for pat in MONEY_PATTERNS:
        spans.extend(m.span() for m in pat.finditer(text))
    return merge(spans)


def number_spans(text):
    return [m.span() for m in NUMBER_TOKEN.finditer(text)]


def occurrences(text, needle):
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


# ----------------------------------------------------------------------------- label location
def locate(corpus, docs, lab, where, figure_spans):
    """Return (start, end) of the labelled occurrence, or None after recording errors."""
    name, text_ = lab.get("file"), lab.get("text")
    if not isinstance(name, str) or not isinstance(text_, str) or not text_:
        err(f"{corpus}: {where}: needs string file and text")
        return None
    if name not in docs:
        err(f"{corpus}: {where}: unknown file {name!r}")
        return None
    raw = docs[name]["raw"]
    occ = lab.get("occurrence", 1)
    hits = occurrences(raw, text_)
    if not isinstance(occ, int) or occ < 1:
        err(f"{corpus}: {where}: bad occurrence {occ!r}")
        return None
    if len(hits) < occ:
        err(f"{corpus}: {where}: {text_!r} occurs {len(hits)} time(s) in {name}, occurrence {occ} asked")
        return None
    if len(hits) > 1 and "occurrence" not in lab:
        err(f"{corpus}: {where}: {text_!r} occurs {len(hits)} times in {name} but carries no occurrence")
    s = hits[occ - 1]
    e = s + len(text_)
    if overlaps(s, e, docs[name]["masked"]):
        err(f"{corpus}: {where}: {text_!r} (occurrence {occ}) in {name} lies in masked text")
    check_whole(corpus, where, raw, s, e, figure_spans(name))
    return (s, e)


def check_whole(corpus, where, raw, s, e, spans):
    label = raw[s:e]
    inside = [sp for sp in spans if s <= sp[0] and sp[1] <= e]
    cut = [sp for sp in spans if sp[0] < e and s < sp[1] and not (s <= sp[0] and sp[1] <= e)]
    if not inside:
        err(f"{corpus}: {where}: {label!r} contains no figure")
    for a, b in cut:
        err(f"{corpus}: {where}: {label!r} cuts the figure {raw[a:b]!r}")
    before = raw[s - 1] if s > 0 else ""
    after = raw[e] if e < len(raw) else ""
    if before and (before.isalnum() or before in "$€£.,"):
        err(f"{corpus}: {where}: {label!r} starts inside a word or number ({before!r} before it)")
    if after and (after.isalnum() or after == "%"):
        err(f"{corpus}: {where}: {label!r} ends inside a word or number ({after!r} after it)")
    if after in ".," and e + 1 < len(raw) and raw[e + 1].isdigit():
        err(f"{corpus}: {where}: {label!r} ends inside a number")
    head = raw[max(0, s - 40):s].lower()
    for q in QUALIFIERS:
        if re.search(r"(?<![\w])" + re.escape(q) + r"\s+$", head):
            err(f"{corpus}: {where}: {label!r} leaves out the qualifier {q!r} in front of it")


def load(corpus):
    folder = os.path.join(ROOT, corpus)
    docs = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith((".md", ".txt")) and name != "README.md":
            raw = open(os.path.join(folder, name), encoding="utf-8").read()
            docs[name] = {"raw": raw, "masked": masked_spans(raw, name)}
    with open(os.path.join(folder, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    return docs, labels


# ----------------------------------------------------------------------------- sourcing
def check_sourcing():
    docs, labels = load("sourcing")
    figs = labels.get("figure", [])
    extra = set(labels) - {"figure"}
    if extra:
        err(f"sourcing: unexpected tables {sorted(extra)}")
    covered = {n: [] for n in docs}
    seen = set()
    stats = {n: [0, 0] for n in docs}
    for i, f in enumerate(figs, 1):
        where = f"figure #{i} ({f.get('file')}: {f.get('text')!r})"
        unknown = set(f) - {"file", "text", "occurrence", "sourced", "note"}
        if unknown:
            err(f"sourcing: {where}: unknown keys {sorted(unknown)}")
        if not isinstance(f.get("sourced"), bool):
            err(f"sourcing: {where}: sourced must be true or false")
        span = locate("sourcing", docs, f, where, lambda n: money_spans(docs[n]["raw"]))
        if span is None:
            continue
        key = (f["file"], span)
        if key in seen:
            err(f"sourcing: {where}: the same figure is labelled twice")
        seen.add(key)
        covered[f["file"]].append(span)
        if isinstance(f.get("sourced"), bool):
            stats[f["file"]][0 if f["sourced"] else 1] += 1
    for name, d in docs.items():
        raw = d["raw"]
        spans = money_spans(raw)
        for a, b in spans:
            if overlaps(a, b, d["masked"]):
                continue
            if not any(s <= a and b <= e for s, e in covered[name]):
                err(f"sourcing: {name}: money figure {raw[a:b]!r} at offset {a} is not labelled")
        for m in re.finditer(r"[$€£¥]|\b(?:CHF|EUR|USD|GBP)\b", raw):
            a, b = m.span()
            if overlaps(a, b, d["masked"]):
                continue
            if not any(s <= a and b <= e for s, e in spans):
                err(f"sourcing: {name}: currency mark {raw[a:b + 12]!r} at offset {a} is not part of a recognised figure")
    return docs, figs, stats


# ----------------------------------------------------------------------------- claims
QUAL_KIND = {"about": "about", "roughly": "about", "some": "about", "around": "about",
             "approximately": "about", "more than": "more", "over": "more", "at least": "atleast",
             "nearly": "nearly", "almost": "nearly", "up to": "upto", "less than": "less",
             "under": "less", "between": "between"}
CUR_UNIT = {"$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP",
            "GBP": "GBP", "CHF": "CHF", "C$": "CAD", "A$": "AUD"}
SCALE_MULT = {"k": 1000, "K": 1000, "thousand": 1000, "m": 10 ** 6, "M": 10 ** 6, "mn": 10 ** 6,
              "million": 10 ** 6, "bn": 10 ** 9, "billion": 10 ** 9, "tn": 10 ** 12, "trillion": 10 ** 12}
QTY = re.compile(r"^(?P<cur>US\$|C\$|A\$|\$|€|£|(?:CHF|EUR|USD|GBP)\s?)?(?P<num>" + NUM + r")"
                 r"(?:\s?(?P<sc1>k|K|m|M|mn|bn|tn)(?![A-Za-z])|[\s-](?P<sc2>thousand|million|billion|trillion)\b)?"
                 r"(?P<rest>.*)$")


class Bad(Exception):
    pass


def quantity(s):
    """'$4.5 million' -> (unit, value, step, scale multiplier) with exact fractions."""
    m = QTY.match(s.strip())
    if not m:
        raise Bad(f"cannot read a quantity in {s!r}")
    num = m.group("num").replace(",", "")
    scale = m.group("sc1") or m.group("sc2")
    mult = SCALE_MULT[scale] if scale else 1
    value = Fraction(num)
    if "." in num:
        step = Fraction(1, 10 ** len(num.split(".")[1]))
    else:
        digits = num.lstrip("0") or "0"
        zeros = len(digits) - len(digits.rstrip("0")) if value else 0
        step = Fraction(10) ** zeros
    rest = m.group("rest").strip()
    cur = (m.group("cur") or "").strip()
    if cur:
        unit = CUR_UNIT[cur]
    elif rest.startswith("%") or rest.lower().startswith("percent"):
        unit = "percent"
    elif re.match(r"(?i)(dollars?|euros?|pounds?|francs?)\b", rest):
        unit = {"d": "USD", "e": "EUR", "p": "GBP", "f": "CHF"}[rest[0].lower()]
    else:
        unit = "count"
    return unit, value * mult, step * mult, mult


def interval(text):
    """Return (unit, (lo, lo_closed, hi, hi_closed), stated) for a claims label text."""
    t = text.strip()
    kind = "exact"
    for q in sorted(QUAL_KIND, key=len, reverse=True):
        if t.lower().startswith(q + " "):
            kind = QUAL_KIND[q]
            t = t[len(q) + 1:].strip()
            break
    if kind == "between":
        m = re.match(r"^(.*?)\s+and\s+(.*)$", t)
        if not m:
            raise Bad(f"cannot read the range {text!r}")
        ua, a, _, sa = quantity(m.group(1))
        ub, b, _, sb = quantity(m.group(2))
        return range_iv(text, ua, a, sa, ub, b, sb, m.group(2))
    m = re.match(r"^(?P<left>(?:US\$|\$|€|£|(?:CHF|EUR|USD|GBP)\s?)?" + NUM + r")\s?[-–]\s?(?P<right>.*)$", t)
    if kind == "exact" and m and re.match(r"^(?:US\$|\$|€|£|(?:CHF|EUR|USD|GBP)\s?)?\d", m.group("right")):
        ua, a, _, sa = quantity(m.group("left"))
        ub, b, _, sb = quantity(m.group("right"))
        return range_iv(text, ua, a, sa, ub, b, sb, m.group("right"))
    unit, v, step, _ = quantity(t)
    half = step / 2
    if kind == "exact":
        iv = (v - half, True, v + half, False)
    elif kind == "about":
        d = max(half, v * Fraction(5, 100))
        iv = (v - d, True, v + d, True)
    elif kind == "more":
        iv = (v, False, v + step, True)
    elif kind == "atleast":
        iv = (v, True, v + step, True)
    elif kind == "nearly":
        iv = (v * Fraction(95, 100), True, v, False)
    elif kind == "upto":
        iv = (Fraction(0), True, v, True)
    elif kind == "less":
        iv = (Fraction(0), True, v, False)
    else:
        raise Bad(f"unknown qualifier in {text!r}")
    return unit, iv, ("single", v)


def range_iv(text, ua, a, sa, ub, b, sb, right):
    if ua == "count" and ub != "count":
        ua = ub
    if sa == 1 and sb != 1:  # "$38-42 million": the scale of the right end applies to the left end
        a *= sb
    if ua != ub or a > b:
        raise Bad(f"bad range {text!r}")
    return ua, (a, True, b, True), ("range", a, b)


def disjoint(x, y):
    def before(p, q):  # p lies wholly below q
        return p[2] < q[0] or (p[2] == q[0] and not (p[3] and q[1]))
    return before(x, y) or before(y, x)


def verdict(ta, tb):
    ua, ia, sa = interval(ta)
    ub, ib, sb = interval(tb)
    if ua != ub:
        raise Bad(f"different units: {ta!r} ({ua}) vs {tb!r} ({ub})")
    if disjoint(ia, ib):
        return "conflict"
    return "agree" if sa == sb else "differ"


def claims_figure_spans(raw):
    money = money_spans(raw)
    nums = [sp for sp in number_spans(raw) if not any(a <= sp[0] and sp[1] <= b for a, b in money)]
    return money + nums


def is_year_or_day(raw, a, b):
    tok = raw[a:b]
    if re.fullmatch(r"(1[89]|20)\d\d", tok):
        return True
    if re.fullmatch(r"[1-9]|[12]\d|3[01]", tok):
        if re.search(r"\b(?:" + MONTHS + r")\.?\s+$", raw[max(0, a - 12):a]):
            return True
        if re.match(r"\s+(?:" + MONTHS + r")\b", raw[b:b + 12]):
            return True
    return False


def check_claims():
    docs, labels = load("claims")
    extra = set(labels) - {"pair", "lookalike"}
    if extra:
        err(f"claims: unexpected tables {sorted(extra)}")
    pairs = labels.get("pair", [])
    looks = labels.get("lookalike", [])
    spans_of = {n: claims_figure_spans(d["raw"]) for n, d in docs.items()}
    covered = {n: [] for n in docs}
    parent = {}

    def node(lab, where):
        span = locate("claims", docs, lab, where, lambda n: spans_of[n])
        if span is None:
            return None
        covered[lab["file"]].append(span)
        key = (lab["file"], span)
        parent.setdefault(key, key)
        return key

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    verdicts = {"conflict": 0, "differ": 0, "agree": 0}
    pair_keys = []
    for i, p in enumerate(pairs, 1):
        where = f"pair #{i}"
        unknown = set(p) - {"a", "b", "verdict", "note"}
        if unknown:
            err(f"claims: {where}: unknown keys {sorted(unknown)}")
        a, b = p.get("a", {}), p.get("b", {})
        where = f"pair #{i} ({a.get('file')}: {a.get('text')!r} / {b.get('file')}: {b.get('text')!r})"
        ka, kb = node(a, where + " a"), node(b, where + " b")
        if a.get("file") == b.get("file"):
            err(f"claims: {where}: both ends in the same file")
        v = p.get("verdict")
        if v not in verdicts:
            err(f"claims: {where}: bad verdict {v!r}")
        else:
            verdicts[v] += 1
        note = p.get("note", "")
        if not note or (v in verdicts and v not in note):
            err(f"claims: {where}: the note must give the arithmetic and name the verdict")
        try:
            got = verdict(a["text"], b["text"])
            if got != v:
                err(f"claims: {where}: verdict {v!r} but the interval rule gives {got!r}")
        except (Bad, KeyError) as exc:
            err(f"claims: {where}: {exc}")
        if ka and kb:
            parent[find(ka)] = find(kb)
            pair_keys.append(frozenset((ka, kb)))
    if len(set(pair_keys)) != len(pair_keys):
        err("claims: a pair is labelled twice")
    pair_set = set(pair_keys)

    comps = {}
    for k in parent:
        comps.setdefault(find(k), []).append(k)
    facts = [sorted(ms) for ms in comps.values() if len(ms) > 1]
    for members in facts:
        files = [m[0] for m in members]
        desc = ", ".join(f"{m[0]}:{docs[m[0]]['raw'][m[1][0]:m[1][1]]!r}" for m in members)
        if len(set(files)) != len(files):
            err(f"claims: fact [{desc}] has two figures in one document")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in pair_set:
                err(f"claims: fact [{desc}]: cross-document pair {x[0]} / {y[0]} is not labelled")

    look_keys = []
    for i, l in enumerate(looks, 1):
        a, b = l.get("a", {}), l.get("b", {})
        where = f"lookalike #{i} ({a.get('file')}: {a.get('text')!r} / {b.get('file')}: {b.get('text')!r})"
        unknown = set(l) - {"a", "b", "note"}
        if unknown:
            err(f"claims: {where}: unknown keys {sorted(unknown)}")
        ka, kb = node(a, where + " a"), node(b, where + " b")
        if a.get("file") == b.get("file"):
            err(f"claims: {where}: both ends in the same file")
        if not l.get("note"):
            err(f"claims: {where}: needs a note saying why the facts differ")
        if ka and kb:
            if find(ka) == find(kb):
                err(f"claims: {where}: both ends belong to one fact")
            if frozenset((ka, kb)) in pair_set:
                err(f"claims: {where}: also labelled as a pair")
            look_keys.append(frozenset((ka, kb)))
    if len(set(look_keys)) != len(look_keys):
        err("claims: a look-alike is labelled twice")

    for name, d in docs.items():
        raw = d["raw"]
        for a, b in number_spans(raw):
            if overlaps(a, b, d["masked"]) or is_year_or_day(raw, a, b):
                continue
            if not any(s <= a and b <= e for s, e in covered[name]):
                err(f"claims: {name}: number {raw[a:b]!r} at offset {a} belongs to no labelled pair or look-alike")
        for m in SPELLED_NUMBER.finditer(raw):
            a, b = m.span()
            if overlaps(a, b, d["masked"]):
                continue
            if m.group(0).lower() in ("million", "billion", "trillion") and re.search(r"\d[\s-]$", raw[max(0, a - 2):a]):
                continue
            err(f"claims: {name}: spelled number {m.group(0)!r} at offset {a}")
    return docs, pairs, looks, facts, verdicts


def main():
    for corpus in ("sourcing", "claims"):
        if not os.path.isfile(os.path.join(ROOT, corpus, "labels.toml")):
            print(f"missing {corpus}/labels.toml under {ROOT}")
            return 1
    s_docs, figs, stats = check_sourcing()
    c_docs, pairs, looks, facts, verdicts = check_claims()
    print(f"sourcing: {len(s_docs)} documents, {len(figs)} money figures "
          f"({sum(v[0] for v in stats.values())} sourced, {sum(v[1] for v in stats.values())} unsourced)")
    for name, (s, u) in stats.items():
        print(f"  {name}: {s} sourced, {u} unsourced")
    print(f"claims: {len(c_docs)} documents, {len(facts)} facts, {len(pairs)} pairs "
          f"({verdicts['conflict']} conflict, {verdicts['differ']} differ, {verdicts['agree']} agree), "
          f"{len(looks)} look-alikes")
    if ERRORS:
        print(f"\nFAIL: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  - " + e)
        return 1
    print("\nOK: all checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
