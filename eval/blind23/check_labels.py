#!/usr/bin/env python3
"""Mechanical checks for the blind23 evaluation set (python3 stdlib only, 3.11+ for tomllib).

Usage:  python3 check_labels.py        (exit status 0 = every check passed)

sourcing/labels.toml
  * every label's file exists and its text occurs verbatim at the chosen occurrence
    (occurrence counts every occurrence in the raw file, overlapping ones included);
  * an explicit `occurrence` whenever the text occurs more than once in the file
    (which covers a text that is a substring of another figure);
  * the label span is a whole figure: not glued to a longer number, no unlabelled qualifier
    ("about", "more than", "an estimated" ...) just before it, no range tail or unit just after;
  * no two labels share or overlap a span; `sourced` is a bool;
  * no label lies inside masked text (YAML front matter, HTML comment, inline code, fenced
    code block, Markdown link target, bare URL, e-mail address);
  * completeness: every money token in the unmasked prose is covered by a label, and every
    label contains a money token.
claims/labels.toml
  * the same location checks for both ends of every pair and look-alike;
  * both ends in different documents; a pair is not also a look-alike; no duplicate pairs;
  * every verdict recomputed from the interval rule with exact fractions;
  * facts = connected components of the pair graph: no two figures of one fact in one
    document, every cross-document couple inside a fact is labelled, no look-alike inside a fact;
  * completeness: every number (digits or number words) in the unmasked prose is inside a
    labelled figure, or is a year, or is listed in NOT_FIGURES below with its reason.
"""
import re
import sys
import tomllib
from fractions import Fraction
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ERRORS = []
PENDING_TAILS = []     # (where, folder, file, end, after): a range-looking tail after a label
LABEL_STARTS = {}      # (folder, file) -> set of label start offsets


def err(msg):
    ERRORS.append(msg)


# ------------------------------------------------------------------ masking

def masked_spans(text, name):
    spans = []
    if name.endswith('.md'):
        m = re.match(r'---\n.*?\n---\n', text, re.S)
        if m:
            spans.append((m.start(), m.end()))
        for m in re.finditer(r'<!--.*?-->', text, re.S):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r'^```.*?^```[ \t]*$', text, re.S | re.M):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r'`[^`\n]+`', text):
            spans.append((m.start(), m.end()))
        for m in re.finditer(r'\]\(([^)\s]+)\)', text):
            spans.append((m.start(1), m.end(1)))
    for m in re.finditer(r'https?://\S+', text):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+', text):
        spans.append((m.start(), m.end()))
    return spans


def inside(span, spans):
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def overlaps(span, spans):
    return any(span[0] < b and a < span[1] for a, b in spans)


# ------------------------------------------------------------------ locating labels

QUALIFIERS_BEFORE = ['about', 'roughly', 'some', 'around', 'approximately', 'nearly', 'almost',
                     'more than', 'over', 'at least', 'up to', 'less than', 'under',
                     'an estimated', 'between', 'fewer than', 'as much as', 'as many as']


def find_all(text, needle):
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def locate(folder, label, where, texts):
    """Return (file, start, end) for a label end, or None after reporting errors."""
    f, t = label.get('file'), label.get('text')
    if not f or not t:
        err(f'{where}: missing file or text')
        return None
    if f not in texts:
        err(f'{where}: no such document {folder}/{f}')
        return None
    raw = texts[f]
    hits = find_all(raw, t)
    if not hits:
        err(f'{where}: {t!r} does not occur in {f}')
        return None
    occ = label.get('occurrence')
    if len(hits) > 1 and occ is None:
        err(f'{where}: {t!r} occurs {len(hits)} times in {f} but has no explicit occurrence')
        return None
    occ = occ or 1
    if not (1 <= occ <= len(hits)):
        err(f'{where}: occurrence {occ} of {t!r} but only {len(hits)} in {f}')
        return None
    s = hits[occ - 1]
    e = s + len(t)
    # whole-figure boundaries
    before, after = raw[max(0, s - 30):s], raw[e:e + 30]
    if before and (before[-1].isalnum() or before[-1] in '$€£¥'
                   or (before[-1] in '.,' and len(before) > 1 and before[-2].isdigit())):
        err(f'{where}: {t!r} (occurrence {occ}) is glued to preceding text {before[-8:]!r}')
    if after and (after[0].isalnum() or after[0] == '%'
                  or re.match(r'[.,]\d', after)
                  or re.match(r'\s(?:million|billion|thousand|bn|m|k|or more|percent)\b', after)):
        err(f'{where}: {t!r} (occurrence {occ}) is cut short before {after[:12]!r}')
    if re.match(r'\s?(?:-|–|to|and)\s?[$€£]?\d', after):
        # fine only when the next amount is a figure of its own ("from £9 to £12.50")
        PENDING_TAILS.append((where, folder, f, e, after))
    LABEL_STARTS.setdefault((folder, f), set()).add(s)
    low_before = before.lower()
    t_low = t.lower()
    for q in QUALIFIERS_BEFORE:
        if re.search(r'\b' + re.escape(q) + r'\s$', low_before) and not t_low.startswith(q):
            # "is estimated at about" is fine (qualifier is part of the label); flag only a
            # qualifier directly in front of the label that the label leaves out
            err(f'{where}: {t!r} (occurrence {occ}) leaves out the qualifier {q!r} before it')
    return (f, s, e)


