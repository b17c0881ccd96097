//! The streaming TMX reader: the header first, then one unit at a time.

use crate::chars::{find_illegal, unescape_into, UnescapeError};
use crate::error::{Error, Position, Result};
use crate::model::{CodePart, Header, Inline, ItPos, Note, Prop, Seg, Sub, Tu, Tuv};
use crate::source::{At, BadUtf16, Source};
use crate::writer::{is_tu_attr, is_tuv_attr};
use quick_xml::events::{BytesStart, Event};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

type Xml<R> = quick_xml::Reader<Source<R>>;

/// Limits that keep memory bounded on hostile or broken input.
///
/// Every limit gives [`Error::Limit`] with the position where it was
/// exceeded. Build with [`ReaderOptions::new`] and the setters:
///
/// ```
/// let mut options = tmx::ReaderOptions::new();
/// options.max_variants(50).max_unit_bytes(1 << 20);
/// let xml = r#"<tmx version="1.4"><header srclang="en"/><body/></tmx>"#;
/// let reader = tmx::Reader::with_options(xml.as_bytes(), options)?;
/// # Ok::<(), tmx::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ReaderOptions {
    pub(crate) max_unit_bytes: u64,
    pub(crate) max_depth: usize,
    pub(crate) max_warnings: usize,
    pub(crate) max_variants: usize,
    pub(crate) max_inline_elements: usize,
    pub(crate) max_props: usize,
    pub(crate) max_notes: usize,
    pub(crate) max_lang_bytes: usize,
}

impl Default for ReaderOptions {
    fn default() -> ReaderOptions {
        ReaderOptions {
            max_unit_bytes: 64 << 20,
            max_depth: 32,
            max_warnings: 1000,
            max_variants: 1000,
            max_inline_elements: 10_000,
            max_props: 10_000,
            max_notes: 10_000,
            max_lang_bytes: 128,
        }
    }
}

impl ReaderOptions {
    /// The default limits.
    pub fn new() -> ReaderOptions {
        ReaderOptions::default()
    }

    /// The most bytes one `<tu>` (or the header, or any single piece of
    /// markup between units) may span. By default, 64 MiB.
    pub fn max_unit_bytes(&mut self, bytes: u64) -> &mut ReaderOptions {
        self.max_unit_bytes = bytes;
        self
    }

    /// The deepest nesting of inline elements inside a `<seg>`. By default, 32.
    pub fn max_depth(&mut self, depth: usize) -> &mut ReaderOptions {
        self.max_depth = depth;
        self
    }

    /// How many warnings are kept until taken with
    /// [`Reader::take_warnings`]; later ones are only counted (in total and
    /// by kind). By default, 1000.
    pub fn max_warnings(&mut self, warnings: usize) -> &mut ReaderOptions {
        self.max_warnings = warnings;
        self
    }

    /// The most `<tuv>` in one unit. By default, 1000 (real memories have
    /// a few dozen languages at most).
    pub fn max_variants(&mut self, variants: usize) -> &mut ReaderOptions {
        self.max_variants = variants;
        self
    }

    /// The most inline elements (`bpt ept it ph hi ut sub` and unknown
    /// ones, at any depth) in one `<seg>`. By default, 10,000.
    pub fn max_inline_elements(&mut self, elements: usize) -> &mut ReaderOptions {
        self.max_inline_elements = elements;
        self
    }

    /// The most `<prop>` in one header, unit or variant. By default, 10,000.
    pub fn max_props(&mut self, props: usize) -> &mut ReaderOptions {
        self.max_props = props;
        self
    }

    /// The most `<note>` in one header, unit or variant. By default, 10,000.
    pub fn max_notes(&mut self, notes: usize) -> &mut ReaderOptions {
        self.max_notes = notes;
        self
    }

    /// The longest language code (`xml:lang`, `lang`, `srclang`), in bytes.
    /// By default, 128 (BCP 47 tags in use are under 40).
    pub fn max_lang_bytes(&mut self, bytes: usize) -> &mut ReaderOptions {
        self.max_lang_bytes = bytes;
        self
    }
}

/// Something the reader accepted but that CAT tools may mishandle.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Where it is.
    pub position: Position,
    /// What it is.
    pub kind: WarningKind,
}

/// The kinds of [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// The header lacks a required attribute (e.g. `srclang`).
    MissingHeaderAttribute {
        /// The attribute.
        attribute: &'static str,
    },
    /// A variant's segment is empty or only whitespace.
    EmptySeg {
        /// The variant's language.
        lang: String,
    },
    /// A segment starts or ends with whitespace (OmegaT never matches it).
    PaddedSeg {
        /// The variant's language.
        lang: String,
    },
    /// A date not in the TMX form `YYYYMMDDThhmmssZ` (reported for the
    /// header, and once for units).
    BadDate {
        /// The attribute, e.g. `creationdate`.
        attribute: String,
        /// The value found.
        found: String,
    },
    /// A unit has fewer than two variants.
    TooFewVariants {
        /// How many it has.
        count: usize,
    },
    /// A unit has two variants in the same language.
    DuplicateLanguage {
        /// The language.
        lang: String,
    },
    /// A language code not in canonical BCP 47 form (reported once per code).
    NonCanonicalLanguage {
        /// The code as written.
        found: String,
        /// The form the reader uses.
        canonical: String,
    },
    /// An element TMX does not allow here; it was skipped (its text is kept
    /// inside a segment).
    UnknownElement {
        /// The element name.
        name: String,
        /// The parent element.
        parent: &'static str,
    },
    /// Text where TMX allows only elements; it was ignored.
    UnexpectedText {
        /// The parent element.
        parent: &'static str,
    },
    /// A `<bpt>` without an `<ept>` of the same `i` in the segment, or the
    /// other way round.
    UnpairedCode {
        /// `bpt` or `ept`.
        element: &'static str,
        /// The `i` attribute.
        i: String,
    },
    /// A language code that is not well-formed BCP 47 (see
    /// [`crate::lang::is_well_formed`]); it is kept as read (reported once
    /// per code). The writer escapes it like any attribute value.
    InvalidLanguage {
        /// The code as written.
        found: String,
    },
    /// The XML declaration names an encoding other than the one the input
    /// is read in (UTF-8, or UTF-16 after a BOM).
    EncodingMismatch {
        /// The declared encoding (lower case, at most 40 characters).
        declared: String,
        /// What the reader reads the input as.
        read_as: &'static str,
    },
}

