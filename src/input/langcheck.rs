//! Checking a language code against the text: is the code a language at
//! all, and is the text written in that language's script?

use crate::error::{Error, Result};
use crate::script::{Counts, Script};
use std::path::Path;

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

/// What a text in this script most likely is, for the message.
fn looks_like(s: Script) -> &'static str {
    match s {
        Script::Arabic => "Arabic",
        Script::Cyrillic => "Russian",
        Script::Latin => "English or another Latin-script language",
        Script::Greek => "Greek",
        _ => "a language in another script",
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
    let counts = Counts::of_letters(text, SAMPLE_CHARS);
    let letters = counts.total();
    if letters < MIN_LETTERS {
        return Ok(());
    }
    let own = counts.get(expected);
    let best = counts.dominant().unwrap_or(expected);
    let best_count = counts.get(best);
    if 2 * own >= letters || best == expected || best_count <= own {
        return Ok(());
    }
    let percent = best_count * 100 / letters;
    Err(Error::Language {
        path: path.map(Path::to_path_buf),
        message: format!(
            "declared {lang}, but looks like {} ({} {percent}%); use --force-langs to accept",
            looks_like(best),
            best.name()
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
