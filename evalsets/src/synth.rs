//! A synthetic Arabic/English/Russian evaluation set, built deterministically
//! from line-aligned corpora (`corpora/ntrex128`, `corpora/tico19`).
//!
//! # How a document pair is built
//! The corpora are aligned line by line, and `docs.tsv` cuts them into
//! documents. For each document and each language pair (`source`,
//! `target`), with a pseudo-random generator seeded from [`Config::seed`],
//! the corpus name, the document id and the two languages:
//!
//! 1. **Paragraphs.** Line 0 (the headline) is a paragraph of its own; the
//!    following lines are grouped into paragraphs of 2 to 4 lines, and a
//!    paragraph also ends after a line that does not end in `. ! ? … ؟ ۔`
//!    (before closing quotes or brackets) on either side: a subheading or a
//!    line ending in a colon stands alone, as it would in running text.
//!    Both sides share this grouping.
//! 2. **Edits on one side.** One side, picked at random, is edited; the other
//!    keeps every line. Walking the lines in order, at each line a deletion
//!    run starts with probability [`Config::delete_rate`] (1 line with
//!    probability 0.6, 2 with 0.25, 3 with 0.15, never deleting every line), or
//!    else this line and the next one, when in the same paragraph, are merged
//!    with probability [`Config::merge_rate`] (joined with one space). The
//!    defaults delete about 7% of the lines and merge about 5% (NTREX and
//!    TICO, seed 2026: 6.8% and 5.3%).
//!
//! Line ids below are 0-based and relative to the document; both sides share
//! them, since line *i* of one language translates line *i* of the other.
//!
//! # View (a): presegmented
//! Each side is one sentence per line ([`SynthDoc::presegmented`]): a kept
//! line, or two merged lines. The gold beads ([`SynthDoc::gold_beads`]) follow
//! from the line ids: a merge gives a 2-1 or 1-2 bead, a deleted line a 1-0 or
//! 0-1 bead, and every other line a 1-1 bead. Score them with
//! [`count`](tmalign::eval::count) (strict and lax).
//!
//! # View (b): running text
//! Each side is running text ([`Side::running_text`]): the lines of a paragraph
//! joined by one space, paragraphs separated by a blank line, a paragraph
//! left out when all its lines are deleted. (Merges make no difference here.)
//! [`SynthDoc::running`] segments it with [`Document::segment`], and the
//! aligner aligns the sentences. It is scored with **link F1**:
//! - A *link* is a pair (source line id, target line id).
//! - The gold links ([`SynthDoc::gold_links`]) are `(i, i)` for every line
//!   *i* present on both sides.
//! - A sentence *covers* every line whose byte span in the running text
//!   ([`Side::line_spans`]) overlaps the sentence's span by at least one
//!   byte. A hypothesis bead links every line covered by one of its source
//!   sentences to every line covered by one of its target sentences; the
//!   hypothesis links ([`SynthDoc::running_links`]) are the union over the
//!   beads. 1-0 and 0-1 beads give no links.
//! - Precision is correct links / hypothesis links, recall correct links /
//!   gold links, F1 their harmonic mean ([`LinkCounts`](tmalign::eval::LinkCounts));
//!   documents are pooled by summing the three counts.
//!
//! # View (c): running text without final punctuation
//! [`SynthDoc::without_final_punctuation`] rewrites the running text of one
//! or both sides: each line followed by another line of its paragraph loses
//! its final `.` `!` `?` `؟` `۔` (the last char, when it is one of them)
//! with a given probability, from a generator seeded by the seed, the
//! corpus, the document and the side's language. The segmenter then joins
//! such a line with the next one, as in news whose lines lack final
//! punctuation, and one sentence covers several lines of the other side.
//! Gold links, line spans and the link score are as in view (b). The
//! accuracy bench uses rate 0.5 on the Arabic (or else the source) side,
//! documents at even positions for dev, odd for test.
//!
//! The same link score applies to the presegmented view, where a sentence
//! covers the lines it was made of ([`SynthDoc::presegmented_links`]).
//!
//! # The one-to-many set
//! [`build_one_to_many`] builds the Arabic pairs differently: runs of 2 to 5
//! Arabic lines become one sentence, joined as Arabic news joins them, and
//! the documents are split into a dev and a test half (see its docs).
//!
//! ```no_run
//! use evalsets::synth::{build, Config, Corpus};
//! use tmalign::eval::{count, from_alignment, LinkCounts};
//! let corpus = Corpus::load("../shared".as_ref(), "ntrex128")?;
//! for doc in build(&corpus, "ar", "en", &Config::default())? {
//!     let [src, tgt] = doc.presegmented();
//!     let hyp = from_alignment(&tmalign::Aligner::new().align(&[&src, &tgt])?);
//!     println!("{} {:?}", doc.doc_id, count(&doc.gold_beads(), &hyp).scores().strict);
//!     let [src, tgt] = doc.running();
//!     let hyp = from_alignment(&tmalign::Aligner::new().align(&[&src, &tgt])?);
//!     let links = doc.running_links(&[&src, &tgt], &hyp);
//!     println!("{:?}", LinkCounts::compare(&doc.gold_links(), &links).prf());
//! }
//! # Ok::<(), evalsets::Error>(())
//! ```

