//! `<tu>` and `<tuv>`.

use super::props::{read_child_rest, Annotations};
use super::seg::read_seg;
use super::warning::WarningKind;
use super::xml::{child, for_each_attr, limit, next, set, set_opt, slot, Child};
use super::{Ctx, Xml, MAX_LANG_CACHE};
use crate::error::{Error, Result};
use crate::model::{Tu, Tuv};
use crate::source::At;
use crate::writer::{is_tu_attr, is_tuv_attr};
use quick_xml::events::BytesStart;
use std::io::BufRead;

#[inline]
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
    let mut n_tuvs = 0;
    let mut annotations = Annotations::new(&mut tu.props, &mut tu.notes);
    ctx.tuv_starts.clear();
    loop {
        let (start, event) = next(xml, buf)?;
        let (e, empty) = match child(start, event, "tu", "`<tuv>` or `</tu>`", ctx)? {
            None => continue,
            Some(Child::End) => break,
            Some(Child::Element(e, empty)) => (e, empty),
        };
        if e.name().as_ref() != b"tuv" {
            let text = annotations.open(&e, start, "tu", ctx)?;
            drop(e);
            read_child_rest(xml, buf, text, empty, ctx)?;
            continue;
        }
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
    annotations.finish();
    tu.tuvs.truncate(n_tuvs);
    Ok(())
}

#[inline]
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

#[inline]
pub(super) fn read_tuv_children<R: BufRead>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    tuv: &mut Tuv,
    ctx: &mut Ctx,
) -> Result<()> {
    let mut has_seg = false;
    let mut annotations = Annotations::new(&mut tuv.props, &mut tuv.notes);
    loop {
        let (start, event) = next(xml, buf)?;
        let (e, empty) = match child(start, event, "tuv", "`<seg>` or `</tuv>`", ctx)? {
            None => continue,
            Some(Child::End) if has_seg => break,
            Some(Child::End) => {
                return Err(Error::Unexpected {
                    position: start.position(),
                    expected: "`<seg>`".to_string(),
                    found: "`</tuv>`".to_string(),
                })
            }
            Some(Child::Element(e, empty)) => (e, empty),
        };
        if e.name().as_ref() != b"seg" {
            let text = annotations.open(&e, start, "tuv", ctx)?;
            drop(e);
            read_child_rest(xml, buf, text, empty, ctx)?;
            continue;
        }
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
    annotations.finish();
    Ok(())
}
