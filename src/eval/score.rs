//! Strict and lax precision, recall and F1 of beads against gold beads, with
//! the definitions of the Text+Berg literature (Sennrich & Volk 2010, as
//! implemented in Vecalign's `score.py`).
//!
//! For two documents, with source side `s` and target side `t` of a bead:
//! - Beads empty on both sides are dropped, and duplicate beads count once.
//! - A *link* is a pair (source id, target id); a bead holds the links
//!   `s × t` (none for 1-0 and 0-1 beads).
//! - **Precision** is over all distinct hypothesis beads, 1-0 and 0-1
//!   included. A hypothesis bead is a *strict* hit when an identical bead
//!   (same id lists on both sides) is in the gold, and a *lax* hit when it is
//!   a strict hit or shares at least one link with the gold, i.e. one
//!   sentence on each side with the same gold bead.
//! - **Recall** is over the distinct gold beads with sentences on both
//!   sides. A gold bead is a strict hit when an identical bead is among the
//!   hypothesis beads with sentences on both sides, and a lax hit when it
//!   shares at least one link with those.
//! - F1 is `2PR / (P + R)`; any ratio with a zero denominator is 0.
//! - Over several documents the counts are summed first (micro-average),
//!   then P, R and F1 are computed once.
//!
//! For three documents, each bead is projected onto the document pairs
//! (0,1), (0,2) and (1,2), each pair is scored as above, and the counts of
//! the three pairs are summed.

use crate::export::beads::BeadIds;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::{Add, AddAssign};

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    /// Precision in [0, 1].
    pub precision: f64,
    /// Recall in [0, 1].
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    /// P, R and F1 from hit counts; a zero denominator gives 0.
    pub fn from_counts(
        precision_hits: usize,
        predicted: usize,
        recall_hits: usize,
        actual: usize,
    ) -> Prf {
        let precision = ratio(precision_hits, predicted);
        let recall = ratio(recall_hits, actual);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

fn ratio(hits: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

/// Strict and lax scores.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Scores {
    /// Identical beads only.
    pub strict: Prf,
    /// Beads that share a sentence on each side.
    pub lax: Prf,
}

/// Hit counts of one or more documents; add them up to pool documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Distinct hypothesis beads (the precision denominator).
    pub hyp: usize,
    /// Hypothesis beads identical to a gold bead.
    pub hyp_strict: usize,
    /// Hypothesis beads that are strict hits or share a link with the gold.
    pub hyp_lax: usize,
    /// Distinct gold beads with sentences on both sides (the recall denominator).
    pub gold: usize,
    /// Such gold beads identical to a two-sided hypothesis bead.
    pub gold_strict: usize,
    /// Such gold beads sharing a link with a two-sided hypothesis bead.
    pub gold_lax: usize,
}

impl Counts {
    /// Strict and lax precision, recall and F1 of these counts.
    pub fn scores(&self) -> Scores {
        Scores {
            strict: Prf::from_counts(self.hyp_strict, self.hyp, self.gold_strict, self.gold),
            lax: Prf::from_counts(self.hyp_lax, self.hyp, self.gold_lax, self.gold),
        }
    }
}

impl Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            hyp: self.hyp + o.hyp,
            hyp_strict: self.hyp_strict + o.hyp_strict,
            hyp_lax: self.hyp_lax + o.hyp_lax,
            gold: self.gold + o.gold,
            gold_strict: self.gold_strict + o.gold_strict,
            gold_lax: self.gold_lax + o.gold_lax,
        }
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(iter: I) -> Counts {
        iter.fold(Counts::default(), Add::add)
    }
}

/// Counts the hits of `hyp` against `gold` for one document (pair or triple).
///
/// When the two lists have different numbers of documents, the missing
/// sides are taken as empty.
///
/// ```
/// use tmalign::eval::{count, BeadIds};
/// let gold = [BeadIds::pair(&[0], &[0, 1]), BeadIds::pair(&[1], &[2])];
/// let hyp = [BeadIds::pair(&[0], &[0]), BeadIds::pair(&[], &[1]), BeadIds::pair(&[1], &[2])];
/// let scores = count(&gold, &hyp).scores();
/// assert_eq!(scores.strict.precision, 1.0 / 3.0); // [1]:[2] only
/// assert_eq!(scores.lax.precision, 2.0 / 3.0); // [0]:[0] shares a link; []:[1] has none
/// assert_eq!(scores.strict.recall, 0.5);
/// assert_eq!(scores.lax.recall, 1.0);
/// ```
pub fn count(gold: &[BeadIds], hyp: &[BeadIds]) -> Counts {
    let documents = gold
        .iter()
        .chain(hyp)
        .map(|b| b.ids.len())
        .max()
        .unwrap_or(0);
    let mut total = Counts::default();
    for a in 0..documents {
        for b in a + 1..documents {
            total += count_pair(&project(gold, a, b), &project(hyp, a, b));
        }
    }
    total
}

