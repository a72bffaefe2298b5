"""Checks blind6 labels: texts verbatim, occurrences, verdicts by the interval rule,
unlabelled money in sourcing prose, numbers shared across documents of a claims cluster."""
import re, sys, tomllib, os
from itertools import combinations
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interval_rule import interval, overlap, parse
ok = True
def err(*a):
    global ok; ok = False; print("ERROR", *a)
base = os.path.dirname(os.path.abspath(__file__))

# ---- sourcing ----
S = os.path.join(base, "sourcing")
lab = tomllib.load(open(os.path.join(S, "labels.toml"), "rb"))["figure"]
seen = set()
for f in lab:
    raw = open(os.path.join(S, f["file"])).read()
    n = raw.count(f["text"]); occ = f.get("occurrence", 1)
    if n == 0: err("missing", f)
    if n > 1 and "occurrence" not in f: err("repeated text without occurrence", f["file"], f["text"], n)
    if occ > n: err("occurrence too big", f)
    key = (f["file"], f["text"], occ)
    if key in seen: err("duplicate label", key)
    seen.add(key)
# unlabelled money scan: strip front matter, HTML comments, fenced code, inline code, URLs
money = re.compile(r"(?:US)?\$[\d][\d,.]*(?:\s?(?:million|billion|M|bn|k|K)\b)?|half a million dollars|[\d.]+ (?:million|billion) dollars|€[\d.,]+|£[\d.,]+")
for fn in sorted(os.listdir(S)):
    if fn == "labels.toml": continue
    raw = open(os.path.join(S, fn)).read()
    prose = re.sub(r"\A---\n.*?\n---\n", lambda m: " " * len(m.group()), raw, flags=re.S)
    for pat in [r"<!--.*?-->", r"```.*?```", r"`[^`\n]*`", r"\(https?://[^)]*\)", r"https?://\S+"]:
        prose = re.sub(pat, lambda m: " " * len(m.group()), prose, flags=re.S)
    labelled_spans = []
    for f in [x for x in lab if x["file"] == fn]:
        idx = -1
        for _ in range(f.get("occurrence", 1)):
            idx = raw.find(f["text"], idx + 1)
        if prose[idx:idx + len(f["text"])] != f["text"]:
            err("label points into non-prose region", fn, f["text"], f.get("occurrence", 1))
        labelled_spans.append((idx, idx + len(f["text"])))
    for m in money.finditer(prose):
        if not any(a <= m.start() < b for a, b in labelled_spans):
            err("unlabelled money in prose", fn, repr(m.group()))
    mine = [x for x in lab if x["file"] == fn]
    print(f"sourcing/{fn}: {len(raw.split())} words, {len(mine)} figures, "
          f"{sum(x['sourced'] for x in mine)} sourced / {sum(not x['sourced'] for x in mine)} unsourced")
print("sourcing total:", len(lab), "sourced", sum(x["sourced"] for x in lab), "unsourced", sum(not x["sourced"] for x in lab))

# ---- claims ----
C = os.path.join(base, "claims")
cl = tomllib.load(open(os.path.join(C, "labels.toml"), "rb"))
from collections import Counter
cnt = Counter()
for kind in ("pair", "lookalike"):
    for p in cl[kind]:
        for side in ("a", "b"):
            s = p[side]; raw = open(os.path.join(C, s["file"])).read()
            n = raw.count(s["text"])
            if n == 0: err("missing", s)
            if n > 1 and "occurrence" not in s: err("repeated text without occurrence", s)
        if p["a"]["file"] == p["b"]["file"]: err("same file", p)
        if kind == "pair":
            ta, tb = p["a"]["text"], p["b"]["text"]
            ia, ib = interval(ta), interval(tb)
            v = "conflict" if not overlap(ia, ib) else ("agree" if parse(ta)[1] == parse(tb)[1] else "differ")
            if v != p["verdict"]: err("verdict", p, v)
            cnt[v] += 1
print("claims pairs:", len(cl["pair"]), dict(cnt), "lookalikes:", len(cl["lookalike"]))
# numbers shared between documents of one cluster (years and dates excluded) must be labelled
clusters = [["naming-rights-wire.txt", "naming-rights-release.md", "council-minutes.txt"],
            ["solar-lease-local.md", "solar-lease-newsletter.md", "solar-lease-trade.txt"]]
labelled = {(s["file"], s["text"]) for k in ("pair", "lookalike") for p in cl[k] for s in (p["a"], p["b"])}
num = re.compile(r"\d[\d,]*(?:\.\d+)?")
for cluster in clusters:
    nums = {}
    for fn in cluster:
        raw = open(os.path.join(C, fn)).read()
        print(f"claims/{fn}: {len(raw.split())} words")
        for m in num.finditer(raw):
            t = m.group().rstrip(",.")
            if re.fullmatch(r"(19|20)\d\d", t): continue
            nums.setdefault(t, set()).add(fn)
    labelled_nums = {num.search(t).group().rstrip(",.") for (_, t) in labelled}
    for t, fs in nums.items():
        if len(fs) > 1 and t not in labelled_nums:
            print("  note: number", t, "appears in", sorted(fs))
print("OK" if ok else "FAILED")
