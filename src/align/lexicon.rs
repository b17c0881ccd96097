//! The built-in term table: month and weekday names, units, currencies,
//! countries, capitals and international organisations in Arabic, English,
//! Russian, French and German, each mapped to a concept that is the same
//! in every language (`كانون الأول`, `ديسمبر`, `December`, `декабря`,
//! `décembre` and `Dezember` are all `month:12`).
//!
//! These are the words a translator always translates and never
//! transliterates, so the name skeletons of [`super::translit`] cannot
//! match them across scripts. The table is `lexicon.txt`, beside this file;
//! its header says how a form is written. A word is looked up once per
//! distinct word of a document (the tokeniser caches it): its folded form,
//! and for Arabic the form without the clitics `و ف ب ك ل` and the article
//! `ال`, and for stems (`январ*`) the form without one of its language's
//! endings. A phrase (`United Nations`, `Организация Объединённых Наций`)
//! is matched from its first word with a look-ahead of at most
//! [`Lexicon::max_phrase`] words, so reading a sentence stays linear.

use super::translit::{fold_arabic, fold_latin};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Marks a concept key, which no ordinary token key starts with.
pub(crate) const CONCEPT_MARK: char = '\u{1}';

/// The concept whose key is the `%` sign's: a spelled-out percentage
/// matches the sign on the other side.
const PERCENT: &str = "percent";

/// The parts of the built-in term table, which can be turned off one by
/// one with [`crate::Aligner::lexicon_part`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LexiconPart {
    /// Month and weekday names (`آذار`, `March`, `марта`, `mars`, `März`).
    Dates,
    /// Units of measure, percentages, millions and currencies (`km`,
    /// `في المئة`, `долларов`, `€`).
    Units,
    /// Countries, their adjectives and capitals (`Russia`, `الروسية`,
    /// `российский`, `Moscou`).
    Places,
    /// International organisations and their abbreviations (`الأمم المتحدة`,
    /// `UN`, `ООН`, `ONU`, `UNO`).
    Organisations,
}

impl LexiconPart {
    /// Every part, in table order.
    pub const ALL: [LexiconPart; 4] = [
        LexiconPart::Dates,
        LexiconPart::Units,
        LexiconPart::Places,
        LexiconPart::Organisations,
    ];

    /// This part's bit in a set of parts.
    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }

    fn from_header(name: &str) -> Option<LexiconPart> {
        Some(match name {
            "dates" => LexiconPart::Dates,
            "units" => LexiconPart::Units,
            "places" => LexiconPart::Places,
            "organisations" => LexiconPart::Organisations,
            _ => return None,
        })
    }
}

/// Every part turned on.
pub(crate) const ALL_PARTS: u8 = 0b1111;

/// The languages the table has entries for; `Any` holds the forms every
/// language writes alike (`km`, `USD`, `$`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Lang {
    Ar,
    En,
    Ru,
    Fr,
    De,
    Any,
}

impl Lang {
    /// The table language of a BCP 47 tag (`ar`, `de-CH`), if it has one.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::from_code(&primary.to_ascii_lowercase())
    }

    fn from_code(code: &str) -> Option<Lang> {
        Some(match code {
            "ar" => Lang::Ar,
            "en" => Lang::En,
            "ru" => Lang::Ru,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "*" => Lang::Any,
            _ => return None,
        })
    }

    /// Endings a stem (`январ*`) may take: case endings, plurals, and for
    /// Arabic the accusative alef, the dual, plurals and the nisba.
    fn endings(self) -> &'static [&'static str] {
        match self {
            Lang::Ru => &[
                "ыми", "ими", "ого", "его", "ому", "ему", "ией", "ями", "ами", "ом", "ем", "ой",
                "ей", "ию", "ия", "ии", "ью", "ам", "ям", "ах", "ях", "ов", "ев", "ая", "яя", "ое",
                "ее", "ые", "ие", "ый", "ий", "ую", "юю", "ых", "их", "ым", "им", "а", "я", "у",
                "ю", "е", "и", "ы", "ь", "й",
            ],
            Lang::Ar => &["يين", "يون", "ات", "ان", "ين", "يه", "ا", "ي", "ه"],
            Lang::En => &["es", "s"],
            Lang::Fr => &["nes", "ne", "es", "s", "x", "e"],
            Lang::De => &["ern", "en", "er", "es", "em", "e", "n", "s"],
            Lang::Any => &[],
        }
    }
}

