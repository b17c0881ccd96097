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
        let chars: Vec<char> = text.chars().collect();
        let mut t = Tokens::default();
        let mut p = 0;
        while p < chars.len() {
            let c = chars[p];
            if crate::align::digit_value(c).is_some() {
                let (len, key) = crate::align::number(&chars[p..]);
                t.numbers.push(key);
                p += len.max(1);
            } else if is_word_char(c) {
                let end = chars[p..]
                    .iter()
                    .position(|&c| !is_word_char(c))
                    .map_or(chars.len(), |e| p + e);
                let word: String = chars[p..end].iter().collect();
                t.lower.push(word.to_lowercase());
                t.words.push(word);
                p = end;
            } else {
                if !c.is_whitespace() {
                    t.punct.push(fold_punct(c));
                }
                p += 1;
            }
        }
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
    c.is_alphabetic()
        || matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0300}'..='\u{036F}')
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
    let n = q.norm(m);
    if n == 0.0 {
        return 0;
    }
    let s = (100.0 * (1.0 - distance(q, m) / n)).floor();
    (s.clamp(0.0, 99.0)) as u32
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
