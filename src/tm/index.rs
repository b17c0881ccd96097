//! An inverted index over the source segments of a memory that finds every
//! unit scoring at least a threshold, and only looks at a few.
//!
//! Weights are counted in fifths, so that they are integers: a word weighs 5
//! and a number or punctuation mark 1 (the formula's 0.2). With `common`
//! the weighted size of the multiset intersection of the two segments'
//! tokens (words lower-cased), each token edit distance is at least
//! `max(count) − common` per kind, so `1 − D/N ≤ common / N ≤ common /
//! max(W_q, W_u)`, where `W` is a segment's weight. A match at threshold `t`
//! therefore needs
//! - `W_u` within `[t·W_q, W_q/t]` (the length bounds: each posting list is
//!   sorted by unit weight, so the window is one binary search away);
//! - `common ≥ t·max(W_q, W_u)`. The query's terms are taken rarest first
//!   until the rest weigh less than `t·W_q`: a unit that shares none of
//!   those first terms shares at most the rest, so it cannot match. Only
//!   the units in the posting lists of those rare terms are candidates, and
//!   a candidate whose shared prefix weight plus the rest stays under
//!   `t·max(W_q, W_u)` is dropped uncounted (the count filter).
//!
//! A candidate left is scored on interned token ids, each edit distance
//! bounded by what the threshold (or the `k`-th best score so far) leaves,
//! so most give up after a row or two.

use super::levenshtein::bounded;
use super::similarity::{percentage, scan, Token};
use rustc_hash::FxHashMap;

/// One unit of the memory: the source and target texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Source text.
    pub source: String,
    /// Target text.
    pub target: String,
}

/// A unit found for a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The unit's position in the memory.
    pub unit: usize,
    /// The match percentage (0–100).
    pub score: u32,
}

/// Up to this `k` the best hits are kept sorted as they come, and the
/// `k`-th best raises the bar; past it all hits are sorted at the end.
const MAX_KEPT: usize = 64;

/// Weight of a word, in fifths; a number or punctuation mark weighs 1.
pub(crate) const WORD: u32 = 5;

/// The term key of a lower-cased word, a number key or a punctuation mark.
pub(crate) fn term_key(kind: u8, text: &str) -> Box<str> {
    let mut k = String::with_capacity(text.len() + 1);
    k.push(kind as char);
    k.push_str(text);
    k.into_boxed_str()
}
pub(crate) const WORD_TERM: u8 = b'w';
pub(crate) const NUMBER_TERM: u8 = b'n';
pub(crate) const PUNCT_TERM: u8 = b'p';

/// See the module docs. Built by [`Index::new`] or read from a `.tmi` file.
#[derive(Debug, Default)]
pub struct Index {
    /// Sources and targets, one after the other, in memory order.
    pub(crate) text: String,
    /// Where each source (`2u`) and target (`2u + 1`) ends in `text`.
    pub(crate) text_ends: Vec<u64>,
    /// Per unit: word, number and punctuation counts, then the words (cased
    /// ids), numbers and punctuation (term ids).
    pub(crate) tokens: Vec<u32>,
    /// Where each unit's tokens start in `tokens`; one more at the end.
    pub(crate) token_starts: Vec<u64>,
    /// Each unit's weight in fifths (derived from `tokens`).
    pub(crate) weights: Vec<u32>,
    /// The words as written, by cased id, and the term of each lower-cased.
    pub(crate) cased: Vec<Box<str>>,
    pub(crate) lower_of: Vec<u32>,
    pub(crate) cased_ids: FxHashMap<Box<str>, u32>,
    /// Term keys (kind byte, then text), by term id.
    pub(crate) terms: Vec<Box<str>>,
    pub(crate) term_ids: FxHashMap<Box<str>, u32>,
    /// Posting lists by term id: units sorted by (weight, unit).
    pub(crate) posting_starts: Vec<u64>,
    pub(crate) postings: Vec<u32>,
}

/// A query's tokens as ids: ids the memory does not know are numbered past
/// its own, consistently within the query.
struct Query {
    cased: Vec<u32>,
    lower: Vec<u32>,
    numbers: Vec<u32>,
    punct: Vec<u32>,
    /// Distinct terms with their weight × count in the query.
    terms: Vec<(u32, u32)>,
    weight: u32,
}

/// What one search reuses across its candidates.
#[derive(Default)]
struct Scratch {
    lower: Vec<u32>,
    row: Vec<usize>,
}

/// A unit's tokens by kind.
pub(crate) struct UnitTokens<'a> {
    pub words: &'a [u32],
    pub numbers: &'a [u32],
    pub punct: &'a [u32],
}

