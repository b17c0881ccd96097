//! Per-language knowledge: abbreviations and the words that start sentences.
//!
//! The scanner ([`super::scan`]) is the same for every language; a language
//! only brings two word lists:
//!
//! - **abbreviations**, each with a [`Class`] that says when a period after
//!   it can still end a sentence;
//! - **sentence starters**: common function words (pronouns, articles,
//!   conjunctions, prepositions) that begin sentences. After an ambiguous
//!   abbreviation ("U.S.", "Inc.", "2019 г.") a capitalised starter means a
//!   new sentence ("I live in the U.S. How about you?"), while a capitalised
//!   name does not ("the U.S. Government").

use super::lang::{ar, en, generic, ru};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: the word lists are fixed and the keys short, so a simple hash
/// serves better than SipHash, which costs more than the rest of a lookup.
/// (The tables never grow from input, so there is nothing to flood.)
struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<V> = HashMap<&'static [u8], V, BuildHasherDefault<WordHasher>>;
type WordSet = HashSet<&'static [u8], BuildHasherDefault<WordHasher>>;

/// How a period after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Stands before a name and never ends a sentence: `Mr.`, `Dr.`, `ул.`.
    Prepositive,
    /// Never ends a sentence: `e.g.`, `i.e.`, `т.е.`.
    Never,
    /// Stands before a number (`No. 5`, `p. 55`, `стр. 3`); before anything
    /// else the period is read as an ordinary full stop.
    BeforeNumber,
    /// May end a sentence, and often stands before a name (`Inc.`, `Jr.`,
    /// `U.S.`): a new sentence starts only when the next word is a sentence
    /// starter ("the U.S. Government" vs "the U.S. How about you?").
    Ambiguous,
    /// Usually ends its phrase (`a.m.`, `etc.`, `млн.`, `т.д.`): a capitalised
    /// word after it starts a new sentence, unless the abbreviation is among
    /// the first words of the sentence ("At 5 a.m. Mr. Smith went"), or the
    /// word is a weekday, a month, a time zone or an acronym ("at 10 a.m.
    /// Tuesday", "3 p.m. EST").
    Terminal,
    /// A unit or era: after a number it is [`Class::Terminal`] ("в 2019 г.
    /// Экспорт вырос"), otherwise it stands before a name ("в г. Москве").
    AfterNumber,
}

/// The rules of one language.
#[derive(Debug)]
pub(crate) struct Rules {
    /// Abbreviations, in lower case, without the final period (as UTF-8
    /// bytes, which is what [`super::chars::fold_into`] gives).
    abbreviations: WordMap<Class>,
    /// Sentence starters, in lower case.
    starters: WordSet,
    starter_prefixes: Vec<&'static [u8]>,
    prefix_exceptions: WordSet,
    continuers: WordSet,
    speech_verbs: WordSet,
    /// English "I" is capitalised anywhere, so after an ellipsis it is no
    /// sign of a new sentence.
    pub(crate) pronoun_i: bool,
    /// German-style ordinals ("am 3. Oktober"): a small integer before a
    /// period is an ambiguous abbreviation rather than a sentence end.
    pub(crate) ordinal_numbers: bool,
}

/// The word lists of one language, as the data files give them.
pub(crate) struct Lists {
    pub(crate) prepositive: &'static [&'static str],
    pub(crate) never: &'static [&'static str],
    pub(crate) before_number: &'static [&'static str],
    pub(crate) ambiguous: &'static [&'static str],
    pub(crate) terminal: &'static [&'static str],
    pub(crate) after_number: &'static [&'static str],
    pub(crate) starters: &'static [&'static str],
    /// Prefixes that make a word a sentence starter (the Arabic conjunction
    /// `و` "and" begins most Arabic sentences), when the word is at least
    /// three letters long and not in `prefix_exceptions`.
    pub(crate) starter_prefixes: &'static [&'static str],
    /// Words with a starter prefix that are nouns, not conjunction + word.
    pub(crate) prefix_exceptions: &'static [&'static str],
    /// Capitalised words that go on a sentence after a [`Class::Terminal`]
    /// abbreviation: weekdays, months, time zones.
    pub(crate) continuers: &'static [&'static str],
    /// Verbs of saying: after a quoted question or exclamation, "Name
    /// verb" attributes the quote and does not start a new sentence
    /// (`"Are you ready?" CNN reported.`).
    pub(crate) speech_verbs: &'static [&'static str],
}

