#!/usr/bin/env python3
"""Mechanical checks for the blind24 evaluation set (python3 stdlib + tomllib only).

Run:  python3 check_labels.py [-v]   (exit status 0 = all checks pass; -v prints every interval)

Checks
  both corpora
    * every label's file exists, its `text` occurs verbatim, the `occurrence`-th occurrence
      exists; when `text` occurs more than once in the raw file (also as a substring of a longer
      string) `occurrence` must be given explicitly
    * the located span sits on token boundaries (no "$4" cut out of "$41", no "48" out of "148")
    * no label lies in masked text (YAML front matter, HTML comment, fenced code, inline code,
      Markdown link target, bare URL, e-mail address)
    * no two different labelled spans of one file overlap
  sourcing/
    * every money token in the unmasked prose is covered by a label, every label covers one
    * `sourced` is a boolean; no span is labelled twice
  claims/
    * every money figure, percentage and counted number in the unmasked prose (digits or a
      spelled number word; years, dates, times and 555 phone numbers excepted) is covered by
      a pair or look-alike endpoint
    * every verdict is recomputed from the interval rule with exact fractions
    * units agree inside a pair (same currency / both percentages / both counts)
    * facts = connected components of the pair graph: no two figures of a fact in one
      document, every cross-document pair inside a fact is labelled exactly once
    * no look-alike joins two figures of the same fact; a look-alike's ends are in two files
"""
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if len(sys.argv) > 1 and sys.argv[1] != "-v":
    ROOT = Path(sys.argv[1]).resolve()  # check a copy of the set (used for self-tests)
VERBOSE = "-v" in sys.argv
errors = []


def err(msg):
    errors.append(msg)


# --------------------------------------------------------------------------- masking
def masked_spans(raw, name):
    spans = []
    if raw.startswith("---\n"):
        end = raw.find("\n---", 4)
        if end != -1:
            spans.append((0, end + 4))
    for m in re.finditer(r"<!--.*?-->", raw, re.S):
        spans.append(m.span())
    fenced = []
    if name.endswith(".md"):
        pos = 0
        inside = None
        for line in raw.splitlines(keepends=True):
            if line.lstrip().startswith("```"):
                if inside is None:
                    inside = pos
                else:
                    fenced.append((inside, pos + len(line)))
                    inside = None
            pos += len(line)
        spans += fenced
        for m in re.finditer(r"`[^`\n]+`", raw):
            if not any(a <= m.start() < b for a, b in fenced):
                spans.append(m.span())
        for m in re.finditer(r"\]\(([^)\s]*)\)", raw):
            spans.append((m.start() + 1, m.end()))
    for m in re.finditer(r"https?://[^\s)\]>]+", raw):
        spans.append(m.span())
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", raw):
        spans.append(m.span())
    return spans


def in_spans(pos, spans):
    return any(a <= pos < b for a, b in spans)


def blank(raw, spans):
    chars = list(raw)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --------------------------------------------------------------------------- locating labels
def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def locate(corpus, ref, where, cache):
    fname = ref.get("file")
    text = ref.get("text")
    path = ROOT / corpus / str(fname)
    if not fname or not text or not path.exists():
        err(f"{where}: missing file/text or no such file: {fname!r}")
        return None
    raw, mask = cache[fname]
    occ = occurrences(raw, text)
    n = ref.get("occurrence")
    if not occ:
        err(f"{where}: {text!r} does not occur in {fname}")
        return None
    if len(occ) > 1 and n is None:
        err(f"{where}: {text!r} occurs {len(occ)} times in {fname}; occurrence must be explicit")
        return None
    n = 1 if n is None else n
    if not (1 <= n <= len(occ)):
        err(f"{where}: occurrence {n} of {text!r} does not exist in {fname} ({len(occ)} found)")
        return None
    start = occ[n - 1]
    end = start + len(text)
    before = raw[start - 1] if start > 0 else " "
    after = raw[end] if end < len(raw) else " "
    after2 = raw[end + 1] if end + 1 < len(raw) else " "
    if text[0].isdigit() and (before.isalnum() or before in "$€£.,"):
        err(f"{where}: {text!r} in {fname} starts inside a longer token ({before!r} before it)")
    if text[0].isalpha() and before.isalpha():
        err(f"{where}: {text!r} in {fname} starts inside a word")
    if text[-1].isdigit() and (after.isalnum() or (after in ".," and after2.isdigit())):
        err(f"{where}: {text!r} in {fname} ends inside a longer token ({after!r} after it)")
    if text[-1].isalpha() and after.isalpha():
        err(f"{where}: {text!r} in {fname} ends inside a word")
    if any(in_spans(i, mask) for i in range(start, end)):
        err(f"{where}: {text!r} (occurrence {n}) in {fname} lies in masked text")
    return (fname, start, end, text)


