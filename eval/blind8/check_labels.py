#!/usr/bin/env python3
"""Consistency checks for the blind8 corpora (stdlib only).

    python3 check_labels.py            # run every check, exit 1 on any error
    python3 check_labels.py --quiet    # errors and the summary only

Checks
  both corpora
    * every label's `text` occurs verbatim in its file; `occurrence` (1-based) counts every raw
      occurrence in the file (headings, front matter, comments and code included); a text that
      occurs more than once must carry an explicit `occurrence`
    * the labelled occurrence lies in prose: not in YAML front matter, an HTML comment, a fenced
      code block, inline code, a link target or a bare URL
    * the label is not only part of a longer number ("$5" inside "$15", "300 jobs" inside
      "1,300 jobs", "$3 million" inside "$2-3 million", "$1.2" before "million") and does not
      leave out a qualifier written just before it ("about", "more than", "nearly", ...)
    * word counts per document
  sourcing/
    * every money figure found in prose is covered by a label (finds unlabelled money)
    * every label contains a money figure; labels do not overlap
  claims/
    * every verdict is recomputed from the interval rule with exact fractions
    * pairs and look-alikes join figures in two different documents; no duplicate pairs
    * clusters are the connected groups of documents joined by labels; numbers shared between
      documents of a cluster are listed, with whether each occurrence is labelled
"""
import os
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations

HERE = os.path.dirname(os.path.abspath(__file__))
QUIET = "--quiet" in sys.argv

errors = []
warnings = []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def say(msg=""):
    if not QUIET:
        print(msg)


# --------------------------------------------------------------------------- prose masking

def non_prose_spans(raw, is_md):
    """Character ranges that are not prose."""
    spans = []
    if is_md:
        if raw.startswith("---\n"):
            end = raw.find("\n---\n", 4)
            if end != -1:
                spans.append((0, end + 5))
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            spans.append(m.span())
        fences = []
        for m in re.finditer(r"^```.*?^```[^\n]*$", raw, re.S | re.M):
            spans.append(m.span())
            fences.append(m.span())

        def in_fence(i):
            return any(a <= i < b for a, b in fences)

        for m in re.finditer(r"`[^`\n]+`", raw):
            if not in_fence(m.start()):
                spans.append(m.span())
        for m in re.finditer(r"\]\(([^)\s]*)\)", raw):
            spans.append(m.span(1))
        # reference-style link definitions: [label]: http...
        for m in re.finditer(r"^\[[^\]^]+\]:\s*https?://\S+", raw, re.M):
            spans.append(m.span())
    else:
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            spans.append(m.span())
    for m in re.finditer(r"https?://\S+", raw):
        spans.append(m.span())
    for m in re.finditer(r"\b[\w.]+@[\w.]+\.\w+\b", raw):
        spans.append(m.span())
    return spans


def in_spans(start, end, spans):
    return any(not (end <= a or start >= b) for a, b in spans)


def prose_text(raw, spans):
    chars = list(raw)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --------------------------------------------------------------------------- occurrences

def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


QUALIFIERS = [
    "about", "roughly", "some", "approximately", "around", "nearly", "almost", "more than",
    "over", "at least", "up to", "less than", "under", "an estimated", "as much as",
    "no more than", "between",
]
SCALE_AFTER = re.compile(r"\s?(?:million|billion|trillion|thousand)\b|(?:bn|k|K|M)\b|%|\s?percent\b")


def boundary_problems(raw, start, end, text):
    probs = []
    before = raw[start - 1] if start > 0 else ""
    before2 = raw[start - 2] if start > 1 else ""
    after = raw[end] if end < len(raw) else ""
    after2 = raw[end + 1] if end + 1 < len(raw) else ""
    if before.isdigit():
        probs.append("preceded by a digit")
    if before and before in ",." and before2.isdigit():
        probs.append("preceded by '%s' after a digit" % before)
    if before and before in "-\u2013" and before2 and (before2.isdigit() or before2 in "$€£"):
        probs.append("second half of a range")
    if before.isalpha() or (before == "$" and text[:1] != "$"):
        probs.append("starts inside a word or currency mark")
    if after.isdigit():
        probs.append("followed by a digit")
    if after and after in ",." and after2.isdigit():
        probs.append("followed by '%s' and a digit" % after)
    if after and after in "-\u2013" and after2 and (after2.isdigit() or after2 in "$€£"):
        probs.append("first half of a range")
    if text[-1:].isdigit() and SCALE_AFTER.match(raw, end):
        probs.append("followed by a scale word or percent sign")
    if after.isalpha() and text[-1:].isalnum():
        probs.append("ends inside a word")
    head = raw[max(0, start - 20):start].lower()
    for q in QUALIFIERS:
        if re.search(r"(?:^|[^a-z])" + re.escape(q) + r"\s+$", head) and not text.lower().startswith(q):
            probs.append("qualifier '%s' written before it is not in the label" % q)
    return probs