mod one_to_many;
pub use one_to_many::{build_one_to_many, build_three_one_to_many, OneToManyConfig, Split};

use crate::error::{Error, Result};
use crate::textberg::read_text;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;
use tmalign::eval::BeadIds;
use tmalign::export::beads::SentenceGroups;
use tmalign::Document;

/// The language pairs of the evaluation.
pub const PAIRS: [(&str, &str); 3] = [("ar", "en"), ("en", "ru"), ("ar", "ru")];

/// The corpora of the evaluation, as folder names under `corpora/`.
pub const CORPORA: [&str; 2] = ["ntrex128", "tico19"];

/// Documents that are not running text and are left out: TICO-19's `CMU_1`
/// is a sorted list of separate phrases.
pub const NOT_RUNNING_TEXT: [&str; 1] = ["CMU_1"];

/// A line-aligned corpus: the same documents in several languages.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The folder name, such as `ntrex128`.
    pub name: String,
    /// The languages, such as `["ar", "en", "ru"]`.
    pub langs: Vec<String>,
    /// `lines[k]` holds the lines of `langs[k]`; all have the same length.
    pub lines: Vec<Vec<String>>,
    /// The documents, in corpus order.
    pub documents: Vec<CorpusDocument>,
}

/// One document of a [`Corpus`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusDocument {
    /// The document id from `docs.tsv`.
    pub id: String,
    /// Its lines, 0-based, end exclusive.
    pub lines: Range<usize>,
}

impl Corpus {
    /// Loads `shared_dir/corpora/NAME`: `ar.txt`, `en.txt`, `ru.txt` and
    /// `docs.tsv` (`doc_id`, `first_line`, `last_line`, ... with a header,
    /// 1-based inclusive), leaving out [`NOT_RUNNING_TEXT`].
    pub fn load(shared_dir: &Path, name: &str) -> Result<Corpus> {
        let dir = shared_dir.join("corpora").join(name);
        let langs: Vec<String> = ["ar", "en", "ru"].iter().map(|s| s.to_string()).collect();
        let mut lines = Vec::new();
        for lang in &langs {
            let path = dir.join(format!("{lang}.txt"));
            let text = read_text(&path)?;
            let these: Vec<String> = text.lines().map(str::to_string).collect();
            if let Some(blank) = these.iter().position(|l| l.trim().is_empty()) {
                return Err(Error::Corpus {
                    path,
                    line: blank + 1,
                    message: "blank line; every line must hold a text unit".to_string(),
                });
            }
            if let Some(first) = lines.first().map(Vec::len) {
                if first != these.len() {
                    return Err(Error::Corpus {
                        path,
                        line: 0,
                        message: format!("{} lines, but {}.txt has {first}", these.len(), langs[0]),
                    });
                }
            }
            lines.push(these);
        }
        let total = lines.first().map_or(0, Vec::len);
        let path = dir.join("docs.tsv");
        let documents =
            parse_docs(&read_text(&path)?, total).map_err(|(line, message)| Error::Corpus {
                path,
                line,
                message,
            })?;
        Ok(Corpus {
            name: name.to_string(),
            langs,
            lines,
            documents,
        })
    }

