//! The anchor-bearing words of a text, read one whitespace-separated
//! chunk at a time with the aligner's own extraction, so that each anchor
//! keeps the text it was read from: the review's evidence shows them, and
//! clause splitting places them.

use super::evidence::AnchorKind;
use super::lexicon::CONCEPT_MARK;
use super::tokens::{dominant_script, PieceReader, Script, LITERAL, PUNCT, WORD};
use std::ops::Range;

/// One anchor-bearing word of a bead side, with the keys the aligner uses.
#[derive(Clone)]
pub(super) struct Word {
    pub kind: AnchorKind,
    /// The word as written, without the punctuation around it.
    pub surface: String,
    class: usize,
    key: String,
    latin: bool,
    skeleton: Option<String>,
}

impl Word {
    /// True for a word (a name or term), false for a number or link.
    pub fn is_word(&self) -> bool {
        self.class == WORD
    }
}

/// Appends the anchor-bearing words of one whitespace-free `chunk`, read
/// with the aligner's extraction, and gives the chunk's dominant script.
pub(super) fn chunk_words(reader: &mut PieceReader, chunk: &str, out: &mut Vec<Word>) -> Script {
    let (script, tokens) = reader.read(chunk);
    for ty in tokens {
        if ty.class == PUNCT {
            continue;
        }
        let kind = match ty.class {
            LITERAL if ty.key.chars().all(|c| c.is_ascii_digit()) => AnchorKind::Number,
            LITERAL => AnchorKind::Link,
            _ => AnchorKind::Name,
        };
        out.push(Word {
            kind,
            surface: display_form(chunk, kind),
            class: ty.class,
            key: ty.key.clone(),
            latin: ty.latin,
            skeleton: ty.skeleton.clone(),
        });
    }
    script
}

/// The chunk without the punctuation around it; for a number, just the
/// number with its separators.
fn display_form(chunk: &str, kind: AnchorKind) -> String {
    let trim = |c: char| !(c.is_alphanumeric() || c == '#' || c == '@' || c == '/' || c == '%');
    let word = chunk.trim_matches(trim);
    if kind == AnchorKind::Number {
        let chars: Vec<char> = word.chars().collect();
        if let Some(p) = chars
            .iter()
            .position(|&c| super::tokens::digit_value(c).is_some())
        {
            let (len, _) = super::tokens::number(&chars[p..]);
            return chars[p..p + len].iter().collect();
        }
    }
    if word.is_empty() {
        chunk.to_string()
    } else {
        word.to_string()
    }
}

/// The aligner's rule for two tokens meaning the same concept.
pub(super) fn matches(a: &Word, b: &Word, same_script: bool) -> bool {
    if a.class != b.class {
        return false;
    }
    if a.class != WORD {
        return a.key == b.key;
    }
    let exact =
        |w: &Word| !w.key.is_empty() && (same_script || w.latin || w.key.starts_with(CONCEPT_MARK));
    if exact(a) && exact(b) && a.key == b.key {
        return true;
    }
    match (&a.skeleton, &b.skeleton) {
        (Some(s), Some(t)) if !same_script => {
            s.len().abs_diff(t.len()) <= 1
                && s.chars().take(2).eq(t.chars().take(2))
                && strsim::jaro_winkler(s, t) >= 0.9
        }
        _ => false,
    }
}

/// The terms of the table in `text` (which may span several chunks:
/// `United Nations`), with their byte ranges, in order.
pub(super) fn term_words(reader: &mut PieceReader, text: &str) -> Vec<(Range<usize>, Word)> {
    reader
        .terms(text)
        .into_iter()
        .filter(|(_, ty)| ty.class == WORD)
        .map(|(r, ty)| {
            let word = Word {
                kind: AnchorKind::Term,
                surface: text[r.clone()].to_string(),
                class: ty.class,
                key: ty.key.clone(),
                latin: ty.latin,
                skeleton: None,
            };
            (r, word)
        })
        .collect()
}

