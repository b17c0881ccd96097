//! Token edit distance on interned ids that gives up as soon as it must
//! exceed a bound: the index verifies a candidate in a few hundred
//! nanoseconds instead of comparing strings.

/// The Levenshtein distance of `a` and `b` if it is at most `max`, else
/// `None`. `row` is scratch. Only the band `|i − j| ≤ max` is computed (a
/// path leaving it already costs more than `max`), and a row whose every
/// cell exceeds `max` ends the search (costs never fall along a path).
pub(crate) fn bounded(a: &[u32], b: &[u32], max: usize, row: &mut Vec<usize>) -> Option<usize> {
    // A shared prefix and suffix cost nothing and leave the distance as is.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > max {
        return None;
    }
    if la == 0 || lb == 0 {
        return Some(la.max(lb));
    }
    let inf = max + 1;
    row.clear();
    row.extend((0..=lb).map(|j| j.min(inf)));
    for i in 1..=la {
        let lo = i.saturating_sub(max).max(1);
        let hi = lb.min(i + max);
        let mut diag = row[lo - 1];
        let mut left = if lo == 1 { i.min(inf) } else { inf };
        row[lo - 1] = left;
        let mut least = left;
        let x = a[i - 1];
        for j in lo..=hi {
            let up = row[j];
            let v = (diag + usize::from(x != b[j - 1]))
                .min(up + 1)
                .min(left + 1)
                .min(inf);
            diag = up;
            row[j] = v;
            left = v;
            least = least.min(v);
        }
        if least > max {
            return None;
        }
    }
    Some(row[lb]).filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn bounded_agrees_with_strsim(
            a in prop::collection::vec(0u32..4, 0..14),
            b in prop::collection::vec(0u32..4, 0..14),
            max in 0usize..16,
        ) {
            let full = strsim::generic_levenshtein(&a, &b);
            let want = (full <= max).then_some(full);
            prop_assert_eq!(bounded(&a, &b, max, &mut Vec::new()), want);
        }
    }

    #[test]
    fn long_sequences_stay_in_the_band() {
        let a: Vec<u32> = (0..500).collect();
        let mut b = a.clone();
        b[100] = 9999;
        b.remove(300);
        assert_eq!(bounded(&a, &b, 2, &mut Vec::new()), Some(2));
        assert_eq!(bounded(&a, &b, 1, &mut Vec::new()), None);
    }
}