impl Rules {
    fn build(lists: &[&Lists], pronoun_i: bool, ordinal_numbers: bool) -> Rules {
        let mut abbreviations = WordMap::default();
        let mut starters = WordSet::default();
        let mut starter_prefixes = Vec::new();
        let mut prefix_exceptions = WordSet::default();
        let mut continuers = WordSet::default();
        let mut speech_verbs = WordSet::default();
        // Later lists win, so a language's own list overrides the shared Latin one.
        for l in lists {
            for (words, class) in [
                (l.prepositive, Class::Prepositive),
                (l.never, Class::Never),
                (l.before_number, Class::BeforeNumber),
                (l.ambiguous, Class::Ambiguous),
                (l.terminal, Class::Terminal),
                (l.after_number, Class::AfterNumber),
            ] {
                for w in words {
                    abbreviations.insert(w.as_bytes(), class);
                }
            }
            starters.extend(l.starters.iter().map(|w| w.as_bytes()));
            starter_prefixes.extend(l.starter_prefixes.iter().map(|w| w.as_bytes()));
            prefix_exceptions.extend(l.prefix_exceptions.iter().map(|w| w.as_bytes()));
            continuers.extend(l.continuers.iter().map(|w| w.as_bytes()));
            speech_verbs.extend(l.speech_verbs.iter().map(|w| w.as_bytes()));
        }
        Rules {
            abbreviations,
            starters,
            starter_prefixes,
            prefix_exceptions,
            continuers,
            speech_verbs,
            pronoun_i,
            ordinal_numbers,
        }
    }

    /// The rules for a BCP 47 code: `ar`, `en`, `ru` have their own;
    /// everything else gets the generic rules (Latin abbreviations shared by
    /// the European languages, with German and French additions).
    pub(crate) fn for_lang(lang: &str) -> &'static Rules {
        static EN: OnceLock<Rules> = OnceLock::new();
        static RU: OnceLock<Rules> = OnceLock::new();
        static AR: OnceLock<Rules> = OnceLock::new();
        static GENERIC: OnceLock<Rules> = OnceLock::new();
        let primary = crate::lang::primary(lang.trim()).to_ascii_lowercase();
        match primary.as_str() {
            "en" | "eng" => EN.get_or_init(|| Rules::build(&[&en::LISTS], true, false)),
            // Latin-script abbreviations ("Inc.") appear inside Russian and
            // Arabic news too.
            "ru" | "rus" => {
                RU.get_or_init(|| Rules::build(&[&en::LISTS, &ru::LISTS], false, false))
            }
            "ar" | "ara" | "arb" | "fa" | "fas" | "ur" | "urd" => {
                AR.get_or_init(|| Rules::build(&[&en::LISTS, &ar::LISTS], false, false))
            }
            _ => GENERIC.get_or_init(|| Rules::build(&[&en::LISTS, &generic::LISTS], false, true)),
        }
    }

    /// The class of an abbreviation (given without its final period), if it is one.
    pub(crate) fn abbreviation(&self, word: &str) -> Option<Class> {
        let mut buf = [0u8; 64];
        let lower = super::chars::fold_into(word, &mut buf)?;
        self.abbreviations.get(lower).copied()
    }

    /// True when `word` goes on a sentence after a terminal abbreviation.
    pub(crate) fn is_continuer(&self, word: &str) -> bool {
        let mut buf = [0u8; 64];
        super::chars::fold_into(word, &mut buf).is_some_and(|lower| self.continuers.contains(lower))
    }

    /// True when `word` is a verb of saying.
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; 64];
        super::chars::fold_into(word, &mut buf)
            .is_some_and(|lower| self.speech_verbs.contains(lower))
    }

    /// True when `word` commonly starts a sentence.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; 64];
        let Some(lower) = super::chars::fold_into(word, &mut buf) else {
            return false;
        };
        // At least three characters: count the bytes that start one.
        let chars = lower
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .take(3)
            .count();
        self.starters.contains(lower)
            || (chars == 3
                && self.starter_prefixes.iter().any(|p| lower.starts_with(p))
                && !self.prefix_exceptions.contains(lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_and_have_no_periods_at_the_end() {
        for lists in [&en::LISTS, &ru::LISTS, &ar::LISTS, &generic::LISTS] {
            for words in [
                lists.prepositive,
                lists.never,
                lists.before_number,
                lists.ambiguous,
                lists.terminal,
                lists.after_number,
                lists.starters,
                lists.starter_prefixes,
                lists.prefix_exceptions,
                lists.continuers,
                lists.speech_verbs,
            ] {
                for w in words {
                    let mut buf = [0u8; 64];
                    assert_eq!(
                        super::super::chars::fold_into(w, &mut buf),
                        Some(w.as_bytes())
                    );
                    assert!(!w.ends_with('.'), "{w}");
                    assert!(!w.is_empty());
                }
            }
        }
    }

    #[test]
    fn languages_fall_back_to_generic_rules() {
        assert!(std::ptr::eq(
            Rules::for_lang("en-GB"),
            Rules::for_lang("en")
        ));
        assert!(std::ptr::eq(Rules::for_lang("de"), Rules::for_lang("fr")));
        assert!(!std::ptr::eq(Rules::for_lang("ru"), Rules::for_lang("de")));
    }

    #[test]
    fn lookups_ignore_case() {
        let en = Rules::for_lang("en");
        assert_eq!(en.abbreviation("Inc"), Some(Class::Ambiguous));
        assert_eq!(en.abbreviation("MR"), Some(Class::Prepositive));
        assert!(en.is_starter("The"));
        assert!(!en.is_starter("Government"));
        let ru = Rules::for_lang("ru");
        assert_eq!(ru.abbreviation("г"), Some(Class::AfterNumber));
        assert_eq!(ru.abbreviation("Inc"), Some(Class::Ambiguous));
    }
}
