//! The dynamic programme over beads: searches over a lattice of cells,
//! each the state "the first `i` sentences of side 0 and the first `j` of
//! side 1 are aligned" (or of three sides), whose cells a band (see
//! `band`) or a tube keeps linear in the number of sentences.

use super::cost::Cost;
use super::log_sums::LogSums;
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;

/// A search graph whose cells are numbered in an order that puts every
/// bead's start before its end (row-major order does this), so that one
/// sweep upwards and one downwards visit every cell after its inputs.
///
/// The sweeps ask for the costs of the beads ending in one block of cells
/// at a time: a lattice may keep them all in a table, or compute each
/// block when it is asked for, so that a long document never holds the
/// costs of every cell at once.
pub(crate) trait Lattice {
    /// Number of cells. Cell 0 is the start, the last cell the end.
    fn cells(&self) -> usize;
    /// Number of bead shapes.
    fn shapes(&self) -> usize;
    /// The start cell of a bead of shape `t` that ends at `cell`, when it
    /// lies inside the lattice.
    fn prev(&self, cell: usize, t: usize) -> Option<usize>;
    /// The end cell of a bead of shape `t` that starts at `cell`.
    fn next(&self, cell: usize, t: usize) -> Option<usize>;
    /// [`Lattice::prev`] of every shape, in order, into `out` (one slot per
    /// shape): the sweeps ask for all of a cell's at once, so that a
    /// lattice can find where the cell lies once, not once per shape.
    #[inline]
    fn prevs(&self, cell: usize, out: &mut [Option<usize>]) {
        for (t, slot) in out.iter_mut().enumerate() {
            *slot = self.prev(cell, t);
        }
    }
    /// [`Lattice::next`] of every shape, as [`Lattice::prevs`].
    #[inline]
    fn nexts(&self, cell: usize, out: &mut [Option<usize>]) {
        for (t, slot) in out.iter_mut().enumerate() {
            *slot = self.next(cell, t);
        }
    }
    /// The cost of the bead of shape `t` that ends at `cell` (lower is
    /// better; `-ln` of a probability ratio), infinite when there is none.
    fn cost(&self, cell: usize, t: usize) -> Cost;
    /// The costs of every bead ending in `cells`, [`Lattice::shapes`] slots
    /// per cell in shape order, infinite where a bead would start outside.
    /// `cells` is one of [`Lattice::blocks`]. By default, from
    /// [`Lattice::cost`] one bead at a time.
    fn costs(&self, cells: Range<usize>) -> Cow<'_, [Cost]> {
        cells
            .flat_map(|cell| (0..self.shapes()).map(move |t| self.cost(cell, t)))
            .collect()
    }
    /// The blocks the sweeps ask costs for, in order, covering every cell;
    /// each but the last spans at least [`Lattice::reach`] cells.
    fn blocks(&self) -> Vec<Range<usize>> {
        std::iter::once(0..self.cells()).collect()
    }
    /// The largest distance from a bead's end cell back to its start cell:
    /// the sweeps keep only that many of the latest values.
    fn reach(&self) -> usize {
        self.cells()
    }
    /// The start cell and cost of the bead of shape `t` ending at `cell`.
    fn edge(&self, cell: usize, t: usize) -> Option<(usize, f64)> {
        let prev = self.prev(cell, t)?;
        let cost = self.cost(cell, t);
        cost.is_finite().then_some((prev, cost.get()))
    }
}

/// One bead of the best path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    /// Start cell.
    pub from: usize,
    /// End cell.
    pub to: usize,
    /// Shape index.
    pub shape: usize,
    /// Cost of the bead.
    pub cost: f64,
}

/// The values of the latest cells of a sweep: enough for every bead that
/// ends at the cell being computed, since none reaches further back.
struct Window<T> {
    values: Vec<T>,
    mask: usize,
}

