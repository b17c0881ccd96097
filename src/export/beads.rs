//! The beads format: one bead per line, `[0]:[0, 1]`, `[3, 4]:[5]`, `[]:[51]`,
//! or `[1]:[2]:[3]` for three documents.
//!
//! Ids are 0-based sentence indices. They are kept in the order written,
//! because gold files may hold beads such as `[227, 218]:[198]` and the
//! reference scorer (Vecalign's `score.py`) compares id lists as written.
//! A trailing number after the last list (`[0]:[1]:0.83`, as Vecalign
//! writes its costs) is read as the bead's score. Blank lines are skipped.

use super::io_error;
use crate::align::{Alignment, Bead};
use crate::error::{Error, Result};
use crate::pipeline::AlignedTexts;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The sentence ids of one bead, one list per document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BeadIds {
    /// `ids[k]` lists the sentences of document `k`, possibly none.
    pub ids: Vec<Vec<usize>>,
}

impl BeadIds {
    /// A two-document bead.
    ///
    /// ```
    /// let bead = tmalign::export::beads::BeadIds::pair(&[3, 4], &[5]);
    /// assert_eq!(bead.to_string(), "[3, 4]:[5]");
    /// ```
    pub fn pair(source: &[usize], target: &[usize]) -> BeadIds {
        BeadIds {
            ids: vec![source.to_vec(), target.to_vec()],
        }
    }

    /// The bead type, such as `1-2` or `0-1`.
    pub fn kind(&self) -> String {
        let parts: Vec<String> = self.ids.iter().map(|s| s.len().to_string()).collect();
        parts.join("-")
    }
}

impl fmt::Display for BeadIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, side) in self.ids.iter().enumerate() {
            if k > 0 {
                f.write_str(":")?;
            }
            f.write_str("[")?;
            for (i, id) in side.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{id}")?;
            }
            f.write_str("]")?;
        }
        Ok(())
    }
}

impl From<&Bead> for BeadIds {
    fn from(bead: &Bead) -> BeadIds {
        BeadIds {
            ids: bead.ids.iter().map(|r| r.clone().collect()).collect(),
        }
    }
}

/// The beads of an alignment, in order.
pub fn from_alignment(alignment: &Alignment) -> Vec<BeadIds> {
    alignment.beads.iter().map(BeadIds::from).collect()
}

/// Groups sentence links `(source id, target id)` into beads, for aligners
/// that output links (such as NLTK's Gale-Church): each bead is a connected
/// group of linked sentences, and a sentence in no link becomes a 1-0 or 0-1
/// bead. Links outside `0..source_len` × `0..target_len` are ignored.
/// Beads come in document order when the links are monotonic.
///
/// ```
/// use tmalign::export::beads::{beads_from_links, format_beads};
/// let beads = beads_from_links(4, 3, &[(0, 0), (1, 0), (3, 2)]);
/// assert_eq!(format_beads(&beads), "[0, 1]:[0]\n[2]:[]\n[]:[1]\n[3]:[2]\n");
/// ```
pub fn beads_from_links(
    source_len: usize,
    target_len: usize,
    links: &[(usize, usize)],
) -> Vec<BeadIds> {
    let mut groups = SentenceGroups::new(source_len, target_len);
    for &(s, t) in links {
        if s < source_len && t < target_len {
            groups.join(s, source_len + t);
        }
    }
    // Beads with source sentences in source order; each 0-1 bead goes
    // before the first of them that starts later on the target side.
    let (target_only, mut beads): (Vec<BeadIds>, Vec<BeadIds>) = groups
        .into_beads()
        .into_iter()
        .partition(|b| b.ids[0].is_empty());
    beads.sort_by_key(|b| b.ids[0].first().copied());
    for bead in target_only {
        let t = bead.ids[1].first().copied();
        let at = beads
            .iter()
            .position(|b| b.ids[1].first().is_some_and(|&u| Some(u) > t))
            .unwrap_or(beads.len());
        beads.insert(at, bead);
    }
    beads
}

/// Writes beads in the beads format, one per line, each line ending in `\n`.
///
/// ```
/// use tmalign::export::beads::{format_beads, BeadIds};
/// let beads = [BeadIds::pair(&[0], &[0, 1]), BeadIds::pair(&[], &[2])];
/// assert_eq!(format_beads(&beads), "[0]:[0, 1]\n[]:[2]\n");
/// ```
pub fn format_beads(beads: &[BeadIds]) -> String {
    let mut out = String::new();
    for bead in beads {
        out.push_str(&bead.to_string());
        out.push('\n');
    }
    out
}

