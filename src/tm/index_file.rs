//! The index file written by `tm index`: the memory's units and the
//! inverted index, so that lookups start without reading the TMX again.
//!
//! ```text
//! "TMALIGN-TMI\n"  version (u32 LE)  payload length (u64 LE)  payload  SHA-256(payload)
//! payload: from, to, memory path (strings), memory size (u64), memory mtime (ns, u64),
//!          units (u64), texts (bytes), text ends (u64 per source and target),
//!          tokens (u32s), token starts (u64 per unit and one),
//!          cased words (string table), their lower-cased term (u32 each),
//!          terms (string table), posting starts (u64 per term and one), postings (u32s)
//! ```
//! Integers are little-endian; a string is a u32 byte length and UTF-8;
//! `bytes` and `u32s` are a u64 count then the data; a string table is a
//! u64 count, the u64 end of each string, then its bytes. The arrays are read
//! in bulk, then checked (ranges, order, UTF-8) in one linear pass, so that
//! even a file with a valid checksum cannot make a lookup go wrong. A file of
//! another version, with a wrong checksum, or whose memory changed size or
//! time since, is refused.

use super::index::Index;
use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 12] = b"TMALIGN-TMI\n";
/// The version written; any other is refused.
pub const INDEX_VERSION: u32 = 2;

/// What an index file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexHeader {
    /// Source language.
    pub from: String,
    /// Target language.
    pub to: String,
    /// The memory it was built from, as given.
    pub memory: PathBuf,
    /// The memory's size in bytes then.
    pub memory_size: u64,
    /// The memory's modification time then, in nanoseconds since the epoch.
    pub memory_mtime: u64,
}

