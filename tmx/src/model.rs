//! The TMX data model: header, units, variants, segments with inline codes.

use serde::{Deserialize, Serialize};

/// The `<header>` of a TMX file: all TMX 1.4b attributes, props and notes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Header {
    /// `creationtool`: the tool that wrote the file.
    pub creationtool: String,
    /// `creationtoolversion`.
    pub creationtoolversion: String,
    /// `segtype`: `block`, `paragraph`, `sentence` or `phrase`.
    pub segtype: String,
    /// `o-tmf`: the format of the memory the file came from.
    pub o_tmf: String,
    /// `adminlang`: the language of notes and props.
    pub adminlang: String,
    /// `srclang`: the source language, or `*all*`.
    pub srclang: String,
    /// `datatype`, e.g. `plaintext`.
    pub datatype: String,
    /// `o-encoding`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
    /// `creationdate`, written as `YYYYMMDDThhmmssZ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationdate: Option<String>,
    /// `creationid`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creationid: Option<String>,
    /// `changedate`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changedate: Option<String>,
    /// `changeid`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changeid: Option<String>,
    /// `<prop>` children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// `<note>` children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Header {
    /// A header with the profile's defaults: `segtype="sentence"`,
    /// `o-tmf` = the tool name, `adminlang="en"`, `datatype="plaintext"`, and
    /// `creationdate` = now (or `$SOURCE_DATE_EPOCH` when set, for
    /// reproducible output). `srclang` is canonicalised.
    ///
    /// ```
    /// let header = tmx::Header::new("tmalign", "0.1.0", "en_GB");
    /// assert_eq!(header.srclang, "en-GB");
    /// assert_eq!(header.segtype, "sentence");
    /// assert_eq!(header.creationdate.as_deref().map(str::len), Some(16));
    /// ```
    pub fn new(creationtool: &str, version: &str, srclang: &str) -> Header {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0)
            });
        Header {
            creationtool: creationtool.to_string(),
            creationtoolversion: version.to_string(),
            segtype: "sentence".to_string(),
            o_tmf: creationtool.to_string(),
            adminlang: "en".to_string(),
            srclang: crate::lang::canonical(srclang),
            datatype: "plaintext".to_string(),
            creationdate: Some(crate::date::tmx_date(seconds)),
            ..Header::default()
        }
    }
}

impl Header {
    /// This header made fit for the writer's profile, keeping what already
    /// fits: an empty or `*all*` srclang becomes `defaults.srclang`, a
    /// `segtype` other than `block paragraph sentence phrase` becomes
    /// `sentence`, a `creationdate` not in the TMX form becomes
    /// `defaults.creationdate`, a `changedate` not in the TMX form is
    /// dropped, and an empty `creationtool` takes `defaults`' tool and
    /// version.
    ///
    /// ```
    /// let mut read = tmx::Header::default();
    /// read.srclang = "*all*".into();
    /// read.creationdate = Some("2024-01-31".into());
    /// let fixed = read.normalized(&tmx::Header::new("mytool", "1.0", "de"));
    /// assert_eq!((fixed.srclang.as_str(), fixed.creationtool.as_str()), ("de", "mytool"));
    /// assert!(tmx::is_tmx_date(fixed.creationdate.as_deref().unwrap()));
    /// ```
    pub fn normalized(&self, defaults: &Header) -> Header {
        let mut header = self.clone();
        if header.srclang.is_empty() || header.srclang == "*all*" {
            header.srclang = defaults.srclang.clone();
        }
        if !crate::writer::SEGTYPES.contains(&header.segtype.as_str()) {
            header.segtype = "sentence".to_string();
        }
        if !header
            .creationdate
            .as_deref()
            .is_some_and(crate::is_tmx_date)
        {
            header.creationdate = defaults.creationdate.clone();
        }
        if header
            .changedate
            .as_deref()
            .is_some_and(|d| !crate::is_tmx_date(d))
        {
            header.changedate = None;
        }
        if header.creationtool.is_empty() {
            header.creationtool = defaults.creationtool.clone();
            header.creationtoolversion = defaults.creationtoolversion.clone();
        }
        header
    }
}

