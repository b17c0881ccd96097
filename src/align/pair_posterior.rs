//! Each language pair's own view of a joint alignment of three documents:
//! the units of a pair file, and the pair's confidence in each.
//!
//! A joint bead's score is the posterior of the whole three-way bead, so a
//! sentence missing from one edition makes its neighbours in the other two
//! uncertain: the three-way bead `1-1-0` may have many rivals (`1-1-1`
//! with a neighbour, `1-0-0` + `0-1-0`, …) that have nothing to do with
//! whether the Arabic and English sentences translate each other.
//!
//! So a pair file is built from the joint beads' projections onto the pair
//! (their sentences of those two documents), checked against the pair's
//! own alignment: the best path of the pair's model, fitted to the two
//! documents alone, as aligning them directly does.
//! - Where that path crosses a projection in two or more beads that tile
//!   it exactly (start to end on both sides), and at least one of them
//!   pairs sentences, the projection is replaced by those beads, each
//!   scored by its posterior in the pair's model: the joint bead is `2-2-1`
//!   because of the third document, while the pair's own evidence says
//!   `1-1` + `1-1`, and a translation memory wants the finer units.
//! - Any other projection stays whole. Its score is the better of two
//!   estimates of the probability that it is right: the joint bead's own
//!   posterior, which can only be lower than the joint model's marginal
//!   probability of that projection, since the joint bead is one of the
//!   ways to have it; and the posterior of the projected bead in the
//!   pair's own model (forward-backward over all the pair's alignments),
//!   which knows nothing of the third document.
//!
//! So the third document can raise a pair's confidence (when the three
//! agree) but never lower it below what the pair's own evidence says; and
//! every bead of the direct two-text alignment that lies inside a
//! projection is a unit of the pair file with the direct alignment's
//! score. Beads the translator confirmed or excluded stay whole: the
//! reviewed decision wins over the model.

use super::dp::Sweeps;
use super::pair::{self, PairBead, PairModel};
use super::{Aligner, Bead};
use crate::document::Document;
use std::ops::Range;

/// One unit of a language pair's view of a joint alignment (see
/// [`Aligner::pair_units`]): a joint bead's projection onto the two
/// documents, or one part of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PairUnit {
    /// The index of the joint bead it comes from.
    pub bead: usize,
    /// `None` for the bead's whole projection; `Some(k)` for the `k`-th
    /// (from 0) of the pair alignment's beads that tile the projection.
    /// Parts are numbered in order, one-sided ones included.
    pub part: Option<usize>,
    /// The sentences of the pair's first and second document (either may
    /// be empty).
    pub ids: [Range<usize>; 2],
    /// The pair's confidence in the unit, in [0, 1].
    pub score: f64,
}

impl PairUnit {
    /// Whether the unit has sentences in both documents (a one-sided unit
    /// is never a translation unit).
    pub fn is_two_sided(&self) -> bool {
        !self.ids[0].is_empty() && !self.ids[1].is_empty()
    }
}

