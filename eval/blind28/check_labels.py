#!/usr/bin/env python3
"""Mechanical checks for the blind28 labels (python3 stdlib + tomllib only).

Usage: python3 check_labels.py        (exit status 0 = all checks pass)

sourcing/labels.toml
  * every label's text occurs verbatim at its occurrence (1-based, counting every occurrence in
    the raw file, masked text included); a text that occurs more than once (including as a
    substring of a longer figure) must carry an explicit occurrence
  * the located text is a whole figure: not cut out of a longer number or scale word, and not
    missing a qualifier word that stands right before it ("about", "nearly", ...)
  * no label lies inside masked text (front matter, HTML comment, fenced code, inline code, link
    target, bare URL, e-mail address)
  * every label contains a money token; every money token in unmasked text is covered by a label
  * no two labels point at the same place; `sourced` is a boolean
claims/labels.toml
  * the same locating checks as above, for every pair and look-alike endpoint
  * every money token, percentage and other number (except years, days of the month, and
    nothing else) in unmasked text is covered by a pair or look-alike endpoint; no spelled
    numbers (two..billion, dozen) outside labels
  * each verdict is recomputed from the interval rule with exact fractions
  * facts = connected components of the pair graph: no two figures of one fact in one document,
    every cross-document pair inside a fact is labelled (the component is a complete graph),
    no look-alike has both ends inside one fact; both ends of a pair/look-alike are in
    different files
"""
import re
import sys
import tomllib
from fractions import Fraction as Fr
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
errors = []


def err(msg):
    errors.append(msg)


