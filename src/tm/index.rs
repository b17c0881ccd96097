//! An inverted index over the source segments of a memory that finds every
//! unit scoring at least a threshold, and only looks at a few.
//!
//! Why it never misses a match: with `common` the weighted size of the
//! multiset intersection of the two segments' tokens (words lower-cased,
//! numbers and punctuation at 0.2, as in [`super::similarity`]), each token
//! edit distance is at least `max(count) − common` per kind, so
//! `1 − D/N ≤ common / N ≤ common / max(W_q, W_u)`, where `W` is a
//! segment's weight. A match at threshold `t` therefore needs
//! - `W_u` within `[t·W_q, W_q/t]` (the length bounds), and
//! - `common ≥ t·W_q`. The query's tokens are taken rarest first until the
//!   rest weigh less than `t·W_q`: a unit that shares none of those first
//!   tokens shares at most the rest, so it cannot match. Only the units in
//!   the posting lists of those rare tokens are scored.

use super::similarity::{score_tokens, Tokens, MINOR_COST};
use std::collections::HashMap;

/// One unit of the memory: the source and target texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Source text.
    pub source: String,
    /// Target text.
    pub target: String,
}

/// A term: a token kind and its key, hashed.
pub(crate) type Term = u64;

/// See the module docs.
#[derive(Debug, Default)]
pub struct Index {
    pub(crate) entries: Vec<Entry>,
    pub(crate) weights: Vec<f32>,
    pub(crate) terms: HashMap<Term, u32>,
    pub(crate) postings: Vec<Vec<u32>>,
}

/// A unit found for a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The unit's position in the memory.
    pub unit: usize,
    /// The match percentage (0–100).
    pub score: u32,
}

fn term(kind: u8, key: &str) -> Term {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    kind.hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// The distinct terms of a segment, with their weight × count.
fn terms(t: &Tokens) -> Vec<(Term, f64)> {
    let mut out: HashMap<Term, f64> = HashMap::new();
    for w in &t.lower {
        *out.entry(term(0, w)).or_default() += 1.0;
    }
    for n in &t.numbers {
        *out.entry(term(1, n)).or_default() += MINOR_COST;
    }
    let mut buf = [0u8; 4];
    for c in &t.punct {
        *out.entry(term(2, c.encode_utf8(&mut buf))).or_default() += MINOR_COST;
    }
    let mut v: Vec<(Term, f64)> = out.into_iter().collect();
    v.sort_by_key(|a| a.0);
    v
}

impl Index {
    /// Indexes the entries, in order.
    pub fn new(entries: Vec<Entry>) -> Index {
        let mut index = Index {
            entries: Vec::with_capacity(entries.len()),
            ..Index::default()
        };
        for e in entries {
            index.push(e);
        }
        index
    }

    /// Adds one entry at the end.
    pub fn push(&mut self, entry: Entry) {
        let id = self.entries.len() as u32;
        let t = Tokens::new(&entry.source);
        self.weights.push(t.weight() as f32);
        for (term, _) in terms(&t) {
            let next = self.postings.len() as u32;
            let k = *self.terms.entry(term).or_insert(next);
            if k == next {
                self.postings.push(Vec::new());
            }
            self.postings[k as usize].push(id);
        }
        self.entries.push(entry);
    }

    /// The entries, in memory order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every unit scoring at least `min` (1–100) for `query`, best first
    /// (ties in memory order), at most `k` of them.
    pub fn search(&self, query: &str, min: u32, k: usize) -> Vec<Hit> {
        let t = min.clamp(1, 100) as f64 / 100.0;
        let q = Tokens::new(query);
        let wq = q.weight();
        let mut hits = Vec::new();
        if wq == 0.0 {
            return hits;
        }
        let mut qterms: Vec<(usize, Term, f64)> = terms(&q)
            .into_iter()
            .map(|(term, w)| {
                let df = self
                    .terms
                    .get(&term)
                    .map_or(0, |&k| self.postings[k as usize].len());
                (df, term, w)
            })
            .collect();
        qterms.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        // The shortest prefix after which the rest weighs less than t·W_q
        // (with a margin for rounding, so that the bound stays safe).
        let need = t * wq - 1e-6;
        let mut rest: f64 = qterms.iter().map(|x| x.2).sum();
        let mut prefix = 0;
        while prefix < qterms.len() && rest >= need {
            rest -= qterms[prefix].2;
            prefix += 1;
        }
        let (low, high) = (t * wq - 1e-6, wq / t + 1e-6);
        let mut candidates: Vec<u32> = Vec::new();
        for (_, term, _) in &qterms[..prefix] {
            if let Some(&k) = self.terms.get(term) {
                candidates.extend(self.postings[k as usize].iter().copied().filter(|&u| {
                    let w = f64::from(self.weights[u as usize]);
                    w >= low && w <= high
                }));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for u in candidates {
            let source = &self.entries[u as usize].source;
            let score = score_tokens(query, &q, source, &Tokens::new(source));
            if score >= min {
                hits.push(Hit {
                    unit: u as usize,
                    score,
                });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        hits.truncate(k);
        hits
    }

    /// The same as [`Index::search`] by scoring every unit: the reference
    /// the index is tested against.
    pub fn search_exhaustive(&self, query: &str, min: u32, k: usize) -> Vec<Hit> {
        let q = Tokens::new(query);
        if q.weight() == 0.0 {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .map(|(unit, e)| Hit {
                unit,
                score: score_tokens(query, &q, &e.source, &Tokens::new(&e.source)),
            })
            .filter(|h| h.score >= min.clamp(1, 100))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        hits.truncate(k);
        hits
    }
}
