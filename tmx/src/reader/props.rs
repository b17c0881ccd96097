//! `<prop>` and `<note>`, which the header, units and variants all hold.

use super::xml::{
    for_each_attr, is_markup, limit, next, push_cdata, push_text, set, set_opt, skip_element, slot,
    unexpected, warn_unknown,
};
use super::{Ctx, Xml};
use crate::error::{Error, Result};
use crate::model::{Note, Prop};
use crate::source::At;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// The `<prop>` and `<note>` children of one header, unit or variant, read
/// into the slots the previous one left (so their allocations are reused)
/// and counted against `max_props` and `max_notes`.
pub(super) struct Annotations<'a> {
    props: &'a mut Vec<Prop>,
    notes: &'a mut Vec<Note>,
    n_props: usize,
    n_notes: usize,
}

impl<'a> Annotations<'a> {
    #[inline]
    pub(super) fn new(props: &'a mut Vec<Prop>, notes: &'a mut Vec<Note>) -> Annotations<'a> {
        Annotations {
            props,
            notes,
            n_props: 0,
            n_notes: 0,
        }
    }

    /// Reads the start tag of a child other than the container's own
    /// (`<tuv>`, `<seg>`): for a `<prop>` or `<note>`, returns the string its
    /// text goes to; anything else is warned about (but a header's `<ude>`,
    /// which TMX allows and this reader does not use) and gives `None`.
    /// Then [`read_child_rest`] reads on.
    #[inline]
    pub(super) fn open(
        &mut self,
        e: &BytesStart<'_>,
        start: At,
        parent: &'static str,
        ctx: &mut Ctx,
    ) -> Result<Option<&mut String>> {
        let max = &ctx.options;
        Ok(match e.name().as_ref() {
            b"prop" => {
                if self.n_props >= max.max_props {
                    return Err(limit(start, "max_props", max.max_props));
                }
                let i = slot(self.props, &mut self.n_props);
                prop_attrs(e, start, &mut self.props[i], ctx)?;
                Some(&mut self.props[i].value)
            }
            b"note" => {
                if self.n_notes >= max.max_notes {
                    return Err(limit(start, "max_notes", max.max_notes));
                }
                let i = slot(self.notes, &mut self.n_notes);
                note_attrs(e, start, &mut self.notes[i], ctx)?;
                Some(&mut self.notes[i].value)
            }
            b"ude" if parent == "header" => None,
            _ => {
                warn_unknown(e, start, parent, ctx)?;
                None
            }
        })
    }

    /// Drops the slots this element did not use.
    #[inline]
    pub(super) fn finish(self) {
        self.props.truncate(self.n_props);
        self.notes.truncate(self.n_notes);
    }
}

/// After the start tag of a child: its text into `text` for a `<prop>` or
/// `<note>`, else (an element already warned about) skipped.
#[inline]
pub(super) fn read_child_rest<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    text: Option<&mut String>,
    empty: bool,
    ctx: &mut Ctx,
) -> Result<()> {
    match text {
        _ if empty => Ok(()),
        Some(text) => read_text_element(xml, buf, text, ctx),
        None => skip_element(xml, buf),
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
            Event::Start(e) => {
                warn_unknown(&e, start, "prop", ctx)?;
                drop(e);
                skip_element(xml, buf)?;
            }
            Event::Empty(e) => warn_unknown(&e, start, "prop", ctx)?,
            event if is_markup(start, &event)? => {}
            event => return Err(unexpected(start, "an end tag", &event)),
        }
    }
}
