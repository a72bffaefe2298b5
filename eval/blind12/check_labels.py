#!/usr/bin/env python3
"""Self-check for the blind12 evaluation set (python3 stdlib + tomllib only).

Checks, for sourcing/labels.toml and claims/labels.toml:
  * every label's text occurs verbatim at its occurrence (1-based over the raw file); a text that
    occurs more than once in the file must carry an explicit occurrence;
  * no label is the tail or head of a longer number (or of a longer range / currency token);
  * no two distinct labelled figures of one file share characters;
  * completeness: every money token in the prose is inside a label (front matter, HTML comments,
    fenced and inline code, link targets, bare URLs and e-mail addresses are masked first); in
    claims/ every other number must be a year, date, time, phone number or route number;
  * every pair's verdict equals the one recomputed from the interval rule;
  * facts (connected components of pairs) never hold two figures of one document, and every
    cross-document pair inside a fact is labelled; a look-alike never joins two figures of one
    fact; in claims/ every money figure / counted quantity belongs to a pair or look-alike;
  * counts: documents, Markdown/plain split, words per document, figures per document,
    sourced/unsourced balance, pairs, look-alikes, verdict mix.
Exit status 0 when everything passes.
"""
import itertools
import pathlib
import re
import sys
import tomllib
from fractions import Fraction as Fr

ROOT = pathlib.Path(__file__).resolve().parent
ERRORS = []


def err(msg):
    ERRORS.append(msg)


# ----------------------------------------------------------------------------- masking
def mask(raw, is_md):
    """Blank out (with spaces, keeping offsets and newlines) everything that is not prose."""
    chars = list(raw)

    def blank(a, b):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    if is_md:
        m = re.match(r"---\n.*?\n---\n", raw, re.S)
        if m:
            blank(m.start(), m.end())
        for m in re.finditer(r"<!--.*?-->", raw, re.S):
            blank(m.start(), m.end())
        for m in re.finditer(r"^```.*?^```[^\n]*$", raw, re.S | re.M):
            blank(m.start(), m.end())
        for m in re.finditer(r"`[^`\n]+`", raw):
            blank(m.start(), m.end())
        for m in re.finditer(r"\]\(([^)\s]+)\)", raw):
            blank(m.start(1), m.end(1))
    for m in re.finditer(r"https?://\S+", raw):
        blank(m.start(), m.end())
    for m in re.finditer(r"[\w.+-]+@[\w-]+\.\w+", raw):
        blank(m.start(), m.end())
    return "".join(chars)


NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
MONEY_RES = [
    re.compile(r"(?:US\$|C\$|A\$|\$|€|£)\s?" + NUM),
    re.compile(r"\b(?:USD|EUR|GBP|CAD)\s?" + NUM),
    re.compile(NUM + r"\s?¢"),
    re.compile(r"\b(?:dollars?|euros?|pounds?|cents?|bucks)\b", re.I),
]


def money_tokens(masked):
    out = []
    for rx in MONEY_RES:
        for m in rx.finditer(masked):
            out.append((m.start(), m.end(), m.group()))
    return out


# ----------------------------------------------------------------------------- locating labels
def occurrences(raw, text):
    pos, out = 0, []
    while True:
        i = raw.find(text, pos)
        if i < 0:
            return out
        out.append(i)
        pos = i + 1


def locate(files, where, file, text, occ):
    if file not in files:
        err(f"{where}: unknown file {file!r}")
        return None
    raw = files[file]
    hits = occurrences(raw, text)
    if not hits:
        err(f"{where}: {text!r} not found in {file}")
        return None
    if len(hits) > 1 and occ is None:
        err(f"{where}: {text!r} occurs {len(hits)} times in {file}; give occurrence")
    n = occ or 1
    if n > len(hits):
        err(f"{where}: {text!r} occurrence {n} > {len(hits)} in {file}")
        return None
    start = hits[n - 1]
    end = start + len(text)

    def bounded(i):
        j = i + len(text)
        return not (raw[i - 1:i].isalnum() or raw[i - 1:i] in ("$", "€", "£")
                    or raw[j:j + 1].isdigit() or (raw[j:j + 1] in ".," and raw[j + 1:j + 2].isdigit()))
    token_hits = [h for h in hits if bounded(h)]
    if start in token_hits and token_hits.index(start) != n - 1:
        err(f"{where}: occurrence {n} of {text!r} in {file} is ambiguous (substring count and "
            f"whole-token count disagree)")
    before = raw[max(0, start - 2):start]
    after = raw[end:end + 2]
    b1 = before[-1:] if before else ""
    a1 = after[:1]
    a2 = after[1:2]
    if b1.isalnum() or (b1 in ".," and before[:1].isdigit()) or b1 in "$€£":
        err(f"{where}: {text!r} in {file} is the tail of a longer token ({raw[start-3:end]!r})")
    if (text[-1].isdigit() and (a1.isdigit() or (a1 in ".,-–" and (a2.isdigit() or a2 in "$€£"))))\
            or (text[-1].isalnum() and a1.isalnum()) or (a1 in "-–" and a2 in "$€£"):
        err(f"{where}: {text!r} in {file} is the head of a longer token ({raw[start:end+3]!r})")
    if masked_files[file][start:end] != raw[start:end]:
        err(f"{where}: {text!r} occurrence {n} in {file} sits in masked text (front matter, code, link target...)")
    return (file, start, end)


