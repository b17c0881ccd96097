//! Accuracy of the default aligner, in one table: Text+Berg de-fr (dev and
//! the pooled test set), and the synthetic ar-en / en-ru / ar-ru sets built
//! from NTREX-128 and TICO-19 (see `evalsets::synth`), presegmented
//! (strict/lax F1) and end to end on running text (segmenter + aligner,
//! link F1). NLTK's Gale-Church runs as a peer on Text+Berg test and on the
//! presegmented sets, in the same run, when Python and NLTK are there.
//! The one-to-many sets (`synth::build_one_to_many`: Arabic sentences that
//! join 2-5 lines of the other side) come in a dev half, to tune on, and a
//! test half, to report; the per-bead-type recall table shows 1-2, 1-3,
//! 1-4+ and the one-sided beads for every set.
//!
//! Run: `cargo bench --bench accuracy` (set `TMALIGN_SHARED` when the
//! corpora are not in `../shared`, `TMALIGN_PYTHON` for another Python, and
//! `TMALIGN_NO_PEERS=1` to skip NLTK, which takes most of the time, and
//! `TMALIGN_SEED=N` to build the ar/en/ru sets with another seed).
//!
//! An ablation follows the main table: every set aligned without the
//! built-in term table (`Aligner::lexicon(false)`), with each of its parts
//! alone, and with the whole table (`Aligner::lexicon(true)`).

use evalsets::synth::{self, Config, Corpus, OneToManyConfig, Split, SynthDoc};
use evalsets::{load_textberg, TEXTBERG_DEV, TEXTBERG_TEST};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tmalign::align::{LexiconPart, DEFAULT_MIN_SCORE};
use tmalign::eval::{
    beads_from_links, count, from_alignment, recall_by_kind, BeadIds, Calibration, Counts,
    LinkCounts,
};
use tmalign::{Aligner, Alignment, Document};

mod common;
use common::{python, shared_dir};

/// NLTK is quadratic; it gets this long for all its documents together.
const NLTK_TIMEOUT: Duration = Duration::from_secs(300);

struct Row {
    set: String,
    aligner: &'static str,
    docs: usize,
    beads: Option<Counts>,
    links: Option<LinkCounts>,
    /// Link F1 of the best beads for the same segmentation.
    ceiling: Option<f64>,
    /// Time to align the presegmented documents.
    seconds: f64,
    /// Time to segment and align the running texts.
    end_to_end_seconds: Option<f64>,
}

/// Aligns two documents, adding the time taken to `clock`.
fn align(aligner: &Aligner, a: &Document, b: &Document, clock: &mut Duration) -> Alignment {
    let start = Instant::now();
    let alignment = aligner
        .align(&[a, b])
        .unwrap_or_else(|e| panic!("aligner failed: {e}"));
    *clock += start.elapsed();
    alignment
}

