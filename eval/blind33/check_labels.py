#!/usr/bin/env python3
"""Mechanical checker for the labels of blind set 33 (python3 standard library only).

Usage: python3 check_labels.py [-v] [ROOT]   (ROOT defaults to the folder of this script;
       -v also prints every pair with its two intervals)

ROOT/sourcing/labels.toml and ROOT/claims/labels.toml are checked against the documents next
to them. Exit status 0 and "ALL CHECKS PASSED" when every check holds; otherwise each problem
is printed and the exit status is 1.

Checks (see README.md, "What the checker checks"):
  both corpora
    - every label names an existing document; its text occurs verbatim; `occurrence` is within
      the number of occurrences in the raw file (masked text included) and is given whenever
      the text occurs more than once
    - each label is a whole figure: no digit, currency sign, scale suffix/word, range partner,
      percent sign or qualifier word is cut off at either end
    - no label lies (even partly) inside masked text: YAML front matter, HTML comments, fenced
      code, inline code, Markdown link targets, bare URLs, e-mail addresses
  sourcing
    - every label contains a money marker; `sourced` is a boolean; no figure is labelled twice
    - every money marker ($, US$, EUR sign, pound sign, cent sign, CHF/EUR/USD/GBP codes,
      dollars/euros/pounds/francs/cents/pence) outside masked text lies inside a label
  claims
    - the two ends of every pair and look-alike are in different documents
    - every label parses as qualifier + number (+ scale) (+ unit); both ends of a pair measure
      the same kind (same currency, percent, or count of the same noun)
    - every verdict is recomputed from the interval rule with exact fractions, and every note
      ends with that verdict
    - facts = connected components of the pair graph: no two figures of one fact in one
      document, every cross-document pair inside a fact is labelled exactly once
    - look-alikes join figures of different facts (and are not duplicated)
    - completeness: every number outside masked text (except years and days of the month) lies
      inside a pair or look-alike label; no spelled numbers at all
"""
import os
import re
import sys
import tomllib
from fractions import Fraction as Fr
from itertools import combinations

ERRORS = []


def err(msg):
    ERRORS.append(msg)


# --------------------------------------------------------------------------- masking

