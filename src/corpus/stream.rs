//! A stream of document sets, one JSON object per line, aligned in bounded
//! windows: read a window of lines, align them in parallel (rayon), write
//! their results in input order, flush, repeat. Memory is bounded by the
//! window, whatever the length of the stream, and the output depends on
//! nothing but each line's content (not on thread count or on where the
//! stream was cut into partitions), apart from the line numbers in error
//! messages.

use super::aligned_set::{align_set, write_error_line, CorpusOptions};
use super::set::DocumentSet;
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::io::{BufRead, Write};

/// Settings for [`align_stream`]. Build one with [`StreamOptions::new`].
///
/// ```
/// let mut options = tmalign::corpus::StreamOptions::new();
/// options.max_line_bytes(1 << 20).window_lines(64);
/// assert_eq!(options.window_lines, 64);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct StreamOptions {
    /// What each set is aligned with.
    pub corpus: CorpusOptions,
    /// A longer line is answered with an error and skipped without being
    /// held in memory. By default, 64 MiB.
    pub max_line_bytes: usize,
    /// At most this many lines are read before they are aligned and
    /// written. By default, 256.
    pub window_lines: usize,
    /// A window also ends once its lines hold this many bytes. By
    /// default, 64 MiB.
    pub window_bytes: usize,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            corpus: CorpusOptions::default(),
            max_line_bytes: 64 << 20,
            window_lines: 256,
            window_bytes: 64 << 20,
        }
    }
}

impl StreamOptions {
    /// The default settings.
    pub fn new() -> StreamOptions {
        StreamOptions::default()
    }

    /// Sets what each set is aligned with.
    ///
    /// By default, [`CorpusOptions::default`].
    pub fn corpus(&mut self, corpus: CorpusOptions) -> &mut StreamOptions {
        self.corpus = corpus;
        self
    }

    /// Answers a line longer than `bytes` with an error.
    ///
    /// By default, 64 MiB.
    pub fn max_line_bytes(&mut self, bytes: usize) -> &mut StreamOptions {
        self.max_line_bytes = bytes.max(1);
        self
    }

    /// Aligns and writes after at most `lines` lines.
    ///
    /// By default, 256.
    pub fn window_lines(&mut self, lines: usize) -> &mut StreamOptions {
        self.window_lines = lines.max(1);
        self
    }

    /// Aligns and writes once the window's lines hold `bytes`.
    ///
    /// By default, 64 MiB.
    pub fn window_bytes(&mut self, bytes: usize) -> &mut StreamOptions {
        self.window_bytes = bytes.max(1);
        self
    }
}

/// What a stream held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Lines answered (blank lines are skipped and not counted).
    pub lines: u64,
    /// Lines answered with an error.
    pub failed: u64,
    /// Sentences of all texts of the sets aligned.
    pub sentences: u64,
    /// Units kept (all-language units; pairs not counted).
    pub units: u64,
}

/// One line as read: its text, or why it cannot be read.
enum Read {
    Text(String),
    TooLong(usize),
    NotUtf8(usize),
}

/// Reads `input` line by line and writes one result line per non-blank
/// input line to `output`, in order, flushing after each window. A bad
/// line gets `{"id": …, "error": "line N: …"}` and the stream goes on;
/// only reading and writing failures stop it.
///
/// ```
/// use tmalign::corpus::{align_stream, StreamOptions};
/// let input = concat!(
///     r#"{"id": "a", "texts": {"en": "Prices rose. Shares fell.", "ru": "Цены выросли. Акции упали."}}"#, "\n",
///     "{oops\n",
/// );
/// let mut out = Vec::new();
/// let summary = align_stream(input.as_bytes(), &mut out, &StreamOptions::new()).unwrap();
/// assert_eq!((summary.lines, summary.failed), (2, 1));
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().nth(1).unwrap().starts_with(r#"{"id":null,"error":"line 2: invalid JSON"#));
/// ```
pub fn align_stream<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    options: &StreamOptions,
) -> Result<StreamSummary> {
    let io = |source| Error::Io { path: None, source };
    let mut summary = StreamSummary::default();
    let mut line_no: u64 = 0;
    let mut buf = Vec::new();
    let mut done = false;
    while !done {
        let mut window: Vec<(u64, Read)> = Vec::new();
        let mut bytes = 0;
        while window.len() < options.window_lines && bytes < options.window_bytes {
            let Some(read) = read_line(&mut input, &mut buf, options.max_line_bytes).map_err(io)?
            else {
                done = true;
                break;
            };
            line_no += 1;
            if matches!(&read, Read::Text(t) if t.trim().is_empty()) {
                continue;
            }
            if let Read::Text(t) = &read {
                bytes += t.len();
            }
            window.push((line_no, read));
        }
        let results: Vec<Answer> = window
            .par_iter()
            .map(|(n, read)| answer(*n, read, options))
            .collect();
        for (line, counts) in &results {
            output.write_all(line).map_err(io)?;
            summary.lines += 1;
            match counts {
                Some((sentences, units)) => {
                    summary.sentences += sentences;
                    summary.units += units;
                }
                None => summary.failed += 1,
            }
        }
        // Spark's pipe and any other reader see each window at once.
        output.flush().map_err(io)?;
    }
    Ok(summary)
}