impl Index {
    /// How many units the memory holds.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the memory holds no unit.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The source text of unit `u` (panics past [`Index::len`]).
    pub fn source(&self, u: usize) -> &str {
        let start = if u == 0 { 0 } else { self.text_ends[2 * u - 1] };
        &self.text[start as usize..self.text_ends[2 * u] as usize]
    }

    /// The target text of unit `u` (panics past [`Index::len`]).
    pub fn target(&self, u: usize) -> &str {
        &self.text[self.text_ends[2 * u] as usize..self.text_ends[2 * u + 1] as usize]
    }

    /// The bytes the index holds on the heap (texts, tokens, vocabulary
    /// and postings; hash tables estimated from their capacity).
    pub fn heap_bytes(&self) -> usize {
        let strings = |v: &[Box<str>]| v.iter().map(|s| s.len() + 16).sum::<usize>();
        // A hashbrown table: key, value and a control byte per bucket.
        let table = |m: &FxHashMap<Box<str>, u32>| m.capacity() * (16 + 4 + 1);
        self.text.capacity()
            + 8 * (self.text_ends.capacity()
                + self.token_starts.capacity()
                + self.posting_starts.capacity())
            + 4 * (self.tokens.capacity()
                + self.weights.capacity()
                + self.lower_of.capacity()
                + self.postings.capacity())
            + 2 * strings(&self.cased)
            + 2 * strings(&self.terms)
            + table(&self.cased_ids)
            + table(&self.term_ids)
    }

    /// The units as entries, in memory order (copies every text).
    pub fn entries(&self) -> Vec<Entry> {
        (0..self.len())
            .map(|u| Entry {
                source: self.source(u).to_string(),
                target: self.target(u).to_string(),
            })
            .collect()
    }