# ----------------------------------------------------------------------------- interval rule
MULT = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6,
        "billion": 10**9, "bn": 10**9, "b": 10**9}
QUALS = [
    ("not to exceed", "upto"), ("more than", "more"), ("at least", "atleast"), ("less than", "less"),
    ("up to", "upto"), ("an estimated", "exact"), ("approximately", "about"), ("roughly", "about"),
    ("around", "about"), ("about", "about"), ("some", "about"), ("nearly", "nearly"),
    ("almost", "nearly"), ("over", "more"), ("under", "less"),
]
NUMPART = r"(?:US\$|C\$|\$|€|£)?\s?(\d[\d,]*(?:\.\d+)?)(?:\s?-?(million|billion|thousand|bn|mn|m|k|b)\b)?"


def num_step(s, mult):
    s = s.replace(",", "")
    v = Fr(s)
    if "." in s:
        step = Fr(1, 10 ** len(s.split(".")[1]))
    else:
        z = len(s) - len(s.rstrip("0"))
        if z == len(s):
            z = 0
        step = Fr(10 ** z)
    return v * mult, step * mult


def parse(text):
    """Return (stated, interval); interval = (lo, lo_closed, hi, hi_closed)."""
    t = text.strip().lower().replace("–", "-")
    kind = "exact"
    for q, k in QUALS:
        if t.startswith(q + " "):
            kind, t = k, t[len(q) + 1:].strip()
            break
    m = re.match(r"between\s+(.*?)\s+and\s+(.*)$", t) or re.match(r"(.*?)\s*(?:-|\bto\b)\s*(.*)$", t)
    if m and re.search(r"\d", m.group(1)) and re.match(r"\s*(?:US\$|C\$|\$|€|£)?\s?\d", m.group(2)):
        a = re.match(NUMPART, m.group(1))
        b = re.match(NUMPART, m.group(2))
        mb = MULT.get((b.group(2) or "").lower(), 1)
        ma = MULT.get((a.group(2) or "").lower(), mb)
        va, _ = num_step(a.group(1), ma)
        vb, _ = num_step(b.group(1), mb)
        return (va, vb), (va, True, vb, True)
    n = re.match(NUMPART, t)
    if not n:
        raise ValueError(f"cannot parse {text!r}")
    v, s = num_step(n.group(1), MULT.get((n.group(2) or "").lower(), 1))
    if kind == "exact":
        iv = (v - s / 2, True, v + s / 2, False)
    elif kind == "about":
        d = max(s / 2, v / 20)
        iv = (v - d, True, v + d, True)
    elif kind == "more":
        iv = (v, False, v + s, True)
    elif kind == "atleast":
        iv = (v, True, v + s, True)
    elif kind == "nearly":
        iv = (v * Fr(95, 100), True, v, False)
    elif kind == "upto":
        iv = (Fr(0), True, v, True)
    elif kind == "less":
        iv = (Fr(0), True, v, False)
    return v, iv


def disjoint(x, y):
    def left_of(p, q):  # p entirely below q
        return p[2] < q[0] or (p[2] == q[0] and not (p[3] and q[1]))
    return left_of(x, y) or left_of(y, x)


def verdict(ta, tb):
    sa, ia = parse(ta)
    sb, ib = parse(tb)
    if disjoint(ia, ib):
        return "conflict"
    return "agree" if sa == sb else "differ"


def self_test():
    cases = [("nearly $220 million", "more than $220 million", "conflict"),
             ("$310 million", "$315 million", "differ"),
             ("$48.5 million", "$48 million", "differ"),
             ("between $9 million and $11 million", "$10 million", "differ"),
             ("about $3.4 million", "$3.4M", "agree")]
    for a, b, want in cases:
        got = verdict(a, b)
        if got != want:
            err(f"interval self-test: {a!r} vs {b!r} gave {got}, want {want}")


# ----------------------------------------------------------------------------- loading
def load_folder(name):
    folder = ROOT / name
    files = {}
    for p in sorted(folder.iterdir()):
        if p.suffix in (".md", ".txt"):
            files[p.name] = p.read_text(encoding="utf-8")
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    return files, labels


def words(raw):
    return len(raw.split())


