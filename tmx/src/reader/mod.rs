//! The streaming TMX reader: the header first, then one unit at a time.

use crate::error::{Position, Result};
use crate::model::{Header, Tu};
use crate::source::{At, Source};
use quick_xml::events::Event;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

pub(crate) type Xml<R> = quick_xml::Reader<Source<R>>;

mod check;
mod header;
mod options;
mod props;
mod seg;
mod unit;
mod warning;
// The XLIFF reader shares the tokenizer's events and text checks.
pub(crate) mod xml;

use check::*;
use header::*;
pub use options::ReaderOptions;
use seg::*;
use unit::*;
pub use warning::{Warning, WarningKind};
use xml::*;

/// How many distinct non-canonical or invalid language codes are warned
/// about; codes beyond these are read without a warning.
const MAX_LANG_CACHE: usize = 256;

/// Everything the parsing functions share besides the tokenizer and its buffer.
struct Ctx {
    options: ReaderOptions,
    warnings: Vec<Warning>,
    warning_count: u64,
    /// All warnings by kind, kept or not.
    by_kind: std::collections::BTreeMap<&'static str, u64>,
    /// Start offsets of the variants of the current unit.
    tuv_starts: Vec<At>,
    /// Open inline elements while reading a segment.
    stack: Vec<Frame>,
    /// Non-canonical or invalid codes already warned about: at most
    /// [`MAX_LANG_CACHE`] codes, each at most `max_lang_bytes` long.
    noncanonical: std::collections::HashSet<String>,
    /// Scratch for attribute values.
    value: String,
    /// Scratch for `i` values when checking pairs.
    bpts: Vec<String>,
    epts: Vec<String>,
    /// True once a unit's bad date was reported.
    bad_unit_date_seen: bool,
}

impl Ctx {
    fn warn(&mut self, position: Position, kind: WarningKind) {
        self.warning_count += 1;
        *self.by_kind.entry(kind.name()).or_insert(0) += 1;
        if self.warnings.len() < self.options.max_warnings {
            self.warnings.push(Warning { position, kind });
        }
    }
}

/// A streaming TMX reader (TMX 1.1-1.4, UTF-8 or UTF-16 with a BOM).
///
/// The header is read when the reader is created; units are then read one
/// at a time, so memory stays flat on files of any size. Custom and external
/// entities are never expanded.
///
/// ```
/// let xml = r#"<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1"
///   segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
///   <tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="ar_SA"><seg>مرحبا</seg></tuv></tu>
/// </body></tmx>"#;
/// let mut reader = tmx::Reader::from_str(xml)?;
/// assert_eq!(reader.header().srclang, "en");
/// let mut tu = tmx::Tu::default();
/// while reader.read_tu(&mut tu)? {
///     assert_eq!(tu.tuvs[1].lang, "ar-SA");
///     assert_eq!(tu.tuvs[1].seg.text(), "مرحبا");
/// }
/// # Ok::<(), tmx::Error>(())
/// ```
pub struct Reader<R> {
    xml: Xml<R>,
    buf: Vec<u8>,
    header: Header,
    version: String,
    ctx: Ctx,
    header_position: Position,
    /// True once the end of `<body>` was read (or after an error).
    done: bool,
    units: u64,
}

impl Reader<BufReader<File>> {
    /// Opens a file and reads its header.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Reader<BufReader<File>>> {
        let file = File::open(path)?;
        Reader::with_options(
            BufReader::with_capacity(256 << 10, file),
            ReaderOptions::default(),
        )
    }
}

impl<R: Read> Reader<BufReader<R>> {
    /// Reads from any `Read` (buffered here) and reads the header.
    pub fn from_reader(reader: R) -> Result<Reader<BufReader<R>>> {
        Reader::with_options(
            BufReader::with_capacity(256 << 10, reader),
            ReaderOptions::default(),
        )
    }
}

impl<'a> Reader<&'a [u8]> {
    /// Reads from a string and reads the header.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &'a str) -> Result<Reader<&'a [u8]>> {
        Reader::with_options(text.as_bytes(), ReaderOptions::default())
    }

    /// Reads from bytes (UTF-8, or UTF-16 with a BOM) and reads the header.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Reader<&'a [u8]>> {
        Reader::with_options(bytes, ReaderOptions::default())
    }
}

