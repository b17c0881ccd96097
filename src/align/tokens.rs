//! Anchors: the parts of a sentence that survive translation and can be
//! matched across languages without a dictionary.
//!
//! Each sentence is read once ([`DocAnchors::new`]) into tokens of three
//! classes: *literals* (numbers normalised across scripts, URLs, e-mails,
//! hashtags), *words* (cognates, names, Latin-script tokens) and
//! *punctuation* (`? ! « » : …`). For a pair of documents, [`PairAnchors`]
//! maps the tokens of both sides to shared concept ids (exact keys, 4-letter
//! prefixes within one script, or transliterated consonant skeletons compared
//! with `strsim` across scripts) and weights each concept by how rare it is.

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
        let script = [Script::Latin, Script::Cyrillic, Script::Arabic]
            .into_iter()
            .zip(script_counts)
            .filter(|&(_, n)| n > 0)
            .max_by_key(|&(_, n)| n)
            .map_or(Script::Other, |(s, _)| s);
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

/// Builds the token types of one document.
#[derive(Default)]
struct Extractor {
    types: Vec<TokenType>,
    index: HashMap<(usize, String), u32>,
    tokens: Vec<u32>,
    chars: Vec<char>,
}

impl Extractor {
    fn push(&mut self, class: usize, key: String, latin: bool, skeleton: Option<String>) {
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
        self.tokens.push(id);
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
                let word = &chars[p..end];
                let script = script_of(word);
                if let Some(k) = script.map(|s| s as usize) {
                    script_counts[k] += word.len();
                }
                if let Some((key, latin, skeleton)) = word_token(word, script) {
                    self.push(WORD, key, latin, skeleton);
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
    c.is_alphabetic() || is_arabic_mark(c)
}

/// Arabic harakat and the tatweel: parts of a word, ignored when comparing.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
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
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}' => {
            Script::Arabic
        }
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

/// Removes Latin diacritics: `é` → `e`, `ß` → `s`, `ø` → `o`.
fn fold_latin(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' | 'œ' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' | 'ś' | 'š' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'đ' | 'ď' => 'd',
        'ť' => 't',
        'ё' => 'е',
        'æ' => 'a',
        _ => c,
    }
}

/// Unifies Arabic letter variants (alef forms, alef maqsura, ta marbuta)
/// and drops harakat and tatweel.
fn fold_arabic(word: &[char]) -> String {
    word.iter()
        .filter(|&&c| !is_arabic_mark(c))
        .map(|&c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c,
        })
        .collect()
}

/// Strips the definite article and the clitics fused with it
/// (ال, وال, بال, لل, فال, كال), which names lack in other languages.
fn strip_arabic_article(word: &str) -> &str {
    for prefix in ["وال", "بال", "فال", "كال", "ال", "لل"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

/// Transliterates a folded lower-case word (Latin, Cyrillic or Arabic) to a
/// skeleton of coarse consonant classes, so that a name reads the same in
/// every script: Путин, Putin and بوتين all give `BTN`.
pub(crate) fn skeleton(folded: &str) -> String {
    let mut latin = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        latin.push_str(translit(c));
    }
    let bytes = latin.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let two = bytes.get(i..i + 2);
        let (class, step) = match two {
            Some(b"th") => (Some('T'), 2),
            Some(b"sh" | b"ch" | b"zh") => (Some('S'), 2),
            Some(b"ph") => (Some('F'), 2),
            Some(b"kh" | b"gh" | b"ck") => (Some('K'), 2),
            _ => (consonant_class(bytes[i]), 1),
        };
        if let Some(class) = class {
            if !out.ends_with(class) {
                out.push(class);
            }
        }
        i += step;
    }
    out
}

fn consonant_class(b: u8) -> Option<char> {
    Some(match b {
        b'b' | b'p' => 'B',
        b'f' | b'v' => 'F',
        b't' => 'T',
        b'd' => 'D',
        b's' | b'z' | b'x' => 'S',
        b'k' | b'q' | b'c' | b'g' | b'j' => 'K',
        b'l' => 'L',
        b'm' => 'M',
        b'n' => 'N',
        b'r' => 'R',
        b'h' => 'H',
        _ => return None,
    })
}

/// Romanises one lower-case Cyrillic or Arabic letter; other chars pass
/// through as they are (Latin) or vanish.
fn translit(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ю' => "yu",
        'я' => "ya",
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' | 'ظ' => "z",
        'ر' => "r",
        'ز' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'غ' => "gh",
        'ف' | 'ڤ' => "f",
        'ق' | 'ك' | 'گ' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ا' | 'و' | 'ي' | 'ع' | 'ء' | 'ئ' | 'ؤ' => "a",
        'پ' => "p",
        c if c.is_ascii_lowercase() => ASCII[(c as u8 - b'a') as usize],
        _ => "",
    }
}

