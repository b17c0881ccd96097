//! Alignment of two documents: the scoring model put into the banded
//! dynamic programme, run twice (default weights, then weights refitted to
//! this document pair from the confident beads of the first run), and a
//! third time with the bead-shape priors fitted by EM (see `priors`).

use super::band::{Band, Shape};
use super::concepts::PairAnchors;
use super::cost::Cost;
use super::dp::{self, Lattice, Step};
use super::length::LengthModel;
use super::log_sums::LogSums;
use super::model::{self, Example, Weights, BIAS, LENGTH, NF, PARAGRAPH, SIZE};
use super::priors;
use super::tokens::{DocAnchors, CLASSES};
use super::Aligner;
use rayon::prelude::*;
use std::borrow::Cow;
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

/// The priors of [`SHAPES`], in order: those of every search unless
/// [`Aligner::fit_priors`] refits them to the document pair.
const DEFAULT_PRIORS: [f64; SHAPES.len()] = {
    let mut p = [0.0; SHAPES.len()];
    let mut k = 0;
    while k < p.len() {
        p[k] = SHAPES[k].1;
        k += 1;
    }
    p
};

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
    /// The largest cost table a scorer keeps, in bytes (see
    /// [`Aligner::cost_table_bytes`]); the joint alignment of three documents reads the
    /// tables, so it keeps them whatever their size.
    pub table_bytes: usize,
    /// Cells per block of rows a sweep asks costs for, when there is no
    /// table ([`BLOCK_CELLS`] unless set).
    pub block_cells: usize,
    prefix_len: [Vec<f64>; 2],
    paragraphs: bool,
}

impl<'a> PairModel<'a> {
    pub fn new(a: &'a DocAnchors, b: &'a DocAnchors, settings: &Aligner) -> PairModel<'a> {
        let anchors = PairAnchors::new(a, b, settings.word_pairs.as_deref());
        PairModel::with_anchors(a, b, anchors, settings)
    }

    /// The model of `a` and `b` given their concepts, `anchors`; the
    /// documents' tokens are not read again.
    pub fn with_anchors(
        a: &'a DocAnchors,
        b: &'a DocAnchors,
        anchors: PairAnchors,
        settings: &Aligner,
    ) -> PairModel<'a> {
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
            table_bytes: settings.cost_table_bytes,
            block_cells: BLOCK_CELLS,
            anchors,
            length,
            guide,
            prefix_len: [prefix(a), prefix(b)],
            paragraphs: settings.paragraphs && a.has_paragraphs() && b.has_paragraphs(),
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

/// The weight of the anchors each sentence pair of some rows of a band
/// shares, per class, worked out once for all the beads that hold the
/// pair: the matches of pair `(i - 1, j - 1)` are kept for cell `(i, j)`.
struct PairCache {
    first: usize,
    matched: Vec<[f32; CLASSES]>,
}

impl PairCache {
    /// The matches of the pairs of `cells`, a run of cells of `band`.
    fn new(model: &PairModel, band: &Band, cells: Range<usize>) -> PairCache {
        let matched = cells
            .clone()
            .map(|cell| match band.position(cell) {
                (i, j) if i > 0 && j > 0 => model.anchors.matched(i - 1, j - 1),
                _ => [0.0; CLASSES],
            })
            .collect();
        PairCache {
            first: cells.start,
            matched,
        }
    }

    /// The matches of sentence `ii - 1` of side 0 with `jj - 1` of side 1.
    #[inline]
    fn get(&self, model: &PairModel, band: &Band, ii: usize, jj: usize) -> [f32; CLASSES] {
        match band.index(ii, jj) {
            Some(cell) if (self.first..self.first + self.matched.len()).contains(&cell) => {
                self.matched[cell - self.first]
            }
            _ => model.anchors.matched(ii - 1, jj - 1),
        }
    }
}

/// Most sentences of a side in a pair bead (1-4 and 4-1).
const MOST_IN_BEAD: usize = 4;

const _: () = {
    let mut k = 0;
    while k < SHAPES.len() {
        assert!(SHAPES[k].0 .0 <= MOST_IN_BEAD && SHAPES[k].0 .1 <= MOST_IN_BEAD);
        k += 1;
    }
};

