//! Tools for translation memories once they are written: fuzzy lookup
//! with CAT-style match percentages ([`score`], [`Index`], [`lookup`]), and
//! cleaning rules that understand numbers in every script ([`Cleaner`],
//! [`Rule`]).

mod anchors;
mod clean;
mod index;
mod index_build;
mod index_file;
mod levenshtein;
mod lookup;
mod rules;
mod similarity;

pub use anchors::{code_count, link_keys, number_keys, unbalanced_tags};
pub use clean::{Cleaner, Dropped, RatioRange, MIN_FIT_UNITS, MIN_RATIO_CHARS};
pub use index::{Entry, Hit, Index};
pub use index_file::{
    check_fresh, index_bytes, memory_stamp, read_index, IndexHeader, INDEX_VERSION,
};
pub use lookup::{lookup, number_spans, Match};
pub use rules::Rule;
pub use similarity::{distance, score, score_tokens, Tokens, MINOR_COST};
