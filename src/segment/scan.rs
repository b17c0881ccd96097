//! The scanner: one forward pass over the bytes of the text.
//!
//! Most bytes cannot matter to a sentence boundary, so the hot loop skips
//! them with one table lookup each. It stops only at line breaks, at the
//! terminals `. ! ? … ؟ ۔` (and a few more), and at quotes and brackets,
//! whose nesting it tracks per line. At a terminal it reads the *cluster*
//! (the run of terminals, closing quotes and brackets, and invisible bidi
//! controls), the word before it and the word after it, and lets the rules
//! decide. Looking at neighbours is bounded, so the scan is linear in the
//! length of the text whatever it contains.

use super::chars::{
    is_bidi_control, is_bullet, is_closer, is_dash, is_opener, is_roman_numeral,
    is_strong_terminal, is_unspaced_terminal,
};
use super::rules::{Class, Rules};
use crate::document::Sentence;

/// How far the rules look at a neighbouring word, in bytes. Longer words
/// are never abbreviations, initials or list markers.
const WORD_LIMIT: usize = 64;

/// Bytes where the scanner has to look closer: ASCII terminals, line
/// breaks, quotes and brackets, and the lead bytes of the multi-byte
/// terminals and quotes (`« »`, `؟`, `۔`, `… “ ” „ ‼`, `。`, `！ ？`).
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let ascii = b"\n\r.!?\"()[]";
    let mut k = 0;
    while k < ascii.len() {
        table[ascii[k] as usize] = true;
        k += 1;
    }
    table[0xC2] = true;
    table[0xD8] = true;
    table[0xDB] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// Quote and bracket kinds whose insides are never split, as long as they
/// close on the same line: `"…"`, `«…»`, `“…”`, `„…“`, `(…)` and `[…]`.
const ASCII: usize = 0;
const GUILLEMET: usize = 1;
const CURLY: usize = 2;
const LOW: usize = 3;
const BRACKET: usize = 4;

/// Open quotes and brackets on the current line.
#[derive(Debug, Default, Clone, Copy)]
struct Pair {
    depth: u32,
    /// Where the next closer is, once searched for (valid while ≥ the position asked about).
    next_closer: Option<usize>,
    /// No closer is left on this line.
    no_closer: bool,
}

#[derive(Debug, Default, Clone)]
struct Quotes {
    pairs: [Pair; 5],
}

impl Quotes {
    fn open(&mut self, kind: usize) {
        self.pairs[kind].depth = self.pairs[kind].depth.saturating_add(1);
    }

    fn close(&mut self, kind: usize) {
        self.pairs[kind].depth = self.pairs[kind].depth.saturating_sub(1);
    }

    /// Updates the nesting for a quote or bracket character. Returns false
    /// when `c` is none.
    fn on_char(&mut self, c: char) -> bool {
        match c {
            '"' => {
                if self.pairs[ASCII].depth > 0 {
                    self.close(ASCII)
                } else {
                    self.open(ASCII)
                }
            }
            '(' | '[' => self.open(BRACKET),
            ')' | ']' => self.close(BRACKET),
            '«' => self.open(GUILLEMET),
            '»' => self.close(GUILLEMET),
            '„' => self.open(LOW),
            '“' => {
                if self.pairs[LOW].depth > 0 {
                    self.close(LOW)
                } else {
                    self.open(CURLY)
                }
            }
            '”' => {
                if self.pairs[CURLY].depth > 0 {
                    self.close(CURLY)
                } else {
                    self.close(LOW)
                }
            }
            _ => return false,
        }
        true
    }

    /// True when a boundary at `at` would fall inside quotes or brackets
    /// that close later on the same line.
    fn protects(&mut self, bytes: &[u8], at: usize) -> bool {
        for kind in 0..self.pairs.len() {
            let pair = &mut self.pairs[kind];
            if pair.depth == 0 || pair.no_closer {
                continue;
            }
            if pair.next_closer.is_some_and(|p| p >= at) {
                return true;
            }
            // Each search starts past the previous closer, so the searches of
            // one line cover it at most once.
            match find_closer(kind, bytes, at) {
                Some(p) => {
                    pair.next_closer = Some(p);
                    return true;
                }
                None => pair.no_closer = true,
            }
        }
        false
    }
}

