//! Sentence alignment of two or three documents.
//!
//! PLACEHOLDER: pairs sentences along the diagonal. The real aligner replaces this.

use crate::document::Document;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One bead: the sentences of each document that translate each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    /// For each document, the (possibly empty) range of sentence indices.
    pub ids: Vec<Range<usize>>,
    /// Confidence in [0, 1].
    pub score: f64,
}

impl Bead {
    /// The bead type, such as `1-2` or `0-1-1`.
    pub fn kind(&self) -> String {
        let parts: Vec<String> = self.ids.iter().map(|r| r.len().to_string()).collect();
        parts.join("-")
    }
}

/// A monotonic list of beads that covers every sentence of every document
/// exactly once, in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Alignment {
    /// The beads in document order.
    pub beads: Vec<Bead>,
}

/// Aligns documents. Build it with [`Aligner::new`] and adjust the settings.
#[derive(Debug, Clone, Default)]
pub struct Aligner {}

impl Aligner {
    /// An aligner with the default settings.
    pub fn new() -> Aligner {
        Aligner::default()
    }

    /// Aligns two or three documents.
    pub fn align(&self, docs: &[&Document]) -> Result<Alignment> {
        if !(2..=3).contains(&docs.len()) {
            return Err(Error::DocumentCount { found: docs.len() });
        }
        let longest = docs.iter().map(|d| d.len()).max().unwrap_or(0);
        let beads = (0..longest)
            .map(|i| Bead {
                ids: docs
                    .iter()
                    .map(|d| if i < d.len() { i..i + 1 } else { d.len()..d.len() })
                    .collect(),
                score: 0.5,
            })
            .collect();
        Ok(Alignment { beads })
    }
}