impl WarningKind {
    /// The kind's name, as in its serde tag: `empty_seg`, `unpaired_code`, ...
    pub fn name(&self) -> &'static str {
        match self {
            WarningKind::MissingHeaderAttribute { .. } => "missing_header_attribute",
            WarningKind::EmptySeg { .. } => "empty_seg",
            WarningKind::PaddedSeg { .. } => "padded_seg",
            WarningKind::BadDate { .. } => "bad_date",
            WarningKind::TooFewVariants { .. } => "too_few_variants",
            WarningKind::DuplicateLanguage { .. } => "duplicate_language",
            WarningKind::NonCanonicalLanguage { .. } => "non_canonical_language",
            WarningKind::UnknownElement { .. } => "unknown_element",
            WarningKind::UnexpectedText { .. } => "unexpected_text",
            WarningKind::UnpairedCode { .. } => "unpaired_code",
            WarningKind::InvalidLanguage { .. } => "invalid_language",
            WarningKind::EncodingMismatch { .. } => "encoding_mismatch",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WarningKind::MissingHeaderAttribute { attribute } => {
                write!(f, "<header> has no {attribute} attribute")
            }
            WarningKind::EmptySeg { lang } => write!(f, "empty segment in the {lang} variant"),
            WarningKind::PaddedSeg { lang } => {
                write!(
                    f,
                    "segment in the {lang} variant starts or ends with whitespace"
                )
            }
            WarningKind::BadDate { attribute, found } => {
                write!(
                    f,
                    "{attribute}: expected a date like 20240131T235959Z, found {found:?}"
                )
            }
            WarningKind::TooFewVariants { count } => {
                write!(f, "unit has {count} variant(s), expected at least 2")
            }
            WarningKind::DuplicateLanguage { lang } => {
                write!(f, "unit has more than one {lang} variant")
            }
            WarningKind::NonCanonicalLanguage { found, canonical } => {
                write!(
                    f,
                    "language code {found:?} is not canonical BCP 47, read as {canonical:?}"
                )
            }
            WarningKind::UnknownElement { name, parent } => {
                write!(f, "element <{name}> is not allowed in <{parent}>, skipped")
            }
            WarningKind::UnexpectedText { parent } => {
                write!(f, "text is not allowed directly in <{parent}>, ignored")
            }
            WarningKind::InvalidLanguage { found } => {
                write!(f, "language code {found:?} is not well-formed BCP 47")
            }
            WarningKind::EncodingMismatch { declared, read_as } => write!(
                f,
                "the XML declaration says encoding={declared:?}, but the input is read as {read_as}"
            ),
            WarningKind::UnpairedCode { element, i } => {
                let other = if *element == "bpt" { "ept" } else { "bpt" };
                write!(
                    f,
                    "<{element} i=\"{i}\"> has no matching <{other}> in the segment"
                )
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.position.line, self.position.column, self.kind
        )
    }
}

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
            match event {
                Event::Decl(d) => check_decl(&d, start, xml.get_ref().is_utf16(), ctx)?,
                Event::DocType(t) => check_markup(&t, start)?,
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
                Event::Text(t) if is_blank(&t) => {}
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
            let (e, has_children) = match event {
                Event::Text(t) if is_blank(&t) => continue,
                Event::Comment(t) => {
                    check_markup(&t, start)?;
                    continue;
                }
                Event::PI(t) => {
                    check_markup(&t, start)?;
                    continue;
                }
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
            match event {
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
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
            match event {
                Event::Start(e) if e.name().as_ref() == b"tu" => {
                    tu_attrs(&e, start, tu, ctx)?;
                    drop(e);
                    read_tu_children(xml, buf, tu, ctx)?;
                    check_unit(start, tu, ctx);
                    self.units += 1;
                    return Ok(true);
                }
                Event::Empty(e) if e.name().as_ref() == b"tu" => {
                    tu_attrs(&e, start, tu, ctx)?;
                    tu.props.clear();
                    tu.notes.clear();
                    tu.tuvs.clear();
                    check_unit(start, tu, ctx);
                    self.units += 1;
                    return Ok(true);
                }
                Event::End(_) => {
                    // check_end_names guarantees this is </body>.
                    return read_epilog(xml, buf).map(|()| false);
                }
                Event::Text(t) => {
                    if !is_blank(&t) {
                        ctx.warn(
                            start.position(),
                            WarningKind::UnexpectedText { parent: "body" },
                        );
                    }
                }
                Event::CData(_) => ctx.warn(
                    start.position(),
                    WarningKind::UnexpectedText { parent: "body" },
                ),
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
                Event::Start(e) => {
                    let name = unknown_name(&e, start)?;
                    drop(e);
                    ctx.warn(
                        start.position(),
                        WarningKind::UnknownElement {
                            name,
                            parent: "body",
                        },
                    );
                    skip_element(xml, buf)?;
                }
                Event::Empty(e) => {
                    let name = unknown_name(&e, start)?;
                    ctx.warn(
                        start.position(),
                        WarningKind::UnknownElement {
                            name,
                            parent: "body",
                        },
                    );
                }
                event => return Err(unexpected(start, "`<tu>` or `</body>`", &event)),
            }
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

/// The next event and the place where it starts.
fn next<'b, R: BufRead>(xml: &mut Xml<R>, buf: &'b mut Vec<u8>) -> Result<(At, Event<'b>)> {
    buf.clear();
    let start = xml.get_ref().at(xml.buffer_position());
    match xml.read_event_into(buf) {
        Ok(event) => Ok((start, event)),
        Err(err) => Err(tokenizer_error(xml, err, start)),
    }
}

/// A tokenizer error, placed at the start of the markup it failed on.
fn tokenizer_error<R: BufRead>(xml: &Xml<R>, err: quick_xml::Error, start: At) -> Error {
    let source = xml.get_ref();
    let position = start.position();
    if source.limit_hit {
        return Error::Limit {
            position,
            limit: "max_unit_bytes",
            value: source.limit(),
        };
    }
    match err {
        quick_xml::Error::Io(io) => {
            if let Some(bad) = io.get_ref().and_then(|e| e.downcast_ref::<BadUtf16>()) {
                return Error::Encoding {
                    // The decoder stops right at the bad character.
                    position: source.here().position(),
                    message: bad.0.clone(),
                };
            }
            Error::Io {
                source: std::io::Error::new(io.kind(), io.to_string()),
                position: Some(position),
            }
        }
        err => Error::Xml {
            position,
            message: err.to_string(),
        },
    }
}

fn describe(event: &Event<'_>) -> String {
    let name = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    match event {
        Event::Start(e) => format!("`<{}>`", name(e.name().as_ref())),
        Event::Empty(e) => format!("`<{}/>`", name(e.name().as_ref())),
        Event::End(e) => format!("`</{}>`", name(e.name().as_ref())),
        Event::Text(_) => "text".to_string(),
        Event::CData(_) => "a CDATA section".to_string(),
        Event::Comment(_) => "a comment".to_string(),
        Event::Decl(_) => "an XML declaration".to_string(),
        Event::PI(_) => "a processing instruction".to_string(),
        Event::DocType(_) => "a DOCTYPE".to_string(),
        Event::Eof => "the end of the input".to_string(),
    }
}

fn unexpected(start: At, expected: &str, found: &Event<'_>) -> Error {
    Error::Unexpected {
        position: start.position(),
        expected: expected.to_string(),
        found: describe(found),
    }
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// After `</body>`: `</tmx>`, then only comments and whitespace.
fn read_epilog<R: BufRead>(xml: &mut Xml<R>, buf: &mut Vec<u8>) -> Result<()> {
    let mut closed = false;
    loop {
        xml.get_mut().mark();
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Text(t) if is_blank(&t) => {}
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            Event::End(_) if !closed => closed = true,
            Event::Eof if closed => return Ok(()),
            event => {
                let expected = if closed {
                    "the end of the input"
                } else {
                    "`</tmx>`"
                };
                return Err(unexpected(start, expected, &event));
            }
        }
    }
}

/// Skips the rest of an element whose start tag was just read.
fn skip_element<R: BufRead>(xml: &mut Xml<R>, buf: &mut Vec<u8>) -> Result<()> {
    let mut depth = 1usize;
    loop {
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Event::Eof => return Err(unexpected(start, "an end tag", &Event::Eof)),
            _ => {}
        }
    }
}

/// Decodes raw character data starting at `start` and appends its text.
fn push_text(raw: &[u8], start: At, out: &mut String, attr: bool) -> Result<()> {
    let text = crate::chars::utf8(raw).map_err(|at| Error::Encoding {
        position: start.advance(&raw[..at.min(raw.len())]).position(),
        message: "expected UTF-8, found an invalid byte sequence".to_string(),
    })?;
    if let Some((at, c)) = find_illegal(text) {
        return Err(Error::IllegalChar {
            position: start.advance(&raw[..at.min(raw.len())]).position(),
            code_point: c as u32,
        });
    }
    let plain = if attr {
        !raw.iter()
            .any(|&b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    } else {
        memchr::memchr3(b'&', b'\r', b'>', raw).is_none()
    };
    if !attr && !plain {
        if let Some(k) = memchr::memmem::find(raw, b"]]>") {
            return Err(Error::Xml {
                position: start.advance(&raw[..k]).position(),
                message: "`]]>` is not allowed in text (write `]]&gt;`)".to_string(),
            });
        }
    }
    if plain {
        out.push_str(text);
        return Ok(());
    }
    unescape_into(text, out, attr).map_err(|err| match err {
        UnescapeError::Entity(at, found) => Error::Entity {
            position: start.advance(&raw[..at.min(raw.len())]).position(),
            found,
        },
        UnescapeError::Char(at, code_point) => Error::IllegalChar {
            position: start.advance(&raw[..at.min(raw.len())]).position(),
            code_point,
        },
    })
}

/// Comments, processing instructions and the DOCTYPE are skipped, but they
/// must still be UTF-8 without characters XML forbids.
fn check_markup(raw: &[u8], start: At) -> Result<()> {
    let start = start.skip(4); // `<!--`, near enough for `<?` and `<!DOCTYPE`
    let text = crate::chars::utf8(raw).map_err(|at| Error::Encoding {
        position: start.advance(&raw[..at.min(raw.len())]).position(),
        message: "expected UTF-8, found an invalid byte sequence".to_string(),
    })?;
    if let Some((at, c)) = find_illegal(text) {
        return Err(Error::IllegalChar {
            position: start.advance(&raw[..at.min(raw.len())]).position(),
            code_point: c as u32,
        });
    }
    Ok(())
}

/// The XML declaration: its encoding must be the one the input is read in
/// (UTF-8, or UTF-16 after a BOM); anything else is a warning, because the
/// reader reads only those two and would otherwise ignore it silently.
fn check_decl(
    decl: &quick_xml::events::BytesDecl<'_>,
    start: At,
    utf16: bool,
    ctx: &mut Ctx,
) -> Result<()> {
    check_markup(decl, start)?;
    let Some(Ok(declared)) = decl.encoding() else {
        return Ok(());
    };
    let declared = String::from_utf8_lossy(&declared)
        .trim()
        .to_ascii_lowercase();
    let read_as = if utf16 { "UTF-16" } else { "UTF-8" };
    let fine = if utf16 {
        matches!(
            declared.as_str(),
            "utf-16" | "utf-16le" | "utf-16be" | "utf16"
        )
    } else {
        matches!(declared.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii")
    };
    if !fine {
        let declared: String = declared.chars().take(40).collect();
        ctx.warn(
            start.position(),
            WarningKind::EncodingMismatch { declared, read_as },
        );
    }
    Ok(())
}

/// Appends CDATA content (no unescaping).
fn push_cdata(raw: &[u8], start: At, out: &mut String) -> Result<()> {
    let start = start.skip(9); // `<![CDATA[`
    let text = crate::chars::utf8(raw).map_err(|at| Error::Encoding {
        position: start.advance(&raw[..at.min(raw.len())]).position(),
        message: "expected UTF-8, found an invalid byte sequence".to_string(),
    })?;
    if let Some((at, c)) = find_illegal(text) {
        return Err(Error::IllegalChar {
            position: start.advance(&raw[..at.min(raw.len())]).position(),
            code_point: c as u32,
        });
    }
    // Line ends are normalised in CDATA too.
    if memchr::memchr(b'\r', raw).is_some() {
        out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        out.push_str(text);
    }
    Ok(())
}

/// Calls `f(name, value)` for each attribute, values unescaped.
///
/// Duplicate names are found with a hash set once an element has more than
/// a few attributes (quick-xml's own check is quadratic), `<` in a value is
/// an error as XML requires, and names must be UTF-8 without controls.
fn for_each_attr(
    e: &BytesStart<'_>,
    start: At,
    ctx: &mut Ctx,
    mut f: impl FnMut(&[u8], &str),
) -> Result<()> {
    let tag: &[u8] = e;
    // Attributes come in order, so each place is found from the last one:
    // counting from the tag's start every time is quadratic in attributes.
    let mut cursor = (0usize, start.skip(1));
    let mut offset_in_tag = |bytes: &[u8]| {
        let at = (bytes.as_ptr() as usize).wrapping_sub(tag.as_ptr() as usize);
        if at >= tag.len() {
            start
        } else if at >= cursor.0 {
            cursor = (at, cursor.1.advance(&tag[cursor.0..at]));
            cursor.1
        } else {
            start.skip(1).advance(&tag[..at])
        }
    };
    let mut names: Vec<&[u8]> = Vec::new();
    let mut seen: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    for attr in attributes {
        let attr = attr.map_err(|err| attr_error(tag, start, err))?;
        let key: &[u8] = attr.key.into_inner();
        let key_at = offset_in_tag(key);
        check_name(key, key_at)?;
        let duplicate = if names.len() < 8 {
            let dup = names.contains(&key);
            names.push(key);
            dup
        } else {
            if seen.is_empty() {
                seen.extend(names.iter().copied());
            }
            !seen.insert(key)
        };
        if duplicate {
            return Err(Error::Xml {
                position: key_at.position(),
                message: format!("duplicated attribute {:?}", String::from_utf8_lossy(key)),
            });
        }
        let value_at = offset_in_tag(&attr.value);
        if matches!(key, b"xml:lang" | b"lang" | b"srclang")
            && attr.value.len() > ctx.options.max_lang_bytes
        {
            return Err(limit(
                value_at,
                "max_lang_bytes",
                ctx.options.max_lang_bytes,
            ));
        }
        if let Some(lt) = memchr::memchr(b'<', &attr.value) {
            return Err(Error::Xml {
                position: value_at.advance(&attr.value[..lt]).position(),
                message: "`<` is not allowed in an attribute value (write `&lt;`)".to_string(),
            });
        }
        ctx.value.clear();
        let mut value = std::mem::take(&mut ctx.value);
        let result = push_text(&attr.value, value_at, &mut value, true);
        if result.is_ok() {
            f(key, &value);
        }
        ctx.value = value;
        result?;
    }
    Ok(())
}

fn limit(at: At, limit: &'static str, value: usize) -> Error {
    Error::Limit {
        position: at.position(),
        limit,
        value: value as u64,
    }
}

/// An element or attribute name must be UTF-8 without control characters
/// (a NUL in a name otherwise surfaces later as a baffling end-tag mismatch).
fn check_name(name: &[u8], at: At) -> Result<()> {
    if let Some(k) = name.iter().position(|&b| b < 0x20) {
        return Err(Error::IllegalChar {
            position: at.advance(&name[..k]).position(),
            code_point: u32::from(name[k]),
        });
    }
    if !name.is_ascii() {
        if let Err(k) = crate::chars::utf8(name) {
            return Err(Error::Encoding {
                position: at.advance(&name[..k.min(name.len())]).position(),
                message: "expected UTF-8 in a name, found an invalid byte sequence".to_string(),
            });
        }
    }
    Ok(())
}

/// Checks the name of an element the reader does not know (known names are
/// ASCII and need no check) and returns it for a warning.
fn unknown_name(e: &BytesStart<'_>, start: At) -> Result<String> {
    let name = e.name();
    check_name(name.as_ref(), start.skip(1))?;
    Ok(String::from_utf8_lossy(name.as_ref()).into_owned())
}

/// A malformed attribute, positioned where the tokenizer saw the problem.
fn attr_error(tag: &[u8], start: At, err: quick_xml::events::attributes::AttrError) -> Error {
    use quick_xml::events::attributes::AttrError;
    // Offsets count from the `<` of the tag.
    let (at, message) = match err {
        AttrError::ExpectedEq(at) => (at, "expected `=` after the attribute name".to_string()),
        AttrError::ExpectedValue(at) => (at, "expected an attribute value".to_string()),
        AttrError::UnquotedValue(at) => (at, "expected a quoted attribute value".to_string()),
        AttrError::ExpectedQuote(at, quote) => {
            (at, format!("expected a closing {:?}", quote as char))
        }
        AttrError::Duplicated(at, _) => (at, "duplicated attribute".to_string()),
    };
    Error::Xml {
        position: start.skip(1).advance(&tag[..at.min(tag.len())]).position(),
        message,
    }
}

fn set(field: &mut String, value: &str) {
    field.clear();
    field.push_str(value);
}

fn set_opt(field: &mut Option<String>, value: &str) {
    match field {
        Some(s) => set(s, value),
        None => *field = Some(value.to_string()),
    }
}

/// The `n`-th element of `v` for reuse, appending a default one if needed.
fn slot<T: Default>(v: &mut Vec<T>, n: &mut usize) -> usize {
    if *n == v.len() {
        v.push(T::default());
    }
    *n += 1;
    *n - 1
}

const HEADER_REQUIRED: [&str; 7] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];

fn header_attrs(e: &BytesStart<'_>, start: At, header: &mut Header, ctx: &mut Ctx) -> Result<()> {
    let mut seen = [false; 7];
    for_each_attr(e, start, ctx, |name, value| {
        if let Some(i) = HEADER_REQUIRED.iter().position(|r| r.as_bytes() == name) {
            seen[i] = true;
        }
        match name {
            b"creationtool" => set(&mut header.creationtool, value),
            b"creationtoolversion" => set(&mut header.creationtoolversion, value),
            b"segtype" => set(&mut header.segtype, value),
            b"o-tmf" => set(&mut header.o_tmf, value),
            b"adminlang" => set(&mut header.adminlang, value),
            b"srclang" => header.srclang = crate::lang::canonical(value),
            b"datatype" => set(&mut header.datatype, value),
            b"o-encoding" => set_opt(&mut header.o_encoding, value),
            b"creationdate" => set_opt(&mut header.creationdate, value),
            b"creationid" => set_opt(&mut header.creationid, value),
            b"changedate" => set_opt(&mut header.changedate, value),
            b"changeid" => set_opt(&mut header.changeid, value),
            _ => {}
        }
    })?;
    for (attribute, value) in [
        ("creationdate", &header.creationdate),
        ("changedate", &header.changedate),
    ] {
        if let Some(found) = value.as_ref().filter(|d| !is_tmx_date(d)) {
            let kind = WarningKind::BadDate {
                attribute: attribute.to_string(),
                found: found.clone(),
            };
            ctx.warn(start.position(), kind);
        }
    }
    for (i, attribute) in HEADER_REQUIRED.iter().enumerate() {
        if !seen[i] {
            ctx.warn(
                start.position(),
                WarningKind::MissingHeaderAttribute { attribute },
            );
        }
    }
    Ok(())
}

/// Reads `<prop>`, `<note>` (and skips `<ude>`) until `</header>`.
fn read_header_children<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    header: &mut Header,
    ctx: &mut Ctx,
) -> Result<()> {
    loop {
        let (start, event) = next(xml, buf)?;
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => return Ok(()),
            Event::Text(t) => {
                if !is_blank(&t) {
                    ctx.warn(
                        start.position(),
                        WarningKind::UnexpectedText { parent: "header" },
                    );
                }
                continue;
            }
            Event::Comment(t) => {
                check_markup(&t, start)?;
                continue;
            }
            Event::PI(t) => {
                check_markup(&t, start)?;
                continue;
            }
            event => return Err(unexpected(start, "`</header>`", &event)),
        };
        let text = match e.name().as_ref() {
            b"prop" => {
                if header.props.len() >= ctx.options.max_props {
                    return Err(limit(start, "max_props", ctx.options.max_props));
                }
                let mut prop = Prop::default();
                prop_attrs(&e, start, &mut prop, ctx)?;
                header.props.push(prop);
                header.props.last_mut().map(|p| &mut p.value)
            }
            b"note" => {
                if header.notes.len() >= ctx.options.max_notes {
                    return Err(limit(start, "max_notes", ctx.options.max_notes));
                }
                let mut note = Note::default();
                note_attrs(&e, start, &mut note, ctx)?;
                header.notes.push(note);
                header.notes.last_mut().map(|n| &mut n.value)
            }
            name => {
                if name != b"ude" {
                    let name = unknown_name(&e, start)?;
                    ctx.warn(
                        start.position(),
                        WarningKind::UnknownElement {
                            name,
                            parent: "header",
                        },
                    );
                }
                None
            }
        };
        drop(e);
        match text {
            Some(text) if !empty => read_text_element(xml, buf, text, ctx)?,
            None if !empty => skip_element(xml, buf)?,
            _ => {}
        }
    }
}

