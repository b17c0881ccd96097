//! The dynamic programme over beads, kept inside a band around the diagonal
//! of the (sentences of side 0) × (sentences of side 1) grid.
//!
//! Cell `(i, j)` is the state "the first `i` sentences of side 0 and the
//! first `j` of side 1 are aligned". The band holds, for each row `i`, the
//! columns `lo[i]..=hi[i]`; both bounds never decrease, so any cell reached
//! is connected to both corners. When the best path comes near the edge of
//! the band, the band grows there and the search is run again, so time and
//! memory stay linear in the number of sentences while long one-sided
//! insertions are still found.

use rayon::prelude::*;

/// A bead shape: sentences taken from side 0 and from side 1.
pub(crate) type Shape = (usize, usize);

/// The cells searched: for each row, a range of columns.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    /// Row of each cell.
    row_of: Vec<u32>,
    cols: usize,
}

/// Cells per row and column that [`Band::around`] may spend on covering
/// possible insertions between guide points.
const FILL_BUDGET: f64 = 32.0;

/// How close (in cells) the path may come to the edge before the band grows.
const MARGIN: usize = 3;

impl Band {
    /// A band of half-width `width` around the straight line from `(0, 0)`
    /// to `(rows, cols)`.
    #[cfg(test)]
    pub fn diagonal(rows: usize, cols: usize, width: usize) -> Band {
        Band::around(rows, cols, &[(0, 0), (rows, cols)], None, width)
    }

    /// A band of half-width `width` around the line through `points`, which
    /// must be monotonic (both coordinates never decrease) and within the
    /// grid; the corners are added.
    ///
    /// With a `slope` (columns per row where the documents run in step),
    /// the band between two points also takes in every path that runs at
    /// that slope and makes up the difference in one stretch of one-sided
    /// beads, anywhere between them: that is where a long insertion lies.
    /// It does so while that costs at most [`FILL_BUDGET`] cells per row
    /// and column in all.
    pub fn around(
        rows: usize,
        cols: usize,
        points: &[(usize, usize)],
        slope: Option<f64>,
        width: usize,
    ) -> Band {
        let mut lo = vec![usize::MAX; rows + 1];
        let mut hi = vec![0; rows + 1];
        let mut mark = |i: usize, j: f64| {
            lo[i] = lo[i].min((j.floor().max(0.0) as usize).saturating_sub(width));
            hi[i] = hi[i].max((j.ceil().max(0.0) as usize + width).min(cols));
        };
        let mut segments = Vec::new();
        let mut prev = (0, 0);
        for &p in points.iter().chain(std::iter::once(&(rows, cols))) {
            let p = (p.0.min(rows), p.1.min(cols));
            if p.0 >= prev.0 && p.1 >= prev.1 {
                segments.push((prev, p));
                prev = p;
            }
        }
        // The two extreme paths at `slope` through a segment, at row `i`.
        let extremes = |(p, q): ((usize, usize), (usize, usize)), s: f64, i: usize| -> (f64, f64) {
            let (t, span) = ((i - p.0) as f64, (q.0 - p.0) as f64);
            let clamp = |j: f64| j.clamp(p.1 as f64, q.1 as f64);
            let (a, b) = (
                clamp(p.1 as f64 + s * t),
                clamp(q.1 as f64 - s * (span - t)),
            );
            (a.min(b), a.max(b))
        };
        let fill = slope.filter(|&s| {
            let area: f64 = segments
                .iter()
                .map(|&seg| {
                    (seg.0 .0..=seg.1 .0)
                        .map(|i| extremes(seg, s, i))
                        .map(|(a, b)| b - a)
                        .sum::<f64>()
                })
                .sum();
            area <= FILL_BUDGET * (rows + cols + 1) as f64
        });
        for &(p, q) in &segments {
            if p.0 == q.0 {
                mark(p.0, p.1 as f64);
                mark(p.0, q.1 as f64);
                continue;
            }
            let line = (q.1 - p.1) as f64 / (q.0 - p.0) as f64;
            let at = |r: f64| p.1 as f64 + line * (r - p.0 as f64);
            for i in p.0..=q.0 {
                // A row reaches to where the line is one row on either side.
                mark(i, at((i as f64 - 1.0).max(p.0 as f64)));
                mark(i, at((i as f64 + 1.0).min(q.0 as f64)));
                if let Some(s) = fill {
                    let (a, b) = extremes((p, q), s, i);
                    mark(i, a);
                    mark(i, b);
                }
            }
        }
        let mut band = Band {
            lo,
            hi,
            start: Vec::new(),
            row_of: Vec::new(),
            cols,
        };
        band.finish();
        band
    }

