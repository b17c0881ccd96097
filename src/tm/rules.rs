//! The cleaning rules: their names on the command line and in reports, and
//! what each one means.

/// One cleaning rule. A unit is dropped by the first enabled rule that
/// catches it, in the order of [`Rule::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A variant is empty or whitespace only, or fewer than two are left.
    Empty,
    /// The same texts as an earlier unit.
    Duplicate,
    /// The same texts as an earlier unit once case, whitespace,
    /// punctuation and digits are normalised (as bifixer does).
    NearDuplicate,
    /// Two variants hold the same text (an untranslated copy).
    Identical,
    /// A variant is not written in its language's script.
    Script,
    /// The length ratio of two variants is outside the range fitted to the
    /// memory for that language pair.
    LengthRatio,
    /// The numbers of two variants disagree, in any script.
    Numbers,
    /// The URLs or e-mail addresses of two variants disagree.
    Links,
    /// Inline tags are unbalanced, or the variants hold different numbers
    /// of inline codes.
    Tags,
}

impl Rule {
    /// Every rule, in the order they are checked.
    pub const ALL: [Rule; 9] = [
        Rule::Empty,
        Rule::Duplicate,
        Rule::NearDuplicate,
        Rule::Identical,
        Rule::Script,
        Rule::LengthRatio,
        Rule::Numbers,
        Rule::Links,
        Rule::Tags,
    ];

    /// The name used by `--rules` and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Empty => "empty",
            Rule::Duplicate => "duplicate",
            Rule::NearDuplicate => "near-duplicate",
            Rule::Identical => "identical",
            Rule::Script => "script",
            Rule::LengthRatio => "length-ratio",
            Rule::Numbers => "numbers",
            Rule::Links => "links",
            Rule::Tags => "tags",
        }
    }

    /// What the rule catches, for the report.
    pub fn description(self) -> &'static str {
        match self {
            Rule::Empty => "a variant is empty or whitespace only, or the unit has fewer than two variants",
            Rule::Duplicate => "the same texts as an earlier unit",
            Rule::NearDuplicate => "the same texts as an earlier unit once case, whitespace, punctuation and digits are normalised",
            Rule::Identical => "two variants hold the same text",
            Rule::Script => "a variant is not in its language's script (fewer than half its letters)",
            Rule::LengthRatio => "the length ratio of two variants is outside the range fitted to the memory for that pair",
            Rule::Numbers => "the numbers of two variants disagree (Arabic-Indic and Latin digits and separators read alike)",
            Rule::Links => "the URLs or e-mail addresses of two variants disagree",
            Rule::Tags => "inline tags are unbalanced, or the variants hold different numbers of inline codes",
        }
    }

    /// The rule with this name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
