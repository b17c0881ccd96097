//! Bead-shape priors fitted to each document pair by EM.
//!
//! The default priors (see `pair::SHAPES`) suit text whose sentences
//! mostly translate one to one. Arabic news joins two to nine sentences of
//! the other side into one, with و, commas and colons: there a 1-2 bead is
//! common and a deletion rare, and with the default priors a 1-2 bead is
//! easily broken into a 1-1 and a 0-1. So the priors are refitted to the
//! document pair: the expected number of beads of each shape, over all
//! alignments weighted by their probability (forward-backward on the
//! lattice of the search), over the expected number of beads, smoothed
//! towards the defaults by a Dirichlet prior of [`PSEUDO_BEADS`] beads so
//! that a short document keeps sensible priors and no shape's prior falls
//! to zero.
//!
//! One EM step: the search's lattice gives the expected counts under the
//! current priors and the new priors follow in closed form. The next
//! search also refits the length ratio and the weights to the better path
//! and so works the costs out again: only shifting each cost by the
//! difference of the priors' logarithms was tried, and it lost 0.05 strict
//! F1 on the one-to-many sets.

use super::dp::{shape_counts, Lattice};
use super::log_sums::LogSums;

/// Weight, in beads, of the default priors against the expected counts
/// of a document pair: a document of a few dozen sentences moves the
/// priors part of the way, one of thousands all the way.
pub(crate) const PSEUDO_BEADS: f64 = 40.0;

/// The smallest prior any shape is given, so that no shape is ruled out.
const FLOOR: f64 = 1e-4;

/// Fewer expected beads than this say nothing about the shapes: the
/// defaults stay (and a one-sentence pair scores as without EM).
const MIN_BEADS: f64 = 5.0;

/// The expected number of beads of each shape of `lat` over all its paths
/// weighted by `exp(-cost)`, given the forward sweep's values `fwd` when a
/// search kept them; `None` for a lattice without cells or paths, or with
/// fewer than [`MIN_BEADS`] expected beads.
pub(crate) fn expected_counts(
    lat: &(impl Lattice + Sync),
    fwd: Option<&LogSums>,
) -> Option<Vec<f64>> {
    let counts = shape_counts(lat, fwd)?;
    let finite = counts.iter().all(|c| c.is_finite());
    (finite && counts.iter().sum::<f64>() >= MIN_BEADS).then_some(counts)
}

/// The priors after one EM step: each shape's expected count plus
/// [`PSEUDO_BEADS`] beads spread by `defaults`, over the expected number
/// of beads plus [`PSEUDO_BEADS`]; the total of the priors stays that of
/// `defaults`.
pub(crate) fn refit(defaults: &[f64], counts: &[f64]) -> Vec<f64> {
    let mass: f64 = defaults.iter().sum();
    let beads: f64 = counts.iter().sum();

    defaults
        .iter()
        .zip(counts)
        .map(|(&d, &c)| {
            let share = (c + PSEUDO_BEADS * d / mass) / (beads + PSEUDO_BEADS);
            (share * mass).max(FLOOR)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::dp::forward_values;
    use crate::align::pair::{self, PairModel, SHAPES};
    use crate::align::tokens::DocAnchors;
    use crate::{Aligner, Document};

    /// A pair whose side 0 joins two sentences of side 1 into one in one
    /// bead of four (60 of 240), and never drops one.
    fn joined_documents() -> [Document; 2] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut k = 0;
        while k < 300 {
            let line = |k: usize| {
                let words = 5 + (k * 7919) % 11;
                format!(
                    "In {} the count was {} {}",
                    1700 + k,
                    k * 7,
                    "word ".repeat(words)
                )
            };
            if k % 5 < 2 {
                a.push(format!("{} and {}.", line(k), line(k + 1)));
                b.push(format!("{}.", line(k)));
                b.push(format!("{}.", line(k + 1)));
                k += 2;
            } else {
                a.push(format!("{}.", line(k)));
                b.push(format!("{}.", line(k).replace("count", "Zahl")));
                k += 1;
            }
        }
        [
            Document::presegmented("en", a.join("\n")),
            Document::presegmented("de", b.join("\n")),
        ]
    }

    #[test]
    fn em_on_a_pair_with_many_one_to_two_beads_raises_their_prior() {
        let [a, b] = joined_documents();
        let (a, b) = (DocAnchors::new(&a), DocAnchors::new(&b));
        let mut settings = Aligner::new();
        settings.fit_priors(false);
        let model = PairModel::new(&a, &b, &settings);
        let fitted = pair::align(&model, &settings);
        let lattice = fitted.lattice();
        let counts =
            expected_counts(lattice, Some(&forward_values(lattice))).expect("a lattice with paths");
        let defaults: Vec<f64> = SHAPES[..counts.len()].iter().map(|s| s.1).collect();
        let priors = refit(&defaults, &counts);
        let at = |shape| SHAPES.iter().position(|s| s.0 == shape).unwrap();
        let (one_two, one_one) = (at((1, 2)), at((1, 1)));
        // 60 of the 240 beads are 1-2: a fifth, where the default says 0.05.
        assert!(counts[one_two] > 50.0, "{counts:?}");
        assert!(priors[one_two] > 0.15, "{priors:?}");
        assert!(priors[one_one] < defaults[one_one], "{priors:?}");
        for deletion in [at((1, 0)), at((0, 1))] {
            assert!(priors[deletion] < 0.01, "{priors:?}");
        }
        // And the aligner with the fitted priors finds the 1-2 beads.
        let beads = Aligner::new().align(&[&joined_documents()[0], &joined_documents()[1]]);
        let kinds = beads
            .unwrap()
            .beads
            .iter()
            .filter(|b| b.kind() == "1-2")
            .count();
        assert_eq!(kinds, 60);
    }

    #[test]
    fn without_counts_the_defaults_stay() {
        let defaults = [0.8, 0.03, 0.03, 0.05, 0.05];
        let fitted = refit(&defaults, &[0.0; 5]);
        for (f, d) in fitted.iter().zip(&defaults) {
            assert!((f - d).abs() < 1e-12, "{fitted:?}");
        }
    }

    #[test]
    fn many_beads_of_a_shape_raise_its_prior() {
        let defaults = [0.8, 0.03, 0.03, 0.05, 0.05];
        let counts = [600.0, 5.0, 5.0, 10.0, 380.0];
        let fitted = refit(&defaults, &counts);
        assert!(fitted[4] > 0.3, "{fitted:?}");
        assert!(fitted[1] < 0.03 && fitted[2] < 0.03, "{fitted:?}");
        let total: f64 = fitted.iter().sum();
        let mass: f64 = defaults.iter().sum();
        assert!((total - mass).abs() < 1e-9);
        // A short document moves the priors less.
        let few = refit(&defaults, &counts.map(|c| c / 100.0));
        assert!(few[4] < fitted[4] && few[4] > defaults[4], "{few:?}");
    }
}
