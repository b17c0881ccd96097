//! The match percentage of a memory segment against a new segment, in the
//! CAT convention.
//!
//! Both texts are split into three kinds of tokens: words (runs of letters
//! and marks), numbers (read by the aligner's number anchors, so `٢٨٫٢`,
//! `28.2` and `28,2` are one number) and punctuation (every other non-space
//! character; `٪ ؟ ، ؛` read as `% ? , ;`). With `lev` the token edit distance of `strsim`
//! (`generic_levenshtein`):
//!
//! ```text
//! D = lev(words, lower-cased)
//!   + 0.2 × (lev(words as written) − lev(words, lower-cased))   case only
//!   + 0.2 × lev(punctuation)
//!   + 0.2 × lev(numbers)
//! N = max(#words) + 0.2 × max(#punctuation) + 0.2 × max(#numbers)
//! score = floor(100 × (1 − D / N))
//! ```
//!
//! so a word changed costs 1 and a change of case, punctuation or a number
//! costs 0.2. Only identical texts (once surrounding whitespace is trimmed)
//! score 100; anything else is at most 99. A lookup gives 101 (a context
//! match) when the segment before also matches exactly.

/// Cost of a change in case, punctuation or a number, against 1 for a word.
pub const MINOR_COST: f64 = 0.2;

/// The tokens of a segment, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// Words as written.
    pub words: Vec<String>,
    /// Words lower-cased.
    pub lower: Vec<String>,
    /// Normalised number keys, in order.
    pub numbers: Vec<String>,
    /// Punctuation characters, in order.
    pub punct: Vec<char>,
}

impl Tokens {
    /// Splits `text` into words, numbers and punctuation.
    pub fn new(text: &str) -> Tokens {
        let mut t = Tokens::default();
        scan(text, &mut Vec::new(), |token| match token {
            Token::Word(w) => {
                t.lower.push(w.to_lowercase());
                t.words.push(w.to_string());
            }
            Token::Number(key) => t.numbers.push(key),
            Token::Punct(c) => t.punct.push(c),
        });
        t
    }

    /// `N` of the formula against another segment's tokens.
    pub fn norm(&self, other: &Tokens) -> f64 {
        self.words.len().max(other.words.len()) as f64
            + MINOR_COST * self.punct.len().max(other.punct.len()) as f64
            + MINOR_COST * self.numbers.len().max(other.numbers.len()) as f64
    }

    /// The weight of this segment alone: words + 0.2 × (punctuation + numbers).
    pub fn weight(&self) -> f64 {
        self.words.len() as f64 + MINOR_COST * (self.punct.len() + self.numbers.len()) as f64
    }
}

/// Arabic punctuation is the same mark as its Latin counterpart.
fn fold_punct(c: char) -> char {
    match c {
        '٪' => '%',
        '؟' => '?',
        '،' => ',',
        '؛' => ';',
        c => c,
    }
}

fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        // No other ASCII character is a letter or one of the marks below.
        '\0'..='\x7F' => false,
        _ => {
            c.is_alphabetic()
                || matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0300}'..='\u{036F}')
        }
    }
}

/// One token of a segment, as [`scan`] gives it.
pub(crate) enum Token<'a> {
    /// A word as written.
    Word(&'a str),
    /// A number's normalised key.
    Number(String),
    /// A punctuation character, folded.
    Punct(char),
}

/// Gives the tokens of `text` in order to `f`, with `chars` as scratch:
/// the one tokeniser behind [`Tokens::new`] and the index, so that both
/// read a segment alike.
pub(crate) fn scan<'a>(text: &'a str, chars: &mut Vec<char>, mut f: impl FnMut(Token<'a>)) {
    chars.clear();
    chars.extend(text.chars());
    let (mut p, mut byte) = (0, 0);
    while p < chars.len() {
        let c = chars[p];
        if crate::align::digit_value(c).is_some() {
            let (len, key) = crate::align::number(&chars[p..]);
            let end = (p + len.max(1)).min(chars.len());
            byte += chars[p..end].iter().map(|c| c.len_utf8()).sum::<usize>();
            f(Token::Number(key));
            p = end;
        } else if is_word_char(c) {
            let start = byte;
            while p < chars.len() && is_word_char(chars[p]) {
                byte += chars[p].len_utf8();
                p += 1;
            }
            f(Token::Word(&text[start..byte]));
        } else {
            if !c.is_whitespace() {
                f(Token::Punct(fold_punct(c)));
            }
            byte += c.len_utf8();
            p += 1;
        }
    }
}

