//! Corpus phase: the mentions of every document linked into entities, and the queries the
//! language server and the CLI ask of them.
//!
//! Linking happens on *name nodes* (one per distinct key of a full name, acronym or single word)
//! joined by a union-find: same key, middle names, a shorter form of an organisation name,
//! near-identical spellings, acronyms defined in the text, the registry. Short forms (a surname,
//! an undefined acronym) are then assigned mention by mention: to the one matching full name in
//! the same document, else the nearest one there, else the one matching full name in the corpus,
//! else to a node of their own. Nothing here depends on anything but the per-document mentions,
//! so a rebuild after an edit is cheap.

use super::lexicon::{key_of, Lexicon};
use super::{DocMentions, Form, Kind, Mention};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// A multiply-rotate hasher (as rustc's FxHash): the rebuild hashes every mention's key
/// several times, and SipHash's flooding resistance buys nothing here.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<Fx>>;
type HashSet<K> = StdSet<K, BuildHasherDefault<Fx>>;

pub type EntityId = usize;

/// One `[[entity]]` table of crosscheck.toml.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistryEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub note: Option<String>,
    /// Where the entity is defined: a path and a 1-based line.
    #[serde(default)]
    pub definition: Option<(String, u32)>,
}

/// A mention by document and position in that document's mention list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionRef {
    pub doc: u32,
    pub idx: u32,
}

/// One entity of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: EntityId,
    /// The canonical name: the registry's, else the most used full name.
    pub name: String,
    pub kind: Kind,
    /// Every other name it goes by, most used first.
    pub aliases: Vec<String>,
    pub note: Option<String>,
    /// Index of its registry entry.
    pub registry: Option<usize>,
    /// Sorted by document (path order), then offset.
    pub mentions: Vec<MentionRef>,
}

/// A place in a document: a byte range when it is a mention, only a line for a registry entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub range: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocEdits {
    pub path: String,
    /// Sorted, never overlapping.
    pub edits: Vec<TextEdit>,
}

/// An `entity-variant` finding: a rare spelling of an entity's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantFinding {
    pub path: String,
    /// Byte range of the name as written (possessive excluded): what the fix replaces.
    pub byte_start: usize,
    pub byte_end: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The spelling found here, as written.
    pub found: String,
    /// The suggested replacement for the text at this place.
    pub replacement: String,
    /// The other spelling in full ("Open Society Foundations").
    pub preferred: String,
    /// The entity's canonical name.
    pub entity: String,
    /// How many mentions use each spelling (this one, the other).
    pub found_count: usize,
    pub preferred_count: usize,
    /// Both spellings are equally common and no registry decides: each place is reported.
    pub tie: bool,
    pub message: String,
    /// Where the other spelling is used (first few).
    pub related: Vec<Location>,
    /// The mentions behind `byte_start…` and `related`, to move them when a document's offsets
    /// shift without its names changing ([`EntityIndex::swap`]).
    #[serde(skip)]
    at: MentionRef,
    #[serde(skip)]
    related_at: Vec<MentionRef>,
}

/// The linked entities of a corpus.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    docs: Vec<Arc<DocMentions>>,
    doc_by_path: HashMap<String, u32>,
    /// Per document, per mention: its entity (None: a tentative mention the corpus did not confirm).
    entity_of: Vec<Vec<Option<EntityId>>>,
    /// Nested mentions found by the corpus phase, per document; a [`MentionRef`] past the end of
    /// a document's own mentions points here.
    extra: Vec<Vec<Mention>>,
    entities: Vec<Entity>,
    registry: Vec<RegistryEntry>,
    variants: Vec<VariantFinding>,
    /// Per document: the mention and word count each of `extra` was cut from, to cut it again at
    /// new offsets after a swap.
    extra_src: Vec<Vec<(u32, u32)>>,
    /// Per document: a short form there was resolved by its distance to full names, the one
    /// link that depends on offsets, so the document cannot be swapped.
    positional: Vec<bool>,
}

struct UnionFind {
    parent: Vec<usize>,
    /// Registry entry of a root: two different ones are never joined.
    reg: Vec<Option<usize>>,
}

impl UnionFind {
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.reg.push(None);
        self.parent.len() - 1
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        match (self.reg[ra], self.reg[rb]) {
            (Some(x), Some(y)) if x != y => return false,
            _ => {}
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[gone] = keep;
        self.reg[keep] = self.reg[keep].or(self.reg[gone]);
        true
    }
}

/// A distinct name key.
struct Node<'a> {
    key: &'a str,
    words: Vec<&'a str>,
    form: Form,
    /// Kind votes: persons, organisations, places (cue 3, default 1).
    votes: [u32; 3],
}

fn kind_slot(k: Kind) -> Option<usize> {
    match k {
        Kind::Person => Some(0),
        Kind::Organization => Some(1),
        Kind::Place => Some(2),
        Kind::Other => None,
    }
}

