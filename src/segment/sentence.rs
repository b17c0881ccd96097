//! A sentence: a byte span into the segmented text.

use serde::{Deserialize, Serialize};

/// One sentence: a byte span into the segmented text ([`crate::Document::text`]) and the paragraph it is in.
///
/// Spans never include surrounding whitespace and are never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 0-based index of the paragraph (blank-line separated block).
    pub paragraph: usize,
}

impl Sentence {
    /// The span as a range, for slicing the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}