    /// Makes the bounds monotonic, pins the corners and lays the rows out.
    fn finish(&mut self) {
        let rows = self.lo.len() - 1;
        self.lo[0] = 0;
        self.hi[rows] = self.cols;
        for i in (0..rows).rev() {
            self.lo[i] = self.lo[i].min(self.lo[i + 1]);
        }
        for i in 1..=rows {
            self.hi[i] = self.hi[i].max(self.hi[i - 1]);
            // Consecutive rows overlap, so every cell can reach the end.
            self.lo[i] = self.lo[i].min(self.hi[i - 1]);
        }
        self.start.clear();
        self.row_of.clear();
        let mut total = 0;
        for i in 0..=rows {
            self.start.push(total);
            let width = self.hi[i] - self.lo[i] + 1;
            total += width;
            self.row_of.extend(std::iter::repeat_n(i as u32, width));
        }
        self.start.push(total);
    }

    /// Number of rows minus one: the sentences of side 0.
    pub fn rows(&self) -> usize {
        self.lo.len() - 1
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.start[self.lo.len()]
    }

    /// The columns of row `i`.
    #[cfg(test)]
    pub fn row(&self, i: usize) -> std::ops::RangeInclusive<usize> {
        self.lo[i]..=self.hi[i]
    }

    /// The index of cell `(i, j)`, when it is in the band.
    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = (*self.lo.get(i)?, self.hi[i]);
        (lo..=hi).contains(&j).then(|| self.start[i] + (j - lo))
    }

    /// The `(row, column)` of a cell.
    #[inline]
    pub fn position(&self, cell: usize) -> (usize, usize) {
        let i = self.row_of[cell] as usize;
        (i, self.lo[i] + (cell - self.start[i]))
    }

    /// The band widened where `path` (cells on the best path) comes within
    /// [`MARGIN`] of its edge, by `by` columns over `by` rows around each
    /// such cell; `None` when nothing needs to grow.
    pub fn grown(&self, path: &[(usize, usize)], by: usize) -> Option<Band> {
        let rows = self.rows();
        let mut grown = false;
        let mut new_lo = self.lo.clone();
        let mut new_hi = self.hi.clone();
        for &(i, j) in path {
            let near_lo = self.lo[i] > 0 && j < self.lo[i] + MARGIN;
            let near_hi = self.hi[i] < self.cols && j + MARGIN > self.hi[i];
            if !(near_lo || near_hi) {
                continue;
            }
            grown = true;
            for r in i.saturating_sub(by)..=(i + by).min(rows) {
                if near_lo {
                    new_lo[r] = new_lo[r].min(self.lo[r].saturating_sub(by));
                }
                if near_hi {
                    new_hi[r] = new_hi[r].max((self.hi[r] + by).min(self.cols));
                }
            }
        }
        if !grown {
            return None;
        }
        let mut band = Band {
            lo: new_lo,
            hi: new_hi,
            start: Vec::new(),
            row_of: Vec::new(),
            cols: self.cols,
        };
        band.finish();
        Some(band)
    }
}