fn prop_attrs(e: &BytesStart<'_>, start: At, prop: &mut Prop, ctx: &mut Ctx) -> Result<()> {
    prop.kind.clear();
    prop.value.clear();
    prop.lang = None;
    prop.o_encoding = None;
    let mut has_type = false;
    for_each_attr(e, start, ctx, |name, value| match name {
        b"type" => {
            has_type = true;
            set(&mut prop.kind, value);
        }
        b"xml:lang" | b"lang" => prop.lang = Some(crate::lang::canonical(value)),
        b"o-encoding" => set_opt(&mut prop.o_encoding, value),
        _ => {}
    })?;
    if !has_type {
        return Err(Error::MissingAttribute {
            position: start.position(),
            element: "prop",
            attribute: "type",
        });
    }
    Ok(())
}

fn note_attrs(e: &BytesStart<'_>, start: At, note: &mut Note, ctx: &mut Ctx) -> Result<()> {
    note.value.clear();
    note.lang = None;
    note.o_encoding = None;
    for_each_attr(e, start, ctx, |name, value| match name {
        b"xml:lang" | b"lang" => note.lang = Some(crate::lang::canonical(value)),
        b"o-encoding" => set_opt(&mut note.o_encoding, value),
        _ => {}
    })
}

/// Reads the text of `<prop>` or `<note>` up to its end tag.
fn read_text_element<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    out: &mut String,
    ctx: &mut Ctx,
) -> Result<()> {
    loop {
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Text(t) => push_text(&t, start, out, false)?,
            Event::CData(t) => push_cdata(&t, start, out)?,
            Event::End(_) => return Ok(()),
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            Event::Start(e) => {
                let name = unknown_name(&e, start)?;
                drop(e);
                ctx.warn(
                    start.position(),
                    WarningKind::UnknownElement {
                        name,
                        parent: "prop",
                    },
                );
                skip_element(xml, buf)?;
            }
            Event::Empty(e) => {
                let name = unknown_name(&e, start)?;
                ctx.warn(
                    start.position(),
                    WarningKind::UnknownElement {
                        name,
                        parent: "prop",
                    },
                );
            }
            event => return Err(unexpected(start, "an end tag", &event)),
        }
    }
}

