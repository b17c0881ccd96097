//! Corpus scale: many document sets, each aligned on its own.
//!
//! - [`set`]: a [`DocumentSet`] (an id and two or three texts), parsed from
//!   a line of JSON.
//! - [`aligned_set`]: [`align_set`], the per-document core shared by
//!   `tmalign pipe` and `tmalign batch`, so both give the same units.
//! - [`stream`]: [`align_stream`], JSON Lines in and out in bounded
//!   windows, aligned in parallel and written in input order: the unit of
//!   work for Spark's `RDD.pipe` and GNU parallel.

pub mod aligned_set;
pub mod set;
pub mod stream;

pub use aligned_set::{
    align_set, language_pairs, write_error_line, CorpusOptions, SetAlignment, UnitSet, DOC_PROP,
};
pub use set::{DocumentSet, SetId, SetOptions};
pub use stream::{align_stream, StreamOptions, StreamSummary};