/// A `<prop type="...">` element: tool-specific data as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prop {
    /// The `type` attribute.
    #[serde(rename = "type")]
    pub kind: String,
    /// The text content.
    pub value: String,
    /// `xml:lang`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `o-encoding`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
}

impl Prop {
    /// A prop with a type and a value.
    pub fn new(kind: &str, value: &str) -> Prop {
        Prop {
            kind: kind.to_string(),
            value: value.to_string(),
            ..Prop::default()
        }
    }
}

/// A `<note>` element: a comment as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Note {
    /// The text content.
    pub value: String,
    /// `xml:lang`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `o-encoding`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub o_encoding: Option<String>,
}

impl Note {
    /// A note with the given text.
    pub fn new(value: &str) -> Note {
        Note {
            value: value.to_string(),
            ..Note::default()
        }
    }
}

/// An attribute kept as name and value, for the optional TMX attributes of
/// `<tu>` and `<tuv>` (`creationdate`, `usagecount`, `o-tmf`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attr {
    /// The attribute name as in TMX, e.g. `creationdate`.
    pub name: String,
    /// The value.
    pub value: String,
}

/// A translation unit: `<tu>` with one variant per language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tu {
    /// `tuid`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuid: Option<String>,
    /// The unit's own `srclang`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub srclang: Option<String>,
    /// The other TMX attributes of `<tu>`, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<Attr>,
    /// `<prop>` children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// `<note>` children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The variants, one per language.
    pub tuvs: Vec<Tuv>,
}

impl Tu {
    /// A unit from `(language, plain text)` pairs.
    ///
    /// ```
    /// let tu = tmx::Tu::from_pairs([("en", "Hello."), ("ru", "Привет.")]);
    /// assert_eq!(tu.variant("ru").map(|v| v.seg.text()), Some("Привет.".to_string()));
    /// ```
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Tu {
        Tu {
            tuvs: pairs
                .into_iter()
                .map(|(lang, text)| Tuv::new(lang, text))
                .collect(),
            ..Tu::default()
        }
    }

    /// The first variant in `lang` (compared in canonical form).
    pub fn variant(&self, lang: &str) -> Option<&Tuv> {
        let lang = crate::lang::canonical(lang);
        self.tuvs
            .iter()
            .find(|v| crate::lang::canonical(&v.lang) == lang)
    }

    /// Empties the unit, keeping its allocations for reuse.
    pub fn clear(&mut self) {
        self.tuid = None;
        self.srclang = None;
        self.attrs.clear();
        self.props.clear();
        self.notes.clear();
        self.tuvs.clear();
    }
}

/// A variant: `<tuv xml:lang="...">` holding one segment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tuv {
    /// The language (`xml:lang`, or `lang` in TMX 1.1-1.3), canonical BCP 47
    /// when read.
    pub lang: String,
    /// The other TMX attributes of `<tuv>`, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<Attr>,
    /// `<prop>` children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    /// `<note>` children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The segment.
    pub seg: Seg,
}

impl Tuv {
    /// A variant with plain text.
    pub fn new(lang: &str, text: &str) -> Tuv {
        Tuv {
            lang: lang.to_string(),
            seg: Seg::from_text(text),
            ..Tuv::default()
        }
    }
}

/// The content of `<seg>`: text with Level 2 inline codes kept as structure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seg {
    /// Text runs and inline elements, in order.
    pub content: Vec<Inline>,
}

impl Seg {
    /// A segment holding plain text (no content at all for "").
    pub fn from_text(text: &str) -> Seg {
        let mut seg = Seg::default();
        if !text.is_empty() {
            seg.content.push(Inline::Text(text.to_string()));
        }
        seg
    }

    /// The plain text: text runs, including those inside `<hi>`, without the
    /// native codes held by `bpt ept it ph ut` and their `sub`s.
    ///
    /// ```
    /// use tmx::{Inline, Seg};
    /// let seg = Seg { content: vec![
    ///     Inline::Text("Press ".into()),
    ///     Inline::Bpt { i: "1".into(), x: None, kind: None, code: vec![tmx::CodePart::Text("<b>".into())] },
    ///     Inline::Text("OK".into()),
    ///     Inline::Ept { i: "1".into(), code: vec![tmx::CodePart::Text("</b>".into())] },
    /// ]};
    /// assert_eq!(seg.text(), "Press OK");
    /// ```
    pub fn text(&self) -> String {
        let mut out = String::new();
        push_text(&self.content, &mut out);
        out
    }

