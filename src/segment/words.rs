//! What the word before a period is: a number, an initial, an
//! abbreviation of some class, or an ordinary word.

use super::chars::{is_alphabetic, is_lowercase, is_numeric, is_uppercase};
use super::rules::{Class, Rules};

/// What the word before a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Ordinary,
    /// "$100.00", "2019", "+39045969798".
    Number,
    /// A single capital letter: "Jonas E. Smith", "В. Путин".
    Initial,
    /// Letters separated by periods: "U.S", "a.m", "В.В", "куб.м".
    MultiPeriod,
    Abbreviation(Class),
}

/// What `word`, standing before a period, is by the rules of its language.
pub(super) fn classify(word: &str, rules: &Rules) -> Kind {
    if word.is_empty() || word.bytes().any(|b| b == b'@' || b == b'/') {
        // URLs and e-mail addresses end like ordinary words.
        return Kind::Ordinary;
    }
    let mut chars = word.chars();
    let first = chars.next();
    let single = chars.next().is_none();
    if single && first.is_some_and(is_uppercase) {
        return Kind::Initial;
    }
    if let Some(class) = rules.abbreviation(word) {
        return Kind::Abbreviation(class);
    }
    if word.chars().next_back().is_some_and(is_numeric) {
        return Kind::Number;
    }
    if word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=3).contains(&part.chars().count()) && part.chars().all(is_alphabetic))
    {
        return Kind::MultiPeriod;
    }
    if single && first.is_some_and(|c| is_alphabetic(c) && !is_lowercase(c)) {
        // A single letter of a script without case: an Arabic abbreviation.
        return Kind::Initial;
    }
    Kind::Ordinary
}

/// An all-capitals word of two or more letters ("EST", "NATO").
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().nth(1).is_some() && word.chars().all(is_uppercase)
}

pub(super) fn is_small_integer(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}