def check_docs(files, lo, hi, name):
    md = [f for f in files if f.endswith(".md")]
    txt = [f for f in files if f.endswith(".txt")]
    if len(files) != 6 or len(md) != 3 or len(txt) != 3:
        err(f"{name}: want 6 documents (3 .md, 3 .txt), got {len(md)} .md and {len(txt)} .txt")
    for f, raw in files.items():
        w = words(raw)
        if not lo <= w <= hi:
            err(f"{name}/{f}: {w} words, want {lo}-{hi}")
        if re.search(r"https?://(?![\w.-]*\.example\b)", raw):
            err(f"{name}/{f}: URL outside .example")
        for m in re.finditer(r"[\w.+-]+@([\w-]+\.\w+)", raw):
            if not m.group(1).endswith(".example"):
                err(f"{name}/{f}: e-mail outside .example: {m.group()}")
        for m in re.finditer(r"\b\d{3}-\d{4}\b", raw):
            if not m.group().startswith("555-"):
                err(f"{name}/{f}: phone number not 555: {m.group()}")


def completeness(files, spans_by_file, name):
    for f, raw in files.items():
        masked = masked_files[f]
        spans = spans_by_file.get(f, [])
        for s, e, tok in money_tokens(masked):
            if not any(a <= s and e <= b for a, b in spans):
                line = raw.count("\n", 0, s) + 1
                err(f"{name}/{f}:{line}: money token {tok!r} is not inside any label")


def no_shared_spans(spans_by_file, name):
    for f, spans in spans_by_file.items():
        for (a1, b1), (a2, b2) in itertools.combinations(sorted(set(spans)), 2):
            if a1 < b2 and a2 < b1:
                err(f"{name}/{f}: labels at {a1}-{b1} and {a2}-{b2} share characters")


masked_files = {}


# ----------------------------------------------------------------------------- sourcing
def check_sourcing():
    files, labels = load_folder("sourcing")
    for f, raw in files.items():
        masked_files[f] = mask(raw, f.endswith(".md"))
    check_docs(files, 280, 340, "sourcing")
    figs = labels.get("figure", [])
    spans_by_file, per_file, seen = {}, {}, set()
    n_src = 0
    for i, fig in enumerate(figs, 1):
        where = f"sourcing figure #{i} ({fig.get('file')} {fig.get('text')!r})"
        if not isinstance(fig.get("sourced"), bool):
            err(f"{where}: 'sourced' must be true or false")
        if not re.search(r"(?:\d|\d[KkMm]|bn|million|billion|thousand|dollars|euros|pounds|cents|%)$", fig["text"]):
            err(f"{where}: label text should end with the number or its multiplier (no words after it)")
        loc = locate(files, where, fig["file"], fig["text"], fig.get("occurrence"))
        if not loc:
            continue
        if loc in seen:
            err(f"{where}: labelled twice")
        seen.add(loc)
        spans_by_file.setdefault(loc[0], []).append((loc[1], loc[2]))
        per_file.setdefault(loc[0], [0, 0])[0 if fig.get("sourced") else 1] += 1
        n_src += bool(fig.get("sourced"))
    no_shared_spans(spans_by_file, "sourcing")
    completeness(files, spans_by_file, "sourcing")
    for f in files:
        s, u = per_file.get(f, [0, 0])
        if s + u != 12:
            err(f"sourcing/{f}: {s + u} figures, want 12")
        if abs(s - u) > 4:
            err(f"sourcing/{f}: {s} sourced vs {u} unsourced is not about half")
    if len(figs) != 72:
        err(f"sourcing: {len(figs)} figures, want 72")
    print(f"sourcing: {len(files)} docs, {len(figs)} figures ({n_src} sourced, {len(figs) - n_src} unsourced); "
          f"words {min(map(words, files.values()))}-{max(map(words, files.values()))}")


# ----------------------------------------------------------------------------- claims
YEAR = re.compile(r"^(?:18|19|20)\d\d$")
MONTHS = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"


