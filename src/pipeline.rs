//! The high-level entry point: texts in, aligned documents out.

use crate::align::{Aligner, Alignment};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::segment::Segmenter;

/// How [`align_texts`] reads and aligns its texts. Build one with
/// [`Options::new`] and its setters; fields may be added in later versions.
///
/// ```
/// let mut options = tmalign::Options::new();
/// options.presegmented(true);
/// assert!(options.presegmented);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Take each non-blank line as one sentence instead of segmenting.
    /// By default, texts are segmented with the rules for their language.
    pub presegmented: bool,
    /// How line breaks inside a paragraph are read when segmenting.
    pub line_breaks: crate::segment::LineBreaks,
    /// The aligner and its settings. By default, [`Aligner::new`].
    pub aligner: Aligner,
    /// Split a sentence that holds several sentences of the other text at
    /// its clause boundaries (see [`crate::align::split_clauses`]). By
    /// default, false.
    pub split_clauses: bool,
}

impl Options {
    /// The default settings.
    pub fn new() -> Options {
        Options::default()
    }

    /// Takes each non-blank line as one sentence instead of segmenting; a
    /// blank line is a paragraph break.
    ///
    /// By default, false: texts are segmented with the rules for their
    /// language.
    pub fn presegmented(&mut self, yes: bool) -> &mut Options {
        self.presegmented = yes;
        self
    }

    /// Says how a line break inside a paragraph is read: as the end of a
    /// sentence, as a space, or decided from the whole paragraph.
    ///
    /// By default, [`LineBreaks::Auto`](crate::segment::LineBreaks::Auto).
    pub fn line_breaks(&mut self, mode: crate::segment::LineBreaks) -> &mut Options {
        self.line_breaks = mode;
        self
    }

    /// Whether, after aligning two texts, a sentence of one that holds
    /// several sentences of the other is split at its clause boundaries
    /// (`,` `،` `;` `:` `—`, a word starting with و or ف, a capital after a
    /// lowercase word) where the pieces' lengths and numbers fit, each
    /// piece a sentence of its own (a span of the text) in a 1-1 bead: for
    /// running text whose lines lack final punctuation, and Arabic that
    /// joins sentences. See [`crate::align::split_clauses`].
    ///
    /// By default, false.
    ///
    /// ```
    /// let ar = "قال الوزير إن الاتفاق وقع في 2020 وأضاف أن المحادثات ستستمر حتى 2024 في العاصمة.";
    /// let en = "The minister said the deal was signed in 2020. He added that talks would go on until 2024 in the capital.";
    /// let mut options = tmalign::Options::new();
    /// options.split_clauses(true);
    /// let aligned = tmalign::align_texts(&[("ar", ar), ("en", en)], &options).unwrap();
    /// assert_eq!(aligned.documents[0].sentences.len(), 2);
    /// ```
    pub fn split_clauses(&mut self, yes: bool) -> &mut Options {
        self.split_clauses = yes;
        self
    }

    /// Sets the aligner and its settings.
    ///
    /// By default, [`Aligner::new`].
    pub fn aligner(&mut self, aligner: Aligner) -> &mut Options {
        self.aligner = aligner;
        self
    }
}

/// Two or three documents and the alignment of their sentences.
#[derive(Debug, Clone)]
pub struct AlignedTexts {
    /// The documents, in the order the texts were given.
    pub documents: Vec<Document>,
    /// Beads whose `ids[k]` index `documents[k]`.
    pub alignment: Alignment,
    /// Per document, the sentences cut at
    /// [`MAX_SENTENCE_BYTES`](crate::segment::MAX_SENTENCE_BYTES).
    pub cuts: Vec<usize>,
    /// Per document, the format its text was extracted from (text unless
    /// the caller says otherwise); the JSON output records it.
    pub formats: Vec<crate::input::Format>,
}

impl AlignedTexts {
    /// Documents and an alignment made elsewhere (read back from JSON, or
    /// built by hand): nothing was cut, and every text was plain text.
    pub fn new(documents: Vec<Document>, alignment: Alignment) -> AlignedTexts {
        let n = documents.len();
        AlignedTexts {
            documents,
            alignment,
            cuts: vec![0; n],
            formats: vec![crate::input::Format::Text; n],
        }
    }

    /// Checks that the beads cover every sentence of the documents once, in
    /// order ([`Alignment::check`]); every writer of `export` and `review`
    /// does so first, so that an alignment built by hand never loses a
    /// sentence or writes one twice without an error.
    ///
    /// # Errors
    /// [`Error::BeadCover`](crate::Error::BeadCover), naming the bead.
    pub fn check(&self) -> Result<()> {
        let docs: Vec<&Document> = self.documents.iter().collect();
        self.alignment.check(&docs)
    }
}

/// Segments (unless presegmented) and aligns two or three texts, each
/// given as `(language, text)`.
///
/// ```
/// let en = "The minister arrived on Monday. Talks lasted 3 hours.";
/// let ru = "Министр прибыл в понедельник. Переговоры длились 3 часа.";
/// let aligned = tmalign::align_texts(&[("en", en), ("ru", ru)], &Default::default()).unwrap();
/// assert_eq!(aligned.documents[1].sentences.len(), 2);
/// assert!(aligned.alignment.beads.len() >= 2);
/// ```
pub fn align_texts(texts: &[(&str, &str)], options: &Options) -> Result<AlignedTexts> {
    let owned = texts
        .iter()
        .map(|&(lang, text)| (lang.to_string(), text.to_string()))
        .collect();
    align_owned_texts(owned, options)
}

/// [`align_texts`] for texts the caller no longer needs: each document
/// keeps its text without a copy, which halves the memory a long text
/// takes.
///
/// ```
/// let texts = vec![("en".to_string(), "It rained.".to_string()), ("de".to_string(), "Es regnete.".to_string())];
/// let aligned = tmalign::align_owned_texts(texts, &Default::default()).unwrap();
/// assert_eq!(aligned.alignment.beads.len(), 1);
/// ```
pub fn align_owned_texts(texts: Vec<(String, String)>, options: &Options) -> Result<AlignedTexts> {
    if !(2..=3).contains(&texts.len()) {
        return Err(Error::DocumentCount { found: texts.len() });
    }
    let mut cuts = Vec::new();
    let documents: Vec<Document> = texts
        .into_iter()
        .map(|(lang, text)| {
            let lang = crate::lang::canonical(&lang);
            if options.presegmented {
                cuts.push(0);
                Document::presegmented(&lang, text)
            } else {
                let segmenter = Segmenter::new(&lang).with_line_breaks(options.line_breaks);
                let mut spans = segmenter.sentences(&text);
                let sentences = spans.by_ref().collect();
                cuts.push(spans.cuts());
                Document {
                    lang,
                    text,
                    sentences,
                }
            }
        })
        .collect();
    let refs: Vec<&Document> = documents.iter().collect();
    let mut alignment = options.aligner.align(&refs)?;
    let documents = if options.split_clauses && documents.len() == 2 {
        let split = crate::align::split_clauses(&refs, &alignment);
        alignment = split.alignment;
        split.docs
    } else {
        documents
    };
    Ok(AlignedTexts {
        formats: vec![crate::input::Format::Text; documents.len()],
        documents,
        alignment,
        cuts,
    })
}
