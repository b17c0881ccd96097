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

/// True when `a` and `b` name the same language once canonicalised.
pub fn same(a: &str, b: &str) -> bool {
    canonical(a) == canonical(b)
}

#[cfg(test)]
mod tests {
    use super::*;

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
