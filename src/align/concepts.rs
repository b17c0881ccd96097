//! Pair concepts: the tokens of two documents mapped to shared concept ids
//! (exact keys, 4-letter prefixes within one script, or transliterated
//! consonant skeletons compared with `strsim` across scripts), each weighted
//! by how rare it is, and the weight two sentences or beads share.

use super::lists::Lists;
use super::tokens::{DocAnchors, CLASSES, WORD};
use super::word_pairs::WordPairs;
use std::collections::HashMap;
use std::ops::Range;

/// The anchors of two documents mapped to shared concept ids, each with a
/// class and a weight, as sorted lists per sentence.
#[derive(Debug, Clone)]
pub(crate) struct PairAnchors {
    /// Class of each concept.
    pub class: Vec<u8>,
    /// Weight of each concept: 1 for one seen once, less for common ones.
    pub weight: Vec<f32>,
    /// Sorted concept ids of each sentence, per side.
    pub concepts: [Lists; 2],
    /// Total weight of each sentence's anchors per class, per side.
    pub totals: [Vec<[f32; CLASSES]>; 2],
    /// A 64-bit Bloom signature of each sentence's concepts, per side, to
    /// skip most intersections that would be empty.
    pub(super) signature: [Vec<u64>; 2],
    /// Concepts sentence `i` shares with one of the next three sentences,
    /// per side: the only ones a bead of several sentences could count
    /// twice.
    pub(super) repeated: [Lists; 2],
}

/// Most distinct repeated concepts a bead corrects for without merging.
const MAX_REPEATED: usize = 32;

impl PairAnchors {
    /// Maps the tokens of `a` and `b` to shared concepts, the `learned`
    /// word pairs of their languages among them.
    pub fn new(a: &DocAnchors, b: &DocAnchors, learned: Option<&WordPairs>) -> PairAnchors {
        let same_script = a.script == b.script;
        let docs = [a, b];
        let mut keys: HashMap<(usize, &str), u32> = HashMap::new();
        let mut class: Vec<u8> = Vec::new();
        // type id -> concept ids, per side
        let mut of_type: [Vec<Vec<u32>>; 2] = [
            vec![Vec::new(); a.types.len()],
            vec![Vec::new(); b.types.len()],
        ];
        for (side, doc) in docs.iter().enumerate() {
            for (t, ty) in doc.types.iter().enumerate() {
                // Terms of the table have one key in every script.
                let exact = ty.class != WORD
                    || ty.is_concept()
                    || (!ty.key.is_empty() && (same_script || ty.latin));
                if exact {
                    let next = class.len() as u32;
                    let id = *keys.entry((ty.class, ty.key.as_str())).or_insert(next);
                    if id == next {
                        class.push(ty.class as u8);
                    }
                    of_type[side][t].push(id);
                }
            }
        }
        if !same_script {
            link_skeletons(docs, &mut of_type, &mut class);
        }
        if let Some(learned) = learned {
            link_word_pairs(docs, learned, &mut of_type, &mut class);
        }
        // Each sentence's concepts and each concept's document frequency,
        // one side on each thread.
        let side = |side: usize| {
            let (doc, of_type) = (docs[side], &of_type[side]);
            let mut df = vec![0u32; class.len()];
            let mut concepts = Lists::default();
            let mut buf = Vec::new();
            for i in 0..doc.len() {
                buf.clear();
                for &t in doc.sentence(i) {
                    buf.extend_from_slice(&of_type[t as usize]);
                }
                buf.sort_unstable();
                let mut last = u32::MAX;
                for &c in &buf {
                    if c != last {
                        df[c as usize] += 1;
                        last = c;
                    }
                }
                concepts.push(&buf);
            }
            (concepts, df)
        };
        let ((concepts0, df0), (concepts1, df1)) = rayon::join(|| side(0), || side(1));
        let df: Vec<[u32; 2]> = df0.into_iter().zip(df1).map(|(x, y)| [x, y]).collect();
        let mut concepts = [concepts0, concepts1];
        // A word seen on one side only can never match: drop it. Literals
        // and punctuation stay, since a number without a counterpart is
        // evidence against a pairing.
        let n = (a.len() + b.len()).max(1) as f64;
        let weight: Vec<f32> = df
            .iter()
            .zip(&class)
            .map(|(d, &c)| {
                let total = (d[0] + d[1]).max(1) as f64;
                if c as usize == WORD && (d[0] == 0 || d[1] == 0) {
                    0.0
                } else {
                    ((1.0 + n / total).ln() / (1.0 + n).ln()).clamp(0.05, 1.0) as f32
                }
            })
            .collect();
        let mut totals: [Vec<[f32; CLASSES]>; 2] = [Vec::new(), Vec::new()];
        for side in 0..2 {
            concepts[side].retain(|c| weight[c as usize] > 0.0);
            for list in concepts[side].iter() {
                let mut t = [0f32; CLASSES];
                for &c in list.iter() {
                    t[class[c as usize] as usize] += weight[c as usize];
                }
                totals[side].push(t);
            }
        }
        let signature = concepts.each_ref().map(|side| {
            side.iter()
                .map(|list| list.iter().fold(0u64, |s, &c| s | 1 << (c % 64)))
                .collect()
        });
        let repeated_of = |side: &Lists| {
            let mut repeated = Lists::default();
            let mut shared: Vec<u32> = Vec::new();
            for i in 0..side.len() {
                shared.clear();
                for next in side.range(i + 1..(i + 4).min(side.len())) {
                    shared.extend(side[i].iter().filter(|c| next.binary_search(c).is_ok()));
                }
                shared.sort_unstable();
                shared.dedup();
                repeated.push(&shared);
            }
            repeated
        };
        let repeated = rayon::join(|| repeated_of(&concepts[0]), || repeated_of(&concepts[1]));
        let repeated = [repeated.0, repeated.1];
        PairAnchors {
            class,
            weight,
            concepts,
            totals,
            signature,
            repeated,
        }
    }