/// Parses a beads file's text. `path` only goes into error messages.
///
/// Every bead must have the same number of documents (at least two).
///
/// ```
/// let beads = tmalign::export::beads::parse_beads("[0]:[0, 1]\n[]:[2]\n", None).unwrap();
/// assert_eq!(beads[0].ids, vec![vec![0], vec![0, 1]]);
/// assert!(tmalign::export::beads::parse_beads("[0]:[x]\n", None).is_err());
/// ```
pub fn parse_beads(text: &str, path: Option<&Path>) -> Result<Vec<BeadIds>> {
    let mut beads: Vec<BeadIds> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let error = |message: String| Error::Beads {
            path: path.map(Path::to_path_buf),
            line: index + 1,
            message,
        };
        if line.trim().is_empty() {
            continue;
        }
        let bead = parse_line(line).map_err(error)?;
        if let Some(first) = beads.first() {
            if first.ids.len() != bead.ids.len() {
                return Err(error(format!(
                    "bead has {} documents, but earlier beads have {}",
                    bead.ids.len(),
                    first.ids.len()
                )));
            }
        }
        beads.push(bead);
    }
    Ok(beads)
}

/// Reads and parses a beads file.
pub fn read_beads(path: &Path) -> Result<Vec<BeadIds>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: Some(PathBuf::from(path)),
        source,
    })?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(Error::Decode {
                path: Some(PathBuf::from(path)),
                offset: e.valid_up_to(),
                encoding: "UTF-8",
            })
        }
    };
    parse_beads(text.strip_prefix('\u{feff}').unwrap_or(text), Some(path))
}

/// Parses one non-blank line; the error message names the column.
fn parse_line(line: &str) -> std::result::Result<BeadIds, String> {
    let mut cursor = Cursor { line, pos: 0 };
    let mut ids = vec![cursor.list()?];
    loop {
        cursor.skip_space();
        if cursor.at_end() {
            break;
        }
        cursor.expect(':')?;
        cursor.skip_space();
        if cursor.peek() == Some('[') {
            ids.push(cursor.list()?);
        } else {
            // A trailing score, as Vecalign writes it; checked, then ignored.
            cursor.number()?;
            cursor.skip_space();
            if !cursor.at_end() {
                return Err(cursor.unexpected("end of line after the score"));
            }
            break;
        }
    }
    if ids.len() < 2 {
        return Err("a bead needs at least two id lists, like [0]:[0, 1]".to_string());
    }
    Ok(BeadIds { ids })
}

struct Cursor<'a> {
    line: &'a str,
    /// Byte offset of the next character; always on a char boundary.
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.line
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
    }

    fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn column(&self) -> usize {
        self.line.get(..self.pos).map_or(0, |s| s.chars().count()) + 1
    }

    fn unexpected(&self, expected: &str) -> String {
        match self.peek() {
            Some(c) => format!("column {}: expected {expected}, found {c:?}", self.column()),
            None => format!(
                "column {}: expected {expected}, found end of line",
                self.column()
            ),
        }
    }

    fn expect(&mut self, c: char) -> std::result::Result<(), String> {
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.unexpected(&format!("{c:?}")))
        }
    }

    /// `[` ids separated by commas `]`, spaces allowed anywhere between tokens.
    fn list(&mut self) -> std::result::Result<Vec<usize>, String> {
        self.skip_space();
        self.expect('[')?;
        let mut ids = Vec::new();
        self.skip_space();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(ids);
        }
        loop {
            self.skip_space();
            ids.push(self.id()?);
            self.skip_space();
            match self.peek() {
                Some(',') => self.bump(),
                Some(']') => {
                    self.bump();
                    return Ok(ids);
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }

    fn id(&mut self) -> std::result::Result<usize, String> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        let digits = self.line.get(start..self.pos).unwrap_or("");
        if digits.is_empty() {
            return Err(self.unexpected("a sentence id"));
        }
        // The column is counted only for an error: counting it for every
        // id made a 30,000-id line quadratic.
        digits.parse().map_err(|_| {
            let column = Cursor {
                line: self.line,
                pos: start,
            }
            .column();
            format!("column {column}: sentence id {digits} is too large")
        })
    }

    fn number(&mut self) -> std::result::Result<f64, String> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        {
            self.bump();
        }
        let text = self.line.get(start..self.pos).unwrap_or("");
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ => {
                self.pos = start;
                Err(self.unexpected("'[' or a score"))
            }
        }
    }
}

/// Union-find over the sentences of two documents, numbered as one range:
/// source sentences `0..source_len`, then target sentences after them.
/// Joined sentences end up in one bead. Evaluation sets use it to build gold
/// beads from whatever links their sentences.
///
/// ```
/// use tmalign::export::beads::{format_beads, SentenceGroups};
/// let mut groups = SentenceGroups::new(2, 2);
/// groups.join(0, 1); // both source sentences
/// groups.join(1, 2); // source 1 with target 0
/// assert_eq!(format_beads(&groups.into_beads()), "[0, 1]:[0]\n[]:[1]\n");
/// ```
#[derive(Debug, Clone)]
pub struct SentenceGroups {
    parent: Vec<usize>,
    source_len: usize,
}