/// The output line, and (sentences, units) when the set was aligned.
type Answer = (Vec<u8>, Option<(u64, u64)>);

/// The answer to one line.
fn answer(line: u64, read: &Read, options: &StreamOptions) -> Answer {
    let mut out = Vec::new();
    let text = match read {
        Read::Text(text) => text,
        Read::TooLong(bytes) => {
            let message = format!(
                "line {line}: the line is longer than the limit of {} bytes ({bytes} bytes read before giving up)",
                options.max_line_bytes
            );
            write_error_line(None, &message, &mut out);
            return (out, None);
        }
        Read::NotUtf8(offset) => {
            let message = format!("line {line}: invalid UTF-8 at byte {offset} of the line");
            write_error_line(None, &message, &mut out);
            return (out, None);
        }
    };
    let set = match DocumentSet::from_json_line(text, line) {
        Ok(set) => set,
        Err((id, err)) => {
            write_error_line(id.as_ref(), &err.to_string(), &mut out);
            return (out, None);
        }
    };
    // A bug in the aligner must cost one line, not the whole partition.
    let aligned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        align_set(&set, &options.corpus)
    }));
    let result = match aligned {
        Ok(Ok(done)) => done.write_json_line(&mut out).map(|()| done),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(Error::DocumentSet {
            line: None,
            message: "internal error while aligning (please report it with this line)".into(),
        }),
    };
    match result {
        Ok(done) => {
            let sentences = done.aligned.documents.iter().map(|d| d.len() as u64).sum();
            (out, Some((sentences, done.all.units.len() as u64)))
        }
        Err(err) => {
            out.clear();
            write_error_line(Some(&set.id), &format!("line {line}: {err}"), &mut out);
            (out, None)
        }
    }
}

/// Reads one line (without its `\n` or `\r\n`), keeping at most `max`
/// bytes of it; `None` at the end of the input.
fn read_line<R: BufRead>(
    input: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<Read>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (taken, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..taken.min(room)]);
        total += taken;
        input.consume(taken + usize::from(end));
        if end {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') && total <= max + 1 {
        buf.pop();
        total -= 1;
    }
    if total > max {
        return Ok(Some(Read::TooLong(total)));
    }
    match std::str::from_utf8(buf) {
        Ok(text) => Ok(Some(Read::Text(text.to_string()))),
        Err(e) => Ok(Some(Read::NotUtf8(e.valid_up_to()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<String> {
        let mut reader = std::io::BufReader::with_capacity(3, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(read) = read_line(&mut reader, &mut buf, max).unwrap() {
            out.push(match read {
                Read::Text(t) => t,
                Read::TooLong(n) => format!("<long {n}>"),
                Read::NotUtf8(o) => format!("<utf8 {o}>"),
            });
        }
        out
    }

    #[test]
    fn lines_are_read_through_tiny_buffers_and_bounded() {
        assert_eq!(lines(b"ab\r\ncd\n\nxyz", 8), ["ab", "cd", "", "xyz"]);
        assert_eq!(lines(b"abcdefghij\nk\n", 4), ["<long 10>", "k"]);
        assert_eq!(lines(b"abcd\r\n", 4), ["abcd"]);
        assert_eq!(lines(b"a\xffb\n", 8), ["<utf8 1>"]);
        assert!(lines(b"", 4).is_empty());
    }
}
