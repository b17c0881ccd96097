//! Anchor tokens: the parts of a sentence that survive translation and can
//! be matched across languages without a dictionary.
//!
//! Each sentence is read once ([`DocAnchors::new`]) into tokens of three
//! classes: *literals* (numbers normalised across scripts, URLs, e-mails,
//! hashtags), *words* (cognates, names, Latin-script tokens) and
//! *punctuation* (`? ! « » : …`). Words are folded and, when name-like,
//! transliterated to a consonant skeleton ([`super::translit`]); for a pair
//! of documents, [`super::concepts`] maps the tokens of both sides to shared
//! concepts.

use super::translit::{fold_arabic, fold_latin, skeleton, strip_arabic_article};
use std::collections::HashMap;

/// Anchor classes; each gets its own weights in the scoring model.
pub(crate) const LITERAL: usize = 0;
/// Words: cognates, names, Latin-script tokens.
pub(crate) const WORD: usize = 1;
/// Punctuation that translators keep: `? ! " :`.
pub(crate) const PUNCT: usize = 2;
/// Number of anchor classes.
pub(crate) const CLASSES: usize = 3;

/// The writing system most letters of a document are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Other,
}

/// A distinct token of one document.
#[derive(Debug, Clone)]
pub(crate) struct TokenType {
    /// Anchor class ([`LITERAL`], [`WORD`] or [`PUNCT`]).
    pub class: usize,
    /// Key compared exactly: the normalised number, the punctuation class,
    /// the lower-cased URL, or for words their 4-letter folded prefix (empty
    /// for words too short to have one).
    pub key: String,
    /// For words only: true when written in Latin letters.
    pub latin: bool,
    /// For name-like words: the consonant skeleton compared across scripts.
    pub skeleton: Option<String>,
}

/// The tokens of every sentence of one document, extracted once.
#[derive(Debug, Clone)]
pub(crate) struct DocAnchors {
    /// Length of each sentence in characters, whitespace excluded.
    pub lens: Vec<f64>,
    /// Paragraph index of each sentence.
    pub paragraphs: Vec<usize>,
    /// Distinct tokens.
    pub types: Vec<TokenType>,
    /// Token type ids of all sentences, concatenated.
    tokens: Vec<u32>,
    /// `tokens[offsets[i]..offsets[i + 1]]` are the tokens of sentence `i`.
    offsets: Vec<usize>,
    /// The dominant script.
    pub script: Script,
}

impl DocAnchors {
    /// Reads every sentence of `doc` once.
    pub fn new(doc: &crate::Document) -> DocAnchors {
        let mut ex = Extractor::default();
        let mut lens = Vec::with_capacity(doc.len());
        let mut offsets = Vec::with_capacity(doc.len() + 1);
        offsets.push(0);
        let mut script_counts = [0usize; 4];
        for s in &doc.sentences {
            let text = doc.text.get(s.range()).unwrap_or("");
            lens.push(text.chars().filter(|c| !c.is_whitespace()).count() as f64);
            ex.sentence(text, &mut script_counts);
            offsets.push(ex.tokens.len());
        }
        let script = dominant_script(script_counts);
        DocAnchors {
            lens,
            paragraphs: doc.sentences.iter().map(|s| s.paragraph).collect(),
            types: ex.types,
            tokens: ex.tokens,
            offsets,
            script,
        }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// Token type ids of sentence `i`.
    pub fn sentence(&self, i: usize) -> &[u32] {
        &self.tokens[self.offsets[i]..self.offsets[i + 1]]
    }

    /// True when the document has more than one paragraph.
    pub fn has_paragraphs(&self) -> bool {
        self.paragraphs.last().is_some_and(|&p| p > 0)
    }

    /// True when sentence `i` is the first of its paragraph.
    pub fn starts_paragraph(&self, i: usize) -> bool {
        i == 0 || self.paragraphs.get(i) != self.paragraphs.get(i - 1)
    }
}

/// The script with the most letters (Other when none has any).
fn dominant_script(script_counts: [usize; 4]) -> Script {
    [Script::Latin, Script::Cyrillic, Script::Arabic]
        .into_iter()
        .zip(script_counts)
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(_, n)| n)
        .map_or(Script::Other, |(s, _)| s)
}

/// Reads one short piece of text at a time (a word with its punctuation)
/// exactly as [`DocAnchors::new`] reads a document holding only that piece,
/// but keeps its buffers from piece to piece: the review page's evidence
/// reads every distinct word of a document this way.
#[derive(Default)]
pub(crate) struct PieceReader {
    ex: Extractor,
}

impl PieceReader {
    /// The dominant script of `text` and its tokens, in order.
    pub fn read(&mut self, text: &str) -> (Script, impl Iterator<Item = &TokenType>) {
        let ex = &mut self.ex;
        // Nothing is shared between pieces: a token type is the first one
        // read with its key, as in a document of its own.
        ex.types.clear();
        ex.index.clear();
        ex.words.clear();
        ex.tokens.clear();
        let mut script_counts = [0usize; 4];
        ex.sentence(text, &mut script_counts);
        let ex = &self.ex;
        (
            dominant_script(script_counts),
            ex.tokens.iter().map(|&t| &ex.types[t as usize]),
        )
    }
}

