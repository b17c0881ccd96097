//! Word pairs learned over a whole batch: which words of one language
//! stand for which of another, counted in the confident beads of every
//! document of the batch (one document alone has too few), then given to
//! the aligner as anchors for a second pass over the same batch, or saved
//! for another.
//!
//! A word is its aligner key (the folded 4-letter prefix, so `Gipfel` and
//! `Gipfels` are one word). Two words pair when they share at least
//! [`MIN_SHARED`] confident beads and their Dice coefficient is at least
//! [`MIN_DICE`], and neither is in more than [`MAX_BEAD_SHARE`] of the
//! beads (function words). Each word keeps its [`MAX_PARTNERS`] best
//! partners, and a pair stays only when each word is among the other's
//! best. Counts are
//! integers summed over documents, so the pairs are the same in any order
//! and at any thread count.

use super::tokens::{DocAnchors, WORD};
use super::Alignment;
use crate::document::Document;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Beads at least this confident teach word pairs.
const MIN_BEAD_SCORE: f64 = 0.9;
/// Most sentences per side of a bead that teaches word pairs.
const MAX_BEAD_SENTENCES: usize = 2;
/// Most distinct words counted per side of a bead: bounds the pairs one
/// bead adds.
const MAX_BEAD_WORDS: usize = 48;
/// Fewest confident beads two words must share.
const MIN_SHARED: u32 = 3;
/// Lowest Dice coefficient (2 × shared / (beads of one + beads of other)).
/// Chosen on Text+Berg dev and the one-to-many dev sets, with
/// [`MAX_BEAD_SHARE`] (`cargo bench --bench accuracy -- --lexical`).
const MIN_DICE: f64 = 0.5;
/// Words in more than this share of a language pair's confident beads
/// learn no pairs.
const MAX_BEAD_SHARE: f64 = 0.05;
/// Most partners a word keeps.
const MAX_PARTNERS: usize = 2;

/// The largest word-pairs file read: a few million pairs.
const MAX_FILE_BYTES: u64 = 256 << 20;

/// The first line of a word-pairs file.
const HEADER: &str = "# tmalign word pairs 1";

/// One learned pair of words of two languages.
#[derive(Debug, Clone, PartialEq)]
pub struct WordPair {
    /// The word (aligner key) of the first language.
    pub first: String,
    /// The word (aligner key) of the second language.
    pub second: String,
    /// Confident beads that hold both.
    pub shared: u32,
    /// Dice coefficient of the two words over the confident beads.
    pub dice: f64,
}

/// Word pairs for any number of language pairs, each kept with its
/// languages in alphabetical order. Learn them with [`WordPairCounts`],
/// read them with [`WordPairs::read`], and hand them to an aligner with
/// [`crate::Aligner::word_pairs`].
///
/// ```
/// use tmalign::align::{WordPairCounts, WordPairs};
/// use tmalign::{Aligner, Document};
/// let de = Document::presegmented("de", "Der Gipfel war klar.\nDer Gipfel lag hoch.\nAm Gipfel war Schnee.\n".into());
/// let fr = Document::presegmented("fr", "Le sommet était clair.\nLe sommet était haut.\nAu sommet il y avait de la neige.\n".into());
/// let mut counts = WordPairCounts::new();
/// counts.add(&[&de, &fr], &Aligner::new().align(&[&de, &fr]).unwrap());
/// assert_eq!(counts.size().0, 3, "three confident beads");
/// // Three short lines teach nothing yet: a batch needs more beads.
/// let pairs: WordPairs = counts.finish();
/// assert_eq!(WordPairs::from_text(&pairs.to_text(), None).unwrap(), pairs);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordPairs {
    /// Per (language, language) in alphabetical order, the pairs sorted by
    /// their words.
    by_langs: BTreeMap<(String, String), Vec<WordPair>>,
}

impl WordPairs {
    /// No pairs.
    pub fn new() -> WordPairs {
        WordPairs::default()
    }

    /// Number of pairs over all language pairs.
    pub fn len(&self) -> usize {
        self.by_langs.values().map(Vec::len).sum()
    }

