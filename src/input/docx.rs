//! The paragraphs of a DOCX document: the `w:p` elements of
//! `word/document.xml`, their text runs (`w:t`), tabs and line breaks.
//! Deleted text of tracked changes (`w:delText`) is left out.

use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::io::Read;
use std::path::Path;

/// The part that holds the body.
const DOCUMENT: &str = "word/document.xml";

/// The largest `word/document.xml` read, uncompressed: a zip bomb is
/// refused rather than inflated.
const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;

/// True when `bytes` is a zip archive with a `word/document.xml`.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|mut zip| zip.by_name(DOCUMENT).is_ok())
}

/// The text of the document's paragraphs, separated by blank lines.
pub(crate) fn paragraphs(bytes: &[u8], path: Option<&Path>) -> Result<String> {
    let broken = |what: String, offset: Option<usize>| Error::Format {
        path: path.map(Path::to_path_buf),
        found: format!("a broken DOCX document ({what})"),
        offset,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| broken(e.to_string(), None))?;
    let part = zip
        .by_name(DOCUMENT)
        .map_err(|e| broken(format!("{DOCUMENT}: {e}"), None))?;
    if part.size() > MAX_DOCUMENT_BYTES {
        return Err(broken(
            format!("{DOCUMENT} is over {MAX_DOCUMENT_BYTES} bytes"),
            None,
        ));
    }
    let mut xml = Vec::with_capacity(part.size() as usize);
    part.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| broken(format!("{DOCUMENT}: {e}"), None))?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            broken(
                format!("{DOCUMENT}: {e}"),
                Some(reader.buffer_position() as usize),
            )
        })?;
        match event {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" => current.push('\t'),
                b"w:br" | b"w:cr" => current.push('\n'),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                let paragraph = current.trim();
                if !paragraph.is_empty() {
                    out.push(paragraph.to_string());
                }
                current.clear();
            }
            Event::Text(t) if in_text => {
                let text = t.unescape().map_err(|e| {
                    broken(
                        format!("{DOCUMENT}: {e}"),
                        Some(reader.buffer_position() as usize),
                    )
                })?;
                current.push_str(&text);
            }
            Event::CData(t) if in_text => current.push_str(&String::from_utf8_lossy(&t)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out.join("\n\n"))
}

/// A minimal DOCX holding `paragraphs`, for tests and examples.
#[doc(hidden)]
pub fn write_minimal_docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for p in paragraphs {
        body.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        body.push_str(&quick_xml::escape::escape(*p));
        body.push_str("</w:t></w:r></w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        (DOCUMENT, document),
    ];
    for (name, content) in parts {
        // Writing to memory cannot fail.
        if zip.start_file(name, options).is_ok() {
            let _ = zip.write_all(content.as_bytes());
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_round_trip() {
        let docx = write_minimal_docx(&["One & two.", "", "قال الوزير."]);
        assert!(is_docx(&docx));
        assert_eq!(
            paragraphs(&docx, None).unwrap(),
            "One & two.\n\nقال الوزير."
        );
    }

    #[test]
    fn a_zip_without_the_document_part_is_not_docx() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"x").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(!is_docx(&bytes));
    }
}