/// Whether two differing words of otherwise equal names are one spelling's variants.
fn near_words(a: &str, b: &str, lx: &Lexicon) -> bool {
    if a == b || a.len() < 4 || b.len() < 4 {
        return false;
    }
    fn stem(w: &str) -> String {
        if let Some(s) = w.strip_suffix("ies") {
            format!("{s}y")
        } else if let Some(s) = w.strip_suffix("es").filter(|s| s.ends_with(['s', 'x', 'z', 'h'])) {
            s.to_string()
        } else if let Some(s) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
            s.to_string()
        } else {
            w.to_string()
        }
    }
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    };
    // Jon and John, Austria and Australia: different names, not spellings. "Americans" is the
    // plural of a demonym, a group of people, not a misspelling of "American".
    if (lx.is_given(&cap(a)) && lx.is_given(&cap(b))) || (lx.is_place_key(a) && lx.is_place_key(b)) {
        return false;
    }
    if stem(a) == stem(b) && (lx.is_demonym(&cap(a)) || lx.is_demonym(a) || lx.is_demonym(&cap(b)) || lx.is_demonym(b)) {
        return false;
    }
    if stem(a) == stem(b) {
        return true;
    }
    let d = damerau(a, b);
    let min = a.chars().count().min(b.chars().count());
    d == 1 && min >= 5 || d == 2 && min >= 8
}