def load_files(corpus):
    cache = {}
    for p in sorted((ROOT / corpus).iterdir()):
        if p.suffix in (".md", ".txt") and p.name != "README.md":
            raw = p.read_text(encoding="utf-8")
            cache[p.name] = (raw, masked_spans(raw, p.name))
    return cache


def check_overlaps(spans_by_file, corpus):
    for fname, spans in spans_by_file.items():
        uniq = sorted(set(spans))
        for (a1, b1, t1), (a2, b2, t2) in combinations(uniq, 2):
            if a1 < b2 and a2 < b1:
                err(f"{corpus}/{fname}: labels {t1!r}@{a1} and {t2!r}@{a2} overlap")


# --------------------------------------------------------------------------- money tokens
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"(?:\s?(?:million|billion|thousand|bn|m|k)\b)"
SPELLED = (r"(?:half a|a quarter of a|a|one|two|three|four|five|six|seven|eight|nine|ten|"
           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred)")
MONEY_RES = [
    re.compile(r"(?:US\$|C\$|A\$|\$|€|£|¥)\s?(?:" + NUM + r")" + SCALE + r"?", re.I),
    re.compile(r"\b(?:USD|EUR|GBP|CHF|JPY|SEK|NOK)\s?(?:" + NUM + r")" + SCALE + r"?"),
    re.compile(r"(?<![\w.,])(?:" + NUM + r")" + SCALE + r"?\s(?:dollars|euros|pounds|cents|pence|francs)\b", re.I),
    re.compile(r"(?<![\w.,])(?:" + NUM + r")\s?¢"),
    re.compile(r"\b" + SPELLED + r"\s(?:million|billion|thousand)\s(?:dollars|euros|pounds)\b", re.I),
    re.compile(r"\b" + SPELLED + r"\s(?:dollars|euros|pounds|cents|pence)\b", re.I),
]


def money_tokens(text):
    toks = set()
    for rx in MONEY_RES:
        for m in rx.finditer(text):
            toks.add(m.span())
    return sorted(toks)


# --------------------------------------------------------------------------- sourcing
def check_sourcing():
    corpus = "sourcing"
    cache = load_files(corpus)
    data = tomllib.loads((ROOT / corpus / "labels.toml").read_text(encoding="utf-8"))
    figs = data.get("figure", [])
    spans_by_file = {f: [] for f in cache}
    seen = set()
    stats = {f: [0, 0] for f in cache}
    for i, fig in enumerate(figs):
        where = f"sourcing figure #{i + 1} ({fig.get('file')}: {fig.get('text')!r})"
        if not isinstance(fig.get("sourced"), bool):
            err(f"{where}: `sourced` must be true or false")
        loc = locate(corpus, fig, where, cache)
        if not loc:
            continue
        fname, a, b, text = loc
        if (fname, a) in seen:
            err(f"{where}: the same figure is labelled twice")
        seen.add((fname, a))
        spans_by_file[fname].append((a, b, text))
        stats[fname][0 if fig.get("sourced") else 1] += 1
        raw, mask = cache[fname]
        if not any(ta >= a and tb <= b for ta, tb in money_tokens(raw[a:b]) for ta, tb in [(ta + a, tb + a)]):
            err(f"{where}: label text contains no money token")
    check_overlaps(spans_by_file, corpus)
    for fname, (raw, mask) in cache.items():
        prose = blank(raw, mask)
        for ta, tb in money_tokens(prose):
            if not any(a <= ta and tb <= b for a, b, _ in spans_by_file[fname]):
                line = raw.count("\n", 0, ta) + 1
                err(f"sourcing/{fname}:{line}: money token {raw[ta:tb]!r} is not labelled")
    return cache, stats


# --------------------------------------------------------------------------- intervals
MONTHS = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sep(?:t|tember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}
SPELLED_VALUES = {"half a million": (F(500000), F(100000)), "a million": (F(10**6), F(10**6))}
QUALIFIERS = [
    ("about", "about"), ("roughly", "about"), ("some", "about"), ("around", "about"),
    ("approximately", "about"), ("more than", "more"), ("over", "more"), ("at least", "atleast"),
    ("nearly", "nearly"), ("almost", "nearly"), ("up to", "upto"), ("less than", "less"),
    ("fewer than", "less"), ("an estimated", "exact"),
]
AMOUNT = re.compile(
    r"(?P<cur>us\$|\$|€|£|eur\s|usd\s|gbp\s|chf\s)?(?P<num>" + NUM + r")\s?"
    r"(?P<scale>million|billion|thousand|bn|m|k)?\b\s*(?P<rest>.*)$", re.I)


