//! Sentence alignment of two or three documents.
//!
//! The aligner needs no dictionary and no model. It scores beads (groups of
//! sentences that translate each other: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, and
//! 1-3 up to 3-2) by
//! - a length model whose ratio is fitted to each document pair,
//! - anchors matched across languages and scripts: numbers (any digits and
//!   separators), URLs, e-mails, hashtags, punctuation, cognates (4-letter
//!   prefixes), and names transliterated to a consonant skeleton and
//!   compared with Jaro-Winkler, and the terms of a small built-in table
//!   (months, weekdays, units, currencies, countries, capitals and
//!   international organisations in ar, en, ru, fr and de, such as
//!   `كانون الأول` = `December` = `декабря`), each weighted by its rarity;
//!   an anchor without a counterpart counts against a pairing,
//! - paragraph breaks, as soft anchors, when both sides have them,
//!
//! combined as a log-likelihood ratio against "unrelated sentences", so
//! that a pairing must earn its place and a dropped sentence becomes a 0-1
//! or 1-0 bead. A first pass with general weights finds the path; its
//! confident 1-1 beads then refit the weights and the length ratio to the
//! document pair for a second pass. The dynamic programme stays inside a
//! band around pairs of rare shared anchors, which grows where the best
//! path touches its edge, so time and memory are linear. Forward-backward
//! gives each bead its posterior probability as its score. Three documents
//! are aligned jointly, in one search over all three.
//!
//! ```
//! use tmalign::{Aligner, Document};
//! let en = Document::presegmented("en", "It rained in 2019.\nThe river rose.\nPutin spoke.\n".into());
//! let ru = Document::presegmented("ru", "В 2019 году шёл дождь.\nРека поднялась.\nПутин выступил.\n".into());
//! let alignment = Aligner::new().align(&[&en, &ru]).unwrap();
//! let kinds: Vec<String> = alignment.beads.iter().map(|b| b.kind()).collect();
//! assert_eq!(kinds, ["1-1", "1-1", "1-1"]);
//! ```

mod anchor_words;
mod band;
mod clauses;
mod concepts;
mod cost;
mod cover;
mod dp;
mod evidence;
mod guide;
mod length;
mod lexicon;
mod lists;
mod log_sums;
mod model;
mod order;
mod pair;
mod pair_posterior;
mod priors;
mod realign;
mod three;
mod three_merge;
mod tokens;
mod translit;
mod word_pairs;

pub use clauses::{split_clauses, split_sentence, ClauseSplit};
pub use evidence::{evidence, AnchorKind, Evidence, EvidenceFinder, LengthFit, Match};
pub use lexicon::LexiconPart;
pub use pair_posterior::PairUnit;
/// The number anchors, for the translation-memory tools (`tm`): a digit in
/// any script, and the normalised key of the number starting at a char.
pub(crate) use tokens::{digit_value, number};
pub use word_pairs::{WordPair, WordPairCounts, WordPairs};

use crate::document::Document;
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// Beads scoring below this are left out of a TMX export by default.
///
/// Measured on the Text+Berg dev set (the data it was chosen on), among the
/// beads that reach a TMX (sentences on both sides), those scoring at least
/// 0.9 are 73% of all, and 99.7% of them pair sentences that the gold pairs
/// (lax); 94% are exactly a gold bead (strict). Most of the strict misses
/// split a larger gold bead (1-5, 4-3) into smaller ones. On the Text+Berg
/// test set the strict figure is 97%.
pub const DEFAULT_MIN_SCORE: f64 = 0.9;

/// One bead: the sentences of each document that translate each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    /// For each document, the (possibly empty) range of sentence indices.
    pub ids: Vec<Range<usize>>,
    /// Confidence in [0, 1]: the posterior probability of this bead.
    pub score: f64,
}

impl Bead {
    /// The bead type, such as `1-2` or `0-1-1`.
    pub fn kind(&self) -> String {
        let parts: Vec<String> = self.ids.iter().map(|r| r.len().to_string()).collect();
        parts.join("-")
    }
}

/// A monotonic list of beads that covers every sentence of every document
/// exactly once, in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Alignment {
    /// The beads in document order.
    pub beads: Vec<Bead>,
}

/// Aligns documents. Build it with [`Aligner::new`] and adjust the settings.
///
/// ```
/// let mut aligner = tmalign::Aligner::new();
/// aligner.second_pass(false).band_width(50);
/// ```
#[derive(Debug, Clone)]
pub struct Aligner {
    band_width: usize,
    second_pass: bool,
    large_beads: bool,
    paragraphs: bool,
    fit_priors: bool,
    cost_table_bytes: usize,
    /// Bits of the [`LexiconPart`]s turned on.
    lexicon: u8,
    word_pairs: Option<Arc<WordPairs>>,
}

impl Default for Aligner {
    fn default() -> Aligner {
        Aligner {
            band_width: 12,
            second_pass: true,
            large_beads: true,
            paragraphs: true,
            fit_priors: true,
            cost_table_bytes: 320 << 20,
            lexicon: lexicon::ALL_PARTS,
            word_pairs: None,
        }
    }
}

