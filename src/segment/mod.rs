//! Sentence segmentation: rules per language, output as byte spans.
//!
//! A [`Segmenter`] splits a text into [`Sentence`]s, byte spans into the
//! text. Nothing is copied: joining the spans with the text between them
//! gives back the input exactly, spans never start or end with whitespace,
//! and no span is empty.
//!
//! ```
//! use tmalign::Segmenter;
//!
//! let text = "Mr. Smith lives in the U.S. He works for the U.S. Government.";
//! let seg = Segmenter::new("en");
//! let sentences: Vec<&str> = seg.split(text).map(|(_, s)| s).collect();
//! assert_eq!(
//!     sentences,
//!     ["Mr. Smith lives in the U.S.", "He works for the U.S. Government."]
//! );
//! ```
//!
//! # Conventions (translation memory)
//!
//! The segments follow what CAT tools and SRX rules produce, so that a
//! translation memory built from them matches what a translator sees:
//!
//! - A sentence ends at `.` `!` `?` `…` `؟` `۔` (and `‼ ⁇ ⁈ ⁉`, and the
//!   full-width `。！？`, which need no space after them). Closing quotes and
//!   brackets after the terminal stay with the sentence they close:
//!   `She said, "This is great."` is one sentence.
//! - Never at `:` `;` `,` `،` `؛`: a colon introduces, it does not end. (The
//!   published Arabic Golden Rules 1, 4 and 5 split at `:` and `،`; we do
//!   not.)
//! - A line break inside a paragraph either ends a sentence (a headline, a
//!   dateline, a caption, a list item) or only wraps it (hard-wrapped text
//!   from e-mail, PDF or a terminal). One mechanism decides for every
//!   script by looking at the whole paragraph; see [`LineBreaks`] and
//!   [`line_breaks`](self::LineBreaks::Auto). [`on_one_line`] gives a
//!   wrapped sentence as one line. A blank line (only whitespace) starts a
//!   new paragraph. `\n`, `\r\n` and `\r` are all line breaks.
//! - No sentence is longer than [`MAX_SENTENCE_BYTES`]: a longer stretch
//!   without a boundary is cut, preferably at whitespace, and
//!   [`Sentences::cuts`] counts the cuts.
//! - A quotation of several sentences is split like any other text, as SRX
//!   rules and CAT tools do; inside brackets that close on the same line
//!   there is no boundary.
//! - A terminal followed by a lowercase word or a dash does not end the
//!   sentence (`Yahoo! in`, `?» — сказал он`, `«К чему ты готовишься? –
//!   спросила мама. – Завтра ведь выходной».` is one sentence).
//! - After an abbreviation the period ends the sentence depending on the
//!   abbreviation: never after a title (`Mr.`, `Dr.`, `ул.`, `د.`), not
//!   before a number after `No.`/`p.`/`стр.`, and after ambiguous ones
//!   (`U.S.`, `Inc.`, `2019 г.`, initials) only when the next word commonly
//!   starts sentences ("I live in the U.S. How about you?" splits, "the U.S.
//!   Government" does not).
//! - Bidi controls (U+200E/F, U+061C, U+202A–E, U+2066–9) and zero-width
//!   format characters (U+200B, U+2060, U+FEFF) are invisible to the rules:
//!   `د\u{202A}.\u{202C}` is the abbreviation `د.`.
//! - A list item starts a new sentence when the next marker follows the one
//!   the sentence started with: `1) The first item 2) The second item`,
//!   `١. البند الأول ٢. البند الثاني`. A marker (`1.`, `١.`, `۱.`, `a)`,
//!   `б)`, `–`, `•`) at the start of a line starts an item, and is never a
//!   sentence of its own.
//!
//! # Languages
//!
//! Arabic (`ar`, also used for `fa` and `ur`), English (`en`) and Russian
//! (`ru`) have their own abbreviation lists. Every other BCP 47 code gets the
//! generic rules: the shared Latin abbreviations plus German and French
//! ones, and German-style ordinals (`am 3. Oktober`).

mod brackets;
pub(crate) mod chars;
mod lang;
mod line_breaks;
mod lists;
mod rules;
mod scan;
mod sentence;
mod words;

pub use line_breaks::LineBreaks;
use rules::Rules;
use scan::Scanner;
pub use scan::MAX_SENTENCE_BYTES;
pub use sentence::Sentence;
use std::borrow::Cow;

