//! Alignment of two documents: the scoring model put into the banded
//! dynamic programme, run twice (default weights, then weights refitted to
//! this document pair from the confident beads of the first run).

use super::anchors::{DocAnchors, PairAnchors, CLASSES};
use super::dp::{self, Band, Lattice, Shape, Step};
use super::length::LengthModel;
use super::model::{self, Example, Weights, BIAS, LENGTH, NF, PARAGRAPH, SIZE};
use super::Aligner;
use std::ops::Range;

/// Bead shapes searched, with their prior probabilities. 1-3 and 3-1 come
/// last so that they can be left out.
pub(crate) const SHAPES: [(Shape, f64); 8] = [
    ((1, 1), 0.80),
    ((1, 0), 0.03),
    ((0, 1), 0.03),
    ((2, 1), 0.05),
    ((1, 2), 0.05),
    ((2, 2), 0.01),
    ((3, 1), 0.005),
    ((1, 3), 0.005),
];

/// Everything about a document pair that does not depend on the weights.
pub(crate) struct PairModel<'a> {
    pub docs: [&'a DocAnchors; 2],
    pub anchors: PairAnchors,
    pub length: LengthModel,
    prefix_len: [Vec<f64>; 2],
    paragraphs: bool,
}

impl<'a> PairModel<'a> {
    pub fn new(a: &'a DocAnchors, b: &'a DocAnchors, paragraphs: bool) -> PairModel<'a> {
        let prefix = |d: &DocAnchors| {
            let mut v = Vec::with_capacity(d.len() + 1);
            let mut s = 0.0;
            v.push(0.0);
            for &l in &d.lens {
                s += l;
                v.push(s);
            }
            v
        };
        PairModel {
            docs: [a, b],
            anchors: PairAnchors::new(a, b),
            length: LengthModel::fit(&a.lens, &b.lens),
            prefix_len: [prefix(a), prefix(b)],
            paragraphs: paragraphs && a.has_paragraphs() && b.has_paragraphs(),
        }
    }

    /// Paragraph disagreement of a bead: one side starts a paragraph and the
    /// other does not, or a side runs across a paragraph break.
    fn paragraph_feature(&self, r0: &Range<usize>, r1: &Range<usize>) -> f64 {
        if !self.paragraphs {
            return 0.0;
        }
        let [a, b] = self.docs;
        let crosses =
            |d: &DocAnchors, r: &Range<usize>| d.paragraphs[r.start] != d.paragraphs[r.end - 1];
        (a.starts_paragraph(r0.start) != b.starts_paragraph(r1.start)) as u8 as f64
            + crosses(a, r0) as u8 as f64
            + crosses(b, r1) as u8 as f64
    }

    /// The exact features of pairing sentence `i` of side 0 with `j` of side 1.
    fn features(&self, i: usize, j: usize) -> [f64; NF] {
        let mut x = [0.0; NF];
        x[BIAS] = 1.0;
        let (l0, l1) = (self.docs[0].lens[i], self.docs[1].lens[j]);
        x[LENGTH] = self.length.deviation(l0, l1);
        x[SIZE] = self.length.size(l0, l1);
        let m = self.anchors.matched(i, j);
        let (t0, t1) = (&self.anchors.totals[0][i], &self.anchors.totals[1][j]);
        for c in 0..CLASSES {
            x[model::matched(c)] = m[c] as f64;
            x[model::unmatched(c)] = (t0[c] + t1[c] - 2.0 * m[c]).max(0.0) as f64;
        }
        x[PARAGRAPH] = self.paragraph_feature(&(i..i + 1), &(j..j + 1));
        x
    }
}

/// Slot in [`PairCache`] of each shape that pairs sentences.
const SLOT: [usize; 8] = [0, usize::MAX, usize::MAX, 1, 2, 3, 4, 5];
/// Fixed-point scale of cached anchor weights (u16 keeps the cache small).
const FIXED: f32 = 1000.0;

/// For every cell of a band and every shape that pairs sentences, the
/// weight of the anchors the bead ending there shares, per class, counted
/// exactly (an anchor repeated in two sentences of one side matches once).
struct PairCache {
    matched: Vec<[[u16; CLASSES]; 6]>,
}

