//! TMX dates: the one form TMX 1.4b allows, `YYYYMMDDThhmmssZ` (UTC),
//! written and checked.

/// Formats seconds since 1970 as a TMX date, `YYYYMMDDThhmmssZ` (UTC).
///
/// ```
/// assert_eq!(tmx::tmx_date(0), "19700101T000000Z");
/// assert_eq!(tmx::tmx_date(1_700_000_000), "20231114T221320Z");
/// ```
pub fn tmx_date(seconds: u64) -> String {
    let days = seconds / 86_400;
    let rest = seconds % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// True for the TMX date form `YYYYMMDDThhmmssZ` (UTC), the only form
/// TMX 1.4b allows.
///
/// ```
/// assert!(tmx::is_tmx_date("20261129T093000Z"));
/// assert!(!tmx::is_tmx_date("2026-11-29"));
/// ```
pub fn is_tmx_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

pub(crate) fn is_date_attr(name: &str) -> bool {
    matches!(name, "creationdate" | "changedate" | "lastusagedate")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
        assert_eq!(tmx_date(4_102_444_799), "20991231T235959Z");
    }
}
