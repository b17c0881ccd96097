//! The streaming XLIFF 1.2 reader: one `<trans-unit>` at a time, through
//! the same byte source as the TMX reader (BOM and UTF-16 detection, line
//! counting, the per-unit size limit).

use super::{AltTrans, State, TransUnit, XliffFile};
use crate::error::{Error, Result};
use crate::model::Attr;
use crate::reader::xml::{
    check_markup, checked_text, is_blank, limit, next, push_text, unexpected,
};
use crate::reader::Xml;
use crate::source::{At, Source};
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// One unit, the header of a file, or anything skipped between units may
/// hold at most this many bytes.
const MAX_UNIT_BYTES: u64 = 64 << 20;
/// Nesting of `<group>`, of inline elements, and of skipped elements.
const MAX_DEPTH: usize = 32;
/// `<alt-trans>` and `<note>` elements kept per unit.
const MAX_LIST: usize = 1000;

/// Where the reader is between calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    /// Inside `<xliff>`, outside any `<file>`.
    Top,
    /// Inside a file's `<body>`, this many `<group>`s deep.
    Body(usize),
    /// After `</xliff>`.
    Done,
}

/// Reads XLIFF 1.0–1.2 as a stream of [`TransUnit`]s. The `<xliff>`
/// element is read on creation; [`XliffReader::read_unit`] then reads the
/// units of every `<file>` in order, and [`XliffReader::file`] says which
/// file the last one belongs to.
///
/// Errors carry the line, column and byte where the input went wrong.
/// Entities other than the predefined ones are refused, never expanded.
pub struct XliffReader<R: BufRead> {
    xml: Xml<R>,
    buf: Vec<u8>,
    skip_buf: Vec<u8>,
    version: String,
    file: Option<XliffFile>,
    files: u64,
    units: u64,
    at: Where,
}

impl XliffReader<std::io::BufReader<std::fs::File>> {
    /// Opens a file and reads up to `<xliff>`.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let file = std::fs::File::open(path)?;
        XliffReader::from_bufread(std::io::BufReader::with_capacity(256 << 10, file))
    }
}

impl<'a> XliffReader<&'a [u8]> {
    /// Reads from a string.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &'a str) -> Result<Self> {
        XliffReader::from_bufread(text.as_bytes())
    }
}

impl<R: BufRead> XliffReader<R> {
    /// Reads from a `BufRead` up to and including `<xliff>`. Fails when the
    /// root element is not `<xliff>` or its version is not 1.0, 1.1 or 1.2.
    pub fn from_bufread(inner: R) -> Result<Self> {
        let source = Source::new(inner, MAX_UNIT_BYTES)?;
        let mut xml = quick_xml::Reader::from_reader(source);
        xml.config_mut().check_end_names = true;
        let mut reader = XliffReader {
            xml,
            buf: Vec::with_capacity(4096),
            skip_buf: Vec::new(),
            version: String::new(),
            file: None,
            files: 0,
            units: 0,
            at: Where::Top,
        };
        reader.read_prolog()?;
        Ok(reader)
    }

    /// The `version` of `<xliff>`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The file of the last unit read (the last `<file>` started).
    pub fn file(&self) -> Option<&XliffFile> {
        self.file.as_ref()
    }

    /// How many `<file>` elements were started so far: the 1-based index
    /// of [`XliffReader::file`].
    pub fn files_read(&self) -> u64 {
        self.files
    }

    /// How many units were read so far.
    pub fn units_read(&self) -> u64 {
        self.units
    }

    /// The place of the next byte to be read.
    pub fn position(&self) -> crate::Position {
        self.xml.get_ref().at(self.xml.buffer_position()).position()
    }