fn main() {
    let shared = shared_dir();
    if std::env::args().any(|a| a == "--three") {
        three_texts(&shared);
        return;
    }
    if std::env::args().any(|a| a == "--clauses") {
        clauses(&shared);
        return;
    }
    if std::env::args().any(|a| a == "--lexical") {
        lexical(&shared);
        return;
    }
    let aligner = Aligner::new();
    let mut rows = Vec::new();
    let mut calibrations: Vec<(String, Calibration)> = Vec::new();
    let mut by_kind: Vec<(String, Kinds)> = Vec::new();

    // Text+Berg.
    let load = |name: &str| load_textberg(&shared, name).unwrap_or_else(|e| panic!("{e}"));
    let dev = load(TEXTBERG_DEV);
    let test: Vec<_> = TEXTBERG_TEST.iter().map(|n| load(n)).collect();
    for (set, docs) in [
        ("Text+Berg dev", std::slice::from_ref(&dev)),
        ("Text+Berg test", &test[..]),
    ] {
        let mut clock = Duration::ZERO;
        let mut counts = Counts::default();
        let mut calibration = Calibration::default();
        let mut kinds = Kinds::new();
        for (de, fr, gold) in docs {
            let alignment = align(&aligner, de, fr, &mut clock);
            let hyp = from_alignment(&alignment);
            counts += count(gold, &hyp);
            add_kinds(&mut kinds, gold, &hyp);
            calibration = calibration + Calibration::measure(gold, &alignment, DEFAULT_MIN_SCORE);
        }
        calibrations.push((set.to_string(), calibration));
        by_kind.push((set.to_string(), std::mem::take(&mut kinds)));
        rows.push(Row {
            set: set.to_string(),
            aligner: "tmalign",
            docs: docs.len(),
            beads: Some(counts),
            links: None,
            ceiling: None,
            seconds: clock.as_secs_f64(),
            end_to_end_seconds: None,
        });
    }

    // The synthetic ar/en/ru sets.
    let config = Config {
        seed: std::env::var("TMALIGN_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(Config::default().seed),
        ..Config::default()
    };
    let mut synthetic: Vec<(String, Vec<SynthDoc>)> = Vec::new();
    for corpus_name in synth::CORPORA {
        let corpus = Corpus::load(&shared, corpus_name).unwrap_or_else(|e| panic!("{e}"));
        for (src, tgt) in synth::PAIRS {
            let docs = synth::build(&corpus, src, tgt, &config).unwrap_or_else(|e| panic!("{e}"));
            synthetic.push((format!("{corpus_name} {src}-{tgt}"), docs));
        }
    }
    let (mut lines, mut deleted, mut merged) = (0, 0, 0);
    for doc in synthetic.iter().flat_map(|(_, docs)| docs) {
        let edited = &doc.sides[doc.edited];
        lines += doc.line_count;
        deleted += doc.line_count - edited.units.iter().map(Vec::len).sum::<usize>();
        merged += edited.units.iter().filter(|u| u.len() == 2).count() * 2;
    }
    println!(
        "ar/en/ru sets, seed {}: {lines} lines over the 6 sets; the edited side lost {:.1}% and merged {:.1}% of them",
        config.seed,
        100.0 * deleted as f64 / lines as f64,
        100.0 * merged as f64 / lines as f64
    );
    // The one-to-many sets: Arabic sentences joining 2-5 lines of the other
    // side, split into a dev half (tune on it) and a test half (report it).
    let joins = OneToManyConfig {
        seed: config.seed,
        ..OneToManyConfig::default()
    };
    let (mut ar_sentences, mut joined, mut by_run) = (0, 0, [0usize; 6]);
    for corpus_name in synth::CORPORA {
        let corpus = Corpus::load(&shared, corpus_name).unwrap_or_else(|e| panic!("{e}"));
        for (pair, split, docs) in one_to_many(&corpus, &joins) {
            for doc in &docs {
                ar_sentences += doc.sides[0].units.len();
                for unit in doc.sides[0].units.iter().filter(|u| u.len() > 1) {
                    joined += 1;
                    by_run[unit.len().min(5)] += 1;
                }
            }
            synthetic.push((format!("{corpus_name} 1-n {pair} {split}"), docs));
        }
    }
    println!(
        "one-to-many sets: {:.1}% of the {ar_sentences} Arabic sentences join lines (2: {}, 3: {}, 4: {}, 5: {})",
        100.0 * joined as f64 / ar_sentences.max(1) as f64,
        by_run[2],
        by_run[3],
        by_run[4],
        by_run[5]
    );
    let mut pooled: BTreeMap<String, (usize, Counts, LinkCounts, LinkCounts, Kinds)> =
        BTreeMap::new();
    for (set, docs) in &synthetic {
        let mut clock = Duration::ZERO;
        let mut beads = Counts::default();
        let mut calibration = Calibration::default();
        let mut kinds = Kinds::new();
        for doc in docs {
            let [a, b] = doc.presegmented();
            let alignment = align(&aligner, &a, &b, &mut clock);
            let gold = doc.gold_beads();
            let hyp = from_alignment(&alignment);
            beads += count(&gold, &hyp);
            add_kinds(&mut kinds, &gold, &hyp);
            calibration = calibration + Calibration::measure(&gold, &alignment, DEFAULT_MIN_SCORE);
        }
        calibrations.push((set.clone(), calibration));
        by_kind.push((set.clone(), std::mem::take(&mut kinds)));
        let mut end_to_end = Duration::ZERO;
        let mut links = LinkCounts::default();
        let mut best = LinkCounts::default();
        for doc in docs {
            let start = Instant::now();
            let [a, b] = doc.running();
            end_to_end += start.elapsed();
            let hyp = from_alignment(&align(&aligner, &a, &b, &mut end_to_end));
            links += LinkCounts::compare(&doc.gold_links(), &doc.running_links(&[&a, &b], &hyp));
            let oracle = doc.running_oracle(&[&a, &b]);
            best += LinkCounts::compare(&doc.gold_links(), &doc.running_links(&[&a, &b], &oracle));
        }
        if let Some(split) = set
            .strip_prefix("ntrex128 1-n ")
            .or(set.strip_prefix("tico19 1-n "))
        {
            let split = split.rsplit(' ').next().unwrap_or(split);
            let entry = pooled.entry(format!("all 1-n {split}")).or_default();
            entry.0 += docs.len();
            entry.1 += beads;
            entry.2 += links;
            entry.3 += best;
            for (kind, (total, found)) in &by_kind.last().expect("just pushed").1 {
                let e = entry.4.entry(kind).or_default();
                e.0 += total;
                e.1 += found;
            }
        }
        rows.push(Row {
            set: set.clone(),
            aligner: "tmalign",
            docs: docs.len(),
            beads: Some(beads),
            links: Some(links),
            ceiling: Some(best.prf().f1),
            seconds: clock.as_secs_f64(),
            end_to_end_seconds: Some(end_to_end.as_secs_f64()),
        });
    }
    // The one-to-many halves pooled over both corpora and both pairs.
    for (set, (docs, beads, links, best, kinds)) in pooled {
        by_kind.push((set.clone(), kinds));
        rows.push(Row {
            set,
            aligner: "tmalign",
            docs,
            beads: Some(beads),
            links: Some(links),
            ceiling: Some(best.prf().f1),
            seconds: 0.0,
            end_to_end_seconds: None,
        });
    }

    // NLTK Gale-Church on the same presegmented inputs.
    let mut jobs: Vec<(String, [Document; 2], Vec<BeadIds>)> = Vec::new();
    for (de, fr, gold) in &test {
        jobs.push((
            "Text+Berg test".to_string(),
            [de.clone(), fr.clone()],
            gold.clone(),
        ));
    }
    for (set, docs) in &synthetic {
        for doc in docs {
            jobs.push((set.clone(), doc.presegmented(), doc.gold_beads()));
        }
    }
    let results = if std::env::var_os("TMALIGN_NO_PEERS").is_some() {
        Err("TMALIGN_NO_PEERS is set".to_string())
    } else {
        nltk_gale_church(&jobs)
    };
    match results {
        Ok(results) => {
            let mut sets: Vec<String> = Vec::new();
            for (set, _, _) in &jobs {
                if !sets.contains(set) {
                    sets.push(set.clone());
                }
            }
            for set in sets {
                let mine: Vec<usize> = (0..jobs.len()).filter(|&i| jobs[i].0 == set).collect();
                let done: Vec<&(Vec<BeadIds>, f64)> =
                    mine.iter().filter_map(|&i| results.get(i)).collect();
                if done.len() < mine.len() {
                    println!(
                        "NLTK Gale-Church on {set}: timed out after {} of {} documents",
                        done.len(),
                        mine.len()
                    );
                    continue;
                }
                let counts: Counts = mine
                    .iter()
                    .zip(&done)
                    .map(|(&i, (hyp, _))| count(&jobs[i].2, hyp))
                    .sum();
                rows.push(Row {
                    set,
                    aligner: "NLTK Gale-Church",
                    docs: mine.len(),
                    beads: Some(counts),
                    links: None,
                    ceiling: None,
                    seconds: done.iter().map(|(_, s)| s).sum(),
                    end_to_end_seconds: None,
                });
            }
        }
        Err(e) => println!("NLTK Gale-Church not run: {e}"),
    }

    rows.sort_by_key(|r| (set_order(&r.set), r.aligner != "tmalign"));
    print_table(&rows, config.seed);
    print_calibration(&calibrations);
    print_kinds(&by_kind);
    let textberg = [
        ("Text+Berg dev".to_string(), vec![dev]),
        ("Text+Berg test".to_string(), test),
    ];
    ablation(&textberg, &synthetic);
    three_texts(&shared);
}

/// A named set of (document, document, gold beads): Text+Berg (German,
/// French), or a synthetic set presegmented.
type TextbergSet = (String, Vec<(Document, Document, Vec<BeadIds>)>);

/// Strict F1, lax F1 and (for the ar/en/ru sets) running-text link F1 of
/// one aligner on every set, in order.
fn scores(
    aligner: &Aligner,
    textberg: &[TextbergSet],
    synthetic: &[(String, Vec<SynthDoc>)],
) -> Vec<[Option<f64>; 3]> {
    let mut clock = Duration::ZERO;
    let mut out = Vec::new();
    for (_, docs) in textberg {
        let counts: Counts = docs
            .iter()
            .map(|(a, b, gold)| count(gold, &from_alignment(&align(aligner, a, b, &mut clock))))
            .sum();
        let s = counts.scores();
        out.push([Some(s.strict.f1), Some(s.lax.f1), None]);
    }
    for (_, docs) in synthetic {
        let (mut beads, mut links) = (Counts::default(), LinkCounts::default());
        for doc in docs {
            let [a, b] = doc.presegmented();
            beads += count(
                &doc.gold_beads(),
                &from_alignment(&align(aligner, &a, &b, &mut clock)),
            );
            let [a, b] = doc.running();
            let hyp = from_alignment(&align(aligner, &a, &b, &mut clock));
            links += LinkCounts::compare(&doc.gold_links(), &doc.running_links(&[&a, &b], &hyp));
        }
        let s = beads.scores();
        out.push([Some(s.strict.f1), Some(s.lax.f1), Some(links.prf().f1)]);
    }
    out
}

/// Each set without the term table, with each part of it alone, and with
/// all of it: what each part adds.
fn ablation(textberg: &[TextbergSet], synthetic: &[(String, Vec<SynthDoc>)]) {
    let mut variants: Vec<(String, Aligner)> = Vec::new();
    let mut none = Aligner::new();
    none.lexicon(false);
    variants.push(("no table".to_string(), none.clone()));
    for part in LexiconPart::ALL {
        let mut only = none.clone();
        only.lexicon_part(part, true);
        variants.push((format!("{part:?} only").to_lowercase(), only));
    }
    let mut whole = Aligner::new();
    whole.lexicon(true);
    variants.push(("whole table".to_string(), whole));
    let results: Vec<Vec<[Option<f64>; 3]>> = variants
        .iter()
        .map(|(_, aligner)| scores(aligner, textberg, synthetic))
        .collect();
    let sets: Vec<&String> = textberg
        .iter()
        .map(|(s, _)| s)
        .chain(synthetic.iter().map(|(s, _)| s))
        .collect();
    println!();
    println!("Ablation of the built-in term table (Aligner::lexicon, Aligner::lexicon_part):");
    println!("strict F1 / lax F1 on the presegmented documents, link F1 on running text;");
    println!("delta = whole table - no table.");
    println!();
    let names: Vec<&str> = variants.iter().map(|(n, _)| n.as_str()).collect();
    println!("| set | score | {} | delta |", names.join(" | "));
    println!("|---|---|{}---:|", "---:|".repeat(names.len()));
    for (k, set) in sets.iter().enumerate() {
        for (m, metric) in ["strict F1", "lax F1", "link F1"].iter().enumerate() {
            let row: Vec<Option<f64>> = results.iter().map(|r| r[k][m]).collect();
            let (Some(Some(first)), Some(Some(last))) = (row.first(), row.last()) else {
                continue;
            };
            let cells: Vec<String> = row
                .iter()
                .map(|x| x.map_or("-".to_string(), |x| format!("{x:.3}")))
                .collect();
            println!(
                "| {set} | {metric} | {} | {:+.3} |",
                cells.join(" | "),
                last - first
            );
        }
    }
}

/// Three texts aligned jointly (one set of beads over ar, en and ru, one
/// of them edited) against each pair aligned on its own, scored over the
/// three pairs (strict / lax F1, pooled).
fn three_texts(shared: &std::path::Path) {
    let aligner = Aligner::new();
    println!();
    println!("three texts (ar, en, ru; one edited per document; in the 1-n sets the Arabic joins lines); joint: triples against the gold triples; pairwise: each pair against the gold projected onto it:");
    println!(
        "{:<19} {:>5}  {:>15}  {:>9}  {:>15}  {:>9}",
        "set", "docs", "joint F1 s/l", "time", "pairwise F1 s/l", "time"
    );
    let langs = ["ar", "en", "ru"];
    let mut sets = Vec::new();
    for corpus_name in synth::CORPORA {
        let corpus = Corpus::load(shared, corpus_name).unwrap_or_else(|e| panic!("{e}"));
        let triples = synth::build_three(&corpus, langs, &Config::default())
            .unwrap_or_else(|e| panic!("{e}"));
        sets.push((corpus_name.to_string(), triples));
    }
    // The Arabic joins runs of 2-5 lines; English and Russian keep them.
    for corpus_name in synth::CORPORA {
        let corpus = Corpus::load(shared, corpus_name).unwrap_or_else(|e| panic!("{e}"));
        for split in [Split::Dev, Split::Test] {
            let triples =
                synth::build_three_one_to_many(&corpus, langs, split, &OneToManyConfig::default())
                    .unwrap_or_else(|e| panic!("{e}"));
            sets.push((format!("{corpus_name} 1-n {}", split.name()), triples));
        }
    }
    // The gold of a triple groups the English and Russian lines an Arabic
    // sentence holds into one bead, so the pairwise en-ru beads, one per
    // line, count as misses there: compare the joint rows with each other.
    for (set_name, triples) in sets {
        let (mut joint, mut pairwise) = (Counts::default(), Counts::default());
        let (mut joint_time, mut pair_time) = (Duration::ZERO, Duration::ZERO);
        for triple in &triples {
            let docs = triple.presegmented();
            let gold = triple.gold_beads();
            let start = Instant::now();
            let alignment = aligner
                .align(&[&docs[0], &docs[1], &docs[2]])
                .unwrap_or_else(|e| panic!("aligner failed: {e}"));
            joint_time += start.elapsed();
            joint += count(&gold, &from_alignment(&alignment));
            for (x, y) in [(0, 1), (0, 2), (1, 2)] {
                let hyp = from_alignment(&align(&aligner, &docs[x], &docs[y], &mut pair_time));
                let gold: Vec<BeadIds> = gold
                    .iter()
                    .filter(|b| !(b.ids[x].is_empty() && b.ids[y].is_empty()))
                    .map(|b| BeadIds::pair(&b.ids[x], &b.ids[y]))
                    .collect();
                pairwise += count(&gold, &hyp);
            }
        }
        let f1 = |c: &Counts| {
            let s = c.scores();
            format!("{:.4} / {:.4}", s.strict.f1, s.lax.f1)
        };
        println!(
            "{:<19} {:>5}  {:>15}  {:>7.2} s  {:>15}  {:>7.2} s",
            set_name,
            triples.len(),
            f1(&joint),
            joint_time.as_secs_f64(),
            f1(&pairwise),
            pair_time.as_secs_f64()
        );
    }
}

/// Gold beads and exact finds, per group of bead types.
type Kinds = BTreeMap<&'static str, (usize, usize)>;

/// `--clauses`: running-text link F1 without and with
/// [`tmalign::align::split_clauses`] after alignment, on the running text
/// as built, on the same text with half the lines of the source side (the
/// Arabic, or the English of en-ru) without final punctuation
/// ([`SynthDoc::without_final_punctuation`], rate 0.5; documents at even
/// places are dev, odd test), and on the one-to-many sets.
fn clauses(shared: &std::path::Path) {
    let aligner = Aligner::new();
    let config = Config::default();
    let mut sets: Vec<(String, Vec<SynthDoc>)> = Vec::new();
    for corpus_name in synth::CORPORA {
        let corpus = Corpus::load(shared, corpus_name).unwrap_or_else(|e| panic!("{e}"));
        for (src, tgt) in synth::PAIRS {
            let docs = synth::build(&corpus, src, tgt, &config).unwrap_or_else(|e| panic!("{e}"));
            let stripped: Vec<SynthDoc> = docs
                .iter()
                .map(|d| d.without_final_punctuation([true, false], 0.5, config.seed))
                .collect();
            for (half, name) in [(0, "dev"), (1, "test")] {
                let pick = |v: &[SynthDoc]| -> Vec<SynthDoc> {
                    v.iter().skip(half).step_by(2).cloned().collect()
                };
                sets.push((
                    format!("{corpus_name} {src}-{tgt} no-final-punct {name}"),
                    pick(&stripped),
                ));
            }
            sets.push((format!("{corpus_name} {src}-{tgt} running"), docs));
        }
        for (pair, split, docs) in one_to_many(&corpus, &OneToManyConfig::default()) {
            sets.push((format!("{corpus_name} {pair} one-to-many {split}"), docs));
        }
    }
    println!("link F1 (precision/recall) on running text, without and with split_clauses; ceiling: running_oracle");
    println!(
        "{:<44} {:>5} {:>18} {:>18} {:>7} {:>6}",
        "set", "docs", "link", "+split", "ceiling", "splits"
    );
    for (set, docs) in &sets {
        let (mut before, mut after, mut best) = (
            LinkCounts::default(),
            LinkCounts::default(),
            LinkCounts::default(),
        );
        let mut splits = 0;
        for doc in docs {
            let [a, b] = doc.running();
            let mut clock = Duration::ZERO;
            let alignment = align(&aligner, &a, &b, &mut clock);
            let gold = doc.gold_links();
            before += LinkCounts::compare(
                &gold,
                &doc.running_links(&[&a, &b], &from_alignment(&alignment)),
            );
            let refined = tmalign::align::split_clauses(&[&a, &b], &alignment);
            splits += refined.split;
            let [ra, rb] = [&refined.docs[0], &refined.docs[1]];
            after += LinkCounts::compare(
                &gold,
                &doc.running_links(&[ra, rb], &from_alignment(&refined.alignment)),
            );
            best += LinkCounts::compare(
                &gold,
                &doc.running_links(&[&a, &b], &doc.running_oracle(&[&a, &b])),
            );
        }
        let prf = |c: &LinkCounts| {
            let p = c.prf();
            format!("{:.3} ({:.2}/{:.2})", p.f1, p.precision, p.recall)
        };
        println!(
            "{:<44} {:>5} {:>18} {:>18} {:>7.3} {:>6}",
            set,
            docs.len(),
            prf(&before),
            prf(&after),
            best.prf().f1,
            splits
        );
    }
}

/// The lexical batch pass: per set, word pairs learned from the first
/// alignment of all its documents (no gold used), then every document
/// aligned again with them, beside the plain aligner (strict / lax F1 on
/// the presegmented documents).
fn lexical(shared: &std::path::Path) {
    let load = |name: &str| load_textberg(shared, name).unwrap_or_else(|e| panic!("{e}"));
    let mut sets: Vec<TextbergSet> = vec![
        ("Text+Berg dev".into(), vec![load(TEXTBERG_DEV)]),
        (
            "Text+Berg test".into(),
            TEXTBERG_TEST.iter().map(|n| load(n)).collect(),
        ),
    ];
    let config = Config::default();
    for corpus_name in synth::CORPORA {
        let corpus = Corpus::load(shared, corpus_name).unwrap_or_else(|e| panic!("{e}"));
        let presegmented = |docs: Vec<SynthDoc>| -> Vec<(Document, Document, Vec<BeadIds>)> {
            docs.iter()
                .map(|d| {
                    let [a, b] = d.presegmented();
                    (a, b, d.gold_beads())
                })
                .collect()
        };
        for (src, tgt) in synth::PAIRS {
            let docs = synth::build(&corpus, src, tgt, &config).unwrap_or_else(|e| panic!("{e}"));
            sets.push((format!("{corpus_name} {src}-{tgt}"), presegmented(docs)));
        }
        for (pair, split, docs) in one_to_many(&corpus, &OneToManyConfig::default()) {
            sets.push((
                format!("{corpus_name} 1-n {pair} {split}"),
                presegmented(docs),
            ));
        }
    }
    println!("Lexical batch pass (WordPairCounts over each set's first alignments, then Aligner::word_pairs):");
    println!(
        "{:<30} {:>5} {:>7} {:>13} {:>13} {:>8} {:>8}",
        "set", "docs", "pairs", "plain s/l", "lexical s/l", "plain s", "lex s"
    );
    let plain = Aligner::new();
    for (set, docs) in &sets {
        let (mut before, mut after) = (Counts::default(), Counts::default());
        let (mut clock_plain, mut clock_lexical) = (Duration::ZERO, Duration::ZERO);
        let mut counts = tmalign::align::WordPairCounts::new();
        let first: Vec<Alignment> = docs
            .iter()
            .map(|(a, b, _)| align(&plain, a, b, &mut clock_plain))
            .collect();
        let start = Instant::now();
        for ((a, b, gold), alignment) in docs.iter().zip(&first) {
            before += count(gold, &from_alignment(alignment));
            counts.add(&[a, b], alignment);
        }
        let pairs = std::sync::Arc::new(counts.finish());
        clock_lexical += start.elapsed();
        let mut lexical = Aligner::new();
        lexical.word_pairs(Some(pairs.clone()));
        for (a, b, gold) in docs {
            after += count(
                gold,
                &from_alignment(&align(&lexical, a, b, &mut clock_lexical)),
            );
        }
        let (x, y) = (before.scores(), after.scores());
        println!(
            "{:<30} {:>5} {:>7} {:>13} {:>13} {:>8.2} {:>8.2}",
            set,
            docs.len(),
            pairs.len(),
            format!("{:.3}/{:.3}", x.strict.f1, x.lax.f1),
            format!("{:.3}/{:.3}", y.strict.f1, y.lax.f1),
            clock_plain.as_secs_f64(),
            clock_plain.as_secs_f64() + clock_lexical.as_secs_f64(),
        );
    }
}

/// The one-to-many sets of a corpus (Arabic sentences joining 2-5 lines
/// of English or Russian), each with its language pair and split, dev
/// before test.
fn one_to_many(
    corpus: &Corpus,
    config: &OneToManyConfig,
) -> Vec<(String, &'static str, Vec<SynthDoc>)> {
    let mut sets = Vec::new();
    for tgt in ["en", "ru"] {
        for split in [Split::Dev, Split::Test] {
            let docs = synth::build_one_to_many(corpus, "ar", tgt, split, config)
                .unwrap_or_else(|e| panic!("{e}"));
            sets.push((format!("ar-{tgt}"), split.name(), docs));
        }
    }
    sets
}

fn add_kinds(kinds: &mut Kinds, gold: &[BeadIds], hyp: &[BeadIds]) {
    for (kind, (total, found)) in recall_by_kind(gold, hyp) {
        let group = match kind.as_str() {
            "1-1" => "1-1",
            "1-2" | "2-1" => "1-2/2-1",
            "1-3" | "3-1" => "1-3/3-1",
            "1-0" => "1-0",
            "0-1" => "0-1",
            _ => match kind.split_once('-') {
                Some((a, b)) if a == "1" || b == "1" => "1-4+/4+-1",
                _ => "other",
            },
        };
        let entry = kinds.entry(group).or_default();
        entry.0 += total;
        entry.1 += found;
    }
}

fn print_kinds(by_kind: &[(String, Kinds)]) {
    println!();
    println!("Strict recall per gold bead type (found / gold), one-sided beads included");
    println!();
    let groups = [
        "1-1",
        "1-2/2-1",
        "1-3/3-1",
        "1-4+/4+-1",
        "1-0",
        "0-1",
        "other",
    ];
    println!("| set | {} |", groups.join(" | "));
    println!("|---|{}", "---:|".repeat(groups.len()));
    for (set, kinds) in by_kind {
        let cells: Vec<String> = groups
            .iter()
            .map(|g| match kinds.get(g) {
                Some(&(total, found)) if total > 0 => {
                    format!("{found}/{total} ({:.2})", found as f64 / total as f64)
                }
                _ => "-".to_string(),
            })
            .collect();
        println!("| {set} | {} |", cells.join(" | "));
    }
}

fn print_calibration(calibrations: &[(String, Calibration)]) {
    println!();
    println!("Scores: two-sided beads at or above DEFAULT_MIN_SCORE = {DEFAULT_MIN_SCORE} (those that go into a TMX)");
    println!();
    println!(
        "| set | two-sided beads | kept | strict P of kept | lax P of kept | strict hits dropped |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (set, c) in calibrations {
        let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
        println!(
            "| {set} | {} | {:.1}% | {:.3} | {:.3} | {} |",
            c.beads,
            100.0 * share(c.kept, c.beads),
            share(c.kept_strict, c.kept),
            share(c.kept_lax, c.kept),
            c.dropped_strict
        );
    }
}

fn set_order(set: &str) -> usize {
    let order = [
        "Text+Berg dev",
        "Text+Berg test",
        "ntrex128 ar-en",
        "ntrex128 en-ru",
        "ntrex128 ar-ru",
        "tico19 ar-en",
        "tico19 en-ru",
        "tico19 ar-ru",
        "ntrex128 1-n ar-en dev",
        "ntrex128 1-n ar-en test",
        "ntrex128 1-n ar-ru dev",
        "ntrex128 1-n ar-ru test",
        "tico19 1-n ar-en dev",
        "tico19 1-n ar-en test",
        "tico19 1-n ar-ru dev",
        "tico19 1-n ar-ru test",
        "all 1-n dev",
        "all 1-n test",
    ];
    order.iter().position(|o| set == *o).unwrap_or(order.len())
}

fn print_table(rows: &[Row], seed: u64) {
    println!();
    println!("Accuracy of tmalign::Aligner::new(), pooled over documents. align s: aligning the presegmented");
    println!("documents; e2e s: segmenting and aligning the running texts (release build).");
    println!();
    println!("| set | aligner | docs | strict P | strict R | strict F1 | lax P | lax R | lax F1 | link P | link R | link F1 | ceiling | align s | e2e s |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let mut line = format!("| {} | {} | {} |", r.set, r.aligner, r.docs);
        match r.beads {
            Some(c) => {
                let s = c.scores();
                for x in [
                    s.strict.precision,
                    s.strict.recall,
                    s.strict.f1,
                    s.lax.precision,
                    s.lax.recall,
                    s.lax.f1,
                ] {
                    line.push_str(&format!(" {x:.3} |"));
                }
            }
            None => line.push_str(&" |".repeat(6)),
        }
        match r.links {
            Some(c) => {
                let p = c.prf();
                line.push_str(&format!(
                    " {:.3} | {:.3} | {:.3} |",
                    p.precision, p.recall, p.f1
                ));
            }
            None => line.push_str(" | | |"),
        }
        match r.ceiling {
            Some(c) => line.push_str(&format!(" {c:.3} |")),
            None => line.push_str(" |"),
        }
        line.push_str(&format!(" {:.2} |", r.seconds));
        match r.end_to_end_seconds {
            Some(s) => line.push_str(&format!(" {s:.2} |")),
            None => line.push_str(" |"),
        }
        println!("{line}");
    }
    println!();
    println!("ar/en/ru rows: strict/lax on the presegmented view (deleted and merged lines), link on running text");
    println!(
        "through Document::segment; ceiling = link F1 of the best beads for that segmentation"
    );
    println!(
        "(SynthDoc::running_oracle). Definitions in `evalsets::synth`; seed {}.",
        seed
    );
}

/// Runs NLTK's `align_blocks` on sentence lengths in characters, one job per
/// line of output; returns the beads and seconds of each finished job, in order.
fn nltk_gale_church(
    jobs: &[(String, [Document; 2], Vec<BeadIds>)],
) -> Result<Vec<(Vec<BeadIds>, f64)>, String> {
    const SCRIPT: &str = r#"
import json, sys, time
from nltk.translate.gale_church import align_blocks
for line in sys.stdin:
    src, tgt = json.loads(line)
    start = time.perf_counter()
    links = [list(p) for p in align_blocks(src, tgt)] if src and tgt else []
    print(json.dumps([links, time.perf_counter() - start]), flush=True)
"#;
    let mut input = String::new();
    for (_, [a, b], _) in jobs {
        let lengths = |d: &Document| -> Vec<usize> {
            (0..d.len())
                .map(|i| d.sentence_text(i).chars().count())
                .collect()
        };
        input.push_str(&format!("[{:?},{:?}]\n", lengths(a), lengths(b)));
    }
    let mut child = Command::new("timeout")
        .arg(NLTK_TIMEOUT.as_secs().to_string())
        .arg(python())
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start python: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.trim().is_empty() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .unwrap_or("no output")
            .to_string());
    }
    let mut results = Vec::new();
    for (line, (_, [a, b], _)) in stdout.lines().zip(jobs) {
        let (links, seconds): (Vec<(usize, usize)>, f64) =
            serde_json::from_str(line).map_err(|e| e.to_string())?;
        results.push((beads_from_links(a.len(), b.len(), &links), seconds));
    }
    Ok(results)
}
