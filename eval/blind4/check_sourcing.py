import tomllib, re, os, collections
d='/work/main/eval/blind4/sourcing'
L=tomllib.load(open(f'{d}/labels.toml','rb'))['figure']
files=sorted(f for f in os.listdir(d) if f!='labels.toml')
raw={f:open(f'{d}/{f}').read() for f in files}
def occ(s,t):
    r=[];i=s.find(t)
    while i>=0: r.append(i); i=s.find(t,i+1)
    return r
ok=True; spans=collections.defaultdict(list); cnt=collections.Counter()
seen=set()
for x in L:
    f,t=x['file'],x['text']; o=occ(raw[f],t); n=x.get('occurrence',1)
    if not o: print('MISSING',f,t); ok=False; continue
    if len(o)>1 and 'occurrence' not in x: print('NEED OCC',f,t,len(o)); ok=False
    if len(o)==1 and 'occurrence' in x: print('EXTRA OCC',f,t)
    if n>len(o): print('BAD OCC',f,t); ok=False; continue
    if (f,t,n) in seen: print('DUP',f,t,n); ok=False
    seen.add((f,t,n))
    spans[f].append((o[n-1],o[n-1]+len(t)))
    cnt[(f,x['sourced'])]+=1
money=re.compile(r'(US)?\$[\d,.]+\d(\s?(million|billion|M|bn|k|K)\b)?|\d+ cents|half a million dollars|\w+ million dollars')
for f in files:
    for m in money.finditer(raw[f]):
        if not any(a<=m.start()<b for a,b in spans[f]):
            print('UNLABELLED',f,repr(m.group()), repr(raw[f][max(0,m.start()-40):m.end()+10]))
for f in files:
    s,u=cnt[(f,True)],cnt[(f,False)]
    print(f, len(raw[f].split()),'words', s,'sourced',u,'unsourced',s+u)
print('total',sum(v for (f,s),v in cnt.items() if s),sum(v for (f,s),v in cnt.items() if not s), len(L), 'ok' if ok else 'PROBLEMS')
