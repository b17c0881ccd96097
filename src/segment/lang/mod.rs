//! The abbreviation and rule lists of each language with its own rules.

pub(crate) mod ar;
pub(crate) mod en;
pub(crate) mod generic;
pub(crate) mod ru;
