#!/usr/bin/env python3
"""Mechanical checks of the blind30 labels (sourcing/ and claims/).

Standard library only (Python 3.11+, for tomllib).

    python3 check_labels.py [-v] [ROOT]

-v also prints every pair's intervals.

ROOT defaults to the folder holding this script. Exit status 0 when every check passes,
1 otherwise (every failure is printed).

Checks
  both corpora
    * labels.toml parses; every labelled file exists; every document has labels
    * each label's text occurs verbatim in the raw file; `occurrence` is <= the number of
      occurrences (counted in the raw file, masked text included) and is given explicitly
      whenever the text occurs more than once
    * no two labels resolve to overlapping but different spans
    * labels are whole figures: the span does not cut a number or a money token, does not
      leave out a qualifier in front ("about", "more than", "up to", "an estimated", ...),
      a scale word or unit after it ("million", "m", "bn", "%", "percent", "cents", ...),
      or the other end of a range ("$38-42")
    * no label lies in masked text: YAML front matter, HTML comments, fenced and inline
      code, link targets, reference definitions, bare URLs, e-mail addresses
  sourcing/
    * every label has a boolean `sourced`; each label contains a money token
    * every money token outside masked text lies inside a label
  claims/
    * both ends of every pair / look-alike are in different files
    * every verdict is recomputed from the interval rule with exact fractions
    * facts = connected components of the pair graph: no two figures of one fact in one
      document, and every cross-document pair inside a fact is labelled exactly once
    * units agree inside a fact (same currency, percent with percent, count with count)
    * look-alike ends are never inside one fact, and no look-alike repeats a pair
    * completeness: every number outside masked text (except years and days of the month)
      lies inside a labelled figure; no spelled-out numbers
"""
import os
import re
import sys
import tomllib
from fractions import Fraction as Fr
from itertools import combinations

ARGS = [a for a in sys.argv[1:] if not a.startswith('-')]
ROOT = os.path.abspath(ARGS[0]) if ARGS else os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)


# ------------------------------------------------------------------ masking

