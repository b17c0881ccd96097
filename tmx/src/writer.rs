//! The streaming TMX writer: header once, then units, then `finish`.

use crate::chars::{escape_attr, escape_text, find_illegal, is_xml_char};
use crate::error::{Error, Result};
use crate::model::{Attr, CodePart, Header, Inline, Note, Prop, Seg, Sub, Tu, Tuv};
use std::io::Write;

/// What the writer does with characters that XML 1.0 forbids (C0 controls
/// other than tab, LF and CR; U+FFFE; U+FFFF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ControlChars {
    /// Remove them and count them in [`WriteSummary::illegal_chars_removed`].
    #[default]
    Remove,
    /// Fail with [`Error::Refused`]; nothing of the unit is written.
    Refuse,
}

/// The encoding of the written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputEncoding {
    /// UTF-8 without a BOM.
    #[default]
    Utf8,
    /// UTF-16 little-endian with a BOM.
    Utf16Le,
}

/// Options for [`Writer`], built with [`WriterOptions::new`] and the setters.
///
/// ```
/// let mut options = tmx::WriterOptions::new();
/// options.control_chars(tmx::ControlChars::Refuse).encoding(tmx::OutputEncoding::Utf16Le);
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct WriterOptions {
    pub(crate) control_chars: ControlChars,
    pub(crate) encoding: OutputEncoding,
}

impl WriterOptions {
    /// The default options.
    pub fn new() -> WriterOptions {
        WriterOptions::default()
    }

    /// What to do with characters XML 1.0 forbids. By default,
    /// [`ControlChars::Remove`]: they are removed and counted.
    pub fn control_chars(&mut self, policy: ControlChars) -> &mut WriterOptions {
        self.control_chars = policy;
        self
    }

    /// The encoding of the output. By default, [`OutputEncoding::Utf8`]
    /// (UTF-8 without a BOM).
    pub fn encoding(&mut self, encoding: OutputEncoding) -> &mut WriterOptions {
        self.encoding = encoding;
        self
    }
}

/// What the writer did, returned by [`Writer::finish`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct WriteSummary {
    /// Units written.
    pub units_written: u64,
    /// Units left out because fewer than two non-empty variants remained.
    pub units_dropped: u64,
    /// Variants left out: blank segment, no language, or a second variant
    /// in the same language.
    pub variants_dropped: u64,
    /// Forbidden characters removed from written units and the header.
    pub illegal_chars_removed: u64,
}

const TU_ATTRS: &[&str] = &[
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "segtype",
    "changeid",
    "o-tmf",
];
const TUV_ATTRS: &[&str] = &[
    "o-encoding",
    "datatype",
    "usagecount",
    "lastusagedate",
    "creationtool",
    "creationtoolversion",
    "creationdate",
    "creationid",
    "changedate",
    "o-tmf",
    "changeid",
];
pub(crate) const SEGTYPES: &[&str] = &["block", "paragraph", "sentence", "phrase"];

/// True when `name` is an optional attribute TMX 1.4b allows on `<tu>`
/// (besides `tuid` and `srclang`).
pub(crate) fn is_tu_attr(name: &str) -> bool {
    TU_ATTRS.contains(&name)
}

fn tu_attr_index(name: &str) -> Option<usize> {
    TU_ATTRS.iter().position(|a| *a == name)
}

fn tuv_attr_index(name: &str) -> Option<usize> {
    TUV_ATTRS.iter().position(|a| *a == name)
}

/// True when `name` is an optional attribute TMX 1.4b allows on `<tuv>`
/// (besides the language).
pub(crate) fn is_tuv_attr(name: &str) -> bool {
    TUV_ATTRS.contains(&name)
}

/// Flush the chunk buffer to the underlying writer beyond this size.
const CHUNK: usize = 64 * 1024;

/// What [`Writer::finish`] appends.
const CLOSING: &str = "  </body>\n</tmx>\n";