fn tu_attrs(e: &BytesStart<'_>, start: At, tu: &mut Tu, ctx: &mut Ctx) -> Result<()> {
    let mut tuid = tu.tuid.take();
    let mut srclang = tu.srclang.take();
    let mut has_tuid = false;
    let mut has_srclang = false;
    let mut n_attrs = 0;
    for_each_attr(e, start, ctx, |name, value| match name {
        b"tuid" => {
            has_tuid = true;
            set_opt(&mut tuid, value);
        }
        b"srclang" => {
            has_srclang = true;
            match &mut srclang {
                Some(s) => crate::lang::canonical_into(value, s),
                None => srclang = Some(crate::lang::canonical(value)),
            }
        }
        _ => {
            if let Ok(name) = std::str::from_utf8(name) {
                if is_tu_attr(name) {
                    let i = slot(&mut tu.attrs, &mut n_attrs);
                    set(&mut tu.attrs[i].name, name);
                    set(&mut tu.attrs[i].value, value);
                }
            }
        }
    })?;
    tu.attrs.truncate(n_attrs);
    tu.tuid = tuid.filter(|_| has_tuid);
    tu.srclang = srclang.filter(|_| has_srclang);
    Ok(())
}

fn read_tu_children<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    tu: &mut Tu,
    ctx: &mut Ctx,
) -> Result<()> {
    let (mut n_props, mut n_notes, mut n_tuvs) = (0, 0, 0);
    ctx.tuv_starts.clear();
    loop {
        let (start, event) = next(xml, buf)?;
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => break,
            Event::Text(t) => {
                if !is_blank(&t) {
                    ctx.warn(
                        start.position(),
                        WarningKind::UnexpectedText { parent: "tu" },
                    );
                }
                continue;
            }
            Event::CData(_) => {
                ctx.warn(
                    start.position(),
                    WarningKind::UnexpectedText { parent: "tu" },
                );
                continue;
            }
            Event::Comment(t) => {
                check_markup(&t, start)?;
                continue;
            }
            Event::PI(t) => {
                check_markup(&t, start)?;
                continue;
            }
            event => return Err(unexpected(start, "`<tuv>` or `</tu>`", &event)),
        };
        match e.name().as_ref() {
            b"tuv" => {
                if n_tuvs >= ctx.options.max_variants {
                    return Err(limit(start, "max_variants", ctx.options.max_variants));
                }
                let i = slot(&mut tu.tuvs, &mut n_tuvs);
                let tuv = &mut tu.tuvs[i];
                tuv_attrs(&e, start, tuv, ctx)?;
                ctx.tuv_starts.push(start);
                drop(e);
                if empty {
                    return Err(Error::Unexpected {
                        position: start.position(),
                        expected: "`<seg>` inside `<tuv>`".to_string(),
                        found: "an empty `<tuv/>`".to_string(),
                    });
                }
                read_tuv_children(xml, buf, tuv, ctx)?;
            }
            b"prop" => {
                if n_props >= ctx.options.max_props {
                    return Err(limit(start, "max_props", ctx.options.max_props));
                }
                let i = slot(&mut tu.props, &mut n_props);
                prop_attrs(&e, start, &mut tu.props[i], ctx)?;
                drop(e);
                if !empty {
                    read_text_element(xml, buf, &mut tu.props[i].value, ctx)?;
                }
            }
            b"note" => {
                if n_notes >= ctx.options.max_notes {
                    return Err(limit(start, "max_notes", ctx.options.max_notes));
                }
                let i = slot(&mut tu.notes, &mut n_notes);
                note_attrs(&e, start, &mut tu.notes[i], ctx)?;
                drop(e);
                if !empty {
                    read_text_element(xml, buf, &mut tu.notes[i].value, ctx)?;
                }
            }
            _ => {
                let name = unknown_name(&e, start)?;
                drop(e);
                ctx.warn(
                    start.position(),
                    WarningKind::UnknownElement { name, parent: "tu" },
                );
                if !empty {
                    skip_element(xml, buf)?;
                }
            }
        }
    }
    tu.props.truncate(n_props);
    tu.notes.truncate(n_notes);
    tu.tuvs.truncate(n_tuvs);
    Ok(())
}

