//! Aligning again around what the translator fixed: every confirmed bead
//! stays as it is, and each stretch between two confirmed beads is aligned
//! again.
//!
//! For two documents, the model is fitted to the whole document pair first
//! (both passes, as [`Aligner::align`] does), and then the dynamic
//! programme runs on each stretch alone, inside a band that grows where
//! the path nears its edge, so a stretch costs what its size costs and the
//! weights still come from all the document's evidence. Three documents
//! are treated alike: the three pair models are fitted to the whole
//! documents, and the joint search runs on each stretch with their costs.

use super::band::Band;
use super::cost::Cost;
use super::dp::{self, Lattice, Sweeps};
use super::pair::{self, PairAlignment, PairBead, PairModel, SHAPES};
use super::three;
use super::tokens::DocAnchors;
use super::{Aligner, Bead};
use crate::document::Document;
use crate::error::{Error, Result};
use std::ops::Range;

impl Aligner {
    /// Aligns `docs` again, keeping every bead whose `fixed` flag is true
    /// and aligning each stretch between fixed beads anew. `beads` must
    /// cover every sentence once, in order (as an [`super::Alignment`]
    /// does); `fixed[i]` goes with `beads[i]` (missing flags are false).
    /// Fixed beads keep their place and score; the other beads get the
    /// posterior of the stretch's search as their score. As with
    /// [`Aligner::align`], the order `docs` are named in only orders the
    /// bead columns.
    ///
    /// ```
    /// use tmalign::{Aligner, Document};
    /// let en = Document::presegmented("en", "It rained in 2019.\nThe river rose.\nPutin spoke.\n".into());
    /// let ru = Document::presegmented("ru", "В 2019 году шёл дождь.\nРека поднялась.\nПутин выступил.\n".into());
    /// let aligner = Aligner::new();
    /// let good = aligner.align(&[&en, &ru]).unwrap();
    /// let beads = aligner.realign(&[&en, &ru], &good.beads, &[false, true, false]).unwrap();
    /// let ids: Vec<_> = beads.iter().map(|b| b.ids.clone()).collect();
    /// assert_eq!(ids, good.beads.iter().map(|b| b.ids.clone()).collect::<Vec<_>>());
    /// ```
    ///
    /// # Errors
    /// [`Error::DocumentCount`] unless given 2 or 3 documents;
    /// [`Error::BeadCover`] when `beads` do not cover every sentence of
    /// `docs` once, in order (see [`super::Alignment::check`]), or there
    /// are more flags than beads.
    pub fn realign(&self, docs: &[&Document], beads: &[Bead], fixed: &[bool]) -> Result<Vec<Bead>> {
        if !(2..=3).contains(&docs.len()) {
            return Err(Error::DocumentCount { found: docs.len() });
        }
        super::cover::check_cover(beads, docs)?;
        if fixed.len() > beads.len() {
            return Err(Error::BeadCover {
                bead: None,
                message: format!("{} fixed flags for {} beads", fixed.len(), beads.len()),
            });
        }
        let order = super::order::reading_order(docs);
        let docs = &super::order::read(docs, &order)[..];
        let beads = &super::order::to_reading(beads, &order)[..];
        let n = docs.len();
        let anchors: Vec<DocAnchors> = docs.iter().map(|d| self.anchors(d)).collect();
        let model = (n == 2).then(|| PairModel::new(&anchors[0], &anchors[1], self));
        let fitted = model.as_ref().map(|m| pair::align(m, self));
        // Three documents: the three pairs fitted to the whole documents
        // once, as align does, not to each stretch (a stretch of a few
        // sentences is too little to fit weights and length ratios to).
        let models = (n == 3)
            .then(|| three::pair_models(&anchors, self))
            .flatten();
        let pairs = models.as_ref().map(|m| three::pair_paths(m, self));
        let mut out = Vec::with_capacity(beads.len());
        let mut start: Vec<usize> = vec![0; n];
        let flush = |start: &[usize], end: &[usize], out: &mut Vec<Bead>| -> Result<()> {
            let ranges: Vec<Range<usize>> = start.iter().zip(end).map(|(&s, &e)| s..e).collect();
            match (&fitted, &pairs) {
                (Some(fitted), _) => out.extend(stretch_pair(fitted, self, &ranges[0], &ranges[1])),
                (None, Some(pairs)) => out.extend(stretch_three(pairs, self, &ranges)),
                (None, None) => return Err(Error::DocumentCount { found: docs.len() }),
            }
            Ok(())
        };
        for (i, bead) in beads.iter().enumerate() {
            if !fixed.get(i).copied().unwrap_or(false) {
                continue;
            }
            let end: Vec<usize> = bead.ids.iter().map(|r| r.start).collect();
            flush(&start, &end, &mut out)?;
            out.push(bead.clone());
            start = bead.ids.iter().map(|r| r.end).collect();
        }
        let end: Vec<usize> = docs.iter().map(|d| d.len()).collect();
        flush(&start, &end, &mut out)?;
        Ok(super::order::to_given(out, &order))
    }
}

