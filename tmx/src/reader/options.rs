//! The reader's limits.

/// Limits that keep memory bounded on hostile or broken input.
///
/// Every limit gives [`Error::Limit`](crate::Error::Limit) with the position where it was
/// exceeded. Build with [`ReaderOptions::new`] and the setters:
///
/// ```
/// let mut options = tmx::ReaderOptions::new();
/// options.max_variants(50).max_unit_bytes(1 << 20);
/// let xml = r#"<tmx version="1.4"><header srclang="en"/><body/></tmx>"#;
/// let reader = tmx::Reader::with_options(xml.as_bytes(), options)?;
/// # Ok::<(), tmx::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ReaderOptions {
    pub(crate) max_unit_bytes: u64,
    pub(crate) max_depth: usize,
    pub(crate) max_warnings: usize,
    pub(crate) max_variants: usize,
    pub(crate) max_inline_elements: usize,
    pub(crate) max_props: usize,
    pub(crate) max_notes: usize,
    pub(crate) max_lang_bytes: usize,
}

impl Default for ReaderOptions {
    fn default() -> ReaderOptions {
        ReaderOptions {
            max_unit_bytes: 64 << 20,
            max_depth: 32,
            max_warnings: 1000,
            max_variants: 1000,
            max_inline_elements: 10_000,
            max_props: 10_000,
            max_notes: 10_000,
            max_lang_bytes: 128,
        }
    }
}

impl ReaderOptions {
    /// The default limits.
    pub fn new() -> ReaderOptions {
        ReaderOptions::default()
    }

    /// The most bytes one `<tu>` (or the header, or any single piece of
    /// markup between units) may span. By default, 64 MiB.
    pub fn max_unit_bytes(&mut self, bytes: u64) -> &mut ReaderOptions {
        self.max_unit_bytes = bytes;
        self
    }

    /// The deepest nesting of inline elements inside a `<seg>`. By default, 32.
    pub fn max_depth(&mut self, depth: usize) -> &mut ReaderOptions {
        self.max_depth = depth;
        self
    }

    /// How many warnings are kept until taken with
    /// [`Reader::take_warnings`](crate::Reader::take_warnings); later ones are only counted (in total and
    /// by kind). By default, 1000.
    pub fn max_warnings(&mut self, warnings: usize) -> &mut ReaderOptions {
        self.max_warnings = warnings;
        self
    }

    /// The most `<tuv>` in one unit. By default, 1000 (real memories have
    /// a few dozen languages at most).
    pub fn max_variants(&mut self, variants: usize) -> &mut ReaderOptions {
        self.max_variants = variants;
        self
    }

    /// The most inline elements (`bpt ept it ph hi ut sub` and unknown
    /// ones, at any depth) in one `<seg>`. By default, 10,000.
    pub fn max_inline_elements(&mut self, elements: usize) -> &mut ReaderOptions {
        self.max_inline_elements = elements;
        self
    }

    /// The most `<prop>` in one header, unit or variant. By default, 10,000.
    pub fn max_props(&mut self, props: usize) -> &mut ReaderOptions {
        self.max_props = props;
        self
    }

    /// The most `<note>` in one header, unit or variant. By default, 10,000.
    pub fn max_notes(&mut self, notes: usize) -> &mut ReaderOptions {
        self.max_notes = notes;
        self
    }

    /// The longest language code (`xml:lang`, `lang`, `srclang`), in bytes.
    /// By default, 128 (BCP 47 tags in use are under 40).
    pub fn max_lang_bytes(&mut self, bytes: usize) -> &mut ReaderOptions {
        self.max_lang_bytes = bytes;
        self
    }
}