/// Builds the token types of one document.
#[derive(Default)]
struct Extractor {
    types: Vec<TokenType>,
    index: HashMap<(usize, String), u32>,
    /// What each distinct word, as written, was read as: its script and
    /// its token type (none for words too short to be anchors). Words
    /// repeat, so folding and transliterating each only once is most of
    /// the speed of reading a document.
    words: HashMap<String, (Option<Script>, Option<u32>)>,
    word: String,
    tokens: Vec<u32>,
    chars: Vec<char>,
}

impl Extractor {
    fn push(&mut self, class: usize, key: String, latin: bool, skeleton: Option<String>) {
        let id = self.type_id(class, key, latin, skeleton);
        self.tokens.push(id);
    }

    fn type_id(&mut self, class: usize, key: String, latin: bool, skeleton: Option<String>) -> u32 {
        let next = self.types.len() as u32;
        let id = *self.index.entry((class, key.clone())).or_insert(next);
        if id == next {
            self.types.push(TokenType {
                class,
                key,
                latin,
                skeleton,
            });
        }
        id
    }

    /// The script and token type of a word, read once per distinct word.
    fn word(&mut self, word: &[char]) -> (Option<Script>, Option<u32>) {
        self.word.clear();
        self.word.extend(word);
        if let Some(&known) = self.words.get(self.word.as_str()) {
            return known;
        }
        let script = script_of(word);
        let id = word_token(word, script)
            .map(|(key, latin, skeleton)| self.type_id(WORD, key, latin, skeleton));
        self.words.insert(self.word.clone(), (script, id));
        (script, id)
    }

    fn sentence(&mut self, text: &str, script_counts: &mut [usize; 4]) {
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        chars.extend(text.chars());
        let mut p = 0;
        let mut word_start = true;
        while p < chars.len() {
            let c = chars[p];
            if word_start && !c.is_whitespace() {
                if let Some((end, key)) = literal_token(&chars[p..]) {
                    self.push(LITERAL, key, false, None);
                    p += end;
                    continue;
                }
            }
            word_start = c.is_whitespace();
            if digit_value(c).is_some() {
                let (end, key) = number(&chars[p..]);
                self.push(LITERAL, key, false, None);
                p += end;
            } else if is_word_char(c) {
                let end = chars[p..]
                    .iter()
                    .position(|&c| !is_word_char(c))
                    .map_or(chars.len(), |e| p + e);
                let (script, id) = self.word(&chars[p..end]);
                if let Some(k) = script.map(|s| s as usize) {
                    script_counts[k] += end - p;
                }
                if let Some(id) = id {
                    self.tokens.push(id);
                }
                p = end;
            } else {
                if let Some(class) = punct_class(c) {
                    self.push(PUNCT, class.to_string(), false, None);
                }
                p += 1;
            }
        }
        self.chars = chars;
    }
}

/// The value of a decimal digit in ASCII, Arabic-Indic or Persian script.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    // The letters of the common scripts first: `is_alphabetic` searches a
    // table for every character outside ASCII.
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7F' => false,
        '\u{0410}'..='\u{044F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphabetic() || is_arabic_mark(c),
    }
}

/// Arabic harakat and the tatweel: parts of a word, ignored when comparing.
pub(super) fn is_arabic_mark(c: char) -> bool {
    crate::script::is_arabic_mark(c)
}

/// Reads a number at the start of `chars` and returns how many chars it
/// spans and its normalised key: its digits in ASCII, separators dropped, so
/// that "28.2", "28,2" and "٢٨٫٢" agree, and so do "1 234,5" and "1,234.5".
pub(crate) fn number(chars: &[char]) -> (usize, String) {
    let mut key = String::new();
    let mut p = 0;
    loop {
        let group_start = p;
        while let Some(d) = chars.get(p).and_then(|&c| digit_value(c)) {
            key.push(char::from_digit(d, 10).unwrap_or('0'));
            p += 1;
        }
        let group_len = p - group_start;
        let next_is_digit = |q: usize| chars.get(q).is_some_and(|&c| digit_value(c).is_some());
        match chars.get(p) {
            Some('.' | ',' | '\u{066B}' | '\u{066C}' | '\'') if next_is_digit(p + 1) => p += 1,
            // A space groups thousands only before exactly three digits.
            Some(' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
                if group_len <= 3
                    && (1..=3).all(|k| next_is_digit(p + k))
                    && !next_is_digit(p + 4) =>
            {
                p += 1
            }
            _ => return (p, key),
        }
    }
}

/// A URL, e-mail address, hashtag or @handle starting at a token boundary:
/// returns its length in chars and its lower-cased key.
fn literal_token(chars: &[char]) -> Option<(usize, String)> {
    let end = chars
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(chars.len());
    let mut tok = &chars[..end];
    while let Some((last, rest)) = tok.split_last() {
        if matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '»' | '\''
        ) {
            tok = rest;
        } else {
            break;
        }
    }
    // Every literal has one of these; most words have none.
    let www = tok.len() >= 4
        && tok[..4]
            .iter()
            .map(|c| c.to_ascii_lowercase())
            .eq("www.".chars());
    if !www && !tok.iter().any(|c| matches!(c, '@' | '#' | ':')) {
        return None;
    }
    let s: String = tok.iter().collect::<String>().to_lowercase();
    let is_url = s.contains("://") || s.starts_with("www.");
    let is_email = s
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.ends_with('.'));
    let is_tag = (s.starts_with('#') || s.starts_with('@'))
        && s.chars().nth(1).is_some_and(|c| c.is_alphanumeric());
    (is_url || is_email || is_tag).then_some((tok.len(), s))
}

