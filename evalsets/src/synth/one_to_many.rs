//! The one-to-many set: Arabic sentences that each hold 2 to 5 sentences of
//! the other side, as real Arabic news writes them.
//!
//! Built from the same corpora and documents as [`build`](super::build),
//! deterministically from [`OneToManyConfig::seed`], the corpus, the document
//! id and the two languages. For each document:
//!
//! 1. **Paragraphs.** The headline is a paragraph of its own; the other
//!    lines are grouped into paragraphs of 3 to 6 lines, and a line without
//!    final punctuation on either side ends its paragraph (as in
//!    [`build`](super::build), with longer paragraphs so that long runs fit).
//! 2. **Edits.** Walking the lines in order, at each sentence of the
//!    joined side (side 0, the Arabic):
//!    - with probability [`OneToManyConfig::delete_rate`] a deletion run
//!      starts (1 line with probability 0.6, 2 with 0.25, 3 with 0.15), on
//!      a side picked at random, never deleting every line of a side;
//!    - else with probability [`OneToManyConfig::join_rate`] a run of 2 to 5
//!      lines (probabilities 0.6, 0.25, 0.1, 0.05) becomes one sentence of
//!      side 0, cut short at the end of the paragraph and after a line that
//!      does not end in a full stop; a run cut to one line stays a line;
//!    - else the line is a sentence of its own on both sides.
//!
//!    Side 1 keeps every line it did not lose as a sentence of its own.
//! 3. **Joining.** The inner full stops of a run are dropped and the lines
//!    joined with ` و` (the conjunction written on the next word), `، ` or
//!    `: ` (probabilities 0.5, 0.35, 0.15); a line that already starts with
//!    و is joined with a space.
//!
//! The default rates make about a fifth of the Arabic sentences one-to-many
//! (NTREX and TICO, seed 2026: see the accuracy benchmark's header line).
//!
//! The documents of each corpus are split by their place in corpus order:
//! even places are [`Split::Dev`], odd places [`Split::Test`]. Tune on the
//! dev half; report the test half.
//!
//! Gold beads, the running text and link F1 are as for [`SynthDoc`]: a
//! joined sentence is made of its lines, so a run of three gives a 1-3 bead,
//! and in the running text each line's span is its piece of the joined
//! sentence.

use super::{ends_sentence, mix, Corpus, Side, SplitMix64, SynthDoc, SynthTriple};
use crate::error::Result;

/// Settings of [`build_one_to_many`].
#[derive(Debug, Clone, PartialEq)]
pub struct OneToManyConfig {
    /// Seed of the pseudo-random generator. By default, 2026.
    pub seed: u64,
    /// Probability that a sentence of side 0 starts a run of joined lines.
    /// By default, 0.3 (cut-short runs and deletions bring the share of
    /// joined sentences down to about a fifth).
    pub join_rate: f64,
    /// Probability that a deletion run starts at a line. By default, 0.045.
    pub delete_rate: f64,
}

impl Default for OneToManyConfig {
    fn default() -> OneToManyConfig {
        OneToManyConfig {
            seed: 2026,
            join_rate: 0.3,
            delete_rate: 0.045,
        }
    }
}

/// Which half of the documents: tune on [`Split::Dev`], report
/// [`Split::Test`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Documents at even places in corpus order.
    Dev,
    /// Documents at odd places in corpus order.
    Test,
}

impl Split {
    /// `dev` or `test`.
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }

    fn holds(self, place: usize) -> bool {
        (place % 2 == 0) == (self == Split::Dev)
    }
}

