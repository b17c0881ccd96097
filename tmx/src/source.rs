//! The byte source under the XML tokenizer: detects the encoding from the
//! BOM (decoding UTF-16 to UTF-8 on the fly), counts lines for positions,
//! and enforces the size limit on a single unit.

use crate::error::Position;
use std::io::{self, BufRead, Read};

/// Marker carried by the I/O error that [`Source`] returns at the limit.
#[derive(Debug)]
pub(crate) struct LimitHit;

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("size limit reached")
    }
}

impl std::error::Error for LimitHit {}

/// Marker carried by the I/O error for undecodable UTF-16.
#[derive(Debug)]
pub(crate) struct BadUtf16(pub String);

impl std::fmt::Display for BadUtf16 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadUtf16 {}

enum Mode {
    Utf8,
    Utf16 { big_endian: bool },
}

/// See the module docs. All offsets are in the coordinates of the text the
/// tokenizer sees, plus the length of a UTF-8 BOM (so for UTF-8 input they
/// are file offsets).
pub(crate) struct Source<R> {
    inner: R,
    mode: Mode,
    /// Bytes read while sniffing the encoding, served before `inner`.
    prefix: Vec<u8>,
    prefix_pos: usize,
    /// UTF-16 only: decoded UTF-8 waiting to be consumed.
    decoded: Vec<u8>,
    decoded_pos: usize,
    /// UTF-16 only: an odd trailing byte and/or a high surrogate.
    pending_byte: Option<u8>,
    pending_high: Option<u16>,
    /// UTF-16 only: why decoding stopped. The error is returned once the
    /// text decoded before the bad unit is consumed, so that it is reported
    /// at its real line and column.
    failed: Option<String>,
    /// Offset of the next byte to be consumed.
    consumed: u64,
    /// Offset added to tokenizer positions (length of a skipped UTF-8 BOM).
    pub(crate) base: u64,
    /// Newlines consumed so far, and where the line after the last one starts.
    lines: u64,
    line_start: u64,
    /// Consuming past `mark + limit` fails with [`LimitHit`].
    mark: u64,
    limit: u64,
    pub(crate) limit_hit: bool,
}

