//! Structured round trip: texts cut from the input become units in two or
//! three languages; writing and reading them back gives the writer's
//! normal form (trimmed, forbidden characters removed, blank variants and
//! single-variant units left out).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tmx::{Header, Reader, Tu, Writer, WriterOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let langs = ["en", "ar_SA", "ru"];
    let mut units = Vec::new();
    for chunk in text.split('\u{FFFD}').collect::<Vec<_>>().chunks(3) {
        let pairs: Vec<(&str, &str)> = langs.iter().copied().zip(chunk.iter().copied()).collect();
        units.push(Tu::from_pairs(pairs));
    }
    let mut out = Vec::new();
    let mut writer = Writer::new(
        &mut out,
        &Header::new("fuzz", "1", "en"),
        WriterOptions::default(),
    )
    .unwrap();
    for tu in &units {
        writer.write_tu(tu).unwrap();
    }
    writer.finish().unwrap();
    let mut reader = Reader::from_bytes(&out).unwrap();
    let read: Vec<Tu> = reader.tus().collect::<Result<_, _>>().unwrap();
    let want: Vec<Vec<(String, String)>> = units
        .iter()
        .map(|tu| {
            tu.tuvs
                .iter()
                .map(|v| (tmx::lang::canonical(&v.lang), v.seg.normalized()))
                .filter(|(_, seg)| !seg.is_blank())
                .map(|(lang, seg)| (lang, seg.text()))
                .collect::<Vec<_>>()
        })
        .filter(|tuvs| tuvs.len() >= 2)
        .collect();
    let got: Vec<Vec<(String, String)>> = read
        .iter()
        .map(|tu| {
            tu.tuvs
                .iter()
                .map(|v| (v.lang.clone(), v.seg.text()))
                .collect()
        })
        .collect();
    assert_eq!(got, want);
});