/// Punctuation that translators carry over, folded into classes.
fn punct_class(c: char) -> Option<char> {
    match c {
        '?' | '؟' | '¿' => Some('?'),
        '!' | '¡' => Some('!'),
        '"' | '«' | '»' | '„' | '“' | '”' | '‹' | '›' | '‟' => Some('"'),
        ':' => Some(':'),
        '(' | ')' | '[' | ']' => Some('('),
        '%' | '٪' => Some('%'),
        _ => None,
    }
}

fn script_of(word: &[char]) -> Option<Script> {
    let c = *word.iter().find(|c| c.is_alphabetic())?;
    Some(match crate::script::Script::of(c) {
        crate::script::Script::Latin => Script::Latin,
        crate::script::Script::Cyrillic => Script::Cyrillic,
        crate::script::Script::Arabic => Script::Arabic,
        _ => Script::Other,
    })
}

/// The key, Latin flag and (for name-like words) skeleton of a word.
fn word_token(word: &[char], script: Option<Script>) -> Option<(String, bool, Option<String>)> {
    let script = script?;
    let folded: String = match script {
        Script::Arabic => strip_arabic_article(&fold_arabic(word)).to_string(),
        _ => word
            .iter()
            .flat_map(|c| c.to_lowercase())
            .map(fold_latin)
            .collect(),
    };
    let n = folded.chars().count();
    if n < 3 {
        return None;
    }
    let key: String = if n >= 4 {
        folded.chars().take(4).collect()
    } else {
        String::new()
    };
    let capitalised = word.first().is_some_and(|c| c.is_uppercase());
    let name_like = match script {
        Script::Arabic => true,
        Script::Latin | Script::Cyrillic => capitalised,
        Script::Other => false,
    };
    let skeleton = name_like
        .then(|| skeleton(&folded))
        .filter(|s| s.chars().count() >= 2);
    if key.is_empty() && skeleton.is_none() {
        return None;
    }
    Some((key, script == Script::Latin, skeleton))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        number(&chars).1
    }

    #[test]
    fn numbers_agree_across_scripts_and_separators() {
        assert_eq!(num("28.2"), "282");
        assert_eq!(num("28,2"), "282");
        assert_eq!(num("٢٨٫٢"), "282");
        assert_eq!(num("1 234,5"), "12345");
        assert_eq!(num("1,234.5"), "12345");
        assert_eq!(num("۱۲"), "12");
        assert_eq!(num("2020 года"), "2020");
        // A space only groups thousands before exactly three digits.
        assert_eq!(num("12 1234"), "12");
        assert_eq!(num("1956 123"), "1956");
    }

    #[test]
    fn number_span_stops_before_trailing_separator() {
        let chars: Vec<char> = "45, and".chars().collect();
        assert_eq!(number(&chars), (2, "45".to_string()));
    }

    #[test]
    fn arabic_article_is_stripped_before_transliteration() {
        let w: Vec<char> = "والكويت".chars().collect();
        let (_, _, skel) = word_token(&w, Some(Script::Arabic)).unwrap();
        let (_, _, kuwait) =
            word_token(&"Kuwait".chars().collect::<Vec<_>>(), Some(Script::Latin)).unwrap();
        assert_eq!(skel, kuwait);
    }

    fn doc(lang: &str, text: &str) -> crate::Document {
        crate::Document::presegmented(lang, text.to_string())
    }

    #[test]
    fn literals_and_punctuation_are_tokens() {
        let d = DocAnchors::new(&doc(
            "en",
            "Mail bob@example.com or see https://x.org/a. Why?\n",
        ));
        let keys: Vec<_> = d
            .sentence(0)
            .iter()
            .map(|&t| d.types[t as usize].key.as_str())
            .collect();
        assert!(keys.contains(&"bob@example.com"), "{keys:?}");
        assert!(keys.contains(&"https://x.org/a"), "{keys:?}");
        assert!(keys.contains(&"?"), "{keys:?}");
    }
}
