#!/usr/bin/env python3
"""Mechanical checks for the blind25 labels (python3 stdlib + tomllib only).

Run:  python3 check_labels.py        (exit 0 = all checks pass)

sourcing/labels.toml
  * every label's text occurs verbatim; repeated texts carry an explicit occurrence;
    a text that also occurs as part of a longer figure counts as repeated
  * the chosen occurrence is a whole figure (no digit / decimal / letter continues it)
    and lies outside masked text (front matter, HTML comments, fenced / inline code,
    link targets, bare URLs, e-mail addresses)
  * completeness: every money token in unmasked text is covered by exactly one label,
    every label covers at least one money token, labels do not overlap
  * 12 figures per document, sourced is a bool, every label has a note
claims/labels.toml
  * the same location checks for every pair / look-alike figure
  * every verdict recomputed from the interval rule with exact fractions
  * facts = connected components of the pair graph: no two figures of one fact in one
    document, every cross-document pair inside a fact labelled, no look-alike inside a fact
  * completeness: every money token, percentage and other number in unmasked text is
    covered by a labelled figure, except years and day-of-month numbers next to a month;
    spelled numbers (two ... billion, dozen) must be covered too
both
  * word counts (sourcing 280-340, claims 270-300)
  * URLs / e-mail use .example, phone numbers use 555
"""
import os
import re
import sys
import tomllib
from fractions import Fraction as F
from itertools import combinations

BASE = os.path.dirname(os.path.abspath(__file__))
ERRORS = []


def err(msg):
    ERRORS.append(msg)


