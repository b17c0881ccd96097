//! Alignment of two documents: the scoring model put into the banded
//! dynamic programme, run twice (default weights, then weights refitted to
//! this document pair from the confident beads of the first run).

use super::concepts::PairAnchors;
use super::dp::{self, Band, Lattice, Shape, Step};
use super::length::LengthModel;
use super::model::{self, Example, Weights, BIAS, LENGTH, NF, PARAGRAPH, SIZE};
use super::tokens::{DocAnchors, CLASSES};
use super::Aligner;
use rayon::prelude::*;
use std::ops::Range;

/// Bead shapes searched, with their prior probabilities. 1-3 and 3-1 come
/// last so that they can be left out.
pub(crate) const SHAPES: [(Shape, f64); 12] = [
    ((1, 1), 0.80),
    ((1, 0), 0.03),
    ((0, 1), 0.03),
    ((2, 1), 0.05),
    ((1, 2), 0.05),
    ((2, 2), 0.01),
    ((3, 1), 0.005),
    ((1, 3), 0.005),
    ((1, 4), 0.002),
    ((4, 1), 0.002),
    ((2, 3), 0.002),
    ((3, 2), 0.002),
];

/// Cells per parallel work item when computing costs.
const CHUNK: usize = 4096;

/// Shapes of the first pass: 1-1, 1-0, 0-1, 2-1 and 1-2.
const FIRST_PASS_SHAPES: usize = 5;

