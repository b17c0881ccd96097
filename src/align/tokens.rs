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

use super::lexicon::{self, Lang, Lexicon, CONCEPT_MARK};
use super::translit::{fold_arabic, fold_latin, skeleton, strip_arabic_article};
use std::collections::HashMap;
use std::ops::Range;

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

impl TokenType {
    /// True for a concept of the term table ([`super::lexicon`]): its key
    /// is the same in every language and script.
    pub fn is_concept(&self) -> bool {
        self.key.starts_with(CONCEPT_MARK)
    }
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
    /// The document's language code, which picks its learned word pairs.
    pub lang: String,
}

impl DocAnchors {
    /// Reads every sentence of `doc` once, with the whole term table.
    #[cfg(test)]
    pub fn new(doc: &crate::Document) -> DocAnchors {
        DocAnchors::with_lexicon(doc, lexicon::ALL_PARTS)
    }

    /// Reads every sentence of `doc` once, with the parts of the term
    /// table in `parts` (bits of [`lexicon::LexiconPart`]; 0 for none).
    pub fn with_lexicon(doc: &crate::Document, parts: u8) -> DocAnchors {
        let mut ex = Extractor::new(&doc.lang, parts);
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
            lang: doc.lang.clone(),
        }
    }

    /// Frees the tokens and their types, which are only read to map them to
    /// a pair's concepts ([`super::concepts::PairAnchors`]): a long pair's
    /// search then has that memory. [`DocAnchors::sentence`] has none after.
    pub fn drop_tokens(&mut self) {
        self.types = Vec::new();
        self.tokens = Vec::new();
        self.offsets = Vec::new();
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
pub(super) fn dominant_script(script_counts: [usize; 4]) -> Script {
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
pub(crate) struct PieceReader {
    ex: Extractor,
    /// Reads whole sentences for the terms of the table, which may span
    /// several pieces (`United Nations`).
    terms: Extractor,
}

impl PieceReader {
    /// A reader for the pieces of a text in language `lang` (BCP 47).
    /// Pieces are read without the term table; [`PieceReader::terms`]
    /// finds its terms in whole sentences.
    pub fn new(lang: &str) -> PieceReader {
        let mut terms = Extractor::new(lang, lexicon::ALL_PARTS);
        terms.hits = Some(Vec::new());
        PieceReader {
            ex: Extractor::new(lang, 0),
            terms,
        }
    }

    /// The terms of the table in one sentence: their byte ranges in
    /// `text` and their token types, in order, exactly as the aligner
    /// reads them.
    pub fn terms(&mut self, text: &str) -> Vec<(Range<usize>, &TokenType)> {
        let ex = &mut self.terms;
        ex.tokens.clear();
        if let Some(h) = ex.hits.as_mut() {
            h.clear();
        }
        ex.sentence(text, &mut [0usize; 4]);
        let ex = &self.terms;
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend(text.char_indices().map(|(b, _)| b));
        bytes.push(text.len());
        ex.hits
            .iter()
            .flatten()
            .map(|(r, t)| (bytes[r.start]..bytes[r.end], &ex.types[*t as usize]))
            .collect()
    }

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

/// What a distinct word, as written, was read as.
#[derive(Debug, Clone, Copy)]
struct WordRead {
    script: Option<Script>,
    /// Its token type (none for words too short to be anchors).
    id: Option<u32>,
    /// Its word of the term table, if any.
    term: Option<u32>,
}

/// The term table as one document reads it.
struct Terms {
    table: &'static Lexicon,
    lang: Lang,
    /// Bits of the parts turned on.
    parts: u8,
    /// The token type of each concept, once one was read.
    types: Vec<u32>,
    folded: String,
    candidates: Vec<String>,
}

/// Builds the token types of one document.
struct Extractor {
    types: Vec<TokenType>,
    index: HashMap<(usize, String), u32>,
    /// What each distinct word, as written, was read as. Words repeat, so
    /// folding, transliterating and looking up each only once is most of
    /// the speed of reading a document.
    words: HashMap<String, WordRead>,
    word: String,
    tokens: Vec<u32>,
    chars: Vec<char>,
    /// The term table, unless turned off.
    terms: Option<Terms>,
    /// When kept: the char range and token type of each term read.
    hits: Option<Vec<(Range<usize>, u32)>>,
    /// Words looked up so far (the linearity test counts them).
    #[cfg(test)]
    reads: usize,
}

/// Most separator chars (spaces, hyphens) between two words of a phrase.
const PHRASE_GAP: usize = 3;
/// Most words of a phrase the look-ahead keeps for its script counts.
const MAX_PHRASE: usize = 8;

impl Extractor {
    /// An extractor for text in language `lang` (BCP 47), with the parts
    /// `parts` of the term table.
    fn new(lang: &str, parts: u8) -> Extractor {
        let terms = (parts != 0).then(|| {
            let table = lexicon::lexicon();
            Terms {
                table,
                lang: Lang::of_tag(lang).unwrap_or(Lang::Any),
                parts,
                types: vec![u32::MAX; table.concepts.len()],
                folded: String::new(),
                candidates: Vec::new(),
            }
        });
        Extractor {
            types: Vec::new(),
            index: HashMap::new(),
            words: HashMap::new(),
            word: String::new(),
            tokens: Vec::new(),
            chars: Vec::new(),
            terms,
            hits: None,
            #[cfg(test)]
            reads: 0,
        }
    }

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

    /// What a word is read as, once per distinct word.
    fn word(&mut self, word: &[char]) -> WordRead {
        #[cfg(test)]
        {
            self.reads += 1;
        }
        self.word.clear();
        self.word.extend(word);
        if let Some(&known) = self.words.get(self.word.as_str()) {
            return known;
        }
        let script = script_of(word);
        let id = word_token(word, script)
            .map(|(key, latin, skeleton)| self.type_id(WORD, key, latin, skeleton));
        let term = match (&mut self.terms, script) {
            (Some(t), Some(_)) => t.table.word(t.lang, word, &mut t.folded, &mut t.candidates),
            _ => None,
        };
        let read = WordRead { script, id, term };
        self.words.insert(self.word.clone(), read);
        read
    }

    /// The token type of concept `c` of the table, when its part is on.
    fn concept_type(&mut self, c: u32) -> Option<u32> {
        let t = self.terms.as_ref()?;
        let concept = &t.table.concepts[c as usize];
        if t.parts & concept.part.bit() == 0 {
            return None;
        }
        let known = t.types[c as usize];
        if known != u32::MAX {
            return Some(known);
        }
        let id = if concept.is_percent() {
            self.type_id(PUNCT, "%".to_string(), false, None)
        } else {
            self.type_id(WORD, concept.key.clone(), false, None)
        };
        if let Some(t) = self.terms.as_mut() {
            t.types[c as usize] = id;
        }
        Some(id)
    }

    /// Pushes the token of a term read at `range`, unless the sentence's
    /// last token is the same concept (`آذار/مارس`, `ديسمبر/كانون الأول`
    /// name one month twice).
    fn push_term(&mut self, id: u32, range: Range<usize>, sentence_start: usize) {
        if self.tokens.len() > sentence_start && self.tokens.last() == Some(&id) {
            return;
        }
        self.tokens.push(id);
        if let Some(hits) = self.hits.as_mut() {
            hits.push((range, id));
        }
    }

    /// The term that starts with the word ending at `end` (table word
    /// `term`): the longest phrase of the table that starts there, or else
    /// the word on its own. Gives its token type and where it ends, and
    /// adds the letters of a phrase's further words to `script_counts`.
    #[allow(clippy::too_many_arguments)] // one call site, in the hot loop
    fn term_at(
        &mut self,
        chars: &[char],
        end: usize,
        term: u32,
        after_number: bool,
        sentence_start: usize,
        script_counts: &mut [usize; 4],
    ) -> Option<(u32, usize)> {
        let table = self.terms.as_ref()?.table;
        let info = &table.info[term as usize];
        if info.head {
            let mut ids = [0u32; MAX_PHRASE];
            let mut letters = [(None, 0usize); MAX_PHRASE];
            ids[0] = term;
            let (mut n, mut q) = (1, end);
            let mut best = None;
            while n < table.max_phrase.min(MAX_PHRASE) {
                let mut r = q;
                while r < chars.len() && r - q < PHRASE_GAP && is_phrase_gap(chars[r]) {
                    r += 1;
                }
                if r == q || r == chars.len() || !is_word_char(chars[r]) {
                    break;
                }
                let e = chars[r..]
                    .iter()
                    .position(|&c| !is_word_char(c))
                    .map_or(chars.len(), |k| r + k);
                let read = self.word(&chars[r..e]);
                let Some(next) = read.term else {
                    break;
                };
                ids[n] = next;
                letters[n] = (read.script, e - r);
                n += 1;
                match table.phrase(&ids[..n]) {
                    Err(()) => break,
                    Ok(Some(c)) => {
                        if let Some(id) = self.concept_type(c) {
                            best = Some((id, e, n));
                        }
                    }
                    Ok(None) => {}
                }
                q = e;
            }
            if let Some((id, e, n)) = best {
                for &(script, len) in &letters[1..n] {
                    if let Some(k) = script.map(|s| s as usize) {
                        script_counts[k] += len;
                    }
                }
                return Some((id, e));
            }
        }
        let (c, needs_number) = info.single?;
        let id = self.concept_type(c)?;
        let in_context = !needs_number
            || after_number
            || number_follows(&chars[end..])
            || (self.tokens.len() > sentence_start && self.tokens.last() == Some(&id));
        in_context.then_some((id, end))
    }

    fn sentence(&mut self, text: &str, script_counts: &mut [usize; 4]) {
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        chars.extend(text.chars());
        let mut p = 0;
        let mut word_start = true;
        let sentence_start = self.tokens.len();
        // The last word or number read was a number: `5 May`, `5 آب`.
        let mut after_number = false;
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
                after_number = true;
            } else if is_word_char(c) {
                let end = chars[p..]
                    .iter()
                    .position(|&c| !is_word_char(c))
                    .map_or(chars.len(), |e| p + e);
                let read = self.word(&chars[p..end]);
                if let Some(k) = read.script.map(|s| s as usize) {
                    script_counts[k] += end - p;
                }
                let term = read.term.and_then(|t| {
                    self.term_at(&chars, end, t, after_number, sentence_start, script_counts)
                });
                // A term stands for its words: their own tokens would
                // count the same evidence twice.
                if let Some((id, term_end)) = term {
                    self.push_term(id, p..term_end, sentence_start);
                    p = term_end;
                } else {
                    if let Some(id) = read.id {
                        self.tokens.push(id);
                    }
                    p = end;
                }
                after_number = false;
            } else {
                let symbol = match &self.terms {
                    Some(t) => t.table.symbol(c),
                    None => None,
                };
                if let Some(id) = symbol.and_then(|s| self.concept_type(s)) {
                    self.push_term(id, p..p + 1, sentence_start);
                } else if let Some(class) = punct_class(c) {
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

/// Chars between two words of a phrase: spaces and hyphens (`États-Unis`).
fn is_phrase_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// True when a number comes next, after at most a few spaces or a `.`
/// or `,` (`May 5`, `Fr. 500`, `آب 2020`).
fn number_follows(rest: &[char]) -> bool {
    rest.iter()
        .take(4)
        .find(|c| !(c.is_whitespace() || matches!(c, '.' | ',')))
        .is_some_and(|&c| digit_value(c).is_some())
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
    /// The keys of the tokens of one sentence in language `lang`, with
    /// terms shown by their concept name.
    fn keys(lang: &str, text: &str) -> Vec<String> {
        let d = DocAnchors::new(&doc(lang, &format!("{text}\n")));
        d.sentence(0)
            .iter()
            .map(|&t| d.types[t as usize].key.replace(CONCEPT_MARK, "="))
            .collect()
    }

    #[test]
    fn a_month_is_one_concept_in_every_language() {
        for (lang, text) in [
            ("ar", "في كانون الأول"),
            ("ar", "وفي ديسمبر"),
            ("en", "in December"),
            ("ru", "в декабре"),
            ("fr", "en décembre"),
            ("de", "im Dezember"),
        ] {
            assert!(
                keys(lang, text).contains(&"=month:12".to_string()),
                "{lang}: {text}: {:?}",
                keys(lang, text)
            );
        }
    }

    #[test]
    fn phrases_stand_for_their_words() {
        // The phrase's words give no tokens of their own.
        assert_eq!(keys("en", "the United Nations said"), ["=org:un", "said"]);
        assert_eq!(keys("ar", "وقالت الأمم المتحدة"), ["وقال", "=org:un"]);
        assert_eq!(keys("ar", "للأمم المتحدة"), ["=org:un"]);
        assert_eq!(keys("ru", "Организации Объединённых Наций"), ["=org:un"]);
        assert_eq!(keys("de", "die Vereinten Nationen"), ["=org:un"]);
        assert_eq!(keys("fr", "les États-Unis"), ["=country:us"]);
        assert_eq!(keys("ru", "в Нью-Йорке"), ["=city:newyork"]);
        // The longest phrase wins; a phrase cut short is read word by word.
        assert_eq!(keys("ar", "الإمارات العربية المتحدة"), ["=country:ae"]);
        assert_eq!(keys("ar", "الإمارات العربية"), ["=country:ae", "عربي"]);
        assert_eq!(keys("en", "United we stand"), ["unit", "stan"]);
    }

    #[test]
    fn spelled_percentages_match_the_sign() {
        assert_eq!(keys("ar", "٥ في المئة"), ["5", "%"]);
        assert_eq!(keys("ru", "5 процентов"), ["5", "%"]);
        assert_eq!(keys("en", "5%"), ["5", "%"]);
        assert_eq!(keys("en", "$5"), ["=usd", "5"]);
    }

    #[test]
    fn a_month_named_twice_counts_once() {
        assert_eq!(keys("ar", "آذار/مارس 2020"), ["=month:3", "2020"]);
        assert_eq!(keys("ar", "ديسمبر/كانون الأول"), ["=month:12"]);
    }

    #[test]
    fn false_friends_need_their_context() {
        // "May" the verb, "مارس" the verb "practised", "آب" after folding
        // the alef is "أب", father.
        assert!(!keys("en", "May I come in?").contains(&"=month:5".to_string()));
        assert!(keys("en", "on 5 May").contains(&"=month:5".to_string()));
        assert!(keys("en", "May 5, 2020").contains(&"=month:5".to_string()));
        assert!(!keys("ar", "مارس الرياضة").contains(&"=month:3".to_string()));
        assert!(keys("ar", "في 3 مارس").contains(&"=month:3".to_string()));
        assert!(!keys("ar", "قال الأب").contains(&"=month:8".to_string()));
        assert!(keys("ar", "في آب 2020").contains(&"=month:8".to_string()));
    }

    #[test]
    fn the_table_can_be_turned_off_part_by_part() {
        let d = doc("en", "In December the UN met in Moscow.\n");
        let concepts = |parts: u8| -> Vec<String> {
            let a = DocAnchors::with_lexicon(&d, parts);
            a.types
                .iter()
                .filter(|t| t.is_concept())
                .map(|t| t.key.replace(CONCEPT_MARK, ""))
                .collect()
        };
        assert_eq!(concepts(0), Vec::<String>::new());
        assert_eq!(
            concepts(lexicon::ALL_PARTS),
            ["month:12", "org:un", "city:moscow"]
        );
        assert_eq!(
            concepts(lexicon::LexiconPart::Places.bit()),
            ["city:moscow"]
        );
        // Off, the words are read as before.
        let off = DocAnchors::with_lexicon(&d, 0);
        assert!(off.types.iter().any(|t| t.key == "dece"));
    }

    #[test]
    fn terms_are_found_with_their_byte_ranges() {
        let mut reader = PieceReader::new("ar");
        let text = "قال مجلس الأمن في ٥ آب إن";
        let terms: Vec<(&str, String)> = reader
            .terms(text)
            .into_iter()
            .map(|(r, t)| (&text[r], t.key.replace(CONCEPT_MARK, "")))
            .collect();
        assert_eq!(
            terms,
            [
                ("مجلس الأمن", "org:unsc".to_string()),
                ("آب", "month:8".to_string())
            ]
        );
    }

    /// Text made of table words, their fragments, separators and noise.
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("United".to_string()),
            Just("Nations".to_string()),
            Just("كانون".to_string()),
            Just("الأول".to_string()),
            Just("للأمم".to_string()),
            Just("المتحدة".to_string()),
            Just("Организации".to_string()),
            Just("Объединённых".to_string()),
            Just("в".to_string()),
            Just("май".to_string()),
            Just("May".to_string()),
            Just("في".to_string()),
            Just("المئة".to_string()),
            Just("آب".to_string()),
            Just("-".to_string()),
            Just(" ".to_string()),
            Just("/".to_string()),
            Just("$".to_string()),
            Just("5".to_string()),
            "\\PC{0,6}",
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn the_matcher_never_panics_and_reads_each_word_a_bounded_number_of_times(
            text in mixed_text(),
            lang in proptest::sample::select(vec!["ar", "en", "ru", "fr", "de", "es"]),
        ) {
            let mut ex = Extractor::new(lang, lexicon::ALL_PARTS);
            ex.hits = Some(Vec::new());
            ex.sentence(&text, &mut [0; 4]);
            let chars: Vec<char> = text.chars().collect();
            let words = chars
                .iter()
                .zip(std::iter::once(&' ').chain(&chars))
                .filter(|&(&c, &before)| is_word_char(c) && !is_word_char(before))
                .count();
            // Each word is read once, and again by at most the few
            // phrase heads before it: linear in the words.
            let bound = words * lexicon::lexicon().max_phrase.max(1);
            proptest::prop_assert!(ex.reads <= bound, "{} reads for {words} words", ex.reads);
            proptest::prop_assert!(ex.tokens.len() <= chars.len());
            let mut last_end = 0;
            for (r, _) in ex.hits.iter().flatten() {
                proptest::prop_assert!(r.start >= last_end && r.start < r.end && r.end <= chars.len());
                last_end = r.end;
            }
            let mut reader = PieceReader::new(lang);
            for (r, _) in reader.terms(&text) {
                proptest::prop_assert!(text.get(r).is_some());
            }
        }
    }

    #[test]
    fn a_long_run_of_phrase_heads_stays_linear() {
        let text = "United ".repeat(20_000);
        let mut ex = Extractor::new("en", lexicon::ALL_PARTS);
        ex.sentence(&text, &mut [0; 4]);
        assert!(ex.reads <= 2 * 20_000, "{} reads", ex.reads);
    }
}