const ASCII: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

/// The anchors of two documents mapped to shared concept ids, each with a
/// class and a weight, as sorted lists per sentence.
#[derive(Debug, Clone)]
pub(crate) struct PairAnchors {
    /// Class of each concept.
    pub class: Vec<u8>,
    /// Weight of each concept: 1 for one seen once, less for common ones.
    pub weight: Vec<f32>,
    /// Sorted concept ids of each sentence, per side.
    pub concepts: [Vec<Vec<u32>>; 2],
    /// Total weight of each sentence's anchors per class, per side.
    pub totals: [Vec<[f32; CLASSES]>; 2],
    /// A 64-bit Bloom signature of each sentence's concepts, per side, to
    /// skip most intersections that would be empty.
    signature: [Vec<u64>; 2],
    /// Concepts sentence `i` shares with one of the next three sentences,
    /// per side: the only ones a bead of several sentences could count
    /// twice.
    repeated: [Vec<Vec<u32>>; 2],
}

/// Most distinct repeated concepts a bead corrects for without merging.
const MAX_REPEATED: usize = 32;

impl PairAnchors {
    /// Maps the tokens of `a` and `b` to shared concepts.
    pub fn new(a: &DocAnchors, b: &DocAnchors) -> PairAnchors {
        let same_script = a.script == b.script;
        let docs = [a, b];
        let mut keys: HashMap<(usize, &str), u32> = HashMap::new();
        let mut class: Vec<u8> = Vec::new();
        // type id -> concept ids, per side
        let mut of_type: [Vec<Vec<u32>>; 2] = [
            vec![Vec::new(); a.types.len()],
            vec![Vec::new(); b.types.len()],
        ];
        for (side, doc) in docs.iter().enumerate() {
            for (t, ty) in doc.types.iter().enumerate() {
                let exact = ty.class != WORD || (!ty.key.is_empty() && (same_script || ty.latin));
                if exact {
                    let next = class.len() as u32;
                    let id = *keys.entry((ty.class, ty.key.as_str())).or_insert(next);
                    if id == next {
                        class.push(ty.class as u8);
                    }
                    of_type[side][t].push(id);
                }
            }
        }
        if !same_script {
            link_skeletons(docs, &mut of_type, &mut class);
        }
        // Document frequencies, counted per side.
        let mut df = vec![[0u32; 2]; class.len()];
        let mut concepts: [Vec<Vec<u32>>; 2] = [Vec::new(), Vec::new()];
        for (side, doc) in docs.iter().enumerate() {
            let mut buf = Vec::new();
            for i in 0..doc.len() {
                buf.clear();
                for &t in doc.sentence(i) {
                    buf.extend_from_slice(&of_type[side][t as usize]);
                }
                buf.sort_unstable();
                let mut last = u32::MAX;
                for &c in &buf {
                    if c != last {
                        df[c as usize][side] += 1;
                        last = c;
                    }
                }
                concepts[side].push(buf.clone());
            }
        }
        // A word seen on one side only can never match: drop it. Literals
        // and punctuation stay, since a number without a counterpart is
        // evidence against a pairing.
        let n = (a.len() + b.len()).max(1) as f64;
        let weight: Vec<f32> = df
            .iter()
            .zip(&class)
            .map(|(d, &c)| {
                let total = (d[0] + d[1]).max(1) as f64;
                if c as usize == WORD && (d[0] == 0 || d[1] == 0) {
                    0.0
                } else {
                    ((1.0 + n / total).ln() / (1.0 + n).ln()).clamp(0.05, 1.0) as f32
                }
            })
            .collect();
        let mut totals: [Vec<[f32; CLASSES]>; 2] = [Vec::new(), Vec::new()];
        for side in 0..2 {
            for list in &mut concepts[side] {
                list.retain(|&c| weight[c as usize] > 0.0);
                let mut t = [0f32; CLASSES];
                for &c in list.iter() {
                    t[class[c as usize] as usize] += weight[c as usize];
                }
                totals[side].push(t);
            }
        }
        let signature = concepts.each_ref().map(|side| {
            side.iter()
                .map(|list| list.iter().fold(0u64, |s, &c| s | 1 << (c % 64)))
                .collect()
        });
        let repeated = concepts.each_ref().map(|side| {
            (0..side.len())
                .map(|i| {
                    let mut shared: Vec<u32> = Vec::new();
                    for next in side.iter().skip(i + 1).take(3) {
                        shared.extend(side[i].iter().filter(|c| next.binary_search(c).is_ok()));
                    }
                    shared.sort_unstable();
                    shared.dedup();
                    shared
                })
                .collect()
        });
        PairAnchors {
            class,
            weight,
            concepts,
            totals,
            signature,
            repeated,
        }
    }