    /// Reads the next unit into `unit` (cleared first). Returns false after
    /// `</xliff>`, once the rest of the input was checked to hold only
    /// comments and whitespace.
    pub fn read_unit(&mut self, unit: &mut TransUnit) -> Result<bool> {
        unit.clear();
        loop {
            self.xml.get_mut().mark();
            if self.at == Where::Done {
                return Ok(false);
            }
            let (start, event) = next(&mut self.xml, &mut self.buf)?;
            match (self.at, event) {
                (_, Event::Comment(t)) => check_markup(&t, start)?,
                (_, Event::PI(t)) => check_markup(&t, start)?,
                (_, Event::Text(t)) if is_blank(&t) => {}
                (Where::Top, Event::Start(e)) if e.local_name().as_ref() == b"file" => {
                    let e = e.into_owned();
                    self.open_file(&e, start)?;
                }
                (Where::Top, Event::Empty(e)) if e.local_name().as_ref() == b"file" => {
                    let e = e.into_owned();
                    self.file = Some(file_attrs(&e, start)?);
                    self.files += 1;
                }
                (Where::Top, Event::End(_)) => {
                    self.read_epilog()?;
                    self.at = Where::Done;
                    return Ok(false);
                }
                (Where::Body(_), Event::Start(e)) if e.local_name().as_ref() == b"trans-unit" => {
                    let e = e.into_owned();
                    read_trans_unit(&mut self.xml, &mut self.buf, &e, start, unit)?;
                    self.units += 1;
                    return Ok(true);
                }
                (Where::Body(_), Event::Empty(e)) if e.local_name().as_ref() == b"trans-unit" => {
                    return Err(Error::Unexpected {
                        position: start.position(),
                        expected: "`<source>` inside `<trans-unit>`".into(),
                        found: "an empty `<trans-unit/>`".into(),
                    });
                }
                (Where::Body(depth), Event::Start(e)) if e.local_name().as_ref() == b"group" => {
                    if depth + 1 > MAX_DEPTH {
                        return Err(limit(start, "max_depth", MAX_DEPTH));
                    }
                    self.at = Where::Body(depth + 1);
                }
                (Where::Body(_), Event::Start(_)) => {
                    // `<bin-unit>` and extensions: not text to translate.
                    skip_subtree(&mut self.xml, &mut self.skip_buf, start)?;
                }
                (Where::Body(_), Event::Empty(_)) => {}
                (Where::Body(depth), Event::End(_)) if depth > 0 => {
                    self.at = Where::Body(depth - 1);
                }
                (Where::Body(0), Event::End(_)) => {
                    // `</body>`; the file may still hold other elements.
                    self.close_file()?;
                    self.at = Where::Top;
                }
                (_, event) => {
                    let expected = match self.at {
                        Where::Top => "`<file>` or `</xliff>`",
                        _ => "`<trans-unit>`, `<group>` or `</body>`",
                    };
                    return Err(unexpected(start, expected, &event));
                }
            }
        }
    }

    /// The units as an iterator; it ends after the first error.
    pub fn units(&mut self) -> Units<'_, R> {
        Units {
            reader: self,
            failed: false,
        }
    }

    fn read_prolog(&mut self) -> Result<()> {
        loop {
            self.xml.get_mut().mark();
            let (start, event) = next(&mut self.xml, &mut self.buf)?;
            match event {
                Event::Decl(d) => check_markup(&d, start)?,
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
                Event::DocType(t) => check_markup(&t, start)?,
                Event::Text(t) if is_blank(&t) => {}
                Event::Start(e) if e.local_name().as_ref() == b"xliff" => {
                    let e = e.into_owned();
                    let version = attr(&e, b"version", start)?.ok_or(Error::MissingAttribute {
                        position: start.position(),
                        element: "xliff",
                        attribute: "version",
                    })?;
                    if !matches!(version.as_str(), "1.0" | "1.1" | "1.2") {
                        return Err(Error::InvalidAttribute {
                            position: start.position(),
                            attribute: "version".into(),
                            expected: "1.0, 1.1 or 1.2 (XLIFF 2 is not read)".into(),
                            found: version,
                        });
                    }
                    self.version = version;
                    return Ok(());
                }
                Event::Empty(e) if e.local_name().as_ref() == b"xliff" => {
                    return Err(Error::Unexpected {
                        position: start.position(),
                        expected: "`<file>` inside `<xliff>`".into(),
                        found: "an empty `<xliff/>`".into(),
                    })
                }
                event => return Err(unexpected(start, "`<xliff>`", &event)),
            }
        }
    }

    /// After `<file ...>`: its attributes, then up to `<body>`, skipping
    /// `<header>`.
    fn open_file(&mut self, e: &BytesStart<'_>, start: At) -> Result<()> {
        self.file = Some(file_attrs(e, start)?);
        self.files += 1;
        loop {
            self.xml.get_mut().mark();
            let (start, event) = next(&mut self.xml, &mut self.buf)?;
            match event {
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
                Event::Text(t) if is_blank(&t) => {}
                Event::Start(e) if e.local_name().as_ref() == b"body" => {
                    self.at = Where::Body(0);
                    return Ok(());
                }
                Event::Empty(e) if e.local_name().as_ref() == b"body" => {
                    self.close_file()?;
                    return Ok(());
                }
                Event::Start(e) if e.local_name().as_ref() == b"header" => {
                    skip_subtree(&mut self.xml, &mut self.skip_buf, start)?;
                }
                Event::Empty(_) => {}
                event => return Err(unexpected(start, "`<header>` or `<body>`", &event)),
            }
        }
    }

    /// After `</body>`: up to `</file>`.
    fn close_file(&mut self) -> Result<()> {
        loop {
            self.xml.get_mut().mark();
            let (start, event) = next(&mut self.xml, &mut self.buf)?;
            match event {
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
                Event::Text(t) if is_blank(&t) => {}
                Event::End(_) => return Ok(()),
                Event::Start(_) => skip_subtree(&mut self.xml, &mut self.skip_buf, start)?,
                Event::Empty(_) => {}
                event => return Err(unexpected(start, "`</file>`", &event)),
            }
        }
    }

    fn read_epilog(&mut self) -> Result<()> {
        loop {
            self.xml.get_mut().mark();
            let (start, event) = next(&mut self.xml, &mut self.buf)?;
            match event {
                Event::Comment(t) => check_markup(&t, start)?,
                Event::PI(t) => check_markup(&t, start)?,
                Event::Text(t) if is_blank(&t) => {}
                Event::Eof => return Ok(()),
                event => return Err(unexpected(start, "the end of the input", &event)),
            }
        }
    }
}