DOCS = {}


def doc(corpus, name):
    key = (corpus, name)
    if key not in DOCS:
        path = os.path.join(HERE, corpus, name)
        if not os.path.exists(path):
            return None
        raw = open(path, encoding="utf-8").read()
        spans = non_prose_spans(raw, name.endswith(".md"))
        DOCS[key] = {"raw": raw, "spans": spans, "prose": prose_text(raw, spans)}
    return DOCS[key]


def locate(corpus, ref, where):
    """Return (start, end) of the labelled occurrence, or None after recording errors."""
    name, text = ref.get("file"), ref.get("text")
    if not name or not text:
        err("%s: label needs file and text" % where)
        return None
    d = doc(corpus, name)
    if d is None:
        err("%s: file %s/%s does not exist" % (where, corpus, name))
        return None
    occ = occurrences(d["raw"], text)
    n = ref.get("occurrence", 1)
    if not occ:
        err("%s: %r not found in %s" % (where, text, name))
        return None
    if len(occ) > 1 and "occurrence" not in ref:
        err("%s: %r occurs %d times in %s but has no occurrence" % (where, text, len(occ), name))
    if not 1 <= n <= len(occ):
        err("%s: occurrence %d of %r but only %d in %s" % (where, n, text, len(occ), name))
        return None
    start = occ[n - 1]
    end = start + len(text)
    if in_spans(start, end, d["spans"]):
        err("%s: %r (occurrence %d) in %s is not in prose (front matter, comment, code or URL)"
            % (where, text, n, name))
    for p in boundary_problems(d["raw"], start, end, text):
        err("%s: %r (occurrence %d) in %s: %s" % (where, text, n, name, p))
    return (start, end)


def word_count(corpus, name, lo, hi):
    d = doc(corpus, name)
    total = len(d["raw"].split())
    prose = len(d["prose"].split())
    if not lo <= total <= hi:
        err("%s/%s: %d words, outside %d-%d" % (corpus, name, total, lo, hi))
    return total, prose


def docs_in(corpus):
    folder = os.path.join(HERE, corpus)
    return sorted(f for f in os.listdir(folder) if f.endswith((".md", ".txt")) and f != "README.md")


# --------------------------------------------------------------------------- money finder

CUR = r"(?:US\$|C\$|A\$|\$|€|£)"
NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
SCALE = r"(?:\s?(?:million|billion|trillion|thousand)\b|(?:bn|k|K|M)\b)"
NUMWORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
            "eighty ninety hundred thousand million billion half quarter").split()
NW = r"(?:%s)\b" % "|".join(sorted(NUMWORDS, key=len, reverse=True))
MONEY_RES = [
    re.compile(CUR + NUM + r"(?:\s?[-\u2013]\s?" + CUR + r"?" + NUM + r")?" + SCALE + r"?"),
    re.compile(r"\b" + NUM + r"(?:\s(?:million|billion|thousand))?\s(?:dollars|euros|pounds|cents)\b"),
    re.compile(r"\b(?:(?:a|and)[\s-]+)?" + NW + r"(?:[\s-]+(?:" + NW + r"|a|and))*\s+(?:dollars|euros|pounds|cents)\b",
               re.I),
]


def money_in(text):
    found = []
    for rx in MONEY_RES:
        for m in rx.finditer(text):
            found.append(m.span())
    return found


# --------------------------------------------------------------------------- sourcing

