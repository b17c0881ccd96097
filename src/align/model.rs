//! The scoring model of a bead: a log-likelihood ratio of "these sentences
//! translate each other" against "these sentences are unrelated", linear in
//! a few features (length deviation, matched and unmatched anchors per
//! class, paragraph agreement).
//!
//! A bead that pairs sentences earns its score; a bead that leaves a
//! sentence out (0-1, 1-0) scores 0. So two unrelated sentences of similar
//! length only pair when the evidence says they are more alike than chance,
//! which is what turns real deletions into 0-1/1-0 beads.
//!
//! The weights start from general defaults and are refitted to each document
//! pair by logistic regression: confident 1-1 beads of a first pass are the
//! positives, the same sentences paired with their neighbours three places
//! away are the negatives, and an L2 prior pulls the weights towards the
//! defaults so that short documents stay sensible.

use super::tokens::{CLASSES, LITERAL, PUNCT, WORD};
use rayon::prelude::*;

/// Number of features.
pub(crate) const NF: usize = 10;
/// Feature index of the constant term.
pub(crate) const BIAS: usize = 0;
/// Feature index of the squared length deviation.
pub(crate) const LENGTH: usize = 1;
/// Feature index of the matched weight of anchor class `c`.
pub(crate) const fn matched(c: usize) -> usize {
    2 + 2 * c
}
/// Feature index of the unmatched weight of anchor class `c`.
pub(crate) const fn unmatched(c: usize) -> usize {
    3 + 2 * c
}
/// Feature index of paragraph disagreement.
pub(crate) const PARAGRAPH: usize = 2 + 2 * CLASSES;
/// Feature index of the bead's size (hundreds of characters). Matched
/// anchors grow with size in true beads and not in chance pairings, so a
/// large bead without evidence pays for its size.
pub(crate) const SIZE: usize = 3 + 2 * CLASSES;

/// Feature weights, in nats of log-likelihood ratio per unit of feature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Weights(pub [f64; NF]);

impl Default for Weights {
    /// General defaults: a matched rare number or URL is strong evidence, a
    /// cognate good evidence, a missing one weak counter-evidence.
    fn default() -> Weights {
        let mut w = [0.0; NF];
        w[BIAS] = 1.5;
        w[LENGTH] = -1.0;
        w[matched(LITERAL)] = 3.0;
        w[unmatched(LITERAL)] = -1.5;
        w[matched(WORD)] = 2.5;
        w[unmatched(WORD)] = -0.6;
        w[matched(PUNCT)] = 1.5;
        w[unmatched(PUNCT)] = -0.8;
        w[PARAGRAPH] = -1.5;
        w[SIZE] = 0.0;
        Weights(w)
    }
}

impl Weights {
    /// Score of one sentence pair's matched anchors, given that the
    /// unmatched weight is `total - 2 * matched`.
    pub fn pair_coefficients(&self) -> [f64; CLASSES] {
        let mut out = [0.0; CLASSES];
        for (c, o) in out.iter_mut().enumerate() {
            *o = self.0[matched(c)] - 2.0 * self.0[unmatched(c)];
        }
        out
    }

    /// Score of one sentence's anchors if none of them were matched.
    pub fn unmatched_score(&self, totals: &[f32; CLASSES]) -> f64 {
        (0..CLASSES)
            .map(|c| self.0[unmatched(c)] * totals[c] as f64)
            .sum()
    }
}

/// One training example for [`fit`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Example {
    pub x: [f64; NF],
    pub positive: bool,
}

