//! Deciding a file's encoding and decoding it: a BOM decides; else valid
//! UTF-8 is UTF-8; else the encoding given for the file; else the one
//! chardetng detects. Bytes that the encoding cannot decode are an error
//! with their offset, never replacement characters.

use crate::error::{Error, Result};
use encoding_rs::{DecoderResult, Encoding, UTF_8};
use std::path::Path;

/// What `--encoding` says about one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// Decide from the bytes: BOM, valid UTF-8, else detect.
    #[default]
    Auto,
    /// Use this encoding when the file has no BOM and is not valid UTF-8.
    IfNotUtf8(&'static Encoding),
    /// Use this encoding unless the file has a BOM.
    Always(&'static Encoding),
}

/// How a file's encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// By its byte-order mark.
    Bom,
    /// The bytes are valid UTF-8.
    Utf8,
    /// Named with `--encoding`.
    Given,
    /// Guessed by chardetng.
    Detected,
}

impl EncodingSource {
    /// "bom", "utf-8", "given", "detected".
    pub fn name(self) -> &'static str {
        match self {
            EncodingSource::Bom => "byte-order mark",
            EncodingSource::Utf8 => "valid UTF-8",
            EncodingSource::Given => "given",
            EncodingSource::Detected => "detected",
        }
    }
}

/// The encoding a file was decoded with, and how it was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// How it was decided.
    pub source: EncodingSource,
}

/// Decodes one file's bytes as `choice` says; see the module docs.
///
/// ```
/// use tmalign::input::{decode_file, encoding_for_label, EncodingChoice, EncodingSource};
/// let cp1251 = encoding_for_label("windows-1251").unwrap();
/// let (text, how) = decode_file(vec![0xCC, 0xE8, 0xF0], None, EncodingChoice::IfNotUtf8(cp1251)).unwrap();
/// assert_eq!((text.as_str(), how.source), ("Мир", EncodingSource::Given));
/// let (_, how) = decode_file(b"plain".to_vec(), None, EncodingChoice::IfNotUtf8(cp1251)).unwrap();
/// assert_eq!(how.source, EncodingSource::Utf8);
/// ```
pub fn decode_file(
    bytes: Vec<u8>,
    path: Option<&Path>,
    choice: EncodingChoice,
) -> Result<(String, Decoded)> {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        let text = decode_with(&bytes, bom, encoding, path)?;
        return Ok((
            text,
            Decoded {
                encoding,
                source: EncodingSource::Bom,
            },
        ));
    }
    if let EncodingChoice::Always(encoding) = choice {
        let text = decode_owned(bytes, encoding, path)?;
        return Ok((
            text,
            Decoded {
                encoding,
                source: EncodingSource::Given,
            },
        ));
    }
    let mut broken_utf8 = None;
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok((
                text,
                Decoded {
                    encoding: UTF_8,
                    source: EncodingSource::Utf8,
                },
            ))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // More well-formed non-ASCII UTF-8 than bad bytes: damaged
            // UTF-8, not a legacy code page.
            if mostly_utf8(&bytes) {
                broken_utf8 = Some(valid);
            }
            if broken_utf8.is_none() {
                broken_utf8 = (!matches!(choice, EncodingChoice::Auto) || !confident(&bytes))
                    .then_some(valid)
                    .filter(|_| matches!(choice, EncodingChoice::Auto));
            }
            bytes
        }
    };
    if let (Some(offset), EncodingChoice::Auto) = (broken_utf8, choice) {
        return Err(decode_error(path, offset, UTF_8));
    }
    let (encoding, source) = match choice {
        EncodingChoice::IfNotUtf8(encoding) | EncodingChoice::Always(encoding) => {
            (encoding, EncodingSource::Given)
        }
        EncodingChoice::Auto => (detect(&bytes), EncodingSource::Detected),
    };
    let text = decode_with(&bytes, 0, encoding, path)?;
    Ok((text, Decoded { encoding, source }))
}

/// chardetng's guess, UTF-8 excluded (the bytes are not valid UTF-8).
fn detect(bytes: &[u8]) -> &'static Encoding {
    detector(bytes).guess(None, false)
}