    /// Points `(i, j)` where sentence `i` of side 0 and sentence `j` of side
    /// 1 very likely translate each other, in order: a literal or word seen
    /// in as many sentences on both sides (and not in too many) pairs its
    /// occurrences in order, and the longest chain of such pairs that never
    /// goes back is kept, less the points with no other point near them.
    /// The search band is centred on them.
    pub fn guide_points(&self) -> Vec<(usize, usize)> {
        let sizes = [self.concepts[0].len(), self.concepts[1].len()];
        let most = ((sizes[0] + sizes[1]) / 100).max(4);
        let occurrences = [0, 1].map(|side| {
            let mut occ: Vec<(u32, u32)> = Vec::new();
            for (i, list) in self.concepts[side].iter().enumerate() {
                let mut last = u32::MAX;
                for &c in list {
                    if c != last && self.class[c as usize] as usize != PUNCT {
                        occ.push((c, i as u32));
                    }
                    last = c;
                }
            }
            occ.sort_unstable();
            occ
        });
        let [a, b] = &occurrences;
        let mut points: Vec<(usize, usize)> = Vec::new();
        let (mut p, mut q) = (0, 0);
        while p < a.len() && q < b.len() {
            let (ca, cb) = (a[p].0, b[q].0);
            if ca < cb {
                p += 1;
                continue;
            }
            if cb < ca {
                q += 1;
                continue;
            }
            let ea = p + a[p..].partition_point(|x| x.0 == ca);
            let eb = q + b[q..].partition_point(|x| x.0 == cb);
            if ea - p == eb - q && ea - p <= most {
                points.extend(
                    a[p..ea]
                        .iter()
                        .zip(&b[q..eb])
                        .map(|(x, y)| (x.1 as usize, y.1 as usize)),
                );
            }
            (p, q) = (ea, eb);
        }
        let chain = longest_chain(points);
        // A true pair has true pairs near it; a chance one stands alone.
        // (With one or two points, nothing contradicts them.)
        const NEAR: usize = 10;
        if chain.len() <= 2 {
            return chain;
        }
        let near = |a: (usize, usize), b: (usize, usize)| {
            a != b && a.0.abs_diff(b.0) <= NEAR && a.1.abs_diff(b.1) <= NEAR
        };
        (0..chain.len())
            .filter(|&k| {
                let lo = k.saturating_sub(NEAR);
                chain[lo..(k + NEAR + 1).min(chain.len())]
                    .iter()
                    .any(|&q| near(chain[k], q))
            })
            .map(|k| chain[k])
            .collect()
    }

    /// Weight of the anchors shared by sentences `r0` of side 0 and `r1` of
    /// side 1 taken together, given `pair_sum`, the sum of [`matched`] over
    /// the bead's sentence pairs: the sum counts an anchor repeated within a
    /// side more than once, so those few anchors are recounted exactly.
    ///
    /// [`matched`]: PairAnchors::matched
    pub fn matched_bead(
        &self,
        r0: Range<usize>,
        r1: Range<usize>,
        mut pair_sum: [f32; CLASSES],
    ) -> [f32; CLASSES] {
        if r0.len() <= 1 && r1.len() <= 1 {
            return pair_sum;
        }
        let mut candidates = [0u32; MAX_REPEATED];
        let mut n = 0;
        // Only a concept on both sides can be counted twice.
        let signature = |side: usize, r: &Range<usize>| {
            r.clone().fold(0u64, |s, i| s | self.signature[side][i])
        };
        let both = signature(0, &r0) & signature(1, &r1);
        // The last sentence of a range can only repeat what an earlier one has.
        for (side, r) in [(0, &r0), (1, &r1)] {
            for i in r.start..r.end.saturating_sub(1) {
                for &c in &self.repeated[side][i] {
                    if both & (1 << (c % 64)) != 0 && !candidates[..n].contains(&c) {
                        if n == MAX_REPEATED {
                            return self.matched_ranges(
                                r0.clone(),
                                r1.clone(),
                                &mut Default::default(),
                            );
                        }
                        candidates[n] = c;
                        n += 1;
                    }
                }
            }
        }
        let count = |list: &[u32], c: u32| -> u32 {
            (list.partition_point(|&x| x <= c) - list.partition_point(|&x| x < c)) as u32
        };
        for &c in &candidates[..n] {
            let (mut sum0, mut sum1, mut pairs) = (0, 0, 0);
            for i in r0.clone() {
                let a = count(&self.concepts[0][i], c);
                sum0 += a;
                for j in r1.clone() {
                    pairs += a.min(count(&self.concepts[1][j], c));
                }
            }
            for j in r1.clone() {
                sum1 += count(&self.concepts[1][j], c);
            }
            let extra = pairs.saturating_sub(sum0.min(sum1));
            pair_sum[self.class[c as usize] as usize] -= extra as f32 * self.weight[c as usize];
        }
        pair_sum.map(|x| x.max(0.0))
    }

