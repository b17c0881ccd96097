//! What must agree across the sides of a unit: numbers (through the
//! aligner's number anchors, which read `٢٨٫٢`, `28.2` and `28,2` alike),
//! URLs and e-mail addresses, and inline tags.

/// The normalised keys of the numbers in `text`, sorted: digits in ASCII,
/// separators dropped, so the same number agrees in any script.
///
/// ```
/// assert_eq!(tmalign::tm::number_keys("Rates rose 28.2% in 2024"), ["2024", "282"]);
/// assert_eq!(tmalign::tm::number_keys("ارتفعت ٢٨٫٢٪ في ٢٠٢٤"), ["2024", "282"]);
/// ```
pub fn number_keys(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut keys = Vec::new();
    let mut p = 0;
    while p < chars.len() {
        let after_digit = p > 0 && crate::align::digit_value(chars[p - 1]).is_some();
        if crate::align::digit_value(chars[p]).is_some() && !after_digit {
            let (len, key) = crate::align::number(&chars[p..]);
            keys.push(key);
            p += len.max(1);
        } else {
            p += 1;
        }
    }
    keys.sort();
    keys
}

/// The URLs and e-mail addresses in `text`, lower-cased, without trailing
/// punctuation, sorted.
pub fn link_keys(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = text
        .split(char::is_whitespace)
        .filter_map(|token| {
            let token = token
                .trim_start_matches(['(', '[', '"', '«', '<', '\''])
                .trim_end_matches([
                    '.', ',', ';', ':', '!', '?', ')', ']', '"', '»', '>', '\'', '،', '؟',
                ]);
            let lower = token.to_lowercase();
            let url = lower.contains("://") || lower.starts_with("www.");
            let email = lower.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty()
                    && host.contains('.')
                    && !host.ends_with('.')
                    && !host.starts_with('.')
            });
            (url || email).then_some(lower)
        })
        .collect();
    keys.sort();
    keys
}

/// Why the inline codes of a segment do not balance: a `<bpt>` without
/// its `<ept>` (or the reverse), by their `i`; `None` when they balance.
pub fn unbalanced_tags(seg: &tmx::Seg) -> Option<String> {
    let mut open: Vec<&str> = Vec::new();
    let mut problems = Vec::new();
    walk(&seg.content, &mut open, &mut problems);
    for i in open {
        problems.push(format!("<bpt i={i:?}> has no <ept>"));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

fn walk<'a>(content: &'a [tmx::Inline], open: &mut Vec<&'a str>, problems: &mut Vec<String>) {
    for node in content {
        match node {
            tmx::Inline::Bpt { i, .. } => open.push(i),
            tmx::Inline::Ept { i, .. } => match open.iter().rposition(|o| o == i) {
                Some(k) => {
                    open.remove(k);
                }
                None => problems.push(format!("<ept i={i:?}> has no <bpt>")),
            },
            tmx::Inline::Hi { content, .. } => walk(content, open, problems),
            _ => {}
        }
    }
}

/// The number of inline codes of a segment (`bpt ept it ph ut`, and those
/// inside `hi`), which a translation keeps.
pub fn code_count(seg: &tmx::Seg) -> usize {
    fn count(content: &[tmx::Inline]) -> usize {
        content
            .iter()
            .map(|node| match node {
                tmx::Inline::Text(_) => 0,
                tmx::Inline::Hi { content, .. } => count(content),
                _ => 1,
            })
            .sum()
    }
    count(&seg.content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_agree_across_scripts() {
        assert_eq!(
            number_keys("٢٨٫٢ و 1 234,5"),
            number_keys("1,234.5 and 28.2")
        );
        assert_ne!(number_keys("in 2019"), number_keys("in 2018"));
        assert!(number_keys("no digits").is_empty());
    }

    #[test]
    fn links_are_compared_without_case_and_punctuation() {
        assert_eq!(
            link_keys("See https://Example.org/a, or mail info@x.com."),
            ["https://example.org/a", "info@x.com"]
        );
        assert!(link_keys("an @ sign, a.b").is_empty());
    }
}