fn tuv_attrs(e: &BytesStart<'_>, start: At, tuv: &mut Tuv, ctx: &mut Ctx) -> Result<()> {
    let mut n_attrs = 0;
    // 0: none, 1: `lang` (TMX 1.1-1.3), 2: `xml:lang` (wins).
    let mut lang_kind = 0;
    let mut noncanonical: Option<String> = None;
    let attrs = &mut tuv.attrs;
    let lang = &mut tuv.lang;
    for_each_attr(e, start, ctx, |name, value| match name {
        b"xml:lang" | b"lang" => {
            let kind = if name == b"xml:lang" { 2 } else { 1 };
            if kind >= lang_kind {
                lang_kind = kind;
                crate::lang::canonical_into(value, lang);
                noncanonical = (lang.as_str() != value).then(|| value.to_string());
            }
        }
        _ => {
            if let Ok(name) = std::str::from_utf8(name) {
                if is_tuv_attr(name) {
                    let i = slot(attrs, &mut n_attrs);
                    set(&mut attrs[i].name, name);
                    set(&mut attrs[i].value, value);
                }
            }
        }
    })?;
    tuv.attrs.truncate(n_attrs);
    if lang_kind == 0 || tuv.lang.is_empty() {
        return Err(Error::MissingAttribute {
            position: start.position(),
            element: "tuv",
            attribute: "xml:lang",
        });
    }
    let valid = crate::lang::is_well_formed(&tuv.lang);
    if noncanonical.is_some() || !valid {
        let found = noncanonical.unwrap_or_else(|| tuv.lang.clone());
        if ctx.noncanonical.len() < MAX_LANG_CACHE && !ctx.noncanonical.contains(&found) {
            ctx.noncanonical.insert(found.clone());
            let kind = if valid {
                let canonical = tuv.lang.clone();
                WarningKind::NonCanonicalLanguage { found, canonical }
            } else {
                WarningKind::InvalidLanguage { found }
            };
            ctx.warn(start.position(), kind);
        }
    }
    Ok(())
}

