//! Many short lists of ids kept end to end in one buffer: a list per
//! sentence costs its ids and one offset, not a vector of its own.

use std::ops::{Index, Range};

/// Lists of `u32`, numbered in the order they were pushed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lists {
    items: Vec<u32>,
    /// End of each list in `items`.
    ends: Vec<usize>,
}

impl Lists {
    /// Adds a list at the end.
    pub fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len());
    }

    /// Number of lists.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The lists in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.len()).map(|i| &self[i])
    }

    /// Lists `range`, in order.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = &[u32]> + '_ {
        range.map(|i| &self[i])
    }

    /// Keeps, in every list, the ids for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(u32) -> bool) {
        let mut to = 0;
        let mut from = 0;
        for end in &mut self.ends {
            for k in from..*end {
                let id = self.items[k];
                if keep(id) {
                    self.items[to] = id;
                    to += 1;
                }
            }
            from = *end;
            *end = to;
        }
        self.items.truncate(to);
        self.items.shrink_to_fit();
    }
}

impl Index<usize> for Lists {
    type Output = [u32];

    fn index(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.items[start..self.ends[i]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lists_hold_what_was_pushed_and_retain_filters_each(
            lists in prop::collection::vec(prop::collection::vec(0u32..50, 0..6), 0..20),
        ) {
            let mut flat = Lists::default();
            for list in &lists {
                flat.push(list);
            }
            prop_assert_eq!(flat.len(), lists.len());
            prop_assert_eq!(flat.iter().map(<[u32]>::to_vec).collect::<Vec<_>>(), lists.clone());
            flat.retain(|id| id % 3 != 0);
            for (k, list) in lists.iter().enumerate() {
                let kept: Vec<u32> = list.iter().copied().filter(|id| id % 3 != 0).collect();
                prop_assert_eq!(&flat[k], &kept[..]);
            }
        }
    }
}