/// A streaming TMX 1.4b writer following the profile in the crate docs.
///
/// [`Writer::finish`] (or [`Writer::finish_into_inner`]) is required: it
/// writes `</body></tmx>`, flushes and reports errors. A writer dropped
/// without it writes nothing more: units still in its buffer (up to 64 KiB)
/// are discarded and the output stays without its closing tags, so it is
/// not well-formed TMX. That is on purpose (unlike csv, which flushes on
/// drop): a write cut short by an error or a panic must not look complete
/// to the next tool.
///
/// ```
/// use tmx::{Header, Tu, Writer, WriterOptions};
/// let mut out = Vec::new();
/// let header = Header::new("mytool", "1.0", "en");
/// let mut writer = Writer::new(&mut out, &header, WriterOptions::default())?;
/// writer.write_tu(&Tu::from_pairs([("en", " Hello. "), ("ar_SA", "مرحبا.")]))?;
/// writer.write_tu(&Tu::from_pairs([("en", "Alone."), ("ar", "")]))?; // dropped
/// let summary = writer.finish()?;
/// assert_eq!((summary.units_written, summary.units_dropped), (1, 1));
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<tuv xml:lang="ar-SA">"#));
/// assert!(xml.contains("<seg>Hello.</seg>"));
/// # Ok::<(), tmx::Error>(())
/// ```
pub struct Writer<W: Write> {
    inner: W,
    buf: String,
    options: WriterOptions,
    summary: WriteSummary,
    /// Units passed to `write_tu` so far (for error messages).
    unit_index: u64,
    /// Forbidden characters removed in the unit being written.
    removed_in_unit: u64,
    /// Canonical language codes by raw code, to avoid re-canonicalising.
    lang_cache: Vec<(String, String)>,
    /// True when the cache holds a code longer than 64 bytes.
    long_lang_cached: bool,
    /// Per-unit scratch: index of kept variant, its canonical language.
    kept: Vec<(usize, usize)>,
    /// Segment content after cleaning and trimming, for non-plain segments.
    norm: Vec<Vec<Inline>>,
    /// Attribute name on an element that TMX does not allow (programming error).
    bad_attr: Option<String>,
    /// Bytes handed to `inner` so far (a BOM included).
    flushed: u64,
}

impl<W: Write> Writer<W> {
    /// Writes the XML declaration, `<tmx version="1.4">`, the header and
    /// `<body>`. Fails with [`Error::InvalidHeader`] when `srclang` is empty
    /// or `*all*` (OmegaT and Okapi need a real source language) or
    /// `segtype` is not one of `block paragraph sentence phrase`.
    pub fn new(inner: W, header: &Header, options: WriterOptions) -> Result<Writer<W>> {
        let srclang = crate::lang::canonical(&header.srclang);
        if srclang.is_empty() || srclang == "*all*" {
            return Err(Error::InvalidHeader {
                reason: format!(
                    "srclang: expected the language of one of the variants, found {:?}",
                    header.srclang
                ),
            });
        }
        let segtype = if header.segtype.is_empty() {
            "sentence"
        } else {
            header.segtype.as_str()
        };
        if !SEGTYPES.contains(&segtype) {
            return Err(Error::InvalidHeader {
                reason: format!(
                    "segtype: expected one of block, paragraph, sentence, phrase, found {:?}",
                    header.segtype
                ),
            });
        }
        let mut writer = Writer {
            inner,
            buf: String::with_capacity(CHUNK + 4096),
            options,
            summary: WriteSummary::default(),
            unit_index: 0,
            removed_in_unit: 0,
            lang_cache: Vec::new(),
            long_lang_cached: false,
            kept: Vec::new(),
            norm: Vec::new(),
            bad_attr: None,
            flushed: 0,
        };
        let encoding = match options.encoding {
            OutputEncoding::Utf8 => "UTF-8",
            OutputEncoding::Utf16Le => "UTF-16",
        };
        writer.buf.push_str("<?xml version=\"1.0\" encoding=\"");
        writer.buf.push_str(encoding);
        writer
            .buf
            .push_str("\"?>\n<tmx version=\"1.4\">\n  <header");
        let required = [
            ("creationtool", header.creationtool.as_str()),
            ("creationtoolversion", header.creationtoolversion.as_str()),
            ("segtype", segtype),
            ("o-tmf", header.o_tmf.as_str()),
            ("adminlang", header.adminlang.as_str()),
            ("srclang", srclang.as_str()),
            ("datatype", header.datatype.as_str()),
        ];
        writer
            .header_body(header, &required)
            .map_err(|reason| Error::InvalidHeader { reason })?;
        writer.buf.push_str("  <body>\n");
        writer.summary.illegal_chars_removed += writer.removed_in_unit;
        writer.removed_in_unit = 0;
        if options.encoding == OutputEncoding::Utf16Le {
            writer.inner.write_all(&[0xFF, 0xFE])?;
            writer.flushed += 2;
        }
        writer.flush_chunk()?;
        Ok(writer)
    }

