//! Splitting a sentence at clause boundaries where it holds several
//! sentences of the other side (issue 14, running text whose lines lack
//! final punctuation).
//!
//! After alignment, a bead of one sentence against 2 to 9 sentences of the
//! other document is a candidate. A cut is free at a word start after a
//! clause mark (`,` `،` `;` `؛` `:` `—`), before an Arabic word that starts
//! with the conjunctions و or ف, and, in other scripts, before a capitalised
//! word after a word ending in a lowercase letter or a digit (a lost full
//! stop). Any other word start may be cut at a cost: Arabic has no capitals,
//! so a lost full stop there leaves no mark.
//!
//! A small dynamic programme chooses one cut per gap so that the pieces'
//! shares of the sentence's chars fit the other sentences' shares (a
//! Gale-Church style deviation) and anchors (numbers, names, terms of the
//! table, read and matched as the aligner does) fall in the piece facing the
//! sentence that has them. The split is taken only when the lengths and the
//! cuts fit; each piece is a byte span of the original text, the whitespace
//! at a cut belonging to neither.

use super::anchor_words::{matches, text_words, Word};
use super::tokens::{PieceReader, Script};
use super::{Alignment, Bead};
use crate::document::{Document, Sentence};

/// Largest number of sentences on the other side a sentence is split for.
const MAX_PIECES: usize = 9;
/// Sentences with more word starts than this are left whole, so that the
/// quadratic search stays small.
const MAX_CUTS: usize = 400;
/// Variance of a piece's length per char of its expected length.
const VARIANCE: f64 = 6.8;
/// A split is taken when no piece deviates more than this many standard
/// deviations from its expected length...
const MAX_DEVIATION: f64 = 2.0;
/// ...and the mean cost per piece, cut penalties included, is below this.
const MAX_MEAN_COST: f64 = 2.0;
/// Cost of a cut at a word start that nothing marks: the lengths and the
/// anchors must want it.
const PLAIN_CUT: f64 = 1.2;
/// Cost of an anchor that sits in a piece while the other side has it
/// only in other sentences.
const MISPLACED_ANCHOR: f64 = 2.0;
/// Anchors are placed only when matching every anchor of the sentence
/// against every anchor of the others takes at most this many comparisons,
/// so that a huge sentence stays fast.
const MAX_COMPARISONS: usize = 1 << 16;

/// Documents re-segmented into clauses, and the alignment over them.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseSplit {
    /// The documents, with each split sentence replaced by its pieces (same
    /// text, same paragraph).
    pub docs: Vec<Document>,
    /// The alignment over the refined sentences: each split bead became
    /// 1-1 beads with the split bead's score.
    pub alignment: Alignment,
    /// How many sentences were split.
    pub split: usize,
}

/// Splits the sentences of two aligned documents where one sentence holds
/// several sentences of the other side (see the module docs). With other
/// than two documents, returns them unchanged.
pub fn split_clauses(docs: &[&Document], alignment: &Alignment) -> ClauseSplit {
    let mut readers: Vec<PieceReader> = docs.iter().map(|d| PieceReader::new(&d.lang)).collect();
    let mut out: Vec<Document> = docs
        .iter()
        .map(|d| Document {
            lang: d.lang.clone(),
            text: d.text.clone(),
            sentences: Vec::with_capacity(d.len()),
        })
        .collect();
    let mut beads = Vec::with_capacity(alignment.beads.len());
    let mut split = 0;
    for bead in &alignment.beads {
        let pieces = if docs.len() == 2 {
            split_bead(docs, bead, &mut readers)
        } else {
            None
        };
        match pieces {
            Some((long, pieces)) => {
                split += 1;
                let other = 1 - long;
                for (i, piece) in pieces.into_iter().enumerate() {
                    let mut ids = vec![0..0, 0..0];
                    let at = out[long].sentences.len();
                    out[long].sentences.push(piece);
                    ids[long] = at..at + 1;
                    let o = out[other].sentences.len();
                    out[other]
                        .sentences
                        .push(docs[other].sentences[bead.ids[other].start + i]);
                    ids[other] = o..o + 1;
                    beads.push(Bead {
                        ids,
                        score: bead.score,
                    });
                }
            }
            None => {
                let ids = bead
                    .ids
                    .iter()
                    .enumerate()
                    .map(|(k, r)| {
                        let at = out[k].sentences.len();
                        let kept = docs[k].sentences.get(r.clone()).unwrap_or_default();
                        out[k].sentences.extend_from_slice(kept);
                        at..at + kept.len()
                    })
                    .collect();
                beads.push(Bead {
                    ids,
                    score: bead.score,
                });
            }
        }
    }
    ClauseSplit {
        docs: out,
        alignment: Alignment { beads },
        split,
    }
}