impl SentenceGroups {
    /// Every sentence in a group of its own.
    pub fn new(source_len: usize, target_len: usize) -> SentenceGroups {
        SentenceGroups {
            parent: (0..source_len + target_len).collect(),
            source_len,
        }
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Puts nodes `a` and `b` (in the combined numbering) in one group.
    /// Nodes past the last target sentence are ignored.
    pub fn join(&mut self, a: usize, b: usize) {
        if a.max(b) >= self.parent.len() {
            return;
        }
        let (a, b) = (self.root(a), self.root(b));
        self.parent[a.max(b)] = a.min(b);
    }

    /// One bead per group, ordered by each group's smallest node.
    pub fn into_beads(mut self) -> Vec<BeadIds> {
        let mut groups: std::collections::BTreeMap<usize, BeadIds> = Default::default();
        for node in 0..self.parent.len() {
            let r = self.root(node);
            let bead = groups.entry(r).or_insert_with(|| BeadIds {
                ids: vec![Vec::new(), Vec::new()],
            });
            if node < self.source_len {
                bead.ids[0].push(node);
            } else {
                bead.ids[1].push(node - self.source_len);
            }
        }
        groups.into_values().collect()
    }
}

/// Writes the beads format, one bead per line: `[0]:[0, 1]`.
pub fn write_beads<W: Write>(aligned: &AlignedTexts, mut out: W) -> Result<()> {
    aligned.check()?;
    let beads = from_alignment(&aligned.alignment);
    out.write_all(format_beads(&beads).as_bytes())
        .map_err(io_error)?;
    out.flush().map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> BeadIds {
        parse_beads(line, None).unwrap().remove(0)
    }

    fn err(text: &str) -> String {
        parse_beads(text, Some(Path::new("g.defr")))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn parses_the_textberg_shapes() {
        assert_eq!(one("[0]:[0, 1]"), BeadIds::pair(&[0], &[0, 1]));
        assert_eq!(one("[]:[51]"), BeadIds::pair(&[], &[51]));
        assert_eq!(one("[106]:[]"), BeadIds::pair(&[106], &[]));
        assert_eq!(
            one(" [ 227,218 ] : [198]\r"),
            BeadIds::pair(&[227, 218], &[198])
        );
    }

    #[test]
    fn parses_three_documents_and_trailing_scores() {
        assert_eq!(one("[1]:[]:[2, 3]").ids, vec![vec![1], vec![], vec![2, 3]]);
        assert_eq!(one("[1]:[2]:0.25"), BeadIds::pair(&[1], &[2]));
        assert_eq!(one("[1]:[2]:-1e-3"), BeadIds::pair(&[1], &[2]));
    }

    #[test]
    fn skips_blank_lines_and_counts_lines_from_one() {
        let beads = parse_beads("\n[0]:[0]\n\n[1]:[1]\n", None).unwrap();
        assert_eq!(beads.len(), 2);
        assert_eq!(
            err("[0]:[0]\n\n[1]:[x]\n"),
            "g.defr:3: column 6: expected a sentence id, found 'x'"
        );
    }

    #[test]
    fn rejects_malformed_lines_with_a_position() {
        assert!(err("[0]").contains("two id lists"));
        assert!(err("[0]:[1").contains("column 7: expected ',' or ']', found end of line"));
        assert!(err("0]:[1]").contains("column 1: expected '['"));
        assert!(err("[0]:[1]:x").contains("column 9"));
        assert!(err("[0]:[1]:0.5 junk").contains("end of line after the score"));
        assert!(err("[99999999999999999999999]:[1]").contains("too large"));
        assert!(err("[0]:[1]\n[0]:[1]:[2]\n").starts_with("g.defr:2: bead has 3 documents"));
        assert!(err("[é]:[1]").contains("found 'é'"));
    }

    #[test]
    fn formats_back() {
        let text = "[0]:[0, 1]\n[]:[2]\n[1, 2]:[]\n";
        assert_eq!(format_beads(&parse_beads(text, None).unwrap()), text);
    }

    #[test]
    fn converts_alignments() {
        let alignment = Alignment {
            beads: vec![
                Bead {
                    ids: vec![0..1, 0..2],
                    score: 1.0,
                },
                Bead {
                    ids: vec![1..1, 2..3],
                    score: 0.5,
                },
            ],
        };
        assert_eq!(
            format_beads(&from_alignment(&alignment)),
            "[0]:[0, 1]\n[]:[2]\n"
        );
        assert_eq!(from_alignment(&alignment)[0].kind(), "1-2");
    }
}