/// Builds the one-to-many pairs of `corpus` for the documents of `split`:
/// `source` (whose lines are joined; the joiners are Arabic, so `ar`) and
/// `target`, one pair per document, deterministically from `config`.
///
/// Fails when the corpus lacks one of the languages.
pub fn build_one_to_many(
    corpus: &Corpus,
    source: &str,
    target: &str,
    split: Split,
    config: &OneToManyConfig,
) -> Result<Vec<SynthDoc>> {
    let [src, tgt] = corpus.pair_lines(source, target)?;
    Ok(corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(place, _)| split.holds(*place))
        .filter_map(|(_, doc)| {
            let lines = [src.get(doc.lines.clone())?, tgt.get(doc.lines.clone())?];
            let seed = mix(
                config.seed,
                &[&corpus.name, &doc.id, source, target, "one-to-many"],
            );
            let sides = build_sides([source, target], lines, config, seed);
            Some(SynthDoc {
                corpus: corpus.name.clone(),
                doc_id: doc.id.clone(),
                line_count: lines[0].len().min(lines[1].len()),
                edited: 0,
                sides,
            })
        })
        .collect())
}

/// Builds the one-to-many triples of `corpus` for the documents of
/// `split`: `langs[0]` (whose lines are joined, as in
/// [`build_one_to_many`]) and two languages kept line by line, one triple
/// per document, deterministically from `config`. Lines are deleted from
/// any of the three sides.
///
/// Fails when the corpus lacks one of the languages.
pub fn build_three_one_to_many(
    corpus: &Corpus,
    langs: [&str; 3],
    split: Split,
    config: &OneToManyConfig,
) -> Result<Vec<SynthTriple>> {
    let [l0, l1] = corpus.pair_lines(langs[0], langs[1])?;
    let [_, l2] = corpus.pair_lines(langs[0], langs[2])?;
    Ok(corpus
        .documents
        .iter()
        .enumerate()
        .filter(|(place, _)| split.holds(*place))
        .filter_map(|(_, doc)| {
            let r = doc.lines.clone();
            let lines = [l0.get(r.clone())?, l1.get(r.clone())?, l2.get(r)?];
            let seed = mix(
                config.seed,
                &[
                    &corpus.name,
                    &doc.id,
                    langs[0],
                    langs[1],
                    langs[2],
                    "one-to-many",
                ],
            );
            let sides = build_sides(langs, lines, config, seed);
            Some(SynthTriple {
                corpus: corpus.name.clone(),
                doc_id: doc.id.clone(),
                line_count: lines.iter().map(|l| l.len()).min().unwrap_or(0),
                edited: 0,
                sides,
            })
        })
        .collect())
}

/// Every side of one document: side 0 joins runs of lines, the others
/// keep each line they did not lose as a sentence of its own.
fn build_sides<const N: usize>(
    langs: [&str; N],
    lines: [&[String]; N],
    config: &OneToManyConfig,
    seed: u64,
) -> [Side; N] {
    let mut rng = SplitMix64(seed);
    let n = lines.iter().map(|l| l.len()).min().unwrap_or(0);
    let mut paragraph = Vec::with_capacity(n);
    let (mut p, mut left) = (0, 1);
    for i in 0..n {
        if left == 0 {
            p += 1;
            left = 3 + rng.below(4);
        }
        paragraph.push(p);
        left -= 1;
        if lines
            .iter()
            .any(|l| l.get(i).is_some_and(|l| !ends_sentence(l)))
        {
            left = 0;
        }
    }
    // A line may end a run's inner part only when its full stop can go.
    let joinable = |i: usize| lines[0][i].trim_end().ends_with('.');
    let mut units: [Vec<Vec<usize>>; N] = std::array::from_fn(|_| Vec::new());
    let mut joiners: Vec<Vec<&'static str>> = Vec::new();
    let mut deleted = [0usize; N];
    let mut i = 0;
    while i < n {
        let r = rng.unit();
        if r < config.delete_rate {
            let run = match rng.unit() {
                x if x < 0.6 => 1,
                x if x < 0.85 => 2,
                _ => 3,
            }
            .min(n - i);
            let side = rng.below(N);
            if deleted[side] + run < n {
                deleted[side] += run;
                for line in i..i + run {
                    for (k, units) in units.iter_mut().enumerate() {
                        if k != side {
                            units.push(vec![line]);
                        }
                    }
                    if side != 0 {
                        joiners.push(Vec::new());
                    }
                }
                i += run;
                continue;
            }
        } else if r < config.delete_rate + config.join_rate {
            let wanted = match rng.unit() {
                x if x < 0.6 => 2,
                x if x < 0.85 => 3,
                x if x < 0.95 => 4,
                _ => 5,
            };
            let mut end = i + 1;
            while end < n && end - i < wanted && paragraph[end] == paragraph[i] && joinable(end - 1)
            {
                end += 1;
            }
            if end - i >= 2 {
                let glue = (i + 1..end)
                    .map(|next| {
                        if lines[0][next].trim_start().starts_with('\u{648}') {
                            " "
                        } else {
                            match rng.unit() {
                                x if x < 0.5 => " \u{648}",
                                x if x < 0.85 => "\u{60c} ",
                                _ => ": ",
                            }
                        }
                    })
                    .collect();
                units[0].push((i..end).collect());
                joiners.push(glue);
                for units in &mut units[1..] {
                    units.extend((i..end).map(|line| vec![line]));
                }
                i = end;
                continue;
            }
        }
        for units in &mut units {
            units.push(vec![i]);
        }
        joiners.push(Vec::new());
        i += 1;
    }
    let mut units = units.into_iter();
    std::array::from_fn(|k| {
        let units = units.next().unwrap_or_default();
        let joiners = if k == 0 { &joiners[..] } else { &[] };
        joined_side(langs[k], lines[k], units, joiners, &paragraph)
    })
}