impl Aligner {
    /// An aligner with the default settings.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// Half-width, in sentences, of the band searched around the diagonal
    /// at first. The band grows wherever the best path comes near its edge,
    /// so this only trades speed for the chance of a detour being missed.
    ///
    /// By default, 12.
    pub fn band_width(&mut self, sentences: usize) -> &mut Aligner {
        self.band_width = sentences.max(1);
        self
    }

    /// Whether to align a second time with the scoring weights refitted to
    /// the document pair from the confident beads of the first alignment.
    ///
    /// By default, true.
    pub fn second_pass(&mut self, yes: bool) -> &mut Aligner {
        self.second_pass = yes;
        self
    }

    /// Whether beads larger than 2-2 are allowed: 1-3, 3-1, 1-4, 4-1, 2-3
    /// and 3-2, besides 0-1, 1-0, 1-1, 1-2, 2-1 and 2-2. Documents of three
    /// are always aligned with beads of at most two sentences per document.
    ///
    /// By default, true.
    pub fn large_beads(&mut self, yes: bool) -> &mut Aligner {
        self.large_beads = yes;
        self
    }

    /// The most memory, in bytes, that the costs of one search may take
    /// when kept in a table for all its sweeps, at two bytes a cost: 10 to
    /// 24 bytes per cell of the search, about 270 MB at a million sentences
    /// a side. A larger search works out the costs of each block of rows
    /// whenever a sweep needs them: the same beads in a few bytes per cell,
    /// for about twice the CPU time.
    ///
    /// By default, 320 MiB.
    pub fn cost_table_bytes(&mut self, bytes: usize) -> &mut Aligner {
        self.cost_table_bytes = bytes;
        self
    }

    /// Whether paragraph breaks count as soft anchors. They are only used
    /// when both documents have more than one paragraph.
    ///
    /// By default, true.
    pub fn paragraphs(&mut self, yes: bool) -> &mut Aligner {
        self.paragraphs = yes;
        self
    }

    /// Whether the terms of the built-in table count as anchors: month and
    /// weekday names, units, currencies, countries, capitals and
    /// international organisations, in Arabic, English, Russian, French
    /// and German (`كانون الأول`, `ديسمبر`, `December`, `декабря`,
    /// `décembre` and `Dezember` are one anchor; so are `الأمم المتحدة`,
    /// `UN`, `ООН`, `ONU` and `UNO`). Other languages get only the forms
    /// written alike everywhere (`$`, `€`, `USD`, `km`). This turns every
    /// part on or off; [`Aligner::lexicon_part`] sets one.
    ///
    /// It raises strict F1 on the ar/en/ru sets by up to 0.009, and on
    /// the Arabic one-to-many sets by up to 0.029 (0.007 pooled over the
    /// dev sets), for 0.002 to 0.003 lost on Text+Berg (de-fr, one script,
    /// where names are spelt alike anyway); `cargo bench --bench accuracy`
    /// prints the ablation.
    ///
    /// By default, true.
    ///
    /// ```
    /// use tmalign::{Aligner, Document};
    /// let ar = Document::presegmented("ar", "وصل الوفد في كانون الأول.\nانتهى الاجتماع.\n".into());
    /// let en = Document::presegmented("en", "The delegation arrived in December.\nThe meeting ended.\n".into());
    /// let alignment = Aligner::new().align(&[&ar, &en]).unwrap();
    /// assert_eq!(alignment.beads.len(), 2);
    /// ```
    pub fn lexicon(&mut self, yes: bool) -> &mut Aligner {
        self.lexicon = if yes { lexicon::ALL_PARTS } else { 0 };
        self
    }

    /// Whether one part of the built-in term table (see
    /// [`Aligner::lexicon`]) counts.
    ///
    /// By default, every part counts.
    ///
    /// ```
    /// use tmalign::{align::LexiconPart, Aligner};
    /// let mut aligner = Aligner::new();
    /// aligner.lexicon(false).lexicon_part(LexiconPart::Dates, true);
    /// ```
    pub fn lexicon_part(&mut self, part: LexiconPart, yes: bool) -> &mut Aligner {
        if yes {
            self.lexicon |= part.bit();
        } else {
            self.lexicon &= !part.bit();
        }
        self
    }

    /// Word pairs learned over a batch ([`WordPairCounts`]) or read from a
    /// file ([`WordPairs::read`]) that count as anchors: the words of a
    /// pair are one anchor, weighted by its rarity like the others. Only
    /// the pairs of the two documents' languages are used.
    ///
    /// Learned from the first alignment of a whole set and used to align
    /// it again (`tmalign batch --lexical-pass`), they raise strict F1 on
    /// Text+Berg test from 0.863 to 0.876 (dev stays at 0.910), on the
    /// ar/en/ru sets by up to 0.014 (NTREX ar-ru drops 0.004), and on the
    /// one-to-many sets by 0.001 to 0.050; lax F1 rises on every set
    /// (`cargo bench --bench accuracy -- --lexical`).
    ///
    /// By default, none.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use tmalign::align::WordPairs;
    /// let text = "# tmalign word pairs 1\nde\tfr\tgipf\tsomm\t12\t0.8\n";
    /// let pairs = WordPairs::from_text(text, None).unwrap();
    /// let mut aligner = tmalign::Aligner::new();
    /// aligner.word_pairs(Some(Arc::new(pairs)));
    /// ```
    pub fn word_pairs(&mut self, pairs: Option<Arc<WordPairs>>) -> &mut Aligner {
        self.word_pairs = pairs;
        self
    }

