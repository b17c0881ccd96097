//! Scoring: strict and lax precision, recall and F1 of beads against gold
//! beads, and how right the beads are that a score threshold keeps.
//!
//! - [`parse_beads`], [`read_beads`] and [`from_alignment`] turn beads files
//!   and [`Alignment`](crate::Alignment)s into [`BeadIds`];
//!   [`beads_from_links`] does it for aligners that output sentence links.
//!   The format itself is defined in [`crate::export::beads`].
//! - [`count`] compares hypothesis beads with gold beads; the definitions
//!   (those of Vecalign's `score.py`) are in the [`score`] module. Add the
//!   [`Counts`] of several documents to pool them. [`Calibration`] measures
//!   how right the beads are that a score threshold keeps.
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

pub mod score;

pub use crate::export::beads::{
    beads_from_links, from_alignment, parse_beads, read_beads, BeadIds,
};
pub use score::{
    count, recall_by_kind, score_documents, Calibration, Counts, LinkCounts, Prf, Scores,
};