/// Everything about a document pair that does not depend on the weights.
pub(crate) struct PairModel<'a> {
    pub docs: [&'a DocAnchors; 2],
    pub anchors: PairAnchors,
    pub length: LengthModel,
    /// Sentence pairs that very likely translate each other, in order.
    guide: Vec<(usize, usize)>,
    /// Sentences of side 1 per sentence of side 0 where the two run in step.
    slope: f64,
    /// Whether the final scorer keeps its anchor cache, for the joint
    /// alignment of three documents, which prices beads the band left out.
    pub keep_cache: bool,
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
        let anchors = PairAnchors::new(a, b);
        let guide = anchors.guide_points();
        // The guide pairs give the length ratio, unless too few to trust.
        let pairs: Vec<_> = guide.iter().map(|&(i, j)| (i..i + 1, j..j + 1)).collect();
        let enough = pairs.len() >= a.len().min(b.len()).min(3);
        let length = LengthModel::fit(&a.lens, &b.lens, if enough { &pairs } else { &[] });
        // The slope along the guide, when it spans enough of the documents.
        let slope = match (guide.first(), guide.last()) {
            (Some(f), Some(l)) if l.0 - f.0 >= 10 && l.1 > f.1 => {
                (l.1 - f.1) as f64 / (l.0 - f.0) as f64
            }
            _ => b.len().max(1) as f64 / a.len().max(1) as f64,
        };
        PairModel {
            docs: [a, b],
            slope,
            keep_cache: false,
            anchors,
            length,
            guide,
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
    fn features(&self, length: &LengthModel, i: usize, j: usize) -> [f64; NF] {
        let mut x = [0.0; NF];
        x[BIAS] = 1.0;
        let (l0, l1) = (self.docs[0].lens[i], self.docs[1].lens[j]);
        x[LENGTH] = length.deviation(l0, l1);
        x[SIZE] = length.size(l0, l1);
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

/// The weight of the anchors each sentence pair of a band shares, per
/// class: the matches of pair `(i - 1, j - 1)` are kept in cell `(i, j)`.
struct PairCache {
    matched: Vec<[f32; CLASSES]>,
}

impl PairCache {
    fn new(model: &PairModel, band: &Band) -> PairCache {
        let matched = (0..band.cells())
            .into_par_iter()
            .map(|cell| match band.position(cell) {
                (i, j) if i > 0 && j > 0 => model.anchors.matched(i - 1, j - 1),
                _ => [0.0; CLASSES],
            })
            .collect();
        PairCache { matched }
    }
}

/// The emission costs of one document pair under one set of weights.
pub(crate) struct Scorer<'m, 'a> {
    model: &'m PairModel<'a>,
    length: LengthModel,
    band: Band,
    /// Matched anchors of the beads ending in each cell.
    cache: PairCache,
    /// Score per unit of matched anchor weight, per class.
    coef: [f64; CLASSES],
    /// Prefix sums of each sentence's score if none of its anchors matched.
    unmatched: [Vec<f64>; 2],
    weights: Weights,
    shapes: Vec<Shape>,
    prior: Vec<f64>,
    /// The cost of each shape ending in each cell (infinite where the bead
    /// would start outside the band), computed once for all sweeps.
    costs: Vec<f32>,
}

impl<'m, 'a> Scorer<'m, 'a> {
    fn new(
        model: &'m PairModel<'a>,
        band: Band,
        cache: PairCache,
        (weights, length): (Weights, LengthModel),
        shapes: usize,
        previous: Option<Scorer>,
    ) -> Self {
        let coef = weights.pair_coefficients();
        let unmatched = [0, 1].map(|side| {
            let mut v = vec![0.0];
            let mut s = 0.0;
            for t in &model.anchors.totals[side] {
                s += weights.unmatched_score(t);
                v.push(s);
            }
            v
        });
        let mut scorer = Scorer {
            model,
            length,
            band,
            cache,
            coef,
            unmatched,
            weights,
            shapes: SHAPES[..shapes].iter().map(|s| s.0).collect(),
            prior: SHAPES[..shapes].iter().map(|s| -s.1.ln()).collect(),
            costs: Vec::new(),
        };
        let shapes = scorer.shapes.len();
        let costs = dp::fill_costs(
            scorer.band.cells(),
            shapes,
            CHUNK,
            f32::INFINITY,
            |cell, slots| {
                let (i, j) = scorer.band.position(cell);
                // The same weights on a smaller band: its costs stand.
                let old = previous
                    .as_ref()
                    .and_then(|p| Some((p, p.band.index(i, j)?)));
                for (t, slot) in slots.iter_mut().enumerate() {
                    let (a, b) = scorer.shapes[t];
                    if a > i || b > j || scorer.band.index(i - a, j - b).is_none() {
                        continue;
                    }
                    *slot = match old {
                        Some((p, at)) if p.band.index(i - a, j - b).is_some() => {
                            p.costs[at * shapes + t]
                        }
                        _ => scorer.cost(i - a, i, j - b, j, t) as f32,
                    };
                }
            },
        );
        scorer.costs = costs;
        // The costs hold what the cache was for; keep it only for
        // `range_cost` (three documents), which is rarely called.
        if !model.keep_cache {
            scorer.cache = PairCache {
                matched: Vec::new(),
            };
        }
        scorer
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
        let mut s = w[BIAS]
            + w[LENGTH] * self.length.deviation(l0, l1)
            + w[SIZE] * self.length.size(l0, l1);
        s += self.unmatched[0][i] - self.unmatched[0][i0] + self.unmatched[1][j]
            - self.unmatched[1][j0];
        let mut pair_sum = [0f32; CLASSES];
        let mut matching_pairs = 0;
        for ii in i0 + 1..=i {
            for jj in j0 + 1..=j {
                let matched = match self.band.index(ii, jj) {
                    Some(cell) if cell < self.cache.matched.len() => self.cache.matched[cell],
                    _ => m.anchors.matched(ii - 1, jj - 1),
                };
                if matched.iter().any(|&x| x > 0.0) {
                    matching_pairs += 1;
                    for (sum, m) in pair_sum.iter_mut().zip(matched) {
                        *sum += m;
                    }
                }
            }
        }
        // An anchor can only be counted twice when two pairs match.
        let matched = if matching_pairs > 1 {
            m.anchors.matched_bead(i0..i, j0..j, pair_sum)
        } else {
            pair_sum
        };
        for (coef, m) in self.coef.iter().zip(matched) {
            s += coef * m as f64;
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
            // Inside the band the cost is in the table already.
            Some(t) => match self.band.index(r0.end, r1.end) {
                Some(cell) if self.band.index(r0.start, r1.start).is_some() => {
                    self.costs[cell * self.shapes.len() + t] as f64
                }
                _ => self.cost(r0.start, r0.end, r1.start, r1.end, t),
            },
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
        Some((prev, self.costs[cell * self.shapes.len() + t] as f64))
    }

    #[inline]
    fn next(&self, cell: usize, t: usize) -> Option<usize> {
        let (i, j) = self.band.position(cell);
        let (a, b) = self.shapes[t];
        self.band.index(i + a, j + b)
    }

    #[inline]
    fn cost(&self, cell: usize, t: usize) -> f64 {
        self.costs[cell * self.shapes.len() + t] as f64
    }

    #[inline]
    fn inputs<F: FnMut(usize, usize, f64)>(&self, cell: usize, mut each: F) {
        let (i, j) = self.band.position(cell);
        let shapes = self.shapes.len();
        for (t, &(a, b)) in self.shapes.iter().enumerate() {
            let cost = self.costs[cell * shapes + t];
            if cost == f32::INFINITY || a > i || b > j {
                continue;
            }
            if let Some(prev) = self.band.index(i - a, j - b) {
                each(t, prev, cost as f64);
            }
        }
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

    /// The lattice the final search ran on.
    pub fn lattice(&self) -> &(impl Lattice + Sync + '_) {
        &self.scorer
    }

    /// The start cell, end cell and cost of a bead in the final search's
    /// lattice; `None` when the bead lies outside its band or has a shape
    /// it never uses.
    pub fn edge_of(&self, r0: &Range<usize>, r1: &Range<usize>) -> Option<(usize, usize, f64)> {
        let t = self
            .scorer
            .shapes
            .iter()
            .position(|&s| s == (r0.len(), r1.len()))?;
        let to = self.scorer.band.index(r0.end, r1.end)?;
        let (from, cost) = self.scorer.edge(to, t)?;
        cost.is_finite().then_some((from, to, cost))
    }
}

/// Aligns two documents: once with the default weights in a band around
/// the line through shared rare anchors, then with weights refitted to this
/// pair in a narrower band around the first path. Each bead's score is its
/// posterior probability.
pub(crate) fn align<'m, 'a>(model: &'m PairModel<'a>, settings: &Aligner) -> PairAlignment<'m, 'a> {
    let (scorer, path) = best_path(model, settings);
    let post = dp::posteriors(&scorer, &path);
    finish(scorer, &path, &post)
}

/// The beads of [`align`] without their posteriors (scored 0), for the
/// joint alignment of three documents, which scores its own beads.
pub(crate) fn path_only<'m, 'a>(
    model: &'m PairModel<'a>,
    settings: &Aligner,
) -> PairAlignment<'m, 'a> {
    let (scorer, path) = best_path(model, settings);
    finish(scorer, &path, &vec![0.0; path.len()])
}

fn shape_count(settings: &Aligner) -> usize {
    if settings.large_beads {
        SHAPES.len()
    } else {
        6
    }
}

fn best_path<'m, 'a>(model: &'m PairModel<'a>, settings: &Aligner) -> (Scorer<'m, 'a>, Vec<Step>) {
    let width = settings.band_width.max(1);
    let [a, b] = model.docs;
    let band = Band::around(a.len(), b.len(), &model.guide, Some(model.slope), width);
    let params = (Weights::default(), model.length);
    if !settings.second_pass {
        return search(model, band, params, shape_count(settings), width);
    }
    // The first pass only finds where the path goes and what it looks like:
    // the common shapes are enough for that.
    let (first, path) = search(model, band, params, FIRST_PASS_SHAPES, width);
    let beads: Vec<(Range<usize>, Range<usize>)> = path
        .iter()
        .map(|s| {
            let (from, to) = (first.band.position(s.from), first.band.position(s.to));
            (from.0..to.0, from.1..to.1)
        })
        .collect();
    // Free the first band before the second is built.
    drop(first);
    second_pass(model, settings, &beads)
}

/// Refits the weights and the length ratio to `beads` and searches a
/// narrow band around them.
fn second_pass<'m, 'a>(
    model: &'m PairModel<'a>,
    settings: &Aligner,
    beads: &[(Range<usize>, Range<usize>)],
) -> (Scorer<'m, 'a>, Vec<Step>) {
    let [a, b] = model.docs;
    let two_sided: Vec<(Range<usize>, Range<usize>)> = beads
        .iter()
        .filter(|(r0, r1)| !r0.is_empty() && !r1.is_empty())
        .cloned()
        .collect();
    let length = LengthModel::fit(&a.lens, &b.lens, &two_sided);
    let weights = refit(model, &length, beads);
    let cells: Vec<(usize, usize)> = two_sided.iter().map(|(r0, r1)| (r0.end, r1.end)).collect();
    let narrow = (settings.band_width.max(1) / 3).max(4);
    let band = Band::around(a.len(), b.len(), &cells, None, narrow);
    search(
        model,
        band,
        (weights, length),
        shape_count(settings),
        narrow,
    )
}

/// The beads of a path, with their scores.
fn finish<'m, 'a>(scorer: Scorer<'m, 'a>, path: &[Step], scores: &[f64]) -> PairAlignment<'m, 'a> {
    let beads = path
        .iter()
        .zip(scores)
        .map(|(s, &p)| {
            let (from, to) = (scorer.band.position(s.from), scorer.band.position(s.to));
            PairBead {
                ids: [from.0..to.0, from.1..to.1],
                score: p,
            }
        })
        .collect();
    PairAlignment { beads, scorer }
}

/// Runs the DP, growing the band until the best path keeps off its edges.
fn search<'m, 'a>(
    model: &'m PairModel<'a>,
    mut band: Band,
    params: (Weights, LengthModel),
    shapes: usize,
    width: usize,
) -> (Scorer<'m, 'a>, Vec<Step>) {
    let mut by = width;
    let mut previous: Option<Scorer> = None;
    loop {
        // A grown band keeps most cells and their costs: only the few new
        // cells are scored, each anchor match computed where it is needed.
        let cache = match previous {
            None => PairCache::new(model, &band),
            Some(_) => PairCache {
                matched: Vec::new(),
            },
        };
        let scorer = Scorer::new(model, band, cache, params, shapes, previous.take());
        let path = dp::viterbi(&scorer);
        let cells: Vec<(usize, usize)> = path.iter().map(|s| scorer.band.position(s.to)).collect();
        match scorer.band.grown(&cells, by) {
            Some(wider) => band = wider,
            None => return (scorer, path),
        }
        previous = Some(scorer);
        by *= 2;
    }
}

/// Learns the weights of this document pair from `beads`, a path: its
/// confident 1-1 beads against the same sentences paired with a neighbour
/// three places away.
fn refit(
    model: &PairModel,
    length: &LengthModel,
    beads: &[(Range<usize>, Range<usize>)],
) -> Weights {
    const OFFSET: usize = 3;
    let cols = model.docs[1].len();
    let one_to_one = |k: usize| {
        beads
            .get(k)
            .is_some_and(|(r0, r1)| r0.len() == 1 && r1.len() == 1)
    };
    let mut examples = Vec::new();
    for (k, (r0, r1)) in beads.iter().enumerate() {
        // A 1-1 bead between two 1-1 beads is very likely right.
        if !(one_to_one(k) && k > 0 && one_to_one(k - 1) && one_to_one(k + 1)) {
            continue;
        }
        let (i, j) = (r0.start, r1.start);
        examples.push(Example {
            x: model.features(length, i, j),
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
                x: model.features(length, i, jj),
                positive: false,
            });
        }
    }
    model::fit(&examples, &Weights::default(), 1.0)
}