    /// The lines of `lang`, if the corpus has that language.
    pub fn lang_lines(&self, lang: &str) -> Option<&[String]> {
        let k = self.langs.iter().position(|l| l == lang)?;
        self.lines.get(k).map(Vec::as_slice)
    }

    /// The lines of `source` and of `target`; fails naming the corpus when
    /// it lacks one of them.
    pub fn pair_lines(&self, source: &str, target: &str) -> Result<[&[String]; 2]> {
        let lines = |lang: &str| {
            self.lang_lines(lang).ok_or_else(|| Error::Corpus {
                path: Path::new("corpora").join(&self.name),
                line: 0,
                message: format!("no {lang} text (languages: {})", self.langs.join(", ")),
            })
        };
        Ok([lines(source)?, lines(target)?])
    }
}

fn parse_docs(
    text: &str,
    total: usize,
) -> std::result::Result<Vec<CorpusDocument>, (usize, String)> {
    let mut documents = Vec::new();
    for (index, row) in text.lines().enumerate().skip(1) {
        if row.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = row.split('\t').collect();
        let number = |k: usize| -> std::result::Result<usize, (usize, String)> {
            let field = fields.get(k).copied().unwrap_or("");
            field.trim().parse().map_err(|_| {
                (
                    index + 1,
                    format!("field {} should be a line number, found {field:?}", k + 1),
                )
            })
        };
        let (first, last) = (number(1)?, number(2)?);
        if first == 0 || first > last || last > total {
            return Err((
                index + 1,
                format!("line range {first}-{last} is not within 1-{total}"),
            ));
        }
        let id = fields.first().copied().unwrap_or("").to_string();
        if NOT_RUNNING_TEXT.contains(&id.as_str()) {
            continue;
        }
        documents.push(CorpusDocument {
            id,
            lines: first - 1..last,
        });
    }
    Ok(documents)
}

/// Settings of [`build`].
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Seed of the pseudo-random generator. By default, 2026.
    pub seed: u64,
    /// Probability that a deletion run starts at a line. By default, 0.045.
    pub delete_rate: f64,
    /// Probability that a line is merged with the next. By default, 0.05.
    pub merge_rate: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 2026,
            delete_rate: 0.045,
            merge_rate: 0.05,
        }
    }
}

/// One side of a [`SynthDoc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Language code.
    pub lang: String,
    /// Presegmented text: one line per sentence, each ending in `\n`.
    pub presegmented_text: String,
    /// For each sentence of the presegmented text, the line ids it is made
    /// of (two for a merge).
    pub units: Vec<Vec<usize>>,
    /// Running text: paragraphs separated by a blank line.
    pub running_text: String,
    /// Each line present on this side, in order, with its byte span in
    /// [`Side::running_text`].
    pub line_spans: Vec<(usize, Range<usize>)>,
}

/// A document pair with one side edited, and its gold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthDoc {
    /// The corpus name.
    pub corpus: String,
    /// The document id.
    pub doc_id: String,
    /// Number of lines of the original document.
    pub line_count: usize,
    /// Which side was edited, 0 (source) or 1 (target).
    pub edited: usize,
    /// Source and target.
    pub sides: [Side; 2],
}

impl SynthDoc {
    /// The presegmented documents, one sentence per line.
    pub fn presegmented(&self) -> [Document; 2] {
        self.sides
            .each_ref()
            .map(|s| Document::presegmented(&s.lang, s.presegmented_text.clone()))
    }

    /// The running texts, segmented by [`Document::segment`].
    pub fn running(&self) -> [Document; 2] {
        self.sides
            .each_ref()
            .map(|s| Document::segment(&s.lang, s.running_text.clone()))
    }

    /// The gold beads of the presegmented documents: each bead is the
    /// smallest group of sentences on the two sides made of the same lines.
    pub fn gold_beads(&self) -> Vec<BeadIds> {
        gold_beads(&self.sides, self.line_count)
    }