def load_docs(folder):
    texts = {}
    for p in sorted((ROOT / folder).iterdir()):
        if p.suffix in ('.md', '.txt'):
            texts[p.name] = p.read_text(encoding='utf-8')
    return texts


# ------------------------------------------------------------------ sourcing

NUMWORD = (r'(?:half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
           r'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|'
           r'sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)')
MONEY_RES = [
    re.compile(r'(?:US\$|C\$|A\$|NZ\$|\$|€|£|¥)\s?\d+(?:,\d{3})*(?:\.\d+)?'),
    re.compile(r'\b(?:USD|EUR|GBP|CHF|NOK|SEK|DKK|JPY)\s?\d+(?:,\d{3})*(?:\.\d+)?'),
    re.compile(r'\b\d+(?:,\d{3})*(?:\.\d+)?\s?(?:USD|EUR|GBP|CHF|NOK|SEK|DKK|JPY)\b'),
    re.compile(r'\b\d+(?:,\d{3})*(?:\.\d+)?\s?(?:cents?|pence|dollars?|euros?|pounds?|francs?|kronor|kroner|yen)\b'),
    re.compile(r'\b' + NUMWORD + r'[\s-]+(?:(?:a|and|' + NUMWORD[3:-1] + r')[\s-]+)*'
               r'(?:cents?|pence|dollars?|euros?|pounds?|francs?|kronor|kroner|yen)\b', re.I),
]


def money_tokens(text):
    toks = []
    for rx in MONEY_RES:
        for m in rx.finditer(text):
            toks.append((m.start(), m.end(), m.group()))
    return toks


def check_sourcing():
    folder = 'sourcing'
    texts = load_docs(folder)
    data = tomllib.loads((ROOT / folder / 'labels.toml').read_text(encoding='utf-8'))
    figs = data.get('figure', [])
    spans = {f: [] for f in texts}
    stats = {f: [0, 0] for f in texts}
    for i, lab in enumerate(figs, 1):
        where = f'sourcing figure #{i} ({lab.get("file")}: {lab.get("text")!r})'
        if not isinstance(lab.get('sourced'), bool):
            err(f'{where}: sourced must be true or false')
        loc = locate(folder, lab, where, texts)
        if not loc:
            continue
        f, s, e = loc
        if overlaps((s, e), spans[f]):
            err(f'{where}: overlaps another label')
        spans[f].append((s, e))
        if inside((s, e), masked_spans(texts[f], f)) or overlaps((s, e), masked_spans(texts[f], f)):
            err(f'{where}: label lies in masked text (front matter/comment/code/link target/URL)')
        if not any(s <= a and b <= e or (a < e and s < b) for a, b, _ in money_tokens(texts[f])):
            err(f'{where}: label contains no money token')
        stats[f][0 if lab.get('sourced') else 1] += 1
    for f, raw in texts.items():
        masks = masked_spans(raw, f)
        for a, b, tok in money_tokens(raw):
            if overlaps((a, b), masks):
                continue
            if not overlaps((a, b), spans[f]):
                line = raw.count('\n', 0, a) + 1
                err(f'sourcing: unlabelled money token {tok!r} in {f} line {line}')
    return texts, stats


