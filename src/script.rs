//! The one place that says which script a character or a text is in.
//!
//! The segmenter (is the word after a full stop in another script?), the
//! aligner (which words may match letter for letter?) and the language
//! check (is a text declared `ru` written in Cyrillic?) all ask this, and
//! must get the same answer for the same letter.

/// A writing system, coarsely: the scripts tmalign has rules for, and
/// everything else.
///
/// Decided by Unicode block, so the punctuation and digits of a block
/// (`،`, `٣`) count with its letters; callers that want letters only
/// filter with [`char::is_alphabetic`] first.
///
/// ```
/// use tmalign::script::Script;
/// assert_eq!(Script::of('ệ'), Script::Latin);
/// assert_eq!(Script::of('ﻻ'), Script::Arabic);
/// assert_eq!(Script::of('ж'), Script::Cyrillic);
/// assert_eq!(Script::of('ά'), Script::Greek);
/// assert_eq!(Script::of('中'), Script::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Script {
    /// Basic Latin letters, Latin-1, Latin Extended-A to -E, IPA, Latin
    /// Extended Additional (Vietnamese), the Latin ligatures and the
    /// full-width Latin letters.
    Latin,
    /// Greek and Greek Extended (polytonic), without the Coptic letters.
    Greek,
    /// Cyrillic, its Supplement and Extended-A to -C.
    Cyrillic,
    /// Arabic, its Supplement and Extended-A and -B, and the presentation
    /// forms (ligatures such as `ﻻ`, and the contextual forms).
    Arabic,
    /// Any other script, and characters outside every script's blocks.
    Other,
}

impl Script {
    /// Every script, in the order [`Counts::dominant`] prefers on a tie.
    pub const ALL: [Script; 5] = [
        Script::Arabic,
        Script::Cyrillic,
        Script::Greek,
        Script::Latin,
        Script::Other,
    ];

    /// The script of `c`.
    pub fn of(c: char) -> Script {
        match c {
            'A'..='Z' | 'a'..='z' | 'ª' | 'º' => Script::Latin,
            // Latin-1 letters, without × and ÷.
            '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{00FF}' => {
                Script::Latin
            }
            // Latin Extended-A and -B, IPA Extensions.
            '\u{0100}'..='\u{02AF}' => Script::Latin,
            '\u{1E00}'..='\u{1EFF}' => Script::Latin, // Latin Extended Additional
            '\u{2C60}'..='\u{2C7F}' => Script::Latin, // Latin Extended-C
            '\u{A720}'..='\u{A7FF}' => Script::Latin, // Latin Extended-D
            '\u{AB30}'..='\u{AB6F}' => Script::Latin, // Latin Extended-E
            '\u{FB00}'..='\u{FB06}' => Script::Latin, // ﬀ ﬁ ﬂ ...
            '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => Script::Latin, // full width
            // The Coptic letters in the Greek block are not Greek.
            '\u{03E2}'..='\u{03EF}' => Script::Other,
            '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
            '\u{0400}'..='\u{052F}' => Script::Cyrillic, // Cyrillic and Supplement
            '\u{1C80}'..='\u{1C8F}' => Script::Cyrillic, // Extended-C
            '\u{2DE0}'..='\u{2DFF}' => Script::Cyrillic, // Extended-A
            '\u{A640}'..='\u{A69F}' => Script::Cyrillic, // Extended-B
            '\u{0600}'..='\u{06FF}' => Script::Arabic,
            '\u{0750}'..='\u{077F}' => Script::Arabic, // Supplement
            '\u{0870}'..='\u{08FF}' => Script::Arabic, // Extended-B and -A
            '\u{FB50}'..='\u{FDFF}' => Script::Arabic, // Presentation Forms-A
            // Presentation Forms-B; U+FEFF after it is the BOM, not Arabic.
            '\u{FE70}'..='\u{FEFC}' => Script::Arabic,
            _ => Script::Other,
        }
    }