/// Pooled strict and lax scores of several (gold, hypothesis) documents.
pub fn score_documents<'a, I>(documents: I) -> Scores
where
    I: IntoIterator<Item = (&'a [BeadIds], &'a [BeadIds])>,
{
    documents
        .into_iter()
        .map(|(gold, hyp)| count(gold, hyp))
        .sum::<Counts>()
        .scores()
}

type PairBead = (Vec<usize>, Vec<usize>);

fn project(beads: &[BeadIds], a: usize, b: usize) -> Vec<PairBead> {
    let side = |bead: &BeadIds, k: usize| bead.ids.get(k).cloned().unwrap_or_default();
    beads
        .iter()
        .map(|bead| (side(bead, a), side(bead, b)))
        .collect()
}

fn count_pair(gold: &[PairBead], hyp: &[PairBead]) -> Counts {
    let (hyp_strict, hyp_lax, hyp_total) = hits(gold, hyp, |(s, t)| !s.is_empty() || !t.is_empty());
    let two_sided = |(s, t): &PairBead| !s.is_empty() && !t.is_empty();
    let hyp_two_sided: Vec<PairBead> = hyp.iter().filter(|b| two_sided(b)).cloned().collect();
    // Recall is precision with the roles swapped, over two-sided beads only.
    let (gold_strict, gold_lax, gold_total) = hits(&hyp_two_sided, gold, two_sided);
    Counts {
        hyp: hyp_total,
        hyp_strict,
        hyp_lax,
        gold: gold_total,
        gold_strict,
        gold_lax,
    }
}

/// Of the distinct `candidates` that pass `keep`, how many are identical to
/// a bead of `reference` (strict), how many are that or share a link with
/// it (lax), and how many there are.
///
/// Links are never listed (a 3000×3000 bead holds nine million): a
/// candidate shares a link with `reference` when one of its source ids and
/// one of its target ids lie in the same reference bead. Each id is looked
/// up in an index of the reference beads that hold it, so the work is
/// linear in the number of ids when, as in any alignment, an id is in one
/// bead per side.
fn hits(
    reference: &[PairBead],
    candidates: &[PairBead],
    keep: impl Fn(&PairBead) -> bool,
) -> (usize, usize, usize) {
    let reference_beads: HashSet<&PairBead> = reference.iter().collect();
    let mut by_source: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_target: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, (s, t)) in reference.iter().enumerate() {
        for (index, ids) in [(&mut by_source, s), (&mut by_target, t)] {
            for &id in ids {
                let beads = index.entry(id).or_default();
                if beads.last() != Some(&k) {
                    beads.push(k);
                }
            }
        }
    }
    let distinct: HashSet<&PairBead> = candidates.iter().filter(|b| keep(b)).collect();
    let (mut strict, mut lax) = (0, 0);
    let mut touched: HashSet<usize> = HashSet::new();
    for bead in &distinct {
        if reference_beads.contains(bead) {
            strict += 1;
            lax += 1;
            continue;
        }
        let (s, t) = bead;
        touched.clear();
        touched.extend(s.iter().filter_map(|i| by_source.get(i)).flatten());
        let shares_link = t
            .iter()
            .filter_map(|j| by_target.get(j))
            .flatten()
            .any(|k| touched.contains(k));
        if shares_link {
            lax += 1;
        }
    }
    (strict, lax, distinct.len())
}

/// Strict recall per gold bead type, for two documents: for each type
/// (`1-1`, `2-1`, `0-1`, ...), how many distinct gold beads of that type there
/// are and how many of them are also hypothesis beads. Unlike [`count`],
/// one-sided gold beads are included, to show how deletions fare.
///
/// ```
/// use tmalign::eval::{parse_beads, recall_by_kind};
/// let gold = parse_beads("[0]:[0]\n[1]:[]\n[2]:[1]\n", None)?;
/// let hyp = parse_beads("[0]:[0]\n[1, 2]:[1]\n", None)?;
/// let by_kind = recall_by_kind(&gold, &hyp);
/// assert_eq!(by_kind["1-1"], (2, 1));
/// assert_eq!(by_kind["1-0"], (1, 0));
/// # Ok::<(), tmalign::Error>(())
/// ```
pub fn recall_by_kind(
    gold: &[BeadIds],
    hyp: &[BeadIds],
) -> std::collections::BTreeMap<String, (usize, usize)> {
    let hyp: HashSet<PairBead> = project(hyp, 0, 1).into_iter().collect();
    let gold: BTreeSet<PairBead> = project(gold, 0, 1)
        .into_iter()
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .collect();
    let mut out = std::collections::BTreeMap::new();
    for bead in gold {
        let entry = out
            .entry(format!("{}-{}", bead.0.len(), bead.1.len()))
            .or_insert((0, 0));
        entry.0 += 1;
        if hyp.contains(&bead) {
            entry.1 += 1;
        }
    }
    out
}