/// How a text word must be written to be the table's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Any case (the table wrote it in lower case).
    Any,
    /// A capital first letter (`May`, `Рим`, `März`).
    Capital,
    /// Every letter a capital (`UN`, `ООН`).
    Upper,
    /// A lower-case first letter (`=mars`, not the planet).
    Lower,
}

impl Case {
    fn admits(self, word: &[char]) -> bool {
        let first = word.iter().find(|c| c.is_alphabetic());
        match self {
            Case::Any => true,
            Case::Capital => first.is_some_and(|c| c.is_uppercase()),
            Case::Lower => first.is_some_and(|c| !c.is_uppercase()),
            Case::Upper => word
                .iter()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase()),
        }
    }
}

/// One distinct word of the table.
#[derive(Debug, Clone)]
pub(crate) struct WordInfo {
    case: Case,
    /// The concept this word is on its own, and whether that needs a
    /// number next to it (`5 May`, `آب 2020`).
    pub single: Option<(u32, bool)>,
    /// True when some phrase starts with this word.
    pub head: bool,
}

/// A concept of the table.
#[derive(Debug, Clone)]
pub(crate) struct Concept {
    /// The token key: [`CONCEPT_MARK`] and the concept's name, or `%`.
    pub key: String,
    /// The table part it belongs to.
    pub part: LexiconPart,
}

impl Concept {
    /// True when the concept is the `%` sign's, a punctuation token.
    pub fn is_percent(&self) -> bool {
        self.key == "%"
    }
}

/// The parsed table.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Exact word forms, folded, per language: word ids.
    words: HashMap<(Lang, String), u32>,
    /// Stems (forms written with `*`): word ids.
    stems: HashMap<(Lang, String), u32>,
    pub info: Vec<WordInfo>,
    pub concepts: Vec<Concept>,
    /// Every prefix of two or more words of a phrase, as word ids, with
    /// the concept when the prefix is a whole phrase.
    phrases: HashMap<Box<[u32]>, Option<u32>>,
    /// Symbols (`$ € £`): concepts.
    symbols: HashMap<char, u32>,
    /// Most words in a phrase.
    pub max_phrase: usize,
}

/// The table, parsed once.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(include_str!("lexicon.txt")))
}

/// Folds one word of the table or of a text for lookup: Arabic letter
/// variants unified, other scripts lower-cased without diacritics.
fn fold(word: &[char], out: &mut String) {
    out.clear();
    if word.iter().any(|&c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        out.push_str(&fold_arabic(word));
    } else {
        out.extend(word.iter().flat_map(|c| c.to_lowercase()).map(fold_latin));
    }
}