# ------------------------------------------------------------------ interval rule

MULT = {'': 1, 'k': 1000, 'thousand': 1000, 'm': 10**6, 'million': 10**6,
        'bn': 10**9, 'billion': 10**9}
SMALL = {w: n for n, w in enumerate('zero one two three four five six seven eight nine ten '
                                     'eleven twelve'.split())}
AMOUNT = re.compile(r'(?P<cur>us\$|c\$|\$|€|£)?\s?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|\b(?:'
                    + '|'.join(SMALL) + r')\b)\s?(?P<mult>million|billion|thousand|bn|m|k)?'
                    r'(?![a-z])(?P<pct>%|\s?percent)?')


def parse_amount(s):
    m = AMOUNT.search(s)
    if not m:
        raise ValueError(f'no amount in {s!r}')
    num = m.group('num')
    if num in SMALL:
        v, step = Fraction(SMALL[num]), Fraction(1)
    else:
        digits = num.replace(',', '')
        if '.' in digits:
            whole, dec = digits.split('.')
            v = Fraction(digits)
            step = Fraction(1, 10 ** len(dec))
        else:
            v = Fraction(int(digits))
            tz = len(digits) - len(digits.rstrip('0'))
            step = Fraction(10 ** tz)
    mult = MULT[m.group('mult') or '']
    kind = 'pct' if m.group('pct') else (m.group('cur') or 'count')
    return v * mult, step * mult, kind, m


def interval(text):
    """(lo, lo_closed, hi, hi_closed, stated, kind, description) by the interval rule."""
    t = text.lower().strip()
    rng = re.match(r'(?:between\s+)?(.+?)\s*(?:-|–|\bto\b|\band\b)\s*(.+)$', t)
    if rng and AMOUNT.search(rng.group(1)) and AMOUNT.search(rng.group(2)) \
            and not re.match(r'(about|roughly|some|more than|over|at least|nearly|up to|less than)\b', t):
        a, sa, ka, ma = parse_amount(rng.group(1))
        b, sb, kb, mb = parse_amount(rng.group(2))
        if ma.group('mult') is None and mb.group('mult'):   # "$5-7 million"
            a, sa = a * MULT[mb.group('mult')], sa * MULT[mb.group('mult')]
        kind = kb if ka == 'count' else ka
        return (a, True, b, True, ('range', a, b), kind, f'range [{fmt(a)}, {fmt(b)}]')
    qual = ''
    for q in ('about', 'roughly', 'some', 'more than', 'over', 'at least', 'nearly', 'up to',
              'less than'):
        if t.startswith(q + ' '):
            qual = q
            t = t[len(q) + 1:]
            break
    v, step, kind, _ = parse_amount(t)
    stated = ('one', v)
    if qual in ('about', 'roughly', 'some'):
        d = max(step / 2, v / 20)
        return (v - d, True, v + d, True, stated, kind,
                f'{qual}: v={fmt(v)}, step={fmt(step)}, d=max({fmt(step / 2)}, {fmt(v / 20)})={fmt(d)}'
                f' -> [{fmt(v - d)}, {fmt(v + d)}]')
    if qual in ('more than', 'over'):
        return (v, False, v + step, True, stated, kind,
                f'{qual}: ({fmt(v)}, {fmt(v + step)}], step={fmt(step)}')
    if qual == 'at least':
        return (v, True, v + step, True, stated, kind, f'at least: [{fmt(v)}, {fmt(v + step)}]')
    if qual == 'nearly':
        return (v * Fraction(95, 100), True, v, False, stated, kind,
                f'nearly: [{fmt(v * Fraction(95, 100))}, {fmt(v)})')
    if qual == 'up to':
        return (Fraction(0), True, v, True, stated, kind, f'up to: [0, {fmt(v)}]')
    if qual == 'less than':
        return (Fraction(0), True, v, False, stated, kind, f'less than: [0, {fmt(v)})')
    return (v - step / 2, True, v + step / 2, False, stated, kind,
            f'exact: v={fmt(v)}, step={fmt(step)} -> [{fmt(v - step / 2)}, {fmt(v + step / 2)})')


def fmt(x):
    x = Fraction(x)
    if x.denominator == 1:
        return f'{x.numerator:,}'
    return f'{float(x):,.6g}'


