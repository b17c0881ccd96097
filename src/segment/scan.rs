//! The scanner: one forward pass over the bytes of the text.
//!
//! Most bytes cannot matter to a sentence boundary, so the hot loop skips
//! them with one table lookup each. It stops only at line breaks, at the
//! terminals `. ! ? … ؟ ۔` (and a few more), and at brackets, whose
//! nesting it tracks per line. At a terminal it reads the *cluster*
//! (the run of terminals, closing quotes and brackets, and invisible bidi
//! controls), the word before it and the word after it, and lets the rules
//! decide. Looking at neighbours is bounded, so the scan is linear in the
//! length of the text whatever it contains.

use super::brackets::Nesting;
use super::chars::{
    is_alphabetic, is_bullet, is_capital, is_closer, is_dash, is_invisible, is_lowercase,
    is_numeric, is_opener, is_roman_numeral, is_strong_terminal, is_unspaced_terminal,
    is_uppercase,
};
use super::line_breaks::{LineBreaks, Plan};
use super::lists::{marker_value, parse_marker, Delim, Marker};
use super::rules::{Class, Rules};
use super::words::{classify, is_acronym, is_small_integer, Kind};
use super::Sentence;
use crate::script::{is_arabic_mark, Script};

/// The longest sentence, in bytes. A longer stretch without a boundary (a
/// table dump, a 100 MB line without punctuation) is cut here, at the last
/// whitespace before the limit when there is one nearby, else at a
/// character boundary; [`super::Sentences::cuts`] counts the cuts.
pub const MAX_SENTENCE_BYTES: usize = 64 * 1024;

/// How far back from the limit a cut looks for whitespace.
const CUT_LOOKBACK: usize = 1024;

/// How far the rules look at a neighbouring word, in bytes. Longer words
/// are never abbreviations, initials or list markers.
const WORD_LIMIT: usize = 64;

/// Bytes where the scanner has to look closer: ASCII terminals, line
/// breaks and brackets, the lead bytes of the multi-byte terminals and
/// German quotes (`… „ “ ” ‼`, `。`, `！ ？`), and for `؟` and `۔` their
/// second byte.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_interesting(b as u8);
        b += 1;
    }
    table
};

/// The bytes of [`INTERESTING`], as comparisons that the compiler turns
/// into vector instructions when applied to a block of bytes at once.
#[inline(always)]
const fn is_interesting(b: u8) -> bool {
    (b == b'\n')
        | (b == b'\r')
        | (b == b'.')
        | (b == b'!')
        | (b == b'?')
        // `(` and `)`
        | (b & 0xFE == b'(')
        | (b == b'[')
        | (b == b']')
        | (b == 0x94)
        | (b == 0x9F)
        // 0xE2 and 0xE3
        | (b & 0xFE == 0xE2)
        | (b == 0xEF)
}

/// Bytes tested at once by [`find_interesting`].
const BLOCK: usize = 16;

/// True when `block` holds an [`INTERESTING`] byte. A block of known
/// length, tested without early exit, becomes a few vector comparisons.
#[inline(always)]
fn block_may_hold_interesting(block: &[u8]) -> bool {
    let Ok(block) = <&[u8; BLOCK]>::try_from(block) else {
        return true;
    };
    let mut any = 0u8;
    for &b in block {
        any |= u8::from(is_interesting(b));
    }
    any != 0
}

/// The offset of the first [`INTERESTING`] byte in `hay`. Most text holds
/// one every 60 to 100 bytes, so whole blocks are tested at once first,
/// without a branch per byte.
fn find_interesting(hay: &[u8]) -> Option<usize> {
    let mut blocks = hay.chunks_exact(BLOCK);
    let mut offset = 0;
    for block in blocks.by_ref() {
        if block_may_hold_interesting(block) {
            return block
                .iter()
                .position(|&b| INTERESTING[b as usize])
                .map(|k| offset + k);
        }
        offset += BLOCK;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| INTERESTING[b as usize])
        .map(|k| offset + k)
}