impl PairCache {
    fn new(model: &PairModel, band: &Band, shapes: usize) -> PairCache {
        let mut matched = vec![[[0u16; CLASSES]; 6]; band.cells()];
        let mut scratch = Default::default();
        for (cell, slots) in matched.iter_mut().enumerate() {
            let (i, j) = band.position(cell);
            for (t, &((a, b), _)) in SHAPES[..shapes].iter().enumerate() {
                if a == 0 || b == 0 || a > i || b > j {
                    continue;
                }
                let m = model
                    .anchors
                    .matched_ranges(i - a..i, j - b..j, &mut scratch);
                slots[SLOT[t]] = m.map(|x| (x * FIXED).round().min(u16::MAX as f32) as u16);
            }
        }
        PairCache { matched }
    }
}

/// The emission costs of one document pair under one set of weights.
pub(crate) struct Scorer<'m, 'a> {
    model: &'m PairModel<'a>,
    band: &'m Band,
    /// Matched anchors of the beads ending in each cell.
    cache: PairCache,
    /// Score per unit of matched anchor weight, per class.
    coef: [f64; CLASSES],
    /// Prefix sums of each sentence's score if none of its anchors matched.
    unmatched: [Vec<f64>; 2],
    weights: Weights,
    shapes: Vec<Shape>,
    prior: Vec<f64>,
}

impl<'m, 'a> Scorer<'m, 'a> {
    fn new(
        model: &'m PairModel<'a>,
        band: &'m Band,
        cache: PairCache,
        weights: Weights,
        shapes: usize,
    ) -> Self {
        let coef = weights.pair_coefficients().map(|c| c / FIXED as f64);
        let unmatched = [0, 1].map(|side| {
            let mut v = vec![0.0];
            let mut s = 0.0;
            for t in &model.anchors.totals[side] {
                s += weights.unmatched_score(t);
                v.push(s);
            }
            v
        });
        Scorer {
            model,
            band,
            cache,
            coef,
            unmatched,
            weights,
            shapes: SHAPES[..shapes].iter().map(|s| s.0).collect(),
            prior: SHAPES[..shapes].iter().map(|s| -s.1.ln()).collect(),
        }
    }
}

impl Scorer<'_, '_> {
    /// The cost of pairing sentences `i0..i` of side 0 with `j0..j` of side 1,
    /// `shape` being the index of the bead's shape.
    fn cost(&self, i0: usize, i: usize, j0: usize, j: usize, shape: usize) -> f64 {
        if i0 == i || j0 == j {
            return self.prior[shape];
        }
        let w = &self.weights.0;
        let m = self.model;
        let l0 = m.prefix_len[0][i] - m.prefix_len[0][i0];
        let l1 = m.prefix_len[1][j] - m.prefix_len[1][j0];
        let mut s =
            w[BIAS] + w[LENGTH] * m.length.deviation(l0, l1) + w[SIZE] * m.length.size(l0, l1);
        s += self.unmatched[0][i] - self.unmatched[0][i0] + self.unmatched[1][j]
            - self.unmatched[1][j0];
        match self.band.index(i, j) {
            Some(cell) if SLOT[shape] < 6 && self.shapes[shape] == (i - i0, j - j0) => {
                let matched = &self.cache.matched[cell][SLOT[shape]];
                s += (0..CLASSES)
                    .map(|c| self.coef[c] * matched[c] as f64)
                    .sum::<f64>();
            }
            _ => {
                let matched = m
                    .anchors
                    .matched_ranges(i0..i, j0..j, &mut Default::default());
                s += (0..CLASSES)
                    .map(|c| self.coef[c] * FIXED as f64 * matched[c] as f64)
                    .sum::<f64>();
            }
        }
        if m.paragraphs {
            s += w[PARAGRAPH] * m.paragraph_feature(&(i0..i), &(j0..j));
        }
        self.prior[shape] - s
    }

    /// The cost of any bead, including shapes the pair search leaves out
    /// (a bead of three documents can project to 2-0, say): a one-sided
    /// bead costs one deletion per sentence.
    pub fn range_cost(&self, r0: &Range<usize>, r1: &Range<usize>) -> f64 {
        let shape = (r0.len(), r1.len());
        match self.shapes.iter().position(|&s| s == shape) {
            Some(t) => self.cost(r0.start, r0.end, r1.start, r1.end, t),
            None if r0.is_empty() => r1.len() as f64 * self.prior[2],
            None if r1.is_empty() => r0.len() as f64 * self.prior[1],
            None => self.cost(r0.start, r0.end, r1.start, r1.end, 5) + UNLIKELY_SHAPE,
        }
    }
}

/// Extra cost of a bead shape the pair search never uses.
const UNLIKELY_SHAPE: f64 = 3.0;

