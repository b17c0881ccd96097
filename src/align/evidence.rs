//! Why the aligner paired what it paired, bead by bead, for people to read:
//! the numbers, URLs and names found on two sides of a bead, and how far
//! the bead's length ratio is from the ratio fitted to the document pair.
//!
//! It uses the aligner's own anchor extraction and matching rules (exact
//! keys, 4-letter prefixes within one script or for Latin words, consonant
//! skeletons compared with Jaro-Winkler across scripts), read per word so
//! that each match can be shown as the text the reader sees. It changes
//! nothing in how beads are found or scored.

use super::anchor_words::{chunk_words, chunks, matches, term_words, Word};
use super::length::LengthModel;
use super::tokens::{dominant_script, PieceReader, Script};
use super::{Alignment, Bead};
use crate::document::Document;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// Beads at least this confident fit the length ratio shown as "fitted".
const FIT_MIN_SCORE: f64 = 0.9;

/// What kind of anchor matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// A number, normalised across digits and separators.
    Number,
    /// A URL, e-mail address, hashtag or handle.
    Link,
    /// A name or cognate: same prefix, or same consonant skeleton across scripts.
    Name,
    /// A term of the aligner's built-in table, the same concept in every
    /// language: a month or weekday, a unit or currency, a country or
    /// capital, an international organisation (`كانون الأول` and `December`).
    Term,
}

/// One anchor found on two sides of a bead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    /// What kind of anchor it is.
    pub kind: AnchorKind,
    /// The two documents compared (indices into the documents).
    pub docs: [usize; 2],
    /// The word as written on each side.
    pub text: [String; 2],
}

/// The length of a bead on two sides against the fitted ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LengthFit {
    /// The two documents compared.
    pub docs: [usize; 2],
    /// Characters (whitespace excluded) of the bead on each side.
    pub chars: [usize; 2],
    /// Observed ratio, side 1 characters over side 0 characters.
    pub ratio: f64,
    /// The ratio fitted to the document pair from its confident beads.
    pub fitted: f64,
    /// Distance from the fit in standard deviations of the length model
    /// (Gale and Church): under 1 is ordinary, over 3 is suspicious.
    pub sigma: f64,
}

/// The evidence for one bead.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// Anchors matched across sides, document 0 against each other
    /// document, then document 1 against document 2.
    pub matches: Vec<Match>,
    /// Length against the fit, for the same pairs of documents, where
    /// both sides of the pair have text.
    pub lengths: Vec<LengthFit>,
}

/// Computes [`Evidence`] for the beads of one alignment. Build it once per
/// set of documents: it reads every sentence once and fits the ratios.
///
/// ```
/// use tmalign::{align::EvidenceFinder, Aligner, Document};
/// let en = Document::presegmented("en", "Putin spoke in 2019.\n".into());
/// let ru = Document::presegmented("ru", "Путин выступил в 2019 году.\n".into());
/// let alignment = Aligner::new().align(&[&en, &ru]).unwrap();
/// let finder = EvidenceFinder::new(&[&en, &ru], &alignment);
/// let evidence = finder.bead(&alignment.beads[0]);
/// let words: Vec<&str> = evidence.matches.iter().map(|m| m.text[1].as_str()).collect();
/// assert_eq!(words, ["Путин", "2019"]);
/// ```
pub struct EvidenceFinder<'a> {
    docs: Vec<&'a Document>,
    /// The anchor-bearing words and lengths of every sentence, per document.
    words: Vec<DocWords>,
    scripts: Vec<Script>,
    /// Per pair of documents (a, b, fitted ratio, model).
    pairs: Vec<(usize, usize, f64, LengthModel)>,
}

