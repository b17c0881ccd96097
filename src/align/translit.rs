//! Transliteration: folding a word's letter variants away and reading a name
//! as a skeleton of consonant classes that is the same in every script.

use super::tokens::is_arabic_mark;

/// Removes Latin diacritics: `é` → `e`, `ß` → `s`, `ø` → `o`.
pub(super) fn fold_latin(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' | 'œ' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' | 'ś' | 'š' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'đ' | 'ď' => 'd',
        'ť' => 't',
        'ё' => 'е',
        'æ' => 'a',
        _ => c,
    }
}

/// Unifies Arabic letter variants (alef forms, alef maqsura, ta marbuta)
/// and drops harakat and tatweel.
pub(super) fn fold_arabic(word: &[char]) -> String {
    word.iter()
        .filter(|&&c| !is_arabic_mark(c))
        .map(|&c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c,
        })
        .collect()
}

/// Strips the definite article and the clitics fused with it
/// (ال, وال, بال, لل, فال, كال), which names lack in other languages.
pub(super) fn strip_arabic_article(word: &str) -> &str {
    for prefix in ["وال", "بال", "فال", "كال", "ال", "لل"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    word
}

/// Transliterates a folded lower-case word (Latin, Cyrillic or Arabic) to a
/// skeleton of coarse consonant classes, so that a name reads the same in
/// every script: Путин, Putin and بوتين all give `BTN`.
pub(crate) fn skeleton(folded: &str) -> String {
    let mut latin = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        latin.push_str(translit(c));
    }
    let bytes = latin.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let two = bytes.get(i..i + 2);
        let (class, step) = match two {
            Some(b"th") => (Some('T'), 2),
            Some(b"sh" | b"ch" | b"zh") => (Some('S'), 2),
            Some(b"ph") => (Some('F'), 2),
            Some(b"kh" | b"gh" | b"ck") => (Some('K'), 2),
            _ => (consonant_class(bytes[i]), 1),
        };
        if let Some(class) = class {
            if !out.ends_with(class) {
                out.push(class);
            }
        }
        i += step;
    }
    out
}

fn consonant_class(b: u8) -> Option<char> {
    Some(match b {
        b'b' | b'p' => 'B',
        b'f' | b'v' => 'F',
        b't' => 'T',
        b'd' => 'D',
        b's' | b'z' | b'x' => 'S',
        b'k' | b'q' | b'c' | b'g' | b'j' => 'K',
        b'l' => 'L',
        b'm' => 'M',
        b'n' => 'N',
        b'r' => 'R',
        b'h' => 'H',
        _ => return None,
    })
}

/// Romanises one lower-case Cyrillic or Arabic letter; other chars pass
/// through as they are (Latin) or vanish.
fn translit(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'ы' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ю' => "yu",
        'я' => "ya",
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' | 'ظ' => "z",
        'ر' => "r",
        'ز' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'غ' => "gh",
        'ف' | 'ڤ' => "f",
        'ق' | 'ك' | 'گ' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ا' | 'و' | 'ي' | 'ع' | 'ء' | 'ئ' | 'ؤ' => "a",
        'پ' => "p",
        c if c.is_ascii_lowercase() => ASCII[(c as u8 - b'a') as usize],
        _ => "",
    }
}

const ASCII: [&str; 26] = [
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "y", "z",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_match_across_scripts() {
        let s = |w: &str| skeleton(&w.to_lowercase());
        assert_eq!(s("Putin"), "BTN");
        assert_eq!(s("Путин"), "BTN");
        assert_eq!(s("بوتين"), "BTN");
        assert_eq!(s("Trump"), s("Трамп"));
        assert_eq!(s("Trump"), s("ترامب"));
        assert_eq!(s("Mohammed"), s("محمد"));
    }
}