/// Iterator over the units of an [`XliffReader`].
pub struct Units<'r, R: BufRead> {
    reader: &'r mut XliffReader<R>,
    failed: bool,
}

impl<R: BufRead> Iterator for Units<'_, R> {
    type Item = Result<TransUnit>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut unit = TransUnit::default();
        match self.reader.read_unit(&mut unit) {
            Ok(true) => Some(Ok(unit)),
            Ok(false) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

fn file_attrs(e: &BytesStart<'_>, start: At) -> Result<XliffFile> {
    let source = attr(e, b"source-language", start)?.ok_or(Error::MissingAttribute {
        position: start.position(),
        element: "file",
        attribute: "source-language",
    })?;
    Ok(XliffFile {
        original: attr(e, b"original", start)?.unwrap_or_default(),
        source_language: crate::lang::canonical(&source),
        target_language: attr(e, b"target-language", start)?
            .map(|l| crate::lang::canonical(&l))
            .filter(|l| !l.is_empty()),
        datatype: attr(e, b"datatype", start)?.unwrap_or_default(),
    })
}

/// After `<trans-unit ...>`: the whole unit, through `</trans-unit>`.
fn read_trans_unit<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    e: &BytesStart<'_>,
    unit_start: At,
    unit: &mut TransUnit,
) -> Result<()> {
    unit.id = attr(e, b"id", unit_start)?.ok_or(Error::MissingAttribute {
        position: unit_start.position(),
        element: "trans-unit",
        attribute: "id",
    })?;
    unit.approved = match attr(e, b"approved", unit_start)?.as_deref() {
        None => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(other) => {
            return Err(Error::InvalidAttribute {
                position: unit_start.position(),
                attribute: "approved".into(),
                expected: "yes or no".into(),
                found: other.into(),
            })
        }
    };
    for a in e.attributes() {
        let a = a.map_err(|err| attr_error(unit_start, err))?;
        if a.key.as_ref().starts_with(b"tmalign:") {
            let mut value = String::new();
            push_text(&a.value, unit_start, &mut value, true)?;
            unit.attrs.push(Attr {
                name: String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                value,
            });
        }
    }
    let mut skip_buf = Vec::new();
    let mut seen_source = false;
    loop {
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"source" => {
                    seen_source = true;
                    read_text(xml, &mut skip_buf, start, &mut unit.source)?;
                }
                b"target" => {
                    let e = e.into_owned();
                    target_attrs(&e, start, unit)?;
                    let mut text = String::new();
                    read_text(xml, &mut skip_buf, start, &mut text)?;
                    unit.target = Some(text);
                }
                b"alt-trans" => {
                    let e = e.into_owned();
                    let alt = read_alt_trans(xml, &mut skip_buf, &e, start)?;
                    if unit.alt_trans.len() >= MAX_LIST {
                        return Err(limit(start, "max_alt_trans", MAX_LIST));
                    }
                    unit.alt_trans.extend(alt);
                }
                b"note" => {
                    if unit.notes.len() >= MAX_LIST {
                        return Err(limit(start, "max_notes", MAX_LIST));
                    }
                    let mut text = String::new();
                    read_text(xml, &mut skip_buf, start, &mut text)?;
                    unit.notes.push(text);
                }
                _ => skip_subtree(xml, &mut skip_buf, start)?,
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"source" => seen_source = true,
                b"target" => {
                    let e = e.into_owned();
                    target_attrs(&e, start, unit)?;
                    unit.target = Some(String::new());
                }
                _ => {}
            },
            Event::End(_) => {
                if !seen_source {
                    return Err(Error::Unexpected {
                        position: start.position(),
                        expected: "`<source>` in the unit".into(),
                        found: "`</trans-unit>`".into(),
                    });
                }
                return Ok(());
            }
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            Event::Text(t) => check_text(&t, start)?,
            Event::CData(_) => {}
            event => return Err(unexpected(start, "`</trans-unit>`", &event)),
        }
    }
}