    /// True when there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The pairs of languages `a` and `b`, with `first` in `a` and
    /// `second` in `b`, sorted by `first`.
    pub fn pairs(&self, a: &str, b: &str) -> Vec<WordPair> {
        let (key, swapped) = lang_key(a, b);
        let Some(pairs) = self.by_langs.get(&key) else {
            return Vec::new();
        };
        let mut out: Vec<WordPair> = pairs
            .iter()
            .map(|p| match swapped {
                false => p.clone(),
                true => WordPair {
                    first: p.second.clone(),
                    second: p.first.clone(),
                    ..p.clone()
                },
            })
            .collect();
        out.sort_by(|x, y| (&x.first, &x.second).cmp(&(&y.first, &y.second)));
        out
    }

    /// The pairs of `a` and `b` as (word of `a`, word of `b`), without a
    /// copy when the languages come in the stored order.
    pub(crate) fn for_langs(&self, a: &str, b: &str) -> impl Iterator<Item = (&str, &str)> {
        let (key, swapped) = lang_key(a, b);
        self.by_langs
            .get(&key)
            .into_iter()
            .flatten()
            .map(move |p| match swapped {
                false => (p.first.as_str(), p.second.as_str()),
                true => (p.second.as_str(), p.first.as_str()),
            })
    }

    /// The pairs as a word-pairs file: a header line, then one line per
    /// pair: `lang1 TAB lang2 TAB word1 TAB word2 TAB shared TAB dice`.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        out.push_str("\n# lang1\tlang2\tword1\tword2\tshared beads\tdice\n");
        for ((a, b), pairs) in &self.by_langs {
            for p in pairs {
                out.push_str(&format!(
                    "{a}\t{b}\t{}\t{}\t{}\t{:.4}\n",
                    p.first, p.second, p.shared, p.dice
                ));
            }
        }
        out
    }

    /// Reads a word-pairs file written by [`WordPairs::to_text`] (or by
    /// hand: lines starting with `#` after the header are comments).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::WordPairs`]
    /// with the line when it is not a word-pairs file.
    pub fn read(path: &Path) -> Result<WordPairs> {
        use std::io::Read;
        let io = |source| Error::Io {
            path: Some(path.to_path_buf()),
            source,
        };
        // Read at most one byte past the limit: a huge file, a device or a
        // FIFO that never ends is refused instead of filling memory.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .map_err(io)?
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Error::WordPairs {
                path: Some(path.to_path_buf()),
                line: 1,
                message: format!(
                    "larger than {} MiB: not a word-pairs file",
                    MAX_FILE_BYTES >> 20
                ),
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| Error::Decode {
            path: Some(path.to_path_buf()),
            offset: e.utf8_error().valid_up_to(),
            encoding: "UTF-8",
        })?;
        WordPairs::from_text(&text, Some(path))
    }

    /// Parses the text of a word-pairs file; `path` names it in errors.
    ///
    /// # Errors
    /// [`Error::WordPairs`] with the line of the first problem.
    pub fn from_text(text: &str, path: Option<&Path>) -> Result<WordPairs> {
        let fail = |line: usize, message: String| Error::WordPairs {
            path: path.map(Path::to_path_buf),
            line,
            message,
        };
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, first)) if first.trim_end() == HEADER => {}
            _ => {
                return Err(fail(
                    1,
                    format!("not a word-pairs file: the first line must be `{HEADER}`"),
                ))
            }
        }
        let mut by_langs: BTreeMap<(String, String), Vec<WordPair>> = BTreeMap::new();
        for (k, line) in lines {
            let number = k + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [a, b, first, second, shared, dice] = fields[..] else {
                return Err(fail(
                    number,
                    format!("{} fields; a pair has 6, tab-separated", fields.len()),
                ));
            };
            for (name, field) in [
                ("lang1", a),
                ("lang2", b),
                ("word1", first),
                ("word2", second),
            ] {
                if field.is_empty() || field.chars().any(char::is_whitespace) {
                    return Err(fail(number, format!("{name} is empty or holds a space")));
                }
            }
            let shared: u32 = shared
                .parse()
                .map_err(|_| fail(number, format!("shared beads `{shared}` is not a count")))?;
            let dice: f64 = dice
                .parse()
                .ok()
                .filter(|d| (0.0..=1.0).contains(d))
                .ok_or_else(|| fail(number, format!("dice `{dice}` is not between 0 and 1")))?;
            let (a, b) = (crate::lang::canonical(a), crate::lang::canonical(b));
            let ((x, y), swapped) = lang_key(&a, &b);
            let (first, second) = match swapped {
                false => (first, second),
                true => (second, first),
            };
            by_langs.entry((x, y)).or_default().push(WordPair {
                first: first.to_string(),
                second: second.to_string(),
                shared,
                dice,
            });
        }
        for pairs in by_langs.values_mut() {
            pairs.sort_by(|x, y| (&x.first, &x.second).cmp(&(&y.first, &y.second)));
            pairs.dedup_by(|x, y| x.first == y.first && x.second == y.second);
        }
        Ok(WordPairs { by_langs })
    }
}