impl<R: BufRead> Reader<R> {
    /// Reads from a `BufRead` as it is (no extra buffer) and reads the header.
    pub fn from_bufread(reader: R) -> Result<Reader<R>> {
        Reader::with_options(reader, ReaderOptions::default())
    }

    /// Like [`Reader::from_bufread`], with limits.
    pub fn with_options(reader: R, options: ReaderOptions) -> Result<Reader<R>> {
        let source = Source::new(reader, options.max_unit_bytes)?;
        let mut xml = quick_xml::Reader::from_reader(source);
        xml.config_mut().check_end_names = true;
        let mut reader = Reader {
            xml,
            buf: Vec::with_capacity(4096),
            header: Header::default(),
            version: String::new(),
            ctx: Ctx {
                options,
                warnings: Vec::new(),
                warning_count: 0,
                by_kind: std::collections::BTreeMap::new(),
                tuv_starts: Vec::new(),
                stack: Vec::new(),
                noncanonical: std::collections::HashSet::new(),
                value: String::new(),
                bpts: Vec::new(),
                epts: Vec::new(),
                bad_unit_date_seen: false,
            },
            header_position: Position::default(),
            done: false,
            units: 0,
        };
        reader.read_prolog()?;
        Ok(reader)
    }

    /// The header, read before any unit.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The `version` attribute of `<tmx>` (e.g. "1.4").
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Where the `<header>` element starts.
    pub fn header_position(&self) -> Position {
        self.header_position
    }

    /// True when the input is UTF-16.
    pub fn is_utf16(&self) -> bool {
        self.xml.get_ref().is_utf16()
    }

    /// Units read so far.
    pub fn units_read(&self) -> u64 {
        self.units
    }

    /// Warnings kept since the last [`Reader::take_warnings`].
    pub fn warnings(&self) -> &[Warning] {
        &self.ctx.warnings
    }