/// The anchor matches of the sentence pairs the beads ending in one row
/// can hold, for the cells of the row in turn: moving one cell on reads
/// the one new column of pairs and keeps the others. Column `jj` holds,
/// for each `di`, pair `(i - 1 - di, jj - 1)`, at `columns[jj % MOST_IN_BEAD]`.
struct NearPairs {
    row: usize,
    /// Most sentences of side 0 and of side 1 in a bead.
    size: (usize, usize),
    /// The columns read so far are those up to this one (exclusive).
    read_to: usize,
    columns: [[[f32; CLASSES]; MOST_IN_BEAD]; MOST_IN_BEAD],
}

impl NearPairs {
    /// The pairs of row `row` for beads of at most `size` sentences.
    fn new(row: usize, size: (usize, usize)) -> NearPairs {
        NearPairs {
            row,
            size,
            read_to: 0,
            columns: [[[0.0; CLASSES]; MOST_IN_BEAD]; MOST_IN_BEAD],
        }
    }

    /// Reads the columns a bead ending in column `j` of the row can reach
    /// that are not read yet.
    #[inline]
    fn reach(&mut self, j: usize, matched: impl Fn(usize, usize) -> [f32; CLASSES]) {
        let (rows, cols) = self.size;
        let from = self.read_to.max((j + 1).saturating_sub(cols));
        for jj in from..=j {
            let column = &mut self.columns[jj % MOST_IN_BEAD];
            for (di, slot) in column.iter_mut().enumerate().take(rows) {
                *slot = match self.row.checked_sub(di) {
                    Some(ii) if ii > 0 && jj > 0 => matched(ii, jj),
                    _ => [0.0; CLASSES],
                };
            }
        }
        self.read_to = self.read_to.max(j + 1);
    }

    /// The matches of sentence `ii - 1` of side 0 with `jj - 1` of side 1.
    #[inline]
    fn get(&self, ii: usize, jj: usize) -> [f32; CLASSES] {
        self.columns[jj % MOST_IN_BEAD][self.row - ii]
    }
}

/// Cells per block of rows whose costs a sweep asks for at once, when the
/// pair keeps no table.
const BLOCK_CELLS: usize = 1 << 18;

/// The emission costs of one document pair under one set of weights.
pub(crate) struct Scorer<'m, 'a> {
    model: &'m PairModel<'a>,
    length: LengthModel,
    band: Band,
    /// Score per unit of matched anchor weight, per class.
    coef: [f64; CLASSES],
    /// Prefix sums of each sentence's score if none of its anchors matched.
    unmatched: [Vec<f64>; 2],
    weights: Weights,
    shapes: Vec<Shape>,
    prior: Vec<f64>,
    /// Most sentences of side 0 in a bead.
    tallest: usize,
    /// Most sentences of side 1 in a bead.
    widest: usize,
    /// The cost of each shape ending in each cell (infinite where the bead
    /// would start outside the band), when the band is small enough to
    /// keep them for all sweeps.
    table: Option<Vec<Cost>>,
}

impl<'m, 'a> Scorer<'m, 'a> {
    fn new(
        model: &'m PairModel<'a>,
        band: Band,
        (weights, length, priors): Params,
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
        let shapes: Vec<Shape> = SHAPES[..shapes].iter().map(|s| s.0).collect();
        let mut scorer = Scorer {
            model,
            length,
            band,
            coef,
            unmatched,
            weights,
            tallest: shapes.iter().map(|s| s.0).max().unwrap_or(1).max(1),
            widest: shapes.iter().map(|s| s.1).max().unwrap_or(1).max(1),
            prior: priors[..shapes.len()].iter().map(|p| -p.ln()).collect(),
            shapes,
            table: None,
        };
        let (cells, shapes) = (scorer.band.cells(), scorer.shapes.len());
        if cells * shapes * std::mem::size_of::<Cost>() <= model.table_bytes {
            // A grown band keeps the costs of the smaller one, moved in place.
            let (mut table, kept) = match previous.and_then(|p| Some((p.table?, p.band))) {
                Some((old, old_band)) => {
                    let sizes = (old_band.cells(), cells);
                    let band = &scorer.band;
                    let to = |cell| {
                        let (i, j) = old_band.position(cell);
                        band.index(i, j)
                    };
                    (dp::spread_costs(old, shapes, sizes, to), Some(old_band))
                }
                None => (vec![Cost::INFINITE; cells * shapes], None),
            };
            // Only rows the growth reached need costs worked out.
            let band = &scorer.band;
            let rows = match &kept {
                Some(old) => band.rows_grown_from(old, scorer.tallest),
                None => std::iter::once(0..band.rows() + 1).collect(),
            };
            for rows in rows {
                let cells = band.row_start(rows.start)..band.row_start(rows.end);
                let slots = &mut table[cells.start * shapes..cells.end * shapes];
                scorer.fill(cells, slots, kept.as_ref());
            }
            scorer.table = Some(table);
        }
        scorer
    }

