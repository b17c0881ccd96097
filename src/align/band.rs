//! The band of the dynamic programme: the cells of the (sentences of side
//! 0) × (sentences of side 1) grid a search visits. For each row `i` it
//! holds the columns `lo[i]..=hi[i]`; both bounds never decrease, so any
//! cell reached is connected to both corners. When the best path comes near
//! the edge of the band, the band grows there and the search is run again,
//! so time and memory stay linear in the number of sentences while long
//! one-sided insertions are still found.

use std::ops::Range;

/// A bead shape: sentences taken from side 0 and from side 1.
pub(crate) type Shape = (usize, usize);

/// The cells searched: for each row, a range of columns.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    /// Row of every [`ROW_STRIDE`]th cell: the row of any other cell is a
    /// few rows on, at 1/16 of the memory of one entry per cell.
    row_at: Vec<u32>,
    cols: usize,
}

/// Cells per entry of [`Band::row_at`].
const ROW_STRIDE: usize = 16;

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
            row_at: Vec::new(),
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
        self.row_at.clear();
        let mut total = 0;
        for i in 0..=rows {
            self.start.push(total);
            let width = self.hi[i] - self.lo[i] + 1;
            total += width;
            // Every multiple of the stride in this row's cells.
            let first = self.row_at.len() * ROW_STRIDE;
            if first < total {
                let count = (total - first).div_ceil(ROW_STRIDE);
                self.row_at.extend(std::iter::repeat_n(i as u32, count));
            }
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
    #[inline]
    pub fn row(&self, i: usize) -> std::ops::RangeInclusive<usize> {
        self.lo[i]..=self.hi[i]
    }

    /// The index of cell `(i, j)`, when it is in the band.
    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        let (lo, hi) = (*self.lo.get(i)?, self.hi[i]);
        (lo..=hi).contains(&j).then(|| self.start[i] + (j - lo))
    }

    /// The row of a cell.
    #[inline]
    fn row_of(&self, cell: usize) -> usize {
        let mut i = self.row_at[cell / ROW_STRIDE] as usize;
        while self.start[i + 1] <= cell {
            i += 1;
        }
        i
    }

    /// The `(row, column)` of a cell.
    #[inline]
    pub fn position(&self, cell: usize) -> (usize, usize) {
        let i = self.row_of(cell);
        (i, self.lo[i] + (cell - self.start[i]))
    }

    /// The start cell of a bead of `shape` ending at `cell`, when inside.
    #[inline]
    pub fn start_of(&self, cell: usize, (a, b): Shape) -> Option<usize> {
        let (i, j) = self.position(cell);
        self.index(i.checked_sub(a)?, j.checked_sub(b)?)
    }

    /// The end cell of a bead of `shape` starting at `cell`, when inside.
    #[inline]
    pub fn end_of(&self, cell: usize, (a, b): Shape) -> Option<usize> {
        let (i, j) = self.position(cell);
        self.index(i + a, j + b)
    }

    /// [`Band::start_of`] of each of `shapes` into `out`.
    #[inline]
    pub fn starts_of(&self, cell: usize, shapes: &[Shape], out: &mut [Option<usize>]) {
        let (i, j) = self.position(cell);
        for (slot, &(a, b)) in out.iter_mut().zip(shapes) {
            *slot = match (i.checked_sub(a), j.checked_sub(b)) {
                (Some(i), Some(j)) => self.index(i, j),
                _ => None,
            };
        }
    }

    /// [`Band::end_of`] of each of `shapes` into `out`.
    #[inline]
    pub fn ends_of(&self, cell: usize, shapes: &[Shape], out: &mut [Option<usize>]) {
        let (i, j) = self.position(cell);
        for (slot, &(a, b)) in out.iter_mut().zip(shapes) {
            *slot = self.index(i + a, j + b);
        }
    }

    /// The largest distance from the end cell of a bead of at most `rows`
    /// rows back to its start cell.
    pub fn reach(&self, rows: usize) -> usize {
        (0..=self.rows())
            .map(|i| self.start[i + 1] - 1 - self.start[i.saturating_sub(rows)])
            .max()
            .unwrap_or(0)
    }

    /// Whole rows cut into blocks of at least `cells` cells (the last may
    /// be shorter), each at least as long as the reach of beads of `rows`
    /// rows.
    pub fn blocks(&self, rows: usize, cells: usize) -> Vec<Range<usize>> {
        let least = cells.max(self.reach(rows));
        let mut blocks = Vec::new();
        let mut from = 0;
        for i in 1..=self.rows() + 1 {
            if self.start[i] - from >= least || i == self.rows() + 1 {
                blocks.push(from..self.start[i]);
                from = self.start[i];
            }
        }
        blocks
    }

    /// The rows of a block of whole rows.
    pub fn rows_of(&self, cells: &Range<usize>) -> Range<usize> {
        if cells.is_empty() {
            return 0..0;
        }
        self.row_of(cells.start)..self.row_of(cells.end - 1) + 1
    }

    /// The runs of rows of this band, grown from `old`, that hold a cell
    /// whose beads of up to `rows` rows were not all in `old`: a row whose
    /// columns changed, and the `rows` rows after it. Every other row's
    /// beads are those of `old`.
    pub fn rows_grown_from(&self, old: &Band, rows: usize) -> Vec<Range<usize>> {
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut last_changed: Option<usize> = None;
        for i in 0..=self.rows() {
            let same = old.lo.get(i) == Some(&self.lo[i]) && old.hi.get(i) == Some(&self.hi[i]);
            if !same {
                last_changed = Some(i);
            }
            if last_changed.is_some_and(|c| i - c <= rows) {
                match runs.last_mut() {
                    Some(run) if run.end == i => run.end = i + 1,
                    _ => runs.push(i..i + 1),
                }
            }
        }
        runs
    }

    /// The first cell of row `i` (`i` may be one past the last row).
    pub fn row_start(&self, i: usize) -> usize {
        self.start[i]
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
            row_at: Vec::new(),
            cols: self.cols,
        };
        band.finish();
        Some(band)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_grown_band_names_the_rows_whose_beads_are_new() {
        let band = Band::diagonal(40, 40, 2);
        let edge = *band.row(20).end() - 1;
        let grown = band.grown(&[(20, edge)], 3).unwrap();
        let changed: Vec<usize> = (0..=40).filter(|&i| grown.row(i) != band.row(i)).collect();
        let (first, last) = (changed[0], *changed.last().unwrap());
        // Beads of up to 4 rows ending within 4 rows of a changed row.
        assert_eq!(
            grown.rows_grown_from(&band, 4),
            vec![first..(last + 5).min(41)]
        );
        assert_eq!(grown.rows_grown_from(&grown, 4), vec![]);
        assert!(first > 0 && last < 36, "{changed:?}");
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