impl<T: Copy> Window<T> {
    fn new(lat: &impl Lattice, empty: T) -> Window<T> {
        let size = (lat.reach() + 1)
            .min(lat.cells())
            .max(1)
            .next_power_of_two();
        Window {
            values: vec![empty; size],
            mask: size - 1,
        }
    }

    #[inline]
    fn get(&self, cell: usize) -> T {
        self.values[cell & self.mask]
    }

    #[inline]
    fn set(&mut self, cell: usize, value: T) {
        self.values[cell & self.mask] = value;
    }
}

/// Lattices of fewer cells than this are searched in one sweep: below it,
/// starting a second thread costs more than it saves.
const SPLIT_LEAST: usize = 1 << 15;

/// The minimum-cost path from the first cell to the last.
///
/// A large lattice is searched from both ends at once: the best cost from
/// the first cell to each cell of the first half, and from each cell of
/// the second half to the last, meet at the bead that crosses the middle.
/// Costs are whole steps of [`Cost::STEP`], so the sums are exact and the
/// path costs the same as that of one sweep; which of two equal paths is
/// taken does not depend on the thread count either.
pub(crate) fn viterbi(lat: &(impl Lattice + Sync)) -> Vec<Step> {
    let cells = lat.cells();
    if cells < SPLIT_LEAST {
        return best_path_sweep(lat, None);
    }
    let blocks = lat.blocks();
    // A block boundary near the middle, so that no block's costs are
    // worked out twice; the middle itself when all is one block.
    let middle = match blocks.len() {
        1 => cells / 2,
        _ => blocks
            .iter()
            .map(|b| b.start)
            .filter(|&start| start > 0)
            .min_by_key(|&start| start.abs_diff(cells / 2))
            .unwrap_or(cells / 2),
    };
    let mut shape = vec![u8::MAX; cells];
    let (back, ahead) = shape.split_at_mut(middle);
    let (best_to, best_from) = rayon::join(
        || best_to_each(lat, &blocks, back, None),
        || best_from_each(lat, &blocks, middle, ahead),
    );
    // Every path has exactly one bead that starts before the middle and
    // ends at or after it.
    let mut crossing: Option<(usize, usize, usize, f64, f64)> = None;
    for to in middle..(middle + lat.reach() + 1).min(cells) {
        for t in 0..lat.shapes() {
            let Some((from, cost)) = lat.edge(to, t) else {
                continue;
            };
            if from >= middle {
                continue;
            }
            let total = best_to.get(from) + cost + best_from.get(to);
            if total < crossing.map_or(f64::INFINITY, |c| c.4) {
                crossing = Some((from, to, t, cost, total));
            }
        }
    }
    let Some((from, to, t, cost, _)) = crossing else {
        return Vec::new();
    };
    let mut steps = trace_back(lat, &shape, from);
    steps.push(Step {
        from,
        to,
        shape: t,
        cost,
    });
    steps.extend(trace_ahead(lat, &shape, to));
    steps
}

/// [`viterbi`], and the forward sweep's value at every cell (see
/// [`forward_values`]) from the same pass over the costs: a lattice that
/// works its costs out per block does so once for both.
pub(crate) fn viterbi_with_forward(lat: &impl Lattice) -> (Vec<Step>, LogSums) {
    let mut fwd = LogSums::new(lat.cells());
    let path = best_path_sweep(lat, Some(&mut fwd));
    (path, fwd)
}

/// The log sum over all paths from the first cell to each cell.
pub(crate) fn forward_values(lat: &impl Lattice) -> LogSums {
    let mut fwd = LogSums::new(lat.cells());
    forward(lat, |cell, value| fwd.set(cell, value));
    fwd
}

/// The Viterbi sweep over every cell, with the forward sweep into `fwd`
/// when given.
fn best_path_sweep(lat: &impl Lattice, fwd: Option<&mut LogSums>) -> Vec<Step> {
    let cells = lat.cells();
    if cells == 0 {
        return Vec::new();
    }
    let mut back = vec![u8::MAX; cells];
    best_to_each(lat, &lat.blocks(), &mut back, fwd);
    trace_back(lat, &back, cells - 1)
}