def step_of(num):
    s = num.replace(",", "")
    if "." in s:
        return F(1, 10 ** len(s.split(".")[1]))
    stripped = s.rstrip("0")
    return F(10 ** (len(s) - len(stripped))) if stripped else F(1)


def unit_of(cur, rest):
    cur = (cur or "").strip().lower()
    rest = rest.strip().lower()
    if cur in ("$", "us$", "usd") or rest.startswith("dollar"):
        return "USD"
    if cur in ("€", "eur") or rest.startswith("euro"):
        return "EUR"
    if cur in ("£", "gbp") or rest.startswith("pound"):
        return "GBP"
    if cur == "chf":
        return "CHF"
    if rest.startswith("%") or rest.startswith("percent"):
        return "percent"
    return "count"


def parse_amount(s):
    s = s.strip()
    low = s.lower()
    for phrase, (v, st) in SPELLED_VALUES.items():
        if low.startswith(phrase):
            return v, st, unit_of("", low[len(phrase):])
    m = AMOUNT.match(s)
    if not m:
        raise ValueError(f"cannot parse amount {s!r}")
    num, scale = m.group("num"), (m.group("scale") or "").lower()
    mult = SCALES.get(scale, 1)
    v = F(num.replace(",", "")) * mult
    return v, step_of(num) * mult, unit_of(m.group("cur"), m.group("rest"))


def interval(text):
    """-> (lo, lo_closed, hi, hi_closed, stated, unit)"""
    low = text.lower().strip()
    m = re.match(r"between (.+?) and (.+)$", low) or re.match(
        r"((?:us\$|\$|€|£|eur |usd )?\d[^-]*?)\s?(?:-|to)\s?((?:us\$|\$|€|£|eur |usd )?\d.*)$", low)
    if m:
        a, _, ua = parse_amount(m.group(1))
        b, _, ub = parse_amount(m.group(2))
        unit = ua if ua != "count" else ub
        return a, True, b, True, (a, b), unit
    kind = "exact"
    for word, k in QUALIFIERS:
        if low.startswith(word + " "):
            kind, low = k, low[len(word) + 1:]
            break
    v, st, unit = parse_amount(low)
    if kind == "exact":
        return v - st / 2, True, v + st / 2, False, (v,), unit
    if kind == "about":
        d = max(st / 2, v / 20)
        return v - d, True, v + d, True, (v,), unit
    if kind == "more":
        return v, False, v + st, True, (v,), unit
    if kind == "atleast":
        return v, True, v + st, True, (v,), unit
    if kind == "nearly":
        return v * F(95, 100), True, v, False, (v,), unit
    if kind == "upto":
        return F(0), True, v, True, (v,), unit
    if kind == "less":
        return F(0), True, v, False, (v,), unit
    raise ValueError(kind)


def overlaps(i1, i2):
    lo1, lc1, hi1, hc1 = i1[:4]
    lo2, lc2, hi2, hc2 = i2[:4]
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


def verdict(t1, t2):
    i1, i2 = interval(t1), interval(t2)
    if not overlaps(i1, i2):
        return "conflict", i1, i2
    return ("agree" if i1[4] == i2[4] else "differ"), i1, i2


def num(x):
    return f"{int(x):,}" if x.denominator == 1 else f"{float(x):,}"


def fmt(iv):
    lo, lc, hi, hc = iv[:4]
    return f"{'[' if lc else '('}{num(lo)}, {num(hi)}{']' if hc else ')'}"


# --------------------------------------------------------------------------- claims
NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion|dozen|half)\b", re.I)


def claims_number_tokens(raw, mask):
    prose = blank(raw, mask)
    excluded = []
    for rx in (r"\b\d{1,2}:\d{2}\b", r"\b555-\d{4}\b", r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
               MONTHS + r"\s\d{1,2}\b", r"\b\d{1,2}\s" + MONTHS):
        for m in re.finditer(rx, prose, re.I):
            excluded.append(m.span())
    toks = []
    for m in re.finditer(r"(?<![\w.,])(?:" + NUM + r")", prose):
        a, b = m.span()
        if in_spans(a, excluded):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", m.group()) and prose[a - 1:a] not in "$€£":
            continue  # a year
        toks.append((a, b, m.group()))
    for m in NUMBER_WORDS.finditer(prose):
        if re.match(r"half marathon", prose[m.start():], re.I):
            continue  # the event type ("Gresham Bay Half Marathon"), not a quantity
        toks.append((m.start(), m.end(), m.group()))
    for a, b in money_tokens(prose):
        toks.append((a, b, prose[a:b]))
    return toks