def masked_spans(text):
    """Spans (start, end) of text that is not prose."""
    spans = []
    m = re.match(r"---\n.*?\n---[ \t]*\n", text, re.S)
    if m:
        spans.append((0, m.end()))
    for m in re.finditer(r"<!--.*?-->", text, re.S):
        spans.append(m.span())
    fences = [m.span() for m in re.finditer(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", text, re.S | re.M)]
    spans += fences
    for m in re.finditer(r"`[^`\n]+`", text):
        if not any(a <= m.start() < b for a, b in fences):
            spans.append(m.span())
    for m in re.finditer(r"\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)", text):
        spans.append((m.start() + 1, m.end()))
    for m in re.finditer(r"(?:https?://|www\.)[^\s<>)\]]+", text):
        spans.append(m.span())
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        spans.append(m.span())
    return spans


def overlaps(span, spans):
    a, b = span
    return any(a < y and x < b for x, y in spans)


def inside(pos, spans):
    return any(x <= pos < y for x, y in spans)


# --------------------------------------------------------------------------- locating labels

def all_occurrences(text, needle):
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


SCALE_WORDS = r"(?:million|billion|trillion|thousand|bn|m|M|k|K|mn|percent|per cent)"
QUALIFIER_TAILS = ["about", "roughly", "some", "nearly", "almost", "around", "approximately",
                   "over", "under", "more than", "less than", "fewer than", "at least", "up to",
                   "an estimated", "estimated", "between", "just over", "just under"]
NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                "sixty seventy eighty ninety hundred thousand million billion half quarter "
                "dozen").split()
CURRENCY_PREFIX = r"(?:US\$|C\$|A\$|\$|€|£|¥|CHF|EUR|USD|GBP|NOK|SEK|DKK)"


def whole_figure_problems(text, start, end):
    """Why text[start:end] is not a whole figure (empty list when it is)."""
    probs = []
    label = text[start:end]
    before, after = text[:start], text[end:]
    # --- left edge
    if before:
        p = before[-1]
        if p.isalnum() or p in "$€£¥":
            probs.append(f"preceded by {p!r}")
        elif p in ".,-–" and len(before) > 1 and before[-2].isdigit():
            probs.append(f"preceded by a number ({before[-2:]!r})")
    tail = re.sub(r"\s+", " ", before[-40:]).lower().rstrip()
    for q in QUALIFIER_TAILS:
        if re.search(r"(?:^|[^\w])" + re.escape(q) + r"$", tail):
            probs.append(f"qualifier {q!r} left outside the label")
    last_word = re.findall(r"[A-Za-z]+$", tail)
    if last_word and last_word[0] in NUMBER_WORDS and tail.endswith(last_word[0]):
        probs.append(f"spelled number word {last_word[0]!r} left outside the label")
    if re.search(r"\d[\d,.]*\s*$", before[-20:]) and before[-1:].isspace():
        probs.append("a number just before the label")
    # --- right edge
    if after:
        n = after[0]
        if n.isalnum() and label[-1].isalnum():
            probs.append(f"followed by {n!r}")
        if n == "%":
            probs.append("percent sign left outside the label")
        if n in ".," and after[1:2].isdigit():
            probs.append("followed by more digits")
        if n in "-–" and re.match(r"[-–]\s*(?:" + CURRENCY_PREFIX + r")?\s?\d", after):
            probs.append("range partner left outside the label")
        if label[-1].isdigit() and re.match(r"[-\s]" + SCALE_WORDS + r"\b", after):
            probs.append("scale word or percent left outside the label")
        if re.match(r"\s+(?:and|to|–|-)\s+" + CURRENCY_PREFIX + r"\s?\d", after) and \
                re.search(r"between\s+\S*$", before.lower()):
            probs.append("range 'between X and Y' cut in half")
        if re.match(r"\s+to\s+" + CURRENCY_PREFIX + r"\s?\d", after):
            probs.append("range 'X to Y' cut in half")
    if label != label.strip():
        probs.append("label has leading or trailing blanks")
    return probs


def locate(docs, corpus, lab, where):
    """Return (file, start, end) of a label or None (errors recorded)."""
    f, t = lab.get("file"), lab.get("text")
    if not isinstance(f, str) or not isinstance(t, str) or not t:
        err(f"{corpus}: {where}: file and text must be non-empty strings")
        return None
    if f not in docs:
        err(f"{corpus}: {where}: no document {f!r}")
        return None
    occ = lab.get("occurrence", 1)
    text = docs[f]
    hits = all_occurrences(text, t)
    if not hits:
        err(f"{corpus}: {where}: {t!r} does not occur in {f}")
        return None
    if not isinstance(occ, int) or occ < 1 or occ > len(hits):
        err(f"{corpus}: {where}: occurrence {occ!r} of {t!r} but {f} has {len(hits)}")
        return None
    if len(hits) > 1 and "occurrence" not in lab:
        err(f"{corpus}: {where}: {t!r} occurs {len(hits)} times in {f}; occurrence must be given")
    start = hits[occ - 1]
    end = start + len(t)
    for p in whole_figure_problems(text, start, end):
        err(f"{corpus}: {where}: {t!r} (occurrence {occ}) in {f} is not a whole figure: {p}")
    if overlaps((start, end), MASKS[(corpus, f)]):
        err(f"{corpus}: {where}: {t!r} (occurrence {occ}) in {f} lies in masked text")
    return (f, start, end)


# --------------------------------------------------------------------------- loading

MASKS = {}


def load_corpus(root, corpus):
    folder = os.path.join(root, corpus)
    docs = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith((".md", ".txt")) and name != "README.md":
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                docs[name] = fh.read()
            MASKS[(corpus, name)] = masked_spans(docs[name])
    with open(os.path.join(folder, "labels.toml"), "rb") as fh:
        labels = tomllib.load(fh)
    return docs, labels


def words(text):
    return len(re.findall(r"\S+", text))


# --------------------------------------------------------------------------- sourcing

MONEY_MARK = re.compile(
    r"US\$|\$|€|£|¢|\b(?:CHF|EUR|USD|GBP|NOK|SEK|DKK)\b"
    r"|\b(?:dollars?|euros?|pounds?|francs?|cents?|pence|kronor|kroner)\b", re.I)


def check_sourcing(root):
    docs, labels = load_corpus(root, "sourcing")
    figs = labels.get("figure", [])
    extra = set(labels) - {"figure"}
    if extra:
        err(f"sourcing: unexpected tables {sorted(extra)}")
    spans = {f: [] for f in docs}
    seen = set()
    stats = {f: [0, 0] for f in docs}
    for i, lab in enumerate(figs, 1):
        where = f"figure #{i} ({lab.get('text')!r})"
        unknown = set(lab) - {"file", "text", "occurrence", "sourced", "note"}
        if unknown:
            err(f"sourcing: {where}: unknown keys {sorted(unknown)}")
        if not isinstance(lab.get("sourced"), bool):
            err(f"sourcing: {where}: sourced must be true or false")
        if not str(lab.get("note", "")).strip():
            err(f"sourcing: {where}: note missing")
        loc = locate(docs, "sourcing", lab, where)
        if not loc:
            continue
        f, s, e = loc
        if (f, s, e) in seen:
            err(f"sourcing: {where}: figure labelled twice")
        seen.add((f, s, e))
        for (x, y) in spans[f]:
            if s < y and x < e and (x, y) != (s, e):
                err(f"sourcing: {where}: overlaps another label in {f}")
        spans[f].append((s, e))
        if not MONEY_MARK.search(docs[f][s:e]):
            err(f"sourcing: {where}: label has no money marker (not a money figure)")
        if isinstance(lab.get("sourced"), bool):
            stats[f][0 if lab["sourced"] else 1] += 1
    for f, text in docs.items():
        masks = MASKS[("sourcing", f)]
        for m in MONEY_MARK.finditer(text):
            if inside(m.start(), masks):
                continue
            if not any(x <= m.start() and m.end() <= y for x, y in spans[f]):
                line = text.count("\n", 0, m.start()) + 1
                ctx = text[max(0, m.start() - 25):m.end() + 25].replace("\n", " ")
                err(f"sourcing: unlabelled money in {f}:{line}: ...{ctx}...")
    return docs, stats


# --------------------------------------------------------------------------- claims

QUALS = [("more than", "gt"), ("over", "gt"), ("at least", "ge"), ("nearly", "nearly"),
         ("up to", "upto"), ("less than", "lt"), ("about", "about"), ("roughly", "about"),
         ("some", "about")]
SCALES = {"million": 10 ** 6, "m": 10 ** 6, "M": 10 ** 6, "mn": 10 ** 6,
          "billion": 10 ** 9, "bn": 10 ** 9, "thousand": 10 ** 3, "k": 10 ** 3, "K": 10 ** 3}
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CUR = r"US\$|\$|€|£|CHF ?|EUR ?|GBP ?|USD ?"
SCALE = r"(?:[ -](?:million|billion|thousand)|(?:bn|mn|m|M|k|K)\b)"


def parse_number(tok, scale):
    tok = tok.replace(",", "")
    mult = SCALES.get(scale.strip(" -"), 1) if scale else 1
    if "." in tok:
        ip, dp = tok.split(".")
        v = Fr(tok)
        step = Fr(1, 10 ** len(dp))
    else:
        v = Fr(int(tok))
        stripped = tok.rstrip("0")
        zeros = len(tok) - len(stripped) if stripped else 0
        step = Fr(10 ** zeros)
    return v * mult, step * mult


def parse_claim(label):
    """-> (kind, qualifier, stated, interval); interval = (lo, lo_closed, hi, hi_closed)."""
    s = label.strip()
    qual = "exact"
    low = s.lower()
    for word, q in QUALS:
        if low.startswith(word + " "):
            qual, s = q, s[len(word) + 1:]
            break
    if s.lower().startswith("between "):
        m = re.fullmatch(rf"between ({CUR})?({NUM})({SCALE})? and ({CUR})?({NUM})({SCALE})?(.*)", s, re.I)
        if not m:
            raise ValueError("unparsable range")
        cur = (m.group(1) or m.group(4) or "").strip()
        a, _ = parse_number(m.group(2), m.group(3) or m.group(6))
        b, _ = parse_number(m.group(5), m.group(6))
        return kind_of(cur, m.group(7)), "range", (a, b), (a, True, b, True)
    m = re.fullmatch(rf"({CUR})?({NUM})({SCALE})?(?:[-–]({NUM})({SCALE})?)?((?:%| percent| per cent)?)(.*)", s)
    if not m:
        raise ValueError("unparsable figure")
    cur = (m.group(1) or "").strip()
    unit = m.group(7)
    if m.group(4):
        scale = m.group(5) or m.group(3)
        a, _ = parse_number(m.group(2), scale)
        b, _ = parse_number(m.group(4), scale)
        return kind_of(cur, unit, m.group(6)), "range", (a, b), (a, True, b, True)
    v, step = parse_number(m.group(2), m.group(3))
    kind = kind_of(cur, unit, m.group(6))
    half = step / 2
    if qual == "exact":
        iv = (v - half, True, v + half, False)
    elif qual == "about":
        d = max(half, v / 20)
        iv = (v - d, True, v + d, True)
    elif qual == "gt":
        iv = (v, False, v + step, True)
    elif qual == "ge":
        iv = (v, True, v + step, True)
    elif qual == "nearly":
        iv = (v * Fr(95, 100), True, v, False)
    elif qual == "upto":
        iv = (Fr(0), True, v, True)
    elif qual == "lt":
        iv = (Fr(0), True, v, False)
    else:
        raise ValueError(qual)
    return kind, qual, v, iv


def kind_of(cur, unit, pct=""):
    unit = (unit or "").strip()
    if cur:
        c = {"US$": "$", "EUR": "€", "GBP": "£", "USD": "$"}.get(cur, cur)
        if unit and not re.fullmatch(r"(?:a|per|each|an) \w+", unit):
            raise ValueError(f"unexpected words after money: {unit!r}")
        return "money " + c
    if pct and pct.strip():
        if unit:
            raise ValueError(f"unexpected words after percent: {unit!r}")
        return "percent"
    noun = unit.lstrip("- ").lower()
    if not re.fullmatch(r"[a-z][a-z ]*", noun):
        raise ValueError("a counted quantity must carry its noun")
    noun = " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in noun.split())
    return "count " + noun


def intersect(i1, i2):
    lo1, lc1, hi1, hc1 = i1
    lo2, lc2, hi2, hc2 = i2
    if lo1 > lo2:
        lo, lc = lo1, lc1
    elif lo2 > lo1:
        lo, lc = lo2, lc2
    else:
        lo, lc = lo1, lc1 and lc2
    if hi1 < hi2:
        hi, hc = hi1, hc1
    elif hi2 < hi1:
        hi, hc = hi2, hc2
    else:
        hi, hc = hi1, hc1 and hc2
    return lo < hi or (lo == hi and lc and hc)


def verdict_of(p1, p2):
    if not intersect(p1[3], p2[3]):
        return "conflict"
    return "agree" if p1[2] == p2[2] else "differ"


def fmt_iv(iv):
    lo, lc, hi, hc = iv
    f = lambda x: format(float(x), ",.6g") if x.denominator != 1 or abs(x) < 10 ** 6 else format(int(x), ",")
    return ("[" if lc else "(") + f(lo) + ", " + f(hi) + ("]" if hc else ")")


MONTHS = ("January February March April May June July August September October November December "
          "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
SPELLED = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                     r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|half|quarter|"
                     r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|once|twice|"
                     r"single|double|triple|million|billion)s?\b", re.I)


def check_claims(root):
    docs, labels = load_corpus(root, "claims")
    extra = set(labels) - {"pair", "lookalike"}
    if extra:
        err(f"claims: unexpected tables {sorted(extra)}")
    pairs, looks = labels.get("pair", []), labels.get("lookalike", [])
    node_of = {}        # (file, start, end) -> node id
    node_lab = {}
    covered = {f: [] for f in docs}
    parent = {}

    def node(lab, where):
        loc = locate(docs, "claims", lab, where)
        if not loc:
            return None
        if loc not in node_of:
            node_of[loc] = loc
            node_lab[loc] = lab["text"]
            parent[loc] = loc
            covered[loc[0]].append((loc[1], loc[2]))
        return loc

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = []
    verdicts = {"conflict": 0, "differ": 0, "agree": 0}
    table = []
    for i, p in enumerate(pairs, 1):
        where = f"pair #{i}"
        unknown = set(p) - {"a", "b", "verdict", "note"}
        if unknown:
            err(f"claims: {where}: unknown keys {sorted(unknown)}")
        a, b = node(p.get("a", {}), where + ".a"), node(p.get("b", {}), where + ".b")
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f"claims: {where}: both ends in {a[0]}")
        try:
            pa, pb = parse_claim(node_lab[a]), parse_claim(node_lab[b])
        except ValueError as e:
            err(f"claims: {where}: {e}")
            continue
        if pa[0] != pb[0]:
            err(f"claims: {where}: different kinds {pa[0]!r} vs {pb[0]!r}")
        v = verdict_of(pa, pb)
        if p.get("verdict") not in verdicts:
            err(f"claims: {where}: verdict must be conflict, differ or agree")
        elif p["verdict"] != v:
            err(f"claims: {where}: verdict {p['verdict']!r} but the interval rule gives {v!r} "
                f"({node_lab[a]} {fmt_iv(pa[3])} vs {node_lab[b]} {fmt_iv(pb[3])})")
        else:
            verdicts[v] += 1
        note = str(p.get("note", "")).strip()
        if not note.endswith(v):
            err(f"claims: {where}: note must end with the verdict {v!r}")
        table.append((a[0], node_lab[a], fmt_iv(pa[3]), b[0], node_lab[b], fmt_iv(pb[3]), v))
        edges.append((a, b))
        parent[find(a)] = find(b)
    # facts
    comps = {}
    for n in node_of:
        comps.setdefault(find(n), []).append(n)
    pair_set = {}
    for a, b in edges:
        key = frozenset((a, b))
        pair_set[key] = pair_set.get(key, 0) + 1
    facts = [c for c in comps.values() if len(c) > 1]
    for comp in facts:
        files = [n[0] for n in comp]
        names = ", ".join(f"{n[0]}:{node_lab[n]!r}" for n in comp)
        if len(set(files)) != len(files):
            err(f"claims: a fact has two figures in one document: {names}")
        for x, y in combinations(comp, 2):
            c = pair_set.get(frozenset((x, y)), 0)
            if x[0] != y[0] and c == 0:
                err(f"claims: fact not closed: missing pair {x[0]}:{node_lab[x]!r} - {y[0]}:{node_lab[y]!r}")
            if c > 1:
                err(f"claims: pair labelled {c} times: {x[0]}:{node_lab[x]!r} - {y[0]}:{node_lab[y]!r}")
    # look-alikes
    seen_looks = set()
    for i, lk in enumerate(looks, 1):
        where = f"lookalike #{i}"
        unknown = set(lk) - {"a", "b", "note"}
        if unknown:
            err(f"claims: {where}: unknown keys {sorted(unknown)}")
        if not str(lk.get("note", "")).strip():
            err(f"claims: {where}: note missing")
        a, b = node(lk.get("a", {}), where + ".a"), node(lk.get("b", {}), where + ".b")
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f"claims: {where}: both ends in {a[0]}")
        for n in (a, b):
            try:
                parse_claim(node_lab[n])
            except ValueError as e:
                err(f"claims: {where}: {node_lab[n]!r}: {e}")
        if find(a) == find(b):
            err(f"claims: {where}: {node_lab[a]!r} and {node_lab[b]!r} are in one fact")
        key = frozenset((a, b))
        if key in seen_looks:
            err(f"claims: {where}: duplicate look-alike")
        seen_looks.add(key)
        if key in pair_set:
            err(f"claims: {where}: also labelled as a pair")
    # completeness and spelled numbers
    for f, text in docs.items():
        masks = MASKS[("claims", f)]
        for m in re.finditer(r"\d+(?:[.,]\d+)*", text):
            s, e = m.span()
            if inside(s, masks) or any(x <= s and e <= y for x, y in covered[f]):
                continue
            tok = m.group()
            pre, post = text[max(0, s - 12):s], text[e:e + 12]
            if re.fullmatch(r"(?:1[89]|20)\d\d", tok) and not re.search(r"[$€£\d]\s?$", pre) \
                    and not re.match(r"\s?(?:%|percent|per cent)|[-–]\d", post):
                continue       # a year
            if re.fullmatch(r"[1-9]|[12]\d|3[01]", tok) and (
                    re.search(r"\b(?:" + "|".join(MONTHS) + r")\.? $", pre)
                    or re.match(r" (?:" + "|".join(MONTHS) + r")\b", post)):
                continue       # day of the month
            line = text.count("\n", 0, s) + 1
            err(f"claims: number {tok!r} in {f}:{line} belongs to no pair or look-alike")
        for m in SPELLED.finditer(text):
            if inside(m.start(), masks):
                continue
            if m.group().lower() in ("million", "billion", "millions", "billions") and \
                    re.search(r"\d\s?$", text[max(0, m.start() - 3):m.start()]):
                continue       # "$15 million" is written in digits
            line = text.count("\n", 0, m.start()) + 1
            err(f"claims: spelled number {m.group()!r} in {f}:{line}")
    for f in docs:
        if not covered[f]:
            err(f"claims: document {f} has no labelled figure")
    return docs, facts, verdicts, len(looks), table, node_lab


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    root = os.path.abspath(args[0]) if args else os.path.dirname(os.path.abspath(__file__))
    sdocs, stats = check_sourcing(root)
    cdocs, facts, verdicts, nlooks, table, node_lab = check_claims(root)
    verbose = "-v" in sys.argv
    print("sourcing:")
    for f in sdocs:
        print(f"  {f:34} {words(sdocs[f]):4} words  sourced {stats[f][0]:2}  unsourced {stats[f][1]:2}")
    print(f"  total: {sum(s[0] for s in stats.values())} sourced, {sum(s[1] for s in stats.values())} unsourced")
    print("claims:")
    for f in cdocs:
        print(f"  {f:34} {words(cdocs[f]):4} words")
    print(f"  facts {len(facts)}, pairs {sum(verdicts.values())} ({verdicts['conflict']} conflict, "
          f"{verdicts['differ']} differ, {verdicts['agree']} agree), look-alikes {nlooks}")
    if verbose:
        for row in table:
            print("   ", " | ".join(row))
    if ERRORS:
        print(f"\n{len(ERRORS)} PROBLEM(S):")
        for e in ERRORS:
            print("  -", e)
        sys.exit(1)
    print("ALL CHECKS PASSED")


if __name__ == "__main__":
    main()
