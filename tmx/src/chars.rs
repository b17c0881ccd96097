//! XML 1.0 character rules and escaping, shared by the reader and the writer.

/// True for characters XML 1.0 allows in a document:
/// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
/// (Rust strings hold no surrogates, so only C0 controls, U+FFFE and U+FFFF
/// are excluded.)
#[inline]
pub fn is_xml_char(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{0}'..='\u{1F}' => false,
        '\u{FFFE}' | '\u{FFFF}' => false,
        _ => true,
    }
}

/// The first character of `s` that XML 1.0 forbids, with its byte offset.
#[inline]
pub fn find_illegal(s: &str) -> Option<(usize, char)> {
    // Every forbidden char starts with a byte < 0x20 (other than tab, LF,
    // CR) or 0xEF. Scan in blocks without early exit so the loop vectorises,
    // and look closer only at a block that has a candidate.
    let bytes = s.as_bytes();
    let suspect = |b: u8| -> u8 {
        let control =
            (b < 0x20) as u8 & (b != b'\t') as u8 & (b != b'\n') as u8 & (b != b'\r') as u8;
        control | (b == 0xEF) as u8
    };
    // Fixed-size blocks without early exit vectorise well.
    let blocks = bytes.chunks_exact(32);
    let tail = blocks.remainder();
    let mut from = None;
    for (k, block) in blocks.enumerate() {
        if block.iter().fold(0u8, |acc, &b| acc | suspect(b)) != 0 {
            from = Some(k * 32);
            break;
        }
    }
    if from.is_none() && tail.iter().any(|&b| suspect(b) != 0) {
        from = Some(bytes.len() - tail.len());
    }
    // Back up to a char boundary and check the rest precisely.
    let mut from = from?;
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    s[from..]
        .char_indices()
        .find(|&(_, c)| !is_xml_char(c))
        .map(|(i, c)| (from + i, c))
}

/// Validates UTF-8, returning the offset of the first invalid byte on error.
#[inline]
pub fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => Err(std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to())),
    }
}

/// Removes forbidden characters, returning how many were removed.
pub fn remove_illegal(s: &mut String) -> u64 {
    if find_illegal(s).is_none() {
        return 0;
    }
    let before = s.chars().count();
    s.retain(is_xml_char);
    (before - s.chars().count()) as u64
}

/// Appends `text` escaped for element content: `& < >` as entities, and CR as
/// `&#xD;` so that parsers do not turn it into LF.
pub fn escape_text(text: &str, out: &mut String) {
    escape_with(text, out, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\r' => Some("&#xD;"),
        _ => None,
    });
}

/// Appends `value` escaped for a double-quoted attribute; tab, LF and CR
/// become character references, which attribute normalisation keeps.
pub fn escape_attr(value: &str, out: &mut String) {
    escape_with(value, out, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\t' => Some("&#x9;"),
        b'\n' => Some("&#xA;"),
        b'\r' => Some("&#xD;"),
        _ => None,
    });
}

/// Appends `text`, replacing each ASCII byte that `replacement` maps with
/// its reference and copying the runs in between unchanged.
#[inline]
fn escape_with(text: &str, out: &mut String, replacement: impl Fn(u8) -> Option<&'static str>) {
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if let Some(rep) = replacement(b) {
            out.push_str(&text[start..i]);
            out.push_str(rep);
            start = i + 1;
        }
    }
    out.push_str(&text[start..]);
}

/// Why [`unescape_into`] failed, with the byte offset in its input.
#[derive(Debug, PartialEq, Eq)]
pub enum UnescapeError {
    /// `&name;` that is not predefined, or `&` without `;`.
    Entity(usize, String),
    /// A character reference to a forbidden or invalid code point.
    Char(usize, u32),
}

