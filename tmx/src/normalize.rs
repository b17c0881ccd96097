//! The normal form the writer gives segment content: forbidden characters
//! removed, adjacent text runs merged, empty runs dropped, ends trimmed.
//! Reading a written segment back gives exactly this form.

use crate::model::{CodePart, Inline, Seg};

impl Seg {
    /// The segment as the writer writes it (with [`crate::ControlChars::Remove`]):
    /// characters XML 1.0 forbids removed, adjacent text runs merged, empty
    /// runs dropped, and leading and trailing whitespace trimmed (looking
    /// into `<hi>`, stopping at the first code).
    ///
    /// ```
    /// let seg = tmx::Seg::from_text("  a\u{1F}b ");
    /// assert_eq!(seg.normalized(), tmx::Seg::from_text("ab"));
    /// ```
    pub fn normalized(&self) -> Seg {
        let mut content = self.content.clone();
        clean_deep(&mut content);
        trim_content(&mut content);
        Seg { content }
    }
}

fn clean_deep(content: &mut Vec<Inline>) {
    for node in content.iter_mut() {
        match node {
            Inline::Text(text) => {
                crate::chars::remove_illegal(text);
            }
            Inline::Bpt { i, x, kind, code } => {
                crate::chars::remove_illegal(i);
                clean_opt(x);
                clean_opt(kind);
                clean_code_deep(code);
            }
            Inline::Ept { i, code } => {
                crate::chars::remove_illegal(i);
                clean_code_deep(code);
            }
            Inline::It { x, kind, code, .. } => {
                clean_opt(x);
                clean_opt(kind);
                clean_code_deep(code);
            }
            Inline::Ph {
                x,
                assoc,
                kind,
                code,
            } => {
                clean_opt(x);
                clean_opt(assoc);
                clean_opt(kind);
                clean_code_deep(code);
            }
            Inline::Hi { x, kind, content } => {
                clean_opt(x);
                clean_opt(kind);
                clean_deep(content);
            }
            Inline::Ut { x, code } => {
                clean_opt(x);
                clean_code_deep(code);
            }
        }
    }
    merge_text(content);
}

fn clean_code_deep(code: &mut Vec<CodePart>) {
    for part in code.iter_mut() {
        match part {
            CodePart::Text(text) => {
                crate::chars::remove_illegal(text);
            }
            CodePart::Sub(sub) => {
                clean_opt(&mut sub.datatype);
                clean_opt(&mut sub.kind);
                clean_deep(&mut sub.content);
            }
        }
    }
    merge_code(code);
}

fn clean_opt(value: &mut Option<String>) {
    if let Some(value) = value {
        crate::chars::remove_illegal(value);
    }
}

/// Merges adjacent text runs and drops empty ones (this level only).
pub(crate) fn merge_text(content: &mut Vec<Inline>) {
    let mut out: Vec<Inline> = Vec::with_capacity(content.len());
    for node in content.drain(..) {
        match (out.last_mut(), node) {
            (_, Inline::Text(text)) if text.is_empty() => {}
            (Some(Inline::Text(prev)), Inline::Text(text)) => prev.push_str(&text),
            (_, node) => out.push(node),
        }
    }
    *content = out;
}

/// Merges adjacent code text runs and drops empty ones (this level only).
pub(crate) fn merge_code(code: &mut Vec<CodePart>) {
    let mut out: Vec<CodePart> = Vec::with_capacity(code.len());
    for part in code.drain(..) {
        match (out.last_mut(), part) {
            (_, CodePart::Text(text)) if text.is_empty() => {}
            (Some(CodePart::Text(prev)), CodePart::Text(text)) => prev.push_str(&text),
            (_, part) => out.push(part),
        }
    }
    *code = out;
}

/// Trims whitespace at both ends of already merged content.
pub(crate) fn trim_content(content: &mut Vec<Inline>) {
    trim_start(content);
    trim_end(content);
}

/// Returns true when everything was whitespace (so trimming goes on after).
fn trim_start(content: &mut Vec<Inline>) -> bool {
    let mut i = 0;
    while i < content.len() {
        match &mut content[i] {
            Inline::Text(text) => {
                let cut = text.len() - text.trim_start().len();
                text.drain(..cut);
                if !text.is_empty() {
                    return false;
                }
                content.remove(i);
            }
            Inline::Hi { content: inner, .. } => {
                if !trim_start(inner) {
                    return false;
                }
                i += 1;
            }
            _ => return false,
        }
    }
    true
}

fn trim_end(content: &mut Vec<Inline>) -> bool {
    let mut i = content.len();
    while i > 0 {
        match &mut content[i - 1] {
            Inline::Text(text) => {
                let keep = text.trim_end().len();
                text.truncate(keep);
                if !text.is_empty() {
                    return false;
                }
                content.remove(i - 1);
                i -= 1;
            }
            Inline::Hi { content: inner, .. } => {
                if !trim_end(inner) {
                    return false;
                }
                i -= 1;
            }
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    #[test]
    fn trims_into_hi_and_stops_at_codes() {
        let ph = Inline::Ph {
            x: None,
            assoc: None,
            kind: None,
            code: vec![],
        };
        let seg = Seg {
            content: vec![
                Inline::Hi {
                    x: None,
                    kind: None,
                    content: vec![text(" ")],
                },
                text(" a"),
                text(""),
                text("b "),
                ph.clone(),
                text(" c "),
            ],
        };
        let want = Seg {
            content: vec![
                Inline::Hi {
                    x: None,
                    kind: None,
                    content: vec![],
                },
                text("ab "),
                ph,
                text(" c"),
            ],
        };
        assert_eq!(seg.normalized(), want);
    }
}
