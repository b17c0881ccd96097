//! Integration tests, in one binary. Each module is one topic.

mod cli;
mod examples;
mod util;

mod accuracy;
mod eval;