impl Aligner {
    /// The units of the language pair of documents `a` and `b` in the joint
    /// alignment `beads` of `docs`, in order: each bead's projection onto
    /// the pair, replaced by the beads of the pair's own alignment where
    /// two or more of them tile it exactly (see the module docs). Together
    /// the units cover every sentence of `a` and `b` once, in order, and
    /// every bead appears, whole or in parts (a bead with no sentence in
    /// either document as a unit with two empty sides).
    ///
    /// Beads whose `keep_whole` flag is true (the translator's confirmed
    /// and excluded beads) are never split; missing flags are false. With
    /// two documents the beads are the pair's own alignment: each is one
    /// whole unit with its own score, and no model is fitted. `beads` must
    /// cover the documents as an [`super::Alignment`] does. Deterministic;
    /// linear time.
    ///
    /// ```
    /// use tmalign::{Aligner, Bead, Document};
    /// let en = Document::presegmented("en", "In 2019 it rained.\nThe river rose 3 m.\nMoscow slept.\n".into());
    /// let ar = Document::presegmented("ar", "في 2019 أمطرت.\nارتفع النهر 3 م.\nنامت موسكو.\n".into());
    /// let ru = Document::presegmented("ru", "В 2019 году шёл дождь.\nМосква спала.\n".into());
    /// let aligner = Aligner::new();
    /// let docs = [&ar, &en, &ru];
    /// let joint = aligner.align(&docs).unwrap();
    /// let units = aligner.pair_units(&docs, &joint.beads, &[], 0, 1);
    /// // The Arabic and English sentences, each once, in order.
    /// let ar_ids: Vec<usize> = units.iter().flat_map(|u| u.ids[0].clone()).collect();
    /// assert_eq!(ar_ids, [0, 1, 2]);
    /// // A joint bead that pairs the first two sentences of each is split
    /// // back into the pair's own 1-1 + 1-1.
    /// let merged = [Bead { ids: vec![0..2, 0..2, 0..1], score: 0.5 }, Bead { ids: vec![2..3, 2..3, 1..2], score: 0.9 }];
    /// let units = aligner.pair_units(&docs, &merged, &[], 0, 1);
    /// let parts: Vec<_> = units.iter().map(|u| (u.bead, u.part, u.ids.clone())).collect();
    /// assert_eq!(parts, [(0, Some(0), [0..1, 0..1]), (0, Some(1), [1..2, 1..2]), (1, None, [2..3, 2..3])]);
    /// ```
    pub fn pair_units(
        &self,
        docs: &[&Document],
        beads: &[Bead],
        keep_whole: &[bool],
        a: usize,
        b: usize,
    ) -> Vec<PairUnit> {
        let project = |index: usize, bead: &Bead| {
            let side = |k: usize| bead.ids.get(k).cloned().unwrap_or(0..0);
            PairUnit {
                bead: index,
                part: None,
                ids: [side(a), side(b)],
                score: bead.score,
            }
        };
        let whole = || beads.iter().enumerate().map(|(i, bead)| project(i, bead));
        let (Some(da), Some(db)) = (docs.get(a), docs.get(b)) else {
            return whole().collect();
        };
        if docs.len() <= 2 || a == b {
            return whole().collect();
        }
        let anchors = [self.anchors(da), self.anchors(db)];
        let model = PairModel::new(&anchors[0], &anchors[1], self);
        let fitted = pair::align(&model, self);
        let Some(sweeps) = Sweeps::new(fitted.lattice()) else {
            return whole().collect();
        };
        let mut tiles = Tiles::new(&fitted.beads);
        let mut units = Vec::with_capacity(beads.len());
        for (index, bead) in beads.iter().enumerate() {
            let mut unit = project(index, bead);
            let [r0, r1] = &unit.ids;
            if r0.is_empty() || r1.is_empty() {
                units.push(unit);
                continue;
            }
            if !keep_whole.get(index).copied().unwrap_or(false) {
                if let Some(parts) = tiles.tiling(r0, r1) {
                    units.extend(parts.iter().enumerate().map(|(k, p)| PairUnit {
                        bead: index,
                        part: Some(k),
                        ids: p.ids.clone(),
                        score: p.score,
                    }));
                    continue;
                }
            }
            if let Some((from, to, cost)) = fitted.edge_of(r0, r1) {
                unit.score = unit.score.max(sweeps.posterior(from, to, cost));
            }
            units.push(unit);
        }
        units
    }
}

/// Finds the beads of a pair's path that tile a rectangle of its grid,
/// for rectangles asked for in document order: a cursor moves forward
/// along the path, so all the questions together take linear time.
struct Tiles<'p> {
    path: &'p [PairBead],
    /// No bead before this one starts at or after a corner asked for.
    next: usize,
}