/// The best cost from the first cell to each of the first `back.len()`
/// cells, setting each one's `back` to the shape of the best bead into it;
/// the forward sweep's values go into `fwd` when given. Returns the
/// latest costs.
fn best_to_each(
    lat: &impl Lattice,
    blocks: &[Range<usize>],
    back: &mut [u8],
    mut fwd: Option<&mut LogSums>,
) -> Window<f64> {
    let end = back.len();
    let mut terms = [0f64; MAX_SHAPES];
    let shapes = lat.shapes().min(MAX_SHAPES);
    let mut starts = [None; MAX_SHAPES];
    let mut best = Window::new(lat, f64::INFINITY);
    // The forward values the recursion reads are exact, as in `forward`.
    let mut latest = Window::new(lat, f64::NEG_INFINITY);
    best.set(0, 0.0);
    for block in blocks.iter().filter(|b| b.start < end) {
        let costs = lat.costs(block.clone());
        let cells = block.start..block.end.min(end);
        for (here, slots) in cells.zip(costs.chunks_exact(lat.shapes())) {
            if here == 0 {
                if let Some(fwd) = fwd.as_deref_mut() {
                    fwd.set(0, 0.0);
                    latest.set(0, 0.0);
                }
                continue;
            }
            let starts = &mut starts[..shapes];
            lat.prevs(here, starts);
            if let Some(fwd) = fwd.as_deref_mut() {
                let value = forward_step(slots, starts, |prev| latest.get(prev), &mut terms);
                latest.set(here, value);
                fwd.set(here, value);
            }
            let (mut min, mut shape) = (f64::INFINITY, u8::MAX);
            for (t, (&cost, &prev)) in slots.iter().zip(starts.iter()).enumerate() {
                if !cost.is_finite() {
                    continue;
                }
                let Some(prev) = prev else {
                    continue;
                };
                let total = best.get(prev) + cost.get();
                if total < min {
                    min = total;
                    shape = t as u8;
                }
            }
            best.set(here, min);
            back[here] = shape;
        }
    }
    best
}

/// The best cost from each cell from `first` on to the last, setting each
/// one's `ahead` slot (`ahead[0]` is cell `first`) to the shape of the
/// best bead out of it. Returns the earliest costs. A bead that starts in
/// one block may end in the next, so the costs of two blocks are kept.
fn best_from_each(
    lat: &impl Lattice,
    blocks: &[Range<usize>],
    first: usize,
    ahead: &mut [u8],
) -> Window<f64> {
    let cells = lat.cells();
    let shapes = lat.shapes().min(MAX_SHAPES);
    let mut best = Window::new(lat, f64::INFINITY);
    let mut ends = [None; MAX_SHAPES];
    let mut costs = CostsAhead::new(lat);
    for block in blocks.iter().rev().filter(|b| b.end > first) {
        costs.enter(block.clone());
        for here in (block.start.max(first)..block.end).rev() {
            if here == cells - 1 {
                best.set(here, 0.0);
                continue;
            }
            let ends = &mut ends[..shapes];
            lat.nexts(here, ends);
            let (mut min, mut shape) = (f64::INFINITY, u8::MAX);
            for (t, &next) in ends.iter().enumerate() {
                let Some(next) = next else {
                    continue;
                };
                let cost = costs.get(next, t);
                if !cost.is_finite() {
                    continue;
                }
                let total = best.get(next) + cost.get();
                if total < min {
                    min = total;
                    shape = t as u8;
                }
            }
            best.set(here, min);
            ahead[here - first] = shape;
        }
    }
    best
}

