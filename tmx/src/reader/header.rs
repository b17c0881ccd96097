//! The `<header>` and the `<prop>` and `<note>` elements.

use super::props::{read_child_rest, Annotations};
use super::warning::WarningKind;
use super::xml::{child, for_each_attr, next, set, set_opt, Child};
use super::{Ctx, Xml};
use crate::date::is_tmx_date;
use crate::error::Result;
use crate::model::Header;
use crate::source::At;
use quick_xml::events::BytesStart;
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
    let mut annotations = Annotations::new(&mut header.props, &mut header.notes);
    loop {
        let (start, event) = next(xml, buf)?;
        let (e, empty) = match child(start, event, "header", "`</header>`", ctx)? {
            None => continue,
            Some(Child::End) => break,
            Some(Child::Element(e, empty)) => (e, empty),
        };
        let text = annotations.open(&e, start, "header", ctx)?;
        drop(e);
        read_child_rest(xml, buf, text, empty, ctx)?;
    }
    annotations.finish();
    Ok(())
}