fn read_tuv_children<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    tuv: &mut Tuv,
    ctx: &mut Ctx,
) -> Result<()> {
    let (mut n_props, mut n_notes) = (0, 0);
    let mut has_seg = false;
    loop {
        let (start, event) = next(xml, buf)?;
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                drop(e);
                if !has_seg {
                    return Err(Error::Unexpected {
                        position: start.position(),
                        expected: "`<seg>`".to_string(),
                        found: "`</tuv>`".to_string(),
                    });
                }
                break;
            }
            Event::Text(t) => {
                if !is_blank(&t) {
                    ctx.warn(
                        start.position(),
                        WarningKind::UnexpectedText { parent: "tuv" },
                    );
                }
                continue;
            }
            Event::CData(_) => {
                ctx.warn(
                    start.position(),
                    WarningKind::UnexpectedText { parent: "tuv" },
                );
                continue;
            }
            Event::Comment(t) => {
                check_markup(&t, start)?;
                continue;
            }
            Event::PI(t) => {
                check_markup(&t, start)?;
                continue;
            }
            event => return Err(unexpected(start, "`<seg>` or `</tuv>`", &event)),
        };
        match e.name().as_ref() {
            b"seg" => {
                drop(e);
                if has_seg {
                    return Err(Error::Unexpected {
                        position: start.position(),
                        expected: "`</tuv>`".to_string(),
                        found: "a second `<seg>`".to_string(),
                    });
                }
                has_seg = true;
                if empty {
                    tuv.seg.content.clear();
                } else {
                    read_seg(xml, buf, &mut tuv.seg, start, ctx)?;
                }
            }
            b"prop" => {
                if n_props >= ctx.options.max_props {
                    return Err(limit(start, "max_props", ctx.options.max_props));
                }
                let i = slot(&mut tuv.props, &mut n_props);
                prop_attrs(&e, start, &mut tuv.props[i], ctx)?;
                drop(e);
                if !empty {
                    read_text_element(xml, buf, &mut tuv.props[i].value, ctx)?;
                }
            }
            b"note" => {
                if n_notes >= ctx.options.max_notes {
                    return Err(limit(start, "max_notes", ctx.options.max_notes));
                }
                let i = slot(&mut tuv.notes, &mut n_notes);
                note_attrs(&e, start, &mut tuv.notes[i], ctx)?;
                drop(e);
                if !empty {
                    read_text_element(xml, buf, &mut tuv.notes[i].value, ctx)?;
                }
            }
            _ => {
                let name = unknown_name(&e, start)?;
                drop(e);
                ctx.warn(
                    start.position(),
                    WarningKind::UnknownElement {
                        name,
                        parent: "tuv",
                    },
                );
                if !empty {
                    skip_element(xml, buf)?;
                }
            }
        }
    }
    tuv.props.truncate(n_props);
    tuv.notes.truncate(n_notes);
    Ok(())
}

/// An open element inside a segment.
enum Frame {
    /// `hi` (holding inline content) or a code element (holding code parts).
    Inline(Inline),
    /// `sub` (holding inline content).
    Sub(Sub),
    /// An element TMX does not allow here: its text goes to the parent.
    Unknown,
}

/// Where text and children go: inline content or code parts.
enum Target<'a> {
    Inlines(&'a mut Vec<Inline>),
    Code(&'a mut Vec<CodePart>),
}

fn target<'a>(root: &'a mut Vec<Inline>, stack: &'a mut [Frame]) -> Target<'a> {
    for frame in stack.iter_mut().rev() {
        match frame {
            Frame::Unknown => continue,
            Frame::Sub(sub) => return Target::Inlines(&mut sub.content),
            Frame::Inline(Inline::Hi { content, .. }) => return Target::Inlines(content),
            Frame::Inline(
                Inline::Bpt { code, .. }
                | Inline::Ept { code, .. }
                | Inline::It { code, .. }
                | Inline::Ph { code, .. }
                | Inline::Ut { code, .. },
            ) => return Target::Code(code),
            Frame::Inline(Inline::Text(_)) => continue,
        }
    }
    Target::Inlines(root)
}

/// The text run that new text is appended to.
fn text_run<'a>(target: Target<'a>, recycled: &mut Option<String>) -> &'a mut String {
    match target {
        Target::Inlines(content) => {
            if !matches!(content.last(), Some(Inline::Text(_))) {
                content.push(Inline::Text(recycled.take().unwrap_or_default()));
            }
            match content.last_mut() {
                Some(Inline::Text(text)) => text,
                _ => unreachable!("a text run was just pushed"),
            }
        }
        Target::Code(code) => {
            if !matches!(code.last(), Some(CodePart::Text(_))) {
                code.push(CodePart::Text(String::new()));
            }
            match code.last_mut() {
                Some(CodePart::Text(text)) => text,
                _ => unreachable!("a code text run was just pushed"),
            }
        }
    }
}

fn read_seg<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    seg: &mut Seg,
    seg_start: At,
    ctx: &mut Ctx,
) -> Result<()> {
    // Keep the first text run's allocation for the next segment.
    let mut recycled = match seg.content.first_mut() {
        Some(Inline::Text(text)) => {
            let mut text = std::mem::take(text);
            text.clear();
            Some(text)
        }
        _ => None,
    };
    seg.content.clear();
    let mut stack = std::mem::take(&mut ctx.stack);
    stack.clear();
    let result = read_seg_content(xml, buf, &mut seg.content, &mut stack, &mut recycled, ctx);
    stack.clear();
    ctx.stack = stack;
    result?;
    if !seg.is_plain() {
        check_pairs(seg_start, ctx, &seg.content);
    }
    Ok(())
}

fn read_seg_content<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    root: &mut Vec<Inline>,
    stack: &mut Vec<Frame>,
    recycled: &mut Option<String>,
    ctx: &mut Ctx,
) -> Result<()> {
    let mut elements = 0usize;
    let max = ctx.options.max_inline_elements;
    loop {
        let (start, event) = next(xml, buf)?;
        if matches!(event, Event::Start(_) | Event::Empty(_)) {
            elements += 1;
            if elements > max {
                return Err(limit(start, "max_inline_elements", max));
            }
        }
        match event {
            Event::Text(t) => push_text(&t, start, text_run(target(root, stack), recycled), false)?,
            Event::CData(t) => push_cdata(&t, start, text_run(target(root, stack), recycled))?,
            Event::Start(e) => {
                let frame = open_inline(&e, start, root, stack, ctx)?;
                if stack.len() >= ctx.options.max_depth {
                    return Err(Error::Limit {
                        position: start.position(),
                        limit: "max_depth",
                        value: ctx.options.max_depth as u64,
                    });
                }
                stack.push(frame);
            }
            Event::Empty(e) => {
                let frame = open_inline(&e, start, root, stack, ctx)?;
                close_inline(frame, root, stack);
            }
            Event::End(_) => match stack.pop() {
                Some(frame) => close_inline(frame, root, stack),
                None => return Ok(()),
            },
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            event => return Err(unexpected(start, "`</seg>`", &event)),
        }
    }
}

