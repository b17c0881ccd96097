//! tmalign: sentence segmentation, sentence alignment and TMX export for
//! Arabic, English, Russian and other languages.
//!
//! Data flows one way, and the modules follow it:
//!
//! ```text
//! bytes --input--> String --segment--> Document --align--> Alignment --export--> TMX / TSV / JSON / beads
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod align;
pub mod alignment_json;
pub mod corpus;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod input;
pub mod lang;
pub mod left_out;
mod pipeline;
pub mod review;
pub mod script;
pub mod segment;
pub mod tm;

pub use align::{Aligner, Alignment, Bead};
pub use document::{Document, Sentence};
pub use error::{Error, Result};
pub use pipeline::{align_owned_texts, align_texts, AlignedTexts, Options};
pub use segment::Segmenter;

/// The README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