/// What follows a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Nothing but whitespace before the end of the line or text.
    EndOfLine,
    /// A lowercase word: the sentence goes on.
    Lower,
    /// A dash, as after direct speech: the sentence goes on.
    Dash,
    /// A number.
    Digit,
    /// A capitalised word starting at this byte offset.
    Upper(usize),
    /// A word in a script without case (Arabic, CJK, ...) starting at this offset.
    Uncased(usize),
    /// A symbol, an emoji, ...
    Other,
}

impl Next {
    /// The next word looks like the start of a new sentence.
    fn is_sentence_like(self) -> bool {
        !matches!(self, Next::Lower | Next::Dash | Next::EndOfLine)
    }
}

/// The run of terminal punctuation at a candidate boundary.
#[derive(Debug, Default)]
struct Cluster {
    /// One past the last byte of the run (terminals, closers, bidi controls).
    end: usize,
    /// Periods, counting `…` as three.
    dots: usize,
    /// Contains `!`, `?`, `؟`, `۔`, ...
    strong: bool,
    /// Contains a full-width terminal that needs no space after it.
    unspaced: bool,
    /// Periods were separated by single spaces: `. . .`.
    spaced: bool,
    /// Ends with a closing quote.
    quoted: bool,
}

/// The word before a candidate boundary.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    /// Where the whitespace-delimited token starts (with its bullets and quotes).
    raw_start: usize,
    /// The token without opening or closing quotes, bullets and bidi controls.
    word: &'t str,
    /// Closing quotes or brackets stood between the word and the period:
    /// `«А».` is a quoted word, not an initial or an abbreviation.
    closed: bool,
}

/// What the rules decided at a terminal.
enum Step {
    /// No boundary; scanning resumes at the given position.
    Continue(usize),
    /// A sentence ends at `end`; scanning resumes at `resume`.
    Break { end: usize, resume: usize },
}

/// The sentence-splitting state machine behind [`super::Sentences`].
#[derive(Debug, Clone)]
pub(crate) struct Scanner<'t> {
    text: &'t str,
    rules: &'static Rules,
    /// Next byte to look at.
    pos: usize,
    /// Start of the pending sentence (just after the last boundary).
    from: usize,
    /// First non-whitespace byte at or after `from`, once known.
    content_start: Option<usize>,
    /// The list marker of the pending sentence, once known.
    marker: Option<Option<Marker>>,
    paragraph: usize,
    emitted_any: bool,
    /// A blank line was seen since the last sentence.
    paragraph_break: bool,
    /// A sentence was emitted from the current line.
    line_emitted: bool,
    nesting: Nesting,
    /// How line breaks inside a paragraph are read.
    mode: LineBreaks,
    /// Start of the line `pos` is on.
    line_start: usize,
    /// Wrap decisions for the paragraph being scanned.
    plan: Plan,
    /// Sentences cut at [`MAX_SENTENCE_BYTES`].
    cuts: usize,
}

