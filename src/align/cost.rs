//! The cost of a bead as the searches keep it: two bytes, so that the
//! costs of every bead of a million sentences a side fit in a table that
//! all the sweeps share, instead of being worked out again for each sweep.

/// A bead's cost (`-ln` of a probability ratio; lower is better) in fixed
/// point, [`Cost::STEP`] apart, from −256 up to 256, or infinite.
///
/// Rounding to a step of 1/128 moves a cost by at most 0.004, far below
/// what tells two beads apart. A cost beyond the range is clamped to its
/// end: above 256, no path takes the bead (deleting its sentences costs
/// less); below −256, only beads sharing hundreds of rare anchors, which
/// would tie (the lowest cost of 20k sentences of Text+Berg is −84).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cost(u16);

impl Cost {
    /// No bead: it would start outside the search.
    pub const INFINITE: Cost = Cost(u16::MAX);

    /// The distance between two neighbouring costs.
    pub const STEP: f64 = 1.0 / 128.0;

    /// The code of cost 0.
    const ZERO: f64 = 32768.0;

    /// The nearest cost to `x`; infinite for an infinite or NaN `x`.
    #[inline]
    pub fn new(x: f64) -> Cost {
        if x.is_nan() || x == f64::INFINITY {
            return Cost::INFINITE;
        }
        // Adding a half and truncating rounds, without a call to `round`.
        let code = x / Cost::STEP + Cost::ZERO + 0.5;
        Cost(code.clamp(0.0, (u16::MAX - 1) as f64) as u16)
    }

    /// Whether a bead has this cost.
    #[inline]
    pub fn is_finite(self) -> bool {
        self != Cost::INFINITE
    }

    /// The cost as a number; infinite for [`Cost::INFINITE`].
    #[inline]
    pub fn get(self) -> f64 {
        if self.is_finite() {
            (self.0 as f64 - Cost::ZERO) * Cost::STEP
        } else {
            f64::INFINITY
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn infinite_and_clamped_costs() {
        assert_eq!(Cost::new(f64::INFINITY), Cost::INFINITE);
        assert_eq!(Cost::new(f64::NAN), Cost::INFINITE);
        assert_eq!(Cost::INFINITE.get(), f64::INFINITY);
        assert!(Cost::new(1e9).is_finite());
        assert!(Cost::new(1e9).get() < 256.0);
        assert_eq!(Cost::new(f64::NEG_INFINITY).get(), -256.0);
        assert_eq!(Cost::new(0.0).get(), 0.0);
    }

    proptest! {
        #[test]
        fn a_cost_in_range_moves_by_at_most_half_a_step(x in -255.0f64..255.0) {
            let back = Cost::new(x).get();
            prop_assert!((back - x).abs() <= Cost::STEP / 2.0 + 1e-12, "{x} -> {back}");
            prop_assert_eq!(Cost::new(back), Cost::new(x));
        }

        #[test]
        fn rounding_keeps_the_order(x in -300.0f64..300.0, y in -300.0f64..300.0) {
            if x <= y {
                prop_assert!(Cost::new(x).get() <= Cost::new(y).get());
            }
        }
    }
}
