//! Language codes: guessing them from file names and from the script of a text.

use std::path::Path;

/// Guesses a language from a file name: `ar.txt`, `news.ru.txt`, `en`.
///
/// ```
/// use std::path::Path;
/// assert_eq!(tmalign::lang::from_file_name(Path::new("story.ru.txt")).as_deref(), Some("ru"));
/// assert_eq!(tmalign::lang::from_file_name(Path::new("dir/ar.txt")).as_deref(), Some("ar"));
/// assert_eq!(tmalign::lang::from_file_name(Path::new("notes.txt")), None);
/// ```
pub fn from_file_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    // Try every dot-separated part except a final extension, last first.
    let parts: Vec<&str> = name.split('.').collect();
    let candidates = if parts.len() > 1 {
        &parts[..parts.len() - 1]
    } else {
        &parts[..]
    };
    candidates
        .iter()
        .rev()
        .find(|p| looks_like_language_code(p))
        .map(|p| canonical(p))
}

/// True for `ar`, `en`, `ru`, `ar-SA`, `en_US`, `fil`, ...: two or three
/// letters, optionally followed by subtags.
fn looks_like_language_code(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Canonical BCP 47 form: hyphens, lowercase language, uppercase region,
/// titlecase script (`ar_sa` → `ar-SA`, `SR-latn` → `sr-Latn`). The same
/// spelling the TMX writer and reader use, so languages compare equal
/// across the pipeline.
///
/// ```
/// assert_eq!(tmalign::lang::canonical("AR_sa"), "ar-SA");
/// ```
pub fn canonical(code: &str) -> String {
    tmx::lang::canonical(code)
}

/// The primary language subtag: `ar-SA` → `ar`.
pub fn primary(code: &str) -> &str {
    code.split(['-', '_']).next().unwrap_or(code)
}

/// Guesses the language of a text from the script most of its letters are
/// in: Arabic script → `ar`, Cyrillic → `ru`, Latin → `en`. `None` when the
/// text has no letters.
pub fn from_script(text: &str) -> Option<String> {
    let (mut arabic, mut cyrillic, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars().take(200_000) {
        match c {
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
                if c.is_alphabetic() =>
            {
                arabic += 1
            }
            '\u{0400}'..='\u{052F}' => cyrillic += 1,
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let best = arabic.max(cyrillic).max(latin);
    if best == 0 {
        None
    } else if best == arabic {
        Some("ar".to_string())
    } else if best == cyrillic {
        Some("ru".to_string())
    } else {
        Some("en".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_detection() {
        assert_eq!(from_script("مرحبا بالعالم").as_deref(), Some("ar"));
        assert_eq!(from_script("Привет, мир").as_deref(), Some("ru"));
        assert_eq!(from_script("Hello, world").as_deref(), Some("en"));
        assert_eq!(from_script("123 456"), None);
    }
}
