//! Looking segments up in a memory: the best matches of each, a context
//! match (101) when the segment before matches too, and numbers that
//! differ flagged and substituted into the target (auto-localisation).

use super::index::{Hit, Index};

/// One match of a looked-up segment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Match {
    /// The percentage: 0–100, or 101 for a context match.
    pub score: u32,
    /// The unit's position in the memory (0-based).
    pub unit: usize,
    /// The memory's source text.
    pub source: String,
    /// The memory's target text.
    pub target: String,
    /// The target with the query's numbers in place of the memory's, when
    /// numbers differ and each could be placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localised: Option<String>,
    /// The numbers that differ, as `memory→query`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub number_changes: Vec<String>,
}

/// Looks up each of `segments` (in document order) and gives the best `k`
/// matches of each scoring at least `min`.
pub fn lookup(index: &Index, segments: &[String], min: u32, k: usize) -> Vec<Vec<Match>> {
    use rayon::prelude::*;
    // In parallel over the segments; `collect` keeps their order.
    segments
        .par_iter()
        .enumerate()
        .map(|(i, query)| {
            index
                .search(query, min, k)
                .into_iter()
                .map(|Hit { unit, score }| {
                    let (source, target) = (index.source(unit), index.target(unit));
                    let context = score == 100
                        && i > 0
                        && unit > 0
                        && index.source(unit - 1).trim() == segments[i - 1].trim();
                    let (localised, number_changes) = localise(query, source, target);
                    Match {
                        score: if context { 101 } else { score },
                        unit,
                        source: source.to_string(),
                        target: target.to_string(),
                        localised,
                        number_changes,
                    }
                })
                .collect()
        })
        .collect()
}

/// The numbers of a text: byte range and normalised key.
pub fn number_spans(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let plain: Vec<char> = chars.iter().map(|c| c.1).collect();
    let mut out = Vec::new();
    let mut p = 0;
    while p < plain.len() {
        if crate::align::digit_value(plain[p]).is_some() {
            let (len, key) = crate::align::number(&plain[p..]);
            let len = len.max(1);
            let start = chars[p].0;
            let end = chars.get(p + len).map_or(text.len(), |c| c.0);
            out.push((start..end, key));
            p += len;
        } else {
            p += 1;
        }
    }
    out
}

/// Substitutes the query's numbers for the memory source's in the target.
/// Gives the changes (`memory→query`) and the localised target when every
/// changed number was found in the target.
fn localise(query: &str, source: &str, target: &str) -> (Option<String>, Vec<String>) {
    let q = number_spans(query);
    let s = number_spans(source);
    let mut changes = Vec::new();
    if q.len() != s.len() {
        if q.iter().map(|x| &x.1).ne(s.iter().map(|x| &x.1)) {
            let show = |v: &[(std::ops::Range<usize>, String)], t: &str| -> String {
                v.iter()
                    .map(|(r, _)| &t[r.clone()])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            changes.push(format!("[{}]→[{}]", show(&s, source), show(&q, query)));
        }
        return (None, changes);
    }
    let t = number_spans(target);
    let mut used = vec![false; t.len()];
    let mut replace: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut complete = true;
    for ((qr, qk), (sr, sk)) in q.iter().zip(&s) {
        if qk == sk {
            continue;
        }
        changes.push(format!("{}→{}", &source[sr.clone()], &query[qr.clone()]));
        match t
            .iter()
            .enumerate()
            .find(|(j, (_, tk))| !used[*j] && tk == sk)
        {
            Some((j, (tr, _))) => {
                used[j] = true;
                replace.push((
                    tr.clone(),
                    in_script_of(&query[qr.clone()], &target[tr.clone()]),
                ));
            }
            None => complete = false,
        }
    }
    if changes.is_empty() || !complete {
        return (None, changes);
    }
    replace.sort_by_key(|r| r.0.start);
    let mut out = String::with_capacity(target.len());
    let mut at = 0;
    for (r, text) in replace {
        out.push_str(&target[at..r.start]);
        out.push_str(&text);
        at = r.end;
    }
    out.push_str(&target[at..]);
    (Some(out), changes)
}

/// `number` written with the digits (and Arabic decimal separator) of
/// `like`.
fn in_script_of(number: &str, like: &str) -> String {
    let base = match like
        .chars()
        .find(|c| crate::align::digit_value(*c).is_some())
    {
        Some('\u{0660}'..='\u{0669}') => 0x0660,
        Some('\u{06F0}'..='\u{06F9}') => 0x06F0,
        _ => '0' as u32,
    };
    let arabic_decimal = like.contains('\u{066B}');
    number
        .chars()
        .map(|c| match crate::align::digit_value(c) {
            Some(d) => char::from_u32(base + d).unwrap_or(c),
            None if arabic_decimal && matches!(c, '.' | ',') => '\u{066B}',
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_substituted_in_the_targets_script() {
        let (loc, changes) = localise(
            "Prices rose 5.5% in 2024.",
            "Prices rose 5.2% in 2023.",
            "ارتفعت الأسعار ٥٫٢٪ في ٢٠٢٣.",
        );
        assert_eq!(loc.as_deref(), Some("ارتفعت الأسعار ٥٫٥٪ في ٢٠٢٤."));
        assert_eq!(changes, ["5.2→5.5", "2023→2024"]);
        let (loc, changes) = localise("In 2024.", "In 2023.", "В 2023 году.");
        assert_eq!(loc.as_deref(), Some("В 2024 году."));
        assert_eq!(changes.len(), 1);
        assert_eq!(
            localise("In 2023.", "In 2023.", "В 2023 году."),
            (None, vec![])
        );
    }

    #[test]
    fn a_context_match_is_101() {
        let entries = ["First one.", "Second one."]
            .iter()
            .map(|s| super::super::index::Entry {
                source: s.to_string(),
                target: format!("T {s}"),
            })
            .collect();
        let index = Index::new(entries);
        let doc = vec!["First one.".to_string(), "Second one.".to_string()];
        let got = lookup(&index, &doc, 75, 1);
        assert_eq!(got[0][0].score, 100);
        assert_eq!(got[1][0].score, 101);
        let other = vec!["Other.".to_string(), "Second one.".to_string()];
        assert_eq!(lookup(&index, &other, 75, 1)[1][0].score, 100);
    }
}
