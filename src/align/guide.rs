//! Guide points: sentence pairs that very likely translate each other,
//! found from rare shared anchors. The search band is centred on them.

use super::concepts::PairAnchors;
use super::tokens::PUNCT;

impl PairAnchors {
    /// Points `(i, j)` where sentence `i` of side 0 and sentence `j` of side
    /// 1 very likely translate each other, in order: a literal or word seen
    /// in as many sentences on both sides (and not in too many) pairs its
    /// occurrences in order, and the longest chain of such pairs that never
    /// goes back is kept, less the points with no other point near them.
    /// The search band is centred on them.
    pub fn guide_points(&self) -> Vec<(usize, usize)> {
        let sizes = [self.concepts[0].len(), self.concepts[1].len()];
        let most = ((sizes[0] + sizes[1]) / 100).max(4);
        let occurrences = [0, 1].map(|side| {
            let mut occ: Vec<(u32, u32)> = Vec::new();
            for (i, list) in self.concepts[side].iter().enumerate() {
                let mut last = u32::MAX;
                for &c in list {
                    if c != last && self.class[c as usize] as usize != PUNCT {
                        occ.push((c, i as u32));
                    }
                    last = c;
                }
            }
            occ.sort_unstable();
            occ
        });
        let [a, b] = &occurrences;
        let mut points: Vec<(usize, usize)> = Vec::new();
        let (mut p, mut q) = (0, 0);
        while p < a.len() && q < b.len() {
            let (ca, cb) = (a[p].0, b[q].0);
            if ca < cb {
                p += 1;
                continue;
            }
            if cb < ca {
                q += 1;
                continue;
            }
            let ea = p + a[p..].partition_point(|x| x.0 == ca);
            let eb = q + b[q..].partition_point(|x| x.0 == cb);
            if ea - p == eb - q && ea - p <= most {
                points.extend(
                    a[p..ea]
                        .iter()
                        .zip(&b[q..eb])
                        .map(|(x, y)| (x.1 as usize, y.1 as usize)),
                );
            }
            (p, q) = (ea, eb);
        }
        let chain = longest_chain(points);
        // A true pair has true pairs near it; a chance one stands alone.
        // (With one or two points, nothing contradicts them.)
        const NEAR: usize = 10;
        if chain.len() <= 2 {
            return chain;
        }
        let near = |a: (usize, usize), b: (usize, usize)| {
            a != b && a.0.abs_diff(b.0) <= NEAR && a.1.abs_diff(b.1) <= NEAR
        };
        (0..chain.len())
            .filter(|&k| {
                let lo = k.saturating_sub(NEAR);
                chain[lo..(k + NEAR + 1).min(chain.len())]
                    .iter()
                    .any(|&q| near(chain[k], q))
            })
            .map(|k| chain[k])
            .collect()
    }
}

/// The longest subsequence of `points` in which neither coordinate ever
/// decreases, in order.
fn longest_chain(mut points: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    points.sort_unstable();
    points.dedup();
    // tails[k]: the point ending the best chain of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; points.len()];
    for (k, &(_, j)) in points.iter().enumerate() {
        let at = tails.partition_point(|&t| points[t].1 <= j);
        if at > 0 {
            prev[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(points[k]);
        k = prev[k];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_chain_drops_points_out_of_order() {
        let chain = longest_chain(vec![(0, 0), (5, 50), (1, 1), (2, 2), (3, 0), (4, 4)]);
        assert_eq!(chain, [(0, 0), (1, 1), (2, 2), (4, 4), (5, 50)]);
        assert!(longest_chain(Vec::new()).is_empty());
    }
}
