//! The short report that `align` and `batch` print on stderr.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use tmalign::export::{LeftOut, TmxSummary};
use tmalign::left_out::LeftOutBead;
use tmalign::AlignedTexts;

/// Sentences per text and beads by type, e.g.
/// `ar.txt [ar]: 23 sentences` … `beads: 20 1-1, 2 1-2, 1 0-1`.
pub fn describe_alignment(files: &[PathBuf], aligned: &AlignedTexts) -> String {
    let mut out = String::new();
    for (path, doc) in files.iter().zip(&aligned.documents) {
        let _ = writeln!(
            out,
            "{} [{}]: {} sentences",
            path.display(),
            doc.lang,
            doc.len()
        );
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for bead in &aligned.alignment.beads {
        *kinds.entry(bead.kind()).or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let listed: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let _ = writeln!(
        out,
        "beads: {} ({})",
        aligned.alignment.beads.len(),
        listed.join(", ")
    );
    out
}

/// Units written and what was left out, e.g.
/// `out.tmx: 21 units written; left out: 2 one-sided, 1 below --min-score 0.30`.
pub fn describe_tmx(path: &Path, summary: &TmxSummary, min_score: f64) -> String {
    let mut left_out = Vec::new();
    if summary.one_sided > 0 {
        left_out.push(format!("{} one-sided", summary.one_sided));
    }
    if summary.below_min_score > 0 {
        left_out.push(format!(
            "{} below --min-score {min_score:.2}",
            summary.below_min_score
        ));
    }
    if summary.excluded > 0 {
        left_out.push(format!("{} excluded", summary.excluded));
    }
    if summary.dropped_by_writer > 0 {
        left_out.push(format!(
            "{} empty after trimming",
            summary.dropped_by_writer
        ));
    }
    let mut line = format!(
        "{}: {} units written",
        path.display(),
        summary.units_written
    );
    if !left_out.is_empty() {
        let _ = write!(line, "; left out: {}", left_out.join(", "));
    }
    if summary.control_chars_removed > 0 {
        let _ = write!(
            line,
            "; {} characters XML forbids removed",
            summary.control_chars_removed
        );
    }
    line
}

/// How many beads left out the summary lists without `-v`.
const LISTED: usize = 5;

/// The units left out with a pairing (one-sided ones are omissions, counted
/// but not listed), one line each: `  #12 0.7931 1-1 below-min-score: Text…`
/// (`#12.2` for a part of bead 12 in a pair file); the first few, or all
/// when `verbose`.
pub fn list_left_out(beads: impl Iterator<Item = LeftOutBead>, verbose: bool) -> String {
    let mut out = String::new();
    let mut more = 0;
    for (n, bead) in beads.filter(|b| b.reason != LeftOut::OneSided).enumerate() {
        if n >= LISTED && !verbose {
            more += 1;
            continue;
        }
        let _ = writeln!(
            out,
            "  #{} {} {} {}: {}",
            bead.id,
            tmalign::export::format_score(bead.score),
            bead.kind,
            bead.reason.name(),
            tmalign::left_out::text_start(&bead, 60)
        );
    }
    if more > 0 {
        let _ = writeln!(
            out,
            "  ... and {more} more (-v lists all, --rejected FILE writes them out)"
        );
    }
    out
}