def masked_spans(text, md):
    spans = []
    if md:
        m = re.match(r'---\n.*?\n---[ \t]*\n', text, re.S)
        if m:
            spans.append(m.span())
        for m in re.finditer(r'<!--.*?-->', text, re.S):
            spans.append(m.span())
        fences = [m.span() for m in re.finditer(r'^(```|~~~)[^\n]*\n.*?^\1[ \t]*$', text, re.S | re.M)]
        spans += fences
        for m in re.finditer(r'`[^`\n]+`', text):
            if not any(a <= m.start() < b for a, b in fences):
                spans.append(m.span())
        for m in re.finditer(r'\]\(([^)]*)\)', text):          # link targets
            spans.append(m.span(1))
        for m in re.finditer(r'^\[(?!\^)[^\]]+\]:[ \t]*(\S+)', text, re.M):   # reference definitions
            spans.append(m.span(1))
    for m in re.finditer(r'(?:https?://|www\.)[^\s<>()\]]+', text):
        spans.append(m.span())
    for m in re.finditer(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+', text):
        spans.append(m.span())
    return spans


def overlaps(a, b, spans):
    return any(a < e and s < b for s, e in spans)


# ------------------------------------------------------------------ tokens

NUM = r'\d+(?:,\d{3})*(?:\.\d+)?'
SCALE_OPT = r'(?:\s?(?:k|K|m|M|bn|mn)\b|[\s-](?:thousand|million|billion|trillion)\b)?'
CODES = r'(?:CHF|EUR|USD|GBP|NOK|SEK|DKK|CAD|AUD|NZD|JPY)'
CURWORDS = r'(?:dollars?|euros?|pounds?|francs?|kronor|kroner|krone|cents?|pence)'
NUMWORD = (r'(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
           r'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|'
           r'seventy|eighty|ninety|hundred|thousand|million|billion|half|quarter|of)')
MONEY_RE = re.compile('|'.join([
    r'(?:US\$|C\$|A\$|NZ\$|\$|€|£)\s?' + NUM + SCALE_OPT,
    r'\b' + CODES + r'\s?' + NUM + SCALE_OPT,
    r'(?<![\w.,])' + NUM + SCALE_OPT + r'\s?' + CODES + r'\b',
    r'(?<![\w.,$€£])' + NUM + r'(?:\s(?:thousand|million|billion))?\s' + CURWORDS + r'\b',
    r'(?<![\w.,$€£])\d+p\b',
    r'(?i:\b(?:' + NUMWORD + r'[\s-]+)+' + CURWORDS + r')\b',
]))
NUM_RE = re.compile(r'(?<![\w.])' + NUM)

MONTHS = (r'(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|'
          r'Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?')

QUAL_BEFORE = re.compile(
    r'(?i)\b(about|roughly|some|around|approximately|nearly|almost|more than|over|at least|'
    r'up to|less than|under|an estimated|between|close to|just)\s+$')
AFTER_UNIT = re.compile(
    r'(?:\s|-)?(?:thousand|million|billion|trillion|bn|mn|k|K|m|M|percent|per cent|dollars?|'
    r'euros?|pounds?|francs?|cents?|pence|' + CODES + r')\b|\s?%')


def whole_figure(raw, s, e, token_re, where):
    """The span [s, e) must be a whole figure."""
    label = raw[s:e]
    before, after = raw[:s], raw[e:e + 30]
    if label != label.strip():
        err(f'{where}: label has leading/trailing blanks')
    if before and (before[-1].isalnum() or before[-1] in '$€£_'):
        err(f'{where}: label starts inside a word or figure ({before[-12:]!r}|{label!r})')
    if re.search(r'\d[.,]$|\d\s?[-–]$', before):
        err(f'{where}: label cuts a number or a range on the left')
    m = QUAL_BEFORE.search(raw[max(0, s - 30):s])
    if m:
        err(f'{where}: qualifier {m.group(1)!r} left out of {label!r}')
    if after[:1].isalnum() or after[:1] in '_%':
        err(f'{where}: label ends inside a word or figure ({label!r}|{after[:12]!r})')
    if re.match(r'[.,]\d', after):
        err(f'{where}: label cuts a number on the right')
    if re.match(r'\s?[-–]\s?(?:US\$|\$|€|£)?\d', after):
        err(f'{where}: label cuts a range on the right')
    if label[-1:].isdigit() and AFTER_UNIT.match(after):
        err(f'{where}: scale word or unit after {label!r} left out')
    toks = [m.span() for m in token_re.finditer(raw)]
    inside = [t for t in toks if s <= t[0] and t[1] <= e]
    cut = [t for t in toks if t[0] < e and s < t[1] and not (s <= t[0] and t[1] <= e)]
    if not inside:
        err(f'{where}: {label!r} contains no figure token')
    for t in cut:
        err(f'{where}: label {label!r} cuts the token {raw[t[0]:t[1]]!r}')


# ------------------------------------------------------------------ label resolution

def occurrences(raw, text):
    out, i = [], raw.find(text)
    while i >= 0:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


class Corpus:
    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(ROOT, name)
        with open(os.path.join(self.dir, 'labels.toml'), 'rb') as fh:
            self.labels = tomllib.load(fh)
        self.docs = sorted(f for f in os.listdir(self.dir) if f.endswith(('.md', '.txt')))
        self.raw, self.masks = {}, {}
        for f in self.docs:
            with open(os.path.join(self.dir, f), encoding='utf-8') as fh:
                self.raw[f] = fh.read()
            self.masks[f] = masked_spans(self.raw[f], f.endswith('.md'))
        self.spans = {}          # (file, start) -> end

    def resolve(self, ref, where, token_re):
        f, text = ref.get('file'), ref.get('text')
        if f not in self.raw:
            err(f'{where}: file {f!r} not in {self.name}/')
            return None
        if not isinstance(text, str) or not text:
            err(f'{where}: missing text')
            return None
        occ = ref.get('occurrence', 1)
        raw = self.raw[f]
        pos = occurrences(raw, text)
        if not pos:
            err(f'{where}: {text!r} does not occur in {f}')
            return None
        if len(pos) > 1 and 'occurrence' not in ref:
            err(f'{where}: {text!r} occurs {len(pos)} times in {f}; occurrence must be given')
        if not isinstance(occ, int) or not 1 <= occ <= len(pos):
            err(f'{where}: occurrence {occ!r} of {text!r} but it occurs {len(pos)} times in {f}')
            return None
        s = pos[occ - 1]
        e = s + len(text)
        if overlaps(s, e, self.masks[f]):
            err(f'{where}: {text!r} (occurrence {occ}) lies in masked text of {f}')
        for (f2, s2), e2 in self.spans.items():
            if f2 == f and s2 < e and s < e2 and (s2, e2) != (s, e):
                err(f'{where}: {text!r} overlaps another label in {f}')
        if (f, s) not in self.spans:
            whole_figure(raw, s, e, token_re, where)
        self.spans[(f, s)] = e
        return (f, s, e)

    def uncovered(self, f, token_re, skip=lambda raw, m: False):
        raw = self.raw[f]
        labelled = [(s, e) for (g, s), e in self.spans.items() if g == f]
        out = []
        for m in token_re.finditer(raw):
            if overlaps(m.start(), m.end(), self.masks[f]) or skip(raw, m):
                continue
            if not any(s <= m.start() and m.end() <= e for s, e in labelled):
                out.append(m)
        return out


def words(text):
    return len(re.findall(r"[A-Za-z0-9€£$][\w'’.,$€£%-]*", text))


# ------------------------------------------------------------------ sourcing

def check_sourcing():
    c = Corpus('sourcing')
    figs = c.labels.get('figure', [])
    stats = {f: [0, 0] for f in c.docs}
    for i, fig in enumerate(figs, 1):
        where = f'sourcing figure #{i} ({fig.get("file")}: {fig.get("text")!r})'
        if not isinstance(fig.get('sourced'), bool):
            err(f'{where}: sourced must be true or false')
            continue
        r = c.resolve(fig, where, MONEY_RE)
        if r and r[0] in stats:
            stats[r[0]][0 if fig['sourced'] else 1] += 1
    seen = {}
    for i, fig in enumerate(figs, 1):
        key = (fig.get('file'), fig.get('text'), fig.get('occurrence', 1))
        if key in seen:
            err(f'sourcing figure #{i}: duplicate of figure #{seen[key]}')
        seen[key] = i
    for f in c.docs:
        if not any(s.get('file') == f for s in figs):
            err(f'sourcing: {f} has no labels')
        for m in c.uncovered(f, MONEY_RE):
            err(f'sourcing: unlabelled money token {m.group()!r} in {f} at offset {m.start()}')
    print('sourcing/')
    print(f'  {"file":38} {"words":>5} {"money":>5} {"src":>4} {"unsrc":>5}')
    for f in c.docs:
        s, u = stats[f]
        print(f'  {f:38} {words(c.raw[f]):5d} {s + u:5d} {s:4d} {u:5d}')
    tot_s = sum(v[0] for v in stats.values())
    tot_u = sum(v[1] for v in stats.values())
    print(f'  {"total":38} {"":5} {tot_s + tot_u:5d} {tot_s:4d} {tot_u:5d}')


# ------------------------------------------------------------------ claims: interval rule

QUALS = [('more than', 'more'), ('over', 'more'), ('at least', 'atleast'), ('nearly', 'nearly'),
         ('almost', 'nearly'), ('up to', 'upto'), ('less than', 'less'), ('under', 'less'),
         ('about', 'about'), ('roughly', 'about'), ('around', 'about'), ('approximately', 'about'),
         ('some', 'about'), ('an estimated', 'exact'), ('between', 'between')]
SCALES = {'k': 10**3, 'K': 10**3, 'thousand': 10**3, 'm': 10**6, 'M': 10**6, 'mn': 10**6,
          'million': 10**6, 'bn': 10**9, 'billion': 10**9, 'trillion': 10**12}
FIG_NUM = re.compile(r'(' + NUM + r')(?:\s?(k|K|m|M|bn|mn)\b|[\s-](thousand|million|billion|trillion)\b)?')


def step_of(numstr):
    s = numstr.replace(',', '')
    if '.' in s:
        return Fr(1, 10 ** len(s.split('.')[1]))
    return Fr(10 ** (len(s) - len(s.rstrip('0'))))


def parse_figure(text):
    """-> dict(qual, values, step, unit)"""
    t = text.strip()
    qual = 'exact'
    for word, q in QUALS:
        if re.match(r'(?i)' + word + r'\b', t):
            qual, t = q, t[len(word):].strip()
            break
    nums = list(FIG_NUM.finditer(t))
    if not nums:
        raise ValueError(f'no number in {text!r}')
    vals = []
    for m in nums:
        sc = m.group(2) or m.group(3)
        vals.append([Fr(m.group(1).replace(',', '')), SCALES[sc] if sc else 1, m])
    if len(vals) == 2 and vals[0][1] == 1 and vals[1][1] != 1 and re.fullmatch(r'\s?[-–]\s?', t[nums[0].end():nums[1].start()]):
        vals[0][1] = vals[1][1]               # "$38-42 million": the scale covers both ends
    if re.search(r'(?:US\$|\$)', t):
        unit = 'USD'
    elif '€' in t or 'EUR' in t:
        unit = 'EUR'
    elif '£' in t:
        unit = 'GBP'
    elif 'CHF' in t:
        unit = 'CHF'
    elif '%' in t or re.search(r'\bper ?cent\b', t):
        unit = '%'
    else:
        unit = 'count'
    if len(vals) == 2:
        if qual not in ('exact', 'between'):
            raise ValueError(f'qualified range {text!r}')
        return dict(qual='range', values=(vals[0][0] * vals[0][1], vals[1][0] * vals[1][1]), unit=unit)
    if len(vals) > 2 or qual == 'between':
        raise ValueError(f'cannot parse {text!r}')
    v, sc, m = vals[0]
    return dict(qual=qual, values=(v * sc,), step=step_of(m.group(1)) * sc, unit=unit)


def interval(fig):
    """-> (lo, lo_closed, hi, hi_closed)"""
    q = fig['qual']
    if q == 'range':
        a, b = fig['values']
        return (a, True, b, True)
    v, s = fig['values'][0], fig['step']
    if q == 'exact':
        return (v - s / 2, True, v + s / 2, False)
    if q == 'about':
        d = max(s / 2, v * Fr(5, 100))
        return (v - d, True, v + d, True)
    if q == 'more':
        return (v, False, v + s, True)
    if q == 'atleast':
        return (v, True, v + s, True)
    if q == 'nearly':
        return (v * Fr(95, 100), True, v, False)
    if q == 'upto':
        return (Fr(0), True, v, True)
    if q == 'less':
        return (Fr(0), True, v, False)
    raise ValueError(q)


def intersect(x, y):
    def before(p, q):       # p lies wholly below q
        return p[2] < q[0] or (p[2] == q[0] and not (p[3] and q[1]))
    return not (before(x, y) or before(y, x))


def verdict(ta, tb):
    fa, fb = parse_figure(ta), parse_figure(tb)
    if not intersect(interval(fa), interval(fb)):
        return 'conflict', fa, fb
    return ('agree' if fa['values'] == fb['values'] else 'differ'), fa, fb


def fmt_interval(iv):
    lo, lc, hi, hc = iv
    f = lambda x: f'{x.numerator:,}' if x.denominator == 1 else f'{float(x):,}'
    return f'{"[" if lc else "("}{f(lo)}, {f(hi)}{"]" if hc else ")"}'


# ------------------------------------------------------------------ claims

SPELLED = re.compile(r'(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|'
                     r'fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|'
                     r'sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|'
                     r'half|twice|triple|double)\b')


def is_year_or_day(raw, m):
    tok = m.group()
    if re.fullmatch(r'(?:19|20)\d\d', tok) and raw[max(0, m.start() - 1):m.start()] not in ('$', '€', '£'):
        return True
    if re.fullmatch(r'\d{1,2}', tok) and 1 <= int(tok) <= 31:
        if re.search(r'\b' + MONTHS + r'\s$', raw[max(0, m.start() - 12):m.start()]):
            return True
        if re.match(r'\s' + MONTHS + r'\b', raw[m.end():m.end() + 12]):
            return True
    return False


def check_claims():
    c = Corpus('claims')
    pairs = c.labels.get('pair', [])
    looks = c.labels.get('lookalike', [])
    node_text = {}
    edges = {}
    counts = {'conflict': 0, 'differ': 0, 'agree': 0}
    lines = []
    for kind, items in (('pair', pairs), ('lookalike', looks)):
        for i, it in enumerate(items, 1):
            where = f'claims {kind} #{i}'
            ends = []
            for side in ('a', 'b'):
                ref = it.get(side)
                if not isinstance(ref, dict):
                    err(f'{where}: missing {side}')
                    ends.append(None)
                    continue
                r = c.resolve(ref, f'{where}.{side} ({ref.get("file")}: {ref.get("text")!r})', NUM_RE)
                ends.append(r)
                if r:
                    node_text[(r[0], r[1])] = ref['text']
            if None in ends:
                continue
            a, b = (ends[0][0], ends[0][1]), (ends[1][0], ends[1][1])
            if a[0] == b[0]:
                err(f'{where}: both ends in {a[0]}')
            if not it.get('note'):
                err(f'{where}: note missing')
            key = frozenset((a, b))
            if key in edges:
                err(f'{where}: repeats {edges[key][0]} #{edges[key][1]}')
            edges[key] = (kind, i)
            if kind == 'pair':
                v = it.get('verdict')
                if v not in counts:
                    err(f'{where}: verdict {v!r} is not conflict | differ | agree')
                    continue
                counts[v] += 1
                try:
                    want, fa, fb = verdict(it['a']['text'], it['b']['text'])
                except ValueError as ex:
                    err(f'{where}: {ex}')
                    continue
                if want != v:
                    err(f'{where}: verdict {v!r} but the interval rule gives {want!r} '
                        f'({it["a"]["text"]!r} {fmt_interval(interval(fa))} vs '
                        f'{it["b"]["text"]!r} {fmt_interval(interval(fb))})')
                if fa['unit'] != fb['unit']:
                    err(f'{where}: units differ ({fa["unit"]} vs {fb["unit"]})')
                lines.append(f'  {v:8} {it["a"]["text"]!r} {fmt_interval(interval(fa))}  vs  '
                             f'{it["b"]["text"]!r} {fmt_interval(interval(fb))}')
    # facts = connected components of the pair graph
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    pair_edges = {k for k, v in edges.items() if v[0] == 'pair'}
    for k in pair_edges:
        a, b = tuple(k)
        parent[find(a)] = find(b)
    comps = {}
    for n in {n for k in pair_edges for n in k}:
        comps.setdefault(find(n), []).append(n)
    for members in comps.values():
        names = ', '.join(f'{f}:{node_text[(f, s)]!r}' for f, s in sorted(members))
        files = [f for f, _ in members]
        if len(set(files)) != len(files):
            err(f'claims: a fact has two figures in one document: {names}')
        for x, y in combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in pair_edges:
                err(f'claims: pair missing inside a fact: {x[0]}:{node_text[x]!r} - {y[0]}:{node_text[y]!r}')
        units = {parse_figure(node_text[m])['unit'] for m in members}
        if len(units) > 1:
            err(f'claims: a fact mixes units {sorted(units)}: {names}')
    for k, (kind, i) in edges.items():
        if kind == 'lookalike':
            a, b = tuple(k)
            if a in parent and b in parent and find(a) == find(b):
                err(f'claims lookalike #{i}: both ends are in one fact')
    # completeness
    for f in c.docs:
        if not any(f == g for g, _ in node_text):
            err(f'claims: {f} has no labels')
        for m in c.uncovered(f, NUM_RE, skip=is_year_or_day):
            err(f'claims: unlabelled number {m.group()!r} in {f} at offset {m.start()}')
        for m in c.uncovered(f, MONEY_RE):
            err(f'claims: unlabelled money token {m.group()!r} in {f}')
        raw = c.raw[f]
        for m in SPELLED.finditer(raw):
            if overlaps(m.start(), m.end(), c.masks[f]):
                continue
            if m.group().lower() in ('thousand', 'million', 'billion') and re.search(r'\d\s?$', raw[:m.start()]):
                continue
            err(f'claims: spelled number {m.group()!r} in {f} at offset {m.start()}')
    print('claims/')
    for f in c.docs:
        n = sum(1 for g, _ in node_text if g == f)
        print(f'  {f:38} {words(c.raw[f]):5d} words  {n:3d} labelled figures')
    print(f'  facts: {len(comps)} ({", ".join(str(len(m)) for m in comps.values())} documents each)')
    print(f'  pairs: {sum(counts.values())} (conflict {counts["conflict"]}, differ {counts["differ"]}, '
          f'agree {counts["agree"]}); look-alikes: {len(looks)}')
    if '-v' in sys.argv or os.environ.get('VERBOSE'):
        print('\n'.join(lines))


def main():
    for name, fn in (('sourcing', check_sourcing), ('claims', check_claims)):
        try:
            fn()
        except (OSError, tomllib.TOMLDecodeError) as ex:
            err(f'{name}: {ex}')
    if errors:
        print(f'\nFAIL: {len(errors)} problem(s)')
        for e in errors:
            print('  -', e)
        return 1
    print('\nOK: all checks pass')
    return 0


if __name__ == '__main__':
    sys.exit(main())