/// The side whose one sentence is split, and its pieces, when the bead is
/// one sentence against 2..=MAX_PIECES and a split fits.
fn split_bead(
    docs: &[&Document],
    bead: &Bead,
    readers: &mut [PieceReader],
) -> Option<(usize, Vec<Sentence>)> {
    let long = (0..2)
        .find(|&k| bead.ids[k].len() == 1 && (2..=MAX_PIECES).contains(&bead.ids[1 - k].len()))?;
    let sentence = *docs[long].sentences.get(bead.ids[long].start)?;
    let others: Vec<&str> = bead.ids[1 - long]
        .clone()
        .map(|i| {
            docs[1 - long]
                .sentences
                .get(i)
                .map(|s| &docs[1 - long].text[s.range()])
        })
        .collect::<Option<_>>()?;
    let text = docs[long].text.get(sentence.range())?;
    let [r0, r1] = readers else {
        return None;
    };
    let readers = if long == 0 { [r0, r1] } else { [r1, r0] };
    let spans = split_read(text, &others, readers)?;
    Some((
        long,
        spans
            .into_iter()
            .map(|r| Sentence {
                start: sentence.start + r.start,
                end: sentence.start + r.end,
                paragraph: sentence.paragraph,
            })
            .collect(),
    ))
}

/// Splits `text` into one piece per sentence of `others`, as byte ranges
/// into `text` that tile it up to the whitespace at each cut, when a split
/// fits (see the module docs). Anchors are read as in a text of no
/// particular language; [`split_clauses`] reads them in the documents'.
pub fn split_sentence(text: &str, others: &[&str]) -> Option<Vec<std::ops::Range<usize>>> {
    let mut readers = [PieceReader::new("und"), PieceReader::new("und")];
    let [r0, r1] = &mut readers;
    split_read(text, others, [r0, r1])
}

/// [`split_sentence`], reading `text` with the first reader and `others`
/// with the second.
fn split_read(
    text: &str,
    others: &[&str],
    [reader, other_reader]: [&mut PieceReader; 2],
) -> Option<Vec<std::ops::Range<usize>>> {
    let n = others.len();
    if n < 2 {
        return None;
    }
    let cuts = candidate_cuts(text);
    if cuts.len() + 1 < n || cuts.len() > MAX_CUTS {
        return None;
    }
    let total = chars(text) as f64;
    let other_lens: Vec<f64> = others.iter().map(|s| chars(s) as f64).collect();
    let other_total: f64 = other_lens.iter().sum();
    if total == 0.0 || other_total == 0.0 {
        return None;
    }
    let expected: Vec<f64> = other_lens.iter().map(|l| l / other_total * total).collect();
    let anchors = placed_anchors(text, others, reader, other_reader);
    // Boundaries: 0, the cuts (word starts), text end. Piece from boundary
    // a to b is text[a..b] with its trailing whitespace trimmed.
    let mut bounds: Vec<(usize, f64)> = vec![(0, 0.0)];
    bounds.extend(cuts.iter().copied());
    bounds.push((text.len(), 0.0));
    let m = bounds.len();
    // Each piece's length and misplaced anchors come from prefix sums over
    // the stretches between bounds (an anchor is a word, which no cut
    // crosses), so a piece costs O(1) and the search O(n m²).
    let mut length_before = vec![0usize; m];
    for s in 1..m {
        let stretch = &text[bounds[s - 1].0..bounds[s].0];
        length_before[s] = length_before[s - 1] + chars(stretch);
    }
    let mut misplaced_before = vec![vec![0.0f64; m]; n];
    for (at, within) in &anchors {
        // The stretch the anchor's word starts in.
        let s = bounds.partition_point(|b| b.0 <= *at).clamp(1, m - 1);
        for (before, &here) in misplaced_before.iter_mut().zip(within) {
            if !here {
                before[s] += MISPLACED_ANCHOR;
            }
        }
    }
    for before in &mut misplaced_before {
        for s in 1..m {
            before[s] += before[s - 1];
        }
    }
    let piece_cost = |a: usize, b: usize, i: usize| -> (f64, f64, f64) {
        let len = (length_before[b] - length_before[a]) as f64;
        let z = (len - expected[i]) / (VARIANCE * expected[i].max(1.0)).sqrt();
        let misplaced = misplaced_before[i][b] - misplaced_before[i][a];
        (z * z + misplaced + bounds[b].1, z.abs(), misplaced)
    };
    // best[i][b]: least cost of pieces 0..=i with piece i ending at bound
    // b, the bound before piece i, the largest deviation of a piece, and
    // the part of the cost misplaced anchors make.
    let inf = f64::INFINITY;
    let mut best = vec![vec![(inf, 0usize, 0.0f64, 0.0f64); m]; n];
    for (b, slot) in best[0].iter_mut().enumerate().skip(1) {
        let (c, z, misplaced) = piece_cost(0, b, 0);
        *slot = (c, 0, z, misplaced);
    }
    for i in 1..n {
        for b in (i + 1)..m {
            for a in i..b {
                let (prev, _, prev_z, prev_misplaced) = best[i - 1][a];
                if prev == inf {
                    continue;
                }
                let (c, z, misplaced) = piece_cost(a, b, i);
                let total_cost = prev + c;
                if total_cost < best[i][b].0 {
                    best[i][b] = (total_cost, a, prev_z.max(z), prev_misplaced + misplaced);
                }
            }
        }
    }
    // Anchors choose among the splits; whether to split at all is up to
    // the lengths and the cuts.
    let (cost, _, max_z, misplaced) = best[n - 1][m - 1];
    if cost == inf || max_z > MAX_DEVIATION || (cost - misplaced) / n as f64 > MAX_MEAN_COST {
        return None;
    }
    let mut ends = vec![m - 1];
    let mut b = m - 1;
    for i in (1..n).rev() {
        b = best[i][b].1;
        ends.push(b);
    }
    ends.push(0);
    ends.reverse();
    let pieces = ends
        .windows(2)
        .map(|w| {
            let start = bounds[w[0]].0;
            start..start + text[start..bounds[w[1]].0].trim_end().len()
        })
        .collect();
    Some(pieces)
}