def intersects(i1, i2):
    lo = max(i1[0], i2[0])
    hi = min(i1[2], i2[2])
    if lo < hi:
        return True
    if lo > hi:
        return False
    lo_closed = all(c for v, c in ((i1[0], i1[1]), (i2[0], i2[1])) if v == lo)
    hi_closed = all(c for v, c in ((i1[2], i1[3]), (i2[2], i2[3])) if v == hi)
    return lo_closed and hi_closed


def verdict(ta, tb):
    ia, ib = interval(ta), interval(tb)
    if ia[5] != ib[5]:
        raise ValueError(f'different kinds of quantity: {ta!r} ({ia[5]}) vs {tb!r} ({ib[5]})')
    if not intersects(ia, ib):
        return 'conflict', ia, ib
    if ia[4] == ib[4]:
        return 'agree', ia, ib
    return 'differ', ia, ib


# ------------------------------------------------------------------ claims

# Numbers in claims/ prose that are not figures (years are recognised automatically).
NOT_FIGURES = {
    'silo-collapse-wire.txt': [('March 12', 'dateline'), ('4:40 a.m.', 'time of day')],
    'port-ardell-courier.md': [('Silo No. 4', 'name of the silo'), ('March 14', 'date'),
                               ('March 11', 'date')],
    'grain-trade-bulletin.txt': [('March 19', 'issue date'), ('Silo No. 4', 'name of the silo'),
                                 ('March 11', 'date'), ('March 15', 'date of a letter')],
    'orsatti-violin-wire.txt': [('Wednesday 16 October', 'dateline')],
    'castlebury-evening-post.md': [('Thursday 17 October', 'date')],
    'strings-column-violin.md': [('Tuesday 22 October', 'date')],
}
NUMBER_RX = re.compile(r'\d+(?:,\d{3})*(?:\.\d+)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|'
                       r'eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|'
                       r'nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|'
                       r'thousand|million|billion|dozen|dozens|hundreds|thousands)\b', re.I)


def check_claims():
    folder = 'claims'
    texts = load_docs(folder)
    data = tomllib.loads((ROOT / folder / 'labels.toml').read_text(encoding='utf-8'))
    pairs, looks = data.get('pair', []), data.get('lookalike', [])
    node_text = {}
    covered = {f: [] for f in texts}
    pair_set, edges = set(), []
    verdicts = {'conflict': 0, 'differ': 0, 'agree': 0}

    def node(end, where):
        loc = locate(folder, end, where, texts)
        if not loc:
            return None
        f, s, e = loc
        if overlaps((s, e), masked_spans(texts[f], f)):
            err(f'{where}: label lies in masked text')
        key = (f, s)
        if key in node_text and node_text[key] != (s, e):
            err(f'{where}: two different labels start at the same place')
        for a, b in covered[f]:
            if (a, b) != (s, e) and a < e and s < b:
                err(f'{where}: {end["text"]!r} overlaps another labelled figure in {f}')
        node_text[key] = (s, e)
        covered[f].append((s, e))
        return key

    for i, p in enumerate(pairs, 1):
        where = f'claims pair #{i}'
        a, b = node(p.get('a', {}), where + ' a'), node(p.get('b', {}), where + ' b')
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f'{where}: both ends in {a[0]}')
        k = frozenset((a, b))
        if k in pair_set:
            err(f'{where}: duplicate pair')
        pair_set.add(k)
        edges.append((a, b))
        if not p.get('note'):
            err(f'{where}: note missing')
        want = p.get('verdict')
        try:
            got, ia, ib = verdict(p['a']['text'], p['b']['text'])
        except ValueError as ex:
            err(f'{where}: {ex}')
            continue
        if want != got:
            err(f'{where}: verdict {want!r} but the interval rule gives {got!r}: '
                f'{p["a"]["text"]!r} {ia[6]}; {p["b"]["text"]!r} {ib[6]}')
        if want in verdicts:
            verdicts[want] += 1

    look_nodes = []
    for i, l in enumerate(looks, 1):
        where = f'claims lookalike #{i}'
        a, b = node(l.get('a', {}), where + ' a'), node(l.get('b', {}), where + ' b')
        if not a or not b:
            continue
        if a[0] == b[0]:
            err(f'{where}: both ends in {a[0]}')
        if frozenset((a, b)) in pair_set:
            err(f'{where}: also labelled as a same-claim pair')
        if not l.get('note'):
            err(f'{where}: note missing')
        look_nodes.append((a, b, where))

    # facts = connected components of the pair graph
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    comps = {}
    for a, b in edges:
        for n in (a, b):
            comps.setdefault(find(n), set()).add(n)
    facts = list(comps.values())
    for comp in facts:
        files = [n[0] for n in comp]
        if len(files) != len(set(files)):
            err(f'claims: one fact has two figures in the same document: {sorted(comp)}')
        for x, y in combinations(sorted(comp), 2):
            if x[0] != y[0] and frozenset((x, y)) not in pair_set:
                tx = texts[x[0]][node_text[x][0]:node_text[x][1]]
                ty = texts[y[0]][node_text[y][0]:node_text[y][1]]
                err(f'claims: unlabelled couple inside a fact: {x[0]} {tx!r} / {y[0]} {ty!r}')
    for a, b, where in look_nodes:
        if a in parent and b in parent and find(a) == find(b):
            err(f'{where}: both ends belong to the same fact')

    # completeness: every number in the prose is a labelled figure, a year, or listed
    for f, raw in texts.items():
        masks = masked_spans(raw, f)
        allowed = []
        for s, _why in NOT_FIGURES.get(f, []):
            hits = find_all(raw, s)
            if not hits:
                err(f'claims: NOT_FIGURES entry {s!r} not found in {f}')
            allowed += [(h, h + len(s)) for h in hits]
        for m in NUMBER_RX.finditer(raw):
            sp = (m.start(), m.end())
            if overlaps(sp, masks) or inside(sp, covered[f]) or inside(sp, allowed):
                continue
            if re.fullmatch(r'1[6-9]\d\d|20\d\d', m.group()):
                continue   # a year
            line = raw.count('\n', 0, sp[0]) + 1
            err(f'claims: number {m.group()!r} in {f} line {line} is in no pair or look-alike')
    return texts, facts, verdicts, len(pairs), len(looks)