    /// Sets the costs of the beads ending in `cells` (whole rows) into
    /// `out`, in parallel over runs of rows, each with the anchor matches of
    /// its pairs worked out once. Where `out` holds the costs of `kept`, a
    /// smaller band searched with the same weights, the finite ones stand.
    /// Each cell is computed on its own, so the numbers are the same
    /// whatever the thread count.
    fn fill(&self, cells: Range<usize>, out: &mut [Cost], kept: Option<&Band>) {
        let band = &self.band;
        let shapes = self.shapes.len();
        let rows = band.rows_of(&cells);
        let per_task = (TASK_CELLS * rows.len() / cells.len().max(1)).max(1);
        let mut tasks = Vec::new();
        let mut rest = out;
        let mut i = rows.start;
        while i < rows.end {
            let end = (i + per_task).min(rows.end);
            let n = (band.row_start(end) - band.row_start(i)) * shapes;
            let (head, tail) = rest.split_at_mut(n);
            tasks.push((i..end, head));
            rest = tail;
            i = end;
        }
        tasks.into_par_iter().for_each(|(rows, slots)| {
            let first = band.row_start(rows.start.saturating_sub(self.tallest - 1));
            // Built when the first cell needs it: a grown band copies most
            // of its costs from the previous table.
            let mut cache: Option<PairCache> = None;
            let mut cells = slots.chunks_exact_mut(shapes);
            for i in rows.clone() {
                let mut near = NearPairs::new(i, (self.tallest, self.widest));
                for (j, slots) in band.row(i).zip(cells.by_ref()) {
                    let old = kept.filter(|k| k.index(i, j).is_some());
                    for (t, slot) in slots.iter_mut().enumerate() {
                        // A finite old cost had its start in the old band, so
                        // in this one: it stands.
                        if old.is_some() && slot.is_finite() {
                            continue;
                        }
                        let (a, b) = self.shapes[t];
                        if a > i || b > j || band.index(i - a, j - b).is_none() {
                            continue;
                        }
                        // Started in the old band too and still out of reach.
                        if old.is_some_and(|k| k.index(i - a, j - b).is_some()) {
                            continue;
                        }
                        let cache = cache.get_or_insert_with(|| {
                            PairCache::new(self.model, band, first..band.row_start(rows.end))
                        });
                        near.reach(j, |ii, jj| cache.get(self.model, band, ii, jj));
                        let cost = self.cost(|ii, jj| near.get(ii, jj), i - a, i, j - b, j, t);
                        *slot = Cost::new(cost);
                    }
                }
            }
        });
    }
}

/// Cells per parallel work item when computing costs.
const TASK_CELLS: usize = 4096;

