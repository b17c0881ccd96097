//! The forward sweep's value at every cell of a lattice, kept in a little
//! over four bytes a cell instead of eight: a million sentences a side have
//! about eleven million cells, and the values must be kept whole for the
//! backward sweep that follows.

/// Cells that share one base value.
const CHUNK: usize = 64;

/// Log sums, one per cell: each a 64-bit base shared by [`CHUNK`]
/// neighbouring cells plus the cell's own 32-bit offset from it.
///
/// Neighbouring cells differ by the costs of a few beads (tens, at most a
/// few thousand), which an `f32` holds to within about 1e-6 of tens and
/// 1e-3 of thousands, while the values themselves run into the millions
/// along a long document.
#[derive(Debug, Clone)]
pub(crate) struct LogSums {
    /// The first finite value set in each chunk; NaN before one is.
    base: Vec<f64>,
    offset: Vec<f32>,
}

impl LogSums {
    /// `cells` values, each minus infinity (the log of nothing).
    pub fn new(cells: usize) -> LogSums {
        LogSums {
            base: vec![f64::NAN; cells.div_ceil(CHUNK)],
            offset: vec![f32::NEG_INFINITY; cells],
        }
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.offset.len()
    }

    /// The value of `cell`.
    #[inline]
    pub fn get(&self, cell: usize) -> f64 {
        let offset = self.offset[cell];
        if offset.is_finite() {
            self.base[cell / CHUNK] + offset as f64
        } else {
            offset as f64
        }
    }

    /// Sets the value of `cell`.
    #[inline]
    pub fn set(&mut self, cell: usize, value: f64) {
        if !value.is_finite() {
            self.offset[cell] = value as f32;
            return;
        }
        let base = &mut self.base[cell / CHUNK];
        if base.is_nan() {
            *base = value;
        }
        self.offset[cell] = (value - *base) as f32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn values_come_back_close(
            values in proptest::collection::vec(
                prop_oneof![Just(f64::NEG_INFINITY), -1e7f64..1e3],
                1..300,
            ),
            drift in -1e4f64..0.0,
        ) {
            // A sweep's values drift slowly along the cells.
            let values: Vec<f64> = values
                .iter()
                .enumerate()
                .map(|(k, v)| if v.is_finite() { drift * k as f64 + v % 1e3 } else { *v })
                .collect();
            let mut sums = LogSums::new(values.len());
            for (cell, &v) in values.iter().enumerate() {
                sums.set(cell, v);
            }
            prop_assert_eq!(sums.len(), values.len());
            for (cell, &v) in values.iter().enumerate() {
                let got = sums.get(cell);
                if v.is_finite() {
                    // Within a chunk values differ by at most 64 * 1e4 + 2e3.
                    prop_assert!((got - v).abs() <= 0.1, "{v} -> {got}");
                } else {
                    prop_assert_eq!(got, v);
                }
            }
        }
    }

    #[test]
    fn unset_cells_are_minus_infinity() {
        let sums = LogSums::new(130);
        assert_eq!(sums.get(129), f64::NEG_INFINITY);
        let mut sums = LogSums::new(3);
        sums.set(1, -12.5);
        assert_eq!(sums.get(1), -12.5);
        assert_eq!(sums.get(0), f64::NEG_INFINITY);
    }
}