/// Size and modification time of `memory`, as recorded in an index.
pub fn memory_stamp(memory: &Path) -> Result<(u64, u64)> {
    let meta = std::fs::metadata(memory).map_err(|source| Error::Io {
        path: Some(memory.to_path_buf()),
        source,
    })?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    Ok((meta.len(), mtime))
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_u32s(out: &mut Vec<u8>, v: &[u32]) {
    out.reserve(v.len() * 4);
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

fn put_u64s(out: &mut Vec<u8>, v: &[u64]) {
    out.reserve(v.len() * 8);
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
}

fn put_table(out: &mut Vec<u8>, strings: &[Box<str>]) {
    out.extend_from_slice(&(strings.len() as u64).to_le_bytes());
    let mut end = 0u64;
    for s in strings {
        end += s.len() as u64;
        out.extend_from_slice(&end.to_le_bytes());
    }
    for s in strings {
        out.extend_from_slice(s.as_bytes());
    }
}

/// The bytes of an index file for `index`.
pub fn index_bytes(index: &Index, header: &IndexHeader) -> Vec<u8> {
    let mut p = Vec::new();
    put_str(&mut p, &header.from);
    put_str(&mut p, &header.to);
    put_str(&mut p, &header.memory.to_string_lossy());
    p.extend_from_slice(&header.memory_size.to_le_bytes());
    p.extend_from_slice(&header.memory_mtime.to_le_bytes());
    p.extend_from_slice(&(index.len() as u64).to_le_bytes());
    p.extend_from_slice(&(index.text.len() as u64).to_le_bytes());
    p.extend_from_slice(index.text.as_bytes());
    put_u64s(&mut p, &index.text_ends);
    p.extend_from_slice(&(index.tokens.len() as u64).to_le_bytes());
    put_u32s(&mut p, &index.tokens);
    put_u64s(&mut p, &index.token_starts);
    put_table(&mut p, &index.cased);
    put_u32s(&mut p, &index.lower_of);
    put_table(&mut p, &index.terms);
    put_u64s(&mut p, &index.posting_starts);
    p.extend_from_slice(&(index.postings.len() as u64).to_le_bytes());
    put_u32s(&mut p, &index.postings);
    let mut out = Vec::with_capacity(p.len() + 56);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&INDEX_VERSION.to_le_bytes());
    out.extend_from_slice(&(p.len() as u64).to_le_bytes());
    out.extend_from_slice(&p);
    out.extend_from_slice(&Sha256::digest(&p));
    out
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    base: usize,
    path: Option<&'a Path>,
}

impl<'a> Cursor<'a> {
    fn fail(&self, message: &str) -> Error {
        Error::IndexFile {
            path: self.path.map(Path::to_path_buf),
            offset: Some((self.base + self.at) as u64),
            message: message.to_string(),
        }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| self.fail("the index ends early (corrupt)"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
    fn count(&mut self, each: usize) -> Result<usize> {
        let n = usize::try_from(self.u64()?).unwrap_or(usize::MAX);
        if n.saturating_mul(each) > self.bytes.len() - self.at {
            return Err(self.fail("a count runs past the end of the index (corrupt)"));
        }
        Ok(n)
    }
    fn u32s(&mut self, n: usize) -> Result<Vec<u32>> {
        let raw = self.take(n.saturating_mul(4))?;
        Ok(raw
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
    fn u64s(&mut self, n: usize) -> Result<Vec<u64>> {
        let raw = self.take(n.saturating_mul(8))?;
        Ok(raw
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect())
    }
    /// `n + 1` offsets into an array of `len`: from 0, never falling, ending at `len`.
    fn starts(&mut self, n: usize, len: usize, what: &str) -> Result<Vec<u64>> {
        let at = self.at;
        let v = self.u64s(n.saturating_add(1))?;
        let ok = v.first() == Some(&0)
            && v.windows(2).all(|w| w[0] <= w[1])
            && v.last() == Some(&(len as u64));
        if !ok {
            self.at = at;
            return Err(self.fail(&format!("the {what} offsets are out of order (corrupt)")));
        }
        Ok(v)
    }
    fn table(&mut self) -> Result<Vec<Box<str>>> {
        let n = self.count(8)?;
        let at = self.at;
        let ends = self.u64s(n)?;
        let total = ends.last().copied().unwrap_or(0);
        if ends.windows(2).any(|w| w[0] > w[1]) || total > (self.bytes.len() - self.at) as u64 {
            self.at = at;
            return Err(self.fail("a string table's offsets are out of order (corrupt)"));
        }
        let blob = self.take(total as usize)?;
        let blob =
            std::str::from_utf8(blob).map_err(|_| self.fail("a text is not UTF-8 (corrupt)"))?;
        let mut start = 0;
        let mut out = Vec::with_capacity(n);
        for &end in &ends {
            let s = blob
                .get(start..end as usize)
                .ok_or_else(|| self.fail("a string table cuts a character (corrupt)"))?;
            out.push(s.into());
            start = end as usize;
        }
        Ok(out)
    }
    fn string(&mut self) -> Result<String> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.fail("a text is not UTF-8 (corrupt)"))
    }
}

/// Reads an index file's bytes; `path` names it in errors.
pub fn read_index(bytes: &[u8], path: Option<&Path>) -> Result<(Index, IndexHeader)> {
    let err = |offset: u64, message: String| Error::IndexFile {
        path: path.map(Path::to_path_buf),
        offset: Some(offset),
        message,
    };
    if bytes.len() < 24 || &bytes[..12] != MAGIC {
        return Err(err(
            0,
            "not a tmalign index (build one with `tmalign tm index`)".into(),
        ));
    }
    let version = u32::from_le_bytes(bytes[12..16].try_into().unwrap_or([0; 4]));
    if version != INDEX_VERSION {
        return Err(err(
            12,
            format!("index version {version}, this tmalign reads version {INDEX_VERSION}: rebuild it with `tmalign tm index`"),
        ));
    }
    let len = u64::from_le_bytes(bytes[16..24].try_into().unwrap_or([0; 8]));
    let end = 24usize.saturating_add(usize::try_from(len).unwrap_or(usize::MAX));
    if bytes.len() != end.saturating_add(32) {
        return Err(err(
            16,
            format!(
                "the file holds {} bytes, the header says {} (truncated or corrupt)",
                bytes.len(),
                end.saturating_add(32)
            ),
        ));
    }
    let payload = &bytes[24..end];
    if Sha256::digest(payload).as_slice() != &bytes[end..] {
        return Err(err(
            end as u64,
            "checksum mismatch: the index is corrupt; rebuild it with `tmalign tm index`".into(),
        ));
    }
    let mut c = Cursor {
        bytes: payload,
        at: 0,
        base: 24,
        path,
    };
    let header = IndexHeader {
        from: c.string()?,
        to: c.string()?,
        memory: PathBuf::from(c.string()?),
        memory_size: c.u64()?,
        memory_mtime: c.u64()?,
    };
    let n = c.count(0)?;
    let text_len = c.count(1)?;
    let text = std::str::from_utf8(c.take(text_len)?)
        .map_err(|e| {
            c.fail(&format!(
                "the texts are not UTF-8 at byte {} (corrupt)",
                e.valid_up_to()
            ))
        })?
        .to_string();
    let text_ends = c.u64s(n.saturating_mul(2))?;
    let ends_ok = text_ends.windows(2).all(|w| w[0] <= w[1])
        && text_ends
            .last()
            .map_or(text.is_empty(), |&e| e == text.len() as u64)
        && text_ends.iter().all(|&e| text.is_char_boundary(e as usize));
    if !ends_ok {
        return Err(c.fail("the text offsets are out of order (corrupt)"));
    }
    let nt = c.count(4)?;
    let tokens = c.u32s(nt)?;
    let token_starts = c.starts(n, nt, "token")?;
    let cased = c.table()?;
    let lower_of = c.u32s(cased.len())?;
    let terms = c.table()?;
    let at = c.at;
    let posting_starts = c.u64s(terms.len().saturating_add(1))?;
    let np = c.count(4)?;
    let postings = c.u32s(np)?;
    if c.at != payload.len() {
        return Err(c.fail("bytes after the index (corrupt)"));
    }
    let mut index = Index {
        text,
        text_ends,
        tokens,
        token_starts,
        weights: Vec::new(),
        cased_ids: FxHashMap::default(),
        cased,
        lower_of,
        term_ids: FxHashMap::default(),
        terms,
        posting_starts,
        postings,
    };
    // Every id in range and every unit well formed, before any lookup.
    let fail = |offset: usize, message: &str| err((24 + offset) as u64, message.to_string());
    let (ncased, nterms) = (index.cased.len() as u64, index.terms.len() as u64);
    if index.lower_of.iter().any(|&t| u64::from(t) >= nterms) {
        return Err(fail(at, "a word's term is out of range (corrupt)"));
    }
    for w in index.token_starts.windows(2) {
        let t = &index.tokens[w[0] as usize..w[1] as usize];
        let ok = t.len() >= 3
            && 3 + u64::from(t[0]) + u64::from(t[1]) + u64::from(t[2]) == t.len() as u64
            && t[3..3 + t[0] as usize]
                .iter()
                .all(|&c| u64::from(c) < ncased)
            && t[3 + t[0] as usize..]
                .iter()
                .all(|&x| u64::from(x) < nterms);
        if !ok {
            return Err(fail(at, "a unit's tokens are malformed (corrupt)"));
        }
    }
    index.derive_weights();
    let starts_ok = index.posting_starts.first() == Some(&0)
        && index.posting_starts.windows(2).all(|w| w[0] <= w[1])
        && index.posting_starts.last() == Some(&(np as u64));
    if !starts_ok {
        return Err(fail(at, "the posting offsets are out of order (corrupt)"));
    }
    for w in index.posting_starts.windows(2) {
        let list = &index.postings[w[0] as usize..w[1] as usize];
        if list.iter().any(|&u| u as usize >= n) {
            return Err(fail(at, "a posting names a unit out of range (corrupt)"));
        }
        let key = |u: u32| (index.weights[u as usize], u);
        if list.windows(2).any(|p| key(p[0]) >= key(p[1])) {
            return Err(fail(at, "a posting list is out of order (corrupt)"));
        }
    }
    index.cased_ids = index
        .cased
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), i as u32))
        .collect();
    index.term_ids = index
        .terms
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), i as u32))
        .collect();
    Ok((index, header))
}

