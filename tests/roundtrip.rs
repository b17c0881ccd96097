//! Align, export and import agree: what the TMX and TSV say is what the
//! alignment says, for arbitrary texts.

use proptest::prelude::*;
use tmalign::export::{bead_text, write_tmx, write_tsv, TmxOptions};

/// A sentence of 1–6 words drawn from Latin, Cyrillic and Arabic words,
/// numbers and characters XML needs escaped.
fn sentence() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "alpha",
        "beta",
        "Путин",
        "доклад",
        "بوتين",
        "تقرير",
        "42",
        "٣٫٥",
        "&",
        "<tag>",
        "]]>",
        "\"q\"",
        "x\u{301}",
        "\u{200F}",
        "𝒳",
    ]);
    prop::collection::vec(word, 1..6).prop_map(|w| format!("{}.", w.join(" ")))
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 0..12).prop_map(|s| s.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tmx_units_are_the_two_sided_beads_in_order(a in text(), b in text(), c in text(), three in any::<bool>()) {
        let mut inputs = vec![("en", a.as_str()), ("ru", b.as_str())];
        if three {
            inputs.push(("ar", c.as_str()));
        }
        let options = tmalign::Options::new().presegmented(true).clone();
        let aligned = tmalign::align_texts(&inputs, &options).unwrap();

        let mut tmx_bytes = Vec::new();
        let summary = write_tmx(&aligned, &mut tmx_bytes, TmxOptions::new().min_score(0.0)).unwrap();
        let mut expected = Vec::new();
        for bead in &aligned.alignment.beads {
            let variants: Vec<(String, String)> = aligned
                .documents
                .iter()
                .zip(&bead.ids)
                .filter(|(_, ids)| !ids.is_empty())
                .map(|(doc, ids)| (doc.lang.clone(), bead_text(doc, ids.clone())))
                .collect();
            if variants.len() >= 2 {
                expected.push(variants);
            }
        }
        let mut reader = tmx::Reader::from_bytes(&tmx_bytes).unwrap();
        let mut tu = tmx::Tu::default();
        let mut read = Vec::new();
        while reader.read_tu(&mut tu).unwrap() {
            read.push(tu.tuvs.iter().map(|v| (v.lang.clone(), v.seg.text())).collect::<Vec<_>>());
        }
        prop_assert_eq!(summary.units_written, read.len());
        prop_assert_eq!(summary.units_written + summary.one_sided, aligned.alignment.beads.len());
        prop_assert_eq!(read, expected);

        let mut tsv = Vec::new();
        write_tsv(&aligned, &mut tsv).unwrap();
        let tsv = String::from_utf8(tsv).unwrap();
        prop_assert_eq!(tsv.lines().count(), aligned.alignment.beads.len());
        for line in tsv.lines() {
            prop_assert_eq!(line.split('\t').count(), inputs.len() + 1);
        }
    }
}
