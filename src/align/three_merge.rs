//! After the joint search of three documents: one sentence of a document
//! merged with the run of sentences of the others that it holds.
//!
//! The joint search takes at most two sentences of each document per bead
//! (23 shapes; up to three would make 57, and the search would cost 2.5
//! times as much). An Arabic sentence that holds three English and three Russian
//! ones then comes out as `1-2-2` and `0-1-1`. Around each bead with one
//! sentence of a document, the beads next to it that have none of that
//! document are merged into it when the two pairs that see the sentence
//! price the merged bead below the beads apart: the same choice between a
//! `1-3` bead and a `1-2` bead beside a `0-1` that each pair's own search
//! makes. The third pair does not see the sentence, and its correspondences
//! inside the merged bead do not change which sentences go together.
//!
//! The pairs' costs alone also merge a sentence that the lone sentence's
//! document lacks (English and Russian both have it, Arabic dropped it)
//! when the neighbour is short. A pair's own search sees the context and
//! tells these apart better, so a merged bead that is not a bead of both
//! pairs' paths must save [`UNCHOSEN`] more.

use super::pair::PairAlignment;
use super::three::PAIRS;
use super::Bead;
use std::collections::BTreeSet;
use std::ops::Range;

/// Most sentences of one document a merged bead takes: the largest
/// one-to-many shape of the pair searches (1-4).
const MOST_HELD: usize = 4;

/// Most beads merged on each side of the bead with the lone sentence (a
/// bead holds at least one sentence, so more would exceed [`MOST_HELD`]).
const MOST_BESIDE: usize = MOST_HELD - 1;

/// The extra cost of a merged bead that one of the two pairs' own searches
/// did not choose. Tuned on the dev halves of the three-text one-to-many
/// sets: 2 and 4 score alike there (0.934 and 0.934 strict on NTREX,
/// 0.942 and 0.941 on TICO-19), and 4 keeps the three-text sets without
/// joins at their scores without merging; 0 costs them 0.001.
const UNCHOSEN: f64 = 4.0;

/// `beads`, a path over three documents, with the runs that one sentence
/// of a document holds merged into one bead each (documents in turn).
pub(crate) fn merge_one_to_many(mut beads: Vec<Bead>, pairs: &[PairAlignment; 3]) -> Vec<Bead> {
    let chosen: Vec<BTreeSet<[usize; 4]>> = pairs
        .iter()
        .map(|p| {
            p.beads
                .iter()
                .map(|b| corners(&b.ids[0], &b.ids[1]))
                .collect()
        })
        .collect();
    for doc in 0..3 {
        beads = merge_around(beads, doc, pairs, &chosen);
    }
    beads
}

/// A pair bead as the ends of its two ranges.
fn corners(x: &Range<usize>, y: &Range<usize>) -> [usize; 4] {
    [x.start, x.end, y.start, y.end]
}

/// One pass over `beads`, merging around the beads with one sentence of
/// document `doc`; `chosen` holds the beads of each pair's own path.
fn merge_around(
    beads: Vec<Bead>,
    doc: usize,
    pairs: &[PairAlignment; 3],
    chosen: &[BTreeSet<[usize; 4]>],
) -> Vec<Bead> {
    let seeing = || {
        PAIRS
            .iter()
            .enumerate()
            .filter(move |(_, &(x, y))| x == doc || y == doc)
    };
    let cost = |ids: &[Range<usize>]| -> f64 {
        seeing()
            .filter(|(_, &(x, y))| !(ids[x].is_empty() && ids[y].is_empty()))
            .map(|(p, &(x, y))| pairs[p].range_cost(&ids[x], &ids[y]))
            .sum()
    };
    let merged_cost = |ids: &[Range<usize>]| -> f64 {
        let unchosen = seeing().any(|(p, &(x, y))| !chosen[p].contains(&corners(&ids[x], &ids[y])));
        cost(ids) + if unchosen { UNCHOSEN } else { 0.0 }
    };
    let lacks = |bead: &Bead| bead.ids[doc].is_empty();
    let mut out: Vec<Bead> = Vec::with_capacity(beads.len());
    let mut k = 0;
    while k < beads.len() {
        if beads[k].ids[doc].len() != 1 {
            out.push(beads[k].clone());
            k += 1;
            continue;
        }
        // The beads beside it that lack the document: already out before
        // it, still to come after it.
        let before = out
            .iter()
            .rev()
            .take(MOST_BESIDE)
            .take_while(|b| lacks(b))
            .count();
        let after = beads[k + 1..]
            .iter()
            .take(MOST_BESIDE)
            .take_while(|b| lacks(b))
            .count();
        if before + after == 0 {
            out.push(beads[k].clone());
            k += 1;
            continue;
        }
        let window: Vec<&Bead> = out[out.len() - before..]
            .iter()
            .chain(&beads[k..=k + after])
            .collect();
        let apart: Vec<f64> = window.iter().map(|b| cost(&b.ids)).collect();
        // The cheapest stretch of the window around the lone sentence to
        // merge; none when no merge costs less than the beads apart.
        let mut best: Option<(usize, usize, Vec<Range<usize>>)> = None;
        let mut best_cost: f64 = apart.iter().sum();
        for first in 0..=before {
            for last in before..window.len() {
                if (first, last) == (before, before) {
                    continue;
                }
                let ids = span(&window[first..=last]);
                if ids.iter().any(|r| r.len() > MOST_HELD) {
                    continue;
                }
                let rest: f64 = apart[..first].iter().chain(&apart[last + 1..]).sum();
                let total = merged_cost(&ids) + rest;
                if total < best_cost {
                    best_cost = total;
                    best = Some((first, last, ids));
                }
            }
        }
        let Some((first, last, ids)) = best else {
            out.push(beads[k].clone());
            k += 1;
            continue;
        };
        // A merged bead is as sure as the least sure of its parts.
        let score = window[first..=last]
            .iter()
            .map(|b| b.score)
            .fold(f64::INFINITY, f64::min);
        let kept_after: Vec<Bead> = window[last + 1..].iter().map(|b| (*b).clone()).collect();
        out.truncate(out.len() - before + first);
        out.push(Bead { ids, score });
        out.extend(kept_after);
        k += after + 1;
    }
    out
}