    pub(crate) fn unit_tokens(&self, u: usize) -> UnitTokens<'_> {
        let t = &self.tokens[self.token_starts[u] as usize..self.token_starts[u + 1] as usize];
        let (nw, nn) = (t[0] as usize, t[1] as usize);
        let body = &t[3..];
        UnitTokens {
            words: &body[..nw],
            numbers: &body[nw..nw + nn],
            punct: &body[nw + nn..],
        }
    }

    fn postings_of(&self, term: u32) -> &[u32] {
        match self.posting_starts.get(term as usize..term as usize + 2) {
            Some(&[a, b]) => &self.postings[a as usize..b as usize],
            _ => &[],
        }
    }

    fn query(&self, text: &str) -> Query {
        let mut q = Query {
            cased: Vec::new(),
            lower: Vec::new(),
            numbers: Vec::new(),
            punct: Vec::new(),
            terms: Vec::new(),
            weight: 0,
        };
        // Ids for what the memory lacks, past the memory's own.
        let mut new_cased: FxHashMap<&str, u32> = FxHashMap::default();
        let mut new_terms: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut term = |key: Box<str>| -> u32 {
            if let Some(&id) = self.term_ids.get(&key) {
                return id;
            }
            let next = (self.terms.len() + new_terms.len()) as u32;
            *new_terms.entry(key).or_insert(next)
        };
        let mut weights: FxHashMap<u32, u32> = FxHashMap::default();
        scan(text, &mut Vec::new(), |token| match token {
            Token::Word(w) => {
                let (c, l) = match self.cased_ids.get(w) {
                    Some(&c) => (c, self.lower_of[c as usize]),
                    None => {
                        let next = (self.cased.len() + new_cased.len()) as u32;
                        let c = *new_cased.entry(w).or_insert(next);
                        (c, term(term_key(WORD_TERM, &w.to_lowercase())))
                    }
                };
                q.cased.push(c);
                q.lower.push(l);
                *weights.entry(l).or_default() += WORD;
            }
            Token::Number(key) => {
                let t = term(term_key(NUMBER_TERM, &key));
                q.numbers.push(t);
                *weights.entry(t).or_default() += 1;
            }
            Token::Punct(c) => {
                let t = term(term_key(PUNCT_TERM, c.encode_utf8(&mut [0; 4])));
                q.punct.push(t);
                *weights.entry(t).or_default() += 1;
            }
        });
        q.weight = WORD
            .saturating_mul(q.cased.len() as u32)
            .saturating_add((q.numbers.len() + q.punct.len()) as u32);
        q.terms = weights.into_iter().collect();
        q
    }

    /// Every unit scoring at least `min` (1–100) for `query`, best first
    /// (ties in memory order), at most `k` of them.
    pub fn search(&self, query: &str, min: u32, k: usize) -> Vec<Hit> {
        let min = min.clamp(1, 100);
        let q = self.query(query);
        let wq = u64::from(q.weight);
        if wq == 0 || k == 0 {
            return Vec::new();
        }
        let min64 = u64::from(min);
        let mut terms: Vec<(usize, u32, u32)> = q
            .terms
            .iter()
            .map(|&(t, w)| (self.postings_of(t).len(), t, w))
            .collect();
        terms.sort_unstable();
        // The shortest prefix after which the rest weighs less than t·W_q.
        let mut rest: u64 = terms.iter().map(|x| u64::from(x.2)).sum();
        let mut prefix = 0;
        while prefix < terms.len() && 100 * rest >= min64 * wq {
            rest -= u64::from(terms[prefix].2);
            prefix += 1;
        }
        // Length bounds: 100·W_u ≥ min·W_q and min·W_u ≤ 100·W_q.
        let (low, high) = ((min64 * wq).div_ceil(100), 100 * wq / min64);
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for &(_, term, w) in &terms[..prefix] {
            let list = self.postings_of(term);
            let from = list.partition_point(|&u| u64::from(self.weights[u as usize]) < low);
            let to = list.partition_point(|&u| u64::from(self.weights[u as usize]) <= high);
            candidates.extend(list[from..to.max(from)].iter().map(|&u| (u, w)));
        }
        candidates.sort_unstable();
        let mut hits: Vec<Hit> = Vec::new();
        let mut floor = min;
        let mut scratch = Scratch::default();
        let mut i = 0;
        while i < candidates.len() {
            let u = candidates[i].0;
            let mut shared = rest;
            while i < candidates.len() && candidates[i].0 == u {
                shared += u64::from(candidates[i].1);
                i += 1;
            }
            let wu = u64::from(self.weights[u as usize]);
            if 100 * shared < min64 * wq.max(wu) {
                continue;
            }
            let Some(score) = self.verify(u as usize, &q, query, floor, &mut scratch) else {
                continue;
            };
            let hit = Hit {
                unit: u as usize,
                score,
            };
            if k > MAX_KEPT {
                hits.push(hit);
                continue;
            }
            // Candidates come in memory order, so a later unit only enters
            // the best k with a strictly higher score.
            let at = hits.partition_point(|h| h.score >= score);
            if at < k {
                hits.insert(at, hit);
                hits.truncate(k);
                if hits.len() == k {
                    floor = floor.max(hits[k - 1].score + 1);
                    if floor > 100 {
                        break;
                    }
                }
            }
        }
        if k > MAX_KEPT {
            hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
            hits.truncate(k);
        }
        hits
    }

    /// The score of unit `u` if it is at least `floor`.
    fn verify(&self, u: usize, q: &Query, text: &str, floor: u32, s: &mut Scratch) -> Option<u32> {
        let m = self.unit_tokens(u);
        let (nw, nn, np) = (m.words.len(), m.numbers.len(), m.punct.len());
        let (qw, qn, qp) = (q.cased.len(), q.numbers.len(), q.punct.len());
        let maxes = (nw.max(qw), np.max(qp), nn.max(qn));
        // D in fifths may be at most N·(1 − floor/100); one more for safety
        // against rounding in the floating-point formula that decides.
        let n5 = 5 * maxes.0 + maxes.1 + maxes.2;
        let budget = n5 * (100 - floor as usize) / 100 + 1;
        let least = 5 * nw.abs_diff(qw) + nn.abs_diff(qn) + np.abs_diff(qp);
        if least > budget {
            return None;
        }
        s.lower.clear();
        s.lower
            .extend(m.words.iter().map(|&c| self.lower_of[c as usize]));
        let lower = bounded(&q.lower, &s.lower, budget / 5, &mut s.row)?;
        let mut left = budget - 5 * lower;
        let punct = bounded(
            &q.punct,
            m.punct,
            left.saturating_sub(nn.abs_diff(qn)),
            &mut s.row,
        )?;
        left -= punct;
        let numbers = bounded(&q.numbers, m.numbers, left, &mut s.row)?;
        left -= numbers;
        // Case differences cost a fifth each: at most what is left.
        let cased = bounded(&q.cased, m.words, lower + left, &mut s.row)?;
        let score = if lower + cased + punct + numbers == 0 && text.trim() == self.source(u).trim()
        {
            100
        } else {
            percentage((lower, cased, punct, numbers), maxes)
        };
        (score >= floor).then_some(score)
    }

    /// The same as [`Index::search`] by scoring every unit with
    /// [`super::score`] on strings: the reference the index is tested
    /// against.
    pub fn search_exhaustive(&self, query: &str, min: u32, k: usize) -> Vec<Hit> {
        use super::similarity::{score_tokens, Tokens};
        let q = Tokens::new(query);
        if q.weight() == 0.0 {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = (0..self.len())
            .map(|unit| {
                let source = self.source(unit);
                Hit {
                    unit,
                    score: score_tokens(query, &q, source, &Tokens::new(source)),
                }
            })
            .filter(|h| h.score >= min.clamp(1, 100))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.unit.cmp(&b.unit)));
        hits.truncate(k);
        hits
    }
}