    /// The true line correspondences: `(i, i)` for every line on both sides.
    pub fn gold_links(&self) -> BTreeSet<(usize, usize)> {
        let present = |k: usize| -> BTreeSet<usize> {
            self.sides[k].line_spans.iter().map(|(l, _)| *l).collect()
        };
        present(0)
            .intersection(&present(1))
            .map(|&l| (l, l))
            .collect()
    }

    /// The links of `beads` over `docs`, two documents segmented from
    /// [`SynthDoc::running`]'s texts (their sentences' byte spans are mapped
    /// back to line ids). Ids out of range are ignored.
    pub fn running_links(
        &self,
        docs: &[&Document; 2],
        beads: &[BeadIds],
    ) -> BTreeSet<(usize, usize)> {
        let covered = [0, 1].map(|k| covered_lines(&self.sides[k].line_spans, docs[k]));
        links(&covered, beads)
    }

    /// The best beads an aligner could give for `docs`, two documents
    /// segmented from [`SynthDoc::running`]'s texts: the smallest groups of
    /// sentences such that sentences covering the same line are in the same
    /// group. Their link recall is 1; their link precision is below 1 where a
    /// sentence covers two lines but the other side splits them, so this is
    /// the ceiling of link F1 for this segmentation.
    pub fn running_oracle(&self, docs: &[&Document; 2]) -> Vec<BeadIds> {
        let covered = [0, 1].map(|k| covered_lines(&self.sides[k].line_spans, docs[k]));
        oracle(&covered)
    }

    /// The same document pair with lines that lose their final punctuation
    /// in the running text of the sides in `sides` (`[true, false]`: the
    /// source only), so the segmenter joins them with the next line: see
    /// "View (c)" in the module docs. `rate` is the probability for each
    /// line followed by another line of its paragraph; the generator is
    /// seeded from `seed`, the corpus, the document and the side's language.
    /// The presegmented view is unchanged.
    pub fn without_final_punctuation(&self, sides: [bool; 2], rate: f64, seed: u64) -> SynthDoc {
        let mut doc = self.clone();
        for (k, side) in doc.sides.iter_mut().enumerate() {
            if sides[k] {
                let mut rng = SplitMix64(mix(
                    seed,
                    &[
                        &self.corpus,
                        &self.doc_id,
                        &side.lang,
                        "no-final-punctuation",
                    ],
                ));
                strip_final_punctuation(side, rate, &mut rng);
            }
        }
        doc
    }

    /// The links of `beads` over the presegmented documents.
    pub fn presegmented_links(&self, beads: &[BeadIds]) -> BTreeSet<(usize, usize)> {
        let covered = [0, 1].map(|k| self.sides[k].units.clone());
        links(&covered, beads)
    }
}

/// The gold beads of presegmented sides made from the same `line_count`
/// lines: each bead is the smallest group of sentences on all sides made of
/// the same lines.
fn gold_beads(sides: &[Side], line_count: usize) -> Vec<BeadIds> {
    // unit_of[k][line] = the sentence of side k made from that line.
    let unit_of: Vec<Vec<Option<usize>>> = sides
        .iter()
        .map(|side| {
            let mut of = vec![None; line_count];
            for (u, lines) in side.units.iter().enumerate() {
                for &line in lines {
                    if let Some(slot) = of.get_mut(line) {
                        *slot = Some(u);
                    }
                }
            }
            of
        })
        .collect();
    let mut beads = Vec::new();
    let mut line = 0;
    while line < line_count {
        let mut ids = vec![Vec::new(); sides.len()];
        // Take lines until no side's last sentence continues.
        loop {
            for (k, of) in unit_of.iter().enumerate() {
                if let Some(u) = of[line] {
                    if ids[k].last() != Some(&u) {
                        ids[k].push(u);
                    }
                }
            }
            line += 1;
            let continues = |of: &Vec<Option<usize>>| {
                line < line_count && of[line].is_some() && of[line] == of[line - 1]
            };
            if !unit_of.iter().any(continues) {
                break;
            }
        }
        beads.push(BeadIds { ids });
    }
    beads
}