/// The forms of an Arabic word with its proclitics taken off, least
/// stripped first: the conjunctions و ف, the prepositions ب ك ل, and the
/// article ال (`للأمم` is ل + الأمم). Each keeps at least two letters.
fn arabic_candidates(word: &str, out: &mut Vec<String>) {
    out.clear();
    out.push(word.to_string());
    let long = |s: &str| s.chars().count() >= 4;
    if let Some(rest) = word
        .strip_prefix(['و', 'ف'])
        .filter(|r| long(word) && r.chars().count() >= 2)
    {
        out.push(rest.to_string());
    }
    for k in 0..out.len() {
        let w = out[k].clone();
        if !long(&w) {
            continue;
        }
        if let Some(rest) = w.strip_prefix("لل") {
            out.push(format!("ال{rest}"));
        }
        if let Some(rest) = w.strip_prefix(['ب', 'ك', 'ل']) {
            out.push(rest.to_string());
        }
    }
    for k in 0..out.len() {
        if let Some(rest) = out[k].strip_prefix("ال") {
            if rest.chars().count() >= 2 {
                let rest = rest.to_string();
                out.push(rest);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|w| seen.insert(w.clone()));
}

impl Lexicon {
    /// Parses the table. A line the parser cannot read is skipped (the
    /// tests check that every line of the built-in table is read).
    fn parse(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut part = None;
        let mut concept_ids: HashMap<String, u32> = HashMap::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            if let Some(name) = line.strip_prefix('@') {
                part = LexiconPart::from_header(name.trim());
                continue;
            }
            let (Some(part), Some((name, rest))) = (part, line.split_once(' ')) else {
                continue;
            };
            let Some((code, forms)) = rest.trim().split_once(' ') else {
                continue;
            };
            let Some(lang) = Lang::from_code(code) else {
                continue;
            };
            let next = lex.concepts.len() as u32;
            let concept = *concept_ids.entry(name.to_string()).or_insert(next);
            if concept == next {
                let key = if name == PERCENT {
                    "%".to_string()
                } else {
                    format!("{CONCEPT_MARK}{name}")
                };
                lex.concepts.push(Concept { key, part });
            }
            for form in forms.split(';').map(str::trim).filter(|f| !f.is_empty()) {
                lex.add_form(lang, form, concept);
            }
        }
        lex
    }

    fn add_form(&mut self, lang: Lang, form: &str, concept: u32) {
        let (form, needs_number) = match form.strip_prefix('#') {
            Some(f) => (f, true),
            None => (form, false),
        };
        let mut chars = form.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if !c.is_alphanumeric() {
                self.symbols.insert(c, concept);
                return;
            }
        }
        // Words of a phrase are separated by spaces or hyphens
        // (`États-Unis`); the text may use either.
        let words: Vec<u32> = form
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(|w| self.add_word(lang, w))
            .collect();
        match words[..] {
            [] => {}
            [w] => {
                let info = &mut self.info[w as usize];
                if info.single.is_none() {
                    info.single = Some((concept, needs_number));
                }
            }
            _ => {
                self.info[words[0] as usize].head = true;
                self.max_phrase = self.max_phrase.max(words.len());
                for k in 2..words.len() {
                    self.phrases.entry(words[..k].into()).or_insert(None);
                }
                let whole = self.phrases.entry(words[..].into()).or_insert(None);
                if whole.is_none() {
                    *whole = Some(concept);
                }
            }
        }
    }

    /// The id of one word of the table, written with its markers.
    fn add_word(&mut self, lang: Lang, word: &str) -> u32 {
        let (word, lower_only) = match word.strip_prefix('=') {
            Some(w) => (w, true),
            None => (word, false),
        };
        let (word, stem) = match word.strip_suffix('*') {
            Some(w) => (w, true),
            None => (word, false),
        };
        let chars: Vec<char> = word.chars().collect();
        let letters: Vec<char> = chars
            .iter()
            .copied()
            .filter(|c| c.is_alphabetic())
            .collect();
        let case = if lower_only {
            Case::Lower
        } else if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            Case::Upper
        } else if letters.first().is_some_and(|c| c.is_uppercase()) {
            Case::Capital
        } else {
            Case::Any
        };
        let mut key = String::new();
        fold(&chars, &mut key);
        let map = if stem {
            &mut self.stems
        } else {
            &mut self.words
        };
        let next = self.info.len() as u32;
        let id = *map.entry((lang, key)).or_insert(next);
        if id == next {
            self.info.push(WordInfo {
                case,
                single: None,
                head: false,
            });
        }
        id
    }

    /// The table word a text word of language `lang` is, if any.
    /// `folded` and `candidates` are scratch buffers.
    pub fn word(
        &self,
        lang: Lang,
        word: &[char],
        folded: &mut String,
        candidates: &mut Vec<String>,
    ) -> Option<u32> {
        fold(word, folded);
        if lang == Lang::Ar {
            arabic_candidates(folded, candidates);
        } else {
            candidates.clear();
            candidates.push(folded.clone());
        }
        for l in [lang, Lang::Any] {
            for c in candidates.iter() {
                if let Some(id) = self.find(l, c) {
                    if self.info[id as usize].case.admits(word) {
                        return Some(id);
                    }
                }
            }
            if lang == Lang::Any {
                break;
            }
        }
        None
    }

    /// An exact form, or a stem with one of the language's endings.
    fn find(&self, lang: Lang, key: &str) -> Option<u32> {
        // The lookup key is a (language, String) pair; a String is built
        // only for the few words that reach this point uncached.
        let mut probe = (lang, key.to_string());
        if let Some(&id) = self.words.get(&probe) {
            return Some(id);
        }
        if let Some(&id) = self.stems.get(&probe) {
            return Some(id);
        }
        for ending in lang.endings() {
            if let Some(stem) = key.strip_suffix(ending) {
                if stem.chars().count() >= 2 {
                    probe.1.clear();
                    probe.1.push_str(stem);
                    if let Some(&id) = self.stems.get(&probe) {
                        return Some(id);
                    }
                }
            }
        }
        None
    }

    /// The concept of the phrase made of `words` (table word ids), or
    /// `None` when no phrase is; `Err` when no phrase even starts so.
    pub fn phrase(&self, words: &[u32]) -> Result<Option<u32>, ()> {
        self.phrases.get(words).copied().ok_or(())
    }

    /// The concept of a symbol such as `$` or `€`.
    pub fn symbol(&self, c: char) -> Option<u32> {
        if c.is_ascii_alphanumeric() || c.is_whitespace() {
            return None;
        }
        self.symbols.get(&c).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The concept a single word is, in language `lang`.
    fn concept(lang: Lang, word: &str) -> Option<&'static str> {
        let lex = lexicon();
        let chars: Vec<char> = word.chars().collect();
        let id = lex.word(lang, &chars, &mut String::new(), &mut Vec::new())?;
        let (c, _) = lex.info[id as usize].single?;
        Some(
            lex.concepts[c as usize]
                .key
                .trim_start_matches(CONCEPT_MARK),
        )
    }

    #[test]
    fn every_line_of_the_table_is_read() {
        let text = include_str!("lexicon.txt");
        let mut part = false;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            if let Some(name) = line.strip_prefix('@') {
                assert!(
                    LexiconPart::from_header(name).is_some(),
                    "line {}: {line}",
                    n + 1
                );
                part = true;
                continue;
            }
            assert!(part, "line {}: no part before it", n + 1);
            let fields: Vec<&str> = line.splitn(3, ' ').collect();
            assert_eq!(fields.len(), 3, "line {}: {line}", n + 1);
            assert!(
                Lang::from_code(fields[1]).is_some(),
                "line {}: {line}",
                n + 1
            );
        }
    }

    #[test]
    fn no_word_is_two_concepts() {
        // Parsing keeps the first concept of a word; a second one would be
        // a mistake in the table, shown here with the lines that clash.
        let text = include_str!("lexicon.txt");
        let mut seen: HashMap<(String, String, bool), String> = HashMap::new();
        let mut clashes = Vec::new();
        for line in text.lines().map(str::trim) {
            let fields: Vec<&str> = line.splitn(3, ' ').collect();
            if fields.len() != 3 || line.starts_with("//") || line.starts_with('@') {
                continue;
            }
            for form in fields[2].split(';').map(str::trim) {
                let bare = form.trim_start_matches(['#', '=']);
                let stem = bare.ends_with('*');
                let mut key = String::new();
                fold(
                    &bare.trim_end_matches('*').chars().collect::<Vec<_>>(),
                    &mut key,
                );
                let k = (fields[1].to_string(), key, stem);
                if let Some(other) = seen.insert(k.clone(), fields[0].to_string()) {
                    if other != fields[0] {
                        clashes.push(format!("{k:?}: {other} and {}", fields[0]));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn every_form_of_a_month_is_the_same_concept() {
        let forms = [
            (Lang::Ar, "ديسمبر"),
            (Lang::Ar, "دسمبر"),
            (Lang::Ar, "وديسمبر"),
            (Lang::En, "December"),
            (Lang::Ru, "декабрь"),
            (Lang::Ru, "декабря"),
            (Lang::Ru, "декабре"),
            (Lang::Ru, "Декабрём"),
            (Lang::Fr, "décembre"),
            (Lang::Fr, "Décembre"),
            (Lang::De, "Dezember"),
            (Lang::De, "Dezembers"),
        ];
        for (lang, w) in forms {
            assert_eq!(concept(lang, w), Some("month:12"), "{lang:?} {w}");
        }
        for (lang, w) in [
            (Lang::Ar, "شباط"),
            (Lang::Ar, "فبراير"),
            (Lang::Ru, "февраля"),
            (Lang::Fr, "février"),
            (Lang::De, "Februar"),
        ] {
            assert_eq!(concept(lang, w), Some("month:2"), "{lang:?} {w}");
        }
    }

    #[test]
    fn arabic_clitics_and_article_come_off() {
        assert_eq!(concept(Lang::Ar, "وبالعراق"), Some("country:iq"));
        assert_eq!(concept(Lang::Ar, "للعراق"), Some("country:iq"));
        assert_eq!(concept(Lang::Ar, "والروسية"), Some("country:ru"));
        assert_eq!(concept(Lang::Ar, "بروسيا"), Some("country:ru"));
        assert_eq!(concept(Lang::Ar, "دولارات"), Some("usd"));
        // A word that merely starts like a clitic is read whole.
        assert_eq!(concept(Lang::Ar, "بريطانيا"), Some("country:gb"));
        assert_eq!(concept(Lang::Ar, "واشنطن"), Some("city:washington"));
    }

    #[test]
    fn case_tells_false_friends_apart() {
        // "may" the verb, "us" the pronoun, "mars" the planet in French
        // (written with a capital), "turkey" the bird, veins in Russian.
        assert_eq!(concept(Lang::En, "may"), None);
        assert_eq!(concept(Lang::En, "us"), None);
        assert_eq!(concept(Lang::En, "US"), Some("country:us"));
        assert_eq!(concept(Lang::En, "turkey"), None);
        assert_eq!(concept(Lang::En, "Turkey"), Some("country:tr"));
        assert_eq!(concept(Lang::Fr, "mars"), Some("month:3"));
        assert_eq!(concept(Lang::Fr, "Mars"), None);
        assert_eq!(concept(Lang::Ru, "вены"), None);
        assert_eq!(concept(Lang::Ru, "Вены"), Some("city:vienna"));
        // A word of another language is not looked up in this one's table.
        assert_eq!(concept(Lang::En, "janvier"), None);
    }

    #[test]
    fn risky_words_need_a_number_next_to_them() {
        let lex = lexicon();
        let needs = |lang: Lang, w: &str| {
            let chars: Vec<char> = w.chars().collect();
            let id = lex.word(lang, &chars, &mut String::new(), &mut Vec::new());
            id.and_then(|id| lex.info[id as usize].single)
                .map(|(_, n)| n)
        };
        assert_eq!(needs(Lang::En, "May"), Some(true));
        assert_eq!(needs(Lang::Ar, "مارس"), Some(true));
        assert_eq!(needs(Lang::Ar, "آب"), Some(true));
        assert_eq!(needs(Lang::Ar, "آذار"), Some(false));
    }

    #[test]
    fn stems_take_only_their_languages_endings() {
        assert_eq!(concept(Lang::Ru, "России"), Some("country:ru"));
        assert_eq!(concept(Lang::Ru, "Россией"), Some("country:ru"));
        assert_eq!(concept(Lang::Ru, "Россиянин"), None);
        assert_eq!(concept(Lang::Ru, "долларов"), Some("usd"));
        assert_eq!(concept(Lang::Ru, "метро"), None);
        assert_eq!(concept(Lang::De, "Deutschlands"), Some("country:de"));
    }

    #[test]
    fn symbols_and_universal_forms() {
        let lex = lexicon();
        let key = |c: u32| {
            lex.concepts[c as usize]
                .key
                .trim_start_matches(CONCEPT_MARK)
        };
        assert_eq!(lex.symbol('$').map(key), Some("usd"));
        assert_eq!(lex.symbol('€').map(key), Some("eur"));
        assert_eq!(lex.symbol('a'), None);
        // USD is the same in every language, including those without a table.
        assert_eq!(concept(Lang::Ru, "USD"), Some("usd"));
        assert_eq!(concept(Lang::Any, "USD"), Some("usd"));
        assert_eq!(concept(Lang::Ar, "في"), None);
    }

    #[test]
    fn language_tags_pick_a_table() {
        assert_eq!(Lang::of_tag("de-CH"), Some(Lang::De));
        assert_eq!(Lang::of_tag("AR"), Some(Lang::Ar));
        assert_eq!(Lang::of_tag("es"), None);
    }
}