/// A search graph whose cells are numbered in an order that puts every
/// bead's start before its end (row-major order does this), so that one
/// sweep upwards and one downwards visit every cell after its inputs.
pub(crate) trait Lattice {
    /// Number of cells. Cell 0 is the start, the last cell the end.
    fn cells(&self) -> usize;
    /// Number of bead shapes.
    fn shapes(&self) -> usize;
    /// The start cell of a bead of shape `t` that ends at `cell`, and the
    /// bead's cost (lower is better; `-ln` of a probability ratio).
    fn edge(&self, cell: usize, t: usize) -> Option<(usize, f64)>;
    /// The end cell of a bead of shape `t` that starts at `cell`.
    fn next(&self, cell: usize, t: usize) -> Option<usize>;
    /// The cost of the bead of shape `t` that ends at `cell`, known to
    /// start inside the lattice (infinite when there is no such bead).
    fn cost(&self, cell: usize, t: usize) -> f64;
    /// Calls `each(t, start, cost)` for every bead that ends at `cell`, in
    /// shape order: what [`Lattice::edge`] gives for every shape.
    #[inline]
    fn inputs<F: FnMut(usize, usize, f64)>(&self, cell: usize, mut each: F) {
        for t in 0..self.shapes() {
            if let Some((prev, cost)) = self.edge(cell, t) {
                each(t, prev, cost);
            }
        }
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

/// The minimum-cost path from the first cell to the last.
pub(crate) fn viterbi(lat: &impl Lattice) -> Vec<Step> {
    let cells = lat.cells();
    let mut best = vec![f64::INFINITY; cells];
    // The shape of the best bead into each cell; its start follows from it.
    let mut back = vec![u8::MAX; cells];
    if cells == 0 {
        return Vec::new();
    }
    best[0] = 0.0;
    for here in 1..cells {
        lat.inputs(here, |t, prev, cost| {
            let total = best[prev] + cost;
            if total < best[here] {
                best[here] = total;
                back[here] = t as u8;
            }
        });
    }
    let mut steps = Vec::new();
    let mut here = cells - 1;
    while here != 0 {
        let t = back[here] as usize;
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
fn log_sum_exp(xs: &[f64]) -> f64 {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + xs.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// Most shapes a lattice may have (three documents have 26).
const MAX_SHAPES: usize = 32;

/// The posterior probability of each step of `path` among all paths,
/// each weighted by `exp(-cost)` (forward-backward).
pub(crate) fn posteriors(lat: &(impl Lattice + Sync), path: &[Step]) -> Vec<f64> {
    let Some(sweeps) = Sweeps::new(lat) else {
        return vec![0.0; path.len()];
    };
    path.iter()
        .map(|s| sweeps.posterior(s.from, s.to, s.cost))
        .collect()
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
        let shapes = lat.shapes().min(MAX_SHAPES);
        // The two sweeps are independent: run them side by side.
        let (fwd, bwd) = rayon::join(
            || {
                let mut terms = [0f64; MAX_SHAPES];
                let mut fwd = vec![f64::NEG_INFINITY; cells];
                fwd[0] = 0.0;
                for here in 1..cells {
                    let mut n = 0;
                    lat.inputs(here, |t, prev, cost| {
                        if t < shapes {
                            terms[n] = fwd[prev] - cost;
                            n += 1;
                        }
                    });
                    fwd[here] = log_sum_exp(&terms[..n]);
                }
                fwd
            },
            || {
                let mut terms = [0f64; MAX_SHAPES];
                let mut bwd = vec![f64::NEG_INFINITY; cells];
                bwd[cells - 1] = 0.0;
                for here in (0..cells - 1).rev() {
                    let mut n = 0;
                    for t in 0..shapes {
                        let Some(next) = lat.next(here, t) else {
                            continue;
                        };
                        let cost = lat.cost(next, t);
                        if cost.is_finite() {
                            terms[n] = bwd[next] - cost;
                            n += 1;
                        }
                    }
                    bwd[here] = log_sum_exp(&terms[..n]);
                }
                bwd
            },
        );
        Some(Sweeps { fwd, bwd })
    }

    /// The posterior probability of a bead from cell `from` to cell `to`
    /// costing `cost`, in [0, 1].
    pub fn posterior(&self, from: usize, to: usize, cost: f64) -> f64 {
        let total = self.fwd[self.fwd.len() - 1];
        let p = (self.fwd[from] - cost + self.bwd[to] - total).exp();
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The cost of every bead ending in every cell of a lattice, `shapes` slots
/// per cell, computed in parallel, `cells_per_task` cells per work item:
/// `fill(cell, slots)` sets the slots of one cell, which start as `empty`.
/// Each cell is computed on its own, so the numbers are the same whatever
/// the thread count.
pub(crate) fn fill_costs<T, F>(
    cells: usize,
    shapes: usize,
    cells_per_task: usize,
    empty: T,
    fill: F,
) -> Vec<T>
where
    T: Copy + Send + Sync,
    F: Fn(usize, &mut [T]) + Sync,
{
    let mut costs = vec![empty; cells * shapes];
    if shapes == 0 {
        return costs;
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
    costs
}

#[cfg(test)]
mod tests {
    use super::*;

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
        fn edge(&self, cell: usize, t: usize) -> Option<(usize, f64)> {
            let (i, j) = self.0.position(cell);
            let (a, b) = SHAPES[t];
            let prev = self.0.index(i.checked_sub(a)?, j.checked_sub(b)?)?;
            let cost = match t {
                0 if i == j => 0.1,
                0 => 5.0,
                _ => 3.0,
            };
            Some((prev, cost))
        }
        fn cost(&self, cell: usize, t: usize) -> f64 {
            self.edge(cell, t).map_or(f64::INFINITY, |e| e.1)
        }
        fn next(&self, cell: usize, t: usize) -> Option<usize> {
            let (i, j) = self.0.position(cell);
            let (a, b) = SHAPES[t];
            self.0.index(i + a, j + b)
        }
    }

    #[test]
    fn band_is_monotonic_and_covers_corners() {
        for (r, c) in [(0, 0), (1, 1000), (1000, 1), (10, 10), (5, 50)] {
            let band = Band::diagonal(r, c, 2);
            assert_eq!(band.index(0, 0), Some(0));
            assert_eq!(band.index(r, c), Some(band.cells() - 1));
            for i in 1..=r {
                assert!(band.row(i).start() >= band.row(i - 1).start());
                assert!(band.row(i).start() <= band.row(i - 1).end());
            }
            for cell in 0..band.cells() {
                let (i, j) = band.position(cell);
                assert_eq!(band.index(i, j), Some(cell));
            }
        }
    }

    #[test]
    fn band_around_a_path_follows_it() {
        let band = Band::around(100, 100, &[(50, 10), (60, 90)], None, 2);
        assert!(band.index(50, 10).is_some());
        assert!(band.index(50, 50).is_none());
        assert!(band.index(55, 50).is_some());
        assert!(band.index(100, 100).is_some());
        assert!(band.cells() < 100 * 20);
    }

    #[test]
    fn band_with_a_slope_covers_an_insertion_anywhere_between_points() {
        // 20 rows against 70 columns between the corners: 50 inserted columns.
        let band = Band::around(20, 70, &[], Some(1.0), 1);
        assert!(band.index(5, 5).is_some(), "insertion at the end");
        assert!(band.index(5, 55).is_some(), "insertion at the start");
        assert!(band.index(10, 35).is_some(), "insertion in the middle");
        let plain = Band::around(20, 70, &[], None, 1);
        assert!(plain.index(5, 55).is_none());
    }

    #[test]
    fn viterbi_follows_the_diagonal_and_is_confident() {
        let lat = Diagonal(Band::diagonal(20, 20, 3));
        let path = viterbi(&lat);
        assert_eq!(path.len(), 20);
        assert!(path.iter().all(|s| s.shape == 0));
        let post = posteriors(&lat, &path);
        assert!(post.iter().all(|&p| p > 0.9 && p <= 1.0), "{post:?}");
    }

    #[test]
    fn posteriors_split_between_equal_paths() {
        // A 1x1 grid: one 1-1 bead (cost 5) against 1-0 + 0-1 (cost 3 + 3),
        // and the other order of the two one-sided beads.
        let lat = Diagonal(Band::diagonal(1, 1, 1));
        let path = viterbi(&lat);
        assert_eq!(path.len(), 1);
        let p = posteriors(&lat, &path)[0];
        let expected = (-0.1f64).exp() / ((-0.1f64).exp() + 2.0 * (-6.0f64).exp());
        assert!((p - expected).abs() < 1e-9, "{p} vs {expected}");
    }

    #[test]
    fn band_grows_where_the_path_touches_it() {
        let band = Band::diagonal(10, 40, 1);
        let edge = *band.row(5).end() - 1;
        let grown = band.grown(&[(5, edge)], 4).unwrap();
        assert!(grown.cells() > band.cells());
        assert!(grown.row(5).end() > band.row(5).end());
        let middle = (*grown.row(5).start() + *grown.row(5).end()) / 2;
        assert!(grown.grown(&[(5, middle)], 4).is_none());
    }
}