/// Splits text in one language into sentences.
///
/// Creating one is cheap (the rules are built once per process and shared),
/// and one segmenter can split any number of texts, from any number of
/// threads.
#[derive(Clone)]
pub struct Segmenter {
    lang: String,
    rules: &'static Rules,
    line_breaks: LineBreaks,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("lang", &self.lang)
            .field("line_breaks", &self.line_breaks)
            .finish()
    }
}

impl Segmenter {
    /// A segmenter with the rules for `lang` (a BCP 47 code such as `ar`,
    /// `en-GB` or `ru`); languages without their own rules get generic ones.
    pub fn new(lang: &str) -> Segmenter {
        Segmenter {
            lang: lang.to_string(),
            rules: Rules::for_lang(lang),
            line_breaks: LineBreaks::Auto,
        }
    }

    /// The same segmenter, reading line breaks inside a paragraph as
    /// `line_breaks` says ([`LineBreaks::Auto`] by default).
    ///
    /// ```
    /// use tmalign::segment::LineBreaks;
    /// let text = "Storm hits coast\nRivers rose";
    /// let seg = tmalign::Segmenter::new("en").with_line_breaks(LineBreaks::Space);
    /// assert_eq!(seg.split(text).count(), 1);
    /// ```
    pub fn with_line_breaks(mut self, line_breaks: LineBreaks) -> Segmenter {
        self.line_breaks = line_breaks;
        self
    }

    /// The language this segmenter was made for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The sentences of `text`, in order, as byte spans with their
    /// paragraph index.
    ///
    /// ```
    /// let text = "Заголовок\n\nВ 2019 г. Оно выросло. Путин прибыл в г. Москву.";
    /// let seg = tmalign::Segmenter::new("ru");
    /// let spans: Vec<_> = seg.sentences(text).collect();
    /// assert_eq!(&text[spans[0].range()], "Заголовок");
    /// assert_eq!(&text[spans[1].range()], "В 2019 г.");
    /// assert_eq!(&text[spans[2].range()], "Оно выросло.");
    /// assert_eq!(&text[spans[3].range()], "Путин прибыл в г. Москву.");
    /// assert_eq!(spans[3].paragraph, 1);
    /// ```
    pub fn sentences<'t>(&self, text: &'t str) -> Sentences<'t> {
        Sentences {
            scanner: Scanner::new(text, self.rules, self.line_breaks),
        }
    }

    /// The sentences of `text` as `(byte offset, sentence)` pairs.
    ///
    /// ```
    /// let seg = tmalign::Segmenter::new("ar");
    /// let got: Vec<_> = seg.split("قال د. أحمد إنه بخير. وأضاف أنه سيعود؟!").collect();
    /// assert_eq!(got, [(0, "قال د. أحمد إنه بخير."), (37, "وأضاف أنه سيعود؟!")]);
    /// ```
    pub fn split<'t>(&self, text: &'t str) -> impl Iterator<Item = (usize, &'t str)> + 't {
        self.sentences(text)
            .map(move |s| (s.start, &text[s.range()]))
    }
}

/// The sentences of a text, as returned by [`Segmenter::sentences`]: an
/// iterator of byte spans that borrows the text.
#[derive(Debug, Clone)]
pub struct Sentences<'t> {
    scanner: Scanner<'t>,
}

impl Sentences<'_> {
    /// How many sentences so far were cut because they reached
    /// [`MAX_SENTENCE_BYTES`].
    pub fn cuts(&self) -> usize {
        self.scanner.cuts()
    }
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        self.scanner.next_sentence()
    }
}

impl std::iter::FusedIterator for Sentences<'_> {}

/// A sentence's text on one line: each run of whitespace that holds a line
/// break becomes one space. Sentences of hard-wrapped text span lines; this
/// is how they are shown wherever one line is one sentence (`segment -f
/// lines`, TMX, TSV).
///
/// ```
/// assert_eq!(tmalign::segment::on_one_line("the storm would reach\r\n  the coast."), "the storm would reach the coast.");
/// assert_eq!(tmalign::segment::on_one_line("no break"), "no break");
/// ```
pub fn on_one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['\n', '\r']) {
        out.push_str(rest[..pos].trim_end());
        out.push(' ');
        rest = rest[pos..].trim_start();
    }
    out.push_str(rest);
    Cow::Owned(out)
}