/// True when the well-formed multi-byte UTF-8 characters outnumber the
/// bytes that are not UTF-8 (text in a code page forms almost none).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > bad
}

/// Fewer non-ASCII bytes than this are stray bytes in ASCII text (a
/// damaged file), not text in a code page: detection needs evidence.
const MIN_HIGH_BYTES: usize = 8;

/// True when there is enough non-ASCII text to detect an encoding from and
/// chardetng is confident of its guess.
fn confident(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .filter(|&&b| b >= 0x80)
        .take(MIN_HIGH_BYTES)
        .count()
        >= MIN_HIGH_BYTES
        && detector(bytes).guess_assess(None, false).1
}

fn detector(bytes: &[u8]) -> chardetng::EncodingDetector {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector
}

fn decode_owned(
    bytes: Vec<u8>,
    encoding: &'static Encoding,
    path: Option<&Path>,
) -> Result<String> {
    if encoding == UTF_8 {
        return String::from_utf8(bytes)
            .map_err(|e| decode_error(path, e.utf8_error().valid_up_to(), encoding));
    }
    decode_with(&bytes, 0, encoding, path)
}

/// Decodes `bytes[skip..]` (after a BOM of `skip` bytes) without
/// replacement characters; offsets in errors count from the start.
pub(crate) fn decode_with(
    bytes: &[u8],
    skip: usize,
    encoding: &'static Encoding,
    path: Option<&Path>,
) -> Result<String> {
    let body = &bytes[skip..];
    if encoding == UTF_8 {
        return std::str::from_utf8(body)
            .map(str::to_string)
            .map_err(|e| decode_error(path, skip + e.valid_up_to(), encoding));
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, pending) => {
            let offset = skip + read - pending as usize - bad as usize;
            Err(decode_error(path, offset, encoding))
        }
        // The buffer was sized for the worst case, so this means a bug in the
        // size estimate; report it as an error rather than panic.
        DecoderResult::OutputFull => Err(decode_error(path, skip + read, encoding)),
    }
}

pub(crate) fn decode_error(
    path: Option<&Path>,
    offset: usize,
    encoding: &'static Encoding,
) -> Error {
    Error::Decode {
        path: path.map(Path::to_path_buf),
        offset,
        encoding: encoding.name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_code_pages_are_detected() {
        let ar = "قال وزير المالية إن الحكومة ستخفض الضرائب على الشركات الصغيرة في العام المقبل.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(ar);
        let (text, how) = decode_file(bytes.into_owned(), None, EncodingChoice::Auto).unwrap();
        assert_eq!(text, ar);
        assert_eq!(how.encoding.name(), "windows-1256");
        assert_eq!(how.source, EncodingSource::Detected);
        let ru = "Министр финансов заявил, что правительство снизит налоги для малого бизнеса.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
        let (text, how) = decode_file(bytes.into_owned(), None, EncodingChoice::Auto).unwrap();
        assert_eq!((text.as_str(), how.encoding.name()), (ru, "windows-1251"));
    }

    #[test]
    fn a_fallback_encoding_leaves_utf8_alone() {
        let cp1256 = encoding_rs::WINDOWS_1256;
        let (text, how) = decode_file(
            "“Who”".as_bytes().to_vec(),
            None,
            EncodingChoice::IfNotUtf8(cp1256),
        )
        .unwrap();
        assert_eq!((text.as_str(), how.source), ("“Who”", EncodingSource::Utf8));
        let (_, how) =
            decode_file(vec![0xC7, 0xE1], None, EncodingChoice::IfNotUtf8(cp1256)).unwrap();
        assert_eq!((how.encoding, how.source), (cp1256, EncodingSource::Given));
    }

    #[test]
    fn undecodable_bytes_are_an_error_with_the_offset() {
        // 0xA1 is unassigned in ISO-8859-6.
        let err = decode_file(
            b"abc\xA1".to_vec(),
            Some(Path::new("x.txt")),
            EncodingChoice::Always(encoding_rs::ISO_8859_6),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "x.txt: invalid ISO-8859-6 at byte 3");
    }
}