/// Optimal-string-alignment distance (adjacent swaps count one).
fn damerau(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=m {
        d[0][j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m]
}

/// Initials of a full name's key, with and without its joiners ("department of justice" →
/// "doj" and "dj").
fn initials(words: &[&str]) -> (String, String) {
    let mut all = String::new();
    let mut sig = String::new();
    for w in words {
        let Some(c) = w.chars().next() else { continue };
        let c: String = c.to_lowercase().collect();
        if w.contains('-') {
            // "Soros-backed" never reaches here; "Coca-Cola" counts once.
        }
        all.push_str(&c);
        if !matches!(*w, "of" | "and" | "&" | "for" | "the" | "de" | "on" | "in") {
            sig.push_str(&c);
        }
    }
    (all, sig)
}

struct VariantPair {
    a: usize,
    b: usize,
    pos: usize,
}

impl EntityIndex {
    /// Link the mentions of `docs` (any order; they are ordered by path) under `registry`.
    pub fn build(docs: &[Arc<DocMentions>], registry: &[RegistryEntry]) -> EntityIndex {
        let lx = Lexicon::get();
        let mut docs: Vec<Arc<DocMentions>> = docs.to_vec();
        docs.sort_by(|a, b| a.path.cmp(&b.path));

        // 1. Which tentative mentions the corpus confirms: the same name written where capitals
        //    prove it, or the surname of such a full name.
        let mut confirmed: HashSet<&str> = HashSet::default();
        for d in &docs {
            for m in &d.mentions {
                if !m.tentative {
                    confirmed.insert(&m.key);
                    if m.form == Form::Full && m.kind == Kind::Person {
                        if let Some(last) = m.key.rsplit(' ').next() {
                            confirmed.insert(last);
                        }
                    }
                }
            }
        }
        let reg_keys: Vec<Vec<String>> = registry
            .iter()
            .map(|e| std::iter::once(&e.name).chain(&e.aliases).map(|s| key_of(s)).filter(|k| !k.is_empty()).collect())
            .collect();
        // The registry's names are names wherever they are written.
        confirmed.extend(reg_keys.iter().flatten().map(String::as_str));
        let live = |m: &Mention| !m.tentative || confirmed.contains(&m.key[..]);

        // 1b. A name that starts with another name the corpus knows on its own ("Google" in
        //     "Google Analytics", "Warhol" in "Warhol Polaroids"), when nothing but capitals made
        //     it a name: the inner name is a nested mention, and the outer one is not a person.
        let standalone: HashSet<&str> = docs
            .iter()
            .flat_map(|d| d.mentions.iter())
            .filter(|m| !m.nested && !m.tentative && m.title.is_none() && m.form != Form::Full || m.form == Form::Full && m.cue && !m.nested && !m.tentative)
            .map(|m| &m.key[..])
            .collect();
        let mut demoted: HashSet<&str> = HashSet::default();
        // Per distinct key: the known prefix (word count, key), decided once.
        let mut prefix_of: HashMap<&str, Option<(usize, String)>> = HashMap::default();
        let mut extra_src: Vec<Vec<(u32, u32)>> = Vec::with_capacity(docs.len());
        let extra: Vec<Vec<Mention>> = docs
            .iter()
            .map(|d| {
                let mut v = Vec::new();
                let mut src = Vec::new();
                for (mi, m) in d.mentions.iter().enumerate().filter(|(_, m)| m.form == Form::Full && !m.nested && live(m) && (!m.cue || m.kind == Kind::Other)) {
                    let p = prefix_of.entry(&m.key[..]).or_insert_with(|| {
                        let words: Vec<&str> = m.key.split(' ').collect();
                        (1..words.len()).rev().find_map(|k| {
                            let prefix = words[..k].join(" ");
                            (standalone.contains(prefix.as_str()) && !lx.is_common(&prefix)).then_some((k, prefix))
                        })
                    });
                    if let Some((k, prefix)) = p {
                        if let Some(p) = prefix_mention(m, *k, prefix) {
                            v.push(p);
                            src.push((mi as u32, *k as u32));
                            demoted.insert(&m.key[..]);
                        }
                    }
                }
                extra_src.push(src);
                v
            })
            .collect();
        let all = |di: usize| docs[di].mentions.iter().chain(extra[di].iter());

        // 2. Name nodes.
        let mut uf = UnionFind { parent: Vec::new(), reg: Vec::new() };
        let mut nodes: Vec<Node> = Vec::new();
        let mut node_of: HashMap<&str, usize> = HashMap::default();
        fn node_for<'a>(
            key: &'a str,
            form: Form,
            nodes: &mut Vec<Node<'a>>,
            node_of: &mut HashMap<&'a str, usize>,
            uf: &mut UnionFind,
        ) -> usize {
            *node_of.entry(key).or_insert_with(|| {
                nodes.push(Node { key, words: key.split(' ').collect(), form, votes: [0; 3] });
                uf.add()
            })
        }
        for di in 0..docs.len() {
            for m in all(di).filter(|m| live(m)) {
                let n = node_for(&m.key, m.form, &mut nodes, &mut node_of, &mut uf);
                if let Some(s) = kind_slot(m.kind).filter(|_| !demoted.contains(&m.key[..])) {
                    nodes[n].votes[s] += if m.cue { 3 } else { 1 };
                }
            }
        }

        // 3. The registry: its names and aliases are one entity each, kept apart from each other.
        for (r, keys) in reg_keys.iter().enumerate() {
            let mut first = None;
            for k in keys {
                let form = if k.contains(' ') {
                    Form::Full
                } else if super::detect::is_acronym(k) {
                    Form::Acronym
                } else {
                    Form::Single
                };
                let n = node_for(k, form, &mut nodes, &mut node_of, &mut uf);
                let root = uf.find(n);
                if uf.reg[root].is_none() {
                    uf.reg[root] = Some(r);
                }
                match first {
                    None => first = Some(n),
                    Some(f) => {
                        uf.union(f, n);
                    }
                }
            }
        }
        let registered = |uf: &mut UnionFind, n: usize| {
            let r = uf.find(n);
            uf.reg[r].is_some()
        };

        let full: Vec<usize> = (0..nodes.len()).filter(|&n| nodes[n].form == Form::Full).collect();
        let person_like = |n: &Node| n.votes[0] >= n.votes[1].max(n.votes[2]) && n.votes[0] > 0;

        // 4a. Acronyms defined in the text.
        for d in &docs {
            for m in &d.mentions {
                if let (Some(p), Form::Acronym) = (m.partner, m.form) {
                    let full_m = &d.mentions[p];
                    if live(m) && live(full_m) {
                        if let (Some(&a), Some(&b)) = (node_of.get(&m.key[..]), node_of.get(&full_m.key[..])) {
                            uf.union(a, b);
                        }
                    }
                }
            }
        }

        // 4b. Middle names: "Andrea Steele" and "Andrea Dew Steele", when only one longer name fits.
        let mut by_ends: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
        for &n in &full {
            let w = &nodes[n].words;
            if person_like(&nodes[n]) && !w.iter().any(|x| matches!(*x, "of" | "and" | "&" | "for")) {
                by_ends.entry((w[0], w[w.len() - 1])).or_default().push(n);
            }
        }
        for group in by_ends.values().filter(|g| g.len() > 1) {
            for &a in group {
                let longer: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&b| b != a && nodes[b].words.len() > nodes[a].words.len() && is_subsequence(&nodes[a].words, &nodes[b].words))
                    .collect();
                let roots: HashSet<usize> = longer.iter().map(|&b| uf.find(b)).collect();
                if roots.len() == 1 {
                    uf.union(a, longer[0]);
                }
            }
        }

        // 4c. A shorter form of an organisation's name: "the Open Society" → "Open Society Foundations".
        let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::default();
        for &n in &full {
            let w = &nodes[n].words;
            if w.len() >= 3 && lx.is_org_word(&capitalise(w[w.len() - 1])) {
                for k in 2..w.len() {
                    if !matches!(w[k - 1], "of" | "and" | "&" | "for" | "the") {
                        by_prefix.entry(w[..k].join(" ")).or_default().push(n);
                    }
                }
            }
        }
        for &a in &full {
            let w = &nodes[a].words;
            // A place is not a short form of the body named after it: "Harlow Bay" is the city,
            // "Harlow Bay City Council" its council.
            let place_cued = nodes[a].votes[2] >= 3 && nodes[a].votes[2] > nodes[a].votes[0].max(nodes[a].votes[1]);
            if lx.is_org_word(&capitalise(w[w.len() - 1])) || lx.is_place_key(nodes[a].key) || place_cued {
                continue;
            }
            if let Some(longer) = by_prefix.get(nodes[a].key) {
                let roots: HashSet<usize> = longer.iter().map(|&b| uf.find(b)).collect();
                if roots.len() == 1 {
                    uf.union(a, longer[0]);
                }
            }
        }

        // 4d. Near-identical spellings: names equal but for one near word.
        let mut pairs: Vec<VariantPair> = Vec::new();
        let mut by_sig: HashMap<(usize, usize, String), Vec<usize>> = HashMap::default();
        for &n in &full {
            let w = &nodes[n].words;
            for p in 0..w.len() {
                if w[p].len() < 4 {
                    continue;
                }
                let mut sig = String::new();
                for (i, x) in w.iter().enumerate() {
                    if i != p {
                        sig.push_str(x);
                    }
                    sig.push('\u{1}');
                }
                by_sig.entry((w.len(), p, sig)).or_default().push(n);
            }
        }
        for ((_, p, _), group) in &by_sig {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    if near_words(nodes[a].words[*p], nodes[b].words[*p], lx) && uf.union(a, b) {
                        pairs.push(VariantPair { a, b, pos: *p });
                    }
                }
            }
        }

        // 5. Short forms, mention by mention.
        let mut surnames: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut firsts: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
        for &n in &full {
            let w = &nodes[n].words;
            if person_like(&nodes[n]) {
                surnames.entry(w[w.len() - 1]).or_default().push(n);
                firsts.entry(w[0]).or_default().push(n);
            } else if nodes[n].votes[1] > 0 && w.len() >= 2 && w[1..].iter().all(|x| lx.is_org_word(&capitalise(x))) {
                // "Microsoft Corporation" → "Microsoft"
                surnames.entry(w[0]).or_default().push(n);
            }
            if w.len() >= 2 && !person_like(&nodes[n]) {
                let (all, sig) = initials(w);
                by_initials.entry(sig.clone()).or_default().push(n);
                if all != sig {
                    by_initials.entry(all).or_default().push(n);
                }
            }
        }
        let mut assigned: Vec<Vec<Option<usize>>> = Vec::with_capacity(docs.len());
        let mut positional = vec![false; docs.len()];
        for (di, d) in docs.iter().enumerate() {
            // Full names of this document, for "is the candidate here?" (sorted node ids).
            let mut here: Vec<usize> = d
                .mentions
                .iter()
                .filter(|m| m.form == Form::Full && live(m))
                .filter_map(|m| node_of.get(&m.key[..]).copied())
                .collect();
            here.sort_unstable();
            here.dedup();
            let di = di as u32;
            let mut row = Vec::with_capacity(d.mentions.len());
            for (mi, m) in all(di as usize).enumerate() {
                if !live(m) {
                    row.push(None);
                    continue;
                }
                let own = node_of[&m.key[..]];
                let node = match m.form {
                    Form::Full => own,
                    _ if m.nested || registered(&mut uf, own) => own,
                    Form::Acronym => {
                        if let Some(p) = m.partner.filter(|&p| live(&d.mentions[p])) {
                            node_of[&d.mentions[p].key[..]]
                        } else {
                            let letters: String = m.key.chars().filter(|c| c.is_alphanumeric()).collect();
                            let letters = letters.strip_suffix('s').filter(|_| m.surface.ends_with('s')).unwrap_or(&letters);
                            let cands = by_initials.get(letters).map(Vec::as_slice).unwrap_or(&[]);
                            pick(&mut uf, cands, &nodes, d, &here, mi, &mut positional[di as usize]).unwrap_or(own)
                        }
                    }
                    Form::Single => {
                        if m.kind == Kind::Place && m.cue {
                            own
                        } else {
                            let cands = surnames.get(&m.key[..]).map(Vec::as_slice).unwrap_or(&[]);
                            let found = pick(&mut uf, cands, &nodes, d, &here, mi, &mut positional[di as usize]);
                            let found = found.or_else(|| {
                                // A given name alone: only within its document.
                                if m.kind == Kind::Person && m.cue {
                                    let c = firsts.get(&m.key[..]).map(Vec::as_slice).unwrap_or(&[]);
                                    let in_doc: Vec<usize> = c.iter().copied().filter(|n| here.binary_search(n).is_ok()).collect();
                                    let roots: HashSet<usize> = in_doc.iter().map(|&n| uf.find(n)).collect();
                                    (roots.len() == 1).then(|| in_doc[0])
                                } else {
                                    None
                                }
                            });
                            found.unwrap_or(own)
                        }
                    }
                };
                row.push(Some(node));
            }
            assigned.push(row);
        }

        // How often each key is written (live, not nested): spellings are weighed with it.
        let mut key_refs: HashMap<&str, Vec<MentionRef>> = HashMap::default();
        for di in 0..docs.len() {
            for (mi, m) in all(di).enumerate() {
                if !m.nested && assigned[di][mi].is_some() {
                    key_refs.entry(&m.key[..]).or_default().push(MentionRef { doc: di as u32, idx: mi as u32 });
                }
            }
        }

        // 6. Entities, numbered by first mention (path, then offset).
        let mut entity_of_root: HashMap<usize, EntityId> = HashMap::default();
        let mut entities: Vec<Entity> = Vec::new();
        let mut entity_of: Vec<Vec<Option<EntityId>>> = Vec::with_capacity(docs.len());
        for (di, row) in assigned.iter().enumerate() {
            let mut out = Vec::with_capacity(row.len());
            for (mi, n) in row.iter().enumerate() {
                let Some(n) = n else {
                    out.push(None);
                    continue;
                };
                let root = uf.find(*n);
                let id = *entity_of_root.entry(root).or_insert_with(|| {
                    entities.push(Entity {
                        id: entities.len(),
                        name: String::new(),
                        kind: Kind::Other,
                        aliases: Vec::new(),
                        note: None,
                        registry: uf.reg[root],
                        mentions: Vec::new(),
                    });
                    entities.len() - 1
                });
                entities[id].mentions.push(MentionRef { doc: di as u32, idx: mi as u32 });
                out.push(Some(id));
            }
            entity_of.push(out);
        }
        // Registry entries nobody mentions still exist (hover, definition).
        for (r, keys) in reg_keys.iter().enumerate() {
            let Some(k) = keys.first() else { continue };
            let root = uf.find(node_of[k.as_str()]);
            if !entity_of_root.contains_key(&root) && uf.reg[root] == Some(r) {
                entity_of_root.insert(root, entities.len());
                entities.push(Entity {
                    id: entities.len(),
                    name: String::new(),
                    kind: Kind::Other,
                    aliases: Vec::new(),
                    note: None,
                    registry: Some(r),
                    mentions: Vec::new(),
                });
            }
        }
        let mut index = EntityIndex {
            doc_by_path: docs.iter().enumerate().map(|(i, d)| (d.path.clone(), i as u32)).collect(),
            docs: docs.clone(),
            extra: extra.clone(),
            entity_of,
            entities,
            registry: registry.to_vec(),
            variants: Vec::new(),
            extra_src,
            positional,
        };
        for e in 0..index.entities.len() {
            index.name_entity(e, &key_refs, &demoted);
        }
        let variant_pairs: Vec<(Vec<&str>, Vec<&str>, usize, EntityId)> = pairs
            .iter()
            .filter_map(|p| {
                let ra = uf.find(p.a);
                let id = *entity_of_root.get(&ra)?;
                Some((nodes[p.a].words.clone(), nodes[p.b].words.clone(), p.pos, id))
            })
            .collect();
        let mut variants = Vec::new();
        for (a, b, pos, id) in variant_pairs {
            index.variant_findings(&a, &b, pos, id, &key_refs, &mut variants);
        }
        variants.sort_by(|x, y| (&x.path, x.byte_start).cmp(&(&y.path, y.byte_start)));
        variants.dedup_by(|x, y| x.path == y.path && x.byte_start == y.byte_start);
        index.variants = variants;
        index
    }

    /// Put a new version of a document in place without relinking the corpus, when that cannot
    /// change any link: the document is in the index, its mentions carry the same names in the
    /// same order (only offsets moved: the usual edit), and none of its links was decided by
    /// distance. Returns false, changing nothing, when a [`EntityIndex::build`] is needed.
    pub fn swap(&mut self, new: Arc<DocMentions>) -> bool {
        let Some(&d) = self.doc_by_path.get(&new.path) else { return false };
        let d = d as usize;
        if self.positional[d] || !same_names(&self.docs[d].mentions, &new.mentions) {
            return false;
        }
        let mut extra = Vec::with_capacity(self.extra[d].len());
        for (&(mi, k), old) in self.extra_src[d].iter().zip(&self.extra[d]) {
            match prefix_mention(&new.mentions[mi as usize], k as usize, &old.key) {
                Some(m) => extra.push(m),
                None => return false,
            }
        }
        self.docs[d] = new;
        self.extra[d] = extra;
        // Variant findings in the document, and evidence in it for findings elsewhere, move
        // with its offsets.
        let d = d as u32;
        for i in 0..self.variants.len() {
            let v = &self.variants[i];
            let moved: Vec<(usize, Location)> = v.related_at.iter().enumerate().filter(|(_, r)| r.doc == d).map(|(j, r)| (j, self.location_of(*r))).collect();
            let at = (v.at.doc == d).then(|| self.mention_of(v.at).clone());
            let v = &mut self.variants[i];
            for (j, loc) in moved {
                v.related[j] = loc;
            }
            if let Some(m) = at {
                v.byte_start = m.name.start;
                v.byte_end = m.name.end;
                v.line = m.start.line;
                v.column = m.start.column;
                v.end_line = m.end.line;
                v.end_column = m.end.column - m.text[m.name.end - m.range.start..].chars().count() as u32;
            }
        }
        true
    }

    fn mention_of(&self, r: MentionRef) -> &Mention {
        let (d, i) = (r.doc as usize, r.idx as usize);
        let own = &self.docs[d].mentions;
        own.get(i).unwrap_or_else(|| &self.extra[d][i - own.len()])
    }

    /// Canonical name, kind and aliases of entity `e`.
    fn name_entity(&mut self, e: EntityId, key_refs: &HashMap<&str, Vec<MentionRef>>, demoted: &HashSet<&str>) {
        let ent = &self.entities[e];
        let reg = ent.registry.map(|r| &self.registry[r]);
        // Support of a full name: its mentions plus shorter forms that extend to it ("the Open
        // Society" counts toward "Open Society Foundations").
        let mut count: HashMap<&str, (usize, usize, &str)> = HashMap::default(); // key → (count, first, surface)
        let only_nested = ent.mentions.iter().all(|r| self.mention_of(*r).nested);
        let shouted = |s: &str| s.chars().any(char::is_lowercase);
        for (i, r) in ent.mentions.iter().enumerate() {
            let m = self.mention_of(*r);
            if m.nested && !only_nested {
                continue;
            }
            let c = count.entry(&m.key[..]).or_insert((0, i, &m.surface[..]));
            c.0 += 1;
            // Show "United States" rather than a headline's "UNITED STATES".
            if !shouted(c.2) && shouted(&m.surface) {
                c.2 = &m.surface[..];
            }
        }
        let fulls: Vec<(&str, usize, usize, &str)> =
            count.iter().filter(|(k, _)| k.contains(' ')).map(|(k, v)| (*k, v.0, v.1, v.2)).collect();
        let support = |k: &str| -> usize {
            let w: Vec<&str> = k.split(' ').collect();
            (2..=w.len()).map(|n| key_refs.get(w[..n].join(" ").as_str()).map_or(0, Vec::len)).sum()
        };
        let name: String = if let Some(r) = reg {
            r.name.clone()
        } else if !fulls.is_empty() {
            let best = fulls
                .iter()
                .max_by(|a, b| {
                    support(a.0)
                        .cmp(&support(b.0))
                        .then(a.0.split(' ').count().cmp(&b.0.split(' ').count()))
                        .then(b.2.cmp(&a.2))
                })
                .unwrap();
            best.3.to_string()
        } else {
            count
                .values()
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                .map(|v| v.2.to_string())
                .unwrap_or_default()
        };
        let name_key = key_of(&name);
        let mut aliases: Vec<(usize, usize, &str)> =
            count.iter().filter(|(k, _)| **k != name_key.as_str()).map(|(_, v)| (v.0, v.1, v.2)).collect();
        aliases.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut aliases: Vec<String> = aliases.into_iter().map(|a| a.2.to_string()).collect();
        if let Some(r) = reg {
            for a in &r.aliases {
                if !aliases.iter().any(|x| key_of(x) == key_of(a)) && key_of(a) != name_key {
                    aliases.push(a.clone());
                }
            }
        }
        let kind = reg.and_then(|r| r.kind).unwrap_or_else(|| {
            let mut votes = [0u32; 3];
            for r in &ent.mentions {
                let m = self.mention_of(*r);
                if let Some(s) = kind_slot(m.kind).filter(|_| !demoted.contains(&m.key[..])) {
                    votes[s] += if m.cue { 3 } else { 1 };
                }
            }
            let best = (0..3).max_by(|&a, &b| votes[a].cmp(&votes[b]).then(b.cmp(&a))).unwrap();
            if votes[best] == 0 {
                Kind::Other
            } else {
                [Kind::Person, Kind::Organization, Kind::Place][best]
            }
        });
        let note = reg.and_then(|r| r.note.clone());
        let ent = &mut self.entities[e];
        ent.name = name;
        ent.aliases = aliases;
        ent.kind = kind;
        ent.note = note;
    }

    /// Findings for one pair of spellings (key words `a` and `b`, differing at `pos`).
    fn variant_findings(
        &self,
        a: &[&str],
        b: &[&str],
        pos: usize,
        id: EntityId,
        key_refs: &HashMap<&str, Vec<MentionRef>>,
        out: &mut Vec<VariantFinding>,
    ) {
        let ent = &self.entities[id];
        // A spelling's mentions: every written form that is a piece of it holding the differing
        // word, anywhere in the corpus ("the Open Society" counts toward "Open Society
        // Foundations" even where it is not linked).
        let pieces = |s: &[&str]| -> Vec<MentionRef> {
            let n = s.len();
            let mut v = Vec::new();
            for k in 1..=n {
                if k > pos {
                    v.extend(key_refs.get(s[..k].join(" ").as_str()).into_iter().flatten());
                }
                if k < n && n - k <= pos {
                    v.extend(key_refs.get(s[n - k..].join(" ").as_str()).into_iter().flatten());
                }
            }
            v.sort();
            v.dedup();
            v
        };
        let ma = pieces(a);
        let mb = pieces(b);
        if ma.is_empty() || mb.is_empty() {
            return;
        }
        let surface_word = |refs: &[MentionRef], s: &[&str]| -> String {
            // The differing word as written in a mention of that spelling.
            for r in refs {
                let m = self.mention_of(*r);
                let w: Vec<&str> = m.words().collect();
                let off = if w.len() > pos && w[..] == s[..w.len()] { 0 } else { s.len() - w.len() };
                if let Some(x) = m.surface.split(' ').nth(pos - off) {
                    return x.to_string();
                }
            }
            s[pos].to_string()
        };
        let full_form = |refs: &[MentionRef], s: &[&str]| -> String {
            for r in refs {
                let m = self.mention_of(*r);
                if m.words().count() == s.len() {
                    return m.surface.to_string();
                }
            }
            let w = surface_word(refs, s);
            s.iter().enumerate().map(|(i, x)| if i == pos { w.clone() } else { capitalise(x) }).collect::<Vec<_>>().join(" ")
        };
        let (wa, wb) = (surface_word(&ma, a), surface_word(&mb, b));
        let (fa, fb) = (full_form(&ma, a), full_form(&mb, b));
        // Who is rare: the count, else the registry, else both.
        let mut rare_a = ma.len() < mb.len();
        let mut rare_b = mb.len() < ma.len();
        let mut tie = false;
        if ma.len() == mb.len() {
            let reg = ent.registry.map(|r| &self.registry[r]);
            let reg_has = |s: &[&str]| {
                let k = s.join(" ");
                reg.map_or(false, |r| key_of(&r.name) == k || r.aliases.iter().any(|x| key_of(x) == k))
            };
            match (reg_has(a), reg_has(b)) {
                (true, false) => rare_b = true,
                (false, true) => rare_a = true,
                _ => {
                    rare_a = true;
                    rare_b = true;
                    tie = true;
                }
            }
        }
        let mut emit = |refs: &[MentionRef], other_refs: &[MentionRef], found_w: &str, pref_w: &str, pref_full: &str, own_full: &str| {
            let related: Vec<Location> = other_refs.iter().take(5).map(|r| self.location_of(*r)).collect();
            for r in refs {
                let m = self.mention_of(*r);
                let replacement = replace_word(&m.surface, found_w, pref_w);
                let message = if tie {
                    format!(
                        "“{}” and “{}” name the same entity equally often ({} each). Pick one spelling, or declare it in crosscheck.toml under [[entity]].",
                        own_full, pref_full, refs.len()
                    )
                } else {
                    let n = other_refs.len();
                    format!(
                        "“{}” looks like a misspelling of “{}”, the spelling {} other mention{} use{}. Replace with “{}”.",
                        m.surface,
                        pref_full,
                        n,
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "s" } else { "" },
                        replacement
                    )
                };
                out.push(VariantFinding {
                    path: self.docs[r.doc as usize].path.clone(),
                    byte_start: m.name.start,
                    byte_end: m.name.end,
                    line: m.start.line,
                    column: m.start.column,
                    end_line: m.end.line,
                    // The possessive after the name is on the same line.
                    end_column: m.end.column - m.text[m.name.end - m.range.start..].chars().count() as u32,
                    found: m.surface.to_string(),
                    replacement,
                    preferred: pref_full.to_string(),
                    entity: ent.name.clone(),
                    found_count: refs.len(),
                    preferred_count: other_refs.len(),
                    tie,
                    message,
                    related: related.clone(),
                    at: *r,
                    related_at: other_refs.iter().take(5).copied().collect(),
                });
            }
        };
        if rare_a {
            emit(&ma, &mb, &wa, &wb, &fb, &fa);
        }
        if rare_b {
            emit(&mb, &ma, &wb, &wa, &fa, &fb);
        }
    }

    fn location_of(&self, r: MentionRef) -> Location {
        let m = self.mention_of(r);
        Location {
            path: self.docs[r.doc as usize].path.clone(),
            line: m.start.line,
            column: m.start.column,
            range: Some(m.range.clone()),
        }
    }

    // ----- queries -----

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// The documents, ordered by path.
    pub fn docs(&self) -> &[Arc<DocMentions>] {
        &self.docs
    }

    /// `entity-variant` findings, ordered by path and offset.
    pub fn variants(&self) -> &[VariantFinding] {
        &self.variants
    }

    /// Path and mention of a reference.
    pub fn mention(&self, r: MentionRef) -> (&str, &Mention) {
        (&self.docs[r.doc as usize].path, self.mention_of(r))
    }

    /// Every mention of a document with its entity (None: a tentative mention the corpus did not
    /// confirm), the document's own mentions first, then nested ones the corpus phase found.
    pub fn doc_mentions(&self, path: &str) -> Option<Vec<(&Mention, Option<EntityId>)>> {
        let d = *self.doc_by_path.get(path)? as usize;
        let all = self.docs[d].mentions.iter().chain(&self.extra[d]);
        Some(all.zip(self.entity_of[d].iter().copied()).collect())
    }

    /// The live mention at byte `offset` of `path` (title included), the innermost when nested.
    pub fn mention_at(&self, path: &str, offset: usize) -> Option<(EntityId, &Mention)> {
        let d = *self.doc_by_path.get(path)? as usize;
        let ms = &self.docs[d].mentions;
        let upto = ms.partition_point(|m| m.outer_start() <= offset);
        let mut best: Option<(EntityId, &Mention)> = None;
        for (i, m) in self.extra[d].iter().enumerate() {
            if m.range.start <= offset && offset <= m.range.end {
                if let Some(id) = self.entity_of[d][ms.len() + i] {
                    best = Some((id, m));
                }
            }
        }
        for i in (0..upto).rev() {
            let m = &ms[i];
            if m.range.end + 64 < offset && m.outer_start() + 256 < offset {
                break;
            }
            if m.outer_start() <= offset && offset <= m.range.end {
                if let Some(id) = self.entity_of[d][i] {
                    let len = m.range.end - m.outer_start();
                    if best.map_or(true, |(_, b)| len < b.range.end - b.outer_start()) {
                        best = Some((id, m));
                    }
                }
            }
        }
        best
    }

    /// The entity named at byte `offset` of `path`.
    pub fn entity_at(&self, path: &str, offset: usize) -> Option<EntityId> {
        self.mention_at(path, offset).map(|(id, _)| id)
    }

    /// Every mention of an entity (references), ordered by path and offset.
    pub fn references(&self, id: EntityId) -> Vec<(&str, &Mention)> {
        self.entities.get(id).map_or_else(Vec::new, |e| e.mentions.iter().map(|r| self.mention(*r)).collect())
    }

    /// Where an entity is defined: its registry entry; else its first full-name mention in
    /// `current` (a path); else its earliest full-name mention in the corpus (path, then offset).
    pub fn definition(&self, id: EntityId, current: Option<&str>) -> Option<Location> {
        let e = self.entities.get(id)?;
        if let Some((path, line)) = e.registry.and_then(|r| self.registry[r].definition.clone()) {
            return Some(Location { path, line, column: 1, range: None });
        }
        let key = key_of(&e.name);
        let full = |r: &&MentionRef| {
            let m = self.mention_of(**r);
            !m.nested && *m.key == *key
        };
        let any_full = |r: &&MentionRef| {
            let m = self.mention_of(**r);
            !m.nested && m.form == Form::Full
        };
        let has_full = e.mentions.iter().any(|r| any_full(&r));
        if let Some(cur) = current.and_then(|p| self.doc_by_path.get(p)) {
            let here = || e.mentions.iter().filter(|r| r.doc == *cur);
            let found = here().find(full).or_else(|| here().find(any_full));
            let found = found.or_else(|| if has_full { None } else { here().next() });
            if let Some(r) = found {
                return Some(self.location_of(*r));
            }
        }
        let r = e.mentions.iter().find(full).or_else(|| e.mentions.iter().find(any_full)).or(e.mentions.first())?;
        Some(self.location_of(*r))
    }

    /// Edits that rename an entity to `new_name` everywhere. Each mention's name is replaced
    /// (possessives and titles stay): full names by the new name, a surname by the new last
    /// word, a first name by the new first word. Acronyms are kept unless the entity's name is
    /// the acronym; names nested in a longer name are never touched.
    pub fn rename(&self, id: EntityId, new_name: &str) -> Vec<DocEdits> {
        let Some(e) = self.entities.get(id) else { return Vec::new() };
        let old_key = key_of(&e.name);
        let old_words: Vec<&str> = old_key.split(' ').collect();
        let new_words: Vec<&str> = new_name.split_whitespace().collect();
        if new_words.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<DocEdits> = Vec::new();
        for r in &e.mentions {
            let m = self.mention_of(*r);
            if m.nested {
                continue;
            }
            let new_text = if *m.key == *old_key || m.form == Form::Full {
                new_name.to_string()
            } else if m.form == Form::Acronym {
                continue;
            } else if old_words.len() > 1 && Some(&&m.key[..]) == old_words.last() {
                new_words[new_words.len() - 1].to_string()
            } else if old_words.len() > 1 && *m.key == *old_words[0] {
                new_words[0].to_string()
            } else {
                new_name.to_string()
            };
            if *m.surface == *new_text {
                continue;
            }
            let path = &self.docs[r.doc as usize].path;
            if out.last().map_or(true, |d| &d.path != path) {
                out.push(DocEdits { path: path.clone(), edits: Vec::new() });
            }
            out.last_mut().unwrap().edits.push(TextEdit { range: m.name.clone(), new_text });
        }
        out
    }

    /// Entities whose name or an alias matches `query` loosely (workspace symbols), best first:
    /// exact, prefix, word prefix, substring, then letters in order.
    pub fn lookup(&self, query: &str, limit: usize) -> Vec<EntityId> {
        let q = key_of(query);
        let mut scored: Vec<(u8, usize, EntityId)> = Vec::new();
        for e in &self.entities {
            let mut best = u8::MAX;
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                let k = key_of(n);
                let s = if q.is_empty() {
                    4
                } else if k == q {
                    0
                } else if k.starts_with(&q) {
                    1
                } else if k.split(' ').any(|w| w.starts_with(&q)) {
                    2
                } else if k.contains(&q) {
                    3
                } else if is_char_subsequence(&q, &k) {
                    4
                } else {
                    continue;
                };
                best = best.min(s);
            }
            if best != u8::MAX {
                scored.push((best, usize::MAX - e.mentions.len(), e.id));
            }
        }
        scored.sort();
        scored.into_iter().take(limit).map(|s| s.2).collect()
    }
}