    /// Weight of the anchors that sentence `i` of side 0 and sentence `j` of
    /// side 1 share, per class (multiset intersection).
    pub fn matched(&self, i: usize, j: usize) -> [f32; CLASSES] {
        if self.signature[0][i] & self.signature[1][j] == 0 {
            return [0.0; CLASSES];
        }
        self.intersect(&self.concepts[0][i], &self.concepts[1][j])
    }

    /// Weight of the anchors shared by sentences `r0` of side 0 and `r1` of
    /// side 1 taken together, per class; `scratch` is reused between calls.
    pub fn matched_ranges(
        &self,
        r0: Range<usize>,
        r1: Range<usize>,
        scratch: &mut [Vec<u32>; 3],
    ) -> [f32; CLASSES] {
        if r0.len() == 1 && r1.len() == 1 {
            return self.matched(r0.start, r1.start);
        }
        let [x, y, tmp] = scratch;
        merge_lists(&self.concepts[0][r0], x, tmp);
        merge_lists(&self.concepts[1][r1], y, tmp);
        self.intersect(x, y)
    }

    fn intersect(&self, x: &[u32], y: &[u32]) -> [f32; CLASSES] {
        let mut out = [0f32; CLASSES];
        let (mut p, mut q) = (0, 0);
        while p < x.len() && q < y.len() {
            match x[p].cmp(&y[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    let c = x[p] as usize;
                    out[self.class[c] as usize] += self.weight[c];
                    p += 1;
                    q += 1;
                }
            }
        }
        out
    }
}