/// Refuses an index whose memory changed since it was built.
pub fn check_fresh(header: &IndexHeader, index_path: &Path) -> Result<()> {
    let stale = |why: String| Error::IndexFile {
        path: Some(index_path.to_path_buf()),
        offset: None,
        message: format!(
            "stale index: {why}; rebuild it with `tmalign tm index {}`",
            header.memory.display()
        ),
    };
    match memory_stamp(&header.memory) {
        Err(_) => Err(stale(format!(
            "its memory {} cannot be read",
            header.memory.display()
        ))),
        Ok((size, mtime)) if size != header.memory_size || mtime != header.memory_mtime => {
            Err(stale(format!(
                "{} changed since the index was built",
                header.memory.display()
            )))
        }
        Ok(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::index::Entry;
    use super::*;

    #[test]
    fn an_index_reads_back_and_a_flipped_byte_is_refused() {
        let entries = vec![
            Entry {
                source: "The river rose.".into(),
                target: "Река поднялась.".into(),
            },
            Entry {
                source: "Prices rose 5%.".into(),
                target: "Цены выросли на 5%.".into(),
            },
        ];
        let index = Index::new(entries);
        let header = IndexHeader {
            from: "en".into(),
            to: "ru".into(),
            memory: "m.tmx".into(),
            memory_size: 10,
            memory_mtime: 20,
        };
        let bytes = index_bytes(&index, &header);
        let (back, h) = read_index(&bytes, None).unwrap();
        assert_eq!(h, header);
        assert_eq!(
            back.search("The river rose!", 50, 3),
            index.search("The river rose!", 50, 3)
        );
        for k in [0, 13, 20, 40, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[k] ^= 1;
            assert!(read_index(&bad, None).is_err(), "byte {k}");
        }
        assert!(read_index(&bytes[..bytes.len() - 1], None).is_err());
    }
}