def check_sourcing():
    corpus = "sourcing"
    labels = tomllib.load(open(os.path.join(HERE, corpus, "labels.toml"), "rb"))
    figs = labels.get("figure", [])
    by_file = {}
    for i, f in enumerate(figs, 1):
        where = "sourcing figure #%d" % i
        if not isinstance(f.get("sourced"), bool):
            err("%s: sourced must be true or false" % where)
        span = locate(corpus, f, where)
        if span is None:
            continue
        d = doc(corpus, f["file"])
        if not money_in(d["raw"][span[0]:span[1]]):
            err("%s: %r does not look like a money figure" % (where, f["text"]))
        by_file.setdefault(f["file"], []).append((span, f))

    files = docs_in(corpus)
    say("== sourcing/")
    tot_s = tot_u = 0
    for name in files:
        d = doc(corpus, name)
        items = sorted(by_file.get(name, []), key=lambda x: x[0])
        for (a, fa), (b, fb) in zip(items, items[1:]):
            if b[0] < a[1]:
                err("sourcing %s: labels %r and %r overlap" % (name, fa["text"], fb["text"]))
        spans = [s for s, _ in items]
        for s, e in money_in(d["prose"]):
            if not any(a <= s and e <= b for a, b in spans):
                line = d["raw"].count("\n", 0, s) + 1
                err("sourcing %s line %d: unlabelled money %r" % (name, line, d["raw"][s:e]))
        for s, e in money_in(d["raw"]):
            if in_spans(s, e, d["spans"]) and any(a <= s < b for a, b in spans):
                err("sourcing %s: a label covers non-prose money %r" % (name, d["raw"][s:e]))
        n_s = sum(1 for _, f in items if f.get("sourced"))
        n_u = len(items) - n_s
        tot_s += n_s
        tot_u += n_u
        words, prose = word_count(corpus, name, 250, 320)
        if not 10 <= len(items) <= 12:
            err("sourcing %s: %d figures, outside 10-12" % (name, len(items)))
        say("  %-40s %3d words (%3d prose)  %2d figures: %2d sourced, %2d unsourced"
            % (name, words, prose, len(items), n_s, n_u))
    for name in by_file:
        if name not in files:
            err("sourcing labels name a missing document %s" % name)
    md = sum(1 for f in files if f.endswith(".md"))
    say("  %d documents (%d .md, %d .txt); %d figures: %d sourced, %d unsourced"
        % (len(files), md, len(files) - md, tot_s + tot_u, tot_s, tot_u))
    return tot_s, tot_u


# --------------------------------------------------------------------------- claims: intervals

SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i >= 2}
BIG = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9}
SCALES = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12,
          "bn": 10 ** 9, "k": 10 ** 3, "m": 10 ** 6}