/// A nested mention of the first `k` words of full mention `m`, whose key is `key`.
fn prefix_mention(m: &Mention, k: usize, key: &str) -> Option<Mention> {
    // End of the k-th word of the written text.
    let mut end = None;
    let mut n = 0;
    let mut in_word = false;
    for (i, c) in m.text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                n += 1;
                if n == k {
                    end = Some(i);
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    let end = end?;
    let written = &m.text[..end];
    if written.contains('\n') || written.contains('\r') {
        return None;
    }
    let r = m.range.start..m.range.start + end;
    Some(Mention {
        range: r.clone(),
        name: r,
        title: None,
        text: written.into(),
        surface: written.split_whitespace().collect::<Vec<_>>().join(" ").into(),
        key: key.into(),
        kind: Kind::Other,
        cue: false,
        form: if k > 1 {
            Form::Full
        } else if super::detect::is_acronym(written) {
            Form::Acronym
        } else {
            Form::Single
        },
        tentative: false,
        possessive: false,
        nested: true,
        partner: None,
        start: m.start,
        end: super::Pos { line: m.start.line, column: m.start.column + written.chars().count() as u32 },
    })
}

/// Whether two versions of a document's mentions give the linker the same input: everything
/// but offsets and line/column positions.
fn same_names(a: &[Mention], b: &[Mention]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.text == y.text
                && x.surface == y.surface
                && x.key == y.key
                && x.kind == y.kind
                && x.cue == y.cue
                && x.form == y.form
                && x.tentative == y.tentative
                && x.possessive == y.possessive
                && x.nested == y.nested
                && x.partner == y.partner
                && x.title.is_some() == y.title.is_some()
                && x.name.start - x.range.start == y.name.start - y.range.start
                && x.name.end - x.range.start == y.name.end - y.range.start
        })
}