impl<R: BufRead> Source<R> {
    pub(crate) fn new(mut inner: R, limit: u64) -> io::Result<Source<R>> {
        // Sniff up to 4 bytes, whatever the reader's buffer size.
        let mut prefix = Vec::with_capacity(4);
        while prefix.len() < 4 {
            let available = match inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            let take = available.len().min(4 - prefix.len());
            prefix.extend_from_slice(&available[..take]);
            inner.consume(take);
        }
        let (mode, skip) = match prefix.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => (Mode::Utf8, 3),
            [0xFF, 0xFE, ..] => (Mode::Utf16 { big_endian: false }, 2),
            [0xFE, 0xFF, ..] => (Mode::Utf16 { big_endian: true }, 2),
            [b'<', 0, b'?', 0] => (Mode::Utf16 { big_endian: false }, 0),
            [0, b'<', 0, b'?'] => (Mode::Utf16 { big_endian: true }, 0),
            _ => (Mode::Utf8, 0),
        };
        let base = match mode {
            Mode::Utf8 => skip as u64,
            Mode::Utf16 { .. } => 0,
        };
        Ok(Source {
            inner,
            mode,
            prefix,
            prefix_pos: skip,
            decoded: Vec::new(),
            decoded_pos: 0,
            pending_byte: None,
            pending_high: None,
            failed: None,
            consumed: base,
            base,
            lines: 0,
            line_start: 0,
            mark: base,
            limit,
            limit_hit: false,
        })
    }

    /// The underlying reader.
    pub(crate) fn into_inner(self) -> R {
        self.inner
    }

    /// The place of the next byte to be consumed (where a decoding error
    /// of UTF-16 input is).
    pub(crate) fn here(&self) -> At {
        At {
            offset: self.consumed,
            line: self.lines + 1,
            line_start: self.line_start.min(self.consumed),
        }
    }

    /// True when the input is UTF-16.
    pub(crate) fn is_utf16(&self) -> bool {
        matches!(self.mode, Mode::Utf16 { .. })
    }

    /// The size limit on one span.
    pub(crate) fn limit(&self) -> u64 {
        self.limit
    }

    /// Starts a new span for the size limit.
    pub(crate) fn mark(&mut self) {
        self.mark = self.consumed;
    }

    /// The place of a tokenizer offset that lies on the line being consumed
    /// (true for the start of the next event: at most its `<` is consumed).
    #[inline]
    pub(crate) fn at(&self, tokenizer_offset: u64) -> At {
        let offset = tokenizer_offset + self.base;
        At {
            offset,
            line: self.lines + 1,
            line_start: self.line_start.min(offset),
        }
    }

    /// The bytes available now, refilling if empty.
    fn available(&mut self) -> io::Result<&[u8]> {
        if self.prefix_pos < self.prefix.len() {
            return match self.mode {
                Mode::Utf8 => Ok(&self.prefix[self.prefix_pos..]),
                Mode::Utf16 { .. } => {
                    if self.decoded_pos >= self.decoded.len() {
                        self.decode_more()?;
                    }
                    Ok(&self.decoded[self.decoded_pos..])
                }
            };
        }
        match self.mode {
            Mode::Utf8 => self.inner.fill_buf(),
            Mode::Utf16 { .. } => {
                if self.decoded_pos >= self.decoded.len() {
                    self.decode_more()?;
                }
                Ok(&self.decoded[self.decoded_pos..])
            }
        }
    }

    /// Decodes the next chunk of UTF-16 (from the prefix, then `inner`).
    fn decode_more(&mut self) -> io::Result<()> {
        let Mode::Utf16 { big_endian } = self.mode else {
            return Ok(());
        };
        self.decoded.clear();
        self.decoded_pos = 0;
        if let Some(message) = self.failed.take() {
            return Err(bad_utf16(&message));
        }
        while self.decoded.is_empty() {
            let from_prefix = self.prefix_pos < self.prefix.len();
            let chunk: Vec<u8> = if from_prefix {
                let c = self.prefix[self.prefix_pos..].to_vec();
                self.prefix_pos = self.prefix.len();
                c
            } else {
                let buf = loop {
                    match self.inner.fill_buf() {
                        Ok(buf) => break buf,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                if buf.is_empty() {
                    if self.pending_byte.is_some() || self.pending_high.is_some() {
                        self.pending_byte = None;
                        self.pending_high = None;
                        return Err(bad_utf16("input ends in the middle of a UTF-16 character"));
                    }
                    return Ok(()); // end of input
                }
                let c = buf.to_vec();
                let n = c.len();
                self.inner.consume(n);
                c
            };
            let mut bytes = chunk.as_slice();
            if let Some(first) = self.pending_byte.take() {
                let Some((&second, rest)) = bytes.split_first() else {
                    self.pending_byte = Some(first);
                    continue;
                };
                bytes = rest;
                if let Err(message) = self.push_unit(unit([first, second], big_endian)) {
                    return self.fail(message);
                }
            }
            let mut pairs = bytes.chunks_exact(2);
            for pair in &mut pairs {
                if let Err(message) = self.push_unit(unit([pair[0], pair[1]], big_endian)) {
                    return self.fail(message);
                }
            }
            if let [odd] = pairs.remainder() {
                self.pending_byte = Some(*odd);
            }
        }
        Ok(())
    }

    /// Keeps what was decoded before a bad unit and fails after it.
    fn fail(&mut self, message: String) -> io::Result<()> {
        self.pending_byte = None;
        self.pending_high = None;
        if self.decoded.is_empty() {
            return Err(bad_utf16(&message));
        }
        self.failed = Some(message);
        Ok(())
    }

    fn push_unit(&mut self, unit: u16) -> Result<(), String> {
        let c = if let Some(high) = self.pending_high.take() {
            if !(0xDC00..0xE000).contains(&unit) {
                return Err(format!("unpaired UTF-16 high surrogate {high:#06X}"));
            }
            let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
            char::from_u32(code)
        } else if (0xD800..0xDC00).contains(&unit) {
            self.pending_high = Some(unit);
            return Ok(());
        } else if (0xDC00..0xE000).contains(&unit) {
            return Err(format!("unpaired UTF-16 low surrogate {unit:#06X}"));
        } else {
            char::from_u32(u32::from(unit))
        };
        let Some(c) = c else {
            return Err("invalid UTF-16".to_string());
        };
        let mut utf8 = [0u8; 4];
        self.decoded
            .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        Ok(())
    }
}

fn unit(bytes: [u8; 2], big_endian: bool) -> u16 {
    if big_endian {
        u16::from_be_bytes(bytes)
    } else {
        u16::from_le_bytes(bytes)
    }
}

fn bad_utf16(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, BadUtf16(message.to_string()))
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.consumed - self.mark > self.limit {
            self.limit_hit = true;
            return Err(io::Error::other(LimitHit));
        }
        self.available()
    }

    fn consume(&mut self, amt: usize) {
        let start = self.consumed;
        let mut lines = 0;
        let mut line_start = None;
        // Count newlines in what is consumed (the same bytes `fill_buf` gave).
        let mut count = |bytes: &[u8]| {
            let amt = amt.min(bytes.len());
            let bytes = &bytes[..amt];
            // Most pieces hold no newline or one (indentation): find the
            // last, then count any before it.
            if let Some(last) = memchr::memrchr(b'\n', bytes) {
                lines = 1 + memchr::memchr_iter(b'\n', &bytes[..last]).count() as u64;
                line_start = Some(start + last as u64 + 1);
            }
            amt
        };
        let taken = if self.prefix_pos < self.prefix.len() && matches!(self.mode, Mode::Utf8) {
            let n = count(&self.prefix[self.prefix_pos..]);
            self.prefix_pos += n;
            n
        } else {
            match self.mode {
                Mode::Utf8 => match self.inner.fill_buf() {
                    Ok(buf) => {
                        let n = count(buf);
                        self.inner.consume(n);
                        n
                    }
                    Err(_) => 0,
                },
                Mode::Utf16 { .. } => {
                    let n = count(&self.decoded[self.decoded_pos..]);
                    self.decoded_pos += n;
                    n
                }
            }
        };
        self.lines += lines;
        if let Some(line_start) = line_start {
            self.line_start = line_start;
        }
        self.consumed += taken as u64;
    }
}