fn open_inline(
    e: &BytesStart<'_>,
    start: At,
    root: &mut Vec<Inline>,
    stack: &mut [Frame],
    ctx: &mut Ctx,
) -> Result<Frame> {
    let in_code = matches!(target(root, stack), Target::Code(_));
    let name = e.name();
    let name = name.as_ref();
    let allowed = if in_code {
        name == b"sub"
    } else {
        matches!(name, b"bpt" | b"ept" | b"it" | b"ph" | b"hi" | b"ut")
    };
    if !allowed {
        let parent = if in_code { "code" } else { "seg" };
        let name = unknown_name(e, start)?;
        ctx.warn(
            start.position(),
            WarningKind::UnknownElement { name, parent },
        );
        return Ok(Frame::Unknown);
    }
    let (mut i, mut x, mut kind, mut p, mut assoc, mut datatype) =
        (None, None, None, None, None, None);
    for_each_attr(e, start, ctx, |attr, value| {
        let field = match attr {
            b"i" => &mut i,
            b"x" => &mut x,
            b"type" => &mut kind,
            b"pos" => &mut p,
            b"assoc" => &mut assoc,
            b"datatype" => &mut datatype,
            _ => return,
        };
        *field = Some(value.to_string());
    })?;
    let element: &'static str = match name {
        b"bpt" => "bpt",
        b"ept" => "ept",
        b"it" => "it",
        _ => "",
    };
    let need_i = |i: Option<String>| {
        i.ok_or(Error::MissingAttribute {
            position: start.position(),
            element,
            attribute: "i",
        })
    };
    let code = Vec::new();
    Ok(match name {
        b"bpt" => Frame::Inline(Inline::Bpt {
            i: need_i(i)?,
            x,
            kind,
            code,
        }),
        b"ept" => Frame::Inline(Inline::Ept {
            i: need_i(i)?,
            code,
        }),
        b"it" => {
            let pos_value = match p.as_deref() {
                Some("begin") => ItPos::Begin,
                Some("end") => ItPos::End,
                Some(other) => {
                    return Err(Error::InvalidAttribute {
                        position: start.position(),
                        attribute: "pos".to_string(),
                        expected: "\"begin\" or \"end\"".to_string(),
                        found: other.to_string(),
                    })
                }
                None => {
                    return Err(Error::MissingAttribute {
                        position: start.position(),
                        element,
                        attribute: "pos",
                    })
                }
            };
            Frame::Inline(Inline::It {
                pos: pos_value,
                x,
                kind,
                code,
            })
        }
        b"ph" => Frame::Inline(Inline::Ph {
            x,
            assoc,
            kind,
            code,
        }),
        b"hi" => Frame::Inline(Inline::Hi {
            x,
            kind,
            content: Vec::new(),
        }),
        b"ut" => Frame::Inline(Inline::Ut { x, code }),
        _ => Frame::Sub(Sub {
            datatype,
            kind,
            content: Vec::new(),
        }),
    })
}

fn close_inline(frame: Frame, root: &mut Vec<Inline>, stack: &mut [Frame]) {
    match (frame, target(root, stack)) {
        (Frame::Inline(node), Target::Inlines(content)) => content.push(node),
        (Frame::Sub(sub), Target::Code(code)) => code.push(CodePart::Sub(sub)),
        // Unknown elements leave only their text; other pairings cannot
        // happen because `open_inline` checks the context.
        _ => {}
    }
}

/// Warns about `bpt`/`ept` without a partner of the same `i` in the segment.
fn check_pairs(at: At, ctx: &mut Ctx, content: &[Inline]) {
    fn collect(content: &[Inline], bpts: &mut Vec<String>, epts: &mut Vec<String>) {
        for node in content {
            match node {
                Inline::Bpt { i, .. } => bpts.push(i.clone()),
                Inline::Ept { i, .. } => epts.push(i.clone()),
                Inline::Hi { content, .. } => collect(content, bpts, epts),
                _ => {}
            }
        }
    }
    let mut bpts = std::mem::take(&mut ctx.bpts);
    let mut epts = std::mem::take(&mut ctx.epts);
    bpts.clear();
    epts.clear();
    collect(content, &mut bpts, &mut epts);
    let here = at.position();
    // Hash sets keep this linear in the number of codes.
    let bpt_set: std::collections::HashSet<&str> = bpts.iter().map(String::as_str).collect();
    let ept_set: std::collections::HashSet<&str> = epts.iter().map(String::as_str).collect();
    for i in bpts.iter().filter(|i| !ept_set.contains(i.as_str())) {
        ctx.warn(
            here,
            WarningKind::UnpairedCode {
                element: "bpt",
                i: i.clone(),
            },
        );
    }
    for i in epts.iter().filter(|i| !bpt_set.contains(i.as_str())) {
        ctx.warn(
            here,
            WarningKind::UnpairedCode {
                element: "ept",
                i: i.clone(),
            },
        );
    }
    drop((bpt_set, ept_set));
    ctx.bpts = bpts;
    ctx.epts = epts;
}

/// True for the TMX date form `YYYYMMDDThhmmssZ` (UTC), the only form
/// TMX 1.4b allows.
///
/// ```
/// assert!(tmx::is_tmx_date("20261129T093000Z"));
/// assert!(!tmx::is_tmx_date("2026-11-29"));
/// ```
pub fn is_tmx_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

fn is_date_attr(name: &str) -> bool {
    matches!(name, "creationdate" | "changedate" | "lastusagedate")
}

/// True when the segment's text starts or ends with whitespace.
fn is_padded(seg: &Seg) -> bool {
    let padded =
        |text: &str| text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    match seg.content.as_slice() {
        [Inline::Text(text)] => padded(text),
        _ => padded(&seg.text()),
    }
}

