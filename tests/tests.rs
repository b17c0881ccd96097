//! Integration tests, in one binary. Each module is one topic.

mod util;