/// How right the beads at or above a score threshold are: the beads that
/// would go into a TMX. Only beads with sentences on both sides count
/// (1-0 and 0-1 beads make no translation unit). Add these up to pool
/// documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Calibration {
    /// Two-sided beads.
    pub beads: usize,
    /// Two-sided beads scored at or above the threshold.
    pub kept: usize,
    /// Kept beads identical to a gold bead.
    pub kept_strict: usize,
    /// Kept beads sharing a link with the gold.
    pub kept_lax: usize,
    /// Beads below the threshold that are identical to a gold bead.
    pub dropped_strict: usize,
}

impl Calibration {
    /// Compares the two-sided beads of `alignment` (two documents) scored at
    /// least `threshold` with `gold`.
    ///
    /// ```
    /// use tmalign::{Alignment, Bead};
    /// use tmalign::eval::{parse_beads, Calibration};
    /// let gold = parse_beads("[0]:[0]\n[1]:[1]\n", None)?;
    /// let bead = |s: usize, t: usize, score| Bead { ids: vec![s..s + 1, t..t + 1], score };
    /// let alignment = Alignment { beads: vec![bead(0, 0, 0.9), bead(1, 1, 0.2)] };
    /// let c = Calibration::measure(&gold, &alignment, 0.5);
    /// assert_eq!((c.beads, c.kept, c.kept_strict, c.dropped_strict), (2, 1, 1, 1));
    /// # Ok::<(), tmalign::Error>(())
    /// ```
    pub fn measure(gold: &[BeadIds], alignment: &crate::Alignment, threshold: f64) -> Calibration {
        let gold = project(gold, 0, 1);
        let two_sided: Vec<(PairBead, f64)> = alignment
            .beads
            .iter()
            .map(|b| (project(&[BeadIds::from(b)], 0, 1).remove(0), b.score))
            .filter(|((s, t), _)| !s.is_empty() && !t.is_empty())
            .collect();
        let (kept, dropped): (Vec<_>, Vec<_>) =
            two_sided.iter().partition(|(_, score)| *score >= threshold);
        let kept: Vec<PairBead> = kept.into_iter().map(|(b, _)| b.clone()).collect();
        let dropped: Vec<PairBead> = dropped.into_iter().map(|(b, _)| b.clone()).collect();
        let (kept_strict, kept_lax, _) = hits(&gold, &kept, |_| true);
        let (dropped_strict, _, _) = hits(&gold, &dropped, |_| true);
        Calibration {
            beads: two_sided.len(),
            kept: kept.len(),
            kept_strict,
            kept_lax,
            dropped_strict,
        }
    }
}

impl Add for Calibration {
    type Output = Calibration;
    fn add(self, o: Calibration) -> Calibration {
        Calibration {
            beads: self.beads + o.beads,
            kept: self.kept + o.kept,
            kept_strict: self.kept_strict + o.kept_strict,
            kept_lax: self.kept_lax + o.kept_lax,
            dropped_strict: self.dropped_strict + o.dropped_strict,
        }
    }
}

impl std::iter::Sum for Calibration {
    fn sum<I: Iterator<Item = Calibration>>(iter: I) -> Calibration {
        iter.fold(Calibration::default(), Add::add)
    }
}

/// Counts of links (pairs of line ids) found and right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct LinkCounts {
    /// Gold links (the recall denominator).
    pub gold: usize,
    /// Hypothesis links (the precision denominator).
    pub hyp: usize,
    /// Hypothesis links that are gold links.
    pub correct: usize,
}

impl LinkCounts {
    /// Compares two sets of links.
    pub fn compare(gold: &BTreeSet<(usize, usize)>, hyp: &BTreeSet<(usize, usize)>) -> LinkCounts {
        LinkCounts {
            gold: gold.len(),
            hyp: hyp.len(),
            correct: hyp.intersection(gold).count(),
        }
    }