/// A line id and its byte span.
type LineSpan = (usize, std::ops::Range<usize>);

/// A side whose unit `u` joins its lines with `joiners[u]` (one per inner
/// break, the full stop before it dropped); units without joiners are one
/// line each.
fn joined_side(
    lang: &str,
    lines: &[String],
    units: Vec<Vec<usize>>,
    joiners: &[Vec<&str>],
    paragraph: &[usize],
) -> Side {
    let text_of = |line: usize| lines.get(line).map_or("", |l| l.trim());
    // Each unit's text, and each of its lines' byte span within it.
    let mut pieces: Vec<(String, Vec<LineSpan>)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let glue = joiners.get(u).map_or(&[][..], Vec::as_slice);
        let mut text = String::new();
        let mut spans = Vec::new();
        for (k, &line) in unit.iter().enumerate() {
            let mut t = text_of(line);
            if k + 1 < unit.len() {
                t = t.strip_suffix('.').unwrap_or(t).trim_end();
            }
            if k > 0 {
                text.push_str(glue.get(k - 1).copied().unwrap_or(" "));
            }
            let start = text.len();
            text.push_str(t);
            spans.push((line, start..text.len()));
        }
        pieces.push((text, spans));
    }
    let mut presegmented_text = String::new();
    for (text, _) in &pieces {
        presegmented_text.push_str(text);
        presegmented_text.push('\n');
    }
    let mut running_text = String::new();
    let mut line_spans = Vec::new();
    let mut previous_paragraph = None;
    for (unit, (text, spans)) in units.iter().zip(&pieces) {
        let this = unit.first().and_then(|&l| paragraph.get(l)).copied();
        if previous_paragraph.is_some() {
            running_text.push_str(if this == previous_paragraph {
                " "
            } else {
                "\n\n"
            });
        }
        previous_paragraph = this;
        let base = running_text.len();
        running_text.push_str(text);
        line_spans.extend(
            spans
                .iter()
                .map(|(line, r)| (*line, base + r.start..base + r.end)),
        );
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

#[cfg(test)]
mod tests {
    use super::*;
    use tmalign::export::beads::format_beads;

    fn lines(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_joined_run_drops_its_inner_full_stops_and_keeps_line_spans() {
        let ar = lines(&["أ.", "وب.", "ج."]);
        let side = joined_side(
            "ar",
            &ar,
            vec![vec![0, 1, 2]],
            &[vec![" ", "، "]],
            &[0, 0, 0],
        );
        assert_eq!(side.presegmented_text, "أ وب، ج.\n");
        let pieces: Vec<&str> = side
            .line_spans
            .iter()
            .map(|(_, r)| &side.running_text[r.clone()])
            .collect();
        assert_eq!(pieces, ["أ", "وب", "ج."]);
    }

    #[test]
    fn gold_beads_of_a_joined_document_are_one_to_many() {
        let ar = lines(&["أ.", "ب.", "ج.", "د."]);
        let en = lines(&["A.", "B.", "C.", "D."]);
        let paragraph = [0, 0, 0, 0];
        let doc = SynthDoc {
            corpus: "c".into(),
            doc_id: "d".into(),
            line_count: 4,
            edited: 0,
            sides: [
                joined_side(
                    "ar",
                    &ar,
                    vec![vec![0, 1, 2], vec![3]],
                    &[vec![" \u{648}", ": "]],
                    &paragraph,
                ),
                joined_side("en", &en, vec![vec![0], vec![1], vec![2]], &[], &paragraph),
            ],
        };
        assert_eq!(format_beads(&doc.gold_beads()), "[0]:[0, 1, 2]\n[1]:[]\n");
        assert_eq!(doc.sides[0].presegmented_text, "أ وب: ج.\nد.\n");
    }

    #[test]
    fn runs_stay_inside_paragraphs_and_both_sides_keep_their_lines() {
        let n = 300;
        let ar: Vec<String> = (0..n).map(|i| format!("جملة {i}.")).collect();
        let en: Vec<String> = (0..n).map(|i| format!("Sentence {i}.")).collect();
        let config = OneToManyConfig::default();
        let sides = build_sides(["ar", "en"], [&ar, &en], &config, 5);
        let joined = sides[0].units.iter().filter(|u| u.len() > 1).count();
        let share = joined as f64 / sides[0].units.len() as f64;
        assert!((0.12..0.35).contains(&share), "{share}");
        assert!(sides[0].units.iter().any(|u| u.len() >= 4));
        assert!(sides[1].units.iter().all(|u| u.len() == 1));
        // Every line is on at least one side, in order.
        let mut seen = vec![false; n];
        for side in &sides {
            let flat: Vec<usize> = side.units.iter().flatten().copied().collect();
            assert!(flat.windows(2).all(|w| w[0] < w[1]));
            for l in flat {
                seen[l] = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(sides, build_sides(["ar", "en"], [&ar, &en], &config, 5));
    }

    #[test]
    fn three_sides_join_on_the_first_and_lose_lines_on_any() {
        let n = 300;
        let ar: Vec<String> = (0..n).map(|i| format!("جملة {i}.")).collect();
        let en: Vec<String> = (0..n).map(|i| format!("Sentence {i}.")).collect();
        let ru: Vec<String> = (0..n).map(|i| format!("Предложение {i}.")).collect();
        let config = OneToManyConfig::default();
        let sides = build_sides(["ar", "en", "ru"], [&ar, &en, &ru], &config, 5);
        assert!(sides[0].units.iter().any(|u| u.len() >= 3));
        assert!(sides[1..]
            .iter()
            .all(|s| s.units.iter().all(|u| u.len() == 1)));
        // Each side loses some lines, and no line is lost on two sides.
        let present = |k: usize| -> Vec<bool> {
            let mut on = vec![false; n];
            for &l in sides[k].units.iter().flatten() {
                on[l] = true;
            }
            on
        };
        let on: Vec<Vec<bool>> = (0..3).map(present).collect();
        assert!(on.iter().all(|side| side.iter().any(|&x| !x)));
        assert!((0..n).all(|l| on.iter().filter(|side| side[l]).count() >= 2));
        // The English and the Russian joined nothing: their sentences are
        // their lines, so a one-to-many gold bead holds two or more of each.
        let beads = super::super::gold_beads(&sides, n);
        assert!(beads
            .iter()
            .any(|b| b.ids[0].len() == 1 && b.ids[1].len() >= 2 && b.ids[2].len() >= 2));
    }

    #[test]
    fn the_split_halves_the_documents() {
        let dev: Vec<usize> = (0..6).filter(|&p| Split::Dev.holds(p)).collect();
        let test: Vec<usize> = (0..6).filter(|&p| Split::Test.holds(p)).collect();
        assert_eq!((dev, test), (vec![0, 2, 4], vec![1, 3, 5]));
    }
}
