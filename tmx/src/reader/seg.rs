//! `<seg>` and its inline content.

use super::check::check_pairs;
use super::warning::WarningKind;
use super::xml::{
    for_each_attr, is_markup, limit, next, push_cdata, push_text, unexpected, unknown_name,
};
use super::{Ctx, Xml};
use crate::error::{Error, Result};
use crate::model::{CodePart, Inline, ItPos, Seg, Sub};
use crate::source::At;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// An open element inside a segment.
pub(super) enum Frame {
    /// `hi` (holding inline content) or a code element (holding code parts).
    Inline(Inline),
    /// `sub` (holding inline content).
    Sub(Sub),
    /// An element TMX does not allow here: its text goes to the parent.
    Unknown,
}

/// Where text and children go: inline content or code parts.
pub(super) enum Target<'a> {
    Inlines(&'a mut Vec<Inline>),
    Code(&'a mut Vec<CodePart>),
}

#[inline]
pub(super) fn target<'a>(root: &'a mut Vec<Inline>, stack: &'a mut [Frame]) -> Target<'a> {
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
#[inline]
pub(super) fn text_run<'a>(target: Target<'a>, recycled: &mut Option<String>) -> &'a mut String {
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

#[inline]
pub(super) fn read_seg<R: BufRead>(
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

#[inline]
pub(super) fn read_seg_content<R: BufRead>(
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
            event if is_markup(start, &event)? => {}
            event => return Err(unexpected(start, "`</seg>`", &event)),
        }
    }
}

pub(super) fn open_inline(
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

pub(super) fn close_inline(frame: Frame, root: &mut Vec<Inline>, stack: &mut [Frame]) {
    match (frame, target(root, stack)) {
        (Frame::Inline(node), Target::Inlines(content)) => content.push(node),
        (Frame::Sub(sub), Target::Code(code)) => code.push(CodePart::Sub(sub)),
        // Unknown elements leave only their text; other pairings cannot
        // happen because `open_inline` checks the context.
        _ => {}
    }
}