    /// Takes the kept warnings, making room for more.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.ctx.warnings)
    }

    /// All warnings so far, including those not kept.
    pub fn warning_count(&self) -> u64 {
        self.ctx.warning_count
    }

    /// All warnings so far by [`WarningKind::name`], including those not
    /// kept, in name order.
    ///
    /// ```
    /// let xml = r#"<tmx version="1.4"><header srclang="en"/><body/></tmx>"#;
    /// let reader = tmx::Reader::from_str(xml)?;
    /// let counts: Vec<_> = reader.warnings_by_kind().collect();
    /// assert_eq!(counts, [("missing_header_attribute", 6)]);
    /// # Ok::<(), tmx::Error>(())
    /// ```
    pub fn warnings_by_kind(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.ctx.by_kind.iter().map(|(&k, &n)| (k, n))
    }

    /// The underlying reader. After [`Reader::read_tu`] returned `Ok(false)`
    /// it is at the end of the input; for UTF-16 input, bytes the decoder
    /// read ahead are not in it.
    pub fn into_inner(self) -> R {
        self.xml.into_inner().into_inner()
    }

    /// Where the reader is now.
    pub fn position(&self) -> Position {
        self.xml.get_ref().at(self.xml.buffer_position()).position()
    }

    /// Reads the next unit into `tu`, reusing its allocations. Returns
    /// `Ok(false)` at the end of the body (and after an error).
    ///
    /// ```
    /// # let xml = r#"<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu></body></tmx>"#;
    /// let mut reader = tmx::Reader::from_str(xml)?;
    /// let mut tu = tmx::Tu::default();
    /// let mut count = 0;
    /// while reader.read_tu(&mut tu)? {
    ///     count += 1;
    /// }
    /// assert_eq!(count, 1);
    /// # Ok::<(), tmx::Error>(())
    /// ```
    pub fn read_tu(&mut self, tu: &mut Tu) -> Result<bool> {
        if self.done {
            return Ok(false);
        }
        let result = self.read_tu_inner(tu);
        if !matches!(result, Ok(true)) {
            self.done = true;
        }
        result
    }

    /// An iterator over the remaining units; it ends after an error.
    pub fn tus(&mut self) -> Tus<'_, R> {
        Tus { reader: self }
    }

    /// An owning iterator over the remaining units; it ends after an error.
    pub fn into_tus(self) -> IntoTus<R> {
        IntoTus { reader: self }
    }

    fn read_prolog(&mut self) -> Result<()> {
        let Reader {
            xml,
            buf,
            header,
            version,
            ctx,
            header_position,
            ..
        } = self;
        // Up to the root element.
        loop {
            let (start, event) = next(xml, buf)?;
            if is_misc(start, &event)? {
                continue;
            }
            match event {
                Event::Decl(d) => check_decl(&d, start, xml.get_ref().is_utf16(), ctx)?,
                Event::DocType(t) => check_markup(&t, start)?,
                Event::Start(e) if e.name().as_ref() == b"tmx" => {
                    for_each_attr(&e, start, ctx, |name, value| {
                        if name == b"version" {
                            version.push_str(value);
                        }
                    })?;
                    break;
                }
                event => return Err(unexpected(start, "`<tmx>`", &event)),
            }
        }
        // The header.
        xml.get_mut().mark();
        loop {
            let (start, event) = next(xml, buf)?;
            if is_misc(start, &event)? {
                continue;
            }
            let (e, has_children) = match event {
                Event::Start(e) if e.name().as_ref() == b"header" => (e, true),
                Event::Empty(e) if e.name().as_ref() == b"header" => (e, false),
                event => return Err(unexpected(start, "`<header>`", &event)),
            };
            *header_position = start.position();
            header_attrs(&e, start, header, ctx)?;
            drop(e);
            if has_children {
                read_header_children(xml, buf, header, ctx)?;
            }
            break;
        }
        // The body.
        loop {
            xml.get_mut().mark();
            let (start, event) = next(xml, buf)?;
            if is_misc(start, &event)? {
                continue;
            }
            match event {
                Event::Start(e) if e.name().as_ref() == b"body" => return Ok(()),
                Event::Empty(e) if e.name().as_ref() == b"body" => {
                    drop(e);
                    self.done = true;
                    return read_epilog(&mut self.xml, &mut self.buf);
                }
                event => return Err(unexpected(start, "`<body>`", &event)),
            }
        }
    }

    fn read_tu_inner(&mut self, tu: &mut Tu) -> Result<bool> {
        let Reader { xml, buf, ctx, .. } = self;
        loop {
            xml.get_mut().mark();
            let (start, event) = next(xml, buf)?;
            let (e, empty) = match child(start, event, "body", "`<tu>` or `</body>`", ctx)? {
                None => continue,
                // check_end_names guarantees this is </body>.
                Some(Child::End) => return read_epilog(xml, buf).map(|()| false),
                Some(Child::Element(e, empty)) => (e, empty),
            };
            if e.name().as_ref() != b"tu" {
                warn_unknown(&e, start, "body", ctx)?;
                drop(e);
                if !empty {
                    skip_element(xml, buf)?;
                }
                continue;
            }
            tu_attrs(&e, start, tu, ctx)?;
            drop(e);
            if empty {
                tu.props.clear();
                tu.notes.clear();
                tu.tuvs.clear();
            } else {
                read_tu_children(xml, buf, tu, ctx)?;
            }
            check_unit(start, tu, ctx);
            self.units += 1;
            return Ok(true);
        }
    }
}

/// A borrowing iterator of units, from [`Reader::tus`].
pub struct Tus<'r, R> {
    reader: &'r mut Reader<R>,
}

impl<R: BufRead> Iterator for Tus<'_, R> {
    type Item = Result<Tu>;

    fn next(&mut self) -> Option<Result<Tu>> {
        let mut tu = Tu::default();
        match self.reader.read_tu(&mut tu) {
            Ok(true) => Some(Ok(tu)),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// An owning iterator of units, from [`Reader::into_tus`].
pub struct IntoTus<R> {
    reader: Reader<R>,
}

impl<R> IntoTus<R> {
    /// The reader, e.g. for its warnings.
    pub fn reader(&self) -> &Reader<R> {
        &self.reader
    }
}

impl<R: BufRead> Iterator for IntoTus<R> {
    type Item = Result<Tu>;

    fn next(&mut self) -> Option<Result<Tu>> {
        self.reader.tus().next()
    }
}

#[cfg(test)]
mod tests;