/// The percentage of the formula from the four token edit distances and the
/// larger count of each kind; the one place the formula's arithmetic is
/// written, for [`score_tokens`] and the index alike.
pub(crate) fn percentage(
    (lower, cased, punct, numbers): (usize, usize, usize, usize),
    (words_max, punct_max, numbers_max): (usize, usize, usize),
) -> u32 {
    let n = words_max as f64 + MINOR_COST * punct_max as f64 + MINOR_COST * numbers_max as f64;
    if n == 0.0 {
        return 0;
    }
    let (lower, cased) = (lower as f64, cased as f64);
    let d = lower + MINOR_COST * ((cased - lower).max(0.0) + punct as f64 + numbers as f64);
    let s = (100.0 * (1.0 - d / n)).floor();
    (s.clamp(0.0, 99.0)) as u32
}

/// The weighted distance `D` of the formula.
pub fn distance(a: &Tokens, b: &Tokens) -> f64 {
    let lower = strsim::generic_levenshtein(&a.lower, &b.lower) as f64;
    let cased = strsim::generic_levenshtein(&a.words, &b.words) as f64;
    let punct = strsim::generic_levenshtein(&a.punct, &b.punct) as f64;
    let numbers = strsim::generic_levenshtein(&a.numbers, &b.numbers) as f64;
    lower + MINOR_COST * ((cased - lower).max(0.0) + punct + numbers)
}

/// The match percentage (0–100) of `memory` for `query`, with their tokens.
pub fn score_tokens(query: &str, q: &Tokens, memory: &str, m: &Tokens) -> u32 {
    if query.trim() == memory.trim() {
        return 100;
    }
    percentage(
        (
            strsim::generic_levenshtein(&q.lower, &m.lower),
            strsim::generic_levenshtein(&q.words, &m.words),
            strsim::generic_levenshtein(&q.punct, &m.punct),
            strsim::generic_levenshtein(&q.numbers, &m.numbers),
        ),
        (
            q.words.len().max(m.words.len()),
            q.punct.len().max(m.punct.len()),
            q.numbers.len().max(m.numbers.len()),
        ),
    )
}

/// The match percentage (0–100) of `memory` for `query`.
///
/// ```
/// use tmalign::tm::score;
/// assert_eq!(score("The river rose.", "The river rose."), 100);
/// // N = 3 words + 0.2 × 1 punctuation = 3.2
/// assert_eq!(score("The river rose.", "the river rose."), 93); // 1 − 0.2/3.2
/// assert_eq!(score("The river rose.", "The river rose!"), 93);
/// assert_eq!(score("The river rose.", "The lake rose."), 68); // 1 − 1/3.2
/// assert_eq!(score("Prices rose 5% in 2023.", "Prices rose 7% in 2023."), 94);
/// ```
pub fn score(query: &str, memory: &str) -> u32 {
    score_tokens(query, &Tokens::new(query), memory, &Tokens::new(memory))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_punctuation_cost_less_than_words() {
        let q = "The central bank raised its key rate.";
        let case = score(q, "the Central bank raised its key rate.");
        let punct = score(q, "The central bank raised its key rate!");
        let word = score(q, "The central bank lowered its key rate.");
        assert!(case > word && punct > word, "{case} {punct} {word}");
        assert!(case < 100 && punct < 100);
    }

    #[test]
    fn numbers_read_alike_across_scripts() {
        let a = Tokens::new("بلغ ٢٨٫٢");
        let b = Tokens::new("بلغ 28.2");
        assert_eq!(distance(&a, &b), 0.0);
        // Equal tokens but different text: not an exact match.
        assert_eq!(score("بلغ ٢٨٫٢", "بلغ 28.2"), 99);
    }
}