/// The anchor-bearing words of `text`, each with the byte offset where the
/// chunk (or term) it was read from starts, in text order, and the script
/// most of its letters are in. A chunk under a term keeps its numbers and
/// links only, as in the aligner.
pub(super) fn text_words(reader: &mut PieceReader, text: &str) -> (Vec<(usize, Word)>, Script) {
    let terms = term_words(reader, text);
    let mut out: Vec<(usize, Word)> = Vec::new();
    let mut letters = [0usize; 4];
    let mut chunk_out = Vec::new();
    for chunk in chunks(text, &terms) {
        out.extend(chunk.terms.iter().map(|(r, word)| (r.start, word.clone())));
        chunk_out.clear();
        let script = chunk_words(reader, chunk.text, &mut chunk_out);
        out.extend(
            chunk_out
                .drain(..)
                .filter(|w| !chunk.covered || !w.is_word())
                .map(|w| (chunk.at, w)),
        );
        letters[script as usize] += chunk.text.chars().filter(|c| c.is_alphabetic()).count();
    }
    (out, dominant_script(letters))
}

/// One whitespace-separated chunk of a text, as [`chunks`] gives it.
pub(super) struct Chunk<'t, 'w> {
    /// Its byte offset in the text.
    pub at: usize,
    pub text: &'t str,
    /// The terms that start before its end and not before an earlier
    /// chunk's end: a term stands before the chunks it covers.
    pub terms: &'w [(Range<usize>, Word)],
    /// True when a term covers part of it.
    pub covered: bool,
}

/// The whitespace-separated chunks of `text`, in order, with `terms`
/// (its terms of the table, as [`term_words`] gives them), in time linear
/// in chunks and terms.
pub(super) fn chunks<'t, 'w>(
    text: &'t str,
    terms: &'w [(Range<usize>, Word)],
) -> impl Iterator<Item = Chunk<'t, 'w>> {
    let mut next_term = 0;
    let mut cover = TermCover::new(terms);
    text.split(char::is_whitespace)
        .filter(|c| !c.is_empty())
        .map(move |chunk| {
            let at = chunk.as_ptr() as usize - text.as_ptr() as usize;
            let span = at..at + chunk.len();
            let first = next_term;
            while terms
                .get(next_term)
                .is_some_and(|(r, _)| r.start < span.end)
            {
                next_term += 1;
            }
            Chunk {
                at,
                text: chunk,
                terms: &terms[first..next_term],
                covered: cover.covers(&span),
            }
        })
}

/// Tells whether a term covers part of each chunk of a text, the chunks
/// asked for in text order, in time linear in chunks and terms.
struct TermCover<'t> {
    terms: &'t [(Range<usize>, Word)],
    /// Terms before this one end before the last chunk asked for.
    first: usize,
}

impl<'t> TermCover<'t> {
    /// For `terms`, in text order (as [`term_words`] gives them).
    pub fn new(terms: &'t [(Range<usize>, Word)]) -> TermCover<'t> {
        TermCover { terms, first: 0 }
    }

    /// True when a term overlaps `span`, a chunk after the last one asked for.
    pub fn covers(&mut self, span: &Range<usize>) -> bool {
        while self
            .terms
            .get(self.first)
            .is_some_and(|(r, _)| r.end <= span.start)
        {
            self.first += 1;
        }
        self.terms[self.first..]
            .iter()
            .take_while(|(r, _)| r.start < span.end)
            .any(|(r, _)| r.end > span.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_covers_the_chunks_it_overlaps_and_no_others() {
        let text = "the United Nations met in Paris today";
        let mut reader = PieceReader::new("en");
        let terms = term_words(&mut reader, text);
        let spans: Vec<(&str, Range<usize>)> = text
            .split(' ')
            .map(|c| {
                let at = c.as_ptr() as usize - text.as_ptr() as usize;
                (c, at..at + c.len())
            })
            .collect();
        let mut cover = TermCover::new(&terms);
        let covered: Vec<&str> = spans
            .iter()
            .filter(|(_, span)| cover.covers(span))
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(covered, ["United", "Nations", "Paris"]);
    }
}