def check_claims():
    corpus = "claims"
    cache = load_files(corpus)
    data = tomllib.loads((ROOT / corpus / "labels.toml").read_text(encoding="utf-8"))
    pairs, looks = data.get("pair", []), data.get("lookalike", [])
    spans_by_file = {f: [] for f in cache}
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        parent[find(x)] = find(y)

    texts = {}
    labelled_pairs = {}
    verdict_count = {"conflict": 0, "differ": 0, "agree": 0}
    for kind, items in (("pair", pairs), ("lookalike", looks)):
        for i, item in enumerate(items):
            where = f"claims {kind} #{i + 1}"
            locs = []
            for end in ("a", "b"):
                ref = item.get(end)
                if not isinstance(ref, dict):
                    err(f"{where}: missing `{end}`")
                    continue
                loc = locate(corpus, ref, f"{where}.{end}", cache)
                if loc:
                    locs.append(loc)
            if len(locs) != 2:
                continue
            (fa, sa, ea, ta), (fb, sb, eb, tb) = locs
            for f, s, e, t in locs:
                spans_by_file[f].append((s, e, t))
                texts[(f, s)] = t
            ka, kb = (fa, sa), (fb, sb)
            if fa == fb:
                err(f"{where}: both ends are in {fa}")
            if not item.get("note"):
                err(f"{where}: no note")
            try:
                got, ia, ib = verdict(ta, tb)
            except ValueError as e:
                err(f"{where}: {e}")
                continue
            if kind == "pair":
                if ia[5] != ib[5]:
                    err(f"{where}: units differ ({ia[5]} vs {ib[5]}) for {ta!r} / {tb!r}")
                want = item.get("verdict")
                if want not in verdict_count:
                    err(f"{where}: bad verdict {want!r}")
                elif want != got:
                    err(f"{where}: verdict {want!r} but the interval rule gives {got!r}: "
                        f"{ta!r} {fmt(ia)} vs {tb!r} {fmt(ib)}")
                else:
                    verdict_count[want] += 1
                if VERBOSE:
                    print(f"  pair {ta!r} {fmt(ia)} ~ {tb!r} {fmt(ib)} -> {got}")
                key = frozenset((ka, kb))
                if key in labelled_pairs:
                    err(f"{where}: pair labelled twice")
                labelled_pairs[key] = i
                union(ka, kb)
            else:
                item["_keys"] = (ka, kb)
                if VERBOSE:
                    print(f"  lookalike {ta!r} {fmt(ia)} ~ {tb!r} {fmt(ib)} (rule alone: {got})")
    check_overlaps(spans_by_file, corpus)

    # facts
    facts = {}
    for k in list(parent):
        facts.setdefault(find(k), []).append(k)
    for root, members in facts.items():
        files = [f for f, _ in members]
        names = ", ".join(sorted(f"{f}:{texts[(f, s)]!r}" for f, s in members))
        if len(files) != len(set(files)):
            err(f"fact {{{names}}}: two figures of one fact in the same document")
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled_pairs:
                err(f"fact {{{names}}}: cross-document pair {texts[x]!r} ({x[0]}) / "
                    f"{texts[y]!r} ({y[0]}) is not labelled")
    for i, item in enumerate(looks):
        keys = item.get("_keys")
        if keys and keys[0] in parent and keys[1] in parent and find(keys[0]) == find(keys[1]):
            err(f"claims lookalike #{i + 1}: both ends belong to the same fact")
        if keys and frozenset(keys) in labelled_pairs:
            err(f"claims lookalike #{i + 1}: also labelled as a pair")

    # completeness
    for fname, (raw, mask) in cache.items():
        for a, b, tok in claims_number_tokens(raw, mask):
            if not any(s <= a and b <= e for s, e, _ in spans_by_file[fname]):
                line = raw.count("\n", 0, a) + 1
                err(f"claims/{fname}:{line}: {tok!r} is not part of any pair or look-alike")
    return cache, facts, verdict_count, len(looks)


# --------------------------------------------------------------------------- main
def words(raw):
    return len(raw.split())


def main():
    scache, stats = check_sourcing()
    ccache, facts, vc, nlook = check_claims()
    print("sourcing/")
    for f, (s, u) in stats.items():
        print(f"  {f:32s} {words(scache[f][0]):4d} words  {s + u:3d} figures  ({s} sourced, {u} unsourced)")
    ts = sum(s for s, _ in stats.values())
    tu = sum(u for _, u in stats.values())
    print(f"  total: {len(stats)} documents, {ts + tu} figures, {ts} sourced, {tu} unsourced")
    print("claims/")
    for f, (raw, _) in ccache.items():
        print(f"  {f:32s} {words(raw):4d} words")
    print(f"  facts: {len(facts)}; pairs: {sum(vc.values())} "
          f"(conflict {vc['conflict']}, differ {vc['differ']}, agree {vc['agree']}); look-alikes: {nlook}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  - " + e)
        return 1
    print("\nall checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
