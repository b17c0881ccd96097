//! Each language pair's own confidence in a joint alignment of three
//! documents.
//!
//! A joint bead's score is the posterior of the whole three-way bead, so a
//! sentence missing from one edition makes its neighbours in the other two
//! uncertain: the three-way bead `1-1-0` may have many rivals (`1-1-1`
//! with a neighbour, `1-0-0` + `0-1-0`, …) that have nothing to do with
//! whether the Arabic and English sentences translate each other.
//!
//! The score a pair file carries is the better of two estimates of the
//! probability that the pair's projection of the joint bead (its sentences
//! of those two documents) is right:
//! - the joint bead's own posterior, which can only be lower than the
//!   joint model's marginal probability of that projection, since the
//!   joint bead is one of the ways to have it; and
//! - the posterior of the projected bead in the pair's own model (fitted
//!   to the two documents, forward-backward over all their pairwise
//!   alignments), which knows nothing of the third document.
//!
//! So the third document can raise a pair's confidence (when the three
//! agree) but never lower it below what the pair's own evidence says; and
//! where the joint projection is exactly the two-text alignment's bead,
//! the pair file scores it at least as the two-text alignment does.

use super::dp::Sweeps;
use super::pair::{self, PairModel};
use super::{Aligner, Bead};
use crate::document::Document;

impl Aligner {
    /// The score each bead has for the pair of documents `a` and `b`: the
    /// larger of the bead's own score and the posterior of its projection
    /// onto `a` and `b` under the pairwise model of those two documents
    /// (see the module docs). Beads with text in fewer than two of `a`,
    /// `b` keep their own score. Deterministic; linear time.
    ///
    /// ```
    /// use tmalign::{Aligner, Document};
    /// let en = Document::presegmented("en", "In 2019 it rained.\nThe river rose 3 m.\nMoscow slept.\n".into());
    /// let ar = Document::presegmented("ar", "في 2019 أمطرت.\nارتفع النهر 3 م.\nنامت موسكو.\n".into());
    /// let ru = Document::presegmented("ru", "В 2019 году шёл дождь.\nМосква спала.\n".into());
    /// let aligner = Aligner::new();
    /// let joint = aligner.align(&[&ar, &en, &ru]).unwrap();
    /// let scores = aligner.pair_scores(&[&ar, &en, &ru], &joint.beads, 0, 1);
    /// assert_eq!(scores.len(), joint.beads.len());
    /// assert!(scores.iter().zip(&joint.beads).all(|(s, b)| *s >= b.score));
    /// ```
    pub fn pair_scores(&self, docs: &[&Document], beads: &[Bead], a: usize, b: usize) -> Vec<f64> {
        let own: Vec<f64> = beads.iter().map(|bead| bead.score).collect();
        let (Some(da), Some(db)) = (docs.get(a), docs.get(b)) else {
            return own;
        };
        let anchors = [self.anchors(da), self.anchors(db)];
        let model = PairModel::new(&anchors[0], &anchors[1], self);
        let fitted = pair::align(&model, self);
        let Some(sweeps) = Sweeps::new(fitted.lattice()) else {
            return own;
        };
        beads
            .iter()
            .map(|bead| {
                let (Some(r0), Some(r1)) = (bead.ids.get(a), bead.ids.get(b)) else {
                    return bead.score;
                };
                if r0.is_empty() || r1.is_empty() {
                    return bead.score;
                }
                match fitted.edge_of(r0, r1) {
                    Some((from, to, cost)) => bead.score.max(sweeps.posterior(from, to, cost)),
                    None => bead.score,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Aligner, Document};

    #[test]
    fn pair_scores_of_two_documents_are_their_own_posteriors() {
        let en = Document::presegmented(
            "en",
            "It rained in 2019.\nThe river rose.\nPutin spoke.\n".into(),
        );
        let ru = Document::presegmented(
            "ru",
            "В 2019 году шёл дождь.\nРека поднялась.\nПутин выступил.\n".into(),
        );
        let aligner = Aligner::new();
        let al = aligner.align(&[&en, &ru]).unwrap();
        let scores = aligner.pair_scores(&[&en, &ru], &al.beads, 0, 1);
        for (s, b) in scores.iter().zip(&al.beads) {
            assert!((s - b.score).abs() < 1e-12, "{s} vs {}", b.score);
        }
    }
}
