//! The length model: translations have proportional lengths in characters,
//! with a ratio that depends on the language pair (Arabic is shorter than
//! English, Russian longer), so the ratio is fitted to each document pair.

use std::ops::Range;

/// Gale and Church's variance of the length difference per character.
const VARIANCE_PER_CHAR: f64 = 6.8;

/// Runs of this many one-sided beads or more are taken for insertions and
/// left out of [`LengthModel::fit_path`]. Tuned on the one-to-many dev
/// set and Text+Berg dev: with 3, runs of two deleted lines (common in the
/// synthetic sets) skew the ratio and strict F1 drops by up to 0.006.
const INSERTION_RUN: usize = 2;

/// Largest squared deviation counted: beyond it a pair is simply a bad match.
const MAX_DEVIATION: f64 = 50.0;

/// Length ratio of one document pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LengthModel {
    /// Expected characters of side 1 per character of side 0.
    ratio: f64,
}

impl LengthModel {
    /// Fits the ratio as total length over total length of the sentences
    /// in `pairs` (ranges of sentences that translate each other), or of
    /// the whole documents when there are none. Sums are robust and right
    /// on average whatever the bead types; leaving out the sentences with
    /// no counterpart keeps a long insertion from skewing the ratio.
    pub fn fit(
        lens0: &[f64],
        lens1: &[f64],
        pairs: &[(Range<usize>, Range<usize>)],
    ) -> LengthModel {
        let sum = |lens: &[f64], r: &Range<usize>| {
            lens.get(r.clone()).map_or(0.0, |l| l.iter().sum::<f64>())
        };
        let (mut t0, mut t1) = (0.0, 0.0);
        for (r0, r1) in pairs {
            t0 += sum(lens0, r0);
            t1 += sum(lens1, r1);
        }
        if t0 <= 0.0 || t1 <= 0.0 {
            (t0, t1) = (lens0.iter().sum(), lens1.iter().sum());
        }
        let ratio = if t0 > 0.0 && t1 > 0.0 {
            (t1 / t0).clamp(0.1, 10.0)
        } else {
            1.0
        };
        LengthModel { ratio }
    }

    /// Fits the ratio to `beads`, a path over the two documents: the
    /// sentences of its two-sided beads, and those of one-sided beads that
    /// stand alone (between two two-sided beads). A 1-2 bead wrongly split into a 1-1 and a 0-1 would otherwise
    /// leave its 0-1 sentence out and shrink the ratio, which makes the next
    /// search split more (Arabic news, whose sentences join several of the
    /// other side); a long insertion still stays out.
    pub fn fit_path(
        lens0: &[f64],
        lens1: &[f64],
        beads: &[(Range<usize>, Range<usize>)],
    ) -> LengthModel {
        let one_sided = |k: usize| {
            beads
                .get(k)
                .is_some_and(|(r0, r1)| r0.is_empty() || r1.is_empty())
        };
        let mut kept = Vec::with_capacity(beads.len());
        let mut k = 0;
        while k < beads.len() {
            if !one_sided(k) {
                kept.push(beads[k].clone());
                k += 1;
                continue;
            }
            let end = (k..beads.len())
                .find(|&e| !one_sided(e))
                .unwrap_or(beads.len());
            if end - k < INSERTION_RUN {
                kept.extend_from_slice(&beads[k..end]);
            }
            k = end;
        }
        LengthModel::fit(lens0, lens1, &kept)
    }

    /// The ratio in use.
    #[cfg(test)]
    pub fn ratio(&self) -> f64 {
        self.ratio
    }

    /// The size of a bead in hundreds of side-1 characters.
    pub fn size(&self, l0: f64, l1: f64) -> f64 {
        (l0 * self.ratio + l1) / 200.0
    }

    /// Squared normalised deviation of a bead with `l0` and `l1` characters,
    /// in the manner of Gale and Church: the difference, measured in side-1
    /// characters, over its standard deviation, which grows with length.
    pub fn deviation(&self, l0: f64, l1: f64) -> f64 {
        let expected = l0 * self.ratio;
        let mean = (expected + l1) / 2.0;
        let d = l1 - expected;
        (d * d / (VARIANCE_PER_CHAR * mean + 1.0)).min(MAX_DEVIATION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_is_fitted_per_pair() {
        let m = LengthModel::fit(&[10.0, 20.0], &[15.0, 30.0], &[]);
        assert!((m.ratio() - 1.5).abs() < 1e-9);
        assert!(m.deviation(10.0, 15.0) < 1e-9);
        assert!(m.deviation(10.0, 40.0) > m.deviation(10.0, 20.0));
    }

    #[test]
    fn an_insertion_does_not_skew_the_ratio() {
        let long = [10.0, 500.0, 500.0, 20.0];
        let m = LengthModel::fit(&[10.0, 20.0], &long, &[(0..1, 0..1), (1..2, 3..4)]);
        assert!((m.ratio() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_lone_one_sided_bead_counts_and_a_run_does_not() {
        // A 1-2 broken into 1-1 + 0-1: the 0-1 sentence belongs to the ratio.
        let lens0 = [100.0, 100.0];
        let lens1 = [50.0, 50.0, 100.0, 30.0, 30.0, 30.0];
        let beads = [(0..1, 0..1), (1..1, 1..2), (1..2, 2..3)];
        let m = LengthModel::fit_path(&lens0, &lens1[..3], &beads);
        assert!((m.ratio() - 1.0).abs() < 1e-9, "{}", m.ratio());
        // Three one-sided beads in a row are an insertion: left out.
        let beads = [
            (0..1, 0..1),
            (1..1, 3..4),
            (1..1, 4..5),
            (1..1, 5..6),
            (1..2, 2..3),
        ];
        let m = LengthModel::fit_path(&lens0, &lens1, &beads);
        assert!((m.ratio() - 0.75).abs() < 1e-9, "{}", m.ratio());
    }

    #[test]
    fn empty_sides_fall_back_to_ratio_one() {
        let m = LengthModel::fit(&[], &[3.0], &[]);
        assert_eq!(m.ratio(), 1.0);
        assert!(m.deviation(0.0, 0.0).is_finite());
    }
}
