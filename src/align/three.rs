//! Joint alignment of three documents into one consistent set of beads.
//!
//! Each pair of documents is aligned first; that fixes the weights of each
//! pair's scoring model and shows roughly where the paths go. Then one
//! dynamic programme runs over the three-dimensional grid of (sentences of
//! document 0) × (of document 1) × (of document 2), inside a tube around
//! the pairwise paths, with beads of 0 to 2 sentences per document. A
//! joint bead costs half the sum of the costs of its three projections
//! onto pairs (each sentence is seen by two pairs), so the three pairwise
//! views vote and the result is consistent by construction.

use super::cost::Cost;
use super::dp::{self, Lattice};
use super::pair::{self, PairAlignment, PairModel};
use super::three_merge;
use super::tokens::DocAnchors;
use super::{Aligner, Bead};
use std::borrow::Cow;
use std::ops::Range;

/// How far (in sentences) the tube reaches beyond the pairwise paths.
const TUBE: usize = 1;

/// The tube stops growing after widenings of up to this many sentences.
const MAX_GROWTH: usize = 256;

/// The pairs of documents, in the order of [`pair_models`]: 0-1, 0-2, 1-2.
pub(super) const PAIRS: [(usize, usize); 3] = [(0, 1), (0, 2), (1, 2)];

/// Aligns three documents into one set of beads.
pub(crate) fn align(docs: &[DocAnchors], settings: &Aligner) -> Vec<Bead> {
    let Some(models) = pair_models(docs, settings) else {
        return Vec::new();
    };
    let pairs = pair_paths(&models, settings);
    let sizes = [docs[0].len(), docs[1].len(), docs[2].len()];
    search(&pairs, [0; 3], sizes, &pairs[0].beads, &pairs[1].beads)
}

/// The models of the three pairs of documents 0-1, 0-2 and 1-2, keeping
/// their cost caches for the joint search; `None` unless given three.
pub(crate) fn pair_models<'a>(
    docs: &'a [DocAnchors],
    settings: &Aligner,
) -> Option<[PairModel<'a>; 3]> {
    let [a, b, c] = docs else {
        return None;
    };
    let mut models = [
        PairModel::new(a, b, settings),
        PairModel::new(a, c, settings),
        PairModel::new(b, c, settings),
    ];
    for m in &mut models {
        m.table_bytes = usize::MAX;
    }
    Some(models)
}

/// Each pair aligned with its weights fitted to the whole pair of
/// documents. The pairs' own posteriors are not needed: the joint search
/// scores.
pub(crate) fn pair_paths<'m, 'a>(
    models: &'m [PairModel<'a>; 3],
    settings: &Aligner,
) -> [PairAlignment<'m, 'a>; 3] {
    let [m01, m02, m12] = models;
    let (p01, (p02, p12)) = rayon::join(
        || pair::path_only(m01, settings),
        || {
            rayon::join(
                || pair::path_only(m02, settings),
                || pair::path_only(m12, settings),
            )
        },
    );
    [p01, p02, p12]
}

/// The joint search over a box of `sizes` sentences of each document,
/// starting at sentence `origin[d]` of document `d`, with beads priced by
/// the pairs' fitted costs, in a tube around `with1` and `with2`: paths of
/// document 0 against documents 1 and 2 across the box, in the box's own
/// sentence numbers. The beads it gives are in the documents' numbers.
pub(crate) fn search(
    pairs: &[PairAlignment; 3],
    origin: [usize; 3],
    sizes: [usize; 3],
    with1: &[pair::PairBead],
    with2: &[pair::PairBead],
) -> Vec<Bead> {
    let shapes = joint_shapes();
    let mut tube = Tube::new(sizes, with1, with2);
    // Search, widening the tube where the joint path runs along its wall;
    // a widened tube keeps, in place, the costs of the cells it had.
    let mut by = 2 * TUBE;
    let mut previous: Option<Joint> = None;
    let (joint, path) = loop {
        let costs = Joint::costs(&tube, origin, pairs, &shapes, previous.take());
        let joint = Joint {
            tube,
            shapes: &shapes,
            costs,
        };
        let path = dp::viterbi(&joint);
        let cells: Vec<[usize; 3]> = path.iter().map(|s| joint.tube.position(s.to)).collect();
        match (by <= MAX_GROWTH, joint.tube.grown(&cells, by)) {
            (true, Some(wider)) => {
                tube = wider;
                previous = Some(joint);
                by *= 2;
            }
            _ => break (joint, path),
        }
    };
    let post = dp::posteriors(&joint, &path);
    let tube = &joint.tube;
    let beads = path
        .iter()
        .zip(post)
        .map(|(step, score)| {
            let (from, to) = (tube.position(step.from), tube.position(step.to));
            Bead {
                ids: (0..3)
                    .map(|d| origin[d] + from[d]..origin[d] + to[d])
                    .collect(),
                score,
            }
        })
        .collect();
    three_merge::merge_one_to_many(beads, pairs)
}