/// The steps of the best path out of `first`, following `ahead` (see
/// [`best_from_each`]; indexed by cell) to the last cell.
fn trace_ahead<'l>(
    lat: &'l impl Lattice,
    ahead: &'l [u8],
    first: usize,
) -> impl Iterator<Item = Step> + 'l {
    let mut here = first;
    std::iter::from_fn(move || {
        let t = *ahead.get(here)? as usize;
        if t >= lat.shapes() {
            return None;
        }
        let next = lat.next(here, t)?;
        let (_, cost) = lat.edge(next, t)?;
        let step = Step {
            from: here,
            to: next,
            shape: t,
            cost,
        };
        here = next;
        Some(step)
    })
}

/// The steps of the best path into `last`, following `back` (see
/// [`best_to_each`]) to the first cell.
fn trace_back(lat: &impl Lattice, back: &[u8], last: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut here = last;
    while here != 0 {
        let t = back[here] as usize;
        if t >= lat.shapes() {
            break;
        }
        let Some((prev, cost)) = lat.edge(here, t) else {
            break;
        };
        steps.push(Step {
            from: prev,
            to: here,
            shape: t,
            cost,
        });
        here = prev;
    }
    steps.reverse();
    steps
}

/// `ln(sum(exp(x)))` of a few values, with one `ln` for all.
fn log_sum_exp(xs: &mut [f64]) -> f64 {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    let mut sum = 0.0;
    for x in xs.iter_mut() {
        let below = *x - max;
        // Too small to change a sum of at least one: `exp` is not needed.
        *x = if below < NEGLIGIBLE { 0.0 } else { below.exp() };
        sum += *x;
    }
    max + sum.ln()
}

/// A log weight below that of the largest term by more than this adds
/// under 1e-17 to a sum of [`MAX_SHAPES`] terms that is at least one:
/// below the precision of an `f64` there.
const NEGLIGIBLE: f64 = -45.0;

/// Most shapes a lattice may have (three documents have 23).
const MAX_SHAPES: usize = 32;

/// The forward value of a cell (not the first) from the costs of the
/// beads ending there, `slots`, the cells they start from, `starts`, and
/// the values `at` those cells.
#[inline]
fn forward_step(
    slots: &[Cost],
    starts: &[Option<usize>],
    at: impl Fn(usize) -> f64,
    terms: &mut [f64; MAX_SHAPES],
) -> f64 {
    let mut n = 0;
    for (&cost, &prev) in slots.iter().zip(starts) {
        if !cost.is_finite() {
            continue;
        }
        if let Some(prev) = prev {
            terms[n] = at(prev) - cost.get();
            n += 1;
        }
    }
    log_sum_exp(&mut terms[..n])
}

/// The forward sweep: the log sum over all paths from the first cell to
/// each cell, handed to `keep` cell by cell in increasing order.
fn forward(lat: &impl Lattice, mut keep: impl FnMut(usize, f64)) {
    let shapes = lat.shapes().min(MAX_SHAPES);
    let mut fwd = Window::new(lat, f64::NEG_INFINITY);
    let mut terms = [0f64; MAX_SHAPES];
    let mut starts = [None; MAX_SHAPES];
    for block in lat.blocks() {
        let costs = lat.costs(block.clone());
        for (here, slots) in block.clone().zip(costs.chunks_exact(lat.shapes())) {
            let value = if here == 0 {
                0.0
            } else {
                let starts = &mut starts[..shapes];
                lat.prevs(here, starts);
                forward_step(slots, starts, |prev| fwd.get(prev), &mut terms)
            };
            fwd.set(here, value);
            keep(here, value);
        }
    }
}