    /// The script's English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Arabic => "Arabic",
            Script::Other => "another",
        }
    }

    fn index(self) -> usize {
        match self {
            Script::Arabic => 0,
            Script::Cyrillic => 1,
            Script::Greek => 2,
            Script::Latin => 3,
            Script::Other => 4,
        }
    }
}

/// Arabic diacritics (harakat, shadda, sukun, superscript alef) and the
/// tatweel: parts of a word, ignored when words are compared.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// How many letters of a text are in each script.
///
/// ```
/// use tmalign::script::{Counts, Script};
/// let counts = Counts::of_letters("Компания Apple", usize::MAX);
/// assert_eq!(counts.get(Script::Cyrillic), 8);
/// assert_eq!(counts.get(Script::Latin), 5);
/// assert_eq!(counts.dominant(), Some(Script::Cyrillic));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts([usize; 5]);

impl Counts {
    /// Counts the letters ([`char::is_alphabetic`]) among the first `limit`
    /// characters of `text`, so a huge text costs a bounded sample.
    pub fn of_letters(text: &str, limit: usize) -> Counts {
        let mut counts = Counts::default();
        for c in text.chars().take(limit).filter(|c| c.is_alphabetic()) {
            counts.add(Script::of(c), 1);
        }
        counts
    }

    /// Adds `n` letters in `script`.
    pub fn add(&mut self, script: Script, n: usize) {
        self.0[script.index()] += n;
    }

    /// The letters counted in `script`.
    pub fn get(&self, script: Script) -> usize {
        self.0[script.index()]
    }

    /// All letters counted.
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// The script with the most letters (on a tie, the first in
    /// [`Script::ALL`]), or `None` when nothing was counted.
    pub fn dominant(&self) -> Option<Script> {
        self.dominant_of(&Script::ALL)
    }

