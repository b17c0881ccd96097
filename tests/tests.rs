//! Integration tests, in one binary. Each module is one topic.

mod align;
mod cli;
mod examples;
mod export_cli;
mod export_roundtrip;
mod lib_consumer;
mod messy;
mod pipe;
mod roundtrip;
mod samples;
mod util;

mod accuracy;
mod eval;
mod external;
mod hardening;
mod review;
mod review_browser;
mod segment;
mod segment_cli;
mod spark;
mod tm_clean;
mod tm_lookup;
mod tmx_cli;
mod tmx_interop;
mod tmx_merge;
mod xliff_cli;
mod xliff_interop;