/// The longest subsequence of `points` in which neither coordinate ever
/// decreases, in order.
fn longest_chain(mut points: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    points.sort_unstable();
    points.dedup();
    // tails[k]: the point ending the best chain of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; points.len()];
    for (k, &(_, j)) in points.iter().enumerate() {
        let at = tails.partition_point(|&t| points[t].1 <= j);
        if at > 0 {
            prev[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(points[k]);
        k = prev[k];
    }
    chain.reverse();
    chain
}

/// Merges sorted lists into one sorted list in `out`.
fn merge_lists(lists: &[Vec<u32>], out: &mut Vec<u32>, tmp: &mut Vec<u32>) {
    out.clear();
    for list in lists {
        tmp.clear();
        let (mut p, mut q) = (0, 0);
        while p < out.len() && q < list.len() {
            if out[p] <= list[q] {
                tmp.push(out[p]);
                p += 1;
            } else {
                tmp.push(list[q]);
                q += 1;
            }
        }
        tmp.extend_from_slice(&out[p..]);
        tmp.extend_from_slice(&list[q..]);
        std::mem::swap(out, tmp);
    }
}

/// Links name-like words of two documents in different scripts whose
/// consonant skeletons are alike (Jaro-Winkler), giving each linked group
/// one new concept.
fn link_skeletons(docs: [&DocAnchors; 2], of_type: &mut [Vec<Vec<u32>>; 2], class: &mut Vec<u8>) {
    // Distinct skeletons per side, bucketed by their first two classes.
    let mut skels: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
    let mut skel_index: [HashMap<&str, usize>; 2] = [HashMap::new(), HashMap::new()];
    for side in 0..2 {
        for ty in &docs[side].types {
            if let Some(s) = ty.skeleton.as_deref() {
                let next = skels[side].len();
                if *skel_index[side].entry(s).or_insert(next) == next {
                    skels[side].push(s);
                }
            }
        }
    }
    let prefix = |s: &str| -> String { s.chars().take(2).collect() };
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, s) in skels[1].iter().enumerate() {
        buckets.entry(prefix(s)).or_default().push(k);
    }
    // Union-find over skeletons of both sides: side 0 first, then side 1.
    let n0 = skels[0].len();
    let mut parent: Vec<usize> = (0..n0 + skels[1].len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut linked = vec![false; parent.len()];
    for (k, s) in skels[0].iter().enumerate() {
        let Some(bucket) = buckets.get(&prefix(s)) else {
            continue;
        };
        for &l in bucket {
            let t = skels[1][l];
            if t.len().abs_diff(s.len()) <= 1 && strsim::jaro_winkler(s, t) >= 0.9 {
                let (x, y) = (find(&mut parent, k), find(&mut parent, n0 + l));
                parent[x] = y;
                linked[k] = true;
                linked[n0 + l] = true;
            }
        }
    }
    let mut concept_of_root: HashMap<usize, u32> = HashMap::new();
    for side in 0..2 {
        for (t, ty) in docs[side].types.iter().enumerate() {
            let Some(s) = ty.skeleton.as_deref() else {
                continue;
            };
            let node = skel_index[side][s] + if side == 1 { n0 } else { 0 };
            if !linked[node] {
                continue;
            }
            let root = find(&mut parent, node);
            let next = class.len() as u32;
            let id = *concept_of_root.entry(root).or_insert(next);
            if id == next {
                class.push(WORD as u8);
            }
            if !of_type[side][t].contains(&id) {
                of_type[side][t].push(id);
            }
        }
    }
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
    fn skeletons_match_across_scripts() {
        let s = |w: &str| skeleton(&w.to_lowercase());
        assert_eq!(s("Putin"), "BTN");
        assert_eq!(s("Путин"), "BTN");
        assert_eq!(s("بوتين"), "BTN");
        assert_eq!(s("Trump"), s("Трамп"));
        assert_eq!(s("Trump"), s("ترامب"));
        assert_eq!(s("Mohammed"), s("محمد"));
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

    #[test]
    fn names_match_across_scripts_in_a_pair() {
        let en = DocAnchors::new(&doc("en", "Putin met Trump in 2018.\nIt rained.\n"));
        let ru = DocAnchors::new(&doc(
            "ru",
            "Путин встретился с Трампом в 2018 году.\nШёл дождь.\n",
        ));
        let pair = PairAnchors::new(&en, &ru);
        let m = pair.matched(0, 0);
        assert!(m[LITERAL] > 0.0, "{m:?}");
        assert!(m[WORD] > 1.0, "both names should match: {m:?}");
        assert_eq!(pair.matched(1, 0), [0.0; CLASSES]);
    }

    #[test]
    fn ranges_count_a_shared_anchor_once() {
        let a = DocAnchors::new(&doc("en", "In 1956 it rained.\nIn 1956 it snowed.\n"));
        let b = DocAnchors::new(&doc("fr", "En 1956 il a plu et neigé.\n"));
        let pair = PairAnchors::new(&a, &b);
        let mut scratch = Default::default();
        let one = pair.matched(0, 0)[LITERAL];
        assert!(one > 0.0);
        assert_eq!(pair.matched_ranges(0..2, 0..1, &mut scratch)[LITERAL], one);
        let sum =
            [0, 1]
                .map(|i| pair.matched(i, 0))
                .into_iter()
                .fold([0.0; CLASSES], |mut s, m| {
                    (0..CLASSES).for_each(|c| s[c] += m[c]);
                    s
                });
        assert_eq!(sum[LITERAL], 2.0 * one, "the plain sum counts it twice");
        assert_eq!(
            pair.matched_bead(0..2, 0..1, sum),
            pair.matched_ranges(0..2, 0..1, &mut scratch)
        );
    }

    #[test]
    fn longest_chain_drops_points_out_of_order() {
        let chain = longest_chain(vec![(0, 0), (5, 50), (1, 1), (2, 2), (3, 0), (4, 4)]);
        assert_eq!(chain, [(0, 0), (1, 1), (2, 2), (4, 4), (5, 50)]);
        assert!(longest_chain(Vec::new()).is_empty());
    }

    #[test]
    fn cognates_match_by_prefix_within_one_script() {
        let de = DocAnchors::new(&doc("de", "Die Expedition erreichte den Gipfel.\n"));
        let fr = DocAnchors::new(&doc("fr", "L'expédition atteignit le sommet.\n"));
        let pair = PairAnchors::new(&de, &fr);
        assert!(pair.matched(0, 0)[WORD] > 0.0);
    }
}