    /// Like [`Counts::dominant`], among `scripts` only.
    pub fn dominant_of(&self, scripts: &[Script]) -> Option<Script> {
        let mut best: Option<(Script, usize)> = None;
        for &s in scripts {
            let n = self.get(s);
            if n > 0 && best.is_none_or(|(_, m)| n > m) {
                best = Some((s, n));
            }
        }
        best.map(|(s, _)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first and last character of every block, and the characters just
    /// outside, so a range that drifts by one fails here.
    #[test]
    fn block_boundaries() {
        let cases = [
            ('@', Script::Other),
            ('A', Script::Latin),
            ('Z', Script::Latin),
            ('[', Script::Other),
            ('`', Script::Other),
            ('a', Script::Latin),
            ('z', Script::Latin),
            ('{', Script::Other),
            ('\u{00BF}', Script::Other),
            ('\u{00C0}', Script::Latin),
            ('\u{00D7}', Script::Other),
            ('\u{00F7}', Script::Other),
            ('\u{00FF}', Script::Latin),
            ('\u{0100}', Script::Latin),
            ('\u{024F}', Script::Latin),
            ('\u{0250}', Script::Latin),
            ('\u{02AF}', Script::Latin),
            ('\u{02B0}', Script::Other),
            ('\u{036F}', Script::Other),
            ('\u{0370}', Script::Greek),
            ('\u{03E1}', Script::Greek),
            ('\u{03E2}', Script::Other),
            ('\u{03EF}', Script::Other),
            ('\u{03F0}', Script::Greek),
            ('\u{03FF}', Script::Greek),
            ('\u{0400}', Script::Cyrillic),
            ('\u{052F}', Script::Cyrillic),
            ('\u{0530}', Script::Other),
            ('\u{05FF}', Script::Other),
            ('\u{0600}', Script::Arabic),
            ('\u{06FF}', Script::Arabic),
            ('\u{0700}', Script::Other),
            ('\u{074F}', Script::Other),
            ('\u{0750}', Script::Arabic),
            ('\u{077F}', Script::Arabic),
            ('\u{0780}', Script::Other),
            ('\u{086F}', Script::Other),
            ('\u{0870}', Script::Arabic),
            ('\u{08FF}', Script::Arabic),
            ('\u{0900}', Script::Other),
            ('\u{1C7F}', Script::Other),
            ('\u{1C80}', Script::Cyrillic),
            ('\u{1C8F}', Script::Cyrillic),
            ('\u{1C90}', Script::Other),
            ('\u{1DFF}', Script::Other),
            ('\u{1E00}', Script::Latin),
            ('\u{1EFF}', Script::Latin),
            ('\u{1F00}', Script::Greek),
            ('\u{1FFF}', Script::Greek),
            ('\u{2000}', Script::Other),
            ('\u{2C5F}', Script::Other),
            ('\u{2C60}', Script::Latin),
            ('\u{2C7F}', Script::Latin),
            ('\u{2C80}', Script::Other),
            ('\u{2DDF}', Script::Other),
            ('\u{2DE0}', Script::Cyrillic),
            ('\u{2DFF}', Script::Cyrillic),
            ('\u{2E00}', Script::Other),
            ('\u{A63F}', Script::Other),
            ('\u{A640}', Script::Cyrillic),
            ('\u{A69F}', Script::Cyrillic),
            ('\u{A6A0}', Script::Other),
            ('\u{A71F}', Script::Other),
            ('\u{A720}', Script::Latin),
            ('\u{A7FF}', Script::Latin),
            ('\u{A800}', Script::Other),
            ('\u{AB2F}', Script::Other),
            ('\u{AB30}', Script::Latin),
            ('\u{AB6F}', Script::Latin),
            ('\u{AB70}', Script::Other),
            ('\u{FAFF}', Script::Other),
            ('\u{FB00}', Script::Latin),
            ('\u{FB06}', Script::Latin),
            ('\u{FB07}', Script::Other),
            ('\u{FB4F}', Script::Other),
            ('\u{FB50}', Script::Arabic),
            ('\u{FDFF}', Script::Arabic),
            ('\u{FE00}', Script::Other),
            ('\u{FE6F}', Script::Other),
            ('\u{FE70}', Script::Arabic),
            ('\u{FEFC}', Script::Arabic),
            ('\u{FEFF}', Script::Other),
            ('\u{FF20}', Script::Other),
            ('\u{FF21}', Script::Latin),
            ('\u{FF3A}', Script::Latin),
            ('\u{FF3B}', Script::Other),
            ('\u{FF41}', Script::Latin),
            ('\u{FF5A}', Script::Latin),
            ('\u{FF5B}', Script::Other),
        ];
        for (c, script) in cases {
            assert_eq!(Script::of(c), script, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn letters_of_real_words() {
        for (word, script) in [
            ("Nguyễn", Script::Latin),
            ("Straße", Script::Latin),
            ("Ελληνικά", Script::Greek),
            ("ἀρχή", Script::Greek),
            ("Қазақ", Script::Cyrillic),
            ("العربية", Script::Arabic),
            ("ﻻ", Script::Arabic),
            ("پښتو", Script::Arabic),
        ] {
            let counts = Counts::of_letters(word, usize::MAX);
            assert_eq!(counts.dominant(), Some(script), "{word}");
            assert_eq!(counts.get(script), counts.total(), "{word}");
        }
    }

    #[test]
    fn counts_ignore_non_letters_and_stop_at_the_limit() {
        let counts = Counts::of_letters("12 — ab", usize::MAX);
        assert_eq!(counts.total(), 2);
        assert_eq!(Counts::of_letters("ab", 1).total(), 1);
        assert_eq!(Counts::of_letters("123", usize::MAX).dominant(), None);
        // Ties go to the first script in `Script::ALL`.
        assert_eq!(
            Counts::of_letters("ab бв", usize::MAX).dominant(),
            Some(Script::Cyrillic)
        );
        assert_eq!(
            Counts::of_letters("ab бв", usize::MAX).dominant_of(&[Script::Latin]),
            Some(Script::Latin)
        );
    }
}