    /// Reads a document's anchors with this aligner's settings.
    fn anchors(&self, doc: &Document) -> tokens::DocAnchors {
        tokens::DocAnchors::with_lexicon(doc, self.lexicon)
    }

    /// Whether the prior probability of each bead shape (1-1, 1-2, 0-1, …)
    /// is refitted to each document pair, by one EM step over the
    /// posteriors of the second pass, smoothed towards the defaults: a
    /// pair whose one side joins sentences (Arabic news) then expects many
    /// 1-2 and 1-3 beads and few deletions. The length ratio and the
    /// weights are refitted to the second pass's path at the same time, and
    /// a third search runs with all three: about 40-60% more CPU time.
    /// Only with [`Aligner::second_pass`].
    ///
    /// By default, true.
    pub fn fit_priors(&mut self, yes: bool) -> &mut Aligner {
        self.fit_priors = yes;
        self
    }

    /// Aligns two or three documents into one set of beads.
    ///
    /// The beads depend on the documents, not on the order they are named
    /// in: named in another order, the same beads come back with their
    /// columns in that order.
    ///
    /// # Errors
    /// [`Error::DocumentCount`] unless given 2 or 3 documents.
    pub fn align(&self, docs: &[&Document]) -> Result<Alignment> {
        let order = order::reading_order(docs);
        let docs = &order::read(docs, &order)[..];
        let mut anchors: Vec<tokens::DocAnchors> = match docs.len() {
            2 | 3 => docs.par_iter().map(|d| self.anchors(d)).collect(),
            found => return Err(Error::DocumentCount { found }),
        };
        let beads = if let [a, b] = &mut anchors[..] {
            let concepts = concepts::PairAnchors::new(a, b, self.word_pairs.as_deref());
            a.drop_tokens();
            b.drop_tokens();
            let model = pair::PairModel::with_anchors(a, b, concepts, self);
            pair::align(&model, self)
                .beads
                .into_iter()
                .map(|p| Bead {
                    ids: p.ids.to_vec(),
                    score: p.score,
                })
                .collect()
        } else {
            three::align(&anchors, self)
        };
        Ok(Alignment {
            beads: order::to_given(beads, &order),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: &str, lines: &[&str]) -> Document {
        Document::presegmented(lang, lines.join("\n"))
    }

    fn assert_covers(al: &Alignment, docs: &[&Document]) {
        for (k, d) in docs.iter().enumerate() {
            let mut next = 0;
            for b in &al.beads {
                assert_eq!(b.ids[k].start, next, "doc {k}: {:?}", al.beads);
                next = b.ids[k].end;
            }
            assert_eq!(next, d.len());
        }
        assert!(al.beads.iter().all(|b| b.ids.iter().any(|r| !r.is_empty())));
        assert!(al.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    }

    #[test]
    fn wrong_document_counts_are_errors() {
        let d = doc("en", &["a"]);
        assert!(matches!(
            Aligner::new().align(&[&d]),
            Err(Error::DocumentCount { found: 1 })
        ));
        assert!(matches!(
            Aligner::new().align(&[&d, &d, &d, &d]),
            Err(Error::DocumentCount { found: 4 })
        ));
    }

    #[test]
    fn a_dropped_sentence_becomes_a_one_sided_bead() {
        let en = doc(
            "en",
            &[
                "In 1953 Hillary reached the summit of Everest.",
                "By 6 the wind had dropped to 20 knots and the sky was clear.",
                "Tenzing Norgay climbed with him from camp 9.",
                "They stayed at the top for 15 minutes.",
            ],
        );
        let fr = doc(
            "fr",
            &[
                "En 1953, Hillary atteignit le sommet de l'Everest.",
                "Tenzing Norgay grimpait avec lui depuis le camp 9.",
                "Ils restèrent au sommet 15 minutes.",
            ],
        );
        let al = Aligner::new().align(&[&en, &fr]).unwrap();
        assert_covers(&al, &[&en, &fr]);
        let kinds: Vec<String> = al.beads.iter().map(|b| b.kind()).collect();
        assert_eq!(kinds, ["1-1", "1-0", "1-1", "1-1"]);
    }

    #[test]
    fn empty_documents_give_one_sided_beads() {
        let a = doc("en", &["One.", "Two."]);
        let e = doc("fr", &[]);
        let al = Aligner::new().align(&[&a, &e]).unwrap();
        assert_covers(&al, &[&a, &e]);
        assert_eq!(al.beads.len(), 2);
        let al = Aligner::new().align(&[&e, &e]).unwrap();
        assert!(al.beads.is_empty());
    }
}