/// The backward sweep: the log sum over all paths from each cell to the
/// last, handed to `keep` cell by cell in decreasing order. A bead that
/// starts in one block may end in the next, so the costs of two blocks are
/// kept.
fn backward(lat: &impl Lattice, mut keep: impl FnMut(usize, f64)) {
    let cells = lat.cells();
    let shapes = lat.shapes().min(MAX_SHAPES);
    let mut bwd = Window::new(lat, f64::NEG_INFINITY);
    let mut terms = [0f64; MAX_SHAPES];
    let mut ends = [None; MAX_SHAPES];
    let mut ahead = CostsAhead::new(lat);
    for block in lat.blocks().into_iter().rev() {
        ahead.enter(block.clone());
        for here in block.rev() {
            let value = if here == cells - 1 {
                0.0
            } else {
                let ends = &mut ends[..shapes];
                lat.nexts(here, ends);
                let mut n = 0;
                for (t, &next) in ends.iter().enumerate() {
                    let Some(next) = next else {
                        continue;
                    };
                    let cost = ahead.get(next, t);
                    if cost.is_finite() {
                        terms[n] = bwd.get(next) - cost.get();
                        n += 1;
                    }
                }
                log_sum_exp(&mut terms[..n])
            };
            bwd.set(here, value);
            keep(here, value);
        }
    }
}

