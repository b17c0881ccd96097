//! The aligner: beads cover every sentence once and in order, output is
//! deterministic, and degenerate inputs give sensible beads without panics.

use proptest::prelude::*;
use std::ops::Range;
use tmalign::{Aligner, Alignment, Bead, Document};

fn doc(lang: &str, lines: &[String]) -> Document {
    Document::presegmented(lang, lines.join("\n"))
}

/// Every bead is non-empty, the ranges of each document follow each other
/// without gaps from 0 to its length, and scores are probabilities.
fn assert_covers(al: &Alignment, docs: &[&Document]) {
    for bead in &al.beads {
        assert_eq!(bead.ids.len(), docs.len());
        assert!(
            bead.ids.iter().any(|r| !r.is_empty()),
            "empty bead {bead:?}"
        );
        assert!((0.0..=1.0).contains(&bead.score), "score of {bead:?}");
    }
    for (k, d) in docs.iter().enumerate() {
        let mut next = 0;
        for bead in &al.beads {
            assert_eq!(
                bead.ids[k].start, next,
                "document {k} skips or repeats at {bead:?}"
            );
            next = bead.ids[k].end;
        }
        assert_eq!(next, d.len(), "document {k} is not covered to its end");
    }
}

fn kinds(al: &Alignment) -> Vec<String> {
    al.beads.iter().map(|b| b.kind()).collect()
}

const WORDS: [&str; 16] = [
    "the",
    "Putin",
    "Путин",
    "بوتين",
    "2019",
    "٢٨٫٢",
    "river",
    "река",
    "نهر",
    "?",
    "«",
    "http://x.org",
    "rose",
    "1 234,5",
    "Expedition",
    "expédition",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), 1..12).prop_map(|w| w.join(" "))
}

fn sentences(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn two_documents_are_covered_once_in_order(a in sentences(40), b in sentences(40)) {
        let (a, b) = (doc("en", &a), doc("ru", &b));
        let al = Aligner::new().align(&[&a, &b]).unwrap();
        assert_covers(&al, &[&a, &b]);
        prop_assert_eq!(al, Aligner::new().align(&[&a, &b]).unwrap());
    }

    #[test]
    fn three_documents_are_covered_once_in_order(
        a in sentences(15), b in sentences(15), c in sentences(15)
    ) {
        let (a, b, c) = (doc("ar", &a), doc("en", &b), doc("ru", &c));
        let al = Aligner::new().align(&[&a, &b, &c]).unwrap();
        assert_covers(&al, &[&a, &b, &c]);
    }

    /// The Arabic joins runs of the English lines into one sentence and the
    /// Russian drops some: the one-to-many merge after the joint search runs
    /// here, and must still leave every sentence in exactly one bead.
    #[test]
    fn three_documents_with_joined_runs_are_covered_once_in_order(
        en in prop::collection::vec(sentence(), 1..24),
        runs in prop::collection::vec(1usize..5, 24),
        dropped in prop::collection::vec(any::<bool>(), 24),
    ) {
        let mut ar = Vec::new();
        let mut rest = &en[..];
        for &n in &runs {
            if rest.is_empty() {
                break;
            }
            let (run, tail) = rest.split_at(n.min(rest.len()));
            ar.push(run.join(" و"));
            rest = tail;
        }
        let ru: Vec<String> = en
            .iter()
            .zip(&dropped)
            .filter(|(_, &d)| !d)
            .map(|(s, _)| s.clone())
            .collect();
        let (a, b, c) = (doc("ar", &ar), doc("en", &en), doc("ru", &ru));
        for order in [[&a, &b, &c], [&b, &a, &c], [&c, &b, &a]] {
            let al = Aligner::new().align(&order).unwrap();
            assert_covers(&al, &order);
        }
    }

    /// The beads depend on the texts, not on the order they are named in:
    /// naming them in another order only moves the bead columns, for a
    /// first alignment and for one aligned again around fixed beads.
    #[test]
    fn naming_the_texts_in_another_order_only_moves_the_columns(
        a in sentences(15), b in sentences(15), c in sentences(15), lang in 0usize..3
    ) {
        let langs = [["ar", "en", "ru"], ["en", "en", "ru"], ["de", "de", "de"]][lang];
        let docs = [doc(langs[0], &a), doc(langs[1], &b), doc(langs[2], &c)];
        let aligner = Aligner::new();
        for n in [2, 3] {
            let given: Vec<&Document> = docs.iter().take(n).collect();
            let first = aligner.align(&given).unwrap().beads;
            let fixed: Vec<bool> = (0..first.len()).map(|i| i % 3 == 1).collect();
            let again = aligner.realign(&given, &first, &fixed).unwrap();
            for order in permutations(n) {
                let named: Vec<&Document> = order.iter().map(|&k| given[k]).collect();
                let named_first = aligner.align(&named).unwrap().beads;
                prop_assert_eq!(columns(&named_first, &identity(n)), columns(&first, &order));
                let named_again = aligner.realign(&named, &named_first, &fixed).unwrap();
                prop_assert_eq!(columns(&named_again, &identity(n)), columns(&again, &order));
            }
        }
    }

    #[test]
    fn any_settings_cover(a in sentences(30), b in sentences(30), width in 1usize..40,
                          second in any::<bool>(), three in any::<bool>()) {
        let (a, b) = (doc("de", &a), doc("fr", &b));
        let mut aligner = Aligner::new();
        aligner.band_width(width).second_pass(second).large_beads(three);
        let al = aligner.align(&[&a, &b]).unwrap();
        assert_covers(&al, &[&a, &b]);
        if !three {
            prop_assert!(al.beads.iter().all(|b| b.ids.iter().all(|r| r.len() <= 2)));
        }
    }
}

