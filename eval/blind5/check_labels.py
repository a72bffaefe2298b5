"""Check blind5 labels: texts occur verbatim, occurrences are right, verdicts recomputed."""
import tomllib, re, os, sys
from fractions import Fraction as F
from itertools import combinations

base = os.path.dirname(os.path.abspath(__file__))
errs = []

def raw(folder, f):
    return open(os.path.join(base, folder, f), encoding='utf-8').read()

def check_loc(folder, loc, what):
    t = raw(folder, loc['file']); n = t.count(loc['text'])
    occ = loc.get('occurrence', 1)
    if n == 0: errs.append(f"{what}: {loc['text']!r} not in {loc['file']}")
    elif occ > n: errs.append(f"{what}: occurrence {occ} > count {n} for {loc['text']!r}")
    elif n > 1 and 'occurrence' not in loc: errs.append(f"{what}: {loc['text']!r} occurs {n}x in {loc['file']} but no occurrence")
    return n

# ---------- sourcing ----------
S = tomllib.load(open(os.path.join(base, 'sourcing/labels.toml'), 'rb'))
cnt = {}
seen = set()
for i, fg in enumerate(S['figure']):
    check_loc('sourcing', fg, f"figure {i}")
    key = (fg['file'], fg['text'], fg.get('occurrence', 1))
    if key in seen: errs.append(f"dup {key}")
    seen.add(key)
    c = cnt.setdefault(fg['file'], [0, 0]); c[0 if fg['sourced'] else 1] += 1
tot = [sum(v[0] for v in cnt.values()), sum(v[1] for v in cnt.values())]
for f, (a, b) in sorted(cnt.items()):
    print(f"{f:32s} sourced {a:2d} unsourced {b:2d} total {a+b:2d} words {len(raw('sourcing', f).split())}")
print("sourcing total", sum(tot), "sourced", tot[0], "unsourced", tot[1])

# every currency token in the prose is labelled: find money-looking tokens and see each is covered by a label span
def strip_nonprose(t, md):
    # blank out front matter, html comments, fenced code, inline code, URLs (keep offsets)
    def blank(m): return re.sub(r'[^\n]', ' ', m.group(0))
    if md:
        t = re.sub(r'\A---\n.*?\n---\n', blank, t, flags=re.S)
        t = re.sub(r'<!--.*?-->', blank, t, flags=re.S)
        t = re.sub(r'```.*?```', blank, t, flags=re.S)
        t = re.sub(r'`[^`\n]*`', blank, t)
    t = re.sub(r'https?://\S+', blank, t)
    return t
money = re.compile(r'[$£€][\d.,]+|\b(?:one|two|three|half a)\s+million\s+(?:dollars|pounds)')
for f in sorted(cnt):
    t = raw('sourcing', f); p = strip_nonprose(t, f.endswith('.md'))
    spans = []
    for fg in S['figure']:
        if fg['file'] != f: continue
        idx = -1
        for _ in range(fg.get('occurrence', 1)):
            idx = t.find(fg['text'], idx + 1)
        spans.append((idx, idx + len(fg['text'])))
        if p[idx:idx+len(fg['text'])] != fg['text']:
            errs.append(f"{f}: label {fg['text']!r} occ {fg.get('occurrence',1)} falls in non-prose")
    for m in money.finditer(p):
        if not any(a <= m.start() < b for a, b in spans):
            errs.append(f"{f}: unlabelled money {m.group(0)!r} at {m.start()}")

# ---------- claims ----------
C = tomllib.load(open(os.path.join(base, 'claims/labels.toml'), 'rb'))
WORDNUM = {'million': 10**6, 'billion': 10**9}
def parse(text):
    t = text.lower()
    qual = None
    for q in ['more than', 'at least', 'nearly', 'about', 'roughly', 'some', 'up to', 'less than', 'over']:
        if t.startswith(q + ' '): qual = q; t = t[len(q)+1:]; break
    m = re.match(r'[$£€]?([\d,]+(?:\.\d+)?)\s*(million|billion)?', t)
    num = m.group(1).replace(',', '')
    mult = WORDNUM.get(m.group(2), 1)
    v = F(num) * mult
    if '.' in num:
        step = F(1, 10 ** len(num.split('.')[1])) * mult
    else:
        stripped = num.rstrip('0'); tz = len(num) - len(stripped)
        step = F(10 ** tz) * mult
    return qual, v, step
