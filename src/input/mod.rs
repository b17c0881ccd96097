//! Reading input: bytes in, text out. Each file is decoded on its own (a
//! BOM decides; else valid UTF-8 is UTF-8; else the encoding is named or
//! detected), HTML and DOCX give their visible paragraphs, binary files are
//! refused, and a file's language can be checked against its script.
//!
//! For HTML and DOCX, sentence offsets point into the extracted text, not
//! into the file.

mod decode;
mod detect;
mod docx;
mod html;
mod langcheck;

pub use crate::lang::is_known_language;
pub use decode::{decode_file, Decoded, EncodingChoice, EncodingSource};
pub use detect::Format;
#[doc(hidden)]
pub use docx::write_minimal_docx;
pub use langcheck::check_language;
pub(crate) use langcheck::expected_script;

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;
use std::path::Path;

/// Looks up an encoding by one of its WHATWG labels, such as `windows-1256`,
/// `cp1251`, `koi8-r`, `iso-8859-6` or `utf-16le`.
///
/// ```
/// assert_eq!(tmalign::input::encoding_for_label("CP1251").unwrap().name(), "windows-1251");
/// assert!(tmalign::input::encoding_for_label("klingon").is_err());
/// ```
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| Error::UnknownEncoding {
        label: label.to_string(),
    })
}

/// Decodes `bytes`. A byte-order mark wins: UTF-8, UTF-16 LE and UTF-16 BE
/// are recognised by it and the BOM is dropped. Without a BOM the text is
/// `encoding`, or UTF-8 when that is `None`.
///
/// Malformed input is an error that names `path` and the byte offset of the
/// first bad byte in the file.
///
/// ```
/// use tmalign::input::decode;
/// assert_eq!(decode(b"\xEF\xBB\xBFhi", None, None).unwrap(), "hi");
/// assert_eq!(decode(b"\xFF\xFEh\0i\0", None, None).unwrap(), "hi");
/// let err = decode(b"ok\xFF", None, None).unwrap_err();
/// assert!(err.to_string().contains("byte 2"));
/// ```
pub fn decode(
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
    path: Option<&Path>,
) -> Result<String> {
    decode_cow(Cow::Borrowed(bytes), encoding, path)
}

/// [`decode`] for borrowed or owned bytes: UTF-8 that is already owned is
/// validated in place and becomes the `String` without a copy.
fn decode_cow(
    bytes: Cow<'_, [u8]>,
    encoding: Option<&'static Encoding>,
    path: Option<&Path>,
) -> Result<String> {
    let (encoding, bom_len) = match Encoding::for_bom(&bytes) {
        Some((enc, len)) => (enc, len),
        None => (encoding.unwrap_or(UTF_8), 0),
    };
    if encoding == UTF_8 {
        let mut owned = bytes.into_owned();
        owned.drain(..bom_len);
        return String::from_utf8(owned)
            .map_err(|e| decode_error(path, bom_len + e.utf8_error().valid_up_to(), encoding));
    }
    decode::decode_with(&bytes, bom_len, encoding, path)
}

/// A file read as text: its visible text, the format it came in, and how
/// its encoding was decided.
#[derive(Debug, Clone)]
pub struct Input {
    /// The decoded (for HTML and DOCX, extracted) text.
    pub text: String,
    /// What the file was.
    pub format: Format,
    /// The encoding and how it was decided (DOCX is always UTF-8 inside).
    pub decoded: Decoded,
}

/// Reads one input from its bytes: refuses binary formats, decodes
/// (see [`decode_file`]) and extracts the text of HTML and DOCX. `path`
/// names the file in errors and its extension picks HTML or DOCX.
///
/// ```
/// use tmalign::input::{read_input, EncodingChoice, Format};
/// let html = b"<html><body><nav>Home</nav><p>One &amp; two.</p></body></html>".to_vec();
/// let input = read_input(html, Some("a.html".as_ref()), EncodingChoice::Auto).unwrap();
/// assert_eq!((input.text.as_str(), input.format), ("One & two.", Format::Html));
/// let pdf = b"%PDF-1.7 ...".to_vec();
/// assert!(read_input(pdf, Some("a.txt".as_ref()), EncodingChoice::Auto).unwrap_err().to_string().contains("PDF"));
/// ```
pub fn read_input(bytes: Vec<u8>, path: Option<&Path>, choice: EncodingChoice) -> Result<Input> {
    let format = detect::sniff(&bytes, path)?;
    match format {
        Format::Docx => {
            let text = docx::paragraphs(&bytes, path)?;
            Ok(Input {
                text,
                format,
                decoded: Decoded {
                    encoding: UTF_8,
                    source: EncodingSource::Utf8,
                },
            })
        }
        Format::Html => {
            let (source, decoded) = decode_file(bytes, path, choice)?;
            Ok(Input {
                text: html::visible_text(&source),
                format,
                decoded,
            })
        }
        Format::Text => {
            let (text, decoded) = decode_file(bytes, path, choice)?;
            Ok(Input {
                text,
                format,
                decoded,
            })
        }
    }
}

/// Reads and decodes a file; see [`decode`].
pub fn read_file(path: &Path, encoding: Option<&'static Encoding>) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: Some(path.to_path_buf()),
        source,
    })?;
    decode_cow(Cow::Owned(bytes), encoding, Some(path))
}

fn decode_error(path: Option<&Path>, offset: usize, encoding: &'static Encoding) -> Error {
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
    fn legacy_code_pages_decode() {
        let cp1251 = encoding_for_label("windows-1251").unwrap();
        // "Мир" in windows-1251.
        assert_eq!(
            decode(&[0xCC, 0xE8, 0xF0], Some(cp1251), None).unwrap(),
            "Мир"
        );
        let koi8 = encoding_for_label("koi8-r").unwrap();
        // "мир" in KOI8-R.
        assert_eq!(
            decode(&[0xCD, 0xC9, 0xD2], Some(koi8), None).unwrap(),
            "мир"
        );
        let cp1256 = encoding_for_label("windows-1256").unwrap();
        // "سلام" in windows-1256.
        assert_eq!(
            decode(&[0xD3, 0xE1, 0xC7, 0xE3], Some(cp1256), None).unwrap(),
            "سلام"
        );
    }

    #[test]
    fn bom_overrides_the_requested_encoding() {
        let cp1251 = encoding_for_label("windows-1251").unwrap();
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xD0\x9C", Some(cp1251), None).unwrap(),
            "М"
        );
    }

    #[test]
    fn invalid_utf8_offset_counts_the_bom() {
        let err = decode(b"\xEF\xBB\xBFab\xC3", None, Some(Path::new("x.txt"))).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: invalid UTF-8 at byte 5");
    }

    #[test]
    fn unpaired_surrogate_in_utf16_is_an_error_with_offset() {
        // BOM, 'a', then a lone high surrogate followed by 'b'.
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        match decode(&bytes, None, None) {
            Err(Error::Decode {
                offset, encoding, ..
            }) => {
                assert_eq!(encoding, "UTF-16LE");
                assert_eq!(offset, 4);
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn odd_trailing_byte_in_utf16_is_an_error() {
        assert!(decode(&[0xFE, 0xFF, 0, b'a', 0], None, None).is_err());
    }
}