/// The stored order of two languages, and whether `a, b` is its reverse.
fn lang_key(a: &str, b: &str) -> ((String, String), bool) {
    if a <= b {
        ((a.to_string(), b.to_string()), false)
    } else {
        ((b.to_string(), a.to_string()), true)
    }
}

/// How often words, and pairs of words, occur in the confident beads of
/// aligned documents: what [`WordPairs`] are learned from. Add each
/// aligned document set with [`WordPairCounts::add`], [`merge`] counts
/// gathered apart, then [`finish`].
///
/// [`merge`]: WordPairCounts::merge
/// [`finish`]: WordPairCounts::finish
#[derive(Debug, Clone, Default)]
pub struct WordPairCounts {
    by_langs: BTreeMap<(String, String), LangPairCounts>,
}

/// The counts of one language pair.
#[derive(Debug, Clone, Default)]
struct LangPairCounts {
    /// Confident beads counted.
    beads: u64,
    /// Per side: each word and the confident beads it is in.
    words: [Vocabulary; 2],
    /// Confident beads holding both words, by the words' ids.
    shared: HashMap<(u32, u32), u32>,
}

#[derive(Debug, Clone, Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    beads: Vec<u32>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.words.push(word.to_string());
        self.beads.push(0);
        id
    }
}

impl WordPairCounts {
    /// No counts.
    pub fn new() -> WordPairCounts {
        WordPairCounts::default()
    }

    /// Number of confident beads counted, over all language pairs, and of
    /// distinct word pairs seen in them.
    pub fn size(&self) -> (u64, usize) {
        let pairs = self.by_langs.values().map(|c| c.shared.len()).sum();
        let beads = self.by_langs.values().map(|c| c.beads).sum();
        (beads, pairs)
    }

    /// Counts the words of the confident beads (score at least
    /// 0.9, one or two sentences a side) of an alignment of
    /// `docs`, for every pair of its documents.
    pub fn add(&mut self, docs: &[&Document], alignment: &Alignment) {
        let anchors: Vec<DocAnchors> = docs
            .iter()
            .map(|d| DocAnchors::with_lexicon(d, 0))
            .collect();
        for x in 0..docs.len() {
            for y in x + 1..docs.len() {
                self.add_pair(&anchors, [x, y], alignment);
            }
        }
    }