/// The same document in three languages, one of them edited (lines deleted
/// and merged as for [`build`]), and its gold: the set for aligning three
/// texts jointly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthTriple {
    /// The corpus name.
    pub corpus: String,
    /// The document id.
    pub doc_id: String,
    /// Number of lines of the original document.
    pub line_count: usize,
    /// Which side was edited.
    pub edited: usize,
    /// The three sides, in the order of the languages asked for.
    pub sides: [Side; 3],
}

impl SynthTriple {
    /// The presegmented documents, one sentence per line.
    pub fn presegmented(&self) -> [Document; 3] {
        self.sides
            .each_ref()
            .map(|s| Document::presegmented(&s.lang, s.presegmented_text.clone()))
    }

    /// The gold beads of the presegmented documents, three ids per bead.
    pub fn gold_beads(&self) -> Vec<BeadIds> {
        gold_beads(&self.sides, self.line_count)
    }
}

/// Builds three-language documents of `corpus`, one per document, with one
/// side (picked at random per document) edited, deterministically from
/// `config`. Fails when the corpus lacks one of the languages.
pub fn build_three(corpus: &Corpus, langs: [&str; 3], config: &Config) -> Result<Vec<SynthTriple>> {
    let mut lines = Vec::new();
    for lang in langs {
        lines.push(corpus.lang_lines(lang).ok_or_else(|| Error::Corpus {
            path: Path::new("corpora").join(&corpus.name),
            line: 0,
            message: format!("no {lang} text (languages: {})", corpus.langs.join(", ")),
        })?);
    }
    Ok(corpus
        .documents
        .iter()
        .filter_map(|doc| {
            let texts: Vec<&[String]> = lines
                .iter()
                .map(|l| l.get(doc.lines.clone()))
                .collect::<Option<_>>()?;
            let seed = mix(
                config.seed,
                &[&corpus.name, &doc.id, langs[0], langs[1], langs[2]],
            );
            let sides = [0, 1, 2].map(|k| (langs[k], texts[k]));
            let (edited, sides) = build_sides(sides, config, seed);
            Some(SynthTriple {
                corpus: corpus.name.clone(),
                doc_id: doc.id.clone(),
                line_count: sides[(edited + 1) % 3].units.len(),
                edited,
                sides,
            })
        })
        .collect())
}

/// For each sentence of `doc`, the lines whose spans it overlaps.
fn covered_lines(line_spans: &[(usize, Range<usize>)], doc: &Document) -> Vec<Vec<usize>> {
    doc.sentences
        .iter()
        .map(|s| {
            // Spans are sorted and disjoint: skip those ending before the sentence.
            let first = line_spans.partition_point(|(_, span)| span.end <= s.start);
            line_spans[first..]
                .iter()
                .take_while(|(_, span)| span.start < s.end)
                .map(|(line, _)| *line)
                .collect()
        })
        .collect()
}

/// Groups sentences (of both sides) that cover a common line.
fn oracle(covered: &[Vec<Vec<usize>>; 2]) -> Vec<BeadIds> {
    let mut groups = SentenceGroups::new(covered[0].len(), covered[1].len());
    // first_node[line]: the first sentence node seen covering that line.
    let mut first_node = std::collections::BTreeMap::new();
    let nodes = covered[0].iter().chain(&covered[1]).enumerate();
    for (node, lines) in nodes {
        for &line in lines {
            let other = *first_node.entry(line).or_insert(node);
            groups.join(node, other);
        }
    }
    let mut beads = groups.into_beads();
    // In document order: by the first line each bead covers.
    beads.sort_by_key(|b| {
        (0..2)
            .filter_map(|k| {
                b.ids[k]
                    .first()
                    .and_then(|&i| covered[k].get(i))
                    .and_then(|l| l.first())
            })
            .min()
            .copied()
    });
    beads
}

