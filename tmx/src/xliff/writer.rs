//! The streaming XLIFF 1.2 writer: `<xliff>`, then per file its units.

use super::{TransUnit, XliffFile, TMALIGN_NS, XLIFF_NS};
use crate::chars::{escape_attr, escape_text, is_xml_char};
use crate::error::{Error, Result};
use std::io::Write;

/// What an [`XliffWriter`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XliffSummary {
    /// `<file>` elements.
    pub files: u64,
    /// `<trans-unit>` elements.
    pub units: u64,
    /// Units with a target.
    pub with_target: u64,
    /// Characters that XML 1.0 forbids, removed from texts and attributes.
    pub illegal_chars_removed: u64,
}

/// Writes XLIFF 1.2 in UTF-8: the declaration and `<xliff>` on creation,
/// then [`XliffWriter::start_file`] and units, then [`XliffWriter::finish`].
/// Output goes to the inner writer in chunks, so memory stays flat.
pub struct XliffWriter<W: Write> {
    inner: W,
    buf: String,
    in_file: bool,
    /// Units given so far (for error messages).
    unit_index: u64,
    summary: XliffSummary,
    /// Ids used in the current file, to refuse duplicates.
    ids: std::collections::HashSet<String>,
}

const CHUNK: usize = 64 << 10;

impl<W: Write> XliffWriter<W> {
    /// Writes the XML declaration and `<xliff version="1.2">`.
    pub fn new(inner: W) -> Result<XliffWriter<W>> {
        let mut writer = XliffWriter {
            inner,
            buf: String::with_capacity(CHUNK + 4096),
            in_file: false,
            unit_index: 0,
            summary: XliffSummary::default(),
            ids: std::collections::HashSet::new(),
        };
        writer.buf.push_str(&format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"{XLIFF_NS}\" xmlns:tmalign=\"{TMALIGN_NS}\">\n"
        ));
        Ok(writer)
    }

    /// Closes the current file, if any, and opens `file`. Fails with
    /// [`Error::InvalidHeader`] when `source-language` is empty.
    pub fn start_file(&mut self, file: &XliffFile) -> Result<()> {
        let source = crate::lang::canonical(&file.source_language);
        if source.is_empty() || source == "*all*" {
            return Err(Error::InvalidHeader {
                reason: format!(
                    "source-language: expected a language code, found {:?}",
                    file.source_language
                ),
            });
        }
        self.end_file();
        self.buf.push_str("  <file");
        self.attr("original", &file.original);
        self.attr("source-language", &source);
        if let Some(target) = &file.target_language {
            self.attr("target-language", &crate::lang::canonical(target));
        }
        let datatype = if file.datatype.is_empty() {
            "plaintext"
        } else {
            &file.datatype
        };
        self.attr("datatype", datatype);
        self.buf
            .push_str(">\n    <header>\n      <tool tool-id=\"tmalign\" tool-name=\"tmalign\"");
        self.attr("tool-version", env!("CARGO_PKG_VERSION"));
        self.buf.push_str("/>\n    </header>\n    <body>\n");
        self.in_file = true;
        self.summary.files += 1;
        self.ids.clear();
        Ok(())
    }

    /// Writes one unit. Fails with [`Error::Refused`] (writing nothing)
    /// before any file is started, for an empty or repeated id, and for an
    /// attribute outside the `tmalign:` namespace.
    pub fn write_unit(&mut self, unit: &TransUnit) -> Result<()> {
        let index = self.unit_index;
        self.unit_index += 1;
        let refuse = |reason: String| {
            Err(Error::Refused {
                unit: index,
                reason,
            })
        };
        if !self.in_file {
            return refuse("a unit must be inside a file: call start_file first".into());
        }
        if unit.id.trim().is_empty() {
            return refuse("the unit has no id".into());
        }
        if !self.ids.insert(unit.id.clone()) {
            return refuse(format!("the id {:?} is already used in this file", unit.id));
        }
        if let Some(bad) = unit.attrs.iter().find(|a| !is_tmalign_name(&a.name)) {
            return refuse(format!(
                "attribute {:?} is not a tmalign:name attribute",
                bad.name
            ));
        }
        self.buf.push_str("      <trans-unit");
        self.attr("id", &unit.id);
        if let Some(approved) = unit.approved {
            self.attr("approved", if approved { "yes" } else { "no" });
        }
        for attr in &unit.attrs {
            self.attr(&attr.name, &attr.value);
        }
        self.buf.push_str(">\n        <source>");
        self.text(&unit.source);
        self.buf.push_str("</source>\n");
        if let Some(target) = &unit.target {
            self.buf.push_str("        <target");
            if let Some(state) = &unit.state {
                self.attr("state", state.as_str());
            }
            if let Some(q) = &unit.state_qualifier {
                self.attr("state-qualifier", q);
            }
            self.buf.push('>');
            self.text(target);
            self.buf.push_str("</target>\n");
            self.summary.with_target += 1;
        }
        for alt in &unit.alt_trans {
            self.buf.push_str("        <alt-trans");
            if let Some(q) = &alt.match_quality {
                self.attr("match-quality", q);
            }
            if let Some(o) = &alt.origin {
                self.attr("origin", o);
            }
            self.buf.push('>');
            if let Some(source) = &alt.source {
                self.buf.push_str("<source>");
                self.text(source);
                self.buf.push_str("</source>");
            }
            self.buf.push_str("<target>");
            self.text(&alt.target);
            self.buf.push_str("</target></alt-trans>\n");
        }
        for note in &unit.notes {
            self.buf.push_str("        <note>");
            self.text(note);
            self.buf.push_str("</note>\n");
        }
        self.buf.push_str("      </trans-unit>\n");
        self.summary.units += 1;
        if self.buf.len() >= CHUNK {
            self.flush_chunk()?;
        }
        Ok(())
    }

    /// Closes the open file and `<xliff>`, flushes and returns the summary.
    pub fn finish(self) -> Result<XliffSummary> {
        self.finish_into_inner().map(|(_, s)| s)
    }

    /// Like [`XliffWriter::finish`], also giving back the inner writer.
    pub fn finish_into_inner(mut self) -> Result<(W, XliffSummary)> {
        self.end_file();
        self.buf.push_str("</xliff>\n");
        self.flush_chunk()?;
        self.inner.flush()?;
        Ok((self.inner, self.summary))
    }

    /// The counts so far.
    pub fn summary(&self) -> XliffSummary {
        self.summary
    }

    fn end_file(&mut self) {
        if self.in_file {
            self.buf.push_str("    </body>\n  </file>\n");
            self.in_file = false;
        }
    }

    fn flush_chunk(&mut self) -> Result<()> {
        self.inner.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        let clean = self.clean(value);
        escape_attr(&clean, &mut self.buf);
        self.buf.push('"');
    }

    fn text(&mut self, text: &str) {
        let clean = self.clean(text);
        escape_text(&clean, &mut self.buf);
    }

    /// `text` without the characters XML 1.0 forbids, counting them.
    fn clean<'a>(&mut self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if text.chars().all(is_xml_char) {
            return std::borrow::Cow::Borrowed(text);
        }
        let kept: String = text.chars().filter(|&c| is_xml_char(c)).collect();
        self.summary.illegal_chars_removed += (text.chars().count() - kept.chars().count()) as u64;
        std::borrow::Cow::Owned(kept)
    }
}

/// `tmalign:` followed by an XML name.
fn is_tmalign_name(name: &str) -> bool {
    name.strip_prefix("tmalign:").is_some_and(|local| {
        let mut chars = local.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    })
}
