//! Cleaning a memory: each unit is checked against the enabled
//! [`Rule`]s, and the first that catches it says why it is dropped.
//!
//! The length-ratio rule needs the memory's own range per language pair:
//! [`Cleaner::observe`] every unit first, then [`Cleaner::fit`]. The range
//! is the median log ratio of characters plus or minus four robust standard
//! deviations (1.4826 × the median absolute deviation), and never narrower
//! than a factor of 1.6 either way; it is fitted on units whose longer side
//! has at least [`MIN_RATIO_CHARS`] characters, and applied only to those.
//! Duplicates are remembered as 64-bit hashes (8 bytes a unit).

use super::anchors::{code_count, link_keys, number_keys, unbalanced_tags};
use super::rules::Rule;
use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};

/// Units whose longer side is shorter than this are not judged by length.
pub const MIN_RATIO_CHARS: usize = 15;
/// A language pair needs this many units to fit its length range.
pub const MIN_FIT_UNITS: usize = 10;

/// Why a unit was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The rule that caught it.
    pub rule: Rule,
    /// What exactly disagreed, e.g. `numbers: en [2019] ≠ ru [2018]`.
    pub reason: String,
}

/// The fitted range of `ln(chars of a / chars of b)` for a language pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioRange {
    /// Lowest accepted log ratio.
    pub low: f64,
    /// Highest accepted log ratio.
    pub high: f64,
    /// Units it was fitted on.
    pub units: usize,
}

/// Checks units against a set of rules. See the module docs.
#[derive(Debug, Default)]
pub struct Cleaner {
    enabled: Vec<Rule>,
    samples: BTreeMap<(String, String), Vec<f32>>,
    ranges: BTreeMap<(String, String), RatioRange>,
    exact: HashSet<u64>,
    near: HashSet<u64>,
}

impl Cleaner {
    /// A cleaner with these rules enabled.
    pub fn new(rules: &[Rule]) -> Cleaner {
        Cleaner {
            enabled: rules.to_vec(),
            ..Cleaner::default()
        }
    }

    /// True when a rule is enabled.
    pub fn is_enabled(&self, rule: Rule) -> bool {
        self.enabled.contains(&rule)
    }

    /// True when [`Cleaner::observe`] and [`Cleaner::fit`] are needed
    /// before checking (the length-ratio rule is on).
    pub fn needs_fit(&self) -> bool {
        self.is_enabled(Rule::LengthRatio)
    }

    /// Records a unit's length ratios for [`Cleaner::fit`].
    pub fn observe(&mut self, tu: &tmx::Tu) {
        let sides = sides(tu);
        for (a, b) in pairs(&sides) {
            if let Some(r) = log_ratio(&a.1, &b.1) {
                self.samples
                    .entry((a.0.clone(), b.0.clone()))
                    .or_default()
                    .push(r as f32);
            }
        }
    }

    /// Fits the length range of each language pair seen by
    /// [`Cleaner::observe`] with at least [`MIN_FIT_UNITS`] units.
    pub fn fit(&mut self) {
        for (pair, samples) in std::mem::take(&mut self.samples) {
            if samples.len() < MIN_FIT_UNITS {
                continue;
            }
            let mut v: Vec<f64> = samples.iter().map(|&x| f64::from(x)).collect();
            let middle = median(&mut v);
            let mut dev: Vec<f64> = v.iter().map(|x| (x - middle).abs()).collect();
            let sigma: f64 = 1.4826 * median(&mut dev);
            let half = (4.0 * sigma).max(1.6f64.ln());
            self.ranges.insert(
                pair,
                RatioRange {
                    low: middle - half,
                    high: middle + half,
                    units: v.len(),
                },
            );
        }
    }

    /// The fitted ranges, by language pair.
    pub fn ranges(&self) -> &BTreeMap<(String, String), RatioRange> {
        &self.ranges
    }