impl<'t> Scanner<'t> {
    pub(crate) fn new(text: &'t str, rules: &'static Rules, mode: LineBreaks) -> Scanner<'t> {
        Scanner {
            mode,
            line_start: 0,
            plan: Plan::default(),
            cuts: 0,
            text,
            rules,
            pos: 0,
            from: 0,
            content_start: None,
            marker: None,
            paragraph: 0,
            emitted_any: false,
            paragraph_break: false,
            line_emitted: false,
            nesting: Nesting::default(),
        }
    }

    /// The next sentence, or `None` at the end of the text.
    pub(crate) fn next_sentence(&mut self) -> Option<Sentence> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let limit = self.from.saturating_add(MAX_SENTENCE_BYTES);
            if self.pos >= limit && limit < bytes.len() {
                if let Some(sentence) = self.cut(limit) {
                    return Some(sentence);
                }
                continue;
            }
            let window = limit.min(bytes.len());
            let found = find_interesting(&bytes[self.pos.min(window)..window]);
            let Some(i) = found.map(|k| self.pos + k) else {
                if window < bytes.len() {
                    self.pos = window;
                    continue;
                }
                self.pos = bytes.len();
                return self.emit(bytes.len());
            };
            let mut i = i;
            let mut b = bytes[i];
            if b == 0x9F || b == 0x94 {
                // Arabic letters all share a few lead bytes, so `؟` (D8 9F)
                // and `۔` (DB 94) are found by their second byte.
                let lead = if i > 0 { bytes[i - 1] } else { 0 };
                if (b, lead) != (0x9F, 0xD8) && (b, lead) != (0x94, 0xDB) {
                    self.pos = i + 1;
                    continue;
                }
                i -= 1;
                b = lead;
            }
            let second = bytes.get(i + 1).copied().unwrap_or(0);
            match b {
                b'\n' | b'\r' => {
                    let next_line = if b == b'\r' && second == b'\n' {
                        i + 2
                    } else {
                        i + 1
                    };
                    let wrap = self.is_wrap(i);
                    self.line_start = next_line;
                    if wrap {
                        self.pos = next_line;
                        continue;
                    }
                    let line_had_content = self.line_emitted;
                    let sentence = self.emit(i);
                    if sentence.is_none() && !line_had_content && self.emitted_any {
                        self.paragraph_break = true;
                    }
                    self.from = next_line;
                    self.content_start = None;
                    self.marker = None;
                    self.pos = next_line;
                    self.line_emitted = false;
                    self.nesting = Nesting::default();
                    if sentence.is_some() {
                        return sentence;
                    }
                    continue;
                }
                _ => {}
            }
            let c = match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => c,
                None => {
                    // Not a character boundary cannot happen for these lead
                    // bytes; skip the byte rather than loop.
                    self.pos = i + 1;
                    continue;
                }
            };
            let step = if c == '.' || c == '…' || is_strong_terminal(c) {
                self.terminal(i)
            } else if let Some(end) = (c == ')')
                .then(|| self.list_break(i, Delim::Paren))
                .flatten()
            {
                // "1) The first item 2) The second item"
                Step::Break { end, resume: i }
            } else {
                self.nesting.on_char(c);
                Step::Continue(i + c.len_utf8())
            };
            match step {
                Step::Continue(p) => self.pos = p,
                Step::Break { end, resume } => {
                    self.pos = resume;
                    if let Some(sentence) = self.emit(end) {
                        return Some(sentence);
                    }
                }
            }
        }
    }

    /// Ends the pending sentence at `end`: returns it without surrounding
    /// whitespace, or `None` when it holds only whitespace.
    fn emit(&mut self, end: usize) -> Option<Sentence> {
        let region = self.text.get(self.from..end)?;
        let trimmed_end = region.trim_end();
        let start = self.from + (trimmed_end.len() - trimmed_end.trim_start().len());
        let stop = self.from + trimmed_end.len();
        self.from = end;
        self.content_start = None;
        self.marker = None;
        // A boundary is never inside brackets that close later, so what was
        // open before it no longer matters; forgetting it makes a sentence
        // segment the same alone as in its text.
        self.nesting = Nesting::default();
        if start >= stop {
            return None;
        }
        if self.paragraph_break {
            self.paragraph += 1;
            self.paragraph_break = false;
        }
        self.emitted_any = true;
        self.line_emitted = true;
        Some(Sentence {
            start,
            end: stop,
            paragraph: self.paragraph,
        })
    }

    /// Reads the cluster of terminals starting at `i` and decides.
    fn terminal(&mut self, i: usize) -> Step {
        let text = self.text;
        let bytes = text.as_bytes();
        // "1.) The first item 2.) The second item": a new item starts
        // before the next marker.
        let after_dot = bytes.get(i + 1).copied();
        let (delim, after_marker) = match after_dot {
            Some(b')') => (Delim::DotParen, bytes.get(i + 2).copied()),
            _ => (Delim::Dot, after_dot),
        };
        if bytes[i] == b'.' && after_marker.is_some_and(|b| b.is_ascii_whitespace()) {
            if let Some(end) = self.list_break(i, delim) {
                return Step::Break { end, resume: i };
            }
        }
        let cluster = self.cluster(i);
        let j = cluster.end;
        match text[j..].chars().next() {
            None => return Step::Continue(j),
            Some(c) if c.is_whitespace() => {}
            Some(_) if cluster.unspaced => {}
            // "3.5", "U.S.A", "Jane.Doe@example.com", "1.мороженое", "mean...see".
            Some(_) => return Step::Continue(j),
        }
        // Punctuation at the very start of a sentence stays with it.
        if self.content_start() >= i {
            return Step::Continue(j);
        }
        let next = self.next_word(j);
        if next == Next::EndOfLine && !cluster.unspaced {
            // The line break is a boundary anyway.
            return Step::Continue(j);
        }
        let attached = text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
        let end = if cluster.strong {
            // "Yahoo! in", "готовишься? – спросила", "ready?" CNN reported":
            // the sentence goes on.
            (cluster.unspaced
                || !(matches!(next, Next::Lower | Next::Dash)
                    || (cluster.quoted && self.attribution(next))))
            .then_some(j)
        } else if cluster.dots >= 4 && attached && cluster.spaced {
            // "compounds. . . . The": the period ends the sentence and the
            // ellipsis opens the next one.
            self.starts_after_ellipsis(next).then_some(i + 1)
        } else if cluster.dots >= 4 {
            // "that.... She": an ellipsis and a period.
            matches!(next, Next::Upper(_) | Next::Uncased(_)).then_some(j)
        } else if cluster.dots == 3 {
            // "[...]" marks an omission inside a quotation.
            let omission = text[..i].ends_with(['[', '(']);
            (!omission && self.starts_after_ellipsis(next)).then_some(j)
        } else {
            self.period(i, next).then_some(j)
        };
        match end {
            Some(end) if !self.nesting.protects(bytes, j) => Step::Break { end, resume: j },
            _ => Step::Continue(j),
        }
    }

    /// True when the capitalised `word` at `at` is followed by " time", as
    /// in "11:02 a.m. Moscow time": a place naming the clock, not a new
    /// sentence.
    fn names_a_time_zone(&self, at: usize, word: &str) -> bool {
        let after = self.text.get(at + word.len()..).unwrap_or("");
        // A space, or a wrap: "11:02 a.m. Moscow\ntime" (one line break
        // at most, so never across a blank line).
        let spaces = |s: &'t str| s.trim_start_matches([' ', '\t', '\u{A0}']);
        let rest = spaces(after);
        let rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix(['\n', '\r']))
            .map_or(rest, spaces);
        rest.len() < after.len()
            && rest
                .strip_prefix("time")
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    }

    /// True when `next` is a name followed by a verb of saying, which
    /// attributes the quotation before it: `"Are you ready?" CNN reported.`
    fn attribution(&self, next: Next) -> bool {
        let Next::Upper(at) = next else {
            return false;
        };
        let (name, _) = self.word_at(at);
        if name.is_empty() || self.rules.is_starter(name) {
            return false;
        }
        let after = &self.text[at + name.len()..];
        let Some(verb_start) = after.strip_prefix(' ') else {
            return false;
        };
        let (verb, _) = self.word_at(self.text.len() - verb_start.len());
        self.rules.is_speech_verb(verb)
    }

    /// True when `next` starts a sentence after an ellipsis: a capital
    /// letter (but not English "I", which is always capitalised) or a word in
    /// a script without case.
    fn starts_after_ellipsis(&self, next: Next) -> bool {
        match next {
            Next::Upper(at) => !(self.rules.pronoun_i && self.word_at(at).0 == "I"),
            Next::Uncased(_) => true,
            _ => false,
        }
    }

    /// Reads the run of terminals, closers and bidi controls at `i`,
    /// updating the quote nesting for the closers it takes.
    fn cluster(&mut self, i: usize) -> Cluster {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut cl = Cluster {
            end: i,
            ..Cluster::default()
        };
        let mut j = i;
        let mut only_dots = true;
        while let Some(c) = text[j..].chars().next() {
            match c {
                '.' => {
                    cl.dots += 1;
                    j += 1;
                    // Spaced ellipsis: ". . ."
                    if only_dots && bytes.get(j) == Some(&b' ') && bytes.get(j + 1) == Some(&b'.') {
                        cl.spaced = true;
                        j += 1;
                    }
                }
                '…' => {
                    cl.dots += 3;
                    j += c.len_utf8();
                }
                c if is_strong_terminal(c) => {
                    cl.strong = true;
                    cl.unspaced |= is_unspaced_terminal(c);
                    only_dots = false;
                    j += c.len_utf8();
                }
                c if is_invisible(c) => j += c.len_utf8(),
                // French spacing: "On y va. »"
                ' ' | '\u{A0}' | '\u{202F}' => {
                    let after = j + c.len_utf8();
                    match text[after..].chars().next() {
                        Some(q @ ('»' | '›')) => {
                            self.nesting.on_char(q);
                            only_dots = false;
                            j = after + q.len_utf8();
                        }
                        _ => break,
                    }
                }
                // `“` closes German quotes („…“) at the end of a word, and
                // opens English ones before a word.
                '“' if !text[j + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|n| n.is_whitespace() || is_closer(n)) =>
                {
                    break
                }
                c if is_closer(c) => {
                    cl.quoted = !matches!(c, ')' | ']' | '}');
                    self.nesting.on_char(c);
                    only_dots = false;
                    j += c.len_utf8();
                }
                _ => break,
            }
        }
        cl.end = j;
        cl
    }

    /// True when the line break starting at `at` (a `\r` or `\n` that
    /// ends the line the scanner is on) only wraps a sentence; see
    /// [`super::line_breaks`].
    fn is_wrap(&mut self, at: usize) -> bool {
        if self.plan.covers(at) {
            return self.plan.is_wrap(at);
        }
        // Most paragraphs of running text are one line before a blank line:
        // their break ends the paragraph, which is what planning them would
        // find after reading the whole line again. The scanner stops at every
        // line break, so the break at `at` ends the line at `line_start`.
        if self.line_start <= at && self.blank_line_after(at) {
            self.plan.set_paragraph_end(self.line_start, at);
            return false;
        }
        self.plan.replan(self.text, self.line_start, self.mode);
        self.plan.is_wrap(at)
    }

    /// True when the line after the break at `at` holds only whitespace
    /// (or the text ends there).
    fn blank_line_after(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        self.text[next..]
            .chars()
            .find(|&c| !c.is_whitespace() || c == '\n' || c == '\r')
            .is_none_or(|c| c == '\n' || c == '\r')
    }

    /// Ends the pending sentence because it reached `limit` bytes: at the
    /// last whitespace shortly before the limit, else at the character
    /// boundary at or before it.
    fn cut(&mut self, limit: usize) -> Option<Sentence> {
        let text = self.text;
        let floor = |mut k: usize| {
            while !text.is_char_boundary(k) {
                k -= 1;
            }
            k
        };
        let end = floor(limit);
        let back = floor(end.saturating_sub(CUT_LOOKBACK).max(self.from + 1));
        let at = text[back..end]
            .rfind(char::is_whitespace)
            .map_or(end, |k| back + k)
            .max(self.from + 1);
        let at = floor(at).max(back);
        self.cuts += 1;
        self.pos = at;
        self.emit(at)
    }

    /// Sentences cut so far at [`MAX_SENTENCE_BYTES`].
    pub(crate) fn cuts(&self) -> usize {
        self.cuts
    }

    /// The first visible byte of the pending sentence: whitespace and bidi
    /// controls before it are invisible to the rules.
    fn content_start(&mut self) -> usize {
        if let Some(start) = self.content_start {
            return start;
        }
        let rest = &self.text[self.from..];
        let visible = rest.trim_start_matches(|c: char| c.is_whitespace() || is_invisible(c));
        let start = self.from + (rest.len() - visible.len());
        self.content_start = Some(start);
        start
    }

    /// The word that ends at `i`.
    fn token_before(&self, i: usize) -> Token<'t> {
        let text = self.text;
        let mut start = i;
        for (k, c) in text[self.from..i].char_indices().rev() {
            if c.is_whitespace() || i - (self.from + k) > WORD_LIMIT {
                break;
            }
            start = self.from + k;
        }
        let bare = text[start..i].trim_end_matches(is_invisible);
        let word = bare
            .trim_start_matches(|c| is_opener(c) || is_invisible(c) || is_bullet(c))
            .trim_end_matches(|c| is_closer(c) || is_invisible(c));
        Token {
            raw_start: start,
            word,
            closed: bare.ends_with(is_closer),
        }
    }

    /// True when only bullets and whitespace stand between the start of the
    /// pending sentence and `at`.
    fn at_sentence_start(&mut self, at: usize) -> bool {
        let start = self.content_start();
        at <= start
            || (at - start <= 16
                && self.text[start..at]
                    .chars()
                    .all(|c| c.is_whitespace() || is_bullet(c)))
    }

    /// The list marker the pending sentence starts with, if any: `1.`,
    /// `2.)`, `3)`, `a.`, after optional bullets.
    fn marker(&mut self) -> Option<Marker> {
        if let Some(marker) = self.marker {
            return marker;
        }
        let start = self.content_start();
        let rest = &self.text[start..];
        let body = rest.trim_start_matches(|c: char| is_bullet(c) || c.is_whitespace());
        let marker = if rest.len() - body.len() > 16 {
            None
        } else {
            parse_marker(body)
        };
        self.marker = Some(marker);
        marker
    }

    /// When the word before `i` is the next list marker after the one the
    /// pending sentence starts with ("1) The first item 2) The second"),
    /// the position where the next item starts.
    fn list_break(&mut self, i: usize, delim: Delim) -> Option<usize> {
        let marker = self.marker()?;
        if marker.delim != delim {
            return None;
        }
        let token = self.token_before(i);
        if self.at_sentence_start(token.raw_start) {
            return None;
        }
        let value = marker_value(token.word)?;
        if value.1 != marker.numeric || Some(value.0) != marker.value.checked_add(1) {
            return None;
        }
        // Take a bullet standing before the marker with it: "• 10. The second".
        let before = self.text[self.from..token.raw_start].trim_end();
        match before.chars().next_back() {
            Some(c)
                if is_bullet(c)
                    && !before[..before.len() - c.len_utf8()]
                        .ends_with(|c: char| !c.is_whitespace()) =>
            {
                Some(self.from + before.len() - c.len_utf8())
            }
            _ => Some(token.raw_start),
        }
    }

    /// Decides at a single period (possibly doubled, or followed by closers).
    fn period(&mut self, i: usize, next: Next) -> bool {
        let token = self.token_before(i);
        if marker_value(token.word).is_some()
            && (self.at_sentence_start(token.raw_start) || self.after_colon(token.raw_start))
        {
            // "1. The first item", "a. The first item", "The demands: 1. Higher wages".
            return false;
        }
        if !next.is_sentence_like() {
            return false;
        }
        let rules = self.rules;
        // The next word is read only when a rule needs it.
        let starter = |this: &Self| match next {
            Next::Upper(at) | Next::Uncased(at) => {
                let (word, initial) = this.word_at(at);
                !initial && rules.is_starter(word)
            }
            _ => false,
        };
        // A Latin abbreviation does not stand before a capitalised Cyrillic
        // name: "суда D.C. Пелоси добавила" is two sentences.
        let other_script = match next {
            Next::Upper(at) => {
                let first = |s: &str| s.chars().find(|&c| is_alphabetic(c)).map(Script::of);
                first(token.word) != first(&self.text[at..])
            }
            _ => false,
        };
        let terminal = |this: &mut Self| match next {
            Next::Upper(at) => {
                let (word, initial) = this.word_at(at);
                rules.is_starter(word)
                    || !(initial
                        || rules.is_continuer(word)
                        || is_acronym(word)
                        || this.names_a_time_zone(at, word)
                        || this.among_first_words(token.raw_start))
            }
            _ => starter(this),
        };
        let kind = if token.closed {
            Kind::Ordinary
        } else {
            classify(token.word, rules)
        };
        match kind {
            Kind::Ordinary => true,
            Kind::Number => {
                !(rules.ordinal_numbers && is_small_integer(token.word)) || starter(self)
            }
            // A Latin or Cyrillic initial is not followed by an Arabic name.
            Kind::Initial if matches!(next, Next::Uncased(_)) => {
                token.word.chars().any(is_uppercase) || starter(self)
            }
            Kind::Initial | Kind::MultiPeriod => other_script || starter(self),
            Kind::Abbreviation(Class::Prepositive | Class::Never) => false,
            Kind::Abbreviation(Class::BeforeNumber) => next != Next::Digit,
            Kind::Abbreviation(Class::Ambiguous) => other_script || starter(self),
            Kind::Abbreviation(Class::Terminal) => terminal(self),
            Kind::Abbreviation(Class::AfterNumber) => {
                self.number_before(token.raw_start) && terminal(self)
            }
        }
    }

    /// True when the token starting at `at` follows a colon: "were: 1.".
    fn after_colon(&self, at: usize) -> bool {
        self.text[self.from..at].trim_end().ends_with(':')
    }

    /// True when at most three words of the pending sentence stand before
    /// `at`: an abbreviation there belongs to an opening phrase ("At 5
    /// a.m.", "В 2010-2012 гг.") rather than ending the sentence.
    fn among_first_words(&mut self, at: usize) -> bool {
        let start = self.content_start();
        let mut words = 0;
        let mut in_word = false;
        for c in self.text[start.min(at)..at].chars() {
            if c.is_whitespace() {
                in_word = false;
            } else if !in_word {
                in_word = true;
                words += 1;
                if words > 3 {
                    return false;
                }
            }
        }
        true
    }

    /// True when the word before `at` is a number or a Roman numeral
    /// ("2019 г.", "2010-2012 гг.", "1990-х гг.", "XIX в.").
    fn number_before(&self, at: usize) -> bool {
        let before = self.text[self.from..at].trim_end();
        let token = self.token_before(self.from + before.len());
        let word = token.word.trim_end_matches(|c: char| !c.is_alphanumeric());
        // "2019", "2010-2012", "1990-х" (the 1990s), "XIX".
        word.chars().any(is_numeric) || is_roman_numeral(word)
    }

    /// Classifies what follows a candidate boundary at `j`.
    fn next_word(&mut self, j: usize) -> Next {
        let text = self.text;
        let mut start = None;
        let mut wrapped = false;
        for (k, c) in text[j..].char_indices() {
            if c == '\n' || c == '\r' {
                // Read on across a wrap, as across a space.
                if wrapped || !self.is_wrap(j + k) {
                    if c == '\n' && wrapped && text.as_bytes()[j + k - 1] == b'\r' {
                        continue;
                    }
                    return Next::EndOfLine;
                }
                wrapped = true;
                continue;
            }
            if !c.is_whitespace() {
                start = Some(j + k);
                break;
            }
        }
        let Some(start) = start else {
            return Next::EndOfLine;
        };
        let mut chars = text[start..].char_indices().take(WORD_LIMIT);
        let (offset, first) = loop {
            match chars.next() {
                Some((_, c)) if is_opener(c) || is_closer(c) || is_invisible(c) => continue,
                // Only quotes left on the line: they stay with the sentence.
                Some((_, '\n' | '\r')) | None => return Next::EndOfLine,
                Some(found) => break found,
            }
        };
        if is_dash(first) {
            return Next::Dash;
        }
        if is_numeric(first) {
            return Next::Digit;
        }
        if is_lowercase(first) {
            return Next::Lower;
        }
        if !is_alphabetic(first) {
            return Next::Other;
        }
        let word_start = start + offset;
        if is_capital(first) {
            Next::Upper(word_start)
        } else {
            Next::Uncased(word_start)
        }
    }

    /// The word of letters (and Arabic marks) starting at `at`, and whether
    /// it is a single letter followed by a period (an initial).
    fn word_at(&self, at: usize) -> (&'t str, bool) {
        let rest = &self.text[at..];
        let len = rest
            .char_indices()
            .take_while(|&(k, c)| k < WORD_LIMIT && (is_alphabetic(c) || is_arabic_mark(c)))
            .last()
            .map_or(0, |(k, c)| k + c.len_utf8());
        let word = &rest[..len];
        let initial = word.chars().count() == 1 && rest[len..].starts_with('.');
        (word, initial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: &str, text: &str) -> Vec<String> {
        let mut scanner = Scanner::new(text, Rules::for_lang(lang), LineBreaks::Auto);
        std::iter::from_fn(|| scanner.next_sentence())
            .map(|s| text[s.range()].to_string())
            .collect()
    }

    #[test]
    fn brackets_protect_only_when_closed_on_the_line() {
        assert_eq!(
            split(
                "en",
                "He left (it rained. It was cold.) early. Then he slept."
            ),
            ["He left (it rained. It was cold.) early.", "Then he slept."]
        );
        assert_eq!(
            split("en", "He left (it rained. It was cold. Then he slept."),
            ["He left (it rained.", "It was cold.", "Then he slept."]
        );
        assert_eq!(
            split("en", "He said \"Stop. Go.\" Then he left."),
            ["He said \"Stop.", "Go.\"", "Then he left."]
        );
    }

    #[test]
    fn full_width_terminals_need_no_space() {
        assert_eq!(
            split("zh", "你好。我很好！谢谢"),
            ["你好。", "我很好！", "谢谢"]
        );
    }

    #[test]
    fn list_items_start_new_sentences() {
        assert_eq!(
            split("en", "1) The first item 2) The second item"),
            ["1) The first item", "2) The second item"]
        );
        assert_eq!(
            split("en", "• 9. The first item • 10. The second item"),
            ["• 9. The first item", "• 10. The second item"]
        );
        // Only the next marker in sequence starts an item.
        assert_eq!(
            split("en", "1. Buy 3 apples 5. Go"),
            ["1. Buy 3 apples 5.", "Go"]
        );
    }

    #[test]
    fn invisible_characters_do_not_hide_abbreviations() {
        assert_eq!(
            split("ar", "قال د\u{200F}. أحمد إنه بخير."),
            ["قال د\u{200F}. أحمد إنه بخير."]
        );
        assert_eq!(
            split("en", "See p.\u{200B} 55 now."),
            ["See p.\u{200B} 55 now."]
        );
    }

    #[test]
    fn regression_time_zone_wrapped_onto_the_next_line() {
        // Found by the wrapping proptest at width 44: "a.m. Moscow" ends
        // a line and "time" starts the next.
        let text = "lifted off from the Baikonur Cosmodrome at 11:02 a.m. Moscow\ntime on Wednesday, carrying three crew members to the\nInternational Space Station. The spacecraft reached orbit.";
        assert_eq!(split("en", text).len(), 2, "{:#?}", split("en", text));
        assert_eq!(
            split("en", "It left at 11:02 a.m. Moscow time on Monday.").len(),
            1
        );
        // Across a blank line "time" names nothing: "a.m." ends there.
        assert_eq!(
            split("en", "It left at 11:02 a.m. Moscow\n\ntime."),
            ["It left at 11:02 a.m.", "Moscow", "time."]
        );
    }

    #[test]
    fn lines_and_paragraphs() {
        let text = "Headline\r\nDateline -- One. Two.\n \n\nThree";
        let mut scanner = Scanner::new(text, Rules::for_lang("en"), LineBreaks::Auto);
        let got: Vec<_> = std::iter::from_fn(|| scanner.next_sentence())
            .map(|s| (&text[s.range()], s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("Headline", 0),
                ("Dateline -- One.", 0),
                ("Two.", 0),
                ("Three", 1)
            ]
        );
    }
}
