//! The index file written by `tm index`: the memory's units and the
//! inverted index, so that lookups start without reading the TMX again.
//!
//! ```text
//! "TMALIGN-TMI\n"  version (u32 LE)  payload length (u64 LE)  payload  SHA-256(payload)
//! payload: from, to, memory path, memory size (u64), memory mtime (ns, u64),
//!          entries (u32 count; source, target), terms (u32 count; u64 term, u32 id),
//!          postings (per id: u32 count, u32 units), weights (f32 per entry)
//! ```
//! Strings are a u32 byte length and UTF-8. A file of another version, with
//! a wrong checksum, or whose memory changed size or time since, is refused.

use super::index::{Entry, Index};
use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 12] = b"TMALIGN-TMI\n";
/// The version written; any other is refused.
pub const INDEX_VERSION: u32 = 1;

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

/// The bytes of an index file for `index`.
pub fn index_bytes(index: &Index, header: &IndexHeader) -> Vec<u8> {
    let mut p = Vec::new();
    put_str(&mut p, &header.from);
    put_str(&mut p, &header.to);
    put_str(&mut p, &header.memory.to_string_lossy());
    p.extend_from_slice(&header.memory_size.to_le_bytes());
    p.extend_from_slice(&header.memory_mtime.to_le_bytes());
    p.extend_from_slice(&(index.entries.len() as u32).to_le_bytes());
    for e in &index.entries {
        put_str(&mut p, &e.source);
        put_str(&mut p, &e.target);
    }
    let mut terms: Vec<(&u64, &u32)> = index.terms.iter().collect();
    terms.sort();
    p.extend_from_slice(&(terms.len() as u32).to_le_bytes());
    for (t, id) in terms {
        p.extend_from_slice(&t.to_le_bytes());
        p.extend_from_slice(&id.to_le_bytes());
    }
    for list in &index.postings {
        p.extend_from_slice(&(list.len() as u32).to_le_bytes());
        for u in list {
            p.extend_from_slice(&u.to_le_bytes());
        }
    }
    for w in &index.weights {
        p.extend_from_slice(&w.to_le_bytes());
    }
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
    let n = c.u32()? as usize;
    let mut entries = Vec::with_capacity(n.min(payload.len() / 8));
    for _ in 0..n {
        entries.push(Entry {
            source: c.string()?,
            target: c.string()?,
        });
    }
    let nt = c.u32()? as usize;
    let mut terms = std::collections::HashMap::with_capacity(nt.min(payload.len() / 12));
    for _ in 0..nt {
        let t = c.u64()?;
        let id = c.u32()?;
        if id as usize >= nt {
            return Err(c.fail("a term id is out of range (corrupt)"));
        }
        terms.insert(t, id);
    }
    let mut postings = Vec::with_capacity(nt);
    for _ in 0..nt {
        let k = c.u32()? as usize;
        let raw = c.take(k.saturating_mul(4))?;
        let list: Vec<u32> = raw
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        if list.iter().any(|&u| u as usize >= n) {
            return Err(c.fail("a posting names a unit out of range (corrupt)"));
        }
        postings.push(list);
    }
    let raw = c.take(n.saturating_mul(4))?;
    let weights: Vec<f32> = raw
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    if c.at != payload.len() {
        return Err(c.fail("bytes after the index (corrupt)"));
    }
    Ok((
        Index {
            entries,
            weights,
            terms,
            postings,
        },
        header,
    ))
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