impl<'p> Tiles<'p> {
    fn new(path: &'p [PairBead]) -> Tiles<'p> {
        Tiles { path, next: 0 }
    }

    /// The path's beads from corner `(r0.start, r1.start)` to corner
    /// `(r0.end, r1.end)`, when the path runs through both corners, there
    /// are at least two of them and one of them pairs sentences; `None`
    /// otherwise (the rectangle is one bead of the path, or the path
    /// crosses its edges, or its parts would only be one-sided). The
    /// corners asked for must not go back (as the projections of beads in
    /// order do not).
    fn tiling(&mut self, r0: &Range<usize>, r1: &Range<usize>) -> Option<&'p [PairBead]> {
        let start = |b: &PairBead| (b.ids[0].start, b.ids[1].start);
        // The path's corners rise in both coordinates, so in the order of
        // pairs too, as the corners asked for do.
        while self
            .path
            .get(self.next)
            .is_some_and(|b| start(b) < (r0.start, r1.start))
        {
            self.next += 1;
        }
        let first = self.next;
        if self.path.get(first).map(start) != Some((r0.start, r1.start)) {
            return None;
        }
        let inside = self.path[first..]
            .iter()
            .take_while(|b| b.ids[0].end <= r0.end && b.ids[1].end <= r1.end)
            .count();
        let parts = &self.path[first..first + inside];
        let last = parts.last()?;
        let exact = (last.ids[0].end, last.ids[1].end) == (r0.end, r1.end);
        let pairs = parts
            .iter()
            .any(|b| !b.ids[0].is_empty() && !b.ids[1].is_empty());
        (exact && parts.len() > 1 && pairs).then_some(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Aligner, Document};

    fn path(beads: &[(Range<usize>, Range<usize>)]) -> Vec<PairBead> {
        beads
            .iter()
            .enumerate()
            .map(|(k, (r0, r1))| PairBead {
                ids: [r0.clone(), r1.clone()],
                score: k as f64 / 10.0,
            })
            .collect()
    }

    fn ids(parts: Option<&[PairBead]>) -> Option<Vec<[Range<usize>; 2]>> {
        parts.map(|p| p.iter().map(|b| b.ids.clone()).collect())
    }

    #[test]
    fn a_projection_tiled_exactly_by_the_path_gives_its_beads() {
        // The pair's path: 1-1, 1-1, 1-0, 1-1, 0-1, 1-1.
        let p = path(&[
            (0..1, 0..1),
            (1..2, 1..2),
            (2..3, 2..2),
            (3..4, 2..3),
            (4..4, 3..4),
            (4..5, 4..5),
        ]);
        let mut tiles = Tiles::new(&p);
        // A 2-2 over the first two 1-1.
        assert_eq!(
            ids(tiles.tiling(&(0..2), &(0..2))),
            Some(vec![[0..1, 0..1], [1..2, 1..2]])
        );
        // A 2-1 over 1-0 + 1-1: one part pairs sentences.
        assert_eq!(
            ids(tiles.tiling(&(2..4), &(2..3))),
            Some(vec![[2..3, 2..2], [3..4, 2..3]])
        );
        // A 1-2 over 0-1 + 1-1.
        assert_eq!(
            ids(tiles.tiling(&(4..5), &(3..5))),
            Some(vec![[4..4, 3..4], [4..5, 4..5]])
        );
    }

    #[test]
    fn a_projection_the_path_does_not_tile_exactly_stays_whole() {
        let p = path(&[
            (0..1, 0..1),
            (1..2, 1..2),
            (2..3, 2..3),
            (3..4, 3..3),
            (4..4, 3..4),
            (4..5, 4..6),
        ]);
        let mut tiles = Tiles::new(&p);
        // One bead of the path: nothing to split.
        assert_eq!(ids(tiles.tiling(&(0..1), &(0..1))), None);
        // Starts on the path but ends across a bead (2..3 × 2..3 sticks out).
        assert_eq!(ids(tiles.tiling(&(1..3), &(1..2))), None);
        // Starts off the path: (1, 2) is no corner of it.
        assert_eq!(ids(tiles.tiling(&(1..2), &(2..3))), None);
        // 1-0 + 0-1: tiled, but no part pairs sentences.
        assert_eq!(ids(tiles.tiling(&(3..4), &(3..4))), None);
        // Ends inside the 1-2.
        assert_eq!(ids(tiles.tiling(&(4..5), &(4..5))), None);
        // The cursor moved on: an earlier corner finds nothing.
        assert_eq!(ids(tiles.tiling(&(0..2), &(0..2))), None);
    }

    fn documents() -> [Document; 3] {
        let ar = "في 2019 أمطرت.\nارتفع النهر 3 م.\nنامت موسكو.\nوصل 12 قاربا.\n";
        let en = "In 2019 it rained.\nThe river rose 3 m.\nMoscow slept.\n12 boats came.\n";
        let ru =
            "В 2019 году шёл дождь.\nРека поднялась на 3 м.\nМосква спала.\nПришли 12 лодок.\n";
        [
            Document::presegmented("ar", ar.into()),
            Document::presegmented("en", en.into()),
            Document::presegmented("ru", ru.into()),
        ]
    }

    #[test]
    fn a_joint_two_two_over_the_pairs_one_one_and_one_one_is_split() {
        let [ar, en, ru] = documents();
        let docs = [&ar, &en, &ru];
        let aligner = Aligner::new();
        let direct = aligner.align(&[&ar, &en]).unwrap().beads;
        assert_eq!(direct.len(), 4, "{direct:?}");
        let joint = vec![
            Bead {
                ids: vec![0..2, 0..2, 0..2],
                score: 0.4,
            },
            Bead {
                ids: vec![2..4, 2..4, 2..4],
                score: 0.3,
            },
        ];
        let units = aligner.pair_units(&docs, &joint, &[false, true], 0, 1);
        let got: Vec<_> = units
            .iter()
            .map(|u| (u.bead, u.part, u.ids.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (0, Some(0), [0..1, 0..1]),
                (0, Some(1), [1..2, 1..2]),
                // Kept whole: the translator's verdict.
                (1, None, [2..4, 2..4]),
            ]
        );
        // The parts carry the direct alignment's own scores.
        for (unit, bead) in units[..2].iter().zip(&direct) {
            assert_eq!(unit.score, bead.score);
        }
        // The whole one is scored as before: at least its own score.
        assert!(units[2].score >= 0.3);
    }

    #[test]
    fn a_joint_bead_across_the_pairs_beads_stays_whole() {
        let [ar, en, ru] = documents();
        let docs = [&ar, &en, &ru];
        let aligner = Aligner::new();
        // Arabic 0..2 with English 0..1: the pair's path runs 1-1, 1-1.
        let joint = vec![
            Bead {
                ids: vec![0..2, 0..1, 0..1],
                score: 0.2,
            },
            Bead {
                ids: vec![2..4, 1..4, 1..4],
                score: 0.1,
            },
        ];
        let units = aligner.pair_units(&docs, &joint, &[], 0, 1);
        let got: Vec<_> = units
            .iter()
            .map(|u| (u.bead, u.part, u.ids.clone()))
            .collect();
        assert_eq!(got, [(0, None, [0..2, 0..1]), (1, None, [2..4, 1..4])]);
        assert!(units[0].score >= 0.2 && units[1].score >= 0.1);
    }

    #[test]
    fn the_units_of_two_documents_are_their_beads() {
        let [ar, en, _] = documents();
        let aligner = Aligner::new();
        let al = aligner.align(&[&ar, &en]).unwrap();
        let units = aligner.pair_units(&[&ar, &en], &al.beads, &[], 0, 1);
        assert_eq!(units.len(), al.beads.len());
        for (k, (u, b)) in units.iter().zip(&al.beads).enumerate() {
            assert_eq!((u.bead, u.part), (k, None));
            assert_eq!(u.ids.to_vec(), b.ids);
            assert_eq!(u.score, b.score);
        }
    }

    #[test]
    fn projections_of_a_joint_alignment_score_at_least_the_joint_beads() {
        let [ar, en, ru] = documents();
        let docs = [&ar, &en, &ru];
        let aligner = Aligner::new();
        let joint = aligner.align(&docs).unwrap().beads;
        for (a, b) in crate::align::three::PAIRS {
            let units = aligner.pair_units(&docs, &joint, &[], a, b);
            let mut next = [0, 0];
            for u in &units {
                for (next, ids) in next.iter_mut().zip(&u.ids) {
                    assert_eq!(ids.start, *next, "{units:?}");
                    *next = ids.end;
                }
                if u.part.is_none() {
                    assert!(u.score >= joint[u.bead].score);
                }
            }
            assert_eq!(next, [docs[a].len(), docs[b].len()]);
        }
    }
}
