//! A synthetic alignment of any size, for the review page's benchmark and
//! its scale test (one fixture, so that both measure the same page).

use crate::{AlignedTexts, Alignment, Bead, Document};

/// `n` one-to-one beads of English and Russian sentences, each with a
/// name, numbers and a URL to match, every ninth scored below the default
/// threshold; built without running the aligner.
///
/// ```
/// let aligned = tmalign::review::example_alignment(3);
/// assert_eq!(aligned.alignment.beads.len(), 3);
/// assert_eq!(aligned.documents[1].sentences.len(), 3);
/// ```
#[doc(hidden)]
pub fn example_alignment(n: usize) -> AlignedTexts {
    let mut en = String::new();
    let mut ru = String::new();
    for i in 0..n {
        en.push_str(&format!(
            "Putin said on day {i} in Moscow that prices rose {}.{} percent, see https://example.org/{i}.\n",
            i % 17,
            i % 10
        ));
        ru.push_str(&format!(
            "Путин заявил в день {i} в Москве, что цены выросли на {},{} процента, см. https://example.org/{i}.\n",
            i % 17,
            i % 10
        ));
    }
    let en = Document::presegmented("en", en);
    let ru = Document::presegmented("ru", ru);
    let beads = (0..n)
        .map(|i| Bead {
            ids: vec![i..i + 1, i..i + 1],
            score: if i % 9 == 0 { 0.42 } else { 0.97 },
        })
        .collect();
    AlignedTexts::new(vec![en, ru], Alignment { beads })
}