/// The bead shapes of the joint search: 0 to 2 sentences of each
/// document. A one-sided bead takes one sentence: two, as `2-0-0`, would
/// cost what two `1-0-0` beads cost, and count the same path twice.
fn joint_shapes() -> Vec<[usize; 3]> {
    (0..27)
        .map(|s| [s / 9, (s / 3) % 3, s % 3])
        .filter(|s| {
            let sides = s.iter().filter(|&&n| n > 0).count();
            sides > 1 || (sides == 1 && s.iter().sum::<usize>() == 1)
        })
        .collect()
}

/// The cells searched: for each row (sentence boundary of document 0), a
/// rectangle of columns of documents 1 and 2.
struct Tube {
    lo: [Vec<usize>; 2],
    hi: [Vec<usize>; 2],
    cols: [usize; 2],
    start: Vec<usize>,
    row_of: Vec<u32>,
}

impl Tube {
    /// The tube around the paths of the alignments of document 0 with
    /// document 1 and with document 2.
    fn new(sizes: [usize; 3], with1: &[pair::PairBead], with2: &[pair::PairBead]) -> Tube {
        let rows = sizes[0];
        let bounds = |beads: &[pair::PairBead], cols: usize| {
            let mut lo = vec![usize::MAX; rows + 1];
            let mut hi = vec![0; rows + 1];
            for bead in beads {
                let [r0, r1] = &bead.ids;
                for i in r0.start..=r0.end {
                    lo[i] = lo[i].min(r1.start.saturating_sub(TUBE));
                    hi[i] = hi[i].max((r1.end + TUBE).min(cols));
                }
            }
            (lo, hi)
        };
        let (lo1, hi1) = bounds(with1, sizes[1]);
        let (lo2, hi2) = bounds(with2, sizes[2]);
        Tube::from_bounds([lo1, lo2], [hi1, hi2], [sizes[1], sizes[2]])
    }

    /// Lays out a tube from its bounds per row, made monotonic and
    /// connected first.
    fn from_bounds(mut lo: [Vec<usize>; 2], mut hi: [Vec<usize>; 2], cols: [usize; 2]) -> Tube {
        let rows = lo[0].len() - 1;
        for d in 0..2 {
            let (lo, hi) = (&mut lo[d], &mut hi[d]);
            lo[0] = 0;
            hi[rows] = cols[d];
            for i in (0..rows).rev() {
                lo[i] = lo[i].min(lo[i + 1]);
            }
            for i in 1..=rows {
                hi[i] = hi[i].max(hi[i - 1]);
                lo[i] = lo[i].min(hi[i - 1]);
            }
            for i in 0..=rows {
                lo[i] = lo[i].min(hi[i]);
            }
        }
        let mut start = Vec::with_capacity(rows + 2);
        let mut row_of = Vec::new();
        let mut total = 0;
        for i in 0..=rows {
            start.push(total);
            let n = (hi[0][i] - lo[0][i] + 1) * (hi[1][i] - lo[1][i] + 1);
            total += n;
            row_of.extend(std::iter::repeat_n(i as u32, n));
        }
        start.push(total);
        Tube {
            lo,
            hi,
            cols,
            start,
            row_of,
        }
    }

