//! The tokenizer's events with positions, and the checks on text, markup
//! and attributes that every element shares.

use super::warning::WarningKind;
use super::{Ctx, Xml};
use crate::chars::{find_illegal, unescape_into, UnescapeError};
use crate::error::{Error, Result};
use crate::source::{At, BadUtf16};
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// The next event and the place where it starts.
#[inline]
pub(crate) fn next<'b, R: BufRead>(
    xml: &mut Xml<R>,
    buf: &'b mut Vec<u8>,
) -> Result<(At, Event<'b>)> {
    buf.clear();
    let start = xml.get_ref().at(xml.buffer_position());
    match xml.read_event_into(buf) {
        Ok(event) => Ok((start, event)),
        Err(err) => Err(tokenizer_error(xml, err, start)),
    }
}

/// A tokenizer error, placed at the start of the markup it failed on.
pub(super) fn tokenizer_error<R: BufRead>(xml: &Xml<R>, err: quick_xml::Error, start: At) -> Error {
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

pub(crate) fn describe(event: &Event<'_>) -> String {
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

pub(crate) fn unexpected(start: At, expected: &str, found: &Event<'_>) -> Error {
    Error::Unexpected {
        position: start.position(),
        expected: expected.to_string(),
        found: describe(found),
    }
}

#[inline]
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// After `</body>`: `</tmx>`, then only comments and whitespace.
pub(super) fn read_epilog<R: BufRead>(xml: &mut Xml<R>, buf: &mut Vec<u8>) -> Result<()> {
    let mut closed = false;
    loop {
        xml.get_mut().mark();
        let (start, event) = next(xml, buf)?;
        if is_misc(start, &event)? {
            continue;
        }
        match event {
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

/// Comments and processing instructions, which may stand anywhere: checked
/// and passed over. True when `event` was one.
#[inline(always)]
pub(super) fn is_markup(start: At, event: &Event<'_>) -> Result<bool> {
    match event {
        Event::Comment(t) => check_markup(t, start).map(|()| true),
        Event::PI(t) => check_markup(t, start).map(|()| true),
        _ => Ok(false),
    }
}

/// What XML calls Misc, which may stand between elements: blank text,
/// comments and processing instructions. True when `event` was one.
#[inline(always)]
pub(super) fn is_misc(start: At, event: &Event<'_>) -> Result<bool> {
    match event {
        Event::Text(t) if is_blank(t) => Ok(true),
        event => is_markup(start, event),
    }
}

/// A child of a container element, from [`child`].
pub(super) enum Child<'b> {
    /// A start tag, and true when it is an empty element.
    Element(BytesStart<'b>, bool),
    /// The container's end tag.
    End,
}

/// The one place that says what `<body>`, `<header>`, `<tu>` and `<tuv>`
/// do with an event alike: Misc is passed over (`None`), other text is a
/// warning naming the `parent`, and anything but a start or end tag is an
/// error saying what was `expected`.
// Always inlined: as a call (xml.rs is its own codegen unit) the event moved
// in and the child moved out cost 2% of a read's instructions.
#[inline(always)]
pub(super) fn child<'b>(
    start: At,
    event: Event<'b>,
    parent: &'static str,
    expected: &str,
    ctx: &mut Ctx,
) -> Result<Option<Child<'b>>> {
    match event {
        Event::Start(e) => Ok(Some(Child::Element(e, false))),
        Event::Empty(e) => Ok(Some(Child::Element(e, true))),
        Event::End(_) => Ok(Some(Child::End)),
        event if is_misc(start, &event)? => Ok(None),
        Event::Text(_) | Event::CData(_) => {
            ctx.warn(start.position(), WarningKind::UnexpectedText { parent });
            Ok(None)
        }
        event => Err(unexpected(start, expected, &event)),
    }
}

/// Warns about an element that `parent` does not allow; the caller skips it.
pub(super) fn warn_unknown(
    e: &BytesStart<'_>,
    start: At,
    parent: &'static str,
    ctx: &mut Ctx,
) -> Result<()> {
    let name = unknown_name(e, start)?;
    ctx.warn(
        start.position(),
        WarningKind::UnknownElement { name, parent },
    );
    Ok(())
}

/// Skips the rest of an element whose start tag was just read.
pub(super) fn skip_element<R: BufRead>(xml: &mut Xml<R>, buf: &mut Vec<u8>) -> Result<()> {
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

/// Raw character data starting at `start` as UTF-8 without the characters
/// XML forbids, or an error at the first bad byte.
#[inline]
pub(crate) fn checked_text(raw: &[u8], start: At) -> Result<&str> {
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
    Ok(text)
}

/// Decodes raw character data starting at `start` and appends its text.
#[inline]
pub(crate) fn push_text(raw: &[u8], start: At, out: &mut String, attr: bool) -> Result<()> {
    let text = checked_text(raw, start)?;
    let plain = if attr {
        !raw.iter()
            .any(|&b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    } else {
        memchr::memchr3(b'&', b'\r', b'>', raw).is_none()
    };
    if !attr && !plain {
        // From each `>`, not with memmem::find, which builds a searcher
        // on every call.
        let cdata_end = memchr::memchr_iter(b'>', raw).find(|&k| k >= 2 && &raw[k - 2..k] == b"]]");
        if let Some(k) = cdata_end.map(|k| k - 2) {
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
pub(crate) fn check_markup(raw: &[u8], start: At) -> Result<()> {
    let start = start.skip(4); // `<!--`, near enough for `<?` and `<!DOCTYPE`
    checked_text(raw, start).map(|_| ())
}

/// The XML declaration: its encoding must be the one the input is read in
/// (UTF-8, or UTF-16 after a BOM); anything else is a warning, because the
/// reader reads only those two and would otherwise ignore it silently.
pub(super) fn check_decl(
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
#[inline]
pub(super) fn push_cdata(raw: &[u8], start: At, out: &mut String) -> Result<()> {
    let start = start.skip(9); // `<![CDATA[`
    let text = checked_text(raw, start)?;
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
#[inline]
pub(super) fn for_each_attr(
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
    // The first few names on the stack: a Vec here was an allocation per
    // element.
    let mut names: [&[u8]; 8] = [&[]; 8];
    let mut n_names = 0;
    let mut seen: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    for attr in attributes {
        let attr = attr.map_err(|err| attr_error(tag, start, err))?;
        let key: &[u8] = attr.key.into_inner();
        let key_at = offset_in_tag(key);
        check_name(key, key_at)?;
        let duplicate = if n_names < names.len() {
            let dup = names[..n_names].contains(&key);
            names[n_names] = key;
            n_names += 1;
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
        // Values are short: a plain loop costs less than memchr's dispatch.
        if let Some(lt) = attr.value.iter().position(|&b| b == b'<') {
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

pub(crate) fn limit(at: At, limit: &'static str, value: usize) -> Error {
    Error::Limit {
        position: at.position(),
        limit,
        value: value as u64,
    }
}

/// An element or attribute name must be UTF-8 without control characters
/// (a NUL in a name otherwise surfaces later as a baffling end-tag mismatch).
#[inline]
pub(super) fn check_name(name: &[u8], at: At) -> Result<()> {
    // Nearly every name is printable ASCII: one pass says so.
    if name.iter().all(|&b| (0x20..0x80).contains(&b)) {
        return Ok(());
    }
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
pub(super) fn unknown_name(e: &BytesStart<'_>, start: At) -> Result<String> {
    let name = e.name();
    check_name(name.as_ref(), start.skip(1))?;
    Ok(String::from_utf8_lossy(name.as_ref()).into_owned())
}

/// A malformed attribute, positioned where the tokenizer saw the problem.
pub(super) fn attr_error(
    tag: &[u8],
    start: At,
    err: quick_xml::events::attributes::AttrError,
) -> Error {
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

#[inline]
pub(super) fn set(field: &mut String, value: &str) {
    field.clear();
    field.push_str(value);
}

#[inline]
pub(super) fn set_opt(field: &mut Option<String>, value: &str) {
    match field {
        Some(s) => set(s, value),
        None => *field = Some(value.to_string()),
    }
}

/// The `n`-th element of `v` for reuse, appending a default one if needed.
#[inline]
pub(super) fn slot<T: Default>(v: &mut Vec<T>, n: &mut usize) -> usize {
    if *n == v.len() {
        v.push(T::default());
    }
    *n += 1;
    *n - 1
}
