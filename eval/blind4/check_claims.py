import tomllib, re, os, collections
from fractions import Fraction as F
d='/work/main/eval/blind4/claims'
L=tomllib.load(open(f'{d}/labels.toml','rb'))
files=sorted(f for f in os.listdir(d) if f!='labels.toml')
raw={f:open(f'{d}/{f}').read() for f in files}
ok=True
def check(x):
    global ok
    c=raw[x['file']].count(x['text'])
    if c==0: print('MISSING',x); ok=False
    elif c>1 and 'occurrence' not in x: print('NEED OCC',x,c); ok=False
QUAL=['more than','nearly','roughly','about','some','up to','at least','less than','over']
MULT={'million':10**6,'billion':10**9}
def interval(t):
    q=None
    for w in QUAL:
        if t.startswith(w+' '): q=w; t=t[len(w)+1:]; break
    m=re.match(r'\$?([\d,]+(?:\.\d+)?)(?:\s*(million|billion))?',t)
    num=m.group(1).replace(',',''); mult=MULT.get(m.group(2),1)
    if '.' in num:
        dec=len(num.split('.')[1]); step=F(1,10**dec)
    else:
        s=num.rstrip('0'); step=F(10**(len(num)-len(s)))
    v=F(num)*mult; step*=mult
    if q is None: return (v-step/2,v+step/2,True,False),v,q
    if q in('about','roughly','some'): h=max(step/2,v/20); return (v-h,v+h,True,True),v,q
    if q in('more than','over'): return (v,v+step,False,True),v,q
    if q=='at least': return (v,v+step,True,True),v,q
    if q=='nearly': return (v*F(95,100),v,True,False),v,q
    if q=='up to': return (F(0),v,True,True),v,q
    if q=='less than': return (F(0),v,True,False),v,q
def overlap(a,b):
    lo,hi=(a,b) if a[0]<=b[0] else (b,a)
    # lo starts first; overlap iff hi.start < lo.end or equal with both closed
    if hi[0]<lo[1]: return True
    if hi[0]==lo[1]: return lo[3] and hi[2]
    return False
def fmt(i): return f"{'[' if i[2] else '('}{float(i[0]):g}, {float(i[1]):g}{']' if i[3] else ')'}"
cnt=collections.Counter()
for p in L['pair']:
    check(p['a']); check(p['b'])
    assert p['a']['file']!=p['b']['file']
    ia,va,_=interval(p['a']['text']); ib,vb,_=interval(p['b']['text'])
    v='conflict' if not overlap(ia,ib) else ('agree' if va==vb else 'differ')
    cnt[v]+=1
    flag='' if v==p['verdict'] else '   <<<< MISMATCH'
    if flag: ok=False
    print(f"{p['verdict']:8} {p['a']['text']!r} {fmt(ia)} vs {p['b']['text']!r} {fmt(ib)} -> {v}{flag}")
for l in L['lookalike']:
    check(l['a']); check(l['b']); assert l['a']['file']!=l['b']['file']
print(cnt, 'pairs',len(L['pair']),'lookalikes',len(L['lookalike']))
# numbers shared between docs in a cluster
for pre in ('derailment','mill-closure'):
    fs=[f for f in files if f.startswith(pre)]
    nums={f:collections.Counter(re.findall(r'\d[\d,.]*\d|\d',raw[f])) for f in fs}
    allnums=collections.Counter()
    for f in fs:
        for n in nums[f]: allnums[n]+=1
    print(pre,'numbers in >1 doc:',[n for n,c in allnums.items() if c>1])
    print(pre,'numbers repeated within one doc:',{f:[n for n,c in nums[f].items() if c>1] for f in fs})
for f in files: print(f,len(raw[f].split()),'words')
print('OK' if ok else 'PROBLEMS')