# ----------------------------------------------------------------------------- masking
def masked_regions(text, is_md):
    regs = []
    if is_md:
        m = re.match(r'---\n.*?\n---\n', text, re.S)
        if m:
            regs.append((m.start(), m.end(), 'front matter'))
        for m in re.finditer(r'<!--.*?-->', text, re.S):
            regs.append((m.start(), m.end(), 'HTML comment'))
        for m in re.finditer(r'^```[^\n]*\n.*?^```[^\n]*$', text, re.S | re.M):
            regs.append((m.start(), m.end(), 'fenced code'))
        for m in re.finditer(r'(?<!`)`[^`\n]+`(?!`)', text):
            regs.append((m.start(), m.end(), 'inline code'))
        for m in re.finditer(r'\]\(([^)\s]+)\)', text):
            regs.append((m.start(1), m.end(1), 'link target'))
    for m in re.finditer(r'https?://[^\s)>\]]+', text):
        regs.append((m.start(), m.end(), 'URL'))
    for m in re.finditer(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+', text):
        regs.append((m.start(), m.end(), 'e-mail'))
    return regs


def in_regions(lo, hi, regs):
    for a, b, kind in regs:
        if lo < b and a < hi:
            return kind
    return None


# ----------------------------------------------------------------------------- money tokens
NUM = r'\d(?:[\d,]*\d)?(?:\.\d+)?'
SPELLED_UNITS = (r'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
                 r'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|'
                 r'fifty|sixty|seventy|eighty|ninety')
MONEY_RES = [
    re.compile(r'(?:US\$|C\$|A\$|NZ\$|\$|€|£|¥)\s?' + NUM),
    re.compile(r'\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\s?' + NUM),
    re.compile(NUM + r'\s?(?:cents?|pence|¢|dollars?|euros?|pounds sterling)\b'),
    re.compile(r'\b(?:half an?|an?|' + SPELLED_UNITS + r')(?:[ -](?:' + SPELLED_UNITS + r'))?'
               r'(?: hundred)?(?: (?:thousand|million|billion))? '
               r'(?:dollars|euros|pounds|cents|pence)\b', re.I),
]
PERCENT_RE = re.compile(NUM + r'\s?(?:%|percent\b|per cent\b)')
DIGITS_RE = re.compile(r'\d[\d,.]*\d|\d')
SPELLED_RE = re.compile(r'\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|'
                        r'thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|'
                        r'thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|'
                        r'million|billion|dozens?)\b', re.I)
MONTH_BEFORE = re.compile(r'(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s$')
QUALIFIERS = ['about', 'roughly', 'some', 'around', 'approximately', 'nearly', 'almost',
              'more than', 'over', 'at least', 'up to', 'less than', 'under', 'an estimated',
              'between', 'as much as', 'close to', 'just over', 'just under']


def money_tokens(text):
    out = []
    for rx in MONEY_RES:
        for m in rx.finditer(text):
            out.append((m.start(), m.end(), m.group(0)))
    return out


# ----------------------------------------------------------------------------- locating
def occurrences(text, needle):
    pos, i = [], text.find(needle)
    while i != -1:
        pos.append(i)
        i = text.find(needle, i + 1)
    return pos


def locate(docs, ref, where):
    """Return (file, start, end) for a label reference, or None after reporting errors."""
    fname, text = ref.get('file'), ref.get('text')
    if fname not in docs:
        err(f'{where}: file {fname!r} does not exist')
        return None
    raw, regs = docs[fname]
    pos = occurrences(raw, text)
    occ = ref.get('occurrence')
    if not pos:
        err(f'{where}: {text!r} does not occur in {fname}')
        return None
    if len(pos) > 1 and occ is None:
        err(f'{where}: {text!r} occurs {len(pos)} times in {fname} but has no occurrence')
        return None
    occ = occ or 1
    if not (1 <= occ <= len(pos)):
        err(f'{where}: occurrence {occ} of {text!r} but only {len(pos)} in {fname}')
        return None
    lo = pos[occ - 1]
    hi = lo + len(text)
    kind = in_regions(lo, hi, regs)
    if kind:
        err(f'{where}: {text!r} (occurrence {occ}) lies inside masked text ({kind}) in {fname}')
    before, after = raw[max(0, lo - 30):lo], raw[hi:hi + 12]
    if before and re.search(r'[\w$€£¥.,]$', before) and not re.search(r'[\s("\[*—-]$', before):
        err(f'{where}: {text!r} in {fname} is cut out of a longer token (before: {before[-5:]!r})')
    if re.match(r'\d|[.,]\d|\s?(?:million|billion|thousand|bn|[mMkK])\b|-(?:million|billion)|\s?%|\s?percent', after):
        err(f'{where}: {text!r} in {fname} is cut short (after: {after!r})')
    for q in QUALIFIERS:
        if re.search(r'\b' + q + r'\s$', before, re.I):
            err(f'{where}: {text!r} in {fname} is preceded by qualifier {q!r}, which belongs in text')
    return (fname, lo, hi)


def load_docs(folder):
    docs = {}
    for p in sorted(folder.iterdir()):
        if p.suffix in ('.md', '.txt'):
            raw = p.read_text(encoding='utf-8')
            docs[p.name] = (raw, masked_regions(raw, p.suffix == '.md'))
    return docs


def covered(pos, spans):
    return any(lo <= pos < hi for lo, hi in spans)


# ----------------------------------------------------------------------------- sourcing
def check_sourcing():
    folder = ROOT / 'sourcing'
    docs = load_docs(folder)
    labels = tomllib.loads((folder / 'labels.toml').read_text(encoding='utf-8'))
    spans = {f: [] for f in docs}
    seen = set()
    counts = {f: [0, 0] for f in docs}
    for i, fig in enumerate(labels.get('figure', []), 1):
        where = f'sourcing figure #{i}'
        if not isinstance(fig.get('sourced'), bool):
            err(f'{where}: sourced must be true or false')
        loc = locate(docs, fig, where)
        if not loc:
            continue
        fname, lo, hi = loc
        if (fname, lo) in seen:
            err(f'{where}: duplicate label for {fig["text"]!r} in {fname}')
        seen.add((fname, lo))
        spans[fname].append((lo, hi))
        if not money_tokens(fig['text']):
            err(f'{where}: {fig["text"]!r} contains no money token')
        counts[fname][0 if fig.get('sourced') else 1] += 1
    for fname, (raw, regs) in docs.items():
        for a, b, tok in money_tokens(raw):
            if in_regions(a, b, regs):
                continue
            if not covered(a, spans[fname]):
                line = raw.count('\n', 0, a) + 1
                err(f'sourcing: unlabelled money token {tok!r} in {fname}:{line}')
    return docs, counts


# ----------------------------------------------------------------------------- intervals
SCALES = {None: 1, 'thousand': 10**3, 'k': 10**3, 'K': 10**3, 'million': 10**6, 'M': 10**6,
          'm': 10**6, 'bn': 10**9, 'billion': 10**9}
FIG_RE = re.compile(r'^(?P<cur>US\$|\$|€|£)?(?P<num>\d[\d,]*(?:\.\d+)?)'
                    r'(?:[ -]?(?P<scale>million|billion|thousand|bn|M|m|k|K)\b)?'
                    r'(?P<pct>\s?%|\s?percent\b)?(?P<rest>.*)$')


def parse_number(s):
    m = FIG_RE.match(s.strip())
    if not m:
        raise ValueError(f'cannot parse figure {s!r}')
    num = m.group('num').replace(',', '')
    if '.' in num:
        value = Fr(num)
        step = Fr(1, 10 ** len(num.split('.')[1]))
    else:
        value = Fr(int(num))
        stripped = num.rstrip('0') or '0'
        step = Fr(10 ** (len(num) - len(stripped))) if value else Fr(1)
    scale = SCALES[m.group('scale')]
    kind = 'money' if m.group('cur') else ('percent' if m.group('pct') else 'count')
    return value * scale, step * scale, kind


def interval(text):
    """-> (stated, kind, (lo, lo_closed, hi, hi_closed))"""
    t = text.strip()
    low = t.lower()
    m = re.match(r'between (.+) and (.+)$', t, re.I)
    if m:
        a, _, kind = parse_number(m.group(1))
        b, _, _ = parse_number(m.group(2))
        return (a, b), kind, (a, True, b, True)
    qual = None
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if low.startswith(q + ' '):
            qual, t = q, t[len(q) + 1:]
            break
    v, step, kind = parse_number(t)
    half = step / 2
    if qual is None:
        iv = (v - half, True, v + half, False)
    elif qual in ('about', 'roughly', 'some', 'around', 'approximately'):
        h = max(half, v / 20)
        iv = (v - h, True, v + h, True)
    elif qual in ('more than', 'over'):
        iv = (v, False, v + step, True)
    elif qual == 'at least':
        iv = (v, True, v + step, True)
    elif qual == 'nearly':
        iv = (v * Fr(95, 100), True, v, False)
    elif qual == 'up to':
        iv = (Fr(0), True, v, True)
    elif qual == 'less than':
        iv = (Fr(0), True, v, False)
    else:
        raise ValueError(f'qualifier {qual!r} has no interval rule ({text!r})')
    return v, kind, iv


def overlaps(i, j):
    if i[0] > j[0]:
        lo, loc = i[0], i[1]
    elif j[0] > i[0]:
        lo, loc = j[0], j[1]
    else:
        lo, loc = i[0], i[1] and j[1]
    if i[2] < j[2]:
        hi, hic = i[2], i[3]
    elif j[2] < i[2]:
        hi, hic = j[2], j[3]
    else:
        hi, hic = i[2], i[3] and j[3]
    return lo < hi or (lo == hi and loc and hic)


def verdict(ta, tb):
    sa, ka, ia = interval(ta)
    sb, kb, ib = interval(tb)
    if ka != kb:
        raise ValueError(f'{ta!r} ({ka}) and {tb!r} ({kb}) measure different kinds')
    if not overlaps(ia, ib):
        return 'conflict'
    return 'agree' if sa == sb else 'differ'


# ----------------------------------------------------------------------------- claims
def check_claims():
    folder = ROOT / 'claims'
    docs = load_docs(folder)
    labels = tomllib.loads((folder / 'labels.toml').read_text(encoding='utf-8'))
    spans = {f: set() for f in docs}
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = set()
    verdicts = {'conflict': 0, 'differ': 0, 'agree': 0}
    for i, pair in enumerate(labels.get('pair', []), 1):
        where = f'claims pair #{i}'
        la = locate(docs, pair.get('a', {}), where + ' a')
        lb = locate(docs, pair.get('b', {}), where + ' b')
        if not (la and lb):
            continue
        if la[0] == lb[0]:
            err(f'{where}: both figures are in {la[0]}')
        if not pair.get('note'):
            err(f'{where}: missing note')
        for loc in (la, lb):
            spans[loc[0]].add((loc[1], loc[2]))
            parent.setdefault(loc, loc)
        ra, rb = find(la), find(lb)
        if ra != rb:
            parent[ra] = rb
        key = frozenset((la, lb))
        if key in edges:
            err(f'{where}: duplicate pair')
        edges.add(key)
        try:
            v = verdict(pair['a']['text'], pair['b']['text'])
        except ValueError as e:
            err(f'{where}: {e}')
            continue
        if pair.get('verdict') not in verdicts:
            err(f'{where}: verdict must be conflict, differ or agree')
        elif v != pair['verdict']:
            err(f'{where}: labelled {pair["verdict"]!r} but the interval rule gives {v!r} '
                f'({pair["a"]["text"]!r} vs {pair["b"]["text"]!r})')
        else:
            verdicts[v] += 1

    comps = {}
    for node in parent:
        comps.setdefault(find(node), []).append(node)
    for nodes in comps.values():
        files = [n[0] for n in nodes]
        if len(set(files)) != len(files):
            err(f'claims: a fact has two figures in one document: {sorted(nodes)}')
        for x, y in combinations(nodes, 2):
            if x[0] != y[0] and frozenset((x, y)) not in edges:
                err(f'claims: unlabelled pair inside a fact: {x} and {y}')

    n_look = 0
    for i, la_ in enumerate(labels.get('lookalike', []), 1):
        where = f'claims lookalike #{i}'
        la = locate(docs, la_.get('a', {}), where + ' a')
        lb = locate(docs, la_.get('b', {}), where + ' b')
        if not (la and lb):
            continue
        n_look += 1
        if la[0] == lb[0]:
            err(f'{where}: both figures are in {la[0]}')
        if not la_.get('note'):
            err(f'{where}: missing note')
        for loc in (la, lb):
            spans[loc[0]].add((loc[1], loc[2]))
        if la in parent and lb in parent and find(la) == find(lb):
            err(f'{where}: both ends belong to one fact')
        if frozenset((la, lb)) in edges:
            err(f'{where}: also labelled as a pair')

    # completeness: money, percentages, any other number, spelled numbers
    for fname, (raw, regs) in docs.items():
        sp = spans[fname]
        toks = [(a, t) for a, _, t in money_tokens(raw)]
        toks += [(m.start(), m.group(0)) for m in PERCENT_RE.finditer(raw)]
        for a, tok in toks:
            if not in_regions(a, a + len(tok), regs) and not covered(a, sp):
                err(f'claims: {tok!r} in {fname}:{raw.count(chr(10), 0, a) + 1} belongs to no pair or look-alike')
        for m in DIGITS_RE.finditer(raw):
            a, tok = m.start(), m.group(0)
            if in_regions(a, m.end(), regs) or covered(a, sp):
                continue
            if re.fullmatch(r'(?:1[6-9]|20)\d\d', tok):
                continue  # a year
            if re.fullmatch(r'\d{1,2}', tok) and MONTH_BEFORE.search(raw[max(0, a - 12):a]):
                continue  # a day of the month
            err(f'claims: number {tok!r} in {fname}:{raw.count(chr(10), 0, a) + 1} is not labelled')
        for m in SPELLED_RE.finditer(raw):
            if not covered(m.start(), sp) and not in_regions(m.start(), m.end(), regs):
                err(f'claims: spelled number {m.group(0)!r} in {fname}:{raw.count(chr(10), 0, m.start()) + 1} is not labelled')
    return docs, comps, verdicts, n_look, len(edges)


def words(raw):
    return len(raw.split())


def main():
    sdocs, counts = check_sourcing()
    cdocs, comps, verdicts, n_look, n_pairs = check_claims()
    print('sourcing:')
    for f, (s, u) in counts.items():
        print(f'  {f:34s} {words(sdocs[f][0]):4d} words  {s + u:3d} figures ({s} sourced, {u} unsourced)')
    ts = sum(c[0] for c in counts.values())
    tu = sum(c[1] for c in counts.values())
    print(f'  total: {len(sdocs)} documents, {ts + tu} money figures, {ts} sourced, {tu} unsourced')
    print('claims:')
    for f in cdocs:
        print(f'  {f:34s} {words(cdocs[f][0]):4d} words')
    print(f'  total: {len(cdocs)} documents, {len(comps)} facts, {n_pairs} pairs '
          f'({verdicts["conflict"]} conflict, {verdicts["differ"]} differ, {verdicts["agree"]} agree), '
          f'{n_look} look-alikes')
    if errors:
        print(f'\n{len(errors)} problem(s):')
        for e in errors:
            print('  - ' + e)
        sys.exit(1)
    print('\nOK: all checks pass')


if __name__ == '__main__':
    main()
