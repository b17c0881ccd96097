//! TSV: `score<TAB>text1<TAB>text2[<TAB>text3]`, one line per bead.

use super::{bead_text, format_score, io_error};
use crate::error::Result;
use crate::pipeline::AlignedTexts;
use std::io::Write;

/// Writes one line per bead: `score<TAB>text1<TAB>text2[<TAB>text3]`, with
/// backslash, tab, line feed and carriage return escaped as `\\ \t \n \r`.
pub fn write_tsv<W: Write>(aligned: &AlignedTexts, out: W) -> Result<()> {
    write_tsv_with_header(aligned, false, out)
}

/// [`write_tsv`], first with a header row when `header` is true: `score`
/// and then each document's language (`score<TAB>ar<TAB>en`).
pub fn write_tsv_with_header<W: Write>(
    aligned: &AlignedTexts,
    header: bool,
    mut out: W,
) -> Result<()> {
    aligned.check()?;
    let mut line = String::new();
    if header {
        line.push_str("score");
        for doc in &aligned.documents {
            line.push('\t');
            escape_tsv_into(&mut line, &doc.lang);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io_error)?;
    }
    for bead in &aligned.alignment.beads {
        line.clear();
        line.push_str(&format_score(bead.score));
        for (doc, ids) in aligned.documents.iter().zip(&bead.ids) {
            line.push('\t');
            escape_tsv_into(&mut line, &bead_text(doc, ids.clone()));
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io_error)?;
    }
    out.flush().map_err(io_error)
}

/// Appends `text` to a TSV field: backslash, tab, line feed and carriage
/// return become `\\`, `\t`, `\n` and `\r`, so a field never breaks a row.
pub fn escape_tsv_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_escapes_tabs_newlines_and_backslashes() {
        let mut out = String::new();
        escape_tsv_into(&mut out, "a\tb\\c\nd\re");
        assert_eq!(out, "a\\tb\\\\c\\nd\\re");
    }
}