    /// Weight of the anchors shared by sentences `r0` of side 0 and `r1` of
    /// side 1 taken together, given `pair_sum`, the sum of [`matched`] over
    /// the bead's sentence pairs: the sum counts an anchor repeated within a
    /// side more than once, so those few anchors are recounted exactly.
    ///
    /// [`matched`]: PairAnchors::matched
    pub fn matched_bead(
        &self,
        r0: Range<usize>,
        r1: Range<usize>,
        mut pair_sum: [f32; CLASSES],
    ) -> [f32; CLASSES] {
        if r0.len() <= 1 && r1.len() <= 1 {
            return pair_sum;
        }
        let mut candidates = [0u32; MAX_REPEATED];
        let mut n = 0;
        // Only a concept on both sides can be counted twice.
        let signature = |side: usize, r: &Range<usize>| {
            r.clone().fold(0u64, |s, i| s | self.signature[side][i])
        };
        let both = signature(0, &r0) & signature(1, &r1);
        // The last sentence of a range can only repeat what an earlier one has.
        for (side, r) in [(0, &r0), (1, &r1)] {
            for i in r.start..r.end.saturating_sub(1) {
                for &c in &self.repeated[side][i] {
                    if both & (1 << (c % 64)) != 0 && !candidates[..n].contains(&c) {
                        if n == MAX_REPEATED {
                            return self.matched_ranges(
                                r0.clone(),
                                r1.clone(),
                                &mut Default::default(),
                            );
                        }
                        candidates[n] = c;
                        n += 1;
                    }
                }
            }
        }
        // The signature rules out most sentences without a search; a
        // concept is rarely in a list more than once.
        let count = |side: usize, i: usize, c: u32| -> u32 {
            if self.signature[side][i] & (1 << (c % 64)) == 0 {
                return 0;
            }
            let list = &self.concepts[side][i];
            let first = list.partition_point(|&x| x < c);
            list[first..].iter().take_while(|&&x| x == c).count() as u32
        };
        // Beads span a few sentences; longer ranges are counted the slow way.
        const MOST: usize = 8;
        if r1.len() > MOST {
            return self.matched_ranges(r0, r1, &mut Default::default());
        }
        let mut in1 = [0u32; MOST];
        for &c in &candidates[..n] {
            let (mut sum0, mut sum1, mut pairs) = (0, 0, 0);
            for (slot, j) in in1.iter_mut().zip(r1.clone()) {
                *slot = count(1, j, c);
                sum1 += *slot;
            }
            // Not on side 1: no pair shares it, nothing to take back.
            if sum1 == 0 {
                continue;
            }
            for i in r0.clone() {
                let a = count(0, i, c);
                sum0 += a;
                pairs += in1[..r1.len()].iter().map(|&b| a.min(b)).sum::<u32>();
            }
            let extra = pairs.saturating_sub(sum0.min(sum1));
            pair_sum[self.class[c as usize] as usize] -= extra as f32 * self.weight[c as usize];
        }
        pair_sum.map(|x| x.max(0.0))
    }

