//! What a file is: plain text, HTML, DOCX, or a binary format tmalign
//! refuses (PDF, images, archives, executables).

use crate::error::{Error, Result};
use std::path::Path;

/// The format an input came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text.
    Text,
    /// HTML: the visible text of the body.
    Html,
    /// Word (OOXML): the paragraphs of `word/document.xml`.
    Docx,
}

impl Format {
    /// "text", "html" or "docx", as the JSON output names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// Decides the format from the first bytes, then from the extension.
pub(crate) fn sniff(bytes: &[u8], path: Option<&Path>) -> Result<Format> {
    let refuse = |found: &str| Error::Format {
        path: path.map(Path::to_path_buf),
        found: found.to_string(),
        offset: None,
    };
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if bytes.starts_with(b"PK\x03\x04") {
        return if super::docx::is_docx(bytes) {
            Ok(Format::Docx)
        } else {
            Err(refuse("a zip archive that is not a DOCX document"))
        };
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (
            b"%PDF-",
            "a PDF document (convert it to text first, e.g. with pdftotext)",
        ),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Office (.doc, .xls) document; save it as .docx",
        ),
        (b"{\\rtf", "an RTF document; save it as .docx or text"),
        (b"\x7FELF", "an executable"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"BZh", "a bzip2 archive"),
        (b"\xFD7zXZ\x00", "an xz archive"),
        (b"OggS", "an audio file"),
        (b"ID3", "an audio file"),
    ];
    for (magic, found) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(refuse(found));
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Err(refuse("a RIFF media file (WebP, WAV, AVI)"));
    }
    let has_bom =
        encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    // Text in UTF-8 or a code page never holds NUL; UTF-16 does, after its BOM.
    if !has_bom {
        if let Some(at) = bytes.iter().take(1 << 20).position(|&b| b == 0) {
            return Err(Error::Format {
                path: path.map(Path::to_path_buf),
                found: "binary data (a NUL byte; UTF-16 text needs a BOM)".to_string(),
                offset: Some(at),
            });
        }
    }
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => Ok(Format::Html),
        Some("docx") => Err(refuse("a .docx file that is not a zip archive")),
        _ if looks_like_html(bytes) => Ok(Format::Html),
        _ => Ok(Format::Text),
    }
}

/// Starts (after a BOM and whitespace) with `<!DOCTYPE html` or `<html`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start: Vec<u8> = start
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_magic_and_extension() {
        let p = |s: &'static str| Some(Path::new(s));
        assert_eq!(sniff(b"hi", p("a.txt")).unwrap(), Format::Text);
        assert_eq!(sniff(b"<p>hi", p("a.HTM")).unwrap(), Format::Html);
        assert_eq!(sniff(b"<!DOCTYPE html><p>hi", None).unwrap(), Format::Html);
        let err = sniff(b"\x89PNG\r\n\x1a\n....", p("a.txt")).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("a.txt: a PNG image; tmalign reads"));
        let err = sniff(b"PK\x03\x04rest", p("a.zip")).unwrap_err();
        assert!(err.to_string().contains("zip archive that is not a DOCX"));
        let err = sniff(b"ab\0c", p("a.txt")).unwrap_err();
        assert!(err.to_string().contains("at byte 2"));
        assert_eq!(sniff(b"\xFF\xFEa\0", None).unwrap(), Format::Text);
    }
}