/// Every word start in `text` but the first, with the cost of cutting
/// there, in text order: none where a clause may begin (see the module
/// docs), [`PLAIN_CUT`] elsewhere.
fn candidate_cuts(text: &str) -> Vec<(usize, f64)> {
    let mut cuts = Vec::new();
    let mut previous: Option<char> = None; // last non-space char before the gap
    let mut in_gap = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            in_gap = previous.is_some();
            continue;
        }
        if in_gap {
            let before = previous.unwrap_or(' ');
            let marked = matches!(before, ',' | '،' | ';' | '؛' | ':' | '—')
                || (matches!(c, 'و' | 'ف')
                    && text[at..].chars().nth(1).is_some_and(char::is_alphabetic))
                || (c.is_uppercase() && (before.is_lowercase() || before.is_ascii_digit()));
            cuts.push((at, if marked { 0.0 } else { PLAIN_CUT }));
            in_gap = false;
        }
        previous = Some(c);
    }
    cuts
}

fn chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The anchors of `text` that the other side has in some of `others` but
/// not all: the byte offset each was read at, and which of `others` has it.
fn placed_anchors(
    text: &str,
    others: &[&str],
    reader: &mut PieceReader,
    other_reader: &mut PieceReader,
) -> Vec<(usize, Vec<bool>)> {
    let (words, script) = text_words(reader, text);
    let other_words: Vec<(Vec<Word>, Script)> = others
        .iter()
        .map(|o| {
            let (words, script) = text_words(other_reader, o);
            (words.into_iter().map(|(_, w)| w).collect(), script)
        })
        .collect();
    let total: usize = other_words.iter().map(|(w, _)| w.len()).sum();
    if words.len().saturating_mul(total) > MAX_COMPARISONS {
        return Vec::new();
    }
    words
        .iter()
        .filter_map(|(at, word)| {
            let within: Vec<bool> = other_words
                .iter()
                .map(|(ws, other_script)| {
                    ws.iter().any(|w| matches(word, w, script == *other_script))
                })
                .collect();
            (within.iter().any(|&x| x) && !within.iter().all(|&x| x)).then_some((*at, within))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pieces<'t>(text: &'t str, spans: &[std::ops::Range<usize>]) -> Vec<&'t str> {
        spans.iter().map(|r| &text[r.clone()]).collect()
    }

    /// One Arabic sentence against the English lines of `en`, split.
    fn split_one(ar: &str, en: &str) -> (Document, Document, ClauseSplit) {
        let ar = Document::presegmented("ar", format!("{ar}\n"));
        let en = Document::presegmented("en", en.to_string());
        let alignment = Alignment {
            beads: vec![Bead {
                ids: vec![0..1, 0..en.len()],
                score: 0.9,
            }],
        };
        let out = split_clauses(&[&ar, &en], &alignment);
        (ar, en, out)
    }

    #[test]
    fn an_arabic_sentence_joined_with_wa_splits_into_three() {
        let (ar, en, out) = split_one(
            "ارتفعت أسعار النفط يوم الاثنين بنسبة كبيرة وقال المحللون إن الطلب قوي وأضاف الوزير أن الإنتاج سيزيد",
            "Oil prices rose sharply on Monday.\nAnalysts said demand was strong.\nThe minister added that output would rise.\n",
        );
        assert_eq!(out.split, 1);
        let kinds: Vec<String> = out.alignment.beads.iter().map(Bead::kind).collect();
        assert_eq!(kinds, ["1-1", "1-1", "1-1"]);
        let s = &out.docs[0].sentences;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].start, ar.sentences[0].start);
        assert_eq!(s[2].end, ar.sentences[0].end);
        assert!(out.docs[0].sentence_text(1).starts_with("وقال"));
        assert!(out.docs[0].sentence_text(2).starts_with("وأضاف"));
        assert_eq!(out.docs[1], en);
    }

    #[test]
    fn a_sentence_whose_lengths_do_not_fit_stays_whole() {
        // Any cut leaves one piece far longer than its share.
        let word = "x".repeat(80);
        let text = format!("{word} yes");
        let others = ["Hello there, my friend.", "Hello there, my friend."];
        assert_eq!(split_sentence(&text, &others), None);
        assert_eq!(split_sentence("single", &["One.", "Two."]), None);
    }

    #[test]
    fn an_arabic_full_stop_lost_without_a_mark_is_found_by_lengths_and_anchors() {
        let (_, _, out) = split_one(
            "زار الرئيس باريس يوم الاثنين الوزير أعلن خطة جديدة بقيمة 500 مليون دولار",
            "The president visited Paris on Monday.\nThe minister announced a new plan worth 500 million dollars.\n",
        );
        assert_eq!(out.split, 1);
        assert_eq!(out.docs[0].sentence_text(0), "زار الرئيس باريس يوم الاثنين");
        assert!(out.docs[0].sentence_text(1).starts_with("الوزير أعلن"));
    }

    #[test]
    fn a_lost_full_stop_is_a_cut_in_latin_and_cyrillic() {
        let text = "The river rose in the night Farmers moved their cattle to the hills";
        let spans = split_sentence(
            text,
            &["Река поднялась ночью.", "Фермеры увели скот в горы."],
        )
        .unwrap();
        assert_eq!(
            pieces(text, &spans),
            [
                "The river rose in the night",
                "Farmers moved their cattle to the hills"
            ]
        );
    }

    #[test]
    fn numbers_pick_the_cut() {
        let text = "In 2019, 40 people came, in 2020, 70 people came";
        let spans = split_sentence(
            text,
            &[
                "В 2019 году пришли 40 человек.",
                "В 2020 году пришли 70 человек.",
            ],
        )
        .unwrap();
        assert_eq!(
            pieces(text, &spans),
            ["In 2019, 40 people came,", "in 2020, 70 people came"]
        );
    }

    #[test]
    fn other_beads_keep_their_sentences() {
        let a = Document::presegmented("en", "One.\nTwo.\n".to_string());
        let b = Document::presegmented("ru", "Раз.\nДва.\n".to_string());
        let alignment = Alignment {
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
        let out = split_clauses(&[&a, &b], &alignment);
        assert_eq!(out.split, 0);
        assert_eq!(out.alignment, alignment);
        assert_eq!(out.docs, [a, b]);
    }

    proptest! {
        #[test]
        fn pieces_tile_the_sentence(
            text in "[a-zA-Z ,:;،وف0-9]{0,80}",
            others in proptest::collection::vec("[a-z ]{1,30}", 0..5),
        ) {
            let others: Vec<&str> = others.iter().map(String::as_str).collect();
            if let Some(spans) = split_sentence(&text, &others) {
                prop_assert_eq!(spans.len(), others.len());
                prop_assert_eq!(spans[0].start, 0);
                prop_assert_eq!(spans.last().unwrap().end, text.trim_end().len());
                for w in spans.windows(2) {
                    prop_assert!(w[0].end <= w[1].start);
                    prop_assert!(text[w[0].end..w[1].start].chars().all(char::is_whitespace));
                }
                for r in &spans {
                    prop_assert!(r.start < r.end);
                }
                prop_assert_eq!(split_sentence(&text, &others), Some(spans));
            }
        }
    }
}