    /// Weight of the anchors that sentence `i` of side 0 and sentence `j` of
    /// side 1 share, per class (multiset intersection).
    pub fn matched(&self, i: usize, j: usize) -> [f32; CLASSES] {
        if self.signature[0][i] & self.signature[1][j] == 0 {
            return [0.0; CLASSES];
        }
        self.intersect(&self.concepts[0][i], &self.concepts[1][j])
    }

    /// Weight of the anchors shared by sentences `r0` of side 0 and `r1` of
    /// side 1 taken together, per class; `scratch` is reused between calls.
    pub fn matched_ranges(
        &self,
        r0: Range<usize>,
        r1: Range<usize>,
        scratch: &mut [Vec<u32>; 3],
    ) -> [f32; CLASSES] {
        if r0.len() == 1 && r1.len() == 1 {
            return self.matched(r0.start, r1.start);
        }
        let [x, y, tmp] = scratch;
        merge_lists(self.concepts[0].range(r0), x, tmp);
        merge_lists(self.concepts[1].range(r1), y, tmp);
        self.intersect(x, y)
    }

    fn intersect(&self, x: &[u32], y: &[u32]) -> [f32; CLASSES] {
        let mut out = [0f32; CLASSES];
        let (mut p, mut q) = (0, 0);
        while p < x.len() && q < y.len() {
            match x[p].cmp(&y[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    let c = x[p] as usize;
                    out[self.class[c] as usize] += self.weight[c];
                    p += 1;
                    q += 1;
                }
            }
        }
        out
    }
}

/// Merges sorted lists into one sorted list in `out`.
fn merge_lists<'l>(lists: impl Iterator<Item = &'l [u32]>, out: &mut Vec<u32>, tmp: &mut Vec<u32>) {
    out.clear();
    for list in lists {
        tmp.clear();
        let (mut p, mut q) = (0, 0);
        while p < out.len() && q < list.len() {
            if out[p] <= list[q] {
                tmp.push(out[p]);
                p += 1;
            } else {
                tmp.push(list[q]);
                q += 1;
            }
        }
        tmp.extend_from_slice(&out[p..]);
        tmp.extend_from_slice(&list[q..]);
        std::mem::swap(out, tmp);
    }
}

/// Gives each learned word pair whose words both documents hold one new
/// concept, shared by every type with either key.
fn link_word_pairs(
    docs: [&DocAnchors; 2],
    learned: &WordPairs,
    of_type: &mut [Vec<Vec<u32>>; 2],
    class: &mut Vec<u8>,
) {
    fn types_by_key(doc: &DocAnchors) -> HashMap<&str, Vec<usize>> {
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (t, ty) in doc.types.iter().enumerate() {
            if ty.class == WORD && !ty.key.is_empty() && !ty.is_concept() {
                by_key.entry(ty.key.as_str()).or_default().push(t);
            }
        }
        by_key
    }
    let by_key = docs.map(types_by_key);
    for (first, second) in learned.for_langs(&docs[0].lang, &docs[1].lang) {
        let (Some(ts), Some(us)) = (by_key[0].get(first), by_key[1].get(second)) else {
            continue;
        };
        let id = class.len() as u32;
        class.push(WORD as u8);
        for &t in ts {
            of_type[0][t].push(id);
        }
        for &u in us {
            of_type[1][u].push(id);
        }
    }
}

