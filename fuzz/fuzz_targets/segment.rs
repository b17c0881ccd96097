//! Any text in ar, en, ru or an unknown language: sentences are non-empty,
//! in order, on character boundaries, never overlap, and their paragraphs
//! never go back.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LANGS: [&str; 4] = ["ar", "en", "ru", "und"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = LANGS[usize::from(first) % LANGS.len()];
    let mut end = 0;
    let mut paragraph = 0;
    for s in tmalign::Segmenter::new(lang).sentences(&text) {
        assert!(
            end <= s.start && s.start < s.end && s.end <= text.len(),
            "{s:?} after {end}"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.paragraph >= paragraph);
        end = s.end;
        paragraph = s.paragraph;
    }
});