/// The search graph of one stretch: a band over its own sentences, beads
/// priced by the model fitted to the whole document pair.
struct Stretch<'f, 'm, 'a> {
    fitted: &'f PairAlignment<'m, 'a>,
    band: Band,
    origin: (usize, usize),
    shapes: usize,
}

impl Stretch<'_, '_, '_> {
    fn ranges(&self, from: (usize, usize), to: (usize, usize)) -> (Range<usize>, Range<usize>) {
        let (i0, j0) = self.origin;
        (i0 + from.0..i0 + to.0, j0 + from.1..j0 + to.1)
    }
}

impl Lattice for Stretch<'_, '_, '_> {
    fn cells(&self) -> usize {
        self.band.cells()
    }

    fn shapes(&self) -> usize {
        self.shapes
    }

    fn prev(&self, cell: usize, t: usize) -> Option<usize> {
        self.band.start_of(cell, SHAPES[t].0)
    }

    fn next(&self, cell: usize, t: usize) -> Option<usize> {
        self.band.end_of(cell, SHAPES[t].0)
    }

    fn cost(&self, cell: usize, t: usize) -> Cost {
        match self.prev(cell, t) {
            Some(prev) => {
                let (r0, r1) = self.ranges(self.band.position(prev), self.band.position(cell));
                Cost::new(self.fitted.range_cost(&r0, &r1))
            }
            None => Cost::INFINITE,
        }
    }
}

/// Aligns sentences `r0` of side 0 with `r1` of side 1 under the fitted
/// model of the whole pair.
fn stretch_pair(
    fitted: &PairAlignment,
    settings: &Aligner,
    r0: &Range<usize>,
    r1: &Range<usize>,
) -> Vec<Bead> {
    let (rows, cols) = (r0.len(), r1.len());
    if rows == 0 && cols == 0 {
        return Vec::new();
    }
    let width = settings.band_width.max(1);
    let mut stretch = Stretch {
        fitted,
        band: Band::around(rows, cols, &[], None, width),
        origin: (r0.start, r1.start),
        shapes: fitted.lattice().shapes().min(SHAPES.len()),
    };
    let mut by = width;
    let path = loop {
        let path = dp::viterbi(&stretch);
        let cells: Vec<(usize, usize)> = path.iter().map(|s| stretch.band.position(s.to)).collect();
        match stretch.band.grown(&cells, by) {
            Some(wider) => stretch.band = wider,
            None => break path,
        }
        by *= 2;
    };
    let sweeps = Sweeps::new(&stretch);
    path.iter()
        .map(|s| {
            let (r0, r1) =
                stretch.ranges(stretch.band.position(s.from), stretch.band.position(s.to));
            Bead {
                ids: vec![r0, r1],
                score: sweeps
                    .as_ref()
                    .map_or(0.0, |w| w.posterior(s.from, s.to, s.cost)),
            }
        })
        .collect()
}

