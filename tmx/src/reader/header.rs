//! The `<header>` and the `<prop>` and `<note>` elements.

use super::check::*;
use super::warning::*;
use super::xml::*;
use super::{Ctx, Xml};
use crate::error::{Error, Result};
use crate::model::{Header, Note, Prop};
use crate::source::At;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

pub(super) const HEADER_REQUIRED: [&str; 7] = [
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
];

pub(super) fn header_attrs(
    e: &BytesStart<'_>,
    start: At,
    header: &mut Header,
    ctx: &mut Ctx,
) -> Result<()> {
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
pub(super) fn read_header_children<R: BufRead>(
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

pub(super) fn prop_attrs(
    e: &BytesStart<'_>,
    start: At,
    prop: &mut Prop,
    ctx: &mut Ctx,
) -> Result<()> {
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

pub(super) fn note_attrs(
    e: &BytesStart<'_>,
    start: At,
    note: &mut Note,
    ctx: &mut Ctx,
) -> Result<()> {
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
pub(super) fn read_text_element<R: BufRead>(
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
