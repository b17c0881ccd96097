//! The Text+Berg German–French gold set (`corpora/textberg` in the shared
//! folder): `NAME.de`, `NAME.fr` (one sentence per line) and `NAME.defr`
//! (gold beads). The data stays where it is; nothing is copied.

use crate::error::Result;
use std::path::Path;
use tmalign::eval::{read_beads, BeadIds};
use tmalign::Document;

/// The tuning document.
pub const TEXTBERG_DEV: &str = "dev";

/// The seven test documents; their counts are pooled.
pub const TEXTBERG_TEST: [&str; 7] = [
    "test0", "test1", "test2", "test3", "test4", "test5", "test6",
];

/// Loads Text+Berg document `name` (`dev`, `test0` … `test6`) from
/// `shared_dir/corpora/textberg`: the German and French documents, each
/// line one sentence, and the gold beads (German ids first).
///
/// ```no_run
/// use evalsets::load_textberg;
/// use tmalign::eval::{count, from_alignment};
/// let (de, fr, gold) = load_textberg("../shared".as_ref(), "test0")?;
/// let hyp = from_alignment(&tmalign::Aligner::new().align(&[&de, &fr])?);
/// println!("{:?}", count(&gold, &hyp).scores());
/// # Ok::<(), evalsets::Error>(())
/// ```
pub fn load_textberg(shared_dir: &Path, name: &str) -> Result<(Document, Document, Vec<BeadIds>)> {
    let dir = shared_dir.join("corpora").join("textberg");
    let de = Document::presegmented("de", read_text(&dir.join(format!("{name}.de")))?);
    let fr = Document::presegmented("fr", read_text(&dir.join(format!("{name}.fr")))?);
    let gold = read_beads(&dir.join(format!("{name}.defr")))?;
    Ok((de, fr, gold))
}

/// Reads a UTF-8 text file, with a clear error naming it.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| tmalign::Error::Io {
        path: Some(path.to_path_buf()),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| tmalign::Error::Decode {
        path: Some(path.to_path_buf()),
        offset: e.utf8_error().valid_up_to(),
        encoding: "UTF-8",
    })?;
    Ok(text)
}