    /// Writes one unit, or leaves it out (and counts it) when fewer than two
    /// variants with text remain after cleaning. Segments are trimmed; a
    /// variant with a blank segment, without a language, or in a language
    /// already written for this unit is left out and counted.
    ///
    /// With [`ControlChars::Refuse`], a forbidden character anywhere in the
    /// unit fails with [`Error::Refused`] and nothing of the unit is written;
    /// the writer stays usable.
    pub fn write_tu(&mut self, tu: &Tu) -> Result<()> {
        let unit = self.unit_index;
        self.unit_index += 1;
        let mark = self.buf.len();
        self.removed_in_unit = 0;
        self.bad_attr = None;
        let result = self.write_tu_inner(tu);
        let result = match (result, self.bad_attr.take()) {
            (Ok(written), None) => Ok(written),
            (Ok(_), Some(name)) => Err(format!(
                "attribute {name:?} is not a TMX 1.4b attribute of this element"
            )),
            (Err(reason), _) => Err(reason),
        };
        match result {
            Ok(true) => {
                self.summary.units_written += 1;
                self.summary.illegal_chars_removed += self.removed_in_unit;
            }
            Ok(false) => {
                self.buf.truncate(mark);
                self.summary.units_dropped += 1;
            }
            Err(reason) => {
                self.buf.truncate(mark);
                return Err(Error::Refused { unit, reason });
            }
        }
        if self.buf.len() >= CHUNK {
            self.flush_chunk()?;
        }
        Ok(())
    }

    /// Closes `<body>` and `<tmx>`, flushes, and returns the summary.
    pub fn finish(self) -> Result<WriteSummary> {
        self.finish_into_inner().map(|(_, summary)| summary)
    }

    /// Like [`Writer::finish`], also giving back the underlying writer.
    pub fn finish_into_inner(mut self) -> Result<(W, WriteSummary)> {
        self.buf.push_str(CLOSING);
        self.flush_chunk()?;
        self.inner.flush()?;
        Ok((self.inner, self.summary))
    }

    /// The size in bytes the output would have if [`Writer::finish`] were
    /// called now: what was written so far, what is still buffered, and the
    /// closing `</body></tmx>`. A caller that splits output by size (such
    /// as `tmalign --split-size`) checks it before each unit. For UTF-16
    /// output the buffered part (at most 64 KiB) is counted by encoding it.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// let header = tmx::Header::new("mytool", "1.0", "en");
    /// let mut writer = tmx::Writer::new(&mut out, &header, Default::default())?;
    /// writer.write_tu(&tmx::Tu::from_pairs([("en", "Hello."), ("ru", "Привет.")]))?;
    /// let expected = writer.finished_len();
    /// writer.finish()?;
    /// assert_eq!(expected, out.len() as u64);
    /// # Ok::<(), tmx::Error>(())
    /// ```
    pub fn finished_len(&self) -> u64 {
        let pending = match self.options.encoding {
            OutputEncoding::Utf8 => self.buf.len() + CLOSING.len(),
            OutputEncoding::Utf16Le => {
                2 * (self.buf.encode_utf16().count() + CLOSING.encode_utf16().count())
            }
        };
        self.flushed + pending as u64
    }