    /// The tube widened by `by` over `by` rows wherever `path` runs along
    /// its wall; `None` when it never does.
    fn grown(&self, path: &[[usize; 3]], by: usize) -> Option<Tube> {
        let rows = self.lo[0].len() - 1;
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        let mut grown = false;
        for p in path {
            let i = p[0];
            for d in 0..2 {
                let low = self.lo[d][i] > 0 && p[d + 1] == self.lo[d][i];
                let high = self.hi[d][i] < self.cols[d] && p[d + 1] == self.hi[d][i];
                if !(low || high) {
                    continue;
                }
                grown = true;
                for r in i.saturating_sub(by)..=(i + by).min(rows) {
                    if low {
                        lo[d][r] = lo[d][r].min(self.lo[d][r].saturating_sub(by));
                    }
                    if high {
                        hi[d][r] = hi[d][r].max((self.hi[d][r] + by).min(self.cols[d]));
                    }
                }
            }
        }
        grown.then(|| Tube::from_bounds(lo, hi, self.cols))
    }

    /// The largest distance from a bead's end cell back to its start cell
    /// (beads take at most two sentences of document 0).
    fn reach(&self) -> usize {
        let rows = self.start.len() - 2;
        (0..=rows)
            .map(|i| self.start[i + 1] - 1 - self.start[i.saturating_sub(2)])
            .max()
            .unwrap_or(0)
    }

    fn width2(&self, i: usize) -> usize {
        self.hi[1][i] - self.lo[1][i] + 1
    }

    fn index(&self, p: [usize; 3]) -> Option<usize> {
        let i = p[0];
        if i + 1 >= self.start.len() {
            return None;
        }
        let inside = |d: usize| (self.lo[d][i]..=self.hi[d][i]).contains(&p[d + 1]);
        (inside(0) && inside(1)).then(|| {
            self.start[i] + (p[1] - self.lo[0][i]) * self.width2(i) + (p[2] - self.lo[1][i])
        })
    }

    fn position(&self, cell: usize) -> [usize; 3] {
        let i = self.row_of[cell] as usize;
        let offset = cell - self.start[i];
        let w = self.width2(i);
        [i, self.lo[0][i] + offset / w, self.lo[1][i] + offset % w]
    }
}

/// The joint search graph: the tube, with beads scored by the pair models.
struct Joint<'t> {
    tube: Tube,
    shapes: &'t [[usize; 3]],
    /// The cost of each shape ending in each cell (infinite where the bead
    /// would start outside the tube), computed once for all sweeps.
    costs: Vec<Cost>,
}

/// Cells per parallel work item when computing costs.
const CHUNK: usize = 1024;

impl Joint<'_> {
    /// The start of a bead of `shape` ending at `to`, and its cell, when
    /// in the tube.
    fn start(tube: &Tube, to: [usize; 3], shape: [usize; 3]) -> Option<([usize; 3], usize)> {
        let from = [
            to[0].checked_sub(shape[0])?,
            to[1].checked_sub(shape[1])?,
            to[2].checked_sub(shape[2])?,
        ];
        tube.index(from).map(|cell| (from, cell))
    }

    /// The cell where a bead of `shape` starting at `from` ends, if inside.
    fn end(tube: &Tube, from: [usize; 3], shape: [usize; 3]) -> Option<usize> {
        tube.index(std::array::from_fn(|d| from[d] + shape[d]))
    }

    /// Half the sum of the costs of each bead's projections onto the pairs
    /// (`origin` is where the tube's box starts in each document).
    /// `previous`, a smaller tube searched before, gives its table: the
    /// costs of the beads it held stay, moved in place to their cells in
    /// `tube`, so a widening never holds two tables at once.
    fn costs(
        tube: &Tube,
        origin: [usize; 3],
        pairs: &[PairAlignment; 3],
        shapes: &[[usize; 3]],
        previous: Option<Joint>,
    ) -> Vec<Cost> {
        let n = shapes.len();
        let (old_tube, mut costs) = match previous {
            Some(old) => {
                let (old_tube, costs) = old.into_costs_for(tube);
                (Some(old_tube), costs)
            }
            None => (None, vec![Cost::INFINITE; tube.row_of.len() * n]),
        };
        dp::fill_costs(&mut costs, n, CHUNK, |cell, slots| {
            let to = tube.position(cell);
            let kept = old_tube.as_ref().filter(|old| old.index(to).is_some());
            // Shapes ending here share their projections: a pair's cost
            // depends only on the pair's two counts, so each is asked once.
            let mut projected = [[f64::NAN; 9]; 3];
            for (slot, &shape) in slots.iter_mut().zip(shapes) {
                let Some((from, _)) = Joint::start(tube, to, shape) else {
                    *slot = Cost::INFINITE;
                    continue;
                };
                if kept.is_some_and(|old| old.index(from).is_some()) {
                    continue;
                }
                let r: [Range<usize>; 3] =
                    std::array::from_fn(|d| origin[d] + from[d]..origin[d] + to[d]);
                let mut cost = 0.0;
                for (p, (x, y)) in PAIRS.into_iter().enumerate() {
                    if r[x].is_empty() && r[y].is_empty() {
                        continue;
                    }
                    let known = &mut projected[p][shape[x] * 3 + shape[y]];
                    if known.is_nan() {
                        *known = pairs[p].range_cost(&r[x], &r[y]);
                    }
                    cost += *known;
                }
                *slot = Cost::new(cost / 2.0);
            }
        });
        costs
    }

    /// This search's table laid out for `wider`, a tube that holds this
    /// one (see [`dp::spread_costs`]).
    fn into_costs_for(self, wider: &Tube) -> (Tube, Vec<Cost>) {
        let sizes = (self.tube.row_of.len(), wider.row_of.len());
        let to = |cell| wider.index(self.tube.position(cell));
        let costs = dp::spread_costs(self.costs, self.shapes.len(), sizes, to);
        (self.tube, costs)
    }
}