/// The sentences of consecutive beads, as one bead's ranges.
fn span(beads: &[&Bead]) -> Vec<Range<usize>> {
    let (first, last) = (beads[0], beads[beads.len() - 1]);
    first
        .ids
        .iter()
        .zip(&last.ids)
        .map(|(a, b)| a.start..b.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{Aligner, Document};

    fn doc(lang: &str, lines: &[&str]) -> Document {
        Document::presegmented(lang, lines.join("\n"))
    }

    fn kinds(docs: [&Document; 3]) -> Vec<String> {
        let al = Aligner::new().align(&docs).unwrap();
        al.beads.iter().map(|b| b.kind()).collect()
    }

    const EN: [&str; 7] = [
        "The plant opened in 1998 near Kazan.",
        "The company sold 120 cars in March.",
        "It hired 45 new workers.",
        "Its profit rose by 7 percent.",
        "The mayor visited the plant on 3 May.",
        "He promised 600 more jobs by 2030.",
        "The next report is due in 2027.",
    ];
    const RU: [&str; 7] = [
        "Завод открылся в 1998 году под Казанью.",
        "Компания продала 120 машин в марте.",
        "Она наняла 45 новых работников.",
        "Её прибыль выросла на 7 процентов.",
        "Мэр посетил завод 3 мая.",
        "Он пообещал ещё 600 рабочих мест к 2030 году.",
        "Следующий отчёт выйдет в 2027 году.",
    ];

    #[test]
    fn one_arabic_sentence_holding_three_makes_one_bead() {
        let ar = doc(
            "ar",
            &[
                "افتتح المصنع عام 1998 قرب قازان.",
                "باعت الشركة 120 سيارة في مارس، ووظفت 45 عاملا جديدا، وارتفعت أرباحها بنسبة 7 في المئة.",
                "زار رئيس البلدية المصنع في 3 مايو.",
                "ووعد بتوفير 600 وظيفة أخرى بحلول عام 2030.",
                "ويصدر التقرير التالي في عام 2027.",
            ],
        );
        let (en, ru) = (doc("en", &EN), doc("ru", &RU));
        assert_eq!(
            kinds([&ar, &en, &ru]),
            ["1-1-1", "1-3-3", "1-1-1", "1-1-1", "1-1-1"]
        );
        // The same with the Arabic second: the merge follows the document
        // that holds the lone sentence.
        let al = Aligner::new().align(&[&en, &ar, &ru]).unwrap();
        let kinds: Vec<String> = al.beads.iter().map(|b| b.kind()).collect();
        assert_eq!(kinds, ["1-1-1", "3-1-3", "1-1-1", "1-1-1", "1-1-1"]);
        assert!(al.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    }

    #[test]
    fn a_sentence_the_arabic_lacks_stays_a_bead_of_its_own() {
        let ar = doc(
            "ar",
            &[
                "افتتح المصنع عام 1998 قرب قازان.",
                "باعت الشركة 120 سيارة في مارس.",
                "وارتفعت أرباحها بنسبة 7 في المئة.",
                "زار رئيس البلدية المصنع في 3 مايو.",
                "ووعد بتوفير 600 وظيفة أخرى بحلول عام 2030.",
                "ويصدر التقرير التالي في عام 2027.",
            ],
        );
        let (en, ru) = (doc("en", &EN), doc("ru", &RU));
        assert_eq!(
            kinds([&ar, &en, &ru]),
            ["1-1-1", "1-1-1", "0-1-1", "1-1-1", "1-1-1", "1-1-1", "1-1-1"]
        );
    }
}
