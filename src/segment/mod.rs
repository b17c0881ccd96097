//! Sentence segmentation: rules per language, output as byte spans.
//!
//! PLACEHOLDER: splits at line ends only. The real rules replace this.

use crate::document::Sentence;

/// Splits text in one language into sentences.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: String,
}

impl Segmenter {
    /// A segmenter with the rules for `lang` (a BCP 47 code); languages
    /// without their own rules get generic ones.
    pub fn new(lang: &str) -> Segmenter {
        Segmenter {
            lang: lang.to_string(),
        }
    }

    /// The language this segmenter was made for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The sentences of `text`, in order, as byte spans.
    pub fn sentences<'t>(&self, text: &'t str) -> impl Iterator<Item = Sentence> + 't {
        crate::document::Document::presegmented(&self.lang, text.to_string())
            .sentences
            .into_iter()
    }
}
