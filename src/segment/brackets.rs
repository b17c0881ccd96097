//! Brackets open on the current line, which keep a sentence boundary out
//! of what they hold.

/// Brackets open on the current line.
///
/// Inside brackets that close on the same line there is no boundary: "The
/// plan (approved last year. Nobody objected.) will cost more." Quotes get
/// no such protection: translation memories split a quotation of several
/// sentences like any other text.
#[derive(Debug, Default, Clone)]
pub(super) struct Nesting {
    brackets: u32,
    /// The next bracket after some position, and whether it closes; valid
    /// for positions up to it until a bracket is passed.
    lookahead: Option<(usize, bool)>,
}

impl Nesting {
    /// Updates the nesting for a bracket character.
    pub(super) fn on_char(&mut self, c: char) {
        match c {
            '(' | '[' => {
                self.brackets = self.brackets.saturating_add(1);
                self.lookahead = None;
            }
            ')' | ']' => {
                self.brackets = self.brackets.saturating_sub(1);
                self.lookahead = None;
            }
            _ => {}
        }
    }

    /// True when a boundary at `at` would fall inside brackets that close
    /// later on the same line, before any new bracket opens.
    pub(super) fn protects(&mut self, bytes: &[u8], at: usize) -> bool {
        if self.brackets == 0 {
            return false;
        }
        if let Some((p, closes)) = self.lookahead {
            if p >= at {
                return closes;
            }
        }
        // Searches between two brackets all end at the same one, so each
        // stretch of the line is searched once.
        let found = next_bracket(bytes, at);
        self.lookahead = Some(found);
        found.1
    }
}

/// The next bracket at or after `from` on the same line, and whether it
/// closes (the end of the line counts as an opening one).
pub(super) fn next_bracket(bytes: &[u8], from: usize) -> (usize, bool) {
    for (k, &b) in bytes[from..].iter().enumerate() {
        match b {
            b')' | b']' => return (from + k, true),
            b'(' | b'[' | b'\n' | b'\r' => return (from + k, false),
            _ => {}
        }
    }
    (bytes.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_are_found_on_the_same_line_only() {
        assert_eq!(next_bracket(b"a ) b", 0), (2, true));
        assert_eq!(next_bracket(b"a \n)", 0), (2, false));
        assert_eq!(next_bracket(b"a ( )", 0), (2, false));
    }
}
