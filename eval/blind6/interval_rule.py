"""Interval rule of ../corpora/README.md (issue 4)."""
import re
from fractions import Fraction as F
QUAL=["more than","nearly","about","roughly","up to","at least","less than","over"]
def parse(t):
    q=''; s=t
    for p in QUAL:
        if s.lower().startswith(p+" "): q=p; s=s[len(p)+1:]; break
    m=re.search(r'\$?([\d,]+(?:\.\d+)?)\s*(million|billion)?',s)
    num=m.group(1).replace(',','')
    mult={'million':10**6,'billion':10**9,None:1}[m.group(2)]
    v=F(num)*mult
    if '.' in num: step=F(1,10**len(num.split('.')[1]))*mult
    else:
        z=len(num)-len(num.rstrip('0')); step=F(10**z)*mult
    return q,v,step
def interval(t):
    q,v,st=parse(t)
    if q=='': return (v-st/2,v+st/2,'[)')
    if q in('about','roughly'): d=max(st/2,v/20); return (v-d,v+d,'[]')
    if q in('more than','over'): return (v,v+st,'(]')
    if q=='at least': return (v,v+st,'[]')
    if q=='nearly': return (F(95,100)*v,v,'[)')
    if q=='up to': return (F(0),v,'[]')
    if q=='less than': return (F(0),v,'[)')
def contains(a,x):
    lo,hi,br=a
    if lo<x<hi: return True
    return (x==lo and br[0]=='[') or (x==hi and br[1]==']')
def overlap(a,b):
    lo=max(a[0],b[0]); hi=min(a[1],b[1])
    if lo<hi: return True
    if lo>hi: return False
    return contains(a,lo) and contains(b,lo)
def verdict(ta,tb):
    if not overlap(interval(ta),interval(tb)): return 'conflict'
    return 'agree' if parse(ta)[1]==parse(tb)[1] else 'differ'
def g(x):
    x=float(x)
    if x>=1e6: return f"{x/1e6:g}M"
    return f"{x:,.10g}"
def fmt(t):
    lo,hi,br=interval(t); q,v,st=parse(t)
    rule={'':'exact','about':'about +/- max(step/2, 5%)','roughly':'roughly +/- max(step/2, 5%)','more than':'more than (v, v+step]','nearly':'nearly [0.95v, v)','up to':'up to [0, v]','at least':'at least [v, v+step]'}[q]
    return f"'{t}' v={g(v)} step={g(st)} {rule} -> {br[0]}{g(lo)}, {g(hi)}{br[1]}"
