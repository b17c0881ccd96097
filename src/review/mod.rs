//! The review page: one self-contained HTML file that shows every bead side
//! by side with its score and the evidence for it, lets the translator
//! merge, split, move, confirm and exclude, and saves the edited alignment
//! as the JSON of `align -f json` with per-bead `confirmed` / `excluded`
//! flags, which `export` turns into the memory.
//!
//! The page needs no network and no server: its script, style and data are
//! inline, and a Content-Security-Policy forbids every fetch. All text goes
//! into the page as text, never as markup.
//!
//! ```
//! let aligned = tmalign::align_texts(
//!     &[("en", "Prices rose 5%. Shares fell."), ("ru", "Цены выросли на 5%. Акции упали.")],
//!     &Default::default(),
//! ).unwrap();
//! let html = tmalign::review::render(&aligned, &[None, None], &Default::default()).unwrap();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! let data = tmalign::review::embedded_alignment(&html).unwrap();
//! assert_eq!(data["beads"].as_array().unwrap().len(), aligned.alignment.beads.len());
//! ```

mod data;
mod example;
mod page;

#[doc(hidden)]
pub use example::example_alignment;
pub use page::{embedded_alignment, render, write};

use crate::alignment_json::Verdict;

/// Settings of the review page. Build one with [`ReviewOptions::new`] and
/// its setters; fields may be added in later versions.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReviewOptions {
    /// Beads below this are marked as left out of the TMX (red or amber).
    /// By default, [`crate::align::DEFAULT_MIN_SCORE`].
    pub min_score: f64,
    /// Verdicts on beads already reviewed, by bead index (read back with
    /// [`crate::alignment_json::ReviewedAlignment`]). By default, none.
    pub verdicts: Vec<Verdict>,
    /// The page title. By default, built from the documents' paths.
    pub title: Option<String>,
}

impl ReviewOptions {
    /// The default settings.
    pub fn new() -> ReviewOptions {
        ReviewOptions::default()
    }

    /// Marks beads below `score` as left out of the TMX.
    ///
    /// By default, [`crate::align::DEFAULT_MIN_SCORE`].
    pub fn min_score(&mut self, score: f64) -> &mut ReviewOptions {
        self.min_score = score;
        self
    }

    /// Shows these verdicts (one per bead) as already given.
    ///
    /// By default, none: every bead is open.
    pub fn verdicts(&mut self, verdicts: Vec<Verdict>) -> &mut ReviewOptions {
        self.verdicts = verdicts;
        self
    }

    /// Sets the page title.
    ///
    /// By default, a title built from the documents' paths.
    pub fn title(&mut self, title: &str) -> &mut ReviewOptions {
        self.title = Some(title.to_string());
        self
    }
}

impl Default for ReviewOptions {
    fn default() -> ReviewOptions {
        ReviewOptions {
            min_score: crate::align::DEFAULT_MIN_SCORE,
            verdicts: Vec::new(),
            title: None,
        }
    }
}

/// Below this (or below the threshold, if lower) a bead is red, not amber:
/// the aligner thinks it more likely wrong than right.
pub const RED_BELOW: f64 = 0.5;
