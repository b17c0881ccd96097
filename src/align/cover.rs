//! Whether a list of beads is an alignment of some documents: one range
//! per document in every bead, each range starting where the document's
//! range in the bead before ended, no bead empty, and every sentence of
//! every document in a bead. What the aligner returns always is; beads
//! made or edited elsewhere are checked before anything relies on them,
//! so that no sentence is silently lost or counted twice.

use super::{Alignment, Bead};
use crate::document::Document;
use crate::error::{Error, Result};

impl Alignment {
    /// Checks that these beads cover every sentence of `docs` exactly once,
    /// in order, with one range per document in every bead and no bead
    /// empty.
    ///
    /// ```
    /// use tmalign::{Alignment, Bead, Document};
    /// let en = Document::presegmented("en", "One.\nTwo.\n".into());
    /// let ru = Document::presegmented("ru", "Раз. Два.\n".into());
    /// let bead = |ids: Vec<std::ops::Range<usize>>| Bead { ids, score: 1.0 };
    /// let good = Alignment { beads: vec![bead(vec![0..2, 0..1])] };
    /// assert!(good.check(&[&en, &ru]).is_ok());
    /// let twice = Alignment { beads: vec![bead(vec![0..1, 0..1]), bead(vec![0..2, 1..1])] };
    /// let error = twice.check(&[&en, &ru]).unwrap_err().to_string();
    /// assert_eq!(error, "bead 2: document 1 (en) starts at sentence 0, expected sentence 1");
    /// ```
    ///
    /// # Errors
    /// [`Error::BeadCover`], naming the first bead that breaks the rule.
    pub fn check(&self, docs: &[&Document]) -> Result<()> {
        check_cover(&self.beads, docs)
    }
}

/// [`Alignment::check`] on a slice of beads.
pub(crate) fn check_cover(beads: &[Bead], docs: &[&Document]) -> Result<()> {
    let fail = |bead: Option<usize>, message: String| Error::BeadCover { bead, message };
    let mut next = vec![0usize; docs.len()];
    for (index, bead) in beads.iter().enumerate() {
        if bead.ids.len() != docs.len() {
            return Err(fail(
                Some(index),
                format!(
                    "has {} ranges, expected one per document ({})",
                    bead.ids.len(),
                    docs.len()
                ),
            ));
        }
        for (k, (range, doc)) in bead.ids.iter().zip(docs).enumerate() {
            // Named only on failure: the check runs on every export.
            let side = || format!("document {} ({})", k + 1, doc.lang);
            if range.start != next[k] {
                return Err(fail(
                    Some(index),
                    format!(
                        "{} starts at sentence {}, expected sentence {}",
                        side(),
                        range.start,
                        next[k]
                    ),
                ));
            }
            if range.end < range.start || range.end > doc.len() {
                return Err(fail(
                    Some(index),
                    format!(
                        "{} ends at sentence {}, but the document has {} sentences",
                        side(),
                        range.end,
                        doc.len()
                    ),
                ));
            }
            next[k] = range.end;
        }
        if bead.ids.iter().all(|r| r.is_empty()) {
            return Err(fail(Some(index), "holds no sentence".into()));
        }
    }
    for (k, (&end, doc)) in next.iter().zip(docs).enumerate() {
        if end != doc.len() {
            return Err(fail(
                None,
                format!(
                    "document {} ({}) has {} sentences, but the beads end at sentence {end}",
                    k + 1,
                    doc.lang,
                    doc.len()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    fn docs() -> [Document; 2] {
        [
            Document::presegmented("en", "One.\nTwo.\nThree.\n".into()),
            Document::presegmented("ru", "Раз.\nДва.\n".into()),
        ]
    }

    fn error(ids: &[&[Range<usize>]]) -> Option<String> {
        let [a, b] = docs();
        let beads: Vec<Bead> = ids
            .iter()
            .map(|ids| Bead {
                ids: ids.to_vec(),
                score: 0.5,
            })
            .collect();
        check_cover(&beads, &[&a, &b]).err().map(|e| e.to_string())
    }

    #[test]
    fn a_cover_in_order_passes() {
        assert_eq!(error(&[&[0..1, 0..1], &[1..3, 1..2]]), None);
        assert_eq!(error(&[&[0..1, 0..0], &[1..3, 0..2]]), None);
    }

    #[test]
    fn each_way_of_breaking_the_cover_names_its_bead() {
        let cases: [(&[&[Range<usize>]], &str); 6] = [
            (&[&[0..1, 0..1, 0..0]], "bead 1: has 3 ranges, expected one per document (2)"),
            (
                &[&[0..1, 0..1], &[0..3, 1..2]],
                "bead 2: document 1 (en) starts at sentence 0, expected sentence 1",
            ),
            (
                &[&[0..9, 0..2]],
                "bead 1: document 1 (en) ends at sentence 9, but the document has 3 sentences",
            ),
            (
                &[&[0..3, 0..2], &[3..3, 2..2]],
                "bead 2: holds no sentence",
            ),
            (
                &[&[0..2, 0..2]],
                "after the last bead: document 1 (en) has 3 sentences, but the beads end at sentence 2",
            ),
            (
                &[&[1..1, 0..2], &[0..3, 2..2]],
                "bead 1: document 1 (en) starts at sentence 1, expected sentence 0",
            ),
        ];
        for (ids, expected) in cases {
            assert_eq!(error(ids).as_deref(), Some(expected), "{ids:?}");
        }
    }
}