/// The costs a backward sweep reads: those of the block of cells it is in
/// and of the block after, since a bead that starts in one block may end
/// in the next.
struct CostsAhead<'l, L: Lattice> {
    lat: &'l L,
    block: (Range<usize>, Cow<'l, [Cost]>),
    later: (Range<usize>, Cow<'l, [Cost]>),
}

impl<'l, L: Lattice> CostsAhead<'l, L> {
    fn new(lat: &'l L) -> Self {
        let none = || (0..0, Cow::Borrowed(&[][..]));
        CostsAhead {
            lat,
            block: none(),
            later: none(),
        }
    }

    /// Moves the sweep into `block`, the one before the block it was in.
    fn enter(&mut self, block: Range<usize>) {
        let costs = self.lat.costs(block.clone());
        self.later = std::mem::replace(&mut self.block, (block, costs));
    }

    /// The cost of the bead of shape `t` ending at `cell`.
    #[inline]
    fn get(&self, cell: usize, t: usize) -> Cost {
        let stride = self.lat.shapes();
        for (range, costs) in [&self.block, &self.later] {
            if range.contains(&cell) {
                return costs[(cell - range.start) * stride + t];
            }
        }
        // Only when a block is shorter than the reach.
        self.lat.cost(cell, t)
    }
}

/// The log sum over all paths from each cell to the last.
fn backward_values(lat: &impl Lattice) -> LogSums {
    let mut bwd = LogSums::new(lat.cells());
    backward(lat, |cell, value| bwd.set(cell, value));
    bwd
}

/// Cells per parallel work item when adding up [`shape_counts`].
const COUNT_RUN: usize = 1 << 14;

/// The expected number of beads of each shape over all paths of `lat`,
/// each weighted by `exp(-cost)`: every bead's posterior, added up. `fwd`
/// holds the forward sweep's values when a search kept them
/// ([`viterbi_with_forward`]); otherwise the forward sweep runs beside the
/// backward one. The posteriors are added in parallel, in runs of
/// [`COUNT_RUN`] cells whose sums are added in order, so the counts are the
/// same at any thread count. `None` for a lattice without cells or paths.
pub(crate) fn shape_counts(lat: &(impl Lattice + Sync), fwd: Option<&LogSums>) -> Option<Vec<f64>> {
    let cells = lat.cells();
    if cells == 0 || fwd.is_some_and(|f| f.len() != cells) {
        return None;
    }
    let (computed, bwd) = match fwd {
        Some(_) => (None, backward_values(lat)),
        None => {
            let (fwd, bwd) = rayon::join(|| forward_values(lat), || backward_values(lat));
            (Some(fwd), bwd)
        }
    };
    let fwd = fwd.or(computed.as_ref())?;
    let total = fwd.get(cells - 1);
    if !total.is_finite() {
        return None;
    }
    let shapes = lat.shapes();
    let mut counts = vec![0.0; shapes];
    for block in lat.blocks() {
        let costs = lat.costs(block.clone());
        let runs: Vec<Vec<f64>> = costs
            .par_chunks(COUNT_RUN * shapes)
            .enumerate()
            .map(|(k, run)| {
                let mut sums = vec![0.0; shapes];
                let mut starts = [None; MAX_SHAPES];
                let starts = &mut starts[..shapes.min(MAX_SHAPES)];
                let first = block.start + k * COUNT_RUN;
                for (offset, slots) in run.chunks_exact(shapes).enumerate() {
                    let to = first + offset;
                    lat.prevs(to, starts);
                    let after = bwd.get(to) - total;
                    for ((sum, &cost), &prev) in sums.iter_mut().zip(slots).zip(starts.iter()) {
                        let (true, Some(prev)) = (cost.is_finite(), prev) else {
                            continue;
                        };
                        let log = fwd.get(prev) - cost.get() + after;
                        // Far below any count that shows.
                        if log >= NEGLIGIBLE {
                            *sum += log.exp();
                        }
                    }
                }
                sums
            })
            .collect();
        for run in runs {
            for (count, sum) in counts.iter_mut().zip(run) {
                *count += sum;
            }
        }
    }
    Some(counts)
}

/// The posterior probability of each step of `path` among all paths,
/// each weighted by `exp(-cost)` (forward-backward). Only the values at
/// the path's cells are kept.
pub(crate) fn posteriors(lat: &(impl Lattice + Sync), path: &[Step]) -> Vec<f64> {
    if lat.cells() == 0 {
        return vec![0.0; path.len()];
    }
    let last = lat.cells() - 1;
    let ((fwd, total), bwd) = rayon::join(
        || {
            let mut at = Vec::with_capacity(path.len());
            let mut total = f64::NEG_INFINITY;
            forward(lat, |cell, value| {
                if path.get(at.len()).is_some_and(|s| s.from == cell) {
                    at.push(value);
                }
                if cell == last {
                    total = value;
                }
            });
            (at, total)
        },
        || backward_at_ends(lat, path),
    );
    path.iter()
        .zip(fwd.iter().zip(&bwd))
        .map(|(s, (&f, &b))| probability(f - s.cost + b - total))
        .collect()
}

/// [`posteriors`] given `fwd`, the forward sweep's values
/// ([`viterbi_with_forward`]): only the backward sweep is left to run.
pub(crate) fn posteriors_after_forward(
    lat: &impl Lattice,
    path: &[Step],
    fwd: &LogSums,
) -> Vec<f64> {
    if lat.cells() == 0 || fwd.len() != lat.cells() {
        return vec![0.0; path.len()];
    }
    let total = fwd.get(fwd.len() - 1);
    path.iter()
        .zip(&backward_at_ends(lat, path))
        .map(|(s, &b)| probability(fwd.get(s.from) - s.cost + b - total))
        .collect()
}

/// The backward sweep's value at the end cell of each step of `path`.
fn backward_at_ends(lat: &impl Lattice, path: &[Step]) -> Vec<f64> {
    let mut at = Vec::with_capacity(path.len());
    backward(lat, |cell, value| {
        let k = path.len().wrapping_sub(at.len() + 1);
        if path.get(k).is_some_and(|s| s.to == cell) {
            at.push(value);
        }
    });
    at.reverse();
    at
}

/// A log probability as a probability in [0, 1].
fn probability(log: f64) -> f64 {
    let p = log.exp();
    if p.is_finite() {
        p.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The forward and backward log sums of a lattice: enough to give any
/// bead its posterior probability.
pub(crate) struct Sweeps {
    fwd: Vec<f64>,
    bwd: Vec<f64>,
}

impl Sweeps {
    /// Runs both sweeps; `None` for a lattice without cells.
    pub fn new(lat: &(impl Lattice + Sync)) -> Option<Sweeps> {
        let cells = lat.cells();
        if cells == 0 {
            return None;
        }
        // The two sweeps are independent: run them side by side.
        let (fwd, bwd) = rayon::join(
            || {
                let mut fwd = vec![f64::NEG_INFINITY; cells];
                forward(lat, |cell, value| fwd[cell] = value);
                fwd
            },
            || {
                let mut bwd = vec![f64::NEG_INFINITY; cells];
                backward(lat, |cell, value| bwd[cell] = value);
                bwd
            },
        );
        Some(Sweeps { fwd, bwd })
    }

    /// The posterior probability of a bead from cell `from` to cell `to`
    /// costing `cost`, in [0, 1].
    pub fn posterior(&self, from: usize, to: usize, cost: f64) -> f64 {
        let total = self.fwd[self.fwd.len() - 1];
        probability(self.fwd[from] - cost + self.bwd[to] - total)
    }
}

/// Sets the cost of every bead ending in every cell of a lattice, `shapes`
/// slots per cell of `costs`, in parallel, `cells_per_task` cells per work
/// item: `fill(cell, slots)` sees one cell's slots as they are (a table
/// kept from a smaller search may hold some already) and sets the ones it
/// must. Each cell is computed on its own, so the numbers are the same
/// whatever the thread count.
pub(crate) fn fill_costs<T, F>(costs: &mut [T], shapes: usize, cells_per_task: usize, fill: F)
where
    T: Copy + Send + Sync,
    F: Fn(usize, &mut [T]) + Sync,
{
    if shapes == 0 {
        return;
    }
    let per_task = cells_per_task.max(1);
    costs
        .par_chunks_mut(shapes * per_task)
        .enumerate()
        .for_each(|(task, slots)| {
            for (k, slots) in slots.chunks_exact_mut(shapes).enumerate() {
                fill(task * per_task + k, slots);
            }
        });
}

/// `costs`, laid out for a search of `cells` cells, laid out for a larger
/// one of `wider` cells: the slots of each cell moved to its cell `to(cell)`
/// there (dropped when `None`), every other slot infinite. A cell's index in the larger search
/// must never be below its index here (every row only widens), so that
/// moving from the last cell back never overwrites a cell not yet moved,
/// and a widening never holds two tables at once.
pub(crate) fn spread_costs(
    mut costs: Vec<Cost>,
    shapes: usize,
    (cells, wider): (usize, usize),
    to: impl Fn(usize) -> Option<usize>,
) -> Vec<Cost> {
    costs.resize(wider * shapes, Cost::INFINITE);
    // The slots from cell `free` on are final.
    let mut free = wider;
    for cell in (0..cells).rev() {
        let Some(to) = to(cell) else {
            continue;
        };
        debug_assert!(cell <= to && to < free);
        costs[(to + 1) * shapes..free * shapes].fill(Cost::INFINITE);
        costs.copy_within(cell * shapes..(cell + 1) * shapes, to * shapes);
        free = to;
    }
    costs[..free * shapes].fill(Cost::INFINITE);
    costs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::band::{Band, Shape};

    /// A band where 1-1 on the diagonal is cheap and everything else dear.
    struct Diagonal(Band);
    const SHAPES: [Shape; 3] = [(1, 1), (1, 0), (0, 1)];
    impl Lattice for Diagonal {
        fn cells(&self) -> usize {
            self.0.cells()
        }
        fn shapes(&self) -> usize {
            SHAPES.len()
        }
        fn prev(&self, cell: usize, t: usize) -> Option<usize> {
            self.0.start_of(cell, SHAPES[t])
        }
        fn next(&self, cell: usize, t: usize) -> Option<usize> {
            self.0.end_of(cell, SHAPES[t])
        }
        fn cost(&self, cell: usize, t: usize) -> Cost {
            self.prev(cell, t).map_or(Cost::INFINITE, |_| {
                let (i, j) = self.0.position(cell);
                Cost::new(match t {
                    0 if i == j => 0.1,
                    0 => 5.0,
                    _ => 3.0,
                })
            })
        }
        fn blocks(&self) -> Vec<Range<usize>> {
            self.0.blocks(SHAPES.len(), 1)
        }
        fn reach(&self) -> usize {
            self.0.reach(1)
        }
    }

    #[test]
    fn viterbi_follows_the_diagonal_and_is_confident() {
        let lat = Diagonal(Band::diagonal(20, 20, 3));
        let path = viterbi(&lat);
        assert_eq!(path.len(), 20);
        assert!(path.iter().all(|s| s.shape == 0));
        let post = posteriors(&lat, &path);
        assert!(post.iter().all(|&p| p > 0.9 && p <= 1.0), "{post:?}");
        let (again, fwd) = viterbi_with_forward(&lat);
        assert_eq!(again, path);
        let alone = forward_values(&lat);
        assert!((0..lat.cells()).all(|cell| fwd.get(cell) == alone.get(cell)));
        // Kept forward values are rounded, to about 1e-6 of a probability.
        let after = posteriors_after_forward(&lat, &path, &fwd);
        assert!(after.iter().zip(&post).all(|(a, p)| (a - p).abs() < 1e-5));
        assert_eq!(after.len(), post.len());
    }

    #[test]
    fn a_search_from_both_ends_finds_a_path_as_cheap_as_one_sweep() {
        // Large enough to be split; 120 more columns than rows, so that
        // many paths tie and the two searches may pick different ones.
        let lat = Diagonal(Band::diagonal(4000, 4120, 6));
        assert!(lat.cells() >= SPLIT_LEAST);
        let split = viterbi(&lat);
        let whole = best_path_sweep(&lat, None);
        let cost = |path: &[Step]| path.iter().map(|s| s.cost).sum::<f64>();
        assert_eq!(cost(&split), cost(&whole));
        // A path from the first cell to the last, each bead a real edge.
        assert_eq!(split.first().map(|s| s.from), Some(0));
        assert_eq!(split.last().map(|s| s.to), Some(lat.cells() - 1));
        for pair in split.windows(2) {
            assert_eq!(pair[0].to, pair[1].from);
        }
        for s in &split {
            assert_eq!(lat.edge(s.to, s.shape), Some((s.from, s.cost)));
        }
        let one_sided = split.iter().filter(|s| s.shape == 2).count();
        assert!(one_sided >= 120, "{one_sided}");
    }

    #[test]
    fn posteriors_split_between_equal_paths() {
        // A 1x1 grid: one 1-1 bead (cost 5) against 1-0 + 0-1 (cost 3 + 3),
        // and the other order of the two one-sided beads.
        let lat = Diagonal(Band::diagonal(1, 1, 1));
        let path = viterbi(&lat);
        assert_eq!(path.len(), 1);
        let p = posteriors(&lat, &path)[0];
        let near = -Cost::new(0.1).get();
        let expected = near.exp() / (near.exp() + 2.0 * (-6.0f64).exp());
        assert!((p - expected).abs() < 1e-9, "{p} vs {expected}");
    }

    #[test]
    fn shape_counts_add_up_each_beads_posterior() {
        // Blocks of one row, so that beads cross blocks.
        let lat = Diagonal(Band::diagonal(30, 33, 4));
        let counts = shape_counts(&lat, None).unwrap();
        let given = shape_counts(&lat, Some(&forward_values(&lat))).unwrap();
        assert_eq!(counts, given);
        let sweeps = Sweeps::new(&lat).unwrap();
        let mut expected = [0.0; SHAPES.len()];
        for to in 0..lat.cells() {
            for (t, count) in expected.iter_mut().enumerate() {
                if let Some((from, cost)) = lat.edge(to, t) {
                    *count += sweeps.posterior(from, to, cost);
                }
            }
        }
        for (c, e) in counts.iter().zip(expected) {
            // The forward values are kept rounded (see `LogSums`).
            assert!((c - e).abs() < 1e-5, "{counts:?} vs {expected:?}");
        }
        // Three more columns than rows: at least three 0-1 beads.
        assert!(counts[2] >= 3.0 - 1e-9 && counts[0] > 25.0, "{counts:?}");
    }
}