impl Scorer<'_, '_> {
    /// The cost of pairing sentences `i0..i` of side 0 with `j0..j` of side 1,
    /// `shape` being the index of the bead's shape.
    fn cost(
        &self,
        pair_matches: impl Fn(usize, usize) -> [f32; CLASSES],
        i0: usize,
        i: usize,
        j0: usize,
        j: usize,
        shape: usize,
    ) -> f64 {
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
                let matched = pair_matches(ii, jj);
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

    /// The cost of one bead of shape index `t`, worked out on its own.
    fn bead_cost(&self, r0: &Range<usize>, r1: &Range<usize>, t: usize) -> f64 {
        let matched = |ii: usize, jj: usize| self.model.anchors.matched(ii - 1, jj - 1);
        self.cost(matched, r0.start, r0.end, r1.start, r1.end, t)
    }

    /// The cost of any bead, including shapes the pair search leaves out
    /// (a bead of three documents can project to 2-0, say): a one-sided
    /// bead costs one deletion per sentence.
    pub fn range_cost(&self, r0: &Range<usize>, r1: &Range<usize>) -> f64 {
        let shape = (r0.len(), r1.len());
        match self.shapes.iter().position(|&s| s == shape) {
            // Inside the band the cost is in the table already.
            Some(t) => match (&self.table, self.band.index(r0.end, r1.end)) {
                (Some(table), Some(cell)) if self.band.index(r0.start, r1.start).is_some() => {
                    table[cell * self.shapes.len() + t].get()
                }
                _ => self.bead_cost(r0, r1, t),
            },
            None if r0.is_empty() => r1.len() as f64 * self.prior[2],
            None if r1.is_empty() => r0.len() as f64 * self.prior[1],
            None => self.bead_cost(r0, r1, 5) + UNLIKELY_SHAPE,
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
    fn prev(&self, cell: usize, t: usize) -> Option<usize> {
        self.band.start_of(cell, self.shapes[t])
    }

    #[inline]
    fn next(&self, cell: usize, t: usize) -> Option<usize> {
        self.band.end_of(cell, self.shapes[t])
    }

    #[inline]
    fn prevs(&self, cell: usize, out: &mut [Option<usize>]) {
        self.band.starts_of(cell, &self.shapes, out);
    }

    #[inline]
    fn nexts(&self, cell: usize, out: &mut [Option<usize>]) {
        self.band.ends_of(cell, &self.shapes, out);
    }

    fn cost(&self, cell: usize, t: usize) -> Cost {
        if let Some(table) = &self.table {
            return table[cell * self.shapes.len() + t];
        }
        match self.prev(cell, t) {
            Some(from) => {
                let ((i0, j0), (i, j)) = (self.band.position(from), self.band.position(cell));
                Cost::new(self.bead_cost(&(i0..i), &(j0..j), t))
            }
            None => Cost::INFINITE,
        }
    }

    fn costs(&self, cells: Range<usize>) -> Cow<'_, [Cost]> {
        let shapes = self.shapes.len();
        match &self.table {
            Some(table) => Cow::Borrowed(&table[cells.start * shapes..cells.end * shapes]),
            None => {
                let mut costs = vec![Cost::INFINITE; cells.len() * shapes];
                self.fill(cells, &mut costs, None);
                Cow::Owned(costs)
            }
        }
    }

    fn blocks(&self) -> Vec<Range<usize>> {
        match self.table {
            Some(_) => std::iter::once(0..self.band.cells()).collect(),
            None => self.band.blocks(self.tallest, self.model.block_cells),
        }
    }

    fn reach(&self) -> usize {
        self.band.reach(self.tallest)
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
        Some((from, to, cost))
    }
}

/// Aligns two documents: once with the default weights in a band around
/// the line through shared rare anchors, then with weights refitted to this
/// pair in a narrower band around the first path. Each bead's score is its
/// posterior probability.
pub(crate) fn align<'m, 'a>(model: &'m PairModel<'a>, settings: &Aligner) -> PairAlignment<'m, 'a> {
    let found = best_path(model, settings, true);
    let post = match &found.forward {
        Some(fwd) => dp::posteriors_after_forward(&found.scorer, &found.path, fwd),
        None => dp::posteriors(&found.scorer, &found.path),
    };
    finish(found.scorer, &found.path, &post)
}

/// The beads of [`align`] without their posteriors (scored 0), for the
/// joint alignment of three documents, which scores its own beads.
pub(crate) fn path_only<'m, 'a>(
    model: &'m PairModel<'a>,
    settings: &Aligner,
) -> PairAlignment<'m, 'a> {
    let found = best_path(model, settings, false);
    finish(found.scorer, &found.path, &vec![0.0; found.path.len()])
}

fn shape_count(settings: &Aligner) -> usize {
    if settings.large_beads {
        SHAPES.len()
    } else {
        6
    }
}

/// The best path of a search, with the forward sweep's values at every
/// cell of its lattice when they were asked for and its costs are not in a
/// table.
struct Found<'m, 'a> {
    scorer: Scorer<'m, 'a>,
    path: Vec<Step>,
    forward: Option<LogSums>,
}

/// The best path of the document pair; `forward` asks for the forward
/// values of the last search, which the posteriors need (see [`Found`]).
fn best_path<'m, 'a>(model: &'m PairModel<'a>, settings: &Aligner, forward: bool) -> Found<'m, 'a> {
    let width = settings.band_width.max(1);
    let [a, b] = model.docs;
    let band = Band::around(a.len(), b.len(), &model.guide, Some(model.slope), width);
    let params = (Weights::default(), model.length, &DEFAULT_PRIORS[..]);
    if !settings.second_pass {
        return search(model, band, params, shape_count(settings), width, forward);
    }
    // The first pass only finds where the path goes and what it looks like:
    // the common shapes are enough for that.
    let first = search(model, band, params, FIRST_PASS_SHAPES, width, false);
    let beads = first.scorer.ranges(&first.path);
    // Free the first band before the second is built.
    drop(first);
    second_pass(model, settings, beads, forward)
}

/// Refits the weights and the length ratio to `beads` and searches a
/// narrow band around them.
fn second_pass<'m, 'a>(
    model: &'m PairModel<'a>,
    settings: &Aligner,
    beads: Vec<(Range<usize>, Range<usize>)>,
    forward: bool,
) -> Found<'m, 'a> {
    let [a, b] = model.docs;
    let length = LengthModel::fit_path(&a.lens, &b.lens, &beads);
    let weights = refit(model, &length, &beads);
    let cells: Vec<(usize, usize)> = beads
        .iter()
        .filter(|(r0, r1)| !r0.is_empty() && !r1.is_empty())
        .map(|(r0, r1)| (r0.end, r1.end))
        .collect();
    // The first path is not needed past here: free it before the searches.
    drop(beads);
    let narrow = (settings.band_width.max(1) / 3).max(4);
    let band = Band::around(a.len(), b.len(), &cells, None, narrow);
    drop(cells);
    let shapes = shape_count(settings);
    let params = (weights, length, &DEFAULT_PRIORS[..]);
    let found = search(
        model,
        band,
        params,
        shapes,
        narrow,
        forward || settings.fit_priors,
    );
    if !settings.fit_priors {
        return found;
    }
    // One EM step on the bead-shape priors (see `priors`), in the band found.
    let counts = priors::expected_counts(&found.scorer, found.forward.as_ref());
    let Some(counts) = counts else {
        return found;
    };
    let fitted = priors::refit(&DEFAULT_PRIORS[..shapes], &counts);
    let band = found.scorer.band.clone();
    let second = found.scorer.ranges(&found.path);
    drop(found);
    // The length ratio and the weights follow the better path.
    let length = LengthModel::fit_path(&a.lens, &b.lens, &second);
    let weights = refit(model, &length, &second);
    drop(second);
    search(
        model,
        band,
        (weights, length, &fitted),
        shapes,
        narrow,
        forward,
    )
}

impl Scorer<'_, '_> {
    /// The sentences of each bead of `path`, a path in this scorer's band.
    fn ranges(&self, path: &[Step]) -> Vec<(Range<usize>, Range<usize>)> {
        path.iter()
            .map(|s| {
                let (from, to) = (self.band.position(s.from), self.band.position(s.to));
                (from.0..to.0, from.1..to.1)
            })
            .collect()
    }
}

/// The beads of a path, with their scores.
fn finish<'m, 'a>(scorer: Scorer<'m, 'a>, path: &[Step], scores: &[f64]) -> PairAlignment<'m, 'a> {
    let beads = scorer
        .ranges(path)
        .into_iter()
        .zip(scores)
        .map(|((r0, r1), &p)| PairBead {
            ids: [r0, r1],
            score: p,
        })
        .collect();
    PairAlignment { beads, scorer }
}

/// The weights, the length model and the prior of each shape of a search.
type Params<'p> = (Weights, LengthModel, &'p [f64]);

/// Runs the DP, growing the band until the best path keeps off its edges;
/// `forward` asks for the forward values too (see [`Found`]).
fn search<'m, 'a>(
    model: &'m PairModel<'a>,
    mut band: Band,
    params: Params,
    shapes: usize,
    width: usize,
    forward: bool,
) -> Found<'m, 'a> {
    let mut by = width;
    let mut previous: Option<Scorer> = None;
    loop {
        // A grown band keeps most cells, and a table their costs: only the
        // few new cells are scored.
        let scorer = Scorer::new(model, band, params, shapes, previous.take());
        // Without a table each sweep works every cost out again: the
        // forward sweep rides along with the Viterbi one. With a table it
        // is cheaper to run it later, beside the backward sweep.
        let (path, fwd) = if forward && scorer.table.is_none() {
            let (path, fwd) = dp::viterbi_with_forward(&scorer);
            (path, Some(fwd))
        } else {
            (dp::viterbi(&scorer), None)
        };
        let cells: Vec<(usize, usize)> = path.iter().map(|s| scorer.band.position(s.to)).collect();
        match scorer.band.grown(&cells, by) {
            Some(wider) => band = wider,
            None => {
                return Found {
                    scorer,
                    path,
                    forward: fwd,
                }
            }
        }
        previous = Some(scorer);
        by *= 2;
    }
}

/// Confident beads per parallel work item when building the refit's examples.
const REFIT_RUN: usize = 4096;

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
    // A 1-1 bead between two 1-1 beads is very likely right.
    let confident: Vec<usize> = (1..beads.len())
        .filter(|&k| one_to_one(k) && one_to_one(k - 1) && one_to_one(k + 1))
        .collect();
    // Each bead's sentence pair, and the same sentence with a neighbour.
    let pairs_of = |k: usize| {
        let (i, j) = (beads[k].0.start, beads[k].1.start);
        let negatives = [
            j.checked_sub(OFFSET),
            Some(j + OFFSET).filter(|&x| x < cols),
        ];
        std::iter::once((i, j, true)).chain(
            negatives
                .into_iter()
                .flatten()
                .map(move |jj| (i, jj, false)),
        )
    };
    // The examples are many at a million sentences: they are written in
    // place, run by run of beads in parallel, into a vector of their size.
    let size = |run: &[usize]| -> usize { run.iter().map(|&k| pairs_of(k).count()).sum() };
    let blank = Example {
        x: [0.0; NF],
        positive: false,
    };
    let mut examples = vec![blank; size(&confident)];
    let mut tasks = Vec::new();
    let mut rest = &mut examples[..];
    for run in confident.chunks(REFIT_RUN) {
        let (head, tail) = rest.split_at_mut(size(run));
        tasks.push((run, head));
        rest = tail;
    }
    tasks.into_par_iter().for_each(|(run, out)| {
        let pairs = run.iter().flat_map(|&k| pairs_of(k));
        for (slot, (i, j, positive)) in out.iter_mut().zip(pairs) {
            *slot = Example {
                x: model.features(length, i, j),
                positive,
            };
        }
    });
    model::fit(&examples, &Weights::default(), 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// Two documents of a few hundred sentences with numbers, the second
    /// with merged and dropped sentences.
    fn documents() -> [Document; 2] {
        let mut a = Vec::new();
        let mut b = Vec::new();
        for k in 0..400usize {
            let words = 4 + (k * 7919) % 13;
            let line = format!(
                "In {} the count was {} {}.",
                1900 + k,
                k * 3,
                "word ".repeat(words)
            );
            a.push(line.clone());
            match k % 11 {
                3 => {}
                5 => {
                    let last = b.pop().unwrap_or_default();
                    b.push(format!("{last} {line}"));
                }
                _ => b.push(line.replace("count", "Zahl")),
            }
        }
        [
            Document::presegmented("en", a.join("\n")),
            Document::presegmented("de", b.join("\n")),
        ]
    }

    #[test]
    fn costs_worked_out_per_block_give_the_beads_of_the_table() {
        let [a, b] = documents();
        let (a, b) = (DocAnchors::new(&a), DocAnchors::new(&b));
        let settings = Aligner::new();
        let with_table = PairModel::new(&a, &b, &settings);
        let mut per_block = PairModel::new(&a, &b, &settings);
        per_block.table_bytes = 0;
        per_block.block_cells = 64;
        let expected = align(&with_table, &settings).beads;
        let got = align(&per_block, &settings).beads;
        assert!(expected.len() > 300, "{}", expected.len());
        assert!(expected.iter().any(|bead| bead.ids[1].is_empty()));
        // The forward values a sweep without a table keeps are rounded (see
        // `LogSums`): the scores agree to far below what is printed.
        let same = |x: &PairBead, y: &PairBead| x.ids == y.ids && (x.score - y.score).abs() < 1e-5;
        let first_difference = got.iter().zip(&expected).position(|(x, y)| !same(x, y));
        assert_eq!(
            first_difference,
            None,
            "{:?}",
            first_difference.map(|k| (&got[k], &expected[k]))
        );
        assert_eq!(got.len(), expected.len());
        assert!(align(&per_block, &settings).scorer.table.is_none());
    }
}
