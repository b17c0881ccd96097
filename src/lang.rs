//! Language codes: which codes are languages, and guessing them from file
//! and folder names and from the script of a text.

use crate::error::{Error, Result};
use crate::script::{Counts, Script};
use std::path::Path;

/// ISO 639-1 codes: the two-letter languages.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Three-letter codes the rest of tmalign knows (ISO 639-2/3 for the
/// languages with rules, and the special codes).
const ISO_639_3: &[&str] = &[
    "ara", "arb", "eng", "rus", "fas", "per", "urd", "deu", "ger", "fra", "fre", "spa", "ita",
    "por", "nld", "dut", "tur", "ukr", "bel", "bul", "srp", "hrv", "pol", "ces", "cze", "zho",
    "chi", "jpn", "kor", "heb", "fil", "tgl", "ary", "arz", "apc", "acm", "ajp", "aeb", "und",
    "mul", "zxx", "yue", "cmn", "swa", "fin", "swe", "dan", "nor", "nob", "nno", "hun", "ron",
    "rum", "ell", "gre",
];

/// True when `code`'s primary subtag names a language: an ISO 639-1 code,
/// one of the common three-letter codes, or a private-use `x-` code.
///
/// ```
/// assert!(tmalign::lang::is_known_language("ar-SA"));
/// assert!(tmalign::lang::is_known_language("fr"));
/// assert!(!tmalign::lang::is_known_language("xx"));
/// assert!(!tmalign::lang::is_known_language("r&u"));
/// ```
pub fn is_known_language(code: &str) -> bool {
    let code = code.trim();
    if code.is_empty()
        || !code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return false;
    }
    let primary = primary(code).to_ascii_lowercase();
    match primary.len() {
        2 => ISO_639_1.split(' ').any(|c| c == primary),
        3 => ISO_639_3.contains(&primary.as_str()),
        1 => primary == "x" || primary == "i",
        _ => false,
    }
}

/// A language code given by a user or a caller, checked and made canonical:
/// the one check, so an unknown code is the same error wherever it is given.
///
/// ```
/// assert_eq!(tmalign::lang::validate("ar_sa")?, "ar-SA");
/// let err = tmalign::lang::validate("xx").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown language code \"xx\" (use a BCP 47 code such as ar, en, ru, fr)"
/// );
/// # Ok::<(), tmalign::Error>(())
/// ```
pub fn validate(code: &str) -> Result<String> {
    if !is_known_language(code) {
        let shown: String = code.chars().take(64).collect();
        return Err(Error::Language {
            path: None,
            message: format!(
                "unknown language code {shown:?} (use a BCP 47 code such as ar, en, ru, fr)"
            ),
        });
    }
    Ok(canonical(code.trim()))
}

/// Guesses a language from a folder name: `en`, `corpus.ru`, `ar-SA`. Unlike
/// [`from_file_name`] the last dot-separated part is a candidate too (a
/// folder has no extension), and only known languages are returned.
///
/// ```
/// use std::path::Path;
/// assert_eq!(tmalign::lang::from_folder_name(Path::new("books/news.ru")).as_deref(), Some("ru"));
/// assert_eq!(tmalign::lang::from_folder_name(Path::new("en_GB")).as_deref(), Some("en-GB"));
/// assert_eq!(tmalign::lang::from_folder_name(Path::new("texts")), None);
/// ```
pub fn from_folder_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    name.rsplit('.')
        .find(|p| looks_like_language_code(p) && is_known_language(p))
        .map(canonical)
}

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
/// in: Arabic script → `ar`, Cyrillic → `ru`, Greek → `el`, Latin → `en`.
/// `None` when the text has no letters in those scripts.
pub fn from_script(text: &str) -> Option<String> {
    let counts = Counts::of_letters(text, 200_000);
    let best = counts.dominant_of(&[
        Script::Arabic,
        Script::Cyrillic,
        Script::Greek,
        Script::Latin,
    ])?;
    Some(
        match best {
            Script::Arabic => "ar",
            Script::Cyrillic => "ru",
            Script::Greek => "el",
            _ => "en",
        }
        .to_string(),
    )
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
        // Accented and Vietnamese Latin, Greek, and Arabic presentation forms.
        assert_eq!(
            from_script("Nguyễn Thị Minh Khai, ça déçoit").as_deref(),
            Some("en")
        );
        assert_eq!(from_script("Καλημέρα κόσμε").as_deref(), Some("el"));
        assert_eq!(from_script("ﻻ ﷲ ﻣﺮﺣﺒﺎ").as_deref(), Some("ar"));
        assert_eq!(from_script("中文"), None);
    }

    #[test]
    fn validation_is_one_error_for_every_unknown_code() {
        assert_eq!(validate(" RU ").unwrap(), "ru");
        assert_eq!(validate("sr-latn").unwrap(), "sr-Latn");
        for bad in ["xx", "r&u", "", "en us", "toolongcode"] {
            let err = validate(bad).unwrap_err();
            assert!(
                matches!(err, Error::Language { path: None, .. }),
                "{bad}: {err}"
            );
            assert!(
                err.to_string().starts_with("unknown language code"),
                "{err}"
            );
        }
        let long = "x".repeat(10_000);
        assert!(validate(&long).unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn folder_names() {
        assert_eq!(from_folder_name(Path::new("a/b/ar")).as_deref(), Some("ar"));
        assert_eq!(
            from_folder_name(Path::new("ru.corpus")).as_deref(),
            Some("ru")
        );
        assert_eq!(from_folder_name(Path::new("xx")), None);
    }
}
