//! Language codes: one canonical BCP 47 spelling for reading and writing.

/// Returns the canonical BCP 47 form of a language code as found in TMX files.
///
/// Underscores become hyphens (OmegaT ignores `ar_SA`), the language subtag
/// is lower case, a 4-letter script subtag is title case, a 2-letter region
/// upper case, and DGT-TM's two-digit suffixes (`BG-01`) are dropped, since no
/// BCP 47 subtag is two digits. Surrounding whitespace is removed. The TMX
/// wildcard `*all*` and the empty string are returned unchanged.
///
/// ```
/// assert_eq!(tmx::lang::canonical("ar_SA"), "ar-SA");
/// assert_eq!(tmx::lang::canonical("BG-01"), "bg");
/// assert_eq!(tmx::lang::canonical("zh-hant-tw"), "zh-Hant-TW");
/// assert_eq!(tmx::lang::canonical("EN-us"), "en-US");
/// ```
pub fn canonical(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    canonical_into(code, &mut out);
    out
}

/// [`canonical`] into a reused buffer (cleared first).
pub(crate) fn canonical_into(code: &str, out: &mut String) {
    out.clear();
    let code = code.trim();
    // Fast path for the usual bare language subtag.
    if code.len() <= 3 && code.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push_str(code);
        return;
    }
    if code == "*all*" {
        out.push_str(code);
        return;
    }
    // After a singleton (`x-`, `u-`, ...) subtags are opaque: lower case only.
    let mut in_extension = false;
    for (index, subtag) in code.split(['-', '_']).enumerate() {
        if subtag.is_empty() {
            continue;
        }
        let is_digits = subtag.bytes().all(|b| b.is_ascii_digit());
        if index > 0 && is_digits && subtag.len() == 2 && !in_extension {
            continue; // DGT-TM's `-01`
        }
        if !out.is_empty() {
            out.push('-');
        }
        let all_alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
        if index == 0 || in_extension {
            out.extend(subtag.chars().map(|c| c.to_ascii_lowercase()));
        } else if subtag.len() == 4 && all_alpha {
            let mut chars = subtag.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
            }
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        } else if subtag.len() == 2 && all_alpha {
            out.extend(subtag.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            out.extend(subtag.chars().map(|c| c.to_ascii_lowercase()));
        }
        if index > 0 && subtag.len() == 1 {
            in_extension = true;
        }
        if index == 0 && subtag.eq_ignore_ascii_case("x") {
            in_extension = true;
        }
    }
}

/// True when `code` is a well-formed BCP 47 language tag (RFC 5646 syntax,
/// in any case), or the TMX wildcard `*all*`. Only the syntax is checked,
/// not the registry: `qq-ZZ` is well-formed, `r&u` and `en_US` are not.
///
/// ```
/// use tmx::lang::is_well_formed;
/// assert!(is_well_formed("en") && is_well_formed("zh-Hant-TW") && is_well_formed("de-CH-1996"));
/// assert!(is_well_formed("x-klingon") && is_well_formed("en-a-bbb-x-a-ccc") && is_well_formed("i-klingon"));
/// assert!(!is_well_formed("r&u") && !is_well_formed("en_US") && !is_well_formed("e") && !is_well_formed("en--us"));
/// ```
pub fn is_well_formed(code: &str) -> bool {
    // The forms nearly every variant has, `ll`, `lll` and `ll-RR`, without
    // the general parse (which collects the subtags: an allocation per
    // variant read).
    let alpha = |b: &[u8]| b.iter().all(u8::is_ascii_alphabetic);
    let common = match code.as_bytes() {
        b @ ([_, _] | [_, _, _]) => alpha(b),
        [a, b, b'-', c, d] => alpha(&[*a, *b, *c, *d]),
        _ => false,
    };
    common || is_well_formed_tag(code)
}

/// The whole RFC 5646 grammar, for the codes [`is_well_formed`] has no
/// shortcut for.
fn is_well_formed_tag(code: &str) -> bool {
    if code == "*all*" {
        return true;
    }
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let subtags: Vec<&str> = code.split('-').collect();
    if subtags
        .iter()
        .any(|t| t.is_empty() || t.len() > 8 || !alnum(t))
    {
        return false;
    }
    let first = subtags[0];
    // privateuse = "x" 1*("-" 1*8alphanum); irregular "i-..." tags alike.
    if first.eq_ignore_ascii_case("x") || first.eq_ignore_ascii_case("i") {
        return subtags.len() > 1;
    }
    if !(alpha(first) && (2..=8).contains(&first.len())) {
        return false;
    }
    let mut k = 1;
    // extlang: up to three 3-letter subtags after a 2-3 letter language.
    let mut extlangs = 0;
    while first.len() <= 3
        && extlangs < 3
        && k < subtags.len()
        && subtags[k].len() == 3
        && alpha(subtags[k])
    {
        k += 1;
        extlangs += 1;
    }
    if k < subtags.len() && subtags[k].len() == 4 && alpha(subtags[k]) {
        k += 1; // script
    }
    if k < subtags.len()
        && ((subtags[k].len() == 2 && alpha(subtags[k]))
            || (subtags[k].len() == 3 && digit(subtags[k])))
    {
        k += 1; // region
    }
    while k < subtags.len() {
        let t = subtags[k];
        let variant = t.len() >= 5 || (t.len() == 4 && t.as_bytes()[0].is_ascii_digit());
        if !variant {
            break;
        }
        k += 1;
    }
    // extensions: singleton 1*("-" 2*8alphanum); then private use.
    while k < subtags.len() {
        let t = subtags[k];
        if t.len() != 1 {
            return false;
        }
        let private = t.eq_ignore_ascii_case("x");
        let min = if private { 1 } else { 2 };
        let mut n = 0;
        k += 1;
        while k < subtags.len() && subtags[k].len() >= min && (private || subtags[k].len() > 1) {
            k += 1;
            n += 1;
        }
        if n == 0 {
            return false;
        }
        if private && k < subtags.len() {
            return false;
        }
    }
    true
}

/// True when `a` and `b` name the same language once canonicalised.
pub fn same(a: &str, b: &str) -> bool {
    canonical(a) == canonical(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Cheap cases, so many: the shortcut's shapes must be hit often.
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn shortcut_agrees_with_the_grammar(code in "[a-zA-Z0-9]{1,3}(-[a-zA-Z0-9]{2})?|[a-zA-Z0-9*_&-]{0,6}") {
            prop_assert_eq!(is_well_formed(&code), is_well_formed_tag(&code), "{:?}", code);
        }
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("ar_SA", "ar-SA"),
            ("AR-SA", "ar-SA"),
            ("BG-01", "bg"),
            ("en", "en"),
            (" ru ", "ru"),
            ("sr_latn_RS", "sr-Latn-RS"),
            ("es-419", "es-419"),
            ("*all*", "*all*"),
            ("", ""),
            ("x-Klingon", "x-klingon"),
            ("en-x-AB", "en-x-ab"),
        ];
        for (input, want) in cases {
            assert_eq!(canonical(input), want, "input {input:?}");
        }
    }

    #[test]
    fn canonical_is_idempotent() {
        for code in ["ar_SA", "BG-01", "zh-hant-tw", "de-CH-1996", "en-x-AB"] {
            let once = canonical(code);
            assert_eq!(canonical(&once), once);
        }
    }
}