    /// The counts so far.
    pub fn summary(&self) -> WriteSummary {
        self.summary
    }

    /// The underlying writer (some output may still be buffered).
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    fn header_body(&mut self, header: &Header, required: &[(&str, &str)]) -> Result<(), String> {
        for &(name, value) in required {
            self.attr(name, value)?;
        }
        let optional = [
            ("o-encoding", &header.o_encoding),
            ("creationdate", &header.creationdate),
            ("creationid", &header.creationid),
            ("changedate", &header.changedate),
            ("changeid", &header.changeid),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                self.attr(name, value)?;
            }
        }
        if header.props.is_empty() && header.notes.is_empty() {
            self.buf.push_str("/>\n");
        } else {
            self.buf.push_str(">\n");
            self.props_notes(&header.props, &header.notes, "    ")?;
            self.buf.push_str("  </header>\n");
        }
        Ok(())
    }

    fn flush_chunk(&mut self) -> Result<()> {
        match self.options.encoding {
            OutputEncoding::Utf8 => {
                self.inner.write_all(self.buf.as_bytes())?;
                self.flushed += self.buf.len() as u64;
            }
            OutputEncoding::Utf16Le => {
                let bytes: Vec<u8> = self.buf.encode_utf16().flat_map(u16::to_le_bytes).collect();
                self.inner.write_all(&bytes)?;
                self.flushed += bytes.len() as u64;
            }
        }
        self.buf.clear();
        Ok(())
    }

    /// Returns Ok(false) when the unit is to be left out.
    fn write_tu_inner(&mut self, tu: &Tu) -> Result<bool, String> {
        // Choose the variants first: nothing is written for a dropped unit.
        self.kept.clear();
        // Bounded between units: at most 64 codes of at most 64 bytes.
        if self.lang_cache.len() > 64 || self.long_lang_cached {
            self.lang_cache.clear();
            self.long_lang_cached = false;
        }
        let mut dropped = 0;
        let mut written_langs: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (index, tuv) in tu.tuvs.iter().enumerate() {
            let lang = self.canonical_lang(&tuv.lang);
            // Linear in the number of variants: a hash set past a few.
            let duplicate = if self.kept.len() < 8 {
                self.kept
                    .iter()
                    .any(|&(_, l)| self.lang_cache[l].1 == self.lang_cache[lang].1)
            } else {
                if written_langs.is_empty() {
                    written_langs
                        .extend(self.kept.iter().map(|&(_, l)| self.lang_cache[l].1.clone()));
                }
                written_langs.contains(&self.lang_cache[lang].1)
            };
            if self.lang_cache[lang].1.is_empty()
                || duplicate
                || !self.has_text_after_cleaning(&tuv.seg)
            {
                dropped += 1;
                continue;
            }
            if !written_langs.is_empty() {
                written_langs.insert(self.lang_cache[lang].1.clone());
            }
            self.kept.push((index, lang));
        }
        self.summary.variants_dropped += dropped;
        if self.kept.len() < 2 {
            return Ok(false);
        }
        self.buf.push_str("    <tu");
        if let Some(tuid) = &tu.tuid {
            self.attr("tuid", tuid)?;
        }
        self.attrs(&tu.attrs, tu_attr_index)?;
        if let Some(srclang) = &tu.srclang {
            let srclang = crate::lang::canonical(srclang);
            self.attr("srclang", &srclang)?;
        }
        self.buf.push_str(">\n");
        self.props_notes(&tu.props, &tu.notes, "      ")?;
        for k in 0..self.kept.len() {
            let (index, lang) = self.kept[k];
            let tuv = &tu.tuvs[index];
            self.buf.push_str("      <tuv");
            // Escaped like every value: a code read from a file or given by
            // a user may hold `"`, `&` or `<`.
            let code = std::mem::take(&mut self.lang_cache[lang].1);
            let written = self.attr("xml:lang", &code);
            self.lang_cache[lang].1 = code;
            written?;
            self.tuv_rest(tuv)?;
        }
        self.buf.push_str("    </tu>\n");
        Ok(true)
    }

    fn tuv_rest(&mut self, tuv: &Tuv) -> Result<(), String> {
        self.attrs(&tuv.attrs, tuv_attr_index)?;
        self.buf.push_str(">\n");
        self.props_notes(&tuv.props, &tuv.notes, "        ")?;
        self.buf.push_str("        <seg>");
        match plain_text(&tuv.seg) {
            Some(text) if find_illegal(text).is_none() => escape_text(text.trim(), &mut self.buf),
            _ => {
                let content = self.normalized(&tuv.seg)?;
                self.inlines(&content)?;
                self.norm.push(content);
            }
        }
        self.buf.push_str("</seg>\n      </tuv>\n");
        Ok(())
    }

    fn canonical_lang(&mut self, raw: &str) -> usize {
        // Only the first 64 entries are searched, so a unit with very many
        // languages stays linear; entries past them serve only this unit.
        let searched = self.lang_cache.len().min(64);
        if let Some(i) = self.lang_cache[..searched]
            .iter()
            .position(|(r, _)| r == raw)
        {
            return i;
        }
        self.long_lang_cached |= raw.len() > 64;
        self.lang_cache
            .push((raw.to_string(), crate::lang::canonical(raw)));
        self.lang_cache.len() - 1
    }

    fn has_text_after_cleaning(&self, seg: &Seg) -> bool {
        match plain_text(seg) {
            Some(text) => text.chars().any(|c| !c.is_whitespace() && is_xml_char(c)),
            None => has_clean_text(&seg.content),
        }
    }

    /// The segment's content with forbidden characters removed (or refused),
    /// adjacent text runs merged, empty runs dropped, and the ends trimmed.
    fn normalized(&mut self, seg: &Seg) -> Result<Vec<Inline>, String> {
        let mut content = self.norm.pop().unwrap_or_default();
        content.clear();
        content.extend(seg.content.iter().cloned());
        self.clean_inlines(&mut content)?;
        crate::normalize::trim_content(&mut content);
        Ok(content)
    }

    fn clean_inlines(&mut self, content: &mut Vec<Inline>) -> Result<(), String> {
        for node in content.iter_mut() {
            match node {
                Inline::Text(text) => self.clean(text)?,
                Inline::Bpt { i, x, kind, code } => {
                    self.clean(i)?;
                    self.clean_opt(x)?;
                    self.clean_opt(kind)?;
                    self.clean_code(code)?;
                }
                Inline::Ept { i, code } => {
                    self.clean(i)?;
                    self.clean_code(code)?;
                }
                Inline::It { x, kind, code, .. } | Inline::Ph { x, kind, code, .. } => {
                    self.clean_opt(x)?;
                    self.clean_opt(kind)?;
                    self.clean_code(code)?;
                }
                Inline::Hi { x, kind, content } => {
                    self.clean_opt(x)?;
                    self.clean_opt(kind)?;
                    self.clean_inlines(content)?;
                }
                Inline::Ut { x, code } => {
                    self.clean_opt(x)?;
                    self.clean_code(code)?;
                }
            }
            if let Inline::Ph { assoc, .. } = node {
                self.clean_opt(assoc)?;
            }
        }
        crate::normalize::merge_text(content);
        Ok(())
    }

    fn clean_code(&mut self, code: &mut Vec<CodePart>) -> Result<(), String> {
        for part in code.iter_mut() {
            match part {
                CodePart::Text(text) => self.clean(text)?,
                CodePart::Sub(Sub {
                    datatype,
                    kind,
                    content,
                }) => {
                    self.clean_opt(datatype)?;
                    self.clean_opt(kind)?;
                    self.clean_inlines(content)?;
                }
            }
        }
        crate::normalize::merge_code(code);
        Ok(())
    }

    fn clean_opt(&mut self, value: &mut Option<String>) -> Result<(), String> {
        match value {
            Some(value) => self.clean(value),
            None => Ok(()),
        }
    }

    fn clean(&mut self, text: &mut String) -> Result<(), String> {
        if let Some((_, c)) = find_illegal(text) {
            match self.options.control_chars {
                ControlChars::Refuse => {
                    return Err(format!(
                        "character U+{:04X} is not allowed in XML 1.0",
                        c as u32
                    ))
                }
                ControlChars::Remove => self.removed_in_unit += crate::chars::remove_illegal(text),
            }
        }
        Ok(())
    }

    /// Escaped text with forbidden characters handled by the policy.
    fn text(&mut self, text: &str, attr: bool) -> Result<(), String> {
        if find_illegal(text).is_some() {
            let mut owned = text.to_string();
            self.clean(&mut owned)?;
            self.escape(&owned, attr);
        } else {
            self.escape(text, attr);
        }
        Ok(())
    }

    fn escape(&mut self, text: &str, attr: bool) {
        if attr {
            escape_attr(text, &mut self.buf)
        } else {
            escape_text(text, &mut self.buf)
        }
    }

    fn attr(&mut self, name: &str, value: &str) -> Result<(), String> {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        self.text(value, true)?;
        self.buf.push('"');
        Ok(())
    }

    fn attrs(&mut self, attrs: &[Attr], allowed: fn(&str) -> Option<usize>) -> Result<(), String> {
        // Allowed names are a fixed list: a bit per name finds duplicates
        // in linear time.
        let mut seen = 0u32;
        for Attr { name, value } in attrs {
            let Some(bit) = allowed(name) else {
                self.bad_attr = Some(name.clone());
                continue;
            };
            if seen & (1 << bit) != 0 {
                continue; // the first of duplicated names wins
            }
            seen |= 1 << bit;
            self.attr(name, value)?;
        }
        Ok(())
    }

    fn props_notes(&mut self, props: &[Prop], notes: &[Note], indent: &str) -> Result<(), String> {
        for prop in props {
            self.buf.push_str(indent);
            self.buf.push_str("<prop");
            self.attr("type", &prop.kind)?;
            self.lang_encoding(&prop.lang, &prop.o_encoding)?;
            self.buf.push('>');
            self.text(&prop.value, false)?;
            self.buf.push_str("</prop>\n");
        }
        for note in notes {
            self.buf.push_str(indent);
            self.buf.push_str("<note");
            self.lang_encoding(&note.lang, &note.o_encoding)?;
            self.buf.push('>');
            self.text(&note.value, false)?;
            self.buf.push_str("</note>\n");
        }
        Ok(())
    }

    fn lang_encoding(
        &mut self,
        lang: &Option<String>,
        encoding: &Option<String>,
    ) -> Result<(), String> {
        if let Some(lang) = lang {
            let lang = crate::lang::canonical(lang);
            self.attr("xml:lang", &lang)?;
        }
        if let Some(encoding) = encoding {
            self.attr("o-encoding", encoding)?;
        }
        Ok(())
    }

    fn opt_attr(&mut self, name: &str, value: &Option<String>) -> Result<(), String> {
        match value {
            Some(value) => self.attr(name, value),
            None => Ok(()),
        }
    }

    /// Writes already-cleaned inline content.
    fn inlines(&mut self, content: &[Inline]) -> Result<(), String> {
        for node in content {
            match node {
                Inline::Text(text) => escape_text(text, &mut self.buf),
                Inline::Bpt { i, x, kind, code } => {
                    self.buf.push_str("<bpt");
                    self.attr("i", i)?;
                    self.opt_attr("x", x)?;
                    self.opt_attr("type", kind)?;
                    self.code("bpt", code)?;
                }
                Inline::Ept { i, code } => {
                    self.buf.push_str("<ept");
                    self.attr("i", i)?;
                    self.code("ept", code)?;
                }
                Inline::It { pos, x, kind, code } => {
                    self.buf.push_str("<it");
                    self.attr("pos", pos.as_str())?;
                    self.opt_attr("x", x)?;
                    self.opt_attr("type", kind)?;
                    self.code("it", code)?;
                }
                Inline::Ph {
                    x,
                    assoc,
                    kind,
                    code,
                } => {
                    self.buf.push_str("<ph");
                    self.opt_attr("x", x)?;
                    self.opt_attr("assoc", assoc)?;
                    self.opt_attr("type", kind)?;
                    self.code("ph", code)?;
                }
                Inline::Hi { x, kind, content } => {
                    self.buf.push_str("<hi");
                    self.opt_attr("x", x)?;
                    self.opt_attr("type", kind)?;
                    self.buf.push('>');
                    self.inlines(content)?;
                    self.buf.push_str("</hi>");
                }
                Inline::Ut { x, code } => {
                    self.buf.push_str("<ut");
                    self.opt_attr("x", x)?;
                    self.code("ut", code)?;
                }
            }
        }
        Ok(())
    }

    fn code(&mut self, tag: &str, code: &[CodePart]) -> Result<(), String> {
        self.buf.push('>');
        for part in code {
            match part {
                CodePart::Text(text) => escape_text(text, &mut self.buf),
                CodePart::Sub(Sub {
                    datatype,
                    kind,
                    content,
                }) => {
                    self.buf.push_str("<sub");
                    self.opt_attr("datatype", datatype)?;
                    self.opt_attr("type", kind)?;
                    self.buf.push('>');
                    self.inlines(content)?;
                    self.buf.push_str("</sub>");
                }
            }
        }
        self.buf.push_str("</");
        self.buf.push_str(tag);
        self.buf.push('>');
        Ok(())
    }
}