/// Appends the text of raw XML character data to `out`, resolving the five
/// predefined entities and character references. In an attribute value
/// (`attr`), literal tab, LF and CR become spaces, as XML requires.
pub fn unescape_into(raw: &str, out: &mut String, attr: bool) -> Result<(), UnescapeError> {
    let bytes = raw.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !attr {
            // In element content only `&` and CR need work: jump to them.
            match memchr::memchr2(b'&', b'\r', &bytes[i..]) {
                Some(k) => i += k,
                None => break,
            }
        }
        let b = bytes[i];
        if b == b'&' {
            out.push_str(&raw[start..i]);
            let rest = &raw[i + 1..];
            let Some(end) = rest.find(';').filter(|&e| e <= 12) else {
                let shown: String = raw[i..].chars().take(12).collect();
                return Err(UnescapeError::Entity(i, shown));
            };
            let name = &rest[..end];
            match name {
                "amp" => out.push('&'),
                "lt" => out.push('<'),
                "gt" => out.push('>'),
                "quot" => out.push('"'),
                "apos" => out.push('\''),
                _ => {
                    let code = if let Some(hex) = name.strip_prefix("#x") {
                        u32::from_str_radix(hex, 16)
                            .ok()
                            .filter(|_| !hex.starts_with('+'))
                    } else if let Some(dec) = name.strip_prefix('#') {
                        dec.parse::<u32>().ok().filter(|_| !dec.starts_with('+'))
                    } else {
                        return Err(UnescapeError::Entity(i, format!("&{name};")));
                    };
                    let Some(code) = code else {
                        return Err(UnescapeError::Entity(i, format!("&{name};")));
                    };
                    match char::from_u32(code).filter(|&c| is_xml_char(c)) {
                        Some(c) => out.push(c),
                        None => return Err(UnescapeError::Char(i, code)),
                    }
                }
            }
            i += end + 2;
            start = i;
        } else if attr && (b == b'\t' || b == b'\n' || b == b'\r') {
            out.push_str(&raw[start..i]);
            // CRLF is one line end, normalised to one space.
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            out.push(' ');
            i += 1;
            start = i;
        } else if b == b'\r' {
            // Line-end normalisation: CRLF and lone CR become LF.
            out.push_str(&raw[start..i]);
            out.push('\n');
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            i += 1;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&raw[start..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_then_unescape_is_identity() {
        let s = "a & b < c > d ]]> \"q\" 'a' \r\n\t end";
        let mut text = String::new();
        escape_text(s, &mut text);
        let mut back = String::new();
        unescape_into(&text, &mut back, false).unwrap();
        assert_eq!(back, s);
        let mut attr = String::new();
        escape_attr(s, &mut attr);
        let mut back = String::new();
        unescape_into(&attr, &mut back, true).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn raw_line_ends_are_normalised() {
        let mut out = String::new();
        unescape_into("a\r\nb\rc", &mut out, false).unwrap();
        assert_eq!(out, "a\nb\nc");
        out.clear();
        unescape_into("a\r\nb\tc", &mut out, true).unwrap();
        assert_eq!(out, "a b c");
    }

    #[test]
    fn bad_references_are_errors() {
        let mut out = String::new();
        assert_eq!(
            unescape_into("x &lol; y", &mut out, false),
            Err(UnescapeError::Entity(2, "&lol;".into()))
        );
        assert_eq!(
            unescape_into("&#x1F;", &mut out, false),
            Err(UnescapeError::Char(0, 0x1F))
        );
        assert_eq!(
            unescape_into("&#xD800;", &mut out, false),
            Err(UnescapeError::Char(0, 0xD800))
        );
        assert!(unescape_into("AT&T", &mut out, false).is_err());
    }

    #[test]
    fn illegal_chars() {
        assert_eq!(find_illegal("ok\t\n\r"), None);
        assert_eq!(find_illegal("a\u{1F}"), Some((1, '\u{1F}')));
        assert_eq!(find_illegal("\u{FFFE}"), Some((0, '\u{FFFE}')));
        assert_eq!(find_illegal("\u{F000}"), None);
        let mut s = "a\u{0}b\u{FFFF}c".to_string();
        assert_eq!(remove_illegal(&mut s), 2);
        assert_eq!(s, "abc");
    }
}
