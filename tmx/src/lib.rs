//! Streaming TMX 1.4b reader and writer (PLACEHOLDER).
#![deny(missing_docs)]
#![forbid(unsafe_code)]
