//! A decoded text and its sentences, as byte spans into the text.

use crate::segment::Segmenter;
pub use crate::segment::Sentence;
use serde::{Deserialize, Serialize};

/// A text in one language, split into sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// BCP 47 language code, e.g. `ar`, `en`, `ru`.
    pub lang: String,
    /// The full decoded text.
    pub text: String,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Segments `text` with the rules for `lang`.
    ///
    /// ```
    /// let doc = tmalign::Document::segment("en", "Hello there. How are you?".to_string());
    /// assert_eq!(doc.sentence_text(1), "How are you?");
    /// ```
    pub fn segment(lang: &str, text: String) -> Document {
        let sentences = Segmenter::new(lang).sentences(&text).collect();
        Document {
            lang: lang.to_string(),
            text,
            sentences,
        }
    }

    /// Takes `text` as already segmented: each non-blank line is one
    /// sentence, and blank lines separate paragraphs.
    ///
    /// ```
    /// let doc = tmalign::Document::presegmented("en", "One.\nTwo.\n\nThree.\n".to_string());
    /// assert_eq!(doc.sentences.len(), 3);
    /// assert_eq!(doc.sentences[2].paragraph, 1);
    /// ```
    pub fn presegmented(lang: &str, text: String) -> Document {
        let mut sentences = Vec::new();
        let mut paragraph = 0;
        let mut blank_run = false;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let trimmed_start = body.len() - body.trim_start().len();
            let content = body.trim();
            if content.is_empty() {
                blank_run = !sentences.is_empty();
            } else {
                if blank_run {
                    paragraph += 1;
                    blank_run = false;
                }
                let start = offset + trimmed_start;
                sentences.push(Sentence {
                    start,
                    end: start + content.len(),
                    paragraph,
                });
            }
            offset += line.len();
        }
        Document {
            lang: lang.to_string(),
            text,
            sentences,
        }
    }

    /// The text of sentence `i`.
    ///
    /// # Panics
    /// When `i` is out of range, like slice indexing.
    pub fn sentence_text(&self, i: usize) -> &str {
        &self.text[self.sentences[i].range()]
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when the document has no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presegmented_handles_crlf_and_padding() {
        let doc = Document::presegmented("en", "  a \r\n\r\n\r\nb\r\nc".to_string());
        let texts: Vec<_> = (0..doc.len()).map(|i| doc.sentence_text(i)).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        let paras: Vec<_> = doc.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, [0, 1, 1]);
    }

    #[test]
    fn presegmented_leading_blank_lines_do_not_start_a_paragraph() {
        let doc = Document::presegmented("en", "\n\nx\n".to_string());
        assert_eq!(doc.sentences[0].paragraph, 0);
    }
}