fn links(covered: &[Vec<Vec<usize>>; 2], beads: &[BeadIds]) -> BTreeSet<(usize, usize)> {
    let lines = |k: usize, bead: &BeadIds| -> BTreeSet<usize> {
        bead.ids
            .get(k)
            .into_iter()
            .flatten()
            .filter_map(|&id| covered[k].get(id))
            .flatten()
            .copied()
            .collect()
    };
    let mut out = BTreeSet::new();
    for bead in beads {
        let target = lines(1, bead);
        for s in lines(0, bead) {
            out.extend(target.iter().map(|&t| (s, t)));
        }
    }
    out
}

/// Builds the evaluation pairs of `corpus` for `source` and `target`, one
/// per document, deterministically from `config`.
///
/// Fails when the corpus lacks one of the languages.
pub fn build(
    corpus: &Corpus,
    source: &str,
    target: &str,
    config: &Config,
) -> Result<Vec<SynthDoc>> {
    let [src, tgt] = corpus.pair_lines(source, target)?;
    Ok(corpus
        .documents
        .iter()
        .filter_map(|doc| {
            let src_lines = src.get(doc.lines.clone())?;
            let tgt_lines = tgt.get(doc.lines.clone())?;
            let seed = mix(config.seed, &[&corpus.name, &doc.id, source, target]);
            Some(build_doc(
                &corpus.name,
                &doc.id,
                [(source, src_lines), (target, tgt_lines)],
                config,
                seed,
            ))
        })
        .collect())
}

fn build_doc(
    corpus: &str,
    doc_id: &str,
    sides: [(&str, &[String]); 2],
    config: &Config,
    seed: u64,
) -> SynthDoc {
    let (edited, sides) = build_sides(sides, config, seed);
    SynthDoc {
        corpus: corpus.to_string(),
        doc_id: doc_id.to_string(),
        line_count: sides[1 - edited].units.len(),
        edited,
        sides,
    }
}

/// The sides of one document: paragraphs shared by all, and one side,
/// picked at random, edited. Returns which.
fn build_sides<const N: usize>(
    sides: [(&str, &[String]); N],
    config: &Config,
    seed: u64,
) -> (usize, [Side; N]) {
    let mut rng = SplitMix64(seed);
    let n = sides.iter().map(|s| s.1.len()).min().unwrap_or(0);
    // paragraph[i]: the paragraph of line i. A new one starts after the
    // headline, after every 2-4 lines, and after a line with no final
    // punctuation on any side.
    let mut paragraph = Vec::with_capacity(n);
    let mut p = 0;
    let mut left = 1;
    for i in 0..n {
        if left == 0 {
            p += 1;
            left = 2 + rng.below(3);
        }
        paragraph.push(p);
        left -= 1;
        let open_end = sides
            .iter()
            .any(|(_, lines)| lines.get(i).is_some_and(|l| !ends_sentence(l)));
        if open_end {
            left = 0;
        }
    }
    let edited = rng.below(N);
    let edited_units = edit(n, &paragraph, config, &mut rng);
    let kept_units: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let sides = std::array::from_fn(|k| {
        let units = if k == edited {
            edited_units.clone()
        } else {
            kept_units.clone()
        };
        make_side(sides[k].0, sides[k].1, units, &paragraph)
    });
    (edited, sides)
}

/// True when `line` ends in sentence-final punctuation, possibly followed
/// by closing quotes or brackets.
fn ends_sentence(line: &str) -> bool {
    let closing = [
        '"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')', ']', '\u{200b}',
    ];
    let end = line
        .trim_end()
        .trim_end_matches(|c: char| closing.contains(&c) || c.is_whitespace());
    end.ends_with(['.', '!', '?', '\u{2026}', '\u{61f}', '\u{6d4}'])
}

/// The sentences of the edited side, as lists of line ids.
fn edit(n: usize, paragraph: &[usize], config: &Config, rng: &mut SplitMix64) -> Vec<Vec<usize>> {
    let mut units = Vec::new();
    let mut deleted = 0;
    let mut i = 0;
    while i < n {
        let r = rng.unit();
        if r < config.delete_rate {
            let run = match rng.unit() {
                x if x < 0.6 => 1,
                x if x < 0.85 => 2,
                _ => 3,
            };
            let run = run.min(n - i);
            if deleted + run < n {
                deleted += run;
                i += run;
                continue;
            }
        } else if r < config.delete_rate + config.merge_rate
            && i + 1 < n
            && paragraph[i] == paragraph[i + 1]
        {
            units.push(vec![i, i + 1]);
            i += 2;
            continue;
        }
        units.push(vec![i]);
        i += 1;
    }
    units
}