    /// True when the segment has no text other than whitespace.
    pub fn is_blank(&self) -> bool {
        !has_visible_text(&self.content)
    }

    /// True when the segment has only text runs (no inline codes).
    pub fn is_plain(&self) -> bool {
        self.content
            .iter()
            .all(|node| matches!(node, Inline::Text(_)))
    }
}

fn push_text(content: &[Inline], out: &mut String) {
    for node in content {
        match node {
            Inline::Text(text) => out.push_str(text),
            Inline::Hi { content, .. } => push_text(content, out),
            _ => {}
        }
    }
}

fn has_visible_text(content: &[Inline]) -> bool {
    content.iter().any(|node| match node {
        Inline::Text(text) => !text.trim().is_empty(),
        Inline::Hi { content, .. } => has_visible_text(content),
        _ => false,
    })
}

/// One piece of segment content: a text run or a TMX 1.4b inline element.
///
/// `bpt`/`ept` pair by `i`; `it` stands for a begin or end code whose partner
/// is outside the segment; `ph` is a standalone code; `hi` marks translatable
/// text; `ut` is the deprecated unknown-tag element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `<bpt i x type>`: begins a paired code.
    Bpt {
        /// Pairs it with the `<ept>` of the same `i`.
        i: String,
        /// `x`, optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x: Option<String>,
        /// `type`, optional.
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        /// The native code.
        code: Vec<CodePart>,
    },
    /// `<ept i>`: ends a paired code.
    Ept {
        /// Pairs it with the `<bpt>` of the same `i`.
        i: String,
        /// The native code.
        code: Vec<CodePart>,
    },
    /// `<it pos x type>`: an isolated begin or end code.
    It {
        /// Whether it begins or ends.
        pos: ItPos,
        /// `x`, optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x: Option<String>,
        /// `type`, optional.
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        /// The native code.
        code: Vec<CodePart>,
    },
    /// `<ph x assoc type>`: a standalone code.
    Ph {
        /// `x`, optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x: Option<String>,
        /// `assoc` (`p`, `f` or `b`), optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assoc: Option<String>,
        /// `type`, optional.
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        /// The native code.
        code: Vec<CodePart>,
    },
    /// `<hi x type>`: highlighted translatable text.
    Hi {
        /// `x`, optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x: Option<String>,
        /// `type`, optional.
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        /// Text and inline elements.
        content: Vec<Inline>,
    },
    /// `<ut x>`: unknown native code (deprecated in TMX 1.4b).
    Ut {
        /// `x`, optional.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x: Option<String>,
        /// The native code.
        code: Vec<CodePart>,
    },
}

/// `pos` of `<it>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItPos {
    /// `pos="begin"`.
    Begin,
    /// `pos="end"`.
    End,
}

impl ItPos {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            ItPos::Begin => "begin",
            ItPos::End => "end",
        }
    }
}

/// A piece of native code inside `bpt ept it ph ut`: code text or a `<sub>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodePart {
    /// Native code as text, e.g. `<b>`.
    Text(String),
    /// `<sub>`: translatable text inside the code (e.g. an alt attribute).
    Sub(Sub),
}

/// `<sub datatype type>`: a sub-flow of translatable text inside a code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sub {
    /// `datatype`, optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datatype: Option<String>,
    /// `type`, optional.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Text and inline elements.
    pub content: Vec<Inline>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_skips_codes_and_keeps_hi() {
        let seg = Seg {
            content: vec![
                Inline::Text("a ".into()),
                Inline::Ph {
                    x: None,
                    assoc: None,
                    kind: None,
                    code: vec![CodePart::Text("<br/>".into())],
                },
                Inline::Hi {
                    x: None,
                    kind: None,
                    content: vec![Inline::Text("b".into())],
                },
            ],
        };
        assert_eq!(seg.text(), "a b");
        assert!(!seg.is_blank());
        assert!(Seg::from_text(" \t").is_blank());
        assert!(Seg::from_text("").content.is_empty());
    }
}