# ----------------------------------------------------------------------------- masking
def masked_spans(text):
    spans = []
    m = re.match(r'---\n.*?\n---\n', text, re.S)          # YAML front matter
    if m:
        spans.append((m.start(), m.end()))
    for pat in (r'<!--.*?-->',                              # HTML comments
                r'^```.*?^```[^\n]*$',                      # fenced code blocks
                r'`[^`\n]+`',                               # inline code
                r'\]\([^)]*\)',                             # link targets
                r'https?://\S+',                            # bare URLs
                r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+'):           # e-mail addresses
        for m in re.finditer(pat, text, re.S | re.M):
            spans.append((m.start(), m.end()))
    return spans


def inside(pos_s, pos_e, spans):
    return any(s <= pos_s and pos_e <= e for s, e in spans)


def overlaps(a_s, a_e, spans):
    return any(a_s < e and s < a_e for s, e in spans)


# ----------------------------------------------------------------------------- tokens
NUM = r'(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?'
CUR = r'(?:US\$|NZ\$|C\$|A\$|\$|€|£|¥|EUR\s|USD\s|GBP\s|NOK\s|CHF\s)'
SCALE = r'(?:\s?(?:million|billion|thousand|bn|m|M|k|K)\b)?'
NUMWORD = (r'(?:half|quarter|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|'
           r'thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|'
           r'forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)')
MONEY_RES = [
    re.compile(CUR + NUM + SCALE),
    re.compile(r'\b' + NUM + r'\s?(?:cents?|¢|pence|p)\b'),
    re.compile(r'\b' + NUM + SCALE + r'\s(?:dollars?|pounds?|euros?)\b'),
    re.compile(r'\b' + NUMWORD + r'(?:[\s-](?:a|an|of|and|' + NUMWORD[3:-1] + r'))*[\s-]'
               r'(?:dollars?|pounds?|euros?|cents?)\b', re.I),
]
PCT_RE = re.compile(r'\b' + NUM + r'\s?(?:%|percent\b|per cent\b)')
DIGITS_RE = re.compile(r'\d[\d,.]*\d|\d')
SPELLED_RE = re.compile(r'\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|'
                        r'thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|'
                        r'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|'
                        r'thousand|million|billion|dozens?)\b', re.I)
MONTHS = (r'(?:January|February|March|April|May|June|July|August|September|October|'
          r'November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?')


def money_tokens(text):
    out = []
    for r in MONEY_RES:
        out += [(m.start(), m.end(), m.group()) for m in r.finditer(text)]
    return out


# ----------------------------------------------------------------------------- locate
def locate(corpus, fname, text, occurrence, explicit, where):
    path = os.path.join(BASE, corpus, fname)
    if not os.path.exists(path):
        err(f'{where}: file {fname} missing')
        return None
    raw = open(path, encoding='utf-8').read()
    starts = [m.start() for m in re.finditer(re.escape(text), raw)]
    if not starts:
        err(f'{where}: text {text!r} not found in {fname}')
        return None
    if len(starts) > 1 and not explicit:
        err(f'{where}: {text!r} occurs {len(starts)}x in {fname} but has no explicit occurrence')
    if occurrence < 1 or occurrence > len(starts):
        err(f'{where}: occurrence {occurrence} of {text!r} but only {len(starts)} in {fname}')
        return None
    s = starts[occurrence - 1]
    e = s + len(text)
    after = raw[e:e + 2]
    before = raw[s - 1:s] if s else ''
    if re.match(r'\d|[.,]\d|[A-Za-z]', after) or re.match(r'[\dA-Za-z$€£.]', before):
        err(f'{where}: occurrence {occurrence} of {text!r} in {fname} is part of a longer token '
            f'({raw[max(0, s - 8):e + 8]!r})')
    if overlaps(s, e, masked_spans(raw)):
        err(f'{where}: {text!r} (occ {occurrence}) in {fname} lies in masked text')
    return (s, e)


def word_count(path):
    return len(open(path, encoding='utf-8').read().split())


def check_hygiene(corpus, fname):
    raw = open(os.path.join(BASE, corpus, fname), encoding='utf-8').read()
    for m in re.finditer(r'https?://([^/\s)]+)', raw):
        if not m.group(1).endswith('.example'):
            err(f'{fname}: URL host {m.group(1)} is not .example')
    for m in re.finditer(r'[\w.+-]+@([\w-]+(?:\.[\w-]+)+)', raw):
        if not m.group(1).endswith('.example'):
            err(f'{fname}: e-mail domain {m.group(1)} is not .example')
    for m in re.finditer(r'(?<![\d,.$€£])(?:\(?\d{3,5}\)?[ -])?\d{3}[ -]\d{4}\b', raw):
        if '555' not in m.group():
            err(f'{fname}: phone-like number {m.group()!r} without 555')


# ----------------------------------------------------------------------------- sourcing
def check_sourcing():
    corpus = 'sourcing'
    labels = tomllib.load(open(os.path.join(BASE, corpus, 'labels.toml'), 'rb'))['figure']
    files = sorted(f for f in os.listdir(os.path.join(BASE, corpus)) if f.endswith(('.md', '.txt')))
    spans = {f: [] for f in files}
    stats = {'sourced': 0, 'unsourced': 0}
    keys = set()
    for i, lab in enumerate(labels):
        where = f'sourcing figure #{i + 1} ({lab.get("file")}: {lab.get("text")!r})'
        if not isinstance(lab.get('sourced'), bool):
            err(f'{where}: sourced must be true/false')
        if not lab.get('note'):
            err(f'{where}: no note')
        occ = lab.get('occurrence', 1)
        key = (lab['file'], lab['text'], occ)
        if key in keys:
            err(f'{where}: duplicate label')
        keys.add(key)
        loc = locate(corpus, lab['file'], lab['text'], occ, 'occurrence' in lab, where)
        if loc and lab['file'] in spans:
            spans[lab['file']].append((loc[0], loc[1], lab['text']))
        elif lab['file'] not in spans:
            err(f'{where}: label names a file that is not a document')
        stats['sourced' if lab.get('sourced') else 'unsourced'] += 1
    per_file = {}
    for f in files:
        raw = open(os.path.join(BASE, corpus, f), encoding='utf-8').read()
        mask = masked_spans(raw)
        toks = [t for t in money_tokens(raw) if not overlaps(t[0], t[1], mask)]
        for s, e, t in toks:
            cover = [l for l in spans[f] if l[0] < e and s < l[1]]
            if len(cover) != 1:
                err(f'sourcing {f}: money token {t!r} at {s} covered by {len(cover)} labels')
        for ls, le, lt in spans[f]:
            if not any(ls < e and s < le for s, e, _ in toks):
                err(f'sourcing {f}: label {lt!r} contains no money token')
        for a, b in combinations(spans[f], 2):
            if a[0] < b[1] and b[0] < a[1]:
                err(f'sourcing {f}: labels {a[2]!r} and {b[2]!r} overlap')
        n = len(spans[f])
        per_file[f] = n
        if n != 12:
            err(f'sourcing {f}: {n} figures, expected 12')
        wc = word_count(os.path.join(BASE, corpus, f))
        if not 280 <= wc <= 340:
            err(f'sourcing {f}: {wc} words, expected 280-340')
        check_hygiene(corpus, f)
    return stats, per_file


# ----------------------------------------------------------------------------- intervals
QUALS = [('more than ', 'more'), ('over ', 'more'), ('at least ', 'atleast'),
         ('nearly ', 'nearly'), ('up to ', 'upto'), ('less than ', 'less'),
         ('about ', 'about'), ('roughly ', 'about'), ('some ', 'about')]
SCALES = {None: 1, 'k': 1000, 'K': 1000, 'thousand': 1000, 'm': 10**6, 'M': 10**6,
          'million': 10**6, 'bn': 10**9, 'billion': 10**9}
FIG_RE = re.compile(r'^(?P<cur>US\$|\$|€|£)?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)'
                    r'(?:\s?(?P<scale>million|billion|thousand|bn|m|M|k|K)\b)?(?P<rest>.*)$')


def parse_figure(text):
    t = text.strip()
    qual = 'exact'
    for q, name in QUALS:
        if t.lower().startswith(q):
            qual, t = name, t[len(q):]
            break
    m = FIG_RE.match(t)
    if not m:
        raise ValueError(f'cannot parse {text!r}')
    num = m.group('num').replace(',', '')
    scale = SCALES[m.group('scale')]
    rest = m.group('rest').strip()
    if rest in ('%', 'percent', 'per cent'):
        kind = 'pct'
    elif m.group('cur'):
        if rest:
            raise ValueError(f'unexpected tail {rest!r} in money figure {text!r}')
        kind = m.group('cur')
    else:
        if not rest:
            raise ValueError(f'count without noun: {text!r}')
        kind = 'count'
    if '.' in num:
        ip, dp = num.split('.')
        v = F(ip + dp) / 10**len(dp) * scale
        step = F(1, 10**len(dp)) * scale
    else:
        z = len(num) - len(num.rstrip('0'))
        v = F(int(num)) * scale
        step = F(10**z) * scale
    return {'qual': qual, 'v': v, 'step': step, 'kind': kind, 'rest': rest}


def interval(p):
    v, s, q = p['v'], p['step'], p['qual']
    if q == 'exact':
        return (v - s / 2, True, v + s / 2, False)
    if q == 'about':
        d = max(s / 2, v / 20)
        return (v - d, True, v + d, True)
    if q == 'more':
        return (v, False, v + s, True)
    if q == 'atleast':
        return (v, True, v + s, True)
    if q == 'nearly':
        return (v * F(95, 100), True, v, False)
    if q == 'upto':
        return (F(0), True, v, True)
    if q == 'less':
        return (F(0), True, v, False)
    raise ValueError(q)


def disjoint(a, b):
    def below(x, y):
        return x[2] < y[0] or (x[2] == y[0] and not (x[3] and y[1]))
    return below(a, b) or below(b, a)


def verdict(ta, tb):
    pa, pb = parse_figure(ta), parse_figure(tb)
    if pa['kind'] != pb['kind']:
        raise ValueError(f'kinds differ: {ta!r} ({pa["kind"]}) vs {tb!r} ({pb["kind"]})')
    if disjoint(interval(pa), interval(pb)):
        return 'conflict'
    return 'agree' if pa['v'] == pb['v'] else 'differ'


# ----------------------------------------------------------------------------- claims
def check_claims():
    corpus = 'claims'
    data = tomllib.load(open(os.path.join(BASE, corpus, 'labels.toml'), 'rb'))
    pairs, looks = data.get('pair', []), data.get('lookalike', [])
    files = sorted(f for f in os.listdir(os.path.join(BASE, corpus)) if f.endswith(('.md', '.txt')))
    spans = {f: {} for f in files}

    def node(side, where):
        occ = side.get('occurrence', 1)
        key = (side['file'], side['text'], occ)
        if side['file'] not in spans:
            err(f'{where}: file {side["file"]} is not a document')
            return key
        loc = locate(corpus, side['file'], side['text'], occ, 'occurrence' in side, where)
        if loc:
            spans[side['file']][key] = loc
        return key

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labelled_pairs = set()
    tally = {'conflict': 0, 'differ': 0, 'agree': 0}
    for i, p in enumerate(pairs):
        where = f'pair #{i + 1} ({p["a"]["text"]!r} / {p["b"]["text"]!r})'
        a, b = node(p['a'], where), node(p['b'], where)
        if a[0] == b[0]:
            err(f'{where}: both figures in one document')
        if not p.get('note'):
            err(f'{where}: no note')
        try:
            v = verdict(a[1], b[1])
            if v != p.get('verdict'):
                err(f'{where}: verdict {p.get("verdict")!r}, interval rule gives {v!r}')
        except ValueError as ex:
            err(f'{where}: {ex}')
        if p.get('verdict') in tally:
            tally[p['verdict']] += 1
        if frozenset((a, b)) in labelled_pairs:
            err(f'{where}: duplicate pair')
        labelled_pairs.add(frozenset((a, b)))
        parent[find(a)] = find(b)

    comps = {}
    for n in list(parent):
        comps.setdefault(find(n), []).append(n)
    for members in comps.values():
        docs = [m[0] for m in members]
        if len(docs) != len(set(docs)):
            err(f'fact {sorted(members)}: two figures in one document')
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled_pairs:
                err(f'fact containing {x} and {y}: cross-document pair not labelled')

    seen_looks = set()
    for i, l in enumerate(looks):
        where = f'lookalike #{i + 1} ({l["a"]["text"]!r} / {l["b"]["text"]!r})'
        a, b = node(l['a'], where), node(l['b'], where)
        if a[0] == b[0]:
            err(f'{where}: both figures in one document')
        if not l.get('note'):
            err(f'{where}: no note')
        if a in parent and b in parent and find(a) == find(b):
            err(f'{where}: both figures belong to the same fact')
        if frozenset((a, b)) in labelled_pairs or frozenset((a, b)) in seen_looks:
            err(f'{where}: also labelled as a pair / duplicate look-alike')
        seen_looks.add(frozenset((a, b)))

    # completeness
    for f in files:
        raw = open(os.path.join(BASE, corpus, f), encoding='utf-8').read()
        mask = masked_spans(raw)
        lab = list(spans[f].values())

        def covered(s, e):
            return any(ls <= s and e <= le for ls, le in lab)
        for s, e, t in money_tokens(raw) + [(m.start(), m.end(), m.group()) for m in PCT_RE.finditer(raw)]:
            if not overlaps(s, e, mask) and not covered(s, e):
                err(f'claims {f}: figure {t!r} at {s} belongs to no pair or look-alike')
        for m in DIGITS_RE.finditer(raw):
            s, e, t = m.start(), m.end(), m.group()
            if overlaps(s, e, mask) or covered(s, e):
                continue
            if re.fullmatch(r'(19|20)\d\d', t):
                continue                                   # a year
            if re.fullmatch(r'\d{1,2}', t) and (re.search(MONTHS + r'\s$', raw[max(0, s - 12):s])
                                              or re.match(r'\s' + MONTHS, raw[e:e + 12])):
                continue                                   # day of month
            err(f'claims {f}: number {t!r} at {s} ({raw[max(0, s - 20):e + 20]!r}) is not labelled')
        for m in SPELLED_RE.finditer(raw):
            if not overlaps(m.start(), m.end(), mask) and not covered(m.start(), m.end()):
                err(f'claims {f}: spelled number {m.group()!r} at {m.start()} is not labelled')
        wc = word_count(os.path.join(BASE, corpus, f))
        if not 270 <= wc <= 300:
            err(f'claims {f}: {wc} words, expected 270-300')
        check_hygiene(corpus, f)
    facts = [c for c in comps.values()]
    return tally, len(facts), len(looks), len(pairs)


def main():
    s_stats, per_file = check_sourcing()
    tally, nfacts, nlooks, npairs = check_claims()
    print(f'sourcing: {sum(per_file.values())} figures in {len(per_file)} documents '
          f'({s_stats["sourced"]} sourced, {s_stats["unsourced"]} unsourced)')
    print(f'claims: {nfacts} facts, {npairs} pairs ({tally["conflict"]} conflict, '
          f'{tally["differ"]} differ, {tally["agree"]} agree), {nlooks} look-alikes')
    if ERRORS:
        print(f'\n{len(ERRORS)} problem(s):')
        for e in ERRORS:
            print('  -', e)
        sys.exit(1)
    print('all checks pass')


if __name__ == '__main__':
    main()