impl<'a> EvidenceFinder<'a> {
    /// Reads `docs` and fits the length ratio of each pair of documents to
    /// the confident beads of `alignment` (all paired beads when none is).
    pub fn new(docs: &[&'a Document], alignment: &Alignment) -> EvidenceFinder<'a> {
        // Each document is read once, chunk by chunk, on its own thread.
        let words: Vec<DocWords> = docs.par_iter().map(|d| DocWords::new(d)).collect();
        let mut pairs = Vec::new();
        for a in 0..docs.len() {
            for b in a + 1..docs.len() {
                let paired = |min: f64| -> Vec<(Range<usize>, Range<usize>)> {
                    alignment
                        .beads
                        .iter()
                        .filter(|bead| bead.score >= min)
                        .filter_map(|bead| {
                            Some((bead.ids.get(a)?.clone(), bead.ids.get(b)?.clone()))
                        })
                        .filter(|(x, y)| !x.is_empty() && !y.is_empty())
                        .collect()
                };
                let mut fit = paired(FIT_MIN_SCORE);
                if fit.is_empty() {
                    fit = paired(0.0);
                }
                let (la, lb) = (&words[a].lens, &words[b].lens);
                let model = LengthModel::fit(la, lb, &fit);
                let sum = |lens: &[f64], rs: &mut dyn Iterator<Item = &Range<usize>>| -> f64 {
                    rs.map(|r| lens.get(r.clone()).map_or(0.0, |l| l.iter().sum::<f64>()))
                        .sum()
                };
                let (mut ta, mut tb) = (
                    sum(la, &mut fit.iter().map(|p| &p.0)),
                    sum(lb, &mut fit.iter().map(|p| &p.1)),
                );
                if ta <= 0.0 || tb <= 0.0 {
                    (ta, tb) = (la.iter().sum(), lb.iter().sum());
                }
                // The same ratio as the model: totals over totals, clamped.
                let fitted = if ta > 0.0 && tb > 0.0 {
                    (tb / ta).clamp(0.1, 10.0)
                } else {
                    1.0
                };
                pairs.push((a, b, fitted, model));
            }
        }
        EvidenceFinder {
            docs: docs.to_vec(),
            scripts: words.iter().map(|w| w.script).collect(),
            words,
            pairs,
        }
    }

    /// The evidence for one bead of the alignment.
    pub fn bead(&self, bead: &Bead) -> Evidence {
        let words: Vec<Vec<&Word>> = (0..self.docs.len())
            .map(|k| {
                let ids = bead.ids.get(k).cloned().unwrap_or(0..0);
                self.words[k].of(ids)
            })
            .collect();
        let mut evidence = Evidence::default();
        for &(a, b, fitted, model) in &self.pairs {
            let (ra, rb) = (
                bead.ids.get(a).cloned().unwrap_or(0..0),
                bead.ids.get(b).cloned().unwrap_or(0..0),
            );
            if ra.is_empty() || rb.is_empty() {
                continue;
            }
            let same_script = self.scripts[a] == self.scripts[b];
            let mut used = vec![false; words[b].len()];
            for wa in &words[a] {
                let found = words[b]
                    .iter()
                    .enumerate()
                    .find(|(j, wb)| !used[*j] && matches(wa, wb, same_script));
                if let Some((j, wb)) = found {
                    used[j] = true;
                    let repeated = evidence.matches.iter().any(|m| {
                        m.docs == [a, b] && m.text[0] == wa.surface && m.text[1] == wb.surface
                    });
                    if !repeated {
                        evidence.matches.push(Match {
                            kind: wa.kind,
                            docs: [a, b],
                            text: [wa.surface.clone(), wb.surface.clone()],
                        });
                    }
                }
            }
            let chars = |k: usize, r: &Range<usize>| -> f64 {
                self.words[k]
                    .lens
                    .get(r.clone())
                    .map_or(0.0, |l| l.iter().sum())
            };
            let (ca, cb) = (chars(a, &ra), chars(b, &rb));
            evidence.lengths.push(LengthFit {
                docs: [a, b],
                chars: [ca as usize, cb as usize],
                ratio: if ca > 0.0 { cb / ca } else { 0.0 },
                fitted,
                sigma: model.deviation(ca, cb).sqrt(),
            });
        }
        evidence
    }

    /// The evidence for every bead of `alignment`, in order (read on all
    /// threads; the result is the same at any thread count).
    pub fn all(&self, alignment: &Alignment) -> Vec<Evidence> {
        alignment.beads.par_iter().map(|b| self.bead(b)).collect()
    }
}

/// The evidence for one bead; builds an [`EvidenceFinder`] each time, so
/// prefer [`EvidenceFinder::all`] for a whole alignment.
pub fn evidence(docs: &[&Document], alignment: &Alignment, bead: &Bead) -> Evidence {
    EvidenceFinder::new(docs, alignment).bead(bead)
}

/// The anchor-bearing words of every sentence of one document, read once.
///
/// Each whitespace-separated chunk is read with the aligner's extraction on
/// its own, so that every anchor keeps the text it was read from and its
/// own keys; a chunk that occurs again (most words of a text) is read once.
struct DocWords {
    /// The words of each distinct chunk, in the order first seen.
    store: Vec<Word>,
    /// Indices into `store`, sentence after sentence.
    ids: Vec<u32>,
    /// `ids[offsets[s]..offsets[s + 1]]` are the words of sentence `s`.
    offsets: Vec<usize>,
    /// Characters of each sentence, whitespace excluded (the aligner's lengths).
    lens: Vec<f64>,
    /// The script most letters are in, as the aligner decides it: the
    /// letters of each chunk count for the chunk's own dominant script.
    script: Script,
}

impl DocWords {
    fn new(doc: &Document) -> DocWords {
        let mut store = Vec::new();
        let mut ids = Vec::new();
        let mut offsets = Vec::with_capacity(doc.sentences.len() + 1);
        offsets.push(0);
        let mut lens = Vec::with_capacity(doc.sentences.len());
        // Per distinct chunk: its words in `store`, its script and letters.
        let mut seen: HashMap<&str, (Range<u32>, Script, usize)> = HashMap::new();
        let mut letters = [0usize; 4];
        let mut reader = PieceReader::new(&doc.lang);
        for s in &doc.sentences {
            let text = doc.text.get(s.range()).unwrap_or("");
            let mut len = 0;
            // Terms of the table may span several chunks (`United
            // Nations`): they are found in the whole sentence, and stand
            // for the words of the chunks they cover, as in the aligner.
            let terms = term_words(&mut reader, text);
            for chunk in chunks(text, &terms) {
                for (_, word) in chunk.terms {
                    ids.push(store.len() as u32);
                    store.push(word.clone());
                }
                let (range, script, n) = seen
                    .entry(chunk.text)
                    .or_insert_with(|| {
                        let start = store.len() as u32;
                        let script = chunk_words(&mut reader, chunk.text, &mut store);
                        let n = chunk.text.chars().filter(|c| c.is_alphabetic()).count();
                        (start..store.len() as u32, script, n)
                    })
                    .clone();
                len += chunk.text.chars().count();
                // A chunk under a term keeps its numbers and links only.
                ids.extend(range.filter(|&i| !chunk.covered || !store[i as usize].is_word()));
                letters[script as usize] += n;
            }
            lens.push(len as f64);
            offsets.push(ids.len());
        }
        let script = dominant_script(letters);
        DocWords {
            store,
            ids,
            offsets,
            lens,
            script,
        }
    }

    /// The words of sentences `range`, in order.
    fn of(&self, range: Range<usize>) -> Vec<&Word> {
        let end = range.end.min(self.offsets.len().saturating_sub(1));
        if range.start >= end {
            return Vec::new();
        }
        self.ids[self.offsets[range.start]..self.offsets[end]]
            .iter()
            .map(|&i| &self.store[i as usize])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: &str, text: &str) -> Document {
        Document::presegmented(lang, text.to_string())
    }

    #[test]
    fn numbers_across_scripts_are_shown_as_written() {
        let ar = doc("ar", "ارتفعت الأسعار ٢٨٫٢ في المئة.\n");
        let en = doc("en", "Prices rose 28.2 percent.\n");
        let al = Alignment {
            beads: vec![Bead {
                ids: vec![0..1, 0..1],
                score: 1.0,
            }],
        };
        let ev = evidence(&[&ar, &en], &al, &al.beads[0]);
        assert_eq!(
            ev.matches,
            [Match {
                kind: AnchorKind::Number,
                docs: [0, 1],
                text: ["٢٨٫٢".into(), "28.2".into()]
            }]
        );
        assert_eq!(ev.lengths.len(), 1);
        assert!(ev.lengths[0].sigma.abs() < 1e-9, "{:?}", ev.lengths);
    }

    #[test]
    fn names_links_and_one_sided_beads() {
        let en = doc("en", "Putin wrote to bob@example.com.\nAlone.\n");
        let ru = doc("ru", "Путин написал на bob@example.com.\n");
        let al = Alignment {
            beads: vec![
                Bead {
                    ids: vec![0..1, 0..1],
                    score: 0.95,
                },
                Bead {
                    ids: vec![1..2, 1..1],
                    score: 0.0,
                },
            ],
        };
        let finder = EvidenceFinder::new(&[&en, &ru], &al);
        let ev = finder.bead(&al.beads[0]);
        let kinds: Vec<_> = ev
            .matches
            .iter()
            .map(|m| (m.kind, m.text[1].as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (AnchorKind::Name, "Путин"),
                (AnchorKind::Link, "bob@example.com")
            ]
        );
        assert_eq!(finder.bead(&al.beads[1]), Evidence::default());
    }

    #[test]
    fn terms_of_the_table_match_across_scripts_as_written() {
        let ar = doc("ar", "اجتمع مجلس الأمن في ٥ آب في موسكو.\n");
        let ru = doc("ru", "Совет Безопасности собрался 5 августа в Москве.\n");
        let al = Alignment {
            beads: vec![Bead {
                ids: vec![0..1, 0..1],
                score: 1.0,
            }],
        };
        let ev = evidence(&[&ar, &ru], &al, &al.beads[0]);
        let shown: Vec<(AnchorKind, &str, &str)> = ev
            .matches
            .iter()
            .map(|m| (m.kind, m.text[0].as_str(), m.text[1].as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (AnchorKind::Term, "مجلس الأمن", "Совет Безопасности"),
                (AnchorKind::Number, "٥", "5"),
                (AnchorKind::Term, "آب", "августа"),
                (AnchorKind::Term, "موسكو", "Москве"),
            ]
        );
    }

    #[test]
    fn length_far_from_the_fit_has_a_large_sigma() {
        let en = doc("en", "One two three four five.\nA much longer sentence here, with many many more words in it.\n");
        let fr = doc("fr", "Un deux trois quatre cinq.\nCourt.\n");
        let al = Alignment {
            beads: vec![
                Bead {
                    ids: vec![0..1, 0..1],
                    score: 1.0,
                },
                Bead {
                    ids: vec![1..2, 1..2],
                    score: 0.5,
                },
            ],
        };
        let finder = EvidenceFinder::new(&[&en, &fr], &al);
        let near = &finder.bead(&al.beads[0]).lengths[0];
        let far = &finder.bead(&al.beads[1]).lengths[0];
        assert!((near.fitted - near.ratio).abs() < 1e-9);
        assert!(far.sigma > 3.0 && near.sigma < 0.5, "{near:?} {far:?}");
    }
}
