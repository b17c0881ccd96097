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
    is_uppercase(c) || matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ')
}

/// Roman numerals such as `XIX` (centuries: `XIX в.`).
pub(crate) fn is_roman_numeral(s: &str) -> bool {
    !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b"IVXLCDM".contains(&b))
}

/// Writes `word` folded for comparison into `buf`: lower case, without
/// Arabic diacritics, tatweel and bidi controls. `None` when it does not fit
/// (such a word is never an abbreviation or a sentence starter).
///
/// The bytes are UTF-8; they are not checked again, since the lookups that
/// use them compare bytes.
pub(crate) fn fold_into<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut push = |c: char| {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return false;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
        true
    };
    for c in word.chars() {
        // The letters of ASCII, of the basic Cyrillic alphabet and of Arabic
        // are folded without the Unicode case tables, which cost far more
        // than the rest of a lookup.
        let folded = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\0'..='\u{7F}'
            | '\u{0430}'..='\u{045F}'
            | '\u{0621}'..='\u{063A}'
            | '\u{0641}'..='\u{064A}' => c,
            '\u{0400}'..='\u{042F}' => {
                // Ѐ..Џ fold to ѐ..џ, А..Я to а..я.
                let offset = if c < '\u{0410}' { 0x50 } else { 0x20 };
                char::from_u32(c as u32 + offset).unwrap_or(c)
            }
            _ if is_arabic_mark(c) || is_invisible(c) => continue,
            _ => {
                if !c.to_lowercase().all(&mut push) {
                    return None;
                }
                continue;
            }
        };
        if !push(folded) {
            return None;
        }
    }
    Some(&buf[..len])
}

/// `char::is_alphabetic`, answered for ASCII and the basic Cyrillic and
/// Arabic letters without the Unicode tables.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{0400}'..='\u{045F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_lowercase`, answered for ASCII and the basic Cyrillic and
/// Arabic letters without the Unicode tables.
#[inline]
pub(crate) fn is_lowercase(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_lowercase(),
        '\u{0430}'..='\u{045F}' => true,
        '\u{0400}'..='\u{042F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => false,
        _ => c.is_lowercase(),
    }
}

/// `char::is_uppercase`, answered for ASCII and the basic Cyrillic and
/// Arabic letters without the Unicode tables.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_uppercase(),
        '\u{0400}'..='\u{042F}' => true,
        '\u{0430}'..='\u{045F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => false,
        _ => c.is_uppercase(),
    }
}

/// `char::is_numeric`, answered for ASCII and the basic Cyrillic and
/// Arabic letters without the Unicode tables.
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_digit(),
        '\u{0400}'..='\u{045F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => false,
        _ => c.is_numeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_without_allocating() {
        let mut buf = [0u8; 64];
        let mut fold =
            |w: &str| fold_into(w, &mut buf).map(|b| String::from_utf8(b.to_vec()).unwrap());
        assert_eq!(fold("Inc").as_deref(), Some("inc"));
        assert_eq!(fold("ТЫС").as_deref(), Some("тыс"));
        assert_eq!(fold(&"x".repeat(65)), None);
        assert_eq!(fold(&"x".repeat(64)).map(|s| s.len()), Some(64));
        assert_eq!(fold("هـ").as_deref(), Some("ه"));
        assert_eq!(fold("وَقال").as_deref(), Some("وقال"));
        // `İ` lowercases to two characters.
        assert_eq!(fold("İ").as_deref(), Some("i\u{307}"));
    }

    /// Folding as the Unicode tables say, the definition the fast paths
    /// must match.
    fn reference_fold(word: &str) -> String {
        word.chars()
            .filter(|&c| !is_arabic_mark(c) && !is_invisible(c))
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn fast_paths_agree_with_the_unicode_tables_for_every_character() {
        let mut buf = [0u8; 64];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let got = fold_into(&s, &mut buf).map(<[u8]>::to_vec);
            assert_eq!(got, Some(reference_fold(&s).into_bytes()), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_are_recognised() {
        assert!(is_invisible('\u{202A}'));
        assert!(is_invisible('\u{2069}'));
        assert!(is_invisible('\u{200B}'));
        assert!(!is_invisible('\u{200C}'));
    }
}