/// A place in the input as line and line start, which can move forward over
/// bytes that were read from it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    offset: u64,
    line: u64,
    line_start: u64,
}

impl At {
    #[inline]
    pub(crate) fn position(self) -> Position {
        Position {
            line: self.line,
            column: self.offset - self.line_start + 1,
            byte: self.offset,
        }
    }

    /// The place after `bytes`, which are the input from this place on.
    #[inline]
    pub(crate) fn advance(self, bytes: &[u8]) -> At {
        let mut at = self;
        at.offset += bytes.len() as u64;
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        if lines > 0 {
            at.line += lines;
            at.line_start = self.offset + memchr::memrchr(b'\n', bytes).map_or(0, |i| i as u64 + 1);
        }
        at
    }

    /// The place `n` bytes on, when they hold no newline (markup like `<`).
    #[inline]
    pub(crate) fn skip(self, n: u64) -> At {
        At {
            offset: self.offset + n,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut source = Source::new(io::BufReader::with_capacity(1, bytes), u64::MAX)?;
        let mut out = Vec::new();
        source.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn decodes_by_bom() {
        let text = "<a>ж𝄞\n</a>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(text.as_bytes());
        for input in [le, be, utf8, text.as_bytes().to_vec()] {
            assert_eq!(read_all(&input).unwrap(), text.as_bytes());
        }
    }

    #[test]
    fn bad_utf16_is_an_error() {
        let input = [0xFF, 0xFE, 0x00, 0xD8, b'a', 0];
        assert!(read_all(&input).is_err());
        let input = [0xFF, 0xFE, b'a'];
        assert!(read_all(&input).is_err());
    }

    #[test]
    fn positions_count_lines_and_columns() {
        let input = b"ab\ncd\n\nef";
        let mut source = Source::new(&input[..], u64::MAX).unwrap();
        let start = source.at(0);
        let mut out = vec![0; 4];
        source.read_exact(&mut out).unwrap();
        let p = source.at(4).position();
        assert_eq!((p.line, p.column, p.byte), (2, 2, 4));
        assert_eq!(start.advance(&input[..4]).position(), p);
        let p = start.position();
        assert_eq!((p.line, p.column), (1, 1));
        let p = start.advance(&input[..8]).position();
        assert_eq!((p.line, p.column, p.byte), (4, 2, 8));
        assert_eq!(start.skip(1).position().column, 2);
    }

    #[test]
    fn limit_stops_reading() {
        let mut source = Source::new(&[b'x'; 100][..], 10).unwrap();
        let mut out = Vec::new();
        assert!(source.read_to_end(&mut out).is_err());
        assert!(source.limit_hit);
    }
}