/// Replace the word `from` (as written) by `to` in a surface.
fn replace_word(surface: &str, from: &str, to: &str) -> String {
    surface.split(' ').map(|w| if w == from { to } else { w }).collect::<Vec<_>>().join(" ")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

fn is_char_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().filter(|c| *c != ' ').all(|c| it.any(|x| x == c))
}

/// Among candidate full-name nodes, the one a short form in document `di` (mention `mi`) means:
/// the only one in the document, else the nearest one there (which sets `positional`), else the
/// only one in the corpus.
fn pick(uf: &mut UnionFind, cands: &[usize], nodes: &[Node], d: &DocMentions, here: &[usize], mi: usize, positional: &mut bool) -> Option<usize> {
    if cands.is_empty() {
        return None;
    }
    let in_doc: Vec<usize> = cands.iter().copied().filter(|n| here.binary_search(n).is_ok()).collect();
    let roots: HashSet<usize> = in_doc.iter().map(|&n| uf.find(n)).collect();
    match roots.len() {
        1 => return Some(in_doc[0]),
        0 => {}
        _ => {
            // Two Stewarts in one document: the nearest full mention, preceding ones first.
            *positional = true;
            let at = d.mentions[mi].range.start;
            let mut best: Option<(usize, usize)> = None;
            for m in &d.mentions {
                if m.form != Form::Full {
                    continue;
                }
                if let Some(&n) = in_doc.iter().find(|&&n| nodes[n].key == &*m.key) {
                    let dist = if m.range.start <= at { at - m.range.start } else { (m.range.start - at) * 4 };
                    if best.map_or(true, |(b, _)| dist < b) {
                        best = Some((dist, n));
                    }
                }
            }
            return best.map(|b| b.1);
        }
    }
    let roots: HashSet<usize> = cands.iter().map(|&n| uf.find(n)).collect();
    (roots.len() == 1).then(|| cands[0])
}
