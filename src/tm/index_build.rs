//! Building an [`Index`]: segments tokenised in parallel in fixed chunks
//! with chunk-local ids, the ids made global in chunk order (so that they,
//! and the index file, are the same at any thread count), and the posting
//! lists filled once from counted sizes.

use super::index::{term_key, Entry, Index, NUMBER_TERM, PUNCT_TERM, WORD, WORD_TERM};
use super::similarity::{scan, Token};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Units per chunk: fixed, so ids do not depend on the thread count.
const CHUNK: usize = 4096;

/// A chunk-local key: a word as written, or a number or punctuation term.
enum Key<'a> {
    Word(&'a str),
    Term(u8, String),
}

/// One chunk's units, tokenised with chunk-local ids.
struct Chunk<'a> {
    keys: Vec<Key<'a>>,
    /// Per unit: counts of words, numbers and punctuation, then the ids.
    tokens: Vec<u32>,
    lens: Vec<u32>,
}

fn tokenise(entries: &[Entry]) -> Chunk<'_> {
    let mut chunk = Chunk {
        keys: Vec::new(),
        tokens: Vec::new(),
        lens: Vec::with_capacity(entries.len()),
    };
    let mut words: FxHashMap<&str, u32> = FxHashMap::default();
    let mut puncts: FxHashMap<char, u32> = FxHashMap::default();
    let mut numbers: FxHashMap<String, u32> = FxHashMap::default();
    let (mut w, mut n, mut p) = (Vec::new(), Vec::new(), Vec::new());
    let mut chars = Vec::new();
    for e in entries {
        w.clear();
        n.clear();
        p.clear();
        let keys = &mut chunk.keys;
        scan(&e.source, &mut chars, |token| match token {
            Token::Word(s) => w.push(*words.entry(s).or_insert_with(|| {
                keys.push(Key::Word(s));
                keys.len() as u32 - 1
            })),
            Token::Number(key) => n.push(match numbers.get(&key) {
                Some(&id) => id,
                None => {
                    keys.push(Key::Term(NUMBER_TERM, key.clone()));
                    numbers.insert(key, keys.len() as u32 - 1);
                    keys.len() as u32 - 1
                }
            }),
            Token::Punct(c) => p.push(*puncts.entry(c).or_insert_with(|| {
                keys.push(Key::Term(PUNCT_TERM, c.to_string()));
                keys.len() as u32 - 1
            })),
        });
        chunk
            .tokens
            .extend([w.len() as u32, n.len() as u32, p.len() as u32]);
        chunk.tokens.extend_from_slice(&w);
        chunk.tokens.extend_from_slice(&n);
        chunk.tokens.extend_from_slice(&p);
        chunk.lens.push((3 + w.len() + n.len() + p.len()) as u32);
    }
    chunk
}

fn intern(ids: &mut FxHashMap<Box<str>, u32>, list: &mut Vec<Box<str>>, key: Box<str>) -> u32 {
    if let Some(&id) = ids.get(&key) {
        return id;
    }
    let id = list.len() as u32;
    list.push(key.clone());
    ids.insert(key, id);
    id
}