/// The text of a segment that is one plain run (or empty), else `None`.
fn plain_text(seg: &Seg) -> Option<&str> {
    match seg.content.as_slice() {
        [] => Some(""),
        [Inline::Text(text)] => Some(text),
        _ => None,
    }
}

fn has_clean_text(content: &[Inline]) -> bool {
    content.iter().any(|node| match node {
        Inline::Text(text) => text.chars().any(|c| !c.is_whitespace() && is_xml_char(c)),
        Inline::Hi { content, .. } => has_clean_text(content),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(tus: &[Tu], options: WriterOptions) -> (String, WriteSummary) {
        let mut out = Vec::new();
        let header = Header::new("test", "1", "en");
        let mut writer = Writer::new(&mut out, &header, options).unwrap();
        for tu in tus {
            writer.write_tu(tu).unwrap();
        }
        let summary = writer.finish().unwrap();
        (String::from_utf8(out).unwrap(), summary)
    }

    #[test]
    fn profile_rules() {
        let tus = [
            Tu::from_pairs([
                ("en", "  a\r\nb & <c> \u{1F} "),
                ("ar_SA", "\u{200F}ب"),
                ("AR-sa", "dup"),
            ]),
            Tu::from_pairs([("en", "only"), ("ru", "  ")]),
        ];
        let (xml, summary) = write(&tus, WriterOptions::default());
        assert!(
            xml.contains("<seg>a&#xD;\nb &amp; &lt;c&gt;</seg>"),
            "{xml}"
        );
        assert!(xml.contains("<tuv xml:lang=\"ar-SA\">"), "{xml}");
        assert!(xml.contains("<seg>\u{200F}ب</seg>"), "{xml}");
        assert!(!xml.contains("dup"));
        assert_eq!(
            summary,
            WriteSummary {
                units_written: 1,
                units_dropped: 1,
                variants_dropped: 2,
                illegal_chars_removed: 1
            }
        );
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">")
        );
        for attr in [
            "creationtool=",
            "creationtoolversion=",
            "segtype=\"sentence\"",
            "o-tmf=",
            "adminlang=",
            "srclang=\"en\"",
            "datatype=",
        ] {
            assert!(xml.contains(attr), "missing {attr}");
        }
    }

    #[test]
    fn refuse_policy_rejects_the_unit_and_stays_usable() {
        let mut out = Vec::new();
        let header = Header::new("test", "1", "en");
        let mut options = WriterOptions::new();
        options.control_chars(ControlChars::Refuse);
        let mut writer = Writer::new(&mut out, &header, options).unwrap();
        let bad = Tu::from_pairs([("en", "a\u{1}"), ("ru", "b")]);
        let err = writer.write_tu(&bad).unwrap_err();
        assert!(matches!(err, Error::Refused { unit: 0, .. }), "{err}");
        writer
            .write_tu(&Tu::from_pairs([("en", "x"), ("ru", "y")]))
            .unwrap();
        let summary = writer.finish().unwrap();
        assert_eq!(summary.units_written, 1);
        let xml = String::from_utf8(out).unwrap();
        assert!(!xml.contains("a\u{1}") && !xml.contains(">a<"));
    }

    #[test]
    fn regression_drop_without_finish_leaves_no_closed_document() {
        let mut out = Vec::new();
        let mut writer = Writer::new(
            &mut out,
            &Header::new("test", "1", "en"),
            WriterOptions::new(),
        )
        .unwrap();
        writer
            .write_tu(&Tu::from_pairs([("en", "kept?"), ("ru", "нет")]))
            .unwrap();
        drop(writer);
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<body>"), "{xml}");
        assert!(!xml.contains("kept?") && !xml.contains("</tmx>"), "{xml}");
    }

    #[test]
    fn regression_language_codes_are_escaped() {
        for (code, want) in [
            (
                "ru\" creationid=\"x",
                "xml:lang=\"ru&quot; creationid=&quot;x\"",
            ),
            ("r&u", "xml:lang=\"r&amp;u\""),
            ("<", "xml:lang=\"&lt;\""),
        ] {
            let tu = Tu::from_pairs([("en", "a"), (code, "b")]);
            let (xml, _) = write(&[tu], WriterOptions::default());
            assert!(xml.contains(want), "{code}: {xml}");
            let mut reader = crate::Reader::from_str(&xml).unwrap();
            let tus: Vec<Tu> = reader.tus().collect::<Result<_>>().unwrap();
            assert_eq!(tus[0].tuvs[1].lang, crate::lang::canonical(code));
            assert!(tus[0].tuvs[1].attrs.is_empty(), "no injected attribute");
        }
    }

    #[test]
    fn regression_writer_is_linear_in_variants_and_attributes() {
        let mut tu = Tu::default();
        for k in 0..200_000 {
            tu.tuvs.push(Tuv::new(&format!("x-l{k}"), "t"));
        }
        tu.attrs = (0..200_000)
            .map(|_| Attr {
                name: "creationid".into(),
                value: "v".into(),
            })
            .collect();
        let started = std::time::Instant::now();
        let (xml, _) = write(&[tu], WriterOptions::default());
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert_eq!(xml.matches("creationid=").count(), 1);
        assert_eq!(xml.matches("<tuv").count(), 200_000);
    }

    #[test]
    fn header_needs_a_real_srclang() {
        let header = Header::new("test", "1", "*all*");
        assert!(matches!(
            Writer::new(Vec::new(), &header, WriterOptions::default()),
            Err(Error::InvalidHeader { .. })
        ));
    }

    #[test]
    fn utf16_output_has_a_bom() {
        let mut out = Vec::new();
        let header = Header::new("test", "1", "en");
        let mut options = WriterOptions::new();
        options.encoding(OutputEncoding::Utf16Le);
        let writer = Writer::new(&mut out, &header, options).unwrap();
        writer.finish().unwrap();
        assert_eq!(&out[..4], &[0xFF, 0xFE, b'<', 0]);
    }
}
