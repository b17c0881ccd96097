//! Checking a language code against the text: is the code a language at
//! all, and is the text written in that language's script?

use crate::error::{Error, Result};
use crate::segment::chars::{script, Script};
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
/// assert!(tmalign::input::is_known_language("ar-SA"));
/// assert!(tmalign::input::is_known_language("fr"));
/// assert!(!tmalign::input::is_known_language("xx"));
/// assert!(!tmalign::input::is_known_language("r&u"));
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
    let primary = crate::lang::primary(code).to_ascii_lowercase();
    match primary.len() {
        2 => ISO_639_1.split(' ').any(|c| c == primary),
        3 => ISO_639_3.contains(&primary.as_str()),
        1 => primary == "x" || primary == "i",
        _ => false,
    }
}

/// The script a language is written in, for the languages whose script is
/// not in doubt (Serbian and Uzbek, written in two, are not checked).
pub(crate) fn expected_script(lang: &str) -> Option<Script> {
    let primary = crate::lang::primary(lang.trim()).to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" | "ara" | "arb" | "ary" | "arz" | "apc" | "acm" | "ajp" | "aeb" | "fa" | "fas"
        | "per" | "ur" | "urd" | "ps" | "ug" | "sd" | "ks" => Script::Arabic,
        "ru" | "rus" | "uk" | "ukr" | "be" | "bel" | "bg" | "bul" | "mk" | "kk" | "ky" | "tg"
        | "tt" | "ba" | "cv" | "ce" | "os" | "mn" => Script::Cyrillic,
        "el" | "ell" | "gre" => Script::Greek,
        "en" | "eng" | "fr" | "fra" | "fre" | "de" | "deu" | "ger" | "es" | "spa" | "it"
        | "ita" | "pt" | "por" | "nl" | "nld" | "dut" | "pl" | "pol" | "cs" | "ces" | "cze"
        | "sk" | "sl" | "hr" | "hrv" | "bs" | "ro" | "ron" | "rum" | "hu" | "hun" | "fi"
        | "fin" | "et" | "lv" | "lt" | "sv" | "swe" | "da" | "dan" | "no" | "nor" | "nb"
        | "nob" | "nn" | "nno" | "is" | "ga" | "cy" | "eu" | "ca" | "gl" | "tr" | "tur" | "az"
        | "id" | "ms" | "vi" | "tl" | "tgl" | "fil" | "sw" | "swa" | "sq" | "mt" | "lb" | "af"
        | "zu" | "xh" | "eo" | "la" | "oc" | "br" | "fy" | "gd" | "so" | "ha" | "yo" | "ig" => {
            Script::Latin
        }
        _ => return None,
    })
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::Arabic => "Arabic",
        Script::Cyrillic => "Cyrillic",
        Script::Latin => "Latin",
        Script::Greek => "Greek",
        Script::Other => "another",
    }
}

/// What a text in this script most likely is, for the message.
fn looks_like(s: Script) -> &'static str {
    match s {
        Script::Arabic => "Arabic",
        Script::Cyrillic => "Russian",
        Script::Latin => "English or another Latin-script language",
        Script::Greek => "Greek",
        Script::Other => "a language in another script",
    }
}

/// Fewer letters than this are too few to judge.
const MIN_LETTERS: usize = 20;
/// Letters looked at: enough to judge, bounded on huge inputs.
const SAMPLE_CHARS: usize = 1 << 20;

/// Checks that `text` is written in the script of `lang`. Quoted foreign
/// names, Latin brand names and numbers are tolerated: the text fails only
/// when fewer than half of its letters are in the expected script and
/// another script has more. Languages without a checkable script pass.
///
/// ```
/// use tmalign::input::check_language;
/// assert!(check_language("en", "Путин заявил, что Россия готова к переговорам.", None).is_err());
/// assert!(check_language("ru", "Компания Apple и Microsoft объявили о партнёрстве.", None).is_ok());
/// ```
pub fn check_language(lang: &str, text: &str, path: Option<&Path>) -> Result<()> {
    let Some(expected) = expected_script(lang) else {
        return Ok(());
    };
    let mut counts = [0usize; 5];
    let index = |s: Script| match s {
        Script::Latin => 0,
        Script::Cyrillic => 1,
        Script::Greek => 2,
        Script::Arabic => 3,
        Script::Other => 4,
    };
    for c in text
        .chars()
        .take(SAMPLE_CHARS)
        .filter(|c| c.is_alphabetic())
    {
        counts[index(script(c))] += 1;
    }
    let letters: usize = counts.iter().sum();
    if letters < MIN_LETTERS {
        return Ok(());
    }
    let own = counts[index(expected)];
    let (best, best_count) = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Other,
    ]
    .into_iter()
    .map(|s| (s, counts[index(s)]))
    .max_by_key(|&(_, n)| n)
    .unwrap_or((expected, own));
    if 2 * own >= letters || best == expected || best_count <= own {
        return Ok(());
    }
    let percent = best_count * 100 / letters;
    Err(Error::Language {
        path: path.map(Path::to_path_buf),
        message: format!(
            "declared {lang}, but looks like {} ({} {percent}%); use --force-langs to accept",
            looks_like(best),
            script_name(best)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_checked_with_tolerance() {
        let ar = "قال الرئيس إيمانويل ماكرون (Emmanuel Macron) إن فرنسا ستدعم الخطة في 2026.";
        assert!(check_language("ar", ar, None).is_ok());
        assert!(check_language("fr", ar, None).is_err());
        let err = check_language(
            "en",
            "Путин заявил, что Россия готова к переговорам.",
            Some(Path::new("x.en.txt")),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.en.txt: declared en, but looks like Russian (Cyrillic 100%)"),
            "{err}"
        );
        // Too few letters to judge, and languages of other scripts.
        assert!(check_language("en", "2026 — 15%", None).is_ok());
        assert!(
            check_language("zh", "Путин заявил, что Россия готова к переговорам.", None).is_ok()
        );
    }
}
