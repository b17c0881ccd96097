//! Evaluation: beads files, strict and lax scoring against gold beads, the
//! Text+Berg gold set, and a synthetic Arabic/English/Russian set.
//!
//! - [`parse_beads`], [`read_beads`], [`format_beads`] and [`from_alignment`]
//!   turn beads files and [`Alignment`](crate::Alignment)s into [`BeadIds`];
//!   [`beads_from_links`] does it for aligners that output sentence links.
//! - [`count`] compares hypothesis beads with gold beads; the definitions
//!   (those of Vecalign's `score.py`) are in the [`score`] module. Add the
//!   [`Counts`] of several documents to pool them. [`Calibration`] measures
//!   how right the beads are that a score threshold keeps.
//! - [`load_textberg`] reads a Text+Berg document and its gold.
//! - [`synth`] builds the Arabic/English/Russian set from line-aligned
//!   corpora, in a presegmented and a running-text view, and scores running
//!   text with link F1.
//!
//! ```
//! use tmalign::eval::{count, parse_beads};
//! let gold = parse_beads("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n", None)?;
//! let hyp = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n", None)?;
//! let scores = count(&gold, &hyp).scores();
//! assert_eq!(scores.strict.f1, 0.4); // P = 1/3, R = 1/2
//! assert_eq!(scores.lax.recall, 1.0);
//! # Ok::<(), tmalign::Error>(())
//! ```

mod beads;
pub mod score;
pub mod synth;
mod textberg;

pub use beads::{beads_from_links, format_beads, from_alignment, parse_beads, read_beads, BeadIds};
pub use score::{
    count, recall_by_kind, score_documents, Calibration, Counts, LinkCounts, Prf, Scores,
};
pub use textberg::{load_textberg, TEXTBERG_DEV, TEXTBERG_TEST};