impl Lattice for Scorer<'_, '_> {
    fn cells(&self) -> usize {
        self.band.cells()
    }

    fn shapes(&self) -> usize {
        self.shapes.len()
    }

    #[inline]
    fn edge(&self, cell: usize, t: usize) -> Option<(usize, f64)> {
        let (i, j) = self.band.position(cell);
        let (a, b) = self.shapes[t];
        let (i0, j0) = (i.checked_sub(a)?, j.checked_sub(b)?);
        let prev = self.band.index(i0, j0)?;
        Some((prev, self.cost(i0, i, j0, j, t)))
    }
}

/// One bead of a pair alignment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PairBead {
    pub ids: [Range<usize>; 2],
    pub score: f64,
}

/// The outcome of aligning two documents: the beads, and the scorer that
/// chose them (for the joint alignment of three documents).
pub(crate) struct PairAlignment<'m, 'a> {
    pub beads: Vec<PairBead>,
    scorer: Scorer<'m, 'a>,
}

impl PairAlignment<'_, '_> {
    /// The cost of a bead under the final weights of this pair.
    pub fn range_cost(&self, r0: &Range<usize>, r1: &Range<usize>) -> f64 {
        self.scorer.range_cost(r0, r1)
    }
}

/// Aligns two documents. `band` starts as the diagonal band and ends as
/// the band that was searched.
pub(crate) fn align<'m, 'a>(
    model: &'m PairModel<'a>,
    settings: &Aligner,
    band: &'m mut Band,
) -> PairAlignment<'m, 'a> {
    let shapes = if settings.many_to_three { 8 } else { 6 };
    let width = settings.band_width.max(1);
    let mut weights = Weights::default();
    if settings.second_pass {
        let cache = search(model, band, weights, shapes, width);
        let scorer = Scorer::new(model, band, cache, weights, shapes);
        let path = dp::viterbi(&scorer);
        let post = dp::posteriors(&scorer, &path);
        weights = refit(model, &scorer, &path, &post);
        if std::env::var("ALIGN_DEBUG").is_ok() {
            eprintln!(
                "DEBUG weights {:?}",
                weights.0.map(|w| (w * 100.0).round() / 100.0)
            );
        }
    }
    let cache = search(model, band, weights, shapes, width);
    let band: &'m Band = band;
    let scorer = Scorer::new(model, band, cache, weights, shapes);
    let path = dp::viterbi(&scorer);
    let post = dp::posteriors(&scorer, &path);
    let beads = path
        .iter()
        .zip(&post)
        .map(|(s, &p)| {
            let (from, to) = (band.position(s.from), band.position(s.to));
            PairBead {
                ids: [from.0..to.0, from.1..to.1],
                score: p,
            }
        })
        .collect();
    PairAlignment { beads, scorer }
}

/// Runs the DP, growing the band until the best path keeps off its edges,
/// and returns the pair cache of the final band.
fn search(
    model: &PairModel,
    band: &mut Band,
    weights: Weights,
    shapes: usize,
    width: usize,
) -> PairCache {
    let mut by = width;
    loop {
        let cache = PairCache::new(model, band, shapes);
        let scorer = Scorer::new(model, band, cache, weights, shapes);
        let path = dp::viterbi(&scorer);
        let cells: Vec<(usize, usize)> = path.iter().map(|s| band.position(s.to)).collect();
        let cache = scorer.cache;
        if !band.grow(&cells, by) {
            return cache;
        }
        by *= 2;
    }
}

/// Learns the weights of this document pair: confident 1-1 beads against
/// the same sentences paired with a neighbour three places away.
fn refit(model: &PairModel, scorer: &Scorer, path: &[Step], post: &[f64]) -> Weights {
    const OFFSET: usize = 3;
    let cols = model.docs[1].len();
    let mut examples = Vec::new();
    for (s, &p) in path.iter().zip(post) {
        if scorer.shapes[s.shape] != (1, 1) || p < 0.9 {
            continue;
        }
        let (i, j) = scorer.band.position(s.from);
        examples.push(Example {
            x: model.features(i, j),
            positive: true,
        });
        for jj in [
            j.checked_sub(OFFSET),
            Some(j + OFFSET).filter(|&x| x < cols),
        ]
        .into_iter()
        .flatten()
        {
            examples.push(Example {
                x: model.features(i, jj),
                positive: false,
            });
        }
    }
    model::fit(&examples, &Weights::default(), 1.0)
}