/// The next closer of `kind` at or after `from`, before the end of the line.
fn find_closer(kind: usize, bytes: &[u8], from: usize) -> Option<usize> {
    let mut k = from;
    while k < bytes.len() {
        let b = bytes[k];
        let next = |n: usize| bytes.get(k + n).copied().unwrap_or(0);
        let found = match b {
            b'\n' | b'\r' => return None,
            b'"' => kind == ASCII,
            b')' | b']' => kind == BRACKET,
            0xC2 => kind == GUILLEMET && next(1) == 0xBB,
            0xE2 if next(1) == 0x80 => match next(2) {
                0x9D => kind == CURLY || kind == LOW,
                0x9C => kind == LOW,
                _ => false,
            },
            _ => false,
        };
        if found {
            return Some(k);
        }
        k += 1;
    }
    None
}

/// What follows a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next<'t> {
    /// Nothing but whitespace before the end of the line or text.
    EndOfLine,
    /// A lowercase word: the sentence goes on.
    Lower,
    /// A dash, as after direct speech: the sentence goes on.
    Dash,
    /// A number.
    Digit,
    /// A capitalised word; `initial` when it is a single letter with a period.
    Upper { word: &'t str, initial: bool },
    /// A word in a script without case (Arabic, CJK, ...).
    Uncased { word: &'t str, initial: bool },
    /// A symbol, an emoji, ...
    Other,
}

impl Next<'_> {
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
}

/// List marker styles: `1.`, `1.)`, `1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delim {
    Dot,
    DotParen,
    Paren,
}

/// The marker a sentence starts with when it is a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// A number, or a letter as its code point.
    value: u32,
    numeric: bool,
    delim: Delim,
}

/// The word before a candidate boundary.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    /// Where the whitespace-delimited token starts (with its bullets and quotes).
    raw_start: usize,
    /// The token without opening or closing quotes, bullets and bidi controls.
    word: &'t str,
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
    quotes: Quotes,
}