def interval(text):
    q, v, s = parse(text)
    if q is None: return (v - s/2, v + s/2, True, False)
    if q in ('about', 'roughly', 'some'):
        d = max(s/2, v/20); return (v - d, v + d, True, True)
    if q in ('more than', 'over'): return (v, v + s, False, True)
    if q == 'at least': return (v, v + s, True, True)
    if q == 'nearly': return (v * F(95, 100), v, True, False)
    if q == 'up to': return (F(0), v, True, True)
    if q == 'less than': return (F(0), v, True, False)
def overlap(i, j):
    lo, hi = (i, j) if i[0] <= j[0] else (j, i)
    if hi[0] < lo[1]: return True
    if hi[0] == lo[1]: return lo[3] and hi[2]
    return False
vc = {}
pairs_seen = set()
for i, p in enumerate(C['pair']):
    for k in 'ab': check_loc('claims', p[k], f"pair {i}{k}")
    if p['a']['file'] == p['b']['file']: errs.append(f"pair {i} same file")
    ia, ib = interval(p['a']['text']), interval(p['b']['text'])
    if not overlap(ia, ib): v = 'conflict'
    elif parse(p['a']['text'])[1] == parse(p['b']['text'])[1]: v = 'agree'
    else: v = 'differ'
    if v != p['verdict']: errs.append(f"pair {i} {p['a']['text']} / {p['b']['text']}: labelled {p['verdict']} computed {v}")
    vc[v] = vc.get(v, 0) + 1
    pairs_seen.add(frozenset([(p['a']['file'], p['a']['text']), (p['b']['file'], p['b']['text'])]))
for i, l in enumerate(C['lookalike']):
    for k in 'ab': check_loc('claims', l[k], f"lookalike {i}{k}")
    if l['a']['file'] == l['b']['file']: errs.append(f"lookalike {i} same file")
    if frozenset([(l['a']['file'], l['a']['text']), (l['b']['file'], l['b']['text'])]) in pairs_seen:
        errs.append(f"lookalike {i} is also a pair")
print("claims pairs", len(C['pair']), vc, "lookalikes", len(C['lookalike']))
for f in sorted(os.listdir(os.path.join(base, 'claims'))):
    if f.endswith(('.md', '.txt')): print(f"{f:22s} words {len(raw('claims', f).split())}")

# fact transitivity: pairs form complete cliques (3-doc facts give 3 pairs)
import collections
adj = collections.defaultdict(set)
for p in C['pair']:
    a = (p['a']['file'], p['a']['text']); b = (p['b']['file'], p['b']['text'])
    adj[a].add(b); adj[b].add(a)
for n in adj:
    for x, y in combinations(adj[n], 2):
        if y not in adj[x]: errs.append(f"missing pair {x} {y}")

# numbers outside pairs/lookalikes occur in only one doc of a cluster
labelled = set()
for p in C['pair'] + C['lookalike']:
    for k in 'ab': labelled.add(parse(p[k]['text'])[1])
numre = re.compile(r'(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?%?')
for cl in ('chess', 'crypto'):
    docs = [f for f in os.listdir(os.path.join(base, 'claims')) if f.startswith(cl)]
    where = collections.defaultdict(set)
    for f in docs:
        for m in numre.finditer(raw('claims', f)):
            tok = m.group(0).rstrip(',.').lstrip('$£€').rstrip('%').replace(',', '')
            if not tok: continue
            where[tok].add(f)
    for tok, fs in where.items():
        if len(fs) > 1 and not (F(tok) in labelled or F(tok) * 10**6 in labelled):
            print(f"  note: {cl}: number {tok} appears in {sorted(fs)}")
print("ERRORS:" if errs else "OK, no errors")
for e in errs: print("  ", e)