/// Every order of `0..n`, for `n` of 2 or 3.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let all: &[&[usize]] = if n == 2 {
        &[&[0, 1], &[1, 0]]
    } else {
        &[
            &[0, 1, 2],
            &[0, 2, 1],
            &[1, 0, 2],
            &[1, 2, 0],
            &[2, 0, 1],
            &[2, 1, 0],
        ]
    };
    all.iter().map(|o| o.to_vec()).collect()
}

/// The ids and score of each bead, its columns taken in `order`.
fn columns(beads: &[Bead], order: &[usize]) -> Vec<(Vec<Range<usize>>, f64)> {
    beads
        .iter()
        .map(|b| (order.iter().map(|&k| b.ids[k].clone()).collect(), b.score))
        .collect()
}

fn identity(n: usize) -> Vec<usize> {
    (0..n).collect()
}

/// Lines of a Text+Berg document, from `../shared`.
fn textberg(shared: &std::path::Path, name: &str, lang: &str) -> Vec<String> {
    let path = shared.join(format!("corpora/textberg/{name}.{lang}"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn output_is_the_same_at_any_thread_count() {
    let Some(shared) = crate::util::shared_or_skip() else {
        return;
    };
    let (de, fr) = (
        doc("de", &textberg(&shared, "test2", "de")),
        doc("fr", &textberg(&shared, "test2", "fr")),
    );
    let ar = doc("ar", &textberg(&shared, "test2", "de"));
    let run = |threads: usize| {
        crate::util::on_threads(threads, || {
            (
                Aligner::new().align(&[&de, &fr]).unwrap(),
                Aligner::new().align(&[&de, &fr, &ar]).unwrap(),
            )
        })
    };
    let expected = run(1);
    for threads in [2, 3, 8] {
        assert_eq!(run(threads), expected, "{threads} threads");
    }
    // And from several threads at once.
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..3).map(|_| s.spawn(|| run(2))).collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), expected);
        }
    });
}

#[test]
fn one_side_empty() {
    let Some(shared) = crate::util::shared_or_skip() else {
        return;
    };
    let a = doc("de", &textberg(&shared, "test4", "de"));
    let e = Document::presegmented("fr", String::new());
    let al = Aligner::new().align(&[&a, &e]).unwrap();
    assert_covers(&al, &[&a, &e]);
    assert!(kinds(&al).iter().all(|k| k == "1-0"));
    let al = Aligner::new().align(&[&e, &a]).unwrap();
    assert!(kinds(&al).iter().all(|k| k == "0-1"));
    let al = Aligner::new().align(&[&e, &e, &a]).unwrap();
    assert_covers(&al, &[&e, &e, &a]);
}

#[test]
fn identical_texts_pair_one_to_one_confidently() {
    let Some(shared) = crate::util::shared_or_skip() else {
        return;
    };
    let lines = textberg(&shared, "test3", "de");
    let (a, b) = (doc("de", &lines), doc("de", &lines));
    let al = Aligner::new().align(&[&a, &b]).unwrap();
    assert_covers(&al, &[&a, &b]);
    assert!(kinds(&al).iter().all(|k| k == "1-1"), "{:?}", kinds(&al));
    let confident = al.beads.iter().filter(|b| b.score > 0.9).count();
    assert!(
        confident * 10 >= al.beads.len() * 9,
        "{confident} of {}",
        al.beads.len()
    );
}

#[test]
fn one_side_ten_times_longer() {
    let Some(shared) = crate::util::shared_or_skip() else {
        return;
    };
    // The French test5 is inserted in the middle of the German document
    // padded with nine other documents.
    let mut long = Vec::new();
    for name in ["dev", "test0", "test1", "test2", "test6"] {
        long.extend(textberg(&shared, name, "fr"));
    }
    let short_fr = textberg(&shared, "test5", "fr");
    let middle = long.len() / 2;
    let inserted_at = middle;
    long.splice(middle..middle, short_fr.iter().cloned());
    let (a, b) = (
        doc("de", &textberg(&shared, "test5", "de")),
        doc("fr", &long),
    );
    assert!(b.len() >= 10 * a.len());
    let al = Aligner::new().align(&[&a, &b]).unwrap();
    assert_covers(&al, &[&a, &b]);
    // Most German sentences find their French inside the inserted block.
    // (Not all: a long stretch of one-sided beads costs one deletion per
    // sentence, so near its ends chance pairings can win.)
    let inside = al
        .beads
        .iter()
        .filter(|bead| !bead.ids[0].is_empty() && !bead.ids[1].is_empty())
        .filter(|bead| {
            bead.ids[1].start >= inserted_at && bead.ids[1].end <= inserted_at + short_fr.len()
        })
        .map(|bead| bead.ids[0].len())
        .sum::<usize>();
    assert!(
        inside * 5 >= a.len() * 3,
        "{inside} of {} German sentences inside",
        a.len()
    );
}

