//! Streaming TMX 1.4b reader and writer for translation memories.
//!
//! TMX is how translation memories move between CAT tools (OmegaT, Trados,
//! memoQ, Okapi, ...). This crate reads and writes it as a stream, so
//! multi-gigabyte memories go through in flat memory, and it writes the
//! profile that those tools accept:
//!
//! - UTF-8 (or UTF-16 LE with a BOM on request), all seven required header
//!   attributes, `creationdate` as `YYYYMMDDThhmmssZ`;
//! - canonical BCP 47 language codes ([`lang::canonical`]);
//! - no empty segments, no unit with fewer than two variants, one variant
//!   per language per unit, trimmed segments;
//! - carriage returns written as `&#xD;`, bidi marks untouched, characters
//!   that XML 1.0 forbids removed and counted (or refused).
//!
//! # Writing
//!
//! ```
//! use tmx::{Header, Tu, Writer, WriterOptions};
//! let mut out = Vec::new();
//! let mut writer = Writer::new(&mut out, &Header::new("mytool", "1.0", "en"), WriterOptions::default())?;
//! writer.write_tu(&Tu::from_pairs([("en", "Good morning."), ("ru", "Доброе утро.")]))?;
//! let summary = writer.finish()?;
//! assert_eq!(summary.units_written, 1);
//! # Ok::<(), tmx::Error>(())
//! ```
//!
//! # Reading
//!
//! The header is read first; units then come one at a time, into a reused
//! buffer with [`Reader::read_tu`] or as an iterator with [`Reader::tus`].
//! Problems that CAT tools mishandle but the reader accepts (empty segments,
//! single-variant units, duplicate languages, ...) are [`Warning`]s.
//!
//! ```
//! let xml = r#"<?xml version="1.0"?>
//! <tmx version="1.4"><header srclang="en"/><body>
//!   <tu><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="RU"><seg>Да</seg></tuv></tu>
//!   <tu><tuv xml:lang="en"><seg>Alone</seg></tuv></tu>
//! </body></tmx>"#;
//! let mut reader = tmx::Reader::from_str(xml)?;
//! let units = reader.tus().collect::<Result<Vec<_>, _>>()?;
//! assert_eq!(units[0].variant("ru").unwrap().seg.text(), "Да");
//! let warnings = reader.take_warnings();
//! assert!(warnings.iter().any(|w| w.to_string() == "line 4, column 3: unit has 1 variant(s), expected at least 2"));
//! # Ok::<(), tmx::Error>(())
//! ```
//!
//! # Limits
//!
//! Memory is bounded per unit and per header by [`ReaderOptions`]; each
//! limit gives [`Error::Limit`] with its position:
//!
//! | limit | default |
//! | --- | ---: |
//! | [`ReaderOptions::max_unit_bytes`] (one unit, the header) | 64 MiB |
//! | [`ReaderOptions::max_depth`] (inline nesting) | 32 |
//! | [`ReaderOptions::max_variants`] (per unit) | 1,000 |
//! | [`ReaderOptions::max_inline_elements`] (per segment) | 10,000 |
//! | [`ReaderOptions::max_props`] (per element) | 10,000 |
//! | [`ReaderOptions::max_notes`] (per element) | 10,000 |
//! | [`ReaderOptions::max_lang_bytes`] (one language code) | 128 |
//! | [`ReaderOptions::max_warnings`] (kept; all are counted) | 1,000 |
//!
//! At most 256 distinct non-canonical or invalid language codes are
//! remembered (to warn once each). Every check is linear in its input.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod chars;
mod date;
mod error;
pub mod lang;
mod model;
mod normalize;
mod reader;
mod source;
mod writer;
pub mod xliff;

pub use date::{is_tmx_date, tmx_date};
pub use error::{Error, Position, Result};
pub use model::{Attr, CodePart, Header, Inline, ItPos, Note, Prop, Seg, Sub, Tu, Tuv};
pub use reader::{IntoTus, Reader, ReaderOptions, Tus, Warning, WarningKind};
pub use writer::{ControlChars, OutputEncoding, WriteSummary, Writer, WriterOptions};