def spelled_value(words):
    total, cur = 0, 0
    for w in words:
        if w in SMALL:
            cur += SMALL[w]
        elif w in TENS:
            cur += TENS[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w in BIG:
            total += (cur or 1) * BIG[w]
            cur = 0
        elif w == "and":
            continue
        else:
            return None
    return total + cur


def step_of_integer(n):
    n = int(n)
    if n == 0:
        return 1
    s = 1
    while n % 10 == 0:
        n //= 10
        s *= 10
    return s


def parse_number(s):
    """'$1.15 billion' -> (value, step, kind, has_scale). kind: money | percent | count."""
    s = s.strip().lower()
    kind = "count"
    m = re.match(r"(us\$|c\$|a\$|\$|€|£)\s?", s)
    if m:
        kind = "money"
        s = s[m.end():]
    m = re.match(r"\d+(?:,\d{3})*(?:\.\d+)?", s)
    if m:
        digits = m.group(0).replace(",", "")
        rest = s[m.end():]
        if "." in digits:
            value = F(digits)
            step = F(1, 10 ** len(digits.split(".")[1]))
        else:
            value = F(int(digits))
            step = F(step_of_integer(digits))
    else:
        m = re.match(r"((?:%s)(?:[\s-]+(?:%s|and))*)" % (NW, NW), s)
        if not m:
            raise ValueError("no number in %r" % s)
        words = re.split(r"[\s-]+", m.group(1))
        # a trailing scale word is treated as the scale, not part of the number
        scale_word = None
        if words[-1] in ("thousand", "million", "billion") and len(words) > 1:
            scale_word = words.pop()
        v = spelled_value(words)
        if v is None:
            raise ValueError("cannot read spelled number %r" % m.group(1))
        value, step = F(v), F(step_of_integer(v))
        rest = (" " + scale_word if scale_word else "") + s[m.end():]
    has_scale = False
    m = re.match(r"\s?(thousand|million|billion|trillion)\b|(bn|k|m)\b", rest)
    if m:
        mult = SCALES[m.group(1) or m.group(2)]
        value *= mult
        step *= mult
        has_scale = True
        rest = rest[m.end():]
    if re.match(r"\s?(%|percent\b|per cent\b)", rest):
        kind = "percent"
    if re.match(r"\s?(dollars|euros|pounds)\b", rest):
        kind = "money"
    return value, step, kind, has_scale


class Interval:
    def __init__(self, lo, lo_closed, hi, hi_closed):
        self.lo, self.lo_closed, self.hi, self.hi_closed = lo, lo_closed, hi, hi_closed

    def contains(self, p):
        left = self.lo < p or (self.lo == p and self.lo_closed)
        right = p < self.hi or (p == self.hi and self.hi_closed)
        return left and right

    def __str__(self):
        return "%s%s, %s%s" % ("[" if self.lo_closed else "(", fmt(self.lo), fmt(self.hi),
                               "]" if self.hi_closed else ")")


def overlaps(a, b):
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo < hi:
        return True
    if lo == hi:
        return a.contains(lo) and b.contains(lo)
    return False


def fmt(x):
    if x.denominator == 1:
        return "{:,}".format(x.numerator)
    return "{:,.6f}".format(float(x)).rstrip("0")


QUAL_RULES = [
    ("more than ", "more"), ("over ", "more"), ("at least ", "atleast"), ("nearly ", "nearly"),
    ("almost ", "nearly"), ("up to ", "upto"), ("less than ", "less"), ("under ", "less"),
    ("about ", "about"), ("roughly ", "about"), ("some ", "about"), ("approximately ", "about"),
    ("around ", "about"),
]


def interval_of(text):
    """Return (Interval, stated numbers tuple, kind)."""
    t = text.strip().lower()
    m = re.match(r"between (.+?) and (.+)$", t) or re.match(r"from (.+?) to (.+)$", t)
    if not m:
        m = re.match(r"((?:us\$|\$|€|£)?\d[\d,.]*)\s?[-\u2013]\s?(.+)$", t)
    if m:
        a_txt, b_txt = m.group(1), m.group(2)
        va, sa, ka, sca = parse_number(a_txt)
        vb, sb, kb, scb = parse_number(b_txt)
        if not sca and scb:  # "$2-3 million": the scale of the second number applies to both
            _, _, _, _ = parse_number(b_txt)
            mult = vb / F(re.match(r"(?:us\$|\$|€|£)?\s?([\d,.]+)", b_txt).group(1).replace(",", ""))
            va *= mult
        kind = ka if ka != "count" else kb
        return Interval(va, True, vb, True), (va, vb), kind
    qual = "exact"
    for prefix, q in QUAL_RULES:
        if t.startswith(prefix):
            qual, t = q, t[len(prefix):]
            break
    v, step, kind, _ = parse_number(t)
    if qual == "exact":
        iv = Interval(v - step / 2, True, v + step / 2, False)
    elif qual == "about":
        d = max(step / 2, v / 20)
        iv = Interval(v - d, True, v + d, True)
    elif qual == "more":
        iv = Interval(v, False, v + step, True)
    elif qual == "atleast":
        iv = Interval(v, True, v + step, True)
    elif qual == "nearly":
        iv = Interval(v * F(95, 100), True, v, False)
    elif qual == "upto":
        iv = Interval(F(0), True, v, True)
    elif qual == "less":
        iv = Interval(F(0), True, v, False)
    return iv, (v,), kind


def verdict_of(a_text, b_text):
    ia, na, ka = interval_of(a_text)
    ib, nb, kb = interval_of(b_text)
    if not overlaps(ia, ib):
        v = "conflict"
    elif na == nb:
        v = "agree"
    else:
        v = "differ"
    return v, ia, ib, ka, kb


# --------------------------------------------------------------------------- claims: shared numbers

MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
NUMBER_RE = re.compile(
    r"(?:US\$|\$|€|£)?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?(?:million|billion|thousand)\b|(?:bn|k|K|M)\b)?(?:%%|\s?percent\b)?"
    r"|\b(?:%s)(?:[\s-]+(?:%s))*(?:\s?percent\b)?" % (NW, NW), re.I)


def numbers_in(d):
    """(value, kind, start, end, text) for numbers in prose, skipping years, dates, times, phones."""
    prose = d["prose"]
    out = []
    for m in NUMBER_RE.finditer(prose):
        s, e, txt = m.start(), m.end(), m.group(0)
        if re.fullmatch(r"(19|20)\d\d", txt):
            continue
        if re.search(r"\b" + MONTHS + r"\s$", prose[max(0, s - 12):s]):
            continue
        if re.match(r"\s?(?:a\.m\.|p\.m\.|:\d)", prose[e:e + 5]) or prose[s - 1:s] == ":":
            continue
        if re.match(r"-\d{4}", prose[e:e + 5]) or prose[s - 1:s] == "-":
            continue
        try:
            v, _, kind, _ = parse_number(txt)
        except ValueError:
            continue
        out.append((v, kind, s, e, txt))
    return out


def check_claims():
    corpus = "claims"
    labels = tomllib.load(open(os.path.join(HERE, corpus, "labels.toml"), "rb"))
    pairs = labels.get("pair", [])
    looks = labels.get("lookalike", [])
    labelled = {}  # file -> list of spans
    edges = []
    say("\n== claims/")
    counts = {"conflict": 0, "differ": 0, "agree": 0}
    seen = set()
    for kind_name, items in (("pair", pairs), ("lookalike", looks)):
        for i, p in enumerate(items, 1):
            where = "claims %s #%d" % (kind_name, i)
            a, b = p.get("a", {}), p.get("b", {})
            sa = locate(corpus, a, where + " a")
            sb = locate(corpus, b, where + " b")
            if a.get("file") == b.get("file"):
                err("%s: both figures are in %s" % (where, a.get("file")))
            if not p.get("note"):
                err("%s: missing note" % where)
            key = frozenset([(a.get("file"), a.get("text"), a.get("occurrence", 1)),
                             (b.get("file"), b.get("text"), b.get("occurrence", 1))])
            if key in seen:
                err("%s: duplicate of an earlier label" % where)
            seen.add(key)
            if sa:
                labelled.setdefault(a["file"], []).append(sa)
            if sb:
                labelled.setdefault(b["file"], []).append(sb)
            edges.append((a.get("file"), b.get("file")))
            if kind_name != "pair":
                continue
            try:
                v, ia, ib, ka, kb = verdict_of(a["text"], b["text"])
            except (ValueError, KeyError, AttributeError) as e:
                err("%s: cannot compute interval: %s" % (where, e))
                continue
            if ka != kb:
                err("%s: %r is %s but %r is %s" % (where, a["text"], ka, b["text"], kb))
            stated = p.get("verdict")
            if stated not in counts:
                err("%s: verdict %r is not conflict/differ/agree" % (where, stated))
            else:
                counts[stated] += 1
            if v != stated:
                err("%s: %r %s vs %r %s -> %s, labelled %s"
                    % (where, a["text"], ia, b["text"], ib, v, stated))
            else:
                say("  pair %2d %-8s %-34s %-24s vs %-34s %s"
                    % (i, v, a["text"], str(ia), b["text"], str(ib)))

    # clusters = connected components of files joined by labels
    files = docs_in(corpus)
    parent = {f: f for f in files}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in edges:
        if x in parent and y in parent:
            parent[find(x)] = find(y)
    clusters = {}
    for f in files:
        clusters.setdefault(find(f), []).append(f)
    clusters = sorted(clusters.values())

    say("")
    for name in files:
        words, prose = word_count(corpus, name, 230, 300)
        say("  %-40s %3d words (%3d prose)" % (name, words, prose))

    say("\n  numbers shared between documents of a cluster ('*' = that occurrence is labelled):")
    for cl in clusters:
        say("  cluster: " + ", ".join(cl))
        found = {}
        for name in cl:
            d = doc(corpus, name)
            spans = labelled.get(name, [])
            for v, kind, s, e, txt in numbers_in(d):
                mark = "*" if any(a <= s and e <= b for a, b in spans) else ""
                found.setdefault((v, kind), []).append((name, txt + mark))
        for (v, kind), occs in sorted(found.items(), key=lambda x: (x[0][1], x[0][0])):
            if len({n for n, _ in occs}) > 1:
                say("    %-8s %-16s %s" % (kind, fmt(v), "; ".join("%s: %s" % o for o in occs)))
    md = sum(1 for f in files if f.endswith(".md"))
    say("\n  %d documents (%d .md, %d .txt) in %d clusters of sizes %s"
        % (len(files), md, len(files) - md, len(clusters), [len(c) for c in clusters]))
    say("  %d pairs: %d conflict, %d differ, %d agree; %d look-alikes"
        % (len(pairs), counts["conflict"], counts["differ"], counts["agree"], len(looks)))
    return len(pairs), counts, len(looks)


def self_test():
    """The two worked examples of the README's interval rule."""
    v, *_ = verdict_of("nearly $220 million", "more than $220 million")
    assert v == "conflict", v
    v, *_ = verdict_of("$310 million", "$315 million")
    assert v == "differ", v
    v, *_ = verdict_of("$2-3 million", "$2.5 million")
    assert v == "differ", v
    v, *_ = verdict_of("75%", "seventy-five percent")
    assert v == "agree", v


def main():
    self_test()
    s, u = check_sourcing()
    n_pairs, counts, n_looks = check_claims()
    for w in warnings:
        print("WARNING:", w)
    if errors:
        print("\n%d error(s):" % len(errors))
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK: sourcing %d figures (%d sourced, %d unsourced); claims %d pairs "
          "(%d conflict, %d differ, %d agree), %d look-alikes"
          % (s + u, s, u, n_pairs, counts["conflict"], counts["differ"], counts["agree"], n_looks))


if __name__ == "__main__":
    main()