#[test]
fn one_giant_sentence() {
    let giant = "word 7 ".repeat(20_000);
    let a = doc(
        "en",
        &[
            "Short one.".to_string(),
            giant.clone(),
            "Tail 9.".to_string(),
        ],
    );
    let b = doc("fr", &["Court.".to_string(), giant, "Fin 9.".to_string()]);
    let al = Aligner::new().align(&[&a, &b]).unwrap();
    assert_covers(&al, &[&a, &b]);
    assert_eq!(kinds(&al), ["1-1", "1-1", "1-1"]);
}

#[test]
fn texts_of_only_numbers() {
    let a: Vec<String> = (0..50).map(|i| format!("{} {}", i * 7, i * 13)).collect();
    let mut b = a.clone();
    b.remove(20);
    let (a, b) = (doc("en", &a), doc("ar", &b));
    let al = Aligner::new().align(&[&a, &b]).unwrap();
    assert_covers(&al, &[&a, &b]);
    let deleted: Vec<_> = al.beads.iter().filter(|b| b.kind() == "1-0").collect();
    assert_eq!(deleted.len(), 1, "{:?}", kinds(&al));
    assert_eq!(deleted[0].ids[0], 20..21);
}

#[test]
fn one_sentence_against_a_thousand() {
    let many: Vec<String> = (0..1000)
        .map(|i| format!("Sentence number {i} of many."))
        .collect();
    let one = vec!["Sentence number 500 of many.".to_string()];
    let (a, b) = (doc("en", &one), doc("en", &many));
    let al = Aligner::new().align(&[&a, &b]).unwrap();
    assert_covers(&al, &[&a, &b]);
    let paired: Vec<_> = al.beads.iter().filter(|b| !b.ids[0].is_empty()).collect();
    assert_eq!(paired.len(), 1);
    assert!(paired[0].ids[1].contains(&500), "{:?}", paired[0]);
    let al = Aligner::new().align(&[&b, &a]).unwrap();
    assert_covers(&al, &[&b, &a]);
}

#[test]
fn three_texts_with_a_sentence_missing_in_one() {
    let Some(shared) = crate::util::shared_or_skip() else {
        return;
    };
    let (de, fr) = (
        textberg(&shared, "test4", "de"),
        textberg(&shared, "test4", "fr"),
    );
    let mut third = de.clone();
    third.remove(5);
    let (a, b, c) = (doc("de", &de), doc("fr", &fr), doc("de", &third));
    let al = Aligner::new().align(&[&a, &b, &c]).unwrap();
    assert_covers(&al, &[&a, &b, &c]);
    // The copy pairs with its original one to one, except sentence 5.
    let missing: Vec<_> = al.beads.iter().filter(|b| b.ids[0].contains(&5)).collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].ids[2].is_empty(), "{:?}", missing[0]);
}

/// Two sentences that share only terms of the built-in table (an
/// organisation and a month, in two scripts) share anchors: the evidence
/// shows them, and the aligner is surer of the pair with the table than
/// without it.
#[test]
fn terms_of_the_table_are_anchors_across_scripts() {
    use tmalign::align::{evidence, AnchorKind};
    let ar = doc(
        "ar",
        &[
            "واجتمعت الأمم المتحدة في شباط لمناقشة الوضع.".into(),
            "ولم يحضر أحد من الوفود الأخرى ذلك اليوم.".into(),
        ],
    );
    let en = doc(
        "en",
        &[
            "The United Nations met in February to discuss the situation.".into(),
            "Nobody from the other delegations came that day.".into(),
        ],
    );
    let with = Aligner::new().align(&[&ar, &en]).unwrap();
    let without = Aligner::new().lexicon(false).align(&[&ar, &en]).unwrap();
    assert_eq!(kinds(&with), ["1-1", "1-1"]);
    let ev = evidence(&[&ar, &en], &with, &with.beads[0]);
    let terms: Vec<[&str; 2]> = ev
        .matches
        .iter()
        .filter(|m| m.kind == AnchorKind::Term)
        .map(|m| [m.text[0].as_str(), m.text[1].as_str()])
        .collect();
    assert_eq!(
        terms,
        [["الأمم المتحدة", "United Nations"], ["شباط", "February"]]
    );
    assert!(
        with.beads[0].score > without.beads[0].score,
        "with the table {} <= without {}",
        with.beads[0].score,
        without.beads[0].score
    );
}