/// Aligns one stretch of three documents jointly, under the pair models
/// fitted to the whole documents: each pair's path across the stretch
/// first (for the tube), then the joint search inside it.
fn stretch_three(
    pairs: &[PairAlignment; 3],
    settings: &Aligner,
    ranges: &[Range<usize>],
) -> Vec<Bead> {
    if ranges.iter().all(|r| r.is_empty()) {
        return Vec::new();
    }
    let local = |fitted: &PairAlignment, x: &Range<usize>, y: &Range<usize>| -> Vec<PairBead> {
        stretch_pair(fitted, settings, x, y)
            .into_iter()
            .map(|b| PairBead {
                ids: [
                    b.ids[0].start - x.start..b.ids[0].end - x.start,
                    b.ids[1].start - y.start..b.ids[1].end - y.start,
                ],
                score: b.score,
            })
            .collect()
    };
    let with1 = local(&pairs[0], &ranges[0], &ranges[1]);
    let with2 = local(&pairs[1], &ranges[0], &ranges[2]);
    three::search(
        pairs,
        [ranges[0].start, ranges[1].start, ranges[2].start],
        [ranges[0].len(), ranges[1].len(), ranges[2].len()],
        &with1,
        &with2,
    )
}

#[cfg(test)]
mod tests {
    use crate::{Aligner, Bead, Document};

    fn doc(lang: &str, lines: &[&str]) -> Document {
        Document::presegmented(lang, lines.join("\n"))
    }

    #[test]
    fn three_documents_realign_around_a_confirmed_bead() {
        let en = doc(
            "en",
            &[
                "Putin met Trump in Helsinki on 16 July 2018.",
                "The meeting lasted 2 hours.",
                "Some 300 reporters waited.",
                "Both spoke to the press.",
            ],
        );
        let ru = doc(
            "ru",
            &[
                "Путин встретился с Трампом в Хельсинки 16 июля 2018 года.",
                "Встреча длилась 2 часа.",
                "Около 300 журналистов ждали.",
                "Оба выступили перед прессой.",
            ],
        );
        let ar = doc(
            "ar",
            &[
                "التقى بوتين وترامب في هلسنكي في 16 يوليو 2018.",
                "استمر الاجتماع ساعتين (2).",
                "وانتظر نحو 300 صحفي.",
                "وتحدث الزعيمان إلى الصحافة.",
            ],
        );
        let docs = [&en, &ru, &ar];
        let aligner = Aligner::new();
        let good = aligner.align(&docs).unwrap();
        // Everything in one bead except a confirmed correct one in the middle.
        let bead = |r: std::ops::Range<usize>| Bead {
            ids: vec![r.clone(), r.clone(), r],
            score: 0.1,
        };
        let bad = vec![bead(0..2), bead(2..3), bead(3..4)];
        let beads = aligner.realign(&docs, &bad, &[false, true, false]).unwrap();
        let ids: Vec<_> = beads.iter().map(|b| b.ids.clone()).collect();
        let expected: Vec<_> = good.beads.iter().map(|b| b.ids.clone()).collect();
        assert_eq!(ids, expected);
        assert_eq!(beads[2].score, 0.1, "the confirmed bead keeps its score");
    }

    #[test]
    fn beads_that_lose_or_repeat_a_sentence_are_refused() {
        let en = doc("en", &["It rained in 2019.", "The river rose."]);
        let ru = doc("ru", &["В 2019 году шёл дождь.", "Река поднялась."]);
        let aligner = Aligner::new();
        let bead = |a: std::ops::Range<usize>, b: std::ops::Range<usize>| Bead {
            ids: vec![a, b],
            score: 1.0,
        };
        // The second confirmed bead takes sentence 0 of each side again.
        let twice = [bead(0..1, 0..1), bead(0..2, 0..2)];
        let error = aligner.realign(&[&en, &ru], &twice, &[true, true]);
        assert!(
            matches!(error, Err(crate::Error::BeadCover { bead: Some(1), .. })),
            "{error:?}"
        );
        // Named in the other order, the bead is still named by its place.
        let short = [bead(0..1, 0..1)];
        let error = aligner.realign(&[&ru, &en], &short, &[true]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "after the last bead: document 1 (ru) has 2 sentences, but the beads end at sentence 1"
        );
        let good = [bead(0..1, 0..1), bead(1..2, 1..2)];
        assert!(aligner.realign(&[&en, &ru], &good, &[true, false]).is_ok());
        let flags = aligner.realign(&[&en, &ru], &good, &[true, false, true]);
        assert!(
            matches!(flags, Err(crate::Error::BeadCover { bead: None, .. })),
            "{flags:?}"
        );
    }
}