    /// Checks a unit: `Some` with the first enabled rule that catches it.
    pub fn check(&mut self, tu: &tmx::Tu) -> Option<Dropped> {
        let sides = sides(tu);
        let drop = |rule: Rule, reason: String| Some(Dropped { rule, reason });
        let on = |rule: Rule| self.enabled.contains(&rule);
        if on(Rule::Empty) {
            if let Some(blank) = sides.iter().find(|s| s.1.trim().is_empty()) {
                return drop(Rule::Empty, format!("the {} variant is empty", blank.0));
            }
            if sides.len() < 2 {
                return drop(Rule::Empty, format!("{} variant(s)", sides.len()));
            }
        }
        if on(Rule::Duplicate) {
            let key = hash(
                sides
                    .iter()
                    .map(|(l, t)| (l.as_str(), t.trim().to_string())),
            );
            if !self.exact.insert(key) {
                return drop(Rule::Duplicate, "the same texts as an earlier unit".into());
            }
        }
        if self.enabled.contains(&Rule::NearDuplicate) {
            let key = hash(sides.iter().map(|(l, t)| (l.as_str(), normalised(t))));
            if !self.near.insert(key) {
                return drop(
                    Rule::NearDuplicate,
                    "the same texts as an earlier unit once normalised".into(),
                );
            }
        }
        let on = |rule: Rule| self.enabled.contains(&rule);
        if on(Rule::Identical) {
            for (a, b) in pairs(&sides) {
                if a.1.trim() == b.1.trim() {
                    return drop(
                        Rule::Identical,
                        format!("{} and {} hold the same text", a.0, b.0),
                    );
                }
            }
        }
        if on(Rule::Script) {
            for (lang, text) in &sides {
                if let Some(reason) = wrong_script(lang, text) {
                    return drop(Rule::Script, reason);
                }
            }
        }
        if on(Rule::LengthRatio) {
            for (a, b) in pairs(&sides) {
                let (Some(r), Some(range)) = (
                    log_ratio(&a.1, &b.1),
                    self.ranges.get(&(a.0.clone(), b.0.clone())),
                ) else {
                    continue;
                };
                if r < range.low || r > range.high {
                    return drop(
                        Rule::LengthRatio,
                        format!(
                            "{}/{} length ratio {:.2} is outside {:.2}..{:.2}",
                            a.0,
                            b.0,
                            r.exp(),
                            range.low.exp(),
                            range.high.exp()
                        ),
                    );
                }
            }
        }
        if on(Rule::Numbers) {
            for (a, b) in pairs(&sides) {
                let (na, nb) = (number_keys(&a.1), number_keys(&b.1));
                if na != nb {
                    return drop(
                        Rule::Numbers,
                        format!("{} {:?} ≠ {} {:?}", a.0, na, b.0, nb),
                    );
                }
            }
        }
        if on(Rule::Links) {
            for (a, b) in pairs(&sides) {
                let (la, lb) = (link_keys(&a.1), link_keys(&b.1));
                if la != lb {
                    return drop(Rule::Links, format!("{} {:?} ≠ {} {:?}", a.0, la, b.0, lb));
                }
            }
        }
        if on(Rule::Tags) {
            for tuv in &tu.tuvs {
                if let Some(problem) = unbalanced_tags(&tuv.seg) {
                    return drop(Rule::Tags, format!("{}: {problem}", tuv.lang));
                }
            }
            let counts: Vec<(String, usize)> = tu
                .tuvs
                .iter()
                .map(|v| (tmx::lang::canonical(&v.lang), code_count(&v.seg)))
                .collect();
            if counts.windows(2).any(|w| w[0].1 != w[1].1) {
                let list: Vec<String> = counts.iter().map(|(l, n)| format!("{l} {n}")).collect();
                return drop(
                    Rule::Tags,
                    format!("inline codes per variant differ: {}", list.join(", ")),
                );
            }
        }
        None
    }
}

/// Each variant as (canonical language, plain text), sorted by language so
/// that pairs are always named the same way round.
fn sides(tu: &tmx::Tu) -> Vec<(String, String)> {
    let mut sides: Vec<(String, String)> = tu
        .tuvs
        .iter()
        .map(|v| (tmx::lang::canonical(&v.lang), v.seg.text()))
        .collect();
    sides.sort_by(|a, b| a.0.cmp(&b.0));
    sides
}

fn pairs(
    sides: &[(String, String)],
) -> impl Iterator<Item = (&(String, String), &(String, String))> {
    sides
        .iter()
        .enumerate()
        .flat_map(move |(i, a)| sides[i + 1..].iter().map(move |b| (a, b)))
}

fn log_ratio(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (a.trim().chars().count(), b.trim().chars().count());
    if la.max(lb) < MIN_RATIO_CHARS || la == 0 || lb == 0 {
        return None;
    }
    Some((la as f64 / lb as f64).ln())
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Case, whitespace and punctuation removed, every digit `0` (bifixer's
/// normalisation for near duplicates).
fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect()
}

fn hash<'a>(parts: impl Iterator<Item = (&'a str, String)>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (lang, text) in parts {
        lang.hash(&mut h);
        text.hash(&mut h);
    }
    h.finish()
}

/// Fewer letters than this are too few to judge a script.
const MIN_SCRIPT_LETTERS: usize = 4;

fn wrong_script(lang: &str, text: &str) -> Option<String> {
    use crate::script::Counts;
    let expected = crate::input::expected_script(lang)?;
    let counts = Counts::of_letters(text, usize::MAX);
    let (own, letters) = (counts.get(expected), counts.total());
    (letters >= MIN_SCRIPT_LETTERS && own * 2 < letters)
        .then(|| format!("{lang}: {own} of {letters} letters are {}", expected.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_differ_only_in_case_punctuation_and_digits() {
        assert_eq!(
            normalised("Hello, World 2019!"),
            normalised("hello world 2020")
        );
        assert_ne!(normalised("Hello world"), normalised("Hello word"));
    }

    #[test]
    fn script_is_judged_by_the_majority_of_letters() {
        assert!(wrong_script("en", "Путин выступил в Москве.").is_some());
        assert!(wrong_script("ru", "Компания Apple объявила.").is_none());
        assert!(wrong_script("ar", "OK").is_none());
    }
}