/// Links name-like words of two documents in different scripts whose
/// consonant skeletons are alike (Jaro-Winkler), giving each linked group
/// one new concept.
fn link_skeletons(docs: [&DocAnchors; 2], of_type: &mut [Vec<Vec<u32>>; 2], class: &mut Vec<u8>) {
    // Distinct skeletons per side, bucketed by their first two classes.
    let mut skels: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
    let mut skel_index: [HashMap<&str, usize>; 2] = [HashMap::new(), HashMap::new()];
    for side in 0..2 {
        for ty in &docs[side].types {
            if let Some(s) = ty.skeleton.as_deref() {
                let next = skels[side].len();
                if *skel_index[side].entry(s).or_insert(next) == next {
                    skels[side].push(s);
                }
            }
        }
    }
    let prefix = |s: &str| -> String { s.chars().take(2).collect() };
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, s) in skels[1].iter().enumerate() {
        buckets.entry(prefix(s)).or_default().push(k);
    }
    // Union-find over skeletons of both sides: side 0 first, then side 1.
    let n0 = skels[0].len();
    let mut parent: Vec<usize> = (0..n0 + skels[1].len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut linked = vec![false; parent.len()];
    for (k, s) in skels[0].iter().enumerate() {
        let Some(bucket) = buckets.get(&prefix(s)) else {
            continue;
        };
        for &l in bucket {
            let t = skels[1][l];
            if t.len().abs_diff(s.len()) <= 1 && strsim::jaro_winkler(s, t) >= 0.9 {
                let (x, y) = (find(&mut parent, k), find(&mut parent, n0 + l));
                parent[x] = y;
                linked[k] = true;
                linked[n0 + l] = true;
            }
        }
    }
    let mut concept_of_root: HashMap<usize, u32> = HashMap::new();
    for side in 0..2 {
        for (t, ty) in docs[side].types.iter().enumerate() {
            let Some(s) = ty.skeleton.as_deref() else {
                continue;
            };
            let node = skel_index[side][s] + if side == 1 { n0 } else { 0 };
            if !linked[node] {
                continue;
            }
            let root = find(&mut parent, node);
            let next = class.len() as u32;
            let id = *concept_of_root.entry(root).or_insert(next);
            if id == next {
                class.push(WORD as u8);
            }
            if !of_type[side][t].contains(&id) {
                of_type[side][t].push(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::tokens::LITERAL;

    fn doc(lang: &str, text: &str) -> crate::Document {
        crate::Document::presegmented(lang, text.to_string())
    }

    #[test]
    fn names_match_across_scripts_in_a_pair() {
        let en = DocAnchors::new(&doc("en", "Putin met Trump in 2018.\nIt rained.\n"));
        let ru = DocAnchors::new(&doc(
            "ru",
            "Путин встретился с Трампом в 2018 году.\nШёл дождь.\n",
        ));
        let pair = PairAnchors::new(&en, &ru, None);
        let m = pair.matched(0, 0);
        assert!(m[LITERAL] > 0.0, "{m:?}");
        assert!(m[WORD] > 1.0, "both names should match: {m:?}");
        assert_eq!(pair.matched(1, 0), [0.0; CLASSES]);
    }

    #[test]
    fn ranges_count_a_shared_anchor_once() {
        let a = DocAnchors::new(&doc("en", "In 1956 it rained.\nIn 1956 it snowed.\n"));
        let b = DocAnchors::new(&doc("fr", "En 1956 il a plu et neigé.\n"));
        let pair = PairAnchors::new(&a, &b, None);
        let mut scratch = Default::default();
        let one = pair.matched(0, 0)[LITERAL];
        assert!(one > 0.0);
        assert_eq!(pair.matched_ranges(0..2, 0..1, &mut scratch)[LITERAL], one);
        let sum =
            [0, 1]
                .map(|i| pair.matched(i, 0))
                .into_iter()
                .fold([0.0; CLASSES], |mut s, m| {
                    (0..CLASSES).for_each(|c| s[c] += m[c]);
                    s
                });
        assert_eq!(sum[LITERAL], 2.0 * one, "the plain sum counts it twice");
        assert_eq!(
            pair.matched_bead(0..2, 0..1, sum),
            pair.matched_ranges(0..2, 0..1, &mut scratch)
        );
    }

    #[test]
    fn learned_word_pairs_are_shared_concepts() {
        let de = DocAnchors::new(&doc("de", "Der Gletscher schmolz.\n"));
        let fr = DocAnchors::new(&doc("fr", "Le glacier fondit.\n"));
        assert_eq!(PairAnchors::new(&de, &fr, None).matched(0, 0)[WORD], 0.0);
        let text = "# tmalign word pairs 1\nde\tfr\tschm\tfond\t5\t0.7\n";
        let learned = WordPairs::from_text(text, None).unwrap();
        let pair = PairAnchors::new(&de, &fr, Some(&learned));
        assert!(pair.matched(0, 0)[WORD] > 0.0);
        // Pairs of other languages are not used.
        let en = DocAnchors::new(&doc("en", "The ice melted.\n"));
        assert_eq!(
            PairAnchors::new(&en, &fr, Some(&learned)).matched(0, 0)[WORD],
            0.0
        );
    }

    #[test]
    fn cognates_match_by_prefix_within_one_script() {
        let de = DocAnchors::new(&doc("de", "Die Expedition erreichte den Gipfel.\n"));
        let fr = DocAnchors::new(&doc("fr", "L'expédition atteignit le sommet.\n"));
        let pair = PairAnchors::new(&de, &fr, None);
        assert!(pair.matched(0, 0)[WORD] > 0.0);
    }
}