    /// Link precision, recall and F1.
    pub fn prf(&self) -> Prf {
        Prf::from_counts(self.correct, self.hyp, self.correct, self.gold)
    }
}

impl Add for LinkCounts {
    type Output = LinkCounts;
    fn add(self, o: LinkCounts) -> LinkCounts {
        LinkCounts {
            gold: self.gold + o.gold,
            hyp: self.hyp + o.hyp,
            correct: self.correct + o.correct,
        }
    }
}

impl AddAssign for LinkCounts {
    fn add_assign(&mut self, o: LinkCounts) {
        *self = *self + o;
    }
}

impl std::iter::Sum for LinkCounts {
    fn sum<I: Iterator<Item = LinkCounts>>(iter: I) -> LinkCounts {
        iter.fold(LinkCounts::default(), Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::parse_beads;

    fn beads(text: &str) -> Vec<BeadIds> {
        parse_beads(text, None).unwrap()
    }

    #[test]
    fn identical_one_sided_beads_are_strict_hits_in_precision_only() {
        let gold = beads("[0]:[0]\n[1]:[]\n");
        let c = count(&gold, &gold);
        assert_eq!((c.hyp, c.hyp_strict, c.hyp_lax), (2, 2, 2));
        assert_eq!((c.gold, c.gold_strict, c.gold_lax), (1, 1, 1));
    }

    #[test]
    fn a_wrong_deletion_is_never_a_lax_hit() {
        let gold = beads("[0]:[0]\n[1]:[1]\n");
        let hyp = beads("[0]:[0, 1]\n[1]:[]\n");
        let c = count(&gold, &hyp);
        assert_eq!((c.hyp, c.hyp_strict, c.hyp_lax), (2, 0, 1));
        assert_eq!((c.gold, c.gold_strict, c.gold_lax), (2, 0, 1));
    }

    #[test]
    fn duplicates_and_empty_beads_count_once_or_not_at_all() {
        let gold = beads("[0]:[0]\n[0]:[0]\n[]:[]\n");
        let hyp = beads("[0]:[0]\n[]:[]\n[0]:[0]\n");
        assert_eq!(
            count(&gold, &hyp),
            Counts {
                hyp: 1,
                hyp_strict: 1,
                hyp_lax: 1,
                gold: 1,
                gold_strict: 1,
                gold_lax: 1
            }
        );
    }

    #[test]
    fn lax_needs_a_link_not_just_two_overlaps_with_different_beads() {
        // Source 0 is in gold bead A, target 1 in gold bead B: no shared link.
        let gold = beads("[0]:[0]\n[1]:[1]\n");
        let hyp = beads("[0]:[1]\n");
        let c = count(&gold, &hyp);
        assert_eq!((c.hyp_lax, c.gold_lax), (0, 0));
    }

    #[test]
    fn three_documents_sum_the_pairs() {
        let gold = beads("[0]:[0]:[0]\n[1]:[1]:[]\n");
        let c = count(&gold, &gold);
        // Pairs (0,1): 2 beads, (0,2): [0]:[0] and [1]:[], (1,2): [0]:[0] and [1]:[].
        assert_eq!((c.hyp, c.hyp_strict), (6, 6));
        assert_eq!((c.gold, c.gold_strict), (4, 4));
    }

    #[test]
    fn empty_inputs_score_zero_without_dividing_by_zero() {
        let s = count(&[], &[]).scores();
        assert_eq!(s, Scores::default());
    }

    #[test]
    fn pooling_sums_counts_before_dividing() {
        let g1 = beads("[0]:[0]\n");
        let h1 = beads("[0]:[0]\n");
        let g2 = beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
        let h2 = beads("[0, 1, 2]:[0, 1, 2]\n");
        let s = score_documents([(&g1[..], &h1[..]), (&g2[..], &h2[..])]);
        assert_eq!(s.strict.precision, 0.5);
        assert_eq!(s.strict.recall, 0.25);
    }

    #[test]
    fn link_counts() {
        let gold: BTreeSet<_> = [(0, 0), (1, 1), (2, 2)].into();
        let hyp: BTreeSet<_> = [(0, 0), (1, 1), (1, 2)].into();
        let c = LinkCounts::compare(&gold, &hyp);
        assert_eq!(
            c,
            LinkCounts {
                gold: 3,
                hyp: 3,
                correct: 2
            }
        );
        assert!((c.prf().f1 - 2.0 / 3.0).abs() < 1e-12);
    }
}
