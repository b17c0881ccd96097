//! Tools for translation memories once they are written: cleaning rules
//! that understand numbers in every script ([`Cleaner`], [`Rule`]).

mod anchors;
mod clean;
mod rules;

pub use anchors::{code_count, link_keys, number_keys, unbalanced_tags};
pub use clean::{Cleaner, Dropped, RatioRange, MIN_FIT_UNITS, MIN_RATIO_CHARS};
pub use rules::Rule;
