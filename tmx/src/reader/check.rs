//! Checks on whole units and segments, and TMX dates.

use super::warning::WarningKind;
use super::Ctx;
use crate::date::{is_date_attr, is_tmx_date};
use crate::model::{Inline, Seg, Tu};
use crate::source::At;

/// Warns about `bpt`/`ept` without a partner of the same `i` in the segment.
pub(super) fn check_pairs(at: At, ctx: &mut Ctx, content: &[Inline]) {
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

/// True when the segment's text starts or ends with whitespace.
#[inline]
pub(super) fn is_padded(seg: &Seg) -> bool {
    let padded =
        |text: &str| text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    match seg.content.as_slice() {
        [Inline::Text(text)] => padded(text),
        _ => padded(&seg.text()),
    }
}

/// Warnings about a whole unit: empty or padded segments, duplicates, too
/// few variants, and (once per file) a bad date.
#[inline]
pub(super) fn check_unit(start: At, tu: &Tu, ctx: &mut Ctx) {
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
