#!/usr/bin/env python3
"""Mechanical checker for the blind31 evaluation labels (python3 standard library only).

Usage:  python3 check_labels.py [ROOT] [--explain]

ROOT defaults to the folder this script lives in; it must hold sourcing/ and claims/, each with
documents (*.md, *.txt) and a labels.toml.  Exit status 0 when every check passes, 1 otherwise.
--explain prints the interval computed for every claims label.

What is checked (see README.md, "What the checker checks"):
  both corpora
    - every label's file exists; text occurs verbatim; occurrence is within the number of
      occurrences in the raw file (masked text counted too); a repeated text carries occurrence
    - every label is a whole figure: it starts and ends on a figure boundary, no figure token
      straddles its edges, and no qualifier word ("about", "more than", ...) sits just before it
    - no label lies inside masked text (YAML front matter, HTML comment, fenced code, inline code,
      Markdown link target, bare URL, e-mail address)
    - corpus shape: 6 documents (3 .md, 3 .txt), word counts in range
  sourcing/
    - every [[figure]] has a boolean `sourced`; no two labels overlap
    - every money token outside masked text is covered by exactly one label, and every label
      covers at least one money token; 12 figures per document
  claims/
    - both ends of every [[pair]] / [[lookalike]] are in different files
    - each verdict is recomputed from the interval rule with exact fractions
    - facts are the connected components of the pairs: no two figures of one fact in one
      document, and every cross-document pair inside a fact is labelled (no duplicates)
    - a look-alike's ends are not in one fact and are not also a labelled pair
    - completeness: every number outside masked text (money, percentages, counts; years and days
      of the month excepted) lies inside a labelled figure; no spelled-out numbers
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

def masked_spans(raw):
    spans = []
    if raw.startswith('---\n'):
        end = raw.find('\n---\n', 4)
        if end == -1:
            err('unterminated front matter')
        else:
            spans.append((0, end + 5))
    for m in re.finditer(r'<!--.*?-->', raw, re.S):
        spans.append(m.span())
    for m in re.finditer(r'^(```|~~~)[^\n]*\n.*?^\1[^\n]*$', raw, re.S | re.M):
        spans.append(m.span())
    for m in re.finditer(r'`[^`\n]+`', raw):
        spans.append(m.span())
    for m in re.finditer(r'\]\(([^)\s]*)\)', raw):
        spans.append(m.span(1))
    for m in re.finditer(r'(?:https?://|www\.)[^\s)>\]]+', raw):
        spans.append(m.span())
    for m in re.finditer(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+', raw):
        spans.append(m.span())
    return spans


def in_mask(spans, s, e):
    return any(a < e and s < b for a, b in spans)


# --------------------------------------------------------------------------- tokens

NUM = r'(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)'
CUR = r'(?:US\$|C\$|A\$|NZ\$|\$|€|£|¥)'
CODE = r'(?:CHF|EUR|USD|GBP|NOK|SEK|DKK|JPY|CAD|AUD)'
SCALE = r'(?:\s?(?:k|K|M|m|bn)\b|[\s-](?:thousand|million|billion|trillion)\b)'
CURWORD = r'(?:dollars?|euros?|pounds?|francs?|cents?|pence|kronor|kroner)'
ONE = (r'(?:' + CUR + r'\s?' + NUM + r'(?:\s?[-–]\s?' + NUM + r')?' + SCALE + r'?'
       r'|' + CODE + r'\s?' + NUM + r'(?:\s?[-–]\s?' + NUM + r')?' + SCALE + r'?'
       r'|\b' + NUM + SCALE + r'?[\s-]' + CURWORD + r'\b)')
CARD = (r'(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|'
        r'fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|'
        r'eighty|ninety)')
BIG = r'(?:hundred|thousand|million|billion)'
SPELLED = (r'\b(?:half\s+an?|a\s+quarter\s+of\s+an?|an?(?=\s+' + BIG + r')|' + CARD + r')'
           r'(?:[\s-]+(?:' + CARD + r'|' + BIG + r'|and))*\s+' + CURWORD + r'\b')
MONEY_RE = re.compile(r'(?i:between)\s+' + ONE + r'\s+and\s+' + ONE + r'|' + ONE + r'|' + SPELLED)


def money_tokens(raw):
    out = []
    for m in MONEY_RE.finditer(raw):
        out.append(m.span())
    return out


MONTHS = (r'(?:January|February|March|April|May|June|July|August|September|October|November|'
          r'December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)')
NUMTOK_RE = re.compile(r'(?<![\w.,])' + NUM + r'(?![\d])')


def number_tokens(raw):
    """All numbers except years and days of the month (claims completeness)."""
    out = []
    for m in NUMTOK_RE.finditer(raw):
        tok, s, e = m.group(0), m.start(), m.end()
        before, after = raw[max(0, s - 12):s], raw[e:e + 12]
        if re.fullmatch(r'(?:18|19|20)\d\d', tok) and not re.search(CUR + r'\s?$', before) \
                and not after.startswith('%'):
            continue  # year
        if re.fullmatch(r'\d{1,2}', tok) and 1 <= int(tok) <= 31 and (
                re.search(MONTHS + r'\s$', before) or re.match(r'\s' + MONTHS, after)):
            continue  # day of the month
        out.append((s, e))
    return out


SPELLED_NUMBER_RE = re.compile(
    r'\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|'
    r'fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|'
    r'eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|third|first|'
    r'second|fourth|fifth|twice|double|triple|single)\b', re.I)

QUALIFIER_BEFORE = re.compile(
    r'\b(?:about|roughly|some|nearly|almost|around|approximately|over|more than|less than|'
    r'fewer than|at least|up to|under|an estimated|between)\s+$', re.I)

# --------------------------------------------------------------------------- helpers

def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i != -1:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


def word_count(raw):
    return len(raw.split())


def load_docs(folder):
    docs = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(('.md', '.txt')) and name.lower() != 'readme.md':
            with open(os.path.join(folder, name), encoding='utf-8') as fh:
                raw = fh.read()
            docs[name] = {'raw': raw, 'mask': masked_spans(raw)}
    return docs


def check_shape(corpus, docs, lo, hi):
    md = sum(n.endswith('.md') for n in docs)
    txt = sum(n.endswith('.txt') for n in docs)
    if (md, txt) != (3, 3):
        err(f'{corpus}: expected 3 .md and 3 .txt documents, found {md} and {txt}')
    for name, d in docs.items():
        wc = word_count(d['raw'])
        if not lo <= wc <= hi:
            err(f'{corpus}/{name}: {wc} words, outside {lo}-{hi}')


def resolve(corpus, docs, ref, where, tokens_of):
    """Return (file, start, end) for a label reference, or None after reporting errors."""
    f, text = ref.get('file'), ref.get('text')
    if not isinstance(f, str) or not isinstance(text, str) or not text:
        err(f'{corpus} {where}: file and text required')
        return None
    if f not in docs:
        err(f'{corpus} {where}: no document {f!r}')
        return None
    raw, mask = docs[f]['raw'], docs[f]['mask']
    occ = occurrences(raw, text)
    n = ref.get('occurrence', 1)
    if not isinstance(n, int) or n < 1:
        err(f'{corpus} {where}: bad occurrence {n!r}')
        return None
    if not occ:
        err(f'{corpus} {where}: {text!r} does not occur in {f}')
        return None
    if len(occ) > 1 and 'occurrence' not in ref:
        err(f'{corpus} {where}: {text!r} occurs {len(occ)} times in {f} but has no occurrence')
    if n > len(occ):
        err(f'{corpus} {where}: occurrence {n} of {text!r} but only {len(occ)} in {f}')
        return None
    s = occ[n - 1]
    e = s + len(text)
    # masked?
    if in_mask(mask, s, e):
        err(f'{corpus} {where}: {text!r} (occurrence {n}) lies inside masked text in {f}')
    # whole figure: edges
    prev = raw[s - 1] if s > 0 else ' '
    nxt = raw[e] if e < len(raw) else ' '
    if prev.isalnum() or prev in '$€£¥' or (prev in '.,' and s > 1 and raw[s - 2].isdigit()):
        err(f'{corpus} {where}: {text!r} starts inside a larger token in {f} ({raw[s-5:e]!r})')
    if nxt.isalnum() or (nxt in '.,' and e + 1 < len(raw) and raw[e + 1].isdigit()):
        err(f'{corpus} {where}: {text!r} ends inside a larger token in {f} ({raw[s:e+5]!r})')
    if QUALIFIER_BEFORE.search(raw[max(0, s - 20):s]):
        err(f'{corpus} {where}: {text!r} in {f} leaves out the qualifier before it '
            f'({raw[max(0, s - 20):e]!r})')
    toks = tokens_of(f)
    inside = [t for t in toks if s <= t[0] and t[1] <= e]
    for a, b in toks:
        if a < e and s < b and not (s <= a and b <= e):
            err(f'{corpus} {where}: {text!r} in {f} cuts the figure {raw[a:b]!r}')
    if not inside:
        err(f'{corpus} {where}: {text!r} in {f} contains no whole figure token')
    return (f, s, e)


# --------------------------------------------------------------------------- sourcing

def check_sourcing(root):
    folder = os.path.join(root, 'sourcing')
    docs = load_docs(folder)
    check_shape('sourcing', docs, 250, 360)
    with open(os.path.join(folder, 'labels.toml'), 'rb') as fh:
        data = tomllib.load(fh)
    toks = {f: [t for t in money_tokens(d['raw']) if not in_mask(d['mask'], *t)]
            for f, d in docs.items()}
    spans = {f: [] for f in docs}
    stats = {f: [0, 0] for f in docs}
    for i, lab in enumerate(data.get('figure', []), 1):
        where = f'figure #{i} ({lab.get("text")!r})'
        if not isinstance(lab.get('sourced'), bool):
            err(f'sourcing {where}: sourced must be true or false')
        r = resolve('sourcing', docs, lab, where, lambda f: toks[f])
        if r is None:
            continue
        f, s, e = r
        for a, b in spans[f]:
            if a < e and s < b:
                err(f'sourcing {where}: overlaps another label in {f}')
        spans[f].append((s, e))
        if isinstance(lab.get('sourced'), bool):
            stats[f][0 if lab['sourced'] else 1] += 1
    for f, d in docs.items():
        for a, b in toks[f]:
            cover = [1 for s, e in spans[f] if s <= a and b <= e]
            if len(cover) != 1:
                err(f'sourcing/{f}: money token {d["raw"][a:b]!r} at {a} covered by '
                    f'{len(cover)} labels (want 1)')
        if sum(stats[f]) != 12:
            err(f'sourcing/{f}: {sum(stats[f])} figures labelled, want 12')
    return docs, stats


# --------------------------------------------------------------------------- intervals

QUALS = ['more than', 'at least', 'less than', 'fewer than', 'up to', 'nearly', 'about',
         'roughly', 'some', 'over', 'between']
SCALES = {'k': 10**3, 'thousand': 10**3, 'm': 10**6, 'million': 10**6, 'bn': 10**9,
          'billion': 10**9}


def parse_amount(s):
    """First number in s with its scale -> (value, step)."""
    m = re.search(NUM, s)
    if not m:
        raise ValueError(f'no number in {s!r}')
    digits = m.group(0).replace(',', '')
    rest = s[m.end():]
    scale = 1
    sm = re.match(r'\s?(k|K|M|m|bn)\b', rest) or \
        re.match(r'[\s-](thousand|million|billion)\b', rest)
    if sm:
        scale = SCALES[sm.group(1).lower()]
    if '.' in digits:
        step = Fr(1, 10 ** len(digits.split('.')[1]))
    else:
        z = len(digits) - len(digits.rstrip('0'))
        step = Fr(10 ** z) if digits.strip('0') else Fr(1)
    return Fr(digits) * scale, step * scale


def interval(text):
    """-> (lo, lo_closed, hi, hi_closed, stated)"""
    t = text.strip()
    tl = t.lower()
    qual = None
    for q in QUALS:
        if tl.startswith(q + ' '):
            qual, t = q, t[len(q) + 1:]
            break
    if qual == 'between':
        a_txt, b_txt = re.split(r'\s+and\s+', t, maxsplit=1)
        a, _ = parse_amount(a_txt)
        b, _ = parse_amount(b_txt)
        return (a, True, b, True, (a, b))
    rm = re.search('(' + NUM + r')\s?[-–]\s?(' + NUM + ')', t)
    if rm:
        b, _ = parse_amount(t[rm.start(2):])
        a_raw, _ = parse_amount(rm.group(1))
        a = a_raw * (b / Fr(rm.group(2).replace(',', '')))  # scale of the second end
        return (a, True, b, True, (a, b))
    v, step = parse_amount(t)
    if qual is None:
        return (v - step / 2, True, v + step / 2, False, v)
    if qual in ('about', 'roughly', 'some'):
        d = max(step / 2, v / 20)
        return (v - d, True, v + d, True, v)
    if qual in ('more than', 'over'):
        return (v, False, v + step, True, v)
    if qual == 'at least':
        return (v, True, v + step, True, v)
    if qual == 'nearly':
        return (v * Fr(95, 100), True, v, False, v)
    if qual == 'up to':
        return (Fr(0), True, v, True, v)
    if qual in ('less than', 'fewer than'):
        return (Fr(0), True, v, False, v)
    raise ValueError(qual)


def overlap(i, j):
    lo, lo_c = max((i[0], i[1]), (j[0], j[1]), key=lambda x: x[0])
    if i[0] == j[0]:
        lo_c = i[1] and j[1]
    hi, hi_c = min((i[2], i[3]), (j[2], j[3]), key=lambda x: x[0])
    if i[2] == j[2]:
        hi_c = i[3] and j[3]
    return lo < hi or (lo == hi and lo_c and hi_c)


def verdict(ta, tb):
    ia, ib = interval(ta), interval(tb)
    if not overlap(ia, ib):
        return 'conflict'
    return 'agree' if ia[4] == ib[4] else 'differ'


def fmt(i):
    def n(x):
        return str(x.numerator) if x.denominator == 1 else f'{float(x):g}'
    return f'{"[" if i[1] else "("}{n(i[0])}, {n(i[2])}{"]" if i[3] else ")"}'


# --------------------------------------------------------------------------- claims

def check_claims(root, explain=False):
    folder = os.path.join(root, 'claims')
    docs = load_docs(folder)
    check_shape('claims', docs, 240, 340)
    with open(os.path.join(folder, 'labels.toml'), 'rb') as fh:
        data = tomllib.load(fh)
    ntoks = {f: [t for t in number_tokens(d['raw']) if not in_mask(d['mask'], *t)]
             for f, d in docs.items()}
    covered = {f: [] for f in docs}
    nodes_text = {}
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = []
    verdicts = {'conflict': 0, 'differ': 0, 'agree': 0}
    for kind in ('pair', 'lookalike'):
        for i, lab in enumerate(data.get(kind, []), 1):
            where = f'{kind} #{i}'
            ends = []
            for side in ('a', 'b'):
                ref = lab.get(side)
                if not isinstance(ref, dict):
                    err(f'claims {where}: missing {side}')
                    break
                r = resolve('claims', docs, ref, f'{where}.{side} ({ref.get("text")!r})',
                            lambda f: ntoks[f])
                if r is None:
                    break
                ends.append(r)
                covered[r[0]].append((r[1], r[2]))
                nodes_text[r] = ref['text']
            if len(ends) != 2:
                continue
            a, b = ends
            if a[0] == b[0]:
                err(f'claims {where}: both ends in {a[0]}')
            if not str(lab.get('note', '')).strip():
                err(f'claims {where}: note missing')
            if kind == 'pair':
                v = lab.get('verdict')
                try:
                    want = verdict(nodes_text[a], nodes_text[b])
                except (ValueError, ZeroDivisionError) as ex:
                    err(f'claims {where}: cannot compute interval: {ex}')
                    continue
                if v != want:
                    err(f'claims {where}: verdict {v!r} but the interval rule gives {want!r} '
                        f'({nodes_text[a]!r} {fmt(interval(nodes_text[a]))} vs '
                        f'{nodes_text[b]!r} {fmt(interval(nodes_text[b]))})')
                if v in verdicts:
                    verdicts[v] += 1
                for x in (a, b):
                    parent.setdefault(x, x)
                parent[find(a)] = find(b)
                pairs.append((a, b, i))
            else:
                pairs.append((a, b, -i))
            if explain:
                print(f'{where}: {nodes_text[a]!r} {fmt(interval(nodes_text[a]))} | '
                      f'{nodes_text[b]!r} {fmt(interval(nodes_text[b]))}'
                      + (f' -> {verdict(nodes_text[a], nodes_text[b])}' if kind == 'pair' else ''))
    real = [(a, b, i) for a, b, i in pairs if i > 0]
    looks = [(a, b, -i) for a, b, i in pairs if i < 0]
    # duplicates
    seen = {}
    for a, b, i in real:
        k = frozenset((a, b))
        if k in seen:
            err(f'claims pair #{i}: duplicate of pair #{seen[k]}')
        seen[k] = i
    # facts
    facts = {}
    for x in parent:
        facts.setdefault(find(x), []).append(x)
    for members in facts.values():
        files = [m[0] for m in members]
        names = ', '.join(f'{m[0]}:{nodes_text[m]!r}' for m in sorted(members))
        if len(set(files)) != len(files):
            err(f'claims: one fact has two figures in one document: {names}')
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in seen:
                err(f'claims: pair inside a fact not labelled: {x[0]}:{nodes_text[x]!r} / '
                    f'{y[0]}:{nodes_text[y]!r}')
    for a, b, i in looks:
        if a in parent and b in parent and find(a) == find(b):
            err(f'claims lookalike #{i}: both ends are in one fact')
        if frozenset((a, b)) in seen:
            err(f'claims lookalike #{i}: also labelled as a pair')
    seen_l = set()
    for a, b, i in looks:
        k = frozenset((a, b))
        if k in seen_l:
            err(f'claims lookalike #{i}: duplicate')
        seen_l.add(k)
    # completeness
    for f, d in docs.items():
        raw = d['raw']
        for a, b in ntoks[f]:
            if not any(s <= a and b <= e for s, e in covered[f]):
                err(f'claims/{f}: number {raw[a:b]!r} at {a} ({raw[max(0, a-25):b+15]!r}) '
                    f'is in no labelled pair or look-alike')
        for m in SPELLED_NUMBER_RE.finditer(raw):
            if in_mask(d['mask'], *m.span()):
                continue
            w = m.group(0).lower()
            if w in ('million', 'billion', 'thousand') and \
                    re.search(r'\d[\d,.]*[\s-]$', raw[max(0, m.start() - 12):m.start()]):
                continue
            err(f'claims/{f}: spelled number {m.group(0)!r} ({raw[max(0, m.start()-20):m.end()+20]!r})')
    return docs, len(facts), verdicts, len(looks)


# --------------------------------------------------------------------------- main

def main(argv):
    explain = '--explain' in argv
    args = [a for a in argv if a != '--explain']
    root = os.path.abspath(args[0]) if args else os.path.dirname(os.path.abspath(__file__))
    # the interval rule's own worked examples (corpora README) must come out right
    for ta, tb, want in (('nearly $220 million', 'more than $220 million', 'conflict'),
                         ('$310 million', '$315 million', 'differ'),
                         ('$300 million', '$310 million', 'differ'),
                         ('$2-3 million', '$3.5 million', 'conflict'),
                         ('between $140 million and $160 million', 'about $150 million', 'differ'),
                         ('at least $5 million', 'up to $5 million', 'agree'),
                         ('less than $5 million', 'at least $5 million', 'conflict')):
        if verdict(ta, tb) != want:
            err(f'interval self-test: {ta!r} vs {tb!r} should be {want}')
    try:
        sdocs, stats = check_sourcing(root)
        cdocs, nfacts, verdicts, nlooks = check_claims(root, explain)
    except (OSError, tomllib.TOMLDecodeError) as ex:
        err(f'cannot read: {ex}')
        stats, nfacts, verdicts, nlooks = {}, 0, {}, 0
    if ERRORS:
        for e in ERRORS:
            print('FAIL', e)
        print(f'{len(ERRORS)} problem(s)')
        return 1
    s_src = sum(v[0] for v in stats.values())
    s_uns = sum(v[1] for v in stats.values())
    print(f'sourcing: {len(stats)} documents, {s_src + s_uns} money figures '
          f'({s_src} sourced, {s_uns} unsourced)')
    for f, (a, b) in sorted(stats.items()):
        print(f'  {f}: {a} sourced, {b} unsourced')
    print(f'claims: {nfacts} facts, {sum(verdicts.values())} pairs '
          f'({verdicts["conflict"]} conflict, {verdicts["differ"]} differ, '
          f'{verdicts["agree"]} agree), {nlooks} look-alikes')
    print('OK: all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
