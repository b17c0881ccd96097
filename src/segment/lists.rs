//! List markers (`1.`, `a)`, `٣.`), which start a sentence.

use super::chars::is_alphabetic;
use super::line_breaks::{is_list_digit, list_digit_value};
use super::words::is_small_integer;

/// List marker styles: `1.`, `1.)`, `1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Delim {
    Dot,
    DotParen,
    Paren,
}

/// The marker a sentence starts with when it is a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    /// A number, or a letter as its code point.
    pub(super) value: u32,
    pub(super) numeric: bool,
    pub(super) delim: Delim,
}

/// The value of a list marker word: 1-3 digits (ASCII, Arabic-Indic or
/// Persian) or a single letter.
pub(super) fn marker_value(word: &str) -> Option<(u32, bool)> {
    // Three two-byte digits at most, or one letter.
    if word.len() > 6 {
        return None;
    }
    if is_small_integer(word) {
        return word.parse().ok().map(|n| (n, true));
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_alphabetic(c) => Some((c as u32, false)),
        _ if (1..=3).contains(&word.chars().count()) && word.chars().all(is_list_digit) => {
            let value = word
                .chars()
                .try_fold(0u32, |n, c| Some(n * 10 + list_digit_value(c)?))?;
            Some((value, true))
        }
        _ => None,
    }
}

/// Parses a list marker at the start of `body`: the value, then `.`, `.)`
/// or `)`, then whitespace.
pub(super) fn parse_marker(body: &str) -> Option<Marker> {
    // Only 1-3 digits or one letter can be a marker: look no further. After
    // a letter the delimiter must follow at once.
    let first = body.chars().next()?;
    if !is_list_digit(first) && !matches!(body.as_bytes().get(first.len_utf8()), Some(b'.' | b')'))
    {
        return None;
    }
    let digits: usize = body
        .chars()
        .take(4)
        .take_while(|&c| is_list_digit(c))
        .map(char::len_utf8)
        .sum();
    let count = body
        .chars()
        .take(4)
        .take_while(|&c| is_list_digit(c))
        .count();
    let end = match count {
        0 => body
            .chars()
            .next()
            .filter(|&c| is_alphabetic(c))?
            .len_utf8(),
        1..=3 => digits,
        _ => return None,
    };
    let (value, numeric) = marker_value(&body[..end])?;
    let rest = &body[end..];
    let (delim, after) = if let Some(after) = rest.strip_prefix(".)") {
        (Delim::DotParen, after)
    } else if let Some(after) = rest.strip_prefix(')') {
        (Delim::Paren, after)
    } else if let Some(after) = rest.strip_prefix('.') {
        (Delim::Dot, after)
    } else {
        return None;
    };
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Marker {
        value,
        numeric,
        delim,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_parse() {
        assert_eq!(
            parse_marker("1.) The"),
            Some(Marker {
                value: 1,
                numeric: true,
                delim: Delim::DotParen
            })
        );
        assert_eq!(parse_marker("a. The").map(|m| m.delim), Some(Delim::Dot));
        assert_eq!(parse_marker("12)x"), None);
        assert_eq!(parse_marker("2019 год"), None);
    }
}