fn make_side(lang: &str, lines: &[String], units: Vec<Vec<usize>>, paragraph: &[usize]) -> Side {
    let text_of = |line: usize| lines.get(line).map_or("", |l| l.trim());
    let mut presegmented_text = String::new();
    for unit in &units {
        let texts: Vec<&str> = unit.iter().map(|&l| text_of(l)).collect();
        presegmented_text.push_str(&texts.join(" "));
        presegmented_text.push('\n');
    }
    let mut running_text = String::new();
    let mut line_spans = Vec::new();
    let mut previous_paragraph = None;
    for &line in units.iter().flatten() {
        let this = paragraph.get(line).copied();
        if previous_paragraph.is_some() {
            running_text.push_str(if this == previous_paragraph {
                " "
            } else {
                "\n\n"
            });
        }
        previous_paragraph = this;
        let start = running_text.len();
        running_text.push_str(text_of(line));
        line_spans.push((line, start..running_text.len()));
    }
    if !running_text.is_empty() {
        running_text.push('\n');
    }
    Side {
        lang: lang.to_string(),
        presegmented_text,
        units,
        running_text,
        line_spans,
    }
}

/// Rebuilds `side`'s running text with the final `.` `!` `?` `؟` `۔` of
/// each line followed by a line of the same paragraph removed with
/// probability `rate`, and its line spans to match.
fn strip_final_punctuation(side: &mut Side, rate: f64, rng: &mut SplitMix64) {
    let old = std::mem::take(&mut side.running_text);
    let mut text = String::with_capacity(old.len());
    let mut spans = Vec::with_capacity(side.line_spans.len());
    for (i, (line, span)) in side.line_spans.iter().enumerate() {
        let next = side
            .line_spans
            .get(i + 1)
            .map_or(old.len(), |(_, s)| s.start);
        let separator = &old[span.end..next];
        let mut body = &old[span.clone()];
        if separator == " " && rng.unit() < rate {
            body = body
                .strip_suffix(['.', '!', '?', '\u{61f}', '\u{6d4}'])
                .unwrap_or(body);
        }
        let start = text.len();
        text.push_str(body);
        spans.push((*line, start..text.len()));
        text.push_str(separator);
    }
    side.running_text = text;
    side.line_spans = spans;
}