/// Fits the weights by L2-regularised logistic regression towards `prior`,
/// with both classes given equal total weight so that the fitted score is a
/// log-likelihood ratio. Features that never vary keep their prior weight.
#[allow(clippy::needless_range_loop)] // matrix code reads best with indices
pub(crate) fn fit(examples: &[Example], prior: &Weights, strength: f64) -> Weights {
    let pos = examples.iter().filter(|e| e.positive).count() as f64;
    let neg = examples.len() as f64 - pos;
    if pos < 5.0 || neg < 5.0 {
        return *prior;
    }
    let half = examples.len() as f64 / 2.0;
    let (wp, wn) = (half / pos, half / neg);
    // The penalised log-likelihood, which Newton's method climbs.
    let objective = |w: &[f64; NF]| -> f64 {
        let log_likelihood = |e: &Example| {
            let z: f64 = w.iter().zip(&e.x).map(|(w, x)| w * x).sum();
            // ln(sigmoid(z)) and ln(1 - sigmoid(z)), stable for large |z|.
            let log_sigmoid = |z: f64| {
                if z >= 0.0 {
                    -(-z).exp().ln_1p()
                } else {
                    z - z.exp().ln_1p()
                }
            };
            if e.positive {
                wp * log_sigmoid(z)
            } else {
                wn * log_sigmoid(-z)
            }
        };
        let sum: f64 = in_chunks(examples, |chunk| {
            chunk.iter().map(log_likelihood).sum::<f64>()
        })
        .iter()
        .sum();
        let penalty: f64 = w.iter().zip(&prior.0).map(|(a, b)| (a - b) * (a - b)).sum();
        sum - strength * penalty / 2.0
    };
    let mut w = prior.0;
    let mut current = objective(&w);
    for _ in 0..25 {
        let mut grad = [0.0; NF];
        let mut hess = [[0.0; NF]; NF];
        for k in 0..NF {
            grad[k] = -strength * (w[k] - prior.0[k]);
            hess[k][k] = strength;
        }
        let parts = in_chunks(examples, |chunk| {
            let mut grad = [0.0; NF];
            let mut hess = [[0.0; NF]; NF];
            for e in chunk {
                let z: f64 = w.iter().zip(&e.x).map(|(w, x)| w * x).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let (y, cw) = if e.positive { (1.0, wp) } else { (0.0, wn) };
                let r = cw * (y - p);
                let v = cw * p * (1.0 - p);
                // Most features of most examples are zero: skip their terms.
                for k in (0..NF).filter(|&k| e.x[k] != 0.0) {
                    grad[k] += r * e.x[k];
                    for l in (0..NF).filter(|&l| e.x[l] != 0.0) {
                        hess[k][l] += v * e.x[k] * e.x[l];
                    }
                }
            }
            (grad, hess)
        });
        for (part_grad, part_hess) in parts {
            for k in 0..NF {
                grad[k] += part_grad[k];
                for l in 0..NF {
                    hess[k][l] += part_hess[k][l];
                }
            }
        }
        let Some(step) = solve(hess, grad) else {
            break;
        };
        // Damped Newton: halve the step until the objective improves.
        let mut scale = 1.0;
        let mut accepted = None;
        for _ in 0..20 {
            let mut trial = w;
            for k in 0..NF {
                trial[k] += scale * step[k];
            }
            let value = objective(&trial);
            if value.is_finite() && value >= current {
                accepted = Some((trial, value));
                break;
            }
            scale /= 2.0;
        }
        let Some((next, value)) = accepted else {
            break;
        };
        let change = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        current = value;
        if change < 1e-6 {
            break;
        }
    }
    Weights(w)
}

/// Examples per work item of [`fit`]: fixed, so that its sums are added
/// in the same order at any thread count.
const FIT_CHUNK: usize = 8192;

/// `f` of each run of [`FIT_CHUNK`] examples, in parallel, in order.
fn in_chunks<T: Send>(examples: &[Example], f: impl Fn(&[Example]) -> T + Sync + Send) -> Vec<T> {
    examples.par_chunks(FIT_CHUNK).map(f).collect()
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: [[f64; NF]; NF], mut b: [f64; NF]) -> Option<[f64; NF]> {
    for col in 0..NF {
        let pivot = (col..NF).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..NF {
            let f = a[r][col] / a[col][col];
            for c in col..NF {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0; NF];
    for r in (0..NF).rev() {
        let s: f64 = (r + 1..NF).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_learns_a_separating_feature() {
        // Positives have matched words, negatives do not.
        let mut examples = Vec::new();
        for k in 0..200 {
            let mut x = [0.0; NF];
            x[BIAS] = 1.0;
            x[matched(WORD)] = if k % 2 == 0 { 2.0 } else { 0.0 };
            examples.push(Example {
                x,
                positive: k % 2 == 0 && k % 10 != 0,
            });
        }
        let prior = Weights([0.0; NF]);
        let w = fit(&examples, &prior, 1.0);
        assert!(w.0[matched(WORD)] > 1.0, "{w:?}");
        assert_eq!(w.0[LENGTH], 0.0, "an unused feature keeps its prior");
    }

    #[test]
    fn fit_needs_examples_of_both_kinds() {
        let prior = Weights::default();
        assert_eq!(fit(&[], &prior, 1.0), prior);
    }

    #[test]
    fn pair_coefficients_account_for_unmatched_weight() {
        let w = Weights::default();
        let totals = [1.0f32, 0.0, 0.0];
        // One literal on each side, matched: 2 * unmatched + coefficient = matched.
        let s = 2.0 * w.unmatched_score(&totals) + w.pair_coefficients()[LITERAL];
        assert!((s - w.0[matched(LITERAL)]).abs() < 1e-9);
    }
}
