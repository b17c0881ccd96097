//! Two texts from the fuzz bytes (split at the first 0xFF): every sentence
//! of each document is in exactly one bead, in order, and every score is in
//! [0, 1]. The first byte picks the languages and `--presegmented`.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LANGS: [&str; 4] = ["ar", "en", "ru", "de"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let cut = rest
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(rest.len() / 2);
    let a = String::from_utf8_lossy(&rest[..cut]);
    let b = String::from_utf8_lossy(rest.get(cut + 1..).unwrap_or_default());
    let langs = (
        LANGS[usize::from(first & 3)],
        LANGS[usize::from(first >> 2 & 3)],
    );
    let mut options = tmalign::Options::new();
    options.presegmented(first & 0x10 != 0);
    let Ok(aligned) = tmalign::align_texts(&[(langs.0, &a), (langs.1, &b)], &options) else {
        return;
    };
    for (k, doc) in aligned.documents.iter().enumerate() {
        let mut next = 0;
        for bead in &aligned.alignment.beads {
            let ids = &bead.ids[k];
            assert_eq!(
                ids.start, next,
                "document {k}: bead {bead:?} does not follow {next}"
            );
            next = ids.end;
        }
        assert_eq!(
            next,
            doc.sentences.len(),
            "document {k}: sentences left out"
        );
    }
    for bead in &aligned.alignment.beads {
        assert!(bead.ids.iter().any(|r| !r.is_empty()), "empty bead");
        assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
    }
});