/// Warnings about a whole unit: empty or padded segments, duplicates, too
/// few variants, and (once per file) a bad date.
fn check_unit(start: At, tu: &Tu, ctx: &mut Ctx) {
    if !ctx.bad_unit_date_seen {
        let attrs = tu
            .attrs
            .iter()
            .chain(tu.tuvs.iter().flat_map(|tuv| &tuv.attrs));
        if let Some(bad) = attrs
            .filter(|a| is_date_attr(&a.name))
            .find(|a| !is_tmx_date(&a.value))
        {
            ctx.bad_unit_date_seen = true;
            let kind = WarningKind::BadDate {
                attribute: bad.name.clone(),
                found: bad.value.clone(),
            };
            ctx.warn(start.position(), kind);
        }
    }
    // A hash set keeps the duplicate check linear in the number of variants.
    let mut langs: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (k, tuv) in tu.tuvs.iter().enumerate() {
        let at = ctx.tuv_starts.get(k).copied().unwrap_or(start).position();
        let lang = || tuv.lang.clone();
        if tuv.seg.is_blank() {
            ctx.warn(at, WarningKind::EmptySeg { lang: lang() });
        } else if is_padded(&tuv.seg) {
            ctx.warn(at, WarningKind::PaddedSeg { lang: lang() });
        }
        let duplicate = if k < 8 {
            tu.tuvs[..k].iter().any(|other| other.lang == tuv.lang)
        } else {
            if langs.is_empty() {
                langs.extend(tu.tuvs[..k].iter().map(|v| v.lang.as_str()));
            }
            !langs.insert(tuv.lang.as_str())
        };
        if duplicate {
            ctx.warn(at, WarningKind::DuplicateLanguage { lang: lang() });
        }
    }
    if tu.tuvs.len() < 2 {
        let kind = WarningKind::TooFewVariants {
            count: tu.tuvs.len(),
        };
        ctx.warn(start.position(), kind);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attr;

    const HEAD: &str = r#"<?xml version="1.0"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>"#;

    fn doc(body: &str) -> String {
        format!("{HEAD}{body}</body></tmx>")
    }

    fn read_all(xml: &str) -> Result<(Vec<Tu>, Vec<Warning>)> {
        let mut reader = Reader::from_str(xml)?;
        let tus = reader.tus().collect::<Result<Vec<_>>>()?;
        Ok((tus, reader.take_warnings()))
    }

    #[test]
    fn reads_units_and_inline_codes() {
        let xml = doc(
            r#"<tu tuid="7" creationdate="20200101T000000Z"><prop type="x-a">1</prop><note>n</note>
            <tuv xml:lang="EN"><seg>a &amp; <bpt i="1" type="bold">&lt;b&gt;</bpt>b<ept i="1">&lt;/b&gt;</ept> <ph>&lt;img alt="<sub>t</sub>"/&gt;</ph><hi x="2">h</hi><it pos="end">x</it><ut>u</ut></seg></tuv>
            <tuv lang="ru"><seg><![CDATA[<б>]]></seg></tuv></tu>"#,
        );
        let (tus, warnings) = read_all(&xml).unwrap();
        assert_eq!(tus.len(), 1);
        let tu = &tus[0];
        assert_eq!(tu.tuid.as_deref(), Some("7"));
        assert_eq!(
            tu.attrs,
            vec![Attr {
                name: "creationdate".into(),
                value: "20200101T000000Z".into()
            }]
        );
        assert_eq!(tu.props, vec![Prop::new("x-a", "1")]);
        assert_eq!(tu.notes, vec![Note::new("n")]);
        assert_eq!(tu.tuvs[0].lang, "en");
        assert_eq!(tu.tuvs[0].seg.text(), "a & b h");
        assert_eq!(tu.tuvs[1].seg.text(), "<б>");
        let Inline::Ph { code, .. } = &tu.tuvs[0].seg.content[5] else {
            panic!("{:?}", tu.tuvs[0].seg)
        };
        assert_eq!(code.len(), 3);
        assert!(
            matches!(&code[1], CodePart::Sub(sub) if sub.content == vec![Inline::Text("t".into())])
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}"); // EN is not canonical
    }

    #[test]
    fn warns_about_empty_single_and_duplicate() {
        let xml = doc(r#"<tu><tuv xml:lang="en"><seg/></tuv></tu>
            <tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>"#);
        let (tus, warnings) = read_all(&xml).unwrap();
        assert_eq!(tus.len(), 2);
        let kinds: Vec<_> = warnings.iter().map(|w| w.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                WarningKind::EmptySeg { lang: "en".into() },
                WarningKind::TooFewVariants { count: 1 },
                WarningKind::DuplicateLanguage { lang: "en".into() },
            ]
        );
        assert_eq!(warnings[0].position.line, 1);
        assert_eq!(warnings[2].position.line, 2);
    }

    #[test]
    fn errors_have_positions_and_say_what_was_expected() {
        let xml = doc(
            "\n<tu>\n  <tuv xml:lang=\"en\"><seg>a</seg></tuv>\n  <tuv xml:lang=\"ru\"></tuv></tu>",
        );
        let err = read_all(&xml).unwrap_err();
        let p = err.position().unwrap();
        assert_eq!((p.line, p.column), (4, 22), "{err}");
        assert!(
            err.to_string().contains("expected `<seg>`, found `</tuv>`"),
            "{err}"
        );

        let err = read_all(&doc("<tu><tuv><seg>a</seg></tuv></tu>")).unwrap_err();
        assert!(
            matches!(
                err,
                Error::MissingAttribute {
                    attribute: "xml:lang",
                    ..
                }
            ),
            "{err}"
        );

        let err = Reader::from_str("<html/>").err().unwrap();
        assert!(
            err.to_string()
                .contains("expected `<tmx>`, found `<html/>`"),
            "{err}"
        );
    }

    #[test]
    fn refuses_entities_and_illegal_chars() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>"#.to_string()
            + &doc(r#"<tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu>"#)[21..];
        let err = read_all(&bomb).unwrap_err();
        assert!(
            matches!(err, Error::Entity { ref found, .. } if found == "&b;"),
            "{err}"
        );
        let err = read_all(&doc(
            "<tu><tuv xml:lang=\"en\"><seg>a\u{1F}</seg></tuv></tu>",
        ))
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::IllegalChar {
                    code_point: 0x1F,
                    ..
                }
            ),
            "{err}"
        );
        let err =
            read_all(&doc("<tu><tuv xml:lang=\"en\"><seg>&#0;</seg></tuv></tu>")).unwrap_err();
        assert!(
            matches!(err, Error::IllegalChar { code_point: 0, .. }),
            "{err}"
        );
    }

    #[test]
    fn positions_inside_text_and_attributes_count_lines() {
        // HEAD is one line; the unit starts on line 2.
        let xml = doc("\n<tu><tuv xml:lang=\"en\"><seg>a\nbc\u{1}</seg></tuv></tu>");
        let p = read_all(&xml).unwrap_err().position().unwrap();
        assert_eq!((p.line, p.column), (3, 3));
        let xml = doc("\n<tu tuid=\"x\ny&bad;\"><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>");
        let err = read_all(&xml).unwrap_err();
        let p = err.position().unwrap();
        assert_eq!((p.line, p.column), (3, 2), "{err}");
    }

    #[test]
    fn limits_are_enforced() {
        let big = doc(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>",
            "x".repeat(10_000)
        ));
        let options = *ReaderOptions::new().max_unit_bytes(1000);
        let mut reader = Reader::with_options(big.as_bytes(), options).unwrap();
        let err = reader.read_tu(&mut Tu::default()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Limit {
                    limit: "max_unit_bytes",
                    ..
                }
            ),
            "{err}"
        );

        let deep = doc(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>",
            "<hi>".repeat(100)
        ));
        let err = read_all(&deep).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Limit {
                    limit: "max_depth",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn header_variants() {
        let xml = r##"<tmx version="1.1"><header srclang="*all*" creationtool="x"><prop type="p">v</prop><note>n</note><ude name="u"><map unicode="#xE000"/></ude></header><body/></tmx>"##;
        let mut reader = Reader::from_str(xml).unwrap();
        assert_eq!(reader.version(), "1.1");
        assert_eq!(reader.header().srclang, "*all*");
        assert_eq!(reader.header().props, vec![Prop::new("p", "v")]);
        assert_eq!(reader.header().notes, vec![Note::new("n")]);
        assert!(!reader.read_tu(&mut Tu::default()).unwrap());
        assert_eq!(reader.warning_count(), 5); // five required attributes missing
    }

    #[test]
    fn reads_utf16_tmx_1_2_with_dgt_codes() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE tmx SYSTEM \"tmx12.dtd\">\n\
            <tmx version=\"1.2\"><header srclang=\"EN-GB\" creationtool=\"x\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"EN\" datatype=\"plaintext\"/><body>\n\
            <tu><tuv lang=\"EN-GB\"><seg>Council</seg></tuv><tuv lang=\"BG-01\"><seg>Съвет</seg></tuv></tu></body></tmx>";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(xml.encode_utf16().flat_map(u16::to_be_bytes));
        let mut reader = Reader::from_bytes(&bytes).unwrap();
        assert!(reader.is_utf16());
        assert_eq!(
            (reader.version(), reader.header().srclang.as_str()),
            ("1.2", "en-GB")
        );
        let tus: Vec<Tu> = reader.tus().collect::<Result<_>>().unwrap();
        let langs: Vec<&str> = tus[0].tuvs.iter().map(|v| v.lang.as_str()).collect();
        assert_eq!(langs, ["en-GB", "bg"]);
        assert_eq!(tus[0].tuvs[1].seg.text(), "Съвет");
        let p = reader.take_warnings()[0].position;
        assert_eq!(p.line, 4, "the first warning (EN-GB) is on the unit's line");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let err = read_all(&(doc("") + "<tmx/>")).unwrap_err();
        assert!(
            err.to_string().contains("expected the end of the input"),
            "{err}"
        );
    }
}