impl Index {
    /// Indexes the entries, in order.
    pub fn new(entries: Vec<Entry>) -> Index {
        let mut index = Index::default();
        let (text, chunks) = rayon::join(
            || {
                let size = entries
                    .iter()
                    .map(|e| e.source.len() + e.target.len())
                    .sum();
                let mut text = String::with_capacity(size);
                let mut ends = Vec::with_capacity(2 * entries.len());
                for e in &entries {
                    text.push_str(&e.source);
                    ends.push(text.len() as u64);
                    text.push_str(&e.target);
                    ends.push(text.len() as u64);
                }
                (text, ends)
            },
            || {
                entries
                    .par_chunks(CHUNK)
                    .map(tokenise)
                    .collect::<Vec<Chunk>>()
            },
        );
        (index.text, index.text_ends) = text;
        // Chunk-local ids to global ones, in chunk order.
        let maps: Vec<Vec<u32>> = chunks
            .iter()
            .map(|chunk| {
                chunk
                    .keys
                    .iter()
                    .map(|key| match key {
                        Key::Word(w) => {
                            if let Some(&id) = index.cased_ids.get(*w) {
                                return id;
                            }
                            let term = intern(
                                &mut index.term_ids,
                                &mut index.terms,
                                term_key(WORD_TERM, &w.to_lowercase()),
                            );
                            index.lower_of.push(term);
                            intern(&mut index.cased_ids, &mut index.cased, (*w).into())
                        }
                        Key::Term(kind, text) => {
                            intern(&mut index.term_ids, &mut index.terms, term_key(*kind, text))
                        }
                    })
                    .collect()
            })
            .collect();
        let mut chunks = chunks;
        chunks.par_iter_mut().zip(&maps).for_each(|(chunk, map)| {
            let mut at = 0;
            for &len in &chunk.lens {
                for id in &mut chunk.tokens[at + 3..at + len as usize] {
                    *id = map[*id as usize];
                }
                at += len as usize;
            }
        });
        drop(maps);
        let total: usize = chunks.iter().map(|c| c.tokens.len()).sum();
        index.tokens.reserve_exact(total);
        index.token_starts.reserve_exact(entries.len() + 1);
        index.token_starts.push(0);
        for chunk in &mut chunks {
            for &len in &chunk.lens {
                let at = *index.token_starts.last().unwrap_or(&0);
                index.token_starts.push(at + u64::from(len));
            }
            index.tokens.append(&mut chunk.tokens);
        }
        drop(chunks);
        // Freeing the entries' millions of strings overlaps the postings.
        rayon::join(
            || drop(entries),
            || {
                index.derive_weights();
                index.fill_postings();
            },
        );
        index
    }

    /// Each unit's weight, in fifths, from its token counts.
    pub(crate) fn derive_weights(&mut self) {
        self.weights = self
            .token_starts
            .windows(2)
            .map(|w| {
                let t = &self.tokens[w[0] as usize..];
                // Saturating: a crafted file must not overflow it.
                WORD.saturating_mul(t[0])
                    .saturating_add(t[1])
                    .saturating_add(t[2])
            })
            .collect();
    }

    /// The distinct terms of unit `u`, into `out`.
    fn unit_terms(&self, u: usize, out: &mut Vec<u32>) {
        let t = self.unit_tokens(u);
        let from = out.len();
        out.extend(t.words.iter().map(|&c| self.lower_of[c as usize]));
        out.extend_from_slice(t.numbers);
        out.extend_from_slice(t.punct);
        out[from..].sort_unstable();
        let mut kept = from;
        for i in from..out.len() {
            if kept == from || out[i] != out[kept - 1] {
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
    }

    /// The posting lists, each sorted by (unit weight, unit).
    fn fill_postings(&mut self) {
        // Each unit's distinct terms, in parallel by fixed chunks.
        let units: Vec<usize> = (0..self.len()).step_by(CHUNK).collect();
        let parts: Vec<(Vec<u32>, Vec<u32>)> = units
            .par_iter()
            .map(|&from| {
                let (mut terms, mut lens) = (Vec::new(), Vec::new());
                for u in from..(from + CHUNK).min(self.len()) {
                    let before = terms.len();
                    self.unit_terms(u, &mut terms);
                    lens.push((terms.len() - before) as u32);
                }
                (terms, lens)
            })
            .collect();
        let mut starts = Vec::with_capacity(self.len() + 1);
        starts.push(0u64);
        let mut all = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        for (terms, lens) in parts {
            for len in lens {
                starts.push(starts[starts.len() - 1] + u64::from(len));
            }
            all.extend_from_slice(&terms);
        }
        let mut counts = vec![0u64; self.terms.len() + 1];
        for &t in &all {
            counts[t as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        // Units by (weight, unit): a counting sort on the weight.
        let heaviest = self.weights.iter().copied().max().unwrap_or(0) as usize;
        let mut by_weight = vec![0usize; heaviest + 2];
        for &w in &self.weights {
            by_weight[w as usize + 1] += 1;
        }
        for i in 1..by_weight.len() {
            by_weight[i] += by_weight[i - 1];
        }
        let mut order = vec![0u32; self.len()];
        for (u, &w) in self.weights.iter().enumerate() {
            order[by_weight[w as usize]] = u as u32;
            by_weight[w as usize] += 1;
        }
        let mut postings = vec![0u32; counts[self.terms.len()] as usize];
        let mut next = counts.clone();
        for u in order {
            let u_terms = &all[starts[u as usize] as usize..starts[u as usize + 1] as usize];
            for &t in u_terms {
                postings[next[t as usize] as usize] = u;
                next[t as usize] += 1;
            }
        }
        self.posting_starts = counts;
        self.postings = postings;
    }
}