fn target_attrs(e: &BytesStart<'_>, start: At, unit: &mut TransUnit) -> Result<()> {
    if let Some(state) = attr(e, b"state", start)? {
        unit.state = Some(State::parse(&state).ok_or_else(|| Error::InvalidAttribute {
            position: start.position(),
            attribute: "state".into(),
            expected: "an XLIFF 1.2 state (new, needs-translation, needs-review-translation, translated, signed-off, final, ...) or x-...".into(),
            found: state.clone(),
        })?);
    }
    unit.state_qualifier = attr(e, b"state-qualifier", start)?;
    Ok(())
}

/// After `<alt-trans ...>`: through `</alt-trans>`. `None` for one without
/// a `<target>`.
fn read_alt_trans<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    e: &BytesStart<'_>,
    alt_start: At,
) -> Result<Option<AltTrans>> {
    let mut alt = AltTrans {
        match_quality: attr(e, b"match-quality", alt_start)?,
        origin: attr(e, b"origin", alt_start)?,
        ..AltTrans::default()
    };
    let mut has_target = false;
    let mut inner = Vec::new();
    loop {
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"source" => {
                    let mut text = String::new();
                    read_text(xml, &mut inner, start, &mut text)?;
                    alt.source = Some(text);
                }
                b"target" => {
                    has_target = true;
                    read_text(xml, &mut inner, start, &mut alt.target)?;
                }
                _ => skip_subtree(xml, &mut inner, start)?,
            },
            Event::Empty(e) if e.local_name().as_ref() == b"target" => has_target = true,
            Event::End(_) => return Ok(has_target.then_some(alt)),
            Event::Eof => return Err(unexpected(start, "`</alt-trans>`", &Event::Eof)),
            Event::Text(t) => check_text(&t, start)?,
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            _ => {}
        }
    }
}

/// After the start tag of a `<source>`, `<target>` or `<note>`: its text
/// through the matching end tag. `<g>` and `<mrk>` give their text; native
/// codes (`<x/>`, `<ph>`, `<bpt>`, `<ept>`, `<it>`, `<bx/>`, `<ex/>`) are
/// left out.
fn read_text<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    element_start: At,
    out: &mut String,
) -> Result<()> {
    let mut depth = 0usize;
    let mut skip = Vec::new();
    loop {
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Text(t) => push_text(&t, start, out, false)?,
            Event::CData(t) => push_cdata(&t, start.skip(9), out)?,
            Event::Start(e) => match e.local_name().as_ref() {
                b"g" | b"mrk" => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(limit(start, "max_depth", MAX_DEPTH));
                    }
                }
                _ => skip_subtree(xml, &mut skip, start)?,
            },
            Event::Empty(_) => {}
            Event::End(_) if depth == 0 => return Ok(()),
            Event::End(_) => depth -= 1,
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            Event::Eof => {
                let _ = element_start;
                return Err(unexpected(start, "an end tag", &Event::Eof));
            }
            event => return Err(unexpected(start, "text or an end tag", &event)),
        }
    }
}

/// After a start tag: everything through its end tag, unread.
fn skip_subtree<R: BufRead>(xml: &mut Xml<R>, buf: &mut Vec<u8>, _start: At) -> Result<()> {
    let mut depth = 1usize;
    loop {
        let (start, event) = next(xml, buf)?;
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(limit(start, "max_depth", MAX_DEPTH));
                }
            }
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Event::Text(t) => check_text(&t, start)?,
            Event::Comment(t) => check_markup(&t, start)?,
            Event::PI(t) => check_markup(&t, start)?,
            Event::Eof => return Err(unexpected(start, "an end tag", &Event::Eof)),
            _ => {}
        }
    }
}

/// The value of the unprefixed attribute `name`, decoded.
fn attr(e: &BytesStart<'_>, name: &[u8], start: At) -> Result<Option<String>> {
    for a in e.attributes() {
        let a = a.map_err(|err| attr_error(start, err))?;
        let local = a.key.as_ref();
        if local == name {
            let mut value = String::new();
            push_text(&a.value, start, &mut value, true)?;
            return Ok(Some(value));
        }
    }
    Ok(None)
}

fn attr_error(start: At, err: quick_xml::events::attributes::AttrError) -> Error {
    Error::Xml {
        position: start.position(),
        message: format!("malformed attribute: {err}"),
    }
}

fn push_cdata(raw: &[u8], start: At, out: &mut String) -> Result<()> {
    let text = checked_text(raw, start)?;
    // XML reads a CR or CRLF in content as LF.
    out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
    Ok(())
}

/// Text outside segments is dropped, but it must still be valid.
fn check_text(raw: &[u8], start: At) -> Result<()> {
    let mut sink = String::new();
    push_text(raw, start, &mut sink, false)
}
