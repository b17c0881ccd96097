//! Character classes the rules look at.

use crate::script::is_arabic_mark;

/// Bidirectional formatting controls (LRM, RLM, ALM, LRE..RLO, LRI..PDI)
/// and zero-width format characters (ZWSP, word joiner, BOM). They carry no
/// meaning for sentence boundaries, so the rules look through them:
/// `د\u{202A}.\u{202C}` is the abbreviation `د.`.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that end a sentence whatever follows them (no abbreviation
/// reading): `!`, `?`, the Arabic question mark, the Urdu full stop and the
/// double marks.
pub(crate) fn is_strong_terminal(c: char) -> bool {
    matches!(
        c,
        '!' | '?' | '؟' | '۔' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '｡'
    )
}

/// Full-width terminals of scripts written without spaces between
/// sentences: they end a sentence even when text follows at once.
pub(crate) fn is_unspaced_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Closing quotes and brackets that stay with the sentence they close.
/// `“` is here for German `„…“`; `’` and `'` for single quotes.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '»' | '›' | '”' | '’' | '“'
    )
}

/// Opening quotes and brackets that may stand before the first word of a
/// sentence.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '«' | '‹' | '“' | '„' | '‘' | '‚' | '¿' | '¡'
    )
}

/// List bullets.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦' | '▪' | '‣' | '⁃' | '·' | '●' | '■' | '*' | '-' | '–' | '—'
    )
}

/// Dashes that introduce the words after direct speech (`?» — сказал`).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−')
}

/// Capital letters, including the titlecase digraphs (`ǅ`).
pub(crate) fn is_capital(c: char) -> bool {
    c.is_uppercase() || matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ')
}

/// Roman numerals such as `XIX` (centuries: `XIX в.`).
pub(crate) fn is_roman_numeral(s: &str) -> bool {
    !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b"IVXLCDM".contains(&b))
}

/// Writes `word` folded for comparison into `buf`: lower case, without
/// Arabic diacritics, tatweel and bidi controls. `None` when it does not fit
/// (such a word is never an abbreviation or a sentence starter).
pub(crate) fn fold_into<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut len = 0;
    let kept = word
        .chars()
        .filter(|&c| !is_arabic_mark(c) && !is_invisible(c));
    for c in kept.flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    std::str::from_utf8(&buf[..len]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_without_allocating() {
        let mut buf = [0u8; 64];
        assert_eq!(fold_into("Inc", &mut buf), Some("inc"));
        assert_eq!(fold_into("ТЫС", &mut buf), Some("тыс"));
        assert_eq!(fold_into(&"x".repeat(65), &mut buf), None);
        assert_eq!(fold_into("هـ", &mut buf), Some("ه"));
        assert_eq!(fold_into("وَقال", &mut buf), Some("وقال"));
    }

    #[test]
    fn invisible_characters_are_recognised() {
        assert!(is_invisible('\u{202A}'));
        assert!(is_invisible('\u{2069}'));
        assert!(is_invisible('\u{200B}'));
        assert!(!is_invisible('\u{200C}'));
    }
}