    fn add_pair(&mut self, anchors: &[DocAnchors], [x, y]: [usize; 2], alignment: &Alignment) {
        let ((a, b), swapped) = lang_key(&anchors[x].lang, &anchors[y].lang);
        let sides = if swapped { [y, x] } else { [x, y] };
        let counts = self.by_langs.entry((a, b)).or_default();
        // Vocabulary id of each token type, per side, looked up once.
        let mut ids: [Vec<Option<u32>>; 2] = [Vec::new(), Vec::new()];
        for (side, &d) in sides.iter().enumerate() {
            ids[side] = anchors[d]
                .types
                .iter()
                .map(|ty| {
                    (ty.class == WORD && !ty.key.is_empty() && !ty.is_concept())
                        .then(|| counts.words[side].id(&ty.key))
                })
                .collect();
        }
        let mut words: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        let mut seen: HashSet<u32> = HashSet::new();
        for bead in &alignment.beads {
            let ranges = sides.map(|d| bead.ids.get(d).cloned().unwrap_or_default());
            if bead.score < MIN_BEAD_SCORE
                || ranges
                    .iter()
                    .any(|r| r.is_empty() || r.len() > MAX_BEAD_SENTENCES)
            {
                continue;
            }
            for side in 0..2 {
                let doc = &anchors[sides[side]];
                words[side].clear();
                seen.clear();
                // The first distinct words in text order: which ones a long
                // bead keeps must not depend on the vocabulary's ids, which
                // depend on what was counted before.
                let tokens = ranges[side]
                    .clone()
                    .filter(|&i| i < doc.len())
                    .flat_map(|i| doc.sentence(i));
                for w in tokens.filter_map(|&t| ids[side][t as usize]) {
                    if words[side].len() == MAX_BEAD_WORDS {
                        break;
                    }
                    if seen.insert(w) {
                        words[side].push(w);
                    }
                }
                for &w in &words[side] {
                    counts.words[side].beads[w as usize] += 1;
                }
            }
            counts.beads += 1;
            for &u in &words[0] {
                for &v in &words[1] {
                    *counts.shared.entry((u, v)).or_insert(0) += 1;
                }
            }
        }
    }

    /// Adds counts gathered apart (another thread, another part of the
    /// corpus); the result does not depend on the order of merging.
    pub fn merge(&mut self, other: WordPairCounts) {
        for (langs, theirs) in other.by_langs {
            let ours = self.by_langs.entry(langs).or_default();
            ours.beads += theirs.beads;
            let remap: [Vec<u32>; 2] = [0, 1].map(|side| {
                theirs.words[side]
                    .words
                    .iter()
                    .zip(&theirs.words[side].beads)
                    .map(|(word, &n)| {
                        let id = ours.words[side].id(word);
                        ours.words[side].beads[id as usize] += n;
                        id
                    })
                    .collect()
            });
            for ((u, v), n) in theirs.shared {
                *ours
                    .shared
                    .entry((remap[0][u as usize], remap[1][v as usize]))
                    .or_insert(0) += n;
            }
        }
    }

    /// The word pairs the counts support.
    pub fn finish(&self) -> WordPairs {
        let mut by_langs = BTreeMap::new();
        for (langs, counts) in &self.by_langs {
            let pairs = counts.pairs();
            if !pairs.is_empty() {
                by_langs.insert(langs.clone(), pairs);
            }
        }
        WordPairs { by_langs }
    }
}