def check_tails():
    for where, folder, f, e, after in PENDING_TAILS:
        starts = LABEL_STARTS.get((folder, f), set())
        if not any(e < x <= e + 6 for x in starts):
            err(f'{where}: label stops before a range tail {after[:14]!r} that no other label covers')


def self_test():
    # the two worked examples of the corpora README, and a few edge cases of the rule
    cases = [('nearly $220 million', 'more than $220 million', 'conflict'),
             ('$310 million', '$315 million', 'differ'),
             ('$3 million', '$4 million', 'conflict'),          # half-open ends touch at 3.5M
             ('at least $15 million', 'more than $14 million', 'differ'),   # closed ends meet at 15M
             ('£5m-£7m', '£5 million to £7 million', 'agree'),
             ('about 30 staff', '35 firefighters', 'differ')]
    for a, b, want in cases:
        got = verdict(a, b)[0]
        if got != want:
            err(f'self-test: {a!r} vs {b!r} gives {got!r}, expected {want!r}')


def main():
    self_test()
    s_texts, stats = check_sourcing()
    c_texts, facts, verdicts, npairs, nlooks = check_claims()
    check_tails()
    print('sourcing:')
    for f, (src, uns) in stats.items():
        print(f'  {f:34} {len(s_texts[f].split()):4} words  {src:2} sourced  {uns:2} unsourced')
    tot_s = sum(v[0] for v in stats.values())
    tot_u = sum(v[1] for v in stats.values())
    print(f'  total: {len(s_texts)} documents, {tot_s + tot_u} figures ({tot_s} sourced, {tot_u} unsourced)')
    print('claims:')
    for f, raw in c_texts.items():
        print(f'  {f:34} {len(raw.split()):4} words')
    print(f'  {len(c_texts)} documents, {len(facts)} facts, {npairs} pairs '
          f'({verdicts["conflict"]} conflict, {verdicts["differ"]} differ, {verdicts["agree"]} agree), '
          f'{nlooks} look-alikes')
    if ERRORS:
        print(f'\n{len(ERRORS)} problem(s):')
        for e in ERRORS:
            print('  -', e)
        sys.exit(1)
    print('\nall checks passed')


if __name__ == '__main__':
    main()
