//! Scoring of alignments against gold beads (PLACEHOLDER).