impl<'t> Scanner<'t> {
    pub(crate) fn new(text: &'t str, rules: &'static Rules) -> Scanner<'t> {
        Scanner {
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
            quotes: Quotes::default(),
        }
    }

    /// The next sentence, or `None` at the end of the text.
    pub(crate) fn next_sentence(&mut self) -> Option<Sentence> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let mut i = self.pos;
            while i < bytes.len() && !INTERESTING[bytes[i] as usize] {
                i += 1;
            }
            if i >= bytes.len() {
                self.pos = bytes.len();
                return self.emit(bytes.len());
            }
            let b = bytes[i];
            // Lead bytes of Arabic letters are frequent: rule them out without decoding.
            let second = bytes.get(i + 1).copied().unwrap_or(0);
            match b {
                b'\n' | b'\r' => {
                    let next_line = if b == b'\r' && second == b'\n' {
                        i + 2
                    } else {
                        i + 1
                    };
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
                    self.quotes = Quotes::default();
                    if sentence.is_some() {
                        return sentence;
                    }
                    continue;
                }
                0xD8 if second != 0x9F => {
                    self.pos = i + 2;
                    continue;
                }
                0xDB if second != 0x94 => {
                    self.pos = i + 2;
                    continue;
                }
                0xC2 if second != 0xAB && second != 0xBB => {
                    self.pos = i + 2;
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
                self.quotes.on_char(c);
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
            // "Yahoo! in", "готовишься? – спросила": the sentence goes on.
            (cluster.unspaced || !matches!(next, Next::Lower | Next::Dash)).then_some(j)
        } else if cluster.dots >= 4 && attached && cluster.spaced {
            // "compounds. . . . The": the period ends the sentence and the
            // ellipsis opens the next one.
            self.starts_after_ellipsis(next).then_some(i + 1)
        } else if cluster.dots >= 4 {
            // "that.... She": an ellipsis and a period.
            matches!(next, Next::Upper { .. } | Next::Uncased { .. }).then_some(j)
        } else if cluster.dots == 3 {
            // "[...]" marks an omission inside a quotation.
            let omission = text[..i].ends_with(['[', '(']);
            (!omission && self.starts_after_ellipsis(next)).then_some(j)
        } else {
            self.period(i, next).then_some(j)
        };
        match end {
            Some(end) if !self.quotes.protects(bytes, j) => Step::Break { end, resume: j },
            _ => Step::Continue(j),
        }
    }

    /// True when `next` starts a sentence after an ellipsis: a capital
    /// letter (but not English "I", which is always capitalised) or a word in
    /// a script without case.
    fn starts_after_ellipsis(&self, next: Next<'_>) -> bool {
        match next {
            Next::Upper { word, .. } => !(self.rules.pronoun_i && word == "I"),
            Next::Uncased { .. } => true,
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
                c if is_bidi_control(c) => j += c.len_utf8(),
                // French spacing: "On y va. »"
                ' ' | '\u{A0}' | '\u{202F}' => {
                    let after = j + c.len_utf8();
                    match text[after..].chars().next() {
                        Some(q @ ('»' | '›')) => {
                            self.quotes.on_char(q);
                            only_dots = false;
                            j = after + q.len_utf8();
                        }
                        _ => break,
                    }
                }
                // `“` closes only a German `„`; otherwise it opens a quote.
                '“' if self.quotes.pairs[LOW].depth == 0 => break,
                c if is_closer(c) => {
                    self.quotes.on_char(c);
                    only_dots = false;
                    j += c.len_utf8();
                }
                _ => break,
            }
        }
        cl.end = j;
        cl
    }

    /// The first non-whitespace byte of the pending sentence.
    fn content_start(&mut self) -> usize {
        if let Some(start) = self.content_start {
            return start;
        }
        let rest = &self.text[self.from..];
        let start = self.from + (rest.len() - rest.trim_start().len());
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
        let word = text[start..i]
            .trim_start_matches(|c| is_opener(c) || is_bidi_control(c) || is_bullet(c))
            .trim_end_matches(|c| is_closer(c) || is_bidi_control(c));
        Token {
            raw_start: start,
            word,
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
    fn period(&mut self, i: usize, next: Next<'t>) -> bool {
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
        let starter = |next: Next<'_>| match next {
            Next::Upper { word, initial } | Next::Uncased { word, initial } => {
                !initial && rules.is_starter(word)
            }
            _ => false,
        };
        let terminal = |this: &mut Self, next: Next<'_>| match next {
            Next::Upper { word, initial } => {
                rules.is_starter(word)
                    || !(initial
                        || rules.is_continuer(word)
                        || is_acronym(word)
                        || this.among_first_words(token.raw_start))
            }
            _ => starter(next),
        };
        match classify(token.word, rules) {
            Kind::Ordinary => true,
            Kind::Number => {
                !(rules.ordinal_numbers && is_small_integer(token.word)) || starter(next)
            }
            Kind::Initial | Kind::MultiPeriod => starter(next),
            Kind::Abbreviation(Class::Prepositive | Class::Never) => false,
            Kind::Abbreviation(Class::BeforeNumber) => next != Next::Digit,
            Kind::Abbreviation(Class::Ambiguous) => starter(next),
            Kind::Abbreviation(Class::Terminal) => terminal(self, next),
            Kind::Abbreviation(Class::AfterNumber) => {
                self.number_before(token.raw_start) && terminal(self, next)
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
    /// ("2019 г.", "2010-2012 гг.", "XIX в.").
    fn number_before(&self, at: usize) -> bool {
        let before = self.text[self.from..at].trim_end();
        let token = self.token_before(self.from + before.len());
        let word = token.word.trim_end_matches(|c: char| !c.is_alphanumeric());
        word.chars().next_back().is_some_and(char::is_numeric) || is_roman_numeral(word)
    }

    /// Classifies what follows a candidate boundary at `j`.
    fn next_word(&self, j: usize) -> Next<'t> {
        let text = self.text;
        let mut start = None;
        for (k, c) in text[j..].char_indices() {
            if c == '\n' || c == '\r' {
                return Next::EndOfLine;
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
                Some((_, c)) if is_opener(c) || is_bidi_control(c) => continue,
                Some(found) => break found,
                None => return Next::Other,
            }
        };
        if is_dash(first) {
            return Next::Dash;
        }
        if first.is_numeric() {
            return Next::Digit;
        }
        if first.is_lowercase() {
            return Next::Lower;
        }
        if !first.is_alphabetic() {
            return Next::Other;
        }
        let word_start = start + offset;
        let rest = &text[word_start..];
        let len = rest
            .char_indices()
            .take_while(|&(k, c)| {
                k < WORD_LIMIT && (c.is_alphabetic() || super::chars::is_arabic_mark(c))
            })
            .last()
            .map_or(0, |(k, c)| k + c.len_utf8());
        let word = &rest[..len];
        let initial = word.chars().count() == 1 && rest[len..].starts_with('.');
        if first.is_uppercase() || first.is_titlecase_like() {
            Next::Upper { word, initial }
        } else {
            Next::Uncased { word, initial }
        }
    }
}

/// Titlecase letters (`ǅ`) count as capitals.
trait TitlecaseLike {
    fn is_titlecase_like(self) -> bool;
}

impl TitlecaseLike for char {
    fn is_titlecase_like(self) -> bool {
        matches!(self, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ')
    }
}

/// What the word before a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ordinary,
    /// "$100.00", "2019", "+39045969798".
    Number,
    /// A single capital letter: "Jonas E. Smith", "В. Путин".
    Initial,
    /// Letters separated by periods: "U.S", "a.m", "В.В", "куб.м".
    MultiPeriod,
    Abbreviation(Class),
}

fn classify(word: &str, rules: &Rules) -> Kind {
    if word.is_empty() || word.contains(['@', '/']) {
        // URLs and e-mail addresses end like ordinary words.
        return Kind::Ordinary;
    }
    let mut chars = word.chars();
    let first = chars.next();
    let single = chars.next().is_none();
    if single && first.is_some_and(char::is_uppercase) {
        return Kind::Initial;
    }
    if let Some(class) = rules.abbreviation(word) {
        return Kind::Abbreviation(class);
    }
    if word.chars().next_back().is_some_and(char::is_numeric) && word.chars().any(char::is_numeric)
    {
        return Kind::Number;
    }
    if word.contains('.')
        && word.split('.').all(|part| {
            (1..=3).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
    {
        return Kind::MultiPeriod;
    }
    if single && first.is_some_and(|c| c.is_alphabetic() && !c.is_lowercase()) {
        // A single letter of a script without case: an Arabic abbreviation.
        return Kind::Initial;
    }
    Kind::Ordinary
}

/// An all-capitals word of two or more letters ("EST", "NATO").
fn is_acronym(word: &str) -> bool {
    word.chars().nth(1).is_some() && word.chars().all(char::is_uppercase)
}

fn is_small_integer(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// The value of a list marker word: 1-3 ASCII digits or a single letter.
fn marker_value(word: &str) -> Option<(u32, bool)> {
    if is_small_integer(word) {
        return word.parse().ok().map(|n| (n, true));
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_alphabetic() => Some((c as u32, false)),
        _ => None,
    }
}

/// Parses a list marker at the start of `body`: the value, then `.`, `.)`
/// or `)`, then whitespace.
fn parse_marker(body: &str) -> Option<Marker> {
    let end = body
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(body.len(), |(k, _)| k);
    let (value, numeric) = marker_value(&body[..end])?;
    let rest = &body[end..];
    let (delim, after) = if let Some(after) = rest.strip_prefix(".)") {
        (Delim::DotParen, after)
    } else if let Some(after) = rest.strip_prefix(')') {
        (Delim::Paren, after)
    } else if let Some(after) = rest.strip_prefix('.') {
        (Delim::Dot, after)
    } else {
        return None;
    };
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Marker {
        value,
        numeric,
        delim,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: &str, text: &str) -> Vec<String> {
        let mut scanner = Scanner::new(text, Rules::for_lang(lang));
        std::iter::from_fn(|| scanner.next_sentence())
            .map(|s| text[s.range()].to_string())
            .collect()
    }

    #[test]
    fn markers_parse() {
        assert_eq!(
            parse_marker("1.) The"),
            Some(Marker {
                value: 1,
                numeric: true,
                delim: Delim::DotParen
            })
        );
        assert_eq!(parse_marker("a. The").map(|m| m.delim), Some(Delim::Dot));
        assert_eq!(parse_marker("12)x"), None);
        assert_eq!(parse_marker("2019 год"), None);
    }

    #[test]
    fn closers_are_found_on_the_same_line_only() {
        assert_eq!(find_closer(GUILLEMET, "a » b".as_bytes(), 0), Some(2));
        assert_eq!(find_closer(GUILLEMET, "a \n»".as_bytes(), 0), None);
        assert_eq!(find_closer(LOW, "x “".as_bytes(), 0), Some(2));
    }

    #[test]
    fn quotes_protect_only_when_closed_on_the_line() {
        assert_eq!(
            split("en", "He said \"Stop. Go.\" Then he left."),
            ["He said \"Stop. Go.\"", "Then he left."]
        );
        assert_eq!(
            split("en", "He said \"Stop. Go on."),
            ["He said \"Stop.", "Go on."]
        );
    }

    #[test]
    fn lines_and_paragraphs() {
        let text = "Headline\r\nDateline -- One. Two.\n \n\nThree";
        let mut scanner = Scanner::new(text, Rules::for_lang("en"));
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
