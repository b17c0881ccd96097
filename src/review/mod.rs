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

mod load;
mod page;

pub use load::{read_alignment, Reviewed};
pub use page::{embedded_alignment, render, write};

/// Human decisions on one bead, kept in the saved JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BeadFlags {
    /// The translator checked the bead: `export` always writes it.
    pub confirmed: bool,
    /// The translator rejected the bead: `export` never writes it.
    pub excluded: bool,
}

/// Settings of the review page.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// Beads below this are marked as left out of the TMX (red or amber).
    /// By default, [`crate::align::DEFAULT_MIN_SCORE`].
    pub min_score: f64,
    /// Flags of beads already reviewed, by bead index. By default, none.
    pub flags: Vec<BeadFlags>,
    /// The page title. By default, built from the documents' paths.
    pub title: Option<String>,
}

impl Default for ReviewOptions {
    fn default() -> ReviewOptions {
        ReviewOptions {
            min_score: crate::align::DEFAULT_MIN_SCORE,
            flags: Vec::new(),
            title: None,
        }
    }
}

/// Below this (or below the threshold, if lower) a bead is red, not amber:
/// the aligner thinks it more likely wrong than right.
pub const RED_BELOW: f64 = 0.5;
