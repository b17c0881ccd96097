//! Property: `align -f json` read back gives the same TMX (pair files
//! included), TSV and JSON as the alignment itself, for any documents
//! (through the library).

use proptest::prelude::*;
use tmalign::alignment_json::ReviewedAlignment;
use tmalign::export::{self, TmxOptions};

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("word".to_string()),
            Just("&amp; <b> ]]>".to_string()),
            Just("مرحبا ٣٤".to_string()),
            Just("Привет 12,5%".to_string()),
            Just("e\u{301}".to_string()),
            Just("\u{1F600}".to_string()),
            Just("\u{1f}".to_string()),
            Just("\r".to_string()),
            Just("\u{200f}".to_string()),
            "[a-z]{1,8}",
        ],
        1..6,
    )
    .prop_map(|words| format!("{}.", words.join(" ")))
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((sentence(), prop::bool::weighted(0.2)), 0..12).prop_map(|lines| {
        let mut out = String::new();
        for (s, blank) in lines {
            out.push_str(&s);
            out.push_str(if blank { "\r\n\n" } else { "\n" });
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn json_read_back_exports_the_same(a in text(), b in text(), c in text(), three in any::<bool>(), presegmented in any::<bool>()) {
        let mut texts = vec![("en", a.as_str()), ("ar", b.as_str())];
        if three {
            texts.push(("ru", c.as_str()));
        }
        let options = tmalign::Options::new().presegmented(presegmented).clone();
        let aligned = tmalign::align_texts(&texts, &options).unwrap();
        let mut json = Vec::new();
        export::write_json(&aligned, &[Some("a.txt"), None, Some("c.txt")], &mut json).unwrap();
        let back = ReviewedAlignment::from_json(std::str::from_utf8(&json).unwrap(), None).unwrap();
        prop_assert_eq!(&back.paths[..2], &[Some("a.txt".to_string()), None]);
        let tmx_of = |al: &tmalign::AlignedTexts, min_score: f64| {
            let mut out = Vec::new();
            let options = TmxOptions::new().min_score(min_score).clone();
            export::write_tmx(al, &mut out, &options).unwrap();
            // The two runs may fall in different seconds: the date aside.
            let text = String::from_utf8(out).unwrap();
            let at = text.find("creationdate=").unwrap();
            format!("{}{}", &text[..at], &text[at + "creationdate=\"20231114T221320Z\"".len()..])
        };
        for min_score in [0.0, 0.5, 0.9] {
            prop_assert_eq!(tmx_of(&aligned, min_score), tmx_of(&back.aligned, min_score));
        }
        // Pair files, of a pair's own units (split where the pair's own
        // alignment splits a joint bead), the same from the JSON too.
        let aligner = tmalign::Aligner::new();
        let n = aligned.documents.len();
        for (a, b) in [(0, 1), (0, 2), (1, 2)].into_iter().filter(|&(_, b)| b < n) {
            let pair_tmx = |al: &tmalign::AlignedTexts| {
                let docs: Vec<&tmalign::Document> = al.documents.iter().collect();
                let units = aligner.pair_units(&docs, &al.alignment.beads, &[], a, b);
                let mut out = Vec::new();
                let options = TmxOptions::new().min_score(0.5).pair_units(a, b, units.clone()).clone();
                export::write_tmx(al, &mut out, &options).unwrap();
                let text = String::from_utf8(out).unwrap();
                let at = text.find("creationdate=").unwrap();
                (units, format!("{}{}", &text[..at], &text[at + "creationdate=\"20231114T221320Z\"".len()..]))
            };
            let (units, tmx) = pair_tmx(&aligned);
            prop_assert_eq!(&tmx, &pair_tmx(&back.aligned).1);
            // The units cover the pair's sentences once, in order, and every
            // bead, whole or in parts that lie inside its projection.
            let mut next = [0, 0];
            let mut beads = Vec::new();
            for u in &units {
                let bead = &aligned.alignment.beads[u.bead];
                for (k, doc) in [a, b].into_iter().enumerate() {
                    prop_assert_eq!(u.ids[k].start, next[k]);
                    next[k] = u.ids[k].end;
                    prop_assert!(bead.ids[doc].start <= u.ids[k].start && u.ids[k].end <= bead.ids[doc].end);
                }
                match u.part {
                    None => prop_assert!(u.score >= bead.score),
                    Some(k) => prop_assert_eq!(k, units.iter().filter(|v| v.bead == u.bead && v.part.is_some_and(|p| p < k)).count()),
                }
                if beads.last() != Some(&u.bead) {
                    beads.push(u.bead);
                }
            }
            prop_assert_eq!(next, [aligned.documents[a].len(), aligned.documents[b].len()]);
            prop_assert_eq!(beads, (0..aligned.alignment.beads.len()).collect::<Vec<_>>());
        }
        let tsv_of = |al: &tmalign::AlignedTexts| {
            let mut out = Vec::new();
            export::write_tsv_with_header(al, true, &mut out).unwrap();
            out
        };
        prop_assert_eq!(tsv_of(&aligned), tsv_of(&back.aligned));
        let mut again = Vec::new();
        let paths: Vec<Option<&str>> = back.paths.iter().map(Option::as_deref).collect();
        export::write_json(&back.aligned, &paths, &mut again).unwrap();
        prop_assert_eq!(String::from_utf8(json).unwrap(), String::from_utf8(again).unwrap());
    }
}

/// A bead scored 0.89999… is written as 0.9000: the TMX keeps it at
/// `--min-score 0.9`, as `export` of its JSON does (found by the round-trip
/// property under CI).
#[test]
fn regression_a_score_shown_as_the_threshold_is_kept_both_ways() {
    let dir = crate::util::temp_dir();
    std::fs::write(dir.path().join("en.txt"), "Привет 12,5%.\n").unwrap();
    std::fs::write(dir.path().join("ar.txt"), "&amp; <b> ]]> مرحبا ٣٤.\n").unwrap();
    for out in ["a.tmx", "a.json"] {
        let run =
            crate::util::tmalign_in(dir.path(), &["align", "-q", "-o", out, "en.txt", "ar.txt"]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let run = crate::util::tmalign_in(dir.path(), &["export", "-q", "-o", "b.tmx", "a.json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let direct = std::fs::read_to_string(dir.path().join("a.tmx")).unwrap();
    assert!(
        direct.contains("<prop type=\"x-tmalign-score\">0.9000</prop>"),
        "{direct}"
    );
    assert_eq!(
        direct,
        std::fs::read_to_string(dir.path().join("b.tmx")).unwrap()
    );
}

/// An alignment built by hand that repeats or leaves out a sentence is
/// refused by every writer, naming the bead, and nothing is written.
#[test]
fn every_writer_refuses_beads_that_repeat_or_lose_a_sentence() {
    use tmalign::{AlignedTexts, Alignment, Bead, Document};
    let docs = || {
        vec![
            Document::presegmented("en", "One.\nTwo.\n".to_string()),
            Document::presegmented("ru", "Раз.\nДва.\n".to_string()),
        ]
    };
    let bead = |a: std::ops::Range<usize>, b: std::ops::Range<usize>| Bead {
        ids: vec![a, b],
        score: 1.0,
    };
    let cases = [
        (vec![bead(0..1, 0..1), bead(0..2, 1..2)], "bead 2: "),
        (vec![bead(0..1, 0..1)], "after the last bead: "),
    ];
    for (beads, place) in cases {
        let aligned = AlignedTexts::new(docs(), Alignment { beads });
        let mut out = Vec::new();
        let results = [
            export::write_tmx(&aligned, &mut out, &TmxOptions::new()).map(|_| ()),
            export::write_xliff(&aligned, &mut out, &Default::default()).map(|_| ()),
            export::write_tsv(&aligned, &mut out),
            export::write_json(&aligned, &[None, None], &mut out),
            export::write_beads(&aligned, &mut out),
            tmalign::review::render(&aligned, &[None, None], &Default::default()).map(|_| ()),
        ];
        for result in results {
            let error = result
                .expect_err("a broken cover must be refused")
                .to_string();
            assert!(error.starts_with(place), "{error}");
        }
        assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
    }
}