impl LangPairCounts {
    fn pairs(&self) -> Vec<WordPair> {
        let [w0, w1] = &self.words;
        // A word in more of the beads than this is a function word: it
        // pairs with its like in most sentences, and so pulls a dropped
        // sentence into its neighbour's bead.
        let most_beads = (MAX_BEAD_SHARE * self.beads as f64) as u32;
        let mut candidates: Vec<(u32, u32, u32, f64)> = self
            .shared
            .iter()
            .filter(|&(&(u, v), &n)| {
                n >= MIN_SHARED && w0.words[u as usize] != w1.words[v as usize]
            })
            .map(|(&(u, v), &n)| {
                let total = w0.beads[u as usize] + w1.beads[v as usize];
                (u, v, n, 2.0 * n as f64 / total.max(1) as f64)
            })
            .filter(|c| c.3 >= MIN_DICE)
            .filter(|c| w0.beads[c.0 as usize].max(w1.beads[c.1 as usize]) <= most_beads)
            .collect();
        // Best first; ties go to the words in alphabetical order, so the
        // choice never depends on the order the words were met in.
        let word = |side: usize, id: u32| self.words[side].words[id as usize].as_str();
        candidates.sort_by(|x, y| {
            y.3.total_cmp(&x.3)
                .then_with(|| word(0, x.0).cmp(word(0, y.0)))
                .then_with(|| word(1, x.1).cmp(word(1, y.1)))
        });
        let mut partners: [HashMap<u32, usize>; 2] = [HashMap::new(), HashMap::new()];
        let mut best: Vec<(u32, u32, u32, f64)> = Vec::new();
        for c in &candidates {
            let n0 = partners[0].entry(c.0).or_insert(0);
            let first_ok = *n0 < MAX_PARTNERS;
            *n0 += 1;
            let n1 = partners[1].entry(c.1).or_insert(0);
            let second_ok = *n1 < MAX_PARTNERS;
            *n1 += 1;
            if first_ok && second_ok {
                best.push(*c);
            }
        }
        let mut pairs: Vec<WordPair> = best
            .into_iter()
            .map(|(u, v, shared, dice)| WordPair {
                first: word(0, u).to_string(),
                second: word(1, v).to_string(),
                shared,
                // What the file keeps, so that a pair read back is equal.
                dice: (dice * 1e4).round() / 1e4,
            })
            .collect();
        pairs.sort_by(|x, y| (&x.first, &x.second).cmp(&(&y.first, &y.second)));
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Aligner;
    use proptest::prelude::*;

    fn doc(lang: &str, lines: &[String]) -> Document {
        Document::presegmented(lang, lines.join("\n"))
    }

    /// A made-up word per number: a distinct 4-letter key for each.
    fn filler(k: usize) -> String {
        let letter = |x: usize| (b'b' + (x % 20) as u8) as char;
        [k / 8000, k / 400, k / 20, k, k]
            .map(letter)
            .iter()
            .collect()
    }

    /// A German and a French text of `n` lines, the same made-up words on
    /// both sides of each line, in which `Gipfel` faces `sommet` and
    /// `Schnee` faces `neige` on `every`-th line only (too few lines for
    /// function words).
    fn mountain_texts(n: usize, offset: usize, every: usize) -> (Document, Document) {
        let (mut de, mut fr) = (Vec::new(), Vec::new());
        for k in offset..offset + n {
            let words = format!(
                "{} {} {}",
                filler(3 * k),
                filler(3 * k + 1),
                filler(3 * k + 2)
            );
            if k % every == 0 {
                de.push(format!("Der Gipfel lag im Schnee, {words}."));
                fr.push(format!("Le sommet était sous la neige, {words}."));
            } else {
                de.push(format!("Es war {words}."));
                fr.push(format!("Il était {words}."));
            }
        }
        (doc("de", &de), doc("fr", &fr))
    }

    fn counts_of(texts: &[(Document, Document)]) -> WordPairCounts {
        let mut counts = WordPairCounts::new();
        for (de, fr) in texts {
            let alignment = Aligner::new().align(&[de, fr]).unwrap();
            counts.add(&[de, fr], &alignment);
        }
        counts
    }

    #[test]
    fn words_that_keep_facing_each_other_pair() {
        let pairs = counts_of(&[mountain_texts(100, 0, 25)]).finish();
        let de_fr = pairs.pairs("de", "fr");
        let has = |a: &str, b: &str| de_fr.iter().any(|p| p.first == a && p.second == b);
        assert!(has("gipf", "somm"), "{de_fr:?}");
        assert!(has("schn", "neig"), "{de_fr:?}");
        // The same pairs, asked for the other way round.
        assert!(pairs
            .pairs("fr", "de")
            .iter()
            .any(|p| p.first == "somm" && p.second == "gipf"));
        assert!(de_fr
            .iter()
            .all(|p| p.shared >= MIN_SHARED && p.dice >= MIN_DICE));
    }

    #[test]
    fn too_few_shared_beads_teach_nothing() {
        let pairs = counts_of(&[mountain_texts(100, 0, 50)]).finish();
        assert!(pairs.is_empty(), "{pairs:?}");
    }

    #[test]
    fn documents_too_short_alone_teach_together() {
        let texts: Vec<_> = (0..3).map(|k| mountain_texts(40, 40 * k, 40)).collect();
        assert!(counts_of(&texts[..1]).finish().is_empty());
        let together = counts_of(&texts).finish();
        assert!(together
            .pairs("de", "fr")
            .iter()
            .any(|p| p.first == "gipf" && p.second == "somm"));
    }

    #[test]
    fn merging_in_any_order_gives_the_same_pairs() {
        let texts: Vec<_> = (0..4).map(|k| mountain_texts(30, 30 * k, 30)).collect();
        let whole = counts_of(&texts).finish();
        let mut merged = counts_of(&texts[2..]);
        merged.merge(counts_of(&texts[..2]));
        assert_eq!(merged.finish(), whole);
        assert!(!whole.is_empty());
    }

    #[test]
    fn a_long_bead_keeps_the_same_words_whatever_was_counted_before() {
        // Lines of 50 made-up words, `Gipfel` and `sommet` after them.
        let long = |n: usize| {
            let (mut de, mut fr) = (Vec::new(), Vec::new());
            for k in 0..n {
                let words: Vec<String> = (0..50).map(|w| filler(10_000 + 50 * k + w)).collect();
                let tail = if k % 20 == 0 { " Gipfel" } else { "" };
                let tail_fr = if k % 20 == 0 { " sommet" } else { "" };
                de.push(format!("{}{tail}.", words.join(" ")));
                fr.push(format!("{}{tail_fr}.", words.join(" ")));
            }
            (doc("de", &de), doc("fr", &fr))
        };
        let (a, b) = (long(60), mountain_texts(60, 0, 60));
        let one = counts_of(&[a.clone(), b.clone()]).finish();
        let other = counts_of(&[b, a]).finish();
        assert_eq!(one, other);
    }

    #[test]
    fn a_word_keeps_at_most_its_best_partners() {
        let pairs = counts_of(&[mountain_texts(200, 0, 40)]).finish();
        let de_fr = pairs.pairs("de", "fr");
        for p in &de_fr {
            assert!(de_fr.iter().filter(|q| q.first == p.first).count() <= MAX_PARTNERS);
            assert!(de_fr.iter().filter(|q| q.second == p.second).count() <= MAX_PARTNERS);
        }
    }

    #[test]
    fn bad_files_name_their_line() {
        let bad = format!("{HEADER}\nde\tfr\tgipf\tsomm\t3\n");
        let err = WordPairs::from_text(&bad, Some(Path::new("p.tsv"))).unwrap_err();
        assert!(matches!(err, Error::WordPairs { line: 2, .. }), "{err}");
        assert!(err.to_string().starts_with("p.tsv:2:"), "{err}");
        let not = WordPairs::from_text("gipf\tsomm\n", None).unwrap_err();
        assert!(matches!(not, Error::WordPairs { line: 1, .. }), "{not}");
        let dice = format!("{HEADER}\nde\tfr\tgipf\tsomm\t3\t1.5\n");
        assert!(matches!(
            WordPairs::from_text(&dice, None),
            Err(Error::WordPairs { line: 2, .. })
        ));
    }

    #[test]
    fn a_file_that_is_not_utf8_names_its_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.tsv");
        std::fs::write(&path, b"# tmalign word pairs 1\nar\ten\t\xff\n").unwrap();
        let err = WordPairs::read(&path).unwrap_err();
        assert!(matches!(err, Error::Decode { offset: 29, .. }), "{err}");
        assert!(err.to_string().contains("p.tsv"), "{err}");
    }

    #[test]
    #[cfg(unix)]
    fn an_endless_device_is_refused_not_read_forever() {
        let err = WordPairs::read(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("larger than 256 MiB"), "{err}");
    }

    fn key() -> impl Strategy<Value = String> {
        "[a-zа-я\u{0627}-\u{064a}]{4}"
    }

    proptest! {
        #[test]
        fn the_file_reads_back_the_same_pairs(
            pairs in proptest::collection::vec(
                (prop_oneof![Just(("ar", "en")), Just(("en", "ru")), Just(("ru", "ar"))],
                 key(), key(), 3u32..1000, 0.0f64..=1.0),
                0..40,
            )
        ) {
            let mut text = format!("{HEADER}\n");
            for ((a, b), w1, w2, shared, dice) in &pairs {
                text.push_str(&format!("{a}\t{b}\t{w1}\t{w2}\t{shared}\t{dice:.4}\n"));
            }
            let read = WordPairs::from_text(&text, None).unwrap();
            let again = WordPairs::from_text(&read.to_text(), None).unwrap();
            prop_assert_eq!(&again, &read);
            prop_assert!(read.len() <= pairs.len());
        }
    }
}