impl Lattice for Joint<'_> {
    fn cells(&self) -> usize {
        self.tube.row_of.len()
    }

    fn shapes(&self) -> usize {
        self.shapes.len()
    }

    fn prev(&self, cell: usize, t: usize) -> Option<usize> {
        let (_, prev) = Joint::start(&self.tube, self.tube.position(cell), self.shapes[t])?;
        Some(prev)
    }

    fn next(&self, cell: usize, t: usize) -> Option<usize> {
        Joint::end(&self.tube, self.tube.position(cell), self.shapes[t])
    }

    fn prevs(&self, cell: usize, out: &mut [Option<usize>]) {
        let to = self.tube.position(cell);
        for (slot, &shape) in out.iter_mut().zip(self.shapes) {
            *slot = Joint::start(&self.tube, to, shape).map(|(_, prev)| prev);
        }
    }

    fn nexts(&self, cell: usize, out: &mut [Option<usize>]) {
        let from = self.tube.position(cell);
        for (slot, &shape) in out.iter_mut().zip(self.shapes) {
            *slot = Joint::end(&self.tube, from, shape);
        }
    }

    fn cost(&self, cell: usize, t: usize) -> Cost {
        self.costs[cell * self.shapes.len() + t]
    }

    fn costs(&self, cells: Range<usize>) -> Cow<'_, [Cost]> {
        let shapes = self.shapes.len();
        Cow::Borrowed(&self.costs[cells.start * shapes..cells.end * shapes])
    }

    fn reach(&self) -> usize {
        self.tube.reach()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Aligner, Document};

    fn doc(lang: &str, lines: &[&str]) -> Document {
        Document::presegmented(lang, lines.join("\n"))
    }

    #[test]
    fn three_documents_share_one_set_of_beads() {
        let en = doc(
            "en",
            &[
                "Putin met Trump in Helsinki on 16 July 2018.",
                "The meeting lasted 2 hours.",
                "Some 300 reporters waited outside in the rain.",
                "Both leaders spoke to the press afterwards.",
            ],
        );
        let ru = doc(
            "ru",
            &[
                "Путин встретился с Трампом в Хельсинки 16 июля 2018 года.",
                "Встреча длилась 2 часа.",
                "Оба лидера затем выступили перед прессой.",
            ],
        );
        let ar = doc(
            "ar",
            &[
                "التقى بوتين وترامب في هلسنكي في 16 يوليو 2018.",
                "استمر الاجتماع ساعتين (2).",
                "وانتظر نحو 300 صحفي في الخارج تحت المطر.",
                "وتحدث الزعيمان إلى الصحافة بعد ذلك.",
            ],
        );
        let al = Aligner::new().align(&[&en, &ru, &ar]).unwrap();
        let kinds: Vec<String> = al.beads.iter().map(|b| b.kind()).collect();
        assert_eq!(kinds, ["1-1-1", "1-1-1", "1-0-1", "1-1-1"]);
        assert!(al.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    }

    #[test]
    fn a_widened_tube_reuses_exactly_the_costs_it_would_compute() {
        let lines = |lang: &str, word: &str, skip: usize| -> Document {
            let text: Vec<String> = (0..40)
                .filter(|k| k % 9 != skip)
                .map(|k| format!("{word} {} {} {}.", k * 7, "x".repeat(k % 5 + 1), k))
                .collect();
            Document::presegmented(lang, text.join("\n"))
        };
        let docs = [
            lines("en", "Report", 99),
            lines("fr", "Rapport", 3),
            lines("de", "Bericht", 5),
        ];
        let settings = Aligner::new();
        let anchors: Vec<_> = docs.iter().map(super::DocAnchors::new).collect();
        let models = super::pair_models(&anchors, &settings).unwrap();
        let pairs = super::pair_paths(&models, &settings);
        let sizes = [docs[0].len(), docs[1].len(), docs[2].len()];
        let shapes = super::joint_shapes();
        let narrow = super::Tube::new(sizes, &pairs[0].beads, &pairs[1].beads);
        // Every row widened by 3 on both walls.
        let widen = |tube: &super::Tube| {
            let lo = tube
                .lo
                .clone()
                .map(|v| v.iter().map(|x| x.saturating_sub(3)).collect());
            let hi = [0, 1].map(|d| {
                tube.hi[d]
                    .iter()
                    .map(|x| (x + 3).min(tube.cols[d]))
                    .collect()
            });
            super::Tube::from_bounds(lo, hi, tube.cols)
        };
        let fresh = super::Joint::costs(&widen(&narrow), [0; 3], &pairs, &shapes, None);
        let previous = super::Joint {
            costs: super::Joint::costs(&narrow, [0; 3], &pairs, &shapes, None),
            tube: super::Tube::new(sizes, &pairs[0].beads, &pairs[1].beads),
            shapes: &shapes,
        };
        let wider = widen(&narrow);
        assert!(wider.row_of.len() > narrow.row_of.len() + 100);
        let reused = super::Joint::costs(&wider, [0; 3], &pairs, &shapes, Some(previous));
        assert_eq!(reused.len(), fresh.len());
        let same = reused.iter().zip(&fresh).all(|(x, y)| x == y);
        assert!(same, "a reused cost differs from the computed one");
        assert!(fresh.iter().any(|c| c.is_finite()));
    }

    #[test]
    fn tube_cells_round_trip() {
        let beads = |pairs: &[(Range, Range)]| -> Vec<super::pair::PairBead> {
            pairs
                .iter()
                .map(|(x, y)| super::pair::PairBead {
                    ids: [x.clone(), y.clone()],
                    score: 1.0,
                })
                .collect()
        };
        type Range = std::ops::Range<usize>;
        let with1 = beads(&[(0..1, 0..1), (1..2, 1..3), (2..3, 3..3)]);
        let with2 = beads(&[(0..1, 0..0), (1..3, 0..2)]);
        let tube = super::Tube::new([3, 3, 2], &with1, &with2);
        for cell in 0..tube.row_of.len() {
            assert_eq!(tube.index(tube.position(cell)), Some(cell));
        }
        assert_eq!(tube.index([0, 0, 0]), Some(0));
        assert_eq!(tube.index([3, 3, 2]), Some(tube.row_of.len() - 1));
    }

    #[test]
    fn tube_grows_where_the_path_runs_along_its_wall() {
        let diagonal = |n: usize| -> Vec<super::pair::PairBead> {
            (0..n)
                .map(|i| super::pair::PairBead {
                    ids: [i..i + 1, i..i + 1],
                    score: 1.0,
                })
                .collect()
        };
        let tube = super::Tube::new([40, 40, 40], &diagonal(40), &diagonal(40));
        let wall = tube.hi[0][20];
        assert!(tube.grown(&[[20, 20, 20]], 4).is_none());
        let wider = tube.grown(&[[20, wall, 20]], 4).unwrap();
        assert!(wider.hi[0][20] > wall);
        assert!(wider.row_of.len() > tube.row_of.len());
        for cell in 0..wider.row_of.len() {
            assert_eq!(wider.index(wider.position(cell)), Some(cell));
        }
    }
}