def check_claims():
    files, labels = load_folder("claims")
    for f, raw in files.items():
        masked_files[f] = mask(raw, f.endswith(".md"))
    check_docs(files, 260, 320, "claims")
    prefixes = {}
    for f in files:
        prefixes.setdefault(f.split("-")[0], []).append(f)
    if len(prefixes) != 2 or any(len(v) != 3 for v in prefixes.values()):
        err(f"claims: want 2 clusters of 3 documents, got {prefixes}")

    texts = {}  # figure key -> text

    def fig(where, d):
        loc = locate(files, where, d["file"], d["text"], d.get("occurrence"))
        if loc:
            key = loc
            if texts.setdefault(key, d["text"]) != d["text"]:
                err(f"{where}: same span labelled with different texts")
            return key
        return None

    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = labels.get("pair", [])
    looks = labels.get("lookalike", [])
    labelled_pairs = set()
    vcount = {"conflict": 0, "differ": 0, "agree": 0}
    for i, p in enumerate(pairs, 1):
        where = f"pair #{i} ({p['a']['text']!r} / {p['b']['text']!r})"
        a, b = fig(where, p["a"]), fig(where, p["b"])
        if not (a and b):
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in one document")
        if a[0].split("-")[0] != b[0].split("-")[0]:
            err(f"{where}: figures from different clusters")
        want = p.get("verdict")
        try:
            got = verdict(p["a"]["text"], p["b"]["text"])
        except ValueError as e:
            err(f"{where}: {e}")
            continue
        if got != want:
            err(f"{where}: verdict {want!r} but the interval rule gives {got!r}")
        vcount[want] = vcount.get(want, 0) + 1
        if not p.get("note"):
            err(f"{where}: missing note")
        k = frozenset((a, b))
        if k in labelled_pairs:
            err(f"{where}: pair labelled twice")
        labelled_pairs.add(k)
        parent[find(a)] = find(b)

    comps = {}
    for x in list(parent):
        comps.setdefault(find(x), []).append(x)
    for members in comps.values():
        docs = [m[0] for m in members]
        if len(docs) != len(set(docs)):
            err(f"claims: a fact has two figures in one document: {[texts[m] + ' @ ' + m[0] for m in members]}")
        for x, y in itertools.combinations(members, 2):
            if x[0] != y[0] and frozenset((x, y)) not in labelled_pairs:
                err(f"claims: unlabelled pair inside a fact: {texts[x]!r} ({x[0]}) / {texts[y]!r} ({y[0]})")

    look_keys = set()
    for i, l in enumerate(looks, 1):
        where = f"lookalike #{i} ({l['a']['text']!r} / {l['b']['text']!r})"
        a, b = fig(where, l["a"]), fig(where, l["b"])
        if not (a and b):
            continue
        if a[0] == b[0]:
            err(f"{where}: both figures in one document")
        if a in parent and b in parent and find(a) == find(b):
            err(f"{where}: joins two figures of one fact")
        if frozenset((a, b)) in labelled_pairs:
            err(f"{where}: also labelled as a pair")
        if not l.get("note"):
            err(f"{where}: missing note")
        look_keys.update((a, b))

    spans_by_file = {}
    for (f, s, e) in texts:
        spans_by_file.setdefault(f, []).append((s, e))
    no_shared_spans(spans_by_file, "claims")
    completeness(files, spans_by_file, "claims")

    # every other number in the prose must be a year, date, time, phone number or route number
    for f, raw in files.items():
        masked = masked_files[f]
        spans = spans_by_file.get(f, [])
        for m in re.finditer(NUM, masked):
            s, e, tok = m.start(), m.end(), m.group()
            if any(a <= s and e <= b for a, b in spans):
                continue
            ctx_before = masked[max(0, s - 12):s]
            ctx_after = masked[e:e + 8]
            if YEAR.match(tok) and not re.match(r"\s*(?:%|percent)", ctx_after):
                continue
            if re.search(MONTHS + r"\s$", ctx_before):
                continue
            if re.search(r"\b555-$", ctx_before) or re.match(r"-\d{4}", ctx_after) and tok == "555":
                continue
            if re.search(r"\b(?:Route|Chapter)\s$", ctx_before):
                continue
            if re.match(r":\d\d", ctx_after) or re.search(r"\d:$", ctx_before):
                continue
            line = raw.count("\n", 0, s) + 1
            err(f"claims/{f}:{line}: number {tok!r} is not labelled and is not a year/date/time/phone/route")

    n_facts = len(comps)
    print(f"claims: {len(files)} docs, words {min(map(words, files.values()))}-{max(map(words, files.values()))}; "
          f"{n_facts} facts, {len(pairs)} pairs ({vcount['conflict']} conflict, {vcount['differ']} differ, "
          f"{vcount['agree']} agree), {len(looks)} look-alikes, {len(texts)} labelled figures")
    if not 10 <= n_facts <= 12:
        err(f"claims: {n_facts} facts, want 10-12")
    if not 25 <= len(pairs) <= 30:
        err(f"claims: {len(pairs)} pairs, want 25-30")
    if not 12 <= len(looks) <= 15:
        err(f"claims: {len(looks)} look-alikes, want 12-15")
    if min(vcount.values()) < 4:
        err(f"claims: verdict mix too thin: {vcount}")
    for f in files:
        if not any(k[0] == f for k in texts):
            err(f"claims/{f}: no labelled figure")


def main():
    self_test()
    check_sourcing()
    check_claims()
    if ERRORS:
        print(f"FAIL: {len(ERRORS)} problem(s)")
        for e in ERRORS:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
