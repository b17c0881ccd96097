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

/// How close (in cells) the path may come to the edge before the band grows.
const MARGIN: usize = 3;

impl Band {
    /// A band of half-width `width` around the straight line from `(0, 0)`
    /// to `(rows, cols)`.
    pub fn diagonal(rows: usize, cols: usize, width: usize) -> Band {
        let slope = cols as f64 / rows.max(1) as f64;
        let mut lo = Vec::with_capacity(rows + 1);
        let mut hi = Vec::with_capacity(rows + 1);
        for i in 0..=rows {
            let before = ((i as f64 - 1.0) * slope).floor() - width as f64;
            let after = ((i as f64 + 1.0) * slope).ceil() + width as f64;
            lo.push((before.max(0.0) as usize).min(cols));
            hi.push((after.max(0.0) as usize).min(cols));
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
        }
        self.start.clear();
        self.row_of.clear();
        let mut total = 0;
        for i in 0..=rows {
            self.start.push(total);
            let width = self.hi[i] - self.lo[i] + 1;
            total += width;
            self.row_of.extend(std::iter::repeat(i as u32).take(width));
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

    /// Widens the band where `path` (cells on the best path) comes within
    /// [`MARGIN`] of its edge, by `by` columns over `by` rows around each
    /// such cell. Returns false when nothing needed to grow.
    pub fn grow(&mut self, path: &[(usize, usize)], by: usize) -> bool {
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
        if grown {
            self.lo = new_lo;
            self.hi = new_hi;
            self.finish();
        }
        grown
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
    let mut back = vec![(u32::MAX, u8::MAX); cells];
    if cells == 0 {
        return Vec::new();
    }
    best[0] = 0.0;
    for here in 1..cells {
        for t in 0..lat.shapes() {
            let Some((prev, cost)) = lat.edge(here, t) else {
                continue;
            };
            let total = best[prev] + cost;
            if total < best[here] {
                best[here] = total;
                back[here] = (prev as u32, t as u8);
            }
        }
    }
    let mut steps = Vec::new();
    let mut here = cells - 1;
    while here != 0 {
        let (prev, t) = back[here];
        let Some((_, cost)) = lat.edge(here, t as usize) else {
            break;
        };
        steps.push(Step {
            from: prev as usize,
            to: here,
            shape: t as usize,
            cost,
        });
        here = prev as usize;
    }
    steps.reverse();
    steps
}

fn log_add(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY {
        return y;
    }
    if y == f64::NEG_INFINITY {
        return x;
    }
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    hi + (lo - hi).exp().ln_1p()
}

/// The posterior probability of each step of `path` among all paths,
/// each weighted by `exp(-cost)` (forward-backward).
pub(crate) fn posteriors(lat: &impl Lattice, path: &[Step]) -> Vec<f64> {
    let cells = lat.cells();
    if cells == 0 {
        return vec![0.0; path.len()];
    }
    let mut fwd = vec![f64::NEG_INFINITY; cells];
    let mut bwd = vec![f64::NEG_INFINITY; cells];
    fwd[0] = 0.0;
    for here in 1..cells {
        let mut acc = f64::NEG_INFINITY;
        for t in 0..lat.shapes() {
            if let Some((prev, cost)) = lat.edge(here, t) {
                acc = log_add(acc, fwd[prev] - cost);
            }
        }
        fwd[here] = acc;
    }
    bwd[cells - 1] = 0.0;
    for here in (1..cells).rev() {
        let b = bwd[here];
        if b == f64::NEG_INFINITY {
            continue;
        }
        for t in 0..lat.shapes() {
            if let Some((prev, cost)) = lat.edge(here, t) {
                bwd[prev] = log_add(bwd[prev], b - cost);
            }
        }
    }
    let total = fwd[cells - 1];
    path.iter()
        .map(|s| {
            let p = (fwd[s.from] - s.cost + bwd[s.to] - total).exp();
            if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect()
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
        let mut band = Band::diagonal(10, 40, 1);
        let before = band.cells();
        let edge = *band.row(5).end() - 1;
        assert!(band.grow(&[(5, edge)], 4));
        assert!(band.cells() > before);
        let middle = (*band.row(5).start() + *band.row(5).end()) / 2;
        assert!(!band.grow(&[(5, middle)], 4));
    }
}