/// Folds strings into a seed (FNV-1a), so each document gets its own
/// stream whatever else is built.
fn mix(seed: u64, parts: &[&str]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast and the same everywhere.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0), with a negligible bias.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tmalign::export::beads::format_beads;

    fn lines(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("Line {i}.")).collect()
    }

    fn side(units: Vec<Vec<usize>>, n: usize) -> Side {
        let paragraph = vec![0; n];
        make_side("en", &lines(n), units, &paragraph)
    }

    #[test]
    fn gold_beads_follow_the_line_ids() {
        let doc = SynthDoc {
            corpus: "c".into(),
            doc_id: "d".into(),
            line_count: 5,
            edited: 1,
            sides: [
                side((0..5).map(|i| vec![i]).collect(), 5),
                side(vec![vec![0, 1], vec![3], vec![4]], 5),
            ],
        };
        assert_eq!(
            format_beads(&doc.gold_beads()),
            "[0, 1]:[0]\n[2]:[]\n[3]:[1]\n[4]:[2]\n"
        );
        assert_eq!(doc.gold_links(), [(0, 0), (1, 1), (3, 3), (4, 4)].into());
        assert_eq!(
            doc.sides[1].presegmented_text,
            "Line 0. Line 1.\nLine 3.\nLine 4.\n"
        );
        assert_eq!(
            doc.sides[1].running_text,
            "Line 0. Line 1. Line 3. Line 4.\n"
        );
    }

    #[test]
    fn running_text_keeps_paragraphs_and_spans() {
        let s = make_side(
            "en",
            &lines(4),
            vec![vec![0], vec![2], vec![3]],
            &[0, 1, 1, 2],
        );
        assert_eq!(s.running_text, "Line 0.\n\nLine 2.\n\nLine 3.\n");
        for (line, span) in &s.line_spans {
            assert_eq!(&s.running_text[span.clone()], format!("Line {line}."));
        }
    }

    #[test]
    fn sentences_cover_the_lines_they_overlap() {
        let s = side(vec![vec![0], vec![1], vec![2]], 3);
        // "Line 0. Line 1. Line 2.": one sentence over lines 0-1 and one over 2.
        let doc = Document {
            lang: "en".into(),
            text: s.running_text.clone(),
            sentences: vec![
                tmalign::Sentence {
                    start: 0,
                    end: 15,
                    paragraph: 0,
                },
                tmalign::Sentence {
                    start: 16,
                    end: 23,
                    paragraph: 0,
                },
            ],
        };
        assert_eq!(
            covered_lines(&s.line_spans, &doc),
            vec![vec![0, 1], vec![2]]
        );
    }

    #[test]
    fn the_oracle_groups_sentences_that_share_lines() {
        // Side 0: sentences over lines [0], [1, 2], [3]; side 1: [0, 1], [2], [4].
        let covered = [
            vec![vec![0], vec![1, 2], vec![3]],
            vec![vec![0, 1], vec![2], vec![4]],
        ];
        assert_eq!(
            format_beads(&oracle(&covered)),
            "[0, 1]:[0, 1]\n[2]:[]\n[]:[2]\n"
        );
    }

    #[test]
    fn lines_without_final_punctuation_end_a_paragraph() {
        assert!(ends_sentence("He said: \u{201c}No.\u{201d} "));
        assert!(ends_sentence("\u{644}\u{645}\u{627}\u{630}\u{627}\u{61f}"));
        assert!(!ends_sentence(
            "Livingston miss chances against blunt visitors"
        ));
        assert!(!ends_sentence("They said:"));
        let text = |l: &str| l.to_string();
        let src = [
            text("Headline"),
            text("One."),
            text("Sub head"),
            text("Two."),
            text("Three."),
        ];
        let doc = build_doc(
            "c",
            "d",
            [("en", &src), ("ru", &src)],
            &Config {
                delete_rate: 0.0,
                merge_rate: 0.0,
                seed: 1,
            },
            1,
        );
        assert!(
            doc.sides[0].running_text.contains("Sub head\n\nTwo."),
            "{:?}",
            doc.sides[0].running_text
        );
    }

    #[test]
    fn lines_lose_final_punctuation_only_inside_a_paragraph() {
        let lines: Vec<String> = ["A one.", "B two.", "C three.", "D four."]
            .map(String::from)
            .to_vec();
        let side = make_side(
            "en",
            &lines,
            vec![vec![0], vec![1], vec![2], vec![3]],
            &[0, 0, 0, 1],
        );
        let doc = SynthDoc {
            corpus: "c".into(),
            doc_id: "d".into(),
            line_count: 4,
            edited: 0,
            sides: [side.clone(), side],
        };
        let stripped = doc.without_final_punctuation([true, false], 1.0, 7);
        let s = &stripped.sides[0];
        assert_eq!(s.running_text, "A one B two C three.\n\nD four.\n");
        for (line, span) in &s.line_spans {
            assert!(lines[*line].starts_with(&s.running_text[span.clone()]));
        }
        assert_eq!(stripped.sides[1], doc.sides[1]);
        assert_eq!(doc.without_final_punctuation([true, true], 0.0, 7), doc);
        let [a, _] = stripped.running();
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn the_generator_is_stable() {
        let mut rng = SplitMix64(0);
        // First outputs of SplitMix64 seeded with 0, as published.
        assert_eq!(rng.next(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next(), 0x6e78_9e6a_a1b9_65f4);
    }
}
