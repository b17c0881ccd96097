//! `<tu>` and `<tuv>`.

use super::header::*;
use super::seg::*;
use super::warning::*;
use super::xml::*;
use super::{Ctx, Xml, MAX_LANG_CACHE};
use crate::error::{Error, Result};
use crate::model::{Tu, Tuv};
use crate::source::At;
use crate::writer::{is_tu_attr, is_tuv_attr};
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

pub(super) fn tu_attrs(e: &BytesStart<'_>, start: At, tu: &mut Tu, ctx: &mut Ctx) -> Result<()> {
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

pub(super) fn read_tu_children<R: BufRead>(
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

pub(super) fn tuv_attrs(e: &BytesStart<'_>, start: At, tuv: &mut Tuv, ctx: &mut Ctx) -> Result<()> {
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

pub(super) fn read_tuv_children<R: BufRead>(
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
